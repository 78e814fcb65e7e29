//! `if-msg`: create, wrap, sign, verify and validate IFMessages; make keys.

use super::{key_values, rejected_or_ok, Output, EXIT_OK};
use crate::jsonl::DEFAULT_MAX_LINE;
use crate::keys::{self, SecretKey, TrustStore};
use crate::message::{
    self, default_scope, Hazard, HazardType, IfMessage, Level, MessageFactory, MessageSpec, Performative, Provenance,
    Receiver, ReplayGuard, Scope,
};
use crate::pipeline::{self, parse_line, EventWriter, IncomingCheck, OnError, OnOutputLoss, Rejection, Rejects};
use crate::time::now_millis;
use crate::wrap::{self, WrapFormat, WrapOptions};
use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};
use serde_json::{Map, Value};
use std::io::Read;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  if-msg keygen --agent if://agent/yologuard -o scan.key >> trusted_keys
  if-msg new --key scan.key --performative escalate --receiver if://agent/oversight \\
      --hazard type=safety,severity=critical,auto_escalate=true --content '{\"summary\":\"live key\"}'
  yologuard --json src/ | if-msg wrap --from yologuard --key scan.key
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
    /// Print the trust-file line (agent and public key) of a secret or public key file.
    Pubkey {
        /// Key file (secret or .pub).
        file: PathBuf,
    },
    /// Print one new signed message.
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
        Command::Keygen { agent, output, force } => keygen(&agent, &output, force),
        Command::Pubkey { file } => pubkey(&file),
        Command::New { key, performative, msg, content, hazard, rationale, provenance, topic } => {
            let key = SecretKey::load(&key)?;
            if msg.receiver.is_empty() {
                bail!("--receiver is required");
            }
            let mut spec = MessageSpec::new(performative, "if://agent/unused", default_scope("manual"));
            spec.receiver = msg.receiver("")?;
            msg.apply(&mut spec, "manual")?;
            if let Some(c) = content {
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
            let mut factory = MessageFactory::new(key, 1);
            let value = factory.build(spec, now_millis())?;
            let mut out = Output::default();
            out.json(&value)?;
            out.flush()?;
            Ok(EXIT_OK)
        }
        Command::Wrap { from, key, msg, hazard_type, filter } => wrap_cmd(from, &key, &msg, hazard_type, &filter),
        Command::Sign { key, msg, filter } => sign_cmd(&key, &msg, &filter),
        Command::Verify { trust, state, ignore_expiry, max_skew, filter } => {
            let trust = TrustStore::load_all(&trust)?;
            if trust.is_none() {
                tracing::warn!(
                    "no --trust: signatures are checked against the keys the messages carry (integrity, not identity)"
                );
            }
            let guard = state.as_deref().map(ReplayGuard::load).transpose().context("--state")?;
            let skew = (!ignore_expiry).then_some(max_skew as i64 * 1000);
            let mut check = IncomingCheck::new(trust).with_replay(guard, skew);
            let writer = EventWriter::stdout(None, "verify", OnOutputLoss::EndQuietly);
            let rejected = pipeline::filter_stdin(filter.max_line_bytes, filter.on_error, &writer, |_, line| {
                Ok(check.check_line(&line).map(|_| writer.line(line)))
            })?;
            writer.finish()?;
            check.save().context("--state")?;
            Ok(rejected_or_ok(rejected))
        }
        Command::Validate { filter } => {
            let writer = EventWriter::stdout(None, "validate", OnOutputLoss::EndQuietly);
            let rejected = pipeline::filter_stdin(filter.max_line_bytes, filter.on_error, &writer, |_, line| {
                let checked =
                    parse_line(&line).and_then(|v| IfMessage::from_value(&v).map_err(|e| Rejection::Message(e.into())));
                Ok(checked.map(|_| writer.line(line)))
            })?;
            writer.finish()?;
            Ok(rejected_or_ok(rejected))
        }
    }
}

