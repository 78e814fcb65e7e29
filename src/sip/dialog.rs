//! One client INVITE and the dialog it makes (RFC 3261 §13.2, §17.1.1, §12), as a pure state
//! machine for a user agent that holds the call for someone else (the gateway's SIP leg of a
//! call the council places): it does not decide when to hang up. Responses, requests and time
//! go in; requests to send and the call's progress come out; no sockets or clock.
//!
//! ```text
//! INVITE ─▶ (Timer A, B) ◀─ 1xx: Ringing ◀─ 2xx: ACK, Answered ... hang_up(): BYE ◀─ 2xx: Ended
//!                        ◀─ 3xx-6xx: ACK (hop by hop), Refused       ◀─ BYE: 200, Ended
//! cancel() before the final: CANCEL (once a provisional came, §9.1), then the 487 refuses it.
//! ```
//! Over UDP only: Timer A doubles without a cap until a provisional; Timer E for BYE and CANCEL
//! doubles up to T2; Timer B/F give up after 64*T1. A call that rings is given Timer C (3 min),
//! then cancelled. A retransmitted 2xx is ACKed again.

use super::message::{Header, SipMessage, StartLine, Uri};
use super::timer::{T1, T2, TIMER_C, TRANSACTION_TIMEOUT};
use crate::time::Millis;
use std::collections::VecDeque;
use std::net::SocketAddr;

