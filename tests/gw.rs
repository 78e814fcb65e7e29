//! `if-gw serve` between `if-sip proxy` and the council (`if-gk serve`, `if-mcu serve`), with
//! peers nobody here wrote on both sides: Debian's baresip (a SIP phone playing a tone and
//! recording what it hears) and pycrate guardians in the conference (`scripts/h323_call_peer.py`).

use crate::common::{free_port, tmpdir, wait_for_tcp_listening, Background, SIP};
use crate::mcu::{addr_in, control_line, events, guardian, hears, trust_file, wait_event, Guardian, Server};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const GK: &str = env!("CARGO_BIN_EXE_if-gk");
/// The gateway's H.323 listener in the callout test: a loopback address of its own, so that its
/// capture holds that leg only.
const GW_H323_IP: &str = "127.0.0.26";
const GW: &str = env!("CARGO_BIN_EXE_if-gw");

/// The tone baresip plays (its `ausine` source) and the guardian's.
const PHONE_HZ: f64 = 440.0;
const GUARDIAN_HZ: f64 = 1700.0;

/// baresip with a config of its own in `dir/baresip`: the `expert` account answering
/// automatically, PCMU (or `codec`), the ausine tone, what it sends and hears written as WAV
/// under `dir/baresip/wav`, and a control socket (ctrl_tcp) on a free port.
pub(crate) struct Phone {
    process: Background,
    control: TcpStream,
    events: mpsc::Receiver<Value>,
    pub(crate) wav_dir: PathBuf,
}

fn netstring(v: &Value) -> Vec<u8> {
    let body = v.to_string();
    format!("{}:{body},", body.len()).into_bytes()
}

impl Phone {
    fn start(dir: &Path, codec: &str) -> Phone {
        Phone::with_account(dir, &format!("<sip:expert@127.0.0.1>;regint=0;answermode=auto;audio_codecs={codec}"))
    }

    /// As [`Phone::start`], with the account line `account` (its address of record, whether it
    /// registers and where, how it answers).
    pub(crate) fn with_account(dir: &Path, account: &str) -> Phone {
        Phone::with_config(dir, account, "")
    }

