//! Locating SIP servers by DNS (RFC 3263 §4): NAPTR, then SRV (RFC 2782), then A or AAAA, as a
//! sans-IO resolver. The caller sends the datagrams [`Resolver::poll_transmit`] gives to the DNS
//! server, feeds back what comes from it ([`Resolver::handle_datagram`]) and its deadlines
//! ([`Resolver::handle_timeout`]), and asks [`Resolver::lookup`] again once
//! [`Resolver::poll_done`] names a host. No sockets, no clock: time is an argument.
//!
//! What a name resolves to is an ordered list of [`Destination`]s: the first to try, then the
//! ones to fail over to (§4.3). Results are cached for their records' TTL (at least 1 s, at
//! most [`MAX_TTL_S`]); failures for [`NEGATIVE_TTL_S`].

pub mod message;

use crate::time::Millis;
use message::{RData, Record, Response, TYPE_A, TYPE_AAAA, TYPE_NAPTR, TYPE_SRV};
use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};

/// How long one query waits for its answer before it is sent again.
pub const QUERY_TIMEOUT_MS: Millis = 1_000;
/// Sends of one query before the lookup gives up on the server.
pub const QUERY_ATTEMPTS: u32 = 3;
/// Names being resolved at once; a lookup beyond fails at once.
pub const MAX_LOOKUPS: usize = 64;
/// Destinations kept for one name (SRV targets times addresses).
pub const MAX_DESTINATIONS: usize = 16;
/// Names remembered, answers and failures together.
pub const MAX_CACHED: usize = 1024;
pub const MAX_TTL_S: u32 = 3600;
pub const NEGATIVE_TTL_S: u32 = 10;
/// CNAME links followed in one answer.
const MAX_CNAMES: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transport {
    Udp,
    Tcp,
    /// TLS over TCP (RFC 3261 §26): `SIPS+D2T` in NAPTR, `_sips._tcp` in SRV.
    Tls,
}

impl Transport {
    fn srv_label(self) -> &'static str {
        match self {
            Transport::Udp => "_sip._udp",
            Transport::Tcp => "_sip._tcp",
            Transport::Tls => "_sips._tcp",
        }
    }

    /// The port when neither the URI nor SRV names one (RFC 3261 §19.1.2).
    pub fn default_port(self) -> u16 {
        match self {
            Transport::Udp | Transport::Tcp => 5060,
            Transport::Tls => 5061,
        }
    }
}

/// What a SIP URI says about where it goes (RFC 3263 §4.1-4.2): the host, and the port and
/// transport when the URI names them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SipHost {
    pub host: String,
    pub port: Option<u16>,
    pub transport: Option<Transport>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Destination {
    pub transport: Transport,
    pub addr: SocketAddr,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Ready(Vec<Destination>),
    /// Queries are under way; [`Resolver::poll_done`] names the host when they end.
    Pending,
    Failed(String),
}

/// Which addresses are any use: the family of the socket the caller sends from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    V4,
    V6,
}

struct Cached {
    until: Millis,
    result: Result<Vec<Destination>, String>,
}

/// One SRV target to find addresses for, in the order destinations are tried.
#[derive(Clone, Debug)]
struct Server {
    transport: Transport,
    name: String,
    port: u16,
}

enum Stage {
    Naptr,
    /// SRV names to query, by transport, in order.
    Srv(Vec<(Transport, String)>),
    Addresses(Vec<Server>),
}

struct Job {
    stage: Stage,
    /// Queries of this stage still unanswered.
    pending: usize,
    /// Answers of this stage, by query name.
    answers: HashMap<String, Vec<Record>>,
    /// Addresses learnt from additional sections, by name.
    glue: HashMap<String, Vec<IpAddr>>,
    ttl: u32,
    /// Why a query gave nothing (timeouts, server failures), for the failure's text.
    trouble: Option<String>,
}

struct Query {
    host: SipHost,
    name: String,
    qtype: u16,
    bytes: Vec<u8>,
    attempts: u32,
    deadline: Millis,
}

pub struct Resolver {
    family: Family,
    cache: HashMap<SipHost, Cached>,
    jobs: HashMap<SipHost, Job>,
    queries: HashMap<u16, Query>,
    out: VecDeque<Vec<u8>>,
    done: VecDeque<SipHost>,
    rng: u64,
}

