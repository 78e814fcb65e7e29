//! The escalation caller's driver: one [`Link`] to the proxy (a UDP socket, or one TCP
//! connection), the [`Uac`] core, and one loop that waits for a packet, an input or the core's
//! next deadline. What an input is (a line of stdin, checked by the pipeline layer) is the
//! [`Caller`]'s business, not this module's.

use super::message::frame;
use super::routing::{Peer, Transport};
use super::stream::{CONNECT_TIMEOUT, WRITE_STALL};
use super::tls::{self, TlsStream, TLS_HANDSHAKE_TIMEOUT};
use super::uac::{CallEvent, CallRequest, Origin, Uac, UacOutput, MAX_EXPERTS};
use super::xif::HazardHeader;
use crate::dns::{self, Family, Lookup, Resolver};
use crate::inbox::{Inbox, Wait};
use crate::message::{IfMessage, Performative};
use crate::policy::Policy;
use crate::time::Millis;
use serde_json::Value;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

/// What a message asks of the caller.
#[derive(Debug)]
pub enum Ask {
    /// Not an escalation: nothing to call about.
    Nothing,
    Call(CallRequest),
    /// An escalation no call can be placed for, with the SIP-style status and reason reported.
    Unplaceable {
        status: u16,
        reason: String,
        origin: Origin,
    },
}

/// Decides what `msg` (already verified) asks: when it escalates (`escalate`, or a hazard that
/// auto-escalates), calls to every expert qualified for its hazard with a SIP address, at once
/// (at most [`MAX_EXPERTS`], in the policy's order).
pub fn ask(msg: &IfMessage, policy: &Policy) -> Ask {
    let auto = msg.hazard.as_ref().and_then(|h| h.auto_escalate).unwrap_or(false);
    if msg.performative != Performative::Escalate && !auto {
        return Ask::Nothing;
    }
    let origin = Origin {
        trace_id: msg.trace_id.clone(),
        conversation_id: Some(msg.conversation_id.clone()),
        hazard: msg.hazard.clone(),
    };
    let Some(kind) = msg.hazard.as_ref().and_then(|h| h.kind) else {
        return Ask::Unplaceable { status: 400, reason: "escalation without a hazard type".into(), origin };
    };
    let experts: Vec<String> =
        policy.experts_for(kind, "sip").filter_map(|e| e.address("sip")).take(MAX_EXPERTS).map(str::to_owned).collect();
    if experts.is_empty() {
        return Ask::Unplaceable { status: 404, reason: format!("no expert handles {kind} hazards"), origin };
    }
    let subject = msg
        .content
        .get("summary")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{kind} escalation from {}", msg.sender));
    Ask::Call(CallRequest {
        origin,
        experts,
        hazard: HazardHeader { kind, severity: msg.hazard.as_ref().and_then(|h| h.severity), auto_escalate: auto },
        trace_id: msg.trace_id.clone(),
        subject,
    })
}

/// An input to the caller's loop: a packet from the proxy, or one of the caller's own inputs.
pub enum CallerInput<L> {
    Packet(Vec<u8>),
    Input(L),
}

/// What the loop hands its inputs and events to.
pub trait Caller<L> {
    /// One input; `None` means the input has ended.
    fn input(&mut self, input: L) -> Option<Ask>;
    fn event(&mut self, event: CallEvent);
    /// False once no new calls may start (the event stream was lost).
    fn admitting(&self) -> bool;
}

