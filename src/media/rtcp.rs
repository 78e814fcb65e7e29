//! RTCP (RFC 3550 6.4.1, 6.5): the compound packet a sender sends, a sender report (with one
//! reception report of what it receives, when it does) and an SDES CNAME, and the first
//! packet's type of one received. Pure.

/// A stream's reception statistics for a report block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reception {
    pub ssrc: u32,
    /// Packets lost since the last report, as a fraction of 256.
    pub fraction_lost: u8,
    pub cumulative_lost: u32,
    pub highest_sequence: u32,
}

/// Milliseconds since the Unix epoch as the 64-bit NTP timestamp (seconds since 1900).
pub fn ntp(unix_ms: i64) -> u64 {
    const UNIX_TO_NTP_S: i64 = 2_208_988_800;
    let secs = unix_ms.div_euclid(1000) + UNIX_TO_NTP_S;
    let frac = ((unix_ms.rem_euclid(1000) as u64) << 32) / 1000;
    ((secs as u64) << 32) | frac
}

/// SR (sender `ssrc`, its RTP timestamp, packets and octets sent; at most one report block)
/// then SDES with `cname`.
pub fn compound(
    ssrc: u32,
    ntp: u64,
    rtp_ts: u32,
    packets: u32,
    octets: u32,
    rr: Option<Reception>,
    cname: &str,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(80);
    let blocks = u8::from(rr.is_some());
    let words = 6 + 6 * u16::from(blocks); // length in 32-bit words minus one
    out.push(0x80 | blocks);
    out.push(200);
    out.extend_from_slice(&words.to_be_bytes());
    out.extend_from_slice(&ssrc.to_be_bytes());
    out.extend_from_slice(&ntp.to_be_bytes());
    out.extend_from_slice(&rtp_ts.to_be_bytes());
    out.extend_from_slice(&packets.to_be_bytes());
    out.extend_from_slice(&octets.to_be_bytes());
    if let Some(r) = rr {
        out.extend_from_slice(&r.ssrc.to_be_bytes());
        let lost = r.cumulative_lost.min(0x7f_ffff);
        out.push(r.fraction_lost);
        out.extend_from_slice(&lost.to_be_bytes()[1..]);
        out.extend_from_slice(&r.highest_sequence.to_be_bytes());
        out.extend_from_slice(&[0; 12]); // jitter, LSR, DLSR: not measured
    }
    // SDES: one chunk, CNAME, the end item, padded to a word.
    let name = &cname.as_bytes()[..cname.len().min(255)];
    let mut chunk = ssrc.to_be_bytes().to_vec();
    chunk.push(1);
    chunk.push(name.len() as u8);
    chunk.extend_from_slice(name);
    chunk.push(0);
    while !chunk.len().is_multiple_of(4) {
        chunk.push(0);
    }
    out.push(0x81);
    out.push(202);
    out.extend_from_slice(&((chunk.len() / 4) as u16).to_be_bytes());
    out.extend_from_slice(&chunk);
    out
}

/// The packet type of the first RTCP packet in `b` (200 SR, 201 RR, 202 SDES, 203 BYE), if `b`
/// starts with an RTCP header whose length fits.
pub fn packet_type(b: &[u8]) -> Option<u8> {
    if b.len() < 4 || b[0] >> 6 != 2 || !(200..=206).contains(&b[1]) {
        return None;
    }
    let len = (usize::from(u16::from_be_bytes([b[2], b[3]])) + 1) * 4;
    (len <= b.len()).then_some(b[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compound_packet_is_an_sr_then_sdes_with_lengths_that_add_up() {
        let rr = Reception { ssrc: 7, fraction_lost: 0, cumulative_lost: 0, highest_sequence: 65_600 };
        for r in [None, Some(rr)] {
            let p = compound(42, ntp(0), 160, 10, 1600, r, "if-mcu@council");
            assert_eq!(packet_type(&p), Some(200));
            let first = (usize::from(u16::from_be_bytes([p[2], p[3]])) + 1) * 4;
            assert_eq!(first, if r.is_some() { 52 } else { 28 });
            assert_eq!(packet_type(&p[first..]), Some(202));
            let second = (usize::from(u16::from_be_bytes([p[first + 2], p[first + 3]])) + 1) * 4;
            assert_eq!(first + second, p.len());
            assert!(p.len().is_multiple_of(4));
        }
        assert_eq!(ntp(0) >> 32, 2_208_988_800);
        assert_eq!(ntp(500) & 0xffff_ffff, 1 << 31);
        assert_eq!(packet_type(&[0x80, 0, 0, 0]), None);
    }
}
