//! What each tool does, between its command line (`cli`) and the layers below: each function
//! takes plain, already-parsed options, runs the tool on the pipeline layer and one protocol's
//! drivers, and returns the exit code. One module per binary; `cli` only parses and calls.

pub mod board;
pub mod gk;
pub mod gw;
pub mod mcu;
pub mod mesh;
pub mod msg;
pub mod ndi;
pub mod sip;
pub mod witness;

use std::io::{self, BufWriter, Stdout, Write};

/// Exit codes, for every binary: 0 success; 1 a negative answer (an input was rejected, a log or
/// proof failed verification); 2 usage, I/O or configuration error; 3 a server's event stream
/// was lost (audit loss: it stopped admitting work).
pub const EXIT_OK: u8 = 0;
pub const EXIT_REJECTED: u8 = 1;
pub const EXIT_ERROR: u8 = 2;
/// A server tool's event stream (stdout) failed, so it stopped: the audit trail is incomplete.
pub const EXIT_AUDIT_LOSS: u8 = 3;

/// The exit code of a run that rejected some input lines (1) or none (0).
pub fn rejected_or_ok(rejected: bool) -> u8 {
    if rejected {
        EXIT_REJECTED
    } else {
        EXIT_OK
    }
}

/// An error that means "the input was checked and is bad" (exit 1), not "could not check" (2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Rejected(pub String);

/// Buffered JSONL on stdout.
pub struct Output {
    w: BufWriter<Stdout>,
}

impl Default for Output {
    fn default() -> Self {
        Output { w: BufWriter::with_capacity(64 * 1024, io::stdout()) }
    }
}

impl Output {
    /// Writes `value` in canonical form as one line.
    pub fn json(&mut self, value: &serde_json::Value) -> io::Result<()> {
        self.w.write_all(&crate::json::canonical(value))?;
        self.w.write_all(b"\n")
    }

    /// Writes an input line unchanged.
    pub fn line(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.w.write_all(b"\n")
    }

    pub fn text(&mut self, s: &str) -> io::Result<()> {
        self.w.write_all(s.as_bytes())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.w
    }
}
