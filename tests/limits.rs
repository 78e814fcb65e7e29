//! Issue 10, items 1, 5 and the numbers of 6: the message limits hold for every consumer, the
//! log refuses what it must not hold twice, and signers never sign another number than given.

use crate::common::*;
use ifconnect::message::{MAX_DEPTH, MAX_MESSAGE_BYTES};
use serde_json::{json, Value};

const TRACE: &str = "0000000a11ce";

/// `{"d":[[...1...]]}` with `arrays` arrays: nesting `arrays + 1`.
fn nested_object(arrays: usize) -> String {
    format!("{{\"d\":{}1{}}}", "[".repeat(arrays), "]".repeat(arrays))
}

/// `message` with its `content` replaced and signed again by `key` (the library's signer, which
/// knows no limits: how a message beyond them reaches a verifier).
fn resigned(f: &Fixture, key: &str, message: &Value, content: Value, nonce: &str) -> String {
    let key = ifconnect::keys::SecretKey::load(&f.path(key)).unwrap();
    let Value::Object(mut map) = message.clone() else { panic!("not an object") };
    map.insert("content".into(), content);
    map.insert("nonce".into(), nonce.into());
    ifconnect::message::sign_map(&mut map, &key);
    String::from_utf8(ifconnect::json::canonical(&Value::Object(map))).unwrap()
}

/// Appends `message` (canonical JSON) to `log` by hand, chained and hashed as `append` would,
/// after the last entry: what a log beyond the limits or with a copy looks like.
fn append_by_hand(f: &Fixture, log: &str, message: &str) {
    use ifconnect::witness::{log as wlog, merkle};
    let text = f.read(log);
    let last = text.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()).rfind(|v| v["type"] == "entry");
    let (index, prev) = match last {
        Some(e) => {
            let mut h = [0u8; 32];
            hex::decode_to_slice(e["hash"].as_str().unwrap(), &mut h).unwrap();
            (e["index"].as_u64().unwrap() + 1, h)
        }
        None => (0, [0u8; 32]),
    };
    let leaf = merkle::leaf_hash(message.as_bytes());
    let hash = wlog::entry_hash(index, &prev, &leaf);
    let line = String::from_utf8(wlog::entry_line_bytes(index, &prev, &hash, message.as_bytes())).unwrap();
    f.write(log, &format!("{text}{line}\n"));
}

fn wrap_json(f: &Fixture, input: &str) -> Run {
    f.run(MSG, &["wrap", "--from", "json", "--key", "scanner.key", "--trace-id", TRACE, "--on-error", "skip"], input)
}

/// Every command that reads the log succeeds on it.
fn every_log_command_reads(f: &Fixture, log: &str) {
    let verified = f.run(WITNESS, &["verify", log, "--trust", "trust"], "");
    assert_eq!(verified.code, 0, "verify: {verified:?}");
    for args in [
        vec!["trace", log, TRACE],
        vec!["trace", log, TRACE, "--format", "json"],
        vec!["query", log, "--format", "json"],
        vec!["cost", log],
        vec!["export", log, "--format", "json"],
        vec!["export", log, "--format", "jsonl"],
        vec!["export", log, "--format", "csv"],
        vec!["prove", log, "--index", "1"],
        vec!["prove", log, "--consistency-from", "1"],
        vec!["repair", log],
        vec!["checkpoint", log, "--key", "witness.key"],
    ] {
        f.ok(WITNESS, &args, "");
    }
    // The proof of the deepest entry, itself one level deeper, verifies offline.
    let proof = f.ok(WITNESS, &["prove", log, "--index", "1"], "").stdout;
    f.write("proof.json", &proof);
    let note = serde_json::from_str::<Value>(f.read(log).lines().last().unwrap()).unwrap()["note"]
        .as_str()
        .unwrap()
        .to_owned();
    f.write("cp.txt", &note);
    f.ok(WITNESS, &["verify-proof", "proof.json", "--checkpoint", "cp.txt", "--trust", "trust"], "");
    // And the log takes more.
    f.ok(WITNESS, &["append", log, "--key", "witness.key"], &f.messages("scanner.key", 1, TRACE));
    assert_eq!(f.run(WITNESS, &["verify", log, "--trust", "trust"], "").code, 0);
}

