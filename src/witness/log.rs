//! The witness log's on-disk records and the sequential state machine that checks them.
//!
//! A log is JSONL; every line is the RFC 8785 canonical form of one record (specified in
//! `docs/formats.md`):
//! - line 1, `{"type":"header",...}`: format, version, origin and the witness's verifier key, all
//!   of it checked by every checkpoint (origin in the body, key by the signature), so the header
//!   carries nothing unauthenticated;
//! - `{"type":"entry","index":i,"prev":H(i-1),"hash":H(i),"message":{...}}`;
//! - `{"type":"checkpoint","note":"<C2SP signed note>"}` over all entries before it.
//!
//! `H(i) = SHA-256("ifconnect/witness/entry/v1\0" || u64be(i) || H(i-1) || leaf(i))` with
//! `H(-1)` = 32 zero bytes and `leaf(i)` = RFC 6962 leaf hash of the message's canonical bytes.

use super::dedup::{MessageId, Recent};
use super::merkle::{leaf_hash, Frontier, Hash};
use super::note::{self, Checkpoint, NoteError};
use crate::json;
use crate::message::{self, IfMessage, Prepared, VerifyError};
use ed25519_dalek::VerifyingKey;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::fmt;

pub const FORMAT: &str = "ifconnect-witness";
pub const VERSION: u64 = 1;
const ENTRY_DOMAIN: &[u8] = b"ifconnect/witness/entry/v1\0";

pub fn entry_hash(index: u64, prev: &Hash, leaf: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update(ENTRY_DOMAIN);
    h.update(index.to_be_bytes());
    h.update(prev);
    h.update(leaf);
    h.finalize().into()
}

/// What is wrong with a log, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogError {
    /// 1-based line number in the log file.
    pub line: u64,
    /// Entry index, when the line is (or claims to be) an entry.
    pub index: Option<u64>,
    pub kind: LogErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LogErrorKind {
    #[error("torn last line ({bytes} bytes without a newline, probably a crash mid-write); run `if-witness repair` to move it aside")]
    Torn { bytes: u64 },
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("line is not in canonical form (edited by hand or by another tool)")]
    NotCanonical,
    #[error("bad record: {0}")]
    BadRecord(String),
    #[error("the first line must be the log header")]
    MissingHeader,
    #[error("unsupported log format {0}")]
    UnsupportedFormat(String),
    #[error("expected entry {expected}, found entry {found} (entry deleted, inserted or reordered)")]
    IndexMismatch { expected: u64, found: u64 },
    #[error("prev does not match the hash of entry {0} (chain broken: entry deleted, inserted or reordered)")]
    PrevMismatch(i128),
    #[error("entry hash does not match its content (entry altered)")]
    HashMismatch,
    #[error("message: {0}")]
    Message(Box<VerifyError>),
    #[error("checkpoint: {0}")]
    Note(NoteError),
    #[error("checkpoint origin `{found}` is not this log's origin `{expected}`")]
    WrongOrigin { expected: String, found: String },
    #[error("checkpoint covers {claimed} entries but follows {actual}")]
    CheckpointSize { claimed: u64, actual: u64 },
    #[error("checkpoint root does not match entries 0..{size} (entries altered after signing)")]
    RootMismatch { size: u64 },
    #[error("log has {entries} entries but the trusted checkpoint covers {size} (log truncated)")]
    Truncated { size: u64, entries: u64 },
    #[error("log shrank from {was} to {now} bytes while in use")]
    Shrank { was: u64, now: u64 },
    #[error("duplicate message: the same nonce signed by the same key as entry {first}")]
    DuplicateMessage { first: u64 },
    #[error("checkpoint names a previous checkpoint, but the log has none before it (a checkpoint was removed)")]
    CheckpointWithoutPredecessor,
    #[error("checkpoint does not name the checkpoint before it (line {line}, size {size}): a checkpoint was removed, duplicated or moved")]
    CheckpointOutOfOrder { line: u64, size: u64 },
}

impl fmt::Display for LogError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.index {
            _ if self.line == 0 => write!(f, "{}", self.kind),
            Some(i) => write!(f, "line {} (entry {i}): {}", self.line, self.kind),
            None => write!(f, "line {}: {}", self.line, self.kind),
        }
    }
}

impl std::error::Error for LogError {}

#[derive(Clone, Debug)]
pub struct Header {
    pub origin: String,
    pub witness_name: String,
    pub witness_key: VerifyingKey,
}

