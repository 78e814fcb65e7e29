//! The dependency rules of docs/architecture.md, checked on the source tree (`src/`):
//! (a) only `src/cli/` and `src/bin/` use the CLI plumbing (`crate::cli`, `ifconnect::cli`);
//! (b) a protocol module does not import another (except where [`ALLOWED`] says so);
//! (c) the shared layers (everything that is not a protocol, `tools`, `cli` or a binary:
//!     [`SHARED`]) import no protocol module;
//! (d) only `src/cli/` and `src/bin/` use clap;
//! (e) an error shows its cause in its text or returns it as `source()`, never both
//!     ([`doubled_causes`]), so a chain printed in full says each cause once.
//! A violation is reported as `file:line: rule: text`.

use std::path::{Path, PathBuf};

/// The protocol modules, present and planned.
const PROTOCOLS: &[&str] = &["sip", "ndi", "h323", "mesh", "gw"];
/// Protocol imports that are allowed: the gateway joins SIP and H.323.
const ALLOWED: &[(&str, &str)] = &[("gw", "sip"), ("gw", "h323")];
/// Shared layers that must not know any protocol.
const SHARED: &[&str] = &[
    "policy",
    "witness",
    "message",
    "keys",
    "json",
    "jsonl",
    "time",
    "inbox",
    "parallel",
    "wrap",
    "pipeline",
    "http",
    "udp",
    "media",
    "websocket",
    "dns",
];

