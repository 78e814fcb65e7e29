//! Addressing: which peer a URI or Via designates, whether a URI is the proxy itself, and the
//! next hop of a request (RFC 3261 §16.4-16.5). A next hop named by a domain is a
//! [`Dest::Name`], for the proxy's resolver (RFC 3263, `crate::dns`) to turn into peers.

use super::message::{self, split_host_port, SipMessage, StartLine, Uri, Via};
use super::registrar::Registrar;
use crate::dns;
use crate::time::Millis;
use serde::Serialize;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Udp,
    Tcp,
}

impl Transport {
    /// The transport's name in a Via header.
    pub(super) fn via_name(self) -> &'static str {
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

/// Why a request has nowhere to go: the final response the proxy answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct NoRoute {
    pub code: u16,
    pub reason: &'static str,
}

/// An IP address for `host`: an IP literal, or `localhost`.
pub(super) fn resolve(host: &str) -> Option<IpAddr> {
    if host.eq_ignore_ascii_case("localhost") {
        return Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    host.parse().ok()
}

/// The transport a URI's `transport` parameter names, if it names one we speak.
fn transport_param(u: &Uri) -> Option<Transport> {
    let value = u.params.iter().find(|(k, _)| k.eq_ignore_ascii_case("transport"))?.1?;
    if value.eq_ignore_ascii_case("tcp") {
        Some(Transport::Tcp)
    } else if value.eq_ignore_ascii_case("udp") {
        Some(Transport::Udp)
    } else {
        None
    }
}

/// The peer a URI designates (transport parameter, port default 5060), when its host is an IP
/// address (or `localhost`).
pub(super) fn peer_of(uri: &str) -> Option<Peer> {
    match dest_of(uri)? {
        Dest::Peer(p) => Some(p),
        Dest::Name(_) => None,
    }
}

/// Where a URI goes: a peer when its host is an address, else the name to resolve with the
/// URI's port and transport (RFC 3263 §4.1-4.2 decide what the resolver asks from them).
pub(super) fn dest_of(uri: &str) -> Option<Dest> {
    let u = Uri::parse(uri)?;
    let transport = transport_param(&u);
    if let Some(ip) = resolve(u.host) {
        let transport = transport.unwrap_or(Transport::Udp);
        return Some(Dest::Peer(Peer { transport, addr: SocketAddr::new(ip, u.port.unwrap_or(5060)) }));
    }
    let transport = transport.map(|t| match t {
        Transport::Udp => dns::Transport::Udp,
        Transport::Tcp => dns::Transport::Tcp,
    });
    let host = u.host.to_ascii_lowercase();
    Some(Dest::Name(dns::SipHost { host, port: u.port, transport }))
}

/// A next hop: a peer, or a domain name the resolver has to find peers for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Dest {
    Peer(Peer),
    Name(dns::SipHost),
}

impl From<dns::Destination> for Peer {
    fn from(d: dns::Destination) -> Peer {
        let transport = match d.transport {
            dns::Transport::Udp => Transport::Udp,
            dns::Transport::Tcp => Transport::Tcp,
        };
        Peer { transport, addr: d.addr }
    }
}

/// The peer to send a response to, from a Via (received/rport first).
pub(super) fn via_peer(via: &Via, transport: Transport) -> Option<Peer> {
    let host = via.param("received").flatten().unwrap_or(via.host);
    let port = via.param("rport").flatten().and_then(|p| p.parse().ok()).or(via.port).unwrap_or(5060);
    let ip = resolve(host)?;
    let transport = if via.transport.eq_ignore_ascii_case("TCP") { Transport::Tcp } else { transport };
    Some(Peer { transport, addr: SocketAddr::new(ip, port) })
}

/// A Via's sent-by, `host:port` with the default port filled in, for transaction keys.
pub(super) fn sent_by(via: &Via) -> String {
    format!("{}:{}", via.host.to_ascii_lowercase(), via.port.unwrap_or(5060))
}

/// The URI inside a name-addr (`"Bob" <sip:bob@h>;tag=x`) or an addr-spec with parameters.
pub(super) fn uri_in(value: &str) -> &str {
    match (value.find('<'), value.find('>')) {
        (Some(a), Some(b)) if a < b => &value[a + 1..b],
        _ => value.split(';').next().unwrap_or(value),
    }
}

