//! Digest authentication headers (`sip::digest`) from arbitrary text: the parser, challenges and
//! credentials read and formatted again unchanged, and the server's check of them.
#![no_main]
use ifconnect::sip::digest::{self, Algorithm, Auth, Challenge, Credentials, Users};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = digest::parse(text);
    if let Ok(c) = Challenge::parse(text) {
        assert_eq!(Challenge::parse(&c.to_string()).as_ref(), Ok(&c));
    }
    if let Ok(c) = Credentials::parse(text) {
        assert_eq!(Credentials::parse(&c.to_string()).as_ref(), Ok(&c));
    }
    let users = Users::parse("[users.alice]\npassword = \"x\"\n", "r").unwrap();
    let mut auth = Auth::new("r".into(), users, vec![Algorithm::Sha256, Algorithm::Md5], [0; 32], 1000, 4);
    let _ = auth.challenges(0, false);
    let _ = auth.check(1, "INVITE", "sip:x", &[text]);
});
