//! The gatekeeper: RAS (H.225.0 §7) as a pure state machine. Datagrams and time go in
//! (`handle_datagram`, `handle_timeout`), answers, requests of its own and records come out
//! (`poll_output`); no sockets, threads or clock.
//!
//! Admission follows GNU Gatekeeper's order (`AdmissionRequestPDU::Process`): the caller is
//! registered, its token verifies, the policy admits the call description, the destination
//! resolves, the bandwidth is there, the conference has room. The first gate that fails names
//! the reason. A request sent again (same requestSeqNum from the same address) gets the first
//! answer again, never a second decision.

use super::gate::{self, CallKind, Descriptions};
use super::ras::{self, *};
use super::timer::{ANSWER_KEPT, DEFAULT_TTL_S, MIN_TTL_S, RAS_RETRIES, RAS_RETRY};
use super::token::{self, ReplayWindow, TokenError};
use crate::message::Hazard;
use crate::policy::Policy;
use crate::time::{Millis, UnixMillis};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::net::SocketAddr;

/// Bandwidth rules, in units of 100 bit/s as H.225.0's `BandWidth` (and GnuGk) count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BandwidthLimits {
    /// A call asking for less is granted this much (its codecs need it anyway).
    pub min_per_call: u32,
    /// The most one call is granted.
    pub max_per_call: u32,
    /// What one endpoint may use at once, unless its trust entry says `bandwidth=N`.
    pub per_endpoint: u32,
    /// What all calls together may use.
    pub total: u32,
}

impl Default for BandwidthLimits {
    fn default() -> Self {
        // 1280 = 128 kbit/s, one G.711 call both ways; 20,000 = 2 Mbit/s; 1,000,000 = 100 Mbit/s.
        BandwidthLimits { min_per_call: 0, max_per_call: 20_000, per_endpoint: 20_000, total: 1_000_000 }
    }
}

/// The gatekeeper's limits, each with its documented default (docs/if-gk.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_endpoints: usize,
    pub max_aliases: usize,
    pub max_calls: usize,
    /// Participants in one conference (the council's included).
    pub conference_capacity: usize,
    pub bandwidth: BandwidthLimits,
    /// Answers kept for retransmitted requests.
    pub answers_kept: usize,
    /// Tokens remembered against replay.
    pub tokens_kept: usize,
    /// The longest time to live granted (seconds).
    pub max_ttl_s: u32,
    /// An endpoint with calls that has sent nothing for this long is asked how its calls are
    /// (IRQ); one that does not answer has its calls released, their bandwidth and places
    /// freed (seconds; 0: never).
    pub call_check_s: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_endpoints: 10_000,
            max_aliases: 16,
            max_calls: 20_000,
            conference_capacity: 25,
            bandwidth: BandwidthLimits::default(),
            answers_kept: 65_536,
            tokens_kept: 1 << 20,
            max_ttl_s: 3_600,
            call_check_s: 60,
        }
    }
}

pub struct Config {
    /// This gatekeeper's gatekeeperIdentifier.
    pub gatekeeper_id: String,
    /// Its RAS address (given in GCF).
    pub local: SocketAddr,
    /// Gates, experts and the trust registry (the keys of tokens and call descriptions).
    pub policy: Policy,
    /// The alias that names the council: calls to it are routed to the endpoint registered with
    /// it (the MCU), gatekeeper-routed, and need a call description.
    pub council_alias: String,
    pub limits: Limits,
    /// The Unix time at monotonic time 0, for tokens' timestamps.
    pub wall_clock_offset_ms: UnixMillis,
}

/// What the gatekeeper hands to its driver.
#[derive(Debug)]
pub enum Output {
    /// An answer to a request: send it once its record is written (a decision is on the record
    /// before the endpoint hears it).
    Answer { to: SocketAddr, bytes: Vec<u8>, record: Box<RasRecord> },
    /// A datagram to send now: an answer repeated for a retransmission, or a request of the
    /// gatekeeper's own (its record comes as an `Event`).
    Transmit { to: SocketAddr, bytes: Vec<u8> },
    /// A record with no answer to send (a registration expired, a request of its own).
    Event(Box<RasRecord>),
    /// A datagram that was not a RAS message, or not one to answer.
    Dropped { from: SocketAddr, reason: String },
}

/// One RAS transaction on the record: the request, the answer, and why.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RasRecord {
    pub request: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<&'static str>,
    pub seq: u16,
    /// The endpoint's RAS address.
    pub peer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The gate that refused (`registered`, `signature`, `policy`, `route`, `bandwidth`,
    /// `capacity`), for an admission refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gate: Option<&'static str>,
    /// The reject reason sent (its ASN.1 name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// Why, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The agent whose token verified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conference_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_call: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dest_call_signal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_model: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_type: Option<CallKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub council: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested_bandwidth: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth: Option<u32>,
    /// SHA-256 of the call description the decision rests on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_signer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<u32>,
    #[serde(skip)]
    pub trace_id: Option<String>,
    #[serde(skip)]
    pub hazard: Option<Hazard>,
    #[serde(skip)]
    pub conversation_id: Option<String>,
}

impl RasRecord {
    fn new(request: &'static str, seq: u16, peer: SocketAddr) -> Self {
        RasRecord { request, seq, peer: peer.to_string(), ..RasRecord::default() }
    }

    fn refused(&mut self, gate: Option<&'static str>, reason: &'static str, detail: impl Into<String>) {
        self.gate = gate;
        self.reason = Some(reason);
        self.detail = Some(detail.into());
    }

    pub fn is_refusal(&self) -> bool {
        self.reason.is_some()
    }
}

