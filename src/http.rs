//! One HTTP/1.1 server for every page the tools serve: the NDI live view and the mesh's
//! signaling (a WebSocket) today, an audit timeline next. hyper parses and writes HTTP; this module adds the
//! limits, the threading and a synchronous handler contract, and knows no routes.
//!
//! Run loop: [`serve`] binds (port 0 allowed; [`Server::addr`] is the bound address) and starts
//! one thread running a current-thread tokio runtime, so callers need no async. Each connection
//! is a task; each request is handed to a [`Handler`], a plain function from [`Request`] to
//! [`Response`], called on tokio's blocking pool so a handler that encodes a picture or waits for
//! a frame stalls no other connection. A response body is [`Body::Full`] or [`Body::Stream`], an
//! iterator of parts pulled on a blocking thread and handed over one at a time as the client
//! reads: a slow reader holds up only itself. Dropping the [`Server`] stops it;
//! [`Server::detach`] leaves it running for the life of the process.
//!
//! Limits ([`Limits`], with their defaults), all enforced before the handler sees a request:
//! - `max_connections`, 16: connections served at once; one more is answered `503` and closed.
//! - `max_header_bytes`, 8 KiB: request line and headers; more gets `431` (so do more than 100
//!   headers, hyper's limit).
//! - `header_timeout`, 5 s: the request head must be complete this long after the connection
//!   opens; a slower (slowloris) peer is disconnected without an answer.
//! - `write_timeout`, 10 s: a client that takes nothing of a pending response for this long is
//!   disconnected, freeing its slot.
//! - Methods: `GET` and `HEAD` unless [`Handler::methods`] says otherwise; others get `405` with
//!   `Allow`. A `HEAD` gets the `GET` response's head (hyper drops the body).
//!
//! One request per connection (`Connection: close`): an idle keep-alive connection would hold a
//! slot of `max_connections`. Request bodies are not read. A malformed request gets hyper's
//! `400`. Every response carries `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`
//! unless the handler set them: these pages are live views, never to be cached or sniffed.
//!
//! WebSocket: a handler answers an upgrade request with [`websocket`], which checks the
//! request's headers and returns `101` with a function of the upgraded connection
//! ([`Body::Upgrade`]). The service takes `hyper::upgrade::on` from every request before the
//! handler sees it, serves the connection `with_upgrades()`, and once the `101` is out runs the
//! function on a blocking thread with the connection as blocking halves ([`Upgraded`]). The
//! connection keeps its slot of `max_connections` until the function returns, and its writes
//! keep `write_timeout`: a client that stops reading fails the writer, not the server.

use hyper::body::{Frame, Incoming, SizeHint};
use hyper::header::{HeaderValue, ALLOW, CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{mpsc, oneshot, OwnedSemaphorePermit, Semaphore};

pub use hyper::body::Bytes;
pub use hyper::header::{self, HeaderMap};
pub use hyper::{Method, StatusCode};

/// What the server enforces on every connection; see the module doc for what each one does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_connections: usize,
    pub max_header_bytes: usize,
    pub header_timeout: Duration,
    pub write_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 16,
            max_header_bytes: 8 * 1024,
            header_timeout: Duration::from_secs(5),
            write_timeout: Duration::from_secs(10),
        }
    }
}

/// A request as the handler sees it: the head only.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: Method,
    /// The target's path, as sent (not normalised): `/frame.png` for `GET /frame.png?n=3`.
    pub path: String,
    /// The target's query, without the `?`.
    pub query: Option<String>,
    pub headers: HeaderMap,
}

/// A response: status, headers (the server adds its defaults) and body.
#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Body,
}

/// A response body.
#[non_exhaustive]
pub enum Body {
    /// Sent with its `Content-Length`.
    Full(Bytes),
    /// Parts sent as they come (chunked), pulled from the iterator on a blocking thread one at a
    /// time, each only once the client has taken the one before. An empty part is not sent: it
    /// lets the server check that the client is still there, so an iterator with nothing new to
    /// say should yield one every second or so rather than wait for ever.
    Stream(Box<dyn Iterator<Item = Bytes> + Send>),
    /// A `101 Switching Protocols`: the function gets the connection once the answer is sent.
    Upgrade(Box<dyn FnOnce(Upgraded) + Send>),
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Body::Full(bytes) => write!(f, "Full({} bytes)", bytes.len()),
            Body::Stream(_) => f.write_str("Stream(..)"),
            Body::Upgrade(_) => f.write_str("Upgrade(..)"),
        }
    }
}

