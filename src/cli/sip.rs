//! `if-sip`: SIP proxy and registrar with IF.guard policy and signed transaction events.

use super::{rejected_or_ok, AuditLossArg, EXIT_OK};
use crate::jsonl::DEFAULT_MAX_LINE;
use crate::keys::{SecretKey, TrustStore};
use crate::message::MessageFactory;
use crate::pipeline::{self, EventWriter, Inbox, IncomingCheck, OnError, PipelineError, Rejection, Rejects, StdinLine};
use crate::policy::Policy;
use crate::sip::driver::{self, Sockets};
use crate::sip::escalate::{self, Ask, Caller, CallerInput};
use crate::sip::events::{EscalationEvent, Origin};
use crate::sip::proxy::{parse_listen, Config, Proxy};
use crate::sip::uac::{CallEvent, Uac};
use crate::time::now_millis;
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::net::{SocketAddr, UdpSocket};
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

If the event stream (stdout) fails, for example because the `if-witness append` it feeds died,
both commands stop admitting work (new requests get 503; no new calls are placed), finish what
is in flight, say so on stderr and exit 3; `--on-audit-loss continue` serves on unrecorded.

Exit status: 0 ok, 1 an input line was rejected, 2 usage, key, policy or socket error, 3 the
event stream was lost.";

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
        /// When the event stream (stdout) fails: stop admitting calls and exit 3, or continue.
        #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
        on_audit_loss: AuditLossArg,
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
        /// When the event stream (stdout) fails: stop placing calls and exit 3, or continue.
        #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
        on_audit_loss: AuditLossArg,
    },
}

pub fn main(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Proxy { listen, route, policy, key, trust, on_audit_loss } => {
            if let Some(r) = &route {
                crate::sip::Uri::parse(r).with_context(|| format!("--route `{r}` is not a SIP URI"))?;
            }
            let mut policy = policy.map(|p| Policy::load(&p)).transpose()?;
            if let Some(p) = &policy {
                crate::sip::gate::check_experts(p)?;
            }
            if let Some(extra) = TrustStore::load_all(&trust)? {
                let p = policy.get_or_insert_with(Policy::default);
                for k in extra.keys() {
                    p.trust.insert(k.clone());
                }
            }
            let factory = MessageFactory::new(SecretKey::load(&key)?, 64);
            let sockets = Sockets::bind(listen).with_context(|| format!("listen on {listen}"))?;
            let local = sockets.local()?;
            let proxy = Proxy::new(Config { local, route, policy, wall_clock_offset_ms: now_millis() });
            // Signing and writing events happens on the writer's thread (the second core), off
            // the path of SIP packets.
            let events = EventWriter::stdout(Some(factory), "sip-proxy", on_audit_loss.into());
            let served = driver::run(proxy, sockets, |record| events.emit(&record), || events.admitting());
            events.finish()?;
            served.with_context(|| format!("proxy on {local}"))?;
            Ok(EXIT_OK)
        }
        Command::Escalate { key, via, experts, listen, hold_ms, trust, on_audit_loss } => {
            let policy = Policy::load(&experts)?;
            crate::sip::gate::check_experts(&policy)?;
            let check = IncomingCheck::new(TrustStore::load_all(&trust)?);
            let local = listen.unwrap_or_else(|| SocketAddr::new(via.ip(), 0));
            let sock = UdpSocket::bind(local).with_context(|| format!("bind {local}"))?;
            // Two loads of one key: the caller signs X-IF-Signature headers with it, the writer
            // signs the events (and owns the key's sequence numbers).
            let uac = Uac::new(sock.local_addr()?, SecretKey::load(&key)?, hold_ms, now_millis());
            let factory = MessageFactory::new(SecretKey::load(&key)?, 64);
            let events = EventWriter::stdout(Some(factory), "sip-escalate", on_audit_loss.into());
            let inbox = Inbox::bounded(4096);
            pipeline::spawn_stdin(inbox.sender(), DEFAULT_MAX_LINE, CallerInput::Input);
            let mut caller = Escalations {
                check,
                policy,
                events: &events,
                origins: Vec::new(),
                rejects: Rejects::new(OnError::Skip),
                failed: None,
            };
            escalate::run(uac, sock, via, inbox, &mut caller)?;
            let (rejected, failed) = (caller.rejects.finish(), caller.failed.take());
            events.finish()?;
            if let Some(e) = failed {
                return Err(PipelineError::Stdin(e).into());
            }
            Ok(rejected_or_ok(rejected))
        }
    }
}

/// `if-sip escalate`'s inputs: every line is checked; what verifies passes through, and what
/// escalates becomes a call whose events carry the escalation's trace.
struct Escalations<'a> {
    check: IncomingCheck,
    policy: Policy,
    events: &'a EventWriter,
    origins: Vec<Origin>,
    rejects: Rejects,
    failed: Option<std::io::Error>,
}

impl Caller<StdinLine> for Escalations<'_> {
    fn input(&mut self, tag: usize, line: StdinLine) -> Option<Ask> {
        let (number, verdict) = match line {
            StdinLine::Line { number, bytes } => (number, self.check.check_line(&bytes).map(|v| (v, bytes))),
            StdinLine::Bad { number, error } => (number, Err(Rejection::Refused(error.to_string()))),
            StdinLine::End => return None,
            StdinLine::Failed(e) => {
                self.failed = Some(e);
                return None;
            }
        };
        let (verified, bytes) = match verdict {
            Ok(v) => v,
            Err(reason) => {
                self.rejects.reject(number, &reason);
                return Some(Ask::Nothing);
            }
        };
        // Everything that verifies passes through; escalations are also acted on.
        self.events.line(bytes);
        let msg = verified.message;
        let ask = escalate::ask(&msg, &self.policy, tag);
        if !matches!(ask, Ask::Nothing) {
            self.origins.push(Origin {
                trace_id: msg.trace_id.clone(),
                conversation_id: Some(msg.conversation_id.clone()),
                hazard: msg.hazard.clone(),
            });
        }
        Some(ask)
    }

    fn event(&mut self, call: CallEvent) {
        let origin = self.origins.get(call.tag).cloned().unwrap_or_default();
        self.events.emit(&EscalationEvent { call: &call, origin: &origin });
    }

    fn admitting(&self) -> bool {
        self.events.admitting()
    }
}
