//! H.323 to SIP: a call the council places (the MCU's Setup to an alias the gateway registered
//! for a SIP expert) becomes a SIP call to that expert through the gateway's SIP next hop
//! (`if-sip`). The Setup is taken by the MCU's own incoming core ([`IncomingCall`]); the SIP leg
//! is a [`ClientDialog`].
//!
//! ```text
//! H.323  Setup [fastStart] ─▶ CallProceeding               Alerting           Connect [fastStart]
//! RAS              └─▶ ARQ answerCall ─▶ ACF
//! SIP                          OpenMedia, INVITE [SDP offer] ◀─ 180 ─────────── ◀─ 200 ─▶ ACK
//! ```
//! The MCU's ReleaseComplete (a kick) becomes BYE, or CANCEL before the answer; the expert's BYE
//! becomes ReleaseComplete; a SIP refusal becomes ReleaseComplete with the nearest reason
//! ([`super::status::release_for_sip`]). Each leg ends in a DRQ once admitted.

use super::*;
use crate::h323::call::{self, CallConfig, CallOutput, IncomingCall, Release, SetupInfo};
use crate::h323::endpoint::CallId;
use crate::h323::timer::CALL_ANSWER_WAIT;
use crate::sip::dialog::{ClientDialog, DialogOutput, DialogState};

/// Signs a SIP request we originate (X-IF-Signature) at Unix time `now_ms`: given by the tool,
/// which holds the key.
pub type SipSigner = Box<dyn FnMut(&mut SipMessage, i64) + Send>;

/// What the gateway registers a callout alias for: the SIP URI the call goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalloutRoute {
    pub alias: String,
    pub uri: String,
}

pub(super) struct Callout {
    call: IncomingCall,
    setup: Option<SetupInfo>,
    /// The call as the records name it (trace, hazard, signer of the description).
    describe: Description,
    description: Option<Vec<u8>>,
    /// The SIP target and where its requests go.
    uri: String,
    sip_peer: Option<SocketAddr>,
    dialog: Option<ClientDialog>,
    ras: Option<CallId>,
    disengaged: bool,
    h323_done: bool,
    media: Option<MediaAddrs>,
    /// The SIP side's RTP address and law, from its SDP answer.
    sip_remote: Option<SocketAddr>,
    sip_law: Option<Law>,
    /// The MCU's RTP address and law, from the fastStart it proposed and we accepted.
    h323_remote: Option<SocketAddr>,
    h323_law: Option<Law>,
    answered_at: Option<Millis>,
    relayed: [u64; 2],
    /// Both legs over: forgotten then (retransmissions absorbed meanwhile).
    forget_at: Option<Millis>,
}

impl Callout {
    /// Both legs are over (the call is only kept to absorb retransmissions).
    pub(super) fn is_over(&self) -> bool {
        self.forget_at.is_some()
    }

    /// The SIP leg's Call-ID, once its INVITE went out.
    pub(super) fn sip_call_id(&self) -> Option<String> {
        Some(self.describe.sip_call_id.clone()).filter(|s| !s.is_empty())
    }

    fn sip_over(&self) -> bool {
        self.dialog.as_ref().is_none_or(|d| d.state() == DialogState::Over)
    }
}

/// The ReleaseComplete of a call whose description did not verify: the gateway vouches (signs
/// the SIP side's X-IF headers) only for what it could check.
const UNVERIFIED: &str = "noPermission";

impl Gateway {
    /// The SIP signer of the INVITEs the council's calls become.
    pub fn sign_sip_with(&mut self, signer: SipSigner) {
        self.sip_signer = Some(signer);
    }

