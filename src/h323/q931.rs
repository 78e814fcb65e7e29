//! H.225.0 call signalling on the wire: TPKT framing (RFC 1006), Q.931 messages with the
//! information elements H.225.0 uses, and the user-user IE's `H323-UserInformation` (ALIGNED
//! PER, the generated codec of `h323-asn1`). Pure: bytes in, values out, and back.
//!
//! A Q.931 message is `08`, a CRV length (2 here; 0 and 1 are read), the CRV with its top bit as
//! the flag (set in the messages of the side that answered the Setup), the message type, then the
//! IEs: one-octet IEs (top bit set), the user-user IE `7E` with a two-octet length (H.225.0 7.2),
//! every other one with a one-octet length. Unknown IEs are kept and skipped, never refused.

pub use h323_asn1::h225::{H323UUPDUH323MessageBody as Body, H323UserInformation};
use std::fmt;

/// TPKT's own ceiling: its length is 16 bits and counts the 4 header octets.
pub const TPKT_MAX: usize = 65_535;
/// The largest TPKT a connection takes by default: room for a Setup with a 16 KiB call
/// description and fastStart.
pub const DEFAULT_MAX_FRAME: usize = 32 * 1024;

pub const PROTOCOL_DISCRIMINATOR: u8 = 0x08;
/// The user-user IE's protocol discriminator: X.208/X.209 coded user information (H.225.0).
pub const USER_USER_PD: u8 = 0x05;

/// Q.931 message types (H.225.0 7.3).
pub mod kind {
    pub const ALERTING: u8 = 0x01;
    pub const CALL_PROCEEDING: u8 = 0x02;
    pub const PROGRESS: u8 = 0x03;
    pub const SETUP: u8 = 0x05;
    pub const CONNECT: u8 = 0x07;
    pub const RELEASE_COMPLETE: u8 = 0x5A;
    pub const FACILITY: u8 = 0x62;
    pub const NOTIFY: u8 = 0x6E;
    pub const STATUS_INQUIRY: u8 = 0x75;
    pub const INFORMATION: u8 = 0x7B;
    pub const STATUS: u8 = 0x7D;
}

/// Information element identifiers.
pub mod ie {
    pub const BEARER_CAPABILITY: u8 = 0x04;
    pub const CAUSE: u8 = 0x08;
    pub const CALL_STATE: u8 = 0x14;
    pub const DISPLAY: u8 = 0x28;
    pub const CALLING_PARTY_NUMBER: u8 = 0x6C;
    pub const CALLED_PARTY_NUMBER: u8 = 0x70;
    pub const USER_USER: u8 = 0x7E;
}

/// Why octets are not a TPKT, a Q.931 message or its H323-UserInformation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("not a TPKT: version {0}, not 3")]
    TpktVersion(u8),
    #[error("TPKT length {0} is less than its header")]
    TpktShort(usize),
    #[error("TPKT of {len} octets, more than the {max} taken")]
    TpktTooLarge { len: usize, max: usize },
    #[error("truncated: {0}")]
    Truncated(&'static str),
    #[error("protocol discriminator {0:#04x}, not Q.931's 0x08")]
    Discriminator(u8),
    #[error("call reference of {0} octets (at most 2)")]
    CrvLength(u8),
    #[error("message type {0:#04x} has its top bit set")]
    MessageType(u8),
    #[error("user-user IE with protocol discriminator {0:#04x}, not 0x05")]
    UserUserDiscriminator(u8),
    #[error("H323-UserInformation does not decode: {0}")]
    Uuie(String),
    #[error("{0} octets after the H323-UserInformation")]
    UuieTrailing(usize),
    #[error("cannot encode H323-UserInformation: {0}")]
    Encode(String),
}

/// Cuts a TCP byte stream into TPKT payloads, refusing frames above `max` before reading them.
#[derive(Debug)]
pub struct Tpkt {
    buf: Vec<u8>,
    max: usize,
}

