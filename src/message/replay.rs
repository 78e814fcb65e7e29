//! Replay protection as the schema intends: `nonce`, per-sender `sequence_num`, `timestamp` + `ttl`,
//! kept per sender and public key (`docs/formats.md` §1).
//!
//! `ReplayGuard` is pure (time is an argument); `ReplayGuard::load`/`save` persist it in a state
//! directory so a verifier keeps its memory across runs.

use super::model::IfMessage;
use crate::keys;
use crate::time::{format_rfc3339, parse_rfc3339, UnixMillis};
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("expired: sent {sent}, ttl {ttl}s, expired at {expired_at}")]
    Expired { sent: String, ttl: u32, expired_at: String },
    #[error("timestamp {sent} is more than {skew_s}s in the future")]
    FromFuture { sent: String, skew_s: u64 },
    #[error("replayed nonce {nonce}: already seen")]
    ReplayedNonce { nonce: String },
    #[error("sequence_num {got} from {sender} (key {key_id}) does not increase (last seen {last})")]
    SequenceNotIncreasing { sender: String, key_id: String, last: u64, got: u64 },
}

/// Checks that `msg` is within its lifetime at `now`.
pub fn check_fresh(msg: &IfMessage, now: UnixMillis, max_skew_ms: i64) -> Result<(), ReplayError> {
    // The schema validated the timestamp already; an unparsable one cannot reach here.
    let sent = parse_rfc3339(&msg.timestamp).unwrap_or(i64::MIN / 2);
    let expires = sent + msg.ttl as i64 * 1000;
    if now > expires {
        return Err(ReplayError::Expired {
            sent: msg.timestamp.clone(),
            ttl: msg.ttl,
            expired_at: format_rfc3339(expires),
        });
    }
    if sent > now + max_skew_ms {
        return Err(ReplayError::FromFuture { sent: msg.timestamp.clone(), skew_s: (max_skew_ms / 1000) as u64 });
    }
    Ok(())
}

/// What is remembered of one key speaking for one sender.
#[derive(Debug, Default)]
struct KeyState {
    /// Highest sequence number accepted (0: none yet).
    last_seq: u64,
    /// Nonces still within their message's lifetime, with the expiry (Unix ms); older ones can be
    /// forgotten because an expired message is refused anyway.
    nonces: HashMap<String, UnixMillis>,
}

/// Replay state, kept per sender **and** public key: a message moves only the state of the key
/// whose signature it carries (and that verified, and with a trust registry was trusted for its
/// sender). Another key claiming the same sender, even with `sequence_num` 2^53, cannot touch the
/// nonces or sequence numbers of the sender's real key.
#[derive(Debug, Default)]
pub struct ReplayGuard {
    /// (sender, `ed25519:` public key) -> its state.
    keys: BTreeMap<(String, String), KeyState>,
    /// From a state file of format 1 (per sender, before keys were told apart): each sender's
    /// last sequence number is where every one of its keys starts, and the nonces are refused
    /// for every key until they expire, so nothing accepted before the upgrade is accepted again.
    v1_last_seq: BTreeMap<String, u64>,
    v1_nonces: HashMap<String, UnixMillis>,
    /// The file read was of format 1 (it is written back in format 2).
    upgraded: bool,
    path: Option<PathBuf>,
    lock: Option<File>,
}

/// `replay.json`, format 2.
#[derive(Serialize, Deserialize)]
struct StateFile {
    format: String,
    version: u32,
    keys: Vec<KeyEntry>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    v1_last_seq: BTreeMap<String, u64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    v1_nonces: BTreeMap<String, UnixMillis>,
}

#[derive(Serialize, Deserialize)]
struct KeyEntry {
    sender: String,
    public_key: String,
    last_seq: u64,
    nonces: BTreeMap<String, UnixMillis>,
}

/// `replay.json`, format 1: per claimed sender only.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFileV1 {
    #[serde(default)]
    last_seq: BTreeMap<String, u64>,
    #[serde(default)]
    nonces: HashMap<String, UnixMillis>,
}

const STATE_FORMAT: &str = "ifconnect-replay-state";
const STATE_VERSION: u32 = 2;

