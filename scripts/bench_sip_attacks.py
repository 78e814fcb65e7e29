#!/usr/bin/env python3
"""SIP under attack: how long `if-sip proxy` and Kamailio, in the same run on this machine, take
to answer a UDP OPTIONS and a new TCP connection while each of issue 9's attacks goes on, and
whether SIPp's calls through them still complete.

    bench_sip_attacks.py BIN_DIR WORK_DIR   -> prints a Markdown section on stdout

For each attack (and a baseline with none), against a fresh proxy: the attacker (this script
in another process, `--attack NAME`, so that it never holds the probes' interpreter) starts,
and once it is up, for PROBE_SECONDS: a UDP OPTIONS every 20 ms and a new TCP connection with
an OPTIONS every 100 ms, each to `sip:nobody@127.0.0.1:PORT`, which both proxies answer
themselves (404: nobody registered that user), each answer's latency recorded; and SIPp placing
100 calls at 10 calls/s through the proxy to a SIPp callee registered at it. The tests in
tests/sip.rs prove each attack is survived; this measures how long everyone else waits meanwhile.

The probes come from 127.0.0.1 and the attackers from 127.0.0.2 and up, as an attacker is not
the client whose service it spoils (a cap per source address protects the others, not the
attacker's neighbours on its own address). Every port is the OS's choice or checked free;
every process started is ended, Kamailio by its process group.
"""
import json
import os
import re
import resource
import select
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time

PROBE_SECONDS = 10
UDP_EVERY, TCP_EVERY = 0.020, 0.100
ANSWER_WITHIN = 2.0  # a probe with no answer in this long counts as unanswered
CALLS, CALL_RATE = 100, 10
GOAL_MS = 100
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KAMAILIO_CFG = os.path.join(ROOT, "tests/data/kamailio/attacks.cfg")

ATTACKS = [
    ("baseline", "no attack"),
    ("slow-reader", "one TCP client with a 4 KB receive buffer pipelines 50,000 OPTIONS and never reads"),
    ("idle", "900 idle TCP connections, 60 from each of 127.0.0.2..127.0.0.16, plus 50 connections opened and closed a second"),
    ("slowloris", "200 TCP connections (50 from each of 127.0.0.2..127.0.0.5) each send one byte of an INVITE head every 100 ms"),
    ("tls-silent", "200 clients (50 from each of 127.0.0.2..127.0.0.5) connect to the TLS port and never send a byte"),
    ("register-flood", "2,000 REGISTERs a second over UDP for one AOR, each with a new contact"),
]


def options(port, transport, local, n, tag):
    return (f"OPTIONS sip:nobody@127.0.0.1:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/{transport} 127.0.0.1:{local};branch=z9hG4bK{tag}{n}\r\n"
            f"From: <sip:probe@127.0.0.1>;tag={tag}\r\nTo: <sip:nobody@127.0.0.1>\r\n"
            f"Call-ID: {tag}-{n}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n").encode()


def register(port, local, n, user, contact, src="127.0.0.1"):
    return (f"REGISTER sip:127.0.0.1:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP {src}:{local};branch=z9hG4bKreg{user}{n}\r\n"
            f"From: <sip:{user}@127.0.0.1>;tag=r{n}\r\nTo: <sip:{user}@127.0.0.1>\r\n"
            f"Call-ID: reg-{user}-{n}\r\nCSeq: {n} REGISTER\r\nMax-Forwards: 70\r\n"
            f"Contact: <{contact}>;expires=3600\r\nContent-Length: 0\r\n\r\n").encode()


def status_of(head):
    m = re.match(rb"SIP/2\.0 (\d{3})", head)
    return int(m.group(1)) if m else None


def call_id_of(msg):
    m = re.search(rb"\r\n(?:Call-ID|i)\s*:\s*(\S+)", msg, re.I)
    return m.group(1).decode() if m else None


# ---------------------------------------------------------------------------------------------
# The attackers: `bench_sip_attacks.py --attack NAME PORT TLS_PORT`. Each says "up" on stdout
# once the attack is in full swing, goes on until SIGTERM (or 120 s), then prints what it saw
# as one JSON line.

STOP = False


def _stop(*_):
    global STOP
    STOP = True


