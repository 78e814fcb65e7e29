//! `if-gk`: the H.323 gatekeeper, and the endpoint side fed by stdin.

use super::{rejected_or_ok, EXIT_OK};
use crate::h323::driver::{self, Recorder};
use crate::h323::endpoint::{CallId, CallRequest, Endpoint, EndpointConfig, EndpointRecord, Outcome, Step};
use crate::h323::endpoint_driver::{self, Controller, EndpointInput};
use crate::h323::gate;
use crate::h323::gatekeeper::{Config, Gatekeeper, Limits, RasRecord};
use crate::jsonl::DEFAULT_MAX_LINE;
use crate::keys::{SecretKey, TrustStore};
use crate::message::MessageFactory;
use crate::pipeline::{self, EventWriter, Inbox, IncomingCheck, Intake, OnError, OnOutputLoss, StdinLine};
use crate::policy::Policy;
use crate::time::{now_millis, Millis};
use anyhow::Context;
use rand_core::{OsRng, RngCore};
use std::collections::HashMap;
use std::net::{SocketAddr, UdpSocket};
use std::path::PathBuf;

pub struct ServeOptions {
    pub listen: SocketAddr,
    pub key: PathBuf,
    /// Trusted keys (tokens and call descriptions), beside the policy's.
    pub trust: Vec<PathBuf>,
    pub policy: Option<PathBuf>,
    pub gatekeeper_id: String,
    pub council_alias: String,
    pub limits: Limits,
    pub on_audit_loss: OnOutputLoss,
}

/// The policy (if any) with the keys of `trust` added to its trust registry.
fn load_policy(path: Option<&std::path::Path>, trust: &[PathBuf]) -> anyhow::Result<Policy> {
    let mut policy = match path {
        Some(p) => Policy::load(p)?,
        None => Policy::default(),
    };
    if let Some(extra) = TrustStore::load_all(trust)? {
        policy.trust.extend(extra);
    }
    if policy.trust.is_empty() {
        anyhow::bail!("no trusted keys: give --trust FILE or a --policy with `trust = [...]` (admission needs them)");
    }
    Ok(policy)
}

pub fn serve(o: ServeOptions) -> anyhow::Result<u8> {
    let policy = load_policy(o.policy.as_deref(), &o.trust)?;
    let factory = MessageFactory::new(SecretKey::load(&o.key)?, 64);
    let socket = driver::bind(o.listen).with_context(|| format!("listen on {}", o.listen))?;
    let local = socket.local_addr()?;
    let gk = Gatekeeper::new(Config {
        gatekeeper_id: o.gatekeeper_id,
        local,
        policy,
        council_alias: o.council_alias,
        limits: o.limits,
        wall_clock_offset_ms: now_millis(),
    });
    // Signing and writing events happens on the writer's thread (the second core).
    let events = EventWriter::stdout(Some(factory), "h323-gatekeeper", o.on_audit_loss);
    let served = driver::run(gk, socket, &mut Events { writer: &events, held: Vec::new() });
    events.finish()?;
    served.with_context(|| format!("gatekeeper on {local}"))?;
    Ok(EXIT_OK)
}

/// The records of one turn of the driver's loop, handed to the writer together.
struct Events<'a> {
    writer: &'a EventWriter,
    held: Vec<Box<dyn crate::message::Event + Send>>,
}

impl Recorder for Events<'_> {
    fn record(&mut self, record: Box<RasRecord>) {
        self.held.push(record);
    }

    fn hand_over(&mut self) -> u64 {
        self.writer.events(std::mem::take(&mut self.held))
    }

    fn written(&self, ticket: u64) -> bool {
        self.writer.written(ticket)
    }

    fn admitting(&self) -> bool {
        self.writer.admitting()
    }

    fn when_written(&mut self, wake: Box<dyn Fn() + Send + Sync>) {
        self.writer.when_written(wake);
    }
}

pub struct EndpointOptions {
    /// The gatekeeper's RAS address.
    pub gatekeeper: SocketAddr,
    /// Signs the admission tokens and the events.
    pub key: PathBuf,
    /// h323-IDs; the first is the calls' source.
    pub aliases: Vec<String>,
    /// The call signalling address registered (default: the RAS socket's IP, port 1720).
    pub call_signal: Option<SocketAddr>,
    /// The RAS socket's address (default: the address the OS routes to the gatekeeper from,
    /// port 0).
    pub listen: Option<SocketAddr>,
    pub ttl_s: Option<u32>,
    /// Register as a multipoint controller.
    pub mc: bool,
    /// The alias each line's call goes to.
    pub call: String,
    /// Asked for each call, in units of 100 bit/s.
    pub bandwidth: u32,
    /// Asked for (BRQ) once a call is admitted.
    pub change_bandwidth: Option<u32>,
    /// How long an admitted call lasts before its DRQ.
    pub hold_ms: u64,
    /// Trusted keys for the lines on stdin; without, their own keys are used.
    pub trust: Vec<PathBuf>,
    pub on_error: OnError,
    pub on_audit_loss: OnOutputLoss,
}

