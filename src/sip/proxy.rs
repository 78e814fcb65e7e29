//! The proxy and registrar core: RFC 3261 stateful proxying (§16) with server and client
//! transactions (§17), as a pure state machine in the style of quinn-proto: no sockets, no clock.
//!
//! Run loop (the driver's contract): feed every packet to [`Proxy::handle_packet`] and every
//! expired deadline to [`Proxy::handle_timeout`], both with the current time; after each call
//! drain [`Proxy::poll_output`] until `None`, then sleep until [`Proxy::poll_timeout`] or the
//! next packet. Time is milliseconds on a monotonic clock.
//!
//! Out of scope for now (see docs/if-sip.md): DNS (next hops must be IP literals or `localhost`),
//! forking to several contacts, authentication, TLS.

use super::message::{self, split_host_port, SipMessage, StartLine, Uri};
use super::xif::{self, HazardHeader};
use crate::policy::{Policy, Request as GateRequest};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

pub type Millis = u64;

const T1: Millis = 500;
const T2: Millis = 4_000;
const T4: Millis = 5_000;
/// Timers B, F and H, and how long completed transactions absorb retransmissions.
const TIMEOUT: Millis = 64 * T1;
const MAGIC: &str = "z9hG4bK";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Udp,
    Tcp,
}

impl Transport {
    fn via_name(self) -> &'static str {
        match self {
            Transport::Udp => "UDP",
            Transport::Tcp => "TCP",
        }
    }
}

/// Where a packet came from or goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Peer {
    pub transport: Transport,
    pub addr: SocketAddr,
}

pub struct Config {
    /// The address the proxy listens on (UDP and TCP share it); used in Via and Record-Route.
    pub local: SocketAddr,
    /// Where to send requests for which nothing else decides (`--route`).
    pub route: Option<String>,
    pub policy: Option<Policy>,
    /// The wall clock, for X-IF-Signature timestamps (Unix ms) relative to the monotonic `now`.
    pub wall_clock_offset_ms: i64,
}

/// A summary of the SDP body, for the audit trail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SdpSummary {
    pub connection: Option<String>,
    /// `m=` lines: media, port, protocol, formats.
    pub media: Vec<String>,
}

pub fn summarise_sdp(body: &[u8]) -> Option<SdpSummary> {
    let text = std::str::from_utf8(body).ok()?;
    if !text.trim_start().starts_with("v=") {
        return None;
    }
    let mut s = SdpSummary::default();
    for line in text.lines() {
        if let Some(c) = line.strip_prefix("c=") {
            s.connection.get_or_insert_with(|| c.trim().to_owned());
        } else if let Some(m) = line.strip_prefix("m=") {
            s.media.push(m.trim().to_owned());
        }
    }
    Some(s)
}

/// One finished transaction: what `if-sip proxy` writes to stdout as a signed IFMessage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TransactionRecord {
    pub method: String,
    pub request_uri: String,
    pub status: u16,
    pub reason: String,
    pub call_id: String,
    pub cseq: String,
    pub from: String,
    pub to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hazard: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer: Option<SdpSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<SdpSummary>,
    pub source: Peer,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Peer>,
    /// Which policy gate refused the request, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    /// Time from the request to its final response.
    pub duration_ms: Millis,
}

