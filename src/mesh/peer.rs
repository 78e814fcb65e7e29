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
use std::time::{Duration, Instant};
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

/// How long a connection whose path was lost may take to connect again (an ICE restart: a new
/// offer, its answer, the checks) before it is closed, and a new connection made instead.
pub const RESTART_WAIT: Duration = Duration::from_secs(20);

/// Where this agent can be reached: the candidates every connection of it offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Addresses {
    /// The UDP socket's own address (a host candidate); none when only the relay may be used.
    pub host: Option<SocketAddr>,
    /// Our address as a STUN or TURN server saw it, when not the host's (behind a NAT); its base
    /// is the host address.
    pub reflexive: Option<SocketAddr>,
    /// A TURN allocation: the relayed address, and the local socket that talks to the server.
    pub relayed: Option<(SocketAddr, SocketAddr)>,
}

/// The addresses of the candidates in `sdp` (its `a=candidate:` lines; unreadable ones skipped).
pub fn candidate_addresses(sdp: &str) -> Vec<SocketAddr> {
    sdp.lines()
        .filter_map(|l| l.trim().strip_prefix("a="))
        .filter(|l| l.starts_with("candidate:"))
        .chain(sdp.trim().starts_with("candidate:").then_some(sdp.trim()))
        .filter_map(|l| Candidate::from_sdp_string(l).ok())
        .map(|c| c.addr())
        .collect()
}

/// The path a connection took and how it fares, from the WebRTC stack's statistics (about once
/// a second once connected).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathStats {
    /// Our candidate's address on the selected pair (host, relayed...), and the peer's.
    pub local: SocketAddr,
    pub remote: SocketAddr,
    /// The round trip of the latest ICE consent check on the pair.
    pub rtt: Option<Duration>,
    pub bytes_sent: u64,
    pub bytes_received: u64,
}

/// How often the WebRTC stack reports a connection's statistics.
const STATS_EVERY: Duration = Duration::from_secs(1);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeerOutput {
    /// A datagram from one of our [`Addresses`] (the relayed one: through the TURN server).
    Transmit { from: SocketAddr, to: SocketAddr, bytes: Vec<u8> },
    /// The DataChannel is open: parts can be sent.
    Open,
    /// ICE lost the path (consent checks unanswered): the offerer restarts ICE
    /// ([`Peer::restart_offer`]); the channel and what it holds stay as they are.
    PathLost,
    /// Connected again, this long after the path was lost (an ICE restart, or a path that came
    /// back), on the same DTLS and SCTP association: what was sent meanwhile is retransmitted
    /// by SCTP, nothing is lost.
    Restored(Duration),
    /// One DataChannel message (a part, see `mesh::chunk`).
    Data(Vec<u8>),
    /// The buffered amount fell to [`LOW_WATER`]: send what waits.
    Drained,
    /// The connection is over (the channel closed, DTLS failed, or ICE did not come back within
    /// [`RESTART_WAIT`] of losing the path): drop it.
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
    channel: Option<ChannelId>,
    /// Ours, when we made the offer: waiting for the answer.
    pending: Option<SdpPendingOffer>,
    out: VecDeque<PeerOutput>,
    timeout: Instant,
    open: bool,
    closed: bool,
    /// Since when the path has been lost or an ICE restart is under way; none while connected.
    restarting: Option<Instant>,
    /// The latest time the driver gave (str0m's events come without one).
    now: Instant,
    stats: Option<PathStats>,
}

/// Adds a local candidate for each of `addresses` the connection does not have yet (str0m
/// ignores one it has).
fn add_candidates(rtc: &mut Rtc, addresses: Addresses) -> Result<(), PeerError> {
    if let Some(host) = addresses.host {
        rtc.add_local_candidate(Candidate::host(host, "udp").map_err(|e| err("host candidate", e))?);
    }
    if let (Some(reflexive), Some(host)) = (addresses.reflexive, addresses.host) {
        let candidate =
            Candidate::server_reflexive(reflexive, host, "udp").map_err(|e| err("reflexive candidate", e))?;
        rtc.add_local_candidate(candidate);
    }
    if let Some((relayed, local)) = addresses.relayed {
        let candidate = Candidate::relayed(relayed, local, "udp").map_err(|e| err("relayed candidate", e))?;
        rtc.add_local_candidate(candidate);
    }
    Ok(())
}

