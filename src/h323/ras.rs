//! RAS datagrams: `RasMessage` (H.225.0 v7, ALIGNED PER) decoded and encoded with the generated
//! codec of the `h323-asn1` crate, and the conversions between its types and plain Rust ones
//! (aliases as text, transport addresses as socket addresses, GUIDs as arrays).

pub use h323_asn1::h225::*;
pub use h323_asn1::h235::{ClearToken, Identifier, NonStandardParameter as TokenNonStandard, RandomVal, TimeStamp};
pub use h323_asn1::rasn::types::{BmpString, FixedOctetString, Ia5String, Integer, ObjectIdentifier, OctetString};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// The largest datagram looked at: one UDP payload. Anything bigger cannot arrive.
pub const MAX_DATAGRAM: usize = 65_535;

/// The H.225.0 version this gatekeeper speaks: 0.0.8.2250.0.7.
pub const PROTOCOL_IDENTIFIER: [u32; 6] = [0, 0, 8, 2250, 0, 7];

/// Why a datagram is not a RAS message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RasError {
    #[error("empty datagram")]
    Empty,
    #[error("not a RAS message: {0}")]
    Decode(String),
    #[error("cannot encode {kind}: {reason}")]
    Encode { kind: &'static str, reason: String },
}

/// Decodes one datagram. Trailing octets after the message are refused: a datagram is one
/// message, and what follows would be unchecked by any signature over the message.
pub fn decode(bytes: &[u8]) -> Result<RasMessage, RasError> {
    if bytes.is_empty() {
        return Err(RasError::Empty);
    }
    let (msg, rest) = h323_asn1::rasn::aper::decode_with_remainder::<RasMessage>(bytes)
        .map_err(|e| RasError::Decode(one_line(&e.to_string())))?;
    // PER pads the last octet: anything beyond it is not part of the message.
    if !rest.is_empty() {
        return Err(RasError::Decode(format!("{} octets after the message", rest.len())));
    }
    Ok(msg)
}

/// Encodes `msg` in ALIGNED PER.
pub fn encode(msg: &RasMessage) -> Result<Vec<u8>, RasError> {
    h323_asn1::rasn::aper::encode(msg)
        .map_err(|e| RasError::Encode { kind: kind(msg), reason: one_line(&e.to_string()) })
}

fn one_line(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.len() > 200 {
        format!(
            "{}...",
            &s[..s.char_indices().take_while(|(i, _)| *i < 200).last().map_or(0, |(i, c)| i + c.len_utf8())]
        )
    } else {
        s
    }
}

/// The ASN.1 name of the message's alternative, e.g. `admissionRequest`.
pub fn kind(msg: &RasMessage) -> &'static str {
    use RasMessage::*;
    match msg {
        gatekeeperRequest(_) => "gatekeeperRequest",
        gatekeeperConfirm(_) => "gatekeeperConfirm",
        gatekeeperReject(_) => "gatekeeperReject",
        registrationRequest(_) => "registrationRequest",
        registrationConfirm(_) => "registrationConfirm",
        registrationReject(_) => "registrationReject",
        unregistrationRequest(_) => "unregistrationRequest",
        unregistrationConfirm(_) => "unregistrationConfirm",
        unregistrationReject(_) => "unregistrationReject",
        admissionRequest(_) => "admissionRequest",
        admissionConfirm(_) => "admissionConfirm",
        admissionReject(_) => "admissionReject",
        bandwidthRequest(_) => "bandwidthRequest",
        bandwidthConfirm(_) => "bandwidthConfirm",
        bandwidthReject(_) => "bandwidthReject",
        disengageRequest(_) => "disengageRequest",
        disengageConfirm(_) => "disengageConfirm",
        disengageReject(_) => "disengageReject",
        locationRequest(_) => "locationRequest",
        locationConfirm(_) => "locationConfirm",
        locationReject(_) => "locationReject",
        infoRequest(_) => "infoRequest",
        infoRequestResponse(_) => "infoRequestResponse",
        nonStandardMessage(_) => "nonStandardMessage",
        unknownMessageResponse(_) => "unknownMessageResponse",
        requestInProgress(_) => "requestInProgress",
        resourcesAvailableIndicate(_) => "resourcesAvailableIndicate",
        resourcesAvailableConfirm(_) => "resourcesAvailableConfirm",
        infoRequestAck(_) => "infoRequestAck",
        infoRequestNak(_) => "infoRequestNak",
        serviceControlIndication(_) => "serviceControlIndication",
        serviceControlResponse(_) => "serviceControlResponse",
        admissionConfirmSequence(_) => "admissionConfirmSequence",
        // An alternative added after H.225.0 v7: rasn decodes it as this extensible CHOICE's
        // unknown extension, which this gatekeeper does not handle.
        _ => "unknown",
    }
}

