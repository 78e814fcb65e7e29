//! One integration test binary (as ripgrep does): the real binaries, run in temp dirs.

mod audit_loss;
mod common;
mod docs_sync;
mod hostile;
mod msg;
mod ndi;
mod sip;
mod vectors;
mod witness;
