//! Issue 14's two escalations end to end, as docs/escalate.md tells them: every tool a real
//! binary, every peer one nobody here wrote (the NDI runtime and ndi-python, pycrate guardians,
//! Kamailio, baresip), one trace id from the hazard to the council's decision, and at the end
//! `if-witness audit` over every tool's log.
//!
//! 1. IF.yologuard's findings → `if-msg wrap` → `if-ndi-pub` → `if-ndi-view` and `if-ndi-board`
//!    verify the evidence → the council (`if-gk`, `if-mcu`, three guardians) votes → decision.
//! 2. An escalation → `if-sip escalate` through Kamailio and `if-sip` to two baresip experts →
//!    one answers, the other is cancelled → the evidence over `if-mesh` → the expert dials the
//!    council through `if-sip` and `if-gw` → guardians vote → decision; tones checked both ways.

use crate::common::{free_port, ok, run, tmpdir, wait_for_udp_bound, Background, Fixture, MSG, SIP, WITNESS};
use crate::gw::{escalation, guardian_hears, is, lines, loudest_second, wait_lines, witness_log, Phone};
use crate::mcu::{
    addr_in, description_in, events, guardian, step_of, trust_file, vote_line, wait_event, Guardian, Server,
};
use crate::mesh::{event_name, opened, received, rust_agent_with, signal_server, wait_for};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const GK: &str = env!("CARGO_BIN_EXE_if-gk");
const GW: &str = env!("CARGO_BIN_EXE_if-gw");

/// The incident's trace id: the one the guardians' descriptions carry (`mcu::description_in`),
/// so that the council's vote, the gatekeeper's admissions and the MCU's records are in it too.
const TRACE: &str = "00000000c0de";
/// The escalation's conversation, which the guardians' descriptions name and the vote is on.
const CONVERSATION: &str = "if://conversation/00000000c0de";
/// The guardians in the council and the tone each plays (none a harmonic of another or of 440 Hz).
const GUARDIANS: [(&str, f64); 3] = [("guardian-01", 1000.0), ("guardian-02", 1300.0), ("guardian-03", 1700.0)];
/// The tone the expert's phone plays.
const EXPERT_HZ: f64 = 440.0;

/// IF.yologuard's `--json` output: one live Stripe key (escalated), one AWS example key, a note.
const FINDINGS: &str = r#"[
 {"file": "app/config.py", "line": 12, "pattern": "stripe_live_key", "match": "sk_live_51HxDemoDemoDemoDemo00",
  "severity": "ERROR", "classification": "usable", "relationshipScore": 0.92},
 {"file": "docs/setup.md", "line": 3, "pattern": "aws_access_key", "match": "AKIAIOSFODNN7EXAMPLE",
  "severity": "WARNING", "classification": "component", "relationshipScore": 0.2},
 {"file": "tests/fixture.txt", "line": 1, "pattern": "generic_password", "match": "hunter2",
  "severity": "NOTE", "classification": "component", "relationshipScore": 0.1}
]"#;

/// Keys in `dir` for `agents` (agent, key file) and the council (gatekeeper, MCU, chair,
/// guardians) and the witness, and `dir/trust` listing them all.
fn keys(dir: &Path, agents: &[(&str, &str)]) {
    let guardians: Vec<(String, String)> =
        GUARDIANS.iter().map(|(name, _)| (format!("if://agent/{name}"), format!("{name}.key"))).collect();
    let mut all = agents.to_vec();
    all.extend([("if://agent/gk", "gk.key"), ("if://agent/mcu", "mcu.key"), ("if://agent/chair", "chair.key")]);
    all.push(("if://agent/witness", "witness.key"));
    all.extend(guardians.iter().map(|(a, k)| (a.as_str(), k.as_str())));
    trust_file(dir, &all);
}

/// The council: the gatekeeper, the MCU (the chair may call votes; three votes are a quorum), and
/// the guardians, each admitted with a description it signed in the escalation's conversation.
struct Council {
    gk: Background,
    gk_addr: String,
    mcu: Server,
    guardians: Vec<Guardian>,
}

