//! IFMessage v2.1: the typed model, the signing format, replay protection, and a factory that
//! builds signed messages for every tool.

mod batch;
mod canonical;
mod event;
mod factory;
pub mod limits;
mod model;
mod replay;
mod sign;

pub use canonical::{check_canonical, check_canonical_text, CanonicalMessage};
pub use event::{fields_of, Event};
pub use factory::{default_scope, random_hex, MessageFactory, MessageSpec};
pub use limits::{LimitError, MAX_DEPTH, MAX_MESSAGE_BYTES};
pub use model::*;
pub use replay::{check_fresh, ReplayError, ReplayGuard};
pub use sign::{
    prepare, prepare_with, sign_map, sign_message, signing_input, verify_many, verify_message, verify_prepared,
    Prepared, VerifyError, SIGNATURE_DOMAIN,
};

/// A fresh message from `key` (sequence number `seq`, nonce `nonce`), signed, as canonical JSON:
/// the one builder for the library's unit tests that need a real message.
#[cfg(test)]
pub(crate) fn signed_for_test(key: &crate::keys::SecretKey, seq: u64, nonce: &str) -> Vec<u8> {
    let spec = MessageSpec::new(Performative::Inform, "if://agent/x", default_scope("test"));
    let msg = IfMessage {
        performative: spec.performative,
        sender: key.agent.clone(),
        receiver: spec.receiver,
        conversation_id: "if://conversation/0123456789ab".into(),
        topic: None,
        protocol: None,
        content: serde_json::Map::new(),
        citation_ids: None,
        timestamp: crate::time::format_rfc3339(crate::time::now_millis()),
        sequence_num: seq,
        trace_id: Some("0123456789ab".into()),
        nonce: nonce.into(),
        ttl: 300,
        scope: spec.scope,
        topic_hash: None,
        hazard: None,
        provenance: None,
        signature: None,
    };
    crate::json::canonical(&sign_message(&msg, key))
}
