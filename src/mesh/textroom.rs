//! The agent's driver in a Janus TextRoom (`if-mesh join --janus`): the WebSocket to Janus's API
//! (subprotocol `janus-protocol`), one UDP socket and one str0m connection to Janus, and the
//! loop of `mesh::agent` (stdin, frames, packets, deadlines on one [`Inbox`]). What goes out and
//! what comes in is what the full mesh sends and checks: each line of stdin a signed IFMessage
//! (the text of a TextRoom `message`, in `M`/`F` parts past 16 KiB), each message received
//! verified by the host before it is written.
//!
//! A Janus that goes away (its WebSocket closes, the session is hung up or times out, the
//! connection to it dies) is tried again, backing off from 0.5 s to 10 s, for at most
//! [`RECONNECT_FOR`]: a new WebSocket, session and connection on the same UDP socket, and the
//! room joined again. Meanwhile stdin's lines wait as they do while joining; what Janus took
//! and never acknowledged gets `mesh.send.failed`. Refusals (the join refused, kicked, the room
//! destroyed) end the agent as before.

use super::agent::{spawn_udp_reader, spawn_ws_reader, AgentError, AgentHost, AgentInput, Outgoing};
use super::chunk::{self, Reassembly};
use super::events::{AgentEvent, Direction, MemberView};
use super::janus::{JanusClient, JanusOutput, CHANNEL_LABEL};
use super::peer::{Addresses, Peer, PeerOutput};
use super::signal::{self, SignalKind};
use crate::inbox::{Feed, Inbox, Wait};
use crate::websocket::{self, Role};
use std::collections::{BTreeMap, BTreeSet};
use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

/// Lines of stdin held while the room is being joined; beyond, each gets `mesh.send.failed`.
pub const MAX_WAITING: usize = 1024;

/// The name of the connection to Janus in events (`mesh.sdp`, `mesh.peer.open`).
pub const JANUS_PEER: &str = "janus";

/// How long connecting to Janus, and its WebSocket upgrade, may each take.
pub const CONNECT_WITHIN: Duration = Duration::from_secs(5);

/// How long a lost Janus is tried again before the agent gives up (exit 2).
pub const RECONNECT_FOR: Duration = Duration::from_secs(300);

/// The wait before the `attempt`-th try (from 0) to reach a lost Janus again: 0.5 s, doubling,
/// at most 10 s.
pub fn reconnect_delay(attempt: u32) -> Duration {
    (Duration::from_millis(500) * 2u32.saturating_pow(attempt.min(5))).min(Duration::from_secs(10))
}

/// A lost Janus: since when, why, and the next try.
struct Lost {
    since: Instant,
    why: String,
    attempt: u32,
    retry_at: Instant,
}

pub struct JanusConfig {
    /// Janus's WebSocket API, `IP:PORT`, and its path.
    pub api: SocketAddr,
    pub path: String,
    pub room: u64,
    pub pin: Option<String>,
    /// Our agent id: the TextRoom username.
    pub me: String,
    /// The UDP address to bind and advertise (Janus never uses loopback: 127.0.0.2 on another
    /// interface in the tests).
    pub bind: SocketAddr,
    pub max_message: usize,
    pub leave_on_eof: bool,
    pub view_every: Option<Duration>,
}

struct Room<'a, L, H: AgentHost<L>> {
    config: &'a JanusConfig,
    host: &'a mut H,
    client: JanusClient,
    ws: websocket::Writer<TcpStream>,
    /// The WebSocket's number: frames and losses of an earlier one are stale.
    conn: u64,
    /// For each new WebSocket's reader.
    feed: Feed<AgentInput<L>>,
    lost: Option<Lost>,
    socket: UdpSocket,
    local: SocketAddr,
    peer: Option<Peer>,
    started: Instant,
    members: BTreeSet<String>,
    reassembly: BTreeMap<String, Reassembly>,
    /// Lines waiting for the room to be joined.
    waiting: Vec<(Vec<u8>, Vec<String>)>,
    failed: Option<String>,
    _line: std::marker::PhantomData<L>,
}