    /// The driver accepted a connection on the H.323 listener: a call the council places. Its
    /// number names the connection's octets (`handle_h323`) from now on.
    pub fn h323_accepted(&mut self, now: Millis) -> GwCallId {
        self.next_call += 1;
        let id = self.next_call;
        let config = CallConfig {
            laws: vec![G711::Ulaw, G711::Alaw],
            max_frame: self.config.max_frame,
            alias: ALIAS.to_owned(),
            // The SIP side decides (Timer B, then Timer C once it rings): the caller's own wait
            // for the Connect is the bound.
            admission_wait: CALL_ANSWER_WAIT,
        };
        let describe = Description {
            trace_id: String::new(),
            hazard: None,
            signer: None,
            sip_call_id: String::new(),
            from: String::new(),
            subject: None,
        };
        let callout = Callout {
            call: IncomingCall::new(now, config),
            setup: None,
            describe,
            description: None,
            uri: String::new(),
            sip_peer: None,
            dialog: None,
            ras: None,
            disengaged: false,
            h323_done: false,
            media: None,
            sip_remote: None,
            sip_law: None,
            h323_remote: None,
            h323_law: None,
            answered_at: None,
            relayed: [0, 0],
            forget_at: None,
        };
        self.callouts.insert(id, callout);
        id
    }

    pub(super) fn callout_timers(&mut self, now: Millis, id: GwCallId) {
        let Some(c) = self.callouts.get_mut(&id) else { return };
        if c.forget_at.is_some_and(|t| t <= now) {
            return self.forget_callout(id);
        }
        c.call.handle_timeout(now);
        if let Some(d) = c.dialog.as_mut() {
            d.handle_timeout(now);
        }
        self.pump_callout(now, id);
    }

    pub(super) fn callout_timeout(c: &Callout) -> impl Iterator<Item = Millis> {
        [c.call.poll_timeout(), c.dialog.as_ref().and_then(|d| d.poll_timeout()), c.forget_at].into_iter().flatten()
    }

    fn forget_callout(&mut self, id: GwCallId) {
        if let Some(c) = self.callouts.remove(&id) {
            if let Some(d) = &c.dialog {
                self.by_sip.remove(d.call_id());
            }
            if let Some(r) = c.ras {
                self.by_ras.remove(&r);
            }
        }
    }

    pub(super) fn callout_h323(&mut self, now: Millis, id: GwCallId, bytes: Option<&[u8]>) {
        let Some(c) = self.callouts.get_mut(&id) else { return };
        match bytes {
            Some(b) => c.call.handle_bytes(now, b),
            None => c.call.handle_closed(now),
        }
        self.pump_callout(now, id);
    }

    /// A SIP message of a callout's dialog (its Call-ID).
    pub(super) fn callout_sip(&mut self, now: Millis, from: SocketAddr, id: GwCallId, msg: SipMessage) {
        let Some(d) = self.callouts.get_mut(&id).and_then(|c| c.dialog.as_mut()) else { return };
        if msg.status().is_some() {
            d.handle_response(now, &msg);
        } else if let Some(answer) = d.handle_request(now, &msg) {
            self.outputs.push_back(GwOutput::Sip { to: from, bytes: answer.to_bytes() });
        }
        self.pump_callout(now, id);
    }

    /// Everything the two cores of a callout have to say, until neither has more.
    pub(super) fn pump_callout(&mut self, now: Millis, id: GwCallId) {
        loop {
            let Some(c) = self.callouts.get_mut(&id) else { return };
            if let Some(o) = c.call.poll_output() {
                self.callout_h323_output(now, id, o);
                continue;
            }
            if let Some(o) = c.dialog.as_mut().and_then(|d| d.poll_output()) {
                self.callout_sip_output(now, id, o);
                continue;
            }
            if c.h323_done && c.sip_over() && c.forget_at.is_none() {
                c.forget_at = Some(now + T4);
            }
            return;
        }
    }

