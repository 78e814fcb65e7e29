//! The call signalling parsers (TPKT, Q.931, H323-UserInformation, H.245, RTP) and the MCU's call
//! core on arbitrary octets.
#![no_main]
use ifconnect::h323::call::{CallConfig, IncomingCall};
use ifconnect::h323::h245;
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
});