fn keygen(agent: &str, output: &std::path::Path, force: bool) -> anyhow::Result<u8> {
    let key = SecretKey::generate(agent)?;
    let pub_path = key.write_files(output, force)?;
    tracing::info!("wrote secret key {} (mode 0600) and public key {}", output.display(), pub_path.display());
    tracing::info!("agent {agent}, key id {}", key.key_id());
    let mut out = Output::default();
    out.text(&format!("{agent} {}\n", keys::encode_public(&key.verifying())))?;
    out.flush()?;
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
    filter: &FilterOpts,
) -> anyhow::Result<u8> {
    let key = SecretKey::load(key)?;
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
    };
    let writer = EventWriter::stdout(Some(MessageFactory::new(key, 256)), &workflow, OnOutputLoss::EndQuietly);
    let emit = |spec: MessageSpec| {
        let mut s = spec;
        s.receiver = receiver.clone();
        s.conversation_id = template.conversation_id.clone();
        s.ttl = template.ttl;
        writer.spec(s);
    };
    let rejected = match from {
        WrapFormat::Json => pipeline::filter_stdin(filter.max_line_bytes, filter.on_error, &writer, |_, line| {
            let value = match parse_line(&line) {
                Ok(v) => v,
                Err(e) => return Ok(Err(e)),
            };
            let Value::Object(obj) = &value else { return Ok(Err(Rejection::NotObject)) };
            if message::looks_like_ifmessage(obj) {
                writer.line(line);
            } else {
                emit(wrap::json_object(obj, &opts));
            }
            Ok(Ok(()))
        })?,
        WrapFormat::Yologuard | WrapFormat::Sarif => wrap_documents(from, filter, &opts, &writer, &emit)?,
    };
    writer.finish()?;
    Ok(rejected_or_ok(rejected))
}

/// Whole JSON documents (pretty-printed or not, one after another) from stdin. Returns whether
/// any detection was rejected.
fn wrap_documents(
    from: WrapFormat,
    filter: &FilterOpts,
    opts: &WrapOptions,
    writer: &EventWriter,
    emit: &dyn Fn(MessageSpec),
) -> anyhow::Result<bool> {
    // Scanner reports are documents, not lines: the limit applies to the whole input.
    let limit = (filter.max_line_bytes as u64).max(64 << 20);
    let mut input = Vec::new();
    std::io::stdin().lock().take(limit + 1).read_to_end(&mut input).context("reading stdin")?;
    if input.len() as u64 > limit {
        bail!("stdin: input is larger than {limit} bytes");
    }
    let line_of = |offset: usize| 1 + input[..offset.min(input.len())].iter().filter(|&&b| b == b'\n').count() as u64;
    let mut rejects = Rejects::new(filter.on_error);
    let mut stream = serde_json::Deserializer::from_slice(&input).into_iter::<StrictDoc>();
    while writer.admitting() {
        let start = stream.byte_offset();
        let doc = match stream.next() {
            None => break,
            Some(Err(e)) => {
                let at = line_of(start) + e.line().saturating_sub(1) as u64;
                // The rest of the stream cannot be resynchronised after a syntax error.
                Rejects::new(OnError::Fail).reject(at, &format!("not JSON: {e}"));
                return Ok(true);
            }
            Some(Ok(StrictDoc(v))) => v,
        };
        let end = stream.byte_offset();
        let first_line = line_of(start + input[start..end].iter().take_while(|b| b.is_ascii_whitespace()).count());
        // Each detection stands alone: a bad one is reported without losing its neighbours.
        let specs: Vec<Result<MessageSpec, String>> = match (&doc, from) {
            (Value::Object(o), _) if message::looks_like_ifmessage(o) => {
                writer.json(&doc);
                continue;
            }
            (Value::Array(items), WrapFormat::Yologuard) => items
                .iter()
                .enumerate()
                .map(|(i, d)| wrap::yologuard_detection(d, opts).map_err(|e| format!("detection {i}: {e}")))
                .collect(),
            (Value::Object(_), WrapFormat::Yologuard) => vec![wrap::yologuard_detection(&doc, opts)],
            (Value::Object(_), WrapFormat::Sarif) => match wrap::sarif_results(&doc, opts) {
                Ok(specs) => specs.into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            },
            _ => vec![Err("expected a JSON array of detections or an object".into())],
        };
        for spec in specs {
            match spec {
                Ok(s) => emit(s),
                Err(reason) => {
                    if rejects.reject(first_line, &reason) {
                        return Ok(true);
                    }
                }
            }
        }
    }
    Ok(rejects.finish())
}

