//! `if-msg`: keys, new, wrap, sign, verify, validate, bad input.

use crate::common::*;
use serde_json::{json, Value};

#[test]
fn keygen_writes_private_0600_refuses_overwrite_and_prints_trust_line() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmpdir("keygen");
    let line = keygen(&dir, "if://agent/alice", "a.key");
    assert!(line.starts_with("if://agent/alice ed25519:"), "{line}");
    assert_eq!(std::fs::metadata(dir.join("a.key")).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::metadata(dir.join("a.key.pub")).unwrap().permissions().mode() & 0o777, 0o644);
    let secret = std::fs::read_to_string(dir.join("a.key")).unwrap();
    assert!(secret.starts_with("ifconnect secret key v1\n"));
    let before = secret.clone();
    let r = run(MSG, &["keygen", "--agent", "if://agent/alice", "-o", "a.key"], &dir, "");
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("a.key: already exists") && r.stderr.contains("--force"), "{r:?}");
    assert_eq!(std::fs::read_to_string(dir.join("a.key")).unwrap(), before, "key must be untouched");
    // The secret never reaches stdout or stderr.
    let seed = secret.lines().find_map(|l| l.strip_prefix("secret-key: ")).unwrap();
    assert!(!line.contains(seed) && !r.stderr.contains(seed));
    let r = run(MSG, &["keygen", "--agent", "alice", "-o", "b.key"], &dir, "");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid agent id `alice`"), "{r:?}");
    assert_eq!(ok(MSG, &["pubkey", "a.key"], &dir, "").stdout, line);
    assert_eq!(ok(MSG, &["pubkey", "a.key.pub"], &dir, "").stdout, line);
}

#[test]
fn new_builds_a_valid_signed_message_with_defaults() {
    let f = Fixture::new("new");
    let r = f.ok(
        MSG,
        &[
            "new",
            "--key",
            "scanner.key",
            "--performative",
            "escalate",
            "--receiver",
            "if://agent/oversight",
            "--hazard",
            "type=safety,severity=critical,auto_escalate=true",
            "--rationale",
            "live key",
            "--trace-id",
            "0123456789ab",
            "--content",
            r#"{"summary":"live key in prod"}"#,
            "--provenance",
            "model=claude-sonnet-4.5,cost_usd=0.25,tokens_used=1200",
        ],
        "",
    );
    schema_check(&r.stdout);
    let m = &r.json_lines()[0];
    assert_eq!(m["sender"], "if://agent/scanner");
    assert_eq!(m["performative"], "escalate");
    assert_eq!(m["trace_id"], "0123456789ab");
    assert_eq!(m["conversation_id"], "if://conversation/0123456789ab");
    assert_eq!(
        m["hazard"],
        json!({"type": "safety", "severity": "critical", "auto_escalate": true, "rationale": "live key"})
    );
    assert_eq!(m["ttl"], 300);
    assert_eq!(m["scope"]["domain"], "technical");
    assert_eq!(m["nonce"].as_str().unwrap().len(), 24);
    assert_eq!(m["provenance"]["tokens_used"], 1200);
    // Sequence numbers are persisted per key and keep increasing across runs.
    let r2 = f.ok(
        MSG,
        &["new", "--key", "scanner.key", "--performative", "inform", "--receiver", "if://agent/oversight"],
        "",
    );
    assert!(r2.json_lines()[0]["sequence_num"].as_u64().unwrap() > m["sequence_num"].as_u64().unwrap());
    let v = f.ok(MSG, &["verify", "--trust", "trust"], &(r.stdout.clone() + &r2.stdout));
    assert_eq!(v.stdout, r.stdout.clone() + &r2.stdout, "verify passes messages through unchanged");
}

#[test]
fn new_rejects_bad_options_with_clear_errors() {
    let f = Fixture::new("new-bad");
    let cases: [(&[&str], &str); 5] = [
        (&["--performative", "ESCALATE", "--receiver", "if://agent/x"], "unknown performative `ESCALATE`"),
        (&["--performative", "inform"], "required arguments were not provided:\n  --receiver <AGENT>"),
        (&["--performative", "inform", "--receiver", "if://agent/x", "--hazard", "type=fire"], "--hazard type"),
        (
            &["--performative", "inform", "--receiver", "if://agent/x", "--content", "[1]"],
            "--content must be a JSON object",
        ),
        (&["--performative", "inform", "--receiver", "if://agent/x", "--trace-id", "XYZ"], "12 lower-case hex digits"),
    ];
    for (args, want) in cases {
        let mut all = vec!["new", "--key", "scanner.key"];
        all.extend_from_slice(args);
        let r = f.run(MSG, &all, "");
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stderr.contains(want), "{args:?}: want {want:?} in {r:?}");
        assert!(r.stdout.is_empty());
    }
}

const YOLOGUARD: &str = r#"[
  {"file": "app/config.py", "line": 12, "pattern": "stripe_live_key", "match": "sk_live_51HxABCDEFGHIJKLMNOPQRST",
   "severity": "ERROR", "classification": "usable", "relationshipScore": 0.92, "provenance": {"commit": "abc123"},
   "context": "STRIPE = 'sk_live_51HxABCDEFGHIJKLMNOPQRST'"},
  {"file": "docs/setup.md", "line": 3, "pattern": "aws_access_key", "match": "AKIAIOSFODNN7EXAMPLE",
   "severity": "WARNING", "classification": "component", "relationshipScore": 0.2},
  {"file": "tests/fixture.txt", "line": 1, "pattern": "generic", "match": "hunter2", "severity": "NOTE", "classification": "component"}
]"#;