impl Resolver {
    /// `seed` makes query ids and SRV weight choices unpredictable; pass OS randomness.
    pub fn new(family: Family, seed: u64) -> Self {
        Resolver {
            family,
            cache: HashMap::new(),
            jobs: HashMap::new(),
            queries: HashMap::new(),
            out: VecDeque::new(),
            done: VecDeque::new(),
            rng: seed | 1,
        }
    }

    fn random(&mut self) -> u64 {
        // xorshift64*: ids and weights need to be hard to guess, not cryptographic.
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        self.rng.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Where `host` goes: from the cache, or `Pending` while queries start.
    pub fn lookup(&mut self, now: Millis, host: &SipHost) -> Lookup {
        if let Ok(ip) = host.host.parse::<IpAddr>() {
            let transport = host.transport.unwrap_or(Transport::Udp);
            return Lookup::Ready(vec![Destination {
                transport,
                addr: SocketAddr::new(ip, host.port.unwrap_or(transport.default_port())),
            }]);
        }
        if let Some(c) = self.cache.get(host) {
            if c.until > now {
                return match &c.result {
                    Ok(d) => Lookup::Ready(d.clone()),
                    Err(e) => Lookup::Failed(e.clone()),
                };
            }
        }
        if self.jobs.contains_key(host) {
            return Lookup::Pending;
        }
        if self.jobs.len() >= MAX_LOOKUPS {
            return Lookup::Failed(format!("{MAX_LOOKUPS} names being resolved already, the limit"));
        }
        let name = host.host.to_ascii_lowercase();
        let (stage, queries) = match (host.port, host.transport) {
            // §4.2: a port means no NAPTR or SRV; a transport alone means SRV for it.
            (Some(port), transport) => {
                let server = Server { transport: transport.unwrap_or(Transport::Udp), name: name.clone(), port };
                (Stage::Addresses(vec![server]), vec![(name, address_type(self.family))])
            }
            (None, Some(t)) => {
                let srv = format!("{}.{name}", t.srv_label());
                (Stage::Srv(vec![(t, srv.clone())]), vec![(srv, TYPE_SRV)])
            }
            (None, None) => (Stage::Naptr, vec![(name, TYPE_NAPTR)]),
        };
        let job =
            Job { stage, pending: 0, answers: HashMap::new(), glue: HashMap::new(), ttl: MAX_TTL_S, trouble: None };
        self.jobs.insert(host.clone(), job);
        for (name, qtype) in queries {
            self.ask(now, host, name, qtype);
        }
        self.settle(now, host);
        match self.jobs.contains_key(host) {
            true => Lookup::Pending,
            false => self.lookup(now, host),
        }
    }

    /// Sends one query for `host`'s job, counted as pending in it.
    fn ask(&mut self, now: Millis, host: &SipHost, name: String, qtype: u16) {
        let mut id = self.random() as u16;
        while self.queries.contains_key(&id) {
            id = id.wrapping_add(1);
        }
        let Some(job) = self.jobs.get_mut(host) else { return };
        match message::query(id, &name, qtype) {
            Ok(bytes) => {
                job.pending += 1;
                self.out.push_back(bytes.clone());
                let q = Query { host: host.clone(), name, qtype, bytes, attempts: 1, deadline: now + QUERY_TIMEOUT_MS };
                self.queries.insert(id, q);
            }
            Err(e) => job.trouble = Some(e.to_string()),
        }
    }

    /// A datagram to send to the DNS server.
    pub fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.out.pop_front()
    }

    /// A host whose lookup ended (answer or failure): [`lookup`](Self::lookup) has it now.
    pub fn poll_done(&mut self) -> Option<SipHost> {
        self.done.pop_front()
    }

    pub fn poll_timeout(&self) -> Option<Millis> {
        self.queries.values().map(|q| q.deadline).min()
    }

