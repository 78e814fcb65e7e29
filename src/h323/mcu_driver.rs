//! The MCU's I/O edge: the call signalling listener (TCP), a reader and a writer thread per
//! connection, two UDP sockets per call (RTP and RTCP, port 0), and the RAS endpoint's socket.
//! One loop ([`endpoint_driver::run`]) owns the [`Mcu`] and the [`Endpoint`] and waits on one
//! [`Inbox`] for a connection, octets, a datagram or the next deadline (the 20 ms mixer tick
//! among them). The loop never blocks on a peer: each connection's octets go to its writer
//! through a bounded queue, and a peer that does not read them is disconnected.
//!
//! Limits (with their defaults in [`McuLimits`]): connections at once and per source address
//! (beyond: closed at once), the write queue, a writer stuck for [`WRITE_TIMEOUT`].

use super::endpoint::{Endpoint, EndpointRecord, Outcome, Step};
use super::endpoint_driver::{self, Controller, EndpointInput};
use super::mcu::{ConnId, Control, ControlError, CouncilRecord, Mcu, McuOutput, McuRecord};
use super::mcu_janus::{JanusConfig, JanusMixer, MixerReport};
use crate::inbox::{Feed, Inbox};
use crate::media::wav;
use crate::time::Millis;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::io::{BufWriter, Seek, SeekFrom};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A write to a peer that takes longer than this ends the connection.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(5);
/// A call's H.245 listener waits this long for its connection.
pub const H245_ACCEPT_WAIT: Duration = Duration::from_secs(10);
/// How long connecting to a callee (a controller's `invite`) may take.
pub const DIAL_TIMEOUT: Duration = Duration::from_secs(5);
/// How often, at least, the loop looks whether the event stream is still there.
const AUDIT_CHECK: Millis = 1_000;
/// The inbox between the threads and the loop.
const INBOX: usize = 8192;

#[derive(Clone, Copy, Debug)]
pub struct McuLimits {
    /// TCP connections at once.
    pub max_connections: usize,
    /// TCP connections at once from one IP address.
    pub max_per_source: usize,
    /// Messages queued for one connection's writer.
    pub write_queue: usize,
}

impl Default for McuLimits {
    fn default() -> Self {
        McuLimits { max_connections: 64, max_per_source: 32, write_queue: 64 }
    }
}

/// Carries out a controller's command: (command, the controller's agent, its line's trace id).
pub type Apply<'a> = dyn FnMut(Control, &str, Option<String>) -> Result<(), ControlError> + 'a;

/// What the loop hands the tool: records to write, whether it may admit, and the tool's own
/// inputs (`L`: a line of stdin), which may ask for [`Control`]s through `apply`.
pub trait McuSink<L> {
    fn record(&mut self, record: &McuRecord);
    /// A record of the council's vote.
    fn council(&mut self, record: &CouncilRecord);
    /// The tool's input failed (stdin's I/O error): the MCU stops as on audit loss, and the
    /// tool says why (exit 2).
    fn input_failed(&self) -> bool {
        false
    }
    fn ras(&mut self, record: &EndpointRecord);
    fn admitting(&self) -> bool;
    fn input(&mut self, input: L, apply: &mut Apply);
}

/// An input of the MCU's loop.
pub enum McuInput<L> {
    /// One of the tool's own (a line of stdin).
    Tool(L),
    Accepted {
        conn: ConnId,
        peer: SocketAddr,
        writer: SyncSender<Vec<u8>>,
        stream: TcpStream,
    },
    Bytes {
        conn: ConnId,
        bytes: Vec<u8>,
    },
    Closed {
        conn: ConnId,
    },
    /// The connection of a call we place is open.
    Dialled {
        conn: ConnId,
        writer: SyncSender<Vec<u8>>,
        stream: TcpStream,
    },
    DialFailed {
        conn: ConnId,
        why: String,
    },
    Rtp {
        conn: ConnId,
        from: SocketAddr,
        bytes: Vec<u8>,
    },
    /// Octets from a call's H.245 connection.
    H245Bytes {
        conn: ConnId,
        bytes: Vec<u8>,
    },
    /// What the external mixer (Janus) did.
    Mixer(MixerReport),
}