/// The message's requestSeqNum (every RAS message has one).
pub fn request_seq_num(msg: &RasMessage) -> u16 {
    use RasMessage::*;
    match msg {
        gatekeeperRequest(m) => m.request_seq_num.0,
        gatekeeperConfirm(m) => m.request_seq_num.0,
        gatekeeperReject(m) => m.request_seq_num.0,
        registrationRequest(m) => m.request_seq_num.0,
        registrationConfirm(m) => m.request_seq_num.0,
        registrationReject(m) => m.request_seq_num.0,
        unregistrationRequest(m) => m.request_seq_num.0,
        unregistrationConfirm(m) => m.request_seq_num.0,
        unregistrationReject(m) => m.request_seq_num.0,
        admissionRequest(m) => m.request_seq_num.0,
        admissionConfirm(m) => m.request_seq_num.0,
        admissionReject(m) => m.request_seq_num.0,
        bandwidthRequest(m) => m.request_seq_num.0,
        bandwidthConfirm(m) => m.request_seq_num.0,
        bandwidthReject(m) => m.request_seq_num.0,
        disengageRequest(m) => m.request_seq_num.0,
        disengageConfirm(m) => m.request_seq_num.0,
        disengageReject(m) => m.request_seq_num.0,
        locationRequest(m) => m.request_seq_num.0,
        locationConfirm(m) => m.request_seq_num.0,
        locationReject(m) => m.request_seq_num.0,
        infoRequest(m) => m.request_seq_num.0,
        infoRequestResponse(m) => m.request_seq_num.0,
        nonStandardMessage(m) => m.request_seq_num.0,
        unknownMessageResponse(m) => m.request_seq_num.0,
        requestInProgress(m) => m.request_seq_num.0,
        resourcesAvailableIndicate(m) => m.request_seq_num.0,
        resourcesAvailableConfirm(m) => m.request_seq_num.0,
        infoRequestAck(m) => m.request_seq_num.0,
        infoRequestNak(m) => m.request_seq_num.0,
        serviceControlIndication(m) => m.request_seq_num.0,
        serviceControlResponse(m) => m.request_seq_num.0,
        admissionConfirmSequence(m) => m.first().map_or(0, |acf| acf.request_seq_num.0),
        _ => 0,
    }
}

/// The ASN.1 name of a reject or request reason (`duplicateAlias`, `ttlExpired`): its
/// alternative's name, which is what its Debug text starts with. A reason added after H.225.0 v7
/// (rasn's unknown extension) names no alternative here and is `undefinedReason`.
pub fn reject_reason_name<T: std::fmt::Debug>(reason: &T) -> &'static str {
    let text = format!("{reason:?}");
    let name = text.split('(').next().unwrap_or("undefinedReason");
    REASON_NAMES.iter().chain(RELEASE_REASON_NAMES).find(|n| **n == name).copied().unwrap_or("undefinedReason")
}

/// The alternatives of H.225.0 v7's ReleaseCompleteReason not among [`REASON_NAMES`]: without
/// them a ReleaseComplete saying `noPermission` (the MCU's kick) was read as `undefinedReason`.
const RELEASE_REASON_NAMES: &[&str] = &[
    "adaptiveBusy",
    "badFormatAddress",
    "destinationRejection",
    "facilityCallDeflection",
    "gatekeeperResources",
    "gatewayResources",
    "inConf",
    "invalidCID",
    "newConnectionNeeded",
    "noBandwidth",
    "noPermission",
    "nonStandardReason",
    "replaceWithConferenceInvite",
    "securityDenied",
    "tunnelledSignallingRejected",
    "unreachableDestination",
    "unreachableGatekeeper",
];

