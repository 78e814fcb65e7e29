//! Shared fixtures: temp dirs, keys, running the real binaries, and the independent schema check.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const MSG: &str = env!("CARGO_BIN_EXE_if-msg");
pub const WITNESS: &str = env!("CARGO_BIN_EXE_if-witness");

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh directory under cargo's test temp dir, named after the test.
pub fn tmpdir(name: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().filter(|l| !l.is_empty()).collect()
    }

    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.lines()
            .iter()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {l}")))
            .collect()
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "exit {}\n--- stdout\n{}\n--- stderr\n{}", self.code, self.stdout, self.stderr)
    }
}

/// The NDI runtime folder of the project's virtualenv (from ndi-python), found once; `None`
/// without it. Given to every binary a test starts, never set in this process's environment
/// (which the test threads share: setting it while others read it is undefined behaviour).
pub fn ndi_runtime_dir() -> Option<PathBuf> {
    static DIR: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let out = Command::new(python())
            .args(["-c", "import NDIlib, os; print(os.path.dirname(NDIlib.__file__))"])
            .output()
            .ok()?;
        out.status.success().then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
    })
    .clone()
}

/// The environment every binary a test starts gets: no `IF_LOG`, `NO_COLOR`, the NDI runtime.
pub fn scrub(c: &mut Command) -> &mut Command {
    c.env_remove("IF_LOG").env("NO_COLOR", "1");
    if let Some(dir) = ndi_runtime_dir() {
        c.env("NDI_RUNTIME_DIR_V6", dir);
    }
    c
}

fn command(bin: &str, args: &[&str], dir: &Path) -> Command {
    let mut c = Command::new(bin);
    scrub(c.args(args).current_dir(dir));
    c
}

/// Runs a binary with `stdin`, waits, and captures everything.
pub fn run(bin: &str, args: &[&str], dir: &Path, stdin: &str) -> Run {
    let mut child =
        command(bin, args, dir).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.as_bytes().to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out: Output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    };
    assert!(!run.stderr.contains("panicked"), "{bin} panicked: {run:?}");
    run
}

/// Like `run` but insists on exit 0. Schema checks are explicit: pass the output to
/// [`schema_check`] where it must be IFMessages.
pub fn ok(bin: &str, args: &[&str], dir: &Path, stdin: &str) -> Run {
    let r = run(bin, args, dir, stdin);
    assert_eq!(r.code, 0, "{bin} {args:?} failed: {r:?}");
    r
}

pub fn keygen(dir: &Path, agent: &str, file: &str) -> String {
    let r = ok(MSG, &["keygen", "--agent", agent, "-o", file], dir, "");
    r.stdout
}

/// Two agents and a witness with a trust file listing all three.
pub struct Fixture {
    pub dir: PathBuf,
}