def tcp_from(src, port, rcvbuf=None, timeout=3.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind((src, 0))
    s.settimeout(timeout)
    s.connect(("127.0.0.1", port))
    return s


class Held:
    """Connections kept open from given source addresses; one the proxy closes is counted and
    opened again (an attacker keeps its places). `feed` is called on each open one per tick."""

    def __init__(self, port, sources, per_source):
        self.port, self.slots = port, [src for src in sources for _ in range(per_source)]
        self.socks = [None] * len(self.slots)
        self.closed_by_proxy = self.refused = 0
        self.poll = select.poll()
        self.by_fd = {}

    def open(self, i):
        try:
            s = tcp_from(self.slots[i], self.port)
        except OSError:
            self.refused += 1
            return
        s.setblocking(False)
        self.socks[i] = s
        self.by_fd[s.fileno()] = i
        self.poll.register(s, select.POLLIN | select.POLLRDHUP | select.POLLHUP | select.POLLERR)

    def close(self, i):
        s = self.socks[i]
        self.poll.unregister(s)
        del self.by_fd[s.fileno()]
        s.close()
        self.socks[i] = None

    def open_all(self):
        for i in range(len(self.slots)):
            if self.socks[i] is None:
                self.open(i)

    def watch(self, timeout_ms):
        """Counts and reopens the connections the proxy closed; what it sent is read and dropped."""
        for fd, ev in self.poll.poll(timeout_ms):
            i = self.by_fd.get(fd)
            if i is None:
                continue
            gone = bool(ev & (select.POLLRDHUP | select.POLLHUP | select.POLLERR))
            if not gone:
                try:
                    gone = self.socks[i].recv(65536) == b""
                except BlockingIOError:
                    pass
                except OSError:
                    gone = True
            if gone:
                self.closed_by_proxy += 1
                self.close(i)
        self.open_all()

    def held(self):
        return sum(s is not None for s in self.socks)


def attack_slow_reader(port, _tls):
    # One client at a time from 127.0.0.2: a 4 KB receive buffer, OPTIONS pipelined in batches,
    # nothing ever read. When the proxy closes it, the attacker connects again and goes on until
    # 50,000 are sent; the last connection is then held, unread.
    total, batch = 50_000, 50
    sent = connections = closed_by_proxy = 0
    sock, pending = None, b""
    print("up", flush=True)
    while not STOP:
        if sock is None:
            try:
                sock = tcp_from("127.0.0.2", port, rcvbuf=4096, timeout=0.2)
                connections += 1
            except OSError:
                time.sleep(0.05)
                continue
            local = sock.getsockname()[1]
        if not pending and sent < total:
            pending = b"".join(options(port, "TCP", local, n, "slow") for n in range(sent, min(total, sent + batch)))
            sent = min(total, sent + batch)
        if pending:
            try:
                pending = pending[sock.send(pending):]
            except socket.timeout:
                pass
            except OSError:
                closed_by_proxy += 1
                sock.close()
                sock, pending = None, b""
        else:
            # All sent: hold the connection, never reading; notice (without reading) if it ends.
            p = select.poll()
            p.register(sock, select.POLLRDHUP | select.POLLHUP | select.POLLERR)
            if p.poll(100):
                closed_by_proxy += 1
                sock.close()
                sock = None
                while not STOP:  # nothing left to send: the attack is over for this client
                    time.sleep(0.1)
    return {"requests_sent": sent, "connections": connections, "closed_by_proxy": closed_by_proxy,
            "held_at_end": int(sock is not None)}


def attack_idle(port, _tls):
    held = Held(port, [f"127.0.0.{i}" for i in range(2, 17)], 60)
    held.open_all()
    print("up", flush=True)
    churned = churn_failed = 0
    next_churn = time.monotonic()
    sources = [f"127.0.0.{i}" for i in range(2, 17)]
    while not STOP:
        now = time.monotonic()
        while now >= next_churn:
            try:
                tcp_from(sources[churned % len(sources)], port, timeout=1.0).close()
                churned += 1
            except OSError:
                churn_failed += 1
            next_churn += 1 / 50
        held.watch(max(0, int((next_churn - time.monotonic()) * 1000)))
    return {"held_at_end": held.held(), "of": len(held.slots), "closed_by_proxy": held.closed_by_proxy,
            "not_opened": held.refused, "churned": churned, "churn_failed": churn_failed}


INVITE_HEAD = ("INVITE sip:service@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.2:5060;branch=z9hG4bKslowloris\r\n"
               "From: <sip:loris@127.0.0.2>;tag=1\r\nTo: <sip:service@127.0.0.1>\r\nCall-ID: slowloris\r\n"
               "CSeq: 1 INVITE\r\nContact: <sip:loris@127.0.0.2>\r\nMax-Forwards: 70\r\n"
               "Subject: " + "x" * 1000 + "\r\nContent-Length: 0\r\n\r\n").encode()


def attack_slowloris(port, _tls):
    held = Held(port, [f"127.0.0.{i}" for i in range(2, 6)], 50)
    held.open_all()
    offset = [0] * len(held.slots)
    print("up", flush=True)
    sent = 0
    tick = time.monotonic()
    while not STOP:
        for i, s in enumerate(held.socks):
            if s is None:
                continue
            try:
                s.send(INVITE_HEAD[offset[i] % len(INVITE_HEAD):][:1])
                offset[i] += 1
                sent += 1
            except OSError:
                pass  # seen by watch
        tick += 0.1
        while not STOP and time.monotonic() < tick:
            held.watch(max(1, int((tick - time.monotonic()) * 1000)))
    return {"held_at_end": held.held(), "of": len(held.slots), "closed_by_proxy": held.closed_by_proxy,
            "not_opened": held.refused, "bytes_sent": sent, "longest_head_sent": max(offset),
            "head_length": len(INVITE_HEAD)}


def attack_tls_silent(_port, tls_port):
    held = Held(tls_port, [f"127.0.0.{i}" for i in range(2, 6)], 50)
    held.open_all()
    print("up", flush=True)
    while not STOP:
        held.watch(100)
    return {"held_at_end": held.held(), "of": len(held.slots), "closed_by_proxy": held.closed_by_proxy,
            "not_opened": held.refused}


def attack_register_flood(port, _tls):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.2", 0))
    sock.setblocking(False)
    local = sock.getsockname()[1]
    rate, sent, answers, answered = 2000, 0, {}, set()
    start = time.monotonic()
    print("up", flush=True)

    def drain():
        while True:
            try:
                data = sock.recv(65536)
            except (BlockingIOError, ConnectionRefusedError):
                return
            st, cid = status_of(data), call_id_of(data)
            if st and st >= 200 and cid not in answered:
                answered.add(cid)
                answers[st] = answers.get(st, 0) + 1

    while not STOP:
        due = int((time.monotonic() - start) * rate)
        while sent < due:
            n = sent + 1
            contact = f"sip:flood@10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}:5060"
            try:
                sock.sendto(register(port, local, n, "flood", contact, src="127.0.0.2"), ("127.0.0.1", port))
            except BlockingIOError:
                break
            sent += 1
        drain()
        time.sleep(0.005)
    time.sleep(0.5)
    drain()
    return {"sent": sent, "seconds": round(time.monotonic() - start, 1), "answers": answers,
            "unanswered": sent - sum(answers.values())}


def run_attacker(name, port, tls_port):
    signal.signal(signal.SIGTERM, _stop)
    deadline = threading.Timer(120, _stop)
    deadline.daemon = True
    deadline.start()
    fn = {"slow-reader": attack_slow_reader, "idle": attack_idle, "slowloris": attack_slowloris,
          "tls-silent": attack_tls_silent, "register-flood": attack_register_flood}[name]
    print(json.dumps(fn(port, tls_port)), flush=True)


# ---------------------------------------------------------------------------------------------
# The probes.

class Probes:
    """A UDP OPTIONS every UDP_EVERY and a new TCP connection with an OPTIONS every TCP_EVERY
    (and, when `tls` is given, a new TLS connection every TCP_EVERY), for PROBE_SECONDS."""

    def __init__(self, port, tls=None):
        self.port, self.tls = port, tls
        self.udp_sent, self.udp_got = {}, {}
        self.tcp, self.tls_results = [], []
        self.lock = threading.Lock()

    def run(self):
        threads = [threading.Thread(target=self.udp_send), threading.Thread(target=self.udp_receive),
                   threading.Thread(target=self.streams, args=(False,))]
        if self.tls:
            threads.append(threading.Thread(target=self.streams, args=(True,)))
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.udp.settimeout(0.1)
        self.end = time.monotonic() + PROBE_SECONDS
        for t in threads:
            t.start()
        return threads

    def udp_send(self):
        local = self.udp.getsockname()[1]
        n, t = 0, time.monotonic()
        while t < self.end:
            self.udp_sent[f"udp-{n}"] = time.monotonic()
            try:
                self.udp.sendto(options(self.port, "UDP", local, n, "udp"), ("127.0.0.1", self.port))
            except OSError:
                pass
            n += 1
            t += UDP_EVERY
            time.sleep(max(0, t - time.monotonic()))

    def udp_receive(self):
        while time.monotonic() < self.end + ANSWER_WITHIN:
            try:
                data = self.udp.recv(65536)
            except (socket.timeout, ConnectionRefusedError):
                continue
            at = time.monotonic()
            cid, st = call_id_of(data), status_of(data)
            if cid and st and st >= 200 and cid not in self.udp_got:
                self.udp_got[cid] = (at, st)

    def streams(self, tls):
        workers, n, t = [], 0, time.monotonic()
        while t < self.end:
            w = threading.Thread(target=self.stream_probe, args=(n, tls))
            w.start()
            workers.append(w)
            n += 1
            t += TCP_EVERY
            time.sleep(max(0, t - time.monotonic()))
        for w in workers:
            w.join()

    def stream_probe(self, n, tls):
        port, ctx = (self.tls[0], self.tls[1]) if tls else (self.port, None)
        t0 = time.monotonic()
        result = None
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=ANSWER_WITHIN)
            if ctx:
                s = ctx.wrap_socket(s, server_hostname="127.0.0.1")
            with s:
                s.settimeout(max(0.01, t0 + ANSWER_WITHIN - time.monotonic()))
                s.sendall(options(port, "TLS" if tls else "TCP", s.getsockname()[1], n, "tls" if tls else "tcp"))
                got = b""
                while b"\r\n\r\n" not in got:
                    s.settimeout(max(0.01, t0 + ANSWER_WITHIN - time.monotonic()))
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    got += chunk
                if b"\r\n\r\n" in got:
                    result = (time.monotonic() - t0, status_of(got))
        except (OSError, ssl.SSLError):
            pass
        with self.lock:
            (self.tls_results if tls else self.tcp).append(result)

    def summary(self):
        udp = []
        for cid, sent in self.udp_sent.items():
            got = self.udp_got.get(cid)
            udp.append((got[0] - sent, got[1]) if got else None)
        return {"udp": stats(udp), "tcp": stats(self.tcp), "tls": stats(self.tls_results) if self.tls else None}


