//! The `X-IF-*` headers: `X-IF-Trace-ID`, `X-IF-Hazard` and `X-IF-Signature`
//! (specified in `docs/if-sip.md`).
//!
//! ```text
//! X-IF-Trace-ID: 0123456789ab
//! X-IF-Hazard: legal; severity=high; auto_escalate=true
//! X-IF-Signature: ed25519; agent=if://agent/yologuard; key=<key id>; ts=<unix ms>; sig=<base64>
//! ```
//!
//! The signature covers `XIF_DOMAIN` followed by these lines, each ending in `\n`: method,
//! Request-URI, Call-ID, CSeq, From, To, X-IF-Trace-ID, X-IF-Hazard (empty when absent), `ts`, and
//! the lower-case hex SHA-256 of the body. Header values are taken as received, trimmed. A forged
//! or edited request fails the signature; a replayed one fails the timestamp window, and within it
//! the proxy's memory of accepted signatures (retransmissions are absorbed by their transaction).

use super::message::SipMessage;
use crate::keys::{self, SecretKey, TrustStore};
use crate::message::{is_trace_id, HazardType, Level};
use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::{Signature, Signer};
use sha2::{Digest, Sha256};

pub const XIF_DOMAIN: &[u8] = b"ifconnect/sip/x-if-signature/v1\0";

/// The trace id of a SIP request: its `X-IF-Trace-ID` when that is one (12 lower-case hex
/// digits), else, for a call from a phone that sends none, the first 12 hex digits of the
/// SHA-256 of its Call-ID. Every tool that sees the call (the proxy, the gateway) derives the
/// same one, so an incident's events line up across them without anyone adding a header.
pub fn trace_id_of(request: &SipMessage) -> Option<String> {
    let given = request.header("X-IF-Trace-ID").map(str::trim).filter(|t| is_trace_id(t));
    match (given, request.header("Call-ID")) {
        (Some(t), _) => Some(t.to_owned()),
        (None, Some(call_id)) => Some(hex::encode(Sha256::digest(call_id.trim().as_bytes()))[..12].to_owned()),
        (None, None) => None,
    }
}

/// A parsed `X-IF-Hazard` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HazardHeader {
    pub kind: HazardType,
    pub severity: Option<Level>,
    pub auto_escalate: bool,
}

/// Why an `X-IF-Hazard` header could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HazardHeaderError {
    /// The first element is not a known hazard type.
    #[error("X-IF-Hazard: {0}")]
    Kind(String),
    /// `severity=` names no known level.
    #[error("X-IF-Hazard severity: {0}")]
    Severity(String),
}

/// Why a request's `X-IF-Signature` was not accepted; the texts are what a refusal's `Warning`
/// header carries after `signature gate: `.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum XifError {
    /// The request is not signed at all.
    #[error("no X-IF-Signature header")]
    MissingHeader,
    /// The header names an algorithm other than ed25519.
    #[error("X-IF-Signature: algorithm must be ed25519")]
    BadAlgorithm,
    /// One of `agent`, `key`, `ts`, `sig` is absent.
    #[error("X-IF-Signature: needs agent, key, ts and sig")]
    MissingFields,
    /// `X-IF-Trace-ID` is present but not 12 lower-case hex digits (it is signed, so it must be exact).
    #[error("X-IF-Trace-ID: must be 12 lower-case hex digits")]
    BadTraceId,
    /// `ts` is not a number of Unix milliseconds.
    #[error("X-IF-Signature: ts is not a number")]
    BadTimestamp,
    /// `ts` is outside the allowed window around now: an old request replayed, or a wrong clock.
    #[error("X-IF-Signature: timestamp is {seconds}s away from now (replayed or clock skew)")]
    ClockSkew {
        /// Now minus `ts`, in whole seconds (negative when `ts` is in the future).
        seconds: i64,
    },
    /// `sig` is not base64 of exactly 64 bytes.
    #[error("X-IF-Signature: sig is not 64 bytes of base64")]
    BadSigEncoding,
    /// No key in the trust registry has this agent and key id.
    #[error("X-IF-Signature: key {key_id} of {agent} is not trusted")]
    UntrustedKey { agent: String, key_id: String },
    /// The signature does not match the request: forged, or edited on the way.
    #[error("X-IF-Signature does not verify (forged or edited request)")]
    DoesNotVerify,
    /// A valid signature already accepted for another request within the window (the proxy's
    /// replay memory finds this; [`verify`] alone cannot).
    #[error("X-IF-Signature already used by another request (replayed)")]
    Replayed,
}

