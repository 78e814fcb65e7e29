//! The shared pipeline layer: how every tool takes JSONL in and puts signed events out.
//!
//! - [`stdin`]: stdin as numbered lines on a thread of its own, feeding an [`Inbox`] that may
//!   also carry the tool's packets, so one loop waits for whichever comes first, or a deadline.
//! - [`intake`]: the `--on-error` rule for bad lines and the one verify-or-reject step for
//!   incoming IFMessages (schema, signature, trust registry, replay state).
//! - [`events`]: the event writer (message factory, stdout, signing thread) behind the
//!   [`Event`](crate::message::Event) trait, and the audit-loss rule.
//!
//! The rules every tool follows, in one place:
//! - an I/O error reading stdin is fatal (exit 2);
//! - a bad line is reported as `stdin:N: reason` and handled per `--on-error` (fail: stop,
//!   keeping what came before; skip: go on, exit 1 at the end);
//! - a server whose event stream dies stops admitting work and exits 3 unless told
//!   `--on-audit-loss continue`; a filter whose reader goes away ends quietly with 0.
//!
//! `docs/architecture.md` shows how a new protocol tool is wired from these parts.

pub mod events;
pub mod intake;
pub mod stdin;

pub use crate::inbox::{Feed, Inbox, Wait};
pub use events::{EventWriter, OnOutputLoss};
pub use intake::{parse_line, IncomingCheck, Intake, OnError, Rejection, Rejects, Verified};
pub use stdin::{spawn_stdin, stdin_lines, StdinLine};

/// Why a tool's pipeline stopped short.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    #[error("reading stdin: {0}")]
    Stdin(std::io::Error),
    /// The event stream of a server tool failed: the audit trail is incomplete (exit 3).
    #[error("event stream lost ({reason}); stopped admitting work ({dropped} event(s) not recorded)")]
    AuditLost { reason: String, dropped: u64 },
    /// Output failed (the reason names what: `stdout: ...`, `signing: ...`).
    #[error("{0}")]
    Output(String),
    #[error(transparent)]
    Keys(#[from] crate::keys::Error),
}

/// What a filter does with each good line: `Ok(Ok(()))` to go on, `Ok(Err(reason))` to reject
/// the line, `Err` to stop the whole run.
pub type LineVerdict = Result<Result<(), Rejection>, PipelineError>;

/// Runs a filter over stdin: `each` gets every good line with its number; bad lines and
/// rejections follow `on_error`; reading stops early when the writer stops admitting (its
/// reader went away). Returns whether any line was rejected.
pub fn filter_stdin(
    max_line: usize,
    on_error: OnError,
    writer: &EventWriter,
    mut each: impl FnMut(u64, Vec<u8>) -> LineVerdict,
) -> Result<bool, PipelineError> {
    let inbox = stdin_lines(max_line);
    let mut intake = Intake::new(on_error);
    while writer.admitting() && !intake.ended() {
        let Wait::Input(item) = inbox.wait_until(None) else { break };
        let Some((number, bytes)) = intake.take(item) else { continue };
        if let Err(reason) = each(number, bytes)? {
            intake.reject(number, &reason);
        }
    }
    intake.finish()
}
