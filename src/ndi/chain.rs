//! The signed hash chain carried in every frame's NDI metadata (specified in docs/if-ndi.md).
//!
//! ```text
//! <ifconnect-frame v="1" chain=".." n=".." ts=".." trace=".." card=".." w=".." h=".."
//!   pixels="sha256 of BGRA" grid="hex luma grid" prev=".." hash=".." key="ed25519:.." sig=".."/>
//! ```
//! `hash` = SHA-256(DOMAIN || body) and `sig` = Ed25519(DOMAIN || body), where body is the values
//! of v, chain, n, ts, trace, card, w, h, pixels, grid and prev, each followed by `\n`. `prev` is
//! the previous frame's `hash` (64 zeros for the first frame of a chain).

use crate::keys;
use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

pub const DOMAIN: &[u8] = b"ifconnect/ndi/frame/v1\0";
const FIELDS: [&str; 11] = ["v", "chain", "n", "ts", "trace", "card", "w", "h", "pixels", "grid", "prev"];

/// One frame's chain record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameRecord {
    pub chain: String,
    pub n: u64,
    pub ts: String,
    pub trace: String,
    pub card: u64,
    pub width: u32,
    pub height: u32,
    /// SHA-256 of the exact BGRA pixels as rendered (not checkable after lossy transport).
    pub pixels: String,
    /// Hex luma grid (`card::luma_grid`), checkable against the decoded picture.
    pub grid: String,
    pub prev: String,
    pub hash: String,
    pub key: String,
    pub sig: String,
}

impl FrameRecord {
    fn values(&self) -> [String; 11] {
        [
            "1".into(),
            self.chain.clone(),
            self.n.to_string(),
            self.ts.clone(),
            self.trace.clone(),
            self.card.to_string(),
            self.width.to_string(),
            self.height.to_string(),
            self.pixels.clone(),
            self.grid.clone(),
            self.prev.clone(),
        ]
    }

    fn signed_bytes(&self) -> Vec<u8> {
        let mut out = DOMAIN.to_vec();
        for v in self.values() {
            out.extend_from_slice(v.as_bytes());
            out.push(b'\n');
        }
        out
    }

    /// Fills `hash`, `key` and `sig`.
    pub fn seal(&mut self, key: &SigningKey) {
        let bytes = self.signed_bytes();
        self.hash = hex::encode(Sha256::digest(&bytes));
        self.key = keys::encode_public(&key.verifying_key());
        self.sig = hex::encode(key.sign(&bytes).to_bytes());
    }

    pub fn to_xml(&self) -> String {
        let mut s = String::from("<ifconnect-frame");
        for (k, v) in FIELDS.iter().zip(self.values()) {
            s.push_str(&format!(" {k}=\"{}\"", xml_escape(&v)));
        }
        for (k, v) in [("hash", &self.hash), ("key", &self.key), ("sig", &self.sig)] {
            s.push_str(&format!(" {k}=\"{}\"", xml_escape(v)));
        }
        s.push_str("/>");
        s
    }

    /// Parses the element written by `to_xml` (attributes in any order; nothing else).
    pub fn from_xml(xml: &str) -> Result<Self, String> {
        let body = xml
            .trim()
            .strip_prefix("<ifconnect-frame")
            .and_then(|r| r.strip_suffix("/>"))
            .ok_or("not an <ifconnect-frame/> element")?;
        let mut attrs = std::collections::HashMap::new();
        let mut rest = body.trim_start();
        while !rest.is_empty() {
            let (name, after) = rest.split_once("=\"").ok_or("malformed attribute")?;
            let (value, after) = after.split_once('"').ok_or("unterminated attribute")?;
            if attrs.insert(name.trim().to_owned(), xml_unescape(value)).is_some() {
                return Err(format!("attribute {} given twice", name.trim()));
            }
            rest = after.trim_start();
        }
        let get = |k: &str| attrs.get(k).cloned().ok_or_else(|| format!("missing attribute {k}"));
        if get("v")? != "1" {
            return Err("unsupported version".into());
        }
        let num = |k: &str| get(k)?.parse::<u64>().map_err(|_| format!("attribute {k} is not a number"));
        Ok(FrameRecord {
            chain: get("chain")?,
            n: num("n")?,
            ts: get("ts")?,
            trace: get("trace")?,
            card: num("card")?,
            width: num("w")? as u32,
            height: num("h")? as u32,
            pixels: get("pixels")?,
            grid: get("grid")?,
            prev: get("prev")?,
            hash: get("hash")?,
            key: get("key")?,
            sig: get("sig")?,
        })
    }

    /// Checks `hash` and `sig`; returns the signing key.
    pub fn verify(&self) -> Result<VerifyingKey, String> {
        let bytes = self.signed_bytes();
        if hex::encode(Sha256::digest(&bytes)) != self.hash {
            return Err("frame hash does not match its metadata".into());
        }
        let key = keys::decode_public(&self.key)?;
        let raw: [u8; 64] =
            hex::decode(&self.sig).ok().and_then(|b| b.try_into().ok()).ok_or("signature is not 64 bytes of hex")?;
        key.verify_strict(&bytes, &Signature::from_bytes(&raw))
            .map_err(|_| "frame signature does not verify".to_string())?;
        Ok(key)
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

fn xml_unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The base64 form of a key, for display.
pub fn short_key(key: &VerifyingKey) -> String {
    B64.encode(&key.as_bytes()[..6])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> FrameRecord {
        FrameRecord {
            chain: "4f2a9c01".into(),
            n: 7,
            ts: "2026-11-25T15:05:01.123Z".into(),
            trace: "0123456789ab".into(),
            card: 2,
            width: 1280,
            height: 720,
            pixels: "ab".repeat(32),
            grid: "10".repeat(576),
            prev: "00".repeat(32),
            hash: String::new(),
            key: String::new(),
            sig: String::new(),
        }
    }

    #[test]
    fn sealed_records_round_trip_and_detect_edits() {
        let key = SigningKey::from_bytes(&[9; 32]);
        let mut r = record();
        r.seal(&key);
        let back = FrameRecord::from_xml(&r.to_xml()).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.verify().unwrap(), key.verifying_key());
        let mut edited = back.clone();
        edited.n = 8;
        assert_eq!(edited.verify(), Err("frame hash does not match its metadata".into()));
        let mut resigned = edited.clone();
        resigned.hash = hex::encode(Sha256::digest(resigned.signed_bytes()));
        assert_eq!(resigned.verify(), Err("frame signature does not verify".into()));
        assert!(FrameRecord::from_xml("<other/>").is_err());
        assert!(FrameRecord::from_xml(&r.to_xml().replace(" n=\"7\"", ""))
            .unwrap_err()
            .contains("missing attribute n"));
    }
}
