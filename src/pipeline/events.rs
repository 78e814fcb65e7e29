//! The event writer: the one place a tool's output leaves it. It owns the message factory (key
//! and sequence numbers), stdout and a signing thread, so signing never sits on the path of the
//! work (packets, frames) that produced the event.
//!
//! **Audit loss is never silent.** When stdout fails (the consumer, say `if-witness append`,
//! died), a server tool stops admitting new work, finishes what is in flight, says so on stderr
//! and exits 3 ([`OnOutputLoss::Stop`], the default); `--on-audit-loss continue` keeps serving
//! and warns at least once a minute that events are not being recorded. Filters (`if-msg`) end
//! quietly with success when their reader goes away (`| head`), as Unix filters do.
//!
//! The queue to the signing thread is bounded: a consumer slower than the tool, for long, slows
//! the tool to its pace rather than holding unlogged work in memory.

use super::PipelineError;
use crate::message::{Event, MessageFactory, MessageSpec};
use crate::time::now_millis;
use serde_json::Value;
use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What a tool does when its output can no longer be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OnOutputLoss {
    /// Stop admitting work, drain, exit 3: a server whose events cannot be recorded stops.
    #[default]
    Stop,
    /// Keep serving without a record, warning at least once a minute.
    Continue,
    /// The reader went away (a closed pipe): end quietly with success. For filters only; any
    /// other write error is still an error.
    EndQuietly,
}

/// How often a tool serving on without its event stream says so.
pub const LOSS_WARNING_EVERY: Duration = Duration::from_secs(60);

/// Queued outputs before `emit` waits for the signing thread.
const QUEUE: usize = 16 * 1024;

enum Outgoing {
    Spec(Box<MessageSpec>),
    Line(Vec<u8>),
}

#[derive(Default)]
struct Loss {
    lost: AtomicBool,
    broken_pipe: AtomicBool,
    reason: Mutex<Option<String>>,
    dropped: AtomicU64,
}

/// What the signing thread hands back when it is done.
struct Finished {
    factory: Option<MessageFactory>,
    written: u64,
}

/// Signs and writes events and lines, in the order they are given, on a thread of its own.
///
/// ```
/// use ifconnect::pipeline::{EventWriter, OnOutputLoss};
///
/// let out = EventWriter::to(Box::new(std::io::sink()), None, "demo", OnOutputLoss::Stop);
/// out.line(br#"{"passed":"through"}"#.to_vec());
/// assert!(out.admitting());
/// assert_eq!(out.finish().unwrap(), 1, "lines written");
/// ```
pub struct EventWriter {
    tx: Option<SyncSender<Outgoing>>,
    thread: Option<JoinHandle<Finished>>,
    loss: Arc<Loss>,
    policy: OnOutputLoss,
    workflow: String,
}

impl EventWriter {
    /// A writer to stdout. `factory` signs events (none for tools that only pass lines on);
    /// `workflow` is the scope of every event (the tool, e.g. `sip-proxy`).
    pub fn stdout(factory: Option<MessageFactory>, workflow: &str, policy: OnOutputLoss) -> Self {
        Self::to(Box::new(io::stdout()), factory, workflow, policy)
    }

    /// A writer to any output (tests give it one that fails).
    pub fn to(
        out: Box<dyn Write + Send>,
        factory: Option<MessageFactory>,
        workflow: &str,
        policy: OnOutputLoss,
    ) -> Self {
        let (tx, rx) = mpsc::sync_channel::<Outgoing>(QUEUE);
        let loss = Arc::new(Loss::default());
        let thread = {
            let loss = loss.clone();
            std::thread::spawn(move || sign_and_write(rx, out, factory, &loss, policy))
        };
        EventWriter { tx: Some(tx), thread: Some(thread), loss, policy, workflow: workflow.to_owned() }
    }

    /// Signs `event` as an IFMessage and writes it.
    pub fn emit(&self, event: &dyn Event) {
        self.spec(MessageSpec::from_event(event, &self.workflow));
    }

    /// Signs the message `spec` describes and writes it.
    pub fn spec(&self, spec: MessageSpec) {
        self.send(Outgoing::Spec(Box::new(spec)));
    }

    /// Writes `bytes` as one line, unchanged (a message passed through).
    pub fn line(&self, bytes: Vec<u8>) {
        self.send(Outgoing::Line(bytes));
    }

    /// Writes `value` in canonical form as one line.
    pub fn json(&self, value: &Value) {
        self.line(crate::json::canonical(value));
    }

