//! IF.guard for SIP: what the protocol-neutral [`policy`](crate::policy) needs from an INVITE.
//! Which expert its Request-URI addresses (the expert's `sip:` address, user and host compared),
//! who signed it (`X-IF-Signature`, with a memory of accepted signatures so one cannot be reused),
//! its hazard type, and the texts a person would read, for the personal-data gate.

use super::message::{SipMessage, Uri};
use super::sdp::summarise_sdp;
use super::xif::{self, HazardHeader, XifError};
use crate::policy::{Expert, Policy, Refusal, Request};
use crate::time::Millis;
use std::collections::HashMap;

/// An expert whose `sip:` address the proxy could never match a Request-URI against.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expert `{expert}`: `{address}` is not a SIP URI")]
pub struct BadExpertUri {
    pub expert: String,
    pub address: String,
}

/// Checks, at startup, that every expert's `sip:` address is a SIP URI with a host.
pub fn check_experts(policy: &Policy) -> Result<(), BadExpertUri> {
    for e in &policy.experts {
        if let Some(address) = e.address("sip") {
            if user_host(address).is_none() {
                return Err(BadExpertUri { expert: e.name.clone(), address: address.to_owned() });
            }
        }
    }
    Ok(())
}

/// `(user, host)` of a SIP URI, host lower-cased, for matching experts.
fn user_host(uri: &str) -> Option<(String, String)> {
    let u = Uri::parse(uri)?;
    Some((u.user.unwrap_or("").to_owned(), u.host.to_ascii_lowercase()))
}

/// The expert whose `sip:` address a Request-URI addresses (same user and host; port and
/// parameters may differ, as they do once a request went through a registrar), if any.
pub fn expert_at<'p>(policy: &'p Policy, request_uri: &str) -> Option<&'p Expert> {
    let want = user_host(request_uri)?;
    policy.experts.iter().find(|e| e.address("sip").and_then(user_host).as_ref() == Some(&want))
}

/// The outcome of the gates for an INVITE addressed to an expert.
pub(super) struct Verdict {
    /// The agent whose signature verified, for the record, whether or not the request passed.
    pub signed_by: Option<String>,
    pub refusal: Option<Refusal>,
}

/// The gate's state: signatures accepted recently, so a captured INVITE cannot be replayed
/// inside the clock-skew window in a new transaction (retransmissions never get here: their
/// transaction absorbs them).
#[derive(Default)]
pub(super) struct Guard {
    /// Accepted X-IF-Signature values, and until when to remember each.
    seen_signatures: HashMap<String, Millis>,
}

impl Guard {
    /// Verifies `req`'s `X-IF-Signature` against the policy's trust registry and its clock
    /// window, and remembers an accepted signature so that no other transaction can reuse it.
    /// Called at most once per request: a second call for the same request says `Replayed`.
    pub fn signer(
        &mut self,
        now: Millis,
        wall_clock_offset_ms: i64,
        policy: &Policy,
        req: &SipMessage,
    ) -> Result<String, XifError> {
        let wall = now as i64 + wall_clock_offset_ms;
        let window = policy.gates.max_clock_skew_s * 1000;
        let signer = xif::verify(req, &policy.trust, wall, window as i64)?;
        let sig = req.header("X-IF-Signature").unwrap_or("").to_owned();
        self.seen_signatures.retain(|_, until| *until > now);
        // Remembered for both sides of the window, so the same ts can never be accepted again.
        if self.seen_signatures.insert(sig, now + 2 * window + 1).is_some() {
            return Err(XifError::Replayed);
        }
        Ok(signer)
    }

    /// Runs the policy for `req`, whose signature [`Guard::signer`] checked; `None` when the
    /// request addresses no expert (the gates are for calls to people, not for ordinary SIP
    /// traffic through the proxy).
    pub fn check(policy: &Policy, req: &SipMessage, signer: &Result<String, XifError>) -> Option<Verdict> {
        let expert = expert_at(policy, req.uri().unwrap_or(""))?;
        let gate_req = Request {
            signer: signer.as_deref().map_err(|e| e as &dyn std::error::Error),
            hazard: req.header("X-IF-Hazard").and_then(|h| HazardHeader::parse(h).ok()).map(|h| h.kind),
            texts: readable_texts(req),
        };
        let refusal = policy.admit(expert, &gate_req).err();
        Some(Verdict { signed_by: signer.clone().ok(), refusal })
    }
}

/// The texts of a request a person may read, with where each came from, for the personal-data
/// gate: every header but the routing ones (which must carry addresses), and the body; of an
/// SDP body only the free-text lines.
fn readable_texts(req: &SipMessage) -> Vec<(String, &str)> {
    let mut texts: Vec<(String, &str)> = Vec::new();
    for h in &req.headers {
        if !matches!(
            h.name.as_str(),
            "Via"
                | "Route"
                | "Record-Route"
                | "Contact"
                | "From"
                | "To"
                | "Call-ID"
                | "CSeq"
                | "Max-Forwards"
                | "Content-Length"
                | "Content-Type"
                | "X-IF-Signature"
        ) {
            texts.push((format!("{} header", h.name), &h.value));
        }
    }
    let body = std::str::from_utf8(&req.body).unwrap_or("");
    if summarise_sdp(&req.body).is_some() {
        // In SDP only the free-text lines can carry personal data (RFC 8866 §5.4-5.6).
        for line in body.lines().filter(|l| ["s=", "i=", "u=", "e=", "p="].iter().any(|p| l.starts_with(p))) {
            texts.push(("SDP".into(), line));
        }
    } else if !body.is_empty() {
        texts.push(("body".into(), body));
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::HazardType;

    fn policy(addresses: &[&str]) -> Policy {
        Policy {
            experts: vec![Expert {
                name: "Legal desk".into(),
                addresses: addresses.iter().map(|a| a.to_string()).collect(),
                hazards: vec![HazardType::Legal],
            }],
            ..Policy::default()
        }
    }

    #[test]
    fn request_uri_matches_an_expert_by_user_and_host() {
        let p = policy(&["h323:legal-desk", "sip:legal@127.0.0.1:5090"]);
        assert_eq!(expert_at(&p, "sip:legal@127.0.0.1;transport=udp").unwrap().name, "Legal desk");
        assert_eq!(expert_at(&p, "sip:legal@127.0.0.1:5070").unwrap().name, "Legal desk");
        assert!(expert_at(&p, "sip:someone-else@127.0.0.1").is_none());
        assert!(expert_at(&p, "sip:legal@127.0.0.2").is_none());
        assert!(expert_at(&p, "h323:legal-desk").is_none(), "only SIP URIs are matched here");
        assert!(expert_at(&policy(&["h323:legal-desk"]), "sip:legal@127.0.0.1").is_none());
    }

    #[test]
    fn experts_with_unusable_sip_addresses_are_refused() {
        assert_eq!(check_experts(&policy(&["sip:legal@127.0.0.1:5090", "h323:x"])), Ok(()));
        assert_eq!(check_experts(&policy(&["h323:only-h323"])), Ok(()));
        let err = check_experts(&policy(&["sip:legal@"])).unwrap_err();
        assert_eq!(err.to_string(), "expert `Legal desk`: `sip:legal@` is not a SIP URI");
    }
}
