//! The signal server's and the agents' events, as the pipeline layer's [`Event`]s.

use super::room::Record;
use super::signal::SignalKind;
use crate::message::{fields_of, Event, Performative};
use serde_json::{Map, Value};

impl Event for Record {
    fn name(&self) -> &str {
        match self {
            Record::Joined { .. } => "mesh.joined",
            Record::Refused { .. } => "mesh.refused",
            Record::Signal { .. } => "mesh.signal",
            Record::Left { .. } => "mesh.left",
            Record::Dropped { .. } => "mesh.dropped",
        }
    }

    fn summary(&self) -> String {
        match self {
            Record::Joined { agent, room, members, .. } => {
                format!("{agent} joined room {room} ({} other member(s))", members.len())
            }
            Record::Refused { conn, agent, reason, .. } => {
                format!("join on connection {conn} refused ({}): {reason}", agent.as_deref().unwrap_or("unknown agent"))
            }
            Record::Signal { from, to, kind, .. } => format!("{} {from} -> {to}", kind.as_str()),
            Record::Left { agent, room, reason, .. } => format!("{agent} left room {room}: {reason}"),
            Record::Dropped { conn, reason, .. } => format!("connection {conn} dropped: {reason}"),
        }
    }

    fn content(&self) -> Map<String, Value> {
        let mut fields = fields_of(self);
        fields.remove("what");
        fields
    }

    fn performative(&self) -> Performative {
        match self {
            Record::Refused { .. } => Performative::Refuse,
            _ => Performative::Inform,
        }
    }
}

/// Which way an SDP went, seen from the agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Sent,
    Received,
}

/// What an agent records.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum AgentEvent {
    /// The server let us in; the members already there.
    Welcome { room: String, members: Vec<String> },
    /// An SDP sent or received, in full, before the connection it sets up.
    Sdp { peer: String, direction: Direction, kind: SignalKind, sdp: String },
    /// The DataChannel to `peer` is open, `setup_ms` after its offer.
    PeerOpen { peer: String, offerer: bool, setup_ms: u64 },
    /// `peer` joined the Janus TextRoom (`--janus`; in the full mesh a member is seen by its
    /// connection, `mesh.peer.open`).
    MemberJoined { peer: String },
    /// `peer` is gone: it left, its connection died, or the server saw it go.
    PeerGone { peer: String, reason: String },
    /// The path to `peer` is lost (ICE consent unanswered, or the TURN allocation under it):
    /// the connection is kept, and ICE restarted on it.
    PathLost { peer: String, reason: String },
    /// The connection to `peer` is connected again after an ICE restart, `after_ms` after its
    /// path was lost, on the same DTLS and SCTP association (nothing sent meanwhile is lost).
    PathRestored { peer: String, after_ms: u64 },
    /// A message from `peer` that did not verify (forged, untrusted, replayed) or did not
    /// reassemble; it was not written out.
    MessageDropped { peer: String, sender: Option<String>, reason: String },
    /// A message from stdin that could not be sent to `to`.
    SendFailed { to: String, reason: String },
    /// The connection to the server (Janus) is lost, and why; trying again in `retry_ms` (and
    /// on, backing off, for at most [`crate::mesh::textroom::RECONNECT_FOR`]). The members are
    /// those of the next `mesh.welcome`.
    ServerLost { server: String, reason: String, retry_ms: u64 },
    /// Our address as a STUN (or TURN) server sees it, offered as a server-reflexive candidate
    /// when it is not the socket's own (`mapped`); or why there is none (`reason`: the server
    /// did not answer; host candidates only). Recorded at start and whenever it changes.
    Reflexive {
        server: String,
        host: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        mapped: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The agent's view of the mesh, every `--view-every` seconds: each member, its
    /// connection's state, path and round trip.
    View { room: String, members: Vec<MemberView> },
}

/// One member in [`AgentEvent::View`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct MemberView {
    pub peer: String,
    /// `open` (the DataChannel), `connecting`, or `none` (no connection yet: its offer, or ours
    /// again, is awaited).
    pub state: &'static str,
    /// Whether we made the offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offerer: Option<bool>,
    /// The selected pair: `host` (our own address) or `relay` (through the TURN server), our
    /// candidate's address and the peer's, the round trip of the latest ICE check in
    /// microseconds, and the bytes each way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtt_us: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes_sent: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes_received: Option<u64>,
}

impl Event for AgentEvent {
    fn name(&self) -> &str {
        match self {
            AgentEvent::Welcome { .. } => "mesh.welcome",
            AgentEvent::Sdp { .. } => "mesh.sdp",
            AgentEvent::PeerOpen { .. } => "mesh.peer.open",
            AgentEvent::PeerGone { .. } => "mesh.peer.gone",
            AgentEvent::PathLost { .. } => "mesh.path.lost",
            AgentEvent::PathRestored { .. } => "mesh.path.restored",
            AgentEvent::MemberJoined { .. } => "mesh.member.joined",
            AgentEvent::MessageDropped { .. } => "mesh.message.dropped",
            AgentEvent::SendFailed { .. } => "mesh.send.failed",
            AgentEvent::View { .. } => "mesh.view",
            AgentEvent::Reflexive { .. } => "mesh.ice.reflexive",
            AgentEvent::ServerLost { .. } => "mesh.server.lost",
        }
    }

    fn summary(&self) -> String {
        match self {
            AgentEvent::Welcome { room, members } => format!("in room {room} with {} member(s)", members.len()),
            AgentEvent::Sdp { peer, direction, kind, .. } => {
                let way = if *direction == Direction::Sent { "to" } else { "from" };
                format!("{} {way} {peer}", kind.as_str())
            }
            AgentEvent::PeerOpen { peer, setup_ms, .. } => format!("channel to {peer} open after {setup_ms} ms"),
            AgentEvent::PeerGone { peer, reason } => format!("{peer} gone: {reason}"),
            AgentEvent::PathLost { peer, reason } => format!("path to {peer} lost ({reason}): restarting ICE"),
            AgentEvent::PathRestored { peer, after_ms } => format!("path to {peer} restored after {after_ms} ms"),
            AgentEvent::MemberJoined { peer } => format!("{peer} joined the room"),
            AgentEvent::MessageDropped { peer, reason, .. } => format!("message from {peer} dropped: {reason}"),
            AgentEvent::SendFailed { to, reason } => format!("send to {to} failed: {reason}"),
            AgentEvent::ServerLost { server, reason, retry_ms } => {
                format!("{server} lost ({reason}): trying again in {retry_ms} ms")
            }
            AgentEvent::Reflexive { server, mapped: Some(mapped), .. } => format!("{server} sees us at {mapped}"),
            AgentEvent::Reflexive { server, reason, .. } => {
                format!("no server-reflexive address from {server}: {}", reason.as_deref().unwrap_or("none"))
            }
            AgentEvent::View { room, members } => {
                let open = members.iter().filter(|m| m.state == "open").count();
                format!("room {room}: {open} of {} member(s) open", members.len())
            }
        }
    }

    fn content(&self) -> Map<String, Value> {
        let mut fields = fields_of(self);
        fields.remove("what");
        fields
    }

    fn performative(&self) -> Performative {
        match self {
            AgentEvent::MessageDropped { .. } | AgentEvent::SendFailed { .. } => Performative::Refuse,
            _ => Performative::Inform,
        }
    }
}
