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
    /// SIP over TLS over TCP (RFC 3261 §26), on its own listening port (`--tls-listen`).
    Tls,
}

impl Transport {
    /// The transport's name in a Via header.
    pub(super) fn via_name(self) -> &'static str {
        match self {
            Transport::Udp => "UDP",
            Transport::Tcp => "TCP",
            Transport::Tls => "TLS",
        }
    }

    /// The transport a Via's sent-protocol names, if we speak it.
    pub(super) fn from_via_name(name: &str) -> Option<Transport> {
        [Transport::Udp, Transport::Tcp, Transport::Tls].into_iter().find(|t| t.via_name().eq_ignore_ascii_case(name))
    }

    /// The port a URI without one means (RFC 3261 §19.1.2).
    pub fn default_port(self) -> u16 {
        dns::Transport::from(self).default_port()
    }
}

impl From<Transport> for dns::Transport {
    fn from(t: Transport) -> dns::Transport {
        match t {
            Transport::Udp => dns::Transport::Udp,
            Transport::Tcp => dns::Transport::Tcp,
            Transport::Tls => dns::Transport::Tls,
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

/// The transport a URI asks for: TLS for a `sips:` URI (RFC 3261 §26.2.2, whatever its
/// `transport` parameter says: `tcp` is the only one allowed with it), else the `transport`
/// parameter's, if it names one we speak (`tls` too, as Kamailio writes it; RFC 5630 §3.2
/// deprecates it but it is what interoperates).
fn transport_of(u: &Uri) -> Option<Transport> {
    if u.scheme.eq_ignore_ascii_case("sips") {
        return Some(Transport::Tls);
    }
    let value = u.params.iter().find(|(k, _)| k.eq_ignore_ascii_case("transport"))?.1?;
    [Transport::Udp, Transport::Tcp, Transport::Tls].into_iter().find(|t| t.via_name().eq_ignore_ascii_case(value))
}

/// The peer a URI designates (transport from scheme and parameter, port default 5060, 5061
/// for TLS), when its host is an IP address (or `localhost`).
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
    let transport = transport_of(&u);
    if let Some(ip) = resolve(u.host) {
        let transport = transport.unwrap_or(Transport::Udp);
        let addr = SocketAddr::new(ip, u.port.unwrap_or(transport.default_port()));
        return Some(Dest::Peer(Peer { transport, addr }));
    }
    let transport = transport.map(dns::Transport::from);
    let host = u.host.to_ascii_lowercase();
    Some(Dest::Name(dns::SipHost { host, port: u.port, transport }))
}

/// A next hop: a peer, or a domain name the resolver has to find peers for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dest {
    Peer(Peer),
    Name(dns::SipHost),
}

impl From<dns::Destination> for Peer {
    fn from(d: dns::Destination) -> Peer {
        let transport = match d.transport {
            dns::Transport::Udp => Transport::Udp,
            dns::Transport::Tcp => Transport::Tcp,
            dns::Transport::Tls => Transport::Tls,
        };
        Peer { transport, addr: d.addr }
    }
}

/// The peer to send a response to, from a Via (received/rport first).
pub(super) fn via_peer(via: &Via, transport: Transport) -> Option<Peer> {
    let host = via.param("received").flatten().unwrap_or(via.host);
    let transport = Transport::from_via_name(via.transport).unwrap_or(transport);
    let port =
        via.param("rport").flatten().and_then(|p| p.parse().ok()).or(via.port).unwrap_or(transport.default_port());
    let ip = resolve(host)?;
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

/// The addresses the proxy listens on: UDP and TCP on one, TLS (`--tls-listen`) on another.
#[derive(Clone, Copy, Debug)]
pub(super) struct Locals {
    pub plain: SocketAddr,
    pub tls: Option<SocketAddr>,
}

impl Locals {
    /// The address the proxy is reached at over `transport` (its Via and Record-Route).
    pub fn of(&self, transport: Transport) -> SocketAddr {
        match transport {
            Transport::Tls => self.tls.unwrap_or(self.plain),
            Transport::Udp | Transport::Tcp => self.plain,
        }
    }
}

/// Whether `uri` designates the proxy listening on `locals` (any loopback address counts as
/// ours when we listen on one), on any of its ports, whatever the transport.
pub(super) fn is_us(locals: Locals, uri: &str) -> bool {
    let Some(u) = Uri::parse(uri) else { return false };
    let port = u.port.unwrap_or(transport_of(&u).unwrap_or(Transport::Udp).default_port());
    [Some(locals.plain), locals.tls].into_iter().flatten().any(|local| {
        port == local.port()
            && resolve(u.host).is_some_and(|ip| ip == local.ip() || (ip.is_loopback() && local.ip().is_loopback()))
    })
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
    local: Locals,
    default_route: Option<&str>,
    registrar: &Registrar,
    req: &mut SipMessage,
) -> Result<Vec<Target>, NoRoute> {
    let bad_gateway = |reason| NoRoute { code: 502, reason };
    let one = |dest| Ok(vec![Target { dest, uri: None }]);
    // Ours may be two Routes in a row: the two Record-Routes of a request that changed
    // transport here (RFC 5658 §4.3), one for each side.
    while let Some(top) = req.header_values("Route").first().map(|v| uri_in(v).to_owned()) {
        if !is_us(local, &top) {
            break;
        }
        req.remove_first_value("Route");
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
    local: Locals,
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
/// URI whose scheme and `transport` parameter pick the transport
/// (`sip:127.0.0.1:5060;transport=tcp`, `sips:127.0.0.1:5061`).
pub fn parse_next_hop(s: &str) -> Option<Peer> {
    let scheme = s.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
    if matches!(scheme.as_deref(), Some("sip" | "sips")) {
        return peer_of(s);
    }
    parse_listen(s).map(|addr| Peer { transport: Transport::Udp, addr })
}

/// [`parse_next_hop`], or a SIP URI whose host is a domain name (to resolve by RFC 3263).
pub fn parse_next_hop_or_name(s: &str) -> Option<Dest> {
    let scheme = s.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
    if matches!(scheme.as_deref(), Some("sip" | "sips")) {
        return dest_of(s);
    }
    parse_next_hop(s).map(Dest::Peer)
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

    fn peer(transport: Transport, addr: &str) -> Dest {
        Dest::Peer(Peer { transport, addr: addr.parse().unwrap() })
    }

    #[test]
    fn sips_and_transport_tls_mean_tls_on_port_5061_by_default() {
        assert_eq!(dest_of("sips:bob@127.0.0.1"), Some(peer(Transport::Tls, "127.0.0.1:5061")));
        assert_eq!(dest_of("sips:127.0.0.1:5071;transport=tcp"), Some(peer(Transport::Tls, "127.0.0.1:5071")));
        assert_eq!(dest_of("sip:127.0.0.1;transport=TLS"), Some(peer(Transport::Tls, "127.0.0.1:5061")));
        assert_eq!(dest_of("sip:127.0.0.1;transport=tcp"), Some(peer(Transport::Tcp, "127.0.0.1:5060")));
        let want = dns::SipHost { host: "sip.example.org".into(), port: None, transport: Some(dns::Transport::Tls) };
        assert_eq!(dest_of("sips:alice@SIP.example.org"), Some(Dest::Name(want)));
        assert_eq!(
            parse_next_hop("sips:127.0.0.1:5071").map(|p| (p.transport, p.addr.port())),
            Some((Transport::Tls, 5071))
        );
    }

    #[test]
    fn a_tls_via_answers_over_tls_at_its_port_or_5061() {
        let p = via_peer(&Via::parse("SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK1").unwrap(), Transport::Udp).unwrap();
        assert_eq!((p.transport, p.addr.port()), (Transport::Tls, 5061));
        let v = Via::parse("SIP/2.0/TLS 127.0.0.1:6000;branch=z9hG4bK1;rport=7000").unwrap();
        let p = via_peer(&v, Transport::Tls).unwrap();
        assert_eq!((p.transport, p.addr.port()), (Transport::Tls, 7000));
    }

    #[test]
    fn both_of_our_addresses_are_us() {
        let locals = Locals { plain: "127.0.0.1:5060".parse().unwrap(), tls: Some("127.0.0.1:5061".parse().unwrap()) };
        assert!(is_us(locals, "sip:127.0.0.1;lr"));
        assert!(is_us(locals, "sip:127.0.0.1:5061;transport=tls;lr"));
        assert!(is_us(locals, "sips:127.0.0.1;lr"), "a sips: URI without a port names 5061");
        assert!(!is_us(locals, "sip:127.0.0.1:5062;lr"));
        assert_eq!(locals.of(Transport::Tls).port(), 5061);
        assert_eq!(locals.of(Transport::Tcp).port(), 5060);
    }
}