/// A JSON document parsed with duplicate keys rejected.
struct StrictDoc(Value);

impl<'de> serde::Deserialize<'de> for StrictDoc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::deserialize_strict(d).map(StrictDoc)
    }
}

fn sign_cmd(key: &std::path::Path, msg: &MessageOpts, filter: &FilterOpts) -> anyhow::Result<u8> {
    let key = SecretKey::load(key)?;
    // Each object's sequence number comes from filling it in, before it is checked and signed:
    // this factory stays on this thread; the writer only writes.
    let mut factory = MessageFactory::new(key, 256);
    let defaults = SignDefaults {
        receiver: (!msg.receiver.is_empty())
            .then(|| msg.receiver(""))
            .transpose()?
            .map(serde_json::to_value)
            .transpose()?,
        scope: serde_json::to_value(build_scope(msg.scope.as_deref(), "sign")?)?,
    };
    let writer = EventWriter::stdout(None, "sign", OnOutputLoss::EndQuietly);
    let rejected = pipeline::filter_stdin(filter.max_line_bytes, filter.on_error, &writer, |_, line| {
        let mut obj = match parse_line(&line) {
            Ok(Value::Object(o)) => o,
            Ok(_) => return Ok(Err(Rejection::NotObject)),
            Err(e) => return Ok(Err(e)),
        };
        obj.remove("signature");
        let sender = factory.sender().to_owned();
        match obj.get("sender").and_then(Value::as_str) {
            Some(s) if s != sender => {
                return Ok(Err(Rejection::Refused(format!("sender is {s} but the key is {sender}'s"))))
            }
            _ => {}
        }
        fill_defaults(&mut obj, &sender, msg, &defaults, &mut factory)?;
        let value = Value::Object(obj);
        if let Err(e) = serde_json::from_value::<IfMessage>(value.clone())
            .map_err(|e| e.to_string())
            .and_then(|m| m.check(false).map_err(|e| e.to_string()))
        {
            return Ok(Err(Rejection::Refused(e)));
        }
        let Value::Object(mut obj) = value else { unreachable!() };
        message::sign_map(&mut obj, &factory.key);
        writer.json(&Value::Object(obj));
        Ok(Ok(()))
    })?;
    writer.finish()?;
    factory.finish()?;
    Ok(rejected_or_ok(rejected))
}

/// What `sign` fills in when an object lacks it, worked out once from the options.
struct SignDefaults {
    receiver: Option<Value>,
    scope: Value,
}

fn fill_defaults(
    obj: &mut Map<String, Value>,
    sender: &str,
    msg: &MessageOpts,
    defaults: &SignDefaults,
    factory: &mut MessageFactory,
) -> Result<(), keys::Error> {
    obj.insert("sender".into(), sender.into());
    if let (false, Some(r)) = (obj.contains_key("receiver"), &defaults.receiver) {
        obj.insert("receiver".into(), r.clone());
    }
    let trace = match obj.get("trace_id").and_then(Value::as_str) {
        Some(t) => t.to_owned(),
        None => {
            let t = msg.trace_id.clone().unwrap_or_else(|| message::random_hex(6));
            obj.insert("trace_id".into(), t.clone().into());
            t
        }
    };
    let defaults: [(&str, Value); 6] = [
        ("conversation_id", msg.conversation.clone().unwrap_or_else(|| format!("if://conversation/{trace}")).into()),
        ("content", Value::Object(Map::new())),
        ("timestamp", crate::time::format_rfc3339(now_millis()).into()),
        ("nonce", message::random_hex(12).into()),
        ("ttl", msg.ttl.into()),
        ("scope", defaults.scope.clone()),
    ];
    for (k, v) in defaults {
        obj.entry(k).or_insert(v);
    }
    if !obj.contains_key("sequence_num") {
        obj.insert("sequence_num".into(), factory.next_sequence()?.into());
    }
    Ok(())
}
