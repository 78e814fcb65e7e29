//! `if-gk serve` against endpoints built on pycrate's H.225.0 codec (`scripts/h225_peer.py`,
//! an implementation nobody here wrote), every packet of the run dissected by tshark; and
//! `if-gk endpoint` against `if-gk serve`, with a pycrate MCU as the council it calls, its
//! datagrams read by tshark and decoded by pycrate.

use crate::common::{keygen, python_path, scrub, tmpdir, Background, JsonPeer};
use serde_json::{json, Value};
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const GK: &str = env!("CARGO_BIN_EXE_if-gk");

/// One pycrate endpoint: a command in, its result line out.
/// The pycrate RAS endpoint (`scripts/h225_peer.py endpoint`).
struct Peer {
    json: JsonPeer,
    ras: String,
}

impl Peer {
    fn start(gk: &str, key: Option<&Path>) -> Peer {
        let mut args: Vec<&OsStr> = ["endpoint", "--gk", gk, "--timeout-ms", "6000"].map(OsStr::new).to_vec();
        if let Some(k) = key {
            args.extend([OsStr::new("--key"), k.as_os_str()]);
        }
        let (json, ready) = JsonPeer::start("h225_peer.py", &args, 20);
        let ras = ready["ready"]["ras"].as_str().expect("ready.ras").to_owned();
        Peer { json, ras }
    }

    fn send(&mut self, cmd: Value) {
        self.json.send(&cmd);
    }

    /// The result of the command sent last (requests of the gatekeeper's own are kept aside).
    fn result(&mut self, gk_requests: &mut Vec<Value>) -> Value {
        loop {
            let v = self.json.next(Duration::from_secs(30)).expect("a result line");
            if v.get("gk_request").is_some() {
                gk_requests.push(v);
            } else {
                assert!(v.get("error").is_none(), "the peer failed: {v}");
                return v;
            }
        }
    }

    /// Waits (bounded) for a request of the gatekeeper's own that the peer answered.
    fn gk_request(&mut self, kind: &str, secs: u64) -> Value {
        let deadline = std::time::Instant::now() + Duration::from_secs(secs);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let v = self.json.next(left).unwrap_or_else(|| panic!("no {kind} from the gatekeeper in {secs} s"));
            if v["gk_request"] == kind {
                return v;
            }
        }
    }

    fn ask(&mut self, cmd: Value) -> Value {
        self.send(cmd);
        self.result(&mut Vec::new())
    }
}

/// The whole lines of what a reader thread has collected so far (the last may still be coming).
fn complete_lines(text: &str) -> Vec<&str> {
    let whole = match text.rfind('\n') {
        Some(end) => &text[..end],
        None => "",
    };
    whole.lines().filter(|l| !l.is_empty()).collect()
}

