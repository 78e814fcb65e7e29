//! `if-ndi-board`: the council's continuous-presence board. Council events (signed IFMessages
//! from `if-mcu`) on stdin, verified before use; evidence streams received and verified as
//! `if-ndi-view` verifies them, one thread each; the tiles composed ([`board::compose`]) and
//! published as an NDI source with the same signed chain as `if-ndi-pub` ([`publish::run`]).
//! Its events on stdout: `ndi.board` when the tiles change, and each stream's verdicts as
//! `if-ndi-view` reports them (`ndi.anomaly` at once, `ndi.verified` every `every` frames).

use super::ndi::announce;
use super::{EXIT_OK, EXIT_REJECTED};
use crate::inbox::{Inbox, Wait};
use crate::jsonl::DEFAULT_MAX_LINE;
use crate::keys::{SecretKey, TrustStore};
use crate::message::{self, MessageFactory};
use crate::ndi::board::{self, Board, Council, EvidenceStatus, EvidenceTile, TileSummary};
use crate::ndi::chain::ChainWriter;
use crate::ndi::events::{BoardShown, StreamEvent};
use crate::ndi::live::LiveView;
use crate::ndi::publish::{self, NewPicture, Program, PublishOptions};
use crate::ndi::verify::{StreamVerifier, Verdict};
use crate::ndi::view::{self, ViewOptions};
use crate::ndi::{Runtime, SourceInfo};
use crate::pipeline::{self, parse_line, EventWriter, IncomingCheck, Intake, OnError, OnOutputLoss, StdinLine};
use anyhow::Context;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the board needs besides the runtime.
pub struct BoardRun {
    /// Signs every frame's chain record and the board's events.
    pub key: SecretKey,
    /// Keys trusted to sign the council's events and the evidence streams' frames.
    pub trust: TrustStore,
    /// Only events from this sender (the MCU's agent) go on the board; without, any sender the
    /// trust registry vouches for.
    pub council: Option<String>,
    pub sources: Vec<SourceInfo>,
    /// The board's NDI name, size, frame rate and linger (`frames` and `wait_receiver` unused).
    pub opts: PublishOptions,
    /// Report every Nth verified frame of each stream (anomalies are always reported).
    pub every: u64,
    pub on_error: OnError,
    pub on_audit_loss: OnOutputLoss,
}

/// What the board's loop is fed: stdin's lines, and the verdicts of the evidence streams'
/// verifiers (by source index), which it records.
enum BoardInput {
    Line(StdinLine),
    Verdict(usize, Verdict),
}

