//! A STUN Binding client (RFC 8489 §3: our address as a server sees it, for a server-reflexive
//! candidate) and a TURN client (RFC 8656 over UDP, with the long-term credentials of RFC 8489
//! §9.2), as pure state machines, so that agents behind NATs, or whose own addresses cannot reach
//! each other at all, meet. Datagrams from the server and time go in (`handle_packet`, `handle_timeout`);
//! datagrams for the server and the allocation's fate come out (`poll_output`); no sockets,
//! threads or clock.
//!
//! It allocates a relayed address (answering the server's 401 challenge with the credentials,
//! and a 438 with the fresh nonce), refreshes the allocation every 15 s (and on a `probe`), installs a
//! permission for each peer address it sends to and refreshes it before its 300 s run out, and
//! carries the WebRTC stack's datagrams as Send and Data indications. Requests are retransmitted
//! on RFC 8489's schedule (500 ms, doubling, 7 sends). Responses to authenticated requests must
//! carry a MESSAGE-INTEGRITY that verifies: anyone can send a datagram from the server's address.
//! Out of scope: TCP and TLS to the server, channels (ChannelBind saves 32 bytes a datagram),
//! IPv6 relays, and SASLprep of non-ASCII credentials.

use crate::keys::hmac_sha1;
use md5::{Digest, Md5};
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

const MAGIC: u32 = 0x2112_A442;
const HEADER: usize = 20;

const BINDING: u16 = 0x001;
const ALLOCATE: u16 = 0x003;
const REFRESH: u16 = 0x004;
const SEND: u16 = 0x006;
const DATA: u16 = 0x007;
const CREATE_PERMISSION: u16 = 0x008;

const REQUEST: u8 = 0b00;
const INDICATION: u8 = 0b01;
const SUCCESS: u8 = 0b10;
const ERROR: u8 = 0b11;

const USERNAME: u16 = 0x0006;
const MESSAGE_INTEGRITY: u16 = 0x0008;
const ERROR_CODE: u16 = 0x0009;
const LIFETIME: u16 = 0x000D;
const XOR_PEER_ADDRESS: u16 = 0x0012;
const DATA_ATTR: u16 = 0x0013;
const REALM: u16 = 0x0014;
const NONCE: u16 = 0x0015;
const XOR_RELAYED_ADDRESS: u16 = 0x0016;
const REQUESTED_TRANSPORT: u16 = 0x0019;
const XOR_MAPPED_ADDRESS: u16 = 0x0020;

/// The first retransmission of a request waits this long, each next one twice as long (RFC 8489
/// §6.2.1's RTO); a request sent [`TRIES`] times and unanswered 16 RTOs after the last fails.
pub const RTO: Duration = Duration::from_millis(500);
pub const TRIES: u32 = 7;
/// The allocation's lifetime asked for (RFC 8656's default).
pub const LIFETIME_S: u32 = 600;
/// Refreshed at half what is granted, or after this if sooner: a refresh this often also keeps
/// a NAT's binding to the server open, and notices a server that restarted (and forgot us)
/// within seconds rather than at the allocation's half-life.
pub const REFRESH_EVERY: Duration = Duration::from_secs(15);
/// Permissions last 300 s (RFC 8656 §9); each is refreshed after this.
pub const PERMISSION_REFRESH: Duration = Duration::from_secs(240);
/// A stale nonce (438) is answered with the new one at most this many times in a row.
const NONCE_RETRIES: u32 = 3;

/// A user name and password of the server's long-term credential mechanism.
#[derive(Clone)]
pub struct Credentials {
    pub username: String,
    pub password: Zeroizing<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Credentials({}, password hidden)", self.username)
    }
}

