//! The publisher's driver: a [`Program`] turns inputs into pictures, pictures become frames at
//! `fps`, and every frame carries the next sealed record of its chain ([`ChainWriter`]) as its own
//! per-frame metadata. `if-ndi-pub`'s program is [`Cards`] (what an input is, a checked stdin
//! line, is the [`Evidence`] source's business); `if-ndi-board`'s composes its tiles.
//!
//! A picture is drawn, hashed and gridded once ([`Still`]) and shown by every frame until the
//! next: the frame number is in each frame's record, not in its pixels, so the per-frame work is
//! sealing the record (a SHA-256 of about 1 KB and an Ed25519 signature).

use super::card::{render, Card};
use super::chain::{ChainWriter, Picture, Preparing, Still};
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

/// Where frames go: an NDI [`Sender`], or a test's list.
pub trait VideoOut {
    /// Connected receivers, waiting up to `timeout_ms` for the first.
    fn connections(&self, timeout_ms: u32) -> i32;
    /// Sends one frame showing `still`, with `record` (its chain record) as the frame's own
    /// metadata.
    fn send(&self, still: &Still, fps: u32, timecode: i64, record: &str) -> Result<(), NdiError>;
}

impl VideoOut for Sender {
    fn connections(&self, timeout_ms: u32) -> i32 {
        Sender::connections(self, timeout_ms)
    }

    fn send(&self, still: &Still, fps: u32, timecode: i64, record: &str) -> Result<(), NdiError> {
        self.send_video(&still.bgra, still.width, still.height, (fps as i32, 1), timecode, Some(record))
    }
}

/// What a run published.
pub struct Published {
    pub frames: u64,
    pub cards: u64,
}

/// A picture to put on the air, as a publisher's program made it.
pub struct NewPicture {
    /// BGRA pixels at the stream's size.
    pub pixels: Vec<u8>,
    /// The trace id its frames' records carry.
    pub trace: String,
    /// How many card numbers it stands for (a burst of messages shows its last; each is a card).
    pub cards: u64,
    /// Whether it shows something new (a card; a change of the board's tiles) rather than a
    /// refresh of the same (the board's evidence pictures moving): lingering after the input
    /// ends counts from the last news, and waits for news being prepared.
    pub news: bool,
}

/// What a publisher shows: pictures made from its input (`if-ndi-pub`'s evidence cards, the
/// board's composed tiles), and what it records when each goes on the air. The driver owns the
/// chain, the pacing and the slicing of each new picture's hashing.
pub trait Program<L> {
    /// One input; false once the input has ended.
    fn input(&mut self, input: L) -> bool;
    /// The picture on the air before anything else (card 0).
    fn opening(&mut self, chain: &str, width: u32, height: u32) -> NewPicture;
    /// A new picture to prepare, if there is one; `cards` is the number of the last card shown.
    fn next_picture(&mut self, chain: &str, cards: u64, width: u32, height: u32) -> Option<NewPicture>;
    /// The last picture from [`Program::next_picture`] is on the air from frame `first_frame`,
    /// as cards `first_card` onwards.
    fn on_air(&mut self, chain: &str, first_card: u64, first_frame: u64);
    /// True when nothing is waiting to go on the air (so lingering may end).
    fn idle(&self) -> bool;
    /// False once no more may be published (the event stream was lost).
    fn admitting(&self) -> bool;
}

/// `if-ndi-pub`'s program: each message becomes a card, its event once it is on the air.
pub struct Cards<'a, L> {
    /// The NDI source name, for the events.
    source: String,
    evidence: &'a mut dyn Evidence<L>,
    /// Messages not on the air yet, and those the picture being prepared stands for.
    waiting: Vec<Value>,
    preparing: Vec<Value>,
}

impl<'a, L> Cards<'a, L> {
    pub fn new(source: &str, evidence: &'a mut dyn Evidence<L>) -> Self {
        Cards { source: source.to_owned(), evidence, waiting: Vec::new(), preparing: Vec::new() }
    }
}