impl Response {
    /// A whole body of type `content_type`.
    pub fn full(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        Response { status, headers: content_type_only(content_type), body: Body::Full(body.into()) }
    }

    /// A body of `parts` sent as they come, of type `content_type`.
    pub fn stream(
        status: StatusCode,
        content_type: &'static str,
        parts: impl Iterator<Item = Bytes> + Send + 'static,
    ) -> Self {
        Response { status, headers: content_type_only(content_type), body: Body::Stream(Box::new(parts)) }
    }

    /// A plain-text body: for refusals and errors.
    pub fn text(status: StatusCode, text: impl Into<String>) -> Self {
        Response::full(status, "text/plain", text.into())
    }
}

fn content_type_only(content_type: &'static str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers
}

static GET_AND_HEAD: [Method; 2] = [Method::GET, Method::HEAD];

/// Answers requests. Called on a blocking thread, so it may take its time or block; many calls
/// may run at once.
pub trait Handler: Send + Sync + 'static {
    /// The methods this handler answers; any other gets `405` before [`Handler::handle`] is called.
    fn methods(&self) -> &[Method] {
        &GET_AND_HEAD
    }

    fn handle(&self, request: &Request) -> Response;
}

impl<F: Fn(&Request) -> Response + Send + Sync + 'static> Handler for F {
    fn handle(&self, request: &Request) -> Response {
        self(request)
    }
}

