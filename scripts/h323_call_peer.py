#!/usr/bin/env python3
"""An independent H.323 endpoint (H.225.0 call signalling, H.245, RTP G.711) for the tests of
if-mcu, on pycrate's codecs. docs/h323-test-peer.md lists the messages and fields it sends and
expects.

    h323_call_peer.py endpoint [--bind IP] [--alias NAME] [--listen PORT] [--media-ports A-B]
                               [--timeout-ms 5000] [answer options of listen, as --json OBJ]
        print {"ready": {"bind": IP, "listen": "IP:PORT" or null}}, then run one JSON command a
        line from stdin, printing one JSON result a line (results carry "op"); asynchronous
        events are lines with "event" instead, and may come between results
    h323_call_peer.py selftest [--keep DIR] [--no-capture]
        two peers calling each other on loopback (fastStart; tunnelled H.245; H.245 on its own
        TCP connection; a refused call; fastStart refused), checked by each other and, as
        root, by tshark (scripts/h323_call_peer_selftest.py); PASS/FAIL, exit 1 on failure
    h323_call_peer.py decode HEX      a TPKT / Q.931 / H323-UserInformation (and its H.245) as JSON

Commands (every field optional unless said; "call" is the handle a call or accept gave):
  {"op":"listen","port":N}   accept calls on TCP IP:N (0: any port) and answer each by the answer
        options (below, also accepted here): {"op":"listen","listen":"IP:PORT"}
  {"op":"accept","timeout_ms":N}   the next incoming call not yet returned by accept: its summary
  {"op":"call","to":"IP:PORT" (required),"call_id":HEX32,"conference_id":HEX32,"crv":N,
   "src_alias":A,"dest_alias":A,"display":S,"called_number":DIGITS,"goal":"create"|"join"|"invite",
   "endpoint_id":S,"tokens":[ClearToken as h225_peer's to_json],"description":OBJ|STR,
   "uuie":{extra Setup-UUIE fields, to_json form},"wait":"connect"|"proceeding"|"none",
   + the media options}     TCP-connect and send Setup; the result is the call's summary once
        the Connect (or ReleaseComplete, or the timeout) came
  {"op":"wait","call":N,"for":"connected"|"media"|"h245"|"released"}   media: sending and received
        a packet; h245: capabilities exchanged, master/slave decided, our channel opened (or
        refused) and the other's accepted. {"reached":B, ...summary}
  {"op":"hangup","call":N,"reason":R,"cause":N}   ReleaseComplete (reason R, default
        undefinedReason, Q.931 cause IE from R unless given), carrying endSessionCommand in
        h245Control when tunnelled H.245 is up (on the H.245 connection before, when separate);
        waits (timeout) for the other side to close the TCP connection
  {"op":"close_channel","call":N}   closeLogicalChannel of our transmit channel, awaits the ack
  {"op":"status_inquiry","call":N}  StatusInquiry, awaits the Status (its Q.931 call state)
  {"op":"media_report","call":N,"wav":PATH,"skip_ms":N,"peaks":3,"threshold":0.01}
        {"packets","lost","duplicates","out_of_order","ssrcs","payload_types","jitter_ms",
         "samples","rms","rms_dbfs","peaks":[{"hz","power"}],"rtcp_received","sent_packets"}
        peaks: the strongest tones, power relative to the whole signal's, those above threshold
  {"op":"send","call":N,"message":BODY (required),"uuie":{fields, to_json form},"h245":[
   MultimediaSystemControlMessage values, to_json form]}   any message, built from JSON: the
        UUIE fields the peer puts in that message by default, overridden by "uuie" ("empty": a
        Facility without UUIE), e.g. {"message":"facility","uuie":{"reason":"undefinedReason"}}
        or {"message":"empty","h245":[{"request":{"roundTripDelayRequest":{"sequenceNumber":1}}}]}
  {"op":"info","call":N}   the call's summary;  {"op":"raw","call":N,"hex":H}  send octets as is
Media options (call, listen, endpoint --json): "fast_start":B (default true: propose, or accept,
  G.711 fastStart), "tunnelling":B (default true: h245Tunnelling; false without fastStart: H.245
  on its own TCP connection, the callee's h245Address in Connect), "codecs":["ulaw","alaw"]
  (preference order; what the TCS offers and fastStart proposes or accepts), "frames":20 (the
  g711 audio frames value), "tone_hz":F (default 440; 0: silence), "tone_level":0.3 (amplitude,
  of full scale), "media_ms":N (stop sending after N ms; default: until hangup or close),
  "terminal_type":50 (H.245 MSD; an MCU is 190), "endpoint_type":"terminal"|"mc"|"gateway" (the
  H.225.0 EndpointType of sourceInfo / destinationInfo), "timeout_ms":N (of the command's waits;
  default --timeout-ms).
Answer options (listen, endpoint --json): "alerting":B (default true), "refuse":REASON (answer
  Setup with ReleaseComplete of that ReleaseCompleteReason), "fast_start_in":"connect"|"alerting"|
  "callProceeding" (which message carries the accepted fastStart).
A command's "call" defaults to the newest call. The options of a listen hold for the calls it
accepts; those of a call, for that call.
Results: {"op", ...} on success, {"op", "error": text} when a command fails. A call summary:
  {"call","role","state","crv","call_id","conference_id","local","remote","tunnelling",
   "fast_start","h245":"tunnelled"|"separate"|null,"codec","rtp","rtcp","remote_rtp",
   "remote_rtcp","sent":[Q.931 bodies],"received":[...],"h245_sent":[...],"h245_received":[...],
   "msd":"master"|"slave"|null,"remote_codecs":[...],"release":{"by","reason","cause"}|null,
   "facility_reasons":[...],"status":{"call_state","cause"}|null,"errors":[...],"h245_address"}
  state: the caller's setup, proceeding, alerting, connected, released; the callee's incoming,
  proceeding, received (Alerting sent), connected, released. Q.931 bodies are the
  H323-UU-PDU alternatives (setup ... releaseComplete, "empty" for a Facility without UUIE).
  release.by: "local" or "remote"; "closed": true when the TCP connection ended without one.
  errors: what was wrong in what the other side sent (a CRV or its flag, a callIdentifier not
  the call's, an undecodable message, an OLC refused, no common codec): a test asserts [].
Events: {"event":"incoming",...summary,"setup":the Setup-UUIE as to_json}
  {"event":"q931","call":N,"dir":"in"|"out","message":BODY,"hex":the TPKT}
  {"event":"h245","call":N,"dir","message":name,"hex":the TPKT (sent on a separate connection)}
  {"event":"released","call":N,"release":{...}}.

RAS: the peer does no RAS; run scripts/h225_peer.py alongside (rrq, then arq with the call's
"call_id" and "conference_id"), and give the ARQ's ids, endpointIdentifier and tokens to "call".
"""
import argparse
import json
import math
import os
import queue
import secrets
import socket
import struct
import sys
import threading
import time
import wave

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import h225_peer  # noqa: E402  (applies the fix of pycrate's APER extension additions)
from h225_peer import CODEC, DESCRIPTION_OID, VENDOR, endpoint_type, from_json, split_addr, to_json  # noqa: E402

import numpy as np  # noqa: E402
from pycrate_asn1dir import H225  # noqa: E402
from pycrate_core.charpy import Charpy  # noqa: E402

M = H225.H323_MESSAGES
UUI = M.H323_UserInformation
UUIE = {"setup": M.Setup_UUIE, "callProceeding": M.CallProceeding_UUIE, "alerting": M.Alerting_UUIE,
        "connect": M.Connect_UUIE, "facility": M.Facility_UUIE,
        "releaseComplete": M.ReleaseComplete_UUIE, "status": M.Status_UUIE,
        "statusInquiry": M.StatusInquiry_UUIE, "progress": M.Progress_UUIE}
# The H.245 module H.225.0 imports, the one of /work/shared/reference and of crates/h323-asn1.
MSC = H225.MULTIMEDIA_SYSTEM_CONTROL
MSCM = MSC.MultimediaSystemControlMessage
OLC = MSC.OpenLogicalChannel

