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
use std::io::Read;
use std::path::Path;

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

/// About this many bytes of whole lines make one job (about 1,800 entries: a good batch for the
/// signature equation, and few enough to keep every core busy to the end).
const BLOCK_BYTES: usize = 2 << 20;

/// What a worker gives back for one block: a verdict per line, and the senders it saw.
struct Checked {
    results: Vec<LineResult>,
    senders: HashSet<String>,
    bytes: u64,
}

/// Decodes and checks one block of whole lines (each ending in a newline): every check that
/// needs only the line itself, including the message signature (batch-verified) and the trust
/// file. Entries come back without their message: what `LogState::apply` needs, no more, so
/// nothing allocated here is freed on another thread.
fn check_block(block: &[u8], trust: Option<&TrustStore>) -> Checked {
    let body = block.strip_suffix(b"\n").unwrap_or(block);
    let lines: Vec<&[u8]> = if block.is_empty() { Vec::new() } else { body.split(|&b| b == b'\n').collect() };
    let mut members = Vec::with_capacity(64);
    let mut results: Vec<LineResult> = lines
        .iter()
        .map(|line| match super::canonical::decode_entry(line, &mut members) {
            Some(entry) => Ok(Decoded::Entry(entry)),
            None => decode(line, MessageCheck::Full),
        })
        .collect();
    verify_signatures(&mut results);
    let mut senders = HashSet::new();
    for r in results.iter_mut() {
        let Ok(Decoded::Entry(e)) = r else { continue };
        e.message = serde_json::Value::Null;
        let (Some(p), Some(sender)) = (e.prepared.take(), e.sender.take()) else { continue };
        if let Some(trust) = trust {
            if let Err(t) = trust.check(&sender, &p.key) {
                *r = Err((Some(e.index), LogErrorKind::Message(Box::new(VerifyError::Untrusted(t)))));
                continue;
            }
        }
        if !senders.contains(&sender) {
            senders.insert(sender);
        }
    }
    Checked { results, senders, bytes: block.len() as u64 }
}

/// Batch-verifies the prepared signatures of the entries in `results`; a bad one turns its
/// entry into an error.
fn verify_signatures(results: &mut [LineResult]) {
    let slots: Vec<usize> = results
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Ok(Decoded::Entry(e)) if e.prepared.is_some()))
        .map(|(i, _)| i)
        .collect();
    let prepared: Vec<_> = slots
        .iter()
        .map(|&i| match &results[i] {
            Ok(Decoded::Entry(e)) => e.prepared.as_ref().expect("filtered above"),
            _ => unreachable!("filtered above"),
        })
        .collect();
    let verdicts = verify_many(&prepared);
    for (slot, verdict) in slots.into_iter().zip(verdicts) {
        if let Err(e) = verdict {
            let index = match &results[slot] {
                Ok(Decoded::Entry(e)) => Some(e.index),
                _ => None,
            };
            results[slot] = Err((index, LogErrorKind::Message(Box::new(e))));
        }
    }
}

/// The log read in blocks of whole lines; what follows the last newline at the end of the file
/// is a torn line.
struct Blocks {
    file: File,
    carry: Vec<u8>,
    eof: bool,
    size: usize,
}

impl Blocks {
    fn next(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut buf = std::mem::take(&mut self.carry);
        buf.reserve(self.size + 4096);
        let mut target = self.size.max(1);
        loop {
            // What is carried over holds no newline: only new bytes need looking at.
            let scanned = buf.len();
            while !self.eof && buf.len() < target {
                let start = buf.len();
                buf.resize(buf.capacity().max(start + 4096), 0);
                match self.file.read(&mut buf[start..]) {
                    Ok(0) => {
                        self.eof = true;
                        buf.truncate(start);
                    }
                    Ok(n) => buf.truncate(start + n),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => buf.truncate(start),
                    Err(e) => return Err(e),
                }
            }
            if let Some(last) = buf[scanned..].iter().rposition(|&b| b == b'\n') {
                self.carry = buf[scanned + last + 1..].to_vec();
                buf.truncate(scanned + last + 1);
                return Ok(Some(buf));
            }
            if self.eof {
                self.carry = buf;
                return Ok(None);
            }
            // A line longer than a block: read on.
            target = buf.len() + self.size.max(1);
            buf.reserve(self.size);
        }
    }
}

/// The sequential part: applies checked blocks to the log state in file order.
struct Applier<'a> {
    state: LogState,
    senders: HashSet<String>,
    opts: &'a VerifyOptions,
    path: &'a Path,
    done: u64,
}

