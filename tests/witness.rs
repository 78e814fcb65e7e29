//! `if-witness`: append, verify, tamper and crash cases, proofs, queries.

use crate::common::*;
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Stdio};

const TRACE: &str = "00000000abcd";

/// A log of `n` messages from the scanner, appended through the real binary.
fn log_with(f: &Fixture, name: &str, n: usize, extra: &[&str]) -> Run {
    let msgs = f.messages("scanner.key", n, TRACE);
    let mut args = vec!["append", name, "--key", "witness.key", "--trust", "trust"];
    args.extend_from_slice(extra);
    let r = f.ok(WITNESS, &args, &msgs);
    assert_eq!(r.stdout, msgs, "append passes every message through unchanged");
    r
}

fn verify(f: &Fixture, log: &str) -> Run {
    f.run(WITNESS, &["verify", log, "--trust", "trust"], "")
}

fn assert_rejected(r: &Run, want: &str) {
    assert_eq!(r.code, 1, "want exit 1 and {want:?}: {r:?}");
    assert!(r.stderr.contains(want), "want {want:?}: {r:?}");
}

fn lines(f: &Fixture, log: &str) -> Vec<String> {
    f.read(log).lines().map(String::from).collect()
}

fn write_lines(f: &Fixture, log: &str, lines: &[String]) {
    f.write(log, &(lines.join("\n") + "\n"));
}

#[test]
fn append_chains_checkpoints_and_verifies() {
    let f = Fixture::new("append");
    log_with(&f, "audit.log", 25, &["--checkpoint-every", "10"]);
    let ls = lines(&f, "audit.log");
    let kinds: Vec<String> =
        ls.iter().map(|l| serde_json::from_str::<Value>(l).unwrap()["type"].as_str().unwrap().to_owned()).collect();
    assert_eq!(kinds[0], "header");
    assert_eq!(kinds.iter().filter(|k| *k == "entry").count(), 25);
    assert_eq!(kinds.iter().filter(|k| *k == "checkpoint").count(), 3, "at 10, 20 and end of input: {kinds:?}");
    assert_eq!(kinds.last().unwrap(), "checkpoint");
    let r = verify(&f, "audit.log");
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("ok: 25 entries from 1 sender(s), 3 checkpoint(s), the last covering 25"), "{r:?}");
    // The checkpoint is a C2SP tlog-checkpoint in a signed note.
    let note = serde_json::from_str::<Value>(ls.last().unwrap()).unwrap()["note"].as_str().unwrap().to_owned();
    let body: Vec<&str> = note.lines().collect();
    assert!(body[0].starts_with("ifconnect.local/witness/audit/"));
    assert_eq!(body[1], "25");
    // It names the checkpoint before it (at 20 entries), so none can be removed unseen.
    let before = serde_json::from_str::<Value>(&ls[ls.len() - 7]).unwrap()["note"].as_str().unwrap().to_owned();
    assert!(before.contains("\n20\n"), "{before}");
    use base64::Engine;
    let digest = sha2::Digest::finalize(sha2::Digest::chain_update(sha2::Sha256::default(), before.as_bytes()));
    assert_eq!(body[3], format!("ifconnect-prev 20 {}", base64::engine::general_purpose::STANDARD.encode(digest)));
    assert_eq!(body[4], "");
    assert!(body[5].starts_with("\u{2014} if://agent/witness "));
    // A second append continues the same chain.
    log_with(&f, "audit.log", 5, &[]);
    assert!(verify(&f, "audit.log").stderr.contains("ok: 30 entries"));
}

#[test]
fn append_refuses_bad_messages_and_keeps_the_good_ones() {
    let f = Fixture::new("append-bad");
    let msgs = f.messages("scanner.key", 3, TRACE);
    let mut ls: Vec<String> = msgs.lines().map(String::from).collect();
    let mut forged: Value = serde_json::from_str(&ls[1]).unwrap();
    forged["content"]["i"] = json!(99);
    ls[1] = forged.to_string();
    let input = ls.join("\n") + "\n";
    let r = f.run(WITNESS, &["append", "a.log", "--key", "witness.key"], &input);
    assert_rejected(&r, "stdin:2: signature does not verify");
    assert_eq!(r.lines(), vec![ls[0].as_str()], "the line before the bad one is logged and passed on");
    assert!(verify(&f, "a.log").stderr.contains("ok: 1 entries"));
    let r = f.run(WITNESS, &["append", "b.log", "--key", "witness.key", "--on-error", "skip"], &input);
    assert_eq!(r.code, 1);
    assert_eq!(r.lines().len(), 2);
    assert!(verify(&f, "b.log").stderr.contains("ok: 2 entries"));
    // With --trust, a valid signature by an unknown key is refused too.
    let stranger = tmpdir("stranger-w");
    keygen(&stranger, "if://agent/scanner", "s.key");
    let m =
        ok(MSG, &["new", "--key", "s.key", "--performative", "inform", "--receiver", "if://agent/x"], &stranger, "")
            .stdout;
    let r = f.run(WITNESS, &["append", "c.log", "--key", "witness.key", "--trust", "trust"], &m);
    assert_rejected(&r, "stdin:1: untrusted: unknown key");
}

