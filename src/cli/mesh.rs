//! `if-mesh`: a signaling server and agents in a full mesh of WebRTC DataChannels.

use super::AuditLossArg;
use crate::mesh::room::RoomLimits;
use crate::mesh::server::ServerLimits;
use crate::tools;
use crate::tools::mesh::IceServer;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

const EXAMPLES: &str = "\
Examples:
  if-mesh signal --listen 127.0.0.1:8787 --key signal.key --trust trust | if-witness append signal.log --key w.key
  if-msg new --key a.key --performative inform --receiver if://agent/mesh --content '{\"hi\":1}' |
      if-mesh join --signal ws://127.0.0.1:8787/ws --room council --key a.key --trust trust
  if-mesh join --signal ws://127.0.0.1:8787/ws --room council --key a.key --trust trust \
      --ice-server turn:192.0.2.7:3478 --turn-credentials turn.cred --relay-only
  if-mesh join --signal ws://192.0.2.7:8787/ws --room council --key a.key --trust trust \
      --bind 10.0.1.2:0 --ice-server stun:192.0.2.7:3478
  if-mesh join --janus ws://127.0.0.1:8188 --room 1234 --bind 127.0.0.2:0 --key a.key --trust trust

`signal` serves the signaling WebSocket at /ws. A join is a signed IFMessage (content
{\"mesh\":\"join\",\"room\":ROOM}) from a key in --trust; anything else is refused with a reason.
Every join, refusal, relayed offer, answer and candidate (SDP in full) and every departure is a
signed event on stdout, written before anything is relayed.

`join` opens a DataChannel to every other member of the room (the agent whose id sorts first
offers). Each IFMessage on stdin goes to its receivers that are members (if://agent/mesh: to
every member); each message received that verifies (signature, trusted key, replay, freshness)
is written to stdout unchanged, beside the agent's signed events (mesh.peer.open,
mesh.peer.gone, mesh.message.dropped, mesh.send.failed, mesh.sdp).

With `--ice-server stun:IP:PORT` the agent asks a STUN server for its address as the server sees
it (behind a NAT, the NAT's) and offers it as a server-reflexive candidate beside its own; a
server that does not answer leaves it with its own address only. With `--ice-server
turn:IP:PORT` the agent allocates a relayed address there (TURN over UDP,
long-term credentials from --turn-credentials, a file of one line USER:PASSWORD, mode 0600) and
offers it beside its own address; with --relay-only, instead of it. The browser agent is the
page at the signal server's http://ADDR/.

With `--janus ws://IP:PORT` the agent joins a Janus TextRoom instead (Janus relays every message,
for rooms too big for a full mesh): the same signed messages, checked the same way, as the text
of TextRoom messages; the room's joins and leaves are mesh.member.joined and mesh.peer.gone.

If the event stream (stdout) fails, both stop (nothing more is relayed or received unrecorded)
and exit 3; `--on-audit-loss continue` serves on unrecorded.

Exit status: 0 ok, 1 an input line was rejected (not sent), 2 usage, key, socket or signaling
error (refused by the server), 3 the event stream was lost.";

#[derive(Parser, Debug)]
#[command(name = "if-mesh", version, about = "WebRTC DataChannel mesh of agents, with its own signaling server and signed events", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

fn seconds(s: &str) -> Result<u64, String> {
    s.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| format!("`{s}` is not a whole number of seconds, 1 or more"))
}

fn at_least_one(s: &str) -> Result<usize, String> {
    s.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| format!("`{s}` is not a number, 1 or more"))
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the signaling server (WebSocket at /ws): rooms, presence, relay of SDP.
    Signal {
        /// Address to listen on (port 0: the system picks; the bound address is logged).
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: SocketAddr,
        /// Key that signs the server's events.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Trusted agent keys (repeatable): who may join.
        #[arg(long, value_name = "FILE", required = true)]
        trust: Vec<PathBuf>,
        /// WebSocket connections at once; beyond, 503.
        #[arg(long, value_name = "N", default_value_t = 64, value_parser = at_least_one)]
        max_connections: usize,
        /// Frames waiting for one client; a client this far behind is dropped.
        #[arg(long, value_name = "N", default_value_t = 256, value_parser = at_least_one)]
        queue: usize,
        /// Rooms at once.
        #[arg(long, value_name = "N", default_value_t = RoomLimits::default().max_rooms, value_parser = at_least_one)]
        max_rooms: usize,
        /// Members of one room.
        #[arg(long, value_name = "N", default_value_t = RoomLimits::default().max_members, value_parser = at_least_one)]
        max_members: usize,
        /// Seconds a connection has to send its join.
        #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = seconds)]
        join_timeout: u64,
        /// Seconds a join's timestamp may differ from this clock.
        #[arg(long, value_name = "SECONDS", default_value_t = 300, value_parser = seconds)]
        max_skew: u64,
        /// When the event stream (stdout) fails: stop relaying and exit 3, or continue.
        #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
        on_audit_loss: AuditLossArg,
    },
    /// Join a room as an agent: a DataChannel to every other member.
    Join {
        /// The signal server's WebSocket, ws://IP:PORT/ws.
        #[arg(long, value_name = "URL", required_unless_present = "janus", conflicts_with = "janus")]
        signal: Option<String>,
        /// Join a Janus TextRoom instead of a full mesh: Janus's WebSocket API, ws://IP:PORT
        /// (Janus relays every message; --room is then the room's number).
        #[arg(long, value_name = "URL", conflicts_with_all = ["ice_server", "relay_only"])]
        janus: Option<String>,
        /// The room (with --janus, a TextRoom's number).
        #[arg(long)]
        room: String,
        /// With --janus: a file holding the room's PIN (mode 0600).
        #[arg(long, value_name = "FILE", requires = "janus")]
        room_pin: Option<PathBuf>,
        /// This agent's key: it signs the join and the events.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Trusted keys (repeatable): messages from others are checked against them.
        #[arg(long, value_name = "FILE", required = true)]
        trust: Vec<PathBuf>,
        /// UDP address for every peer connection, advertised as the host candidate (Janus
        /// never uses loopback: give it an address it does use, e.g. 127.0.0.2 on another interface).
        #[arg(long, default_value = "127.0.0.1:0")]
        bind: SocketAddr,
        /// A STUN server that tells the agent its address behind a NAT, offered as a
        /// server-reflexive candidate: stun:IP:PORT; or a TURN server to relay through:
        /// turn:IP:PORT, with --turn-credentials (UDP; no host names).
        #[arg(long, value_name = "URL")]
        ice_server: Option<String>,
        /// The TURN server's long-term credentials: a file of one line USER:PASSWORD (0600).
        #[arg(long, value_name = "FILE", requires = "ice_server")]
        turn_credentials: Option<PathBuf>,
        /// Offer only the relayed address, no host candidate: every path through the TURN server.
        #[arg(long, requires = "ice_server")]
        relay_only: bool,
        /// Seconds a received message's timestamp may differ from this clock.
        #[arg(long, value_name = "SECONDS", default_value_t = 300, value_parser = seconds)]
        max_skew: u64,
        /// Record the view of the mesh (mesh.view: each member's state, path, round trip) every
        /// SECONDS; 0: never.
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        view_every: u64,
        /// Leave the room and exit once stdin ends and what it held is sent (else the agent
        /// stays, receiving, until the signaling connection ends).
        #[arg(long)]
        leave_on_eof: bool,
        /// When the event stream (stdout) fails: stop and exit 3, or continue.
        #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
        on_audit_loss: AuditLossArg,
    },
}

