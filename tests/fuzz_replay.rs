//! The fuzz targets (`fuzz/fuzz_targets/`) replayed over the corpora on every test run: each
//! replay calls what its target calls, on every corpus file (and every line of line-based ones),
//! so a crash the fuzzer once found, kept as a corpus file, stays fixed without cargo-fuzz. Where
//! a corpus entry's name or origin says `ok-` or `bad-`, the verdict is asserted too.

use ifconnect::sip::proxy::{Config, Peer, Proxy, Transport};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Targets replayed here, and the library calls each replay makes (checked against the target's
/// source, so a target that stops calling one is noticed).
const REPLAYED: &[(&str, &[&str])] = &[
    ("message", &["json::parse_strict", "json::canonical", "message::verify_message"]),
    ("log_line", &["decode", "MessageCheck::None", "MessageCheck::Full"]),
    ("note", &["note::parse_note", "note::Checkpoint::parse", "note::parse_verifier_key", "time::parse_rfc3339"]),
    ("sip", &["sip::frame", "sip::parse", "top_via", "cseq", "Uri::parse", "handle_packet", "handle_timeout"]),
    ("http", &["serve_bytes", "Limits::default()", "Routes("]),
    ("ras", &["ras::decode", "ras::encode", "handle_datagram", "handle_timeout"]),
    ("digest", &["digest::parse", "Challenge::parse", "Credentials::parse", "auth.challenges", "auth.check"]),
    (
        "q931",
        &[
            "Signal::parse",
            "Tpkt::new",
            "h245::decode",
            "rtp::parse",
            "handle_bytes",
            "handle_timeout",
            "OutgoingCall::new",
        ],
    ),
    ("mesh_signal", &["Reader::new", "reader.next", "parse_client"]),
    ("turn", &["fuzz_one", "is_stun"]),
    ("dns", &["dns::fuzz_one"]),
];
/// Targets without a replay yet (none: keep it so).
const NOT_YET: &[&str] = &[];

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Every file directly in `dir`, sorted, with its bytes.
fn files(dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(data(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "empty corpus {dir}");
    out
}

/// A file, then each of its lines: the targets see single log lines and single messages.
fn whole_and_lines(bytes: &[u8]) -> Vec<&[u8]> {
    std::iter::once(bytes).chain(bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty())).collect()
}

fn vectors() -> Value {
    serde_json::from_slice(&std::fs::read(data("tests/vectors/ifconnect-v1.json")).unwrap()).unwrap()
}

/// `fuzz_targets/message.rs`; returns whether the bytes are a message that verifies.
fn message(data: &[u8]) -> bool {
    let Ok(value) = ifconnect::json::parse_strict(data) else { return false };
    let canonical = ifconnect::json::canonical(&value);
    let again = ifconnect::json::parse_strict(&canonical).expect("canonical output parses");
    assert_eq!(ifconnect::json::canonical(&again), canonical, "canonical form is a fixed point");
    ifconnect::message::verify_message(&value, None).is_ok()
}

/// `fuzz_targets/log_line.rs`.
fn log_line(data: &[u8]) {
    use ifconnect::witness::log::{decode, MessageCheck};
    let _ = decode(data, MessageCheck::None);
    let _ = decode(data, MessageCheck::Full);
}

/// `fuzz_targets/note.rs`; returns whether the text is a signed note.
fn note(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else { return false };
    let parsed = ifconnect::witness::note::parse_note(text).is_ok();
    let _ = ifconnect::witness::note::Checkpoint::parse(text);
    let _ = ifconnect::witness::note::parse_verifier_key(text);
    let _ = ifconnect::time::parse_rfc3339(text);
    parsed
}

/// `fuzz_targets/sip.rs`; returns whether the bytes parse as a SIP message.
fn sip(data: &[u8]) -> bool {
    let _ = ifconnect::sip::frame(data);
    let parsed = ifconnect::sip::parse(data);
    if let Ok(m) = &parsed {
        let _ = m.top_via();
        let _ = m.cseq();
        for contact in m.header_values("Contact").iter() {
            let _ = ifconnect::sip::Uri::parse(contact);
        }
        let again = ifconnect::sip::parse(&m.to_bytes()).expect("serialised messages parse");
        let without_length =
            |m: &ifconnect::sip::SipMessage| m.headers.iter().filter(|h| h.name != "Content-Length").count();
        assert_eq!((&again.start, without_length(&again), &again.body), (&m.start, without_length(m), &m.body));
    }
    let mut proxy = Proxy::new(Config {
        local: "127.0.0.1:5060".parse().unwrap(),
        route: Some("sip:127.0.0.1:5070".into()),
        policy: None,
        wall_clock_offset_ms: 0,
        max_contacts: ifconnect::sip::MAX_CONTACTS,
        auth: None,
        resolver_seed: Some(1),
        tls_local: None,
    });
    let peer = Peer { transport: Transport::Udp, addr: "127.0.0.1:5080".parse().unwrap() };
    proxy.handle_packet(0, peer, data);
    proxy.handle_packet(1, peer, data);
    proxy.handle_timeout(40_000);
    while proxy.poll_output().is_some() {}
    parsed.is_ok()
}

#[test]
fn every_fuzz_target_is_replayed_and_calls_what_its_replay_calls() {
    let mut targets: Vec<String> = std::fs::read_dir(data("fuzz/fuzz_targets"))
        .unwrap()
        .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    targets.sort();
    let mut known: Vec<String> =
        REPLAYED.iter().map(|(t, _)| t.to_string()).chain(NOT_YET.iter().map(|t| t.to_string())).collect();
    known.sort();
    assert_eq!(targets, known, "a fuzz target without a replay here (or a replay without its target)");
    for (target, calls) in REPLAYED {
        let source = std::fs::read_to_string(data(&format!("fuzz/fuzz_targets/{target}.rs"))).unwrap();
        for call in *calls {
            assert!(source.contains(call), "fuzz target {target} no longer calls {call}: update its replay");
        }
    }
}

#[test]
fn message_target_over_the_hostile_messages_and_the_vector() {
    let hostile = std::fs::read(data("tests/data/hostile/messages.jsonl")).unwrap();
    let lines = whole_and_lines(&hostile);
    assert!(lines.len() > 10);
    for (i, line) in lines.iter().enumerate() {
        assert!(!message(line), "hostile message {i} verifies: {}", String::from_utf8_lossy(line));
    }
    // The hostile logs' lines are JSON too: no panic, and none is a verifying message.
    for (name, bytes) in files("tests/data/hostile") {
        for line in whole_and_lines(&bytes) {
            assert!(!message(line) || name == "messages.jsonl", "{name}: {}", String::from_utf8_lossy(line));
        }
    }
    let signed = serde_json::to_vec(&vectors()["signing"]["message"]).unwrap();
    assert!(message(&signed), "the signing vector's message must verify");
}

#[test]
fn log_line_target_over_the_hostile_logs() {
    let logs: Vec<_> = files("tests/data/hostile").into_iter().filter(|(n, _)| n.ends_with(".log")).collect();
    assert!(logs.len() >= 5);
    for (_, bytes) in &logs {
        for line in whole_and_lines(bytes) {
            log_line(line);
        }
    }
}

#[test]
fn note_target_over_the_logs_notes_and_the_vector() {
    let v = vectors();
    assert!(note(v["witness"]["checkpoint_note"].as_str().unwrap().as_bytes()), "the vector's checkpoint note");
    note(v["witness"]["witness_verifier_key"].as_str().unwrap().as_bytes());
    for (name, bytes) in files("tests/data/hostile") {
        for line in whole_and_lines(&bytes) {
            note(line);
            // The notes inside checkpoint records, as the log reader hands them over.
            if let Ok(Value::Object(record)) = serde_json::from_slice::<Value>(line) {
                if let Some(text) = record.get("note").and_then(Value::as_str) {
                    let parsed = note(text.as_bytes());
                    assert!(!(name.starts_with("bad-note") && parsed), "{name}: a bad note parses: {text:?}");
                }
            }
        }
    }
}

#[test]
fn sip_target_over_the_sip_corpus_with_verdicts() {
    let corpus = files("tests/data/sip");
    assert!(corpus.len() >= 20);
    for (name, bytes) in &corpus {
        let parsed = sip(bytes);
        match name.split('-').next() {
            Some("ok") => assert!(parsed, "{name} must parse"),
            Some("bad") => assert!(!parsed, "{name} must be refused"),
            _ => panic!("{name}: corpus names start with ok- or bad-"),
        }
    }
}

#[test]
fn http_target_over_the_hostile_requests() {
    use ifconnect::http::{serve_bytes, Limits};
    use ifconnect::ndi::live::{LiveView, Routes};
    let view = LiveView::new("REPLAY (src)");
    view.finish();
    let corpus: Vec<_> = files("tests/data/http").into_iter().filter(|(n, _)| n.ends_with(".http")).collect();
    assert!(corpus.len() >= 15, "{}", corpus.len());
    for (name, bytes) in corpus {
        let answer = serve_bytes(&bytes, Limits::default(), Routes(view.clone()));
        // What the fuzz target asserts: no answer, or an HTTP status line; every hostile request
        // is refused (4xx), none is served.
        if answer.is_empty() {
            continue;
        }
        assert!(answer.starts_with(b"HTTP/1."), "{name}: {:?}", String::from_utf8_lossy(&answer));
        assert_eq!(answer[9], b'4', "{name}: {:?}", String::from_utf8_lossy(&answer[..answer.len().min(60)]));
    }
    // And a good request through the same path is served.
    let ok = serve_bytes(b"GET /status.json HTTP/1.1\r\nHost: x\r\n\r\n", Limits::default(), Routes(view));
    assert!(ok.starts_with(b"HTTP/1.1 200 "), "{:?}", String::from_utf8_lossy(&ok));
}

/// `fuzz_targets/ras.rs`; returns whether the bytes decode as a RAS message.
fn ras(data: &[u8]) -> bool {
    use ifconnect::h323::gatekeeper::{Config, Gatekeeper, Limits};
    use ifconnect::h323::ras;
    let decoded = ras::decode(data);
    if let Ok(m) = &decoded {
        let again = ras::encode(m).expect("a decoded message encodes");
        assert_eq!(&ras::decode(&again).expect("its encoding decodes"), m);
    }
    let mut gk = Gatekeeper::new(Config {
        gatekeeper_id: "if-gk".into(),
        local: "127.0.0.1:1719".parse().unwrap(),
        policy: Default::default(),
        council_alias: "council".into(),
        limits: Limits::default(),
        wall_clock_offset_ms: 0,
    });
    let from = "127.0.0.1:5000".parse().unwrap();
    gk.handle_datagram(0, from, data);
    gk.handle_datagram(1, from, data);
    gk.handle_timeout(400_000);
    while gk.poll_output().is_some() {}
    decoded.is_ok()
}

#[test]
fn ras_target_over_the_h225_corpus_with_verdicts() {
    let corpus = files("tests/data/h225");
    assert!(corpus.len() >= 15, "{}", corpus.len());
    for (name, bytes) in &corpus {
        if !name.ends_with(".ras") {
            continue;
        }
        let decoded = ras(bytes);
        match name.split('-').next() {
            Some("ok") => assert!(decoded, "{name} must decode"),
            Some("bad") => assert!(!decoded, "{name} must be refused"),
            _ => panic!("{name}: corpus names start with ok- or bad-"),
        }
    }
}

/// `fuzz_targets/digest.rs`; returns whether the text parses as a digest header value.
fn digest(data: &[u8]) -> bool {
    use ifconnect::sip::digest::{self, Algorithm, Auth, Challenge, Credentials, Users};
    let Ok(text) = std::str::from_utf8(data) else { return false };
    let parsed = digest::parse(text).is_ok();
    if let Ok(c) = Challenge::parse(text) {
        assert_eq!(Challenge::parse(&c.to_string()).as_ref(), Ok(&c));
    }
    if let Ok(c) = Credentials::parse(text) {
        assert_eq!(Credentials::parse(&c.to_string()).as_ref(), Ok(&c));
    }
    let users = Users::parse("[users.alice]\npassword = \"x\"\n", "r").unwrap();
    let mut auth = Auth::new("r".into(), users, vec![Algorithm::Sha256, Algorithm::Md5], [0; 32], 1000, 4);
    let _ = auth.challenges(0, false);
    let _ = auth.check(1, "INVITE", "sip:x", &[text]);
    parsed
}

#[test]
fn digest_target_over_the_digest_corpus_with_verdicts() {
    let corpus: Vec<_> = files("tests/data/digest").into_iter().filter(|(n, _)| n.ends_with(".txt")).collect();
    assert!(corpus.len() >= 15, "{}", corpus.len());
    for (name, bytes) in &corpus {
        let parsed = digest(bytes);
        match name.split('-').next() {
            Some("ok") => assert!(parsed, "{name} must parse"),
            Some("bad") => assert!(!parsed, "{name} must be refused"),
            _ => panic!("{name}: corpus names start with ok- or bad-"),
        }
    }
}

/// The gateway's outgoing call, as `fuzz_targets/q931.rs` makes it.
fn outgoing_config(crv: u16) -> ifconnect::h323::outgoing::OutgoingConfig {
    use ifconnect::h323::h245::G711;
    ifconnect::h323::outgoing::OutgoingConfig {
        source_alias: "sip-gateway".into(),
        destination: "council".into(),
        display: None,
        endpoint_id: None,
        call_id: [1; 16],
        conference_id: [2; 16],
        crv,
        description: None,
        laws: vec![G711::Ulaw, G711::Alaw],
        rtp: "127.0.0.1:4000".parse().unwrap(),
        rtcp: "127.0.0.1:4001".parse().unwrap(),
        max_frame: ifconnect::h323::q931::DEFAULT_MAX_FRAME,
    }
}

/// `fuzz_targets/q931.rs` on one TPKT stream; returns whether it holds at least one frame and
/// every frame parses as a call signalling message.
fn q931(data: &[u8]) -> bool {
    use ifconnect::h323::call::{CallConfig, IncomingCall};
    use ifconnect::h323::h245;
    use ifconnect::h323::q931::{Signal, Tpkt, DEFAULT_MAX_FRAME};
    use ifconnect::media::rtp;
    if let Ok(s) = Signal::parse(data) {
        let bytes = s.encode().expect("a parsed message encodes");
        let again = Signal::parse(&bytes[4..]).expect("its encoding parses");
        assert_eq!(again.uu, s.uu);
    }
    let _ = h245::decode(data);
    let _ = rtp::parse(data);
    let mut framer = Tpkt::new(DEFAULT_MAX_FRAME);
    framer.push(data);
    let mut frames = 0;
    let mut all_parse = true;
    loop {
        match framer.next_frame() {
            Ok(Some(frame)) => {
                frames += 1;
                all_parse &= Signal::parse(&frame).is_ok();
            }
            Ok(None) => break,
            Err(_) => {
                all_parse = false;
                break;
            }
        }
    }
    let mut call = IncomingCall::new(0, CallConfig::default());
    call.handle_bytes(1, data);
    call.admitted(2, "127.0.0.1:4000".parse().unwrap(), "127.0.0.1:4001".parse().unwrap());
    call.handle_bytes(3, data);
    call.handle_timeout(100_000);
    while call.poll_output().is_some() {}
    let crv = data.get(2..4).map_or(1, |b| u16::from_be_bytes([b[0], b[1]]) & 0x7fff);
    let mut out = ifconnect::h323::outgoing::OutgoingCall::new(0, outgoing_config(crv));
    out.handle_bytes(1, data);
    out.handle_timeout(100_000);
    while out.poll_output().is_some() {}
    frames > 0 && all_parse && framer.buffered() == 0
}

#[test]
fn q931_target_over_the_hostile_call_signalling_corpus_with_verdicts() {
    let corpus = files("tests/data/h323-call/hostile");
    assert!(corpus.len() >= 20, "{}", corpus.len());
    for (name, bytes) in &corpus {
        let parsed = q931(bytes);
        match name.split('-').next() {
            Some("ok") => assert!(parsed, "{name} must parse"),
            Some("bad") => assert!(!parsed, "{name} must be refused"),
            _ => panic!("{name}: corpus names start with ok- or bad-"),
        }
    }
    // The pycrate fixtures are all good.
    for (name, hex_text) in files("tests/data/h323-call/pycrate") {
        let bytes = hex::decode(String::from_utf8(hex_text).unwrap().trim()).unwrap();
        assert!(q931(&bytes), "{name}");
    }
}

/// `fuzz_targets/mesh_signal.rs`; returns whether the bytes are a signaling frame.
fn mesh_signal(data: &[u8]) -> bool {
    use ifconnect::mesh::signal::{parse_client, ClientFrame};
    use ifconnect::websocket::{Reader, Role};
    for role in [Role::Server, Role::Client] {
        let mut reader = Reader::new(role, 64 * 1024);
        reader.push(data);
        let mut replies = Vec::new();
        while let Ok(Some(_)) = reader.next(&mut replies) {}
    }
    match parse_client(data) {
        Ok(ClientFrame::Signal { to, .. }) => {
            assert!(to.starts_with("if://agent/"));
            true
        }
        Ok(_) => true,
        Err(_) => false,
    }
}

#[test]
fn mesh_signal_target_over_the_signaling_corpus_with_verdicts() {
    for (name, bytes) in files("tests/data/mesh").into_iter().filter(|(n, _)| n.ends_with(".json")) {
        let parsed = mesh_signal(&bytes);
        assert_eq!(parsed, name.starts_with("ok-"), "{name}");
        // The same bytes framed as a client's masked WebSocket text frame reach the parser whole.
        let frame = ifconnect::websocket::encode(ifconnect::websocket::Opcode::Text, &bytes, Some([1, 2, 3, 4]));
        let mut reader = ifconnect::websocket::Reader::new(ifconnect::websocket::Role::Server, 64 * 1024);
        reader.push(&frame);
        let got = reader.next(&mut Vec::new());
        match got {
            Ok(Some(ifconnect::websocket::Message::Text(text))) => assert_eq!(text.as_bytes(), &bytes[..], "{name}"),
            Err(e) => assert!(name.contains("too-big") || name.contains("utf8"), "{name}: {e}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

/// `fuzz_targets/turn.rs`; returns whether the bytes are a STUN message.
fn turn(data: &[u8]) -> bool {
    use ifconnect::mesh::turn::{fuzz_one, is_stun, Received};
    let received = fuzz_one(data);
    // A client that has no permission takes nothing for a peer's data.
    assert!(!matches!(received, Received::Data { .. }));
    is_stun(data)
}

#[test]
fn turn_target_over_the_stun_corpus_with_verdicts() {
    for (name, bytes) in files("tests/data/turn").into_iter().filter(|(n, _)| n.ends_with(".bin")) {
        assert_eq!(turn(&bytes), name.starts_with("ok-"), "{name}");
    }
}

/// `fuzz_targets/dns.rs`: every answer in the corpus ends its lookup (an answer or a failure,
/// never still pending), and parses exactly when its name says `ok-`.
#[test]
fn dns_target_over_the_dns_corpus_with_verdicts() {
    let corpus = files("tests/data/dns");
    assert!(corpus.len() >= 6, "the corpus is missing");
    for (name, bytes) in corpus {
        let (parses, lookup) = ifconnect::dns::fuzz_one(&bytes);
        assert_eq!(parses, name.starts_with("ok-"), "{name}");
        assert_ne!(lookup, ifconnect::dns::Lookup::Pending, "{name}");
    }
}