/// A running server; dropping it stops it (open connections are cut).
pub struct Server {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// The address bound, with the port the system chose for port 0.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Leaves the server running until the process ends; returns its address.
    pub fn detach(mut self) -> SocketAddr {
        // A dropped sender would read as "stop" on the server's side.
        std::mem::forget(self.stop.take());
        self.thread.take();
        self.addr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Binds `addr` and serves `handler` under `limits` from a thread of its own.
pub fn serve(addr: SocketAddr, limits: Limits, handler: impl Handler) -> io::Result<Server> {
    let listener = std::net::TcpListener::bind(addr)?;
    let addr = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?;
    let listener = {
        let _inside = runtime.enter();
        tokio::net::TcpListener::from_std(listener)?
    };
    let (stop, stopped) = oneshot::channel();
    let handler: Arc<dyn Handler> = Arc::new(handler);
    let thread = std::thread::Builder::new().name(format!("http {addr}")).spawn(move || {
        runtime.block_on(accept_until_stopped(listener, limits, handler, stopped));
        // Stream iterators on the blocking pool notice their client is gone within a part.
        runtime.shutdown_timeout(Duration::from_secs(2));
    })?;
    Ok(Server { addr, stop: Some(stop), thread: Some(thread) })
}

/// Sent to a connection beyond `max_connections`, without reading its request.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\
Cache-Control: no-store\r\nConnection: close\r\n\r\nbusy\n";

async fn accept_until_stopped(
    listener: tokio::net::TcpListener,
    limits: Limits,
    handler: Arc<dyn Handler>,
    mut stopped: oneshot::Receiver<()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        let accepted = std::future::poll_fn(|cx| {
            if Pin::new(&mut stopped).poll(cx).is_ready() {
                return Poll::Ready(None);
            }
            listener.poll_accept(cx).map(Some)
        })
        .await;
        let conn = match accepted {
            None => return,
            Some(Ok((conn, _peer))) => conn,
            Some(Err(e)) => {
                // Out of file descriptors, typically: wait for some to close rather than spin.
                tracing::debug!("http: accept: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            // A fresh socket's send buffer takes these few bytes at once; never wait for it.
            let _ = conn.try_write(BUSY);
            continue;
        };
        let handler = handler.clone();
        tokio::spawn(async move {
            // Shared with an upgraded connection, which keeps the slot while it lives.
            let slot = Arc::new(slot);
            serve_connection(conn, limits, handler, Some(slot)).await;
        });
    }
}

async fn serve_connection<IO>(
    io: IO,
    limits: Limits,
    handler: Arc<dyn Handler>,
    slot: Option<Arc<OwnedSemaphorePermit>>,
) where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |request| answer(handler.clone(), request, slot.clone()));
    let served = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_header_size(limits.max_header_bytes)
        .keep_alive(false)
        // A client may close its side once it has sent the request (the hand-written server
        // before this one answered those, and the in-memory connection of `serve_bytes` does).
        .half_close(true)
        // Header names as browsers and the tests of the hand-written server before it saw them.
        .title_case_headers(true)
        .serve_connection(TokioIo::new(WriteDeadline::new(io, limits.write_timeout)), service)
        .with_upgrades()
        .await;
    if let Err(e) = served {
        tracing::debug!("http: connection: {e}");
    }
}

async fn answer(
    handler: Arc<dyn Handler>,
    mut request: hyper::Request<Incoming>,
    slot: Option<Arc<OwnedSemaphorePermit>>,
) -> Result<hyper::Response<ResponseBody>, Infallible> {
    // Taken from every request (it is only a future of the connection, unused unless the
    // handler answers 101).
    let on_upgrade = hyper::upgrade::on(&mut request);
    let (head, _unread_body) = request.into_parts();
    let response = if !handler.methods().contains(&head.method) {
        method_not_allowed(&head.method, handler.methods())
    } else {
        let request = Request {
            path: head.uri.path().to_owned(),
            query: head.uri.query().map(str::to_owned),
            method: head.method,
            headers: head.headers,
        };
        tokio::task::spawn_blocking(move || handler.handle(&request))
            .await
            .unwrap_or_else(|_panicked| Response::text(StatusCode::INTERNAL_SERVER_ERROR, "internal error\n"))
    };
    Ok(into_hyper(response, on_upgrade, slot))
}

fn method_not_allowed(method: &Method, allowed: &[Method]) -> Response {
    let shown: String = method.as_str().chars().take(32).collect();
    let mut response = Response::text(StatusCode::METHOD_NOT_ALLOWED, format!("405 Method Not Allowed: {shown}\n"));
    let allow = allowed.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
    if let Ok(allow) = HeaderValue::from_str(&allow) {
        response.headers.insert(ALLOW, allow);
    }
    response
}

fn into_hyper(
    response: Response,
    on_upgrade: hyper::upgrade::OnUpgrade,
    slot: Option<Arc<OwnedSemaphorePermit>>,
) -> hyper::Response<ResponseBody> {
    let body = match response.body {
        Body::Upgrade(on_open) => {
            let runtime = tokio::runtime::Handle::current();
            tokio::spawn(async move {
                match on_upgrade.await {
                    Ok(upgraded) => {
                        let (read, write) = tokio::io::split(TokioIo::new(upgraded));
                        let connection = Upgraded {
                            read: UpgradedRead { half: read, runtime: runtime.clone(), timeout: None },
                            write: UpgradedWrite { half: write, runtime },
                        };
                        let _ = tokio::task::spawn_blocking(move || on_open(connection)).await;
                    }
                    Err(e) => tracing::debug!("http: upgrade: {e}"),
                }
                drop(slot);
            });
            ResponseBody::Full(None)
        }
        Body::Full(bytes) => ResponseBody::Full(Some(bytes)),
        Body::Stream(parts) => {
            // Room for one part: the iterator runs at most one part ahead of the client.
            let (to_client, from_iterator) = mpsc::channel(1);
            tokio::task::spawn_blocking(move || {
                for part in parts {
                    let gone =
                        if part.is_empty() { to_client.is_closed() } else { to_client.blocking_send(part).is_err() };
                    if gone {
                        break;
                    }
                }
            });
            ResponseBody::Stream(from_iterator)
        }
    };
    let mut out = hyper::Response::new(body);
    *out.status_mut() = response.status;
    *out.headers_mut() = response.headers;
    for (name, value) in [(CACHE_CONTROL, "no-store"), (X_CONTENT_TYPE_OPTIONS, "nosniff")] {
        out.headers_mut().entry(name).or_insert(HeaderValue::from_static(value));
    }
    out
}

/// [`Body`] as hyper polls it.
enum ResponseBody {
    Full(Option<Bytes>),
    Stream(mpsc::Receiver<Bytes>),
}

impl hyper::body::Body for ResponseBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            ResponseBody::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            ResponseBody::Stream(parts) => parts.poll_recv(cx).map(|part| part.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, ResponseBody::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            ResponseBody::Full(bytes) => SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            ResponseBody::Stream(_) => SizeHint::default(),
        }
    }
}

/// An upgraded connection as blocking halves, for a function on a blocking thread: each read or
/// write waits on the server's runtime. The halves may go to two threads.
pub struct Upgraded {
    pub read: UpgradedRead,
    pub write: UpgradedWrite,
}

type UpgradedIo = TokioIo<hyper::upgrade::Upgraded>;

