//! WebSocket (RFC 6455) for the tools' signaling: the pure frame codec ([`decode`], [`encode`]),
//! the handshake's key arithmetic, and [`Connection`], whole messages over any blocking
//! `Read`/`Write` pair (a TCP stream for a client, the HTTP server's upgraded connection for a
//! server). Protocol-neutral: `mesh` uses it, knows nothing of its frames.
//!
//! What is refused (a [`WsError`] naming the frame): reserved bits set (no extension is ever
//! negotiated), unknown opcodes, control frames over 125 bytes or fragmented, a client frame
//! without a mask (server side) or a server frame with one (client side), a continuation with
//! nothing to continue, a data frame in the middle of a fragmented message, a message over the
//! connection's `max_message` bytes (checked on each frame's header, before its payload is
//! read), text that is not UTF-8. Each is answered with a close frame (1002, 1007 or 1009) and
//! the end of the connection, never a panic.

use base64::Engine;
use sha1::{Digest, Sha1};
use std::io::{self, Read, Write};

/// The GUID of RFC 6455 §1.3, appended to the client's key for the accept value.
const ACCEPT_GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// `Sec-WebSocket-Accept` for a client's `Sec-WebSocket-Key`.
pub fn accept_key(client_key: &str) -> String {
    let mut sha = Sha1::new();
    sha.update(client_key.trim().as_bytes());
    sha.update(ACCEPT_GUID.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(sha.finalize())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opcode {
    Continuation,
    Text,
    Binary,
    Close,
    Ping,
    Pong,
}

impl Opcode {
    fn from_bits(bits: u8) -> Option<Opcode> {
        Some(match bits {
            0 => Opcode::Continuation,
            1 => Opcode::Text,
            2 => Opcode::Binary,
            8 => Opcode::Close,
            9 => Opcode::Ping,
            10 => Opcode::Pong,
            _ => return None,
        })
    }

    fn bits(self) -> u8 {
        match self {
            Opcode::Continuation => 0,
            Opcode::Text => 1,
            Opcode::Binary => 2,
            Opcode::Close => 8,
            Opcode::Ping => 9,
            Opcode::Pong => 10,
        }
    }

    fn is_control(self) -> bool {
        matches!(self, Opcode::Close | Opcode::Ping | Opcode::Pong)
    }
}

/// One frame, unmasked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub fin: bool,
    pub opcode: Opcode,
    pub payload: Vec<u8>,
}

/// Which end reads: a server requires masked frames, a client refuses them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Server,
    Client,
}

/// Why a frame or message was refused; the close code it is answered with.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum WsError {
    #[error("reserved bits set ({0:#04x})")]
    Reserved(u8),
    #[error("unknown opcode {0}")]
    UnknownOpcode(u8),
    #[error("control frame of {0} bytes (at most 125) or fragmented")]
    BadControl(u64),
    #[error("unmasked frame from a client")]
    Unmasked,
    #[error("masked frame from a server")]
    Masked,
    #[error("message of {len} bytes or more is over the limit of {max}")]
    TooBig { len: u64, max: usize },
    #[error("continuation frame with no message to continue")]
    StrayContinuation,
    #[error("new data frame inside a fragmented message")]
    Interleaved,
    #[error("text message is not UTF-8")]
    NotUtf8,
    #[error("64-bit length with its top bit set")]
    BadLength,
}

impl WsError {
    /// The close status (RFC 6455 §7.4.1) for this refusal.
    pub fn close_code(&self) -> u16 {
        match self {
            WsError::TooBig { .. } => 1009,
            WsError::NotUtf8 => 1007,
            _ => 1002,
        }
    }
}

/// The head of a frame: what [`decode`] reads before deciding whether to take the payload.
struct Head {
    fin: bool,
    opcode: Opcode,
    mask: Option<[u8; 4]>,
    len: u64,
    head_len: usize,
}

