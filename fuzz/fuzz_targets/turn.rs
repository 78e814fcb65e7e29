//! The TURN client's input: datagrams from the server's address, on arbitrary bytes. Reading
//! one may not panic, and nothing but a well-formed STUN message is ever taken for a peer's data.
#![no_main]
use ifconnect::mesh::turn::{fuzz_one, is_stun, Received};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let received = fuzz_one(data);
    if matches!(received, Received::Data { .. }) {
        assert!(is_stun(data));
    }
});