impl Header {
    pub fn record(&self) -> Value {
        json!({
            "type": "header",
            "format": FORMAT,
            "version": VERSION,
            "origin": self.origin,
            "witness_key": note::verifier_key(&self.witness_name, &self.witness_key),
        })
    }
}

/// One decoded line. Decoding is independent per line, so it runs in parallel; `LogState::apply`
/// then checks what links lines together.
#[derive(Debug)]
// Entries are nearly every line: boxing them would cost an allocation each.
#[allow(clippy::large_enum_variant)]
pub enum Decoded {
    Header(Header),
    Entry(DecodedEntry),
    Checkpoint(String),
}

#[derive(Debug)]
pub struct DecodedEntry {
    pub index: u64,
    pub prev: Hash,
    pub hash: Hash,
    pub leaf: Hash,
    pub message: Value,
    /// Signature check prepared by `decode` when asked to check messages.
    pub prepared: Option<Prepared>,
    pub sender: Option<String>,
    /// Key and nonce, for duplicates (`dedup`); `None` when the message lacks them.
    pub id: Option<MessageId>,
}

fn hex32(v: Option<&Value>, field: &str) -> Result<Hash, LogErrorKind> {
    let s = v.and_then(Value::as_str).ok_or_else(|| LogErrorKind::BadRecord(format!("missing `{field}`")))?;
    let mut out = [0u8; 32];
    if s.len() != 64 || s.bytes().any(|b| b.is_ascii_uppercase()) || hex::decode_to_slice(s, &mut out).is_err() {
        return Err(LogErrorKind::BadRecord(format!("`{field}` is not 64 lower-case hex digits")));
    }
    Ok(out)
}

/// How much of each entry's message `decode` checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageCheck {
    /// Chain and tree only (appending, reading).
    None,
    /// Also the IFMessage schema and signature shape, ready for batch verification.
    Full,
}

/// Decodes one line (without its newline). Errors carry no line number; the caller adds it.
pub fn decode(line: &[u8], check: MessageCheck) -> Result<Decoded, (Option<u64>, LogErrorKind)> {
    let value = json::parse_strict(line).map_err(|e| (None, LogErrorKind::NotJson(e.to_string())))?;
    let Value::Object(mut obj) = value else { return Err((None, LogErrorKind::BadRecord("not a JSON object".into()))) };
    let kind = obj.get("type").and_then(Value::as_str).unwrap_or("").to_owned();
    let index = obj.get("index").and_then(Value::as_u64);
    let allow = |obj: &serde_json::Map<String, Value>, allowed: &[&str]| -> Result<(), (Option<u64>, LogErrorKind)> {
        match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(k) => Err((index, LogErrorKind::BadRecord(format!("unexpected field `{k}` in {kind} record")))),
            None => Ok(()),
        }
    };
    if kind != "entry" && json::canonical(&Value::Object(obj.clone())) != line {
        return Err((index, LogErrorKind::NotCanonical));
    }
    match kind.as_str() {
        "entry" => {
            allow(&obj, &["type", "index", "prev", "hash", "message"])?;
            let index = index.ok_or((None, LogErrorKind::BadRecord("entry without an integer `index`".into())))?;
            let at = |k| (Some(index), k);
            let prev = hex32(obj.get("prev"), "prev").map_err(at)?;
            let hash = hex32(obj.get("hash"), "hash").map_err(at)?;
            // Moved out, not cloned: verification handles millions of these.
            let mut message =
                obj.remove("message").ok_or_else(|| at(LogErrorKind::BadRecord("entry without `message`".into())))?;
            let parts = match &message {
                Value::Object(m) => json::canonical_parts(m, "signature"),
                other => json::CanonicalParts { full: json::canonical(other), without: Vec::new() },
            };
            // The line must be exactly the canonical record; with the other fields checked above
            // that record is this, so only the message needs serialising.
            if line != entry_line_bytes(index, &prev, &hash, &parts.full).as_slice()
                || obj.get("type") != Some(&Value::from("entry"))
            {
                return Err(at(LogErrorKind::NotCanonical));
            }
            let leaf = leaf_hash(&parts.full);
            if entry_hash(index, &prev, &leaf) != hash {
                return Err(at(LogErrorKind::HashMismatch));
            }
            let id = MessageId::of(&message);
            let (prepared, sender) = match check {
                MessageCheck::None => (None, None),
                MessageCheck::Full => {
                    let limits = message::limits::check_depth(&message)
                        .and_then(|()| message::limits::check_size(parts.full.len()));
                    limits.map_err(|e| at(LogErrorKind::Message(Box::new(e.into()))))?;
                    let msg = IfMessage::check_value(&mut message)
                        .map_err(|e| at(LogErrorKind::Message(Box::new(e.into()))))?;
                    let p = message::prepare_with(message.as_object().expect("checked object"), Some(parts.without))
                        .map_err(|e| at(LogErrorKind::Message(Box::new(e))))?;
                    (Some(p), Some(msg.sender))
                }
            };
            Ok(Decoded::Entry(DecodedEntry { index, prev, hash, leaf, message, prepared, sender, id }))
        }
        "checkpoint" => {
            allow(&obj, &["type", "note"])?;
            let note = obj
                .get("note")
                .and_then(Value::as_str)
                .ok_or((None, LogErrorKind::BadRecord("checkpoint without `note`".into())))?;
            Ok(Decoded::Checkpoint(note.to_owned()))
        }
        "header" => {
            allow(&obj, &["type", "format", "version", "origin", "witness_key"])?;
            let format = obj.get("format").and_then(Value::as_str).unwrap_or("");
            let version = obj.get("version").and_then(Value::as_u64).unwrap_or(0);
            if format != FORMAT || version != VERSION {
                return Err((None, LogErrorKind::UnsupportedFormat(format!("{format} v{version}"))));
            }
            let text = |k: &str| {
                obj.get(k)
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .ok_or((None, LogErrorKind::BadRecord(format!("header without `{k}`"))))
            };
            let (witness_name, witness_key) =
                note::parse_verifier_key(&text("witness_key")?).map_err(|e| (None, LogErrorKind::Note(e)))?;
            Ok(Decoded::Header(Header { origin: text("origin")?, witness_name, witness_key }))
        }
        other => Err((index, LogErrorKind::BadRecord(format!("unknown record type `{other}`")))),
    }
}

