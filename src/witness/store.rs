//! The log file: opening, locking, catching up with other writers, appending, checkpointing and
//! repairing. Checks are in `log.rs`; this is the I/O edge.
//!
//! Crash safety: every batch of entries (and its checkpoint) is written with one `write` on an
//! `O_APPEND` descriptor while holding an exclusive `flock`, and checkpoints are `fsync`ed. A crash
//! can therefore only leave a torn *last* line, which every reader detects and only `repair`
//! removes (moving the bytes to a side file, so nothing is lost).

use super::dedup::{MessageId, Recent};
use super::log::{
    complete_lines, decode, prev_extension, Decoded, Header, LogError, LogErrorKind, LogState, MessageCheck,
};
use super::note::Checkpoint;
use crate::keys::SecretKey;
use crate::time::now_millis;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum StoreError {
    Io { path: PathBuf, source: std::io::Error },
    Log { path: PathBuf, source: LogError },
    WrongWitness { path: PathBuf, log_key: String, given: String },
}

// By hand rather than by thiserror, which makes a field named `source` the `source()`: the text
// already says the cause, and a chain printed in full (`{:#}`) would say it twice.
impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            StoreError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            StoreError::Log { path, source } => write!(f, "{}: {source}", path.display()),
            StoreError::WrongWitness { path, log_key, given } => write!(
                f,
                "{}: checkpoints of this log are signed by {log_key}, not by the given key {given}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    pub fn log_error(&self) -> Option<&LogError> {
        match self {
            StoreError::Log { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Reads `file` from `state.bytes` to the end and applies every complete line to `state`.
/// A torn tail is an error.
pub fn catch_up(path: &Path, file: &mut File, state: &mut LogState, check: MessageCheck) -> Result<(), StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let len = file.metadata().map_err(io)?.len();
    if len < state.bytes {
        return Err(StoreError::Log {
            path: path.to_owned(),
            source: LogError {
                line: state.lines,
                index: None,
                kind: LogErrorKind::Shrank { was: state.bytes, now: len },
            },
        });
    }
    if len == state.bytes {
        return Ok(());
    }
    file.seek(SeekFrom::Start(state.bytes)).map_err(io)?;
    let mut buf = Vec::with_capacity((len - state.bytes) as usize);
    file.take(len - state.bytes).read_to_end(&mut buf).map_err(io)?;
    let (lines, torn) = complete_lines(&buf);
    for line in lines {
        let n = state.lines + 1;
        let decoded = decode(line, check).map_err(|(index, kind)| StoreError::Log {
            path: path.to_owned(),
            source: LogError { line: n, index, kind },
        })?;
        state.apply(n, &decoded).map_err(|source| StoreError::Log { path: path.to_owned(), source })?;
        state.lines = n;
        state.bytes += line.len() as u64 + 1;
    }
    if torn > 0 {
        return Err(StoreError::Log {
            path: path.to_owned(),
            source: LogError { line: state.lines + 1, index: None, kind: LogErrorKind::Torn { bytes: torn as u64 } },
        });
    }
    Ok(())
}

/// What `Store::append` did.
#[derive(Debug)]
pub struct Appended {
    /// Index of the first entry written.
    pub first: u64,
    /// Positions (in the batch) of messages not written because the log already holds them.
    pub duplicates: Vec<usize>,
}

/// When `append` writes a checkpoint on its own.
#[derive(Clone, Copy, Debug)]
pub struct CheckpointPolicy {
    pub every_entries: u64,
    pub every_ms: u64,
}

/// An open log that this process appends to.
pub struct Store {
    path: PathBuf,
    file: File,
    pub state: LogState,
    witness: SecretKey,
    /// When this process last wrote (or saw) a checkpoint, for the time-based policy.
    last_checkpoint_at: i64,
}

/// An exclusive `flock` on the log, released when dropped.
struct Locked(File);

impl Drop for Locked {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

impl Store {
    /// Opens (or creates, writing the header) `path` for appending with checkpoints signed by
    /// `witness`.
    pub fn open(path: &Path, witness: SecretKey, origin: Option<String>) -> Result<Self, StoreError> {
        let io = |source| StoreError::Io { path: path.to_owned(), source };
        let file = OpenOptions::new().read(true).append(true).create(true).open(path).map_err(io)?;
        let mut store = Store {
            path: path.to_owned(),
            file,
            state: LogState { recent: Some(Recent::appending(now_millis())), ..LogState::default() },
            witness,
            last_checkpoint_at: now_millis(),
        };
        {
            let _lock = store.lock()?;
            if store.file.metadata().map_err(io)?.len() == 0 {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().replace(|c: char| c.is_whitespace() || c == '+', "-"))
                    .unwrap_or_default();
                let header = Header {
                    origin: origin
                        .unwrap_or_else(|| format!("ifconnect.local/witness/{stem}/{}", crate::message::random_hex(4))),
                    witness_name: store.witness.agent.clone(),
                    witness_key: store.witness.verifying(),
                };
                let mut line = crate::json::canonical(&header.record());
                line.push(b'\n');
                store.file.write_all(&line).and_then(|_| store.file.sync_all()).map_err(io)?;
            }
            store.catch_up()?;
        }
        let header = store.state.header.as_ref().expect("catch_up read the header");
        if header.witness_key != store.witness.verifying() || header.witness_name != store.witness.agent {
            return Err(StoreError::WrongWitness {
                path: path.to_owned(),
                log_key: format!("{} ({})", header.witness_name, crate::keys::key_id(&header.witness_key)),
                given: format!("{} ({})", store.witness.agent, store.witness.key_id()),
            });
        }
        Ok(store)
    }

    fn lock(&self) -> Result<Locked, StoreError> {
        let io = |source| StoreError::Io { path: self.path.clone(), source };
        let file = self.file.try_clone().map_err(io)?;
        file.lock().map_err(io)?;
        Ok(Locked(file))
    }

    fn catch_up(&mut self) -> Result<(), StoreError> {
        catch_up(&self.path, &mut self.file, &mut self.state, MessageCheck::None)
    }

    /// The entry that holds the message `id` names, if it is within its lifetime at `now`: a
    /// copy `append` refuses. (As the log was when last read: `append` checks again.)
    pub fn holds(&self, id: &MessageId, now: i64) -> Option<u64> {
        self.state.recent.as_ref().and_then(|r| r.holds(id, now))
    }

    /// Appends already-verified messages, given as their canonical bytes, as entries, with
    /// checkpoints where `policy` says they are due. A message the log already holds (the same
    /// nonce from the same key, within its lifetime; written meanwhile by another appender, say)
    /// is not appended again: its position in `messages` is returned in `duplicates`.
    pub fn append(&mut self, messages: &[Vec<u8>], policy: CheckpointPolicy) -> Result<Appended, StoreError> {
        let _lock = self.lock()?;
        self.catch_up()?;
        let now = now_millis();
        let first = self.state.entries;
        let mut duplicates = Vec::new();
        let mut buf = Vec::with_capacity(messages.len() * 1024);
        let mut checkpointed = false;
        let mut recent = self.state.recent.take().unwrap_or_else(|| Recent::appending(now));
        recent.set_now(now);
        for (i, m) in messages.iter().enumerate() {
            if let Some(id) = MessageId::of_canonical(m) {
                if recent.holds(&id, now).is_some() {
                    duplicates.push(i);
                    continue;
                }
                recent.record(self.state.entries, &id).expect("appending never reports");
            }
            let (line, leaf, hash) = self.state.entry_record(m);
            self.state.push_written(leaf, hash, line.len() as u64);
            buf.extend_from_slice(&line);
            if self.uncovered() >= policy.every_entries {
                buf.extend_from_slice(&self.checkpoint_line().1);
                checkpointed = true;
            }
        }
        if self.uncovered() > 0 && now_millis() - self.last_checkpoint_at >= policy.every_ms as i64 {
            buf.extend_from_slice(&self.checkpoint_line().1);
            checkpointed = true;
        }
        self.state.recent = Some(recent);
        // One write for the batch and its checkpoints; fsync when a checkpoint is in it.
        self.write(&buf, checkpointed)?;
        Ok(Appended { first, duplicates })
    }

    fn uncovered(&self) -> u64 {
        self.state.entries - self.state.last_checkpoint.map_or(0, |c| c.0)
    }

    /// The signed checkpoint note of the log as this process knows it.
    fn signed_checkpoint(&self) -> String {
        let header = self.state.header.as_ref().expect("open read the header");
        let previous = self.state.last_note.as_ref().zip(self.state.last_checkpoint);
        let cp = Checkpoint {
            origin: header.origin.clone(),
            size: self.state.entries,
            root: self.state.tree.root(),
            extensions: previous.map(|(note, (size, _))| prev_extension(size, note)).into_iter().collect(),
        };
        cp.sign(&self.witness.agent, &self.witness.signing)
    }

    /// A checkpoint record for the current size, accounted in `state` as written.
    fn checkpoint_line(&mut self) -> (String, Vec<u8>) {
        let note = self.signed_checkpoint();
        let mut line = crate::json::canonical(&serde_json::json!({"type": "checkpoint", "note": note}));
        line.push(b'\n');
        self.state.lines += 1;
        self.state.bytes += line.len() as u64;
        self.state.last_checkpoint = Some((self.state.entries, self.state.lines));
        self.state.last_note = Some(note.clone());
        self.state.checkpoints += 1;
        self.last_checkpoint_at = now_millis();
        (note, line)
    }

    fn write(&mut self, buf: &[u8], sync: bool) -> Result<(), StoreError> {
        let io = |source| StoreError::Io { path: self.path.clone(), source };
        self.file.write_all(buf).map_err(io)?;
        if sync {
            self.file.sync_data().map_err(io)?;
        }
        Ok(())
    }

    /// When the time-based policy wants the next checkpoint, if entries are waiting for one.
    pub fn checkpoint_due_at(&self, policy: CheckpointPolicy) -> Option<i64> {
        (self.uncovered() > 0).then_some(self.last_checkpoint_at + policy.every_ms as i64)
    }

    /// Writes a checkpoint for the current size unless the log already ends with one; returns
    /// the note text of the checkpoint covering the whole log.
    pub fn checkpoint(&mut self) -> Result<String, StoreError> {
        let _lock = self.lock()?;
        self.catch_up()?;
        if self.state.last_checkpoint.is_some_and(|(size, line)| size == self.state.entries && line == self.state.lines)
        {
            return Ok(self.state.last_note.clone().expect("a checkpoint was read"));
        }
        let (note, line) = self.checkpoint_line();
        self.write(&line, true)?;
        Ok(note)
    }

    /// Flushes to disk; called at the end of input.
    pub fn sync(&mut self) -> Result<(), StoreError> {
        self.file.sync_all().map_err(|source| StoreError::Io { path: self.path.clone(), source })
    }
}

/// What `repair` did.
#[derive(Debug)]
pub enum Repair {
    NothingToDo,
    MovedTornTail { bytes: u64, line: u64, saved_to: PathBuf },
}

/// Moves a torn last line into `LOG.torn-<unix-ms>` and truncates the log to its last complete
/// line. Refuses to touch a log damaged anywhere else.
pub fn repair(path: &Path) -> Result<Repair, StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let mut file = OpenOptions::new().read(true).write(true).open(path).map_err(io)?;
    file.lock().map_err(io)?;
    let mut state = LogState::default();
    match catch_up(path, &mut file, &mut state, MessageCheck::None) {
        Ok(()) => Ok(Repair::NothingToDo),
        Err(StoreError::Log { source: LogError { kind: LogErrorKind::Torn { bytes }, line, .. }, .. }) => {
            let mut tail = Vec::new();
            file.seek(SeekFrom::Start(state.bytes)).and_then(|_| file.read_to_end(&mut tail)).map_err(io)?;
            let mut side = path.as_os_str().to_owned();
            side.push(format!(".torn-{}", now_millis()));
            let side = PathBuf::from(side);
            let mut out = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&side)
                .map_err(|source| StoreError::Io { path: side.clone(), source })?;
            out.write_all(&tail)
                .and_then(|_| out.sync_all())
                .map_err(|source| StoreError::Io { path: side.clone(), source })?;
            file.set_len(state.bytes).and_then(|_| file.sync_all()).map_err(io)?;
            Ok(Repair::MovedTornTail { bytes, line, saved_to: side })
        }
        Err(e) => Err(e),
    }
}

