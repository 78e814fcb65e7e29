//! SIP messages out of a byte stream (RFC 3261 §18.3), sans-IO: bytes in as they come off a
//! TCP or TLS connection, whole messages and keep-alive pongs out.
//!
//! Every byte is looked at a bounded number of times however the stream is cut: a head that
//! comes a byte at a time is searched for its end from where the last search stopped, and once
//! the head is there the message's length is known and nothing is parsed again until the body
//! is complete. (Rescanning the whole buffer on every read, as the first driver did, made a
//! slow sender cost the proxy time quadratic in what it sent.)

use super::message::{frame_size, FrameSize, ParseError, MAX_MESSAGE};

/// Why a stream cannot be framed any further: it is closed, since a stream cannot be
/// resynchronised.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FramingError {
    #[error("{0} keep-alive octets and no message")]
    EndlessKeepAlive(usize),
    #[error(transparent)]
    Message(#[from] ParseError),
}

/// What one [`Framer::push`] found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Framed {
    /// Whole messages, in order, each as [`super::parse`] takes it.
    pub messages: Vec<Vec<u8>>,
    /// CRLFCRLF pings seen: each is answered with one CRLF (RFC 5626 §4.4.1).
    pub pongs: usize,
}

/// One stream's framing state.
#[derive(Debug, Default)]
pub struct Framer {
    buffer: Vec<u8>,
    /// Where the first unframed byte is in `buffer` (bytes before it are taken; compacted
    /// at the end of each push, so that many messages in one read are not moved once each).
    start: usize,
    /// How far past `start` the head's end has been searched for, with no end found.
    searched: usize,
    /// The length of the message begun at `start`, once its head is known.
    needs: Option<usize>,
    /// Keep-alive octets since the last message, counted against [`MAX_MESSAGE`].
    keepalive_run: usize,
    /// The last four keep-alive octets, to see each CRLFCRLF ping.
    keepalive_last: [u8; 4],
}

impl Framer {
    /// Takes the next bytes of the stream.
    pub fn push(&mut self, bytes: &[u8]) -> Result<Framed, FramingError> {
        let mut out = Framed::default();
        self.buffer.extend_from_slice(bytes);
        let result = self.frame_all(&mut out);
        self.buffer.drain(..self.start);
        self.start = 0;
        result.map(|()| out)
    }

    /// Bytes held for a message not complete yet.
    pub fn buffered(&self) -> usize {
        self.buffer.len() - self.start
    }

    fn frame_all(&mut self, out: &mut Framed) -> Result<(), FramingError> {
        loop {
            let rest = &self.buffer[self.start..];
            if self.searched == 0 && self.needs.is_none() {
                // Between messages: CR and LF octets are keep-alives, consumed as they come
                // (never held), each CRLFCRLF a ping.
                let lead = rest.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
                for &b in &rest[..lead] {
                    self.keepalive_last = [self.keepalive_last[1], self.keepalive_last[2], self.keepalive_last[3], b];
                    if &self.keepalive_last == b"\r\n\r\n" {
                        out.pongs += 1;
                        self.keepalive_last = [0; 4];
                    }
                }
                self.keepalive_run += lead;
                self.start += lead;
                if self.keepalive_run > MAX_MESSAGE {
                    return Err(FramingError::EndlessKeepAlive(self.keepalive_run));
                }
                if self.start == self.buffer.len() {
                    return Ok(());
                }
                // A message began: the keep-alives before it are over.
                self.keepalive_run = 0;
                self.keepalive_last = [0; 4];
            }
            let rest = &self.buffer[self.start..];
            match self.needs {
                Some(n) if rest.len() < n => return Ok(()),
                Some(_) => {}
                None => {
                    // Only the new bytes (and the three before them, for a CRLFCRLF cut in
                    // two) can hold the end of the head.
                    let from = self.searched.saturating_sub(3);
                    if !ends_head(&rest[from..]) {
                        if rest.len() > MAX_MESSAGE {
                            return Err(ParseError::TooLarge.into());
                        }
                        self.searched = rest.len();
                        return Ok(());
                    }
                }
            }
            match frame_size(rest)? {
                FrameSize::Whole(n) => {
                    out.messages.push(rest[..n].to_vec());
                    self.start += n;
                    self.searched = 0;
                    self.needs = None;
                }
                FrameSize::Needs(n) => {
                    self.needs = Some(n);
                    return Ok(());
                }
                FrameSize::HeadIncomplete => {
                    self.searched = rest.len();
                    return Ok(());
                }
            }
        }
    }
}

