//! The I/O edge of the proxy: one UDP socket and one TCP listener on the same address (and a
//! TLS listener on its own, `--tls-listen`), threads that turn packets and stream frames into
//! events, and one loop that owns the [`Proxy`].
//!
//! The loop never waits on one peer: each TCP or TLS connection has a writer thread with a
//! bounded queue (a peer that stops reading fills it and is disconnected; nobody else waits),
//! and connections to next hops are opened (and their TLS handshakes made) by that thread, not
//! the loop. An accepted TLS connection makes its handshake on its reader's thread, within
//! [`TLS_HANDSHAKE_TIMEOUT`], before the loop hears of it. Connections, TCP and TLS together,
//! are capped in total and per source address, and closed after [`TCP_IDLE`] without a byte.

use super::message::{frame, MAX_MESSAGE};
use super::proxy::{Output, Peer, Proxy, TransactionRecord, Transport};
use super::tls::{self, TlsStream, TLS_HANDSHAKE_TIMEOUT};
use crate::time::Millis;
use rustls::{ClientConfig, ServerConfig};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest the loop sleeps without looking at `admitting`.
const ADMISSION_CHECK: Millis = 250;
/// Messages waiting to be written to one TCP connection; a peer that lets more pile up (it
/// stopped reading) is disconnected.
pub const TCP_WRITE_QUEUE: usize = 256;
/// A write to a TCP peer that takes longer than this ends the connection.
pub const TCP_WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long opening a connection to a next hop may take.
pub const TCP_CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// A TCP connection with no byte for this long is closed (Kamailio's `tcp_connection_lifetime`
/// default; RFC 5626 keep-alives count as bytes).
pub const TCP_IDLE: Duration = Duration::from_secs(120);
/// TCP connections accepted at once, in all and from one IP address; beyond, a new connection
/// is closed as soon as it is accepted. Each costs two descriptors and two threads.
pub const MAX_TCP_CONNECTIONS: usize = 1024;
pub const MAX_TCP_PER_SOURCE: usize = 64;

enum Input {
    Packet(Peer, Vec<u8>),
    /// A datagram from the DNS server.
    Dns(Vec<u8>),
    /// A connection to a next hop could not be opened, and why.
    Unreachable(Peer, String),
    Connected(Peer, Conn),
    Closed(Peer),
}

/// A connection's byte stream: plain TCP, or TLS over it.
enum Stream {
    Tcp(TcpStream),
    Tls(TlsStream),
}

impl Stream {
    fn socket(&self) -> &TcpStream {
        match self {
            Stream::Tcp(s) => s,
            Stream::Tls(s) => s.socket(),
        }
    }