pub struct UpgradedRead {
    half: tokio::io::ReadHalf<UpgradedIo>,
    runtime: tokio::runtime::Handle,
    timeout: Option<Duration>,
}

impl UpgradedRead {
    /// A read that takes longer fails with `TimedOut` (nothing is lost: read again), so a
    /// reader can look up from a quiet connection now and then.
    pub fn set_timeout(&mut self, timeout: Option<Duration>) {
        self.timeout = timeout;
    }
}

pub struct UpgradedWrite {
    half: tokio::io::WriteHalf<UpgradedIo>,
    runtime: tokio::runtime::Handle,
}

impl io::Read for UpgradedRead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        use tokio::io::AsyncReadExt;
        let read = self.half.read(buf);
        match self.timeout {
            None => self.runtime.block_on(read),
            Some(limit) => self.runtime.block_on(async {
                tokio::time::timeout(limit, read)
                    .await
                    .unwrap_or_else(|_| Err(io::Error::new(io::ErrorKind::TimedOut, "no data")))
            }),
        }
    }
}

impl io::Write for UpgradedWrite {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        use tokio::io::AsyncWriteExt;
        self.runtime.block_on(self.half.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        use tokio::io::AsyncWriteExt;
        self.runtime.block_on(self.half.flush())
    }
}

impl Drop for UpgradedWrite {
    fn drop(&mut self) {
        use tokio::io::AsyncWriteExt;
        let _ = self.runtime.block_on(self.half.shutdown());
    }
}

/// The answer to a WebSocket upgrade request (RFC 6455 §4.2): `101` with the accept value and
/// `on_open` run on the connection, or `400` naming what is missing (`426` for another version).
pub fn websocket(request: &Request, on_open: impl FnOnce(Upgraded) + Send + 'static) -> Response {
    let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("");
    let has_token = |name: &str, token: &str| header(name).split(',').any(|t| t.trim().eq_ignore_ascii_case(token));
    if request.method != Method::GET || !has_token("upgrade", "websocket") || !has_token("connection", "upgrade") {
        return Response::text(StatusCode::BAD_REQUEST, "expected a WebSocket upgrade (GET with Upgrade: websocket)\n");
    }
    if header("sec-websocket-version") != "13" {
        let mut refused = Response::text(StatusCode::UPGRADE_REQUIRED, "WebSocket version 13 only\n");
        refused.headers.insert("sec-websocket-version", HeaderValue::from_static("13"));
        return refused;
    }
    let key = header("sec-websocket-key");
    if key.is_empty() {
        return Response::text(StatusCode::BAD_REQUEST, "missing Sec-WebSocket-Key\n");
    }
    let mut headers = HeaderMap::new();
    headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
    if let Ok(accept) = HeaderValue::from_str(&crate::websocket::accept_key(key)) {
        headers.insert(header::SEC_WEBSOCKET_ACCEPT, accept);
    }
    Response { status: StatusCode::SWITCHING_PROTOCOLS, headers, body: Body::Upgrade(Box::new(on_open)) }
}

/// A connection whose writes fail once they have made no progress for `timeout`: hyper has a
/// timeout for reading a request head but none for a client that stops reading the response.
struct WriteDeadline<IO> {
    io: IO,
    timeout: Duration,
    /// Armed when a write first cannot proceed; cleared by any progress.
    stalled_since: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<IO> WriteDeadline<IO> {
    fn new(io: IO, timeout: Duration) -> Self {
        WriteDeadline { io, timeout, stalled_since: None }
    }

    fn guard<T>(&mut self, cx: &mut Context<'_>, polled: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        if polled.is_ready() {
            self.stalled_since = None;
            return polled;
        }
        let timeout = self.timeout;
        let deadline = self.stalled_since.get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "client stopped reading"))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<IO: AsyncRead + Unpin> AsyncRead for WriteDeadline<IO> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_read(cx, buf)
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for WriteDeadline<IO> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_write(cx, buf);
        this.guard(cx, polled)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        this.guard(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_flush(cx);
        this.guard(cx, polled)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_shutdown(cx);
        this.guard(cx, polled)
    }
}

/// Serves one connection whose client sent `request` and then closed its side, all in memory,
/// and returns what the server wrote: the same code path as a socket, for fuzzing and for the
/// hostile corpus in `tests/data/http/`. A stream must end by itself for this to return.
pub fn serve_bytes(request: &[u8], limits: Limits, handler: impl Handler) -> Vec<u8> {
    let written = Arc::new(Mutex::new(Vec::new()));
    let io = MemoryConnection { unread: request.to_vec(), written: written.clone() };
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_time().build().expect("a runtime without I/O builds");
    runtime.block_on(serve_connection(io, limits, Arc::new(handler), None));
    drop(runtime);
    let written = std::mem::take(&mut *written.lock().unwrap_or_else(|e| e.into_inner()));
    written
}

