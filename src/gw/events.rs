//! The gateway's events, as the pipeline layer's [`Event`]s: `gw.sip` and `gw.h323` for the two
//! legs of each call (a step each: invite, answered, refused, acked, cancelled, bye_received,
//! bye_sent, bye_answered; setup, proceeding, alerting, connected, released, connect_failed),
//! and `gw.ras` for each RAS transaction of the gateway's endpoint. A call the council placed
//! (H.323 to SIP, `direction: h323_to_sip`) has its own steps: incoming, alerting, connected,
//! released; invite_sent, ringing, answered, refused, cancelled, bye_sent, bye_received,
//! bye_answered. Every one of a call carries its trace id (the INVITE's `X-IF-Trace-ID`, or the
//! council's call description's) and names the SIP Call-ID (`sip_call_id`, which
//! `if-witness audit` looks up in the proxy's log).

use crate::h323::endpoint::EndpointRecord;
use crate::media::g711::Law;
use crate::message::{fields_of, Event, Hazard, Performative};
use crate::sip::sdp::SdpSummary;
use crate::time::Millis;
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Leg {
    #[default]
    Sip,
    H323,
}

/// One step of one call's leg.
#[derive(Clone, Debug, Default, Serialize)]
pub struct GwRecord {
    #[serde(skip)]
    pub leg: Leg,
    pub step: &'static str,
    /// `h323_to_sip` for a call the council places; absent for a SIP call into the council.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<&'static str>,
    /// The gateway's number for the call.
    pub call: u64,
    /// Absent until a call the council placed has sent its INVITE.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sip_call_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub h323_call_id: Option<String>,
    /// Monotonic milliseconds since the gateway started.
    pub at_ms: Millis,
    /// The agent whose X-IF-Signature verified; without, why it did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer: Option<SdpSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<SdpSummary>,
    /// SIP status sent (answered, refused) or received (bye_answered).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The SIP reason phrase, or the ReleaseCompleteReason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sip_law: Option<Law>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub h323_law: Option<Law>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcoding: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<Millis>,
    /// RTP packets relayed each way over the call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtp_to_h323: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtp_to_sip: Option<u64>,
    #[serde(skip)]
    pub trace_id: String,
    #[serde(skip)]
    pub hazard: Option<Hazard>,
}

#[derive(Clone, Debug)]
pub enum GwEvent {
    Call(GwRecord),
    /// A RAS transaction of the gateway's endpoint, with the SIP call it was for.
    Ras {
        record: EndpointRecord,
        sip_call_id: Option<String>,
    },
}

impl Event for GwEvent {
    fn name(&self) -> &str {
        match self {
            GwEvent::Call(r) if r.leg == Leg::Sip => "gw.sip",
            GwEvent::Call(_) => "gw.h323",
            GwEvent::Ras { .. } => "gw.ras",
        }
    }

    fn summary(&self) -> String {
        match self {
            GwEvent::Call(r) => {
                let mut s = format!("call {} {}", r.call, r.step);
                if let Some(code) = r.status {
                    s.push_str(&format!(" {code}"));
                }
                if let Some(reason) = &r.reason {
                    s.push_str(&format!(" {reason}"));
                }
                s
            }
            GwEvent::Ras { record, .. } => record.summary(),
        }
    }

    fn content(&self) -> Map<String, Value> {
        match self {
            GwEvent::Call(r) => fields_of(r),
            GwEvent::Ras { record, sip_call_id } => {
                let mut m = fields_of(record);
                if let Some(c) = sip_call_id {
                    m.insert("sip_call_id".into(), Value::String(c.clone()));
                }
                m
            }
        }
    }

    /// A call the gateway refused (for its gatekeeper's ARJ, the MCU's release) or an ARJ is a
    /// refusal on the record.
    fn performative(&self) -> Performative {
        match self {
            GwEvent::Call(r) if r.step == "refused" && r.status.is_some_and(|s| s != 487) => Performative::Refuse,
            GwEvent::Ras { record, .. } if record.is_refusal() => Performative::Refuse,
            _ => Performative::Inform,
        }
    }

    fn trace_id(&self) -> Option<String> {
        match self {
            GwEvent::Call(r) => Some(r.trace_id.clone()),
            GwEvent::Ras { record, .. } => record.trace_id.clone(),
        }
    }

    fn hazard(&self) -> Option<Hazard> {
        match self {
            GwEvent::Call(r) => r.hazard.clone(),
            GwEvent::Ras { record, .. } => record.hazard.clone(),
        }
    }
}
