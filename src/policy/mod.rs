//! IF.guard: the admission policy that decides whether a request may reach a human expert.
//! Protocol-neutral: `if-sip` feeds it what it read from SIP headers, and the H.323 gatekeeper
//! can feed it what it reads from RAS; neither reaches into the other, and this module knows
//! neither. An expert has one address per protocol (`sip:…`, `h323:…`); which of them a request
//! addresses is the protocol front end's question (`sip::gate::expert_at` for SIP).
//!
//! Gates, in order (the first that fails is the reason given):
//! 1. **signature**: the request is signed by a key in the trust registry;
//! 2. **specialisation**: its hazard type is one the expert handles;
//! 3. **personal-data**: nothing it carries looks like personal data ([`pii`]).

pub mod council;
pub mod pii;

use crate::keys::TrustStore;
use crate::message::HazardType;
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    #[error("{path}: {reason}")]
    Parse { path: PathBuf, reason: String },
    #[error(transparent)]
    Keys(#[from] crate::keys::Error),
}

/// An external expert who may be called, and for what.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "ExpertEntry")]
pub struct Expert {
    pub name: String,
    /// Where to reach the expert, at most one address per protocol, each `scheme:rest`, e.g.
    /// `sip:legal@experts.example.org` or `h323:legal-desk`. Never empty.
    pub addresses: Vec<String>,
    /// Hazard types this expert is qualified for.
    pub hazards: Vec<HazardType>,
}

/// An `[[expert]]` table as written: `uri` (one address, the older form) and/or `addresses`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpertEntry {
    name: String,
    #[serde(default)]
    uri: Option<String>,
    #[serde(default)]
    addresses: Vec<String>,
    hazards: Vec<HazardType>,
}

/// Why an `[[expert]]` entry was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExpertError {
    /// Neither `uri` nor `addresses` gives a way to reach the expert.
    #[error("expert `{expert}` has no address (give `addresses = [\"sip:...\"]` or `uri`)")]
    NoAddress { expert: String },
    /// An address is not `scheme:rest` (a scheme of letters, digits, `+`, `-`, `.`, starting with
    /// a letter, and something after the colon).
    #[error("expert `{expert}`: `{address}` is not an address of the form scheme:rest")]
    BadAddress { expert: String, address: String },
    /// Two addresses for the same protocol: which one to call would be a guess.
    #[error("expert `{expert}` has more than one {scheme}: address")]
    DuplicateScheme { expert: String, scheme: String },
}

/// The scheme of a `scheme:rest` address (RFC 3986 §3.1 syntax), or `None` if it is not one.
pub fn scheme_of(address: &str) -> Option<&str> {
    let (scheme, rest) = address.split_once(':')?;
    let mut chars = scheme.chars();
    let well_formed = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (well_formed && !rest.is_empty()).then_some(scheme)
}

impl TryFrom<ExpertEntry> for Expert {
    type Error = ExpertError;

    fn try_from(entry: ExpertEntry) -> Result<Self, ExpertError> {
        let ExpertEntry { name, uri, addresses: listed, hazards } = entry;
        let addresses: Vec<String> = uri.into_iter().chain(listed).collect();
        if addresses.is_empty() {
            return Err(ExpertError::NoAddress { expert: name });
        }
        let mut schemes: Vec<String> = Vec::new();
        for address in &addresses {
            let Some(scheme) = scheme_of(address) else {
                return Err(ExpertError::BadAddress { expert: name, address: address.clone() });
            };
            let scheme = scheme.to_ascii_lowercase();
            if schemes.contains(&scheme) {
                return Err(ExpertError::DuplicateScheme { expert: name, scheme });
            }
            schemes.push(scheme);
        }
        Ok(Expert { name, addresses, hazards })
    }
}

impl Expert {
    /// The whole address for protocol `scheme` (compared case-insensitively), e.g.
    /// `address("sip") == Some("sip:legal@127.0.0.1:5090")`.
    pub fn address(&self, scheme: &str) -> Option<&str> {
        self.addresses.iter().find(|a| scheme_of(a).is_some_and(|s| s.eq_ignore_ascii_case(scheme))).map(String::as_str)
    }
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
    #[serde(default)]
    council: council::CouncilPolicy,
}

