//! The NDI tools' events, as [`Event`]s: a card put on the air (`ndi.card`), and the viewer's
//! verdicts (`ndi.verified`, `ndi.anomaly`).

use super::verify::Verdict;
use crate::message::{fields_of, Event, Hazard, HazardType, Level};
use serde::Serialize;
use serde_json::{Map, Value};

/// A new card on an evidence stream, from the message it shows.
#[derive(Clone, Debug, Serialize)]
pub struct CardShown {
    /// The NDI source name.
    pub source: String,
    pub chain: String,
    /// The card's number on this chain (from 1).
    pub card: u64,
    /// The first frame that shows it.
    pub first_frame: u64,
    /// SHA-256 of the card's text (headline, severity, lines).
    pub card_sha256: String,
    pub message_sender: Value,
    #[serde(skip)]
    pub headline: String,
    #[serde(skip)]
    pub trace_id: Option<String>,
    #[serde(skip)]
    pub hazard: Option<Hazard>,
}

impl Event for CardShown {
    fn name(&self) -> &str {
        "ndi.card"
    }
    fn summary(&self) -> String {
        format!("card {} on NDI source {}: {}", self.card, self.source, self.headline)
    }
    fn content(&self) -> Map<String, Value> {
        fields_of(self)
    }
    fn trace_id(&self) -> Option<String> {
        self.trace_id.clone()
    }
    fn hazard(&self) -> Option<Hazard> {
        self.hazard.clone()
    }
}

/// A verdict of the viewer on a stream.
pub struct StreamEvent<'a> {
    pub verdict: &'a Verdict,
    /// The source's label (name or address).
    pub source: &'a str,
}

impl StreamEvent<'_> {
    fn kind(&self) -> String {
        fields_of(self.verdict).get("kind").and_then(Value::as_str).unwrap_or("anomaly").to_owned()
    }
}

impl Event for StreamEvent<'_> {
    fn name(&self) -> &str {
        if self.verdict.is_anomaly() {
            "ndi.anomaly"
        } else {
            "ndi.verified"
        }
    }
    fn summary(&self) -> String {
        match self.verdict {
            Verdict::Verified { n, chain, .. } => format!("frame {n} of chain {chain} on {} verified", self.source),
            _ => format!("{} on evidence stream {}", self.kind(), self.source),
        }
    }
    fn content(&self) -> Map<String, Value> {
        let mut c = fields_of(self.verdict);
        c.insert("source".into(), self.source.into());
        c
    }
    fn trace_id(&self) -> Option<String> {
        match self.verdict {
            Verdict::Verified { trace, .. } => Some(trace.clone()),
            _ => None,
        }
    }
    /// Evidence that does not verify is a safety hazard for whoever acts on it.
    fn hazard(&self) -> Option<Hazard> {
        self.verdict.is_anomaly().then(|| Hazard {
            kind: Some(HazardType::Safety),
            severity: Some(Level::High),
            auto_escalate: Some(false),
            rationale: Some(format!("evidence stream {}: {}", self.source, self.kind())),
            ..Default::default()
        })
    }
}
