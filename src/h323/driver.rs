//! The gatekeeper's I/O edge: one UDP socket, the clock, and one loop that owns the
//! [`Gatekeeper`]. An answer leaves only once its record is written; one that waits longer
//! than [`RIP_AFTER`] tells the endpoint to wait (RequestInProgress) instead of timing out.

use super::gatekeeper::{Gatekeeper, Output, RasRecord};
use super::ras::{self, RasMessage, RequestInProgress, RequestSeqNum};
use super::timer::{RIP_AFTER, RIP_DELAY};
use crate::time::Millis;
use std::collections::VecDeque;
use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

/// The longest the loop sleeps without looking at `admitting`.
const ADMISSION_CHECK: Millis = 250;
/// While answers wait for their records, the loop looks again at least this often (the writer
/// wakes it as soon as records are out): how late past [`RIP_AFTER`] a RequestInProgress may go.
const RECORD_CHECK: Millis = 100;
/// Dropped datagrams logged one by one before the log only counts them (once a minute).
const DROPS_LOGGED: u64 = 20;
/// The most datagrams taken from the socket at once: their tokens are verified as one batch.
const BATCH: usize = 64;

/// Where the gatekeeper's records go: the pipeline's event writer, in the tool.
pub trait Recorder {
    /// Holds a record until [`hand_over`](Self::hand_over).
    fn record(&mut self, record: Box<RasRecord>);
    /// Hands the records held over to be written, all at once; the ticket says when they are.
    fn hand_over(&mut self) -> u64;
    fn written(&self, ticket: u64) -> bool;
    /// False once the event stream is lost: stop admitting.
    fn admitting(&self) -> bool;
    /// Has `wake` called whenever records have been written, so that held answers go at once.
    fn when_written(&mut self, wake: Box<dyn Fn() + Send + Sync>) {
        let _ = wake;
    }
}

struct Waiting {
    ticket: u64,
    to: SocketAddr,
    bytes: Vec<u8>,
    seq: u16,
    since: Millis,
    told_to_wait: bool,
}

/// Binds the RAS socket (port 0: the OS picks one), with a receive buffer for bursts
/// ([`crate::udp::RECEIVE_BUFFER`]).
pub fn bind(listen: SocketAddr) -> io::Result<UdpSocket> {
    crate::udp::bind(listen)
}

/// Runs the gatekeeper until an I/O error on its socket, or until `recorder.admitting()` turns
/// false (the event stream was lost): then it admits nothing new, and returns once every
/// decided answer is sent and its own requests are answered or given up.
pub fn run(mut gk: Gatekeeper, socket: UdpSocket, recorder: &mut impl Recorder) -> io::Result<()> {
    tracing::info!("listening on {} (RAS, UDP); gatekeeper `{}`", socket.local_addr()?, gk.gatekeeper_id());
    let start = Instant::now();
    let now = || start.elapsed().as_millis() as Millis;
    let mut waiting: VecDeque<Waiting> = VecDeque::new();
    let mut receiver = crate::udp::Receiver::new(BATCH, ras::MAX_DATAGRAM);
    let mut drops = 0u64;
    let mut drops_said_at = Instant::now();
    let wake = std::sync::Arc::new(crate::udp::Wake::new()?);
    {
        let wake = wake.clone();
        recorder.when_written(Box::new(move || wake.wake()));
    }
    // A safety net under the waits below: no receive blocks longer than this.
    socket.set_read_timeout(Some(Duration::from_millis(ADMISSION_CHECK)))?;
    // Datagrams and batches handled, for the log at the end.
    let (mut datagrams_seen, mut batches) = (0u64, 0u64);
    loop {
        let longest = if waiting.is_empty() { ADMISSION_CHECK } else { RECORD_CHECK };
        let wait = gk.poll_timeout().map_or(longest, |at| at.saturating_sub(now())).clamp(1, longest);
        // What has arrived, up to a batch, with one call: their tokens are verified together.
        let arrived = receiver.receive_or_wake(&socket, &wake, Duration::from_millis(wait))?.len();
        if !recorder.admitting() && gk.admitting() {
            gk.stop_admitting();
            tracing::warn!(
                "not admitting any more; {} answer(s) and {} request(s) in flight",
                waiting.len(),
                gk.in_flight()
            );
        }
        if arrived > 0 {
            let datagrams: Vec<(SocketAddr, &[u8])> =
                (0..arrived).map(|i| (receiver.datagrams()[i].0, receiver.bytes(i))).collect();
            gk.handle_datagrams(now(), &datagrams);
            datagrams_seen += datagrams.len() as u64;
            batches += 1;
            if batches.is_power_of_two() && batches >= 1024 {
                tracing::debug!("{datagrams_seen} datagrams in {batches} batches");
            }
        }
        if gk.poll_timeout().is_some_and(|at| at <= now()) {
            gk.handle_timeout(now());
        }
        // The answers decided now wait for the ticket of their records, handed over together.
        let decided = waiting.len();
        while let Some(out) = gk.poll_output() {
            match out {
                Output::Answer { to, bytes, record } => {
                    let seq = record.seq;
                    recorder.record(record);
                    waiting.push_back(Waiting { ticket: u64::MAX, to, bytes, seq, since: now(), told_to_wait: false });
                }
                Output::Transmit { to, bytes } => send(&socket, to, &bytes),
                Output::Event(record) => recorder.record(record),
                Output::Dropped { from, reason } => {
                    drops += 1;
                    if drops <= DROPS_LOGGED {
                        tracing::warn!("{from}: dropped: {reason}");
                    } else if drops_said_at.elapsed() >= Duration::from_secs(60) {
                        tracing::warn!("{drops} datagrams dropped so far (the last from {from}: {reason})");
                        drops_said_at = Instant::now();
                    }
                }
            }
        }
        let ticket = recorder.hand_over();
        for w in waiting.iter_mut().skip(decided) {
            w.ticket = ticket;
        }
        // Records are written in order, so answers are released in order, together.
        let released = waiting.iter().take_while(|w| recorder.written(w.ticket)).count();
        if released > 0 {
            let out: Vec<(SocketAddr, &[u8])> =
                waiting.iter().take(released).map(|w| (w.to, w.bytes.as_slice())).collect();
            crate::udp::send_many(&socket, &out);
            waiting.drain(..released);
        }
        for w in waiting.iter_mut().filter(|w| !w.told_to_wait && now() >= w.since + RIP_AFTER) {
            let rip = RequestInProgress::new(RequestSeqNum(w.seq.max(1)), None, None, None, None, RIP_DELAY as u16);
            if let Ok(bytes) = ras::encode(&RasMessage::requestInProgress(rip)) {
                send(&socket, w.to, &bytes);
            }
            w.told_to_wait = true;
        }
        if !gk.admitting() && waiting.is_empty() && gk.in_flight() == 0 {
            return Ok(());
        }
    }
}

