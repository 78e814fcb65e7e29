//! The endpoint's I/O edge: one UDP socket (its RAS address), the clock, and one loop that
//! owns the [`Endpoint`] and waits on an [`Inbox`] for a datagram, one of the caller's inputs or
//! the next deadline, whichever comes first. What an input is and what to do with the records
//! (a line of stdin and a call for it, in `if-gk endpoint`; a conference, in the MCU) is the
//! [`Controller`]'s business, not this module's.

use super::endpoint::{Endpoint, EndpointOutput, EndpointRecord};
use super::ras;
use crate::inbox::{Inbox, Wait};
use crate::time::Millis;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

/// Dropped datagrams logged one by one; beyond, only at debug level.
const DROPS_LOGGED: u64 = 20;

/// An input to the endpoint's loop: a datagram, or one of the caller's own.
pub enum EndpointInput<L> {
    Datagram { from: SocketAddr, bytes: Vec<u8> },
    Input(L),
}

/// What the loop hands the caller's inputs and the endpoint's records to. Each method may ask
/// the endpoint for more (`admit`, `disengage`, `unregister`).
pub trait Controller<L> {
    fn input(&mut self, now: Millis, input: L, endpoint: &mut Endpoint);
    fn record(&mut self, now: Millis, record: EndpointRecord, endpoint: &mut Endpoint);
    /// The controller's own next deadline (a call held until then).
    fn poll_timeout(&self) -> Option<Millis> {
        None
    }
    fn handle_timeout(&mut self, _now: Millis, _endpoint: &mut Endpoint) {}
    /// True once the loop may end.
    fn finished(&self, endpoint: &Endpoint) -> bool;
}

/// The address the OS sends to `gatekeeper` from, port 0: where the RAS socket binds by
/// default (127.0.0.1:0 for a gatekeeper on this machine). Nothing is sent.
pub fn local_towards(gatekeeper: SocketAddr) -> io::Result<SocketAddr> {
    let any: IpAddr = match gatekeeper {
        SocketAddr::V4(_) => Ipv4Addr::UNSPECIFIED.into(),
        SocketAddr::V6(_) => Ipv6Addr::UNSPECIFIED.into(),
    };
    let probe = UdpSocket::bind(SocketAddr::new(any, 0))?;
    probe.connect(gatekeeper)?;
    Ok(SocketAddr::new(probe.local_addr()?.ip(), 0))
}

/// Runs the endpoint: starts it (discovery, registration), then feeds it datagrams, the
/// controller's inputs and its deadlines until the controller says it is finished. `inbox`
/// carries the caller's inputs already; the socket's datagrams are added here. Returns the
/// endpoint, whose state says how it ended.
pub fn run<L: Send + 'static>(
    mut endpoint: Endpoint,
    socket: UdpSocket,
    mut inbox: Inbox<EndpointInput<L>>,
    controller: &mut dyn Controller<L>,
) -> io::Result<Endpoint> {
    let local = socket.local_addr()?;
    {
        let socket = socket.try_clone()?;
        let feed = inbox.sender();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; ras::MAX_DATAGRAM];
            loop {
                match socket.recv_from(&mut buf) {
                    Ok((n, from)) => {
                        if !feed.send(EndpointInput::Datagram { from, bytes: buf[..n].to_vec() }) {
                            return;
                        }
                    }
                    // An ICMP port unreachable for an earlier send shows up here on Linux: the
                    // retransmission timer deals with a gatekeeper that is not there.
                    Err(e) if matches!(e.kind(), io::ErrorKind::ConnectionRefused | io::ErrorKind::Interrupted) => {}
                    Err(e) => {
                        tracing::error!("RAS socket {local}: {e}");
                        return;
                    }
                }
            }
        });
    }
    inbox.seal();
    tracing::info!("RAS on {local}; gatekeeper {}", endpoint.gatekeeper());
    let start = Instant::now();
    let now = || start.elapsed().as_millis() as Millis;
    let mut drops = 0u64;
    endpoint.start(now());
    let ended = loop {
        while let Some(out) = endpoint.poll_output() {
            match out {
                EndpointOutput::Transmit { to, bytes } => {
                    if let Err(e) = socket.send_to(&bytes, to) {
                        tracing::warn!("send to {to}: {e}");
                    }
                }
                EndpointOutput::Event(record) => controller.record(now(), *record, &mut endpoint),
                EndpointOutput::Dropped { from, reason } => {
                    drops += 1;
                    if drops <= DROPS_LOGGED {
                        tracing::warn!("{from}: dropped: {reason}");
                    } else {
                        tracing::debug!("{from}: dropped: {reason}");
                    }
                }
            }
        }
        if controller.finished(&endpoint) {
            break Ok(());
        }
        let deadline = [endpoint.poll_timeout(), controller.poll_timeout()]
            .into_iter()
            .flatten()
            .min()
            .map(|at| start + Duration::from_millis(at));
        match inbox.wait_until(deadline) {
            Wait::Input(EndpointInput::Datagram { from, bytes }) => endpoint.handle_datagram(now(), from, &bytes),
            Wait::Input(EndpointInput::Input(input)) => controller.input(now(), input, &mut endpoint),
            Wait::Deadline => {}
            // Only when the socket's reader stopped and every input ended: nothing can come.
            Wait::Closed => break Err(io::Error::other(format!("the RAS socket {local} stopped reading"))),
        }
        let t = now();
        if endpoint.poll_timeout().is_some_and(|at| at <= t) {
            endpoint.handle_timeout(t);
        }
        if controller.poll_timeout().is_some_and(|at| at <= t) {
            controller.handle_timeout(t, &mut endpoint);
        }
    };
    // The reader thread waits in recv_from: an empty datagram to ourselves wakes it to find the
    // inbox gone, so it ends instead of outliving the loop (the MCU and the gateway run many).
    drop(inbox);
    let _ = socket.send_to(&[], local);
    ended.map(|()| endpoint)
}
