//! `if-msg`: create, wrap, sign, verify and validate IFMessages; make keys.

use super::{key_values, Output, EXIT_OK};
use crate::jsonl::DEFAULT_MAX_LINE;
use crate::keys::{self, SecretKey, TrustStore};
use crate::message::{
    self, default_scope, Hazard, HazardType, Level, MessageFactory, MessageSpec, Performative, Provenance, Receiver,
    Scope,
};
use crate::pipeline::OnError;
use crate::time::now_millis;
use crate::tools::{
    self,
    msg::{Lines, SignDefaults, WrapRun},
};
use crate::wrap::{WrapFormat, WrapOptions};
use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};
use serde_json::Value;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  if-msg keygen --agent if://agent/yologuard -o scan.key >> trusted_keys
  if-msg fingerprint-key -o fp.key
  if-msg new --key scan.key --performative escalate --receiver if://agent/oversight \\
      --hazard type=safety,severity=critical,auto_escalate=true --content '{\"summary\":\"live key\"}'
  yologuard --json src/ | if-msg wrap --from yologuard --key scan.key --fingerprint-key fp.key
  if-msg verify --trust trusted_keys --state ~/.local/state/ifconnect < messages.jsonl
  if-msg validate < messages.jsonl

Exit status: 0 ok, 1 an input line was rejected, 2 usage or I/O error.";

#[derive(Parser, Debug)]
#[command(name = "if-msg", version, about = "Create, wrap, sign, verify and validate IFMessage v2.1 JSONL", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct FilterOpts {
    /// What to do with a bad input line.
    #[arg(long, value_enum, default_value_t = OnError::Fail)]
    pub on_error: OnError,
    /// Longest accepted input line in bytes; longer lines are rejected without being read whole.
    #[arg(long, default_value_t = DEFAULT_MAX_LINE, value_name = "BYTES")]
    pub max_line_bytes: usize,
}

impl FilterOpts {
    fn lines(&self) -> Lines {
        Lines { max_line: self.max_line_bytes, on_error: self.on_error }
    }
}

