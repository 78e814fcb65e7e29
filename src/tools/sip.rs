//! `if-sip`: the proxy, and the escalation caller fed by stdin.

use super::{rejected_or_ok, EXIT_OK};
use crate::jsonl::DEFAULT_MAX_LINE;
use crate::keys::{SecretKey, TrustStore};
use crate::message::MessageFactory;
use crate::pipeline::{self, EventWriter, Inbox, IncomingCheck, Intake, OnError, OnOutputLoss, StdinLine};
use crate::policy::Policy;
use crate::sip::digest::{Algorithm, Auth, Users};
use crate::sip::driver::{self, Sockets};
use crate::sip::escalate::{self, Ask, Caller, CallerInput, Link};
use crate::sip::events::EscalationEvent;
use crate::sip::proxy::{Config, Dest, Proxy, Transport};
use crate::sip::uac::{CallEvent, Uac};
use crate::time::{now_millis, Millis};
use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;

pub struct ProxyOptions {
    pub listen: SocketAddr,
    pub route: Option<String>,
    pub policy: Option<PathBuf>,
    pub key: PathBuf,
    /// More trusted keys for X-IF-Signature, beside the policy's.
    pub trust: Vec<PathBuf>,
    /// Bindings per address-of-record; beyond, a REGISTER gets 503.
    pub max_contacts: usize,
    /// Caps on accepted TCP and TLS connections.
    pub connections: crate::sip::driver::ConnectionLimits,
    /// Where next hops named by a domain are resolved (RFC 3263).
    pub dns_server: Option<SocketAddr>,
    /// Digest authentication, when a credentials file is given.
    pub digest: Option<DigestOptions>,
    pub tls: TlsOptions,
    pub on_audit_loss: OnOutputLoss,
}

/// SIP over TLS: where to take it (with the certificate and its key), and the CAs that next
/// hops over TLS are checked against.
pub struct TlsOptions {
    pub listen: Option<(SocketAddr, PathBuf, PathBuf)>,
    pub ca: Option<PathBuf>,
}

pub struct DigestOptions {
    /// The users (TOML, mode 0600).
    pub credentials: PathBuf,
    /// The realm; the listening IP address when not given.
    pub realm: Option<String>,
    /// Offered in this order.
    pub algorithms: Vec<Algorithm>,
    pub nonce_lifetime_ms: Millis,
    pub max_nonces: usize,
}

/// Reads the credentials file (refused if others may read it, as a secret key is) into the
/// proxy's digest authentication, with a random nonce secret for this process.
fn load_digest(o: DigestOptions, local: SocketAddr) -> anyhow::Result<Auth> {
    let realm = o.realm.unwrap_or_else(|| local.ip().to_string());
    let text = crate::keys::read_private(&o.credentials, "a credentials file")?;
    let users = Users::parse(&text, &realm).with_context(|| o.credentials.display().to_string())?;
    let mut secret = [0u8; 32];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut secret);
    let auth = Auth::new(realm, users, o.algorithms, secret, o.nonce_lifetime_ms, o.max_nonces);
    zeroize::Zeroize::zeroize(&mut secret);
    Ok(auth)
}

/// Loads `path` (if any) as the proxy's policy, its experts checked as SIP addresses, with the
/// keys of `trust` added to its trust registry.
fn load_policy(path: Option<&std::path::Path>, trust: &[PathBuf]) -> anyhow::Result<Option<Policy>> {
    let mut policy = match path {
        Some(p) => {
            let policy = Policy::load(p)?;
            crate::sip::gate::check_experts(&policy).with_context(|| p.display().to_string())?;
            Some(policy)
        }
        None => None,
    };
    if let Some(extra) = TrustStore::load_all(trust)? {
        policy.get_or_insert_with(Policy::default).trust.extend(extra);
    }
    Ok(policy)
}

pub fn proxy(o: ProxyOptions) -> anyhow::Result<u8> {
    if let Some(r) = &o.route {
        crate::sip::Uri::parse(r).with_context(|| format!("--route `{r}` is not a SIP URI"))?;
    }
    let policy = load_policy(o.policy.as_deref(), &o.trust)?;
    let factory = MessageFactory::new(SecretKey::load(&o.key)?, 64);
    let mut sockets = Sockets::bind(o.listen).with_context(|| format!("listen on {}", o.listen))?;
    sockets.limit_connections(o.connections);
    if let Some(server) = o.dns_server {
        sockets.resolve_with(server).with_context(|| format!("DNS server {server}"))?;
    }
    if let Some((listen, cert, key)) = &o.tls.listen {
        let config = crate::sip::tls::server_config(cert, key)?;
        sockets.listen_tls(*listen, config).with_context(|| format!("--tls-listen {listen}"))?;
    }
    if let Some(ca) = &o.tls.ca {
        sockets.verify_tls_with(crate::sip::tls::client_config(ca)?);
    }
    let local = sockets.local()?;
    let tls_local = sockets.tls_local()?;
    let auth = o.digest.map(|d| load_digest(d, local)).transpose()?;
    let proxy = Proxy::new(Config {
        local,
        tls_local,
        route: o.route,
        policy,
        wall_clock_offset_ms: now_millis(),
        max_contacts: o.max_contacts,
        auth,
        resolver_seed: o.dns_server.map(|_| rand_core::RngCore::next_u64(&mut rand_core::OsRng)),
    });
    // Signing and writing events happens on the writer's thread (the second core), off the
    // path of SIP packets.
    let events = EventWriter::stdout(Some(factory), "sip-proxy", o.on_audit_loss);
    let served =
        driver::run(proxy, sockets, |record| events.emit(&record), || events.admitting(), || events.congested());
    events.finish()?;
    served.with_context(|| format!("proxy on {local}"))?;
    Ok(EXIT_OK)
}

