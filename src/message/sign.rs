//! The IFMessage signing format (specified in `docs/formats.md`).
//!
//! Bytes signed = `SIGNATURE_DOMAIN` followed by the RFC 8785 canonical JSON of the object made of
//! exactly the top-level fields listed in `signature.signed_fields`. The domain prefix ends in a NUL,
//! which no JSON text or signed note contains, so a message signature can never be replayed as a
//! signature over a checkpoint, a SIP header or any other document this project signs.

use super::model::{IfMessage, SchemaError};
use crate::json;
use crate::keys::{self, SecretKey, TrustError, TrustStore};
use ed25519_dalek::{Signature, Signer, VerifyingKey};
use serde_json::{json, Map, Value};
use std::collections::HashSet;

pub const SIGNATURE_DOMAIN: &[u8] = b"ifconnect/ifmessage/v2.1/ed25519\0";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// Deeper or larger than every tool accepts (`message::limits`).
    #[error(transparent)]
    Limit(#[from] super::limits::LimitError),
    #[error("field `{0}` is not covered by signature.signed_fields")]
    UnsignedField(String),
    #[error("signature.signed_fields names `{0}`, which the message does not have")]
    MissingSignedField(String),
    #[error("signature.signed_fields is malformed: {0}")]
    BadSignedFields(String),
    #[error("signature.public_key: {0}")]
    BadPublicKey(String),
    #[error("signature.signature_bytes is not a 64-byte hex Ed25519 signature")]
    BadSignatureEncoding,
    #[error("signature does not verify (forged or altered message)")]
    BadSignature,
    /// (Not a `source()`: the text says it already.)
    #[error("untrusted: {0}")]
    Untrusted(TrustError),
    #[error(transparent)]
    Replay(#[from] super::replay::ReplayError),
}

impl From<TrustError> for VerifyError {
    fn from(e: TrustError) -> Self {
        VerifyError::Untrusted(e)
    }
}

/// The exact bytes an IFMessage signature covers.
pub fn signing_input(msg: &Map<String, Value>, signed_fields: &[String]) -> Vec<u8> {
    let mut out = SIGNATURE_DOMAIN.to_vec();
    let wanted: HashSet<&str> = signed_fields.iter().map(String::as_str).collect();
    out.extend_from_slice(&json::canonical_subset(msg, |k| wanted.contains(k)));
    out
}

/// Signs `msg` in place over all its fields, replacing any previous signature.
pub fn sign_map(msg: &mut Map<String, Value>, key: &SecretKey) {
    msg.remove("signature");
    let fields: Vec<String> = msg.keys().cloned().collect();
    let sig = key.signing.sign(&signing_input(msg, &fields));
    msg.insert("signature".into(), signature_block(key, &sig, &fields));
}

/// Signs `msg` (which has no signature) over all its fields and returns its canonical form,
/// signature included: the bytes of [`sign_map`] and then [`json::canonical`], with the message
/// serialised once.
pub fn sign_to_canonical(msg: &Map<String, Value>, key: &SecretKey) -> Vec<u8> {
    let fields: Vec<&String> = msg.keys().collect();
    // Every field is signed: the bytes signed are the message's canonical form, without the
    // signature that is then spliced into it.
    let unsigned = json::canonical_without(msg, "signature");
    let mut input = Vec::with_capacity(SIGNATURE_DOMAIN.len() + unsigned.bytes.len());
    input.extend_from_slice(SIGNATURE_DOMAIN);
    input.extend_from_slice(&unsigned.bytes);
    let sig = key.signing.sign(&input);
    unsigned.adding("signature", &signature_block(key, &sig, &fields))
}

/// The `signature` member of a message `key` signed over `fields`.
fn signature_block<S: serde::Serialize>(key: &SecretKey, sig: &Signature, fields: &[S]) -> Value {
    json!({
        "algorithm": "ed25519",
        "public_key": keys::encode_public(&key.verifying()),
        "signature_bytes": format!("ed25519:{}", hex::encode(sig.to_bytes())),
        "signed_fields": fields,
    })
}

/// Signs a typed message and returns it as JSON.
pub fn sign_message(msg: &IfMessage, key: &SecretKey) -> Value {
    let Value::Object(mut map) = msg.to_value() else { unreachable!("IfMessage is an object") };
    sign_map(&mut map, key);
    Value::Object(map)
}

/// A message's signature, checked for shape and ready for (batch) verification.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub key: VerifyingKey,
    pub signature: Signature,
    pub signed: Vec<u8>,
}

/// Checks the signature block's shape and coverage and returns what to verify.
pub fn prepare(msg: &Map<String, Value>) -> Result<Prepared, VerifyError> {
    prepare_with(msg, None)
}

