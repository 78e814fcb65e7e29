//! `if-mesh`: the signal server, and an agent in a room's full mesh of DataChannels.

use super::{rejected_or_ok, EXIT_OK};
use crate::jsonl::DEFAULT_MAX_LINE;
use crate::keys::{SecretKey, TrustStore};
use crate::mesh::agent::{self, AgentConfig, AgentHost, AgentInput, Outgoing, TurnSetup};
use crate::mesh::events::AgentEvent;
use crate::mesh::room::Record;
use crate::mesh::server::{self, Host, ServerLimits};
use crate::mesh::signal;
use crate::mesh::textroom::{self, JanusConfig};
use crate::mesh::turn::Credentials;
use crate::message::{default_scope, Event, MessageFactory, MessageSpec, Performative, ReplayGuard};
use crate::pipeline::{self, EventWriter, Inbox, IncomingCheck, Intake, OnError, OnOutputLoss, StdinLine};
use crate::time::now_millis;
use anyhow::Context;
use serde_json::Value;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The receiver that means every member of the room.
pub const EVERY_MEMBER: &str = "if://agent/mesh";

pub struct SignalOptions {
    pub listen: SocketAddr,
    pub key: PathBuf,
    pub trust: Vec<PathBuf>,
    pub limits: ServerLimits,
    /// How far a join's timestamp may be from our clock.
    pub max_skew_ms: i64,
    pub on_audit_loss: OnOutputLoss,
}

fn trust_of(paths: &[PathBuf]) -> anyhow::Result<TrustStore> {
    TrustStore::load_all(paths)?.context("--trust is required: joins are checked against it")
}

/// Lets a loop wait for its records to be written without polling the writer.
#[derive(Clone, Default)]
struct WrittenSignal(Arc<(Mutex<u64>, Condvar)>);

impl WrittenSignal {
    fn install(&self, events: &EventWriter) {
        let me = self.clone();
        events.when_written(move || {
            let (count, cv) = &*me.0;
            *count.lock().unwrap_or_else(|e| e.into_inner()) += 1;
            cv.notify_all();
        });
    }

    fn wait(&self, events: &EventWriter, ticket: u64) {
        let (count, cv) = &*self.0;
        let mut guard = count.lock().unwrap_or_else(|e| e.into_inner());
        while !events.written(ticket) && events.admitting() {
            guard = cv.wait_timeout(guard, Duration::from_millis(100)).unwrap_or_else(|e| e.into_inner()).0;
        }
    }
}

pub fn signal(o: SignalOptions) -> anyhow::Result<u8> {
    let trust = trust_of(&o.trust)?;
    let trust_json = published_trust(&trust);
    let check = IncomingCheck::new(Some(trust)).with_replay(Some(ReplayGuard::default()), Some(o.max_skew_ms));
    let factory = MessageFactory::new(SecretKey::load(&o.key)?, 64);
    let events = EventWriter::stdout(Some(factory), "mesh-signal", o.on_audit_loss);
    let written = WrittenSignal::default();
    written.install(&events);
    let mut host = SignalHost { check, events: &events, written };
    let served = server::run(o.listen, o.limits, trust_json, &mut host);
    events.finish()?;
    served.with_context(|| format!("listen on {}", o.listen))?;
    Ok(EXIT_OK)
}

/// What the browser agent needs of the trust registry to verify what it receives: each agent
/// and its public key (public knowledge; roles and quotas stay here).
fn published_trust(trust: &TrustStore) -> String {
    let keys: Vec<Value> = trust
        .keys()
        .map(|k| serde_json::json!({"agent": k.agent, "public_key": crate::keys::encode_public(&k.key)}))
        .collect();
    Value::Array(keys).to_string()
}

struct SignalHost<'a> {
    check: IncomingCheck,
    events: &'a EventWriter,
    written: WrittenSignal,
}

