//! The viewer's check of a received stream, pure: decoded video frames and metadata frames in
//! (paired by timecode, since NDI does not keep their order), verdicts out.

use super::card::{grid_distance, luma_grid, GRID_TOLERANCE};
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
    /// Video with no metadata frame at its timecode.
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

    /// A decoded BGRA frame.
    pub fn video(&mut self, timecode: i64, bgra: &[u8], width: u32, height: u32) -> Vec<Verdict> {
        let mut out = Vec::new();
        // Senders that do not set timecodes repeat one; an earlier frame still waiting at the
        // same timecode never got metadata.
        if self.video.contains_key(&timecode) && !self.meta.contains_key(&timecode) {
            self.video.remove(&timecode);
            out.push(Verdict::Unsigned { timecode });
        }
        self.video.insert(timecode, luma_grid(bgra, width, height));
        out.extend(self.settle(false));
        out
    }

    /// A metadata frame. Other applications' metadata (tally, PTZ, ...) is not ours to judge and
    /// is ignored; a frame that has only such metadata is unsigned.
    pub fn metadata(&mut self, timecode: i64, xml: &str) -> Vec<Verdict> {
        if !xml.trim_start().starts_with("<ifconnect-frame") {
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
                None => out.push(Verdict::Unsigned { timecode: oldest }),
            }
        }
        out
    }

    fn judge(&mut self, xml: &str, grid: Option<&[u8]>) -> Vec<Verdict> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ndi::card::{render, Card};
    use crate::ndi::chain::{ChainWriter, Picture};
    use ed25519_dalek::SigningKey;

    fn stream(frames: u64, key: &SigningKey) -> Vec<(i64, Vec<u8>, String)> {
        let mut chain = ChainWriter::new("c1".into(), key.clone());
        (0..frames)
            .map(|n| {
                let card = Card {
                    headline: format!("card {}", n / 5),
                    severity: "high".into(),
                    lines: vec![],
                    trace_id: "0123456789ab".into(),
                };
                let c = render(&card, &format!("frame {n}"), 160, 90);
                let r = chain.seal(Picture {
                    ts: "t".into(),
                    trace: "0123456789ab".into(),
                    card: n / 5,
                    width: 160,
                    height: 90,
                    bgra: &c.pixels,
                });
                (n as i64 * 1000, c.pixels, r.to_xml())
            })
            .collect()
    }

    fn run(frames: &[(i64, Vec<u8>, String)]) -> Vec<Verdict> {
        let mut v = StreamVerifier::new(None);
        let mut out = Vec::new();
        for (tc, px, xml) in frames {
            // Metadata first for odd frames: pairing must not depend on arrival order.
            if tc % 2000 == 0 {
                out.extend(v.video(*tc, px, 160, 90));
                out.extend(v.metadata(*tc, xml));
            } else {
                out.extend(v.metadata(*tc, xml));
                out.extend(v.video(*tc, px, 160, 90));
            }
        }
        out.extend(v.finish());
        out
    }

    #[test]
    fn genuine_stream_verifies_every_frame() {
        let out = run(&stream(30, &SigningKey::from_bytes(&[1; 32])));
        assert_eq!(out.iter().filter(|v| !v.is_anomaly()).count(), 30, "{out:?}");
        assert!(out.iter().all(|v| !v.is_anomaly()));
    }

    #[test]
    fn dropped_altered_and_swapped_frames_are_reported_exactly() {
        let mut s = stream(30, &SigningKey::from_bytes(&[1; 32]));
        s.remove(10); // drop frame 10
        s[15].2 = s[15].2.replace("trace=\"0123456789ab\"", "trace=\"ffffffffffff\""); // alter frame 16's metadata
        let other = s[25].1.clone();
        s[5].1 = other; // frame 5 shows frame 26's picture (another card)
        let anomalies: Vec<Verdict> = run(&s).into_iter().filter(Verdict::is_anomaly).collect();
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
        let mut out = v.video(0, &px, 160, 90);
        out.extend(v.finish());
        assert_eq!(out, vec![Verdict::Unsigned { timecode: 0 }]);
    }

    #[test]
    fn a_frame_waiting_for_its_partner_is_counted_until_it_arrives() {
        let s = stream(3, &SigningKey::from_bytes(&[1; 32]));
        let mut v = StreamVerifier::new(None);
        assert_eq!((v.unpaired(), v.newest_pending()), (0, None));
        v.video(s[0].0, &s[0].1, 160, 90);
        v.metadata(s[1].0, &s[1].2);
        assert_eq!((v.unpaired(), v.newest_pending()), (2, Some(1000)));
        v.metadata(s[0].0, &s[0].2);
        v.video(s[1].0, &s[1].1, 160, 90);
        assert_eq!(v.unpaired(), 0);
        assert!(v.finish().iter().all(|x| !x.is_anomaly()));
    }
}