impl Tpkt {
    pub fn new(max: usize) -> Self {
        Tpkt { buf: Vec::new(), max: max.min(TPKT_MAX) }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Octets received and not yet a whole frame.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// The next whole frame's payload. An error is final: the stream has lost its framing.
    pub fn next_frame(&mut self) -> Result<Option<Vec<u8>>, ParseError> {
        if self.buf.is_empty() {
            return Ok(None);
        }
        if self.buf[0] != 3 {
            return Err(ParseError::TpktVersion(self.buf[0]));
        }
        if self.buf.len() < 4 {
            return Ok(None);
        }
        let len = usize::from(u16::from_be_bytes([self.buf[2], self.buf[3]]));
        if len < 4 {
            return Err(ParseError::TpktShort(len));
        }
        if len > self.max {
            return Err(ParseError::TpktTooLarge { len, max: self.max });
        }
        if self.buf.len() < len {
            return Ok(None);
        }
        let payload = self.buf[4..len].to_vec();
        self.buf.drain(..len);
        Ok(Some(payload))
    }
}

/// `payload` in a TPKT. Panics above 65,531 octets, which no message built here reaches.
pub fn tpkt(payload: &[u8]) -> Vec<u8> {
    let len = payload.len() + 4;
    assert!(len <= TPKT_MAX, "a TPKT of {len} octets");
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(&[3, 0]);
    out.extend_from_slice(&(len as u16).to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// One information element: its identifier and contents (without identifier and length).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ie {
    pub id: u8,
    pub data: Vec<u8>,
}

/// A Q.931 message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Q931 {
    /// The call reference value, 15 bits.
    pub crv: u16,
    /// The CRV flag: set in messages from the side that answered the Setup.
    pub from_answerer: bool,
    pub message_type: u8,
    /// In the order received (ascending when built here).
    pub ies: Vec<Ie>,
}

impl Q931 {
    pub fn new(crv: u16, from_answerer: bool, message_type: u8) -> Self {
        Q931 { crv: crv & 0x7fff, from_answerer, message_type, ies: Vec::new() }
    }

    /// Parses one message (a TPKT's payload).
    pub fn parse(bytes: &[u8]) -> Result<Q931, ParseError> {
        let mut r = Reader(bytes);
        let pd = r.byte("protocol discriminator")?;
        if pd != PROTOCOL_DISCRIMINATOR {
            return Err(ParseError::Discriminator(pd));
        }
        let crv_len = r.byte("call reference length")? & 0x0f;
        let (crv, flag) = match crv_len {
            0 => (0, false),
            1 => {
                let b = r.byte("call reference")?;
                (u16::from(b & 0x7f), b & 0x80 != 0)
            }
            2 => {
                let b = r.take(2, "call reference")?;
                let v = u16::from_be_bytes([b[0], b[1]]);
                (v & 0x7fff, v & 0x8000 != 0)
            }
            n => return Err(ParseError::CrvLength(n)),
        };
        let message_type = r.byte("message type")?;
        if message_type & 0x80 != 0 {
            return Err(ParseError::MessageType(message_type));
        }
        let mut ies = Vec::new();
        while !r.0.is_empty() {
            let id = r.byte("IE identifier")?;
            if id & 0x80 != 0 {
                // A one-octet IE (shift, more data, sending complete...): its value is its identifier.
                ies.push(Ie { id, data: Vec::new() });
                continue;
            }
            let len = if id == ie::USER_USER {
                let b = r.take(2, "user-user IE length")?;
                usize::from(u16::from_be_bytes([b[0], b[1]]))
            } else {
                usize::from(r.byte("IE length")?)
            };
            let data = r.take(len, "IE contents")?.to_vec();
            ies.push(Ie { id, data });
        }
        Ok(Q931 { crv, from_answerer: flag, message_type, ies })
    }

