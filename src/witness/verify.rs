//! Full verification of a witness log, using every core: lines are decoded and their message
//! signatures batch-verified in parallel chunks; the chain, tree and checkpoints are then checked
//! in order.

use super::log::{decode, Decoded, LogError, LogErrorKind, LogState, MessageCheck};
use super::note::Checkpoint;
use super::store::StoreError;
use crate::keys::TrustStore;
use crate::message::{verify_many, VerifyError};
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

const CHUNK_LINES: usize = 8192;

/// Told how many bytes of how many have been checked, after every chunk (for a progress bar).
pub type Progress = Box<dyn FnMut(u64, u64)>;

#[derive(Default)]
pub struct VerifyOptions {
    pub trust: Option<TrustStore>,
    /// Signed checkpoint notes obtained earlier: the log must still contain what they cover.
    pub checkpoints: Vec<String>,
    pub progress: Option<Progress>,
    /// Worker threads; 0 = all cores.
    pub threads: usize,
}

#[derive(Debug)]
pub struct VerifyReport {
    pub entries: u64,
    pub checkpoints: u64,
    /// Entries covered by the last signed checkpoint.
    pub covered: u64,
    pub senders: usize,
    /// Whether keys were checked against a trust file.
    pub anchored: bool,
}

type LineResult = Result<Decoded, (Option<u64>, LogErrorKind)>;

fn decode_chunk(lines: &[Vec<u8>]) -> Vec<LineResult> {
    let mut out: Vec<LineResult> = lines.iter().map(|l| decode(l, MessageCheck::Full)).collect();
    let slots: Vec<usize> = out
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Ok(Decoded::Entry(e)) if e.prepared.is_some()))
        .map(|(i, _)| i)
        .collect();
    let prepared: Vec<_> = slots
        .iter()
        .map(|&i| match &out[i] {
            Ok(Decoded::Entry(e)) => e.prepared.as_ref().expect("filtered above"),
            _ => unreachable!("filtered above"),
        })
        .collect();
    let results = verify_many(&prepared);
    // Free each message in the thread that allocated it: cross-thread frees serialise on the
    // allocator's arena locks and cost more than the parallelism gains.
    for r in out.iter_mut() {
        if let Ok(Decoded::Entry(e)) = r {
            e.message = serde_json::Value::Null;
        }
    }
    for (slot, result) in slots.into_iter().zip(results) {
        if let Err(e) = result {
            let index = match &out[slot] {
                Ok(Decoded::Entry(e)) => Some(e.index),
                _ => None,
            };
            out[slot] = Err((index, LogErrorKind::Message(Box::new(e))));
        }
    }
    out
}

pub fn verify_log(path: &Path, mut opts: VerifyOptions) -> Result<VerifyReport, StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let log_err = |source: LogError| StoreError::Log { path: path.to_owned(), source };
    let file = File::open(path).map_err(io)?;
    let total = file.metadata().map_err(io)?.len();
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut progress = opts.progress.take();
    let mut done = 0u64;

    let mut state = LogState { recent: Some(super::dedup::Recent::reporting()), ..LogState::default() };
    let mut senders = HashSet::new();
    let mut first = true;
    loop {
        let mut lines = Vec::with_capacity(CHUNK_LINES);
        let mut torn = None;
        let mut chunk_bytes = 0u64;
        while lines.len() < CHUNK_LINES {
            let mut line = Vec::new();
            let n = reader.read_until(b'\n', &mut line).map_err(io)?;
            if n == 0 {
                break;
            }
            chunk_bytes += n as u64;
            if line.pop() != Some(b'\n') {
                torn = Some(n as u64);
                break;
            }
            lines.push(line);
            if first {
                // The header decides which key signs checkpoints; read it before anything else.
                break;
            }
        }
        if lines.is_empty() && torn.is_none() {
            break;
        }
        let results: Vec<LineResult> = crate::parallel::map_chunks(&lines, opts.threads, 32, decode_chunk);
        for result in results {
            let n = state.lines + 1;
            let decoded = result.map_err(|(index, kind)| log_err(LogError { line: n, index, kind }))?;
            if let Decoded::Entry(e) = &decoded {
                if let (Some(trust), Some(p), Some(sender)) = (&opts.trust, &e.prepared, &e.sender) {
                    trust.check(sender, &p.key).map_err(|t| {
                        log_err(LogError {
                            line: n,
                            index: Some(e.index),
                            kind: LogErrorKind::Message(Box::new(VerifyError::Untrusted(t))),
                        })
                    })?;
                }
                if let Some(sender) = &e.sender {
                    if !senders.contains(sender) {
                        senders.insert(sender.clone());
                    }
                }
            }
            state.apply(n, &decoded).map_err(log_err)?;
            state.lines = n;
            if first {
                first = false;
                pin_witness(&mut state, &opts, n).map_err(log_err)?;
            }
        }
        if let Some(bytes) = torn {
            return Err(log_err(LogError { line: state.lines + 1, index: None, kind: LogErrorKind::Torn { bytes } }));
        }
        if let Some(report) = progress.as_mut() {
            done += chunk_bytes;
            report(done, total);
        }
    }
    if state.header.is_none() {
        return Err(log_err(LogError { line: 1, index: None, kind: LogErrorKind::MissingHeader }));
    }
    state.finish().map_err(log_err)?;
    Ok(VerifyReport {
        entries: state.entries,
        checkpoints: state.checkpoints,
        covered: state.last_checkpoint.map_or(0, |c| c.0),
        senders: senders.len(),
        anchored: opts.trust.is_some(),
    })
}

/// After the header: pins the witness key from the trust file, if any, and loads external
/// checkpoints, verified with that key.
fn pin_witness(state: &mut LogState, opts: &VerifyOptions, line: u64) -> Result<(), LogError> {
    let header = state.header.clone().ok_or(LogError { line, index: None, kind: LogErrorKind::MissingHeader })?;
    if let Some(trust) = &opts.trust {
        let trusted = trust.keys().find(|k| k.agent == header.witness_name).ok_or_else(|| LogError {
            line,
            index: None,
            kind: LogErrorKind::Message(Box::new(VerifyError::Untrusted(crate::keys::TrustError::UnknownKey {
                key_id: format!("{} of witness {}", crate::keys::key_id(&header.witness_key), header.witness_name),
            }))),
        })?;
        state.pinned_witness = Some((trusted.agent.clone(), trusted.key));
    }
    let (name, key) = state.witness().map(|(n, k)| (n.to_owned(), *k)).expect("header present");
    for text in &opts.checkpoints {
        let cp = Checkpoint::verify(text, &name, &key).map_err(|e| LogError {
            line: 0,
            index: None,
            kind: LogErrorKind::Note(e),
        })?;
        if cp.origin != header.origin {
            return Err(LogError {
                line: 0,
                index: None,
                kind: LogErrorKind::WrongOrigin { expected: header.origin.clone(), found: cp.origin },
            });
        }
        state.expect.push(cp);
    }
    Ok(())
}
