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
use super::events::{AgentEvent, Direction};
use super::peer::{Peer, PeerOutput};
use super::signal::{self, ServerFrame, SignalKind};
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
    SignalLost(String),
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
    pub max_message: usize,
    /// Leave the room once stdin ends and what was queued is sent.
    pub leave_on_eof: bool,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AgentError {
    #[error("signal server {0}: {1}")]
    Signal(SocketAddr, String),
    #[error("udp {0}: {1}")]
    Udp(SocketAddr, io::Error),
    #[error("refused by the signal server: {0}")]
    Refused(String),
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
    local: SocketAddr,
    ws: websocket::Writer<TcpStream>,
    members: BTreeSet<String>,
    links: BTreeMap<String, Link>,
    welcomed: bool,
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
    spawn_signal_reader(stream, early, inbox.sender(), ws_replies(&ws));
    spawn_udp_reader(socket.try_clone().map_err(|e| AgentError::Udp(local, e))?, inbox.sender());
    inbox.seal();
    let mut mesh = Mesh {
        config: &config,
        host,
        socket,
        local,
        ws,
        members: BTreeSet::new(),
        links: BTreeMap::new(),
        welcomed: false,
        _line: std::marker::PhantomData,
    };
    let mut leaving: Option<Instant> = None;
    while mesh.host.admitting() {
        let next = mesh.links.values().map(|l| l.peer.poll_timeout()).min();
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
            Wait::Input(AgentInput::SignalLost(why)) => return Err(AgentError::Signal(config.signal, why)),
            Wait::Input(AgentInput::Packet { from, bytes }) => {
                let now = Instant::now();
                if let Some(link) = mesh.links.values_mut().find(|l| l.peer.accepts(now, from, &bytes)) {
                    link.peer.handle_packet(now, from, &bytes);
                }
            }
            Wait::Deadline => {}
            Wait::Closed => break,
        }
        let now = Instant::now();
        for link in mesh.links.values_mut() {
            link.peer.handle_timeout(now);
        }
        mesh.outputs();
        if let Some(since) = leaving {
            let drained = mesh.links.values().all(|l| l.pending.is_empty());
            if drained || now - since > Duration::from_secs(5) {
                let _ = mesh.ws.text(r#"{"type":"leave"}"#);
                let _ = mesh.ws.close(1000, "leaving");
                return Ok(());
            }
        }
    }
    Ok(())
}

/// The writer's socket, for the reader thread's replies (pongs): one clone more of the stream.
fn ws_replies(ws: &websocket::Writer<TcpStream>) -> Option<websocket::Writer<TcpStream>> {
    ws.get_ref().try_clone().ok().map(|s| websocket::Writer::new(s, Role::Client))
}

fn spawn_signal_reader<L: Send + 'static>(
    stream: TcpStream,
    early: Vec<u8>,
    feed: crate::inbox::Feed<AgentInput<L>>,
    mut replies_to: Option<websocket::Writer<TcpStream>>,
) {
    std::thread::spawn(move || {
        let mut incoming = Incoming::new(stream, Role::Client, signal::MAX_FRAME);
        incoming.push(&early);
        loop {
            let mut replies = Vec::new();
            let got = incoming.read_message(&mut replies);
            if let Some(w) = replies_to.as_mut() {
                for r in &replies {
                    let _ = w.raw(r);
                }
            }
            let lost = match got {
                Ok(Some(Ok(Message::Text(text)))) => match signal::parse_server(&text) {
                    Ok(frame) => {
                        if !feed.send(AgentInput::Signal(frame)) {
                            return;
                        }
                        continue;
                    }
                    Err(e) => format!("bad frame from the server: {e}"),
                },
                Ok(Some(Ok(Message::Binary(_)))) => "binary frame from the server".into(),
                Ok(Some(Ok(Message::Closed(code)))) => format!("closed by the server ({code:?})"),
                Ok(Some(Err(e))) => format!("bad WebSocket frame: {e}"),
                Ok(None) => "connection closed".into(),
                Err(e) => e.to_string(),
            };
            feed.send(AgentInput::SignalLost(lost));
            return;
        }
    });
}

fn spawn_udp_reader<L: Send + 'static>(socket: UdpSocket, feed: crate::inbox::Feed<AgentInput<L>>) {
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

    fn offer_to(&mut self, agent: String) {
        let now = Instant::now();
        match Peer::offer(now, self.local) {
            Ok((peer, sdp)) => {
                self.host.event(AgentEvent::Sdp {
                    peer: agent.clone(),
                    direction: Direction::Sent,
                    kind: SignalKind::Offer,
                    sdp: sdp.clone(),
                });
                self.send_signal(&agent, SignalKind::Offer, &sdp);
                self.links.insert(agent, link(peer, true, now, self.config.max_message));
            }
            Err(e) => tracing::error!("offer to {agent}: {e}"),
        }
    }

    fn send_signal(&mut self, to: &str, kind: SignalKind, sdp: &str) {
        if let Err(e) = self.ws.text(&signal::signal_frame(to, kind, sdp)) {
            tracing::error!("signaling: {e}");
        }
    }

    fn relayed(&mut self, from: String, kind: SignalKind, sdp: String) {
        self.host.event(AgentEvent::Sdp { peer: from.clone(), direction: Direction::Received, kind, sdp: sdp.clone() });
        let now = Instant::now();
        match kind {
            SignalKind::Offer => match Peer::answer(now, self.local, &sdp) {
                Ok((peer, answer)) => {
                    self.members.insert(from.clone());
                    self.host.event(AgentEvent::Sdp {
                        peer: from.clone(),
                        direction: Direction::Sent,
                        kind: SignalKind::Answer,
                        sdp: answer.clone(),
                    });
                    self.send_signal(&from, SignalKind::Answer, &answer);
                    self.links.insert(from, link(peer, false, now, self.config.max_message));
                }
                Err(e) => tracing::warn!("offer from {from}: {e}"),
            },
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
        for (name, link) in self.links.iter_mut() {
            while let Some(output) = link.peer.poll_output() {
                match output {
                    PeerOutput::Transmit { to, bytes } => {
                        if let Err(e) = self.socket.send_to(&bytes, to) {
                            tracing::debug!("udp to {to}: {e}");
                        }
                    }
                    PeerOutput::Open => {
                        let setup_ms = link.started.elapsed().as_millis() as u64;
                        self.host.event(AgentEvent::PeerOpen { peer: name.clone(), offerer: link.offerer, setup_ms });
                        flush(link);
                    }
                    PeerOutput::Drained => flush(link),
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
