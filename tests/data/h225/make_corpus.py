"""Writes the RAS corpus of tests/data/h225 (replayed by tests/fuzz_replay.rs): `ok-` datagrams
encoded by pycrate (an independent codec) through scripts/h225_peer.py's encoder, and hostile
`bad-` ones: truncated, a choice index out of range, lengths far beyond the datagram, 64 KB of
junk, trailing octets. Run from the repository root: .venv/bin/python tests/data/h225/make_corpus.py
"""
import importlib.util
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[3]
spec = importlib.util.spec_from_file_location("h225_peer", root / "scripts/h225_peer.py")
peer = importlib.util.module_from_spec(spec)
sys.modules["h225_peer"] = peer
spec.loader.exec_module(peer)
out = pathlib.Path(__file__).resolve().parent

ras = ("ipAddress", {"ip": bytes([127, 0, 0, 1]), "port": 1719})
cs = ("ipAddress", {"ip": bytes([127, 0, 0, 1]), "port": 1720})
v7 = peer.PROTOCOL_V7
vendor = peer.VENDOR
ep = {"terminal": {}, "mc": False, "undefinedNode": False}
guid = bytes(range(16))
ok = {
    "grq": ("gatekeeperRequest", {"requestSeqNum": 1, "protocolIdentifier": v7, "rasAddress": ras, "endpointType": ep}),
    "rrq-v1": ("registrationRequest", {"requestSeqNum": 2, "protocolIdentifier": peer.PROTOCOL_V1, "discoveryComplete": False,
               "callSignalAddress": [cs], "rasAddress": [ras], "terminalType": ep, "endpointVendor": vendor}),
    "rrq-keepalive": ("registrationRequest", {"requestSeqNum": 3, "protocolIdentifier": v7, "discoveryComplete": False,
                      "callSignalAddress": [cs], "rasAddress": [ras], "terminalType": ep, "endpointVendor": vendor,
                      "timeToLive": 60, "keepAlive": True, "endpointIdentifier": "ep-1", "willSupplyUUIEs": False,
                      "maintainConnection": False, "supportsAssignedGK": False}),
    "arq": ("admissionRequest", {"requestSeqNum": 4, "callType": ("pointToPoint", 0), "endpointIdentifier": "ep-1",
            "destinationInfo": [("h323-ID", "council")], "srcInfo": [("h323-ID", "guardian-01")], "bandWidth": 1280,
            "callReferenceValue": 1, "conferenceID": guid, "activeMC": False, "answerCall": False, "canMapAlias": False,
            "callIdentifier": {"guid": guid}, "willSupplyUUIEs": False, "canMapSrcAlias": False}),
    "drq": ("disengageRequest", {"requestSeqNum": 5, "endpointIdentifier": "ep-1", "conferenceID": guid,
            "callReferenceValue": 1, "disengageReason": ("normalDrop", 0), "callIdentifier": {"guid": guid},
            "answeredCall": False}),
    "urq": ("unregistrationRequest", {"requestSeqNum": 6, "callSignalAddress": [cs], "endpointIdentifier": "ep-1"}),
    "lrq": ("locationRequest", {"requestSeqNum": 7, "destinationInfo": [("h323-ID", "guardian-02")], "replyAddress": ras}),
    "rip": ("requestInProgress", {"requestSeqNum": 8, "delay": 5000}),
    "nonstandard": ("nonStandardMessage", {"requestSeqNum": 9, "nonStandardData": {
                    "nonStandardIdentifier": ("object", (2, 999, 1719, 1, 9)), "data": b"x" * 300}}),
}
for name, value in ok.items():
    (out / f"ok-{name}.ras").write_bytes(peer.encode(value))
arq = peer.encode(ok["arq"])
grq = peer.encode(ok["grq"])
nonstandard = peer.encode(ok["nonstandard"])
bad = {
    "empty": b"",
    "one-octet": b"\x00",
    "truncated-arq": arq[: len(arq) // 2],
    "arq-without-last-octet": arq[:-1],
    # RasMessage's root has 25 alternatives (5 bits, no extension bit set): index 31 is none.
    "choice-index-out-of-range": bytes([0b0111_1100]) + arq[1:],
    # The non-standard data's length (300: 0x812c) as four 16K fragments (0xc4), 64 KiB the
    # datagram does not have.
    "huge-length": nonstandard[: nonstandard.index(b"\x81\x2cx")] + b"\xc4" + nonstandard[nonstandard.index(b"\x81\x2cx") + 2 :],
    "length-beyond-datagram": arq[:9] + b"\x7f" + arq[10:20],
    "64k-of-ff": b"\xff" * 65507,
    "64k-of-zeros-after-grq": grq + b"\x00" * (65507 - len(grq)),
    "trailing-octet": grq + b"\x00",
    "json-not-ras": b'{"performative":"inform"}',
}
for name, data in bad.items():
    (out / f"bad-{name}.ras").write_bytes(data)
print(f"{len(ok)} ok, {len(bad)} bad", file=sys.stderr)