pub struct EscalateOptions {
    pub key: PathBuf,
    /// The proxy to send calls through, and over which transport: a peer, or a domain name.
    pub via: Dest,
    /// The DNS server a `via` named by a domain is resolved with (RFC 3263).
    pub dns_server: Option<SocketAddr>,
    /// The policy file whose experts are called.
    pub experts: PathBuf,
    pub listen: Option<SocketAddr>,
    pub hold_ms: u64,
    /// Trusted keys for the incoming messages; without, their own keys are used.
    pub trust: Vec<PathBuf>,
    /// CA certificates the proxy's certificate is checked against, over TLS.
    pub tls_ca: Option<PathBuf>,
    pub on_audit_loss: OnOutputLoss,
}

pub fn escalate(o: EscalateOptions) -> anyhow::Result<u8> {
    let policy = Policy::load(&o.experts)?;
    crate::sip::gate::check_experts(&policy).with_context(|| o.experts.display().to_string())?;
    let check = IncomingCheck::new(TrustStore::load_all(&o.trust)?);
    let (peers, name) = match &o.via {
        Dest::Peer(peer) => (vec![*peer], None),
        Dest::Name(host) => {
            let server = o
                .dns_server
                .ok_or_else(|| anyhow::anyhow!("--via {}: a proxy named by a domain needs --dns-server", host.host))?;
            let found = escalate::resolve(host, server).with_context(|| format!("--via {}", host.host))?;
            tracing::info!(
                "{} is {}",
                host.host,
                found.iter().map(|p| format!("{:?} {}", p.transport, p.addr)).collect::<Vec<_>>().join(", then ")
            );
            (found, Some(host.host.as_str()))
        }
    };
    // Each destination in turn until one takes the connection (over UDP, the first is it).
    let mut tried = Vec::new();
    let mut opened = None;
    for via in peers {
        if via.transport != Transport::Udp && o.listen.is_some() {
            anyhow::bail!("--listen is for UDP: over TCP or TLS the connection's local port is the OS's choice");
        }
        match Link::open(via, o.listen, o.tls_ca.as_deref(), name) {
            Ok(link) => {
                opened = Some((link, via));
                break;
            }
            Err(e) => {
                let what = match via.transport {
                    Transport::Udp => {
                        format!("bind {}", o.listen.map_or("an ephemeral port".into(), |l| l.to_string()))
                    }
                    Transport::Tcp => format!("connect to {} over TCP", via.addr),
                    Transport::Tls => format!("connect to {} over TLS", via.addr),
                };
                tracing::warn!("{what}: {e}");
                tried.push(format!("{what}: {e}"));
            }
        }
    }
    let Some((link, via)) = opened else { anyhow::bail!("no way to the proxy: {}", tried.join("; ")) };
    let local = link.local_addr()?;
    // Two loads of one key: the caller signs X-IF-Signature headers with it, the writer signs
    // the events (and owns the key's sequence numbers).
    let key = SecretKey::load(&o.key)?;
    let uac = Uac::over(via.transport, local, key, o.hold_ms, now_millis());
    let factory = MessageFactory::new(SecretKey::load(&o.key)?, 64);
    let events = EventWriter::stdout(Some(factory), "sip-escalate", o.on_audit_loss);
    let inbox = Inbox::bounded(4096);
    pipeline::spawn_stdin(inbox.sender(), DEFAULT_MAX_LINE, CallerInput::Input);
    let mut caller = Escalations { check, policy, events: &events, intake: Intake::new(OnError::Skip) };
    escalate::run(uac, link, inbox, &mut caller)?;
    let rejected = caller.intake.finish();
    events.finish()?;
    Ok(rejected_or_ok(rejected?))
}

/// `if-sip escalate`'s inputs: every line is checked; what verifies passes through, and what
/// escalates becomes a call whose events carry the escalation's trace.
struct Escalations<'a> {
    check: IncomingCheck,
    policy: Policy,
    events: &'a EventWriter,
    intake: Intake,
}

impl Caller<StdinLine> for Escalations<'_> {
    fn input(&mut self, line: StdinLine) -> Option<Ask> {
        let Some((number, bytes)) = self.intake.take(line) else {
            return (!self.intake.ended()).then_some(Ask::Nothing);
        };
        match self.check.check_line(&bytes) {
            Ok(verified) => {
                // Everything that verifies passes through; escalations are also acted on.
                self.events.line(bytes);
                Some(escalate::ask(&verified.message, &self.policy))
            }
            Err(reason) => {
                self.intake.reject(number, &reason);
                Some(Ask::Nothing)
            }
        }
    }

    fn event(&mut self, call: CallEvent) {
        self.events.emit(&EscalationEvent(&call));
    }

    fn admitting(&self) -> bool {
        self.events.admitting()
    }
}
