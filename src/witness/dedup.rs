//! Duplicate messages in a log: the same nonce signed by the same key twice.
//!
//! A message identifies itself by its `nonce` and the key that signed it (keyed by the key, not
//! the claimed sender, so nobody can block another key's message by taking its nonce first). A
//! copy only matters while the message is within its lifetime (`timestamp + ttl`): `append`
//! refuses expired messages, so it keeps just the identities not yet expired. `verify` keeps those
//! not expired by the log's own clock, the newest timestamp seen less [`MAX_SKEW_MS`]: an
//! appender refuses a message expired at its clock, and no entry can carry a timestamp more than
//! that skew ahead of the appender's clock. Memory is therefore bounded by the messages of one
//! lifetime (at most 3600 s plus the skew), not by the length of the log.

use super::log::LogErrorKind;
use crate::time::{parse_rfc3339, UnixMillis};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// How far ahead of the appender's clock a message's timestamp may be (as `verify`'s default
/// `--max-skew`).
pub const MAX_SKEW_MS: i64 = 60_000;

/// A message's identity and lifetime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageId {
    /// First 16 bytes of SHA-256(public key text || 0x00 || nonce).
    id: [u8; 16],
    /// `timestamp`, Unix ms.
    pub sent: UnixMillis,
    pub ttl: u32,
}

impl MessageId {
    fn new(public_key: &str, nonce: &str, timestamp: &str, ttl: u64) -> Option<Self> {
        let sent = parse_rfc3339(timestamp).ok()?;
        let mut h = Sha256::new();
        h.update(public_key.as_bytes());
        h.update([0]);
        h.update(nonce.as_bytes());
        let id = h.finalize()[..16].try_into().expect("16 of 32 bytes");
        Some(MessageId { id, sent, ttl: u32::try_from(ttl).ok()? })
    }

    /// Of a message value; `None` when it lacks the fields (the schema check reports that).
    pub fn of(message: &Value) -> Option<Self> {
        let text = |k: &str| message.get(k).and_then(Value::as_str);
        let key = message.pointer("/signature/public_key").and_then(Value::as_str)?;
        Self::new(key, text("nonce")?, text("timestamp")?, message.get("ttl")?.as_u64()?)
    }

    /// Of a message's canonical bytes, reading only the fields it needs.
    pub fn of_canonical(bytes: &[u8]) -> Option<Self> {
        #[derive(serde::Deserialize)]
        struct Sig<'a> {
            #[serde(borrow)]
            public_key: std::borrow::Cow<'a, str>,
        }
        #[derive(serde::Deserialize)]
        struct Fields<'a> {
            #[serde(borrow)]
            nonce: std::borrow::Cow<'a, str>,
            #[serde(borrow)]
            timestamp: std::borrow::Cow<'a, str>,
            ttl: u64,
            #[serde(borrow)]
            signature: Sig<'a>,
        }
        let f: Fields = serde_json::from_slice(bytes).ok()?;
        Self::new(&f.signature.public_key, &f.nonce, &f.timestamp, f.ttl)
    }

    /// End of the message's lifetime, Unix ms.
    pub fn expires(&self) -> UnixMillis {
        self.sent.saturating_add(self.ttl as i64 * 1000)
    }
}

/// The identities of a log's entries still within their lifetime, with their entry index.
#[derive(Clone, Debug, Default)]
pub struct Recent {
    ids: HashMap<[u8; 16], (u64, UnixMillis)>,
    /// The log's clock for `verify`: the newest timestamp seen.
    newest: Option<UnixMillis>,
    /// Size after the last sweep, so sweeps cost O(1) per entry on average.
    swept: usize,
    /// `verify`: a duplicate is an error. `append`: the log is what it is; new copies are refused.
    report: bool,
    /// `append`'s clock: what expired before it is not kept.
    now: UnixMillis,
}

impl Recent {
    /// For `verify`: duplicates are reported, the window follows the log's timestamps.
    pub fn reporting() -> Self {
        Recent { report: true, ..Recent::default() }
    }

    /// For `append` at `now` (moved on with [`Recent::set_now`]): identities are kept while
    /// their message lives.
    pub fn appending(now: UnixMillis) -> Self {
        Recent { now, ..Recent::default() }
    }