fn decode_head(bytes: &[u8], role: Role) -> Result<Option<Head>, WsError> {
    let [b0, b1, ..] = *bytes else { return Ok(None) };
    if b0 & 0x70 != 0 {
        return Err(WsError::Reserved(b0 & 0x70));
    }
    let opcode = Opcode::from_bits(b0 & 0x0f).ok_or(WsError::UnknownOpcode(b0 & 0x0f))?;
    let fin = b0 & 0x80 != 0;
    let masked = b1 & 0x80 != 0;
    match (role, masked) {
        (Role::Server, false) => return Err(WsError::Unmasked),
        (Role::Client, true) => return Err(WsError::Masked),
        _ => {}
    }
    let (len, mut at) = match b1 & 0x7f {
        126 => match bytes.get(2..4) {
            Some(b) => (u16::from_be_bytes([b[0], b[1]]) as u64, 4),
            None => return Ok(None),
        },
        127 => match bytes.get(2..10) {
            Some(b) => {
                let len = u64::from_be_bytes(b.try_into().expect("8 bytes"));
                if len >> 63 != 0 {
                    return Err(WsError::BadLength);
                }
                (len, 10)
            }
            None => return Ok(None),
        },
        n => (n as u64, 2),
    };
    if opcode.is_control() && (len > 125 || !fin) {
        return Err(WsError::BadControl(len));
    }
    let mask = if masked {
        let Some(m) = bytes.get(at..at + 4) else { return Ok(None) };
        at += 4;
        Some([m[0], m[1], m[2], m[3]])
    } else {
        None
    };
    Ok(Some(Head { fin, opcode, mask, len, head_len: at }))
}

/// Decodes the frame at the start of `bytes` as `role` receives it: `Ok(None)` when more bytes
/// are needed, else the frame and how many bytes it took. A frame whose payload would exceed
/// `max_payload` is refused from its head.
pub fn decode(bytes: &[u8], role: Role, max_payload: usize) -> Result<Option<(Frame, usize)>, WsError> {
    let Some(head) = decode_head(bytes, role)? else { return Ok(None) };
    if head.len > max_payload as u64 {
        return Err(WsError::TooBig { len: head.len, max: max_payload });
    }
    let end = head.head_len + head.len as usize;
    let Some(payload) = bytes.get(head.head_len..end) else { return Ok(None) };
    let mut payload = payload.to_vec();
    if let Some(mask) = head.mask {
        payload.iter_mut().enumerate().for_each(|(i, b)| *b ^= mask[i % 4]);
    }
    Ok(Some((Frame { fin: head.fin, opcode: head.opcode, payload }, end)))
}

