//! `if-gk`: the H.323 gatekeeper (H.225.0 RAS) with IF.guard admission gates.

use super::AuditLossArg;
use crate::h323::gatekeeper::{BandwidthLimits, Limits};
use crate::pipeline::OnError;
use crate::tools;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  if-gk serve --key gk.key --trust guardians.trust
  if-gk serve --listen 127.0.0.1:1719 --key gk.key --policy guard.toml | if-witness append council.log --key witness.key
  if-msg new --key g1.key --performative escalate --receiver if://agent/council \\
      --hazard type=safety,severity=high --content '{\"finding\":\"live AWS key\"}' \\
    | if-gk endpoint --gk 127.0.0.1:1719 --key g1.key --alias guardian-01 --call council

Endpoints register (RRQ), are admitted to calls (ARQ) and disengage (DRQ) over RAS on UDP. An
ARQ is admitted only with an Ed25519 token from a trusted key (docs/if-gk.md); a call to the
council (--council-alias) also needs a signed call description. Every RAS transaction is one
signed IFMessage on stdout (h323.ras: request, answer, the gate and reason of a refusal, and the
call description's trace id), and an answer is sent only once its event is written.

`endpoint` is the other side: it discovers the gatekeeper (GRQ), registers (RRQ, signed), keeps
the registration alive, and for every line on stdin that verifies asks admission (ARQ) for a call
to --call carrying the line as its call description; an admitted call is held --hold-ms, then
disengaged (DRQ). At the end of stdin it unregisters (URQ). Lines pass through to stdout, with
every RAS transaction as a signed IFMessage (h323.endpoint).

If the event stream (stdout) fails, the gatekeeper stops admitting (new RRQ and ARQ are refused),
sends the answers already decided, says so on stderr and exits 3; the endpoint takes no new
lines, ends its calls and unregisters, then exits 3. `--on-audit-loss continue` goes on
unrecorded.

Exit status: 0 ok; 1 (endpoint) a line was rejected or an admission refused; 2 usage, key, policy
or socket error, or (endpoint) the gatekeeper cannot be reached or refused the registration; 3 the
event stream was lost.";

fn socket_addr(s: &str) -> Result<SocketAddr, String> {
    s.parse().map_err(|_| format!("`{s}` is not IP:PORT"))
}

#[derive(Parser, Debug)]
#[command(name = "if-gk", version, about = "H.323 gatekeeper (H.225.0 RAS) with IF.guard admission and signed events, and its endpoint side", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the gatekeeper.
    Serve {
        /// RAS address to listen on (UDP).
        #[arg(long, default_value = "127.0.0.1:1719", value_parser = socket_addr)]
        listen: SocketAddr,
        /// Key that signs the events.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Trusted keys of endpoints' tokens and call descriptions (repeatable; trust file or .pub).
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
        /// IF.guard policy (TOML): experts (their h323: addresses), trusted keys, gates.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// This gatekeeper's gatekeeperIdentifier.
        #[arg(long, default_value = "if-gk", value_name = "ID")]
        gatekeeper_id: String,
        /// The alias of the council (its MCU registers with it).
        #[arg(long, default_value = "council", value_name = "ALIAS")]
        council_alias: String,
        /// Participants in one conference, the council's included.
        #[arg(long, default_value_t = 25, value_name = "N")]
        conference_capacity: usize,
        /// Endpoints registered at once.
        #[arg(long, default_value_t = 10_000, value_name = "N")]
        max_endpoints: usize,
        /// Calls (legs) admitted at once.
        #[arg(long, default_value_t = 20_000, value_name = "N")]
        max_calls: usize,
        /// The longest registration time to live granted, in seconds.
        #[arg(long, default_value_t = 3600, value_name = "S")]
        max_ttl: u32,
        /// Ask an endpoint with calls that has been silent this long about them (IRQ); one
        /// that does not answer has its calls released. Seconds; 0: never.
        #[arg(long, default_value_t = 60, value_name = "S")]
        call_check: u32,
        /// Bandwidth granted to a call asking for less (units of 100 bit/s).
        #[arg(long, default_value_t = 0, value_name = "N")]
        min_call_bandwidth: u32,
        /// The most one call is granted (units of 100 bit/s).
        #[arg(long, default_value_t = 20_000, value_name = "N")]
        max_call_bandwidth: u32,
        /// What one endpoint may use at once unless its trust entry says bandwidth=N.
        #[arg(long, default_value_t = 20_000, value_name = "N")]
        endpoint_bandwidth: u32,
        /// What all calls together may use (units of 100 bit/s).
        #[arg(long, default_value_t = 1_000_000, value_name = "N")]
        total_bandwidth: u32,
        /// When the event stream (stdout) fails: stop admitting and exit 3, or continue.
        #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
        on_audit_loss: AuditLossArg,
    },
    /// Register with a gatekeeper and ask admission for a call for every message on stdin.
    Endpoint {
        /// The gatekeeper's RAS address (UDP).
        #[arg(long = "gk", value_name = "ADDR", value_parser = socket_addr)]
        gatekeeper: SocketAddr,
        /// Key that signs the admission tokens and the events.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// An h323-ID to register (repeatable); the first is the calls' source.
        #[arg(long = "alias", value_name = "NAME", required = true)]
        aliases: Vec<String>,
        /// Call signalling address to register [default: the RAS socket's IP, port 1720].
        #[arg(long, value_name = "ADDR", value_parser = socket_addr)]
        call_signal: Option<SocketAddr>,
        /// RAS address to bind [default: the address routed to the gatekeeper, port 0].
        #[arg(long, value_name = "ADDR", value_parser = socket_addr)]
        listen: Option<SocketAddr>,
        /// Time to live to ask for, in seconds [default: the gatekeeper's].
        #[arg(long = "ttl", value_name = "S", value_parser = clap::value_parser!(u32).range(1..))]
        ttl: Option<u32>,
        /// Register as a multipoint controller (the council's MCU), not a terminal.
        #[arg(long)]
        mc: bool,
        /// The alias each line's call goes to.
        #[arg(long, default_value = "council", value_name = "ALIAS")]
        call: String,
        /// Bandwidth asked for each call (units of 100 bit/s).
        #[arg(long, default_value_t = 1280, value_name = "N")]
        bandwidth: u32,
        /// Once a call is admitted, ask to change its bandwidth to N (BRQ).
        #[arg(long, value_name = "N")]
        change_bandwidth: Option<u32>,
        /// How long an admitted call lasts before it is disengaged, in milliseconds.
        #[arg(long, default_value_t = 1000, value_name = "MS")]
        hold_ms: u64,
        /// Trusted keys for the lines on stdin (repeatable); without, their own keys are used.
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
        /// What to do with a line that does not verify.
        #[arg(long, value_enum, default_value_t = OnError::Fail)]
        on_error: OnError,
        /// When the event stream (stdout) fails: stop taking lines and exit 3, or continue.
        #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
        on_audit_loss: AuditLossArg,
    },
}

