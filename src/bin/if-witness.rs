use clap::Parser;
use ifconnect::cli::{self, witness};

fn main() -> std::process::ExitCode {
    let args = witness::Cli::parse();
    cli::run("if-witness", || witness::main(args))
}
