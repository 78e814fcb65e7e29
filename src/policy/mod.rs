//! IF.guard: the admission policy that decides whether a request may reach a human expert.
//! Protocol-neutral: `if-sip` feeds it what it read from SIP headers, and the H.323 gatekeeper
//! can feed it what it reads from RAS; neither reaches into the other.
//!
//! Gates, in order (the first that fails is the reason given):
//! 1. **signature**: the request is signed by a key in the trust registry;
//! 2. **specialisation**: its hazard type is one the expert handles;
//! 3. **personal-data**: nothing it carries looks like personal data ([`pii`]).

pub mod pii;

use crate::keys::TrustStore;
use crate::message::HazardType;
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {reason}")]
    Parse { path: PathBuf, reason: String },
    #[error(transparent)]
    Keys(#[from] crate::keys::Error),
}

/// An external expert who may be called, and for what.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expert {
    pub name: String,
    /// SIP URI of the expert, e.g. `sip:legal@experts.example.org`.
    pub uri: String,
    /// Hazard types this expert is qualified for.
    pub hazards: Vec<HazardType>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Gates {
    pub signature: bool,
    pub specialisation: bool,
    pub personal_data: bool,
    /// How far a signed timestamp may be from now, in seconds.
    pub max_clock_skew_s: u64,
}

impl Default for Gates {
    fn default() -> Self {
        Gates { signature: true, specialisation: true, personal_data: true, max_clock_skew_s: 30 }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    #[serde(default)]
    trust: Vec<PathBuf>,
    #[serde(default)]
    expert: Vec<Expert>,
    #[serde(default)]
    gates: Gates,
}

/// A loaded policy: experts, trusted keys and gate settings.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    pub experts: Vec<Expert>,
    pub trust: TrustStore,
    pub gates: Gates,
}

/// Which gate refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    Signature,
    Specialisation,
    PersonalData,
}

impl fmt::Display for Gate {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Gate::Signature => "signature",
            Gate::Specialisation => "specialisation",
            Gate::PersonalData => "personal-data",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{gate} gate: {reason}")]
pub struct Refusal {
    pub gate: Gate,
    pub reason: String,
}

/// What a protocol front end extracted from one request, for the gates.
pub struct Request<'a> {
    /// The agent whose signature verified against the trust registry, or why none did.
    pub signer: Result<&'a str, String>,
    pub hazard: Option<HazardType>,
    /// Texts the request carries, with where they came from (`"Subject header"`, `"body"`).
    pub texts: Vec<(String, &'a str)>,
}

/// `(user, host)` of a `sip:`/`sips:` URI, lower-cased host, for matching experts.
fn user_host(uri: &str) -> Option<(String, String)> {
    let u = crate::sip::Uri::parse(uri)?;
    Some((u.user.unwrap_or("").to_owned(), u.host.to_ascii_lowercase()))
}

impl Policy {
    /// Loads a TOML policy file; `trust` paths are relative to the file.
    pub fn load(path: &Path) -> Result<Self, PolicyError> {
        let text = std::fs::read_to_string(path).map_err(|source| PolicyError::Io { path: path.to_owned(), source })?;
        let file: PolicyFile = toml::from_str(&text)
            .map_err(|e| PolicyError::Parse { path: path.to_owned(), reason: e.to_string().replace('\n', " ") })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let mut trust = TrustStore::default();
        for t in &file.trust {
            trust.load(&base.join(t))?;
        }
        for e in &file.expert {
            if user_host(&e.uri).is_none() {
                return Err(PolicyError::Parse {
                    path: path.to_owned(),
                    reason: format!("expert `{}`: `{}` is not a sip: URI", e.name, e.uri),
                });
            }
        }
        Ok(Policy { experts: file.expert, trust, gates: file.gates })
    }

    /// The expert a Request-URI addresses, if any.
    pub fn expert_at(&self, request_uri: &str) -> Option<&Expert> {
        let want = user_host(request_uri)?;
        self.experts.iter().find(|e| user_host(&e.uri).as_ref() == Some(&want))
    }