type Counts = Arc<Mutex<(usize, HashMap<IpAddr, usize>)>>;

/// A call's H.245 connection: its writer's queue, and the stream once accepted (to close it
/// when the MCU stops).
type H245Conn = (SyncSender<Vec<u8>>, Arc<Mutex<Option<TcpStream>>>);

struct Connection {
    writer: SyncSender<Vec<u8>>,
    stream: TcpStream,
}

struct Media {
    rtp: UdpSocket,
    rtcp: UdpSocket,
    stop: Arc<AtomicBool>,
}

impl Media {
    fn close(self) {
        self.stop.store(true, Ordering::Relaxed);
        // The readers wait in recv_from: an empty datagram to each wakes it to see the flag.
        for s in [&self.rtp, &self.rtcp] {
            if let Ok(a) = s.local_addr() {
                let _ = s.send_to(&[], a);
            }
        }
    }
}

/// A recording being written: the conference's mix since its first participant joined.
struct Recording {
    path: PathBuf,
    file: BufWriter<File>,
    samples: u64,
}

struct Driver<'a, L> {
    mcu: Mcu,
    sink: &'a mut dyn McuSink<L>,
    feed: Feed<EndpointInput<McuInput<L>>>,
    record_dir: Option<PathBuf>,
    recording: Option<Recording>,
    recordings: u64,
    rtp_bind: IpAddr,
    write_queue: usize,
    conns: HashMap<ConnId, Connection>,
    media: HashMap<ConnId, Media>,
    /// Each call's H.245 connection (its writer's queue, the stream once accepted).
    h245: HashMap<ConnId, H245Conn>,
    /// The external mixer, when Janus mixes.
    janus: Option<JanusMixer>,
    registered: bool,
    stopped_admitting: bool,
    /// The loop's time at its last turn: the audit check runs a second after.
    last_now: Millis,
}

/// Where the MCU's sockets are and what it keeps.
pub struct McuIo {
    /// The call signalling socket.
    pub listener: TcpListener,
    /// The RAS endpoint's socket.
    pub ras: UdpSocket,
    /// Where each call's RTP and RTCP sockets bind (port 0).
    pub rtp_bind: IpAddr,
    pub limits: McuLimits,
    /// Each conference's mix is recorded here (`conference-N.wav`).
    pub record_dir: Option<PathBuf>,
    /// Janus AudioBridge mixes instead (the [`Mcu`] is configured with an external mixer).
    pub janus: Option<JanusConfig>,
}

