//! The gateway's calls as one pure state machine: for each call, its SIP leg (a user-agent
//! server for the INVITE that came through `if-sip`), its H.323 leg (admission through the RAS
//! [`Endpoint`], then an [`OutgoingCall`] to the MCU) and the media between them. Packets, octets
//! and time go in (`handle_sip`, `handle_ras`, `handle_h323`, `handle_rtp`, `handle_timeout`,
//! and the driver's answers `media_opened`, `h323_connected`, `h323_failed`); packets, octets,
//! sockets to open and records come out (`poll_output`); no sockets, threads or clock.
//!
//! ```text
//! SIP  INVITE ─▶ 100 ─────────────────────────── 180 ───────── 200 (SDP answer) ◀─ ACK
//! RAS        └─▶ ARQ [call description] ─▶ ACF
//! H.323                     OpenMedia, Connect ─▶ Setup [fastStart] ◀─ Proceeding, Alerting, Connect
//! ```
//! BYE or CANCEL from SIP: ReleaseComplete, DRQ (CANCEL: 487 for the INVITE). ReleaseComplete
//! from the MCU (a kick): BYE, DRQ; before the answer, the SIP status of [`super::status`]. An ARJ:
//! that table's status. Media: each RTP packet is relayed as it comes (no jitter buffer: the
//! far end has its own), the payload type rewritten and the payload transcoded when the two
//! legs' G.711 laws differ.

use super::events::{GwEvent, GwRecord, Leg};
use super::status;
use crate::h323::endpoint::{CallId, CallRequest, Endpoint, EndpointOutput, EndpointRecord, Outcome, Step};
use crate::h323::gate::Descriptions;
use crate::h323::h245::G711;
use crate::h323::outgoing::{OutgoingCall, OutgoingConfig, OutgoingOutput, OutgoingRelease};
use crate::keys::TrustStore;
use crate::media::g711::Law;
use crate::media::rtp;
use crate::message::Hazard;
use crate::sip::message::{self, Header, SipMessage, StartLine};
use crate::sip::sdp::{self, AudioOffer};
use crate::sip::timer::{T1, T2, T4, TRANSACTION_TIMEOUT};
use crate::sip::xif::{self, HazardHeader};
use crate::time::Millis;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;

/// A call's number in the gateway (its sockets and connection are named by it).
pub type GwCallId = u64;

/// What a call description is made from: the SIP INVITE's X-IF headers, as checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Description {
    pub trace_id: String,
    pub hazard: Option<Hazard>,
    /// The agent whose X-IF-Signature verified.
    pub signer: Option<String>,
    pub sip_call_id: String,
    pub from: String,
    pub subject: Option<String>,
}

/// Makes the signed IFMessage (its JSON, one line) that describes a call to the gatekeeper and
/// the MCU. Given by the tool, which holds the key: the core signs nothing itself.
pub type Describer = Box<dyn FnMut(&Description) -> Vec<u8> + Send>;

#[derive(Clone, Debug)]
pub struct GatewayConfig {
    /// Our SIP address (Contact, the Via of our BYE).
    pub sip_local: SocketAddr,
    /// The alias called at the gatekeeper (the council's).
    pub destination: String,
    /// Where the Setup goes when the ACF names no call signalling address (or to override it).
    pub mcu: Option<SocketAddr>,
    /// Calls at once; beyond, INVITEs are answered 503.
    pub max_calls: usize,
    /// Bandwidth asked for per call, in 100 bit/s (1280: G.711 both ways).
    pub bandwidth: u32,
    /// For X-IF-Signature: trusted keys, the allowed clock skew and the Unix time at monotonic 0.
    pub trust: TrustStore,
    pub max_skew_ms: i64,
    pub wall_clock_offset_ms: i64,
    pub max_frame: usize,
    /// H.323 aliases registered for SIP experts, and the URI each is called at.
    pub callouts: Vec<CalloutRoute>,
    /// Where the INVITEs of the council's calls go (`if-sip`); without, to the URI's host.
    pub sip_next_hop: Option<SocketAddr>,
}

/// Which leg a media socket belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Sip,
    H323,
}

/// A call's media sockets, as the driver bound them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MediaAddrs {
    /// Where the SIP side sends us RTP (our SDP answer names it).
    pub sip_rtp: SocketAddr,
    /// Where the MCU sends us RTP and RTCP (our fastStart proposals name them).
    pub h323_rtp: SocketAddr,
    pub h323_rtcp: SocketAddr,
}