/// `prepare`, given the canonical form of `msg` without its signature when the caller already
/// has it (`json::canonical_parts`), to avoid serialising the message again.
pub fn prepare_with(msg: &Map<String, Value>, unsigned: Option<Vec<u8>>) -> Result<Prepared, VerifyError> {
    let sig = msg
        .get("signature")
        .and_then(Value::as_object)
        .ok_or_else(|| SchemaError("missing field `signature`".into()))?;
    let fields = sig
        .get("signed_fields")
        .and_then(Value::as_array)
        .ok_or_else(|| VerifyError::BadSignedFields("not a list of field names".into()))?;
    let mut names = Vec::with_capacity(fields.len());
    let mut seen = HashSet::new();
    for f in fields {
        let name = f.as_str().ok_or_else(|| VerifyError::BadSignedFields("not a list of field names".into()))?;
        if name == "signature" {
            return Err(VerifyError::BadSignedFields("`signature` cannot cover itself".into()));
        }
        if !seen.insert(name) {
            return Err(VerifyError::BadSignedFields(format!("`{name}` listed twice")));
        }
        if !msg.contains_key(name) {
            return Err(VerifyError::MissingSignedField(name.to_owned()));
        }
        names.push(name.to_owned());
    }
    if let Some(extra) = msg.keys().find(|k| *k != "signature" && !seen.contains(k.as_str())) {
        return Err(VerifyError::UnsignedField(extra.clone()));
    }
    if sig.get("algorithm").and_then(Value::as_str) != Some("ed25519") {
        return Err(SchemaError("`signature.algorithm` must be ed25519".into()).into());
    }
    let key = public_key_of(sig.get("public_key").and_then(Value::as_str))?;
    let signature = signature_of(sig.get("signature_bytes").and_then(Value::as_str))?;
    // signed_fields is exactly the message's fields minus `signature` (checked above), so the
    // canonical message without its signature is the signed object.
    let signed = match unsigned {
        Some(body) => {
            let mut out = Vec::with_capacity(SIGNATURE_DOMAIN.len() + body.len());
            out.extend_from_slice(SIGNATURE_DOMAIN);
            out.extend_from_slice(&body);
            out
        }
        None => signing_input(msg, &names),
    };
    Ok(Prepared { key, signature, signed })
}

/// `signature.public_key`: an Ed25519 key that is not of small order.
pub(super) fn public_key_of(text: Option<&str>) -> Result<VerifyingKey, VerifyError> {
    use std::cell::RefCell;
    // The small-order test costs a field inversion (about as much as parsing the message); a
    // run of messages by one key pays it once.
    thread_local! {
        static LAST_GOOD: RefCell<Option<(String, VerifyingKey)>> = const { RefCell::new(None) };
    }
    let text = text.unwrap_or("");
    if let Some(key) = LAST_GOOD.with(|l| l.borrow().as_ref().filter(|(t, _)| t == text).map(|(_, k)| *k)) {
        return Ok(key);
    }
    let key = keys::decode_public_cached(text).map_err(VerifyError::BadPublicKey)?;
    if key.is_weak() {
        return Err(VerifyError::BadPublicKey("weak (small-order) key".into()));
    }
    LAST_GOOD.with(|l| *l.borrow_mut() = Some((text.to_owned(), key)));
    Ok(key)
}

/// `signature.signature_bytes`: `ed25519:` and 128 lower-case hex digits.
pub(super) fn signature_of(text: Option<&str>) -> Result<Signature, VerifyError> {
    let sig_hex = text.and_then(|s| s.strip_prefix("ed25519:")).ok_or(VerifyError::BadSignatureEncoding)?;
    let mut raw = [0u8; 64];
    if sig_hex.len() != 128 || sig_hex.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(VerifyError::BadSignatureEncoding);
    }
    hex::decode_to_slice(sig_hex, &mut raw).map_err(|_| VerifyError::BadSignatureEncoding)?;
    Ok(Signature::from_bytes(&raw))
}

pub fn verify_prepared(p: &Prepared) -> Result<(), VerifyError> {
    p.key.verify_strict(&p.signed, &p.signature).map_err(|_| VerifyError::BadSignature)
}

/// Verifies many signatures; one batch equation when all are good, then one by one to name the
/// bad ones. Results are in input order.
pub fn verify_many(items: &[&Prepared]) -> Vec<Result<(), VerifyError>> {
    if items.is_empty() {
        return Vec::new();
    }
    let msgs: Vec<&[u8]> = items.iter().map(|p| p.signed.as_slice()).collect();
    let sigs: Vec<Signature> = items.iter().map(|p| p.signature).collect();
    let keys: Vec<VerifyingKey> = items.iter().map(|p| p.key).collect();
    if items.len() > 1 && super::batch::verify_batch(&msgs, &sigs, &keys) {
        // The batch equation accepts what verify_strict would reject only for non-canonical
        // points, which `prepare` already refused (weak keys) or dalek rejects (non-canonical s).
        return vec![Ok(()); items.len()];
    }
    items.iter().map(|p| verify_prepared(p)).collect()
}

/// Full check of one message: schema, signature, and (if given) that the key speaks for the sender.
pub fn verify_message(value: &Value, trust: Option<&TrustStore>) -> Result<IfMessage, VerifyError> {
    super::limits::check_depth(value)?;
    let msg = IfMessage::from_value(value)?;
    let map = value.as_object().expect("from_value checked it is an object");
    let parts = json::canonical_parts(map, "signature");
    super::limits::check_size(parts.full.len())?;
    let prepared = prepare_with(map, Some(parts.without))?;
    verify_prepared(&prepared)?;
    if let Some(trust) = trust {
        trust.check(&msg.sender, &prepared.key)?;
    }
    Ok(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_to_canonical_is_sign_map_then_canonical() {
        let key = SecretKey::from_seed("if://agent/splice", [5; 32]).unwrap();
        let messages = [
            json!({}),
            json!({"a": 1}),
            json!({"z": 1}),
            json!({"content": {"x": [1, 2]}, "sender": "s", "sequence_num": 3, "timestamp": "t", "ttl": 300}),
            json!({"\u{1F600}": 1, "signaturf": 2, "signatura": {"k": "\n"}}),
        ];
        for m in messages {
            let map = m.as_object().unwrap().clone();
            let mut signed = map.clone();
            sign_map(&mut signed, &key);
            assert_eq!(sign_to_canonical(&map, &key), json::canonical_map(&signed), "{m}");
        }
    }
}