#[test]
fn tampering_is_detected_and_located() {
    let f = Fixture::new("tamper");
    log_with(&f, "base.log", 6, &["--checkpoint-every", "3"]);
    let base = lines(&f, "base.log");
    // Lines: 0 header, 1-3 entries 0-2, 4 checkpoint(3), 5-7 entries 3-5, 8 checkpoint(6).
    let mut cases: Vec<(&str, Vec<String>, &str)> = Vec::new();
    let mut v = base.clone();
    v.remove(2);
    cases.push(("deletion", v, "line 3 (entry 2): expected entry 1, found entry 2"));
    let mut v = base.clone();
    v.insert(3, base[2].clone());
    cases.push(("insertion", v, "line 4 (entry 1): expected entry 2, found entry 1"));
    let mut v = base.clone();
    v.swap(5, 6);
    cases.push(("reordering", v, "line 6 (entry 4): expected entry 3, found entry 4"));
    let mut v = base.clone();
    let mut e: Value = serde_json::from_str(&v[6]).unwrap();
    e["message"]["content"]["i"] = json!(1000);
    v[6] = String::from_utf8(ifconnect::json::canonical(&e)).unwrap();
    cases.push(("edited message", v, "line 7 (entry 4): entry hash does not match its content"));
    let mut v = base.clone();
    v[6] = v[6].replacen("{\"hash\"", "{ \"hash\"", 1);
    cases.push(("whitespace", v, "line 7 (entry 4): line is not in canonical form"));
    let mut v = base.clone();
    v.truncate(8);
    v.push(base[8].replace("\\n6\\n", "\\n5\\n"));
    cases.push((
        "checkpoint edited",
        v,
        "line 9: checkpoint: checkpoint signature by if://agent/witness does not verify",
    ));
    let mut v = base.clone();
    v.truncate(7);
    cases.push(("tail cut, unsigned", v.clone(), ""));
    for (what, content, want) in cases {
        write_lines(&f, "t.log", &content);
        let r = verify(&f, "t.log");
        if want.is_empty() {
            // Truncating entries after the last checkpoint cannot be seen from the log alone;
            // `verify --checkpoint` (below) and the end-of-input checkpoint cover it.
            assert_eq!(r.code, 0, "{what}: {r:?}");
            assert!(r.stderr.contains("2 entries after the last checkpoint are not yet signed"), "{what}: {r:?}");
        } else {
            assert_rejected(&r, want);
        }
    }
}

#[test]
#[allow(clippy::needless_range_loop)]
fn a_forged_message_rehashed_into_the_chain_is_caught_by_its_signature() {
    let f = Fixture::new("forge");
    log_with(&f, "base.log", 3, &[]);
    let mut v = lines(&f, "base.log");
    // Rewrite entry 1's content and recompute its leaf and chain hashes, and the rest of the
    // chain, as a careful attacker would: only the sender's signature (and checkpoint) stop it.
    let mut prev = [0u8; 32];
    for i in 1..=3 {
        let mut e: Value = serde_json::from_str(&v[i]).unwrap();
        if i == 2 {
            e["message"]["content"]["event"] = json!("nothing happened");
        }
        let leaf = ifconnect::witness::merkle::leaf_hash(&ifconnect::json::canonical(&e["message"]));
        let h = ifconnect::witness::log::entry_hash((i - 1) as u64, &prev, &leaf);
        e["prev"] = json!(hex::encode(prev));
        e["hash"] = json!(hex::encode(h));
        prev = h;
        v[i] = String::from_utf8(ifconnect::json::canonical(&e)).unwrap();
    }
    v.truncate(4);
    write_lines(&f, "t.log", &v);
    assert_rejected(&verify(&f, "t.log"), "line 3 (entry 1): message: signature does not verify");
}

