//! The agent's driver: the signaling connection (a WebSocket client on a TCP stream), one UDP
//! socket for every peer (advertised as a 127.0.0.1 host candidate, or the address given), and
//! one loop that waits on an [`Inbox`] for stdin, signaling, packets or the next peer deadline.
//!
//! The mesh: every member of the room gets a connection. Of two agents, the one whose id sorts
//! first offers and the other answers, so two offers never cross (no glare, nothing to roll
//! back); a new offer from a peer replaces its connection (it restarted). A peer is gone when
//! the server says it left (its WebSocket closed: a killed agent is seen at once) or when its
//! connection dies (ICE, DTLS or the channel); the offerer of a pair whose connection died while
//! both are still present offers again.

use super::chunk::{self, Reassembly};
use super::events::{AgentEvent, Direction, MemberView};
use super::peer::{self, Addresses, Peer, PeerOutput};
use super::signal::{self, ServerFrame, SignalKind};
use super::turn::{BindingClient, BindingOutput, Credentials, Received, TurnClient, TurnOutput, BINDING_WAIT};
use crate::inbox::{Inbox, Wait};
use crate::websocket::{self, Incoming, Message, Role};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io;
use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

/// Parts waiting for one peer's channel (backpressure); beyond, a send fails.
pub const MAX_PENDING_BYTES: usize = 16 << 20;

/// What the loop waits for.
pub enum AgentInput<L> {
    /// A line of stdin, as the pipeline layer reads it.
    Stdin(L),
    Signal(ServerFrame),
    /// A text frame of Janus's API (`if-mesh join --janus`), from connection number `conn`.
    Janus {
        conn: u64,
        text: String,
    },
    /// A frame the WebSocket reader owes the server (a pong, the answer to a close), written by
    /// the loop: one writer, so frames never interleave on the stream.
    SignalReply(Vec<u8>),
    /// The WebSocket of connection number `conn` (0 for the signal server's one) ended, and why.
    SignalLost {
        conn: u64,
        why: String,
    },
    Packet {
        from: SocketAddr,
        bytes: Vec<u8>,
    },
}

/// What a line of stdin comes to.
pub enum Outgoing {
    /// A message to send, and to whom (an empty list: every member).
    Send { message: Vec<u8>, receivers: Vec<String> },
    /// Nothing to send (the host rejected and reported the line).
    Skip,
    /// Input has ended.
    Ended,
}

/// What the tool decides for the driver.
pub trait AgentHost<L> {
    fn outgoing(&mut self, line: L) -> Outgoing;
    /// A message received from `peer`: verify it and write it out, or say why not.
    fn deliver(&mut self, peer: &str, message: Vec<u8>) -> Result<(), (Option<String>, String)>;
    fn event(&mut self, event: AgentEvent);
    fn admitting(&self) -> bool;
}

pub struct AgentConfig {
    /// The signal server, `HOST:PORT`, and the WebSocket's path.
    pub signal: SocketAddr,
    pub path: String,
    /// The signed join message.
    pub join: serde_json::Value,
    /// Our agent id (the join message's sender).
    pub me: String,
    /// The UDP address to bind and advertise.
    pub bind: SocketAddr,
    /// A TURN server to allocate a relayed address on, for peers our own address cannot reach.
    pub turn: Option<TurnSetup>,
    /// A STUN server that tells us our address as it sees it (behind a NAT, the NAT's), offered
    /// as a server-reflexive candidate.
    pub stun: Option<SocketAddr>,
    pub max_message: usize,
    /// Leave the room once stdin ends and what was queued is sent.
    pub leave_on_eof: bool,
    /// How often to record the view of the mesh (`mesh.view`); none: never.
    pub view_every: Option<Duration>,
}

/// A TURN server (UDP, an IP address: no DNS) and its long-term credentials.
#[derive(Clone, Debug)]
pub struct TurnSetup {
    pub server: SocketAddr,
    pub credentials: Credentials,
    /// Offer only the relayed address (no host candidate): every path goes through the server.
    pub relay_only: bool,
}

/// A lost allocation is made again after this (the server may have restarted), and while that
/// fails, every [`REALLOCATE_RETRY`].
pub const REALLOCATE_AFTER_LOSS: Duration = Duration::from_millis(500);
pub const REALLOCATE_RETRY: Duration = Duration::from_secs(5);

/// How often the STUN server is asked again: often enough that a NAT keeps our mapping while no
/// peer uses it (Linux keeps an unanswered UDP mapping 30 s), and a changed mapping is noticed.
pub const STUN_REFRESH: Duration = Duration::from_secs(15);

/// How long an agent waits for its TURN allocation before it gives up (the request schedule's
/// own end is 39.5 s; an agent that cannot relay should say so sooner).
pub const TURN_ALLOCATE_WAIT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AgentError {
    #[error("TURN server {0}: {1}")]
    Turn(SocketAddr, String),
    #[error("signal server {0}: {1}")]
    Signal(SocketAddr, String),
    #[error("udp {0}: {1}")]
    Udp(SocketAddr, io::Error),
    #[error("refused by the signal server: {0}")]
    Refused(String),
    #[error("Janus {0}: {1}")]
    Janus(SocketAddr, String),
}