PROTOCOL = (0, 0, 8, 2250, 0, 7)
H245_PROTOCOL = (0, 0, 8, 245, 0, 15)
# Q.931 message types (H.225.0 7.3) and the H323-UU-PDU body each carries.
Q931_TYPE = {"alerting": 0x01, "callProceeding": 0x02, "progress": 0x03, "setup": 0x05,
             "connect": 0x07, "releaseComplete": 0x5A, "facility": 0x62, "empty": 0x62,
             "notify": 0x6E, "statusInquiry": 0x75, "information": 0x7B, "status": 0x7D}
Q931_NAME = {v: k for k, v in Q931_TYPE.items() if k != "empty"}
IE_CAUSE, IE_CALL_STATE, IE_BEARER, IE_DISPLAY, IE_CALLED, IE_USER_USER = 0x08, 0x14, 0x04, 0x28, 0x70, 0x7E
# Q.931 call states (Q.931 4.5.7) of the Status message.
CALL_STATE = {"setup": 1, "incoming": 6, "proceeding": 3, "alerting": 4, "received": 7,
              "connected": 10, "released": 0}
# ReleaseCompleteReason -> Q.931 cause (after H.225.0 Table 5).
CAUSE = {"noBandwidth": 34, "gatekeeperResources": 47, "unreachableDestination": 3,
         "destinationRejection": 21, "invalidRevision": 88, "noPermission": 111,
         "unreachableGatekeeper": 38, "gatewayResources": 42, "badFormatAddress": 28,
         "adaptiveBusy": 41, "inConf": 17, "undefinedReason": 16, "calledPartyNotRegistered": 20,
         "callerNotRegistered": 31, "securityDenied": 31, "newConnectionNeeded": 47}
CODECS = {"ulaw": ("g711Ulaw64k", 0), "alaw": ("g711Alaw64k", 8)}
CODEC_OF = {v[0]: k for k, v in CODECS.items()}
SAMPLES = 160  # 20 ms at 8 kHz
DEFAULTS = {"fast_start": True, "tunnelling": True, "codecs": ["ulaw", "alaw"], "frames": 20,
            "tone_hz": 440.0, "tone_level": 0.3, "media_ms": None, "terminal_type": 50,
            "alerting": True, "refuse": None, "fast_start_in": "connect", "endpoint_type": "terminal"}


def log(msg):
    print(f"h323_call_peer: {msg}", file=sys.stderr, flush=True)


# G.711 (ITU-T G.711; the segment search of the CCITT reference code), as lookup tables.

def ulaw_encode_one(pcm):
    pcm >>= 2
    mask = 0xFF
    if pcm < 0:
        pcm, mask = -pcm, 0x7F
    pcm = min(pcm, 8159) + (0x84 >> 2)
    seg = next((i for i, end in enumerate((0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF))
                if pcm <= end), 8)
    if seg >= 8:
        return 0x7F ^ mask
    return ((seg << 4) | ((pcm >> (seg + 1)) & 0xF)) ^ mask


def ulaw_decode_one(u):
    u = ~u & 0xFF
    t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4)
    return 0x84 - t if u & 0x80 else t - 0x84


def alaw_encode_one(pcm):
    pcm >>= 3
    if pcm >= 0:
        mask = 0xD5
    else:
        mask, pcm = 0x55, -pcm - 1
    seg = next((i for i, end in enumerate((0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF))
                if pcm <= end), 8)
    if seg >= 8:
        return 0x7F ^ mask
    a = (seg << 4) | ((pcm >> 1 if seg < 2 else pcm >> seg) & 0x0F)
    return a ^ mask


def alaw_decode_one(a):
    a ^= 0x55
    t = (a & 0x0F) << 4
    seg = (a & 0x70) >> 4
    if seg == 0:
        t += 8
    elif seg == 1:
        t += 0x108
    else:
        t = (t + 0x108) << (seg - 1)
    return t if a & 0x80 else -t


DECODE = {pt: np.array([f(c) for c in range(256)], dtype=np.int16)
          for pt, f in ((0, ulaw_decode_one), (8, alaw_decode_one))}
ENCODE = {pt: np.array([f(x) for x in range(-32768, 32768)], dtype=np.uint8)
          for pt, f in ((0, ulaw_encode_one), (8, alaw_encode_one))}


def g711_encode(pt, samples):
    return ENCODE[pt][samples.astype(np.int32) + 32768].tobytes()


def g711_decode(pt, payload):
    return DECODE[pt][np.frombuffer(payload, dtype=np.uint8)]


def g711_check():
    """Errors of the tables against G.711's defining values, [] when right."""
    errors = []
    expect = {(0, 0xFF): 0, (0, 0x7F): 0, (0, 0x80): 32124, (0, 0x00): -32124,
              (8, 0xD5): 8, (8, 0x55): -8, (8, 0xAA): 32256, (8, 0x2A): -32256}
    for (pt, code), value in expect.items():
        if int(DECODE[pt][code]) != value:
            errors.append(f"pt {pt} code {code:#04x} decodes to {DECODE[pt][code]}, not {value}")
    for pt in (0, 8):
        again = ENCODE[pt][DECODE[pt].astype(np.int32) + 32768]
        back = DECODE[pt][again]
        if not np.array_equal(back, DECODE[pt]):
            errors.append(f"pt {pt}: decode(encode(decode(c))) != decode(c)")
        if not np.all(np.diff(DECODE[pt][ENCODE[pt]].astype(np.int32)) >= 0):
            errors.append(f"pt {pt}: the encoder is not monotonic")
    if ENCODE[0][32768] != 0xFF or ENCODE[8][32768] != 0xD5:
        errors.append("zero does not encode to 0xFF (mu-law) / 0xD5 (A-law)")
    return errors


# Framing: TPKT (RFC 1006), Q.931 with the H.225.0 user-user IE.

def tpkt(payload):
    return struct.pack("!BBH", 3, 0, len(payload) + 4) + payload


def read_tpkt(sock):
    """One TPKT payload, or None at the end of the stream."""
    head = read_exact(sock, 4)
    if head is None:
        return None
    if head[0] != 3:
        raise ValueError(f"not a TPKT header: {head.hex()}")
    length = struct.unpack("!H", head[2:])[0]
    body = read_exact(sock, length - 4)
    if body is None:
        raise ValueError("TPKT cut short")
    return body


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            if buf:
                raise ValueError("stream ends inside a TPKT")
            return None
        buf += chunk
    return buf


def q931(crv, from_callee, msg_type, ies):
    """A Q.931 message: discriminator 08, a 2-octet CRV (flag bit set on the answering side's
    messages), the type, then the IEs ((id, octets), in ascending id order as Q.931 wants)."""
    out = bytearray([0x08, 2, ((crv >> 8) & 0x7F) | (0x80 if from_callee else 0), crv & 0xFF,
                     msg_type])
    for ie, data in sorted(ies, key=lambda x: x[0]):
        if ie == IE_USER_USER:
            out += struct.pack("!BH", ie, len(data) + 1) + b"\x05" + data
        else:
            out += bytes([ie, len(data)]) + data
    return bytes(out)


def parse_q931(data):
    """(crv, flag, message type, {ie: octets}) of a Q.931 message; the user-user IE without its
    protocol discriminator."""
    if len(data) < 5 or data[0] != 0x08 or data[1] != 2:
        raise ValueError(f"not an H.225.0 Q.931 message: {data[:5].hex()}")
    crv = ((data[2] & 0x7F) << 8) | data[3]
    flag = bool(data[2] & 0x80)
    msg_type = data[4]
    ies, i = {}, 5
    while i < len(data):
        ie = data[i]
        if ie & 0x80:  # a single-octet IE
            ies[ie] = b""
            i += 1
        elif ie == IE_USER_USER:
            length = struct.unpack("!H", data[i + 1:i + 3])[0]
            ies[ie] = data[i + 3:i + 3 + length]
            i += 3 + length
        else:
            length = data[i + 1]
            ies[ie] = data[i + 2:i + 2 + length]
            i += 2 + length
    if i != len(data):
        raise ValueError("an IE runs past the end of the message")
    uu = ies.get(IE_USER_USER)
    if uu is not None:
        if not uu or uu[0] != 0x05:
            raise ValueError("user-user IE without the X.208/X.209 discriminator 05")
        ies[IE_USER_USER] = uu[1:]
    return crv, flag, msg_type, ies


