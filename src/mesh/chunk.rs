//! Messages over a DataChannel in parts of at most [`MAX_PART`] bytes: 16 KiB is what every
//! stack delivers (webrtc-rs loses 64 KiB sends, str0m refuses 128 KiB ones with its default
//! buffer; see docs/if-mesh.md). Each DataChannel message is one part: a byte saying whether
//! more follow (`M`) or this is the last (`F`), then up to 16 KiB - 1 of the message. The
//! channel is reliable and ordered, so a message is its parts in order.

/// The most bytes of one DataChannel message, marker included.
pub const MAX_PART: usize = 16 * 1024;

const MORE: u8 = b'M';
const FINAL: u8 = b'F';

/// The parts of `message`.
pub fn split(message: &[u8]) -> Vec<Vec<u8>> {
    let body = MAX_PART - 1;
    let count = message.len().div_ceil(body).max(1);
    (0..count)
        .map(|i| {
            let part = &message[i * body..((i + 1) * body).min(message.len())];
            let mut out = Vec::with_capacity(part.len() + 1);
            out.push(if i + 1 == count { FINAL } else { MORE });
            out.extend_from_slice(part);
            out
        })
        .collect()
}

/// The texts of `line` for a channel that carries text only (a Janus TextRoom `text` is a JSON
/// string): the line itself when it is under [`MAX_PART`] bytes (it starts with `{`, never a
/// marker), else parts of a marker and at most `MAX_PART - 1` bytes, cut at character
/// boundaries, which [`Reassembly`] puts together.
pub fn split_text(line: &str) -> Vec<String> {
    if line.len() < MAX_PART {
        return vec![line.to_owned()];
    }
    let mut parts = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let mut cut = rest.len().min(MAX_PART - 1);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (part, after) = rest.split_at(cut);
        parts.push(format!("{}{part}", if after.is_empty() { FINAL as char } else { MORE as char }));
        rest = after;
    }
    parts
}

/// Why a part was refused (the message being assembled is dropped with it).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChunkError {
    #[error("part of {0} bytes is over {MAX_PART}")]
    PartTooBig(usize),
    #[error("part without a marker byte (F or M)")]
    NoMarker,
    #[error("message over {0} bytes")]
    TooBig(usize),
}

/// Reassembles one channel's messages.
pub struct Reassembly {
    max_message: usize,
    partial: Vec<u8>,
}

impl Reassembly {
    pub fn new(max_message: usize) -> Self {
        Reassembly { max_message, partial: Vec::new() }
    }

    /// Takes a part; returns the message it completes, if it does.
    pub fn push(&mut self, part: &[u8]) -> Result<Option<Vec<u8>>, ChunkError> {
        if part.len() > MAX_PART {
            self.partial.clear();
            return Err(ChunkError::PartTooBig(part.len()));
        }
        let (marker, body) = part.split_first().ok_or(ChunkError::NoMarker)?;
        if self.partial.len() + body.len() > self.max_message {
            self.partial.clear();
            return Err(ChunkError::TooBig(self.max_message));
        }
        match *marker {
            MORE => {
                self.partial.extend_from_slice(body);
                Ok(None)
            }
            FINAL => {
                self.partial.extend_from_slice(body);
                Ok(Some(std::mem::take(&mut self.partial)))
            }
            _ => {
                self.partial.clear();
                Err(ChunkError::NoMarker)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_and_reassembled_at_every_boundary() {
        for len in [0, 1, MAX_PART - 1, MAX_PART, 3 * (MAX_PART - 1), 100_000] {
            let message: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let parts = split(&message);
            assert!(parts.iter().all(|p| p.len() <= MAX_PART), "{len}");
            assert_eq!(parts.len(), len.div_ceil(MAX_PART - 1).max(1), "{len}");
            let mut r = Reassembly::new(1 << 20);
            let (last, rest) = parts.split_last().unwrap();
            for p in rest {
                assert_eq!(r.push(p), Ok(None));
            }
            assert_eq!(r.push(last), Ok(Some(message)), "{len}");
        }
    }

    #[test]
    fn hostile_parts_are_refused_and_forgotten() {
        let mut r = Reassembly::new(10);
        assert_eq!(r.push(b""), Err(ChunkError::NoMarker));
        assert_eq!(r.push(b"Xabc"), Err(ChunkError::NoMarker));
        assert_eq!(r.push(b"M123456"), Ok(None));
        assert_eq!(r.push(b"F123456"), Err(ChunkError::TooBig(10)));
        assert_eq!(r.push(b"Fok"), Ok(Some(b"ok".to_vec())), "the refused message left nothing behind");
        assert_eq!(r.push(&vec![b'M'; MAX_PART + 1]), Err(ChunkError::PartTooBig(MAX_PART + 1)));
    }
}
