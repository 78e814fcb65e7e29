use clap::Parser;
use ifconnect::cli::{self, ndi};

fn main() -> std::process::ExitCode {
    let args = ndi::PubCli::parse();
    cli::run("if-ndi-pub", || ndi::publish(args))
}
