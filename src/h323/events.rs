//! The gatekeeper's records as the pipeline layer's [`Event`]s: one per RAS transaction (an ARQ
//! and its ACF or ARJ together), with the call description's trace id.

use super::gatekeeper::RasRecord;
use crate::message::{fields_of, Event, Hazard, Performative};
use serde_json::{Map, Value};

impl Event for RasRecord {
    fn name(&self) -> &str {
        "h323.ras"
    }

    fn summary(&self) -> String {
        let who = self.endpoint.as_deref().unwrap_or(&self.peer);
        match (self.answer, self.reason, &self.detail) {
            (Some(answer), Some(reason), Some(detail)) => {
                format!("{} {who} -> {answer} {reason}: {detail}", self.request)
            }
            (Some(answer), _, _) => format!("{} {who} -> {answer}", self.request),
            (None, _, Some(detail)) => format!("{} {who}: {detail}", self.request),
            (None, _, None) => format!("{} {who}", self.request),
        }
    }

    fn content(&self) -> Map<String, Value> {
        fields_of(self)
    }

    /// A request a gate refused is a refusal on the record.
    fn performative(&self) -> Performative {
        if self.is_refusal() {
            Performative::Refuse
        } else {
            Performative::Inform
        }
    }

    fn trace_id(&self) -> Option<String> {
        self.trace_id.clone()
    }

    fn hazard(&self) -> Option<Hazard> {
        self.hazard.clone()
    }

    fn conversation_id(&self) -> Option<String> {
        self.conversation_id.clone()
    }
}