    fn callout_h323_output(&mut self, now: Millis, id: GwCallId, o: CallOutput) {
        match o {
            CallOutput::Transmit(bytes) => self.outputs.push_back(GwOutput::H323Write { call: id, bytes }),
            CallOutput::Admit(info) => self.callout_admit(now, id, *info),
            CallOutput::Sending { law, rtp, .. } => {
                if let Some(c) = self.callouts.get_mut(&id) {
                    c.h323_remote = Some(rtp);
                    c.h323_law = Some(media_law(law));
                }
            }
            CallOutput::Connected { .. } => {
                let c = &self.callouts[&id];
                let (sip_law, h323_law) = (c.sip_law, c.h323_law);
                self.record_callout(now, id, Leg::H323, "connected", |r| {
                    r.sip_law = sip_law;
                    r.h323_law = h323_law;
                    r.transcoding = Some(sip_law != h323_law);
                });
            }
            CallOutput::Released(release) => self.callout_released(now, id, release),
            CallOutput::Dropped(reason) => {
                self.outputs.push_back(GwOutput::Dropped { from: format!("call {id} (H.323)"), reason })
            }
            // Only fastStart calls get this far: no H.245 of our own.
            CallOutput::ListenH245
            | CallOutput::TransmitH245(_)
            | CallOutput::Receiving { .. }
            | CallOutput::H245(_) => {}
        }
    }

    /// The MCU's Setup: which expert, what for; then the answer-ARQ.
    fn callout_admit(&mut self, now: Millis, id: GwCallId, info: SetupInfo) {
        let route = info
            .destination_alias
            .as_deref()
            .and_then(|a| self.config.callouts.iter().find(|r| r.alias == a))
            .map(|r| r.uri.clone());
        let verified = info.description.as_deref().map(|d| self.descriptions.read(d, &self.config.trust));
        let busy = self.calls.len() + self.callouts.len() > self.config.max_calls;
        let sip_peer = route.as_deref().and_then(|u| self.config.sip_next_hop.or_else(|| uri_addr(u)));
        let admitting = self.admitting;
        let Some(c) = self.callouts.get_mut(&id) else { return };
        c.describe.trace_id = info.call_id.chars().take(12).collect();
        if let Some(Ok(d)) = &verified {
            if let Some(t) = &d.trace_id {
                c.describe.trace_id = t.clone();
            }
            c.describe.hazard = d.hazard.clone();
            c.describe.signer = Some(d.signer.clone());
        }
        c.describe.from = info.source_alias.clone().or(info.display.clone()).unwrap_or_default();
        c.uri = route.clone().unwrap_or_default();
        c.sip_peer = sip_peer;
        c.description = info.description.clone();
        c.setup = Some(info.clone());
        let alias = info.destination_alias.clone();
        self.record_callout(now, id, Leg::H323, "incoming", |r| {
            r.detail = alias.map(|a| format!("for {a}"));
            r.signature_error = match &verified {
                Some(Err(e)) => Some(e.to_string()),
                None => Some("no call description".into()),
                Some(Ok(_)) => None,
            };
        });
        let refusal = if !admitting {
            Some(("gatewayResources", "not admitting: the event stream was lost".to_owned()))
        } else if busy {
            Some(("gatewayResources", format!("{} calls at once", self.config.max_calls)))
        } else if route.is_none() {
            Some(("calledPartyNotRegistered", "no SIP expert for the alias called".to_owned()))
        } else if sip_peer.is_none() {
            Some(("unreachableDestination", "no SIP next hop for the expert's URI".to_owned()))
        } else if !matches!(verified, Some(Ok(_))) {
            Some((UNVERIFIED, "the call description did not verify".to_owned()))
        } else if info.fast_start_media.is_none() {
            Some(("undefinedReason", "the gateway takes calls with fastStart G.711 only".to_owned()))
        } else {
            None
        };
        if let Some((reason, detail)) = refusal {
            let c = self.callouts.get_mut(&id).expect("present");
            c.call.refused(now, reason, Some(detail));
            return self.pump_callout(now, id);
        }
        let c = &self.callouts[&id];
        let request = CallRequest {
            destination: None,
            bandwidth: self.config.bandwidth,
            description: c.description.clone(),
            answering: Some((CallId(info.call_id_raw), info.conference_id_raw)),
            trace_id: Some(c.describe.trace_id.clone()),
            hazard: c.describe.hazard.clone(),
            conversation_id: None,
        };
        match self.endpoint.admit(now, request) {
            Ok(ras) => {
                self.callouts.get_mut(&id).expect("present").ras = Some(ras);
                self.by_ras.insert(ras, id);
            }
            Err(e) => {
                let c = self.callouts.get_mut(&id).expect("present");
                c.call.refused(now, "unreachableGatekeeper", Some(format!("gatekeeper: {e}")));
            }
        }
        self.pump_ras(now);
        self.pump_callout(now, id);
    }