#[derive(Args, Debug, Clone)]
pub struct MessageOpts {
    /// Receiver agent id; repeat for a broadcast list.
    #[arg(long, value_name = "AGENT")]
    pub receiver: Vec<String>,
    /// Conversation id [default: if://conversation/<trace id>].
    #[arg(long, value_name = "URI")]
    pub conversation: Option<String>,
    /// Trace id, 12 lower-case hex digits, shared by every message of an incident [default: random].
    #[arg(long, value_name = "HEX12", value_parser = parse_trace_id)]
    pub trace_id: Option<String>,
    /// Scope as key=value list: mission_id, workflow, domain, priority
    /// [default: mission_id=ifconnect,workflow=<command>,domain=technical].
    #[arg(long, value_name = "K=V,...")]
    pub scope: Option<String>,
    /// Time to live in seconds (1..=3600).
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub ttl: u32,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Generate a key pair for an agent: FILE (secret, 0600) and FILE.pub; prints a trust-file line.
    Keygen {
        /// Agent id the key signs as, e.g. if://agent/yologuard.
        #[arg(long)]
        agent: String,
        /// Secret key file to create.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Replace existing key files.
        #[arg(long)]
        force: bool,
    },
    /// Generate a fingerprint key (32 random bytes, mode 0600) for `wrap --fingerprint-key`.
    FingerprintKey {
        /// Key file to create.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Replace an existing key file (fingerprints made with the old key no longer match).
        #[arg(long)]
        force: bool,
    },
    /// Print the trust-file line (agent and public key) of a secret or public key file.
    Pubkey {
        /// Key file (secret or .pub).
        file: PathBuf,
    },
    /// Print one new signed message.
    #[command(mut_arg("receiver", |a| a.required(true)))]
    New {
        /// Secret key; its agent id is the sender.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// FIPA-ACL performative: request, inform, agree, refuse, query-if, query-ref, contradict, escalate, share, hold.
        #[arg(long, value_parser = |s: &str| s.parse::<Performative>())]
        performative: Performative,
        #[command(flatten)]
        msg: MessageOpts,
        /// Content: a JSON object [default: {}].
        #[arg(long, value_name = "JSON")]
        content: Option<String>,
        /// Hazard as key=value list: type, severity, auto_escalate (true|false).
        #[arg(long, value_name = "K=V,...")]
        hazard: Option<String>,
        /// Hazard rationale, in words.
        #[arg(long, requires = "hazard")]
        rationale: Option<String>,
        /// Provenance as key=value list: commit, version, model, cost_usd, tokens_used.
        #[arg(long, value_name = "K=V,...")]
        provenance: Option<String>,
        /// Topic URI (if://topic/...).
        #[arg(long)]
        topic: Option<String>,
    },
    /// Turn scanner output or plain JSON on stdin into signed messages, one per finding.
    Wrap {
        /// Input format.
        #[arg(long, value_enum)]
        from: WrapFormat,
        /// Secret key; its agent id is the sender.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        #[command(flatten)]
        msg: MessageOpts,
        /// Hazard type given to findings.
        #[arg(long, default_value = "safety", value_parser = |s: &str| s.parse::<HazardType>())]
        hazard_type: HazardType,
        /// Key (from `if-msg fingerprint-key`) for `match_hmac_sha256`, the keyed fingerprint of
        /// each secret; without it, findings carry no fingerprint.
        #[arg(long, value_name = "FILE")]
        fingerprint_key: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterOpts,
    },
    /// Sign JSON objects on stdin as IFMessages (fills sender, timestamp, nonce, sequence_num, ...).
    Sign {
        /// Secret key; its agent id is the sender.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        #[command(flatten)]
        msg: MessageOpts,
        #[command(flatten)]
        filter: FilterOpts,
    },
    /// Verify signed messages on stdin; passes good ones to stdout unchanged.
    Verify {
        /// Trusted keys (trust file or .pub); repeatable. Without it, signatures are checked
        /// against the keys messages carry, which proves integrity but not identity.
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
        /// Directory that remembers nonces and sequence numbers across runs (replay protection).
        #[arg(long, value_name = "DIR")]
        state: Option<PathBuf>,
        /// Accept messages whose ttl has passed (for archives).
        #[arg(long)]
        ignore_expiry: bool,
        /// Tolerated clock skew for timestamps in the future, in seconds.
        #[arg(long, default_value_t = 60, value_name = "SECS")]
        max_skew: u64,
        #[command(flatten)]
        filter: FilterOpts,
    },
    /// Check messages on stdin against the IFMessage v2.1 schema only; passes valid ones through.
    Validate {
        #[command(flatten)]
        filter: FilterOpts,
    },
}

fn parse_trace_id(s: &str) -> Result<String, String> {
    if message::is_trace_id(s) {
        Ok(s.to_owned())
    } else {
        Err("must be 12 lower-case hex digits".into())
    }
}

fn build_scope(text: Option<&str>, workflow: &str) -> anyhow::Result<Scope> {
    let mut scope = default_scope(workflow);
    for (k, v) in key_values(text.unwrap_or("")).map_err(anyhow::Error::msg).context("--scope")? {
        match k.as_str() {
            "mission_id" | "mission" => scope.mission_id = v,
            "workflow" => scope.workflow = v,
            "domain" => scope.domain = v.parse().map_err(anyhow::Error::msg).context("--scope domain")?,
            "priority" => scope.priority = Some(v.parse().map_err(anyhow::Error::msg).context("--scope priority")?),
            _ => bail!("--scope: unknown key `{k}` (mission_id, workflow, domain, priority)"),
        }
    }
    Ok(scope)
}