impl Applier<'_> {
    fn apply(&mut self, checked: Checked) -> Result<(), StoreError> {
        let log_err = |source: LogError| StoreError::Log { path: self.path.to_owned(), source };
        for result in checked.results {
            let n = self.state.lines + 1;
            let decoded = result.map_err(|(index, kind)| log_err(LogError { line: n, index, kind }))?;
            self.state.apply(n, &decoded).map_err(log_err)?;
            self.state.lines = n;
            if n == 1 {
                pin_witness(&mut self.state, self.opts, n).map_err(log_err)?;
            }
        }
        for s in checked.senders {
            if !self.senders.contains(&s) {
                self.senders.insert(s);
            }
        }
        self.done += checked.bytes;
        Ok(())
    }
}

pub fn verify_log(path: &Path, opts: VerifyOptions) -> Result<VerifyReport, StoreError> {
    verify_in_blocks(path, opts, BLOCK_BYTES)
}

fn verify_in_blocks(path: &Path, mut opts: VerifyOptions, block_bytes: usize) -> Result<VerifyReport, StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let log_err = |source: LogError| StoreError::Log { path: path.to_owned(), source };
    let file = File::open(path).map_err(io)?;
    let total = file.metadata().map_err(io)?.len();
    let mut progress = opts.progress.take();
    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let mut blocks = Blocks { file, carry: Vec::new(), eof: false, size: block_bytes };
    let mut applier = Applier {
        state: LogState { recent: Some(super::dedup::Recent::reporting()), ..LogState::default() },
        senders: HashSet::new(),
        opts: &opts,
        path,
        done: 0,
    };
    let trust = opts.trust.as_ref();
    let mut report = |a: &Applier| {
        if let Some(p) = progress.as_mut() {
            p(a.done, total)
        }
    };
    if threads <= 1 {
        while let Some(block) = blocks.next().map_err(io)? {
            applier.apply(check_block(&block, trust))?;
            report(&applier);
        }
    } else {
        run_parallel(threads, &mut blocks, trust, &mut |checked| {
            applier.apply(checked)?;
            report(&applier);
            Ok(())
        })
        .map_err(|e| match e {
            Failure::Read(e) => io(e),
            Failure::Apply(e) => e,
        })?;
    }
    let state = applier.state;
    if !blocks.carry.is_empty() {
        let bytes = blocks.carry.len() as u64;
        return Err(log_err(LogError { line: state.lines + 1, index: None, kind: LogErrorKind::Torn { bytes } }));
    }
    if state.header.is_none() {
        return Err(log_err(LogError { line: 1, index: None, kind: LogErrorKind::MissingHeader }));
    }
    state.finish().map_err(log_err)?;
    Ok(VerifyReport {
        entries: state.entries,
        checkpoints: state.checkpoints,
        covered: state.last_checkpoint.map_or(0, |c| c.0),
        senders: applier.senders.len(),
        anchored: opts.trust.is_some(),
    })
}

enum Failure {
    Read(std::io::Error),
    Apply(StoreError),
}