impl HazardHeader {
    pub fn parse(value: &str) -> Result<Self, HazardHeaderError> {
        let mut parts = value.split(';').map(str::trim);
        let kind = parts.next().unwrap_or("").parse::<HazardType>().map_err(HazardHeaderError::Kind)?;
        let mut h = HazardHeader { kind, severity: None, auto_escalate: false };
        for p in parts.filter(|p| !p.is_empty()) {
            match p.split_once('=') {
                Some(("severity", s)) => h.severity = Some(s.parse().map_err(HazardHeaderError::Severity)?),
                Some(("auto_escalate", v)) => h.auto_escalate = v == "true",
                _ => {} // unknown parameters are for future versions
            }
        }
        Ok(h)
    }

    pub fn to_header(&self) -> String {
        let mut s = self.kind.as_str().to_owned();
        if let Some(sev) = self.severity {
            s.push_str(&format!("; severity={sev}"));
        }
        if self.auto_escalate {
            s.push_str("; auto_escalate=true");
        }
        s
    }
}

fn signed_bytes(msg: &SipMessage, ts: &str) -> Vec<u8> {
    let h = |name: &str| msg.header(name).unwrap_or("").trim().to_owned();
    let mut out = XIF_DOMAIN.to_vec();
    for line in [
        msg.method().unwrap_or("").to_owned(),
        msg.uri().unwrap_or("").to_owned(),
        h("Call-ID"),
        h("CSeq"),
        h("From"),
        h("To"),
        h("X-IF-Trace-ID"),
        h("X-IF-Hazard"),
        ts.to_owned(),
        hex::encode(Sha256::digest(&msg.body)),
    ] {
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out
}

/// Adds (or replaces) `X-IF-Signature` on a request, signed by `key` at `now_ms`.
pub fn sign(msg: &mut SipMessage, key: &SecretKey, now_ms: i64) {
    let ts = now_ms.to_string();
    let sig = key.signing.sign(&signed_bytes(msg, &ts));
    msg.set_header(
        "X-IF-Signature",
        format!("ed25519; agent={}; key={}; ts={ts}; sig={}", key.agent, key.key_id(), B64.encode(sig.to_bytes())),
    );
}

/// Verifies `X-IF-Signature` against `trust` at `now_ms`; returns the signing agent.
pub fn verify(msg: &SipMessage, trust: &TrustStore, now_ms: i64, max_skew_ms: i64) -> Result<String, XifError> {
    let value = msg.header("X-IF-Signature").ok_or(XifError::MissingHeader)?;
    let mut parts = value.split(';').map(str::trim);
    if parts.next() != Some("ed25519") {
        return Err(XifError::BadAlgorithm);
    }
    let (mut agent, mut key_id, mut ts, mut sig) = (None, None, None, None);
    for p in parts {
        match p.split_once('=') {
            Some(("agent", v)) => agent = Some(v),
            Some(("key", v)) => key_id = Some(v),
            Some(("ts", v)) => ts = Some(v),
            Some(("sig", v)) => sig = Some(v),
            _ => {}
        }
    }
    let (Some(agent), Some(key_id), Some(ts), Some(sig)) = (agent, key_id, ts, sig) else {
        return Err(XifError::MissingFields);
    };
    if let Some(t) = msg.header("X-IF-Trace-ID") {
        if !is_trace_id(t.trim()) {
            return Err(XifError::BadTraceId);
        }
    }
    let sent: i64 = ts.parse().map_err(|_| XifError::BadTimestamp)?;
    if (now_ms - sent).abs() > max_skew_ms {
        return Err(XifError::ClockSkew { seconds: (now_ms - sent) / 1000 });
    }
    let raw: [u8; 64] = B64.decode(sig).ok().and_then(|b| b.try_into().ok()).ok_or(XifError::BadSigEncoding)?;
    let candidates: Vec<_> = trust.keys().filter(|k| k.agent == agent && keys::key_id(&k.key) == key_id).collect();
    let trusted = candidates
        .first()
        .ok_or_else(|| XifError::UntrustedKey { agent: agent.to_owned(), key_id: key_id.to_owned() })?;
    trusted
        .key
        .verify_strict(&signed_bytes(msg, ts), &Signature::from_bytes(&raw))
        .map_err(|_| XifError::DoesNotVerify)?;
    Ok(agent.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_without_a_trace_id_is_traced_by_its_call_id() {
        let with = |headers: &str| {
            let text = format!("OPTIONS sip:x@127.0.0.1 SIP/2.0\r\n{headers}Content-Length: 0\r\n\r\n");
            trace_id_of(&super::super::message::parse(text.as_bytes()).unwrap())
        };
        assert_eq!(with("Call-ID: abc@host\r\nX-IF-Trace-ID: 0123456789ab\r\n"), Some("0123456789ab".into()));
        // Without one (or with a header that is no trace id): the Call-ID's.
        let derived = hex::encode(Sha256::digest(b"abc@host"))[..12].to_owned();
        assert_eq!(with("Call-ID: abc@host\r\n"), Some(derived.clone()));
        assert_eq!(with("Call-ID: abc@host\r\nX-IF-Trace-ID: not-a-trace\r\n"), Some(derived));
        assert_eq!(with(""), None);
    }
    use crate::sip::parse;

    fn setup() -> (SecretKey, TrustStore, SipMessage) {
        let key = SecretKey::from_seed("if://agent/scanner", [3; 32]).unwrap();
        let trust = TrustStore::of(&[&key]);
        let msg = parse(
            b"INVITE sip:legal@127.0.0.1:5090 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n\
              From: <sip:agent@127.0.0.1>;tag=a\r\nTo: <sip:legal@127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n\
              X-IF-Trace-ID: 0123456789ab\r\nX-IF-Hazard: legal; severity=high\r\nContent-Length: 4\r\n\r\nv=0\n",
        )
        .unwrap();
        (key, trust, msg)
    }

    #[test]
    fn signed_request_verifies_and_edits_do_not() {
        let (key, trust, mut msg) = setup();
        sign(&mut msg, &key, 1_000_000);
        assert_eq!(verify(&msg, &trust, 1_000_500, 30_000), Ok("if://agent/scanner".into()));
        // The signature survives the wire.
        let wire = parse(&msg.to_bytes()).unwrap();
        assert!(verify(&wire, &trust, 1_000_500, 30_000).is_ok());
        for edit in ["X-IF-Hazard", "To", "CSeq"] {
            let mut m = msg.clone();
            m.set_header(edit, "privacy".into());
            assert_eq!(verify(&m, &trust, 1_000_500, 30_000), Err(XifError::DoesNotVerify), "{edit}");
        }
        let mut m = msg.clone();
        m.body = b"v=1\n".to_vec();
        assert_eq!(verify(&m, &trust, 1_000_500, 30_000), Err(XifError::DoesNotVerify));
        let skewed = verify(&msg, &trust, 1_100_000, 30_000).unwrap_err();
        assert_eq!(skewed, XifError::ClockSkew { seconds: 100 });
        assert_eq!(skewed.to_string(), "X-IF-Signature: timestamp is 100s away from now (replayed or clock skew)");
        let untrusted = verify(&msg, &TrustStore::default(), 1_000_500, 30_000).unwrap_err();
        assert!(matches!(untrusted, XifError::UntrustedKey { ref agent, .. } if agent == "if://agent/scanner"));
        assert!(untrusted.to_string().ends_with("of if://agent/scanner is not trusted"), "{untrusted}");
        let (_, _, unsigned) = setup();
        assert_eq!(verify(&unsigned, &trust, 0, 1), Err(XifError::MissingHeader));
        assert_eq!(XifError::MissingHeader.to_string(), "no X-IF-Signature header");
    }

    #[test]
    fn hazard_header_round_trip() {
        let h = HazardHeader::parse("legal; severity=high; auto_escalate=true").unwrap();
        assert_eq!(h, HazardHeader { kind: HazardType::Legal, severity: Some(Level::High), auto_escalate: true });
        assert_eq!(HazardHeader::parse(&h.to_header()).unwrap(), h);
        assert!(matches!(HazardHeader::parse("fire"), Err(HazardHeaderError::Kind(_))));
        assert!(matches!(HazardHeader::parse("legal; severity=dire"), Err(HazardHeaderError::Severity(_))));
    }
}
