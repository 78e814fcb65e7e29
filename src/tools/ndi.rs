//! `if-ndi-pub` and `if-ndi-view`: evidence cards from stdin onto an NDI stream, and a stream
//! verified frame by frame, their events on stdout.

use super::{rejected_or_ok, EXIT_OK, EXIT_REJECTED};
use crate::jsonl::DEFAULT_MAX_LINE;
use crate::keys::{SecretKey, TrustStore};
use crate::message::{self, default_scope, MessageFactory, MessageSpec};
use crate::ndi::chain::ChainWriter;
use crate::ndi::events::{CardShown, StreamEvent};
use crate::ndi::live::{self, LiveView};
use crate::ndi::publish::{self, Cards, Evidence, PublishOptions};
use crate::ndi::verify::{StreamVerifier, Verdict};
use crate::ndi::view::{self, ViewOptions};
use crate::ndi::{Runtime, Sender, SourceInfo};
use crate::pipeline::{
    self, parse_line, EventWriter, IncomingCheck, Intake, OnError, OnOutputLoss, Rejection, StdinLine,
};
use crate::time::{format_rfc3339, now_millis};
use crate::wrap::{self, WrapOptions};
use anyhow::Context;
use serde_json::Value;
use std::path::PathBuf;

/// Publishes stdin's messages as cards on the NDI source `opts.name`, every frame sealed into a
/// new chain by `key`; a card event for each.
pub fn publish(
    rt: &Runtime,
    key: SecretKey,
    trust: Option<TrustStore>,
    opts: PublishOptions,
    on_audit_loss: OnOutputLoss,
) -> anyhow::Result<u8> {
    let chain = ChainWriter::new(message::random_hex(8), key.signing.clone());
    let agent = key.agent.clone();
    let chain_id = chain.chain().to_owned();
    let events = EventWriter::stdout(Some(MessageFactory::new(key, 64)), "ndi-pub", on_audit_loss);
    let sender = announce(rt.sender(&opts.name, false)?);
    let inbox = pipeline::stdin_lines(DEFAULT_MAX_LINE);
    let mut source = EvidenceLines {
        check: IncomingCheck::new(trust),
        events: &events,
        intake: Intake::new(OnError::Skip),
        wrap: WrapOptions {
            receiver: "if://agent/oversight".into(),
            trace_id: None,
            scope: default_scope("ndi-pub"),
            hazard_type: crate::message::HazardType::Safety,
            fingerprint_key: None,
        },
        agent,
    };
    let published = publish::run(&sender, &opts, chain, &inbox, &mut Cards::new(&opts.name, &mut source))
        .context("sending a frame")?;
    drop(sender);
    let rejected = source.intake.finish();
    events.finish()?;
    tracing::info!("{} frames, {} cards, chain {chain_id}", published.frames, published.cards);
    Ok(rejected_or_ok(rejected?))
}

/// Logs where a new sender publishes (its TCP port, for receivers that connect directly).
pub(super) fn announce(sender: Sender) -> Sender {
    match sender.port {
        Some(port) => tracing::info!(
            "publishing `{}` on port {port} (on this machine: if-ndi-view --source 127.0.0.1:{port})",
            sender.source_name()
        ),
        None => tracing::info!("publishing `{}`", sender.source_name()),
    }
    sender
}

/// The source `spec` names: an address `IP:PORT`, connected to directly, else an NDI name looked
/// for (10 s at most) on this machine, at `extra_ips` and at the discovery servers, if any.
pub fn find_source(rt: &Runtime, spec: &str, extra_ips: &str, discovery: Option<&str>) -> anyhow::Result<SourceInfo> {
    if let Ok(addr) = spec.parse::<std::net::SocketAddr>() {
        return Ok(SourceInfo::at(addr));
    }
    rt.find(spec, Some(extra_ips), std::time::Duration::from_secs(10))?.with_context(|| {
        let discovery = discovery.map(|d| format!(", discovery server {d}")).unwrap_or_default();
        format!("no NDI source matching `{spec}` (looked locally and at {extra_ips}{discovery})")
    })
}

