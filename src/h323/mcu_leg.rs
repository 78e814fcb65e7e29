//! A participant's call, whichever side set it up: an [`IncomingCall`] (a guardian called the
//! council) or a call the MCU places itself on a controller's `invite` ([`Dialled`]: admitted by
//! the gatekeeper, then a connection to the ACF's address, then an [`OutgoingCall`] on it). The
//! MCU handles both through one interface: what comes out of either is a [`CallOutput`], so the
//! conference (mixer, records, release and disengagement) does not care who called whom.

use super::call::{CallOutput, IncomingCall, Release};
use super::outgoing::{OutgoingCall, OutgoingOutput};
use crate::time::Millis;
use std::collections::VecDeque;

/// What a leg hands the MCU: a call's output, or a step of a call we placed (`proceeding`,
/// `alerting`), which only goes on the record.
pub(super) enum LegOutput {
    Call(CallOutput),
    Progress(&'static str),
}

/// A call the MCU places: its destination alias, the admitted call's ids, and the outgoing
/// call once its connection is open.
pub(super) struct Dialled {
    pub destination: String,
    /// The signed control line that asked for it: the call description of its ARQ and Setup.
    pub description: Vec<u8>,
    /// The admitted call's identifiers, hex, for the records.
    pub ids: Option<(String, String)>,
    pub call: Option<OutgoingCall>,
    /// Outputs of a connected call not yet handed out (Sending comes before Connected).
    queued: VecDeque<CallOutput>,
    /// Ended before its Setup went out (a refusal, a failed connection, a kick while dialling).
    ended: Option<Release>,
    over: bool,
}

impl Dialled {
    pub fn new(destination: String, description: Vec<u8>) -> Self {
        Dialled { destination, description, ids: None, call: None, queued: VecDeque::new(), ended: None, over: false }
    }

    fn end(&mut self, by: &'static str, reason: &str, detail: Option<String>) {
        if self.over {
            return;
        }
        match self.call.as_mut() {
            Some(c) if by == "local" => c.release(0, reason, detail),
            Some(c) => c.handle_closed(0),
            None => {
                self.over = true;
                let cause = Some(super::call::cause_of(reason));
                self.ended = Some(Release { by, reason: reason.to_owned(), cause, detail });
            }
        }
    }

    fn poll(&mut self) -> Option<LegOutput> {
        if let Some(o) = self.queued.pop_front() {
            return Some(LegOutput::Call(o));
        }
        let Some(call) = self.call.as_mut() else {
            return self.ended.take().map(|r| LegOutput::Call(CallOutput::Released(r)));
        };
        Some(match call.poll_output()? {
            OutgoingOutput::Transmit(bytes) => LegOutput::Call(CallOutput::Transmit(bytes)),
            OutgoingOutput::Proceeding => LegOutput::Progress("proceeding"),
            OutgoingOutput::Alerting => LegOutput::Progress("alerting"),
            OutgoingOutput::Connected { law, rtp, rtcp } => {
                self.queued.push_back(CallOutput::Connected { fast_start: true, law: Some(law) });
                LegOutput::Call(CallOutput::Sending { law, rtp, rtcp })
            }
            OutgoingOutput::Released(r) => {
                self.over = true;
                LegOutput::Call(CallOutput::Released(Release {
                    by: r.by,
                    reason: r.reason,
                    cause: r.cause,
                    detail: r.detail,
                }))
            }
            OutgoingOutput::Dropped(why) => LegOutput::Call(CallOutput::Dropped(why)),
        })
    }
}

pub(super) enum Leg {
    In(Box<IncomingCall>),
    Out(Box<Dialled>),
}

impl Leg {
    pub fn poll_output(&mut self) -> Option<LegOutput> {
        match self {
            Leg::In(c) => c.poll_output().map(LegOutput::Call),
            Leg::Out(d) => d.poll(),
        }
    }

    pub fn poll_timeout(&self) -> Option<Millis> {
        match self {
            Leg::In(c) => c.poll_timeout(),
            Leg::Out(d) => d.call.as_ref().and_then(OutgoingCall::poll_timeout),
        }
    }

    pub fn handle_timeout(&mut self, now: Millis) {
        match self {
            Leg::In(c) => c.handle_timeout(now),
            Leg::Out(d) => {
                if let Some(c) = d.call.as_mut() {
                    c.handle_timeout(now)
                }
            }
        }
    }

    pub fn handle_bytes(&mut self, now: Millis, bytes: &[u8]) {
        match self {
            Leg::In(c) => c.handle_bytes(now, bytes),
            Leg::Out(d) => {
                if let Some(c) = d.call.as_mut() {
                    c.handle_bytes(now, bytes)
                }
            }
        }
    }

    pub fn handle_closed(&mut self, now: Millis) {
        match self {
            Leg::In(c) => c.handle_closed(now),
            Leg::Out(d) => d.end("closed", "undefinedReason", Some("connection closed".into())),
        }
    }

    /// Ends the call from here: a ReleaseComplete with `reason` once there is a call to end.
    pub fn release(&mut self, now: Millis, reason: &str, detail: Option<String>) {
        match self {
            Leg::In(c) => c.release(now, reason, detail),
            Leg::Out(d) => match d.call.as_mut() {
                Some(c) => c.release(now, reason, detail),
                None => d.end("local", reason, detail),
            },
        }
    }

    /// Admission refused (or failed): a Setup we took is answered with `reason`; a call we
    /// were placing ends before it went out.
    pub fn refused(&mut self, now: Millis, reason: &str, detail: Option<String>) {
        match self {
            Leg::In(c) => c.refused(now, reason, detail),
            Leg::Out(d) => d.end("local", reason, detail),
        }
    }

    /// The call's identifiers, hex: (call, conference).
    pub fn ids(&self) -> Option<(String, String)> {
        match self {
            Leg::In(c) => c.setup().map(|s| (s.call_id.clone(), s.conference_id.clone())),
            Leg::Out(d) => d.ids.clone(),
        }
    }

    pub fn incoming(&mut self) -> Option<&mut IncomingCall> {
        match self {
            Leg::In(c) => Some(c),
            Leg::Out(_) => None,
        }
    }
}
