//! The conference's audio: each participant's packets go through its jitter buffer; every 20 ms
//! tick takes one frame from each (silence when there is none), applies mute and gain, sums them
//! and gives each participant the sum minus its own contribution (mix-minus: everyone but
//! themself), encoded in the participant's law. The whole mix is returned too (the recording).
//! Talker detection runs on each contribution: `StartedTalking` after [`TALK_ON_FRAMES`] frames
//! above [`TALK_DBFS`], `StoppedTalking` after [`TALK_OFF_FRAMES`] below, and the dominant
//! speaker (the loudest talker, smoothed, replaced when another is [`DOMINANT_MARGIN_DB`] louder
//! or it stops) as `Dominant`.
//!
//! Each output (every participant's mix-minus, and the whole mix) goes through its own
//! [`Limiter`] before it is encoded: several loud guardians add up past full scale, and clipping
//! them would distort everyone at once. The limiter looks ahead one frame (the frame is whole
//! before it is sent): a frame whose peak would pass [`LIMIT_CEILING`] is scaled down to it at
//! once, and the gain comes back by [`LIMIT_RELEASE_DB`] a frame, ramped within each frame so
//! that the release never overshoots. A quiet conference is never touched (gain 1, exact).

use super::g711::Law;
use super::jitter::{JitterBuffer, JitterStats, DEFAULT_DEPTH, DEFAULT_MAX};
use super::{rtp, FRAME};
use std::collections::{BTreeMap, VecDeque};

/// Level above which a frame counts as speech (dBFS of its RMS).
pub const TALK_DBFS: f64 = -40.0;
/// Frames above the level before a participant is talking: 60 ms.
pub const TALK_ON_FRAMES: u32 = 3;
/// Frames below before it stopped: 500 ms.
pub const TALK_OFF_FRAMES: u32 = 25;
/// How much louder another talker must be to become the dominant speaker.
pub const DOMINANT_MARGIN_DB: f64 = 3.0;
/// Gain bounds, in dB.
pub const GAIN_DB: (f64, f64) = (-60.0, 20.0);

/// The limiter's ceiling: −1 dBFS.
pub const LIMIT_CEILING: f64 = 29_204.0;
/// How fast the limiter's gain recovers: 0.5 dB a frame (25 dB/s).
pub const LIMIT_RELEASE_DB: f64 = 0.5;

pub type ParticipantId = u32;

/// A look-ahead peak limiter for one output, frame by frame (see the module's documentation).
#[derive(Clone, Debug)]
pub struct Limiter {
    gain: f64,
}

impl Default for Limiter {
    fn default() -> Self {
        Limiter { gain: 1.0 }
    }
}

impl Limiter {
    /// The gain applied at the end of the last frame (1 when not limiting).
    pub fn gain(&self) -> f64 {
        self.gain
    }