impl Credentials {
    /// `USER:PASSWORD`, as a credentials file holds it (one line; the password may hold colons).
    pub fn parse(text: &str) -> Result<Credentials, String> {
        let line = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("");
        let (username, password) = line.split_once(':').ok_or("expected one line `USER:PASSWORD`")?;
        if username.is_empty() || password.is_empty() {
            return Err("expected one line `USER:PASSWORD`".into());
        }
        Ok(Credentials { username: username.into(), password: Zeroizing::new(password.into()) })
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum TurnOutput {
    /// A datagram for the server.
    Transmit(Vec<u8>),
    /// The relayed address, and our address as the server saw it (a server-reflexive one).
    Allocated { relayed: SocketAddr, mapped: Option<SocketAddr> },
    /// The allocation could not be made, or was lost: nothing is relayed any more.
    Failed(String),
    /// A refresh (or a [`TurnClient::probe`]) was answered: the allocation stands.
    Refreshed,
}

/// What a datagram from the server's address was.
#[derive(Debug, PartialEq, Eq)]
pub enum Received {
    /// A peer's datagram, relayed to us.
    Data { peer: SocketAddr, data: Vec<u8> },
    /// A response or indication for the client itself (or one to ignore: unknown, late, forged).
    Handled,
    /// Not TURN at all.
    NotTurn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Allocate,
    Refresh { lifetime: u32 },
    Permission(IpAddr),
}

struct Pending {
    kind: Kind,
    bytes: Vec<u8>,
    /// Whether it carried MESSAGE-INTEGRITY (then so must its success response).
    authenticated: bool,
    sends: u32,
    rto: Duration,
    next: Instant,
}

struct Auth {
    realm: String,
    nonce: String,
    key: [u8; 16],
}

#[derive(Debug, PartialEq, Eq)]
enum State {
    Allocating,
    Allocated { relayed: SocketAddr },
    Failed,
}

pub struct TurnClient {
    credentials: Credentials,
    auth: Option<Auth>,
    state: State,
    pending: HashMap<[u8; 12], Pending>,
    /// Peer addresses with a permission asked for, and when it was last (re)asked.
    permissions: HashMap<IpAddr, Instant>,
    refresh_at: Option<Instant>,
    stale_nonces: u32,
    /// Transaction ids: a random prefix and a counter.
    txid_prefix: [u8; 4],
    txid_count: u64,
    out: VecDeque<TurnOutput>,
}

impl TurnClient {
    /// Starts allocating at once: the first Allocate is in [`TurnClient::poll_output`].
    /// `txid_prefix` should be random: transaction ids are how responses are matched.
    pub fn new(now: Instant, credentials: Credentials, txid_prefix: [u8; 4]) -> TurnClient {
        let mut client = TurnClient {
            credentials,
            auth: None,
            state: State::Allocating,
            pending: HashMap::new(),
            permissions: HashMap::new(),
            refresh_at: None,
            stale_nonces: 0,
            txid_prefix,
            txid_count: 0,
            out: VecDeque::new(),
        };
        client.request(now, Kind::Allocate);
        client
    }

    /// The relayed address, once allocated.
    pub fn relayed(&self) -> Option<SocketAddr> {
        match self.state {
            State::Allocated { relayed } => Some(relayed),
            _ => None,
        }
    }

    pub fn failed(&self) -> bool {
        self.state == State::Failed
    }

    pub fn poll_output(&mut self) -> Option<TurnOutput> {
        self.out.pop_front()
    }

    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.state == State::Failed {
            return None;
        }
        let retransmits = self.pending.values().map(|p| p.next);
        let permissions = self.permissions.values().map(|at| *at + PERMISSION_REFRESH);
        retransmits.chain(permissions).chain(self.refresh_at).min()
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        let due: Vec<[u8; 12]> = self.pending.iter().filter(|(_, p)| p.next <= now).map(|(id, _)| *id).collect();
        for id in due {
            let Some(p) = self.pending.get_mut(&id) else { continue };
            if p.sends >= TRIES {
                let kind = p.kind;
                self.pending.remove(&id);
                self.fail(kind, "no answer from the TURN server".into());
                continue;
            }
            p.sends += 1;
            p.rto *= 2;
            // After the last send, Rm (16) times the first RTO for its answer.
            p.next = now + if p.sends == TRIES { RTO * 16 } else { p.rto };
            self.out.push_back(TurnOutput::Transmit(p.bytes.clone()));
        }
        if self.state == State::Failed {
            return;
        }
        if self.refresh_at.is_some_and(|at| at <= now) {
            self.refresh_at = None;
            self.request(now, Kind::Refresh { lifetime: LIFETIME_S });
        }
        let stale: Vec<IpAddr> =
            self.permissions.iter().filter(|(_, at)| **at + PERMISSION_REFRESH <= now).map(|(ip, _)| *ip).collect();
        for ip in stale {
            self.permissions.insert(ip, now);
            self.request(now, Kind::Permission(ip));
        }
    }

    /// Asks for a permission for `ip` (kept and refreshed from then on), unless it has one. The
    /// server drops what peers send to the relayed address until then: a connection asks for
    /// its remote candidates' addresses as soon as it learns them, since the other side's
    /// checks may be all that would ever arrive.
    pub fn permit(&mut self, now: Instant, ip: IpAddr) {
        if self.relayed().is_some() && !self.permissions.contains_key(&ip) {
            self.permissions.insert(ip, now);
            self.request(now, Kind::Permission(ip));
        }
    }

    /// Relays `data` to `peer` through the allocation (a Send indication), asking for a
    /// permission for the peer's address first if it has none. False while not allocated.
    pub fn send(&mut self, now: Instant, peer: SocketAddr, data: &[u8]) -> bool {
        if self.relayed().is_none() {
            return false;
        }
        self.permit(now, peer.ip());
        let txid = self.next_txid();
        let attrs = [(XOR_PEER_ADDRESS, xor_address(peer, &txid)), (DATA_ATTR, data.to_vec())];
        self.out.push_back(TurnOutput::Transmit(encode(SEND, INDICATION, &txid, &attrs, None)));
        true
    }

    /// Gives the allocation back (a Refresh with lifetime 0), sent once, unanswered or not.
    pub fn release(&mut self) {
        if self.relayed().is_some() {
            let txid = self.next_txid();
            let bytes = self.encode_request(Kind::Refresh { lifetime: 0 }, &txid);
            self.out.push_back(TurnOutput::Transmit(bytes));
            self.state = State::Failed;
        }
    }

    pub fn handle_packet(&mut self, now: Instant, bytes: &[u8]) -> Received {
        let Some(msg) = Parsed::new(bytes) else {
            // ChannelData (RFC 8656 §12.4) starts 0b01; we bind no channel.
            return if bytes.first().is_some_and(|b| b >> 6 == 0b01) { Received::Handled } else { Received::NotTurn };
        };
        match (msg.method, msg.class) {
            (DATA, INDICATION) => {
                match (msg.attr(XOR_PEER_ADDRESS).and_then(|v| read_xor_address(v, &msg.txid)), msg.attr(DATA_ATTR)) {
                    (Some(peer), Some(data)) if self.permissions.contains_key(&peer.ip()) => {
                        Received::Data { peer, data: data.to_vec() }
                    }
                    _ => Received::Handled,
                }
            }
            (_, SUCCESS) | (_, ERROR) => {
                let Some(pending) = self.pending.get(&msg.txid) else { return Received::Handled };
                // A success to an authenticated request must prove it came from the server.
                let verified = self.auth.as_ref().is_some_and(|a| msg.integrity_verifies(&a.key));
                if msg.class == SUCCESS && pending.authenticated && !verified {
                    return Received::Handled;
                }
                let pending = self.pending.remove(&msg.txid).expect("looked up above");
                if msg.class == SUCCESS {
                    self.succeeded(now, pending.kind, &msg);
                } else {
                    self.refused(now, pending, &msg);
                }
                Received::Handled
            }
            _ => Received::Handled,
        }
    }

    fn succeeded(&mut self, now: Instant, kind: Kind, msg: &Parsed) {
        self.stale_nonces = 0;
        let lifetime = msg.attr(LIFETIME).and_then(read_u32).unwrap_or(LIFETIME_S);
        match kind {
            Kind::Allocate => {
                let Some(relayed) = msg.attr(XOR_RELAYED_ADDRESS).and_then(|v| read_xor_address(v, &msg.txid)) else {
                    return self.fail(kind, "the Allocate success has no XOR-RELAYED-ADDRESS".into());
                };
                let mapped = msg.attr(XOR_MAPPED_ADDRESS).and_then(|v| read_xor_address(v, &msg.txid));
                self.state = State::Allocated { relayed };
                self.refresh_at = Some(now + refresh_after(lifetime));
                self.out.push_back(TurnOutput::Allocated { relayed, mapped });
            }
            Kind::Refresh { .. } => {
                self.refresh_at = Some(now + refresh_after(lifetime));
                self.out.push_back(TurnOutput::Refreshed);
            }
            Kind::Permission(_) => {}
        }
    }

    fn refused(&mut self, now: Instant, pending: Pending, msg: &Parsed) {
        let (code, reason) = msg.attr(ERROR_CODE).and_then(read_error).unwrap_or((0, String::new()));
        let text = |s: Option<&[u8]>| s.and_then(|v| std::str::from_utf8(v).ok()).map(str::to_owned);
        match code {
            // The challenge: answered once with the credentials, with a realm and a nonce.
            401 if !pending.authenticated => match (text(msg.attr(REALM)), text(msg.attr(NONCE))) {
                (Some(realm), Some(nonce)) => {
                    let key = long_term_key(&self.credentials, &realm);
                    self.auth = Some(Auth { realm, nonce, key });
                    self.request(now, pending.kind);
                }
                _ => self.fail(pending.kind, "401 without a realm and a nonce".into()),
            },
            // A stale nonce, or a 401 with a nonce other than ours (the server restarted and
            // forgot us): the request again with the new one. A 401 for our own nonce is a
            // refusal of the credentials.
            438 | 401 if self.stale_nonces < NONCE_RETRIES && self.new_nonce(msg).is_some() => {
                match (self.auth.as_mut(), text(msg.attr(NONCE))) {
                    (Some(auth), Some(nonce)) => {
                        auth.nonce = nonce;
                        self.stale_nonces += 1;
                        self.request(now, pending.kind);
                    }
                    _ => self.fail(pending.kind, format!("{code} {reason}")),
                }
            }
            401 => self.fail(
                pending.kind,
                format!("the credentials of `{}` were refused (401 {reason})", self.credentials.username),
            ),
            _ => self.fail(pending.kind, format!("{code} {reason}")),
        }
    }

    /// The response's nonce, if it is not the one we used.
    fn new_nonce<'m>(&self, msg: &Parsed<'m>) -> Option<&'m [u8]> {
        let nonce = msg.attr(NONCE)?;
        (self.auth.as_ref().map(|a| a.nonce.as_bytes()) != Some(nonce)).then_some(nonce)
    }

    /// Asks the server whether the allocation still stands (a Refresh now), when a connection
    /// through it died: a server that restarted answers with an error, and the allocation is
    /// given up ([`TurnOutput::Failed`]) rather than kept until its next refresh.
    pub fn probe(&mut self, now: Instant) {
        let refreshing = self.pending.values().any(|p| matches!(p.kind, Kind::Refresh { .. }));
        if self.relayed().is_some() && !refreshing {
            self.refresh_at = None;
            self.request(now, Kind::Refresh { lifetime: LIFETIME_S });
        }
    }

    fn fail(&mut self, kind: Kind, why: String) {
        match kind {
            Kind::Allocate | Kind::Refresh { .. } => {
                if self.state != State::Failed {
                    self.state = State::Failed;
                    self.pending.clear();
                    self.refresh_at = None;
                    let what = if kind == Kind::Allocate { "allocation" } else { "refresh" };
                    self.out.push_back(TurnOutput::Failed(format!("TURN {what}: {why}")));
                }
            }
            // A peer without a permission is unreachable through the relay; the next datagram
            // to it asks again.
            Kind::Permission(ip) => {
                self.permissions.remove(&ip);
            }
        }
    }

    fn next_txid(&mut self) -> [u8; 12] {
        self.txid_count += 1;
        let mut id = [0u8; 12];
        id[..4].copy_from_slice(&self.txid_prefix);
        id[4..].copy_from_slice(&self.txid_count.to_be_bytes());
        id
    }

    fn request(&mut self, now: Instant, kind: Kind) {
        let txid = self.next_txid();
        let bytes = self.encode_request(kind, &txid);
        self.out.push_back(TurnOutput::Transmit(bytes.clone()));
        let authenticated = self.auth.is_some();
        self.pending.insert(txid, Pending { kind, bytes, authenticated, sends: 1, rto: RTO, next: now + RTO });
    }

    fn encode_request(&self, kind: Kind, txid: &[u8; 12]) -> Vec<u8> {
        let (method, mut attrs) = match kind {
            // UDP (protocol 17), then three reserved bytes.
            Kind::Allocate => (
                ALLOCATE,
                vec![(REQUESTED_TRANSPORT, vec![17, 0, 0, 0]), (LIFETIME, LIFETIME_S.to_be_bytes().to_vec())],
            ),
            Kind::Refresh { lifetime } => (REFRESH, vec![(LIFETIME, lifetime.to_be_bytes().to_vec())]),
            Kind::Permission(ip) => {
                (CREATE_PERMISSION, vec![(XOR_PEER_ADDRESS, xor_address(SocketAddr::new(ip, 0), txid))])
            }
        };
        match &self.auth {
            Some(auth) => {
                attrs.push((USERNAME, self.credentials.username.as_bytes().to_vec()));
                attrs.push((REALM, auth.realm.as_bytes().to_vec()));
                attrs.push((NONCE, auth.nonce.as_bytes().to_vec()));
                encode(method, REQUEST, txid, &attrs, Some(&auth.key))
            }
            None => encode(method, REQUEST, txid, &attrs, None),
        }
    }
}