def encode_uui(value):
    with CODEC:
        UUI.set_val(value)
        return UUI.to_aper()


def decode_uui(data):
    with CODEC:
        char = Charpy(data)
        UUI.from_aper(char)
        return UUI.get_val()


def encode_h245(value):
    with CODEC:
        MSCM.set_val(value)
        return MSCM.to_aper()


def decode_h245(data):
    with CODEC:
        MSCM.from_aper(Charpy(data))
        return MSCM.get_val()


def encode_olc(value):
    with CODEC:
        OLC.set_val(value)
        return OLC.to_aper()


def decode_olc(data):
    with CODEC:
        OLC.from_aper(Charpy(data))
        return OLC.get_val()


def h245_name(value):
    """'request.terminalCapabilitySet' style name of a MultimediaSystemControlMessage value."""
    kind, (name, _) = value
    return name


def h245_addr(addr):
    host, port = split_addr(addr)
    return ("unicastAddress", ("iPAddress", {"network": socket.inet_aton(host), "tsapIdentifier": port}))


def from_h245_addr(ta):
    if ta[0] == "unicastAddress" and ta[1][0] == "iPAddress":
        return f"{socket.inet_ntoa(ta[1][1]['network'])}:{ta[1][1]['tsapIdentifier']}"
    return None


def h225_addr(addr):
    return ("ipAddress", h225_peer.ipv4(addr))


def from_h225_addr(ta):
    if ta[0] == "ipAddress":
        return f"{socket.inet_ntoa(ta[1]['ip'])}:{ta[1]['port']}"
    return None


def audio_codec(data_type):
    """'ulaw' / 'alaw' / None of an H.245 DataType value."""
    if data_type[0] == "audioData" and data_type[1][0] in CODEC_OF:
        return CODEC_OF[data_type[1][0]]
    return None


def bind_in(sock_type, ip, ports):
    """A socket bound to IP and the first free port of `ports` (a range), or any port."""
    sock = socket.socket(socket.AF_INET, sock_type)
    if sock_type == socket.SOCK_STREAM:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if ports is None:
        sock.bind((ip, 0))
        return sock
    for port in ports:
        try:
            sock.bind((ip, port))
            return sock
        except OSError:
            continue
    raise OSError(f"no free port in {ports.start}-{ports.stop - 1}")


# Media.

class Media:
    """RTP and RTCP sockets of one call, a paced G.711 sender and a recording receiver."""

    def __init__(self, ip, ports, on_packet):
        self.rtp = bind_in(socket.SOCK_DGRAM, ip, ports)
        self.rtcp = bind_in(socket.SOCK_DGRAM, ip, ports)
        self.rtp_addr = "%s:%d" % self.rtp.getsockname()
        self.rtcp_addr = "%s:%d" % self.rtcp.getsockname()
        self.packets = []  # (arrival, seq, timestamp, ssrc, pt, payload)
        self.rtcp_received = 0
        self.sent = 0
        self.sending = threading.Event()
        self.stop_sending = threading.Event()
        self.closed = False
        self.on_packet = on_packet
        threading.Thread(target=self.receive, daemon=True).start()
        threading.Thread(target=self.receive_rtcp, daemon=True).start()

    def receive(self):
        while True:
            try:
                data, _ = self.rtp.recvfrom(2048)
            except OSError:
                return
            if len(data) < 12 or data[0] >> 6 != 2:
                continue
            cc = data[0] & 0x0F
            seq, ts, ssrc = struct.unpack("!HII", data[2:12])
            start = 12 + 4 * cc
            if data[0] & 0x10:  # header extension
                start += 4 + 4 * struct.unpack("!H", data[start + 2:start + 4])[0]
            end = len(data) - (data[-1] if data[0] & 0x20 else 0)
            self.packets.append((time.monotonic(), seq, ts, ssrc, data[1] & 0x7F, data[start:end]))
            if len(self.packets) == 1:
                self.on_packet()

    def receive_rtcp(self):
        while True:
            try:
                self.rtcp.recvfrom(2048)
            except OSError:
                return
            self.rtcp_received += 1

    def start(self, remote, codec, tone_hz, level, media_ms):
        if self.sending.is_set() or self.closed:
            return
        self.sending.set()
        threading.Thread(target=self.send, args=(split_addr(remote), CODECS[codec][1], tone_hz,
                                                 level, media_ms), daemon=True).start()

    def send(self, remote, pt, tone_hz, level, media_ms):
        seq, ts, ssrc = secrets.randbelow(65536), secrets.randbelow(2**32), secrets.randbits(32)
        total = None if media_ms is None else max(1, int(media_ms) // 20)
        n = 0
        t0 = time.monotonic()
        while not self.stop_sending.is_set() and (total is None or n < total):
            idx = np.arange(n * SAMPLES, (n + 1) * SAMPLES)
            pcm = np.round(level * 32767 * np.sin(2 * np.pi * tone_hz * idx / 8000))
            header = struct.pack("!BBHII", 0x80, (0x80 if n == 0 else 0) | pt, seq, ts, ssrc)
            try:
                self.rtp.sendto(header + g711_encode(pt, pcm), remote)
            except OSError as e:
                log(f"RTP to {remote}: {e}")
            self.sent += 1
            n += 1
            seq, ts = (seq + 1) & 0xFFFF, (ts + SAMPLES) & 0xFFFFFFFF
            # Paced by the clock, not by the sleeps: packet n leaves at t0 + 20n ms.
            self.stop_sending.wait(max(0.0, t0 + n * 0.020 - time.monotonic()))

    def stop(self):
        self.stop_sending.set()

    def close(self):
        self.stop()
        self.closed = True
        for s in (self.rtp, self.rtcp):
            try:
                s.close()
            except OSError:
                pass

    def report(self, wav=None, skip_ms=0, peaks=3, threshold=0.01):
        packets = list(self.packets)
        result = {"packets": len(packets), "lost": 0, "duplicates": 0, "out_of_order": 0,
                  "ssrcs": sorted({p[3] for p in packets}), "payload_types":
                  sorted({p[4] for p in packets}), "jitter_ms": 0.0, "samples": 0, "rms": 0.0,
                  "rms_dbfs": None, "peaks": [], "rtcp_received": self.rtcp_received,
                  "sent_packets": self.sent}
        if not packets:
            return result
        # The main stream: the SSRC with most packets.
        ssrc = max(result["ssrcs"], key=lambda s: sum(p[3] == s for p in packets))
        stream = [p for p in packets if p[3] == ssrc]
        ext, last, seen, jitter, prev = [], None, set(), 0.0, None
        for arrival, seq, ts, _, pt, payload in stream:
            if last is None:
                e = seq
            else:
                e = last + ((seq - last) & 0xFFFF)
                if e - last > 0x8000:
                    e -= 0x10000
            if last is not None and e < last:
                result["out_of_order"] += 1
            last = max(last, e) if last is not None else e
            if e in seen:
                result["duplicates"] += 1
            seen.add(e)
            ext.append(e)
            if prev is not None:  # RFC 3550 interarrival jitter, in ms
                d = (arrival - prev[0]) * 1000 - ((ts - prev[1]) & 0xFFFFFFFF) / 8
                jitter += (abs(d) - jitter) / 16
            prev = (arrival, ts)
        result["lost"] = (max(seen) - min(seen) + 1) - len(seen)
        result["jitter_ms"] = round(jitter, 3)
        ts0 = stream[0][2]
        spans = [(((p[2] - ts0) & 0xFFFFFFFF), g711_decode(p[4], p[5])) for p in stream
                 if p[4] in DECODE]
        if not spans:
            return result
        length = max(off + len(s) for off, s in spans)
        if length > 8000 * 3600:
            return result
        pcm = np.zeros(length, dtype=np.int16)
        for off, s in spans:
            pcm[off:off + len(s)] = s
        if wav:
            with wave.open(wav, "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(8000)
                w.writeframes(pcm.astype("<i2").tobytes())
        x = pcm[int(skip_ms) * 8:].astype(np.float64) / 32768
        result["samples"] = int(len(x))
        if len(x) < 400:
            return result
        rms = float(np.sqrt(np.mean(x * x)))
        result["rms"] = round(rms, 5)
        result["rms_dbfs"] = round(20 * math.log10(rms), 2) if rms > 0 else None
        result["peaks"] = spectral_peaks(x, peaks, threshold)
        return result


def spectral_peaks(x, count, threshold):
    """The `count` strongest tones of x (8 kHz): [{"hz", "power"}], power being the share of the
    signal's power within 20 Hz of the peak, those above `threshold` only."""
    x = x - np.mean(x)
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x)))) ** 2
    total = float(spec.sum())
    if total <= 0:
        return []
    df = 8000 / len(x)
    half = max(2, int(round(20 / df)))
    work = spec.copy()
    out = []
    for _ in range(count):
        k = int(np.argmax(work))
        lo, hi = max(0, k - half), min(len(work), k + half + 1)
        power = float(work[lo:hi].sum()) / total
        if power < threshold:
            break
        hz = k * df
        if 0 < k < len(spec) - 1:  # parabolic interpolation on the log power
            a, b, c = (math.log(spec[i] + 1e-30) for i in (k - 1, k, k + 1))
            if a - 2 * b + c != 0:
                hz = (k + 0.5 * (a - c) / (a - 2 * b + c)) * df
        out.append({"hz": round(hz, 1), "power": round(power, 4)})
        work[lo:hi] = 0
    return out


