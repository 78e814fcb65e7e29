#!/usr/bin/env python3
"""An if-mesh agent built on aiortc and websockets (stacks nobody here wrote), for tests/mesh.rs.

    mesh_peer.py --signal ws://127.0.0.1:PORT/ws --join JOIN.json --trust TRUST
    mesh_peer.py --janus ws://127.0.0.1:PORT --room N --join JOIN.json --trust TRUST [--ip 127.0.0.2]

JOIN.json is a signed join message (`if-msg new ... --content '{"mesh":"join","room":R}'`); its
sender is this agent. It follows the mesh's rules (docs/if-mesh.md): the agent whose id sorts
first offers; messages go in parts of at most 16 KiB, a marker byte first (M: more follow,
F: final). Incoming messages are checked with the project's second verifier (signature), the
trust file (sender and key) and a nonce set (replay).

JSON lines out: {"ready": {"agent", "members"}} once welcomed, then {"open": PEER},
{"received": MESSAGE, "from": PEER}, {"dropped": REASON, "from": PEER}, {"gone": PEER}.
JSON lines in: {"send": LINE, "to": [AGENT...]} sends LINE (a string, sent as it is, even if
forged) to those members, or to every open channel without "to".

With --janus it is a client of a Janus TextRoom instead (if-mesh join --janus, docs/if-mesh.md):
the Janus API over WebSocket (session, handle, `setup`, Janus's offer answered without trickle,
a keepalive every 25 s), its own DataChannel `JanusDataChannel`, `join` with the agent id as the
username, and LINE as the text of a TextRoom `message` (in M/F parts past 16 KiB). Out, besides
the lines above: {"joined": USER} and {"left": USER} for the room's presence; "from" is the
TextRoom username. JOIN.json only names the agent (its sender).
"""

import argparse
import asyncio
import json
import os
import sys

import aioice.ice
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
import websockets

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import second_verifier  # noqa: E402


def host_addresses(ip):
    # aioice skips loopback when it gathers host candidates; the tests run on loopback only.
    aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: [ip]


PART = 16 * 1024


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def load_trust(path):
    trusted = set()
    for line in open(path):
        line = line.split("#")[0].split()
        if len(line) >= 2:
            trusted.add((line[0], line[1]))
    return trusted


class Agent:
    def __init__(self, ws, me, trust):
        self.ws, self.me, self.trust = ws, me, trust
        self.pcs, self.channels, self.partial, self.nonces = {}, {}, {}, set()
        self.closing, self.commands = set(), None

    def check(self, text):
        m = json.loads(text)
        second_verifier.verify_message(m)
        if (m["sender"], m["signature"]["public_key"]) not in self.trust:
            raise second_verifier.Bad("untrusted key for " + m["sender"])
        if m["nonce"] in self.nonces:
            raise second_verifier.Bad("replayed nonce " + m["nonce"])
        self.nonces.add(m["nonce"])
        return m

    def wire(self, peer, channel):
        self.channels[peer] = channel
        self.partial[peer] = b""

        @channel.on("open")
        def _open():
            out({"open": peer})

        if channel.readyState == "open":
            out({"open": peer})

        @channel.on("message")
        def _message(data):
            if isinstance(data, str):
                data = data.encode()
            self.partial[peer] += data[1:]
            if data[:1] != b"F":
                return
            whole, self.partial[peer] = self.partial[peer], b""
            try:
                out({"received": self.check(whole), "from": peer})
            except Exception as e:
                out({"dropped": str(e), "from": peer})

    def new_pc(self, peer):
        old = self.pcs.pop(peer, None)
        if old:
            self.closing.add(asyncio.ensure_future(old.close()))
            self.closing = {t for t in self.closing if not t.done()}
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.pcs[peer] = pc
        pc.on("datachannel", lambda ch: self.wire(peer, ch))
        return pc

    async def signal(self, to, kind, sdp):
        await self.ws.send(json.dumps({"type": "signal", "to": to, "kind": kind, "sdp": sdp}))

    async def member(self, peer):
        if peer == self.me or self.me > peer:
            return
        pc = self.new_pc(peer)
        self.wire(peer, pc.createDataChannel("ifmesh"))
        await pc.setLocalDescription(await pc.createOffer())
        await self.signal(peer, "offer", pc.localDescription.sdp)

    async def frame(self, f):
        if f["type"] == "joined":
            await self.member(f["agent"])
        elif f["type"] == "left":
            self.channels.pop(f["agent"], None)
            pc = self.pcs.pop(f["agent"], None)
            if pc:
                await pc.close()
            out({"gone": f["agent"]})
        elif f["type"] == "signal" and f["kind"] == "offer":
            pc = self.new_pc(f["from"])
            await pc.setRemoteDescription(RTCSessionDescription(f["sdp"], "offer"))
            await pc.setLocalDescription(await pc.createAnswer())
            await self.signal(f["from"], "answer", pc.localDescription.sdp)
        elif f["type"] == "signal" and f["kind"] == "answer":
            await self.pcs[f["from"]].setRemoteDescription(RTCSessionDescription(f["sdp"], "answer"))

    def send(self, line, to):
        data = line.encode()
        parts = [data[i:i + PART - 1] for i in range(0, len(data), PART - 1)] or [b""]
        for peer in to if to is not None else list(self.channels):
            channel = self.channels.get(peer)
            if channel is None or channel.readyState != "open":
                out({"send_failed": peer})
                continue
            for i, part in enumerate(parts):
                channel.send((b"F" if i == len(parts) - 1 else b"M") + part)


