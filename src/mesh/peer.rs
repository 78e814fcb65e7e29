//! One WebRTC peer connection with one DataChannel: the small interface the rest of `mesh` uses,
//! so the WebRTC stack behind it (str0m today) is one file's business. Sans-IO like str0m:
//! packets and time in ([`Peer::handle_packet`], [`Peer::handle_timeout`]), outputs and the next
//! deadline out ([`Peer::poll_output`], [`Peer::poll_timeout`]); the driver owns the socket and
//! the clock. str0m's rule, that every change of its state be followed by draining its outputs
//! before the next, is kept here: each method that changes the connection drains it into a queue.
//!
//! Why str0m (docs/if-mesh.md has the numbers): sans-IO as every core here, one UDP socket for
//! every peer, DataChannels with buffered-amount events, both SDP roles, measured against aiortc
//! and Chromium; webrtc-rs 0.17 is frozen and loses 64 KiB messages silently, and its rewrite is
//! young.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::Instant;
use str0m::change::{SdpAnswer, SdpOffer, SdpPendingOffer};
use str0m::channel::ChannelId;
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Event, IceConnectionState, Input, Output, Rtc};

/// The label of the mesh's DataChannel.
pub const LABEL: &str = "ifmesh";

/// Above this many buffered bytes a channel takes no more parts until it drains to
/// [`LOW_WATER`] (the buffered-amount-low event).
pub const HIGH_WATER: usize = 1 << 20;
pub const LOW_WATER: usize = 256 * 1024;

/// What the connection asks of the driver, or tells it.
#[derive(Debug, PartialEq, Eq)]
pub enum PeerOutput {
    Transmit {
        to: SocketAddr,
        bytes: Vec<u8>,
    },
    /// The DataChannel is open: parts can be sent.
    Open,
    /// One DataChannel message (a part, see `mesh::chunk`).
    Data(Vec<u8>),
    /// The buffered amount fell to [`LOW_WATER`]: send what waits.
    Drained,
    /// The connection is over (ICE gave up, the channel closed, DTLS failed): drop it.
    Closed(String),
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PeerError(String);

fn err(what: &str, e: impl std::fmt::Display) -> PeerError {
    PeerError(format!("{what}: {e}"))
}

pub struct Peer {
    rtc: Rtc,
    local: SocketAddr,
    channel: Option<ChannelId>,
    /// Ours, when we made the offer: waiting for the answer.
    pending: Option<SdpPendingOffer>,
    out: VecDeque<PeerOutput>,
    timeout: Instant,
    open: bool,
    closed: bool,
}

fn install_crypto() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| str0m::crypto::from_feature_flags().install_process_default());
}

impl Peer {
    fn new(now: Instant, local: SocketAddr) -> Result<Peer, PeerError> {
        install_crypto();
        let mut rtc = Rtc::builder().build(now);
        let candidate = Candidate::host(local, "udp").map_err(|e| err("host candidate", e))?;
        rtc.add_local_candidate(candidate);
        Ok(Peer {
            rtc,
            local,
            channel: None,
            pending: None,
            out: VecDeque::new(),
            timeout: now,
            open: false,
            closed: false,
        })
    }

    /// A connection we offer, with our DataChannel; the offer's SDP (our host candidate in it).
    pub fn offer(now: Instant, local: SocketAddr) -> Result<(Peer, String), PeerError> {
        let mut peer = Peer::new(now, local)?;
        let mut change = peer.rtc.sdp_api();
        let id = change.add_channel(LABEL.into());
        let (offer, pending) = change.apply().ok_or_else(|| PeerError("nothing to offer".into()))?;
        peer.channel = Some(id);
        peer.pending = Some(pending);
        peer.drain();
        Ok((peer, offer.to_sdp_string()))
    }

    /// A connection answering `offer_sdp`; the answer's SDP.
    pub fn answer(now: Instant, local: SocketAddr, offer_sdp: &str) -> Result<(Peer, String), PeerError> {
        let mut peer = Peer::new(now, local)?;
        let offer = SdpOffer::from_sdp_string(offer_sdp).map_err(|e| err("offer", e))?;
        let answer = peer.rtc.sdp_api().accept_offer(offer).map_err(|e| err("offer", e))?;
        peer.drain();
        Ok((peer, answer.to_sdp_string()))
    }

    /// The answer to our offer.
    pub fn accept_answer(&mut self, answer_sdp: &str) -> Result<(), PeerError> {
        let pending = self.pending.take().ok_or_else(|| PeerError("an answer without an offer".into()))?;
        let answer = SdpAnswer::from_sdp_string(answer_sdp).map_err(|e| err("answer", e))?;
        let accepted = self.rtc.sdp_api().accept_answer(pending, answer).map_err(|e| err("answer", e));
        self.drain();
        accepted
    }

    /// A trickled remote candidate (`candidate:...`, with or without the `a=`).
    pub fn add_remote_candidate(&mut self, line: &str) -> Result<(), PeerError> {
        let line = line.trim().trim_start_matches("a=");
        let candidate = Candidate::from_sdp_string(line).map_err(|e| err("candidate", e))?;
        self.rtc.add_remote_candidate(candidate);
        self.drain();
        Ok(())
    }

