//! `if-gw`: the SIP–H.323 gateway between `if-sip` and the council (`if-gk`, `if-mcu`).

use super::AuditLossArg;
use crate::gw::CalloutRoute;
use crate::h323::q931;
use crate::tools;
use clap::{Parser, Subcommand};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  if-gw serve --listen 127.0.0.1:5080 --gk 127.0.0.1:1719 --key gw.key --trust agents.trust \\
    | if-witness append gw.log --key witness.key
  if-sip proxy --listen 127.0.0.1:5060 --route sip:council@127.0.0.1:5080 --key proxy.key

The gateway registers with the gatekeeper (alias sip-gateway, and each --callout alias at its
--h323-listen address) and takes INVITEs on --listen
(UDP). Each becomes an admission request to --council, carrying a call description the gateway
signs from the INVITE's X-IF headers (trace id, hazard, the agent whose X-IF-Signature
verified); once admitted, a Setup to the MCU (the ACF's address, or --mcu) proposing G.711
fastStart both ways from the SDP offer. The MCU's Connect becomes 200 OK with the SDP answer.
BYE or CANCEL from SIP becomes ReleaseComplete and DRQ; the MCU's ReleaseComplete becomes BYE.
A refusal is answered with the nearest SIP status (docs/if-gw.md).

The other way: the council's call to a --callout alias (an `invite` at if-mcu) is answered at the
gatekeeper and becomes an INVITE to its URI through --sip-next-hop (if-sip), signed with the
gateway's key and carrying the call description's trace id and hazard. 180 becomes Alerting, 200
the Connect with fastStart; a SIP refusal the nearest ReleaseComplete reason; hang-ups cross over.
  if-gw serve --gk 127.0.0.1:1719 --key gw.key --trust agents.trust \\
    --callout expert-ann=sip:ann@127.0.0.1:5060 --sip-next-hop 127.0.0.1:5060 RTP is relayed both ways,
transcoded between PCMU and PCMA when the two sides differ. Every step of each leg is one signed
IFMessage on stdout (gw.sip, gw.h323, gw.ras) with the call's trace id.

If the event stream (stdout) fails, new INVITEs are answered 503, calls under way run to their
end, and the gateway exits 3. `--on-audit-loss continue` goes on unrecorded.

Exit status: 0 ok; 2 usage, key, policy or socket error; 3 the event stream was lost.";

fn socket_addr(s: &str) -> Result<SocketAddr, String> {
    s.parse().map_err(|_| format!("`{s}` is not IP:PORT"))
}

fn callout(s: &str) -> Result<CalloutRoute, String> {
    let (alias, uri) = s.split_once('=').ok_or_else(|| format!("`{s}` is not ALIAS=URI"))?;
    let (alias, uri) = (alias.trim(), uri.trim());
    if alias.is_empty() || alias.len() > 256 || alias.chars().any(char::is_control) {
        return Err(format!("`{alias}`: an alias is 1 to 256 printable characters"));
    }
    match crate::sip::Uri::parse(uri) {
        Some(u) if u.scheme.eq_ignore_ascii_case("sip") && !u.host.is_empty() && !uri.contains(['<', '>', ' ']) => {
            Ok(CalloutRoute { alias: alias.to_owned(), uri: uri.to_owned() })
        }
        _ => Err(format!("`{uri}` is not a sip: URI")),
    }
}

#[derive(Parser, Debug)]
#[command(name = "if-gw", version, about = "SIP–H.323 gateway: SIP calls into the council's H.323 conference, with signed events", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the gateway.
    Serve {
        /// SIP address to listen on (UDP); port 0: the OS picks one, logged on stderr.
        #[arg(long, default_value = "127.0.0.1:5080", value_parser = socket_addr)]
        listen: SocketAddr,
        /// The gatekeeper's RAS address (UDP).
        #[arg(long = "gk", visible_alias = "gatekeeper", value_name = "ADDR", value_parser = socket_addr)]
        gatekeeper: SocketAddr,
        /// The MCU's call signalling address [default: what the ACF says].
        #[arg(long, value_name = "ADDR", value_parser = socket_addr)]
        mcu: Option<SocketAddr>,
        /// Key that signs the admission tokens, the call descriptions and the events.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Trusted keys of X-IF-Signature headers (repeatable; trust file or .pub).
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
        /// IF.guard policy (TOML): its trusted keys and clock skew.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// The alias called at the gatekeeper.
        #[arg(long, default_value = "council", value_name = "ALIAS")]
        council: String,
        /// Calls at once; beyond, an INVITE is answered 503.
        #[arg(long, default_value_t = 64, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        max_calls: u32,
        /// The largest call signalling message (TPKT) taken from the MCU, in octets.
        #[arg(long, default_value_t = q931::DEFAULT_MAX_FRAME as u16, value_name = "N",
              value_parser = clap::value_parser!(u16).range(64..))]
        max_message: u16,
        /// Address the media sockets bind to (port 0 each) [default: the --listen IP].
        #[arg(long, value_name = "IP")]
        rtp_bind: Option<IpAddr>,
        /// RAS address to bind [default: the address routed to the gatekeeper, port 0].
        #[arg(long, value_name = "ADDR", value_parser = socket_addr)]
        ras_listen: Option<SocketAddr>,
        /// When the event stream (stdout) fails: stop taking calls and exit 3, or continue.
        #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
        on_audit_loss: AuditLossArg,
        /// H.323 call signalling address (TCP) for the council's calls out; port 0: the OS picks.
        #[arg(long, default_value = "127.0.0.1:0", value_name = "ADDR", value_parser = socket_addr)]
        h323_listen: SocketAddr,
        /// An H.323 alias registered for a SIP expert: the council's call to ALIAS becomes an
        /// INVITE to URI (repeatable).
        #[arg(long, value_name = "ALIAS=URI", value_parser = callout)]
        callout: Vec<CalloutRoute>,
        /// Where those INVITEs go (if-sip, UDP) [default: each URI's host and port].
        #[arg(long, value_name = "ADDR", value_parser = socket_addr)]
        sip_next_hop: Option<SocketAddr>,
    },
}

