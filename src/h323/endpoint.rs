//! The endpoint side of RAS (H.225.0 §7) as a pure state machine, for `if-gk endpoint`, the
//! council's MCU and the SIP–H.323 gateway. Datagrams and time go in (`handle_datagram`,
//! `handle_timeout`), requests, answers and records come out (`poll_output`); no sockets,
//! threads or clock.
//!
//! It discovers its gatekeeper (GRQ), registers (a full RRQ, signed with the admission token
//! when it has a key), keeps the registration alive (a lightweight RRQ at 3/4 of the granted time
//! to live), asks admission for calls (ARQ, signed, with a call description), changes their
//! bandwidth (BRQ), ends them (DRQ) and unregisters (URQ). One request is outstanding at a time;
//! the others wait in order. A request unanswered for [`RAS_RETRY`] is sent again, the same
//! octets with the same requestSeqNum, [`RAS_RETRIES`] times; a RequestInProgress extends the
//! wait by its delay. The gatekeeper's own requests are answered: URQ with UCF, DRQ with DCF,
//! IRQ with IRR.

use super::gate;
use super::ras::{self, *};
use super::requests::{self, Admission, Info, Registration, Signer};
use super::timer::{RAS_RETRIES, RAS_RETRY};
use crate::keys::SecretKey;
use crate::message::Hazard;
use crate::time::{Millis, UnixMillis};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::net::SocketAddr;

/// The gatekeeper's own requests remembered with their answers, so that one sent again gets
/// the same answer and no second record. Its sequence numbers take 65,535 steps to come round.
const GK_ANSWERS_KEPT: usize = 32;

/// A keep-alive goes out at this fraction (numerator, denominator) of the granted time to live,
/// early enough for its retransmissions to land before the registration runs out.
const KEEP_ALIVE_AT: (u64, u64) = (3, 4);

/// A call's identifier (H.225.0 `CallIdentifier`, a GUID); shown and serialised as hex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CallId(pub [u8; 16]);

impl fmt::Display for CallId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl Serialize for CallId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Fresh random numbers: token random values (kept below 2^31) and the octets of call and
/// conference identifiers. Given by the caller, so that tests are deterministic.
pub type RandomSource = Box<dyn FnMut() -> u32 + Send>;

pub struct EndpointConfig {
    /// Where requests go until the GCF names the gatekeeper's RAS address.
    pub gatekeeper: SocketAddr,
    /// This endpoint's RAS address (its socket) and call signalling address.
    pub ras_address: SocketAddr,
    pub call_signal: SocketAddr,
    /// h323-IDs; the first is the source of its calls.
    pub aliases: Vec<String>,
    /// Signs RRQ and ARQ with the admission token; without, they go unsigned.
    pub key: Option<SecretKey>,
    /// The time to live asked for (seconds); the gatekeeper's default without.
    pub ttl_s: Option<u32>,
    /// A multipoint controller (the council's MCU) rather than a terminal.
    pub mc: bool,
    /// The Unix time at monotonic time 0, for tokens' timestamps.
    pub wall_clock_offset_ms: UnixMillis,
}

/// A call to ask admission for.
#[derive(Clone, Debug, Default)]
pub struct CallRequest {
    /// The alias called (an h323-ID).
    pub destination: Option<String>,
    /// In units of 100 bit/s, as H.225.0's `BandWidth`.
    pub bandwidth: u32,
    /// A signed IFMessage (its JSON on one line): what the call is for (docs/if-gk.md).
    pub description: Option<Vec<u8>>,
    /// Answering a call another endpoint was admitted to: its call and conference identifiers
    /// (the ARQ says `answerCall`). Without, a new call with fresh identifiers.
    pub answering: Option<(CallId, [u8; 16])>,
    /// Carried by the call's records (from its description).
    pub trace_id: Option<String>,
    pub hazard: Option<Hazard>,
    pub conversation_id: Option<String>,
}

/// A call this endpoint asked admission for.
#[derive(Clone, Debug)]
pub struct Call {
    pub conference_id: [u8; 16],
    /// Its callReferenceValue, the same in its ARQ, BRQ and DRQ.
    pub call_reference: u16,
    pub destination: Option<String>,
    pub answer_call: bool,
    /// What the ARQ asked for, and what the gatekeeper granted (ACF, BCF).
    pub requested_bandwidth: u32,
    pub bandwidth: Option<u32>,
    /// True once the ACF came.
    pub admitted: bool,
    /// Where to set the call up (the ACF's destCallSignalAddress).
    pub dest_call_signal: Option<SocketAddr>,
    description: Option<Vec<u8>>,
    digest: Option<String>,
    trace_id: Option<String>,
    hazard: Option<Hazard>,
    conversation_id: Option<String>,
}

