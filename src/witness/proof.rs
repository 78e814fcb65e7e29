//! Inclusion and consistency proofs: produced from a log, checked offline against a signed
//! checkpoint. Formats are in `docs/formats.md`.

use super::log::DecodedEntry;
use super::merkle::{self, Hash};
use super::note::{self, Checkpoint, NoteError};
use super::store::{read_entries, StoreError};
use crate::json;
use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::VerifyingKey;
use serde_json::{json, Value};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ProofError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("entry {index} does not exist (log has {entries} entries)")]
    NoSuchEntry { index: u64, entries: u64 },
    #[error("tree size {size} is not available (log has {entries} entries)")]
    NoSuchSize { size: u64, entries: u64 },
    #[error("entry {index} is not covered by a checkpoint yet (last covers {covered}); run `if-witness checkpoint` or pass --size")]
    NotCovered { index: u64, covered: u64 },
    #[error("malformed proof: {0}")]
    Malformed(String),
    /// (Not a `source()`: the text says it already.)
    #[error("checkpoint: {0}")]
    Note(NoteError),
    #[error("{0}")]
    Mismatch(String),
}

impl From<NoteError> for ProofError {
    fn from(e: NoteError) -> Self {
        ProofError::Note(e)
    }
}

fn b64_list(hashes: &[Hash]) -> Vec<String> {
    hashes.iter().map(|h| B64.encode(h)).collect()
}

/// Every leaf hash of the log, and the message of entry `keep` if asked for (only that one is
/// kept: a proof needs 32 bytes per entry, not every message).
fn collect(path: &Path, keep: Option<u64>) -> Result<(Vec<Hash>, Option<Value>, super::log::LogState), StoreError> {
    let mut leaves = Vec::new();
    let mut kept = None;
    let state = read_entries(path, |e: &DecodedEntry| {
        leaves.push(e.leaf);
        if Some(e.index) == keep {
            kept = Some(e.message.clone());
        }
        Ok(())
    })?;
    Ok((leaves, kept, state))
}

/// Inclusion proof of entry `index` in the tree of `size` entries (default: the last checkpoint).
pub fn prove_inclusion(path: &Path, index: u64, size: Option<u64>) -> Result<Value, ProofError> {
    let (leaves, message, state) = collect(path, Some(index))?;
    let entries = state.entries;
    if index >= entries {
        return Err(ProofError::NoSuchEntry { index, entries });
    }
    let covered = state.last_checkpoint.map_or(0, |c| c.0);
    let size = match size {
        Some(s) if s > entries || s <= index => return Err(ProofError::NoSuchSize { size: s, entries }),
        Some(s) => s,
        None if covered <= index => return Err(ProofError::NotCovered { index, covered }),
        None => covered,
    };
    let hashes = merkle::inclusion_proof(&leaves[..size as usize], index as usize);
    let header = state.header.expect("read_entries requires a header");
    Ok(json!({
        "type": "inclusion-proof",
        "origin": header.origin,
        "witness_key": note::verifier_key(&header.witness_name, &header.witness_key),
        "tree_size": size,
        "index": index,
        "hashes": b64_list(&hashes),
        "message": message.expect("index < entries, checked above"),
    }))
}

/// Consistency proof from the first `old_size` entries to `size` (default: the last checkpoint).
pub fn prove_consistency(path: &Path, old_size: u64, size: Option<u64>) -> Result<Value, ProofError> {
    let (leaves, _, state) = collect(path, None)?;
    let entries = state.entries;
    let size = size.unwrap_or(state.last_checkpoint.map_or(entries, |c| c.0));
    if size > entries {
        return Err(ProofError::NoSuchSize { size, entries });
    }
    if old_size > size {
        return Err(ProofError::NoSuchSize { size: old_size, entries: size });
    }
    let hashes = merkle::consistency_proof(&leaves[..size as usize], old_size as usize);
    let header = state.header.expect("read_entries requires a header");
    Ok(json!({
        "type": "consistency-proof",
        "origin": header.origin,
        "witness_key": note::verifier_key(&header.witness_name, &header.witness_key),
        "old_size": old_size,
        "tree_size": size,
        "hashes": b64_list(&hashes),
    }))
}