pub fn main(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Serve {
            listen,
            gatekeeper,
            mcu,
            key,
            trust,
            policy,
            council,
            max_calls,
            max_message,
            rtp_bind,
            ras_listen,
            on_audit_loss,
            h323_listen,
            callout,
            sip_next_hop,
        } => tools::gw::serve(tools::gw::ServeOptions {
            listen,
            gatekeeper,
            mcu,
            key,
            trust,
            policy,
            council,
            max_calls: max_calls as usize,
            max_frame: usize::from(max_message),
            rtp_bind,
            ras_listen,
            on_audit_loss: on_audit_loss.into(),
            h323_listen,
            callouts: callout,
            sip_next_hop,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_needs_the_gatekeeper_and_a_key_and_checks_its_numbers() {
        let ok = Cli::try_parse_from(["if-gw", "serve", "--gk", "127.0.0.1:1719", "--key", "k"]).unwrap();
        let Command::Serve { listen, max_calls, mcu, .. } = ok.command;
        assert_eq!((listen, max_calls, mcu), ("127.0.0.1:5080".parse().unwrap(), 64, None));
        assert!(Cli::try_parse_from(["if-gw", "serve", "--key", "k"]).is_err());
        assert!(Cli::try_parse_from(["if-gw", "serve", "--gatekeeper", "x", "--key", "k"]).is_err());
        let zero = ["if-gw", "serve", "--gk", "127.0.0.1:1", "--key", "k", "--max-calls", "0"];
        assert!(Cli::try_parse_from(zero).is_err());
    }

    #[test]
    fn a_callout_is_an_alias_and_a_sip_uri() {
        let args =
            ["if-gw", "serve", "--gk", "127.0.0.1:1", "--key", "k", "--callout", "expert-1=sip:ann@127.0.0.1:5060"];
        let Command::Serve { callout, h323_listen, .. } = Cli::try_parse_from(args).unwrap().command;
        assert_eq!(callout, [CalloutRoute { alias: "expert-1".into(), uri: "sip:ann@127.0.0.1:5060".into() }]);
        assert_eq!(h323_listen, "127.0.0.1:0".parse().unwrap());
        for bad in ["expert", "=sip:a@b", "x=tel:123", "x=http://a", "x=<sip:a@b>"] {
            let args = ["if-gw", "serve", "--gk", "127.0.0.1:1", "--key", "k", "--callout", bad];
            assert!(Cli::try_parse_from(args).is_err(), "{bad}");
        }
    }
}