impl<L> Program<L> for Cards<'_, L> {
    fn input(&mut self, input: L) -> bool {
        match self.evidence.input(input) {
            None => return false,
            Some(None) => {}
            Some(Some(msg)) => self.waiting.push(msg),
        }
        true
    }

    fn opening(&mut self, chain: &str, width: u32, height: u32) -> NewPicture {
        let card = Card {
            headline: "waiting for evidence".into(),
            severity: String::new(),
            lines: vec![],
            trace_id: "-".into(),
        };
        let pixels = render(&card, &format!("chain {chain}  card 0"), width, height).pixels;
        NewPicture { pixels, trace: card.trace_id, cards: 0, news: true }
    }

    fn next_picture(&mut self, chain: &str, cards: u64, width: u32, height: u32) -> Option<NewPicture> {
        if self.waiting.is_empty() {
            return None;
        }
        self.preparing = std::mem::take(&mut self.waiting);
        let drawn = Card::from_message(self.preparing.last().expect("not empty"));
        let number = cards + self.preparing.len() as u64;
        let pixels = render(&drawn, &format!("chain {chain}  card {number}"), width, height).pixels;
        Some(NewPicture { pixels, trace: drawn.trace_id, cards: self.preparing.len() as u64, news: true })
    }

    fn on_air(&mut self, chain: &str, first_card: u64, first_frame: u64) {
        for (i, msg) in std::mem::take(&mut self.preparing).iter().enumerate() {
            let shown = Card::from_message(msg);
            let card_text = format!("{}\n{}\n{}", shown.headline, shown.severity, shown.lines.join("\n"));
            self.evidence.card_shown(CardShown {
                source: self.source.clone(),
                chain: chain.to_owned(),
                card: first_card + i as u64,
                first_frame,
                card_sha256: hex::encode(Sha256::digest(card_text.as_bytes())),
                message_sender: msg.get("sender").cloned().unwrap_or(Value::Null),
                headline: shown.headline.clone(),
                trace_id: msg.get("trace_id").and_then(Value::as_str).map(str::to_owned),
                hazard: msg.get("hazard").and_then(|h| serde_json::from_value(h.clone()).ok()),
            });
        }
    }

    fn idle(&self) -> bool {
        self.waiting.is_empty()
    }

    fn admitting(&self) -> bool {
        self.evidence.admitting()
    }
}