/// Where the proxy named by `host` is (RFC 3263: NAPTR, SRV, then A or AAAA), asked of the DNS
/// server `server` before the caller starts: its destinations, in the order to try them.
pub fn resolve(host: &dns::SipHost, server: SocketAddr) -> io::Result<Vec<Peer>> {
    let any: SocketAddr = if server.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" }.parse().map_err(io::Error::other)?;
    let socket = UdpSocket::bind(any)?;
    socket.connect(server)?;
    let family = if server.is_ipv4() { Family::V4 } else { Family::V6 };
    let mut seed = [0u8; 8];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut seed);
    let mut resolver = Resolver::new(family, u64::from_le_bytes(seed));
    let start = Instant::now();
    let now = || start.elapsed().as_millis() as Millis;
    let mut buf = [0u8; 4096];
    loop {
        match resolver.lookup(now(), host) {
            Lookup::Ready(found) => return Ok(found.into_iter().map(Peer::from).collect()),
            Lookup::Failed(why) => return Err(io::Error::other(format!("DNS: {}: {why}", host.host))),
            Lookup::Pending => {}
        }
        // The resolver's queries, its server's answers and its timers, until the lookup ends
        // (its own retries and timeouts bound the wait).
        while resolver.poll_done().is_none() {
            while let Some(query) = resolver.poll_transmit() {
                match socket.send(&query) {
                    // An ICMP port unreachable for an earlier query: this one times out or not.
                    Err(e) if e.kind() != io::ErrorKind::ConnectionRefused => return Err(e),
                    _ => {}
                }
            }
            let wait = resolver.poll_timeout().map_or(1000, |at| at.saturating_sub(now())).max(1);
            socket.set_read_timeout(Some(Duration::from_millis(wait)))?;
            match socket.recv(&mut buf) {
                Ok(n) => {
                    if let Err(e) = resolver.handle_datagram(now(), &buf[..n]) {
                        tracing::debug!("DNS answer dropped: {e}");
                    }
                }
                // ICMP port unreachable from a server that is down: its queries time out.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                            | io::ErrorKind::ConnectionRefused
                    ) => {}
                Err(e) => return Err(e),
            }
            resolver.handle_timeout(now());
        }
    }
}

/// How the caller reaches the proxy: a UDP socket, or one TCP connection (`--via
/// sip:HOST:PORT;transport=tcp`) or TLS connection (`--via sips:HOST:PORT`) that carries every
/// call and the proxy's requests back.
pub enum Link {
    Udp { socket: UdpSocket, via: SocketAddr },
    Tcp { stream: TcpStream, via: SocketAddr },
    Tls { stream: TlsStream, via: SocketAddr },
}

impl Link {
    /// Binds (UDP, on `listen` or an ephemeral port of `via`'s family) or connects (TCP, from
    /// an ephemeral port, within [`CONNECT_TIMEOUT`]; TLS, then its handshake within
    /// [`TLS_HANDSHAKE_TIMEOUT`], the proxy's certificate checked against `tls_ca` for `name`,
    /// the domain it was found by, else its IP address).
    pub fn open(
        via: Peer,
        listen: Option<SocketAddr>,
        tls_ca: Option<&std::path::Path>,
        name: Option<&str>,
    ) -> io::Result<Link> {
        match via.transport {
            Transport::Udp => {
                let local = listen.unwrap_or_else(|| SocketAddr::new(via.addr.ip(), 0));
                Ok(Link::Udp { socket: UdpSocket::bind(local)?, via: via.addr })
            }
            Transport::Tcp | Transport::Tls => {
                // Checked before connecting: a missing CA file is the caller's mistake, not the
                // proxy's.
                let config = match (via.transport, tls_ca) {
                    (Transport::Tls, Some(ca)) => Some(tls::client_config(ca).map_err(io::Error::other)?),
                    (Transport::Tls, None) => {
                        return Err(io::Error::other("a TLS --via needs --tls-ca to check the proxy's certificate"))
                    }
                    _ => None,
                };
                let stream = TcpStream::connect_timeout(&via.addr, CONNECT_TIMEOUT)?;
                stream.set_write_timeout(Some(WRITE_STALL))?;
                stream.set_nodelay(true)?;
                let Some(config) = config else { return Ok(Link::Tcp { stream, via: via.addr }) };
                let name = tls::server_name(name, via.addr.ip());
                let stream =
                    TlsStream::connect(stream, config, name, TLS_HANDSHAKE_TIMEOUT).map_err(io::Error::other)?;
                stream.socket().set_read_timeout(None)?;
                stream.socket().set_write_timeout(Some(WRITE_STALL))?;
                Ok(Link::Tls { stream, via: via.addr })
            }
        }
    }

