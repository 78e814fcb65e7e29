use clap::Parser;
use ifconnect::cli::{self, mesh};

fn main() -> std::process::ExitCode {
    let args = mesh::Cli::parse();
    cli::run("if-mesh", || mesh::main(args))
}
