//! Man pages and shell completions are generated from the clap definitions; the checked-in copies
//! must match. `scripts/gen-docs` (IF_BLESS=1) rewrites them.

use clap::CommandFactory;
use std::path::Path;

fn generated() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for cmd in [
        ifconnect::cli::msg::Cli::command(),
        ifconnect::cli::witness::Cli::command(),
        ifconnect::cli::sip::Cli::command(),
        ifconnect::cli::gk::Cli::command(),
        ifconnect::cli::mcu::Cli::command(),
        ifconnect::cli::gw::Cli::command(),
        ifconnect::cli::mesh::Cli::command(),
        ifconnect::cli::ndi::PubCli::command(),
        ifconnect::cli::ndi::ViewCli::command(),
        ifconnect::cli::ndi::BoardCli::command(),
    ] {
        let name = cmd.get_name().to_owned();
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd.clone()).render(&mut page).unwrap();
        files.push((format!("man/{name}.1"), page));
        for sub in cmd.get_subcommands() {
            let sub_name = format!("{name}-{}", sub.get_name());
            let leaked: &'static str = Box::leak(sub_name.clone().into_boxed_str());
            let sub = sub.clone().name(leaked).version(env!("CARGO_PKG_VERSION"));
            let mut page = Vec::new();
            clap_mangen::Man::new(sub).render(&mut page).unwrap();
            files.push((format!("man/{sub_name}.1"), page));
        }
        for (shell, file) in [
            (clap_complete::Shell::Bash, format!("completions/{name}.bash")),
            (clap_complete::Shell::Zsh, format!("completions/_{name}")),
            (clap_complete::Shell::Fish, format!("completions/{name}.fish")),
        ] {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd.clone(), name.clone(), &mut out);
            files.push((file, out));
        }
    }
    files
}

#[test]
fn man_pages_and_completions_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("IF_BLESS").is_some();
    let mut stale = Vec::new();
    for (rel, content) in generated() {
        let path = root.join(&rel);
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &content).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(content.as_slice()) {
            stale.push(rel);
        }
    }
    assert!(stale.is_empty(), "stale generated docs (run scripts/gen-docs): {stale:?}");
}