/// Runs the MCU until the event stream is lost and its calls are over, or the registration
/// fails. `inputs` is given a feed of the loop's inbox for the tool's own inputs (stdin).
pub fn run<L: Send + 'static>(
    mut mcu: Mcu,
    endpoint: Endpoint,
    io: McuIo,
    sink: &mut dyn McuSink<L>,
    inputs: impl FnOnce(Feed<EndpointInput<McuInput<L>>>),
) -> io::Result<Endpoint> {
    let McuIo { listener, ras, rtp_bind, limits, record_dir, janus } = io;
    mcu.set_recording(record_dir.is_some());
    let inbox: Inbox<EndpointInput<McuInput<L>>> = Inbox::bounded(INBOX);
    inputs(inbox.sender());
    let janus = match janus {
        Some(config) => {
            let feed = inbox.sender();
            Some(JanusMixer::start(config, move |r| feed.send(EndpointInput::Input(McuInput::Mixer(r))))?)
        }
        None => None,
    };
    let local = listener.local_addr()?;
    let counts: Counts = Arc::new(Mutex::new((0, HashMap::new())));
    {
        let feed = inbox.sender();
        let counts = counts.clone();
        std::thread::spawn(move || accept::<L>(listener, feed, counts, limits));
    }
    tracing::info!("listening on {local}");
    let mut driver = Driver {
        mcu,
        sink,
        feed: inbox.sender(),
        record_dir,
        recording: None,
        recordings: 0,
        rtp_bind,
        write_queue: limits.write_queue,
        conns: HashMap::new(),
        media: HashMap::new(),
        h245: HashMap::new(),
        janus,
        registered: false,
        stopped_admitting: false,
        last_now: 0,
    };
    let ended = endpoint_driver::run(endpoint, ras, inbox, &mut driver);
    driver.end_recording();
    for (_, m) in driver.media.drain() {
        m.close();
    }
    for (_, c) in driver.conns.drain() {
        let _ = c.stream.shutdown(Shutdown::Both);
    }
    for (_, (_, stream)) in driver.h245.drain() {
        if let Some(s) = stream.lock().expect("not poisoned").as_ref() {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
    let _ = counts;
    ended
}

fn accept<L: Send + 'static>(
    listener: TcpListener,
    feed: Feed<EndpointInput<McuInput<L>>>,
    counts: Counts,
    limits: McuLimits,
) {
    let mut next: ConnId = 0;
    loop {
        let (stream, peer) = match listener.accept() {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!("accept: {e}");
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        {
            let mut c = counts.lock().expect("not poisoned");
            let from = c.1.get(&peer.ip()).copied().unwrap_or(0);
            if c.0 >= limits.max_connections || from >= limits.max_per_source {
                tracing::warn!("{peer}: refused: {} connections ({from} from this address)", c.0);
                let _ = stream.shutdown(Shutdown::Both);
                continue;
            }
            c.0 += 1;
            *c.1.entry(peer.ip()).or_insert(0) += 1;
        }
        next += 1;
        let conn = next;
        let counted = counts.clone();
        let started = attach(
            stream,
            conn,
            &feed,
            limits.write_queue,
            move |_| release_count(&counted, peer.ip()),
            |writer, stream| McuInput::Accepted { conn, peer, writer, stream },
        );
        match started {
            Attached::Started => {}
            Attached::Failed => release_count(&counts, peer.ip()),
            Attached::LoopGone => return,
        }
    }
}

enum Attached {
    Started,
    Failed,
    LoopGone,
}

/// A connection's writer (behind a queue of `write_queue`) and reader threads: the loop is told
/// (`opened`, with the writer's queue and a handle to close it), then gets its octets and its
/// end (`Closed`, after `on_end`).
fn attach<L: Send + 'static>(
    stream: TcpStream,
    conn: ConnId,
    feed: &Feed<EndpointInput<McuInput<L>>>,
    write_queue: usize,
    on_end: impl FnOnce(ConnId) + Send + 'static,
    opened: impl FnOnce(SyncSender<Vec<u8>>, TcpStream) -> McuInput<L>,
) -> Attached {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let (Ok(reader), Ok(writer_stream), Ok(control)) = (stream.try_clone(), stream.try_clone(), stream.try_clone())
    else {
        return Attached::Failed;
    };
    let (tx, rx) = sync_channel::<Vec<u8>>(write_queue);
    std::thread::spawn(move || {
        let mut s = writer_stream;
        for bytes in rx {
            if s.write_all(&bytes).is_err() {
                break;
            }
        }
        let _ = s.shutdown(Shutdown::Both);
    });
    if !feed.send(EndpointInput::Input(opened(tx, control))) {
        return Attached::LoopGone;
    }
    let feed = feed.clone();
    std::thread::spawn(move || {
        let mut s = reader;
        let mut buf = vec![0u8; 8192];
        loop {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if !feed.send(EndpointInput::Input(McuInput::Bytes { conn, bytes: buf[..n].to_vec() })) {
                        break;
                    }
                }
            }
        }
        on_end(conn);
        feed.send(EndpointInput::Input(McuInput::Closed { conn }));
    });
    Attached::Started
}

