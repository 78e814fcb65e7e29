//! The escalation caller: a small user-agent client that places signed INVITEs to experts through
//! the proxy and reports each call's progress. Pure, like the proxy: packets and time in,
//! packets and events out.
//!
//! A call: INVITE (with SDP offer and X-IF headers, signed) -> 100/180 -> 200 -> ACK, hold for
//! `hold_ms`, BYE -> 200. Non-2xx finals are ACKed and reported as failures; no response within
//! 32 s is a 408 failure. A call that rings may ring for Timer C (3 min, reset by each
//! provisional, as the proxy's): a person takes time to answer; then it is cancelled and
//! reported as a 408 too.
//!
//! Forking: a request naming several experts calls them all at once, one call (its own Call-ID)
//! each. The first to answer wins; the others are cancelled (RFC 3261 §9.1: CANCEL once a
//! provisional came, so a call that has not rung yet is cancelled when it does) and end with
//! their 487. Once every call has its final response, one `call.forked` event says who answered
//! and what each call got. A call answered after the winner (its 200 crossed our CANCEL) is ACKed
//! and hung up at once, reported as failed.

use super::dialog::request_in_dialog;
use super::message::{self, SipMessage, StartLine};
use super::routing::Transport;
use super::timer::{T1, T2, TIMER_C, TRANSACTION_TIMEOUT};
use super::xif::{self, HazardHeader};
use crate::keys::SecretKey;
use crate::time::Millis;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum CallEventKind {
    #[serde(rename = "call.trying")]
    Trying,
    #[serde(rename = "call.ringing")]
    Ringing,
    #[serde(rename = "call.answered")]
    Answered { setup_ms: Millis },
    #[serde(rename = "call.failed")]
    Failed { status: u16, reason: String },
    #[serde(rename = "call.ended")]
    Ended { duration_ms: Millis },
    /// A forked escalation is decided: every call has its final response.
    #[serde(rename = "call.forked")]
    Forked { answered_by: Option<String>, branches: Vec<ForkBranch> },
}

/// One call of a forked escalation, and how it ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ForkBranch {
    pub expert: String,
    pub call_id: String,
    /// Its final status: 200 answered, 487 cancelled, the expert's refusal, or 408 unanswered.
    pub status: u16,
}

/// Experts one escalation calls at once, at most: the branches a proxy forks to
/// (`sip::routing::MAX_BRANCHES`).
pub const MAX_EXPERTS: usize = 10;

/// The incident a call is placed for: carried from the request to every event of the call, so
/// that its events join that incident's trail.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Origin {
    pub trace_id: Option<String>,
    pub conversation_id: Option<String>,
    pub hazard: Option<crate::message::Hazard>,
}

/// Progress of one escalation call, with the incident it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallEvent {
    #[serde(flatten)]
    pub kind: CallEventKind,
    pub call_id: String,
    pub expert: String,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Debug)]
pub enum UacOutput {
    Transmit { bytes: Vec<u8> },
    Event(Box<CallEvent>),
}

#[derive(PartialEq, Eq)]
enum Phase {
    Inviting,
    Answered,
    Hanging,
    Done,
}

struct Call {
    origin: Origin,
    expert: String,
    started: Millis,
    invite: SipMessage,
    invite_bytes: Vec<u8>,
    phase: Phase,
    provisional: bool,
    trying_sent: bool,
    ringing_sent: bool,
    retransmit: Option<(Millis, Millis)>,
    deadline: Millis,
    answered_at: Millis,
    ack: Option<Vec<u8>>,
    bye: Option<Vec<u8>>,
    hang_up_at: Option<Millis>,
    /// The forked escalation this call is a branch of.
    fork: Option<u64>,
    /// Cancelled before any provisional: the CANCEL goes when one comes (§9.1).
    cancel_pending: bool,
    /// Our CANCEL, once sent.
    cancel: Option<SentCancel>,
    /// Answered after another expert of its fork: hung up at once, without a `call.ended`.
    quiet: bool,
    /// Rang for Timer C unanswered, and was cancelled for it.
    rang_out: bool,
}

/// A CANCEL we sent, and Timer E for it (when next, the interval) until its response.
struct SentCancel {
    bytes: Vec<u8>,
    retransmit: Option<(Millis, Millis)>,
}

/// A forked escalation: its calls in order, with their final statuses, and the winner.
struct Fork {
    calls: Vec<(String, String, Option<u16>)>,
    answered: Option<usize>,
}

/// What to call an expert about.
#[derive(Debug)]
pub struct CallRequest {
    pub origin: Origin,
    /// The experts to call, all at once (at most [`MAX_EXPERTS`]); one is an ordinary call.
    pub experts: Vec<String>,
    pub hazard: HazardHeader,
    pub trace_id: Option<String>,
    /// One line for the expert's phone display (`Subject`).
    pub subject: String,
}

pub struct Uac {
    local: SocketAddr,
    key: SecretKey,
    hold_ms: Millis,
    calls: HashMap<String, Call>,
    forks: HashMap<u64, Fork>,
    out: VecDeque<UacOutput>,
    counter: u64,
    /// Unix ms at monotonic 0, for X-IF-Signature timestamps.
    wall_offset_ms: i64,
    /// Over TCP and TLS nothing is retransmitted (RFC 3261 §17.1.1.2: Timer A is for
    /// unreliable transports), and the Via and Contact say which.
    reliable: bool,
    transport: Transport,
}