impl Fixture {
    pub fn new(name: &str) -> Self {
        let dir = tmpdir(name);
        let mut trust = String::new();
        trust += &keygen(&dir, "if://agent/scanner", "scanner.key");
        trust += &keygen(&dir, "if://agent/reviewer", "reviewer.key");
        trust += &keygen(&dir, "if://agent/witness", "witness.key");
        std::fs::write(dir.join("trust"), trust).unwrap();
        Fixture { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub fn run(&self, bin: &str, args: &[&str], stdin: &str) -> Run {
        run(bin, args, &self.dir, stdin)
    }

    pub fn ok(&self, bin: &str, args: &[&str], stdin: &str) -> Run {
        ok(bin, args, &self.dir, stdin)
    }

    /// Appends `jsonl` to witness log `log` (every message verified against `trust`) and asserts
    /// that the log verifies.
    pub fn witness_log_verifies(&self, log: &str, jsonl: &str) {
        self.ok(WITNESS, &["append", log, "--key", "witness.key", "--trust", "trust"], jsonl);
        assert_eq!(self.run(WITNESS, &["verify", log, "--trust", "trust"], "").code, 0, "{log} does not verify");
    }

    /// `if-msg new` from `key`: an `inform` to `if://agent/x` with `content` (a JSON text).
    pub fn new_message(&self, key: &str, content: &str) -> Run {
        let args =
            ["new", "--key", key, "--performative", "inform", "--receiver", "if://agent/x", "--content", content];
        self.run(MSG, &args, "")
    }

    /// `n` signed messages from `key`, as JSONL.
    pub fn messages(&self, key: &str, n: usize, trace: &str) -> String {
        let input: String = (0..n).map(|i| format!("{{\"event\":\"step\",\"i\":{i}}}\n")).collect();
        let r = self.ok(MSG, &["wrap", "--from", "json", "--key", key, "--trace-id", trace], &input);
        assert_eq!(r.lines().len(), n);
        schema_check(&r.stdout);
        r.stdout
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path(name), text).unwrap()
    }
}

pub fn python_path() -> PathBuf {
    python()
}

fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("IF_PYTHON") {
        return p.into();
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    assert!(
        venv.exists(),
        "the schema validator is missing: run scripts/test (it installs Python jsonschema into .venv)"
    );
    venv
}

/// Runs one of the project's Python checkers (`scripts/NAME`) in the test virtualenv.
fn python_script(name: &str, args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts").join(name))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start python");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

/// Validates every line of `jsonl` against the public IFMessage v2.1 schema with Python's
/// `jsonschema` (an implementation nobody here wrote). Panics with its report on failure.
pub fn schema_check(jsonl: &str) {
    assert!(!jsonl.trim().is_empty(), "nothing to validate");
    let r = python_script("schema_check.py", &[], jsonl);
    assert_eq!(r.code, 0, "schema check failed:\n{}{}\nfor:\n{jsonl}", r.stdout, r.stderr);
}

/// Runs `scripts/second_verifier.py` (an independent Python implementation of docs/formats.md).
pub fn second_verifier(args: &[&str], stdin: &str) -> Run {
    python_script("second_verifier.py", args, stdin)
}

pub const SIP: &str = env!("CARGO_BIN_EXE_if-sip");

/// A background process whose stdout and stderr are collected; killed when dropped.
pub struct Background {
    child: std::process::Child,
    stdout: std::sync::Arc<std::sync::Mutex<String>>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
    readers: Vec<std::thread::JoinHandle<()>>,
    /// Kept open for [`Background::write_line`], when spawned with [`Background::spawn_open`].
    stdin: Option<std::process::ChildStdin>,
}

impl Background {
    /// As [`Background::spawn`], with stdin kept open for [`Background::write_line`] until
    /// [`Background::close_stdin`].
    pub fn spawn_open(bin: &str, args: &[&str], dir: &Path) -> Self {
        Self::spawn_inner(bin, args, dir, Some(""), true)
    }

    pub fn write_line(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("spawned with spawn_open, stdin not closed");
        stdin.write_all(line.trim_end().as_bytes()).unwrap();
        stdin.write_all(b"\n").unwrap();
        stdin.flush().unwrap();
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// SIGKILL, as a crash: nothing of the process gets to run.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn spawn(bin: &str, args: &[&str], dir: &Path) -> Self {
        Self::spawn_with_input(bin, args, dir, None)
    }

    /// As [`Background::spawn`], writing `input` (if any) to stdin and then closing it.
    pub fn spawn_with_input(bin: &str, args: &[&str], dir: &Path, input: Option<&str>) -> Self {
        Self::spawn_inner(bin, args, dir, input, false)
    }

