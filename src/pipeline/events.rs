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
//! The queue to the signing thread is bounded. A filter waits when it is full (backpressure: a
//! pipeline runs at the pace of its slowest stage). A server never waits on its event stream: a
//! queue that stays full ([`QUEUE`] events: the consumer stopped reading without closing the
//! pipe) is audit loss like a closed pipe, so a stalled consumer cannot freeze a server's loop.

use super::PipelineError;
use crate::message::{Event, MessageFactory, MessageSpec};
use crate::time::now_millis;
use serde_json::Value;
use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender, TryRecvError, TrySendError};
use std::sync::{Arc, Mutex};
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

/// Outputs queued for the signing thread; beyond, a filter waits and a server has lost its
/// event stream.
pub const QUEUE: usize = 16 * 1024;

enum Outgoing {
    Spec(Box<MessageSpec>),
    /// Events handed over together ([`EventWriter::events`]): one wake-up of the writer for
    /// all, their messages made on the writer's thread.
    Events(Vec<Box<dyn Event + Send>>),
    Line(Vec<u8>),
}

impl Outgoing {
    /// The events or lines it holds: what `queued` and `settled` count.
    fn items(&self) -> u64 {
        match self {
            Outgoing::Events(events) => events.len() as u64,
            Outgoing::Spec(_) | Outgoing::Line(_) => 1,
        }
    }
}

/// Whether output was lost, why, and how much: shared by the tool's thread and the writer's.
#[derive(Default)]
struct Loss {
    lost: AtomicBool,
    broken_pipe: AtomicBool,
    reason: Mutex<Option<String>>,
    dropped: AtomicU64,
    /// "Still lost" warnings given (serving on with `--on-audit-loss continue`).
    warnings: AtomicU64,
    /// Items put in the queue, and items the writer has taken and flushed (or dropped).
    queued: AtomicU64,
    settled: AtomicU64,
    /// Called by the writer each time `settled` moves ([`EventWriter::when_written`]).
    on_settled: std::sync::OnceLock<Box<dyn Fn() + Send + Sync>>,
}

impl Loss {
    fn is_lost(&self) -> bool {
        self.lost.load(Ordering::Relaxed)
    }

    fn drop_events(&self, n: u64) {
        self.dropped.fetch_add(n, Ordering::Relaxed);
    }

    /// Records the first loss and says so once, as the policy words it.
    fn lose(&self, why: String, broken_pipe: bool, policy: OnOutputLoss) {
        let mut reason = self.reason.lock().unwrap_or_else(|e| e.into_inner());
        if self.lost.swap(true, Ordering::Relaxed) {
            return;
        }
        self.broken_pipe.store(broken_pipe, Ordering::Relaxed);
        match policy {
            OnOutputLoss::Stop => {
                tracing::error!("event stream lost ({why}): no longer admitting work; finishing what is in flight")
            }
            OnOutputLoss::Continue => tracing::error!(
                "event stream lost ({why}): serving on (--on-audit-loss continue); events are NOT being recorded"
            ),
            OnOutputLoss::EndQuietly if broken_pipe => tracing::debug!("stdout closed; stopping"),
            // `finish` returns it, and the binary says it once.
            OnOutputLoss::EndQuietly => tracing::debug!("output lost ({why}); stopping"),
        }
        *reason = Some(why);
    }

    fn lose_io(&self, e: &io::Error, policy: OnOutputLoss) {
        self.lose(format!("stdout: {e}"), e.kind() == io::ErrorKind::BrokenPipe, policy);
    }
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
    /// The signing thread's result when it ends. A thread stuck in a write to a consumer that
    /// stopped reading may never end: it is waited for only a while ([`STUCK_WRITE`]).
    done: Option<mpsc::Receiver<Finished>>,
    loss: Arc<Loss>,
    policy: OnOutputLoss,
    workflow: String,
    /// The last count of written events [`congested`](Self::congested) saw, when it moved, and
    /// whether the writer is congested (from over half of the queue until under a quarter).
    progress: Mutex<(u64, Instant, bool)>,
    /// Events waiting and none written for this long: the consumer stopped reading.
    stalled_after: Duration,
}