#[test]
fn issue10_nesting_at_the_limit_is_signed_verified_logged_and_read_back() {
    let f = Fixture::new("limit-depth");
    // wrap: the object becomes `content`, level 2 of the message: arrays = depth - 2.
    let input: String = [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1].iter().map(|d| nested_object(d - 2) + "\n").collect();
    let r = wrap_json(&f, &input);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.lines().len(), 2, "{r:?}");
    assert!(r.stderr.contains("stdin:3: message nests deeper than 64 levels of objects and arrays"), "{r:?}");
    let signed = r.stdout.clone();
    // sign: the object is the message; its content is level 2 as well.
    let input: String = [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1]
        .iter()
        .map(|d| {
            format!(
                "{{\"performative\":\"inform\",\"receiver\":\"if://agent/x\",\"content\":{}}}\n",
                nested_object(d - 2)
            )
        })
        .collect();
    let r = f.run(MSG, &["sign", "--key", "scanner.key", "--on-error", "skip"], &input);
    assert_eq!((r.code, r.lines().len()), (1, 2), "{r:?}");
    assert!(r.stderr.contains("stdin:3: message nests deeper than 64 levels"), "{r:?}");
    // new --content.
    let new = |content: &str| f.new_message("scanner.key", content);
    assert_eq!(new(&nested_object(MAX_DEPTH - 2)).code, 0);
    let r = new(&nested_object(MAX_DEPTH - 1));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--content: message nests deeper than 64 levels"), "{r:?}");

    // One level more than any signer emits, signed all the same: every verifier refuses it by
    // the limit, not by a parser's recursion error.
    let deepest: Value = serde_json::from_str(signed.lines().nth(1).unwrap()).unwrap();
    let beyond = resigned(
        &f,
        "scanner.key",
        &deepest,
        json!({"d": [deepest["content"]["d"].clone()]}),
        "0000000000000000000000dd",
    );
    let input = format!("{signed}{beyond}\n");
    for cmd in [vec!["verify", "--trust", "trust", "--on-error", "skip"], vec!["validate", "--on-error", "skip"]] {
        let r = f.run(MSG, &cmd, &input);
        assert_eq!((r.code, r.stdout.as_str()), (1, signed.as_str()), "{cmd:?}: {r:?}");
        assert!(r.stderr.contains("stdin:3: message nests deeper than 64 levels"), "{cmd:?}: {r:?}");
    }
    let r =
        f.run(WITNESS, &["append", "a.log", "--key", "witness.key", "--trust", "trust", "--on-error", "skip"], &input);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("stdin:3: message nests deeper than 64 levels"), "{r:?}");
    every_log_command_reads(&f, "a.log");

    // A log holding such a message anyway (written by hand) fails verification by the limit.
    append_by_hand(&f, "a.log", &beyond);
    let r = f.run(WITNESS, &["verify", "a.log", "--trust", "trust"], "");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("(entry 3): message: message nests deeper than 64 levels"), "{r:?}");
}

#[test]
fn issue10_size_at_the_limit_is_signed_verified_logged_and_read_back() {
    let f = Fixture::new("limit-size");
    // What wrap adds around a blob of `p` bytes: the sequence number is counted at its widest
    // (20 digits), so find the blob that makes that bound exactly the limit.
    let p = 1000;
    let probe = wrap_json(&f, &format!("{{\"blob\":\"{}\"}}\n", "x".repeat(p)));
    let m: Value = serde_json::from_str(probe.lines()[0]).unwrap();
    let digits = m["sequence_num"].to_string().len();
    let bound = probe.lines()[0].len() - digits + 20;
    let n = p + MAX_MESSAGE_BYTES - bound;
    let input: String = [n - 1, n, n + 1].iter().map(|k| format!("{{\"blob\":\"{}\"}}\n", "x".repeat(*k))).collect();
    let r = wrap_json(&f, &input);
    assert_eq!(r.code, 1, "{:?}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "stdin:3: the signed message would be up to {} bytes in canonical form, more than the limit of {MAX_MESSAGE_BYTES}",
            MAX_MESSAGE_BYTES + 1
        )),
        "{:?}",
        r.stderr
    );
    let signed = r.stdout.clone();
    assert_eq!(r.lines().len(), 2);
    assert!(r.lines().iter().all(|l| l.len() <= MAX_MESSAGE_BYTES && l.len() > MAX_MESSAGE_BYTES - 40));
    // Signed messages of exactly limit - 1, limit and limit + 1 bytes.
    let template: Value = serde_json::from_str(r.lines()[0]).unwrap();
    let sized = |len: usize| {
        let nonce = format!("{len:024x}");
        let first = resigned(&f, "scanner.key", &template, json!({"blob": ""}), &nonce);
        let text = resigned(&f, "scanner.key", &template, json!({"blob": "y".repeat(len - first.len())}), &nonce);
        assert_eq!(text.len(), len);
        text + "\n"
    };
    let exact = sized(MAX_MESSAGE_BYTES - 1) + &sized(MAX_MESSAGE_BYTES);
    let over = sized(MAX_MESSAGE_BYTES + 1);
    let input = format!("{signed}{exact}{over}");
    // At the default line limit the line is too long; with a longer one, the message too big.
    let r = f.run(MSG, &["verify", "--trust", "trust", "--on-error", "skip"], &input);
    assert_eq!((r.code, r.lines().len()), (1, 4), "{:?}", r.stderr);
    assert!(r.stderr.contains(&format!("stdin:5: line is longer than {MAX_MESSAGE_BYTES} bytes")), "{:?}", r.stderr);
    let too_big = format!(
        "message is {} bytes in canonical form, more than the limit of {MAX_MESSAGE_BYTES}",
        MAX_MESSAGE_BYTES + 1
    );
    for cmd in [vec!["verify", "--trust", "trust"], vec!["validate"]] {
        let mut args = cmd.clone();
        args.extend(["--on-error", "skip", "--max-line-bytes", "2000000"]);
        let r = f.run(MSG, &args, &input);
        assert_eq!((r.code, r.lines().len()), (1, 4), "{cmd:?}: {:?}", r.stderr);
        assert!(r.stderr.contains(&format!("stdin:5: {too_big}")), "{cmd:?}: {:?}", r.stderr);
    }
    let r = f.run(
        WITNESS,
        &[
            "append",
            "a.log",
            "--key",
            "witness.key",
            "--trust",
            "trust",
            "--on-error",
            "skip",
            "--max-line-bytes",
            "2000000",
        ],
        &input,
    );
    assert_eq!(r.code, 1, "{:?}", r.stderr);
    assert!(r.stderr.contains(&format!("stdin:5: {too_big}")), "{:?}", r.stderr);
    every_log_command_reads(&f, "a.log");
    assert!(f.ok(WITNESS, &["verify", "a.log"], "").stderr.contains("ok: 5 entries"));
    // The same with the default line limit: what `wrap` emits `append` takes.
    f.ok(WITNESS, &["append", "b.log", "--key", "witness.key", "--trust", "trust"], &format!("{signed}{exact}"));
}