/// The call signalling port H.225.0 names (Q.931 over TCP).
const CALL_SIGNAL_PORT: u16 = 1720;

/// `if-gk endpoint`: registers, asks admission for a call for every line on stdin that verifies
/// (the line is the call's description), holds it, disengages, and unregisters at the end.
pub fn endpoint(o: EndpointOptions) -> anyhow::Result<u8> {
    let check = IncomingCheck::new(TrustStore::load_all(&o.trust)?);
    // Two loads of one key: the endpoint signs its tokens with it, the writer signs the events
    // (and owns the key's sequence numbers).
    let token_key = SecretKey::load(&o.key)?;
    let factory = MessageFactory::new(SecretKey::load(&o.key)?, 64);
    let listen = match o.listen {
        Some(l) => l,
        None => endpoint_driver::local_towards(o.gatekeeper)
            .with_context(|| format!("no route to the gatekeeper {}", o.gatekeeper))?,
    };
    let socket = UdpSocket::bind(listen).with_context(|| format!("bind {listen}"))?;
    let local = socket.local_addr()?;
    let call_signal = o.call_signal.unwrap_or_else(|| SocketAddr::new(local.ip(), CALL_SIGNAL_PORT));
    let config = EndpointConfig {
        gatekeeper: o.gatekeeper,
        ras_address: local,
        call_signal,
        aliases: o.aliases,
        key: Some(token_key),
        ttl_s: o.ttl_s,
        mc: o.mc,
        wall_clock_offset_ms: now_millis(),
    };
    let core = Endpoint::new(config, Box::new(|| OsRng.next_u32()));
    let events = EventWriter::stdout(Some(factory), "h323-endpoint", o.on_audit_loss);
    let inbox = Inbox::bounded(4096);
    pipeline::spawn_stdin(inbox.sender(), DEFAULT_MAX_LINE, EndpointInput::Input);
    let mut calls = LineCalls {
        check,
        intake: Intake::new(o.on_error),
        events: &events,
        call: o.call,
        bandwidth: o.bandwidth,
        change_bandwidth: o.change_bandwidth,
        hold_ms: o.hold_ms,
        planned: HashMap::new(),
        input_done: false,
        unregistering: false,
        refused: false,
        unreachable: None,
    };
    let ran = endpoint_driver::run(core, socket, inbox, &mut calls);
    let LineCalls { intake, refused, unreachable, .. } = calls;
    let rejected = intake.finish();
    events.finish()?;
    let core = ran.with_context(|| format!("endpoint on {local}"))?;
    if let Some(e) = core.failure().map(ToString::to_string).or(unreachable) {
        anyhow::bail!("gatekeeper {}: {e}", o.gatekeeper);
    }
    Ok(rejected_or_ok(rejected? || refused))
}

/// A call made for a line of stdin.
struct Planned {
    line: u64,
    /// When its DRQ goes (from its ACF on).
    hold_until: Option<Millis>,
}

/// `if-gk endpoint`'s inputs and records: every line is checked; what verifies passes through
/// and becomes a call carrying it as its description.
struct LineCalls<'a> {
    check: IncomingCheck,
    intake: Intake,
    events: &'a EventWriter,
    call: String,
    bandwidth: u32,
    change_bandwidth: Option<u32>,
    hold_ms: Millis,
    planned: HashMap<CallId, Planned>,
    /// No more lines: stdin ended, a line stopped it (`--on-error fail`), or no new work may
    /// start (the event stream was lost, the gatekeeper stopped answering).
    input_done: bool,
    unregistering: bool,
    /// An admission was refused: a negative answer (exit 1).
    refused: bool,
    /// A call's request went unanswered: the gatekeeper cannot be reached (exit 2).
    unreachable: Option<String>,
}

