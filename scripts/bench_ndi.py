#!/usr/bin/env python3
"""NDI benchmark: if-ndi-pub at 1920x1080, 30 fps, 60 s, every frame's record sealed and signed,
received and verified live by if-ndi-view, on this machine, beside NDI's own Python bindings
sending and receiving the same picture in the same run.

    bench_ndi.py BIN_DIR WORK_DIR   -> prints a Markdown section on stdout
"""
import json
import os
import re
import subprocess
import sys
import time

BIN, WORK = sys.argv[1], sys.argv[2]
FRAMES, FPS, SIZE = 1800, 30, "1920x1080"


def timed(cmd, **kw):
    return subprocess.Popen(["/usr/bin/time", "-f", "cpu %U %S"] + cmd, cwd=WORK, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def cpu(stderr):
    m = re.search(r"cpu ([\d.]+) ([\d.]+)", stderr)
    return float(m.group(1)) + float(m.group(2)) if m else float("nan")


def main():
    with open(os.path.join(WORK, "trust"), "w") as t:
        subprocess.run([os.path.join(BIN, "if-msg"), "keygen", "--agent", "if://agent/bench", "-o", "bench.key"], cwd=WORK, check=True, stdout=t, stderr=subprocess.DEVNULL)
    name = f"ifconnect-bench-{os.getpid()}"
    view = timed([os.path.join(BIN, "if-ndi-view"), "--source", name, "--key", "bench.key", "--trust", "trust",
                  "--seconds", str(FRAMES / FPS + 12), "--every", "1000000"])
    time.sleep(1)
    card = '{"summary":"benchmark card: stripe_live_key in app/config.py:12","file":"app/config.py","line":12}\n'
    start = time.time()
    pub = timed([os.path.join(BIN, "if-ndi-pub"), "--name", name, "--key", "bench.key", "--size", SIZE, "--fps", str(FPS),
                 "--frames", str(FRAMES), "--wait-receiver", "15"], stdin=subprocess.PIPE)
    pub_out, pub_err = pub.communicate(card)
    wall = time.time() - start
    view_out, view_err = view.communicate()
    m = re.search(r"(\d+) frames verified, (\d+) anomalies", view_err)
    verified, anomalies = (int(m.group(1)), int(m.group(2))) if m else (0, -1)
    pub_cpu, view_cpu = cpu(pub_err), cpu(view_err)
    rt = re.search(r"NDI runtime (.*?) \(", pub_err)
    # The peer in the same run: NDI's own Python bindings sending the same size and rate with no
    # hashing or signing, and receiving as if-ndi-view does. The difference is our per-frame cost.
    peer = [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ndi_peer.py")]
    bare = f"ifconnect-bare-{os.getpid()}"
    bare_recv = timed(peer + ["bench-recv", bare, str(FRAMES / FPS + 12)])
    time.sleep(1)
    card_raw = os.path.join(WORK, "card.bgra")
    subprocess.run([os.path.join(BIN, "examples", "ndi_frame_cost"), card_raw], capture_output=True, check=True)
    bare_send = timed(peer + ["bench-send", bare, card_raw, str(FRAMES)])
    _, bare_send_err = bare_send.communicate()
    bare_out, bare_recv_err = bare_recv.communicate()
    try:
        bare_frames = json.loads(bare_out.strip().splitlines()[-1])["video"]
    except (ValueError, IndexError, KeyError):
        bare_frames = 0
    bare_send_cpu, bare_recv_cpu = cpu(bare_send_err), cpu(bare_recv_err)
    steps = subprocess.run([os.path.join(BIN, "examples", "ndi_frame_cost")], capture_output=True, text=True, check=True).stdout
    print(f"""## if-ndi-pub and if-ndi-view, 1080p30

Measured by `scripts/bench ndi` on {time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, release build, in one run:
`if-ndi-pub --size {SIZE} --fps {FPS} --frames {FRAMES}` (the card drawn, its 8 MB of pixels hashed with
SHA-256 and its luma grid taken once; every frame its record sealed, SHA-256 and Ed25519, and sent
inside the frame; NDI's own SpeedHQ encoder every frame) received over loopback by `if-ndi-view`
(NDI decode to BGRA; every frame the grid of the decoded picture, in the runtime's buffer, and the
record's signature and chain checked), with the NDI runtime {rt.group(1) if rt else '?'} from `ndi-python`.

| | result |
| --- | --- |
| frames sent / verified live / anomalies | {FRAMES} / {verified} / {anomalies} ({100 * verified / FRAMES:.1f}% verified) |
| wall time for {FRAMES} frames at {FPS} fps | {wall:.1f} s (nominal {FRAMES / FPS:.0f} s) |
| publisher CPU per frame (seal and sign the record, NDI encode and send) | {1000 * pub_cpu / FRAMES:.2f} ms |
| viewer CPU per frame (NDI receive and decode, verify) | {1000 * view_cpu / max(verified, 1):.2f} ms |

The peer, same run: NDI's own Python bindings (`scripts/ndi_peer.py bench-send` / `bench-recv`),
{FRAMES} frames of {SIZE} at {FPS} fps showing the same card (rendered once, by
`ndi_frame_cost`), with no hashing or signing, and no per-frame metadata:

| | ndi-python | ifconnect | our cost per frame | ifconnect / ndi-python |
| --- | --- | --- | --- | --- |
| frames received | {bare_frames} / {FRAMES} | {verified} / {FRAMES} | | |
| sender CPU per frame | {1000 * bare_send_cpu / FRAMES:.2f} ms | {1000 * pub_cpu / FRAMES:.2f} ms | {1000 * (pub_cpu - bare_send_cpu) / FRAMES:+.2f} ms | {pub_cpu / bare_send_cpu:.2f}x |
| receiver CPU per frame | {1000 * bare_recv_cpu / max(bare_frames, 1):.2f} ms | {1000 * view_cpu / max(verified, 1):.2f} ms | {1000 * (view_cpu / max(verified, 1) - bare_recv_cpu / max(bare_frames, 1)):+.2f} ms | {(view_cpu / max(verified, 1)) / (bare_recv_cpu / max(bare_frames, 1)):.2f}x |

Where our cost goes, step by step without NDI (`cargo run --release --example ndi_frame_cost`,
same run, mean of 120 frames at 1920x1080):

| step | per frame |
| --- | --- |
{steps.rstrip()}

Publisher and viewer share the 2 cores. CPU is utime+stime of each whole process (`/usr/bin/time`).
""")


if __name__ == "__main__":
    main()
