//! A participant's jitter buffer: packets put in order by their (extended) sequence number and
//! played out one 20 ms frame a tick, after `depth` packets have gathered. A missing packet is
//! silence (counted lost), a late one or a duplicate is dropped, a backlog beyond `max` drops the
//! oldest, a new SSRC or a jump of more than `max` packets starts over, and a run of empty ticks
//! makes it gather again. Packets of any length are cut into frames.
//!
//! The delay stays near `depth`: a tick that finds the next packet not there yet plays silence
//! and waits for it, so every stall (a sender or network pausing, then delivering what it held
//! at once) would add its length to the delay for good. Instead, when the backlog has stayed above
//! `depth` at every tick for [`TRIM_TICKS`], the oldest packets beyond it are dropped at once
//! (counted in `overflow`): one skip after a hiccup, never for ordinary jitter, since one tick
//! that finds the backlog at `depth` or below restarts the count.

use super::FRAME;
use std::collections::{BTreeMap, VecDeque};

/// Packets gathered before playout starts: 40 ms at 20 ms a packet.
pub const DEFAULT_DEPTH: usize = 2;
/// Packets held at most: 1 s.
pub const DEFAULT_MAX: usize = 50;
/// Ticks without a packet before the buffer gathers again.
const UNDERRUN_TICKS: u32 = 10;
/// Ticks the backlog must stay above the depth before the excess is dropped: 1 s.
pub const TRIM_TICKS: u32 = 50;

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct JitterStats {
    pub received: u64,
    pub played: u64,
    pub lost: u64,
    pub late: u64,
    pub duplicates: u64,
    pub overflow: u64,
    pub resets: u64,
}

#[derive(Debug)]
pub struct JitterBuffer {
    depth: usize,
    max: usize,
    ssrc: Option<u32>,
    /// The highest extended sequence number seen.
    highest: Option<u64>,
    packets: BTreeMap<u64, Vec<i16>>,
    /// The next packet to play; None while gathering.
    next: Option<u64>,
    pending: VecDeque<i16>,
    empty_ticks: u32,
    /// Ticks in a row that found more than `depth` packets waiting, and the fewest they found.
    over_ticks: u32,
    over_min: usize,
    pub stats: JitterStats,
}

impl JitterBuffer {
    pub fn new(depth: usize, max: usize) -> Self {
        JitterBuffer {
            depth: depth.max(1),
            max: max.max(depth + 1),
            ssrc: None,
            highest: None,
            packets: BTreeMap::new(),
            next: None,
            pending: VecDeque::new(),
            empty_ticks: 0,
            over_ticks: 0,
            over_min: 0,
            stats: JitterStats::default(),
        }
    }

    fn reset(&mut self) {
        self.highest = None;
        self.packets.clear();
        self.next = None;
        self.pending.clear();
        self.over_ticks = 0;
        self.stats.resets += 1;
    }

    /// Counts a playing tick's backlog; after [`TRIM_TICKS`] above the depth, drops the oldest
    /// packets beyond it.
    fn trim(&mut self) {
        let backlog = self.packets.len();
        if backlog <= self.depth {
            self.over_ticks = 0;
            return;
        }
        self.over_min = if self.over_ticks == 0 { backlog } else { self.over_min.min(backlog) };
        self.over_ticks += 1;
        if self.over_ticks < TRIM_TICKS {
            return;
        }
        self.over_ticks = 0;
        for _ in self.depth..self.over_min {
            let (&oldest, _) = self.packets.iter().next().expect("more than depth");
            self.packets.remove(&oldest);
            self.stats.overflow += 1;
            self.next = Some(oldest + 1);
        }
    }

    /// A packet's decoded samples.
    pub fn push(&mut self, ssrc: u32, sequence: u16, samples: Vec<i16>) {
        if self.ssrc != Some(ssrc) {
            if self.ssrc.is_some() {
                self.reset();
            }
            self.ssrc = Some(ssrc);
        }
        let ext = match self.highest {
            None => u64::from(sequence) + (1 << 16),
            Some(h) => {
                let delta = i64::from(sequence.wrapping_sub(h as u16) as i16);
                (h as i64 + delta).max(0) as u64
            }
        };
        if let Some(h) = self.highest {
            if ext.abs_diff(h) > self.max as u64 {
                self.reset();
                return self.push(ssrc, sequence, samples);
            }
        }
        self.stats.received += 1;
        if self.next.is_some_and(|n| ext < n) {
            self.stats.late += 1;
            return;
        }
        if self.packets.contains_key(&ext) {
            self.stats.duplicates += 1;
            return;
        }
        self.highest = Some(self.highest.map_or(ext, |h| h.max(ext)));
        self.packets.insert(ext, samples);
        while self.packets.len() > self.max {
            let (&oldest, _) = self.packets.iter().next().expect("not empty");
            self.packets.remove(&oldest);
            self.stats.overflow += 1;
            if let Some(n) = self.next.as_mut() {
                *n = (*n).max(oldest + 1);
            }
        }
    }