struct Registration {
    id: String,
    aliases: Vec<String>,
    alias_addresses: Vec<AliasAddress>,
    ras: SocketAddr,
    call_signal: Vec<SocketAddr>,
    signer: Option<String>,
    bandwidth_quota: u32,
    bandwidth_used: u32,
    ttl_s: u32,
    expires: Millis,
    /// When the endpoint last sent a request that showed it alive.
    last_heard: Millis,
    /// Its calls (legs) admitted and not yet disengaged.
    calls: usize,
    /// Whether `checks` holds an entry for it: one at a time, or every request from a busy
    /// endpoint would add one.
    check_scheduled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct LegKey {
    call: [u8; 16],
    endpoint_seq: u64,
    answer: bool,
}

struct Leg {
    endpoint: String,
    conference: [u8; 16],
    crv: u16,
    bandwidth: u32,
    /// The endpoint on the other side, when registered here.
    peer: Option<String>,
    /// The conference this leg counts in (the council's MCU, or the conference id).
    room: Room,
    trace_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Room {
    Council(String),
    Conference([u8; 16]),
}

/// A request of the gatekeeper's own, waiting for its answer.
struct Pending {
    to: SocketAddr,
    bytes: Vec<u8>,
    kind: &'static str,
    tries: u32,
    next: Millis,
    /// The endpoint asked (for an IRQ: whose calls go if it never answers).
    endpoint: Option<String>,
}

pub struct Gatekeeper {
    config: Config,
    endpoints: HashMap<String, Registration>,
    /// Endpoint identifiers are `ep-N`; N also tells legs of a re-registered endpoint apart.
    endpoint_seq: HashMap<String, u64>,
    by_alias: HashMap<String, String>,
    expiries: BinaryHeap<Reverse<(Millis, String)>>,
    /// When each endpoint with calls is next due for a check (stale entries are skipped).
    checks: BinaryHeap<Reverse<(Millis, String)>>,
    legs: HashMap<LegKey, Leg>,
    /// The legs of each call (one or two: the caller's, the answering side's).
    by_call: HashMap<[u8; 16], Vec<LegKey>>,
    rooms: HashMap<Room, usize>,
    total_bandwidth: u32,
    answers: HashMap<(SocketAddr, &'static str, u16), (Vec<u8>, Millis)>,
    answer_order: VecDeque<(Millis, SocketAddr, &'static str, u16)>,
    replay: ReplayWindow,
    descriptions: Descriptions,
    pending: HashMap<u16, Pending>,
    /// The token of the datagram being handled, verified with the others of its batch.
    pre_verified: Option<Result<token::Verified, TokenError>>,
    next_seq: u16,
    next_endpoint: u64,
    outputs: VecDeque<Output>,
    admitting: bool,
}

/// The reasons a request is refused, with the gate that refused it.
struct Refused {
    gate: Option<&'static str>,
    reason: &'static str,
    detail: String,
}

fn refuse(gate: &'static str, reason: &'static str, detail: impl Into<String>) -> Refused {
    Refused { gate: Some(gate), reason, detail: detail.into() }
}

impl Gatekeeper {
    pub fn new(config: Config) -> Self {
        let window = config.policy.gates.max_clock_skew_s.max(1);
        let tokens_kept = config.limits.tokens_kept;
        Gatekeeper {
            config,
            endpoints: HashMap::new(),
            endpoint_seq: HashMap::new(),
            by_alias: HashMap::new(),
            expiries: BinaryHeap::new(),
            checks: BinaryHeap::new(),
            legs: HashMap::new(),
            by_call: HashMap::new(),
            rooms: HashMap::new(),
            total_bandwidth: 0,
            answers: HashMap::new(),
            answer_order: VecDeque::new(),
            replay: ReplayWindow::new(window, tokens_kept),
            descriptions: Descriptions::new(4096),
            pending: HashMap::new(),
            pre_verified: None,
            next_seq: 0,
            next_endpoint: 0,
            outputs: VecDeque::new(),
            admitting: true,
        }
    }

    pub fn gatekeeper_id(&self) -> &str {
        &self.config.gatekeeper_id
    }

    pub fn registered(&self) -> usize {
        self.endpoints.len()
    }

    pub fn calls(&self) -> usize {
        self.legs.len()
    }

    /// New registrations and admissions are refused from now on (the event stream was lost);
    /// what is registered stays, and disengages are still confirmed.
    pub fn stop_admitting(&mut self) {
        self.admitting = false;
    }

    pub fn admitting(&self) -> bool {
        self.admitting
    }

    /// Requests of the gatekeeper's own still waiting for an answer.
    pub fn in_flight(&self) -> usize {
        self.pending.len()
    }

    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    /// The next time `handle_timeout` has work: a registration expiring, a request of its own
    /// to send again, an answer to forget.
    pub fn poll_timeout(&self) -> Option<Millis> {
        let expiry = self.expiries.peek().map(|Reverse((at, _))| *at);
        let pending = self.pending.values().map(|p| p.next).min();
        let answers = self.answer_order.front().map(|(at, ..)| at + ANSWER_KEPT);
        let checks = self.checks.peek().map(|Reverse((at, _))| *at);
        [expiry, pending, answers, checks].into_iter().flatten().min()
    }

    fn unix_s(&self, now: Millis) -> u64 {
        ((self.config.wall_clock_offset_ms + now as i64).max(0) / 1000) as u64
    }

    pub fn handle_timeout(&mut self, now: Millis) {
        while let Some((at, ..)) = self.answer_order.front() {
            if at + ANSWER_KEPT > now {
                break;
            }
            let (_, from, kind, seq) = self.answer_order.pop_front().expect("front exists");
            if self.answers.get(&(from, kind, seq)).is_some_and(|(_, t)| t + ANSWER_KEPT <= now) {
                self.answers.remove(&(from, kind, seq));
            }
        }
        while let Some(Reverse((at, id))) = self.expiries.peek().cloned() {
            if at > now {
                break;
            }
            self.expiries.pop();
            // Stale heap entries (the endpoint renewed or left) are skipped.
            if self.endpoints.get(&id).is_some_and(|r| r.expires <= now) {
                let reg = self.remove_endpoint(&id, now);
                let mut record = RasRecord::new("registrationExpired", 0, reg.ras);
                record.endpoint = Some(reg.id.clone());
                record.aliases = reg.aliases.clone();
                record.detail = Some(format!("no RRQ within its time to live of {} s", reg.ttl_s));
                self.outputs.push_back(Output::Event(Box::new(record)));
                self.send_urq(&reg, UnregRequestReason::ttlExpired(()), now);
            }
        }
        while let Some(Reverse((at, id))) = self.checks.peek().cloned() {
            if at > now {
                break;
            }
            self.checks.pop();
            let interval = u64::from(self.config.limits.call_check_s) * 1000;
            let asked =
                self.pending.values().any(|p| p.kind == "infoRequest" && p.endpoint.as_deref() == Some(id.as_str()));
            let Some(reg) = self.endpoints.get_mut(&id) else { continue };
            reg.check_scheduled = false;
            if asked || reg.calls == 0 {
                continue;
            }
            if reg.last_heard + interval > now {
                reg.check_scheduled = true;
                self.checks.push(Reverse((reg.last_heard + interval, id)));
                continue;
            }
            self.send_irq(&id, now);
        }
        let due: Vec<u16> = self.pending.iter().filter(|(_, p)| p.next <= now).map(|(s, _)| *s).collect();
        for seq in due {
            let Some(p) = self.pending.get_mut(&seq) else { continue };
            if p.tries > RAS_RETRIES {
                let p = self.pending.remove(&seq).expect("present");
                let mut record = RasRecord::new(p.kind, seq, p.to);
                record.endpoint = p.endpoint.clone();
                record.detail = Some(format!("unanswered after {} tries", RAS_RETRIES + 1));
                if let (Some(id), "infoRequest") = (p.endpoint.as_deref(), p.kind) {
                    // An endpoint that cannot say how its calls are has lost them (it crashed
                    // or its network went): what they hold is given back.
                    let released = self.release_calls_of(id, now);
                    record.detail =
                        Some(format!("unanswered after {} tries: {released} call(s) released", RAS_RETRIES + 1));
                }
                self.outputs.push_back(Output::Event(Box::new(record)));
                continue;
            }
            p.tries += 1;
            p.next = now + RAS_RETRY;
            self.outputs.push_back(Output::Transmit { to: p.to, bytes: p.bytes.clone() });
        }
    }

    pub fn handle_datagram(&mut self, now: Millis, from: SocketAddr, bytes: &[u8]) {
        self.handle_datagrams(now, &[(from, bytes)]);
    }

    /// Datagrams that arrived together, handled in order; the tokens of their RRQs and ARQs
    /// are verified first, in one batch (about half the cost of one by one).
    pub fn handle_datagrams(&mut self, now: Millis, batch: &[(SocketAddr, &[u8])]) {
        let mut decoded: Vec<Option<RasMessage>> = Vec::with_capacity(batch.len());
        let mut tokens: Vec<Option<Result<token::Verified, TokenError>>> = Vec::with_capacity(batch.len());
        let (mut prepared, mut slots) = (Vec::new(), Vec::new());
        let (gk, skew, unix) =
            (&self.config.gatekeeper_id, self.config.policy.gates.max_clock_skew_s, self.unix_s(now));
        for (i, (from, bytes)) in batch.iter().enumerate() {
            let msg = match ras::decode(bytes) {
                Ok(m) => m,
                Err(e) => {
                    self.outputs.push_back(Output::Dropped { from: *from, reason: e.to_string() });
                    decoded.push(None);
                    tokens.push(None);
                    continue;
                }
            };
            let signed = matches!(msg, RasMessage::admissionRequest(_) | RasMessage::registrationRequest(_));
            let answered = self.answers.contains_key(&(*from, ras::kind(&msg), ras::request_seq_num(&msg)));
            tokens.push(if !signed || answered {
                None
            } else {
                match token::prepare(bytes, &msg, gk, unix, skew, &self.config.policy.trust) {
                    Ok(p) => {
                        prepared.push(p);
                        slots.push(i);
                        None
                    }
                    Err(e) => Some(Err(e)),
                }
            });
            decoded.push(Some(msg));
        }
        for (slot, result) in slots.into_iter().zip(token::verify_prepared(prepared)) {
            tokens[slot] = Some(result);
        }
        for (((from, bytes), msg), token) in batch.iter().zip(decoded).zip(tokens) {
            if let Some(msg) = msg {
                self.pre_verified = token;
                self.handle_decoded(now, *from, bytes, msg);
            }
        }
        self.pre_verified = None;
    }

    /// The token of the request being handled: verified with its batch, or now.
    fn token_of(&mut self, bytes: &[u8], whole: &RasMessage, now: Millis) -> Result<token::Verified, TokenError> {
        match self.pre_verified.take() {
            Some(result) => result,
            None => token::verify(
                bytes,
                whole,
                &self.config.gatekeeper_id,
                self.unix_s(now),
                self.config.policy.gates.max_clock_skew_s,
                &self.config.policy.trust,
            ),
        }
    }

    fn handle_decoded(&mut self, now: Millis, from: SocketAddr, bytes: &[u8], msg: RasMessage) {
        let kind = ras::kind(&msg);
        let seq = ras::request_seq_num(&msg);
        if is_request(&msg) {
            if let Some((answer, _)) = self.answers.get(&(from, kind, seq)) {
                self.outputs.push_back(Output::Transmit { to: from, bytes: answer.clone() });
                return;
            }
        }
        let mut record = RasRecord::new(kind, seq, from);
        let answer = match msg {
            RasMessage::gatekeeperRequest(m) => Some(self.grq(&m, &mut record)),
            RasMessage::registrationRequest(ref m) => Some(self.rrq(now, from, bytes, &msg, m, &mut record)),
            RasMessage::unregistrationRequest(m) => Some(self.urq(now, from, &m, &mut record)),
            RasMessage::admissionRequest(ref m) => Some(self.arq(now, from, bytes, &msg, m, &mut record)),
            RasMessage::bandwidthRequest(m) => Some(self.brq(from, &m, &mut record)),
            RasMessage::disengageRequest(m) => Some(self.drq(now, from, &m, &mut record)),
            RasMessage::locationRequest(m) => Some(self.lrq(&m, &mut record)),
            RasMessage::infoRequestResponse(m) => self.irr(now, from, &m, &mut record),
            RasMessage::unregistrationConfirm(_)
            | RasMessage::unregistrationReject(_)
            | RasMessage::disengageConfirm(_)
            | RasMessage::disengageReject(_) => {
                self.answered(from, seq, kind);
                return;
            }
            RasMessage::unknownMessageResponse(_) => {
                // An endpoint that did not understand a request of ours: stop asking.
                self.answered(from, seq, kind);
                return;
            }
            ref m if is_answer(m) => {
                // Answers to nothing this gatekeeper asked: noted, never answered (two
                // gatekeepers answering each other's answers would never stop).
                self.outputs.push_back(Output::Dropped {
                    from,
                    reason: format!("{kind} answers no request of this gatekeeper"),
                });
                return;
            }
            _ => {
                record.refused(None, "unknownMessageResponse", format!("{kind} is not handled here"));
                Some(RasMessage::unknownMessageResponse(UnknownMessageResponse::new(
                    RequestSeqNum(seq),
                    None,
                    None,
                    None,
                    Some(OctetString::from(bytes.to_vec())),
                )))
            }
        };
        let Some(answer) = answer else {
            self.outputs.push_back(Output::Event(Box::new(record)));
            return;
        };
        record.answer = Some(ras::kind(&answer));
        if let Some(id) = record.endpoint.clone().filter(|_| !record.is_refusal()) {
            self.heard(&id, now);
        }
        match ras::encode(&answer) {
            Ok(out) => {
                self.remember(now, from, kind, seq, &out);
                self.outputs.push_back(Output::Answer { to: from, bytes: out, record: Box::new(record) });
            }
            Err(e) => {
                record.detail = Some(e.to_string());
                self.outputs.push_back(Output::Event(Box::new(record)));
            }
        }
    }

    fn remember(&mut self, now: Millis, from: SocketAddr, kind: &'static str, seq: u16, answer: &[u8]) {
        if self.answers.len() >= self.config.limits.answers_kept {
            // Full: the oldest answer goes first (its sender has long stopped retrying).
            if let Some((_, f, k, s)) = self.answer_order.pop_front() {
                self.answers.remove(&(f, k, s));
            }
        }
        self.answers.insert((from, kind, seq), (answer.to_vec(), now));
        self.answer_order.push_back((now, from, kind, seq));
    }

    fn answered(&mut self, from: SocketAddr, seq: u16, kind: &'static str) {
        if let Some(p) = self.pending.get(&seq) {
            if p.to == from {
                let p = self.pending.remove(&seq).expect("present");
                let mut record = RasRecord::new(p.kind, seq, from);
                record.answer = Some(kind);
                record.endpoint = p.endpoint;
                self.outputs.push_back(Output::Event(Box::new(record)));
            }
        }
    }

    fn gk_id(&self) -> GatekeeperIdentifier {
        GatekeeperIdentifier(ras::bmp(&self.config.gatekeeper_id))
    }

    fn other_gatekeeper(&self, asked: Option<&GatekeeperIdentifier>) -> Option<String> {
        let asked = ras::text(&asked?.0);
        (asked != self.config.gatekeeper_id).then_some(asked)
    }

    fn grq(&mut self, m: &GatekeeperRequest, record: &mut RasRecord) -> RasMessage {
        record.aliases = aliases(m.endpoint_alias.as_deref());
        let seq = m.request_seq_num.clone();
        let reject = |reason, record: &mut RasRecord, detail: String| {
            record.refused(None, ras::reject_reason_name(&reason), detail);
            RasMessage::gatekeeperReject(GatekeeperReject::new(
                seq.clone(),
                ras::protocol_identifier(),
                None,
                Some(self.gk_id()),
                reason,
                None,
                None,
                None,
                None,
                None,
                None,
            ))
        };
        if let Some(other) = self.other_gatekeeper(m.gatekeeper_identifier.as_ref()) {
            return reject(
                GatekeeperRejectReason::terminalExcluded(()),
                record,
                format!("asked for gatekeeper `{other}`"),
            );
        }
        if !self.admitting {
            return reject(
                GatekeeperRejectReason::resourceUnavailable(()),
                record,
                "not admitting: the event stream was lost".into(),
            );
        }
        RasMessage::gatekeeperConfirm(GatekeeperConfirm::new(
            seq,
            ras::protocol_identifier(),
            None,
            Some(self.gk_id()),
            ras::transport(self.config.local),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ))
    }

    fn rrq_reject(
        &self,
        seq: RequestSeqNum,
        reason: RegistrationRejectReason,
        record: &mut RasRecord,
        detail: String,
    ) -> RasMessage {
        record.refused(None, ras::reject_reason_name(&reason), detail);
        RasMessage::registrationReject(RegistrationReject::new(
            seq,
            ras::protocol_identifier(),
            None,
            reason,
            Some(self.gk_id()),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ))
    }

    fn rcf(&self, seq: RequestSeqNum, reg: &Registration) -> RasMessage {
        RasMessage::registrationConfirm(RegistrationConfirm::new(
            seq,
            ras::protocol_identifier(),
            None,
            vec![],
            Some(reg.alias_addresses.clone()),
            Some(self.gk_id()),
            EndpointIdentifier(ras::bmp(&reg.id)),
            None,
            Some(TimeToLive(reg.ttl_s)),
            None,
            None,
            None,
            Some(false),
            None,
            Some(false),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn rrq(
        &mut self,
        now: Millis,
        from: SocketAddr,
        bytes: &[u8],
        whole: &RasMessage,
        m: &RegistrationRequest,
        record: &mut RasRecord,
    ) -> RasMessage {
        let seq = m.request_seq_num.clone();
        if let Some(other) = self.other_gatekeeper(m.gatekeeper_identifier.as_ref()) {
            return self.rrq_reject(
                seq,
                RegistrationRejectReason::undefinedReason(()),
                record,
                format!("asked for gatekeeper `{other}`"),
            );
        }
        let ttl = m
            .time_to_live
            .as_ref()
            .map_or(DEFAULT_TTL_S, |t| t.0)
            .clamp(MIN_TTL_S, self.config.limits.max_ttl_s.max(MIN_TTL_S));
        if m.keep_alive == Some(true) {
            // Lightweight RRQ: a known endpoint renews its time to live.
            let id = m.endpoint_identifier.as_ref().map(|e| ras::text(&e.0));
            record.endpoint = id.clone();
            let known = id.as_ref().and_then(|id| self.endpoints.get_mut(id)).filter(|r| r.ras == from);
            let Some(reg) = known else {
                return self.rrq_reject(
                    seq,
                    RegistrationRejectReason::fullRegistrationRequired(()),
                    record,
                    "keep-alive from an endpoint not registered at this address".into(),
                );
            };
            reg.ttl_s = ttl;
            reg.expires = now + u64::from(ttl) * 1000;
            self.expiries.push(Reverse((reg.expires, reg.id.clone())));
            record.time_to_live = Some(ttl);
            record.aliases = reg.aliases.clone();
            let reg = &self.endpoints[id.as_deref().expect("known")];
            return self.rcf(seq, reg);
        }
        record.aliases = aliases(m.terminal_alias.as_deref());
        if !self.admitting {
            return self.rrq_reject(
                seq,
                RegistrationRejectReason::resourceUnavailable(()),
                record,
                "not admitting: the event stream was lost".into(),
            );
        }
        let signer = match self.token_of(bytes, whole, now) {
            Ok(v) => match self.replay.accept(&v, self.unix_s(now)) {
                Ok(()) => Some(v.agent),
                Err(e) => {
                    return self.rrq_reject(seq, RegistrationRejectReason::securityDenial(()), record, e.to_string())
                }
            },
            Err(TokenError::Missing) => None,
            Err(e) => return self.rrq_reject(seq, RegistrationRejectReason::securityDenial(()), record, e.to_string()),
        };
        record.signer = signer.clone();
        let alias_addresses: Vec<AliasAddress> = m.terminal_alias.clone().unwrap_or_default();
        let names: Vec<String> = alias_addresses.iter().filter_map(ras::alias_text).collect();
        if names.len() > self.config.limits.max_aliases {
            return self.rrq_reject(
                seq,
                RegistrationRejectReason::invalidAlias(()),
                record,
                format!("{} aliases, more than {}", names.len(), self.config.limits.max_aliases),
            );
        }
        let ras_addr = m.ras_address.iter().find_map(ras::socket_addr).unwrap_or(from);
        let call_signal: Vec<SocketAddr> = m.call_signal_address.iter().filter_map(ras::socket_addr).collect();
        if call_signal.is_empty() {
            return self.rrq_reject(
                seq,
                RegistrationRejectReason::invalidCallSignalAddress(()),
                record,
                "no IPv4 or IPv6 call signalling address".into(),
            );
        }
        // The endpoint registering again from the same RAS address replaces its registration.
        let previous = self.endpoints.values().find(|r| r.ras == ras_addr).map(|r| r.id.clone());
        let taken: Vec<AliasAddress> = alias_addresses
            .iter()
            .filter(|a| {
                ras::alias_text(a)
                    .and_then(|n| self.by_alias.get(&n))
                    .is_some_and(|owner| Some(owner) != previous.as_ref())
            })
            .cloned()
            .collect();
        if !taken.is_empty() {
            let detail = format!("alias {} is registered by another endpoint", aliases(Some(&taken)).join(", "));
            return self.rrq_reject(seq, RegistrationRejectReason::duplicateAlias(taken), record, detail);
        }
        if previous.is_none() && self.endpoints.len() >= self.config.limits.max_endpoints {
            let detail = format!("{} endpoints registered, the limit", self.endpoints.len());
            return self.rrq_reject(seq, RegistrationRejectReason::resourceUnavailable(()), record, detail);
        }
        if let Some(id) = previous {
            self.remove_endpoint(&id, now);
        }
        self.next_endpoint += 1;
        let id = format!("ep-{}", self.next_endpoint);
        let quota = signer
            .as_deref()
            .and_then(|agent| self.config.policy.trust.keys_of(agent).find_map(|k| k.bandwidth))
            .unwrap_or(self.config.limits.bandwidth.per_endpoint);
        let reg = Registration {
            id: id.clone(),
            aliases: names.clone(),
            alias_addresses,
            ras: ras_addr,
            call_signal,
            signer,
            bandwidth_quota: quota,
            bandwidth_used: 0,
            ttl_s: ttl,
            expires: now + u64::from(ttl) * 1000,
            last_heard: now,
            calls: 0,
            check_scheduled: false,
        };
        for n in &names {
            self.by_alias.insert(n.clone(), id.clone());
        }
        self.expiries.push(Reverse((reg.expires, id.clone())));
        self.endpoint_seq.insert(id.clone(), self.next_endpoint);
        record.endpoint = Some(id.clone());
        record.time_to_live = Some(ttl);
        record.bandwidth = Some(quota);
        let answer = self.rcf(seq, &reg);
        self.endpoints.insert(id, reg);
        answer
    }

    /// Forgets an endpoint and its calls (their bandwidth and places are freed); the other
    /// side of each call is asked to disengage.
    fn remove_endpoint(&mut self, id: &str, now: Millis) -> Registration {
        let reg = self.endpoints.remove(id).expect("registered");
        for a in &reg.aliases {
            if self.by_alias.get(a).is_some_and(|owner| owner == id) {
                self.by_alias.remove(a);
            }
        }
        self.release_calls_of(id, now);
        self.endpoint_seq.remove(id);
        reg
    }

    /// Releases every call of endpoint `id`; the other side of each is asked to disengage, as
    /// it still thinks the call is up. Returns how many calls were released.
    fn release_calls_of(&mut self, id: &str, now: Millis) -> usize {
        let keys: Vec<LegKey> = self.legs.iter().filter(|(_, l)| l.endpoint == id).map(|(k, _)| *k).collect();
        for k in &keys {
            let leg = self.release(k);
            if let Some(peer) = leg.peer.as_deref() {
                let other = self.legs_of(k.call).find(|(_, l)| l.endpoint == peer).map(|(ok, _)| ok);
                if let Some(ok) = other {
                    let other = self.release(&ok);
                    self.send_drq(&ok, &other, now);
                }
            }
        }
        keys.len()
    }

    /// Notes that endpoint `id` showed it is alive; one with calls is due for a check after
    /// `call_check_s` of silence.
    fn heard(&mut self, id: &str, now: Millis) {
        let interval = u64::from(self.config.limits.call_check_s) * 1000;
        let Some(reg) = self.endpoints.get_mut(id) else { return };
        reg.last_heard = now;
        if interval > 0 && reg.calls > 0 && !reg.check_scheduled {
            reg.check_scheduled = true;
            self.checks.push(Reverse((now + interval, id.to_owned())));
        }
    }

    fn send_irq(&mut self, id: &str, now: Millis) {
        let Some(reg) = self.endpoints.get(id) else { return };
        let to = reg.ras;
        let seq = self.next_seq();
        let mut record = RasRecord::new("infoRequest", seq, to);
        record.endpoint = Some(id.to_owned());
        record.detail = Some(format!(
            "sent by the gatekeeper: nothing heard for {} s from an endpoint with calls",
            self.config.limits.call_check_s
        ));
        // callReferenceValue 0: about all of the endpoint's calls.
        let irq = InfoRequest::new(
            RequestSeqNum(seq),
            CallReferenceValue(0),
            None,
            Some(ras::transport(self.config.local)),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        );
        self.send_own(to, RasMessage::infoRequest(irq), record, now);
        if let Some(p) = self.pending.get_mut(&seq) {
            p.endpoint = Some(id.to_owned());
        }
    }

    /// The legs of call `call`.
    fn legs_of(&self, call: [u8; 16]) -> impl Iterator<Item = (LegKey, &Leg)> + '_ {
        self.by_call.get(&call).into_iter().flatten().filter_map(|k| self.legs.get(k).map(|l| (*k, l)))
    }

    fn release(&mut self, key: &LegKey) -> Leg {
        let leg = self.legs.remove(key).expect("leg present");
        if let Some(keys) = self.by_call.get_mut(&key.call) {
            keys.retain(|k| k != key);
            if keys.is_empty() {
                self.by_call.remove(&key.call);
            }
        }
        if let Some(reg) = self.endpoints.get_mut(&leg.endpoint) {
            reg.bandwidth_used = reg.bandwidth_used.saturating_sub(leg.bandwidth);
            reg.calls = reg.calls.saturating_sub(1);
        }
        self.total_bandwidth = self.total_bandwidth.saturating_sub(leg.bandwidth);
        if !key.answer {
            if let Some(n) = self.rooms.get_mut(&leg.room) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    self.rooms.remove(&leg.room);
                }
            }
        }
        leg
    }

    fn next_seq(&mut self) -> u16 {
        // Not 0: RequestSeqNum is 1..65535. Skips numbers still waiting for an answer.
        loop {
            self.next_seq = self.next_seq.wrapping_add(1).max(1);
            if !self.pending.contains_key(&self.next_seq) {
                return self.next_seq;
            }
        }
    }

    fn send_own(&mut self, to: SocketAddr, msg: RasMessage, mut record: RasRecord, now: Millis) {
        let kind = ras::kind(&msg);
        let seq = ras::request_seq_num(&msg);
        match ras::encode(&msg) {
            Ok(bytes) => {
                self.pending.insert(
                    seq,
                    Pending {
                        to,
                        bytes: bytes.clone(),
                        kind,
                        tries: 1,
                        next: now + RAS_RETRY,
                        endpoint: record.endpoint.clone(),
                    },
                );
                self.outputs.push_back(Output::Event(Box::new(record)));
                self.outputs.push_back(Output::Transmit { to, bytes });
            }
            Err(e) => {
                record.detail = Some(e.to_string());
                self.outputs.push_back(Output::Event(Box::new(record)));
            }
        }
    }

    fn send_urq(&mut self, reg: &Registration, reason: UnregRequestReason, now: Millis) {
        let seq = self.next_seq();
        let mut record = RasRecord::new("unregistrationRequest", seq, reg.ras);
        record.endpoint = Some(reg.id.clone());
        record.detail = Some(format!("sent by the gatekeeper: {}", ras::reject_reason_name(&reason)));
        let urq = UnregistrationRequest::new(
            RequestSeqNum(seq),
            reg.call_signal.iter().map(|a| ras::transport(*a)).collect(),
            Some(reg.alias_addresses.clone()),
            None,
            Some(EndpointIdentifier(ras::bmp(&reg.id))),
            None,
            Some(self.gk_id()),
            None,
            None,
            None,
            Some(reason),
            None,
            None,
            None,
            None,
            None,
        );
        self.send_own(reg.ras, RasMessage::unregistrationRequest(urq), record, now);
    }

    fn send_drq(&mut self, key: &LegKey, leg: &Leg, now: Millis) {
        let Some(reg) = self.endpoints.get(&leg.endpoint) else { return };
        let to = reg.ras;
        let seq = self.next_seq();
        let mut record = RasRecord::new("disengageRequest", seq, to);
        record.endpoint = Some(leg.endpoint.clone());
        record.call_id = Some(hex::encode(key.call));
        record.trace_id = leg.trace_id.clone();
        record.detail = Some("sent by the gatekeeper: the other side of the call is gone".into());
        let drq = DisengageRequest::new(
            RequestSeqNum(seq),
            EndpointIdentifier(ras::bmp(&leg.endpoint)),
            ConferenceIdentifier(ras::to_guid(leg.conference)),
            CallReferenceValue(leg.crv),
            DisengageReason::forcedDrop(()),
            None,
            Some(CallIdentifier::new(ras::to_guid(key.call))),
            Some(self.gk_id()),
            None,
            None,
            None,
            Some(key.answer),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        );
        self.send_own(to, RasMessage::disengageRequest(drq), record, now);
    }

    /// The registration an endpoint identifier names, if the request came from its RAS address.
    fn caller(&self, id: &EndpointIdentifier, from: SocketAddr) -> Result<&Registration, String> {
        let id = ras::text(&id.0);
        match self.endpoints.get(&id) {
            None => Err(format!("endpoint `{id}` is not registered")),
            Some(r) if r.ras != from => Err(format!("endpoint `{id}` is registered at {}, not {from}", r.ras)),
            Some(r) => Ok(r),
        }
    }

    fn urq(&mut self, now: Millis, from: SocketAddr, m: &UnregistrationRequest, record: &mut RasRecord) -> RasMessage {
        let seq = m.request_seq_num.clone();
        let id = match &m.endpoint_identifier {
            Some(e) => self.caller(e, from).map(|r| r.id.clone()),
            // Without an identifier, the endpoint is the one registered at this RAS address.
            None => self
                .endpoints
                .values()
                .find(|r| r.ras == from)
                .map(|r| r.id.clone())
                .ok_or_else(|| format!("nothing registered at {from}")),
        };
        match id {
            Ok(id) => {
                let calls = self.legs.values().filter(|l| l.endpoint == id).count();
                let reg = self.remove_endpoint(&id, now);
                record.endpoint = Some(id);
                record.aliases = reg.aliases;
                if calls > 0 {
                    record.detail = Some(format!("{calls} call(s) released with it"));
                }
                ras::ucf(seq)
            }
            Err(detail) => {
                record.refused(None, "notCurrentlyRegistered", detail);
                RasMessage::unregistrationReject(UnregistrationReject::new(
                    seq,
                    UnregRejectReason::notCurrentlyRegistered(()),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ))
            }
        }
    }

    fn arq(
        &mut self,
        now: Millis,
        from: SocketAddr,
        bytes: &[u8],
        whole: &RasMessage,
        m: &AdmissionRequest,
        record: &mut RasRecord,
    ) -> RasMessage {
        let call = m.call_identifier.as_ref().map_or([0; 16], |c| ras::guid(&c.guid));
        let conference = ras::guid(&m.conference_id.0);
        record.call_id = Some(hex::encode(call));
        record.conference_id = Some(hex::encode(conference));
        record.answer_call = Some(m.answer_call);
        record.requested_bandwidth = Some(m.band_width.0);
        record.destination =
            m.destination_info.as_deref().map(|d| aliases(Some(d)).join(", ")).filter(|d| !d.is_empty());
        match self.admit(now, from, bytes, whole, m, call, conference, record) {
            Ok(acf) => RasMessage::admissionConfirm(acf),
            Err(Refused { gate, reason, detail }) => {
                record.refused(gate, reason, detail);
                RasMessage::admissionReject(AdmissionReject::new(
                    m.request_seq_num.clone(),
                    arj_reason(reason),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ))
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn admit(
        &mut self,
        now: Millis,
        from: SocketAddr,
        bytes: &[u8],
        whole: &RasMessage,
        m: &AdmissionRequest,
        call: [u8; 16],
        conference: [u8; 16],
        record: &mut RasRecord,
    ) -> Result<AdmissionConfirm, Refused> {
        if !self.admitting {
            return Err(refuse("registered", "resourceUnavailable", "not admitting: the event stream was lost"));
        }
        // 1. Registered, at the address it registered from.
        let caller =
            self.caller(&m.endpoint_identifier, from).map_err(|d| refuse("registered", "callerNotRegistered", d))?;
        let caller_id = caller.id.clone();
        let caller_signer = caller.signer.clone();
        let caller_signal = caller.call_signal.first().copied();
        record.endpoint = Some(caller_id.clone());
        record.aliases = caller.aliases.clone();
        // 2. Signature: a token from a trusted key, fresh, for this gatekeeper, not replayed.
        let unix = self.unix_s(now);
        let verified =
            self.token_of(bytes, whole, now).map_err(|e| refuse("signature", "securityDenial", e.to_string()))?;
        if let Some(registered) = caller_signer.as_deref().filter(|r| *r != verified.agent) {
            return Err(refuse(
                "signature",
                "securityDenial",
                format!("signed by `{}`, registered by `{registered}`", verified.agent),
            ));
        }
        self.replay.accept(&verified, unix).map_err(|e| refuse("signature", "securityDenial", e.to_string()))?;
        record.signer = Some(verified.agent.clone());
        // 3. Policy: the call description verifies and passes the gates.
        let council_call = !m.answer_call && destination_names(m).contains(&self.config.council_alias);
        let description = match gate::description_bytes(m) {
            Some(d) => Some(
                self.descriptions
                    .read(d, &self.config.policy.trust)
                    .map_err(|e| refuse("policy", "requestDenied", e.to_string()))?,
            ),
            None if council_call => {
                return Err(refuse("policy", "requestDenied", "a call to the council needs a call description"))
            }
            None => None,
        };
        if let Some(d) = &description {
            record.call_type = Some(d.kind);
            record.description = Some(d.digest.clone());
            record.description_signer = Some(d.signer.clone());
            record.trace_id = d.trace_id.clone();
            record.hazard = d.hazard.clone();
            record.conversation_id = Some(d.conversation_id.clone());
            let expert = destination_names(m).iter().find_map(|n| gate::expert_at(&self.config.policy, n));
            gate::admit(&self.config.policy, d, expert)
                .map_err(|r| refuse("policy", "requestDenied", r.to_string()))?;
        } else {
            record.call_type = Some(CallKind::Routine);
        }
        // 4. Route: the destination is registered here, or is the council.
        let existing = self.legs_of(call).find(|(k, _)| !k.answer && !m.answer_call).map(|(k, _)| k);
        if existing.is_some() {
            return Err(refuse("route", "requestDenied", "this call was admitted already"));
        }
        let (callee, dest_addr, model, room) = if m.answer_call {
            // The answering side: the call comes to the caller itself.
            let origin = self.legs_of(call).find(|(k, _)| !k.answer).map(|(_, l)| (l.endpoint.clone(), l.room.clone()));
            let room = origin.as_ref().map_or(Room::Conference(conference), |(_, r)| r.clone());
            let addr = caller_signal
                .ok_or_else(|| refuse("route", "calledPartyNotRegistered", "no call signalling address"))?;
            (origin.map(|(e, _)| e), addr, CallModel::direct(()), room)
        } else {
            let callee = self.route(m).ok_or_else(|| {
                let wanted = record.destination.clone().unwrap_or_else(|| "no destination".into());
                refuse("route", "calledPartyNotRegistered", format!("{wanted}: not registered here"))
            })?;
            let reg = &self.endpoints[&callee];
            let addr = *reg.call_signal.first().expect("registrations have a call signalling address");
            if council_call {
                (Some(callee.clone()), addr, CallModel::gatekeeperRouted(()), Room::Council(callee))
            } else {
                (Some(callee), addr, CallModel::direct(()), Room::Conference(conference))
            }
        };
        record.council = Some(council_call || matches!(room, Room::Council(_)));
        record.dest_call_signal = Some(dest_addr.to_string());
        record.call_model = Some(match model {
            CallModel::direct(_) => "direct",
            _ => "gatekeeperRouted",
        });
        // 5. Bandwidth: per call, the caller's quota, the callee's, the total. The answering
        // side is charged only what it adds to what the call already has.
        let limits = self.config.limits.bandwidth;
        let already = if m.answer_call { self.legs_of(call).map(|(_, l)| l.bandwidth).sum() } else { 0 };
        let asked = m.band_width.0.max(limits.min_per_call).min(limits.max_per_call);
        let mut grant = asked.saturating_sub(already);
        let caller_reg = &self.endpoints[&caller_id];
        grant = grant.min(caller_reg.bandwidth_quota.saturating_sub(caller_reg.bandwidth_used));
        if let Some(c) =
            callee.as_ref().filter(|c| !m.answer_call && **c != caller_id).and_then(|c| self.endpoints.get(c))
        {
            grant = grant.min(c.bandwidth_quota.saturating_sub(c.bandwidth_used));
        }
        grant = grant.min(limits.total.saturating_sub(self.total_bandwidth));
        if grant == 0 && asked > already {
            return Err(refuse("bandwidth", "requestDenied", format!("no bandwidth left for {asked} (x100 bit/s)")));
        }
        // 6. Capacity: the conference has room (answering legs join the caller's place).
        if !m.answer_call {
            let present = self.rooms.get(&room).copied().unwrap_or(0);
            if present >= self.config.limits.conference_capacity {
                return Err(refuse(
                    "capacity",
                    "resourceUnavailable",
                    format!("{present} participants, the conference's capacity"),
                ));
            }
        }
        if self.legs.len() >= self.config.limits.max_calls {
            return Err(refuse(
                "capacity",
                "resourceUnavailable",
                format!("{} calls, the gatekeeper's limit", self.legs.len()),
            ));
        }
        let granted = already + grant;
        record.bandwidth = Some(granted);
        if let Some(r) = self.endpoints.get_mut(&caller_id) {
            r.bandwidth_used += grant;
            r.calls += 1;
        }
        self.total_bandwidth += grant;
        if !m.answer_call {
            *self.rooms.entry(room.clone()).or_insert(0) += 1;
        }
        let endpoint_seq = self.endpoint_seq.get(&caller_id).copied().unwrap_or(0);
        let key = LegKey { call, endpoint_seq, answer: m.answer_call };
        self.by_call.entry(call).or_default().push(key);
        self.legs.insert(
            key,
            Leg {
                endpoint: caller_id,
                conference,
                crv: m.call_reference_value.0,
                bandwidth: grant,
                peer: callee,
                room,
                trace_id: record.trace_id.clone(),
            },
        );
        Ok(AdmissionConfirm::new(
            m.request_seq_num.clone(),
            BandWidth(granted),
            model,
            ras::transport(dest_addr),
            None,
            None,
            m.destination_info.clone(),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            Some(false),
            Some(UUIEsRequested::new(
                false,
                false,
                false,
                false,
                false,
                false,
                false,
                false,
                false,
                Some(false),
                Some(false),
                Some(false),
                Some(false),
            )),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ))
    }

    /// The endpoint a call is for: the first destination alias registered here, else the
    /// endpoint whose call signalling address the ARQ names.
    fn route(&self, m: &AdmissionRequest) -> Option<String> {
        for name in destination_names(m) {
            if let Some(id) = self.by_alias.get(&name) {
                return Some(id.clone());
            }
        }
        let addr = m.dest_call_signal_address.as_ref().and_then(ras::socket_addr)?;
        self.endpoints.values().find(|r| r.call_signal.contains(&addr)).map(|r| r.id.clone())
    }

    fn leg_of(&self, endpoint: &str, call: [u8; 16], answer: Option<bool>) -> Option<LegKey> {
        let seq = self.endpoint_seq.get(endpoint).copied()?;
        match answer {
            Some(a) => Some(LegKey { call, endpoint_seq: seq, answer: a }).filter(|k| self.legs.contains_key(k)),
            None => [false, true]
                .into_iter()
                .map(|a| LegKey { call, endpoint_seq: seq, answer: a })
                .find(|k| self.legs.contains_key(k)),
        }
    }

    fn brq(&mut self, from: SocketAddr, m: &BandwidthRequest, record: &mut RasRecord) -> RasMessage {
        let seq = m.request_seq_num.clone();
        let call = m.call_identifier.as_ref().map_or([0; 16], |c| ras::guid(&c.guid));
        record.call_id = Some(hex::encode(call));
        record.requested_bandwidth = Some(m.band_width.0);
        let reject = |reason: BandRejectReason, allowed: u32, record: &mut RasRecord, detail: String| {
            record.refused(Some("bandwidth"), ras::reject_reason_name(&reason), detail);
            RasMessage::bandwidthReject(BandwidthReject::new(
                seq.clone(),
                reason,
                BandWidth(allowed),
                None,
                None,
                None,
                None,
                None,
                None,
            ))
        };
        let id = match self.caller(&m.endpoint_identifier, from) {
            Ok(r) => r.id.clone(),
            Err(d) => return reject(BandRejectReason::notBound(()), 0, record, d),
        };
        record.endpoint = Some(id.clone());
        let Some(key) = self.leg_of(&id, call, m.answered_call) else {
            return reject(
                BandRejectReason::invalidConferenceID(()),
                0,
                record,
                "no such call of this endpoint".into(),
            );
        };
        let limits = self.config.limits.bandwidth;
        let leg = &self.legs[&key];
        record.trace_id = leg.trace_id.clone();
        let current = leg.bandwidth;
        let asked = m.band_width.0.max(limits.min_per_call).min(limits.max_per_call);
        let reg = &self.endpoints[&id];
        let extra = asked.saturating_sub(current);
        let extra = extra
            .min(reg.bandwidth_quota.saturating_sub(reg.bandwidth_used))
            .min(limits.total.saturating_sub(self.total_bandwidth));
        let granted = if asked <= current { asked } else { current + extra };
        if asked > current && extra == 0 {
            return reject(
                BandRejectReason::insufficientResources(()),
                current,
                record,
                format!("no bandwidth left beyond {current}"),
            );
        }
        let leg = self.legs.get_mut(&key).expect("present");
        let before = leg.bandwidth;
        leg.bandwidth = granted;
        let reg = self.endpoints.get_mut(&id).expect("registered");
        reg.bandwidth_used = reg.bandwidth_used + granted - before.min(reg.bandwidth_used + granted);
        self.total_bandwidth = self.total_bandwidth + granted - before.min(self.total_bandwidth + granted);
        record.bandwidth = Some(granted);
        RasMessage::bandwidthConfirm(BandwidthConfirm::new(
            seq,
            BandWidth(granted),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ))
    }

    fn drq(&mut self, _now: Millis, from: SocketAddr, m: &DisengageRequest, record: &mut RasRecord) -> RasMessage {
        let seq = m.request_seq_num.clone();
        let call = m.call_identifier.as_ref().map_or([0; 16], |c| ras::guid(&c.guid));
        record.call_id = Some(hex::encode(call));
        let id = match self.caller(&m.endpoint_identifier, from) {
            Ok(r) => r.id.clone(),
            Err(d) => {
                record.refused(None, "notRegistered", d);
                return RasMessage::disengageReject(DisengageReject::new(
                    seq,
                    DisengageRejectReason::notRegistered(()),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ));
            }
        };
        record.endpoint = Some(id.clone());
        match self.leg_of(&id, call, m.answered_call) {
            Some(key) => {
                let leg = self.release(&key);
                record.trace_id = leg.trace_id;
                record.bandwidth = Some(leg.bandwidth);
            }
            // Nothing to release (already gone): confirming again is harmless and what the
            // endpoint needs to finish its call.
            None => record.detail = Some("no such call: nothing to release".into()),
        }
        ras::dcf(seq)
    }

    fn lrq(&mut self, m: &LocationRequest, record: &mut RasRecord) -> RasMessage {
        let seq = m.request_seq_num.clone();
        let names: Vec<String> = m.destination_info.iter().filter_map(ras::alias_text).collect();
        record.destination = Some(names.join(", "));
        let found = names.iter().find_map(|n| self.by_alias.get(n)).and_then(|id| self.endpoints.get(id));
        match found {
            Some(reg) => {
                record.endpoint = Some(reg.id.clone());
                RasMessage::locationConfirm(LocationConfirm::new(
                    seq,
                    ras::transport(reg.call_signal[0]),
                    ras::transport(reg.ras),
                    None,
                    Some(reg.alias_addresses.clone()),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ))
            }
            None => {
                record.refused(None, "notRegistered", "no endpoint registered with that alias");
                RasMessage::locationReject(LocationReject::new(
                    seq,
                    LocationRejectReason::notRegistered(()),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ))
            }
        }
    }

    fn irr(
        &mut self,
        now: Millis,
        from: SocketAddr,
        m: &InfoRequestResponse,
        record: &mut RasRecord,
    ) -> Option<RasMessage> {
        let seq = m.request_seq_num.clone();
        self.answered(from, seq.0, "infoRequestResponse");
        let known = self.caller(&m.endpoint_identifier, from).map(|r| r.id.clone());
        if let Ok(id) = &known {
            record.endpoint = Some(id.clone());
            self.heard(id, now);
        }
        if m.need_response != Some(true) {
            return None;
        }
        Some(match known {
            Ok(_) => RasMessage::infoRequestAck(InfoRequestAck::new(seq, None, None, None, None)),
            Err(d) => {
                record.refused(None, "notRegistered", d);
                RasMessage::infoRequestNak(InfoRequestNak::new(
                    seq,
                    None,
                    InfoRequestNakReason::notRegistered(()),
                    None,
                    None,
                    None,
                    None,
                ))
            }
        })
    }
}

/// RAS requests (answered once, and the same again when sent again).
fn is_request(msg: &RasMessage) -> bool {
    matches!(
        msg,
        RasMessage::gatekeeperRequest(_)
            | RasMessage::registrationRequest(_)
            | RasMessage::unregistrationRequest(_)
            | RasMessage::admissionRequest(_)
            | RasMessage::bandwidthRequest(_)
            | RasMessage::disengageRequest(_)
            | RasMessage::locationRequest(_)
            | RasMessage::infoRequestResponse(_)
            | RasMessage::nonStandardMessage(_)
            | RasMessage::resourcesAvailableIndicate(_)
            | RasMessage::serviceControlIndication(_)
            | RasMessage::infoRequest(_)
    )
}

/// RAS answers (confirms, rejects, and the like), which are never answered themselves.
fn is_answer(msg: &RasMessage) -> bool {
    !is_request(msg)
}

fn aliases(list: Option<&[AliasAddress]>) -> Vec<String> {
    list.unwrap_or_default().iter().filter_map(ras::alias_text).collect()
}

fn destination_names(m: &AdmissionRequest) -> Vec<String> {
    aliases(m.destination_info.as_deref())
}

fn arj_reason(name: &str) -> AdmissionRejectReason {
    match name {
        "callerNotRegistered" => AdmissionRejectReason::callerNotRegistered(()),
        "securityDenial" => AdmissionRejectReason::securityDenial(()),
        "requestDenied" => AdmissionRejectReason::requestDenied(()),
        "calledPartyNotRegistered" => AdmissionRejectReason::calledPartyNotRegistered(()),
        "resourceUnavailable" => AdmissionRejectReason::resourceUnavailable(()),
        _ => AdmissionRejectReason::undefinedReason(()),
    }
}
