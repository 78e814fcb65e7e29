//! The limits of an IFMessage, defined once (specified in `docs/formats.md`, "Limits").
//!
//! Every signer refuses to sign beyond them and every verifier, the witness log included,
//! refuses what lies beyond them, so what one tool emits every other tool accepts, and what the
//! log accepts every log command reads back:
//! - [`MAX_DEPTH`]: nesting of objects and arrays, the message object being level 1. The log
//!   stores a message one level down in its entry record and a proof one level down in its
//!   proof object, which stays within the JSON parser's own limit (127 levels).
//! - [`MAX_MESSAGE_BYTES`]: the canonical (RFC 8785) form of the whole message, signature
//!   included, which is exactly the line every tool writes: the default line limit of every
//!   reader ([`crate::jsonl::DEFAULT_MAX_LINE`]).

use serde_json::Value;

/// Deepest nesting of objects and arrays in a message; the message object itself is level 1,
/// so `content` may nest 63 levels.
pub const MAX_DEPTH: usize = 64;

/// Largest message, in bytes of its canonical form (as every tool writes it, one line).
pub const MAX_MESSAGE_BYTES: usize = crate::jsonl::DEFAULT_MAX_LINE;

/// A message beyond one of the limits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LimitError {
    #[error("message nests deeper than {limit} levels of objects and arrays")]
    TooDeep { limit: usize },
    #[error("message is {bytes} bytes in canonical form, more than the limit of {limit}")]
    TooLarge { bytes: usize, limit: usize },
    /// A signer's bound, before the message exists (`MessageSpec::check_limits`).
    #[error("the signed message would be up to {bytes} bytes in canonical form, more than the limit of {limit}")]
    WouldBeTooLarge { bytes: usize, limit: usize },
}

/// Nesting depth of `value` (a scalar is 0, `{}` and `[]` 1), counted up to `stop`: a value
/// nested deeper than `stop` reports `stop + 1`. Iterative, so no value can exhaust the stack.
pub fn depth(value: &Value, stop: usize) -> usize {
    let mut deepest = 0;
    let mut pending: Vec<(&Value, usize)> = vec![(value, 1)];
    while let Some((v, level)) = pending.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        deepest = deepest.max(level);
        if deepest > stop {
            return stop + 1;
        }
        pending.extend(children.filter(|c| c.is_array() || c.is_object()).map(|c| (c, level + 1)));
    }
    deepest
}

/// Checks the nesting of a whole message.
pub fn check_depth(message: &Value) -> Result<(), LimitError> {
    check_depth_at(message, 1)
}

/// Checks the nesting of `value` found `level` levels below the top of a message (the message
/// object is level 1; its `content` object is level 2).
pub fn check_depth_at(value: &Value, level: usize) -> Result<(), LimitError> {
    let room = (MAX_DEPTH + 1).saturating_sub(level);
    if depth(value, room) > room {
        return Err(LimitError::TooDeep { limit: MAX_DEPTH });
    }
    Ok(())
}

/// Checks the size of a message given its canonical form's length.
pub fn check_size(canonical_len: usize) -> Result<(), LimitError> {
    if canonical_len > MAX_MESSAGE_BYTES {
        return Err(LimitError::TooLarge { bytes: canonical_len, limit: MAX_MESSAGE_BYTES });
    }
    Ok(())
}

/// Both limits of a message, given its canonical form.
pub fn check(message: &Value, canonical: &[u8]) -> Result<(), LimitError> {
    check_size(canonical.len())?;
    check_depth(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn nested(levels: usize) -> Value {
        let mut v = json!(1);
        for _ in 0..levels {
            v = json!([v]);
        }
        v
    }

    #[test]
    fn depth_counts_containers_and_stops_early() {
        assert_eq!(depth(&json!(1), 10), 0);
        assert_eq!(depth(&json!({}), 10), 1);
        assert_eq!(depth(&json!({"a": [1, {"b": []}], "c": 2}), 10), 4);
        assert_eq!(depth(&nested(50), 100), 50);
        assert_eq!(depth(&nested(50), 20), 21);
    }

    #[test]
    fn limits_at_and_beyond() {
        assert_eq!(check_depth(&nested(MAX_DEPTH)), Ok(()));
        assert_eq!(check_depth(&nested(MAX_DEPTH + 1)), Err(LimitError::TooDeep { limit: MAX_DEPTH }));
        assert_eq!(check_depth_at(&nested(MAX_DEPTH - 1), 2), Ok(()));
        assert!(check_depth_at(&nested(MAX_DEPTH), 2).is_err());
        assert_eq!(check_size(MAX_MESSAGE_BYTES), Ok(()));
        assert_eq!(
            check_size(MAX_MESSAGE_BYTES + 1),
            Err(LimitError::TooLarge { bytes: MAX_MESSAGE_BYTES + 1, limit: MAX_MESSAGE_BYTES })
        );
    }
}