/// Publishes `program`'s pictures on `sender` until the input ends (and `linger` has passed with
/// nothing waiting), `frames` are sent, or the program stops admitting.
pub fn run<L>(
    sender: &dyn VideoOut,
    opts: &PublishOptions,
    mut chain: ChainWriter,
    inbox: &Inbox<L>,
    program: &mut dyn Program<L>,
) -> Result<Published, NdiError> {
    if !opts.wait_receiver.is_zero() {
        let deadline = Instant::now() + opts.wait_receiver;
        while sender.connections(100) < 1 && Instant::now() < deadline {}
    }
    let (w, h) = (opts.width, opts.height);
    let mut cards = 0u64;
    // The picture on the air, drawn and hashed once for all its frames (the first one before the
    // stream starts).
    let opening = program.opening(chain.chain(), w, h);
    let mut trace = opening.trace;
    let mut still = Still::new(w, h, opening.pixels);
    // The next picture being prepared a slice per frame (so no frame carries the whole hash of a
    // new 1080p picture): its trace, the cards it stands for, whether it is news, the work left.
    let mut next: Option<(String, u64, bool, Preparing)> = None;
    let mut on_air_since = Instant::now();
    let mut ended_at: Option<Instant> = None;
    let started = Instant::now();
    while program.admitting() {
        while let Some(input) = inbox.try_next() {
            if !program.input(input) {
                ended_at.get_or_insert_with(Instant::now);
            }
        }
        // With a frame count the stream runs to it; otherwise it lingers after the input ends
        // and its last picture is on the air.
        let n = chain.frames();
        let idle = program.idle() && next.as_ref().is_none_or(|(_, _, news, _)| !news);
        let lingered =
            opts.frames.is_none() && idle && ended_at.is_some_and(|t| t.max(on_air_since).elapsed() >= opts.linger);
        if lingered || opts.frames.is_some_and(|f| n >= f) {
            break;
        }
        if next.is_none() {
            if let Some(p) = program.next_picture(chain.chain(), cards, w, h) {
                next = Some((p.trace, p.cards, p.news, Preparing::new(w, h, p.pixels)));
            }
        }
        if let Some((new_trace, new_cards, news, mut work)) = next.take() {
            match work.step() {
                false => next = Some((new_trace, new_cards, news, work)),
                true => {
                    program.on_air(chain.chain(), cards + 1, n);
                    cards += new_cards;
                    (trace, still) = (new_trace, work.finish());
                    if news {
                        on_air_since = Instant::now();
                    }
                }
            }
        }
        let still = &still;
        let record = chain.seal(Picture { ts: format_rfc3339(now_millis()), trace: trace.clone(), card: cards, still });
        // The record travels in the frame; the timecode (100 ns units, from the frame number) is
        // for players, and for viewers of older publishers, which paired the two by it.
        let timecode = (n as i64) * 10_000_000 / opts.fps as i64;
        // Pace to fps here rather than with the runtime's video clock, so sending follows the
        // frame numbers (and so the timecodes) exactly.
        let due = started + Duration::from_secs_f64(n as f64 / opts.fps as f64);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        sender.send(still, opts.fps, timecode, &record.to_xml())?;
    }
    // Destroying a sender drops what it has not delivered yet (seen when records travelled in
    // separate metadata frames: the last one); give connected receivers a moment.
    if sender.connections(0) > 0 {
        std::thread::sleep(Duration::from_millis(500));
    }
    Ok(Published { frames: chain.frames(), cards })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbox::Feed;
    use crate::ndi::chain::FrameRecord;
    use ed25519_dalek::SigningKey;
    use std::cell::RefCell;

    /// Frames as sent: (pixels, timecode, record), and a feed to put a second card in after
    /// the fourth frame.
    struct Sent {
        frames: RefCell<Vec<(Vec<u8>, i64, String)>>,
        feed: Feed<Option<Value>>,
    }

    impl VideoOut for Sent {
        fn connections(&self, _: u32) -> i32 {
            1
        }
        fn send(&self, still: &Still, _: u32, timecode: i64, record: &str) -> Result<(), NdiError> {
            let mut frames = self.frames.borrow_mut();
            frames.push((still.bgra.clone(), timecode, record.to_owned()));
            if frames.len() == 4 {
                self.feed.send(Some(
                    serde_json::json!({"content": {"summary": "second finding"}, "trace_id": "bbbbbbbbbbbb"}),
                ));
            }
            Ok(())
        }
    }

    struct Messages(Vec<CardShown>);

    impl Evidence<Option<Value>> for Messages {
        fn input(&mut self, input: Option<Value>) -> Option<Option<Value>> {
            input.map(Some)
        }
        fn card_shown(&mut self, card: CardShown) {
            self.0.push(card);
        }
        fn admitting(&self) -> bool {
            true
        }
    }

    #[test]
    fn every_frame_carries_its_record_and_a_card_is_drawn_once_for_all_its_frames() {
        let key = SigningKey::from_bytes(&[5; 32]);
        let inbox = Inbox::bounded(4);
        inbox
            .sender()
            .send(Some(serde_json::json!({"content": {"summary": "first finding"}, "trace_id": "aaaaaaaaaaaa"})));
        let sent = Sent { frames: RefCell::new(Vec::new()), feed: inbox.sender() };
        let opts = PublishOptions {
            name: "test".into(),
            width: 64,
            height: 36,
            fps: 1000,
            frames: Some(8),
            linger: Duration::ZERO,
            wait_receiver: Duration::ZERO,
        };
        let mut shown = Messages(Vec::new());
        let published =
            run(&sent, &opts, ChainWriter::new("c1".into(), key.clone()), &inbox, &mut Cards::new("test", &mut shown))
                .unwrap();
        assert_eq!((published.frames, published.cards), (8, 2));
        let frames = sent.frames.into_inner();
        let records: Vec<FrameRecord> = frames.iter().map(|(_, _, xml)| FrameRecord::from_xml(xml).unwrap()).collect();
        let mut prev = "0".repeat(64);
        for (i, ((pixels, timecode, _), r)) in frames.iter().zip(&records).enumerate() {
            assert_eq!(r.verify().unwrap(), key.verifying_key());
            assert_eq!((r.n, r.card, r.prev.as_str()), (i as u64, if i < 4 { 1 } else { 2 }, prev.as_str()));
            assert_eq!(r.pixels, hex::encode(Sha256::digest(pixels)), "frame {i}");
            assert_eq!(*timecode, i as i64 * 10_000);
            prev = r.hash.clone();
        }
        // The frame number is in the record, not the picture: a card's frames are one picture.
        assert!(frames[..4].iter().all(|f| f.0 == frames[0].0) && frames[4..].iter().all(|f| f.0 == frames[4].0));
        assert_ne!(frames[0].0, frames[4].0);
        assert_eq!((records[0].trace.as_str(), records[4].trace.as_str()), ("aaaaaaaaaaaa", "bbbbbbbbbbbb"));
        let firsts: Vec<(u64, u64)> = shown.0.iter().map(|c| (c.card, c.first_frame)).collect();
        assert_eq!(firsts, [(1, 0), (2, 4)]);
    }

    #[test]
    fn a_new_1080p_card_is_prepared_over_several_frames_while_the_last_stays_on_the_air() {
        let key = SigningKey::from_bytes(&[5; 32]);
        let inbox = Inbox::bounded(4);
        inbox
            .sender()
            .send(Some(serde_json::json!({"content": {"summary": "big finding"}, "trace_id": "cccccccccccc"})));
        // One message only: the stand-in sender's own message goes to an inbox nobody reads.
        let unread = Inbox::bounded(1);
        let sent = Sent { frames: RefCell::new(Vec::new()), feed: unread.sender() };
        let opts = PublishOptions {
            name: "test".into(),
            width: 1920,
            height: 1080,
            fps: 1000,
            frames: Some(6),
            linger: Duration::ZERO,
            wait_receiver: Duration::ZERO,
        };
        let mut shown = Messages(Vec::new());
        run(&sent, &opts, ChainWriter::new("c1".into(), key), &inbox, &mut Cards::new("test", &mut shown)).unwrap();
        let frames = sent.frames.into_inner();
        let records: Vec<FrameRecord> = frames.iter().map(|(_, _, xml)| FrameRecord::from_xml(xml).unwrap()).collect();
        // 8 MB of pixels in 2 MiB slices: four frames of work, the card on the air from the fourth.
        let steps = (1920 * 1080 * 4usize).div_ceil(crate::ndi::chain::SLICE_BYTES) as u64;
        assert_eq!(steps, 4);
        let cards: Vec<u64> = records.iter().map(|r| r.card).collect();
        assert_eq!(cards, [0, 0, 0, 1, 1, 1], "the waiting card until the new one is ready");
        let firsts: Vec<(u64, u64)> = shown.0.iter().map(|c| (c.card, c.first_frame)).collect();
        assert_eq!(firsts, [(1, steps - 1)]);
        for ((pixels, _, _), r) in frames.iter().zip(&records) {
            assert_eq!(r.pixels, hex::encode(Sha256::digest(pixels)), "each record signs the picture it travels with");
        }
        assert_eq!(records[3].trace, "cccccccccccc");
    }
}
