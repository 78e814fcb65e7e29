//! The verifier's fast path for entry lines: the line checked as bytes (canonical form, fields,
//! hashes, message schema, signature shape) without building a JSON tree.
//!
//! [`decode_entry`] answers `Some` only for a line that `log::decode(line, MessageCheck::Full)`
//! accepts, with the same result; on `None` the caller calls `decode`, which handles every other
//! line (headers, checkpoints, anything unusual) and gives the reason for a bad one.

use super::log::{entry_hash, DecodedEntry};
use super::merkle::{leaf_hash, Hash};
use crate::json::scan::{self, Member};
use crate::message;
use serde_json::Value;

/// `line` (without its newline) as a fully checked entry, its signature ready for batch
/// verification. `members` is scratch space, reused across calls.
pub fn decode_entry(line: &[u8], members: &mut Vec<Member>) -> Option<DecodedEntry> {
    members.clear();
    if !scan::canonical_object(line, 2, members) {
        return None;
    }
    // Canonical, so the record's members are sorted: exactly these five, in this order.
    let top: Vec<&Member> = members.iter().filter(|m| m.depth == 1).collect();
    let keys: Vec<&[u8]> = top.iter().map(|m| &line[m.key.clone()]).collect();
    if keys != [&b"hash"[..], b"index", b"message", b"prev", b"type"] {
        return None;
    }
    let value = |i: usize| &line[top[i].value.clone()];
    if value(4) != b"\"entry\"" || !value(1).iter().all(u8::is_ascii_digit) {
        return None;
    }
    let index: u64 = std::str::from_utf8(value(1)).ok()?.parse().ok()?;
    let hash = hex32(value(0))?;
    let prev = hex32(value(3))?;
    let message = top[2].value.clone();
    // Over the size limit: the general path says so (the depth limit is beyond what the scan
    // takes, 32 levels).
    if line[message.start] != b'{' || message.len() > message::limits::MAX_MESSAGE_BYTES {
        return None;
    }
    let leaf = leaf_hash(&line[message.clone()]);
    if entry_hash(index, &prev, &leaf) != hash {
        return None;
    }
    let inner: Vec<Member> = members.iter().filter(|m| m.depth == 2 && message.contains(&m.start)).cloned().collect();
    let id = super::dedup::MessageId::of_canonical(&line[message.clone()]);
    let checked = message::check_canonical(line, message, &inner)?;
    Some(DecodedEntry {
        index,
        prev,
        hash,
        leaf,
        message: Value::Null,
        prepared: Some(checked.prepared),
        sender: Some(checked.message.sender),
        id,
    })
}

/// A JSON string of 64 lower-case hex digits.
fn hex32(quoted: &[u8]) -> Option<Hash> {
    let digits = quoted.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    if digits.len() != 64 || !digits.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let mut out = [0u8; 32];
    hex::decode_to_slice(digits, &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::log::{decode, Decoded, LogState, MessageCheck};
    use super::*;
    use crate::json;
    use crate::keys::SecretKey;
    use serde_json::json;

    fn message_text(key: &SecretKey) -> String {
        let mut v = json!({
            "performative": "inform", "sender": key.agent, "receiver": ["if://agent/x", "if://agent/y"],
            "conversation_id": "if://conversation/0123456789ab", "content": {"k": "v\n\u{1F600}", "n": [1.5, -2]},
            "timestamp": "2026-12-01T00:00:00Z", "sequence_num": 1, "nonce": "0123456789abcdef01234567",
            "ttl": 300, "scope": {"mission_id": "m", "workflow": "w", "domain": "technical"},
        });
        message::sign_map(v.as_object_mut().unwrap(), key);
        String::from_utf8(json::canonical(&v)).unwrap()
    }

    /// The entry line for a message text, hashed into the chain.
    fn entry_of(message: &str) -> Vec<u8> {
        LogState::default().entry_record(message.as_bytes()).0.strip_suffix(b"\n").unwrap().to_vec()
    }

    fn entry_line(key: &SecretKey) -> Vec<u8> {
        entry_of(&message_text(key))
    }

    #[test]
    fn agrees_with_decode() {
        let key = SecretKey::from_seed("if://agent/a", [7; 32]).unwrap();
        let line = entry_line(&key);
        let fast = decode_entry(&line, &mut Vec::new()).expect("fast path takes a good entry");
        let Ok(Decoded::Entry(slow)) = decode(&line, MessageCheck::Full) else { panic!("decode refuses it") };
        assert_eq!((fast.index, fast.prev, fast.hash, fast.leaf), (slow.index, slow.prev, slow.hash, slow.leaf));
        assert_eq!(fast.sender, slow.sender);
        let (f, s) = (fast.prepared.unwrap(), slow.prepared.unwrap());
        assert_eq!((f.key, f.signature, &f.signed), (s.key, s.signature, &s.signed));
    }

    #[test]
    fn leaves_every_bad_line_to_decode() {
        let key = SecretKey::from_seed("if://agent/a", [7; 32]).unwrap();
        let line = String::from_utf8(entry_line(&key)).unwrap();
        let message = message_text(&key);
        let mut bad: Vec<Vec<u8>> = [
            line.replace("\"index\":0", "\"index\":1"),
            line.replace("\"index\":0", "\"index\":0.0"),
            line.replace("\"type\":\"entry\"", "\"type\":\"entry \""),
            line.replace("\"prev\":\"0", "\"prev\":\"A"),
            line.replace("{\"hash\"", "{ \"hash\""),
            line.replace("\"ttl\":300", "\"ttl\":301"),
        ]
        .map(String::into_bytes)
        .into();
        // Re-hashed into the chain, so that only the message is wrong.
        for (from, to) in [
            ("\"ttl\":300", "\"ttl\":0"),
            ("\"k\":", "\"z\":"),
            ("\"ttl\":300", "\"ttl\":300,\"zz\":1"),
            ("\"nonce\":\"0123456789abcdef01234567\"", "\"nonce\":\"0123456789abcdef0123456\""),
            ("\"signed_fields\":[\"content\",", "\"signed_fields\":["),
            ("\"algorithm\":\"ed25519\"", "\"algorithm\":\"ed448\""),
        ] {
            assert!(message.contains(from), "{from}");
            bad.push(entry_of(&message.replacen(from, to, 1)));
        }
        for edited in &bad {
            assert_ne!(edited, line.as_bytes());
            let text = String::from_utf8_lossy(edited);
            assert!(decode(edited, MessageCheck::Full).is_err(), "decode refuses {text}");
            assert!(decode_entry(edited, &mut Vec::new()).is_none(), "{text}");
        }
        // A changed but well-formed message passes both (its signature fails later, in the batch).
        let forged = entry_of(&message.replacen("\"sequence_num\":1", "\"sequence_num\":2", 1));
        let fast = decode_entry(&forged, &mut Vec::new()).expect("well-formed");
        assert!(decode(&forged, MessageCheck::Full).is_ok());
        assert!(message::verify_prepared(&fast.prepared.unwrap()).is_err());
    }
}