#[test]
fn issue10_append_refuses_expired_future_and_duplicate_messages() {
    let f = Fixture::new("append-refuses");
    let sign = |fields: &str| {
        let line = format!("{{\"performative\":\"inform\",\"receiver\":\"if://agent/x\",{fields}}}\n");
        f.ok(MSG, &["sign", "--key", "scanner.key"], &line).stdout
    };
    let expired = sign(r#""timestamp":"2020-01-01T00:00:00.000Z","ttl":60"#);
    let future = sign(&format!(
        "\"timestamp\":\"{}\"",
        ifconnect::time::format_rfc3339(ifconnect::time::now_millis() + 3_600_000)
    ));
    let fresh = f.messages("scanner.key", 2, TRACE);
    let first = fresh.lines().next().unwrap().to_owned() + "\n";
    let input = format!("{fresh}{expired}{future}{first}");
    let r = f.run(WITNESS, &["append", "a.log", "--key", "witness.key", "--on-error", "skip"], &input);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("stdin:3: expired: sent 2020-01-01T00:00:00.000Z, ttl 60s"), "{r:?}");
    assert!(r.stderr.contains("stdin:4: timestamp ") && r.stderr.contains("is more than 60s in the future"), "{r:?}");
    // Line 5 repeats line 1: named as a line of the same batch or as the entry it became,
    // depending on how stdin's lines were batched.
    assert!(
        r.stderr.contains("stdin:5: duplicate message: the same nonce signed by the same key as a line before it")
            || r.stderr.contains("stdin:5: duplicate message: the same nonce signed by the same key as entry 0"),
        "{r:?}"
    );
    // A later run still knows what the log holds.
    let r = f.run(WITNESS, &["append", "a.log", "--key", "witness.key"], &first);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("stdin:1: duplicate message: the same nonce signed by the same key as entry 0"), "{r:?}");
    let v = f.ok(WITNESS, &["verify", "a.log", "--trust", "trust"], "");
    assert!(v.stderr.contains("ok: 2 entries"), "{v:?}");
}

