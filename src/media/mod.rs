//! Audio for conferences, protocol-neutral (no signalling module is imported here): G.711 both
//! laws ([`g711`]), RTP packets ([`rtp`]), a jitter buffer per participant ([`jitter`]), and the
//! conference itself ([`mixer`]): mix-minus at 8 kHz in 20 ms frames, mute and gain, talker
//! detection. Pure: packets and ticks in, frames and events out; the caller owns sockets and time.

pub mod g711;
pub mod jitter;
pub mod mixer;
pub mod rtcp;
pub mod rtp;
pub mod wav;

/// Samples per second.
pub const RATE: u32 = 8000;
/// One frame: 20 ms.
pub const FRAME_MS: u64 = 20;
/// Samples in one frame.
pub const FRAME: usize = 160;

/// The power of `hz` in `samples` relative to the signal's (Goertzel), 0..1: a one-frequency
/// check of what a participant hears, without an FFT.
pub fn tone_share(samples: &[i16], hz: f64) -> f64 {
    let n = samples.len() as f64;
    if samples.is_empty() {
        return 0.0;
    }
    let w = 2.0 * std::f64::consts::PI * hz / f64::from(RATE);
    let coeff = 2.0 * w.cos();
    let (mut s1, mut s2) = (0.0f64, 0.0f64);
    let mut energy = 0.0f64;
    for &x in samples {
        let x = f64::from(x);
        energy += x * x;
        let s = x + coeff * s1 - s2;
        s2 = s1;
        s1 = s;
    }
    let power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    if energy == 0.0 {
        return 0.0;
    }
    // A pure tone of amplitude A: power = (A n / 2)^2, energy = A^2 n / 2.
    (2.0 * power / (n * energy)).min(1.0)
}

/// A sine of `hz` at `level` of full scale, `n` samples from sample `start`.
pub fn tone(hz: f64, level: f64, start: usize, n: usize) -> Vec<i16> {
    (start..start + n)
        .map(|i| {
            let t = i as f64 / f64::from(RATE);
            (level * 32767.0 * (2.0 * std::f64::consts::PI * hz * t).sin()) as i16
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goertzel_finds_a_tone_and_not_another() {
        let t = tone(1000.0, 0.3, 0, 1600);
        assert!(tone_share(&t, 1000.0) > 0.9, "{}", tone_share(&t, 1000.0));
        assert!(tone_share(&t, 440.0) < 0.01);
        let mixed: Vec<i16> = t.iter().zip(tone(440.0, 0.3, 0, 1600)).map(|(a, b)| a / 2 + b / 2).collect();
        assert!((tone_share(&mixed, 1000.0) - 0.5).abs() < 0.05);
        assert!((tone_share(&mixed, 440.0) - 0.5).abs() < 0.05);
    }
}
