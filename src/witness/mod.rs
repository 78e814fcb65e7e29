//! The witness: a hash-chained, signed, Merkle-checkpointed audit log of IFMessages.
//!
//! - `log`: record format and the sequential checks (chain, tree, checkpoints);
//! - `merkle`: RFC 6962 hashing and proofs; `note`: C2SP signed notes and checkpoints;
//! - `canonical`: the verifier's fast path for entry lines already in canonical form;
//! - `store`: the file (locking, appending, repair); `verify`: parallel full verification;
//! - `proof`: inclusion/consistency proofs; `query`: trace, cost, export.

pub mod audit;
pub mod audit_report;
pub mod canonical;
pub mod dedup;
pub mod log;
pub mod merkle;
pub mod note;
pub mod proof;
pub mod query;
pub mod store;
pub mod verify;

pub use log::{LogError, LogErrorKind};
pub use store::{Appended, CheckpointPolicy, Repair, Store, StoreError};
pub use verify::{verify_log, VerifyOptions, VerifyReport};