# H.245.

def audio_cap(codec, frames):
    return ("audioData", (CODECS[codec][0], frames))


def h2250_capability():
    mp = {"multicastCapability": False, "multiUniCastConference": False,
          "mediaDistributionCapability": [{
              "centralizedControl": False, "distributedControl": False,
              "centralizedAudio": False, "distributedAudio": False,
              "centralizedVideo": False, "distributedVideo": False}]}
    return ("h2250Capability", {
        "maximumAudioDelayJitter": 60, "receiveMultipointCapability": mp,
        "transmitMultipointCapability": mp, "receiveAndTransmitMultipointCapability": mp,
        "mcCapability": {"centralizedConferenceMC": False, "decentralizedConferenceMC": False},
        "rtcpVideoControlCapability": False,
        "mediaPacketizationCapability": {"h261aVideoPacketization": False}})


def terminal_capability_set(seq, codecs, frames):
    table = [{"capabilityTableEntryNumber": i + 1,
              "capability": ("receiveAudioCapability", (CODECS[c][0], frames))}
             for i, c in enumerate(codecs)]
    return ("request", ("terminalCapabilitySet", {
        "sequenceNumber": seq, "protocolIdentifier": H245_PROTOCOL,
        "multiplexCapability": h2250_capability(), "capabilityTable": table,
        "capabilityDescriptors": [{"capabilityDescriptorNumber": 0, "simultaneousCapabilities":
                                   [[e["capabilityTableEntryNumber"] for e in table]]}]}))


def remote_codecs(tcs):
    out = []
    for entry in tcs.get("capabilityTable", []):
        cap = entry.get("capability")
        if cap and cap[0] in ("receiveAudioCapability", "receiveAndTransmitAudioCapability") \
                and cap[1][0] in CODEC_OF:
            out.append(CODEC_OF[cap[1][0]])
    return out


class H245:
    """One H.245 session: capability exchange, master/slave determination, one audio channel each
    way. `send(list of MultimediaSystemControlMessage values)` carries the messages."""

    def __init__(self, call, send):
        self.call, self.send = call, send
        self.tcs_seq = 1
        self.tcs_sent = self.tcs_acked = False
        self.remote_tcs = None
        self.msd = "idle"  # idle, outgoing, incoming, done
        self.sdn = secrets.randbelow(2**24)
        self.role = None
        self.out_lcn = None  # our transmit channel: number once opened
        self.out_state = None  # opening, open, closing, closed, rejected
        self.in_channels = {}  # remote's channels into us: lcn -> codec
        self.end_sent = self.end_received = False

    def start(self):
        msgs = []
        if not self.tcs_sent:
            msgs.append(terminal_capability_set(self.tcs_seq, self.call.opt["codecs"],
                                                self.call.opt["frames"]))
            self.tcs_sent = True
        if self.msd == "idle":
            msgs.append(("request", ("masterSlaveDetermination", {
                "terminalType": self.call.opt["terminal_type"],
                "statusDeterminationNumber": self.sdn})))
            self.msd = "outgoing"
        return msgs

    def ready(self):
        return self.remote_tcs is not None and self.tcs_acked and self.msd == "done"

    def handle(self, value):
        """The answers to one received message (and an OLC once the session is ready)."""
        kind, (name, body) = value
        out = []
        c = self.call
        if name == "terminalCapabilitySet":
            self.remote_tcs = remote_codecs(body)
            c.remote_codecs = self.remote_tcs
            out.append(("response", ("terminalCapabilitySetAck",
                                     {"sequenceNumber": body["sequenceNumber"]})))
            out += self.start() if not self.tcs_sent else []
        elif name == "terminalCapabilitySetAck":
            self.tcs_acked = True
        elif name == "masterSlaveDetermination":
            tt, sdn = c.opt["terminal_type"], self.sdn
            if body["terminalType"] != tt:
                role = "master" if tt > body["terminalType"] else "slave"
            else:
                diff = (body["statusDeterminationNumber"] - sdn) & 0xFFFFFF
                role = None if diff in (0, 0x800000) else ("master" if diff < 0x800000 else "slave")
            if role is None:
                out.append(("response", ("masterSlaveDeterminationReject",
                                         {"cause": ("identicalNumbers", 0)})))
                self.sdn = secrets.randbelow(2**24)
            else:
                self.role = role
                # The decision names the role of the terminal receiving the ack.
                out.append(("response", ("masterSlaveDeterminationAck",
                                         {"decision": ("slave" if role == "master" else "master", 0)})))
                self.msd = "incoming"
        elif name == "masterSlaveDeterminationAck":
            if self.msd == "outgoing":
                self.role = body["decision"][0]
                out.append(("response", ("masterSlaveDeterminationAck",
                                         {"decision": ("slave" if self.role == "master" else "master", 0)})))
            self.msd = "done"
        elif name == "masterSlaveDeterminationReject":
            self.msd = "idle"
            self.sdn = secrets.randbelow(2**24)
            out += self.start()
        elif name == "openLogicalChannel":
            lcn = body["forwardLogicalChannelNumber"]
            codec = audio_codec(body["forwardLogicalChannelParameters"]["dataType"])
            if codec in c.opt["codecs"] and "reverseLogicalChannelParameters" not in body:
                self.in_channels[lcn] = codec
                c.in_codec = codec
                mp = body["forwardLogicalChannelParameters"]["multiplexParameters"]
                session = mp[1].get("sessionID", 1) if mp[0] == "h2250LogicalChannelParameters" else 1
                out.append(("response", ("openLogicalChannelAck", {
                    "forwardLogicalChannelNumber": lcn,
                    "forwardMultiplexAckParameters": ("h2250LogicalChannelAckParameters", {
                        "sessionID": session, "mediaChannel": h245_addr(c.media.rtp_addr),
                        "mediaControlChannel": h245_addr(c.media.rtcp_addr)})})))
            else:
                out.append(("response", ("openLogicalChannelReject", {
                    "forwardLogicalChannelNumber": lcn, "cause": ("dataTypeNotSupported", 0)})))
        elif name == "openLogicalChannelAck":
            if body["forwardLogicalChannelNumber"] == self.out_lcn:
                ack = body.get("forwardMultiplexAckParameters")
                if ack and ack[0] == "h2250LogicalChannelAckParameters":
                    p = ack[1]
                    if "mediaChannel" in p:
                        c.remote_rtp = from_h245_addr(p["mediaChannel"])
                    if "mediaControlChannel" in p:
                        c.remote_rtcp = from_h245_addr(p["mediaControlChannel"])
                self.out_state = "open"
                c.start_media()
        elif name == "openLogicalChannelReject":
            self.out_state = "rejected"
            c.errors.append(f"our openLogicalChannel rejected: {body['cause'][0]}")
        elif name == "closeLogicalChannel":
            self.in_channels.pop(body["forwardLogicalChannelNumber"], None)
            out.append(("response", ("closeLogicalChannelAck",
                                     {"forwardLogicalChannelNumber": body["forwardLogicalChannelNumber"]})))
        elif name == "closeLogicalChannelAck":
            if body["forwardLogicalChannelNumber"] == self.out_lcn:
                self.out_state = "closed"
        elif name == "roundTripDelayRequest":
            out.append(("response", ("roundTripDelayResponse", {"sequenceNumber": body["sequenceNumber"]})))
        elif name == "endSessionCommand":
            self.end_received = True
            c.media.stop()
            if not self.end_sent:
                out.append(self.end_session())
        out += self.maybe_open()
        return out

    def maybe_open(self):
        if not self.ready() or self.out_lcn is not None:
            return []
        c = self.call
        if c.fast_start:  # H.245 after a fastStart call: the fastStart channels stay the channels
            self.out_lcn, self.out_state = 0, "none"
            return []
        codec = next((x for x in c.opt["codecs"] if x in self.remote_tcs), None)
        if codec is None:
            c.errors.append("no common codec: no transmit channel")
            self.out_lcn, self.out_state = 0, "none"
            return []
        self.out_lcn, self.out_state = 1, "opening"
        c.codec = codec
        return [("request", ("openLogicalChannel", {
            "forwardLogicalChannelNumber": self.out_lcn,
            "forwardLogicalChannelParameters": {
                "dataType": audio_cap(codec, c.opt["frames"]),
                "multiplexParameters": ("h2250LogicalChannelParameters", {
                    "sessionID": 1, "mediaControlChannel": h245_addr(c.media.rtcp_addr),
                    "silenceSuppression": False})}}))]

    def close_channel(self):
        self.out_state = "closing"
        return [("request", ("closeLogicalChannel", {
            "forwardLogicalChannelNumber": self.out_lcn, "source": ("user", 0),
            "reason": ("unknown", 0)}))]

    def end_session(self):
        self.end_sent = True
        return ("command", ("endSessionCommand", ("disconnect", 0)))


