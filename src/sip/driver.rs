//! The I/O edge of the proxy: one thread and one event loop (mio's epoll) owning the
//! [`Proxy`], the UDP socket and the TCP listener on the same address, the TLS listener
//! (`--tls-listen`), the DNS socket, and every TCP and TLS connection ([`Stream`]). No thread
//! per connection: a connection costs one descriptor and its buffers.
//!
//! The loop never waits on one peer. Sockets are non-blocking; a connection's bytes to send
//! wait in its own bounded buffer (a peer that stops reading fills it and is disconnected,
//! nobody else waits); connections to next hops and TLS handshakes proceed between other work,
//! each bounded by a deadline; and a connection is read at most
//! [`READ_MESSAGES`](super::stream::READ_MESSAGES) messages (UDP: [`UDP_BATCHES`] batches)
//! before the others get their turn. Accepted connections, TCP and TLS together, are capped in
//! total (and by the descriptors the process may open) and per source address, and closed after
//! [`IDLE`](super::stream::IDLE) without a byte.
//!
//! While the event writer falls behind (`congested`), no new input is read at all: the sockets'
//! buffers hold it (and UDP peers retransmit), so that work admitted faster than its events can
//! be signed never overflows the writer's queue into audit loss.

use super::proxy::{Output, Peer, Proxy, TransactionRecord, Transport};
use super::stream::{label, End, Stream};
use super::tls;
use crate::time::Millis;
use mio::net::TcpListener;
use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token};
use rustls::{ClientConfig, ServerConfig};
use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The longest the loop sleeps without looking at `admitting` and the connections' deadlines.
const ADMISSION_CHECK: Millis = 250;
/// Accepted TCP and TLS connections at once, in all and from one IP address (defaults of
/// `--max-connections` and `--max-connections-per-ip`); beyond, a new connection is closed as
/// soon as it is accepted.
pub const MAX_TCP_CONNECTIONS: usize = 1024;
pub const MAX_TCP_PER_SOURCE: usize = 64;
/// Descriptors kept back from connections for everything else the process opens (the event
/// signer's sequence file, DNS, the listeners): running out of descriptors must cost a
/// connection, never an event.
pub const RESERVED_DESCRIPTORS: usize = 64;
/// Batches of datagrams (of [`UDP_BATCH`]) read from the UDP socket per turn of the loop.
pub const UDP_BATCHES: usize = 8;
const UDP_BATCH: usize = 32;
/// While input is paused, how often the loop looks at whether it may read again.
const PAUSED_RECHECK: Millis = 10;
/// Connections accepted from one listener per turn of the loop.
const ACCEPT_BATCH: usize = 64;
/// After `accept` fails (out of descriptors), how long until it is tried again.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);
/// After a connection to a peer ends, how long messages for it are dropped rather than a new
/// connection tried: a peer that floods requests and never reads must not make the proxy open
/// connection after connection back to it.
const RECONNECT_AFTER: Duration = Duration::from_secs(2);
/// Warnings about accepted connections (failed handshakes, bad framing, peers not reading)
/// logged per minute; beyond, they are counted and the count logged once the minute is over.
const CONNECTION_WARNINGS_PER_MINUTE: u32 = 20;

const UDP: Token = Token(0);
const TCP: Token = Token(1);
const TLS: Token = Token(2);
const DNS: Token = Token(3);
const FIRST_STREAM: usize = 4;

/// What TLS needs: the server side for `--tls-listen`, the client side (`--tls-ca`) for next
/// hops over TLS.
#[derive(Clone, Default)]
pub struct TlsConfigs {
    pub server: Option<Arc<ServerConfig>>,
    pub client: Option<Arc<ClientConfig>>,
}

/// The caps on accepted connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConnectionLimits {
    pub total: usize,
    pub per_source: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits { total: MAX_TCP_CONNECTIONS, per_source: MAX_TCP_PER_SOURCE }
    }
}