    pub fn handle_timeout(&mut self, now: Millis) {
        let due: Vec<u16> = self.queries.iter().filter(|(_, q)| q.deadline <= now).map(|(id, _)| *id).collect();
        for id in due {
            let Some(q) = self.queries.get_mut(&id) else { continue };
            if q.attempts < QUERY_ATTEMPTS {
                q.attempts += 1;
                q.deadline = now + QUERY_TIMEOUT_MS;
                self.out.push_back(q.bytes.clone());
                continue;
            }
            let Some(q) = self.queries.remove(&id) else { continue };
            if let Some(job) = self.jobs.get_mut(&q.host) {
                job.pending -= 1;
                job.trouble = Some(format!("the DNS server did not answer {} queries for {}", QUERY_ATTEMPTS, q.name));
                job.answers.entry(q.name).or_default();
            }
            self.settle(now, &q.host);
        }
    }

    /// A datagram from the DNS server. One that answers no query of ours (its id, name and type)
    /// is ignored, as are malformed ones: an attacker who cannot see our queries cannot feed
    /// us answers without guessing both the id and the question.
    pub fn handle_datagram(&mut self, now: Millis, bytes: &[u8]) -> Result<(), message::DnsError> {
        let resp = message::parse(bytes)?;
        let Some(q) = self.queries.get(&resp.id) else { return Ok(()) };
        if resp.question.as_ref() != Some(&(q.name.clone(), q.qtype)) {
            return Ok(());
        }
        let Some(q) = self.queries.remove(&resp.id) else { return Ok(()) };
        let Some(job) = self.jobs.get_mut(&q.host) else { return Ok(()) };
        job.pending -= 1;
        absorb(job, &q, resp, self.family);
        self.settle(now, &q.host);
        Ok(())
    }

    /// Moves `host`'s job on when its stage has every answer: NAPTR to SRV, SRV to addresses,
    /// addresses to the result.
    fn settle(&mut self, now: Millis, host: &SipHost) {
        let Some(job) = self.jobs.get_mut(host) else { return };
        if job.pending > 0 {
            return;
        }
        let name = host.host.to_ascii_lowercase();
        let answers = std::mem::take(&mut job.answers);
        let stage = std::mem::replace(&mut job.stage, Stage::Naptr);
        let (stage, queries) = match stage {
            Stage::Naptr => {
                let srvs = naptr_services(&answers, &name);
                let queries = srvs.iter().map(|(_, s)| (s.clone(), TYPE_SRV)).collect();
                (Stage::Srv(srvs), queries)
            }
            Stage::Srv(srvs) => {
                let mut servers = Vec::new();
                for (transport, srv_name) in srvs {
                    let records = srv_records(&answers, &srv_name);
                    for (port, target) in self.srv_order(records) {
                        servers.push(Server { transport, name: target, port });
                    }
                }
                if servers.is_empty() {
                    // §4.2: no SRV records: the host's own address, the transport's default port.
                    let transport = host.transport.unwrap_or(Transport::Udp);
                    servers.push(Server { transport, name: name.clone(), port: transport.default_port() });
                }
                servers.truncate(MAX_DESTINATIONS);
                let Some(job) = self.jobs.get(host) else { return };
                let mut queries: Vec<(String, u16)> = Vec::new();
                for s in &servers {
                    if !job.glue.contains_key(&s.name) && !queries.iter().any(|(n, _)| *n == s.name) {
                        queries.push((s.name.clone(), address_type(self.family)));
                    }
                }
                (Stage::Addresses(servers), queries)
            }
            Stage::Addresses(servers) => {
                let Some(job) = self.jobs.remove(host) else { return };
                let mut found = Vec::new();
                for s in servers {
                    let ips =
                        job.glue.get(&s.name).cloned().unwrap_or_else(|| addresses(&answers, &s.name, self.family));
                    for ip in ips {
                        let d = Destination { transport: s.transport, addr: SocketAddr::new(ip, s.port) };
                        if !found.contains(&d) && found.len() < MAX_DESTINATIONS {
                            found.push(d);
                        }
                    }
                }
                let (result, ttl) = if found.is_empty() {
                    let why = job.trouble.unwrap_or_else(|| "no address records".into());
                    (Err(format!("{}: {why}", host.host)), NEGATIVE_TTL_S)
                } else {
                    (Ok(found), job.ttl.min(MAX_TTL_S))
                };
                self.remember(now, host.clone(), result, ttl);
                self.done.push_back(host.clone());
                return;
            }
        };
        if let Some(job) = self.jobs.get_mut(host) {
            job.stage = stage;
        }
        for (name, qtype) in queries {
            self.ask(now, host, name, qtype);
        }
        self.settle(now, host);
    }

