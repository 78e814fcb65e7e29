//! Builds signed messages with the defaults every tool shares (documented in `docs/if-msg.md`).

use super::model::*;
use super::sign::sign_message;
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
    /// A tool's event for the audit trail: addressed to `if://agent/witness`, default scope for
    /// `workflow`, content the fields of `content` (a struct that serialises to an object).
    pub fn event<T: serde::Serialize>(
        performative: Performative,
        workflow: &str,
        content: &T,
    ) -> serde_json::Result<Self> {
        let mut spec = MessageSpec::new(performative, "if://agent/witness", default_scope(workflow));
        if let Value::Object(map) = serde_json::to_value(content)? {
            spec.content = map;
        }
        Ok(spec)
    }

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
        let trace_id = spec.trace_id.unwrap_or_else(|| random_hex(6));
        let conversation_id = spec.conversation_id.unwrap_or_else(|| format!("if://conversation/{trace_id}"));
        let topic_hash = format!("sha256:{}", hex::encode(Sha256::digest(conversation_id.as_bytes())));
        let msg = IfMessage {
            performative: spec.performative,
            sender: self.key.agent.clone(),
            receiver: spec.receiver,
            conversation_id,
            topic: spec.topic,
            protocol: None,
            content: spec.content,
            citation_ids: spec.citation_ids,
            timestamp: format_rfc3339(now),
            sequence_num: self.seq.allocate()?,
            trace_id: Some(trace_id),
            nonce: random_hex(12),
            ttl: spec.ttl,
            scope: spec.scope,
            topic_hash: Some(topic_hash),
            hazard: spec.hazard,
            provenance: spec.provenance,
            signature: None,
        };
        Ok(sign_message(&msg, &self.key))
    }

    /// Returns unused reserved sequence numbers; call once when done.
    pub fn finish(&mut self) -> Result<(), keys::Error> {
        self.seq.finish()
    }
}
