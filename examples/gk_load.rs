//! ARQ load for `scripts/bench gk`: starts `if-gk serve` (its events to a file), registers
//! ENDPOINTS endpoints, each from its own UDP socket and with its own trusted key, then has them
//! ask admission for ARQS calls between each other, every ARQ signed and carrying the same
//! signed call description (every gate on). Each endpoint keeps one request outstanding, so up
//! to ENDPOINTS are in flight; the requests go out from one thread on one epoll set. Prints one
//! JSON object: the ARQ rate, the CPU of the gatekeeper (per thread), of this load and of the
//! whole machine, lost decisions (an ARQ unanswered, or an answer without its event), and,
//! measured in the same run, the core's and the event's cost per ARQ in-process, this machine's
//! rate of event signing and rasn's decode time of the same ARQ. The events are written to a
//! file in WORK_DIR.
//!
//! `cargo run --release --example gk_load -- IF_GK_BIN WORK_DIR [ENDPOINTS] [ARQS]`

use ifconnect::h323::ras;
use ifconnect::h323::requests::{self, Admission, Registration, Signer};
use ifconnect::keys::{self, SecretKey};
use ifconnect::message::{MessageFactory, MessageSpec, Performative};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks: f64 = fields.get(11).and_then(|u| u.parse::<f64>().ok()).unwrap_or(0.0)
        + fields.get(12).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    ticks / 100.0
}

/// The machine's CPU time so far, (busy, all), in ticks, from /proc/stat.
fn machine_ticks() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let ticks: Vec<u64> =
        stat.lines().next().unwrap_or("").split_whitespace().skip(1).filter_map(|t| t.parse().ok()).collect();
    let all: u64 = ticks.iter().take(8).sum();
    let idle = ticks.get(3).copied().unwrap_or(0) + ticks.get(4).copied().unwrap_or(0);
    (all - idle, all)
}

/// CPU seconds of each thread of process `pid`, by thread name.
fn thread_cpu_seconds(pid: u32) -> Vec<(String, f64)> {
    let Ok(dir) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return Vec::new() };
    let mut threads: Vec<(String, f64)> = dir
        .filter_map(|e| {
            let tid: u32 = e.ok()?.file_name().to_str()?.parse().ok()?;
            let name = std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/comm")).ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/stat")).ok()?;
            let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
            let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
            Some((name.trim().to_owned(), ticks / 100.0))
        })
        .collect();
    threads.sort_by(|a, b| a.0.cmp(&b.0));
    threads
}

fn unix_s() -> u32 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as u32
}