#[test]
fn wrap_yologuard_escalates_usable_errors_and_never_copies_secrets() {
    let f = Fixture::new("wrap-yolo");
    let r = f.ok(MSG, &["wrap", "--from", "yologuard", "--key", "scanner.key"], YOLOGUARD);
    schema_check(&r.stdout);
    let ms = r.json_lines();
    assert_eq!(ms.len(), 3);
    for secret in ["sk_live_51HxABCDEFGHIJKLMNOPQRST", "AKIAIOSFODNN7EXAMPLE", "hunter2"] {
        assert!(!r.stdout.contains(secret), "secret {secret} leaked");
    }
    assert_eq!(ms[0]["performative"], "escalate");
    assert_eq!(ms[0]["hazard"]["severity"], "critical");
    assert_eq!(ms[0]["hazard"]["auto_escalate"], true);
    assert_eq!(ms[0]["content"]["match_redacted"], "sk_l********ST");
    assert_eq!(ms[0]["content"]["context"], "STRIPE = 'sk_l********ST'");
    // No fingerprint without a key: an unsalted hash of the secret would let anyone test guesses.
    assert!(!r.stdout.contains(&sha256_hex("sk_live_51HxABCDEFGHIJKLMNOPQRST")));
    assert!(ms
        .iter()
        .all(|m| m["content"].get("match_sha256").is_none() && m["content"].get("match_hmac_sha256").is_none()));
    assert_eq!(ms[1]["performative"], "inform");
    assert_eq!(ms[1]["hazard"]["severity"], "medium");
    assert!(ms[2].get("hazard").is_none());
    // One scan, one incident: all findings share the trace id and conversation.
    assert_eq!(ms[0]["trace_id"], ms[2]["trace_id"]);
    assert_eq!(ms[0]["conversation_id"], ms[1]["conversation_id"]);
    f.ok(MSG, &["verify", "--trust", "trust"], &r.stdout);
}

fn sha256_hex(s: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(s.as_bytes()))
}

/// Issue 10 item 4: every detection's secret, wherever it occurs in the input, is masked in every
/// message of the run: two secrets on one line, a secret in `file` and `line`, as an object key,
/// in another document, in SARIF fingerprints.
#[test]
fn wrap_never_signs_a_secret_issue10() {
    let f = Fixture::new("wrap-secrets");
    let (stripe, aws) = ("sk_live_51HxABCDEFGHIJKLMNOPQRST", "AKIAIOSFODNN7EXAMPLE");
    let line = format!("STRIPE={stripe} AWS={aws}");
    let docs = [
        json!([
            {"file": "app.env", "line": 1, "pattern": "stripe", "match": stripe, "severity": "ERROR", "classification": "usable", "context": line},
            {"file": "app.env", "line": 1, "pattern": "aws", "match": aws, "severity": "WARNING", "context": line,
             "match_sha256": sha256_hex(aws)}
        ]),
        // Another document: its secret is masked in the first document's messages too, and
        // the first's in its own.
        json!([{"file": format!("keys/{stripe}.txt"), "line": format!("L{aws}"), "pattern": "pin", "match": "4711",
                "severity": "ERROR", "env": {stripe: "set", "pin": 4711}}]),
    ];
    let input = docs.iter().map(|d| serde_json::to_string_pretty(d).unwrap()).collect::<Vec<_>>().join("\n");
    let r = f.ok(MSG, &["wrap", "--from", "yologuard", "--key", "scanner.key"], &input);
    for secret in [stripe, aws, "4711"] {
        assert!(!r.stdout.contains(secret), "secret {secret} leaked: {}", r.stdout);
    }
    assert!(!r.stdout.contains(&sha256_hex(aws)) && !r.stdout.contains(&sha256_hex("4711")));
    let ms = r.json_lines();
    assert_eq!(ms.len(), 3);
    for m in &ms[..2] {
        assert_eq!(m["content"]["context"], "STRIPE=sk_l********ST AWS=AKIA********LE");
    }
    assert_eq!(ms[2]["content"]["summary"], "pin in keys/sk_l********ST.txt:LAKIA********LE");
    assert_eq!(ms[2]["hazard"]["rationale"], "detected pin at keys/sk_l********ST.txt:LAKIA********LE");
    assert_eq!(ms[2]["content"]["env"], json!({"sk_l********ST": "set", "pin": "********"}));
    assert_eq!(ms[2]["content"]["match_redacted"], "********");
    f.ok(MSG, &["verify", "--trust", "trust"], &r.stdout);

    let secret = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";
    let sarif = json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "gitleaks"}}, "results": [
        {"ruleId": "github-pat", "level": "error", "message": {"text": format!("github-pat has detected secret {secret}")},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "ci.yml"}, "region": {"startLine": 3, "snippet": {"text": secret}}}}],
         "partialFingerprints": {"secret/v1": secret, "commitSha": "abc123"}}]}]});
    let r = f.ok(MSG, &["wrap", "--from", "sarif", "--key", "scanner.key"], &sarif.to_string());
    assert!(!r.stdout.contains(secret), "{}", r.stdout);
    let m = &r.json_lines()[0];
    assert_eq!(m["content"]["fingerprints"], json!({"secret/v1": "ghp_********yz", "commitSha": "abc123"}));
    assert_eq!(m["hazard"]["rationale"], "gitleaks github-pat: github-pat has detected secret ghp_********yz");
}