    /// One frame of sums in, the frame as 16-bit samples out, never past the ceiling.
    pub fn apply(&mut self, frame: &[i32]) -> Vec<i16> {
        let peak = frame.iter().map(|s| s.unsigned_abs()).max().unwrap_or(0) as f64;
        let allowed = if peak > LIMIT_CEILING { LIMIT_CEILING / peak } else { 1.0 };
        let released = (self.gain * 10f64.powf(LIMIT_RELEASE_DB / 20.0)).min(1.0);
        let (from, to) = if allowed < self.gain {
            // Attack: the whole frame at the lower gain (the look-ahead), no sample over.
            (allowed, allowed)
        } else {
            // Release: from the last gain up towards the allowed one, never above it.
            (self.gain, released.min(allowed))
        };
        self.gain = to;
        if from == 1.0 && to == 1.0 {
            return frame.iter().map(|&s| s.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16).collect();
        }
        let n = frame.len().max(1) as f64;
        frame
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                let g = from + (to - from) * (i + 1) as f64 / n;
                (f64::from(s) * g).round().clamp(f64::from(i16::MIN), f64::from(i16::MAX)) as i16
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum MixEvent {
    StartedTalking { id: ParticipantId, level_dbfs: f64 },
    StoppedTalking { id: ParticipantId },
    Dominant { id: Option<ParticipantId> },
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MixError {
    #[error("no participant {0}")]
    NoSuchParticipant(ParticipantId),
    #[error("payload type {0} is not G.711")]
    PayloadType(u8),
    #[error("gain {0} dB outside -60..20")]
    Gain(String),
}

struct Participant {
    jitter: JitterBuffer,
    law: Law,
    muted: bool,
    gain: f64,
    talking: bool,
    above: u32,
    below: u32,
    /// Smoothed level of its contribution, dBFS.
    level: f64,
    /// Its mix-minus's limiter.
    limiter: Limiter,
}

/// One tick's output.
#[derive(Debug, Default)]
pub struct Tick {
    /// Each participant's mix-minus, encoded in its law (160 octets).
    pub frames: Vec<(ParticipantId, Vec<u8>)>,
    /// Everyone, linear: what a recording keeps.
    pub mix: Vec<i16>,
}

pub struct Mixer {
    participants: BTreeMap<ParticipantId, Participant>,
    dominant: Option<ParticipantId>,
    events: VecDeque<MixEvent>,
    /// The whole mix's limiter (the recording's).
    limiter: Limiter,
}

impl Default for Mixer {
    fn default() -> Self {
        Self::new()
    }
}

fn dbfs(samples: &[i32]) -> f64 {
    let energy: f64 = samples.iter().map(|&s| (s as f64) * (s as f64)).sum::<f64>() / samples.len().max(1) as f64;
    if energy <= 0.0 {
        return -120.0;
    }
    20.0 * (energy.sqrt() / 32768.0).log10()
}

impl Mixer {
    pub fn new() -> Self {
        Mixer { participants: BTreeMap::new(), dominant: None, events: VecDeque::new(), limiter: Limiter::default() }
    }

    /// A participant that hears (and is sent) `law`.
    pub fn add(&mut self, id: ParticipantId, law: Law) {
        self.participants.insert(
            id,
            Participant {
                jitter: JitterBuffer::new(DEFAULT_DEPTH, DEFAULT_MAX),
                law,
                muted: false,
                gain: 1.0,
                talking: false,
                above: 0,
                below: 0,
                level: -120.0,
                limiter: Limiter::default(),
            },
        );
    }

    /// Removes a participant; its jitter statistics are returned.
    pub fn remove(&mut self, id: ParticipantId) -> Option<JitterStats> {
        let p = self.participants.remove(&id)?;
        if p.talking {
            self.events.push_back(MixEvent::StoppedTalking { id });
        }
        if self.dominant == Some(id) {
            self.dominant = None;
            self.events.push_back(MixEvent::Dominant { id: None });
        }
        Some(p.jitter.stats)
    }

    pub fn len(&self) -> usize {
        self.participants.len()
    }

    pub fn is_empty(&self) -> bool {
        self.participants.is_empty()
    }

    pub fn contains(&self, id: ParticipantId) -> bool {
        self.participants.contains_key(&id)
    }

    pub fn set_muted(&mut self, id: ParticipantId, muted: bool) -> Result<(), MixError> {
        self.participants.get_mut(&id).ok_or(MixError::NoSuchParticipant(id))?.muted = muted;
        Ok(())
    }

    pub fn muted(&self, id: ParticipantId) -> Option<bool> {
        self.participants.get(&id).map(|p| p.muted)
    }

    pub fn set_gain_db(&mut self, id: ParticipantId, db: f64) -> Result<(), MixError> {
        if !(GAIN_DB.0..=GAIN_DB.1).contains(&db) {
            return Err(MixError::Gain(db.to_string()));
        }
        self.participants.get_mut(&id).ok_or(MixError::NoSuchParticipant(id))?.gain = 10f64.powf(db / 20.0);
        Ok(())
    }

    /// What an RTCP reception report says of a participant's stream (None before its first packet).
    pub fn reception(&self, id: ParticipantId) -> Option<super::rtcp::Reception> {
        let p = self.participants.get(&id)?;
        let (ssrc, highest) = p.jitter.source()?;
        Some(super::rtcp::Reception {
            ssrc,
            fraction_lost: 0,
            cumulative_lost: p.jitter.stats.lost.min(u64::from(u32::MAX)) as u32,
            highest_sequence: highest as u32,
        })
    }

    pub fn stats(&self, id: ParticipantId) -> Option<&JitterStats> {
        self.participants.get(&id).map(|p| &p.jitter.stats)
    }

    /// An RTP packet from a participant (G.711 of either law, whatever it is sent).
    pub fn push(&mut self, id: ParticipantId, packet: &rtp::Packet) -> Result<(), MixError> {
        let p = self.participants.get_mut(&id).ok_or(MixError::NoSuchParticipant(id))?;
        let law = Law::from_payload_type(packet.payload_type).ok_or(MixError::PayloadType(packet.payload_type))?;
        p.jitter.push(packet.ssrc, packet.sequence, law.decode_all(packet.payload));
        Ok(())
    }

    pub fn poll_event(&mut self) -> Option<MixEvent> {
        self.events.pop_front()
    }

    /// One 20 ms frame for everyone.
    pub fn tick(&mut self) -> Tick {
        let mut total = vec![0i32; FRAME];
        let mut own: Vec<(ParticipantId, Vec<i32>)> = Vec::with_capacity(self.participants.len());
        for (&id, p) in self.participants.iter_mut() {
            let frame = p.jitter.pop();
            let contribution: Vec<i32> = match frame {
                Some(f) if !p.muted => f.iter().map(|&s| (f64::from(s) * p.gain) as i32).collect(),
                _ => vec![0; FRAME],
            };
            for (t, c) in total.iter_mut().zip(&contribution) {
                *t += c;
            }
            let level = dbfs(&contribution);
            p.level = 0.8 * p.level + 0.2 * level;
            if level > TALK_DBFS {
                p.above += 1;
                p.below = 0;
                if !p.talking && p.above >= TALK_ON_FRAMES {
                    p.talking = true;
                    self.events.push_back(MixEvent::StartedTalking { id, level_dbfs: (level * 10.0).round() / 10.0 });
                }
            } else {
                p.below += 1;
                p.above = 0;
                if p.talking && p.below >= TALK_OFF_FRAMES {
                    p.talking = false;
                    self.events.push_back(MixEvent::StoppedTalking { id });
                }
            }
            own.push((id, contribution));
        }
        self.update_dominant();
        let mut minus = vec![0i32; FRAME];
        let frames = own
            .iter()
            .map(|(id, mine)| {
                for ((out, t), m) in minus.iter_mut().zip(&total).zip(mine) {
                    *out = t - m;
                }
                let p = self.participants.get_mut(id).expect("in the mixer");
                let out: Vec<u8> = p.limiter.apply(&minus).into_iter().map(|s| p.law.encode(s)).collect();
                (*id, out)
            })
            .collect();
        Tick { frames, mix: self.limiter.apply(&total) }
    }

    fn update_dominant(&mut self) {
        let loudest = self
            .participants
            .iter()
            .filter(|(_, p)| p.talking)
            .max_by(|a, b| a.1.level.total_cmp(&b.1.level))
            .map(|(&id, p)| (id, p.level));
        let current = self.dominant.and_then(|d| self.participants.get(&d).filter(|p| p.talking).map(|p| p.level));
        let next = match (current, loudest) {
            (_, None) => None,
            (None, Some((id, _))) => Some(id),
            (Some(level), Some((id, l))) if l > level + DOMINANT_MARGIN_DB => Some(id),
            (Some(_), Some(_)) => self.dominant,
        };
        if next != self.dominant {
            self.dominant = next;
            self.events.push_back(MixEvent::Dominant { id: next });
        }
    }

    pub fn dominant(&self) -> Option<ParticipantId> {
        self.dominant
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::{tone, tone_share};

    struct Source {
        hz: f64,
        seq: u16,
        n: usize,
    }

    fn feed(m: &mut Mixer, id: ParticipantId, s: &mut Source, law: Law) {
        let payload = law.encode_all(&tone(s.hz, 0.3, s.n, FRAME));
        let bytes = rtp::build(false, law.payload_type(), s.seq, (s.n) as u32, id, &payload);
        m.push(id, &rtp::parse(&bytes).unwrap()).unwrap();
        s.seq = s.seq.wrapping_add(1);
        s.n += FRAME;
    }

    /// Runs `frames` ticks with everyone in `sources` sending; what each heard, decoded.
    fn run(m: &mut Mixer, sources: &mut [(ParticipantId, Source, Law)], frames: usize) -> BTreeMap<u32, Vec<i16>> {
        let mut heard: BTreeMap<u32, Vec<i16>> = BTreeMap::new();
        for _ in 0..frames {
            for (id, s, law) in sources.iter_mut() {
                feed(m, *id, s, *law);
            }
            for (id, bytes) in m.tick().frames {
                let law = sources.iter().find(|s| s.0 == id).unwrap().2;
                heard.entry(id).or_default().extend(law.decode_all(&bytes));
            }
        }
        heard
    }

    fn three() -> (Mixer, Vec<(ParticipantId, Source, Law)>) {
        let mut m = Mixer::new();
        let mut sources = Vec::new();
        for (id, hz, law) in [(1, 440.0, Law::Ulaw), (2, 1000.0, Law::Alaw), (3, 1700.0, Law::Ulaw)] {
            m.add(id, law);
            sources.push((id, Source { hz, seq: 100 * id as u16, n: 0 }, law));
        }
        (m, sources)
    }

    #[test]
    fn each_hears_everyone_but_themself() {
        let (mut m, mut sources) = three();
        let heard = run(&mut m, &mut sources, 50);
        let tones = [(1, 440.0), (2, 1000.0), (3, 1700.0)];
        for (id, got) in &heard {
            let got = &got[FRAME * 5..];
            for (other, hz) in tones {
                let share = tone_share(got, hz);
                if other == *id {
                    assert!(share < 0.01, "{id} hears itself: {share}");
                } else {
                    assert!(share > 0.3, "{id} hears {other} at {share}");
                }
            }
        }
    }

    #[test]
    fn a_muted_participant_disappears_from_the_mix_and_gain_scales() {
        let (mut m, mut sources) = three();
        m.set_muted(2, true).unwrap();
        let heard = run(&mut m, &mut sources, 30);
        assert!(tone_share(&heard[&1][FRAME * 5..], 1000.0) < 0.01);
        assert!(tone_share(&heard[&3][FRAME * 5..], 1000.0) < 0.01);
        assert!(tone_share(&heard[&2][FRAME * 5..], 440.0) > 0.3, "the muted one still hears");
        m.set_muted(2, false).unwrap();
        m.set_gain_db(3, -60.0).unwrap();
        let heard = run(&mut m, &mut sources, 30);
        assert!(tone_share(&heard[&1][FRAME * 5..], 1000.0) > 0.9, "3 is all but silent");
        assert_eq!(m.set_gain_db(9, 0.0), Err(MixError::NoSuchParticipant(9)));
        assert!(m.set_gain_db(1, 30.0).is_err());
    }

    #[test]
    fn talkers_start_and_stop_and_the_dominant_one_is_named() {
        let mut m = Mixer::new();
        m.add(1, Law::Ulaw);
        m.add(2, Law::Ulaw);
        let mut loud = Source { hz: 440.0, seq: 0, n: 0 };
        for _ in 0..10 {
            feed(&mut m, 1, &mut loud, Law::Ulaw);
            m.tick();
        }
        let events: Vec<MixEvent> = std::iter::from_fn(|| m.poll_event()).collect();
        assert!(matches!(events[0], MixEvent::StartedTalking { id: 1, .. }), "{events:?}");
        assert_eq!(events[1], MixEvent::Dominant { id: Some(1) });
        for _ in 0..40 {
            m.tick();
        }
        let events: Vec<MixEvent> = std::iter::from_fn(|| m.poll_event()).collect();
        assert_eq!(events, vec![MixEvent::StoppedTalking { id: 1 }, MixEvent::Dominant { id: None }]);
    }

    #[test]
    fn loud_guardians_are_limited_not_clipped_and_a_quiet_mix_is_untouched() {
        // Four guardians at 60% of full scale: each hears three, up to 180% of full scale.
        let mut m = Mixer::new();
        let mut sources = Vec::new();
        let tones = [(1, 440.0), (2, 1000.0), (3, 1700.0), (4, 2300.0)];
        for (id, hz) in tones {
            m.add(id, Law::Ulaw);
            sources.push((id, Source { hz, seq: 0, n: 0 }, Law::Ulaw));
        }
        let loud = |m: &mut Mixer, s: &mut [(ParticipantId, Source, Law)], frames: usize| {
            let mut heard: BTreeMap<u32, Vec<i16>> = BTreeMap::new();
            let mut mix = Vec::new();
            for _ in 0..frames {
                for (id, src, law) in s.iter_mut() {
                    let payload = law.encode_all(&tone(src.hz, 0.6, src.n, FRAME));
                    let bytes = rtp::build(false, law.payload_type(), src.seq, src.n as u32, *id, &payload);
                    m.push(*id, &rtp::parse(&bytes).unwrap()).unwrap();
                    src.seq = src.seq.wrapping_add(1);
                    src.n += FRAME;
                }
                let t = m.tick();
                mix.extend(t.mix);
                for (id, bytes) in t.frames {
                    heard.entry(id).or_default().extend(Law::Ulaw.decode_all(&bytes));
                }
            }
            (heard, mix)
        };
        let (heard, mix) = loud(&mut m, &mut sources, 50);
        let rail = |x: &[i16]| x.iter().filter(|&&s| f64::from(s).abs() > LIMIT_CEILING).count();
        assert_eq!(rail(&mix), 0, "the recording's mix stays under the ceiling");
        assert!(mix.iter().map(|s| s.unsigned_abs()).max().unwrap() > 25_000, "and is loud");
        for (id, got) in &heard {
            let got = &got[FRAME * 5..];
            // μ-law's largest step is 1 024: a decoded sample may land one step over the ceiling.
            assert!(got.iter().all(|&s| f64::from(s).abs() <= LIMIT_CEILING + 1024.0), "{id} clips");
            let others: f64 = tones.iter().filter(|t| t.0 != *id).map(|t| tone_share(got, t.1)).sum();
            assert!(others > 0.99, "{id}: the three others' tones hold {others} of the energy (no distortion)");
            assert!(tone_share(got, tones[(*id - 1) as usize].1) < 0.01, "{id} hears itself");
        }
        // What hard clipping would have done to the same sums: a large share in harmonics.
        let clipped: Vec<i16> = (0..FRAME * 20)
            .map(|i| {
                let sum: i32 = [440.0, 1000.0, 1700.0].iter().map(|&hz| i32::from(tone(hz, 0.6, i, 1)[0])).sum();
                sum.clamp(-32768, 32767) as i16
            })
            .collect();
        let kept: f64 = [440.0, 1000.0, 1700.0].iter().map(|&hz| tone_share(&clipped, hz)).sum();
        assert!(kept < 0.98, "hard clipping would put {kept} in the tones, the rest in distortion");

        // Quiet again: the gain comes back at 0.5 dB a frame, and then the mix is exact.
        let mut q = Limiter { gain: 0.5 };
        let frame: Vec<i32> = (0..FRAME as i32).map(|i| i * 10 - 800).collect();
        let mut frames = 0;
        while q.gain() < 1.0 {
            let out = q.apply(&frame);
            assert!(out.iter().zip(&frame).all(|(o, f)| i32::from(*o).abs() <= f.abs()), "no overshoot");
            frames += 1;
        }
        assert_eq!(frames, 13, "6 dB back at 0.5 dB a frame");
        let exact: Vec<i16> = frame.iter().map(|&s| s as i16).collect();
        assert_eq!(q.apply(&frame), exact);
        // A frame over the ceiling is scaled at once, its peak exactly at the ceiling.
        let mut l = Limiter::default();
        let hot: Vec<i32> = vec![40_000, -58_408, 100];
        assert_eq!(l.apply(&hot), vec![20_000, -29_204, 50]);
        assert_eq!(l.gain(), 0.5);
    }

    #[test]
    fn unknown_payload_types_and_participants_are_refused() {
        let mut m = Mixer::new();
        m.add(1, Law::Ulaw);
        let bytes = rtp::build(false, 18, 0, 0, 1, &[0; 20]);
        assert_eq!(m.push(1, &rtp::parse(&bytes).unwrap()), Err(MixError::PayloadType(18)));
        assert_eq!(m.push(2, &rtp::parse(&bytes).unwrap()), Err(MixError::NoSuchParticipant(2)));
    }
}
