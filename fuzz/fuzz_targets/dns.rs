//! The resolver's input: datagrams from the DNS server, on arbitrary bytes (each made to answer
//! the query it is fed to). Reading them may not panic or loop, and a lookup always ends.
#![no_main]
use ifconnect::dns::fuzz_one;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = fuzz_one(data);
});
