"""The selftest of h323_call_peer.py (`h323_call_peer.py selftest`): two peers call each other on
loopback, each checking what it hears, and tshark (as root) checks every byte on the wire.

Scenarios, one after the other, each with 2 s of tones (the caller 440 Hz, the callee 1000 Hz):
  faststart   fastStart and h245Tunnelling; a StatusInquiry; hangup
  tunnelled   no fastStart: TCS, MSD, OLC tunnelled in Connect / Facility; closeLogicalChannel;
              hangup with endSessionCommand in the ReleaseComplete
  separate    no fastStart, no tunnelling: H.245 on its own TCP connection (the callee's
              h245Address in Connect); endSessionCommand both ways, then ReleaseComplete
  refused     the callee answers Setup with ReleaseComplete destinationRejection
  refusedfs   the callee does not take fastStart (fastConnectRefused) and tunnels H.245 instead
The capture: no malformed packet and no expert warning; the Q.931 messages and H.245 messages
each scenario must show; every RTP stream without loss.
"""
import json
import os
import queue
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "h323_call_peer.py")
CALLER_HZ, CALLEE_HZ = 440.0, 1000.0
MEDIA_S = 2.0


class Proc:
    """A peer process: commands in, results out; events kept apart."""

    def __init__(self, name, args, log_dir):
        self.name = name
        self.err = open(os.path.join(log_dir, f"{name}.stderr"), "w")
        self.p = subprocess.Popen([sys.executable, PEER, "endpoint", *args], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=self.err, text=True, bufsize=1)
        self.results = queue.Queue()
        self.events = []
        threading.Thread(target=self.read, daemon=True).start()
        self.ready = self.next(15)["ready"]

    def read(self):
        for line in self.p.stdout:
            obj = json.loads(line)
            if "event" in obj:
                self.events.append(obj)
            else:
                self.results.put(obj)
        self.results.put(None)

    def next(self, timeout):
        r = self.results.get(timeout=timeout)
        if r is None:
            raise RuntimeError(f"{self.name} exited")
        return r

    def cmd(self, **cmd):
        self.p.stdin.write(json.dumps(cmd) + "\n")
        self.p.stdin.flush()
        r = self.next(20)
        if "error" in r:
            raise RuntimeError(f"{self.name} {cmd['op']}: {r['error']}")
        return r

    def close(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        try:
            self.p.wait(5)
        except subprocess.TimeoutExpired:
            self.p.kill()
        self.err.close()


class Checks:
    def __init__(self):
        self.rows = []

    def check(self, name, ok, detail=""):
        self.rows.append((name, bool(ok), detail))
        print(f"  {'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}",
              file=sys.stderr, flush=True)
        return ok

    def failed(self):
        return [r for r in self.rows if not r[1]]


def heard(report, want, own):
    peaks = report["peaks"]
    top = peaks[0]["hz"] if peaks else None
    hears = top is not None and abs(top - want) < 5 and peaks[0]["power"] > 0.5
    echo = any(abs(p["hz"] - own) < 20 for p in peaks)
    return hears and not echo, f"peaks {peaks}"


def media_checks(c, label, caller, callee, a, b):
    ra = caller.cmd(op="media_report", call=a, skip_ms=100)
    rb = callee.cmd(op="media_report", call=b, skip_ms=100)
    for who, r, want, own in (("caller", ra, CALLEE_HZ, CALLER_HZ), ("callee", rb, CALLER_HZ, CALLEE_HZ)):
        ok, detail = heard(r, want, own)
        c.check(f"{label}: the {who} hears {want:g} Hz and not its own {own:g} Hz", ok, detail)
        c.check(f"{label}: the {who} got {r['packets']} packets, {r['lost']} lost",
                r["packets"] >= 0.9 * MEDIA_S * 50 and r["lost"] == 0 and r["duplicates"] == 0,
                json.dumps({k: r[k] for k in ("packets", "lost", "duplicates", "sent_packets")}))
    return ra, rb


def scenario(c, label, caller, callee, to, call_opts, after=None):
    r = caller.cmd(op="call", to=to, src_alias="guardian-01", dest_alias="council",
                   tone_hz=CALLER_HZ, **call_opts)
    c.check(f"{label}: connected", r["state"] == "connected", json.dumps(r))
    a = r["call"]
    b = callee.cmd(op="accept")["call"]
    for who, p, h in (("caller", caller, a), ("callee", callee, b)):
        w = p.cmd(op="wait", call=h, **{"for": "media"})
        c.check(f"{label}: the {who}'s media flows ({w['codec']})", w["reached"], json.dumps(w))
    if not call_opts.get("fast_start", True):
        for who, p, h in (("caller", caller, a), ("callee", callee, b)):
            w = p.cmd(op="wait", call=h, **{"for": "h245"})
            c.check(f"{label}: the {who}'s H.245 is done (msd {w['msd']})", w["reached"] and w["msd"],
                    json.dumps(w))
    time.sleep(MEDIA_S)
    media_checks(c, label, caller, callee, a, b)
    if after:
        after(c, label, caller, callee, a, b)
    h = caller.cmd(op="hangup", call=a)
    c.check(f"{label}: hangup, the callee closed", h["closed_by_remote"], json.dumps(h))
    w = callee.cmd(op="wait", call=b, **{"for": "released"})
    rel = w["release"] or {}
    c.check(f"{label}: the callee saw ReleaseComplete undefinedReason",
            rel.get("by") == "remote" and rel.get("reason") == "undefinedReason", json.dumps(rel))
    ia, ib = caller.cmd(op="info", call=a), callee.cmd(op="info", call=b)
    c.check(f"{label}: no CRV, callIdentifier or decoding error on either side",
            not ia["errors"] and not ib["errors"], json.dumps([ia["errors"], ib["errors"]]))
    return ia, ib


def status_inquiry(c, label, caller, callee, a, b):
    r = caller.cmd(op="status_inquiry", call=a)
    c.check(f"{label}: StatusInquiry answered, call state active (10)",
            r["answered"] and r["status"]["call_state"] == 10, json.dumps(r["status"]))


def close_channel(c, label, caller, callee, a, b):
    r = caller.cmd(op="close_channel", call=a)
    c.check(f"{label}: closeLogicalChannel acked", r["acked"], json.dumps(r))


def roundtrip(events):
    import h323_call_peer as hp
    bad = []
    for e in events:
        data = bytes.fromhex(e["hex"])[4:]
        if e["event"] == "h245":  # on the H.245 connection: TPKT, then the message
            if hp.encode_h245(hp.decode_h245(data)) != data:
                bad.append(f"H.245 {e['message']}: {data.hex()}")
            continue
        ies = hp.parse_q931(data)[3]
        uu = ies[hp.IE_USER_USER]
        value = hp.decode_uui(uu)
        if hp.encode_uui(value) != uu:
            bad.append(f"{e['message']}: {uu.hex()}")
        pdu = value["h323-uu-pdu"]
        for m in pdu.get("h245Control", []):
            if hp.encode_h245(hp.decode_h245(m)) != m:
                bad.append(f"H.245 in {e['message']}: {m.hex()}")
        body = pdu["h323-message-body"][1]
        for m in body.get("fastStart", []) if isinstance(body, dict) else []:
            if hp.encode_olc(hp.decode_olc(m)) != m:
                bad.append(f"fastStart OLC in {e['message']}: {m.hex()}")
    return not bad and len(events) > 20, f"{len(events)} messages; " + "; ".join(bad)


def run_tshark(args, pcap):
    out = subprocess.run(["tshark", "-n", "-r", pcap, *args], capture_output=True, text=True,
                         timeout=60)
    return out.stdout


def capture_checks(c, pcap, rtp_ports, calls):
    import h323_call_peer as hp
    # No decode-as for TCP: tshark's Q.931 heuristic finds TPKT + Q.931 on any port, and the
    # H.245 connection from the Connect's h245Address ("-d tcp.port==N,tpkt" would hand TPKT's
    # payload to COTP instead, and report it malformed).
    decode = [x for p in rtp_ports for x in ("-d", f"udp.port=={p},rtp")]
    bad = run_tshark([*decode, "-Y", '_ws.malformed || _ws.expert.severity >= "Warning"', "-T",
                      "fields", "-e", "frame.number", "-e", "_ws.col.Info"], pcap)
    c.check("capture: no malformed packet, no expert warning", not bad.strip(), bad.strip()[:2000])
    # Q.931 / H.225.0 and H.245, per TCP connection (named by its two ports).
    bodies = list(hp.UUI._cont["h323-uu-pdu"]._cont["h323-message-body"]._cont)
    h245 = {f: list(getattr(hp.MSC, t)._cont) for f, t in (
        ("h245.request", "RequestMessage"), ("h245.response", "ResponseMessage"),
        ("h245.command", "CommandMessage"))}
    rows = run_tshark([*decode, "-Y", "q931 || h245", "-T", "fields", "-E", "occurrence=a", "-E",
                       "aggregator=,", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e",
                       "q931.message_type", "-e", "h225.h323_message_body", "-e",
                       "h225.h245Tunnelling", "-e", "h245.audioData", "-e", "h245.request", "-e",
                       "h245.response", "-e", "h245.command"], pcap)
    seen = {}  # frozenset of ports -> {"q931": [...], "body": [...], "h245": [...], "audio": n}
    for line in rows.splitlines():
        f = line.split("\t") + [""] * 9
        key = frozenset((int(f[0]), int(f[1])))
        s = seen.setdefault(key, {"q931": [], "body": [], "h245": set(), "audio": 0, "tunnel": []})
        s["q931"] += [int(x, 16) for x in f[2].split(",") if x]
        s["body"] += [bodies[int(x)] for x in f[3].split(",") if x]
        s["tunnel"] += [x for x in f[4].split(",") if x]
        s["audio"] += len([x for x in f[5].split(",") if x])
        for i, field in enumerate(("h245.request", "h245.response", "h245.command")):
            s["h245"] |= {h245[field][int(x)] for x in f[6 + i].split(",") if x}
    # tshark reads the ids pycrate wrote: the first call's are fixed (22.. and 11..).
    ids = run_tshark(["-Y", "h225.guid || h225.conferenceID", "-T", "fields", "-E", "occurrence=a",
                      "-E", "aggregator=,", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "h225.guid",
                      "-e", "h225.conferenceID"], pcap)
    first = int(calls[0][1]["local"].rsplit(":", 1)[1])
    guids, confs = set(), set()
    for line in ids.splitlines():
        f = line.split("\t") + ["", "", "", ""]
        if first in (int(f[0]), int(f[1])):
            guids |= {x.replace("-", "") for x in f[2].split(",") if x}
            confs |= {x.replace("-", "") for x in f[3].split(",") if x}
    c.check("capture faststart: tshark reads the callIdentifier and conferenceID the peer sent",
            guids == {"22" * 16} and confs == {"11" * 16}, f"guids {guids}, conferenceIDs {confs}")
    for label, info, expect_bodies, expect_h245, h245_conn in calls:
        port = int(info["local"].rsplit(":", 1)[1])
        key = next((k for k in seen if port in k), None)
        s = seen.get(key, {"q931": [], "body": [], "h245": set(), "audio": 0, "tunnel": []})
        mine = sorted(info["sent"] + info["received"])
        c.check(f"capture {label}: Q.931 {', '.join(expect_bodies)}, as the caller counted",
                sorted(s["body"]) == mine and s["body"][:1] == ["setup"]
                and s["body"][-1:] == ["releaseComplete"]
                and all(s["body"].count(b) >= expect_bodies.count(b) for b in expect_bodies)
                and s["q931"] == [hp.Q931_TYPE[b] for b in s["body"]],
                f"bodies {s['body']}, types {[hex(x) for x in s['q931']]}, caller's {mine}")
        if label.startswith("faststart"):
            c.check(f"capture {label}: fastStart OLCs with audioData (4 proposed, 2 accepted)",
                    s["audio"] == 6, f"{s['audio']} audioData")
        hs = set(s["h245"])
        if h245_conn:
            hport = int(info["h245_address"].rsplit(":", 1)[1])
            hk = next((k for k in seen if hport in k), None)
            hs |= seen.get(hk, {"h245": set()})["h245"]
        c.check(f"capture {label}: H.245 {', '.join(sorted(expect_h245)) or 'none'}",
                hs == set(expect_h245), f"seen {sorted(hs)}")
    streams = run_tshark([*decode, "-q", "-z", "rtp,streams"], pcap)
    found = []
    for m in re.finditer(r"(\d+\.\d+\.\d+\.\d+)\s+(\d+)\s+(\d+\.\d+\.\d+\.\d+)\s+(\d+)\s+"
                         r"(0x[0-9A-Fa-f]+)\s+(\S+)\s+(\d+)\s+(-?\d+)\s+\(", streams):
        found.append({"src": f"{m[1]}:{m[2]}", "dst": f"{m[3]}:{m[4]}", "ssrc": m[5],
                      "payload": m[6], "packets": int(m[7]), "lost": int(m[8])})
    want = 2 * sum(1 for call in calls if call[2][-1] == "releaseComplete" and len(call[2]) > 2)
    c.check(f"capture: {want} RTP streams (2 of them A-law), none with loss",
            len(found) == want and all(s["lost"] == 0 and s["packets"] >= 90 for s in found)
            and sum(s["payload"] == "g711A" for s in found) == 2,
            json.dumps(found) + "\n" + streams)


def main(args):
    import h323_call_peer as hp
    c = Checks()
    t_start = time.monotonic()
    errors = hp.g711_check()
    c.check("G.711 tables (G.711 values, decode/encode round trip, monotonic)", not errors, "; ".join(errors))
    keep = args.keep
    work = keep or tempfile.mkdtemp(prefix="h323-selftest-")
    os.makedirs(work, exist_ok=True)
    base = 20000 + 100 * secrets.randbelow(400)
    listen, refuse_port, plain_port = base, base + 1, base + 2
    media = f"{base + 10}-{base + 99}"
    capture = not args.no_capture and os.geteuid() == 0 and shutil.which("tshark")
    pcap = os.path.join(work, "selftest.pcap")
    tshark = None
    procs = []
    try:
        if capture:
            tshark = subprocess.Popen(
                ["tshark", "-i", "lo", "-w", pcap, "-f",
                 f"tcp portrange {base}-{base + 99} or udp portrange {base}-{base + 99}"],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for line in tshark.stderr:
                if "Capturing on" in line:
                    break
            else:
                raise RuntimeError("tshark did not start capturing")
            threading.Thread(target=lambda: tshark.stderr.read(), daemon=True).start()
        else:
            print("  (no capture: not root, no tshark, or --no-capture)", file=sys.stderr)
        callee = Proc("callee", ["--listen", str(listen), "--media-ports", media, "--alias", "council",
                                 "--json", json.dumps({"tone_hz": CALLEE_HZ})], work)
        procs.append(callee)
        caller = Proc("caller", ["--media-ports", media, "--alias", "guardian-01"], work)
        procs.append(caller)
        callee.cmd(op="listen", port=refuse_port, refuse="destinationRejection")
        callee.cmd(op="listen", port=plain_port, fast_start=False, codecs=["alaw"], tone_hz=CALLEE_HZ,
                   alerting=False)
        to = callee.ready["listen"]
        calls = []
        full = ["setup", "callProceeding", "alerting", "connect"]
        h245_all = {"terminalCapabilitySet", "terminalCapabilitySetAck", "masterSlaveDetermination",
                    "masterSlaveDeterminationAck", "openLogicalChannel", "openLogicalChannelAck",
                    "endSessionCommand"}
        clc = {"closeLogicalChannel", "closeLogicalChannelAck"}

        # The Setup carries what a council call after an ARQ does: its ids, the endpointIdentifier,
        # a token (the shape of docs/if-gk.md's, unsigned here), the call description.
        extras = {"call_id": "22" * 16, "conference_id": "11" * 16, "endpoint_id": "ep-1",
                  "goal": "join", "called_number": "1719", "description": {"trace_id": "0123456789ab"},
                  "tokens": [{"tokenOID": "2.999.1719.1", "timeStamp": 1767225600,
                              "random": 123456789, "generalID": "if-gk",
                              "nonStandard": {"nonStandardIdentifier": "2.999.1719.1.1",
                                              "data": "00" * 64},
                              "sendersID": "if://agent/guardian-01"}]}
        a, b = scenario(c, "faststart", caller, callee, to, extras, after=status_inquiry)
        c.check("faststart: the callee got the Setup's ids", b["call_id"] == "22" * 16
                and b["conference_id"] == "11" * 16, json.dumps(b))
        setup = next(e["setup"] for e in callee.events if e["event"] == "incoming" and e["call"] == b["call"])
        c.check("faststart: the Setup's endpointIdentifier, token and goal",
                setup.get("endpointIdentifier") == "ep-1" and setup.get("conferenceGoal") == "join"
                and setup["tokens"][0]["sendersID"] == "if://agent/guardian-01", json.dumps(setup)[:500])
        c.check("faststart: fastStart taken, no H.245", a["fast_start"] and a["h245"] is None, json.dumps(a))
        calls.append(("faststart", a, full + ["statusInquiry", "status", "releaseComplete"], set(), False))

        a, _ = scenario(c, "tunnelled", caller, callee, to, {"fast_start": False}, after=close_channel)
        c.check("tunnelled: H.245 tunnelled", a["h245"] == "tunnelled" and a["tunnelling"], json.dumps(a))
        calls.append(("tunnelled", a, full + ["empty", "releaseComplete"],
                      h245_all | clc, False))

        a, _ = scenario(c, "separate", caller, callee, to, {"fast_start": False, "tunnelling": False})
        c.check("separate: H.245 on its own connection", a["h245"] == "separate" and a["h245_address"],
                json.dumps(a))
        calls.append(("separate", a, full + ["releaseComplete"], h245_all, True))

        r = caller.cmd(op="call", to=f"127.0.0.1:{refuse_port}", dest_alias="council")
        rel = r["release"] or {}
        c.check("refused: ReleaseComplete destinationRejection, cause 21",
                r["state"] == "released" and rel.get("reason") == "destinationRejection"
                and rel.get("cause") == 21, json.dumps(r))
        b = callee.cmd(op="accept")
        c.check("refused: the callee's side of it", (b["release"] or {}).get("by") == "local"
                and b["sent"] == ["releaseComplete"], json.dumps(b))
        calls.append(("refused", r, ["setup", "releaseComplete"], set(), False))

        a, b = scenario(c, "refusedfs", caller, callee, f"127.0.0.1:{plain_port}", {})
        c.check("refusedfs: fastStart refused, H.245 tunnelled instead, A-law both ways",
                not a["fast_start"] and a["h245"] == "tunnelled" and a["codec"] == "alaw"
                and b["codec"] == "alaw" and a["remote_codecs"] == ["alaw"], json.dumps(a))
        calls.append(("refusedfs", a, ["setup", "callProceeding", "connect", "empty", "releaseComplete"],
                      h245_all, False))
    except Exception as e:  # noqa: BLE001
        c.check("the scenarios ran", False, f"{type(e).__name__}: {e}")
        calls = []
    finally:
        for p in procs:
            p.close()
        if tshark:
            time.sleep(0.5)  # the last segments reach the capture
            tshark.terminate()
            tshark.wait(10)
    if procs:
        c.check("every message the peers sent decodes and re-encodes byte for byte (pycrate)",
                *roundtrip([e for p in procs for e in p.events if e.get("dir") == "out" and "hex" in e
                            and e["event"] in ("q931", "h245")]))
    if capture and calls:
        rtp_ports = sorted({int(x[1][k].rsplit(":", 1)[1]) for x in calls
                            for k in ("rtp", "remote_rtp") if x[1].get(k)})
        capture_checks(c, pcap, rtp_ports, calls)
    elapsed = time.monotonic() - t_start
    failed = c.failed()
    print(f"\nh323_call_peer selftest: {len(c.rows) - len(failed)}/{len(c.rows)} checks passed "
          f"in {elapsed:.1f} s{'' if capture else ' (no capture checks)'}"
          f"{'' if not (keep or failed) else '; files (capture, peer logs) in ' + work}")
    for name, ok, detail in c.rows:
        print(f"  {'PASS' if ok else 'FAIL'}  {name}" + (f"\n        {detail}" if not ok and detail else ""))
    print("PASS" if not failed else "FAIL")
    if not keep and not failed:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0