#[derive(Debug)]
pub enum Output {
    Transmit {
        to: Peer,
        bytes: Vec<u8>,
    },
    Event(Box<TransactionRecord>),
    /// A packet that could not be used, and why (for the log).
    Dropped {
        from: Peer,
        reason: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct ServerKey {
    branch: String,
    sent_by: String,
    method: String,
}

struct ServerTxn {
    request: SipMessage,
    source: Peer,
    started: Millis,
    last_response: Option<Vec<u8>>,
    final_status: Option<u16>,
    /// Branch of the forwarded request's client transaction.
    client: Option<String>,
    /// Timer G (retransmit non-2xx final over UDP until ACK) and the time to forget the txn.
    retransmit: Option<(Millis, Millis)>,
    expires: Option<Millis>,
    record: TransactionRecord,
}

struct ClientTxn {
    server: ServerKey,
    request: SipMessage,
    bytes: Vec<u8>,
    to: Peer,
    invite: bool,
    provisional: bool,
    final_status: Option<u16>,
    retransmit: Option<(Millis, Millis)>,
    /// Timer B/F before a final response; afterwards, when to forget the transaction.
    deadline: Millis,
    ack: Option<Vec<u8>>,
}

/// A transaction timer; the heap may hold stale ones, which find nothing due and do nothing.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum TimerRef {
    Server(ServerKey),
    Client(String),
}

struct Binding {
    contact: String,
    expires: Millis,
}

pub struct Proxy {
    config: Config,
    servers: HashMap<ServerKey, ServerTxn>,
    clients: HashMap<String, ClientTxn>,
    bindings: HashMap<String, Vec<Binding>>,
    /// Every transaction's next due time, so timers cost O(log n), not a scan per packet.
    timers: BinaryHeap<Reverse<(Millis, TimerRef)>>,
    /// X-IF-Signatures accepted within the replay window, until when to remember them.
    seen_signatures: HashMap<String, Millis>,
    out: VecDeque<Output>,
    counter: u64,
    /// False once the event stream was lost: new requests are refused, in-flight ones finish.
    admitting: bool,
}

fn sent_by(via: &message::Via) -> String {
    format!("{}:{}", via.host.to_ascii_lowercase(), via.port.unwrap_or(5060))
}

fn resolve(host: &str) -> Option<IpAddr> {
    if host.eq_ignore_ascii_case("localhost") {
        return Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    host.parse().ok()
}

/// The peer a URI designates (transport parameter, port default 5060).
fn peer_of(uri: &str) -> Option<Peer> {
    let u = Uri::parse(uri)?;
    let ip = resolve(u.host)?;
    let transport = if u
        .params
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transport") && v.is_some_and(|v| v.eq_ignore_ascii_case("tcp")))
    {
        Transport::Tcp
    } else {
        Transport::Udp
    };
    Some(Peer { transport, addr: SocketAddr::new(ip, u.port.unwrap_or(5060)) })
}

fn uri_in(value: &str) -> &str {
    match (value.find('<'), value.find('>')) {
        (Some(a), Some(b)) if a < b => &value[a + 1..b],
        _ => value.split(';').next().unwrap_or(value),
    }
}

impl Proxy {
    pub fn new(config: Config) -> Self {
        Proxy {
            config,
            servers: HashMap::new(),
            clients: HashMap::new(),
            bindings: HashMap::new(),
            timers: BinaryHeap::new(),
            seen_signatures: HashMap::new(),
            out: VecDeque::new(),
            counter: 0,
            admitting: true,
        }
    }

    pub fn poll_output(&mut self) -> Option<Output> {
        self.out.pop_front()
    }

    /// The earliest time `handle_timeout` may have work to do.
    pub fn poll_timeout(&self) -> Option<Millis> {
        self.timers.peek().map(|Reverse((at, _))| *at)
    }

    fn rearm_server(&mut self, key: &ServerKey) {
        if let Some(t) = self.servers.get(key) {
            for at in [t.retransmit.map(|r| r.0), t.expires].into_iter().flatten() {
                self.timers.push(Reverse((at, TimerRef::Server(key.clone()))));
            }
        }
    }

    fn rearm_client(&mut self, branch: &str) {
        if let Some(c) = self.clients.get(branch) {
            for at in [c.retransmit.map(|r| r.0), Some(c.deadline)].into_iter().flatten() {
                self.timers.push(Reverse((at, TimerRef::Client(branch.to_owned()))));
            }
        }
    }

    /// Refuses new requests from now on (503, no event: there is no record to write it to);
    /// transactions already under way run to their end.
    pub fn stop_admitting(&mut self) {
        self.admitting = false;
    }

    pub fn admitting(&self) -> bool {
        self.admitting
    }

    /// Transactions still waiting for a final response, on either side.
    pub fn in_flight(&self) -> usize {
        self.servers.values().filter(|t| t.final_status.is_none()).count()
            + self.clients.values().filter(|c| c.final_status.is_none()).count()
    }

    /// Number of live transactions, for tests and metrics.
    pub fn transactions(&self) -> (usize, usize) {
        (self.servers.len(), self.clients.len())
    }

    fn is_us(&self, uri: &str) -> bool {
        let Some(u) = Uri::parse(uri) else { return false };
        let port = u.port.unwrap_or(5060);
        port == self.config.local.port()
            && resolve(u.host).is_some_and(|ip| {
                ip == self.config.local.ip() || (ip.is_loopback() && self.config.local.ip().is_loopback())
            })
    }

    fn send(&mut self, to: Peer, msg: &SipMessage) -> Vec<u8> {
        let bytes = msg.to_bytes();
        self.out.push_back(Output::Transmit { to, bytes: bytes.clone() });
        bytes
    }

    fn new_branch(&mut self, seed: &str) -> String {
        self.counter += 1;
        let h = Sha256::digest(format!("{seed}|{}|{}", self.counter, self.config.local).as_bytes());
        format!("{MAGIC}{}", &hex::encode(h)[..20])
    }

    /// A response to `req`, with a To tag on all but 100 and our Server header.
    fn response(&self, req: &SipMessage, code: u16, reason: &str) -> SipMessage {
        let mut resp = req.reply(code, reason);
        if code > 100 {
            if let Some(to) = resp.headers.iter_mut().find(|h| h.name == "To") {
                if message::tag(&to.value).is_none() {
                    let t = Sha256::digest(format!("{}{}", req.call_id().unwrap_or(""), self.config.local).as_bytes());
                    to.value.push_str(&format!(";tag={}", &hex::encode(t)[..10]));
                }
            }
        }
        resp.headers.push(message::Header {
            name: "Server".into(),
            value: concat!("ifconnect-if-sip/", env!("CARGO_PKG_VERSION")).into(),
        });
        resp
    }

    pub fn handle_packet(&mut self, now: Millis, from: Peer, bytes: &[u8]) {
        let msg = match message::parse(bytes) {
            Ok(m) => m,
            Err(e) => {
                self.out.push_back(Output::Dropped { from, reason: e.to_string() });
                return;
            }
        };
        if msg.is_request() {
            self.handle_request(now, from, msg);
        } else {
            self.handle_response(now, from, msg);
        }
    }

    fn record_for(&self, req: &SipMessage, from: Peer) -> TransactionRecord {
        let h = |n: &str| req.header(n).unwrap_or("").to_owned();
        TransactionRecord {
            method: req.method().unwrap_or("").into(),
            request_uri: req.uri().unwrap_or("").into(),
            status: 0,
            reason: String::new(),
            call_id: h("Call-ID"),
            cseq: h("CSeq"),
            from: h("From"),
            to: h("To"),
            trace_id: req.header("X-IF-Trace-ID").map(str::to_owned),
            hazard: req.header("X-IF-Hazard").map(str::to_owned),
            signed_by: None,
            offer: summarise_sdp(&req.body),
            answer: None,
            source: from,
            target: None,
            refused: None,
            duration_ms: 0,
        }
    }

    fn handle_request(&mut self, now: Millis, from: Peer, mut req: SipMessage) {
        let Some(via) = req.top_via() else {
            self.out.push_back(Output::Dropped { from, reason: "request without a valid Via".into() });
            return;
        };
        let (Some(_), Some(_)) = (req.call_id(), req.cseq()) else {
            let r = self.response(&req, 400, "Missing Call-ID or CSeq");
            self.send(from, &r);
            return;
        };
        let method = req.method().unwrap_or("").to_owned();
        let branch = via.branch().unwrap_or("").to_owned();
        let key_method = if method == "ACK" { "INVITE".to_owned() } else { method.clone() };
        let key = ServerKey { branch: branch.clone(), sent_by: sent_by(&via), method: key_method };
        // RFC 3581 / §18.2.1: note where the request really came from.
        if via.host.parse::<IpAddr>().ok() != Some(from.addr.ip()) || via.param("rport").is_some() {
            self.stamp_received(&mut req, from);
        }

        if let Some(txn) = self.servers.get_mut(&key) {
            if method == "ACK" {
                // ACK for our non-2xx final: the transaction is confirmed (Timer I).
                txn.retransmit = None;
                txn.expires = Some(now + if from.transport == Transport::Udp { T4 } else { 0 });
                self.rearm_server(&key);
            } else if let Some(last) = txn.last_response.clone() {
                // A retransmitted request: answer again with the last response.
                self.out.push_back(Output::Transmit { to: txn.source, bytes: last });
            }
            return;
        }
        if method == "ACK" {
            // ACK for a 2xx is end-to-end: route it like any in-dialog request, statelessly.
            if let Ok((peer, _)) = self.route(now, &mut req) {
                self.forward_stateless(now, peer, req);
            }
            return;
        }
        if method == "CANCEL" {
            self.handle_cancel(now, from, key, req);
            return;
        }

        if !self.admitting {
            let refusal = self.response(&req, 503, "Service Unavailable (audit trail unavailable)");
            self.send(from, &refusal);
            return;
        }
        let mut record = self.record_for(&req, from);
        let mut txn = ServerTxn {
            request: req.clone(),
            source: from,
            started: now,
            last_response: None,
            final_status: None,
            client: None,
            retransmit: None,
            expires: None,
            record: record.clone(),
        };
        if method == "INVITE" {
            let trying = self.response(&req, 100, "Trying").to_bytes();
            self.out.push_back(Output::Transmit { to: from, bytes: trying.clone() });
            txn.last_response = Some(trying);
        }
        self.servers.insert(key.clone(), txn);

        let max_forwards = req.header("Max-Forwards").and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(70);
        if max_forwards == 0 {
            self.reply(now, &key, 483, "Too Many Hops", None);
            return;
        }
        if method == "REGISTER" && self.is_us(req.uri().unwrap_or("")) {
            self.register(now, &key, &req);
            return;
        }
        let hop = self.route(now, &mut req);
        let (peer, _) = match hop {
            Ok(h) => h,
            Err((code, reason)) => {
                self.reply(now, &key, code, reason, None);
                return;
            }
        };
        if method == "INVITE" {
            if let Some(refusal) = self.gate(now, &req, &mut record) {
                if let Some(t) = self.servers.get_mut(&key) {
                    t.record.signed_by = record.signed_by.clone();
                }
                self.reply(now, &key, 403, "Forbidden", Some(refusal));
                return;
            }
            if let Some(t) = self.servers.get_mut(&key) {
                t.record.signed_by = record.signed_by.clone();
            }
        }

        // Forward (§16.6): Max-Forwards, our Via, Record-Route for dialog-creating requests.
        req.set_header("Max-Forwards", (max_forwards - 1).to_string());
        let our_branch = self.new_branch(&format!("{branch}{}{}", req.call_id().unwrap_or(""), method));
        req.push_front(
            "Via",
            format!("SIP/2.0/{} {};branch={our_branch};rport", peer.transport.via_name(), self.config.local),
        );
        if matches!(method.as_str(), "INVITE" | "SUBSCRIBE" | "REFER") {
            req.push_front("Record-Route", format!("<sip:{};lr>", self.config.local));
        }
        let bytes = self.send(peer, &req);
        let invite = method == "INVITE";
        let retransmit = (peer.transport == Transport::Udp).then_some((now + T1, T1));
        self.clients.insert(
            our_branch.clone(),
            ClientTxn {
                server: key.clone(),
                request: req,
                bytes,
                to: peer,
                invite,
                provisional: false,
                final_status: None,
                retransmit,
                deadline: now + TIMEOUT,
                ack: None,
            },
        );
        self.rearm_client(&our_branch);
        if let Some(t) = self.servers.get_mut(&key) {
            t.client = Some(our_branch);
            t.record.target = Some(peer);
        }
    }

    fn stamp_received(&self, req: &mut SipMessage, from: Peer) {
        let Some(i) = req.headers.iter().position(|h| h.name == "Via") else { return };
        let values: Vec<String> = message::split_values(&req.headers[i].value).into_iter().map(str::to_owned).collect();
        let Some(first) = values.first() else { return };
        let mut parts: Vec<String> = first
            .split(';')
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.starts_with("received=") && !p.starts_with("rport"))
            .collect();
        parts.push(format!("received={}", from.addr.ip()));
        if first.split(';').any(|p| p.trim() == "rport" || p.trim().starts_with("rport=")) {
            parts.push(format!("rport={}", from.addr.port()));
        }
        let mut all = vec![parts.join(";")];
        all.extend(values.into_iter().skip(1));
        req.headers[i].value = all.join(", ");
    }

    /// §16.4 and §16.5: pops our own Route, then picks the next hop: the next Route; for a
    /// Request-URI of ours, the registered contact; for a new request, `--route` when given;
    /// otherwise (in-dialog requests to a remote target) the Request-URI.
    fn route(&mut self, now: Millis, req: &mut SipMessage) -> Result<(Peer, String), (u16, &'static str)> {
        if let Some(top) = req.header_values("Route").first().map(|v| uri_in(v).to_owned()) {
            if self.is_us(&top) {
                req.remove_first_value("Route");
            }
        }
        if let Some(next) = req.header_values("Route").first().map(|v| uri_in(v).to_owned()) {
            return peer_of(&next).map(|p| (p, next)).ok_or((502, "Bad Gateway (next hop is not an IP address)"));
        }
        let uri = req.uri().unwrap_or("").to_owned();
        let ours = self.is_us(&uri);
        if ours {
            let user = Uri::parse(&uri).and_then(|u| u.user).unwrap_or("").to_owned();
            if let Some(b) = self.bindings.get(&user).and_then(|bs| bs.iter().find(|b| b.expires > now)) {
                let contact = b.contact.clone();
                if let StartLine::Request { uri, .. } = &mut req.start {
                    *uri = contact.clone();
                }
                return peer_of(&contact)
                    .map(|p| (p, contact))
                    .ok_or((502, "Bad Gateway (contact is not an IP address)"));
            }
        }
        let in_dialog = req.header("To").and_then(message::tag).is_some();
        if ours || !in_dialog {
            if let Some(r) = self.config.route.clone() {
                return peer_of(&r).map(|p| (p, r)).ok_or((502, "Bad Gateway (route is not an IP address)"));
            }
        }
        if ours {
            return Err((404, "Not Found"));
        }
        peer_of(&uri).map(|p| (p, uri)).ok_or((502, "Bad Gateway (Request-URI host is not an IP address)"))
    }

    /// IF.guard: an INVITE to a registered expert must pass every gate.
    fn gate(&mut self, now: Millis, req: &SipMessage, record: &mut TransactionRecord) -> Option<String> {
        let policy = self.config.policy.as_ref()?;
        let expert = policy.expert_at(req.uri().unwrap_or(""))?;
        let wall = now as i64 + self.config.wall_clock_offset_ms;
        let window = policy.gates.max_clock_skew_s * 1000;
        let mut signer = xif::verify(req, &policy.trust, wall, window as i64);
        // A valid signature seen before in another transaction is a replay (retransmissions
        // never get here: their transaction absorbs them).
        if signer.is_ok() {
            let sig = req.header("X-IF-Signature").unwrap_or("").to_owned();
            self.seen_signatures.retain(|_, until| *until > now);
            if self.seen_signatures.insert(sig, now + 2 * window + 1).is_some() {
                signer = Err("X-IF-Signature already used by another request (replayed)".into());
            }
        }
        let policy = self.config.policy.as_ref()?;
        if let Ok(agent) = &signer {
            record.signed_by = Some(agent.clone());
        }
        let hazard = req.header("X-IF-Hazard").map(HazardHeader::parse);
        let mut texts: Vec<(String, &str)> = Vec::new();
        for h in &req.headers {
            // Routing headers must carry addresses; everything else a human may read is checked.
            if !matches!(
                h.name.as_str(),
                "Via"
                    | "Route"
                    | "Record-Route"
                    | "Contact"
                    | "From"
                    | "To"
                    | "Call-ID"
                    | "CSeq"
                    | "Max-Forwards"
                    | "Content-Length"
                    | "Content-Type"
                    | "X-IF-Signature"
            ) {
                texts.push((format!("{} header", h.name), &h.value));
            }
        }
        let body = std::str::from_utf8(&req.body).unwrap_or("");
        if summarise_sdp(&req.body).is_some() {
            // In SDP only the free-text lines can carry personal data (RFC 8866 §5.4-5.6).
            for line in body.lines().filter(|l| ["s=", "i=", "u=", "e=", "p="].iter().any(|p| l.starts_with(p))) {
                texts.push(("SDP".into(), line));
            }
        } else if !body.is_empty() {
            texts.push(("body".into(), body));
        }
        let gate_req = GateRequest {
            signer: signer.as_deref().map_err(Clone::clone),
            hazard: match hazard {
                Some(Ok(h)) => Some(h.kind),
                _ => None,
            },
            texts,
        };
        policy.admit(expert, &gate_req).err().map(|r| r.to_string())
    }

    fn register(&mut self, now: Millis, key: &ServerKey, req: &SipMessage) {
        let Some(aor_user) = req.header("To").and_then(Uri::parse).and_then(|u| u.user.map(str::to_owned)) else {
            self.reply(now, key, 400, "Bad To", None);
            return;
        };
        let default_expires =
            req.header("Expires").and_then(|e| e.trim().parse::<u64>().ok()).unwrap_or(3600).min(3600);
        let contacts = req.header_values("Contact");
        let bindings = self.bindings.entry(aor_user.clone()).or_default();
        bindings.retain(|b| b.expires > now);
        if contacts.first() == Some(&"*") {
            bindings.clear();
        } else {
            for c in contacts {
                let uri = uri_in(c).to_owned();
                let expires = c
                    .split(';')
                    .find_map(|p| p.trim().strip_prefix("expires=").and_then(|v| v.parse::<u64>().ok()))
                    .unwrap_or(default_expires)
                    .min(3600);
                bindings.retain(|b| b.contact != uri);
                if expires > 0 {
                    bindings.push(Binding { contact: uri, expires: now + expires * 1000 });
                }
            }
        }
        let listed: Vec<String> =
            bindings.iter().map(|b| format!("<{}>;expires={}", b.contact, (b.expires - now) / 1000)).collect();
        let mut ok = self.response(req, 200, "OK");
        if !listed.is_empty() {
            ok.headers.push(message::Header { name: "Contact".into(), value: listed.join(", ") });
        }
        self.finish(now, key, ok, None);
    }

    /// Sends a locally generated final response through the server transaction.
    fn reply(&mut self, now: Millis, key: &ServerKey, code: u16, reason: &str, refused: Option<String>) {
        let Some(txn) = self.servers.get(key) else { return };
        let mut resp = self.response(&txn.request, code, reason);
        if let Some(why) = &refused {
            let text = why.replace('"', "'");
            resp.headers.push(message::Header {
                name: "Warning".into(),
                value: format!("399 {} \"{text}\"", self.config.local),
            });
            resp.headers
                .push(message::Header { name: "Reason".into(), value: format!("SIP;cause={code};text=\"{text}\"") });
        }
        self.finish(now, key, resp, refused);
    }

    /// Sends a final response upstream, emits the transaction's record, and arms its timers.
    fn finish(&mut self, now: Millis, key: &ServerKey, resp: SipMessage, refused: Option<String>) {
        let code = resp.status().unwrap_or(500);
        let Some(txn) = self.servers.get_mut(key) else { return };
        if txn.final_status.is_some() {
            return;
        }
        let bytes = resp.to_bytes();
        self.out.push_back(Output::Transmit { to: txn.source, bytes: bytes.clone() });
        txn.last_response = Some(bytes);
        txn.final_status = Some(code);
        let udp = txn.source.transport == Transport::Udp;
        let invite = key.method == "INVITE";
        txn.retransmit = (invite && code >= 300 && udp).then_some((now + T1, T1));
        txn.expires = Some(now + if udp || invite { TIMEOUT } else { 0 });
        if let StartLine::Response { reason, .. } = &resp.start {
            txn.record.reason = reason.clone();
        }
        txn.record.status = code;
        txn.record.refused = refused;
        txn.record.answer = summarise_sdp(&resp.body);
        txn.record.duration_ms = now - txn.started;
        self.out.push_back(Output::Event(Box::new(txn.record.clone())));
        self.rearm_server(key);
    }

    fn handle_cancel(&mut self, now: Millis, from: Peer, key: ServerKey, req: SipMessage) {
        let invite_key = ServerKey { method: "INVITE".into(), ..key.clone() };
        let (code, reason) =
            if self.servers.contains_key(&invite_key) { (200, "OK") } else { (481, "Call/Transaction Does Not Exist") };
        let ok = self.response(&req, code, reason);
        self.send(from, &ok);
        // CANCEL is its own (hop-by-hop) transaction: it gets its own event.
        let mut record = self.record_for(&req, from);
        (record.status, record.reason) = (code, reason.into());
        self.out.push_back(Output::Event(Box::new(record)));
        let Some(inv) = self.servers.get(&invite_key) else { return };
        if inv.final_status.is_some() {
            return;
        }
        let Some(client) =
            inv.client.clone().and_then(|b| self.clients.get(&b).map(|c| (b, c.to, c.request.clone(), c.provisional)))
        else {
            self.reply(now, &invite_key, 487, "Request Terminated", None);
            return;
        };
        let (branch, to, forwarded, _) = client;
        let cancel = forwarded.hop_by_hop("CANCEL", forwarded.header("To").unwrap_or(""));
        let cancel_branch = format!("{branch}-cancel");
        let bytes = self.send(to, &cancel);
        let retransmit = (to.transport == Transport::Udp).then_some((now + T1, T1));
        self.clients.insert(
            cancel_branch,
            ClientTxn {
                server: ServerKey { method: "CANCEL-OUT".into(), ..key },
                request: cancel,
                bytes,
                to,
                invite: false,
                provisional: false,
                final_status: None,
                retransmit,
                deadline: now + TIMEOUT,
                ack: None,
            },
        );
    }

    fn forward_stateless(&mut self, _now: Millis, peer: Peer, mut req: SipMessage) {
        let seed = format!("{}{}", req.call_id().unwrap_or(""), req.cseq().map(|c| c.0).unwrap_or(0));
        let branch = self.new_branch(&seed);
        req.push_front("Via", format!("SIP/2.0/{} {};branch={branch}", peer.transport.via_name(), self.config.local));
        if let Some(mf) = req.header("Max-Forwards").and_then(|v| v.trim().parse::<u32>().ok()) {
            req.set_header("Max-Forwards", mf.saturating_sub(1).to_string());
        }
        self.send(peer, &req);
    }

    fn handle_response(&mut self, now: Millis, from: Peer, mut resp: SipMessage) {
        let Some(branch) = resp.top_via().and_then(|v| v.branch().map(str::to_owned)) else {
            self.out.push_back(Output::Dropped { from, reason: "response without a Via branch".into() });
            return;
        };
        let code = resp.status().unwrap_or(0);
        let is_cancel = resp.cseq().is_some_and(|(_, m)| m == "CANCEL");
        let client_key = if is_cancel { format!("{branch}-cancel") } else { branch.clone() };
        let Some(client) = self.clients.get_mut(&client_key) else {
            // No transaction (e.g. a retransmitted 2xx): forward statelessly if the Via is ours.
            if branch.starts_with(MAGIC)
                && resp
                    .top_via()
                    .is_some_and(|v| sent_by(&v) == format!("{}:{}", self.config.local.ip(), self.config.local.port()))
            {
                resp.remove_first_value("Via");
                if let Some(peer) = resp.top_via().and_then(|v| via_peer(&v, from.transport)) {
                    self.send(peer, &resp);
                }
            } else {
                self.out.push_back(Output::Dropped { from, reason: format!("response {code} matches no transaction") });
            }
            return;
        };
        if is_cancel {
            client.final_status = Some(code);
            client.retransmit = None;
            client.deadline = now;
            self.rearm_client(&client_key);
            return;
        }
        if code < 200 {
            client.provisional = true;
            if client.invite {
                client.retransmit = None;
            } else if let Some((_, _)) = client.retransmit {
                client.retransmit = Some((now + T2, T2));
            }
        } else if client.final_status.is_some() {
            // A retransmitted final: re-ACK non-2xx, pass 2xx on.
            if client.invite && code >= 300 {
                if let Some(ack) = client.ack.clone() {
                    let to = client.to;
                    self.out.push_back(Output::Transmit { to, bytes: ack });
                }
                return;
            }
        } else {
            client.final_status = Some(code);
            client.retransmit = None;
            client.deadline = now + if client.to.transport == Transport::Udp { TIMEOUT } else { 0 };
            if client.invite && code >= 300 {
                let ack = ack_for(&client.request, &resp);
                let bytes = ack.to_bytes();
                client.ack = Some(bytes.clone());
                self.out.push_back(Output::Transmit { to: client.to, bytes });
            }
        }
        let server_key = client.server.clone();
        self.rearm_client(&client_key);
        if code == 100 {
            return;
        }
        resp.remove_first_value("Via");
        if code < 200 {
            let Some(txn) = self.servers.get_mut(&server_key) else { return };
            let bytes = resp.to_bytes();
            txn.last_response = Some(bytes.clone());
            let to = txn.source;
            self.out.push_back(Output::Transmit { to, bytes });
        } else if self.servers.get(&server_key).is_some_and(|t| t.final_status.is_some()) {
            // 2xx retransmissions (and late 2xx after another final) go upstream as they are.
            if code < 300 {
                let to = self.servers[&server_key].source;
                self.send(to, &resp);
            }
        } else {
            self.finish(now, &server_key, resp, None);
        }
    }

    pub fn handle_timeout(&mut self, now: Millis) {
        while let Some(Reverse((at, _))) = self.timers.peek() {
            if *at > now {
                break;
            }
            let Some(Reverse((_, timer))) = self.timers.pop() else { break };
            match timer {
                TimerRef::Client(branch) => self.client_due(now, &branch),
                TimerRef::Server(key) => self.server_due(now, &key),
            }
        }
    }

    /// Client transactions: retransmit (Timers A/E), time out (B/F) with a 408 upstream, forget.
    fn client_due(&mut self, now: Millis, branch: &str) {
        let Some(c) = self.clients.get_mut(branch) else { return };
        if now >= c.deadline {
            let (timed_out, server) = (c.final_status.is_none(), c.server.clone());
            self.clients.remove(branch);
            if timed_out && server.method != "CANCEL-OUT" {
                self.reply(now, &server, 408, "Request Timeout", None);
            }
            return;
        }
        if let Some((at, interval)) = c.retransmit {
            if now >= at {
                self.out.push_back(Output::Transmit { to: c.to, bytes: c.bytes.clone() });
                let next = if c.invite { interval * 2 } else { (interval * 2).min(T2) };
                c.retransmit = Some((now + next, next));
                let due = now + next;
                self.timers.push(Reverse((due, TimerRef::Client(branch.to_owned()))));
            }
        }
    }

    /// Server transactions: Timer G retransmits non-2xx finals until ACK; forget when done.
    fn server_due(&mut self, now: Millis, key: &ServerKey) {
        let Some(s) = self.servers.get_mut(key) else { return };
        if s.expires.is_some_and(|e| now >= e) {
            self.servers.remove(key);
            return;
        }
        if let (Some((at, interval)), Some(last)) = (s.retransmit, &s.last_response) {
            if now >= at {
                self.out.push_back(Output::Transmit { to: s.source, bytes: last.clone() });
                let next = (interval * 2).min(T2);
                s.retransmit = Some((now + next, next));
                self.timers.push(Reverse((now + next, TimerRef::Server(key.clone()))));
            }
        }
    }
}

/// The peer to send a response to, from a Via (received/rport first).
fn via_peer(via: &message::Via, transport: Transport) -> Option<Peer> {
    let host = via.param("received").flatten().unwrap_or(via.host);
    let port = via.param("rport").flatten().and_then(|p| p.parse().ok()).or(via.port).unwrap_or(5060);
    let ip = resolve(host)?;
    let transport = if via.transport.eq_ignore_ascii_case("TCP") { Transport::Tcp } else { transport };
    Some(Peer { transport, addr: SocketAddr::new(ip, port) })
}

/// §17.1.1.3: the ACK a client transaction sends for a non-2xx final response.
fn ack_for(invite: &SipMessage, resp: &SipMessage) -> SipMessage {
    invite.hop_by_hop("ACK", resp.header("To").unwrap_or(""))
}

/// Parses `host:port` for `--listen`.
pub fn parse_listen(s: &str) -> Option<SocketAddr> {
    if let Ok(a) = s.parse() {
        return Some(a);
    }
    let (host, port) = split_host_port(s)?;
    Some(SocketAddr::new(resolve(host)?, port.unwrap_or(5060)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const UAC: &str = "127.0.0.1:5080";
    const UAS: &str = "127.0.0.1:5070";

    fn peer(a: &str) -> Peer {
        Peer { transport: Transport::Udp, addr: a.parse().unwrap() }
    }

    fn proxy() -> Proxy {
        Proxy::new(Config {
            local: "127.0.0.1:5060".parse().unwrap(),
            route: Some(format!("sip:{UAS}")),
            policy: None,
            wall_clock_offset_ms: 0,
        })
    }

    fn invite(branch: &str) -> Vec<u8> {
        format!(
            "INVITE sip:svc@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP {UAC};branch={branch}\r\nMax-Forwards: 70\r\n\
             From: <sip:a@127.0.0.1>;tag=a1\r\nTo: <sip:svc@127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContact: <sip:a@{UAC}>\r\nContent-Length: 0\r\n\r\n"
        )
        .into_bytes()
    }

    /// Drains outputs into (destination, parsed message) and events.
    fn drain(p: &mut Proxy) -> (Vec<(SocketAddr, SipMessage)>, Vec<TransactionRecord>) {
        let (mut sent, mut events) = (Vec::new(), Vec::new());
        while let Some(o) = p.poll_output() {
            match o {
                Output::Transmit { to, bytes } => sent.push((to.addr, message::parse(&bytes).unwrap())),
                Output::Event(e) => events.push(*e),
                Output::Dropped { reason, .. } => panic!("dropped: {reason}"),
            }
        }
        (sent, events)
    }

    fn respond(to: &SipMessage, code: u16, reason: &str) -> Vec<u8> {
        let mut r = to.reply(code, reason);
        if code > 100 {
            r.headers.iter_mut().filter(|h| h.name == "To").for_each(|h| h.value.push_str(";tag=b1"));
        }
        r.to_bytes()
    }

    #[test]
    fn unanswered_invite_is_retransmitted_then_408() {
        let mut p = proxy();
        p.handle_packet(0, peer(UAC), &invite("z9hG4bKu1"));
        let (sent, _) = drain(&mut p);
        assert_eq!(sent.len(), 2, "100 Trying upstream, INVITE downstream");
        assert_eq!(sent[0].1.status(), Some(100));
        assert_eq!(sent[1].0, UAS.parse().unwrap());
        assert_eq!(sent[1].1.header("Max-Forwards"), Some("69"));
        assert!(sent[1].1.header("Record-Route").unwrap().contains(";lr"));
        // A retransmitted INVITE is absorbed: the 100 again, nothing downstream.
        p.handle_packet(100, peer(UAC), &invite("z9hG4bKu1"));
        let (sent, _) = drain(&mut p);
        assert_eq!((sent.len(), sent[0].1.status()), (1, Some(100)));
        // Timer A: 500, 1000, 2000, ... until Timer B at 32 s.
        let mut retransmits = vec![];
        let mut now = 0;
        while let Some(t) = p.poll_timeout() {
            if t > 40_000 {
                break;
            }
            now = t;
            p.handle_timeout(now);
            let (sent, events) = drain(&mut p);
            retransmits.extend(
                sent.iter().filter(|(to, m)| *to == UAS.parse().unwrap() && m.method() == Some("INVITE")).map(|_| now),
            );
            if let Some(e) = events.first() {
                assert_eq!((e.method.as_str(), e.status), ("INVITE", 408));
                assert!(sent.iter().any(|(to, m)| *to == UAC.parse().unwrap() && m.status() == Some(408)));
                break;
            }
        }
        assert_eq!(retransmits, vec![500, 1500, 3500, 7500, 15500, 31500]);
        assert_eq!(now, 32_000);
    }

    #[test]
    fn cancel_reaches_the_callee_and_487_comes_back() {
        let mut p = proxy();
        p.handle_packet(0, peer(UAC), &invite("z9hG4bKc1"));
        let (sent, _) = drain(&mut p);
        let forwarded = sent[1].1.clone();
        p.handle_packet(10, peer(UAS), &respond(&forwarded, 180, "Ringing"));
        let (sent, _) = drain(&mut p);
        assert_eq!(sent[0].1.status(), Some(180));
        assert_eq!(sent[0].1.header_values("Via").len(), 1, "our Via is removed going upstream");
        let cancel = String::from_utf8(invite("z9hG4bKc1"))
            .unwrap()
            .replacen("INVITE sip", "CANCEL sip", 1)
            .replace("1 INVITE", "1 CANCEL");
        p.handle_packet(20, peer(UAC), cancel.as_bytes());
        let (sent, _) = drain(&mut p);
        assert_eq!(sent[0].1.status(), Some(200), "CANCEL answered hop by hop");
        let down = &sent[1].1;
        assert_eq!((sent[1].0, down.method()), (UAS.parse().unwrap(), Some("CANCEL")));
        assert_eq!(
            down.top_via().unwrap().branch(),
            forwarded.top_via().unwrap().branch(),
            "same branch as the INVITE"
        );
        p.handle_packet(30, peer(UAS), &respond(down, 200, "OK"));
        p.handle_packet(31, peer(UAS), &respond(&forwarded, 487, "Request Terminated"));
        let (sent, events) = drain(&mut p);
        let ack = sent
            .iter()
            .find(|(to, m)| *to == UAS.parse().unwrap() && m.method() == Some("ACK"))
            .expect("ACK for the 487");
        assert_eq!(ack.1.top_via().unwrap().branch(), forwarded.top_via().unwrap().branch());
        assert!(sent.iter().any(|(to, m)| *to == UAC.parse().unwrap() && m.status() == Some(487)));
        assert_eq!(events[0].status, 487);
    }

    #[test]
    fn registrar_binds_and_routes() {
        let mut p = Proxy::new(Config {
            local: "127.0.0.1:5060".parse().unwrap(),
            route: None,
            policy: None,
            wall_clock_offset_ms: 0,
        });
        let reg = format!(
            "REGISTER sip:127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP {UAS};branch=z9hG4bKr1\r\nFrom: <sip:bob@127.0.0.1>;tag=r\r\n\
             To: <sip:bob@127.0.0.1>\r\nCall-ID: r1\r\nCSeq: 1 REGISTER\r\nContact: <sip:bob@{UAS}>;expires=60\r\nContent-Length: 0\r\n\r\n"
        );
        p.handle_packet(0, peer(UAS), reg.as_bytes());
        let (sent, events) = drain(&mut p);
        assert_eq!(sent[0].1.status(), Some(200));
        assert_eq!(sent[0].1.header("Contact"), Some(format!("<sip:bob@{UAS}>;expires=60").as_str()));
        assert_eq!(events[0].method, "REGISTER");
        let call =
            String::from_utf8(invite("z9hG4bKr2")).unwrap().replace("sip:svc@127.0.0.1:5060", "sip:bob@127.0.0.1:5060");
        p.handle_packet(1_000, peer(UAC), call.as_bytes());
        let (sent, _) = drain(&mut p);
        assert_eq!((sent[1].0, sent[1].1.uri()), (UAS.parse().unwrap(), Some(format!("sip:bob@{UAS}").as_str())));
        // After expiry the binding is gone.
        let late =
            String::from_utf8(invite("z9hG4bKr3")).unwrap().replace("sip:svc@127.0.0.1:5060", "sip:bob@127.0.0.1:5060");
        p.handle_packet(61_000, peer(UAC), late.as_bytes());
        let (sent, _) = drain(&mut p);
        assert_eq!(sent.last().unwrap().1.status(), Some(404), "an expired binding routes nowhere");
        p.handle_packet(
            61_001,
            peer(UAS),
            reg.replace("expires=60", "expires=0").replace("z9hG4bKr1", "z9hG4bKr4").as_bytes(),
        );
        let (sent, _) = drain(&mut p);
        assert_eq!(sent[0].1.header("Contact"), None, "unregistered");
    }
}
