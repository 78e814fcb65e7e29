//! Plumbing shared by the binaries: clap definitions (one module per binary), logging to stderr,
//! exit codes, broken pipes, progress bars and JSONL output.
//!
//! Exit codes, for every binary: 0 success; 1 a negative answer (an input was rejected, a log or
//! proof failed verification); 2 usage, I/O or configuration error. A closed stdout (`| head`)
//! ends the program quietly with 0.

pub mod msg;
pub mod ndi;
pub mod sip;
pub mod witness;

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::process::ExitCode;
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::fmt::{format::Writer, FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

pub const EXIT_OK: u8 = 0;
pub const EXIT_REJECTED: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// `if-msg: error: ...` on one line; colour only on a terminal without `NO_COLOR`.
struct OneLine {
    bin: &'static str,
    color: bool,
}

impl<S, N> FormatEvent<S, N> for OneLine
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(&self, ctx: &FmtContext<'_, S, N>, mut w: Writer<'_>, event: &Event<'_>) -> std::fmt::Result {
        let (label, color) = match *event.metadata().level() {
            Level::ERROR => ("error: ", "31"),
            Level::WARN => ("warning: ", "33"),
            Level::INFO => ("", ""),
            Level::DEBUG => ("debug: ", "2"),
            Level::TRACE => ("trace: ", "2"),
        };
        write!(w, "{}: ", self.bin)?;
        if self.color && !color.is_empty() {
            write!(w, "\x1b[{color}m{label}\x1b[0m")?;
        } else {
            write!(w, "{label}")?;
        }
        ctx.field_format().format_fields(w.by_ref(), event)?;
        writeln!(w)
    }
}

pub fn color_enabled() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Logs go to stderr; `IF_LOG` = error|warn|info|debug|trace|off (default info).
pub fn init_logging(bin: &'static str) {
    let level = match std::env::var("IF_LOG").unwrap_or_default().to_ascii_lowercase().as_str() {
        "off" => tracing_subscriber::filter::LevelFilter::OFF,
        "error" => Level::ERROR.into(),
        "warn" => Level::WARN.into(),
        "debug" => Level::DEBUG.into(),
        "trace" => Level::TRACE.into(),
        _ => Level::INFO.into(),
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_max_level(level)
        .event_format(OneLine { bin, color: color_enabled() })
        .try_init();
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

/// Runs a binary's body: logs the error chain on one line and maps outcomes to exit codes.
pub fn run(bin: &'static str, body: impl FnOnce() -> anyhow::Result<u8>) -> ExitCode {
    init_logging(bin);
    match body() {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            tracing::error!("{e:#}");
            ExitCode::from(e.downcast_ref::<Rejected>().map_or(EXIT_ERROR, |_| EXIT_REJECTED))
        }
    }
}

/// An error that means "the input was checked and is bad" (exit 1), not "could not check" (2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Rejected(pub String);

pub fn progress_bar(total: u64, what: &'static str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(total);
    let style =
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(what);
    bar
}

/// Whether to draw progress: only for a person watching a terminal.
pub fn want_progress() -> bool {
    io::stderr().is_terminal()
}

/// Buffered JSONL on stdout.
pub struct Output {
    w: BufWriter<Stdout>,
}

impl Default for Output {
    fn default() -> Self {
        Output { w: BufWriter::with_capacity(64 * 1024, io::stdout()) }
    }
}

impl Output {
    /// Writes `value` in canonical form as one line.
    pub fn json(&mut self, value: &serde_json::Value) -> io::Result<()> {
        self.w.write_all(&crate::json::canonical(value))?;
        self.w.write_all(b"\n")
    }

    /// Writes an input line unchanged.
    pub fn line(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.w.write_all(b"\n")
    }

    pub fn text(&mut self, s: &str) -> io::Result<()> {
        self.w.write_all(s.as_bytes())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.w
    }
}

/// Parses `k=v,k=v` option lists used by `--hazard`, `--scope` and `--provenance`.
pub fn key_values(text: &str) -> Result<Vec<(String, String)>, String> {
    text.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            p.split_once('=')
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                .ok_or_else(|| format!("`{p}` is not key=value"))
        })
        .collect()
}
