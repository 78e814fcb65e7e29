//! The MCU's external mixer: Janus AudioBridge through its HTTP API (plain JSON over HTTP on
//! the Janus server's address, here a minimal blocking HTTP/1.0 client over `TcpStream`). Each
//! call becomes a plain-RTP participant of one room, joined on a handle of its own; Janus
//! mixes and sends each participant the mix-minus, and the call's RTP goes to Janus directly.
//!
//! Two threads, never the MCU's loop: one carries out the loop's commands (attach, join,
//! configure, leave, detach: each a POST with [`REQUEST_TIMEOUT`]), one long-polls the
//! session's events (which is also what keeps the session alive: Janus drops a session after
//! 60 s without a request). What they learn goes to the loop's inbox as [`MixerReport`]s. A
//! Janus that refuses one call fails that call; one that does not answer, or loses the session,
//! fails the mixer as a whole.

use super::mcu::{ConnId, MixerCommand};
use crate::media::g711::Law;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request to Janus that takes longer than this fails the mixer.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
/// Janus answers a long poll after at most 30 s (a keepalive when nothing happened).
const POLL_TIMEOUT: Duration = Duration::from_secs(45);
/// The largest answer read from Janus.
const MAX_ANSWER: u64 = 1 << 20;
/// Commands queued for the Janus thread: beyond, the call is refused rather than the loop wait.
const QUEUE: usize = 256;

/// Where Janus is and which AudioBridge room mixes the conference.
#[derive(Clone, Debug)]
pub struct JanusConfig {
    /// The HTTP API's URL, `http://HOST:PORT/PATH`.
    pub url: String,
    /// The room: configured in Janus with `allow_rtp_participants`, `sampling_rate = 8000`.
    pub room: u64,
}

/// What the Janus threads tell the MCU's loop.
#[derive(Debug)]
pub enum MixerReport {
    /// The call's participant `id` takes its RTP at `rtp`.
    Joined { conn: ConnId, id: u64, rtp: SocketAddr },
    /// One call (`Some`) or the whole mixer (`None`) failed.
    Failed { conn: Option<ConnId>, why: String },
}

enum Command {
    Join { conn: ConnId, display: String, law: Law, to: SocketAddr },
    Control { conn: ConnId, command: MixerCommand },
    Leave { conn: ConnId },
}

/// The loop's side: commands in, never blocking.
pub struct JanusMixer {
    commands: SyncSender<Command>,
}

impl JanusMixer {
    /// Starts the threads; `report` hands a report to the loop's inbox (false: the loop is gone).
    pub fn start(
        config: JanusConfig,
        report: impl Fn(MixerReport) -> bool + Send + Clone + 'static,
    ) -> io::Result<Self> {
        let api = Api::new(&config.url)?;
        let (tx, rx) = sync_channel(QUEUE);
        std::thread::spawn(move || commands(api, config.room, rx, report));
        Ok(JanusMixer { commands: tx })
    }

    fn send(&self, command: Command) -> Result<(), String> {
        match self.commands.try_send(command) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(_)) => Err("its request queue is full".into()),
            Err(TrySendError::Disconnected(_)) => Err("its session is gone".into()),
        }
    }

    pub fn join(&self, conn: ConnId, display: String, law: Law, to: SocketAddr) -> Result<(), String> {
        self.send(Command::Join { conn, display, law, to })
    }

    pub fn control(&self, conn: ConnId, command: MixerCommand) -> Result<(), String> {
        self.send(Command::Control { conn, command })
    }

    pub fn leave(&self, conn: ConnId) {
        let _ = self.send(Command::Leave { conn });
    }
}

/// Janus's HTTP API.
#[derive(Clone)]
struct Api {
    addr: SocketAddr,
    host: String,
    base: String,
    transaction: Arc<AtomicU64>,
}

