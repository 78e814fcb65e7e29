//! `if-ndi-pub`: evidence video over NDI, every frame carrying a signed hash-chain record.

use super::AuditLossArg;
use crate::keys::{SecretKey, TrustStore};
use crate::ndi::board::MAX_SOURCES;
use crate::ndi::publish::PublishOptions;
use crate::ndi::view::ViewOptions;
use crate::ndi::Runtime;
use crate::pipeline::OnError;
use crate::tools;
use anyhow::Context;
use clap::Parser;
use std::path::PathBuf;
use std::time::Duration;

const EXAMPLES: &str = "\
Examples:
  if-msg wrap --from yologuard --key scan.key < findings.json | if-ndi-pub --name evidence --key scan.key
  if-ndi-pub --name evidence --key scan.key --size 1920x1080 --fps 30 < events.jsonl | if-witness append ndi.log --key w.key

The NDI runtime is loaded at run time from $NDI_RUNTIME_DIR_V6 (libndi.so.6); scripts/setup
installs one. Receivers find the source on the local machine, by NDI's extra-IPs setting, at a
discovery server (--discovery), or directly at the port this tool logs (if-ndi-view --source IP:PORT).

Exit status: 0 ok, 1 an input line was rejected, 2 usage, key, runtime or I/O error, 3 the
event stream (stdout) was lost, so publishing stopped.";

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
    /// When the event stream (stdout) fails: stop the stream and exit 3, or continue.
    #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
    pub on_audit_loss: AuditLossArg,
}

pub fn publish(cli: PubCli) -> anyhow::Result<u8> {
    let rt = Runtime::load_with_discovery(cli.discovery.as_deref())?;
    tracing::info!("NDI runtime {} ({})", rt.version, rt.path.display());
    let opts = PublishOptions {
        name: cli.name,
        width: cli.size.0,
        height: cli.size.1,
        fps: cli.fps,
        frames: cli.frames,
        linger: Duration::from_secs_f64(cli.linger.max(0.0)),
        wait_receiver: Duration::from_secs_f64(cli.wait_receiver.max(0.0)),
    };
    tools::ndi::publish(
        &rt,
        SecretKey::load(&cli.key)?,
        TrustStore::load_all(&cli.trust)?,
        opts,
        cli.on_audit_loss.into(),
    )
}

const VIEW_EXAMPLES: &str = "\
Examples:
  if-ndi-view --source evidence --trust trusted_keys --key viewer.key | if-witness append view.log --key w.key
  if-ndi-view --source evidence --trust trusted_keys --key viewer.key --seconds 10 --snapshot last.png
  if-ndi-view --source 127.0.0.1:5961 --trust trusted_keys --key viewer.key --http 8080   # open http://127.0.0.1:8080/

Events (signed IFMessages on stdout): ndi.verified every --every frames, and every anomaly at
once: tampered_pixels, tampered_metadata, bad_signature, unknown_key, gap (with the count of
missing frames), unsigned (a frame without a record of ours), chain_broken, chain_restart.

Exit status: 0 the stream verified, 1 an anomaly was seen, 2 usage, key, runtime or I/O error,
3 the event stream (stdout) was lost, so viewing stopped.";

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
    /// When the event stream (stdout) fails: stop viewing and exit 3, or continue.
    #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
    pub on_audit_loss: AuditLossArg,
}

fn parse_http_addr(s: &str) -> Result<std::net::SocketAddr, String> {
    let s = s.strip_prefix(':').unwrap_or(s);
    if let Ok(port) = s.parse::<u16>() {
        return Ok(std::net::SocketAddr::from(([127, 0, 0, 1], port)));
    }
    s.parse().map_err(|_| "expected PORT or IP:PORT, e.g. 8080 or 127.0.0.1:8080".to_owned())
}

pub fn view(cli: ViewCli) -> anyhow::Result<u8> {
    let rt = Runtime::load_with_discovery(cli.discovery.as_deref())?;
    let source = tools::ndi::find_source(&rt, &cli.source, &cli.extra_ips, cli.discovery.as_deref())?;
    let opts = ViewOptions {
        every: cli.every,
        run_for: cli.seconds.map(|s| Duration::from_secs_f64(s.max(0.0))),
        keep_frames: cli.http.is_some() || cli.snapshot.is_some(),
    };
    tools::ndi::view(
        &rt,
        &source,
        tools::ndi::ViewRun {
            key: SecretKey::load(&cli.key)?,
            trust: TrustStore::load_all(&cli.trust)?,
            opts,
            http: cli.http,
            snapshot: cli.snapshot,
            on_audit_loss: cli.on_audit_loss.into(),
        },
    )
}