impl Host for SignalHost<'_> {
    fn verify_join(&mut self, message: Value) -> Result<(String, String), (Option<String>, String)> {
        let claimed = message.get("sender").and_then(Value::as_str).map(str::to_owned);
        let verified = self.check.check_value(message).map_err(|e| (claimed.clone(), e.to_string()))?;
        let room = signal::join_room(&verified.message).map_err(|e| (claimed, e))?;
        Ok((verified.message.sender, room))
    }

    fn record(&mut self, records: Vec<Record>) {
        let boxed = records.into_iter().map(|r| Box::new(r) as Box<dyn Event + Send>).collect();
        let ticket = self.events.events(boxed);
        self.written.wait(self.events, ticket);
    }

    fn admitting(&self) -> bool {
        self.events.admitting()
    }
}

pub struct JoinOptions {
    /// `ws://IP:PORT/PATH`: the signal server (ignored with `janus`).
    pub signal: String,
    /// A Janus TextRoom instead of the full mesh.
    pub janus: Option<JanusOptions>,
    pub room: String,
    pub key: PathBuf,
    pub trust: Vec<PathBuf>,
    pub bind: SocketAddr,
    pub turn: Option<TurnOptions>,
    /// A STUN server (`--ice-server stun:IP:PORT`).
    pub stun: Option<SocketAddr>,
    pub view_every: Option<Duration>,
    pub max_skew_ms: i64,
    pub leave_on_eof: bool,
    pub on_audit_loss: OnOutputLoss,
}

pub struct JanusOptions {
    /// Janus's WebSocket API, `ws://IP:PORT[/PATH]`.
    pub url: String,
    /// The TextRoom's numeric id.
    pub room: u64,
    /// A file holding the room's PIN, refused when others may read it.
    pub pin: Option<PathBuf>,
}

pub struct TurnOptions {
    pub server: SocketAddr,
    /// A file of one line `USER:PASSWORD`, refused when others may read it.
    pub credentials: PathBuf,
    pub relay_only: bool,
}

/// An `--ice-server`: what kind, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IceServer {
    Stun(SocketAddr),
    Turn(SocketAddr),
}

/// `stun:IP[:PORT]` or `turn:IP[:PORT]` (with `?transport=udp`, or none; RFC 7064, 7065), port
/// 3478 by default. Host names are refused rather than resolved, as the signal URL's are; TCP
/// and TLS (`stuns:`, `turns:`) are not spoken.
pub fn parse_ice_server(url: &str) -> Result<IceServer, String> {
    let (stun, rest) = match (url.strip_prefix("stun:"), url.strip_prefix("turn:")) {
        (Some(rest), _) => (true, rest),
        (_, Some(rest)) => (false, rest),
        _ => {
            return Err(format!(
                "`{url}`: only stun:IP:PORT and turn:IP:PORT are supported (not stuns:, turns: or others)"
            ))
        }
    };
    let (authority, query) = rest.split_once('?').unwrap_or((rest, ""));
    // RFC 7064 gives stun: URIs no query at all.
    if !query.is_empty() && (stun || query != "transport=udp") {
        return Err(format!("`{url}`: only UDP to the server is supported"));
    }
    let with_port = if authority.contains(':') && !authority.starts_with('[') || authority.contains("]:") {
        authority.to_owned()
    } else {
        format!("{authority}:3478")
    };
    let addr = with_port.parse().map_err(|_| format!("`{authority}` in `{url}` is not IP:PORT"))?;
    Ok(if stun { IceServer::Stun(addr) } else { IceServer::Turn(addr) })
}

/// `ws://IP:PORT/PATH` as an address and a path (no DNS, no TLS: the signal server is ours).
pub fn parse_signal_url(url: &str) -> Result<(SocketAddr, String), String> {
    let rest = url.strip_prefix("ws://").ok_or_else(|| format!("`{url}` is not a ws:// URL"))?;
    let (authority, path) = rest.split_once('/').map_or((rest, "/ws".to_owned()), |(a, p)| (a, format!("/{p}")));
    let addr = authority.parse().map_err(|_| format!("`{authority}` in `{url}` is not IP:PORT"))?;
    Ok((addr, path))
}

