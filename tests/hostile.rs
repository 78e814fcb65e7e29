//! Hostile input: a corpus of malformed messages and logs (`tests/data/hostile/`), and seeded
//! random mutations of valid ones. Nothing may panic; everything bad is refused with a reason.

use crate::common::*;
use std::path::Path;

fn corpus(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile").join(name)
}

#[test]
fn hostile_messages_are_refused_one_by_one() {
    let dir = tmpdir("hostile-msg");
    let input = std::fs::read_to_string(corpus("messages.jsonl")).unwrap();
    let bad = input.lines().filter(|l| !l.trim().is_empty()).count();
    // One line is schema-valid (the schema allows a repeated signed field) but cannot verify.
    for (cmd, passing) in [(&["validate", "--on-error", "skip"][..], 1), (&["verify", "--on-error", "skip"][..], 0)] {
        let r = run(MSG, cmd, &dir, &input);
        assert_eq!(r.code, 1, "{cmd:?}: {r:?}");
        assert_eq!(r.lines().len(), passing, "{cmd:?}: {r:?}");
        assert!(r.stderr.contains(&format!("skipped {} bad input line(s)", bad - passing)), "{cmd:?}: {r:?}");
        for line in r.stderr.lines().filter(|l| l.contains("error:")) {
            assert!(line.starts_with("if-msg: error: stdin:"), "every error names its line: {line}");
        }
    }
    let r = run(MSG, &["verify"], &dir, input.lines().nth(13).unwrap());
    assert!(r.stderr.contains("stdin:1: signature.signed_fields is malformed: `ttl` listed twice"), "{r:?}");
}

#[test]
fn hostile_logs_fail_verification_cleanly() {
    let dir = tmpdir("hostile-log");
    for entry in std::fs::read_dir(corpus("")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "log") {
            continue;
        }
        for cmd in ["verify", "trace", "export", "repair"] {
            let mut args = vec![cmd, path.to_str().unwrap()];
            match cmd {
                "trace" => args.push("000000000000"),
                "export" => args.extend(["--format", "csv"]),
                _ => {}
            }
            let scratch = dir.join("scratch.log");
            if cmd == "repair" {
                std::fs::copy(&path, &scratch).unwrap();
                args[1] = scratch.to_str().unwrap();
            }
            let r = run(WITNESS, &args, &dir, "");
            assert!(r.code == 1 || r.code == 2 || (cmd == "repair" && r.code == 0), "{cmd} {path:?}: {r:?}");
            if cmd == "verify" {
                assert_eq!(r.code, 1, "{path:?}: {r:?}");
                assert!(
                    r.stderr.starts_with("if-witness: error: ") && r.stderr.lines().count() == 1,
                    "{path:?}: {r:?}"
                );
            }
        }
    }
}

/// xorshift64*: deterministic, so a failure names a reproducible iteration.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..=rng.below(4) {
        if b.is_empty() {
            b.push(b'{');
        }
        let i = rng.below(b.len());
        match rng.below(5) {
            0 => b[i] ^= 1 << rng.below(8),
            1 => {
                let alphabet = b"{}[]\":,\\0123456789eE-+.ntf\x00\xff";
                b[i] = alphabet[rng.below(alphabet.len())]
            }
            2 => {
                b.remove(i);
            }
            3 => {
                let j = rng.below(b.len());
                let (lo, hi) = (i.min(j), i.max(j));
                let chunk = b[lo..hi].to_vec();
                b.splice(i..i, chunk);
            }
            _ => b.truncate(i),
        }
    }
    b
}

