"""`scripts/bench gk`: ARQ/s of a real `if-gk serve` (every gate on, signed events written) with
1,000 registered endpoints (examples/gk_load), what bounds it measured in the same run (the CPU of
each thread and of the machine, the core's and the event's cost in-process, the event signing
rate), and the decode time of the same ARQ in pycrate, the independent codec. Run twice: the
events written to a file in memory (tmpfs) and to a file on the disk. Prints the Markdown section
of docs/benchmarks.md.

Usage: bench_gk.py RELEASE_DIR WORK_DIR [ENDPOINTS] [ARQS]
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

release, work = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
endpoints = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
arqs = int(sys.argv[4]) if len(sys.argv) > 4 else 60000
root = pathlib.Path(__file__).resolve().parents[1]


def run(where):
    out = subprocess.run(
        [str(release / "examples/gk_load"), str(release / "if-gk"), str(where), str(endpoints), str(arqs)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


load_before = os.getloadavg()[0]
memory = pathlib.Path("/dev/shm") if os.path.isdir("/dev/shm") else None
if memory:
    shm = pathlib.Path(tempfile.mkdtemp(prefix="ifconnect-bench-gk.", dir=memory))
    try:
        r = run(shm)
    finally:
        shutil.rmtree(shm, ignore_errors=True)
    disk = run(work / "disk")
    placement = "a file on tmpfs (`/dev/shm`)"
else:
    r = disk = run(work / "disk")
    placement = "a file on the disk (no tmpfs here)"
load_after = os.getloadavg()[0]

sys.path.insert(0, str(root / "scripts"))
import h225_peer  # noqa: E402  (the peer's pycrate codec, with its APER fix)

sample = (work / "disk" / "sample-arq.ras").read_bytes()
n = 2000
t = time.perf_counter()
for _ in range(n):
    h225_peer.decode(sample)
pycrate_us = (time.perf_counter() - t) * 1e6 / n


def lost(x):
    return x["unanswered"] + (x["arqs"] - x["recorded"])


threads = r["gk_thread_us_per_arq"]
main_us, writer_us = threads.get("if-gk", 0.0), threads.get("event writer", 0.0)
print(f"""### H.323 gatekeeper: ARQ/s (`scripts/bench gk`)

`examples/gk_load` starts `if-gk serve` (release build, events to {placement}), registers
{r["endpoints"]:,} endpoints (each its own UDP socket and trusted key) and has them ask admission for
{r["arqs"]:,} calls between each other: every ARQ signed with its token and carrying the same signed
call description, so every gate runs; each endpoint keeps one request outstanding. The load
generator runs on the same 2 cores (one thread, one epoll set). The same load is then run again
with the events written to a file on the disk. 1-minute load average before {load_before:.2f}, after {load_after:.2f}.

| | result | goal |
| --- | --- | --- |
| ARQ/s, every gate and the signed events on (events to {"tmpfs" if memory else "disk"}) | {r["arq_per_s"]:,.0f} | 20,000 |
| ARQ/s, the same, events to a file on the disk | {disk["arq_per_s"]:,.0f} | |
| admitted / refused / unanswered | {r["admitted"]:,} / {r["refused"]:,} / {r["unanswered"]:,} | |
| decisions lost (unanswered, or answered without their event), both runs | {lost(r)} and {lost(disk)} | 0 |
| the machine's 2 cores busy during the load | {100 * r["machine_busy"]:.0f}% | |
| gatekeeper CPU per ARQ: its loop's thread, the event writer's | {main_us:.0f} µs, {writer_us:.0f} µs | |
| the load generator's CPU per ARQ | {r["load_cpu_us_per_arq"]:.0f} µs | |
| the core alone per ARQ (sans-IO, in-process, no events) | {r["core_us_per_arq"]:.0f} µs | |
| an ARQ's event made, signed and serialised (in-process) | {r["event_us_per_arq"]:.0f} µs | |
| event signing, one core (a small event) | {r["signing_per_s"]:,.0f} events/s | |
| decode of the same ARQ ({len(sample)} octets): rasn (ours) | {r["rasn_decode_us"]:.1f} µs | |
| decode of the same ARQ: pycrate 0.8.1 (the independent codec) | {pycrate_us:.0f} µs | |

What bounds it: CPU. During the load the machine's two cores were {100 * r["machine_busy"]:.0f}% busy: the
gatekeeper's loop ({main_us:.0f} µs per ARQ: the core's {r["core_us_per_arq"]:.0f} µs, mostly the token's Ed25519
verification, batched with the others that arrived together, and the ARQ's decoding; the rest
its socket calls, a `recvmmsg` and a `sendmmsg` per batch), the event writer ({writer_us:.0f} µs: the
event's Ed25519 signature and its JSON, {r["event_us_per_arq"]:.0f} µs of it measured alone), the load
generator ({r["load_cpu_us_per_arq"]:.0f} µs) and the kernel's loopback path between them. The two Ed25519
operations are about half of the gatekeeper's work. An answer leaves only once its event is
written: on this machine's disk the writer's `write` calls sometimes wait for the file system,
and with them the answers, hence the lower rate with the events on the disk; no decision is lost
either way.""")