/// Sends `bytes` (a request with requestSeqNum `seq`) and waits for the answer with the same requestSeqNum, sending again every
/// 3 s, three tries in all (H.225.0). `None`: unanswered.
async fn ask(sock: &tokio::net::UdpSocket, gk: SocketAddr, seq: u16, bytes: &[u8]) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; 4096];
    for _ in 0..3 {
        sock.send_to(bytes, gk).await.ok()?;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(3);
        while let Ok(Ok((n, _))) = tokio::time::timeout_at(deadline, sock.recv_from(&mut buf)).await {
            if let Ok(m) = ras::decode(&buf[..n]) {
                if ras::request_seq_num(&m) == seq && ras::kind(&m) != "requestInProgress" {
                    return Some(buf[..n].to_vec());
                }
            }
        }
    }
    None
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let gk_bin = &args[1];
    let work = Path::new(&args[2]);
    let endpoints: usize = args.get(3).map_or(1000, |a| a.parse().unwrap());
    let arqs: usize = args.get(4).map_or(100_000, |a| a.parse().unwrap());
    std::fs::create_dir_all(work).unwrap();

    // Keys: the gatekeeper's, the scanner that signs the call description, one per endpoint.
    let gk_key = SecretKey::from_seed("if://agent/gk", [1; 32]).unwrap();
    let _ = std::fs::remove_file(work.join("gk.key"));
    let _ = std::fs::remove_file(work.join("gk.key.pub"));
    gk_key.write_files(&work.join("gk.key"), true).unwrap();
    let scanner = SecretKey::from_seed("if://agent/yologuard", [2; 32]).unwrap();
    let keys: Vec<SecretKey> = (0..endpoints)
        .map(|i| {
            let mut seed = [3u8; 32];
            seed[..8].copy_from_slice(&(i as u64).to_le_bytes());
            SecretKey::from_seed(&format!("if://agent/guardian-{i:04}"), seed).unwrap()
        })
        .collect();
    let mut trust = format!("{} {}\n", scanner.agent, keys::encode_public(&scanner.verifying()));
    for k in &keys {
        trust += &format!("{} {}\n", k.agent, keys::encode_public(&k.verifying()));
    }
    std::fs::write(work.join("trust"), trust).unwrap();
    // Keys that sign go through files in WORK: a factory keeps its sequence numbers beside its key.
    scanner.write_files(&work.join("scanner.key"), true).unwrap();
    let mut factory = MessageFactory::new(SecretKey::load(&work.join("scanner.key")).unwrap(), 64);
    let mut spec =
        MessageSpec::new(Performative::Inform, "if://agent/council", ifconnect::message::default_scope("bench"));
    spec.content.insert("finding".into(), "synthetic finding for the benchmark".into());
    spec.trace_id = Some("00000000beef".into());
    let description = ifconnect::json::canonical(&factory.build(spec, ifconnect::time::now_millis()).unwrap());

    // The gatekeeper, room for every call: this measures admission, not the limits.
    let events_path = work.join("events.jsonl");
    let mut gk = Command::new(gk_bin)
        .args(["serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust"])
        .args(["--max-endpoints", &(endpoints + 10).to_string(), "--max-calls", &(arqs + 10).to_string()])
        .args(["--total-bandwidth", "4000000000", "--endpoint-bandwidth", "4000000000", "--call-check", "0"])
        .current_dir(work)
        .env("IF_LOG", std::env::var("IF_LOG").unwrap_or("warn".into()))
        .stdout(std::fs::File::create(&events_path).unwrap())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start if-gk");
    // `listening on ADDR` is logged at info; with IF_LOG=warn, find the port in /proc instead.
    let pid = gk.id();
    let gk_addr = wait_for_udp_port(pid);

    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let description = std::sync::Arc::new(description);
    let keys = std::sync::Arc::new(keys);
    let (registered, admitted, unanswered, refused, elapsed, cpu, core_us) = rt.block_on(async {
        let mut socks = Vec::new();
        for _ in 0..endpoints {
            socks.push(std::sync::Arc::new(tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap()));
        }
        // Register everyone (not timed).
        let mut ids = Vec::new();
        for (i, sock) in socks.iter().enumerate() {
            let local = sock.local_addr().unwrap();
            let alias = format!("guardian-{i:04}");
            let k = &keys[i];
            let s =
                Signer { key: &k.signing, agent: &k.agent, gatekeeper: "if-gk", timestamp: unix_s(), random: i as u64 };
            let r = Registration {
                seq: 1,
                aliases: &[&alias],
                ras_address: local,
                call_signal: local,
                ttl_s: Some(3600),
                gatekeeper: Some("if-gk"),
                mc: false,
            };
            let answer = ask(sock, gk_addr, 1, &requests::rrq(&r, Some(&s)).unwrap()).await.expect("an RCF");
            let ras::RasMessage::registrationConfirm(rcf) = ras::decode(&answer).unwrap() else {
                panic!("registration refused")
            };
            ids.push(ras::text(&rcf.endpoint_identifier.0));
        }
        // Every ARQ signed before the clock starts: the gatekeeper's work is measured, not ours.
        let per = arqs / endpoints;
        let mut batches: Vec<Vec<(u16, Vec<u8>)>> = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            let k = &keys[i];
            let dest = format!("guardian-{:04}", (i + 1) % endpoints);
            let alias = format!("guardian-{i:04}");
            let batch = (0..per)
                .map(|j| {
                    let mut call = [0u8; 16];
                    call[..8].copy_from_slice(&((i * per + j) as u64).to_le_bytes());
                    let a = Admission {
                        seq: (j + 2) as u16,
                        endpoint: id,
                        source_alias: &alias,
                        destination: Some(&dest),
                        bandwidth: 1280,
                        call_id: call,
                        conference_id: call,
                        call_reference: (j % 0x7fff + 1) as u16,
                        answer_call: false,
                        gatekeeper: "if-gk",
                        description: Some(description.as_slice()),
                    };
                    let s = Signer {
                        key: &k.signing,
                        agent: &k.agent,
                        gatekeeper: "if-gk",
                        timestamp: unix_s(),
                        random: (j + 1000) as u64,
                    };
                    (a.seq, requests::arq(&a, Some(&s)).unwrap())
                })
                .collect();
            batches.push(batch);
        }
        std::fs::write(work.join("sample-arq.ras"), &batches[0][0].1).unwrap();
        let core_us = core_cost(&keys, &socks.iter().map(|s| s.local_addr().unwrap()).collect::<Vec<_>>(), &batches);
        let cpu_before = cpu_seconds(pid);
        let threads_before = thread_cpu_seconds(pid);
        let load_cpu_before = cpu_seconds(std::process::id());
        let machine_before = machine_ticks();
        let start = Instant::now();
        let fds: Vec<std::os::fd::RawFd> = socks.iter().map(|s| std::os::fd::AsRawFd::as_raw_fd(&**s)).collect();
        let totals = drive(&fds, gk_addr, &batches);
        let elapsed = start.elapsed().as_secs_f64();
        let load_cpu = cpu_seconds(std::process::id()) - load_cpu_before;
        let machine = machine_ticks();
        let busy = (machine.0 - machine_before.0) as f64 / (machine.1 - machine_before.1).max(1) as f64;
        let threads: Vec<(String, f64)> = thread_cpu_seconds(pid)
            .into_iter()
            .map(|(name, s)| {
                let before = threads_before.iter().find(|(n, _)| *n == name).map_or(0.0, |t| t.1);
                (name, s - before)
            })
            .collect();
        (
            ids.len(),
            totals.0,
            totals.1,
            totals.2,
            elapsed,
            (cpu_seconds(pid) - cpu_before, load_cpu, threads, busy),
            core_us,
        )
    });
    let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
    let _ = gk.wait();
    let events = std::fs::read_to_string(&events_path).unwrap();
    let recorded_arqs = events.lines().filter(|l| l.contains("\"request\":\"admissionRequest\"")).count();

    // This machine's event signing rate, one core, the same factory the gatekeeper uses.
    let mut f = MessageFactory::new(SecretKey::load(&work.join("gk.key")).unwrap(), 4096);
    let n = 20_000;
    let t = Instant::now();
    for i in 0..n {
        let mut spec =
            MessageSpec::new(Performative::Inform, "if://agent/witness", ifconnect::message::default_scope("bench"));
        spec.content.insert("i".into(), i.into());
        let _ = ifconnect::json::canonical(&f.build(spec, ifconnect::time::now_millis()).unwrap());
    }
    let signing_rate = n as f64 / t.elapsed().as_secs_f64();
    f.finish().unwrap();
    // rasn's decode of one of the benchmark's ARQs.
    let sample = std::fs::read(work.join("sample-arq.ras")).ok();
    let decode_us = sample.map(|s| {
        let t = Instant::now();
        for _ in 0..20_000 {
            std::hint::black_box(ras::decode(&s).unwrap());
        }
        t.elapsed().as_secs_f64() * 1e6 / 20_000.0
    });
    println!(
        "{}",
        serde_json::json!({
            "endpoints": registered,
            "arqs": admitted + unanswered + refused,
            "admitted": admitted,
            "refused": refused,
            "unanswered": unanswered,
            "recorded": recorded_arqs,
            "seconds": elapsed,
            "arq_per_s": (admitted + refused) as f64 / elapsed,
            "gk_cpu_s": cpu.0,
            "gk_cpu_us_per_arq": cpu.0 * 1e6 / (admitted + refused).max(1) as f64,
            "load_cpu_us_per_arq": cpu.1 * 1e6 / (admitted + refused).max(1) as f64,
            "machine_busy": cpu.3,
            "gk_thread_us_per_arq": cpu.2.iter().map(|(name, s)| (name.clone(), serde_json::json!(s * 1e6 / (admitted + refused).max(1) as f64))).collect::<serde_json::Map<_, _>>(),
            "core_us_per_arq": core_us.0,
            "event_us_per_arq": core_us.1,
            "signing_per_s": signing_rate,
            "rasn_decode_us": decode_us,
        })
    );
}

