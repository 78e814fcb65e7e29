//! `if-mesh`: agents in a full mesh of WebRTC DataChannels, found through a signaling server of
//! our own (docs/if-mesh.md).
//!
//! - [`signal`]: the signaling frames (JSON over WebSocket) and their parser;
//! - [`room`]: the signal server's core: rooms, presence, relays and their records (sans-IO);
//! - [`server`]: the signal server's driver, on the shared HTTP server's WebSocket upgrade;
//! - [`peer`]: one WebRTC connection with its DataChannel, the one interface over the WebRTC
//!   stack (str0m), sans-IO;
//! - [`chunk`]: messages split into 16 KiB parts and reassembled;
//! - [`agent`]: the agent's driver: the signaling client, one UDP socket for every peer, the
//!   full mesh (the agent whose id sorts first offers: no glare), sending and receiving;
//! - [`turn`]: a TURN client (RFC 8656 over UDP, long-term credentials), sans-IO, for agents
//!   that reach each other only through a relay;
//! - [`janus`]: a client of Janus's TextRoom plugin (its API's session, setup and keepalives,
//!   the room's requests and events), sans-IO, for rooms too big for a full mesh;
//! - [`textroom`]: the agent's driver in a Janus TextRoom;
//! - [`events`]: the server's and the agents' events.

pub mod agent;
pub mod chunk;
pub mod events;
pub mod janus;
pub mod peer;
pub mod room;
pub mod server;
pub mod signal;
pub mod textroom;
pub mod turn;