const BOARD_EXAMPLES: &str = "\
Examples:
  if-mcu ... | tee council.jsonl | if-ndi-board --name council --key board.key --trust trusted_keys --source evidence
  if-ndi-board --name council --key board.key --trust trusted_keys --council if://agent/mcu \\
      --source 127.0.0.1:5961 --source 127.0.0.1:5963 < council.jsonl | if-witness append board.log --key w.key

Tiles (4x4): one per evidence stream (its latest picture; border green while it verifies, red
once it showed an anomaly, grey before its first frame), the council (lock, the vote, the
decision), then one per participant (alias, role, talking, muted, their vote); participants that
do not fit are counted on the last tile.

Events (signed IFMessages on stdout): ndi.board when the tiles change (with the first frame
that shows them), and each evidence stream's verdicts as if-ndi-view reports them: ndi.anomaly at
once, ndi.verified every --every frames.

Exit status: 0 ok, 1 an input line was rejected or an evidence stream showed an anomaly, 2
usage, key, runtime or I/O error, 3 the event stream (stdout) was lost, so publishing stopped.";

#[derive(Parser, Debug)]
#[command(name = "if-ndi-board", version, about = "Compose the council's events and its evidence streams into one NDI board (4x4 tiles) with a signed hash chain in every frame", after_help = BOARD_EXAMPLES)]
pub struct BoardCli {
    /// NDI source name of the board.
    #[arg(long)]
    pub name: String,
    /// Key that signs every frame's chain record and the board's events.
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
    /// Trusted keys: the council's events and the evidence streams' frames must verify against them.
    #[arg(long, value_name = "FILE", required = true)]
    pub trust: Vec<PathBuf>,
    /// Only events from this sender (the MCU's agent) go on the board; without, any trusted sender's.
    #[arg(long, value_name = "AGENT")]
    pub council: Option<String>,
    /// Evidence stream to show (repeatable, at most 15): its NDI name (`NAME`, or the full
    /// `HOST (NAME)`), or its address `IP:PORT` to connect directly, without discovery.
    #[arg(long, required = true)]
    pub source: Vec<String>,
    /// Board size.
    #[arg(long, default_value = "1280x720", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Frames per second; the board is re-composed at most once a frame, when something changed.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=60))]
    pub fps: u32,
    /// Keep the board on the air this long after the end of input, in seconds.
    #[arg(long, default_value_t = 5.0)]
    pub linger: f64,
    /// Report every Nth verified frame of each stream (anomalies are always reported).
    #[arg(long, default_value_t = 150)]
    pub every: u64,
    /// What to do with an input line that is not a verified IFMessage.
    #[arg(long, value_enum, default_value_t = OnError::Skip)]
    pub on_error: OnError,
    /// Where else to look for sources (NDI extra IPs, comma-separated).
    #[arg(long, default_value = "127.0.0.1")]
    pub extra_ips: String,
    /// NDI discovery server(s) to look for sources at and register with (`HOST[:PORT]`, comma-separated).
    #[arg(long, value_name = "HOST[:PORT]")]
    pub discovery: Option<String>,
    /// When the event stream (stdout) fails: stop the board and exit 3, or continue.
    #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
    pub on_audit_loss: AuditLossArg,
}

pub fn board(cli: BoardCli) -> anyhow::Result<u8> {
    if cli.source.len() > MAX_SOURCES {
        anyhow::bail!("at most {MAX_SOURCES} --source (one tile is the council's), not {}", cli.source.len());
    }
    let rt = Runtime::load_with_discovery(cli.discovery.as_deref())?;
    tracing::info!("NDI runtime {} ({})", rt.version, rt.path.display());
    let sources = cli
        .source
        .iter()
        .map(|s| tools::ndi::find_source(&rt, s, &cli.extra_ips, cli.discovery.as_deref()))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let opts = PublishOptions {
        name: cli.name,
        width: cli.size.0,
        height: cli.size.1,
        fps: cli.fps,
        frames: None,
        linger: Duration::from_secs_f64(cli.linger.max(0.0)),
        wait_receiver: Duration::ZERO,
    };
    tools::board::board(
        &rt,
        tools::board::BoardRun {
            key: SecretKey::load(&cli.key)?,
            trust: TrustStore::load_all(&cli.trust)?.context("--trust is required")?,
            council: cli.council,
            sources,
            opts,
            every: cli.every,
            on_error: cli.on_error,
            on_audit_loss: cli.on_audit_loss.into(),
        },
    )
}
