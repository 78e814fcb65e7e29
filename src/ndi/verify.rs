//! The viewer's check of a received stream, pure: decoded video frames in, each with its own
//! per-frame metadata, verdicts out.
//!
//! A frame carrying its chain record (`<ifconnect-frame/>` in its `p_metadata`) is judged at once:
//! NDI delivers a frame's own metadata with it, so nothing needs pairing, and a relay that
//! forwards frames whole keeps the proof. For publishers from before records travelled in the
//! frame, records sent as separate metadata frames are still read, paired with video by timecode
//! (NDI does not keep the order of the two); once a stream has shown a record in a frame, records
//! in separate metadata frames are ignored.

use super::card::{grid_distance, Image, GRID_TOLERANCE};
use super::chain::{FrameError, FrameRecord};
use crate::keys::{self, TrustStore};
use serde::Serialize;
use std::collections::BTreeMap;

/// What the viewer reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Verdict {
    /// A frame whose signature, picture and chain link all hold.
    Verified {
        n: u64,
        chain: String,
        trace: String,
        key_id: String,
        grid_distance: u8,
    },
    /// The decoded picture is not the one the metadata signs.
    TamperedPixels {
        n: u64,
        grid_distance: u8,
    },
    /// The metadata was changed after signing (hash mismatch) or does not parse.
    TamperedMetadata {
        n: Option<u64>,
        reason: String,
    },
    BadSignature {
        n: u64,
    },
    UnknownKey {
        n: u64,
        key_id: String,
    },
    /// Frames missing between two received ones.
    Gap {
        after: u64,
        missing: u64,
    },
    /// A frame that does not extend the previous one (`prev` mismatch, or a number not after it).
    ChainBroken {
        n: u64,
        reason: String,
    },
    ChainRestart {
        from: String,
        to: String,
        n: u64,
    },
    /// Video without a record of ours: none in the frame, nor (from older publishers) in a
    /// metadata frame at its timecode.
    Unsigned {
        timecode: i64,
    },
}

impl Verdict {
    pub fn is_anomaly(&self) -> bool {
        !matches!(self, Verdict::Verified { .. })
    }
}

/// How many later timecodes to wait for a frame's partner before judging it alone.
const PATIENCE: usize = 8;

#[derive(Default)]
pub struct StreamVerifier {
    trust: Option<TrustStore>,
    /// Records travel inside the frames of this stream (seen once, for good).
    in_frame: bool,
    /// Something was judged already: the stream's first frame is behind us.
    judged_any: bool,
    /// Older publishers: luma grids and records waiting for their partner, by timecode.
    video: BTreeMap<i64, Vec<u8>>,
    meta: BTreeMap<i64, String>,
    /// Chain, number and hash of the last frame judged; the hash is `None` when that frame's
    /// record could not be trusted, so the next link cannot be checked (and is not blamed).
    last: Option<(String, u64, Option<String>)>,
}

impl StreamVerifier {
    pub fn new(trust: Option<TrustStore>) -> Self {
        StreamVerifier { trust, ..Default::default() }
    }

    /// A decoded BGRA frame, with its own per-frame metadata if it has any.
    pub fn video(&mut self, timecode: i64, picture: Image<'_>, metadata: Option<&str>) -> Vec<Verdict> {
        let grid = picture.luma_grid();
        let mut out = Vec::new();
        if let Some(xml) = metadata.filter(|m| is_ours(m)) {
            if !self.in_frame {
                // Anything still waiting for a partner is judged by the old rules first.
                out.extend(self.settle(true));
                self.in_frame = true;
            }
            out.extend(self.judge(xml, Some(&grid)));
            return out;
        }
        if self.in_frame {
            self.judged_any = true;
            out.push(Verdict::Unsigned { timecode });
            return out;
        }
        // Senders that do not set timecodes repeat one; an earlier frame still waiting at the
        // same timecode never got metadata.
        if self.video.contains_key(&timecode) && !self.meta.contains_key(&timecode) {
            self.video.remove(&timecode);
            self.judged_any = true;
            out.push(Verdict::Unsigned { timecode });
        }
        self.video.insert(timecode, grid);
        out.extend(self.settle(false));
        out
    }

