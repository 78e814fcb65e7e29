//! The live web view of `if-ndi-view --http`: the latest frame with its provenance overlay and
//! the verifier's status, for a browser.
//!
//! Routes: `/` a page that refreshes the picture and the status by itself; `/frame.png` the
//! latest frame; `/status.json` the status; `/stream` a `multipart/x-mixed-replace` stream of PNG
//! frames (MJPEG-style, for players and `<img>` tags). The server is the shared one in
//! [`crate::http`], with its default limits; this module only maps paths to responses
//! ([`route`], [`Routes`]).

use super::card::{overlay, Canvas, Image};
use super::png::encode_bgra;
use crate::http::{self, Bytes, Handler, Request, Response, StatusCode};
use serde::Serialize;
use std::net::SocketAddr;
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
    /// A thumbnail not read yet ([`LiveView::latest`]): later frames are not scaled until it is.
    unread: bool,
}

/// The viewer's latest frame and status, shared with the web server's threads.
pub struct LiveView {
    shared: Mutex<Shared>,
    changed: Condvar,
    /// Keep frames scaled down to fit this size (the board's tiles), not whole.
    thumbnail: Option<(u32, u32)>,
}

impl LiveView {
    pub fn new(source: &str) -> Arc<Self> {
        let status =
            Status { source: source.to_owned(), line: "waiting for the first frame".into(), ..Status::default() };
        Arc::new(LiveView {
            shared: Mutex::new(Shared { frame: None, status, seq: 0, unread: false }),
            changed: Condvar::new(),
            thumbnail: None,
        })
    }

    /// A view that keeps frames scaled down to fit `width`x`height` (a board's tile): the copy
    /// reads only the pixels the thumbnail shows, and is made only once the last one was read,
    /// so a stream costs one thumbnail per look whatever its frame rate.
    pub fn thumbnails(source: &str, width: u32, height: u32) -> Arc<Self> {
        let mut view = Arc::into_inner(Self::new(source)).expect("just made");
        view.thumbnail = Some((width, height));
        Arc::new(view)
    }

    /// The frame counter: how many frames have been shown.
    pub fn latest_seq(&self) -> u64 {
        self.lock().seq
    }

