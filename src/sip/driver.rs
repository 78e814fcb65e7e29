//! The I/O edge of the proxy: one UDP socket and one TCP listener on the same address, threads
//! that turn packets and stream frames into events, and one loop that owns the [`Proxy`].

use super::message::{frame, MAX_MESSAGE};
use super::proxy::{Output, Peer, Proxy, TransactionRecord, Transport};
use crate::time::Millis;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// The longest the loop sleeps without looking at `admitting`.
const ADMISSION_CHECK: Millis = 250;

enum Input {
    Packet(Peer, Vec<u8>),
    Connected(SocketAddr, TcpStream),
    Closed(SocketAddr),
}

fn read_stream(mut stream: TcpStream, peer: SocketAddr, tx: Sender<Input>) {
    let mut buf = Vec::with_capacity(8192);
    let mut chunk = [0u8; 8192];
    let mut keepalive = KeepAlive::default();
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
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

/// The proxy's sockets: UDP and TCP on one address.
pub struct Sockets {
    udp: UdpSocket,
    tcp: TcpListener,
}

impl Sockets {
    /// Binds UDP and TCP to `listen`. With port 0 the OS picks a port free for both (a few
    /// tries: UDP's port may be taken for TCP).
    pub fn bind(listen: SocketAddr) -> io::Result<Self> {
        let mut tries = if listen.port() == 0 { 20 } else { 1 };
        loop {
            let udp = UdpSocket::bind(listen)?;
            match TcpListener::bind(udp.local_addr()?) {
                Ok(tcp) => return Ok(Sockets { udp, tcp }),
                Err(e) if tries > 1 && e.kind() == io::ErrorKind::AddrInUse => tries -= 1,
                Err(e) => return Err(e),
            }
        }
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
    let Sockets { udp, tcp } = sockets;
    tracing::info!("listening on {} (UDP and TCP)", udp.local_addr()?);
    let (tx, rx) = mpsc::channel::<Input>();
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
        std::thread::spawn(move || {
            for stream in tcp.incoming().flatten() {
                let Ok(peer) = stream.peer_addr() else { continue };
                let _ = stream.set_nodelay(true);
                let Ok(reader) = stream.try_clone() else { continue };
                let tx2 = tx.clone();
                std::thread::spawn(move || read_stream(reader, peer, tx2));
                if tx.send(Input::Connected(peer, stream)).is_err() {
                    break;
                }
            }
        });
    }
    let start = Instant::now();
    let now = || start.elapsed().as_millis() as Millis;
    let mut conns: HashMap<SocketAddr, TcpStream> = HashMap::new();
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
            Some(Input::Connected(peer, stream)) => {
                conns.insert(peer, stream);
            }
            Some(Input::Closed(peer)) => {
                conns.remove(&peer);
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
                    Transport::Tcp => {
                        if let Err(e) = send_tcp(&mut conns, to.addr, &bytes, &tx) {
                            tracing::warn!("tcp send to {}: {e}", to.addr);
                            conns.remove(&to.addr);
                        }
                    }
                },
                Output::Event(record) => on_event(*record),
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

fn send_tcp(
    conns: &mut HashMap<SocketAddr, TcpStream>,
    to: SocketAddr,
    bytes: &[u8],
    tx: &Sender<Input>,
) -> io::Result<()> {
    let stream = match conns.entry(to) {
        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
        std::collections::hash_map::Entry::Vacant(e) => {
            // No connection to this peer yet: open one, and read its responses like any other.
            let stream = TcpStream::connect_timeout(&to, Duration::from_secs(2))?;
            stream.set_nodelay(true)?;
            let reader = stream.try_clone()?;
            let tx = tx.clone();
            std::thread::spawn(move || read_stream(reader, to, tx));
            e.insert(stream)
        }
    };
    stream.write_all(bytes)
}