def stats(results):
    """p50, p99, max in ms over every probe, an unanswered one (or one answered later than
    ANSWER_WITHIN, or not with the 404 expected) counted as infinitely late."""
    ms = sorted((r[0] * 1000 if r and r[1] == 404 and r[0] <= ANSWER_WITHIN else float("inf")) for r in results)
    at = lambda q: ms[min(len(ms) - 1, int(len(ms) * q))] if ms else float("nan")
    answered = [m for m in ms if m != float("inf")]
    return {"n": len(ms), "p50": at(0.5), "p99": at(0.99), "max": max(answered) if answered else float("nan"),
            "unanswered": len(ms) - len(answered),
            "other": sorted({r[1] for r in results if r and r[1] != 404} - {None})}


# ---------------------------------------------------------------------------------------------
# The proxies.

STARTED = []


def start(cmd, **kw):
    p = subprocess.Popen(cmd, cwd=WORK, stdin=subprocess.DEVNULL, start_new_session=True, **kw)
    STARTED.append(p)
    return p


def stop(p):
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        except ProcessLookupError:
            pass
    try:  # Kamailio's workers, should the main process have gone first
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if p in STARTED:
        STARTED.remove(p)


def stop_all():
    for p in list(STARTED):
        stop(p)


def free_port():
    """A port free for UDP and TCP (checked both ways), for the peers that need one given."""
    for _ in range(50):
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind(("127.0.0.1", 0))
        port = u.getsockname()[1]
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            t.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            u.close()
            t.close()
    raise SystemExit("no free port")


