//! Signed notes, checkpoints, verifier keys and timestamps.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ifconnect::witness::note::parse_note(text);
        let _ = ifconnect::witness::note::Checkpoint::parse(text);
        let _ = ifconnect::witness::note::parse_verifier_key(text);
        let _ = ifconnect::time::parse_rfc3339(text);
    }
});
