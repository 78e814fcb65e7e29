//! The publisher's driver: inputs become cards, cards become frames at `fps`, and every frame
//! carries the next sealed record of its chain ([`ChainWriter`]). What an input is (a checked
//! stdin line) is the [`Evidence`] source's business.

use super::card::{render, Card};
use super::chain::{ChainWriter, Picture};
use super::events::CardShown;
use super::{NdiError, Sender};
use crate::inbox::Inbox;
use crate::time::{format_rfc3339, now_millis};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};

pub struct PublishOptions {
    /// The NDI source name, for the events.
    pub name: String,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    /// Stop after this many frames (then the end of input does not stop the stream).
    pub frames: Option<u64>,
    /// How long the last card stays on the air after the input ends.
    pub linger: Duration,
    /// How long to wait for a receiver before the first frame.
    pub wait_receiver: Duration,
}

/// Where the publisher's messages come from, and where its card events go.
pub trait Evidence<L> {
    /// One input: `None` once the input has ended; `Some(None)` for nothing to show;
    /// `Some(Some(message))` for the IFMessage to put on the next card.
    fn input(&mut self, input: L) -> Option<Option<Value>>;
    fn card_shown(&mut self, card: CardShown);
    /// False once no more may be published (the event stream was lost).
    fn admitting(&self) -> bool;
}

/// What a run published.
pub struct Published {
    pub frames: u64,
    pub cards: u64,
}

pub fn run<L>(
    sender: &Sender,
    opts: &PublishOptions,
    mut chain: ChainWriter,
    inbox: &Inbox<L>,
    evidence: &mut dyn Evidence<L>,
) -> Result<Published, NdiError> {
    if !opts.wait_receiver.is_zero() {
        let deadline = Instant::now() + opts.wait_receiver;
        while sender.connections(100) < 1 && Instant::now() < deadline {}
    }
    let (w, h) = (opts.width, opts.height);
    let mut card =
        Card { headline: "waiting for evidence".into(), severity: String::new(), lines: vec![], trace_id: "-".into() };
    let mut cards = 0u64;
    let mut ended_at: Option<Instant> = None;
    let started = Instant::now();
    while evidence.admitting() {
        while let Some(input) = inbox.try_next() {
            let msg = match evidence.input(input) {
                None => {
                    ended_at.get_or_insert_with(Instant::now);
                    continue;
                }
                Some(None) => continue,
                Some(Some(msg)) => msg,
            };
            cards += 1;
            card = Card::from_message(&msg);
            let card_text = format!("{}\n{}\n{}", card.headline, card.severity, card.lines.join("\n"));
            evidence.card_shown(CardShown {
                source: opts.name.clone(),
                chain: chain.chain().to_owned(),
                card: cards,
                first_frame: chain.frames(),
                card_sha256: hex::encode(Sha256::digest(card_text.as_bytes())),
                message_sender: msg.get("sender").cloned().unwrap_or(Value::Null),
                headline: card.headline.clone(),
                trace_id: msg.get("trace_id").and_then(Value::as_str).map(str::to_owned),
                hazard: msg.get("hazard").and_then(|h| serde_json::from_value(h.clone()).ok()),
            });
        }
        // With a frame count the stream runs to it; otherwise it lingers after the input ends.
        let n = chain.frames();
        let lingered = opts.frames.is_none() && ended_at.is_some_and(|t| t.elapsed() >= opts.linger);
        if lingered || opts.frames.is_some_and(|f| n >= f) {
            break;
        }
        let footer = format!("chain {}  frame {n}  card {cards}", chain.chain());
        let canvas = render(&card, &footer, w, h);
        let record = chain.seal(Picture {
            ts: format_rfc3339(now_millis()),
            trace: card.trace_id.clone(),
            card: cards,
            width: w,
            height: h,
            bgra: &canvas.pixels,
        });
        // Video and metadata share a timecode (100 ns units) derived from the frame number, which
        // is how a receiver pairs them: NDI does not keep their order.
        let timecode = (n as i64) * 10_000_000 / opts.fps as i64;
        // Pace to fps here rather than with the runtime's video clock, so sending follows the
        // frame numbers (and so the timecodes) exactly.
        let due = started + Duration::from_secs_f64(n as f64 / opts.fps as f64);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        sender.send_video(&canvas.pixels, w, h, (opts.fps as i32, 1), timecode);
        sender.send_metadata(&record.to_xml(), timecode)?;
    }
    // Destroying a sender drops what it has not delivered yet (seen: the last metadata frame);
    // give connected receivers a moment.
    if sender.connections(0) > 0 {
        std::thread::sleep(Duration::from_millis(500));
    }
    Ok(Published { frames: chain.frames(), cards })
}