#[test]
fn every_flipped_bit_is_detected() {
    let f = Fixture::new("bitflip");
    log_with(&f, "base.log", 3, &["--checkpoint-every", "2"]);
    let bytes = std::fs::read(f.path("base.log")).unwrap();
    let trust = {
        let mut t = ifconnect::keys::TrustStore::default();
        t.load(&f.path("trust")).unwrap();
        t
    };
    let target = f.path("flip.log");
    for pos in 0..bytes.len() {
        for bit in [0u8, 5] {
            let mut b = bytes.clone();
            b[pos] ^= 1 << bit;
            std::fs::write(&target, &b).unwrap();
            let res = ifconnect::witness::verify_log(
                &target,
                ifconnect::witness::VerifyOptions { trust: Some(trust.clone()), threads: 1, ..Default::default() },
            );
            assert!(res.is_err(), "flipping bit {bit} of byte {pos} ({:?}) went unnoticed", bytes[pos] as char);
        }
    }
}

#[test]
fn crash_torn_line_is_reported_and_only_repair_fixes_it() {
    let f = Fixture::new("torn");
    log_with(&f, "a.log", 4, &[]);
    let full = std::fs::read(f.path("a.log")).unwrap();
    // A crash mid-write leaves a prefix of the last line.
    let torn_len = 40;
    let cut = full.len() - torn_len;
    std::fs::write(f.path("a.log"), &full[..cut]).unwrap();
    let r = verify(&f, "a.log");
    assert_rejected(&r, "line 6: torn last line");
    assert!(r.stderr.contains("if-witness repair"), "{r:?}");
    let more = f.messages("scanner.key", 1, TRACE);
    let r = f.run(WITNESS, &["append", "a.log", "--key", "witness.key"], &more);
    assert_rejected(&r, "torn last line");
    assert_eq!(std::fs::read(f.path("a.log")).unwrap(), &full[..cut], "a refused append leaves the log alone");
    let r = f.ok(WITNESS, &["repair", "a.log"], "");
    assert!(r.stderr.contains("moved the torn line 6"), "{r:?}");
    let side = std::fs::read_dir(&f.dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("a.log.torn-"))
        .expect("side file");
    let start = full[..cut].iter().rposition(|&b| b == b'\n').unwrap() + 1;
    assert_eq!(std::fs::read(side).unwrap(), &full[start..cut], "the torn bytes are kept, not lost");
    assert_eq!(verify(&f, "a.log").code, 0);
    f.ok(WITNESS, &["append", "a.log", "--key", "witness.key"], &more);
    assert!(verify(&f, "a.log").stderr.contains("ok: 5 entries"));
    assert!(f.ok(WITNESS, &["repair", "a.log"], "").stderr.contains("nothing to repair"));
}

#[test]
fn concurrent_appenders_neither_interleave_nor_fork() {
    let f = Fixture::new("concurrent");
    let a = f.messages("scanner.key", 1500, "aaaaaaaaaaaa");
    let b = f.messages("reviewer.key", 1500, "bbbbbbbbbbbb");
    let dir = f.dir.clone();
    let (da, db) = (dir.clone(), dir.clone());
    let ta = std::thread::spawn(move || {
        ok(WITNESS, &["append", "shared.log", "--key", "witness.key", "--checkpoint-every", "100"], &da, &a)
    });
    let tb = std::thread::spawn(move || {
        ok(WITNESS, &["append", "shared.log", "--key", "witness.key", "--checkpoint-every", "100"], &db, &b)
    });
    ta.join().unwrap();
    tb.join().unwrap();
    let r = verify(&f, "shared.log");
    assert!(r.stderr.contains("ok: 3000 entries from 2 sender(s)"), "{r:?}");
    let trace_a = f.ok(WITNESS, &["trace", "shared.log", "aaaaaaaaaaaa", "--format", "json"], "");
    assert_eq!(trace_a.lines().len(), 1500);
}

