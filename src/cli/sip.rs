//! `if-sip`: SIP proxy and registrar with IF.guard policy and signed transaction events.

use super::Output;
use crate::keys::{SecretKey, TrustStore};
use crate::message::{self, Hazard, MessageFactory, MessageSpec, Performative};
use crate::policy::Policy;
use crate::sip::driver;
use crate::sip::proxy::{parse_listen, Config, TransactionRecord};
use crate::sip::xif::HazardHeader;
use crate::time::now_millis;
use anyhow::Context;
use clap::{Parser, Subcommand};
use serde_json::Value;
use std::net::SocketAddr;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  if-sip proxy --listen 127.0.0.1:5060 --route sip:127.0.0.1:5070 --key proxy.key
  if-sip proxy --policy guard.toml --key proxy.key | if-witness append sip.log --key witness.key
  if-msg new --key scan.key --performative escalate --receiver if://agent/oversight \\
      --hazard type=legal,severity=high | if-sip escalate --key scan.key --via 127.0.0.1:5060 --experts guard.toml

Every finished transaction is one signed IFMessage on stdout (method, status, Call-ID, From/To,
SDP summary, timing, and the trace id of X-IF-Trace-ID).

`escalate` writes call events (call.trying, call.ringing, call.answered with setup_ms,
call.failed with status, call.ended) as signed IFMessages with the escalation's trace id.

Exit status: 0 ok, 1 an input line was rejected, 2 usage, key, policy or socket error.";

#[derive(Parser, Debug)]
#[command(name = "if-sip", version, about = "SIP proxy and registrar with X-IF headers, IF.guard policy and signed events", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a stateful proxy and registrar over UDP and TCP.
    Proxy {
        /// Address to listen on (UDP and TCP).
        #[arg(long, default_value = "127.0.0.1:5060", value_parser = |s: &str| parse_listen(s).ok_or_else(|| format!("`{s}` is not HOST:PORT with an IP address")))]
        listen: SocketAddr,
        /// Where to send requests that nothing else routes (a SIP URI with an IP address).
        #[arg(long, value_name = "SIP-URI")]
        route: Option<String>,
        /// IF.guard policy (TOML): experts, trusted agent keys, gates.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Key that signs the transaction events.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// More trusted keys for X-IF-Signature (repeatable).
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
    },
    /// Call an expert for every escalation on stdin; other messages pass through.
    Escalate {
        /// Key that signs the INVITEs (X-IF-Signature) and the call events.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// The proxy to send calls through.
        #[arg(long, value_name = "ADDR", value_parser = |s: &str| parse_listen(s).ok_or_else(|| format!("`{s}` is not HOST:PORT with an IP address")))]
        via: SocketAddr,
        /// Experts by hazard type: an IF.guard policy file (its [[expert]] entries).
        #[arg(long, value_name = "FILE")]
        experts: PathBuf,
        /// Local address for SIP [default: an ephemeral port on the --via address family].
        #[arg(long, value_parser = |s: &str| parse_listen(s).ok_or_else(|| format!("`{s}` is not HOST:PORT")))]
        listen: Option<SocketAddr>,
        /// How long to stay on an answered call before hanging up, in milliseconds.
        #[arg(long, default_value_t = 1000, value_name = "MS")]
        hold_ms: u64,
        /// Trusted keys for the incoming messages (repeatable); without, their own keys are used.
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
    },
}

/// The signed IFMessage for one transaction.
fn event_message(factory: &mut MessageFactory, record: &TransactionRecord) -> anyhow::Result<Value> {
    let performative = if record.refused.is_some() { Performative::Refuse } else { Performative::Inform };
    let mut spec = MessageSpec::event(performative, "sip-proxy", record)?;
    spec.content.insert("event".into(), "sip.transaction".into());
    spec.content.insert(
        "summary".into(),
        format!("{} {} -> {} {}", record.method, record.request_uri, record.status, record.reason).into(),
    );
    spec.trace_id = record.trace_id.as_deref().map(str::trim).filter(|t| message::is_trace_id(t)).map(str::to_owned);
    spec.hazard = record.hazard.as_deref().and_then(|h| HazardHeader::parse(h).ok()).map(|h| Hazard {
        kind: Some(h.kind),
        severity: h.severity,
        auto_escalate: Some(h.auto_escalate),
        rationale: record.refused.clone(),
        ..Hazard::default()
    });
    Ok(factory.build(spec, now_millis())?)
}

