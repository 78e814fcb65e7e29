//! One integration test binary (as ripgrep does): the real binaries, run in temp dirs.

mod architecture;
mod audit_loss;
mod common;
mod docs_sync;
mod escalate;
mod fuzz_replay;
mod gk;
mod gw;
mod hostile;
mod limits;
mod mcu;
mod mesh;
mod msg;
mod ndi;
mod sip;
mod vectors;
mod witness;