/// Sends every endpoint's ARQs, one outstanding per endpoint, from one thread on one epoll set
/// (cheaper per request than the async runtime: the machine's cores are the gatekeeper's to
/// use): each answered or given up (three tries, 3 s apart, as H.225.0 has it) before the next
/// goes. Returns (admitted, unanswered, refused).
fn drive(fds: &[std::os::fd::RawFd], gk: SocketAddr, batches: &[Vec<(u16, Vec<u8>)>]) -> (usize, usize, usize) {
    use std::mem::ManuallyDrop;
    use std::os::fd::FromRawFd;
    struct Endpoint {
        socket: ManuallyDrop<std::net::UdpSocket>,
        next: usize,
        sent_at: Instant,
        tries: u32,
    }
    impl Endpoint {
        /// On to the next ARQ, sent at once; false when there is none.
        fn advance(&mut self, batch: &[(u16, Vec<u8>)], gk: SocketAddr) -> bool {
            self.next += 1;
            let Some((_, arq)) = batch.get(self.next) else { return false };
            let _ = self.socket.send_to(arq, gk);
            (self.sent_at, self.tries) = (Instant::now(), 1);
            true
        }
    }
    // SAFETY: the descriptors belong to the caller's sockets, alive for the whole call, and are
    // never closed here (ManuallyDrop).
    let mut eps: Vec<Endpoint> = fds
        .iter()
        .map(|fd| Endpoint {
            socket: ManuallyDrop::new(unsafe { std::net::UdpSocket::from_raw_fd(*fd) }),
            next: 0,
            sent_at: Instant::now(),
            tries: 0,
        })
        .collect();
    // SAFETY: plain epoll calls on descriptors that stay open; `events` outlives each wait.
    let epoll = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    assert!(epoll >= 0, "epoll_create1");
    for (i, fd) in fds.iter().enumerate() {
        let mut ev = libc::epoll_event { events: libc::EPOLLIN as u32, u64: i as u64 };
        assert_eq!(unsafe { libc::epoll_ctl(epoll, libc::EPOLL_CTL_ADD, *fd, &mut ev) }, 0, "epoll_ctl");
    }
    let (mut ok, mut lost, mut no, mut left) = (0, 0, 0, 0);
    for (i, ep) in eps.iter_mut().enumerate() {
        if let Some((_, arq)) = batches[i].first() {
            let _ = ep.socket.send_to(arq, gk);
            ep.tries = 1;
            left += 1;
        }
    }
    let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
    let mut buf = [0u8; 4096];
    let mut swept = Instant::now();
    while left > 0 {
        let n = unsafe { libc::epoll_wait(epoll, events.as_mut_ptr(), events.len() as i32, 100) };
        for ev in events.iter().take(n.max(0) as usize) {
            let i = ev.u64 as usize;
            let ep = &mut eps[i];
            while let Ok((len, _)) = ep.socket.recv_from(&mut buf) {
                let Some((seq, _)) = batches[i].get(ep.next) else { break };
                let Ok(answer) = ras::decode(&buf[..len]) else { continue };
                if ras::request_seq_num(&answer) != *seq || ras::kind(&answer) == "requestInProgress" {
                    continue;
                }
                match answer {
                    ras::RasMessage::admissionConfirm(_) => ok += 1,
                    _ => no += 1,
                }
                if !ep.advance(&batches[i], gk) {
                    left -= 1;
                }
            }
        }
        if swept.elapsed() >= Duration::from_millis(100) {
            swept = Instant::now();
            for (i, ep) in eps.iter_mut().enumerate() {
                let Some((_, arq)) = batches[i].get(ep.next) else { continue };
                if ep.sent_at.elapsed() < Duration::from_secs(3) {
                    continue;
                }
                if ep.tries < 3 {
                    let _ = ep.socket.send_to(arq, gk);
                    (ep.sent_at, ep.tries) = (Instant::now(), ep.tries + 1);
                    continue;
                }
                lost += 1;
                if !ep.advance(&batches[i], gk) {
                    left -= 1;
                }
            }
        }
    }
    unsafe { libc::close(epoll) };
    (ok, lost, no)
}