impl ReplayGuard {
    /// Checks `msg`, whose signature verified against `key`, at `now` and records it if accepted.
    /// Freshness is checked first, so a stale replay is reported as expired; then the nonce, then
    /// the sequence number, both against what `key` sent as `msg.sender` before.
    /// `max_skew_ms: None` skips the freshness check (archives), keeping nonce and sequence checks.
    pub fn admit(
        &mut self,
        msg: &IfMessage,
        key: &VerifyingKey,
        now: UnixMillis,
        max_skew_ms: Option<i64>,
    ) -> Result<(), ReplayError> {
        if let Some(skew) = max_skew_ms {
            check_fresh(msg, now, skew)?;
        }
        let id = (msg.sender.clone(), keys::encode_public(key));
        let state = self.keys.get(&id);
        let seen = |nonces: &HashMap<String, UnixMillis>| nonces.get(&msg.nonce).is_some_and(|&exp| exp >= now);
        if state.is_some_and(|s| seen(&s.nonces)) || seen(&self.v1_nonces) {
            return Err(ReplayError::ReplayedNonce { nonce: msg.nonce.clone() });
        }
        let last = match state {
            Some(s) => s.last_seq,
            None => self.v1_last_seq.get(&msg.sender).copied().unwrap_or(0),
        };
        if last > 0 && msg.sequence_num <= last {
            return Err(ReplayError::SequenceNotIncreasing {
                sender: msg.sender.clone(),
                key_id: keys::key_id(key),
                last,
                got: msg.sequence_num,
            });
        }
        let sent = parse_rfc3339(&msg.timestamp).unwrap_or(now);
        let state = self.keys.entry(id).or_default();
        state.nonces.insert(msg.nonce.clone(), sent + msg.ttl as i64 * 1000);
        state.last_seq = msg.sequence_num;
        Ok(())
    }

