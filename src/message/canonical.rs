//! The fast path for an IFMessage that arrives in canonical form (as every signer here writes it,
//! and as the witness log stores it): schema and signature checks prepared from the bytes, without
//! building a JSON tree or serialising anything again.
//!
//! [`check_canonical`] answers `Some` only for a message that `IfMessage::check_value` and
//! `prepare_with` accept, with the same result (what is signed, by which key, from which sender);
//! on `None` the caller takes the general path, which gives the reason.

use super::model::IfMessage;
use super::sign::{public_key_of, signature_of, Prepared, SIGNATURE_DOMAIN};
use crate::json::scan::{self, Member};
use std::ops::Range;

/// A message that passed the schema, with its signature ready for (batch) verification.
#[derive(Debug)]
pub struct CanonicalMessage {
    /// The typed message, with an empty `content` (the bulk of a message, never copied).
    pub message: IfMessage,
    pub prepared: Prepared,
}

/// `text` as one canonical IFMessage; see [`check_canonical`].
pub fn check_canonical_text(text: &[u8]) -> Option<CanonicalMessage> {
    let mut members = Vec::with_capacity(32);
    if !scan::canonical_object(text, 1, &mut members) {
        return None;
    }
    check_canonical(text, 0..text.len(), &members)
}

/// The message at `range` of `buf`, already checked canonical by `json::scan::canonical_object`,
/// whose top-level members (in order, ranges into `buf`) are `members`.
pub fn check_canonical(buf: &[u8], range: Range<usize>, members: &[Member]) -> Option<CanonicalMessage> {
    let key = |m: &Member| &buf[m.key.clone()];
    let content = members.iter().find(|m| key(m) == b"content")?;
    let signature = members.iter().position(|m| key(m) == b"signature")?;
    if buf.get(content.value.start) != Some(&b'{') {
        return None;
    }
    // The schema check sees the message with `content` emptied, as `IfMessage::check_value` does.
    let mut emptied = Vec::with_capacity(range.len());
    emptied.extend_from_slice(&buf[range.start..content.value.start]);
    emptied.extend_from_slice(b"{}");
    emptied.extend_from_slice(&buf[content.value.end..range.end]);
    let message: IfMessage = serde_json::from_slice(&emptied).ok()?;
    message.check(true).ok()?;
    let sig = message.signature.as_ref()?;
    // signed_fields must be exactly the message's fields but `signature`: the members are sorted
    // and distinct, so compare with the sorted list.
    let mut fields: Vec<&[u8]> = sig.signed_fields.iter().map(String::as_bytes).collect();
    fields.sort_unstable();
    let unsigned = members.iter().enumerate().filter(|(i, _)| *i != signature).map(|(_, m)| key(m));
    if fields.len() + 1 != members.len() || !fields.iter().copied().eq(unsigned) {
        return None;
    }
    let prepared = Prepared {
        key: public_key_of(Some(&sig.public_key)).ok()?,
        signature: signature_of(Some(&sig.signature_bytes)).ok()?,
        signed: signed_bytes(buf, range, members, signature),
    };
    Some(CanonicalMessage { message, prepared })
}