#[test]
fn wrap_fingerprints_secrets_under_the_operators_key() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new("wrap-fp");
    let r = f.ok(MSG, &["fingerprint-key", "-o", "fp.key"], "");
    assert!(r.stdout.is_empty() && r.stderr.contains("wrote fingerprint key fp.key (mode 0600)"), "{r:?}");
    assert_eq!(std::fs::metadata(f.path("fp.key")).unwrap().permissions().mode() & 0o777, 0o600);
    let before = f.read("fp.key");
    let r = f.run(MSG, &["fingerprint-key", "-o", "fp.key"], "");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("fp.key: already exists") && r.stderr.contains("--force"), "{r:?}");
    assert_eq!(f.read("fp.key"), before);
    let secret_line = before.lines().find_map(|l| l.strip_prefix("secret: ")).unwrap();
    assert!(!r.stderr.contains(secret_line));

    let input = r#"[{"file":"a","line":1,"pattern":"pin","match":"4711","severity":"WARNING"},
                    {"file":"b","line":2,"pattern":"pin","match":"4711","severity":"NOTE"},
                    {"file":"c","line":3,"pattern":"pin","match":"4712","severity":"NOTE"}]"#;
    let wrap = ["wrap", "--from", "yologuard", "--key", "scanner.key", "--fingerprint-key", "fp.key"];
    let ms = f.ok(MSG, &wrap, input).json_lines();
    let fp: Vec<&str> = ms.iter().map(|m| m["content"]["match_hmac_sha256"].as_str().unwrap()).collect();
    let key = ifconnect::keys::FingerprintKey::load(&f.path("fp.key")).unwrap();
    assert_eq!(fp[0], key.fingerprint(b"4711"));
    assert_eq!(fp[0], fp[1], "equal secrets match for the key holder");
    assert_ne!(fp[0], fp[2]);
    assert_eq!(ms[0]["content"]["match_hmac_key_id"], key.key_id());
    // Across runs too, and not under another key.
    assert_eq!(f.ok(MSG, &wrap, input).json_lines()[1]["content"]["match_hmac_sha256"], fp[0]);
    f.ok(MSG, &["fingerprint-key", "-o", "fp.key", "--force"], "");
    assert_ne!(f.ok(MSG, &wrap, input).json_lines()[0]["content"]["match_hmac_sha256"], fp[0]);
    // A key others can read is refused, naming the fix.
    std::fs::set_permissions(f.path("fp.key"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = f.run(MSG, &wrap, input);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("fp.key: permissions 0644 are too open for a fingerprint key")
            && r.stderr.contains("chmod 600"),
        "{r:?}"
    );
    assert!(r.stdout.is_empty());
}

/// A small seeded generator (splitmix64): each failing seed replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A value carrying random secrets of the run: whole, inside text, as keys, nested, as numbers.
fn carrier(rng: &mut Rng, secrets: &[String], depth: usize) -> Value {
    let s = secrets[rng.below(secrets.len())].clone();
    let t = secrets[rng.below(secrets.len())].clone();
    match rng.below(if depth > 2 { 4 } else { 7 }) {
        0 => json!(s),
        1 => json!(format!("x = '{s}' and {t}")),
        2 => s.parse::<u64>().map(|n| json!(n)).unwrap_or_else(|_| json!(format!("{s}{t}"))),
        3 => json!("plain"),
        4 => json!({ s: carrier(rng, secrets, depth + 1) }),
        5 => json!([carrier(rng, secrets, depth + 1), carrier(rng, secrets, depth + 1)]),
        _ => json!({"nested": carrier(rng, secrets, depth + 1), format!("k{s}"): carrier(rng, secrets, depth + 1)}),
    }
}