/// The proxy's sockets: UDP and TCP on one address, and (with `--dns-server`) a UDP socket of
/// its own connected to the DNS server, on a port the OS picks (unguessable by who does not
/// see our queries).
pub struct Sockets {
    udp: UdpSocket,
    tcp: std::net::TcpListener,
    dns: Option<UdpSocket>,
    /// `--tls-listen`: TLS connections, on an address of their own.
    tls_listener: Option<std::net::TcpListener>,
    tls: TlsConfigs,
    limits: ConnectionLimits,
}

impl Sockets {
    /// Binds UDP and TCP to `listen`. With port 0 the OS picks a port free for both (a few
    /// tries: UDP's port may be taken for TCP).
    pub fn bind(listen: SocketAddr) -> io::Result<Self> {
        let mut tries = if listen.port() == 0 { 20 } else { 1 };
        loop {
            let udp = crate::udp::bind(listen)?;
            match std::net::TcpListener::bind(udp.local_addr()?) {
                Ok(tcp) => {
                    return Ok(Sockets {
                        udp,
                        tcp,
                        dns: None,
                        tls_listener: None,
                        tls: TlsConfigs::default(),
                        limits: ConnectionLimits::default(),
                    })
                }
                Err(e) if tries > 1 && e.kind() == io::ErrorKind::AddrInUse => tries -= 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// Sends DNS queries to `server` (and takes answers only from it).
    pub fn resolve_with(&mut self, server: SocketAddr) -> io::Result<()> {
        let any: SocketAddr =
            if server.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" }.parse().map_err(io::Error::other)?;
        let dns = UdpSocket::bind(any)?;
        dns.connect(server)?;
        self.dns = Some(dns);
        Ok(())
    }

    /// The address bound (the real port when 0 was asked for).
    pub fn local(&self) -> io::Result<SocketAddr> {
        self.udp.local_addr()
    }

    /// Takes TLS connections on `listen` (port 0: one the OS picks), with `config`'s
    /// certificate.
    pub fn listen_tls(&mut self, listen: SocketAddr, config: Arc<ServerConfig>) -> io::Result<()> {
        self.tls_listener = Some(std::net::TcpListener::bind(listen)?);
        self.tls.server = Some(config);
        Ok(())
    }

    /// Verifies next hops over TLS with `config` (`--tls-ca`).
    pub fn verify_tls_with(&mut self, config: Arc<ClientConfig>) {
        self.tls.client = Some(config);
    }

    /// Caps accepted connections (`--max-connections`, `--max-connections-per-ip`).
    pub fn limit_connections(&mut self, limits: ConnectionLimits) {
        self.limits = limits;
    }

    /// The TLS address bound, if any.
    pub fn tls_local(&self) -> io::Result<Option<SocketAddr>> {
        self.tls_listener.as_ref().map(std::net::TcpListener::local_addr).transpose()
    }
}

/// The descriptors this process may open: the soft limit, first raised to the hard one (as
/// Kamailio's `open_files_limit` and nginx's `worker_rlimit_nofile` do).
fn descriptor_limit() -> usize {
    // SAFETY: getrlimit and setrlimit only read and write the struct passed.
    unsafe {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return 1024;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit { rlim_cur: limit.rlim_max.min(1 << 20), rlim_max: limit.rlim_max };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit.rlim_cur = raised.rlim_cur;
            }
        }
        usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX)
    }
}

/// A connection that ended: when, and, for one to a next hop that could not be opened, why
/// (what the transactions refused meanwhile are told too).
struct Ended {
    at: Instant,
    why: Option<String>,
}

/// Warnings that a flood of hostile connections could make endless, logged at most
/// [`CONNECTION_WARNINGS_PER_MINUTE`] a minute.
struct Throttle {
    since: Instant,
    said: u32,
    unsaid: u32,
}

impl Throttle {
    fn new(now: Instant) -> Self {
        Throttle { since: now, said: 0, unsaid: 0 }
    }

    /// Whether the next warning may be logged at `now`.
    fn allow(&mut self, now: Instant) -> bool {
        if now.duration_since(self.since) >= Duration::from_secs(60) {
            if self.unsaid > 0 {
                tracing::warn!("{} more connection warnings in the last minute were not logged", self.unsaid);
            }
            *self = Throttle::new(now);
        }
        if self.said < CONNECTION_WARNINGS_PER_MINUTE {
            self.said += 1;
            true
        } else {
            self.unsaid += 1;
            false
        }
    }
}

