//! The proxy's and the caller's events, as the pipeline layer's [`Event`]s: each names itself,
//! sums itself up in one line and says which incident (trace id, hazard) it belongs to.

use super::proxy::TransactionRecord;
use super::uac::{CallEvent, CallEventKind};
use super::xif::HazardHeader;
use crate::message::{fields_of, Event, Hazard, Performative};
use serde_json::{Map, Value};

impl Event for TransactionRecord {
    fn name(&self) -> &str {
        "sip.transaction"
    }

    fn summary(&self) -> String {
        format!("{} {} -> {} {}", self.method, self.request_uri, self.status, self.reason)
    }

    fn content(&self) -> Map<String, Value> {
        fields_of(self)
    }

    /// A request a gate refused is a refusal on the record, not just information.
    fn performative(&self) -> Performative {
        if self.refused.is_some() {
            Performative::Refuse
        } else {
            Performative::Inform
        }
    }

    fn trace_id(&self) -> Option<String> {
        self.trace_id.as_deref().map(|t| t.trim().to_owned())
    }

    fn hazard(&self) -> Option<Hazard> {
        let h = HazardHeader::parse(self.hazard.as_deref()?).ok()?;
        Some(Hazard {
            kind: Some(h.kind),
            severity: h.severity,
            auto_escalate: Some(h.auto_escalate),
            rationale: self.refused.clone(),
            ..Hazard::default()
        })
    }
}

impl CallEventKind {
    pub fn name(&self) -> &'static str {
        match self {
            CallEventKind::Trying => "call.trying",
            CallEventKind::Ringing => "call.ringing",
            CallEventKind::Answered { .. } => "call.answered",
            CallEventKind::Failed { .. } => "call.failed",
            CallEventKind::Ended { .. } => "call.ended",
            CallEventKind::Forked { .. } => "call.forked",
        }
    }
}

/// One call's progress, as an event of the incident it was placed for.
pub struct EscalationEvent<'a>(pub &'a CallEvent);

impl Event for EscalationEvent<'_> {
    fn name(&self) -> &str {
        self.0.kind.name()
    }

    fn summary(&self) -> String {
        format!("{} {}", self.0.kind.name(), self.0.expert)
    }

    fn content(&self) -> Map<String, Value> {
        fields_of(self.0)
    }

    fn trace_id(&self) -> Option<String> {
        self.0.origin.trace_id.clone()
    }

    fn hazard(&self) -> Option<Hazard> {
        self.0.origin.hazard.clone()
    }

    fn conversation_id(&self) -> Option<String> {
        self.0.origin.conversation_id.clone()
    }
}