    /// The local address: the one the caller's Via and Contact name.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        match self {
            Link::Udp { socket, .. } => socket.local_addr(),
            Link::Tcp { stream, .. } => stream.local_addr(),
            Link::Tls { stream, .. } => stream.socket().local_addr(),
        }
    }

    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Link::Udp { socket, via } => socket.send_to(bytes, *via).map(|_| ()),
            Link::Tcp { stream, .. } => stream.write_all(bytes),
            Link::Tls { stream, .. } => stream.write_all(bytes),
        }
    }

    fn via(&self) -> SocketAddr {
        match self {
            Link::Udp { via, .. } | Link::Tcp { via, .. } | Link::Tls { via, .. } => *via,
        }
    }

    /// A thread that hands every packet (datagram, or message framed off the stream) to `feed`.
    fn spawn_reader<L: Send + 'static>(&self, feed: crate::inbox::Feed<CallerInput<L>>) -> io::Result<()> {
        match self {
            Link::Udp { socket, .. } => {
                let socket = socket.try_clone()?;
                std::thread::spawn(move || {
                    let mut buf = vec![0u8; 65_536];
                    while let Ok((n, _)) = socket.recv_from(&mut buf) {
                        if !feed.send(CallerInput::Packet(buf[..n].to_vec())) {
                            return;
                        }
                    }
                });
            }
            Link::Tcp { stream, via } => {
                let (stream, via) = (stream.try_clone()?, *via);
                std::thread::spawn(move || read_frames(stream, via, feed));
            }
            Link::Tls { stream, via } => {
                let (stream, via) = (stream.try_clone()?, *via);
                std::thread::spawn(move || read_frames(stream, via, feed));
            }
        }
        Ok(())
    }
}

/// Hands every message framed off `stream` to `feed`, until it ends.
fn read_frames<L: Send + 'static>(mut stream: impl Read, via: SocketAddr, feed: crate::inbox::Feed<CallerInput<L>>) {
    let (mut buf, mut chunk) = (Vec::new(), vec![0u8; 65_536]);
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        loop {
            match frame(&buf) {
                Ok(Some(n)) => {
                    if !feed.send(CallerInput::Packet(buf.drain(..n).collect())) {
                        return;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    // A stream that cannot be framed cannot be resynchronised.
                    tracing::warn!("{via}: {e}; closing the connection");
                    return;
                }
            }
        }
    }
    // Calls still under way end on their timers (408), not here.
    tracing::warn!("{via}: the proxy closed the connection");
}

/// Runs calls until the input has ended (or admission stopped) and every call is over. `inbox`
/// carries the caller's inputs already; the link's packets are added here.
pub fn run<L: Send + 'static>(
    mut uac: Uac,
    mut link: Link,
    mut inbox: Inbox<CallerInput<L>>,
    caller: &mut dyn Caller<L>,
) -> io::Result<()> {
    link.spawn_reader(inbox.sender())?;
    inbox.seal();
    let via = link.via();
    let start = Instant::now();
    let now = || start.elapsed().as_millis() as Millis;
    let mut input_open = true;
    while (input_open && caller.admitting()) || uac.active() > 0 {
        let deadline = uac.poll_timeout().map(|at| start + Duration::from_millis(at));
        match inbox.wait_until(deadline) {
            Wait::Input(CallerInput::Packet(p)) => uac.handle_packet(now(), &p),
            Wait::Input(CallerInput::Input(line)) if input_open && caller.admitting() => match caller.input(line) {
                None => input_open = false,
                Some(Ask::Nothing) => {}
                Some(Ask::Call(req)) => uac.start(now(), req),
                Some(Ask::Unplaceable { status, reason, origin }) => uac.fail_unplaced(origin, "", status, reason),
            },
            Wait::Input(CallerInput::Input(_)) | Wait::Deadline => {}
            Wait::Closed => input_open = false,
        }
        uac.handle_timeout(now());
        while let Some(o) = uac.poll_output() {
            match o {
                UacOutput::Transmit { bytes } => {
                    if let Err(e) = link.send(&bytes) {
                        tracing::warn!("send to {via}: {e}");
                    }
                }
                UacOutput::Event(ev) => caller.event(*ev),
            }
        }
    }
    Ok(())
}