/// FIXME(lead): known violations being fixed elsewhere, as (file, rule). Empty this list as they
/// go; an entry that no longer matches a violation fails the test, so it cannot go stale.
const KNOWN: &[(&str, &str)] = &[];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/sip/proxy.rs` -> ["sip", "proxy"]; `src/sip/mod.rs` -> ["sip"]; `src/lib.rs` -> [].
fn module_path(rel: &str) -> Vec<String> {
    let rel = rel.strip_prefix("src/").unwrap().strip_suffix(".rs").unwrap();
    let mut parts: Vec<String> = rel.split('/').map(String::from).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// Whether `line` contains `prefix` followed by the module name `name` as a whole path segment,
/// either directly (`crate::sip::Uri`) or in a use group (`crate::{json, sip}`).
fn names_module(line: &str, prefix: &str, name: &str) -> bool {
    line.match_indices(prefix).any(|(i, _)| {
        let rest = &line[i + prefix.len()..];
        let segment_is = |s: &str| {
            s.strip_prefix(name).is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
        };
        if segment_is(rest) {
            return true;
        }
        rest.strip_prefix('{')
            .is_some_and(|group| group.split('}').next().unwrap_or("").split(',').any(|item| segment_is(item.trim())))
    })
}

/// The ways a file in module `path` can name top-level module `name`.
fn imports(path: &[String], line: &str, name: &str) -> bool {
    let to_root = "super::".repeat(path.len());
    names_module(line, "crate::", name)
        || names_module(line, "ifconnect::", name)
        || (!path.is_empty() && names_module(line, &to_root, name))
}

/// The lines of `text` with each `use` statement joined into one, whatever rustfmt split it
/// into, so a name in a multi-line group is seen: (index of its first line, text).
fn statements(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some((start, mut joined)) = pending.take() {
            joined.push_str(line.trim());
            if line.trim_end().ends_with(';') {
                out.push((start, joined));
            } else {
                pending = Some((start, joined));
            }
            continue;
        }
        let t = line.trim_start();
        let is_use = t.starts_with("use ") || t.starts_with("pub use ") || t.starts_with("pub(crate) use ");
        if is_use && !line.trim_end().ends_with(';') {
            pending = Some((i, line.trim().to_owned()));
        } else {
            out.push((i, line.to_owned()));
        }
    }
    out.extend(pending);
    out
}

/// Every violation in the tree, as (file, rule, line number, text).
fn violations() -> Vec<(String, &'static str, usize, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 20, "the source tree was not found");
    let mut found = Vec::new();
    for file in files {
        let rel = file.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let module = module_path(&rel);
        let top = module.first().map(String::as_str).unwrap_or("");
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in statements(&text) {
            let line = line.as_str();
            let mut hit = |rule| found.push((rel.clone(), rule, i + 1, line.trim().to_owned()));
            if !matches!(top, "cli" | "bin") && imports(&module, line, "cli") {
                hit("cli");
            }
            if !matches!(top, "cli" | "bin") && (line.contains("clap::") || line.trim_start().starts_with("use clap")) {
                hit("clap");
            }
            for other in PROTOCOLS.iter().filter(|p| **p != top) {
                if !imports(&module, line, other) {
                    continue;
                }
                if PROTOCOLS.contains(&top) && !ALLOWED.contains(&(top, *other)) {
                    hit("protocol");
                }
                if SHARED.contains(&top) {
                    hit("shared");
                }
            }
        }
    }
    found
}

#[test]
fn dependency_rules_hold_in_the_source_tree() {
    let all = violations();
    let report = |v: &[&(String, &str, usize, String)]| {
        v.iter()
            .map(|(file, rule, line, text)| {
                let why = match *rule {
                    "cli" => "only src/cli/ and src/bin/ may use the CLI plumbing",
                    "protocol" => "a protocol module imports another protocol module",
                    "clap" => "clap belongs to src/cli/: the library's enums get ValueEnum there (value_enum!)",
                    _ => "the shared layers must not import a protocol module",
                };
                format!("{file}:{line}: {why}: {text}")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let new: Vec<_> = all.iter().filter(|(f, r, _, _)| !KNOWN.contains(&(f.as_str(), *r))).collect();
    assert!(new.is_empty(), "dependency rules broken:\n{}", report(&new));
    for (file, rule) in KNOWN {
        assert!(
            all.iter().any(|(f, r, _, _)| f == file && r == rule),
            "{file} ({rule}) is fixed: remove it from KNOWN in tests/architecture.rs"
        );
    }
}

#[test]
fn the_rule_checker_sees_each_kind_of_import() {
    let sip_proxy = module_path("src/sip/proxy.rs");
    assert_eq!(sip_proxy, ["sip", "proxy"]);
    assert_eq!(module_path("src/ndi/mod.rs"), ["ndi"]);
    assert!(imports(&sip_proxy, "use crate::ndi::card;", "ndi"));
    assert!(imports(&sip_proxy, "let x = super::super::ndi::f();", "ndi"));
    assert!(imports(&sip_proxy, "use crate::{json, ndi};", "ndi"));
    assert!(imports(&sip_proxy, "ifconnect::cli::progress_bar()", "cli"));
    assert!(imports(&module_path("src/policy/mod.rs"), "use super::sip::Uri;", "sip"));
    // A group that rustfmt split over several lines is one statement.
    let split = "use crate::{\n    json,\n    ndi::card,\n};\nfn f() {}\n";
    let joined = statements(split);
    assert_eq!(joined[0].0, 0);
    assert!(imports(&sip_proxy, &joined[0].1, "ndi"), "{joined:?}");
    assert_eq!(joined[1].1, "fn f() {}");
    // Not imports of `ndi`: a longer name, a sibling submodule, the module's own children.
    assert!(!imports(&sip_proxy, "use crate::ndiff;", "ndi"));
    assert!(!imports(&sip_proxy, "use super::ndi;", "ndi"));
    assert!(!imports(&sip_proxy, "use crate::sip::message;", "ndi"));
}

/// The fields of the error variant (or struct) in `item` that `source()` returns, as thiserror
/// picks them: marked `#[source]` or `#[from]`, or named `source`; tuple fields by index.
fn source_fields(item: &str) -> Vec<String> {
    let Some(open) = item.find(['(', '{']) else { return Vec::new() };
    let tuple = item[open..].starts_with('(');
    let body = &item[open + 1..];
    // Split the fields at depth 0 (types may hold `<...>`, `(...)` and `[...]`).
    let (mut fields, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (i, c) in body.char_indices() {
        match c {
            '(' | '{' | '[' | '<' => depth += 1,
            ')' | '}' | ']' | '>' if depth == 0 => {
                fields.push(&body[start..i]);
                break;
            }
            ')' | '}' | ']' | '>' => depth -= 1,
            ',' if depth == 0 => {
                fields.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let marked = field.contains("#[source]") || field.contains("#[from]");
        let plain = field.replace("#[source]", "").replace("#[from]", "");
        let name = if tuple { i.to_string() } else { plain.split(':').next().unwrap_or("").trim().replace("pub ", "") };
        if marked || (!tuple && name == "source") {
            out.push(name);
        }
    }
    out
}

/// Errors (thiserror `#[error("...")]`) whose text shows a field that is also their `source()`:
/// printed as a chain (`{:#}`, what every binary does) the cause then appears twice, as in
/// `missing: No such file or directory (os error 2): No such file or directory (os error 2)`.
/// As (line index, text).
fn doubled_causes(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let Some(rest) = t.strip_prefix("#[error(\"") else { continue };
        let format = rest.rsplit_once("\")]").map_or(rest, |(f, _)| f);
        // The item the attribute is on: the next lines that are not attributes or comments,
        // joined until its brackets close.
        let mut item = String::new();
        let mut depth = 0i32;
        for next in lines[i + 1..].iter().map(|l| l.trim()) {
            if item.is_empty() && (next.starts_with("#[") || next.starts_with("//")) {
                continue;
            }
            item.push_str(next);
            item.push(' ');
            depth += next.matches(['(', '{']).count() as i32 - next.matches([')', '}']).count() as i32;
            if depth <= 0 {
                break;
            }
        }
        let shown = |name: &str| format.contains(&format!("{{{name}}}")) || format.contains(&format!("{{{name}:"));
        if source_fields(&item).iter().any(|f| shown(f)) {
            found.push((i, t.to_owned()));
        }
    }
    found
}

#[test]
fn errors_say_their_cause_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut report = Vec::new();
    for file in files {
        let rel = file.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        for (i, text) in doubled_causes(&std::fs::read_to_string(&file).unwrap()) {
            report.push(format!("{rel}:{}: shows its source in its text, so a chain says it twice: {text}", i + 1));
        }
    }
    assert!(
        report.is_empty(),
        "either show the cause (a field that is not a source) or make it the source, not both:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_cause_checker_sees_each_way_to_double_a_cause() {
    let doubled = [
        "#[error(\"{path}: {source}\")]\n    Io { path: PathBuf, source: std::io::Error },",
        "#[error(\"untrusted: {0}\")]\n    Untrusted(#[from] TrustError),",
        "#[error(\"{0}\")]\n    Io(#[from] io::Error),",
        "#[error(\"reading {path}: {err}\")]\n    Read {\n        path: PathBuf,\n        #[source]\n        err: io::Error,\n    },",
        "/// doc\n#[error(\"bad: {0:?}\")]\n#[non_exhaustive]\npub struct Bad(#[source] pub Inner);",
    ];
    for case in doubled {
        assert_eq!(doubled_causes(case).len(), 1, "{case}");
    }
    let fine = [
        "#[error(transparent)]\n    Keys(#[from] crate::keys::Error),",
        "#[error(\"{path}: {error}\")]\n    Io { path: PathBuf, error: std::io::Error },",
        "#[error(\"reading stdin\")]\n    Stdin(#[source] std::io::Error),",
        "#[error(\"untrusted: {0}\")]\n    Untrusted(TrustError),",
        "#[error(\"{path}: {reason}\")]\n    Parse { path: PathBuf, source: Inner, reason: String },",
    ];
    for case in fine {
        assert_eq!(doubled_causes(case), [], "{case}");
    }
}