#[test]
fn old_checkpoint_proves_the_log_only_grew() {
    let f = Fixture::new("grow");
    log_with(&f, "a.log", 5, &[]);
    let old = f.ok(WITNESS, &["checkpoint", "a.log", "--key", "witness.key"], "").stdout;
    assert!(old.contains("\n5\n"), "{old}");
    f.write("old.cp", &old);
    // Checkpointing again without new entries writes nothing new and prints the same note.
    let before = f.read("a.log");
    assert_eq!(f.ok(WITNESS, &["checkpoint", "a.log", "--key", "witness.key"], "").stdout, old);
    assert_eq!(f.read("a.log"), before);
    log_with(&f, "a.log", 3, &[]);
    f.ok(WITNESS, &["verify", "a.log", "--trust", "trust", "--checkpoint", "old.cp"], "");
    // Truncated behind the checkpoint: cut back to 3 entries and re-checkpoint with the real key.
    let ls = lines(&f, "a.log");
    write_lines(&f, "cut.log", &ls[..4]);
    f.ok(WITNESS, &["checkpoint", "cut.log", "--key", "witness.key"], "");
    assert_eq!(verify(&f, "cut.log").code, 0, "self-consistent on its own");
    let r = f.run(WITNESS, &["verify", "cut.log", "--trust", "trust", "--checkpoint", "old.cp"], "");
    assert_rejected(&r, "log has 3 entries but the trusted checkpoint covers 5 (log truncated)");
    // A checkpoint from another key is refused.
    let other = tmpdir("other-witness");
    keygen(&other, "if://agent/witness", "w.key");
    std::fs::copy(f.path("a.log"), other.join("a.log")).unwrap();
    let r = run(WITNESS, &["checkpoint", "a.log", "--key", "w.key"], &other, "");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("checkpoints of this log are signed by if://agent/witness"), "{r:?}");
}

#[test]
fn inclusion_and_consistency_proofs_verify_offline() {
    let f = Fixture::new("proofs");
    log_with(&f, "a.log", 7, &[]);
    f.write("cp7", &f.ok(WITNESS, &["checkpoint", "a.log", "--key", "witness.key"], "").stdout);
    log_with(&f, "a.log", 6, &[]);
    f.write("cp13", &f.ok(WITNESS, &["checkpoint", "a.log", "--key", "witness.key"], "").stdout);
    for index in ["0", "6", "12"] {
        let proof = f.ok(WITNESS, &["prove", "a.log", "--index", index], "").stdout;
        f.write("proof", &proof);
        let r = f.ok(WITNESS, &["verify-proof", "proof", "--checkpoint", "cp13", "--trust", "trust"], "");
        let msg = &r.json_lines()[0];
        assert_eq!(msg["trace_id"], TRACE);
        schema_check(&r.stdout);
        // An altered message no longer matches the proof.
        let mut p: Value = serde_json::from_str(&proof).unwrap();
        p["message"]["content"]["i"] = json!(-1);
        f.write("bad-proof", &p.to_string());
        assert_rejected(
            &f.run(WITNESS, &["verify-proof", "bad-proof", "--checkpoint", "cp13", "--trust", "trust"], ""),
            "is not in the log this checkpoint signs",
        );
    }
    let proof = f.ok(WITNESS, &["prove", "a.log", "--index", "3", "--size", "7"], "").stdout;
    f.write("proof7", &proof);
    f.ok(WITNESS, &["verify-proof", "proof7", "--checkpoint", "cp7", "--trust", "trust"], "");
    assert_rejected(
        &f.run(WITNESS, &["verify-proof", "proof7", "--checkpoint", "cp13", "--trust", "trust"], ""),
        "proof is for tree size 7, checkpoint for 13",
    );
    let cons = f.ok(WITNESS, &["prove", "a.log", "--consistency-from", "7"], "").stdout;
    f.write("cons", &cons);
    let r = f.ok(
        WITNESS,
        &["verify-proof", "cons", "--checkpoint", "cp13", "--old-checkpoint", "cp7", "--trust", "trust"],
        "",
    );
    assert!(r.stderr.contains("the log of 13 entries extends the log of 7 entries"), "{r:?}");
    // A checkpoint signed by an untrusted key is refused before anything else.
    let other = tmpdir("rogue");
    let line = keygen(&other, "if://agent/rogue", "r.key");
    std::fs::write(other.join("trust"), line).unwrap();
    std::fs::copy(f.path("proof"), other.join("proof")).unwrap();
    std::fs::copy(f.path("cp13"), other.join("cp13")).unwrap();
    assert_rejected(
        &run(WITNESS, &["verify-proof", "proof", "--checkpoint", "cp13", "--trust", "trust"], &other, ""),
        "not signed by any trusted key",
    );
    let r = f.run(WITNESS, &["prove", "a.log", "--index", "99"], "");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("entry 99 does not exist (log has 13 entries)"), "{r:?}");
}