/// Reading and applying on this thread, checking on `threads` workers, a few blocks ahead.
fn run_parallel(
    threads: usize,
    blocks: &mut Blocks,
    trust: Option<&TrustStore>,
    apply: &mut dyn FnMut(Checked) -> Result<(), StoreError>,
) -> Result<(), Failure> {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{mpsc, Mutex};
    let (job_tx, job_rx) = mpsc::sync_channel::<(u64, Vec<u8>)>(threads);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(u64, std::thread::Result<Checked>)>();
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (job_rx, stop) = (&job_rx, &stop);
            s.spawn(move || loop {
                let job = job_rx.lock().expect("job queue").recv();
                let Ok((seq, block)) = job else { break };
                // A panic is handed to the reading thread, which would otherwise wait for this block.
                let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_block(&block, trust)));
                if stop.load(Ordering::Relaxed) || done_tx.send((seq, checked)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut result = Ok(());
        let (mut sent, mut applied, mut eof) = (0u64, 0u64, false);
        let mut waiting = std::collections::BTreeMap::new();
        let ahead = 2 * threads as u64 + 1;
        while result.is_ok() {
            while !eof && sent - applied < ahead {
                match blocks.next() {
                    Ok(Some(block)) => {
                        job_tx.send((sent, block)).expect("workers run until the queue closes");
                        sent += 1;
                    }
                    Ok(None) => eof = true,
                    Err(e) => {
                        result = Err(Failure::Read(e));
                        break;
                    }
                }
            }
            if result.is_err() || applied == sent {
                break;
            }
            let Ok((seq, checked)) = done_rx.recv() else { break };
            let checked = checked.unwrap_or_else(|panic| {
                stop.store(true, Ordering::Relaxed);
                std::panic::resume_unwind(panic)
            });
            waiting.insert(seq, checked);
            while let Some(checked) = waiting.remove(&applied) {
                applied += 1;
                if let Err(e) = apply(checked) {
                    result = Err(Failure::Apply(e));
                    break;
                }
            }
        }
        stop.store(true, Ordering::Relaxed);
        drop(job_tx);
        result
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::SecretKey;
    use crate::witness::{CheckpointPolicy, Store};
    use serde_json::json;

    /// A log of `n` entries by two senders, a checkpoint every 7, in a fresh directory.
    fn log(name: &str, n: usize) -> (std::path::PathBuf, TrustStore) {
        let dir = std::env::temp_dir().join(format!("ifconnect-verify-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.log");
        let witness = SecretKey::from_seed("if://agent/witness", [1; 32]).unwrap();
        let senders = [
            SecretKey::from_seed("if://agent/a", [2; 32]).unwrap(),
            SecretKey::from_seed("if://agent/b", [3; 32]).unwrap(),
        ];
        let trust = TrustStore::of(&[&witness, &senders[0], &senders[1]]);
        let mut store = Store::open(&path, witness, Some("test/verify".into())).unwrap();
        let messages: Vec<Vec<u8>> = (0..n)
            .map(|i| {
                let key = &senders[i % 3 / 2];
                let mut v = json!({
                    "performative": "inform", "sender": key.agent, "receiver": "if://agent/x",
                    "conversation_id": "if://conversation/0123456789ab", "content": {"i": i, "pad": "x".repeat(i % 50)},
                    "timestamp": "2026-12-01T00:00:00Z", "sequence_num": i + 1, "nonce": format!("{i:024x}"),
                    "ttl": 300, "scope": {"mission_id": "m", "workflow": "w", "domain": "technical"},
                });
                crate::message::sign_map(v.as_object_mut().unwrap(), key);
                crate::json::canonical(&v)
            })
            .collect();
        store.append(&messages, CheckpointPolicy { every_entries: 7, every_ms: u64::MAX / 2 }).unwrap();
        store.checkpoint().unwrap();
        (path, trust)
    }

    fn verify(path: &Path, trust: &TrustStore, threads: usize, block: usize) -> Result<VerifyReport, StoreError> {
        let opts = VerifyOptions { trust: Some(trust.clone()), threads, ..VerifyOptions::default() };
        verify_in_blocks(path, opts, block)
    }

    /// Whatever the block size (lines longer than a block included) and the number of threads,
    /// the verdict and the line named are the same.
    #[test]
    fn blocks_and_threads_do_not_change_the_verdict() {
        let (path, trust) = log("blocks", 60);
        let good = std::fs::read(&path).unwrap();
        for (threads, block) in [(1, 1 << 20), (1, 2500), (2, 2500), (3, 900), (2, 1)] {
            let r = verify(&path, &trust, threads, block).unwrap();
            assert_eq!((r.entries, r.checkpoints, r.covered, r.senders), (60, 9, 60, 2), "{threads} {block}");
        }
        let text = String::from_utf8(good.clone()).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        // Line 50 is entry 42 (after the header and 6 checkpoints): alter its message.
        assert!(lines[49].contains("\"index\":42,"), "{}", lines[49]);
        lines[49] = lines[49].replace("\"workflow\":\"w\"", "\"workflow\":\"v\"");
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        for (threads, block) in [(1, 1 << 20), (2, 2500), (3, 900), (2, 1)] {
            let e = verify(&path, &trust, threads, block).unwrap_err().to_string();
            assert!(e.ends_with("line 50 (entry 42): entry hash does not match its content (entry altered)"), "{e}");
        }
        let mut torn = good.clone();
        torn.extend_from_slice(b"{\"hash\"");
        std::fs::write(&path, &torn).unwrap();
        for (threads, block) in [(1, 1 << 20), (2, 2500), (2, 3)] {
            let e = verify(&path, &trust, threads, block).unwrap_err().to_string();
            assert!(e.contains(&format!("line {}: torn last line (7 bytes", lines.len() + 1)), "{e}");
        }
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }
}