#[test]
fn issue10_verify_reports_duplicates_and_removed_duplicated_or_moved_checkpoints() {
    let f = Fixture::new("verify-order");
    let msgs = f.messages("scanner.key", 6, TRACE);
    f.ok(WITNESS, &["append", "a.log", "--key", "witness.key", "--checkpoint-every", "2"], &msgs);
    let lines: Vec<String> = f.read("a.log").lines().map(String::from).collect();
    // header, e0, e1, cp2, e2, e3, cp4, e4, e5, cp6
    assert_eq!(lines.len(), 10);
    let kinds: Vec<String> =
        lines.iter().map(|l| serde_json::from_str::<Value>(l).unwrap()["type"].as_str().unwrap().into()).collect();
    assert_eq!(kinds[3], "checkpoint");
    assert_eq!(kinds[6], "checkpoint");
    let verify = |name: &str, ls: &[String]| {
        f.write(name, &(ls.join("\n") + "\n"));
        let r = f.run(WITNESS, &["verify", name, "--trust", "trust"], "");
        let py = second_verifier(&["log", f.path(name).to_str().unwrap()], "");
        (r, py)
    };
    let (r, py) = verify("same.log", &lines);
    assert_eq!((r.code, py.code), (0, 0), "{r:?} {py:?}");

    let mut dup = lines.clone();
    dup.insert(7, lines[6].clone());
    let (r, py) = verify("dup-cp.log", &dup);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("line 8: checkpoint does not name the checkpoint before it (line 7, size 4): a checkpoint was removed, duplicated or moved"), "{r:?}");
    assert_ne!(py.code, 0, "{py:?}");

    let mut removed = lines.clone();
    removed.remove(6);
    let (r, py) = verify("removed-cp.log", &removed);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("line 9: checkpoint does not name the checkpoint before it (line 4, size 2)"), "{r:?}");
    assert_ne!(py.code, 0, "{py:?}");

    let mut first_removed = lines.clone();
    first_removed.remove(3);
    let (r, py) = verify("first-cp.log", &first_removed);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("line 6: checkpoint names a previous checkpoint, but the log has none before it"),
        "{r:?}"
    );
    assert_ne!(py.code, 0, "{py:?}");

    let mut moved = lines.clone();
    let cp = moved.remove(3);
    moved.insert(5, cp);
    let (r, _) = verify("moved-cp.log", &moved);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("line 6: checkpoint covers 2 entries but follows 4"), "{r:?}");

    // A copy of a message, chained and hashed as append would write it.
    f.write("copy.log", &(lines.join("\n") + "\n"));
    append_by_hand(&f, "copy.log", msgs.lines().nth(4).unwrap());
    let r = f.run(WITNESS, &["verify", "copy.log", "--trust", "trust"], "");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("line 11 (entry 6): duplicate message: the same nonce signed by the same key as entry 4"),
        "{r:?}"
    );
    let py = second_verifier(&["log", f.path("copy.log").to_str().unwrap()], "");
    assert!(py.stderr.contains("line 11: duplicate message (entry 4)"), "{py:?}");
}

#[test]
fn issue10_signers_refuse_numbers_a_double_cannot_carry() {
    let f = Fixture::new("numbers");
    let r = wrap_json(
        &f,
        "{\"a\":1e-999}\n{\"b\":12345678901234567890123}\n{\"c\":1.0,\"d\":0.1,\"e\":-0,\"f\":\"1e-999\"}\n",
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("stdin:1: number `1e-999` would be signed as `0` (JSON numbers are IEEE 754 doubles, RFC 8785); write it as a string to keep it exact"), "{r:?}");
    assert!(
        r.stderr.contains("stdin:2: number `12345678901234567890123` would be signed as `1.2345678901234568e+22`"),
        "{r:?}"
    );
    let out = r.json_lines();
    assert_eq!(out.len(), 1);
    assert_eq!(
        out[0]["content"],
        json!({"c": 1, "d": 0.1, "e": 0, "f": "1e-999"}),
        "the same numbers, canonically written"
    );

    let doc =
        "[\n  {\"file\": \"a\", \"line\": 1, \"pattern\": \"p\", \"severity\": \"NOTE\",\n   \"score\": 1e-999}\n]\n";
    let r = f.run(MSG, &["wrap", "--from", "yologuard", "--key", "scanner.key"], doc);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""), "{r:?}");
    assert!(r.stderr.contains("stdin:3: number `1e-999` would be signed as `0`"), "{r:?}");

    let r = f.run(
        MSG,
        &["sign", "--key", "scanner.key"],
        "{\"performative\":\"inform\",\"receiver\":\"if://agent/x\",\"content\":{\"n\":9007199254740993}}\n",
    );
    assert_eq!((r.code, r.stdout.as_str()), (1, ""), "{r:?}");
    assert!(r.stderr.contains("stdin:1: number `9007199254740993` would be signed as `9007199254740992`"), "{r:?}");

    let r = f.new_message("scanner.key", "{\"n\":1e-999}");
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--content: number `1e-999` would be signed as `0`"), "{r:?}");
    let r = f.run(
        WITNESS,
        &[
            "log",
            "l.log",
            "--key",
            "scanner.key",
            "--event",
            "e",
            "--component",
            "c",
            "--payload",
            "12345678901234567890123",
        ],
        "",
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("--payload: number `12345678901234567890123` would be signed as `1.2345678901234568e+22`"),
        "{r:?}"
    );
    assert!(!f.path("l.log").exists() || !f.read("l.log").contains("\"entry\""));
}