#[test]
fn time_based_checkpoint_while_input_is_idle() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let f = Fixture::new("timer");
    let msgs = f.messages("scanner.key", 2, TRACE);
    let mut child = Command::new(WITNESS)
        .args(["append", "a.log", "--key", "witness.key", "--checkpoint-interval", "200"])
        .current_dir(&f.dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(msgs.as_bytes()).unwrap();
    stdin.flush().unwrap();
    // Poll (bounded) for the checkpoint while stdin stays open.
    let mut found = false;
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        if f.read("a.log").contains("\"type\":\"checkpoint\"") {
            found = true;
            break;
        }
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(found, "no checkpoint while idle: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success());
}

#[test]
fn log_trace_cost_and_export() {
    let f = Fixture::new("query");
    let r = f.ok(
        WITNESS,
        &[
            "log",
            "q.log",
            "--key",
            "scanner.key",
            "--witness-key",
            "witness.key",
            "--event",
            "scan.start",
            "--component",
            "yologuard",
            "--trace-id",
            "aaaabbbbcccc",
            "--payload",
            r#"{"files":12}"#,
        ],
        "",
    );
    schema_check(&r.stdout);
    for (model, cost, tokens) in
        [("claude-sonnet-4.5", "0.25", "1000"), ("claude-sonnet-4.5", "0.5", "3000"), ("gpt-5-pro", "1.125", "500")]
    {
        let m = f
            .ok(
                MSG,
                &[
                    "new",
                    "--key",
                    "reviewer.key",
                    "--performative",
                    "inform",
                    "--receiver",
                    "if://agent/x",
                    "--trace-id",
                    "aaaabbbbcccc",
                    "--provenance",
                    &format!("model={model},cost_usd={cost},tokens_used={tokens}"),
                    "--content",
                    r#"{"summary":"looked, it's real"}"#,
                ],
                "",
            )
            .stdout;
        f.ok(WITNESS, &["append", "q.log", "--key", "witness.key"], &m);
    }
    f.ok(WITNESS, &["append", "q.log", "--key", "witness.key"], &f.messages("scanner.key", 2, "ffffffffffff"));
    assert_eq!(f.run(WITNESS, &["verify", "q.log", "--trust", "trust"], "").code, 0);
    let t = f.ok(WITNESS, &["trace", "q.log", "aaaabbbbcccc"], "");
    let tl = t.lines();
    assert_eq!(tl.len(), 5, "{t:?}");
    assert!(
        tl[4].starts_with("trace aaaabbbbcccc: 4 entries over ")
            && tl[4].contains("cost $1.875000 (4500 tokens), from if://agent/reviewer, yologuard"),
        "{t:?}"
    );
    assert!(
        tl[0].starts_with("#0 ") && tl[0].contains("if://agent/scanner -> if://agent/witness  inform  scan.start"),
        "{t:?}"
    );
    assert!(tl[3].contains("looked, it's real"));
    let tj = f.ok(WITNESS, &["trace", "q.log", "aaaabbbbcccc", "--format", "json"], "");
    assert_eq!(tj.json_lines()[0]["message"]["content"]["payload"], json!({"files": 12}));
    assert_eq!(f.run(WITNESS, &["trace", "q.log", "000000000000"], "").code, 1);
    let c = f.ok(WITNESS, &["cost", "q.log", "--format", "json"], "");
    let rows = c.json_lines();
    let row = |s: &str, m: &str| rows.iter().find(|r| r["sender"] == s && r["model"] == m).unwrap().clone();
    assert_eq!(row("if://agent/reviewer", "claude-sonnet-4.5")["cost_usd"], json!(0.75));
    assert_eq!(row("if://agent/reviewer", "claude-sonnet-4.5")["tokens_used"], json!(4000));
    assert_eq!(row("if://agent/reviewer", "gpt-5-pro")["messages"], json!(1));
    assert_eq!(row("*", "*")["cost_usd"], json!(1.875));
    assert_eq!(row("*", "*")["messages"], json!(6));
    let text = f.ok(WITNESS, &["cost", "q.log"], "").stdout;
    assert!(text.lines().last().unwrap().contains("1.875000"), "{text}");
    let csv = f.ok(WITNESS, &["export", "q.log", "--format", "csv"], "").stdout;
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 7);
    assert!(rows[0].starts_with("index,entry_hash,timestamp,sender"));
    assert!(
        rows[2].contains(",claude-sonnet-4.5,0.25,1000,\"{\"\"summary\"\":\"\"looked, it's real\"\"}\""),
        "{}",
        rows[2]
    );
    // InfraFabric's `witness log` options: model, cost and tokens feed `cost --by component`.
    f.ok(
        WITNESS,
        &[
            "log",
            "q.log",
            "--key",
            "scanner.key",
            "--witness-key",
            "witness.key",
            "--event",
            "llm.call",
            "--component",
            "triage",
            "--model",
            "claude-sonnet-4.5",
            "--cost",
            "0.125",
            "--tokens-in",
            "100",
            "--tokens-out",
            "20",
        ],
        "",
    );
    let by = f
        .ok(WITNESS, &["cost", "q.log", "--by", "component", "--component", "triage", "--format", "json"], "")
        .json_lines();
    assert_eq!(
        by[0],
        json!({"component": "triage", "model": "claude-sonnet-4.5", "messages": 1, "cost_usd": 0.125, "tokens_used": 120})
    );
    let q = f.ok(WITNESS, &["query", "q.log", "--event", "scan.start", "--format", "json"], "").json_lines();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0]["index"], 0);
    let q = f.ok(WITNESS, &["query", "q.log", "--sender", "if://agent/reviewer", "--limit", "2"], "");
    assert_eq!(q.lines().len(), 2, "{q:?}");
    assert_eq!(f.run(WITNESS, &["query", "q.log", "--end-date", "2001-01-01"], "").code, 1);
    assert_eq!(f.run(WITNESS, &["query", "q.log", "--end-date", "01/01/2001"], "").code, 2);
    f.ok(WITNESS, &["export", "q.log", "--format", "csv", "--component", "triage", "-o", "triage.csv"], "");
    let triage = f.read("triage.csv");
    assert_eq!(triage.lines().count(), 2, "{triage}");
    assert!(triage.contains(",llm.call,triage,"), "{triage}");
    let json_export: Value =
        serde_json::from_str(&f.ok(WITNESS, &["export", "q.log", "--format", "json"], "").stdout).unwrap();
    assert_eq!(json_export.as_array().unwrap().len(), 7);
    let jsonl = f.ok(WITNESS, &["export", "q.log", "--format", "jsonl"], "");
    let msgs: String = jsonl.json_lines().iter().map(|e| e["message"].to_string() + "\n").collect();
    schema_check(&msgs);
}

