//! `if-mcu`: the Guardian Council's H.323 MCU.

use super::AuditLossArg;
use crate::h323::mcu_driver::McuLimits;
use crate::h323::q931;
use crate::tools;
use clap::{Parser, Subcommand};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  if-mcu serve --gk 127.0.0.1:1719 --key mcu.key --trust guardians.trust
  if-mcu serve --listen 127.0.0.1:1720 --gk 127.0.0.1:1719 --key mcu.key --policy guard.toml \\
    | if-witness append council.log --key witness.key
  if-mcu serve --gk 127.0.0.1:1719 --key mcu.key --trust guardians.trust \
    --mixer janus --janus http://127.0.0.1:8088/janus --janus-room 1000

The MCU registers with the gatekeeper as a multipoint controller under --alias (the council),
then takes H.225.0 calls on --listen (TCP): fastStart G.711, or H.245 tunnelled or on a
connection of its own. Each Setup is
admitted through the gatekeeper with an answer-ARQ carrying the Setup's call description; a
refusal releases the call with the reason. Admitted guardians hear everyone but themselves
(mix-minus, 8 kHz, 20 ms frames). Every call step and conference change (setup, admission,
joined, left, talking, dominant, released) is a signed IFMessage on stdout, with the call
description's trace id.

With --mixer janus, Janus AudioBridge mixes: each admitted call joins the room as a plain-RTP
participant and its RTP goes to Janus; calls, admission, control, votes and events stay here.
A Janus that fails releases its calls (gatewayResources) and new calls are refused (adaptiveBusy).

If the event stream (stdout) fails, the MCU takes no new calls, lets the calls in progress end,
says so on stderr and exits 3.

Control: with --controller AGENT, lines on stdin signed by AGENT (trusted by --trust or the
policy) mute, unmute, kick or set the gain of a participant, lock and unlock the conference,
stop and start recording, or call and close the council's vote:
  if-msg new --key chair.key --performative request --receiver if://agent/council \\
      --content '{\"command\":\"mute\",\"participant\":\"guardian-02\"}'
  if-msg new --key chair.key --performative request --receiver if://agent/council \\
      --content '{\"command\":\"call_vote\",\"conversation_id\":\"if://conversation/ESC\",
                 \"question\":\"publish the finding?\",\"window_s\":120}'