/// Opens Janus's WebSocket API (subprotocol `janus-protocol`) as connection number `conn`,
/// its frames read into `feed`.
fn connect<L: Send + 'static>(
    config: &JanusConfig,
    feed: Feed<AgentInput<L>>,
    conn: u64,
) -> std::io::Result<websocket::Writer<TcpStream>> {
    // Bounded, every step: a Janus that takes the connection and never answers the upgrade
    // must not hold the agent's loop (its stdin, peers and RECONNECT_FOR) for ever.
    let mut stream = TcpStream::connect_timeout(&config.api, CONNECT_WITHIN)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(CONNECT_WITHIN))?;
    stream.set_write_timeout(Some(CONNECT_WITHIN))?;
    let early =
        websocket::client_handshake_with(&mut stream, &config.api.to_string(), &config.path, Some("janus-protocol"))?;
    stream.set_read_timeout(None)?;
    stream.set_write_timeout(None)?;
    let ws = websocket::Writer::new(stream.try_clone()?, Role::Client);
    spawn_ws_reader(stream, early, feed, signal::MAX_FRAME, conn, move |text| Ok(AgentInput::Janus { conn, text }));
    Ok(ws)
}

/// Joins the TextRoom and runs until Janus refuses us, stays lost for [`RECONNECT_FOR`], stdin
/// ends (with `leave_on_eof`), or the host stops admitting.
pub fn run<L: Send + 'static>(
    config: JanusConfig,
    mut inbox: Inbox<AgentInput<L>>,
    host: &mut impl AgentHost<L>,
) -> Result<(), AgentError> {
    let feed = inbox.sender();
    // The first connection failing is the agent's end: a wrong address is said at once.
    let ws = connect(&config, feed.clone(), 0).map_err(|e| AgentError::Janus(config.api, e.to_string()))?;
    let socket = crate::udp::bind(config.bind).map_err(|e| AgentError::Udp(config.bind, e))?;
    let local = socket.local_addr().map_err(|e| AgentError::Udp(config.bind, e))?;
    tracing::info!("udp on {local}; joining TextRoom {} at {} as {}", config.room, config.api, config.me);
    spawn_udp_reader(socket.try_clone().map_err(|e| AgentError::Udp(local, e))?, inbox.sender());
    inbox.seal();
    let now = Instant::now();
    let mut room = Room {
        config: &config,
        host,
        client: JanusClient::new(now, config.room, config.me.clone(), config.pin.clone()),
        ws,
        conn: 0,
        feed,
        lost: None,
        socket,
        local,
        peer: None,
        started: now,
        members: BTreeSet::new(),
        reassembly: BTreeMap::new(),
        waiting: Vec::new(),
        failed: None,
        _line: std::marker::PhantomData,
    };
    room.outputs();
    let mut leaving: Option<Instant> = None;
    let mut next_view = config.view_every.map(|every| now + every);
    while room.host.admitting() {
        if let Some(why) = room.failed.take() {
            return Err(AgentError::Janus(config.api, why));
        }
        let retry = room.lost.as_ref().map(|l| l.retry_at);
        let client_next = room.lost.is_none().then(|| room.client.poll_timeout()).flatten();
        let next =
            [client_next, room.peer.as_ref().map(Peer::poll_timeout), next_view, retry].into_iter().flatten().min();
        let tick = Instant::now() + Duration::from_millis(500);
        match inbox.wait_until(Some(next.map_or(tick, |n| n.min(tick)))) {
            Wait::Input(AgentInput::Stdin(line)) => match room.host.outgoing(line) {
                Outgoing::Send { message, receivers } => room.send(message, receivers),
                Outgoing::Skip => {}
                Outgoing::Ended if config.leave_on_eof && leaving.is_none() => leaving = Some(Instant::now()),
                Outgoing::Ended => {}
            },
            Wait::Input(AgentInput::Janus { conn, text }) if conn == room.conn && room.lost.is_none() => {
                room.client.handle_api(Instant::now(), &text)
            }
            Wait::Input(AgentInput::Janus { .. }) => {}
            Wait::Input(AgentInput::SignalReply(frame)) => {
                if let Err(e) = room.ws.raw(&frame) {
                    tracing::debug!("janus api: {e}");
                }
            }
            Wait::Input(AgentInput::SignalLost { conn, why }) if conn == room.conn => room.lose(why),
            Wait::Input(AgentInput::SignalLost { .. }) => {}
            Wait::Input(AgentInput::Packet { from, bytes }) => {
                let now = Instant::now();
                if let Some(peer) = room.peer.as_mut().filter(|p| p.accepts(now, from, local, &bytes)) {
                    peer.handle_packet(now, from, local, &bytes);
                }
            }
            Wait::Input(AgentInput::Signal(_)) => {}
            Wait::Deadline => {}
            Wait::Closed => break,
        }
        let now = Instant::now();
        if room.lost.is_none() {
            room.client.handle_timeout(now);
        }
        if let Some(peer) = room.peer.as_mut() {
            peer.handle_timeout(now);
        }
        room.outputs();
        if room.lost.as_ref().is_some_and(|l| now >= l.retry_at) {
            room.reconnect(now)?;
        }
        if let (Some(at), Some(every)) = (next_view, config.view_every) {
            if now >= at {
                room.view();
                next_view = Some(now + every);
            }
        }
        // Leaving once what stdin held is handed to the connection (or after 5 s).
        if leaving.is_some_and(|since| room.waiting.is_empty() || now - since > Duration::from_secs(5)) {
            if room.lost.is_none() {
                room.client.leave();
                room.outputs();
                let _ = room.ws.close(1000, "leaving");
            }
            let reason = if room.lost.is_some() { "Janus lost" } else { "not-joined-yet" };
            room.fail_waiting(reason);
            return Ok(());
        }
    }
    Ok(())
}

