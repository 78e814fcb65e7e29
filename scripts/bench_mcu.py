"""`scripts/bench mcu`: `if-mcu serve` beside Janus AudioBridge, the same load on both in the same
run: N participants (default 25), G.711 μ-law in 20 ms packets, each sending its own tone, for
S seconds (default 30) after a warm-up. For if-mcu every participant is a real H.323 call through
`if-gk serve`'s admission (GRQ, RRQ and ARQ with the signed call description, then Setup with
fastStart) made by the pycrate guardians' own code (scripts/h225_peer.py, scripts/h323_call_peer.py)
in this one process; for Janus the same participants join an AudioBridge room as plain-RTP
participants over its HTTP API. The RTP of all participants, both ways, is one thread of this
process (one epoll set, packets precomputed, kernel receive timestamps).

Measured per mixer: its process's CPU (utime+stime from /proc) and RSS, the packets each
participant received of those expected, mix-minus (each hears every other tone and not its own,
by a narrow-band envelope per tone), and the mixer's added latency: each tone is gated (on half
of a 4 s period, onsets staggered across participants), and the time from an onset leaving its
sender to the same onset in another participant's received mix (both on the audio's timeline:
packet time plus the sample's offset in it) is the jitter buffer plus mixing plus sending.

Prints the Markdown section of docs/benchmarks.md on stdout; progress on stderr.

Usage: bench_mcu.py RELEASE_DIR WORK_DIR [--participants N] [--seconds S] [--warmup S]
                    [--mixers if-mcu,janus]
"""
import argparse
import http.client
import json
import math
import os
import pathlib
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

import numpy as np

root = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(root / "scripts"))
import h225_peer  # noqa: E402  (the guardians' RAS, pycrate with its APER fix)
import h323_call_peer as hcp  # noqa: E402  (the guardians' call signalling)

PACKET = 0.020
SAMPLES = 160
PERIOD = 200  # packets: a tone is on for the first half of its 4 s period
PAUSE = 10  # packets: the senders' hiccup after the measured window, 200 ms
LEVEL = 0.05  # each tone's amplitude, of full scale: 24 of them sum without clipping
CLK = os.sysconf("SC_CLK_TCK")
JANUS_LIB = pathlib.Path("/usr/lib/x86_64-linux-gnu/janus")
ROOM = 1000
# Linux's SO_TIMESTAMPNS (and SCM_TIMESTAMPNS), which Python's socket module does not name.
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)


def log(msg):
    print(f"bench_mcu: {msg}", file=sys.stderr, flush=True)


# /proc.

def cpu_s(pid):
    f = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / CLK


def threads_cpu(pid):
    """{tid: (name, cpu seconds)} of a process's threads."""
    out = {}
    for task in pathlib.Path(f"/proc/{pid}/task").iterdir():
        try:
            text = (task / "stat").read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        f = text.rsplit(")", 1)[1].split()
        out[int(task.name)] = (name, (int(f[11]) + int(f[12])) / CLK)
    return out


def status(pid):
    fields = {}
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        k, _, v = line.partition(":")
        fields[k] = v.strip()
    return {"rss_mb": int(fields["VmRSS"].split()[0]) / 1024, "hwm_mb": int(fields["VmHWM"].split()[0]) / 1024,
            "threads": int(fields["Threads"])}


