//! The live web view's request parser on arbitrary request heads.
#![no_main]
use ifconnect::ndi::live::{parse_request, Route};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(route) = parse_request(data) {
        // Only GET requests for the four known paths get through.
        assert!(data.starts_with(b"GET /"));
        assert!(matches!(route, Route::Page | Route::Frame | Route::Status | Route::Stream));
    }
});
