//! Witness log line decoding, with and without message checks.
#![no_main]
use ifconnect::witness::log::{decode, MessageCheck};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = decode(data, MessageCheck::None);
    let _ = decode(data, MessageCheck::Full);
});