Votes: a guardian's signed line on stdin whose performative is agree, refuse, contradict or hold,
in the vote's conversation (--conversation if://conversation/ESC), counts once if its sender
signed the call description of a call in the conference; the policy's [council] gives the
quorum and the rule. The decision is one signed event (votes' SHA-256s, participants and their
admissions, the recording's SHA-256, closed at the decision).
A line that does not verify, or asks for something impossible, is reported (stdin:N: reason) and
skipped (a refused vote also as a vote_refused event); the line itself passes through to stdout
before the events it caused. A failed stdin (I/O error) releases the calls and exits 2.

Exit status: 0 ok; 2 usage, key or socket error, stdin failed, or the gatekeeper refused or never
answered the registration; 3 the event stream was lost.";

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MixerArg {
    Local,
    Janus,
}

fn socket_addr(s: &str) -> Result<SocketAddr, String> {
    s.parse().map_err(|_| format!("`{s}` is not IP:PORT"))
}

#[derive(Parser, Debug)]
#[command(name = "if-mcu", version, about = "H.323 MCU of the Guardian Council: admission through if-gk, mix-minus audio, signed events", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the MCU.
    Serve {
        /// Call signalling address to listen on (TCP).
        #[arg(long, default_value = "127.0.0.1:1720", value_parser = socket_addr)]
        listen: SocketAddr,
        /// The gatekeeper's RAS address (UDP).
        #[arg(long = "gk", value_name = "ADDR", value_parser = socket_addr)]
        gatekeeper: SocketAddr,
        /// Key that signs the admission tokens and the events.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Trusted keys of call descriptions (repeatable; trust file or .pub).
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
        /// IF.guard policy (TOML): its trusted keys are used too, its [council] for votes.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// The alias registered with the gatekeeper (the council's).
        #[arg(long, default_value = "council", value_name = "ALIAS")]
        alias: String,
        /// Participants in the conference at once.
        #[arg(long, default_value_t = 25, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        max_participants: u32,
        /// Address the calls' RTP and RTCP sockets bind to (port 0 each).
        #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
        rtp_bind: IpAddr,
        /// RAS address to bind [default: the address routed to the gatekeeper, port 0].
        #[arg(long, value_name = "ADDR", value_parser = socket_addr)]
        ras_listen: Option<SocketAddr>,
        /// TCP connections at once.
        #[arg(long, default_value_t = 64, value_name = "N")]
        max_connections: usize,
        /// TCP connections at once from one IP address.
        #[arg(long, default_value_t = 32, value_name = "N")]
        max_per_source: usize,
        /// The largest call signalling message (TPKT) taken, in octets.
        #[arg(long, default_value_t = q931::DEFAULT_MAX_FRAME as u16, value_name = "N",
              value_parser = clap::value_parser!(u16).range(64..))]
        max_message: u16,
        /// An agent whose signed lines on stdin may control the conference (repeatable):
        /// content {"command": "mute"|"unmute"|"kick"|"gain"|"lock"|"unlock", "participant":
        /// ALIAS or N, "gain_db": DB}, {"command": "record", "on": BOOL}, {"command":
        /// "call_vote", "conversation_id": ID, "question": TEXT, "window_s": S}, {"command":
        /// "close_vote"}, {"command": "invite", "destination": ALIAS} (call ALIAS out through the
        /// gatekeeper into the conference).
        #[arg(long = "controller", value_name = "AGENT")]
        controllers: Vec<String>,
        /// Record each conference's mix as WAV in DIR (conference-N.wav); its SHA-256 and length
        /// are on the record when it closes.
        #[arg(long, value_name = "DIR")]
        record: Option<PathBuf>,
        /// When the event stream (stdout) fails: stop taking calls and exit 3, or continue.
        #[arg(long, value_enum, default_value_t = AuditLossArg::Stop)]
        on_audit_loss: AuditLossArg,
        /// Who mixes the audio: the MCU itself, or Janus AudioBridge (--janus), each call a
        /// plain-RTP participant of --janus-room whose RTP goes to Janus directly (fastStart
        /// G.711 calls only; no recording or talker events).
        #[arg(long, value_enum, default_value_t = MixerArg::Local)]
        mixer: MixerArg,
        /// Janus's HTTP API (with --mixer janus).
        #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8088/janus")]
        janus: String,
        /// The AudioBridge room (configured in Janus with allow_rtp_participants = true,
        /// sampling_rate = 8000, audiolevel_ext = false).
        #[arg(long, value_name = "N", default_value_t = 1000)]
        janus_room: u64,
    },
}

pub fn main(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Serve {
            listen,
            gatekeeper,
            key,
            trust,
            policy,
            alias,
            max_participants,
            rtp_bind,
            ras_listen,
            max_connections,
            max_per_source,
            max_message,
            controllers,
            record,
            on_audit_loss,
            mixer,
            janus,
            janus_room,
        } => tools::mcu::serve(tools::mcu::ServeOptions {
            listen,
            gatekeeper,
            key,
            trust,
            policy,
            alias,
            max_participants: max_participants as usize,
            rtp_bind,
            ras_listen,
            limits: McuLimits { max_connections, max_per_source, ..McuLimits::default() },
            max_frame: usize::from(max_message),
            controllers,
            record_dir: record,
            on_audit_loss: on_audit_loss.into(),
            janus: (mixer == MixerArg::Janus)
                .then_some(crate::h323::mcu_janus::JanusConfig { url: janus, room: janus_room }),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_needs_the_gatekeeper_and_a_key_and_checks_its_numbers() {
        let ok = Cli::try_parse_from(["if-mcu", "serve", "--gk", "127.0.0.1:1719", "--key", "k"]).unwrap();
        let Command::Serve { listen, max_participants, max_message, .. } = ok.command;
        assert_eq!(listen, "127.0.0.1:1720".parse().unwrap());
        assert_eq!((max_participants, usize::from(max_message)), (25, q931::DEFAULT_MAX_FRAME));
        assert!(Cli::try_parse_from(["if-mcu", "serve", "--key", "k"]).is_err());
        assert!(Cli::try_parse_from(["if-mcu", "serve", "--gk", "x", "--key", "k"]).is_err());
        let zero = ["if-mcu", "serve", "--gk", "127.0.0.1:1", "--key", "k", "--max-participants", "0"];
        assert!(Cli::try_parse_from(zero).is_err());
    }
}
