//! ifconnect: small Unix-style programs for signed, tamper-evident communication between AI agents
//! and the people who oversee them.
//!
//! Layers, bottom up (the rules between them are in `docs/architecture.md`, checked by
//! `tests/architecture.rs`):
//! - message and keys: [`message`] (IFMessage v2.1, signing, replay protection, the [`Event`]
//!   trait), [`keys`] (key files and the trust registry), [`json`], [`jsonl`], [`time`],
//!   [`inbox`] (the one way loops wait), [`parallel`];
//! - witness and policy: [`witness`] (the hash-chained, Merkle-checkpointed audit log), [`policy`]
//!   (IF.guard, protocol-neutral), [`wrap`] (foreign scanner output to message specs);
//! - protocols, each a sans-IO core with its drivers: [`sip`], [`ndi`], [`h323`], [`mesh`], and
//!   [`gw`], the SIP–H.323 gateway (the one module using two); and [`http`], the one HTTP server
//!   every page uses;
//! - [`pipeline`]: stdin lines, verify-or-reject, the event writer and the audit-loss rule;
//! - [`tools`]: what each binary does, on the pipeline layer and one protocol's drivers;
//! - [`cli`]: argument parsing for the binaries in `src/bin/`, calling [`tools`].
//!
//! [`Event`]: message::Event

pub mod cli;
pub mod dns;
pub mod gw;
pub mod h323;
pub mod http;
pub mod inbox;
pub mod json;
pub mod jsonl;
pub mod keys;
pub mod media;
pub mod mesh;
pub mod message;
pub mod ndi;
pub mod parallel;
pub mod pipeline;
pub mod policy;
pub mod sip;
pub mod time;
pub mod tools;
pub mod udp;
pub mod websocket;
pub mod witness;
pub mod wrap;