# fastStart (H.323 8.1.7).

def fast_start_proposals(opt, media):
    """The caller's OLC proposals: per codec a forward channel (our RTCP address) and a reverse
    channel (our RTP and RTCP addresses), forward ones first."""
    fwd, rev = [], []
    for i, codec in enumerate(opt["codecs"]):
        fwd.append({"forwardLogicalChannelNumber": 1 + i, "forwardLogicalChannelParameters": {
            "dataType": audio_cap(codec, opt["frames"]),
            "multiplexParameters": ("h2250LogicalChannelParameters", {
                "sessionID": 1, "mediaControlChannel": h245_addr(media.rtcp_addr),
                "silenceSuppression": False})}})
        rev.append({"forwardLogicalChannelNumber": 101 + i, "forwardLogicalChannelParameters": {
            "dataType": ("nullData", 0), "multiplexParameters": ("none", 0)},
            "reverseLogicalChannelParameters": {
                "dataType": audio_cap(codec, opt["frames"]),
                "multiplexParameters": ("h2250LogicalChannelParameters", {
                    "sessionID": 1, "mediaChannel": h245_addr(media.rtp_addr),
                    "mediaControlChannel": h245_addr(media.rtcp_addr),
                    "silenceSuppression": False})}})
    return [encode_olc(v) for v in fwd + rev]


def fast_start_answer(proposals, opt, media):
    """(accepted OLCs, codec, remote RTP, remote RTCP) of the callee, or None: the first of its
    codecs that the caller proposes both ways. In the caller's forward channel it puts its RTP and
    RTCP addresses; in the reverse one, its RTCP address."""
    olcs = [decode_olc(p) for p in proposals]
    for codec in opt["codecs"]:
        fwd = next((o for o in olcs if "reverseLogicalChannelParameters" not in o and
                    audio_codec(o["forwardLogicalChannelParameters"]["dataType"]) == codec), None)
        rev = next((o for o in olcs if "reverseLogicalChannelParameters" in o and
                    audio_codec(o["reverseLogicalChannelParameters"]["dataType"]) == codec), None)
        if fwd is None or rev is None:
            continue
        rp = rev["reverseLogicalChannelParameters"]["multiplexParameters"][1]
        remote_rtp = from_h245_addr(rp["mediaChannel"]) if "mediaChannel" in rp else None
        remote_rtcp = from_h245_addr(rp["mediaControlChannel"]) if "mediaControlChannel" in rp else None
        fp = fwd["forwardLogicalChannelParameters"]["multiplexParameters"][1]
        fp["mediaChannel"] = h245_addr(media.rtp_addr)
        fp["mediaControlChannel"] = h245_addr(media.rtcp_addr)
        rp["mediaControlChannel"] = h245_addr(media.rtcp_addr)
        return [encode_olc(fwd), encode_olc(rev)], codec, remote_rtp, remote_rtcp
    return None


def fast_start_accepted(olcs):
    """(codec, remote RTP, remote RTCP) from the callee's accepted OLCs: its RTP address is in the
    forward channel's mediaChannel."""
    codec = rtp = rtcp = None
    for data in olcs:
        o = decode_olc(data)
        if "reverseLogicalChannelParameters" in o:
            codec = codec or audio_codec(o["reverseLogicalChannelParameters"]["dataType"])
            continue
        codec = audio_codec(o["forwardLogicalChannelParameters"]["dataType"]) or codec
        mp = o["forwardLogicalChannelParameters"]["multiplexParameters"]
        if mp[0] == "h2250LogicalChannelParameters":
            if "mediaChannel" in mp[1]:
                rtp = from_h245_addr(mp[1]["mediaChannel"])
            if "mediaControlChannel" in mp[1]:
                rtcp = from_h245_addr(mp[1]["mediaControlChannel"])
    return codec, rtp, rtcp


# Calls.