#[test]
fn an_independent_implementation_of_the_spec_agrees() {
    let f = Fixture::new("second");
    let msgs = f.ok(MSG, &["wrap", "--from", "yologuard", "--key", "scanner.key"], r#"[{"file":"a.py","line":1,"pattern":"p","match":"sk_live_0123456789abcdef","severity":"ERROR","classification":"usable","relationshipScore":0.5e-7,"unicode":"é😀\u0001"}]"#).stdout;
    let more = f.messages("reviewer.key", 20, TRACE);
    let all = msgs + &more;
    let r = second_verifier(&["messages"], &all);
    assert_eq!((r.code, r.stdout.as_str()), (0, "21 passed, 0 failed\n"), "{r:?}");
    f.ok(WITNESS, &["append", "a.log", "--key", "witness.key", "--checkpoint-every", "7"], &all);
    let log = f.path("a.log");
    let r = second_verifier(&["log", log.to_str().unwrap()], "");
    assert_eq!((r.code, r.stdout.as_str()), (0, "ok: 21 entries, 3 checkpoints\n"), "{r:?}");
    let mut ls = lines(&f, "a.log");
    ls[5] = ls[5].replacen("\"i\":3", "\"i\":4", 1);
    write_lines(&f, "b.log", &ls);
    let r = second_verifier(&["log", f.path("b.log").to_str().unwrap()], "");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("line 6: entry hash mismatch"), "{r:?}");
}

