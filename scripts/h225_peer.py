#!/usr/bin/env python3
"""An independent H.323 endpoint (H.225.0 RAS over UDP) for the tests of if-gk, on pycrate's codec.

    h225_peer.py endpoint --gk HOST:PORT [--key FILE] [--bind 127.0.0.1:0] [--timeout-ms 3000]
        bind one UDP socket (the endpoint's RAS address), print {"ready": {"ras": "IP:PORT"}},
        then run one JSON command a line from stdin, printing one JSON result a line; answer the
        gatekeeper's URQ, DRQ and IRQ meanwhile, printing each as {"gk_request": ...}
    h225_peer.py sign-vector          the token test vector of docs/if-gk.md, as JSON
    h225_peer.py decode HEX           a RasMessage as JSON (see to_json)
    h225_peer.py encode JSON|-        the ALIGNED PER hex of a RasMessage given as decode prints it
    h225_peer.py pcap OUT HEX...      write the datagrams to a pcap file, each as IPv4/UDP to 1719

Commands, one JSON object a line (every field optional unless said):
    {"op":"grq","alias":A,"terminal_type":T}     T: terminal (the default), mc or gateway
    {"op":"rrq","aliases":[A],"call_signal":"IP:PORT","ttl":N,"terminal_type":T,
     "keep_alive":B,"v1":B}     keep_alive: the lightweight RRQ; v1: no extension additions at all
    {"op":"arq","dest":A,"call_id":HEX,"conference_id":HEX,"crv":N,"bandwidth":N,"answer_call":B,
     "call_type":C,"call_model":M,"description":OBJ|STR}   a new call, its ids random by default;
                                 the description an object sent as compact JSON, or a string as is
    {"op":"brq","call_id":HEX,"bandwidth":N,...}   {"op":"drq","call_id":HEX,"reason":R,...}
                                 by default the last ARQ's call, its other ids as that ARQ sent them
    {"op":"urq","reason":R}   {"op":"lrq","dest":A (required)}   {"op":"irr"} (unsolicited)
    {"op":"raw","hex":HEX}    send once, report whatever one datagram comes back
    {"op":"resend"}           the last op's datagram again, unchanged
The ops that name the endpoint take "endpoint_id" (default: the RCF's). Every op but raw and resend
takes "seq" (default 1, 2, 3 ...), "sign" (default: when a key is loaded and the gatekeeper's
identifier is known, from GCF/RCF) and "token": {"timestamp", "random", "sender", "gk_id",
"tamper"} to override the token for negative tests; every op takes "timeout_ms". Requests go out
at most three times, the timeout split between them; RequestInProgress extends the wait.

Result: {"op", "seq", "answer": the response's RasMessage alternative or null on timeout,
"reason": its reject reason or null, "fields": the response decoded (to_json; for arq, brq and drq
also "call_id" and "conference_id"), "rip": how many RequestInProgress came, "sent": hex,
"received": hex or null}, plus "decode_error" when a raw op got something undecodable; "error"
instead when the command cannot be built. A request of the gatekeeper's is printed as
{"gk_request": its alternative, "fields", "received": hex, "sent": the answer's hex, or null when
the peer cannot answer (an IRQ before any RCF)}.

The peer remembers what a real endpoint does: the gatekeeperIdentifier (GCF, RCF), its
endpointIdentifier and timeToLive (RCF), its aliases, call signalling address and terminal type
(the last grq/rrq that gave them) and the calls it asked admission for.
"""
import argparse
import base64
import json
import queue
import secrets
import socket
import struct
import sys
import threading
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pycrate_asn1dir import H225
from pycrate_asn1rt import utils as asn
from pycrate_asn1rt.asnobj_construct import _CONSTRUCT
from pycrate_asn1rt.codecs import ASN1CodecPER
from pycrate_core.charpy import Charpy

