//! `if-ndi-pub`: evidence video over NDI, every frame carrying a signed hash-chain record.

use super::{Output, EXIT_OK, EXIT_REJECTED};
use crate::jsonl::{BoundedLines, OnError, Rejects, DEFAULT_MAX_LINE};
use crate::keys::{SecretKey, TrustStore};
use crate::message::{self, default_scope, MessageFactory, MessageSpec, Performative};
use crate::ndi::card::{luma_grid, render, Card};
use crate::ndi::chain::FrameRecord;
use crate::ndi::{Runtime, SourceInfo};
use crate::time::{format_rfc3339, now_millis};
use crate::wrap::{self, WrapOptions};
use anyhow::Context;
use clap::Parser;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const EXAMPLES: &str = "\
Examples:
  if-msg wrap --from yologuard --key scan.key < findings.json | if-ndi-pub --name evidence --key scan.key
  if-ndi-pub --name evidence --key scan.key --size 1920x1080 --fps 30 < events.jsonl | if-witness append ndi.log --key w.key

The NDI runtime is loaded at run time from $NDI_RUNTIME_DIR_V6 (libndi.so.6); scripts/setup
installs one. Receivers find the source on the local machine, by NDI's extra-IPs setting, at a
discovery server (--discovery), or directly at the port this tool logs (if-ndi-view --source IP:PORT).

Exit status: 0 ok, 1 an input line was rejected, 2 usage, key, runtime or I/O error.";

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s.split_once('x').ok_or("expected WIDTHxHEIGHT")?;
    let (w, h) = (w.parse::<u32>().map_err(|e| e.to_string())?, h.parse::<u32>().map_err(|e| e.to_string())?);
    if !(64..=7680).contains(&w) || !(36..=4320).contains(&h) || w % 2 != 0 {
        return Err("size must be 64x36 to 7680x4320 with an even width".into());
    }
    Ok((w, h))
}

#[derive(Parser, Debug)]
#[command(name = "if-ndi-pub", version, about = "Publish IFMessages as NDI evidence video with a signed hash chain in every frame", after_help = EXAMPLES)]
pub struct PubCli {
    /// NDI source name.
    #[arg(long)]
    pub name: String,
    /// Key that signs every frame's chain record and the card events.
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
    /// Frame size.
    #[arg(long, default_value = "1280x720", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Frames per second.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=120))]
    pub fps: u32,
    /// Stop after this many frames (then the end of input does not stop the stream).
    #[arg(long)]
    pub frames: Option<u64>,
    /// Keep showing the last card this long after the end of input, in seconds.
    #[arg(long, default_value_t = 5.0)]
    pub linger: f64,
    /// Wait up to this long for a receiver before the first frame (frames nobody receives are lost).
    #[arg(long, default_value_t = 0.0, value_name = "SECS")]
    pub wait_receiver: f64,
    /// Trusted keys for incoming IFMessages; without, their own keys are used.
    #[arg(long, value_name = "FILE")]
    pub trust: Vec<PathBuf>,
    /// NDI discovery server(s) to register the source with (`HOST[:PORT]`, comma-separated).
    #[arg(long, value_name = "HOST[:PORT]")]
    pub discovery: Option<String>,
}

enum Input {
    Line(u64, Result<Vec<u8>, crate::jsonl::LineError>),
    End,
}

