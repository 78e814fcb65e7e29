use clap::Parser;
use ifconnect::cli::{self, sip};

fn main() -> std::process::ExitCode {
    let args = sip::Cli::parse();
    cli::run("if-sip", || sip::main(args))
}