# The fix of pycrate 0.8.1's ALIGNED PER encoding of SEQUENCE / SET extension additions.
#
# X.691 (clause 19): after the root components come the extension bit-map (a normally small
# length, one bit per addition), padding to the next octet, then each present addition as an open
# type, whose octets follow on at octet boundaries. pycrate tracks the bit offset of the encoding
# in ASN1CodecPER._off[-1] and pads wherever it is not a multiple of 8. But _CONSTRUCT._to_per
# encodes the additions' open types *before* it appends the bit-map in front of them, so when it
# encodes the first addition the offset is still that of the end of the root part: if the root
# part ends mid-octet, encode_unconst_open pads there, and then the bit-map, whose realignment is
# computed from an offset that now includes that padding, is padded again. Unless the two paddings
# happen to add up to less than an octet, the datagram carries a stray octet before the first
# addition, which pycrate's own decoder, tshark and any other decoder misread.
#
# The fix: when encode_unconst_open / encode_unconst_buf is called by _CONSTRUCT._to_per itself,
# which it does for extension additions only (a root component is encoded by its own _to_per, a
# CHOICE's extension by CHOICE._to_per, which writes in order), the addition is encoded from an
# octet boundary, which is where it really goes, and the offset is then put back to pycrate's
# count plus the addition's whole octets. That count is then the root part, plus whole octets,
# plus the bit-map: the bit-map's realignment is the true one, and the datagram is what X.691
# says. Decoding reads in order and needs no fix.
_SEQUENCE_TO_PER = _CONSTRUCT._to_per.__code__


def _aligned_extension_additions(encode):
    def encode_fixed(cla, arg):
        if not (cla.ALIGNED and sys._getframe(1).f_code is _SEQUENCE_TO_PER):
            return encode(arg)
        misalignment = cla._off[-1] % 8
        cla._off[-1] -= misalignment
        gen = encode(arg)
        cla._off[-1] += misalignment
        return gen
    return classmethod(encode_fixed)


ASN1CodecPER.encode_unconst_open = _aligned_extension_additions(ASN1CodecPER.encode_unconst_open)
ASN1CodecPER.encode_unconst_buf = _aligned_extension_additions(ASN1CodecPER.encode_unconst_buf)

RAS = H225.H323_MESSAGES.RasMessage
# pycrate's objects hold the value being coded and its codec keeps global state: one at a time.
CODEC = threading.Lock()

PROTOCOL_V7 = (0, 0, 8, 2250, 0, 7)
PROTOCOL_V1 = (0, 0, 8, 2250, 0, 1)
# The X.660 example arc: rasn and tshark hold OID arcs in 32 bits (docs/if-gk.md).
IF_GK_ARC = (2, 999, 1719, 1)
TOKEN_OID = IF_GK_ARC
SIGNATURE_OID = IF_GK_ARC + (1,)
DESCRIPTION_OID = IF_GK_ARC + (2,)
SIGNING_PREFIX = b"if-gk ras token v1\x00"
VENDOR = {"vendor": {"t35CountryCode": 181, "t35Extension": 0, "manufacturerCode": 0},
          "productId": b"ifconnect h225_peer", "versionId": b"1"}
# Requests a gatekeeper sends to an endpoint, which the endpoint answers.
GK_REQUESTS = ("unregistrationRequest", "disengageRequest", "infoRequest")
TRIES = 3  # H.225.0: a request is retransmitted at most twice
# H.235 says RandomVal is a 32-bit integer, and tshark 4.0 reports an unconstrained INTEGER of
# more than 4 octets as malformed: the doc bounds it at 2^31.
RANDOM_BOUND = 2**31


def log(msg):
    print(f"h225_peer: {msg}", file=sys.stderr, flush=True)


def encode(value):
    with CODEC:
        RAS.set_val(value)
        return RAS.to_aper()


def decode(data):
    """A RasMessage value; raises on anything but exactly one whole RasMessage."""
    with CODEC:
        char = Charpy(data)
        RAS.from_aper(char)
        if char.len_byte():
            raise ValueError(f"{char.len_byte()} octets after the RasMessage")
        return RAS.get_val()