pub fn publish(cli: PubCli) -> anyhow::Result<u8> {
    let rt = Runtime::load_with_discovery(cli.discovery.as_deref())?;
    tracing::info!("NDI runtime {} ({})", rt.version, rt.path.display());
    let trust = TrustStore::load_all(&cli.trust)?;
    let key = SecretKey::load(&cli.key)?;
    let signing = key.signing.clone();
    let mut factory = MessageFactory::new(key, 64);
    let sender = rt.sender(&cli.name, false)?;
    match sender.port {
        Some(port) => tracing::info!(
            "publishing `{}` on port {port} (on this machine: if-ndi-view --source 127.0.0.1:{port})",
            sender.source_name()
        ),
        None => tracing::info!("publishing `{}`", sender.source_name()),
    }
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BoundedLines::new(std::io::stdin().lock(), DEFAULT_MAX_LINE);
        while let Some((n, l)) = lines.next_line() {
            if tx.send(Input::Line(n, l)).is_err() {
                return;
            }
        }
        let _ = tx.send(Input::End);
    });
    if cli.wait_receiver > 0.0 {
        let deadline = Instant::now() + Duration::from_secs_f64(cli.wait_receiver);
        while sender.connections(100) < 1 && Instant::now() < deadline {}
    }
    let (w, h) = cli.size;
    let chain = message::random_hex(8);
    let mut out = Output::default();
    let mut rejects = Rejects::default();
    let mut card =
        Card { headline: "waiting for evidence".into(), severity: String::new(), lines: vec![], trace_id: "-".into() };
    let (mut card_no, mut n, mut prev) = (0u64, 0u64, "0".repeat(64));
    let mut ended_at: Option<Instant> = None;
    let started = Instant::now();
    let wrap_opts = WrapOptions {
        receiver: "if://agent/oversight".into(),
        trace_id: None,
        scope: default_scope("ndi-pub"),
        hazard_type: crate::message::HazardType::Safety,
    };
    loop {
        while let Ok(input) = rx.try_recv() {
            match input {
                Input::End => ended_at = Some(Instant::now()),
                Input::Line(line_no, line) => {
                    let msg = match line
                        .map_err(|e| e.to_string())
                        .and_then(|l| crate::json::parse_strict(&l).map_err(|e| format!("not JSON: {e}")))
                    {
                        Ok(Value::Object(obj)) if message::looks_like_ifmessage(&obj) => {
                            let v = Value::Object(obj);
                            match message::verify_message(&v, trust.as_ref()) {
                                Ok(_) => v,
                                Err(e) => {
                                    rejects.reject(OnError::Skip, line_no, &e);
                                    continue;
                                }
                            }
                        }
                        Ok(Value::Object(obj)) => factory.build(wrap::json_object(&obj, &wrap_opts), now_millis())?,
                        Ok(_) => {
                            rejects.reject(OnError::Skip, line_no, &"expected a JSON object");
                            continue;
                        }
                        Err(e) => {
                            rejects.reject(OnError::Skip, line_no, &e);
                            continue;
                        }
                    };
                    card_no += 1;
                    card = Card::from_message(&msg);
                    let card_text = format!("{}\n{}\n{}", card.headline, card.severity, card.lines.join("\n"));
                    let mut spec =
                        MessageSpec::new(Performative::Inform, "if://agent/witness", default_scope("ndi-pub"));
                    spec.trace_id = msg.get("trace_id").and_then(Value::as_str).map(str::to_owned);
                    spec.hazard = msg.get("hazard").and_then(|h| serde_json::from_value(h.clone()).ok());
                    for (k, v) in [
                        ("event", Value::from("ndi.card")),
                        (
                            "summary",
                            Value::from(format!("card {card_no} on NDI source {}: {}", cli.name, card.headline)),
                        ),
                        ("source", Value::from(cli.name.clone())),
                        ("chain", Value::from(chain.clone())),
                        ("card", Value::from(card_no)),
                        ("first_frame", Value::from(n)),
                        ("card_sha256", Value::from(hex::encode(Sha256::digest(card_text.as_bytes())))),
                        ("message_sender", msg.get("sender").cloned().unwrap_or(Value::Null)),
                    ] {
                        spec.content.insert(k.into(), v);
                    }
                    out.json(&factory.build(spec, now_millis())?)?;
                    out.flush()?;
                }
            }
        }
        // With --frames the stream runs to that count; otherwise it lingers after input ends.
        let lingered = cli.frames.is_none() && ended_at.is_some_and(|t| t.elapsed().as_secs_f64() >= cli.linger);
        if lingered || cli.frames.is_some_and(|f| n >= f) {
            break;
        }
        let footer = format!("chain {chain}  frame {n}  card {card_no}");
        let canvas = render(&card, &footer, w, h);
        let mut record = FrameRecord {
            chain: chain.clone(),
            n,
            ts: format_rfc3339(now_millis()),
            trace: card.trace_id.clone(),
            card: card_no,
            width: w,
            height: h,
            pixels: hex::encode(Sha256::digest(&canvas.pixels)),
            grid: hex::encode(luma_grid(&canvas.pixels, w, h)),
            prev: prev.clone(),
            hash: String::new(),
            key: String::new(),
            sig: String::new(),
        };
        record.seal(&signing);
        // Video and metadata share a timecode (100 ns units) derived from the frame number, which
        // is how a receiver pairs them: NDI does not keep their order.
        let timecode = (n as i64) * 10_000_000 / cli.fps as i64;
        // Pace to --fps here rather than with the runtime's video clock, so sending follows the
        // frame numbers (and so the timecodes) exactly.
        let due = started + Duration::from_secs_f64(n as f64 / cli.fps as f64);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        sender.send_video(&canvas.pixels, w, h, (cli.fps as i32, 1), timecode);
        sender.send_metadata(&record.to_xml(), timecode).context("metadata")?;
        prev = record.hash;
        n += 1;
    }
    // Destroying a sender drops what it has not delivered yet (seen: the last metadata frame);
    // give connected receivers a moment.
    if sender.connections(0) > 0 {
        std::thread::sleep(Duration::from_millis(500));
    }
    drop(sender);
    factory.finish()?;
    tracing::info!("{n} frames, {card_no} cards, chain {chain}");
    rejects.summary(OnError::Skip);
    Ok(if rejects.count > 0 { EXIT_REJECTED } else { EXIT_OK })
}