pub fn join(o: JoinOptions) -> anyhow::Result<u8> {
    if o.janus.is_some() {
        return join_janus(o);
    }
    let (signal_addr, path) = parse_signal_url(&o.signal).map_err(anyhow::Error::msg)?;
    let trust = trust_of(&o.trust)?;
    let turn = match &o.turn {
        Some(t) => {
            let text = crate::keys::read_private(&t.credentials, "TURN credentials")?;
            let credentials =
                Credentials::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", t.credentials.display()))?;
            Some(TurnSetup { server: t.server, credentials, relay_only: t.relay_only })
        }
        None => None,
    };
    // The join message first, its sequence numbers returned before the writer's factory takes
    // the next block of the same key.
    let mut joiner = MessageFactory::new(SecretKey::load(&o.key)?, 1);
    let me = joiner.sender().to_owned();
    let mut spec = MessageSpec::new(Performative::Request, "if://agent/mesh-signal", default_scope("mesh-agent"));
    spec.content.insert("mesh".into(), "join".into());
    spec.content.insert("room".into(), o.room.clone().into());
    let join = joiner.build(spec, now_millis())?;
    joiner.finish()?;
    let factory = MessageFactory::new(SecretKey::load(&o.key)?, 64);
    let events = EventWriter::stdout(Some(factory), "mesh-agent", o.on_audit_loss);
    let inbox = Inbox::bounded(4096);
    pipeline::spawn_stdin(inbox.sender(), DEFAULT_MAX_LINE, AgentInput::Stdin);
    let mut host = AgentTool::new(trust, o.max_skew_ms, &events);
    let config = AgentConfig {
        signal: signal_addr,
        path,
        join,
        me,
        bind: o.bind,
        turn,
        stun: o.stun,
        max_message: DEFAULT_MAX_LINE,
        leave_on_eof: o.leave_on_eof,
        view_every: o.view_every,
    };
    let ran = agent::run(config, inbox, &mut host);
    let rejected = host.intake.finish();
    events.finish()?;
    ran?;
    Ok(rejected_or_ok(rejected?))
}

/// `join --janus`: the same host (what is sent and what is received checked as in the full
/// mesh), driven by the TextRoom driver.
fn join_janus(o: JoinOptions) -> anyhow::Result<u8> {
    let Some(janus) = &o.janus else { unreachable!("join_janus without --janus") };
    let (api, path) = parse_signal_url(&janus.url).map_err(anyhow::Error::msg)?;
    // A bare ws://IP:PORT is Janus's root, not the signal server's /ws.
    let path = if janus.url.trim_start_matches("ws://").contains('/') { path } else { "/".to_owned() };
    let trust = trust_of(&o.trust)?;
    let pin = match &janus.pin {
        Some(file) => Some(crate::keys::read_private(file, "room PIN")?.trim().to_owned()),
        None => None,
    };
    let factory = MessageFactory::new(SecretKey::load(&o.key)?, 64);
    let me = factory.sender().to_owned();
    let events = EventWriter::stdout(Some(factory), "mesh-agent", o.on_audit_loss);
    let inbox = Inbox::bounded(4096);
    pipeline::spawn_stdin(inbox.sender(), DEFAULT_MAX_LINE, AgentInput::Stdin);
    let mut host = AgentTool::new(trust, o.max_skew_ms, &events);
    let config = JanusConfig {
        api,
        path,
        room: janus.room,
        pin,
        me,
        bind: o.bind,
        max_message: DEFAULT_MAX_LINE,
        leave_on_eof: o.leave_on_eof,
        view_every: o.view_every,
    };
    let ran = textroom::run(config, inbox, &mut host);
    let rejected = host.intake.finish();
    events.finish()?;
    ran?;
    Ok(rejected_or_ok(rejected?))
}

struct AgentTool<'a> {
    /// Lines of stdin: signature and trusted key, so nothing unverifiable leaves.
    outgoing: IncomingCheck,
    /// Messages from peers: signature, trusted key, replay and freshness.
    incoming: IncomingCheck,
    intake: Intake,
    events: &'a EventWriter,
}

