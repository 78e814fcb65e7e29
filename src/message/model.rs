//! Typed model of IFMessage v2.1 (`ifmessage-v2.1.schema.json`), and schema validation.
//!
//! Serde enforces structure (required fields, types, enums, no unknown top-level field);
//! `validate` adds what serde cannot express (patterns, ranges, date-time).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Performative {
    Request,
    Inform,
    Agree,
    Refuse,
    QueryIf,
    QueryRef,
    Contradict,
    Escalate,
    Share,
    Hold,
}

impl std::str::FromStr for Performative {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        serde_json::from_value(Value::String(s.to_owned())).map_err(|_| {
            format!("unknown performative `{s}` (one of request, inform, agree, refuse, query-if, query-ref, contradict, escalate, share, hold)")
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Receiver {
    One(String),
    Many(Vec<String>),
}

macro_rules! string_enum {
    ($name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),* }
        impl $name {
            pub const ALL: &'static [&'static str] = &[$($text),*];
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $text),* } }
        }
        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s { $($text => Ok($name::$variant),)* _ => Err(format!("`{s}` is not one of {}", Self::ALL.join(", "))) }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

string_enum!(Domain { Legal = "legal", Finance = "finance", Markets = "markets", Macro = "macro", Technical = "technical", Governance = "governance" });
string_enum!(Level { Low = "low", Medium = "medium", High = "high", Critical = "critical" });
string_enum!(HazardType { Legal = "legal", Safety = "safety", Conflict = "conflict", Ethical = "ethical", Privacy = "privacy" });

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scope {
    pub mission_id: String,
    pub workflow: String,
    pub domain: Domain,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Level>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThresholdOverride {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Hazard {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<HazardType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_escalate: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_override: Option<ThresholdOverride>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Provenance {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_usd: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens_used: Option<u64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Provenance {
    /// The provenance of a message this build of the toolkit made: `ifconnect 0.1.0`.
    pub fn this_build() -> Self {
        Provenance { version: Some(concat!("ifconnect ", env!("CARGO_PKG_VERSION")).into()), ..Default::default() }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    pub algorithm: String,
    pub public_key: String,
    pub signature_bytes: String,
    pub signed_fields: Vec<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One IFMessage v2.1. `signature` is optional only so drafts can be built before signing;
/// `validate` requires it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IfMessage {
    pub performative: Performative,
    pub sender: String,
    pub receiver: Receiver,
    pub conversation_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    pub content: Map<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation_ids: Option<Vec<String>>,
    pub timestamp: String,
    pub sequence_num: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    pub nonce: String,
    pub ttl: u32,
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hazard: Option<Hazard>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<Signature>,
}

/// Why a document is not a valid IFMessage v2.1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("schema: {0}")]
pub struct SchemaError(pub String);

fn is_lower_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

pub fn is_trace_id(s: &str) -> bool {
    is_lower_hex(s, 12)
}

pub fn is_nonce(s: &str) -> bool {
    is_lower_hex(s, 24)
}

fn require(ok: bool, msg: impl FnOnce() -> String) -> Result<(), SchemaError> {
    if ok {
        Ok(())
    } else {
        Err(SchemaError(msg()))
    }
}

impl IfMessage {
    /// Checks every constraint of the v2.1 schema that the type does not already enforce.
    pub fn check(&self, require_signature: bool) -> Result<(), SchemaError> {
        let agent = |field: &str, v: &str| {
            require(v.starts_with("if://agent/"), || format!("`{field}` must start with if://agent/ (got `{v}`)"))
        };
        agent("sender", &self.sender)?;
        match &self.receiver {
            Receiver::One(r) => agent("receiver", r)?,
            Receiver::Many(rs) => rs.iter().try_for_each(|r| agent("receiver", r))?,
        }
        require(self.conversation_id.starts_with("if://conversation/"), || {
            "`conversation_id` must start with if://conversation/".into()
        })?;
        if let Some(t) = &self.topic {
            require(t.starts_with("if://topic/"), || "`topic` must start with if://topic/".into())?;
        }
        for c in self.citation_ids.iter().flatten() {
            require(c.starts_with("if://citation/") || c.starts_with("cit:"), || {
                format!("citation id `{c}` must start with if://citation/ or cit:")
            })?;
        }
        crate::time::parse_rfc3339(&self.timestamp).map_err(|e| SchemaError(format!("`timestamp`: {e}")))?;
        require(self.sequence_num >= 1, || "`sequence_num` must be at least 1".into())?;
        if let Some(t) = &self.trace_id {
            require(is_trace_id(t), || format!("`trace_id` must be 12 lower-case hex digits (got `{t}`)"))?;
        }
        require(is_nonce(&self.nonce), || "`nonce` must be 24 lower-case hex digits".into())?;
        require((1..=3600).contains(&self.ttl), || format!("`ttl` must be 1..=3600 seconds (got {})", self.ttl))?;
        if let Some(h) = &self.topic_hash {
            require(h.strip_prefix("sha256:").is_some_and(|x| is_lower_hex(x, 64)), || {
                "`topic_hash` must be sha256:<64 hex>".into()
            })?;
        }
        if let Some(c) =
            self.hazard.as_ref().and_then(|h| h.threshold_override.as_ref()).and_then(|t| t.original_confidence)
        {
            require((0.0..=1.0).contains(&c), || {
                "`hazard.threshold_override.original_confidence` must be within 0..1".into()
            })?;
        }
        if let Some(c) = self.provenance.as_ref().and_then(|p| p.cost_usd) {
            require(c >= 0.0, || "`provenance.cost_usd` must not be negative".into())?;
        }
        match &self.signature {
            None => require(!require_signature, || "missing field `signature`".into())?,
            Some(s) => {
                require(s.algorithm == "ed25519", || {
                    format!("`signature.algorithm` must be ed25519 (got `{}`)", s.algorithm)
                })?;
                let b64 = s.public_key.strip_prefix("ed25519:").unwrap_or("");
                require(
                    !b64.is_empty()
                        && b64.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')),
                    || "`signature.public_key` must be ed25519:<base64>".into(),
                )?;
                let hex = s.signature_bytes.strip_prefix("ed25519:").unwrap_or("");
                require(!hex.is_empty() && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')), || {
                    "`signature.signature_bytes` must be ed25519:<lower-case hex>".into()
                })?;
                // The signature block is the one part no signature covers: anything more in it
                // would ride along unsigned in a message that verifies (the schema allows it;
                // we do not, as with top-level fields not in `signed_fields`).
                if let Some(k) = s.extra.keys().next() {
                    return Err(SchemaError(format!(
                        "`signature.{k}` is not signed: a signature block holds only algorithm, public_key, \
                         signature_bytes and signed_fields"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Parses and validates a JSON value as a signed IFMessage.
    pub fn from_value(value: &Value) -> Result<Self, SchemaError> {
        if !value.is_object() {
            return Err(SchemaError("an IFMessage must be a JSON object".into()));
        }
        let msg: IfMessage = IfMessage::deserialize(value).map_err(|e| SchemaError(e.to_string()))?;
        msg.check(true)?;
        Ok(msg)
    }

    /// `from_value` without copying `content`, the bulk of most messages: it is moved aside for
    /// the typed check and put back. The returned message has an empty `content`.
    pub fn check_value(value: &mut Value) -> Result<Self, SchemaError> {
        let Some(map) = value.as_object_mut() else {
            return Err(SchemaError("an IFMessage must be a JSON object".into()));
        };
        let content = match map.get_mut("content") {
            Some(Value::Object(c)) => std::mem::take(c),
            _ => return Self::from_value(value),
        };
        let result = Self::from_value(value);
        if let Some(Value::Object(c)) = value.get_mut("content") {
            *c = content;
        }
        result
    }

    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("IfMessage always serialises")
    }

    pub fn receivers(&self) -> Vec<&str> {
        match &self.receiver {
            Receiver::One(r) => vec![r.as_str()],
            Receiver::Many(rs) => rs.iter().map(String::as_str).collect(),
        }
    }
}

/// True when a JSON object looks like an IFMessage rather than foreign data.
pub fn looks_like_ifmessage(map: &Map<String, Value>) -> bool {
    map.contains_key("performative") && map.contains_key("sender") && map.contains_key("signature")
}