    /// RFC 2782's order: by priority; within one, a weighted random draw, again and again.
    fn srv_order(&mut self, mut records: Vec<(u16, u16, u16, String)>) -> Vec<(u16, String)> {
        records.sort_by_key(|r| r.0);
        let mut out = Vec::with_capacity(records.len());
        while !records.is_empty() {
            let priority = records[0].0;
            let same = records.iter().take_while(|r| r.0 == priority).count();
            let mut group: Vec<_> = records.drain(..same).collect();
            // Zero weights first, as the RFC has it, so they get a small chance.
            group.sort_by_key(|r| r.1 != 0);
            while !group.is_empty() {
                let total: u64 = group.iter().map(|r| r.1 as u64).sum();
                let draw = if total == 0 { 0 } else { self.random() % (total + 1) };
                let mut running = 0;
                let pick = group
                    .iter()
                    .position(|r| {
                        running += r.1 as u64;
                        running >= draw
                    })
                    .unwrap_or(0);
                let r = group.remove(pick);
                out.push((r.2, r.3));
            }
        }
        out
    }

    fn remember(&mut self, now: Millis, host: SipHost, result: Result<Vec<Destination>, String>, ttl_s: u32) {
        if self.cache.len() >= MAX_CACHED {
            self.cache.retain(|_, c| c.until > now);
            if self.cache.len() >= MAX_CACHED {
                if let Some(k) = self.cache.keys().next().cloned() {
                    self.cache.remove(&k);
                }
            }
        }
        // At least a second, whatever the TTL: a request parked for a name takes the result
        // from here when it goes on (a TTL of 0, dnsmasq's default for its own records, would
        // send it back to the server for ever).
        self.cache.insert(host, Cached { until: now + ttl_s.max(1) as Millis * 1000, result });
    }
}

fn address_type(family: Family) -> u16 {
    match family {
        Family::V4 => TYPE_A,
        Family::V6 => TYPE_AAAA,
    }
}

/// Files a response's records into the job: answers under the query's name (CNAMEs followed),
/// addresses of the additional section as glue; a server failure noted.
fn absorb(job: &mut Job, q: &Query, resp: Response, family: Family) {
    if resp.rcode != 0 && resp.rcode != message::RCODE_NXDOMAIN {
        job.trouble = Some(format!("the DNS server answered rcode {} for {}", resp.rcode, q.name));
    }
    let mut owner = q.name.clone();
    for _ in 0..MAX_CNAMES {
        match resp.answers.iter().find_map(|r| match &r.data {
            RData::Cname(to) if r.name == owner => Some(to.clone()),
            _ => None,
        }) {
            Some(to) => owner = to,
            None => break,
        }
    }
    let mut mine: Vec<Record> = Vec::new();
    for r in resp.answers.iter().filter(|r| r.rtype == q.qtype && (r.name == owner || r.name == q.name)) {
        job.ttl = job.ttl.min(r.ttl);
        let mut r = r.clone();
        r.name = q.name.clone();
        mine.push(r);
    }
    job.answers.entry(q.name.clone()).or_default().extend(mine);
    for r in &resp.additional {
        let ip = match (&r.data, family) {
            (RData::A(a), Family::V4) => IpAddr::V4(*a),
            (RData::Aaaa(a), Family::V6) => IpAddr::V6(*a),
            _ => continue,
        };
        job.ttl = job.ttl.min(r.ttl);
        job.glue.entry(r.name.clone()).or_default().push(ip);
    }
}