fn field<'a>(proof: &'a Value, name: &str) -> Result<&'a Value, ProofError> {
    proof.get(name).ok_or_else(|| ProofError::Malformed(format!("missing `{name}`")))
}

fn u64_field(proof: &Value, name: &str) -> Result<u64, ProofError> {
    field(proof, name)?.as_u64().ok_or_else(|| ProofError::Malformed(format!("`{name}` is not an integer")))
}

fn hashes(proof: &Value) -> Result<Vec<Hash>, ProofError> {
    let list =
        field(proof, "hashes")?.as_array().ok_or_else(|| ProofError::Malformed("`hashes` is not a list".into()))?;
    list.iter()
        .map(|h| {
            h.as_str()
                .and_then(|s| B64.decode(s).ok())
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| ProofError::Malformed("a hash is not 32 bytes of base64".into()))
        })
        .collect()
}

/// What a verified proof established.
#[derive(Debug)]
pub enum Proven {
    /// The message is entry `index` of the log the checkpoint signs.
    Inclusion { index: u64, size: u64, message: Value },
    /// The old checkpoint's tree is a prefix of the new one's.
    Consistency { old_size: u64, size: u64 },
}

/// Checks `proof` against `checkpoint` (and `old_checkpoint` for consistency proofs), both signed
/// by `name`/`key`.
pub fn verify_proof(
    proof: &Value,
    checkpoint: &str,
    old_checkpoint: Option<&str>,
    name: &str,
    key: &VerifyingKey,
) -> Result<Proven, ProofError> {
    let cp = Checkpoint::verify(checkpoint, name, key)?;
    let origin = field(proof, "origin")?.as_str().unwrap_or("");
    if origin != cp.origin {
        return Err(ProofError::Mismatch(format!("proof is for log `{origin}`, checkpoint for `{}`", cp.origin)));
    }
    let size = u64_field(proof, "tree_size")?;
    if size != cp.size {
        return Err(ProofError::Mismatch(format!(
            "proof is for tree size {size}, checkpoint for {}; run `if-witness prove --size {}`",
            cp.size, cp.size
        )));
    }
    let path = hashes(proof)?;
    match field(proof, "type")?.as_str() {
        Some("inclusion-proof") => {
            let index = u64_field(proof, "index")?;
            let message = field(proof, "message")?.clone();
            let leaf = merkle::leaf_hash(&json::canonical(&message));
            if !merkle::verify_inclusion(index, size, &leaf, &path, &cp.root) {
                return Err(ProofError::Mismatch(format!(
                    "entry {index} is not in the log this checkpoint signs (proof or message altered)"
                )));
            }
            Ok(Proven::Inclusion { index, size, message })
        }
        Some("consistency-proof") => {
            let old_size = u64_field(proof, "old_size")?;
            let old_text = old_checkpoint
                .ok_or_else(|| ProofError::Malformed("a consistency proof needs --old-checkpoint".into()))?;
            let old = Checkpoint::verify(old_text, name, key)?;
            if old.origin != cp.origin || old.size != old_size {
                return Err(ProofError::Mismatch(format!(
                    "old checkpoint is for `{}` size {}, proof for size {old_size}",
                    old.origin, old.size
                )));
            }
            if !merkle::verify_consistency(old_size, size, &old.root, &cp.root, &path) {
                return Err(ProofError::Mismatch(format!(
                    "the log of size {size} does not extend the one of size {old_size} (history rewritten)"
                )));
            }
            Ok(Proven::Consistency { old_size, size })
        }
        _ => Err(ProofError::Malformed("`type` must be inclusion-proof or consistency-proof".into())),
    }
}
