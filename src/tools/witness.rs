//! `if-witness append`: IFMessages from stdin into the log, checked in batches on every core,
//! checkpointed by count and by time.

use super::rejected_or_ok;
use crate::keys::TrustStore;
use crate::pipeline::{self, EventWriter, IncomingCheck, Intake, OnError, OnOutputLoss, StdinLine, Wait};
use crate::time::now_millis;
use crate::tools::Rejected;
use crate::witness::{CheckpointPolicy, Store, StoreError};
use std::time::{Duration, Instant};

/// Verification failures are a negative answer (exit 1); I/O problems are errors (exit 2).
pub fn classify(e: StoreError) -> anyhow::Error {
    match e.log_error() {
        Some(_) => Rejected(e.to_string()).into(),
        None => e.into(),
    }
}

/// Appends every message of stdin that verifies (against `trust` when given) to `store`,
/// passing each through to stdout when `passthrough`; bad lines follow `on_error`. Whatever was
/// appended is checkpointed before this returns, whatever ends the run.
pub fn append(
    mut store: Store,
    trust: Option<TrustStore>,
    policy: CheckpointPolicy,
    passthrough: bool,
    on_error: OnError,
    max_line: usize,
) -> anyhow::Result<u8> {
    // stdin on its own thread lets the loop wake up for time-based checkpoints while it is idle.
    let inbox = pipeline::stdin_lines(max_line);
    let check = IncomingCheck::new(trust);
    // The log is the job: when the pass-through's reader goes away, appending goes on.
    let out = passthrough.then(|| EventWriter::stdout(None, "witness-append", OnOutputLoss::EndQuietly));
    let mut intake = Intake::new(on_error);
    while !intake.ended() && !out.as_ref().is_some_and(EventWriter::failed) {
        let deadline = store
            .checkpoint_due_at(policy)
            .map(|due| Instant::now() + Duration::from_millis(due.saturating_sub(now_millis()).max(0) as u64));
        let first = match inbox.wait_until(deadline) {
            Wait::Input(item) => item,
            Wait::Deadline => {
                store.checkpoint().map_err(classify)?;
                continue;
            }
            Wait::Closed => break,
        };
        let mut batch = vec![first];
        while batch.len() < 1024 {
            match inbox.try_next() {
                Some(item) => batch.push(item),
                None => break,
            }
        }
        let lines: Vec<&[u8]> = batch
            .iter()
            .filter_map(|i| match i {
                StdinLine::Line { bytes, .. } => Some(bytes.as_slice()),
                _ => None,
            })
            .collect();
        let checked = check.check_batch(&lines);
        drop(lines);
        let mut checked = checked.into_iter();
        let mut good: Vec<Vec<u8>> = Vec::with_capacity(batch.len());
        let mut passed: Vec<Vec<u8>> = Vec::new();
        for item in batch {
            let is_line = matches!(item, StdinLine::Line { .. });
            let taken = intake.take(item);
            // One verdict per line, taken or not, so the two stay in step.
            let verdict = if is_line { checked.next() } else { None };
            let (Some((number, bytes)), Some(verdict)) = (taken, verdict) else {
                if intake.ended() {
                    break;
                }
                continue;
            };
            match verdict {
                Ok(canonical) => {
                    good.push(canonical);
                    if out.is_some() {
                        passed.push(bytes);
                    }
                }
                // Under --on-error fail this ends the input: what came before is kept.
                Err(reason) => intake.reject(number, &reason),
            }
            if intake.ended() {
                break;
            }
        }
        if !good.is_empty() {
            store.append(&good, policy).map_err(classify)?;
        }
        if let Some(o) = &out {
            passed.into_iter().for_each(|l| o.line(l));
        }
    }
    store.checkpoint().map_err(classify)?;
    store.sync().map_err(classify)?;
    tracing::debug!("{} entries, {} checkpoints", store.state.entries, store.state.checkpoints);
    if let Some(o) = out {
        o.finish()?;
    }
    Ok(rejected_or_ok(intake.finish()?))
}
