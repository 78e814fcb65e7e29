//! One TCP or TLS connection of the proxy's event loop ([`super::driver`]), non-blocking: each
//! call does what the socket allows now and never waits. What is read is framed into SIP
//! messages ([`Framer`]); what is to be sent waits in a buffer of at most [`WRITE_BUFFER`]
//! bytes while the peer is slow to read; TLS (rustls) sits between the two when the
//! connection is `sips`.

use super::framing::Framer;
use super::routing::{Peer, Transport};
use super::tls;
use mio::net::TcpStream;
use rustls::{ClientConfig, ClientConnection, Connection, ServerConfig, ServerConnection};
use std::io::{self, Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Bytes waiting to be sent on one connection; a peer that lets more pile up (it stopped
/// reading) is disconnected. Four messages of the largest size; Kamailio's `tcp_conn_wq_max`
/// default is 32 KiB.
pub const WRITE_BUFFER: usize = 256 * 1024;
/// What is read from one connection before the loop turns to the others: at most this many
/// messages, or bytes (a flood of small requests on one connection must not keep UDP and the
/// other connections waiting for the hundreds of answers and events it costs).
pub const READ_MESSAGES: usize = 32;
pub const READ_BUDGET: usize = 64 * 1024;
/// Bytes waiting that the socket has taken none of for this long end the connection.
pub const WRITE_STALL: Duration = Duration::from_secs(10);
/// How long opening a connection to a next hop may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// A connection with no byte for this long is closed (Kamailio's `tcp_connection_lifetime`
/// default; RFC 5626 keep-alives count as bytes).
pub const IDLE: Duration = Duration::from_secs(120);

/// Why a connection ends, for the log line: `warn`, or a debug line for the ordinary ends.
#[derive(Debug)]
pub struct End {
    pub why: String,
    pub warn: bool,
}

impl End {
    fn warn(why: impl Into<String>) -> End {
        End { why: why.into(), warn: true }
    }

    fn quiet(why: impl Into<String>) -> End {
        End { why: why.into(), warn: false }
    }
}

enum Phase {
    /// A connection to a next hop, not established yet.
    Connecting,
    /// TLS: the handshake is under way; nothing is sent or delivered before it ends.
    Handshaking,
    Open,
}

/// What one [`Stream::read`] got.
#[derive(Default)]
pub struct Reading {
    pub messages: Vec<Vec<u8>>,
    /// The read budget ([`READ_MESSAGES`], [`READ_BUDGET`]) ran out with bytes perhaps left:
    /// read again on the next turn.
    pub again: bool,
    /// The connection is over (after `messages`, which are still to be handled).
    pub end: Option<End>,
}

pub struct Stream {
    pub peer: Peer,
    socket: TcpStream,
    tls: Option<Connection>,
    phase: Phase,
    /// When the connection (or its TLS handshake) must be up by.
    deadline: Option<Instant>,
    last_read: Instant,
    /// Since when bytes have waited that the socket took none of.
    stalled_since: Option<Instant>,
    framer: Framer,
    /// Plaintext to send: `outbox[sent..]` is still to go.
    outbox: Vec<u8>,
    sent: usize,
    /// An accepted connection (it holds a place under the caps on accepted ones).
    pub accepted: bool,
}

impl Stream {
    /// A connection accepted from `peer`; over TLS its handshake (within
    /// [`tls::TLS_HANDSHAKE_TIMEOUT`]) comes first.
    pub fn accepted(
        peer: Peer,
        socket: TcpStream,
        tls: Option<&Arc<ServerConfig>>,
        now: Instant,
    ) -> Result<Stream, String> {
        let _ = socket.set_nodelay(true);
        let tls = match tls {
            Some(config) => Some(ServerConnection::new(config.clone()).map_err(|e| tls::describe(&e))?.into()),
            None => None,
        };
        Ok(Stream::new(peer, socket, tls, now, true))
    }

    /// Starts a connection to the next hop `peer`; over TLS, to a server that must prove it is
    /// `name` with a certificate `config` vouches for.
    pub fn connect(
        peer: Peer,
        tls: Option<(Arc<ClientConfig>, rustls_pki_types::ServerName<'static>)>,
        now: Instant,
    ) -> Result<Stream, String> {
        let tls = match tls {
            Some((config, name)) => Some(ClientConnection::new(config, name).map_err(|e| tls::describe(&e))?.into()),
            None => None,
        };
        let socket = TcpStream::connect(peer.addr).map_err(|e| format!("connect: {e}"))?;
        let mut s = Stream::new(peer, socket, tls, now, false);
        s.phase = Phase::Connecting;
        s.deadline = Some(now + CONNECT_TIMEOUT);
        Ok(s)
    }

    fn new(peer: Peer, socket: TcpStream, tls: Option<Connection>, now: Instant, accepted: bool) -> Stream {
        let (phase, deadline) = match tls {
            Some(_) => (Phase::Handshaking, Some(now + tls::TLS_HANDSHAKE_TIMEOUT)),
            None => (Phase::Open, None),
        };
        Stream {
            peer,
            socket,
            tls,
            phase,
            deadline,
            last_read: now,
            stalled_since: None,
            framer: Framer::default(),
            outbox: Vec::new(),
            sent: 0,
            accepted,
        }
    }

    pub fn socket(&mut self) -> &mut TcpStream {
        &mut self.socket
    }

    /// The label of the transport, for log lines.
    pub fn label(&self) -> &'static str {
        label(self.peer)
    }

    /// Queues `bytes` and sends what the socket takes now. Refused (the connection must end)
    /// when more than [`WRITE_BUFFER`] bytes would wait.
    pub fn send(&mut self, bytes: &[u8], now: Instant) -> Result<(), End> {
        let waiting = self.outbox.len() - self.sent;
        if waiting + bytes.len() > WRITE_BUFFER {
            return Err(End::warn(format!("{waiting} bytes waiting, the peer is not reading; disconnecting it")));
        }
        self.outbox.extend_from_slice(bytes);
        self.flush(now)
    }

    /// The socket can take bytes (or, while connecting, the connection is made or failed).
    pub fn writable(&mut self, now: Instant) -> Result<(), End> {
        if let Phase::Connecting = self.phase {
            if let Some(e) = self.socket.take_error().map_err(|e| End::warn(format!("connect: {e}")))? {
                return Err(End::warn(format!("connect: {e}")));
            }
            match self.socket.peer_addr() {
                Ok(_) => {}
                // Not yet: a readiness event that came early.
                Err(e) if e.kind() == io::ErrorKind::NotConnected => return Ok(()),
                Err(e) => return Err(End::warn(format!("connect: {e}"))),
            }
            let _ = self.socket.set_nodelay(true);
            (self.phase, self.deadline) = match self.tls {
                Some(_) => (Phase::Handshaking, Some(now + tls::TLS_HANDSHAKE_TIMEOUT)),
                None => (Phase::Open, None),
            };
        }
        self.flush(now)
    }

    /// Reads what has come, up to [`READ_MESSAGES`] messages or [`READ_BUDGET`] bytes.
    pub fn read(&mut self, now: Instant) -> Reading {
        let mut reading = Reading::default();
        if let Phase::Connecting = self.phase {
            return reading;
        }
        let mut chunk = [0u8; 16 * 1024];
        let mut taken = 0;
        loop {
            if taken >= READ_BUDGET || reading.messages.len() >= READ_MESSAGES {
                reading.again = true;
                break;
            }
            let n = match self.socket.read(&mut chunk) {
                Ok(0) => {
                    reading.end = Some(End::quiet("closed by the peer"));
                    break;
                }
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    reading.end = Some(End::quiet(format!("read: {e}")));
                    break;
                }
            };
            taken += n;
            self.last_read = now;
            let result = match self.tls.is_some() {
                true => self.take_tls(&chunk[..n], &mut reading, now),
                false => self.take_plain(&chunk[..n], &mut reading, now),
            };
            if let Err(end) = result {
                reading.end = Some(end);
                break;
            }
        }
        reading
    }

    fn take_plain(&mut self, bytes: &[u8], reading: &mut Reading, now: Instant) -> Result<(), End> {
        let framed = self.framer.push(bytes).map_err(|e| End::warn(format!("{e}; closing the connection")))?;
        reading.messages.extend(framed.messages);
        for _ in 0..framed.pongs {
            // RFC 5626 §4.4.1: a CRLFCRLF ping is answered with a CRLF pong.
            self.send(b"\r\n", now)?;
        }
        Ok(())
    }

    fn take_tls(&mut self, mut bytes: &[u8], reading: &mut Reading, now: Instant) -> Result<(), End> {
        while !bytes.is_empty() {
            let tls = self.tls.as_mut().expect("a TLS stream");
            let taken = tls.read_tls(&mut bytes).map_err(|e| End::warn(format!("TLS: {e}; closing the connection")))?;
            let state = match tls.process_new_packets() {
                Ok(state) => state,
                Err(e) => {
                    // Tell the peer why (the alert rustls queued), as far as the socket takes it.
                    let _ = tls.write_tls(&mut self.socket);
                    return Err(End::warn(format!("{}; closing the connection", tls::describe(&e))));
                }
            };
            let mut plain = vec![0u8; state.plaintext_bytes_to_read()];
            if !plain.is_empty() {
                tls.reader().read_exact(&mut plain).map_err(|e| End::warn(format!("TLS: {e}")))?;
            }
            let closed = state.peer_has_closed();
            if matches!(self.phase, Phase::Handshaking) && !tls.is_handshaking() {
                self.phase = Phase::Open;
                self.deadline = None;
            }
            if !plain.is_empty() {
                self.take_plain(&plain, reading, now)?;
            }
            if closed {
                return Err(End::quiet("closed by the peer (close_notify)"));
            }
            if taken == 0 {
                break;
            }
        }
        // The handshake's next flight, alerts, and what waited for the handshake to end.
        self.flush(now)
    }

    /// Sends what waits, as far as the socket takes it now.
    fn flush(&mut self, now: Instant) -> Result<(), End> {
        if let Phase::Connecting = self.phase {
            // Nothing goes out before the connection is known to be made, not even a
            // ClientHello (a write to a socket still connecting can fail in its own way).
            return Ok(());
        }
        let before = self.sent;
        let mut moved = false;
        let open = matches!(self.phase, Phase::Open);
        match self.tls.as_mut() {
            None if open => {
                while self.sent < self.outbox.len() {
                    match self.socket.write(&self.outbox[self.sent..]) {
                        Ok(n) => self.sent += n,
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(End::warn(format!("send: {e}; closing the connection"))),
                    }
                }
            }
            None => {}
            Some(tls) => loop {
                // rustls takes plaintext up to its own buffer's limit (64 KiB of records).
                while open && self.sent < self.outbox.len() {
                    match tls.writer().write(&self.outbox[self.sent..]) {
                        Ok(0) => break,
                        Ok(n) => self.sent += n,
                        Err(e) => return Err(End::warn(format!("TLS: {e}; closing the connection"))),
                    }
                }
                if !tls.wants_write() {
                    break;
                }
                match tls.write_tls(&mut self.socket) {
                    Ok(_) => moved = true,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(End::warn(format!("send: {e}; closing the connection"))),
                }
            },
        }
        let progressed = moved || self.sent != before;
        if self.sent == self.outbox.len() {
            self.outbox.clear();
            self.sent = 0;
        } else if self.sent > self.outbox.len() / 2 {
            self.outbox.drain(..self.sent);
            self.sent = 0;
        }
        let waiting = self.outbox.len() > self.sent || self.tls.as_ref().is_some_and(|t| t.wants_write());
        self.stalled_since = match (waiting, progressed, self.stalled_since) {
            (false, _, _) => None,
            (true, true, _) | (true, false, None) => Some(now),
            (true, false, since) => since,
        };
        Ok(())
    }

    /// Whether a deadline of this connection has passed at `now`: why it must end, if so.
    pub fn overdue(&self, now: Instant) -> Option<End> {
        if self.deadline.is_some_and(|d| d <= now) {
            return Some(End::warn(match self.phase {
                Phase::Connecting => format!("connect: not connected within {} s", CONNECT_TIMEOUT.as_secs()),
                _ => format!("TLS: handshake not finished within {} s", tls::TLS_HANDSHAKE_TIMEOUT.as_secs()),
            }));
        }
        if self.stalled_since.is_some_and(|at| now.duration_since(at) >= WRITE_STALL) {
            return Some(End::warn(format!(
                "{} bytes waiting and none taken for {} s; closing the connection",
                self.outbox.len() - self.sent,
                WRITE_STALL.as_secs()
            )));
        }
        if now.duration_since(self.last_read) >= IDLE {
            return Some(End::quiet(format!("idle for {} s; closing the connection", IDLE.as_secs())));
        }
        None
    }

    /// Whether the connection is still being made (TCP connect or TLS handshake).
    pub fn opening(&self) -> bool {
        !matches!(self.phase, Phase::Open)
    }

    /// Ends the connection: over TLS a `close_notify` first, as far as the socket takes it.
    pub fn close(mut self) {
        if let (Some(tls), Phase::Open) = (self.tls.as_mut(), &self.phase) {
            tls.send_close_notify();
            let _ = tls.write_tls(&mut self.socket);
        }
        let _ = self.socket.shutdown(std::net::Shutdown::Both);
    }
}

/// Lower-case name of a stream transport, for log lines.
pub fn label(peer: Peer) -> &'static str {
    match peer.transport {
        Transport::Tls => "tls",
        Transport::Tcp | Transport::Udp => "tcp",
    }
}