struct MemoryConnection {
    unread: Vec<u8>,
    written: Arc<Mutex<Vec<u8>>>,
}

impl AsyncRead for MemoryConnection {
    fn poll_read(self: Pin<&mut Self>, _: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let n = this.unread.len().min(buf.remaining());
        buf.put_slice(&this.unread[..n]);
        this.unread.drain(..n);
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for MemoryConnection {
    fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(buf);
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Instant;

    fn hello(request: &Request) -> Response {
        match request.path.as_str() {
            "/hello" => Response::full(StatusCode::OK, "text/plain", "hello\n"),
            "/forever" => Response::stream(
                StatusCode::OK,
                "application/octet-stream",
                std::iter::repeat_with(|| Bytes::from(vec![b'x'; 1 << 16])),
            ),
            "/three" => Response::stream(
                StatusCode::OK,
                "text/plain",
                ["one\n", "", "two\n", "three\n"].into_iter().map(Bytes::from),
            ),
            other => Response::text(StatusCode::NOT_FOUND, format!("no {other}\n")),
        }
    }

    fn server(limits: Limits) -> Server {
        serve("127.0.0.1:0".parse().unwrap(), limits, hello).unwrap()
    }

    fn connect(server: &Server) -> TcpStream {
        let conn = TcpStream::connect(server.addr()).unwrap();
        conn.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        conn
    }

    /// Everything the server sends until it closes; a reset (the server closed with our request
    /// partly unread, as it does for 431) ends it too.
    fn read_all(conn: &mut TcpStream) -> String {
        let mut all = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            match conn.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => all.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == io::ErrorKind::ConnectionReset => break,
                Err(e) => panic!("read: {e} after {:?}", String::from_utf8_lossy(&all)),
            }
        }
        String::from_utf8_lossy(&all).into_owned()
    }

    fn exchange(server: &Server, request: &[u8]) -> String {
        let mut conn = connect(server);
        conn.write_all(request).unwrap();
        read_all(&mut conn)
    }