/// Whether `bytes` hold the blank line that ends a head (CRLFCRLF, or bare LFs).
fn ends_head(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w == b"\n\n") || bytes.windows(4).any(|w| w == b"\r\n\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTIONS: &str = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 4\r\n\r\nbody";

    #[test]
    fn messages_come_out_whole_however_the_stream_is_cut() {
        let stream = format!("{OPTIONS}\r\n\r\n{OPTIONS}{OPTIONS}");
        for cut in [1, 2, 3, 7, 64, stream.len()] {
            let mut framer = Framer::default();
            let mut messages = Vec::new();
            let mut pongs = 0;
            for piece in stream.as_bytes().chunks(cut) {
                let framed = framer.push(piece).unwrap();
                messages.extend(framed.messages);
                pongs += framed.pongs;
            }
            assert_eq!(messages.len(), 3, "cut every {cut}");
            assert!(messages.iter().all(|m| m == OPTIONS.as_bytes()), "cut every {cut}");
            assert_eq!(pongs, 1, "the CRLFCRLF between messages is a ping (cut every {cut})");
            assert_eq!(framer.buffered(), 0);
        }
    }

    #[test]
    fn pings_get_one_pong_each_and_an_endless_run_is_refused() {
        let mut framer = Framer::default();
        assert_eq!(framer.push(b"\r\n\r\n\r\n").unwrap().pongs, 1);
        assert_eq!(framer.push(b"\r\n").unwrap().pongs, 1, "a ping split across reads");
        let run = b"\r\n".repeat(MAX_MESSAGE / 2);
        assert!(matches!(framer.push(&run), Err(FramingError::EndlessKeepAlive(n)) if n > MAX_MESSAGE));
        // After a message the run starts again.
        let mut framer = Framer::default();
        framer.push(&b"\r\n".repeat(MAX_MESSAGE / 4)).unwrap();
        framer.push(OPTIONS.as_bytes()).unwrap();
        assert!(framer.push(&b"\r\n".repeat(MAX_MESSAGE / 4)).is_ok());
    }

    #[test]
    fn a_head_that_never_ends_is_refused_at_the_size_limit() {
        let mut framer = Framer::default();
        let mut refused = None;
        for _ in 0..MAX_MESSAGE / 1000 + 2 {
            if let Err(e) = framer.push(&[b'a'; 1000]) {
                refused = Some(e);
                break;
            }
        }
        assert_eq!(refused, Some(FramingError::Message(ParseError::TooLarge)));
    }

    #[test]
    fn a_bad_content_length_is_refused_once_the_head_is_there() {
        let mut framer = Framer::default();
        assert!(framer.push(b"INVITE sip:a@b SIP/2.0\r\nContent-Length: x\r\n").is_ok());
        assert!(matches!(framer.push(b"\r\n"), Err(FramingError::Message(ParseError::ContentLength(_)))));
    }

    #[test]
    fn a_body_that_comes_a_byte_at_a_time_parses_the_head_once() {
        // Counted indirectly: the length is remembered, so the head is not needed again.
        let mut framer = Framer::default();
        let (head, body) = OPTIONS.split_at(OPTIONS.len() - 4);
        framer.push(head.as_bytes()).unwrap();
        assert_eq!(framer.needs, Some(OPTIONS.len()));
        for (i, b) in body.bytes().enumerate() {
            let framed = framer.push(&[b]).unwrap();
            assert_eq!(framed.messages.len(), usize::from(i == 3));
        }
    }
}
