//! The I/O edge of the proxy: one UDP socket and one TCP listener on the same address, threads
//! that turn packets and stream frames into events, and one loop that owns the [`Proxy`].
//!
//! The loop never waits on one peer: each TCP connection has a writer thread with a bounded
//! queue (a peer that stops reading fills it and is disconnected; nobody else waits), and
//! connections to next hops are opened by that thread, not the loop. Connections are capped in
//! total and per source address, and closed after [`TCP_IDLE`] without a byte.

use super::message::{frame, MAX_MESSAGE};
use super::proxy::{Output, Peer, Proxy, TransactionRecord, Transport};
use crate::time::Millis;
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
    /// A connection to a next hop could not be opened.
    Unreachable(SocketAddr),
    Connected(SocketAddr, Conn),
    Closed(SocketAddr),
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

/// Writes what the loop queues for one connection; ends it on a write that fails or stalls.
/// For a connection to a next hop, opens it first.
fn write_stream(stream: Option<TcpStream>, peer: SocketAddr, queue: Receiver<Vec<u8>>, tx: Sender<Input>) {
    let stream = match stream {
        Some(s) => s,
        None => match TcpStream::connect_timeout(&peer, TCP_CONNECT_TIMEOUT) {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                match s.try_clone() {
                    Ok(reader) => {
                        let tx = tx.clone();
                        std::thread::spawn(move || read_stream(reader, peer, tx, None));
                        s
                    }
                    Err(e) => {
                        tracing::warn!("tcp {peer}: {e}");
                        let _ = tx.send(Input::Closed(peer));
                        return;
                    }
                }
            }
            Err(e) => {
                tracing::warn!("tcp connect to {peer}: {e}");
                let _ = tx.send(Input::Unreachable(peer));
                let _ = tx.send(Input::Closed(peer));
                return;
            }
        },
    };
    let _ = stream.set_write_timeout(Some(TCP_WRITE_TIMEOUT));
    let mut stream = stream;
    for bytes in queue {
        if let Err(e) = stream.write_all(&bytes) {
            tracing::warn!("tcp send to {peer}: {e}; closing the connection");
            break;
        }
    }
    // The loop dropped its end (it disconnected the peer), or a write failed: the reader sees
    // the end of the stream and says Closed.
    let _ = stream.shutdown(Shutdown::Both);
}

fn read_stream(mut stream: TcpStream, peer: SocketAddr, tx: Sender<Input>, _place: Option<Counted>) {
    let _ = stream.set_read_timeout(Some(TCP_IDLE));
    let mut buf = Vec::with_capacity(8192);
    let mut chunk = [0u8; 8192];
    let mut keepalive = KeepAlive::default();
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                tracing::debug!("tcp {peer}: idle for {} s; closing the connection", TCP_IDLE.as_secs());
                let _ = stream.shutdown(Shutdown::Both);
                break;
            }
            Err(_) => break,
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
                    "tcp {peer}: {} keep-alive octets and no message; closing the connection",
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
                    if tx.send(Input::Packet(Peer { transport: Transport::Tcp, addr: peer }, packet)).is_err() {
                        return;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    // A stream that cannot be framed cannot be resynchronised: close it.
                    tracing::warn!("tcp {peer}: {e}; closing the connection");
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
}