    /// The message's octets, IEs in ascending order of identifier (Q.931 4.5).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![PROTOCOL_DISCRIMINATOR, 2];
        let crv = (self.crv & 0x7fff) | if self.from_answerer { 0x8000 } else { 0 };
        out.extend_from_slice(&crv.to_be_bytes());
        out.push(self.message_type);
        let mut ies: Vec<&Ie> = self.ies.iter().collect();
        ies.sort_by_key(|i| i.id);
        for i in ies {
            out.push(i.id);
            if i.id & 0x80 != 0 {
                continue;
            }
            if i.id == ie::USER_USER {
                out.extend_from_slice(&(i.data.len().min(0xffff) as u16).to_be_bytes());
            } else {
                out.push(i.data.len().min(0xff) as u8);
            }
            out.extend_from_slice(&i.data[..i.data.len().min(if i.id == ie::USER_USER { 0xffff } else { 0xff })]);
        }
        out
    }

    pub fn ie(&self, id: u8) -> Option<&[u8]> {
        self.ies.iter().find(|i| i.id == id).map(|i| i.data.as_slice())
    }

    /// Adds (or replaces) an IE.
    pub fn set_ie(&mut self, id: u8, data: Vec<u8>) {
        self.ies.retain(|i| i.id != id);
        self.ies.push(Ie { id, data });
    }

    /// The Display IE's text.
    pub fn display(&self) -> Option<String> {
        self.ie(ie::DISPLAY).map(|d| String::from_utf8_lossy(d).into_owned())
    }

    /// The digits of the called party number IE (after its type-of-number octet).
    pub fn called_number(&self) -> Option<String> {
        number(self.ie(ie::CALLED_PARTY_NUMBER)?)
    }

    pub fn calling_number(&self) -> Option<String> {
        number(self.ie(ie::CALLING_PARTY_NUMBER)?)
    }

    /// The cause value of the Cause IE (Q.850).
    pub fn cause(&self) -> Option<u8> {
        let d = self.ie(ie::CAUSE)?;
        // Octet 3 (coding, location), octet 3a when its extension bit is clear, then the cause.
        let at = if d.first()? & 0x80 == 0 { 2 } else { 1 };
        d.get(at).map(|c| c & 0x7f)
    }

    /// A Cause IE: ITU-T coding, location user, the value.
    pub fn set_cause(&mut self, value: u8) {
        self.set_ie(ie::CAUSE, vec![0x80, 0x80 | (value & 0x7f)]);
    }

    /// The user-user IE's contents after its protocol discriminator.
    pub fn user_user(&self) -> Result<Option<&[u8]>, ParseError> {
        match self.ie(ie::USER_USER) {
            None => Ok(None),
            Some([]) => Err(ParseError::Truncated("user-user IE")),
            Some([pd, rest @ ..]) if *pd == USER_USER_PD => Ok(Some(rest)),
            Some([pd, ..]) => Err(ParseError::UserUserDiscriminator(*pd)),
        }
    }

    pub fn set_user_user(&mut self, uu: &H323UserInformation) -> Result<(), ParseError> {
        let mut data = vec![USER_USER_PD];
        data.extend(encode_uu(uu)?);
        self.set_ie(ie::USER_USER, data);
        Ok(())
    }
}

fn number(d: &[u8]) -> Option<String> {
    let first = *d.first()?;
    // Octet 3, and 3a when octet 3's extension bit is clear (calling party: presentation).
    let at = if first & 0x80 == 0 { 2 } else { 1 };
    Some(d.get(at..)?.iter().map(|b| char::from(b & 0x7f)).collect())
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self, what: &'static str) -> Result<u8, ParseError> {
        let (&b, rest) = self.0.split_first().ok_or(ParseError::Truncated(what))?;
        self.0 = rest;
        Ok(b)
    }
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], ParseError> {
        if self.0.len() < n {
            return Err(ParseError::Truncated(what));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }
}

/// Decodes an H323-UserInformation. Trailing octets are refused.
pub fn decode_uu(bytes: &[u8]) -> Result<H323UserInformation, ParseError> {
    let (uu, rest) = h323_asn1::rasn::aper::decode_with_remainder::<H323UserInformation>(bytes)
        .map_err(|e| ParseError::Uuie(one_line(&e.to_string())))?;
    if !rest.is_empty() {
        return Err(ParseError::UuieTrailing(rest.len()));
    }
    Ok(uu)
}

