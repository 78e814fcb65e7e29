//! C2SP signed notes (`signed-note`) carrying C2SP `tlog-checkpoint` bodies, Ed25519 only.
//!
//! Note text = body (lines ending in `\n`), one blank line, then signature lines
//! `— <key name> <base64(key hash[4] || signature[64])>`. The key hash is the first four bytes of
//! SHA-256(name || "\n" || 0x01 || public key); the signature covers the body bytes.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use super::merkle::Hash;

const ED25519_ALG: u8 = 0x01;
const SIG_PREFIX: &str = "\u{2014} ";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("malformed note: {0}")]
    Malformed(String),
    #[error("malformed checkpoint: {0}")]
    Checkpoint(String),
    #[error("no signature by {0} on the checkpoint")]
    NotSigned(String),
    #[error("checkpoint signature by {0} does not verify")]
    BadSignature(String),
    #[error("bad verifier key: {0}")]
    BadVerifierKey(String),
}

pub fn key_hash(name: &str, key: &VerifyingKey) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([ED25519_ALG]);
    h.update(key.as_bytes());
    h.finalize()[..4].try_into().expect("4 bytes")
}

/// Verifier key string, `<name>+<hex key hash>+<base64(0x01 || key)>`, as the Go note package writes.
pub fn verifier_key(name: &str, key: &VerifyingKey) -> String {
    let mut raw = vec![ED25519_ALG];
    raw.extend_from_slice(key.as_bytes());
    format!("{name}+{}+{}", hex::encode(key_hash(name, key)), B64.encode(raw))
}

pub fn parse_verifier_key(vkey: &str) -> Result<(String, VerifyingKey), NoteError> {
    let bad = |why: &str| NoteError::BadVerifierKey(format!("{why} in `{vkey}`"));
    // Names cannot contain `+`; base64 can, so split from the left.
    let mut parts = vkey.splitn(3, '+');
    let (name, hash_hex, b64) = (
        parts.next().unwrap_or(""),
        parts.next().ok_or_else(|| bad("missing key hash"))?,
        parts.next().ok_or_else(|| bad("missing key"))?,
    );
    let raw = B64.decode(b64).map_err(|_| bad("key is not base64"))?;
    if raw.len() != 33 || raw[0] != ED25519_ALG {
        return Err(bad("not an Ed25519 key"));
    }
    let key =
        VerifyingKey::from_bytes(raw[1..].try_into().expect("32 bytes")).map_err(|_| bad("invalid Ed25519 point"))?;
    if hex::encode(key_hash(name, &key)) != hash_hex {
        return Err(bad("key hash does not match"));
    }
    Ok((name.to_owned(), key))
}

/// Signs `body` (which must end in a newline) and returns the full note text.
pub fn sign_note(body: &str, name: &str, key: &SigningKey) -> String {
    debug_assert!(body.ends_with('\n'));
    let sig = key.sign(body.as_bytes());
    let mut blob = key_hash(name, &key.verifying_key()).to_vec();
    blob.extend_from_slice(&sig.to_bytes());
    format!("{body}\n{SIG_PREFIX}{name} {}\n", B64.encode(blob))
}

pub struct SignedNote<'a> {
    pub body: &'a str,
    pub signatures: Vec<(&'a str, [u8; 4], Signature)>,
}

pub fn parse_note(text: &str) -> Result<SignedNote<'_>, NoteError> {
    let bad = |s: &str| NoteError::Malformed(s.to_owned());
    if !text.ends_with('\n') {
        return Err(bad("does not end with a newline"));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(bad("contains control characters"));
    }
    let split = text.rfind("\n\n").ok_or_else(|| bad("no blank line before the signatures"))?;
    let body = &text[..split + 1];
    let mut signatures = Vec::new();
    for line in text[split + 2..].lines() {
        let rest = line.strip_prefix(SIG_PREFIX).ok_or_else(|| bad("signature line must start with an em dash"))?;
        let (name, b64) = rest.split_once(' ').ok_or_else(|| bad("signature line has no key name"))?;
        let blob = B64.decode(b64).map_err(|_| bad("signature is not base64"))?;
        if blob.len() != 68 {
            // Other algorithms are allowed by C2SP; they are not ours to check.
            continue;
        }
        let hash: [u8; 4] = blob[..4].try_into().expect("4 bytes");
        signatures.push((name, hash, Signature::from_bytes(blob[4..].try_into().expect("64 bytes"))));
    }
    if signatures.is_empty() {
        return Err(bad("no signatures"));
    }
    Ok(SignedNote { body, signatures })
}