    fn input<'a>(&self, now: Instant, from: SocketAddr, bytes: &'a [u8]) -> Option<Input<'a>> {
        let contents = bytes.try_into().ok()?;
        Some(Input::Receive(now, Receive { proto: Protocol::Udp, source: from, destination: self.local, contents }))
    }

    /// Whether a packet from `from` belongs to this connection (one socket serves every peer).
    pub fn accepts(&self, now: Instant, from: SocketAddr, bytes: &[u8]) -> bool {
        self.input(now, from, bytes).is_some_and(|i| self.rtc.accepts(&i))
    }

    pub fn handle_packet(&mut self, now: Instant, from: SocketAddr, bytes: &[u8]) {
        if let Some(input) = self.input(now, from, bytes) {
            if let Err(e) = self.rtc.handle_input(input) {
                tracing::debug!("mesh: packet from {from}: {e}");
            }
            self.drain();
        }
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        if now >= self.timeout && !self.closed {
            if let Err(e) = self.rtc.handle_input(Input::Timeout(now)) {
                self.close(format!("timeout: {e}"));
            }
            self.drain();
        }
    }

    /// When [`handle_timeout`](Self::handle_timeout) is next due.
    pub fn poll_timeout(&self) -> Instant {
        self.timeout
    }

    pub fn poll_output(&mut self) -> Option<PeerOutput> {
        self.out.pop_front()
    }

    pub fn is_open(&self) -> bool {
        self.open && !self.closed
    }

    /// Sends one part; false (nothing sent) while the channel is over [`HIGH_WATER`] or its
    /// buffer cannot take it: send again after [`PeerOutput::Drained`].
    pub fn send(&mut self, part: &[u8]) -> Result<bool, PeerError> {
        let id = self.channel.ok_or_else(|| PeerError("channel-closed".into()))?;
        let mut channel = self.rtc.channel(id).ok_or_else(|| PeerError("channel-closed".into()))?;
        if channel.buffered_amount() > HIGH_WATER {
            return Ok(false);
        }
        let sent = channel.write(true, part).map_err(|e| err("channel-closed", e));
        self.drain();
        sent
    }

    fn close(&mut self, why: String) {
        if !self.closed {
            self.closed = true;
            self.out.push_back(PeerOutput::Closed(why));
        }
    }

    /// Drains str0m's outputs into the queue until its next deadline.
    fn drain(&mut self) {
        while !self.closed {
            match self.rtc.poll_output() {
                Ok(Output::Timeout(at)) => {
                    self.timeout = at;
                    return;
                }
                Ok(Output::Transmit(t)) => {
                    self.out.push_back(PeerOutput::Transmit { to: t.destination, bytes: t.contents.to_vec() })
                }
                Ok(Output::Event(event)) => self.event(event),
                Err(e) => self.close(format!("connection failed: {e}")),
            }
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::ChannelOpen(id, _label) => {
                self.channel = Some(id);
                self.open = true;
                if let Some(mut c) = self.rtc.channel(id) {
                    c.set_buffered_amount_low_threshold(LOW_WATER);
                }
                self.out.push_back(PeerOutput::Open);
            }
            Event::ChannelData(d) if Some(d.id) == self.channel => self.out.push_back(PeerOutput::Data(d.data)),
            Event::ChannelBufferedAmountLow(id) if Some(id) == self.channel => self.out.push_back(PeerOutput::Drained),
            Event::ChannelClose(id) if Some(id) == self.channel => self.close("channel closed".into()),
            Event::IceConnectionStateChange(IceConnectionState::Disconnected) => self.close("ICE disconnected".into()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Two peers joined by a perfect in-memory network on a fake clock.
    fn step(a: &mut Peer, b: &mut Peer, now: Instant, seen: &mut Vec<(char, PeerOutput)>) {
        half_step('a', a, b, now, seen);
        half_step('b', b, a, now, seen);
    }

    fn half_step(name: char, from: &mut Peer, to: &mut Peer, now: Instant, seen: &mut Vec<(char, PeerOutput)>) {
        from.handle_timeout(now);
        while let Some(o) = from.poll_output() {
            match o {
                PeerOutput::Transmit { bytes, .. } => to.handle_packet(now, from.local, &bytes),
                other => seen.push((name, other)),
            }
        }
    }

    #[test]
    fn two_peers_open_their_channel_and_exchange_parts_on_a_fake_clock() {
        let start = Instant::now();
        let (a_addr, b_addr) = ("127.0.0.1:40001".parse().unwrap(), "127.0.0.1:40002".parse().unwrap());
        let (mut a, offer) = Peer::offer(start, a_addr).unwrap();
        assert!(offer.contains("a=candidate:") && offer.contains("127.0.0.1 40001"), "{offer}");
        let (mut b, answer) = Peer::answer(start, b_addr, &offer).unwrap();
        a.accept_answer(&answer).unwrap();
        let mut seen = Vec::new();
        let mut now = start;
        while !(a.is_open() && seen.iter().any(|(n, o)| *n == 'b' && *o == PeerOutput::Open)) {
            now += Duration::from_millis(5);
            step(&mut a, &mut b, now, &mut seen);
            assert!(now - start < Duration::from_secs(10), "not open after 10 s of fake time: {seen:?}");
        }
        assert!(a.send(b"Fhello").unwrap());
        let sent_at = now;
        while !seen.contains(&('b', PeerOutput::Data(b"Fhello".to_vec()))) {
            now += Duration::from_millis(5);
            step(&mut a, &mut b, now, &mut seen);
            assert!(now - sent_at < Duration::from_secs(5), "{seen:?}");
        }
        assert!(b.send(b"Fback").unwrap());
        while !seen.contains(&('a', PeerOutput::Data(b"Fback".to_vec()))) {
            now += Duration::from_millis(5);
            step(&mut a, &mut b, now, &mut seen);
            assert!(now - sent_at < Duration::from_secs(5), "{seen:?}");
        }
        assert!(Peer::answer(start, b_addr, "not sdp").is_err());
        assert!(b.accept_answer(&answer).is_err(), "b made no offer");
    }
}