/// Random secrets placed at random in random detections and documents, through the binary: no
/// byte sequence of the output is any secret.
#[test]
fn wrap_property_no_secret_reaches_the_output() {
    let f = Fixture::new("wrap-prop");
    for seed in 0..12u64 {
        let mut rng = Rng(seed);
        let secrets: Vec<String> = (0..1 + rng.below(4))
            .map(|i| match i % 3 {
                // All digits, and short enough (at most 15) to be carried as a JSON number
                // exactly: longer ones are refused as numbers (issue 10, item 6).
                0 => (0..10 + rng.below(6)).map(|_| char::from(b'0' + rng.below(10) as u8)).collect(),
                _ => (0..10 + rng.below(20)).map(|_| char::from(b"abcxyzABQZ0179_-/.*"[rng.below(19)])).collect(),
            })
            .collect();
        let sarif = seed % 3 == 2;
        let input = if sarif {
            let results: Vec<Value> = (0..secrets.len() + rng.below(3))
                .map(|i| {
                    json!({"ruleId": carrier(&mut rng, &secrets, 3).to_string(), "level": "error",
                        "message": {"text": carrier(&mut rng, &secrets, 3).to_string()},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": carrier(&mut rng, &secrets, 3).to_string()},
                            "region": {"startLine": 1 + i, "snippet": {"text": secrets[i % secrets.len()]}}}}],
                        "partialFingerprints": carrier(&mut rng, &secrets, 0)})
                })
                .collect();
            json!({"runs": [{"tool": {"driver": {"name": "scanner"}}, "results": results}]}).to_string()
        } else {
            let mut docs = Vec::new();
            for i in 0..secrets.len() + rng.below(4) {
                let mut det = serde_json::Map::new();
                det.insert("match".into(), json!(secrets[i % secrets.len()]));
                det.insert("severity".into(), json!(["ERROR", "WARNING", "NOTE"][rng.below(3)]));
                for field in ["file", "line", "pattern", "context", "provenance", "extra"] {
                    if rng.below(3) > 0 {
                        det.insert(field.into(), carrier(&mut rng, &secrets, 0));
                    }
                }
                docs.push(serde_json::to_string_pretty(&Value::Array(vec![Value::Object(det)])).unwrap());
            }
            docs.join("\n")
        };
        let from = if sarif { "sarif" } else { "yologuard" };
        let mut args = vec!["wrap", "--from", from, "--key", "scanner.key"];
        if seed == 1 {
            f.ok(MSG, &["fingerprint-key", "-o", "fp.key"], "");
        }
        if seed % 2 == 1 {
            args.extend(["--fingerprint-key", "fp.key"]);
        }
        let r = f.ok(MSG, &args, &input);
        assert!(!r.stdout.is_empty(), "seed {seed}");
        for s in &secrets {
            assert!(!r.stdout.contains(s.as_str()), "seed {seed}: secret {s:?} in {}", r.stdout);
        }
        f.ok(MSG, &["verify", "--trust", "trust"], &r.stdout);
    }
}

#[test]
fn wrap_passes_existing_ifmessages_through_unchanged() {
    let f = Fixture::new("wrap-pass");
    let signed = f
        .ok(MSG, &["new", "--key", "reviewer.key", "--performative", "inform", "--receiver", "if://agent/x"], "")
        .stdout;
    let input = format!("{{\"tool\":\"x\"}}\n{signed}");
    let r = f.ok(MSG, &["wrap", "--from", "json", "--key", "scanner.key"], &input);
    let lines = r.lines();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1], signed.trim_end());
    assert_eq!(r.json_lines()[0]["content"], json!({"tool": "x"}));
    assert_eq!(r.json_lines()[0]["sender"], "if://agent/scanner");
    schema_check(&r.stdout);
}

#[test]
fn wrap_sarif_results() {
    let f = Fixture::new("wrap-sarif");
    let sarif = json!({"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "runs": [{
    "tool": {"driver": {"name": "gitleaks", "rules": [{"id": "stripe-access-token", "properties": {"security-severity": 9.8}}]}},
    "results": [
        {"ruleId": "stripe-access-token", "ruleIndex": 0, "level": "error", "message": {"text": "stripe-access-token has detected secret for file app.py."},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app.py"}, "region": {"startLine": 7, "snippet": {"text": "sk_live_SECRETSECRET"}}}}],
         "partialFingerprints": {"commitSha": "abc"}},
        {"ruleId": "generic", "level": "note", "message": {"text": "weak"}}
    ]}]});
    let r =
        f.ok(MSG, &["wrap", "--from", "sarif", "--key", "scanner.key"], &serde_json::to_string_pretty(&sarif).unwrap());
    schema_check(&r.stdout);
    assert!(!r.stdout.contains("SECRETSECRET"));
    let ms = r.json_lines();
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[0]["performative"], "escalate");
    assert_eq!(ms[0]["content"]["file"], "app.py");
    assert_eq!(ms[0]["content"]["line"], 7);
    assert_eq!(ms[0]["hazard"]["severity"], "critical");
    assert_eq!(ms[1]["performative"], "inform");
}

#[test]
fn bad_lines_are_named_and_skip_mode_keeps_the_rest() {
    let f = Fixture::new("wrap-bad");
    let input = "{\"ok\":1}\nnot json\n[1,2]\n{\"a\":1,\"a\":2}\n{\"ok\":2}\n";
    let r = f.run(MSG, &["wrap", "--from", "json", "--key", "scanner.key"], input);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.lines().len(), 1, "lines before the bad one are kept");
    assert!(r.stderr.contains("stdin:2: not JSON"), "{r:?}");
    let r = f.run(MSG, &["wrap", "--from", "json", "--key", "scanner.key", "--on-error", "skip"], input);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.lines().len(), 2);
    assert!(r.stderr.contains("stdin:3: expected a JSON object"), "{r:?}");
    assert!(r.stderr.contains("stdin:4: not JSON: duplicate key `a`"), "{r:?}");
    assert!(r.stderr.contains("skipped 3 bad input line(s)"), "{r:?}");
    schema_check(&r.stdout);
    // Yologuard documents: the error names the line the document starts on.
    let r = f.run(MSG, &["wrap", "--from", "yologuard", "--key", "scanner.key"], "\n\n[{\"severity\":\"FATAL\"}]\n");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("stdin:3: detection 0: severity `FATAL`"), "{r:?}");
    // A syntax error in a later document is named by its own line; the documents before it are
    // wrapped.
    let r = f.run(
        MSG,
        &["wrap", "--from", "yologuard", "--key", "scanner.key"],
        "[\n{\"severity\":\"NOTE\"}\n]\n\n[{\"file\": }]\n",
    );
    assert_eq!((r.code, r.lines().len()), (1, 1), "{r:?}");
    assert!(r.stderr.contains("stdin:5: not JSON"), "{r:?}");
    // A bad detection does not take its neighbours down with it.
    let mixed = r#"[{"file":"a","line":1,"pattern":"p","match":"x","severity":"NOTE"},{"severity":"FATAL"},{"file":"b","line":2,"pattern":"p","match":"y","severity":"NOTE"}]"#;
    let r = f.run(MSG, &["wrap", "--from", "yologuard", "--key", "scanner.key", "--on-error", "skip"], mixed);
    assert_eq!(r.code, 1);
    let files: Vec<Value> = r.json_lines().iter().map(|m| m["content"]["file"].clone()).collect();
    assert_eq!(files, vec![json!("a"), json!("b")]);
    assert!(r.stderr.contains("stdin:1: detection 1: severity `FATAL`"), "{r:?}");
}

