//! The call signalling parsers (TPKT, Q.931, H323-UserInformation, H.245, RTP), the MCU's call
//! core and the gateway's outgoing call core on arbitrary octets.
#![no_main]
use ifconnect::h323::call::{CallConfig, IncomingCall};
use ifconnect::h323::h245;
use ifconnect::h323::outgoing::{OutgoingCall, OutgoingConfig};
use ifconnect::h323::q931::{Signal, Tpkt, DEFAULT_MAX_FRAME};
use ifconnect::media::rtp;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = Signal::parse(data) {
        // What parses encodes, and parses back to the same message.
        let bytes = s.encode().expect("a parsed message encodes");
        let again = Signal::parse(&bytes[4..]).expect("its encoding parses");
        assert_eq!(again.uu, s.uu);
        assert_eq!((again.q931.crv, again.q931.message_type), (s.q931.crv, s.q931.message_type));
    }
    let mut framer = Tpkt::new(DEFAULT_MAX_FRAME);
    framer.push(data);
    while let Ok(Some(_)) = framer.next_frame() {}
    let _ = h245::decode(data);
    let _ = rtp::parse(data);
    let mut call = IncomingCall::new(0, CallConfig::default());
    call.handle_bytes(1, data);
    call.admitted(2, "127.0.0.1:4000".parse().unwrap(), "127.0.0.1:4001".parse().unwrap());
    call.handle_bytes(3, data);
    call.handle_timeout(100_000);
    while call.poll_output().is_some() {}
    // The other side: what a callee sends, to the gateway's call (its CRV taken from the data, so
    // that frames can be its).
    let crv = data.get(2..4).map_or(1, |b| u16::from_be_bytes([b[0], b[1]]) & 0x7fff);
    let mut out = OutgoingCall::new(0, outgoing_config(crv));
    out.handle_bytes(1, data);
    out.handle_timeout(100_000);
    while out.poll_output().is_some() {}
});

fn outgoing_config(crv: u16) -> OutgoingConfig {
    OutgoingConfig {
        source_alias: "sip-gateway".into(),
        destination: "council".into(),
        display: None,
        endpoint_id: None,
        call_id: [1; 16],
        conference_id: [2; 16],
        crv,
        description: None,
        laws: vec![h245::G711::Ulaw, h245::G711::Alaw],
        rtp: "127.0.0.1:4000".parse().unwrap(),
        rtcp: "127.0.0.1:4001".parse().unwrap(),
        max_frame: DEFAULT_MAX_FRAME,
    }
}