def to_json(obj, val):
    """pycrate's value of `obj` as JSON: octets in hex, an OID dotted, a BIT STRING as its bits, a
    CHOICE as {alternative: value} or, for a NULL alternative, the alternative's name, and an IPv4
    TransportAddress as "IP:PORT"."""
    t = obj.TYPE
    if t == asn.TYPE_CHOICE:
        name, v = val
        if name not in obj._cont:  # an unknown extension: its encoding
            return {name: v.hex()}
        alt = obj._cont[name]
        if alt.TYPE == asn.TYPE_NULL:
            return name
        if name == "ipAddress":
            return f"{socket.inet_ntoa(v['ip'])}:{v['port']}"
        return {name: to_json(alt, v)}
    if t in (asn.TYPE_SEQ, asn.TYPE_SET):
        return {k: to_json(obj._cont[k], v) if k in obj._cont else v.hex() for k, v in val.items()}
    if t in (asn.TYPE_SEQ_OF, asn.TYPE_SET_OF):
        return [to_json(obj._cont, v) for v in val]
    if t in (asn.TYPE_OID, asn.TYPE_REL_OID):
        return ".".join(map(str, val))
    if t == asn.TYPE_BIT_STR:
        return format(val[0], f"0{val[1]}b") if val[1] else ""
    if t == asn.TYPE_NULL:
        return None
    if isinstance(val, bytes):
        return val.hex()
    return val


def from_json(obj, j):
    """The inverse of to_json."""
    t = obj.TYPE
    if t == asn.TYPE_CHOICE:
        if isinstance(j, str):
            if j in obj._cont:
                return (j, 0)
            if "ipAddress" not in obj._cont:
                raise ValueError(f"{obj.fullname()}: no alternative {j!r}")
            return ("ipAddress", ipv4(j))
        (name, v), = j.items()
        if name not in obj._cont:
            return (name, bytes.fromhex(v))
        return (name, from_json(obj._cont[name], v))
    if t in (asn.TYPE_SEQ, asn.TYPE_SET):
        return {k: from_json(obj._cont[k], v) if k in obj._cont else bytes.fromhex(v)
                for k, v in j.items()}
    if t in (asn.TYPE_SEQ_OF, asn.TYPE_SET_OF):
        return [from_json(obj._cont, v) for v in j]
    if t in (asn.TYPE_OID, asn.TYPE_REL_OID):
        return tuple(int(arc) for arc in j.split("."))
    if t == asn.TYPE_BIT_STR:
        return (int(j, 2) if j else 0, len(j))
    if t == asn.TYPE_NULL:
        return 0
    if t == asn.TYPE_OCT_STR:
        return bytes.fromhex(j)
    return j


def message_json(value):
    """The fields of a RasMessage value (its alternative's content) as JSON."""
    name, body = value
    fields = to_json(RAS._cont[name], body) if name in RAS._cont else {"encoding": body.hex()}
    return fields if isinstance(fields, dict) else {name: fields}


def split_addr(addr):
    host, port = addr.rsplit(":", 1)
    return host, int(port)


def ipv4(addr):
    """A TransportAddress ipAddress from "IP:PORT"."""
    host, port = split_addr(addr)
    return {"ip": socket.inet_aton(host), "port": port}


