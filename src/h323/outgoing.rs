//! One outgoing call (the caller's side of H.225.0 call signalling, with fastStart), as a pure
//! state machine: what the SIP–H.323 gateway needs to call the council's MCU, and the MCU to
//! call out on a controller's `invite` (`super::mcu_leg`). The incoming side is [`super::call`].
//! Octets and time go in (`handle_bytes`, `handle_timeout`), so does the caller's decision to
//! hang up (`release`); octets to write and the call's progress come out (`poll_output`); no
//! sockets, threads or clock.
//!
//! ```text
//! new ── Setup [fastStart: G.711 both ways, each law asked for] ──▶
//!      ◀── CallProceeding, Alerting (either may carry the accepted fastStart)
//!      ◀── Connect [fastStart accepted] ──▶ Connected { law, remote RTP }
//!      ◀─▶ ReleaseComplete, either way ──▶ Released
//! ```
//!
//! Only fastStart is offered (h245Tunnelling false, no h245Address): a callee that answers
//! without accepting a proposal is released (`undefinedReason`, "fastStart not accepted"), as
//! the gateway has no H.245 procedures of its own. StatusInquiry is answered with Status.

use super::h245::{self, G711};
use super::q931::{self, ie, kind, Body, Signal, Tpkt, Q931};
use super::ras::{self, CallIdentifier, ConferenceIdentifier, OctetString};
use super::requests;
use super::timer::{CALL_ANSWER_WAIT, CALL_PROCEEDING_WAIT};
use crate::time::Millis;
use h323_asn1::h225::{
    CallType, DisplayName, EndpointIdentifier, H323UserInformation, NonStandardIdentifier, NonStandardParameter,
    ReleaseCompleteUUIE, SetupUUIE, SetupUUIEConferenceGoal, StatusUUIE, H323UUPDU,
};
use serde::Serialize;
use std::collections::VecDeque;
use std::net::SocketAddr;

/// Q.931 call states (Q.931 4.5.7) of the calling side, for Status.
const STATE_CALL_INITIATED: u8 = 1;
const STATE_OUTGOING_PROCEEDING: u8 = 3;
const STATE_CALL_DELIVERED: u8 = 4;
const STATE_ACTIVE: u8 = 10;
/// Q.850 cause 30: response to STATUS ENQUIRY.
const CAUSE_STATUS_RESPONSE: u8 = 30;
/// Bearer capability of an H.323 call (H.225.0 7.2.2.1): unrestricted digital information,
/// circuit mode 64 kbit/s, layer 1 H.221.
const BEARER_CAPABILITY: [u8; 3] = [0x88, 0x90, 0xa5];

/// What the Setup says and proposes.
#[derive(Clone, Debug)]
pub struct OutgoingConfig {
    /// Our h323-ID (sourceAddress) and the alias called (destinationAddress).
    pub source_alias: String,
    pub destination: String,
    /// The Q.931 Display IE: who is calling, for the callee's records.
    pub display: Option<String>,
    /// The endpointIdentifier the gatekeeper gave us.
    pub endpoint_id: Option<String>,
    /// The call's and conference's identifiers: those of the ARQ the gatekeeper admitted.
    pub call_id: [u8; 16],
    pub conference_id: [u8; 16],
    pub crv: u16,
    /// The call description (a signed IFMessage) for the H323-UU-PDU's nonStandardData.
    pub description: Option<Vec<u8>>,
    /// G.711 laws to propose, in preference order, and where we receive RTP and RTCP.
    pub laws: Vec<G711>,
    pub rtp: SocketAddr,
    pub rtcp: SocketAddr,
    pub max_frame: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutgoingState {
    /// Setup sent, nothing back yet.
    Calling,
    /// CallProceeding received.
    Proceeding,
    /// Alerting received.
    Alerting,
    Connected,
    Released,
}

/// Who ended the call, and why (a ReleaseCompleteReason's ASN.1 name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutgoingRelease {
    /// `local`, `remote`, or `closed` (the connection ended without a ReleaseComplete).
    pub by: &'static str,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Whether the call was connected before it ended.
    pub was_connected: bool,
}

#[derive(Debug, PartialEq)]
pub enum OutgoingOutput {
    /// Octets to write to the connection (one TPKT).
    Transmit(Vec<u8>),
    Proceeding,
    Alerting,
    /// Connected with the accepted fastStart: send RTP in `law` to `rtp`.
    Connected {
        law: G711,
        rtp: SocketAddr,
        rtcp: Option<SocketAddr>,
    },
    /// The call is over; close the connection once what was transmitted is written.
    Released(OutgoingRelease),
    /// Something received was wrong and passed over.
    Dropped(String),
}

pub struct OutgoingCall {
    config: OutgoingConfig,
    state: OutgoingState,
    framer: Tpkt,
    /// The accepted fastStart, from whichever message carried it first.
    accepted: Option<(G711, SocketAddr, Option<SocketAddr>)>,
    deadline: Option<Millis>,
    outputs: VecDeque<OutgoingOutput>,
}

