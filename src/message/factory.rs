//! Builds signed messages with the defaults every tool shares (documented in `docs/if-msg.md`).

use super::limits::{self, LimitError};
use super::model::*;
use super::sign::{sign_message, sign_to_canonical};
use crate::keys::{self, SecretKey, SequenceAllocator};
use crate::time::{format_rfc3339, UnixMillis};
use rand_core::RngCore;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// `bytes` random bytes as lower-case hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand_core::OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

/// What a caller decides about a message; everything else is filled in by the factory.
#[derive(Clone, Debug)]
pub struct MessageSpec {
    pub performative: Performative,
    pub receiver: Receiver,
    pub content: Map<String, Value>,
    /// Default: `if://conversation/<trace_id>`.
    pub conversation_id: Option<String>,
    /// Default: a fresh random trace id.
    pub trace_id: Option<String>,
    pub scope: Scope,
    /// Seconds, default 300 (the schema's default).
    pub ttl: u32,
    pub topic: Option<String>,
    pub hazard: Option<Hazard>,
    pub provenance: Option<Provenance>,
    pub citation_ids: Option<Vec<String>>,
}

impl MessageSpec {
    pub fn new(performative: Performative, receiver: &str, scope: Scope) -> Self {
        MessageSpec {
            performative,
            receiver: Receiver::One(receiver.to_owned()),
            content: Map::new(),
            conversation_id: None,
            trace_id: None,
            scope,
            ttl: 300,
            topic: None,
            hazard: None,
            provenance: None,
            citation_ids: None,
        }
    }
}

/// Default scope: mission `ifconnect`, the given workflow, domain `technical`.
pub fn default_scope(workflow: &str) -> Scope {
    Scope {
        mission_id: "ifconnect".into(),
        workflow: workflow.into(),
        domain: Domain::Technical,
        priority: None,
        extra: Map::new(),
    }
}

/// The unsigned message `spec` describes, with the factory's defaults.
fn assemble(spec: MessageSpec, sender: String, sequence_num: u64, now: UnixMillis) -> IfMessage {
    let trace_id = spec.trace_id.unwrap_or_else(|| random_hex(6));
    let conversation_id = spec.conversation_id.unwrap_or_else(|| format!("if://conversation/{trace_id}"));
    let topic_hash = format!("sha256:{}", hex::encode(Sha256::digest(conversation_id.as_bytes())));
    IfMessage {
        performative: spec.performative,
        sender,
        receiver: spec.receiver,
        conversation_id,
        topic: spec.topic,
        protocol: None,
        content: spec.content,
        citation_ids: spec.citation_ids,
        timestamp: format_rfc3339(now),
        sequence_num,
        trace_id: Some(trace_id),
        nonce: random_hex(12),
        ttl: spec.ttl,
        scope: spec.scope,
        topic_hash: Some(topic_hash),
        hazard: spec.hazard,
        // Every message a tool of this build makes says so, unless the caller says more
        // (`if-witness audit`'s `provenance` rule asks every entry where it came from).
        provenance: Some(spec.provenance.unwrap_or_else(Provenance::this_build)),
        signature: None,
    }
}

impl MessageSpec {
    /// Whether the message this spec describes, signed by `sender`, is within the limits
    /// (`message::limits`): checked before it is queued for signing, so a signer can refuse the
    /// input that asked for it instead of emitting what no verifier accepts. The size is an upper
    /// bound exact but for the sequence number, counted at its widest.
    pub fn check_limits(&self, sender: &str) -> Result<(), LimitError> {
        let bytes = self.size_bound(sender)?;
        limits::check_size(bytes).map_err(|_| LimitError::WouldBeTooLarge { bytes, limit: limits::MAX_MESSAGE_BYTES })
    }

    /// The nesting checked, the canonical size of the signed message at most.
    fn size_bound(&self, sender: &str) -> Result<usize, LimitError> {
        // `content` is level 2 of the message, its members level 3.
        self.content.values().try_for_each(|v| limits::check_depth_at(v, 3))?;
        let outline = MessageSpec {
            performative: self.performative,
            receiver: self.receiver.clone(),
            content: Map::new(),
            conversation_id: self.conversation_id.clone(),
            trace_id: Some(self.trace_id.clone().unwrap_or_else(|| "0".repeat(12))),
            scope: self.scope.clone(),
            ttl: self.ttl,
            topic: self.topic.clone(),
            hazard: self.hazard.clone(),
            provenance: self.provenance.clone(),
            citation_ids: self.citation_ids.clone(),
        };
        // Timestamps have one length (years 0000-9999); the sequence number is counted at its widest.
        let Value::Object(mut map) = assemble(outline, sender.to_owned(), u64::MAX, 0).to_value() else {
            unreachable!("IfMessage is an object")
        };
        limits::check_depth(&Value::Object(map.clone()))?;
        let fields: Vec<Value> = map.keys().cloned().map(Value::from).collect();
        map.insert(
            "signature".into(),
            serde_json::json!({
                "algorithm": "ed25519",
                "public_key": format!("ed25519:{}", "A".repeat(44)),
                "signature_bytes": format!("ed25519:{}", "0".repeat(128)),
                "signed_fields": fields,
            }),
        );
        let outline_len = crate::json::canonical(&Value::Object(map)).len();
        // The outline's content is `{}`; the message's is the content's canonical form.
        Ok(outline_len - 2 + crate::json::canonical_map(&self.content).len())
    }
}

