//! RAS requests as an endpoint sends them, for the endpoint side (`if-gk endpoint`, the MCU,
//! the gateway), the benchmark's load and the tests. Signed with the admission token when a key
//! is given (docs/if-gk.md).

use super::ras::{self, *};
use super::token::{self, TokenFields};
use ed25519_dalek::SigningKey;
use std::net::SocketAddr;

/// Who signs a request, and for which gatekeeper.
pub struct Signer<'a> {
    pub key: &'a SigningKey,
    pub agent: &'a str,
    pub gatekeeper: &'a str,
    pub timestamp: u32,
    pub random: u64,
}

fn tokens(signer: Option<&Signer>) -> Option<Vec<ClearToken>> {
    signer.map(|s| {
        vec![token::unsigned(&TokenFields {
            timestamp: s.timestamp,
            random: s.random,
            gatekeeper: s.gatekeeper.to_owned(),
            sender: s.agent.to_owned(),
        })]
    })
}

fn finish(mut msg: RasMessage, signer: Option<&Signer>) -> Result<Vec<u8>, RasError> {
    match signer {
        Some(s) => token::sign(&mut msg, s.key),
        None => ras::encode(&msg),
    }
}

fn terminal() -> EndpointType {
    EndpointType::new(None, None, None, None, None, Some(TerminalInfo::new(None)), false, false, None, None)
}

pub fn grq(seq: u16, ras_address: SocketAddr, alias: &str) -> Result<Vec<u8>, RasError> {
    let grq = GatekeeperRequest::new(
        RequestSeqNum(seq),
        ras::protocol_identifier(),
        None,
        ras::transport(ras_address),
        terminal(),
        None,
        None,
        Some(vec![ras::h323_id(alias)]),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        Some(false),
        None,
    );
    ras::encode(&RasMessage::gatekeeperRequest(grq))
}

/// A full registration.
pub struct Registration<'a> {
    pub seq: u16,
    pub aliases: &'a [&'a str],
    pub ras_address: SocketAddr,
    pub call_signal: SocketAddr,
    pub ttl_s: Option<u32>,
    pub gatekeeper: Option<&'a str>,
    /// A multipoint controller (the council's MCU) rather than a terminal.
    pub mc: bool,
}

/// A terminal's endpointType, or a multipoint controller's (the council's MCU).
pub(crate) fn endpoint_type(mc: bool) -> EndpointType {
    let mut kind = terminal();
    if mc {
        kind.mc = true;
        kind.terminal = None;
        kind.mcu = Some(McuInfo::new(None, None));
    }
    kind
}

pub fn rrq(r: &Registration, signer: Option<&Signer>) -> Result<Vec<u8>, RasError> {
    let kind = endpoint_type(r.mc);
    let rrq = RegistrationRequest::new(
        RequestSeqNum(r.seq),
        ras::protocol_identifier(),
        None,
        true,
        vec![ras::transport(r.call_signal)],
        vec![ras::transport(r.ras_address)],
        kind,
        Some(r.aliases.iter().map(|a| ras::h323_id(a)).collect()),
        r.gatekeeper.map(|g| GatekeeperIdentifier(ras::bmp(g))),
        vendor(),
        None,
        r.ttl_s.map(TimeToLive),
        tokens(signer),
        None,
        None,
        Some(false),
        None,
        Some(false),
        Some(false),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        Some(false),
        None,
        None,
        None,
    );
    finish(RasMessage::registrationRequest(rrq), signer)
}

pub(crate) fn vendor() -> VendorIdentifier {
    VendorIdentifier::new(
        H221NonStandard::new(181, 0, 0),
        Some(OctetString::from(b"ifconnect".to_vec())),
        Some(OctetString::from(env!("CARGO_PKG_VERSION").as_bytes().to_vec())),
        None,
    )
}

/// A lightweight RRQ: keep the registration `endpoint` alive.
pub fn keep_alive(
    seq: u16,
    endpoint: &str,
    gatekeeper: &str,
    ras_address: SocketAddr,
    call_signal: SocketAddr,
    ttl_s: u32,
) -> Result<Vec<u8>, RasError> {
    let rrq = RegistrationRequest::new(
        RequestSeqNum(seq),
        ras::protocol_identifier(),
        None,
        true,
        vec![ras::transport(call_signal)],
        vec![ras::transport(ras_address)],
        terminal(),
        None,
        Some(GatekeeperIdentifier(ras::bmp(gatekeeper))),
        vendor(),
        None,
        Some(TimeToLive(ttl_s)),
        None,
        None,
        None,
        Some(true),
        Some(EndpointIdentifier(ras::bmp(endpoint))),
        Some(false),
        Some(false),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        Some(false),
        None,
        None,
        None,
    );
    ras::encode(&RasMessage::registrationRequest(rrq))
}