/// Whether `uri` designates the proxy listening on `local` (any loopback address counts as
/// ours when we listen on one).
pub(super) fn is_us(local: SocketAddr, uri: &str) -> bool {
    let Some(u) = Uri::parse(uri) else { return false };
    let port = u.port.unwrap_or(5060);
    port == local.port()
        && resolve(u.host).is_some_and(|ip| ip == local.ip() || (ip.is_loopback() && local.ip().is_loopback()))
}

/// Branches a request to a registered address-of-record is forked to, at most (§16.7): as many
/// as [`registrar::MAX_CONTACTS`](super::registrar::MAX_CONTACTS), the bindings one AOR holds
/// by default. With `--max-contacts` above it, the oldest bindings are called.
pub const MAX_BRANCHES: usize = 10;

/// One place a request goes: the peer, and the Request-URI to send it with when that changes
/// (a registered contact).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Target {
    pub dest: Dest,
    pub uri: Option<String>,
}

/// §16.4 and §16.5: pops our own Route, then picks where the request goes: the next Route; for
/// a Request-URI of ours, every registered contact (at most [`MAX_BRANCHES`], each becoming its
/// branch's Request-URI; contacts that are not SIP URIs are skipped); for a new request,
/// `default_route` (`--route`) when given; otherwise (in-dialog requests to a remote target)
/// the Request-URI. Never empty when `Ok`.
pub(super) fn targets(
    now: Millis,
    local: SocketAddr,
    default_route: Option<&str>,
    registrar: &Registrar,
    req: &mut SipMessage,
) -> Result<Vec<Target>, NoRoute> {
    let bad_gateway = |reason| NoRoute { code: 502, reason };
    let one = |dest| Ok(vec![Target { dest, uri: None }]);
    if let Some(top) = req.header_values("Route").first().map(|v| uri_in(v).to_owned()) {
        if is_us(local, &top) {
            req.remove_first_value("Route");
        }
    }
    if let Some(next) = req.header_values("Route").first().map(|v| uri_in(v).to_owned()) {
        return dest_of(&next).map_or(Err(bad_gateway("Bad Gateway (next hop is not a SIP URI)")), one);
    }
    let uri = req.uri().unwrap_or("").to_owned();
    let ours = is_us(local, &uri);
    if ours {
        let user = Uri::parse(&uri).and_then(|u| u.user).unwrap_or("");
        let contacts: Vec<&str> = registrar.contacts_for(user, now).take(MAX_BRANCHES).collect();
        if !contacts.is_empty() {
            let found: Vec<Target> = contacts
                .iter()
                .filter_map(|c| dest_of(c).map(|dest| Target { dest, uri: Some((*c).to_owned()) }))
                .collect();
            if found.is_empty() {
                return Err(bad_gateway("Bad Gateway (contact is not a SIP URI)"));
            }
            return Ok(found);
        }
    }
    let in_dialog = req.header("To").and_then(message::tag).is_some();
    if ours || !in_dialog {
        if let Some(r) = default_route {
            return dest_of(r).map_or(Err(bad_gateway("Bad Gateway (route is not a SIP URI)")), one);
        }
    }
    if ours {
        return Err(NoRoute { code: 404, reason: "Not Found" });
    }
    dest_of(&uri).map_or(Err(bad_gateway("Bad Gateway (Request-URI is not a SIP URI)")), one)
}

/// The one next hop of a request forwarded statelessly (an ACK for a 2xx): the first of
/// [`targets`], its Request-URI applied.
pub(super) fn next_hop(
    now: Millis,
    local: SocketAddr,
    default_route: Option<&str>,
    registrar: &Registrar,
    req: &mut SipMessage,
) -> Result<Dest, NoRoute> {
    let first = targets(now, local, default_route, registrar, req)?.swap_remove(0);
    if let (Some(contact), StartLine::Request { uri, .. }) = (first.uri, &mut req.start) {
        *uri = contact;
    }
    Ok(first.dest)
}

/// Parses a next hop given on the command line (`escalate --via`): `HOST:PORT` (UDP), or a SIP
/// URI whose `transport` parameter picks the transport (`sip:127.0.0.1:5060;transport=tcp`).
pub fn parse_next_hop(s: &str) -> Option<Peer> {
    if s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("sip:")) {
        return peer_of(s);
    }
    parse_listen(s).map(|addr| Peer { transport: Transport::Udp, addr })
}

/// Parses `host:port` for `--listen`.
pub fn parse_listen(s: &str) -> Option<SocketAddr> {
    if let Ok(a) = s.parse() {
        return Some(a);
    }
    let (host, port) = split_host_port(s)?;
    Some(SocketAddr::new(resolve(host)?, port.unwrap_or(5060)))
}