/// A congested backlog that has not moved for this long, while a server keeps its input paused
/// for it (see [`EventWriter::congested`]), is audit loss: the consumer stopped reading. Written
/// events are counted a batch (up to 256) at a time, so this is also the slowest consumer taken
/// for a live one while congested: about 8 events a second.
pub const STALLED_AFTER: Duration = Duration::from_secs(30);

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
        Self::spawn(out, factory, workflow, policy, LOSS_WARNING_EVERY)
    }

    fn spawn(
        out: Box<dyn Write + Send>,
        factory: Option<MessageFactory>,
        workflow: &str,
        policy: OnOutputLoss,
        warn_every: Duration,
    ) -> Self {
        let (tx, rx) = mpsc::sync_channel::<Outgoing>(QUEUE);
        let loss = Arc::new(Loss::default());
        let (done_tx, done) = mpsc::channel();
        {
            let (loss, workflow) = (loss.clone(), workflow.to_owned());
            std::thread::Builder::new()
                .name("event writer".into())
                .spawn(move || {
                    let _ = done_tx.send(sign_and_write(rx, out, factory, &loss, policy, warn_every, &workflow));
                })
                .expect("spawn the event writer");
        }
        EventWriter {
            tx: Some(tx),
            done: Some(done),
            loss,
            policy,
            workflow: workflow.to_owned(),
            progress: Mutex::new((0, Instant::now(), false)),
            stalled_after: STALLED_AFTER,
        }
    }

    /// Signs `event` as an IFMessage and writes it.
    pub fn emit(&self, event: &dyn Event) {
        self.spec(MessageSpec::from_event(event, &self.workflow));
    }

    /// Like [`emit`](Self::emit), and returns a ticket that [`written`](Self::written) answers
    /// once the event is out of the process (written and flushed, or given up as lost): for a
    /// server that tells nobody its decision before the decision is on the record.
    pub fn emit_ticket(&self, event: &dyn Event) -> u64 {
        self.emit(event);
        self.loss.queued.load(Ordering::Relaxed)
    }

    /// Has the writer call `wake` each time events have left it, so that a loop holding answers
    /// back for their tickets ([`written`](Self::written)) need not poll. Once per writer.
    pub fn when_written(&self, wake: impl Fn() + Send + Sync + 'static) {
        let _ = self.loss.on_settled.set(Box::new(wake));
    }

    /// True once everything up to `ticket` has left the writer (or was lost: then
    /// [`admitting`](Self::admitting) says so, and waiting longer would change nothing).
    pub fn written(&self, ticket: u64) -> bool {
        self.loss.settled.load(Ordering::Acquire) >= ticket || self.loss.is_lost()
    }

    /// Signs and writes `events`, in order, handed to the writer's thread at once: a server
    /// that decides many requests per wake-up wakes the writer once, and leaves the making of
    /// their messages to it. Returns the ticket of the last, as [`emit_ticket`](Self::emit_ticket)
    /// does.
    pub fn events(&self, events: Vec<Box<dyn Event + Send>>) -> u64 {
        if !events.is_empty() {
            self.send(Outgoing::Events(events));
        }
        self.loss.queued.load(Ordering::Relaxed)
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
        let Some(tx) = self.tx.as_ref() else { return };
        let n = item.items();
        if self.policy == OnOutputLoss::EndQuietly {
            match tx.send(item) {
                Ok(()) => {
                    self.loss.queued.fetch_add(n, Ordering::Relaxed);
                }
                Err(_) => self.loss.drop_events(n),
            }
            return;
        }
        // The bound is on events, however they were handed over.
        let waiting = self.backlog();
        let sent = if waiting + n > QUEUE as u64 { Err(TrySendError::Full(item)) } else { tx.try_send(item) };
        match sent {
            Ok(()) => {
                self.loss.queued.fetch_add(n, Ordering::Relaxed);
            }
            Err(TrySendError::Full(_)) => {
                self.loss.drop_events(n);
                let why = format!("the consumer stopped reading: {QUEUE} events waiting");
                self.loss.lose(why, false, self.policy);
            }
            Err(TrySendError::Disconnected(_)) => self.loss.drop_events(n),
        }
    }

    /// Events handed over and not yet written (signed and out, or dropped).
    pub fn backlog(&self) -> u64 {
        self.loss.queued.load(Ordering::Relaxed).saturating_sub(self.loss.settled.load(Ordering::Acquire))
    }

    /// More than half of [`QUEUE`] waits (and, once so, until under a quarter does): work comes
    /// faster than its events are signed. A server
    /// takes no new input meanwhile (its sockets' buffers, and its peers' retransmissions, hold
    /// it), so that the work already admitted never overflows the queue into audit loss.
    ///
    /// A backlog that stays and does not move for [`STALLED_AFTER`] (nothing written: the
    /// consumer stopped reading without closing the pipe) is audit loss, as a full queue is:
    /// a paused server is never left waiting on its event stream for ever.
    pub fn congested(&self) -> bool {
        let backlog = self.backlog();
        let settled = self.loss.settled.load(Ordering::Acquire);
        let now = Instant::now();
        let mut progress = self.progress.lock().unwrap_or_else(|e| e.into_inner());
        // Congested from over half the queue until under a quarter: input is not paused and
        // resumed with every batch the writer finishes.
        progress.2 = if progress.2 { backlog >= (QUEUE / 4) as u64 } else { backlog > (QUEUE / 2) as u64 };
        if progress.0 != settled || !progress.2 {
            (progress.0, progress.1) = (settled, now);
        } else if now.duration_since(progress.1) >= self.stalled_after && self.policy != OnOutputLoss::EndQuietly {
            let secs = self.stalled_after.as_secs_f64();
            let why = format!("the consumer stopped reading: {backlog} events waiting and none written for {secs} s");
            self.loss.lose(why, false, self.policy);
        }
        progress.2
    }

    /// False once output was lost and the policy says to stop: take no new work.
    pub fn admitting(&self) -> bool {
        !self.loss.is_lost() || self.policy == OnOutputLoss::Continue
    }

    /// True when output failed other than by its reader going away (a full disk, say): for a
    /// filter, a reason to stop now rather than at the end.
    pub fn failed(&self) -> bool {
        self.loss.is_lost() && !self.loss.broken_pipe.load(Ordering::Relaxed)
    }

    /// Why output was lost, if it was.
    pub fn lost(&self) -> Option<String> {
        self.loss.reason.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Writes what is queued, stops the thread, returns unused sequence numbers. Output loss is
    /// an error unless the policy allows it; the count of lines written is returned.
    pub fn finish(mut self) -> Result<u64, PipelineError> {
        let done = self.stop();
        let written = match done {
            Some(Finished { factory, written }) => {
                if let Some(mut f) = factory {
                    f.finish()?;
                }
                written
            }
            None if self.lost().is_none() => {
                return Err(PipelineError::Output("stdout: the event writer panicked".into()))
            }
            None => 0,
        };
        let Some(reason) = self.lost() else { return Ok(written) };
        let dropped = self.loss.dropped.load(Ordering::Relaxed);
        match self.policy {
            OnOutputLoss::Stop => Err(PipelineError::AuditLost { reason, dropped }),
            OnOutputLoss::Continue => {
                tracing::warn!("{dropped} event(s) were not recorded ({reason})");
                Ok(written)
            }
            OnOutputLoss::EndQuietly if self.loss.broken_pipe.load(Ordering::Relaxed) => Ok(written),
            OnOutputLoss::EndQuietly => Err(PipelineError::Output(reason)),
        }
    }
}