#[test]
fn overlong_lines_are_rejected_without_losing_the_next() {
    let f = Fixture::new("long");
    let big = format!("{{\"blob\":\"{}\"}}", "x".repeat(5000));
    let input = format!("{{\"a\":1}}\n{big}\n{{\"b\":2}}\n");
    let r = f.run(
        MSG,
        &["wrap", "--from", "json", "--key", "scanner.key", "--max-line-bytes", "1000", "--on-error", "skip"],
        &input,
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("stdin:2: line is longer than 1000 bytes"), "{r:?}");
    let ms = r.json_lines();
    assert_eq!((ms[0]["content"]["a"].clone(), ms[1]["content"]["b"].clone()), (json!(1), json!(2)));
}

fn tamper(line: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(line).unwrap();
    edit(&mut v);
    serde_json::to_string(&v).unwrap() + "\n"
}

#[test]
fn verify_rejects_forgery_with_a_reason_each() {
    let f = Fixture::new("verify");
    let made = f.new_message("scanner.key", r#"{"n":1}"#);
    assert_eq!(made.code, 0, "{made:?}");
    let good = made.stdout;
    let line = good.trim_end();
    let other = f
        .ok(MSG, &["new", "--key", "reviewer.key", "--performative", "inform", "--receiver", "if://agent/x"], "")
        .stdout;
    let cases = vec![
        ("content edited", tamper(line, |v| v["content"]["n"] = json!(2)), "signature does not verify"),
        (
            "unsigned field added",
            tamper(line, |v| {
                v["topic"] = json!("if://topic/x");
            }),
            "field `topic` is not covered by signature.signed_fields",
        ),
        (
            "field dropped from signed list",
            tamper(line, |v| {
                v["signature"]["signed_fields"].as_array_mut().unwrap().retain(|f| f != "ttl");
            }),
            "field `ttl` is not covered",
        ),
        (
            "key swapped",
            tamper(line, |v| {
                v["signature"]["public_key"] =
                    serde_json::from_str::<Value>(&other).unwrap()["signature"]["public_key"].clone()
            }),
            "signature does not verify",
        ),
        (
            "sender claims another agent",
            tamper(other.trim_end(), |v| v["sender"] = json!("if://agent/scanner")),
            "signature does not verify",
        ),
        (
            "schema violation",
            tamper(line, |v| v["nonce"] = json!("short")),
            "schema: `nonce` must be 24 lower-case hex digits",
        ),
        ("not an object", "[1]\n".into(), "schema: an IFMessage must be a JSON object"),
    ];
    for (what, input, want) in cases {
        let r = f.run(MSG, &["verify", "--trust", "trust"], &input);
        assert_eq!(r.code, 1, "{what}: {r:?}");
        assert!(r.stderr.contains(&format!("stdin:1: {want}")), "{what}: want {want:?}: {r:?}");
        assert!(r.stdout.is_empty(), "{what}");
    }
    // A key nobody trusts, and a trusted key claiming another agent's identity.
    let stranger_dir = tmpdir("stranger");
    keygen(&stranger_dir, "if://agent/scanner", "s.key");
    let forged = ok(
        MSG,
        &["new", "--key", "s.key", "--performative", "inform", "--receiver", "if://agent/x"],
        &stranger_dir,
        "",
    )
    .stdout;
    let r = f.run(MSG, &["verify", "--trust", "trust"], &forged);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("untrusted: unknown key"), "{r:?}");
    let r = f.run(MSG, &["verify", "--trust", "scanner.key.pub"], &other);
    assert!(r.stderr.contains("untrusted: unknown key"), "single .pub trust: {r:?}");
}

