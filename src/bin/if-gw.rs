use clap::Parser;
use ifconnect::cli::{self, gw};

fn main() -> std::process::ExitCode {
    let args = gw::Cli::parse();
    cli::run("if-gw", || gw::main(args))
}