impl EventWriter {
    /// Closes the queue and waits for the signing thread to write what is in it. Without a
    /// loss that is as long as the consumer takes; after one, at most [`STUCK_WRITE`], since the
    /// thread may be blocked for good in a write to a consumer that stopped reading.
    fn stop(&mut self) -> Option<Finished> {
        drop(self.tx.take());
        let done = self.done.take()?;
        if self.loss.is_lost() && self.policy != OnOutputLoss::EndQuietly {
            done.recv_timeout(STUCK_WRITE).ok()
        } else {
            done.recv().ok()
        }
    }
}

/// The most items written between two flushes.
const FLUSH_EVERY: u64 = 256;

/// How long a tool that lost its event stream waits for the writer to give up a stuck write.
pub const STUCK_WRITE: Duration = Duration::from_secs(2);

impl Drop for EventWriter {
    fn drop(&mut self) {
        self.stop();
    }
}

fn sign_and_write(
    rx: mpsc::Receiver<Outgoing>,
    out: Box<dyn Write + Send>,
    mut factory: Option<MessageFactory>,
    loss: &Loss,
    policy: OnOutputLoss,
    warn_every: Duration,
    workflow: &str,
) -> Finished {
    let mut out = BufWriter::with_capacity(64 * 1024, out);
    // Lines flushed, and lines in the buffer (lost with it if the flush fails).
    let (mut written, mut buffered) = (0u64, 0u64);
    // Items taken from the queue: once flushed, `settled` tells the emitters.
    let mut taken = 0u64;
    let mut warned_at: Option<Instant> = None;
    // Serving on without a record is said again at least once a minute, busy or idle.
    let still_lost = |warned_at: &mut Option<Instant>| {
        if policy != OnOutputLoss::Continue || !loss.is_lost() {
            return;
        }
        if warned_at.is_none_or(|at| at.elapsed() >= warn_every) {
            if warned_at.is_some() {
                let dropped = loss.dropped.load(Ordering::Relaxed);
                tracing::warn!("event stream still lost: {dropped} event(s) not recorded so far");
                loss.warnings.fetch_add(1, Ordering::Relaxed);
            }
            *warned_at = Some(Instant::now());
        }
    };
    loop {
        let first = match (loss.is_lost(), warned_at) {
            (true, Some(at)) => rx.recv_timeout(warn_every.saturating_sub(at.elapsed())),
            _ => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let mut item = match first {
            Ok(item) => item,
            Err(RecvTimeoutError::Timeout) => {
                still_lost(&mut warned_at);
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        // Everything already queued goes out in one flush: real time when idle, batched under load.
        let mut since_flush = 0u64;
        loop {
            let n = item.items();
            taken += n;
            since_flush += n;
            if loss.is_lost() {
                loss.drop_events(n);
            } else {
                let mut put = |bytes: Result<Vec<u8>, String>| match bytes {
                    Ok(b) => match out.write_all(&b).and_then(|_| out.write_all(b"\n")) {
                        Ok(()) => buffered += 1,
                        Err(e) => loss.lose_io(&e, policy),
                    },
                    Err(why) => loss.lose(format!("signing: {why}"), false, policy),
                };
                let mut sign = |spec: MessageSpec| match factory.as_mut() {
                    Some(f) => f.build_canonical(spec, now_millis()).map_err(|e| e.to_string()),
                    None => Err("no key to sign events with".to_owned()),
                };
                match item {
                    Outgoing::Line(b) => put(Ok(b)),
                    Outgoing::Spec(spec) => put(sign(*spec)),
                    Outgoing::Events(events) => {
                        for event in events {
                            if loss.is_lost() {
                                loss.drop_events(1);
                            } else {
                                put(sign(MessageSpec::from_event(event.as_ref(), workflow)));
                            }
                        }
                    }
                }
            }
            // A batch ends when the queue is empty, or after FLUSH_EVERY items: under steady
            // load the queue never empties, and whoever waits for `written` must not wait long.
            if since_flush >= FLUSH_EVERY {
                break;
            }
            match rx.try_recv() {
                Ok(next) => item = next,
                Err(TryRecvError::Empty) | Err(TryRecvError::Disconnected) => break,
            }
        }
        flush(&mut out, &mut written, &mut buffered, loss, policy);
        loss.settled.store(taken, Ordering::Release);
        if let Some(wake) = loss.on_settled.get() {
            wake();
        }
        still_lost(&mut warned_at);
    }
    flush(&mut out, &mut written, &mut buffered, loss, policy);
    Finished { factory, written }
}

/// Flushes `out`; what a failed flush held counts as dropped.
fn flush(out: &mut impl Write, written: &mut u64, buffered: &mut u64, loss: &Loss, policy: OnOutputLoss) {
    if loss.is_lost() {
        loss.drop_events(std::mem::take(buffered));
        return;
    }
    match out.flush() {
        Ok(()) => *written += std::mem::take(buffered),
        Err(e) => {
            loss.drop_events(std::mem::take(buffered));
            loss.lose_io(&e, policy);
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
    fn serving_on_without_a_record_is_said_again_idle_or_busy() {
        let ok = Arc::new(AtomicUsize::new(0));
        let out = ClosesAfter { ok, seen: Arc::new(Mutex::new(Vec::new())) };
        let w = EventWriter::spawn(Box::new(out), None, "t", OnOutputLoss::Continue, Duration::from_millis(20));
        w.line(b"x".to_vec());
        // Idle: the writer wakes up by itself to say so again.
        until(|| w.loss.warnings.load(Ordering::Relaxed) >= 2);
        // Busy: a steady stream of events does not silence it either.
        let before = w.loss.warnings.load(Ordering::Relaxed);
        until(|| {
            w.line(b"y".to_vec());
            w.loss.warnings.load(Ordering::Relaxed) >= before + 2
        });
        assert!(w.admitting());
        assert!(w.finish().is_ok());
    }

    /// An output whose writes never return (until the sender of its channel is dropped).
    struct Stalled(std::sync::mpsc::Receiver<()>);

    impl Write for Stalled {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            let _ = self.0.recv();
            Err(io::Error::other("unblocked"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_consumer_that_stops_reading_is_audit_loss_for_a_server_not_a_freeze() {
        let (release, stalled) = std::sync::mpsc::channel::<()>();
        let w = EventWriter::to(Box::new(Stalled(stalled)), None, "t", OnOutputLoss::Stop);
        // Dropped before `w` even if an assertion fails, so the writer is never left stuck.
        let _release = release;
        // Enough to fill the writer's buffer (its first write then blocks) and then the queue.
        for i in 0..2 * QUEUE {
            w.line(format!("{i:0100}").into_bytes());
        }
        assert!(!w.admitting(), "a full queue stops admission instead of blocking the caller");
        assert!(w.lost().unwrap().contains("stopped reading"), "{:?}", w.lost());
        // The writer is still stuck in its write: finishing does not wait for it for ever.
        assert!(matches!(w.finish(), Err(PipelineError::AuditLost { .. })));
    }

    #[test]
    fn a_backlog_is_congestion_and_one_that_does_not_move_is_audit_loss() {
        let (release, stalled) = std::sync::mpsc::channel::<()>();
        let mut w = EventWriter::to(Box::new(Stalled(stalled)), None, "t", OnOutputLoss::Stop);
        w.stalled_after = Duration::from_millis(200);
        let _release = release;
        assert!(!w.congested(), "nothing waits");
        for i in 0..QUEUE / 2 + 100 {
            w.line(format!("{i:0100}").into_bytes());
        }
        assert!(w.congested(), "{} waiting", w.backlog());
        assert!(w.admitting(), "congested is not lost");
        // Nothing is written while it stays: after the stall time, the stream is lost.
        let deadline = Instant::now() + Duration::from_secs(10);
        while w.admitting() {
            assert!(Instant::now() < deadline, "a stalled backlog was never declared lost");
            w.congested();
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(w.lost().unwrap().contains("none written for 0.2 s"), "{:?}", w.lost());
        assert!(matches!(w.finish(), Err(PipelineError::AuditLost { .. })));
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

    /// One numbered event.
    struct Numbered(u64);

    impl Event for Numbered {
        fn name(&self) -> &str {
            "test.numbered"
        }
        fn summary(&self) -> String {
            format!("event {}", self.0)
        }
        fn content(&self) -> serde_json::Map<String, Value> {
            serde_json::json!({ "n": self.0 }).as_object().unwrap().clone()
        }
    }

    fn numbered(range: std::ops::Range<u64>) -> Vec<Box<dyn Event + Send>> {
        range.map(|n| Box::new(Numbered(n)) as Box<dyn Event + Send>).collect()
    }

    #[test]
    fn events_handed_over_together_are_signed_in_order_and_their_ticket_and_wake_up_say_when() {
        let dir = std::env::temp_dir().join(format!("events-together-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut key = crate::keys::SecretKey::from_seed("if://agent/writer", [6; 32]).unwrap();
        key.path = dir.join("w.key");
        let trust = crate::keys::TrustStore::of(&[&key]);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let out = ClosesAfter { ok: Arc::new(AtomicUsize::new(1)), seen: seen.clone() };
        let w = EventWriter::to(Box::new(out), Some(MessageFactory::new(key, 16)), "t", OnOutputLoss::Stop);
        let wakes = Arc::new(AtomicUsize::new(0));
        {
            let wakes = wakes.clone();
            w.when_written(move || {
                wakes.fetch_add(1, Ordering::SeqCst);
            });
        }
        let first = w.events(numbered(0..3));
        let second = w.events(numbered(3..5));
        assert_eq!((first, second), (3, 5), "a ticket counts events, not hand-overs");
        until(|| w.written(second));
        // The wake-up follows the ticket's settling: it comes, if not at once.
        until(|| wakes.load(Ordering::SeqCst) >= 1);
        assert_eq!(w.events(Vec::new()), 5, "nothing handed over, the same ticket");
        assert_eq!(w.finish().unwrap(), 5);
        let text = String::from_utf8(seen.lock().unwrap().clone()).unwrap();
        let ns: Vec<u64> = text
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                crate::message::verify_message(&v, Some(&trust)).expect("signed");
                v["content"]["n"].as_u64().unwrap()
            })
            .collect();
        assert_eq!(ns, vec![0, 1, 2, 3, 4]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_queue_bound_counts_events_not_hand_overs() {
        let (w, _, _) = writer(OnOutputLoss::Stop);
        // One hand-over of more events than the queue holds is a consumer that cannot keep up.
        w.events(numbered(0..QUEUE as u64 + 1));
        assert!(!w.admitting());
        assert!(w.lost().unwrap().contains(&format!("{QUEUE} events waiting")), "{:?}", w.lost());
        assert!(matches!(w.finish(), Err(PipelineError::AuditLost { dropped, .. }) if dropped == QUEUE as u64 + 1));
    }
}