/// One whole frame on the wire; `mask` for a client's frames (RFC 6455 §5.3).
pub fn encode(opcode: Opcode, payload: &[u8], mask: Option<[u8; 4]>) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 14);
    out.push(0x80 | opcode.bits());
    let mask_bit = if mask.is_some() { 0x80 } else { 0 };
    match payload.len() {
        n if n < 126 => out.push(mask_bit | n as u8),
        n if n <= u16::MAX as usize => {
            out.push(mask_bit | 126);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            out.push(mask_bit | 127);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    match mask {
        Some(m) => {
            out.extend_from_slice(&m);
            out.extend(payload.iter().enumerate().map(|(i, b)| b ^ m[i % 4]));
        }
        None => out.extend_from_slice(payload),
    }
    out
}

/// A whole message, as [`Connection::read_message`] returns it.
#[derive(Debug, PartialEq, Eq)]
pub enum Message {
    Text(String),
    Binary(Vec<u8>),
    /// The peer closed (its status code, if it sent one); the close was answered.
    Closed(Option<u16>),
}

/// Reassembles messages from frames, answering pings and closes, for one direction of a
/// connection. Pure: bytes in, messages and replies out.
pub struct Reader {
    role: Role,
    max_message: usize,
    buffer: Vec<u8>,
    /// The fragmented message being assembled: its opcode and bytes so far.
    partial: Option<(Opcode, Vec<u8>)>,
}

impl Reader {
    pub fn new(role: Role, max_message: usize) -> Self {
        Reader { role, max_message, buffer: Vec::new(), partial: None }
    }

    /// Takes `bytes` received.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next complete message in what was pushed, if any; replies (pong, close) to send
    /// are appended to `replies` as whole frames.
    pub fn next(&mut self, replies: &mut Vec<Vec<u8>>) -> Result<Option<Message>, WsError> {
        loop {
            let so_far = self.partial.as_ref().map_or(0, |(_, b)| b.len());
            let room = self.max_message.saturating_sub(so_far);
            let Some((frame, used)) = decode(&self.buffer, self.role, room.max(125))? else { return Ok(None) };
            self.buffer.drain(..used);
            let mask = (self.role == Role::Client).then(random_mask);
            match frame.opcode {
                Opcode::Ping => replies.push(encode(Opcode::Pong, &frame.payload, mask)),
                Opcode::Pong => {}
                Opcode::Close => {
                    let code = frame.payload.get(..2).map(|c| u16::from_be_bytes([c[0], c[1]]));
                    replies.push(encode(Opcode::Close, frame.payload.get(..2).unwrap_or(&[]), mask));
                    return Ok(Some(Message::Closed(code)));
                }
                Opcode::Continuation => {
                    let Some((_, bytes)) = self.partial.as_mut() else { return Err(WsError::StrayContinuation) };
                    bytes.extend_from_slice(&frame.payload);
                    if bytes.len() > self.max_message {
                        return Err(WsError::TooBig { len: bytes.len() as u64, max: self.max_message });
                    }
                    if frame.fin {
                        let (opcode, bytes) = self.partial.take().expect("checked above");
                        return whole(opcode, bytes).map(Some);
                    }
                }
                Opcode::Text | Opcode::Binary => {
                    if self.partial.is_some() {
                        return Err(WsError::Interleaved);
                    }
                    if frame.payload.len() > self.max_message {
                        return Err(WsError::TooBig { len: frame.payload.len() as u64, max: self.max_message });
                    }
                    if frame.fin {
                        return whole(frame.opcode, frame.payload).map(Some);
                    }
                    self.partial = Some((frame.opcode, frame.payload));
                }
            }
        }
    }
}

fn whole(opcode: Opcode, bytes: Vec<u8>) -> Result<Message, WsError> {
    match opcode {
        Opcode::Text => String::from_utf8(bytes).map(Message::Text).map_err(|_| WsError::NotUtf8),
        _ => Ok(Message::Binary(bytes)),
    }
}

fn random_mask() -> [u8; 4] {
    let mut mask = [0u8; 4];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut mask);
    mask
}

/// The close frame for a refusal (`error`'s code and text).
pub fn close_frame(code: u16, reason: &str, role: Role) -> Vec<u8> {
    let mut payload = code.to_be_bytes().to_vec();
    // A control frame holds 125 bytes: the reason is cut (at a character boundary) to fit.
    let mut reason = reason;
    while reason.len() > 123 {
        let mut cut = 123;
        while !reason.is_char_boundary(cut) {
            cut -= 1;
        }
        reason = &reason[..cut];
    }
    payload.extend_from_slice(reason.as_bytes());
    encode(Opcode::Close, &payload, (role == Role::Client).then(random_mask))
}

/// The writing half: text frames (masked for a client).
pub struct Writer<W> {
    out: W,
    role: Role,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, role: Role) -> Self {
        Writer { out, role }
    }

    pub fn get_ref(&self) -> &W {
        &self.out
    }

    pub fn text(&mut self, text: &str) -> io::Result<()> {
        let mask = (self.role == Role::Client).then(random_mask);
        self.raw(&encode(Opcode::Text, text.as_bytes(), mask))
    }

    /// Sends whole frames as they are (replies from [`Reader::next`], a close).
    pub fn raw(&mut self, frame: &[u8]) -> io::Result<()> {
        self.out.write_all(frame)?;
        self.out.flush()
    }

    pub fn close(&mut self, code: u16, reason: &str) -> io::Result<()> {
        let frame = close_frame(code, reason, self.role);
        self.raw(&frame)
    }
}

/// The reading half over a blocking reader: whole messages.
pub struct Incoming<R> {
    input: R,
    reader: Reader,
}

impl<R: Read> Incoming<R> {
    pub fn new(input: R, role: Role, max_message: usize) -> Self {
        Incoming { input, reader: Reader::new(role, max_message) }
    }