    fn send(&self, item: Outgoing) {
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(item).is_ok());
        if !sent {
            self.loss.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// False once output was lost and the policy says to stop: take no new work.
    pub fn admitting(&self) -> bool {
        !self.loss.lost.load(Ordering::Relaxed) || self.policy == OnOutputLoss::Continue
    }

    /// Why output was lost, if it was.
    pub fn lost(&self) -> Option<String> {
        self.loss.reason.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Writes what is queued, stops the thread, returns unused sequence numbers. Output loss is
    /// an error unless the policy allows it; the count of lines written is returned.
    pub fn finish(mut self) -> Result<u64, PipelineError> {
        drop(self.tx.take());
        let done = self
            .thread
            .take()
            .expect("finish runs once")
            .join()
            .map_err(|_| PipelineError::Output("the event writer panicked".into()))?;
        if let Some(mut f) = done.factory {
            f.finish()?;
        }
        let Some(reason) = self.lost() else { return Ok(done.written) };
        let dropped = self.loss.dropped.load(Ordering::Relaxed);
        match self.policy {
            OnOutputLoss::Stop => Err(PipelineError::AuditLost { reason, dropped }),
            OnOutputLoss::Continue => {
                tracing::warn!("{dropped} event(s) were not recorded ({reason})");
                Ok(done.written)
            }
            OnOutputLoss::EndQuietly if self.loss.broken_pipe.load(Ordering::Relaxed) => Ok(done.written),
            OnOutputLoss::EndQuietly => Err(PipelineError::Output(reason)),
        }
    }
}

impl Drop for EventWriter {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn sign_and_write(
    rx: mpsc::Receiver<Outgoing>,
    out: Box<dyn Write + Send>,
    mut factory: Option<MessageFactory>,
    loss: &Loss,
    policy: OnOutputLoss,
) -> Finished {
    let mut out = BufWriter::with_capacity(64 * 1024, out);
    // Lines flushed, and lines in the buffer (lost with it if the flush fails).
    let mut written = 0u64;
    let mut buffered = 0u64;
    let mut warned_at: Option<Instant> = None;
    let lose = |why: String, broken_pipe: bool| {
        if loss.lost.swap(true, Ordering::Relaxed) {
            return;
        }
        loss.broken_pipe.store(broken_pipe, Ordering::Relaxed);
        match policy {
            OnOutputLoss::Stop => {
                tracing::error!("event stream lost ({why}): no longer admitting work; finishing what is in flight")
            }
            OnOutputLoss::Continue => tracing::error!(
                "event stream lost ({why}): serving on (--on-audit-loss continue); events are NOT being recorded"
            ),
            OnOutputLoss::EndQuietly if broken_pipe => tracing::debug!("stdout closed; stopping"),
            OnOutputLoss::EndQuietly => tracing::error!("writing stdout: {why}"),
        }
        *loss.reason.lock().unwrap_or_else(|e| e.into_inner()) = Some(why);
    };
    let io_loss = |e: &io::Error| (format!("stdout: {e}"), e.kind() == io::ErrorKind::BrokenPipe);
    loop {
        // While serving on without a record, wake up at least once a minute to say so.
        let wait = match (loss.lost.load(Ordering::Relaxed), warned_at) {
            (true, Some(at)) => Some(LOSS_WARNING_EVERY.saturating_sub(at.elapsed())),
            (true, None) => Some(Duration::ZERO),
            _ => None,
        };
        let first = match wait {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(w) => rx.recv_timeout(w),
        };
        let mut item = match first {
            Ok(item) => item,
            Err(RecvTimeoutError::Timeout) => {
                if policy == OnOutputLoss::Continue {
                    let dropped = loss.dropped.load(Ordering::Relaxed);
                    tracing::warn!("event stream still lost: {dropped} event(s) not recorded so far");
                }
                warned_at = Some(Instant::now());
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        // Everything already queued goes out in one flush: real time when idle, batched under load.
        loop {
            if loss.lost.load(Ordering::Relaxed) {
                loss.dropped.fetch_add(1, Ordering::Relaxed);
            } else {
                let bytes = match item {
                    Outgoing::Line(b) => Ok(b),
                    Outgoing::Spec(spec) => match factory.as_mut() {
                        Some(f) => {
                            f.build(*spec, now_millis()).map(|v| crate::json::canonical(&v)).map_err(|e| e.to_string())
                        }
                        None => Err("no key to sign events with".to_owned()),
                    },
                };
                match bytes {
                    Ok(b) => match out.write_all(&b).and_then(|_| out.write_all(b"\n")) {
                        Ok(()) => buffered += 1,
                        Err(e) => {
                            let (why, pipe) = io_loss(&e);
                            lose(why, pipe);
                        }
                    },
                    Err(why) => lose(format!("signing: {why}"), false),
                }
            }
            match rx.try_recv() {
                Ok(next) => item = next,
                Err(TryRecvError::Empty) | Err(TryRecvError::Disconnected) => break,
            }
        }
        flush(&mut out, &mut written, &mut buffered, loss, &lose);
    }
    flush(&mut out, &mut written, &mut buffered, loss, &lose);
    Finished { factory, written }
}

/// Flushes `out`; what a failed flush held counts as dropped.
fn flush(out: &mut impl Write, written: &mut u64, buffered: &mut u64, loss: &Loss, lose: &dyn Fn(String, bool)) {
    if loss.lost.load(Ordering::Relaxed) {
        loss.dropped.fetch_add(std::mem::take(buffered), Ordering::Relaxed);
        return;
    }
    match out.flush() {
        Ok(()) => *written += std::mem::take(buffered),
        Err(e) => {
            loss.dropped.fetch_add(std::mem::take(buffered), Ordering::Relaxed);
            lose(format!("stdout: {e}"), e.kind() == io::ErrorKind::BrokenPipe);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// Accepts `ok` writes, then fails like a closed pipe.
    struct ClosesAfter {
        ok: Arc<AtomicUsize>,
        seen: Arc<Mutex<Vec<u8>>>,
    }

    impl Write for ClosesAfter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.ok.load(Ordering::SeqCst) == 0 {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            self.seen.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            if self.ok.load(Ordering::SeqCst) == 0 {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            Ok(())
        }
    }

    fn writer(policy: OnOutputLoss) -> (EventWriter, Arc<AtomicUsize>, Arc<Mutex<Vec<u8>>>) {
        let ok = Arc::new(AtomicUsize::new(1));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let out = ClosesAfter { ok: ok.clone(), seen: seen.clone() };
        (EventWriter::to(Box::new(out), None, "test", policy), ok, seen)
    }

    /// Waits (bounded) for the writer thread to notice.
    fn until(mut f: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !f() {
            assert!(Instant::now() < deadline, "condition never held");
            std::thread::yield_now();
        }
    }

    #[test]
    fn lines_are_written_in_order() {
        let (w, _, seen) = writer(OnOutputLoss::Stop);
        for i in 0..1000 {
            w.line(format!("{i}").into_bytes());
        }
        assert_eq!(w.finish().unwrap(), 1000);
        let text = String::from_utf8(seen.lock().unwrap().clone()).unwrap();
        assert_eq!(text.lines().map(|l| l.parse::<u32>().unwrap()).collect::<Vec<_>>(), (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn a_closed_stdout_stops_a_server_with_audit_loss() {
        let (w, ok, _) = writer(OnOutputLoss::Stop);
        ok.store(0, Ordering::SeqCst);
        assert!(w.admitting());
        w.line(b"second".to_vec());
        until(|| !w.admitting());
        w.line(b"third".to_vec());
        assert!(w.lost().unwrap().to_lowercase().contains("broken pipe"), "{:?}", w.lost());
        match w.finish() {
            Err(PipelineError::AuditLost { reason, dropped }) => {
                assert!(reason.starts_with("stdout: "), "{reason}");
                assert!(dropped >= 1, "{dropped}");
            }
            other => panic!("expected audit loss, got {other:?}"),
        }
    }

    #[test]
    fn continue_keeps_admitting_and_filters_end_quietly() {
        let (w, ok, _) = writer(OnOutputLoss::Continue);
        ok.store(0, Ordering::SeqCst);
        w.line(b"x".to_vec());
        until(|| w.lost().is_some());
        assert!(w.admitting());
        assert!(w.finish().is_ok());
        let (w, ok, _) = writer(OnOutputLoss::EndQuietly);
        ok.store(0, Ordering::SeqCst);
        w.line(b"x".to_vec());
        until(|| !w.admitting());
        assert_eq!(w.finish().unwrap(), 0);
    }

    #[test]
    fn an_event_without_a_key_is_a_loss_not_a_silent_drop() {
        let (w, _, _) = writer(OnOutputLoss::Stop);
        w.spec(MessageSpec::new(
            crate::message::Performative::Inform,
            "if://agent/x",
            crate::message::default_scope("t"),
        ));
        assert!(matches!(w.finish(), Err(PipelineError::AuditLost { .. })));
    }
}
