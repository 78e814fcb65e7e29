//! `if-sip`: SIP proxy and registrar with IF.guard policy and signed transaction events.

use super::AuditLossArg;
use crate::sip::digest::{self, Algorithm};
use crate::sip::proxy::{parse_listen, parse_next_hop_or_name, Dest, Transport};
use crate::tools;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  if-sip proxy --listen 127.0.0.1:5060 --route sip:127.0.0.1:5070 --key proxy.key
  if-sip proxy --policy guard.toml --key proxy.key | if-witness append sip.log --key witness.key
  if-sip proxy --credentials users.toml --realm sip.example.org --key proxy.key
  if-sip proxy --tls-listen 127.0.0.1:5061 --tls-cert proxy.pem --tls-key proxy-key.pem \
      --tls-ca ca.pem --route 'sip:127.0.0.1:5071;transport=tls' --key proxy.key
  if-msg new --key scan.key --performative escalate --receiver if://agent/oversight \\
      --hazard type=legal,severity=high | if-sip escalate --key scan.key --via 127.0.0.1:5060 --experts guard.toml
  ... | if-sip escalate --key scan.key --via 'sip:127.0.0.1:5060;transport=tcp' --experts guard.toml
  ... | if-sip escalate --key scan.key --via sips:127.0.0.1:5061 --tls-ca ca.pem --experts guard.toml

Every finished transaction is one signed IFMessage on stdout (method, status, Call-ID, From/To,
SDP summary, timing, and the trace id of X-IF-Trace-ID).

`escalate` calls every expert the policy qualifies for the hazard at once; the first to answer
wins and the others are cancelled. It writes call events (call.trying, call.ringing,
call.answered with setup_ms, call.failed with status, call.ended, and for several experts
call.forked: who answered and what each call got) as signed IFMessages with the escalation's
trace id.

If the event stream (stdout) fails, for example because the `if-witness append` it feeds died,
both commands stop admitting work (new requests get 503; no new calls are placed), finish what
is in flight, say so on stderr and exit 3; `--on-audit-loss continue` serves on unrecorded.

Exit status: 0 ok, 1 an input line was rejected, 2 usage, key, policy or socket error, 3 the
event stream was lost.";