#[test]
fn verify_with_state_rejects_replays_regressions_and_expired_messages() {
    let f = Fixture::new("replay");
    let sign = |obj: Value| f.ok(MSG, &["sign", "--key", "scanner.key"], &(obj.to_string() + "\n")).stdout;
    let base = json!({"performative": "inform", "receiver": "if://agent/x"});
    let m5 = sign({
        let mut v = base.clone();
        v["sequence_num"] = json!(5);
        v
    });
    let m3 = sign({
        let mut v = base.clone();
        v["sequence_num"] = json!(3);
        v
    });
    let old = sign({
        let mut v = base.clone();
        v["timestamp"] = json!("2020-01-01T00:00:00Z");
        v["ttl"] = json!(60);
        v
    });
    let future = sign({
        let mut v = base.clone();
        v["timestamp"] = json!("2099-01-01T00:00:00Z");
        v
    });
    schema_check(&(m5.clone() + &m3 + &old + &future));
    let state = f.path("state");
    let state = state.to_str().unwrap();
    f.ok(MSG, &["verify", "--trust", "trust", "--state", state], &m5);
    let r = f.run(MSG, &["verify", "--trust", "trust", "--state", state], &m5);
    assert!(r.stderr.contains("stdin:1: replayed nonce"), "{r:?}");
    let r = f.run(MSG, &["verify", "--trust", "trust", "--state", state], &m3);
    assert!(
        r.stderr.contains("stdin:1: sequence_num 3 from if://agent/scanner (key ")
            && r.stderr.contains(") does not increase (last seen 5)"),
        "{r:?}"
    );
    let r = f.run(MSG, &["verify", "--trust", "trust", "--state", state], &old);
    assert!(
        r.stderr.contains("stdin:1: expired: sent 2020-01-01T00:00:00Z, ttl 60s, expired at 2020-01-01T00:01:00.000Z"),
        "{r:?}"
    );
    let r = f.run(MSG, &["verify", "--trust", "trust"], &future);
    assert!(r.stderr.contains("is more than 60s in the future"), "{r:?}");
    f.ok(MSG, &["verify", "--trust", "trust", "--ignore-expiry"], &old);
    // Archives: --ignore-expiry skips freshness but not replay protection.
    let r = f.run(MSG, &["verify", "--trust", "trust", "--state", state, "--ignore-expiry"], &m5);
    assert!(r.stderr.contains("stdin:1: replayed nonce"), "{r:?}");
    let r = f.run(MSG, &["verify", "--trust", "scanner.key"], &m5);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("this is a secret key; trust its public key"), "{r:?}");
}

/// Issue 10, item 3: replay state is kept per sender and public key. Another key claiming the
/// sender with `sequence_num` 2^53, accepted by a `verify --state` without `--trust` (integrity,
/// not identity), must not lock the sender's real key out of later runs sharing the state.
#[test]
fn replay_state_cannot_be_poisoned_by_another_key_claiming_the_sender() {
    let f = Fixture::new("poison");
    keygen(&f.dir, "if://agent/scanner", "impostor.key");
    let sign = |key: &str, seq: u64| {
        let obj = json!({"performative": "inform", "receiver": "if://agent/x", "sequence_num": seq});
        f.ok(MSG, &["sign", "--key", key], &(obj.to_string() + "\n")).stdout
    };
    let poison = sign("impostor.key", 1 << 53);
    let (real1, real2, real3) = (sign("scanner.key", 1), sign("scanner.key", 2), sign("scanner.key", 3));
    let state = f.path("state");
    let state = state.to_str().unwrap();
    assert_eq!(f.ok(MSG, &["verify", "--state", state], &poison).stdout, poison);
    // The real sender's next messages are accepted, with and without --trust.
    assert_eq!(f.ok(MSG, &["verify", "--state", state], &real1).stdout, real1);
    assert_eq!(f.ok(MSG, &["verify", "--trust", "trust", "--state", state], &real2).stdout, real2);
    // Under --trust the impostor is refused before it reaches the state.
    let r = f.run(MSG, &["verify", "--trust", "trust", "--state", state], &sign("impostor.key", 1 << 54));
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("stdin:1: untrusted: unknown key"), "{r:?}");
    assert_eq!(f.ok(MSG, &["verify", "--trust", "trust", "--state", state], &real3).stdout, real3);
    // Each key's own replays are still refused.
    let r = f.run(MSG, &["verify", "--state", state], &real2);
    assert!(r.stderr.contains("stdin:1: replayed nonce"), "{r:?}");
    let r = f.run(MSG, &["verify", "--state", state], &poison);
    assert!(r.stderr.contains("stdin:1: replayed nonce"), "{r:?}");
    schema_check(&(poison + &real1 + &real2 + &real3));
}

#[test]
fn sign_fills_defaults_and_refuses_other_senders() {
    let f = Fixture::new("sign");
    let r = f.ok(
        MSG,
        &["sign", "--key", "scanner.key", "--receiver", "if://agent/x"],
        "{\"performative\":\"request\",\"content\":{\"q\":1}}\n",
    );
    schema_check(&r.stdout);
    let m = &r.json_lines()[0];
    assert_eq!(m["sender"], "if://agent/scanner");
    assert_eq!(m["receiver"], "if://agent/x");
    let r = f.run(
        MSG,
        &["sign", "--key", "scanner.key"],
        "{\"performative\":\"request\",\"receiver\":\"if://agent/x\",\"sender\":\"if://agent/reviewer\"}\n",
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("stdin:1: sender is if://agent/reviewer but the key is if://agent/scanner's"), "{r:?}");
    let r = f.run(MSG, &["sign", "--key", "scanner.key"], "{\"performative\":\"request\"}\n");
    assert!(r.stderr.contains("stdin:1: missing field `receiver`"), "{r:?}");
}

