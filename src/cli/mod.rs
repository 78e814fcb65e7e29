//! The command-line layer: clap definitions (one module per binary), turning arguments into the
//! options of [`crate::tools`] and calling it; logging to stderr, the exit code of an error,
//! progress bars. What a tool does lives in [`crate::tools`] and the layers below it.
//!
//! Exit codes, for every binary: 0 success; 1 a negative answer (an input was rejected, a log or
//! proof failed verification); 2 usage, I/O or configuration error; 3 a server's event stream
//! was lost (audit loss: it stopped admitting work). A closed stdout (`| head`) ends a filter
//! quietly with 0.

pub mod gk;
pub mod gw;
pub mod mcu;
pub mod mesh;
pub mod msg;
pub mod ndi;
pub mod sip;
pub mod witness;

pub use crate::tools::{rejected_or_ok, Output, Rejected, EXIT_AUDIT_LOSS, EXIT_ERROR, EXIT_OK, EXIT_REJECTED};

use crate::pipeline::{OnError, OnOutputLoss, PipelineError};
use crate::sip::digest::Algorithm;
use crate::witness::audit_report::AuditFormat;
use crate::witness::query::{CostBy, ExportFormat, TextOrJson};
use crate::wrap::WrapFormat;
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::fmt::{format::Writer, FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

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

fn is_audit_loss(err: &anyhow::Error) -> bool {
    err.chain().any(|e| matches!(e.downcast_ref::<PipelineError>(), Some(PipelineError::AuditLost { .. })))
}

/// Runs a binary's body: logs the error chain on one line and maps outcomes to exit codes.
pub fn run(bin: &'static str, body: impl FnOnce() -> anyhow::Result<u8>) -> ExitCode {
    init_logging(bin);
    match body() {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_audit_loss(&e) => {
            tracing::error!("{e:#}");
            ExitCode::from(EXIT_AUDIT_LOSS)
        }
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            tracing::error!("{e:#}");
            ExitCode::from(e.downcast_ref::<Rejected>().map_or(EXIT_ERROR, |_| EXIT_REJECTED))
        }
    }
}

/// A progress bar on stderr for long work over `what`, given as (done, total) bytes; only for a
/// person watching a terminal (none when stderr is not one). It clears itself when dropped.
pub fn progress(what: &'static str) -> Option<Box<dyn FnMut(u64, u64)>> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    let style =
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(what);
    let bar = ClearOnDrop(bar);
    Some(Box::new(move |done, total| {
        bar.0.set_length(total);
        bar.0.set_position(done);
        if done >= total {
            bar.0.finish_and_clear();
        }
    }))
}

struct ClearOnDrop(indicatif::ProgressBar);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// `--on-audit-loss`: what a server does when its event stream (stdout) fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum AuditLossArg {
    /// Stop admitting new work, finish what is in flight, exit 3.
    #[default]
    Stop,
    /// Keep serving, unrecorded, with a warning at least once a minute.
    Continue,
}

impl From<AuditLossArg> for OnOutputLoss {
    fn from(a: AuditLossArg) -> Self {
        match a {
            AuditLossArg::Stop => OnOutputLoss::Stop,
            AuditLossArg::Continue => OnOutputLoss::Continue,
        }
    }
}

/// clap's `ValueEnum` for a library enum, so the library needs no clap derive: variant, the
/// value's name on the command line, its help.
macro_rules! value_enum {
    ($t:ident { $($v:ident => $name:literal : $help:literal),+ $(,)? }) => {
        impl clap::ValueEnum for $t {
            fn value_variants<'a>() -> &'a [Self] {
                &[$($t::$v),+]
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                let (name, help) = match self {
                    $($t::$v => ($name, $help)),+
                };
                let value = clap::builder::PossibleValue::new(name);
                Some(if help.is_empty() { value } else { value.help(help) })
            }
        }
    };
}

value_enum!(OnError {
    Fail => "fail": "Stop at the first bad line and exit non-zero",
    Skip => "skip": "Report the line on stderr, skip it, carry on, and exit non-zero at the end",
});
value_enum!(WrapFormat {
    Yologuard => "yologuard": "IF.yologuard `--json`: a JSON array of detections",
    Sarif => "sarif": "SARIF 2.1.0 log (runs[].results[])",
    Json => "json": "Any JSON object per line, carried as `content`",
});
value_enum!(TextOrJson {
    Text => "text": "",
    Json => "json": "",
});
value_enum!(CostBy {
    Sender => "sender": "The message's sender agent",
    Component => "component": "`content.component`, as InfraFabric's witness groups",
});
value_enum!(Algorithm {
    Sha256 => "sha-256": "SHA-256 (RFC 8760)",
    Md5 => "md5": "MD5, for user agents without SHA-256",
});
value_enum!(AuditFormat {
    Text => "text": "One line per finding, then the verdict",
    Json => "json": "One JSON object: the verdict per pillar, the traces, the findings, the rules",
    Html => "html": "One page: each incident as a timeline across the protocols, failing rules marked",
});
value_enum!(ExportFormat {
    Json => "json": "One JSON array of entries",
    Jsonl => "jsonl": "One entry per line",
    Csv => "csv": "RFC 4180 CSV, one row per entry",
});

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
