#!/usr/bin/env python3
"""SIP benchmark: SIPp calls through `if-sip proxy` (policy and signed events on) and through
Kamailio as a plain stateful proxy, in the same run, on this machine.

    bench_sip.py BIN_DIR WORK_DIR   -> prints a Markdown section on stdout

For each proxy: CPU seconds per 1,000 calls and p99 call-setup time (INVITE sent to 200 received,
SIPp -trace_rtt) at a fixed rate, and the highest rate of a ladder that completes with zero failed
calls; then the fixed rate over TCP, and with digest authentication of every INVITE on in both (if-sip
`--credentials`, Kamailio's auth module with one fixed password: tests/data/kamailio/chain-auth.cfg;
MD5, qop=auth, nonce counts checked; SIPp answers each 407 by uac-rr-auth.xml). Everything runs on
127.0.0.1; every process is bounded in calls and time.
"""
import csv
import glob
import os
import signal
import subprocess
import sys
import time

BIN, WORK = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICK = os.sysconf("SC_CLK_TCK")
FIXED_RATE, FIXED_CALLS = 200, 3000
LADDER = [250, 500, 1000, 2000, 3000]
LADDER_SECONDS = 4


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except OSError:
            pass
    return total / TICK


def pids_of(proc, name):
    if name == "kamailio":
        out = subprocess.run(["pgrep", "-f", "kamailio -f bench-kamailio.cfg"], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]
    return [proc.pid]


def wait_port(port):
    import socket
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on {port}")


def start(cmd, **kw):
    return subprocess.Popen(cmd, cwd=WORK, stdin=subprocess.DEVNULL, start_new_session=True, **kw)


def stop(p):
    try:
        os.killpg(p.pid, signal.SIGTERM)
        p.wait(timeout=5)
    except Exception:
        os.killpg(p.pid, signal.SIGKILL)


# SIPp's digest answer for uac-rr-auth.xml; its `uri` must be the Request-URI (SIPp adds `sip:`).
DIGEST_UAC = ["-au", "alice", "-ap", "Circle Of Life", "-auth_uri", "service@127.0.0.1:35060"]


def uac(port, rate, calls, tag, digest=False, tcp=False):
    for f in glob.glob(os.path.join(WORK, "*_rtt.csv")):
        os.remove(f)
    scenario, extra = ("uac-rr-auth.xml", DIGEST_UAC) if digest else ("uac-rr.xml", [])
    r = subprocess.run(
        ["sipp", "-sf", scenario, f"127.0.0.1:{port}", "-i", "127.0.0.1", "-p", "35080", "-r", str(rate), "-m", str(calls),
         "-l", str(max(rate * 4, 100)), "-nostdin", "-timeout", "60s", "-timeout_error", "-trace_rtt", "-rtt_freq", "1"]
        + extra + (["-t", "t1"] if tcp else []),
        cwd=WORK, capture_output=True, text=True)
    rtts = []
    for f in glob.glob(os.path.join(WORK, "*_rtt.csv")):
        with open(f) as fh:
            for row in csv.reader(fh, delimiter=";"):
                try:
                    rtts.append(float(row[1]))
                except (IndexError, ValueError):
                    pass
    return r.returncode == 0, sorted(rtts)


def p99(values):
    return values[min(len(values) - 1, int(len(values) * 0.99))] if values else float("nan")