fn council(dir: &Path) -> Council {
    std::fs::write(
        dir.join("council.toml"),
        "trust = [\"trust\"]\n\n[council]\nquorum = 3\nrule = \"no_objection\"\nwindow_s = 120\n",
    )
    .unwrap();
    let gk = Background::spawn(GK, &["serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust"], dir);
    let gk_addr = addr_in(&gk.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gk: {}", gk.stderr())));
    let args = ["serve", "--listen", "127.0.0.1:0", "--gk", &gk_addr, "--key", "mcu.key", "--policy", "council.toml"];
    let mcu = Server::start(&[&args[..], &["--controller", "if://agent/chair"]].concat(), dir);
    let mcu_addr = addr_in(&mcu.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-mcu: {}", mcu.stderr())));
    assert!(mcu.wait_stderr("registered with", 20).is_some(), "if-mcu did not register: {}", mcu.stderr());
    let guardians = GUARDIANS
        .iter()
        .map(|&(name, hz)| {
            let key = format!("{name}.key");
            let mut g = guardian(dir, &gk_addr, name, &key, hz, json!({}));
            let desc = description_in(dir, &key, Some(CONVERSATION));
            let arq = g.arq(&desc);
            assert_eq!(arq["answer"], "admissionConfirm", "{name}: {arq}");
            let c = g.call(&mcu_addr, &arq, &desc);
            assert_eq!(c["state"], "connected", "{name}: {c}");
            g
        })
        .collect();
    Council { gk, gk_addr, mcu, guardians }
}

/// The chair calls the vote on the escalation; every guardian agrees; the decision. With
/// `participants_who_do_not_vote` (the expert, whose phone signs nothing), the vote does not close
/// by itself once the guardians have voted: the chair closes it.
fn decide(c: &mut Council, dir: &Path, participants_who_do_not_vote: bool) -> Value {
    let call = json!({"command": "call_vote", "conversation_id": CONVERSATION, "question": "act on the finding?"});
    c.mcu.control(&crate::mcu::control_line(dir, "chair.key", call));
    let called = wait_event(&c.mcu, "vote_called", |e| step_of(e) == "vote_called");
    assert_eq!(called["trace_id"], TRACE, "{called}");
    for (name, _) in GUARDIANS {
        c.mcu.control(&vote_line(dir, &format!("{name}.key"), "agree", CONVERSATION));
    }
    if participants_who_do_not_vote {
        crate::mcu::wait_steps(&c.mcu, "vote", GUARDIANS.len());
        c.mcu.control(&crate::mcu::control_line(dir, "chair.key", json!({"command": "close_vote"})));
    }
    let decision = wait_event(&c.mcu, "decision", |e| step_of(e) == "decision");
    let d = &decision["content"];
    assert_eq!((d["outcome"].as_str(), &d["counts"]["agree"]), (Some("approved"), &json!(3)), "{decision}");
    assert_eq!(decision["trace_id"], TRACE, "the decision concludes the escalation's trace: {decision}");
    let voters: Vec<&str> = d["votes"].as_array().unwrap().iter().map(|v| v["alias"].as_str().unwrap()).collect();
    assert_eq!(voters, GUARDIANS.map(|(name, _)| name), "{decision}");
    decision
}

/// Every tool's events appended to a witness log of its own, then `if-witness audit` over all of
/// them: it must find nothing, and the incident's trace must be concluded by the decision.
fn audit(dir: &Path, logs: &[(&str, String)]) -> Value {
    let mut names = Vec::new();
    for (tool, text) in logs {
        let log = format!("{tool}.log");
        witness_log(dir, &log, text);
        names.push(log);
    }
    let mut args: Vec<&str> = vec!["audit"];
    args.extend(names.iter().map(String::as_str));
    args.extend(["--trust", "trust", "--format", "json"]);
    let audit = run(WITNESS, &args, dir, "");
    let report: Value = serde_json::from_str(&audit.stdout).unwrap_or_else(|e| panic!("{e}: {audit:?}"));
    assert_eq!((audit.code, &report["findings"]), (0, &json!([])), "{}", audit.stderr);
    let trace = report["traces"].as_array().unwrap().iter().find(|t| t["trace_id"] == TRACE).cloned();
    let trace = trace.unwrap_or_else(|| panic!("no trace {TRACE}: {report}"));
    assert_eq!(trace["started_with_hazard"], true, "{trace}");
    assert!(
        trace["concluded_by"].as_str().is_some_and(|c| c.starts_with("mcu.log#") && c.contains("decision")),
        "{trace}"
    );
    // The same incident in every log: one trace id through every tool.
    let text = run(WITNESS, &["trace", "mcu.log", TRACE], dir, "");
    assert_eq!(text.code, 0, "{text:?}");
    report
}

#[test]
fn flow_1_a_live_secret_is_streamed_over_ndi_verified_on_the_board_and_decided_by_the_council() {
    let _one_at_a_time = crate::ndi::serial();
    let dir = tmpdir("escalate-ndi");
    keys(
        &dir,
        &[
            ("if://agent/yologuard", "scanner.key"),
            ("if://agent/viewer", "viewer.key"),
            ("if://agent/board", "board.key"),
        ],
    );

    // IF.yologuard's findings, signed: the live key is an escalation with a safety hazard.
    let wrapped =
        ok(MSG, &["wrap", "--from", "yologuard", "--key", "scanner.key", "--trace-id", TRACE], &dir, FINDINGS).stdout;
    let messages = lines(&wrapped);
    assert_eq!(messages.len(), 3, "{wrapped}");
    let live = &messages[0];
    assert_eq!(
        (live["performative"].as_str(), &live["hazard"]["auto_escalate"]),
        (Some("escalate"), &json!(true)),
        "{live}"
    );
    assert!(!wrapped.contains("sk_live_51HxDemoDemoDemoDemo00"), "no secret is signed: {wrapped}");

    // The evidence on the air; a viewer checks every frame of it.
    let f = Fixture { dir: dir.clone() };
    let name = format!("ifconnect-escalate-{}", std::process::id());
    // (`ndi::publisher` signs with scanner.key, here IF.yologuard's.)
    let args = ["--frames", "100000", "--fps", "15", "--wait-receiver", "30"];
    let (publisher, port) = crate::ndi::publisher(&f, &name, &wrapped, &args);
    let source = format!("127.0.0.1:{port}");
    let view = run(
        crate::ndi::NDI_VIEW,
        &["--source", &source, "--key", "viewer.key", "--trust", "trust", "--seconds", "4", "--every", "15"],
        &dir,
        "",
    );
    assert_eq!(view.code, 0, "{view:?}");
    assert!(view.stderr.contains(" frames verified, 0 anomalies"), "{view:?}");
    let verified = view.json_lines();
    assert!(!verified.is_empty() && verified.iter().all(|e| event_name(e) == "ndi.verified"), "{view:?}");
    assert!(verified.iter().all(|e| e["trace_id"] == TRACE), "{view:?}");

    // The council convenes; its board shows the evidence stream beside it.
    let mut c = council(&dir);
    let mut board = Background::spawn_open(
        crate::ndi::NDI_BOARD,
        &[
            "--name",
            &format!("{name}-board"),
            "--key",
            "board.key",
            "--trust",
            "trust",
            "--council",
            "if://agent/mcu",
            "--source",
            &source,
            "--linger",
            "0",
            "--every",
            "30",
        ],
        &dir,
    );
    let decision = decide(&mut c, &dir, false);
    let council_events = c.mcu.stdout();
    board.write_line(&council_events[..council_events.rfind('\n').unwrap()]);
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let states = crate::ndi::board_states(&board.stdout());
        let shown = |kind: &str, label: &str, status: &str| {
            states
                .last()
                .is_some_and(|(_, tiles)| tiles.iter().any(|t| t.0 == kind && t.1 == label && t.2.ends_with(status)))
        };
        if shown("evidence", &source, "verified")
            && shown("council", "council", "3 present, vote: 3 cast, 0 refused, decision approved")
            && GUARDIANS.iter().all(|(g, _)| shown("participant", g, "vote agree"))
        {
            break;
        }
        assert!(Instant::now() < deadline, "{states:#?}\n{}", board.stderr());
        std::thread::sleep(Duration::from_millis(100));
    }
    board.close_stdin();
    let (code, board_out, board_err) = board.finish(30);
    assert_eq!(code, Some(0), "{board_err}");
    assert!(decision["content"]["participants"].as_array().unwrap().len() == 3, "{decision}");

    let pub_out = publisher.stdout();
    drop(publisher);
    let cards = lines(&pub_out);
    assert!(cards.iter().any(|e| event_name(e) == "ndi.card" && e["trace_id"] == TRACE), "{pub_out}");
    audit(
        &dir,
        &[
            ("yologuard", wrapped),
            ("ndi-pub", pub_out),
            ("ndi-view", view.stdout),
            ("board", board_out),
            ("gk", c.gk.stdout()),
            ("mcu", c.mcu.stdout()),
        ],
    );
}

/// A baresip expert registered at `proxy` (`sip:NAME@PROXY`) through Kamailio at `kam`, which
/// every request of the phone goes through; `answer` is baresip's `answermode` (`auto`, `manual`).
/// Registered once the proxy has recorded its REGISTER answered 200 (baresip may register before
/// its control socket has a client to tell).
fn expert(dir: &Path, name: &str, proxy: &Background, kam: u16, answer: &str) -> Phone {
    let proxy_addr = addr_in(&proxy.wait_stderr("listening on", 1).unwrap());
    let home: PathBuf = dir.join(name);
    std::fs::create_dir_all(&home).unwrap();
    let account = format!(
        "<sip:{name}@{proxy_addr}>;outbound=\"sip:127.0.0.1:{kam}\";regint=600;answermode={answer};audio_codecs=PCMU"
    );
    let phone = Phone::with_account(&home, &account);
    let aor = format!("<sip:{name}@{proxy_addr}>");
    wait_lines(
        &format!("{name}'s registration"),
        || proxy.stdout(),
        |e| e["content"]["method"] == "REGISTER" && e["content"]["to"] == aor.as_str() && e["content"]["status"] == 200,
    );
    phone
}

#[test]
fn flow_2_an_escalation_rings_two_sip_experts_and_the_one_who_answers_joins_the_council_through_the_gateway() {
    let dir = tmpdir("escalate-sip");
    keys(
        &dir,
        &[
            ("if://agent/scanner", "scanner.key"),
            ("if://agent/proxy", "proxy.key"),
            ("if://agent/gw", "gw.key"),
            ("if://agent/signal", "signal.key"),
        ],
    );

    let mut c = council(&dir);
    let gw = Background::spawn(
        GW,
        &["serve", "--listen", "127.0.0.1:0", "--gk", &c.gk_addr, "--key", "gw.key", "--trust", "trust"],
        &dir,
    );
    let gw_addr = addr_in(&gw.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gw: {}", gw.stderr())));
    assert!(gw.wait_stderr("registered with", 20).is_some(), "if-gw did not register: {}", gw.stderr());
    // if-sip: the experts' registrar and the gate of calls to them, routing the council's calls
    // to the gateway. The policy names the experts at its address, so its port is chosen first.
    let proxy_addr = format!("127.0.0.1:{}", free_port());
    let (alice, bob) = (format!("sip:alice@{proxy_addr}"), format!("sip:bob@{proxy_addr}"));
    std::fs::write(
        dir.join("guard.toml"),
        format!(
            "trust = [\"trust\"]\n\n[[expert]]\nname = \"Alice\"\nuri = \"{alice}\"\nhazards = [\"legal\"]\n\n\
             [[expert]]\nname = \"Bob\"\nuri = \"{bob}\"\nhazards = [\"legal\"]\n"
        ),
    )
    .unwrap();
    let route = format!("sip:council@{gw_addr}");
    let proxy = Background::spawn(
        SIP,
        &["proxy", "--listen", &proxy_addr, "--route", &route, "--policy", "guard.toml", "--key", "proxy.key"],
        &dir,
    );
    proxy.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-sip: {}", proxy.stderr()));
    // Kamailio in front of it, as tests/sip.rs chains them.
    let kam = free_port();
    let cfg = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/kamailio/chain.cfg"))
        .unwrap()
        .replace("KAM_PORT", &kam.to_string())
        .replace("IFSIP_PORT", &proxy_addr[proxy_addr.rfind(':').unwrap() + 1..]);
    std::fs::write(dir.join("kamailio.cfg"), cfg).unwrap();
    let kamailio = Background::spawn("kamailio", &["-f", "kamailio.cfg", "-DD", "-E", "-m", "64", "-M", "8"], &dir);
    wait_for_udp_bound(kam, 20);
    // Two experts: Alice's phone answers by itself, Bob's rings until someone picks it up.
    let mut alice_phone = expert(&dir, "alice", &proxy, kam, "auto");
    let bob_phone = expert(&dir, "bob", &proxy, kam, "manual");
    // The mesh: the escalating agent and a guardian's agent.
    let f = Fixture { dir: dir.clone() };
    let (signal, signal_addr) = signal_server(&f);
    let mut scanner_agent = rust_agent_with(&f, "scanner", signal_addr, &[]);
    let guardian_agent = rust_agent_with(&f, "guardian-01", signal_addr, &[]);

    // The escalation: both experts ring at once; Alice answers, Bob's call is cancelled.
    let esc = escalation(&dir, TRACE);
    let via = format!("127.0.0.1:{kam}");
    let args = ["escalate", "--key", "scanner.key", "--via", &via, "--experts", "guard.toml", "--hold-ms", "1000"];
    let escalate = Background::spawn_with_input(SIP, &[&args[..], &["--trust", "trust"]].concat(), &dir, Some(&esc));
    let (code, escalate_out, err) = escalate.finish(60);
    assert_eq!(code, Some(0), "{escalate_out}\n{err}\nkamailio: {}", kamailio.stderr());
    let calls = lines(&escalate_out);
    let of = |expert: &str| -> Vec<&str> {
        let e = calls.iter().filter(|e| e["content"]["expert"] == expert && event_name(e) != "call.forked");
        e.map(event_name).collect()
    };
    assert_eq!(of(&alice), ["call.trying", "call.ringing", "call.answered", "call.ended"], "{escalate_out}");
    // Bob's phone rang; whether his 180 reached the caller before Alice's 200 is the machine's
    // timing (a call answered elsewhere before it rang is cancelled when it rings).
    let bobs = of(&bob);
    assert!(
        bobs == ["call.trying", "call.ringing", "call.failed"] || bobs == ["call.trying", "call.failed"],
        "{escalate_out}"
    );
    let forked = calls.iter().find(|e| event_name(e) == "call.forked").unwrap_or_else(|| panic!("{escalate_out}"));
    assert_eq!(forked["content"]["answered_by"], alice.as_str(), "{forked}");
    let failed = calls.iter().find(|e| event_name(e) == "call.failed").unwrap();
    assert_eq!(failed["content"]["status"], 487, "Bob's call was cancelled: {failed}");
    assert!(calls.iter().filter(|e| !event_name(e).is_empty()).all(|e| e["trace_id"] == TRACE), "{escalate_out}");
    bob_phone.wait_event("CALL_CLOSED", 20);
    alice_phone.wait_event("CALL_CLOSED", 20);
    // What Alice heard of the escalating agent is not the council: forget that recording.
    for file in std::fs::read_dir(&alice_phone.wav_dir).unwrap() {
        std::fs::remove_file(file.unwrap().path()).unwrap();
    }

    // The evidence goes to the guardian over the mesh, signed, in the incident's trace.
    opened(&scanner_agent, "guardian-01", 1);
    let evidence = ok(
        MSG,
        &[
            "new",
            "--key",
            "scanner.key",
            "--performative",
            "inform",
            "--receiver",
            "if://agent/guardian-01",
            "--trace-id",
            TRACE,
            "--content",
            r#"{"evidence":"clause 4.2 voids the indemnity","source":"contracts/msa.pdf#page=7"}"#,
        ],
        &dir,
        "",
    )
    .stdout;
    scanner_agent.write_line(&evidence);
    let got = wait_for(&guardian_agent, "the evidence", 1, 30, |v| v["content"]["evidence"].is_string());
    assert_eq!((got[0]["trace_id"].as_str(), got[0]["sender"].as_str()), (Some(TRACE), Some("if://agent/scanner")));
    assert_eq!(received(&guardian_agent).len(), 1, "{}", guardian_agent.stdout());

    // Alice dials the council: Kamailio, if-sip, if-gw, the gatekeeper's admission, the MCU.
    alice_phone.command("dial", &format!("sip:council@{proxy_addr}"));
    alice_phone.wait_event("CALL_ESTABLISHED", 30);
    let gw_out = || gw.stdout();
    let connected = wait_lines("gw.h323 connected", gw_out, |e| is(e, "gw.h323", "connected"));
    // Her phone signs nothing: the call is a trace of its own (the proxy's and the gateway's,
    // from its Call-ID), and the decision names it among the participants.
    let call_trace = connected["trace_id"].as_str().unwrap().to_owned();
    assert_ne!(call_trace, TRACE);
    let joined = wait_event(&c.mcu, "the expert's admission", |e| {
        step_of(e) == "admission" && e["trace_id"] == call_trace.as_str()
    });
    // Both ways: the guardians hear her tone, she hears theirs (and not her own).
    for g in &mut c.guardians {
        guardian_hears(g, EXPERT_HZ);
    }
    alice_phone.wait_heard(3);
    let decision = decide(&mut c, &dir, true);
    let present = decision["content"]["participants"].as_array().unwrap();
    assert!(present.iter().any(|p| p["call_id"] == joined["content"]["call_id"]), "the expert was in: {decision}");
    assert_eq!(present.len(), 4, "{decision}");
    alice_phone.command("hangup", "");
    alice_phone.wait_event("CALL_CLOSED", 20);
    wait_lines("gw.ras disengage", gw_out, |e| is(e, "gw.ras", "disengage") && e["content"]["outcome"] == "confirmed");
    wait_event(&c.mcu, "the expert's left", |e| step_of(e) == "left" && e["trace_id"] == call_trace.as_str());
    let heard = alice_phone.heard();
    for (name, hz) in GUARDIANS {
        let share = loudest_second(&heard, hz);
        assert!(share > 0.05, "Alice's recording lacks {name}'s {hz} Hz: {share}");
    }
    assert!(loudest_second(&heard, EXPERT_HZ) < 0.1, "mix-minus: the expert does not hear herself");

    // The proxy's record: both escalation calls (answered, cancelled), the call to the council
    // and its BYE, all through Kamailio.
    let proxy_out = || proxy.stdout();
    let invite_to = |uri: &str, status: u64| {
        wait_lines(&format!("the proxy's INVITE to {uri}"), proxy_out, |e| {
            e["content"]["method"] == "INVITE" && e["content"]["request_uri"] == uri && e["content"]["status"] == status
        })
    };
    assert_eq!(invite_to(&alice, 200)["trace_id"], TRACE);
    assert_eq!(invite_to(&bob, 487)["trace_id"], TRACE);
    let bye = wait_lines("the proxy's BYE", proxy_out, |e| {
        e["content"]["method"] == "BYE" && e["trace_id"] == call_trace.as_str()
    });
    assert_eq!(bye["content"]["source"]["addr"], via, "{bye}");
    scanner_agent.close_stdin();
    let mcu_events = events(&c.mcu);
    assert!(mcu_events.iter().any(|e| step_of(e) == "decision"));
    audit(
        &dir,
        &[
            ("escalate", escalate_out),
            ("proxy", proxy.stdout()),
            ("gw", gw.stdout()),
            ("gk", c.gk.stdout()),
            ("mcu", c.mcu.stdout()),
            ("signal", signal.stdout()),
            ("scanner-agent", scanner_agent.stdout()),
            ("guardian-agent", guardian_agent.stdout()),
        ],
    );
}

/// `scripts/demo`'s escalation (`scripts/escalate.py`, the same flow with every peer started and
/// stopped by the script) on the binaries under test: it completes and says what happened.
#[test]
fn the_demos_escalation_runs_on_loopback_and_its_audit_passes() {
    let dir = tmpdir("escalate-demo");
    let bin = Path::new(MSG).parent().unwrap().to_str().unwrap().to_owned();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/escalate.py");
    let work = dir.join("work");
    let python = crate::common::python_path();
    let r = run(python.to_str().unwrap(), &[script.to_str().unwrap(), &bin, work.to_str().unwrap()], &dir, "");
    assert_eq!(r.code, 0, "{r:?}");
    for said in [
        "admitted by if-gk with its signed description",
        "two baresip 1.0.0 experts registered through Kamailio",
        "bob@",
        " 487 (487: cancelled)",
        "guardian-01's agent verified the scanner's signed message (trace 00000000c0de)",
        "in the conference as sip-gateway",
        "every guardian hears the expert's 440 Hz tone",
        "the council voted: approved (3 agree, closed by controller), 4 present, trace 00000000c0de",
        "(exit 0)",
        "traceable holds, transparent holds, trustworthy holds",
    ] {
        assert!(r.stdout.contains(said), "the demo did not say {said:?}: {r:?}");
    }
}
