//! The gateway's I/O edge: the SIP socket (UDP), the RAS socket, one TCP connection to the MCU
//! per call, three media sockets per call (RTP from the SIP side; RTP and RTCP from the MCU),
//! the clock, and one loop that owns the [`Gateway`] and waits on an [`Inbox`] for whatever
//! comes first: a datagram, octets from a connection, a connection made, or the core's next
//! deadline. Every socket has a reader thread that feeds the inbox; the loop alone writes.

use super::events::GwEvent;
use super::gateway::{Gateway, GwCallId, GwOutput, MediaAddrs, Side};
use crate::inbox::{Feed, Inbox, Wait};
use crate::time::Millis;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Dropped packets logged one by one; beyond, only at debug level.
const DROPS_LOGGED: u64 = 20;
/// How long connecting to the MCU may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// A media socket's reader looks this often whether its call is over.
const MEDIA_POLL: Duration = Duration::from_millis(200);
/// The largest datagram read (SIP, RAS, RTP): one UDP payload.
pub const MAX_DATAGRAM: usize = 65_535;
/// Inputs queued for the loop; beyond, readers wait (the kernel's buffers take the rest).
const INBOX: usize = 4_096;

enum Input {
    Sip {
        from: SocketAddr,
        bytes: Vec<u8>,
    },
    Ras {
        from: SocketAddr,
        bytes: Vec<u8>,
    },
    Connected {
        call: GwCallId,
        stream: TcpStream,
    },
    /// A connection on the H.323 listener: a call the council places.
    Accepted {
        stream: TcpStream,
    },
    ConnectFailed {
        call: GwCallId,
        why: String,
    },
    H323 {
        call: GwCallId,
        bytes: Vec<u8>,
    },
    H323Closed {
        call: GwCallId,
    },
    Rtp {
        call: GwCallId,
        side: Side,
        from: SocketAddr,
        bytes: Vec<u8>,
    },
}

/// A call's sockets.
struct CallIo {
    stream: Option<TcpStream>,
    sip_rtp: Option<UdpSocket>,
    h323_rtp: Option<UdpSocket>,
    closed: Arc<AtomicBool>,
}

/// Where the sockets are and what to bind the media to.
pub struct GwSockets {
    pub sip: UdpSocket,
    pub ras: UdpSocket,
    /// The H.323 call signalling listener (the council's calls out).
    pub h323: TcpListener,
    /// The media sockets' address (port 0 each).
    pub rtp_bind: IpAddr,
}

fn spawn_datagrams(socket: UdpSocket, feed: Feed<Input>, what: &'static str, wrap: fn(SocketAddr, Vec<u8>) -> Input) {
    std::thread::spawn(move || {
        let mut buf = vec![0u8; MAX_DATAGRAM];
        loop {
            match socket.recv_from(&mut buf) {
                Ok((n, from)) => {
                    if !feed.send(wrap(from, buf[..n].to_vec())) {
                        return;
                    }
                }
                Err(e) if matches!(e.kind(), io::ErrorKind::ConnectionRefused | io::ErrorKind::Interrupted) => {}
                Err(e) => {
                    tracing::error!("{what} socket: {e}");
                    return;
                }
            }
        }
    });
}

/// A media socket's reader: until its call is closed.
fn spawn_media(
    socket: UdpSocket,
    feed: Feed<Input>,
    call: GwCallId,
    side: Side,
    closed: Arc<AtomicBool>,
) -> io::Result<()> {
    let name = format!("gw-rtp-{call}");
    std::thread::Builder::new().name(name).spawn(move || {
        let _ = socket.set_read_timeout(Some(MEDIA_POLL));
        let mut buf = vec![0u8; MAX_DATAGRAM];
        while !closed.load(Ordering::Relaxed) {
            match socket.recv_from(&mut buf) {
                Ok((n, from)) => {
                    if !feed.send(Input::Rtp { call, side, from, bytes: buf[..n].to_vec() }) {
                        return;
                    }
                }
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {}
                Err(e) if matches!(e.kind(), io::ErrorKind::ConnectionRefused | io::ErrorKind::Interrupted) => {}
                Err(_) => return,
            }
        }
    })?;
    Ok(())
}

/// A call's connection to the MCU, made and read on a thread of its own.
fn spawn_connect(call: GwCallId, to: SocketAddr, feed: Feed<Input>) {
    std::thread::spawn(move || {
        let stream = match TcpStream::connect_timeout(&to, CONNECT_TIMEOUT) {
            Ok(s) => s,
            Err(e) => {
                feed.send(Input::ConnectFailed { call, why: format!("connecting to {to}: {e}") });
                return;
            }
        };
        let _ = stream.set_nodelay(true);
        let Ok(reader) = stream.try_clone() else {
            feed.send(Input::ConnectFailed { call, why: "cannot share the connection".into() });
            return;
        };
        if !feed.send(Input::Connected { call, stream }) {
            return;
        }
        read_h323(call, reader, &feed);
    });
}