    /// Loads the state in `dir` (created if missing) and holds its lock until dropped, so two
    /// verifiers sharing a state directory cannot both accept the same message. A file of format
    /// 1 is read as [`ReplayGuard`] describes and written back in format 2 by [`Self::save`].
    pub fn load(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let lock = File::create(dir.join("replay.lock"))?;
        lock.lock()?;
        let path = dir.join("replay.json");
        let mut guard = match std::fs::read(&path) {
            Ok(bytes) => Self::from_file(&bytes).map_err(|e| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{}: {e}", path.display()))
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ReplayGuard::default(),
            Err(e) => return Err(e),
        };
        guard.path = Some(path);
        guard.lock = Some(lock);
        Ok(guard)
    }

    fn from_file(bytes: &[u8]) -> Result<Self, String> {
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        let Some(version) = value.get("version") else {
            let v1: StateFileV1 = serde_json::from_value(value).map_err(|e| format!("format 1: {e}"))?;
            return Ok(ReplayGuard {
                v1_last_seq: v1.last_seq,
                v1_nonces: v1.nonces,
                upgraded: true,
                ..ReplayGuard::default()
            });
        };
        if version.as_u64() != Some(STATE_VERSION as u64)
            || value.get("format").and_then(|f| f.as_str()) != Some(STATE_FORMAT)
        {
            return Err(format!("unsupported replay state (format {version}; this version reads {STATE_VERSION})"));
        }
        let file: StateFile = serde_json::from_value(value).map_err(|e| e.to_string())?;
        let mut guard = ReplayGuard {
            v1_last_seq: file.v1_last_seq,
            v1_nonces: file.v1_nonces.into_iter().collect(),
            ..ReplayGuard::default()
        };
        for k in file.keys {
            let state = KeyState { last_seq: k.last_seq, nonces: k.nonces.into_iter().collect() };
            guard.keys.insert((k.sender, k.public_key), state);
        }
        Ok(guard)
    }

    /// The number of senders whose sequence numbers came from a state file of format 1, when the
    /// file just loaded was one (a tool can say so once); `None` otherwise.
    pub fn upgraded_from_v1(&self) -> Option<usize> {
        self.upgraded.then_some(self.v1_last_seq.len())
    }

    /// Writes the state atomically (temp file + rename), dropping nonces expired before `now`.
    pub fn save(&mut self, now: UnixMillis) -> std::io::Result<()> {
        let live = |exp: &UnixMillis| *exp >= now;
        self.v1_nonces.retain(|_, exp| live(exp));
        for s in self.keys.values_mut() {
            s.nonces.retain(|_, exp| live(exp));
        }
        let Some(path) = &self.path else { return Ok(()) };
        let file = StateFile {
            format: STATE_FORMAT.into(),
            version: STATE_VERSION,
            keys: self
                .keys
                .iter()
                .map(|((sender, public_key), s)| KeyEntry {
                    sender: sender.clone(),
                    public_key: public_key.clone(),
                    last_seq: s.last_seq,
                    nonces: s.nonces.iter().map(|(n, e)| (n.clone(), *e)).collect(),
                })
                .collect(),
            v1_last_seq: self.v1_last_seq.clone(),
            v1_nonces: self.v1_nonces.iter().map(|(n, e)| (n.clone(), *e)).collect(),
        };
        let tmp = path.with_extension("json.tmp");
        let mut f = File::create(&tmp)?;
        f.write_all(&serde_json::to_vec(&file)?)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::SecretKey;
    use crate::message::{default_scope, Performative, Receiver};

    const NOW: UnixMillis = 1_800_000_000_000;

    fn msg(sender: &str, seq: u64, nonce: u64) -> IfMessage {
        IfMessage {
            performative: Performative::Inform,
            sender: sender.into(),
            receiver: Receiver::One("if://agent/x".into()),
            conversation_id: "if://conversation/0123456789ab".into(),
            topic: None,
            protocol: None,
            content: serde_json::Map::new(),
            citation_ids: None,
            timestamp: format_rfc3339(NOW),
            sequence_num: seq,
            trace_id: Some("0123456789ab".into()),
            nonce: format!("{nonce:024x}"),
            ttl: 300,
            scope: default_scope("test"),
            topic_hash: None,
            hazard: None,
            provenance: None,
            signature: None,
        }
    }

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("ifconnect-replay-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn another_key_claiming_the_sender_never_moves_the_senders_state() {
        let real = SecretKey::from_seed("if://agent/a", [1; 32]).unwrap().verifying();
        let other = SecretKey::from_seed("if://agent/a", [2; 32]).unwrap().verifying();
        let mut g = ReplayGuard::default();
        g.admit(&msg("if://agent/a", 1, 1), &real, NOW, Some(60_000)).unwrap();
        // The poisoning of issue 10: another key, the same sender, sequence_num 2^53.
        g.admit(&msg("if://agent/a", 1 << 53, 2), &other, NOW, Some(60_000)).unwrap();
        g.admit(&msg("if://agent/a", 2, 3), &real, NOW, Some(60_000)).unwrap();
        // Each key's own replays are still refused.
        let err = g.admit(&msg("if://agent/a", 2, 4), &real, NOW, Some(60_000)).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("sequence_num 2 from if://agent/a (key {}) does not increase (last seen 2)", keys::key_id(&real))
        );
        let err = g.admit(&msg("if://agent/a", 1 << 54, 2), &other, NOW, None).unwrap_err();
        assert!(matches!(err, ReplayError::ReplayedNonce { .. }), "{err}");
        // A nonce another key used is no reason to refuse the real key's message.
        g.admit(&msg("if://agent/a", 3, 2), &real, NOW, None).unwrap();
    }

    #[test]
    fn state_survives_a_save_and_format_1_is_read_keeping_what_it_accepted() {
        let key = SecretKey::from_seed("if://agent/a", [1; 32]).unwrap().verifying();
        let other = SecretKey::from_seed("if://agent/a", [2; 32]).unwrap().verifying();
        let dir = tmp("v1");
        std::fs::create_dir_all(&dir).unwrap();
        let far = NOW + 3_600_000;
        std::fs::write(
            dir.join("replay.json"),
            format!(r#"{{"last_seq":{{"if://agent/a":5}},"nonces":{{"{:024x}":{far}}}}}"#, 9),
        )
        .unwrap();
        let mut g = ReplayGuard::load(&dir).unwrap();
        assert_eq!(g.upgraded_from_v1(), Some(1));
        // Every key of the sender starts above the old per-sender number; old nonces stay refused.
        assert!(matches!(
            g.admit(&msg("if://agent/a", 5, 1), &key, NOW, None),
            Err(ReplayError::SequenceNotIncreasing { last: 5, .. })
        ));
        assert!(matches!(
            g.admit(&msg("if://agent/a", 9, 9), &other, NOW, None),
            Err(ReplayError::ReplayedNonce { .. })
        ));
        g.admit(&msg("if://agent/a", 6, 1), &key, NOW, None).unwrap();
        g.save(NOW).unwrap();
        drop(g);
        let text = std::fs::read_to_string(dir.join("replay.json")).unwrap();
        assert!(
            text.starts_with(r#"{"format":"ifconnect-replay-state","version":2,"keys":[{"sender":"if://agent/a","#),
            "{text}"
        );
        let mut g = ReplayGuard::load(&dir).unwrap();
        assert_eq!(g.upgraded_from_v1(), None);
        assert!(matches!(
            g.admit(&msg("if://agent/a", 6, 2), &key, NOW, None),
            Err(ReplayError::SequenceNotIncreasing { last: 6, .. })
        ));
        assert!(matches!(g.admit(&msg("if://agent/a", 9, 1), &key, NOW, None), Err(ReplayError::ReplayedNonce { .. })));
        g.admit(&msg("if://agent/a", 6, 3), &other, NOW, None).unwrap();
        drop(g);
        std::fs::write(dir.join("replay.json"), r#"{"format":"ifconnect-replay-state","version":3,"keys":[]}"#)
            .unwrap();
        let err = ReplayGuard::load(&dir).unwrap_err().to_string();
        assert!(err.ends_with("replay.json: unsupported replay state (format 3; this version reads 2)"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
