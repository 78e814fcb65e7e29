//! The NDI tools' events, as [`Event`]s: a card put on the air (`ndi.card`), the viewer's
//! verdicts (`ndi.verified`, `ndi.anomaly`), and a new state of the council's board on the air
//! (`ndi.board`).

use super::board::TileSummary;
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

/// The board's tiles changed (a participant joined, muted, voted; an evidence stream turned
/// broken; the decision arrived), and the picture showing it is on the air.
#[derive(Clone, Debug, Serialize)]
pub struct BoardShown {
    /// The board's NDI source name.
    pub source: String,
    pub chain: String,
    /// The picture's number on the chain (each frame's record `card`).
    pub card: u64,
    /// The first frame that shows it.
    pub first_frame: u64,
    pub tiles: Vec<TileSummary>,
    #[serde(skip)]
    pub trace_id: Option<String>,
}

impl BoardShown {
    fn broken(&self) -> Vec<&str> {
        self.tiles
            .iter()
            .filter(|t| t.kind == "evidence" && t.status.starts_with("broken"))
            .map(|t| t.label.as_str())
            .collect()
    }
}

impl Event for BoardShown {
    fn name(&self) -> &str {
        "ndi.board"
    }
    fn summary(&self) -> String {
        let broken = self.broken();
        let mut s = format!("board {} picture {}: {} tiles", self.source, self.card, self.tiles.len());
        if !broken.is_empty() {
            s += &format!(", evidence broken: {}", broken.join(", "));
        }
        s
    }
    fn content(&self) -> Map<String, Value> {
        fields_of(self)
    }
    fn trace_id(&self) -> Option<String> {
        self.trace_id.clone()
    }
    /// A board showing broken evidence is a safety hazard for the council deciding on it.
    fn hazard(&self) -> Option<Hazard> {
        let broken = self.broken();
        (!broken.is_empty()).then(|| Hazard {
            kind: Some(HazardType::Safety),
            severity: Some(Level::High),
            auto_escalate: Some(false),
            rationale: Some(format!("the council's board shows broken evidence: {}", broken.join(", "))),
            ..Default::default()
        })
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