const VIEW_EXAMPLES: &str = "\
Examples:
  if-ndi-view --source evidence --trust trusted_keys --key viewer.key | if-witness append view.log --key w.key
  if-ndi-view --source evidence --trust trusted_keys --key viewer.key --seconds 10 --snapshot last.png
  if-ndi-view --source 127.0.0.1:5961 --trust trusted_keys --key viewer.key --http 8080   # open http://127.0.0.1:8080/

Events (signed IFMessages on stdout): ndi.verified every --every frames, and every anomaly at
once: tampered_pixels, tampered_metadata, bad_signature, unknown_key, gap (with the count of
missing frames), unsigned (a frame with no metadata), chain_broken, chain_restart.

Exit status: 0 the stream verified, 1 an anomaly was seen, 2 usage, key, runtime or I/O error.";

#[derive(Parser, Debug)]
#[command(name = "if-ndi-view", version, about = "Receive NDI evidence video and verify every frame's signed hash chain in real time", after_help = VIEW_EXAMPLES)]
pub struct ViewCli {
    /// Source to connect to: its NDI name (`NAME`, or the full `HOST (NAME)`), or its address
    /// `IP:PORT` to connect directly, without discovery.
    #[arg(long)]
    pub source: String,
    /// Where else to look for sources (NDI extra IPs, comma-separated).
    #[arg(long, default_value = "127.0.0.1")]
    pub extra_ips: String,
    /// NDI discovery server(s) to look for sources at (`HOST[:PORT]`, comma-separated).
    #[arg(long, value_name = "HOST[:PORT]")]
    pub discovery: Option<String>,
    /// Keys trusted to sign frames; without, frames are checked against the key they carry.
    #[arg(long, value_name = "FILE")]
    pub trust: Vec<PathBuf>,
    /// Key that signs the viewer's events.
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
    /// Report every Nth verified frame (anomalies are always reported).
    #[arg(long, default_value_t = 30)]
    pub every: u64,
    /// Stop after this many seconds.
    #[arg(long)]
    pub seconds: Option<f64>,
    /// Write the last frame, with the provenance overlay, to this PNG on exit.
    #[arg(long, value_name = "FILE.png")]
    pub snapshot: Option<PathBuf>,
    /// Serve a live web view of the stream and its provenance at ADDR (`PORT` or `IP:PORT`;
    /// the IP defaults to 127.0.0.1): a page at `/`, `/frame.png`, `/status.json` and `/stream`.
    #[arg(long, value_name = "ADDR", value_parser = parse_http_addr)]
    pub http: Option<std::net::SocketAddr>,
}

fn parse_http_addr(s: &str) -> Result<std::net::SocketAddr, String> {
    let s = s.strip_prefix(':').unwrap_or(s);
    if let Ok(port) = s.parse::<u16>() {
        return Ok(std::net::SocketAddr::from(([127, 0, 0, 1], port)));
    }
    s.parse().map_err(|_| "expected PORT or IP:PORT, e.g. 8080 or 127.0.0.1:8080".to_owned())
}