#[test]
fn validate_checks_schema_only() {
    let f = Fixture::new("validate");
    let good = f
        .ok(MSG, &["new", "--key", "scanner.key", "--performative", "inform", "--receiver", "if://agent/x"], "")
        .stdout;
    let edited = tamper(good.trim_end(), |v| v["content"] = json!({"edited": true}));
    f.ok(MSG, &["validate"], &edited);
    let bad = tamper(good.trim_end(), |v| v["ttl"] = json!(0));
    let r = f.run(MSG, &["validate"], &(good.clone() + &bad));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("stdin:2: schema: `ttl` must be 1..=3600 seconds (got 0)"), "{r:?}");
    let r = f.run(MSG, &["validate"], &tamper(good.trim_end(), |v| v["extra"] = json!(1)));
    assert!(r.stderr.contains("stdin:1: schema: unknown field `extra`"), "{r:?}");
}

#[test]
fn closed_stdout_ends_quietly() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let f = Fixture::new("pipe");
    let input: String = (0..20000).map(|i| format!("{{\"i\":{i}}}\n")).collect();
    let mut child = Command::new(MSG)
        .args(["wrap", "--from", "json", "--key", "scanner.key"])
        .current_dir(&f.dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with('{'));
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
}

/// Issue 10, item 2: a signer killed at any moment (kill -9) never makes a later one repeat or
/// go back in `sequence_num`, and `KEY.seq` is never seen empty or half-written, not even
/// while a signer runs. 100 signers (`wrap` reading a slow stdin) are killed at random moments:
/// before their first line, between lines, while they finish after stdin closed.
#[test]
fn killed_signers_never_repeat_or_go_back_in_sequence_numbers() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Command, Stdio};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    let dir = tmpdir("seq-kill");
    keygen(&dir, "if://agent/scanner", "s.key");
    let seq_file = dir.join("s.key.seq");
    // Someone reading the file at any moment sees a whole number (or no file before the first).
    let stop = Arc::new(AtomicBool::new(false));
    let seen_bad: Arc<Mutex<Option<String>>> = Arc::default();
    let watcher = {
        let (stop, seen_bad, seq_file) = (stop.clone(), seen_bad.clone(), seq_file.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                match std::fs::read_to_string(&seq_file) {
                    Ok(s) if s.trim().parse::<u64>().is_err() => {
                        seen_bad.lock().unwrap().get_or_insert(format!("{} read as {s:?}", seq_file.display()));
                    }
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        seen_bad.lock().unwrap().get_or_insert(format!("{}: {e}", seq_file.display()));
                    }
                    _ => {}
                }
                std::thread::yield_now();
            }
        })
    };
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    let mut rng = seed;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let seq_of = |line: &str| -> u64 {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("seed {seed}: not JSON ({e}): {line}"));
        v["sequence_num"].as_u64().unwrap_or_else(|| panic!("seed {seed}: no sequence_num: {line}"))
    };
    let mut last = 0u64;
    let mut check = |n: u64, run: u64| {
        assert!(n > last, "seed {seed}, run {run}: sequence_num {n} after {last}: repeated or went back");
        last = n;
    };
    for run in 0..100u64 {
        let mut child = Command::new(MSG)
            .args(["wrap", "--from", "json", "--key", "s.key"])
            .current_dir(&dir)
            .env_remove("IF_LOG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        // A slow stdin: one line, then wait for its message, and so on.
        for i in 0..next() % 4 {
            let input = stdin.as_mut().unwrap();
            writeln!(input, "{{\"run\":{run},\"i\":{i}}}").unwrap();
            input.flush().unwrap();
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            check(seq_of(&line), run);
        }
        if next() % 2 == 0 {
            drop(stdin.take()); // the signer finishes: it gives back the unused numbers
        }
        std::thread::sleep(std::time::Duration::from_micros(next() % 3000));
        child.kill().unwrap();
        child.wait().unwrap();
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).unwrap();
        for line in rest.lines().filter(|l| !l.is_empty()) {
            check(seq_of(line), run);
        }
    }
    stop.store(true, Ordering::Relaxed);
    watcher.join().unwrap();
    if let Some(bad) = seen_bad.lock().unwrap().take() {
        panic!("seed {seed}: {bad}");
    }
    let r = ok(MSG, &["wrap", "--from", "json", "--key", "s.key"], &dir, "{}\n{}\n");
    for line in r.lines() {
        check(seq_of(line), 100);
    }
}

/// `path` for writing, as a child's stdout: `/dev/full` fails every write with ENOSPC.
fn dev_full() -> std::process::Stdio {
    std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap().into()
}

