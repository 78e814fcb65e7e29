//! DNS messages (RFC 1035 §4), as much as a SIP resolver needs: queries for one name and type,
//! and responses with A, AAAA, CNAME, SRV (RFC 2782) and NAPTR (RFC 3403) records. Everything
//! else in a response is skipped by its length. Parsing is bounded: names at most 255 octets,
//! compression pointers only backwards (so no loop), at most [`MAX_RECORDS`] records.

use std::net::{Ipv4Addr, Ipv6Addr};

pub const TYPE_A: u16 = 1;
pub const TYPE_CNAME: u16 = 5;
pub const TYPE_AAAA: u16 = 28;
pub const TYPE_SRV: u16 = 33;
pub const TYPE_NAPTR: u16 = 35;
const CLASS_IN: u16 = 1;

/// Records read from one response, all sections together; a response with more is refused.
pub const MAX_RECORDS: usize = 128;
/// A name's length in its wire form (RFC 1035 §2.3.4).
const MAX_NAME: usize = 255;

/// The response codes a resolver tells apart.
pub const RCODE_NXDOMAIN: u8 = 3;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DnsError {
    #[error("DNS message cut short at octet {0}")]
    Short(usize),
    #[error("DNS name at octet {0} is malformed (bad label, pointer or length)")]
    BadName(usize),
    #[error("DNS message holds more than {MAX_RECORDS} records")]
    TooManyRecords,
    #[error("`{0}` is not a name a DNS query can carry")]
    BadQueryName(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RData {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Cname(String),
    Srv {
        priority: u16,
        weight: u16,
        port: u16,
        target: String,
    },
    Naptr {
        order: u16,
        preference: u16,
        flags: String,
        services: String,
        replacement: String,
    },
    /// A type this resolver does not read (its data skipped).
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Lower case, without the final dot.
    pub name: String,
    pub rtype: u16,
    pub ttl: u32,
    pub data: RData,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub id: u16,
    pub rcode: u8,
    /// TC: the server had more than fits a UDP datagram.
    pub truncated: bool,
    /// The question it answers: name (lower case) and type.
    pub question: Option<(String, u16)>,
    /// Answers and additional records (authority records are read past).
    pub answers: Vec<Record>,
    pub additional: Vec<Record>,
}

/// A recursive query (RD) for `name`'s records of `qtype`, with message id `id`.
pub fn query(id: u16, name: &str, qtype: u16) -> Result<Vec<u8>, DnsError> {
    let mut out = Vec::with_capacity(18 + name.len());
    out.extend_from_slice(&id.to_be_bytes());
    out.extend_from_slice(&[0x01, 0x00]); // standard query, recursion desired
    out.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]); // one question
    let name = name.strip_suffix('.').unwrap_or(name);
    let bad = || DnsError::BadQueryName(name.to_owned());
    if name.is_empty() || name.len() > MAX_NAME - 2 {
        return Err(bad());
    }
    for label in name.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !ok {
            return Err(bad());
        }
        out.push(label.len() as u8);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
    out.extend_from_slice(&qtype.to_be_bytes());
    out.extend_from_slice(&CLASS_IN.to_be_bytes());
    Ok(out)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DnsError> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.bytes.len()).ok_or(DnsError::Short(self.at))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, DnsError> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, DnsError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32, DnsError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A name at the cursor, following compression pointers (each strictly backwards).
    fn name(&mut self) -> Result<String, DnsError> {
        let start = self.at;
        let mut pos = self.at;
        let mut resume = None;
        let mut out = String::new();
        let mut wire_len = 0usize;
        loop {
            let len = *self.bytes.get(pos).ok_or(DnsError::Short(pos))? as usize;
            match len & 0xC0 {
                0x00 if len == 0 => {
                    pos += 1;
                    break;
                }
                0x00 => {
                    wire_len += len + 1;
                    let label = self.bytes.get(pos + 1..pos + 1 + len).ok_or(DnsError::Short(pos))?;
                    if wire_len > MAX_NAME || !label.iter().all(|b| b.is_ascii_graphic()) || label.contains(&b'.') {
                        return Err(DnsError::BadName(start));
                    }
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.extend(label.iter().map(|b| b.to_ascii_lowercase() as char));
                    pos += 1 + len;
                }
                0xC0 => {
                    let low = *self.bytes.get(pos + 1).ok_or(DnsError::Short(pos))? as usize;
                    let target = ((len & 0x3F) << 8) | low;
                    if target >= pos {
                        return Err(DnsError::BadName(start));
                    }
                    resume.get_or_insert(pos + 2);
                    pos = target;
                }
                _ => return Err(DnsError::BadName(start)),
            }
        }
        self.at = resume.unwrap_or(pos);
        Ok(out)
    }

    /// A `<character-string>` (RFC 1035 §3.3): one length octet, then that many octets.
    fn text(&mut self) -> Result<String, DnsError> {
        let n = self.u8()? as usize;
        Ok(String::from_utf8_lossy(self.take(n)?).into_owned())
    }

    fn record(&mut self) -> Result<Option<Record>, DnsError> {
        let name = self.name()?;
        let rtype = self.u16()?;
        let class = self.u16()?;
        let ttl = self.u32()?;
        let len = self.u16()? as usize;
        let end = self.at + len;
        if end > self.bytes.len() {
            return Err(DnsError::Short(self.at));
        }
        let data = match rtype {
            TYPE_A if len == 4 => {
                let b = self.take(4)?;
                RData::A(Ipv4Addr::new(b[0], b[1], b[2], b[3]))
            }
            TYPE_AAAA if len == 16 => {
                let b: [u8; 16] = self.take(16)?.try_into().map_err(|_| DnsError::Short(self.at))?;
                RData::Aaaa(Ipv6Addr::from(b))
            }
            TYPE_CNAME => RData::Cname(self.name()?),
            TYPE_SRV => {
                let (priority, weight, port) = (self.u16()?, self.u16()?, self.u16()?);
                RData::Srv { priority, weight, port, target: self.name()? }
            }
            TYPE_NAPTR => {
                let (order, preference) = (self.u16()?, self.u16()?);
                let flags = self.text()?.to_ascii_lowercase();
                let services = self.text()?.to_ascii_uppercase();
                let _regexp = self.text()?;
                RData::Naptr { order, preference, flags, services, replacement: self.name()? }
            }
            _ => RData::Other,
        };
        // The data is read by its own length, whatever its fields said.
        if self.at > end {
            return Err(DnsError::Short(end));
        }
        self.at = end;
        Ok((class == CLASS_IN).then_some(Record { name, rtype, ttl, data }))
    }
}

