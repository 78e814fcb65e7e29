//! The shared HTTP server with the live web view's routes, on arbitrary bytes from one client:
//! hyper's parser, the limits and the routing together, as one connection in memory.
#![no_main]
use ifconnect::http::{serve_bytes, Limits};
use ifconnect::ndi::live::{LiveView, Routes};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

/// One finished view for all runs: `/stream` then sends one part and ends.
fn view() -> Arc<LiveView> {
    static VIEW: OnceLock<Arc<LiveView>> = OnceLock::new();
    VIEW.get_or_init(|| {
        let view = LiveView::new("FUZZ (src)");
        view.finish();
        view
    })
    .clone()
}

fuzz_target!(|data: &[u8]| {
    let answer = serve_bytes(data, Limits::default(), Routes(view()));
    if answer.is_empty() {
        return;
    }
    assert!(answer.starts_with(b"HTTP/1.1 ") || answer.starts_with(b"HTTP/1.0 "), "{answer:?}");
    // Only GET and HEAD get anything but a refusal (empty lines before the request are allowed).
    if answer[9..].starts_with(b"200 ") {
        let request = &data[data.iter().position(|b| !b"\r\n".contains(b)).unwrap_or(data.len())..];
        assert!(request.starts_with(b"GET ") || request.starts_with(b"HEAD "), "{data:?}");
    } else {
        assert!(answer[9] == b'4', "{:?}", String::from_utf8_lossy(&answer[..answer.len().min(40)]));
    }
});
