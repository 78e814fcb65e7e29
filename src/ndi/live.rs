//! The live web view of `if-ndi-view --http`: the latest frame with its provenance overlay and
//! the verifier's status, for a browser.
//!
//! Routes: `/` a page that refreshes the picture and the status by itself; `/frame.png` the
//! latest frame; `/status.json` the status; `/stream` a `multipart/x-mixed-replace` stream of PNG
//! frames (MJPEG-style, for players and `<img>` tags). Request parsing is a pure function
//! ([`parse_request`]); the server around it is a thread per connection, bounded.

use super::card::{overlay, Canvas};
use super::png::encode_bgra;
use serde::Serialize;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What the page shows besides the picture.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Status {
    pub source: String,
    /// True while the stream verifies; false after an anomaly, until the next verified frame.
    pub verified: bool,
    /// The overlay's text: key, chain position and trace, or the anomaly.
    pub line: String,
    pub frames_verified: u64,
    pub anomalies: u64,
    pub last_anomaly: Option<String>,
    /// True once the viewer has stopped.
    pub finished: bool,
}

struct Frame {
    width: u32,
    height: u32,
    bgra: Vec<u8>,
}

struct Shared {
    frame: Option<Frame>,
    status: Status,
    /// Bumped on every new frame, so streams send each frame once.
    seq: u64,
}

/// The viewer's latest frame and status, shared with the web server's threads.
pub struct LiveView {
    shared: Mutex<Shared>,
    changed: Condvar,
}

impl LiveView {
    pub fn new(source: &str) -> Arc<Self> {
        let status =
            Status { source: source.to_owned(), line: "waiting for the first frame".into(), ..Status::default() };
        Arc::new(LiveView { shared: Mutex::new(Shared { frame: None, status, seq: 0 }), changed: Condvar::new() })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the latest decoded frame (BGRA), without copying it.
    pub fn show_frame(&self, width: u32, height: u32, bgra: Vec<u8>) {
        let mut s = self.lock();
        s.frame = Some(Frame { width, height, bgra });
        s.seq += 1;
        self.changed.notify_all();
    }

    pub fn update(&self, f: impl FnOnce(&mut Status)) {
        f(&mut self.lock().status);
    }

    pub fn status(&self) -> Status {
        self.lock().status.clone()
    }

    /// Marks the view finished, which ends open streams.
    pub fn finish(&self) {
        self.lock().status.finished = true;
        self.changed.notify_all();
    }

    /// The latest frame with the overlay, as PNG; a placeholder before the first frame.
    pub fn png(&self) -> Vec<u8> {
        self.png_and_seq().1
    }

    fn png_and_seq(&self) -> (u64, Vec<u8>) {
        // Copy out under the lock, encode outside it: encoding takes milliseconds.
        let (seq, mut canvas, status) = {
            let s = self.lock();
            let canvas = match &s.frame {
                Some(f) => Canvas { width: f.width, height: f.height, pixels: f.bgra.clone() },
                None => Canvas::new(320, 180, [32, 24, 20, 255]),
            };
            (s.seq, canvas, s.status.clone())
        };
        overlay(&mut canvas, status.verified, &status.line);
        (seq, encode_bgra(&canvas.pixels, canvas.width, canvas.height))
    }

    /// Waits up to `timeout` for a frame newer than `seen`; `None` once finished with nothing new.
    fn wait_newer(&self, seen: u64, timeout: Duration) -> Option<bool> {
        let s = self.lock();
        let (s, _) = self
            .changed
            .wait_timeout_while(s, timeout, |s| s.seq == seen && !s.status.finished)
            .unwrap_or_else(|e| e.into_inner());
        if s.seq != seen {
            Some(true)
        } else if s.status.finished {
            None
        } else {
            Some(false)
        }
    }
}

/// The resources the server knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Page,
    Frame,
    Status,
    Stream,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("400 Bad Request: {0}")]
    Malformed(&'static str),
    #[error("405 Method Not Allowed: {0}")]
    Method(String),
    #[error("404 Not Found: {0}")]
    NotFound(String),
}

impl HttpError {
    fn status(&self) -> &'static str {
        match self {
            HttpError::Malformed(_) => "400 Bad Request",
            HttpError::Method(_) => "405 Method Not Allowed",
            HttpError::NotFound(_) => "404 Not Found",
        }
    }
}

/// Largest request head read; the server only needs the request line.
pub const MAX_HEAD: usize = 8192;