def machine():
    """(busy, total) jiffies of all CPUs."""
    f = [int(x) for x in pathlib.Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = f[3] + f[4]
    return sum(f[:8]) - idle, sum(f[:8])


def listening_ports(pid):
    """The TCP ports a process listens on (its sockets' inodes found in /proc/net/tcp)."""
    inodes = set()
    for fd in pathlib.Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = []
    for line in pathlib.Path("/proc/net/tcp").read_text().splitlines()[1:]:
        f = line.split()
        if f[3] == "0A" and f[9] in inodes:
            ports.append(int(f[1].split(":")[1], 16))
    return ports


def wait_for(what, pred, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            raise SystemExit(f"bench_mcu: timed out waiting for {what}")
        time.sleep(0.05)


# The participants' media: sockets bound by the call signalling (h323_call_peer's Call makes one
# per call) or for Janus, all driven by one engine thread.

class BenchMedia:
    """h323_call_peer's Media interface without its threads: the engine sends and receives."""

    def __init__(self, ip, ports, on_packet):
        self.rtp = hcp.bind_in(socket.SOCK_DGRAM, ip, ports)
        self.rtcp = hcp.bind_in(socket.SOCK_DGRAM, ip, ports)
        self.rtp_addr = "%s:%d" % self.rtp.getsockname()
        self.rtcp_addr = "%s:%d" % self.rtcp.getsockname()
        self.packets, self.rtcp_received, self.sent = [], 0, 0
        self.sending, self.closed = threading.Event(), False
        self.remote = None

    def start(self, remote, codec, tone_hz, level, media_ms):
        self.remote = hcp.split_addr(remote)
        self.sending.set()

    def stop(self):
        pass

    def close(self):
        self.closed = True

    def report(self, *a, **k):
        return {"packets": len(self.packets)}


hcp.Media = BenchMedia


class Participant:
    def __init__(self, i, n, media):
        self.i, self.name, self.media = i, f"guardian-{i + 1:02d}", media
        self.hz = tone_hz(i, n)
        self.shift = round(i * PERIOD / n)
        t = np.arange(PERIOD * SAMPLES) / 8000
        tone = np.round(LEVEL * 32767 * np.sin(2 * np.pi * self.hz * t))
        on = ((np.arange(PERIOD * SAMPLES) // SAMPLES + self.shift) % PERIOD) < PERIOD // 2
        pcm = np.where(on, tone, 0)
        self.payloads = [hcp.g711_encode(0, pcm[k * SAMPLES:(k + 1) * SAMPLES]) for k in range(PERIOD)]
        self.ssrc = int.from_bytes(os.urandom(4), "big")
        self.seq0 = int.from_bytes(os.urandom(2), "big")
        self.ts0 = int.from_bytes(os.urandom(4), "big")
        self.sent_at = []  # packet k's send time (CLOCK_REALTIME, as the kernel's receive stamps)
        self.received = []  # (kernel receive time, seq, timestamp, ssrc, payload)
        self.rtcp = 0

    def onset(self, k):
        return (k + self.shift) % PERIOD == 0

    def packet(self, k):
        header = struct.pack("!BBHII", 0x80, (0x80 if k == 0 else 0) | 0, (self.seq0 + k) & 0xFFFF,
                             (self.ts0 + k * SAMPLES) & 0xFFFFFFFF, self.ssrc)
        return header + self.payloads[k % PERIOD]


def tone_hz(i, n):
    step = min(120.0, 3000.0 / max(1, n - 1))
    return 300.0 + step * i


class Engine:
    """Sends every participant's packet k at t0 + 20k ms and receives everything, one thread.
    With `pause` (k, n), packets k to k+n-1 are held back and sent at once with packet k+n: a
    hiccup of every sender (or of the network before the mixer)."""

    def __init__(self, parts, packets, marks, pause=None):
        self.parts, self.packets, self.marks = parts, packets, marks  # marks: {k: callback}
        self.pause = pause or (packets, 0)
        self.late = []

    def due(self, t0, k):
        start, n = self.pause
        return t0 + (start + n if start <= k < start + n else k) * PACKET

    def run(self):
        ep = select.epoll()
        owner = {}
        for p in self.parts:
            for s, is_rtp in ((p.media.rtp, True), (p.media.rtcp, False)):
                s.setblocking(False)
                s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
                ep.register(s.fileno(), select.EPOLLIN)
                owner[s.fileno()] = (p, s, is_rtp)
        cmsg = socket.CMSG_SPACE(16)
        t0 = time.monotonic() + 0.05
        k = 0
        drain_until = None
        while True:
            now = time.monotonic()
            while k < self.packets and now >= self.due(t0, k):
                if not self.pause[0] <= k < self.pause[0] + self.pause[1]:
                    self.late.append(now - (t0 + k * PACKET))
                if k in self.marks:
                    self.marks[k]()
                wall = time.time()
                for p in self.parts:
                    try:
                        p.media.rtp.sendto(p.packet(k), p.media.remote)
                    except OSError:
                        pass
                    p.sent_at.append(wall)
                k += 1
                now = time.monotonic()
            if k >= self.packets and drain_until is None:
                drain_until = now + 0.3  # what the mixers still hold comes out
            if drain_until is not None and now >= drain_until:
                break
            wait = (drain_until if k >= self.packets else self.due(t0, k)) - now
            for fd, _ in ep.poll(max(0.0, wait)):
                p, s, is_rtp = owner[fd]
                while True:
                    try:
                        data, anc, _, _ = s.recvmsg(2048, cmsg)
                    except (BlockingIOError, InterruptedError):
                        break
                    except OSError:
                        break
                    if not is_rtp:
                        p.rtcp += 1
                        continue
                    stamp = None
                    for level, kind, value in anc:
                        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                            sec, ns = struct.unpack("qq", value[:16])
                            stamp = sec + ns / 1e9
                    if len(data) < 12 or data[0] >> 6 != 2:
                        continue
                    cc = data[0] & 0x0F
                    seq, ts, ssrc = struct.unpack("!HII", data[2:12])
                    start = 12 + 4 * cc
                    if data[0] & 0x10:
                        start += 4 + 4 * struct.unpack("!H", data[start + 2:start + 4])[0]
                    end = len(data) - (data[-1] if data[0] & 0x20 else 0)
                    p.received.append((stamp or time.time(), seq, ts, ssrc, data[start:end]))
        ep.close()


# Analysis.

ULAW = np.array([hcp.ulaw_decode_one(u) for u in range(256)], dtype=np.float64) / 32768


def stream_of(p):
    """(pcm float, packet start offsets, their receive times) of the main SSRC received, on the
    RTP timestamp's timeline."""
    if not p.received:
        return None
    counts = {}
    for r in p.received:
        counts[r[3]] = counts.get(r[3], 0) + 1
    ssrc = max(counts, key=counts.get)
    pk = [r for r in p.received if r[3] == ssrc]
    ts0 = pk[0][2]
    offs = np.array([(r[2] - ts0) & 0xFFFFFFFF for r in pk], dtype=np.int64)
    offs = np.where(offs > 0x80000000, offs - 0x100000000, offs)
    base = offs.min()
    offs -= base
    length = int(offs.max()) + SAMPLES
    pcm = np.zeros(length)
    for o, r in zip(offs, pk):
        pcm[o:o + len(r[4])] = ULAW[np.frombuffer(r[4], dtype=np.uint8)]
    order = np.argsort(offs, kind="stable")
    return pcm, offs[order], np.array([r[0] for r in pk])[order]


def envelopes(pcm, freqs, sigma_hz=20.0, decim=16):
    """Per frequency, the amplitude of the tone at that frequency over time (a Gaussian band,
    sigma_hz wide, around it: a step's 50% point stays where the step is), sampled every
    `decim` samples."""
    nfft = 1 << int(math.ceil(math.log2(len(pcm) + 4000)))
    spec = np.fft.fft(pcm, nfft)
    small = nfft // decim
    bins = np.fft.fftfreq(nfft, 1 / 8000)
    out = []
    for f in freqs:
        k0 = int(round(f * nfft / 8000))
        half = small // 2 - 1
        idx = np.arange(k0 - half, k0 + half)
        g = np.exp(-0.5 * ((bins[idx % nfft] - f) / sigma_hz) ** 2) * (bins[idx % nfft] > 0)
        band = np.zeros(small, dtype=complex)
        band[(idx - k0) % small] = spec[idx % nfft] * g
        out.append(np.abs(np.fft.ifft(band)) * 2 * small / nfft)
    return out, decim


def latency_stats(ms):
    lat = np.array(ms)
    if not len(lat):
        return {"n": 0, "median": None, "p05": None, "p95": None, "max": None}
    return {"n": len(lat), "median": float(np.median(lat)), "p05": float(np.percentile(lat, 5)),
            "p95": float(np.percentile(lat, 95)), "max": float(lat.max())}


def analyse(parts, window, after=None):
    """Delivery, mix-minus and latency of one mixer's run; `window` = (start, end) wall times;
    latency also for the onsets sent in `after`, a window after the pause."""
    w0, w1 = window
    spans = {"main": window, **({"after": after} if after else {})}
    latencies = {name: [] for name in spans}
    expected = round((w1 - w0) / PACKET)
    n = len(parts)
    freqs = [p.hz for p in parts]
    delivered, lost, heard, self_heard, levels, detail = [], 0, 0, 0, [], []
    for r in parts:
        times = np.array([x[0] for x in r.received])
        delivered.append(int(((times >= w0) & (times < w1)).sum()) if len(times) else 0)
        s = stream_of(r)
        if s is None:
            continue
        pcm, offs, rx = s
        in_window = offs[(rx >= w0) & (rx < w1)]
        if len(in_window):
            span = (int(in_window.max()) - int(in_window.min())) // SAMPLES + 1
            lost += max(0, span - len(np.unique(in_window)))
        env, d = envelopes(pcm, freqs)
        # Sample time on the receiver's side: its packet's receive time plus the offset in it.
        grid = np.arange(len(env[0])) * d
        pk = np.clip(np.searchsorted(offs, grid, side="right") - 1, 0, len(offs) - 1)
        t_grid = rx[pk] + (grid - offs[pk]) / 8000
        sel = (t_grid >= w0) & (t_grid < w1)
        for a in parts:
            e = env[a.i]
            on_level = float(np.percentile(e[sel], 75)) if sel.any() else 0.0
            ratio = on_level / LEVEL
            if a is r:
                self_heard += ratio > 0.1
                continue
            levels.append(ratio)
            heard += ratio > 0.5
            if ratio <= 0.5:
                continue
            half = on_level / 2
            for k, sent in enumerate(a.sent_at):
                span = next((name for name, (s0, s1) in spans.items() if s0 <= sent < s1 - 1.0), None)
                if span is None or not a.onset(k):
                    continue
                # The first crossing of half the on-level after the onset left its sender.
                j = int(np.searchsorted(t_grid, sent - 0.010))
                stop = int(np.searchsorted(t_grid, sent + 1.0))
                seg = e[j:stop]
                above = np.nonzero(seg >= half)[0]
                if not len(above) or above[0] == 0:
                    continue
                m = j + int(above[0])
                frac = (half - e[m - 1]) / (e[m] - e[m - 1])
                t = t_grid[m - 1] + frac * (t_grid[m] - t_grid[m - 1])
                latencies[span].append(1000 * (t - sent))
                detail.append((a.i, r.i, round(sent - w0, 3), round(1000 * (t - sent), 1)))
    return {
        "expected": expected, "delivered_min": min(delivered), "delivered_mean": float(np.mean(delivered)),
        "delivered_fraction": sum(delivered) / (expected * n), "lost": lost,
        "heard": heard, "pairs": n * (n - 1), "self_heard": int(self_heard),
        "level_median": float(np.median(levels)) if levels else 0.0,
        "latency": latency_stats(latencies["main"]),
        "latency_after": latency_stats(latencies.get("after", [])),
        "latency_detail": detail,
    }


def measure(name, pid, parts, warmup, seconds, extra_pids=()):
    """Runs the engine over the participants, measuring `pid` (the mixer) in the window."""
    snap = {}

    def mark(tag):
        def take():
            snap[tag] = {"wall": time.time(), "mono": time.monotonic(), "cpu": cpu_s(pid),
                         "threads": threads_cpu(pid), "machine": machine(),
                         "load": os.times(), "extra": {p: cpu_s(p) for p in extra_pids},
                         "status": status(pid) if tag == "end" else None,
                         "loadavg": os.getloadavg()[0]}
        return take

    w, d = round(warmup / PACKET), round(seconds / PACKET)
    # After the window: every sender pauses (PAUSE), then sends what it held at once; the
    # latency of the onsets from 2 s to 10 s after shows whether the mixer's delay came back.
    pause = w + d + 25
    resumed = pause + PAUSE
    marks = {w: mark("start"), w + d: mark("end"), resumed + 100: mark("after"), resumed + 500: mark("after_end")}
    engine = Engine(parts, resumed + 501, marks, pause=(pause, PAUSE))
    log(f"{name}: {len(parts)} participants, {warmup:g} s warm-up, {seconds:g} s measured")
    engine.run()
    a, b = snap["start"], snap["end"]
    wall = b["mono"] - a["mono"]
    busy = (b["machine"][0] - a["machine"][0]) / max(1, b["machine"][1] - a["machine"][1])
    load_cpu = (b["load"].user + b["load"].system) - (a["load"].user + a["load"].system)
    threads = []
    for tid, (tname, c) in b["threads"].items():
        before = a["threads"].get(tid, (tname, 0.0))[1]
        threads.append((tid == pid, tname, c - before))
    late = np.array(engine.late) * 1000
    result = analyse(parts, (a["wall"], b["wall"]), (snap["after"]["wall"], snap["after_end"]["wall"]))
    result.update(
        mixer=name, wall=wall, cpu=b["cpu"] - a["cpu"], busy=busy, load_cpu=load_cpu,
        threads=threads, status=b["status"], loadavg=(a["loadavg"], b["loadavg"]),
        extra={p: b["extra"][p] - a["extra"][p] for p in extra_pids},
        late_p99=float(np.percentile(late, 99)), late_max=float(late.max()))
    log(f"{name}: CPU {100 * result['cpu'] / wall:.1f}% of a core, delivered "
        f"{result['delivered_fraction']:.4f}, heard {result['heard']}/{result['pairs']}, self "
        f"{result['self_heard']}, latency median {result['latency']['median']}")
    return result


# if-mcu behind if-gk.

class Server:
    def __init__(self, argv, work, name):
        self.name = name
        self.out = open(work / f"{name}.jsonl", "wb")
        self.err_path = work / f"{name}.log"
        self.err = open(self.err_path, "wb")
        self.proc = subprocess.Popen(argv, cwd=work, stdin=subprocess.PIPE, stdout=self.out, stderr=self.err,
                                     env={**os.environ, "IF_LOG": os.environ.get("IF_LOG", "info")})

    def wait_log(self, marker, seconds=30):
        def found():
            if self.proc.poll() is not None:
                raise SystemExit(f"bench_mcu: {self.name} exited: {self.err_path.read_text()[-2000:]}")
            return next((l for l in self.err_path.read_text(errors="replace").splitlines() if marker in l), None)
        return wait_for(f"{self.name}: {marker}", found, seconds)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.out.close()
        self.err.close()


def addr_in(line):
    return re.search(r"\d+\.\d+\.\d+\.\d+:\d+", line).group(0)


def run_mcu(release, work, n, warmup, seconds):
    work.mkdir(parents=True, exist_ok=True)
    names = ["gk", "mcu"] + [f"guardian-{i + 1:02d}" for i in range(n)]
    trust = ""
    for who in names:
        trust += subprocess.run([str(release / "if-msg"), "keygen", "--agent", f"if://agent/{who}", "-o",
                                 str(work / f"{who}.key")], check=True, capture_output=True, text=True).stdout
    (work / "trust").write_text(trust)
    desc = json.loads(subprocess.run(
        [str(release / "if-msg"), "new", "--key", str(work / "guardian-01.key"), "--performative", "escalate",
         "--receiver", "if://agent/council", "--content", '{"finding":"live AWS key in build logs"}',
         "--hazard", "type=safety,severity=high", "--trace-id", "00000000c0de"],
        check=True, capture_output=True, text=True).stdout)
    cap = str(max(25, n))
    gk = Server([str(release / "if-gk"), "serve", "--listen", "127.0.0.1:0", "--key", "gk.key", "--trust", "trust",
                 "--conference-capacity", cap], work, "if-gk")
    mcu = None
    parts, calls = [], []
    try:
        gk_addr = addr_in(gk.wait_log("listening on"))
        mcu = Server([str(release / "if-mcu"), "serve", "--listen", "127.0.0.1:0", "--rtp-bind", "127.0.0.1",
                      "--gk", gk_addr, "--key", "mcu.key", "--trust", "trust", "--max-participants", cap],
                     work, "if-mcu")
        mcu_addr = addr_in(mcu.wait_log("listening on"))
        mcu.wait_log("registered with")
        for i in range(n):
            name = f"guardian-{i + 1:02d}"
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.bind(("127.0.0.1", 0))
            ras = h225_peer.Endpoint(sock, h225_peer.split_addr(gk_addr),
                                     h225_peer.load_key(str(work / f"{name}.key")), 3000)
            ras.emit = lambda obj: None
            threading.Thread(target=ras.reader, daemon=True).start()
            for cmd, want in (({"op": "grq", "alias": name}, "gatekeeperConfirm"),
                              ({"op": "rrq", "aliases": [name], "call_signal": "127.0.0.1:1720"}, "registrationConfirm"),
                              ({"op": "arq", "dest": "council", "description": desc}, "admissionConfirm")):
                r = ras.run(cmd)
                if r["answer"] != want:
                    raise SystemExit(f"bench_mcu: {name}: {cmd['op']}: {r['answer']} {r['reason']}")
            peer = hcp.Peer("127.0.0.1", name, None, 10000, {"codecs": ["ulaw"]})
            peer.emit = lambda obj: None
            c = peer.run_call({"to": r["fields"]["destCallSignalAddress"], "call_id": r["fields"]["call_id"],
                               "conference_id": r["fields"]["conference_id"], "endpoint_id": ras.endpoint_id,
                               "src_alias": name, "dest_alias": "council", "description": desc, "goal": "join"})
            if c["state"] != "connected" or c["errors"]:
                raise SystemExit(f"bench_mcu: {name}: call {c['state']} {c['errors']} {c['release']}")
            call = peer.calls[c["call"]]
            wait_for(f"{name}'s media", lambda: call.media.remote is not None, 10)
            calls.append((peer, ras))
            parts.append(Participant(i, n, call.media))
        log(f"if-mcu: {n} calls connected through if-gk ({mcu_addr})")
        events_before = sum(1 for _ in open(work / "if-mcu.jsonl", "rb"))
        r = measure("if-mcu", mcu.proc.pid, parts, warmup, seconds, extra_pids=(gk.proc.pid,))
        r["events"] = sum(1 for _ in open(work / "if-mcu.jsonl", "rb")) - events_before
        r["gk_cpu"] = r["extra"][gk.proc.pid]
        r["perf"] = perf_profile(mcu.proc.pid, parts, work) if os.environ.get("BENCH_MCU_PERF") else None
        for peer, _ in calls:
            try:
                peer.run_hangup({"timeout_ms": 3000})
            except Exception as e:  # noqa: BLE001  (a call the MCU ended already)
                log(f"hangup: {e}")
        return r
    finally:
        if mcu:
            mcu.stop()
        gk.stop()


def perf_profile(pid, parts, work):
    """`perf record` of the MCU for 5 s more of the same load (BENCH_MCU_PERF=1): the top symbols."""
    if not shutil.which("perf"):
        return None
    data = work / "perf.data"
    rec = subprocess.Popen(["perf", "record", "-F", "999", "-g", "-p", str(pid), "-o", str(data), "--", "sleep", "5"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for p in parts:
        p.sent_at, p.received = [], []
    Engine(parts, 5 * 50, {}).run()
    rec.wait()
    report = subprocess.run(["perf", "report", "-i", str(data), "--no-children", "--sort", "dso,symbol",
                             "--stdio", "--percent-limit", "1.5", "-g", "none"], capture_output=True, text=True).stdout
    (work / "perf.txt").write_text(report)
    return [l for l in report.splitlines() if l.strip() and not l.startswith("#")][:25]


# Janus AudioBridge.

JANUS_JCFG = """general: {{
	configs_folder = "{conf}"
	plugins_folder = "{lib}/plugins"
	transports_folder = "{lib}/transports"
	events_folder = "{lib}/events"
	loggers_folder = "{lib}/loggers"
	debug_level = 4
}}
nat: {{
	ice_ignore_list = "vmnet"
}}
plugins: {{
	disable = "{plugins}"
}}
transports: {{
	disable = "{transports}"
}}
events: {{
	broadcast = false
}}
loggers: {{
	disable = "libjanus_jsonlog.so"
}}
"""
JANUS_HTTP = """general: {
	json = "plain"
	base_path = "/janus"
	http = true
	port = 0
	ip = "127.0.0.1"
	https = false
}
admin: {
	admin_http = false
	admin_https = false
}
"""
JANUS_AUDIOBRIDGE = """general: {
	local_ip = "127.0.0.1"
}
room-1000: {
	description = "bench"
	sampling_rate = 8000
	allow_rtp_participants = true
	audiolevel_ext = false
	record = false
}
"""


class JanusApi:
    def __init__(self, port):
        self.port, self.tx = port, 0
        self.events = []
        self.cond = threading.Condition()
        self.session = None
        self.polling = False

    def post(self, path, body):
        self.tx += 1
        body = {**body, "transaction": f"t{self.tx}"}
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        c.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
        r = json.loads(c.getresponse().read())
        c.close()
        if r.get("janus") == "error":
            raise SystemExit(f"bench_mcu: Janus: {body}: {r}")
        return r

    def poll(self):
        """Long-polls the session's events (which also keeps the session alive)."""
        while self.polling:
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=40)
                c.request("GET", f"/janus/{self.session}?maxev=25")
                got = json.loads(c.getresponse().read())
                c.close()
            except (OSError, ValueError, http.client.HTTPException):
                if self.polling:
                    time.sleep(0.1)
                continue
            with self.cond:
                self.events += got if isinstance(got, list) else [got]
                self.cond.notify_all()

    def wait_event(self, pred, seconds=10):
        deadline = time.monotonic() + seconds
        with self.cond:
            while True:
                for e in self.events:
                    if pred(e):
                        self.events.remove(e)
                        return e
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SystemExit("bench_mcu: Janus: no event in time")
                self.cond.wait(left)


def janus_version():
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "janus"], capture_output=True, text=True).stdout
    return out.strip() or "?"


def run_janus(work, n, warmup, seconds):
    conf = work / "janus-conf"
    conf.mkdir(parents=True, exist_ok=True)
    others = lambda kind, keep: ",".join(sorted(  # noqa: E731
        f.name for f in (JANUS_LIB / kind).glob("libjanus_*.so") if f.name != keep))
    (conf / "janus.jcfg").write_text(JANUS_JCFG.format(
        conf=conf, lib=JANUS_LIB, plugins=others("plugins", "libjanus_audiobridge.so"),
        transports=others("transports", "libjanus_http.so")))
    (conf / "janus.transport.http.jcfg").write_text(JANUS_HTTP)
    (conf / "janus.plugin.audiobridge.jcfg").write_text(JANUS_AUDIOBRIDGE)
    logf = open(work / "janus.log", "wb")
    proc = subprocess.Popen(["janus", "-F", str(conf), "-C", str(conf / "janus.jcfg"), "-o"], cwd=work,
                            stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT)
    api = None
    try:
        def port():
            if proc.poll() is not None:
                raise SystemExit(f"bench_mcu: janus exited: {(work / 'janus.log').read_text()[-2000:]}")
            ports = listening_ports(proc.pid)
            return ports[0] if ports else None
        api = JanusApi(wait_for("Janus's HTTP listener", port))
        wait_for("Janus's API", lambda: api.post("/janus", {"janus": "info"}) is not None)
        api.session = api.post("/janus", {"janus": "create"})["data"]["id"]
        api.polling = True
        threading.Thread(target=api.poll, daemon=True).start()
        parts = []
        for i in range(n):
            media = BenchMedia("127.0.0.1", None, None)
            handle = api.post(f"/janus/{api.session}", {"janus": "attach", "plugin": "janus.plugin.audiobridge"})["data"]["id"]
            api.post(f"/janus/{api.session}/{handle}", {"janus": "message", "body": {
                "request": "join", "room": ROOM, "display": f"guardian-{i + 1:02d}", "codec": "pcmu",
                "rtp": {"ip": "127.0.0.1", "port": media.rtp.getsockname()[1], "payload_type": 0}}})
            e = api.wait_event(lambda e: e.get("sender") == handle and
                               e.get("plugindata", {}).get("data", {}).get("audiobridge") == "joined")
            rtp = e["plugindata"]["data"]["rtp"]
            media.start(f"{rtp['ip']}:{rtp['port']}", "ulaw", 0, 0, None)
            parts.append(Participant(i, n, media))
        log(f"janus: {n} plain-RTP participants joined room {ROOM}")
        r = measure("Janus AudioBridge", proc.pid, parts, warmup, seconds)
        r["version"] = janus_version()
        return r
    finally:
        if api:
            api.polling = False
            if api.session:
                try:
                    api.post(f"/janus/{api.session}", {"janus": "destroy"})
                except (OSError, SystemExit, http.client.HTTPException):
                    pass
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        logf.close()


# The section.

def fmt_ms(v):
    return "n/a" if v is None else f"{v:.1f}"


def section(res, args):
    m, j = res.get("if-mcu"), res.get("Janus AudioBridge")
    cols = [r for r in (m, j) if r]
    n = args.participants

    def row(label, f):
        return f"| {label} | " + " | ".join(f(r) for r in cols) + " |"

    head = "| | " + " | ".join(("if-mcu" if r is m else f"Janus AudioBridge {r['version']}") for r in cols) + " |"
    rows = [
        head, "| --- |" + " --- |" * len(cols),
        row("mixer CPU, share of one core (utime+stime / wall)", lambda r: f"{100 * r['cpu'] / r['wall']:.1f}%"),
        row("mixer CPU per participant", lambda r: f"{100 * r['cpu'] / r['wall'] / n:.2f}% of a core"),
        row("mixer CPU per RTP packet handled (received or sent)",
            lambda r: f"{1e6 * r['cpu'] / (2 * n * r['wall'] / PACKET):.1f} µs"),
        row("mixer RSS at the end / peak", lambda r: f"{r['status']['rss_mb']:.1f} / {r['status']['hwm_mb']:.1f} MB"),
        row("mixer threads", lambda r: str(r["status"]["threads"])),
        row(f"packets received per participant of {cols[0]['expected']} expected: fewest / mean",
            lambda r: f"{r['delivered_min']} / {r['delivered_mean']:.1f}"),
        row("delivered, all participants", lambda r: f"{100 * r['delivered_fraction']:.2f}%"),
        row("packets missing in the received sequence", lambda r: str(r["lost"])),
        row("mix-minus: others' tones heard, of pairs", lambda r: f"{r['heard']} / {r['pairs']}"),
        row("participants hearing their own tone", lambda r: str(r["self_heard"])),
        row("others' tones as received (median level, 1 = as sent)", lambda r: f"{r['level_median']:.2f}"),
        row("added latency, onset sent to onset heard: median (5th-95th percentile) ms",
            lambda r: f"{fmt_ms(r['latency']['median'])} ({fmt_ms(r['latency']['p05'])}-{fmt_ms(r['latency']['p95'])})"),
        row("added latency: worst ms, onsets measured", lambda r: f"{fmt_ms(r['latency']['max'])}, {r['latency']['n']}"),
        row("added latency 2 to 10 s after every sender paused 200 ms, then sent what it held at once: median (5th-95th) ms",
            lambda r: f"{fmt_ms(r['latency_after']['median'])} ({fmt_ms(r['latency_after']['p05'])}-{fmt_ms(r['latency_after']['p95'])})"),
        row("the machine's 2 cores busy during the window", lambda r: f"{100 * r['busy']:.0f}%"),
        row("load generator CPU (this process: signalling idle, all RTP)", lambda r: f"{100 * r['load_cpu'] / r['wall']:.1f}% of a core"),
        row("load generator's sending late: 99th percentile / worst ms", lambda r: f"{r['late_p99']:.1f} / {r['late_max']:.1f}"),
        row("1-minute load average, window start / end", lambda r: f"{r['loadavg'][0]:.2f} / {r['loadavg'][1]:.2f}"),
    ]
    text = "\n".join(rows)
    goal = ""
    if m and j:
        cpu_ok = m["cpu"] <= j["cpu"]
        del_ok = m["delivered_fraction"] >= j["delivered_fraction"]
        goal = (f"Goal (issue 13): if-mcu's CPU at or below Janus's: {'met' if cpu_ok else 'not met'} "
                f"({m['cpu'] / max(j['cpu'], 1e-9):.2f}x Janus's); delivered packets at least Janus's: "
                f"{'met' if del_ok else 'not met'} ({100 * m['delivered_fraction']:.2f}% against "
                f"{100 * j['delivered_fraction']:.2f}%).")
    def breakdown(r):
        """The mixer's threads over the window, grouped by name, the busiest first."""
        main = sum(c for is_main, _, c in r["threads"] if is_main)
        named = {}
        for is_main, name, c in r["threads"]:
            if not is_main:
                named.setdefault(name, []).append(c)
        parts = [f"the main thread {100 * main / r['wall']:.1f}%"]
        for name, cs in sorted(named.items(), key=lambda kv: -sum(kv[1]))[:5]:
            busy = sum(c > 0 for c in cs)
            parts.append(f"{len(cs)} named `{name}` {100 * sum(cs) / r['wall']:.1f}% ({busy} of them busy)")
        return "; ".join(parts)

    threads = ""
    if m:
        threads += (f"if-mcu's threads, share of one core over the window (the main thread is its loop): "
                    f"{breakdown(m)}. if-gk beside it (keeping the {n + 1} registrations): "
                    f"{100 * m['gk_cpu'] / m['wall']:.1f}%. if-mcu wrote {m['events']} signed events in the "
                    f"window (talker detection follows the gated tones). ")
    if j:
        threads += f"Janus's threads, the same way: {breakdown(j)}."
    bounds = ""
    if m and j:
        per = lambda r: 1e6 * r["cpu"] / (2 * n * r["wall"] / PACKET)  # noqa: E731
        bounds = (
            f"What bounds it: neither mixer is near a bound at {n} participants, a few per cent of one core "
            f"each ({per(m):.1f} µs of if-mcu's CPU per packet in or out, {per(j):.1f} µs of Janus's); the "
            f"machine's 2 cores were {100 * m['busy']:.0f}% and {100 * j['busy']:.0f}% busy during the two windows, "
            f"mostly with other work (the load average above), which shows in the load generator's late sends "
            f"and in the latency's spread. The latency is each mixer's jitter buffer and tick: if-mcu plays a "
            f"participant once 2 packets (40 ms) have gathered, Janus's AudioBridge once 6 have "
            f"(`default_prebuffering`, 120 ms). The pause row: a stall whose packets then arrive together leaves "
            f"if-mcu's backlog above its depth until it is dropped a second later (docs/if-mcu.md, Media); "
            f"Janus's AudioBridge, as a packet arrives, cuts a participant's queue back to its prebuffering once "
            f"the queue holds twice that.")
    return f"""## if-mcu beside Janus AudioBridge: {n} participants, G.711, {args.seconds:g} s

Measured by `scripts/bench mcu` on {time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, release build, in one run,
the same load on both mixers one after the other: {n} participants, G.711 μ-law in 20 ms packets,
each sending its own tone (300 Hz upwards in steps of {tone_hz(1, n) - 300:g} Hz, amplitude {LEVEL} of
full scale, on for 2 s of every 4, the onsets staggered), {args.warmup:g} s of warm-up, then
{args.seconds:g} s measured. For **if-mcu** (`serve`, its defaults: the jitter buffer's 40 ms, one
conference) each participant is an H.323 call admitted by **if-gk** (`serve`): GRQ, RRQ, and an
ARQ signed with its token carrying the signed call description, then Setup with fastStart; the
MCU's own answer-ARQ, events signed and written to a file. For **Janus AudioBridge** (Debian
`janus`, its config a private copy: room {ROOM} with `sampling_rate = 8000`,
`allow_rtp_participants = true`, `audiolevel_ext = false`, the plugin's `local_ip = "127.0.0.1"`,
the other plugins and transports disabled, the HTTP API on 127.0.0.1; the AudioBridge's defaults
otherwise, among them its prebuffering of 6 packets) each participant joins with `"codec":"pcmu"`
and `"rtp":{{"ip":"127.0.0.1","port":P,"payload_type":0}}`.

The load generator is `scripts/bench_mcu.py`, one process: the guardians' signalling is the
pycrate code of the tests (`h225_peer.py`, `h323_call_peer.py`), imported, not 25 processes; all
RTP, both ways, is one thread with one epoll set, every payload precomputed, kernel receive time
stamps (`SO_TIMESTAMPNS`). CPU is utime+stime from `/proc/PID/stat` over the measured window.

{text}

{goal}

How the columns are measured: delivered counts the RTP packets each participant received in the
window against one every 20 ms. Mix-minus: for each participant's received mix, the level of
every tone in a 20 Hz Gaussian band around it, on-level 1 when a tone comes through as sent;
a tone counts as heard above 0.5, one's own tone counts as heard above 0.1. Added latency: the
time from a tone's onset leaving its sender to the same onset (half its level, after the same
band filter, which moves a step by nothing) in each other participant's mix, both taken as packet
time plus the sample's offset in the packet: what the mixer adds by its jitter buffer, its mixing
tick and its sending. {threads}

{bounds}
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("release")
    ap.add_argument("work")
    ap.add_argument("--participants", type=int, default=25)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--warmup", type=float, default=2.0)
    ap.add_argument("--mixers", default="if-mcu,janus")
    args = ap.parse_args()
    release, work = pathlib.Path(args.release).resolve(), pathlib.Path(args.work).resolve()
    mixers = args.mixers.split(",")
    res = {}
    if "if-mcu" in mixers:
        res["if-mcu"] = run_mcu(release, work / "mcu", args.participants, args.warmup, args.seconds)
    if "janus" in mixers:
        if not shutil.which("janus"):
            raise SystemExit("bench_mcu: no janus: run scripts/setup")
        res["Janus AudioBridge"] = run_janus(work / "janus", args.participants, args.warmup, args.seconds)
    (work / "results.json").write_text(json.dumps(res, indent=1, default=str))
    print(section(res, args))


if __name__ == "__main__":
    main()