/// The alternatives of every RAS reason type of H.225.0 v7 (rejects, URQ, DRQ, IRR naks).
const REASON_NAMES: &[&str] = &[
    "additiveRegistrationNotSupported",
    "aliasesInconsistent",
    "callInProgress",
    "callerNotRegistered",
    "calledPartyNotRegistered",
    "collectDestination",
    "collectPIN",
    "discoveryRequired",
    "duplicateAlias",
    "exceedsCallCapacity",
    "forcedDrop",
    "fullRegistrationRequired",
    "genericDataReason",
    "hopCountExceeded",
    "incompleteAddress",
    "insufficientResources",
    "invalidAlias",
    "invalidCallSignalAddress",
    "invalidConferenceID",
    "invalidEndpointIdentifier",
    "invalidPermission",
    "invalidRASAddress",
    "invalidRevision",
    "invalidTerminalAliases",
    "invalidTerminalType",
    "maintenance",
    "neededFeatureNotSupported",
    "noRouteToDestination",
    "normalDrop",
    "notBound",
    "notCurrentlyRegistered",
    "notRegistered",
    "permissionDenied",
    "qosControlNotSupported",
    "registerWithAssignedGK",
    "requestDenied",
    "requestToDropOther",
    "reregistrationRequired",
    "resourceUnavailable",
    "routeCallToGatekeeper",
    "routeCallToSCN",
    "routeCalltoSCN",
    "securityDHmismatch",
    "securityDenial",
    "securityError",
    "terminalExcluded",
    "transportNotSupported",
    "transportQOSNotSupported",
    "ttlExpired",
    "unallocatedNumber",
    "undefinedReason",
];

/// The reject reason of a reject (GRJ, RRJ, URJ, ARJ, BRJ, DRJ, LRJ, IRR nak), by its ASN.1 name.
pub fn reject_reason(msg: &RasMessage) -> Option<&'static str> {
    use RasMessage::*;
    Some(match msg {
        gatekeeperReject(m) => reject_reason_name(&m.reject_reason),
        registrationReject(m) => reject_reason_name(&m.reject_reason),
        unregistrationReject(m) => reject_reason_name(&m.reject_reason),
        admissionReject(m) => reject_reason_name(&m.reject_reason),
        bandwidthReject(m) => reject_reason_name(&m.reject_reason),
        disengageReject(m) => reject_reason_name(&m.reject_reason),
        locationReject(m) => reject_reason_name(&m.reject_reason),
        infoRequestNak(m) => reject_reason_name(&m.nak_reason),
        _ => return None,
    })
}

/// An UnregistrationConfirm: what either side answers the other's URQ with.
pub fn ucf(seq: RequestSeqNum) -> RasMessage {
    RasMessage::unregistrationConfirm(UnregistrationConfirm::new(seq, None, None, None, None, None, None))
}

/// A DisengageConfirm: what either side answers the other's DRQ with.
pub fn dcf(seq: RequestSeqNum) -> RasMessage {
    RasMessage::disengageConfirm(DisengageConfirm::new(seq, None, None, None, None, None, None, None, None, None))
}

/// A BMPString from text; characters outside the BMP become U+FFFD.
pub fn bmp(s: &str) -> BmpString {
    let bytes: Vec<u8> =
        s.chars().map(|c| if (c as u32) < 0xFFFE { c as u16 } else { 0xFFFD }).flat_map(u16::to_be_bytes).collect();
    BmpString::try_from(&bytes[..]).unwrap_or_default()
}

/// The text of a BMPString.
pub fn text(s: &BmpString) -> String {
    String::from_utf16_lossy(&s.clone().into_vec())
}

/// An h323-ID alias.
pub fn h323_id(name: &str) -> AliasAddress {
    AliasAddress::h323_ID(bmp(name))
}

/// An alias as the text it names: an h323-ID's or a URL's text, dialled digits, an e-mail
/// address. Other kinds (transport, party number, mobile) name no text here.
pub fn alias_text(alias: &AliasAddress) -> Option<String> {
    match alias {
        AliasAddress::h323_ID(s) => Some(text(s)),
        AliasAddress::dialledDigits(s) | AliasAddress::url_ID(s) | AliasAddress::email_ID(s) => Some(s.to_string()),
        _ => None,
    }
}