/// Publishes the board until stdin ends (then `linger`), or the event stream is lost; exit 1 if
/// an input line was rejected or an evidence stream showed an anomaly.
pub fn board(rt: &Runtime, run: BoardRun) -> anyhow::Result<u8> {
    anyhow::ensure!(
        (1..=board::MAX_SOURCES).contains(&run.sources.len()),
        "a board shows 1 to {} evidence sources, not {}",
        board::MAX_SOURCES,
        run.sources.len()
    );
    let chain = ChainWriter::new(message::random_hex(8), run.key.signing.clone());
    let chain_id = chain.chain().to_owned();
    let events = EventWriter::stdout(Some(MessageFactory::new(run.key, 64)), "ndi-board", run.on_audit_loss);
    let sender = announce(rt.sender(&run.opts.name, false)?);
    let (aw, ah) = board::picture_area(run.opts.width, run.opts.height);
    let mut watched = Vec::new();
    for source in &run.sources {
        tracing::info!("receiving {}", source.label());
        let receiver = rt.receiver(source).with_context(|| source.label().to_owned())?;
        watched.push((receiver, LiveView::thumbnails(source.label(), aw, ah)));
    }
    let views: Vec<Arc<LiveView>> = watched.iter().map(|(_, v)| v.clone()).collect();
    let mut inbox = Inbox::bounded(4096);
    pipeline::spawn_stdin(inbox.sender(), DEFAULT_MAX_LINE, BoardInput::Line);
    let stop = AtomicBool::new(false);
    let mut program = BoardProgram {
        name: run.opts.name.clone(),
        check: IncomingCheck::new(Some(run.trust.clone())),
        council_agent: run.council,
        intake: Intake::new(run.on_error),
        events: &events,
        council: Council::default(),
        views: &views,
        labels: run.sources.iter().map(|s| s.label().to_owned()).collect(),
        keys: vec![String::new(); run.sources.len()],
        seen: vec![u64::MAX; run.sources.len()],
        council_changed: true,
        shown: None,
        preparing: None,
        anomalies: 0,
    };
    let published = std::thread::scope(|scope| {
        let mut threads = Vec::new();
        for (i, (receiver, live)) in watched.into_iter().enumerate() {
            let (feed, trust, stop, every) = (inbox.sender(), run.trust.clone(), &stop, run.every);
            threads.push(scope.spawn(move || {
                let opts = ViewOptions { every, run_for: None, keep_frames: true };
                let mut report = |v: &Verdict| {
                    feed.send(BoardInput::Verdict(i, v.clone()));
                };
                view::run(&receiver, StreamVerifier::new(Some(trust)), &live, &opts, &mut report, &|| {
                    !stop.load(Ordering::Relaxed)
                });
            }));
        }
        inbox.seal();
        let published = publish::run(&sender, &run.opts, chain, &inbox, &mut program);
        // The verifiers stop at their next capture (200 ms at most); what they report until then
        // is still recorded.
        stop.store(true, Ordering::Relaxed);
        let mut stopped = false;
        while !stopped {
            // Once every verifier has stopped, what they queued is in the inbox: one more pass
            // takes it. Each pass is bounded, however much stdin still sends (it is not read now).
            stopped = threads.iter().all(|t| t.is_finished());
            let until = Instant::now() + Duration::from_millis(50);
            while Instant::now() < until {
                match inbox.wait_until(Some(until)) {
                    Wait::Input(BoardInput::Verdict(source, verdict)) => program.verdict(source, verdict),
                    Wait::Input(BoardInput::Line(_)) => {}
                    Wait::Deadline | Wait::Closed => break,
                }
            }
        }
        published
    });
    let published = published.context("sending a frame")?;
    drop(sender);
    let anomalies = program.anomalies;
    let rejected = program.intake.finish()?;
    events.finish()?;
    tracing::info!(
        "{} frames, {} pictures, chain {chain_id}; {anomalies} evidence anomalies",
        published.frames,
        published.cards
    );
    Ok(if rejected || anomalies > 0 { EXIT_REJECTED } else { EXIT_OK })
}

struct BoardProgram<'a> {
    name: String,
    check: IncomingCheck,
    council_agent: Option<String>,
    intake: Intake,
    events: &'a EventWriter,
    council: Council,
    views: &'a [Arc<LiveView>],
    labels: Vec<String>,
    /// The key each stream was last verified with, from its verdicts.
    keys: Vec<String>,
    /// Each view's frame counter when the board was last composed.
    seen: Vec<u64>,
    /// The council changed (or an evidence stream's status did) since the last composition.
    council_changed: bool,
    /// The tiles on the air (last recorded), and those of the picture being prepared.
    shown: Option<Vec<TileSummary>>,
    preparing: Option<Vec<TileSummary>>,
    anomalies: u64,
}

