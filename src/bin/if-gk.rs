use clap::Parser;
use ifconnect::cli::{self, gk};

fn main() -> std::process::ExitCode {
    let args = gk::Cli::parse();
    cli::run("if-gk", || gk::main(args))
}