/// The socket address of an IPv4 or IPv6 transport address.
pub fn socket_addr(t: &TransportAddress) -> Option<SocketAddr> {
    match t {
        TransportAddress::ipAddress(a) => {
            let ip: [u8; 4] = a.ip.as_ref().try_into().ok()?;
            Some(SocketAddr::new(IpAddr::V4(Ipv4Addr::from(ip)), a.port))
        }
        TransportAddress::ip6Address(a) => {
            let ip: [u8; 16] = a.ip.as_ref().try_into().ok()?;
            Some(SocketAddr::new(IpAddr::V6(Ipv6Addr::from(ip)), a.port))
        }
        _ => None,
    }
}

/// The transport address of a socket address.
pub fn transport(addr: SocketAddr) -> TransportAddress {
    match addr.ip() {
        IpAddr::V4(ip) => TransportAddress::ipAddress(TransportAddressIpAddress::new(
            OctetString::from(ip.octets().to_vec()),
            addr.port(),
        )),
        IpAddr::V6(ip) => TransportAddress::ip6Address(TransportAddressIp6Address::new(
            OctetString::from(ip.octets().to_vec()),
            addr.port(),
        )),
    }
}

/// The 16 octets of a GUID (call and conference identifiers).
pub fn guid(g: &GloballyUniqueID) -> [u8; 16] {
    let mut out = [0u8; 16];
    out.copy_from_slice(g.0.as_ref());
    out
}

/// A GUID from its 16 octets.
pub fn to_guid(bytes: [u8; 16]) -> GloballyUniqueID {
    GloballyUniqueID(FixedOctetString::new(bytes))
}

pub fn oid(arcs: &'static [u32]) -> ObjectIdentifier {
    ObjectIdentifier::new(arcs).expect("a valid object identifier")
}

/// The protocol identifier of H.225.0 v7.
pub fn protocol_identifier() -> ProtocolIdentifier {
    ProtocolIdentifier(oid(&PROTOCOL_IDENTIFIER))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    #[test]
    fn a_grq_from_pycrate_decodes_and_encodes_back_byte_for_byte() {
        // pycrate 0.8.1: GRQ seq 1, H.225.0 v7, rasAddress 127.0.0.1:1719, endpointType {}.
        let bytes = hex("00000000060008914a0007007f00000106b70000");
        let msg = decode(&bytes).unwrap();
        let RasMessage::gatekeeperRequest(grq) = &msg else { panic!("{msg:?}") };
        assert_eq!(grq.request_seq_num.0, 1);
        assert_eq!(socket_addr(&grq.ras_address), Some("127.0.0.1:1719".parse().unwrap()));
        assert_eq!(grq.protocol_identifier, protocol_identifier());
        assert_eq!(encode(&msg).unwrap(), bytes);
        assert_eq!(kind(&msg), "gatekeeperRequest");
        assert_eq!(request_seq_num(&msg), 1);
    }

    #[test]
    fn truncated_and_trailing_datagrams_are_refused() {
        let bytes = hex("00000000060008914a0007007f00000106b70000");
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n]).is_err(), "prefix of {n} octets decoded");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), Err(RasError::Decode("1 octets after the message".into())));
    }

    #[test]
    fn aliases_and_addresses_convert_both_ways() {
        assert_eq!(alias_text(&h323_id("guardian-01 ✓")).as_deref(), Some("guardian-01 ✓"));
        for a in ["127.0.0.1:1720", "[::1]:1720"] {
            let addr: SocketAddr = a.parse().unwrap();
            assert_eq!(socket_addr(&transport(addr)), Some(addr));
        }
        assert_eq!(guid(&to_guid([7; 16])), [7; 16]);
    }

    #[test]
    fn reasons_are_named_as_asn1_names_them() {
        assert_eq!(
            reject_reason_name(&RegistrationRejectReason::fullRegistrationRequired(())),
            "fullRegistrationRequired"
        );
        assert_eq!(reject_reason_name(&RegistrationRejectReason::duplicateAlias(vec![h323_id("a")])), "duplicateAlias");
        assert_eq!(reject_reason_name(&UnregRequestReason::ttlExpired(())), "ttlExpired");
        let arj = AdmissionReject::new(
            RequestSeqNum(3),
            AdmissionRejectReason::requestDenied(()),
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
        assert_eq!(reject_reason(&RasMessage::admissionReject(arj)), Some("requestDenied"));
        assert_eq!(reject_reason(&ucf(RequestSeqNum(1))), None);
    }
}