fn refresh_after(lifetime_s: u32) -> Duration {
    Duration::from_secs(u64::from(lifetime_s.max(2) / 2)).min(REFRESH_EVERY)
}

/// MD5(username ":" realm ":" password), RFC 8489 §9.2.2 (credentials taken as they are: no
/// SASLprep, so ASCII ones only are sure to match the server's).
fn long_term_key(c: &Credentials, realm: &str) -> [u8; 16] {
    let text = Zeroizing::new(format!("{}:{realm}:{}", c.username, c.password.as_str()));
    Md5::digest(text.as_bytes()).into()
}

fn message_type(method: u16, class: u8) -> u16 {
    let class = u16::from(class);
    (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2) | ((class & 1) << 4) | ((class & 2) << 7)
}

/// A STUN message: the header, the attributes padded to 4 bytes, and, with `integrity_key`, a
/// MESSAGE-INTEGRITY over everything before it (the header's length counting it already).
fn encode(method: u16, class: u8, txid: &[u8; 12], attrs: &[(u16, Vec<u8>)], integrity_key: Option<&[u8]>) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + attrs.iter().map(|(_, v)| 4 + v.len() + 3).sum::<usize>() + 24);
    out.extend_from_slice(&message_type(method, class).to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&MAGIC.to_be_bytes());
    out.extend_from_slice(txid);
    for (kind, value) in attrs {
        push_attr(&mut out, *kind, value);
    }
    if let Some(key) = integrity_key {
        let len = out.len() - HEADER + 24;
        set_length(&mut out, len);
        let mac = hmac_sha1(key, &out);
        push_attr(&mut out, MESSAGE_INTEGRITY, &mac);
    }
    let len = out.len() - HEADER;
    set_length(&mut out, len);
    out
}