    fn try_clone(&self) -> io::Result<Stream> {
        Ok(match self {
            Stream::Tcp(s) => Stream::Tcp(s.try_clone()?),
            Stream::Tls(s) => Stream::Tls(s.try_clone()?),
        })
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Tcp(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Tcp(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Tcp(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

/// What TLS needs: the server side for `--tls-listen`, the client side (`--tls-ca`) for next
/// hops over TLS.
#[derive(Clone, Default)]
pub struct TlsConfigs {
    pub server: Option<Arc<ServerConfig>>,
    pub client: Option<Arc<ClientConfig>>,
}

/// The loop's end of one TCP connection: its writer's queue, and (for an accepted one) the
/// socket, to cut it off when the peer stops reading.
struct Conn {
    queue: SyncSender<Vec<u8>>,
    socket: Option<TcpStream>,
}

impl Conn {
    /// Ends the connection: its reader and writer both see it closed.
    fn cut(self) {
        if let Some(s) = self.socket {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}

/// After a connection to a peer ends, how long messages for it are dropped rather than a new
/// connection tried: a peer that floods requests and never reads must not make the proxy open
/// connection after connection back to it.
const RECONNECT_AFTER: Duration = Duration::from_secs(2);

/// A connection that ended: when, and, for one that could not be opened, why (what the
/// transactions refused meanwhile are told too).
struct Ended {
    at: Instant,
    why: Option<String>,
}

/// Accepted connections, in all and per source address.
#[derive(Default)]
struct Counts {
    total: usize,
    per_source: HashMap<IpAddr, usize>,
}

/// Holds one accepted connection's place in [`Counts`] until its reader ends.
struct Counted {
    counts: Arc<Mutex<Counts>>,
    ip: IpAddr,
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut c = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        c.total = c.total.saturating_sub(1);
        if let Some(n) = c.per_source.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                c.per_source.remove(&self.ip);
            }
        }
    }
}

/// Takes a place for a connection from `ip`, or says why there is none.
fn admit_connection(counts: &Arc<Mutex<Counts>>, ip: IpAddr) -> Result<Counted, String> {
    let mut c = counts.lock().unwrap_or_else(|e| e.into_inner());
    if c.total >= MAX_TCP_CONNECTIONS {
        return Err(format!("{} TCP connections, the limit", c.total));
    }
    let from_ip = c.per_source.get(&ip).copied().unwrap_or(0);
    if from_ip >= MAX_TCP_PER_SOURCE {
        return Err(format!("{from_ip} TCP connections from {ip}, the limit per source"));
    }
    c.total += 1;
    *c.per_source.entry(ip).or_insert(0) += 1;
    Ok(Counted { counts: counts.clone(), ip })
}

/// Opens a connection to the next hop `peer` (TCP, then TLS for a TLS peer, its certificate
/// checked against `--tls-ca` for `name`, or its IP address), or says why not.
fn open(peer: Peer, name: Option<&str>, tls: &TlsConfigs) -> Result<Stream, String> {
    let client = match (peer.transport, &tls.client) {
        (Transport::Tls, None) => return Err("TLS: no --tls-ca to verify the next hop's certificate with".into()),
        (_, client) => client.clone(),
    };
    let socket = TcpStream::connect_timeout(&peer.addr, TCP_CONNECT_TIMEOUT).map_err(|e| format!("connect: {e}"))?;
    let _ = socket.set_nodelay(true);
    match (peer.transport, client) {
        (Transport::Tls, Some(config)) => {
            let name = tls::server_name(name, peer.addr.ip());
            TlsStream::connect(socket, config, name, TLS_HANDSHAKE_TIMEOUT).map(Stream::Tls)
        }
        _ => Ok(Stream::Tcp(socket)),
    }
}

/// Lower-case name of a stream transport, for log lines.
fn label(peer: Peer) -> &'static str {
    match peer.transport {
        Transport::Tls => "tls",
        Transport::Tcp | Transport::Udp => "tcp",
    }
}

/// Writes what the loop queues for one connection; ends it on a write that fails or stalls.
/// For a connection to a next hop, opens it first (`name`: the host its certificate must be
/// for, over TLS).
fn write_stream(
    stream: Option<Stream>,
    peer: Peer,
    name: Option<String>,
    tls: TlsConfigs,
    queue: Receiver<Vec<u8>>,
    tx: Sender<Input>,
) {
    let what = label(peer);
    let stream = match stream {
        Some(s) => s,
        None => match open(peer, name.as_deref(), &tls).and_then(|s| {
            let reader = s.try_clone().map_err(|e| e.to_string())?;
            Ok((s, reader))
        }) {
            Ok((s, reader)) => {
                let tx = tx.clone();
                std::thread::spawn(move || read_stream(reader, peer, tx, None));
                s
            }
            Err(why) => {
                tracing::warn!("{what} connect to {}: {why}", peer.addr);
                let _ = tx.send(Input::Unreachable(peer, why));
                let _ = tx.send(Input::Closed(peer));
                return;
            }
        },
    };
    let _ = stream.socket().set_write_timeout(Some(TCP_WRITE_TIMEOUT));
    let mut stream = stream;
    for bytes in queue {
        if let Err(e) = stream.write_all(&bytes) {
            tracing::warn!("{what} send to {}: {e}; closing the connection", peer.addr);
            break;
        }
    }
    // The loop dropped its end (it disconnected the peer), or a write failed: the reader sees
    // the end of the stream and says Closed.
    if let Stream::Tls(tls) = &mut stream {
        tls.close_notify();
    }
    let _ = stream.socket().shutdown(Shutdown::Both);
}

fn read_stream(mut stream: Stream, peer: Peer, tx: Sender<Input>, _place: Option<Counted>) {
    let what = label(peer);
    let _ = stream.socket().set_read_timeout(Some(TCP_IDLE));
    let mut buf = Vec::with_capacity(8192);
    let mut chunk = [0u8; 8192];
    let mut keepalive = KeepAlive::default();
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                tracing::debug!("{what} {}: idle for {} s; closing the connection", peer.addr, TCP_IDLE.as_secs());
                let _ = stream.socket().shutdown(Shutdown::Both);
                break;
            }
            Err(e) => {
                if e.kind() == io::ErrorKind::InvalidData {
                    tracing::warn!("{what} {}: {e}; closing the connection", peer.addr);
                }
                let _ = stream.socket().shutdown(Shutdown::Both);
                break;
            }
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        loop {
            // Keep-alive CR and LF octets before a message are consumed as they come, never
            // buffered: rescanning a growing run of them on every read was quadratic.
            let lead = buf.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
            let pongs = keepalive.feed(&buf[..lead]);
            buf.drain(..lead);
            for _ in 0..pongs {
                // RFC 5626 §4.4.1: a CRLFCRLF ping is answered with a CRLF pong.
                let _ = stream.write_all(b"\r\n");
            }
            if keepalive.run > MAX_MESSAGE {
                tracing::warn!(
                    "{what} {}: {} keep-alive octets and no message; closing the connection",
                    peer.addr,
                    keepalive.run
                );
                let _ = tx.send(Input::Closed(peer));
                return;
            }
            if buf.is_empty() {
                break;
            }
            // A message began: the keep-alives before it are over.
            keepalive = KeepAlive::default();
            match frame(&buf) {
                Ok(Some(n)) => {
                    let packet: Vec<u8> = buf.drain(..n).collect();
                    if tx.send(Input::Packet(peer, packet)).is_err() {
                        return;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    // A stream that cannot be framed cannot be resynchronised: close it.
                    tracing::warn!("{what} {}: {e}; closing the connection", peer.addr);
                    let _ = stream.socket().shutdown(Shutdown::Both);
                    let _ = tx.send(Input::Closed(peer));
                    return;
                }
            }
        }
    }
    let _ = tx.send(Input::Closed(peer));
}

/// RFC 5626 keep-alives on a stream: how many octets of them since the last message (counted
/// against the message size limit), and the last four, to see each CRLFCRLF ping.
#[derive(Default)]
struct KeepAlive {
    run: usize,
    last: [u8; 4],
}

impl KeepAlive {
    /// Takes keep-alive octets; returns how many pings they completed.
    fn feed(&mut self, octets: &[u8]) -> usize {
        let mut pings = 0;
        for &b in octets {
            self.last = [self.last[1], self.last[2], self.last[3], b];
            if &self.last == b"\r\n\r\n" {
                pings += 1;
                self.last = [0; 4];
            }
        }
        self.run += octets.len();
        pings
    }
}

/// The proxy's sockets: UDP and TCP on one address, and (with `--dns-server`) a UDP socket of
/// its own connected to the DNS server, on a port the OS picks (unguessable by who does not
/// see our queries).
pub struct Sockets {
    udp: UdpSocket,
    tcp: TcpListener,
    dns: Option<UdpSocket>,
    /// `--tls-listen`: TLS connections, on an address of their own.
    tls_listener: Option<TcpListener>,
    tls: TlsConfigs,
}

impl Sockets {
    /// Binds UDP and TCP to `listen`. With port 0 the OS picks a port free for both (a few
    /// tries: UDP's port may be taken for TCP).
    pub fn bind(listen: SocketAddr) -> io::Result<Self> {
        let mut tries = if listen.port() == 0 { 20 } else { 1 };
        loop {
            let udp = crate::udp::bind(listen)?;
            match TcpListener::bind(udp.local_addr()?) {
                Ok(tcp) => return Ok(Sockets { udp, tcp, dns: None, tls_listener: None, tls: TlsConfigs::default() }),
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
        self.tls_listener = Some(TcpListener::bind(listen)?);
        self.tls.server = Some(config);
        Ok(())
    }

    /// Verifies next hops over TLS with `config` (`--tls-ca`).
    pub fn verify_tls_with(&mut self, config: Arc<ClientConfig>) {
        self.tls.client = Some(config);
    }

    /// The TLS address bound, if any.
    pub fn tls_local(&self) -> io::Result<Option<SocketAddr>> {
        self.tls_listener.as_ref().map(TcpListener::local_addr).transpose()
    }
}

/// Accepts connections on `listener` for as long as the loop runs: each admitted one (within
/// the caps) gets a reader and a writer thread; over TLS the reader's thread makes the
/// handshake first, and the loop hears of the connection only once it is made.
fn accept_connections(
    listener: TcpListener,
    transport: Transport,
    tls: TlsConfigs,
    counts: Arc<Mutex<Counts>>,
    tx: Sender<Input>,
) {
    let mut refused_said_at: Option<Instant> = None;
    let what = label(Peer { transport, addr: SocketAddr::from(([0, 0, 0, 0], 0)) });
    loop {
        let socket = match listener.accept() {
            Ok((s, _)) => s,
            Err(e) => {
                // Out of descriptors (EMFILE) or the like: back off and try again, while
                // UDP is served on; the connections already up are not touched.
                if refused_said_at.is_none_or(|at| at.elapsed() > Duration::from_secs(60)) {
                    tracing::warn!("{what} accept: {e}; backing off");
                    refused_said_at = Some(Instant::now());
                }
                std::thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        let Ok(addr) = socket.peer_addr() else { continue };
        let peer = Peer { transport, addr };
        let place = match admit_connection(&counts, addr.ip()) {
            Ok(p) => p,
            Err(why) => {
                tracing::debug!("{what} {addr}: refused: {why}");
                drop(socket);
                continue;
            }
        };
        let _ = socket.set_nodelay(true);
        let tx = tx.clone();
        let server = tls.server.clone();
        std::thread::spawn(move || {
            let stream = match (transport, server) {
                (Transport::Tls, Some(config)) => match TlsStream::accept(socket, config, TLS_HANDSHAKE_TIMEOUT) {
                    Ok(s) => Stream::Tls(s),
                    Err(why) => {
                        // Nobody's transaction: the log says it (the place is given back).
                        tracing::warn!("tls {addr}: {why}; closing the connection");
                        return;
                    }
                },
                _ => Stream::Tcp(socket),
            };
            let (Ok(reader), Ok(writer), Ok(socket)) =
                (stream.try_clone(), stream.try_clone(), stream.socket().try_clone())
            else {
                return;
            };
            drop(stream);
            let (queue_tx, queue) = mpsc::sync_channel(TCP_WRITE_QUEUE);
            // The loop learns of the connection before its first message: a response to a
            // message from a connection it did not know yet would open a new one to the
            // peer's port (refused), and that failure would end this connection.
            if tx.send(Input::Connected(peer, Conn { queue: queue_tx, socket: Some(socket) })).is_err() {
                return;
            }
            let tx3 = tx.clone();
            std::thread::spawn(move || write_stream(Some(writer), peer, None, TlsConfigs::default(), queue, tx3));
            read_stream(reader, peer, tx, Some(place));
        });
    }
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
) -> io::Result<()> {
    let Sockets { udp, tcp, dns, tls_listener, tls } = sockets;
    match tls_listener.as_ref().map(TcpListener::local_addr).transpose()? {
        Some(t) => tracing::info!("listening on {} (UDP and TCP) and {t} (TLS)", udp.local_addr()?),
        None => tracing::info!("listening on {} (UDP and TCP)", udp.local_addr()?),
    }
    let (tx, rx) = mpsc::channel::<Input>();
    if let Some(dns) = &dns {
        let dns = dns.try_clone()?;
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 4096];
            loop {
                match dns.recv(&mut buf) {
                    Ok(n) => {
                        if tx.send(Input::Dns(buf[..n].to_vec())).is_err() {
                            break;
                        }
                    }
                    // ICMP port unreachable from a server that is down: its queries time out.
                    Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => continue,
                    Err(_) => break,
                }
            }
        });
    }
    {
        let udp = udp.try_clone()?;
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65_536];
            while let Ok((n, from)) = udp.recv_from(&mut buf) {
                if tx.send(Input::Packet(Peer { transport: Transport::Udp, addr: from }, buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
    }
    let counts = Arc::new(Mutex::new(Counts::default()));
    {
        let (tx, counts, tls) = (tx.clone(), counts.clone(), tls.clone());
        std::thread::spawn(move || accept_connections(tcp, Transport::Tcp, tls, counts, tx));
    }
    if let Some(listener) = tls_listener {
        let (tx, counts, tls) = (tx.clone(), counts.clone(), tls.clone());
        std::thread::spawn(move || accept_connections(listener, Transport::Tls, tls, counts, tx));
    }
    let start = Instant::now();
    let now = || start.elapsed().as_millis() as Millis;
    let mut conns: HashMap<Peer, Conn> = HashMap::new();
    let mut ended: HashMap<Peer, Ended> = HashMap::new();
    // Why a connection to a next hop could not be opened, until its Closed comes (just after).
    let mut failed: HashMap<Peer, String> = HashMap::new();
    loop {
        // Wake up at least every ADMISSION_CHECK to notice a lost event stream while idle.
        let wait = proxy.poll_timeout().map_or(ADMISSION_CHECK, |at| at.saturating_sub(now())).min(ADMISSION_CHECK);
        let input = match rx.recv_timeout(Duration::from_millis(wait)) {
            Ok(i) => Some(i),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        // Looked at after the wait, so the input that woke us is judged by the current rule.
        if !admitting() && proxy.admitting() {
            proxy.stop_admitting();
            tracing::warn!("draining {} transaction(s) in flight", proxy.in_flight(now()));
        }
        match input {
            Some(Input::Packet(peer, bytes)) => proxy.handle_packet(now(), peer, &bytes),
            Some(Input::Dns(bytes)) => proxy.handle_dns(now(), &bytes),
            Some(Input::Unreachable(peer, why)) => {
                proxy.handle_unreachable(now(), peer, &why);
                failed.insert(peer, why);
            }
            Some(Input::Connected(peer, conn)) => {
                ended.remove(&peer);
                conns.insert(peer, conn);
            }
            Some(Input::Closed(peer)) => {
                if let Some(conn) = conns.remove(&peer) {
                    conn.cut();
                }
                ended.retain(|_, e| e.at.elapsed() < RECONNECT_AFTER);
                ended.insert(peer, Ended { at: Instant::now(), why: failed.remove(&peer) });
            }
            None => {}
        }
        if proxy.poll_timeout().is_some_and(|at| at <= now()) {
            proxy.handle_timeout(now());
        }
        while let Some(out) = proxy.poll_output() {
            match out {
                Output::Transmit { to, bytes } => match to.transport {
                    Transport::Udp => {
                        if let Err(e) = udp.send_to(&bytes, to.addr) {
                            tracing::warn!("udp send to {}: {e}", to.addr);
                        }
                    }
                    Transport::Tcp | Transport::Tls => {
                        let name = proxy.server_name(to).map(str::to_owned);
                        send_stream(&mut conns, &mut ended, to, name, &tls, bytes, &tx)
                    }
                },
                Output::Event(record) => on_event(*record),
                Output::DnsQuery { bytes } => {
                    if let Some(Err(e)) = dns.as_ref().map(|s| s.send(&bytes)) {
                        tracing::warn!("dns query: {e}");
                    }
                }
                Output::Dropped { from, reason } => {
                    tracing::warn!("{:?} {}: dropped: {reason}", from.transport, from.addr)
                }
            }
        }
        if !proxy.admitting() && proxy.in_flight(now()) == 0 {
            return Ok(());
        }
    }
}

/// Queues `bytes` for the connection to `to`, opening one (on its writer thread) if there is
/// none. Never waits: a peer whose queue is full is disconnected.
fn send_stream(
    conns: &mut HashMap<Peer, Conn>,
    ended: &mut HashMap<Peer, Ended>,
    to: Peer,
    name: Option<String>,
    tls: &TlsConfigs,
    bytes: Vec<u8>,
    tx: &Sender<Input>,
) {
    let what = label(to);
    let conn = match conns.entry(to) {
        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
        std::collections::hash_map::Entry::Vacant(e) => {
            if let Some(e) = ended.get(&to).filter(|e| e.at.elapsed() < RECONNECT_AFTER) {
                tracing::debug!("{what} {}: its connection just ended; message dropped", to.addr);
                // A request's transaction learns of it (a transport error, §8.1.3.1).
                let secs = RECONNECT_AFTER.as_secs();
                let why = match &e.why {
                    Some(why) => format!("{why} (less than {secs} s ago)"),
                    None => format!("its {what} connection ended less than {secs} s ago"),
                };
                let _ = tx.send(Input::Unreachable(to, why));
                return;
            }
            let (queue_tx, queue) = mpsc::sync_channel(TCP_WRITE_QUEUE);
            let (tx, tls) = (tx.clone(), tls.clone());
            std::thread::spawn(move || write_stream(None, to, name, tls, queue, tx));
            e.insert(Conn { queue: queue_tx, socket: None })
        }
    };
    match conn.queue.try_send(bytes) {
        Ok(()) => {}
        Err(TrySendError::Full(_)) => {
            tracing::warn!(
                "{what} {}: {TCP_WRITE_QUEUE} messages waiting, the peer is not reading; disconnecting it",
                to.addr
            );
            if let Some(conn) = conns.remove(&to) {
                conn.cut();
            }
            ended.insert(to, Ended { at: Instant::now(), why: None });
        }
        Err(TrySendError::Disconnected(_)) => {
            conns.remove(&to);
        }
    }
}
