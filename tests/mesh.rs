//! `if-mesh` on real sockets: the signal server, Rust agents, and an aiortc agent
//! (`scripts/mesh_peer.py`: aiortc for WebRTC, websockets for the signaling, neither written
//! here) in one room; signed messages both ways, forged and replayed ones dropped by every
//! member, a killed agent seen gone and back, every event stream into a witness log that verifies.

use crate::common::*;
use serde_json::Value;
use std::ffi::OsStr;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

const MESH: &str = env!("CARGO_BIN_EXE_if-mesh");

/// The fixture's keys plus the signal server's and the mesh agents', all in `trust`.
fn mesh_fixture(name: &str, agents: &[&str]) -> Fixture {
    let f = Fixture::new(name);
    let mut trust = f.read("trust");
    for agent in ["signal"].iter().chain(agents) {
        trust += &keygen(&f.dir, &format!("if://agent/{agent}"), &format!("{agent}.key"));
    }
    f.write("trust", &trust);
    f
}

/// `if-mesh signal` on a port the OS picks, read from its "listening on ADDR" line.
pub(crate) fn signal_server(f: &Fixture) -> (Background, SocketAddr) {
    signal_server_on(f, "127.0.0.1:0")
}

fn signal_server_on(f: &Fixture, listen: &str) -> (Background, SocketAddr) {
    let server =
        Background::spawn(MESH, &["signal", "--listen", listen, "--key", "signal.key", "--trust", "trust"], &f.dir);
    let line =
        server.wait_stderr("listening on ", 20).unwrap_or_else(|| panic!("no listening line: {}", server.stderr()));
    let addr = line.rsplit(' ').next().unwrap().parse().unwrap();
    (server, addr)
}

fn url(addr: SocketAddr) -> String {
    format!("ws://{addr}/ws")
}

fn rust_agent(f: &Fixture, name: &str, addr: SocketAddr) -> Background {
    rust_agent_with(f, name, addr, &[])
}

/// A Rust agent in room `council` with `extra` options, its view of the mesh every second.
pub(crate) fn rust_agent_with(f: &Fixture, name: &str, addr: SocketAddr, extra: &[&str]) -> Background {
    rust_agent_launched(f, &[], name, addr, extra)
}

