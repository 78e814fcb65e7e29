//! Where a 1080p frame's own cost goes in if-ndi-pub and if-ndi-view, step by step, without NDI:
//! `cargo run --release --example ndi_frame_cost` (run by `scripts/bench ndi`). Prints one
//! Markdown table row per step: mean milliseconds per frame over 120 frames. With an argument,
//! also writes the rendered card there as raw BGRA, for the benchmark's NDI baseline to send.

use ifconnect::ndi::card::{luma_grid, render, Card};
use ifconnect::ndi::chain::FrameRecord;
use sha2::{Digest, Sha256};
use std::time::Instant;

fn mean_ms(frames: u32, mut step: impl FnMut(u32)) -> f64 {
    let t = Instant::now();
    for i in 0..frames {
        step(i);
    }
    t.elapsed().as_secs_f64() * 1000.0 / frames as f64
}

fn main() {
    let (w, h, frames) = (1920, 1080, 120);
    let card = Card {
        headline: "benchmark card: stripe_live_key in app/config.py:12".into(),
        severity: "high".into(),
        lines: vec!["where    app/config.py:12".into(), "pattern  stripe_live_key".into()],
        trace_id: "0123456789ab".into(),
    };
    let canvas = render(&card, "chain 0 frame 0 card 1", w, h);
    if let Some(path) = std::env::args_os().nth(1) {
        std::fs::write(path, &canvas.pixels).expect("write the raw card");
    }
    let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let mut record = FrameRecord {
        chain: "0123456789abcdef".into(),
        n: 0,
        ts: "2026-11-25T18:00:00.000Z".into(),
        trace: card.trace_id.clone(),
        card: 1,
        width: w,
        height: h,
        pixels: hex::encode(Sha256::digest(&canvas.pixels)),
        grid: hex::encode(luma_grid(&canvas.pixels, w, h)),
        prev: "0".repeat(64),
        hash: String::new(),
        key: String::new(),
        sig: String::new(),
    };
    let rows = [
        (
            "render the card (publisher)",
            mean_ms(frames, |i| drop(render(&card, &format!("chain 0 frame {i} card 1"), w, h))),
        ),
        (
            "SHA-256 of the 8 MB of pixels (publisher)",
            mean_ms(frames, |_| {
                std::hint::black_box(Sha256::digest(&canvas.pixels));
            }),
        ),
        (
            "luma grid (publisher, and viewer on the decoded frame)",
            mean_ms(frames, |_| drop(std::hint::black_box(luma_grid(&canvas.pixels, w, h)))),
        ),
        (
            "seal the chain record: hash and Ed25519 sign (publisher)",
            mean_ms(frames, |i| {
                record.n = i as u64;
                record.seal(&key);
            }),
        ),
        ("parse and verify the record (viewer)", {
            let xml = record.to_xml();
            mean_ms(frames, |_| {
                let r = FrameRecord::from_xml(&xml).expect("parses");
                r.verify().expect("verifies");
            })
        }),
        (
            "PNG of the frame for the web view (only while someone watches)",
            mean_ms(frames / 4, |_| drop(std::hint::black_box(ifconnect::ndi::png::encode_bgra(&canvas.pixels, w, h)))),
        ),
    ];
    for (step, ms) in rows {
        println!("| {step} | {ms:.2} ms |");
    }
    let png = ifconnect::ndi::png::encode_bgra(&canvas.pixels, w, h).len();
    println!("| size of that PNG | {} KB (of {} KB of pixels) |", png / 1024, canvas.pixels.len() / 1024);
}
