//! One integration test binary (as ripgrep does): the real binaries, run in temp dirs.

mod common;
mod msg;
mod witness;