pub fn main(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Proxy { listen, route, policy, key, trust } => {
            if let Some(r) = &route {
                crate::sip::Uri::parse(r).with_context(|| format!("--route `{r}` is not a SIP URI"))?;
            }
            let mut policy = policy.map(|p| Policy::load(&p)).transpose()?;
            if let Some(extra) = TrustStore::load_all(&trust)? {
                let p = policy.get_or_insert_with(Policy::default);
                for k in extra.keys() {
                    p.trust.insert(k.clone());
                }
            }
            let mut factory = MessageFactory::new(SecretKey::load(&key)?, 64);
            let start_wall = now_millis();
            let config = Config { local: listen, route, policy, wall_clock_offset_ms: start_wall };
            // Signing and writing events happens on its own thread (the second core), off the
            // path of SIP packets.
            let (tx, rx) = std::sync::mpsc::channel::<TransactionRecord>();
            let writer = std::thread::spawn(move || -> anyhow::Result<()> {
                let mut out = Output::default();
                while let Ok(first) = rx.recv() {
                    out.json(&event_message(&mut factory, &first)?)?;
                    while let Ok(record) = rx.try_recv() {
                        out.json(&event_message(&mut factory, &record)?)?;
                    }
                    out.flush()?;
                }
                factory.finish()?;
                Ok(())
            });
            let served = driver::run(config, |record| {
                tx.send(record).map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "event writer stopped"))
            });
            drop(tx);
            let written = writer.join().map_err(|_| anyhow::anyhow!("event writer panicked"))?;
            written?;
            served.with_context(|| format!("proxy on {listen}"))?;
            Ok(super::EXIT_OK)
        }
        Command::Escalate { key, via, experts, listen, hold_ms, trust } => {
            let policy = Policy::load(&experts)?;
            let trust = TrustStore::load_all(&trust)?;
            escalate(SecretKey::load(&key)?, via, policy, listen, hold_ms, trust)
        }
    }
}

enum EscalateInput {
    Line(u64, Result<Vec<u8>, crate::jsonl::LineError>),
    EndOfInput,
    Packet(Vec<u8>),
}

/// What an escalation came from, for its call events.
struct Origin {
    trace_id: Option<String>,
    conversation_id: Option<String>,
    hazard: Option<Hazard>,
}