/// The signing domain, then the canonical message without member `omit`: the canonical text with
/// that member and one comma cut out.
fn signed_bytes(buf: &[u8], range: Range<usize>, members: &[Member], omit: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(SIGNATURE_DOMAIN.len() + range.len());
    out.extend_from_slice(SIGNATURE_DOMAIN);
    let cut = &members[omit];
    let (from, to) = match (omit.checked_sub(1).map(|i| &members[i]), members.get(omit + 1)) {
        (Some(before), _) => (before.value.end, cut.value.end),
        (None, Some(after)) => (cut.start, after.start),
        (None, None) => (cut.start, cut.value.end),
    };
    out.extend_from_slice(&buf[range.start..from]);
    out.extend_from_slice(&buf[to..range.end]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;
    use crate::keys::SecretKey;
    use crate::message::{prepare_with, sign_map};
    use serde_json::{json, Value};

    fn signed(key: &SecretKey, extra: &[(&str, Value)]) -> Value {
        let mut v = json!({
            "performative": "inform", "sender": key.agent, "receiver": "if://agent/x",
            "conversation_id": "if://conversation/0123456789ab", "content": {"b": [1, {"c": "\u{1F600}"}], "a": 1},
            "timestamp": "2026-12-01T00:00:00Z", "sequence_num": 1, "nonce": "0123456789abcdef01234567",
            "ttl": 300, "scope": {"mission_id": "m", "workflow": "w", "domain": "technical"},
        });
        for (k, x) in extra {
            v[*k] = x.clone();
        }
        sign_map(v.as_object_mut().unwrap(), key);
        v
    }

    fn general(v: &Value) -> Option<(IfMessage, Prepared)> {
        let mut v = v.clone();
        let msg = IfMessage::check_value(&mut v).ok()?;
        let parts = json::canonical_parts(v.as_object()?, "signature");
        Some((msg, prepare_with(v.as_object()?, Some(parts.without)).ok()?))
    }

    #[test]
    fn agrees_with_the_general_path() {
        let key = SecretKey::from_seed("if://agent/a", [7; 32]).unwrap();
        for extra in [
            vec![],
            vec![("topic", json!("if://topic/x")), ("hazard", json!({"type": "privacy", "severity": "low"}))],
            vec![("citation_ids", json!(["cit:1"])), ("trace_id", json!("0123456789ab"))],
        ] {
            let v = signed(&key, &extra);
            let text = json::canonical(&v);
            let general = general(&v);
            let fast = check_canonical_text(&text);
            match (&general, &fast) {
                (None, None) => {}
                (Some((m, p)), Some(f)) => {
                    assert_eq!((&f.message.sender, f.message.sequence_num), (&m.sender, m.sequence_num));
                    assert_eq!((f.prepared.key, f.prepared.signature), (p.key, p.signature));
                    assert_eq!(f.prepared.signed, p.signed);
                    crate::message::verify_prepared(&f.prepared).unwrap();
                }
                _ => panic!("{extra:?}: general {:?}, fast {:?}", general.is_some(), fast.is_some()),
            }
            assert!(fast.is_some(), "{extra:?}");
        }
        // Unknown top-level fields fail the schema on both paths.
        assert!(check_canonical_text(&json::canonical(&signed(&key, &[("zz", json!(1))]))).is_none());
        assert!(check_canonical_text(&json::canonical(&signed(&key, &[]))).is_some());
        // So does a member slipped into the signature block, which no signature covers (found by
        // tests/hostile.rs: such a message verified).
        let mut padded = signed(&key, &[]);
        padded["signature"]["note"] = json!("unsigned");
        assert!(check_canonical_text(&json::canonical(&padded)).is_none());
        let refused = crate::message::verify_message(&padded, None).unwrap_err().to_string();
        assert!(refused.contains("`signature.note` is not signed"), "{refused}");
    }

    #[test]
    fn signed_bytes_cut_any_member() {
        let v = json!({"a": 1, "m": {"x": [2]}, "z": "s"});
        let text = json::canonical(&v);
        let mut members = Vec::new();
        assert!(json::scan::canonical_object(&text, 1, &mut members));
        for (i, name) in ["a", "m", "z"].iter().enumerate() {
            let want = [SIGNATURE_DOMAIN, &json::canonical_parts(v.as_object().unwrap(), name).without].concat();
            assert_eq!(signed_bytes(&text, 0..text.len(), &members, i), want, "{name}");
        }
        let one = br#"{"a":1}"#;
        let mut members = Vec::new();
        assert!(json::scan::canonical_object(one, 1, &mut members));
        assert_eq!(signed_bytes(one, 0..one.len(), &members, 0), [SIGNATURE_DOMAIN, b"{}"].concat());
    }

    #[test]
    fn refuses_uncovered_fields_bad_keys_and_non_canonical_text() {
        let key = SecretKey::from_seed("if://agent/a", [7; 32]).unwrap();
        let v = signed(&key, &[]);
        let mut unsigned = v.clone();
        unsigned["topic"] = json!("if://topic/x");
        let mut dropped = v.clone();
        dropped["signature"]["signed_fields"].as_array_mut().unwrap().pop();
        let mut twice = v.clone();
        twice["signature"]["signed_fields"].as_array_mut().unwrap()[0] = json!("ttl");
        let mut weak = v.clone();
        weak["signature"]["public_key"] = json!(format!("ed25519:{}", "A".repeat(43) + "="));
        let mut pretty = serde_json::to_vec_pretty(&v).unwrap();
        pretty.retain(|b| *b != b'\n');
        for bad in [
            json::canonical(&unsigned),
            json::canonical(&dropped),
            json::canonical(&twice),
            json::canonical(&weak),
            pretty,
        ] {
            assert!(check_canonical_text(&bad).is_none(), "{}", String::from_utf8_lossy(&bad));
        }
    }
}