def load_key(path):
    """(agent id, Ed25519 key) from an `ifconnect secret key v1` file."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if not lines or lines[0] != "ifconnect secret key v1":
        raise SystemExit(f"{path}: not an ifconnect secret key v1")
    fields = {}
    for line in lines[1:]:
        if line and not line.startswith("#"):
            name, _, value = line.partition(":")
            fields[name.strip()] = value.strip()
    seed = base64.b64decode(fields["secret-key"], validate=True)
    return fields["agent"], Ed25519PrivateKey.from_private_bytes(seed)


# The admission token (docs/if-gk.md).

def clear_token(timestamp, random, gk_id, sender):
    """An IF-GK-TOKEN whose signature is still 64 zero octets. (ClearToken's nonStandard is H.235's
    NonStandardParameter, whose nonStandardIdentifier is a plain OBJECT IDENTIFIER.)"""
    return {"tokenOID": TOKEN_OID, "timeStamp": timestamp, "random": random, "generalID": gk_id,
            "nonStandard": {"nonStandardIdentifier": SIGNATURE_OID, "data": bytes(64)},
            "sendersID": sender}


def sign(value, token, key):
    """Sign the RasMessage `value`, whose tokens hold `token` (from clear_token): (zeroed,
    signature, signed datagram)."""
    zeroed = encode(value)
    signature = key.sign(SIGNING_PREFIX + zeroed)
    token["nonStandard"]["data"] = signature
    signed = encode(value)
    # The doc promises that only the signature's octets change, which the gatekeeper relies on.
    if signed.count(signature) != 1 or signed.replace(signature, bytes(64)) != zeroed:
        raise AssertionError("re-encoding with the signature changed more than its octets")
    return zeroed, signature, signed


def tampered(value, token, signed):
    """`signed` with one octet flipped: the one holding the lowest bit of the token's random, so
    that the datagram still decodes and only the signature can fail to verify."""
    token["random"] ^= 1
    other = encode(value)
    token["random"] ^= 1
    if len(other) != len(signed) or sum(a != b for a, b in zip(other, signed)) != 1:
        raise AssertionError("flipping random's lowest bit changed more than one octet")
    return other


def sign_vector():
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    token = clear_token(1767225600, 123456789, "if-gk", "if://agent/guardian-01")
    value = ("admissionRequest", {
        "requestSeqNum": 7, "callType": ("pointToPoint", 0), "callModel": ("direct", 0),
        "endpointIdentifier": "ep-1",
        "destinationInfo": [("h323-ID", "council")], "srcInfo": [("h323-ID", "guardian-01")],
        "bandWidth": 1280, "callReferenceValue": 1, "conferenceID": bytes([0x11] * 16),
        "activeMC": False, "answerCall": False, "canMapAlias": False,
        "callIdentifier": {"guid": bytes([0x22] * 16)}, "gatekeeperIdentifier": "if-gk",
        "tokens": [token], "willSupplyUUIEs": False, "canMapSrcAlias": False})
    zeroed, signature, signed = sign(value, token, key)
    if decode(signed) != value:
        raise AssertionError("the signed vector does not decode to its value")
    return {"zeroed": zeroed.hex(), "signature": signature.hex(), "signed": signed.hex()}


# The endpoint.

def endpoint_type(kind):
    t = {"mc": False, "undefinedNode": False}
    if kind == "terminal":
        t["terminal"] = {}
    elif kind == "gateway":
        t["gateway"] = {}
    elif kind == "mc":
        t["mcu"] = {}
        t["mc"] = True
    else:
        raise ValueError(f"terminal_type {kind!r}: terminal, mc or gateway")
    return t


def reject_reason(value):
    body = value[1]
    if isinstance(body, dict):
        for field in ("rejectReason", "nakReason"):
            if field in body:
                return body[field][0]
    return None


class Endpoint:
    def __init__(self, sock, gk, key, timeout_ms):
        self.sock, self.gk, self.timeout_ms = sock, gk, timeout_ms
        self.agent, self.key = key if key else (None, None)
        ip, port = sock.getsockname()
        self.ras = f"{ip}:{port}"
        self.aliases = [self.agent.rsplit("/", 1)[-1] if self.agent else "h225-peer"]
        self.call_signal = f"{ip}:1720"
        self.terminal_type = "terminal"
        self.gk_id = self.endpoint_id = self.ttl = None
        self.seq = 0
        self.crv = 0
        self.calls = {}  # call id (hex) -> conference id, call reference value, answer_call
        self.last_call = None
        self.prev = None  # (datagram, seq, tries, extra fields) of the last op, for resend
        self.answers = queue.Queue()  # (datagram, value or None, decoding error or None)
        self.out = threading.Lock()

    def emit(self, obj):
        with self.out:
            sys.stdout.write(json.dumps(obj) + "\n")
            sys.stdout.flush()

    def reader(self):
        while True:
            data, addr = self.sock.recvfrom(65535)
            try:
                value, error = decode(data), None
            except Exception as e:  # pycrate raises many kinds; any is "not a RasMessage"
                value, error = None, f"{type(e).__name__}: {e}"
            if value and value[0] in GK_REQUESTS:
                self.answer_gk(value, data, addr)
            else:
                self.answers.put((data, value, error))

    def answer_gk(self, value, data, addr):
        name, body = value
        seq = body["requestSeqNum"]
        sent = None
        try:
            if name == "unregistrationRequest":
                reply = ("unregistrationConfirm", {"requestSeqNum": seq})
            elif name == "disengageRequest":
                reply = ("disengageConfirm", {"requestSeqNum": seq})
            else:
                reply = ("infoRequestResponse", self.irr_body(seq, unsolicited=False))
                reply_to = body.get("replyAddress")
                if reply_to and reply_to[0] == "ipAddress":
                    addr = (socket.inet_ntoa(reply_to[1]["ip"]), reply_to[1]["port"])
            sent = encode(reply)
            self.sock.sendto(sent, addr)
        except Exception as e:  # this runs on the reader thread, which must go on
            log(f"not answering {name} {seq}: {type(e).__name__}: {e}")
        self.emit({"gk_request": name, "fields": message_json(value), "received": data.hex(),
                   "sent": sent.hex() if sent else None})

    # Building requests.

    def need_endpoint_id(self, cmd):
        eid = cmd.get("endpoint_id", self.endpoint_id)
        if not eid:
            raise ValueError("no endpointIdentifier: register first, or give endpoint_id")
        return eid

    def with_gk(self, body):
        if self.gk_id:
            body["gatekeeperIdentifier"] = self.gk_id
        return body

    def call(self, cmd, new):
        """(call id, {conference_id, crv, answer_call}) of the call `cmd` names, by default the
        last ARQ's; an ARQ (`new`) makes a new call, or re-admits the one it names."""
        call_id = cmd.get("call_id") or (secrets.token_hex(16) if new else self.last_call)
        if not call_id:
            raise ValueError("no call: send an arq first, or give call_id")
        known = self.calls.get(call_id)
        if known is None:
            self.crv += 1
            known = {"conference_id": secrets.token_hex(16), "crv": self.crv, "answer_call": False}
        call = {"conference_id": cmd.get("conference_id", known["conference_id"]),
                "crv": cmd.get("crv", known["crv"]),
                "answer_call": cmd.get("answer_call", known["answer_call"])}
        if new:
            self.calls[call_id] = call
            self.last_call = call_id
        return call_id, call

    def call_fields(self, call_id, call):
        return {"callIdentifier": {"guid": bytes.fromhex(call_id)},
                "conferenceID": bytes.fromhex(call["conference_id"]),
                "callReferenceValue": call["crv"]}

    def irr_body(self, seq, unsolicited):
        if not self.endpoint_id:
            raise ValueError("no endpointIdentifier yet")
        return {"requestSeqNum": seq, "endpointType": endpoint_type(self.terminal_type),
                "endpointIdentifier": self.endpoint_id, "rasAddress": ("ipAddress", ipv4(self.ras)),
                "callSignalAddress": [("ipAddress", ipv4(self.call_signal))],
                "endpointAlias": [("h323-ID", a) for a in self.aliases],
                "needResponse": unsolicited, "unsolicited": unsolicited}

    def run_grq(self, cmd, seq):
        if "alias" in cmd:
            self.aliases = [cmd["alias"]]
        self.terminal_type = cmd.get("terminal_type", self.terminal_type)
        return ("gatekeeperRequest", {
            "requestSeqNum": seq, "protocolIdentifier": PROTOCOL_V7,
            "rasAddress": ("ipAddress", ipv4(self.ras)),
            "endpointType": endpoint_type(self.terminal_type),
            "endpointAlias": [("h323-ID", a) for a in self.aliases],
            "supportsAssignedGK": False}), {}

    def run_rrq(self, cmd, seq):
        self.aliases = cmd.get("aliases", self.aliases)
        self.call_signal = cmd.get("call_signal", self.call_signal)
        self.terminal_type = cmd.get("terminal_type", self.terminal_type)
        body = {"requestSeqNum": seq,
                "protocolIdentifier": PROTOCOL_V1 if cmd.get("v1") else PROTOCOL_V7,
                "discoveryComplete": self.gk_id is not None,
                "callSignalAddress": [("ipAddress", ipv4(self.call_signal))],
                "rasAddress": [("ipAddress", ipv4(self.ras))],
                "terminalType": endpoint_type(self.terminal_type),
                "endpointVendor": VENDOR}
        self.with_gk(body)
        if cmd.get("v1"):
            # A version 1 endpoint knows no extension additions at all.
            body["terminalAlias"] = [("h323-ID", a) for a in self.aliases]
            return ("registrationRequest", body), {}
        keep_alive = cmd.get("keep_alive", False)
        if keep_alive:
            # The lightweight RRQ of H.225.0 7.9.1: who it is, no aliases.
            body["endpointIdentifier"] = self.need_endpoint_id(cmd)
            ttl = cmd.get("ttl", self.ttl)
        else:
            body["terminalAlias"] = [("h323-ID", a) for a in self.aliases]
            ttl = cmd.get("ttl")
        if ttl is not None:
            body["timeToLive"] = ttl
        body.update(keepAlive=keep_alive, willSupplyUUIEs=False, maintainConnection=False,
                    supportsAssignedGK=False)
        return ("registrationRequest", body), {}

    def run_arq(self, cmd, seq):
        call_id, call = self.call(cmd, new=True)
        body = {"requestSeqNum": seq, "callType": (cmd.get("call_type", "pointToPoint"), 0),
                "callModel": (cmd.get("call_model", "direct"), 0),
                "endpointIdentifier": self.need_endpoint_id(cmd),
                "srcInfo": [("h323-ID", self.aliases[0])],
                "bandWidth": cmd.get("bandwidth", 1280), "activeMC": False,
                "answerCall": call["answer_call"], "canMapAlias": False,
                "willSupplyUUIEs": False, "canMapSrcAlias": False, **self.call_fields(call_id, call)}
        if cmd.get("dest"):
            body["destinationInfo"] = [("h323-ID", cmd["dest"])]
        description = cmd.get("description")
        if description is not None:
            # A string goes as it is, for the tests of descriptions that are not JSON.
            data = description if isinstance(description, str) else json.dumps(
                description, separators=(",", ":"), ensure_ascii=False)
            body["nonStandardData"] = {"nonStandardIdentifier": ("object", DESCRIPTION_OID),
                                       "data": data.encode("utf-8")}
        self.with_gk(body)
        return ("admissionRequest", body), {"call_id": call_id, "conference_id": call["conference_id"]}

    def run_brq(self, cmd, seq):
        call_id, call = self.call(cmd, new=False)
        body = self.with_gk({
            "requestSeqNum": seq, "endpointIdentifier": self.need_endpoint_id(cmd),
            "bandWidth": cmd.get("bandwidth", 640), "answeredCall": call["answer_call"],
            **self.call_fields(call_id, call)})
        return ("bandwidthRequest", body), {"call_id": call_id, "conference_id": call["conference_id"]}

    def run_drq(self, cmd, seq):
        call_id, call = self.call(cmd, new=False)
        body = self.with_gk({
            "requestSeqNum": seq, "endpointIdentifier": self.need_endpoint_id(cmd),
            "disengageReason": (cmd.get("reason", "normalDrop"), 0),
            "answeredCall": call["answer_call"], **self.call_fields(call_id, call)})
        return ("disengageRequest", body), {"call_id": call_id, "conference_id": call["conference_id"]}

    def run_urq(self, cmd, seq):
        body = self.with_gk({"requestSeqNum": seq,
                             "callSignalAddress": [("ipAddress", ipv4(self.call_signal))],
                             "endpointAlias": [("h323-ID", a) for a in self.aliases]})
        eid = cmd.get("endpoint_id", self.endpoint_id)
        if eid:
            body["endpointIdentifier"] = eid
        if "reason" in cmd:
            body["reason"] = (cmd["reason"], 0)
        return ("unregistrationRequest", body), {}

    def run_lrq(self, cmd, seq):
        body = self.with_gk({"requestSeqNum": seq, "destinationInfo": [("h323-ID", cmd["dest"])],
                             "replyAddress": ("ipAddress", ipv4(self.ras)),
                             "sourceInfo": [("h323-ID", a) for a in self.aliases],
                             "canMapAlias": False, "canMapSrcAlias": False})
        eid = cmd.get("endpoint_id", self.endpoint_id)
        if eid:
            body["endpointIdentifier"] = eid
        return ("locationRequest", body), {}

    def run_irr(self, cmd, seq):
        return ("infoRequestResponse", self.irr_body(seq, unsolicited=True)), {}

    def datagram(self, cmd, value):
        """`value` encoded, with the admission token if the command signs."""
        token_cmd = cmd.get("token", {})
        gk_id = token_cmd.get("gk_id", self.gk_id)
        if not cmd.get("sign", self.key is not None and gk_id is not None and not cmd.get("v1")):
            return encode(value)
        if self.key is None:
            raise ValueError("sign: no --key")
        if gk_id is None:
            raise ValueError("sign: no gatekeeperIdentifier yet (grq first, or token.gk_id)")
        if cmd.get("v1"):
            raise ValueError("sign: a v1 RRQ has no tokens")
        token = clear_token(token_cmd.get("timestamp", int(time.time())),
                            token_cmd.get("random", secrets.randbelow(RANDOM_BOUND)), gk_id,
                            token_cmd.get("sender", self.agent))
        value[1].setdefault("tokens", []).append(token)
        signed = sign(value, token, self.key)[2]
        return tampered(value, token, signed) if token_cmd.get("tamper") else signed

    # Exchanging.

    def exchange(self, data, seq, tries, timeout_ms):
        """Send `data` until an answer to `seq` comes (with seq None: any datagram, once):
        (datagram, value, decoding error, RIP count), the first two None on timeout."""
        while not self.answers.empty():
            stale = self.answers.get_nowait()
            log(f"dropping a late datagram {stale[0].hex()}")
        rip = 0
        for _ in range(tries):
            self.sock.sendto(data, self.gk)
            deadline = time.monotonic() + timeout_ms / tries / 1000
            while (left := deadline - time.monotonic()) > 0:
                try:
                    received, value, error = self.answers.get(timeout=left)
                except queue.Empty:
                    break
                if seq is None:
                    return received, value, error, rip
                if value is None or not isinstance(value[1], dict) \
                        or value[1].get("requestSeqNum") != seq:
                    log(f"ignoring {value[0] if value else error} (not an answer to {seq})")
                    continue
                if value[0] == "requestInProgress":
                    # The gatekeeper will answer within `delay` ms: wait that much longer.
                    rip += 1
                    deadline += value[1]["delay"] / 1000
                    continue
                return received, value, None, rip
        return None, None, None, rip

    def remember(self, value):
        name, body = value
        if name in ("gatekeeperConfirm", "registrationConfirm") and "gatekeeperIdentifier" in body:
            self.gk_id = body["gatekeeperIdentifier"]
        if name == "registrationConfirm":
            self.endpoint_id = body["endpointIdentifier"]
            self.ttl = body.get("timeToLive", self.ttl)

    def run(self, cmd):
        op = cmd.get("op")
        timeout_ms = cmd.get("timeout_ms", self.timeout_ms)
        if op == "raw":
            data, seq, tries, extra = bytes.fromhex(cmd["hex"]), None, 1, {}
        elif op == "resend":
            if self.prev is None:
                raise ValueError("resend: nothing sent yet")
            data, seq, tries, extra = self.prev
        else:
            build = getattr(self, f"run_{op}", None) if isinstance(op, str) else None
            if build is None:
                raise ValueError(f"unknown op {op!r}")
            seq = cmd.get("seq", self.seq + 1)
            value, extra = build(cmd, seq)
            data, tries = self.datagram(cmd, value), TRIES
            if "seq" not in cmd:
                self.seq = seq
        self.prev = (data, seq, tries, extra)
        received, value, error, rip = self.exchange(data, seq, tries, timeout_ms)
        result = {"op": op, "seq": seq, "answer": None, "reason": None, "fields": dict(extra),
                  "rip": rip, "sent": data.hex(), "received": received.hex() if received else None}
        if value:
            self.remember(value)
            result.update(answer=value[0], reason=reject_reason(value))
            result["fields"] = {**message_json(value), **extra}
        if error:
            result["decode_error"] = error
        return result

    def serve(self):
        threading.Thread(target=self.reader, daemon=True).start()
        self.emit({"ready": {"ras": self.ras}})
        for line in sys.stdin:
            if not line.strip():
                continue
            op = None
            try:
                cmd = json.loads(line)
                op = cmd.get("op")
                result = self.run(cmd)
            except Exception as e:  # a bad command is the test's to see, not the end of the peer
                log(f"{line.strip()}: {type(e).__name__}: {e}")
                result = {"op": op, "error": f"{type(e).__name__}: {e}", "answer": None,
                          "reason": None, "fields": {}, "rip": 0, "sent": None, "received": None}
            self.emit(result)