fn escalate(
    key: SecretKey,
    via: SocketAddr,
    policy: Policy,
    listen: Option<SocketAddr>,
    hold_ms: u64,
    trust: Option<TrustStore>,
) -> anyhow::Result<u8> {
    use crate::sip::uac::{CallRequest, Uac, UacOutput};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};
    let local = listen.unwrap_or_else(|| SocketAddr::new(via.ip(), 0));
    let sock = std::net::UdpSocket::bind(local).with_context(|| format!("bind {local}"))?;
    let local = sock.local_addr()?;
    let (tx, rx) = mpsc::channel::<EscalateInput>();
    {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut lines = crate::jsonl::BoundedLines::new(std::io::stdin().lock(), crate::jsonl::DEFAULT_MAX_LINE);
            while let Some((n, l)) = lines.next_line() {
                if tx.send(EscalateInput::Line(n, l)).is_err() {
                    return;
                }
            }
            let _ = tx.send(EscalateInput::EndOfInput);
        });
    }
    {
        let sock = sock.try_clone()?;
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65_536];
            while let Ok((n, _)) = sock.recv_from(&mut buf) {
                if tx.send(EscalateInput::Packet(buf[..n].to_vec())).is_err() {
                    return;
                }
            }
        });
    }
    let start = Instant::now();
    let now = || start.elapsed().as_millis() as u64;
    let mut uac = Uac::new(local, SecretKey::load(&key.path)?, hold_ms, now_millis());
    let mut factory = MessageFactory::new(key, 64);
    let mut out = Output::default();
    let mut origins: Vec<Origin> = Vec::new();
    let mut input_open = true;
    let mut rejects = crate::jsonl::Rejects::default();
    while input_open || uac.active() > 0 {
        let input = match uac.poll_timeout() {
            Some(at) => rx.recv_timeout(Duration::from_millis(at.saturating_sub(now()))).ok(),
            None => rx.recv().ok(),
        };
        match input {
            Some(EscalateInput::EndOfInput) => input_open = false,
            Some(EscalateInput::Packet(p)) => uac.handle_packet(now(), &p),
            Some(EscalateInput::Line(n, line)) => {
                let line = match line {
                    Ok(l) => l,
                    Err(e) => {
                        rejects.reject(crate::jsonl::OnError::Skip, n, &e);
                        continue;
                    }
                };
                let value = match crate::json::parse_strict(&line) {
                    Ok(v) => v,
                    Err(e) => {
                        rejects.reject(crate::jsonl::OnError::Skip, n, &format!("not JSON: {e}"));
                        continue;
                    }
                };
                // Act only on what verifies; pass everything that verifies through.
                let msg = match message::verify_message(&value, trust.as_ref()) {
                    Ok(m) => m,
                    Err(e) => {
                        rejects.reject(crate::jsonl::OnError::Skip, n, &e);
                        continue;
                    }
                };
                out.line(&line)?;
                let auto = msg.hazard.as_ref().and_then(|h| h.auto_escalate).unwrap_or(false);
                if msg.performative != Performative::Escalate && !auto {
                    continue;
                }
                let tag = origins.len();
                origins.push(Origin {
                    trace_id: msg.trace_id.clone(),
                    conversation_id: Some(msg.conversation_id.clone()),
                    hazard: msg.hazard.clone(),
                });
                let Some(kind) = msg.hazard.as_ref().and_then(|h| h.kind) else {
                    uac.fail_unplaced(tag, "", 400, "escalation without a hazard type".into());
                    continue;
                };
                let Some(expert) = policy.expert_for(kind) else {
                    uac.fail_unplaced(tag, "", 404, format!("no expert handles {kind} hazards"));
                    continue;
                };
                let subject = msg
                    .content
                    .get("summary")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("{kind} escalation from {}", msg.sender));
                uac.start(
                    now(),
                    CallRequest {
                        tag,
                        expert_uri: expert.uri.clone(),
                        hazard: HazardHeader {
                            kind,
                            severity: msg.hazard.as_ref().and_then(|h| h.severity),
                            auto_escalate: auto,
                        },
                        trace_id: msg.trace_id.clone(),
                        subject,
                    },
                );
            }
            None => {}
        }
        uac.handle_timeout(now());
        while let Some(o) = uac.poll_output() {
            match o {
                UacOutput::Transmit { bytes } => {
                    if let Err(e) = sock.send_to(&bytes, via) {
                        tracing::warn!("send to {via}: {e}");
                    }
                }
                UacOutput::Event(ev) => {
                    let origin = &origins[ev.tag];
                    let mut spec = MessageSpec::event(Performative::Inform, "sip-escalate", &ev)?;
                    let what = spec.content.get("event").and_then(Value::as_str).unwrap_or("call").to_owned();
                    spec.content.insert("summary".into(), format!("{what} {}", ev.expert).into());
                    spec.trace_id = origin.trace_id.clone();
                    spec.conversation_id = origin.conversation_id.clone();
                    spec.hazard = origin.hazard.clone();
                    out.json(&factory.build(spec, now_millis())?)?;
                }
            }
        }
        out.flush()?;
    }
    factory.finish()?;
    rejects.summary(crate::jsonl::OnError::Skip);
    Ok(if rejects.count > 0 { super::EXIT_REJECTED } else { super::EXIT_OK })
}
