//! Batch verification of Ed25519 signatures with the terms of each distinct key combined.
//!
//! `ed25519_dalek::verify_batch` checks `-(Σ zᵢsᵢ)·B + Σ zᵢ·Rᵢ + Σ (zᵢhᵢ)·Aᵢ = 0` with one
//! multiscalar multiplication over `2n + 1` points. A log holds many signatures by few keys, and
//! `Σ (zᵢhᵢ)·Aᵢ` over equal `Aᵢ` is `(Σ zᵢhᵢ)·A`, so [`verify_batch`] here multiplies `n + k + 1`
//! points for `k` distinct keys: the same equation (the same group element, with the same
//! coefficients `zᵢ`, derived exactly as ed25519-dalek 2 derives them), so the same verdict for
//! every input, in a little over half the work when `k` is small.

use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::{IsIdentity, VartimeMultiscalarMul};
use ed25519_dalek::{Signature, VerifyingKey};
use sha2::{Digest, Sha512};
use std::collections::HashMap;

/// Adds no randomness: ed25519-dalek 2 derives its coefficients from the transcript alone.
struct ZeroRng;

impl rand_core::RngCore for ZeroRng {
    fn next_u32(&mut self) -> u32 {
        rand_core::impls::next_u32_via_fill(self)
    }
    fn next_u64(&mut self) -> u64 {
        rand_core::impls::next_u64_via_fill(self)
    }
    fn fill_bytes(&mut self, _dest: &mut [u8]) {}
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl rand_core::CryptoRng for ZeroRng {}

/// True when every signature verifies (in the batch sense of ed25519-dalek 2's `verify_batch`).
/// False says only that at least one does not, or that a signature is malformed.
pub fn verify_batch(messages: &[&[u8]], signatures: &[Signature], keys: &[VerifyingKey]) -> bool {
    assert!(
        messages.len() == signatures.len() && keys.len() == signatures.len(),
        "one message, signature and key each"
    );
    let hrams: Vec<[u8; 64]> = signatures
        .iter()
        .zip(keys)
        .zip(messages)
        .map(|((sig, key), msg)| {
            let mut h = Sha512::new();
            h.update(sig.r_bytes());
            h.update(key.as_bytes());
            h.update(msg);
            h.finalize().into()
        })
        .collect();
    let mut transcript = merlin::Transcript::new(b"ed25519 batch verification");
    for hram in &hrams {
        transcript.append_message(b"hram", hram);
    }
    for sig in signatures {
        transcript.append_message(b"sig.s", sig.s_bytes());
    }
    let mut rng = transcript.build_rng().finalize(&mut ZeroRng);
    let mut s = Vec::with_capacity(signatures.len());
    for sig in signatures {
        match Option::<Scalar>::from(Scalar::from_canonical_bytes(*sig.s_bytes())) {
            Some(x) => s.push(x),
            None => return false,
        }
    }
    let zs: Vec<Scalar> = signatures
        .iter()
        .map(|_| {
            let mut buf = [0u8; 16];
            rand_core::RngCore::fill_bytes(&mut rng, &mut buf);
            Scalar::from(u128::from_le_bytes(buf))
        })
        .collect();
    let b_coefficient: Scalar = s.iter().zip(&zs).map(|(s, z)| z * s).sum();
    // Σ zᵢhᵢ per distinct key, in order of first appearance.
    let mut slot: HashMap<[u8; 32], usize> = HashMap::new();
    let mut key_points: Vec<EdwardsPoint> = Vec::new();
    let mut key_coefficients: Vec<Scalar> = Vec::new();
    for ((key, hram), z) in keys.iter().zip(&hrams).zip(&zs) {
        let zh = Scalar::from_bytes_mod_order_wide(hram) * z;
        let i = *slot.entry(key.to_bytes()).or_insert_with(|| {
            key_points.push(key.to_edwards());
            key_coefficients.push(Scalar::ZERO);
            key_points.len() - 1
        });
        key_coefficients[i] += zh;
    }
    let rs = signatures.iter().map(|sig| CompressedEdwardsY(*sig.r_bytes()).decompress());
    let points = std::iter::once(Some(ED25519_BASEPOINT_POINT)).chain(rs).chain(key_points.into_iter().map(Some));
    let coefficients = std::iter::once(-b_coefficient).chain(zs).chain(key_coefficients);
    EdwardsPoint::optional_multiscalar_mul(coefficients, points).is_some_and(|id| id.is_identity())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    type Case = (String, Vec<Vec<u8>>, Vec<Signature>, Vec<VerifyingKey>);

    /// The same verdict as ed25519-dalek's own batch check, for good batches and every kind of
    /// bad one, with one key and with several.
    #[test]
    fn agrees_with_ed25519_dalek() {
        let signers: Vec<SigningKey> = (1..=3u8).map(|i| SigningKey::from_bytes(&[i; 32])).collect();
        let msgs: Vec<Vec<u8>> = (0..40u32).map(|i| format!("message {i}").into_bytes()).collect();
        for keys_used in [1, 3] {
            let keys: Vec<VerifyingKey> = (0..msgs.len()).map(|i| signers[i % keys_used].verifying_key()).collect();
            let sigs: Vec<Signature> = msgs.iter().enumerate().map(|(i, m)| signers[i % keys_used].sign(m)).collect();
            let mut cases: Vec<Case> = vec![("good".into(), msgs.clone(), sigs.clone(), keys.clone())];
            let mut m = msgs.clone();
            m[7].push(b'!');
            cases.push(("altered message".into(), m, sigs.clone(), keys.clone()));
            let mut k = keys.clone();
            k[5] = SigningKey::from_bytes(&[9; 32]).verifying_key();
            cases.push(("other key".into(), msgs.clone(), sigs.clone(), k));
            let mut s = sigs.clone();
            s.swap(1, 2);
            cases.push(("swapped signatures".into(), msgs.clone(), s, keys.clone()));
            for (byte, bit) in [(0, 0), (31, 6), (32, 0), (63, 4), (63, 7)] {
                let mut s = sigs.clone();
                let mut raw = s[3].to_bytes();
                raw[byte] ^= 1 << bit;
                s[3] = Signature::from_bytes(&raw);
                cases.push((format!("bit {bit} of byte {byte}"), msgs.clone(), s, keys.clone()));
            }
            for (name, m, s, k) in cases {
                let refs: Vec<&[u8]> = m.iter().map(Vec::as_slice).collect();
                let theirs = ed25519_dalek::verify_batch(&refs, &s, &k).is_ok();
                assert_eq!(verify_batch(&refs, &s, &k), theirs, "{name}, {keys_used} key(s)");
                assert_eq!(theirs, name == "good", "{name}");
            }
        }
    }
}
