//! The stateful proxy (RFC 3261 §16): what to do with each request and response, on top of the
//! transaction layer (`sip::transaction`), the registrar, routing and the IF.guard [`gate`](super::gate). A pure state machine in the style of quinn-proto: no sockets, no clock.
//!
//! Run loop (the driver's contract): feed every packet to [`Proxy::handle_packet`] and every
//! expired deadline to [`Proxy::handle_timeout`], both with the current time; after each call
//! drain [`Proxy::poll_output`] until `None`, then sleep until [`Proxy::poll_timeout`] or the
//! next packet. Time is [`Millis`] on a monotonic clock.
//!
//! Forking (§16.7): a request to an address-of-record with several bindings goes to every
//! contact at once, one client transaction per branch ([`Branch`]); the first 2xx wins and the
//! other branches are cancelled, or the best final response goes up once every branch ended.
//! The transaction's record is written when every branch has ended.
//!
//! Next hops named by a domain are resolved by RFC 3263 (`crate::dns`, its queries among the
//! outputs): the request waits, parked, until its names resolve, and each branch fails over to
//! the next destination of its name when it times out unanswered, answers 503, or cannot be
//! reached (§4.3).
//!
//! Out of scope for now (see docs/if-sip.md): 3xx recursion, TLS.

use super::digest::{Auth, Failure, Verdict};
use super::gate::{expert_at, Guard};
use super::message::{self, SipMessage, StartLine};
use super::registrar::Registrar;
use super::routing::{self, is_us, sent_by, via_peer, Locals, Target};
pub use super::routing::{parse_listen, parse_next_hop, parse_next_hop_or_name, Dest, Peer, Transport};
use super::sdp::{summarise_sdp, SdpSummary};
use super::timer::{T1, T2, T4, TIMER_C, TRANSACTION_TIMEOUT};
use super::transaction::{Branch, ClientDue, ClientKey, ClientKind, ServerKey, ServerTxn, TimerRef, Transactions};
use crate::dns::{self, Lookup, Resolver};
use crate::policy::Policy;
use crate::time::Millis;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::net::{IpAddr, SocketAddr};

/// Requests that create a dialog, and so get our Record-Route (§16.6 step 4).
fn records_route(method: &str) -> bool {
    matches!(method, "INVITE" | "SUBSCRIBE" | "REFER")
}

/// The branch prefix of RFC 3261 (§8.1.1.7): a branch with it is unique per transaction.
const MAGIC: &str = "z9hG4bK";

pub struct Config {
    /// The address the proxy listens on (UDP and TCP share it); used in Via and Record-Route.
    pub local: SocketAddr,
    /// The address it takes TLS connections on (`--tls-listen`), in Via and Record-Route
    /// towards TLS peers; without, TLS is still spoken to next hops, and names `local`.
    pub tls_local: Option<SocketAddr>,
    /// Where to send requests for which nothing else decides (`--route`).
    pub route: Option<String>,
    pub policy: Option<Policy>,
    /// The wall clock, for X-IF-Signature timestamps (Unix ms) relative to the monotonic `now`.
    pub wall_clock_offset_ms: i64,
    /// Bindings per address-of-record ([`registrar::MAX_CONTACTS`] by default).
    pub max_contacts: usize,
    /// Digest authentication (`--credentials`): REGISTERs to us, and new INVITEs without a
    /// trusted X-IF-Signature, are challenged.
    pub auth: Option<Auth>,
    /// With a DNS server (`--dns-server`): the seed of its resolver's query ids and SRV
    /// choices. Without, next hops named by a domain get 502.
    pub resolver_seed: Option<u64>,
}

/// Requests waiting for their next hops' names to resolve, at most; beyond, 503.
pub const MAX_PARKED: usize = 256;

/// A request whose targets wait for DNS, ready to forward (Max-Forwards, Record-Route done).
struct Parked {
    key: ServerKey,
    request: SipMessage,
    targets: Vec<Target>,
}

/// What digest authentication made of a request, for its event: never a password, an HA1, a
/// nonce-count or a response, only who and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuthRecord {
    /// `challenged` (401/407), `accepted`, `refused` (403), `bad-request` (400), or `signed` (an
    /// INVITE whose trusted X-IF-Signature stands in for a password).
    pub result: &'static str,
    /// The username the credentials named, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Why not accepted: `no-credentials`, `stale`, `replay`, `wrong-password`, `unknown-user`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
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
    /// Digest authentication's verdict, when it was asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthRecord>,
    /// Time from the request to its final response.
    pub duration_ms: Millis,
    /// The branch (our Via branch id) whose response went upstream as the final one; its
    /// target is `target`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// When the request was forked to several contacts (§16.7): every branch and how it ended.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<BranchRecord>,
}

/// How one branch of a forked request ended, in its transaction's record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BranchRecord {
    pub branch: String,
    /// The contact called on this branch (its Request-URI).
    pub contact: String,
    pub target: Peer,
    /// Its final status: the response's, or 408 (no answer) or 487 (cancelled and never
    /// answered) decided here; 0 when the transaction's record was written before it ended.
    pub status: u16,
    pub reason: String,
}

#[derive(Debug)]
pub enum Output {
    Transmit {
        to: Peer,
        bytes: Vec<u8>,
    },
    Event(Box<TransactionRecord>),
    /// A query for the DNS server (`--dns-server`); its answers go to [`Proxy::handle_dns`].
    DnsQuery {
        bytes: Vec<u8>,
    },
    /// A packet that could not be used, and why (for the log).
    Dropped {
        from: Peer,
        reason: String,
    },
}

pub struct Proxy {
    config: Config,
    txns: Transactions,
    registrar: Registrar,
    guard: Guard,
    auth: Option<Auth>,
    out: VecDeque<Output>,
    counter: u64,
    /// False once the event stream was lost: new requests are refused, in-flight ones finish.
    admitting: bool,
    awaiting_ack: AwaitingAck,
    resolver: Option<Resolver>,
    parked: Vec<Parked>,
    /// The domain each TLS next hop found by DNS was resolved from: its certificate must be for
    /// that name (RFC 5922 §4.1), not the SRV target's. At most [`MAX_TLS_NAMES`].
    tls_names: std::collections::HashMap<Peer, String>,
}

/// TLS next hops whose names are remembered; beyond, all are forgotten and learnt again from
/// the next lookups (a connection opened meanwhile checks its certificate for the IP address).
pub const MAX_TLS_NAMES: usize = 4096;

/// Calls answered 2xx whose end-to-end ACK has not passed yet (bounded by 64*T1): still in
/// flight, for a proxy draining before it stops. Keyed by Call-ID and CSeq number.
#[derive(Default)]
struct AwaitingAck {
    until: std::collections::HashMap<(String, u32), Millis>,
    /// The same entries in the order they expire (deadlines only grow), for pruning in O(1).
    order: VecDeque<(Millis, (String, u32))>,
}

impl AwaitingAck {
    fn insert(&mut self, now: Millis, call: (String, u32)) {
        self.prune(now);
        let until = now + TRANSACTION_TIMEOUT;
        self.until.insert(call.clone(), until);
        self.order.push_back((until, call));
    }

    fn acked(&mut self, call: &(String, u32)) {
        self.until.remove(call);
    }

    fn prune(&mut self, now: Millis) {
        while let Some((until, call)) = self.order.front() {
            if *until > now {
                break;
            }
            if self.until.get(call) == Some(until) {
                self.until.remove(call);
            }
            self.order.pop_front();
        }
    }

    fn count(&self, now: Millis) -> usize {
        self.until.values().filter(|u| **u > now).count()
    }
}

fn call_of(msg: &SipMessage) -> Option<(String, u32)> {
    Some((msg.call_id()?.to_owned(), msg.cseq()?.0))
}

impl Proxy {
    pub fn new(mut config: Config) -> Self {
        let registrar = Registrar::new(config.max_contacts);
        let auth = config.auth.take();
        let family = if config.local.is_ipv4() { dns::Family::V4 } else { dns::Family::V6 };
        let resolver = config.resolver_seed.map(|seed| Resolver::new(family, seed));
        Proxy {
            resolver,
            parked: Vec::new(),
            config,
            txns: Transactions::default(),
            registrar,
            guard: Guard::default(),
            auth,
            out: VecDeque::new(),
            counter: 0,
            admitting: true,
            awaiting_ack: AwaitingAck::default(),
            tls_names: std::collections::HashMap::new(),
        }
    }

    /// The name a TLS next hop's certificate must show, when it was found by DNS: the domain
    /// of the URI that led to it. `None`: its IP address (the URI named one).
    pub fn server_name(&self, peer: Peer) -> Option<&str> {
        self.tls_names.get(&peer).map(String::as_str)
    }

    /// Peers found for `host`, with the name of each TLS one remembered.
    fn found_peers(&mut self, host: &dns::SipHost, found: Vec<dns::Destination>) -> Vec<Peer> {
        let peers: Vec<Peer> = found.into_iter().map(Peer::from).collect();
        for p in peers.iter().filter(|p| p.transport == Transport::Tls) {
            if self.tls_names.len() >= MAX_TLS_NAMES && !self.tls_names.contains_key(p) {
                self.tls_names.clear();
            }
            self.tls_names.insert(*p, host.host.clone());
        }
        peers
    }

    pub fn poll_output(&mut self) -> Option<Output> {
        if let Some(bytes) = self.resolver.as_mut().and_then(Resolver::poll_transmit) {
            return Some(Output::DnsQuery { bytes });
        }
        self.out.pop_front()
    }

    /// The earliest time `handle_timeout` may have work to do.
    pub fn poll_timeout(&self) -> Option<Millis> {
        let dns = self.resolver.as_ref().and_then(Resolver::poll_timeout);
        [self.txns.next_due(), dns].into_iter().flatten().min()
    }

    /// A datagram from the DNS server: an answer that may let parked requests go on.
    pub fn handle_dns(&mut self, now: Millis, bytes: &[u8]) {
        let Some(resolver) = self.resolver.as_mut() else { return };
        if let Err(e) = resolver.handle_datagram(now, bytes) {
            tracing::debug!("DNS answer dropped: {e}");
        }
        self.unpark(now);
    }