fn push_attr(out: &mut Vec<u8>, kind: u16, value: &[u8]) {
    out.extend_from_slice(&kind.to_be_bytes());
    out.extend_from_slice(&(value.len() as u16).to_be_bytes());
    out.extend_from_slice(value);
    out.resize(out.len().next_multiple_of(4), 0);
}

fn set_length(out: &mut [u8], len: usize) {
    out[2..4].copy_from_slice(&(len as u16).to_be_bytes());
}

/// XOR-MAPPED-ADDRESS's encoding (RFC 8489 §14.2), shared by XOR-PEER- and XOR-RELAYED-ADDRESS.
fn xor_address(addr: SocketAddr, txid: &[u8; 12]) -> Vec<u8> {
    let port = addr.port() ^ (MAGIC >> 16) as u16;
    let mut out = vec![0, 0];
    out.extend_from_slice(&port.to_be_bytes());
    match addr.ip() {
        IpAddr::V4(ip) => {
            out[1] = 0x01;
            out.extend_from_slice(&(u32::from(ip) ^ MAGIC).to_be_bytes());
        }
        IpAddr::V6(ip) => {
            out[1] = 0x02;
            let mask = xor_mask(txid);
            out.extend(ip.octets().iter().zip(mask).map(|(a, m)| a ^ m));
        }
    }
    out
}

fn xor_mask(txid: &[u8; 12]) -> [u8; 16] {
    let mut mask = [0u8; 16];
    mask[..4].copy_from_slice(&MAGIC.to_be_bytes());
    mask[4..].copy_from_slice(txid);
    mask
}

fn read_xor_address(v: &[u8], txid: &[u8; 12]) -> Option<SocketAddr> {
    let port = u16::from_be_bytes([*v.get(2)?, *v.get(3)?]) ^ (MAGIC >> 16) as u16;
    let ip = match (v.get(1)?, v.len()) {
        (0x01, 8) => IpAddr::V4(Ipv4Addr::from(u32::from_be_bytes(v[4..8].try_into().ok()?) ^ MAGIC)),
        (0x02, 20) => {
            let mask = xor_mask(txid);
            let mut octets = [0u8; 16];
            for (i, o) in octets.iter_mut().enumerate() {
                *o = v[4 + i] ^ mask[i];
            }
            IpAddr::V6(Ipv6Addr::from(octets))
        }
        _ => return None,
    };
    Some(SocketAddr::new(ip, port))
}

fn read_u32(v: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(v.try_into().ok()?))
}

/// ERROR-CODE (RFC 8489 §14.8): the class in the third byte's low 3 bits, the number in the
/// fourth, then the reason phrase.
fn read_error(v: &[u8]) -> Option<(u16, String)> {
    if v.len() < 4 {
        return None;
    }
    let code = u16::from(v[2] & 0x07) * 100 + u16::from(v[3]);
    Some((code, String::from_utf8_lossy(&v[4..]).trim().to_owned()))
}

/// A STUN message read from a datagram: every length checked, nothing copied.
struct Parsed<'a> {
    bytes: &'a [u8],
    method: u16,
    class: u8,
    txid: [u8; 12],
    /// Each attribute's type, value, and where its header starts.
    attrs: Vec<(u16, &'a [u8], usize)>,
}

impl<'a> Parsed<'a> {
    fn new(bytes: &'a [u8]) -> Option<Parsed<'a>> {
        if bytes.len() < HEADER || bytes[0] >> 6 != 0 {
            return None;
        }
        let kind = u16::from_be_bytes([bytes[0], bytes[1]]);
        let len = usize::from(u16::from_be_bytes([bytes[2], bytes[3]]));
        if HEADER + len != bytes.len() || len % 4 != 0 || bytes[4..8] != MAGIC.to_be_bytes() {
            return None;
        }
        let method = (kind & 0x000F) | ((kind >> 1) & 0x0070) | ((kind >> 2) & 0x0F80);
        let class = (((kind >> 4) & 1) | ((kind >> 7) & 2)) as u8;
        let txid = bytes[8..20].try_into().ok()?;
        let mut attrs = Vec::new();
        let mut at = HEADER;
        while at < bytes.len() {
            let head = bytes.get(at..at + 4)?;
            let t = u16::from_be_bytes([head[0], head[1]]);
            let l = usize::from(u16::from_be_bytes([head[2], head[3]]));
            let value = bytes.get(at + 4..at + 4 + l)?;
            attrs.push((t, value, at));
            at += 4 + l.next_multiple_of(4);
        }
        (at == bytes.len()).then_some(Parsed { bytes, method, class, txid, attrs })
    }

    /// The first attribute of type `t` (RFC 8489 §14: later duplicates are ignored).
    fn attr(&self, t: u16) -> Option<&'a [u8]> {
        self.attrs.iter().find(|(k, _, _)| *k == t).map(|(_, v, _)| *v)
    }