fn build_hazard(text: &str, rationale: Option<String>) -> anyhow::Result<Hazard> {
    let mut h = Hazard { rationale, ..Hazard::default() };
    for (k, v) in key_values(text).map_err(anyhow::Error::msg).context("--hazard")? {
        match k.as_str() {
            "type" => h.kind = Some(v.parse().map_err(anyhow::Error::msg).context("--hazard type")?),
            "severity" => {
                h.severity = Some(v.parse::<Level>().map_err(anyhow::Error::msg).context("--hazard severity")?)
            }
            "auto_escalate" => {
                h.auto_escalate =
                    Some(v.parse().map_err(|_| anyhow::anyhow!("--hazard auto_escalate: `{v}` is not true or false"))?)
            }
            _ => bail!("--hazard: unknown key `{k}` (type, severity, auto_escalate)"),
        }
    }
    Ok(h)
}

fn build_provenance(text: &str) -> anyhow::Result<Provenance> {
    let mut p = Provenance::default();
    for (k, v) in key_values(text).map_err(anyhow::Error::msg).context("--provenance")? {
        match k.as_str() {
            "commit" => p.commit = Some(v),
            "version" => p.version = Some(v),
            "model" => p.model = Some(v),
            "cost_usd" => {
                p.cost_usd = Some(
                    v.parse()
                        .ok()
                        .filter(|c: &f64| *c >= 0.0 && c.is_finite())
                        .with_context(|| format!("--provenance cost_usd: `{v}` is not a non-negative number"))?,
                )
            }
            "tokens_used" => {
                p.tokens_used =
                    Some(v.parse().with_context(|| format!("--provenance tokens_used: `{v}` is not a whole number"))?)
            }
            _ => bail!("--provenance: unknown key `{k}` (commit, version, model, cost_usd, tokens_used)"),
        }
    }
    Ok(p)
}

impl MessageOpts {
    fn receiver(&self, default: &str) -> anyhow::Result<Receiver> {
        for r in &self.receiver {
            if !r.starts_with("if://agent/") {
                bail!("--receiver `{r}`: must start with if://agent/");
            }
        }
        Ok(match self.receiver.as_slice() {
            [] => Receiver::One(default.to_owned()),
            [one] => Receiver::One(one.clone()),
            many => Receiver::Many(many.to_vec()),
        })
    }

    fn apply(&self, spec: &mut MessageSpec, workflow: &str) -> anyhow::Result<()> {
        if let Some(c) = &self.conversation {
            if !c.starts_with("if://conversation/") {
                bail!("--conversation `{c}`: must start with if://conversation/");
            }
            spec.conversation_id = Some(c.clone());
        }
        spec.trace_id = self.trace_id.clone().or(spec.trace_id.take());
        spec.scope = build_scope(self.scope.as_deref(), workflow)?;
        spec.ttl = self.ttl;
        Ok(())
    }
}

pub fn main(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Keygen { agent, output, force } => tools::msg::keygen(&agent, &output, force),
        Command::FingerprintKey { output, force } => fingerprint_key(&output, force),
        Command::Pubkey { file } => pubkey(&file),
        Command::New { key, performative, msg, content, hazard, rationale, provenance, topic } => {
            let key = SecretKey::load(&key)?;
            let mut spec = MessageSpec::new(performative, "if://agent/unused", default_scope("manual"));
            spec.receiver = msg.receiver("")?;
            msg.apply(&mut spec, "manual")?;
            if let Some(c) = content {
                crate::json::check_numbers(c.as_bytes()).context("--content")?;
                match crate::json::parse_strict(c.as_bytes()).context("--content")? {
                    Value::Object(m) => spec.content = m,
                    _ => bail!("--content must be a JSON object"),
                }
            }
            spec.hazard = hazard.as_deref().map(|h| build_hazard(h, rationale)).transpose()?;
            spec.provenance = provenance.as_deref().map(build_provenance).transpose()?;
            if let Some(t) = &topic {
                if !t.starts_with("if://topic/") {
                    bail!("--topic `{t}`: must start with if://topic/");
                }
            }
            spec.topic = topic;
            spec.check_limits(&key.agent).context("--content")?;
            let mut factory = MessageFactory::new(key, 1);
            let value = factory.build(spec, now_millis())?;
            let mut out = Output::default();
            out.json(&value)?;
            out.flush()?;
            Ok(EXIT_OK)
        }
        Command::Wrap { from, key, msg, hazard_type, fingerprint_key, filter } => {
            wrap_cmd(from, &key, &msg, hazard_type, fingerprint_key.as_deref(), &filter)
        }
        Command::Sign { key, msg, filter } => sign_cmd(&key, &msg, &filter),
        Command::Verify { trust, state, ignore_expiry, max_skew, filter } => tools::msg::verify(
            TrustStore::load_all(&trust)?,
            state.as_deref(),
            (!ignore_expiry).then_some(max_skew as i64 * 1000),
            filter.lines(),
        ),
        Command::Validate { filter } => tools::msg::validate(filter.lines()),
    }
}