struct Link {
    peer: Peer,
    offerer: bool,
    started: Instant,
    pending: VecDeque<Vec<u8>>,
    pending_bytes: usize,
    reassembly: Reassembly,
}

struct Mesh<'a, L, H: AgentHost<L>> {
    config: &'a AgentConfig,
    host: &'a mut H,
    socket: UdpSocket,
    /// The candidates every connection offers.
    addresses: Addresses,
    /// The socket's address (the base of a relayed candidate).
    local: SocketAddr,
    turn: Option<(SocketAddr, TurnClient)>,
    /// The STUN server and its client, and when to ask it again.
    stun: Option<(SocketAddr, BindingClient)>,
    rebind_at: Option<Instant>,
    /// When to allocate again, after the allocation was lost.
    reallocate_at: Option<Instant>,
    /// Offers that came while there was no relayed address to answer with (relay only).
    deferred_offers: BTreeMap<String, String>,
    ws: websocket::Writer<TcpStream>,
    members: BTreeSet<String>,
    links: BTreeMap<String, Link>,
    welcomed: bool,
    room: Option<String>,
    _line: std::marker::PhantomData<L>,
}

/// Joins and runs the agent until the signaling connection ends, stdin ends (with
/// `leave_on_eof`), or the host stops admitting.
pub fn run<L: Send + 'static>(
    config: AgentConfig,
    mut inbox: Inbox<AgentInput<L>>,
    host: &mut impl AgentHost<L>,
) -> Result<(), AgentError> {
    let signal_err = |e: io::Error| AgentError::Signal(config.signal, e.to_string());
    let mut stream = TcpStream::connect_timeout(&config.signal, Duration::from_secs(10)).map_err(signal_err)?;
    stream.set_nodelay(true).map_err(signal_err)?;
    let early =
        websocket::client_handshake(&mut stream, &config.signal.to_string(), &config.path).map_err(signal_err)?;
    let mut ws = websocket::Writer::new(stream.try_clone().map_err(signal_err)?, Role::Client);
    ws.text(&signal::join_frame(&config.join)).map_err(signal_err)?;
    let socket = crate::udp::bind(config.bind).map_err(|e| AgentError::Udp(config.bind, e))?;
    let local = socket.local_addr().map_err(|e| AgentError::Udp(config.bind, e))?;
    tracing::info!("udp on {local}; joining {} at {}", config.me, config.signal);
    let (turn, turn_mapped) = match &config.turn {
        Some(setup) => {
            let (client, mapped) = allocate(&socket, setup)?;
            (Some((setup.server, client)), mapped.map(|m| (setup.server, m)))
        }
        None => (None, None),
    };
    let (stun, stun_mapped) = match config.stun {
        Some(server) => {
            let (client, mapped) = bind_reflexive(&socket, server);
            (Some((server, client)), Some((server, mapped)))
        }
        None => (None, None),
    };
    // A STUN server's answer, else the TURN server's view of us.
    let seen = match (stun_mapped, turn_mapped) {
        (Some((server, Ok(m))), _) => Some((server, Ok(m))),
        (_, Some((server, m))) => Some((server, Ok(m))),
        (stun, None) => stun,
    };
    if let Some((server, mapped)) = &seen {
        let (mapped, reason) = match mapped {
            Ok(m) => (Some(m.to_string()), None),
            Err(why) => (None, Some(why.clone())),
        };
        let host_addr = local.to_string();
        host.event(AgentEvent::Reflexive { server: server.to_string(), host: host_addr, mapped, reason });
    }
    // The same as the socket's own (no NAT between us and the server): nothing to offer.
    let reflexive = seen.and_then(|(_, m)| m.ok()).filter(|m| *m != local);
    let relayed = turn.as_ref().and_then(|(_, t)| t.relayed());
    let relay_only = config.turn.as_ref().is_some_and(|t| t.relay_only);
    let addresses = Addresses {
        host: (!relay_only).then_some(local),
        reflexive: reflexive.filter(|_| !relay_only),
        relayed: relayed.map(|r| (r, local)),
    };
    spawn_ws_reader(stream, early, inbox.sender(), signal::MAX_FRAME, 0, |text| {
        signal::parse_server(&text).map(AgentInput::Signal).map_err(|e| format!("bad frame from the server: {e}"))
    });
    spawn_udp_reader(socket.try_clone().map_err(|e| AgentError::Udp(local, e))?, inbox.sender());
    inbox.seal();
    let mut mesh = Mesh {
        config: &config,
        host,
        socket,
        addresses,
        local,
        turn,
        rebind_at: stun.as_ref().map(|_| Instant::now() + STUN_REFRESH),
        stun,
        reallocate_at: None,
        deferred_offers: BTreeMap::new(),
        ws,
        members: BTreeSet::new(),
        links: BTreeMap::new(),
        welcomed: false,
        room: None,
        _line: std::marker::PhantomData,
    };
    let mut leaving: Option<Instant> = None;
    let mut next_view = config.view_every.map(|every| Instant::now() + every);
    while mesh.host.admitting() {
        let turn_next = mesh.turn.as_ref().and_then(|(_, t)| t.poll_timeout()).into_iter().chain(mesh.reallocate_at);
        let stun_next = mesh.stun.as_ref().and_then(|(_, s)| s.poll_timeout()).into_iter().chain(mesh.rebind_at);
        let turn_next = turn_next.chain(stun_next);
        let next = mesh.links.values().map(|l| l.peer.poll_timeout()).chain(turn_next).chain(next_view).min();
        let tick = Instant::now() + Duration::from_millis(500);
        let deadline = next.map_or(tick, |n| n.min(tick));
        match inbox.wait_until(Some(deadline)) {
            Wait::Input(AgentInput::Stdin(line)) => match mesh.host.outgoing(line) {
                Outgoing::Send { message, receivers } => mesh.send(&message, &receivers),
                Outgoing::Skip => {}
                Outgoing::Ended if config.leave_on_eof && leaving.is_none() => leaving = Some(Instant::now()),
                Outgoing::Ended => {}
            },
            Wait::Input(AgentInput::Signal(frame)) => mesh.signal(frame)?,
            Wait::Input(AgentInput::Janus { .. }) => {}
            Wait::Input(AgentInput::SignalReply(frame)) => {
                if let Err(e) = mesh.ws.raw(&frame) {
                    tracing::debug!("signaling: {e}");
                }
            }
            Wait::Input(AgentInput::SignalLost { why, .. }) => return Err(AgentError::Signal(config.signal, why)),
            Wait::Input(AgentInput::Packet { from, bytes }) => mesh.packet(from, &bytes),
            Wait::Deadline => {}
            Wait::Closed => break,
        }
        let now = Instant::now();
        for link in mesh.links.values_mut() {
            link.peer.handle_timeout(now);
        }
        if let Some((_, turn)) = mesh.turn.as_mut() {
            turn.handle_timeout(now);
        }
        if mesh.reallocate_at.is_some_and(|at| at <= now) {
            mesh.reallocate(now);
        }
        mesh.rebind(now);
        mesh.outputs();
        mesh.turn_outputs();
        mesh.stun_outputs();
        if let (Some(at), Some(every)) = (next_view, config.view_every) {
            if now >= at {
                mesh.view();
                next_view = Some(now + every);
            }
        }
        if let Some(since) = leaving {
            let drained = mesh.links.values().all(|l| l.pending.is_empty());
            if drained || now - since > Duration::from_secs(5) {
                if let Some((_, turn)) = mesh.turn.as_mut() {
                    turn.release();
                }
                mesh.turn_outputs();
                let _ = mesh.ws.text(r#"{"type":"leave"}"#);
                let _ = mesh.ws.close(1000, "leaving");
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Allocates a relayed address on the TURN server, on the agent's socket, before anything else
/// uses it (the reader thread starts after); with it, our address as the server saw it.
fn allocate(socket: &UdpSocket, setup: &TurnSetup) -> Result<(TurnClient, Option<SocketAddr>), AgentError> {
    let mut prefix = [0u8; 4];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut prefix);
    let mut client = TurnClient::new(Instant::now(), setup.credentials.clone(), prefix);
    let (relayed, mapped) = talk_before_start(socket, setup.server, TURN_ALLOCATE_WAIT, &mut client)
        .map_err(|why| AgentError::Turn(setup.server, why))?;
    let seen = mapped.map_or(String::new(), |m| format!(", which sees us at {m}"));
    tracing::info!("relayed address {relayed} on TURN server {}{seen}", setup.server);
    Ok((client, mapped))
}

/// Asks the STUN server for our address as it sees it, before the reader thread starts. Never
/// fatal: without an answer the agent goes on with its host candidate (the client asks again
/// every [`STUN_REFRESH`]).
fn bind_reflexive(socket: &UdpSocket, server: SocketAddr) -> (BindingClient, Result<SocketAddr, String>) {
    let mut client = BindingClient::new(Instant::now(), random_txid());
    // The client gives up by itself after BINDING_WAIT; the bound here only backs that up.
    let mapped = talk_before_start(socket, server, BINDING_WAIT * 2, &mut client);
    match &mapped {
        Ok(m) => tracing::info!("STUN server {server} sees us at {m}"),
        Err(why) => tracing::warn!("STUN server {server}: {why}; going on with the host candidate only"),
    }
    (client, mapped)
}

fn random_txid() -> [u8; 12] {
    let mut txid = [0u8; 12];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut txid);
    txid
}

/// A client of one STUN or TURN server that [`talk_before_start`] can drive.
trait ServerTalk {
    type Done;
    /// What to do next: a datagram for the server, or the end.
    fn next_step(&mut self) -> Option<Step<Self::Done>>;
    fn handle(&mut self, now: Instant, bytes: &[u8]);
    fn handle_timeout(&mut self, now: Instant);
    fn poll_timeout(&self) -> Option<Instant>;
}

enum Step<D> {
    Transmit(Vec<u8>),
    Done(D),
    Failed(String),
}

impl ServerTalk for TurnClient {
    type Done = (SocketAddr, Option<SocketAddr>);

    fn next_step(&mut self) -> Option<Step<Self::Done>> {
        loop {
            return match self.poll_output()? {
                TurnOutput::Transmit(bytes) => Some(Step::Transmit(bytes)),
                TurnOutput::Allocated { relayed, mapped } => Some(Step::Done((relayed, mapped))),
                TurnOutput::Failed(why) => Some(Step::Failed(why)),
                TurnOutput::Refreshed => continue,
            };
        }
    }

    fn handle(&mut self, now: Instant, bytes: &[u8]) {
        self.handle_packet(now, bytes);
    }

    fn handle_timeout(&mut self, now: Instant) {
        TurnClient::handle_timeout(self, now);
    }

    fn poll_timeout(&self) -> Option<Instant> {
        TurnClient::poll_timeout(self)
    }
}

impl ServerTalk for BindingClient {
    type Done = SocketAddr;

    fn next_step(&mut self) -> Option<Step<SocketAddr>> {
        Some(match self.poll_output()? {
            BindingOutput::Transmit(bytes) => Step::Transmit(bytes),
            BindingOutput::Mapped(mapped) => Step::Done(mapped),
            BindingOutput::Failed(why) => Step::Failed(why),
        })
    }

    fn handle(&mut self, _now: Instant, bytes: &[u8]) {
        self.handle_packet(bytes);
    }

    fn handle_timeout(&mut self, now: Instant) {
        BindingClient::handle_timeout(self, now);
    }

    fn poll_timeout(&self) -> Option<Instant> {
        BindingClient::poll_timeout(self)
    }
}

/// Talks to `server` on the agent's socket until `client` is done, or `wait` is over, before
/// the reader thread starts (so every answer on the socket is for it to read).
fn talk_before_start<C: ServerTalk>(
    socket: &UdpSocket,
    server: SocketAddr,
    wait: Duration,
    client: &mut C,
) -> Result<C::Done, String> {
    let started = Instant::now();
    let mut buf = vec![0u8; 2048];
    let result = 'talk: loop {
        while let Some(step) = client.next_step() {
            match step {
                Step::Transmit(bytes) => {
                    if let Err(e) = socket.send_to(&bytes, server) {
                        break 'talk Err(e.to_string());
                    }
                }
                Step::Done(done) => break 'talk Ok(done),
                Step::Failed(why) => break 'talk Err(why),
            }
        }
        let now = Instant::now();
        if now - started > wait {
            break Err(format!("no answer within {} s", wait.as_secs()));
        }
        let until = client.poll_timeout().unwrap_or(now).min(started + wait);
        let timeout = until.saturating_duration_since(now).max(Duration::from_millis(1));
        if let Err(e) = socket.set_read_timeout(Some(timeout)) {
            break Err(e.to_string());
        }
        match socket.recv_from(&mut buf) {
            Ok((n, from)) if from == server => client.handle(Instant::now(), &buf[..n]),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted
                ) => {}
            // ICMP port unreachable: nothing listens there.
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                break Err("nothing answers there (port unreachable)".into())
            }
            Err(e) => break Err(e.to_string()),
        }
        client.handle_timeout(Instant::now());
    };
    // The reader thread's clone of the socket shares this timeout: it must wait for ever.
    socket.set_read_timeout(None).map_err(|e| e.to_string())?;
    result
}