class Call:
    def __init__(self, peer, handle, role, sock, opt):
        self.peer, self.id, self.role, self.sock, self.opt = peer, handle, role, sock, opt
        self.cond = threading.Condition(threading.RLock())
        self.send_lock = threading.Lock()
        self.state = "setup" if role == "caller" else "incoming"
        self.crv = 0
        self.call_id = self.conference_id = None
        self.local = "%s:%d" % sock.getsockname()
        self.remote = "%s:%d" % sock.getpeername()
        self.tunnelling = opt["tunnelling"]
        self.fast_start = False
        self.h245 = None
        self.h245_mode = None
        self.h245_sock = None
        self.h245_address = None
        self.codec = self.in_codec = None
        self.remote_rtp = self.remote_rtcp = None
        self.remote_codecs = []
        self.sent, self.received, self.h245_sent, self.h245_received = [], [], [], []
        self.facility_reasons, self.errors = [], []
        self.release = None
        self.status = None
        self.closed = False
        self.media = Media(peer.bind, peer.media_ports, self.notify)

    def notify(self):
        with self.cond:
            self.cond.notify_all()

    def summary(self):
        with self.cond:
            return {"call": self.id, "role": self.role, "state": self.state, "crv": self.crv,
                    "call_id": self.call_id.hex() if self.call_id else None,
                    "conference_id": self.conference_id.hex() if self.conference_id else None,
                    "local": self.local, "remote": self.remote, "tunnelling": self.tunnelling,
                    "fast_start": self.fast_start, "h245": self.h245_mode,
                    "h245_address": self.h245_address, "codec": self.codec,
                    "rtp": self.media.rtp_addr, "rtcp": self.media.rtcp_addr,
                    "remote_rtp": self.remote_rtp, "remote_rtcp": self.remote_rtcp,
                    "sent": self.sent, "received": self.received, "h245_sent": self.h245_sent,
                    "h245_received": self.h245_received,
                    "msd": self.h245.role if self.h245 else None,
                    "remote_codecs": self.remote_codecs, "release": self.release,
                    "facility_reasons": self.facility_reasons, "status": self.status,
                    "errors": self.errors}

    # Sending.

    def uuie_base(self, name):
        body = {"protocolIdentifier": PROTOCOL}
        if name not in ("setup",):
            body["callIdentifier"] = {"guid": self.call_id}
        if name in ("callProceeding", "alerting", "connect", "progress"):
            body["destinationInfo"] = self.peer.endpoint_type(self.opt)
        if name in ("callProceeding", "alerting", "connect", "facility"):
            body.update(multipleCalls=False, maintainConnection=False)
        if name == "connect":
            body["conferenceID"] = self.conference_id
        return body

    def send_message(self, name, body, h245=(), ies=(), extra_pdu=None):
        """Send one Q.931 message carrying the H323-UserInformation body `name` (a UUIE value,
        or None for "empty") and the tunnelled H.245 messages (values)."""
        pdu = {"h323-message-body": (name, body if body is not None else 0),
               "h245Tunnelling": self.tunnelling}
        h245 = list(h245)
        if h245:
            pdu["h245Control"] = [encode_h245(v) for v in h245]
        if extra_pdu:
            pdu.update(extra_pdu)
        uu = encode_uui({"h323-uu-pdu": pdu})
        ies = list(ies) + [(IE_USER_USER, uu)]
        data = tpkt(q931(self.crv, self.role == "callee", Q931_TYPE[name], ies))
        with self.send_lock:
            self.sock.sendall(data)
        with self.cond:
            self.sent.append(name)
            for v in h245:
                self.h245_sent.append(h245_name(v))
        self.peer.emit({"event": "q931", "call": self.id, "dir": "out", "message": name,
                        "hex": data.hex()})
        for v in h245:
            self.peer.emit({"event": "h245", "call": self.id, "dir": "out", "message": h245_name(v)})

    def send_h245(self, msgs):
        """H.245 messages, tunnelled in a Facility (body empty) or on the H.245 connection."""
        msgs = list(msgs)
        if not msgs:
            return
        if self.h245_mode == "separate":
            frames = [tpkt(encode_h245(v)) for v in msgs]
            with self.send_lock:
                self.h245_sock.sendall(b"".join(frames))
            with self.cond:
                self.h245_sent += [h245_name(v) for v in msgs]
            for v, f in zip(msgs, frames):
                self.peer.emit({"event": "h245", "call": self.id, "dir": "out",
                                "message": h245_name(v), "hex": f.hex()})
        else:
            self.send_message("empty", None, h245=msgs)

    def release_ies(self, reason, cause):
        cause = cause if cause is not None else CAUSE.get(reason, 16)
        return [(IE_CAUSE, bytes([0x80, 0x80 | cause]))]

    def start_media(self):
        if self.remote_rtp and self.codec:
            self.media.start(self.remote_rtp, self.codec, self.opt["tone_hz"],
                             self.opt["tone_level"], self.opt["media_ms"])
            self.notify()

    def start_h245(self, tunnelled):
        with self.cond:
            if self.h245 is None:
                self.h245 = H245(self, self.send_h245)
                self.h245_mode = "tunnelled" if tunnelled else "separate"

    # Receiving.

    def reader(self, first=None):
        try:
            if first is not None:
                self.dispatch(first)
            while True:
                data = read_tpkt(self.sock)
                if data is None:
                    break
                self.dispatch(data)
        except Exception as e:  # noqa: BLE001  (a peer's bad message ends its call, not us)
            with self.cond:
                if not self.closed:
                    self.errors.append(f"{type(e).__name__}: {e}")
                    log(f"call {self.id}: {type(e).__name__}: {e}")
        self.finish({"by": "remote", "reason": None, "cause": None, "closed": True})

    def finish(self, release):
        with self.cond:
            if self.release is None:
                self.release = release
                self.peer.emit({"event": "released", "call": self.id, "release": release})
            self.state = "released"
            self.closed = True
            self.media.close()
            if self.h245_sock is not None:
                try:
                    self.h245_sock.close()
                except OSError:
                    pass
            self.cond.notify_all()

    def dispatch(self, data):
        crv, flag, msg_type, ies = parse_q931(data)
        name = Q931_NAME.get(msg_type, f"0x{msg_type:02x}")
        value = decode_uui(ies[IE_USER_USER]) if IE_USER_USER in ies else None
        pdu = value["h323-uu-pdu"] if value else {}
        body_name, body = pdu.get("h323-message-body", (None, None))
        self.peer.emit({"event": "q931", "call": self.id, "dir": "in", "message": body_name or name,
                        "hex": tpkt(data).hex()})
        with self.cond:
            self.received.append(body_name or name)
            if body_name != "setup":
                # What a guardian checks of every message: its call reference (the flag bit set
                # on the answering side's messages only), and its callIdentifier.
                if crv != self.crv or flag != (self.role == "caller"):
                    self.errors.append(f"{body_name or name}: CRV {crv} flag {int(flag)}, not "
                                       f"{self.crv} flag {int(self.role == 'caller')}")
                guid = body.get("callIdentifier", {}).get("guid") if isinstance(body, dict) else None
                if guid is not None and guid != self.call_id:
                    self.errors.append(f"{body_name}: callIdentifier {guid.hex()}, not {self.call_id.hex()}")
            elif flag or self.role == "caller":
                self.errors.append("a Setup with the CRV flag set, or sent to the caller")
            if body_name == "setup":
                self.on_setup(crv, body, pdu, ies)
            else:
                self.on_message(body_name, body, pdu, ies)
            self.cond.notify_all()

    def on_message(self, name, body, pdu, ies):
        if "h245Tunnelling" in pdu and not pdu["h245Tunnelling"]:
            self.tunnelling = False
        replies = []
        if self.role == "caller" and isinstance(body, dict) and "fastStart" in body \
                and not self.fast_start and self.opt["fast_start"]:
            self.codec, self.remote_rtp, self.remote_rtcp = fast_start_accepted(body["fastStart"])
            self.in_codec = self.codec
            self.fast_start = True
            self.start_media()
        if name == "callProceeding" and self.state == "setup":
            self.state = "proceeding"
        elif name == "alerting" and self.state in ("setup", "proceeding"):
            self.state = "alerting"
        elif name == "connect":
            self.state = "connected"
            if not self.fast_start:
                if self.tunnelling:
                    self.start_h245(True)
                    replies += self.h245.start()
                elif "h245Address" in body:
                    self.h245_address = from_h225_addr(body["h245Address"])
                    self.connect_h245(self.h245_address)
        elif name == "facility":
            self.facility_reasons.append(body["reason"][0])
        elif name == "statusInquiry":
            self.send_message("status", {"protocolIdentifier": PROTOCOL,
                                         "callIdentifier": {"guid": self.call_id}},
                              ies=[(IE_CAUSE, bytes([0x80, 0x80 | 30])),
                                   (IE_CALL_STATE, bytes([CALL_STATE.get(self.state, 0)]))])
        elif name == "status":
            state = ies.get(IE_CALL_STATE, b"\xff")
            cause = ies.get(IE_CAUSE, b"\x00\x00")
            self.status = {"call_state": state[0] & 0x3F, "cause": cause[-1] & 0x7F}
        elif name == "releaseComplete":
            for data in pdu.get("h245Control", []):
                self.on_h245(data)
            cause = ies.get(IE_CAUSE)
            self.finish({"by": "remote", "reason": body["reason"][0] if "reason" in body else None,
                         "cause": cause[-1] & 0x7F if cause else None})
            self.shutdown()
            return
        for data in pdu.get("h245Control", []):
            replies += self.on_h245(data)
        if replies:
            self.send_h245(replies)

    def on_h245(self, data):
        value = decode_h245(data)
        name = h245_name(value)
        self.h245_received.append(name)
        self.peer.emit({"event": "h245", "call": self.id, "dir": "in", "message": name})
        if self.h245 is None:
            self.start_h245(self.h245_mode != "separate")
            out = self.h245.start()
        else:
            out = []
        return out + self.h245.handle(value)

    def shutdown(self):
        self.closed = True
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    # The answering side.

    def on_setup(self, crv, body, pdu, ies):
        self.crv = crv
        self.call_id = body["callIdentifier"]["guid"] if "callIdentifier" in body else bytes(16)
        self.conference_id = body["conferenceID"]
        self.setup = body
        self.tunnelling = self.opt["tunnelling"] and pdu.get("h245Tunnelling", False)
        self.peer.emit({"event": "incoming", **self.summary(),
                        "setup": to_json(M.Setup_UUIE, body)})
        self.peer.incoming.put(self.id)
        if self.opt["refuse"]:
            reason = self.opt["refuse"]
            self.send_message("releaseComplete", {"protocolIdentifier": PROTOCOL,
                                                  "callIdentifier": {"guid": self.call_id},
                                                  "reason": (reason, 0)},
                              ies=self.release_ies(reason, None))
            self.finish({"by": "local", "reason": reason, "cause": CAUSE.get(reason, 16)})
            self.shutdown()
            return
        answer = None
        if self.opt["fast_start"] and "fastStart" in body:
            answer = fast_start_answer(body["fastStart"], self.opt, self.media)
        carrier = self.opt["fast_start_in"] if answer else None
        if carrier == "alerting" and not self.opt["alerting"]:
            carrier = "connect"
        h245 = []
        extra = {}
        if not answer and self.tunnelling:
            self.start_h245(True)
            h245 = self.h245.start()
        elif not answer:
            extra["h245Address"] = h225_addr(self.listen_h245())
        for name in ("callProceeding", "alerting", "connect"):
            if name == "alerting" and not self.opt["alerting"]:
                continue
            uuie = self.uuie_base(name)
            if answer and name == carrier:
                uuie["fastStart"] = answer[0]
                self.fast_start = True
                self.codec = self.in_codec = answer[1]
                self.remote_rtp, self.remote_rtcp = answer[2], answer[3]
            if name == "connect":
                if not answer and "fastStart" in body:
                    uuie["fastConnectRefused"] = 0
                uuie.update(extra)
                self.send_message(name, uuie, h245=h245)
                self.state = "connected"
            else:
                self.send_message(name, uuie)
                self.state = "proceeding" if name == "callProceeding" else "received"
            if answer and name == carrier:
                self.start_media()

    # H.245 on its own TCP connection.

    def listen_h245(self):
        srv = bind_in(socket.SOCK_STREAM, self.peer.bind, self.peer.media_ports)
        srv.listen(1)
        addr = "%s:%d" % srv.getsockname()
        self.h245_address = addr

        def accept():
            srv.settimeout(self.opt.get("timeout_ms", 5000) / 1000)
            try:
                sock, _ = srv.accept()
            except OSError as e:
                self.errors.append(f"no H.245 connection: {e}")
                return
            finally:
                srv.close()
            self.run_h245(sock, initiate=True)
        threading.Thread(target=accept, daemon=True).start()
        return addr

    def connect_h245(self, addr):
        sock = socket.create_connection(split_addr(addr), timeout=5)
        sock.settimeout(None)
        threading.Thread(target=self.run_h245, args=(sock, True), daemon=True).start()

    def run_h245(self, sock, initiate):
        with self.cond:
            self.h245_sock = sock
            self.start_h245(False)
            if initiate:
                self.send_h245(self.h245.start())
        try:
            while True:
                data = read_tpkt(sock)
                if data is None:
                    break
                with self.cond:
                    self.send_h245(self.on_h245(data))
                    self.cond.notify_all()
        except Exception as e:  # noqa: BLE001
            if not self.closed:
                self.errors.append(f"H.245: {type(e).__name__}: {e}")