    /// The first expert qualified for `hazard`, for placing escalation calls.
    pub fn expert_for(&self, hazard: HazardType) -> Option<&Expert> {
        self.experts.iter().find(|e| e.hazards.contains(&hazard))
    }

    /// Runs the gates for a request addressed to `expert`.
    pub fn admit(&self, expert: &Expert, req: &Request) -> Result<(), Refusal> {
        if self.gates.signature {
            if let Err(why) = &req.signer {
                return Err(Refusal { gate: Gate::Signature, reason: why.clone() });
            }
        }
        if self.gates.specialisation {
            match req.hazard {
                None => return Err(Refusal { gate: Gate::Specialisation, reason: "no hazard type given".into() }),
                Some(h) if !expert.hazards.contains(&h) => {
                    let handles: Vec<&str> = expert.hazards.iter().map(|h| h.as_str()).collect();
                    return Err(Refusal {
                        gate: Gate::Specialisation,
                        reason: format!("{} handles {}, not {h}", expert.name, handles.join(", ")),
                    });
                }
                Some(_) => {}
            }
        }
        if self.gates.personal_data {
            for (place, text) in &req.texts {
                if let Some(p) = pii::find(text).first() {
                    return Err(Refusal { gate: Gate::PersonalData, reason: format!("{} in {place}", p.kind) });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            experts: vec![Expert {
                name: "Legal desk".into(),
                uri: "sip:legal@127.0.0.1:5090".into(),
                hazards: vec![HazardType::Legal, HazardType::Privacy],
            }],
            trust: TrustStore::default(),
            gates: Gates::default(),
        }
    }

    #[test]
    fn gates_in_order() {
        let p = policy();
        let e = p.expert_at("sip:legal@127.0.0.1;transport=udp").unwrap();
        let ok = Request {
            signer: Ok("if://agent/a"),
            hazard: Some(HazardType::Legal),
            texts: vec![("body".into(), "clause 4.2 is void")],
        };
        assert_eq!(p.admit(e, &ok), Ok(()));
        let unsigned = Request { signer: Err("no X-IF-Signature".into()), ..ok };
        assert_eq!(p.admit(e, &unsigned).unwrap_err().gate, Gate::Signature);
        let wrong = Request { signer: Ok("if://agent/a"), hazard: Some(HazardType::Safety), texts: vec![] };
        assert_eq!(
            p.admit(e, &wrong).unwrap_err().to_string(),
            "specialisation gate: Legal desk handles legal, privacy, not safety"
        );
        let leak = Request {
            signer: Ok("if://agent/a"),
            hazard: Some(HazardType::Privacy),
            texts: vec![("body".into(), "reach me at jo@example.org")],
        };
        assert_eq!(p.admit(e, &leak).unwrap_err().to_string(), "personal-data gate: e-mail address in body");
        assert!(p.expert_at("sip:someone-else@127.0.0.1").is_none());
        assert_eq!(p.expert_for(HazardType::Privacy).unwrap().name, "Legal desk");
    }

    #[test]
    fn policy_file_errors_name_the_file() {
        let dir = std::env::temp_dir().join(format!("ifconnect-policy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("guard.toml");
        std::fs::write(&f, "[[expert]]\nname = \"X\"\nuri = \"sip:x@h\"\nhazards = [\"fire\"]\n").unwrap();
        let err = Policy::load(&f).unwrap_err().to_string();
        assert!(err.contains("guard.toml") && err.contains("fire"), "{err}");
        std::fs::write(
            &f,
            "[[expert]]\nname = \"X\"\nuri = \"sip:x@h\"\nhazards = [\"legal\"]\n[gates]\npersonal_data = false\n",
        )
        .unwrap();
        let p = Policy::load(&f).unwrap();
        assert!(!p.gates.personal_data && p.gates.signature);
    }
}