/// The canonical entry record (RFC 8785 orders its keys hash, index, message, prev, type),
/// written directly: its fields are hex strings and an integer, which need no escaping.
pub fn entry_line_bytes(index: u64, prev: &Hash, hash: &Hash, canonical_message: &[u8]) -> Vec<u8> {
    let mut line = Vec::with_capacity(canonical_message.len() + 200);
    line.extend_from_slice(b"{\"hash\":\"");
    line.extend_from_slice(hex::encode(hash).as_bytes());
    line.extend_from_slice(b"\",\"index\":");
    line.extend_from_slice(&json::canonical(&Value::from(index)));
    line.extend_from_slice(b",\"message\":");
    line.extend_from_slice(canonical_message);
    line.extend_from_slice(b",\"prev\":\"");
    line.extend_from_slice(hex::encode(prev).as_bytes());
    line.extend_from_slice(b"\",\"type\":\"entry\"}");
    line
}

/// Everything needed to append to or keep checking a log, in O(log n) memory.
#[derive(Clone, Debug, Default)]
pub struct LogState {
    pub header: Option<Header>,
    /// Overrides the header's key for checkpoint signatures (a trusted witness key).
    pub pinned_witness: Option<(String, VerifyingKey)>,
    pub entries: u64,
    pub last_hash: Hash,
    pub tree: Frontier,
    /// Size of the last checkpoint seen, and its line.
    pub last_checkpoint: Option<(u64, u64)>,
    pub checkpoints: u64,
    /// Lines and bytes consumed (complete lines only).
    pub lines: u64,
    pub bytes: u64,
    /// External checkpoints to match as the log passes their size.
    pub expect: Vec<Checkpoint>,
    /// The last checkpoint's note, which the next checkpoint names (`prev_extension`).
    pub last_note: Option<String>,
    /// Recent messages, when duplicates matter (appending, verifying).
    pub recent: Option<Recent>,
}

/// The extension line by which a checkpoint names the one before it in the log, so that a
/// checkpoint removed, duplicated or moved is seen: `ifconnect-prev <size> <base64 SHA-256 of
/// the previous note>`.
pub fn prev_extension(size: u64, note: &str) -> String {
    use base64::Engine;
    let digest = Sha256::digest(note.as_bytes());
    format!("{PREV_EXTENSION}{size} {}", base64::engine::general_purpose::STANDARD.encode(digest))
}

const PREV_EXTENSION: &str = "ifconnect-prev ";

impl LogState {
    pub fn witness(&self) -> Option<(&str, &VerifyingKey)> {
        if let Some((n, k)) = &self.pinned_witness {
            return Some((n, k));
        }
        self.header.as_ref().map(|h| (h.witness_name.as_str(), &h.witness_key))
    }

