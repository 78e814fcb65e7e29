//! Audit loss is never silent: when a server's event stream (stdout) dies, it stops admitting
//! work, finishes what is in flight, says so and exits 3; `--on-audit-loss continue` serves on.
//! The proxy is driven by raw UDP sockets standing in for the caller and the callee.

use crate::common::*;
use std::io::{BufRead, BufReader};
use std::net::UdpSocket;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn request(method: &str, pp: u16, local: u16, branch: &str, max_forwards: u32) -> String {
    format!(
        "{method} sip:svc@127.0.0.1:{pp} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bK{branch}\r\n\
         Max-Forwards: {max_forwards}\r\nFrom: <sip:a@127.0.0.1>;tag={branch}\r\nTo: <sip:svc@127.0.0.1>\r\n\
         Call-ID: {branch}@127.0.0.1\r\nCSeq: 1 {method}\r\nContact: <sip:a@127.0.0.1:{local}>\r\nContent-Length: 0\r\n\r\n"
    )
}

/// The first message received on `sock` whose status (or method) satisfies `want`.
fn receive(sock: &UdpSocket, want: impl Fn(&ifconnect::sip::SipMessage) -> bool) -> ifconnect::sip::SipMessage {
    sock.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut buf = [0u8; 65536];
    loop {
        let (n, _) = sock.recv_from(&mut buf).expect("no SIP message within 10 s");
        let m = ifconnect::sip::parse(&buf[..n]).unwrap();
        if want(&m) {
            return m;
        }
    }
}

struct Proxy {
    child: std::process::Child,
    port: u16,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Proxy {
    fn start(f: &Fixture, route_port: u16, extra: &[&str]) -> (Self, std::process::ChildStdout) {
        let route = format!("sip:127.0.0.1:{route_port}");
        let mut args = vec!["proxy", "--listen", "127.0.0.1:0", "--key", "scanner.key", "--route", &route];
        args.extend_from_slice(extra);
        let mut child = Command::new(SIP)
            .args(&args)
            .current_dir(&f.dir)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let stderr = stderr.clone();
            let pipe = child.stderr.take().unwrap();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    if let Some(addr) = line.split("listening on ").nth(1) {
                        let _ = tx.send(addr.split(' ').next().unwrap_or("").to_owned());
                    }
                    stderr.lock().unwrap().push_str(&(line + "\n"));
                }
            });
        }
        let addr: std::net::SocketAddr =
            rx.recv_timeout(Duration::from_secs(10)).expect("the proxy never said where it listens").parse().unwrap();
        (Proxy { child, port: addr.port(), stderr }, stdout)
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn wait_stderr(&self, marker: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.stderr().contains(marker) {
            assert!(Instant::now() < deadline, "no `{marker}` on stderr:\n{}", self.stderr());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn exit_code(&mut self, secs: u64) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn proxy_whose_event_stream_dies_stops_admitting_drains_and_exits_3() {
    let f = Fixture::new("audit-loss-proxy");
    let callee = UdpSocket::bind("127.0.0.1:0").unwrap();
    let caller = UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = caller.local_addr().unwrap().port();
    let (mut proxy, stdout) = Proxy::start(&f, callee.local_addr().unwrap().port(), &[]);
    let pp = proxy.port;
    let to_proxy = |text: String| caller.send_to(text.as_bytes(), ("127.0.0.1", pp)).unwrap();
    // One transaction on the record; then the reader of the events goes away (`| head -1`).
    to_proxy(request("OPTIONS", pp, local, "one", 0));
    assert_eq!(receive(&caller, |m| m.status().is_some()).status(), Some(483));
    let mut events = BufReader::new(stdout);
    let mut first = String::new();
    events.read_line(&mut first).unwrap();
    assert!(first.contains("\"sip.transaction\""), "{first}");
    drop(events);
    // A call in flight, then a transaction whose event can no longer be written.
    to_proxy(request("INVITE", pp, local, "call", 70));
    let invite = receive(&callee, |m| m.method() == Some("INVITE"));
    to_proxy(request("OPTIONS", pp, local, "two", 0));
    assert_eq!(receive(&caller, |m| m.status().is_some_and(|s| s >= 200)).status(), Some(483));
    proxy.wait_stderr("event stream lost");
    // No new work is admitted...
    to_proxy(request("OPTIONS", pp, local, "three", 0));
    let refused = receive(&caller, |m| m.status().is_some_and(|s| s >= 200));
    assert_eq!(refused.status(), Some(503), "{refused}");
    assert_eq!(proxy.exit_code(0), None, "the call in flight is finished first");
    // ...but the call in flight is: its answer still reaches the caller, and the caller's ACK
    // the callee; then the proxy stops.
    let mut ok = invite.reply(200, "OK");
    ok.headers.iter_mut().filter(|h| h.name == "To").for_each(|h| h.value.push_str(";tag=callee"));
    callee.send_to(&ok.to_bytes(), ("127.0.0.1", pp)).unwrap();
    assert_eq!(receive(&caller, |m| m.status() == Some(200)).call_id(), Some("call@127.0.0.1"));
    assert_eq!(proxy.exit_code(0), None, "the call is not set up until its ACK is through");
    let ack = request("ACK", pp, local, "callack", 70)
        .replace("Call-ID: callack@", "Call-ID: call@")
        .replace("To: <sip:svc@127.0.0.1>", "To: <sip:svc@127.0.0.1>;tag=callee");
    to_proxy(ack);
    assert_eq!(receive(&callee, |m| m.method() == Some("ACK")).call_id(), Some("call@127.0.0.1"));
    assert_eq!(proxy.exit_code(10), Some(3), "{}", proxy.stderr());
    let stderr = proxy.stderr();
    assert!(stderr.contains("stopped admitting work"), "{stderr}");
}

#[test]
fn proxy_told_to_continue_serves_on_unrecorded_and_says_so() {
    let f = Fixture::new("audit-loss-continue");
    let callee = UdpSocket::bind("127.0.0.1:0").unwrap();
    let caller = UdpSocket::bind("127.0.0.1:0").unwrap();
    let local = caller.local_addr().unwrap().port();
    let (mut proxy, stdout) = Proxy::start(&f, callee.local_addr().unwrap().port(), &["--on-audit-loss", "continue"]);
    let pp = proxy.port;
    drop(stdout);
    caller.send_to(request("OPTIONS", pp, local, "one", 0).as_bytes(), ("127.0.0.1", pp)).unwrap();
    assert_eq!(receive(&caller, |m| m.status().is_some()).status(), Some(483));
    proxy.wait_stderr("events are NOT being recorded");
    // Still routing: a new request is forwarded to the callee, not refused.
    caller.send_to(request("MESSAGE", pp, local, "two", 70).as_bytes(), ("127.0.0.1", pp)).unwrap();
    assert_eq!(receive(&callee, |m| m.method().is_some()).method(), Some("MESSAGE"));
    assert_eq!(proxy.exit_code(0), None);
}