    /// A separate metadata frame. Other applications' metadata (tally, PTZ, ...) is not ours to
    /// judge and is ignored, as are records once the stream carries them in its frames; a frame
    /// that has only such metadata is unsigned.
    pub fn metadata(&mut self, timecode: i64, xml: &str) -> Vec<Verdict> {
        if self.in_frame || !is_ours(xml) {
            return Vec::new();
        }
        self.meta.insert(timecode, xml.to_owned());
        self.settle(false)
    }

    /// The newest timecode waiting for its partner, if any.
    pub fn newest_pending(&self) -> Option<i64> {
        self.video.keys().next_back().into_iter().chain(self.meta.keys().next_back()).max().copied()
    }

    /// Timecodes whose video or metadata is still missing.
    pub fn unpaired(&self) -> usize {
        self.video.keys().filter(|t| !self.meta.contains_key(t)).count()
            + self.meta.keys().filter(|t| !self.video.contains_key(t)).count()
    }

    /// Judges everything still waiting (end of stream).
    pub fn finish(&mut self) -> Vec<Verdict> {
        self.settle(true)
    }

    fn settle(&mut self, all: bool) -> Vec<Verdict> {
        let mut out = Vec::new();
        loop {
            let oldest = match (self.video.keys().next(), self.meta.keys().next()) {
                (Some(v), Some(m)) => *v.min(m),
                (Some(v), None) => *v,
                (None, Some(m)) => *m,
                (None, None) => break,
            };
            let both = self.video.contains_key(&oldest) && self.meta.contains_key(&oldest);
            let waiting = self.video.len().max(self.meta.len());
            if !both && !all && waiting <= PATIENCE {
                break;
            }
            let grid = self.video.remove(&oldest);
            match self.meta.remove(&oldest) {
                Some(xml) => out.extend(self.judge(&xml, grid.as_deref())),
                // The first frame a receiver gets is the one the sender last sent, repeated at
                // connect; its metadata frame went before the connection. It is not judged when
                // records of ours follow it.
                None if !self.judged_any && !self.meta.is_empty() => {}
                None => out.push(Verdict::Unsigned { timecode: oldest }),
            }
            self.judged_any = true;
        }
        out
    }

    fn judge(&mut self, xml: &str, grid: Option<&[u8]>) -> Vec<Verdict> {
        self.judged_any = true;
        let mut out = Vec::new();
        let record = match FrameRecord::from_xml(xml) {
            Ok(r) => r,
            Err(e) => return vec![Verdict::TamperedMetadata { n: None, reason: e.to_string() }],
        };
        let n = record.n;
        let untrusted = |me: &mut Self, v: Verdict| {
            // Keep counting from this frame so one bad record is one anomaly, not also a gap.
            me.last = Some((record.chain.clone(), n, None));
            vec![v]
        };
        let key = match record.verify() {
            Ok(k) => k,
            Err(e @ FrameError::HashMismatch) => {
                return untrusted(self, Verdict::TamperedMetadata { n: Some(n), reason: e.to_string() })
            }
            Err(_) => return untrusted(self, Verdict::BadSignature { n }),
        };
        let key_id = keys::key_id(&key);
        if let Some(trust) = &self.trust {
            if !trust.keys().any(|k| k.key == key) {
                return untrusted(self, Verdict::UnknownKey { n, key_id });
            }
        }
        let mut picture_ok = true;
        let mut distance = 0;
        if let Some(g) = grid {
            let signed = hex::decode(&record.grid).unwrap_or_default();
            distance = grid_distance(&signed, g);
            if distance > GRID_TOLERANCE {
                out.push(Verdict::TamperedPixels { n, grid_distance: distance });
                picture_ok = false;
            }
        }
        let mut chain_ok = true;
        match &self.last {
            Some((chain, _, _)) if *chain != record.chain => {
                out.push(Verdict::ChainRestart { from: chain.clone(), to: record.chain.clone(), n });
            }
            Some((_, last_n, last_hash)) => {
                if n <= *last_n {
                    out.push(Verdict::ChainBroken { n, reason: format!("frame {n} after frame {last_n}") });
                    chain_ok = false;
                } else {
                    if n > last_n + 1 {
                        out.push(Verdict::Gap { after: *last_n, missing: n - last_n - 1 });
                    } else if last_hash.as_ref().is_some_and(|h| record.prev != *h) {
                        out.push(Verdict::ChainBroken {
                            n,
                            reason: "prev does not match the previous frame's hash".into(),
                        });
                        chain_ok = false;
                    }
                }
            }
            None => {}
        }
        if chain_ok {
            self.last = Some((record.chain.clone(), n, Some(record.hash.clone())));
        }
        if picture_ok && chain_ok && grid.is_some() {
            out.push(Verdict::Verified {
                n,
                chain: record.chain,
                trace: record.trace,
                key_id,
                grid_distance: distance,
            });
        }
        out
    }
}