/// Verifies that `name`/`key` signed the note; returns its body.
pub fn verify_note<'a>(text: &'a str, name: &str, key: &VerifyingKey) -> Result<&'a str, NoteError> {
    let note = parse_note(text)?;
    let want = key_hash(name, key);
    let (_, _, sig) = note
        .signatures
        .iter()
        .find(|(n, h, _)| *n == name && *h == want)
        .ok_or_else(|| NoteError::NotSigned(name.to_owned()))?;
    key.verify_strict(note.body.as_bytes(), sig).map_err(|_| NoteError::BadSignature(name.to_owned()))?;
    Ok(note.body)
}

/// A C2SP tlog-checkpoint body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    pub extensions: Vec<String>,
}

impl Checkpoint {
    pub fn body(&self) -> String {
        let mut s = format!("{}\n{}\n{}\n", self.origin, self.size, B64.encode(self.root));
        for e in &self.extensions {
            s.push_str(e);
            s.push('\n');
        }
        s
    }

    pub fn parse(body: &str) -> Result<Self, NoteError> {
        let bad = |s: String| NoteError::Checkpoint(s);
        let mut lines = body.lines();
        let origin = lines.next().filter(|o| !o.is_empty()).ok_or_else(|| bad("missing origin line".into()))?;
        let size_text = lines.next().ok_or_else(|| bad("missing tree size line".into()))?;
        if size_text.is_empty()
            || !size_text.bytes().all(|b| b.is_ascii_digit())
            || (size_text.len() > 1 && size_text.starts_with('0'))
        {
            return Err(bad(format!("tree size `{size_text}` is not a decimal number")));
        }
        let size = size_text.parse().map_err(|_| bad(format!("tree size `{size_text}` out of range")))?;
        let root_text = lines.next().ok_or_else(|| bad("missing root hash line".into()))?;
        let root: Hash = B64
            .decode(root_text)
            .ok()
            .and_then(|r| r.try_into().ok())
            .ok_or_else(|| bad("root hash is not 32 bytes of base64".into()))?;
        let extensions: Vec<String> = lines.map(String::from).collect();
        if extensions.iter().any(String::is_empty) {
            return Err(bad("empty extension line".into()));
        }
        Ok(Checkpoint { origin: origin.to_owned(), size, root, extensions })
    }

    /// Signs this checkpoint as a note.
    pub fn sign(&self, name: &str, key: &SigningKey) -> String {
        sign_note(&self.body(), name, key)
    }

    /// Verifies a checkpoint note with `name`/`key` and parses it.
    pub fn verify(text: &str, name: &str, key: &VerifyingKey) -> Result<Self, NoteError> {
        Checkpoint::parse(verify_note(text, name, key)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_note_verifier_key_vector() {
        // The example key from golang.org/x/mod/sumdb/note's documentation.
        let vkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
        let (name, key) = parse_verifier_key(vkey).unwrap();
        assert_eq!(name, "PeterNeumann");
        assert_eq!(verifier_key(&name, &key), vkey);
        // And its signed example note.
        let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
        assert_eq!(
            verify_note(text, &name, &key).unwrap(),
            "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
        );
        let tampered = text.replace("answer", "Answer");
        assert_eq!(verify_note(&tampered, &name, &key), Err(NoteError::BadSignature(name.clone())));
    }

    #[test]
    fn checkpoint_round_trip() {
        let sk = SigningKey::from_bytes(&[7u8; 32]);
        let cp = Checkpoint { origin: "example.com/log".into(), size: 42, root: [9u8; 32], extensions: vec![] };
        let note = cp.sign("if://agent/witness", &sk);
        assert!(note.starts_with("example.com/log\n42\nCQkJ"));
        assert_eq!(Checkpoint::verify(&note, "if://agent/witness", &sk.verifying_key()).unwrap(), cp);
        let other = SigningKey::from_bytes(&[8u8; 32]);
        assert!(matches!(
            Checkpoint::verify(&note, "if://agent/witness", &other.verifying_key()),
            Err(NoteError::NotSigned(_))
        ));
        assert!(Checkpoint::parse("o\n042\nAAAA\n").is_err());
    }
}
