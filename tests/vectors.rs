//! Test vectors for the signing and log formats (`tests/vectors/*.json`, also in docs/formats.md):
//! the implementation must reproduce them byte for byte, so a second implementation can be
//! checked against the same files. `IF_BLESS=1` regenerates them (only when the format changes).

use crate::common::*;
use ed25519_dalek::SigningKey;
use ifconnect::keys::{self, SecretKey};
use ifconnect::message::{self, Domain, IfMessage, Performative, Receiver, Scope};
use ifconnect::witness::{log, merkle, note};
use serde_json::{json, Map, Value};
use std::path::Path;

const SEED: [u8; 32] = [0x42; 32];

fn vector_message() -> IfMessage {
    let mut content = Map::new();
    content.insert("summary".into(), json!("usable stripe key in app/config.py:12"));
    content.insert("match_redacted".into(), json!("sk_l********ST"));
    content.insert("unicode".into(), json!("€ \u{1F600} \"quoted\"\n"));
    content.insert("score".into(), json!(0.92));
    IfMessage {
        performative: Performative::Escalate,
        sender: "if://agent/yologuard".into(),
        receiver: Receiver::One("if://agent/oversight".into()),
        conversation_id: "if://conversation/0123456789ab".into(),
        topic: None,
        protocol: None,
        content,
        citation_ids: None,
        timestamp: "2026-11-25T15:05:01.123Z".into(),
        sequence_num: 7,
        trace_id: Some("0123456789ab".into()),
        nonce: "00112233445566778899aabb".into(),
        ttl: 300,
        scope: Scope {
            mission_id: "ifconnect".into(),
            workflow: "wrap-yologuard".into(),
            domain: Domain::Technical,
            priority: None,
            extra: Map::new(),
        },
        topic_hash: None,
        hazard: Some(message::Hazard {
            kind: Some(message::HazardType::Safety),
            severity: Some(message::Level::Critical),
            auto_escalate: Some(true),
            ..Default::default()
        }),
        provenance: None,
        signature: None,
    }
}

fn build() -> Value {
    let key = SecretKey::from_seed("if://agent/yologuard", SEED).unwrap();
    let signed = message::sign_message(&vector_message(), &key);
    let fields: Vec<String> = signed["signature"]["signed_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let input = message::signing_input(signed.as_object().unwrap(), &fields);
    let leaf = merkle::leaf_hash(&ifconnect::json::canonical(&signed));
    let entry0 = log::entry_hash(0, &[0u8; 32], &leaf);
    let witness = SigningKey::from_bytes(&[0x57; 32]);
    let cp =
        note::Checkpoint { origin: "example.org/ifconnect/vectors".into(), size: 1, root: leaf, extensions: vec![] };
    json!({
        "description": "IFMessage v2.1 signing (docs/formats.md). Secret seeds are test-only.",
        "signing": {
            "seed_hex": hex::encode(SEED),
            "agent": "if://agent/yologuard",
            "public_key": keys::encode_public(&key.verifying()),
            "domain_prefix_hex": hex::encode(message::SIGNATURE_DOMAIN),
            "signing_input_hex": hex::encode(&input),
            "signing_input_text": String::from_utf8_lossy(&input[message::SIGNATURE_DOMAIN.len()..]),
            "signature": signed["signature"]["signature_bytes"],
            "message": signed,
        },
        "witness": {
            "leaf_hash_hex": hex::encode(leaf),
            "entry0_hash_hex": hex::encode(entry0),
            "witness_seed_hex": hex::encode([0x57u8; 32]),
            "witness_verifier_key": note::verifier_key("if://agent/witness", &witness.verifying_key()),
            "checkpoint_note": cp.sign("if://agent/witness", &witness),
        }
    })
}

#[test]
fn signing_and_log_vectors_are_reproduced_exactly() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/ifconnect-v1.json");
    let want = build();
    if std::env::var_os("IF_BLESS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&want).unwrap() + "\n").unwrap();
    }
    let have: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(have, want, "the signing or log format changed; if intended, re-bless and document it");
    let msg = &have["signing"]["message"];
    schema_check(&(msg.to_string() + "\n"));
    // The vector verifies through the real binary, with its key as the only trusted one.
    let dir = tmpdir("vectors");
    std::fs::write(
        dir.join("trust"),
        format!("if://agent/yologuard {}\n", have["signing"]["public_key"].as_str().unwrap()),
    )
    .unwrap();
    ok(MSG, &["verify", "--trust", "trust", "--ignore-expiry"], &dir, &(msg.to_string() + "\n"));
    let mut edited = msg.clone();
    edited["content"]["score"] = json!(0.93);
    let r = run(MSG, &["verify", "--trust", "trust", "--ignore-expiry"], &dir, &(edited.to_string() + "\n"));
    assert!(r.stderr.contains("stdin:1: signature does not verify"), "{r:?}");
    let (name, key) = note::parse_verifier_key(have["witness"]["witness_verifier_key"].as_str().unwrap()).unwrap();
    note::Checkpoint::verify(have["witness"]["checkpoint_note"].as_str().unwrap(), &name, &key).unwrap();
}