fn send(socket: &UdpSocket, to: SocketAddr, bytes: &[u8]) {
    if let Err(e) = socket.send_to(bytes, to) {
        tracing::warn!("send to {to}: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::h323::gatekeeper::{Config, Limits};
    use crate::h323::requests;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    /// Records that are "written" only once the test says so; stops admitting when asked.
    struct Held {
        release: Arc<AtomicBool>,
        stop: Arc<AtomicBool>,
    }

    impl Recorder for Held {
        fn record(&mut self, _: Box<RasRecord>) {}
        fn hand_over(&mut self) -> u64 {
            1
        }
        fn written(&self, _: u64) -> bool {
            self.release.load(Ordering::SeqCst)
        }
        fn admitting(&self) -> bool {
            !self.stop.load(Ordering::SeqCst)
        }
    }

    #[test]
    fn an_answer_waiting_for_its_record_is_preceded_by_request_in_progress() {
        let socket = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let gk_addr = socket.local_addr().unwrap();
        let gk = Gatekeeper::new(Config {
            gatekeeper_id: "if-gk".into(),
            local: gk_addr,
            policy: Default::default(),
            council_alias: "council".into(),
            limits: Limits::default(),
            wall_clock_offset_ms: 0,
        });
        let (release, stop) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
        let mut recorder = Held { release: release.clone(), stop: stop.clone() };
        let served = std::thread::spawn(move || run(gk, socket, &mut recorder));
        let client = UdpSocket::bind("127.0.0.1:0").unwrap();
        client.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        client.send_to(&requests::grq(9, client.local_addr().unwrap(), "guardian-01").unwrap(), gk_addr).unwrap();
        let mut buf = [0u8; 2048];
        // The record is not written: first a RequestInProgress for the same request ...
        let (n, _) = client.recv_from(&mut buf).expect("a RequestInProgress");
        let RasMessage::requestInProgress(rip) = ras::decode(&buf[..n]).unwrap() else { panic!("not a RIP") };
        assert_eq!((rip.request_seq_num.0, u64::from(rip.delay)), (9, RIP_DELAY));
        // ... and the answer only once the record is.
        release.store(true, Ordering::SeqCst);
        let (n, _) = client.recv_from(&mut buf).expect("the GCF");
        assert!(matches!(ras::decode(&buf[..n]).unwrap(), RasMessage::gatekeeperConfirm(_)));
        stop.store(true, Ordering::SeqCst);
        served.join().unwrap().unwrap();
    }
}
