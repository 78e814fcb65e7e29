//! The SIP parser, stream framing and the proxy core on arbitrary datagrams.
#![no_main]
use ifconnect::sip::proxy::{Config, Peer, Proxy, Transport};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = ifconnect::sip::frame(data);
    if let Ok(m) = ifconnect::sip::parse(data) {
        let _ = m.top_via();
        let _ = m.cseq();
        let _ = m.header_values("Contact").iter().map(|c| ifconnect::sip::Uri::parse(c)).count();
        // Serialising and parsing again keeps the start line, the headers and the body.
        let again = ifconnect::sip::parse(&m.to_bytes()).expect("serialised messages parse");
        let without_length = |m: &ifconnect::sip::SipMessage| m.headers.iter().filter(|h| h.name != "Content-Length").count();
        assert_eq!((&again.start, without_length(&again), &again.body), (&m.start, without_length(&m), &m.body));
    }
    let mut proxy = Proxy::new(Config { local: "127.0.0.1:5060".parse().unwrap(), route: Some("sip:127.0.0.1:5070".into()), policy: None, wall_clock_offset_ms: 0, max_contacts: ifconnect::sip::MAX_CONTACTS, auth: None, resolver_seed: Some(1), tls_local: None });
    let peer = Peer { transport: Transport::Udp, addr: "127.0.0.1:5080".parse().unwrap() };
    proxy.handle_packet(0, peer, data);
    proxy.handle_packet(1, peer, data);
    proxy.handle_timeout(40_000);
    while proxy.poll_output().is_some() {}
});