def measure(name, digest=False, tcp=False):
    uas = start(["sipp", "-sf", "uas-rr.xml", "-i", "127.0.0.1", "-p", "35070", "-nostdin"] + (["-t", "t1"] if tcp else []),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    if name == "if-sip":
        events = open(os.path.join(WORK, "events.jsonl"), "w")
        auth = ["--credentials", "users.toml", "--realm", "ifconnect.test", "--digest-algorithm", "md5"] if digest else []
        route = "sip:127.0.0.1:35070" + (";transport=tcp" if tcp else "")
        proxy = start([os.path.join(BIN, "if-sip"), "proxy", "--listen", "127.0.0.1:35060", "--route", route,
                       "--policy", "guard.toml", "--key", "proxy.key"] + auth, stdout=events, stderr=subprocess.DEVNULL)
    else:
        with open(os.path.join(ROOT, "tests/data/kamailio", "chain-auth.cfg" if digest else "chain.cfg")) as f:
            cfg = f.read().replace("KAM_PORT", "35060").replace("IFSIP_PORT", "35070" + (";transport=tcp" if tcp else ""))
        with open(os.path.join(WORK, "bench-kamailio.cfg"), "w") as f:
            f.write(cfg)
        proxy = start(["kamailio", "-f", "bench-kamailio.cfg", "-DD", "-E", "-m", "256", "-M", "32"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(35060)
    time.sleep(0.3)
    pids = pids_of(proxy, name)
    before = cpu_seconds(pids)
    ok, rtts = uac(35060, FIXED_RATE, FIXED_CALLS, name, digest, tcp)
    cpu = cpu_seconds(pids) - before
    median = rtts[len(rtts) // 2] if rtts else float("nan")
    result = {"ok": ok, "cpu_per_1000": cpu / FIXED_CALLS * 1000, "p99": p99(rtts), "p50": median, "max_rate": 0}
    for rate in [] if digest or tcp else LADDER:
        good, _ = uac(35060, rate, rate * LADDER_SECONDS, name)
        if not good:
            break
        result["max_rate"] = rate
    stop(proxy)
    stop(uas)
    if name == "if-sip":
        events.close()
        with open(os.path.join(WORK, "events.jsonl")) as f:
            result["events"] = sum(1 for _ in f)
    return result


def main():
    import shutil
    for scenario in ("uac-rr.xml", "uac-rr-auth.xml", "uas-rr.xml"):
        shutil.copy(os.path.join(ROOT, "tests/data/sipp", scenario), WORK)
    subprocess.run([os.path.join(BIN, "if-msg"), "keygen", "--agent", "if://agent/proxy", "-o", "proxy.key"], cwd=WORK, check=True,
                   stdout=open(os.path.join(WORK, "trust"), "w"), stderr=subprocess.DEVNULL)
    with open(os.path.join(WORK, "guard.toml"), "w") as f:
        f.write('trust = ["trust"]\n\n[[expert]]\nname = "Legal desk"\nuri = "sip:legal@127.0.0.1:35090"\nhazards = ["legal"]\n')
    with open(os.path.join(WORK, "users.toml"), "w") as f:
        f.write('[users.alice]\npassword = "Circle Of Life"\n')
    os.chmod(os.path.join(WORK, "users.toml"), 0o600)
    res = {name: measure(name) for name in ("if-sip", "kamailio")}
    dig = {name: measure(name, digest=True) for name in ("if-sip", "kamailio")}
    tcp = {name: measure(name, tcp=True) for name in ("if-sip", "kamailio")}
    kam_v = subprocess.run(["kamailio", "-v"], capture_output=True, text=True).stdout.splitlines()[0].replace("version: ", "").strip()
    sipp_v = subprocess.run(["sipp", "-v"], capture_output=True, text=True).stdout.strip().splitlines()
    sipp_v = next((l.strip().rstrip(".") for l in sipp_v if "SIPp" in l), "SIPp")
    a, k = res["if-sip"], res["kamailio"]
    da, dk = dig["if-sip"], dig["kamailio"]
    ta, tk = tcp["if-sip"], tcp["kamailio"]
    print(f"""## if-sip proxy beside Kamailio

Measured by `scripts/bench sip` on {time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, in one run: {sipp_v} as UAC and UAS
on 127.0.0.1, the proxy between them; `if-sip proxy` (release build) with a policy file loaded and
every transaction written as a signed IFMessage ({a.get('events', 0)} events in the run), and {kam_v}
as a plain stateful proxy (`tests/data/kamailio/chain.cfg`: tm, rr, maxfwd; 2 UDP workers).
Calls follow `tests/data/sipp/uac-rr.xml` and `uas-rr.xml` (INVITE, 180, 200, ACK and BYE along the
Record-Route set, 200), so both proxies handle all three transactions of every call. SIPp reports
setup times in whole milliseconds.

| | if-sip proxy | Kamailio |
| --- | --- | --- |
| {FIXED_CALLS} calls at {FIXED_RATE} calls/s: all completed | {'yes' if a['ok'] else 'NO'} | {'yes' if k['ok'] else 'NO'} |
| CPU seconds per 1,000 calls (proxy processes, utime+stime) | {a['cpu_per_1000']:.3f} | {k['cpu_per_1000']:.3f} |
| call setup, INVITE to 200 (SIPp `-trace_rtt`): median / p99 ms | {a['p50']:.0f} / {a['p99']:.0f} | {k['p50']:.0f} / {k['p99']:.0f} |
| highest rate of {', '.join(map(str, LADDER))} calls/s held for {LADDER_SECONDS} s with zero failed calls | {a['max_rate']} | {k['max_rate']} |
| with digest authentication of every INVITE (407, then MD5 qop=auth): {FIXED_CALLS} calls at {FIXED_RATE} calls/s all completed | {'yes' if da['ok'] else 'NO'} | {'yes' if dk['ok'] else 'NO'} |
| with digest: CPU seconds per 1,000 calls | {da['cpu_per_1000']:.3f} | {dk['cpu_per_1000']:.3f} |
| with digest: call setup (first INVITE to 200, the 407 round trip included): median / p99 ms | {da['p50']:.0f} / {da['p99']:.0f} | {dk['p50']:.0f} / {dk['p99']:.0f} |
| over TCP (SIPp `-t t1`, one connection each side; the next hop `;transport=tcp`): {FIXED_CALLS} calls at {FIXED_RATE} calls/s all completed | {'yes' if ta['ok'] else 'NO'} | {'yes' if tk['ok'] else 'NO'} |
| over TCP: CPU seconds per 1,000 calls | {ta['cpu_per_1000']:.3f} | {tk['cpu_per_1000']:.3f} |
| over TCP: call setup: median / p99 ms | {ta['p50']:.0f} / {ta['p99']:.0f} | {tk['p50']:.0f} / {tk['p99']:.0f} |

Goal: `if-sip` at or below Kamailio's CPU per call: {'met' if a['cpu_per_1000'] <= k['cpu_per_1000'] else 'not met'}
({a['cpu_per_1000'] / k['cpu_per_1000']:.2f}x Kamailio's); with digest on in both:
{'met' if da['cpu_per_1000'] <= dk['cpu_per_1000'] else 'not met'} ({da['cpu_per_1000'] / dk['cpu_per_1000']:.2f}x); over TCP:
{'met' if ta['cpu_per_1000'] <= tk['cpu_per_1000'] else 'not met'} ({ta['cpu_per_1000'] / tk['cpu_per_1000']:.2f}x). SIPp, the proxy and the UAS share the 2 cores, so the
highest rates are bounded by the machine as much as by either proxy, and each rung of the ladder is
one 4 s attempt: expect the highest-rate row to move by a rung between runs.
""")


if __name__ == "__main__":
    main()