    #[test]
    fn routes_refusals_and_default_headers() {
        let server = server(Limits::default());
        let ok = exchange(&server, b"GET /hello?x=1 HTTP/1.1\r\nHost: t\r\n\r\n");
        assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
        for header in [
            "Content-Type: text/plain\r\n",
            "Content-Length: 6\r\n",
            "Connection: close\r\n",
            "Cache-Control: no-store\r\n",
            "X-Content-Type-Options: nosniff\r\n",
        ] {
            assert!(ok.contains(header), "{header:?} in {ok}");
        }
        assert!(ok.ends_with("\r\n\r\nhello\n"), "{ok}");
        let head = exchange(&server, b"HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n");
        assert!(
            head.starts_with("HTTP/1.1 200 OK\r\n")
                && head.contains("Content-Length: 6\r\n")
                && head.ends_with("\r\n\r\n"),
            "{head}"
        );
        let missing = exchange(&server, b"GET /nope HTTP/1.1\r\nHost: t\r\n\r\n");
        assert!(missing.starts_with("HTTP/1.1 404 Not Found\r\n") && missing.ends_with("no /nope\n"), "{missing}");
        let post = exchange(&server, b"POST /hello HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi");
        assert!(
            post.starts_with("HTTP/1.1 405 Method Not Allowed\r\n") && post.contains("Allow: GET, HEAD\r\n"),
            "{post}"
        );
        assert!(post.ends_with("405 Method Not Allowed: POST\n"), "{post}");
        let garbage = exchange(&server, b"garbage\r\n\r\n");
        assert!(garbage.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{garbage}");
    }

    #[test]
    fn oversized_request_heads_get_431() {
        let server = server(Limits::default());
        let big = format!("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: {}\r\n\r\n", "a".repeat(9000));
        let answer = exchange(&server, big.as_bytes());
        assert!(answer.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "{answer}");
        // Just under the limit is served.
        let fits = format!("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: {}\r\n\r\n", "a".repeat(7000));
        assert!(exchange(&server, fits.as_bytes()).starts_with("HTTP/1.1 200 OK\r\n"));
    }

    /// Asks until the server answers 200 (a freed slot is noticed by the server a moment after
    /// the client lets go); panics after `secs`.
    fn served_within(server: &Server, secs: u64) -> Duration {
        let started = Instant::now();
        loop {
            let answer = exchange(server, b"GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
            if answer.starts_with("HTTP/1.1 200 OK\r\n") {
                return started.elapsed();
            }
            assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
            assert!(started.elapsed() < Duration::from_secs(secs), "still refused after {secs} s");
            // Poll gently: each try is a connection.
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn the_connection_beyond_the_cap_is_refused_until_a_slot_frees() {
        let server =
            server(Limits { max_connections: 2, header_timeout: Duration::from_secs(60), ..Limits::default() });
        // Two idle connections take both slots; the listener accepts in order, so by the time it
        // takes the third, it has taken these.
        let first = connect(&server);
        let _second = connect(&server);
        let mut third = connect(&server);
        assert_eq!(read_all(&mut third), String::from_utf8_lossy(BUSY));
        drop(first);
        served_within(&server, 10);
    }

    #[test]
    fn a_slowloris_peer_is_dropped_after_the_header_timeout_while_others_are_served() {
        let timeout = Duration::from_millis(800);
        let server = server(Limits { header_timeout: timeout, ..Limits::default() });
        let started = Instant::now();
        let mut slow = connect(&server);
        slow.write_all(b"GET /hello HTTP/1.1\r\nHost: t\r\n").unwrap();
        // Another client is served meanwhile, well before the slow one's deadline.
        let fast = exchange(&server, b"GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
        assert!(fast.starts_with("HTTP/1.1 200 OK\r\n"), "{fast}");
        assert!(started.elapsed() < timeout, "the fast client waited {:?}", started.elapsed());
        // The slow one is cut without an answer once its head is overdue (the read times out
        // after 10 s if it is not).
        assert_eq!(read_all(&mut slow), "");
        let waited = started.elapsed();
        assert!(waited >= timeout && waited < timeout * 5, "dropped after {waited:?}");
    }

    #[test]
    fn streams_arrive_part_by_part_and_a_reader_that_stalls_holds_up_only_itself() {
        let server =
            server(Limits { max_connections: 2, write_timeout: Duration::from_millis(500), ..Limits::default() });
        let three = exchange(&server, b"GET /three HTTP/1.1\r\nHost: t\r\n\r\n");
        assert!(three.contains("Transfer-Encoding: chunked\r\n"), "{three}");
        assert!(three.ends_with("\r\n\r\n4\r\none\n\r\n4\r\ntwo\n\r\n6\r\nthree\n\r\n0\r\n\r\n"), "{three:?}");
        // A client that asks for an endless stream and never reads fills its socket, then is
        // cut after the write timeout; the other slot serves others all along.
        let mut stalled = connect(&server);
        stalled.write_all(b"GET /forever HTTP/1.1\r\nHost: t\r\n\r\n").unwrap();
        let started = Instant::now();
        assert!(exchange(&server, b"GET /hello HTTP/1.1\r\nHost: t\r\n\r\n").starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(started.elapsed() < Duration::from_millis(500), "served after {:?}", started.elapsed());
        // Both slots free again: a second stalled reader and a served client need two.
        let mut second = connect(&server);
        second.write_all(b"GET /forever HTTP/1.1\r\nHost: t\r\n\r\n").unwrap();
        served_within(&server, 10);
        drop((stalled, second));
    }

    #[test]
    fn handlers_can_allow_other_methods() {
        struct Echo;
        impl Handler for Echo {
            fn methods(&self) -> &[Method] {
                static ALL: [Method; 2] = [Method::GET, Method::DELETE];
                &ALL
            }
            fn handle(&self, request: &Request) -> Response {
                Response::text(StatusCode::OK, format!("{} {} {:?}\n", request.method, request.path, request.query))
            }
        }
        let answer =
            String::from_utf8(serve_bytes(b"DELETE /x?y=1 HTTP/1.1\r\nHost: t\r\n\r\n", Limits::default(), Echo))
                .unwrap();
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n") && answer.ends_with("DELETE /x Some(\"y=1\")\n"), "{answer}");
        let head = String::from_utf8(serve_bytes(b"HEAD /x HTTP/1.1\r\n\r\n", Limits::default(), Echo)).unwrap();
        assert!(head.starts_with("HTTP/1.1 405 ") && head.contains("Allow: GET, DELETE\r\n"), "{head}");
    }
}
