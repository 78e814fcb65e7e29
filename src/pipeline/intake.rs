//! What every tool does with the lines it reads: the `--on-error` rule for bad lines, and one
//! verify-or-reject step for incoming IFMessages (schema, signature, trust, replay).

use crate::json;
use crate::keys::{self, TrustStore};
use crate::message::{self, limits, IfMessage, Prepared, ReplayGuard, VerifyError};
use crate::time::now_millis;
use serde_json::Value;
use std::fmt;

/// What to do with a bad input line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OnError {
    /// Stop at the first bad line and exit non-zero (what came before it is kept).
    #[default]
    Fail,
    /// Report the line on stderr, skip it, carry on, and exit non-zero at the end.
    Skip,
}

/// Counts rejected lines and reports each once on stderr, as `stdin:LINE: reason`.
#[derive(Debug)]
pub struct Rejects {
    on_error: OnError,
    count: u64,
}

impl Rejects {
    pub fn new(on_error: OnError) -> Self {
        Rejects { on_error, count: 0 }
    }

    /// Reports input line `line` as rejected for `reason`; returns true when reading must stop.
    pub fn reject(&mut self, line: u64, reason: &dyn fmt::Display) -> bool {
        self.count += 1;
        tracing::error!("stdin:{line}: {reason}");
        self.on_error == OnError::Fail
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// Says how many lines were skipped (in skip mode); true if any line was rejected.
    pub fn finish(&self) -> bool {
        if self.count > 0 && self.on_error == OnError::Skip {
            tracing::warn!("skipped {} bad input line(s)", self.count);
        }
        self.count > 0
    }
}

/// A tool's reading of its input lines, by one rule: bad lines reported per `--on-error`, a
/// read error kept (it ends the input, and the run with exit 2).
#[derive(Debug)]
pub struct Intake {
    rejects: Rejects,
    failed: Option<std::io::Error>,
    ended: bool,
}

impl Intake {
    pub fn new(on_error: OnError) -> Self {
        Intake { rejects: Rejects::new(on_error), failed: None, ended: false }
    }

    /// The line in `item`, if it is one; bad lines are reported here, the end noted.
    pub fn take(&mut self, item: super::StdinLine) -> Option<(u64, Vec<u8>)> {
        use super::StdinLine;
        if self.ended {
            return None;
        }
        match item {
            StdinLine::Line { number, bytes } => return Some((number, bytes)),
            StdinLine::Bad { number, error } => {
                self.reject(number, &error);
            }
            StdinLine::End => self.ended = true,
            StdinLine::Failed(e) => {
                self.failed = Some(e);
                self.ended = true;
            }
        }
        None
    }

    /// Reports line `number` as rejected; under `--on-error fail` that ends the input.
    pub fn reject(&mut self, number: u64, reason: &dyn fmt::Display) {
        if self.rejects.reject(number, reason) {
            self.ended = true;
        }
    }

    /// True once no more lines will be taken: the input ended, failed, or a bad line stopped it.
    pub fn ended(&self) -> bool {
        self.ended
    }

    /// Whether any line was rejected, or the read error that ended the input.
    pub fn finish(self) -> Result<bool, super::PipelineError> {
        let rejected = self.rejects.finish();
        match self.failed {
            Some(e) => Err(super::PipelineError::Stdin(e)),
            None => Ok(rejected),
        }
    }
}

/// Why an incoming line was not accepted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("expected a JSON object")]
    NotObject,
    /// Schema, signature, trust or replay.
    #[error(transparent)]
    Message(#[from] VerifyError),
    /// A tool-specific reason (e.g. the sender is not the key's agent).
    #[error("{0}")]
    Refused(String),
}

/// A message that passed every check.
#[derive(Debug)]
pub struct Verified {
    pub value: Value,
    pub message: IfMessage,
}

/// Strict JSON (duplicate keys refused) of one line.
pub fn parse_line(line: &[u8]) -> Result<Value, Rejection> {
    json::parse_strict(line).map_err(|e| Rejection::NotJson(e.to_string()))
}

/// The verify-or-reject step: schema, signature, and when given the trust registry (the key
/// must speak for the sender), replay state (nonce, sequence) and freshness (ttl, clock skew).
#[derive(Default)]
pub struct IncomingCheck {
    trust: Option<TrustStore>,
    replay: Option<ReplayGuard>,
    max_skew_ms: Option<i64>,
}

impl IncomingCheck {
    /// Signature and (with `trust`) identity; no replay or freshness checks.
    pub fn new(trust: Option<TrustStore>) -> Self {
        IncomingCheck { trust, replay: None, max_skew_ms: None }
    }

    /// Adds replay state (kept across runs when loaded from a directory) and, with
    /// `max_skew_ms`, the freshness check. Freshness alone works without state.
    pub fn with_replay(mut self, replay: Option<ReplayGuard>, max_skew_ms: Option<i64>) -> Self {
        self.replay = replay;
        self.max_skew_ms = max_skew_ms;
        self
    }

    pub fn trust(&self) -> Option<&TrustStore> {
        self.trust.as_ref()
    }

    pub fn check_line(&mut self, line: &[u8]) -> Result<Verified, Rejection> {
        self.check_value(parse_line(line)?)
    }

