//! RTP (RFC 3550) packets: parsed and built. A small parser of our own rather than a crate:
//! the MCU needs the fixed header, the CSRC count, the extension and padding to be skipped, and
//! nothing else (about 60 lines, fuzzed with the rest); RTCP is counted, not interpreted.

/// The fixed header.
pub const HEADER: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RtpError {
    #[error("{0} octets: shorter than an RTP header")]
    Short(usize),
    #[error("RTP version {0}, not 2")]
    Version(u8),
    #[error("CSRC list, extension or padding beyond the packet")]
    Truncated,
    #[error("payload type {0} is RTCP's range")]
    Rtcp(u8),
}

/// A parsed packet; `payload` borrows the datagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Packet<'a> {
    pub marker: bool,
    pub payload_type: u8,
    pub sequence: u16,
    pub timestamp: u32,
    pub ssrc: u32,
    pub payload: &'a [u8],
}

pub fn parse(b: &[u8]) -> Result<Packet<'_>, RtpError> {
    if b.len() < HEADER {
        return Err(RtpError::Short(b.len()));
    }
    let version = b[0] >> 6;
    if version != 2 {
        return Err(RtpError::Version(version));
    }
    let padding = b[0] & 0x20 != 0;
    let extension = b[0] & 0x10 != 0;
    let csrcs = usize::from(b[0] & 0x0f);
    let payload_type = b[1] & 0x7f;
    // RTCP multiplexed on the port (RFC 5761): types 200..204 with the marker bit are 72..76.
    if (72..=76).contains(&payload_type) {
        return Err(RtpError::Rtcp(payload_type));
    }
    let mut start = HEADER + 4 * csrcs;
    if extension {
        let ext = b.get(start..start + 4).ok_or(RtpError::Truncated)?;
        start += 4 + 4 * usize::from(u16::from_be_bytes([ext[2], ext[3]]));
    }
    let mut end = b.len();
    if padding {
        let pad = usize::from(*b.last().expect("not empty"));
        if pad == 0 {
            return Err(RtpError::Truncated);
        }
        end = end.checked_sub(pad).ok_or(RtpError::Truncated)?;
    }
    if start > end {
        return Err(RtpError::Truncated);
    }
    Ok(Packet {
        marker: b[1] & 0x80 != 0,
        payload_type,
        sequence: u16::from_be_bytes([b[2], b[3]]),
        timestamp: u32::from_be_bytes([b[4], b[5], b[6], b[7]]),
        ssrc: u32::from_be_bytes([b[8], b[9], b[10], b[11]]),
        payload: &b[start..end],
    })
}

pub fn build(marker: bool, payload_type: u8, sequence: u16, timestamp: u32, ssrc: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.push(0x80);
    out.push((payload_type & 0x7f) | if marker { 0x80 } else { 0 });
    out.extend_from_slice(&sequence.to_be_bytes());
    out.extend_from_slice(&timestamp.to_be_bytes());
    out.extend_from_slice(&ssrc.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// One outgoing stream: SSRC, sequence and timestamp kept, +1 and +samples a packet, the
/// marker on the first.
#[derive(Clone, Debug)]
pub struct Sender {
    pub ssrc: u32,
    sequence: u16,
    timestamp: u32,
    first: bool,
    pub sent: u64,
}

impl Sender {
    pub fn new(ssrc: u32, sequence: u16, timestamp: u32) -> Self {
        Sender { ssrc, sequence, timestamp, first: true, sent: 0 }
    }

    /// The RTP timestamp of the next packet.
    pub fn timestamp(&self) -> u32 {
        self.timestamp
    }

    pub fn packet(&mut self, payload_type: u8, payload: &[u8], samples: u32) -> Vec<u8> {
        let p = build(self.first, payload_type, self.sequence, self.timestamp, self.ssrc, payload);
        self.first = false;
        self.sequence = self.sequence.wrapping_add(1);
        self.timestamp = self.timestamp.wrapping_add(samples);
        self.sent += 1;
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_packets_parse_back() {
        let p = build(true, 8, 65535, 0xdead_beef, 42, &[0xd5; 160]);
        let got = parse(&p).unwrap();
        assert!(got.marker);
        assert_eq!((got.payload_type, got.sequence, got.timestamp, got.ssrc), (8, 65535, 0xdead_beef, 42));
        assert_eq!(got.payload.len(), 160);
        let mut s = Sender::new(7, 65535, 10);
        let a = s.packet(0, &[1], 160);
        let b = s.packet(0, &[1], 160);
        let (a, b) = (parse(&a).unwrap(), parse(&b).unwrap());
        assert!(a.marker && !b.marker);
        assert_eq!((b.sequence, b.timestamp), (0, 170));
    }

    #[test]
    fn csrcs_extension_and_padding_are_skipped_and_bad_ones_refused() {
        let mut p = build(false, 0, 1, 2, 3, &[]);
        p[0] = 0x80 | 0x20 | 0x10 | 1; // padding, extension, one CSRC
        p.extend_from_slice(&[0, 0, 0, 9]); // CSRC
        p.extend_from_slice(&[0xbe, 0xde, 0, 1, 1, 2, 3, 4]); // extension of one word
        p.extend_from_slice(&[0xaa, 0xbb, 0, 0, 3]); // payload, 3 octets of padding
        assert_eq!(parse(&p).unwrap().payload, &[0xaa, 0xbb]);
        for n in 0..p.len() {
            let _ = parse(&p[..n]);
        }
        assert_eq!(parse(&[0x80; 4]), Err(RtpError::Short(4)));
        assert_eq!(parse(&[0x40; 12]), Err(RtpError::Version(1)));
        let mut rtcp = build(false, 0, 0, 0, 0, &[]);
        rtcp[1] = 200;
        assert_eq!(parse(&rtcp), Err(RtpError::Rtcp(72)));
    }
}