    /// The next frame to play, or None: silence (gathering, or nothing to play).
    pub fn pop(&mut self) -> Option<Vec<i16>> {
        if self.next.is_none() {
            if self.packets.len() < self.depth {
                return None;
            }
            self.next = self.packets.keys().next().copied();
        } else {
            self.trim();
        }
        let mut played_any = false;
        while self.pending.len() < FRAME {
            let n = self.next.expect("playing");
            if self.highest.is_some_and(|h| n > h) {
                break;
            }
            match self.packets.remove(&n) {
                Some(s) => {
                    self.pending.extend(s);
                    played_any = true;
                }
                None => {
                    self.stats.lost += 1;
                    self.pending.extend(std::iter::repeat_n(0, FRAME));
                }
            }
            self.next = Some(n + 1);
        }
        if !played_any && self.pending.len() < FRAME {
            self.empty_ticks += 1;
            if self.empty_ticks >= UNDERRUN_TICKS {
                self.empty_ticks = 0;
                self.next = None;
                self.pending.clear();
            }
            return None;
        }
        self.empty_ticks = 0;
        if self.pending.len() < FRAME {
            self.pending.extend(std::iter::repeat_n(0, FRAME - self.pending.len()));
        }
        self.stats.played += 1;
        Some(self.pending.drain(..FRAME).collect())
    }

    /// The stream's SSRC and highest extended sequence number, once a packet came.
    pub fn source(&self) -> Option<(u32, u64)> {
        Some((self.ssrc?, self.highest?))
    }

    /// Packets waiting.
    pub fn len(&self) -> usize {
        self.packets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.packets.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(v: i16) -> Vec<i16> {
        vec![v; FRAME]
    }

    #[test]
    fn reordered_packets_play_in_order_after_the_depth() {
        let mut j = JitterBuffer::new(2, 50);
        j.push(1, 65535, frame(1));
        assert_eq!(j.pop(), None, "gathering");
        j.push(1, 1, frame(3));
        j.push(1, 0, frame(2));
        assert_eq!(j.pop().unwrap()[0], 1);
        assert_eq!(j.pop().unwrap()[0], 2);
        assert_eq!(j.pop().unwrap()[0], 3);
        assert_eq!(j.pop(), None);
        assert_eq!(j.stats.lost, 0);
    }

    #[test]
    fn a_gap_is_silence_and_late_and_duplicate_packets_are_dropped() {
        let mut j = JitterBuffer::new(1, 50);
        j.push(1, 10, frame(1));
        j.push(1, 12, frame(3));
        assert_eq!(j.pop().unwrap()[0], 1);
        assert_eq!(j.pop().unwrap()[0], 0, "11 missing");
        j.push(1, 11, frame(2));
        j.push(1, 12, frame(3));
        assert_eq!(j.pop().unwrap()[0], 3);
        assert_eq!((j.stats.lost, j.stats.late, j.stats.duplicates), (1, 1, 1));
    }

    #[test]
    fn a_new_ssrc_or_a_jump_starts_over_and_backlog_is_bounded() {
        let mut j = JitterBuffer::new(1, 5);
        for s in 0..10u16 {
            j.push(1, s, frame(s as i16));
        }
        assert_eq!(j.len(), 5);
        assert_eq!(j.pop().unwrap()[0], 5);
        j.push(2, 1000, frame(9));
        assert_eq!(j.pop().unwrap()[0], 9);
        j.push(2, 30000, frame(8));
        assert_eq!(j.pop().unwrap()[0], 8);
        assert_eq!(j.stats.resets, 2);
    }

    /// The packets a buffer holds back: the newest pushed minus the one it just played.
    fn steady(j: &mut JitterBuffer, seq: &mut u16, ticks: usize) -> Vec<i16> {
        (0..ticks)
            .map(|_| {
                j.push(1, *seq, frame(*seq as i16));
                *seq += 1;
                *seq as i16 - 1 - j.pop().expect("playing")[0]
            })
            .collect()
    }

    #[test]
    fn a_stall_adds_delay_only_until_the_excess_is_dropped_and_jitter_drops_nothing() {
        let mut j = JitterBuffer::new(2, 50);
        let mut seq = 0u16;
        j.push(1, seq, frame(0));
        seq += 1;
        assert_eq!(j.pop(), None, "gathering");
        let held = steady(&mut j, &mut seq, 20);
        assert!(held.iter().all(|&h| h == 1), "{held:?}");
        // The sender stalls for 100 ms, then what it held arrives at once: the packet waiting
        // plays, four ticks are silence.
        assert!(j.pop().is_some());
        for _ in 0..4 {
            assert_eq!(j.pop(), None);
        }
        for _ in 0..5 {
            j.push(1, seq, frame(seq as i16));
            seq += 1;
        }
        let held = steady(&mut j, &mut seq, TRIM_TICKS as usize + 10);
        let (during, after) = held.split_at(TRIM_TICKS as usize - 1);
        assert!(during.iter().all(|&h| h == 5), "the stall's 80 ms on top for a second: {held:?}");
        assert!(after.iter().all(|&h| h == 1), "then back to the depth: {held:?}");
        assert_eq!((j.stats.overflow, j.stats.lost), (4, 0));
        // Jitter: two packets one tick, none the next; the backlog dips to the depth each time.
        let before = j.stats.overflow;
        for t in 0..200 {
            if t % 2 == 0 {
                for _ in 0..2 {
                    j.push(1, seq, frame(seq as i16));
                    seq += 1;
                }
            }
            assert!(j.pop().is_some(), "tick {t}");
        }
        assert_eq!(j.stats.overflow, before, "ordinary jitter drops nothing");
    }

    #[test]
    fn packets_of_10_ms_make_20_ms_frames() {
        let mut j = JitterBuffer::new(2, 50);
        for s in 0..4u16 {
            j.push(1, s, vec![s as i16; 80]);
        }
        let f = j.pop().unwrap();
        assert_eq!((f[0], f[80]), (0, 1));
        let f = j.pop().unwrap();
        assert_eq!((f[0], f[80]), (2, 3));
    }
}
