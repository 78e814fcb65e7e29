//! The viewer's driver: frames (with their own metadata) and separate metadata frames from the
//! receiver into the [`StreamVerifier`], its verdicts onto the live view and, every `every`
//! verified frames and at every anomaly, to the caller's report (the event writer). Video is
//! checked in the runtime's buffer; it is copied only for the live view or the snapshot.

use super::live::LiveView;
use super::verify::{StreamVerifier, Verdict};
use super::{Received, Receiver};
use std::time::{Duration, Instant};

pub struct ViewOptions {
    /// Report every Nth verified frame (anomalies are always reported).
    pub every: u64,
    /// Stop after this long.
    pub run_for: Option<Duration>,
    /// Keep the latest frame's pixels on the live view (for `--http` or `--snapshot`).
    pub keep_frames: bool,
}

/// What the viewer saw.
#[derive(Debug, Default)]
pub struct Viewed {
    pub verified: u64,
    pub anomalies: u64,
}

struct Reporter<'a> {
    live: &'a LiveView,
    every: u64,
    seen: Viewed,
    report: &'a mut dyn FnMut(&Verdict),
}

impl Reporter<'_> {
    fn judged(&mut self, verdicts: Vec<Verdict>) {
        for v in verdicts {
            let report = match &v {
                Verdict::Verified { n, chain, trace, key_id, .. } => {
                    self.seen.verified += 1;
                    let verified = self.seen.verified;
                    self.live.update(|s| {
                        s.verified = true;
                        s.line = format!("VERIFIED  key {key_id}  chain {chain} #{n}  trace {trace}");
                        s.frames_verified = verified;
                    });
                    (verified - 1).is_multiple_of(self.every.max(1))
                }
                other => {
                    self.seen.anomalies += 1;
                    let anomalies = self.seen.anomalies;
                    let described = serde_json::to_value(other).unwrap_or_default();
                    let kind = described["kind"].as_str().unwrap_or("anomaly").to_owned();
                    self.live.update(|s| {
                        s.verified = false;
                        s.line = format!("BROKEN  {kind}");
                        s.anomalies = anomalies;
                        s.last_anomaly = Some(described.to_string());
                    });
                    true
                }
            };
            if report {
                (self.report)(&v);
            }
        }
    }
}

/// Receives and verifies until `run_for` is over or `admitting` turns false.
pub fn run(
    receiver: &Receiver,
    mut verifier: StreamVerifier,
    live: &LiveView,
    opts: &ViewOptions,
    report: &mut dyn FnMut(&Verdict),
    admitting: &dyn Fn() -> bool,
) -> Viewed {
    let mut r = Reporter { live, every: opts.every, seen: Viewed::default(), report };
    let deadline = opts.run_for.map(|d| Instant::now() + d);
    // Stopping (at the deadline) is our choice, not the sender's: frames already in flight get up
    // to 500 ms for their other half, so the last one is not reported unsigned; later ones are
    // not ours to judge. `stopping` holds the newest timecode judged and the drain's deadline.
    let mut stopping: Option<(Option<i64>, Instant)> = None;
    while admitting() {
        if stopping.is_none() && deadline.is_some_and(|d| Instant::now() >= d) {
            stopping = Some((verifier.newest_pending(), Instant::now() + Duration::from_millis(500)));
        }
        if let Some((_, until)) = stopping {
            if verifier.unpaired() == 0 || Instant::now() >= until {
                break;
            }
        }
        let wanted = |timecode: i64| stopping.is_none_or(|(cutoff, _)| cutoff.is_some_and(|c| timecode <= c));
        match receiver.capture(if stopping.is_some() { 50 } else { 200 }) {
            Received::Video(frame) if wanted(frame.timecode()) => {
                let verdicts = verifier.video(frame.timecode(), frame.image(), frame.metadata().as_deref());
                // The frame is shown with the status it left, once its verdicts are in.
                r.judged(verdicts);
                if opts.keep_frames {
                    live.show_frame(frame.image());
                }
            }
            Received::Metadata { xml, timecode } if wanted(timecode) => r.judged(verifier.metadata(timecode, &xml)),
            _ => {}
        }
    }
    r.judged(verifier.finish());
    live.finish();
    r.seen
}
