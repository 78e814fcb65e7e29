use clap::Parser;
use ifconnect::cli::{self, mcu};

fn main() -> std::process::ExitCode {
    let args = mcu::Cli::parse();
    cli::run("if-mcu", || mcu::main(args))
}
