//! The NDI FFI layer against the real runtime (libndi from `ndi-python`) and NDI's own Python
//! bindings as the independent peer, both ways, on loopback.

use crate::common::*;
use ifconnect::ndi::{ffi, Received, Runtime};
use serde_json::Value;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// NDI tests run one at a time: several NDI senders and receivers discovering each other over
/// loopback at once, in and out of this process, miss each other (seen with three at a time).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub(crate) fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// The runtime from the project's virtualenv (installed by scripts/setup), loaded by its path:
/// setting `NDI_RUNTIME_DIR_V6` here would race every other test thread reading the environment
/// (a segfault seen once in ten runs). The binaries these tests start get the folder from
/// `tests/common` instead.
fn runtime() -> Runtime {
    let dir = ndi_runtime_dir().expect("ndi-python missing: run scripts/setup");
    let rt = Runtime::load_from(&dir).unwrap_or_else(|e| panic!("{e} (looked in {})", dir.display()));
    assert!(rt.version.contains("NDI"), "{}", rt.version);
    rt
}

fn peer(args: &[&str]) -> std::process::Child {
    Command::new(python_path())
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/ndi_peer.py"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn frames_and_metadata_from_rust_reach_ndi_python() {
    let _one_at_a_time = serial();
    let rt = runtime();
    let name = format!("ifconnect-test-{}", std::process::id());
    let sender = rt.sender(&name, true).unwrap();
    let receiver = peer(&["recv", &name, "4"]);
    // Frames sent before a receiver connects are lost: wait for it (bounded).
    let deadline = Instant::now() + Duration::from_secs(10);
    while sender.connections(100) < 1 && Instant::now() < deadline {}
    assert!(sender.connections(0) >= 1, "the Python receiver never connected");
    let (w, h) = (160u32, 90u32);
    let mut frame = vec![0u8; (w * h * 4) as usize];
    for px in frame.chunks_exact_mut(4) {
        px.copy_from_slice(&[200, 40, 10, 255]); // BGRA: mostly blue
    }
    for i in 0..60 {
        sender
            .send_video(&frame, w, h, (30, 1), ffi::TIMECODE_SYNTHESIZE, Some(&format!("<in-frame n=\"{i}\"/>")))
            .unwrap();
        sender.send_metadata(&format!("<ifconnect frame=\"{i}\"/>"), ffi::TIMECODE_SYNTHESIZE).unwrap();
    }
    let out = receiver.wait_with_output().unwrap();
    let summary: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(summary["video"].as_u64().unwrap() >= 50, "{summary}");
    assert_eq!(summary["sizes"], serde_json::json!([[160, 90]]));
    let frames: Vec<u64> = summary["metadata"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m.as_str()?.strip_prefix("<ifconnect frame=\"")?.strip_suffix("\"/>")?.parse().ok())
        .collect();
    assert!(frames.len() >= 50 && frames.windows(2).all(|w| w[0] < w[1]), "{frames:?}");
    // Each frame's own metadata arrives with that frame: every frame received has it.
    let in_frame: Vec<&str> = summary["in_frame"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(in_frame.len() as u64, summary["video"].as_u64().unwrap(), "{summary}");
    assert!(in_frame.iter().all(|m| m.starts_with("<in-frame n=\"")), "{in_frame:?}");
    // Lossy (SpeedHQ, through YUV) but the colour survives closely: 12 levels off at most, measured.
    let bgr: Vec<f64> = summary["mean_bgr"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    for (got, want) in bgr.iter().zip([200.0, 40.0, 10.0]) {
        assert!((got - want).abs() <= 20.0, "{bgr:?}");
    }
}

#[test]
fn frames_and_metadata_from_ndi_python_reach_rust() {
    let _one_at_a_time = serial();
    let rt = runtime();
    let name = format!("ifconnect-peer-{}", std::process::id());
    let mut sender = peer(&["send", &name, "90"]);
    let source =
        rt.find(&name, Some("127.0.0.1"), Duration::from_secs(10)).unwrap().expect("the Python source is found");
    let receiver = rt.receiver(&source).unwrap();
    let (mut video, mut meta, mut red, mut in_frame) = (0, Vec::new(), None, Vec::new());
    let deadline = Instant::now() + Duration::from_secs(8);
    while Instant::now() < deadline && video < 60 {
        match receiver.capture(200) {
            Received::Video(frame) => {
                assert_eq!((frame.width(), frame.height()), (128, 72));
                video += 1;
                let bgra = frame.to_bgra();
                let mid = bgra[(36 * 128 + 64) * 4..][..3].to_vec();
                red.get_or_insert(mid);
                in_frame.extend(frame.metadata());
            }
            Received::Metadata { xml, .. } => meta.push(xml),
            Received::Nothing | Received::Disconnected => {}
        }
    }
    let _ = sender.wait();
    assert!(video >= 60, "received {video} frames");
    let px = red.unwrap();
    assert!(px[2] > 230 && px[0] < 25 && px[1] < 25, "BGR {px:?} should be red");
    assert!(meta.iter().any(|m| m.starts_with("<if-peer frame=")), "{meta:?}");
    // Every frame came with its own metadata.
    assert_eq!(in_frame.len(), video, "{in_frame:?}");
    assert!(in_frame.iter().all(|m| m.starts_with("<if-peer-frame n=")), "{in_frame:?}");
}

pub const NDI_PUB: &str = env!("CARGO_BIN_EXE_if-ndi-pub");

#[test]
fn if_ndi_pub_stream_verifies_in_an_independent_receiver() {
    let _one_at_a_time = serial();
    runtime();
    let f = Fixture::new("ndi-pub");
    let name = format!("ifconnect-pub-{}", std::process::id());
    let verifier = peer(&["verify", &name, "6"]);
    let findings = r#"[{"file":"app/config.py","line":12,"pattern":"stripe_live_key","match":"sk_live_51HxABCDEFGHIJKLMNOPQRST","severity":"ERROR","classification":"usable"},
                       {"file":"README.md","line":3,"pattern":"aws_access_key","match":"AKIAIOSFODNN7EXAMPLE","severity":"WARNING","classification":"component"}]"#;
    let wrapped = f.ok(MSG, &["wrap", "--from", "yologuard", "--key", "scanner.key"], findings).stdout;
    let r = f.ok(
        NDI_PUB,
        &[
            "--name",
            &name,
            "--key",
            "scanner.key",
            "--size",
            "320x180",
            "--frames",
            "120",
            "--wait-receiver",
            "10",
            "--trust",
            "trust",
        ],
        &wrapped,
    );
    let out = verifier.wait_with_output().unwrap();
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    // Every frame received carries its own record, whose signature and chain verify, checked in
    // Python; no record travels separately.
    assert!(v["video"].as_u64().unwrap() >= 100, "{v}");
    assert_eq!(
        (&v["in_frame"], &v["verified"], v["separate_records"].as_u64()),
        (&v["video"], &v["video"], Some(0)),
        "{v}"
    );
    assert_eq!(
        (v["bad"].as_u64(), v["chain_breaks"].as_u64(), v["unsigned_video"].as_u64()),
        (Some(0), Some(0), Some(0)),
        "{v}"
    );
    // The decoded picture matches its signed luma grid within the tolerance (SpeedHQ is lossy).
    assert!(v["max_grid_distance"].as_u64().unwrap() <= ifconnect::ndi::card::GRID_TOLERANCE as u64, "{v}");
    // One signed card event per message, on the message's trace, and a witness log that verifies.
    let cards = r.json_lines();
    assert_eq!(cards.len(), 2, "{r:?}");
    assert!(cards.iter().all(|c| c["content"]["event"] == "ndi.card"));
    schema_check(&r.stdout);
    f.witness_log_verifies("ndi.log", &(wrapped + &r.stdout));
    assert!(!r.stdout.contains("sk_live_51HxABCDEFGHIJKLMNOPQRST"));
}

pub const NDI_VIEW: &str = env!("CARGO_BIN_EXE_if-ndi-view");

#[test]
fn if_ndi_view_verifies_if_ndi_pub_live() {
    let _one_at_a_time = serial();
    runtime();
    let f = Fixture::new("ndi-view");
    let name = format!("ifconnect-live-{}", std::process::id());
    let msgs = f.messages("scanner.key", 2, "0123456789ab");
    let dir = f.dir.clone();
    let (n2, m2) = (name.clone(), msgs.clone());
    let publisher = std::thread::spawn(move || {
        ok(
            NDI_PUB,
            &["--name", &n2, "--key", "scanner.key", "--size", "320x180", "--frames", "150", "--wait-receiver", "10"],
            &dir,
            &m2,
        )
    });
    let r = f.run(
        NDI_VIEW,
        &[
            "--source",
            &name,
            "--key",
            "reviewer.key",
            "--trust",
            "trust",
            "--seconds",
            "10",
            "--every",
            "25",
            "--snapshot",
            "last.png",
        ],
        "",
    );
    publisher.join().unwrap();
    assert_eq!(r.code, 0, "{r:?}");
    let events = r.json_lines();
    assert!(events.iter().all(|e| e["content"]["event"] == "ndi.verified"), "{r:?}");
    assert!(events.len() >= 5, "sampled every 25 of ~150 frames: {r:?}");
    assert_eq!(events[0]["trace_id"], "0123456789ab");
    schema_check(&r.stdout);
    let png = std::fs::read(f.path("last.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(r.stderr.contains("frames verified, 0 anomalies"), "{r:?}");
}

#[test]
fn a_sender_without_our_metadata_is_reported_unsigned() {
    let _one_at_a_time = serial();
    runtime();
    let f = Fixture::new("ndi-unsigned");
    let name = format!("ifconnect-bare-{}", std::process::id());
    let mut sender = peer(&["send", &name, "60"]);
    let r = f.run(NDI_VIEW, &["--source", &name, "--key", "reviewer.key", "--trust", "trust", "--seconds", "5"], "");
    let _ = sender.wait();
    assert_eq!(r.code, 1, "{r:?}");
    let kinds: Vec<String> =
        r.json_lines().iter().map(|e| e["content"]["kind"].as_str().unwrap_or("").to_owned()).collect();
    // The peer sends its own (foreign) metadata, which is ignored: every frame is unsigned.
    assert!(kinds.len() >= 30 && kinds.iter().all(|k| k == "unsigned"), "{kinds:?}");
}

/// Starts `if-ndi-pub` in the background on `input` and returns it with its TCP port, which it
/// logs: tests connect by address because NDI discovery between several processes on one
/// machine is unreliable (each process's runtime listens on port 5960 with SO_REUSEPORT, and an
/// extra-IPs query reaches only one of them).
pub(crate) fn publisher(f: &Fixture, name: &str, input: &str, args: &[&str]) -> (Background, u16) {
    let mut all = vec!["--name", name, "--key", "scanner.key", "--size", "320x180"];
    all.extend_from_slice(args);
    let p = Background::spawn_with_input(NDI_PUB, &all, &f.dir, Some(input));
    let line = p.wait_stderr("on port ", 10).unwrap_or_else(|| panic!("no port logged: {}", p.stderr()));
    let port = line.split("on port ").nth(1).and_then(|r| r.split(' ').next()).and_then(|p| p.parse().ok());
    (p, port.unwrap_or_else(|| panic!("{line}")))
}

/// Reads the first stdout line of a peer, bounded by the peer's own timeouts.
fn first_line(child: &mut std::process::Child) -> String {
    use std::io::BufRead;
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    line
}

/// What a viewer reported, as (kind, frame number) from its events.
fn verdicts(r: &Run) -> Vec<(String, Option<u64>)> {
    r.json_lines()
        .iter()
        .map(|e| {
            let c = &e["content"];
            let kind = if c["event"] == "ndi.verified" { "verified" } else { c["kind"].as_str().unwrap_or("?") };
            (kind.to_owned(), c["n"].as_u64())
        })
        .collect()
}

/// A viewer that joined a running stream saw only verified frames, the first after frame 0.
fn joined_without_alarm(r: &Run, context: &str) {
    let seen = verdicts(r);
    assert_eq!(r.code, 0, "{seen:?}\n{r:?}\n{context}");
    assert!(seen.iter().all(|(kind, _)| kind == "verified"), "{seen:?}\n{context}");
    // It joined a stream already running, and then saw every frame (1 s of start-up slack).
    assert!(seen.first().is_some_and(|(_, n)| *n > Some(0)), "{seen:?}");
    assert!(seen.len() >= 60 && seen.windows(2).all(|w| w[1].1 > w[0].1), "{seen:?}");
    assert!(r.stderr.contains(" frames verified, 0 anomalies"), "{r:?}");
    schema_check(&r.stdout);
}

#[test]
fn a_viewer_joining_a_running_stream_raises_no_alarm() {
    let _one_at_a_time = serial();
    runtime();
    let f = Fixture::new("ndi-join");
    let msgs = f.messages("scanner.key", 1, "0123456789ab");
    let name = format!("ifconnect-join-{}", std::process::id());
    // On the air at once; the viewer joins once ndi-python has seen 10 frames go by.
    let (publisher, port) = publisher(&f, &name, &msgs, &["--frames", "300", "--wait-receiver", "0"]);
    let source = format!("127.0.0.1:{port}");
    let running = peer(&["wait", &source, "10"]).wait_with_output().unwrap();
    let running: Value = serde_json::from_slice(&running.stdout).unwrap_or_else(|e| panic!("{e}: {running:?}"));
    assert_eq!(running["video"], 10, "{running}");
    let args = ["--source", &source, "--key", "reviewer.key", "--trust", "trust", "--seconds", "3", "--every", "1"];
    let r = f.run(NDI_VIEW, &args, "");
    drop(publisher);
    joined_without_alarm(&r, "");
}

#[test]
fn a_relay_forwarding_frames_whole_keeps_the_proof_whenever_the_viewer_joins() {
    let _one_at_a_time = serial();
    runtime();
    let f = Fixture::new("ndi-forward");
    let msgs = f.messages("scanner.key", 1, "0123456789ab");
    let name = format!("ifconnect-forward-{}", std::process::id());
    let (publisher, port) = publisher(&f, &name, &msgs, &["--frames", "300", "--wait-receiver", "0"]);
    // ndi-python joins the running stream and passes every frame on whole, as it comes; the
    // viewer joins the relay's stream once it runs (10 frames through).
    let mut relay = peer(&["forward", &format!("127.0.0.1:{port}"), &format!("{name}-forwarded"), "8"]);
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(relay.stdout.take().unwrap()));
    let mut line = || -> Value {
        let line = lines.next().unwrap_or_else(|| panic!("the relay ended")).unwrap();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
    };
    let announced = line();
    let relay_port = announced["port"].as_u64().unwrap_or_else(|| panic!("relay port: {announced}"));
    assert_eq!(line(), serde_json::json!({"forwarded": 10}));
    let source = format!("127.0.0.1:{relay_port}");
    let args = ["--source", &source, "--key", "reviewer.key", "--trust", "trust", "--seconds", "3", "--every", "1"];
    let r = f.run(NDI_VIEW, &args, "");
    let summary = line();
    let _ = relay.wait();
    drop(publisher);
    joined_without_alarm(&r, &format!("relay: {summary}"));
}

#[test]
fn a_relay_that_drops_alters_and_repaints_frames_is_caught_exactly() {
    let _one_at_a_time = serial();
    runtime();
    let f = Fixture::new("ndi-relay");
    let msgs = f.messages("scanner.key", 2, "0123456789ab");
    let name = format!("ifconnect-relay-{}", std::process::id());
    let (publisher, port) = publisher(&f, &name, &msgs, &["--frames", "200", "--wait-receiver", "20"]);
    // ndi-python passes the genuine stream on, re-encoding every frame (a second lossy hop),
    // drops frame 10, alters frame 20's metadata, paints over frame 30's picture.
    let mut relay = peer(&["relay", &format!("127.0.0.1:{port}"), &format!("{name}-relayed"), "12"]);
    let announced: Value = serde_json::from_str(&first_line(&mut relay)).unwrap();
    let relay_port = announced["port"].as_u64().unwrap_or_else(|| panic!("relay port: {announced}"));
    let r = f.run(
        NDI_VIEW,
        &[
            "--source",
            &format!("127.0.0.1:{relay_port}"),
            "--key",
            "reviewer.key",
            "--trust",
            "trust",
            "--seconds",
            "10",
            "--every",
            "50",
        ],
        "",
    );
    let relay_out = relay.wait_with_output().unwrap();
    drop(publisher);
    assert_eq!(r.code, 1, "{r:?}");
    let events = r.json_lines();
    let anomalies: Vec<Value> = events
        .iter()
        .filter(|e| e["content"]["event"] == "ndi.anomaly")
        .map(|e| {
            let c = &e["content"];
            serde_json::json!({"kind": c["kind"], "n": c["n"], "after": c["after"], "missing": c["missing"]})
        })
        .collect();
    // Exactly the three tamperings, and nothing else.
    assert_eq!(
        anomalies,
        vec![
            serde_json::json!({"kind": "gap", "n": null, "after": 9, "missing": 1}),
            serde_json::json!({"kind": "tampered_metadata", "n": 20, "after": null, "missing": null}),
            serde_json::json!({"kind": "tampered_pixels", "n": 30, "after": null, "missing": null}),
        ],
        "{r:?}\nrelay: {}",
        String::from_utf8_lossy(&relay_out.stdout)
    );
    // The painted-over picture is far outside the tolerance, not at its edge.
    let painted = events.iter().find(|e| e["content"]["kind"] == "tampered_pixels").unwrap();
    assert!(painted["content"]["grid_distance"].as_u64() > Some(2 * ifconnect::ndi::card::GRID_TOLERANCE as u64));
    // Every other frame verifies after two lossy hops (1 s of start-up slack).
    let verified: u64 = r
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("if-ndi-view: ")?.split(" frames verified").next()?.parse().ok())
        .unwrap_or_else(|| panic!("{r:?}"));
    assert!((167..=197).contains(&verified), "{verified} verified: {r:?}");
    schema_check(&r.stdout);
    f.witness_log_verifies("relay.log", &r.stdout);
}

#[test]
fn the_discovery_server_setting_reaches_the_runtime_and_keeps_the_users_ndi_config() {
    use std::io::Read;
    let _one_at_a_time = serial();
    runtime();
    let f = Fixture::new("ndi-discovery");
    // Stands in for an NDI discovery server only to see the runtime arrive; it answers nothing.
    let server = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = server.local_addr().unwrap();
    let user_config = f.path("user-ndi");
    std::fs::create_dir(&user_config).unwrap();
    std::fs::write(user_config.join("ndi-config.v1.json"), r#"{"ndi": {"machinename": "IFCONNECT-TEST"}}"#).unwrap();
    let name = format!("ifconnect-disco-{}", std::process::id());
    let publisher = scrub(&mut Command::new(NDI_PUB))
        .args(["--name", &name, "--key", "scanner.key", "--size", "320x180", "--frames", "90"])
        .args(["--discovery", &addr.to_string()])
        .current_dir(&f.dir)
        .env("NDI_CONFIG_DIR", &user_config)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    server.set_nonblocking(true).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut conn = loop {
        match server.accept() {
            Ok((c, _)) => break c,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => panic!("the runtime never contacted the discovery server: {e}"),
        }
    };
    let pid = publisher.id();
    conn.set_nonblocking(false).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut first = [0u8; 64];
    let n = conn.read(&mut first).unwrap();
    drop(conn);
    let out = publisher.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // NDI's discovery protocol is XML text.
    assert_eq!(first.first(), Some(&b'<'), "{:?}", String::from_utf8_lossy(&first[..n]));
    // The user's own setting (the machine name) was kept alongside ours.
    assert!(stderr.contains(&format!("publishing `IFCONNECT-TEST ({name})`")), "{stderr}");
    // The private configuration folder is gone afterwards.
    let leftovers = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&format!("ifconnect-ndi-{pid}-")))
        .count();
    assert_eq!(leftovers, 0);
}

