//! The signal server's input: WebSocket frames (both roles' readers) and the signaling frames
//! they carry, on arbitrary bytes. Neither may panic; a frame that parses says what it is.
#![no_main]
use ifconnect::mesh::signal::{parse_client, ClientFrame};
use ifconnect::websocket::{Reader, Role};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for role in [Role::Server, Role::Client] {
        let mut reader = Reader::new(role, 64 * 1024);
        reader.push(data);
        let mut replies = Vec::new();
        while let Ok(Some(_)) = reader.next(&mut replies) {}
    }
    if let Ok(ClientFrame::Signal { to, .. }) = parse_client(data) {
        assert!(to.starts_with("if://agent/"));
    }
});
