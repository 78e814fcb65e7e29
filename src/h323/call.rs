//! One incoming call at the MCU (H.225.0 call signalling on its TCP connection, with fastStart
//! or tunnelled H.245), as a pure state machine. Octets and time go in (`handle_bytes`,
//! `handle_timeout`), so do the MCU's decisions (`admitted`, `refused`, `release`); octets to
//! send, requests to the MCU and records come out (`poll_output`); no sockets, threads or clock.
//!
//! ```text
//! connection ── Setup ──▶ CallProceeding, Admit ──▶ (ACF) Connect [fastStart | TCS, MSD ack...]
//!                                             └──▶ (ARJ) ReleaseComplete with the reason
//! ```
//!
//! The Setup's fastStart is taken when it proposes G.711 both ways (the first of the configured
//! laws): the Connect carries the two accepted OLCs and media flows at once. Without fastStart,
//! H.245 is tunnelled (h245Control in the Connect, then in Facility messages with an `empty`
//! body): our terminalCapabilitySet in the Connect, their MSD acked (the MCU's terminal type
//! 190 makes it master), their TCS acked, their OLC acked with our RTP address, and once we know
//! what they receive, our OLC; its ack says where to send RTP. A call that neither takes fastStart
//! nor tunnels H.245 gets H.245 on a connection of its own: the MCU asks its driver for a
//! listening socket (`ListenH245`), the Connect names it (h245Address), and the same exchange runs
//! over it (`handle_h245_bytes`, `TransmitH245`), one TPKT a message.
//! StatusInquiry is answered with Status; ReleaseComplete ends the call either way.

use super::h245::{self, MultimediaSystemControlMessage as Msc, G711};
use super::q931::{self, ie, kind, Body, Signal, Tpkt, Q931};
use super::ras::{self, CallIdentifier, ConferenceIdentifier, OctetString, ReleaseCompleteReason};
use super::requests;
use super::timer::{CALL_ADMISSION_WAIT, CALL_RINGING_WAIT, CALL_SETUP_WAIT, END_SESSION_WAIT};
use crate::time::Millis;
use h323_asn1::h225::{
    AlertingUUIE, CallProceedingUUIE, ConnectUUIE, H323UserInformation, NonStandardIdentifier, ReleaseCompleteUUIE,
    StatusUUIE, H323UUPDU,
};
use serde::Serialize;
use std::collections::VecDeque;
use std::net::SocketAddr;

/// Q.931 call states (Q.931 4.5.7) for Status.
const STATE_INCOMING_PROCEEDING: u8 = 9;
const STATE_ACTIVE: u8 = 10;
const STATE_NULL: u8 = 0;
/// Q.850 cause 30: response to STATUS ENQUIRY.
const CAUSE_STATUS_RESPONSE: u8 = 30;

#[derive(Clone, Debug)]
pub struct CallConfig {
    /// G.711 laws in preference order: what fastStart takes, the TCS offers and our OLC uses.
    pub laws: Vec<G711>,
    /// The largest TPKT taken.
    pub max_frame: usize,
    /// Our h323-ID (connectedAddress).
    pub alias: String,
    /// How long a Setup waits for its admission decision (a gateway's: its far side's answer).
    pub admission_wait: Millis,
}