#[derive(Debug, PartialEq)]
pub enum DialogOutput {
    /// A request to send to the next hop.
    Transmit(Vec<u8>),
    /// The first provisional of this status class: 180-183 is ringing, 100 is not.
    Ringing(u16),
    /// The 2xx: its SDP answer is in the body.
    Answered(Box<SipMessage>),
    /// A final non-2xx (or the timeout's 408): the call never was.
    Refused { status: u16, reason: String, warning: Option<String> },
    /// The dialog is over: our BYE answered (`remote` false, or unanswered) or theirs received.
    Ended { remote: bool, status: Option<u16> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogState {
    Inviting,
    Confirmed,
    Hanging,
    Over,
}

/// A request sent and sent again until answered (Timer A/E), given up at `give_up`.
struct Retransmitted {
    bytes: Vec<u8>,
    next: Option<(Millis, Millis)>,
    /// Timer A doubles without a cap; Timer E stops at T2.
    capped: bool,
}

impl Retransmitted {
    fn new(now: Millis, bytes: Vec<u8>, capped: bool) -> Self {
        Retransmitted { bytes, next: Some((now + T1, T1)), capped }
    }

    fn due(&mut self, now: Millis) -> Option<Vec<u8>> {
        let (_, interval) = self.next.filter(|(at, _)| *at <= now)?;
        let next = if self.capped { (interval * 2).min(T2) } else { interval * 2 };
        self.next = Some((now + next, next));
        Some(self.bytes.clone())
    }
}

pub struct ClientDialog {
    invite: SipMessage,
    local: SocketAddr,
    state: DialogState,
    request: Option<Retransmitted>,
    cancel: Option<Retransmitted>,
    /// Cancelled before any provisional: the CANCEL goes when one comes.
    cancel_pending: bool,
    provisional: bool,
    rang: bool,
    ack: Option<Vec<u8>>,
    /// The 2xx, for the BYE's Request-URI, route and To.
    answer: Option<SipMessage>,
    deadline: Option<Millis>,
    outputs: VecDeque<DialogOutput>,
}

impl ClientDialog {
    /// Sends `invite` (built and signed by the caller) from `local` at `now`.
    pub fn new(now: Millis, invite: SipMessage, local: SocketAddr) -> Self {
        let bytes = invite.to_bytes();
        let mut d = ClientDialog {
            invite,
            local,
            state: DialogState::Inviting,
            request: Some(Retransmitted::new(now, bytes.clone(), false)),
            cancel: None,
            cancel_pending: false,
            provisional: false,
            rang: false,
            ack: None,
            answer: None,
            deadline: Some(now + TRANSACTION_TIMEOUT),
            outputs: VecDeque::new(),
        };
        d.outputs.push_back(DialogOutput::Transmit(bytes));
        d
    }

    pub fn state(&self) -> DialogState {
        self.state
    }

    pub fn call_id(&self) -> &str {
        self.invite.call_id().unwrap_or("")
    }

    pub fn poll_output(&mut self) -> Option<DialogOutput> {
        self.outputs.pop_front()
    }

    pub fn poll_timeout(&self) -> Option<Millis> {
        let retransmits = [&self.request, &self.cancel].into_iter().flatten().filter_map(|r| r.next.map(|n| n.0));
        retransmits.chain(self.deadline).min()
    }

    pub fn handle_timeout(&mut self, now: Millis) {
        if self.deadline.is_some_and(|d| d <= now) {
            self.deadline = None;
            match self.state {
                // Rang for Timer C: cancelled; its 487 (or Timer B after it) ends the call.
                DialogState::Inviting if self.provisional && self.cancel.is_none() => {
                    self.cancel(now);
                    return;
                }
                DialogState::Inviting => {
                    self.state = DialogState::Over;
                    self.request = None;
                    self.cancel = None;
                    let reason = if self.cancel_pending || self.cancel.is_some() {
                        "Request Terminated (no final response to our CANCEL)"
                    } else {
                        "Request Timeout (no final response)"
                    };
                    self.outputs.push_back(DialogOutput::Refused { status: 408, reason: reason.into(), warning: None });
                }
                DialogState::Hanging => self.over(false, None),
                _ => {}
            }
            return;
        }
        for r in [&mut self.request, &mut self.cancel].into_iter().flatten() {
            if let Some(bytes) = r.due(now) {
                self.outputs.push_back(DialogOutput::Transmit(bytes));
            }
        }
    }

    /// A response for this call (its Call-ID).
    pub fn handle_response(&mut self, now: Millis, msg: &SipMessage) {
        let Some(code) = msg.status() else { return };
        let method = msg.cseq().map(|c| c.1).unwrap_or("");
        match (method, code, self.state) {
            ("INVITE", 100..=199, DialogState::Inviting) => {
                self.provisional = true;
                // Timer A stops with a provisional; Timer C replaces Timer B (not after our CANCEL).
                if let Some(r) = self.request.as_mut() {
                    r.next = None;
                }
                if self.cancel.is_none() {
                    self.deadline = Some(now + TIMER_C);
                }
                if self.cancel_pending {
                    self.cancel(now);
                }
                if (180..=183).contains(&code) && !self.rang {
                    self.rang = true;
                    self.outputs.push_back(DialogOutput::Ringing(code));
                }
            }
            ("INVITE", 200..=299, DialogState::Inviting) => {
                let branch = format!("{}a", self.branch_seed());
                let ack = request_in_dialog(&self.invite, msg, "ACK", 1, &branch, "UDP", &self.local).to_bytes();
                self.outputs.push_back(DialogOutput::Transmit(ack.clone()));
                self.ack = Some(ack);
                self.answer = Some(msg.clone());
                self.request = None;
                self.cancel = None;
                self.deadline = None;
                self.state = DialogState::Confirmed;
                self.outputs.push_back(DialogOutput::Answered(Box::new(msg.clone())));
            }
            ("INVITE", 200..=299, _) => {
                // Our ACK was lost: the 2xx again.
                if let Some(ack) = self.ack.clone() {
                    self.outputs.push_back(DialogOutput::Transmit(ack));
                }
            }
            ("INVITE", 300..=699, DialogState::Inviting) => {
                // The ACK of a non-2xx is hop by hop: the INVITE's Request-URI, branch and route.
                let ack = self.invite.hop_by_hop("ACK", msg.header("To").unwrap_or(""));
                self.outputs.push_back(DialogOutput::Transmit(ack.to_bytes()));
                self.state = DialogState::Over;
                self.request = None;
                self.cancel = None;
                self.deadline = None;
                let reason = match &msg.start {
                    StartLine::Response { reason, .. } => reason.clone(),
                    _ => String::new(),
                };
                let warning = msg.header("Warning").map(str::to_owned);
                self.outputs.push_back(DialogOutput::Refused { status: code, reason, warning });
            }
            ("INVITE", 300..=699, DialogState::Over) => {
                // A retransmitted final: its ACK again.
                let ack = self.invite.hop_by_hop("ACK", msg.header("To").unwrap_or(""));
                self.outputs.push_back(DialogOutput::Transmit(ack.to_bytes()));
            }
            ("CANCEL", 200..=699, _) => {
                if let Some(c) = self.cancel.as_mut() {
                    c.next = None;
                }
            }
            ("BYE", 200..=699, DialogState::Hanging) => self.over(false, Some(code)),
            _ => {}
        }
    }

    /// A request of this dialog from the far side: the answer to send back (to where it came
    /// from), if any.
    pub fn handle_request(&mut self, _now: Millis, msg: &SipMessage) -> Option<SipMessage> {
        match msg.method() {
            Some("BYE") if matches!(self.state, DialogState::Confirmed | DialogState::Hanging) => {
                self.over(true, None);
                Some(msg.reply(200, "OK"))
            }
            Some("BYE") => Some(msg.reply(481, "Call/Transaction Does Not Exist")),
            Some("ACK") => None,
            // A re-INVITE, INFO, OPTIONS in the dialog: the session goes on as it was.
            Some("INVITE") => Some(msg.reply(488, "Not Acceptable Here (re-INVITE not supported)")),
            Some(_) => Some(msg.reply(200, "OK")),
            None => None,
        }
    }

    /// Gives up on a call not yet answered: CANCEL now if a provisional came, else when one
    /// does (§9.1). The final response (487, or a 2xx that crossed it) still comes.
    pub fn cancel(&mut self, now: Millis) {
        if self.state != DialogState::Inviting || self.cancel.is_some() {
            return;
        }
        if !self.provisional {
            self.cancel_pending = true;
            return;
        }
        self.cancel_pending = false;
        let bytes = self.invite.hop_by_hop("CANCEL", self.invite.header("To").unwrap_or("")).to_bytes();
        self.outputs.push_back(DialogOutput::Transmit(bytes.clone()));
        self.cancel = Some(Retransmitted::new(now, bytes, true));
        self.deadline = Some(now + TRANSACTION_TIMEOUT);
    }

    /// Ends the call from our side: BYE once answered, CANCEL before.
    pub fn hang_up(&mut self, now: Millis) {
        match self.state {
            DialogState::Inviting => self.cancel(now),
            DialogState::Confirmed => {
                let Some(answer) = &self.answer else { return };
                let branch = format!("{}b", self.branch_seed());
                let bye = request_in_dialog(&self.invite, answer, "BYE", 2, &branch, "UDP", &self.local).to_bytes();
                self.outputs.push_back(DialogOutput::Transmit(bye.clone()));
                self.request = Some(Retransmitted::new(now, bye, true));
                self.deadline = Some(now + TRANSACTION_TIMEOUT);
                self.state = DialogState::Hanging;
            }
            _ => {}
        }
    }

    fn over(&mut self, remote: bool, status: Option<u16>) {
        self.state = DialogState::Over;
        self.request = None;
        self.deadline = None;
        self.outputs.push_back(DialogOutput::Ended { remote, status });
    }

    /// The INVITE's branch, as the stem of the ACK's and BYE's (new transactions of their own).
    fn branch_seed(&self) -> String {
        self.invite.top_via().and_then(|v| v.branch()).unwrap_or("z9hG4bKgw").to_owned()
    }
}

/// An in-dialog request (ACK for 2xx, BYE) built from our INVITE and the 2xx (§12.2.1.1):
/// Request-URI = remote Contact, Route = Record-Route reversed, To with the remote tag.
pub(crate) fn request_in_dialog(
    invite: &SipMessage,
    resp: &SipMessage,
    method: &str,
    cseq: u32,
    branch: &str,
    via: &str,
    local: &SocketAddr,
) -> SipMessage {
    let target =
        resp.header_values("Contact").first().and_then(|c| Uri::parse(c).map(|_| c.to_string())).map(|c| {
            match (c.find('<'), c.find('>')) {
                (Some(a), Some(b)) if a < b => c[a + 1..b].to_owned(),
                _ => c,
            }
        });
    let uri = target.unwrap_or_else(|| invite.uri().unwrap_or("").to_owned());
    let mut m =
        SipMessage { start: StartLine::Request { method: method.into(), uri }, headers: Vec::new(), body: Vec::new() };
    let h = |name: &str, value: String| Header { name: name.into(), value };
    m.headers.push(h("Via", format!("SIP/2.0/{via} {local};branch={branch};rport")));
    let mut routes: Vec<&str> = resp.header_values("Record-Route");
    routes.reverse();
    for r in routes {
        m.headers.push(h("Route", r.to_owned()));
    }
    m.headers.push(h("Max-Forwards", "70".into()));
    m.headers.push(h("From", invite.header("From").unwrap_or("").into()));
    m.headers.push(h("To", resp.header("To").unwrap_or("").into()));
    m.headers.push(h("Call-ID", invite.call_id().unwrap_or("").into()));
    m.headers.push(h("CSeq", format!("{cseq} {method}")));
    // The whole call stays on the incident's trace, not just the INVITE.
    if let Some(t) = invite.header("X-IF-Trace-ID") {
        m.headers.push(h("X-IF-Trace-ID", t.to_owned()));
    }
    m
}

#[cfg(test)]
#[path = "dialog_tests.rs"]
mod tests;