/// Issue 10, item 6: `append` whose stdout (the pass-through) fails checkpoints what it appended
/// before it exits: with a full disk it stops early, saying why once (exit 2); with a closed pipe
/// (`| head`) it appends everything (exit 0). Either way the log verifies and its last checkpoint
/// covers every entry in it.
#[test]
fn append_with_a_failing_stdout_checkpoints_what_it_appended() {
    use std::process::{Command, Stdio};
    let f = Fixture::new("append-stdout");
    let msgs = f.messages("scanner.key", 5000, TRACE);
    f.write("msgs.jsonl", &msgs);
    let full = || -> Stdio { std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap().into() };
    for (log, closed) in [("full.log", false), ("closed.log", true)] {
        let stdout: Stdio = if closed {
            let (reader, writer) = std::io::pipe().unwrap();
            drop(reader); // the reader of the pass-through is gone before it starts
            writer.into()
        } else {
            full()
        };
        let out = Command::new(WITNESS)
            .args(["append", log, "--key", "witness.key", "--trust", "trust"])
            .current_dir(&f.dir)
            .env_remove("IF_LOG")
            .env("NO_COLOR", "1")
            .stdin(std::fs::File::open(f.path("msgs.jsonl")).unwrap())
            .stdout(stdout)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if closed {
            assert_eq!((out.status.code(), stderr.as_ref()), (Some(0), ""), "{log}");
        } else {
            assert_eq!(out.status.code(), Some(2), "{log}: {stderr}");
            assert_eq!(stderr, "if-witness: error: stdout: No space left on device (os error 28)\n", "{log}");
        }
        let ls = lines(&f, log);
        let entries = ls.iter().filter(|l| l.contains(r#""type":"entry""#)).count();
        assert!(entries > 0, "{log}: nothing appended");
        if closed {
            assert_eq!(entries, 5000, "{log}: a closed pass-through does not stop the log");
        }
        let last: Value = serde_json::from_str(ls.last().unwrap()).unwrap();
        assert_eq!(last["type"], "checkpoint", "{log}: the log ends with a checkpoint");
        let size: usize = last["note"].as_str().unwrap().lines().nth(1).unwrap().parse().unwrap();
        assert_eq!(size, entries, "{log}: the last checkpoint covers every appended entry");
        let r = verify(&f, log);
        assert_eq!(r.code, 0, "{log}: {r:?}");
        assert!(r.stderr.contains(&format!("ok: {entries} entries")), "{log}: {r:?}");
        assert!(r.stderr.contains(&format!("the last covering {entries}")), "{log}: {r:?}");
    }
}

/// One incident over two logs: the scanner's hazard, and the reviewer's refusal that concludes it.
fn incident_logs(f: &Fixture) {
    let trace = "00000000feed";
    let new = |key: &str, performative: &str, extra: &[&str]| {
        let mut args = vec!["new", "--key", key, "--performative", performative, "--receiver", "if://agent/council"];
        args.extend_from_slice(&["--trace-id", trace]);
        args.extend_from_slice(extra);
        f.ok(MSG, &args, "").stdout
    };
    let hazard = new(
        "scanner.key",
        "escalate",
        &["--hazard", "type=safety,severity=high", "--content", r#"{"finding":"live key"}"#],
    );
    let refusal = new("reviewer.key", "refuse", &["--content", r#"{"decision":"the release is held"}"#]);
    f.witness_log_verifies("scanner.log", &hazard);
    f.witness_log_verifies("review.log", &refusal);
}

fn audit(f: &Fixture, args: &[&str]) -> Run {
    let mut all = vec!["audit"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--trust", "trust"]);
    f.run(WITNESS, &all, "")
}

#[test]
fn audit_holds_over_an_incident_and_names_the_rule_the_trace_and_the_entry_of_each_broken_log() {
    let f = Fixture::new("audit");
    incident_logs(&f);
    let r = audit(&f, &["scanner.log", "review.log"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "audit: 2 log(s), 2 entries, 1 trace(s), 1 starting with a hazard: traceable holds, transparent holds, trustworthy holds\n"
    );

    // Without the reviewer's log, the hazard is never concluded.
    let r = audit(&f, &["scanner.log"]);
    assert_eq!(r.code, 1, "{r:?}");
    let first = r.lines()[0];
    assert!(
        first.starts_with("traceable/hazard-concluded: scanner.log entry 0 trace 00000000feed: trace 00000000feed starts with a hazard"),
        "{first}"
    );
    assert!(r.stdout.ends_with("traceable 1 finding, transparent holds, trustworthy holds\n"), "{}", r.stdout);

    // A rewritten entry: the log no longer verifies, named with its line.
    let mut ls = lines(&f, "review.log");
    ls[1] = ls[1].replace("the release is held", "the release may go");
    write_lines(&f, "review.log", &ls);
    let r = audit(&f, &["scanner.log", "review.log", "--format", "json"]);
    assert_eq!(r.code, 1, "{r:?}");
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((report["holds"].as_bool(), report["trustworthy"].as_bool()), (Some(false), Some(false)));
    let rules: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    // The refusal was in the rewritten entry: unread, it concludes nothing.
    assert_eq!(rules, ["log-verifies", "hazard-concluded"]);
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "log-verifies");
    assert!(finding["detail"].as_str().unwrap().contains("line 2 (entry 0)"), "{finding}");
    assert!(r.stderr.contains("log-verifies: "), "each finding also on stderr: {}", r.stderr);

    // A key not in the trust file: the log verifies by itself, not against --trust.
    let r = f.run(WITNESS, &["audit", "scanner.log", "--trust", "scanner.key.pub"], "");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.starts_with("trustworthy/log-verifies: "), "{}", r.stdout);

    // Usage and I/O errors are 2, not a verdict.
    assert_eq!(audit(&f, &["missing.log"]).code, 2);
    assert_eq!(f.run(WITNESS, &["audit", "scanner.log"], "").code, 2, "--trust is required");
}

#[test]
fn the_audit_page_shows_each_incident_as_a_timeline_in_headless_chromium() {
    let f = Fixture::new("audit-html");
    incident_logs(&f);
    let r = audit(&f, &["scanner.log", "--format", "html", "-o", "audit.html"]);
    assert_eq!(r.code, 1, "{r:?}");
    let page = f.path("audit.html");
    let browse = |extra: &[&str]| {
        Command::new("chromium")
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            .args(["--disable-background-networking", "--no-first-run"])
            .arg(format!("--user-data-dir={}", f.path("chromium-profile").display()))
            .args(extra)
            .arg(format!("file://{}", page.display()))
            .stdin(Stdio::null())
            .output()
            .expect("chromium (Debian package `chromium`, installed by scripts/setup)")
    };
    let dom = String::from_utf8_lossy(&browse(&["--dump-dom"]).stdout).into_owned();
    assert!(
        dom.contains(r#"<h1 id="verdict" data-holds="false"><span class="bad">IF.TTT does not hold</span></h1>"#),
        "{dom}"
    );
    assert!(dom.contains(r#"<span id="pillar-traceable" class="bad">traceable: 1 finding(s)</span>"#), "{dom}");
    assert!(dom.contains(r#"<span id="pillar-trustworthy" class="ok">trustworthy: holds</span>"#), "{dom}");
    assert!(dom.contains(r#"<li class="finding" data-rule="hazard-concluded">"#), "{dom}");
    assert!(dom.contains(r##"<a href="#trace-00000000feed">trace 00000000feed</a>"##), "{dom}");
    // The timeline: the hazard in the agents' lane, marked with the rule it fails.
    let section =
        dom.split(r#"<section class="trace" id="trace-00000000feed""#).nth(1).expect("the incident's section");
    assert!(section.contains(r#"<tr class="finding"><td class="t">0</td><td title="scanner.log#0">escalate from if://agent/scanner <span class="rule""#), "{section}");
    let shot = f.path("audit.png");
    let out = browse(&["--window-size=1200,800", &format!("--screenshot={}", shot.display())]);
    let png = std::fs::read(&shot)
        .unwrap_or_else(|e| panic!("no screenshot ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[16..24], &[0, 0, 4, 176, 0, 0, 3, 32], "1200x800");
}

#[test]
fn the_ci_step_in_docs_ci_md_passes_a_grown_log_and_fails_a_rewritten_one() {
    let f = Fixture::new("ci-step");
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ci.md")).unwrap();
    let step = doc.split("```sh\n").nth(1).and_then(|s| s.split("```").next()).expect("the step in docs/ci.md");
    f.write("ci-step.sh", step);
    std::fs::create_dir_all(f.path("ci")).unwrap();
    std::fs::copy(f.path("trust"), f.path("ci/trusted_keys")).unwrap();
    let bin_dir = Path::new(WITNESS).parent().unwrap().display().to_string();
    let run_step = || {
        let out = Command::new("bash")
            .arg("ci-step.sh")
            .current_dir(&f.dir)
            .env("PATH", format!("{bin_dir}:{}", std::env::var("PATH").unwrap_or_default()))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
    };
    let append = |n: usize| {
        let msgs = f.messages("scanner.key", n, TRACE);
        f.ok(WITNESS, &["append", "audit.log", "--key", "witness.key", "--trust", "trust"], &msgs);
    };
    append(3);
    let (code, out) = run_step();
    assert_eq!(code, Some(0), "the first run: {out}");
    let first = f.read("ci/last.checkpoint");
    assert!(first.lines().nth(1) == Some("3"), "the checkpoint kept covers 3 entries: {first}");
    append(2);
    let (code, out) = run_step();
    assert_eq!(code, Some(0), "the log grew: {out}");
    assert_eq!(f.read("ci/last.checkpoint").lines().nth(1), Some("5"));

    // Rewritten from the start with a fresh chain by someone holding the witness key: it verifies
    // alone, but not against the checkpoint kept from the last run.
    std::fs::remove_file(f.path("audit.log")).unwrap();
    append(5);
    assert_eq!(verify(&f, "audit.log").code, 0, "the rewritten log is self-consistent");
    let (code, out) = run_step();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("checkpoint"), "{out}");
    assert_eq!(f.read("ci/last.checkpoint").lines().nth(1), Some("5"), "the kept checkpoint is not replaced");
}