/// A loaded policy: experts, trusted keys, gate settings and the council's vote rule.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    pub experts: Vec<Expert>,
    pub trust: TrustStore,
    pub gates: Gates,
    /// `[council]`: the quorum, rule and window of the Guardian Council's votes (`if-mcu`);
    /// read by every tool, so that one policy file serves them all.
    pub council: council::CouncilPolicy,
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
    /// The agent whose signature verified against the trust registry, or why none did (the front
    /// end's own error type; its text becomes the refusal's reason).
    pub signer: Result<&'a str, &'a dyn std::error::Error>,
    pub hazard: Option<HazardType>,
    /// Texts the request carries, with where they came from (`"Subject header"`, `"body"`).
    pub texts: Vec<(String, &'a str)>,
}

impl Policy {
    /// Loads a TOML policy file; `trust` paths are relative to the file.
    pub fn load(path: &Path) -> Result<Self, PolicyError> {
        let text = std::fs::read_to_string(path).map_err(|error| PolicyError::Io { path: path.to_owned(), error })?;
        let file: PolicyFile = toml::from_str(&text)
            .map_err(|e| PolicyError::Parse { path: path.to_owned(), reason: e.to_string().replace('\n', " ") })?;
        file.council.check().map_err(|reason| PolicyError::Parse { path: path.to_owned(), reason })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let mut trust = TrustStore::default();
        for t in &file.trust {
            trust.load(&base.join(t))?;
        }
        Ok(Policy { experts: file.expert, trust, gates: file.gates, council: file.council })
    }

    /// The first expert qualified for `hazard` who has an address for protocol `scheme`, for
    /// placing escalation calls (an H.323-only expert is no use to a SIP caller).
    pub fn expert_for(&self, hazard: HazardType, scheme: &str) -> Option<&Expert> {
        self.experts.iter().find(|e| e.hazards.contains(&hazard) && e.address(scheme).is_some())
    }