impl Uac {
    /// A caller over UDP.
    pub fn new(local: SocketAddr, key: SecretKey, hold_ms: Millis, wall_offset_ms: i64) -> Self {
        Uac {
            local,
            key,
            hold_ms,
            calls: HashMap::new(),
            forks: HashMap::new(),
            out: VecDeque::new(),
            counter: 0,
            wall_offset_ms,
            reliable: false,
            transport: Transport::Udp,
        }
    }

    /// A caller over `transport`; over TCP or TLS nothing is retransmitted.
    pub fn over(transport: Transport, local: SocketAddr, key: SecretKey, hold_ms: Millis, wall_offset_ms: i64) -> Self {
        Uac { reliable: transport != Transport::Udp, transport, ..Uac::new(local, key, hold_ms, wall_offset_ms) }
    }

    fn via(&self) -> &'static str {
        self.transport.via_name()
    }

    /// Timer A/E's first interval, or none over TCP.
    fn first_retransmit(&self, now: Millis) -> Option<(Millis, Millis)> {
        (!self.reliable).then_some((now + T1, T1))
    }

    pub fn poll_output(&mut self) -> Option<UacOutput> {
        self.out.pop_front()
    }

    pub fn poll_timeout(&self) -> Option<Millis> {
        self.calls
            .values()
            .flat_map(|c| {
                let cancel = c.cancel.as_ref().and_then(|sent| sent.retransmit.map(|r| r.0));
                [c.retransmit.map(|r| r.0), Some(c.deadline), c.hang_up_at, cancel]
            })
            .flatten()
            .min()
    }

    /// Calls still in progress.
    pub fn active(&self) -> usize {
        self.calls.values().filter(|c| c.phase != Phase::Done).count()
    }

    fn event(&mut self, call_id: &str, kind: CallEventKind) {
        if let Some(c) = self.calls.get(call_id) {
            self.out.push_back(UacOutput::Event(Box::new(CallEvent {
                kind,
                call_id: call_id.into(),
                expert: c.expert.clone(),
                origin: c.origin.clone(),
            })));
        }
    }

    /// Places the calls `req` asks for: one per expert, forked when there are several.
    pub fn start(&mut self, now: Millis, req: CallRequest) {
        let experts: Vec<String> = req.experts.iter().take(MAX_EXPERTS).cloned().collect();
        let fork = (experts.len() > 1).then(|| {
            self.counter += 1;
            self.counter
        });
        let mut calls = Vec::new();
        for expert in experts {
            let call_id = self.place(now, &req, expert.clone(), fork);
            calls.push((call_id, expert, None));
        }
        if let Some(id) = fork {
            self.forks.insert(id, Fork { calls, answered: None });
        }
    }

    /// Places one call to `expert`; returns its Call-ID.
    fn place(&mut self, now: Millis, req: &CallRequest, expert: String, fork: Option<u64>) -> String {
        self.counter += 1;
        let n = self.counter;
        let id = format!("{}-{n}", crate::message::random_hex(8));
        let call_id = format!("{id}@{}", self.local.ip());
        let agent_user = self.key.agent.trim_start_matches("if://agent/").replace(['/', ':', '@'], "-");
        let sdp = format!(
            "v=0\r\no=ifconnect {n} 1 IN IP4 {ip}\r\ns=ifconnect escalation\r\nc=IN IP4 {ip}\r\nt=0 0\r\nm=audio {port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n",
            ip = self.local.ip(),
            port = 40_000 + (n % 10_000) * 2
        );
        let subject: String = req.subject.chars().filter(|c| !c.is_control()).take(120).collect();
        let mut text = format!(
            "INVITE {uri} SIP/2.0\r\nVia: SIP/2.0/{via} {local};branch=z9hG4bK{id}i;rport\r\nMax-Forwards: 70\r\n\
             From: <sip:{agent_user}@{local}>;tag={id}\r\nTo: <{uri}>\r\nCall-ID: {call_id}\r\nCSeq: 1 INVITE\r\n\
             Contact: <sip:{agent_user}@{local}{contact_transport}>\r\nSubject: {subject}\r\nX-IF-Hazard: {hazard}\r\n",
            uri = expert,
            via = self.via(),
            contact_transport = match self.transport {
                Transport::Udp => "",
                Transport::Tcp => ";transport=tcp",
                Transport::Tls => ";transport=tls",
            },
            local = self.local,
            hazard = req.hazard.to_header(),
        );
        if let Some(t) = &req.trace_id {
            text.push_str(&format!("X-IF-Trace-ID: {t}\r\n"));
        }
        text.push_str(&format!("Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{sdp}", sdp.len()));
        let mut invite = message::parse(text.as_bytes()).expect("the INVITE we build parses");
        xif::sign(&mut invite, &self.key, now as i64 + self.wall_offset_ms);
        let bytes = invite.to_bytes();
        self.out.push_back(UacOutput::Transmit { bytes: bytes.clone() });
        let retransmit = self.first_retransmit(now);
        self.calls.insert(
            call_id.clone(),
            Call {
                origin: req.origin.clone(),
                expert,
                started: now,
                invite,
                invite_bytes: bytes,
                phase: Phase::Inviting,
                provisional: false,
                trying_sent: false,
                ringing_sent: false,
                retransmit,
                deadline: now + TRANSACTION_TIMEOUT,
                answered_at: 0,
                ack: None,
                bye: None,
                hang_up_at: None,
                fork,
                cancel_pending: false,
                cancel: None,
                quiet: false,
                rang_out: false,
            },
        );
        call_id
    }

    /// Cancels call `call_id` while it has no final response: a CANCEL now if a provisional
    /// came, else when the first one does (§9.1). Its 487 then ends it.
    fn cancel(&mut self, now: Millis, call_id: &str) {
        let reliable = self.reliable;
        let Some(call) = self.calls.get_mut(call_id) else { return };
        if call.phase != Phase::Inviting || call.cancel.is_some() {
            return;
        }
        if !call.provisional {
            call.cancel_pending = true;
            return;
        }
        call.cancel_pending = false;
        let cancel = call.invite.hop_by_hop("CANCEL", call.invite.header("To").unwrap_or("")).to_bytes();
        self.out.push_back(UacOutput::Transmit { bytes: cancel.clone() });
        call.cancel = Some(SentCancel { bytes: cancel, retransmit: (!reliable).then_some((now + T1, T1)) });
        // §9.1: a call whose CANCEL brings no final response within 64*T1 is over.
        call.deadline = now + TRANSACTION_TIMEOUT;
    }

    /// Notes the final status of a call: for a branch of a fork, the first 2xx wins and cancels
    /// the others, and once every branch has its status the fork's outcome is reported.
    fn settle(&mut self, now: Millis, call_id: &str, status: u16) {
        let Some(id) = self.calls.get(call_id).and_then(|c| c.fork) else { return };
        let Some(fork) = self.forks.get_mut(&id) else { return };
        let Some(i) = fork.calls.iter().position(|(c, ..)| c == call_id) else { return };
        if fork.calls[i].2.is_some() {
            return;
        }
        fork.calls[i].2 = Some(status);
        let mut losers = Vec::new();
        if (200..300).contains(&status) && fork.answered.is_none() {
            fork.answered = Some(i);
            losers = fork.calls.iter().filter(|(.., s)| s.is_none()).map(|(c, ..)| c.clone()).collect();
        }
        for loser in losers {
            self.cancel(now, &loser);
        }
        let Some(fork) = self.forks.get(&id) else { return };
        if fork.calls.iter().all(|(.., s)| s.is_some()) {
            let fork = self.forks.remove(&id).expect("looked up above");
            let winner = fork.answered.map(|i| fork.calls[i].clone());
            let branches = fork
                .calls
                .into_iter()
                .map(|(call_id, expert, status)| ForkBranch { expert, call_id, status: status.unwrap_or(0) })
                .collect();
            let origin = self.calls.get(call_id).map(|c| c.origin.clone()).unwrap_or_default();
            let (call_id, expert) = winner.map(|(c, e, _)| (c, e)).unwrap_or_default();
            let answered_by = (!expert.is_empty()).then(|| expert.clone());
            self.out.push_back(UacOutput::Event(Box::new(CallEvent {
                kind: CallEventKind::Forked { answered_by, branches },
                call_id,
                expert,
                origin,
            })));
        }
    }

    /// Reports a call that could not even be placed (no expert for the hazard, ...).
    pub fn fail_unplaced(&mut self, origin: Origin, expert: &str, status: u16, reason: String) {
        self.out.push_back(UacOutput::Event(Box::new(CallEvent {
            kind: CallEventKind::Failed { status, reason },
            call_id: String::new(),
            expert: expert.into(),
            origin,
        })));
    }

    pub fn handle_packet(&mut self, now: Millis, bytes: &[u8]) {
        let Ok(msg) = message::parse(bytes) else { return };
        let (Some(code), Some(call_id)) = (msg.status(), msg.call_id().map(str::to_owned)) else {
            // Requests to us (a BYE from the expert, say): answer 200 and end the call.
            if let (Some("BYE"), Some(call_id)) = (msg.method(), msg.call_id().map(str::to_owned)) {
                self.remote_bye(now, &call_id, &msg);
            }
            return;
        };
        let method = msg.cseq().map(|c| c.1.to_owned()).unwrap_or_default();
        let Some(call) = self.calls.get_mut(&call_id) else { return };
        match (method.as_str(), code) {
            ("INVITE", 100..=199) if call.phase == Phase::Inviting => {
                call.provisional = true;
                call.retransmit = None;
                if call.cancel.is_none() {
                    call.deadline = now + TIMER_C;
                }
                if call.cancel_pending {
                    self.cancel(now, &call_id);
                }
                let Some(call) = self.calls.get_mut(&call_id) else { return };
                let first_trying = !call.trying_sent;
                call.trying_sent = true;
                let ringing = (180..=183).contains(&code) && !call.ringing_sent;
                if ringing {
                    call.ringing_sent = true;
                }
                if first_trying {
                    self.event(&call_id, CallEventKind::Trying);
                }
                if ringing {
                    self.event(&call_id, CallEventKind::Ringing);
                }
            }
            ("CANCEL", 200..=699) => {
                // Our CANCEL was received: Timer E stops; the INVITE's 487 ends the call.
                if let Some(sent) = call.cancel.as_mut() {
                    sent.retransmit = None;
                }
            }
            ("INVITE", 200..=299) => {
                if call.phase == Phase::Inviting {
                    let via = self.transport.via_name();
                    let tag = call_id.split('@').next().unwrap_or("");
                    let ack =
                        request_in_dialog(&call.invite, &msg, "ACK", 1, &format!("z9hG4bK{tag}a"), via, &self.local);
                    let bye =
                        request_in_dialog(&call.invite, &msg, "BYE", 2, &format!("z9hG4bK{tag}b"), via, &self.local);
                    call.ack = Some(ack.to_bytes());
                    call.bye = Some(bye.to_bytes());
                    call.phase = Phase::Answered;
                    call.retransmit = None;
                    call.answered_at = now;
                    call.deadline = now + TRANSACTION_TIMEOUT + self.hold_ms;
                    let setup_ms = now - call.started;
                    self.out.push_back(UacOutput::Transmit { bytes: ack.to_bytes() });
                    let lost = call.fork.and_then(|f| self.forks.get(&f)).is_some_and(|f| f.answered.is_some());
                    let Some(call) = self.calls.get_mut(&call_id) else { return };
                    if lost {
                        // Another expert answered first; this one's 200 crossed our CANCEL.
                        call.hang_up_at = Some(now);
                        call.quiet = true;
                        let reason = "answered after another expert had: hung up".into();
                        self.event(&call_id, CallEventKind::Failed { status: code, reason });
                    } else {
                        call.hang_up_at = Some(now + self.hold_ms);
                        self.event(&call_id, CallEventKind::Answered { setup_ms });
                    }
                    self.settle(now, &call_id, code);
                } else if let Some(ack) = call.ack.clone() {
                    // A retransmitted 2xx: our ACK was lost.
                    self.out.push_back(UacOutput::Transmit { bytes: ack });
                }
            }
            ("INVITE", 300..=699) if call.phase == Phase::Inviting => {
                // A non-2xx ACK is hop-by-hop: same Request-URI, branch and route as the INVITE.
                let ack = call.invite.hop_by_hop("ACK", msg.header("To").unwrap_or(""));
                self.out.push_back(UacOutput::Transmit { bytes: ack.to_bytes() });
                call.phase = Phase::Done;
                call.retransmit = None;
                call.deadline = now;
                let reason = match &msg.start {
                    StartLine::Response { reason, .. } => reason.clone(),
                    _ => String::new(),
                };
                let why = msg.header("Warning").map(|w| format!("{reason} ({w})")).unwrap_or(reason);
                let (code, why) = if call.rang_out {
                    (408, format!("Request Timeout (rang for {} s unanswered; cancelled)", TIMER_C / 1000))
                } else {
                    (code, why)
                };
                self.event(&call_id, CallEventKind::Failed { status: code, reason: why });
                self.settle(now, &call_id, code);
            }
            ("BYE", 200..=699) if call.phase == Phase::Hanging => {
                call.phase = Phase::Done;
                call.retransmit = None;
                call.deadline = now;
                let duration_ms = now - call.answered_at;
                if !call.quiet {
                    self.event(&call_id, CallEventKind::Ended { duration_ms });
                }
            }
            _ => {}
        }
    }

    fn remote_bye(&mut self, now: Millis, call_id: &str, bye: &SipMessage) {
        let ok = bye.reply(200, "OK");
        self.out.push_back(UacOutput::Transmit { bytes: ok.to_bytes() });
        if let Some(call) = self.calls.get_mut(call_id) {
            if matches!(call.phase, Phase::Answered | Phase::Hanging) {
                call.phase = Phase::Done;
                call.hang_up_at = None;
                call.retransmit = None;
                call.deadline = now;
                let duration_ms = now - call.answered_at;
                if !call.quiet {
                    self.event(call_id, CallEventKind::Ended { duration_ms });
                }
            }
        }
    }

    pub fn handle_timeout(&mut self, now: Millis) {
        let mut events = Vec::new();
        let mut forget = Vec::new();
        let mut settled = Vec::new();
        let mut rang_out = Vec::new();
        let reliable = self.reliable;
        for (id, c) in self.calls.iter_mut() {
            if now >= c.deadline && c.phase == Phase::Inviting && c.provisional && c.cancel.is_none() {
                rang_out.push(id.clone());
                continue;
            }
            if c.phase == Phase::Done {
                if now >= c.deadline {
                    forget.push(id.clone());
                }
                continue;
            }
            if c.hang_up_at.is_some_and(|t| now >= t) && c.phase == Phase::Answered {
                c.hang_up_at = None;
                c.phase = Phase::Hanging;
                if let Some(bye) = c.bye.clone() {
                    self.out.push_back(UacOutput::Transmit { bytes: bye });
                }
                c.retransmit = (!reliable).then_some((now + T1, T1));
                c.deadline = now + TRANSACTION_TIMEOUT;
                continue;
            }
            if now >= c.deadline {
                c.phase = Phase::Done;
                c.retransmit = None;
                let kind = if c.answered_at > 0 {
                    CallEventKind::Ended { duration_ms: now - c.answered_at }
                } else if c.rang_out {
                    settled.push((id.clone(), 408));
                    let reason = format!("Request Timeout (rang for {} s unanswered; cancelled)", TIMER_C / 1000);
                    CallEventKind::Failed { status: 408, reason }
                } else if c.cancel.is_some() {
                    settled.push((id.clone(), 487));
                    let reason = "Request Terminated (no final response within 64*T1 of our CANCEL)".into();
                    CallEventKind::Failed { status: 487, reason }
                } else {
                    settled.push((id.clone(), 408));
                    CallEventKind::Failed { status: 408, reason: "Request Timeout (no final response)".into() }
                };
                if !c.quiet {
                    events.push((id.clone(), kind));
                }
                continue;
            }
            if let Some(sent) = c.cancel.as_mut() {
                if let Some((_, interval)) = sent.retransmit.filter(|(at, _)| now >= *at) {
                    // Timer E for our CANCEL: doubling, capped at T2.
                    self.out.push_back(UacOutput::Transmit { bytes: sent.bytes.clone() });
                    let next = (interval * 2).min(T2);
                    sent.retransmit = Some((now + next, next));
                }
            }
            if let Some((at, interval)) = c.retransmit {
                if now >= at {
                    let bytes = if c.phase == Phase::Hanging { c.bye.clone() } else { Some(c.invite_bytes.clone()) };
                    if let Some(b) = bytes {
                        self.out.push_back(UacOutput::Transmit { bytes: b });
                    }
                    let next = if c.phase == Phase::Inviting { interval * 2 } else { (interval * 2).min(T2) };
                    c.retransmit = Some((now + next, next));
                }
            }
        }
        for (id, kind) in events {
            self.event(&id, kind);
        }
        for (id, status) in settled {
            self.settle(now, &id, status);
        }
        for id in forget {
            self.calls.remove(&id);
        }
        // Rang for Timer C: cancelled, its 487 reported as the timeout it is.
        for id in rang_out {
            if let Some(c) = self.calls.get_mut(&id) {
                c.rang_out = true;
            }
            self.cancel(now, &id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::HazardType;

    const LOCAL: &str = "127.0.0.1:5070";
    const EXPERT: &str = "sip:legal@127.0.0.1:5090";

    fn uac(hold_ms: Millis) -> Uac {
        let key = SecretKey::from_seed("if://agent/scanner", [3; 32]).unwrap();
        Uac::new(LOCAL.parse().unwrap(), key, hold_ms, 1_800_000_000_000)
    }

    fn call(tag: usize) -> CallRequest {
        CallRequest {
            origin: Origin { trace_id: Some(format!("{tag:012x}")), ..Origin::default() },
            experts: vec![EXPERT.into()],
            hazard: HazardHeader { kind: HazardType::Legal, severity: None, auto_escalate: false },
            trace_id: Some("0123456789ab".into()),
            subject: "clause 4.2".into(),
        }
    }

    /// Drains outputs into parsed messages and event kinds.
    fn drain(u: &mut Uac) -> (Vec<SipMessage>, Vec<CallEventKind>) {
        let (mut sent, mut events) = (Vec::new(), Vec::new());
        while let Some(o) = u.poll_output() {
            match o {
                UacOutput::Transmit { bytes } => sent.push(message::parse(&bytes).unwrap()),
                UacOutput::Event(e) => {
                    assert_eq!((e.expert.as_str(), e.origin.trace_id.as_deref()), (EXPERT, Some("000000000007")));
                    events.push(e.kind);
                }
            }
        }
        (sent, events)
    }

    /// A response from the expert's side: To tag, and Contact and Record-Route when answering.
    fn respond(to: &SipMessage, code: u16, reason: &str) -> Vec<u8> {
        let mut r = to.reply(code, reason);
        if code > 100 {
            r.headers.iter_mut().filter(|h| h.name == "To").for_each(|h| h.value.push_str(";tag=x1"));
        }
        if (200..300).contains(&code) && to.method() == Some("INVITE") {
            let h = |name: &str, value: &str| message::Header { name: name.into(), value: value.into() };
            r.headers.push(h("Record-Route", "<sip:127.0.0.1:5060;lr>"));
            r.headers.push(h("Contact", "<sip:legal@127.0.0.1:5090>"));
        }
        r.to_bytes()
    }

    /// Outputs with the fake-clock time they came at.
    type Timed<T> = Vec<(Millis, T)>;

    /// Steps the fake clock through every deadline up to `until`.
    fn run_timers(u: &mut Uac, until: Millis) -> (Timed<SipMessage>, Timed<CallEventKind>) {
        let (mut sent, mut events) = (Vec::new(), Vec::new());
        while let Some(now) = u.poll_timeout().filter(|t| *t <= until) {
            u.handle_timeout(now);
            let (s, e) = drain(u);
            sent.extend(s.into_iter().map(|m| (now, m)));
            events.extend(e.into_iter().map(|k| (now, k)));
        }
        (sent, events)
    }

    fn started(u: &mut Uac) -> SipMessage {
        u.start(0, call(7));
        let (mut sent, events) = drain(u);
        assert!(events.is_empty());
        assert_eq!(sent.len(), 1);
        let invite = sent.remove(0);
        assert_eq!((invite.method(), invite.uri()), (Some("INVITE"), Some(EXPERT)));
        assert_eq!(invite.header("X-IF-Hazard"), Some("legal"));
        assert!(invite.header("X-IF-Signature").is_some_and(|s| s.contains("agent=if://agent/scanner")));
        assert_eq!(u.active(), 1);
        invite
    }

    #[test]
    fn answered_call_is_acked_held_and_hung_up() {
        let mut u = uac(1_000);
        let invite = started(&mut u);
        // Timer A until the first provisional.
        let (sent, _) = run_timers(&mut u, 600);
        assert_eq!(sent.iter().map(|(t, m)| (*t, m.method())).collect::<Vec<_>>(), [(500, Some("INVITE"))]);
        u.handle_packet(600, &respond(&invite, 100, "Trying"));
        u.handle_packet(700, &respond(&invite, 180, "Ringing"));
        assert_eq!(drain(&mut u), (vec![], vec![CallEventKind::Trying, CallEventKind::Ringing]));
        let (sent, _) = run_timers(&mut u, 1_000);
        assert!(sent.is_empty(), "no retransmission after a provisional");

        u.handle_packet(1_000, &respond(&invite, 200, "OK"));
        let (sent, events) = drain(&mut u);
        assert_eq!(events, [CallEventKind::Answered { setup_ms: 1_000 }]);
        let ack = &sent[0];
        assert_eq!((sent.len(), ack.method(), ack.uri()), (1, Some("ACK"), Some(EXPERT)), "ACK to the Contact");
        assert_eq!(ack.cseq(), Some((1, "ACK")));
        assert_eq!(ack.header("Route"), Some("<sip:127.0.0.1:5060;lr>"));
        assert!(ack.header("To").unwrap().ends_with(";tag=x1"));

        // Hold for hold_ms, then BYE in the dialog.
        let (sent, events) = run_timers(&mut u, 2_000);
        assert!(events.is_empty());
        let (at, bye) = &sent[0];
        assert_eq!((sent.len(), *at, bye.method(), bye.cseq()), (1, 2_000, Some("BYE"), Some((2, "BYE"))));
        u.handle_packet(2_100, &respond(bye, 200, "OK"));
        let (sent, events) = drain(&mut u);
        assert!(sent.is_empty());
        assert_eq!(events, [CallEventKind::Ended { duration_ms: 1_100 }]);
        assert_eq!(u.active(), 0);
        run_timers(&mut u, 2_100);
        assert_eq!(u.poll_timeout(), None, "the finished call is forgotten");
    }

    #[test]
    fn refused_call_is_acked_and_fails_with_its_status() {
        let mut u = uac(1_000);
        let invite = started(&mut u);
        u.handle_packet(50, &respond(&invite, 100, "Trying"));
        let mut refusal = message::parse(&respond(&invite, 403, "Forbidden")).unwrap();
        refusal.headers.push(message::Header {
            name: "Warning".into(),
            value: "399 127.0.0.1:5060 \"signature gate: no X-IF-Signature header\"".into(),
        });
        u.handle_packet(80, &refusal.to_bytes());
        let (sent, events) = drain(&mut u);
        assert_eq!(
            events,
            [
                CallEventKind::Trying,
                CallEventKind::Failed {
                    status: 403,
                    reason: "Forbidden (399 127.0.0.1:5060 \"signature gate: no X-IF-Signature header\")".into()
                }
            ]
        );
        // §17.1.1.3: the ACK of a non-2xx goes hop by hop, in the INVITE's transaction.
        let ack = &sent[0];
        assert_eq!((sent.len(), ack.method(), ack.uri()), (1, Some("ACK"), Some(EXPERT)));
        assert_eq!(ack.cseq(), Some((1, "ACK")));
        assert_eq!(ack.top_via().unwrap().branch(), invite.top_via().unwrap().branch());
        assert!(ack.header("To").unwrap().ends_with(";tag=x1"));
        assert_eq!(u.active(), 0);
        let (sent, events) = run_timers(&mut u, 40_000);
        assert!(sent.is_empty() && events.is_empty(), "no retransmission, no second event");
    }

    #[test]
    fn unanswered_call_is_retransmitted_then_fails_with_408() {
        let mut u = uac(1_000);
        started(&mut u);
        let (sent, events) = run_timers(&mut u, 40_000);
        assert!(sent.iter().all(|(_, m)| m.method() == Some("INVITE")));
        // Timer A doubles from T1 until Timer B at 64*T1.
        assert_eq!(sent.iter().map(|(t, _)| *t).collect::<Vec<_>>(), [500, 1_500, 3_500, 7_500, 15_500, 31_500]);
        assert_eq!(
            events,
            [(32_000, CallEventKind::Failed { status: 408, reason: "Request Timeout (no final response)".into() })]
        );
        assert_eq!((u.active(), u.poll_timeout()), (0, None));
    }

    #[test]
    fn a_ringing_call_rings_for_timer_c_not_32_s_then_is_cancelled_as_a_timeout() {
        let mut u = uac(1_000);
        let invite = started(&mut u);
        u.handle_packet(100, &respond(&invite, 180, "Ringing"));
        drain(&mut u);
        // A person may take a while: nothing happens at 32 s.
        let (sent, events) = run_timers(&mut u, 100 + TIMER_C - 1);
        assert!(sent.is_empty() && events.is_empty(), "{sent:?} {events:?}");
        // Timer C: CANCEL, and the expert's 487 is reported as the timeout it is.
        let (sent, events) = run_timers(&mut u, 100 + TIMER_C);
        assert_eq!(sent.iter().map(|(t, m)| (*t, m.method())).collect::<Vec<_>>(), [(100 + TIMER_C, Some("CANCEL"))]);
        assert!(events.is_empty());
        u.handle_packet(100 + TIMER_C + 10, &respond(&sent[0].1, 200, "OK"));
        u.handle_packet(100 + TIMER_C + 20, &respond(&invite, 487, "Request Terminated"));
        let (sent, events) = drain(&mut u);
        assert_eq!(sent.iter().map(|m| m.method()).collect::<Vec<_>>(), [Some("ACK")]);
        assert_eq!(
            events,
            [CallEventKind::Failed {
                status: 408,
                reason: "Request Timeout (rang for 181 s unanswered; cancelled)".into()
            }]
        );
    }

    #[test]
    fn remote_bye_ends_the_call_and_is_answered() {
        let mut u = uac(10_000);
        let invite = started(&mut u);
        u.handle_packet(100, &respond(&invite, 200, "OK"));
        let (_, events) = drain(&mut u);
        assert_eq!(events, [CallEventKind::Answered { setup_ms: 100 }]);
        let call_id = invite.call_id().unwrap();
        let bye = format!(
            "BYE sip:scanner@{LOCAL} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bKx1\r\n\
             From: <{EXPERT}>;tag=x1\r\nTo: {}\r\nCall-ID: {call_id}\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n",
            invite.header("From").unwrap()
        );
        u.handle_packet(3_100, bye.as_bytes());
        let (sent, events) = drain(&mut u);
        assert_eq!(events, [CallEventKind::Ended { duration_ms: 3_000 }]);
        assert_eq!((sent.len(), sent[0].status(), sent[0].cseq()), (1, Some(200), Some((1, "BYE"))));
        assert_eq!(u.active(), 0);
        let (sent, events) = run_timers(&mut u, 20_000);
        assert!(sent.is_empty() && events.is_empty(), "no BYE of our own after the hold time");
    }

    const EXPERTS: [&str; 3] = ["sip:legal@127.0.0.1:5090", "sip:legal2@127.0.0.1:5091", "sip:legal3@127.0.0.1:5092"];

    /// Drains outputs into parsed messages and (expert, event kind) pairs.
    fn drain_fork(u: &mut Uac) -> (Vec<SipMessage>, Vec<(String, CallEventKind)>) {
        let (mut sent, mut events) = (Vec::new(), Vec::new());
        while let Some(o) = u.poll_output() {
            match o {
                UacOutput::Transmit { bytes } => sent.push(message::parse(&bytes).unwrap()),
                UacOutput::Event(e) => events.push((e.expert, e.kind)),
            }
        }
        (sent, events)
    }

    /// Steps the fake clock through every deadline up to `until`, for forked calls.
    fn run_timers_fork(u: &mut Uac, until: Millis) -> (Timed<SipMessage>, Timed<(String, CallEventKind)>) {
        let (mut sent, mut events) = (Vec::new(), Vec::new());
        while let Some(now) = u.poll_timeout().filter(|t| *t <= until) {
            u.handle_timeout(now);
            let (s, e) = drain_fork(u);
            sent.extend(s.into_iter().map(|m| (now, m)));
            events.extend(e.into_iter().map(|k| (now, k)));
        }
        (sent, events)
    }

    /// An escalation forked to the first `n` of [`EXPERTS`]: the INVITEs, one per expert.
    fn forked(u: &mut Uac, n: usize) -> Vec<SipMessage> {
        u.start(0, CallRequest { experts: EXPERTS[..n].iter().map(|e| e.to_string()).collect(), ..call(7) });
        let (sent, events) = drain_fork(u);
        assert!(events.is_empty());
        assert_eq!(sent.iter().map(|m| m.uri().unwrap()).collect::<Vec<_>>(), EXPERTS[..n]);
        let call_ids: std::collections::HashSet<_> = sent.iter().map(|m| m.call_id().unwrap()).collect();
        assert_eq!(call_ids.len(), n, "one call each");
        assert_eq!(u.active(), n);
        sent
    }

    fn what(sent: &[SipMessage]) -> Vec<(String, String)> {
        sent.iter().map(|m| (m.uri().unwrap_or("").to_owned(), m.method().unwrap_or("").to_owned())).collect()
    }

    /// Who answered a fork, and each branch's (expert, status).
    type Outcome = (Option<String>, Vec<(String, u16)>);

    fn fork_of(events: &[(String, CallEventKind)]) -> Option<Outcome> {
        events.iter().find_map(|(_, k)| match k {
            CallEventKind::Forked { answered_by, branches } => {
                Some((answered_by.clone(), branches.iter().map(|b| (b.expert.clone(), b.status)).collect()))
            }
            _ => None,
        })
    }

    #[test]
    fn forked_escalation_first_answer_wins_and_the_others_are_cancelled_each_when_allowed() {
        let mut u = uac(1_000);
        let inv = forked(&mut u, 3);
        u.handle_packet(10, &respond(&inv[0], 180, "Ringing"));
        u.handle_packet(11, &respond(&inv[1], 180, "Ringing"));
        drain_fork(&mut u);
        u.handle_packet(20, &respond(&inv[0], 200, "OK"));
        let (sent, events) = drain_fork(&mut u);
        // The ACK to the winner, a CANCEL to the one ringing; the silent one is not cancelled yet.
        assert_eq!(what(&sent), [(EXPERTS[0].into(), "ACK".into()), (EXPERTS[1].into(), "CANCEL".into())]);
        assert_eq!(
            sent[1].top_via().unwrap().branch(),
            inv[1].top_via().unwrap().branch(),
            "§9.1: the INVITE's branch"
        );
        assert_eq!(events, [(EXPERTS[0].to_owned(), CallEventKind::Answered { setup_ms: 20 })]);
        // The third rings now: its CANCEL goes at once.
        u.handle_packet(30, &respond(&inv[2], 100, "Trying"));
        let (sent, _) = drain_fork(&mut u);
        assert_eq!(what(&sent), [(EXPERTS[2].into(), "CANCEL".into())]);
        let cancel = sent[0].clone();
        // Unanswered, our CANCEL is retransmitted on Timer E; its 200 stops that.
        let (sent, _) = run_timers_fork(&mut u, 530);
        let at = |(t, m): &(Millis, SipMessage)| (*t, m.uri().unwrap().to_owned(), m.method().unwrap().to_owned());
        let resent: Vec<_> = sent.iter().map(at).collect();
        assert_eq!(resent, [(520, EXPERTS[1].into(), "CANCEL".into()), (530, EXPERTS[2].into(), "CANCEL".into())]);
        u.handle_packet(540, &respond(&cancel, 200, "OK"));
        u.handle_packet(541, &respond(&inv[1], 487, "Request Terminated"));
        let (sent, events) = drain_fork(&mut u);
        assert_eq!(what(&sent), [(EXPERTS[1].into(), "ACK".into())]);
        let failed = CallEventKind::Failed { status: 487, reason: "Request Terminated".into() };
        assert_eq!(events, [(EXPERTS[1].to_owned(), failed.clone())]);
        u.handle_packet(542, &respond(&inv[2], 487, "Request Terminated"));
        let (_, events) = drain_fork(&mut u);
        assert_eq!(events[0], (EXPERTS[2].to_owned(), failed));
        let statuses = vec![(EXPERTS[0].to_owned(), 200), (EXPERTS[1].to_owned(), 487), (EXPERTS[2].to_owned(), 487)];
        assert_eq!(fork_of(&events), Some((Some(EXPERTS[0].to_owned()), statuses)));
        assert_eq!(events[1].0, EXPERTS[0], "the fork's event names the expert who answered");
        let (sent, _) = run_timers_fork(&mut u, 1_500);
        assert!(sent.iter().all(|(_, m)| m.method() != Some("CANCEL")), "no retransmission after its 200");
        assert_eq!(u.active(), 1, "the answered call holds until its BYE");
    }

    #[test]
    fn forked_escalation_nobody_answers_and_the_fork_says_what_each_got() {
        let mut u = uac(1_000);
        let inv = forked(&mut u, 2);
        u.handle_packet(10, &respond(&inv[0], 486, "Busy Here"));
        let (sent, events) = drain_fork(&mut u);
        assert_eq!(what(&sent), [(EXPERTS[0].into(), "ACK".into())]);
        assert_eq!(events.len(), 1);
        // The second never answers: Timer B at 64*T1 ends it, and with it the fork.
        let (_, events) = run_timers_fork(&mut u, 40_000);
        let events: Vec<(Millis, CallEventKind)> = events.into_iter().map(|(t, (_, k))| (t, k)).collect();
        let kinds: Vec<&CallEventKind> = events.iter().map(|(_, k)| k).collect();
        assert_eq!(
            kinds[0],
            &CallEventKind::Failed { status: 408, reason: "Request Timeout (no final response)".into() }
        );
        assert_eq!(events.iter().map(|(t, _)| *t).collect::<Vec<_>>(), [32_000, 32_000]);
        let forked = events.iter().find_map(|(_, k)| match k {
            CallEventKind::Forked { answered_by, branches } => Some((answered_by.clone(), branches.clone())),
            _ => None,
        });
        let (answered_by, branches) = forked.expect("call.forked");
        assert_eq!(answered_by, None);
        assert_eq!(
            branches.iter().map(|b| (b.expert.as_str(), b.status)).collect::<Vec<_>>(),
            [(EXPERTS[0], 486), (EXPERTS[1], 408)]
        );
        assert_eq!(u.active(), 0);
    }

    #[test]
    fn forked_escalation_a_second_answer_is_acked_and_hung_up_at_once() {
        let mut u = uac(10_000);
        let inv = forked(&mut u, 2);
        u.handle_packet(10, &respond(&inv[0], 180, "Ringing"));
        u.handle_packet(11, &respond(&inv[1], 180, "Ringing"));
        u.handle_packet(20, &respond(&inv[0], 200, "OK"));
        drain_fork(&mut u);
        // The second expert answered before our CANCEL reached it.
        let mut late = message::parse(&respond(&inv[1], 200, "OK")).unwrap();
        late.headers.iter_mut().filter(|h| h.name == "Contact").for_each(|h| h.value = format!("<{}>", EXPERTS[1]));
        u.handle_packet(25, &late.to_bytes());
        let (sent, events) = drain_fork(&mut u);
        assert_eq!(what(&sent), [(EXPERTS[1].into(), "ACK".into())]);
        let reason = "answered after another expert had: hung up".to_owned();
        assert_eq!(events[0], (EXPERTS[1].to_owned(), CallEventKind::Failed { status: 200, reason }));
        let statuses = vec![(EXPERTS[0].to_owned(), 200), (EXPERTS[1].to_owned(), 200)];
        assert_eq!(fork_of(&events), Some((Some(EXPERTS[0].to_owned()), statuses)));
        // Its BYE goes at once; the winner's call holds for hold_ms.
        let (sent, _) = run_timers_fork(&mut u, 25);
        assert_eq!(
            sent.iter().map(|(t, m)| (*t, m.uri().unwrap(), m.method())).collect::<Vec<_>>(),
            [(25, EXPERTS[1], Some("BYE"))]
        );
        u.handle_packet(30, &respond(&sent[0].1, 200, "OK"));
        let (_, events) = drain_fork(&mut u);
        assert!(events.is_empty(), "no call.ended for the call hung up: {events:?}");
        assert_eq!(u.active(), 1);
    }
}