impl OutgoingCall {
    /// A call on a connection open at `now`: the Setup goes out at once; CallProceeding (or
    /// more) is awaited [`CALL_PROCEEDING_WAIT`], then the Connect [`CALL_ANSWER_WAIT`].
    pub fn new(now: Millis, config: OutgoingConfig) -> Self {
        let mut call = OutgoingCall {
            framer: Tpkt::new(config.max_frame),
            config,
            state: OutgoingState::Calling,
            accepted: None,
            deadline: Some(now + CALL_PROCEEDING_WAIT),
            outputs: VecDeque::new(),
        };
        call.send_setup();
        call
    }

    pub fn state(&self) -> OutgoingState {
        self.state
    }

    pub fn poll_output(&mut self) -> Option<OutgoingOutput> {
        self.outputs.pop_front()
    }

    pub fn poll_timeout(&self) -> Option<Millis> {
        self.deadline
    }

    pub fn handle_timeout(&mut self, now: Millis) {
        if self.deadline.is_none_or(|d| d > now) {
            return;
        }
        self.deadline = None;
        let detail = match self.state {
            OutgoingState::Calling => "no CallProceeding in time",
            OutgoingState::Proceeding | OutgoingState::Alerting => "no Connect in time",
            _ => return,
        };
        self.release(now, "unreachableDestination", Some(detail.into()));
    }

    /// Octets from the connection.
    pub fn handle_bytes(&mut self, now: Millis, bytes: &[u8]) {
        if self.state == OutgoingState::Released {
            return;
        }
        self.framer.push(bytes);
        loop {
            match self.framer.next_frame() {
                Ok(Some(frame)) => self.handle_frame(now, &frame),
                Ok(None) => break,
                Err(e) => {
                    self.release(now, "undefinedReason", Some(e.to_string()));
                    break;
                }
            }
            if self.state == OutgoingState::Released {
                break;
            }
        }
    }

    /// The connection closed (or failed) under the call.
    pub fn handle_closed(&mut self, _now: Millis) {
        if self.state != OutgoingState::Released {
            self.end("closed", "undefinedReason".into(), None, Some("connection closed".into()));
        }
    }