/// The registration the gatekeeper confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registered {
    pub endpoint_id: String,
    /// The time to live granted (seconds); none: it does not expire.
    pub ttl_s: Option<u32>,
}

/// Why the endpoint cannot go on (discovery or registration failed), or a call it was asked
/// about is not there.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    #[error("no answer to {request} after {tries} tries")]
    Unanswered { request: &'static str, tries: u32 },
    #[error("{request} refused: {reason}")]
    Refused { request: &'static str, reason: &'static str },
    #[error(transparent)]
    Encode(RasError),
    #[error("no such call: {0}")]
    NoSuchCall(CallId),
}

/// What the endpoint hands to its driver.
#[derive(Debug)]
pub enum EndpointOutput {
    /// A datagram to send: a request (first or again) or an answer to the gatekeeper's request.
    Transmit { to: SocketAddr, bytes: Vec<u8> },
    /// A transaction on the record.
    Event(Box<EndpointRecord>),
    /// A datagram ignored: not from the gatekeeper, not RAS, or answering nothing outstanding.
    Dropped { from: SocketAddr, reason: String },
}

/// What a transaction was for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Discover,
    Register,
    KeepAlive,
    Admit,
    ChangeBandwidth,
    Disengage,
    Unregister,
    /// The gatekeeper's URQ, answered.
    UnregisteredByGatekeeper,
    /// The gatekeeper's DRQ, answered.
    DisengagedByGatekeeper,
    /// The gatekeeper's IRQ, answered.
    InfoRequest,
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::Discover => "discover",
            Step::Register => "register",
            Step::KeepAlive => "keep_alive",
            Step::Admit => "admit",
            Step::ChangeBandwidth => "change_bandwidth",
            Step::Disengage => "disengage",
            Step::Unregister => "unregister",
            Step::UnregisteredByGatekeeper => "unregistered_by_gatekeeper",
            Step::DisengagedByGatekeeper => "disengaged_by_gatekeeper",
            Step::InfoRequest => "info_request",
        }
    }
}

/// How a transaction ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Confirmed by the gatekeeper, or (its own request) confirmed by this endpoint.
    Confirmed,
    /// Rejected (the reason is its ASN.1 name), or not understood.
    Rejected,
    /// No answer after every try.
    Unanswered,
    /// Never sent: it could not be encoded.
    Unsent,
}