    /// The gatekeeper's answer to a callout's ARQ.
    pub(super) fn callout_admission(&mut self, now: Millis, id: GwCallId, confirmed: bool, reason: &str) {
        let Some(c) = self.callouts.get_mut(&id) else { return };
        if confirmed {
            if c.h323_done {
                return self.callout_disengage(now, id);
            }
            self.outputs.push_back(GwOutput::OpenMedia { call: id });
        } else {
            c.disengaged = true;
            c.call.refused(now, call::release_for_admission(reason), Some(format!("admission refused: {reason}")));
            self.pump_callout(now, id);
        }
    }

    /// The media sockets are bound: the INVITE goes out, offering the fastStart's law first.
    pub(super) fn callout_media_opened(&mut self, now: Millis, id: GwCallId, media: MediaAddrs) {
        let local = self.config.sip_local;
        let Some(c) = self.callouts.get_mut(&id) else { return };
        c.media = Some(media);
        let Some(setup) = c.setup.as_ref() else { return };
        let first = setup.fast_start_media.map_or(Law::Ulaw, |(law, _)| media_law(law));
        let other = if first == Law::Ulaw { Law::Alaw } else { Law::Ulaw };
        let seed = format!("{}{id}", &setup.call_id[..16.min(setup.call_id.len())]);
        let sdp = sdp::audio_sdp(id, media.sip_rtp, &[first.payload_type(), other.payload_type()]);
        let user: String =
            c.describe.from.chars().filter(|ch| ch.is_ascii_alphanumeric() || "-_.".contains(*ch)).take(64).collect();
        let user = if user.is_empty() { "council".to_owned() } else { user };
        let mut text = format!(
            "INVITE {uri} SIP/2.0\r\nVia: SIP/2.0/UDP {local};branch=z9hG4bKgw{seed};rport\r\nMax-Forwards: 70\r\n\
             From: <sip:{user}@{local}>;tag=gw{seed}\r\nTo: <{uri}>\r\nCall-ID: gw{seed}@{ip}\r\nCSeq: 1 INVITE\r\n\
             Contact: <sip:gateway@{local}>\r\nSubject: a call from the council\r\nX-IF-Trace-ID: {trace}\r\n",
            uri = c.uri,
            ip = local.ip(),
            trace = c.describe.trace_id,
        );
        if let Some(kind) = c.describe.hazard.as_ref().and_then(|h| h.kind) {
            let h = c.describe.hazard.as_ref().expect("has a kind");
            let header = HazardHeader { kind, severity: h.severity, auto_escalate: h.auto_escalate.unwrap_or(false) };
            text.push_str(&format!("X-IF-Hazard: {}\r\n", header.to_header()));
        }
        text.push_str(&format!("Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{sdp}", sdp.len()));
        let Ok(mut invite) = message::parse(text.as_bytes()) else {
            let c = self.callouts.get_mut(&id).expect("present");
            c.call.release(now, "badFormatAddress", Some(format!("cannot build an INVITE for {}", c.uri)));
            return self.pump_callout(now, id);
        };
        if let Some(sign) = self.sip_signer.as_mut() {
            sign(&mut invite, now as i64 + self.config.wall_clock_offset_ms);
        }
        let c = self.callouts.get_mut(&id).expect("present");
        let offer = sdp::summarise_sdp(&invite.body);
        let dialog = ClientDialog::new(now, invite, local);
        c.describe.sip_call_id = dialog.call_id().to_owned();
        self.by_sip.insert(dialog.call_id().to_owned(), id);
        c.dialog = Some(dialog);
        let uri = c.uri.clone();
        self.record_callout(now, id, Leg::Sip, "invite_sent", |r| {
            r.offer = offer;
            r.detail = Some(uri);
        });
        self.pump_callout(now, id);
    }