    fn spawn_inner(bin: &str, args: &[&str], dir: &Path, input: Option<&str>, keep_open: bool) -> Self {
        use std::os::unix::process::CommandExt;
        // A process group of its own, so that dropping it stops its workers too (Kamailio's
        // outlived their creator when it alone was signalled).
        let mut child = scrub(Command::new(bin).args(args).current_dir(dir))
            .process_group(0)
            .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {bin}: {e}"));
        let collect = |mut r: Box<dyn std::io::Read + Send>| {
            let buf = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
            let b = buf.clone();
            let reader = std::thread::spawn(move || {
                let mut chunk = [0u8; 4096];
                while let Ok(n) = r.read(&mut chunk) {
                    if n == 0 {
                        break;
                    }
                    b.lock().unwrap().push_str(&String::from_utf8_lossy(&chunk[..n]));
                }
            });
            (buf, reader)
        };
        let (stdout, out_reader) = collect(Box::new(child.stdout.take().unwrap()));
        let (stderr, err_reader) = collect(Box::new(child.stderr.take().unwrap()));
        let kept = if keep_open { child.stdin.take() } else { None };
        if let (Some(mut stdin), Some(input)) = (child.stdin.take(), input) {
            let input = input.to_owned();
            std::thread::spawn(move || {
                use std::io::Write;
                let _ = stdin.write_all(input.as_bytes());
            });
        }
        Background { child, stdout, stderr, readers: vec![out_reader, err_reader], stdin: kept }
    }