/// Waits (bounded) until a whole line of `gk`'s stdout contains `needle`.
fn wait_for_event(gk: &Background, needle: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !complete_lines(&gk.stdout()).iter().any(|l| l.contains(needle)) {
        assert!(std::time::Instant::now() < deadline, "no event with {needle}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn answer(v: &Value) -> (&str, &str) {
    (v["answer"].as_str().unwrap_or("none"), v["reason"].as_str().unwrap_or(""))
}

/// A signed call description: an IFMessage from `key`.
fn description(dir: &Path, key: &str, performative: &str, content: &str) -> Value {
    serde_json::from_str(&description_line(dir, key, performative, content)).unwrap()
}

/// A signed call description as the line `if-msg new` wrote (trace id `00000000c0de`).
fn description_line(dir: &Path, key: &str, performative: &str, content: &str) -> String {
    let r = crate::common::ok(
        crate::common::MSG,
        &[
            "new",
            "--key",
            key,
            "--performative",
            performative,
            "--receiver",
            "if://agent/council",
            "--content",
            content,
            "--hazard",
            "type=safety,severity=high",
            "--trace-id",
            "00000000c0de",
        ],
        dir,
        "",
    );
    r.stdout.trim().to_owned()
}

struct Capture {
    tshark: Background,
    file: PathBuf,
}

/// tshark on `lo` for `port`, started and ready (it says `Capturing on`).
fn capture(dir: &Path, port: u16) -> Capture {
    let file = dir.join("ras.pcapng");
    let filter = format!("udp port {port}");
    let tshark = Background::spawn("tshark", &["-i", "lo", "-f", &filter, "-w", file.to_str().unwrap()], dir);
    assert!(tshark.wait_stderr("Capturing on", 30).is_some(), "tshark did not start: {}", tshark.stderr());
    Capture { tshark, file }
}

fn port_of(addr: &str) -> u16 {
    addr.rsplit(':').next().unwrap().parse().unwrap()
}

#[test]
fn pycrate_endpoints_register_are_admitted_and_refused_by_each_gate_and_tshark_reads_every_packet() {
    let dir = tmpdir("gk-pycrate");
    let mut trust = String::new();
    keygen(&dir, "if://agent/gk", "gk.key");
    for (agent, file) in [
        ("if://agent/guardian-01", "g1.key"),
        ("if://agent/guardian-02", "g2.key"),
        ("if://agent/mcu", "mcu.key"),
        ("if://agent/yologuard", "scan.key"),
    ] {
        trust += &keygen(&dir, agent, file);
    }
    keygen(&dir, "if://agent/stranger", "stranger.key");
    for i in 0..25 {
        trust += &keygen(&dir, &format!("if://agent/guardian-c{i:02}"), &format!("c{i:02}.key"));
    }
    std::fs::write(dir.join("trust"), trust).unwrap();
    let gk = Background::spawn(GK, &["serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust"], &dir);
    let line = gk.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gk did not start: {}", gk.stderr()));
    let addr = line.split_whitespace().find(|w| w.starts_with("127.0.0.1:")).unwrap().to_owned();
    let cap = capture(&dir, port_of(&addr));

    // Discovery, registration, a retransmission, a keep-alive.
    let mut g1 = Peer::start(&addr, Some(&dir.join("g1.key")));
    let r = g1.ask(json!({"op": "grq", "alias": "guardian-01"}));
    assert_eq!(answer(&r), ("gatekeeperConfirm", ""), "{r}");
    assert_eq!(r["fields"]["gatekeeperIdentifier"], "if-gk");
    let r = g1.ask(json!({"op": "rrq", "aliases": ["guardian-01"], "call_signal": "127.0.0.1:1720", "ttl": 60}));
    assert_eq!(answer(&r), ("registrationConfirm", ""), "{r}");
    let ep1 = r["fields"]["endpointIdentifier"].as_str().unwrap().to_owned();
    let again = g1.ask(json!({"op": "resend"}));
    assert_eq!(again["received"], r["received"], "a retransmitted RRQ gets the same answer, byte for byte");
    let r = g1.ask(json!({"op": "rrq", "keep_alive": true, "ttl": 60}));
    assert_eq!(answer(&r), ("registrationConfirm", ""), "{r}");
    assert_eq!(r["fields"]["endpointIdentifier"], ep1.as_str());

    // The callee is not registered yet; then it is (as a v1 endpoint, no extension additions).
    let r = g1.ask(json!({"op": "arq", "dest": "guardian-02", "bandwidth": 1280}));
    assert_eq!(answer(&r), ("admissionReject", "calledPartyNotRegistered"), "{r}");
    let mut g2 = Peer::start(&addr, None);
    let r = g2.ask(
        json!({"op": "rrq", "aliases": ["guardian-02"], "call_signal": "127.0.0.1:1730", "v1": true, "sign": false}),
    );
    assert_eq!(answer(&r), ("registrationConfirm", ""), "a v1 RRQ is decoded and registered: {r}");

    // Admitted, charged, changed, released.
    let r = g1.ask(json!({"op": "arq", "dest": "guardian-02", "bandwidth": 1280}));
    assert_eq!(answer(&r), ("admissionConfirm", ""), "{r}");
    assert_eq!(r["fields"]["destCallSignalAddress"], "127.0.0.1:1730");
    assert_eq!(r["fields"]["bandWidth"], 1280);
    let r = g1.ask(json!({"op": "brq", "bandwidth": 640}));
    assert_eq!(answer(&r), ("bandwidthConfirm", ""), "{r}");
    assert_eq!(r["fields"]["bandWidth"], 640);
    let r = g1.ask(json!({"op": "drq"}));
    assert_eq!(answer(&r), ("disengageConfirm", ""), "{r}");
    // More than a call may have: a partial grant.
    let r = g1.ask(json!({"op": "arq", "dest": "guardian-02", "bandwidth": 50000}));
    assert_eq!((answer(&r), r["fields"]["bandWidth"].as_u64()), (("admissionConfirm", ""), Some(20000)), "{r}");
    g1.ask(json!({"op": "drq"}));

    // The signature gate: unsigned, replayed, stale, tampered, for another gatekeeper.
    let r = g1.ask(json!({"op": "arq", "dest": "guardian-02", "sign": false}));
    assert_eq!(answer(&r), ("admissionReject", "securityDenial"), "{r}");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let token = json!({"timestamp": now, "random": 4242});
    let r = g1.ask(json!({"op": "arq", "dest": "guardian-02", "token": token}));
    assert_eq!(answer(&r), ("admissionConfirm", ""), "{r}");
    g1.ask(json!({"op": "drq"}));
    let r = g1.ask(json!({"op": "arq", "dest": "guardian-02", "token": token}));
    assert_eq!(answer(&r), ("admissionReject", "securityDenial"), "the same token again is a replay: {r}");
    let r = g1.ask(json!({"op": "arq", "dest": "guardian-02", "token": {"timestamp": now - 120}}));
    assert_eq!(answer(&r), ("admissionReject", "securityDenial"), "{r}");
    let r = g1.ask(json!({"op": "arq", "dest": "guardian-02", "token": {"tamper": true}}));
    assert_eq!(answer(&r), ("admissionReject", "securityDenial"), "{r}");
    let r = g1.ask(json!({"op": "arq", "dest": "guardian-02", "token": {"gk_id": "elsewhere"}}));
    assert_eq!(answer(&r), ("admissionReject", "securityDenial"), "{r}");
    // The registered gate: an endpoint identifier nobody registered.
    let r = g1.ask(json!({"op": "arq", "dest": "guardian-02", "endpoint_id": "ep-999"}));
    assert_eq!(answer(&r), ("admissionReject", "callerNotRegistered"), "{r}");

    // The council: its MCU registers; calls need a description that verifies and, for an
    // escalation, holds no personal data.
    let mut mcu = Peer::start(&addr, Some(&dir.join("mcu.key")));
    mcu.ask(json!({"op": "grq", "alias": "council", "terminal_type": "mc"}));
    let r =
        mcu.ask(json!({"op": "rrq", "aliases": ["council"], "call_signal": "127.0.0.1:1740", "terminal_type": "mc"}));
    assert_eq!(answer(&r), ("registrationConfirm", ""), "{r}");
    let r = g1.ask(json!({"op": "arq", "dest": "council"}));
    assert_eq!(answer(&r), ("admissionReject", "requestDenied"), "no description: {r}");
    let forged = description(&dir, "stranger.key", "escalate", r#"{"finding":"live AWS key in build logs"}"#);
    let r = g1.ask(json!({"op": "arq", "dest": "council", "description": forged}));
    assert_eq!(answer(&r), ("admissionReject", "requestDenied"), "untrusted description: {r}");
    let leaky = description(&dir, "scan.key", "escalate", r#"{"finding":"call jo.bloggs@example.org"}"#);
    let r = g1.ask(json!({"op": "arq", "dest": "council", "description": leaky}));
    assert_eq!(answer(&r), ("admissionReject", "requestDenied"), "personal data: {r}");
    let good = description(&dir, "scan.key", "escalate", r#"{"finding":"live AWS key in build logs"}"#);
    let r = g1.ask(json!({"op": "arq", "dest": "council", "description": good}));
    assert_eq!(answer(&r), ("admissionConfirm", ""), "{r}");
    assert_eq!(r["fields"]["destCallSignalAddress"], "127.0.0.1:1740");
    assert_eq!(r["fields"]["callModel"], "gatekeeperRouted");
    g1.ask(json!({"op": "drq"}));

    // 25 guardians admitted at once to the council; the 26th is refused.
    let mut guardians: Vec<Peer> =
        (0..25).map(|i| Peer::start(&addr, Some(&dir.join(format!("c{i:02}.key"))))).collect();
    for (i, g) in guardians.iter_mut().enumerate() {
        g.send(json!({"op": "grq", "alias": format!("guardian-c{i:02}")}));
    }
    for g in guardians.iter_mut() {
        g.result(&mut Vec::new());
        g.send(json!({"op": "rrq", "aliases": [g.ras.clone()], "call_signal": "127.0.0.1:1750"}));
    }
    for g in guardians.iter_mut() {
        assert_eq!(answer(&g.result(&mut Vec::new())).0, "registrationConfirm");
        g.send(json!({"op": "arq", "dest": "council", "description": good}));
    }
    for g in guardians.iter_mut() {
        let r = g.result(&mut Vec::new());
        assert_eq!(answer(&r), ("admissionConfirm", ""), "{r}");
    }
    let r = g1.ask(json!({"op": "arq", "dest": "council", "description": good}));
    assert_eq!(answer(&r), ("admissionReject", "resourceUnavailable"), "the 26th: {r}");
    // One leaves; the place is free again.
    assert_eq!(answer(&guardians[0].ask(json!({"op": "drq"}))).0, "disengageConfirm");
    let r = g1.ask(json!({"op": "arq", "dest": "council", "description": good}));
    assert_eq!(answer(&r), ("admissionConfirm", ""), "{r}");

    // Location, an unsolicited IRR, and unregistration.
    let r = g2.ask(json!({"op": "lrq", "dest": "guardian-01"}));
    assert_eq!(answer(&r), ("locationConfirm", ""), "{r}");
    let r = g1.ask(json!({"op": "irr"}));
    assert_eq!(answer(&r), ("infoRequestAck", ""), "{r}");
    let r = g2.ask(json!({"op": "urq"}));
    assert_eq!(answer(&r), ("unregistrationConfirm", ""), "{r}");
    let r = g2.ask(json!({"op": "lrq", "dest": "guardian-02"}));
    assert_eq!(answer(&r), ("locationReject", "notRegistered"), "{r}");
    drop(guardians);
    drop((g1, g2, mcu));

    // Every transaction is one signed event, the refusals naming their gate. The last answer
    // left after its event was written; our reader thread may still be reading it.
    wait_for_event(&gk, r#""answer":"locationReject""#);
    let (_, events, stderr) = gk.finish(0);
    let events: Vec<Value> = complete_lines(&events).iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    let contents: Vec<&Value> = events.iter().map(|e| &e["content"]).collect();
    let refused: Vec<(&str, &str)> = contents
        .iter()
        .filter(|c| c["request"] == "admissionRequest" && c["answer"] == "admissionReject")
        .map(|c| (c["gate"].as_str().unwrap(), c["reason"].as_str().unwrap()))
        .collect();
    for want in [
        ("route", "calledPartyNotRegistered"),
        ("signature", "securityDenial"),
        ("registered", "callerNotRegistered"),
        ("policy", "requestDenied"),
        ("capacity", "resourceUnavailable"),
    ] {
        assert!(refused.contains(&want), "no {want:?} refusal on the record: {refused:?}\n{stderr}");
    }
    let council = contents
        .iter()
        .find(|c| c["council"] == true && c["answer"] == "admissionConfirm")
        .expect("a council admission");
    assert_eq!(council["call_type"], "escalate");
    assert!(events.iter().any(|e| e["trace_id"] == "00000000c0de"), "the description's trace id is on the record");
    crate::common::schema_check(&events.iter().map(|e| e.to_string() + "\n").collect::<String>());

    // tshark reads every packet as RAS, none malformed. RAS is dissected on 1719 by default; the
    // gatekeeper's port is the OS's choice.
    let decode_as = format!("udp.port=={},h225", port_of(&addr));
    let dissect = |filter: &str, fields: &[&str]| {
        let mut args = vec![
            "-r".to_owned(),
            cap.file.display().to_string(),
            "-d".into(),
            decode_as.clone(),
            "-Y".into(),
            filter.into(),
            "-T".into(),
            "fields".into(),
        ];
        for f in fields {
            args.extend(["-e".to_owned(), f.to_string()]);
        }
        let out = Command::new("tshark").args(&args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let wanted = [
        "gatekeeperRequest",
        "gatekeeperConfirm",
        "registrationRequest",
        "registrationConfirm",
        "admissionRequest",
        "admissionConfirm",
        "admissionReject",
        "bandwidthConfirm",
        "disengageConfirm",
        "locationConfirm",
        "locationReject",
        "infoRequestAck",
        "unregistrationConfirm",
    ];
    // The capture is written as packets arrive: wait (bounded) until the last of them is in it.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !wanted.iter().all(|k| dissect("h225.RasMessage", &["_ws.col.Info"]).contains(k))
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(cap.tshark);
    let bad = dissect("_ws.malformed || _ws.expert.severity >= \"Warning\"", &["frame.number", "_ws.col.Info"]);
    assert!(bad.trim().is_empty(), "tshark finds malformed packets:\n{bad}");
    let kinds = dissect("h225.RasMessage", &["_ws.col.Info"]);
    for kind in wanted {
        assert!(kinds.contains(kind), "tshark saw no {kind}:\n{kinds}");
    }
    assert!(kinds.lines().count() >= 100, "{} RAS packets", kinds.lines().count());
}

#[test]
fn the_hostile_corpus_never_stops_the_gatekeeper_and_each_datagram_is_dropped_or_answered() {
    let dir = tmpdir("gk-hostile");
    keygen(&dir, "if://agent/gk", "gk.key");
    let trust = keygen(&dir, "if://agent/guardian-01", "g1.key");
    std::fs::write(dir.join("trust"), trust).unwrap();
    let gk = Background::spawn(GK, &["serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust"], &dir);
    let line = gk.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gk did not start: {}", gk.stderr()));
    let addr: std::net::SocketAddr =
        line.split_whitespace().find(|w| w.starts_with("127.0.0.1:")).unwrap().parse().unwrap();
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/h225");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ras"))
        .collect();
    names.sort();
    for _ in 0..3 {
        for p in &names {
            sock.send_to(&std::fs::read(p).unwrap(), addr).unwrap();
        }
    }
    // Still serving: a GRQ sent after all of it is confirmed.
    let grq = std::fs::read(corpus.join("ok-grq.ras")).unwrap();
    let mut buf = [0u8; 2048];
    sock.send_to(&grq, addr).unwrap();
    let confirmed = loop {
        let (n, _) = sock.recv_from(&mut buf).expect("the gatekeeper answers after the hostile corpus");
        // gatekeeperConfirm is RasMessage alternative 1: the first octet is 0b0_00001_xx.
        if n > 0 && buf[0] >> 2 == 1 {
            break true;
        }
    };
    assert!(confirmed);
    // One event per distinct request of the corpus (8 of the 9 that decode; a requestInProgress
    // answers nothing); sent again, they get the same answer and no second record.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while complete_lines(&gk.stdout()).len() < 8 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(gk.wait_stderr("dropped: not a RAS message", 20).is_some(), "{}", gk.stderr());
    let (code, events, stderr) = gk.finish(0);
    assert!(code.is_none(), "the gatekeeper exited: {stderr}");
    let lines = complete_lines(&events);
    assert_eq!(lines.len(), 8, "{events}");
    assert!(lines.iter().all(|l| l.contains(r#""answer":"#)), "every recorded request was answered: {events}");
}

#[test]
fn the_gatekeeper_asks_silent_endpoints_unregisters_expired_ones_and_disengages_their_peers() {
    let dir = tmpdir("gk-own-requests");
    keygen(&dir, "if://agent/gk", "gk.key");
    let mut trust = keygen(&dir, "if://agent/guardian-01", "g1.key");
    trust += &keygen(&dir, "if://agent/guardian-02", "g2.key");
    std::fs::write(dir.join("trust"), trust).unwrap();
    let gk = Background::spawn(
        GK,
        &["serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust", "--call-check", "2"],
        &dir,
    );
    let line = gk.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gk did not start: {}", gk.stderr()));
    let addr = line.split_whitespace().find(|w| w.starts_with("127.0.0.1:")).unwrap().to_owned();
    let mut g1 = Peer::start(&addr, Some(&dir.join("g1.key")));
    let mut g2 = Peer::start(&addr, Some(&dir.join("g2.key")));
    g1.ask(json!({"op": "grq", "alias": "guardian-01"}));
    g2.ask(json!({"op": "grq", "alias": "guardian-02"}));
    // guardian-01 lives 10 s (the shortest time to live) and never renews.
    assert_eq!(
        answer(&g1.ask(json!({"op": "rrq", "aliases": ["guardian-01"], "call_signal": "127.0.0.1:1720", "ttl": 10}))).0,
        "registrationConfirm"
    );
    assert_eq!(
        answer(&g2.ask(json!({"op": "rrq", "aliases": ["guardian-02"], "call_signal": "127.0.0.1:1730", "ttl": 600})))
            .0,
        "registrationConfirm"
    );
    let call = "33333333333333333333333333333333";
    let r = g1.ask(json!({"op": "arq", "dest": "guardian-02", "call_id": call, "conference_id": call}));
    assert_eq!(answer(&r), ("admissionConfirm", ""), "{r}");
    let r = g2
        .ask(json!({"op": "arq", "dest": "guardian-02", "call_id": call, "conference_id": call, "answer_call": true}));
    assert_eq!(answer(&r), ("admissionConfirm", ""), "the answering side: {r}");
    // Both have a call and say nothing: each is asked (IRQ) and the peer answers (IRR).
    g1.gk_request("infoRequest", 20);
    g2.gk_request("infoRequest", 20);
    // guardian-01's registration runs out: it is unregistered, and its callee told to disengage.
    g1.gk_request("unregistrationRequest", 30);
    let drq = g2.gk_request("disengageRequest", 30);
    assert_eq!(drq["fields"]["callIdentifier"]["guid"], call, "{drq}");
    let wanted = [
        ("infoRequest", "infoRequestResponse"),
        ("unregistrationRequest", "unregistrationConfirm"),
        ("disengageRequest", "disengageConfirm"),
    ];
    let on_record = |records: &[Value], (request, answer): (&str, &str)| {
        records.iter().any(|r| r["request"] == request && r["answer"] == answer)
    };
    // The answers' records are written as the answers arrive: wait (bounded) for the last.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let records = loop {
        let records: Vec<Value> = complete_lines(&gk.stdout())
            .iter()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["content"].clone())
            .collect();
        if wanted.iter().all(|w| on_record(&records, *w)) || std::time::Instant::now() > deadline {
            break records;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    for w in wanted {
        assert!(on_record(&records, w), "no {} answered {} on the record: {records:#?}", w.0, w.1);
    }
    assert!(records.iter().any(|r| r["request"] == "registrationExpired"), "{records:#?}");
}

/// The gatekeeper with its stdout piped to the test, and its RAS address.
fn gatekeeper_with_stdout(
    dir: &Path,
    extra: &[&str],
) -> (Child, std::process::ChildStdout, std::net::SocketAddr, std::sync::Arc<std::sync::Mutex<String>>) {
    let mut args = vec!["serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust"];
    args.extend_from_slice(extra);
    let mut child = scrub(Command::new(GK).args(&args).current_dir(dir))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let (tx, rx) = mpsc::channel();
    {
        let stderr = stderr.clone();
        let pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on ").nth(1) {
                    let _ = tx.send(rest.split(' ').next().unwrap_or("").to_owned());
                }
                stderr.lock().unwrap().push_str(&(line + "\n"));
            }
        });
    }
    let addr = rx.recv_timeout(Duration::from_secs(20)).expect("if-gk never said where it listens").parse().unwrap();
    (child, stdout, addr, stderr)
}

/// Waits (bounded) for `text` in what a reader thread collects: the process says it on its
/// own threads, and ours reads it when it can.
fn wait_for_text(collected: &std::sync::Mutex<String>, text: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !collected.lock().unwrap().contains(text) {
        assert!(std::time::Instant::now() < deadline, "no `{text}` in:\n{}", collected.lock().unwrap());
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/h225").join(name)).unwrap()
}

/// Sends `bytes` and returns the RAS alternative of the answer, if one comes within `secs`.
fn exchange(sock: &std::net::UdpSocket, to: std::net::SocketAddr, bytes: &[u8], secs: u64) -> Option<&'static str> {
    sock.set_read_timeout(Some(Duration::from_secs(secs))).unwrap();
    sock.send_to(bytes, to).unwrap();
    let mut buf = [0u8; 4096];
    let (n, _) = sock.recv_from(&mut buf).ok()?;
    Some(ifconnect::h323::ras::kind(&ifconnect::h323::ras::decode(&buf[..n]).expect("a RAS answer")))
}

#[test]
fn a_lost_event_stream_stops_the_gatekeeper_with_exit_3_unless_told_to_continue() {
    let dir = tmpdir("gk-audit-loss");
    keygen(&dir, "if://agent/gk", "gk.key");
    std::fs::write(dir.join("trust"), keygen(&dir, "if://agent/guardian-01", "g1.key")).unwrap();
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();

    let (mut child, stdout, addr, stderr) = gatekeeper_with_stdout(&dir, &[]);
    assert_eq!(exchange(&sock, addr, &corpus("ok-grq.ras"), 10), Some("gatekeeperConfirm"));
    let mut events = BufReader::new(stdout);
    let mut first = String::new();
    events.read_line(&mut first).unwrap();
    assert!(first.contains("gatekeeperRequest"), "{first}");
    drop(events);
    // The next decision's record cannot be written: the gatekeeper stops and exits 3. (A new
    // request now and then until it does: a process another test forks at this moment holds
    // our end of the pipe until it execs, and a record written meanwhile is not yet a loss.)
    let mut lrq = corpus("ok-lrq.ras");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let mut seq = 40u8;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "if-gk kept running without its event stream: {}",
            stderr.lock().unwrap()
        );
        lrq[2] = seq;
        seq = seq.wrapping_add(1);
        exchange(&sock, addr, &lrq, 1);
    };
    assert_eq!(status.code(), Some(3), "{}", stderr.lock().unwrap());
    wait_for_text(&stderr, "event stream lost");

    // With --on-audit-loss continue it serves on, unrecorded.
    let (mut child, stdout, addr, stderr) = gatekeeper_with_stdout(&dir, &["--on-audit-loss", "continue"]);
    assert_eq!(exchange(&sock, addr, &corpus("ok-grq.ras"), 10), Some("gatekeeperConfirm"));
    drop(stdout);
    let mut lrq = corpus("ok-lrq.ras");
    for seq in 20..23u8 {
        // A new requestSeqNum each time (its second octet): new requests, not retransmissions.
        lrq[2] = seq;
        assert_eq!(exchange(&sock, addr, &lrq, 10), Some("locationReject"), "{}", stderr.lock().unwrap());
    }
    wait_for_text(&stderr, "serving on");
    assert!(child.try_wait().unwrap().is_none(), "if-gk stopped: {}", stderr.lock().unwrap());
    let _ = child.kill();
    let _ = child.wait();
}

/// The gatekeeper `if-gk serve` on an OS-chosen port, trusting `trust`: (process, address).
fn serve(dir: &Path) -> (Background, String) {
    let gk = Background::spawn(GK, &["serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust"], dir);
    let line = gk.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gk did not start: {}", gk.stderr()));
    let addr = line.split_whitespace().find(|w| w.starts_with("127.0.0.1:")).unwrap().to_owned();
    (gk, addr)
}

/// The council's MCU: a pycrate endpoint registered as `council`, a multipoint controller.
fn council(dir: &Path, gk: &str) -> Peer {
    let mut mcu = Peer::start(gk, Some(&dir.join("mcu.key")));
    let r = mcu.ask(json!({"op": "grq", "alias": "council", "terminal_type": "mc"}));
    assert_eq!(answer(&r), ("gatekeeperConfirm", ""), "{r}");
    let r =
        mcu.ask(json!({"op": "rrq", "aliases": ["council"], "call_signal": "127.0.0.1:1740", "terminal_type": "mc"}));
    assert_eq!(answer(&r), ("registrationConfirm", ""), "{r}");
    mcu
}

/// The RAS address `if-gk endpoint` logged (`RAS on ADDR; ...`).
fn ras_of(stderr: &str) -> String {
    let line = stderr.lines().find(|l| l.contains("RAS on ")).unwrap_or_else(|| panic!("no RAS address: {stderr}"));
    line.split_whitespace().find(|w| w.starts_with("127.0.0.1:")).unwrap().trim_end_matches(';').to_owned()
}

/// The gatekeeper's events whose peer is `ras`, waited for (bounded) until one answers `last`.
fn gk_events_of(gk: &Background, ras: &str, last: &str) -> Vec<Value> {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let events: Vec<Value> = complete_lines(&gk.stdout())
            .iter()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|e| e["content"]["peer"] == ras)
            .collect();
        if events.iter().any(|e| e["content"]["request"] == last) || std::time::Instant::now() > deadline {
            return events;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `if-gk endpoint`'s output: `line` passed through once, before the events of its call (the
/// discovery and registration may come before or after it: they race with stdin); the events.
fn passed_through_before_its_call(out: &str, line: &str) -> Vec<Value> {
    let at: Vec<usize> = out.lines().enumerate().filter(|(_, l)| *l == line).map(|(i, _)| i).collect();
    assert_eq!(at.len(), 1, "the line passes through once:\n{out}");
    let events: Vec<(usize, Value)> = out
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != at[0])
        .map(|(i, l)| (i, serde_json::from_str(l).unwrap()))
        .collect();
    let first_of_call = events.iter().find(|(_, e)| e["content"]["step"] == "admit").map(|(i, _)| *i);
    assert!(first_of_call.is_none_or(|i| i > at[0]), "the line passes through before its call's events:\n{out}");
    events.into_iter().map(|(_, e)| e).collect()
}

#[test]
fn if_gk_endpoint_is_admitted_to_the_council_and_pycrate_and_tshark_read_every_datagram_it_sent() {
    let dir = tmpdir("gk-endpoint");
    keygen(&dir, "if://agent/gk", "gk.key");
    let trust = keygen(&dir, "if://agent/guardian-01", "g1.key") + &keygen(&dir, "if://agent/mcu", "mcu.key");
    std::fs::write(dir.join("trust"), trust).unwrap();
    let (gk, addr) = serve(&dir);
    let cap = capture(&dir, port_of(&addr));
    let _mcu = council(&dir, &addr);

    let line = description_line(&dir, "g1.key", "escalate", r#"{"finding":"live AWS key in build logs"}"#);
    let args = [
        "endpoint",
        "--gk",
        &addr,
        "--key",
        "g1.key",
        "--alias",
        "guardian-01",
        "--call",
        "council",
        "--ttl",
        "60",
        "--change-bandwidth",
        "640",
        "--hold-ms",
        "100",
    ];
    let ep = Background::spawn_with_input(GK, &args, &dir, Some(&format!("{line}\n")));
    let (code, out, stderr) = ep.finish(60);
    assert_eq!(code, Some(0), "{stderr}\n{out}");
    let ras = ras_of(&stderr);
    crate::common::schema_check(&out);
    let events = passed_through_before_its_call(&out, &line);
    assert!(events.iter().all(|e| e["sender"] == "if://agent/guardian-01" && e["content"]["event"] == "h323.endpoint"));
    let steps: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e["content"]["step"].as_str().unwrap(), e["content"]["outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(
        steps,
        [
            ("discover", "confirmed"),
            ("register", "confirmed"),
            ("admit", "confirmed"),
            ("change_bandwidth", "confirmed"),
            ("disengage", "confirmed"),
            ("unregister", "confirmed")
        ],
        "{stderr}"
    );
    let step = |name: &str| &events.iter().find(|e| e["content"]["step"] == name).unwrap()["content"];
    let endpoint_id = step("register")["endpoint"].as_str().unwrap().to_owned();
    assert_eq!(step("register")["time_to_live"], 60);
    let admit = step("admit");
    assert_eq!(admit["dest_call_signal"], "127.0.0.1:1740", "the council's call signalling address");
    assert_eq!((admit["call_model"].as_str(), admit["bandwidth"].as_u64()), (Some("gatekeeperRouted"), Some(1280)));
    assert_eq!(admit["signer"], "if://agent/guardian-01");
    assert_eq!(step("change_bandwidth")["bandwidth"], 640);
    let admitted = events.iter().find(|e| e["content"]["step"] == "admit").unwrap();
    assert_eq!(admitted["trace_id"], "00000000c0de", "the call carries its description's trace");

    // The gatekeeper's record agrees, transaction by transaction.
    let gk_events = gk_events_of(&gk, &ras, "unregistrationRequest");
    let gk_steps: Vec<(&str, &str)> = gk_events
        .iter()
        .map(|e| (e["content"]["request"].as_str().unwrap(), e["content"]["answer"].as_str().unwrap_or("none")))
        .collect();
    assert_eq!(
        gk_steps,
        [
            ("gatekeeperRequest", "gatekeeperConfirm"),
            ("registrationRequest", "registrationConfirm"),
            ("admissionRequest", "admissionConfirm"),
            ("bandwidthRequest", "bandwidthConfirm"),
            ("disengageRequest", "disengageConfirm"),
            ("unregistrationRequest", "unregistrationConfirm")
        ]
    );
    let gk_admit = &gk_events[2]["content"];
    assert_eq!(gk_admit["endpoint"], endpoint_id.as_str());
    assert_eq!((gk_admit["council"].as_bool(), gk_admit["call_type"].as_str()), (Some(true), Some("escalate")));
    assert_eq!(gk_admit["signer"], "if://agent/guardian-01");
    assert_eq!(gk_admit["description"], admit["description"], "both name the same description");
    assert_eq!(gk_admit["call_id"], admit["call_id"]);
    assert_eq!(gk_events[2]["trace_id"], "00000000c0de");
    assert_eq!(gk_events[1]["content"]["signer"], "if://agent/guardian-01", "the RRQ's token verified");
    assert!(gk_events
        .iter()
        .all(|e| e["content"]["endpoint"].is_null() || e["content"]["endpoint"] == endpoint_id.as_str()));

    // tshark reads the endpoint's datagrams as RAS, none malformed; pycrate decodes each.
    let decode_as = format!("udp.port=={},h225", port_of(&addr));
    let from_endpoint = format!("udp.srcport=={}", port_of(&ras));
    let dissect = |filter: &str, fields: &[&str]| {
        let file = cap.file.display().to_string();
        let mut args = vec!["-r", &file, "-d", &decode_as, "-Y", filter, "-T", "fields"];
        for f in fields {
            args.extend(["-e", f]);
        }
        let out = Command::new("tshark").args(&args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while dissect(&from_endpoint, &["_ws.col.Info"]).lines().count() < 6 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(cap.tshark);
    let bad = dissect(
        &format!("{from_endpoint} && (_ws.malformed || _ws.expert.severity >= \"Warning\")"),
        &["frame.number", "_ws.col.Info"],
    );
    assert!(bad.trim().is_empty(), "tshark finds malformed datagrams from the endpoint:\n{bad}");
    let payloads: Vec<String> = dissect(&from_endpoint, &["udp.payload"])
        .lines()
        .map(|l| l.replace(':', ""))
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(payloads.len(), 6, "GRQ, RRQ, ARQ, BRQ, DRQ, URQ");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/h225_peer.py");
    let decoders: Vec<Child> = payloads
        .iter()
        .map(|hex| {
            scrub(Command::new(python_path()).arg(&script).args(["decode", hex]))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let decoded: Vec<Value> = decoders
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(out.status.success(), "pycrate cannot decode it: {}", String::from_utf8_lossy(&out.stderr));
            serde_json::from_slice(&out.stdout).unwrap()
        })
        .collect();
    let kinds: Vec<&str> = decoded.iter().map(|v| v.as_object().unwrap().keys().next().unwrap().as_str()).collect();
    assert_eq!(
        kinds,
        [
            "gatekeeperRequest",
            "registrationRequest",
            "admissionRequest",
            "bandwidthRequest",
            "disengageRequest",
            "unregistrationRequest"
        ]
    );
    let rrq = &decoded[1]["registrationRequest"];
    assert_eq!(rrq["tokens"][0]["sendersID"], "if://agent/guardian-01");
    assert_eq!(rrq["timeToLive"], 60);
    let arq = &decoded[2]["admissionRequest"];
    assert_eq!(arq["tokens"][0]["generalID"], "if-gk");
    assert_eq!(arq["destinationInfo"][0]["h323-ID"], "council");
    let carried = hex::decode(arq["nonStandardData"]["data"].as_str().unwrap()).unwrap();
    assert_eq!(String::from_utf8(carried).unwrap(), line, "the ARQ carries the line as its call description");
    assert_eq!(decoded[3]["bandwidthRequest"]["bandWidth"], 640);
}

#[test]
fn if_gk_endpoint_exits_1_for_a_refused_admission_or_a_bad_line_and_2_for_a_refused_registration() {
    let dir = tmpdir("gk-endpoint-refused");
    keygen(&dir, "if://agent/gk", "gk.key");
    keygen(&dir, "if://agent/stranger", "stranger.key");
    let trust = keygen(&dir, "if://agent/guardian-01", "g1.key") + &keygen(&dir, "if://agent/mcu", "mcu.key");
    std::fs::write(dir.join("trust"), trust).unwrap();
    let (gk, addr) = serve(&dir);
    let _mcu = council(&dir, &addr);

    // A line that is not JSON (skipped), then an escalation signed by a key the gatekeeper does
    // not trust: the endpoint's own check passes it (no --trust: the line's own key), the
    // gatekeeper refuses the call.
    let forged = description_line(&dir, "stranger.key", "escalate", r#"{"finding":"live AWS key in build logs"}"#);
    let args = ["endpoint", "--gk", &addr, "--key", "g1.key", "--alias", "guardian-01", "--on-error", "skip"];
    let ep = Background::spawn_with_input(GK, &args, &dir, Some(&format!("not json\n{forged}\n")));
    let (code, out, stderr) = ep.finish(60);
    assert_eq!(code, Some(1), "{stderr}\n{out}");
    assert!(stderr.contains("stdin:1: not JSON"), "{stderr}");
    assert!(stderr.contains("stdin:2: admission of the call to council refused: requestDenied"), "{stderr}");
    let events = passed_through_before_its_call(&out, &forged);
    let admit = events.iter().find(|e| e["content"]["step"] == "admit").unwrap();
    assert_eq!(
        (admit["content"]["outcome"].as_str(), admit["content"]["reason"].as_str()),
        (Some("rejected"), Some("requestDenied"))
    );
    assert_eq!(admit["performative"], "refuse");
    assert_eq!(events.last().unwrap()["content"]["step"], "unregister", "it still unregisters");
    let gk_events = gk_events_of(&gk, &ras_of(&stderr), "unregistrationRequest");
    let gk_admit = gk_events.iter().find(|e| e["content"]["request"] == "admissionRequest").unwrap();
    assert_eq!(
        (gk_admit["content"]["gate"].as_str(), gk_admit["content"]["reason"].as_str()),
        (Some("policy"), Some("requestDenied"))
    );

    // The alias is the council's: registration refused, exit 2 naming the gatekeeper and why.
    let args = ["endpoint", "--gk", &addr, "--key", "g1.key", "--alias", "council"];
    let ep = Background::spawn_with_input(GK, &args, &dir, Some(""));
    let (code, out, stderr) = ep.finish(60);
    assert_eq!(code, Some(2), "{stderr}\n{out}");
    let want = format!("gatekeeper {addr}: registrationRequest refused: duplicateAlias");
    assert!(stderr.lines().any(|l| l.ends_with(&want)), "{stderr}");
    let last: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!((last["content"]["step"].as_str(), last["performative"].as_str()), (Some("register"), Some("refuse")));
}