/// Everything the loop owns but the proxy.
struct Io {
    poll: Poll,
    start: Instant,
    udp: UdpSocket,
    receiver: crate::udp::Receiver,
    dns: Option<UdpSocket>,
    tcp: TcpListener,
    tls_listener: Option<TcpListener>,
    tls: TlsConfigs,
    limits: ConnectionLimits,
    /// Connections of every kind the descriptors leave room for.
    descriptors_for_streams: usize,
    streams: Vec<Option<Stream>>,
    free: Vec<usize>,
    by_peer: HashMap<Peer, usize>,
    accepted: usize,
    per_source: HashMap<IpAddr, usize>,
    ended: HashMap<Peer, Ended>,
    /// Next hops found unreachable while the proxy's outputs were drained, for it to hear of.
    unreachable: Vec<(Peer, String)>,
    /// Sources read up to their budget, to be read again on the next turn.
    again: Vec<Token>,
    accept_again_at: Option<Instant>,
    accept_failure_said_at: Option<Instant>,
    warnings: Throttle,
    last_housekeeping: Instant,
}

/// Runs the proxy until an I/O error on the listening sockets, or until `admitting` turns false
/// (the event stream was lost): then the proxy stops admitting new requests, and this returns
/// once what was in flight is finished (every transaction has its final response, and every
/// call answered 2xx has its ACK through, or 64*T1 passed).
pub fn run(
    mut proxy: Proxy,
    sockets: Sockets,
    mut on_event: impl FnMut(TransactionRecord),
    admitting: impl Fn() -> bool,
    congested: impl Fn() -> bool,
) -> io::Result<()> {
    let mut io = Io::new(sockets)?;
    match io.tls_listener.as_ref().map(TcpListener::local_addr).transpose()? {
        Some(t) => tracing::info!("listening on {} (UDP and TCP) and {t} (TLS)", io.udp.local_addr()?),
        None => tracing::info!("listening on {} (UDP and TCP)", io.udp.local_addr()?),
    }
    let mut events = Events::with_capacity(1024);
    let mut paused_since: Option<Instant> = None;
    loop {
        let now = io.now();
        let mut wait = proxy.poll_timeout().map_or(ADMISSION_CHECK, |at| at.saturating_sub(now)).min(ADMISSION_CHECK);
        if !io.again.is_empty() {
            // Input left from the last turn; while paused, looked at again shortly.
            wait = if paused_since.is_some() { wait.min(PAUSED_RECHECK) } else { 0 };
        }
        if let Some(at) = io.accept_again_at {
            wait = wait.min(at.saturating_duration_since(Instant::now()).as_millis() as Millis);
        }
        match io.poll.poll(&mut events, Some(Duration::from_millis(wait))) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
        // Looked at after the wait, so the input that woke us is judged by the current rule.
        if !admitting() && proxy.admitting() {
            proxy.stop_admitting();
            tracing::warn!("draining {} transaction(s) in flight", proxy.in_flight(io.now()));
        }
        // Each source once a turn, however many times it is listed (left over and ready again).
        let mut ready: Vec<(Token, bool, bool)> =
            std::mem::take(&mut io.again).into_iter().map(|t| (t, true, false)).collect();
        ready.extend(events.iter().map(|e| {
            let failed = e.is_error();
            (e.token(), e.is_readable() || e.is_read_closed() || failed, e.is_writable() || failed)
        }));
        ready.sort_by_key(|(t, _, _)| *t);
        ready.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 |= later.1;
                kept.2 |= later.2;
            }
            same
        });
        let paused = congested();
        match (paused, paused_since) {
            (true, None) => {
                tracing::warn!("events are waiting to be signed: no new input is read until they are");
                paused_since = Some(Instant::now());
            }
            (false, Some(since)) => {
                tracing::info!("reading input again after {} ms", since.elapsed().as_millis());
                paused_since = None;
            }
            _ => {}
        }
        for (token, readable, writable) in ready {
            match token {
                // Answers from the DNS server finish work already admitted.
                DNS => io.read_dns(&mut proxy, &mut on_event),
                UDP | TCP | TLS if paused => io.again.push(token),
                UDP => io.read_udp(&mut proxy, &mut on_event),
                TCP => io.accept(Transport::Tcp),
                TLS => io.accept(Transport::Tls),
                Token(t) => {
                    io.stream_ready(t - FIRST_STREAM, readable && !paused, writable, &mut proxy, &mut on_event);
                    if readable && paused {
                        io.again.push(token);
                    }
                }
            }
        }
        io.housekeeping();
        if proxy.poll_timeout().is_some_and(|at| at <= io.now()) {
            proxy.handle_timeout(io.now());
        }
        io.drain(&mut proxy, &mut on_event);
        if !proxy.admitting() && proxy.in_flight(io.now()) == 0 {
            io.flush_all();
            return Ok(());
        }
    }
}