pub fn encode_uu(uu: &H323UserInformation) -> Result<Vec<u8>, ParseError> {
    h323_asn1::rasn::aper::encode(uu).map_err(|e| ParseError::Encode(one_line(&e.to_string())))
}

pub(crate) fn one_line(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s,
    }
}

/// A call signalling message: Q.931 with its decoded H323-UserInformation.
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    pub q931: Q931,
    pub uu: Option<H323UserInformation>,
}

impl Signal {
    /// Parses a TPKT's payload.
    pub fn parse(bytes: &[u8]) -> Result<Signal, ParseError> {
        let q931 = Q931::parse(bytes)?;
        let uu = q931.user_user()?.map(decode_uu).transpose()?;
        Ok(Signal { q931, uu })
    }

    /// The message in a TPKT, its user-user IE encoded from `uu`.
    pub fn encode(&self) -> Result<Vec<u8>, ParseError> {
        let mut q = self.q931.clone();
        if let Some(uu) = &self.uu {
            q.set_user_user(uu)?;
        }
        Ok(tpkt(&q.encode()))
    }

    pub fn body(&self) -> Option<&Body> {
        self.uu.as_ref().map(|u| &u.h323_uu_pdu.h323_message_body)
    }
}

/// The ASN.1 name of a message body (`setup`, `empty`...).
pub fn body_name(body: &Body) -> &'static str {
    match body {
        Body::setup(_) => "setup",
        Body::callProceeding(_) => "callProceeding",
        Body::connect(_) => "connect",
        Body::alerting(_) => "alerting",
        Body::information(_) => "information",
        Body::releaseComplete(_) => "releaseComplete",
        Body::facility(_) => "facility",
        Body::progress(_) => "progress",
        Body::empty(_) => "empty",
        Body::status(_) => "status",
        Body::statusInquiry(_) => "statusInquiry",
        Body::setupAcknowledge(_) => "setupAcknowledge",
        Body::notify(_) => "notify",
        _ => "unknown",
    }
}

/// The name of a Q.931 message type.
pub fn kind_name(t: u8) -> &'static str {
    match t {
        kind::ALERTING => "alerting",
        kind::CALL_PROCEEDING => "callProceeding",
        kind::PROGRESS => "progress",
        kind::SETUP => "setup",
        kind::CONNECT => "connect",
        kind::RELEASE_COMPLETE => "releaseComplete",
        kind::FACILITY => "facility",
        kind::NOTIFY => "notify",
        kind::STATUS_INQUIRY => "statusInquiry",
        kind::INFORMATION => "information",
        kind::STATUS => "status",
        _ => "unknown",
    }
}