fn fingerprint_key(output: &std::path::Path, force: bool) -> anyhow::Result<u8> {
    let key = keys::FingerprintKey::generate();
    key.write_file(output, force)?;
    tracing::info!("wrote fingerprint key {} (mode 0600), key id {}", output.display(), key.key_id());
    Ok(EXIT_OK)
}

fn pubkey(file: &std::path::Path) -> anyhow::Result<u8> {
    let public = match keys::PublicKey::load(file) {
        Ok(p) => p,
        Err(keys::Error::Parse { .. }) => SecretKey::load(file)?.public(),
        Err(e) => return Err(e.into()),
    };
    let mut out = Output::default();
    out.text(&format!("{} {}\n", public.agent, keys::encode_public(&public.key)))?;
    out.flush()?;
    Ok(EXIT_OK)
}

fn wrap_cmd(
    from: WrapFormat,
    key: &std::path::Path,
    msg: &MessageOpts,
    hazard_type: HazardType,
    fingerprint_key: Option<&std::path::Path>,
    filter: &FilterOpts,
) -> anyhow::Result<u8> {
    let key = SecretKey::load(key)?;
    let fingerprint_key = fingerprint_key.map(keys::FingerprintKey::load).transpose()?;
    if fingerprint_key.is_none() && from != WrapFormat::Json {
        tracing::info!("no --fingerprint-key: findings carry no fingerprint of their secret");
    }
    let workflow = format!(
        "wrap-{}",
        match from {
            WrapFormat::Yologuard => "yologuard",
            WrapFormat::Sarif => "sarif",
            WrapFormat::Json => "json",
        }
    );
    let receiver = msg.receiver("if://agent/oversight")?;
    let mut template = MessageSpec::new(Performative::Inform, "if://agent/unused", default_scope(&workflow));
    msg.apply(&mut template, &workflow)?;
    // One trace id for the whole run: every finding of one scan belongs to one incident.
    let opts = WrapOptions {
        receiver: String::new(),
        trace_id: Some(template.trace_id.clone().unwrap_or_else(|| message::random_hex(6))),
        scope: template.scope.clone(),
        hazard_type,
        fingerprint_key,
    };
    tools::msg::wrap(WrapRun {
        from,
        key,
        workflow,
        receiver,
        conversation_id: template.conversation_id,
        ttl: template.ttl,
        opts,
        lines: filter.lines(),
    })
}

fn sign_cmd(key: &std::path::Path, msg: &MessageOpts, filter: &FilterOpts) -> anyhow::Result<u8> {
    let key = SecretKey::load(key)?;
    let defaults = SignDefaults {
        receiver: (!msg.receiver.is_empty())
            .then(|| msg.receiver(""))
            .transpose()?
            .map(serde_json::to_value)
            .transpose()?,
        scope: serde_json::to_value(build_scope(msg.scope.as_deref(), "sign")?)?,
        trace_id: msg.trace_id.clone(),
        conversation: msg.conversation.clone(),
        ttl: msg.ttl,
    };
    tools::msg::sign(key, defaults, filter.lines())
}