impl Io {
    fn new(sockets: Sockets) -> io::Result<Io> {
        let Sockets { udp, tcp, dns, tls_listener, tls, limits } = sockets;
        let poll = Poll::new()?;
        udp.set_nonblocking(true)?;
        poll.registry().register(&mut SourceFd(&udp.as_raw_fd()), UDP, Interest::READABLE)?;
        if let Some(dns) = &dns {
            dns.set_nonblocking(true)?;
            poll.registry().register(&mut SourceFd(&dns.as_raw_fd()), DNS, Interest::READABLE)?;
        }
        let listener = |l: std::net::TcpListener, token| -> io::Result<TcpListener> {
            l.set_nonblocking(true)?;
            let mut l = TcpListener::from_std(l);
            poll.registry().register(&mut l, token, Interest::READABLE)?;
            Ok(l)
        };
        let tcp = listener(tcp, TCP)?;
        let tls_listener = tls_listener.map(|l| listener(l, TLS)).transpose()?;
        let descriptors = descriptor_limit();
        let descriptors_for_streams = descriptors.saturating_sub(RESERVED_DESCRIPTORS);
        if descriptors_for_streams < limits.total {
            tracing::warn!(
                "at most {descriptors_for_streams} TCP and TLS connections: the process may open {descriptors} descriptors"
            );
        }
        let now = Instant::now();
        Ok(Io {
            poll,
            start: now,
            udp,
            receiver: crate::udp::Receiver::new(UDP_BATCH, 65_536),
            dns,
            tcp,
            tls_listener,
            tls,
            limits,
            descriptors_for_streams,
            streams: Vec::new(),
            free: Vec::new(),
            by_peer: HashMap::new(),
            accepted: 0,
            per_source: HashMap::new(),
            ended: HashMap::new(),
            unreachable: Vec::new(),
            again: Vec::new(),
            accept_again_at: None,
            accept_failure_said_at: None,
            warnings: Throttle::new(now),
            last_housekeeping: now,
        })
    }

    fn now(&self) -> Millis {
        self.start.elapsed().as_millis() as Millis
    }

    fn open_streams(&self) -> usize {
        self.streams.len() - self.free.len()
    }

    fn read_udp(&mut self, proxy: &mut Proxy, on_event: &mut impl FnMut(TransactionRecord)) {
        for _ in 0..UDP_BATCHES {
            let got = match self.receiver.receive(&self.udp) {
                Ok(got) => got.len(),
                Err(e) => {
                    tracing::warn!("udp receive: {e}");
                    return;
                }
            };
            for i in 0..got {
                let from = Peer { transport: Transport::Udp, addr: self.receiver.datagrams()[i].0 };
                proxy.handle_packet(self.now(), from, self.receiver.bytes(i));
                self.drain(proxy, on_event);
            }
            if got < UDP_BATCH {
                return;
            }
        }
        self.again.push(UDP);
    }