/// Signs messages as one agent, with sequence numbers persisted beside its key.
pub struct MessageFactory {
    pub key: SecretKey,
    seq: SequenceAllocator,
}

impl MessageFactory {
    /// `block` is how many sequence numbers to reserve at a time: 1 for one-shot commands, more
    /// for streams.
    pub fn new(key: SecretKey, block: u64) -> Self {
        let seq = SequenceAllocator::for_key(&key.path, block);
        MessageFactory { key, seq }
    }

    pub fn sender(&self) -> &str {
        &self.key.agent
    }

    pub fn next_sequence(&mut self) -> Result<u64, keys::Error> {
        self.seq.allocate()
    }

    pub fn build(&mut self, spec: MessageSpec, now: UnixMillis) -> Result<Value, keys::Error> {
        let msg = assemble(spec, self.key.agent.clone(), self.seq.allocate()?, now);
        Ok(sign_message(&msg, &self.key))
    }

    /// [`build`](Self::build) as the line a writer writes (its canonical form): serialised once,
    /// its content moved rather than copied. The same bytes as `json::canonical(&build(..))`.
    pub fn build_canonical(&mut self, spec: MessageSpec, now: UnixMillis) -> Result<Vec<u8>, keys::Error> {
        let mut msg = assemble(spec, self.key.agent.clone(), self.seq.allocate()?, now);
        let content = std::mem::take(&mut msg.content);
        let Value::Object(mut map) = msg.to_value() else { unreachable!("IfMessage is an object") };
        map.insert("content".into(), Value::Object(content));
        Ok(sign_to_canonical(&map, &self.key))
    }

    /// Returns unused reserved sequence numbers; call once when done.
    pub fn finish(&mut self) -> Result<(), keys::Error> {
        self.seq.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;
    use serde_json::json;

    #[test]
    fn the_size_bound_is_the_signed_size_but_for_the_sequence_number() {
        let dir = std::env::temp_dir().join(format!("factory-bound-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut key = SecretKey::from_seed("if://agent/bound", [3; 32]).unwrap();
        key.path = dir.join("k.key");
        let mut factory = MessageFactory::new(key, 1);
        let mut spec = MessageSpec::new(Performative::Escalate, "if://agent/x", default_scope("t"));
        spec.content = json!({"a": [1, {"b": "\u{1F600}\n"}], "n": 1.5e300}).as_object().unwrap().clone();
        spec.hazard = Some(Hazard { kind: Some(HazardType::Safety), ..Hazard::default() });
        let bound = spec.size_bound("if://agent/bound").unwrap();
        let signed = json::canonical(&factory.build(spec, 1_800_000_000_000).unwrap());
        assert!(bound >= signed.len() && bound - signed.len() < 20, "bound {bound}, signed {}", signed.len());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn build_canonical_signs_what_build_signs() {
        let dir = std::env::temp_dir().join(format!("factory-canonical-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut key = SecretKey::from_seed("if://agent/canonical", [4; 32]).unwrap();
        key.path = dir.join("k.key");
        let trust = crate::keys::TrustStore::of(&[&key]);
        let mut factory = MessageFactory::new(key, 4);
        let mut spec = MessageSpec::new(Performative::Inform, "if://agent/x", default_scope("t"));
        spec.content = json!({"z": [1, {"b": "\u{1F600}"}], "a": "x"}).as_object().unwrap().clone();
        spec.trace_id = Some("0123456789ab".into());
        spec.hazard = Some(Hazard { kind: Some(HazardType::Safety), ..Hazard::default() });
        let line = factory.build_canonical(spec.clone(), 1_800_000_000_000).unwrap();
        let value: Value = serde_json::from_slice(&line).unwrap();
        assert_eq!(json::canonical(&value), line, "canonical");
        crate::message::verify_message(&value, Some(&trust)).expect("it verifies");
        let built = factory.build(spec, 1_800_000_000_000).unwrap();
        // The same message but for what is drawn afresh each time.
        let fresh = ["nonce", "sequence_num", "signature"];
        let strip = |v: &Value| {
            let mut m = v.as_object().unwrap().clone();
            m.retain(|k, _| !fresh.contains(&k.as_str()));
            m
        };
        assert_eq!(strip(&value), strip(&built));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn content_nested_to_the_limit_is_signed_and_one_more_level_is_refused() {
        let mut inner = json!(1);
        for _ in 0..limits::MAX_DEPTH - 2 {
            inner = json!([inner]);
        }
        let mut spec = MessageSpec::new(Performative::Inform, "if://agent/x", default_scope("t"));
        spec.content.insert("deep".into(), inner.clone());
        assert_eq!(spec.check_limits("if://agent/a"), Ok(()), "content at level 2, its member to level 64");
        spec.content.insert("deep".into(), json!([inner]));
        assert_eq!(spec.check_limits("if://agent/a"), Err(LimitError::TooDeep { limit: limits::MAX_DEPTH }));
    }
}