#[test]
fn mutated_messages_and_log_lines_never_panic() {
    let f = Fixture::new("mutate");
    let msgs = f.messages("scanner.key", 3, "abcdefabcdef");
    f.ok(WITNESS, &["append", "a.log", "--key", "witness.key", "--checkpoint-every", "2"], &msgs);
    let log = f.read("a.log");
    let seeds: Vec<&str> = msgs.lines().chain(log.lines()).collect();
    let mut rng = Rng(0x1f2e_3d4c_5b6a_7988);
    let mut accepted = Vec::new();
    for iteration in 0..20_000 {
        let seed = seeds[rng.below(seeds.len())].as_bytes();
        let input = mutate(&mut rng, seed);
        let outcome = std::panic::catch_unwind(|| {
            let mut verified = None;
            if let Ok(v) = ifconnect::json::parse_strict(&input) {
                let canonical = ifconnect::json::canonical(&v);
                if ifconnect::message::verify_message(&v, None).is_ok() {
                    verified = Some(canonical);
                }
            }
            for check in [ifconnect::witness::log::MessageCheck::None, ifconnect::witness::log::MessageCheck::Full] {
                let _ = ifconnect::witness::log::decode(&input, check);
            }
            if let Ok(text) = std::str::from_utf8(&input) {
                let _ = ifconnect::witness::note::parse_note(text);
                let _ = ifconnect::witness::note::Checkpoint::parse(text);
                let _ = ifconnect::time::parse_rfc3339(text);
            }
            verified
        });
        match outcome {
            // Another spelling of the same message (`3e2` for `300`, an escape, whitespace) is the
            // same message: what is signed is the canonical form.
            Ok(Some(canonical)) => {
                let original = ifconnect::json::canonical(&ifconnect::json::parse_strict(seed).unwrap());
                if canonical != original {
                    accepted.push(String::from_utf8_lossy(&input).into_owned());
                }
            }
            Ok(None) => {}
            Err(_) => panic!("iteration {iteration} panicked on {:?}", String::from_utf8_lossy(&input)),
        }
    }
    // A mutated message must never verify.
    assert!(accepted.is_empty(), "{} mutated messages verified, the first: {}", accepted.len(), accepted[0]);
}

/// The fuzz target `http` in miniature: mutated requests (seeded with `tests/data/http/` and a
/// few good ones) through the shared server and the live view's routes, in memory.
#[test]
fn mutated_http_requests_get_an_answer_or_a_refusal() {
    use ifconnect::http::{serve_bytes, Limits};
    use ifconnect::ndi::live::{LiveView, Routes};
    let view = LiveView::new("MUTATE (src)");
    view.finish();
    let mut seeds: Vec<Vec<u8>> = ["/", "/frame.png?n=1", "/status.json", "/stream", "/nope"]
        .iter()
        .map(|path| format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").into_bytes())
        .collect();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/http")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "http") {
            seeds.push(std::fs::read(path).unwrap());
        }
    }
    let mut rng = Rng(0x5eed_0f47_7470_0001);
    let (mut served, mut refused) = (0, 0);
    for iteration in 0..3_000 {
        let seed = rng.below(seeds.len());
        let input = mutate(&mut rng, &seeds[seed]);
        let answer = serve_bytes(&input, Limits::default(), Routes(view.clone()));
        let shown = || {
            format!(
                "iteration {iteration}: {:?} -> {:?}",
                String::from_utf8_lossy(&input),
                String::from_utf8_lossy(&answer[..answer.len().min(40)])
            )
        };
        if answer.is_empty() {
            continue;
        }
        assert!(answer.starts_with(b"HTTP/1.1 ") || answer.starts_with(b"HTTP/1.0 "), "{}", shown());
        if answer[9..].starts_with(b"200 ") {
            let request = &input[input.iter().position(|b| !b"\r\n".contains(b)).unwrap_or(input.len())..];
            assert!(request.starts_with(b"GET ") || request.starts_with(b"HEAD "), "{}", shown());
            served += 1;
        } else {
            assert_eq!(answer[9], b'4', "{}", shown());
            refused += 1;
        }
    }
    // Both kinds of answer were exercised.
    assert!(served > 30 && refused > 300, "{served} served, {refused} refused");
}