impl<L: Send + 'static, H: AgentHost<L>> Room<'_, L, H> {
    fn send(&mut self, message: Vec<u8>, receivers: Vec<String>) {
        if !self.client.is_joined() {
            if self.waiting.len() >= MAX_WAITING {
                // Joining takes a few round trips (each bounded): a writer that fills this
                // meanwhile is told, line by line, rather than held in memory without end.
                let to = if receivers.is_empty() { "room".to_owned() } else { receivers.join(",") };
                self.host.event(AgentEvent::SendFailed { to, reason: "not-joined-yet".into() });
                return;
            }
            self.waiting.push((message, receivers));
            return;
        }
        let named = !receivers.is_empty();
        let receivers: Vec<String> = receivers.into_iter().filter(|r| *r != self.config.me).collect();
        let (to, absent): (Vec<String>, Vec<String>) = receivers.into_iter().partition(|r| self.members.contains(r));
        for to in absent {
            self.host.event(AgentEvent::SendFailed { to, reason: "not-a-member".into() });
        }
        // Named receivers none of whom is here: an empty `tos` would be the whole room.
        if named && to.is_empty() {
            return;
        }
        let Ok(line) = String::from_utf8(message) else { return };
        for part in chunk::split_text(&line) {
            self.client.send(&part, &to);
        }
    }

    /// Janus is lost (`why`): the connection to it, its members and what it did not acknowledge
    /// go; it is tried again after the first back-off. A second loss before then is the same one.
    fn lose(&mut self, why: String) {
        if self.lost.is_some() {
            return;
        }
        let now = Instant::now();
        let retry = reconnect_delay(0);
        tracing::warn!("Janus {} lost: {why}; trying again in {} ms", self.config.api, retry.as_millis());
        let retry_ms = retry.as_millis() as u64;
        self.host.event(AgentEvent::ServerLost { server: self.config.api.to_string(), reason: why.clone(), retry_ms });
        for to in self.client.take_unacknowledged() {
            self.host
                .event(AgentEvent::SendFailed { to, reason: format!("Janus lost before acknowledging it: {why}") });
        }
        if self.peer.take().is_some() {
            self.host.event(AgentEvent::PeerGone { peer: JANUS_PEER.into(), reason: format!("Janus lost: {why}") });
        }
        let _ = self.ws.get_ref().shutdown(std::net::Shutdown::Both);
        self.members.clear();
        self.reassembly.clear();
        // Not joined: stdin's lines wait for the next welcome.
        self.client = JanusClient::new(now, self.config.room, self.config.me.clone(), self.config.pin.clone());
        self.lost = Some(Lost { since: now, why, attempt: 0, retry_at: now + retry });
    }

