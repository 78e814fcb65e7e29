//! G.711 (ITU-T): μ-law and A-law, sample by sample, after the segment tables of G.711's
//! reference code. Zero is `FF` in μ-law and `D5` in A-law.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Law {
    Ulaw,
    Alaw,
}

impl Law {
    /// RTP payload type (RFC 3551).
    pub fn payload_type(self) -> u8 {
        match self {
            Law::Ulaw => 0,
            Law::Alaw => 8,
        }
    }
    pub fn from_payload_type(pt: u8) -> Option<Law> {
        match pt {
            0 => Some(Law::Ulaw),
            8 => Some(Law::Alaw),
            _ => None,
        }
    }
    pub fn encode(self, s: i16) -> u8 {
        match self {
            Law::Ulaw => ulaw_encode(s),
            Law::Alaw => alaw_encode(s),
        }
    }
    pub fn decode(self, b: u8) -> i16 {
        match self {
            Law::Ulaw => ulaw_decode(b),
            Law::Alaw => alaw_decode(b),
        }
    }
    pub fn encode_all(self, samples: &[i16]) -> Vec<u8> {
        samples.iter().map(|&s| self.encode(s)).collect()
    }
    pub fn decode_all(self, bytes: &[u8]) -> Vec<i16> {
        bytes.iter().map(|&b| self.decode(b)).collect()
    }
}

const BIAS: i32 = 0x84;
const CLIP: i32 = 32635;

pub fn ulaw_encode(sample: i16) -> u8 {
    let mut s = i32::from(sample);
    let sign = if s < 0 {
        s = -s;
        0x80
    } else {
        0
    };
    s = s.min(CLIP) + BIAS;
    let mut exponent = 7;
    let mut mask = 0x4000;
    while exponent > 0 && s & mask == 0 {
        exponent -= 1;
        mask >>= 1;
    }
    let mantissa = (s >> (exponent + 3)) & 0x0f;
    !(sign | (exponent << 4) | mantissa) as u8
}

pub fn ulaw_decode(b: u8) -> i16 {
    let b = !b;
    let sign = b & 0x80;
    let exponent = i32::from((b >> 4) & 0x07);
    let mantissa = i32::from(b & 0x0f);
    let s = (((mantissa << 3) + BIAS) << exponent) - BIAS;
    (if sign != 0 { -s } else { s }) as i16
}

pub fn alaw_encode(sample: i16) -> u8 {
    let mut s = i32::from(sample) >> 3; // 13-bit
    let sign = if s >= 0 {
        0x80
    } else {
        s = -s - 1;
        0
    };
    let seg_ends = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];
    let seg = seg_ends.iter().position(|&e| s <= e).unwrap_or(8);
    let v = if seg >= 8 {
        0x7f
    } else {
        let shift = if seg < 2 { 1 } else { seg };
        ((seg as i32) << 4) | ((s >> shift) & 0x0f)
    };
    ((v | sign) ^ 0x55) as u8
}

pub fn alaw_decode(b: u8) -> i16 {
    let a = i32::from(b ^ 0x55);
    let mut t = (a & 0x0f) << 4;
    let seg = (a & 0x70) >> 4;
    match seg {
        0 => t += 8,
        1 => t += 0x108,
        _ => {
            t += 0x108;
            t <<= seg - 1;
        }
    }
    (if a & 0x80 != 0 { t } else { -t }) as i16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_and_extremes_are_g711s() {
        assert_eq!(ulaw_encode(0), 0xFF);
        assert_eq!(alaw_encode(0), 0xD5);
        assert_eq!(ulaw_decode(0xFF), 0);
        assert_eq!(alaw_decode(0xD5), 8);
        assert_eq!(ulaw_decode(0x00), -32124);
        assert_eq!(ulaw_decode(0x80), 32124);
        assert_eq!(alaw_decode(0xAA), 32256);
        assert_eq!(alaw_decode(0x2A), -32256);
    }

    #[test]
    fn every_code_decodes_and_encodes_back() {
        for law in [Law::Ulaw, Law::Alaw] {
            for b in 0..=255u8 {
                let s = law.decode(b);
                let again = law.encode(s);
                // μ-law has two zeros (0x7F and 0xFF); everything else is exact.
                assert!(again == b || (law == Law::Ulaw && s == 0), "{law:?} {b:#x} -> {s} -> {again:#x}");
            }
        }
    }

    #[test]
    fn the_error_stays_within_a_segment_step() {
        for law in [Law::Ulaw, Law::Alaw] {
            for s in (-32768i32..32767).step_by(7) {
                let s = s as i16;
                let back = i32::from(law.decode(law.encode(s)));
                let err = (back - i32::from(s)).abs();
                assert!(err <= (i32::from(s).abs() / 16).max(16) + 8, "{law:?} {s} -> {back}");
            }
        }
    }
}