/// A call we place: its connection made on a thread of its own (the loop never waits on a
/// connect), then attached as an accepted one is. Not counted against the limits of
/// connections from others.
fn dial<L: Send + 'static>(conn: ConnId, to: SocketAddr, feed: Feed<EndpointInput<McuInput<L>>>, write_queue: usize) {
    std::thread::spawn(move || {
        let stream = match TcpStream::connect_timeout(&to, DIAL_TIMEOUT) {
            Ok(s) => s,
            Err(e) => {
                feed.send(EndpointInput::Input(McuInput::DialFailed { conn, why: format!("connecting to {to}: {e}") }));
                return;
            }
        };
        let started = attach(
            stream,
            conn,
            &feed,
            write_queue,
            |_| {},
            |writer, stream| McuInput::Dialled { conn, writer, stream },
        );
        if let Attached::Failed = started {
            let why = "cannot share the connection".to_owned();
            feed.send(EndpointInput::Input(McuInput::DialFailed { conn, why }));
        }
    });
}

fn release_count(counts: &Counts, ip: IpAddr) {
    let mut c = counts.lock().expect("not poisoned");
    c.0 = c.0.saturating_sub(1);
    if let Some(n) = c.1.get_mut(&ip) {
        *n -= 1;
        if *n == 0 {
            c.1.remove(&ip);
        }
    }
}

impl<L: Send + 'static> Driver<'_, L> {
    fn flush(&mut self, now: Millis, endpoint: &mut Endpoint) {
        while let Some(out) = self.mcu.poll_output() {
            match out {
                McuOutput::Write { conn, bytes } => {
                    let Some(c) = self.conns.get(&conn) else { continue };
                    match c.writer.try_send(bytes) {
                        Ok(()) => {}
                        Err(TrySendError::Full(_)) => {
                            tracing::warn!("call {conn}: the peer does not read: disconnected");
                            let _ = c.stream.shutdown(Shutdown::Both);
                            self.conns.remove(&conn);
                            self.mcu.handle_closed(now, conn, endpoint);
                        }
                        Err(TrySendError::Disconnected(_)) => {}
                    }
                }
                // Dropping the queue's sender lets the writer finish what is queued, then close.
                McuOutput::Close { conn } => {
                    self.conns.remove(&conn);
                    // Its H.245 writer, too, finishes what is queued (endSessionCommand), then closes.
                    self.h245.remove(&conn);
                }
                McuOutput::ListenH245 { conn } => match self.listen_h245(conn) {
                    Ok(addr) => self.mcu.h245_listening(now, conn, addr, endpoint),
                    Err(e) => self.mcu.media_failed(now, conn, format!("H.245 listener: {e}"), endpoint),
                },
                McuOutput::WriteH245 { conn, bytes } => {
                    if let Some((tx, _)) = self.h245.get(&conn) {
                        if tx.try_send(bytes).is_err() {
                            tracing::warn!("call {conn}: the H.245 peer does not read");
                        }
                    }
                }
                McuOutput::OpenMedia { conn } => match self.open_media(conn) {
                    Ok((rtp, rtcp)) => self.mcu.media_bound(now, conn, rtp, rtcp, endpoint),
                    Err(e) => self.mcu.media_failed(now, conn, format!("media sockets: {e}"), endpoint),
                },
                McuOutput::Dial { conn, to } => dial(conn, to, self.feed.clone(), self.write_queue),
                McuOutput::CloseMedia { conn } => {
                    if let Some(m) = self.media.remove(&conn) {
                        m.close();
                    }
                }
                McuOutput::Rtp { conn, to, bytes } => {
                    if let Some(m) = self.media.get(&conn) {
                        if let Err(e) = m.rtp.send_to(&bytes, to) {
                            tracing::debug!("call {conn}: RTP to {to}: {e}");
                        }
                    }
                }
                McuOutput::Rtcp { conn, to, bytes } => {
                    if let Some(m) = self.media.get(&conn) {
                        if let Err(e) = m.rtcp.send_to(&bytes, to) {
                            tracing::debug!("call {conn}: RTCP to {to}: {e}");
                        }
                    }
                }
                McuOutput::JoinMixer { conn, display, law, to } => {
                    let asked =
                        self.janus.as_ref().map_or(Err("no mixer".to_owned()), |j| j.join(conn, display, law, to));
                    if let Err(why) = asked {
                        self.mcu.mixer_failed(now, Some(conn), why, endpoint);
                    }
                }
                McuOutput::MixerControl { conn, command } => {
                    let asked = self.janus.as_ref().map_or(Err("no mixer".to_owned()), |j| j.control(conn, command));
                    if let Err(why) = asked {
                        self.mcu.mixer_failed(now, Some(conn), why, endpoint);
                    }
                }
                McuOutput::LeaveMixer { conn } => {
                    if let Some(j) = &self.janus {
                        j.leave(conn);
                    }
                }
                McuOutput::Event(record) => self.sink.record(&record),
                McuOutput::Mix(samples) => self.record_mix(&samples),
                McuOutput::MixEnded => {
                    self.end_recording();
                }
                McuOutput::Council(record) => self.sink.council(&record),
                McuOutput::Decision(mut record) => {
                    // The audio up to the decision is pinned by it: the recording closes here
                    // (its `recording` record first) and the next frame starts a new file.
                    if let Some((file, sha256)) = self.end_recording() {
                        record.recording_file = Some(file);
                        record.recording_sha256 = sha256;
                    }
                    self.sink.council(&record);
                }
            }
        }
    }