pub fn main(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Signal {
            listen,
            key,
            trust,
            max_connections,
            queue,
            max_rooms,
            max_members,
            join_timeout,
            max_skew,
            on_audit_loss,
        } => tools::mesh::signal(tools::mesh::SignalOptions {
            listen,
            key,
            trust,
            limits: ServerLimits {
                max_connections,
                queue,
                rooms: RoomLimits { max_rooms, max_members },
                join_timeout: Duration::from_secs(join_timeout),
                ..ServerLimits::default()
            },
            max_skew_ms: max_skew as i64 * 1000,
            on_audit_loss: on_audit_loss.into(),
        }),
        Command::Join {
            signal,
            janus,
            room,
            room_pin,
            key,
            trust,
            bind,
            ice_server,
            turn_credentials,
            relay_only,
            max_skew,
            view_every,
            leave_on_eof,
            on_audit_loss,
        } => {
            let ice_server =
                ice_server.map(|url| tools::mesh::parse_ice_server(&url)).transpose().map_err(anyhow::Error::msg)?;
            let (turn, stun) = match (ice_server, turn_credentials) {
                (Some(IceServer::Turn(server)), Some(credentials)) => {
                    (Some(tools::mesh::TurnOptions { server, credentials, relay_only }), None)
                }
                (Some(IceServer::Turn(_)), None) => anyhow::bail!("--ice-server turn: needs --turn-credentials"),
                (Some(IceServer::Stun(_)), Some(_)) => anyhow::bail!("--turn-credentials is for a turn: server"),
                (Some(IceServer::Stun(_)), None) if relay_only => anyhow::bail!("--relay-only needs a turn: server"),
                (Some(IceServer::Stun(server)), None) => (None, Some(server)),
                (None, _) => (None, None),
            };
            let janus = match janus {
                Some(url) => Some(tools::mesh::JanusOptions {
                    url,
                    room: room.parse().map_err(|_| anyhow::anyhow!("--room `{room}`: a Janus TextRoom is a number"))?,
                    pin: room_pin,
                }),
                None => None,
            };
            tools::mesh::join(tools::mesh::JoinOptions {
                signal: signal.unwrap_or_default(),
                janus,
                room,
                key,
                trust,
                bind,
                turn,
                stun,
                view_every: (view_every > 0).then(|| Duration::from_secs(view_every)),
                max_skew_ms: max_skew as i64 * 1000,
                leave_on_eof,
                on_audit_loss: on_audit_loss.into(),
            })
        }
    }
}