/// The `a=fingerprint:` of `sdp` (`sha-256 AB:CD:...`), as str0m writes a [`Fingerprint`].
///
/// [`Fingerprint`]: str0m::crypto::Fingerprint
fn sdp_fingerprint(sdp: &str) -> Option<&str> {
    sdp.lines().find_map(|l| l.trim().strip_prefix("a=fingerprint:"))
}

fn install_crypto() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| str0m::crypto::from_feature_flags().install_process_default());
}

impl Peer {
    fn new(now: Instant, addresses: Addresses) -> Result<Peer, PeerError> {
        install_crypto();
        let mut rtc = Rtc::builder().set_stats_interval(Some(STATS_EVERY)).build(now);
        add_candidates(&mut rtc, addresses)?;
        Ok(Peer {
            rtc,
            channel: None,
            pending: None,
            out: VecDeque::new(),
            timeout: now,
            open: false,
            closed: false,
            restarting: None,
            now,
            stats: None,
        })
    }

    /// A connection we offer, with our DataChannel; the offer's SDP (our candidates in it).
    pub fn offer(now: Instant, addresses: Addresses) -> Result<(Peer, String), PeerError> {
        let mut peer = Peer::new(now, addresses)?;
        let mut change = peer.rtc.sdp_api();
        let id = change.add_channel(LABEL.into());
        let (offer, pending) = change.apply().ok_or_else(|| PeerError("nothing to offer".into()))?;
        peer.channel = Some(id);
        peer.pending = Some(pending);
        peer.drain();
        Ok((peer, offer.to_sdp_string()))
    }

    /// A connection answering `offer_sdp`; the answer's SDP.
    pub fn answer(now: Instant, addresses: Addresses, offer_sdp: &str) -> Result<(Peer, String), PeerError> {
        let mut peer = Peer::new(now, addresses)?;
        let offer = SdpOffer::from_sdp_string(offer_sdp).map_err(|e| err("offer", e))?;
        let answer = peer.rtc.sdp_api().accept_offer(offer).map_err(|e| err("offer", e))?;
        // Start the clock now: str0m's ICE makes its first checks on a timeout, and without one
        // the answerer would check only once a check from the offerer reached it, which a NAT
        // in front of us never lets through before we have sent towards the offerer ourselves.
        peer.rtc.handle_input(Input::Timeout(now)).map_err(|e| err("offer", e))?;
        peer.drain();
        Ok((peer, answer.to_sdp_string()))
    }

    /// A connection answering `offer_sdp` that opens its own DataChannel `label` once connected
    /// (Janus's TextRoom offers a data m-line but opens no channel); the answer's SDP.
    pub fn answer_opening(
        now: Instant,
        addresses: Addresses,
        offer_sdp: &str,
        label: &str,
    ) -> Result<(Peer, String), PeerError> {
        let (mut peer, answer) = Peer::answer(now, addresses, offer_sdp)?;
        let config = str0m::channel::ChannelConfig { label: label.into(), ..Default::default() };
        peer.channel = Some(peer.rtc.direct_api().create_data_channel(config));
        peer.drain();
        Ok((peer, answer))
    }

    /// The answer to our offer.
    pub fn accept_answer(&mut self, answer_sdp: &str) -> Result<(), PeerError> {
        let pending = self.pending.take().ok_or_else(|| PeerError("an answer without an offer".into()))?;
        let answer = SdpAnswer::from_sdp_string(answer_sdp).map_err(|e| err("answer", e))?;
        let accepted = self.rtc.sdp_api().accept_answer(pending, answer).map_err(|e| err("answer", e));
        self.drain();
        accepted
    }