    /// A listener for the call's H.245 connection: the first connection within
    /// [`H245_ACCEPT_WAIT`] is taken, its octets fed to the loop, the queue written to it.
    fn listen_h245(&mut self, conn: ConnId) -> io::Result<SocketAddr> {
        let listener = TcpListener::bind(SocketAddr::new(self.rtp_bind, 0))?;
        let addr = listener.local_addr()?;
        listener.set_nonblocking(true)?;
        let (tx, rx) = sync_channel::<Vec<u8>>(64);
        let slot: Arc<Mutex<Option<TcpStream>>> = Arc::new(Mutex::new(None));
        let feed = self.feed.clone();
        let held = slot.clone();
        std::thread::spawn(move || {
            let deadline = std::time::Instant::now() + H245_ACCEPT_WAIT;
            let stream = loop {
                match listener.accept() {
                    Ok((s, _)) => break s,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock && std::time::Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    Err(_) => return,
                }
            };
            let _ = stream.set_nonblocking(false);
            let _ = stream.set_nodelay(true);
            let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
            let (Ok(reader), Ok(control)) = (stream.try_clone(), stream.try_clone()) else { return };
            *held.lock().expect("not poisoned") = Some(control);
            std::thread::spawn(move || {
                let mut r = reader;
                let mut buf = vec![0u8; 8192];
                while let Ok(n) = r.read(&mut buf) {
                    let input = McuInput::H245Bytes { conn, bytes: buf[..n].to_vec() };
                    if n == 0 || !feed.send(EndpointInput::Input(input)) {
                        break;
                    }
                }
            });
            let mut w = stream;
            for bytes in rx {
                if w.write_all(&bytes).is_err() {
                    break;
                }
            }
            let _ = w.shutdown(Shutdown::Both);
        });
        self.h245.insert(conn, (tx, slot));
        Ok(addr)
    }

