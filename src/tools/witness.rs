//! `if-witness append`: IFMessages from stdin into the log, checked in batches on every core,
//! checkpointed by count and by time.

use super::rejected_or_ok;
use crate::keys::TrustStore;
use crate::message::ReplayError;
use crate::pipeline::Rejection;
use crate::pipeline::{self, EventWriter, IncomingCheck, Intake, OnError, OnOutputLoss, StdinLine, Wait};
use crate::time::format_rfc3339;
use crate::time::now_millis;
use crate::tools::Rejected;
use crate::witness::dedup::{MessageId, Recent, MAX_SKEW_MS};
use crate::witness::{CheckpointPolicy, Store, StoreError};
use std::time::{Duration, Instant};

/// Verification failures are a negative answer (exit 1); I/O problems are errors (exit 2).
pub fn classify(e: StoreError) -> anyhow::Error {
    match e.log_error() {
        Some(_) => Rejected(e.to_string()).into(),
        None => e.into(),
    }
}

/// What the log refuses of a verified message: one that has expired or is not yet sent (the
/// clock skew `verify` allows, 60 s), and a copy of one it holds (the same nonce from the same
/// key) or of one earlier in this batch. Memory: only messages within their lifetime are kept.
fn admit(store: &Store, in_batch: &mut Recent, canonical: Vec<u8>, now: i64) -> Result<Vec<u8>, Rejection> {
    let Some(id) = MessageId::of_canonical(&canonical) else { return Ok(canonical) };
    let refused = |e: ReplayError| Err(Rejection::Message(e.into()));
    if now > id.expires() {
        return refused(ReplayError::Expired {
            sent: format_rfc3339(id.sent),
            ttl: id.ttl,
            expired_at: format_rfc3339(id.expires()),
        });
    }
    if id.sent > now + MAX_SKEW_MS {
        return refused(ReplayError::FromFuture { sent: format_rfc3339(id.sent), skew_s: MAX_SKEW_MS as u64 / 1000 });
    }
    if let Some(first) = store.holds(&id, now) {
        return Err(Rejection::Refused(format!(
            "duplicate message: the same nonce signed by the same key as entry {first}"
        )));
    }
    if in_batch.holds(&id, now).is_some() {
        return Err(Rejection::Refused(
            "duplicate message: the same nonce signed by the same key as a line before it".into(),
        ));
    }
    in_batch.record(0, &id).expect("appending never reports");
    Ok(canonical)
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
        let now = now_millis();
        let mut in_batch = crate::witness::dedup::Recent::appending(now);
        let mut good: Vec<Vec<u8>> = Vec::with_capacity(batch.len());
        let mut good_lines: Vec<u64> = Vec::with_capacity(batch.len());
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
            match verdict.and_then(|canonical| admit(&store, &mut in_batch, canonical, now)) {
                Ok(canonical) => {
                    good.push(canonical);
                    good_lines.push(number);
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
            // Copies another appender wrote meanwhile are found under the log's lock.
            for i in store.append(&good, policy).map_err(classify)?.duplicates {
                intake
                    .reject(good_lines[i], &"duplicate message: the log already holds it (another appender wrote it)");
            }
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

/// `if-witness audit`: every log verified and read, the rules checked over them together, the
/// report written in `format`. 0 when IF.TTT holds, 1 (a negative answer) when a rule fails; each
/// failing rule is also one line on stderr, whatever the format.
pub fn audit(
    paths: &[std::path::PathBuf],
    trust: &TrustStore,
    format: crate::witness::audit_report::AuditFormat,
    threads: usize,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<u8> {
    use crate::witness::{audit, audit_report};
    for p in paths {
        std::fs::metadata(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
    }
    let logs = audit::load(paths, trust, threads);
    let report = audit::audit(&logs, trust);
    audit_report::write(&report, &logs, format, out)?;
    if report.holds() {
        tracing::info!("IF.TTT holds over {} log(s), {} trace(s)", logs.len(), report.traces.len());
        Ok(super::EXIT_OK)
    } else {
        if format != audit_report::AuditFormat::Text {
            for f in &report.findings {
                tracing::warn!("{}: {}: {}", f.rule, f.log, f.detail);
            }
        }
        Ok(super::EXIT_REJECTED)
    }
}