    /// The transport could not reach `peer` (a TCP connection refused or timed out, a TLS
    /// handshake failed: `why` says which, for the event's reason): its open client
    /// transactions end as if it had answered 503 (§8.1.3.1), which fails them over to the next
    /// destination of their name where there is one.
    pub fn handle_unreachable(&mut self, now: Millis, peer: Peer, why: &str) {
        let reason = format!("Service Unavailable (unreachable: {why})");
        let lost: Vec<(ClientKey, ServerKey)> = self
            .txns
            .clients
            .iter()
            .filter(|(k, c)| c.to == peer && c.final_status.is_none() && k.kind != ClientKind::Cancel)
            .map(|(k, c)| (k.clone(), c.server.clone()))
            .collect();
        for (key, server) in lost {
            if let Some(c) = self.txns.clients.get_mut(&key) {
                c.final_status = Some(503);
                c.retransmit = None;
                c.deadline = now;
            }
            self.txns.rearm_client(&key);
            self.branch_failed(now, &server, &key.branch, 503, &reason, None, true);
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

    /// Work still in flight at `now`: transactions waiting for a final response, on either
    /// side, and calls answered 2xx whose ACK has not come through yet (for at most 64*T1).
    /// Dialogs themselves are not counted: a call may last for hours.
    pub fn in_flight(&self, now: Millis) -> usize {
        self.txns.servers.values().filter(|t| t.final_status.is_none()).count()
            + self.txns.clients.values().filter(|c| c.final_status.is_none()).count()
            + self.awaiting_ack.count(now)
    }

    /// Number of live (server, client) transactions, for tests and metrics.
    pub fn transactions(&self) -> (usize, usize) {
        self.txns.counts()
    }

    fn locals(&self) -> Locals {
        Locals { plain: self.config.local, tls: self.config.tls_local }
    }

    /// Our Record-Route for the side of a request on `transport`: a TLS side names the TLS
    /// address, as a `sips:` URI when the Request-URI is one (RFC 3261 §16.6 step 4), else with
    /// `transport=tls` (what Kamailio writes and expects back).
    fn record_route(&self, transport: Transport, request_uri: &str) -> String {
        let local = self.locals().of(transport);
        match transport {
            Transport::Tls if request_uri.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("sips:")) => {
                format!("<sips:{local};lr>")
            }
            Transport::Tls => format!("<sip:{local};transport=tls;lr>"),
            Transport::Udp | Transport::Tcp => format!("<sip:{local};lr>"),
        }
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
            trace_id: super::xif::trace_id_of(req),
            hazard: req.header("X-IF-Hazard").map(str::to_owned),
            signed_by: None,
            offer: summarise_sdp(&req.body),
            answer: None,
            source: from,
            target: None,
            refused: None,
            auth: None,
            duration_ms: 0,
            branch: None,
            branches: Vec::new(),
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
            stamp_received(&mut req, from);
        }

        if let Some(txn) = self.txns.servers.get_mut(&key) {
            if method == "ACK" {
                // ACK for our non-2xx final: the transaction is confirmed (Timer I).
                txn.retransmit = None;
                txn.expires = Some(now + if from.transport == Transport::Udp { T4 } else { 0 });
                self.txns.rearm_server(&key);
            } else if let Some(last) = txn.last_response.clone() {
                // A retransmitted request: answer again with the last response.
                self.out.push_back(Output::Transmit { to: txn.source, bytes: last });
            }
            return;
        }
        if method == "ACK" {
            // ACK for a 2xx is end-to-end: route it like any in-dialog request, statelessly.
            if let Some(call) = call_of(&req) {
                self.awaiting_ack.acked(&call);
            }
            if let Some(peer) = self.next_hop(now, &mut req) {
                self.forward_stateless(peer, req);
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
        let record = self.record_for(&req, from);
        let mut txn = ServerTxn {
            request: req.clone(),
            source: from,
            started: now,
            last_response: None,
            final_status: None,
            branches: Vec::new(),
            event_pending: false,
            retransmit: None,
            expires: None,
            record,
            cancelled: false,
        };
        if method == "INVITE" {
            let trying = self.response(&req, 100, "Trying").to_bytes();
            self.out.push_back(Output::Transmit { to: from, bytes: trying.clone() });
            txn.last_response = Some(trying);
        }
        self.txns.servers.insert(key.clone(), txn);

        let max_forwards = req.header("Max-Forwards").and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(70);
        if max_forwards == 0 {
            self.reply(now, &key, 483, "Too Many Hops", None);
            return;
        }
        let registrar = method == "REGISTER" && is_us(self.locals(), req.uri().unwrap_or(""));
        // An X-IF-Signature is checked once per request (a second check would call it replayed).
        let mut signer = None;
        if self.auth.is_some() && (registrar || (method == "INVITE" && !in_dialog(&req))) {
            let signed = !registrar && req.header("X-IF-Signature").is_some();
            if let (true, Some(policy)) = (signed, &self.config.policy) {
                signer = Some(self.guard.signer(now, self.config.wall_clock_offset_ms, policy, &req));
            }
            if let Some(Ok(agent)) = &signer {
                // Agents prove themselves by their signature; digest is for people.
                if let Some(t) = self.txns.servers.get_mut(&key) {
                    t.record.signed_by = Some(agent.clone());
                    t.record.auth = Some(AuthRecord { result: "signed", user: None, reason: None });
                }
            } else if !self.authenticate(now, &key, &mut req, registrar) {
                return;
            }
        }
        if registrar {
            self.register(now, &key, &req);
            return;
        }
        let targets =
            match routing::targets(now, self.locals(), self.config.route.as_deref(), &self.registrar, &mut req) {
                Ok(targets) => targets,
                Err(no_route) => {
                    self.reply(now, &key, no_route.code, no_route.reason, None);
                    return;
                }
            };
        if method == "INVITE" {
            let verdict = match &self.config.policy {
                Some(policy) if expert_at(policy, req.uri().unwrap_or("")).is_some() => {
                    let signer = signer
                        .get_or_insert_with(|| self.guard.signer(now, self.config.wall_clock_offset_ms, policy, &req));
                    Guard::check(policy, &req, signer)
                }
                _ => None,
            };
            if let Some(verdict) = verdict {
                if let Some(t) = self.txns.servers.get_mut(&key) {
                    t.record.signed_by = verdict.signed_by;
                }
                if let Some(refusal) = verdict.refusal {
                    self.reply(now, &key, 403, "Forbidden", Some(refusal.to_string()));
                    return;
                }
            }
        }

        // Forward (§16.6): Max-Forwards, Record-Route for dialog-creating requests, and to each
        // target (several when forking, §16.7) a copy with its own Via branch and transaction.
        req.set_header("Max-Forwards", (max_forwards - 1).to_string());
        if records_route(&method) {
            // The side the request came from; start_branch adds the other side's when the
            // branch leaves on the other kind of transport (RFC 5658 double Record-Route).
            let rr = self.record_route(from.transport, req.uri().unwrap_or(""));
            req.push_front("Record-Route", rr);
        }
        self.forward(now, key, req, targets);
    }

    /// Sends `req` to every target whose destination is known, once none waits for DNS (until
    /// then the request is parked); a name that did not resolve is left out, and when nothing
    /// is left the request gets 502 naming why.
    fn forward(&mut self, now: Millis, key: ServerKey, req: SipMessage, targets: Vec<Target>) {
        let mut ready: Vec<(Target, Vec<Peer>)> = Vec::with_capacity(targets.len());
        let mut waiting = false;
        let mut unresolved = None;
        for target in &targets {
            match &target.dest {
                Dest::Peer(p) => ready.push((target.clone(), vec![*p])),
                Dest::Name(host) => match self.resolver.as_mut().map(|r| r.lookup(now, host)) {
                    Some(Lookup::Ready(found)) => {
                        let host = host.clone();
                        ready.push((target.clone(), self.found_peers(&host, found)));
                    }
                    Some(Lookup::Pending) => waiting = true,
                    Some(Lookup::Failed(why)) => unresolved = Some(format!("DNS: {why}")),
                    None => unresolved = Some(format!("{} is not an IP address and no --dns-server is set", host.host)),
                },
            }
        }
        if waiting {
            if self.parked.len() >= MAX_PARKED {
                self.reply(now, &key, 503, "Service Unavailable (too many requests waiting for DNS)", None);
            } else {
                self.parked.push(Parked { key, request: req, targets });
            }
            return;
        }
        if ready.is_empty() {
            let why = unresolved.unwrap_or_default();
            self.reply(now, &key, 502, &format!("Bad Gateway ({why})"), None);
            return;
        }
        let method = req.method().unwrap_or("").to_owned();
        let mut branches = Vec::with_capacity(ready.len());
        for (target, mut peers) in ready {
            let mut copy = req.clone();
            if let (Some(contact), StartLine::Request { uri, .. }) = (&target.uri, &mut copy.start) {
                uri.clone_from(contact);
            }
            let first = peers.remove(0);
            branches.push(self.start_branch(now, &key, &method, copy, first, peers));
        }
        if let Some(t) = self.txns.servers.get_mut(&key) {
            t.record.target = branches.first().map(|b| b.target);
            t.branches = branches;
        }
    }

    /// Sends `copy` to `peer` on a new Via branch with its client transaction; `alternatives`
    /// are where it goes next if this one fails (§4.3 of RFC 3263).
    fn start_branch(
        &mut self,
        now: Millis,
        key: &ServerKey,
        method: &str,
        copy: SipMessage,
        peer: Peer,
        alternatives: Vec<Peer>,
    ) -> Branch {
        let uri = copy.uri().unwrap_or("").to_owned();
        let seed = format!("{}{}{method}{uri}{}", key.branch, copy.call_id().unwrap_or(""), peer.addr);
        let our_branch = self.new_branch(&seed);
        let kept = (!alternatives.is_empty()).then(|| copy.clone());
        let mut sent = copy;
        let locals = self.locals();
        let changes_side =
            self.txns.servers.get(key).is_some_and(|t| locals.of(t.source.transport) != locals.of(peer.transport));
        if records_route(method) && changes_side {
            let rr = self.record_route(peer.transport, &uri);
            sent.push_front("Record-Route", rr);
        }
        sent.push_front(
            "Via",
            format!(
                "SIP/2.0/{} {};branch={our_branch};rport",
                peer.transport.via_name(),
                self.locals().of(peer.transport)
            ),
        );
        let bytes = self.send(peer, &sent);
        let client = ClientKey { branch: our_branch.clone(), kind: ClientKind::of_method(method) };
        self.txns.start_client(now, client, key.clone(), sent, bytes, peer);
        Branch {
            id: our_branch,
            uri,
            target: peer,
            status: None,
            reason: String::new(),
            response: None,
            alternatives,
            request: kept,
        }
    }

    /// Parked requests whose names have all resolved (or failed) go on; those whose
    /// transaction ended meanwhile (a CANCEL) are dropped.
    fn unpark(&mut self, now: Millis) {
        let Some(resolver) = self.resolver.as_mut() else { return };
        let mut any = false;
        while resolver.poll_done().is_some() {
            any = true;
        }
        if !any {
            return;
        }
        for p in std::mem::take(&mut self.parked) {
            if self.txns.servers.get(&p.key).is_some_and(|t| t.final_status.is_none()) {
                self.forward(now, p.key, p.request, p.targets);
            }
        }
    }

    /// RFC 3263 §4.3: branch `id` failed (`status`) where another destination of its name is
    /// left: it ends, and a new branch takes the request there. False when there is none, or
    /// the transaction was answered or cancelled meanwhile.
    fn fail_over(&mut self, now: Millis, key: &ServerKey, id: &str, status: u16, reason: &str) -> bool {
        let Some(txn) = self.txns.servers.get_mut(key) else { return false };
        if txn.final_status.is_some() || txn.cancelled {
            return false;
        }
        let Some(b) = txn.branches.iter_mut().find(|b| b.id == id && b.status.is_none()) else { return false };
        if b.alternatives.is_empty() {
            return false;
        }
        let Some(request) = b.request.take() else { return false };
        let mut rest = std::mem::take(&mut b.alternatives);
        (b.status, b.reason) = (Some(status), reason.to_owned());
        let next = rest.remove(0);
        let method = request.method().unwrap_or("").to_owned();
        let branch = self.start_branch(now, key, &method, request, next, rest);
        if let Some(t) = self.txns.servers.get_mut(key) {
            t.branches.push(branch);
        }
        true
    }

    /// Digest authentication of a request (§22): `true` to go on with it, having removed our
    /// credentials from it (§22.3); `false` when it was answered (401/407 with a new challenge,
    /// 403, or 400), with the verdict in its event.
    fn authenticate(&mut self, now: Millis, key: &ServerKey, req: &mut SipMessage, registrar: bool) -> bool {
        let Some(auth) = self.auth.as_mut() else { return true };
        let (asked, offered, code, reason) = if registrar {
            ("Authorization", "WWW-Authenticate", 401, "Unauthorized")
        } else {
            ("Proxy-Authorization", "Proxy-Authenticate", 407, "Proxy Authentication Required")
        };
        let values: Vec<&str> = req.headers.iter().filter(|h| h.name == asked).map(|h| h.value.as_str()).collect();
        let verdict = auth.check(now, req.method().unwrap_or(""), req.uri().unwrap_or(""), &values);
        let refuse = |user: String, why: &'static str| {
            let record = AuthRecord { result: "refused", user: Some(user), reason: Some(why) };
            (record, 403, "Forbidden", Vec::new())
        };
        let (record, code, reason, challenges) = match verdict {
            Verdict::Accepted { user } => {
                let aor = req.header("To").and_then(message::Uri::parse).and_then(|u| u.user.map(str::to_owned));
                if registrar && aor.as_deref() != Some(user.as_str()) {
                    refuse(user, Failure::UserMismatch.name())
                } else {
                    if !registrar {
                        req.headers.retain(|h| h.name != asked || !auth.is_ours(&h.value));
                    }
                    if let Some(t) = self.txns.servers.get_mut(key) {
                        t.record.auth = Some(AuthRecord { result: "accepted", user: Some(user), reason: None });
                    }
                    return true;
                }
            }
            Verdict::Challenge { stale, why, user } => {
                let record = AuthRecord { result: "challenged", user, reason: Some(why.name()) };
                (record, code, reason, auth.challenges(now, stale))
            }
            Verdict::Forbidden { why, user } => refuse(user, why.name()),
            Verdict::BadRequest { why } => {
                let record = AuthRecord { result: "bad-request", user: None, reason: Some(why.name()) };
                (record, 400, "Bad Request (malformed credentials)", Vec::new())
            }
        };
        let refused = (code == 403).then(|| format!("digest authentication: {}", record.reason.unwrap_or("")));
        let Some(txn) = self.txns.servers.get_mut(key) else { return false };
        txn.record.auth = Some(record);
        let Some(txn) = self.txns.servers.get(key) else { return false };
        let mut resp = self.response(&txn.request, code, reason);
        resp.headers.extend(challenges.into_iter().map(|value| message::Header { name: offered.into(), value }));
        self.finish(now, key, resp, refused);
        false
    }

    /// The one destination of a request forwarded statelessly (an ACK for a 2xx): a name is
    /// taken from the resolver's cache, where its INVITE left it; a name not there is `None`.
    fn next_hop(&mut self, now: Millis, req: &mut SipMessage) -> Option<Peer> {
        match routing::next_hop(now, self.locals(), self.config.route.as_deref(), &self.registrar, req).ok()? {
            Dest::Peer(p) => Some(p),
            Dest::Name(host) => match self.resolver.as_mut()?.lookup(now, &host) {
                Lookup::Ready(found) => self.found_peers(&host, found).first().copied(),
                Lookup::Pending | Lookup::Failed(_) => None,
            },
        }
    }

    fn register(&mut self, now: Millis, key: &ServerKey, req: &SipMessage) {
        match self.registrar.register(now, req) {
            Err(e) => self.reply(now, key, e.status(), &e.to_string(), None),
            Ok(listed) => {
                let mut ok = self.response(req, 200, "OK");
                if !listed.is_empty() {
                    ok.headers.push(message::Header { name: "Contact".into(), value: listed.join(", ") });
                }
                self.finish(now, key, ok, None);
            }
        }
    }

    /// Sends a locally generated final response through the server transaction.
    fn reply(&mut self, now: Millis, key: &ServerKey, code: u16, reason: &str, refused: Option<String>) {
        let Some(txn) = self.txns.servers.get(key) else { return };
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

    /// Sends a final response upstream, arms the server transaction's timers, and writes its
    /// record once every branch has ended (at once when nothing is still open).
    fn finish(&mut self, now: Millis, key: &ServerKey, resp: SipMessage, refused: Option<String>) {
        let code = resp.status().unwrap_or(500);
        let Some(txn) = self.txns.servers.get_mut(key) else { return };
        if txn.final_status.is_some() {
            return;
        }
        let bytes = resp.to_bytes();
        self.out.push_back(Output::Transmit { to: txn.source, bytes: bytes.clone() });
        txn.last_response = Some(bytes);
        txn.final_status = Some(code);
        let udp = txn.source.transport == Transport::Udp;
        let invite = key.is_invite();
        txn.retransmit = (invite && code >= 300 && udp).then_some((now + T1, T1));
        txn.expires = Some(now + if udp || invite { TRANSACTION_TIMEOUT } else { 0 });
        if let StartLine::Response { reason, .. } = &resp.start {
            txn.record.reason = reason.clone();
        }
        txn.record.status = code;
        txn.record.refused = refused;
        txn.record.answer = summarise_sdp(&resp.body);
        txn.record.duration_ms = now - txn.started;
        txn.event_pending = true;
        let answered = (invite && (200..300).contains(&code)).then(|| call_of(&txn.request)).flatten();
        self.txns.rearm_server(key);
        if let Some(call) = answered {
            self.awaiting_ack.insert(now, call);
        }
        self.flush_record(key, false);
    }

    /// Writes the transaction's record if it is due: its final response went upstream and
    /// every branch has ended, or `now_or_never` (the transaction is being forgotten).
    fn flush_record(&mut self, key: &ServerKey, now_or_never: bool) {
        let Some(txn) = self.txns.servers.get_mut(key) else { return };
        if !txn.event_pending || (!now_or_never && txn.branches.iter().any(|b| b.status.is_none())) {
            return;
        }
        txn.event_pending = false;
        let mut record = txn.record.clone();
        if txn.branches.len() > 1 {
            record.branches = txn
                .branches
                .iter()
                .map(|b| BranchRecord {
                    branch: b.id.clone(),
                    contact: b.uri.clone(),
                    target: b.target,
                    status: b.status.unwrap_or(0),
                    reason: b.reason.clone(),
                })
                .collect();
        }
        self.out.push_back(Output::Event(Box::new(record)));
    }

    /// Notes that the branch `id` of server transaction `key` ended with `status`; returns
    /// false if it had ended already (a retransmission, or a response after Timer C).
    fn end_branch(
        &mut self,
        key: &ServerKey,
        id: &str,
        status: u16,
        reason: &str,
        response: Option<SipMessage>,
    ) -> bool {
        let Some(b) = self.txns.servers.get_mut(key).and_then(|t| t.branches.iter_mut().find(|b| b.id == id)) else {
            return false;
        };
        if b.status.is_some() {
            return false;
        }
        (b.status, b.reason, b.response) = (Some(status), reason.to_owned(), response);
        true
    }

    /// The response of branch `id` becomes the transaction's: its record names that branch.
    fn answer_from(&mut self, now: Millis, key: &ServerKey, id: &str, resp: SipMessage) {
        let Some(txn) = self.txns.servers.get_mut(key) else { return };
        if let Some(b) = txn.branches.iter().find(|b| b.id == id) {
            txn.record.branch = Some(b.id.clone());
            txn.record.target = Some(b.target);
        }
        self.finish(now, key, resp, None);
    }

    /// A branch ended without a 2xx (§16.7 steps 5-6): a 6xx cancels the other branches; once
    /// every branch has ended and nothing was answered, the best final response goes upstream.
    /// `may_fail_over`: the failure is one RFC 3263 §4.3 tries the next destination for.
    #[allow(clippy::too_many_arguments)]
    fn branch_failed(
        &mut self,
        now: Millis,
        key: &ServerKey,
        id: &str,
        status: u16,
        reason: &str,
        response: Option<SipMessage>,
        may_fail_over: bool,
    ) {
        if may_fail_over && self.fail_over(now, key, id, status, reason) {
            return;
        }
        if !self.end_branch(key, id, status, reason, response) {
            return;
        }
        let Some(txn) = self.txns.servers.get(key) else { return };
        if txn.final_status.is_none() {
            if status >= 600 && key.is_invite() {
                self.cancel_branches(now, key);
            }
            if let Some((best, resp)) = self.best_response(key) {
                self.answer_from(now, key, &best, resp);
            }
        }
        self.flush_record(key, false);
    }

    /// §16.7 step 6, once every branch has ended: a 6xx if there is one, else the lowest class
    /// (3xx before 4xx before 5xx), the lowest status within it, the first branch on a tie. A
    /// 401 or 407 carries the challenges of every branch that sent one (step 7). The branch's
    /// own response when it sent one; one made here for a 408 or 487 the proxy decided.
    fn best_response(&self, key: &ServerKey) -> Option<(String, SipMessage)> {
        let txn = self.txns.servers.get(key)?;
        if txn.branches.iter().any(|b| b.status.is_none()) {
            return None;
        }
        let rank = |s: u16| if s >= 600 { (0, s) } else { (s / 100, s) };
        let best = txn.branches.iter().min_by_key(|b| rank(b.status.unwrap_or(500)))?;
        let status = best.status.unwrap_or(500);
        let mut resp = match &best.response {
            Some(r) => r.clone(),
            None => self.response(&txn.request, status, &best.reason),
        };
        if matches!(status, 401 | 407) {
            for other in txn.branches.iter().filter(|b| b.id != best.id) {
                let Some(r) = other.response.as_ref().filter(|r| matches!(r.status(), Some(401 | 407))) else {
                    continue;
                };
                for h in r.headers.iter().filter(|h| h.name == "WWW-Authenticate" || h.name == "Proxy-Authenticate") {
                    if !resp.headers.iter().any(|mine| mine.name == h.name && mine.value == h.value) {
                        resp.headers.push(h.clone());
                    }
                }
            }
        }
        Some((best.id.clone(), resp))
    }

    /// Cancels every branch of INVITE transaction `key` still open (§16.10): at once where a
    /// provisional response came, and where none came yet when the first one does (§9.1).
    fn cancel_branches(&mut self, now: Millis, key: &ServerKey) {
        let Some(txn) = self.txns.servers.get(key) else { return };
        let open: Vec<ClientKey> = txn
            .branches
            .iter()
            .filter(|b| b.status.is_none())
            .map(|b| ClientKey { branch: b.id.clone(), kind: ClientKind::Invite })
            .collect();
        for branch in open {
            let Some(client) = self.txns.clients.get_mut(&branch) else { continue };
            if client.final_status.is_some() || client.cancelled || client.cancel_pending {
                continue;
            }
            if client.provisional {
                self.cancel_downstream(now, &branch);
            } else {
                // Until a provisional arrives the callee's transaction may not exist yet, and a
                // CANCEL could overtake the INVITE; the first provisional sends it.
                client.cancel_pending = true;
            }
        }
    }

    /// A CANCEL from upstream (§16.10): answered here, hop by hop; the INVITE it cancels is
    /// cancelled downstream on every branch, once that is allowed (§9.1: after a provisional
    /// response).
    fn handle_cancel(&mut self, now: Millis, from: Peer, key: ServerKey, req: SipMessage) {
        let invite_key = key.invite();
        let (code, reason) = if self.txns.servers.contains_key(&invite_key) {
            (200, "OK")
        } else {
            (481, "Call/Transaction Does Not Exist")
        };
        let ok = self.response(&req, code, reason);
        let bytes = self.send(from, &ok);
        // CANCEL is its own (hop-by-hop) transaction: it gets its own event, and a server
        // transaction that answers its retransmissions with this answer (and does nothing else).
        let mut record = self.record_for(&req, from);
        (record.status, record.reason) = (code, reason.into());
        self.out.push_back(Output::Event(Box::new(record.clone())));
        let linger = if from.transport == Transport::Udp { TRANSACTION_TIMEOUT } else { 0 };
        let cancel_txn = ServerTxn {
            request: req,
            source: from,
            started: now,
            last_response: Some(bytes),
            final_status: Some(code),
            branches: Vec::new(),
            event_pending: false,
            retransmit: None,
            expires: Some(now + linger),
            record,
            cancelled: false,
        };
        self.txns.servers.insert(key.clone(), cancel_txn);
        self.txns.rearm_server(&key);
        let Some(inv) = self.txns.servers.get_mut(&invite_key) else { return };
        if inv.final_status.is_some() {
            return;
        }
        inv.cancelled = true;
        if inv.branches.is_empty() {
            // Nothing went downstream: the INVITE ends here.
            self.reply(now, &invite_key, 487, "Request Terminated", None);
            return;
        }
        self.cancel_branches(now, &invite_key);
    }

    /// Sends a CANCEL for the INVITE of client transaction `invite` and starts its transaction.
    fn cancel_downstream(&mut self, now: Millis, invite: &ClientKey) {
        let Some(client) = self.txns.clients.get_mut(invite) else { return };
        // §9.1: a branch whose CANCEL brings no final response within 64*T1 is over.
        client.cancelled = true;
        client.deadline = now + TRANSACTION_TIMEOUT;
        let (to, server) = (client.to, client.server.clone());
        let cancel = client.request.hop_by_hop("CANCEL", client.request.header("To").unwrap_or(""));
        self.txns.rearm_client(invite);
        let bytes = self.send(to, &cancel);
        let key = ClientKey { branch: invite.branch.clone(), kind: ClientKind::Cancel };
        self.txns.start_client(now, key, server, cancel, bytes, to);
    }

    fn forward_stateless(&mut self, peer: Peer, mut req: SipMessage) {
        let seed = format!("{}{}", req.call_id().unwrap_or(""), req.cseq().map(|c| c.0).unwrap_or(0));
        let branch = self.new_branch(&seed);
        let via = format!("SIP/2.0/{} {};branch={branch}", peer.transport.via_name(), self.locals().of(peer.transport));
        req.push_front("Via", via);
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
        let kind = ClientKind::of_method(resp.cseq().map_or("", |(_, m)| m));
        let client_key = ClientKey { branch, kind };
        let Some(client) = self.txns.clients.get_mut(&client_key) else {
            // No transaction (e.g. a retransmitted 2xx): forward statelessly if the Via is ours.
            let locals = self.locals();
            let ours = |v: &message::Via| {
                [Some(locals.plain), locals.tls]
                    .into_iter()
                    .flatten()
                    .any(|l| sent_by(v) == format!("{}:{}", l.ip(), l.port()))
            };
            if client_key.branch.starts_with(MAGIC) && resp.top_via().is_some_and(|v| ours(&v)) {
                resp.remove_first_value("Via");
                if let Some(peer) = resp.top_via().and_then(|v| via_peer(&v, from.transport)) {
                    self.send(peer, &resp);
                }
            } else {
                self.out.push_back(Output::Dropped { from, reason: format!("response {code} matches no transaction") });
            }
            return;
        };
        let mut send_pending_cancel = false;
        if code < 200 {
            if kind == ClientKind::Invite {
                client.retransmit = None;
                send_pending_cancel = client.final_status.is_none() && std::mem::take(&mut client.cancel_pending);
                // Ringing: Timer C replaces Timer B, reset by every provisional (§16.7 step 2),
                // unless our CANCEL's 64*T1 already bounds the wait.
                if client.final_status.is_none() && !client.cancelled {
                    client.deadline = now + TIMER_C;
                }
            } else if client.retransmit.is_some() {
                client.retransmit = Some((now + T2, T2));
            }
            client.provisional = true;
        } else if client.final_status.is_some() {
            // A retransmitted final: re-ACK non-2xx, pass 2xx on.
            if kind == ClientKind::Invite && code >= 300 {
                if let Some(ack) = client.ack.clone() {
                    let to = client.to;
                    self.out.push_back(Output::Transmit { to, bytes: ack });
                }
                return;
            }
        } else {
            client.final_status = Some(code);
            client.retransmit = None;
            // A final before any provisional: there is nothing left to cancel.
            client.cancel_pending = false;
            // Absorb retransmitted finals over UDP: Timer D (INVITE), Timer K (the others).
            let linger = match (client.to.transport, kind) {
                (Transport::Tcp | Transport::Tls, _) => 0,
                (Transport::Udp, ClientKind::Invite) => TRANSACTION_TIMEOUT,
                (Transport::Udp, _) => T4,
            };
            client.deadline = now + linger;
            if kind == ClientKind::Invite && code >= 300 {
                let ack = ack_for(&client.request, &resp);
                let bytes = ack.to_bytes();
                client.ack = Some(bytes.clone());
                self.out.push_back(Output::Transmit { to: client.to, bytes });
            }
        }
        let server_key = client.server.clone();
        self.txns.rearm_client(&client_key);
        if send_pending_cancel {
            self.cancel_downstream(now, &client_key);
        }
        // Responses to our own CANCEL end here: upstream's CANCEL was answered already.
        if code == 100 || kind == ClientKind::Cancel {
            return;
        }
        resp.remove_first_value("Via");
        let id = client_key.branch;
        let Some(txn) = self.txns.servers.get_mut(&server_key) else { return };
        let reason = match &resp.start {
            StartLine::Response { reason, .. } => reason.clone(),
            StartLine::Request { .. } => String::new(),
        };
        if code < 200 {
            // Provisionals go upstream until the transaction has its final response.
            if txn.final_status.is_none() {
                let bytes = resp.to_bytes();
                txn.last_response = Some(bytes.clone());
                let to = txn.source;
                self.out.push_back(Output::Transmit { to, bytes });
            }
        } else if code < 300 {
            // §16.7 step 5: every 2xx to an INVITE goes upstream at once, the first as the
            // transaction's answer, later ones (retransmissions, other branches) as they are;
            // the other branches of an INVITE are cancelled. For other methods only the first
            // answer (and its retransmissions) goes up.
            self.end_branch(&server_key, &id, code, &reason, None);
            let txn = self.txns.servers.get(&server_key);
            let answered = txn.is_some_and(|t| t.final_status.is_some());
            let passes = txn.is_some_and(|t| kind == ClientKind::Invite || t.record.branch.as_deref() == Some(&id));
            if !answered {
                self.answer_from(now, &server_key, &id, resp);
            } else if let Some(to) = txn.filter(|_| passes).map(|t| t.source) {
                self.send(to, &resp);
            }
            if kind == ClientKind::Invite {
                self.cancel_branches(now, &server_key);
            }
            self.flush_record(&server_key, false);
        } else {
            self.branch_failed(now, &server_key, &id, code, &reason, Some(resp), code == 503);
        }
    }

    pub fn handle_timeout(&mut self, now: Millis) {
        if let Some(resolver) = self.resolver.as_mut() {
            resolver.handle_timeout(now);
            self.unpark(now);
        }
        while let Some(timer) = self.txns.pop_due(now) {
            match timer {
                TimerRef::Client(key) => match self.txns.client_due(now, &key) {
                    ClientDue::Retransmit { to, bytes } => self.out.push_back(Output::Transmit { to, bytes }),
                    ClientDue::TimedOut { kind: ClientKind::Cancel, .. } => {}
                    ClientDue::TimedOut { server, cancelled: true, .. } => {
                        self.branch_failed(now, &server, &key.branch, 487, "Request Terminated", None, false)
                    }
                    ClientDue::TimedOut { server, .. } => {
                        self.branch_failed(now, &server, &key.branch, 408, "Request Timeout", None, true)
                    }
                    ClientDue::RangTooLong { server } => {
                        // Timer C: the callee rang too long; cancel the branch, which counts as 408.
                        self.cancel_downstream(now, &key);
                        self.branch_failed(now, &server, &key.branch, 408, "Request Timeout", None, false)
                    }
                    ClientDue::Nothing | ClientDue::Forgotten => {}
                },
                TimerRef::Server(key) => {
                    let forgotten = self.txns.servers.get(&key).and_then(|t| t.expires).is_some_and(|e| now >= e);
                    if forgotten {
                        // A branch still open when the transaction ends: its record is written
                        // now, with that branch's status 0, rather than never.
                        self.flush_record(&key, true);
                    }
                    if let Some((to, bytes)) = self.txns.server_due(now, &key) {
                        self.out.push_back(Output::Transmit { to, bytes });
                    }
                }
            }
        }
    }
}

/// Adds `received` (and `rport` when asked for) to the top Via: where the request really came
/// from, which is where its responses go.
fn stamp_received(req: &mut SipMessage, from: Peer) {
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

/// A request inside a dialog (its To has a tag): digest challenges only new INVITEs.
fn in_dialog(req: &SipMessage) -> bool {
    req.header("To").and_then(message::tag).is_some()
}

/// §17.1.1.3: the ACK a client transaction sends for a non-2xx final response.
fn ack_for(invite: &SipMessage, resp: &SipMessage) -> SipMessage {
    invite.hop_by_hop("ACK", resp.header("To").unwrap_or(""))
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
            max_contacts: crate::sip::MAX_CONTACTS,
            auth: None,
            resolver_seed: None,
            tls_local: None,
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
                Output::DnsQuery { .. } => panic!("a DNS query where every next hop is an address"),
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

    /// An INVITE from UDP to a next hop over TLS: a TLS Via naming the TLS address, a
    /// Record-Route for each side (RFC 5658), both popped from the callee's BYE, which goes to
    /// the caller over UDP; a failed handshake ends the INVITE with 503 saying why.
    #[test]
    fn a_tls_next_hop_gets_a_tls_via_two_record_routes_and_its_refusal_a_503() {
        let tls_hop = Peer { transport: Transport::Tls, addr: "127.0.0.1:5071".parse().unwrap() };
        let mut p = Proxy::new(Config {
            route: Some("sip:127.0.0.1:5071;transport=tls".into()),
            tls_local: Some("127.0.0.1:5061".parse().unwrap()),
            ..proxy().config
        });
        p.handle_packet(0, peer(UAC), &invite("z9hG4bKtls1"));
        let mut sent = Vec::new();
        while let Some(o) = p.poll_output() {
            if let Output::Transmit { to, bytes } = o {
                sent.push((to, message::parse(&bytes).unwrap()));
            }
        }
        let (to, fwd) = sent.iter().find(|(_, m)| m.method() == Some("INVITE")).expect("forwarded");
        assert_eq!(*to, tls_hop);
        assert!(fwd.header_values("Via")[0].starts_with("SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK"), "{fwd:?}");
        assert_eq!(
            fwd.header_values("Record-Route"),
            ["<sip:127.0.0.1:5061;transport=tls;lr>", "<sip:127.0.0.1:5060;lr>"]
        );
        let bye = format!(
            "BYE sip:a@{UAC} SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5071;branch=z9hG4bKbye1\r\nMax-Forwards: 70\r\n\
             Route: <sip:127.0.0.1:5061;transport=tls;lr>, <sip:127.0.0.1:5060;lr>\r\n\
             From: <sip:svc@127.0.0.1>;tag=b1\r\nTo: <sip:a@127.0.0.1>;tag=a1\r\nCall-ID: c1\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n"
        );
        p.handle_packet(10, tls_hop, bye.as_bytes());
        let (sent, _) = drain(&mut p);
        let (to, fwd) = sent.iter().find(|(_, m)| m.method() == Some("BYE")).expect("BYE forwarded");
        assert_eq!(*to, UAC.parse::<SocketAddr>().unwrap());
        assert!(fwd.header("Route").is_none(), "both of our Routes popped: {fwd:?}");
        assert!(fwd.header_values("Via")[0].starts_with("SIP/2.0/UDP 127.0.0.1:5060;"), "{fwd:?}");
        p.handle_unreachable(20, tls_hop, "TLS: the certificate is not vouched for by the CA file (unknown issuer)");
        let (sent, events) = drain(&mut p);
        assert!(sent.iter().any(|(to, m)| *to == UAC.parse().unwrap() && m.status() == Some(503)), "{sent:?}");
        let e = events.iter().find(|e| e.method == "INVITE").expect("the INVITE's event");
        assert_eq!(e.status, 503);
        assert!(e.reason.contains("not vouched for by the CA file"), "{}", e.reason);
        assert_eq!(e.target, Some(tls_hop));
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
            max_contacts: crate::sip::MAX_CONTACTS,
            auth: None,
            resolver_seed: None,
            tls_local: None,
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

    #[test]
    fn an_address_of_record_holds_max_contacts_bindings_and_a_register_beyond_changes_nothing() {
        let mut p = Proxy::new(Config {
            local: "127.0.0.1:5060".parse().unwrap(),
            route: None,
            policy: None,
            wall_clock_offset_ms: 0,
            max_contacts: 3,
            auth: None,
            resolver_seed: None,
            tls_local: None,
        });
        let reg = |n: u32, contact: &str| {
            format!(
                "REGISTER sip:127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP {UAS};branch=z9hG4bKm{n}\r\nFrom: <sip:bob@127.0.0.1>;tag=m\r\n\
                 To: <sip:bob@127.0.0.1>\r\nCall-ID: m1\r\nCSeq: {n} REGISTER\r\n{contact}Content-Length: 0\r\n\r\n"
            )
        };
        for n in 1..=3 {
            p.handle_packet(
                0,
                peer(UAS),
                reg(n, &format!("Contact: <sip:bob@10.0.0.{n}:5060>;expires=60\r\n")).as_bytes(),
            );
            assert_eq!(drain(&mut p).0[0].1.status(), Some(200));
        }
        // A fourth binding: 503, as Kamailio answers, and the three stay as they were.
        p.handle_packet(0, peer(UAS), reg(4, "Contact: <sip:bob@10.0.0.4:5060>;expires=60\r\n").as_bytes());
        let (sent, events) = drain(&mut p);
        assert_eq!(sent[0].1.status(), Some(503));
        assert!(
            String::from_utf8_lossy(&sent[0].1.to_bytes()).starts_with("SIP/2.0 503 Too Many Registered Contacts\r\n")
        );
        assert_eq!(events[0].status, 503);
        p.handle_packet(0, peer(UAS), reg(5, "").as_bytes());
        let (sent, _) = drain(&mut p);
        let listed = sent[0].1.header("Contact").unwrap().to_owned();
        assert_eq!(listed.matches("sip:bob@").count(), 3, "{listed}");
        assert!(!listed.contains("10.0.0.4"), "{listed}");
        // Replacing one (expires=0, then a new one in the same REGISTER) fits.
        p.handle_packet(
            0,
            peer(UAS),
            reg(6, "Contact: <sip:bob@10.0.0.1:5060>;expires=0\r\nContact: <sip:bob@10.0.0.9:5060>;expires=60\r\n")
                .as_bytes(),
        );
        assert_eq!(drain(&mut p).0[0].1.status(), Some(200));
    }

    fn cancel(branch: &str) -> Vec<u8> {
        String::from_utf8(invite(branch))
            .unwrap()
            .replacen("INVITE sip", "CANCEL sip", 1)
            .replace("1 INVITE", "1 CANCEL")
            .into_bytes()
    }

    fn is_to(to: &SocketAddr, addr: &str) -> bool {
        *to == addr.parse::<SocketAddr>().unwrap()
    }

    fn cancels_downstream(sent: &[(SocketAddr, SipMessage)]) -> usize {
        sent.iter().filter(|(to, m)| is_to(to, UAS) && m.method() == Some("CANCEL")).count()
    }

    /// One step of the fake clock: when, what was sent, and the live (server, client) transactions after.
    type Step = (Millis, Vec<(SocketAddr, SipMessage)>, (usize, usize));

    /// Steps the fake clock through every deadline up to `until`.
    fn run_timers(p: &mut Proxy, until: Millis) -> Vec<Step> {
        let mut steps = Vec::new();
        while let Some(now) = p.poll_timeout().filter(|t| *t <= until) {
            p.handle_timeout(now);
            let (sent, _) = drain(p);
            steps.push((now, sent, p.transactions()));
        }
        steps
    }

    #[test]
    fn unanswered_cancel_is_retransmitted_on_timer_e_and_forgotten_at_timer_f() {
        let mut p = proxy();
        p.handle_packet(0, peer(UAC), &invite("z9hG4bKe1"));
        let (sent, _) = drain(&mut p);
        let forwarded = sent[1].1.clone();
        p.handle_packet(10, peer(UAS), &respond(&forwarded, 180, "Ringing"));
        drain(&mut p);
        p.handle_packet(20, peer(UAC), &cancel("z9hG4bKe1"));
        let (sent, _) = drain(&mut p);
        assert_eq!(cancels_downstream(&sent), 1, "the CANCEL goes out at once: a provisional was received");
        assert_eq!(p.transactions(), (2, 2), "INVITE and CANCEL server transactions; INVITE and CANCEL client ones");

        let steps = run_timers(&mut p, 40_000);
        let retransmits: Vec<Millis> =
            steps.iter().flat_map(|(now, sent, _)| std::iter::repeat_n(*now, cancels_downstream(sent))).collect();
        // Timer E from the CANCEL's send at 20: T1, 2T1, 4T1, then T2 until Timer F at 20 + 64*T1.
        assert_eq!(retransmits, vec![520, 1520, 3520, 7520, 11520, 15520, 19520, 23520, 27520, 31520]);
        let clients = |at: Millis| steps.iter().find(|(now, ..)| *now == at).map(|(.., live)| live.1);
        assert_eq!(clients(31_520), Some(2));
        // At 20 + 64*T1 Timer F ends the CANCEL's transaction, and the INVITE's (§9.1: no final
        // within 64*T1 of its CANCEL): upstream, which cancelled, hears 487.
        assert!(clients(32_000).is_none_or(|live| live == 2), "Timer B stopped at the 180: nothing ends at 32 s");
        assert_eq!(clients(32_020), Some(0));
        let (_, sent, _) = steps.iter().find(|(now, ..)| *now == 32_020).unwrap();
        assert!(sent.iter().any(|(to, m)| is_to(to, UAC) && m.status() == Some(487)), "{sent:?}");
        assert!(steps.iter().filter(|(now, ..)| *now >= 32_020).all(|(.., live)| live.1 == 0));
    }

    #[test]
    fn a_ringing_invite_waits_for_timer_c_then_is_cancelled_with_408_upstream() {
        let mut p = proxy();
        p.handle_packet(0, peer(UAC), &invite("z9hG4bKc3"));
        let (sent, _) = drain(&mut p);
        let forwarded = sent[1].1.clone();
        p.handle_packet(10, peer(UAS), &respond(&forwarded, 180, "Ringing"));
        drain(&mut p);
        // Past Timer B's 32 s the call still rings: nothing is sent, nothing ends.
        let steps = run_timers(&mut p, 100_000);
        assert!(steps.iter().all(|(_, sent, _)| sent.is_empty()), "{steps:?}");
        assert_eq!(p.transactions(), (1, 1));
        // A second provisional resets Timer C.
        p.handle_packet(100_000, peer(UAS), &respond(&forwarded, 183, "Session Progress"));
        drain(&mut p);
        let steps = run_timers(&mut p, 100_000 + TIMER_C);
        let (at, sent, _) = steps.iter().find(|(_, sent, _)| !sent.is_empty()).expect("Timer C fires");
        assert_eq!(*at, 100_000 + TIMER_C);
        let cancel = sent.iter().find(|(to, m)| is_to(to, UAS) && m.method() == Some("CANCEL")).expect("CANCEL");
        assert_eq!(cancel.1.top_via().unwrap().branch(), forwarded.top_via().unwrap().branch());
        assert!(sent.iter().any(|(to, m)| is_to(to, UAC) && m.status() == Some(408)), "{sent:?}");
    }

    #[test]
    fn a_proxy_that_stops_admitting_refuses_new_work_and_counts_the_call_until_its_ack() {
        let mut p = proxy();
        p.handle_packet(0, peer(UAC), &invite("z9hG4bKs1"));
        let (sent, _) = drain(&mut p);
        let forwarded = sent[1].1.clone();
        assert_eq!(p.in_flight(0), 2, "the INVITE's server and client transactions");
        p.stop_admitting();
        // A new request is refused, with no event (there is no record to write it to).
        let options = String::from_utf8(invite("z9hG4bKs2"))
            .unwrap()
            .replacen("INVITE sip", "OPTIONS sip", 1)
            .replace("1 INVITE", "1 OPTIONS");
        p.handle_packet(5, peer(UAC), options.replace("Call-ID: c1", "Call-ID: c2").as_bytes());
        let (sent, events) = drain(&mut p);
        assert_eq!((sent.len(), sent[0].1.status()), (1, Some(503)));
        assert!(events.is_empty());
        // The call in flight is answered; it stays in flight until its ACK goes through.
        p.handle_packet(10, peer(UAS), &respond(&forwarded, 200, "OK"));
        let (sent, _) = drain(&mut p);
        assert!(sent.iter().any(|(to, m)| is_to(to, UAC) && m.status() == Some(200)));
        assert_eq!(p.in_flight(10), 1, "answered, not yet acknowledged");
        let ack = String::from_utf8(invite("z9hG4bKs3"))
            .unwrap()
            .replacen("INVITE sip", "ACK sip", 1)
            .replace("1 INVITE", "1 ACK")
            .replace("To: <sip:svc@127.0.0.1>", "To: <sip:svc@127.0.0.1>;tag=b1");
        p.handle_packet(20, peer(UAC), ack.as_bytes());
        let (sent, _) = drain(&mut p);
        assert!(sent.iter().any(|(to, m)| is_to(to, UAS) && m.method() == Some("ACK")), "{sent:?}");
        assert_eq!(p.in_flight(20), 0);
        // An ACK that never comes stops counting after 64*T1.
        let mut q = proxy();
        q.handle_packet(0, peer(UAC), &invite("z9hG4bKs4"));
        let (sent, _) = drain(&mut q);
        q.handle_packet(10, peer(UAS), &respond(&sent[1].1, 200, "OK"));
        drain(&mut q);
        assert_eq!((q.in_flight(10), q.in_flight(10 + TRANSACTION_TIMEOUT)), (1, 0));
    }

    #[test]
    fn a_retransmitted_cancel_is_answered_again_and_nothing_more() {
        let mut p = proxy();
        p.handle_packet(0, peer(UAC), &invite("z9hG4bKr1"));
        let (sent, _) = drain(&mut p);
        let forwarded = sent[1].1.clone();
        p.handle_packet(10, peer(UAS), &respond(&forwarded, 180, "Ringing"));
        drain(&mut p);
        p.handle_packet(20, peer(UAC), &cancel("z9hG4bKr1"));
        let (sent, events) = drain(&mut p);
        assert_eq!((cancels_downstream(&sent), events.len()), (1, 1));
        // The caller did not hear our 200 and sends its CANCEL again.
        p.handle_packet(520, peer(UAC), &cancel("z9hG4bKr1"));
        let (sent, events) = drain(&mut p);
        assert_eq!(sent.len(), 1, "only the 200 again: {sent:?}");
        assert!(is_to(&sent[0].0, UAC));
        assert_eq!((sent[0].1.status(), sent[0].1.cseq()), (Some(200), Some((1, "CANCEL"))));
        assert!(events.is_empty(), "one CANCEL, one event");
    }

    #[test]
    fn cancel_before_any_provisional_waits_for_one() {
        let mut p = proxy();
        p.handle_packet(0, peer(UAC), &invite("z9hG4bKp1"));
        let (sent, _) = drain(&mut p);
        let forwarded = sent[1].1.clone();
        p.handle_packet(5, peer(UAC), &cancel("z9hG4bKp1"));
        let (sent, events) = drain(&mut p);
        assert_eq!(sent.len(), 1, "only the answer to the CANCEL: RFC 3261 §9.1 holds ours back");
        assert!(is_to(&sent[0].0, UAC));
        assert_eq!((sent[0].1.status(), sent[0].1.cseq()), (Some(200), Some((1, "CANCEL"))));
        assert_eq!((events[0].method.as_str(), events[0].status), ("CANCEL", 200));
        assert_eq!(p.transactions(), (2, 1), "the CANCEL's server transaction absorbs its retransmissions");

        // The first provisional (even a 100, which goes no further) releases the CANCEL.
        p.handle_packet(40, peer(UAS), &respond(&forwarded, 100, "Trying"));
        let (sent, _) = drain(&mut p);
        assert_eq!(sent.len(), 1);
        let down = &sent[0].1;
        assert_eq!((is_to(&sent[0].0, UAS), down.method()), (true, Some("CANCEL")));
        assert_eq!(down.top_via().unwrap().branch(), forwarded.top_via().unwrap().branch());
        assert_eq!(p.transactions(), (2, 2));
        // Another provisional sends no second CANCEL.
        p.handle_packet(50, peer(UAS), &respond(&forwarded, 180, "Ringing"));
        let (sent, _) = drain(&mut p);
        assert_eq!(cancels_downstream(&sent), 0);

        p.handle_packet(60, peer(UAS), &respond(down, 200, "OK"));
        let (sent, _) = drain(&mut p);
        assert!(sent.is_empty(), "the 200 for our CANCEL stays here: upstream's was answered already");
        p.handle_packet(61, peer(UAS), &respond(&forwarded, 487, "Request Terminated"));
        let (sent, events) = drain(&mut p);
        assert!(sent.iter().any(|(to, m)| is_to(to, UAS) && m.method() == Some("ACK")));
        assert!(sent.iter().any(|(to, m)| is_to(to, UAC) && m.status() == Some(487)));
        assert_eq!((events[0].method.as_str(), events[0].status), ("INVITE", 487));
        // Timer K then forgets the CANCEL's client transaction: T4 after its 200.
        let steps = run_timers(&mut p, 60 + T4);
        assert_eq!(steps.last().map(|(now, .., live)| (*now, live.1)), Some((60 + T4, 1)), "the INVITE's lingers");
    }

    #[test]
    fn cancel_before_any_provisional_is_never_sent_if_a_final_comes_first() {
        let mut p = proxy();
        p.handle_packet(0, peer(UAC), &invite("z9hG4bKp2"));
        let (sent, _) = drain(&mut p);
        let forwarded = sent[1].1.clone();
        p.handle_packet(5, peer(UAC), &cancel("z9hG4bKp2"));
        let (sent, _) = drain(&mut p);
        assert_eq!((sent.len(), sent[0].1.status()), (1, Some(200)));
        // The callee answered before it saw anything of the CANCEL: the call goes ahead.
        p.handle_packet(30, peer(UAS), &respond(&forwarded, 200, "OK"));
        let (sent, events) = drain(&mut p);
        assert_eq!(cancels_downstream(&sent), 0);
        assert!(sent.iter().any(|(to, m)| is_to(to, UAC) && m.status() == Some(200)));
        assert_eq!(events[0].status, 200);
        // A provisional reordered behind the final releases nothing either.
        p.handle_packet(31, peer(UAS), &respond(&forwarded, 180, "Ringing"));
        let (sent, _) = drain(&mut p);
        assert_eq!(cancels_downstream(&sent), 0);
        let steps = run_timers(&mut p, 70_000);
        assert_eq!(steps.iter().map(|(_, sent, _)| cancels_downstream(sent)).sum::<usize>(), 0);
        assert_eq!(p.transactions(), (0, 0));
    }

    #[test]
    fn cancel_before_any_provisional_and_none_ever_comes_times_out_with_408() {
        let mut p = proxy();
        p.handle_packet(0, peer(UAC), &invite("z9hG4bKp3"));
        drain(&mut p);
        p.handle_packet(5, peer(UAC), &cancel("z9hG4bKp3"));
        let (sent, _) = drain(&mut p);
        assert_eq!(cancels_downstream(&sent), 0);
        let steps = run_timers(&mut p, 40_000);
        assert_eq!(steps.iter().map(|(_, sent, _)| cancels_downstream(sent)).sum::<usize>(), 0);
        let invites: Vec<Millis> = steps
            .iter()
            .filter(|(_, sent, _)| sent.iter().any(|(to, m)| is_to(to, UAS) && m.method() == Some("INVITE")))
            .map(|(now, ..)| *now)
            .collect();
        assert_eq!(invites, vec![500, 1500, 3500, 7500, 15500, 31500], "Timer A as for any INVITE");
        let timeout = steps.iter().find(|(_, sent, _)| sent.iter().any(|(to, _)| is_to(to, UAC))).unwrap();
        assert_eq!((timeout.0, timeout.1[0].1.status()), (32_000, Some(408)), "Timer B");
    }

    /// Forking (§16.7): three contacts registered for bob, one INVITE to him.
    const BOBS: [&str; 3] = ["127.0.0.1:5071", "127.0.0.1:5072", "127.0.0.1:5073"];

    /// A proxy with bob registered at the first `n` addresses of [`BOBS`].
    fn bob_registered(n: usize) -> Proxy {
        let mut p = Proxy::new(Config {
            local: "127.0.0.1:5060".parse().unwrap(),
            route: None,
            policy: None,
            wall_clock_offset_ms: 0,
            max_contacts: crate::sip::MAX_CONTACTS,
            auth: None,
            resolver_seed: None,
            tls_local: None,
        });
        let contacts: String = BOBS[..n].iter().map(|a| format!("Contact: <sip:bob@{a}>\r\n")).collect();
        let reg = format!(
            "REGISTER sip:127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP {UAS};branch=z9hG4bKfr\r\nFrom: <sip:bob@127.0.0.1>;tag=r\r\n\
             To: <sip:bob@127.0.0.1>\r\nCall-ID: fr\r\nCSeq: 1 REGISTER\r\n{contacts}Content-Length: 0\r\n\r\n"
        );
        p.handle_packet(0, peer(UAS), reg.as_bytes());
        assert_eq!(drain(&mut p).0[0].1.status(), Some(200));
        p
    }

    /// A proxy with bob registered at the first `n` addresses of [`BOBS`]; returns it with the
    /// INVITE forwarded to each, in that order.
    fn forked(n: usize) -> (Proxy, Vec<SipMessage>) {
        let mut p = bob_registered(n);
        let call = String::from_utf8(invite("z9hG4bKf1")).unwrap().replace("sip:svc@", "sip:bob@");
        p.handle_packet(0, peer(UAC), call.as_bytes());
        let (sent, events) = drain(&mut p);
        assert!(events.is_empty());
        assert_eq!((sent.len(), sent[0].1.status()), (1 + n, Some(100)));
        let branches: Vec<SipMessage> = sent[1..].iter().map(|(_, m)| m.clone()).collect();
        for (i, (to, m)) in sent[1..].iter().enumerate() {
            assert!(is_to(to, BOBS[i]));
            assert_eq!(m.uri(), Some(format!("sip:bob@{}", BOBS[i]).as_str()), "each branch its contact");
            assert!(m.header("Record-Route").is_some());
        }
        let ids: std::collections::HashSet<_> =
            branches.iter().map(|m| m.top_via().unwrap().branch().unwrap().to_owned()).collect();
        assert_eq!(ids.len(), n, "one client transaction, one branch id each");
        assert_eq!(p.transactions(), (2, n), "the REGISTER's lingers");
        (p, branches)
    }

    fn branch_id(m: &SipMessage) -> String {
        m.top_via().unwrap().branch().unwrap().to_owned()
    }

    /// What went where, as (destination, method or status) pairs.
    fn summary(sent: &[(SocketAddr, SipMessage)]) -> Vec<(String, String)> {
        sent.iter()
            .map(|(to, m)| {
                (to.to_string(), m.method().map(str::to_owned).unwrap_or_else(|| m.status().unwrap().to_string()))
            })
            .collect()
    }

    fn pair(to: &str, what: &str) -> (String, String) {
        (to.to_owned(), what.to_owned())
    }

    fn statuses(e: &TransactionRecord) -> Vec<(String, u16)> {
        e.branches.iter().map(|b| (b.contact.clone(), b.status)).collect()
    }

    #[test]
    fn forked_first_2xx_wins_the_ringing_branches_are_cancelled_and_a_late_ringer_when_it_rings() {
        let (mut p, b) = forked(3);
        p.handle_packet(10, peer(BOBS[0]), &respond(&b[0], 180, "Ringing"));
        p.handle_packet(11, peer(BOBS[1]), &respond(&b[1], 180, "Ringing"));
        let (sent, _) = drain(&mut p);
        assert_eq!(summary(&sent), [pair(UAC, "180"), pair(UAC, "180")], "provisionals go upstream");
        // Bob answers on the first: the 200 goes up at once, the second is cancelled; the
        // third has sent nothing yet, so its CANCEL waits (§9.1).
        p.handle_packet(20, peer(BOBS[0]), &respond(&b[0], 200, "OK"));
        let (sent, events) = drain(&mut p);
        assert_eq!(summary(&sent), [pair(UAC, "200"), pair(BOBS[1], "CANCEL")]);
        assert_eq!(branch_id(&sent[1].1), branch_id(&b[1]), "the CANCEL is on that branch");
        assert!(events.is_empty(), "the record waits for the other branches");
        assert_eq!(p.in_flight(20), 1 + 2 + 1, "the 200's ACK, the open branches and the CANCEL");
        // The third rings after the winner's 200: it is cancelled now, its 180 stays here.
        p.handle_packet(30, peer(BOBS[2]), &respond(&b[2], 180, "Ringing"));
        let (sent, _) = drain(&mut p);
        assert_eq!(summary(&sent), [pair(BOBS[2], "CANCEL")]);
        assert_eq!(branch_id(&sent[0].1), branch_id(&b[2]));
        // The second ends with 487 (ACKed here, not forwarded); the third had answered before
        // the CANCEL reached it: its 200 goes upstream too (§16.7 step 5), the caller sorts it.
        p.handle_packet(40, peer(BOBS[1]), &respond(&b[1], 487, "Request Terminated"));
        let (sent, events) = drain(&mut p);
        assert_eq!(summary(&sent), [pair(BOBS[1], "ACK")]);
        assert!(events.is_empty());
        p.handle_packet(50, peer(BOBS[2]), &respond(&b[2], 200, "OK"));
        let (sent, events) = drain(&mut p);
        assert_eq!(summary(&sent), [pair(UAC, "200")]);
        assert_eq!(events.len(), 1, "one record for the transaction, now every branch has ended");
        let e = &events[0];
        assert_eq!((e.method.as_str(), e.status, e.duration_ms), ("INVITE", 200, 20));
        assert_eq!(e.branch.as_deref(), Some(branch_id(&b[0]).as_str()), "the first branch answered");
        assert_eq!(e.target.map(|t| t.addr.to_string()).as_deref(), Some(BOBS[0]));
        let contact = |i: usize| format!("sip:bob@{}", BOBS[i]);
        assert_eq!(statuses(e), [(contact(0), 200), (contact(1), 487), (contact(2), 200)]);
        assert_eq!(e.branches[1].branch, branch_id(&b[1]));
        // The CANCELs' own 200s end here.
        p.handle_packet(60, peer(BOBS[1]), &respond(&sent_cancel(&b[1]), 200, "OK"));
        assert!(drain(&mut p).0.is_empty());
    }

    #[test]
    fn forked_options_first_answer_goes_up_and_a_second_stays_here() {
        let mut p = bob_registered(3);
        let options = String::from_utf8(invite("z9hG4bKo1"))
            .unwrap()
            .replace("sip:svc@", "sip:bob@")
            .replacen("INVITE sip", "OPTIONS sip", 1)
            .replace("1 INVITE", "1 OPTIONS")
            .replace("Call-ID: c1", "Call-ID: o1");
        p.handle_packet(0, peer(UAC), options.as_bytes());
        let (sent, _) = drain(&mut p);
        assert_eq!(summary(&sent), [pair(BOBS[0], "OPTIONS"), pair(BOBS[1], "OPTIONS"), pair(BOBS[2], "OPTIONS")]);
        p.handle_packet(10, peer(BOBS[1]), &respond(&sent[1].1, 200, "OK"));
        p.handle_packet(11, peer(BOBS[0]), &respond(&sent[0].1, 200, "OK"));
        p.handle_packet(12, peer(BOBS[2]), &respond(&sent[2].1, 404, "Not Found"));
        let (up, events) = drain(&mut p);
        assert_eq!(summary(&up), [pair(UAC, "200")], "no CANCEL for OPTIONS, one answer upstream");
        assert_eq!(events[0].branch.as_deref(), Some(branch_id(&sent[1].1).as_str()));
        assert_eq!(statuses(&events[0]).iter().map(|s| s.1).collect::<Vec<_>>(), [200, 200, 404]);
        // A retransmission of the answer that went up still goes up.
        p.handle_packet(20, peer(BOBS[1]), &respond(&sent[1].1, 200, "OK"));
        assert_eq!(summary(&drain(&mut p).0), [pair(UAC, "200")]);
    }

    /// The CANCEL the proxy sends for a forwarded INVITE, as the callee sees it.
    fn sent_cancel(invite: &SipMessage) -> SipMessage {
        invite.hop_by_hop("CANCEL", invite.header("To").unwrap())
    }

    #[test]
    fn forked_6xx_cancels_the_other_branches_and_wins_over_their_487() {
        let (mut p, b) = forked(2);
        p.handle_packet(10, peer(BOBS[0]), &respond(&b[0], 180, "Ringing"));
        drain(&mut p);
        p.handle_packet(20, peer(BOBS[1]), &respond(&b[1], 603, "Decline"));
        let (sent, events) = drain(&mut p);
        assert_eq!(summary(&sent), [pair(BOBS[1], "ACK"), pair(BOBS[0], "CANCEL")], "not forwarded yet (§16.7 step 5)");
        assert!(events.is_empty());
        p.handle_packet(30, peer(BOBS[0]), &respond(&b[0], 487, "Request Terminated"));
        let (sent, events) = drain(&mut p);
        assert_eq!(summary(&sent), [pair(BOBS[0], "ACK"), pair(UAC, "603")]);
        assert_eq!(events[0].status, 603);
        assert_eq!(events[0].branch.as_deref(), Some(branch_id(&b[1]).as_str()));
        assert_eq!(statuses(&events[0]).iter().map(|s| s.1).collect::<Vec<_>>(), [487, 603]);
    }

    #[test]
    fn forked_with_no_answer_the_best_response_goes_upstream_once_every_branch_ended() {
        let (mut p, b) = forked(3);
        p.handle_packet(10, peer(BOBS[0]), &respond(&b[0], 486, "Busy Here"));
        p.handle_packet(20, peer(BOBS[1]), &respond(&b[1], 404, "Not Found"));
        let (sent, events) = drain(&mut p);
        assert_eq!(summary(&sent), [pair(BOBS[0], "ACK"), pair(BOBS[1], "ACK")], "hop by hop, per branch");
        assert!(events.is_empty());
        // The third never answers: Timer A, then Timer B at 64*T1 makes it a 408; then the best
        // of 486, 404 and 408 goes up: the lowest class, the lowest status in it.
        let steps = run_timers(&mut p, 40_000);
        let upstream: Vec<(Millis, Option<u16>)> = steps
            .iter()
            .flat_map(|(now, sent, _)| sent.iter().filter(|(to, _)| is_to(to, UAC)).map(|(_, m)| (*now, m.status())))
            .collect();
        assert_eq!(upstream[0], (32_000, Some(404)), "{upstream:?}");
        let resent: Vec<Millis> = steps
            .iter()
            .filter(|(_, sent, _)| sent.iter().any(|(to, m)| is_to(to, BOBS[2]) && m.method() == Some("INVITE")))
            .map(|(now, ..)| *now)
            .collect();
        assert_eq!(resent, [500, 1500, 3500, 7500, 15500, 31500], "Timer A on the silent branch only");
    }

    #[test]
    fn forked_401_and_407_are_answered_with_every_challenge() {
        let (mut p, b) = forked(2);
        let challenge = |m: &SipMessage, code: u16, name: &str, realm: &str| {
            let mut r = message::parse(&respond(m, code, "Unauthorized")).unwrap();
            r.headers
                .push(message::Header { name: name.into(), value: format!("Digest realm=\"{realm}\", nonce=\"n\"") });
            r.to_bytes()
        };
        p.handle_packet(10, peer(BOBS[0]), &challenge(&b[0], 407, "Proxy-Authenticate", "one.example"));
        p.handle_packet(20, peer(BOBS[1]), &challenge(&b[1], 401, "WWW-Authenticate", "two.example"));
        let (sent, _) = drain(&mut p);
        let (_, up) = sent.iter().find(|(to, _)| is_to(to, UAC)).unwrap();
        assert_eq!(up.status(), Some(401));
        assert_eq!(up.header("WWW-Authenticate"), Some("Digest realm=\"two.example\", nonce=\"n\""));
        assert_eq!(up.header("Proxy-Authenticate"), Some("Digest realm=\"one.example\", nonce=\"n\""), "§16.7 step 7");
    }

    #[test]
    fn forked_cancel_from_upstream_cancels_every_branch_each_when_allowed() {
        let (mut p, b) = forked(3);
        p.handle_packet(10, peer(BOBS[0]), &respond(&b[0], 180, "Ringing"));
        p.handle_packet(11, peer(BOBS[1]), &respond(&b[1], 100, "Trying"));
        drain(&mut p);
        let up = String::from_utf8(cancel("z9hG4bKf1")).unwrap().replace("sip:svc@", "sip:bob@");
        p.handle_packet(20, peer(UAC), up.as_bytes());
        let (sent, events) = drain(&mut p);
        assert_eq!(summary(&sent), [pair(UAC, "200"), pair(BOBS[0], "CANCEL"), pair(BOBS[1], "CANCEL")]);
        assert_eq!((events.len(), events[0].method.as_str()), (1, "CANCEL"));
        p.handle_packet(30, peer(BOBS[2]), &respond(&b[2], 100, "Trying"));
        assert_eq!(summary(&drain(&mut p).0), [pair(BOBS[2], "CANCEL")]);
        for (i, at) in [(0, 40), (1, 41), (2, 42)] {
            p.handle_packet(at, peer(BOBS[i]), &respond(&b[i], 487, "Request Terminated"));
        }
        let (sent, events) = drain(&mut p);
        assert_eq!(
            summary(&sent),
            [pair(BOBS[0], "ACK"), pair(BOBS[1], "ACK"), pair(BOBS[2], "ACK"), pair(UAC, "487")]
        );
        assert_eq!(events[0].status, 487);
        assert_eq!(statuses(&events[0]).iter().map(|s| s.1).collect::<Vec<_>>(), [487, 487, 487]);
    }

    #[test]
    fn forked_branch_rings_past_timer_c_alone_and_the_other_answers() {
        let (mut p, b) = forked(2);
        p.handle_packet(10, peer(BOBS[0]), &respond(&b[0], 180, "Ringing"));
        p.handle_packet(20, peer(BOBS[1]), &respond(&b[1], 180, "Ringing"));
        drain(&mut p);
        p.handle_packet(100_000, peer(BOBS[1]), &respond(&b[1], 180, "Ringing"));
        drain(&mut p);
        // Timer C per branch: the first is cancelled at 10 + C, upstream hears nothing yet.
        let steps = run_timers(&mut p, 10 + TIMER_C);
        let fired: Vec<_> =
            steps.iter().filter(|(_, sent, _)| !sent.is_empty()).map(|(now, sent, _)| (*now, summary(sent))).collect();
        assert_eq!(fired, [(10 + TIMER_C, vec![pair(BOBS[0], "CANCEL")])]);
        p.handle_packet(20 + TIMER_C, peer(BOBS[1]), &respond(&b[1], 200, "OK"));
        let (sent, events) = drain(&mut p);
        assert_eq!(summary(&sent), [pair(UAC, "200")]);
        // Every branch has ended: the first with 408 at Timer C, the second with the 200.
        assert_eq!(statuses(&events[0]).iter().map(|s| s.1).collect::<Vec<_>>(), [408, 200]);
        assert_eq!(events[0].branch.as_deref(), Some(branch_id(&b[1]).as_str()));
        // The first's 487 for our CANCEL is ACKed and goes no further.
        p.handle_packet(30 + TIMER_C, peer(BOBS[0]), &respond(&b[0], 487, "Request Terminated"));
        let (sent, events) = drain(&mut p);
        assert_eq!((summary(&sent), events.len()), (vec![pair(BOBS[0], "ACK")], 0));
    }

    fn digest_proxy(lifetime: Millis) -> Proxy {
        use crate::sip::digest::{Algorithm, Users};
        let users = Users::parse("[users.alice]\npassword = \"Circle Of Life\"\n", "example.org").unwrap();
        let auth =
            Auth::new("example.org".into(), users, vec![Algorithm::Sha256, Algorithm::Md5], [9; 32], lifetime, 100);
        Proxy::new(Config {
            local: "127.0.0.1:5060".parse().unwrap(),
            route: Some(format!("sip:{UAS}")),
            policy: None,
            wall_clock_offset_ms: 0,
            max_contacts: crate::sip::MAX_CONTACTS,
            auth: Some(auth),
            resolver_seed: None,
            tls_local: None,
        })
    }

    fn register_as(branch: &str, aor: &str, cseq: u32, auth: Option<&str>) -> Vec<u8> {
        let auth = auth.map(|a| format!("Authorization: {a}\r\n")).unwrap_or_default();
        format!(
            "REGISTER sip:127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP {UAS};branch={branch}\r\nFrom: <sip:{aor}@127.0.0.1>;tag=r\r\n\
             To: <sip:{aor}@127.0.0.1>\r\nCall-ID: d1\r\nCSeq: {cseq} REGISTER\r\nContact: <sip:{aor}@{UAS}>\r\n{auth}Content-Length: 0\r\n\r\n"
        )
        .into_bytes()
    }

    fn challenges_in(m: &SipMessage, header: &str) -> Vec<crate::sip::digest::Challenge> {
        m.headers
            .iter()
            .filter(|h| h.name == header)
            .map(|h| crate::sip::digest::Challenge::parse(&h.value).unwrap())
            .collect()
    }

    fn auth_of(e: &TransactionRecord) -> (&str, Option<&str>, Option<&str>) {
        let a = e.auth.as_ref().expect("an auth record");
        (a.result, a.user.as_deref(), a.reason)
    }

    #[test]
    fn digest_register_is_challenged_accepted_once_and_refused_for_another_aor() {
        use crate::sip::digest::{Algorithm, Credentials};
        let mut p = digest_proxy(300_000);
        p.handle_packet(0, peer(UAS), &register_as("z9hG4bKd1", "alice", 1, None));
        let (sent, events) = drain(&mut p);
        assert_eq!((sent.len(), sent[0].1.status()), (1, Some(401)));
        let offered = challenges_in(&sent[0].1, "WWW-Authenticate");
        assert_eq!(offered.iter().map(|c| c.algorithm).collect::<Vec<_>>(), vec![Algorithm::Sha256, Algorithm::Md5]);
        assert!(offered.iter().all(|c| c.realm == "example.org" && c.qop_auth && !c.stale));
        assert_eq!(auth_of(&events[0]), ("challenged", None, Some("no-credentials")));

        let answer =
            Credentials::answer(&offered[0], "alice", "Circle Of Life", "REGISTER", "sip:127.0.0.1:5060", "c", 1)
                .to_string();
        p.handle_packet(10, peer(UAS), &register_as("z9hG4bKd2", "alice", 2, Some(&answer)));
        let (sent, events) = drain(&mut p);
        assert_eq!(sent[0].1.status(), Some(200));
        assert_eq!(sent[0].1.header("Contact"), Some(format!("<sip:alice@{UAS}>;expires=3600").as_str()));
        assert_eq!(auth_of(&events[0]), ("accepted", Some("alice"), None));
        // The event carries who, never the response or anything a password could be found from.
        let json = serde_json::to_string(&events[0]).unwrap();
        let response = Credentials::parse(&answer).unwrap().response;
        assert!(!json.contains(&response) && !json.contains("Circle"), "{json}");

        // The same credentials in a new transaction: a replay, challenged again.
        p.handle_packet(20, peer(UAS), &register_as("z9hG4bKd3", "alice", 3, Some(&answer)));
        let (sent, events) = drain(&mut p);
        assert_eq!(sent[0].1.status(), Some(401));
        assert!(challenges_in(&sent[0].1, "WWW-Authenticate").iter().all(|c| !c.stale && c.nonce != offered[0].nonce));
        assert_eq!(auth_of(&events[0]), ("challenged", Some("alice"), Some("replay")));
        // A retransmission of the accepted REGISTER is its transaction's: the 200 again.
        p.handle_packet(21, peer(UAS), &register_as("z9hG4bKd2", "alice", 2, Some(&answer)));
        let (sent, events) = drain(&mut p);
        assert_eq!((sent[0].1.status(), events.len()), (Some(200), 0));

        // Alice's password does not register bob.
        let next =
            Credentials::answer(&offered[1], "alice", "Circle Of Life", "REGISTER", "sip:127.0.0.1:5060", "c", 2)
                .to_string();
        p.handle_packet(30, peer(UAS), &register_as("z9hG4bKd4", "bob", 4, Some(&next)));
        let (sent, events) = drain(&mut p);
        assert_eq!(sent[0].1.status(), Some(403));
        assert_eq!(auth_of(&events[0]), ("refused", Some("alice"), Some("user-mismatch")));
        assert_eq!(events[0].refused.as_deref(), Some("digest authentication: user-mismatch"));
        assert!(sent[0].1.header("Warning").is_none(), "the peer is told nothing more than 403");
    }

    #[test]
    fn digest_invite_gets_407_then_goes_on_without_our_credentials() {
        use crate::sip::digest::Credentials;
        let mut p = digest_proxy(300_000);
        p.handle_packet(0, peer(UAC), &invite("z9hG4bKi1"));
        let (sent, events) = drain(&mut p);
        assert_eq!(sent.iter().map(|(_, m)| m.status()).collect::<Vec<_>>(), vec![Some(100), Some(407)]);
        assert!(sent.iter().all(|(to, _)| is_to(to, UAC)), "nothing goes downstream");
        let offered = challenges_in(&sent[1].1, "Proxy-Authenticate");
        assert_eq!(offered.len(), 2);
        assert_eq!(auth_of(&events[0]), ("challenged", None, Some("no-credentials")));
        // The ACK for the 407 ends the transaction here.
        let ack = String::from_utf8(invite("z9hG4bKi1"))
            .unwrap()
            .replacen("INVITE sip", "ACK sip", 1)
            .replace("1 INVITE", "1 ACK")
            .replace("To: <sip:svc@127.0.0.1>", sent[1].1.header("To").map(|t| format!("To: {t}")).as_deref().unwrap());
        p.handle_packet(5, peer(UAC), ack.as_bytes());
        assert!(drain(&mut p).0.is_empty());

        let ours =
            Credentials::answer(&offered[1], "alice", "Circle Of Life", "INVITE", "sip:svc@127.0.0.1:5060", "c", 1);
        let theirs = Credentials { realm: "downstream.example".into(), ..ours.clone() };
        let retry = String::from_utf8(invite("z9hG4bKi2")).unwrap().replace("1 INVITE", "2 INVITE").replace(
            "Content-Length: 0",
            &format!("Proxy-Authorization: {ours}\r\nProxy-Authorization: {theirs}\r\nProxy-Authorization: Basic YTpi\r\nContent-Length: 0"),
        );
        p.handle_packet(10, peer(UAC), retry.as_bytes());
        let (sent, _) = drain(&mut p);
        let (to, forwarded) = &sent[1];
        assert!(is_to(to, UAS));
        let left: Vec<&str> =
            forwarded.headers.iter().filter(|h| h.name == "Proxy-Authorization").map(|h| h.value.as_str()).collect();
        assert_eq!(left, vec![theirs.to_string().as_str(), "Basic YTpi"], "ours consumed (§22.3), the next hops' kept");
        p.handle_packet(20, peer(UAS), &respond(forwarded, 200, "OK"));
        let (_, events) = drain(&mut p);
        assert_eq!((events[0].status, auth_of(&events[0])), (200, ("accepted", Some("alice"), None)));

        // Inside the dialog nothing is challenged: a re-INVITE or BYE with a To tag goes on.
        let bye = String::from_utf8(invite("z9hG4bKi3"))
            .unwrap()
            .replacen("INVITE sip", "BYE sip", 1)
            .replace("1 INVITE", "3 BYE")
            .replace("To: <sip:svc@127.0.0.1>", "To: <sip:svc@127.0.0.1>;tag=b1");
        p.handle_packet(30, peer(UAC), bye.as_bytes());
        let (sent, _) = drain(&mut p);
        assert!(is_to(&sent[0].0, UAS) && sent[0].1.method() == Some("BYE"), "{sent:?}");
    }

    #[test]
    fn digest_nonces_go_stale_on_the_fake_clock_and_wrong_passwords_get_403() {
        use crate::sip::digest::Credentials;
        let mut p = digest_proxy(1_000);
        p.handle_packet(0, peer(UAS), &register_as("z9hG4bKs1", "alice", 1, None));
        let (sent, _) = drain(&mut p);
        let offered = challenges_in(&sent[0].1, "WWW-Authenticate");
        let answer = |nc| {
            Credentials::answer(&offered[0], "alice", "Circle Of Life", "REGISTER", "sip:127.0.0.1:5060", "c", nc)
                .to_string()
        };
        p.handle_packet(999, peer(UAS), &register_as("z9hG4bKs2", "alice", 2, Some(&answer(1))));
        assert_eq!(drain(&mut p).0[0].1.status(), Some(200), "1 ms before its lifetime");
        p.handle_packet(1_000, peer(UAS), &register_as("z9hG4bKs3", "alice", 3, Some(&answer(2))));
        let (sent, events) = drain(&mut p);
        assert_eq!(sent[0].1.status(), Some(401));
        let fresh = challenges_in(&sent[0].1, "WWW-Authenticate");
        assert!(fresh.iter().all(|c| c.stale), "{:?}", sent[0].1);
        assert_eq!(auth_of(&events[0]), ("challenged", Some("alice"), Some("stale")));
        let wrong = Credentials::answer(&fresh[0], "alice", "circle of life", "REGISTER", "sip:127.0.0.1:5060", "c", 1)
            .to_string();
        p.handle_packet(1_001, peer(UAS), &register_as("z9hG4bKs4", "alice", 4, Some(&wrong)));
        let (sent, events) = drain(&mut p);
        assert_eq!(sent[0].1.status(), Some(403));
        assert_eq!(auth_of(&events[0]), ("refused", Some("alice"), Some("wrong-password")));
        p.handle_packet(
            1_002,
            peer(UAS),
            &register_as("z9hG4bKs5", "alice", 5, Some("Digest realm=\"example.org\", username=\"alice\"")),
        );
        let (sent, events) = drain(&mut p);
        assert_eq!(sent[0].1.status(), Some(400));
        assert_eq!(auth_of(&events[0]), ("bad-request", None, Some("malformed")));
    }
}