    fn open_media(&mut self, conn: ConnId) -> io::Result<(SocketAddr, SocketAddr)> {
        let rtp = UdpSocket::bind(SocketAddr::new(self.rtp_bind, 0))?;
        let rtcp = UdpSocket::bind(SocketAddr::new(self.rtp_bind, 0))?;
        let (a, b) = (rtp.local_addr()?, rtcp.local_addr()?);
        let stop = Arc::new(AtomicBool::new(false));
        for (socket, is_rtp) in [(rtp.try_clone()?, true), (rtcp.try_clone()?, false)] {
            let feed = self.feed.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut buf = vec![0u8; 2048];
                loop {
                    match socket.recv_from(&mut buf) {
                        Ok((n, from)) => {
                            if stop.load(Ordering::Relaxed) {
                                return;
                            }
                            // RTCP is received and counted by nobody yet: read and passed over.
                            if is_rtp && n > 0 {
                                let input = McuInput::Rtp { conn, from, bytes: buf[..n].to_vec() };
                                // Media is never worth blocking for: a full inbox drops it.
                                if feed.try_send(EndpointInput::Input(input)).is_err() && stop.load(Ordering::Relaxed) {
                                    return;
                                }
                            }
                        }
                        Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {}
                        Err(_) => return,
                    }
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                }
            });
        }
        self.media.insert(conn, Media { rtp, rtcp, stop });
        Ok((a, b))
    }

    fn record_mix(&mut self, samples: &[i16]) {
        let Some(dir) = &self.record_dir else { return };
        if self.recording.is_none() {
            self.recordings += 1;
            let path = dir.join(format!("conference-{}.wav", self.recordings));
            let opened = File::create(&path).and_then(|f| {
                let mut file = BufWriter::new(f);
                file.write_all(&wav::header(0))?;
                Ok(file)
            });
            match opened {
                Ok(file) => self.recording = Some(Recording { path, file, samples: 0 }),
                Err(e) => {
                    tracing::error!("recording {}: {e}; not recording", path.display());
                    self.record_dir = None;
                    return;
                }
            }
        }
        let r = self.recording.as_mut().expect("open");
        match r.file.write_all(&wav::samples_bytes(samples)) {
            Ok(()) => r.samples += samples.len() as u64,
            Err(e) => {
                tracing::error!("recording {}: {e}", r.path.display());
                self.end_recording();
            }
        }
    }

    /// Closes the recording: its header patched, its SHA-256 and length on the record. The file
    /// and its SHA-256 (None if it could not be finished), if one was open.
    fn end_recording(&mut self) -> Option<(String, Option<String>)> {
        let r = self.recording.take()?;
        let samples = r.samples;
        let finished = finish_wav(r.file, samples).and_then(|()| sha256_of(&r.path));
        let mut record = McuRecord {
            step: "recording",
            file: Some(r.path.display().to_string()),
            trace_id: self.mcu.conference_trace(),
            ..Default::default()
        };
        record.duration_ms = Some(samples * 1000 / u64::from(crate::media::RATE));
        match finished {
            Ok(digest) => record.sha256 = Some(digest),
            Err(e) => record.detail = Some(format!("not finished: {e}")),
        }
        self.sink.record(&record);
        Some((r.path.display().to_string(), record.sha256))
    }

    /// Audit loss: no new calls, and the calls in progress are released (nothing goes on
    /// unrecorded); the loop ends once their DRQs are answered.
    fn check_admitting(&mut self, now: Millis, endpoint: &mut Endpoint) {
        self.last_now = now;
        let lost = !self.sink.admitting();
        if !self.stopped_admitting && (lost || self.sink.input_failed()) {
            self.stopped_admitting = true;
            self.mcu.stop_admitting();
            if lost {
                tracing::error!("the event stream was lost: no new calls; releasing the calls in progress");
            } else {
                tracing::error!("stdin failed: no new calls; releasing the calls in progress");
            }
            self.mcu.release_all(now, endpoint);
            self.flush(now, endpoint);
        }
    }
}

