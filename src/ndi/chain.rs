//! The signed hash chain, one record per video frame, carried in that frame's own per-frame
//! metadata (`p_metadata`; specified in docs/if-ndi.md).
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

/// Why a frame's record was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FrameError {
    #[error("not an <ifconnect-frame/> element")]
    NotAFrame,
    #[error("malformed attribute")]
    MalformedAttribute,
    #[error("unterminated attribute")]
    UnterminatedAttribute,
    #[error("attribute {0} given twice")]
    DuplicateAttribute(String),
    #[error("missing attribute {0}")]
    MissingAttribute(&'static str),
    #[error("attribute {0} is not a number")]
    NotANumber(&'static str),
    #[error("unsupported version")]
    UnsupportedVersion,
    /// The record was edited after it was sealed (its hash no longer matches).
    #[error("frame hash does not match its metadata")]
    HashMismatch,
    #[error("key: {0}")]
    BadKey(String),
    #[error("signature is not 64 bytes of hex")]
    SignatureEncoding,
    /// The hash matches but the signature does not: resealed by someone without the key.
    #[error("frame signature does not verify")]
    BadSignature,
}

/// A picture that one or more frames show, with what the chain records of it (the SHA-256 of
/// its pixels and its luma grid) worked out once, however many frames show it: a card stays on
/// the air unchanged until the next one.
pub struct Still {
    pub width: u32,
    pub height: u32,
    /// The exact BGRA pixels sent.
    pub bgra: Vec<u8>,
    pixels: String,
    grid: String,
}

impl Still {
    pub fn new(width: u32, height: u32, bgra: Vec<u8>) -> Self {
        let pixels = hex::encode(Sha256::digest(&bgra));
        let grid = hex::encode(super::card::luma_grid(&bgra, width, height));
        Still { width, height, bgra, pixels, grid }
    }

    /// Hex SHA-256 of the pixels.
    pub fn pixels_sha256(&self) -> &str {
        &self.pixels
    }
}

/// Hashing done per slice while a new still is prepared: 2 MiB, about 1.2 ms of SHA-256 here, so
/// that no frame carries the whole cost of a new 1080p card (8 MB, about 5 ms).
pub const SLICE_BYTES: usize = 2 << 20;

/// A still being prepared a slice at a time, while the one before stays on the air: the hash of
/// its pixels in [`SLICE_BYTES`] steps, then its luma grid. A still of one slice or less is ready
/// at the first step.
pub struct Preparing {
    width: u32,
    height: u32,
    bgra: Vec<u8>,
    hasher: Sha256,
    hashed: usize,
}

impl Preparing {
    pub fn new(width: u32, height: u32, bgra: Vec<u8>) -> Self {
        Preparing { width, height, bgra, hasher: Sha256::new(), hashed: 0 }
    }

    /// Hashes the next slice; true once every pixel is hashed (then [`Preparing::finish`]).
    pub fn step(&mut self) -> bool {
        let end = (self.hashed + SLICE_BYTES).min(self.bgra.len());
        self.hasher.update(&self.bgra[self.hashed..end]);
        self.hashed = end;
        end == self.bgra.len()
    }

    /// The still, once every slice is hashed: its luma grid is taken here.
    pub fn finish(self) -> Still {
        debug_assert_eq!(self.hashed, self.bgra.len(), "finish before the last step");
        let pixels = hex::encode(self.hasher.finalize());
        let grid = hex::encode(super::card::luma_grid(&self.bgra, self.width, self.height));
        Still { width: self.width, height: self.height, bgra: self.bgra, pixels, grid }
    }
}

/// What one frame shows, for sealing it into the chain.
pub struct Picture<'a> {
    pub ts: String,
    pub trace: String,
    pub card: u64,
    pub still: &'a Still,
}

/// The sending side of one chain: numbers the frames, links each to the one before and seals
/// it. The one place a record is made.
pub struct ChainWriter {
    chain: String,
    next: u64,
    prev: String,
    key: SigningKey,
}

impl ChainWriter {
    pub fn new(chain: String, key: SigningKey) -> Self {
        ChainWriter { chain, next: 0, prev: "0".repeat(64), key }
    }

    pub fn chain(&self) -> &str {
        &self.chain
    }

    /// Frames sealed so far, which is also the next frame's number.
    pub fn frames(&self) -> u64 {
        self.next
    }