/// Parses a request head (request line and headers, up to the blank line) into a route.
pub fn parse_request(head: &[u8]) -> Result<Route, HttpError> {
    let line_end = head.windows(2).position(|w| w == b"\r\n").ok_or(HttpError::Malformed("no request line"))?;
    let line = std::str::from_utf8(&head[..line_end]).map_err(|_| HttpError::Malformed("request line is not UTF-8"))?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HttpError::Malformed("request line is not METHOD TARGET VERSION"));
    };
    if !matches!(version, "HTTP/1.0" | "HTTP/1.1") {
        return Err(HttpError::Malformed("unsupported HTTP version"));
    }
    if method != "GET" {
        return Err(HttpError::Method(method.chars().take(32).collect()));
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    match path {
        "/" | "/index.html" => Ok(Route::Page),
        "/frame.png" => Ok(Route::Frame),
        "/status.json" => Ok(Route::Status),
        "/stream" => Ok(Route::Stream),
        _ if !path.starts_with('/') => Err(HttpError::Malformed("target is not an absolute path")),
        other => Err(HttpError::NotFound(other.chars().take(64).collect())),
    }
}

/// Connections served at once; more get a 503 rather than a thread each.
const MAX_CONNECTIONS: usize = 16;
/// Streams send at most this many frames per second: a view, not a second copy of the video.
const STREAM_FPS: u64 = 10;
const BOUNDARY: &str = "ifconnect-frame";

/// Listens on `addr` and serves `view` from background threads; returns the bound address.
pub fn serve(addr: SocketAddr, view: Arc<LiveView>) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr)?;
    let bound = listener.local_addr()?;
    let active = Arc::new(AtomicUsize::new(0));
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                active.fetch_sub(1, Ordering::SeqCst);
                let _ = respond(&mut conn, "503 Service Unavailable", "text/plain", b"busy\n");
                continue;
            }
            let (view, active) = (view.clone(), active.clone());
            std::thread::spawn(move || {
                if let Err(e) = handle(&mut conn, &view) {
                    tracing::debug!("web view: {e}");
                }
                active.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    Ok(bound)
}

fn read_head(conn: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(512);
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "request head too large"));
        }
        let n = conn.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "connection closed in the request head",
            ));
        }
        head.extend_from_slice(&buf[..n]);
    }
    Ok(head)
}

fn handle(conn: &mut TcpStream, view: &LiveView) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(5)))?;
    conn.set_write_timeout(Some(Duration::from_secs(10)))?;
    let head = match read_head(conn) {
        Ok(h) => h,
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            return respond(conn, "431 Request Header Fields Too Large", "text/plain", b"request head too large\n");
        }
        Err(e) => return Err(e),
    };
    match parse_request(&head) {
        Err(e) => respond(conn, e.status(), "text/plain", format!("{e}\n").as_bytes()),
        Ok(Route::Page) => respond(conn, "200 OK", "text/html; charset=utf-8", PAGE.as_bytes()),
        Ok(Route::Frame) => respond(conn, "200 OK", "image/png", &view.png()),
        Ok(Route::Status) => {
            let body = serde_json::to_vec(&view.status()).expect("status serialises");
            respond(conn, "200 OK", "application/json", &body)
        }
        Ok(Route::Stream) => stream(conn, view),
    }
}

fn respond(conn: &mut TcpStream, status: &str, content_type: &str, body: &[u8]) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes())?;
    conn.write_all(body)?;
    conn.flush()
}

/// Sends each new frame as one part, at most [`STREAM_FPS`] a second, until the client goes or
/// the viewer stops.
fn stream(conn: &mut TcpStream, view: &LiveView) -> std::io::Result<()> {
    conn.write_all(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary={BOUNDARY}\r\n\
             Cache-Control: no-store\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    )?;
    let mut seen = None;
    loop {
        let started = Instant::now();
        if seen != Some(view.lock().seq) {
            let (seq, png) = view.png_and_seq();
            seen = Some(seq);
            conn.write_all(
                format!("--{BOUNDARY}\r\nContent-Type: image/png\r\nContent-Length: {}\r\n\r\n", png.len()).as_bytes(),
            )?;
            conn.write_all(&png)?;
            conn.write_all(b"\r\n")?;
            conn.flush()?;
        }
        if let Some(rest) = Duration::from_millis(1000 / STREAM_FPS).checked_sub(started.elapsed()) {
            std::thread::sleep(rest);
        }
        if view.wait_newer(seen.unwrap_or(0), Duration::from_secs(1)).is_none() {
            return conn.write_all(format!("--{BOUNDARY}--\r\n").as_bytes());
        }
    }
}