def udp_transact(port, msg, timeout=1.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(timeout)
    try:
        s.sendto(msg(s.getsockname()[1]), ("127.0.0.1", port))
        while True:
            st = status_of(s.recv(65536))
            if st and st >= 200:
                return st
    except OSError:
        return None
    finally:
        s.close()


def until(what, seconds, check):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.05)
    raise SystemExit(f"{what}: not within {seconds} s")


def start_uas():
    port = free_port()
    p = start(["sipp", "-sf", "uas-rr.xml", "-i", "127.0.0.1", "-p", str(port), "-nostdin"],
              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def taken():
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.bind(("127.0.0.1", port))
            return False
        except OSError:
            return True
        finally:
            s.close()
    until("SIPp callee", 10, taken)
    return p, port


def start_if_sip(tag):
    log = os.path.join(WORK, f"if-sip-{tag}.log")
    p = start([os.path.join(BIN, "if-sip"), "proxy", "--listen", "127.0.0.1:0", "--key", "proxy.key",
               "--policy", "guard.toml", "--tls-listen", "127.0.0.1:0", "--tls-cert", "server.pem",
               "--tls-key", "server.key"],
              stdout=open(os.path.join(WORK, f"if-sip-{tag}.events.jsonl"), "w"), stderr=open(log, "w"))

    def listening():
        if p.poll() is not None:
            raise SystemExit(f"if-sip exited {p.returncode}: {open(log).read()}")
        m = re.search(r"listening on 127\.0\.0\.1:(\d+) \(UDP and TCP\) and 127\.0\.0\.1:(\d+) \(TLS\)", open(log).read())
        return m and (int(m.group(1)), int(m.group(2)))
    port, tls_port = until("if-sip listening", 10, listening)
    return p, port, tls_port, log


def start_kamailio(tag):
    port, tls_port = free_port(), free_port()
    with open(KAMAILIO_CFG) as f:
        cfg = f.read().replace("KAM_TLS_PORT", str(tls_port)).replace("KAM_PORT", str(port)).replace(
            "TLS_CFG", os.path.join(WORK, "kamailio-tls.cfg"))
    with open(os.path.join(WORK, f"kamailio-{tag}.cfg"), "w") as f:
        f.write(cfg)
    log = os.path.join(WORK, f"kamailio-{tag}.log")
    p = start(["kamailio", "-f", f"kamailio-{tag}.cfg", "-DD", "-E", "-m", "256", "-M", "32"],
              stdout=subprocess.DEVNULL, stderr=open(log, "w"))

    def ready():
        if p.poll() is not None:
            raise SystemExit(f"kamailio exited {p.returncode}: {open(log).read()[-3000:]}")
        if udp_transact(port, lambda local: options(port, "UDP", local, 0, "ready"), 0.2) != 404:
            return False
        for pt in (port, tls_port):
            try:
                socket.create_connection(("127.0.0.1", pt), timeout=0.5).close()
            except OSError:
                return False
        return True
    until("kamailio answering", 20, ready)
    return p, port, tls_port, log


def calls(port, tag):
    stf = os.path.join(WORK, f"sipp-{tag}.csv")
    p = start(["sipp", "-sf", "uac-rr.xml", f"127.0.0.1:{port}", "-i", "127.0.0.1", "-s", "service",
               "-r", str(CALL_RATE), "-m", str(CALLS), "-l", str(CALLS), "-nostdin", "-recv_timeout", "5000",
               "-timeout", "60s", "-timeout_error", "-trace_stat", "-stf", stf, "-fd", "1"],
              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return p, stf


def sipp_counts(stf):
    try:
        with open(stf) as f:
            rows = [r.rstrip("\n").split(";") for r in f if r.strip()]
        head, last = rows[0], rows[-1]
        ok = int(last[head.index("SuccessfulCall(C)")])
        failed = int(last[head.index("FailedCall(C)")])
        return ok, failed
    except (OSError, ValueError, IndexError):
        return 0, CALLS


def measure(proxy, attack):
    uas, uas_port = start_uas()
    starter = start_if_sip if proxy == "if-sip" else start_kamailio
    p, port, tls_port, log = starter(attack)
    if udp_transact(port, lambda local: register(port, local, 1, "service", f"sip:service@127.0.0.1:{uas_port}")) != 200:
        raise SystemExit(f"{proxy}: the callee's REGISTER was not answered 200")
    attacker, seen = None, None
    if attack != "baseline":
        attacker = start([sys.executable, os.path.abspath(__file__), "--attack", attack, str(port), str(tls_port)],
                         stdout=subprocess.PIPE, text=True)
        line = attacker.stdout.readline().strip()
        if line != "up":
            raise SystemExit(f"attacker {attack}: {line!r}")
    tls = None
    if attack == "tls-silent":
        ctx = ssl.create_default_context(cafile=os.path.join(WORK, "ca.pem"))
        tls = (tls_port, ctx)
    probes = Probes(port, tls)
    sipp, stf = calls(port, f"{proxy}-{attack}")
    threads = probes.run()
    for t in threads:
        t.join()
    sipp_rc = sipp.wait(timeout=90)
    STARTED.remove(sipp)
    if attacker:
        attacker.send_signal(signal.SIGTERM)
        out, _ = attacker.communicate(timeout=30)
        STARTED.remove(attacker)
        seen = json.loads(out.strip().splitlines()[-1]) if out.strip() else None
    alive = p.poll() is None
    answers_after = alive and udp_transact(port, lambda local: options(port, "UDP", local, 0, "after"), 2.0) == 404
    ok, failed = sipp_counts(stf)
    result = {"probes": probes.summary(), "calls_ok": ok, "calls_failed": failed, "sipp_rc": sipp_rc,
              "survived": bool(alive and answers_after), "exit": p.returncode, "attacker": seen}
    stop(p)
    stop(uas)
    if proxy == "if-sip":
        with open(os.path.join(WORK, f"if-sip-{attack}.events.jsonl")) as f:
            result["events"] = sum(1 for _ in f)
    with open(log, errors="replace") as f:
        text = f.read()
    result["log"] = log_summary(text)
    return result


def log_summary(text):
    """The proxy's most frequent warnings and errors, numbers and addresses made alike."""
    counts = {}
    for line in text.splitlines():
        m = re.search(r"(?:warning: |error: |ERROR: )(.*)", line)
        if not m:
            continue
        what = re.sub(r"\d+", "N", m.group(1))
        what = re.sub(r"\(N\)\s*$|0xN\w*", "", what).strip()
        what = what if len(what) <= 160 else what[:160].rsplit(" ", 1)[0] + " …"
        counts[what] = counts.get(what, 0) + 1
    return sorted(counts.items(), key=lambda kv: -kv[1])[:3]


# ---------------------------------------------------------------------------------------------
# The report.

def unanswered(s):
    t = f"{s['unanswered']} of {s['n']}"
    return t + f" (answered {', '.join(map(str, s['other']))} instead)" if s["other"] else t


def why_missed(proxy, r):
    pr, why = r["probes"], []
    if not r["survived"]:
        why.append(f"exited {r['exit']}" if r["exit"] is not None else "no answer after the attack")
    for kind in ("udp", "tcp"):
        if pr[kind]["p99"] > GOAL_MS:
            why.append(f"{kind.upper()} p99 {ms(pr[kind]['p99'])} ms")
    if r["calls_failed"]:
        why.append(f"{r['calls_failed']} failed calls")
    return ", ".join(why)


def binary():
    path = os.path.join(BIN, "if-sip")
    if os.path.realpath(BIN) == os.path.realpath(os.path.join(ROOT, "target/release")):
        commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
        return f"built from this checkout ({commit})"
    import hashlib
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    return f"`{path}`, sha256 {digest}…"


def ms(v):
    return "∞" if v == float("inf") else "n/a" if v != v else f"{v:.1f}"


def seen_text(attack, s):
    if not s:
        return ""
    if attack == "slow-reader":
        return (f"{s['requests_sent']:,} sent over {s['connections']} connection(s); "
                f"{s['closed_by_proxy']} closed by the proxy")
    if attack in ("idle", "slowloris", "tls-silent"):
        t = f"{s['held_at_end']} of {s['of']} open at the end; {s['closed_by_proxy']} closed by the proxy (each reopened)"
        if s.get("not_opened"):
            t += f"; {s['not_opened']} connects failed"
        if attack == "idle":
            t += f"; {s['churned']:,} churned"
            if s["churn_failed"]:
                t += f" ({s['churn_failed']} failed)"
        return t
    if attack == "register-flood":
        answers = ", ".join(f"{n:,} × {st}" for st, n in sorted(s["answers"].items(), key=lambda kv: int(kv[0])))
        return f"{s['sent']:,} sent in {s['seconds']} s; answers: {answers or 'none'}; {s['unanswered']:,} unanswered"
    return ""


def goal_met(r):
    pr = r["probes"]
    return pr["udp"]["p99"] <= GOAL_MS and pr["tcp"]["p99"] <= GOAL_MS and r["calls_failed"] == 0 and r["survived"]


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # both proxies inherit it
    for scenario in ("uac-rr.xml", "uas-rr.xml"):
        shutil.copy(os.path.join(ROOT, "tests/data/sipp", scenario), WORK)
    subprocess.run([os.path.join(BIN, "if-msg"), "keygen", "--agent", "if://agent/proxy", "-o", "proxy.key"], cwd=WORK,
                   check=True, stdout=open(os.path.join(WORK, "trust"), "w"), stderr=subprocess.DEVNULL)
    with open(os.path.join(WORK, "guard.toml"), "w") as f:
        f.write('trust = ["trust"]\n\n[[expert]]\nname = "Legal desk"\nuri = "sip:legal@127.0.0.1:35090"\nhazards = ["legal"]\n')
    certificates()
    with open(os.path.join(ROOT, "tests/data/kamailio/tls.cfg")) as f:
        tls_cfg = f.read().replace("DIR", WORK)
    with open(os.path.join(WORK, "kamailio-tls.cfg"), "w") as f:
        f.write(tls_cfg)
    load_before = open("/proc/loadavg").read().split()[0]
    t0 = time.monotonic()
    results = {}
    for attack, _ in ATTACKS:
        for proxy in ("if-sip", "kamailio"):
            results[(proxy, attack)] = measure(proxy, attack)
            print(f"{proxy} {attack}: {json.dumps(results[(proxy, attack)])}", file=sys.stderr, flush=True)
    took = time.monotonic() - t0
    load_after = open("/proc/loadavg").read().split()[0]
    report(results, took, load_before, load_after, soft, hard)


def certificates():
    """A CA and a server certificate for 127.0.0.1 it signed, as tests/common's test_certificates."""
    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=WORK, check=True, capture_output=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=ifconnect bench CA")
    with open(os.path.join(WORK, "server.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=critical,CA:FALSE\n"
                "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n")
    openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
            "-extfile", "server.ext", "-out", "server.pem")
    for key in ("ca.key", "server.key"):
        os.chmod(os.path.join(WORK, key), 0o600)


def report(results, took, load_before, load_after, soft, hard):
    kam_v = version(["kamailio", "-v"]).replace("version: ", "")
    sipp_v = next((l.strip().rstrip(".") for l in subprocess.run(["sipp", "-v"], capture_output=True, text=True).stdout.splitlines()
                   if "SIPp" in l), "SIPp")
    ifsip_v = version([os.path.join(BIN, "if-sip"), "--version"])
    udp_n = int(PROBE_SECONDS / UDP_EVERY)
    tcp_n = int(PROBE_SECONDS / TCP_EVERY)
    rows = []
    for attack, what in ATTACKS:
        for proxy in ("if-sip", "kamailio"):
            r = results[(proxy, attack)]
            u, t = r["probes"]["udp"], r["probes"]["tcp"]
            name = f"{attack}" if proxy == "if-sip" else ""
            survived = "yes" if r["survived"] else f"NO (exit {r['exit']})" if r["exit"] is not None else "NO (no answer after)"
            rows.append(f"| {name} | {'if-sip' if proxy == 'if-sip' else 'Kamailio'} | {ms(u['p50'])} / {ms(u['p99'])} / {ms(u['max'])} "
                        f"| {unanswered(u)} | {ms(t['p50'])} / {ms(t['p99'])} / {ms(t['max'])} | {unanswered(t)} "
                        f"| {r['calls_failed']} of {CALLS} | {survived} | {seen_text(attack, r['attacker'])} |")
    missed = [f"{a}: {why_missed('if-sip', results[('if-sip', a)])}" for a, _ in ATTACKS if not goal_met(results[("if-sip", a)])]
    kam_missed = [f"{a}: {why_missed('kamailio', results[('kamailio', a)])}" for a, _ in ATTACKS
                  if not goal_met(results[("kamailio", a)])]
    causes = []
    kam_memory = [a for a, _ in ATTACKS if any("shared memory" in what for what, _ in results[("kamailio", a)]["log"])]
    if kam_memory:
        causes.append(f"Kamailio ran out of its 256 MB of shared memory in {', '.join(kam_memory)} (its log: `could not allocate "
                      "shared memory`): the transactions of the flood's answers wait there for their timers, and new "
                      "connections and the calls' transactions found none left.")
    tls_lines = []
    for proxy in ("if-sip", "kamailio"):
        s = results[(proxy, "tls-silent")]["probes"]["tls"]
        if s:
            tls_lines.append(f"{'if-sip' if proxy == 'if-sip' else 'Kamailio'} {ms(s['p50'])} / {ms(s['p99'])} / {ms(s['max'])} ms, "
                             f"{s['unanswered']} of {s['n']} unanswered")
    log_lines = []
    for attack, _ in ATTACKS:
        for proxy in ("if-sip", "kamailio"):
            said = results[(proxy, attack)]["log"]
            if said:
                lines = "; ".join(f"{n:,} × `{what}`" for what, n in said)
                log_lines.append(f"- {attack}, {'if-sip' if proxy == 'if-sip' else 'Kamailio'}: {lines}")
    if not log_lines:
        log_lines.append("- nothing")
    print(f"""## if-sip proxy under attack, beside Kamailio

Measured by `scripts/bench sip-attacks` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, in one run
of {took:.0f} s on 127.0.0.1: `{ifsip_v}` (release build, {binary()}; `--policy`, every transaction a signed
event, `--tls-listen` with a certificate from the run's own CA) and {kam_v}
(`tests/data/kamailio/attacks.cfg`: chain.cfg's stateful proxy plus an in-memory registrar, UDP, TCP
and TLS, 2 UDP and 2 TCP workers, `-m 256 -M 32`: 256 MB of shared memory as in `scripts/bench sip`), SIPp {sipp_v.replace('SIPp ', '')}, Python {sys.version.split()[0]} for the
probes and attackers. Descriptors: both proxies started with the soft limit raised to the hard
one ({hard}).

Each row is a fresh proxy with a SIPp callee registered at it. The attacker (its own process)
starts; once it is in full swing, for {PROBE_SECONDS} s: a UDP OPTIONS every {UDP_EVERY * 1000:.0f} ms ({udp_n}) and a new TCP
connection with an OPTIONS every {TCP_EVERY * 1000:.0f} ms ({tcp_n}), from 127.0.0.1, to `sip:nobody@127.0.0.1:PORT`, which both
proxies answer themselves with 404 (nobody registered; Kamailio statefully, as its default config does); latency is from the send (for TCP, from
the connect) to the answer's head. A probe not answered 404 within {ANSWER_WITHIN:.0f} s is unanswered, and counts
as infinitely late in the percentiles. Meanwhile SIPp (`uac-rr.xml` to `uas-rr.xml`, UDP) places
{CALLS} calls at {CALL_RATE} calls/s through the proxy (a call waits at most 5 s for each message). The
attackers come from 127.0.0.2 and up; one the proxy closes connects again.

Attacks: {'; '.join(f'**{a}**: {w}' for a, w in ATTACKS[1:])}.

| attack | proxy | UDP OPTIONS p50 / p99 / max ms | UDP unanswered | new TCP + OPTIONS p50 / p99 / max ms | TCP unanswered | SIPp failed calls | survived | what the attacker saw |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}

During **tls-silent** a new TLS connection (handshake, certificate checked, OPTIONS) was also
made every {TCP_EVERY * 1000:.0f} ms to the TLS port: {'; '.join(tls_lines)} (p50 / p99 / max).

Goal (issue 9): UDP OPTIONS and a new TCP connection answered within {GOAL_MS} ms (p99) during every
attack, zero failed calls: **{'met' if not missed else 'not met'}**{'' if not missed else ' (' + '; '.join(missed) + ')'}.
Kamailio on the same criteria: {'met' if not kam_missed else 'not met (' + '; '.join(kam_missed) + ')'}.
{chr(10) + chr(10).join(causes) + chr(10) if causes else ''}
Kamailio's TCP limits are its defaults (core `tcp_init.h`, `tcp_options.c`): `tcp_max_connections`
and `tls_max_connections` 2048, no cap per source address, `tcp_connection_lifetime` 120 s,
`tcp_conn_wq_max` 32 KiB (a connection whose unsent replies pass it is closed), `tcp_send_timeout`
10 s, `tcp_async` on; its TLS module's `connection_timeout` 600 s. Its registrar is given
`max_contacts` 10, if-sip's default (Kamailio's is no limit). if-sip's: 1,024 connections, 64 per
source address, 256 KiB of unsent bytes per connection, 10 s write stall, 5 s TLS handshake, 120 s
idle.

What each proxy logged, its most frequent warnings and errors (numbers written N; if-sip writes at
most 20 connection warnings a minute and counts the rest):

{chr(10).join(log_lines)}

Load (1-minute average) {load_before} before, {load_after} after; the proxies, SIPp, the attackers and
the probes share the {os.cpu_count()} cores, and the probes' own scheduling is in every figure.
""")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--attack":
        run_attacker(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        sys.exit(0)
    BIN, WORK = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: sys.exit(1))
    try:
        main()
    finally:
        stop_all()