#[derive(Debug)]
pub enum GwOutput {
    Sip {
        to: SocketAddr,
        bytes: Vec<u8>,
    },
    Ras {
        to: SocketAddr,
        bytes: Vec<u8>,
    },
    /// Bind the call's media sockets and answer with `media_opened` (or `h323_failed`).
    OpenMedia {
        call: GwCallId,
    },
    /// Connect to the MCU's call signalling address; answer `h323_connected` or `h323_failed`.
    Connect {
        call: GwCallId,
        to: SocketAddr,
    },
    H323Write {
        call: GwCallId,
        bytes: Vec<u8>,
    },
    /// Close the call's connection (after what was written) and its media sockets.
    Close {
        call: GwCallId,
    },
    /// An RTP packet out of the call's socket on `side`.
    Rtp {
        call: GwCallId,
        side: Side,
        to: SocketAddr,
        bytes: Vec<u8>,
    },
    Event(Box<GwEvent>),
    Dropped {
        from: String,
        reason: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SipState {
    /// INVITE received, no final response yet.
    Proceeding,
    /// 2xx sent, waiting for the ACK (sent again on Timer G's schedule).
    Answered,
    Confirmed,
    /// Non-2xx final sent, waiting for the ACK.
    Refused,
    /// Our BYE sent, waiting for its answer.
    Hanging,
    Done,
}

struct Call {
    sip_call_id: String,
    invite: SipMessage,
    /// Where the INVITE came from (the proxy): responses and our BYE go there.
    peer: SocketAddr,
    to_tag: String,
    /// The last response to the INVITE, for its retransmissions.
    response: Option<Vec<u8>>,
    sip: SipState,
    /// When the response (or our BYE) is sent again, and the interval.
    retransmit: Option<(Millis, Millis)>,
    /// Timer H / the 2xx's 64*T1 / Timer F for our BYE; a Done call's forgetting.
    give_up: Option<Millis>,
    bye: Option<Vec<u8>>,
    offer: AudioOffer,
    sip_law: Law,
    h323_law: Option<Law>,
    /// The H.323 call's identifier once its ARQ is out; `disengaged` once its DRQ is.
    ras: Option<CallId>,
    disengaged: bool,
    h323: Option<OutgoingCall>,
    /// The H.323 leg is over (or never started): no more ReleaseComplete to send.
    h323_done: bool,
    /// Where the MCU receives RTP (the accepted fastStart).
    h323_remote: Option<SocketAddr>,
    media: Option<MediaAddrs>,
    description: Option<Vec<u8>>,
    describe: Description,
    answered_at: Option<Millis>,
    relayed: [u64; 2],
}

pub struct Gateway {
    config: GatewayConfig,
    endpoint: Endpoint,
    describer: Describer,
    calls: HashMap<GwCallId, Call>,
    /// The calls the council places (H.323 to SIP).
    callouts: HashMap<GwCallId, callout::Callout>,
    /// Both directions' calls by SIP Call-ID, and by H.323 call identifier.
    by_sip: HashMap<String, GwCallId>,
    by_ras: HashMap<CallId, GwCallId>,
    next_call: GwCallId,
    admitting: bool,
    outputs: VecDeque<GwOutput>,
    /// The call descriptions of the council's Setups, verified once each.
    descriptions: Descriptions,
    sip_signer: Option<SipSigner>,
}

/// The G.711 law of an RTP payload type we take.
fn law_of(pt: u8) -> Option<Law> {
    Law::from_payload_type(pt)
}

fn h245_law(law: Law) -> G711 {
    match law {
        Law::Ulaw => G711::Ulaw,
        Law::Alaw => G711::Alaw,
    }
}

fn media_law(law: G711) -> Law {
    match law {
        G711::Ulaw => Law::Ulaw,
        G711::Alaw => Law::Alaw,
    }
}

/// The first 12 hex digits of the SHA-256 of `call_id` (`xif::trace_id_of`'s rule for a call
/// without a trace id), also the seed of our To tag.
fn trace_of_call_id(call_id: &str) -> String {
    hex::encode(Sha256::digest(call_id.as_bytes()))[..12].to_owned()
}

fn hazard_of(h: &HazardHeader) -> Hazard {
    Hazard { kind: Some(h.kind), severity: h.severity, auto_escalate: Some(h.auto_escalate), ..Hazard::default() }
}

impl Gateway {
    /// A gateway whose RAS `endpoint` (not yet started) admits its calls.
    pub fn new(config: GatewayConfig, endpoint: Endpoint, describer: Describer) -> Self {
        Gateway {
            config,
            endpoint,
            describer,
            calls: HashMap::new(),
            callouts: HashMap::new(),
            by_sip: HashMap::new(),
            by_ras: HashMap::new(),
            next_call: 0,
            admitting: true,
            outputs: VecDeque::new(),
            descriptions: Descriptions::new(256),
            sip_signer: None,
        }
    }

    /// Discovers the gatekeeper and registers.
    pub fn start(&mut self, now: Millis) {
        self.endpoint.start(now);
        self.pump_ras(now);
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// New INVITEs are answered 503 from now on (audit loss); calls under way go on.
    pub fn stop_admitting(&mut self) {
        self.admitting = false;
    }

    /// Calls not yet over (their SIP leg not done or their H.323 leg not released).
    pub fn in_flight(&self) -> usize {
        let calls = self.calls.values().filter(|c| c.sip != SipState::Done || !c.h323_done).count();
        calls + self.callouts.values().filter(|c| !c.is_over()).count()
    }

    pub fn poll_output(&mut self) -> Option<GwOutput> {
        self.outputs.pop_front()
    }

    pub fn poll_timeout(&self) -> Option<Millis> {
        let calls = self
            .calls
            .values()
            .flat_map(|c| [c.retransmit.map(|r| r.0), c.give_up, c.h323.as_ref().and_then(|h| h.poll_timeout())]);
        let callouts = self.callouts.values().flat_map(Gateway::callout_timeout).map(Some);
        calls.chain(callouts).chain([self.endpoint.poll_timeout()]).flatten().min()
    }

    pub fn handle_timeout(&mut self, now: Millis) {
        self.endpoint.handle_timeout(now);
        self.pump_ras(now);
        let ids: Vec<GwCallId> = self.calls.keys().copied().collect();
        for id in ids {
            if let Some(h) = self.calls.get_mut(&id).and_then(|c| c.h323.as_mut()) {
                h.handle_timeout(now);
            }
            self.pump_h323(now, id);
            self.sip_timers(now, id);
        }
        let ids: Vec<GwCallId> = self.callouts.keys().copied().collect();
        for id in ids {
            self.callout_timers(now, id);
        }
    }

    fn sip_timers(&mut self, now: Millis, id: GwCallId) {
        let Some(c) = self.calls.get_mut(&id) else { return };
        if c.sip == SipState::Done {
            if c.give_up.is_some_and(|t| t <= now) {
                // Never kept for an H.323 leg still up (none is: each SIP ending releases it).
                self.release_h323(now, id, "undefinedReason", None);
                self.forget(id);
            }
            return;
        }
        if c.give_up.is_some_and(|t| t <= now) {
            match c.sip {
                // No ACK for our 2xx (§13.3.1.4): the dialog is confirmed and then ended.
                SipState::Answered => {
                    self.record(now, id, Leg::Sip, "ack_timeout", |_| {});
                    self.send_bye(now, id);
                    self.release_h323(now, id, "undefinedReason", Some("no ACK for the 200 OK".into()));
                }
                SipState::Refused | SipState::Hanging => self.sip_done(now, id),
                _ => {}
            }
            return;
        }
        if let Some((_, interval)) = c.retransmit.filter(|r| r.0 <= now) {
            let bytes = if c.sip == SipState::Hanging { c.bye.clone() } else { c.response.clone() };
            let next = (interval * 2).min(T2);
            c.retransmit = Some((now + next, next));
            if let Some(bytes) = bytes {
                self.outputs.push_back(GwOutput::Sip { to: c.peer, bytes });
            }
        }
    }

    /// The SIP leg is over: forgotten after T4 once the H.323 leg is too (retransmissions
    /// absorbed meanwhile).
    fn sip_done(&mut self, now: Millis, id: GwCallId) {
        if let Some(c) = self.calls.get_mut(&id) {
            c.sip = SipState::Done;
            c.retransmit = None;
            c.give_up = Some(now + T4);
        }
    }

    fn forget(&mut self, id: GwCallId) {
        if let Some(c) = self.calls.remove(&id) {
            self.by_sip.remove(&c.sip_call_id);
            if let Some(r) = c.ras {
                self.by_ras.remove(&r);
            }
        }
    }

    // SIP.

    /// A datagram from the SIP side.
    pub fn handle_sip(&mut self, now: Millis, from: SocketAddr, bytes: &[u8]) {
        let msg = match message::parse(bytes) {
            Ok(m) => m,
            Err(e) => return self.drop_packet(from, format!("SIP: {e}")),
        };
        let Some(call_id) = msg.call_id().map(str::to_owned) else {
            return self.drop_packet(from, "SIP: no Call-ID".into());
        };
        let known = self.by_sip.get(&call_id).copied();
        if let Some(id) = known.filter(|id| self.callouts.contains_key(id)) {
            return self.callout_sip(now, from, id, msg);
        }
        if let Some(code) = msg.status() {
            // Only our BYE expects an answer.
            if let Some(id) = known {
                let c = self.calls.get_mut(&id).expect("indexed");
                if msg.cseq().map(|c| c.1) == Some("BYE") && code >= 200 && c.sip == SipState::Hanging {
                    self.record(now, id, Leg::Sip, "bye_answered", |r| r.status = Some(code));
                    self.sip_done(now, id);
                }
            }
            return;
        }
        let method = msg.method().unwrap_or("").to_owned();
        match (method.as_str(), known) {
            ("INVITE", None) => self.new_invite(now, from, msg, call_id),
            ("INVITE", Some(id)) if message::tag(msg.header("To").unwrap_or("")).is_some() => {
                // A re-INVITE (hold, another codec): not taken; the session goes on as it was.
                let tag = self.calls[&id].to_tag.clone();
                self.reply(from, &msg, 488, "Not Acceptable Here (re-INVITE not supported)", Some(&tag));
            }
            ("INVITE", Some(id)) => {
                // A retransmission: the last response again.
                let c = &self.calls[&id];
                if let Some(r) = c.response.clone() {
                    self.outputs.push_back(GwOutput::Sip { to: c.peer, bytes: r });
                }
            }
            ("ACK", Some(id)) => self.ack(now, id),
            ("ACK", None) => {}
            ("CANCEL", Some(id)) => self.cancel(now, from, id, &msg),
            ("BYE", Some(id)) => self.bye(now, from, id, &msg),
            ("CANCEL" | "BYE", None) => self.reply(from, &msg, 481, "Call/Transaction Does Not Exist", None),
            ("OPTIONS", _) => self.reply(from, &msg, 200, "OK", None),
            _ => self.reply(from, &msg, 501, "Not Implemented", None),
        }
    }

    fn drop_packet(&mut self, from: SocketAddr, reason: String) {
        self.outputs.push_back(GwOutput::Dropped { from: from.to_string(), reason });
    }

    fn reply(&mut self, to: SocketAddr, req: &SipMessage, code: u16, reason: &str, tag: Option<&str>) {
        let r = response(req, code, reason, tag);
        self.outputs.push_back(GwOutput::Sip { to, bytes: r.to_bytes() });
    }

    fn new_invite(&mut self, now: Millis, from: SocketAddr, invite: SipMessage, call_id: String) {
        if message::tag(invite.header("To").unwrap_or("")).is_some() {
            // A re-INVITE for a dialog we do not have.
            return self.reply(from, &invite, 481, "Call/Transaction Does Not Exist", None);
        }
        if !self.admitting {
            return self.reply(from, &invite, 503, "Service Unavailable (audit trail unavailable)", None);
        }
        if self.calls.len() + self.callouts.len() >= self.config.max_calls {
            return self.reply(from, &invite, 503, "Service Unavailable (too many calls)", None);
        }
        let Some(offer) = sdp::audio_offer(&invite.body) else {
            return self.reply(from, &invite, 488, "Not Acceptable Here (no audio offer)", None);
        };
        let Some(sip_law) = offer.payload_types.iter().find_map(|&pt| law_of(pt)) else {
            return self.reply(from, &invite, 488, "Not Acceptable Here (neither PCMU nor PCMA offered)", None);
        };
        let trace_id = xif::trace_id_of(&invite).unwrap_or_else(|| trace_of_call_id(&call_id));
        let hazard = invite.header("X-IF-Hazard").and_then(|h| HazardHeader::parse(h).ok()).map(|h| hazard_of(&h));
        let verified = xif::verify(
            &invite,
            &self.config.trust,
            now as i64 + self.config.wall_clock_offset_ms,
            self.config.max_skew_ms,
        );
        let (signer, signature_error) = match verified {
            Ok(agent) => (Some(agent), None),
            Err(e) => (None, Some(e.to_string())),
        };
        let describe = Description {
            trace_id,
            hazard,
            signer,
            sip_call_id: call_id.clone(),
            from: invite.header("From").unwrap_or("").to_owned(),
            subject: invite.header("Subject").map(str::to_owned),
        };
        self.next_call += 1;
        let id = self.next_call;
        let to_tag = format!("gw{}", &trace_of_call_id(&format!("{call_id}/{id}"))[..8]);
        let trying = response(&invite, 100, "Trying", None).to_bytes();
        self.outputs.push_back(GwOutput::Sip { to: from, bytes: trying.clone() });
        let description = (self.describer)(&describe);
        self.calls.insert(
            id,
            Call {
                sip_call_id: call_id.clone(),
                invite,
                peer: from,
                to_tag,
                response: Some(trying),
                sip: SipState::Proceeding,
                retransmit: None,
                give_up: None,
                bye: None,
                offer,
                sip_law,
                h323_law: None,
                ras: None,
                disengaged: false,
                h323: None,
                h323_done: false,
                h323_remote: None,
                media: None,
                description: Some(description.clone()),
                describe,
                answered_at: None,
                relayed: [0, 0],
            },
        );
        self.by_sip.insert(call_id, id);
        self.record(now, id, Leg::Sip, "invite", |r| r.signature_error = signature_error);
        let c = &self.calls[&id];
        let request = CallRequest {
            destination: Some(self.config.destination.clone()),
            bandwidth: self.config.bandwidth,
            description: Some(description),
            answering: None,
            trace_id: Some(c.describe.trace_id.clone()),
            hazard: c.describe.hazard.clone(),
            conversation_id: None,
        };
        match self.endpoint.admit(now, request) {
            Ok(ras) => {
                self.calls.get_mut(&id).expect("inserted").ras = Some(ras);
                self.by_ras.insert(ras, id);
            }
            Err(e) => {
                self.calls.get_mut(&id).expect("inserted").h323_done = true;
                self.final_response(now, id, 503, "Service Unavailable", Some(format!("gatekeeper: {e}")));
            }
        }
        self.pump_ras(now);
    }

    /// A final response to the INVITE: 2xx with our SDP answer, or a refusal; sent again until
    /// the ACK (Timer G), given up after 64*T1 (Timer H).
    fn final_response(&mut self, now: Millis, id: GwCallId, code: u16, reason: &str, detail: Option<String>) {
        let local = self.config.sip_local;
        let Some(c) = self.calls.get_mut(&id) else { return };
        if c.sip != SipState::Proceeding {
            return;
        }
        let mut r = response(&c.invite, code, reason, Some(&c.to_tag));
        if (200..300).contains(&code) {
            // §12.1.1: the dialog's route set, and where to reach us.
            for rr in c.invite.header_values("Record-Route") {
                r.headers.push(Header { name: "Record-Route".into(), value: rr.to_owned() });
            }
            r.headers.push(Header { name: "Contact".into(), value: format!("<sip:gateway@{local}>") });
            if let Some(m) = c.media {
                r.headers.push(Header { name: "Content-Type".into(), value: "application/sdp".into() });
                r.body = sdp::audio_answer(id, m.sip_rtp, c.sip_law.payload_type()).into_bytes();
            }
            c.sip = SipState::Answered;
            c.answered_at = Some(now);
        } else {
            if let Some(d) = &detail {
                let w = format!("399 {local} \"{}\"", d.replace('"', "'"));
                r.headers.push(Header { name: "Warning".into(), value: w });
            }
            c.sip = SipState::Refused;
        }
        let bytes = r.to_bytes();
        c.response = Some(bytes.clone());
        c.retransmit = Some((now + T1, T1));
        c.give_up = Some(now + TRANSACTION_TIMEOUT);
        let peer = c.peer;
        self.outputs.push_back(GwOutput::Sip { to: peer, bytes });
        let step = if (200..300).contains(&code) { "answered" } else { "refused" };
        let answer = (200..300).contains(&code).then(|| r.body.clone());
        self.record(now, id, Leg::Sip, step, |rec| {
            rec.status = Some(code);
            rec.reason = Some(reason.to_owned());
            rec.detail = detail;
            rec.answer = answer.and_then(|a| sdp::summarise_sdp(&a));
        });
    }

    fn provisional(&mut self, id: GwCallId, code: u16, reason: &str) {
        let Some(c) = self.calls.get_mut(&id) else { return };
        if c.sip != SipState::Proceeding {
            return;
        }
        let bytes = response(&c.invite, code, reason, Some(&c.to_tag)).to_bytes();
        c.response = Some(bytes.clone());
        self.outputs.push_back(GwOutput::Sip { to: c.peer, bytes });
    }

    fn ack(&mut self, now: Millis, id: GwCallId) {
        let c = self.calls.get_mut(&id).expect("indexed");
        match c.sip {
            SipState::Answered => {
                c.sip = SipState::Confirmed;
                c.retransmit = None;
                c.give_up = None;
                self.record(now, id, Leg::Sip, "acked", |_| {});
            }
            SipState::Refused => self.sip_done(now, id),
            _ => {}
        }
    }

    fn cancel(&mut self, now: Millis, from: SocketAddr, id: GwCallId, cancel: &SipMessage) {
        self.reply(from, cancel, 200, "OK", None);
        if self.calls[&id].sip != SipState::Proceeding {
            return;
        }
        self.record(now, id, Leg::Sip, "cancelled", |_| {});
        self.final_response(now, id, 487, "Request Terminated", None);
        self.release_h323(now, id, "undefinedReason", Some("CANCEL from the SIP side".into()));
    }

    fn bye(&mut self, now: Millis, from: SocketAddr, id: GwCallId, bye: &SipMessage) {
        let tag = self.calls[&id].to_tag.clone();
        self.reply(from, bye, 200, "OK", Some(&tag));
        if matches!(self.calls[&id].sip, SipState::Done) {
            return;
        }
        let duration = self.calls[&id].answered_at.map(|a| now - a);
        self.record(now, id, Leg::Sip, "bye_received", |r| r.duration_ms = duration);
        self.sip_done(now, id);
        self.release_h323(now, id, "undefinedReason", Some("BYE from the SIP side".into()));
    }

    /// Our BYE in the dialog (§12.2.1.1: to the remote target, through the route set).
    fn send_bye(&mut self, now: Millis, id: GwCallId) {
        let local = self.config.sip_local;
        let Some(c) = self.calls.get_mut(&id) else { return };
        if !matches!(c.sip, SipState::Answered | SipState::Confirmed) {
            return;
        }
        let inv = &c.invite;
        let target = inv.header("Contact").map_or_else(|| inv.uri().unwrap_or(""), uri_of).to_owned();
        let mut m = SipMessage {
            start: StartLine::Request { method: "BYE".into(), uri: target },
            headers: vec![],
            body: vec![],
        };
        let h = |name: &str, value: String| Header { name: name.into(), value };
        let branch = format!("z9hG4bK{}b", &trace_of_call_id(&format!("{}/bye", c.sip_call_id))[..10]);
        m.headers.push(h("Via", format!("SIP/2.0/UDP {local};branch={branch};rport")));
        // The UAS's route set is the Record-Route as received, in order.
        for rr in inv.header_values("Record-Route") {
            m.headers.push(h("Route", rr.to_owned()));
        }
        m.headers.push(h("Max-Forwards", "70".into()));
        m.headers.push(h("From", format!("{};tag={}", inv.header("To").unwrap_or(""), c.to_tag)));
        m.headers.push(h("To", inv.header("From").unwrap_or("").to_owned()));
        m.headers.push(h("Call-ID", c.sip_call_id.clone()));
        m.headers.push(h("CSeq", "1 BYE".into()));
        if let Some(t) = inv.header("X-IF-Trace-ID") {
            m.headers.push(h("X-IF-Trace-ID", t.to_owned()));
        }
        let bytes = m.to_bytes();
        c.bye = Some(bytes.clone());
        c.sip = SipState::Hanging;
        c.retransmit = Some((now + T1, T1));
        c.give_up = Some(now + TRANSACTION_TIMEOUT);
        let peer = c.peer;
        self.outputs.push_back(GwOutput::Sip { to: peer, bytes });
        let duration = self.calls[&id].answered_at.map(|a| now - a);
        self.record(now, id, Leg::Sip, "bye_sent", |r| r.duration_ms = duration);
    }

    // RAS.

    /// A datagram on the RAS socket.
    pub fn handle_ras(&mut self, now: Millis, from: SocketAddr, bytes: &[u8]) {
        self.endpoint.handle_datagram(now, from, bytes);
        self.pump_ras(now);
    }

    fn pump_ras(&mut self, now: Millis) {
        while let Some(o) = self.endpoint.poll_output() {
            match o {
                EndpointOutput::Transmit { to, bytes } => self.outputs.push_back(GwOutput::Ras { to, bytes }),
                EndpointOutput::Dropped { from, reason } => self
                    .outputs
                    .push_back(GwOutput::Dropped { from: from.to_string(), reason: format!("RAS: {reason}") }),
                EndpointOutput::Event(record) => self.ras_record(now, *record),
            }
        }
    }

    fn ras_record(&mut self, now: Millis, record: EndpointRecord) {
        let id = record.call_id.and_then(|r| self.by_ras.get(&r).copied());
        let (step, outcome, reason) = (record.step, record.outcome, record.reason);
        let dest = record.dest_call_signal.as_deref().and_then(|d| d.parse::<SocketAddr>().ok());
        let sip_call_id = id.and_then(|id| self.calls.get(&id)).map(|c| c.sip_call_id.clone());
        let sip_call_id = sip_call_id.or_else(|| {
            let c = id.and_then(|id| self.callouts.get(&id))?;
            c.sip_call_id()
        });
        self.outputs.push_back(GwOutput::Event(Box::new(GwEvent::Ras { record, sip_call_id })));
        let Some(id) = id else { return };
        if self.callouts.contains_key(&id) {
            if step == Step::Admit {
                let unanswered = if outcome == Outcome::Unanswered { "unanswered" } else { "undefinedReason" };
                self.callout_admission(now, id, outcome == Outcome::Confirmed, reason.unwrap_or(unanswered));
            }
            return;
        }
        match (step, outcome) {
            (Step::Admit, Outcome::Confirmed) => {
                let Some(c) = self.calls.get_mut(&id) else { return };
                if c.sip != SipState::Proceeding {
                    // Cancelled while the ARQ was out: disengage what was admitted.
                    return self.release_h323(now, id, "undefinedReason", None);
                }
                match self.config.mcu.or(dest) {
                    Some(_) => self.outputs.push_back(GwOutput::OpenMedia { call: id }),
                    None => self.h323_failed(now, id, "the ACF names no call signalling address".into()),
                }
            }
            (Step::Admit, _) => {
                let reason =
                    reason.unwrap_or(if outcome == Outcome::Unanswered { "unanswered" } else { "undefinedReason" });
                if let Some(c) = self.calls.get_mut(&id) {
                    c.h323_done = true;
                    c.disengaged = true;
                }
                let (code, phrase) = status::for_admission_reject(reason);
                self.final_response(now, id, code, phrase, Some(format!("admission refused: {reason}")));
                self.sip_timers(now, id);
            }
            (Step::DisengagedByGatekeeper, _) => {
                if let Some(c) = self.calls.get_mut(&id) {
                    c.disengaged = true;
                }
                self.release_h323(now, id, "undefinedReason", Some("the gatekeeper disengaged the call".into()));
            }
            _ => {}
        }
    }

    // H.323.

    /// The driver bound the call's media sockets: connect to the MCU.
    pub fn media_opened(&mut self, now: Millis, id: GwCallId, media: MediaAddrs) {
        if self.callouts.contains_key(&id) {
            return self.callout_media_opened(now, id, media);
        }
        let Some(c) = self.calls.get_mut(&id) else { return };
        c.media = Some(media);
        let dest = c.ras.and_then(|r| self.endpoint.call(r)).and_then(|r| r.dest_call_signal);
        match self.config.mcu.or(dest) {
            Some(to) => self.outputs.push_back(GwOutput::Connect { call: id, to }),
            None => self.h323_failed(now, id, "no call signalling address".into()),
        }
    }

    /// The connection to the MCU is open: the Setup goes out.
    pub fn h323_connected(&mut self, now: Millis, id: GwCallId) {
        let alias = ALIAS.to_owned();
        let endpoint_id = self.endpoint.registration().map(|r| r.endpoint_id.clone());
        let destination = self.config.destination.clone();
        let max_frame = self.config.max_frame;
        let Some(ras) = self.calls.get(&id).and_then(|c| c.ras) else { return };
        let Some((conference_id, crv)) = self.endpoint.call(ras).map(|a| (a.conference_id, a.call_reference)) else {
            return;
        };
        let Some(c) = self.calls.get_mut(&id) else { return };
        let Some(media) = c.media else { return };
        let first = h245_law(c.sip_law);
        let other = if first == G711::Ulaw { G711::Alaw } else { G711::Ulaw };
        let config = OutgoingConfig {
            source_alias: alias,
            destination,
            // Who is calling, as the From URI (its display name and tag are not the MCU's business).
            display: Some(uri_of(&c.describe.from).chars().take(80).collect()),
            endpoint_id,
            call_id: ras.0,
            conference_id,
            crv,
            description: c.description.clone(),
            laws: vec![first, other],
            rtp: media.h323_rtp,
            rtcp: media.h323_rtcp,
            max_frame,
        };
        c.h323 = Some(OutgoingCall::new(now, config));
        self.record(now, id, Leg::H323, "setup", |_| {});
        self.pump_h323(now, id);
    }

    /// Opening the media sockets or the connection failed.
    pub fn h323_failed(&mut self, now: Millis, id: GwCallId, why: String) {
        if self.callouts.contains_key(&id) {
            return self.callout_failed(now, id, why);
        }
        self.record(now, id, Leg::H323, "connect_failed", |r| r.detail = Some(why.clone()));
        if let Some(c) = self.calls.get_mut(&id) {
            c.h323_done = true;
        }
        self.final_response(now, id, 502, "Bad Gateway", Some(why));
        self.disengage(now, id);
        self.outputs.push_back(GwOutput::Close { call: id });
    }

    /// Octets from the call's connection to the MCU.
    pub fn handle_h323(&mut self, now: Millis, id: GwCallId, bytes: &[u8]) {
        if self.callouts.contains_key(&id) {
            return self.callout_h323(now, id, Some(bytes));
        }
        if let Some(h) = self.calls.get_mut(&id).and_then(|c| c.h323.as_mut()) {
            h.handle_bytes(now, bytes);
        }
        self.pump_h323(now, id);
    }

    /// The call's connection to the MCU closed.
    pub fn h323_closed(&mut self, now: Millis, id: GwCallId) {
        if self.callouts.contains_key(&id) {
            return self.callout_h323(now, id, None);
        }
        if let Some(h) = self.calls.get_mut(&id).and_then(|c| c.h323.as_mut()) {
            h.handle_closed(now);
        }
        self.pump_h323(now, id);
    }

    fn pump_h323(&mut self, now: Millis, id: GwCallId) {
        loop {
            let Some(o) = self.calls.get_mut(&id).and_then(|c| c.h323.as_mut()).and_then(|h| h.poll_output()) else {
                return;
            };
            match o {
                OutgoingOutput::Transmit(bytes) => self.outputs.push_back(GwOutput::H323Write { call: id, bytes }),
                OutgoingOutput::Dropped(reason) => {
                    self.outputs.push_back(GwOutput::Dropped { from: format!("call {id} (H.323)"), reason })
                }
                OutgoingOutput::Proceeding => self.record(now, id, Leg::H323, "proceeding", |_| {}),
                OutgoingOutput::Alerting => {
                    self.record(now, id, Leg::H323, "alerting", |_| {});
                    self.provisional(id, 180, "Ringing");
                }
                OutgoingOutput::Connected { law, rtp, .. } => {
                    let c = self.calls.get_mut(&id).expect("pumped");
                    c.h323_remote = Some(rtp);
                    c.h323_law = Some(media_law(law));
                    let (sip_law, h323_law) = (c.sip_law, media_law(law));
                    self.record(now, id, Leg::H323, "connected", |r| {
                        r.sip_law = Some(sip_law);
                        r.h323_law = Some(h323_law);
                        r.transcoding = Some(sip_law != h323_law);
                    });
                    if self.calls[&id].sip == SipState::Proceeding {
                        self.final_response(now, id, 200, "OK", None);
                    } else {
                        // The SIP side gave up meanwhile.
                        self.release_h323(now, id, "undefinedReason", None);
                    }
                }
                OutgoingOutput::Released(release) => self.h323_released(now, id, release),
            }
        }
    }

    fn h323_released(&mut self, now: Millis, id: GwCallId, release: OutgoingRelease) {
        let relayed = self.calls.get(&id).map_or([0, 0], |c| c.relayed);
        let r2 = release.clone();
        self.record(now, id, Leg::H323, "released", move |r| {
            r.reason = Some(r2.reason.clone());
            r.by = Some(r2.by);
            r.cause = r2.cause;
            r.detail = r2.detail.clone();
            r.rtp_to_h323 = Some(relayed[0]);
            r.rtp_to_sip = Some(relayed[1]);
        });
        if let Some(c) = self.calls.get_mut(&id) {
            c.h323_done = true;
        }
        self.outputs.push_back(GwOutput::Close { call: id });
        self.disengage(now, id);
        let sip = self.calls.get(&id).map(|c| c.sip);
        match sip {
            Some(SipState::Proceeding) => {
                let (code, phrase) = match release.by {
                    "local" => (408, "Request Timeout"),
                    "closed" => (502, "Bad Gateway"),
                    _ => status::for_release(&release.reason),
                };
                let detail = format!("H.323 released: {}", release.reason);
                self.final_response(now, id, code, phrase, Some(detail));
            }
            Some(SipState::Answered | SipState::Confirmed) => self.send_bye(now, id),
            _ => {}
        }
    }

    /// Ends the H.323 leg from our side: ReleaseComplete if the call was set up (its release
    /// then disengages), else the DRQ (or the queued ARQ dropped).
    fn release_h323(&mut self, now: Millis, id: GwCallId, reason: &str, detail: Option<String>) {
        let Some(c) = self.calls.get_mut(&id) else { return };
        if c.h323_done {
            return;
        }
        match c.h323.as_mut() {
            Some(h) => {
                h.release(now, reason, detail);
                self.pump_h323(now, id);
            }
            None => {
                c.h323_done = true;
                self.outputs.push_back(GwOutput::Close { call: id });
                self.disengage(now, id);
            }
        }
    }

    /// The DRQ for an admitted call, once (an ARQ still queued is just dropped).
    fn disengage(&mut self, now: Millis, id: GwCallId) {
        let Some(c) = self.calls.get_mut(&id) else { return };
        let Some(ras) = c.ras.filter(|_| !c.disengaged) else { return };
        c.disengaged = true;
        let _ = self.endpoint.disengage(now, ras);
        self.pump_ras(now);
    }

    // Media.

    /// An RTP packet on the call's socket of `side`, from `from`.
    pub fn handle_rtp(&mut self, id: GwCallId, side: Side, from: SocketAddr, bytes: &[u8]) {
        if self.callouts.contains_key(&id) {
            return self.callout_rtp(id, side, from, bytes);
        }
        let Some(c) = self.calls.get_mut(&id) else { return };
        let (Some(h323), Some(h323_law)) = (c.h323_remote, c.h323_law) else { return };
        let ends = Relay { sip: c.offer.rtp, sip_law: c.sip_law, h323, h323_law };
        match relay(&ends, side, from, bytes) {
            Ok(Some((to_side, to, out))) => {
                c.relayed[usize::from(side == Side::H323)] += 1;
                self.outputs.push_back(GwOutput::Rtp { call: id, side: to_side, to, bytes: out });
            }
            Ok(None) => {}
            Err(reason) => self.drop_packet(from, format!("call {id}: {reason}")),
        }
    }

    // Records.

    fn record(&mut self, now: Millis, id: GwCallId, leg: Leg, step: &'static str, fill: impl FnOnce(&mut GwRecord)) {
        let Some(c) = self.calls.get(&id) else { return };
        let mut r = GwRecord::of(leg, step, id, now, &c.describe, c.ras.map(|r| r.to_string()));
        if step == "invite" {
            r.offer = sdp::summarise_sdp(&c.invite.body);
        }
        fill(&mut r);
        self.outputs.push_back(GwOutput::Event(Box::new(GwEvent::Call(r))));
    }
}

impl GwRecord {
    /// A step of call `id` at `now`, named and traced as its description says.
    fn of(
        leg: Leg,
        step: &'static str,
        id: GwCallId,
        now: Millis,
        d: &Description,
        h323_call_id: Option<String>,
    ) -> Self {
        GwRecord {
            leg,
            step,
            call: id,
            sip_call_id: d.sip_call_id.clone(),
            h323_call_id,
            at_ms: now,
            signer: d.signer.clone(),
            trace_id: d.trace_id.clone(),
            hazard: d.hazard.clone(),
            ..GwRecord::default()
        }
    }
}

/// A call's two media ends: where each side receives RTP, in which law.
struct Relay {
    sip: SocketAddr,
    sip_law: Law,
    h323: SocketAddr,
    h323_law: Law,
}

/// One RTP packet from `side` relayed to the other: the side, address and octets to send, none
/// for a payload the other leg did not agree to (comfort noise, DTMF events), or why it is
/// dropped. Transcoded between the laws when they differ; sequence, timestamp and SSRC kept.
fn relay(
    ends: &Relay,
    side: Side,
    from: SocketAddr,
    bytes: &[u8],
) -> Result<Option<(Side, SocketAddr, Vec<u8>)>, String> {
    let (to, out_side, from_law, to_law, expected) = match side {
        Side::Sip => (ends.h323, Side::H323, ends.sip_law, ends.h323_law, ends.sip.ip()),
        Side::H323 => (ends.sip, Side::Sip, ends.h323_law, ends.sip_law, ends.h323.ip()),
    };
    if from.ip() != expected {
        return Err("RTP from an unexpected host".into());
    }
    let p = rtp::parse(bytes).map_err(|e| format!("RTP: {e}"))?;
    if law_of(p.payload_type) != Some(from_law) {
        return Ok(None);
    }
    let out = if from_law == to_law {
        bytes.to_vec()
    } else {
        let pcm = from_law.decode_all(p.payload);
        rtp::build(p.marker, to_law.payload_type(), p.sequence, p.timestamp, p.ssrc, &to_law.encode_all(&pcm))
    };
    Ok(Some((out_side, to, out)))
}

/// The h323-ID the gateway registers and calls from.
pub const ALIAS: &str = "sip-gateway";

/// The URI of a From or Contact value (`"Name" <sip:a@b>;tag=x` gives `sip:a@b`).
fn uri_of(value: &str) -> &str {
    match value.split_once('<').and_then(|(_, r)| r.split_once('>')) {
        Some((uri, _)) => uri,
        None => value.split(';').next().unwrap_or(value).trim(),
    }
}

/// A response to `req` with `tag` on its To (none on a 100).
fn response(req: &SipMessage, code: u16, reason: &str, tag: Option<&str>) -> SipMessage {
    let mut r = req.reply(code, reason);
    if let Some(tag) = tag {
        for h in r.headers.iter_mut().filter(|h| h.name == "To") {
            if message::tag(&h.value).is_none() {
                h.value.push_str(&format!(";tag={tag}"));
            }
        }
    }
    if let Some(t) = req.header("X-IF-Trace-ID") {
        r.headers.push(Header { name: "X-IF-Trace-ID".into(), value: t.to_owned() });
    }
    r
}

#[path = "callout.rs"]
mod callout;
pub use callout::{CalloutRoute, SipSigner};

#[cfg(test)]
#[path = "gateway_tests.rs"]
mod tests;