/// `if-ndi-pub`'s input: an IFMessage must verify; any other JSON object is wrapped (signed)
/// first; what is shown is on the record as an `ndi.card` event.
struct EvidenceLines<'a> {
    check: IncomingCheck,
    events: &'a EventWriter,
    intake: Intake,
    wrap: WrapOptions,
    agent: String,
}

impl Evidence<StdinLine> for EvidenceLines<'_> {
    fn input(&mut self, line: StdinLine) -> Option<Option<Value>> {
        let Some((number, bytes)) = self.intake.take(line) else {
            return (!self.intake.ended()).then_some(None);
        };
        let shown = match parse_line(&bytes) {
            Ok(Value::Object(obj)) if message::looks_like_ifmessage(&obj) => {
                self.check.check_value(Value::Object(obj)).map(|v| v.value)
            }
            // Plain JSON is shown as the message wrapping it would be, from this tool's agent;
            // the frames that show it are signed by the chain.
            Ok(Value::Object(obj)) => Ok(as_shown(&wrap::json_object(&obj, &self.wrap), &self.agent)),
            Ok(_) => Err(Rejection::NotObject),
            Err(e) => Err(e),
        };
        match shown {
            Ok(v) => Some(Some(v)),
            Err(reason) => {
                self.intake.reject(number, &reason);
                Some(None)
            }
        }
    }

    fn card_shown(&mut self, card: CardShown) {
        self.events.emit(&card);
    }

    fn admitting(&self) -> bool {
        self.events.admitting()
    }
}

/// The fields a card shows of the message `spec` describes, sent by `agent` now.
fn as_shown(spec: &MessageSpec, agent: &str) -> Value {
    serde_json::json!({
        "performative": spec.performative,
        "sender": agent,
        "content": spec.content,
        "timestamp": format_rfc3339(now_millis()),
        "trace_id": spec.trace_id.clone().unwrap_or_else(|| message::random_hex(6)),
        "scope": spec.scope,
        "hazard": spec.hazard,
    })
}

/// What a viewer needs besides its source.
pub struct ViewRun {
    /// Signs the viewer's events.
    pub key: SecretKey,
    /// Keys trusted to sign frames; without, frames are checked against the key they carry.
    pub trust: Option<TrustStore>,
    pub opts: ViewOptions,
    /// Where to serve the live web view.
    pub http: Option<std::net::SocketAddr>,
    /// Where to write the last frame, with its provenance overlay, at the end.
    pub snapshot: Option<PathBuf>,
    pub on_audit_loss: OnOutputLoss,
}

/// Receives `source` and verifies every frame; exit 1 if anything did not verify (or nothing
/// did).
pub fn view(rt: &Runtime, source: &SourceInfo, run: ViewRun) -> anyhow::Result<u8> {
    let events = EventWriter::stdout(Some(MessageFactory::new(run.key, 64)), "ndi-view", run.on_audit_loss);
    tracing::info!("receiving {}", source.label());
    let receiver = rt.receiver(source)?;
    let live = LiveView::new(source.label());
    if let Some(addr) = run.http {
        let bound = live::serve(addr, live.clone()).with_context(|| format!("web view on {addr}"))?;
        tracing::info!("live view at http://{bound}/");
    }
    let label = source.label().to_owned();
    let mut report = |verdict: &Verdict| events.emit(&StreamEvent { verdict, source: &label });
    let seen =
        view::run(&receiver, StreamVerifier::new(run.trust), &live, &run.opts, &mut report, &|| events.admitting());
    if let Some(path) = &run.snapshot {
        std::fs::write(path, live.png()).with_context(|| path.display().to_string())?;
    }
    events.finish()?;
    tracing::info!("{} frames verified, {} anomalies", seen.verified, seen.anomalies);
    Ok(if seen.anomalies > 0 || seen.verified == 0 { EXIT_REJECTED } else { EXIT_OK })
}