impl Sockets {
    /// Binds UDP and TCP to `listen`. With port 0 the OS picks a port free for both (a few
    /// tries: UDP's port may be taken for TCP).
    pub fn bind(listen: SocketAddr) -> io::Result<Self> {
        let mut tries = if listen.port() == 0 { 20 } else { 1 };
        loop {
            let udp = crate::udp::bind(listen)?;
            match TcpListener::bind(udp.local_addr()?) {
                Ok(tcp) => return Ok(Sockets { udp, tcp, dns: None }),
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
    let Sockets { udp, tcp, dns } = sockets;
    tracing::info!("listening on {} (UDP and TCP)", udp.local_addr()?);
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
    {
        let tx = tx.clone();
        let counts = Arc::new(Mutex::new(Counts::default()));
        std::thread::spawn(move || {
            let mut refused_said_at: Option<Instant> = None;
            loop {
                let stream = match tcp.accept() {
                    Ok((s, _)) => s,
                    Err(e) => {
                        // Out of descriptors (EMFILE) or the like: back off and try again, while
                        // UDP is served on; the connections already up are not touched.
                        if refused_said_at.is_none_or(|at| at.elapsed() > Duration::from_secs(60)) {
                            tracing::warn!("tcp accept: {e}; backing off");
                            refused_said_at = Some(Instant::now());
                        }
                        std::thread::sleep(Duration::from_millis(100));
                        continue;
                    }
                };
                let Ok(peer) = stream.peer_addr() else { continue };
                let place = match admit_connection(&counts, peer.ip()) {
                    Ok(p) => p,
                    Err(why) => {
                        tracing::debug!("tcp {peer}: refused: {why}");
                        drop(stream);
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let (Ok(reader), Ok(socket)) = (stream.try_clone(), stream.try_clone()) else { continue };
                let (queue_tx, queue) = mpsc::sync_channel(TCP_WRITE_QUEUE);
                // The loop learns of the connection before its first message: a response to a
                // message from a connection it did not know yet would open a new one to the
                // peer's port (refused), and that failure would end this connection.
                if tx.send(Input::Connected(peer, Conn { queue: queue_tx, socket: Some(socket) })).is_err() {
                    break;
                }
                let tx2 = tx.clone();
                std::thread::spawn(move || read_stream(reader, peer, tx2, Some(place)));
                let tx3 = tx.clone();
                std::thread::spawn(move || write_stream(Some(stream), peer, queue, tx3));
            }
        });
    }
    let start = Instant::now();
    let now = || start.elapsed().as_millis() as Millis;
    let mut conns: HashMap<SocketAddr, Conn> = HashMap::new();
    let mut ended: HashMap<SocketAddr, Instant> = HashMap::new();
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
            Some(Input::Unreachable(addr)) => proxy.handle_unreachable(now(), Peer { transport: Transport::Tcp, addr }),
            Some(Input::Connected(peer, conn)) => {
                ended.remove(&peer);
                conns.insert(peer, conn);
            }
            Some(Input::Closed(peer)) => {
                if let Some(conn) = conns.remove(&peer) {
                    conn.cut();
                }
                ended.retain(|_, at| at.elapsed() < RECONNECT_AFTER);
                ended.insert(peer, Instant::now());
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
                    Transport::Tcp => send_tcp(&mut conns, &mut ended, to.addr, bytes, &tx),
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
fn send_tcp(
    conns: &mut HashMap<SocketAddr, Conn>,
    ended: &mut HashMap<SocketAddr, Instant>,
    to: SocketAddr,
    bytes: Vec<u8>,
    tx: &Sender<Input>,
) {
    let conn = match conns.entry(to) {
        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
        std::collections::hash_map::Entry::Vacant(e) => {
            if ended.get(&to).is_some_and(|at| at.elapsed() < RECONNECT_AFTER) {
                tracing::debug!("tcp {to}: its connection just ended; message dropped");
                // A request's transaction learns of it (a transport error, §8.1.3.1).
                let _ = tx.send(Input::Unreachable(to));
                return;
            }
            let (queue_tx, queue) = mpsc::sync_channel(TCP_WRITE_QUEUE);
            let tx = tx.clone();
            std::thread::spawn(move || write_stream(None, to, queue, tx));
            e.insert(Conn { queue: queue_tx, socket: None })
        }
    };
    match conn.queue.try_send(bytes) {
        Ok(()) => {}
        Err(TrySendError::Full(_)) => {
            tracing::warn!("tcp {to}: {TCP_WRITE_QUEUE} messages waiting, the peer is not reading; disconnecting it");
            if let Some(conn) = conns.remove(&to) {
                conn.cut();
            }
            ended.insert(to, Instant::now());
        }
        Err(TrySendError::Disconnected(_)) => {
            conns.remove(&to);
        }
    }
}