/// A call's connection, read until it closes.
fn read_h323(call: GwCallId, mut reader: TcpStream, feed: &Feed<Input>) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => {
                feed.send(Input::H323Closed { call });
                return;
            }
            Ok(n) => {
                if !feed.send(Input::H323 { call, bytes: buf[..n].to_vec() }) {
                    return;
                }
            }
        }
    }
}

/// The H.323 listener: each connection to the loop, which numbers its call.
fn spawn_accept(listener: TcpListener, feed: Feed<Input>) {
    std::thread::spawn(move || loop {
        match listener.accept() {
            Ok((stream, _)) => {
                let _ = stream.set_nodelay(true);
                if !feed.send(Input::Accepted { stream }) {
                    return;
                }
            }
            // Out of descriptors and the like: the listener goes on after a breath.
            Err(e) => {
                tracing::warn!("H.323 listener: {e}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    });
}

/// Runs the gateway until `admitting` turns false and no call is in flight (audit loss), or a
/// socket fails. `emit` gets every record.
pub fn run(
    mut gateway: Gateway,
    sockets: GwSockets,
    mut emit: impl FnMut(GwEvent),
    admitting: impl Fn() -> bool,
) -> io::Result<()> {
    let mut inbox: Inbox<Input> = Inbox::bounded(INBOX);
    let sip_local = sockets.sip.local_addr()?;
    let ras_local = sockets.ras.local_addr()?;
    let h323_local = sockets.h323.local_addr()?;
    spawn_accept(sockets.h323.try_clone()?, inbox.sender());
    spawn_datagrams(sockets.sip.try_clone()?, inbox.sender(), "SIP", |from, bytes| Input::Sip { from, bytes });
    spawn_datagrams(sockets.ras.try_clone()?, inbox.sender(), "RAS", |from, bytes| Input::Ras { from, bytes });
    let feed = inbox.sender();
    inbox.seal();
    tracing::info!(
        "listening on {sip_local} (SIP, UDP); RAS on {ras_local}; H.323 on {h323_local}; gatekeeper {}",
        gateway.endpoint().gatekeeper()
    );
    let start = Instant::now();
    let now = || start.elapsed().as_millis() as Millis;
    let mut calls: HashMap<GwCallId, CallIo> = HashMap::new();
    let mut drops = 0u64;
    let mut stopped = false;
    let mut registered = false;
    gateway.start(now());
    loop {
        while let Some(out) = gateway.poll_output() {
            match out {
                GwOutput::Sip { to, bytes } => {
                    if let Err(e) = sockets.sip.send_to(&bytes, to) {
                        tracing::warn!("SIP to {to}: {e}");
                    }
                }
                GwOutput::Ras { to, bytes } => {
                    if let Err(e) = sockets.ras.send_to(&bytes, to) {
                        tracing::warn!("RAS to {to}: {e}");
                    }
                }
                // Out of descriptors or threads: this call fails (502), the gateway goes on.
                GwOutput::OpenMedia { call } => match open_media(sockets.rtp_bind, call, &feed) {
                    Ok((mut io, addrs)) => {
                        // A call the council placed has its connection already.
                        io.stream = calls.remove(&call).and_then(|c| c.stream);
                        calls.insert(call, io);
                        gateway.media_opened(now(), call, addrs);
                    }
                    Err(e) => gateway.h323_failed(now(), call, format!("media sockets: {e}")),
                },
                GwOutput::Connect { call, to } => spawn_connect(call, to, feed.clone()),
                GwOutput::H323Write { call, bytes } => {
                    let written = calls.get_mut(&call).and_then(|c| c.stream.as_mut()).map(|s| s.write_all(&bytes));
                    if let Some(Err(e)) = written {
                        tracing::warn!("call {call}: write to the MCU: {e}");
                    }
                }
                GwOutput::Close { call } => {
                    if let Some(c) = calls.remove(&call) {
                        c.closed.store(true, Ordering::Relaxed);
                        if let Some(s) = &c.stream {
                            // Written first, then FIN: the reader ends when the MCU closes its side.
                            let _ = s.shutdown(Shutdown::Write);
                        }
                    }
                }
                GwOutput::Rtp { call, side, to, bytes } => {
                    let socket = calls.get(&call).and_then(|c| match side {
                        Side::Sip => c.sip_rtp.as_ref(),
                        Side::H323 => c.h323_rtp.as_ref(),
                    });
                    if let Some(s) = socket {
                        let _ = s.send_to(&bytes, to);
                    }
                }
                GwOutput::Event(e) => emit(*e),
                GwOutput::Dropped { from, reason } => {
                    drops += 1;
                    if drops <= DROPS_LOGGED {
                        tracing::warn!("{from}: dropped: {reason}");
                    } else {
                        tracing::debug!("{from}: dropped: {reason}");
                    }
                }
            }
        }
        if !registered {
            if let Some(r) = gateway.endpoint().registration() {
                registered = true;
                tracing::info!(
                    "registered with the gatekeeper {} as {}",
                    gateway.endpoint().gatekeeper(),
                    r.endpoint_id
                );
            }
        }
        if let Some(e) = gateway.endpoint().failure() {
            return Err(io::Error::other(format!("gatekeeper {}: {e}", gateway.endpoint().gatekeeper())));
        }
        if !admitting() && !stopped {
            stopped = true;
            gateway.stop_admitting();
            tracing::error!(
                "event stream lost: no longer admitting calls; finishing {} in flight",
                gateway.in_flight()
            );
        }
        if stopped && gateway.in_flight() == 0 {
            return Ok(());
        }
        let deadline = gateway.poll_timeout().map(|at| start + Duration::from_millis(at));
        // While stopped, look at least once a second whether the last call ended.
        let deadline =
            if stopped { deadline.map_or(Some(Instant::now() + Duration::from_secs(1)), Some) } else { deadline };
        match inbox.wait_until(deadline) {
            Wait::Input(input) => {
                let t = now();
                match input {
                    Input::Sip { from, bytes } => gateway.handle_sip(t, from, &bytes),
                    Input::Ras { from, bytes } => gateway.handle_ras(t, from, &bytes),
                    Input::Connected { call, stream } => match calls.get_mut(&call) {
                        Some(c) => {
                            c.stream = Some(stream);
                            gateway.h323_connected(t, call);
                        }
                        // The call ended while connecting.
                        None => {
                            let _ = stream.shutdown(Shutdown::Both);
                        }
                    },
                    Input::Accepted { stream } => {
                        let call = gateway.h323_accepted(t);
                        match stream.try_clone() {
                            Ok(reader) => {
                                let feed = feed.clone();
                                let spawned = std::thread::Builder::new()
                                    .name(format!("gw-h323-{call}"))
                                    .spawn(move || read_h323(call, reader, &feed));
                                if spawned.is_ok() {
                                    let closed = Arc::new(AtomicBool::new(false));
                                    let io = CallIo { stream: Some(stream), sip_rtp: None, h323_rtp: None, closed };
                                    calls.insert(call, io);
                                } else {
                                    gateway.h323_closed(t, call);
                                }
                            }
                            Err(_) => gateway.h323_closed(t, call),
                        }
                    }
                    Input::ConnectFailed { call, why } => gateway.h323_failed(t, call, why),
                    Input::H323 { call, bytes } => gateway.handle_h323(t, call, &bytes),
                    Input::H323Closed { call } => gateway.h323_closed(t, call),
                    Input::Rtp { call, side, from, bytes } => gateway.handle_rtp(call, side, from, &bytes),
                }
            }
            Wait::Deadline => {}
            Wait::Closed => return Err(io::Error::other("every socket stopped reading")),
        }
        let t = now();
        if gateway.poll_timeout().is_some_and(|at| at <= t) {
            gateway.handle_timeout(t);
        }
    }
}

/// Binds a call's three media sockets and starts their readers.
fn open_media(ip: IpAddr, call: GwCallId, feed: &Feed<Input>) -> io::Result<(CallIo, MediaAddrs)> {
    let bind = || UdpSocket::bind(SocketAddr::new(ip, 0));
    let (sip_rtp, h323_rtp, h323_rtcp) = (bind()?, bind()?, bind()?);
    let addrs = MediaAddrs {
        sip_rtp: sip_rtp.local_addr()?,
        h323_rtp: h323_rtp.local_addr()?,
        h323_rtcp: h323_rtcp.local_addr()?,
    };
    let closed = Arc::new(AtomicBool::new(false));
    let readers = || -> io::Result<()> {
        spawn_media(sip_rtp.try_clone()?, feed.clone(), call, Side::Sip, closed.clone())?;
        spawn_media(h323_rtp.try_clone()?, feed.clone(), call, Side::H323, closed.clone())?;
        // RTCP from the MCU is read and let go: the relay does not rewrite it.
        let rtcp_closed = closed.clone();
        std::thread::Builder::new().name(format!("gw-rtcp-{call}")).spawn(move || {
            let _ = h323_rtcp.set_read_timeout(Some(MEDIA_POLL));
            let mut buf = [0u8; 2048];
            while !rtcp_closed.load(Ordering::Relaxed) {
                let _ = h323_rtcp.recv_from(&mut buf);
            }
        })?;
        Ok(())
    };
    if let Err(e) = readers() {
        // The readers that did start end with the call they never had.
        closed.store(true, Ordering::Relaxed);
        return Err(e);
    }
    Ok((CallIo { stream: None, sip_rtp: Some(sip_rtp), h323_rtp: Some(h323_rtp), closed }, addrs))
}
