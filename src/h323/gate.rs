//! IF.guard for H.323: the call description an ARQ carries (a signed IFMessage in its
//! `nonStandardData`, docs/if-gk.md) read, verified and put to the shared policy's gates.

use super::ras::{self, AdmissionRequest, NonStandardIdentifier};
use super::token::DESCRIPTION_OID;
use crate::keys::TrustStore;
use crate::message::{self, Hazard, HazardType, Performative};
use crate::policy::{Expert, Policy, Refusal, Request};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The largest call description read (one IFMessage as JSON).
pub const MAX_DESCRIPTION: usize = 16 * 1024;

/// What a call is for, as its description says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CallKind {
    Routine,
    Escalate,
    Emergency,
}

/// A call description that verified.
#[derive(Clone, Debug)]
pub struct Description {
    pub kind: CallKind,
    pub signer: String,
    pub hazard: Option<Hazard>,
    pub trace_id: Option<String>,
    pub conversation_id: String,
    /// SHA-256 of the description's bytes, hex: which message the decision rests on.
    pub digest: String,
    /// Texts for the personal-data gate, with where they came from.
    texts: Vec<(String, String)>,
}

impl Description {
    pub fn hazard_type(&self) -> Option<HazardType> {
        self.hazard.as_ref().and_then(|h| h.kind)
    }
}

/// Why a call description was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DescriptionError {
    #[error("the call description is {0} bytes, more than {MAX_DESCRIPTION}")]
    TooLarge(usize),
    #[error("the call description is not JSON: {0}")]
    NotJson(String),
    #[error("the call description does not verify: {0}")]
    Unverified(String),
    #[error("the call description's content.call_type `{0}` is not routine, escalate or emergency")]
    BadKind(String),
}

/// The description octets of an ARQ, if it carries one.
pub fn description_bytes(arq: &AdmissionRequest) -> Option<&[u8]> {
    let ns = arq.non_standard_data.as_ref()?;
    match &ns.non_standard_identifier {
        NonStandardIdentifier::object(oid) if *oid == ras::oid(DESCRIPTION_OID) => Some(ns.data.as_ref()),
        _ => None,
    }
}

/// The SHA-256 of a call description's octets, in hex: the name both sides' records give it.
pub fn description_digest(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Reads and verifies call descriptions, remembering the answer for each distinct description:
/// every guardian joining one escalation carries the same message, checked once.
pub struct Descriptions {
    verified: HashMap<[u8; 32], Result<Description, DescriptionError>>,
    capacity: usize,
}

impl Descriptions {
    pub fn new(capacity: usize) -> Self {
        Descriptions { verified: HashMap::new(), capacity }
    }

    pub fn read(&mut self, bytes: &[u8], trust: &TrustStore) -> Result<Description, DescriptionError> {
        if bytes.len() > MAX_DESCRIPTION {
            return Err(DescriptionError::TooLarge(bytes.len()));
        }
        let digest: [u8; 32] = Sha256::digest(bytes).into();
        if let Some(known) = self.verified.get(&digest) {
            return known.clone();
        }
        let result = read(bytes, trust, digest);
        if self.verified.len() >= self.capacity {
            self.verified.clear();
        }
        self.verified.insert(digest, result.clone());
        result
    }
}

fn read(bytes: &[u8], trust: &TrustStore, digest: [u8; 32]) -> Result<Description, DescriptionError> {
    let value = crate::json::parse_strict(bytes).map_err(|e| DescriptionError::NotJson(e.to_string()))?;
    let msg = message::verify_message(&value, Some(trust)).map_err(|e| DescriptionError::Unverified(e.to_string()))?;
    let kind = match msg.content.get("call_type") {
        None if msg.performative == Performative::Escalate => CallKind::Escalate,
        None => CallKind::Routine,
        Some(serde_json::Value::String(s)) => match s.as_str() {
            "routine" => CallKind::Routine,
            "escalate" => CallKind::Escalate,
            "emergency" => CallKind::Emergency,
            other => return Err(DescriptionError::BadKind(other.to_owned())),
        },
        Some(other) => return Err(DescriptionError::BadKind(other.to_string())),
    };
    let mut texts =
        vec![("the call description's content".to_owned(), serde_json::Value::Object(msg.content.clone()).to_string())];
    if let Some(r) = msg.hazard.as_ref().and_then(|h| h.rationale.clone()) {
        texts.push(("the call description's hazard rationale".to_owned(), r));
    }
    Ok(Description {
        kind,
        signer: msg.sender.clone(),
        hazard: msg.hazard.clone(),
        trace_id: msg.trace_id.clone(),
        conversation_id: msg.conversation_id.clone(),
        digest: hex::encode(digest),
        texts,
    })
}

/// The policy's gates for a call with `description`: to an expert, all of them; to anyone
/// else, an escalate or emergency call's description must hold no personal data.
pub fn admit(policy: &Policy, description: &Description, expert: Option<&Expert>) -> Result<(), Refusal> {
    let request = Request {
        signer: Ok(&description.signer),
        hazard: description.hazard_type(),
        texts: description.texts.iter().map(|(place, text)| (place.clone(), text.as_str())).collect(),
    };
    match expert {
        Some(expert) => policy.admit(expert, &request),
        None if description.kind == CallKind::Routine => Ok(()),
        None => policy.screen(&request),
    }
}

/// The policy's expert whose `h323:` address is `alias`.
pub fn expert_at<'a>(policy: &'a Policy, alias: &str) -> Option<&'a Expert> {
    policy
        .experts
        .iter()
        .find(|e| e.address("h323").and_then(|a| a.split_once(':')).is_some_and(|(_, rest)| rest == alias))
}