    /// The next message; replies to send (pongs, the answer to a close) go to `replies`.
    /// `Ok(None)` when the connection ended without a close frame.
    pub fn read_message(&mut self, replies: &mut Vec<Vec<u8>>) -> io::Result<Option<Result<Message, WsError>>> {
        let mut chunk = [0u8; 16 * 1024];
        loop {
            match self.reader.next(replies) {
                Ok(Some(m)) => return Ok(Some(Ok(m))),
                Ok(None) => {}
                Err(e) => return Ok(Some(Err(e))),
            }
            let n = self.input.read(&mut chunk)?;
            if n == 0 {
                return Ok(None);
            }
            self.reader.push(&chunk[..n]);
        }
    }

    /// Bytes read past the handshake (a client's first frames may share its packet).
    pub fn push(&mut self, bytes: &[u8]) {
        self.reader.push(bytes);
    }
}

/// A client's handshake on `stream` to `host` (`HOST:PORT`) and `path`: the request written,
/// the `101` read and its accept value checked. Returns bytes read past the response head.
pub fn client_handshake(stream: &mut (impl Read + Write), host: &str, path: &str) -> io::Result<Vec<u8>> {
    client_handshake_with(stream, host, path, None)
}

/// [`client_handshake`] asking for a subprotocol (Janus's API wants `janus-protocol`), which the
/// server must then name in its `101`.
pub fn client_handshake_with(
    stream: &mut (impl Read + Write),
    host: &str,
    path: &str,
    protocol: Option<&str>,
) -> io::Result<Vec<u8>> {
    let mut nonce = [0u8; 16];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut nonce);
    let key = base64::engine::general_purpose::STANDARD.encode(nonce);
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{asked}\r\n",
        asked = protocol.map_or(String::new(), |p| format!("Sec-WebSocket-Protocol: {p}\r\n"))
    );
    stream.write_all(request.as_bytes())?;
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    let end = loop {
        if let Some(at) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        if head.len() > 16 * 1024 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "handshake response head over 16 KiB"));
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed during the handshake"));
        }
        head.extend_from_slice(&chunk[..n]);
    };
    let text = String::from_utf8_lossy(&head[..end]);
    let status = text.lines().next().unwrap_or_default();
    if !status.starts_with("HTTP/1.1 101") {
        let body = String::from_utf8_lossy(&head[end..]);
        return Err(io::Error::other(format!("handshake refused: {status} {}", body.trim())));
    }
    let wanted = accept_key(&key);
    let accepted = text.lines().any(|l| {
        l.split_once(':').is_some_and(|(n, v)| n.eq_ignore_ascii_case("sec-websocket-accept") && v.trim() == wanted)
    });
    if !accepted {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "handshake: wrong or missing Sec-WebSocket-Accept"));
    }
    if let Some(wanted) = protocol {
        let agreed = text.lines().any(|l| {
            l.split_once(':')
                .is_some_and(|(n, v)| n.eq_ignore_ascii_case("sec-websocket-protocol") && v.trim() == wanted)
        });
        if !agreed {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("handshake: the server did not agree to `{wanted}`"),
            ));
        }
    }
    Ok(head[end..].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rfc_6455_examples() {
        // §1.3: the accept value of the sample key.
        assert_eq!(accept_key("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        // §5.7: a single-frame unmasked text, a masked one, a fragmented one, a ping.
        let hello = b"\x81\x05\x48\x65\x6c\x6c\x6f";
        let (frame, used) = decode(hello, Role::Client, 100).unwrap().unwrap();
        assert_eq!((frame.opcode, frame.payload.as_slice(), used), (Opcode::Text, &b"Hello"[..], 7));
        let masked = b"\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58";
        let (frame, _) = decode(masked, Role::Server, 100).unwrap().unwrap();
        assert_eq!(frame.payload, b"Hello");
        assert_eq!(encode(Opcode::Text, b"Hello", Some([0x37, 0xfa, 0x21, 0x3d])), masked);
        let mut reader = Reader::new(Role::Client, 100);
        reader.push(b"\x01\x03\x48\x65\x6c\x89\x05Hello\x80\x02\x6c\x6f");
        let mut replies = Vec::new();
        assert_eq!(reader.next(&mut replies).unwrap(), Some(Message::Text("Hello".into())));
        assert_eq!(replies.len(), 1, "the ping in the middle was answered");
        let (pong, _) = decode(&replies[0], Role::Server, 125).unwrap().unwrap();
        assert_eq!((pong.opcode, pong.payload.as_slice()), (Opcode::Pong, &b"Hello"[..]));
        // Lengths of 126 and 65536 bytes take the 16- and 64-bit forms.
        for n in [125, 126, 65_535, 65_536] {
            let bytes = encode(Opcode::Binary, &vec![7; n], None);
            let (frame, used) = decode(&bytes, Role::Client, 1 << 20).unwrap().unwrap();
            assert_eq!((frame.payload.len(), used), (n, bytes.len()));
            assert_eq!(decode(&bytes[..bytes.len() - 1], Role::Client, 1 << 20).unwrap(), None, "needs more");
        }
    }

    #[test]
    fn hostile_frames_are_refused_by_their_head() {
        let cases: [(&[u8], Role, WsError); 7] = [
            (b"\xc1\x00", Role::Client, WsError::Reserved(0x40)),
            (b"\x83\x00", Role::Client, WsError::UnknownOpcode(3)),
            (b"\x81\x05Hello", Role::Server, WsError::Unmasked),
            (b"\x81\x80\0\0\0\0", Role::Client, WsError::Masked),
            (b"\x09\x00", Role::Client, WsError::BadControl(0)),
            (b"\x89\x7e\x00\x80", Role::Client, WsError::BadControl(128)),
            (b"\x82\x7f\x80\0\0\0\0\0\0\0", Role::Client, WsError::BadLength),
        ];
        for (bytes, role, wanted) in cases {
            assert_eq!(decode(bytes, role, 1000).unwrap_err(), wanted, "{bytes:?}");
        }
        // A 2^62-byte frame is refused on its head, nothing allocated.
        let huge = b"\x82\x7f\x40\0\0\0\0\0\0\0";
        assert!(matches!(decode(huge, Role::Client, 1 << 20), Err(WsError::TooBig { .. })));
        let mut reader = Reader::new(Role::Client, 8);
        reader.push(b"\x00\x01x");
        assert_eq!(reader.next(&mut Vec::new()).unwrap_err(), WsError::StrayContinuation);
        let mut reader = Reader::new(Role::Client, 8);
        reader.push(b"\x01\x05abcde\x00\x05fghij");
        assert!(matches!(reader.next(&mut Vec::new()), Err(WsError::TooBig { len: 10, max: 8 })));
        let mut reader = Reader::new(Role::Client, 8);
        reader.push(b"\x01\x01a\x81\x01b");
        assert_eq!(reader.next(&mut Vec::new()).unwrap_err(), WsError::Interleaved);
        let mut reader = Reader::new(Role::Client, 8);
        reader.push(b"\x81\x02\xc3\x28");
        assert_eq!(reader.next(&mut Vec::new()).unwrap_err(), WsError::NotUtf8);
        assert_eq!(WsError::NotUtf8.close_code(), 1007);
    }

    #[test]
    fn a_close_is_answered_and_reported_with_its_code() {
        let mut reader = Reader::new(Role::Server, 100);
        reader.push(&close_frame(1000, "bye", Role::Client));
        let mut replies = Vec::new();
        assert_eq!(reader.next(&mut replies).unwrap(), Some(Message::Closed(Some(1000))));
        let (answer, _) = decode(&replies[0], Role::Client, 125).unwrap().unwrap();
        assert_eq!((answer.opcode, answer.payload), (Opcode::Close, vec![0x03, 0xe8]));
        let long = close_frame(1008, &"é".repeat(100), Role::Server);
        let (frame, _) = decode(&long, Role::Client, 125).unwrap().unwrap();
        assert!(frame.payload.len() <= 125 && std::str::from_utf8(&frame.payload[2..]).is_ok());
    }
}
