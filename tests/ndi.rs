//! The NDI FFI layer against the real runtime (libndi from `ndi-python`) and NDI's own Python
//! bindings as the independent peer, both ways, on loopback.

use crate::common::*;
use ifconnect::ndi::{ffi, Received, Runtime};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// NDI tests run one at a time: several NDI senders and receivers discovering each other over
/// loopback at once, in and out of this process, miss each other (seen with three at a time).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// The runtime folder inside the project's virtualenv (installed by scripts/setup).
fn runtime() -> Runtime {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let out = Command::new(python_path())
            .args(["-c", "import NDIlib, os; print(os.path.dirname(NDIlib.__file__))"])
            .output()
            .unwrap();
        assert!(out.status.success(), "ndi-python missing: run scripts/setup");
        let dir = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
        // Tests share one process; set once, before any NDI call.
        std::env::set_var("NDI_RUNTIME_DIR_V6", &dir);
        dir
    });
    let rt = Runtime::load().unwrap_or_else(|e| panic!("{e} (looked in {})", dir.display()));
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
        sender.send_video(&frame, w, h, (30, 1), ffi::TIMECODE_SYNTHESIZE);
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
    let (mut video, mut meta, mut red) = (0, Vec::new(), None);
    let deadline = Instant::now() + Duration::from_secs(8);
    while Instant::now() < deadline && video < 60 {
        match receiver.capture(200) {
            Received::Video { width, height, bgra, .. } => {
                assert_eq!((width, height), (128, 72));
                video += 1;
                let mid = bgra[(36 * 128 + 64) * 4..][..3].to_vec();
                red.get_or_insert(mid);
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
    // Every frame received has metadata whose signature and chain verify, checked in Python.
    assert!(v["video"].as_u64().unwrap() >= 100, "{v}");
    assert_eq!(v["verified"], v["metadata"], "{v}");
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
    f.ok(WITNESS, &["append", "ndi.log", "--key", "witness.key", "--trust", "trust"], &(wrapped + &r.stdout));
    assert_eq!(f.run(WITNESS, &["verify", "ndi.log", "--trust", "trust"], "").code, 0);
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