fn finish_wav(mut file: BufWriter<File>, samples: u64) -> io::Result<()> {
    file.flush()?;
    let mut f = file.into_inner().map_err(|e| e.into_error())?;
    f.seek(SeekFrom::Start(0))?;
    f.write_all(&wav::header(u32::try_from(samples).unwrap_or(u32::MAX / 2)))?;
    f.sync_all()
}

fn sha256_of(path: &Path) -> io::Result<String> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    io::copy(&mut f, &mut h)?;
    Ok(hex::encode(h.finalize()))
}

impl<L: Send + 'static> Controller<McuInput<L>> for Driver<'_, L> {
    fn input(&mut self, now: Millis, input: McuInput<L>, endpoint: &mut Endpoint) {
        self.check_admitting(now, endpoint);
        match input {
            McuInput::Tool(line) => {
                let mcu = &mut self.mcu;
                self.sink.input(line, &mut |c, by, trace| mcu.control(now, c, by, trace, endpoint));
                // A failed stdin stops the MCU at once, not at the next check.
                self.check_admitting(now, endpoint);
            }
            McuInput::Accepted { conn, peer, writer, stream } => {
                self.conns.insert(conn, Connection { writer, stream });
                self.mcu.handle_connection(now, conn, peer);
            }
            McuInput::Dialled { conn, writer, stream } => {
                let closer = stream.try_clone();
                self.conns.insert(conn, Connection { writer, stream });
                if !self.mcu.dialled(now, conn, endpoint) {
                    // The call ended while connecting.
                    self.conns.remove(&conn);
                    if let Ok(s) = closer {
                        let _ = s.shutdown(Shutdown::Both);
                    }
                }
            }
            McuInput::DialFailed { conn, why } => self.mcu.dial_failed(now, conn, why, endpoint),
            McuInput::Bytes { conn, bytes } => self.mcu.handle_bytes(now, conn, &bytes, endpoint),
            McuInput::Closed { conn } => {
                self.conns.remove(&conn);
                self.mcu.handle_closed(now, conn, endpoint);
            }
            McuInput::Rtp { conn, from, bytes } => self.mcu.handle_rtp(now, conn, from, &bytes),
            McuInput::H245Bytes { conn, bytes } => self.mcu.handle_h245_bytes(now, conn, &bytes, endpoint),
            McuInput::Mixer(MixerReport::Joined { conn, id, rtp }) => {
                self.mcu.mixer_joined(now, conn, id, rtp, endpoint)
            }
            McuInput::Mixer(MixerReport::Failed { conn, why }) => {
                tracing::error!("janus: {}{why}", conn.map_or(String::new(), |c| format!("call {c}: ")));
                self.mcu.mixer_failed(now, conn, why, endpoint);
            }
        }
        self.flush(now, endpoint);
    }

    fn record(&mut self, now: Millis, record: EndpointRecord, endpoint: &mut Endpoint) {
        self.last_now = now;
        self.sink.ras(&record);
        if record.step == Step::Register && record.outcome == Outcome::Confirmed && !self.registered {
            self.registered = true;
            tracing::info!(
                "registered with `{}` as {}",
                record.gatekeeper_id.as_deref().unwrap_or("the gatekeeper"),
                record.endpoint.as_deref().unwrap_or("?")
            );
        }
        self.mcu.handle_record(now, &record, endpoint);
        self.flush(now, endpoint);
    }

    fn poll_timeout(&self) -> Option<Millis> {
        let audit_check = self.last_now + AUDIT_CHECK;
        Some(self.mcu.poll_timeout().map_or(audit_check, |t| t.min(audit_check)))
    }

    fn handle_timeout(&mut self, now: Millis, endpoint: &mut Endpoint) {
        self.check_admitting(now, endpoint);
        self.mcu.handle_timeout(now, endpoint);
        self.flush(now, endpoint);
    }

    fn finished(&self, endpoint: &Endpoint) -> bool {
        endpoint.failure().is_some() || (self.stopped_admitting && self.mcu.in_flight() == 0 && endpoint.idle())
    }
}
