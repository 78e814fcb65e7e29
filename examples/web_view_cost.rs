//! What the live web view (`if-ndi-view --http`) costs a client, without NDI:
//! `cargo run --release --example web_view_cost`. Serves a 1280x720 card from a `LiveView` on
//! 127.0.0.1:0 and prints one Markdown table row per measurement (a fresh connection per request,
//! as the page's polling does): 1000 sequential `GET /status.json`, 100 `GET /frame.png`, and
//! `GET /status.json` again while four `/stream` clients connect and never read.

use ifconnect::ndi::card::{render, Card, Image};
use ifconnect::ndi::live::{self, LiveView};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Instant;

fn get(addr: SocketAddr, path: &str) -> usize {
    let mut conn = TcpStream::connect(addr).expect("connect");
    write!(conn, "GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n").expect("send");
    let mut all = Vec::new();
    conn.read_to_end(&mut all).expect("read");
    assert!(all.starts_with(b"HTTP/1.1 200 OK\r\n"), "{}", String::from_utf8_lossy(&all[..all.len().min(200)]));
    all.len()
}

fn row(what: &str, n: u32, path: &str, addr: SocketAddr) {
    let t = Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        bytes = get(addr, path);
    }
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("| {what} | {n} | {ms:.0} ms | {:.2} ms | {bytes} B |", ms / n as f64);
}

fn main() {
    let (w, h) = (1280, 720);
    let card = Card {
        headline: "benchmark card: stripe_live_key in app/config.py:12".into(),
        severity: "high".into(),
        lines: vec!["where    app/config.py:12".into(), "pattern  stripe_live_key".into()],
        trace_id: "0123456789ab".into(),
    };
    let view = LiveView::new("BENCH (web view)");
    view.show_frame(Image::packed(&render(&card, "chain 0  card 1", w, h).pixels, w, h));
    view.update(|s| {
        s.verified = true;
        s.line = "VERIFIED  key 0123456789abcdef  chain 0123456789abcdef #1  trace 0123456789ab".into();
    });
    let addr = live::serve("127.0.0.1:0".parse().unwrap(), view.clone()).expect("serve");
    println!("| request | n | total | per request | response |");
    println!("| --- | --- | --- | --- | --- |");
    row("GET /status.json", 1000, "/status.json", addr);
    row("GET /frame.png (1280x720)", 100, "/frame.png", addr);
    let stalled: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut c = TcpStream::connect(addr).expect("connect");
            c.write_all(b"GET /stream HTTP/1.1\r\nHost: bench\r\n\r\n").expect("send");
            c
        })
        .collect();
    row("GET /status.json, 4 stalled /stream readers", 200, "/status.json", addr);
    drop(stalled);
    view.finish();
}