/// One RAS transaction on the record.
#[derive(Clone, Debug, Serialize)]
pub struct EndpointRecord {
    pub step: Step,
    pub outcome: Outcome,
    pub request: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<&'static str>,
    pub seq: u16,
    /// The gatekeeper's RAS address.
    pub gatekeeper: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gatekeeper_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The reject reason (its ASN.1 name), or the reason of the gatekeeper's URQ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Times the request was sent (1 unless retransmitted); 0 for the gatekeeper's requests.
    #[serde(skip_serializing_if = "is_zero")]
    pub tries: u32,
    /// RequestInProgress answers that extended the wait.
    #[serde(skip_serializing_if = "is_zero")]
    pub in_progress: u32,
    /// The agent whose admission token the request carries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_id: Option<CallId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conference_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_call: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested_bandwidth: Option<u32>,
    /// Granted (ACF, BCF), or the most allowed (BRJ).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dest_call_signal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_model: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<u32>,
    /// SHA-256 of the call description the ARQ carried (the gatekeeper's record names it too).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip)]
    pub trace_id: Option<String>,
    #[serde(skip)]
    pub hazard: Option<Hazard>,
    #[serde(skip)]
    pub conversation_id: Option<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl EndpointRecord {
    pub fn is_refusal(&self) -> bool {
        self.outcome == Outcome::Rejected
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Discover,
    Register,
    KeepAlive,
    Admit(CallId),
    ChangeBandwidth(CallId, u32),
    Disengage(CallId),
    Unregister,
}

impl Op {
    /// Whether `msg` is an answer to this request (the sequence number aside).
    fn answered_by(self, msg: &RasMessage) -> bool {
        use RasMessage::*;
        match self {
            Op::Discover => matches!(msg, gatekeeperConfirm(_) | gatekeeperReject(_)),
            Op::Register | Op::KeepAlive => matches!(msg, registrationConfirm(_) | registrationReject(_)),
            Op::Admit(_) => matches!(msg, admissionConfirm(_) | admissionReject(_)),
            Op::ChangeBandwidth(..) => matches!(msg, bandwidthConfirm(_) | bandwidthReject(_)),
            Op::Disengage(_) => matches!(msg, disengageConfirm(_) | disengageReject(_)),
            Op::Unregister => matches!(msg, unregistrationConfirm(_) | unregistrationReject(_)),
        }
    }
}

/// The request waiting for its answer.
struct Pending {
    op: Op,
    seq: u16,
    bytes: Vec<u8>,
    tries: u32,
    next: Millis,
    record: EndpointRecord,
}

/// A request of the gatekeeper's, answered.
struct GkAnswer {
    kind: &'static str,
    seq: u16,
    from: SocketAddr,
    to: SocketAddr,
    bytes: Vec<u8>,
}

/// What an operation at the head of the queue comes to.
enum Prepared {
    Send {
        seq: u16,
        bytes: Vec<u8>,
        record: EndpointRecord,
    },
    /// Nothing to do any more (the call is gone, nothing is registered).
    Skip,
    /// Register first, then this.
    RegisterFirst,
    Unsent(EndpointRecord, RasError),
}

pub struct Endpoint {
    config: EndpointConfig,
    random: RandomSource,
    gatekeeper: SocketAddr,
    gatekeeper_id: Option<String>,
    registration: Option<Registered>,
    failure: Option<EndpointError>,
    calls: HashMap<CallId, Call>,
    queue: VecDeque<Op>,
    pending: Option<Pending>,
    keep_alive_at: Option<Millis>,
    next_seq: u16,
    next_call_reference: u16,
    /// The gatekeeper's requests answered: kind, seq, from, and the answer sent where.
    answered: VecDeque<GkAnswer>,
    outputs: VecDeque<EndpointOutput>,
}

impl Endpoint {
    pub fn new(config: EndpointConfig, random: RandomSource) -> Self {
        Endpoint {
            gatekeeper: config.gatekeeper,
            config,
            random,
            gatekeeper_id: None,
            registration: None,
            failure: None,
            calls: HashMap::new(),
            queue: VecDeque::new(),
            pending: None,
            keep_alive_at: None,
            next_seq: 0,
            next_call_reference: 0,
            answered: VecDeque::new(),
            outputs: VecDeque::new(),
        }
    }

    /// Discovers the gatekeeper and registers with it.
    pub fn start(&mut self, now: Millis) {
        self.queue.extend([Op::Discover, Op::Register]);
        self.pump(now);
    }

    /// Asks admission for a call (after what is queued); its records name the id returned.
    pub fn admit(&mut self, now: Millis, request: CallRequest) -> Result<CallId, EndpointError> {
        if let Some(e) = &self.failure {
            return Err(e.clone());
        }
        let (id, conference_id, answer_call) = match request.answering {
            Some((call, conference)) => (call, conference, true),
            None => (CallId(self.guid()), self.guid(), false),
        };
        let digest = request.description.as_deref().map(gate::description_digest);
        let call_reference = self.next_call_reference();
        self.calls.insert(
            id,
            Call {
                conference_id,
                call_reference,
                destination: request.destination,
                answer_call,
                requested_bandwidth: request.bandwidth,
                bandwidth: None,
                admitted: false,
                dest_call_signal: None,
                description: request.description,
                digest,
                trace_id: request.trace_id,
                hazard: request.hazard,
                conversation_id: request.conversation_id,
            },
        );
        self.queue.push_back(Op::Admit(id));
        self.pump(now);
        Ok(id)
    }

    /// Asks for another bandwidth for an admitted call (or one waiting for admission).
    pub fn change_bandwidth(&mut self, now: Millis, call: CallId, bandwidth: u32) -> Result<(), EndpointError> {
        if !self.calls.contains_key(&call) {
            return Err(EndpointError::NoSuchCall(call));
        }
        self.queue.push_back(Op::ChangeBandwidth(call, bandwidth));
        self.pump(now);
        Ok(())
    }

    /// Ends a call: a DRQ once it is admitted; one still waiting in the queue is just dropped.
    pub fn disengage(&mut self, now: Millis, call: CallId) -> Result<(), EndpointError> {
        if !self.calls.contains_key(&call) {
            return Err(EndpointError::NoSuchCall(call));
        }
        if let Some(at) = self.queue.iter().position(|op| *op == Op::Admit(call)) {
            self.queue.remove(at);
            self.queue.retain(|op| !matches!(op, Op::ChangeBandwidth(c, _) if *c == call));
            self.calls.remove(&call);
            return Ok(());
        }
        self.queue.push_back(Op::Disengage(call));
        self.pump(now);
        Ok(())
    }

    /// Unregisters (after what is queued).
    pub fn unregister(&mut self, now: Millis) {
        self.queue.push_back(Op::Unregister);
        self.pump(now);
    }

    pub fn registration(&self) -> Option<&Registered> {
        self.registration.as_ref()
    }

    pub fn gatekeeper_id(&self) -> Option<&str> {
        self.gatekeeper_id.as_deref()
    }

    /// Where requests go: the configured address, or the one the GCF named.
    pub fn gatekeeper(&self) -> SocketAddr {
        self.gatekeeper
    }

    /// Why the endpoint stopped (discovery or registration failed): nothing more is sent.
    pub fn failure(&self) -> Option<&EndpointError> {
        self.failure.as_ref()
    }

    pub fn call(&self, id: CallId) -> Option<&Call> {
        self.calls.get(&id)
    }

    /// Calls asked for and not over.
    pub fn calls(&self) -> usize {
        self.calls.len()
    }

    /// No request outstanding or waiting.
    pub fn idle(&self) -> bool {
        self.pending.is_none() && self.queue.is_empty()
    }

    pub fn poll_output(&mut self) -> Option<EndpointOutput> {
        self.outputs.pop_front()
    }

    /// The next time `handle_timeout` has work: a retransmission, giving up, a keep-alive.
    pub fn poll_timeout(&self) -> Option<Millis> {
        [self.pending.as_ref().map(|p| p.next), self.keep_alive_at].into_iter().flatten().min()
    }

    pub fn handle_timeout(&mut self, now: Millis) {
        if self.pending.as_ref().is_some_and(|p| p.next <= now) {
            let p = self.pending.as_mut().expect("pending");
            if p.tries > RAS_RETRIES {
                let p = self.pending.take().expect("pending");
                self.unanswered(p);
            } else {
                p.tries += 1;
                p.record.tries = p.tries;
                p.next = now + RAS_RETRY;
                self.outputs.push_back(EndpointOutput::Transmit { to: self.gatekeeper, bytes: p.bytes.clone() });
            }
        }
        if self.keep_alive_at.is_some_and(|at| at <= now) {
            self.keep_alive_at = None;
            let pending_keep_alive = self.pending.as_ref().is_some_and(|p| p.op == Op::KeepAlive);
            if self.registration.is_some() && !pending_keep_alive && !self.queue.contains(&Op::KeepAlive) {
                // Before anything queued: the registration runs out whatever else is waiting.
                self.queue.push_front(Op::KeepAlive);
            }
        }
        self.pump(now);
    }

    pub fn handle_datagram(&mut self, now: Millis, from: SocketAddr, bytes: &[u8]) {
        if from != self.gatekeeper && from != self.config.gatekeeper {
            let reason = format!("not from the gatekeeper ({})", self.gatekeeper);
            self.outputs.push_back(EndpointOutput::Dropped { from, reason });
            return;
        }
        let msg = match ras::decode(bytes) {
            Ok(m) => m,
            Err(e) => {
                self.outputs.push_back(EndpointOutput::Dropped { from, reason: e.to_string() });
                return;
            }
        };
        let kind = ras::kind(&msg);
        let seq = ras::request_seq_num(&msg);
        if let Some(a) = self.answered.iter().find(|a| a.kind == kind && a.seq == seq && a.from == from) {
            // The gatekeeper's request sent again: the same answer, no second record.
            self.outputs.push_back(EndpointOutput::Transmit { to: a.to, bytes: a.bytes.clone() });
            return;
        }
        match msg {
            RasMessage::unregistrationRequest(m) => self.answer_urq(from, &m),
            RasMessage::disengageRequest(m) => self.answer_drq(from, &m),
            RasMessage::infoRequest(m) => self.answer_irq(from, &m),
            RasMessage::requestInProgress(m) => match self.pending.as_mut().filter(|p| p.seq == m.request_seq_num.0) {
                Some(p) => {
                    p.next += Millis::from(m.delay);
                    p.record.in_progress += 1;
                }
                None => self.drop_stray(from, kind, seq),
            },
            ref answer => {
                let ours = self.pending.as_ref().is_some_and(|p| {
                    p.seq == seq
                        && (p.op.answered_by(answer) || matches!(answer, RasMessage::unknownMessageResponse(_)))
                });
                if ours {
                    let p = self.pending.take().expect("pending");
                    self.answered(now, p, answer);
                } else {
                    self.drop_stray(from, kind, seq);
                }
            }
        }
        self.pump(now);
    }

    fn drop_stray(&mut self, from: SocketAddr, kind: &str, seq: u16) {
        let reason = format!("{kind} {seq} answers no request outstanding");
        self.outputs.push_back(EndpointOutput::Dropped { from, reason });
    }

    /// A new callReferenceValue: 1..32767 (Q.931 keeps the 16th bit for the side that chose it).
    fn next_call_reference(&mut self) -> u16 {
        self.next_call_reference = self.next_call_reference % 0x7fff + 1;
        self.next_call_reference
    }

    fn guid(&mut self) -> [u8; 16] {
        let mut out = [0u8; 16];
        for chunk in out.chunks_mut(4) {
            chunk.copy_from_slice(&(self.random)().to_be_bytes());
        }
        out
    }

    fn next_seq(&mut self) -> u16 {
        // RequestSeqNum is 1..65535.
        self.next_seq = self.next_seq.wrapping_add(1).max(1);
        self.next_seq
    }

    fn new_record(&self, step: Step, request: &'static str, seq: u16) -> EndpointRecord {
        EndpointRecord {
            step,
            outcome: Outcome::Confirmed,
            request,
            answer: None,
            seq,
            gatekeeper: self.gatekeeper.to_string(),
            gatekeeper_id: self.gatekeeper_id.clone(),
            endpoint: self.registration.as_ref().map(|r| r.endpoint_id.clone()),
            aliases: Vec::new(),
            reason: None,
            detail: None,
            tries: 0,
            in_progress: 0,
            signer: None,
            call_id: None,
            conference_id: None,
            destination: None,
            answer_call: None,
            requested_bandwidth: None,
            bandwidth: None,
            dest_call_signal: None,
            call_model: None,
            time_to_live: None,
            description: None,
            trace_id: None,
            hazard: None,
            conversation_id: None,
        }
    }

    fn call_record(&self, step: Step, request: &'static str, seq: u16, id: CallId) -> EndpointRecord {
        let mut record = self.new_record(step, request, seq);
        record.call_id = Some(id);
        if let Some(call) = self.calls.get(&id) {
            record.conference_id = Some(hex::encode(call.conference_id));
            record.destination = call.destination.clone();
            record.answer_call = Some(call.answer_call);
            record.trace_id = call.trace_id.clone();
            record.hazard = call.hazard.clone();
            record.conversation_id = call.conversation_id.clone();
        }
        record
    }

    fn emit(&mut self, record: EndpointRecord) {
        self.outputs.push_back(EndpointOutput::Event(Box::new(record)));
    }

    /// A token's timestamp and random value, fresh for every signed request.
    fn token_values(&mut self, now: Millis) -> (u32, u64) {
        let unix_s = (self.config.wall_clock_offset_ms + now as i64).max(0) / 1000;
        let random = u64::from((self.random)() & 0x7fff_ffff);
        (u32::try_from(unix_s).unwrap_or(u32::MAX), random)
    }

    /// Sends what is queued, one request at a time.
    fn pump(&mut self, now: Millis) {
        while self.pending.is_none() && self.failure.is_none() {
            let Some(op) = self.queue.pop_front() else { return };
            match self.prepare(now, op) {
                Prepared::Send { seq, bytes, mut record } => {
                    record.tries = 1;
                    self.outputs.push_back(EndpointOutput::Transmit { to: self.gatekeeper, bytes: bytes.clone() });
                    self.pending = Some(Pending { op, seq, bytes, tries: 1, next: now + RAS_RETRY, record });
                }
                Prepared::Skip => {}
                Prepared::RegisterFirst => {
                    self.queue.push_front(op);
                    self.queue.push_front(Op::Register);
                }
                Prepared::Unsent(record, error) => {
                    if let Op::Admit(id) = op {
                        self.calls.remove(&id);
                    }
                    self.emit(record);
                    if matches!(op, Op::Discover | Op::Register) {
                        self.fail(EndpointError::Encode(error));
                    }
                }
            }
        }
    }

    fn prepare(&mut self, now: Millis, op: Op) -> Prepared {
        let seq = self.next_seq();
        let endpoint = self.registration.as_ref().map(|r| r.endpoint_id.clone());
        let (record, bytes) = match op {
            Op::Discover => {
                let mut record = self.new_record(Step::Discover, "gatekeeperRequest", seq);
                record.aliases = self.config.aliases.clone();
                let alias = self.config.aliases.first().map_or("", String::as_str);
                (record, requests::grq(seq, self.config.ras_address, alias))
            }
            Op::Register => self.full_rrq(now, seq),
            Op::KeepAlive => {
                let (Some(reg), Some(gk)) = (self.registration.clone(), self.gatekeeper_id.clone()) else {
                    return Prepared::Skip;
                };
                let Some(ttl) = reg.ttl_s else { return Prepared::Skip };
                let mut record = self.new_record(Step::KeepAlive, "registrationRequest", seq);
                record.time_to_live = Some(ttl);
                let c = &self.config;
                (record, requests::keep_alive(seq, &reg.endpoint_id, &gk, c.ras_address, c.call_signal, ttl))
            }
            Op::Admit(id) => {
                if !self.calls.contains_key(&id) {
                    return Prepared::Skip;
                }
                let Some(endpoint) = endpoint else { return Prepared::RegisterFirst };
                self.arq(now, seq, id, &endpoint)
            }
            Op::ChangeBandwidth(id, bandwidth) => {
                let (Some(endpoint), Some(call)) = (endpoint, self.calls.get(&id)) else { return Prepared::Skip };
                let (conference, crv, answer_call) = (call.conference_id, call.call_reference, call.answer_call);
                let mut record = self.call_record(Step::ChangeBandwidth, "bandwidthRequest", seq, id);
                record.requested_bandwidth = Some(bandwidth);
                (record, requests::brq(seq, &endpoint, id.0, conference, crv, bandwidth, answer_call))
            }
            Op::Disengage(id) => {
                let Some(call) = self.calls.get(&id) else { return Prepared::Skip };
                let (conference, crv, answer_call) = (call.conference_id, call.call_reference, call.answer_call);
                let Some(endpoint) = endpoint else {
                    // Unregistered meanwhile: the gatekeeper released the call with it.
                    self.calls.remove(&id);
                    return Prepared::Skip;
                };
                let mut record = self.call_record(Step::Disengage, "disengageRequest", seq, id);
                record.bandwidth = self.calls.get(&id).and_then(|c| c.bandwidth);
                (record, requests::drq(seq, &endpoint, id.0, conference, crv, answer_call))
            }
            Op::Unregister => {
                let Some(endpoint) = endpoint else { return Prepared::Skip };
                let record = self.new_record(Step::Unregister, "unregistrationRequest", seq);
                (record, requests::urq(seq, &endpoint, self.config.call_signal))
            }
        };
        match bytes {
            Ok(bytes) => Prepared::Send { seq, bytes, record },
            Err(e) => {
                let mut record = record;
                record.outcome = Outcome::Unsent;
                record.detail = Some(e.to_string());
                Prepared::Unsent(record, e)
            }
        }
    }

    fn full_rrq(&mut self, now: Millis, seq: u16) -> (EndpointRecord, Result<Vec<u8>, RasError>) {
        let (timestamp, random) = self.token_values(now);
        let mut record = self.new_record(Step::Register, "registrationRequest", seq);
        record.endpoint = None;
        record.aliases = self.config.aliases.clone();
        let c = &self.config;
        let aliases: Vec<&str> = c.aliases.iter().map(String::as_str).collect();
        let registration = Registration {
            seq,
            aliases: &aliases,
            ras_address: c.ras_address,
            call_signal: c.call_signal,
            ttl_s: c.ttl_s,
            gatekeeper: self.gatekeeper_id.as_deref(),
            mc: c.mc,
        };
        // A token names its recipient: without a gatekeeperIdentifier yet, the RRQ goes unsigned.
        let signer = match (&c.key, self.gatekeeper_id.as_deref()) {
            (Some(key), Some(gatekeeper)) => {
                record.signer = Some(key.agent.clone());
                Some(Signer { key: &key.signing, agent: &key.agent, gatekeeper, timestamp, random })
            }
            _ => None,
        };
        (record, requests::rrq(&registration, signer.as_ref()))
    }

    fn arq(
        &mut self,
        now: Millis,
        seq: u16,
        id: CallId,
        endpoint: &str,
    ) -> (EndpointRecord, Result<Vec<u8>, RasError>) {
        let (timestamp, random) = self.token_values(now);
        let mut record = self.call_record(Step::Admit, "admissionRequest", seq, id);
        let call = &self.calls[&id];
        record.requested_bandwidth = Some(call.requested_bandwidth);
        record.description = call.digest.clone();
        let Some(gatekeeper) = self.gatekeeper_id.as_deref() else {
            let e = RasError::Encode {
                kind: "admissionRequest",
                reason: "the gatekeeper named no gatekeeperIdentifier".into(),
            };
            return (record, Err(e));
        };
        let c = &self.config;
        let admission = Admission {
            seq,
            endpoint,
            source_alias: c.aliases.first().map_or("", String::as_str),
            destination: call.destination.as_deref(),
            bandwidth: call.requested_bandwidth,
            call_id: id.0,
            conference_id: call.conference_id,
            call_reference: call.call_reference,
            answer_call: call.answer_call,
            gatekeeper,
            description: call.description.as_deref(),
        };
        let signer = c.key.as_ref().map(|key| {
            record.signer = Some(key.agent.clone());
            Signer { key: &key.signing, agent: &key.agent, gatekeeper, timestamp, random }
        });
        (record, requests::arq(&admission, signer.as_ref()))
    }

    /// Discovery or registration failed: nothing more is sent.
    fn fail(&mut self, error: EndpointError) {
        self.failure = Some(error);
        self.queue.clear();
        self.keep_alive_at = None;
        self.registration = None;
        self.calls.clear();
    }

    fn registered(&mut self, now: Millis, rcf: &RegistrationConfirm, record: &mut EndpointRecord) {
        if let Some(g) = &rcf.gatekeeper_identifier {
            self.gatekeeper_id = Some(ras::text(&g.0));
        }
        let ttl_s = rcf.time_to_live.as_ref().map(|t| t.0);
        let endpoint_id = ras::text(&rcf.endpoint_identifier.0);
        self.keep_alive_at = ttl_s.map(|t| now + u64::from(t) * 1000 * KEEP_ALIVE_AT.0 / KEEP_ALIVE_AT.1);
        record.endpoint = Some(endpoint_id.clone());
        record.gatekeeper_id = self.gatekeeper_id.clone();
        record.time_to_live = ttl_s;
        self.registration = Some(Registered { endpoint_id, ttl_s });
    }

    /// Forgets the registration and its calls (the gatekeeper released them with it).
    fn unregistered(&mut self) {
        self.registration = None;
        self.keep_alive_at = None;
        self.calls.clear();
    }

    fn answered(&mut self, now: Millis, p: Pending, answer: &RasMessage) {
        let Pending { op, mut record, .. } = p;
        record.answer = Some(ras::kind(answer));
        record.reason = ras::reject_reason(answer);
        let understood = !matches!(answer, RasMessage::unknownMessageResponse(_));
        if record.reason.is_some() || !understood {
            record.outcome = Outcome::Rejected;
        }
        if !understood {
            record.detail = Some("the gatekeeper did not understand the request".into());
        }
        let refused = EndpointError::Refused {
            request: record.request,
            reason: record.reason.unwrap_or(record.answer.unwrap_or("")),
        };
        use RasMessage::*;
        match (op, answer) {
            (Op::Discover, gatekeeperConfirm(gcf)) => {
                self.gatekeeper_id = gcf.gatekeeper_identifier.as_ref().map(|g| ras::text(&g.0));
                // Requests go to the RAS address the gatekeeper names, unless it names none usable.
                if let Some(addr) =
                    ras::socket_addr(&gcf.ras_address).filter(|a| !a.ip().is_unspecified() && a.port() != 0)
                {
                    self.gatekeeper = addr;
                }
                record.gatekeeper_id = self.gatekeeper_id.clone();
            }
            (Op::Register | Op::KeepAlive, registrationConfirm(rcf)) => self.registered(now, rcf, &mut record),
            (Op::KeepAlive, registrationReject(_)) if record.reason == Some("fullRegistrationRequired") => {
                self.unregistered_keeping_calls();
                self.queue.push_front(Op::Register);
                record.detail = Some("registering in full again".into());
            }
            (Op::Discover | Op::Register | Op::KeepAlive, _) => {
                self.emit(record);
                self.fail(refused);
                return;
            }
            (Op::Admit(id), admissionConfirm(acf)) => {
                let dest = ras::socket_addr(&acf.dest_call_signal_address);
                record.bandwidth = Some(acf.band_width.0);
                record.dest_call_signal = dest.map(|d| d.to_string());
                record.call_model = Some(match acf.call_model {
                    CallModel::direct(_) => "direct",
                    _ => "gatekeeperRouted",
                });
                if let Some(call) = self.calls.get_mut(&id) {
                    call.admitted = true;
                    call.bandwidth = Some(acf.band_width.0);
                    call.dest_call_signal = dest;
                    call.description = None;
                }
            }
            (Op::Admit(id), _) => {
                self.calls.remove(&id);
                self.queue.retain(|op| !matches!(op, Op::ChangeBandwidth(c, _) | Op::Disengage(c) if *c == id));
            }
            (Op::ChangeBandwidth(id, _), bandwidthConfirm(bcf)) => {
                record.bandwidth = Some(bcf.band_width.0);
                if let Some(call) = self.calls.get_mut(&id) {
                    call.bandwidth = Some(bcf.band_width.0);
                }
            }
            (Op::ChangeBandwidth(..), bandwidthReject(brj)) => record.bandwidth = Some(brj.allowed_band_width.0),
            (Op::ChangeBandwidth(..), _) => {}
            // Refused or not, the call is over here.
            (Op::Disengage(id), _) => {
                self.calls.remove(&id);
            }
            (Op::Unregister, unregistrationReject(_)) if record.reason != Some("notCurrentlyRegistered") => {}
            (Op::Unregister, _) => self.unregistered(),
        }
        self.emit(record);
    }

    /// The gatekeeper forgot the registration but the calls' requests stay queued: they follow
    /// the new registration (an admitted call was released by the gatekeeper, though).
    fn unregistered_keeping_calls(&mut self) {
        self.registration = None;
        self.keep_alive_at = None;
        self.calls.retain(|_, c| !c.admitted);
    }

    fn unanswered(&mut self, p: Pending) {
        let Pending { op, mut record, tries, .. } = p;
        record.outcome = Outcome::Unanswered;
        record.detail = Some(format!("no answer after {tries} tries"));
        match op {
            Op::Discover | Op::Register => {
                let request = record.request;
                self.emit(record);
                self.fail(EndpointError::Unanswered { request, tries });
                return;
            }
            // The gatekeeper may have restarted elsewhere or lost its state: register in full.
            Op::KeepAlive => {
                self.unregistered_keeping_calls();
                self.queue.push_front(Op::Register);
                record.detail = Some(format!("no answer after {tries} tries: registering in full again"));
            }
            Op::Admit(id) | Op::Disengage(id) => {
                self.calls.remove(&id);
            }
            Op::ChangeBandwidth(..) => {}
            Op::Unregister => self.unregistered(),
        }
        self.emit(record);
    }

    /// Sends `reply` to the gatekeeper's request (`from`, its kind and seq in `record`) to `to`.
    fn answer(
        &mut self,
        from: SocketAddr,
        to: SocketAddr,
        reply: Result<Vec<u8>, RasError>,
        mut record: EndpointRecord,
    ) {
        match reply {
            Ok(bytes) => {
                if self.answered.len() >= GK_ANSWERS_KEPT {
                    self.answered.pop_front();
                }
                let (kind, seq) = (record.request, record.seq);
                self.answered.push_back(GkAnswer { kind, seq, from, to, bytes: bytes.clone() });
                self.outputs.push_back(EndpointOutput::Transmit { to, bytes });
            }
            Err(e) => {
                record.outcome = Outcome::Unsent;
                record.detail = Some(e.to_string());
            }
        }
        self.emit(record);
    }

    fn answer_urq(&mut self, from: SocketAddr, m: &UnregistrationRequest) {
        let seq = m.request_seq_num.0;
        let mut record = self.new_record(Step::UnregisteredByGatekeeper, "unregistrationRequest", seq);
        record.reason = m.reason.as_ref().map(ras::reject_reason_name);
        let named = m.endpoint_identifier.as_ref().map(|e| ras::text(&e.0));
        let ours = self.registration.as_ref().map(|r| r.endpoint_id.clone());
        let reply = if named.is_some() && named != ours {
            record.outcome = Outcome::Rejected;
            record.answer = Some("unregistrationReject");
            record.detail = Some(format!("`{}` is not this endpoint", named.unwrap_or_default()));
            let urj = UnregistrationReject::new(
                m.request_seq_num.clone(),
                UnregRejectReason::notCurrentlyRegistered(()),
                None,
                None,
                None,
                None,
                None,
                None,
            );
            ras::encode(&RasMessage::unregistrationReject(urj))
        } else {
            record.answer = Some("unregistrationConfirm");
            let calls = self.calls.values().filter(|c| c.admitted).count();
            self.unregistered();
            // Told to come back (or timed out while here): register again at once.
            if matches!(record.reason, Some("reregistrationRequired" | "ttlExpired")) {
                self.queue.push_front(Op::Register);
                record.detail = Some(format!("{calls} call(s) released; registering again"));
            } else if calls > 0 {
                record.detail = Some(format!("{calls} call(s) released"));
            }
            ras::encode(&ras::ucf(m.request_seq_num.clone()))
        };
        self.answer(from, from, reply, record);
    }

    fn answer_drq(&mut self, from: SocketAddr, m: &DisengageRequest) {
        let seq = m.request_seq_num.0;
        let id = CallId(m.call_identifier.as_ref().map_or([0; 16], |c| ras::guid(&c.guid)));
        let mut record = self.call_record(Step::DisengagedByGatekeeper, "disengageRequest", seq, id);
        record.answer = Some("disengageConfirm");
        record.reason = Some(ras::reject_reason_name(&m.disengage_reason));
        match self.calls.remove(&id) {
            Some(call) => record.bandwidth = call.bandwidth,
            // Already over here: confirming is what the gatekeeper needs to finish it too.
            None => record.detail = Some("no such call: nothing to release".into()),
        }
        self.queue.retain(|op| !matches!(op, Op::ChangeBandwidth(c, _) | Op::Disengage(c) if *c == id));
        self.answer(from, from, ras::encode(&ras::dcf(m.request_seq_num.clone())), record);
    }

    fn answer_irq(&mut self, from: SocketAddr, m: &InfoRequest) {
        let seq = m.request_seq_num.0;
        let Some(reg) = self.registration.clone() else {
            let reason = format!("infoRequest {seq} before any registration: nothing to say");
            self.outputs.push_back(EndpointOutput::Dropped { from, reason });
            return;
        };
        let to = m.reply_address.as_ref().and_then(ras::socket_addr).unwrap_or(from);
        let mut record = self.new_record(Step::InfoRequest, "infoRequest", seq);
        record.answer = Some("infoRequestResponse");
        let c = &self.config;
        let aliases: Vec<&str> = c.aliases.iter().map(String::as_str).collect();
        let info = Info {
            seq,
            endpoint: &reg.endpoint_id,
            aliases: &aliases,
            ras_address: c.ras_address,
            call_signal: c.call_signal,
            mc: c.mc,
        };
        let reply = requests::irr(&info);
        self.answer(from, to, reply, record);
    }
}