def text_parts(line):
    """A TextRoom text is a JSON string, so parts are cut at UTF-8 character boundaries."""
    data = line.encode()
    if len(data) < PART:
        return [line]
    parts = []
    while data:
        cut = min(len(data), PART - 1)
        while cut < len(data) and 0x80 <= data[cut] < 0xC0:
            cut -= 1
        parts.append(data[:cut].decode())
        data = data[cut:]
    return [("F" if i == len(parts) - 1 else "M") + p for i, p in enumerate(parts)]


class JanusAgent(Agent):
    """A TextRoom participant: one PeerConnection to Janus, every member through it."""

    def __init__(self, ws, me, trust, room):
        super().__init__(ws, me, trust)
        self.room, self.pending, self.next_id = room, {}, 0
        self.session = self.handle = self.channel = None
        self.keepalive = None

    async def call(self, body):
        self.next_id += 1
        t = f"t{self.next_id}"
        answer = self.pending[t] = asyncio.get_running_loop().create_future()
        await self.ws.send(json.dumps(dict(body, transaction=t)))
        return await answer

    async def keep_alive(self):
        while True:
            await asyncio.sleep(25)
            await self.ws.send(json.dumps({"janus": "keepalive", "session_id": self.session, "transaction": "k"}))

    def room_request(self, body):
        self.next_id += 1
        self.channel.send(json.dumps(dict(body, room=self.room, transaction=f"r{self.next_id}")))

    def on_text(self, text):
        m = json.loads(text)
        kind = m.get("textroom")
        if kind == "success" and "participants" in m:
            out({"ready": {"agent": self.me, "members": [p["username"] for p in m["participants"]]}})
        elif kind == "join" and m["username"] != self.me:
            out({"joined": m["username"]})
        elif kind == "leave":
            out({"left": m["username"]})
        elif kind == "message":
            t, peer = m["text"], m["from"]
            if t[:1] not in ("M", "F"):
                t = "F" + t
            self.partial[peer] = self.partial.get(peer, b"") + t[1:].encode()
            if t[:1] == "F":
                whole, self.partial[peer] = self.partial[peer], b""
                try:
                    out({"received": self.check(whole), "from": peer})
                except Exception as e:
                    out({"dropped": str(e), "from": peer})
        elif kind == "error":
            out({"janus_error": m})

    async def start(self):
        self.session = (await self.call({"janus": "create"}))["data"]["id"]
        self.keepalive = asyncio.ensure_future(self.keep_alive())
        ids = {"session_id": self.session}
        attach = {"janus": "attach", "plugin": "janus.plugin.textroom"}
        self.handle = (await self.call(dict(attach, **ids)))["data"]["id"]
        ids["handle_id"] = self.handle
        offer = (await self.call(dict({"janus": "message", "body": {"request": "setup"}}, **ids)))["jsep"]
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.pcs["janus"] = pc
        await pc.setRemoteDescription(RTCSessionDescription(offer["sdp"], "offer"))
        # TextRoom expects the client to open the channel, with this label.
        self.channel = pc.createDataChannel("JanusDataChannel")
        opened = asyncio.get_running_loop().create_future()
        self.channel.on("open", lambda: opened.done() or opened.set_result(True))
        self.channel.on("message", self.on_text)
        await pc.setLocalDescription(await pc.createAnswer())
        answer = {"type": "answer", "sdp": pc.localDescription.sdp, "trickle": False}
        await self.call(dict({"janus": "message", "body": {"request": "ack"}, "jsep": answer}, **ids))
        await opened
        self.room_request({"textroom": "join", "username": self.me})

    async def reader(self):
        async for text in self.ws:
            m = json.loads(text)
            # Janus answers a `message` with an ack, then the event with the same transaction.
            if m.get("janus") == "ack":
                continue
            answer = self.pending.pop(m.get("transaction"), None)
            if answer:
                answer.set_result(m)

    def send(self, line, to):
        for part in text_parts(line):
            body = {"textroom": "message", "text": part, "ack": False}
            if to is not None:
                body["tos"] = to
            self.room_request(body)


async def janus_main(a, join):
    async with websockets.connect(a.janus, subprotocols=["janus-protocol"], max_size=1 << 20) as ws:
        agent = JanusAgent(ws, join["sender"], load_trust(a.trust), a.room)
        reading = asyncio.ensure_future(agent.reader())
        await agent.start()
        agent.commands = asyncio.ensure_future(commands(agent))
        await reading


async def commands(agent):
    loop = asyncio.get_running_loop()
    # Lines up to the project's 1 MiB limit (the default is 64 KiB).
    reader = asyncio.StreamReader(limit=2 << 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := await reader.readline():
        cmd = json.loads(line)
        agent.send(cmd["send"], cmd.get("to"))


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--signal")
    p.add_argument("--janus")
    p.add_argument("--room", type=int)
    p.add_argument("--ip", default="127.0.0.1")
    p.add_argument("--join", required=True)
    p.add_argument("--trust", required=True)
    a = p.parse_args()
    host_addresses(a.ip)
    join = json.load(open(a.join))
    if a.janus:
        return await janus_main(a, join)
    async with websockets.connect(a.signal, max_size=64 * 1024) as ws:
        await ws.send(json.dumps({"type": "join", "message": join}))
        welcome = json.loads(await ws.recv())
        if welcome["type"] != "welcome":
            out({"ready": None, "refused": welcome})
            return
        agent = Agent(ws, join["sender"], load_trust(a.trust))
        out({"ready": {"agent": agent.me, "members": welcome["members"]}})
        # The loop holds tasks weakly: without this reference the reader of stdin can be
        # collected mid-run ("Task was destroyed but it is pending"), and every later `send`
        # is silently lost.
        agent.commands = asyncio.ensure_future(commands(agent))
        for m in welcome["members"]:
            await agent.member(m)
        async for text in ws:
            await agent.frame(json.loads(text))


asyncio.run(main())