impl LineCalls<'_> {
    fn take(&mut self, now: Millis, line: StdinLine, endpoint: &mut Endpoint) {
        let Some((number, bytes)) = self.intake.take(line) else { return };
        if bytes.len() > gate::MAX_DESCRIPTION {
            let reason =
                format!("{} bytes, more than a call description may be ({})", bytes.len(), gate::MAX_DESCRIPTION);
            self.intake.reject(number, &reason);
            return;
        }
        let verified = match self.check.check_line(&bytes) {
            Ok(v) => v,
            Err(reason) => {
                self.intake.reject(number, &reason);
                return;
            }
        };
        // Everything that verifies passes through, before the events of its call.
        self.events.line(bytes.clone());
        let request = CallRequest {
            destination: Some(self.call.clone()),
            bandwidth: self.bandwidth,
            description: Some(bytes),
            answering: None,
            trace_id: verified.message.trace_id.clone(),
            hazard: verified.message.hazard.clone(),
            conversation_id: Some(verified.message.conversation_id.clone()),
        };
        // Refused only when the endpoint has stopped, which `finished` sees.
        if let Ok(id) = endpoint.admit(now, request) {
            self.planned.insert(id, Planned { line: number, hold_until: None });
        }
    }

    /// Once no more lines come and every call is over, unregisters.
    fn wind_down(&mut self, now: Millis, endpoint: &mut Endpoint) {
        if !self.events.admitting() {
            self.input_done = true;
        }
        if self.intake.ended() {
            self.input_done = true;
        }
        if self.input_done && self.planned.is_empty() && !self.unregistering && endpoint.registration().is_some() {
            self.unregistering = true;
            endpoint.unregister(now);
        }
    }
}

impl Controller<StdinLine> for LineCalls<'_> {
    fn input(&mut self, now: Millis, line: StdinLine, endpoint: &mut Endpoint) {
        if !self.input_done && self.events.admitting() {
            self.take(now, line, endpoint);
        }
        self.wind_down(now, endpoint);
    }

    fn record(&mut self, now: Millis, record: EndpointRecord, endpoint: &mut Endpoint) {
        self.events.emit(&record);
        let line = record.call_id.and_then(|id| self.planned.get(&id)).map(|p| p.line);
        match (record.step, record.outcome) {
            (Step::Register, Outcome::Confirmed) => tracing::info!(
                "registered with `{}` as {}",
                record.gatekeeper_id.as_deref().unwrap_or("the gatekeeper"),
                record.endpoint.as_deref().unwrap_or("?")
            ),
            (Step::Unregister, Outcome::Confirmed) => tracing::info!("unregistered"),
            (Step::Admit, Outcome::Confirmed) => {
                if let Some(id) = record.call_id {
                    if let Some(bandwidth) = self.change_bandwidth {
                        // Refused only for a call already gone, which the retain below sees.
                        let _ = endpoint.change_bandwidth(now, id, bandwidth);
                    }
                    if let Some(p) = self.planned.get_mut(&id) {
                        p.hold_until = Some(now + self.hold_ms);
                    }
                }
            }
            (Step::Admit, Outcome::Rejected | Outcome::Unsent) => {
                self.refused = true;
                let why = record.reason.map(str::to_owned).or(record.detail.clone()).unwrap_or_default();
                tracing::error!("stdin:{}: admission of the call to {} refused: {why}", line.unwrap_or(0), self.call);
            }
            (Step::Admit, Outcome::Unanswered) => {
                tracing::error!("stdin:{}: no answer to the admission request", line.unwrap_or(0));
                self.unreachable = Some(format!("no answer to {} after {} tries", record.request, record.tries));
                self.input_done = true;
            }
            (Step::UnregisteredByGatekeeper, Outcome::Confirmed) => {
                tracing::warn!("unregistered by the gatekeeper ({})", record.reason.unwrap_or("no reason given"))
            }
            _ => {}
        }
        // Calls the endpoint no longer has are over: disengaged, refused, released.
        self.planned.retain(|id, _| endpoint.call(*id).is_some());
        self.wind_down(now, endpoint);
    }

    fn poll_timeout(&self) -> Option<Millis> {
        self.planned.values().filter_map(|p| p.hold_until).min()
    }

    fn handle_timeout(&mut self, now: Millis, endpoint: &mut Endpoint) {
        let due: Vec<CallId> =
            self.planned.iter().filter(|(_, p)| p.hold_until.is_some_and(|at| at <= now)).map(|(id, _)| *id).collect();
        for id in due {
            if let Some(p) = self.planned.get_mut(&id) {
                p.hold_until = None;
            }
            if endpoint.disengage(now, id).is_err() {
                self.planned.remove(&id);
            }
        }
        self.wind_down(now, endpoint);
    }

    fn finished(&self, endpoint: &Endpoint) -> bool {
        endpoint.failure().is_some()
            || (self.input_done
                && self.planned.is_empty()
                && endpoint.idle()
                && (self.unregistering || endpoint.registration().is_none()))
    }
}