    /// The record of the next frame, sealed.
    pub fn seal(&mut self, picture: Picture<'_>) -> FrameRecord {
        let mut record = FrameRecord {
            chain: self.chain.clone(),
            n: self.next,
            ts: picture.ts,
            trace: picture.trace,
            card: picture.card,
            width: picture.still.width,
            height: picture.still.height,
            pixels: picture.still.pixels.clone(),
            grid: picture.still.grid.clone(),
            prev: std::mem::take(&mut self.prev),
            hash: String::new(),
            key: String::new(),
            sig: String::new(),
        };
        record.seal(&self.key);
        self.prev = record.hash.clone();
        self.next += 1;
        record
    }
}

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
    pub fn from_xml(xml: &str) -> Result<Self, FrameError> {
        let body = xml
            .trim()
            .strip_prefix("<ifconnect-frame")
            .and_then(|r| r.strip_suffix("/>"))
            .ok_or(FrameError::NotAFrame)?;
        let mut attrs = std::collections::HashMap::new();
        let mut rest = body.trim_start();
        while !rest.is_empty() {
            let (name, after) = rest.split_once("=\"").ok_or(FrameError::MalformedAttribute)?;
            let (value, after) = after.split_once('"').ok_or(FrameError::UnterminatedAttribute)?;
            if attrs.insert(name.trim().to_owned(), xml_unescape(value)).is_some() {
                return Err(FrameError::DuplicateAttribute(name.trim().to_owned()));
            }
            rest = after.trim_start();
        }
        let get = |k: &'static str| attrs.get(k).cloned().ok_or(FrameError::MissingAttribute(k));
        if get("v")? != "1" {
            return Err(FrameError::UnsupportedVersion);
        }
        let num = |k: &'static str| get(k)?.parse::<u64>().map_err(|_| FrameError::NotANumber(k));
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
    pub fn verify(&self) -> Result<VerifyingKey, FrameError> {
        let bytes = self.signed_bytes();
        if hex::encode(Sha256::digest(&bytes)) != self.hash {
            return Err(FrameError::HashMismatch);
        }
        let key = keys::decode_public(&self.key).map_err(FrameError::BadKey)?;
        let raw: [u8; 64] =
            hex::decode(&self.sig).ok().and_then(|b| b.try_into().ok()).ok_or(FrameError::SignatureEncoding)?;
        key.verify_strict(&bytes, &Signature::from_bytes(&raw)).map_err(|_| FrameError::BadSignature)?;
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
        assert_eq!(edited.verify(), Err(FrameError::HashMismatch));
        let mut resigned = edited.clone();
        resigned.hash = hex::encode(Sha256::digest(resigned.signed_bytes()));
        assert_eq!(resigned.verify(), Err(FrameError::BadSignature));
        assert_eq!(FrameRecord::from_xml("<other/>"), Err(FrameError::NotAFrame));
        assert_eq!(FrameRecord::from_xml(&r.to_xml().replace(" n=\"7\"", "")), Err(FrameError::MissingAttribute("n")));
    }

    #[test]
    fn the_writer_numbers_and_links_frames() {
        let key = SigningKey::from_bytes(&[9; 32]);
        let mut w = ChainWriter::new("c1".into(), key.clone());
        let bgra = vec![128u8; 64 * 36 * 4];
        let still = Still::new(64, 36, bgra.clone());
        let picture = |card| Picture { ts: "t".into(), trace: "0123456789ab".into(), card, still: &still };
        let a = w.seal(picture(1));
        let b = w.seal(picture(1));
        assert_eq!((a.n, b.n, w.frames()), (0, 1, 2));
        assert_eq!(a.prev, "0".repeat(64));
        assert_eq!(b.prev, a.hash, "each frame names the one before");
        assert_eq!(a.pixels, hex::encode(Sha256::digest(&bgra)));
        assert_eq!(a.grid, hex::encode(crate::ndi::card::luma_grid(&bgra, 64, 36)));
        assert_eq!(b.verify().unwrap(), key.verifying_key());
    }

    #[test]
    fn a_still_prepared_in_slices_is_the_still_made_at_once() {
        let (w, h) = (1920u32, 1080u32);
        let bgra: Vec<u8> = (0..w as usize * h as usize * 4).map(|i| (i * 7 % 251) as u8).collect();
        let whole = Still::new(w, h, bgra.clone());
        let mut preparing = Preparing::new(w, h, bgra);
        let mut steps = 1;
        while !preparing.step() {
            steps += 1;
        }
        let sliced = preparing.finish();
        assert_eq!(steps, (w as usize * h as usize * 4).div_ceil(SLICE_BYTES));
        assert_eq!(
            (sliced.pixels_sha256(), &sliced.grid, &sliced.bgra),
            (whole.pixels_sha256(), &whole.grid, &whole.bgra)
        );
        // A small still is ready at once.
        assert!(Preparing::new(64, 36, vec![0; 64 * 36 * 4]).step());
    }
}