    /// Tries to reach the lost Janus again; gives up once it has been lost for RECONNECT_FOR.
    fn reconnect(&mut self, now: Instant) -> Result<(), AgentError> {
        let Some(lost) = self.lost.as_mut() else { return Ok(()) };
        match connect(self.config, self.feed.clone(), self.conn + 1) {
            Ok(ws) => {
                tracing::info!("Janus {} reached again after {} ms", self.config.api, (now - lost.since).as_millis());
                self.conn += 1;
                self.ws = ws;
                self.lost = None;
                self.started = now;
                self.client = JanusClient::new(now, self.config.room, self.config.me.clone(), self.config.pin.clone());
                self.outputs();
            }
            Err(e) if now - lost.since >= RECONNECT_FOR => {
                let secs = RECONNECT_FOR.as_secs();
                return Err(AgentError::Janus(
                    self.config.api,
                    format!("lost for {secs} s ({}); last try: {e}", lost.why),
                ));
            }
            Err(e) => {
                lost.attempt += 1;
                let wait = reconnect_delay(lost.attempt);
                tracing::warn!("Janus {}: {e}; trying again in {} ms", self.config.api, wait.as_millis());
                lost.retry_at = now + wait;
            }
        }
        Ok(())
    }

    /// Every line still waiting gets `mesh.send.failed` with `reason` (the agent is leaving).
    fn fail_waiting(&mut self, reason: &str) {
        for (_, receivers) in std::mem::take(&mut self.waiting) {
            let to = if receivers.is_empty() { "room".to_owned() } else { receivers.join(",") };
            self.host.event(AgentEvent::SendFailed { to, reason: reason.into() });
        }
    }

    /// Drains the client's and the connection's outputs until neither has more (while Janus is
    /// lost the client waits for the next connection).
    fn outputs(&mut self) {
        loop {
            let mut busy = false;
            while let Some(output) = self.lost.is_none().then(|| self.client.poll_output()).flatten() {
                busy = true;
                self.client_output(output);
            }
            while let Some(output) = self.peer.as_mut().and_then(Peer::poll_output) {
                busy = true;
                self.peer_output(output);
            }
            if !busy {
                return;
            }
        }
    }

    fn client_output(&mut self, output: JanusOutput) {
        let now = Instant::now();
        match output {
            JanusOutput::Api(text) => {
                if let Err(e) = self.ws.text(&text) {
                    self.lose(format!("writing to Janus: {e}"));
                }
            }
            JanusOutput::Offer(sdp) => {
                self.sdp(Direction::Received, SignalKind::Offer, &sdp);
                let addresses = Addresses { host: Some(self.local), reflexive: None, relayed: None };
                match Peer::answer_opening(now, addresses, &sdp, CHANNEL_LABEL) {
                    Ok((peer, answer)) => {
                        self.sdp(Direction::Sent, SignalKind::Answer, &answer);
                        self.peer = Some(peer);
                        self.started = now;
                        self.client.answered(now, &answer);
                    }
                    Err(e) => {
                        self.failed.get_or_insert(format!("Janus's offer: {e}"));
                    }
                }
            }
            JanusOutput::Candidate(line) => {
                if let Some(Err(e)) = self.peer.as_mut().map(|p| p.add_remote_candidate(&line)) {
                    tracing::warn!("candidate from Janus: {e}");
                }
            }
            JanusOutput::Data(text) => match self.peer.as_mut().map(|p| p.send_text(&text)) {
                Some(Ok(())) => {}
                Some(Err(e)) => {
                    self.host.event(AgentEvent::SendFailed { to: JANUS_PEER.into(), reason: e.to_string() })
                }
                None => tracing::warn!("janus: a request before the connection"),
            },
            JanusOutput::Joined(members) => {
                self.members = members.iter().cloned().collect();
                self.host.event(AgentEvent::Welcome { room: self.config.room.to_string(), members });
                for (message, receivers) in std::mem::take(&mut self.waiting) {
                    self.send(message, receivers);
                }
            }
            JanusOutput::MemberJoined(peer) => {
                self.members.insert(peer.clone());
                self.host.event(AgentEvent::MemberJoined { peer });
            }
            JanusOutput::MemberLeft(peer) => {
                self.members.remove(&peer);
                self.reassembly.remove(&peer);
                self.host.event(AgentEvent::PeerGone { peer, reason: "left the room".into() });
            }
            JanusOutput::Message { from, text } => self.received(from, text),
            JanusOutput::SendFailed { to, reason } => self.host.event(AgentEvent::SendFailed { to, reason }),
            JanusOutput::Failed(why) => {
                self.failed.get_or_insert(why);
            }
            JanusOutput::Lost(why) => self.lose(why),
        }
    }