    /// Whether MESSAGE-INTEGRITY is there and is the HMAC of what precedes it under `key`
    /// (with the length as it stood when it was computed: up to the end of the attribute).
    fn integrity_verifies(&self, key: &[u8]) -> bool {
        let Some(&(_, mac, at)) = self.attrs.iter().find(|(k, _, _)| *k == MESSAGE_INTEGRITY) else { return false };
        if mac.len() != 20 {
            return false;
        }
        let mut signed = self.bytes[..at].to_vec();
        set_length(&mut signed, at - HEADER + 24);
        // Not a secret comparison in the usual sense, but constant time costs nothing here.
        hmac_sha1(key, &signed).iter().zip(mac).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

/// Binding requests sent before giving up (at 0, 0.5 and 1.5 s), and how long the last one is
/// waited for: [`BINDING_WAIT`] in all, short, since an agent waits for it before joining.
pub const BINDING_TRIES: u32 = 3;
pub const BINDING_WAIT: Duration = Duration::from_secs(3);

#[derive(Debug, PartialEq, Eq)]
pub enum BindingOutput {
    /// A datagram for the server.
    Transmit(Vec<u8>),
    /// Our address as the server sees it.
    Mapped(SocketAddr),
    /// No answer, or an answer without an address: why.
    Failed(String),
}

/// One STUN server's view of our address, asked again whenever [`BindingClient::rebind`] is
/// called (to keep a NAT's mapping alive and notice when it changes). The answer is not
/// authenticated (STUN Binding has no credentials here): the random transaction id, and the
/// server's address the driver checks, are what bind it to our request.
pub struct BindingClient {
    txid: [u8; 12],
    request: Vec<u8>,
    sends: u32,
    next: Option<Instant>,
    deadline: Option<Instant>,
    out: VecDeque<BindingOutput>,
}

impl BindingClient {
    /// Asks at once: the first request is in [`BindingClient::poll_output`]. `txid` must be
    /// random.
    pub fn new(now: Instant, txid: [u8; 12]) -> BindingClient {
        let mut client =
            BindingClient { txid, request: Vec::new(), sends: 0, next: None, deadline: None, out: VecDeque::new() };
        client.rebind(now, txid);
        client
    }

    /// Asks again, as a new transaction (`txid` random); an earlier one still unanswered is
    /// forgotten.
    pub fn rebind(&mut self, now: Instant, txid: [u8; 12]) {
        self.txid = txid;
        self.request = encode(BINDING, REQUEST, &txid, &[], None);
        self.sends = 1;
        self.next = Some(now + RTO);
        self.deadline = Some(now + BINDING_WAIT);
        self.out.push_back(BindingOutput::Transmit(self.request.clone()));
    }

    pub fn poll_output(&mut self) -> Option<BindingOutput> {
        self.out.pop_front()
    }

    pub fn poll_timeout(&self) -> Option<Instant> {
        self.next.into_iter().chain(self.deadline).min()
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        if self.deadline.is_some_and(|d| d <= now) {
            self.next = None;
            self.deadline = None;
            let secs = BINDING_WAIT.as_secs();
            let why = format!("no answer to {} Binding requests within {secs} s", self.sends);
            self.out.push_back(BindingOutput::Failed(why));
            return;
        }
        if self.next.is_some_and(|at| at <= now) {
            if self.sends < BINDING_TRIES {
                self.sends += 1;
                self.next = Some(now + RTO * 2u32.pow(self.sends - 1));
                self.out.push_back(BindingOutput::Transmit(self.request.clone()));
            } else {
                self.next = None;
            }
        }
    }

    /// A datagram from the server's address: whether it answered our request (a success with
    /// our address, or an error), which is then over.
    pub fn handle_packet(&mut self, bytes: &[u8]) -> bool {
        let Some(msg) = Parsed::new(bytes) else { return false };
        if msg.method != BINDING || msg.txid != self.txid || self.deadline.is_none() {
            return false;
        }
        let output = match msg.class {
            SUCCESS => match msg.attr(XOR_MAPPED_ADDRESS).and_then(|v| read_xor_address(v, &msg.txid)) {
                Some(mapped) => BindingOutput::Mapped(mapped),
                None => BindingOutput::Failed("the Binding success response has no XOR-MAPPED-ADDRESS".into()),
            },
            ERROR => {
                let (code, reason) = msg.attr(ERROR_CODE).and_then(read_error).unwrap_or((0, String::new()));
                BindingOutput::Failed(format!("the Binding request was refused: {code} {reason}"))
            }
            _ => return false,
        };
        self.next = None;
        self.deadline = None;
        self.out.push_back(output);
        true
    }
}

/// Whether `bytes` are a well-formed STUN message (header, lengths, cookie, attributes).
pub fn is_stun(bytes: &[u8]) -> bool {
    Parsed::new(bytes).is_some()
}

/// For the fuzz target: a datagram from the server's address, read by a client that is
/// allocating; what it made of it.
pub fn fuzz_one(bytes: &[u8]) -> Received {
    let now = Instant::now();
    let creds = Credentials { username: "u".into(), password: Zeroizing::new("p".into()) };
    let mut client = TurnClient::new(now, creds, [0; 4]);
    let received = client.handle_packet(now, bytes);
    while client.poll_output().is_some() {}
    received
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVER_REALM: &str = "ifconnect";

    fn creds() -> Credentials {
        Credentials { username: "mesh".into(), password: Zeroizing::new("s3cret".into()) }
    }

    fn transmits(c: &mut TurnClient) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        while let Some(o) = c.poll_output() {
            if let TurnOutput::Transmit(b) = o {
                out.push(b);
            }
        }
        out
    }

    /// What a server would answer to `request`: `class`, with `attrs`, signed with `key`.
    fn answer(request: &[u8], class: u8, attrs: &[(u16, Vec<u8>)], key: Option<&[u8]>) -> Vec<u8> {
        let req = Parsed::new(request).unwrap();
        encode(req.method, class, &req.txid, attrs, key)
    }

    fn error_code(code: u16, reason: &str) -> Vec<u8> {
        let mut v = vec![0, 0, (code / 100) as u8, (code % 100) as u8];
        v.extend_from_slice(reason.as_bytes());
        v
    }

    fn key() -> [u8; 16] {
        long_term_key(&creds(), SERVER_REALM)
    }

    /// A client through the challenge and allocated at 127.0.0.1:50000, at `now`.
    fn allocated(now: Instant) -> TurnClient {
        let mut c = TurnClient::new(now, creds(), [1, 2, 3, 4]);
        let first = transmits(&mut c).remove(0);
        let challenge = answer(
            &first,
            ERROR,
            &[(ERROR_CODE, error_code(401, "Unauthorized")), (REALM, SERVER_REALM.into()), (NONCE, b"n1".to_vec())],
            None,
        );
        assert_eq!(c.handle_packet(now, &challenge), Received::Handled);
        let second = transmits(&mut c).remove(0);
        let req = Parsed::new(&second).unwrap();
        let relayed: SocketAddr = "127.0.0.1:50000".parse().unwrap();
        let ok = answer(
            &second,
            SUCCESS,
            &[(XOR_RELAYED_ADDRESS, xor_address(relayed, &req.txid)), (LIFETIME, 600u32.to_be_bytes().to_vec())],
            Some(&key()),
        );
        c.handle_packet(now, &ok);
        c
    }

    #[test]
    fn xor_mapped_address_matches_rfc_5769s_sample_response() {
        // RFC 5769 §2.2: 192.0.2.1 port 32853, transaction id b7e7a701bc34d686fa87dfae.
        let txid: [u8; 12] = hex::decode("b7e7a701bc34d686fa87dfae").unwrap().try_into().unwrap();
        let addr: SocketAddr = "192.0.2.1:32853".parse().unwrap();
        assert_eq!(hex::encode(xor_address(addr, &txid)), "0001a147e112a643");
        assert_eq!(read_xor_address(&xor_address(addr, &txid), &txid), Some(addr));
        let v6: SocketAddr = "[2001:db8:1234:5678:11:2233:4455:6677]:32853".parse().unwrap();
        // §2.3: the same port, XORed with the cookie and the transaction id.
        assert_eq!(hex::encode(xor_address(v6, &txid)), "0002a1470113a9faa5d3f179bc25f4b5bed2b9d9");
    }

    /// RFC 5769 §2.2's sample IPv4 response (SOFTWARE, XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY,
    /// FINGERPRINT), for the request with transaction id b7e7a701bc34d686fa87dfae.
    const RFC_5769_RESPONSE: &str = "0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220\
                                     00200008 0001a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7\
                                     80280004c07d4c96";

    #[test]
    fn a_binding_answer_gives_our_mapped_address_rfc_5769() {
        let txid: [u8; 12] = hex::decode("b7e7a701bc34d686fa87dfae").unwrap().try_into().unwrap();
        let t0 = Instant::now();
        let mut c = BindingClient::new(t0, txid);
        let Some(BindingOutput::Transmit(req)) = c.poll_output() else { panic!("a request first") };
        let parsed = Parsed::new(&req).unwrap();
        assert_eq!((parsed.method, parsed.class, parsed.txid), (BINDING, REQUEST, txid));
        let response = hex::decode(RFC_5769_RESPONSE.replace(' ', "")).unwrap();
        // Every truncation is ignored (and never panics); the whole is our answer.
        for n in 0..response.len() {
            assert!(!c.handle_packet(&response[..n]), "{n} bytes");
        }
        let mut other = response.clone();
        other[19] ^= 1;
        assert!(!c.handle_packet(&other), "another transaction's answer");
        assert!(c.handle_packet(&response));
        assert_eq!(c.poll_output(), Some(BindingOutput::Mapped("192.0.2.1:32853".parse().unwrap())));
        assert_eq!(c.poll_timeout(), None, "nothing more to wait for");
        assert!(!c.handle_packet(&response), "answered already");
    }

    #[test]
    fn an_unanswered_binding_is_sent_three_times_then_fails_and_can_be_asked_again() {
        let t0 = Instant::now();
        let mut c = BindingClient::new(t0, [7; 12]);
        let mut sent_at = Vec::new();
        let mut failed = None;
        let mut now = t0;
        while failed.is_none() && now < t0 + Duration::from_secs(10) {
            while let Some(out) = c.poll_output() {
                match out {
                    BindingOutput::Transmit(_) => sent_at.push(now - t0),
                    BindingOutput::Failed(why) => failed = Some((now - t0, why)),
                    BindingOutput::Mapped(m) => panic!("{m}"),
                }
            }
            now = c.poll_timeout().unwrap_or(now + Duration::from_secs(1));
            c.handle_timeout(now);
        }
        let ms = |d: &Duration| d.as_millis();
        assert_eq!(sent_at.iter().map(ms).collect::<Vec<_>>(), [0, 500, 1500]);
        let (at, why) = failed.unwrap();
        assert_eq!(at, BINDING_WAIT);
        assert!(why.contains("no answer to 3 Binding requests"), "{why}");
        c.rebind(now, [8; 12]);
        assert!(matches!(c.poll_output(), Some(BindingOutput::Transmit(_))));
        // An error response is an answer too.
        let refused = encode(BINDING, ERROR, &[8; 12], &[(ERROR_CODE, vec![0, 0, 4, 0, b'n', b'o'])], None);
        assert!(c.handle_packet(&refused));
        assert!(matches!(c.poll_output(), Some(BindingOutput::Failed(why)) if why.contains("400 no")));
    }

    #[test]
    fn message_types_encode_method_and_class_bits_as_rfc_8489_figure_3() {
        assert_eq!(message_type(0x001, REQUEST), 0x0001);
        assert_eq!(message_type(0x001, SUCCESS), 0x0101);
        assert_eq!(message_type(ALLOCATE, ERROR), 0x0113);
        assert_eq!(message_type(SEND, INDICATION), 0x0016);
        assert_eq!(message_type(DATA, INDICATION), 0x0017);
    }

    #[test]
    fn allocation_answers_the_challenge_with_the_long_term_key_and_schedules_its_refresh() {
        let t0 = Instant::now();
        let mut c = TurnClient::new(t0, creds(), [1, 2, 3, 4]);
        let first = transmits(&mut c).remove(0);
        let req = Parsed::new(&first).unwrap();
        assert_eq!((req.method, req.class), (ALLOCATE, REQUEST));
        assert_eq!(req.attr(REQUESTED_TRANSPORT), Some(&[17, 0, 0, 0][..]));
        assert!(req.attr(MESSAGE_INTEGRITY).is_none(), "the first Allocate carries no credentials");
        let challenge = answer(
            &first,
            ERROR,
            &[(ERROR_CODE, error_code(401, "Unauthorized")), (REALM, SERVER_REALM.into()), (NONCE, b"n1".to_vec())],
            None,
        );
        c.handle_packet(t0, &challenge);
        let second = transmits(&mut c).remove(0);
        let req = Parsed::new(&second).unwrap();
        assert_ne!(req.txid, Parsed::new(&first).unwrap().txid, "a new transaction");
        assert_eq!(req.attr(USERNAME), Some(&b"mesh"[..]));
        assert_eq!(req.attr(REALM), Some(&b"ifconnect"[..]));
        assert_eq!(req.attr(NONCE), Some(&b"n1"[..]));
        assert!(req.integrity_verifies(&key()), "MESSAGE-INTEGRITY under MD5(mesh:ifconnect:s3cret)");
        assert!(!req.integrity_verifies(&long_term_key(&creds(), "elsewhere")));
        // A success without integrity (anyone can send from the server's address) is ignored.
        let relayed: SocketAddr = "127.0.0.1:50000".parse().unwrap();
        let attrs = [
            (XOR_RELAYED_ADDRESS, xor_address(relayed, &req.txid)),
            (XOR_MAPPED_ADDRESS, xor_address("127.0.0.1:40000".parse().unwrap(), &req.txid)),
            (LIFETIME, 600u32.to_be_bytes().to_vec()),
        ];
        c.handle_packet(t0, &answer(&second, SUCCESS, &attrs, None));
        assert_eq!(c.relayed(), None);
        c.handle_packet(t0, &answer(&second, SUCCESS, &attrs, Some(&key())));
        assert_eq!(
            c.poll_output(),
            Some(TurnOutput::Allocated { relayed, mapped: Some("127.0.0.1:40000".parse().unwrap()) })
        );
        assert_eq!(c.relayed(), Some(relayed));
        // Refreshed every 15 s (half the lifetime would be 300 s), authenticated.
        assert_eq!(c.poll_timeout(), Some(t0 + REFRESH_EVERY));
        c.handle_timeout(t0 + REFRESH_EVERY);
        let refresh = transmits(&mut c).remove(0);
        let req = Parsed::new(&refresh).unwrap();
        assert_eq!(req.method, REFRESH);
        assert!(req.integrity_verifies(&key()));
    }

    #[test]
    fn refused_credentials_and_silence_fail_the_allocation_with_a_reason() {
        let t0 = Instant::now();
        let mut c = TurnClient::new(t0, creds(), [0; 4]);
        let first = transmits(&mut c).remove(0);
        let challenge = |r: &[u8]| {
            answer(
                r,
                ERROR,
                &[(ERROR_CODE, error_code(401, "Unauthorized")), (REALM, SERVER_REALM.into()), (NONCE, b"n".to_vec())],
                None,
            )
        };
        c.handle_packet(t0, &challenge(&first));
        let second = transmits(&mut c).remove(0);
        c.handle_packet(t0, &challenge(&second));
        assert_eq!(
            c.poll_output(),
            Some(TurnOutput::Failed(
                "TURN allocation: the credentials of `mesh` were refused (401 Unauthorized)".into()
            ))
        );
        assert!(c.failed());

        // Unanswered: sent at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s, failed 8 s later.
        let mut c = TurnClient::new(t0, creds(), [0; 4]);
        let mut sent_at = vec![0];
        transmits(&mut c);
        while let Some(at) = c.poll_timeout() {
            c.handle_timeout(at);
            let ms = (at - t0).as_millis() as u64;
            if transmits(&mut c).is_empty() {
                assert_eq!(c.poll_output(), None);
                assert!(c.failed(), "failed at {ms} ms");
                assert_eq!(ms, 39_500);
                break;
            }
            sent_at.push(ms);
        }
        assert_eq!(sent_at, [0, 500, 1500, 3500, 7500, 15500, 31500]);
    }

    #[test]
    fn a_stale_nonce_is_answered_with_the_new_one() {
        let t0 = Instant::now();
        let mut c = allocated(t0);
        transmits(&mut c);
        c.handle_timeout(t0 + REFRESH_EVERY);
        let refresh = transmits(&mut c).remove(0);
        let stale = answer(
            &refresh,
            ERROR,
            &[(ERROR_CODE, error_code(438, "Stale Nonce")), (REALM, SERVER_REALM.into()), (NONCE, b"n2".to_vec())],
            None,
        );
        c.handle_packet(t0, &stale);
        let again = transmits(&mut c).remove(0);
        let req = Parsed::new(&again).unwrap();
        assert_eq!((req.method, req.attr(NONCE)), (REFRESH, Some(&b"n2"[..])));
        assert!(req.integrity_verifies(&key()));
        assert!(!c.failed());
    }

    #[test]
    fn a_probe_of_a_restarted_server_retries_its_new_nonce_and_gives_the_allocation_up_on_437() {
        let t0 = Instant::now();
        let mut c = allocated(t0);
        transmits(&mut c);
        c.probe(t0);
        c.probe(t0);
        let probes = transmits(&mut c);
        assert_eq!(probes.len(), 1, "one probe at a time");
        assert_eq!(Parsed::new(&probes[0]).map(|p| p.method), Some(REFRESH));
        let forgot = answer(
            &probes[0],
            ERROR,
            &[(ERROR_CODE, error_code(401, "Unauthorized")), (REALM, SERVER_REALM.into()), (NONCE, b"fresh".to_vec())],
            None,
        );
        c.handle_packet(t0, &forgot);
        let again = transmits(&mut c).remove(0);
        assert_eq!(Parsed::new(&again).unwrap().attr(NONCE), Some(&b"fresh"[..]));
        let mismatch = answer(&again, ERROR, &[(ERROR_CODE, error_code(437, "Allocation Mismatch"))], None);
        c.handle_packet(t0, &mismatch);
        assert_eq!(c.poll_output(), Some(TurnOutput::Failed("TURN refresh: 437 Allocation Mismatch".into())));
        assert!(c.failed() && c.relayed().is_none());
    }

    #[test]
    fn sends_ask_a_permission_once_and_refresh_it_and_data_comes_back_only_from_permitted_peers() {
        let t0 = Instant::now();
        let mut c = allocated(t0);
        transmits(&mut c);
        let peer: SocketAddr = "127.0.0.1:50002".parse().unwrap();
        assert!(c.send(t0, peer, b"hello"));
        assert!(c.send(t0, "127.0.0.1:50004".parse().unwrap(), b"again"));
        let out = transmits(&mut c);
        let kinds: Vec<(u16, u8)> = out.iter().map(|b| Parsed::new(b).map(|p| (p.method, p.class)).unwrap()).collect();
        assert_eq!(
            kinds,
            [(CREATE_PERMISSION, REQUEST), (SEND, INDICATION), (SEND, INDICATION)],
            "one IP, one permission"
        );
        let perm = Parsed::new(&out[0]).unwrap();
        assert_eq!(read_xor_address(perm.attr(XOR_PEER_ADDRESS).unwrap(), &perm.txid).map(|a| a.ip()), Some(peer.ip()));
        assert!(perm.integrity_verifies(&key()));
        let send = Parsed::new(&out[1]).unwrap();
        assert_eq!(send.attr(DATA_ATTR), Some(&b"hello"[..]));
        assert_eq!(read_xor_address(send.attr(XOR_PEER_ADDRESS).unwrap(), &send.txid), Some(peer));
        c.handle_packet(t0, &answer(&out[0], SUCCESS, &[], Some(&key())));

        // Data from the permitted address is the peer's; from another, ignored.
        let txid = [9u8; 12];
        let data = encode(
            DATA,
            INDICATION,
            &txid,
            &[(XOR_PEER_ADDRESS, xor_address(peer, &txid)), (DATA_ATTR, b"hi".to_vec())],
            None,
        );
        assert_eq!(c.handle_packet(t0, &data), Received::Data { peer, data: b"hi".to_vec() });
        let other: SocketAddr = "10.0.0.1:1".parse().unwrap();
        let data = encode(
            DATA,
            INDICATION,
            &txid,
            &[(XOR_PEER_ADDRESS, xor_address(other, &txid)), (DATA_ATTR, b"x".to_vec())],
            None,
        );
        assert_eq!(c.handle_packet(t0, &data), Received::Handled);

        // The permission is asked again after 240 s (it lasts 300).
        let at = t0 + PERMISSION_REFRESH;
        c.handle_timeout(at - Duration::from_millis(1));
        let before: Vec<u16> = transmits(&mut c).iter().filter_map(|b| Parsed::new(b).map(|p| p.method)).collect();
        assert!(!before.contains(&CREATE_PERMISSION), "{before:?}");
        c.handle_timeout(at);
        let out: Vec<u16> = transmits(&mut c).iter().filter_map(|b| Parsed::new(b).map(|p| p.method)).collect();
        assert!(out.contains(&CREATE_PERMISSION), "{out:?}");
    }

    #[test]
    fn hostile_datagrams_are_not_turn_or_ignored_and_never_panic() {
        let t0 = Instant::now();
        let mut c = allocated(t0);
        transmits(&mut c);
        let good = encode(DATA, INDICATION, &[7; 12], &[(DATA_ATTR, b"x".to_vec())], None);
        let mut cases: Vec<Vec<u8>> =
            vec![vec![], vec![0; 19], b"not stun at all".to_vec(), vec![0x40, 0, 0, 4, 1, 2, 3, 4]];
        for cut in 0..good.len() {
            cases.push(good[..cut].to_vec());
        }
        let mut long_attr = good.clone();
        long_attr[22..24].copy_from_slice(&0xFFFFu16.to_be_bytes());
        cases.push(long_attr);
        let mut bad_cookie = good.clone();
        bad_cookie[4] ^= 1;
        cases.push(bad_cookie);
        for case in &cases {
            let r = c.handle_packet(t0, case);
            assert!(matches!(r, Received::NotTurn | Received::Handled), "{case:?}: {r:?}");
        }
        assert_eq!(c.relayed(), Some("127.0.0.1:50000".parse().unwrap()), "still allocated");
        for case in &cases {
            fuzz_one(case);
        }
    }

    #[test]
    fn credentials_files_are_one_user_password_line_and_never_shown() {
        let c = Credentials::parse("# coturn's user\nmesh:pa:ss\n").unwrap();
        assert_eq!((c.username.as_str(), c.password.as_str()), ("mesh", "pa:ss"));
        assert!(!format!("{c:?}").contains("pa:ss"));
        assert!(Credentials::parse("mesh").is_err());
        assert!(Credentials::parse(":x").is_err());
    }
}