impl fmt::Display for Q931 {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} crv {}{}", kind_name(self.message_type), self.crv, if self.from_answerer { "'" } else { "" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/data/h323-call/pycrate/{name}.hex", env!("CARGO_MANIFEST_DIR"));
        hex::decode(std::fs::read_to_string(&path).unwrap().trim()).unwrap()
    }

    fn payload(tpkt_bytes: &[u8]) -> Vec<u8> {
        let mut t = Tpkt::new(DEFAULT_MAX_FRAME);
        t.push(tpkt_bytes);
        let p = t.next_frame().unwrap().unwrap();
        assert_eq!(t.buffered(), 0);
        p
    }

    const ALL: &[&str] = &[
        "fs-setup",
        "fs-callProceeding",
        "fs-alerting",
        "fs-connect",
        "fs-statusInquiry",
        "fs-status",
        "fs-releaseComplete",
        "tun-setup",
        "tun-connect",
        "tun-empty",
        "tun-empty-1",
        "tun-empty-2",
        "tun-empty-3",
        "tun-releaseComplete",
        "refused-setup",
        "refused-releaseComplete",
    ];

    #[test]
    fn every_pycrate_message_parses_and_encodes_back_byte_for_byte() {
        for name in ALL {
            let bytes = fixture(name);
            let signal = Signal::parse(&payload(&bytes)).unwrap_or_else(|e| panic!("{name}: {e}"));
            let body = body_name(signal.body().unwrap());
            assert!(name.ends_with(body) || name.contains(&format!("-{body}-")), "{name}: {body}");
            assert_eq!(signal.encode().unwrap(), bytes, "{name}");
        }
    }

    #[test]
    fn the_setup_carries_its_ies_and_the_callers_flag() {
        let s = Signal::parse(&payload(&fixture("fs-setup"))).unwrap();
        assert_eq!(s.q931.message_type, kind::SETUP);
        assert!(!s.q931.from_answerer);
        assert_eq!(s.q931.ie(ie::BEARER_CAPABILITY), Some(&[0x88, 0x90, 0xa5][..]));
        assert_eq!(s.q931.called_number().as_deref(), Some("1234"));
        assert!(s.q931.display().is_some());
        let Some(Body::setup(setup)) = s.body() else { panic!() };
        assert_eq!(setup.fast_start.as_ref().map(Vec::len), Some(4));
        assert!(s.uu.as_ref().unwrap().h323_uu_pdu.non_standard_data.is_some());
        let rc = Signal::parse(&payload(&fixture("fs-releaseComplete"))).unwrap();
        assert_eq!(rc.q931.cause(), Some(16));
        let refused = Signal::parse(&payload(&fixture("refused-releaseComplete"))).unwrap();
        assert!(refused.q931.from_answerer);
        assert_eq!(refused.q931.cause(), Some(21));
    }

    #[test]
    fn tpkt_reassembles_split_frames_and_refuses_oversized_and_bad_ones() {
        let a = fixture("fs-callProceeding");
        let b = fixture("fs-connect");
        let stream: Vec<u8> = a.iter().chain(b.iter()).copied().collect();
        for cut in [1, 3, 4, 10, a.len(), a.len() + 2] {
            let mut t = Tpkt::new(DEFAULT_MAX_FRAME);
            t.push(&stream[..cut]);
            let mut got = Vec::new();
            while let Some(f) = t.next_frame().unwrap() {
                got.push(f);
            }
            t.push(&stream[cut..]);
            while let Some(f) = t.next_frame().unwrap() {
                got.push(f);
            }
            assert_eq!(got, vec![a[4..].to_vec(), b[4..].to_vec()], "cut at {cut}");
        }
        let mut t = Tpkt::new(100);
        t.push(&b);
        assert_eq!(t.next_frame(), Err(ParseError::TpktTooLarge { len: b.len(), max: 100 }));
        let mut t = Tpkt::new(100);
        t.push(&[3, 0, 0, 3]);
        assert_eq!(t.next_frame(), Err(ParseError::TpktShort(3)));
        let mut t = Tpkt::new(100);
        t.push(b"GET / HTTP/1.1\r\n");
        assert_eq!(t.next_frame(), Err(ParseError::TpktVersion(b'G')));
    }

    #[test]
    fn truncated_messages_are_errors_never_panics() {
        for name in ALL {
            let p = payload(&fixture(name));
            for n in 0..p.len() {
                let _ = Signal::parse(&p[..n]);
            }
            assert!(Signal::parse(&p[..p.len() - 1]).is_err(), "{name} minus one octet");
        }
    }

    #[test]
    fn one_octet_and_unknown_ies_are_skipped_and_kept() {
        let mut q = Q931::new(5, true, kind::STATUS);
        q.set_cause(30);
        q.set_ie(ie::CALL_STATE, vec![10]);
        q.ies.push(Ie { id: 0xA1, data: vec![] });
        let parsed = Q931::parse(&q.encode()).unwrap();
        assert_eq!(parsed.cause(), Some(30));
        assert_eq!(parsed.ie(ie::CALL_STATE), Some(&[10][..]));
        assert_eq!(parsed.crv, 5);
        assert!(parsed.from_answerer);
        assert!(parsed.ies.iter().any(|i| i.id == 0xA1));
    }
}