impl Api {
    fn new(url: &str) -> io::Result<Self> {
        let bad = || io::Error::new(io::ErrorKind::InvalidInput, format!("`{url}` is not http://HOST:PORT/PATH"));
        let rest = url.strip_prefix("http://").ok_or_else(bad)?;
        let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
        let addr = host.to_socket_addrs()?.next().ok_or_else(bad)?;
        let base = format!("/{}", path.trim_end_matches('/'));
        Ok(Api { addr, host: host.to_owned(), base, transaction: Arc::new(AtomicU64::new(0)) })
    }

    /// One request; the answer's JSON. Janus's own errors (`"janus": "error"`) are errors.
    fn request(&self, method: &str, path: &str, body: Option<Value>, timeout: Duration) -> Result<Value, String> {
        let body = body.map(|mut b| {
            let t = self.transaction.fetch_add(1, Ordering::Relaxed);
            b["transaction"] = json!(format!("if-mcu-{t}"));
            b.to_string()
        });
        let answer = self.exchange(method, path, body.as_deref().unwrap_or(""), timeout).map_err(|e| e.to_string())?;
        if answer.get("janus").and_then(Value::as_str) == Some("error") {
            return Err(format!("Janus: {}", answer["error"]["reason"].as_str().unwrap_or("error")));
        }
        Ok(answer)
    }

    fn post(&self, path: &str, body: Value) -> Result<Value, String> {
        self.request("POST", path, Some(body), REQUEST_TIMEOUT)
    }

    /// HTTP/1.0: one request per connection, the answer read to its end (no chunking).
    fn exchange(&self, method: &str, path: &str, body: &str, timeout: Duration) -> io::Result<Value> {
        let mut s = TcpStream::connect_timeout(&self.addr, REQUEST_TIMEOUT)?;
        s.set_read_timeout(Some(timeout))?;
        s.set_write_timeout(Some(REQUEST_TIMEOUT))?;
        let head = format!(
            "{method} {}{path} HTTP/1.0\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.base,
            self.host,
            body.len()
        );
        s.write_all(head.as_bytes())?;
        s.write_all(body.as_bytes())?;
        let mut answer = Vec::new();
        s.take(MAX_ANSWER).read_to_end(&mut answer)?;
        let invalid = |why: String| io::Error::new(io::ErrorKind::InvalidData, why);
        let split = answer.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| invalid("no HTTP answer".into()))?;
        let status = String::from_utf8_lossy(&answer[..split]).lines().next().unwrap_or("").to_owned();
        if status.split_whitespace().nth(1) != Some("200") {
            return Err(invalid(format!("HTTP: {status}")));
        }
        serde_json::from_slice(&answer[split + 4..]).map_err(|e| invalid(format!("its answer is not JSON: {e}")))
    }
}

/// The calls' handles: which call a handle's events are about.
type Handles = Arc<Mutex<HashMap<u64, ConnId>>>;