/// The gatekeeper core alone (sans-IO, no sockets, no events signed), in-process, on the same
/// registrations and ARQs, in batches as the driver hands them over, and then the signing and
/// serialising of their records: CPU microseconds per ARQ of each.
fn core_cost(keys: &[SecretKey], addrs: &[SocketAddr], batches: &[Vec<(u16, Vec<u8>)>]) -> (f64, f64) {
    use ifconnect::h323::gatekeeper::{BandwidthLimits, Config, Gatekeeper, Limits, Output};
    let trust = ifconnect::keys::TrustStore::of(
        &keys
            .iter()
            .chain(std::iter::once(&SecretKey::from_seed("if://agent/yologuard", [2; 32]).unwrap()))
            .collect::<Vec<_>>(),
    );
    let n: usize = batches.iter().map(Vec::len).sum();
    let limits = Limits {
        max_endpoints: keys.len() + 10,
        max_calls: n + 10,
        call_check_s: 0,
        bandwidth: BandwidthLimits { min_per_call: 0, max_per_call: 20_000, per_endpoint: u32::MAX, total: u32::MAX },
        ..Limits::default()
    };
    let policy = ifconnect::policy::Policy { trust, ..Default::default() };
    let offset = ifconnect::time::now_millis();
    let mut gk = Gatekeeper::new(Config {
        gatekeeper_id: "if-gk".into(),
        local: "127.0.0.1:1719".parse().unwrap(),
        policy,
        council_alias: "council".into(),
        limits,
        wall_clock_offset_ms: offset,
    });
    for (i, (k, addr)) in keys.iter().zip(addrs).enumerate() {
        let alias = format!("guardian-{i:04}");
        let s = Signer {
            key: &k.signing,
            agent: &k.agent,
            gatekeeper: "if-gk",
            timestamp: unix_s(),
            random: 7_000_000 + i as u64,
        };
        let r = Registration {
            seq: 1,
            aliases: &[&alias],
            ras_address: *addr,
            call_signal: *addr,
            ttl_s: Some(3600),
            gatekeeper: Some("if-gk"),
            mc: false,
        };
        gk.handle_datagram(0, *addr, &requests::rrq(&r, Some(&s)).unwrap());
    }
    while gk.poll_output().is_some() {}
    // In batches of 64 datagrams, as the driver takes them from its socket under load: the j-th
    // ARQ of 64 endpoints at a time.
    let mut records = Vec::new();
    let t = thread_cpu_s();
    let per = batches.first().map_or(0, Vec::len);
    for j in 0..per {
        for group in batches.iter().zip(addrs).collect::<Vec<_>>().chunks(64) {
            let datagrams: Vec<(SocketAddr, &[u8])> = group.iter().map(|(b, a)| (**a, b[j].1.as_slice())).collect();
            gk.handle_datagrams(1, &datagrams);
            while let Some(out) = gk.poll_output() {
                if let Output::Answer { record, .. } = out {
                    if records.len() < 5000 {
                        records.push(record);
                    }
                }
            }
        }
    }
    let core_us = (thread_cpu_s() - t) * 1e6 / n as f64;
    // The writer's share: each ARQ's record made into a message, signed and serialised, on this
    // thread's CPU clock (the other programs on the machine do not count).
    let dir = std::env::temp_dir().join(format!("gk-load-events-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut key = SecretKey::from_seed("if://agent/gk", [1; 32]).unwrap();
    key.path = dir.join("gk.key");
    let mut factory = MessageFactory::new(key, 4096);
    let (start, mut bytes) = (thread_cpu_s(), 0);
    for r in &records {
        let spec = MessageSpec::from_event(r.as_ref(), "h323-gatekeeper");
        bytes += factory.build_canonical(spec, ifconnect::time::now_millis()).unwrap().len();
    }
    let event_us = (thread_cpu_s() - start) * 1e6 / records.len().max(1) as f64;
    std::hint::black_box(bytes);
    factory.finish().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (core_us, event_us)
}

/// This thread's CPU time in seconds.
fn thread_cpu_s() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

/// The UDP port process `pid` has bound on 127.0.0.1, from /proc (no fixed sleeps).
fn wait_for_udp_port(pid: u32) -> SocketAddr {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let inodes: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
            .map(|d| {
                d.filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
                    .filter_map(|l| l.to_str()?.strip_prefix("socket:[")?.strip_suffix(']').map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let udp = std::fs::read_to_string("/proc/net/udp").unwrap_or_default();
        for line in udp.lines().skip(1) {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() > 9 && inodes.iter().any(|i| i == f[9]) {
                let port = u16::from_str_radix(f[1].rsplit(':').next().unwrap(), 16).unwrap();
                return SocketAddr::from(([127, 0, 0, 1], port));
            }
        }
        assert!(Instant::now() < deadline, "if-gk never bound its socket");
        std::thread::sleep(Duration::from_millis(20));
    }
}