    fn callout_sip_output(&mut self, now: Millis, id: GwCallId, o: DialogOutput) {
        match o {
            DialogOutput::Transmit(bytes) => {
                if let Some(to) = self.callouts.get(&id).and_then(|c| c.sip_peer) {
                    self.outputs.push_back(GwOutput::Sip { to, bytes });
                }
            }
            DialogOutput::Ringing(code) => {
                self.record_callout(now, id, Leg::Sip, "ringing", |r| r.status = Some(code));
                let c = self.callouts.get_mut(&id).expect("pumped");
                c.call.alerting(now);
                self.record_callout(now, id, Leg::H323, "alerting", |_| {});
            }
            DialogOutput::Answered(answer) => self.callout_answered(now, id, &answer),
            DialogOutput::Refused { status, reason, warning } => {
                let to = status::release_for_sip(status);
                self.record_callout(now, id, Leg::Sip, "refused", |r| {
                    r.status = Some(status);
                    r.reason = Some(reason.clone());
                    r.detail = warning;
                });
                let c = self.callouts.get_mut(&id).expect("pumped");
                c.call.refused(now, to, Some(format!("SIP {status} {reason}")));
            }
            DialogOutput::Ended { remote, status } => {
                let duration = self.callouts.get(&id).and_then(|c| c.answered_at).map(|a| now - a);
                let step = if remote { "bye_received" } else { "bye_answered" };
                self.record_callout(now, id, Leg::Sip, step, |r| {
                    r.status = status;
                    r.duration_ms = duration;
                });
                if remote {
                    let c = self.callouts.get_mut(&id).expect("pumped");
                    c.call.release(now, "undefinedReason", Some("BYE from the SIP side".into()));
                }
            }
        }
    }

    fn callout_answered(&mut self, now: Millis, id: GwCallId, answer: &SipMessage) {
        let offer = sdp::audio_offer(&answer.body);
        let summary = sdp::summarise_sdp(&answer.body);
        let Some(c) = self.callouts.get_mut(&id) else { return };
        c.answered_at = Some(now);
        let law = offer.as_ref().and_then(|o| o.payload_types.iter().find_map(|&pt| law_of(pt)));
        self.record_callout(now, id, Leg::Sip, "answered", |r| {
            r.status = answer.status();
            r.answer = summary;
        });
        let c = self.callouts.get_mut(&id).expect("present");
        let (Some(offer), Some(law), Some(media)) = (offer, law, c.media) else {
            // Nothing to relay: the call is not taken.
            c.dialog.as_mut().expect("answered").hang_up(now);
            c.call.release(now, "undefinedReason", Some("the SIP answer has no PCMU or PCMA audio".into()));
            self.record_callout(now, id, Leg::Sip, "bye_sent", |_| {});
            return;
        };
        c.sip_remote = Some(offer.rtp);
        c.sip_law = Some(law);
        // The fastStart proposal the Connect accepts: where and how the MCU takes our RTP.
        if let Some((h323_law, rtp)) = c.setup.as_ref().and_then(|s| s.fast_start_media) {
            c.h323_law = Some(media_law(h323_law));
            c.h323_remote = Some(rtp);
        }
        c.call.admitted(now, media.h323_rtp, media.h323_rtcp);
    }

