//! The signal server's driver: WebSocket connections on the shared HTTP server ([`crate::http`]),
//! one loop owning the [`Rooms`] core. Each connection has a reader (its blocking thread of the
//! HTTP server) and a writer thread fed by a bounded queue; the loop never waits on a client: a
//! connection whose queue is full is dropped as too slow, so a slow client delays nobody else.
//!
//! The record comes first: the loop hands each turn's records to its [`Host`] and waits until
//! they are written before any frame of that turn is sent (a relayed SDP is on the record before
//! the peer sees it). When the host stops admitting (audit loss), the loop stops: nothing more
//! is relayed unrecorded.

use super::room::{ConnId, Output, Record, RoomLimits, Rooms};
use super::signal::{self, ClientFrame, ServerFrame};
use crate::http::{self, Request, Response, StatusCode};
use crate::inbox::{Feed, Inbox, Wait};
use crate::websocket::{self, Incoming, Message, Role};
use serde_json::Value;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The server's limits, with their defaults (docs/if-mesh.md has the table).
#[derive(Clone, Copy, Debug)]
pub struct ServerLimits {
    /// WebSocket connections at once (and HTTP requests): beyond, `503`.
    pub max_connections: usize,
    /// Frames waiting for one client; a client this far behind is dropped.
    pub queue: usize,
    /// The largest frame a client may send.
    pub max_frame: usize,
    pub rooms: RoomLimits,
    /// A connection that has not joined by then is refused.
    pub join_timeout: Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            max_connections: 64,
            queue: 256,
            max_frame: signal::MAX_FRAME,
            rooms: RoomLimits::default(),
            join_timeout: Duration::from_secs(10),
        }
    }
}

/// What the tool provides: verification of joins, and the record.
pub trait Host {
    /// Verifies a join message (signature, trusted key, replay, freshness): the agent and the
    /// room, or why not (with the claimed sender, if there is one).
    fn verify_join(&mut self, message: Value) -> Result<(String, String), (Option<String>, String)>;
    /// Puts `records` on the record, in order, and returns once they are written (or lost).
    fn record(&mut self, records: Vec<Record>);
    /// False once the record is lost: the server stops.
    fn admitting(&self) -> bool;
}

enum CoreInput {
    Open { conn: ConnId, queue: SyncSender<Outbound> },
    Text { conn: ConnId, text: String },
    Bad { conn: ConnId, reason: String },
    Closed { conn: ConnId },
}

enum Outbound {
    Text(String),
    /// A whole frame (a pong, the answer to a close).
    Raw(Vec<u8>),
    /// The last frame; then the connection is closed.
    Last(String),
}

/// How long a connection's reader waits before checking that its writer is still there.
const READ_TICK: Duration = Duration::from_secs(1);

/// The browser agent: a page that joins a room as an agent (docs/if-mesh.md, "The browser
/// agent"), served at `/`.
const AGENT_PAGE: &str = include_str!("agent.html");