/// §4.1: the SRV names of the NAPTR records for transports we speak, best first; when there
/// are none, the SRV names of every transport (UDP first).
fn naptr_services(answers: &HashMap<String, Vec<Record>>, name: &str) -> Vec<(Transport, String)> {
    let mut naptrs: Vec<(u16, u16, Transport, String)> = answers
        .get(name)
        .into_iter()
        .flatten()
        .filter_map(|r| match &r.data {
            RData::Naptr { order, preference, flags, services, replacement } if flags == "s" => {
                let t = match services.as_str() {
                    "SIP+D2U" => Transport::Udp,
                    "SIP+D2T" => Transport::Tcp,
                    "SIPS+D2T" => Transport::Tls,
                    _ => return None,
                };
                Some((*order, *preference, t, replacement.clone()))
            }
            _ => None,
        })
        .collect();
    naptrs.sort_by_key(|n| (n.0, n.1));
    if naptrs.is_empty() {
        return [Transport::Udp, Transport::Tcp].map(|t| (t, format!("{}.{name}", t.srv_label()))).to_vec();
    }
    naptrs.into_iter().map(|n| (n.2, n.3)).collect()
}

/// The SRV records answered for `srv_name`: (priority, weight, port, target). A target "."
/// (RFC 2782: the service is not offered there) is left out.
fn srv_records(answers: &HashMap<String, Vec<Record>>, srv_name: &str) -> Vec<(u16, u16, u16, String)> {
    answers
        .get(srv_name)
        .into_iter()
        .flatten()
        .filter_map(|r| match &r.data {
            RData::Srv { priority, weight, port, target } if !target.is_empty() => {
                Some((*priority, *weight, *port, target.clone()))
            }
            _ => None,
        })
        .collect()
}

/// The addresses of `name` of the wanted family among the answers.
fn addresses(answers: &HashMap<String, Vec<Record>>, name: &str, family: Family) -> Vec<IpAddr> {
    answers
        .get(name)
        .into_iter()
        .flatten()
        .filter_map(|r| match (r.data.clone(), family) {
            (RData::A(a), Family::V4) => Some(IpAddr::V4(a)),
            (RData::Aaaa(a), Family::V6) => Some(IpAddr::V6(a)),
            _ => None,
        })
        .collect()
}

/// The fuzz target's way in (`fuzz/fuzz_targets/dns.rs`, replayed by `tests/fuzz_replay.rs`):
/// `bytes` as the server's answer to every query of one lookup, its id made to match, then the
/// lookup timed out. Returns whether `bytes` parse as a DNS response, and how the lookup ended.
pub fn fuzz_one(bytes: &[u8]) -> (bool, Lookup) {
    let parses = message::parse(bytes).is_ok();
    let mut resolver = Resolver::new(Family::V4, 1);
    let host = SipHost { host: "example.test".into(), port: None, transport: None };
    resolver.lookup(0, &host);
    let mut answers = 0;
    while let Some(q) = resolver.poll_transmit() {
        if answers == 32 {
            break;
        }
        answers += 1;
        let mut answer = bytes.to_vec();
        if answer.len() >= 2 {
            answer[..2].copy_from_slice(&q[..2]);
        }
        let _ = resolver.handle_datagram(0, &answer);
    }
    // Whatever is still unanswered times out, attempt after attempt.
    let mut now = 0;
    while let Some(at) = resolver.poll_timeout() {
        now = at;
        resolver.handle_timeout(now);
        while resolver.poll_transmit().is_some() {}
    }
    (parses, resolver.lookup(now, &host))
}

#[cfg(test)]
mod tests {
    use super::*;
    use message::query;

