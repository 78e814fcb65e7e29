use clap::Parser;
use ifconnect::cli::{self, ndi};

fn main() -> std::process::ExitCode {
    let args = ndi::BoardCli::parse();
    cli::run("if-ndi-board", || ndi::board(args))
}