/// Reads a whole log sequentially without checking message signatures, calling `each` for
/// every entry. Used by the read-only commands (trace, cost, export, prove).
pub fn read_entries(
    path: &Path,
    mut each: impl FnMut(&super::log::DecodedEntry) -> Result<(), StoreError>,
) -> Result<LogState, StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let file = File::open(path).map_err(io)?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut state = LogState::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = std::io::BufRead::read_until(&mut reader, b'\n', &mut line).map_err(io)?;
        if n == 0 {
            break;
        }
        let num = state.lines + 1;
        let fail = |index, kind| StoreError::Log { path: path.to_owned(), source: LogError { line: num, index, kind } };
        if line.last() != Some(&b'\n') {
            return Err(fail(None, LogErrorKind::Torn { bytes: n as u64 }));
        }
        let decoded = decode(&line[..n - 1], MessageCheck::None).map_err(|(i, k)| fail(i, k))?;
        state.apply(num, &decoded).map_err(|source| StoreError::Log { path: path.to_owned(), source })?;
        if let Decoded::Entry(e) = &decoded {
            each(e)?;
        }
        state.lines = num;
        state.bytes += n as u64;
    }
    if state.header.is_none() {
        return Err(StoreError::Log {
            path: path.to_owned(),
            source: LogError { line: 1, index: None, kind: LogErrorKind::MissingHeader },
        });
    }
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(key: &SecretKey, nonce: &str) -> Vec<u8> {
        crate::message::signed_for_test(key, 1, nonce)
    }

    #[test]
    fn a_copy_written_by_another_appender_meanwhile_is_not_appended_again() {
        let dir = std::env::temp_dir().join(format!("store-dup-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.log");
        let witness = || SecretKey::from_seed("if://agent/witness", [5; 32]).unwrap();
        let sender = SecretKey::from_seed("if://agent/a", [6; 32]).unwrap();
        let (m1, m2) = (message(&sender, "00000000000000000000aaaa"), message(&sender, "00000000000000000000bbbb"));
        let every = CheckpointPolicy { every_entries: 1000, every_ms: 1 << 40 };
        let mut one = Store::open(&path, witness(), None).unwrap();
        let mut two = Store::open(&path, witness(), None).unwrap();
        let done = one.append(&[m1.clone(), m1.clone()], every).unwrap();
        assert_eq!((done.first, done.duplicates), (0, vec![1]), "a copy within one batch");
        // `two` has not read the log since `one` wrote; under the lock it does.
        let done = two.append(&[m2.clone(), m1.clone()], every).unwrap();
        assert_eq!((done.first, done.duplicates), (1, vec![1]));
        assert_eq!(two.state.entries, 2);
        // A store opened on the log reads what it holds.
        let three = Store::open(&path, witness(), None).unwrap();
        assert_eq!(three.holds(&super::super::dedup::MessageId::of_canonical(&m2).unwrap(), now_millis()), Some(1));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