    fn peer_output(&mut self, output: PeerOutput) {
        match output {
            PeerOutput::Transmit { to, bytes, .. } => {
                if let Err(e) = self.socket.send_to(&bytes, to) {
                    tracing::debug!("udp to {to}: {e}");
                }
            }
            PeerOutput::Open => {
                let setup_ms = self.started.elapsed().as_millis() as u64;
                self.host.event(AgentEvent::PeerOpen { peer: JANUS_PEER.into(), offerer: false, setup_ms });
                self.client.channel_open(Instant::now());
            }
            PeerOutput::Data(bytes) => match String::from_utf8(bytes) {
                Ok(text) => self.client.handle_data(Instant::now(), &text),
                Err(_) => tracing::debug!("janus: a DataChannel message that is not UTF-8"),
            },
            PeerOutput::Drained => {}
            // Janus offers, so a restart is Janus's to make: the connection waits for it (or
            // for RESTART_WAIT, then closes).
            PeerOutput::PathLost => {
                let reason = "ICE consent checks unanswered".into();
                self.host.event(AgentEvent::PathLost { peer: JANUS_PEER.into(), reason });
            }
            PeerOutput::Restored(after) => {
                let after_ms = after.as_millis() as u64;
                self.host.event(AgentEvent::PathRestored { peer: JANUS_PEER.into(), after_ms });
            }
            PeerOutput::Closed(why) => {
                self.host.event(AgentEvent::PeerGone { peer: JANUS_PEER.into(), reason: why.clone() });
                self.peer = None;
                self.lose(format!("the connection to Janus: {why}"));
            }
        }
    }

    /// A TextRoom message's text from `from`: a whole line, or a part of one.
    fn received(&mut self, from: String, text: String) {
        let whole = if text.starts_with('{') {
            Ok(Some(text.into_bytes()))
        } else {
            let max = self.config.max_message;
            self.reassembly.entry(from.clone()).or_insert_with(|| Reassembly::new(max)).push(text.as_bytes())
        };
        match whole {
            Ok(Some(message)) => {
                if let Err((sender, reason)) = self.host.deliver(&from, message) {
                    self.host.event(AgentEvent::MessageDropped { peer: from, sender, reason });
                }
            }
            Ok(None) => {}
            Err(e) => self.host.event(AgentEvent::MessageDropped { peer: from, sender: None, reason: e.to_string() }),
        }
    }

    fn sdp(&mut self, direction: Direction, kind: SignalKind, sdp: &str) {
        self.host.event(AgentEvent::Sdp { peer: JANUS_PEER.into(), direction, kind, sdp: sdp.to_owned() });
    }

    /// Every member reached through Janus, and the one connection's path and round trip.
    fn view(&mut self) {
        if !self.client.is_joined() {
            return;
        }
        let open = self.peer.as_ref().is_some_and(Peer::is_open);
        let stats = self.peer.as_ref().and_then(Peer::stats);
        let members = self
            .members
            .iter()
            .map(|peer| MemberView {
                peer: peer.clone(),
                state: if open { "open" } else { "connecting" },
                offerer: None,
                path: stats.map(|_| "janus"),
                local: stats.map(|s| s.local.to_string()),
                remote: stats.map(|s| s.remote.to_string()),
                rtt_us: stats.and_then(|s| s.rtt).map(|d| d.as_micros() as u64),
                bytes_sent: stats.map(|s| s.bytes_sent),
                bytes_received: stats.map(|s| s.bytes_received),
            })
            .collect();
        self.host.event(AgentEvent::View { room: self.config.room.to_string(), members });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_janus_is_tried_again_backing_off_to_10_s() {
        let ms: Vec<u128> = (0..8).map(|a| reconnect_delay(a).as_millis()).collect();
        assert_eq!(ms, [500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
        assert_eq!(reconnect_delay(u32::MAX), Duration::from_secs(10));
    }
}
