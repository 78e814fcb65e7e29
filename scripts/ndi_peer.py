#!/usr/bin/env python3
"""An independent NDI peer for the tests, on NDI's own Python bindings (`ndi-python`).

    ndi_peer.py recv NAME SECONDS   find a source whose name contains NAME (extra IP 127.0.0.1),
                                    receive for SECONDS, print a JSON summary
    ndi_peer.py wait NAME FRAMES    receive until FRAMES video frames have come (10 s at most),
                                    print {"video": N, "last": the last frame's own metadata}
    ndi_peer.py send NAME FRAMES    publish FRAMES red 128x72 frames at 30 fps, each carrying
                                    <if-peer-frame n="N"/> as its own metadata and followed by a
                                    metadata frame <if-peer frame="N"/>
    ndi_peer.py relay NAME OUT SECONDS  pass source NAME on as OUT, tampering on the way: drop the
                                    10th frame, alter the 20th frame's record, and paint over the
                                    30th frame's headline under its genuine record; prints
                                    {"port": P} (OUT's TCP port) first, then a summary
    ndi_peer.py forward NAME OUT SECONDS  pass every frame of source NAME on as OUT whole (pixels,
                                    timecode, frame rate, its own metadata) and every metadata
                                    frame, as they come, from the start; prints {"port": P} first,
                                    then {"forwarded": 10} once 10 frames have gone on

    ndi_peer.py bench-send NAME [RAW] FRAMES  the benchmark's baseline: FRAMES 1920x1080 frames at
                                    30 fps (RAW: a BGRA file of that size, e.g. a rendered card), no
                                    hashing or signing (NDI's own encoder and pacing only)
    ndi_peer.py bench-recv NAME SECONDS  receive as if-ndi-view does (BGRX) and count; prints JSON

NAME is an NDI name, matched exactly, or IP:PORT to connect directly without discovery.
    ndi_peer.py verify NAME SECONDS receive an if-ndi-pub stream and check, independently of the
                                    Rust code (docs/if-ndi.md), every frame's signed chain record
                                    and the decoded picture against its signed luma grid
    ndi_peer.py board NAME OUT SECONDS  check as `verify` does until a frame number N comes on
                                    stdin, then write the first frame numbered N or later to OUT
                                    (BGRX, packed rows) and, once 10 frames or more are checked,
                                    print the summary with "kept"
"""
import hashlib
import json
import re
import sys
import time

import NDIlib as ndi
import numpy as np


def named(source, name):
    """NDI names sources `HOST (NAME)`; match NAME exactly, not as a substring."""
    return source.ndi_name == name or source.ndi_name.endswith(f"({name})")


def new_finder():
    cfg = ndi.FindCreate()
    cfg.show_local_sources = True
    cfg.extra_ips = "127.0.0.1"
    return ndi.find_create_v2(cfg)


def direct(name):
    """A source addressed as IP:PORT, else None."""
    if re.fullmatch(r"[0-9.]+:\d+", name):
        source = ndi.Source()
        source.url_address = name
        return source
    return None


def listening_ports():
    """TCP ports this process listens on, from /proc (to tell which one a new sender opened)."""
    import os
    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            link = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    ports = set()
    for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
        with open(table) as f:
            for line in list(f)[1:]:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in inodes:
                    ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def connect(name):
    """Finds source NAME (10 s at most) and connects a BGRX receiver: (finder, receiver, source)."""
    finder = new_finder()
    source = direct(name) or find(finder, name)
    if source is None:
        return finder, None, None
    cfg = ndi.RecvCreateV3()
    cfg.color_format = ndi.RECV_COLOR_FORMAT_BGRX_BGRA
    receiver = ndi.recv_create_v3(cfg)
    ndi.recv_connect(receiver, source)
    return finder, receiver, source