    /// Every expert qualified for `hazard` with an address for protocol `scheme`, in the
    /// policy's order: the ones a forked escalation calls at once.
    pub fn experts_for<'a>(&'a self, hazard: HazardType, scheme: &'a str) -> impl Iterator<Item = &'a Expert> + 'a {
        self.experts.iter().filter(move |e| e.hazards.contains(&hazard) && e.address(scheme).is_some())
    }

    /// Runs the gates for a request addressed to `expert`.
    pub fn admit(&self, expert: &Expert, req: &Request) -> Result<(), Refusal> {
        self.signature_gate(req)?;
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
        self.personal_data_gate(req)
    }

    /// Runs the gates that ask nothing of an expert (signature, personal data), for a request
    /// addressed to no expert: a call into the council's conference, say.
    pub fn screen(&self, req: &Request) -> Result<(), Refusal> {
        self.signature_gate(req)?;
        self.personal_data_gate(req)
    }

    fn signature_gate(&self, req: &Request) -> Result<(), Refusal> {
        match &req.signer {
            Err(why) if self.gates.signature => Err(Refusal { gate: Gate::Signature, reason: why.to_string() }),
            _ => Ok(()),
        }
    }

    fn personal_data_gate(&self, req: &Request) -> Result<(), Refusal> {
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
                addresses: vec!["sip:legal@127.0.0.1:5090".into(), "h323:legal-desk".into()],
                hazards: vec![HazardType::Legal, HazardType::Privacy],
            }],
            trust: TrustStore::default(),
            gates: Gates::default(),
            council: council::CouncilPolicy::default(),
        }
    }

    #[test]
    fn gates_in_order() {
        let p = policy();
        let e = &p.experts[0];
        let ok = Request {
            signer: Ok("if://agent/a"),
            hazard: Some(HazardType::Legal),
            texts: vec![("body".into(), "clause 4.2 is void")],
        };
        assert_eq!(p.admit(e, &ok), Ok(()));
        let no_signature = std::io::Error::other("no X-IF-Signature header");
        let unsigned = Request { signer: Err(&no_signature), ..ok };
        assert_eq!(p.admit(e, &unsigned).unwrap_err().to_string(), "signature gate: no X-IF-Signature header");
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
        assert_eq!(p.expert_for(HazardType::Privacy, "sip").unwrap().name, "Legal desk");
        assert_eq!(p.expert_for(HazardType::Privacy, "H323").unwrap().address("h323"), Some("h323:legal-desk"));
        assert!(p.expert_for(HazardType::Privacy, "tel").is_none());
        assert!(p.expert_for(HazardType::Safety, "sip").is_none());
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
        assert_eq!(p.council, council::CouncilPolicy::default(), "no [council]: the defaults");
        // The council's section is part of the one policy file every tool reads.
        std::fs::write(&f, "[council]\nquorum = 7\nrule = \"unanimous\"\nwindow_s = 30\n").unwrap();
        let p = Policy::load(&f).unwrap();
        assert_eq!((p.council.quorum, p.council.rule, p.council.window_s), (7, council::Rule::Unanimous, 30));
        for (bad, want) in [
            ("[council]\nquorum = 0\n", "quorum must be at least 1"),
            ("[council]\nrule = \"loudest\"\n", "loudest"),
            ("[council]\nquorom = 3\n", "quorom"),
            ("[councl]\nquorum = 3\n", "councl"),
        ] {
            std::fs::write(&f, bad).unwrap();
            let err = Policy::load(&f).unwrap_err().to_string();
            assert!(err.contains("guard.toml") && err.contains(want), "{bad}: {err}");
        }
    }

    #[test]
    fn experts_have_one_address_per_protocol() {
        let dir = std::env::temp_dir().join(format!("ifconnect-policy-addr-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("guard.toml");
        std::fs::write(
            &f,
            r#"
[[expert]]
name = "Legal desk"
uri = "sip:legal@127.0.0.1:5090"
hazards = ["legal"]

[[expert]]
name = "Privacy desk"
addresses = ["sip:privacy@127.0.0.1:5091", "h323:privacy-desk"]
hazards = ["privacy"]

[[expert]]
name = "Safety desk"
addresses = ["h323:safety-desk"]
hazards = ["safety", "legal"]
"#,
        )
        .unwrap();
        let p = Policy::load(&f).unwrap();
        let addresses: Vec<&[String]> = p.experts.iter().map(|e| e.addresses.as_slice()).collect();
        assert_eq!(
            addresses,
            [
                &["sip:legal@127.0.0.1:5090".to_owned()][..],
                &["sip:privacy@127.0.0.1:5091".to_owned(), "h323:privacy-desk".to_owned()][..],
                &["h323:safety-desk".to_owned()][..],
            ]
        );
        assert_eq!(p.experts[1].address("sip"), Some("sip:privacy@127.0.0.1:5091"));
        assert_eq!(p.experts[2].address("sip"), None);
        assert_eq!(p.expert_for(HazardType::Safety, "h323").unwrap().name, "Safety desk");
        assert!(p.expert_for(HazardType::Safety, "sip").is_none(), "the safety desk has no SIP address");
        assert_eq!(p.expert_for(HazardType::Legal, "h323").unwrap().name, "Safety desk");
        // A forked escalation calls every qualified expert with an address for its protocol.
        let names = |h, scheme| p.experts_for(h, scheme).map(|e| e.name.as_str()).collect::<Vec<_>>();
        assert_eq!(names(HazardType::Legal, "sip"), ["Legal desk"], "the safety desk has no SIP address");
        assert_eq!(names(HazardType::Legal, "h323"), ["Safety desk"]);
        assert_eq!(names(HazardType::Privacy, "h323"), ["Privacy desk"]);
        assert!(names(HazardType::Safety, "sip").is_empty());

        for (entry, want) in [
            ("addresses = []", "has no address"),
            ("addresses = [\"legal-desk\"]", "`legal-desk` is not an address of the form scheme:rest"),
            ("addresses = [\"1sip:x@h\"]", "is not an address"),
            ("addresses = [\"sip:\"]", "is not an address"),
            ("uri = \"sip:a@h\"\naddresses = [\"SIP:b@h\"]", "more than one sip: address"),
        ] {
            std::fs::write(&f, format!("[[expert]]\nname = \"X\"\n{entry}\nhazards = [\"legal\"]\n")).unwrap();
            let err = Policy::load(&f).unwrap_err().to_string();
            assert!(err.contains("guard.toml") && err.contains(want), "{entry}: {err}");
        }
    }
}