/// Runs `bin` with stdout `out`, stdin empty; returns (exit code, stderr).
fn run_with_stdout(bin: &str, args: &[&str], dir: &std::path::Path, out: std::process::Stdio) -> (i32, String) {
    let o = std::process::Command::new(bin)
        .args(args)
        .current_dir(dir)
        .env_remove("IF_LOG")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(out)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// Issue 10, item 6: a secret key others may read (0644, 0666) is refused, as OpenSSH refuses
/// one, in one line naming the file, its mode and the fix.
#[test]
fn secret_keys_others_may_read_are_refused_naming_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new("key-mode");
    let new = ["new", "--key", "scanner.key", "--performative", "inform", "--receiver", "if://agent/x"];
    for mode in [0o644, 0o666] {
        std::fs::set_permissions(f.path("scanner.key"), std::fs::Permissions::from_mode(mode)).unwrap();
        let r = f.run(MSG, &new, "");
        assert_eq!(r.code, 2, "{r:?}");
        assert_eq!(
            r.stderr,
            format!(
                "if-msg: error: scanner.key: permissions {mode:04o} are too open for a secret key (others may read it); run `chmod 600 scanner.key`\n"
            )
        );
        assert_eq!(r.stdout, "");
        let r = f.run(WITNESS, &["append", "a.log", "--key", "scanner.key"], "");
        assert_eq!(r.code, 2, "{r:?}");
        assert!(r.stderr.contains(&format!("scanner.key: permissions {mode:04o} are too open")), "{r:?}");
    }
    std::fs::set_permissions(f.path("scanner.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
    f.ok(MSG, &new, "");
}

/// Issue 10, item 6: `new` requires `--receiver`, and its help says so.
#[test]
fn new_help_shows_receiver_as_required() {
    let f = Fixture::new("new-help");
    let help = f.ok(MSG, &["new", "--help"], "").stdout;
    let usage = help.lines().find(|l| l.starts_with("Usage: ")).unwrap();
    assert_eq!(usage, "Usage: if-msg new [OPTIONS] --key <FILE> --performative <PERFORMATIVE> --receiver <AGENT>");
    let r = f.run(MSG, &["new", "--key", "scanner.key", "--performative", "inform"], "");
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("the following required arguments were not provided:\n  --receiver <AGENT>"), "{r:?}");
    // The other commands keep their defaults.
    let help = f.ok(MSG, &["wrap", "--help"], "").stdout;
    assert!(!help.lines().find(|l| l.starts_with("Usage: ")).unwrap().contains("--receiver"), "{help}");
}

/// Issue 10, item 6: an error says its cause once (it used to print `No such file or directory
/// (os error 2): No such file or directory (os error 2)`), one line, whatever the command;
/// `tests/architecture.rs` checks every error type for the cause shown and chained.
#[test]
fn an_io_error_is_said_once_by_every_command() {
    let f = Fixture::new("io-once");
    let cases: &[(&str, &[&str], &str)] = &[
        (MSG, &["verify", "--trust", "missing"], "missing"),
        (MSG, &["new", "--key", "missing", "--performative", "inform", "--receiver", "if://agent/x"], "missing"),
        (MSG, &["wrap", "--from", "json", "--key", "missing"], "missing"),
        (MSG, &["sign", "--key", "missing"], "missing"),
        (MSG, &["pubkey", "missing"], "missing"),
        (WITNESS, &["verify", "missing.log"], "missing.log"),
        (WITNESS, &["append", "no/such/dir.log", "--key", "witness.key"], "no/such/dir.log"),
        (WITNESS, &["query", "missing.log"], "missing.log"),
        (WITNESS, &["export", "missing.log", "--format", "csv"], "missing.log"),
        (SIP, &["proxy", "--key", "missing", "--listen", "127.0.0.1:0"], "missing"),
        (
            SIP,
            &["escalate", "--key", "scanner.key", "--via", "127.0.0.1:9", "--experts", "missing.toml"],
            "missing.toml",
        ),
    ];
    for (bin, args, file) in cases {
        let r = f.run(bin, args, "");
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        let name = std::path::Path::new(bin).file_name().unwrap().to_str().unwrap();
        assert_eq!(r.stderr, format!("{name}: error: {file}: No such file or directory (os error 2)\n"), "{args:?}");
    }
    // A failing stdout, too, is said once (it was logged when it happened and again at exit).
    let good = f.messages("scanner.key", 3, "0123456789ab");
    std::fs::write(f.path("good.jsonl"), &good).unwrap();
    let o = std::process::Command::new(MSG)
        .args(["validate"])
        .current_dir(&f.dir)
        .env_remove("IF_LOG")
        .stdin(std::fs::File::open(f.path("good.jsonl")).unwrap())
        .stdout(dev_full())
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "if-msg: error: stdout: No space left on device (os error 28)\n");
}

/// Issue 10, item 6: `keygen` is all or nothing. When the trust line cannot be printed (a full
/// disk, a closed pipe) neither key file is left behind, so the re-run is not refused.
#[test]
fn keygen_into_a_full_or_closed_stdout_leaves_no_key_files() {
    let dir = tmpdir("keygen-full");
    let args = ["keygen", "--agent", "if://agent/a", "-o", "a.key"];
    let (code, stderr) = run_with_stdout(MSG, &args, &dir, dev_full());
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr,
        "if-msg: error: stdout: No space left on device (os error 28): the trust line was not printed, so a.key and a.key.pub were removed\n"
    );
    assert!(!dir.join("a.key").exists() && !dir.join("a.key.pub").exists());
    // A closed pipe: the reader is gone before keygen starts.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let (code, stderr) = run_with_stdout(MSG, &args, &dir, writer.into());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("Broken pipe") && stderr.contains("so a.key and a.key.pub were removed"), "{stderr}");
    assert!(!dir.join("a.key").exists() && !dir.join("a.key.pub").exists());
    let line = keygen(&dir, "if://agent/a", "a.key");
    assert!(line.starts_with("if://agent/a ed25519:"), "{line}");
}