    /// Applies one decoded line (already counted in `lines`/`bytes` by the caller).
    pub fn apply(&mut self, line: u64, decoded: &Decoded) -> Result<(), LogError> {
        let err = |index, kind| LogError { line, index, kind };
        match decoded {
            Decoded::Header(h) => {
                if self.header.is_some() || line != 1 {
                    return Err(err(None, LogErrorKind::BadRecord("a second header".into())));
                }
                self.header = Some(h.clone());
            }
            _ if self.header.is_none() => return Err(err(None, LogErrorKind::MissingHeader)),
            Decoded::Entry(e) => {
                if e.index != self.entries {
                    return Err(err(
                        Some(e.index),
                        LogErrorKind::IndexMismatch { expected: self.entries, found: e.index },
                    ));
                }
                if e.prev != self.last_hash {
                    return Err(err(Some(e.index), LogErrorKind::PrevMismatch(e.index as i128 - 1)));
                }
                if let (Some(recent), Some(id)) = (self.recent.as_mut(), &e.id) {
                    recent.record(e.index, id).map_err(|kind| err(Some(e.index), kind))?;
                }
                self.tree.push(e.leaf);
                self.last_hash = e.hash;
                self.entries += 1;
                for cp in &self.expect {
                    if cp.size == self.entries && cp.root != self.tree.root() {
                        return Err(err(Some(e.index), LogErrorKind::RootMismatch { size: cp.size }));
                    }
                }
            }
            Decoded::Checkpoint(text) => {
                let (name, key) = self.witness().expect("header checked above");
                let cp = Checkpoint::verify(text, name, key).map_err(|e| err(None, LogErrorKind::Note(e)))?;
                let origin = &self.header.as_ref().expect("header checked").origin;
                if &cp.origin != origin {
                    return Err(err(None, LogErrorKind::WrongOrigin { expected: origin.clone(), found: cp.origin }));
                }
                if cp.size != self.entries {
                    return Err(err(None, LogErrorKind::CheckpointSize { claimed: cp.size, actual: self.entries }));
                }
                if cp.root != self.tree.root() {
                    return Err(err(None, LogErrorKind::RootMismatch { size: cp.size }));
                }
                let named: Vec<&String> = cp.extensions.iter().filter(|x| x.starts_with(PREV_EXTENSION)).collect();
                match (&self.last_note, self.last_checkpoint, named.as_slice()) {
                    (None, _, []) => {}
                    (Some(prev), Some((size, _)), [x]) if **x == prev_extension(size, prev) => {}
                    (None, _, _) => return Err(err(None, LogErrorKind::CheckpointWithoutPredecessor)),
                    (Some(_), at, _) => {
                        let (size, line) = at.unwrap_or_default();
                        return Err(err(None, LogErrorKind::CheckpointOutOfOrder { line, size }));
                    }
                }
                self.last_note = Some(text.clone());
                self.last_checkpoint = Some((cp.size, line));
                self.checkpoints += 1;
            }
        }
        Ok(())
    }

    /// Checks external checkpoints the log never reached.
    pub fn finish(&self) -> Result<(), LogError> {
        if let Some(cp) = self.expect.iter().find(|cp| cp.size > self.entries) {
            return Err(LogError {
                line: self.lines,
                index: None,
                kind: LogErrorKind::Truncated { size: cp.size, entries: self.entries },
            });
        }
        Ok(())
    }

    /// The line (with newline), leaf hash and entry hash of the next entry, given its message's
    /// canonical bytes.
    pub fn entry_record(&self, canonical_message: &[u8]) -> (Vec<u8>, Hash, Hash) {
        let leaf = leaf_hash(canonical_message);
        let hash = entry_hash(self.entries, &self.last_hash, &leaf);
        let mut line = entry_line_bytes(self.entries, &self.last_hash, &hash, canonical_message);
        line.push(b'\n');
        (line, leaf, hash)
    }

    /// Records an entry this process wrote.
    pub fn push_written(&mut self, leaf: Hash, hash: Hash, bytes: u64) {
        self.tree.push(leaf);
        self.last_hash = hash;
        self.entries += 1;
        self.lines += 1;
        self.bytes += bytes;
    }
}

/// Splits a buffer into complete lines; returns them with the length of the torn remainder.
pub fn complete_lines(buf: &[u8]) -> (Vec<&[u8]>, usize) {
    let mut lines = Vec::new();
    let mut start = 0;
    while let Some(pos) = memchr(b'\n', &buf[start..]) {
        lines.push(&buf[start..start + pos]);
        start += pos + 1;
    }
    (lines, buf.len() - start)
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}
