use clap::Parser;
use ifconnect::cli::{self, ndi};

fn main() -> std::process::ExitCode {
    let args = ndi::ViewCli::parse();
    cli::run("if-ndi-view", || ndi::view(args))
}
