//! `if-sip proxy` against SIPp (Debian `sip-tester`), a peer nobody here wrote: calls over UDP
//! and TCP, a REGISTER flow, and the IF.guard gates.

use crate::common::*;
use ifconnect::keys::SecretKey;
use ifconnect::sip::{parse, xif};
use serde_json::Value;
use std::net::{SocketAddr, UdpSocket};
use std::time::Duration;

/// SIPp's own record of a run, in the test dir: every message sent and received, and every
/// unexpected one. A failing assertion names these files.
fn sipp_logs(f: &Fixture, name: &str) -> Vec<String> {
    let dir = f.dir.display();
    ["-trace_msg", "-message_file", &format!("{dir}/{name}-messages.log")]
        .into_iter()
        .chain(["-trace_err", "-error_file", &format!("{dir}/{name}-errors.log")])
        .map(String::from)
        .collect()
}

/// Runs a SIPp caller to completion from a free local port; `name` names its log files.
fn sipp(f: &Fixture, name: &str, args: &[&str]) -> Run {
    let port = free_port().to_string();
    let logs = sipp_logs(f, name);
    let mut all = vec!["-nostdin", "-timeout", "30s", "-timeout_error", "-p", &port];
    if !args.contains(&"-i") {
        all.extend(["-i", "127.0.0.1"]);
    }
    all.extend(logs.iter().map(String::as_str));
    all.extend_from_slice(args);
    let mut r = run("sipp", &all, &f.dir, "");
    if r.code != 0 {
        r.stderr += &format!("\n(SIPp logs: {}/{name}-messages.log and {name}-errors.log)", f.dir.display());
    }
    r
}

/// Starts a SIPp callee (`args` name its scenario) on a free port, and returns once SIPp has
/// bound it (UDP, or TCP with `-t t1`).
fn sipp_uas(f: &Fixture, name: &str, args: &[&str]) -> (Background, u16) {
    let port = free_port();
    let p = port.to_string();
    let logs = sipp_logs(f, name);
    let mut all = vec!["-nostdin", "-p", &p];
    if !args.contains(&"-i") {
        all.extend(["-i", "127.0.0.1"]);
    }
    all.extend(logs.iter().map(String::as_str));
    all.extend_from_slice(args);
    let uas = Background::spawn("sipp", &all, &f.dir);
    if args.contains(&"t1") {
        wait_for_tcp_listening(port, 10);
    } else {
        wait_for_udp_bound(port, 10);
    }
    (uas, port)
}

/// Starts `if-sip proxy` on a port the OS picks and returns it with the port, read from the
/// proxy's "listening on ADDR" line (logged once both sockets are bound).
fn proxy(f: &Fixture, extra: &[&str]) -> (Background, u16) {
    proxy_launched(f, &[], extra)
}

/// [`proxy`], started by `launcher` (a program and its arguments, such as `prlimit`) when not
/// empty.
fn proxy_launched(f: &Fixture, launcher: &[&str], extra: &[&str]) -> (Background, u16) {
    let mut args: Vec<&str> = launcher.iter().skip(1).copied().collect();
    if !launcher.is_empty() {
        args.push(SIP);
    }
    args.extend(["proxy", "--key", "scanner.key"]);
    if !extra.contains(&"--listen") {
        args.extend(["--listen", "127.0.0.1:0"]);
    }
    args.extend_from_slice(extra);
    let p = Background::spawn(launcher.first().copied().unwrap_or(SIP), &args, &f.dir);
    let line = p.wait_stderr("listening on ", 10).unwrap_or_else(|| panic!("if-sip never listened: {}", p.stderr()));
    let addr = line.split("listening on ").nth(1).and_then(|rest| rest.split(' ').next());
    let addr: SocketAddr = addr.and_then(|a| a.parse().ok()).unwrap_or_else(|| panic!("no address in: {line}"));
    assert_ne!(addr.port(), 0, "{line}");
    (p, addr.port())
}

/// Checks the events: all schema-valid and signed by the proxy's key, and in the witness log.
fn check_events(f: &Fixture, events: &[String]) -> Vec<Value> {
    let jsonl = events.join("\n") + "\n";
    schema_check(&jsonl);
    f.ok(MSG, &["verify", "--trust", "trust"], &jsonl);
    f.witness_log_verifies("sip.log", &jsonl);
    events.iter().map(|e| serde_json::from_str::<Value>(e).unwrap()["content"].clone()).collect()
}

/// SIPp calls SIPp through the proxy, every side on `ip` (127.0.0.1 or ::1), over UDP or TCP.
fn calls_through_proxy(name: &str, tcp: bool, ip: &str) {
    let f = Fixture::new(name);
    let t: &[&str] = if tcp { &["-t", "t1"] } else { &[] };
    let v6 = ip.contains(':');
    let host = if v6 { format!("[{ip}]") } else { ip.to_owned() };
    let mut uas_args = vec!["-i", ip, "-sn", "uas"];
    uas_args.extend_from_slice(t);
    let (_uas, uas) = sipp_uas(&f, "uas", &uas_args);
    let route = format!("sip:{host}:{uas}{}", if tcp { ";transport=tcp" } else { "" });
    let listen = format!("{host}:0");
    let (p, pp) = proxy(&f, &["--listen", &listen, "--route", &route]);
    let target = format!("{host}:{pp}");
    let mut args = vec!["-i", ip, "-sn", "uac", &target, "-m", "30", "-r", "15"];
    args.extend_from_slice(t);
    let r = sipp(&f, "uac", &args);
    assert_eq!(r.code, 0, "SIPp reported failed calls: {r:?}\nproxy: {}", p.stderr());
    let events = p.wait_lines(60, 10);
    let contents = check_events(&f, &events);
    let invites = contents.iter().filter(|c| c["method"] == "INVITE" && c["status"] == 200).count();
    let byes = contents.iter().filter(|c| c["method"] == "BYE" && c["status"] == 200).count();
    assert_eq!((invites, byes), (30, 30), "{events:?}");
    let invite = contents.iter().find(|c| c["method"] == "INVITE").unwrap();
    // SIPp's offer and answer, summarised: audio over RTP/AVP, PCMU, on the test's address.
    let connection = format!("IN IP{} {ip}", if v6 { 6 } else { 4 });
    for sdp in ["offer", "answer"] {
        assert_eq!(invite[sdp]["connection"], connection, "{invite}");
        let media = invite[sdp]["media"][0].as_str().unwrap();
        assert!(media.starts_with("audio ") && media.ends_with(" RTP/AVP 0"), "{invite}");
    }
    assert_eq!(invite["source"]["transport"], if tcp { "tcp" } else { "udp" });
    assert_eq!(invite["target"]["addr"], format!("{host}:{uas}"));
    assert_eq!(invite["request_uri"], format!("sip:service@{host}:{pp}"));
}

#[test]
fn sipp_calls_over_udp_have_no_failures_and_are_logged() {
    calls_through_proxy("sip-udp", false, "127.0.0.1");
}

#[test]
fn sipp_calls_over_tcp_have_no_failures_and_are_logged() {
    calls_through_proxy("sip-tcp", true, "127.0.0.1");
}

#[test]
fn sipp_calls_over_ipv6_udp_have_no_failures_and_are_logged() {
    calls_through_proxy("sip-udp6", false, "::1");
}

#[test]
fn sipp_calls_over_ipv6_tcp_have_no_failures_and_are_logged() {
    calls_through_proxy("sip-tcp6", true, "::1");
}

/// A SIPp UAS registers at the proxy (no `--route`), then SIPp calls its address of record;
/// every side on `ip`.
fn register_then_call(name: &str, ip: &str) {
    let f = Fixture::new(name);
    let host = if ip.contains(':') { format!("[{ip}]") } else { ip.to_owned() };
    let (_uas, uas) = sipp_uas(&f, "uas", &["-i", ip, "-sn", "uas"]);
    let scenario =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sipp/register.xml"))
            .unwrap()
            // SIPp reads `[::1]` as a keyword; its `[local_ip]` is the address, in brackets for IPv6.
            .replace("127.0.0.1:UAS_PORT", &format!("[local_ip]:{uas}"));
    f.write("register.xml", &scenario);
    // No --route: the only way to the UAS is its registration.
    let listen = format!("{host}:0");
    let (p, pp) = proxy(&f, &["--listen", &listen]);
    let target = format!("{host}:{pp}");
    let r = sipp(&f, "register", &["-i", ip, "-sf", "register.xml", &target, "-s", "expert", "-m", "1"]);
    assert_eq!(r.code, 0, "REGISTER failed: {r:?}");
    let r = sipp(&f, "uac", &["-i", ip, "-sn", "uac", &target, "-s", "expert", "-m", "5", "-r", "5"]);
    assert_eq!(r.code, 0, "calls to the registered AOR failed: {r:?}\n{}", p.stderr());
    let r = sipp(&f, "uac-nobody", &["-i", ip, "-sn", "uac", &target, "-s", "nobody", "-m", "1"]);
    assert_ne!(r.code, 0, "a call to an unregistered user must fail");
    let events = p.wait_lines(12, 10);
    let contents = check_events(&f, &events);
    let register = contents.iter().find(|c| c["method"] == "REGISTER").expect("REGISTER event");
    assert_eq!(register["status"], 200);
    assert!(contents.iter().any(|c| c["method"] == "INVITE"
        && c["status"] == 404
        && c["request_uri"].as_str().unwrap().contains("nobody")));
    let answered: Vec<&Value> = contents.iter().filter(|c| c["method"] == "INVITE" && c["status"] == 200).collect();
    assert_eq!(answered.len(), 5, "{events:?}");
    // Each went to the registered contact, on the address family it registered with.
    assert!(answered.iter().all(|c| c["target"]["addr"] == format!("{host}:{uas}")), "{events:?}");
}

#[test]
fn register_then_call_the_registered_contact() {
    register_then_call("sip-register", "127.0.0.1");
}

#[test]
fn register_over_ipv6_then_call_the_registered_contact() {
    register_then_call("sip-register6", "::1");
}

/// Sends a request from a UDP socket and returns its responses (same Call-ID; anything else that
/// arrives is skipped) up to the first final one, waiting at most 5 s for each.
fn transact(sock: &UdpSocket, to: u16, request: &[u8]) -> Vec<ifconnect::sip::SipMessage> {
    let call_id = parse(request).unwrap().header("Call-ID").map(str::to_owned);
    sock.send_to(request, ("127.0.0.1", to)).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 65536];
    while let Ok((n, _)) = sock.recv_from(&mut buf) {
        let Ok(m) = parse(&buf[..n]) else { continue };
        if m.header("Call-ID").map(str::to_owned) != call_id {
            continue;
        }
        let done = m.status().is_some_and(|s| s >= 200);
        out.push(m);
        if done {
            break;
        }
    }
    out
}