/// Reads a WebSocket's text frames into the inbox as `parse` makes them inputs (the signal
/// server's frames, or Janus's); the connection's end, or a frame `parse` refuses, is
/// [`AgentInput::SignalLost`].
pub(super) fn spawn_ws_reader<L: Send + 'static>(
    stream: TcpStream,
    early: Vec<u8>,
    feed: crate::inbox::Feed<AgentInput<L>>,
    max_frame: usize,
    conn: u64,
    parse: impl Fn(String) -> Result<AgentInput<L>, String> + Send + 'static,
) {
    std::thread::spawn(move || {
        let mut incoming = Incoming::new(stream, Role::Client, max_frame);
        incoming.push(&early);
        loop {
            let mut replies = Vec::new();
            let got = incoming.read_message(&mut replies);
            for r in replies {
                if !feed.send(AgentInput::SignalReply(r)) {
                    return;
                }
            }
            let lost = match got {
                Ok(Some(Ok(Message::Text(text)))) => match parse(text) {
                    Ok(input) => {
                        if !feed.send(input) {
                            return;
                        }
                        continue;
                    }
                    Err(e) => e,
                },
                Ok(Some(Ok(Message::Binary(_)))) => "binary frame from the server".into(),
                Ok(Some(Ok(Message::Closed(code)))) => format!("closed by the server ({code:?})"),
                Ok(Some(Err(e))) => format!("bad WebSocket frame: {e}"),
                Ok(None) => "connection closed".into(),
                Err(e) => e.to_string(),
            };
            feed.send(AgentInput::SignalLost { conn, why: lost });
            return;
        }
    });
}