def write_pcap(path, datagrams):
    """A classic pcap (LINKTYPE_RAW: IPv4 packets) of UDP datagrams from 127.0.0.1:50000 to
    127.0.0.1:1719, the RAS port, where tshark dissects them as H.225.0 RAS."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
        for n, payload in enumerate(datagrams):
            udp = struct.pack("!HHHH", 50000, 1719, 8 + len(payload), 0) + payload
            header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), n, 0, 64, 17, 0,
                                 socket.inet_aton("127.0.0.1"), socket.inet_aton("127.0.0.1"))
            total = sum(struct.unpack("!10H", header))
            while total >> 16:
                total = (total & 0xFFFF) + (total >> 16)
            packet = header[:10] + struct.pack("!H", ~total & 0xFFFF) + header[12:] + udp
            f.write(struct.pack("<IIII", n, 0, len(packet), len(packet)) + packet)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ep = sub.add_parser("endpoint")
    ep.add_argument("--gk", required=True)
    ep.add_argument("--key")
    ep.add_argument("--bind", default="127.0.0.1:0")
    ep.add_argument("--timeout-ms", type=int, default=3000)
    sub.add_parser("sign-vector")
    sub.add_parser("decode").add_argument("hex")
    sub.add_parser("encode").add_argument("json")
    pcap = sub.add_parser("pcap")
    pcap.add_argument("out")
    pcap.add_argument("hex", nargs="+")
    args = parser.parse_args()

    if args.command == "endpoint":
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(split_addr(args.bind))
        key = load_key(args.key) if args.key else None
        Endpoint(sock, split_addr(args.gk), key, args.timeout_ms).serve()
    elif args.command == "sign-vector":
        print(json.dumps(sign_vector()))
    elif args.command == "decode":
        print(json.dumps(to_json(RAS, decode(bytes.fromhex(args.hex)))))
    elif args.command == "encode":
        text = sys.stdin.read() if args.json == "-" else args.json
        print(encode(from_json(RAS, json.loads(text))).hex())
    else:
        write_pcap(args.out, [bytes.fromhex(h) for h in args.hex])


if __name__ == "__main__":
    main()