/// [`rust_agent_with`], started by `launcher` (a program and its arguments) when not empty.
fn rust_agent_launched(f: &Fixture, launcher: &[&str], name: &str, addr: SocketAddr, extra: &[&str]) -> Background {
    let key = format!("{name}.key");
    let url = url(addr);
    let mut args: Vec<&str> = launcher.iter().skip(1).copied().collect();
    if !launcher.is_empty() {
        args.push(MESH);
    }
    args.extend([
        "join",
        "--signal",
        &url,
        "--room",
        "council",
        "--key",
        &key,
        "--trust",
        "trust",
        "--view-every",
        "1",
    ]);
    args.extend_from_slice(extra);
    args.push("--leave-on-eof");
    Background::spawn_open(launcher.first().copied().unwrap_or(MESH), &args, &f.dir)
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines().filter(|l| !l.is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

pub(crate) fn event_name(v: &Value) -> &str {
    v["content"]["event"].as_str().unwrap_or("")
}

/// Waits (at most `secs`) until `bg`'s stdout has `n` lines matching `pred`; returns them.
pub(crate) fn wait_for(bg: &Background, what: &str, n: usize, secs: u64, pred: impl Fn(&Value) -> bool) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let found: Vec<Value> = json_lines(&bg.stdout()).into_iter().filter(|v| pred(v)).collect();
        if found.len() >= n {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: {} of {n} after {secs} s\nstdout:\n{}\nstderr:\n{}",
            found.len(),
            bg.stdout(),
            bg.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub(crate) fn opened(bg: &Background, peer: &str, n: usize) -> Vec<Value> {
    let peer = format!("if://agent/{peer}");
    wait_for(bg, &format!("channel to {peer}"), n, 30, |v| {
        event_name(v) == "mesh.peer.open" && v["content"]["peer"] == peer.as_str()
    })
}

/// The aiortc agent `name`, joined with a join message signed by `if-msg`.
fn aiortc_agent(f: &Fixture, name: &str, addr: SocketAddr) -> JsonPeer {
    let join = f.ok(
        MSG,
        &[
            "new",
            "--key",
            &format!("{name}.key"),
            "--performative",
            "request",
            "--receiver",
            "if://agent/mesh-signal",
            "--content",
            r#"{"mesh":"join","room":"council"}"#,
        ],
        "",
    );
    f.write(&format!("{name}-join.json"), &join.stdout);
    let join_path = f.path(&format!("{name}-join.json"));
    let trust = f.path("trust");
    let url = url(addr);
    let args: [&OsStr; 6] = [
        "--signal".as_ref(),
        url.as_ref(),
        "--join".as_ref(),
        join_path.as_os_str(),
        "--trust".as_ref(),
        trust.as_os_str(),
    ];
    JsonPeer::start("mesh_peer.py", &args, 30).0
}

/// The aiortc agent's next line satisfying `pred`, skipping others (kept in `seen`).
fn peer_wait(peer: &mut JsonPeer, what: &str, seen: &mut Vec<Value>, pred: impl Fn(&Value) -> bool) -> Value {
    if let Some(i) = seen.iter().position(&pred) {
        return seen.remove(i);
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Some(v) = peer.next(Duration::from_millis(200)) {
            if pred(&v) {
                return v;
            }
            seen.push(v);
        }
    }
    panic!("aiortc agent: no {what} in 30 s; saw {seen:?}");
}

fn message(f: &Fixture, key: &str, receiver: &str, content: &str) -> String {
    let args = ["new", "--key", key, "--performative", "inform", "--receiver", receiver, "--content", content];
    f.ok(MSG, &args, "").stdout.trim().to_owned()
}

/// The messages (not events) an agent wrote: what it received and verified.
pub(crate) fn received(bg: &Background) -> Vec<Value> {
    json_lines(&bg.stdout()).into_iter().filter(|v| event_name(v).is_empty()).collect()
}

fn dropped_reasons(bg: &Background) -> Vec<String> {
    json_lines(&bg.stdout())
        .into_iter()
        .filter(|v| event_name(v) == "mesh.message.dropped")
        .map(|v| v["content"]["reason"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn rust_and_aiortc_agents_exchange_signed_messages_and_drop_forged_and_replayed_ones() {
    // alpha < bravo < carol: alpha offers to both, the aiortc agent (bravo) answers alpha and
    // offers to carol, so aiortc is seen in both roles.
    let f = mesh_fixture("mesh-exchange", &["alpha", "bravo", "carol"]);
    let (server, addr) = signal_server(&f);
    let mut alpha = rust_agent(&f, "alpha", addr);
    welcomed(&alpha);
    let mut carol = rust_agent(&f, "carol", addr);
    opened(&alpha, "carol", 1);
    let mut bravo = aiortc_agent(&f, "bravo", addr);
    let mut seen = Vec::new();
    for peer in ["if://agent/alpha", "if://agent/carol"] {
        peer_wait(&mut bravo, &format!("open {peer}"), &mut seen, |v| v["open"] == peer);
    }
    opened(&alpha, "bravo", 1);
    opened(&carol, "bravo", 1);
    opened(&carol, "alpha", 1);

    // Rust to everyone; Rust to one (the aiortc agent); one of over 64 KiB in 16 KiB parts.
    let to_all = message(&f, "alpha.key", "if://agent/mesh", r#"{"say":"hello mesh"}"#);
    alpha.write_line(&to_all);
    let to_bravo = message(&f, "carol.key", "if://agent/bravo", r#"{"say":"only bravo"}"#);
    carol.write_line(&to_bravo);
    let big_text = "x".repeat(100_000);
    let big = message(&f, "alpha.key", "if://agent/mesh", &format!(r#"{{"big":"{big_text}"}}"#));
    alpha.write_line(&big);
    let on_carol = wait_for(&carol, "alpha's two messages", 2, 30, |v| v["sender"] == "if://agent/alpha");
    assert_eq!(on_carol[0], serde_json::from_str::<Value>(&to_all).unwrap(), "written unchanged");
    assert_eq!(on_carol[1]["content"]["big"].as_str().map(str::len), Some(100_000));
    let got = peer_wait(&mut bravo, "hello", &mut seen, |v| v["received"]["content"]["say"] == "hello mesh");
    assert_eq!(got["from"], "if://agent/alpha");
    peer_wait(&mut bravo, "only bravo", &mut seen, |v| v["received"]["content"]["say"] == "only bravo");
    let got = peer_wait(&mut bravo, "the big one", &mut seen, |v| v["received"]["content"]["big"].is_string());
    assert_eq!(got["received"]["content"]["big"].as_str().unwrap(), big_text);

    // From aiortc: a signed message, the same altered (forged), the same again (replayed), and
    // alpha's message sent on by bravo to carol (a replay of someone else's message).
    let from_bravo = message(&f, "bravo.key", "if://agent/mesh", r#"{"say":"from aiortc"}"#);
    let forged = from_bravo.replace("from aiortc", "from mallory");
    for line in [&from_bravo, &forged, &from_bravo] {
        bravo.send(&serde_json::json!({ "send": line }));
    }
    bravo.send(&serde_json::json!({ "send": to_all, "to": ["if://agent/carol"] }));
    for (agent, drops) in [(&alpha, 2), (&carol, 3)] {
        wait_for(agent, "bravo's message", 1, 30, |v| v["content"]["say"] == "from aiortc");
        wait_for(agent, "the drops", drops, 30, |v| event_name(v) == "mesh.message.dropped");
        let reasons = dropped_reasons(agent);
        assert!(reasons[0].contains("signature does not verify"), "{reasons:?}");
        assert!(reasons[1].contains("replayed nonce"), "{reasons:?}");
        assert_eq!(received(agent).iter().filter(|m| m["content"]["say"] == "from aiortc").count(), 1);
    }
    assert!(dropped_reasons(&carol)[2].contains("replayed nonce"), "{:?}", dropped_reasons(&carol));
    // carol's message to bravo went to bravo only.
    assert!(received(&alpha).iter().all(|m| m["content"]["say"] != "only bravo"));

    // A forged line on a Rust agent's stdin is not sent (stdin:N: named on stderr).
    alpha.write_line(&to_all.replace("hello mesh", "hello forged"));
    let line = alpha.wait_stderr("stdin:3: not sent (signature-verification-failed)", 20);
    assert!(line.is_some(), "{}", alpha.stderr());

    // Everything on the record: the server's log, and each Rust agent's (its events and the
    // messages it received) append to witness logs that verify; each open follows its SDP.
    alpha.close_stdin();
    carol.close_stdin();
    let (alpha_code, alpha_out, alpha_err) = alpha.finish(20);
    let (carol_code, carol_out, carol_err) = carol.finish(20);
    assert_eq!(alpha_code, Some(1), "the forged line was rejected: {alpha_err}");
    assert_eq!(carol_code, Some(0), "{carol_err}");
    let server_out = server.stdout();
    let records = json_lines(&server_out);
    let names: Vec<&str> = records.iter().map(event_name).collect();
    assert_eq!(names.iter().filter(|n| **n == "mesh.joined").count(), 3, "{names:?}");
    assert!(names.contains(&"mesh.left"), "{names:?}");
    for (agent_out, me) in [(&alpha_out, "if://agent/alpha"), (&carol_out, "if://agent/carol")] {
        let events = json_lines(agent_out);
        for (i, open) in events.iter().enumerate().filter(|(_, v)| event_name(v) == "mesh.peer.open") {
            let peer = open["content"]["peer"].as_str().unwrap();
            let sdp_before = events[..i].iter().any(|v| event_name(v) == "mesh.sdp" && v["content"]["peer"] == peer);
            assert!(sdp_before, "{me}: open of {peer} before any SDP of it");
            // The server relayed (and recorded) the offer between the two before they connected.
            let (offerer, answerer) = if me < peer { (me, peer) } else { (peer, me) };
            let offer = records
                .iter()
                .find(|r| {
                    event_name(r) == "mesh.signal"
                        && r["content"]["kind"] == "offer"
                        && r["content"]["from"] == offerer
                        && r["content"]["to"] == answerer
                })
                .unwrap_or_else(|| panic!("no offer {offerer} -> {answerer} on the server's record"));
            assert!(offer["timestamp"].as_str() <= open["timestamp"].as_str(), "{offer} after {open}");
            assert!(offer["content"]["sdp"].as_str().unwrap().starts_with("v=0"), "the SDP in full");
        }
    }
    f.witness_log_verifies("signal.log", &server_out);
    f.witness_log_verifies("alpha.log", &alpha_out);
    f.witness_log_verifies("carol.log", &carol_out);
}

fn welcomed(agent: &Background) {
    wait_for(agent, "welcome", 1, 20, |v| event_name(v) == "mesh.welcome");
}

#[test]
fn a_killed_agent_is_reported_gone_within_5_s_and_is_back_when_restarted() {
    let f = mesh_fixture("mesh-kill", &["alpha", "bravo", "carol"]);
    let (_server, addr) = signal_server(&f);
    let alpha = rust_agent(&f, "alpha", addr);
    let bravo = rust_agent(&f, "bravo", addr);
    let mut carol = rust_agent(&f, "carol", addr);
    for (agent, peers) in [(&alpha, ["bravo", "carol"]), (&bravo, ["alpha", "carol"])] {
        for peer in peers {
            opened(agent, peer, 1);
        }
    }
    opened(&carol, "alpha", 1);
    carol.kill();
    let killed = Instant::now();
    for agent in [&alpha, &bravo] {
        let gone = wait_for(agent, "carol gone", 1, 5, |v| {
            event_name(v) == "mesh.peer.gone" && v["content"]["peer"] == "if://agent/carol"
        });
        assert!(gone[0]["content"]["reason"].as_str().unwrap().contains("left the room"), "{gone:?}");
    }
    assert!(killed.elapsed() < Duration::from_secs(5));
    // Restarted with the same key, carol is back: new channels both ways, and messages flow.
    let mut carol = rust_agent(&f, "carol", addr);
    opened(&alpha, "carol", 2);
    opened(&bravo, "carol", 2);
    opened(&carol, "alpha", 1);
    opened(&carol, "bravo", 1);
    carol.write_line(&message(&f, "carol.key", "if://agent/mesh", r#"{"say":"back"}"#));
    for agent in [&alpha, &bravo] {
        wait_for(agent, "carol's message", 1, 30, |v| v["content"]["say"] == "back");
    }
}

#[test]
fn the_signal_server_refuses_untrusted_joins_with_a_reason_on_the_record() {
    let f = mesh_fixture("mesh-refuse", &["alpha"]);
    keygen(&f.dir, "if://agent/mallory", "mallory.key");
    let (server, addr) = signal_server(&f);
    let args = ["join", "--signal", &url(addr), "--room", "council", "--key", "mallory.key", "--trust", "trust"];
    let r = f.run(MESH, &args, "");
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("refused by the signal server: untrusted"), "{r:?}");
    let refused = wait_for(&server, "the refusal", 1, 10, |v| event_name(v) == "mesh.refused");
    assert_eq!(refused[0]["performative"], "refuse");
    assert_eq!(refused[0]["content"]["agent"], "if://agent/mallory");
    assert!(refused[0]["content"]["reason"].as_str().unwrap().contains("untrusted"), "{refused:?}");
    // Not a WebSocket, or the wrong path: plain HTTP refusals.
    let plain = http_get(addr, "/ws");
    assert!(plain.starts_with("HTTP/1.1 400 ") && plain.contains("expected a WebSocket upgrade"), "{plain}");
    assert!(http_get(addr, "/nope").starts_with("HTTP/1.1 404 "));
}

fn http_get(addr: SocketAddr, path: &str) -> String {
    use std::io::{Read, Write};
    let mut conn = std::net::TcpStream::connect(addr).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(conn, "GET {path} HTTP/1.1\r\nHost: t\r\n\r\n").unwrap();
    let mut answer = String::new();
    conn.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn the_signal_server_whose_event_stream_dies_relays_nothing_more_and_exits_3() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let f = mesh_fixture("mesh-audit-loss", &["alpha"]);
    let mut server = scrub(Command::new(MESH).current_dir(&f.dir))
        .args(["signal", "--listen", "127.0.0.1:0", "--key", "signal.key", "--trust", "trust"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader of its events goes away before anything is recorded.
    drop(server.stdout.take());
    let mut stderr = BufReader::new(server.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr: SocketAddr = line.trim().rsplit(' ').next().unwrap().parse().unwrap_or_else(|_| panic!("{line}"));
    // A join's record cannot be written: the agent is never welcomed, and the server stops.
    // (A process another test forks may hold the pipe's read end until it execs: ask again.)
    let deadline = Instant::now() + Duration::from_secs(30);
    let code = loop {
        let args = ["join", "--signal", &url(addr), "--room", "council", "--key", "alpha.key", "--trust", "trust"];
        let agent = f.run(MESH, &args, "");
        assert!(agent.stdout.lines().all(|l| !l.contains("mesh.welcome")), "welcomed unrecorded: {agent:?}");
        if let Some(status) = server.try_wait().unwrap() {
            break status.code();
        }
        assert!(Instant::now() < deadline, "the server still runs: {agent:?}");
    };
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert_eq!(code, Some(3), "{rest}");
    assert!(rest.contains("event stream lost"), "{rest}");
}

/// Moves this test's thread (and so every process it starts from now on) into a network
/// namespace of its own holding only loopback. Headless Chromium connects from there: with no
/// other interface it gathers no candidate it cannot use and reaches the agents, which advertise
/// 127.0.0.1, as a peer-reflexive candidate (issue 12's measurements). Other tests' threads are
/// not touched: a namespace set by `unshare` is the calling thread's.
fn enter_loopback_only_network() {
    // SAFETY: unshare takes no pointers; it changes only the calling thread's namespaces.
    let r = unsafe { libc::unshare(libc::CLONE_NEWNET) };
    assert_eq!(r, 0, "unshare(CLONE_NEWNET): {} (the tests run as root)", std::io::Error::last_os_error());
    let up = std::process::Command::new("ip").args(["link", "set", "lo", "up"]).status().expect("ip (iproute2)");
    assert!(up.success(), "ip link set lo up: {up}");
}

/// `chromium --headless` at `url`, kept running (remote debugging keeps a headless browser
/// open) until dropped.
fn headless_chromium(f: &Fixture, url: &str) -> Background {
    let profile = f.path("chromium-profile");
    let profile = format!("--user-data-dir={}", profile.display());
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--no-first-run",
        "--allow-loopback-in-peer-connection",
        "--disable-features=WebRtcHideLocalIpsWithMdns",
        "--enable-logging=stderr",
        "--remote-debugging-port=0",
        &profile,
        url,
    ];
    Background::spawn("chromium", &args, &f.dir)
}

fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn a_browser_agent_in_headless_chromium_signs_verifies_and_drops_forged_replayed_and_untrusted_messages() {
    enter_loopback_only_network();
    // alpha < browser < mallory: the Rust agent offers to the browser, the browser offers to the
    // aiortc agent, so the page is seen in both roles.
    let f = mesh_fixture("mesh-browser", &["alpha", "browser", "mallory"]);
    keygen(&f.dir, "if://agent/stranger", "stranger.key");
    let (server, addr) = signal_server(&f);
    let mut alpha = rust_agent(&f, "alpha", addr);
    welcomed(&alpha);
    let mut mallory = aiortc_agent(&f, "mallory", addr);
    let mut seen = Vec::new();
    peer_wait(&mut mallory, "open alpha", &mut seen, |v| v["open"] == "if://agent/alpha");

    // The page the signal server serves, given its key in the URL's fragment (never sent to
    // the server), greeting every member with a message over 16 KiB (three parts) and
    // acknowledging every message it verifies.
    let key = f.read("browser.key");
    let seed = key.lines().find_map(|l| l.strip_prefix("secret-key: ")).expect("secret-key line").trim();
    let greeting = format!("hello from the browser {}", "b".repeat(40_000));
    let url = format!(
        "http://{addr}/#agent={}&secret={}&room=council&greet={}&ack=1",
        percent_encoded("if://agent/browser"),
        percent_encoded(seed),
        percent_encoded(&greeting)
    );
    let _chromium = headless_chromium(&f, &url);

    // Its greeting, signed in the browser by WebCrypto, verifies at the Rust agent (which writes
    // only what verifies) and at the aiortc agent (the project's second verifier).
    let got = wait_for(&alpha, "the browser's greeting", 1, 60, |v| v["sender"] == "if://agent/browser");
    assert_eq!(got[0]["content"]["text"].as_str(), Some(greeting.as_str()));
    assert_eq!(got[0]["provenance"]["version"], "ifconnect 0.1.0 (browser agent)");
    assert_eq!(got[0]["receiver"], "if://agent/alpha");
    let got = peer_wait(&mut mallory, "the browser's greeting", &mut seen, |v| {
        v["received"]["sender"] == "if://agent/browser"
    });
    assert_eq!(got["received"]["content"]["text"].as_str(), Some(greeting.as_str()));
    assert_eq!(got["from"], "if://agent/browser");

    // Rust to the browser, one message of 100 KB: verified, reassembled, acknowledged.
    let small = message(&f, "alpha.key", "if://agent/browser", r#"{"say":"hello browser"}"#);
    let big = message(&f, "alpha.key", "if://agent/browser", &format!(r#"{{"big":"{}"}}"#, "x".repeat(100_000)));
    for line in [&small, &big] {
        alpha.write_line(line);
    }
    let nonce_of = |line: &str| serde_json::from_str::<Value>(line).unwrap()["nonce"].as_str().unwrap().to_owned();
    let acks = wait_for(&alpha, "two acknowledgements", 2, 30, |v| v["content"]["acknowledged"].is_string());
    assert_eq!(acks[0]["content"]["acknowledged"].as_str(), Some(nonce_of(&small).as_str()), "{}", acks[0]);
    assert_eq!(acks[1]["content"]["acknowledged"].as_str(), Some(nonce_of(&big).as_str()), "{}", acks[1]);
    assert_eq!(acks[1]["content"]["bytes"].as_u64(), Some(big.len() as u64));

    // From aiortc: a good message, the same altered (forged), the same again (replayed), and
    // one signed by a key the trust file does not hold. The page acknowledges only the first and
    // says why it dropped each other one.
    let good = message(&f, "mallory.key", "if://agent/browser", r#"{"say":"from aiortc"}"#);
    let forged = good.replace("from aiortc", "from mallory");
    let untrusted = message(&f, "stranger.key", "if://agent/browser", r#"{"say":"from a stranger"}"#);
    for line in [&good, &forged, &good, &untrusted] {
        mallory.send(&serde_json::json!({ "send": line, "to": ["if://agent/browser"] }));
    }
    let ack = peer_wait(&mut mallory, "the acknowledgement", &mut seen, |v| {
        v["received"]["content"]["acknowledged"].is_string()
    });
    assert_eq!(ack["received"]["content"]["acknowledged"].as_str(), Some(nonce_of(&good).as_str()));
    let mut reasons = Vec::new();
    for n in 0..3 {
        let refusal = peer_wait(&mut mallory, &format!("refusal {n}"), &mut seen, |v| {
            v["received"]["performative"] == "refuse" && v["received"]["content"]["dropped"].is_string()
        });
        reasons.push(refusal["received"]["content"]["dropped"].as_str().unwrap().to_owned());
    }
    assert!(reasons[0].starts_with("forged"), "{reasons:?}");
    assert!(reasons[1].starts_with("replayed nonce"), "{reasons:?}");
    assert!(reasons[2].starts_with("untrusted"), "{reasons:?}");
    let acked = |v: &Value| v["received"]["content"]["acknowledged"].is_string();
    assert!(!seen.iter().any(acked), "only the good message is acknowledged: {seen:?}");

    // The Rust agent's view of the mesh: the browser and the aiortc agent open, on the host path
    // (no relay here), each with a round trip.
    let view = wait_for(&alpha, "a view of both", 1, 30, |v| {
        let members = v["content"]["members"].as_array();
        event_name(v) == "mesh.view" && members.is_some_and(|m| m.len() == 2 && m.iter().all(|m| m["rtt_us"].is_u64()))
    });
    for member in view[0]["content"]["members"].as_array().unwrap() {
        assert_eq!((member["state"].as_str(), member["path"].as_str()), (Some("open"), Some("host")), "{member}");
        assert!(member["bytes_received"].as_u64() > Some(0), "{member}");
    }

    // On the record: the browser joined by a signed message, its offer and answer in full went
    // through the signal server's log, and what the browser signed passes the schema and the
    // witness log's checks as every agent's messages do.
    alpha.close_stdin();
    let (code, alpha_out, alpha_err) = alpha.finish(20);
    assert_eq!(code, Some(0), "{alpha_err}");
    let records = json_lines(&server.stdout());
    let signal_of = |from: &str, to: &str, kind: &str| {
        records.iter().any(|r| {
            event_name(r) == "mesh.signal"
                && r["content"]["from"] == from
                && r["content"]["to"] == to
                && r["content"]["kind"] == kind
                && r["content"]["sdp"].as_str().is_some_and(|s| s.starts_with("v=0"))
        })
    };
    assert!(signal_of("if://agent/browser", "if://agent/mallory", "offer"), "the browser's offer");
    assert!(signal_of("if://agent/browser", "if://agent/alpha", "answer"), "the browser's answer");
    assert!(
        records.iter().any(|r| event_name(r) == "mesh.joined" && r["content"]["agent"] == "if://agent/browser"),
        "the browser's join"
    );
    let from_browser: Vec<String> = alpha_out
        .lines()
        .filter(|l| serde_json::from_str::<Value>(l).is_ok_and(|v| v["sender"] == "if://agent/browser"))
        .map(str::to_owned)
        .collect();
    assert_eq!(from_browser.len(), 3, "the greeting and two acknowledgements");
    schema_check(&(from_browser.join("\n") + "\n"));
    f.witness_log_verifies("alpha.log", &alpha_out);
}

/// coturn (Debian `coturn`, installed by scripts/setup) on loopback, one user `mesh`, on a port
/// the test picks free; ready once its UDP socket is bound. Loopback peers are allowed, which
/// coturn refuses by default.
fn turn_server(f: &Fixture) -> (Background, u16) {
    let port = free_port();
    (turn_server_on(f, port), port)
}

fn turn_server_on(f: &Fixture, port: u16) -> Background {
    let port_arg = format!("--listening-port={port}");
    let pid_arg = format!("--pidfile={}", f.path("turnserver.pid").display());
    let args = [
        "-n",
        "--listening-ip=127.0.0.1",
        "--relay-ip=127.0.0.1",
        &port_arg,
        "--allow-loopback-peers",
        "--lt-cred-mech",
        "--user=mesh:turn-s3cret",
        "--realm=ifconnect",
        "--no-tls",
        "--no-dtls",
        "--no-cli",
        "--log-file=stdout",
        "--simple-log",
        // Session lines (allocations, permissions, usage) are logged only when verbose.
        "--verbose",
        &pid_arg,
    ];
    let server = Background::spawn("turnserver", &args, &f.dir);
    wait_for_udp_bound(port, 20);
    server
}

/// Ends each agent's stdin (it leaves, with `--leave-on-eof`): each must exit 0, and its
/// stream must append to a witness log that verifies.
fn leave_and_verify<const N: usize>(f: &Fixture, mut agents: [(Background, &str); N]) {
    for (agent, _) in agents.iter_mut() {
        agent.close_stdin();
    }
    for (agent, name) in agents {
        let (code, out, err) = agent.finish(20);
        assert_eq!(code, Some(0), "{name}: {err}");
        f.witness_log_verifies(&format!("{name}.log"), &out);
    }
}

/// coturn as a STUN server only, on `ip` and a free port.
fn stun_server(f: &Fixture, ip: &str) -> (Background, u16) {
    let port = free_port();
    let args = [
        "-n",
        "--stun-only",
        &format!("--listening-ip={ip}"),
        &format!("--listening-port={port}"),
        "--no-tls",
        "--no-dtls",
        "--no-cli",
        "--log-file=stdout",
        "--simple-log",
        &format!("--pidfile={}", f.path("stunserver.pid").display()),
    ]
    .map(|a| a.to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let server = Background::spawn("turnserver", &args, &f.dir);
    wait_for_udp_bound(port, 20);
    (server, port)
}

/// Runs `program` with `args`, which must succeed.
fn must(program: &str, args: &[&str]) {
    let out = std::process::Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Two private networks, each behind a NAT of its own, and "the internet": this test thread's
/// namespace, a bridge 10.0.0.1/24 (a silent black hole for the private networks, as the
/// internet is for them). Side `i` (1, 2) is a network namespace (held by a sleeping process)
/// whose one host address, 10.0.`i`.2, is private: its packets leave through `wan0`
/// (10.0.0.`i+1`) masqueraded by nftables to ports 50000-50999 (endpoint-independent mapping,
/// as Linux's conntrack NAT gives), and unsolicited packets coming in are dropped, as a home
/// router does. Only server-reflexive addresses can join the two.
struct NatLab {
    sides: Vec<Background>,
}

impl NatLab {
    fn new(f: &Fixture) -> NatLab {
        enter_loopback_only_network();
        must("ip", &["link", "add", "br0", "type", "bridge"]);
        must("ip", &["addr", "add", "10.0.0.1/24", "dev", "br0"]);
        must("ip", &["link", "set", "br0", "up"]);
        must("ip", &["link", "add", "black0", "type", "veth", "peer", "name", "black1"]);
        must("ip", &["link", "set", "black0", "up"]);
        must("ip", &["link", "set", "black1", "up"]);
        for net in ["10.0.1.0/24", "10.0.2.0/24"] {
            must("ip", &["route", "add", net, "dev", "black0"]);
        }
        let ours = std::fs::read_link("/proc/thread-self/ns/net").unwrap();
        let mut sides = Vec::new();
        for i in 1..=2u8 {
            let holder = Background::spawn("unshare", &["-n", "sleep", "infinity"], &f.dir);
            let ns = format!("/proc/{}/ns/net", holder.pid());
            let deadline = Instant::now() + Duration::from_secs(10);
            while std::fs::read_link(&ns).ok().is_none_or(|n| n == ours) {
                assert!(Instant::now() < deadline, "unshare -n never made its namespace");
                std::thread::sleep(Duration::from_millis(10));
            }
            let pid = holder.pid().to_string();
            let port = format!("p{i}");
            must("ip", &["link", "add", &port, "type", "veth", "peer", "name", "wan0", "netns", &pid]);
            must("ip", &["link", "set", &port, "master", "br0", "up"]);
            let net = format!("--net={ns}");
            let inside = |args: &[&str]| must("nsenter", &[&[net.as_str()][..], args].concat());
            inside(&["ip", "link", "set", "lo", "up"]);
            inside(&["ip", "addr", "add", &format!("10.0.0.{}/24", i + 1), "dev", "wan0"]);
            inside(&["ip", "link", "set", "wan0", "up"]);
            inside(&["ip", "addr", "add", &format!("10.0.{i}.2/32"), "dev", "lo"]);
            inside(&["ip", "route", "add", "default", "via", "10.0.0.1"]);
            let rules = format!(
                "table ip nat {{\n chain post {{\n  type nat hook postrouting priority srcnat;\n  \
                 ip saddr 10.0.{i}.0/24 oifname \"wan0\" meta l4proto udp masquerade to :50000-50999\n  \
                 ip saddr 10.0.{i}.0/24 oifname \"wan0\" masquerade\n }}\n}}\n\
                 table ip filter {{\n chain in {{\n  type filter hook input priority filter;\n  \
                 iifname \"wan0\" ct state new drop\n }}\n}}\n"
            );
            let rules_file = f.path(&format!("nat{i}.nft"));
            std::fs::write(&rules_file, rules).unwrap();
            inside(&["nft", "-f", rules_file.to_str().unwrap()]);
            sides.push(holder);
        }
        NatLab { sides }
    }

    /// A Rust agent on side `i`, bound to its private address.
    fn agent(&self, f: &Fixture, i: usize, name: &str, signal: SocketAddr, extra: &[&str]) -> Background {
        let net = format!("--net=/proc/{}/ns/net", self.sides[i - 1].pid());
        let bind = format!("10.0.{i}.2:0");
        let mut args = vec!["--bind", bind.as_str()];
        args.extend_from_slice(extra);
        rust_agent_launched(f, &["nsenter", &net, "--"], name, signal, &args)
    }
}

/// The SDPs the signal server relayed, offers and answers, in the order of its record.
fn recorded_sdps(server: &Background) -> Vec<String> {
    json_lines(&server.stdout())
        .iter()
        .filter(|r| event_name(r) == "mesh.signal")
        .map(|r| r["content"]["sdp"].as_str().unwrap().to_owned())
        .collect()
}

/// The `typ srflx` and `typ host` candidates of an SDP, as `IP PORT`.
fn candidates_of(sdp: &str, typ: &str) -> Vec<String> {
    sdp.lines()
        .filter(|l| l.starts_with("a=candidate:") && l.contains(&format!(" typ {typ}")))
        .map(|l| l.split_whitespace().skip(4).take(2).collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn agents_behind_two_nats_meet_through_their_server_reflexive_addresses() {
    let f = mesh_fixture("mesh-nat", &["alpha", "bravo"]);
    let lab = NatLab::new(&f);
    let (_stun, stun_port) = stun_server(&f, "10.0.0.1");
    let (server, addr) = signal_server_on(&f, "10.0.0.1:0");
    let stun = format!("stun:10.0.0.1:{stun_port}");
    let mut alpha = lab.agent(&f, 1, "alpha", addr, &["--ice-server", &stun]);
    let mut bravo = lab.agent(&f, 2, "bravo", addr, &["--ice-server", &stun]);
    // Each learnt the NAT's address for its socket: another IP, and a port from the NAT's range.
    let mut mapped = Vec::new();
    for (agent, i) in [(&alpha, 1), (&bravo, 2)] {
        let seen = wait_for(agent, "reflexive", 1, 20, |v| event_name(v) == "mesh.ice.reflexive");
        let c = &seen[0]["content"];
        let (host, m) = (c["host"].as_str().unwrap(), c["mapped"].as_str().unwrap_or_else(|| panic!("{c}")));
        assert!(host.starts_with(&format!("10.0.{i}.2:")), "{c}");
        let m: SocketAddr = m.parse().unwrap();
        assert_eq!(m.ip().to_string(), format!("10.0.0.{}", i + 1), "{c}");
        assert!((50000..=50999).contains(&m.port()), "{c}");
        mapped.push(m);
    }
    opened(&alpha, "bravo", 1);
    opened(&bravo, "alpha", 1);
    // The offer and the answer each carry the private host candidate and the NAT's srflx one.
    let sdps = recorded_sdps(&server);
    assert_eq!(sdps.len(), 2, "an offer and an answer");
    for sdp in &sdps {
        let srflx = candidates_of(sdp, "srflx");
        let host = candidates_of(sdp, "host");
        assert_eq!(srflx.len(), 1, "{sdp}");
        assert!(mapped.iter().any(|m| srflx[0] == format!("{} {}", m.ip(), m.port())), "{srflx:?} {mapped:?}");
        assert!(host.len() == 1 && host[0].starts_with("10.0."), "{sdp}");
    }
    // Messages both ways, one of 50 KB in parts.
    let to_bravo = message(&f, "alpha.key", "if://agent/bravo", &format!(r#"{{"big":"{}"}}"#, "n".repeat(50_000)));
    alpha.write_line(&to_bravo);
    let to_alpha = message(&f, "bravo.key", "if://agent/alpha", r#"{"say":"through two NATs"}"#);
    bravo.write_line(&to_alpha);
    let got = wait_for(&bravo, "alpha's message", 1, 30, |v| v["sender"] == "if://agent/alpha");
    assert_eq!(got[0], serde_json::from_str::<Value>(&to_bravo).unwrap());
    let got = wait_for(&alpha, "bravo's message", 1, 30, |v| v["sender"] == "if://agent/bravo");
    assert_eq!(got[0], serde_json::from_str::<Value>(&to_alpha).unwrap());
    // Each reaches the other at the other's NAT address, never at its private one.
    for (agent, peer, theirs) in [(&alpha, "bravo", mapped[1]), (&bravo, "alpha", mapped[0])] {
        let peer = format!("if://agent/{peer}");
        let views = wait_for(agent, "a view with the path", 1, 20, |v| {
            event_name(v) == "mesh.view"
                && v["content"]["members"]
                    .as_array()
                    .is_some_and(|m| m.iter().any(|m| m["peer"] == peer.as_str() && m["remote"].is_string()))
        });
        let members = views[0]["content"]["members"].as_array().unwrap();
        let member = members.iter().find(|m| m["peer"] == peer.as_str()).unwrap();
        assert_eq!(member["remote"], theirs.to_string(), "{member}");
    }
    leave_and_verify(&f, [(alpha, "alpha"), (bravo, "bravo")]);
}

#[test]
fn a_stun_server_that_does_not_answer_leaves_the_host_candidate_and_one_on_loopback_adds_nothing() {
    let f = mesh_fixture("mesh-stun-loopback", &["alpha", "bravo"]);
    let (_stun, stun_port) = stun_server(&f, "127.0.0.1");
    let (server, addr) = signal_server(&f);
    let nobody = format!("stun:127.0.0.1:{}", free_port());
    let alpha = rust_agent_with(&f, "alpha", addr, &["--ice-server", &nobody]);
    let bravo = rust_agent_with(&f, "bravo", addr, &["--ice-server", &format!("stun:127.0.0.1:{stun_port}")]);
    let silent = wait_for(&alpha, "no reflexive address", 1, 20, |v| event_name(v) == "mesh.ice.reflexive");
    let reason = silent[0]["content"]["reason"].as_str().unwrap_or_else(|| panic!("{}", silent[0]));
    assert!(reason.contains("port unreachable") || reason.contains("no answer"), "{reason}");
    assert!(silent[0]["content"]["mapped"].is_null());
    // On loopback coturn sees the socket's own address: recorded, but nothing new to offer.
    let seen = wait_for(&bravo, "reflexive", 1, 20, |v| event_name(v) == "mesh.ice.reflexive");
    assert_eq!(seen[0]["content"]["mapped"], seen[0]["content"]["host"], "{}", seen[0]);
    opened(&alpha, "bravo", 1);
    opened(&bravo, "alpha", 1);
    for sdp in recorded_sdps(&server) {
        assert!(candidates_of(&sdp, "srflx").is_empty() && candidates_of(&sdp, "host").len() == 1, "{sdp}");
    }
}

fn private_file(f: &Fixture, name: &str, text: &str, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    f.write(name, text);
    std::fs::set_permissions(f.path(name), std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn agents_without_host_candidates_meet_through_a_coturn_relay() {
    let f = mesh_fixture("mesh-turn", &["alpha", "bravo"]);
    let (mut turn, port) = turn_server(&f);
    let turn_url = format!("turn:127.0.0.1:{port}");
    private_file(&f, "turn.cred", "mesh:turn-s3cret\n", 0o600);
    let (server, addr) = signal_server(&f);
    let relayed_agent = |name: &str, credentials: &str| {
        let turn = ["--ice-server", &turn_url, "--turn-credentials", credentials, "--relay-only"];
        rust_agent_with(&f, name, addr, &turn)
    };
    let mut alpha = relayed_agent("alpha", "turn.cred");
    let mut bravo = relayed_agent("bravo", "turn.cred");
    opened(&alpha, "bravo", 1);
    opened(&bravo, "alpha", 1);
    // Each side offered and answered with a relayed candidate only: no path but the relay's.
    let sdps = recorded_sdps(&server);
    assert_eq!(sdps.len(), 2, "an offer and an answer");
    for sdp in &sdps {
        assert!(sdp.contains(" typ relay") && !sdp.contains(" typ host"), "{sdp}");
    }
    // Signed messages both ways through it, one of 50 KB in parts.
    let to_bravo = message(&f, "alpha.key", "if://agent/bravo", &format!(r#"{{"big":"{}"}}"#, "r".repeat(50_000)));
    alpha.write_line(&to_bravo);
    let to_alpha = message(&f, "bravo.key", "if://agent/alpha", r#"{"say":"relayed back"}"#);
    bravo.write_line(&to_alpha);
    let got = wait_for(&bravo, "alpha's message", 1, 30, |v| v["sender"] == "if://agent/alpha");
    assert_eq!(got[0], serde_json::from_str::<Value>(&to_bravo).unwrap());
    let got = wait_for(&alpha, "bravo's message", 1, 30, |v| v["sender"] == "if://agent/bravo");
    assert_eq!(got[0], serde_json::from_str::<Value>(&to_alpha).unwrap());
    // The TURN server crashes and comes back on its port, having forgotten both allocations.
    // A message sent meanwhile waits in SCTP. Each agent learns its allocation is gone (a
    // Refresh, refused), allocates again and restarts ICE with it on the same connection: the
    // path is back, and so is the message, on the same DTLS and SCTP association.
    let old_log = turn.stdout();
    turn.kill();
    let during = message(&f, "alpha.key", "if://agent/bravo", r#"{"say":"while the relay was down"}"#);
    alpha.write_line(&during);
    let turn = turn_server_on(&f, port);
    // Noticed within a refresh (15 s), so the wait is longer than `opened`'s.
    for (agent, peer) in [(&alpha, "if://agent/bravo"), (&bravo, "if://agent/alpha")] {
        let restored = wait_for(agent, &format!("the path to {peer} restored"), 1, 60, |v| {
            event_name(v) == "mesh.path.restored" && v["content"]["peer"] == peer
        });
        assert!(restored[0]["content"]["after_ms"].as_u64().unwrap() < 20_000, "{}", restored[0]);
        let lost = json_lines(&agent.stdout());
        assert!(
            lost.iter().any(|v| event_name(v) == "mesh.path.lost" && v["content"]["reason"] == "TURN allocation lost"),
            "{}",
            agent.stdout()
        );
    }
    let after = message(
        &f,
        "alpha.key",
        "if://agent/bravo",
        &format!(r#"{{"say":"after the restart","big":"{}"}}"#, "a".repeat(50_000)),
    );
    alpha.write_line(&after);
    // In order, after SCTP's next retransmission of the first (its timer doubles from 3 s).
    let said = wait_for(&bravo, "both messages", 2, 90, |v| v["content"]["say"].is_string());
    assert_eq!(said[0], serde_json::from_str::<Value>(&during).unwrap());
    assert_eq!(said[1]["content"]["say"], "after the restart");
    for agent in [&alpha, &bravo] {
        let records = json_lines(&agent.stdout());
        let names: Vec<&str> = records.iter().map(event_name).collect();
        assert_eq!(names.iter().filter(|n| **n == "mesh.peer.open").count(), 1, "one connection throughout");
        assert!(!names.contains(&"mesh.peer.gone") && !names.contains(&"mesh.send.failed"), "{names:?}");
    }
    for agent in [&alpha, &bravo] {
        assert!(agent.stderr().contains("(allocated again)"), "{}", agent.stderr());
    }

    // Each agent's view of the mesh: the other open, on the relayed path, with a round trip.
    for (agent, other) in [(&alpha, "if://agent/bravo"), (&bravo, "if://agent/alpha")] {
        let view = wait_for(agent, "a view with the path", 1, 30, |v| {
            event_name(v) == "mesh.view" && v["content"]["members"][0]["rtt_us"].is_u64()
        });
        let member = &view[0]["content"]["members"][0];
        assert_eq!((member["peer"].as_str(), member["state"].as_str()), (Some(other), Some("open")), "{member}");
        assert_eq!(member["path"], "relay", "{member}");
        assert!(member["local"].as_str().is_some_and(|l| sdps.iter().any(|s| s.contains(&l.replace(':', " ")))));
    }
    alpha.close_stdin();
    bravo.close_stdin();
    for agent in [alpha, bravo] {
        let (code, _, err) = agent.finish(20);
        assert_eq!(code, Some(0), "{err}");
        assert!(err.contains("relayed address 127.0.0.1:"), "{err}");
    }
    // coturn allocated for both with the credentials, before and after its restart; the second
    // permitted each the other's address, was given both allocations back (lifetime 0) when
    // they left, and its usage lines count the 50 KB message after the restart among the bytes
    // it received from them (the first died before it could write its own).
    let deadline = Instant::now() + Duration::from_secs(10);
    let received_bytes = |log: &str| -> u64 {
        log.lines()
            .filter(|l| l.contains(": usage: "))
            .filter_map(|l| l.split(", rb=").nth(1)?.split(',').next()?.parse::<u64>().ok())
            .sum()
    };
    let relayed = |log: &str| {
        log.matches("ALLOCATE processed, success").count() >= 2
            && log.matches("CREATE_PERMISSION processed, success").count() >= 2
            && log.matches("username=<mesh>, lifetime=0").count() >= 2
            && received_bytes(log) > 50_000
    };
    for (before, log) in [("before", &old_log), ("after", &turn.stdout())] {
        assert!(log.matches("ALLOCATE processed, success").count() >= 2, "{before} the restart: {log}");
    }
    while !relayed(&turn.stdout()) {
        assert!(Instant::now() < deadline, "coturn's log: {}", turn.stdout());
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = turn.stdout();

    // A wrong password is refused by coturn, and the agent says so and exits 2; a credentials
    // file others may read is not used at all.
    private_file(&f, "wrong.cred", "mesh:not-the-password\n", 0o600);
    let wrong = relayed_agent("alpha", "wrong.cred");
    let (code, _, err) = wrong.finish(30);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "TURN server 127.0.0.1:{port}: TURN allocation: the credentials of `mesh` were refused (401"
        )),
        "{err}"
    );
    private_file(&f, "open.cred", "mesh:turn-s3cret\n", 0o644);
    let (code, _, err) = relayed_agent("alpha", "open.cred").finish(30);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("open.cred") && err.contains("TURN credentials"), "{err}");
    assert!(!err.contains("turn-s3cret") && !log.contains("not-the-password"), "no password on record");
}

/// Janus (Debian `janus`) with a private config in `f`: only the TextRoom plugin (room 1234)
/// and the WebSocket API on 127.0.0.1 at a free port, in this thread's network namespace
/// (`enter_loopback_only_network` first). Janus never gathers on a loopback interface
/// (janus-gateway#586), so it gets another: a veth pair with 127.0.0.2/32 on `jdummy0`, the one
/// interface it may use. Ready once its log says the WebSockets thread started.
fn janus_textroom(f: &Fixture) -> (Background, u16) {
    let (conf, port) = janus_config(f);
    (start_janus(f, &conf), port)
}

/// The interface Janus uses (once per namespace) and a private configuration for it, its
/// WebSocket API on a free port: the configuration's directory and the port.
fn janus_config(f: &Fixture) -> (std::path::PathBuf, u16) {
    assert!(std::path::Path::new(JANUS_LIB).exists(), "Janus is not installed: run scripts/setup (Debian janus)");
    for args in [
        &["link", "add", "jdummy0", "type", "veth", "peer", "name", "jdummy1"][..],
        &["link", "set", "jdummy0", "up"],
        &["link", "set", "jdummy1", "up"],
        &["addr", "add", "127.0.0.2/32", "dev", "jdummy0"],
    ] {
        let status = std::process::Command::new("ip").args(args).status().expect("ip (iproute2)");
        assert!(status.success(), "ip {args:?}: {status}");
    }
    let conf = f.path("janus-conf");
    std::fs::create_dir_all(&conf).unwrap();
    let port = free_port();
    let general = format!(
        "general: {{\n configs_folder = \"{c}\"\n plugins_folder = \"{JANUS_LIB}/plugins\"\n transports_folder = \"{JANUS_LIB}/transports\"\n \
         events_folder = \"{JANUS_LIB}/events\"\n loggers_folder = \"{JANUS_LIB}/loggers\"\n debug_level = 4\n}}\n\
         media: {{\n ipv6 = false\n}}\nnat: {{\n ice_enforce_list = \"jdummy0\"\n}}\n\
         plugins: {{\n disable = \"{p}\"\n}}\ntransports: {{\n disable = \"{t}\"\n}}\nevents: {{\n broadcast = false\n}}\n\
         loggers: {{\n disable = \"libjanus_jsonlog.so\"\n}}\n",
        c = conf.display(),
        p = janus_modules_except("plugins", "libjanus_textroom.so"),
        t = janus_modules_except("transports", "libjanus_websockets.so"),
    );
    std::fs::write(conf.join("janus.jcfg"), general).unwrap();
    let ws = format!(
        "general: {{\n json = \"compact\"\n ws = true\n ws_port = {port}\n ws_ip = \"127.0.0.1\"\n wss = false\n}}\n\
         admin: {{\n admin_ws = false\n admin_wss = false\n}}\n"
    );
    std::fs::write(conf.join("janus.transport.websockets.jcfg"), ws).unwrap();
    std::fs::write(
        conf.join("janus.plugin.textroom.jcfg"),
        "general: {\n json = \"compact\"\n}\nroom-1234: {\n description = \"council\"\n}\n",
    )
    .unwrap();
    (conf, port)
}

/// Janus with the configuration in `conf`, once its WebSockets are served (its own log says
/// so: a Janus started again on the same port is waited for by its own lines).
fn start_janus(f: &Fixture, conf: &std::path::Path) -> Background {
    let cfg = conf.join("janus.jcfg");
    let janus =
        Background::spawn("/usr/bin/janus", &["-F", conf.to_str().unwrap(), "-C", cfg.to_str().unwrap(), "-o"], &f.dir);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !janus.stdout().contains("WebSockets thread started") {
        assert!(Instant::now() < deadline, "Janus is not ready: {}{}", janus.stdout(), janus.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
    janus
}

/// A Rust agent in TextRoom 1234 of the Janus at `port`, on 127.0.0.2 (Janus never uses
/// loopback), its view every second.
fn janus_agent(f: &Fixture, name: &str, port: u16) -> Background {
    let (url, key) = (format!("ws://127.0.0.1:{port}"), format!("{name}.key"));
    let args = [
        "join",
        "--janus",
        &url,
        "--room",
        "1234",
        "--bind",
        "127.0.0.2:0",
        "--key",
        &key,
        "--trust",
        "trust",
        "--view-every",
        "1",
        "--leave-on-eof",
    ];
    Background::spawn_open(MESH, &args, &f.dir)
}

#[test]
fn textroom_agents_join_again_when_janus_restarts_and_nothing_is_lost_silently() {
    enter_loopback_only_network();
    let f = mesh_fixture("mesh-janus-restart", &["alpha", "bravo"]);
    let (conf, port) = janus_config(&f);
    let mut janus = start_janus(&f, &conf);
    let mut alpha = janus_agent(&f, "alpha", port);
    welcomed(&alpha);
    let bravo = janus_agent(&f, "bravo", port);
    welcomed(&bravo);
    wait_for(&alpha, "bravo's join", 1, 30, |v| {
        event_name(v) == "mesh.member.joined" && v["content"]["peer"] == "if://agent/bravo"
    });
    let said = |text: &str| {
        let text = text.to_owned();
        move |v: &Value| v["sender"] == "if://agent/alpha" && v["content"]["say"] == text.as_str()
    };
    alpha.write_line(&message(&f, "alpha.key", "if://agent/bravo", r#"{"say":"before"}"#));
    wait_for(&bravo, "the message before", 1, 30, said("before"));

    // Janus dies: both say so at once, and neither exits.
    janus.kill();
    for agent in [&alpha, &bravo] {
        let lost = wait_for(agent, "Janus lost", 1, 30, |v| event_name(v) == "mesh.server.lost");
        assert_eq!(lost[0]["content"]["server"], format!("127.0.0.1:{port}"), "{}", lost[0]);
        assert!(lost[0]["content"]["retry_ms"].as_u64().is_some(), "{}", lost[0]);
    }
    // A line written meanwhile waits for the room.
    alpha.write_line(&message(&f, "alpha.key", "if://agent/bravo", r#"{"say":"while Janus was down"}"#));

    // Janus again, on its port: each agent gets a new session, connection and welcome.
    let _janus = start_janus(&f, &conf);
    for agent in [&alpha, &bravo] {
        wait_for(agent, "a second welcome", 2, 60, |v| event_name(v) == "mesh.welcome");
        wait_for(agent, "a second connection to Janus", 2, 30, |v| {
            event_name(v) == "mesh.peer.open" && v["content"]["peer"] == "janus"
        });
    }
    // Once alpha sees bravo again (in its welcome, or joining after it), a message crosses.
    let deadline = Instant::now() + Duration::from_secs(30);
    let views_with_bravo = |a: &Background| {
        json_lines(&a.stdout()).iter().rev().take_while(|v| event_name(v) != "mesh.server.lost").any(|v| {
            (event_name(v) == "mesh.welcome"
                && v["content"]["members"].as_array().is_some_and(|m| m.iter().any(|m| m == "if://agent/bravo")))
                || (event_name(v) == "mesh.member.joined" && v["content"]["peer"] == "if://agent/bravo")
        })
    };
    while !views_with_bravo(&alpha) {
        assert!(Instant::now() < deadline, "alpha never saw bravo again: {}", alpha.stdout());
        std::thread::sleep(Duration::from_millis(20));
    }
    alpha.write_line(&message(&f, "alpha.key", "if://agent/bravo", r#"{"say":"after"}"#));
    wait_for(&bravo, "the message after", 1, 30, said("after"));
    // The line written while Janus was down reached bravo, or alpha says why not: never silence.
    let arrived = json_lines(&bravo.stdout()).iter().any(said("while Janus was down"));
    let failed = json_lines(&alpha.stdout())
        .iter()
        .any(|v| event_name(v) == "mesh.send.failed" && v["content"]["to"] == "if://agent/bravo");
    assert!(arrived || failed, "alpha: {}\nbravo: {}", alpha.stdout(), bravo.stdout());
    leave_and_verify(&f, [(alpha, "alpha"), (bravo, "bravo")]);
}

#[test]
fn a_rust_agent_and_an_aiortc_client_exchange_signed_messages_through_a_janus_textroom() {
    enter_loopback_only_network();
    let f = mesh_fixture("mesh-janus", &["alpha", "bravo"]);
    let (janus, port) = janus_textroom(&f);
    let janus_url = format!("ws://127.0.0.1:{port}");
    let args = [
        "join",
        "--janus",
        &janus_url,
        "--room",
        "1234",
        "--bind",
        "127.0.0.2:0",
        "--key",
        "alpha.key",
        "--trust",
        "trust",
        "--view-every",
        "1",
        "--leave-on-eof",
    ];
    let mut alpha = Background::spawn_open(MESH, &args, &f.dir);
    welcomed(&alpha);
    // The aiortc client: the Janus API over websockets, its own JanusDataChannel, on 127.0.0.2.
    let join = message(&f, "bravo.key", "if://agent/mesh", "{}");
    f.write("bravo-join.json", &join);
    let (join_path, trust) = (f.path("bravo-join.json"), f.path("trust"));
    let peer_args: [&OsStr; 10] = [
        "--janus".as_ref(),
        janus_url.as_ref(),
        "--room".as_ref(),
        "1234".as_ref(),
        "--ip".as_ref(),
        "127.0.0.2".as_ref(),
        "--join".as_ref(),
        join_path.as_os_str(),
        "--trust".as_ref(),
        trust.as_os_str(),
    ];
    let (mut bravo, ready) = JsonPeer::start("mesh_peer.py", &peer_args, 30);
    assert_eq!(ready["ready"]["members"], serde_json::json!(["if://agent/alpha"]), "{ready}");
    wait_for(&alpha, "bravo's join", 1, 30, |v| {
        event_name(v) == "mesh.member.joined" && v["content"]["peer"] == "if://agent/bravo"
    });

    // Rust to the room, and to bravo alone a message of 100 KB (TextRoom texts in 16 KiB parts).
    let hello = message(&f, "alpha.key", "if://agent/mesh", r#"{"say":"hello room"}"#);
    let big = message(&f, "alpha.key", "if://agent/bravo", &format!(r#"{{"big":"{}"}}"#, "x".repeat(100_000)));
    alpha.write_line(&hello);
    alpha.write_line(&big);
    let mut seen = Vec::new();
    let got = peer_wait(&mut bravo, "hello", &mut seen, |v| v["received"]["content"]["say"] == "hello room");
    assert_eq!(
        (got["from"].as_str(), &got["received"]),
        (Some("if://agent/alpha"), &serde_json::from_str::<Value>(&hello).unwrap())
    );
    let got = peer_wait(&mut bravo, "the big one", &mut seen, |v| v["received"]["content"]["big"].is_string());
    assert_eq!(got["received"]["content"]["big"].as_str().map(str::len), Some(100_000));

    // From aiortc through Janus: a signed message, the same altered (forged), the same again
    // (replayed), and one of 100 KB in parts. The Rust agent writes the good two, drops the others.
    let good = message(&f, "bravo.key", "if://agent/mesh", r#"{"say":"from aiortc"}"#);
    let forged = good.replace("from aiortc", "from mallory");
    let big_back = message(&f, "bravo.key", "if://agent/alpha", &format!(r#"{{"big":"{}"}}"#, "y".repeat(100_000)));
    for line in [&good, &forged, &good, &big_back] {
        bravo.send(&serde_json::json!({ "send": line }));
    }
    let got = wait_for(&alpha, "bravo's two messages", 2, 30, |v| v["sender"] == "if://agent/bravo");
    assert_eq!(got[0], serde_json::from_str::<Value>(&good).unwrap(), "written unchanged");
    assert_eq!(got[1], serde_json::from_str::<Value>(&big_back).unwrap());
    let drops = wait_for(&alpha, "the drops", 2, 30, |v| event_name(v) == "mesh.message.dropped");
    for (drop, why) in drops.iter().zip(["signature does not verify", "replayed nonce"]) {
        assert_eq!(drop["content"]["peer"], "if://agent/bravo", "{drop}");
        assert!(drop["content"]["reason"].as_str().unwrap().contains(why), "{drop}");
    }
    assert_eq!(received(&alpha).len(), 2, "nothing else written");

    // The view: bravo open through Janus, with the connection's round trip.
    let view = wait_for(&alpha, "a view with the path", 1, 30, |v| {
        event_name(v) == "mesh.view" && v["content"]["members"][0]["rtt_us"].is_u64()
    });
    let member = &view[0]["content"]["members"][0];
    assert_eq!(
        (member["peer"].as_str(), member["state"].as_str(), member["path"].as_str()),
        (Some("if://agent/bravo"), Some("open"), Some("janus")),
        "{member}"
    );
    assert!(member["local"].as_str().is_some_and(|l| l.starts_with("127.0.0.2:")), "{member}");

    // bravo goes: Janus says it left (its WebSocket closed), the agent records it.
    drop(bravo);
    wait_for(&alpha, "bravo gone", 1, 30, |v| {
        event_name(v) == "mesh.peer.gone" && v["content"]["peer"] == "if://agent/bravo"
    });
    alpha.close_stdin();
    let (code, out, err) = alpha.finish(20);
    assert_eq!(code, Some(0), "{err}");
    // Janus's offer and our answer, in full, on the record before the channel opened.
    let events = json_lines(&out);
    let position = |name: &str, kind: &str| {
        events.iter().position(|v| event_name(v) == name && (kind.is_empty() || v["content"]["kind"] == kind))
    };
    let (offer, answer, open) =
        (position("mesh.sdp", "offer"), position("mesh.sdp", "answer"), position("mesh.peer.open", ""));
    assert!(offer < answer && answer < open && offer.is_some(), "{offer:?} {answer:?} {open:?}");
    let offer_sdp = events[offer.unwrap()]["content"]["sdp"].as_str().unwrap();
    assert!(offer_sdp.contains("Janus TextRoom plugin") && offer_sdp.contains("127.0.0.2"), "{offer_sdp}");
    f.witness_log_verifies("alpha.log", &out);

    // The username still taken (an agent restarted while Janus holds its old session; here the
    // old one is alive): the second alpha is refused with TextRoom's 420 and joins again every
    // second; once the first is killed and Janus drops its session, it is in.
    let mut first = Background::spawn_open(MESH, &args, &f.dir);
    welcomed(&first);
    let second = Background::spawn_open(MESH, &args, &f.dir);
    let taken = second.wait_stderr("Username already taken", 30);
    assert!(taken.is_some_and(|e| e.contains("joining again every 1 s")), "{}", second.stderr());
    assert!(!json_lines(&second.stdout()).iter().any(|v| event_name(v) == "mesh.welcome"), "in while taken");
    first.kill();
    welcomed(&second);
    drop(janus);
}