/// The page: the picture and the status, refreshed by polling (which any browser does, and
/// which lets the page finish loading, unlike an endless stream).
const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>if-ndi-view</title>
<style>
  body { background: #14181c; color: #e8e8e8; font: 15px/1.4 system-ui, sans-serif; margin: 1em; }
  #status { font-weight: bold; padding: .3em .6em; display: inline-block; }
  #status.verified { background: #288c3c; }
  #status.broken { background: #c83228; }
  img { max-width: 100%; display: block; margin-top: .6em; border: 1px solid #444; }
  .dim { color: #999; }
  a { color: #8ab4f8; }
</style>
</head>
<body>
<div><span id="status">connecting</span> <span id="source" class="dim"></span></div>
<div><span id="counts"></span> <span id="anomaly" class="dim"></span></div>
<img id="frame" alt="latest frame with its provenance overlay">
<div class="dim">frame <span id="size">-</span>; also as a stream at <a href="stream">/stream</a></div>
<script>
  const $ = (id) => document.getElementById(id);
  let n = 0;
  const next = () => { $("frame").src = "frame.png?n=" + (n++); };
  $("frame").onload = () => {
    $("size").textContent = $("frame").naturalWidth + "x" + $("frame").naturalHeight;
    setTimeout(next, 200);
  };
  $("frame").onerror = () => setTimeout(next, 1000);
  async function poll() {
    try {
      const s = await (await fetch("status.json", { cache: "no-store" })).json();
      $("status").textContent = s.line;
      $("status").className = s.verified ? "verified" : "broken";
      $("source").textContent = s.source + (s.finished ? " (viewer stopped)" : "");
      $("counts").textContent = s.frames_verified + " frames verified, " + s.anomalies + " anomalies";
      $("anomaly").textContent = s.last_anomaly ? "last: " + s.last_anomaly : "";
      if (s.finished) return;
    } catch (e) {
      $("status").textContent = "viewer unreachable";
      $("status").className = "broken";
    }
    setTimeout(poll, 500);
  }
  next();
  poll();
</script>
</body>
</html>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert_eq!(parse_request(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"), Ok(Route::Page));
        assert_eq!(parse_request(b"GET /frame.png?n=3 HTTP/1.1\r\n\r\n"), Ok(Route::Frame));
        assert_eq!(parse_request(b"GET /status.json HTTP/1.0\r\n\r\n"), Ok(Route::Status));
        assert_eq!(parse_request(b"GET /stream HTTP/1.1\r\n\r\n"), Ok(Route::Stream));
        assert_eq!(parse_request(b"GET /etc/passwd HTTP/1.1\r\n\r\n"), Err(HttpError::NotFound("/etc/passwd".into())));
        assert_eq!(parse_request(b"POST / HTTP/1.1\r\n\r\n"), Err(HttpError::Method("POST".into())));
    }

    #[test]
    fn hostile_requests_are_refused_not_panicked_on() {
        for bad in [
            &b""[..],
            b"\r\n\r\n",
            b"GET\r\n\r\n",
            b"GET / HTTP/2\r\n\r\n",
            b"GET  / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1 extra\r\n\r\n",
            b"GET \xff\xfe HTTP/1.1\r\n\r\n",
            b"GET http://evil/ HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1",
        ] {
            assert!(matches!(parse_request(bad), Err(HttpError::Malformed(_))), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn frames_are_served_with_the_overlay_and_streams_end_when_the_view_does() {
        let view = LiveView::new("TEST (src)");
        let placeholder = view.png();
        assert_eq!(&placeholder[..8], b"\x89PNG\r\n\x1a\n");
        view.show_frame(64, 36, vec![128; 64 * 36 * 4]);
        view.update(|s| {
            s.verified = true;
            s.line = "VERIFIED".into();
        });
        let png = view.png();
        // IHDR carries the frame's size.
        assert_eq!((&png[16..20], &png[20..24]), (&64u32.to_be_bytes()[..], &36u32.to_be_bytes()[..]));
        assert_eq!(view.wait_newer(0, Duration::ZERO), Some(true));
        assert_eq!(view.wait_newer(1, Duration::ZERO), Some(false));
        view.finish();
        assert_eq!(view.wait_newer(1, Duration::from_secs(5)), None);
    }
}
