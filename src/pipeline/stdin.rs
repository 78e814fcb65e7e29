//! stdin as a stream of numbered lines, read on a thread of its own so that a tool's loop can
//! wait for a line, a packet or a deadline at once (see [`crate::inbox`]).

use crate::inbox::{Feed, Inbox};
use crate::jsonl::{BoundedLines, LineError};
use std::io;

/// One item read from stdin.
#[derive(Debug)]
pub enum StdinLine {
    /// Line `number` (from 1) without its newline. Blank lines are skipped but counted.
    Line { number: u64, bytes: Vec<u8> },
    /// Line `number` could not be taken (longer than the limit, not UTF-8). The tool reports it
    /// by number and goes on or stops per `--on-error`; the lines around it are not lost.
    Bad { number: u64, error: LineError },
    /// End of input.
    End,
    /// Reading stdin failed. The rule for every tool: this is fatal (exit 2), since what follows
    /// cannot be trusted to be the rest of the input.
    Failed(io::Error),
}

/// Starts the reader thread: every item of stdin (lines of at most `max_line` bytes), wrapped by
/// `wrap`, into `feed`, ending with [`StdinLine::End`] or [`StdinLine::Failed`]. The thread waits
/// while the inbox is full, which is how a slow consumer slows the producer upstream.
pub fn spawn_stdin<T: Send + 'static>(feed: Feed<T>, max_line: usize, wrap: impl Fn(StdinLine) -> T + Send + 'static) {
    std::thread::spawn(move || read_into(io::stdin().lock(), max_line, |item| feed.send(wrap(item))));
}

/// Reads `reader` into `send` until it returns false, the input ends, or reading fails.
pub fn read_into(reader: impl io::Read, max_line: usize, mut send: impl FnMut(StdinLine) -> bool) {
    let mut lines = BoundedLines::new(reader, max_line);
    while let Some((number, line)) = lines.next_line() {
        let item = match line {
            Ok(bytes) => StdinLine::Line { number, bytes },
            Err(LineError::Io(e)) => {
                send(StdinLine::Failed(e));
                return;
            }
            Err(error) => StdinLine::Bad { number, error },
        };
        if !send(item) {
            return;
        }
    }
    send(StdinLine::End);
}

/// For tools whose only input is stdin: an inbox of its lines.
pub fn stdin_lines(max_line: usize) -> Inbox<StdinLine> {
    let mut inbox = Inbox::bounded(4096);
    spawn_stdin(inbox.sender(), max_line, |l| l);
    inbox.seal();
    inbox
}

#[cfg(test)]
mod tests {
    use super::*;

    struct FailAfter(&'static [u8]);

    impl io::Read for FailAfter {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("disk on fire"));
            }
            let n = self.0.len().min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn collect(reader: impl io::Read, max: usize) -> Vec<String> {
        let mut got = Vec::new();
        read_into(reader, max, |item| {
            got.push(match item {
                StdinLine::Line { number, bytes } => format!("{number}:{}", String::from_utf8(bytes).unwrap()),
                StdinLine::Bad { number, error } => format!("{number}! {error}"),
                StdinLine::End => "end".into(),
                StdinLine::Failed(e) => format!("failed: {e}"),
            });
            true
        });
        got
    }

    #[test]
    fn numbered_lines_bad_lines_and_the_end() {
        let input = io::Cursor::new(b"a\n\nbbbbbbbbbbbb\n\xff\nc".to_vec());
        assert_eq!(
            collect(input, 8),
            ["1:a", "3! line is longer than 8 bytes (raise --max-line-bytes)", "4! not UTF-8", "5:c", "end"]
        );
    }

    #[test]
    fn a_read_error_is_the_last_item() {
        assert_eq!(collect(FailAfter(b"a\nb\n"), 8), ["1:a", "2:b", "failed: disk on fire"]);
    }
}