pub fn main(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Serve {
            listen,
            key,
            trust,
            policy,
            gatekeeper_id,
            council_alias,
            conference_capacity,
            max_endpoints,
            max_calls,
            max_ttl,
            call_check,
            min_call_bandwidth,
            max_call_bandwidth,
            endpoint_bandwidth,
            total_bandwidth,
            on_audit_loss,
        } => tools::gk::serve(tools::gk::ServeOptions {
            listen,
            key,
            trust,
            policy,
            gatekeeper_id,
            council_alias,
            limits: Limits {
                max_endpoints,
                max_calls,
                conference_capacity,
                max_ttl_s: max_ttl,
                call_check_s: call_check,
                bandwidth: BandwidthLimits {
                    min_per_call: min_call_bandwidth,
                    max_per_call: max_call_bandwidth,
                    per_endpoint: endpoint_bandwidth,
                    total: total_bandwidth,
                },
                ..Limits::default()
            },
            on_audit_loss: on_audit_loss.into(),
        }),
        Command::Endpoint {
            gatekeeper,
            key,
            aliases,
            call_signal,
            listen,
            ttl,
            mc,
            call,
            bandwidth,
            change_bandwidth,
            hold_ms,
            trust,
            on_error,
            on_audit_loss,
        } => tools::gk::endpoint(tools::gk::EndpointOptions {
            gatekeeper,
            key,
            aliases,
            call_signal,
            listen,
            ttl_s: ttl,
            mc,
            call,
            bandwidth,
            change_bandwidth,
            hold_ms,
            trust,
            on_error,
            on_audit_loss: on_audit_loss.into(),
        }),
    }
}