impl BoardProgram<'_> {
    fn line(&mut self, number: u64, bytes: &[u8]) {
        let verified = match parse_line(bytes).and_then(|v| self.check.check_value(v)) {
            Ok(v) => v,
            Err(reason) => return self.intake.reject(number, &reason),
        };
        if self.council_agent.as_ref().is_some_and(|agent| *agent != verified.message.sender) {
            tracing::debug!("stdin:{number}: from {}, not the council's agent: not shown", verified.message.sender);
            return;
        }
        let content = verified.value.get("content").and_then(Value::as_object);
        let trace = verified.value.get("trace_id").and_then(Value::as_str);
        if content.is_some_and(|c| self.council.apply(c, trace)) {
            self.council_changed = true;
        }
    }

    fn verdict(&mut self, source: usize, verdict: Verdict) {
        match &verdict {
            Verdict::Verified { key_id, .. } => {
                if self.keys[source] != *key_id {
                    self.keys[source] = key_id.clone();
                    self.council_changed = true;
                }
            }
            _ => {
                self.anomalies += 1;
                self.council_changed = true;
            }
        }
        self.events.emit(&StreamEvent { verdict: &verdict, source: &self.labels[source] });
    }

    /// The board as it stands: the council, and each stream's status and latest picture.
    fn state(&mut self) -> Board {
        let mut evidence = Vec::with_capacity(self.views.len());
        for (i, view) in self.views.iter().enumerate() {
            let (seq, picture, status) = view.latest();
            self.seen[i] = seq;
            let status = if status.anomalies > 0 {
                let last = status.last_anomaly.as_deref().and_then(|a| serde_json::from_str::<Value>(a).ok());
                let kind = last.as_ref().and_then(|a| a["kind"].as_str()).unwrap_or("anomaly").to_owned();
                EvidenceStatus::Broken { kind, anomalies: status.anomalies }
            } else if status.frames_verified > 0 {
                EvidenceStatus::Verified { frames: status.frames_verified, key_id: self.keys[i].clone() }
            } else {
                EvidenceStatus::Waiting
            };
            evidence.push(EvidenceTile { label: self.labels[i].clone(), status, picture });
        }
        Board { evidence, council: self.council.clone() }
    }

    fn picture(&mut self, width: u32, height: u32) -> NewPicture {
        let state = self.state();
        let tiles = board::summary(&state);
        let news = self.shown.as_ref() != Some(&tiles);
        self.preparing = Some(tiles);
        self.council_changed = false;
        let trace = self.council.trace.clone().unwrap_or_else(|| "-".into());
        NewPicture { pixels: board::compose(&state, width, height).pixels, trace, cards: 1, news }
    }
}

impl Program<BoardInput> for BoardProgram<'_> {
    fn input(&mut self, input: BoardInput) -> bool {
        match input {
            BoardInput::Verdict(source, verdict) => self.verdict(source, verdict),
            BoardInput::Line(line) => {
                if let Some((number, bytes)) = self.intake.take(line) {
                    self.line(number, &bytes);
                }
            }
        }
        !self.intake.ended()
    }

    fn opening(&mut self, _chain: &str, width: u32, height: u32) -> NewPicture {
        let mut first = self.picture(width, height);
        first.cards = 0;
        // Nothing is on the air yet to record; the first picture is recorded with the next.
        self.preparing = None;
        first
    }

    fn next_picture(&mut self, _chain: &str, _cards: u64, width: u32, height: u32) -> Option<NewPicture> {
        let moved = self.views.iter().zip(&self.seen).any(|(v, seen)| v.latest_seq() != *seen);
        (self.council_changed || moved).then(|| self.picture(width, height))
    }

    fn on_air(&mut self, chain: &str, first_card: u64, first_frame: u64) {
        let Some(tiles) = self.preparing.take() else { return };
        if self.shown.as_ref() == Some(&tiles) {
            return;
        }
        self.events.emit(&BoardShown {
            source: self.name.clone(),
            chain: chain.to_owned(),
            card: first_card,
            first_frame,
            tiles: tiles.clone(),
            trace_id: self.council.trace.clone(),
        });
        self.shown = Some(tiles);
    }

    fn idle(&self) -> bool {
        !self.council_changed
    }

    fn admitting(&self) -> bool {
        self.events.admitting()
    }
}