    pub fn check_value(&mut self, value: Value) -> Result<Verified, Rejection> {
        let message = message::verify_message(&value, self.trust.as_ref())?;
        let now = now_millis();
        match (self.replay.as_mut(), self.max_skew_ms) {
            // Replay state is the verified key's: another key claiming the sender never moves it.
            (Some(guard), skew) => {
                let key = message
                    .signature
                    .as_ref()
                    .map(|s| keys::decode_public_cached(&s.public_key))
                    .ok_or(VerifyError::Schema(message::SchemaError("missing `signature`".into())))?
                    .map_err(VerifyError::BadPublicKey)?;
                guard.admit(&message, &key, now, skew).map_err(VerifyError::from)?
            }
            (None, Some(skew)) => message::check_fresh(&message, now, skew).map_err(VerifyError::from)?,
            (None, None) => {}
        }
        Ok(Verified { value, message })
    }

    /// Saves the replay state, if any.
    pub fn save(&mut self) -> std::io::Result<()> {
        match self.replay.as_mut() {
            Some(g) => g.save(now_millis()),
            None => Ok(()),
        }
    }

    /// Checks many lines at once (schema, signature, trust; no replay state), on every core for
    /// big batches, with one batch signature equation per chunk. Good lines come back as the
    /// message's canonical bytes (what the witness log stores), in input order.
    pub fn check_batch(&self, lines: &[&[u8]]) -> Vec<Result<Vec<u8>, Rejection>> {
        crate::parallel::map_chunks(lines, 0, 64, |part| self.check_chunk(part))
    }

    fn check_chunk(&self, lines: &[&[u8]]) -> Vec<Result<Vec<u8>, Rejection>> {
        let mut parsed: Vec<Result<(Vec<u8>, Prepared), Rejection>> = lines
            .iter()
            .map(|line| {
                // Canonical input (what every signer here writes) is checked without a JSON tree;
                // over the size limit it takes the general path, which says so (the depth limit
                // is beyond what the fast path takes).
                if let Some(m) =
                    (line.len() <= limits::MAX_MESSAGE_BYTES).then(|| message::check_canonical_text(line)).flatten()
                {
                    if let Some(t) = &self.trust {
                        t.check(&m.message.sender, &m.prepared.key).map_err(VerifyError::from)?;
                    }
                    return Ok((line.to_vec(), m.prepared));
                }
                let mut v = parse_line(line)?;
                limits::check_depth(&v).map_err(VerifyError::from)?;
                let msg = IfMessage::check_value(&mut v).map_err(VerifyError::from)?;
                let map = v.as_object().ok_or(Rejection::NotObject)?;
                let parts = json::canonical_parts(map, "signature");
                limits::check_size(parts.full.len()).map_err(VerifyError::from)?;
                let prepared = message::prepare_with(map, Some(parts.without))?;
                if let Some(t) = &self.trust {
                    t.check(&msg.sender, &prepared.key).map_err(VerifyError::from)?;
                }
                Ok((parts.full, prepared))
            })
            .collect();
        let prepared: Vec<&Prepared> = parsed.iter().filter_map(|r| r.as_ref().ok().map(|(_, p)| p)).collect();
        let mut verdicts = message::verify_many(&prepared).into_iter();
        for r in parsed.iter_mut() {
            if r.is_ok() {
                if let Some(Err(e)) = verdicts.next() {
                    *r = Err(e.into());
                }
            }
        }
        parsed.into_iter().map(|r| r.map(|(bytes, _)| bytes)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::SecretKey;

    fn signed(key: &SecretKey, seq: u64) -> Vec<u8> {
        crate::message::signed_for_test(key, seq, &format!("{seq:024x}"))
    }

    #[test]
    fn batch_and_single_checks_agree() {
        let key = SecretKey::from_seed("if://agent/a", [7; 32]).unwrap();
        let stranger = SecretKey::from_seed("if://agent/a", [8; 32]).unwrap();
        let trust = TrustStore::of(&[&key]);
        let mut lines: Vec<Vec<u8>> = (1..=300).map(|i| signed(&key, i)).collect();
        lines[10] = b"{not json".to_vec();
        lines[150] = String::from_utf8(lines[150].clone()).unwrap().replace("if://agent/x", "if://agent/y").into();
        lines[299] = signed(&stranger, 300);
        let refs: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
        let check = IncomingCheck::new(Some(trust));
        let batch = check.check_batch(&refs);
        let mut single = IncomingCheck::new(check.trust().cloned());
        for (i, (line, got)) in refs.iter().zip(&batch).enumerate() {
            assert_eq!(got.is_ok(), single.check_line(line).is_ok(), "line {i}");
        }
        let bad: Vec<usize> = batch.iter().enumerate().filter(|(_, r)| r.is_err()).map(|(i, _)| i).collect();
        assert_eq!(bad, [10, 150, 299]);
        assert!(matches!(batch[10], Err(Rejection::NotJson(_))));
        assert!(matches!(batch[150], Err(Rejection::Message(VerifyError::BadSignature))));
        assert!(matches!(batch[299], Err(Rejection::Message(VerifyError::Untrusted(_)))));
        assert_eq!(batch[0].as_ref().unwrap(), &lines[0], "good lines come back canonical");
    }

    #[test]
    fn replay_state_refuses_the_second_copy() {
        let key = SecretKey::from_seed("if://agent/a", [7; 32]).unwrap();
        let line = signed(&key, 1);
        let mut check = IncomingCheck::new(None).with_replay(Some(ReplayGuard::default()), Some(60_000));
        assert!(check.check_line(&line).is_ok());
        let again = check.check_line(&line).unwrap_err();
        assert!(matches!(again, Rejection::Message(VerifyError::Replay(_))), "{again}");
    }
}