#[derive(Parser, Debug)]
#[command(name = "if-sip", version, about = "SIP proxy and registrar with X-IF headers, IF.guard policy and signed events", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once at start and taken apart at once: the proxy's many options cost nothing kept
// unboxed.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a stateful proxy and registrar over UDP, TCP and TLS.
    Proxy {
        /// Address to listen on (UDP and TCP).
        #[arg(long, default_value = "127.0.0.1:5060", value_parser = |s: &str| parse_listen(s).ok_or_else(|| format!("`{s}` is not HOST:PORT with an IP address")))]
        listen: SocketAddr,
        /// Where to send requests that nothing else routes (a SIP URI with an IP address).
        #[arg(long, value_name = "SIP-URI")]
        route: Option<String>,
        /// IF.guard policy (TOML): experts, trusted agent keys, gates.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Key that signs the transaction events.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// More trusted keys for X-IF-Signature (repeatable).
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
        /// Bindings one address-of-record may have; a REGISTER that would add more gets
        /// `503 Too Many Registered Contacts` and changes nothing (as Kamailio's max_contacts).
        #[arg(long, default_value_t = crate::sip::MAX_CONTACTS, value_name = "N")]
        max_contacts: usize,
        /// TCP and TLS connections accepted at once; beyond, a new one is closed as soon as it
        /// is accepted. Never more than the descriptors the process may open allow (less 64).
        #[arg(long, default_value_t = crate::sip::driver::MAX_TCP_CONNECTIONS, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        max_connections: usize,
        /// TCP and TLS connections accepted at once from one IP address.
        #[arg(long = "max-connections-per-ip", default_value_t = crate::sip::driver::MAX_TCP_PER_SOURCE, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        max_connections_per_source: usize,
        /// DNS server (IP:PORT) that resolves next hops named by a domain (RFC 3263: NAPTR,
        /// SRV, then A or AAAA; failover to the next SRV target). Without, such hops get 502.
        #[arg(long, value_name = "ADDR")]
        dns_server: Option<SocketAddr>,
        /// Digest authentication (RFC 3261 §22) with these users (TOML, mode 0600: `[users.NAME]`
        /// with `password` or `ha1-md5`/`ha1-sha256`): REGISTERs are challenged with 401,
        /// new INVITEs without a trusted X-IF-Signature with 407.
        #[arg(long, value_name = "FILE")]
        credentials: Option<PathBuf>,
        /// The digest realm [default: the --listen IP address].
        #[arg(long, value_name = "REALM", requires = "credentials")]
        realm: Option<String>,
        /// Digest algorithms offered, in order of preference (repeatable).
        #[arg(long = "digest-algorithm", value_enum, value_name = "ALG", default_values_t = [Algorithm::Sha256, Algorithm::Md5], requires = "credentials")]
        digest_algorithms: Vec<Algorithm>,
        /// Seconds a nonce is good for; after, a client is challenged again with `stale=true`.
        #[arg(long, value_name = "SECONDS", default_value_t = digest::NONCE_LIFETIME_MS / 1000, value_parser = clap::value_parser!(u64).range(1..), requires = "credentials")]
        nonce_lifetime: u64,
        /// Nonces remembered for replay protection; beyond, the oldest is forgotten (its
        /// next use is answered as stale).
        #[arg(long, value_name = "N", default_value_t = digest::MAX_NONCES, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..), requires = "credentials")]
        max_nonces: usize,
        /// Take SIP over TLS (RFC 3261 §26) on this address (5061 is the convention, and
        /// Kamailio's default; port 0: one the OS picks); needs --tls-cert and --tls-key.
        #[arg(long, value_name = "ADDR", requires_all = ["tls_cert", "tls_key"], value_parser = |s: &str| parse_listen(s).ok_or_else(|| format!("`{s}` is not HOST:PORT with an IP address")))]
        tls_listen: Option<SocketAddr>,
        /// The TLS server certificate chain (PEM, leaf first).
        #[arg(long, value_name = "FILE", requires = "tls_listen")]
        tls_cert: Option<PathBuf>,
        /// The certificate's private key (PEM, mode 0600).
        #[arg(long, value_name = "FILE", requires = "tls_listen")]
        tls_key: Option<PathBuf>,
        /// CA certificates (PEM) that next hops reached over TLS (`sips:` or `transport=tls`)
        /// must show a certificate from, for their host; without, such hops get 503.
        #[arg(long, value_name = "FILE")]
        tls_ca: Option<PathBuf>,
        /// When the event stream (stdout) fails: stop admitting calls and exit 3, or continue.
        #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
        on_audit_loss: AuditLossArg,
    },
    /// Call an expert for every escalation on stdin; other messages pass through.
    Escalate {
        /// Key that signs the INVITEs (X-IF-Signature) and the call events.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// The proxy to send calls through: HOST:PORT (UDP), or a SIP URI with its transport
        /// (`sip:127.0.0.1:5060;transport=tcp` for one TCP connection, `sips:127.0.0.1:5061`
        /// or `transport=tls` for one TLS connection, with --tls-ca); a URI's host may be a
        /// domain name, resolved with --dns-server (RFC 3263: NAPTR, SRV, A/AAAA, each
        /// target tried in turn).
        #[arg(long, value_name = "ADDR|SIP-URI", value_parser = |s: &str| parse_next_hop_or_name(s).ok_or_else(|| format!("`{s}` is not HOST:PORT or a SIP URI")))]
        via: Dest,
        /// DNS server (IP:PORT) that resolves a --via named by a domain.
        #[arg(long, value_name = "ADDR")]
        dns_server: Option<SocketAddr>,
        /// Experts by hazard type: an IF.guard policy file (its [[expert]] entries).
        #[arg(long, value_name = "FILE")]
        experts: PathBuf,
        /// Local address for SIP over UDP [default: an ephemeral port on the --via address
        /// family]; not with a TCP --via (the connection's port is the OS's choice).
        #[arg(long, value_parser = |s: &str| parse_listen(s).ok_or_else(|| format!("`{s}` is not HOST:PORT")))]
        listen: Option<SocketAddr>,
        /// How long to stay on an answered call before hanging up, in milliseconds.
        #[arg(long, default_value_t = 1000, value_name = "MS")]
        hold_ms: u64,
        /// Trusted keys for the incoming messages (repeatable); without, their own keys are used.
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
        /// CA certificates (PEM) the proxy's certificate must come from, over TLS (checked for
        /// the --via IP address).
        #[arg(long, value_name = "FILE")]
        tls_ca: Option<PathBuf>,
        /// When the event stream (stdout) fails: stop placing calls and exit 3, or continue.
        #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
        on_audit_loss: AuditLossArg,
    },
}