/// One HTTP/1.1 request over a fresh connection (the server closes it): (head, body).
fn http(addr: &str, request: &str) -> (String, Vec<u8>) {
    use std::io::{Read, Write};
    let mut conn = std::net::TcpStream::connect(addr).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    conn.write_all(request.as_bytes()).unwrap();
    let mut all = Vec::new();
    conn.read_to_end(&mut all).unwrap();
    let split = all.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| panic!("{all:?}"));
    (String::from_utf8_lossy(&all[..split]).into_owned(), all[split + 4..].to_vec())
}

#[test]
fn the_live_web_view_shows_the_verified_stream_in_headless_chromium() {
    let _one_at_a_time = serial();
    runtime();
    let f = Fixture::new("ndi-web");
    let msgs = f.messages("scanner.key", 1, "0123456789ab");
    let name = format!("ifconnect-web-{}", std::process::id());
    let (_publisher, port) = publisher(&f, &name, &msgs, &["--frames", "450", "--wait-receiver", "20"]);
    let viewer = Background::spawn(
        NDI_VIEW,
        &[
            "--source",
            &format!("127.0.0.1:{port}"),
            "--key",
            "reviewer.key",
            "--trust",
            "trust",
            "--seconds",
            "12",
            "--http",
            "127.0.0.1:0",
        ],
        &f.dir,
    );
    let line = viewer.wait_stderr("live view at http://", 10).unwrap_or_else(|| panic!("{}", viewer.stderr()));
    let addr = line.split("http://").nth(1).unwrap().trim_end_matches('/').to_owned();
    // Wait (bounded) until frames verify, without a polling interval: every part of /stream is a
    // new frame, so the status is asked for again each time the stream moves.
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    std::io::Write::write_all(&mut stream, b"GET /stream HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut streamed = Vec::new();
    let mut read_stream = |streamed: &mut Vec<u8>| {
        let mut chunk = [0u8; 65536];
        let n = std::io::Read::read(&mut stream, &mut chunk).unwrap();
        assert!(n > 0, "stream ended early");
        streamed.extend_from_slice(&chunk[..n]);
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        read_stream(&mut streamed);
        let (_, body) = http(&addr, "GET /status.json HTTP/1.1\r\nHost: x\r\n\r\n");
        let status: Value = serde_json::from_slice(&body).unwrap();
        if status["frames_verified"].as_u64() > Some(10) {
            assert_eq!((status["verified"].as_bool(), status["anomalies"].as_u64()), (Some(true), Some(0)), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "no frame verified: {status}");
    }
    // A browser nobody here wrote loads the page, runs its script, decodes the PNG frames.
    let chromium = Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        .args(["--disable-background-networking", "--no-first-run", "--virtual-time-budget=3000", "--dump-dom"])
        .arg(format!("http://{addr}/"))
        .stdin(Stdio::null())
        .output()
        .expect("chromium (Debian package `chromium`, installed by scripts/setup)");
    let dom = String::from_utf8_lossy(&chromium.stdout);
    assert!(dom.contains(r#"<span id="status" class="verified">VERIFIED  key "#), "{dom}");
    assert!(dom.contains("trace 0123456789ab</span>"), "{dom}");
    assert!(dom.contains(r#"<span id="size">320x180</span>"#), "the frame did not decode: {dom}");
    assert!(dom.contains(" frames verified, 0 anomalies</span>"), "{dom}");
    assert!(dom.contains(&format!(r#"<span id="source" class="dim">127.0.0.1:{port}"#)), "{dom}");
    // The stream: multipart PNG parts, each complete.
    while streamed.windows(20).filter(|w| w == b"--ifconnect-frame\r\nC").count() < 3 {
        read_stream(&mut streamed);
    }
    let text = String::from_utf8_lossy(&streamed);
    assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text:.200}");
    assert!(text.contains("Content-Type: multipart/x-mixed-replace; boundary=ifconnect-frame\r\n"));
    let part = text.split("--ifconnect-frame\r\n").nth(1).unwrap();
    let len: usize = part.split("Content-Length: ").nth(1).unwrap().split("\r\n").next().unwrap().parse().unwrap();
    let start = streamed.windows(8).position(|w| w == b"\x89PNG\r\n\x1a\n").unwrap();
    assert_eq!(&streamed[start + len..start + len + 2], b"\r\n", "part length");
    assert_eq!(&streamed[start + 16..start + 24], &[0, 0, 1, 64, 0, 0, 0, 180], "IHDR 320x180");
    // Anything else is refused plainly.
    assert!(http(&addr, "GET /../etc/passwd HTTP/1.1\r\n\r\n").0.starts_with("HTTP/1.1 404 "));
    assert!(http(&addr, "DELETE / HTTP/1.1\r\n\r\n").0.starts_with("HTTP/1.1 405 "));
    assert!(http(&addr, "garbage\r\n\r\n").0.starts_with("HTTP/1.1 400 "));
    let (code, stdout, stderr) = viewer.finish(20);
    assert_eq!(code, Some(0), "{stderr}{stdout}");
    schema_check(&stdout);
}

pub const NDI_BOARD: &str = env!("CARGO_BIN_EXE_if-ndi-board");

/// The council's events as `if-mcu` writes them (`content.event`, `content.step`, its fields),
/// signed by the MCU's key: the format is the contract between the two tools.
fn council_events(f: &Fixture, key: &str, events: &[Value]) -> String {
    let input: String = events.iter().map(|e| format!("{e}\n")).collect();
    f.ok(MSG, &["wrap", "--from", "json", "--key", key, "--trace-id", "0123456789ab"], &input).stdout
}

/// A board tile as its events list it: (kind, label, status).
pub(crate) type Tile = (String, String, String);

/// The board's `ndi.board` events so far, as (first frame, tiles).
pub(crate) fn board_states(stdout: &str) -> Vec<(u64, Vec<Tile>)> {
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|e| e["content"]["event"] == "ndi.board")
        .map(|e| {
            let tiles = e["content"]["tiles"].as_array().cloned().unwrap_or_default();
            let tiles = tiles
                .iter()
                .map(|t| {
                    let s = |k: &str| t[k].as_str().unwrap_or("").to_owned();
                    (s("kind"), s("label"), s("status"))
                })
                .collect();
            (e["content"]["first_frame"].as_u64().unwrap_or(0), tiles)
        })
        .collect()
}

#[test]
fn the_board_shows_a_tampered_evidence_stream_broken_and_the_council_to_an_independent_receiver() {
    use ifconnect::ndi::board::tile_rect;
    use std::io::Write;
    let _one_at_a_time = serial();
    runtime();
    let f = Fixture::new("ndi-board");
    let mcu = keygen(&f.dir, "if://agent/mcu", "mcu.key");
    f.write("trust", &(f.read("trust") + &mcu));
    keygen(&f.dir, "if://agent/forger", "forger.key");
    let msgs = f.messages("scanner.key", 1, "0123456789ab");
    let name = format!("ifconnect-board-{}", std::process::id());
    // Two evidence streams: one straight to the board, one through ndi-python's tampering relay
    // (frame 10 dropped, 20's record altered, 30's picture painted over).
    let args = ["--frames", "1800", "--fps", "15", "--wait-receiver", "20"];
    let (_direct, direct_port) = publisher(&f, &format!("{name}-direct"), &msgs, &args);
    let (_relayed, relayed_port) = publisher(&f, &format!("{name}-relayed"), &msgs, &args);
    let mut relay = peer(&["relay", &format!("127.0.0.1:{relayed_port}"), &format!("{name}-tampered"), "20"]);
    let announced: Value = serde_json::from_str(&first_line(&mut relay)).unwrap();
    let relay_port = announced["port"].as_u64().unwrap_or_else(|| panic!("relay port: {announced}"));
    let (direct, tampered) = (format!("127.0.0.1:{direct_port}"), format!("127.0.0.1:{relay_port}"));
    let mut board = Background::spawn_open(
        NDI_BOARD,
        &[
            "--name",
            &name,
            "--key",
            "reviewer.key",
            "--trust",
            "trust",
            "--council",
            "if://agent/mcu",
            "--source",
            &direct,
            "--source",
            &tampered,
            "--linger",
            "0",
            "--every",
            "30",
        ],
        &f.dir,
    );
    let line = board.wait_stderr("on port ", 20).unwrap_or_else(|| panic!("no port logged: {}", board.stderr()));
    let port = line.split("on port ").nth(1).and_then(|r| r.split(' ').next()).unwrap().to_owned();
    let mut receiver = Command::new(python_path())
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/ndi_peer.py"))
        .args(["board", &format!("127.0.0.1:{port}"), &f.path("kept.bgrx").to_string_lossy(), "60"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The council: two guardians, one muted, a vote and its decision, signed by the MCU; a line
    // that does not verify (an untrusted key) and one from a trusted agent that is not the MCU,
    // neither of which may reach the board.
    let mut council = council_events(
        &f,
        "mcu.key",
        &[
            serde_json::json!({"event": "h323.conference", "step": "joined", "participant": 1, "alias": "guardian-1"}),
            serde_json::json!({"event": "h323.conference", "step": "joined", "participant": 2, "alias": "guardian-2"}),
            serde_json::json!({"event": "h323.conference", "step": "muted", "participant": 2, "by_agent": "if://agent/moderator"}),
            serde_json::json!({"event": "h323.conference", "step": "vote_called", "conversation": "if://conversation/0123456789ab", "question": "Revoke the leaked key?", "closes_at_ms": 1_800_000_000_000i64, "quorum": 2, "rule": "no_objection"}),
            serde_json::json!({"event": "h323.conference", "step": "vote", "participant": 1, "alias": "guardian-1", "agent": "if://agent/guardian-1", "choice": "agree", "vote_sha256": "00"}),
            serde_json::json!({"event": "h323.conference", "step": "vote", "participant": 2, "alias": "guardian-2", "agent": "if://agent/guardian-2", "choice": "agree", "vote_sha256": "11"}),
        ],
    );
    council += &council_events(
        &f,
        "forger.key",
        &[serde_json::json!({"event": "h323.conference", "step": "decision", "outcome": "rejected"})],
    );
    council += &council_events(
        &f,
        "scanner.key",
        &[serde_json::json!({"event": "h323.conference", "step": "kicked", "participant": 1})],
    );
    council += &council_events(
        &f,
        "mcu.key",
        &[
            serde_json::json!({"event": "h323.conference", "step": "decision", "outcome": "approved", "counts": {"agree": 2}, "votes": ["00", "11"]}),
        ],
    );
    board.write_line(&council);
    let wanted = vec![
        ("evidence".to_owned(), direct.clone(), "verified".to_owned()),
        ("evidence".into(), tampered.clone(), "broken: tampered_pixels".into()),
        ("council".into(), "council".into(), "2 present, vote: 2 cast, 0 refused, decision approved".into()),
        ("participant".into(), "guardian-1".into(), "vote agree".into()),
        ("participant".into(), "guardian-2".into(), "muted, vote agree".into()),
    ];
    // Wait (bounded) for the board to put that state on the air.
    let deadline = Instant::now() + Duration::from_secs(40);
    let first_frame = loop {
        if let Some((n, _)) = board_states(&board.stdout()).into_iter().find(|(_, tiles)| *tiles == wanted) {
            break n;
        }
        assert!(Instant::now() < deadline, "{:#?}\n{}", board_states(&board.stdout()), board.stderr());
        std::thread::sleep(Duration::from_millis(100));
    };
    // The independent receiver keeps the first frame that shows it.
    writeln!(receiver.stdin.as_mut().unwrap(), "{first_frame}").unwrap();
    let out = receiver.wait_with_output().unwrap();
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    board.close_stdin();
    let (code, stdout, stderr) = board.finish(20);
    let _ = relay.kill();
    let _ = relay.wait();
    // Every frame the receiver got carries its record, whose signature and chain verify, checked
    // in Python; the picture is within the grid's tolerance.
    assert!(v["video"].as_u64().unwrap() >= 10, "{v}");
    assert_eq!((&v["in_frame"], &v["verified"]), (&v["video"], &v["video"]), "{v}");
    assert_eq!((v["bad"].as_u64(), v["chain_breaks"].as_u64()), (Some(0), Some(0)), "{v}");
    assert!(v["max_grid_distance"].as_u64().unwrap() <= ifconnect::ndi::card::GRID_TOLERANCE as u64, "{v}");
    let kept = &v["kept"];
    assert!(kept["n"].as_u64() >= Some(first_frame), "{v}");
    let (w, h) = (kept["w"].as_u64().unwrap() as u32, kept["h"].as_u64().unwrap() as u32);
    assert_eq!((w, h), (1280, 720));
    // The picture the receiver decoded: the tiles' borders and bands (BGRX, lossy).
    let frame = std::fs::read(f.path("kept.bgrx")).unwrap();
    assert_eq!(frame.len(), (w * h * 4) as usize);
    // `IF_BOARD_PREVIEW=FILE.png` writes the frame the receiver kept, to look at.
    if let Some(path) = std::env::var_os("IF_BOARD_PREVIEW") {
        std::fs::write(path, ifconnect::ndi::png::encode_bgra(&frame, w, h)).unwrap();
    }
    let pixel = |x: u32, y: u32| -> [i32; 3] {
        let at = ((y * w + x) * 4) as usize;
        [frame[at] as i32, frame[at + 1] as i32, frame[at + 2] as i32]
    };
    let green = |[b, g, r]: [i32; 3]| g > 120 && r < 100 && b < 100;
    let red = |[b, g, r]: [i32; 3]| r > 160 && g < 90 && b < 90;
    // Tile borders are 7 px at 1280x720 (tiles 320x180); the middle of the left border.
    let left_border = |slot: usize| {
        let (x, y, _, th) = tile_rect(slot, w, h);
        pixel(x + 3, y + th / 2)
    };
    // The status band along a tile's bottom, right of its text.
    let band = |slot: usize| {
        let (x, y, tw, th) = tile_rect(slot, w, h);
        pixel(x + tw - 20, y + th - 13)
    };
    assert!(green(left_border(0)), "direct stream's tile: {:?}", left_border(0));
    assert!(red(left_border(1)), "tampered stream's tile: {:?}", left_border(1));
    assert!(green(left_border(2)), "the council's tile, decision approved: {:?}", left_border(2));
    assert!(!red(band(3)), "guardian-1 is not muted: {:?}", band(3));
    assert!(red(band(4)), "guardian-2 is muted: {:?}", band(4));
    // The board's own record: exactly the relay's three tamperings on that stream, none on the
    // other; the bad line reported by number; the exit status says something did not verify.
    assert_eq!(code, Some(1), "{stderr}");
    let anomalies: Vec<(String, String)> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|e| e["content"]["event"] == "ndi.anomaly")
        .map(|e| {
            (e["content"]["source"].as_str().unwrap().to_owned(), e["content"]["kind"].as_str().unwrap().to_owned())
        })
        .collect();
    let expected: Vec<(String, String)> =
        ["gap", "tampered_metadata", "tampered_pixels"].iter().map(|k| (tampered.clone(), k.to_string())).collect();
    assert_eq!(anomalies, expected, "{stderr}");
    assert!(stderr.contains("stdin:7: "), "the forged line: {stderr}");
    assert_eq!(stderr.matches("stdin:").count(), 1, "{stderr}");
    schema_check(&stdout);
    f.witness_log_verifies("board.log", &stdout);
}

#[test]
fn a_board_whose_event_stream_dies_stops_and_exits_3() {
    let _one_at_a_time = serial();
    runtime();
    let f = Fixture::new("ndi-board-loss");
    let mcu = keygen(&f.dir, "if://agent/mcu", "mcu.key");
    f.write("trust", &(f.read("trust") + &mcu));
    let joined = council_events(
        &f,
        "mcu.key",
        &[serde_json::json!({"event": "h323.conference", "step": "joined", "participant": 1, "alias": "guardian-1"})],
    );
    let name = format!("ifconnect-board-loss-{}", std::process::id());
    // An evidence source nobody publishes: the board waits for it; stdin stays open.
    let unused = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let source = unused.local_addr().unwrap().to_string();
    let mut board = scrub(&mut Command::new(NDI_BOARD))
        .args(["--name", &name, "--key", "reviewer.key", "--trust", "trust", "--source", &source])
        .current_dir(&f.dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(board.stdout.take());
    let mut stdin = board.stdin.take().unwrap();
    std::io::Write::write_all(&mut stdin, joined.as_bytes()).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = board.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = board.kill();
            panic!("the board did not stop");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(board.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("event stream lost"), "{stderr}");
    drop(stdin);
}