    /// The process's id (to find its sockets in /proc).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits (bounded) for a stderr line containing `marker`, and returns that line.
    pub fn wait_stderr(&self, marker: &str, secs: u64) -> Option<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            if let Some(line) = self.stderr().lines().find(|l| l.contains(marker)) {
                return Some(line.to_owned());
            }
            if std::time::Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// Waits for the process to exit (bounded), then returns (exit code, stdout, stderr).
    pub fn finish(mut self, secs: u64) -> (Option<i32>, String, String) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        let code = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status.code(),
                _ if std::time::Instant::now() > deadline => break None,
                _ => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        };
        // The reader threads finish once the pipes close (at exit, unless a grandchild inherited
        // them): join them, bounded by the same deadline.
        if code.is_some() {
            while self.readers.iter().any(|r| !r.is_finished()) && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            for reader in std::mem::take(&mut self.readers) {
                if reader.is_finished() {
                    reader.join().unwrap();
                }
            }
        }
        (code, self.stdout(), self.stderr())
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits (bounded) until stdout has at least `n` lines.
    pub fn wait_lines(&self, n: usize, secs: u64) -> Vec<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let lines: Vec<String> = self.stdout().lines().map(String::from).collect();
            if lines.len() >= n || std::time::Instant::now() > deadline {
                return lines;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let pgid = format!("-{}", self.child.id());
        let group = |signal: &str| {
            let _ = Command::new("kill").args([signal, "--", &pgid]).stderr(Stdio::null()).status();
        };
        if !matches!(self.child.try_wait(), Ok(Some(_))) {
            // SIGTERM first: servers such as Kamailio stop their worker processes on it.
            group("-TERM");
            for _ in 0..40 {
                if matches!(self.child.try_wait(), Ok(Some(_))) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
        // Whatever of the group is left (the process itself, or workers it left behind).
        group("-KILL");
        let _ = self.child.wait();
    }
}

/// A port that is free for both UDP and TCP on 127.0.0.1 right now: the OS picks it (bind to 0),
/// then the sockets are closed for a peer (SIPp, Kamailio) that needs its port on the command
/// line. A port is handed out once per test process, so parallel tests never get the same one.
pub fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    for _ in 0..50 {
        let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let port = udp.local_addr().unwrap().port();
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_err() {
            continue;
        }
        let mut given = GIVEN.lock().unwrap();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
    panic!("no port free for both UDP and TCP after 50 tries");
}

/// Whether `/proc/net/{table}` (and its IPv6 twin) has a socket on local `port`; for TCP only a
/// listening one (state 0A) counts.
fn proc_net_has(table: &str, port: u16) -> bool {
    let want = format!(":{port:04X}");
    [table.to_owned(), format!("{table}6")].iter().any(|t| {
        // The calling thread's namespace (a test may have one of its own), not the process's.
        std::fs::read_to_string(format!("/proc/thread-self/net/{t}")).unwrap_or_default().lines().skip(1).any(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            cols.len() > 3 && cols[1].ends_with(&want) && (table == "udp" || cols[3] == "0A")
        })
    })
}

fn wait_for_proc_net(table: &str, port: u16, secs: u64) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while !proc_net_has(table, port) {
        assert!(std::time::Instant::now() < deadline, "nothing bound {table} port {port} within {secs} s");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Waits (at most `secs`) until a UDP socket is bound to local `port`, as the kernel reports it:
/// no probe packet that the peer would have to handle.
pub fn wait_for_udp_bound(port: u16, secs: u64) {
    wait_for_proc_net("udp", port, secs)
}

/// Waits (at most `secs`) until a TCP socket listens on local `port`, without connecting to it.
pub fn wait_for_tcp_listening(port: u16, secs: u64) {
    wait_for_proc_net("tcp", port, secs)
}

/// A Python peer from `scripts/` speaking JSON lines: commands to its stdin, one JSON object a
/// line from its stdout, read on a thread of its own so that a wait is always bounded.
pub struct JsonPeer {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    lines: std::sync::mpsc::Receiver<serde_json::Value>,
}

impl JsonPeer {
    /// Starts `scripts/SCRIPT ARGS...` and waits (at most `ready_secs`) for its first line, its
    /// `{"ready": ...}`, which it returns.
    pub fn start(script: &str, args: &[&std::ffi::OsStr], ready_secs: u64) -> (JsonPeer, serde_json::Value) {
        use std::io::BufRead;
        let mut cmd = Command::new(python_path());
        cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts").join(script)).args(args);
        let mut child = scrub(&mut cmd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("start {script}: {e}"));
        let stdin = child.stdin.take().unwrap();
        let out = std::io::BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                let v: serde_json::Value =
                    serde_json::from_str(&line).unwrap_or_else(|e| panic!("peer wrote {line:?}: {e}"));
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let ready = lines
            .recv_timeout(std::time::Duration::from_secs(ready_secs))
            .unwrap_or_else(|_| panic!("{script}: no ready line in {ready_secs} s"));
        assert!(ready.get("ready").is_some(), "{script}: {ready}");
        (JsonPeer { child, stdin, lines }, ready)
    }

    pub fn send(&mut self, cmd: &serde_json::Value) {
        writeln!(self.stdin, "{cmd}").unwrap();
        self.stdin.flush().unwrap();
    }

    /// The next line, if one comes within `wait`.
    pub fn next(&mut self, wait: std::time::Duration) -> Option<serde_json::Value> {
        self.lines.recv_timeout(wait).ok()
    }
}

impl Drop for JsonPeer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where Debian's Janus keeps its plugins and transports.
pub const JANUS_LIB: &str = "/usr/lib/x86_64-linux-gnu/janus";

/// The Janus modules of `kind` (`plugins`, `transports`) other than `keep`, comma-separated: a
/// private Janus config's `disable` list, so that only the one module a test needs loads.
pub fn janus_modules_except(kind: &str, keep: &str) -> String {
    let mut names: Vec<String> = std::fs::read_dir(std::path::Path::new(JANUS_LIB).join(kind))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("libjanus_") && n.ends_with(".so") && n != keep)
        .collect();
    names.sort();
    names.join(",")
}

/// Test certificates made by the `openssl` CLI in `dir`: a CA (`ca.pem`), a server certificate
/// it signed for 127.0.0.1 and localhost (`server.pem`, key `server.key`), and a self-signed one
/// for the same names that the CA does not vouch for (`rogue.pem`, `rogue.key`). Keys 0600.
pub fn test_certificates(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl").args(args).current_dir(dir).output().expect("openssl runs");
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    let names = "subjectAltName=IP:127.0.0.1,DNS:localhost";
    openssl(
        &[
            &["req", "-x509"][..],
            &ec,
            &["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=ifconnect test CA"],
        ]
        .concat(),
    );
    std::fs::write(
        dir.join("server.ext"),
        format!("{names}\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n"),
    )
    .unwrap();
    openssl(&[&["req"][..], &ec, &["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]].concat());
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "server.pem",
    ]);
    let rogue = [
        "-keyout",
        "rogue.key",
        "-out",
        "rogue.pem",
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        names,
        "-addext",
        "basicConstraints=critical,CA:FALSE",
    ];
    openssl(&[&["req", "-x509"][..], &ec, &rogue].concat());
    for key in ["ca.key", "server.key", "rogue.key"] {
        std::fs::set_permissions(dir.join(key), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}