/// An admission request.
pub struct Admission<'a> {
    pub seq: u16,
    pub endpoint: &'a str,
    pub source_alias: &'a str,
    pub destination: Option<&'a str>,
    pub bandwidth: u32,
    pub call_id: [u8; 16],
    pub conference_id: [u8; 16],
    /// The call's callReferenceValue (Q.931's, 15 bits), which its BRQ and DRQ repeat.
    pub call_reference: u16,
    pub answer_call: bool,
    pub gatekeeper: &'a str,
    /// A signed IFMessage (its JSON), the call description.
    pub description: Option<&'a [u8]>,
}

pub fn arq(a: &Admission, signer: Option<&Signer>) -> Result<Vec<u8>, RasError> {
    let description = a.description.map(|d| {
        NonStandardParameter::new(
            NonStandardIdentifier::object(ras::oid(token::DESCRIPTION_OID)),
            OctetString::from(d.to_vec()),
        )
    });
    let arq = AdmissionRequest::new(
        RequestSeqNum(a.seq),
        CallType::pointToPoint(()),
        Some(CallModel::direct(())),
        EndpointIdentifier(ras::bmp(a.endpoint)),
        a.destination.map(|d| vec![ras::h323_id(d)]),
        None,
        None,
        vec![ras::h323_id(a.source_alias)],
        None,
        BandWidth(a.bandwidth),
        CallReferenceValue(a.call_reference),
        description,
        None,
        ConferenceIdentifier(ras::to_guid(a.conference_id)),
        false,
        a.answer_call,
        Some(false),
        Some(CallIdentifier::new(ras::to_guid(a.call_id))),
        None,
        None,
        Some(GatekeeperIdentifier(ras::bmp(a.gatekeeper))),
        tokens(signer),
        None,
        None,
        None,
        Some(false),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        Some(false),
    );
    finish(RasMessage::admissionRequest(arq), signer)
}

pub fn brq(
    seq: u16,
    endpoint: &str,
    call_id: [u8; 16],
    conference_id: [u8; 16],
    call_reference: u16,
    bandwidth: u32,
    answered: bool,
) -> Result<Vec<u8>, RasError> {
    let brq = BandwidthRequest::new(
        RequestSeqNum(seq),
        EndpointIdentifier(ras::bmp(endpoint)),
        ConferenceIdentifier(ras::to_guid(conference_id)),
        CallReferenceValue(call_reference),
        None,
        BandWidth(bandwidth),
        None,
        Some(CallIdentifier::new(ras::to_guid(call_id))),
        None,
        None,
        None,
        None,
        Some(answered),
        None,
        None,
        None,
        None,
        None,
        None,
    );
    ras::encode(&RasMessage::bandwidthRequest(brq))
}

pub fn drq(
    seq: u16,
    endpoint: &str,
    call_id: [u8; 16],
    conference_id: [u8; 16],
    call_reference: u16,
    answered: bool,
) -> Result<Vec<u8>, RasError> {
    let drq = DisengageRequest::new(
        RequestSeqNum(seq),
        EndpointIdentifier(ras::bmp(endpoint)),
        ConferenceIdentifier(ras::to_guid(conference_id)),
        CallReferenceValue(call_reference),
        DisengageReason::normalDrop(()),
        None,
        Some(CallIdentifier::new(ras::to_guid(call_id))),
        None,
        None,
        None,
        None,
        Some(answered),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    );
    ras::encode(&RasMessage::disengageRequest(drq))
}

pub fn urq(seq: u16, endpoint: &str, call_signal: SocketAddr) -> Result<Vec<u8>, RasError> {
    let urq = UnregistrationRequest::new(
        RequestSeqNum(seq),
        vec![ras::transport(call_signal)],
        None,
        None,
        Some(EndpointIdentifier(ras::bmp(endpoint))),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    );
    ras::encode(&RasMessage::unregistrationRequest(urq))
}

/// What an endpoint says about itself in an InfoRequestResponse.
pub struct Info<'a> {
    /// The requestSeqNum of the IRQ answered.
    pub seq: u16,
    pub endpoint: &'a str,
    pub aliases: &'a [&'a str],
    pub ras_address: SocketAddr,
    pub call_signal: SocketAddr,
    pub mc: bool,
}

/// The answer to a gatekeeper's IRQ (solicited: no response wanted).
pub fn irr(i: &Info) -> Result<Vec<u8>, RasError> {
    let irr = InfoRequestResponse::new(
        None,
        RequestSeqNum(i.seq),
        endpoint_type(i.mc),
        EndpointIdentifier(ras::bmp(i.endpoint)),
        ras::transport(i.ras_address),
        vec![ras::transport(i.call_signal)],
        Some(i.aliases.iter().map(|a| ras::h323_id(a)).collect()),
        None,
        None,
        None,
        None,
        Some(false),
        None,
        None,
        Some(false),
        None,
    );
    ras::encode(&RasMessage::infoRequestResponse(irr))
}