fn invite(local: u16, expert_port: u16, n: u32, hazard: &str, body: &str) -> ifconnect::sip::SipMessage {
    let text = format!(
        "INVITE sip:legal@127.0.0.1:{expert_port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bKgate{n}\r\n\
         Max-Forwards: 70\r\nFrom: <sip:agent@127.0.0.1:{local}>;tag=g{n}\r\nTo: <sip:legal@127.0.0.1:{expert_port}>\r\n\
         Call-ID: gate-{n}@127.0.0.1\r\nCSeq: 1 INVITE\r\nContact: <sip:agent@127.0.0.1:{local}>\r\n\
         X-IF-Trace-ID: 00000000abcd\r\nX-IF-Hazard: {hazard}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    parse(text.as_bytes()).unwrap()
}

#[test]
fn policy_gates_refuse_with_403_naming_the_gate() {
    let f = Fixture::new("sip-gates");
    let (_uas, expert) = sipp_uas(&f, "expert", &["-sn", "uas"]);
    f.write(
        "guard.toml",
        &format!("trust = [\"trust\"]\n\n[[expert]]\nname = \"Legal desk\"\nuri = \"sip:legal@127.0.0.1:{expert}\"\nhazards = [\"legal\", \"privacy\"]\n"),
    );
    let (p, pp) = proxy(&f, &["--policy", "guard.toml"]);
    let key = SecretKey::load(&f.path("reviewer.key")).unwrap();
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = sock.local_addr().unwrap().port();
    let now = ifconnect::time::now_millis();

    let mut good = invite(local, expert, 1, "legal; severity=high", "clause 4.2 voids the indemnity");
    xif::sign(&mut good, &key, now);
    let replies = transact(&sock, pp, &good.to_bytes());
    assert_eq!(
        replies.last().and_then(|r| r.status()),
        Some(200),
        "a signed legal INVITE reaches the expert: {replies:?}"
    );

    // The same signed request again, as a new transaction (new branch): a replay.
    let replayed = parse(&good.to_bytes()).unwrap();
    let mut replayed_text = String::from_utf8(replayed.to_bytes()).unwrap();
    replayed_text = replayed_text.replace("z9hG4bKgate1", "z9hG4bKgate1-replay");
    let mut forged = invite(local, expert, 2, "legal", "clause 4.2");
    xif::sign(&mut forged, &key, now);
    forged.set_header("X-IF-Hazard", "privacy".into());
    let mut wrong = invite(local, expert, 3, "safety", "the press is unsafe");
    xif::sign(&mut wrong, &key, now);
    let mut leaky = invite(local, expert, 4, "privacy", "contact the data subject at jane.doe@example.org");
    xif::sign(&mut leaky, &key, now);
    let unsigned = invite(local, expert, 5, "legal", "clause 4.2");
    for (what, req, gate) in [
        ("forged", forged, "signature gate: X-IF-Signature does not verify"),
        ("wrong hazard", wrong, "specialisation gate: Legal desk handles legal, privacy, not safety"),
        ("e-mail in body", leaky, "personal-data gate: e-mail address in body"),
        ("unsigned", unsigned, "signature gate: no X-IF-Signature header"),
        (
            "replayed",
            parse(replayed_text.as_bytes()).unwrap(),
            "signature gate: X-IF-Signature already used by another request (replayed)",
        ),
    ] {
        let replies = transact(&sock, pp, &req.to_bytes());
        let last = replies.last().unwrap_or_else(|| panic!("{what}: no reply"));
        assert_eq!(last.status(), Some(403), "{what}: {replies:?}");
        assert!(last.header("Warning").unwrap_or("").contains(gate), "{what}: {last}");
        assert!(last.header("Reason").unwrap_or("").contains(gate), "{what}: {last}");
    }
    let events = p.wait_lines(6, 10);
    let msgs: Vec<Value> = events.iter().map(|e| serde_json::from_str(e).unwrap()).collect();
    check_events(&f, &events);
    let refused: Vec<&Value> = msgs.iter().filter(|m| m["performative"] == "refuse").collect();
    assert_eq!(refused.len(), 5, "{events:?}");
    assert!(refused.iter().all(|m| m["trace_id"] == "00000000abcd"));
    assert!(refused.iter().any(|m| m["content"]["refused"].as_str().unwrap().starts_with("personal-data gate")));
    let admitted = msgs.iter().find(|m| m["content"]["status"] == 200).unwrap();
    assert_eq!(admitted["content"]["signed_by"], "if://agent/reviewer");
    assert_eq!(admitted["hazard"]["type"], "legal");
}

#[test]
fn hostile_packets_do_not_stop_the_proxy() {
    let f = Fixture::new("sip-hostile");
    let (p, pp) = proxy(&f, &[]);
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    for junk in [
        &b""[..],
        b"\r\n\r\n",
        b"INVITE",
        b"SIP/2.0 200 OK\r\n\r\n",
        b"\xff\xfe\x00garbage\r\n\r\n",
        b"OPTIONS sip:x SIP/2.0\r\nContent-Length: 99999\r\n\r\n",
    ] {
        sock.send_to(junk, ("127.0.0.1", pp)).unwrap();
    }
    let mut tcp = std::net::TcpStream::connect(("127.0.0.1", pp)).unwrap();
    std::io::Write::write_all(&mut tcp, b"INVITE sip:a@b SIP/2.0\r\nContent-Length: nope\r\n\r\n").unwrap();
    // Still answering: a request to nowhere gets a proper 404.
    let local = sock.local_addr().unwrap().port();
    let req = format!("OPTIONS sip:nobody@127.0.0.1:{pp} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bKh1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:nobody@127.0.0.1>\r\nCall-ID: h1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    let replies = transact(&sock, pp, req.as_bytes());
    assert_eq!(replies.last().and_then(|r| r.status()), Some(404), "{replies:?}\n{}", p.stderr());
    // The log reaches us through a reader thread: wait for it (bounded) rather than race it.
    assert!(p.wait_stderr("dropped:", 5).is_some(), "{}", p.stderr());
}

#[test]
fn escalation_calls_the_expert_and_the_trail_verifies() {
    let f = Fixture::new("sip-escalate");
    let (_uas, expert) = sipp_uas(&f, "expert", &["-sn", "uas"]);
    f.write(
        "guard.toml",
        &format!("trust = [\"trust\"]\n\n[[expert]]\nname = \"Legal desk\"\nuri = \"sip:legal@127.0.0.1:{expert}\"\nhazards = [\"legal\"]\n"),
    );
    let (p, pp) = proxy(&f, &["--policy", "guard.toml"]);
    let escalate = |key: &str, hazard: &str, trace: &str| {
        f.ok(
            MSG,
            &[
                "new",
                "--key",
                key,
                "--performative",
                "escalate",
                "--receiver",
                "if://agent/oversight",
                "--hazard",
                hazard,
                "--trace-id",
                trace,
                "--content",
                r#"{"summary":"clause 4.2 voids the indemnity"}"#,
            ],
            "",
        )
        .stdout
    };
    let input = escalate("scanner.key", "type=legal,severity=high", "00000000e5c1")
        + &f.ok(MSG, &["new", "--key", "scanner.key", "--performative", "inform", "--receiver", "if://agent/x"], "")
            .stdout
        + &escalate("scanner.key", "type=safety,severity=low", "00000000e5c2");
    let via = format!("127.0.0.1:{pp}");
    let r = f.ok(
        SIP,
        &[
            "escalate",
            "--key",
            "scanner.key",
            "--via",
            &via,
            "--experts",
            "guard.toml",
            "--hold-ms",
            "200",
            "--trust",
            "trust",
        ],
        &input,
    );
    let out = r.json_lines();
    // The three inputs pass through, then the calls' events.
    assert_eq!(out.len(), 3 + 5, "{r:?}");
    let events = |trace: &str| -> Vec<String> {
        out.iter()
            .filter(|m| m["trace_id"] == trace && m["content"]["event"].is_string())
            .map(|m| m["content"]["event"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(events("00000000e5c1"), vec!["call.trying", "call.ringing", "call.answered", "call.ended"]);
    assert_eq!(events("00000000e5c2"), vec!["call.failed"]);
    let answered = out.iter().find(|m| m["content"]["event"] == "call.answered").unwrap();
    assert!(answered["content"]["setup_ms"].as_u64().unwrap() < 5_000);
    assert_eq!(answered["content"]["expert"], format!("sip:legal@127.0.0.1:{expert}"));
    let failed = out.iter().find(|m| m["content"]["event"] == "call.failed").unwrap();
    assert_eq!(failed["content"]["reason"], "no expert handles safety hazards");
    // The proxy saw the signed INVITE and admitted it; everything lands in one verifying log.
    let proxy_events = p.wait_lines(2, 10);
    let contents = check_events(&f, &proxy_events);
    let invite = contents.iter().find(|c| c["method"] == "INVITE").unwrap();
    assert_eq!((invite["status"].as_u64(), invite["signed_by"].as_str()), (Some(200), Some("if://agent/scanner")));
    f.witness_log_verifies("sip.log", &r.stdout);
    let trail = f.ok(WITNESS, &["trace", "sip.log", "00000000e5c1", "--format", "json"], "").json_lines();
    let methods: Vec<&str> = trail.iter().filter_map(|e| e["message"]["content"]["method"].as_str()).collect();
    assert_eq!(methods, vec!["INVITE", "BYE"], "the proxy's transactions share the trace");
    assert_eq!(trail.len(), 7, "escalation, two proxy transactions, four call events");
    // An agent the proxy does not trust is refused at the signature gate.
    let stranger = tmpdir("sip-stranger");
    keygen(&stranger, "if://agent/stranger", "s.key");
    std::fs::copy(f.path("guard.toml"), stranger.join("guard.toml")).unwrap();
    std::fs::copy(f.path("trust"), stranger.join("trust")).unwrap();
    let m = ok(
        MSG,
        &[
            "new",
            "--key",
            "s.key",
            "--performative",
            "escalate",
            "--receiver",
            "if://agent/o",
            "--hazard",
            "type=legal",
        ],
        &stranger,
        "",
    )
    .stdout;
    let r = ok(SIP, &["escalate", "--key", "s.key", "--via", &via, "--experts", "guard.toml"], &stranger, &m);
    let failed = r.json_lines().into_iter().find(|m| m["content"]["event"] == "call.failed").expect("call.failed");
    assert_eq!(failed["content"]["status"], 403);
    assert!(failed["content"]["reason"].as_str().unwrap().contains("signature gate"), "{failed}");
}

#[test]
fn calls_through_kamailio_and_if_sip_chained() {
    let f = Fixture::new("sip-kamailio");
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for s in ["uac-rr.xml", "uas-rr.xml"] {
        std::fs::copy(data.join("sipp").join(s), f.path(s)).unwrap();
    }
    let (_uas, uas) = sipp_uas(&f, "uas", &["-sf", "uas-rr.xml"]);
    let route = format!("sip:127.0.0.1:{uas}");
    let (p, pp) = proxy(&f, &["--route", &route]);
    let kam = free_port();
    let cfg = std::fs::read_to_string(data.join("kamailio/chain.cfg"))
        .unwrap()
        .replace("KAM_PORT", &kam.to_string())
        .replace("IFSIP_PORT", &pp.to_string());
    f.write("kamailio.cfg", &cfg);
    let k = Background::spawn("kamailio", &["-f", "kamailio.cfg", "-DD", "-E", "-m", "64", "-M", "8"], &f.dir);
    wait_for_udp_bound(kam, 10);
    wait_for_tcp_listening(kam, 10);
    let target = format!("127.0.0.1:{kam}");
    let r = sipp(&f, "uac", &["-sf", "uac-rr.xml", &target, "-m", "20", "-r", "10"]);
    assert_eq!(
        r.code,
        0,
        "calls through Kamailio then if-sip failed: {r:?}\nkamailio: {}\nif-sip: {}",
        k.stderr(),
        p.stderr()
    );
    let events = p.wait_lines(40, 10);
    let contents = check_events(&f, &events);
    let count = |m: &str| contents.iter().filter(|c| c["method"] == m && c["status"] == 200).count();
    assert_eq!((count("INVITE"), count("BYE")), (20, 20), "if-sip saw every INVITE and, by loose routing, every BYE");
    assert!(contents.iter().all(|c| c["source"]["addr"] == format!("127.0.0.1:{kam}")), "everything came via Kamailio");
}

#[test]
fn corpus_parses_or_is_refused_and_never_stops_the_proxy() {
    let f = Fixture::new("sip-corpus");
    // The route leads to a socket that never answers.
    let sink = UdpSocket::bind("127.0.0.1:0").unwrap();
    let route = format!("sip:{}", sink.local_addr().unwrap());
    let (p, pp) = proxy(&f, &["--route", &route]);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sip");
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    assert!(names.len() >= 20);
    for path in &names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let parsed = ifconnect::sip::parse(&bytes);
        if name.starts_with("ok-") {
            let m = parsed.unwrap_or_else(|e| panic!("{name} must parse: {e}"));
            assert!(ifconnect::sip::parse(&m.to_bytes()).is_ok(), "{name} round trip");
        } else {
            assert!(parsed.is_err(), "{name} must be refused");
        }
        if bytes.len() < 65_000 {
            sock.send_to(&bytes, ("127.0.0.1", pp)).unwrap();
        }
        // Framing a stream of it must not panic either.
        let _ = ifconnect::sip::frame(&bytes);
    }
    // Still serving: an OPTIONS for nobody is answered.
    let local = sock.local_addr().unwrap().port();
    let req = format!("OPTIONS sip:x@127.0.0.1:{pp} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bKalive\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>;tag=2\r\nCall-ID: alive\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 0\r\nContent-Length: 0\r\n\r\n");
    // Whatever the corpus provoked may still arrive: `transact` skips other Call-IDs.
    let replies = transact(&sock, pp, req.as_bytes());
    assert_eq!(replies.last().and_then(|r| r.status()), Some(483), "{replies:?}\n{}", p.stderr());
}

#[test]
fn sipp_caller_cancels_while_ringing() {
    let f = Fixture::new("sip-cancel");
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sipp");
    for s in ["uac-cancel.xml", "uas-cancel.xml"] {
        std::fs::copy(data.join(s), f.path(s)).unwrap();
    }
    let (_uas, uas) = sipp_uas(&f, "uas", &["-sf", "uas-cancel.xml"]);
    let route = format!("sip:127.0.0.1:{uas}");
    let (p, pp) = proxy(&f, &["--route", &route]);
    let target = format!("127.0.0.1:{pp}");
    let r = sipp(&f, "uac", &["-sf", "uac-cancel.xml", &target, "-m", "10", "-r", "10"]);
    assert_eq!(r.code, 0, "cancelled calls failed: {r:?}\n{}", p.stderr());
    let events = p.wait_lines(20, 10);
    let contents = check_events(&f, &events);
    let count = |m: &str, s: u64| contents.iter().filter(|c| c["method"] == m && c["status"] == s).count();
    assert_eq!((count("INVITE", 487), count("CANCEL", 200)), (10, 10), "{events:?}");
}

/// Registers `contact_port`'s SIPp callee as a contact of `user` with `register.xml`.
fn register_contact(f: &Fixture, proxy_port: u16, user: &str, contact_port: u16) {
    let name = format!("register-{contact_port}.xml");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sipp/register.xml");
    let text = std::fs::read_to_string(path).unwrap().replace("UAS_PORT", &contact_port.to_string());
    f.write(&name, &text);
    let target = format!("127.0.0.1:{proxy_port}");
    let r = sipp(f, &format!("register-{contact_port}"), &["-sf", &name, &target, "-s", user, "-m", "1"]);
    assert_eq!(r.code, 0, "REGISTER of {contact_port} failed: {r:?}");
}

/// (contact, status) of each branch of a forked transaction's record.
fn branch_statuses(record: &Value) -> Vec<(String, u64)> {
    let branches = record["branches"].as_array().unwrap_or_else(|| panic!("no branches in {record}"));
    branches.iter().map(|b| (b["contact"].as_str().unwrap().to_owned(), b["status"].as_u64().unwrap())).collect()
}

/// Issue 9, forking (RFC 3261 §16.7): two SIPp callees registered for one AOR; each call rings
/// both, one answers, the other (`uas-cancel.xml`, which completes only if cancelled) gets a
/// CANCEL and answers 487; the caller's call completes through the Record-Route.
#[test]
fn forked_call_one_contact_answers_the_other_is_cancelled() {
    let f = Fixture::new("sip-fork");
    for s in ["uac-rr.xml", "uas-rr.xml", "uas-cancel.xml"] {
        scenario(&f, s, &[]);
    }
    let calls = "3";
    let (_answerer, answerer) = sipp_uas(&f, "answerer", &["-sf", "uas-rr.xml"]);
    let (ringer, ringer_port) = sipp_uas(&f, "ringer", &["-sf", "uas-cancel.xml", "-m", calls]);
    let (p, pp) = proxy(&f, &[]);
    register_contact(&f, pp, "bob", answerer);
    register_contact(&f, pp, "bob", ringer_port);
    let target = format!("127.0.0.1:{pp}");
    let r = sipp(&f, "uac", &["-sf", "uac-rr.xml", &target, "-s", "bob", "-m", calls, "-r", "10"]);
    assert_eq!(r.code, 0, "forked calls failed: {r:?}\n{}", p.stderr());
    // The ringer ends once its three calls were cancelled, 487 sent and ACKed: exit 0 is SIPp
    // saying every one of them went as its scenario wants.
    let (code, _, err) = ringer.finish(30);
    assert_eq!(code, Some(0), "the cancelled callee's calls failed: {err}");
    let events = p.wait_lines(2 + 3 * 2, 10);
    let contents = check_events(&f, &events);
    let invites: Vec<&Value> = contents.iter().filter(|c| c["method"] == "INVITE").collect();
    assert_eq!(invites.len(), 3, "{events:?}");
    let bob = |port: u16| format!("sip:bob@127.0.0.1:{port}");
    for invite in &invites {
        assert_eq!(invite["status"], 200, "{invite}");
        assert_eq!(invite["target"]["addr"], format!("127.0.0.1:{answerer}"), "{invite}");
        assert_eq!(branch_statuses(invite), [(bob(answerer), 200), (bob(ringer_port), 487)], "{invite}");
        let answered = &invite["branches"][0]["branch"];
        assert_eq!(&invite["branch"], answered, "the record names the answering branch: {invite}");
    }
    assert_eq!(contents.iter().filter(|c| c["method"] == "BYE" && c["status"] == 200).count(), 3);
}

/// A fork where every contact refuses: 486 from one, 404 from the other; the caller gets the
/// best (§16.7 step 6: the lowest class, then the lowest status), 404, and each refusal was
/// ACKed hop by hop (the callees' scenarios end only on their ACK).
#[test]
fn forked_call_every_contact_refuses_and_the_caller_gets_the_best_response() {
    let f = Fixture::new("sip-fork-refused");
    let refuser = |name: &str, status: &str| {
        scenario(&f, "uas-refuse.xml", &[("REFUSAL", status)]);
        let file = format!("{name}.xml");
        std::fs::rename(f.path("uas-refuse.xml"), f.path(&file)).unwrap();
        sipp_uas(&f, name, &["-sf", &file, "-m", "1"])
    };
    let (busy, busy_port) = refuser("busy", "486 Busy Here");
    let (gone, gone_port) = refuser("gone", "404 Not Found");
    scenario(&f, "uac-refused.xml", &[("STATUS", "404")]);
    let (p, pp) = proxy(&f, &[]);
    register_contact(&f, pp, "bob", busy_port);
    register_contact(&f, pp, "bob", gone_port);
    let target = format!("127.0.0.1:{pp}");
    let r = sipp(&f, "uac", &["-sf", "uac-refused.xml", &target, "-s", "bob", "-m", "1"]);
    assert_eq!(r.code, 0, "the caller did not get 404: {r:?}\n{}", p.stderr());
    for (name, callee) in [("busy", busy), ("gone", gone)] {
        let (code, _, err) = callee.finish(30);
        assert_eq!(code, Some(0), "{name} never got its ACK: {err}");
    }
    let events = p.wait_lines(3, 10);
    let contents = check_events(&f, &events);
    let invite = contents.iter().find(|c| c["method"] == "INVITE").unwrap_or_else(|| panic!("{events:?}"));
    assert_eq!((invite["status"].as_u64(), invite["reason"].as_str()), (Some(404), Some("Not Found")));
    let bob = |port: u16| format!("sip:bob@127.0.0.1:{port}");
    assert_eq!(branch_statuses(invite), [(bob(busy_port), 486), (bob(gone_port), 404)]);
    assert_eq!(invite["target"]["addr"], format!("127.0.0.1:{gone_port}"));
}

/// Issue 9, escalation forking: two SIPp experts qualified for legal hazards; `escalate` calls
/// both at once, one answers, the other (`uas-cancel.xml`) rings and is cancelled; the events
/// say who answered and what the other got.
#[test]
fn forked_escalation_one_expert_answers_the_other_is_cancelled() {
    let f = Fixture::new("sip-escalate-fork");
    for s in ["uas-rr.xml", "uas-cancel.xml"] {
        scenario(&f, s, &[]);
    }
    let (_answerer, answerer) = sipp_uas(&f, "answerer", &["-sf", "uas-rr.xml"]);
    let (ringer, ringer_port) = sipp_uas(&f, "ringer", &["-sf", "uas-cancel.xml", "-m", "1"]);
    let (a, b) = (format!("sip:legal@127.0.0.1:{answerer}"), format!("sip:counsel@127.0.0.1:{ringer_port}"));
    f.write(
        "guard.toml",
        &format!(
            "trust = [\"trust\"]\n\n[[expert]]\nname = \"Legal desk\"\nuri = \"{a}\"\nhazards = [\"legal\"]\n\n\
             [[expert]]\nname = \"Outside counsel\"\nuri = \"{b}\"\nhazards = [\"legal\", \"privacy\"]\n"
        ),
    );
    let (p, pp) = proxy(&f, &["--policy", "guard.toml"]);
    let input = f
        .ok(
            MSG,
            &["new", "--key", "scanner.key", "--performative", "escalate", "--receiver", "if://agent/oversight"]
                .into_iter()
                .chain(["--hazard", "type=legal,severity=high", "--trace-id", "00000000f0c1"])
                .collect::<Vec<_>>(),
            "",
        )
        .stdout;
    let via = format!("127.0.0.1:{pp}");
    let args = ["escalate", "--key", "scanner.key", "--via", &via, "--experts", "guard.toml", "--hold-ms", "200"];
    let r = f.ok(SIP, &args, &input);
    let (code, _, err) = ringer.finish(30);
    assert_eq!(code, Some(0), "the cancelled expert's scenario failed: {err}");
    let out = r.json_lines();
    let events: Vec<&Value> = out.iter().filter(|m| m["content"]["event"].is_string()).map(|m| &m["content"]).collect();
    let of = |expert: &str| -> Vec<String> {
        let calls = events.iter().filter(|e| e["expert"] == expert && e["event"] != "call.forked");
        calls.map(|e| e["event"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(of(&a), ["call.trying", "call.ringing", "call.answered", "call.ended"], "{r:?}");
    assert_eq!(of(&b), ["call.trying", "call.ringing", "call.failed"], "{r:?}");
    let failed = events.iter().find(|e| e["event"] == "call.failed").unwrap();
    assert_eq!((failed["status"].as_u64(), failed["reason"].as_str()), (Some(487), Some("Request Terminated")));
    let forked: Vec<&&Value> = events.iter().filter(|e| e["event"] == "call.forked").collect();
    assert_eq!(forked.len(), 1, "one outcome for the escalation: {r:?}");
    let forked = forked[0];
    assert_eq!((&forked["answered_by"], &forked["expert"]), (&Value::from(a.as_str()), &Value::from(a.as_str())));
    let branches: Vec<(&str, u64)> = forked["branches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["expert"].as_str().unwrap(), b["status"].as_u64().unwrap()))
        .collect();
    assert_eq!(branches, [(a.as_str(), 200), (b.as_str(), 487)]);
    assert!(out.iter().filter(|m| m["content"]["event"].is_string()).all(|m| m["trace_id"] == "00000000f0c1"));
    f.witness_log_verifies("escalate.log", &r.stdout);
    // The proxy admitted both signed INVITEs, passed the CANCEL on, and heard the 487.
    let proxy_events = p.wait_lines(4, 10);
    let contents = check_events(&f, &proxy_events);
    let invite_to = |uri: &str| contents.iter().find(|c| c["method"] == "INVITE" && c["request_uri"] == uri).cloned();
    assert_eq!(invite_to(&a).map(|c| c["status"].clone()), Some(200.into()), "{proxy_events:?}");
    assert_eq!(invite_to(&b).map(|c| c["status"].clone()), Some(487.into()), "{proxy_events:?}");
    assert!(contents.iter().any(|c| c["method"] == "CANCEL" && c["request_uri"] == b.as_str() && c["status"] == 200));
}

/// A SIPp callee as the policy's legal expert (`guard.toml`), and a proxy with that policy:
/// the callee, the proxy and its port.
fn legal_desk_behind_a_proxy(f: &Fixture) -> (Background, Background, u16) {
    let (uas, expert) = sipp_uas(f, "expert", &["-sn", "uas"]);
    let uri = format!("sip:legal@127.0.0.1:{expert}");
    f.write(
        "guard.toml",
        &format!("trust = [\"trust\"]\n\n[[expert]]\nname = \"Legal desk\"\nuri = \"{uri}\"\nhazards = [\"legal\"]\n"),
    );
    let (p, pp) = proxy(f, &["--policy", "guard.toml"]);
    (uas, p, pp)
}

/// `escalate --via sip:HOST:PORT;transport=tcp`: the whole call (INVITE, ACK, BYE and their
/// responses) over one TCP connection to the proxy, which bridges it to a SIPp expert on UDP.
#[test]
fn escalation_over_tcp_reaches_the_expert_through_the_proxy() {
    let f = Fixture::new("sip-escalate-tcp");
    let (_uas, p, pp) = legal_desk_behind_a_proxy(&f);
    let new = ["new", "--key", "scanner.key", "--performative", "escalate", "--receiver", "if://agent/oversight"];
    let input = f.ok(MSG, &[&new[..], &["--hazard", "type=legal", "--trace-id", "00000000cafe"]].concat(), "").stdout;
    let via = format!("sip:127.0.0.1:{pp};transport=tcp");
    let args = ["escalate", "--key", "scanner.key", "--via", &via, "--experts", "guard.toml", "--hold-ms", "200"];
    let r = f.ok(SIP, &args, &input);
    let events: Vec<String> =
        r.json_lines().iter().filter_map(|m| m["content"]["event"].as_str().map(str::to_owned)).collect();
    assert_eq!(events, ["call.trying", "call.ringing", "call.answered", "call.ended"], "{r:?}\n{}", p.stderr());
    let contents = check_events(&f, &p.wait_lines(2, 10));
    let by_method =
        |m: &str| contents.iter().find(|c| c["method"] == m).unwrap_or_else(|| panic!("no {m}: {contents:?}"));
    for m in ["INVITE", "BYE"] {
        assert_eq!(
            (by_method(m)["status"].as_u64(), by_method(m)["source"]["transport"].as_str()),
            (Some(200), Some("tcp"))
        );
    }
    assert_eq!(by_method("INVITE")["target"]["transport"], "udp");
    // A local address is for UDP only.
    let refused = f.run(SIP, &[&args[..], &["--listen", "127.0.0.1:0"]].concat(), &input);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stderr.contains("--listen is for UDP"), "{refused:?}");
}

/// The caller scenario of the Kamailio chain, alone against a peer that sends the 180 after the
/// 200 OK and its ACK (the order Kamailio's workers produced under load): the call must still
/// complete. With the old `optional="global"` this call hung until SIPp's timeout.
#[test]
fn escalation_via_a_proxy_named_by_domain_resolves_it_by_naptr_and_srv_and_fails_over() {
    let f = Fixture::new("sip-escalate-dns");
    let (_uas, p, pp) = legal_desk_behind_a_proxy(&f);
    // The first SRV target refuses connections; the second is the proxy.
    let down = free_port();
    let (_dns, server) = two_target_domain(&f, "proxy.test", down, pp);
    let new = ["new", "--key", "scanner.key", "--performative", "escalate", "--receiver", "if://agent/oversight"];
    let input = f.ok(MSG, &[&new[..], &["--hazard", "type=legal", "--trace-id", "00000000d0e5"]].concat(), "").stdout;
    let args =
        ["escalate", "--key", "scanner.key", "--via", "sip:proxy.test", "--experts", "guard.toml", "--hold-ms", "200"];
    let r = f.ok(SIP, &[&args[..], &["--dns-server", &server]].concat(), &input);
    let events: Vec<String> =
        r.json_lines().iter().filter_map(|m| m["content"]["event"].as_str().map(str::to_owned)).collect();
    assert_eq!(events, ["call.trying", "call.ringing", "call.answered", "call.ended"], "{r:?}\n{}", p.stderr());
    assert!(r.stderr.contains(&format!("connect to 127.0.0.1:{down} over TCP")), "the first target tried: {r:?}");
    let contents = check_events(&f, &p.wait_lines(2, 10));
    let invite = contents.iter().find(|c| c["method"] == "INVITE").unwrap();
    assert_eq!((invite["status"].as_u64(), invite["source"]["transport"].as_str()), (Some(200), Some("tcp")));
    // A domain needs a DNS server to resolve it.
    let refused = f.run(SIP, &args, &input);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stderr.contains("needs --dns-server"), "{refused:?}");
}

#[test]
fn uac_rr_scenario_ignores_a_provisional_after_the_200() {
    let f = Fixture::new("sip-late-180");
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sipp/uac-rr.xml");
    std::fs::copy(data, f.path("uac-rr.xml")).unwrap();
    let peer = UdpSocket::bind("127.0.0.1:0").unwrap();
    peer.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let here = peer.local_addr().unwrap();
    let recv = |want: &str| -> (ifconnect::sip::SipMessage, SocketAddr) {
        let mut buf = [0u8; 65536];
        let (n, from) = peer.recv_from(&mut buf).unwrap_or_else(|e| panic!("no {want} from SIPp: {e}"));
        let m = parse(&buf[..n]).unwrap();
        assert!(m.to_string().starts_with(want), "expected {want}, got {m}");
        (m, from)
    };
    let reply = |req: &ifconnect::sip::SipMessage, status: &str, to_tag: bool| -> Vec<u8> {
        let h = |name: &str| req.header(name).unwrap_or_else(|| panic!("no {name} in {req}")).to_owned();
        let to = if to_tag { format!("{};tag=late180", h("To")) } else { h("To") };
        format!(
            "SIP/2.0 {status}\r\nVia: {}\r\nFrom: {}\r\nTo: {to}\r\nCall-ID: {}\r\nCSeq: {}\r\n\
             Contact: <sip:callee@{here}>\r\nContent-Length: 0\r\n\r\n",
            h("Via"),
            h("From"),
            h("Call-ID"),
            h("CSeq")
        )
        .into_bytes()
    };
    std::thread::scope(|s| {
        let caller = s.spawn(|| sipp(&f, "uac", &["-sf", "uac-rr.xml", &here.to_string(), "-m", "1"]));
        let (invite, sipp_addr) = recv("INVITE ");
        peer.send_to(&reply(&invite, "200 OK", true), sipp_addr).unwrap();
        recv("ACK ");
        peer.send_to(&reply(&invite, "180 Ringing", true), sipp_addr).unwrap();
        let (bye, _) = recv("BYE ");
        peer.send_to(&reply(&bye, "200 OK", false), sipp_addr).unwrap();
        let r = caller.join().unwrap();
        assert_eq!(r.code, 0, "the late 180 broke the call: {r:?}");
    });
}

fn register(pp: u16, local: u16, n: u32, contact: &str) -> String {
    format!(
        "REGISTER sip:127.0.0.1:{pp} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bKreg{n}\r\n\
         From: <sip:flood@127.0.0.1>;tag=f\r\nTo: <sip:flood@127.0.0.1>\r\nCall-ID: flood-{n}\r\nCSeq: {n} REGISTER\r\n\
         Max-Forwards: 70\r\n{contact}Content-Length: 0\r\n\r\n"
    )
}

#[test]
fn one_address_of_record_holds_ten_bindings_and_its_200_ok_stays_small() {
    let f = Fixture::new("sip-max-contacts");
    let (p, pp) = proxy(&f, &[]);
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = sock.local_addr().unwrap().port();
    // The attack measured on the old main: a thousand bindings for one AOR made a 264-byte
    // REGISTER without Contact get a 42,730-byte 200 OK. Now the 11th binding gets 503.
    let mut statuses = Vec::new();
    for n in 1..=40 {
        let contact = format!("Contact: <sip:flood@10.1.{}.{}:5060>;expires=3600\r\n", n / 250, n % 250);
        let replies = transact(&sock, pp, register(pp, local, n, &contact).as_bytes());
        statuses.push(replies.last().and_then(|r| r.status()).unwrap_or(0));
    }
    assert_eq!(&statuses[..10], &[200; 10], "{statuses:?}");
    assert!(statuses[10..].iter().all(|s| *s == 503), "{statuses:?}\n{}", p.stderr());
    let query = register(pp, local, 41, "");
    sock.send_to(query.as_bytes(), ("127.0.0.1", pp)).unwrap();
    let mut buf = [0u8; 65536];
    let (n, _) = sock.recv_from(&mut buf).unwrap();
    let ok = parse(&buf[..n]).unwrap();
    assert_eq!(ok.status(), Some(200));
    assert_eq!(ok.header("Contact").unwrap().matches("sip:flood@").count(), 10);
    assert!(n < 1500, "a {n}-byte 200 OK for a {}-byte REGISTER", query.len());
}

#[test]
fn keep_alive_pings_get_pongs_and_an_endless_run_of_crlf_is_cut_off_in_linear_time() {
    use std::io::{Read, Write};
    let f = Fixture::new("sip-keepalive");
    let (p, pp) = proxy(&f, &[]);
    let mut tcp = std::net::TcpStream::connect(("127.0.0.1", pp)).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // RFC 5626 §4.4.1: CRLFCRLF is answered with CRLF, once per ping.
    tcp.write_all(b"\r\n\r\n\r\n\r\n").unwrap();
    let mut pong = [0u8; 4];
    tcp.read_exact(&mut pong).unwrap();
    assert_eq!(&pong, b"\r\n\r\n", "two pings, two pongs");
    // 25 MiB of CRLF cost 22 s of CPU on the old main (rescanned on every read) and was all
    // buffered; now the connection is closed once the run passes the message limit (64 KiB).
    let mut flood = std::net::TcpStream::connect(("127.0.0.1", pp)).unwrap();
    flood.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let run = b"\r\n".repeat(512 * 1024);
    let _ = flood.write_all(&run);
    let mut sink = Vec::new();
    let closed = flood.read_to_end(&mut sink);
    assert!(
        closed.is_ok() || closed.as_ref().is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset),
        "{closed:?}"
    );
    assert!(p.wait_stderr("keep-alive octets and no message; closing", 10).is_some(), "{}", p.stderr());
    // The first connection, and UDP, are still served.
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = sock.local_addr().unwrap().port();
    let req = format!("OPTIONS sip:nobody@127.0.0.1:{pp} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bKk1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:nobody@127.0.0.1>\r\nCall-ID: k1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(transact(&sock, pp, req.as_bytes()).last().and_then(|r| r.status()), Some(404));
    tcp.write_all(b"\r\n\r\n").unwrap();
    let mut pong = [0u8; 2];
    tcp.read_exact(&mut pong).unwrap();
    assert_eq!(&pong, b"\r\n");
}

#[test]
fn a_tcp_client_that_never_reads_is_disconnected_and_nobody_else_waits() {
    use std::io::{Read, Write};
    let f = Fixture::new("sip-slow-reader");
    let (p, pp) = proxy(&f, &[]);
    // A client with a 4 KB receive buffer pipelines OPTIONS and never reads the 404s; cut off,
    // it connects again, up to 50,000 requests on four connections. On the old main the proxy's
    // one loop blocked writing to it: UDP and new TCP clients got nothing for as long as it
    // stayed connected.
    let flood = std::thread::spawn(move || {
        let mut sent = 0;
        let mut last = None;
        for _ in 0..4 {
            let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
            socket.set_recv_buffer_size(4096).unwrap();
            socket.connect(&SocketAddr::from(([127, 0, 0, 1], pp)).into()).unwrap();
            let mut slow: std::net::TcpStream = socket.into();
            let local = slow.local_addr().unwrap().port();
            while sent < 50_000 {
                let req = format!("OPTIONS sip:nobody@127.0.0.1:{pp} SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:{local};branch=z9hG4bKslow{sent}\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:nobody@127.0.0.1>\r\nCall-ID: slow-{sent}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
                if slow.write_all(req.as_bytes()).is_err() {
                    break;
                }
                sent += 1;
            }
            // The last kept open, unread, as the attacker keeps it.
            last = Some(slow);
            if sent == 50_000 {
                break;
            }
        }
        (sent, last)
    });
    assert!(p.wait_stderr("the peer is not reading; disconnecting it", 30).is_some(), "{}", p.stderr());
    // Meanwhile UDP, and a new TCP client, are answered.
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = sock.local_addr().unwrap().port();
    let req = format!("OPTIONS sip:nobody@127.0.0.1:{pp} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bKudp1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:nobody@127.0.0.1>\r\nCall-ID: udp-1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(transact(&sock, pp, req.as_bytes()).last().and_then(|r| r.status()), Some(404), "{}", p.stderr());
    let mut fresh = std::net::TcpStream::connect(("127.0.0.1", pp)).unwrap();
    fresh.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let local = fresh.local_addr().unwrap().port();
    let req = format!("OPTIONS sip:nobody@127.0.0.1:{pp} SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:{local};branch=z9hG4bKtcp1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:nobody@127.0.0.1>\r\nCall-ID: tcp-1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    fresh.write_all(req.as_bytes()).unwrap();
    let mut got = Vec::new();
    let mut chunk = [0u8; 4096];
    while !got.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = fresh.read(&mut chunk).expect("an answer on a new TCP connection");
        assert!(n > 0, "closed");
        got.extend_from_slice(&chunk[..n]);
    }
    assert!(got.starts_with(b"SIP/2.0 404"), "{}", String::from_utf8_lossy(&got));
    let (_, slow) = flood.join().unwrap();
    drop(slow);
    // Answered faster than their events could be signed, the requests never cost the event
    // stream: on the first event-loop driver 50,000 of them overflowed its queue (exit 3).
    assert!(!p.stderr().contains("event stream lost"), "{}", p.stderr());
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = sock.local_addr().unwrap().port();
    let req = options(pp, "UDP", local, "after-flood");
    assert_eq!(transact(&sock, pp, req.as_bytes()).last().and_then(|r| r.status()), Some(404), "{}", p.stderr());
}

/// The threads of process `pid`, from /proc.
fn threads_of(pid: u32) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("Threads:")).unwrap();
    line["Threads:".len()..].trim().parse().unwrap()
}

/// Whether the proxy has closed `socket` (non-blocking read: end of stream or reset).
fn closed_by_peer(socket: &mut std::net::TcpStream) -> bool {
    use std::io::Read;
    socket.set_nonblocking(true).unwrap();
    let mut byte = [0u8; 1];
    !matches!(socket.read(&mut byte), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
}

#[test]
fn connections_cost_no_thread_and_running_out_of_descriptors_costs_connections_not_events() {
    use std::io::{Read, Write};
    let f = Fixture::new("sip-descriptors");
    let (_uas, uas) = sipp_uas(&f, "uas", &["-sn", "uas"]);
    // 256 descriptors, 64 of them kept back for all but connections: room for 192. On the old
    // main every connection cost two descriptors and a thread; out of descriptors, the proxy
    // exited (status 2) when its event signer next needed a file, losing the events.
    let (p, pp) = proxy_launched(&f, &["prlimit", "--nofile=256"], &[]);
    register_contact(&f, pp, "service", uas);
    let threads_idle = threads_of(p.pid());
    let mut held = Vec::new();
    for source in 2..=6u8 {
        for _ in 0..60 {
            let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
            socket.bind(&SocketAddr::from(([127, 0, 0, source], 0)).into()).unwrap();
            socket.connect(&SocketAddr::from(([127, 0, 0, 1], pp)).into()).unwrap();
            held.push(std::net::TcpStream::from(socket));
        }
    }
    // Every one is taken from the backlog and either kept or closed at once: 300 - 192 closed.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mut closed = 0;
    while std::time::Instant::now() < deadline {
        closed = held.iter_mut().map(closed_by_peer).filter(|c| *c).count();
        if closed == 300 - 192 && p.stderr().contains("connections, all the descriptors allow") {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(closed, 300 - 192, "{}", p.stderr());
    assert!(
        p.stderr().contains("at most 192 TCP and TLS connections: the process may open 256 descriptors"),
        "{}",
        p.stderr()
    );
    let threads = threads_of(p.pid());
    assert!(threads <= threads_idle + 1, "{threads} threads with 192 connections open, {threads_idle} idle");
    // Meanwhile calls over UDP complete, and their events are all signed and written.
    let target = format!("127.0.0.1:{pp}");
    let r = sipp(&f, "uac", &["-sn", "uac", &target, "-m", "10", "-r", "10"]);
    assert_eq!(r.code, 0, "SIPp reported failed calls: {r:?}\nproxy: {}", p.stderr());
    // A connection given back makes room for a new one, which is served.
    held.retain_mut(|s| !closed_by_peer(s));
    held.truncate(held.len() - 5);
    let mut fresh = None;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while fresh.is_none() && std::time::Instant::now() < deadline {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", pp)).unwrap();
        let local = s.local_addr().unwrap().port();
        s.write_all(options(pp, "TCP", local, "fresh1").as_bytes()).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut got = [0u8; 4096];
        // Closed (its place not given back yet): try again.
        if let Ok(n) = s.read(&mut got) {
            if n > 0 {
                fresh = Some(String::from_utf8_lossy(&got[..n]).into_owned());
            }
        }
    }
    let fresh = fresh.unwrap_or_else(|| panic!("no new TCP connection was served: {}", p.stderr()));
    assert!(fresh.starts_with("SIP/2.0 404"), "{fresh}");
    let events = p.wait_lines(22, 20);
    let contents = check_events(&f, &events);
    let invites = contents.iter().filter(|c| c["method"] == "INVITE" && c["status"] == 200).count();
    assert_eq!(invites, 10, "{events:?}");
    assert!(contents.iter().any(|c| c["method"] == "OPTIONS" && c["source"]["transport"] == "tcp"), "{events:?}");
    drop(held);
}

/// The users of the digest tests, in a credentials file only its owner may read.
fn credentials(f: &Fixture) {
    use std::os::unix::fs::PermissionsExt;
    f.write("users.toml", "[users.alice]\npassword = \"Circle Of Life\"\n\n[users.bob]\npassword = \"bob's secret\"\n");
    std::fs::set_permissions(f.path("users.toml"), std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// A SIPp scenario from tests/data/sipp with its placeholders replaced, written to the test dir.
fn scenario(f: &Fixture, name: &str, replace: &[(&str, &str)]) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sipp").join(name);
    let mut text = std::fs::read_to_string(path).unwrap();
    for (from, to) in replace {
        text = text.replace(from, to);
    }
    f.write(name, &text);
}

/// The `content.auth` of each event, as (method, status, result, user, reason).
fn auth_trail(contents: &[Value]) -> Vec<(String, u64, String, String, String)> {
    let s = |v: &Value| v.as_str().unwrap_or("").to_owned();
    contents
        .iter()
        .map(|c| {
            let a = &c["auth"];
            (s(&c["method"]), c["status"].as_u64().unwrap(), s(&a["result"]), s(&a["user"]), s(&a["reason"]))
        })
        .collect()
}

fn trail(rows: &[(&str, u64, &str, &str, &str)]) -> Vec<(String, u64, String, String, String)> {
    rows.iter().map(|(m, s, r, u, w)| (m.to_string(), *s, r.to_string(), u.to_string(), w.to_string())).collect()
}

/// SIPp (MD5: SIPp 3.6 knows no SHA-256 and reads only the first challenge, hence
/// `--digest-algorithm md5`) registers with a password, then calls through the proxy answering
/// its 407s; a wrong password and an unknown user get 403; a nonce used again with the next
/// nonce-count is accepted.
#[test]
fn digest_sipp_registers_and_calls_with_a_password_and_a_wrong_one_gets_403() {
    let f = Fixture::new("sip-digest-sipp");
    credentials(&f);
    let (_uas, uas) = sipp_uas(&f, "uas", &["-sn", "uas"]);
    let (p, pp) = proxy(&f, &["--credentials", "users.toml", "--realm", "ifconnect.test", "--digest-algorithm", "md5"]);
    let target = format!("127.0.0.1:{pp}");
    let contact = format!("sip:alice@127.0.0.1:{uas}");
    scenario(&f, "register-auth.xml", &[("CONTACT", &contact), ("FINAL", "200")]);
    let r = sipp(
        &f,
        "register",
        &["-sf", "register-auth.xml", &target, "-s", "alice", "-au", "alice", "-ap", "Circle Of Life", "-m", "1"],
    );
    assert_eq!(r.code, 0, "REGISTER with a password failed: {r:?}\n{}", p.stderr());
    scenario(&f, "uac-auth.xml", &[]);
    scenario(&f, "register-reuse-nonce.xml", &[]);
    // SIPp's digest `uri` is sip:remote_ip:remote_port unless told (it adds the `sip:`); the
    // proxy wants the Request-URI.
    let auth_uri = format!("alice@127.0.0.1:{pp}");
    let r = sipp(
        &f,
        "uac",
        &[
            "-sf",
            "uac-auth.xml",
            &target,
            "-s",
            "alice",
            "-au",
            "alice",
            "-ap",
            "Circle Of Life",
            "-auth_uri",
            &auth_uri,
            "-m",
            "5",
            "-r",
            "5",
        ],
    );
    assert_eq!(r.code, 0, "calls with a password failed: {r:?}\n{}", p.stderr());
    for (name, user, password) in [("wrong", "alice", "circle of life"), ("unknown", "carol", "Circle Of Life")] {
        scenario(&f, "register-auth.xml", &[("CONTACT", &contact), ("FINAL", "403")]);
        let r = sipp(
            &f,
            name,
            &["-sf", "register-auth.xml", &target, "-s", "alice", "-au", user, "-ap", password, "-m", "1"],
        );
        assert_eq!(r.code, 0, "{name}: expected 403: {r:?}\n{}", p.stderr());
    }
    let r = sipp(
        &f,
        "reuse",
        &[
            "-sf",
            "register-reuse-nonce.xml",
            &target,
            "-s",
            "alice",
            "-au",
            "alice",
            "-ap",
            "Circle Of Life",
            "-m",
            "1",
        ],
    );
    assert_eq!(r.code, 0, "a nonce used again with a higher count: {r:?}\n{}", p.stderr());
    let reused = f.read("reuse-messages.log");
    assert_eq!((reused.matches("nc=00000001").count(), reused.matches("nc=00000002").count()), (1, 1), "{reused}");
    let events = p.wait_lines(2 + 5 * 3 + 4 + 3, 10);
    let contents = check_events(&f, &events);
    let mut want =
        vec![("REGISTER", 401, "challenged", "", "no-credentials"), ("REGISTER", 200, "accepted", "alice", "")];
    // Calls finish out of order with -r 5; compare the calls' events as a multiset.
    let calls = &contents[2..17];
    let count = |m: &str, s: u64, r: &str| {
        calls
            .iter()
            .filter(|c| c["method"] == m && c["status"] == s && c["auth"]["result"].as_str().unwrap_or("") == r)
            .count()
    };
    assert_eq!(
        (count("INVITE", 407, "challenged"), count("INVITE", 200, "accepted"), count("BYE", 200, "")),
        (5, 5, 5),
        "{calls:?}"
    );
    assert!(calls
        .iter()
        .filter(|c| c["status"] == 200 && c["method"] == "INVITE")
        .all(|c| c["auth"]["user"] == "alice"));
    want.extend([
        ("REGISTER", 401, "challenged", "", "no-credentials"),
        ("REGISTER", 403, "refused", "alice", "wrong-password"),
        ("REGISTER", 401, "challenged", "", "no-credentials"),
        ("REGISTER", 403, "refused", "carol", "unknown-user"),
        ("REGISTER", 401, "challenged", "", "no-credentials"),
        ("REGISTER", 200, "accepted", "alice", ""),
        ("REGISTER", 200, "accepted", "alice", ""),
    ]);
    let mut got = auth_trail(&contents[..2]);
    got.extend(auth_trail(&contents[17..]));
    assert_eq!(got, trail(&want));
    // What the callee received carries no credentials of ours (RFC 3261 §22.3), and no event
    // carries a password or a response.
    let uas_saw = f.read("uas-messages.log");
    assert_eq!(uas_saw.matches("INVITE sip:alice@").count(), 5, "{uas_saw}");
    assert!(!uas_saw.contains("Proxy-Authorization"), "{uas_saw}");
    let sent = f.read("uac-messages.log");
    let responses: Vec<&str> = sent.split("response=\"").skip(1).filter_map(|r| r.split('"').next()).collect();
    assert_eq!(responses.len(), 5, "SIPp's five digest responses: {sent}");
    let all = events.join("\n");
    for secret in responses.iter().copied().chain(["Circle Of Life", "circle of life"]) {
        assert!(!all.contains(secret), "an event carries `{secret}`");
    }
}

/// A REGISTER from a client written here (so it can misbehave): SHA-256 is offered first and
/// accepted; the same credentials again are a replay and challenged anew; with a 1 s nonce
/// lifetime the nonce goes stale (`stale=true`), after which the new nonce works.
#[test]
fn digest_replayed_and_stale_nonces_are_challenged_again() {
    use ifconnect::sip::digest::{Algorithm, Challenge, Credentials};
    let f = Fixture::new("sip-digest-nonces");
    credentials(&f);
    let (p, pp) = proxy(&f, &["--credentials", "users.toml", "--nonce-lifetime", "1"]);
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = sock.local_addr().unwrap().port();
    let uri = format!("sip:127.0.0.1:{pp}");
    let mut n = 0;
    let mut register = |auth: Option<&Credentials>| {
        n += 1;
        let auth = auth.map(|a| format!("Authorization: {a}\r\n")).unwrap_or_default();
        let req = format!(
            "REGISTER {uri} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bKdn{n}\r\nFrom: <sip:bob@127.0.0.1>;tag=b\r\n\
             To: <sip:bob@127.0.0.1>\r\nCall-ID: nonces\r\nCSeq: {n} REGISTER\r\nContact: <sip:bob@127.0.0.1:{local}>\r\n\
             Max-Forwards: 70\r\n{auth}Content-Length: 0\r\n\r\n"
        );
        let replies = transact(&sock, pp, req.as_bytes());
        replies.last().cloned().unwrap_or_else(|| panic!("no answer to REGISTER {n}: {}", p.stderr()))
    };
    let offered = |m: &ifconnect::sip::SipMessage| -> Vec<Challenge> {
        m.headers.iter().filter(|h| h.name == "WWW-Authenticate").map(|h| Challenge::parse(&h.value).unwrap()).collect()
    };
    let first = register(None);
    assert_eq!(first.status(), Some(401));
    let challenges = offered(&first);
    assert_eq!(challenges.iter().map(|c| c.algorithm).collect::<Vec<_>>(), vec![Algorithm::Sha256, Algorithm::Md5]);
    assert_eq!(challenges[0].realm, "127.0.0.1", "the realm defaults to the listening address");
    let answer = |c: &Challenge, nc| Credentials::answer(c, "bob", "bob's secret", "REGISTER", &uri, "0a4f113b", nc);
    let good = answer(&challenges[0], 1);
    assert_eq!(register(Some(&good)).status(), Some(200));
    let replayed = register(Some(&good));
    assert_eq!(replayed.status(), Some(401), "{replayed}");
    assert!(offered(&replayed).iter().all(|c| !c.stale && c.nonce != challenges[0].nonce), "{replayed}");
    // Counting on with the first nonce until its second is up (bounded; polled, no fixed wait).
    let started = std::time::Instant::now();
    let mut nc = 1;
    let stale = loop {
        nc += 1;
        let r = register(Some(&answer(&challenges[0], nc)));
        match r.status() {
            Some(200) => assert!(started.elapsed() < Duration::from_secs(10), "the nonce never went stale"),
            Some(401) => break r,
            other => panic!("unexpected {other:?}: {r}"),
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let fresh = offered(&stale);
    assert!(fresh.iter().all(|c| c.stale), "{stale}");
    assert_eq!(register(Some(&answer(&fresh[1], 1))).status(), Some(200), "MD5 on the new nonce");
    let forged = Challenge { nonce: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into(), ..fresh[0].clone() };
    assert_eq!(register(Some(&answer(&forged, 1))).status(), Some(401));
    let events = p.wait_lines(n, 10);
    let got = auth_trail(&check_events(&f, &events));
    let mut want = vec![
        ("REGISTER", 401, "challenged", "", "no-credentials"),
        ("REGISTER", 200, "accepted", "bob", ""),
        ("REGISTER", 401, "challenged", "bob", "replay"),
    ];
    want.extend(std::iter::repeat_n(("REGISTER", 200, "accepted", "bob", ""), nc as usize - 2));
    want.extend([
        ("REGISTER", 401, "challenged", "bob", "stale"),
        ("REGISTER", 200, "accepted", "bob", ""),
        ("REGISTER", 401, "challenged", "bob", "bad-nonce"),
    ]);
    assert_eq!(got, trail(&want));
}

/// A port below 10,000 that is free for UDP and TCP now. sipsak 0.9.8 writes the port of its
/// target URI into a buffer one byte short for five digits (`sipsak.c`, `strlen(domainname)+6`),
/// so with an OS-chosen (five-digit) port its REGISTER would name another port than ours.
fn free_four_digit_port() -> u16 {
    let start = 2000 + (std::process::id() as u16 % 7000);
    (start..10_000)
        .chain(2000..start)
        .find(|&port| {
            UdpSocket::bind(("127.0.0.1", port)).is_ok() && std::net::TcpListener::bind(("127.0.0.1", port)).is_ok()
        })
        .expect("a free port below 10000")
}

/// A user agent nobody here wrote, Debian's sipsak, registers with a password (MD5, the one it
/// knows); with a wrong one it is refused.
#[test]
fn digest_sipsak_registers_with_a_password() {
    let f = Fixture::new("sip-digest-sipsak");
    credentials(&f);
    let port = free_four_digit_port().to_string();
    let listen = format!("127.0.0.1:{port}");
    let (p, pp) = proxy(&f, &["--credentials", "users.toml", "--digest-algorithm", "md5", "--listen", &listen]);
    assert_eq!(pp.to_string(), port);
    let target = format!("sip:alice@127.0.0.1:{pp}");
    let sipsak = |password: &str| {
        let args = ["-U", "-C", "sip:alice@127.0.0.1:5099", "-u", "alice", "-a", password, "-s", &target, "-i", "-v"];
        run("sipsak", &args, &f.dir, "")
    };
    let ok = sipsak("Circle Of Life");
    assert_eq!(ok.code, 0, "{ok:?}\n{}", p.stderr());
    assert!(ok.stdout.contains("usrloc tests completed successful"), "{ok:?}");
    let wrong = sipsak("Circle of Life");
    assert_eq!(wrong.code, 1, "{wrong:?}");
    assert!(wrong.stderr.contains("SIP/2.0 403 Forbidden"), "{wrong:?}");
    let events = p.wait_lines(4, 10);
    assert_eq!(
        auth_trail(&check_events(&f, &events)),
        trail(&[
            ("REGISTER", 401, "challenged", "", "no-credentials"),
            ("REGISTER", 200, "accepted", "alice", ""),
            ("REGISTER", 401, "challenged", "", "no-credentials"),
            ("REGISTER", 403, "refused", "alice", "wrong-password"),
        ])
    );
}

/// Agents prove themselves by X-IF-Signature: a signed INVITE to an expert is not challenged;
/// an unsigned one is (407), and with a password it still meets the signature gate.
#[test]
fn digest_signed_invites_are_not_challenged_and_people_answer_407() {
    use ifconnect::sip::digest::{Challenge, Credentials};
    let f = Fixture::new("sip-digest-signed");
    credentials(&f);
    let (_uas, expert) = sipp_uas(&f, "expert", &["-sn", "uas"]);
    f.write(
        "guard.toml",
        &format!("trust = [\"trust\"]\n\n[[expert]]\nname = \"Legal desk\"\nuri = \"sip:legal@127.0.0.1:{expert}\"\nhazards = [\"legal\"]\n"),
    );
    let (p, pp) = proxy(&f, &["--policy", "guard.toml", "--credentials", "users.toml"]);
    let key = SecretKey::load(&f.path("reviewer.key")).unwrap();
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = sock.local_addr().unwrap().port();
    let mut signed = invite(local, expert, 1, "legal", "clause 4.2");
    xif::sign(&mut signed, &key, ifconnect::time::now_millis());
    let replies = transact(&sock, pp, &signed.to_bytes());
    assert_eq!(replies.last().and_then(|r| r.status()), Some(200), "{replies:?}");
    let unsigned = invite(local, expert, 2, "legal", "clause 4.2");
    let replies = transact(&sock, pp, &unsigned.to_bytes());
    let challenge = replies.last().unwrap();
    assert_eq!(challenge.status(), Some(407), "{replies:?}");
    let offered = Challenge::parse(challenge.header("Proxy-Authenticate").unwrap()).unwrap();
    let uri = unsigned.uri().unwrap().to_owned();
    let creds = Credentials::answer(&offered, "alice", "Circle Of Life", "INVITE", &uri, "c", 1);
    let mut with_password = invite(local, expert, 3, "legal", "clause 4.2");
    with_password
        .headers
        .push(ifconnect::sip::message::Header { name: "Proxy-Authorization".into(), value: creds.to_string() });
    let replies = transact(&sock, pp, &with_password.to_bytes());
    let last = replies.last().unwrap();
    assert_eq!(last.status(), Some(403), "{replies:?}");
    assert!(last.header("Warning").unwrap().contains("signature gate: no X-IF-Signature header"), "{last}");
    let events = p.wait_lines(3, 10);
    let contents = check_events(&f, &events);
    assert_eq!(
        auth_trail(&contents),
        trail(&[
            ("INVITE", 200, "signed", "", ""),
            ("INVITE", 407, "challenged", "", "no-credentials"),
            ("INVITE", 403, "accepted", "alice", ""),
        ])
    );
    assert_eq!(contents[0]["signed_by"], "if://agent/reviewer");
}

#[test]
fn digest_credentials_others_may_read_are_refused_and_bad_ones_named_without_secrets() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new("sip-digest-file");
    let args = ["proxy", "--listen", "127.0.0.1:0", "--key", "scanner.key", "--credentials", "users.toml"];
    f.write("users.toml", "[users.alice]\npassword = \"Circle Of Life\"\n");
    std::fs::set_permissions(f.path("users.toml"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = f.run(SIP, &args, "");
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.stderr.trim(),
        "if-sip: error: users.toml: permissions 0644 are too open for a credentials file (others may read it); run `chmod 600 users.toml`"
    );
    f.write("users.toml", "[users.alice]\npasword = \"Circle Of Life\"\n");
    std::fs::set_permissions(f.path("users.toml"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let r = f.run(SIP, &args, "");
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.stderr.trim(),
        "if-sip: error: users.toml: user `alice`: unknown key `pasword` (expected password, ha1-md5 or ha1-sha256)"
    );
    let r = f.run(SIP, &["proxy", "--key", "scanner.key", "--realm", "x"], "");
    assert_eq!(r.code, 2, "--realm needs --credentials: {r:?}");
    assert!(r.stderr.contains("--credentials"), "{r:?}");
}

/// The digest row of `scripts/bench sip`, small: `uac-rr-auth.xml` answers 407s from if-sip
/// (`--credentials`) and from Kamailio's auth module (`kamailio/chain-auth.cfg`, one fixed
/// password), five calls each, none failed.
#[test]
fn digest_bench_calls_through_if_sip_and_through_kamailio_with_auth() {
    let f = Fixture::new("sip-digest-bench");
    credentials(&f);
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for s in ["uac-rr-auth.xml", "uas-rr.xml"] {
        std::fs::copy(data.join("sipp").join(s), f.path(s)).unwrap();
    }
    let (_uas, uas) = sipp_uas(&f, "uas", &["-sf", "uas-rr.xml"]);
    let route = format!("sip:127.0.0.1:{uas}");
    let (p, pp) = proxy(
        &f,
        &["--route", &route, "--credentials", "users.toml", "--realm", "ifconnect.test", "--digest-algorithm", "md5"],
    );
    let kam = free_port();
    let cfg = std::fs::read_to_string(data.join("kamailio/chain-auth.cfg"))
        .unwrap()
        .replace("KAM_PORT", &kam.to_string())
        .replace("IFSIP_PORT", &uas.to_string());
    f.write("kamailio.cfg", &cfg);
    let k = Background::spawn("kamailio", &["-f", "kamailio.cfg", "-DD", "-E", "-m", "64", "-M", "8"], &f.dir);
    wait_for_udp_bound(kam, 10);
    for (name, port) in [("if-sip", pp), ("kamailio", kam)] {
        let target = format!("127.0.0.1:{port}");
        let auth_uri = format!("service@127.0.0.1:{port}");
        let r = sipp(
            &f,
            name,
            &[
                "-sf",
                "uac-rr-auth.xml",
                &target,
                "-au",
                "alice",
                "-ap",
                "Circle Of Life",
                "-auth_uri",
                &auth_uri,
                "-m",
                "5",
                "-r",
                "5",
            ],
        );
        assert_eq!(
            r.code,
            0,
            "{name}: calls with digest failed: {r:?}\nkamailio: {}\nif-sip: {}",
            k.stderr(),
            p.stderr()
        );
        let sent = f.read(&format!("{name}-messages.log"));
        assert_eq!(sent.matches("SIP/2.0 407 ").count(), 5, "{name}: one challenge per call");
        assert_eq!(sent.matches("Proxy-Authorization: Digest").count(), 5, "{name}");
    }
    let events = p.wait_lines(15, 10);
    let contents = check_events(&f, &events);
    let count = |m: &str, s: u64| contents.iter().filter(|c| c["method"] == m && c["status"] == s).count();
    assert_eq!((count("INVITE", 407), count("INVITE", 200), count("BYE", 200)), (5, 5, 5), "{events:?}");
}

/// RFC 3263 against a real DNS server (dnsmasq, on a free port): `--route sip:expert.test`
/// resolves through NAPTR (SIP+D2T) and SRV to two TCP targets; the first (priority 10) is
/// down, so every call fails over to the second, a SIPp UAS, and each INVITE's record shows both
/// branches. A name the server cannot resolve gets 502 naming it and why.
/// dnsmasq on a free port with `domain` as NAPTR (`SIP+D2T`) to SRV `_sip._tcp.DOMAIN` with two
/// targets on 127.0.0.1: `first` (priority 10), then `second` (20). Returns it and its address.
fn two_target_domain(f: &Fixture, domain: &str, first: u16, second: u16) -> (Background, String) {
    let dns_port = free_port();
    let dnsmasq = if std::path::Path::new("/usr/sbin/dnsmasq").exists() { "/usr/sbin/dnsmasq" } else { "dnsmasq" };
    let records = [
        format!("--port={dns_port}"),
        format!("--srv-host=_sip._tcp.{domain},a.{domain},{first},10"),
        format!("--srv-host=_sip._tcp.{domain},b.{domain},{second},20"),
        format!("--host-record=a.{domain},127.0.0.1"),
        format!("--host-record=b.{domain},127.0.0.1"),
        format!("--naptr-record={domain},10,10,S,SIP+D2T,,_sip._tcp.{domain}"),
    ];
    let mut args = vec![
        "--keep-in-foreground",
        "--listen-address=127.0.0.1",
        "--bind-interfaces",
        "--no-resolv",
        "--no-hosts",
        "--user=root",
        "--log-facility=-",
    ];
    args.extend(records.iter().map(String::as_str));
    let dns = Background::spawn(dnsmasq, &args, &f.dir);
    wait_for_udp_bound(dns_port, 10);
    (dns, format!("127.0.0.1:{dns_port}"))
}

#[test]
fn next_hops_named_by_domain_resolve_by_naptr_and_srv_and_fail_over_to_the_next_target() {
    let f = Fixture::new("sip-dns");
    let (_uas, uas) = sipp_uas(&f, "uas", &["-sn", "uas", "-t", "t1"]);
    let down = free_port();
    let (_dns, server) = two_target_domain(&f, "expert.test", down, uas);
    let (p, pp) = proxy(&f, &["--route", "sip:expert.test", "--dns-server", &server]);
    let target = format!("127.0.0.1:{pp}");
    let r = sipp(&f, "uac", &["-sn", "uac", &target, "-m", "5", "-r", "5"]);
    assert_eq!(r.code, 0, "calls through the resolved route failed: {r:?}\nproxy: {}", p.stderr());
    let events = p.wait_lines(10, 10);
    let contents = check_events(&f, &events);
    let invites: Vec<&Value> = contents.iter().filter(|c| c["method"] == "INVITE").collect();
    assert_eq!(invites.len(), 5, "{events:?}");
    for invite in &invites {
        assert_eq!(invite["status"], 200, "{invite}");
        assert_eq!(invite["target"]["addr"], format!("127.0.0.1:{uas}"), "{invite}");
        assert_eq!(invite["target"]["transport"], "tcp", "{invite}");
        let branches = branch_statuses(invite);
        let tried: Vec<&str> =
            invite["branches"].as_array().unwrap().iter().map(|b| b["target"]["addr"].as_str().unwrap()).collect();
        assert_eq!(tried, [format!("127.0.0.1:{down}"), format!("127.0.0.1:{uas}")], "{invite}");
        assert_eq!(branches.iter().map(|b| b.1).collect::<Vec<_>>(), [503, 200], "{invite}");
    }
    // A domain the DNS server cannot resolve: 502, naming it and why.
    let (p2, pp2) = proxy(&f, &["--route", "sip:nowhere.test", "--dns-server", &server]);
    let target = format!("127.0.0.1:{pp2}");
    let r = sipp(&f, "uac-nowhere", &["-sn", "uac", &target, "-m", "1"]);
    assert_ne!(r.code, 0, "a call to an unresolvable route must fail");
    let events = p2.wait_lines(1, 10);
    let contents = check_events(&f, &events);
    assert_eq!(contents[0]["status"], 502, "{events:?}");
    let reason = contents[0]["reason"].as_str().unwrap();
    // dnsmasq, with no upstream, refuses names it does not hold (rcode 5).
    assert!(reason.starts_with("Bad Gateway (DNS: nowhere.test: ") && reason.contains("rcode 5"), "{reason}");
}

/// Starts `if-sip proxy` with TLS on a port the OS picks, serving the CA-signed certificate of
/// [`test_certificates`] and checking next hops against its CA; returns it with its UDP/TCP
/// port and its TLS port (both from the "listening on" line).
fn proxy_tls(f: &Fixture, extra: &[&str]) -> (Background, u16, u16) {
    let tls =
        ["--tls-listen", "127.0.0.1:0", "--tls-cert", "server.pem", "--tls-key", "server.key", "--tls-ca", "ca.pem"];
    let (p, pp) = proxy(f, &[&tls[..], extra].concat());
    let line = p.wait_stderr("listening on ", 1).unwrap();
    let tls: Option<SocketAddr> =
        line.split(") and ").nth(1).and_then(|r| r.split(' ').next()).and_then(|a| a.parse().ok());
    let tls = tls.unwrap_or_else(|| panic!("no TLS address in: {line}"));
    assert!(line.ends_with("(TLS)") && tls.port() != 0, "{line}");
    (p, pp, tls.port())
}

/// One SIP transaction over a TLS connection the test opens (its own client: rustls through
/// `ifconnect::sip::tls`, checking the proxy's certificate against the test CA): the request
/// goes out, the final response comes back.
fn tls_transact(f: &Fixture, port: u16, request: &str) -> ifconnect::sip::SipMessage {
    use std::io::{Read, Write};
    let config = ifconnect::sip::tls::client_config(&f.path("ca.pem")).unwrap();
    let socket = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let name = ifconnect::sip::tls::server_name(None, [127, 0, 0, 1].into());
    let mut tls = ifconnect::sip::tls::TlsStream::connect(socket, config, name, Duration::from_secs(20)).unwrap();
    tls.socket().set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    tls.write_all(request.as_bytes()).unwrap();
    let (mut got, mut chunk) = (Vec::new(), [0u8; 4096]);
    loop {
        while let Ok(Some(n)) = ifconnect::sip::frame(&got) {
            let m = parse(&got[..n]).unwrap();
            got.drain(..n);
            if m.status().is_some_and(|s| s >= 200) {
                return m;
            }
        }
        let n = tls.read(&mut chunk).expect("an answer over TLS");
        assert!(n > 0, "the proxy closed the TLS connection");
        got.extend_from_slice(&chunk[..n]);
    }
}

fn options(to_port: u16, transport: &str, local: u16, id: &str) -> String {
    format!(
        "OPTIONS sip:nobody@127.0.0.1:{to_port} SIP/2.0\r\nVia: SIP/2.0/{transport} 127.0.0.1:{local};branch=z9hG4bK{id}\r\n\
         From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:nobody@127.0.0.1>\r\nCall-ID: {id}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n\
         Content-Length: 0\r\n\r\n"
    )
}

/// Kamailio with its TLS module (`kamailio-tls-modules`) in front of and behind if-sip: SIPp
/// calls over UDP into Kamailio, which relays over TLS to if-sip, which relays over TLS back to
/// Kamailio (checking its certificate against the CA), which hands the call to a SIPp callee
/// over UDP. Every call is answered and hung up through the whole chain, if-sip's events name
/// TLS on both sides, and the callee sees if-sip's TLS Via and Record-Route.
#[test]
fn tls_kamailio_in_front_and_behind_carries_calls_through_if_sip() {
    let f = Fixture::new("sip-tls-kamailio");
    test_certificates(&f.dir);
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for s in ["uac-rr.xml", "uas-rr.xml"] {
        std::fs::copy(data.join("sipp").join(s), f.path(s)).unwrap();
    }
    let (_uas, uas) = sipp_uas(&f, "uas", &["-sf", "uas-rr.xml"]);
    let (kam, kam_tls) = (free_port(), free_port());
    let route = format!("sip:127.0.0.1:{kam_tls};transport=tls");
    let (p, _, ptls) = proxy_tls(&f, &["--route", &route]);
    f.write(
        "tls.cfg",
        &std::fs::read_to_string(data.join("kamailio/tls.cfg")).unwrap().replace("DIR", &f.dir.display().to_string()),
    );
    let cfg = std::fs::read_to_string(data.join("kamailio/tls-chain.cfg"))
        .unwrap()
        .replace("KAM_TLS_PORT", &kam_tls.to_string())
        .replace("KAM_PORT", &kam.to_string())
        .replace("IFSIP_TLS_PORT", &ptls.to_string())
        .replace("UAS_PORT", &uas.to_string())
        .replace("TLS_CFG", &f.path("tls.cfg").display().to_string());
    f.write("kamailio.cfg", &cfg);
    let k = Background::spawn("kamailio", &["-f", "kamailio.cfg", "-DD", "-E", "-m", "64", "-M", "8"], &f.dir);
    wait_for_udp_bound(kam, 10);
    wait_for_tcp_listening(kam_tls, 10);
    let target = format!("127.0.0.1:{kam}");
    let r = sipp(&f, "uac", &["-sf", "uac-rr.xml", &target, "-m", "10", "-r", "5"]);
    assert_eq!(
        r.code,
        0,
        "calls through Kamailio and if-sip over TLS failed: {r:?}\nkamailio: {}\nif-sip: {}",
        k.stderr(),
        p.stderr()
    );
    let events = p.wait_lines(20, 10);
    let contents = check_events(&f, &events);
    let calls: Vec<&Value> = contents.iter().filter(|c| c["method"] == "INVITE" && c["status"] == 200).collect();
    let byes = contents.iter().filter(|c| c["method"] == "BYE" && c["status"] == 200).count();
    assert_eq!((calls.len(), byes), (10, 10), "if-sip saw every INVITE and every BYE: {events:?}");
    for c in contents.iter().filter(|c| c["method"] == "INVITE" || c["method"] == "BYE") {
        assert_eq!(
            (c["source"]["transport"].as_str(), c["target"]["transport"].as_str()),
            (Some("tls"), Some("tls")),
            "{c}"
        );
        assert_eq!(c["target"]["addr"], format!("127.0.0.1:{kam_tls}"), "{c}");
    }
    // What reached the callee passed if-sip over TLS: its Via and its Record-Route say so.
    let seen = f.read("uas-messages.log");
    assert!(seen.contains(&format!("SIP/2.0/TLS 127.0.0.1:{ptls};branch=z9hG4bK")), "no TLS Via of if-sip in:\n{seen}");
    assert!(
        seen.contains(&format!("<sip:127.0.0.1:{ptls};transport=tls;lr>")),
        "no TLS Record-Route of if-sip in:\n{seen}"
    );
}

/// A next hop over TLS whose certificate the CA file does not vouch for (an `openssl s_server`
/// with a self-signed one), and one whose certificate is the CA's but not for the address it
/// was reached at: each request gets 503 and its event says why; nothing is sent to them.
#[test]
fn tls_next_hops_the_ca_does_not_vouch_for_are_refused_with_an_event_saying_so() {
    let f = Fixture::new("sip-tls-refused");
    test_certificates(&f.dir);
    // Each on a port the OS picks (on every address), read back from its `ACCEPT [::]:PORT`.
    let s_server = |cert: &str, key: &str| {
        let args = ["s_server", "-accept", "0", "-cert", cert, "-key", key];
        // Its stdin kept open: at the end of its stdin s_server ends its connection.
        let server = Background::spawn_open("openssl", &args, &f.dir);
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            let out = server.stdout();
            if let Some(port) = out.lines().find_map(|l| l.strip_prefix("ACCEPT ")).and_then(|a| a.rsplit(':').next()) {
                let port: u16 = port.trim().parse().unwrap_or_else(|_| panic!("openssl s_server said {out}"));
                return (server, port);
            }
            assert!(std::time::Instant::now() < deadline, "openssl s_server never listened: {}", server.stderr());
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let (_rogue, rogue) = s_server("rogue.pem", "rogue.key");
    let (_honest, honest) = s_server("server.pem", "server.key");
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = sock.local_addr().unwrap().port();
    for (hop, n, why) in [
        (format!("sips:127.0.0.1:{rogue}"), 1, "not vouched for by the CA file"),
        // The honest certificate names 127.0.0.1 and localhost, not 127.0.0.2.
        (format!("sip:127.0.0.2:{honest};transport=tls"), 2, "not valid for name"),
    ] {
        let (p, pp) = proxy(&f, &["--tls-ca", "ca.pem", "--route", &hop]);
        let answers = transact(&sock, pp, options(pp, "UDP", local, &format!("refused{n}")).as_bytes());
        let last = answers.last().unwrap();
        assert_eq!(last.status(), Some(503), "{answers:?}\n{}", p.stderr());
        let events = p.wait_lines(1, 10);
        let contents = check_events(&f, &events);
        let e = &contents[0];
        assert_eq!((e["method"].as_str(), e["status"].as_u64()), (Some("OPTIONS"), Some(503)), "{e}");
        let reason = e["reason"].as_str().unwrap();
        assert!(reason.contains("TLS") && reason.contains(why), "{hop}: {reason}");
        assert_eq!(e["target"]["transport"], "tls", "{e}");
        assert!(p.stderr().contains(why), "the log says it too: {}", p.stderr());
        // The next request to it (no new connection within 2 s, or a new one refused again)
        // is told the same.
        let answers = transact(&sock, pp, options(pp, "UDP", local, &format!("again{n}")).as_bytes());
        assert_eq!(answers.last().and_then(|r| r.status()), Some(503), "{answers:?}");
        let again = serde_json::from_str::<Value>(&p.wait_lines(2, 10)[1]).unwrap();
        assert!(again["content"]["reason"].as_str().unwrap().contains(why), "{again}");
    }
    // Without --tls-ca, a TLS next hop cannot be checked at all: 503 too, saying so.
    let (p, pp) = proxy(&f, &["--route", &format!("sips:127.0.0.1:{honest}")]);
    let answers = transact(&sock, pp, options(pp, "UDP", local, "refused3").as_bytes());
    assert_eq!(answers.last().and_then(|r| r.status()), Some(503), "{answers:?}");
    let contents = check_events(&f, &p.wait_lines(1, 10));
    assert!(contents[0]["reason"].as_str().unwrap().contains("no --tls-ca"), "{:?}", contents[0]);
}

/// Clients that open a TCP connection to the TLS port and never make the handshake (one silent,
/// one sending plain SIP) hold only their own connections: a UDP OPTIONS and a new TLS client
/// are answered while they hang on, the plain one is closed at once, and the silent one by the
/// handshake timeout.
#[test]
fn tls_clients_that_never_finish_the_handshake_hold_nothing_but_their_connection() {
    use std::io::{Read, Write};
    let f = Fixture::new("sip-tls-hostile");
    test_certificates(&f.dir);
    let (p, pp, ptls) = proxy_tls(&f, &[]);
    let mut silent = std::net::TcpStream::connect(("127.0.0.1", ptls)).unwrap();
    let mut plain = std::net::TcpStream::connect(("127.0.0.1", ptls)).unwrap();
    let local = plain.local_addr().unwrap().port();
    plain.write_all(options(ptls, "TCP", local, "plain1").as_bytes()).unwrap();
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = sock.local_addr().unwrap().port();
    let answers = transact(&sock, pp, options(pp, "UDP", local, "udp1").as_bytes());
    assert_eq!(answers.last().and_then(|r| r.status()), Some(404), "{answers:?}\n{}", p.stderr());
    let over_tls = tls_transact(&f, ptls, &options(ptls, "TLS", 5061, "tls1"));
    assert_eq!(over_tls.status(), Some(404), "{over_tls:?}");
    assert!(
        !p.stderr().contains("handshake not finished"),
        "the silent client still hung on when both were answered: {}",
        p.stderr()
    );
    // Plain SIP on the TLS port is no handshake: closed, the log says why.
    plain.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut sink = Vec::new();
    let end = plain.read_to_end(&mut sink);
    assert!(end.is_ok() || end.as_ref().is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset), "{end:?}");
    assert!(!String::from_utf8_lossy(&sink).contains("SIP/2.0"), "no SIP answer over plain TCP on the TLS port");
    // The silent one is closed by the handshake timeout (5 s), and the log says so.
    silent.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let end = silent.read_to_end(&mut sink);
    assert!(end.is_ok() || end.as_ref().is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset), "{end:?}");
    assert!(p.wait_stderr("handshake not finished within 5 s", 10).is_some(), "{}", p.stderr());
}

/// `escalate --via sips:127.0.0.1:PORT --tls-ca ca.pem`: the whole call over one TLS connection
/// to the proxy (checked against the CA), which bridges it to a SIPp expert on UDP.
#[test]
fn escalation_over_tls_reaches_the_expert_through_the_proxy() {
    let f = Fixture::new("sip-escalate-tls");
    test_certificates(&f.dir);
    let (_uas, expert) = sipp_uas(&f, "expert", &["-sn", "uas"]);
    let uri = format!("sip:legal@127.0.0.1:{expert}");
    f.write(
        "guard.toml",
        &format!("trust = [\"trust\"]\n\n[[expert]]\nname = \"Legal desk\"\nuri = \"{uri}\"\nhazards = [\"legal\"]\n"),
    );
    let (p, _, ptls) = proxy_tls(&f, &["--policy", "guard.toml"]);
    let new = ["new", "--key", "scanner.key", "--performative", "escalate", "--receiver", "if://agent/oversight"];
    let input = f.ok(MSG, &[&new[..], &["--hazard", "type=legal", "--trace-id", "00000000cafe"]].concat(), "").stdout;
    let via = format!("sips:127.0.0.1:{ptls}");
    let args = ["escalate", "--key", "scanner.key", "--via", &via, "--experts", "guard.toml", "--hold-ms", "200"];
    let r = f.ok(SIP, &[&args[..], &["--tls-ca", "ca.pem"]].concat(), &input);
    let events: Vec<String> =
        r.json_lines().iter().filter_map(|m| m["content"]["event"].as_str().map(str::to_owned)).collect();
    assert_eq!(events, ["call.trying", "call.ringing", "call.answered", "call.ended"], "{r:?}\n{}", p.stderr());
    let contents = check_events(&f, &p.wait_lines(2, 10));
    for m in ["INVITE", "BYE"] {
        let c = contents.iter().find(|c| c["method"] == m).unwrap_or_else(|| panic!("no {m}: {contents:?}"));
        assert_eq!((c["status"].as_u64(), c["source"]["transport"].as_str()), (Some(200), Some("tls")), "{c}");
    }
    // A proxy whose certificate the CA file does not vouch for is not called at all.
    f.write("other-ca.pem", &f.read("rogue.pem"));
    let refused = f.run(SIP, &[&args[..], &["--tls-ca", "other-ca.pem"]].concat(), &input);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stderr.contains("not vouched for by the CA file"), "{refused:?}");
    // And a TLS --via without a CA file is a usage error.
    let refused = f.run(SIP, &args, &input);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stderr.contains("--tls-ca"), "{refused:?}");
}

/// baresip, a phone nobody here wrote, registers over TLS (a `;transport=tls` account, checking
/// if-sip's certificate against the CA, with a certificate of its own from it) and is called
/// through if-sip: SIPp calls over UDP, if-sip reaches baresip's registered contact over TLS
/// (checking its certificate in turn), baresip answers, SIPp hangs up.
#[test]
fn tls_baresip_registers_over_tls_and_is_called_through_if_sip() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new("sip-tls-baresip");
    test_certificates(&f.dir);
    let (p, pp, ptls) = proxy_tls(&f, &[]);
    // baresip takes its certificate and key from one PEM file.
    f.write("phone.pem", &(f.read("server.pem") + &f.read("server.key")));
    std::fs::set_permissions(f.path("phone.pem"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let account = format!("<sip:alice@127.0.0.1:{ptls};transport=tls>;regint=600;answermode=auto;audio_codecs=PCMU");
    let tls =
        format!("sip_certificate\t\t{}\nsip_cafile\t\t{}\n", f.path("phone.pem").display(), f.path("ca.pem").display());
    let _phone = crate::gw::Phone::with_config(&f.path("alice"), &account, &tls);
    let registered = p.wait_lines(1, 20);
    let first = registered.first().unwrap_or_else(|| panic!("baresip never registered: {}", p.stderr()));
    let register = &serde_json::from_str::<Value>(first).unwrap()["content"];
    assert_eq!((register["method"].as_str(), register["status"].as_u64()), (Some("REGISTER"), Some(200)), "{register}");
    assert_eq!(register["source"]["transport"], "tls", "{register}");
    assert_eq!(register["request_uri"], format!("sip:127.0.0.1:{ptls};transport=tls"));
    let target = format!("127.0.0.1:{pp}");
    let r = sipp(&f, "uac", &["-sn", "uac", "-s", "alice", &target, "-m", "3", "-r", "3"]);
    assert_eq!(r.code, 0, "calls to baresip over TLS failed: {r:?}\nif-sip: {}", p.stderr());
    let events = p.wait_lines(1 + 6, 20);
    let contents = check_events(&f, &events);
    let answered: Vec<&Value> = contents.iter().filter(|c| c["method"] == "INVITE" && c["status"] == 200).collect();
    let byes: Vec<&Value> = contents.iter().filter(|c| c["method"] == "BYE" && c["status"] == 200).collect();
    assert_eq!((answered.len(), byes.len()), (3, 3), "{events:?}");
    for c in answered.iter().chain(&byes) {
        assert_eq!(
            (c["source"]["transport"].as_str(), c["target"]["transport"].as_str()),
            (Some("udp"), Some("tls")),
            "{c}"
        );
        let to: SocketAddr = c["target"]["addr"].as_str().unwrap().parse().unwrap();
        assert!(to.ip().is_loopback() && to.port() != ptls && to.port() != pp, "baresip's own TLS port: {c}");
    }
}

/// A TLS key others may read is refused as every key is; a certificate with another's key, a
/// file without a certificate, and options missing their partners are named on one line.
#[test]
fn tls_keys_others_may_read_and_mismatched_files_are_refused_naming_them() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new("sip-tls-files");
    test_certificates(&f.dir);
    let tls = |cert: &str, key: &str| {
        let args = ["proxy", "--listen", "127.0.0.1:0", "--key", "scanner.key", "--tls-listen", "127.0.0.1:0"];
        f.run(SIP, &[&args[..], &["--tls-cert", cert, "--tls-key", key]].concat(), "")
    };
    std::fs::set_permissions(f.path("server.key"), std::fs::Permissions::from_mode(0o640)).unwrap();
    let r = tls("server.pem", "server.key");
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.stderr.trim(),
        "if-sip: error: server.key: permissions 0640 are too open for a TLS private key (others may read it); run `chmod 600 server.key`"
    );
    std::fs::set_permissions(f.path("server.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let r = tls("rogue.pem", "server.key");
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--tls-cert rogue.pem and --tls-key server.key do not go together"), "{r:?}");
    assert!(!r.stderr.contains("BEGIN"), "no key material in errors: {r:?}");
    let r = tls("server.key", "server.key");
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("server.key: no CERTIFICATE in it"), "{r:?}");
    let r = f.run(SIP, &["proxy", "--key", "scanner.key", "--tls-listen", "127.0.0.1:0"], "");
    assert_eq!(r.code, 2, "--tls-listen needs --tls-cert and --tls-key: {r:?}");
    assert!(r.stderr.contains("--tls-cert") && r.stderr.contains("--tls-key"), "{r:?}");
    let r = f.run(SIP, &["proxy", "--key", "scanner.key", "--tls-cert", "server.pem"], "");
    assert_eq!(r.code, 2, "--tls-cert needs --tls-listen: {r:?}");
    assert!(r.stderr.contains("--tls-listen"), "{r:?}");
}