/// Parses a response (any message with QR set; a query is refused as short of answers).
pub fn parse(bytes: &[u8]) -> Result<Response, DnsError> {
    let mut r = Reader { bytes, at: 0 };
    let id = r.u16()?;
    let flags = r.u16()?;
    let counts = [r.u16()?, r.u16()?, r.u16()?, r.u16()?];
    if counts.iter().map(|c| *c as usize).sum::<usize>() > MAX_RECORDS + 1 {
        return Err(DnsError::TooManyRecords);
    }
    let mut question = None;
    for i in 0..counts[0] {
        let name = r.name()?;
        let qtype = r.u16()?;
        r.u16()?;
        if i == 0 {
            question = Some((name, qtype));
        }
    }
    let mut answers = Vec::new();
    let mut additional = Vec::new();
    for _ in 0..counts[1] {
        answers.extend(r.record()?);
    }
    for _ in 0..counts[2] {
        r.record()?;
    }
    for _ in 0..counts[3] {
        additional.extend(r.record()?);
    }
    Ok(Response {
        id,
        rcode: (flags & 0x0F) as u8,
        truncated: flags & 0x0200 != 0,
        question: if flags & 0x8000 != 0 { question } else { None },
        answers,
        additional,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A response to `query(7, "example.test", SRV)` built by hand, with a compressed target.
    fn srv_response() -> Vec<u8> {
        let mut m = query(7, "_sip._udp.example.test", TYPE_SRV).unwrap();
        m[2] = 0x81;
        m[3] = 0x80;
        m[7] = 1; // one answer
        m[11] = 1; // one additional
                   // answer: name = pointer to the question (offset 12), SRV 10 60 5060 sip1.<example.test>
        m.extend_from_slice(&[0xC0, 12, 0, 33, 0, 1, 0, 0, 0, 60]);
        let rdata_at = m.len();
        m.extend_from_slice(&[0, 0, 0, 10, 0, 60, 0x13, 0xC4, 4]);
        m.extend_from_slice(b"sip1");
        m.extend_from_slice(&[0xC0, 22]); // "example.test" inside the question
        let rdlen = (m.len() - rdata_at - 2) as u16;
        m[rdata_at..rdata_at + 2].copy_from_slice(&rdlen.to_be_bytes());
        // additional: sip1.example.test A 127.0.0.9, its name a pointer to the SRV target
        let target_at = (rdata_at + 8) as u8;
        m.extend_from_slice(&[0xC0, target_at, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, 127, 0, 0, 9]);
        m
    }

    #[test]
    fn a_query_is_wire_format_with_one_question() {
        let q = query(0xBEEF, "Example.test.", TYPE_NAPTR).unwrap();
        assert_eq!(&q[..12], &[0xBE, 0xEF, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
        assert_eq!(&q[12..], b"\x07Example\x04test\x00\x00\x23\x00\x01");
        for bad in ["", "a..b", "a b.test", &"x".repeat(64), &format!("{}.test", "a.".repeat(130))] {
            assert!(query(1, bad, TYPE_A).is_err(), "{bad}");
        }
    }

    #[test]
    fn srv_with_compressed_names_and_an_additional_address() {
        let r = parse(&srv_response()).unwrap();
        assert_eq!((r.id, r.rcode, r.truncated), (7, 0, false));
        assert_eq!(r.question, Some(("_sip._udp.example.test".into(), TYPE_SRV)));
        let srv = RData::Srv { priority: 10, weight: 60, port: 5060, target: "sip1.example.test".into() };
        assert_eq!(
            r.answers,
            vec![Record { name: "_sip._udp.example.test".into(), rtype: TYPE_SRV, ttl: 60, data: srv }]
        );
        assert_eq!(r.additional[0].name, "sip1.example.test");
        assert_eq!(r.additional[0].data, RData::A(Ipv4Addr::new(127, 0, 0, 9)));
    }

    #[test]
    fn naptr_fields() {
        let mut m = query(9, "example.test", TYPE_NAPTR).unwrap();
        (m[2], m[3], m[7]) = (0x81, 0x80, 1);
        m.extend_from_slice(&[0xC0, 12, 0, 35, 0, 1, 0, 0, 1, 0]);
        let at = m.len();
        m.extend_from_slice(&[0, 0, 0, 50, 0, 10, 1, b'S', 7]);
        m.extend_from_slice(b"SIP+d2t");
        m.push(0);
        m.extend_from_slice(b"\x04_sip\x04_tcp\xC0\x0C");
        let len = (m.len() - at - 2) as u16;
        m[at..at + 2].copy_from_slice(&len.to_be_bytes());
        let r = parse(&m).unwrap();
        let want = RData::Naptr {
            order: 50,
            preference: 10,
            flags: "s".into(),
            services: "SIP+D2T".into(),
            replacement: "_sip._tcp.example.test".into(),
        };
        assert_eq!(r.answers[0].data, want);
    }

    #[test]
    fn hostile_responses_are_refused_not_followed() {
        let good = srv_response();
        // Every prefix is short, never a panic.
        for n in 0..good.len() {
            let _ = parse(&good[..n]);
        }
        // A pointer to itself, and one forwards.
        let mut looped = good.clone();
        let at = 12 + 24 + 4; // the answer's name
        looped[at..at + 2].copy_from_slice(&[0xC0, at as u8]);
        assert_eq!(parse(&looped), Err(DnsError::BadName(at)));
        let mut forward = good.clone();
        forward[at + 1] = 200;
        assert!(matches!(parse(&forward), Err(DnsError::BadName(_))));
        // Counts claiming thousands of records.
        let mut many = good;
        many[6] = 0xFF;
        assert_eq!(parse(&many), Err(DnsError::TooManyRecords));
    }
}