class Peer:
    def __init__(self, bind, alias, media_ports, timeout_ms, opt):
        self.bind, self.alias, self.media_ports, self.timeout_ms = bind, alias, media_ports, timeout_ms
        self.opt = {**DEFAULTS, **opt}
        self.calls = {}
        self.next_id = 1
        self.out = threading.Lock()
        self.incoming = queue.Queue()
        self.listen_addr = None

    def emit(self, obj):
        with self.out:
            sys.stdout.write(json.dumps(obj) + "\n")
            sys.stdout.flush()

    def endpoint_type(self, opt):
        t = endpoint_type(opt.get("endpoint_type", "terminal"))
        t["vendor"] = dict(VENDOR, productId=b"ifconnect h323_call_peer")
        return t

    def options(self, cmd, base):
        opt = dict(base)
        opt.update({k: v for k, v in cmd.items() if k in DEFAULTS or k == "timeout_ms"})
        for c in opt["codecs"]:
            if c not in CODECS:
                raise ValueError(f"codec {c!r}: ulaw or alaw")
        return opt

    def new_call(self, role, sock, opt):
        handle = self.next_id
        self.next_id += 1
        call = Call(self, handle, role, sock, opt)
        self.calls[handle] = call
        return call

    def get(self, cmd):
        handle = cmd.get("call")
        if handle is None and self.calls:
            handle = max(self.calls)
        if handle not in self.calls:
            raise ValueError(f"no call {handle!r}")
        return self.calls[handle]

    def wait(self, call, pred, timeout_ms):
        deadline = time.monotonic() + timeout_ms / 1000
        with call.cond:
            while not pred():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                call.cond.wait(left)
        return True

    # Commands.

    def run_listen(self, cmd):
        opt = self.options(cmd, self.opt)
        return {"listen": self.listen(cmd.get("port", 0), opt)}

    def listen(self, port, opt):
        srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind((self.bind, port))
        srv.listen(16)
        addr = "%s:%d" % srv.getsockname()

        def serve():
            while True:
                sock, _ = srv.accept()
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                call = self.new_call("callee", sock, opt)
                threading.Thread(target=call.reader, daemon=True).start()
        threading.Thread(target=serve, daemon=True).start()
        self.listen_addr = addr
        return addr

    def run_accept(self, cmd):
        try:
            handle = self.incoming.get(timeout=cmd.get("timeout_ms", self.timeout_ms) / 1000)
        except queue.Empty:
            raise TimeoutError("no incoming call") from None
        return self.calls[handle].summary()

    def run_call(self, cmd):
        opt = self.options(cmd, self.opt)
        to = cmd["to"]
        sock = socket.create_connection(split_addr(to), timeout=opt.get("timeout_ms", self.timeout_ms) / 1000)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        call = self.new_call("caller", sock, opt)
        call.crv = cmd.get("crv", 1 + secrets.randbelow(32767))
        call.call_id = bytes.fromhex(cmd["call_id"]) if cmd.get("call_id") else secrets.token_bytes(16)
        call.conference_id = bytes.fromhex(cmd["conference_id"]) if cmd.get("conference_id") \
            else secrets.token_bytes(16)
        src = cmd.get("src_alias", self.alias)
        body = {"protocolIdentifier": PROTOCOL, "sourceAddress": [("h323-ID", src)],
                "sourceInfo": self.endpoint_type(opt), "activeMC": False,
                "conferenceID": call.conference_id, "conferenceGoal": (cmd.get("goal", "create"), 0),
                "callType": ("pointToPoint", 0), "sourceCallSignalAddress": h225_addr(call.local),
                "destCallSignalAddress": h225_addr(to),
                "callIdentifier": {"guid": call.call_id}, "mediaWaitForConnect": False,
                "canOverlapSend": False, "multipleCalls": False, "maintainConnection": False}
        if cmd.get("dest_alias"):
            body["destinationAddress"] = [("h323-ID", cmd["dest_alias"])]
        if cmd.get("endpoint_id"):
            body["endpointIdentifier"] = cmd["endpoint_id"]
        if cmd.get("tokens"):
            body["tokens"] = [from_json(M.Setup_UUIE._cont["tokens"]._cont, t) for t in cmd["tokens"]]
        if opt["fast_start"]:
            body["fastStart"] = fast_start_proposals(opt, call.media)
        for k, v in cmd.get("uuie", {}).items():
            body[k] = from_json(M.Setup_UUIE._cont[k], v)
        extra = {}
        description = cmd.get("description")
        if description is not None:
            data = description if isinstance(description, str) else json.dumps(
                description, separators=(",", ":"), ensure_ascii=False)
            extra["nonStandardData"] = {"nonStandardIdentifier": ("object", DESCRIPTION_OID),
                                        "data": data.encode("utf-8")}
        ies = [(0x04, bytes([0x88, 0x90, 0xA5])), (IE_DISPLAY, cmd.get("display", src).encode())]
        if cmd.get("called_number"):
            ies.append((IE_CALLED, b"\x81" + cmd["called_number"].encode()))
        with call.cond:
            call.send_message("setup", body, ies=ies, extra_pdu=extra)
        threading.Thread(target=call.reader, daemon=True).start()
        want = cmd.get("wait", "connect")
        states = {"connect": ("connected", "released"),
                  "proceeding": ("proceeding", "alerting", "connected", "released")}.get(want)
        if states:
            self.wait(call, lambda: call.state in states, opt.get("timeout_ms", self.timeout_ms))
        return call.summary()

    def run_wait(self, cmd):
        call = self.get(cmd)
        what = cmd.get("for", "connected")
        preds = {
            "connected": lambda: call.state in ("connected", "released"),
            "released": lambda: call.state == "released",
            "media": lambda: call.state == "released" or (
                call.media.sending.is_set() and len(call.media.packets) > 0),
            "h245": lambda: call.state == "released" or (
                call.h245 is not None and call.h245.ready() and call.h245.out_state
                in ("open", "rejected", "none") and bool(call.h245.in_channels)),
        }
        if what not in preds:
            raise ValueError(f"wait for {what!r}: connected, media, h245 or released")
        ok = self.wait(call, preds[what], cmd.get("timeout_ms", self.timeout_ms))
        return {"reached": ok, **call.summary()}

    def run_hangup(self, cmd):
        call = self.get(cmd)
        reason = cmd.get("reason", "undefinedReason")
        with call.cond:
            if call.state == "released":
                raise ValueError(f"call {call.id} is released already")
            call.media.stop()
            h245 = []
            if call.h245 is not None and not call.h245.end_sent:
                end = call.h245.end_session()
                if call.h245_mode == "tunnelled":
                    h245 = [end]
                else:
                    call.send_h245([end])
        if call.h245_mode == "separate":
            # H.323 8.5: the other side's endSessionCommand, then ReleaseComplete.
            self.wait(call, lambda: call.h245.end_received or call.state == "released", 1000)
        with call.cond:
            call.send_message("releaseComplete", {"protocolIdentifier": PROTOCOL,
                                                  "callIdentifier": {"guid": call.call_id},
                                                  "reason": (reason, 0)},
                              h245=h245, ies=call.release_ies(reason, cmd.get("cause")))
            call.closed = True
            release = {"by": "local", "reason": reason,
                       "cause": cmd.get("cause", CAUSE.get(reason, 16))}
            if call.release is None:
                call.release = release
            call.shutdown()
        # The other side closes its end: wait for it (the reader then finishes the call).
        closed = self.wait(call, lambda: call.state == "released", cmd.get("timeout_ms", self.timeout_ms))
        if not closed:
            call.sock.close()
            call.finish(release)
        return {**call.summary(), "closed_by_remote": closed}

    def run_close_channel(self, cmd):
        call = self.get(cmd)
        with call.cond:
            if call.h245 is None or call.h245.out_state != "open":
                raise ValueError("no open H.245 transmit channel (fastStart channels have no H.245)")
            call.media.stop()
            call.send_h245(call.h245.close_channel())
        ok = self.wait(call, lambda: call.h245.out_state == "closed" or call.state == "released",
                       cmd.get("timeout_ms", self.timeout_ms))
        return {"acked": ok, **call.summary()}

    def run_status_inquiry(self, cmd):
        call = self.get(cmd)
        with call.cond:
            call.status = None
            call.send_message("statusInquiry", {"protocolIdentifier": PROTOCOL,
                                                "callIdentifier": {"guid": call.call_id}})
        ok = self.wait(call, lambda: call.status is not None or call.state == "released",
                       cmd.get("timeout_ms", self.timeout_ms))
        return {"answered": ok and call.status is not None, **call.summary()}

    def run_media_report(self, cmd):
        call = self.get(cmd)
        return {"call": call.id, "codec": call.codec, **call.media.report(
            cmd.get("wav"), cmd.get("skip_ms", 0), cmd.get("peaks", 3), cmd.get("threshold", 0.01))}

    def run_info(self, cmd):
        return self.get(cmd).summary()

    def run_send(self, cmd):
        call = self.get(cmd)
        name = cmd["message"]
        if name not in UUIE and name != "empty":
            raise ValueError(f"message {name!r}: one of {', '.join(UUIE)} or empty")
        body = None
        if name != "empty":
            body = call.uuie_base(name) if name != "setup" else {}
            body.update({k: from_json(UUIE[name]._cont[k], v) for k, v in cmd.get("uuie", {}).items()})
        h245 = [from_json(MSCM, m) for m in cmd.get("h245", [])]
        with call.cond:
            call.send_message(name, body, h245=h245)
        return {"call": call.id, "sent": name}

    def run_raw(self, cmd):
        call = self.get(cmd)
        data = bytes.fromhex(cmd["hex"])
        with call.send_lock:
            call.sock.sendall(data)
        return {"call": call.id, "sent": len(data)}

    def serve(self, listen_port):
        addr = self.listen(listen_port, self.opt) if listen_port is not None else None
        self.emit({"ready": {"bind": self.bind, "listen": addr}})
        for line in sys.stdin:
            if not line.strip():
                continue
            op = None
            try:
                cmd = json.loads(line)
                op = cmd.get("op")
                run = getattr(self, f"run_{op}", None) if isinstance(op, str) else None
                if run is None:
                    raise ValueError(f"unknown op {op!r}")
                result = {"op": op, **run(cmd)}
            except Exception as e:  # noqa: BLE001  (a bad command is the test's to see)
                log(f"{line.strip()}: {type(e).__name__}: {e}")
                result = {"op": op, "error": f"{type(e).__name__}: {e}"}
            self.emit(result)