pub fn main(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Proxy {
            listen,
            route,
            policy,
            key,
            trust,
            max_contacts,
            max_connections,
            max_connections_per_source,
            dns_server,
            credentials,
            realm,
            digest_algorithms,
            nonce_lifetime,
            max_nonces,
            tls_listen,
            tls_cert,
            tls_key,
            tls_ca,
            on_audit_loss,
        } => tools::sip::proxy(tools::sip::ProxyOptions {
            listen,
            route,
            policy,
            key,
            trust,
            max_contacts,
            connections: crate::sip::driver::ConnectionLimits {
                total: max_connections,
                per_source: max_connections_per_source,
            },
            dns_server,
            digest: credentials.map(|credentials| tools::sip::DigestOptions {
                credentials,
                realm,
                algorithms: digest_algorithms,
                nonce_lifetime_ms: nonce_lifetime * 1000,
                max_nonces,
            }),
            tls: tools::sip::TlsOptions {
                listen: tls_listen.zip(tls_cert.zip(tls_key)).map(|(a, (c, k))| (a, c, k)),
                ca: tls_ca,
            },
            on_audit_loss: on_audit_loss.into(),
        }),
        Command::Escalate { key, via, dns_server, experts, listen, hold_ms, trust, tls_ca, on_audit_loss } => {
            // A domain's transport is known once it is resolved; checked again then.
            let transport = match &via {
                Dest::Peer(p) => Some(p.transport),
                Dest::Name(h) => h.transport.map(|t| match t {
                    crate::dns::Transport::Udp => Transport::Udp,
                    crate::dns::Transport::Tcp => Transport::Tcp,
                    crate::dns::Transport::Tls => Transport::Tls,
                }),
            };
            if transport.is_some_and(|t| t != Transport::Udp) && listen.is_some() {
                anyhow::bail!("--listen is for UDP: over TCP or TLS the connection's local port is the OS's choice");
            }
            if transport == Some(Transport::Tls) && tls_ca.is_none() {
                anyhow::bail!(
                    "a TLS --via needs --tls-ca: the CA certificates the proxy's certificate is checked against"
                );
            }
            tools::sip::escalate(tools::sip::EscalateOptions {
                key,
                via,
                dns_server,
                experts,
                listen,
                hold_ms,
                trust,
                tls_ca,
                on_audit_loss: on_audit_loss.into(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxy(args: &[&str]) -> Result<Command, String> {
        let argv = ["if-sip", "proxy", "--key", "k"].iter().chain(args);
        Cli::try_parse_from(argv).map(|c| c.command).map_err(|e| e.to_string())
    }

    #[test]
    fn digest_flags_parse_with_their_defaults_and_need_credentials() {
        let Ok(Command::Proxy { credentials, realm, digest_algorithms, nonce_lifetime, max_nonces, .. }) =
            proxy(&["--credentials", "users.toml"])
        else {
            panic!("parses")
        };
        assert_eq!(credentials, Some(PathBuf::from("users.toml")));
        assert_eq!(realm, None);
        assert_eq!(digest_algorithms, vec![Algorithm::Sha256, Algorithm::Md5], "RFC 8760's order");
        assert_eq!((nonce_lifetime, max_nonces), (300, 65_536));
        let Ok(Command::Proxy { realm, digest_algorithms, nonce_lifetime, max_nonces, .. }) = proxy(&[
            "--credentials=users.toml",
            "--realm",
            "sip.example.org",
            "--digest-algorithm",
            "md5",
            "--nonce-lifetime=1",
            "--max-nonces",
            "10",
        ]) else {
            panic!("parses")
        };
        assert_eq!(realm.as_deref(), Some("sip.example.org"));
        assert_eq!((digest_algorithms, nonce_lifetime, max_nonces), (vec![Algorithm::Md5], 1, 10));
        for (args, wanted) in [
            (&["--realm", "r"][..], "--credentials"),
            (&["--nonce-lifetime", "5"][..], "--credentials"),
            (&["--credentials", "c", "--nonce-lifetime", "0"][..], "--nonce-lifetime"),
            (&["--credentials", "c", "--max-nonces", "0"][..], "--max-nonces"),
            (&["--credentials", "c", "--digest-algorithm", "sha-1"][..], "sha-1"),
        ] {
            let err = proxy(args).expect_err("refused");
            assert!(err.contains(wanted), "{args:?}: {err}");
        }
    }
}