    pub fn set_now(&mut self, now: UnixMillis) {
        self.now = now;
        self.sweep(now);
    }

    /// Records entry `index`; under [`Recent::reporting`], a repeat of an entry still in the
    /// window is an error.
    pub fn record(&mut self, index: u64, id: &MessageId) -> Result<(), LogErrorKind> {
        if self.report {
            let newest = self.newest.map_or(id.sent, |n| n.max(id.sent));
            self.newest = Some(newest);
            self.sweep(newest - MAX_SKEW_MS);
        } else if id.expires() < self.now {
            return Ok(());
        } else {
            self.sweep(self.now);
        }
        match self.ids.insert(id.id, (index, id.expires())) {
            Some((first, _)) if self.report => Err(LogErrorKind::DuplicateMessage { first }),
            Some(old) => {
                // Keep the first copy's index.
                self.ids.insert(id.id, old);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// The entry that already holds this message, if it is still within its lifetime at `now`.
    pub fn holds(&self, id: &MessageId, now: UnixMillis) -> Option<u64> {
        self.ids.get(&id.id).filter(|(_, expires)| *expires >= now).map(|(i, _)| *i)
    }

    /// Forgets identities expired before `now` (amortised: only once the set has doubled).
    pub fn sweep(&mut self, now: UnixMillis) {
        if self.ids.len() < 2 * self.swept + 1024 {
            return;
        }
        self.ids.retain(|_, (_, expires)| *expires >= now);
        self.swept = self.ids.len();
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::format_rfc3339;
    use serde_json::json;

    fn msg(key: &str, nonce: &str, sent: UnixMillis, ttl: u32) -> Value {
        json!({"nonce": nonce, "timestamp": format_rfc3339(sent), "ttl": ttl, "signature": {"public_key": key}})
    }

    #[test]
    fn identity_is_key_and_nonce_from_either_form() {
        let m = msg("ed25519:AAAA", "00112233445566778899aabb", 1_000_000, 300);
        let id = MessageId::of(&m).unwrap();
        assert_eq!(MessageId::of_canonical(&crate::json::canonical(&m)), Some(id.clone()));
        assert_eq!(id.expires(), 1_300_000);
        assert_ne!(MessageId::of(&msg("ed25519:BBBB", "00112233445566778899aabb", 1_000_000, 300)).unwrap().id, id.id);
        assert_eq!(MessageId::of(&json!({"nonce": "x"})), None);
    }

    #[test]
    fn verify_reports_a_repeat_within_the_window_in_bounded_memory() {
        let mut r = Recent::reporting();
        let t0 = 1_800_000_000_000;
        let a = MessageId::of(&msg("k", "a", t0, 300)).unwrap();
        r.record(0, &a).unwrap();
        r.record(1, &MessageId::of(&msg("k", "b", t0 + 1000, 300)).unwrap()).unwrap();
        assert_eq!(r.record(2, &a), Err(LogErrorKind::DuplicateMessage { first: 0 }));
        // A day of messages, one a second, each living 300 s: the window stays near 360 of them.
        let mut r = Recent::reporting();
        for i in 0..86_400 {
            r.record(i, &MessageId::of(&msg("k", &format!("{i}"), t0 + i as i64 * 1000, 300)).unwrap()).unwrap();
        }
        assert!(r.len() < 2 * 360 + 1024 + 1, "{} identities kept", r.len());
    }

    #[test]
    fn append_keeps_the_first_copy_and_forgets_expired_ones() {
        let mut r = Recent::appending(0);
        let a = MessageId::of(&msg("k", "a", 1000, 1)).unwrap();
        r.record(4, &a).unwrap();
        r.record(9, &a).unwrap();
        assert_eq!(r.holds(&a, 1500), Some(4));
        assert_eq!(r.holds(&a, 2001), None, "expired: refused as such, not as a copy");
        // Reading a long log at open keeps only what still lives.
        let mut r = Recent::appending(100_000_000);
        for i in 0..100_000u64 {
            r.record(i, &MessageId::of(&msg("k", &format!("{i}"), i as i64 * 1000, 300)).unwrap()).unwrap();
        }
        assert!(r.len() <= 400, "{} identities kept", r.len());
    }
}