/// Whether metadata is one of our records (and not another application's).
fn is_ours(xml: &str) -> bool {
    xml.trim_start().starts_with("<ifconnect-frame")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ndi::card::{render, Card};
    use crate::ndi::chain::{ChainWriter, Picture, Still};
    use ed25519_dalek::SigningKey;

    type Frame = (i64, Vec<u8>, String);

    fn stream(frames: u64, key: &SigningKey) -> Vec<Frame> {
        let mut chain = ChainWriter::new("c1".into(), key.clone());
        (0..frames)
            .map(|n| {
                let card = Card {
                    headline: format!("card {}", n / 5),
                    severity: "high".into(),
                    lines: vec![],
                    trace_id: "0123456789ab".into(),
                };
                let still = Still::new(160, 90, render(&card, "chain c1  card 1", 160, 90).pixels);
                let r =
                    chain.seal(Picture { ts: "t".into(), trace: "0123456789ab".into(), card: n / 5, still: &still });
                (n as i64 * 1000, still.bgra, r.to_xml())
            })
            .collect()
    }

    fn image(px: &[u8]) -> Image<'_> {
        Image::packed(px, 160, 90)
    }

    /// Records in the frames: each frame is judged on its own arrival.
    fn run_in_frame(frames: &[Frame]) -> Vec<Verdict> {
        let mut v = StreamVerifier::new(None);
        let mut out: Vec<Verdict> =
            frames.iter().flat_map(|(tc, px, xml)| v.video(*tc, image(px), Some(xml))).collect();
        out.extend(v.finish());
        out
    }

    /// Older publishers: records in separate metadata frames, paired by timecode.
    fn run_separate(frames: &[Frame]) -> Vec<Verdict> {
        let mut v = StreamVerifier::new(None);
        let mut out = Vec::new();
        for (tc, px, xml) in frames {
            // Metadata first for odd frames: pairing must not depend on arrival order.
            if tc % 2000 == 0 {
                out.extend(v.video(*tc, image(px), None));
                out.extend(v.metadata(*tc, xml));
            } else {
                out.extend(v.metadata(*tc, xml));
                out.extend(v.video(*tc, image(px), None));
            }
        }
        out.extend(v.finish());
        out
    }

    fn anomalies(v: Vec<Verdict>) -> Vec<Verdict> {
        v.into_iter().filter(Verdict::is_anomaly).collect()
    }

    #[test]
    fn genuine_stream_verifies_every_frame() {
        for run in [run_in_frame, run_separate] {
            let out = run(&stream(30, &SigningKey::from_bytes(&[1; 32])));
            assert_eq!(out.iter().filter(|v| !v.is_anomaly()).count(), 30, "{out:?}");
            assert!(out.iter().all(|v| !v.is_anomaly()));
        }
    }

    #[test]
    fn a_frame_carrying_its_record_is_judged_on_arrival_whatever_its_timecode() {
        let s = stream(5, &SigningKey::from_bytes(&[1; 32]));
        let mut v = StreamVerifier::new(None);
        for (n, (_, px, xml)) in s.iter().enumerate() {
            // A relay that re-stamps timecodes (here: all zero) changes nothing.
            let out = v.video(0, image(px), Some(xml));
            assert!(matches!(out.as_slice(), [Verdict::Verified { n: got, .. }] if *got == n as u64), "{out:?}");
            assert_eq!(v.unpaired(), 0);
        }
        assert_eq!(v.finish(), vec![]);
    }

    #[test]
    fn joining_a_running_stream_raises_no_alarm() {
        let s = stream(30, &SigningKey::from_bytes(&[1; 32]));
        // Joined at frame 12, records in the frames: every frame from there verifies.
        let out = run_in_frame(&s[12..]);
        assert_eq!(anomalies(out.clone()), vec![], "{out:?}");
        assert!(matches!(out.first(), Some(Verdict::Verified { n: 12, .. })), "{out:?}");
        // An older publisher: the runtime repeats the last frame sent (11) to the new receiver
        // without its metadata frame, which went before the connection.
        let mut joined = vec![(s[11].0, s[11].1.clone(), String::new())];
        joined.extend_from_slice(&s[12..]);
        let mut v = StreamVerifier::new(None);
        let mut out = v.video(joined[0].0, image(&joined[0].1), None);
        for (tc, px, xml) in &joined[1..] {
            out.extend(v.metadata(*tc, xml));
            out.extend(v.video(*tc, image(px), None));
        }
        out.extend(v.finish());
        assert_eq!(anomalies(out.clone()), vec![], "{out:?}");
        assert_eq!(out.len(), 18, "{out:?}");
    }

    #[test]
    fn dropped_altered_and_swapped_frames_are_reported_exactly() {
        let mut s = stream(30, &SigningKey::from_bytes(&[1; 32]));
        s.remove(10); // drop frame 10
        s[15].2 = s[15].2.replace("trace=\"0123456789ab\"", "trace=\"ffffffffffff\""); // alter frame 16's metadata
        let other = s[25].1.clone();
        s[5].1 = other; // frame 5 shows frame 26's picture (another card)
        for run in [run_in_frame, run_separate] {
            let anomalies = anomalies(run(&s));
            let distance = match anomalies.first() {
                Some(Verdict::TamperedPixels { grid_distance, .. }) => *grid_distance,
                other => panic!("{other:?}"),
            };
            assert!(distance > GRID_TOLERANCE * 2, "{distance}");
            assert_eq!(
                anomalies,
                vec![
                    Verdict::TamperedPixels { n: 5, grid_distance: distance },
                    Verdict::Gap { after: 9, missing: 1 },
                    Verdict::TamperedMetadata { n: Some(16), reason: "frame hash does not match its metadata".into() },
                ]
            );
        }
    }

    #[test]
    fn a_frame_stripped_of_its_record_is_unsigned_at_once_and_separate_records_are_ignored() {
        let s = stream(4, &SigningKey::from_bytes(&[1; 32]));
        let mut v = StreamVerifier::new(None);
        assert!(matches!(v.video(0, image(&s[0].1), Some(&s[0].2)).as_slice(), [Verdict::Verified { n: 0, .. }]));
        // Frame 1 arrives without its record, which comes as a separate metadata frame instead.
        assert_eq!(
            v.video(1000, image(&s[1].1), Some("<tally on=\"1\"/>")),
            vec![Verdict::Unsigned { timecode: 1000 }]
        );
        assert_eq!(v.metadata(1000, &s[1].2), vec![]);
        // Frame 1 of the chain never arrived, as far as anyone can tell.
        let next = v.video(2000, image(&s[2].1), Some(&s[2].2));
        assert!(
            matches!(next.as_slice(), [Verdict::Gap { after: 0, missing: 1 }, Verdict::Verified { n: 2, .. }]),
            "{next:?}"
        );
        assert_eq!(v.finish(), vec![]);
    }

    #[test]
    fn video_without_metadata_is_unsigned() {
        let mut v = StreamVerifier::new(None);
        let px = render(
            &Card { headline: "x".into(), severity: String::new(), lines: vec![], trace_id: "-".into() },
            "",
            160,
            90,
        )
        .pixels;
        let mut out = v.video(0, image(&px), None);
        out.extend(v.video(1000, image(&px), Some("<other/>")));
        out.extend(v.finish());
        assert_eq!(out, vec![Verdict::Unsigned { timecode: 0 }, Verdict::Unsigned { timecode: 1000 }]);
    }

    #[test]
    fn a_frame_waiting_for_its_partner_is_counted_until_it_arrives() {
        let s = stream(3, &SigningKey::from_bytes(&[1; 32]));
        let mut v = StreamVerifier::new(None);
        assert_eq!((v.unpaired(), v.newest_pending()), (0, None));
        v.video(s[0].0, image(&s[0].1), None);
        v.metadata(s[1].0, &s[1].2);
        assert_eq!((v.unpaired(), v.newest_pending()), (2, Some(1000)));
        v.metadata(s[0].0, &s[0].2);
        v.video(s[1].0, image(&s[1].1), None);
        assert_eq!(v.unpaired(), 0);
        assert!(v.finish().iter().all(|x| !x.is_anomaly()));
    }
}
