//! Replay protection as the schema intends: `nonce`, per-sender `sequence_num`, `timestamp` + `ttl`.
//!
//! `ReplayGuard` is pure (time is an argument); `ReplayGuard::load`/`save` persist it in a state
//! directory so a verifier keeps its memory across runs.

use super::model::IfMessage;
use crate::time::{format_rfc3339, parse_rfc3339, UnixMillis};
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
    #[error("sequence_num {got} from {sender} does not increase (last seen {last})")]
    SequenceNotIncreasing { sender: String, last: u64, got: u64 },
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

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ReplayGuard {
    /// Highest sequence number accepted per sender.
    last_seq: BTreeMap<String, u64>,
    /// Nonces still within their message's lifetime, with the expiry (Unix ms); older ones can be
    /// forgotten because an expired message is refused anyway.
    nonces: HashMap<String, UnixMillis>,
    #[serde(skip)]
    path: Option<PathBuf>,
    #[serde(skip)]
    lock: Option<File>,
}

impl ReplayGuard {
    /// Checks `msg` at `now` and records it if accepted. Freshness is checked first, so a stale
    /// replay is reported as expired; then the nonce, then the sequence number.
    /// `max_skew_ms: None` skips the freshness check (archives), keeping nonce and sequence checks.
    pub fn admit(&mut self, msg: &IfMessage, now: UnixMillis, max_skew_ms: Option<i64>) -> Result<(), ReplayError> {
        if let Some(skew) = max_skew_ms {
            check_fresh(msg, now, skew)?;
        }
        if self.nonces.get(&msg.nonce).is_some_and(|&exp| exp >= now) {
            return Err(ReplayError::ReplayedNonce { nonce: msg.nonce.clone() });
        }
        if let Some(&last) = self.last_seq.get(&msg.sender) {
            if msg.sequence_num <= last {
                return Err(ReplayError::SequenceNotIncreasing {
                    sender: msg.sender.clone(),
                    last,
                    got: msg.sequence_num,
                });
            }
        }
        let sent = parse_rfc3339(&msg.timestamp).unwrap_or(now);
        self.nonces.insert(msg.nonce.clone(), sent + msg.ttl as i64 * 1000);
        self.last_seq.insert(msg.sender.clone(), msg.sequence_num);
        Ok(())
    }

    /// Loads the state in `dir` (created if missing) and holds its lock until dropped, so two
    /// verifiers sharing a state directory cannot both accept the same message.
    pub fn load(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let lock = File::create(dir.join("replay.lock"))?;
        lock.lock()?;
        let path = dir.join("replay.json");
        let mut guard: ReplayGuard = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{}: {e}", path.display()))
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ReplayGuard::default(),
            Err(e) => return Err(e),
        };
        guard.path = Some(path);
        guard.lock = Some(lock);
        Ok(guard)
    }

    /// Writes the state atomically (temp file + rename), dropping nonces expired before `now`.
    pub fn save(&mut self, now: UnixMillis) -> std::io::Result<()> {
        self.nonces.retain(|_, exp| *exp >= now);
        let Some(path) = &self.path else { return Ok(()) };
        let tmp = path.with_extension("json.tmp");
        let mut f = File::create(&tmp)?;
        f.write_all(&serde_json::to_vec(self)?)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    }
}
