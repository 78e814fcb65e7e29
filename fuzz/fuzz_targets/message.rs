//! Strict JSON, JCS and IFMessage verification on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = ifconnect::json::parse_strict(data) {
        let canonical = ifconnect::json::canonical(&value);
        // Canonical form is a fixed point.
        let again = ifconnect::json::parse_strict(&canonical).expect("canonical output parses");
        assert_eq!(ifconnect::json::canonical(&again), canonical);
        let _ = ifconnect::message::verify_message(&value, None);
    }
});