def recv(name, seconds):
    finder, receiver, source = connect(name)
    if receiver is None:
        print(json.dumps({"error": "source not found"}))
        return 1
    video, metadata, in_frame, sizes, means = 0, [], [], set(), []
    end = time.time() + seconds
    while time.time() < end:
        kind, v, _, m = ndi.recv_capture_v2(receiver, 200)
        if kind == ndi.FRAME_TYPE_VIDEO:
            video += 1
            if v.metadata:
                in_frame.append(v.metadata)
            sizes.add((v.xres, v.yres))
            means.append([float(c) for c in v.data[:, :, :3].reshape(-1, 3).mean(axis=0)])
            ndi.recv_free_video_v2(receiver, v)
        elif kind == ndi.FRAME_TYPE_METADATA:
            metadata.append(m.data)
            ndi.recv_free_metadata(receiver, m)
    ndi.recv_destroy(receiver)
    ndi.find_destroy(finder)
    print(json.dumps({"source": source.ndi_name, "video": video, "metadata": metadata, "in_frame": in_frame,
                      "sizes": sorted(sizes), "mean_bgr": means[len(means) // 2] if means else None}))
    return 0


DOMAIN = b"ifconnect/ndi/frame/v1\x00"
FIELDS = ["v", "chain", "n", "ts", "trace", "card", "w", "h", "pixels", "grid", "prev"]


def luma_grid(bgrx, gw=32, gh=18):
    h, w = bgrx.shape[:2]
    px = bgrx[:, :, :3].astype(np.int64)
    luma = (29 * px[:, :, 0] + 150 * px[:, :, 1] + 77 * px[:, :, 2]) >> 8
    cy = (np.arange(h) * gh // h).clip(max=gh - 1)
    cx = (np.arange(w) * gw // w).clip(max=gw - 1)
    cell = cy[:, None] * gw + cx[None, :]
    sums = np.bincount(cell.ravel(), weights=luma.ravel(), minlength=gw * gh)
    counts = np.bincount(cell.ravel(), minlength=gw * gh)
    return (sums // np.maximum(counts, 1)).astype(np.int64)


def check_record(xml):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    import base64
    attrs = dict(re.findall(r'(\w+)="([^"]*)"', xml))
    body = DOMAIN + b"".join(attrs[f].encode() + b"\n" for f in FIELDS)
    ok = hashlib.sha256(body).hexdigest() == attrs["hash"]
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(attrs["key"][len("ed25519:"):])).verify(bytes.fromhex(attrs["sig"]), body)
    except Exception:
        ok = False
    return ok, attrs


def verify(name, seconds):
    """The record of each frame is the frame's own metadata (docs/if-ndi.md); records sent as
    separate metadata frames (older publishers) are counted, not used."""
    finder, receiver, source = connect(name)
    if receiver is None:
        print(json.dumps({"error": "source not found"}))
        return 1
    summary, by_n = new_summary(), {}
    end = time.time() + seconds
    while time.time() < end:
        kind, v, _, m = ndi.recv_capture_v2(receiver, 200)
        if kind == ndi.FRAME_TYPE_VIDEO:
            check_video(summary, by_n, v)
            ndi.recv_free_video_v2(receiver, v)
        elif kind == ndi.FRAME_TYPE_METADATA:
            check_metadata(summary, m)
            ndi.recv_free_metadata(receiver, m)
    ndi.recv_destroy(receiver)
    ndi.find_destroy(finder)
    print(json.dumps(finish_summary(summary, by_n)))
    return 0


def new_summary():
    return {"video": 0, "metadata": 0, "in_frame": 0, "separate_records": 0, "verified": 0, "bad": 0,
            "unsigned_video": 0, "chain_breaks": 0, "max_grid_distance": 0, "frames": []}


def check_video(summary, by_n, v):
    """Checks one video frame's own record and its picture against the signed grid; returns the
    record's attributes (None for a frame without one)."""
    summary["video"] += 1
    xml = v.metadata or ""
    if not xml.lstrip().startswith("<ifconnect-frame"):
        summary["unsigned_video"] += 1
        return None
    summary["in_frame"] += 1
    summary["metadata"] += 1
    ok, attrs = check_record(xml)
    summary["verified" if ok else "bad"] += 1
    by_n[int(attrs["n"])] = attrs
    signed = np.frombuffer(bytes.fromhex(attrs["grid"]), dtype=np.uint8).astype(np.int64)
    distance = int(np.abs(signed - luma_grid(v.data)).max())
    summary["max_grid_distance"] = max(summary["max_grid_distance"], distance)
    return attrs


def check_metadata(summary, m):
    if m.data.lstrip().startswith("<ifconnect-frame"):
        summary["separate_records"] += 1


def finish_summary(summary, by_n):
    """The chain over the frames received: links between consecutive frames, and gaps."""
    ns = sorted(by_n)
    summary["frames"] = [ns[0], ns[-1]] if ns else []
    for a, b in zip(ns, ns[1:]):
        if b == a + 1 and by_n[b]["prev"] != by_n[a]["hash"]:
            summary["chain_breaks"] += 1
    summary["gaps"] = sum(b - a - 1 for a, b in zip(ns, ns[1:]))
    return summary


def board(name, out, seconds):
    """Verifies a stream as `verify` does until told (a line on stdin) the number of a frame to
    keep: the first frame from that one on is written to OUT (its BGRX pixels, rows packed), and
    once 10 frames or more are checked the summary is printed, with that frame's number and size.
    SECONDS bounds the whole run."""
    import threading
    finder, receiver, source = connect(name)
    if receiver is None:
        print(json.dumps({"error": "source not found"}))
        return 1
    wanted = []
    threading.Thread(target=lambda: wanted.append(int(sys.stdin.readline() or -1)), daemon=True).start()
    summary, by_n = new_summary(), {}
    end = time.time() + seconds
    # At least 10 frames, so that the chain is checked over several links whenever the frame comes.
    while time.time() < end and ("kept" not in summary or summary["video"] < 10):
        kind, v, _, m = ndi.recv_capture_v2(receiver, 200)
        if kind == ndi.FRAME_TYPE_VIDEO:
            attrs = check_video(summary, by_n, v)
            if attrs is not None and wanted and wanted[0] >= 0 and int(attrs["n"]) >= wanted[0] and "kept" not in summary:
                np.ascontiguousarray(v.data[:, :, :4]).tofile(out)
                summary["kept"] = {"n": int(attrs["n"]), "card": int(attrs["card"]), "w": v.xres, "h": v.yres}
            ndi.recv_free_video_v2(receiver, v)
        elif kind == ndi.FRAME_TYPE_METADATA:
            check_metadata(summary, m)
            ndi.recv_free_metadata(receiver, m)
    ndi.recv_destroy(receiver)
    ndi.find_destroy(finder)
    print(json.dumps(finish_summary(summary, by_n)), flush=True)
    return 0


def find(finder, name):
    deadline = time.time() + 10
    while time.time() < deadline:
        ndi.find_wait_for_sources(finder, 200)
        sources = [s for s in ndi.find_get_current_sources(finder) if named(s, name)]
        if sources:
            return sources[0]
    return None


def downstream(out_name):
    """A sender named OUT_NAME; prints {"port": P} (its TCP port) at once."""
    send_cfg = ndi.SendCreate()
    send_cfg.ndi_name = out_name
    send_cfg.clock_video = False
    before = listening_ports()
    sender = ndi.send_create(send_cfg)
    deadline = time.time() + 2
    while not (listening_ports() - before - {5960}) and time.time() < deadline:
        time.sleep(0.02)
    print(json.dumps({"port": min(listening_ports() - before - {5960}, default=None)}), flush=True)
    return sender


def upstream(source):
    cfg = ndi.RecvCreateV3()
    cfg.color_format = ndi.RECV_COLOR_FORMAT_BGRX_BGRA
    receiver = ndi.recv_create_v3(cfg)
    ndi.recv_connect(receiver, source)
    return receiver


def pass_on(sender, v, image=None, metadata=None):
    """Sends video frame V (or IMAGE instead of its pixels, METADATA instead of its own) on."""
    frame = ndi.VideoFrameV2()
    frame.data = v.data.copy() if image is None else image
    frame.FourCC = ndi.FOURCC_VIDEO_TYPE_BGRX
    frame.frame_rate_N, frame.frame_rate_D = v.frame_rate_N, v.frame_rate_D
    frame.timecode = v.timecode
    frame.metadata = v.metadata if metadata is None else metadata
    ndi.send_send_video_v2(sender, frame)


def relay(name, out_name, seconds):
    finder = new_finder()
    source = direct(name) or find(finder, name)
    if source is None:
        print(json.dumps({"error": "source not found"}))
        return 1
    # Publish downstream, and connect upstream only once someone watches: frames nobody
    # receives are lost.
    sender = downstream(out_name)
    deadline = time.time() + 15
    while ndi.send_get_no_connections(sender, 200) < 1 and time.time() < deadline:
        pass
    receiver = upstream(source)
    relayed, unsigned = 0, 0
    end = time.time() + seconds
    while time.time() < end:
        kind, v, _, m = ndi.recv_capture_v2(receiver, 100)
        if kind == ndi.FRAME_TYPE_VIDEO:
            found = re.search(r' n="(\d+)"', v.metadata or "")
            n = int(found.group(1)) if found else None
            unsigned += n is None
            if n == 10:
                pass  # dropped
            elif n == 20:
                pass_on(sender, v, metadata=v.metadata.replace(' card="', ' card="9'))  # altered after signing
            elif n == 30:
                # A different picture under the genuine record: the headline painted over.
                image = v.data.copy()
                h_, w_ = image.shape[:2]
                image[h_ // 9:h_ // 3, w_ // 30:w_ - w_ // 30, :3] = 255
                pass_on(sender, v, image=image)
            else:
                pass_on(sender, v)
            relayed += 1
            ndi.recv_free_video_v2(receiver, v)
        elif kind == ndi.FRAME_TYPE_METADATA:
            ndi.recv_free_metadata(receiver, m)
    time.sleep(0.5)
    print(json.dumps({"relayed_from": source.ndi_name or source.url_address, "video": relayed, "without_record": unsigned}))
    ndi.send_destroy(sender)
    ndi.recv_destroy(receiver)
    ndi.find_destroy(finder)
    return 0


def forward(name, out_name, seconds):
    finder = new_finder()
    source = direct(name) or find(finder, name)
    if source is None:
        print(json.dumps({"error": "source not found"}))
        return 1
    sender = downstream(out_name)
    receiver = upstream(source)
    video, metadata = 0, 0
    end = time.time() + seconds
    while time.time() < end:
        kind, v, _, m = ndi.recv_capture_v2(receiver, 100)
        if kind == ndi.FRAME_TYPE_VIDEO:
            pass_on(sender, v)
            video += 1
            ndi.recv_free_video_v2(receiver, v)
            if video == 10:
                print(json.dumps({"forwarded": video}), flush=True)
        elif kind == ndi.FRAME_TYPE_METADATA:
            meta = ndi.MetadataFrame()
            meta.data, meta.timecode = m.data, m.timecode
            ndi.send_send_metadata(sender, meta)
            metadata += 1
            ndi.recv_free_metadata(receiver, m)
    print(json.dumps({"forwarded_from": source.ndi_name or source.url_address, "video": video, "metadata": metadata}))
    ndi.send_destroy(sender)
    ndi.recv_destroy(receiver)
    ndi.find_destroy(finder)
    return 0


def wait(name, frames):
    finder, receiver, source = connect(name)
    if receiver is None:
        print(json.dumps({"error": "source not found"}))
        return 1
    video, last = 0, None
    end = time.time() + 10
    while video < frames and time.time() < end:
        kind, v, _, m = ndi.recv_capture_v2(receiver, 200)
        if kind == ndi.FRAME_TYPE_VIDEO:
            video, last = video + 1, v.metadata
            ndi.recv_free_video_v2(receiver, v)
        elif kind == ndi.FRAME_TYPE_METADATA:
            ndi.recv_free_metadata(receiver, m)
    ndi.recv_destroy(receiver)
    ndi.find_destroy(finder)
    print(json.dumps({"video": video, "last": last}))
    return 0


def send(name, frames):
    cfg = ndi.SendCreate()
    cfg.ndi_name = name
    cfg.clock_video = True
    sender = ndi.send_create(cfg)
    frame = ndi.VideoFrameV2()
    image = np.zeros((72, 128, 4), dtype=np.uint8)
    image[:, :, 2] = 255  # BGRX red
    frame.data = image
    frame.FourCC = ndi.FOURCC_VIDEO_TYPE_BGRX
    deadline = time.time() + 10
    while ndi.send_get_no_connections(sender, 200) < 1 and time.time() < deadline:
        pass
    for i in range(frames):
        frame.metadata = f'<if-peer-frame n="{i}"/>'
        ndi.send_send_video_v2(sender, frame)
        meta = ndi.MetadataFrame()
        meta.data = f'<if-peer frame="{i}"/>'
        ndi.send_send_metadata(sender, meta)
    ndi.send_destroy(sender)
    return 0


def bench_send(name, frames, raw=None):
    cfg = ndi.SendCreate()
    cfg.ndi_name = name
    cfg.clock_video = True
    sender = ndi.send_create(cfg)
    if raw:
        image = np.fromfile(raw, dtype=np.uint8).reshape(1080, 1920, 4)
    else:
        image = np.full((1080, 1920, 4), 32, dtype=np.uint8)
        image[:80, :, :3] = (30, 120, 240)  # a band, as a card has
    frame = ndi.VideoFrameV2()
    frame.data = image
    frame.FourCC = ndi.FOURCC_VIDEO_TYPE_BGRX
    frame.frame_rate_N, frame.frame_rate_D = 30, 1
    deadline = time.time() + 15
    while ndi.send_get_no_connections(sender, 200) < 1 and time.time() < deadline:
        pass
    for _ in range(frames):
        ndi.send_send_video_v2(sender, frame)
    time.sleep(0.5)
    ndi.send_destroy(sender)
    return 0


def bench_recv(name, seconds):
    finder, receiver, source = connect(name)
    if receiver is None:
        print(json.dumps({"error": "source not found"}))
        return 1
    video = 0
    end = time.time() + seconds
    while time.time() < end:
        kind, v, _, m = ndi.recv_capture_v2(receiver, 200)
        if kind == ndi.FRAME_TYPE_VIDEO:
            video += 1
            ndi.recv_free_video_v2(receiver, v)
        elif kind == ndi.FRAME_TYPE_METADATA:
            ndi.recv_free_metadata(receiver, m)
    print(json.dumps({"video": video}))
    return 0


if __name__ == "__main__":
    if not ndi.initialize():
        sys.exit("NDI runtime failed to initialise")
    mode, name, n = sys.argv[1], sys.argv[2], sys.argv[-1]
    sys.exit({"recv": lambda: recv(name, float(n)), "send": lambda: send(name, int(n)), "wait": lambda: wait(name, int(n)), "verify": lambda: verify(name, float(n)),
              "bench-send": lambda: bench_send(name, int(n), sys.argv[3] if len(sys.argv) > 4 else None), "bench-recv": lambda: bench_recv(name, float(n)),
              "relay": lambda: relay(name, sys.argv[3], float(sys.argv[4])),
              "forward": lambda: forward(name, sys.argv[3], float(sys.argv[4])),
              "board": lambda: board(name, sys.argv[3], float(sys.argv[4]))}[mode]())