impl<'a> AgentTool<'a> {
    /// The host of either mode (full mesh or TextRoom): the same checks both ways.
    fn new(trust: TrustStore, max_skew_ms: i64, events: &'a EventWriter) -> Self {
        AgentTool {
            outgoing: IncomingCheck::new(Some(trust.clone())),
            incoming: IncomingCheck::new(Some(trust)).with_replay(Some(ReplayGuard::default()), Some(max_skew_ms)),
            intake: Intake::new(OnError::Skip),
            events,
        }
    }
}

impl AgentHost<StdinLine> for AgentTool<'_> {
    fn outgoing(&mut self, line: StdinLine) -> Outgoing {
        let Some((number, bytes)) = self.intake.take(line) else {
            return if self.intake.ended() { Outgoing::Ended } else { Outgoing::Skip };
        };
        match self.outgoing.check_line(&bytes) {
            Ok(verified) => {
                let receivers = verified.message.receivers();
                let everyone = receivers.contains(&EVERY_MEMBER);
                let named = if everyone { Vec::new() } else { receivers.into_iter().map(str::to_owned).collect() };
                Outgoing::Send { message: bytes, receivers: named }
            }
            Err(reason) => {
                self.intake.reject(number, &format!("not sent (signature-verification-failed): {reason}"));
                Outgoing::Skip
            }
        }
    }

    fn deliver(&mut self, _peer: &str, message: Vec<u8>) -> Result<(), (Option<String>, String)> {
        match self.incoming.check_line(&message) {
            Ok(_) => {
                self.events.line(message);
                Ok(())
            }
            Err(reason) => {
                let sender = crate::pipeline::parse_line(&message)
                    .ok()
                    .and_then(|v| v.get("sender").and_then(Value::as_str).map(str::to_owned));
                Err((sender, reason.to_string()))
            }
        }
    }

    fn event(&mut self, event: AgentEvent) {
        self.events.emit(&event);
    }

    fn admitting(&self) -> bool {
        self.events.admitting()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signal_urls() {
        assert_eq!(parse_signal_url("ws://127.0.0.1:8787/ws"), Ok(("127.0.0.1:8787".parse().unwrap(), "/ws".into())));
        assert_eq!(parse_signal_url("ws://127.0.0.1:1"), Ok(("127.0.0.1:1".parse().unwrap(), "/ws".into())));
        assert!(parse_signal_url("wss://127.0.0.1:1/ws").is_err());
        assert!(parse_signal_url("ws://localhost:1/ws").unwrap_err().contains("not IP:PORT"));
    }

    #[test]
    fn ice_server_urls() {
        let at = |s: &str| s.parse::<SocketAddr>().unwrap();
        let turn = |s: &str| Ok(IceServer::Turn(at(s)));
        assert_eq!(parse_ice_server("turn:127.0.0.1:3479"), turn("127.0.0.1:3479"));
        assert_eq!(parse_ice_server("turn:127.0.0.1"), turn("127.0.0.1:3478"));
        assert_eq!(parse_ice_server("turn:127.0.0.1:3479?transport=udp"), turn("127.0.0.1:3479"));
        assert_eq!(parse_ice_server("turn:[::1]:3479"), turn("[::1]:3479"));
        assert_eq!(parse_ice_server("turn:[::1]"), turn("[::1]:3478"));
        assert_eq!(parse_ice_server("stun:127.0.0.1"), Ok(IceServer::Stun(at("127.0.0.1:3478"))));
        assert_eq!(parse_ice_server("stun:[::1]:19302"), Ok(IceServer::Stun(at("[::1]:19302"))));
        assert!(parse_ice_server("turn:127.0.0.1?transport=tcp").unwrap_err().contains("only UDP"));
        assert!(parse_ice_server("stun:127.0.0.1?transport=udp").unwrap_err().contains("only UDP"));
        assert!(parse_ice_server("turns:127.0.0.1").unwrap_err().contains("only stun:IP:PORT and turn:"));
        assert!(parse_ice_server("turn:turn.example.org:3478").unwrap_err().contains("not IP:PORT"));
    }
}