pub fn view(cli: ViewCli) -> anyhow::Result<u8> {
    use crate::ndi::live::{self, LiveView};
    use crate::ndi::verify::{StreamVerifier, Verdict};
    use crate::ndi::Received;
    let rt = Runtime::load_with_discovery(cli.discovery.as_deref())?;
    let trust = TrustStore::load_all(&cli.trust)?;
    let mut factory = MessageFactory::new(SecretKey::load(&cli.key)?, 64);
    let source = match cli.source.parse::<std::net::SocketAddr>() {
        Ok(addr) => SourceInfo::at(addr),
        Err(_) => rt.find(&cli.source, Some(&cli.extra_ips), Duration::from_secs(10))?.with_context(|| {
            let discovery = cli.discovery.as_deref().map(|d| format!(", discovery server {d}")).unwrap_or_default();
            format!("no NDI source matching `{}` (looked locally and at {}{discovery})", cli.source, cli.extra_ips)
        })?,
    };
    tracing::info!("receiving {}", source.label());
    let receiver = rt.receiver(&source)?;
    let live = LiveView::new(source.label());
    if let Some(addr) = cli.http {
        let bound = live::serve(addr, live.clone()).with_context(|| format!("web view on {addr}"))?;
        tracing::info!("live view at http://{bound}/");
    }
    let mut verifier = StreamVerifier::new(trust);
    let mut out = Output::default();
    let deadline = cli.seconds.map(|s| Instant::now() + Duration::from_secs_f64(s));
    let (mut verified, mut anomalies) = (0u64, 0u64);
    let mut emit = |verdicts: Vec<Verdict>, out: &mut Output| -> anyhow::Result<()> {
        for v in verdicts {
            let report = match &v {
                Verdict::Verified { n, chain, trace, key_id, .. } => {
                    verified += 1;
                    live.update(|s| {
                        s.verified = true;
                        s.line = format!("VERIFIED  key {key_id}  chain {chain} #{n}  trace {trace}");
                        s.frames_verified = verified;
                    });
                    (verified - 1) % cli.every.max(1) == 0
                }
                other => {
                    anomalies += 1;
                    let described = serde_json::to_value(other)?;
                    let kind = described["kind"].as_str().unwrap_or("anomaly").to_owned();
                    live.update(|s| {
                        s.verified = false;
                        s.line = format!("BROKEN  {kind}");
                        s.anomalies = anomalies;
                        s.last_anomaly = Some(described.to_string());
                    });
                    true
                }
            };
            if !report {
                continue;
            }
            let mut spec = MessageSpec::event(Performative::Inform, "ndi-view", &v)?;
            let event = if v.is_anomaly() { "ndi.anomaly" } else { "ndi.verified" };
            spec.content.insert("event".into(), event.into());
            spec.content.insert("source".into(), source.label().into());
            if let Verdict::Verified { trace, .. } = &v {
                spec.trace_id = message::is_trace_id(trace).then(|| trace.clone());
            }
            if v.is_anomaly() {
                spec.hazard = Some(crate::message::Hazard {
                    kind: Some(crate::message::HazardType::Safety),
                    severity: Some(crate::message::Level::High),
                    auto_escalate: Some(false),
                    rationale: Some(format!(
                        "evidence stream {}: {}",
                        source.label(),
                        spec.content.get("kind").and_then(Value::as_str).unwrap_or("")
                    )),
                    ..Default::default()
                });
            }
            out.json(&factory.build(spec, now_millis())?)?;
        }
        out.flush()?;
        Ok(())
    };
    // Stopping (at --seconds) is our choice, not the sender's: frames already in flight get up
    // to 500 ms for their other half, so the last one is not reported unsigned; later ones are
    // not ours to judge. `stopping` holds the newest timecode judged and the drain's deadline.
    let mut stopping: Option<(Option<i64>, Instant)> = None;
    loop {
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
            Received::Video { width, height, bgra, timecode, .. } if wanted(timecode) => {
                let verdicts = verifier.video(timecode, &bgra, width, height);
                // The frame is shown with the status it left, once its verdicts are in.
                emit(verdicts, &mut out)?;
                live.show_frame(width, height, bgra);
            }
            Received::Metadata { xml, timecode } if wanted(timecode) => {
                let verdicts = verifier.metadata(timecode, &xml);
                emit(verdicts, &mut out)?;
            }
            _ => {}
        }
    }
    let verdicts = verifier.finish();
    emit(verdicts, &mut out)?;
    live.finish();
    if let Some(path) = &cli.snapshot {
        std::fs::write(path, live.png()).with_context(|| path.display().to_string())?;
    }
    factory.finish()?;
    tracing::info!("{verified} frames verified, {anomalies} anomalies");
    Ok(if anomalies > 0 || verified == 0 { EXIT_REJECTED } else { EXIT_OK })
}