impl Default for CallConfig {
    fn default() -> Self {
        CallConfig {
            laws: vec![G711::Ulaw, G711::Alaw],
            max_frame: q931::DEFAULT_MAX_FRAME,
            alias: "council".into(),
            admission_wait: CALL_ADMISSION_WAIT,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallState {
    /// Connected, no Setup yet.
    AwaitingSetup,
    /// Setup received, CallProceeding sent, waiting for the MCU's admission.
    Admitting,
    Connected,
    Released,
}

/// What the Setup said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SetupInfo {
    pub crv: u16,
    pub call_id: String,
    pub conference_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_alias: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The alias called (the first of the Setup's destinationAddress).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_alias: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint_id: Option<String>,
    pub fast_start: bool,
    pub tunnelling: bool,
    /// The fastStart proposal taken: its law and where the caller receives RTP (what an
    /// external mixer is told to send to before the Connect).
    #[serde(skip)]
    pub fast_start_media: Option<(G711, SocketAddr)>,
    #[serde(skip)]
    pub call_id_raw: [u8; 16],
    #[serde(skip)]
    pub conference_id_raw: [u8; 16],
    /// The call description (a signed IFMessage) of the H323-UU-PDU's nonStandardData.
    #[serde(skip)]
    pub description: Option<Vec<u8>>,
}

/// Who ended a call, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Release {
    /// `local` or `remote`; `closed` when the connection ended without a ReleaseComplete.
    pub by: &'static str,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// What the call hands to its driver.
#[derive(Debug, PartialEq)]
pub enum CallOutput {
    /// Octets to write to the connection (one TPKT).
    Transmit(Vec<u8>),
    /// A Setup to admit (the MCU asks the gatekeeper): answer with `admitted` or `refused`.
    Admit(Box<SetupInfo>),
    /// Media from the caller arrives in `law` (their channel to us is open).
    Receiving { law: G711 },
    /// Send RTP in `law` to `rtp`, and RTCP to `rtcp`.
    Sending { law: G711, rtp: SocketAddr, rtcp: Option<SocketAddr> },
    /// Connected: the Connect went out.
    Connected { fast_start: bool, law: Option<G711> },
    /// The call is over; close the connection once what was transmitted is written.
    Released(Release),
    /// Listen for the call's H.245 connection and call `h245_listening` with the address.
    ListenH245,
    /// Octets for the H.245 connection (one TPKT).
    TransmitH245(Vec<u8>),
    /// Something received was wrong and passed over.
    Dropped(String),
    /// An H.245 message received (its name).
    H245(String),
}

/// The tunnelled H.245 session's progress.
#[derive(Debug, Default)]
struct H245 {
    started: bool,
    their_laws: Option<Vec<G711>>,
    our_tcs_acked: bool,
    decided: bool,
    our_olc_sent: bool,
    /// Their RTCP address, from their OLC.
    their_rtcp: Option<SocketAddr>,
}

pub struct IncomingCall {
    config: CallConfig,
    state: CallState,
    framer: Tpkt,
    setup: Option<SetupInfo>,
    crv: u16,
    tunnelling: bool,
    fast_start: Option<h245::FastStart>,
    /// The Setup proposed fastStart (taken or not: a Connect without it says fastConnectRefused).
    fast_start_offered: bool,
    /// Our RTP and RTCP addresses, once admitted.
    media: Option<(SocketAddr, SocketAddr)>,
    h245: H245,
    /// Tunnelled H.245 to send in the next message.
    pending_h245: Vec<Msc>,
    /// H.245 runs on a connection of its own (neither fastStart nor tunnelling).
    h245_separate: bool,
    h245_framer: Tpkt,
    /// Our endSessionCommand went out.
    end_sent: bool,
    /// Alerting went out: the callee is ringing (a gateway's call waits for a person).
    alerted: bool,
    deadline: Option<Millis>,
    outputs: VecDeque<CallOutput>,
}

impl IncomingCall {
    /// A connection accepted at `now`: it has [`CALL_SETUP_WAIT`] to send its Setup.
    pub fn new(now: Millis, config: CallConfig) -> Self {
        IncomingCall {
            framer: Tpkt::new(config.max_frame),
            config,
            state: CallState::AwaitingSetup,
            setup: None,
            crv: 0,
            tunnelling: false,
            fast_start: None,
            fast_start_offered: false,
            media: None,
            h245: H245::default(),
            pending_h245: Vec::new(),
            h245_separate: false,
            h245_framer: Tpkt::new(q931::DEFAULT_MAX_FRAME),
            end_sent: false,
            alerted: false,
            deadline: Some(now + CALL_SETUP_WAIT),
            outputs: VecDeque::new(),
        }
    }

    pub fn state(&self) -> CallState {
        self.state
    }

    pub fn setup(&self) -> Option<&SetupInfo> {
        self.setup.as_ref()
    }

    pub fn poll_output(&mut self) -> Option<CallOutput> {
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
        match self.state {
            CallState::AwaitingSetup => self.end(Release {
                by: "local",
                reason: "timeout".into(),
                cause: None,
                detail: Some("no Setup in time".into()),
            }),
            CallState::Admitting if self.alerted => {
                self.release(now, "undefinedReason", Some("rang unanswered".into()))
            }
            CallState::Admitting => {
                self.release(now, "unreachableGatekeeper", Some("no admission decision in time".into()))
            }
            CallState::Connected if self.end_sent => {
                self.release(now, "undefinedReason", Some("endSessionCommand, then no ReleaseComplete".into()))
            }
            _ => {}
        }
    }

    /// Octets from the connection.
    pub fn handle_bytes(&mut self, now: Millis, bytes: &[u8]) {
        if self.state == CallState::Released {
            return;
        }
        self.framer.push(bytes);
        loop {
            match self.framer.next_frame() {
                Ok(Some(frame)) => self.handle_frame(now, &frame),
                Ok(None) => break,
                Err(e) => {
                    // The stream lost its framing: nothing after this can be read.
                    self.release(now, "undefinedReason", Some(e.to_string()));
                    break;
                }
            }
            if self.state == CallState::Released {
                break;
            }
        }
    }

    /// The connection closed (or failed) under the call.
    pub fn handle_closed(&mut self, _now: Millis) {
        if self.state != CallState::Released {
            self.end(Release { by: "closed", reason: "connection closed".into(), cause: None, detail: None });
        }
    }

    fn handle_frame(&mut self, now: Millis, frame: &[u8]) {
        let signal = match Signal::parse(frame) {
            Ok(s) => s,
            Err(e) => {
                self.outputs.push_back(CallOutput::Dropped(e.to_string()));
                return;
            }
        };
        let q = &signal.q931;
        if self.state == CallState::AwaitingSetup {
            if q.message_type != kind::SETUP {
                self.outputs.push_back(CallOutput::Dropped(format!("{q} before any Setup")));
                return;
            }
            return self.handle_setup(now, signal);
        }
        if q.crv != self.crv || q.from_answerer {
            let d = format!("{q}: not this call's (crv {})", self.crv);
            self.outputs.push_back(CallOutput::Dropped(d));
            return;
        }
        if let Some(uu) = &signal.uu {
            if uu.h323_uu_pdu.h245_tunnelling == Some(false) && self.tunnelling {
                self.tunnelling = false;
            }
            // A ReleaseComplete's endSessionCommand needs no answer: the call is over anyway.
            if q.message_type != kind::RELEASE_COMPLETE {
                for m in uu.h323_uu_pdu.h245_control.iter().flatten() {
                    self.handle_h245(now, m);
                }
            }
        }
        match q.message_type {
            kind::SETUP => self.outputs.push_back(CallOutput::Dropped("a second Setup".into())),
            kind::RELEASE_COMPLETE => {
                let reason = match signal.body() {
                    Some(Body::releaseComplete(rc)) => {
                        rc.reason.as_ref().map_or("undefinedReason", ras::reject_reason_name).to_owned()
                    }
                    _ => "undefinedReason".into(),
                };
                self.end(Release { by: "remote", reason, cause: q.cause(), detail: None });
            }
            kind::STATUS_INQUIRY => {
                let state = match self.state {
                    CallState::Connected => STATE_ACTIVE,
                    CallState::Admitting => STATE_INCOMING_PROCEEDING,
                    _ => STATE_NULL,
                };
                self.send_status(state);
            }
            kind::FACILITY | kind::STATUS | kind::PROGRESS | kind::INFORMATION | kind::NOTIFY => {}
            other => self.outputs.push_back(CallOutput::Dropped(format!("{} ignored", q931::kind_name(other)))),
        }
        self.flush_h245();
    }

    fn handle_setup(&mut self, now: Millis, signal: Signal) {
        let Some(uu) = &signal.uu else {
            return self.outputs.push_back(CallOutput::Dropped("Setup without H323-UserInformation".into()));
        };
        let Some(Body::setup(setup)) = signal.body() else {
            return self.outputs.push_back(CallOutput::Dropped("Setup without a Setup-UUIE".into()));
        };
        self.crv = signal.q931.crv;
        let call_id = setup.call_identifier.as_ref().map_or([0; 16], |c| ras::guid(&c.guid));
        let conference_id = ras::guid(&setup.conference_id.0);
        let pdu = &uu.h323_uu_pdu;
        self.tunnelling = pdu.h245_tunnelling == Some(true);
        let description = pdu.non_standard_data.as_ref().and_then(|ns| match &ns.non_standard_identifier {
            NonStandardIdentifier::object(oid) if *oid == ras::oid(super::token::DESCRIPTION_OID) => {
                Some(ns.data.to_vec())
            }
            _ => None,
        });
        self.fast_start_offered = setup.fast_start.as_ref().is_some_and(|fs| !fs.is_empty());
        self.fast_start = setup.fast_start.as_deref().and_then(|fs| h245::choose_fast_start(fs, &self.config.laws));
        let info = SetupInfo {
            crv: self.crv,
            call_id: hex::encode(call_id),
            conference_id: hex::encode(conference_id),
            source_alias: setup.source_address.iter().flatten().find_map(ras::alias_text),
            display: signal.q931.display(),
            destination_alias: setup.destination_address.iter().flatten().find_map(ras::alias_text),
            endpoint_id: setup.endpoint_identifier.as_ref().map(|e| ras::text(&e.0)),
            fast_start: self.fast_start.is_some(),
            fast_start_media: self.fast_start.as_ref().map(|fs| (fs.law, fs.remote_rtp)),
            tunnelling: self.tunnelling,
            call_id_raw: call_id,
            conference_id_raw: conference_id,
            description,
        };
        self.setup = Some(info.clone());
        self.state = CallState::Admitting;
        for m in pdu.h245_control.iter().flatten() {
            self.handle_h245(now, m);
        }
        self.send_body(kind::CALL_PROCEEDING, self.call_proceeding());
        self.deadline = Some(now + self.config.admission_wait);
        self.outputs.push_back(CallOutput::Admit(Box::new(info)));
    }

    /// The MCU admitted the call: our RTP and RTCP addresses for it. Sends the Connect.
    pub fn admitted(&mut self, _now: Millis, rtp: SocketAddr, rtcp: SocketAddr) {
        if self.state != CallState::Admitting {
            return;
        }
        self.deadline = None;
        self.media = Some((rtp, rtcp));
        if self.fast_start.is_none() && !self.tunnelling {
            // The Connect waits for the H.245 listener's address.
            self.h245_separate = true;
            self.outputs.push_back(CallOutput::ListenH245);
            return;
        }
        self.connect_now(None);
    }

    /// The callee is ringing (a gateway's far side said so): Alerting goes out, once, and the
    /// call may ring [`CALL_RINGING_WAIT`] before it is released unanswered. Only before the
    /// Connect.
    pub fn alerting(&mut self, now: Millis) {
        if self.state != CallState::Admitting || self.alerted {
            return;
        }
        self.alerted = true;
        self.deadline = Some(now + CALL_RINGING_WAIT);
        let alerting = AlertingUUIE::new(
            ras::protocol_identifier(),
            self.destination_info(),
            None,
            Some(self.call_identifier()),
            None,
            None,
            None,
            None,
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
        );
        self.send_body(kind::ALERTING, Body::alerting(alerting));
    }

    /// The call's H.245 listener is bound at `addr`: the Connect names it.
    pub fn h245_listening(&mut self, _now: Millis, addr: SocketAddr) {
        if self.state == CallState::Admitting && self.h245_separate {
            self.connect_now(Some(addr));
        }
    }

    /// Octets from the call's H.245 connection.
    pub fn handle_h245_bytes(&mut self, now: Millis, bytes: &[u8]) {
        if self.state != CallState::Connected || !self.h245_separate {
            return;
        }
        self.h245_framer.push(bytes);
        loop {
            match self.h245_framer.next_frame() {
                Ok(Some(frame)) => self.handle_h245(now, &frame),
                Ok(None) => break,
                Err(e) => {
                    self.release(now, "undefinedReason", Some(format!("H.245 connection: {e}")));
                    break;
                }
            }
            if self.state == CallState::Released {
                break;
            }
        }
        self.flush_h245();
    }

    fn connect_now(&mut self, h245_address: Option<SocketAddr>) {
        let Some((rtp, rtcp)) = self.media else { return };
        let mut connect = self.connect();
        connect.h245_address = h245_address.map(ras::transport);
        let mut law = None;
        match self.fast_start.clone().map(|fs| (fs.accept(rtp, rtcp), fs)) {
            Some((Ok(olcs), fs)) => {
                connect.fast_start = Some(olcs);
                law = Some(fs.law);
            }
            Some((Err(e), _)) => {
                self.outputs.push_back(CallOutput::Dropped(format!("fastStart not taken: {e}")));
                self.fast_start = None;
                connect.fast_connect_refused = Some(());
            }
            None => {}
        }
        if self.fast_start.is_none() {
            if self.fast_start_offered {
                connect.fast_connect_refused = Some(());
            }
            self.h245.started = true;
            self.pending_h245.push(h245::terminal_capability_set(1, &self.config.laws));
        }
        self.state = CallState::Connected;
        self.send_body(kind::CONNECT, Body::connect(connect));
        self.outputs.push_back(CallOutput::Connected { fast_start: law.is_some(), law });
        if let Some(fs) = &self.fast_start {
            self.outputs.push_back(CallOutput::Receiving { law: fs.law });
            self.outputs.push_back(CallOutput::Sending { law: fs.law, rtp: fs.remote_rtp, rtcp: fs.remote_rtcp });
        }
        self.flush_h245();
    }

    /// The MCU refused the call (the gatekeeper's ARJ, the conference full...): ReleaseComplete
    /// with `reason` (a ReleaseCompleteReason's ASN.1 name).
    pub fn refused(&mut self, now: Millis, reason: &str, detail: Option<String>) {
        self.release(now, reason, detail);
    }

    /// Ends the call from our side: ReleaseComplete (with endSessionCommand when H.245 is up).
    pub fn release(&mut self, _now: Millis, reason: &str, detail: Option<String>) {
        if self.state == CallState::Released {
            return;
        }
        if self.state != CallState::AwaitingSetup {
            if self.h245.started && !self.end_sent {
                self.end_sent = true;
                self.pending_h245.push(h245::end_session());
                if self.h245_separate {
                    self.send_h245_separately();
                }
            }
            let rc = ReleaseCompleteUUIE::new(
                ras::protocol_identifier(),
                Some(release_reason(reason)),
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
            let mut q = Q931::new(self.crv, true, kind::RELEASE_COMPLETE);
            q.set_cause(cause_of(reason));
            self.send(q, Body::releaseComplete(rc));
        }
        self.end(Release { by: "local", reason: reason.to_owned(), cause: Some(cause_of(reason)), detail });
    }

    fn end(&mut self, release: Release) {
        self.state = CallState::Released;
        self.deadline = None;
        self.outputs.push_back(CallOutput::Released(release));
    }

    fn call_identifier(&self) -> CallIdentifier {
        CallIdentifier::new(ras::to_guid(self.setup.as_ref().map_or([0; 16], |s| s.call_id_raw)))
    }

    fn call_proceeding(&self) -> Body {
        Body::callProceeding(CallProceedingUUIE::new(
            ras::protocol_identifier(),
            self.destination_info(),
            None,
            Some(self.call_identifier()),
            None,
            None,
            None,
            None,
            Some(false),
            Some(false),
            None,
            None,
        ))
    }

    fn destination_info(&self) -> ras::EndpointType {
        let mut t = requests::endpoint_type(true);
        t.vendor = Some(requests::vendor());
        t
    }

    fn connect(&self) -> ConnectUUIE {
        let conference = self.setup.as_ref().map_or([0; 16], |s| s.conference_id_raw);
        ConnectUUIE::new(
            ras::protocol_identifier(),
            None,
            self.destination_info(),
            ConferenceIdentifier(ras::to_guid(conference)),
            Some(self.call_identifier()),
            None,
            None,
            None,
            None,
            Some(false),
            Some(false),
            None,
            Some(vec![ras::h323_id(&self.config.alias)]),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        )
    }

    fn send_status(&mut self, state: u8) {
        let status = StatusUUIE::new(ras::protocol_identifier(), self.call_identifier(), None, None);
        let mut q = Q931::new(self.crv, true, kind::STATUS);
        q.set_cause(CAUSE_STATUS_RESPONSE);
        q.set_ie(ie::CALL_STATE, vec![state]);
        self.send(q, Body::status(status));
    }

    fn send_body(&mut self, message_type: u8, body: Body) {
        self.send(Q931::new(self.crv, true, message_type), body);
    }

    /// Sends a message, with any H.245 waiting in its h245Control.
    fn send(&mut self, q: Q931, body: Body) {
        // H.245 on a connection of its own is never tunnelled.
        let control = if self.h245_separate { Vec::new() } else { self.take_h245() };
        let pdu = H323UUPDU::new(
            body,
            None,
            None,
            Some(self.tunnelling),
            (!control.is_empty()).then_some(control),
            None,
            None,
            None,
            None,
            None,
            None,
        );
        let signal = Signal { q931: q, uu: Some(H323UserInformation::new(pdu, None)) };
        match signal.encode() {
            Ok(bytes) => self.outputs.push_back(CallOutput::Transmit(bytes)),
            Err(e) => self.outputs.push_back(CallOutput::Dropped(format!("cannot send: {e}"))),
        }
    }

    fn take_h245(&mut self) -> Vec<OctetString> {
        let mut out = Vec::new();
        for m in std::mem::take(&mut self.pending_h245) {
            match h245::encode(&m) {
                Ok(b) => out.push(OctetString::from(b)),
                Err(e) => self.outputs.push_back(CallOutput::Dropped(e.to_string())),
            }
        }
        out
    }

    /// H.245 waiting goes out in a Facility (body `empty`), once connected; or on its own
    /// connection.
    fn flush_h245(&mut self) {
        if self.pending_h245.is_empty() || self.state != CallState::Connected {
            return;
        }
        if self.h245_separate {
            return self.send_h245_separately();
        }
        self.send_body(kind::FACILITY, Body::empty(()));
    }

    fn send_h245_separately(&mut self) {
        for m in self.take_h245() {
            self.outputs.push_back(CallOutput::TransmitH245(q931::tpkt(&m)));
        }
    }

    fn handle_h245(&mut self, now: Millis, bytes: &[u8]) {
        use h245::{CommandMessage as C, RequestMessage as Rq, ResponseMessage as Rs};
        let msg = match h245::decode(bytes) {
            Ok(m) => m,
            Err(e) => return self.outputs.push_back(CallOutput::Dropped(e.to_string())),
        };
        self.outputs.push_back(CallOutput::H245(h245::name(&msg)));
        // A tunnelled session is up once either side sent something: it ends with endSessionCommand.
        self.h245.started |= self.tunnelling;
        match msg {
            Msc::request(Rq::terminalCapabilitySet(t)) => {
                self.h245.their_laws = Some(h245::receivable(&t));
                self.pending_h245.push(h245::terminal_capability_set_ack(t.sequence_number));
            }
            Msc::request(Rq::masterSlaveDetermination(m)) => {
                // 190 against a terminal: we are master; the ack names their role.
                let master = h245::we_are_master(h245::MCU_TERMINAL_TYPE, 0, &m).unwrap_or(true);
                self.h245.decided = true;
                self.pending_h245.push(h245::master_slave_ack(!master));
            }
            Msc::request(Rq::openLogicalChannel(olc)) => {
                let (lcn, law) = h245::incoming_channel(&olc);
                match (law.filter(|l| self.config.laws.contains(l)), self.media) {
                    (Some(law), Some((rtp, rtcp))) => {
                        self.h245.their_rtcp = h245::media_control_channel(&olc);
                        self.pending_h245.push(h245::open_logical_channel_ack(lcn, rtp, rtcp));
                        self.outputs.push_back(CallOutput::Receiving { law });
                    }
                    _ => self.pending_h245.push(h245::open_logical_channel_reject(lcn)),
                }
            }
            Msc::request(Rq::closeLogicalChannel(c)) => {
                self.pending_h245.push(h245::close_logical_channel_ack(c.forward_logical_channel_number));
            }
            Msc::request(Rq::roundTripDelayRequest(r)) => {
                self.pending_h245.push(h245::round_trip_delay_response(r.sequence_number));
            }
            Msc::response(Rs::terminalCapabilitySetAck(_)) => self.h245.our_tcs_acked = true,
            Msc::response(Rs::masterSlaveDeterminationAck(_)) => self.h245.decided = true,
            Msc::response(Rs::openLogicalChannelAck(ack)) => {
                let law = self.our_law();
                match (h245::ack_media_channel(&ack), law) {
                    (Some(rtp), Some(law)) => {
                        let rtcp = h245::ack_media_control_channel(&ack).or(self.h245.their_rtcp);
                        self.outputs.push_back(CallOutput::Sending { law, rtp, rtcp })
                    }
                    _ => self
                        .outputs
                        .push_back(CallOutput::Dropped("openLogicalChannelAck without a media channel".into())),
                }
            }
            Msc::response(Rs::openLogicalChannelReject(_)) => {
                self.outputs.push_back(CallOutput::Dropped("our channel was refused".into()))
            }
            // Their session ends (H.323 8.5): ours too; their ReleaseComplete follows, or ours
            // after END_SESSION_WAIT.
            Msc::command(C::endSessionCommand(_)) if self.state == CallState::Connected && !self.end_sent => {
                self.end_sent = true;
                self.pending_h245.push(h245::end_session());
                self.deadline = Some(now + END_SESSION_WAIT);
            }
            _ => {}
        }
        self.maybe_open_channel();
    }

    fn our_law(&self) -> Option<G711> {
        let theirs = self.h245.their_laws.as_ref()?;
        self.config.laws.iter().copied().find(|l| theirs.contains(l))
    }

    fn maybe_open_channel(&mut self) {
        let h = &self.h245;
        if self.fast_start.is_some() || h.our_olc_sent || !h.decided || !h.our_tcs_acked || h.their_laws.is_none() {
            return;
        }
        let Some((_, rtcp)) = self.media else { return };
        self.h245.our_olc_sent = true;
        match self.our_law() {
            Some(law) => self.pending_h245.push(h245::open_logical_channel(1, law, rtcp)),
            None => self.outputs.push_back(CallOutput::Dropped("no G.711 law in common".into())),
        }
    }
}

/// A ReleaseCompleteReason by its ASN.1 name (`undefinedReason` for any other name).
pub fn release_reason(name: &str) -> ReleaseCompleteReason {
    use ReleaseCompleteReason as R;
    match name {
        "noBandwidth" => R::noBandwidth(()),
        "gatekeeperResources" => R::gatekeeperResources(()),
        "unreachableDestination" => R::unreachableDestination(()),
        "destinationRejection" => R::destinationRejection(()),
        "noPermission" => R::noPermission(()),
        "unreachableGatekeeper" => R::unreachableGatekeeper(()),
        "adaptiveBusy" => R::adaptiveBusy(()),
        "gatewayResources" => R::gatewayResources(()),
        "inConf" => R::inConf(()),
        "securityDenied" => R::securityDenied(()),
        "calledPartyNotRegistered" => R::calledPartyNotRegistered(()),
        "callerNotRegistered" => R::callerNotRegistered(()),
        _ => R::undefinedReason(()),
    }
}

/// The Q.931 cause of a ReleaseCompleteReason (after H.225.0 table 5).
pub fn cause_of(reason: &str) -> u8 {
    match reason {
        "noBandwidth" => 34,
        "gatekeeperResources" | "newConnectionNeeded" => 47,
        "unreachableDestination" => 3,
        "destinationRejection" => 21,
        "invalidRevision" => 88,
        "noPermission" => 111,
        "unreachableGatekeeper" => 38,
        "gatewayResources" => 42,
        "badFormatAddress" => 28,
        "adaptiveBusy" => 41,
        "inConf" => 17,
        "calledPartyNotRegistered" => 20,
        "callerNotRegistered" | "securityDenied" => 31,
        _ => 16,
    }
}

/// The ReleaseCompleteReason for a gatekeeper's ARJ reason.
pub fn release_for_admission(arj_reason: &str) -> &'static str {
    match arj_reason {
        "callerNotRegistered" => "callerNotRegistered",
        "securityDenial" => "securityDenied",
        "requestDenied" | "invalidPermission" => "noPermission",
        "calledPartyNotRegistered" => "calledPartyNotRegistered",
        "resourceUnavailable" | "exceedsCallCapacity" => "adaptiveBusy",
        "unanswered" => "unreachableGatekeeper",
        _ => "destinationRejection",
    }
}

#[cfg(test)]
#[path = "call_tests.rs"]
mod tests;