/// Serves until the host stops admitting. Logs `listening on ADDR` once bound. `trust_json` is
/// served at `/trust.json` for the browser agent: the trusted agents and their public keys.
pub fn run(listen: SocketAddr, limits: ServerLimits, trust_json: String, host: &mut impl Host) -> std::io::Result<()> {
    let mut inbox = Inbox::bounded(4096);
    let feed = inbox.sender();
    let next_conn = Arc::new(AtomicU64::new(1));
    let http_limits = http::Limits { max_connections: limits.max_connections, ..http::Limits::default() };
    let server = http::serve(listen, http_limits, move |request: &Request| match request.path.as_str() {
        "/ws" => {
            let conn = next_conn.fetch_add(1, Ordering::Relaxed);
            let feed = feed.clone();
            http::websocket(request, move |up| connection(up, conn, feed, limits))
        }
        "/" => Response::full(StatusCode::OK, "text/html; charset=utf-8", AGENT_PAGE),
        "/trust.json" => Response::full(StatusCode::OK, "application/json", trust_json.clone()),
        _ => Response::text(
            StatusCode::NOT_FOUND,
            "if-mesh signal: the signaling WebSocket is at /ws, the browser agent at /\n",
        ),
    })?;
    inbox.seal();
    tracing::info!("listening on {}", server.addr());
    let mut rooms = Rooms::new(limits.rooms);
    let mut queues: HashMap<ConnId, SyncSender<Outbound>> = HashMap::new();
    let mut unjoined: HashMap<ConnId, Instant> = HashMap::new();
    while host.admitting() {
        let first = match inbox.wait_until(Some(Instant::now() + READ_TICK)) {
            Wait::Input(input) => Some(input),
            Wait::Deadline => None,
            Wait::Closed => break,
        };
        // Everything waiting is handled in one turn, recorded with one wait for the writer.
        for input in first.into_iter().chain(std::iter::from_fn(|| inbox.try_next()).take(255)) {
            // What a connection the loop already closed still sends is of no one's concern.
            match input {
                CoreInput::Text { conn, .. } | CoreInput::Bad { conn, .. } if !queues.contains_key(&conn) => {}
                CoreInput::Open { conn, queue } => {
                    queues.insert(conn, queue);
                    unjoined.insert(conn, Instant::now());
                }
                CoreInput::Text { conn, text } => match signal::parse_client(text.as_bytes()) {
                    Ok(ClientFrame::Join(message)) if rooms.agent(conn).is_none() => {
                        unjoined.remove(&conn);
                        match host.verify_join(message) {
                            Ok((agent, room)) => rooms.handle_join(conn, &agent, &room),
                            Err((agent, reason)) => rooms.handle_refused(conn, agent.as_deref(), reason),
                        }
                    }
                    Ok(frame) => rooms.handle_frame(conn, frame),
                    Err(e) => rooms.handle_bad_frame(conn, e.to_string()),
                },
                CoreInput::Bad { conn, reason } => rooms.handle_bad_frame(conn, reason),
                CoreInput::Closed { conn } => {
                    unjoined.remove(&conn);
                    rooms.handle_closed(conn);
                    queues.remove(&conn);
                }
            }
        }
        let now = Instant::now();
        let late: Vec<ConnId> =
            unjoined.iter().filter(|(_, at)| now - **at >= limits.join_timeout).map(|(c, _)| *c).collect();
        for conn in late {
            unjoined.remove(&conn);
            let reason = format!("no join within {} s", limits.join_timeout.as_secs());
            rooms.handle_refused(conn, None, reason);
        }
        // Outputs until none are left: dropping a slow client makes more (its presence).
        loop {
            let outputs: Vec<Output> = std::iter::from_fn(|| rooms.poll_output()).collect();
            if outputs.is_empty() {
                break;
            }
            let records: Vec<Record> = outputs
                .iter()
                .filter_map(|o| match o {
                    Output::Record(r) => Some(r.clone()),
                    _ => None,
                })
                .collect();
            if !records.is_empty() {
                host.record(records);
            }
            if !host.admitting() {
                break;
            }
            let mut slow = Vec::new();
            for output in outputs {
                match output {
                    Output::Record(_) => {}
                    Output::Send { to, frame } => {
                        if let Some(queue) = queues.get(&to) {
                            if let Err(TrySendError::Full(_)) = queue.try_send(Outbound::Text(frame.to_text())) {
                                slow.push(to);
                            }
                        }
                    }
                    Output::Close { conn, frame } => {
                        // A full queue is dropped with the connection: its writer ends either way.
                        if let Some(queue) = queues.remove(&conn) {
                            let _ = queue.try_send(Outbound::Last(frame.to_text()));
                        }
                    }
                }
            }
            for conn in slow {
                if queues.contains_key(&conn) {
                    rooms.drop_conn(conn, format!("slow consumer: {} frames waiting", limits.queue));
                }
            }
        }
    }
    tracing::error!("event stream lost: no longer relaying; closing every connection");
    for (_, queue) in queues.drain() {
        let _ = queue.try_send(Outbound::Last(ServerFrame::Error { reason: "server stopping".into() }.to_text()));
    }
    Ok(())
}

/// One WebSocket connection: this thread reads, a thread of its own writes what the loop queues.
fn connection(up: http::Upgraded, conn: ConnId, feed: Feed<CoreInput>, limits: ServerLimits) {
    let (tx, rx) = sync_channel::<Outbound>(limits.queue);
    if !feed.send(CoreInput::Open { conn, queue: tx.clone() }) {
        return;
    }
    let http::Upgraded { mut read, write } = up;
    read.set_timeout(Some(READ_TICK));
    let writer_done = Arc::new(AtomicBool::new(false));
    let done = writer_done.clone();
    let writer = std::thread::Builder::new().name(format!("mesh conn {conn}")).spawn(move || {
        let mut out = websocket::Writer::new(write, Role::Server);
        for item in rx {
            let written = match item {
                Outbound::Text(text) => out.text(&text),
                Outbound::Raw(frame) => out.raw(&frame),
                Outbound::Last(text) => {
                    let _ = out.text(&text);
                    let _ = out.close(1000, "");
                    break;
                }
            };
            if written.is_err() {
                break;
            }
        }
        done.store(true, Ordering::Relaxed);
    });
    let mut incoming = Incoming::new(read, Role::Server, limits.max_frame);
    loop {
        let mut replies = Vec::new();
        let got = incoming.read_message(&mut replies);
        for reply in replies {
            let _ = tx.try_send(Outbound::Raw(reply));
        }
        match got {
            Ok(Some(Ok(Message::Text(text)))) => {
                if !feed.send(CoreInput::Text { conn, text }) {
                    break;
                }
            }
            Ok(Some(Ok(Message::Binary(_)))) => {
                feed.send(CoreInput::Bad { conn, reason: "binary frame (the signaling is JSON text)".into() });
                break;
            }
            Ok(Some(Ok(Message::Closed(_)))) | Ok(None) => break,
            Ok(Some(Err(e))) => {
                let _ = tx.try_send(Outbound::Raw(websocket::close_frame(e.close_code(), "", Role::Server)));
                feed.send(CoreInput::Bad { conn, reason: format!("bad WebSocket frame: {e}") });
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                if writer_done.load(Ordering::Relaxed) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    drop(tx);
    feed.send(CoreInput::Closed { conn });
    if let Ok(writer) = writer {
        let _ = writer.join();
    }
}