pub(super) fn spawn_udp_reader<L: Send + 'static>(socket: UdpSocket, feed: crate::inbox::Feed<AgentInput<L>>) {
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 2048];
        loop {
            match socket.recv_from(&mut buf) {
                Ok((n, from)) => {
                    if !feed.send(AgentInput::Packet { from, bytes: buf[..n].to_vec() }) {
                        return;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                // ICMP port unreachable from a peer that died, reported on the next receive.
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {}
                Err(e) => {
                    tracing::error!("udp: {e}");
                    return;
                }
            }
        }
    });
}

impl<L, H: AgentHost<L>> Mesh<'_, L, H> {
    fn signal(&mut self, frame: ServerFrame) -> Result<(), AgentError> {
        match frame {
            ServerFrame::Welcome { room, members, .. } => {
                self.welcomed = true;
                self.room = Some(room.clone());
                self.host.event(AgentEvent::Welcome { room, members: members.clone() });
                for m in members {
                    self.member_joined(m);
                }
            }
            ServerFrame::Refused { reason } => return Err(AgentError::Refused(reason)),
            ServerFrame::Joined { agent } => self.member_joined(agent),
            ServerFrame::Left { agent, reason } => {
                self.members.remove(&agent);
                self.links.remove(&agent);
                self.deferred_offers.remove(&agent);
                self.host.event(AgentEvent::PeerGone { peer: agent, reason: format!("left the room: {reason}") });
            }
            ServerFrame::Signal { from, kind, sdp } => self.relayed(from, kind, sdp),
            ServerFrame::Error { reason } => tracing::warn!("signal server: {reason}"),
        }
        Ok(())
    }

    fn member_joined(&mut self, agent: String) {
        if agent == self.config.me {
            return;
        }
        self.members.insert(agent.clone());
        // A member that rejoined has a new connection to make: the old one is dead.
        if self.links.remove(&agent).is_some() {
            self.host.event(AgentEvent::PeerGone { peer: agent.clone(), reason: "rejoined".into() });
        }
        if self.config.me < agent {
            self.offer_to(agent);
        }
    }

    /// A datagram on our socket: from the TURN server (a peer's, relayed to our relayed
    /// address, or the server's own answer), or from a peer directly to our host address.
    fn packet(&mut self, from: SocketAddr, bytes: &[u8]) {
        let now = Instant::now();
        if let Some((server, client)) = self.stun.as_mut() {
            if *server == from && client.handle_packet(bytes) {
                return;
            }
        }
        let relayed = match self.turn.as_mut() {
            Some((server, turn)) if *server == from => match (turn.handle_packet(now, bytes), turn.relayed()) {
                (Received::Data { peer, data }, Some(relayed)) => Some((peer, relayed, data)),
                _ => return,
            },
            _ => None,
        };
        let (from, to, bytes): (SocketAddr, SocketAddr, &[u8]) = match (&relayed, self.addresses.host) {
            (Some((peer, relayed, data)), _) => (*peer, *relayed, data),
            (None, Some(host)) => (from, host, bytes),
            // Relay only: nothing reaches us but through the server.
            (None, None) => return,
        };
        if let Some(link) = self.links.values_mut().find(|l| l.peer.accepts(now, from, to, bytes)) {
            link.peer.handle_packet(now, from, to, bytes);
        }
    }

    /// Records the view of the mesh: every member, its connection's state, path and round trip.
    fn view(&mut self) {
        let Some(room) = self.room.clone() else { return };
        let members = self
            .members
            .iter()
            .map(|peer| {
                let link = self.links.get(peer);
                let stats = link.and_then(|l| l.peer.stats());
                let relayed = self.addresses.relayed.map(|(r, _)| r);
                MemberView {
                    peer: peer.clone(),
                    state: match link {
                        Some(l) if l.peer.is_open() => "open",
                        Some(_) => "connecting",
                        None => "none",
                    },
                    offerer: link.map(|l| l.offerer),
                    path: stats.map(|s| if relayed == Some(s.local) { "relay" } else { "host" }),
                    local: stats.map(|s| s.local.to_string()),
                    remote: stats.map(|s| s.remote.to_string()),
                    rtt_us: stats.and_then(|s| s.rtt).map(|d| d.as_micros() as u64),
                    bytes_sent: stats.map(|s| s.bytes_sent),
                    bytes_received: stats.map(|s| s.bytes_received),
                }
            })
            .collect();
        self.host.event(AgentEvent::View { room, members });
    }

    /// What the TURN client has for the server, or to say.
    fn turn_outputs(&mut self) {
        let Some(server) = self.turn.as_ref().map(|(server, _)| *server) else { return };
        let mut allocated = None;
        let mut refreshed = false;
        while let Some(output) = self.turn.as_mut().and_then(|(_, t)| t.poll_output()) {
            match output {
                TurnOutput::Transmit(bytes) => {
                    if let Err(e) = self.socket.send_to(&bytes, server) {
                        tracing::debug!("udp to TURN server {server}: {e}");
                    }
                }
                TurnOutput::Allocated { relayed, .. } => {
                    tracing::info!("relayed address {relayed} on TURN server {server} (allocated again)");
                    allocated = Some(relayed);
                }
                TurnOutput::Refreshed => refreshed = true,
                TurnOutput::Failed(why) => {
                    let lost = self.addresses.relayed.map(|(r, _)| r);
                    let again = if lost.is_some() { REALLOCATE_AFTER_LOSS } else { REALLOCATE_RETRY };
                    tracing::error!(
                        "{why}: peers are not reached through {server}; allocating again in {} ms",
                        again.as_millis()
                    );
                    self.addresses.relayed = None;
                    self.reallocate_at = Some(Instant::now() + again);
                    // Connections through the lost allocation have no path: known now rather than
                    // when ICE gives up on them (tens of seconds). They are kept, and ICE is
                    // restarted on them with the new allocation; RESTART_WAIT bounds the wait.
                    let now = Instant::now();
                    let relay_only = self.addresses.host.is_none();
                    for (name, link) in self.links.iter_mut() {
                        if relay_only || link.peer.stats().map(|s| s.local) == lost {
                            link.peer.path_lost(now);
                            let reason = "TURN allocation lost".into();
                            self.host.event(AgentEvent::PathLost { peer: name.clone(), reason });
                        }
                    }
                }
            }
        }
        // A new relayed address: the connections whose path went through the old one restart
        // ICE with it, whichever side offered them (a glare is settled in `relayed`); one still
        // opening is offered anew, and so is a member we offer to and have none with.
        if let Some(relayed) = allocated {
            self.addresses.relayed = Some((relayed, self.local));
            // A member whose offer waits for us (deferred, answered below) gets that answer
            // instead: restarting too would cross its restart.
            let members: Vec<String> =
                self.members.iter().filter(|m| !self.deferred_offers.contains_key(*m)).cloned().collect();
            for member in members {
                match self.links.get(&member) {
                    Some(link) if link.peer.is_open() && link.peer.lost_since().is_some() => self.restart_ice(member),
                    Some(link) if link.peer.is_open() => {}
                    Some(_) if self.config.me < member => {
                        self.links.remove(&member);
                        self.host.event(AgentEvent::PeerGone {
                            peer: member.clone(),
                            reason: "relayed address replaced while connecting".into(),
                        });
                        self.offer_to(member);
                    }
                    Some(_) => {}
                    None if self.config.me < member => self.offer_to(member),
                    None => {}
                }
            }
        }
        // Offers held for a relayed address, or until the allocation was known to stand.
        if (allocated.is_some() || refreshed) && self.can_connect() {
            let now = Instant::now();
            for (from, offer) in std::mem::take(&mut self.deferred_offers) {
                if self.members.contains(&from) {
                    self.answer(now, from, &offer);
                }
            }
        }
    }

    /// A new allocation on the same server, after the last one was lost.
    /// Asks the STUN server again, when it is time.
    fn rebind(&mut self, now: Instant) {
        let Some((_, client)) = self.stun.as_mut() else { return };
        client.handle_timeout(now);
        if self.rebind_at.is_some_and(|at| at <= now) {
            client.rebind(now, random_txid());
            self.rebind_at = Some(now + STUN_REFRESH);
        }
    }

    /// The STUN client's datagrams, and a changed view of our address: new offers and ICE
    /// restarts offer the new one (open connections keep their own mappings alive).
    fn stun_outputs(&mut self) {
        let Some(server) = self.stun.as_ref().map(|(server, _)| *server) else { return };
        while let Some(output) = self.stun.as_mut().and_then(|(_, c)| c.poll_output()) {
            match output {
                BindingOutput::Transmit(bytes) => {
                    if let Err(e) = self.socket.send_to(&bytes, server) {
                        tracing::debug!("udp to STUN server {server}: {e}");
                    }
                }
                BindingOutput::Mapped(mapped) => {
                    let reflexive = Some(mapped).filter(|m| *m != self.local && self.addresses.host.is_some());
                    if reflexive != self.addresses.reflexive {
                        tracing::info!("STUN server {server} sees us at {mapped} now");
                        self.addresses.reflexive = reflexive;
                        self.host.event(AgentEvent::Reflexive {
                            server: server.to_string(),
                            host: self.local.to_string(),
                            mapped: Some(mapped.to_string()),
                            reason: None,
                        });
                    }
                }
                // The last address is kept; asked again at the next refresh.
                BindingOutput::Failed(why) => tracing::debug!("STUN server {server}: {why}"),
            }
        }
    }

    fn reallocate(&mut self, now: Instant) {
        self.reallocate_at = None;
        let Some(setup) = self.config.turn.as_ref() else { return };
        let mut prefix = [0u8; 4];
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut prefix);
        self.turn = Some((setup.server, TurnClient::new(now, setup.credentials.clone(), prefix)));
        self.turn_outputs();
    }

    /// Whether connections can be made now: not while relay-only without a relayed address.
    fn can_connect(&self) -> bool {
        self.addresses.host.is_some() || self.addresses.relayed.is_some()
    }

    /// Restarts ICE on the connection to `agent` (its path was lost): a new offer on the same
    /// DTLS and SCTP association, with our current candidates.
    fn restart_ice(&mut self, agent: String) {
        if !self.can_connect() {
            // Restarted once the relayed address is back (`turn_outputs`).
            return;
        }
        let addresses = self.addresses;
        let Some(link) = self.links.get_mut(&agent) else { return };
        match link.peer.restart_offer(Instant::now(), addresses) {
            Ok(sdp) => {
                self.send_signal(&agent, SignalKind::Offer, &sdp);
            }
            Err(e) => tracing::warn!("ICE restart to {agent}: {e}"),
        }
    }

    fn offer_to(&mut self, agent: String) {
        if !self.can_connect() {
            // Offered once the relayed address is back (`turn_outputs`).
            tracing::info!("offer to {agent} waits for a relayed address");
            return;
        }
        let now = Instant::now();
        match Peer::offer(now, self.addresses) {
            Ok((peer, sdp)) => {
                self.send_signal(&agent, SignalKind::Offer, &sdp);
                self.links.insert(agent, link(peer, true, now, self.config.max_message));
            }
            Err(e) => tracing::error!("offer to {agent}: {e}"),
        }
    }

    /// Drops the connection to `from` unless `offer` restarts it (answered later, on it).
    fn drop_unless_restart(&mut self, from: &str, offer: &str) {
        if !self.links.get_mut(from).is_some_and(|l| l.peer.same_remote(offer)) {
            self.links.remove(from);
        }
    }

    /// Sends an SDP to `to` through the server, on the record first (every SDP precedes the
    /// connection it sets up).
    fn send_signal(&mut self, to: &str, kind: SignalKind, sdp: &str) {
        let direction = Direction::Sent;
        self.host.event(AgentEvent::Sdp { peer: to.to_owned(), direction, kind, sdp: sdp.to_owned() });
        if let Err(e) = self.ws.text(&signal::signal_frame(to, kind, sdp)) {
            tracing::error!("signaling: {e}");
        }
    }

    /// Answers `offer` from `from`: an ICE restart of the connection we have with it (the same
    /// DTLS certificate), or a new connection, which replaces any other (the peer restarted).
    fn answer(&mut self, now: Instant, from: String, offer: &str) {
        let addresses = self.addresses;
        let restart = self.links.get_mut(&from).is_some_and(|l| l.peer.same_remote(offer));
        if let Some(link) = self.links.get_mut(&from).filter(|_| restart) {
            // A glare (both restarted at once): the agent whose id sorts first keeps its own
            // offer, the other takes this one, as in the first offer's rule.
            if link.peer.offering() && self.config.me < from {
                tracing::debug!("ICE restart from {from} while ours is pending: ours stands");
                return;
            }
            match link.peer.accept_restart(now, addresses, offer) {
                Ok(answer) => {
                    self.send_signal(&from, SignalKind::Answer, &answer);
                }
                Err(e) => tracing::warn!("ICE restart from {from}: {e}"),
            }
            return;
        }
        match Peer::answer(now, self.addresses, offer) {
            Ok((peer, answer)) => {
                self.members.insert(from.clone());
                self.send_signal(&from, SignalKind::Answer, &answer);
                self.links.insert(from, link(peer, false, now, self.config.max_message));
            }
            Err(e) => tracing::warn!("offer from {from}: {e}"),
        }
    }

    fn relayed(&mut self, from: String, kind: SignalKind, sdp: String) {
        self.host.event(AgentEvent::Sdp { peer: from.clone(), direction: Direction::Received, kind, sdp: sdp.clone() });
        let now = Instant::now();
        // Through a relay, the peer's checks reach us only once we permit its addresses.
        if let Some((_, turn)) = self.turn.as_mut() {
            for addr in peer::candidate_addresses(&sdp) {
                turn.permit(now, addr.ip());
            }
        }
        match kind {
            SignalKind::Offer if !self.can_connect() => {
                tracing::info!("offer from {from} answered once a relayed address is back");
                self.members.insert(from.clone());
                self.drop_unless_restart(&from, &sdp);
                self.deferred_offers.insert(from, sdp);
            }
            // A new offer for a connection we have: its path may have died with our
            // allocation (the server restarted). Answered once the server says it stands, or
            // with the new one.
            SignalKind::Offer if self.turn.is_some() && self.links.contains_key(&from) => {
                self.drop_unless_restart(&from, &sdp);
                self.deferred_offers.insert(from, sdp);
                if let Some((_, turn)) = self.turn.as_mut() {
                    turn.probe(now);
                }
                self.turn_outputs();
            }
            SignalKind::Offer => self.answer(now, from, &sdp),
            SignalKind::Answer => match self.links.get_mut(&from).map(|l| l.peer.accept_answer(&sdp)) {
                Some(Ok(())) => {}
                Some(Err(e)) => tracing::warn!("answer from {from}: {e}"),
                None => tracing::warn!("answer from {from}, to no offer of ours"),
            },
            SignalKind::Candidate => {
                if let Some(Err(e)) = self.links.get_mut(&from).map(|l| l.peer.add_remote_candidate(&sdp)) {
                    tracing::warn!("candidate from {from}: {e}");
                }
            }
        }
    }

    /// Sends `message` to `receivers` that are members (every member when none is named).
    fn send(&mut self, message: &[u8], receivers: &[String]) {
        let targets: Vec<String> =
            if receivers.is_empty() { self.members.iter().cloned().collect() } else { receivers.to_vec() };
        let parts = chunk::split(message);
        for to in targets {
            if to == self.config.me {
                continue;
            }
            let Some(link) = self.links.get_mut(&to) else {
                let reason = if self.members.contains(&to) { "channel-closed" } else { "not-a-member" };
                self.host.event(AgentEvent::SendFailed { to, reason: reason.into() });
                continue;
            };
            let size: usize = parts.iter().map(Vec::len).sum();
            if link.pending_bytes + size > MAX_PENDING_BYTES {
                self.host
                    .event(AgentEvent::SendFailed { to, reason: "backpressure: the channel is not draining".into() });
                continue;
            }
            link.pending.extend(parts.iter().cloned());
            link.pending_bytes += size;
            flush(link);
        }
    }

    fn outputs(&mut self) {
        let mut gone = Vec::new();
        let mut restart = Vec::new();
        for (name, link) in self.links.iter_mut() {
            while let Some(output) = link.peer.poll_output() {
                match output {
                    PeerOutput::Transmit { from, to, bytes } => match self.turn.as_mut() {
                        Some((_, turn)) if turn.relayed() == Some(from) => {
                            turn.send(Instant::now(), to, &bytes);
                        }
                        _ => {
                            if let Err(e) = self.socket.send_to(&bytes, to) {
                                tracing::debug!("udp to {to}: {e}");
                            }
                        }
                    },
                    PeerOutput::Open => {
                        let setup_ms = link.started.elapsed().as_millis() as u64;
                        self.host.event(AgentEvent::PeerOpen { peer: name.clone(), offerer: link.offerer, setup_ms });
                        flush(link);
                    }
                    PeerOutput::Drained => flush(link),
                    PeerOutput::PathLost => {
                        let reason = "ICE consent checks unanswered".into();
                        self.host.event(AgentEvent::PathLost { peer: name.clone(), reason });
                        if link.offerer {
                            restart.push(name.clone());
                        }
                    }
                    PeerOutput::Restored(after) => {
                        let after_ms = after.as_millis() as u64;
                        self.host.event(AgentEvent::PathRestored { peer: name.clone(), after_ms });
                    }
                    PeerOutput::Data(part) => match link.reassembly.push(&part) {
                        Ok(Some(message)) => {
                            if let Err((sender, reason)) = self.host.deliver(name, message) {
                                self.host.event(AgentEvent::MessageDropped { peer: name.clone(), sender, reason });
                            }
                        }
                        Ok(None) => {}
                        Err(e) => self.host.event(AgentEvent::MessageDropped {
                            peer: name.clone(),
                            sender: None,
                            reason: e.to_string(),
                        }),
                    },
                    PeerOutput::Closed(why) => gone.push((name.clone(), why)),
                }
            }
        }
        // A connection died: if it went through the relay, is the allocation still there?
        if !gone.is_empty() {
            if let Some((_, turn)) = self.turn.as_mut() {
                turn.probe(Instant::now());
            }
        }
        for name in restart {
            self.restart_ice(name);
        }
        for (name, why) in gone {
            let Some(link) = self.links.remove(&name) else { continue };
            if !link.pending.is_empty() {
                let reason = format!("channel-closed with {} part(s) unsent", link.pending.len());
                self.host.event(AgentEvent::SendFailed { to: name.clone(), reason });
            }
            self.host.event(AgentEvent::PeerGone { peer: name.clone(), reason: why });
            if self.members.contains(&name) && self.config.me < name {
                self.offer_to(name);
            }
        }
    }
}

fn link(peer: Peer, offerer: bool, started: Instant, max_message: usize) -> Link {
    Link {
        peer,
        offerer,
        started,
        pending: VecDeque::new(),
        pending_bytes: 0,
        reassembly: Reassembly::new(max_message),
    }
}

/// Sends what waits for `link` while its channel takes it.
fn flush(link: &mut Link) {
    if !link.peer.is_open() {
        return;
    }
    while let Some(part) = link.pending.front() {
        match link.peer.send(part) {
            Ok(true) => {
                link.pending_bytes -= part.len();
                link.pending.pop_front();
            }
            Ok(false) => return,
            Err(e) => {
                tracing::debug!("send: {e}");
                return;
            }
        }
    }
}