fn commands(api: Api, room: u64, rx: Receiver<Command>, report: impl Fn(MixerReport) -> bool + Send + Clone + 'static) {
    let failed = |why: String| report(MixerReport::Failed { conn: None, why });
    let created = api.post("", json!({"janus": "create"}));
    let session = match created.as_ref().map(|a| a["data"]["id"].as_u64()) {
        Ok(Some(id)) => id,
        Ok(None) => {
            failed("creating a session: no id in Janus's answer".into());
            return;
        }
        Err(why) => {
            failed(format!("creating a session: {why}"));
            return;
        }
    };
    tracing::info!("janus: session {session} at {}{}, room {room}", api.addr, api.base);
    let handles: Handles = Arc::default();
    let stopping = Arc::new(AtomicBool::new(false));
    {
        let (api, handles, stopping, report) = (api.clone(), handles.clone(), stopping.clone(), report.clone());
        std::thread::spawn(move || poll(api, session, handles, stopping, report));
    }
    let mut by_conn: HashMap<ConnId, u64> = HashMap::new();
    let on_handle =
        |handle: u64, body: Value| api.post(&format!("/{session}/{handle}"), json!({"janus": "message", "body": body}));
    for command in rx {
        match command {
            Command::Join { conn, display, law, to } => {
                let attached =
                    api.post(&format!("/{session}"), json!({"janus": "attach", "plugin": "janus.plugin.audiobridge"}));
                let handle = match attached.map(|a| a["data"]["id"].as_u64()) {
                    Ok(Some(h)) => h,
                    Ok(None) => {
                        report(MixerReport::Failed { conn: Some(conn), why: "attach: no handle".into() });
                        continue;
                    }
                    Err(why) => {
                        failed(format!("attach: {why}"));
                        continue;
                    }
                };
                handles.lock().expect("not poisoned").insert(handle, conn);
                by_conn.insert(conn, handle);
                let (codec, pt) = match law {
                    Law::Ulaw => ("pcmu", 0),
                    Law::Alaw => ("pcma", 8),
                };
                let join = json!({"request": "join", "room": room, "display": display, "codec": codec,
                    "rtp": {"ip": to.ip().to_string(), "port": to.port(), "payload_type": pt}});
                if let Err(why) = on_handle(handle, join) {
                    failed(format!("join: {why}"));
                }
            }
            Command::Control { conn, command } => {
                let Some(&handle) = by_conn.get(&conn) else { continue };
                let body = match command {
                    MixerCommand::Mute(m) => json!({"request": "configure", "muted": m}),
                    MixerCommand::Volume(v) => json!({"request": "configure", "volume": v}),
                };
                if let Err(why) = on_handle(handle, body) {
                    report(MixerReport::Failed { conn: Some(conn), why: format!("configure: {why}") });
                }
            }
            Command::Leave { conn } => {
                let Some(handle) = by_conn.remove(&conn) else { continue };
                handles.lock().expect("not poisoned").remove(&handle);
                // Detaching the handle takes its participant out of the room too.
                if let Err(why) = api.post(&format!("/{session}/{handle}"), json!({"janus": "detach"})) {
                    tracing::warn!("janus: detaching the handle of call {conn}: {why}");
                }
            }
        }
    }
    // The MCU stopped: the session (and what is left of its participants) goes.
    stopping.store(true, Ordering::Relaxed);
    let _ = api.post(&format!("/{session}"), json!({"janus": "destroy"}));
}

fn poll(api: Api, session: u64, handles: Handles, stopping: Arc<AtomicBool>, report: impl Fn(MixerReport) -> bool) {
    loop {
        let got = api.request("GET", &format!("/{session}?maxev=16"), None, POLL_TIMEOUT);
        if stopping.load(Ordering::Relaxed) {
            return;
        }
        let events = match got {
            Ok(Value::Array(events)) => events,
            Ok(event) => vec![event],
            Err(why) => {
                report(MixerReport::Failed { conn: None, why: format!("events: {why}") });
                return;
            }
        };
        for e in events {
            let Some(conn) = e["sender"].as_u64().and_then(|h| handles.lock().expect("not poisoned").get(&h).copied())
            else {
                continue;
            };
            let data = &e["plugindata"]["data"];
            let r = if let Some(error) = data["error"].as_str() {
                MixerReport::Failed { conn: Some(conn), why: format!("Janus: {error}") }
            } else if data["audiobridge"] == "joined" && data["rtp"].is_object() {
                let rtp = data["rtp"]["ip"].as_str().and_then(|ip| ip.parse().ok()).zip(data["rtp"]["port"].as_u64());
                match (data["id"].as_u64(), rtp) {
                    (Some(id), Some((ip, port))) if port <= 65535 => {
                        MixerReport::Joined { conn, id, rtp: SocketAddr::new(ip, port as u16) }
                    }
                    _ => {
                        MixerReport::Failed { conn: Some(conn), why: format!("a joined event without its RTP: {data}") }
                    }
                }
            } else if e["janus"] == "detached" || e["janus"] == "hangup" {
                MixerReport::Failed { conn: Some(conn), why: format!("Janus: {}", e["janus"]) }
            } else {
                continue;
            };
            if !report(r) {
                return;
            }
        }
    }
}