    /// The test's DNS server: a zone of (name, type, ttl, rdata) records; it answers each query
    /// with the records of its name and type (NXDOMAIN when it has none of any type).
    struct Zone(Vec<(&'static str, u16, u32, Vec<u8>)>);

    fn name_wire(name: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for label in name.split('.').filter(|l| !l.is_empty()) {
            out.push(label.len() as u8);
            out.extend_from_slice(label.as_bytes());
        }
        out.push(0);
        out
    }

    fn srv(priority: u16, weight: u16, port: u16, target: &str) -> Vec<u8> {
        [priority.to_be_bytes(), weight.to_be_bytes(), port.to_be_bytes()]
            .concat()
            .into_iter()
            .chain(name_wire(target))
            .collect()
    }

    fn naptr(order: u16, pref: u16, services: &str, replacement: &str) -> Vec<u8> {
        let mut d = [order.to_be_bytes(), pref.to_be_bytes()].concat();
        d.extend_from_slice(&[1, b'S', services.len() as u8]);
        d.extend_from_slice(services.as_bytes());
        d.push(0);
        d.extend(name_wire(replacement));
        d
    }

    impl Zone {
        fn answer(&self, query: &[u8]) -> Vec<u8> {
            let mut asked = query.to_vec();
            asked[2] |= 0x80;
            let (qname, qtype) = message::parse(&asked).unwrap().question.unwrap();
            let records: Vec<_> = self.0.iter().filter(|r| r.0 == qname && r.1 == qtype).collect();
            let known = self.0.iter().any(|r| r.0 == qname);
            let mut m = query.to_vec();
            m[2] = 0x81;
            m[3] = if known { 0x80 } else { 0x83 };
            m[6..8].copy_from_slice(&(records.len() as u16).to_be_bytes());
            for (_, t, ttl, data) in records {
                m.extend_from_slice(&[0xC0, 12]);
                m.extend_from_slice(&t.to_be_bytes());
                m.extend_from_slice(&[0, 1]);
                m.extend_from_slice(&ttl.to_be_bytes());
                m.extend_from_slice(&(data.len() as u16).to_be_bytes());
                m.extend_from_slice(data);
            }
            m
        }

        /// Answers every query the resolver has to send, until it has none.
        fn serve(&self, r: &mut Resolver, now: Millis) -> usize {
            let mut n = 0;
            while let Some(q) = r.poll_transmit() {
                n += 1;
                r.handle_datagram(now, &self.answer(&q)).unwrap();
            }
            n
        }
    }

    fn host(h: &str, port: Option<u16>, transport: Option<Transport>) -> SipHost {
        SipHost { host: h.into(), port, transport }
    }

    fn dest(t: Transport, a: &str) -> Destination {
        Destination { transport: t, addr: a.parse().unwrap() }
    }

    fn resolve(zone: &Zone, r: &mut Resolver, h: &SipHost) -> (Lookup, usize) {
        assert_eq!(r.lookup(0, h), Lookup::Pending);
        let queries = zone.serve(r, 0);
        assert_eq!(r.poll_done().as_ref(), Some(h));
        (r.lookup(0, h), queries)
    }

    #[test]
    fn naptr_then_srv_by_priority_then_addresses() {
        let zone = Zone(vec![
            ("example.test", TYPE_NAPTR, 300, naptr(10, 10, "SIP+D2T", "_sip._tcp.example.test")),
            ("example.test", TYPE_NAPTR, 300, naptr(20, 10, "SIPS+D2T", "_sips._tcp.example.test")),
            ("_sip._tcp.example.test", TYPE_SRV, 300, srv(20, 0, 5080, "b.example.test")),
            ("_sip._tcp.example.test", TYPE_SRV, 60, srv(10, 0, 5070, "a.example.test")),
            ("_sips._tcp.example.test", TYPE_SRV, 300, srv(10, 0, 5071, "a.example.test")),
            ("a.example.test", TYPE_A, 300, vec![127, 0, 0, 2]),
            ("b.example.test", TYPE_A, 300, vec![127, 0, 0, 3]),
        ]);
        let mut r = Resolver::new(Family::V4, 42);
        let (found, queries) = resolve(&zone, &mut r, &host("Example.test", None, None));
        let want = vec![
            dest(Transport::Tcp, "127.0.0.2:5070"),
            dest(Transport::Tcp, "127.0.0.3:5080"),
            dest(Transport::Tls, "127.0.0.2:5071"),
        ];
        assert_eq!(found, Lookup::Ready(want.clone()));
        assert_eq!(queries, 5, "NAPTR, SRV for each service (TCP, then TLS), and one A per target");
        // Cached for the smallest TTL (60 s): no query until then.
        assert_eq!(r.lookup(59_999, &host("Example.test", None, None)), Lookup::Ready(want));
        assert!(r.poll_transmit().is_none());
        assert_eq!(r.lookup(60_000, &host("Example.test", None, None)), Lookup::Pending);
    }

    #[test]
    fn without_naptr_srv_for_each_transport_and_without_srv_the_host_itself() {
        let zone = Zone(vec![
            ("_sip._udp.srv.test", TYPE_SRV, 300, srv(1, 0, 5062, "srv.test")),
            ("srv.test", TYPE_A, 300, vec![127, 0, 0, 5]),
            ("plain.test", TYPE_A, 300, vec![127, 0, 0, 6]),
        ]);
        let mut r = Resolver::new(Family::V4, 1);
        let (found, _) = resolve(&zone, &mut r, &host("srv.test", None, None));
        assert_eq!(found, Lookup::Ready(vec![dest(Transport::Udp, "127.0.0.5:5062")]));
        let (found, _) = resolve(&zone, &mut r, &host("plain.test", None, Some(Transport::Tcp)));
        assert_eq!(found, Lookup::Ready(vec![dest(Transport::Tcp, "127.0.0.6:5060")]));
        // A port in the URI: the address only (§4.2).
        let (found, queries) = resolve(&zone, &mut r, &host("plain.test", Some(7000), None));
        assert_eq!((found, queries), (Lookup::Ready(vec![dest(Transport::Udp, "127.0.0.6:7000")]), 1));
        // Nothing at all: a failure naming the host, remembered for a while.
        let (found, _) = resolve(&zone, &mut r, &host("nowhere.test", None, None));
        assert_eq!(found, Lookup::Failed("nowhere.test: no address records".into()));
        assert_eq!(
            r.lookup(9_999, &host("nowhere.test", None, None)),
            Lookup::Failed("nowhere.test: no address records".into())
        );
    }

    #[test]
    fn a_silent_server_is_asked_three_times_then_the_lookup_fails() {
        let mut r = Resolver::new(Family::V4, 7);
        let h = host("quiet.test", Some(5060), None);
        assert_eq!(r.lookup(0, &h), Lookup::Pending);
        let first = r.poll_transmit().unwrap();
        for _ in 1..QUERY_ATTEMPTS {
            let now = r.poll_timeout().unwrap();
            r.handle_timeout(now);
            assert_eq!(r.poll_transmit(), Some(first.clone()), "the same query again");
        }
        let now = r.poll_timeout().unwrap();
        assert_eq!(now, QUERY_TIMEOUT_MS * QUERY_ATTEMPTS as Millis);
        r.handle_timeout(now);
        assert_eq!(r.poll_done(), Some(h.clone()));
        match r.lookup(now, &h) {
            Lookup::Failed(why) => assert!(why.contains("did not answer 3 queries"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(r.poll_timeout(), None);
    }

    #[test]
    fn answers_to_other_questions_or_ids_are_ignored() {
        let zone =
            Zone(vec![("spoof.test", TYPE_A, 300, vec![6, 6, 6, 6]), ("real.test", TYPE_A, 300, vec![127, 0, 0, 7])]);
        let mut r = Resolver::new(Family::V4, 9);
        let h = host("real.test", Some(5060), None);
        assert_eq!(r.lookup(0, &h), Lookup::Pending);
        let q = r.poll_transmit().unwrap();
        // Right id, other question; and the right answer under another id.
        let mut other = query(u16::from_be_bytes([q[0], q[1]]), "spoof.test", TYPE_A).unwrap();
        r.handle_datagram(0, &zone.answer(&other)).unwrap();
        other = zone.answer(&q);
        other[0] ^= 0xFF;
        r.handle_datagram(0, &other).unwrap();
        assert_eq!(r.lookup(0, &h), Lookup::Pending);
        r.handle_datagram(0, &zone.answer(&q)).unwrap();
        assert_eq!(r.lookup(0, &h), Lookup::Ready(vec![dest(Transport::Udp, "127.0.0.7:5060")]));
    }

    #[test]
    fn srv_weights_share_the_first_place_by_weight() {
        let mut r = Resolver::new(Family::V4, 3);
        let mut first_heavy = 0;
        for _ in 0..1000 {
            let order =
                r.srv_order(vec![(1, 10, 1, "light".into()), (1, 90, 2, "heavy".into()), (2, 0, 3, "backup".into())]);
            assert_eq!(order.len(), 3);
            assert_eq!(order[2].1, "backup", "a worse priority always comes last");
            first_heavy += usize::from(order[0].1 == "heavy");
        }
        assert!((850..=950).contains(&first_heavy), "{first_heavy} of 1000");
    }
}
