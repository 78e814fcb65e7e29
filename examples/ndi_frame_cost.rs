//! Where a 1080p frame's own cost goes in if-ndi-pub and if-ndi-view, step by step, without NDI:
//! `cargo run --release --example ndi_frame_cost` (run by `scripts/bench ndi`). Prints one
//! Markdown table row per step: mean milliseconds per frame over 120 frames. With an argument,
//! also writes the rendered card there as raw BGRA, for the benchmark's NDI baseline to send.

use ifconnect::ndi::card::{luma_grid, render, Card, Image};
use ifconnect::ndi::chain::{ChainWriter, FrameRecord, Picture, Preparing, Still};
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
    let footer = "chain 0123456789abcdef  card 1";
    let canvas = render(&card, footer, w, h);
    if let Some(path) = std::env::args_os().nth(1) {
        std::fs::write(path, &canvas.pixels).expect("write the raw card");
    }
    let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let still = Still::new(w, h, canvas.pixels.clone());
    let mut chain = ChainWriter::new("0123456789abcdef".into(), key.clone());
    fn picture<'a>(card: &Card, still: &'a Still) -> Picture<'a> {
        Picture { ts: "2026-11-25T18:00:00.000Z".into(), trace: card.trace_id.clone(), card: 1, still }
    }
    let xml = chain.seal(picture(&card, &still)).to_xml();
    // A decoded frame as the viewer reads it: in the runtime's buffer, rows padded.
    let stride = w as usize * 4 + 64;
    let mut decoded = vec![0u8; stride * h as usize];
    for (y, row) in canvas.pixels.chunks_exact(w as usize * 4).enumerate() {
        decoded[y * stride..][..row.len()].copy_from_slice(row);
    }
    let decoded = Image { data: &decoded, width: w, height: h, stride };
    let rows = [
        ("render the card (publisher, once per card)", mean_ms(frames, |_| drop(render(&card, footer, w, h)))),
        (
            "SHA-256 of the 8 MB of pixels (publisher, once per card)",
            mean_ms(frames, |_| {
                std::hint::black_box(Sha256::digest(&canvas.pixels));
            }),
        ),
        (
            "luma grid (publisher once per card; viewer every frame)",
            mean_ms(frames, |_| drop(std::hint::black_box(luma_grid(&canvas.pixels, w, h)))),
        ),
        (
            "publisher proof work, a new card all at once (draw, hash, grid), for comparison",
            mean_ms(frames / 4, |_| drop(std::hint::black_box(Still::new(w, h, render(&card, footer, w, h).pixels)))),
        ),
        (
            "publisher proof work, the heaviest frame while a new card is prepared (seal, and one 2 MiB slice of the card's hash: the first with the drawing, the last with the grid)",
            {
                let runs = frames / 4;
                let mut worst = 0.0;
                for _ in 0..runs {
                    let mut step_started = Instant::now();
                    let mut work = Preparing::new(w, h, render(&card, footer, w, h).pixels);
                    let mut heaviest = 0.0f64;
                    let mut done = false;
                    while !done {
                        done = work.step();
                        drop(std::hint::black_box(chain.seal(picture(&card, &still)).to_xml()));
                        if done {
                            // The last slice's frame also takes the grid.
                            drop(std::hint::black_box(std::mem::replace(&mut work, Preparing::new(1, 1, vec![0; 4])).finish()));
                        }
                        heaviest = heaviest.max(step_started.elapsed().as_secs_f64());
                        step_started = Instant::now();
                    }
                    worst += heaviest;
                }
                worst * 1000.0 / runs as f64
            },
        ),
        (
            "publisher proof work, every other frame (seal: hash and Ed25519 sign the record, XML)",
            mean_ms(frames, |_| drop(std::hint::black_box(chain.seal(picture(&card, &still)).to_xml()))),
        ),
        (
            "viewer check per frame (grid of the decoded frame in place, parse and verify the record)",
            mean_ms(frames, |_| {
                std::hint::black_box(decoded.luma_grid());
                FrameRecord::from_xml(&xml).expect("parses").verify().expect("verifies");
            }),
        ),
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