    fn read_dns(&mut self, proxy: &mut Proxy, on_event: &mut impl FnMut(TransactionRecord)) {
        let mut buf = [0u8; 4096];
        loop {
            let Some(dns) = &self.dns else { return };
            match dns.recv(&mut buf) {
                Ok(n) => {
                    proxy.handle_dns(self.now(), &buf[..n]);
                    self.drain(proxy, on_event);
                }
                // ICMP port unreachable from a server that is down: its queries time out.
                Err(e) if matches!(e.kind(), io::ErrorKind::ConnectionRefused | io::ErrorKind::Interrupted) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) => {
                    tracing::warn!("dns receive: {e}");
                    return;
                }
            }
        }
    }

    /// Accepts what connections wait on the `transport` listener, up to [`ACCEPT_BATCH`].
    fn accept(&mut self, transport: Transport) {
        let what = label(Peer { transport, addr: SocketAddr::from(([0, 0, 0, 0], 0)) });
        for _ in 0..ACCEPT_BATCH {
            let listener = match transport {
                Transport::Tls => match &self.tls_listener {
                    Some(l) => l,
                    None => return,
                },
                _ => &self.tcp,
            };
            let (socket, addr) = match listener.accept() {
                Ok(accepted) => accepted,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                // A client gone before it was accepted: nothing wrong with the listener.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::Interrupted | io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset
                    ) =>
                {
                    continue
                }
                Err(e) => {
                    // Out of descriptors (EMFILE) or the like: the connection waits in the
                    // backlog and accept is tried again shortly, while UDP and the connections
                    // already up are served on.
                    let now = Instant::now();
                    if self.accept_failure_said_at.is_none_or(|at| now.duration_since(at) > Duration::from_secs(60)) {
                        tracing::warn!("{what} accept: {e}; backing off");
                        self.accept_failure_said_at = Some(now);
                    }
                    self.accept_again_at = Some(now + ACCEPT_BACKOFF);
                    return;
                }
            };
            if let Err(why) = self.admit(addr.ip()) {
                if self.warnings.allow(Instant::now()) {
                    tracing::warn!("{what} {addr}: refused: {why}");
                }
                drop(socket);
                continue;
            }
            let peer = Peer { transport, addr };
            let server = match transport {
                Transport::Tls => self.tls.server.as_ref(),
                _ => None,
            };
            match Stream::accepted(peer, socket, server, Instant::now()) {
                Ok(stream) => {
                    self.insert(stream);
                }
                Err(why) => {
                    self.release(addr.ip());
                    tracing::warn!("{what} {addr}: {why}");
                }
            }
        }
        self.again.push(if transport == Transport::Tls { TLS } else { TCP });
    }

    /// Takes a place for a connection from `ip`, or says why there is none.
    fn admit(&mut self, ip: IpAddr) -> Result<(), String> {
        if self.accepted >= self.limits.total {
            return Err(format!("{} TCP and TLS connections, the limit", self.accepted));
        }
        if self.open_streams() >= self.descriptors_for_streams {
            return Err(format!("{} connections, all the descriptors allow", self.open_streams()));
        }
        let from_ip = self.per_source.get(&ip).copied().unwrap_or(0);
        if from_ip >= self.limits.per_source {
            return Err(format!("{from_ip} TCP and TLS connections from {ip}, the limit per source"));
        }
        self.accepted += 1;
        *self.per_source.entry(ip).or_insert(0) += 1;
        Ok(())
    }

    /// Gives back the place of an accepted connection from `ip`.
    fn release(&mut self, ip: IpAddr) {
        self.accepted = self.accepted.saturating_sub(1);
        if let Some(n) = self.per_source.get_mut(&ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.per_source.remove(&ip);
            }
        }
    }

    /// Puts `stream` under the loop's watch; `None` when it cannot be (it is closed).
    fn insert(&mut self, mut stream: Stream) -> Option<usize> {
        let slot = self.free.pop().unwrap_or_else(|| {
            self.streams.push(None);
            self.streams.len() - 1
        });
        let token = Token(FIRST_STREAM + slot);
        if let Err(e) = self.poll.registry().register(stream.socket(), token, Interest::READABLE | Interest::WRITABLE) {
            tracing::warn!("{} {}: {e}; closing the connection", stream.label(), stream.peer.addr);
            if stream.accepted {
                self.release(stream.peer.addr.ip());
            }
            self.free.push(slot);
            return None;
        }
        self.ended.remove(&stream.peer);
        self.by_peer.insert(stream.peer, slot);
        self.streams[slot] = Some(stream);
        Some(slot)
    }

    /// Ends the connection in `slot`, for `end`'s reason.
    fn end(&mut self, slot: usize, end: End) {
        let Some(mut stream) = self.streams.get_mut(slot).and_then(Option::take) else { return };
        self.free.push(slot);
        let _ = self.poll.registry().deregister(stream.socket());
        let peer = stream.peer;
        if self.by_peer.get(&peer) == Some(&slot) {
            self.by_peer.remove(&peer);
        }
        let what = stream.label();
        let failed_to_open = stream.opening() && !stream.accepted;
        if stream.accepted {
            self.release(peer.addr.ip());
        }
        if failed_to_open {
            // A next hop that could not be reached: its transactions hear why.
            tracing::warn!("{what} connect to {}: {}", peer.addr, end.why);
            self.unreachable.push((peer, end.why.clone()));
        } else if end.warn && (!stream.accepted || self.warnings.allow(Instant::now())) {
            tracing::warn!("{what} {}: {}", peer.addr, end.why);
        } else {
            tracing::debug!("{what} {}: {}", peer.addr, end.why);
        }
        stream.close();
        self.ended.retain(|_, e| e.at.elapsed() < RECONNECT_AFTER);
        self.ended.insert(peer, Ended { at: Instant::now(), why: failed_to_open.then_some(end.why) });
    }

    fn stream_ready(
        &mut self,
        slot: usize,
        readable: bool,
        writable: bool,
        proxy: &mut Proxy,
        on_event: &mut impl FnMut(TransactionRecord),
    ) {
        let now = Instant::now();
        let Some(stream) = self.streams.get_mut(slot).and_then(Option::as_mut) else { return };
        let peer = stream.peer;
        if writable {
            if let Err(end) = stream.writable(now) {
                self.end(slot, end);
                return;
            }
        }
        if !readable {
            return;
        }
        let reading = stream.read(now);
        if reading.again {
            self.again.push(Token(FIRST_STREAM + slot));
        }
        for message in &reading.messages {
            // Handling one may have ended the connection (an answer overflowed its buffer):
            // the rest came from a peer already cut off.
            if !self.streams.get(slot).and_then(Option::as_ref).is_some_and(|s| s.peer == peer) {
                return;
            }
            proxy.handle_packet(self.now(), peer, message);
            self.drain(proxy, on_event);
        }
        if let Some(end) = reading.end {
            // Unless handling the messages ended it already (and the slot went to another).
            if self.streams.get(slot).and_then(Option::as_ref).is_some_and(|s| s.peer == peer) {
                self.end(slot, end);
            }
        }
    }

    /// Connections past a deadline (connect, handshake, idle, a stalled write) are ended, and
    /// `accept` is tried again once its back-off is over.
    fn housekeeping(&mut self) {
        let now = Instant::now();
        if self.accept_again_at.is_some_and(|at| at <= now) {
            self.accept_again_at = None;
            self.accept(Transport::Tcp);
            self.accept(Transport::Tls);
        }
        if now.duration_since(self.last_housekeeping) < Duration::from_millis(ADMISSION_CHECK) {
            return;
        }
        self.last_housekeeping = now;
        let overdue: Vec<(usize, End)> = self
            .streams
            .iter()
            .enumerate()
            .filter_map(|(slot, s)| s.as_ref().and_then(|s| s.overdue(now)).map(|end| (slot, end)))
            .collect();
        for (slot, end) in overdue {
            self.end(slot, end);
        }
    }

    /// Carries out what the proxy has to do: packets, events, DNS queries; and tells it of the
    /// next hops found unreachable meanwhile, until it has nothing more.
    fn drain(&mut self, proxy: &mut Proxy, on_event: &mut impl FnMut(TransactionRecord)) {
        loop {
            while let Some(out) = proxy.poll_output() {
                match out {
                    Output::Transmit { to, bytes } => match to.transport {
                        Transport::Udp => {
                            if let Err(e) = self.udp.send_to(&bytes, to.addr) {
                                tracing::warn!("udp send to {}: {e}", to.addr);
                            }
                        }
                        Transport::Tcp | Transport::Tls => {
                            let name = proxy.server_name(to).map(str::to_owned);
                            self.send_stream(to, name.as_deref(), &bytes);
                        }
                    },
                    Output::Event(record) => on_event(*record),
                    Output::DnsQuery { bytes } => {
                        if let Some(Err(e)) = self.dns.as_ref().map(|s| s.send(&bytes)) {
                            tracing::warn!("dns query: {e}");
                        }
                    }
                    Output::Dropped { from, reason } => {
                        tracing::warn!("{:?} {}: dropped: {reason}", from.transport, from.addr)
                    }
                }
            }
            if self.unreachable.is_empty() {
                return;
            }
            for (peer, why) in std::mem::take(&mut self.unreachable) {
                proxy.handle_unreachable(self.now(), peer, &why);
            }
        }
    }

    /// Sends `bytes` on the connection to `to`, opening one if there is none (`name`: the host
    /// a TLS next hop's certificate must be for). Never waits: a peer whose buffer is full is
    /// disconnected.
    fn send_stream(&mut self, to: Peer, name: Option<&str>, bytes: &[u8]) {
        let now = Instant::now();
        let what = label(to);
        let slot = match self.by_peer.get(&to) {
            Some(slot) => *slot,
            None => {
                if let Some(e) = self.ended.get(&to).filter(|e| e.at.elapsed() < RECONNECT_AFTER) {
                    tracing::debug!("{what} {}: its connection just ended; message dropped", to.addr);
                    // A request's transaction learns of it (a transport error, §8.1.3.1).
                    let secs = RECONNECT_AFTER.as_secs();
                    let why = match &e.why {
                        Some(why) => format!("{why} (less than {secs} s ago)"),
                        None => format!("its {what} connection ended less than {secs} s ago"),
                    };
                    self.unreachable.push((to, why));
                    return;
                }
                match self.open(to, name, now) {
                    Ok(slot) => slot,
                    Err(why) => {
                        tracing::warn!("{what} connect to {}: {why}", to.addr);
                        self.unreachable.push((to, why.clone()));
                        self.ended.insert(to, Ended { at: Instant::now(), why: Some(why) });
                        return;
                    }
                }
            }
        };
        let Some(stream) = self.streams[slot].as_mut() else { return };
        if let Err(end) = stream.send(bytes, now) {
            self.end(slot, end);
        }
    }

    /// Starts a connection to the next hop `to`, or says why none can be.
    fn open(&mut self, to: Peer, name: Option<&str>, now: Instant) -> Result<usize, String> {
        if self.open_streams() >= self.descriptors_for_streams {
            return Err(format!("{} connections open, all the descriptors allow", self.open_streams()));
        }
        let tls = match (to.transport, &self.tls.client) {
            (Transport::Tls, None) => return Err("TLS: no --tls-ca to verify the next hop's certificate with".into()),
            (Transport::Tls, Some(config)) => Some((config.clone(), tls::server_name(name, to.addr.ip()))),
            _ => None,
        };
        let stream = Stream::connect(to, tls, now)?;
        self.insert(stream).ok_or_else(|| "the event loop refused the connection".to_owned())
    }

    /// Sends what waits on every connection, as far as the sockets take it now (the loop is
    /// about to end).
    fn flush_all(&mut self) {
        let now = Instant::now();
        for stream in self.streams.iter_mut().flatten() {
            let _ = stream.writable(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_warnings_are_limited_per_minute_and_the_rest_counted() {
        let t0 = Instant::now();
        let mut throttle = Throttle::new(t0);
        let allowed = (0..100).filter(|_| throttle.allow(t0)).count();
        assert_eq!(allowed, CONNECTION_WARNINGS_PER_MINUTE as usize);
        assert_eq!(throttle.unsaid, 100 - CONNECTION_WARNINGS_PER_MINUTE);
        assert!(throttle.allow(t0 + Duration::from_secs(61)), "a new minute, a new allowance");
        assert_eq!(throttle.unsaid, 0);
    }

    #[test]
    fn the_descriptor_limit_is_raised_to_the_hard_one() {
        let n = descriptor_limit();
        // SAFETY: getrlimit only writes the struct passed.
        let hard = unsafe {
            let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
            limit.rlim_max
        };
        assert_eq!(n as u64, (hard as u64).min(1 << 20));
    }
}
