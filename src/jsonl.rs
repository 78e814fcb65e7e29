//! Reading JSONL input: bounded lines and line numbers (the `--on-error` rule is the pipeline
//! layer's, [`crate::pipeline::Rejects`]).

use std::io::{self, BufRead, BufReader, Read};

/// Default longest accepted input line (1 MiB); longer lines are rejected without being held
/// in memory.
pub const DEFAULT_MAX_LINE: usize = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum LineError {
    #[error("line is longer than {limit} bytes (raise --max-line-bytes)")]
    TooLong { limit: usize },
    #[error("not UTF-8")]
    NotUtf8,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Lines of a reader, each at most `max` bytes, numbered from 1; blank lines are skipped.
pub struct BoundedLines<R> {
    inner: BufReader<R>,
    max: usize,
    number: u64,
}

impl<R: Read> BoundedLines<R> {
    pub fn new(reader: R, max: usize) -> Self {
        BoundedLines { inner: BufReader::with_capacity(64 * 1024, reader), max, number: 0 }
    }

    /// True when the next line would need a read from the underlying reader: the moment to
    /// flush output so a pipeline sees results in real time.
    pub fn would_block(&self) -> bool {
        self.inner.buffer().is_empty()
    }

    /// Next line (without its newline), or `None` at end of input.
    pub fn next_line(&mut self) -> Option<(u64, Result<Vec<u8>, LineError>)> {
        loop {
            let mut line = Vec::new();
            let mut too_long = false;
            let mut saw_any = false;
            loop {
                let buf = match self.inner.fill_buf() {
                    Ok(b) => b,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.number += 1;
                        return Some((self.number, Err(e.into())));
                    }
                };
                if buf.is_empty() {
                    break;
                }
                saw_any = true;
                let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
                    Some(i) => (&buf[..i], Some(i + 1)),
                    None => (buf, None),
                };
                if !too_long {
                    if line.len() + chunk.len() > self.max {
                        too_long = true;
                        line = Vec::new();
                    } else {
                        line.extend_from_slice(chunk);
                    }
                }
                let used = done.unwrap_or(buf.len());
                self.inner.consume(used);
                if done.is_some() {
                    break;
                }
            }
            if !saw_any {
                return None;
            }
            self.number += 1;
            if too_long {
                return Some((self.number, Err(LineError::TooLong { limit: self.max })));
            }
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if std::str::from_utf8(&line).is_err() {
                return Some((self.number, Err(LineError::NotUtf8)));
            }
            return Some((self.number, Ok(line)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_rejected_and_reading_continues() {
        let input = format!("{{\"a\":1}}\n{}\n\n{{\"b\":2}}\r\nlast", "x".repeat(100));
        let mut lines = BoundedLines::new(std::io::Cursor::new(input.into_bytes()), 20);
        let mut got = Vec::new();
        while let Some((n, r)) = lines.next_line() {
            got.push((n, r.map(|l| String::from_utf8(l).unwrap()).map_err(|e| e.to_string())));
        }
        assert_eq!(got[0], (1, Ok("{\"a\":1}".into())));
        assert_eq!(got[1], (2, Err("line is longer than 20 bytes (raise --max-line-bytes)".into())));
        assert_eq!(got[2], (4, Ok("{\"b\":2}".into())));
        assert_eq!(got[3], (5, Ok("last".into())));
        assert_eq!(got.len(), 4);
    }
}