    /// As [`Phone::with_account`], with more lines for baresip's config (`sip_certificate` and
    /// `sip_cafile` for TLS).
    pub(crate) fn with_config(dir: &Path, account: &str, more_config: &str) -> Phone {
        let conf = dir.join("baresip");
        let wav_dir = conf.join("wav");
        std::fs::create_dir_all(&wav_dir).unwrap();
        let ctrl = free_port();
        std::fs::write(conf.join("accounts"), format!("{account}\n")).unwrap();
        std::fs::write(
            conf.join("config"),
            format!(
                "poll_method\t\tepoll\nsip_listen\t\t127.0.0.1:{sip}\nnet_interface\t\t127.0.0.1\n\
                 audio_source\t\tausine,{PHONE_HZ}\nausrc_srate\t\t48000\nausrc_channels\t\t2\n\
                 audio_player\t\taubridge,nil\naudio_alert\t\taubridge,nil\n\
                 module_path\t\t/usr/lib/baresip/modules\nmodule\t\t\tg711.so\nmodule\t\t\tausine.so\n\
                 module\t\t\taubridge.so\nmodule\t\t\tsndfile.so\nsnd_path\t\t{wav}\n\
                 module_app\t\taccount.so\nmodule_app\t\tmenu.so\nmodule_app\t\tctrl_tcp.so\n\
                 ctrl_tcp_listen\t\t127.0.0.1:{ctrl}\n{more_config}",
                sip = free_port(),
                wav = wav_dir.display(),
            ),
        )
        .unwrap();
        let process = Background::spawn("baresip", &["-f", conf.to_str().unwrap()], dir);
        wait_for_tcp_listening(ctrl, 20);
        let control = TcpStream::connect(("127.0.0.1", ctrl)).unwrap();
        let mut reader = control.try_clone().unwrap();
        let (tx, events) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    return;
                }
                buf.extend_from_slice(&chunk[..n]);
                while let Some(colon) = buf.iter().position(|&b| b == b':') {
                    let Ok(len) = std::str::from_utf8(&buf[..colon]).unwrap_or("x").parse::<usize>() else { return };
                    if buf.len() < colon + 1 + len + 1 {
                        break;
                    }
                    let v: Value = serde_json::from_slice(&buf[colon + 1..colon + 1 + len]).unwrap_or(Value::Null);
                    buf.drain(..colon + len + 2);
                    if tx.send(v).is_err() {
                        return;
                    }
                }
            }
        });
        Phone { process, control, events, wav_dir }
    }

    pub(crate) fn command(&mut self, command: &str, params: &str) {
        self.control.write_all(&netstring(&json!({"command": command, "params": params, "token": command}))).unwrap();
    }

    /// Waits (bounded) for a ctrl_tcp event of `kind` (CALL_ESTABLISHED, CALL_CLOSED...).
    pub(crate) fn wait_event(&self, kind: &str, secs: u64) -> Value {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(v) if v["type"] == kind => return v,
                Ok(_) => {}
                Err(_) => panic!("baresip: no {kind} within {secs} s; stderr: {}", self.process.stderr()),
            }
        }
    }

    /// Waits (bounded) until baresip has recorded `secs` seconds of what it hears (its WAV file
    /// grows as the call goes): the call has carried that much audio to it, however loaded the
    /// machine.
    pub(crate) fn wait_heard(&self, secs: usize) {
        let want = 44 + secs * 8000 * 2;
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let size = std::fs::read_dir(&self.wav_dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.to_string_lossy().ends_with("-dec.wav"))
                .and_then(|p| std::fs::metadata(p).ok())
                .map_or(0, |m| m.len() as usize);
            if size >= want {
                return;
            }
            assert!(Instant::now() < deadline, "baresip recorded {size} of {want} octets: {}", self.process.stderr());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The samples baresip heard (the sndfile module's `dump-*-dec.wav`), mono 8 kHz.
    pub(crate) fn heard(&self) -> Vec<i16> {
        let file = std::fs::read_dir(&self.wav_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with("-dec.wav"))
            .unwrap_or_else(|| panic!("no decoded WAV in {}", self.wav_dir.display()));
        ifconnect::media::wav::parse(&std::fs::read(&file).unwrap())
            .unwrap_or_else(|| panic!("{}: not 8 kHz mono 16-bit WAV", file.display()))
    }
}

/// Waits (bounded) until the guardian's analysis of what the MCU sends it finds `hz`.
pub(crate) fn guardian_hears(g: &mut Guardian, hz: f64) {
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let report = g.call.ask(json!({"op": "media_report"}));
        if hears(&report, hz) {
            return;
        }
        assert!(Instant::now() < deadline, "the guardian never heard {hz} Hz: {report}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The strongest share of `hz` in any second of `samples`.
pub(crate) fn loudest_second(samples: &[i16], hz: f64) -> f64 {
    samples.chunks(8000).map(|s| ifconnect::media::tone_share(s, hz)).fold(0.0, f64::max)
}

/// JSON lines of a server's stdout so far (whole lines only).
pub(crate) fn lines(text: &str) -> Vec<Value> {
    let whole = &text[..text.rfind('\n').map_or(0, |i| i + 1)];
    whole.lines().filter(|l| !l.is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

pub(crate) fn wait_lines(what: &str, out: impl Fn() -> String, f: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(v) = lines(&out()).into_iter().find(&f) {
            return v;
        }
        assert!(Instant::now() < deadline, "no {what}: {}", out());
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub(crate) fn is(e: &Value, event: &str, step: &str) -> bool {
    e["content"]["event"] == event && e["content"]["step"] == step
}

/// The council (gatekeeper, MCU with a chair who may kick), the gateway and the proxy routing new
/// INVITEs to it; the guardian already in the conference.
struct Council {
    dir: PathBuf,
    gk: Background,
    mcu: Server,
    gw: Background,
    proxy: Background,
    proxy_addr: String,
    guardian: Guardian,
}

fn council(name: &str) -> Council {
    let dir = tmpdir(name);
    trust_file(
        &dir,
        &[
            ("if://agent/gk", "gk.key"),
            ("if://agent/mcu", "mcu.key"),
            ("if://agent/gw", "gw.key"),
            ("if://agent/proxy", "proxy.key"),
            ("if://agent/guardian-01", "g1.key"),
            ("if://agent/chair", "chair.key"),
            ("if://agent/scanner", "scanner.key"),
            ("if://agent/witness", "witness.key"),
        ],
    );
    let gk = Background::spawn(GK, &["serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust"], &dir);
    let gk_addr = addr_in(&gk.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gk: {}", gk.stderr())));
    let mcu = Server::start(
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--gk",
            &gk_addr,
            "--key",
            "mcu.key",
            "--trust",
            "trust",
            "--controller",
            "if://agent/chair",
        ],
        &dir,
    );
    let mcu_addr = addr_in(&mcu.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-mcu: {}", mcu.stderr())));
    assert!(mcu.wait_stderr("registered with", 20).is_some(), "if-mcu did not register: {}", mcu.stderr());
    let mut guardian = guardian(&dir, &gk_addr, "guardian-01", "g1.key", GUARDIAN_HZ, json!({}));
    let desc = crate::mcu::description(&dir, "g1.key");
    let arq = guardian.arq(&desc);
    assert_eq!(arq["answer"], "admissionConfirm", "{arq}");
    let c = guardian.call(&mcu_addr, &arq, &desc);
    assert_eq!(c["state"], "connected", "{c}");
    let gw = Background::spawn(
        GW,
        &["serve", "--listen", "127.0.0.1:0", "--gk", &gk_addr, "--key", "gw.key", "--trust", "trust"],
        &dir,
    );
    let gw_addr = addr_in(&gw.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gw: {}", gw.stderr())));
    assert!(gw.wait_stderr("registered with", 20).is_some(), "if-gw did not register: {}", gw.stderr());
    let route = format!("sip:council@{gw_addr}");
    let proxy = Background::spawn(
        SIP,
        &["proxy", "--listen", "127.0.0.1:0", "--route", &route, "--key", "proxy.key", "--trust", "trust"],
        &dir,
    );
    let proxy_addr =
        addr_in(&proxy.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-sip: {}", proxy.stderr())));
    Council { dir, gk, mcu, gw, proxy, proxy_addr, guardian }
}

#[test]
fn a_sip_phone_joins_the_council_through_the_gateway_hears_the_guardian_and_is_heard_then_hangs_up() {
    let mut c = council("gw-baresip");
    let mut phone = Phone::start(&c.dir, "PCMU");
    phone.command("dial", &format!("sip:council@{}", c.proxy_addr));
    phone.wait_event("CALL_ESTABLISHED", 30);
    let gw_out = || c.gw.stdout();
    let connected = wait_lines("gw.h323 connected", gw_out, |e| is(e, "gw.h323", "connected"));
    assert_eq!(connected["content"]["sip_law"], "ulaw", "{connected}");
    assert_eq!(connected["content"]["transcoding"], false, "{connected}");
    wait_lines("gw.sip acked", gw_out, |e| is(e, "gw.sip", "acked"));
    let trace = connected["trace_id"].as_str().unwrap().to_owned();

    // The guardian hears the phone's tone through the MCU's mix; then the phone's recording
    // holds the guardian's.
    guardian_hears(&mut c.guardian, PHONE_HZ);
    phone.wait_heard(3);

    // The phone hangs up: BYE becomes ReleaseComplete, and the gateway's admission is disengaged.
    phone.command("hangup", "");
    phone.wait_event("CALL_CLOSED", 20);
    wait_lines("gw.sip bye_received", gw_out, |e| is(e, "gw.sip", "bye_received"));
    let released = wait_lines("gw.h323 released", gw_out, |e| is(e, "gw.h323", "released"));
    assert_eq!(released["content"]["by"], "local", "{released}");
    assert!(released["content"]["rtp_to_h323"].as_u64().unwrap() > 10, "{released}");
    assert!(released["content"]["rtp_to_sip"].as_u64().unwrap() > 10, "{released}");
    wait_lines("gw.ras disengage", gw_out, |e| is(e, "gw.ras", "disengage") && e["content"]["outcome"] == "confirmed");
    let gk_out = || c.gk.stdout();
    wait_lines("the gatekeeper's DCF", gk_out, |e| {
        e["content"]["request"] == "disengageRequest" && e["trace_id"] == trace.as_str()
    });
    wait_event(&c.mcu, "the MCU's left", |e| e["content"]["step"] == "left" && e["trace_id"] == trace.as_str());

    let heard = phone.heard();
    let share = loudest_second(&heard, GUARDIAN_HZ);
    assert!(share > 0.2, "the phone's recording lacks the guardian's {GUARDIAN_HZ} Hz: {share}");
    assert!(loudest_second(&heard, PHONE_HZ) < 0.1, "mix-minus: the phone does not hear itself");

    // Every leg on the record, all with the call's trace id: the gateway's SIP and H.323 legs
    // and RAS, the gatekeeper's admission and the MCU's.
    let gw_events = lines(&c.gw.stdout());
    for (event, step) in [("gw.sip", "invite"), ("gw.h323", "setup"), ("gw.h323", "connected"), ("gw.sip", "answered")]
    {
        let e = gw_events.iter().find(|e| is(e, event, step)).unwrap_or_else(|| panic!("no {event} {step}"));
        assert_eq!(e["trace_id"], trace.as_str(), "{e}");
    }
    let admit = gw_events.iter().find(|e| is(e, "gw.ras", "admit")).unwrap();
    assert_eq!(
        (admit["trace_id"].as_str(), admit["content"]["outcome"].as_str()),
        (Some(trace.as_str()), Some("confirmed"))
    );
    let arq = lines(&c.gk.stdout())
        .into_iter()
        .find(|e| e["content"]["answer"] == "admissionConfirm" && e["trace_id"] == trace.as_str());
    assert!(arq.is_some(), "the gatekeeper admitted the gateway's call in trace {trace}: {}", c.gk.stdout());
    let mcu_admission =
        events(&c.mcu).into_iter().find(|e| e["content"]["step"] == "admission" && e["trace_id"] == trace.as_str());
    assert!(mcu_admission.is_some(), "{}", c.mcu.stdout());
    // The phone sent no X-IF-Trace-ID: the proxy derived the same trace from the Call-ID as the
    // gateway did, so its INVITE and BYE transactions are in the incident too.
    let proxy_events = || c.proxy.stdout();
    let invite = wait_lines("the proxy's INVITE", proxy_events, |e| {
        e["content"]["event"] == "sip.transaction" && e["content"]["method"] == "INVITE"
    });
    assert_eq!(invite["trace_id"], trace.as_str(), "{invite}");
    let gw_invite = gw_events.iter().find(|e| is(e, "gw.sip", "invite")).unwrap();
    assert_eq!(invite["content"]["call_id"], gw_invite["content"]["sip_call_id"], "{invite}");
    let bye = wait_lines("the proxy's BYE", proxy_events, |e| {
        e["content"]["event"] == "sip.transaction" && e["content"]["method"] == "BYE"
    });
    assert_eq!(bye["trace_id"], trace.as_str(), "{bye}");
    drop(c.proxy);
}

#[test]
fn a_phone_on_a_law_the_mcu_does_not_prefer_is_transcoded_and_a_kick_at_the_mcu_hangs_it_up() {
    let mut c = council("gw-kick");
    let mut phone = Phone::start(&c.dir, "PCMA");
    phone.command("dial", &format!("sip:council@{}", c.proxy_addr));
    phone.wait_event("CALL_ESTABLISHED", 30);
    let gw_out = || c.gw.stdout();
    let connected = wait_lines("gw.h323 connected", gw_out, |e| is(e, "gw.h323", "connected"));
    // The MCU takes µ-law first (fastStart proposed both laws): the gateway transcodes.
    assert_eq!(
        (
            connected["content"]["sip_law"].as_str(),
            connected["content"]["h323_law"].as_str(),
            &connected["content"]["transcoding"]
        ),
        (Some("alaw"), Some("ulaw"), &json!(true)),
        "{connected}"
    );
    guardian_hears(&mut c.guardian, PHONE_HZ);
    phone.wait_heard(3);
    // The chair kicks the gateway's participant: its ReleaseComplete becomes a BYE the phone answers.
    c.mcu.control(&crate::mcu::control_line(
        &c.dir,
        "chair.key",
        json!({"command": "kick", "participant": "sip-gateway"}),
    ));
    phone.wait_event("CALL_CLOSED", 20);
    let released = wait_lines("gw.h323 released", gw_out, |e| is(e, "gw.h323", "released"));
    assert_eq!(released["content"]["by"], "remote", "{released}");
    wait_lines("gw.sip bye_sent", gw_out, |e| is(e, "gw.sip", "bye_sent"));
    let answered = wait_lines("gw.sip bye_answered", gw_out, |e| is(e, "gw.sip", "bye_answered"));
    assert_eq!(answered["content"]["status"], 200, "{answered}");
    wait_lines("gw.ras disengage", gw_out, |e| is(e, "gw.ras", "disengage") && e["content"]["outcome"] == "confirmed");
    let heard = phone.heard();
    let share = loudest_second(&heard, GUARDIAN_HZ);
    assert!(share > 0.2, "the A-law phone's recording lacks the guardian's {GUARDIAN_HZ} Hz: {share}");
    drop(c.proxy);
}

/// `if-msg new` of an escalation in `trace`, for `if-sip escalate`'s stdin.
pub(crate) fn escalation(dir: &Path, trace: &str) -> String {
    let r = crate::common::ok(
        crate::common::MSG,
        &[
            "new",
            "--key",
            "scanner.key",
            "--performative",
            "escalate",
            "--receiver",
            "if://agent/oversight",
            "--hazard",
            "type=legal,severity=high",
            "--trace-id",
            trace,
            "--content",
            r#"{"summary":"clause 4.2 voids the indemnity"}"#,
        ],
        dir,
        "",
    );
    r.stdout
}

/// Appends a tool's whole event lines to `log` (a witness log signed by witness.key).
pub(crate) fn witness_log(dir: &Path, log: &str, stdout: &str) {
    let whole = &stdout[..stdout.rfind('\n').map_or(0, |i| i + 1)];
    crate::common::ok(
        crate::common::WITNESS,
        &["append", log, "--key", "witness.key", "--trust", "trust", "--quiet"],
        dir,
        whole,
    );
}

/// The policy the proxy and `if-sip escalate` share: the council, at the gateway, for legal hazards.
fn council_expert(dir: &Path, gw: &Background) {
    let gw_addr = addr_in(&gw.wait_stderr("listening on", 1).unwrap());
    std::fs::write(
        dir.join("guard.toml"),
        format!("trust = [\"trust\"]\n\n[[expert]]\nname = \"Council\"\nuri = \"sip:council@{gw_addr}\"\nhazards = [\"legal\"]\n"),
    )
    .unwrap();
}

#[test]
fn a_signed_escalation_reaches_the_council_with_one_trace_through_every_tool_and_the_audit_passes() {
    let mut c = council("gw-escalate");
    council_expert(&c.dir, &c.gw);
    let proxy = Background::spawn(
        SIP,
        &["proxy", "--listen", "127.0.0.1:0", "--policy", "guard.toml", "--key", "proxy.key"],
        &c.dir,
    );
    let proxy_addr =
        addr_in(&proxy.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-sip: {}", proxy.stderr())));
    let trace = "00000000c417";
    let input = escalation(&c.dir, trace);
    let mut escalate = Background::spawn_open(
        SIP,
        &[
            "escalate",
            "--key",
            "scanner.key",
            "--via",
            &proxy_addr,
            "--experts",
            "guard.toml",
            "--hold-ms",
            "60000",
            "--trust",
            "trust",
        ],
        &c.dir,
    );
    escalate.write_line(&input);
    let gw_out = || c.gw.stdout();
    let invite = wait_lines("gw.sip invite", gw_out, |e| is(e, "gw.sip", "invite"));
    assert_eq!(invite["trace_id"], trace, "{invite}");
    assert_eq!(invite["content"]["signer"], "if://agent/scanner", "the gateway verified the X-IF-Signature: {invite}");
    assert_eq!(invite["hazard"]["type"], "legal", "{invite}");
    wait_lines("gw.sip acked", gw_out, |e| is(e, "gw.sip", "acked"));
    // The council votes on it (one vote called, nobody votes within the window): its decision
    // concludes the hazard's trace.
    let conversation = format!("if://conversation/{trace}");
    c.mcu.control(&crate::mcu::control_line(
        &c.dir,
        "chair.key",
        json!({"command": "call_vote", "conversation_id": conversation, "question": "call the legal desk?", "window_s": 1}),
    ));
    let decision = wait_event(&c.mcu, "decision", |e| e["content"]["step"] == "decision");
    assert_eq!(decision["trace_id"], trace, "{decision}");
    // And on the guardian's own escalation (its description's trace), so that every hazard in
    // the logs is concluded.
    c.mcu.control(&crate::mcu::control_line(
        &c.dir,
        "chair.key",
        json!({"command": "call_vote", "conversation_id": "if://conversation/00000000c0de", "question": "and this one?", "window_s": 1}),
    ));
    wait_event(&c.mcu, "the guardian's decision", |e| {
        e["content"]["step"] == "decision" && e["trace_id"] == "00000000c0de"
    });
    // The chair ends the call: the MCU's ReleaseComplete becomes the gateway's BYE to the caller.
    c.mcu.control(&crate::mcu::control_line(
        &c.dir,
        "chair.key",
        json!({"command": "kick", "participant": "sip-gateway"}),
    ));
    escalate.close_stdin();
    let (code, out, err) = escalate.finish(40);
    assert_eq!(code, Some(0), "{out}\n{err}");
    let caller = lines(&out);
    assert!(caller.iter().any(|e| e["content"]["event"] == "call.answered"), "{out}");
    assert!(caller.iter().any(|e| e["content"]["event"] == "call.ended"), "{out}");
    wait_lines("gw.sip bye_answered", gw_out, |e| is(e, "gw.sip", "bye_answered"));
    wait_lines("gw.ras disengage", gw_out, |e| is(e, "gw.ras", "disengage") && e["content"]["outcome"] == "confirmed");
    wait_lines("the proxy's BYE", || proxy.stdout(), |e| e["content"]["method"] == "BYE");

    let all: Vec<(&str, Vec<Value>)> = vec![
        ("escalate", caller.clone()),
        ("proxy", lines(&proxy.stdout())),
        ("gw", lines(&c.gw.stdout())),
        ("gk", lines(&c.gk.stdout())),
        ("mcu", events(&c.mcu)),
    ];
    for (tool, evs) in &all {
        assert!(evs.iter().any(|e| e["trace_id"] == trace), "{tool} has no event in trace {trace}");
    }
    let gk_arq = all[3].1.iter().find(|e| e["content"]["answer"] == "admissionConfirm" && e["trace_id"] == trace);
    assert!(gk_arq.is_some(), "{:?}", all[3].1);
    for (tool, evs) in &all {
        let log = format!("{tool}.log");
        let text: String = evs.iter().map(|e| format!("{e}\n")).collect();
        witness_log(&c.dir, &log, &text);
    }
    let audit = crate::common::run(
        crate::common::WITNESS,
        &["audit", "escalate.log", "proxy.log", "gw.log", "gk.log", "mcu.log", "--trust", "trust", "--format", "json"],
        &c.dir,
        "",
    );
    let report: Value = serde_json::from_str(&audit.stdout).unwrap_or_else(|e| panic!("{e}: {audit:?}"));
    assert_eq!((audit.code, &report["findings"]), (0, &json!([])), "{}", audit.stderr);
}

#[test]
fn a_gatekeeper_refusal_gives_the_sip_caller_the_mapped_status_and_is_a_refusal_on_the_record() {
    let dir = tmpdir("gw-arj");
    trust_file(
        &dir,
        &[
            ("if://agent/gk", "gk.key"),
            ("if://agent/gw", "gw.key"),
            ("if://agent/proxy", "proxy.key"),
            ("if://agent/scanner", "scanner.key"),
            ("if://agent/witness", "witness.key"),
        ],
    );
    // No MCU: nobody registered the council's alias.
    let gk = Background::spawn(GK, &["serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust"], &dir);
    let gk_addr = addr_in(&gk.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gk: {}", gk.stderr())));
    let gw = Background::spawn(
        GW,
        &["serve", "--listen", "127.0.0.1:0", "--gk", &gk_addr, "--key", "gw.key", "--trust", "trust"],
        &dir,
    );
    assert!(gw.wait_stderr("registered with", 20).is_some(), "if-gw did not register: {}", gw.stderr());
    council_expert(&dir, &gw);
    let proxy = Background::spawn(
        SIP,
        &["proxy", "--listen", "127.0.0.1:0", "--policy", "guard.toml", "--key", "proxy.key"],
        &dir,
    );
    let proxy_addr =
        addr_in(&proxy.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-sip: {}", proxy.stderr())));
    let trace = "00000000a401";
    let escalate = Background::spawn_with_input(
        SIP,
        &["escalate", "--key", "scanner.key", "--via", &proxy_addr, "--experts", "guard.toml", "--trust", "trust"],
        &dir,
        Some(&escalation(&dir, trace)),
    );
    let (code, out, err) = escalate.finish(60);
    let failed = lines(&out)
        .into_iter()
        .find(|e| e["content"]["event"] == "call.failed")
        .unwrap_or_else(|| panic!("{out}\n{err}"));
    assert_eq!(failed["content"]["status"], 404, "calledPartyNotRegistered is 404 (docs/if-gw.md): {failed}");
    assert!(failed["content"]["reason"].as_str().unwrap().contains("calledPartyNotRegistered"), "{failed}");
    assert_eq!(code, Some(0), "{err}");
    let gw_out = || gw.stdout();
    let refused = wait_lines("gw.sip refused", gw_out, |e| is(e, "gw.sip", "refused"));
    assert_eq!(
        (refused["performative"].as_str(), refused["trace_id"].as_str()),
        (Some("refuse"), Some(trace)),
        "{refused}"
    );
    let arj = wait_lines("gw.ras admit", gw_out, |e| is(e, "gw.ras", "admit"));
    assert_eq!(arj["content"]["reason"], "calledPartyNotRegistered", "{arj}");
    // The refusal concludes the hazard's trace: the audit over the three tools' logs passes.
    wait_lines("proxy INVITE", || proxy.stdout(), |e| e["content"]["method"] == "INVITE");
    for (log, text) in [("proxy.log", proxy.stdout()), ("gw.log", gw.stdout()), ("gk.log", gk.stdout())] {
        witness_log(&dir, log, &text);
    }
    let audit = crate::common::run(
        crate::common::WITNESS,
        &["audit", "proxy.log", "gw.log", "gk.log", "--trust", "trust", "--format", "json"],
        &dir,
        "",
    );
    let report: Value = serde_json::from_str(&audit.stdout).unwrap_or_else(|e| panic!("{e}: {audit:?}"));
    assert_eq!((audit.code, &report["findings"]), (0, &json!([])), "{}", audit.stderr);
}

/// One SIP request from a raw socket standing in for the proxy; the responses to it, until a
/// final one (or `secs`).
fn transact(sock: &std::net::UdpSocket, to: &str, request: &str, secs: u64) -> Vec<ifconnect::sip::SipMessage> {
    sock.send_to(request.as_bytes(), to).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(secs))).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 65_536];
    while let Ok((n, _)) = sock.recv_from(&mut buf) {
        let m = ifconnect::sip::parse(&buf[..n]).unwrap();
        let done = m.status().is_some_and(|s| s >= 200);
        out.push(m);
        if done {
            break;
        }
    }
    out
}

fn raw_invite(local: u16, gw: &str, n: u32) -> String {
    let sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9000 RTP/AVP 0\r\n";
    format!(
        "INVITE sip:council@{gw} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bKraw{n}\r\nMax-Forwards: 70\r\n\
         From: <sip:expert@127.0.0.1>;tag=r{n}\r\nTo: <sip:council@127.0.0.1>\r\nCall-ID: raw-{n}\r\nCSeq: 1 INVITE\r\n\
         Contact: <sip:expert@127.0.0.1:{local}>\r\nContent-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{sdp}",
        sdp.len()
    )
}

#[test]
fn hostile_packets_are_dropped_and_a_gateway_whose_event_stream_dies_finishes_its_call_and_exits_3() {
    use std::io::BufRead;
    let dir = tmpdir("gw-audit-loss");
    trust_file(&dir, &[("if://agent/gk", "gk.key"), ("if://agent/gw", "gw.key")]);
    let gk = Background::spawn(GK, &["serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust"], &dir);
    let gk_addr = addr_in(&gk.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gk: {}", gk.stderr())));
    let mut child = crate::common::scrub(
        std::process::Command::new(GW)
            .args(["serve", "--listen", "127.0.0.1:0", "--gk", &gk_addr, "--key", "gw.key", "--trust", "trust"])
            .current_dir(&dir),
    )
    .stdin(std::process::Stdio::null())
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let mut log = Vec::new();
    let mut wait_for = |marker: &str| loop {
        let line = rx.recv_timeout(Duration::from_secs(30)).unwrap_or_else(|_| panic!("no `{marker}`: {log:?}"));
        log.push(line.clone());
        if line.contains(marker) {
            return line;
        }
    };
    let gw_addr = addr_in(&wait_for("listening on"));
    wait_for("registered with");
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = sock.local_addr().unwrap().port();
    // Junk is logged and dropped; an OPTIONS still gets its 200.
    for junk in [&b"\xff\xfe\x00 not SIP\r\n\r\n"[..], b"INVITE sip:x SIP/2.0\r\nContent-Length: 99999\r\n\r\n", b""] {
        sock.send_to(junk, &gw_addr).unwrap();
    }
    wait_for("dropped");
    let options = format!(
        "OPTIONS sip:council@{gw_addr} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bKopt\r\n\
         From: <sip:a@127.0.0.1>;tag=o\r\nTo: <sip:council@127.0.0.1>\r\nCall-ID: opt-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
    );
    assert_eq!(transact(&sock, &gw_addr, &options, 10).last().and_then(|m| m.status()), Some(200));

    // The registration's events are out (read here, so they cannot be the first to fail).
    let mut events = std::io::BufReader::new(stdout);
    let mut line = String::new();
    while !line.contains("\"step\":\"register\"") {
        line.clear();
        assert!(events.read_line(&mut line).unwrap() > 0, "if-gw's stdout ended before its registration");
    }
    // The event stream dies; the call under way (refused: nobody registered the council) is
    // finished, then the gateway exits 3.
    drop(events);
    let replies = transact(&sock, &gw_addr, &raw_invite(local, &gw_addr, 1), 20);
    let last = replies.last().expect("an answer");
    assert_eq!(last.status(), Some(404), "{replies:?}");
    let ack = format!(
        "ACK sip:council@{gw_addr} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bKraw1\r\n\
         From: <sip:expert@127.0.0.1>;tag=r1\r\nTo: {}\r\nCall-ID: raw-1\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n",
        last.header("To").unwrap()
    );
    sock.send_to(ack.as_bytes(), &gw_addr).unwrap();
    wait_for("event stream lost");
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "if-gw did not exit after losing its event stream");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(3));
}

/// The datagrams on `sock` until `want` holds for one (bounded); that one.
fn receive_until(sock: &std::net::UdpSocket, secs: u64, mut want: impl FnMut(&[u8]) -> bool) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut buf = [0u8; 65_536];
    loop {
        let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
        sock.set_read_timeout(Some(left)).unwrap();
        match sock.recv_from(&mut buf) {
            Ok((n, _)) if want(&buf[..n]) => return buf[..n].to_vec(),
            Ok(_) => {}
            Err(_) => panic!("nothing wanted within {secs} s"),
        }
        assert!(Instant::now() < deadline, "nothing wanted within {secs} s");
    }
}

#[test]
fn the_gateways_setup_is_taken_by_pycrates_callee_and_media_flows_both_ways() {
    let dir = tmpdir("gw-pycrate-callee");
    trust_file(&dir, &[("if://agent/gk", "gk.key"), ("if://agent/gw", "gw.key"), ("if://agent/mcu", "mcu.key")]);
    let gk = Background::spawn(GK, &["serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust"], &dir);
    let gk_addr = addr_in(&gk.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gk: {}", gk.stderr())));
    // pycrate plays the council: its call peer listens, its RAS peer registers the alias there.
    let mut callee = crate::mcu::Peer::start(
        "h323_call_peer.py",
        &["endpoint", "--json", &json!({"tone_hz": GUARDIAN_HZ}).to_string()],
    );
    let listen = callee.ask(json!({"op": "listen", "port": 0}))["listen"].as_str().unwrap().to_owned();
    let mut ras = crate::mcu::Peer::start(
        "h225_peer.py",
        &["endpoint", "--gk", &gk_addr, "--key", dir.join("mcu.key").to_str().unwrap()],
    );
    assert_eq!(ras.ask(json!({"op": "grq", "alias": "council", "terminal_type": "mc"}))["answer"], "gatekeeperConfirm");
    let r = ras.ask(json!({"op": "rrq", "aliases": ["council"], "call_signal": listen, "terminal_type": "mc"}));
    assert_eq!(r["answer"], "registrationConfirm", "{r}");
    let gw = Background::spawn(
        GW,
        &["serve", "--listen", "127.0.0.1:0", "--gk", &gk_addr, "--key", "gw.key", "--trust", "trust"],
        &dir,
    );
    let gw_addr = addr_in(&gw.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-gw: {}", gw.stderr())));
    assert!(gw.wait_stderr("registered with", 20).is_some(), "if-gw did not register: {}", gw.stderr());

    // The SIP side: a raw socket for signalling and one for RTP.
    let sip = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let media = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let (local, rtp_port) = (sip.local_addr().unwrap().port(), media.local_addr().unwrap().port());
    let invite = raw_invite(local, &gw_addr, 7).replace("m=audio 9000 ", &format!("m=audio {rtp_port} "));
    let replies = transact(&sip, &gw_addr, &invite, 30);
    let ok = replies.last().unwrap();
    assert_eq!(ok.status(), Some(200), "{replies:?}");
    assert!(replies.iter().any(|r| r.status() == Some(180)), "pycrate's Alerting became 180: {replies:?}");
    let answer = ifconnect::sip::sdp::audio_offer(&ok.body).unwrap();
    let incoming = callee.ask(json!({"op": "accept"}));
    assert_eq!(incoming["errors"], json!([]), "pycrate found nothing wrong in what the gateway sent: {incoming}");
    assert_eq!(
        (incoming["fast_start"].as_bool(), incoming["codec"].as_str()),
        (Some(true), Some("ulaw")),
        "{incoming}"
    );

    // RTP: our 440 Hz reaches pycrate; its 1700 Hz reaches us.
    let mut sender = ifconnect::media::rtp::Sender::new(0x5151, 1, 0);
    let law = ifconnect::media::g711::Law::Ulaw;
    let mut heard = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut n = 0usize;
    loop {
        let tone = ifconnect::media::tone(PHONE_HZ, 0.3, n * 160, 160);
        n += 1;
        media.send_to(&sender.packet(0, &law.encode_all(&tone), 160), answer.rtp).unwrap();
        let p = receive_until(&media, 10, |b| ifconnect::media::rtp::parse(b).is_ok_and(|p| p.payload_type == 0));
        heard.extend(law.decode_all(ifconnect::media::rtp::parse(&p).unwrap().payload));
        if heard.len() >= 8000 && n >= 100 {
            break;
        }
        assert!(Instant::now() < deadline, "media did not flow");
    }
    assert!(loudest_second(&heard, GUARDIAN_HZ) > 0.5, "the gateway relayed pycrate's tone to the SIP side");
    let report = callee.ask(json!({"op": "media_report"}));
    assert!(hears(&report, PHONE_HZ), "pycrate heard the SIP side's tone: {report}");

    // pycrate hangs up: the gateway's BYE reaches the SIP side.
    callee.ask(json!({"op": "hangup"}));
    let bye = receive_until(&sip, 20, |b| ifconnect::sip::parse(b).is_ok_and(|m| m.method() == Some("BYE")));
    let bye = ifconnect::sip::parse(&bye).unwrap();
    assert_eq!(bye.header("Call-ID"), Some("raw-7"));
    sip.send_to(&bye.reply(200, "OK").to_bytes(), &gw_addr).unwrap();
    wait_lines("gw.sip bye_answered", || gw.stdout(), |e| is(e, "gw.sip", "bye_answered"));
    wait_lines("gw.ras disengage", || gw.stdout(), |e| is(e, "gw.ras", "disengage"));
}

/// A SIPp callee on a free port refusing its one call with `status` (`uas-refuse.xml`), until
/// it gets the ACK (its exit status says whether it did).
fn sipp_refuser(dir: &Path, status: &str) -> (Background, u16) {
    let scenario = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sipp/uas-refuse.xml"))
        .unwrap()
        .replace("REFUSAL", status);
    std::fs::write(dir.join("refuse.xml"), scenario).unwrap();
    let port = free_port();
    let p = port.to_string();
    let errors = dir.join("sipp-errors.log");
    let args = ["-nostdin", "-p", &p, "-i", "127.0.0.1", "-sf", "refuse.xml", "-m", "1", "-trace_err"];
    let uas = Background::spawn("sipp", &[&args[..], &["-error_file", errors.to_str().unwrap()]].concat(), dir);
    crate::common::wait_for_udp_bound(port, 10);
    (uas, port)
}

/// Issue 14 §1, H.323 to SIP: the chair's `invite` of the alias the gateway registered for a SIP
/// expert (baresip, registered at `if-sip`) rings her phone through the gateway and the proxy;
/// she answers and joins the council's mix; the chair's kick hangs her up with a BYE. A SIPp
/// callee that answers 486 ends the MCU's call with `inConf` (user busy) on both records. One
/// trace id (the chair's line's) across the MCU, the gatekeeper, the gateway and the proxy;
/// `if-witness audit` over the four logs finds nothing.
#[test]
fn the_chairs_invite_calls_a_sip_expert_out_through_the_gateway_and_a_busy_callee_is_mapped_to_in_conf() {
    let dir = tmpdir("gw-callout");
    trust_file(
        &dir,
        &[
            ("if://agent/gk", "gk.key"),
            ("if://agent/mcu", "mcu.key"),
            ("if://agent/gw", "gw.key"),
            ("if://agent/proxy", "proxy.key"),
            ("if://agent/guardian-01", "g1.key"),
            ("if://agent/chair", "chair.key"),
            ("if://agent/witness", "witness.key"),
        ],
    );
    let (gk, gk_addr, mut mcu, mcu_addr) = crate::mcu::gatekeeper_and_mcu(&dir);
    let mut g = guardian(&dir, &gk_addr, "guardian-01", "g1.key", GUARDIAN_HZ, json!({}));
    let desc = crate::mcu::description(&dir, "g1.key");
    let arq = g.arq(&desc);
    assert_eq!(arq["answer"], "admissionConfirm", "{arq}");
    let call = g.call(&mcu_addr, &arq, &desc);
    assert_eq!(call["state"], "connected", "{call}");

    // if-sip: the expert's registrar; baresip registers there and answers by itself.
    let proxy =
        Background::spawn(SIP, &["proxy", "--listen", "127.0.0.1:0", "--key", "proxy.key", "--trust", "trust"], &dir);
    let proxy_addr =
        addr_in(&proxy.wait_stderr("listening on", 20).unwrap_or_else(|| panic!("if-sip: {}", proxy.stderr())));
    let home = dir.join("ann");
    std::fs::create_dir_all(&home).unwrap();
    let phone =
        Phone::with_account(&home, &format!("<sip:ann@{proxy_addr}>;regint=600;answermode=auto;audio_codecs=PCMU"));
    let aor = format!("<sip:ann@{proxy_addr}>");
    wait_lines(
        "ann's registration",
        || proxy.stdout(),
        |e| e["content"]["method"] == "REGISTER" && e["content"]["to"] == aor.as_str() && e["content"]["status"] == 200,
    );
    let (busy, busy_port) = sipp_refuser(&dir, "486 Busy Here");
    // The gateway's H.323 leg on a loopback address of its own, captured; its media sockets
    // there too (the MCU takes a call's RTP from the host it signals with only).
    let cap = crate::mcu::capture(&dir, GW_H323_IP);
    let h323_listen = format!("{GW_H323_IP}:0");

    let ann = format!("expert-ann=sip:ann@{proxy_addr}");
    let bob = format!("busy-bob=sip:bob@127.0.0.1:{busy_port}");
    let gw = Background::spawn(
        GW,
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--gk",
            &gk_addr,
            "--key",
            "gw.key",
            "--trust",
            "trust",
            "--callout",
            &ann,
            "--callout",
            &bob,
            "--sip-next-hop",
            &proxy_addr,
            "--h323-listen",
            &h323_listen,
            "--rtp-bind",
            GW_H323_IP,
        ],
        &dir,
    );
    assert!(gw.wait_stderr("registered with", 20).is_some(), "if-gw did not register: {}", gw.stderr());
    let gw_out = || gw.stdout();

    // The chair invites the expert: her phone rings and answers; she is in the mix.
    let line = control_line(&dir, "chair.key", json!({"command": "invite", "destination": "expert-ann"}));
    let trace = serde_json::from_str::<Value>(&line).unwrap()["trace_id"].as_str().unwrap().to_owned();
    mcu.control(&line);
    phone.wait_event("CALL_ESTABLISHED", 30);
    let joined = wait_event(&mcu, "the expert joined", |e| {
        e["content"]["step"] == "joined" && e["content"]["alias"] == "expert-ann"
    });
    assert_eq!(
        (joined["content"]["participants"].as_u64(), joined["trace_id"].as_str()),
        (Some(2), Some(trace.as_str()))
    );
    let connected = wait_lines("gw.h323 connected", gw_out, |e| is(e, "gw.h323", "connected"));
    assert_eq!(connected["content"]["direction"], "h323_to_sip", "{connected}");
    assert_eq!(
        (
            connected["content"]["sip_law"].as_str(),
            connected["content"]["h323_law"].as_str(),
            &connected["content"]["transcoding"]
        ),
        (Some("ulaw"), Some("ulaw"), &json!(false)),
        "{connected}"
    );
    guardian_hears(&mut g, PHONE_HZ);
    phone.wait_heard(3);

    // The chair kicks her: the MCU's ReleaseComplete becomes the gateway's BYE, which she answers.
    mcu.control(&control_line(&dir, "chair.key", json!({"command": "kick", "participant": "expert-ann"})));
    phone.wait_event("CALL_CLOSED", 20);
    let released = wait_lines("gw.h323 released", gw_out, |e| is(e, "gw.h323", "released"));
    assert_eq!(released["content"]["by"], "remote", "{released}");
    assert!(released["content"]["rtp_to_h323"].as_u64().unwrap() > 10, "{released}");
    assert!(released["content"]["rtp_to_sip"].as_u64().unwrap() > 10, "{released}");
    let heard = phone.heard();
    let share = loudest_second(&heard, GUARDIAN_HZ);
    assert!(share > 0.2, "the expert's recording lacks the guardian's {GUARDIAN_HZ} Hz: {share}");
    let answered = wait_lines("gw.sip bye_answered", gw_out, |e| is(e, "gw.sip", "bye_answered"));
    assert_eq!(answered["content"]["status"], 200, "{answered}");
    wait_lines("gw.ras disengage", gw_out, |e| is(e, "gw.ras", "disengage") && e["content"]["outcome"] == "confirmed");

    // One trace: the gateway's legs, both ARQs at the gatekeeper, the proxy's INVITE and BYE.
    let gw_events = lines(&gw.stdout());
    for (event, step) in [
        ("gw.h323", "incoming"),
        ("gw.sip", "invite_sent"),
        ("gw.sip", "ringing"),
        ("gw.h323", "alerting"),
        ("gw.sip", "answered"),
        ("gw.h323", "connected"),
        ("gw.sip", "bye_sent"),
    ] {
        let e = gw_events
            .iter()
            .find(|e| is(e, event, step))
            .unwrap_or_else(|| panic!("no {event} {step}: {}", gw.stdout()));
        assert_eq!(e["trace_id"], trace.as_str(), "{e}");
    }
    let invite_sent = gw_events.iter().find(|e| is(e, "gw.sip", "invite_sent")).unwrap();
    let acfs = lines(&gk.stdout())
        .into_iter()
        .filter(|e| e["content"]["answer"] == "admissionConfirm" && e["trace_id"] == trace.as_str())
        .count();
    assert!(acfs >= 2, "the MCU's ARQ and the gateway's answer-ARQ admitted in trace {trace}: {}", gk.stdout());
    let proxy_invite = wait_lines(
        "the proxy's INVITE",
        || proxy.stdout(),
        |e| e["content"]["method"] == "INVITE" && e["content"]["call_id"] == invite_sent["content"]["sip_call_id"],
    );
    assert_eq!(proxy_invite["trace_id"], trace.as_str(), "{proxy_invite}");
    assert_eq!(proxy_invite["content"]["status"], 200, "{proxy_invite}");
    let proxy_bye = wait_lines(
        "the proxy's BYE",
        || proxy.stdout(),
        |e| e["content"]["method"] == "BYE" && e["content"]["call_id"] == invite_sent["content"]["sip_call_id"],
    );
    assert_eq!(proxy_bye["trace_id"], trace.as_str(), "{proxy_bye}");

    // The busy callee: 486 becomes the ReleaseComplete `inConf` (Q.931 cause 17, user busy).
    mcu.control(&control_line(&dir, "chair.key", json!({"command": "invite", "destination": "busy-bob"})));
    let refused = wait_lines("gw.sip refused", gw_out, |e| is(e, "gw.sip", "refused"));
    assert_eq!((refused["content"]["status"].as_u64(), refused["performative"].as_str()), (Some(486), Some("refuse")));
    let gw_released = wait_lines("gw.h323 released inConf", gw_out, |e| {
        is(e, "gw.h323", "released") && e["content"]["reason"] == "inConf"
    });
    assert_eq!(
        (gw_released["content"]["by"].as_str(), gw_released["content"]["cause"].as_u64()),
        (Some("local"), Some(17))
    );
    let mcu_released = wait_event(&mcu, "the MCU's release of busy-bob", |e| {
        e["content"]["step"] == "released" && e["content"]["alias"] == "busy-bob"
    });
    assert_eq!(
        (mcu_released["content"]["reason"].as_str(), mcu_released["content"]["by"].as_str()),
        (Some("inConf"), Some("remote"))
    );
    let (code, _, err) = busy.finish(30);
    assert_eq!(code, Some(0), "SIPp's busy callee never got its ACK: {err}");
    wait_lines("the busy call's DRQ", gw_out, |e| {
        is(e, "gw.ras", "disengage") && e["content"]["outcome"] == "confirmed" && e["trace_id"] != trace.as_str()
    });

    // tshark on the gateway's H.323 leg (both calls, once both ReleaseCompletes are in the
    // capture): nothing malformed; Setup, CallProceeding, Alerting, Connect, ReleaseComplete.
    let types = |file: &Path| {
        let args =
            ["-Y", "q931", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-e", "q931.message_type"];
        crate::mcu::tshark(file, &[], &args)
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while types(&cap.file).matches("0x5a").count() < 2 {
        assert!(Instant::now() < deadline, "the capture lacks two ReleaseCompletes:\n{}", types(&cap.file));
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(cap.tshark);
    let bad = crate::mcu::tshark(
        &cap.file,
        &[],
        &["-Y", crate::mcu::BAD, "-T", "fields", "-e", "frame.number", "-e", "_ws.col.Info"],
    );
    assert!(bad.trim().is_empty(), "tshark finds malformed packets on the gateway's H.323 leg:\n{bad}");
    let seen = types(&cap.file);
    for (code, name) in [("0x05", "Setup"), ("0x02", "CallProceeding"), ("0x01", "Alerting"), ("0x07", "Connect")] {
        assert!(seen.contains(code), "tshark saw no {name} on the gateway's H.323 leg:\n{seen}");
    }

    // The guardian's escalation concluded (a decision), as the audit asks of every hazard.
    mcu.control(&control_line(
        &dir,
        "chair.key",
        json!({"command": "call_vote", "conversation_id": "if://conversation/00000000c0de", "question": "done?", "window_s": 1}),
    ));
    wait_event(&mcu, "the decision", |e| e["content"]["step"] == "decision");
    for (log, out) in
        [("gk.log", gk.stdout()), ("mcu.log", mcu.stdout()), ("gw.log", gw.stdout()), ("proxy.log", proxy.stdout())]
    {
        witness_log(&dir, log, &out);
    }
    let audit = crate::common::run(
        crate::common::WITNESS,
        &["audit", "gk.log", "mcu.log", "gw.log", "proxy.log", "--trust", "trust", "--format", "json"],
        &dir,
        "",
    );
    let report: Value = serde_json::from_str(&audit.stdout).unwrap_or_else(|e| panic!("{e}: {audit:?}"));
    assert_eq!((audit.code, &report["findings"]), (0, &json!([])), "{}", audit.stderr);
    drop(phone);
}