    /// The frame counter, the latest frame (packed BGRA, or its thumbnail) and the status.
    pub fn latest(&self) -> (u64, Option<Canvas>, Status) {
        let mut s = self.lock();
        s.unread = false;
        let frame = s.frame.as_ref().map(|f| Canvas { width: f.width, height: f.height, pixels: f.bgra.clone() });
        (s.seq, frame, s.status.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Shows the latest decoded frame (BGRA), copied into the buffer the last one used.
    pub fn show_frame(&self, image: Image<'_>) {
        let mut s = self.lock();
        if self.thumbnail.is_some() && s.unread {
            return;
        }
        s.unread = self.thumbnail.is_some();
        let frame = s.frame.get_or_insert_with(|| Frame { width: 0, height: 0, bgra: Vec::new() });
        if let Some((w, h)) = self.thumbnail {
            let (fw, fh) = super::card::fit(image.width, image.height, w, h);
            let mut small = Canvas { width: fw, height: fh, pixels: std::mem::take(&mut frame.bgra) };
            small.pixels.resize((fw * fh * 4) as usize, 0);
            small.draw_scaled(0, 0, fw, fh, image);
            (frame.width, frame.height, frame.bgra) = (fw, fh, small.pixels);
        } else {
            image.copy_packed(&mut frame.bgra);
            // A short buffer shows the rows it has.
            let rows = frame.bgra.len() / (image.width as usize * 4).max(1);
            (frame.width, frame.height) = (image.width, rows as u32);
        }
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

/// The resources the view serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Page,
    Frame,
    Status,
    Stream,
}

/// The route for a request's path (without its query); `None` is a 404.
pub fn route(path: &str) -> Option<Route> {
    match path {
        "/" | "/index.html" => Some(Route::Page),
        "/frame.png" => Some(Route::Frame),
        "/status.json" => Some(Route::Status),
        "/stream" => Some(Route::Stream),
        _ => None,
    }
}

/// Streams send at most this many frames per second: a view, not a second copy of the video.
const STREAM_FPS: u64 = 10;
const BOUNDARY: &str = "ifconnect-frame";
const STREAM_TYPE: &str = "multipart/x-mixed-replace; boundary=ifconnect-frame";

/// The view's routes, as the shared HTTP server calls them.
pub struct Routes(pub Arc<LiveView>);

impl Handler for Routes {
    fn handle(&self, request: &Request) -> Response {
        let view = &self.0;
        match route(&request.path) {
            Some(Route::Page) => Response::full(StatusCode::OK, "text/html; charset=utf-8", PAGE),
            Some(Route::Frame) => Response::full(StatusCode::OK, "image/png", view.png()),
            Some(Route::Status) => {
                let body = serde_json::to_vec(&view.status()).expect("status serialises");
                Response::full(StatusCode::OK, "application/json", body)
            }
            Some(Route::Stream) => Response::stream(StatusCode::OK, STREAM_TYPE, FrameParts::new(view.clone())),
            None => {
                let shown: String = request.path.chars().take(64).collect();
                Response::text(StatusCode::NOT_FOUND, format!("404 Not Found: {shown}\n"))
            }
        }
    }
}

/// Listens on `addr` and serves `view` until the process ends (limits: [`http::Limits`]'s
/// defaults); returns the bound address.
pub fn serve(addr: SocketAddr, view: Arc<LiveView>) -> std::io::Result<SocketAddr> {
    Ok(http::serve(addr, http::Limits::default(), Routes(view))?.detach())
}

/// The parts of `/stream`: each new frame once, at most [`STREAM_FPS`] a second, then the
/// closing boundary when the viewer stops.
struct FrameParts {
    view: Arc<LiveView>,
    /// The frame sent last and when its part was started; `None` before the first.
    sent: Option<(u64, Instant)>,
    ended: bool,
}

impl FrameParts {
    fn new(view: Arc<LiveView>) -> Self {
        FrameParts { view, sent: None, ended: false }
    }
}

impl Iterator for FrameParts {
    type Item = Bytes;

    fn next(&mut self) -> Option<Bytes> {
        if self.ended {
            return None;
        }
        if let Some((seen, started)) = self.sent {
            match self.view.wait_newer(seen, Duration::from_secs(1)) {
                None => {
                    self.ended = true;
                    return Some(Bytes::from(format!("--{BOUNDARY}--\r\n")));
                }
                // Nothing new: an empty part lets the server see whether the client is still there.
                Some(false) => return Some(Bytes::new()),
                Some(true) => {}
            }
            if let Some(rest) = Duration::from_millis(1000 / STREAM_FPS).checked_sub(started.elapsed()) {
                std::thread::sleep(rest);
            }
        }
        let started = Instant::now();
        let (seq, png) = self.view.png_and_seq();
        self.sent = Some((seq, started));
        let mut part =
            format!("--{BOUNDARY}\r\nContent-Type: image/png\r\nContent-Length: {}\r\n\r\n", png.len()).into_bytes();
        part.extend_from_slice(&png);
        part.extend_from_slice(b"\r\n");
        Some(Bytes::from(part))
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

    /// What the view answers to `request` on one connection, over the shared server in memory.
    fn answer(view: &Arc<LiveView>, request: &[u8]) -> Vec<u8> {
        http::serve_bytes(request, http::Limits::default(), Routes(view.clone()))
    }

    #[test]
    fn a_thumbnail_is_scaled_once_per_look_whatever_the_frame_rate() {
        let view = LiveView::thumbnails("s", 160, 100);
        let (red, blue) = ([0u8, 0, 255, 255].repeat(320 * 180), [255u8, 0, 0, 255].repeat(320 * 180));
        assert_eq!(view.latest().0, 0);
        view.show_frame(Image::packed(&red, 320, 180));
        view.show_frame(Image::packed(&blue, 320, 180));
        let (seq, frame, _) = view.latest();
        let frame = frame.unwrap();
        // The first frame, fitted (16:9 in 160x100), until it was looked at.
        assert_eq!((seq, frame.width, frame.height, &frame.pixels[..4]), (1, 160, 90, &[0, 0, 255, 255][..]));
        view.show_frame(Image::packed(&blue, 320, 180));
        let (seq, frame, _) = view.latest();
        assert_eq!((seq, &frame.unwrap().pixels[..4]), (2, &[255, 0, 0, 255][..]));
    }

    fn head_and_body(answer: &[u8]) -> (String, &[u8]) {
        let split = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
        (String::from_utf8_lossy(&answer[..split + 2]).into_owned(), &answer[split + 4..])
    }

    #[test]
    fn routes() {
        assert_eq!(route("/"), Some(Route::Page));
        assert_eq!(route("/index.html"), Some(Route::Page));
        assert_eq!(route("/frame.png"), Some(Route::Frame));
        assert_eq!(route("/status.json"), Some(Route::Status));
        assert_eq!(route("/stream"), Some(Route::Stream));
        assert_eq!(route("/etc/passwd"), None);
        let view = LiveView::new("TEST (src)");
        view.show_frame(Image::packed(&[128; 64 * 36 * 4], 64, 36));
        view.finish();
        let page = answer(&view, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        let (head, body) = head_and_body(&page);
        assert!(
            head.starts_with("HTTP/1.1 200 OK\r\n") && head.contains("Content-Type: text/html; charset=utf-8\r\n"),
            "{head}"
        );
        assert_eq!(body, PAGE.as_bytes());
        let frame = answer(&view, b"GET /frame.png?n=3 HTTP/1.1\r\n\r\n");
        let (head, body) = head_and_body(&frame);
        assert!(head.contains("Content-Type: image/png\r\n") && body.starts_with(b"\x89PNG\r\n\x1a\n"), "{head}");
        let status = answer(&view, b"GET /status.json HTTP/1.0\r\n\r\n");
        let (head, body) = head_and_body(&status);
        assert!(
            head.starts_with("HTTP/1.0 200 OK\r\n") && head.contains("Content-Type: application/json\r\n"),
            "{head}"
        );
        assert_eq!(body, serde_json::to_vec(&view.status()).unwrap());
        // The view has finished: one part, then the closing boundary (chunked on HTTP/1.1).
        let stream = answer(&view, b"GET /stream HTTP/1.1\r\n\r\n");
        let (head, body) = head_and_body(&stream);
        assert!(head.contains(&format!("Content-Type: {STREAM_TYPE}\r\n")), "{head}");
        assert_eq!(
            String::from_utf8_lossy(body).matches("--ifconnect-frame\r\nContent-Type: image/png\r\n").count(),
            1
        );
        assert!(body.ends_with(b"--ifconnect-frame--\r\n\r\n0\r\n\r\n"));
        let missing = answer(&view, b"GET /etc/passwd HTTP/1.1\r\n\r\n");
        assert!(
            missing.starts_with(b"HTTP/1.1 404 Not Found\r\n")
                && missing.ends_with(b"\r\n\r\n404 Not Found: /etc/passwd\n")
        );
        let post = answer(&view, b"POST / HTTP/1.1\r\n\r\n");
        assert!(
            post.starts_with(b"HTTP/1.1 405 Method Not Allowed\r\n")
                && post.ends_with(b"405 Method Not Allowed: POST\n")
        );
    }

    #[test]
    fn an_open_stream_ends_when_the_view_finishes() {
        use std::io::{Read, Write};
        let view = LiveView::new("TEST (src)");
        let addr = serve("127.0.0.1:0".parse().unwrap(), view.clone()).unwrap();
        let mut conn = std::net::TcpStream::connect(addr).unwrap();
        conn.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        conn.write_all(b"GET /stream HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut got = Vec::new();
        let mut chunk = [0u8; 4096];
        // The placeholder's part arrives at once, before any frame.
        while !got.windows(8).any(|w| w == b"\x89PNG\r\n\x1a\n") {
            let n = conn.read(&mut chunk).unwrap();
            assert!(n > 0, "stream ended early");
            got.extend_from_slice(&chunk[..n]);
        }
        view.finish();
        conn.read_to_end(&mut got).unwrap();
        assert!(got.ends_with(b"--ifconnect-frame--\r\n\r\n0\r\n\r\n"), "{}", String::from_utf8_lossy(&got));
    }

    #[test]
    fn hostile_requests_are_refused_not_panicked_on() {
        let view = LiveView::new("TEST (src)");
        view.finish();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/http");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "http") {
                continue;
            }
            let answer = answer(&view, &std::fs::read(&path).unwrap());
            let status = String::from_utf8_lossy(&answer[..answer.len().min(13)]).into_owned();
            assert!(answer.is_empty() || status.starts_with("HTTP/1.1 4"), "{}: {status:?}", path.display());
            seen += 1;
        }
        assert!(seen >= 19, "corpus in {}", dir.display());
    }

    #[test]
    fn frames_are_served_with_the_overlay_and_streams_end_when_the_view_does() {
        let view = LiveView::new("TEST (src)");
        let placeholder = view.png();
        assert_eq!(&placeholder[..8], b"\x89PNG\r\n\x1a\n");
        view.show_frame(Image::packed(&[128; 64 * 36 * 4], 64, 36));
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
