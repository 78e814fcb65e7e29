use clap::Parser;
use ifconnect::cli::{self, gk};

fn main() -> std::process::ExitCode {
    let args = gk::Cli::parse();
    cli::run("if-gk", || gk::main(args))
}

/// Events are built on the gatekeeper's thread and freed on the writer's: glibc's allocator
/// takes a lock for every such free; mimalloc does not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
