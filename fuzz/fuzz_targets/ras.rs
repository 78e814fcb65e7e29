//! The RAS decoder and the gatekeeper core on arbitrary datagrams.
#![no_main]
use ifconnect::h323::gatekeeper::{Config, Gatekeeper, Limits};
use ifconnect::h323::ras;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(m) = ras::decode(data) {
        // What decodes encodes, and decodes back to the same value.
        let again = ras::encode(&m).expect("a decoded message encodes");
        assert_eq!(ras::decode(&again).expect("its encoding decodes"), m);
    }
    let mut gk = Gatekeeper::new(Config {
        gatekeeper_id: "if-gk".into(),
        local: "127.0.0.1:1719".parse().unwrap(),
        policy: Default::default(),
        council_alias: "council".into(),
        limits: Limits::default(),
        wall_clock_offset_ms: 0,
    });
    let from = "127.0.0.1:5000".parse().unwrap();
    gk.handle_datagram(0, from, data);
    gk.handle_datagram(1, from, data);
    gk.handle_timeout(400_000);
    while gk.poll_output().is_some() {}
});
