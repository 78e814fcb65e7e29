use clap::Parser;
use ifconnect::cli::{self, msg};

fn main() -> std::process::ExitCode {
    let args = msg::Cli::parse();
    cli::run("if-msg", || msg::main(args))
}
