#!/usr/bin/env python3
"""A second, independent verifier written only from docs/formats.md.

    second_verifier.py messages < messages.jsonl   # IFMessage signatures
    second_verifier.py log audit.log               # witness log: chain, tree, checkpoints, messages

It shares no code with the Rust tools (Python's json, hashlib and the `cryptography` package), so
when both accept the same bytes the format is specified well enough to implement twice.
Exit 0 if everything verifies, 1 with the first problem on stderr otherwise.
"""
import base64
import datetime
import hashlib
import json
import math
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MSG_DOMAIN = b"ifconnect/ifmessage/v2.1/ed25519\x00"
ENTRY_DOMAIN = b"ifconnect/witness/entry/v1\x00"


def es6_number(x):
    """ECMAScript Number::toString, from its specification."""
    if isinstance(x, bool):
        raise TypeError("bool")
    if isinstance(x, int) and abs(x) <= 2**53:
        return str(x)
    x = float(x)
    if x == 0:
        return "0"
    if x < 0:
        return "-" + es6_number(-x)
    if not math.isfinite(x):
        raise ValueError("not finite")
    digits, exp = repr(x).lower().split("e") if "e" in repr(x).lower() else (repr(x), "0")
    mant = digits.replace(".", "")
    point = digits.index(".") if "." in digits else len(digits)
    n = point + int(exp)
    mant = mant.lstrip("0")
    n -= len(digits.replace(".", "")) - len(mant)
    mant = mant.rstrip("0") or "0"
    k = len(mant)
    if k <= n <= 21:
        return mant + "0" * (n - k)
    if 0 < n <= 21:
        return mant[:n] + "." + mant[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + mant
    e = n - 1
    sign = "+" if e >= 0 else "-"
    return (mant[0] + ("." + mant[1:] if k > 1 else "")) + "e" + sign + str(abs(e))


def jcs(v):
    """RFC 8785 canonical JSON."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return es6_number(v)
    if isinstance(v, str):
        out = ['"']
        for ch in v:
            o = ord(ch)
            if ch == '"':
                out.append('\\"')
            elif ch == "\\":
                out.append("\\\\")
            elif o < 0x20:
                out.append({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}.get(o, "\\u%04x" % o))
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)
    if isinstance(v, list):
        return "[" + ",".join(jcs(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(jcs(k) + ":" + jcs(v[k]) for k in keys) + "}"
    raise TypeError(type(v))


def no_dupes(pairs):
    d = {}
    for k, val in pairs:
        if k in d:
            raise ValueError("duplicate key " + k)
        d[k] = val
    return d


def loads(text):
    return json.loads(text, object_pairs_hook=no_dupes)


class Bad(Exception):
    pass


def verify_message(m):
    sig = m.get("signature")
    if not isinstance(sig, dict) or sig.get("algorithm") != "ed25519":
        raise Bad("no ed25519 signature")
    fields = sig["signed_fields"]
    if len(set(fields)) != len(fields) or "signature" in fields:
        raise Bad("bad signed_fields")
    if set(m) - {"signature"} != set(fields):
        raise Bad("signed_fields does not cover exactly the message's fields")
    signed = MSG_DOMAIN + jcs({f: m[f] for f in fields}).encode()
    key = base64.b64decode(sig["public_key"].removeprefix("ed25519:"), validate=True)
    raw = bytes.fromhex(sig["signature_bytes"].removeprefix("ed25519:"))
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(raw, signed)
    except InvalidSignature:
        raise Bad("signature does not verify")


def node(a, b):
    return hashlib.sha256(b"\x01" + a + b).digest()


class Frontier:
    def __init__(self):
        self.size, self.stack = 0, []

    def push(self, leaf):
        h, s = leaf, self.size
        while s & 1:
            h = node(self.stack.pop(), h)
            s >>= 1
        self.stack.append(h)
        self.size += 1

    def root(self):
        if not self.stack:
            return hashlib.sha256(b"").digest()
        acc = self.stack[-1]
        for left in reversed(self.stack[:-1]):
            acc = node(left, acc)
        return acc


def verify_note(text, name, key):
    body, _, sigs = text.rpartition("\n\n")
    body += "\n"
    khash = hashlib.sha256(name.encode() + b"\n\x01" + key).digest()[:4]
    for line in sigs.splitlines():
        if not line.startswith("\u2014 "):
            raise Bad("bad signature line")
        n, b64 = line[2:].split(" ", 1)
        blob = base64.b64decode(b64)
        if n == name and blob[:4] == khash:
            try:
                Ed25519PublicKey.from_public_bytes(key).verify(blob[4:], body.encode())
            except InvalidSignature:
                raise Bad("checkpoint signature does not verify")
            origin, size, root, *extensions = body.splitlines()
            prev = [e for e in extensions if e.startswith("ifconnect-prev ")]
            return origin, int(size), base64.b64decode(root), prev
    raise Bad("checkpoint not signed by the witness")


def timestamp_ms(text):
    t = datetime.datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    return (t - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)) // datetime.timedelta(milliseconds=1)


def verify_log(path):
    data = open(path, "rb").read()
    if not data.endswith(b"\n"):
        raise Bad("torn last line")
    lines = data.split(b"\n")[:-1]
    header = loads(lines[0])
    if jcs(header).encode() != lines[0] or header.get("type") != "header":
        raise Bad("line 1: bad header")
    name, _khash, kb64 = header["witness_key"].split("+", 2)
    key = base64.b64decode(kb64)[1:]
    prev, tree, entries, checkpoints = bytes(32), Frontier(), 0, 0
    last_note, last_size, lifetimes, newest = None, 0, {}, None
    for n, raw in enumerate(lines[1:], 2):
        rec = loads(raw)
        if jcs(rec).encode() != raw:
            raise Bad(f"line {n}: not canonical")
        if rec["type"] == "entry":
            if rec["index"] != entries or bytes.fromhex(rec["prev"]) != prev:
                raise Bad(f"line {n}: chain broken")
            leaf = hashlib.sha256(b"\x00" + jcs(rec["message"]).encode()).digest()
            h = hashlib.sha256(ENTRY_DOMAIN + entries.to_bytes(8, "big") + prev + leaf).digest()
            if h.hex() != rec["hash"]:
                raise Bad(f"line {n}: entry hash mismatch")
            verify_message(rec["message"])
            m = rec["message"]
            sent = timestamp_ms(m["timestamp"])
            newest = sent if newest is None else max(newest, sent)
            lifetimes = {k: v for k, v in lifetimes.items() if v[1] >= newest - 60_000}
            ident = (m["signature"]["public_key"], m["nonce"])
            if ident in lifetimes:
                raise Bad(f"line {n}: duplicate message (entry {lifetimes[ident][0]})")
            lifetimes[ident] = (entries, sent + m["ttl"] * 1000)
            prev, entries = h, entries + 1
            tree.push(leaf)
        elif rec["type"] == "checkpoint":
            origin, size, root, named = verify_note(rec["note"], name, key)
            if origin != header["origin"] or size != entries or root != tree.root():
                raise Bad(f"line {n}: checkpoint does not match the entries")
            want = [] if last_note is None else [
                f"ifconnect-prev {last_size} "
                + base64.b64encode(hashlib.sha256(last_note.encode()).digest()).decode()
            ]
            if named != want:
                raise Bad(f"line {n}: checkpoint does not name the checkpoint before it")
            last_note, last_size = rec["note"], size
            checkpoints += 1
        else:
            raise Bad(f"line {n}: unknown record")
    return entries, checkpoints


def main():
    try:
        if sys.argv[1:2] == ["messages"]:
            count = 0
            for n, line in enumerate(sys.stdin, 1):
                if line.strip():
                    try:
                        verify_message(loads(line))
                    except (Bad, KeyError, ValueError) as e:
                        raise Bad(f"stdin:{n}: {e}")
                    count += 1
            print(f"{count} passed, 0 failed")
        elif sys.argv[1:2] == ["log"]:
            entries, checkpoints = verify_log(sys.argv[2])
            print(f"ok: {entries} entries, {checkpoints} checkpoints")
        else:
            sys.exit(__doc__)
    except (Bad, KeyError, ValueError, IndexError) as e:
        print(f"second_verifier: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