    fn callout_released(&mut self, now: Millis, id: GwCallId, release: Release) {
        let Some(c) = self.callouts.get_mut(&id) else { return };
        c.h323_done = true;
        let relayed = c.relayed;
        let dialog = c.dialog.as_ref().map(|d| d.state());
        self.record_callout(now, id, Leg::H323, "released", |r| {
            r.reason = Some(release.reason.clone());
            r.by = Some(release.by);
            r.cause = release.cause;
            r.detail = release.detail.clone();
            r.rtp_to_h323 = Some(relayed[0]);
            r.rtp_to_sip = Some(relayed[1]);
        });
        self.outputs.push_back(GwOutput::Close { call: id });
        self.callout_disengage(now, id);
        let c = self.callouts.get_mut(&id).expect("present");
        match dialog {
            Some(DialogState::Inviting) => {
                c.dialog.as_mut().expect("inviting").cancel(now);
                self.record_callout(now, id, Leg::Sip, "cancelled", |_| {});
            }
            Some(DialogState::Confirmed) => {
                c.dialog.as_mut().expect("confirmed").hang_up(now);
                let duration = c.answered_at.map(|a| now - a);
                self.record_callout(now, id, Leg::Sip, "bye_sent", |r| r.duration_ms = duration);
            }
            _ => {}
        }
    }

    fn callout_disengage(&mut self, now: Millis, id: GwCallId) {
        let Some(c) = self.callouts.get_mut(&id) else { return };
        let Some(ras) = c.ras.filter(|_| !c.disengaged) else { return };
        c.disengaged = true;
        let _ = self.endpoint.disengage(now, ras);
        self.pump_ras(now);
    }

    /// Opening the media sockets failed.
    pub(super) fn callout_failed(&mut self, now: Millis, id: GwCallId, why: String) {
        self.record_callout(now, id, Leg::H323, "connect_failed", |r| r.detail = Some(why.clone()));
        if let Some(c) = self.callouts.get_mut(&id) {
            c.call.release(now, "gatewayResources", Some(why));
        }
        self.pump_callout(now, id);
    }

    pub(super) fn callout_rtp(&mut self, id: GwCallId, side: Side, from: SocketAddr, bytes: &[u8]) {
        let Some(c) = self.callouts.get_mut(&id) else { return };
        let (Some(sip), Some(sip_law), Some(h323), Some(h323_law)) =
            (c.sip_remote, c.sip_law, c.h323_remote, c.h323_law)
        else {
            return;
        };
        let ends = Relay { sip, sip_law, h323, h323_law };
        match relay(&ends, side, from, bytes) {
            Ok(Some((to_side, to, out))) => {
                c.relayed[usize::from(side == Side::H323)] += 1;
                self.outputs.push_back(GwOutput::Rtp { call: id, side: to_side, to, bytes: out });
            }
            Ok(None) => {}
            Err(reason) => self.drop_packet(from, format!("call {id}: {reason}")),
        }
    }

    fn record_callout(
        &mut self,
        now: Millis,
        id: GwCallId,
        leg: Leg,
        step: &'static str,
        fill: impl FnOnce(&mut GwRecord),
    ) {
        let Some(c) = self.callouts.get(&id) else { return };
        let h323_call_id = c.setup.as_ref().map(|s| s.call_id.clone());
        let mut r = GwRecord::of(leg, step, id, now, &c.describe, h323_call_id);
        r.direction = Some("h323_to_sip");
        fill(&mut r);
        self.outputs.push_back(GwOutput::Event(Box::new(GwEvent::Call(r))));
    }
}

/// The IP address and port of a SIP URI with an IP host (5060 without a port).
fn uri_addr(uri: &str) -> Option<SocketAddr> {
    let u = crate::sip::message::Uri::parse(uri)?;
    let ip: std::net::IpAddr = u.host.trim_matches(['[', ']']).parse().ok()?;
    Some(SocketAddr::new(ip, u.port.unwrap_or(5060)))
}
