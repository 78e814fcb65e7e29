//! ifconnect: small Unix-style programs for signed, tamper-evident communication between AI agents
//! and the people who oversee them.
//!
//! The shared layers live here: [`message`] (IFMessage v2.1, signing, replay protection), [`keys`]
//! (key files and the trust registry), [`witness`] (the hash-chained, Merkle-checkpointed audit log),
//! [`wrap`] (foreign scanner output to IFMessages), [`http`] (the one HTTP server every page
//! uses), and [`cli`] (plumbing shared by the binaries).

pub mod cli;
pub mod http;
pub mod json;
pub mod jsonl;
pub mod keys;
pub mod message;
pub mod ndi;
pub mod policy;
pub mod sip;
pub mod time;
pub mod witness;
pub mod wrap;