# Decoding for people.

def decode_message(data):
    if data[:1] == b"\x03":
        data = data[4:]
    crv, flag, msg_type, ies = parse_q931(data)
    out = {"crv": crv, "from_callee": flag, "type": Q931_NAME.get(msg_type, msg_type),
           "ies": {f"{k:#04x}": v.hex() for k, v in ies.items() if k != IE_USER_USER}}
    if IE_USER_USER in ies:
        value = decode_uui(ies[IE_USER_USER])
        out["uuie"] = to_json(UUI, value)
        pdu = value["h323-uu-pdu"]
        out["h245"] = [to_json(MSCM, decode_h245(d)) for d in pdu.get("h245Control", [])]
        body = pdu["h323-message-body"][1]
        if isinstance(body, dict) and "fastStart" in body:
            out["fastStart"] = [to_json(OLC, decode_olc(d)) for d in body["fastStart"]]
    return out


def port_range(text):
    if not text:
        return None
    a, b = (int(x) for x in text.split("-"))
    return range(a, b + 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ep = sub.add_parser("endpoint")
    ep.add_argument("--bind", default="127.0.0.1")
    ep.add_argument("--alias", default="h323-peer")
    ep.add_argument("--listen", type=int)
    ep.add_argument("--media-ports")
    ep.add_argument("--timeout-ms", type=int, default=5000)
    ep.add_argument("--json", default="{}", help="default media and answer options")
    st = sub.add_parser("selftest")
    st.add_argument("--keep")
    st.add_argument("--no-capture", action="store_true")
    sub.add_parser("decode").add_argument("hex")
    args = parser.parse_args()
    if args.command == "endpoint":
        opt = json.loads(args.json)
        Peer(args.bind, args.alias, port_range(args.media_ports), args.timeout_ms, opt).serve(args.listen)
    elif args.command == "decode":
        print(json.dumps(decode_message(bytes.fromhex(args.hex))))
    else:
        import h323_call_peer_selftest
        sys.exit(h323_call_peer_selftest.main(args))


if __name__ == "__main__":
    main()