    /// Whether `offer_sdp` comes from the other end of this connection (the same DTLS
    /// certificate): a renegotiation, an ICE restart, not a peer that restarted.
    pub fn same_remote(&mut self, offer_sdp: &str) -> bool {
        let ours = self.rtc.direct_api().remote_dtls_fingerprint().map(|f| f.to_string());
        matches!((ours, sdp_fingerprint(offer_sdp)), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b.trim()))
    }

    /// Restarts ICE on this connection (new credentials, every candidate of `addresses`, the old
    /// ones kept): the offer's SDP. DTLS and SCTP go on; the channel keeps what it holds.
    pub fn restart_offer(&mut self, now: Instant, addresses: Addresses) -> Result<String, PeerError> {
        self.now = now;
        add_candidates(&mut self.rtc, addresses)?;
        let mut change = self.rtc.sdp_api();
        change.ice_restart(true);
        let (offer, pending) = change.apply().ok_or_else(|| PeerError("nothing to offer".into()))?;
        self.pending = Some(pending);
        self.restarting.get_or_insert(now);
        self.drain();
        Ok(offer.to_sdp_string())
    }

    /// Answers the other end's ICE restart (an offer for which [`same_remote`](Self::same_remote)
    /// holds), with every candidate of `addresses`: the answer's SDP.
    pub fn accept_restart(&mut self, now: Instant, addresses: Addresses, offer_sdp: &str) -> Result<String, PeerError> {
        self.now = now;
        add_candidates(&mut self.rtc, addresses)?;
        let offer = SdpOffer::from_sdp_string(offer_sdp).map_err(|e| err("offer", e))?;
        let answer = self.rtc.sdp_api().accept_offer(offer).map_err(|e| err("offer", e))?;
        // Taking the other end's offer drops ours, in a glare.
        self.pending = None;
        self.restarting.get_or_insert(now);
        self.drain();
        Ok(answer.to_sdp_string())
    }

    /// A trickled remote candidate (`candidate:...`, with or without the `a=`).
    pub fn add_remote_candidate(&mut self, line: &str) -> Result<(), PeerError> {
        let line = line.trim().trim_start_matches("a=");
        let candidate = Candidate::from_sdp_string(line).map_err(|e| err("candidate", e))?;
        self.rtc.add_remote_candidate(candidate);
        self.drain();
        Ok(())
    }

    fn input<'a>(now: Instant, from: SocketAddr, to: SocketAddr, bytes: &'a [u8]) -> Option<Input<'a>> {
        let contents = bytes.try_into().ok()?;
        Some(Input::Receive(now, Receive { proto: Protocol::Udp, source: from, destination: to, contents }))
    }

    /// Whether a packet from `from` to our address `to` belongs to this connection (one socket
    /// serves every peer).
    pub fn accepts(&self, now: Instant, from: SocketAddr, to: SocketAddr, bytes: &[u8]) -> bool {
        Self::input(now, from, to, bytes).is_some_and(|i| self.rtc.accepts(&i))
    }

    /// A packet from `from` to our address `to` (the socket's, or the relayed one).
    pub fn handle_packet(&mut self, now: Instant, from: SocketAddr, to: SocketAddr, bytes: &[u8]) {
        self.now = now;
        if let Some(input) = Self::input(now, from, to, bytes) {
            if let Err(e) = self.rtc.handle_input(input) {
                tracing::debug!("mesh: packet from {from}: {e}");
            }
            self.drain();
        }
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        self.now = now;
        if self.restarting.is_some_and(|since| now >= since + RESTART_WAIT) {
            self.close(format!("ICE did not connect again within {} s", RESTART_WAIT.as_secs()));
        }
        if now >= self.timeout && !self.closed {
            if let Err(e) = self.rtc.handle_input(Input::Timeout(now)) {
                self.close(format!("timeout: {e}"));
            }
            self.drain();
        }
    }

    /// The driver knows the path is gone (the TURN allocation under it was lost) before ICE
    /// does: the connection gets [`RESTART_WAIT`] to connect again, from `now`.
    pub fn path_lost(&mut self, now: Instant) {
        self.restarting.get_or_insert(now);
    }

    /// Whether an offer of ours waits for its answer.
    pub fn offering(&self) -> bool {
        self.pending.is_some()
    }

    /// Since when the path has been lost, while it is.
    pub fn lost_since(&self) -> Option<Instant> {
        self.restarting
    }

    /// When [`handle_timeout`](Self::handle_timeout) is next due.
    pub fn poll_timeout(&self) -> Instant {
        match self.restarting {
            Some(since) => self.timeout.min(since + RESTART_WAIT),
            None => self.timeout,
        }
    }

    pub fn poll_output(&mut self) -> Option<PeerOutput> {
        self.out.pop_front()
    }

    /// The selected path and its round trip, once the stack has reported them.
    pub fn stats(&self) -> Option<PathStats> {
        self.stats
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

    /// Sends one text message (a peer that takes only text: Janus's TextRoom), whatever is
    /// buffered.
    pub fn send_text(&mut self, text: &str) -> Result<(), PeerError> {
        let id = self.channel.ok_or_else(|| PeerError("channel-closed".into()))?;
        let mut channel = self.rtc.channel(id).ok_or_else(|| PeerError("channel-closed".into()))?;
        let sent = channel.write(false, text.as_bytes()).map_err(|e| err("channel-closed", e));
        self.drain();
        sent.and_then(|ok| if ok { Ok(()) } else { Err(PeerError("channel buffer full".into())) })
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
                Ok(Output::Transmit(t)) => self.out.push_back(PeerOutput::Transmit {
                    from: t.source,
                    to: t.destination,
                    bytes: t.contents.to_vec(),
                }),
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
            // The path is lost, not the association: the offerer restarts ICE, and the channel
            // is closed only if that does not bring it back within RESTART_WAIT.
            Event::IceConnectionStateChange(IceConnectionState::Disconnected) if self.restarting.is_none() => {
                self.restarting = Some(self.now);
                self.out.push_back(PeerOutput::PathLost);
            }
            Event::IceConnectionStateChange(IceConnectionState::Connected | IceConnectionState::Completed) => {
                if let Some(since) = self.restarting.take().filter(|_| self.open) {
                    self.out.push_back(PeerOutput::Restored(self.now.saturating_duration_since(since)));
                }
            }
            Event::PeerStats(s) => {
                if let Some(pair) = s.selected_candidate_pair {
                    self.stats = Some(PathStats {
                        local: pair.local.addr,
                        remote: pair.remote.addr,
                        rtt: pair.current_round_trip_time.or(s.rtt),
                        bytes_sent: s.peer_bytes_tx,
                        bytes_received: s.peer_bytes_rx,
                    });
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Two peers joined by a perfect in-memory network on a fake clock.
    fn step(a: &mut Peer, b: &mut Peer, now: Instant, seen: &mut Vec<(char, PeerOutput)>) {
        half_step('a', a, b, now, seen);
        half_step('b', b, a, now, seen);
    }

    fn half_step(name: char, from: &mut Peer, to: &mut Peer, now: Instant, seen: &mut Vec<(char, PeerOutput)>) {
        half_step_on(name, from, to, now, true, seen);
    }

    fn half_step_on(
        name: char,
        from: &mut Peer,
        to: &mut Peer,
        now: Instant,
        deliver: bool,
        seen: &mut Vec<(char, PeerOutput)>,
    ) {
        from.handle_timeout(now);
        while let Some(o) = from.poll_output() {
            match o {
                PeerOutput::Transmit { from, to: dest, bytes } if deliver => to.handle_packet(now, from, dest, &bytes),
                PeerOutput::Transmit { .. } => {}
                other => seen.push((name, other)),
            }
        }
    }

    #[test]
    fn two_peers_open_their_channel_and_exchange_parts_on_a_fake_clock() {
        let start = Instant::now();
        let (a_addr, b_addr) = ("127.0.0.1:40001".parse().unwrap(), "127.0.0.1:40002".parse().unwrap());
        let host = |addr| Addresses { host: Some(addr), reflexive: None, relayed: None };
        let (mut a, offer) = Peer::offer(start, host(a_addr)).unwrap();
        assert!(offer.contains("a=candidate:") && offer.contains("127.0.0.1 40001"), "{offer}");
        let (mut b, answer) = Peer::answer(start, host(b_addr), &offer).unwrap();
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
        assert!(Peer::answer(start, host(b_addr), "not sdp").is_err());
        assert_eq!(candidate_addresses(&offer), [a_addr]);
        assert_eq!(candidate_addresses(&answer), [b_addr]);
        assert!(b.accept_answer(&answer).is_err(), "b made no offer");
    }

    /// Steps both peers, delivering nothing while `cut` (the path is gone).
    fn step_cut(a: &mut Peer, b: &mut Peer, now: Instant, cut: bool, seen: &mut Vec<(char, PeerOutput)>) {
        half_step_on('a', a, b, now, !cut, seen);
        half_step_on('b', b, a, now, !cut, seen);
    }

    fn host(port: u16) -> Addresses {
        Addresses { host: Some(format!("127.0.0.1:{port}").parse().unwrap()), reflexive: None, relayed: None }
    }

    /// Two peers on host addresses at `a_port` and `b_port`, their channel open; what they said
    /// meanwhile (both `Open`s) and the fake clock's time.
    fn open_pair(a_port: u16, b_port: u16) -> (Peer, Peer, Vec<(char, PeerOutput)>, Instant) {
        let start = Instant::now();
        let (mut a, offer) = Peer::offer(start, host(a_port)).unwrap();
        let (mut b, answer) = Peer::answer(start, host(b_port), &offer).unwrap();
        a.accept_answer(&answer).unwrap();
        let (mut seen, mut now) = (Vec::new(), start);
        while !(a.is_open() && seen.contains(&('b', PeerOutput::Open))) {
            now += Duration::from_millis(5);
            step_cut(&mut a, &mut b, now, false, &mut seen);
            assert!(now - start < Duration::from_secs(10), "not open: {seen:?}");
        }
        (a, b, seen, now)
    }

    #[test]
    fn an_ice_restart_brings_a_lost_path_back_on_the_same_association_and_loses_nothing_sent_meanwhile() {
        let (mut a, mut b, mut seen, mut now) = open_pair(40021, 40022);
        // The path goes: what a sends now waits in SCTP, and ICE notices.
        assert!(a.send(b"Fduring the outage").unwrap());
        let cut_at = now;
        while !seen.iter().any(|(_, o)| *o == PeerOutput::PathLost) {
            now += Duration::from_millis(50);
            step_cut(&mut a, &mut b, now, true, &mut seen);
            // str0m's consent freshness: tens of seconds.
            assert!(now - cut_at < Duration::from_secs(120), "no PathLost: {seen:?}");
            assert!(!seen.iter().any(|(_, o)| matches!(o, PeerOutput::Closed(_))), "closed: {seen:?}");
        }
        // a restarts ICE from a new address (a new socket, or a new TURN allocation); b sees the
        // same certificate, so a restart and not a new peer; a fresh connection's offer is not.
        let restart = a.restart_offer(now, host(40023)).unwrap();
        assert!(restart.contains("127.0.0.1 40023"), "{restart}");
        assert!(b.same_remote(&restart));
        let (_, stranger) = Peer::offer(now, host(40024)).unwrap();
        assert!(!b.same_remote(&stranger), "another peer's offer is no restart");
        let answer = b.accept_restart(now, host(40022), &restart).unwrap();
        a.accept_answer(&answer).unwrap();
        let restarted_at = now;
        let delivered = PeerOutput::Data(b"Fduring the outage".to_vec());
        while !(seen.contains(&('b', delivered.clone()))
            && seen.iter().filter(|(_, o)| matches!(o, PeerOutput::Restored(_))).count() == 2)
        {
            now += Duration::from_millis(5);
            step_cut(&mut a, &mut b, now, false, &mut seen);
            assert!(now - restarted_at < Duration::from_secs(120), "not restored: {seen:?}");
        }
        // Once, and on the same channel: no second Open, no Close. (SCTP retransmits at its own
        // backoff, RTO doubling, so the part arrives at its next retransmission after the restart.)
        assert!(!seen.iter().any(|(_, o)| matches!(o, PeerOutput::Closed(_))), "{seen:?}");
        assert_eq!(seen.iter().filter(|(_, o)| *o == PeerOutput::Open).count(), 2, "{seen:?}");
        assert_eq!(seen.iter().filter(|(_, o)| *o == delivered).count(), 1, "once: {seen:?}");
        assert!((a.is_open(), b.is_open(), a.lost_since(), b.lost_since()) == (true, true, None, None));
    }

    #[test]
    fn a_path_that_never_comes_back_closes_the_connection_after_the_restart_wait() {
        let (mut a, mut b, mut seen, mut now) = open_pair(40031, 40032);
        a.path_lost(now);
        let lost_at = now;
        while !seen.iter().any(|(n, o)| *n == 'a' && matches!(o, PeerOutput::Closed(_))) {
            now += Duration::from_millis(100);
            step_cut(&mut a, &mut b, now, true, &mut seen);
            assert!(now - lost_at <= RESTART_WAIT + Duration::from_secs(1), "{seen:?}");
        }
        assert!(now - lost_at >= RESTART_WAIT, "closed before the wait: {seen:?}");
    }

    #[test]
    fn relayed_only_peers_advertise_no_host_candidate_and_connect_through_their_relayed_addresses() {
        let start = Instant::now();
        let (a_sock, b_sock) = ("127.0.0.1:40011".parse().unwrap(), "127.0.0.1:40012".parse().unwrap());
        let (a_relay, b_relay): (SocketAddr, SocketAddr) =
            ("127.0.0.1:50011".parse().unwrap(), "127.0.0.1:50012".parse().unwrap());
        let relayed = |sock, relay| Addresses { host: None, reflexive: None, relayed: Some((relay, sock)) };
        let (mut a, offer) = Peer::offer(start, relayed(a_sock, a_relay)).unwrap();
        assert!(offer.contains("typ relay") && offer.contains("50011") && !offer.contains("typ host"), "{offer}");
        let (mut b, answer) = Peer::answer(start, relayed(b_sock, b_relay), &offer).unwrap();
        assert!(answer.contains("typ relay") && !answer.contains("typ host"), "{answer}");
        a.accept_answer(&answer).unwrap();
        let mut now = start;
        let mut sources = BTreeSet::new();
        fn relay_step(
            from: &mut Peer,
            to: &mut Peer,
            now: Instant,
            opens: &mut usize,
            sources: &mut BTreeSet<SocketAddr>,
        ) {
            from.handle_timeout(now);
            while let Some(o) = from.poll_output() {
                match o {
                    PeerOutput::Transmit { from: src, to: dest, bytes } => {
                        sources.insert(src);
                        to.handle_packet(now, src, dest, &bytes);
                    }
                    PeerOutput::Open => *opens += 1,
                    _ => {}
                }
            }
        }
        let mut opens = 0;
        while opens < 2 {
            now += Duration::from_millis(5);
            relay_step(&mut a, &mut b, now, &mut opens, &mut sources);
            relay_step(&mut b, &mut a, now, &mut opens, &mut sources);
            assert!(now - start < Duration::from_secs(10), "not open after 10 s of fake time");
        }
        assert_eq!(
            sources.into_iter().collect::<Vec<_>>(),
            [a_relay, b_relay],
            "every datagram from a relayed address"
        );
    }
}