    /// Ends the call from our side: ReleaseComplete with `reason` (a ReleaseCompleteReason's
    /// ASN.1 name).
    pub fn release(&mut self, _now: Millis, reason: &str, detail: Option<String>) {
        if self.state == OutgoingState::Released {
            return;
        }
        let rc = ReleaseCompleteUUIE::new(
            ras::protocol_identifier(),
            Some(super::call::release_reason(reason)),
            Some(self.call_identifier()),
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
        let cause = super::call::cause_of(reason);
        let mut q = Q931::new(self.config.crv, false, kind::RELEASE_COMPLETE);
        q.set_cause(cause);
        self.send(q, Body::releaseComplete(rc));
        self.end("local", reason.to_owned(), Some(cause), detail);
    }

    fn end(&mut self, by: &'static str, reason: String, cause: Option<u8>, detail: Option<String>) {
        let was_connected = self.state == OutgoingState::Connected;
        self.state = OutgoingState::Released;
        self.deadline = None;
        self.outputs.push_back(OutgoingOutput::Released(OutgoingRelease { by, reason, cause, detail, was_connected }));
    }

    fn handle_frame(&mut self, now: Millis, frame: &[u8]) {
        let signal = match Signal::parse(frame) {
            Ok(s) => s,
            Err(e) => return self.outputs.push_back(OutgoingOutput::Dropped(e.to_string())),
        };
        let q = &signal.q931;
        if q.crv != self.config.crv || !q.from_answerer {
            let d = format!("{q}: not this call's (crv {})", self.config.crv);
            return self.outputs.push_back(OutgoingOutput::Dropped(d));
        }
        let fast_start = match signal.body() {
            Some(Body::callProceeding(b)) => b.fast_start.as_deref(),
            Some(Body::alerting(b)) => b.fast_start.as_deref(),
            Some(Body::connect(b)) => b.fast_start.as_deref(),
            _ => None,
        };
        if self.accepted.is_none() {
            self.accepted = fast_start.and_then(h245::fast_start_accepted);
        }
        let connected = self.state == OutgoingState::Connected;
        match q.message_type {
            kind::CALL_PROCEEDING if self.state == OutgoingState::Calling => {
                self.state = OutgoingState::Proceeding;
                self.deadline = Some(now + CALL_ANSWER_WAIT);
                self.outputs.push_back(OutgoingOutput::Proceeding);
            }
            kind::ALERTING if matches!(self.state, OutgoingState::Calling | OutgoingState::Proceeding) => {
                self.state = OutgoingState::Alerting;
                self.deadline = Some(now + CALL_ANSWER_WAIT);
                self.outputs.push_back(OutgoingOutput::Alerting);
            }
            kind::CONNECT if !connected => match self.accepted {
                Some((law, rtp, rtcp)) => {
                    self.state = OutgoingState::Connected;
                    self.deadline = None;
                    self.outputs.push_back(OutgoingOutput::Connected { law, rtp, rtcp });
                }
                None => self.release(now, "undefinedReason", Some("fastStart not accepted".into())),
            },
            kind::RELEASE_COMPLETE => {
                let reason = match signal.body() {
                    Some(Body::releaseComplete(rc)) => {
                        rc.reason.as_ref().map_or("undefinedReason", ras::reject_reason_name).to_owned()
                    }
                    _ => "undefinedReason".into(),
                };
                let cause = q.cause();
                self.end("remote", reason, cause, None);
            }
            kind::STATUS_INQUIRY => {
                let state = match self.state {
                    OutgoingState::Calling => STATE_CALL_INITIATED,
                    OutgoingState::Proceeding => STATE_OUTGOING_PROCEEDING,
                    OutgoingState::Alerting => STATE_CALL_DELIVERED,
                    _ => STATE_ACTIVE,
                };
                self.send_status(state);
            }
            kind::CALL_PROCEEDING
            | kind::ALERTING
            | kind::CONNECT
            | kind::FACILITY
            | kind::STATUS
            | kind::PROGRESS
            | kind::INFORMATION
            | kind::NOTIFY => {}
            other => self.outputs.push_back(OutgoingOutput::Dropped(format!("{} ignored", q931::kind_name(other)))),
        }
    }

    fn call_identifier(&self) -> CallIdentifier {
        CallIdentifier::new(ras::to_guid(self.config.call_id))
    }

    fn send_setup(&mut self) {
        let c = &self.config;
        let fast_start = match h245::fast_start_proposals(&c.laws, c.rtp, c.rtcp) {
            Ok(f) => f,
            Err(e) => {
                self.outputs.push_back(OutgoingOutput::Dropped(format!("cannot propose fastStart: {e}")));
                Vec::new()
            }
        };
        let mut source = requests::endpoint_type(false);
        source.vendor = Some(requests::vendor());
        source.gateway = None;
        let setup = SetupUUIE::new(
            ras::protocol_identifier(),
            None,
            Some(vec![ras::h323_id(&c.source_alias)]),
            source,
            Some(vec![ras::h323_id(&c.destination)]),
            None,
            None,
            None,
            false,
            ConferenceIdentifier(ras::to_guid(c.conference_id)),
            SetupUUIEConferenceGoal::join(()),
            None,
            CallType::pointToPoint(()),
            None,
            None,
            Some(self.call_identifier()),
            None,
            None,
            None,
            Some(fast_start),
            Some(false),
            Some(false),
            c.endpoint_id.as_deref().map(|e| EndpointIdentifier(ras::bmp(e))),
            Some(false),
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
            None,
            None,
            None,
            c.display.as_deref().map(|d| vec![DisplayName { language: None, name: ras::bmp(&truncate(d, 80)) }]),
        );
        let mut q = Q931::new(c.crv, false, kind::SETUP);
        q.set_ie(ie::BEARER_CAPABILITY, BEARER_CAPABILITY.to_vec());
        if let Some(d) = &c.display {
            q.set_ie(ie::DISPLAY, truncate(d, 80).into_bytes());
        }
        let description = c.description.as_ref().map(|d| {
            NonStandardParameter::new(
                NonStandardIdentifier::object(ras::oid(super::token::DESCRIPTION_OID)),
                OctetString::from(d.clone()),
            )
        });
        self.send_with(q, Body::setup(setup), description);
    }

    fn send_status(&mut self, state: u8) {
        let status = StatusUUIE::new(ras::protocol_identifier(), self.call_identifier(), None, None);
        let mut q = Q931::new(self.config.crv, false, kind::STATUS);
        q.set_cause(CAUSE_STATUS_RESPONSE);
        q.set_ie(ie::CALL_STATE, vec![state]);
        self.send(q, Body::status(status));
    }

    fn send(&mut self, q: Q931, body: Body) {
        self.send_with(q, body, None)
    }

    fn send_with(&mut self, q: Q931, body: Body, non_standard: Option<NonStandardParameter>) {
        let pdu = H323UUPDU::new(body, non_standard, None, Some(false), None, None, None, None, None, None, None);
        let signal = Signal { q931: q, uu: Some(H323UserInformation::new(pdu, None)) };
        match signal.encode() {
            Ok(bytes) => self.outputs.push_back(OutgoingOutput::Transmit(bytes)),
            Err(e) => self.outputs.push_back(OutgoingOutput::Dropped(format!("cannot send: {e}"))),
        }
    }
}

/// At most `n` characters of `s`, printable ASCII (the Display IE is IA5).
fn truncate(s: &str, n: usize) -> String {
    s.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').take(n).collect()
}

#[cfg(test)]
#[path = "outgoing_tests.rs"]
mod tests;
