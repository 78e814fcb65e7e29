//! `if-sip`: SIP proxy and registrar with IF.guard policy and signed transaction events.

use super::Output;
use crate::keys::{SecretKey, TrustStore};
use crate::message::{self, default_scope, Hazard, MessageFactory, MessageSpec, Performative};
use crate::policy::Policy;
use crate::sip::driver;
use crate::sip::proxy::{parse_listen, Config, Proxy, TransactionRecord};
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

Every finished transaction is one signed IFMessage on stdout (method, status, Call-ID, From/To,
SDP summary, timing, and the trace id of X-IF-Trace-ID).

Exit status: 0 ok, 2 usage, key, policy or socket error.";

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
}

/// The signed IFMessage for one transaction.
fn event_message(factory: &mut MessageFactory, record: &TransactionRecord) -> anyhow::Result<Value> {
    let performative = if record.refused.is_some() { Performative::Refuse } else { Performative::Inform };
    let mut spec = MessageSpec::new(performative, "if://agent/witness", default_scope("sip-proxy"));
    if let Value::Object(map) = serde_json::to_value(record)? {
        spec.content = map;
    }
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
            let proxy = Proxy::new(Config { local: listen, route, policy, wall_clock_offset_ms: start_wall });
            let mut out = Output::default();
            driver::run(proxy, listen, |record| {
                let msg = event_message(&mut factory, &record).map_err(std::io::Error::other)?;
                out.json(&msg)?;
                out.flush()
            })
            .with_context(|| format!("proxy on {listen}"))?;
            factory.finish()?;
            Ok(super::EXIT_OK)
        }
    }
}
