//! H.245 for the MCU's calls: MultimediaSystemControlMessage decoded and encoded (ALIGNED PER,
//! `h323-asn1`), the fastStart OpenLogicalChannels read and accepted (H.323 8.1.7), and the
//! messages of a tunnelled session built: terminalCapabilitySet (G.711 both laws),
//! masterSlaveDetermination and its ack, openLogicalChannel and its ack, closeLogicalChannelAck,
//! endSessionCommand, roundTripDelayResponse. Pure.

pub use h323_asn1::h245::*;
use h323_asn1::rasn::types::{ObjectIdentifier, OctetString, SetOf};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The H.245 version the capability set names: 0.0.8.245.0.15 (the module H.225.0 v7 imports).
pub const PROTOCOL_IDENTIFIER: [u32; 6] = [0, 0, 8, 245, 0, 15];
/// An MCU's terminal type in master/slave determination (H.245 table C.1): it is always master.
pub const MCU_TERMINAL_TYPE: u8 = 190;
/// G.711 audio frames per packet: 20 ms.
pub const FRAMES: u16 = 20;
/// The one audio session.
pub const AUDIO_SESSION: u8 = 1;

/// The two G.711 laws, as H.245 names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum G711 {
    Ulaw,
    Alaw,
}

impl G711 {
    pub fn name(self) -> &'static str {
        match self {
            G711::Ulaw => "ulaw",
            G711::Alaw => "alaw",
        }
    }
    /// The RTP payload type (RFC 3551): PCMU 0, PCMA 8.
    pub fn payload_type(self) -> u8 {
        match self {
            G711::Ulaw => 0,
            G711::Alaw => 8,
        }
    }
    fn capability(self) -> AudioCapability {
        match self {
            G711::Ulaw => AudioCapability::g711Ulaw64k(FRAMES),
            G711::Alaw => AudioCapability::g711Alaw64k(FRAMES),
        }
    }
    fn of(cap: &AudioCapability) -> Option<G711> {
        match cap {
            AudioCapability::g711Ulaw64k(_) => Some(G711::Ulaw),
            AudioCapability::g711Alaw64k(_) => Some(G711::Alaw),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum H245Error {
    #[error("H.245 message does not decode: {0}")]
    Decode(String),
    #[error("{0} octets after the H.245 message")]
    Trailing(usize),
    #[error("cannot encode H.245 {0}")]
    Encode(String),
}

pub fn decode(bytes: &[u8]) -> Result<MultimediaSystemControlMessage, H245Error> {
    let (m, rest) = h323_asn1::rasn::aper::decode_with_remainder::<MultimediaSystemControlMessage>(bytes)
        .map_err(|e| H245Error::Decode(super::q931::one_line(&e.to_string())))?;
    if !rest.is_empty() {
        return Err(H245Error::Trailing(rest.len()));
    }
    Ok(m)
}

pub fn encode(m: &MultimediaSystemControlMessage) -> Result<Vec<u8>, H245Error> {
    h323_asn1::rasn::aper::encode(m).map_err(|e| H245Error::Encode(super::q931::one_line(&e.to_string())))
}

pub fn decode_olc(bytes: &[u8]) -> Result<OpenLogicalChannel, H245Error> {
    let (m, rest) = h323_asn1::rasn::aper::decode_with_remainder::<OpenLogicalChannel>(bytes)
        .map_err(|e| H245Error::Decode(super::q931::one_line(&e.to_string())))?;
    if !rest.is_empty() {
        return Err(H245Error::Trailing(rest.len()));
    }
    Ok(m)
}

pub fn encode_olc(m: &OpenLogicalChannel) -> Result<Vec<u8>, H245Error> {
    h323_asn1::rasn::aper::encode(m).map_err(|e| H245Error::Encode(super::q931::one_line(&e.to_string())))
}

/// The message's name: its alternative's (`terminalCapabilitySet`, `endSessionCommand`).
pub fn name(m: &MultimediaSystemControlMessage) -> String {
    let text = match m {
        MultimediaSystemControlMessage::request(r) => format!("{r:?}"),
        MultimediaSystemControlMessage::response(r) => format!("{r:?}"),
        MultimediaSystemControlMessage::command(c) => format!("{c:?}"),
        MultimediaSystemControlMessage::indication(i) => format!("{i:?}"),
        #[allow(unreachable_patterns)]
        _ => "unknown".into(),
    };
    let n = text.split('(').next().unwrap_or("unknown");
    if n.chars().all(|c| c.is_ascii_alphanumeric()) && !n.is_empty() {
        n.to_owned()
    } else {
        "unknown".into()
    }
}

/// The socket address of an H.245 unicast IPv4 address.
pub fn socket_addr(t: &TransportAddress) -> Option<SocketAddr> {
    match t {
        TransportAddress::unicastAddress(UnicastAddress::iPAddress(a)) => {
            let ip: [u8; 4] = a.network.as_ref().try_into().ok()?;
            Some(SocketAddr::new(IpAddr::V4(Ipv4Addr::from(ip)), a.tsap_identifier))
        }
        _ => None,
    }
}

/// An H.245 transport address; IPv6 is sent as IPv4-unspecified (the MCU binds IPv4).
pub fn transport(addr: SocketAddr) -> TransportAddress {
    let ip = match addr.ip() {
        IpAddr::V4(ip) => ip,
        IpAddr::V6(ip) => ip.to_ipv4_mapped().unwrap_or(Ipv4Addr::UNSPECIFIED),
    };
    TransportAddress::unicastAddress(UnicastAddress::iPAddress(UnicastAddressIPAddress::new(
        OctetString::from(ip.octets().to_vec()),
        addr.port(),
    )))
}

fn h2250(media: Option<SocketAddr>, control: Option<SocketAddr>) -> H2250LogicalChannelParameters {
    H2250LogicalChannelParameters::new(
        None,
        AUDIO_SESSION,
        None,
        media.map(transport),
        None,
        control.map(transport),
        None,
        Some(false),
        None,
        None,
        None,
        None,
        None,
        None,
    )
}

/// The fastStart proposal taken: the codec and the two OLCs to answer with.
#[derive(Clone, Debug, PartialEq)]
pub struct FastStart {
    pub law: G711,
    /// Where to send RTP (the reverse channel's mediaChannel) and the caller's RTCP.
    pub remote_rtp: SocketAddr,
    pub remote_rtcp: Option<SocketAddr>,
    forward: OpenLogicalChannel,
    reverse: OpenLogicalChannel,
}

fn forward_audio(olc: &OpenLogicalChannel) -> Option<G711> {
    match &olc.forward_logical_channel_parameters.data_type {
        DataType::audioData(a) => G711::of(a),
        _ => None,
    }
}

fn reverse_audio(olc: &OpenLogicalChannel) -> Option<(G711, Option<&H2250LogicalChannelParameters>)> {
    let r = olc.reverse_logical_channel_parameters.as_ref()?;
    let law = match &r.data_type {
        DataType::audioData(a) => G711::of(a)?,
        _ => return None,
    };
    let params = match &r.multiplex_parameters {
        Some(OpenLogicalChannelReverseLogicalChannelParametersMultiplexParameters::h2250LogicalChannelParameters(
            p,
        )) => Some(p),
        _ => None,
    };
    Some((law, params))
}

fn forward_params(olc: &OpenLogicalChannel) -> Option<&H2250LogicalChannelParameters> {
    match &olc.forward_logical_channel_parameters.multiplex_parameters {
        OpenLogicalChannelForwardLogicalChannelParametersMultiplexParameters::h2250LogicalChannelParameters(p) => {
            Some(p)
        }
        _ => None,
    }
}

/// Picks the first of `prefs` proposed both ways (a forward OLC, caller to us, and a reverse
/// one with the caller's RTP address). OLCs that do not decode are passed over.
pub fn choose_fast_start(proposals: &[OctetString], prefs: &[G711]) -> Option<FastStart> {
    let olcs: Vec<OpenLogicalChannel> = proposals.iter().filter_map(|p| decode_olc(p).ok()).collect();
    for &law in prefs {
        let forward =
            olcs.iter().find(|o| o.reverse_logical_channel_parameters.is_none() && forward_audio(o) == Some(law));
        let reverse = olcs.iter().find_map(|o| {
            let (l, params) = reverse_audio(o)?;
            let p = params?;
            let rtp = p.media_channel.as_ref().and_then(socket_addr)?;
            (l == law).then(|| (o, rtp, p.media_control_channel.as_ref().and_then(socket_addr)))
        });
        if let (Some(f), Some((r, rtp, rtcp))) = (forward, reverse) {
            return Some(FastStart { law, remote_rtp: rtp, remote_rtcp: rtcp, forward: f.clone(), reverse: r.clone() });
        }
    }
    None
}

impl FastStart {
    /// The two OLCs as proposed, with our RTP and RTCP addresses added (the forward channel's
    /// mediaChannel and mediaControlChannel, the reverse one's mediaControlChannel), encoded.
    pub fn accept(&self, rtp: SocketAddr, rtcp: SocketAddr) -> Result<Vec<OctetString>, H245Error> {
        let mut forward = self.forward.clone();
        let control = forward_params(&forward).and_then(|p| p.media_control_channel.clone());
        let mut p = forward_params(&forward).cloned().unwrap_or_else(|| h2250(None, None));
        p.media_channel = Some(transport(rtp));
        p.media_control_channel = Some(transport(rtcp));
        let _ = control;
        forward.forward_logical_channel_parameters.multiplex_parameters =
            OpenLogicalChannelForwardLogicalChannelParametersMultiplexParameters::h2250LogicalChannelParameters(p);
        let mut reverse = self.reverse.clone();
        if let Some(r) = reverse.reverse_logical_channel_parameters.as_mut() {
            if let Some(
                OpenLogicalChannelReverseLogicalChannelParametersMultiplexParameters::h2250LogicalChannelParameters(p),
            ) = r.multiplex_parameters.as_mut()
            {
                p.media_control_channel = Some(transport(rtcp));
            }
        }
        Ok(vec![OctetString::from(encode_olc(&forward)?), OctetString::from(encode_olc(&reverse)?)])
    }
}

/// A caller's fastStart proposals (H.323 8.1.7.1), for each of `laws` in preference order: a
/// forward channel (caller to callee, our RTCP address) and a reverse one (callee to caller,
/// where we receive RTP and RTCP); forward ones first, as pycrate's caller and GnuGk's order them.
pub fn fast_start_proposals(laws: &[G711], rtp: SocketAddr, rtcp: SocketAddr) -> Result<Vec<OctetString>, H245Error> {
    let mut forward = Vec::new();
    let mut reverse = Vec::new();
    for (i, &law) in laws.iter().enumerate() {
        let i = i as u16;
        let params = OpenLogicalChannelForwardLogicalChannelParameters::new(
            None,
            DataType::audioData(law.capability()),
            OpenLogicalChannelForwardLogicalChannelParametersMultiplexParameters::h2250LogicalChannelParameters(h2250(
                None,
                Some(rtcp),
            )),
            None,
            None,
        );
        forward.push(OpenLogicalChannel::new(LogicalChannelNumber(1 + i), params, None, None, None, None));
        let none = OpenLogicalChannelForwardLogicalChannelParameters::new(
            None,
            DataType::nullData(()),
            OpenLogicalChannelForwardLogicalChannelParametersMultiplexParameters::none(()),
            None,
            None,
        );
        let back = OpenLogicalChannelReverseLogicalChannelParameters::new(
            DataType::audioData(law.capability()),
            Some(OpenLogicalChannelReverseLogicalChannelParametersMultiplexParameters::h2250LogicalChannelParameters(
                h2250(Some(rtp), Some(rtcp)),
            )),
            None,
            None,
        );
        reverse.push(OpenLogicalChannel::new(LogicalChannelNumber(101 + i), none, Some(back), None, None, None));
    }
    forward.iter().chain(&reverse).map(|o| encode_olc(o).map(OctetString::from)).collect()
}

/// What the callee accepted of our fastStart proposals: the law, and where it receives RTP and
/// RTCP (the forward channel's mediaChannel and mediaControlChannel). `None` without a forward
/// G.711 channel naming its RTP address.
pub fn fast_start_accepted(olcs: &[OctetString]) -> Option<(G711, SocketAddr, Option<SocketAddr>)> {
    olcs.iter().filter_map(|o| decode_olc(o).ok()).find_map(|o| {
        if o.reverse_logical_channel_parameters.is_some() {
            return None;
        }
        let law = forward_audio(&o)?;
        let p = forward_params(&o)?;
        let rtp = p.media_channel.as_ref().and_then(socket_addr)?;
        Some((law, rtp, p.media_control_channel.as_ref().and_then(socket_addr)))
    })
}

fn oid(arcs: &'static [u32]) -> ObjectIdentifier {
    ObjectIdentifier::new(arcs).expect("a valid object identifier")
}

/// Our capabilities: receiving G.711 in `laws`' order, all simultaneous alternatives.
pub fn terminal_capability_set(seq: u8, laws: &[G711]) -> MultimediaSystemControlMessage {
    let table: Vec<CapabilityTableEntry> = laws
        .iter()
        .enumerate()
        .map(|(i, l)| {
            CapabilityTableEntry::new(
                CapabilityTableEntryNumber(i as u16 + 1),
                Some(Capability::receiveAudioCapability(l.capability())),
            )
        })
        .collect();
    let alternatives = AlternativeCapabilitySet((1..=laws.len() as u16).map(CapabilityTableEntryNumber).collect());
    let descriptor =
        CapabilityDescriptor::new(CapabilityDescriptorNumber(0), Some(SetOf::from_vec(vec![alternatives])));
    MultimediaSystemControlMessage::request(RequestMessage::terminalCapabilitySet(TerminalCapabilitySet::new(
        SequenceNumber(seq),
        oid(&PROTOCOL_IDENTIFIER),
        None,
        Some(SetOf::from_vec(table)),
        Some(SetOf::from_vec(vec![descriptor])),
        None,
    )))
}

/// The G.711 laws a capability set says the other side can receive, in its table's order.
pub fn receivable(tcs: &TerminalCapabilitySet) -> Vec<G711> {
    let mut out = Vec::new();
    let Some(table) = &tcs.capability_table else { return out };
    let mut entries: Vec<&CapabilityTableEntry> = table.to_vec();
    entries.sort_by_key(|e| e.capability_table_entry_number.0);
    for e in entries {
        let law = match &e.capability {
            Some(Capability::receiveAudioCapability(a)) | Some(Capability::receiveAndTransmitAudioCapability(a)) => {
                G711::of(a)
            }
            _ => None,
        };
        if let Some(l) = law.filter(|l| !out.contains(l)) {
            out.push(l);
        }
    }
    out
}

pub fn terminal_capability_set_ack(seq: SequenceNumber) -> MultimediaSystemControlMessage {
    MultimediaSystemControlMessage::response(ResponseMessage::terminalCapabilitySetAck(TerminalCapabilitySetAck::new(
        seq, None,
    )))
}

pub fn master_slave_determination(number: u32) -> MultimediaSystemControlMessage {
    MultimediaSystemControlMessage::request(RequestMessage::masterSlaveDetermination(MasterSlaveDetermination::new(
        MCU_TERMINAL_TYPE,
        number & 0x00ff_ffff,
    )))
}

/// The ack of the other's MSD: its decision names the role of the side receiving it.
pub fn master_slave_ack(they_are_master: bool) -> MultimediaSystemControlMessage {
    let decision = if they_are_master {
        MasterSlaveDeterminationAckDecision::master(())
    } else {
        MasterSlaveDeterminationAckDecision::slave(())
    };
    MultimediaSystemControlMessage::response(ResponseMessage::masterSlaveDeterminationAck(
        MasterSlaveDeterminationAck::new(decision),
    ))
}

/// Whether we (terminal type `ours`, number `our_number`) are master over an MSD's sender
/// (H.245 C.2): the larger terminal type; equal types, the number rule; None: identical numbers.
pub fn we_are_master(ours: u8, our_number: u32, theirs: &MasterSlaveDetermination) -> Option<bool> {
    if ours != theirs.terminal_type {
        return Some(ours > theirs.terminal_type);
    }
    let diff = theirs.status_determination_number.wrapping_sub(our_number) & 0x00ff_ffff;
    match diff {
        0 | 0x0080_0000 => None,
        d => Some(d < 0x0080_0000),
    }
}

/// Our transmit channel: audio `law`, our RTCP address, no reverse parameters.
pub fn open_logical_channel(lcn: u16, law: G711, rtcp: SocketAddr) -> MultimediaSystemControlMessage {
    let params = OpenLogicalChannelForwardLogicalChannelParameters::new(
        None,
        DataType::audioData(law.capability()),
        OpenLogicalChannelForwardLogicalChannelParametersMultiplexParameters::h2250LogicalChannelParameters(h2250(
            None,
            Some(rtcp),
        )),
        None,
        None,
    );
    MultimediaSystemControlMessage::request(RequestMessage::openLogicalChannel(OpenLogicalChannel::new(
        LogicalChannelNumber(lcn),
        params,
        None,
        None,
        None,
        None,
    )))
}

/// What an OLC the other side sent asks for: its channel number and G.711 law, if it is one we
/// take (audio G.711, unidirectional).
pub fn incoming_channel(olc: &OpenLogicalChannel) -> (u16, Option<G711>) {
    let law = if olc.reverse_logical_channel_parameters.is_some() { None } else { forward_audio(olc) };
    (olc.forward_logical_channel_number.0, law)
}

pub fn open_logical_channel_ack(lcn: u16, rtp: SocketAddr, rtcp: SocketAddr) -> MultimediaSystemControlMessage {
    let params = H2250LogicalChannelAckParameters::new(
        None,
        Some(AUDIO_SESSION),
        Some(transport(rtp)),
        Some(transport(rtcp)),
        None,
        None,
        None,
    );
    MultimediaSystemControlMessage::response(ResponseMessage::openLogicalChannelAck(OpenLogicalChannelAck::new(
        LogicalChannelNumber(lcn),
        None,
        None,
        Some(OpenLogicalChannelAckForwardMultiplexAckParameters::h2250LogicalChannelAckParameters(params)),
        None,
        None,
    )))
}

/// Where an OLC ack says to send RTP.
pub fn ack_media_channel(ack: &OpenLogicalChannelAck) -> Option<SocketAddr> {
    match &ack.forward_multiplex_ack_parameters {
        Some(OpenLogicalChannelAckForwardMultiplexAckParameters::h2250LogicalChannelAckParameters(p)) => {
            p.media_channel.as_ref().and_then(socket_addr)
        }
        _ => None,
    }
}

/// The RTCP address an OLC ack names.
pub fn ack_media_control_channel(ack: &OpenLogicalChannelAck) -> Option<SocketAddr> {
    match &ack.forward_multiplex_ack_parameters {
        Some(OpenLogicalChannelAckForwardMultiplexAckParameters::h2250LogicalChannelAckParameters(p)) => {
            p.media_control_channel.as_ref().and_then(socket_addr)
        }
        _ => None,
    }
}

/// The RTCP address (mediaControlChannel) an OLC's forward parameters name.
pub fn media_control_channel(olc: &OpenLogicalChannel) -> Option<SocketAddr> {
    forward_params(olc)?.media_control_channel.as_ref().and_then(socket_addr)
}

pub fn open_logical_channel_reject(lcn: u16) -> MultimediaSystemControlMessage {
    MultimediaSystemControlMessage::response(ResponseMessage::openLogicalChannelReject(OpenLogicalChannelReject::new(
        LogicalChannelNumber(lcn),
        OpenLogicalChannelRejectCause::dataTypeNotSupported(()),
        None,
    )))
}

pub fn close_logical_channel_ack(lcn: LogicalChannelNumber) -> MultimediaSystemControlMessage {
    MultimediaSystemControlMessage::response(ResponseMessage::closeLogicalChannelAck(CloseLogicalChannelAck::new(lcn)))
}

pub fn round_trip_delay_response(seq: SequenceNumber) -> MultimediaSystemControlMessage {
    MultimediaSystemControlMessage::response(ResponseMessage::roundTripDelayResponse(RoundTripDelayResponse::new(seq)))
}

pub fn end_session() -> MultimediaSystemControlMessage {
    MultimediaSystemControlMessage::command(CommandMessage::endSessionCommand(EndSessionCommand::disconnect(())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::h323::q931::{Body, Signal, Tpkt};

    fn signal(name: &str) -> Signal {
        let path = format!("{}/tests/data/h323-call/pycrate/{name}.hex", env!("CARGO_MANIFEST_DIR"));
        let bytes = hex::decode(std::fs::read_to_string(&path).unwrap().trim()).unwrap();
        let mut t = Tpkt::new(65_535);
        t.push(&bytes);
        Signal::parse(&t.next_frame().unwrap().unwrap()).unwrap()
    }

    fn tunnelled(s: &Signal) -> Vec<Vec<u8>> {
        let pdu = &s.uu.as_ref().unwrap().h323_uu_pdu;
        pdu.h245_control.iter().flatten().map(|o| o.to_vec()).collect()
    }

    #[test]
    fn the_fast_start_proposal_of_pycrate_is_read_and_accepted() {
        let s = signal("fs-setup");
        let Some(Body::setup(setup)) = s.body() else { panic!() };
        let fs = setup.fast_start.as_ref().unwrap();
        for o in fs {
            assert_eq!(encode_olc(&decode_olc(o).unwrap()).unwrap(), o.to_vec(), "round trip");
        }
        let chosen = choose_fast_start(fs, &[G711::Alaw, G711::Ulaw]).unwrap();
        assert_eq!(chosen.law, G711::Alaw);
        let chosen = choose_fast_start(fs, &[G711::Ulaw]).unwrap();
        assert_eq!(chosen.law, G711::Ulaw);
        let rtp: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        let rtcp: SocketAddr = "127.0.0.1:4001".parse().unwrap();
        let accepted = chosen.accept(rtp, rtcp).unwrap();
        let f = decode_olc(&accepted[0]).unwrap();
        let p = forward_params(&f).unwrap();
        assert_eq!(p.media_channel.as_ref().and_then(socket_addr), Some(rtp));
        assert_eq!(p.media_control_channel.as_ref().and_then(socket_addr), Some(rtcp));
        let r = decode_olc(&accepted[1]).unwrap();
        assert_eq!(reverse_audio(&r).unwrap().0, G711::Ulaw);
        // The Connect pycrate's callee sent holds what we would send: its forward OLC carries
        // the callee's addresses.
        let c = signal("fs-connect");
        let Some(Body::connect(connect)) = c.body() else { panic!() };
        assert_eq!(connect.fast_start.as_ref().unwrap().len(), 2);
    }

    #[test]
    fn tunnelled_h245_of_pycrate_decodes_and_encodes_back() {
        let mut names = Vec::new();
        for f in ["tun-connect", "tun-empty", "tun-empty-1", "tun-empty-2", "tun-empty-3", "tun-releaseComplete"] {
            for m in tunnelled(&signal(f)) {
                let msg = decode(&m).unwrap_or_else(|e| panic!("{f}: {e}"));
                assert_eq!(encode(&msg).unwrap(), m, "{f}");
                if let MultimediaSystemControlMessage::request(RequestMessage::terminalCapabilitySet(t)) = &msg {
                    assert_eq!(receivable(t), vec![G711::Ulaw, G711::Alaw]);
                }
                names.push(name(&msg));
            }
        }
        for n in ["terminalCapabilitySet", "masterSlaveDetermination", "openLogicalChannel", "endSessionCommand"] {
            assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
        }
    }

    #[test]
    fn our_messages_encode_and_decode() {
        let a: SocketAddr = "127.0.0.1:5004".parse().unwrap();
        for m in [
            terminal_capability_set(1, &[G711::Ulaw, G711::Alaw]),
            terminal_capability_set_ack(SequenceNumber(1)),
            master_slave_determination(0x1234_5678),
            master_slave_ack(false),
            open_logical_channel(1, G711::Ulaw, a),
            open_logical_channel_ack(1, a, a),
            open_logical_channel_reject(2),
            close_logical_channel_ack(LogicalChannelNumber(1)),
            round_trip_delay_response(SequenceNumber(3)),
            end_session(),
        ] {
            let bytes = encode(&m).unwrap();
            assert_eq!(decode(&bytes).unwrap(), m);
        }
        let MultimediaSystemControlMessage::request(RequestMessage::terminalCapabilitySet(t)) =
            terminal_capability_set(1, &[G711::Alaw])
        else {
            panic!()
        };
        assert_eq!(receivable(&t), vec![G711::Alaw]);
    }

    #[test]
    fn master_slave_follows_h245() {
        let msd = |t, n| MasterSlaveDetermination::new(t, n);
        assert_eq!(we_are_master(190, 5, &msd(50, 7)), Some(true));
        assert_eq!(we_are_master(50, 5, &msd(190, 7)), Some(false));
        assert_eq!(we_are_master(50, 5, &msd(50, 7)), Some(true));
        assert_eq!(we_are_master(50, 7, &msd(50, 5)), Some(false));
        assert_eq!(we_are_master(50, 7, &msd(50, 7)), None);
    }
}
