//! The H.323 records as the pipeline layer's [`Event`]s: the gatekeeper's and the endpoint's, one
//! per RAS transaction (an ARQ and its ACF or ARJ together), and the MCU's (calls and the
//! conference), each with its call description's trace id.

use super::endpoint::{EndpointRecord, Outcome};
use super::gatekeeper::RasRecord;
use super::mcu::{CouncilRecord, McuRecord};
use crate::message::{fields_of, Event, Hazard, Performative};
use serde_json::{Map, Value};

/// What every H.323 record carries from the call description it belongs to: the trace id, the
/// hazard and the conversation, the same three accessors for each.
macro_rules! call_description {
    () => {
        fn trace_id(&self) -> Option<String> {
            self.trace_id.clone()
        }

        fn hazard(&self) -> Option<Hazard> {
            self.hazard.clone()
        }

        fn conversation_id(&self) -> Option<String> {
            self.conversation_id.clone()
        }
    };
}

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

    call_description!();
}

impl Event for EndpointRecord {
    fn name(&self) -> &str {
        "h323.endpoint"
    }

    /// `admit council -> admissionConfirm`, `register guardian-01 -> registrationReject
    /// duplicateAlias`, `keep_alive ep-3: no answer after 3 tries`.
    fn summary(&self) -> String {
        let who = self
            .destination
            .clone()
            .or_else(|| self.call_id.map(|c| c.to_string()))
            .or_else(|| self.endpoint.clone())
            .or_else(|| self.aliases.first().cloned())
            .unwrap_or_else(|| self.gatekeeper.clone());
        let step = self.step.name();
        let detail = self.detail.as_deref().unwrap_or("");
        let answer = match (self.outcome, self.answer) {
            (Outcome::Unanswered, _) | (_, None) => return format!("{step} {who}: {detail}"),
            (Outcome::Unsent, _) => return format!("{step} {who}: not sent: {detail}"),
            (_, Some(answer)) => answer,
        };
        let mut line = format!("{step} {who} -> {answer}");
        if let Some(reason) = self.reason {
            line = format!("{line} {reason}");
        }
        if let Some(detail) = &self.detail {
            line = format!("{line}: {detail}");
        }
        line
    }

    fn content(&self) -> Map<String, Value> {
        fields_of(self)
    }

    /// A request the gatekeeper rejected (or this endpoint, one of the gatekeeper's) is a
    /// refusal on the record.
    fn performative(&self) -> Performative {
        if self.is_refusal() {
            Performative::Refuse
        } else {
            Performative::Inform
        }
    }

    call_description!();
}

impl Event for McuRecord {
    fn name(&self) -> &str {
        match self.step {
            "setup" | "admission" | "released" | "dropped" | "invite" | "setup_sent" | "proceeding" | "alerting" => {
                "h323.call"
            }
            _ => "h323.conference",
        }
    }

    fn summary(&self) -> String {
        let who = self.alias.clone().or(self.peer.clone()).unwrap_or_else(|| "the conference".into());
        let mut s = format!("{} {who}", self.step);
        if let Some(r) = &self.reason {
            s = format!("{s}: {r}");
        }
        if let Some(d) = &self.detail {
            s = format!("{s} ({d})");
        }
        s
    }

    fn content(&self) -> Map<String, Value> {
        fields_of(self)
    }

    fn performative(&self) -> Performative {
        if self.refusal {
            Performative::Refuse
        } else {
            Performative::Inform
        }
    }

    call_description!();
}

/// The council's vote: `h323.conference` records like the conference's others (the board that
/// renders them reads one name), with the vote's conversation and the escalation's trace id.
impl Event for CouncilRecord {
    fn name(&self) -> &str {
        "h323.conference"
    }

    /// `vote guardian-02: agree`, `decision if://conversation/..: approved`, `vote_refused: ...`.
    fn summary(&self) -> String {
        let who = self.alias.clone().or(self.agent.clone()).or(self.claimed_agent.clone());
        match self.step {
            "vote" => format!("vote {}: {}", who.unwrap_or_default(), self.choice.map_or("", |c| c.name())),
            "vote_refused" => {
                format!("vote_refused {}: {}", who.unwrap_or_else(|| "?".into()), self.reason.as_deref().unwrap_or(""))
            }
            "decision" => {
                let outcome = self.outcome.map_or("", |o| o.name());
                format!("decision {}: {outcome}", self.conversation.as_deref().unwrap_or(""))
            }
            step => format!(
                "{step} {}: {}",
                self.conversation.as_deref().unwrap_or(""),
                self.question.as_deref().unwrap_or("")
            ),
        }
    }

    fn content(&self) -> Map<String, Value> {
        fields_of(self)
    }

    /// A refused vote is a refusal on the record.
    fn performative(&self) -> Performative {
        if self.step == "vote_refused" {
            Performative::Refuse
        } else {
            Performative::Inform
        }
    }

    fn trace_id(&self) -> Option<String> {
        self.trace_id.clone()
    }

    fn conversation_id(&self) -> Option<String> {
        self.conversation_id.clone()
    }
}
