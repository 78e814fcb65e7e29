//! The escalation caller's driver: one UDP socket towards the proxy, the [`Uac`] core, and one
//! loop that waits for a packet, an input or the core's next deadline. What an input is (a line
//! of stdin, checked by the pipeline layer) is the [`Caller`]'s business, not this module's.

use super::uac::{CallEvent, CallRequest, Origin, Uac, UacOutput, MAX_EXPERTS};
use super::xif::HazardHeader;
use crate::inbox::{Inbox, Wait};
use crate::message::{IfMessage, Performative};
use crate::policy::Policy;
use crate::time::Millis;
use serde_json::Value;
use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

/// What a message asks of the caller.
#[derive(Debug)]
pub enum Ask {
    /// Not an escalation: nothing to call about.
    Nothing,
    Call(CallRequest),
    /// An escalation no call can be placed for, with the SIP-style status and reason reported.
    Unplaceable {
        status: u16,
        reason: String,
        origin: Origin,
    },
}

/// Decides what `msg` (already verified) asks: when it escalates (`escalate`, or a hazard that
/// auto-escalates), calls to every expert qualified for its hazard with a SIP address, at once
/// (at most [`MAX_EXPERTS`], in the policy's order).
pub fn ask(msg: &IfMessage, policy: &Policy) -> Ask {
    let auto = msg.hazard.as_ref().and_then(|h| h.auto_escalate).unwrap_or(false);
    if msg.performative != Performative::Escalate && !auto {
        return Ask::Nothing;
    }
    let origin = Origin {
        trace_id: msg.trace_id.clone(),
        conversation_id: Some(msg.conversation_id.clone()),
        hazard: msg.hazard.clone(),
    };
    let Some(kind) = msg.hazard.as_ref().and_then(|h| h.kind) else {
        return Ask::Unplaceable { status: 400, reason: "escalation without a hazard type".into(), origin };
    };
    let experts: Vec<String> =
        policy.experts_for(kind, "sip").filter_map(|e| e.address("sip")).take(MAX_EXPERTS).map(str::to_owned).collect();
    if experts.is_empty() {
        return Ask::Unplaceable { status: 404, reason: format!("no expert handles {kind} hazards"), origin };
    }
    let subject = msg
        .content
        .get("summary")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{kind} escalation from {}", msg.sender));
    Ask::Call(CallRequest {
        origin,
        experts,
        hazard: HazardHeader { kind, severity: msg.hazard.as_ref().and_then(|h| h.severity), auto_escalate: auto },
        trace_id: msg.trace_id.clone(),
        subject,
    })
}

/// An input to the caller's loop: a packet from the proxy, or one of the caller's own inputs.
pub enum CallerInput<L> {
    Packet(Vec<u8>),
    Input(L),
}

/// What the loop hands its inputs and events to.
pub trait Caller<L> {
    /// One input; `None` means the input has ended.
    fn input(&mut self, input: L) -> Option<Ask>;
    fn event(&mut self, event: CallEvent);
    /// False once no new calls may start (the event stream was lost).
    fn admitting(&self) -> bool;
}

/// Runs calls until the input has ended (or admission stopped) and every call is over. `inbox`
/// carries the caller's inputs already; the socket's packets are added here.
pub fn run<L: Send + 'static>(
    mut uac: Uac,
    sock: UdpSocket,
    via: SocketAddr,
    mut inbox: Inbox<CallerInput<L>>,
    caller: &mut dyn Caller<L>,
) -> io::Result<()> {
    {
        let sock = sock.try_clone()?;
        let feed = inbox.sender();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65_536];
            while let Ok((n, _)) = sock.recv_from(&mut buf) {
                if !feed.send(CallerInput::Packet(buf[..n].to_vec())) {
                    return;
                }
            }
        });
    }
    inbox.seal();
    let start = Instant::now();
    let now = || start.elapsed().as_millis() as Millis;
    let mut input_open = true;
    while (input_open && caller.admitting()) || uac.active() > 0 {
        let deadline = uac.poll_timeout().map(|at| start + Duration::from_millis(at));
        match inbox.wait_until(deadline) {
            Wait::Input(CallerInput::Packet(p)) => uac.handle_packet(now(), &p),
            Wait::Input(CallerInput::Input(line)) if input_open && caller.admitting() => match caller.input(line) {
                None => input_open = false,
                Some(Ask::Nothing) => {}
                Some(Ask::Call(req)) => uac.start(now(), req),
                Some(Ask::Unplaceable { status, reason, origin }) => uac.fail_unplaced(origin, "", status, reason),
            },
            Wait::Input(CallerInput::Input(_)) | Wait::Deadline => {}
            Wait::Closed => input_open = false,
        }
        uac.handle_timeout(now());
        while let Some(o) = uac.poll_output() {
            match o {
                UacOutput::Transmit { bytes } => {
                    if let Err(e) = sock.send_to(&bytes, via) {
                        tracing::warn!("send to {via}: {e}");
                    }
                }
                UacOutput::Event(ev) => caller.event(*ev),
            }
        }
    }
    Ok(())
}
