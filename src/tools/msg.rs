//! `if-msg`: the filters (verify, validate, sign, wrap) on the pipeline layer.

use super::{rejected_or_ok, Output, EXIT_OK};
use crate::keys::{self, SecretKey, TrustStore};
use crate::message::{self, IfMessage, MessageFactory, MessageSpec, Receiver, ReplayGuard};
use crate::pipeline::{self, parse_line, EventWriter, IncomingCheck, OnError, OnOutputLoss, Rejection, Rejects};
use crate::time::now_millis;
use crate::wrap::{self, WrapFormat, WrapOptions};
use anyhow::{bail, Context};
use serde_json::{Map, Value};
use std::io::Read;
use std::path::Path;

/// Makes a key pair for `agent`: `output` (secret, 0600) and `output.pub`, and prints its
/// trust-file line. All or nothing: when the line cannot be printed (a full disk, a closed pipe)
/// both files are removed again, so a re-run does not find a key nobody saw.
pub fn keygen(agent: &str, output: &Path, force: bool) -> anyhow::Result<u8> {
    let key = SecretKey::generate(agent)?;
    let pub_path = key.write_files(output, force)?;
    let mut out = Output::default();
    let printed = out.text(&format!("{agent} {}\n", keys::encode_public(&key.verifying()))).and_then(|_| out.flush());
    if let Err(e) = printed {
        let not_removed: Vec<String> = [output, pub_path.as_path()]
            .into_iter()
            .filter_map(|p| std::fs::remove_file(p).err().map(|e| format!("{}: {e}", p.display())))
            .collect();
        // A new error, not `e` with context: a closed stdout must not end quietly (exit 0) when
        // no key was made.
        if not_removed.is_empty() {
            bail!(
                "stdout: {e}: the trust line was not printed, so {} and {} were removed",
                output.display(),
                pub_path.display()
            );
        }
        bail!("stdout: {e}: the trust line was not printed, and removing the key failed: {}", not_removed.join("; "));
    }
    tracing::info!("wrote secret key {} (mode 0600) and public key {}", output.display(), pub_path.display());
    tracing::info!("agent {agent}, key id {}", key.key_id());
    Ok(EXIT_OK)
}

/// How a filter reads stdin.
#[derive(Clone, Copy, Debug)]
pub struct Lines {
    pub max_line: usize,
    pub on_error: OnError,
}

/// Passes on the messages that verify (schema, signature, `trust`, and with `state` the replay
/// state kept there; freshness unless `max_skew_ms` is `None`).
pub fn verify(
    trust: Option<TrustStore>,
    state: Option<&Path>,
    max_skew_ms: Option<i64>,
    lines: Lines,
) -> anyhow::Result<u8> {
    if trust.is_none() {
        tracing::warn!(
            "no --trust: signatures are checked against the keys the messages carry (integrity, not identity)"
        );
    }
    let guard = state.map(ReplayGuard::load).transpose().context("--state")?;
    if let (Some(dir), Some(senders)) = (state, guard.as_ref().and_then(ReplayGuard::upgraded_from_v1)) {
        tracing::warn!(
            "{}: replay state of an older version (per sender): upgraded to per sender and key; \
             {senders} sender(s)' last sequence numbers apply to each of their keys (docs/if-msg.md)",
            dir.join("replay.json").display()
        );
    }
    let mut check = IncomingCheck::new(trust).with_replay(guard, max_skew_ms);
    let writer = EventWriter::stdout(None, "verify", OnOutputLoss::EndQuietly);
    let rejected = pipeline::filter_stdin(lines.max_line, lines.on_error, &writer, |_, line| {
        Ok(check.check_line(&line).map(|_| writer.line(line)))
    })?;
    // Lines accepted but never delivered (the reader went away) must not count as seen.
    let cut_short = writer.lost().is_some();
    writer.finish()?;
    if cut_short {
        tracing::warn!("--state not updated: the output was cut short");
    } else {
        check.save().context("--state")?;
    }
    Ok(rejected_or_ok(rejected))
}

/// Passes on the lines that are IFMessages by the schema alone.
pub fn validate(lines: Lines) -> anyhow::Result<u8> {
    let writer = EventWriter::stdout(None, "validate", OnOutputLoss::EndQuietly);
    let rejected = pipeline::filter_stdin(lines.max_line, lines.on_error, &writer, |_, line| {
        let checked = parse_line(&line).and_then(|v| {
            message::limits::check(&v, &crate::json::canonical(&v)).map_err(|e| Rejection::Message(e.into()))?;
            IfMessage::from_value(&v).map_err(|e| Rejection::Message(e.into()))
        });
        Ok(checked.map(|_| writer.line(line)))
    })?;
    writer.finish()?;
    Ok(rejected_or_ok(rejected))
}

/// What every wrapped message gets besides what its finding gives it.
pub struct WrapRun {
    pub from: WrapFormat,
    pub key: SecretKey,
    /// The scope's workflow, e.g. `wrap-yologuard`.
    pub workflow: String,
    pub receiver: Receiver,
    pub conversation_id: Option<String>,
    pub ttl: u32,
    pub opts: WrapOptions,
    pub lines: Lines,
}

/// Scanner output or JSON objects on stdin become signed messages, one per finding; what is an
/// IFMessage already passes through.
pub fn wrap(run: WrapRun) -> anyhow::Result<u8> {
    let sender = run.key.agent.clone();
    let writer = EventWriter::stdout(Some(MessageFactory::new(run.key, 256)), &run.workflow, OnOutputLoss::EndQuietly);
    // What would be deeper or larger than every verifier accepts is refused here, by its line,
    // instead of signed.
    let emit = |spec: MessageSpec| -> Result<(), Rejection> {
        let mut s = spec;
        s.receiver = run.receiver.clone();
        s.conversation_id = run.conversation_id.clone();
        s.ttl = run.ttl;
        s.check_limits(&sender).map_err(|e| Rejection::Message(e.into()))?;
        writer.spec(s);
        Ok(())
    };
    let opts = &run.opts;
    let rejected = match run.from {
        WrapFormat::Json => pipeline::filter_stdin(run.lines.max_line, run.lines.on_error, &writer, |_, line| {
            let value = match parse_line(&line) {
                Ok(v) => v,
                Err(e) => return Ok(Err(e)),
            };
            let Value::Object(obj) = &value else { return Ok(Err(Rejection::NotObject)) };
            if message::looks_like_ifmessage(obj) {
                writer.line(line);
                return Ok(Ok(()));
            }
            if let Err(e) = crate::json::check_numbers(&line) {
                return Ok(Err(Rejection::Refused(e.to_string())));
            }
            Ok(emit(wrap::json_object(obj, opts)))
        })?,
        WrapFormat::Yologuard | WrapFormat::Sarif => wrap_documents(run.from, &run.lines, opts, &writer, &emit)?,
    };
    writer.finish()?;
    Ok(rejected_or_ok(rejected))
}

/// Whole JSON documents (pretty-printed or not, one after another) from stdin. Returns whether
/// any detection was rejected.
///
/// The whole input is read before the first message is built: every detection's secret is
/// masked in every message of the run, whichever document it came from.
pub fn wrap_documents(
    from: WrapFormat,
    lines: &Lines,
    opts: &WrapOptions,
    writer: &EventWriter,
    emit: &dyn Fn(MessageSpec) -> Result<(), Rejection>,
) -> anyhow::Result<bool> {
    // Scanner reports are documents, not lines: the limit applies to the whole input.
    let limit = (lines.max_line as u64).max(64 << 20);
    let mut input = Vec::new();
    std::io::stdin().lock().take(limit + 1).read_to_end(&mut input).context("reading stdin")?;
    if input.len() as u64 > limit {
        bail!("stdin: input is larger than {limit} bytes");
    }
    let line_of = |offset: usize| 1 + input[..offset.min(input.len())].iter().filter(|&&b| b == b'\n').count() as u64;
    // Each document with the line it starts on; a syntax error ends the input (the rest cannot
    // be resynchronised) and is reported after the documents before it.
    let mut docs = Vec::new();
    let mut syntax_error = None;
    let mut stream = serde_json::Deserializer::from_slice(&input).into_iter::<StrictDoc>();
    loop {
        let start = stream.byte_offset();
        match stream.next() {
            None => break,
            Some(Err(e)) => {
                // The deserializer counts lines from the start of the input, not of the document.
                syntax_error = Some((e.line() as u64, e));
                break;
            }
            Some(Ok(StrictDoc(v))) => {
                let end = stream.byte_offset();
                let ws = input[start..end].iter().take_while(|b| b.is_ascii_whitespace()).count();
                // A number the signature could not carry exactly refuses its document, named by
                // the number's own line.
                let numbers =
                    crate::json::check_numbers(&input[start..end]).map_err(|e| (line_of(start + e.offset), e));
                docs.push((line_of(start + ws), v, numbers));
            }
        }
    }
    let passes = |doc: &Value| matches!(doc, Value::Object(o) if message::looks_like_ifmessage(o));
    let secrets = match wrap::Secrets::collect(from, docs.iter().map(|(_, d, _)| d).filter(|d| !passes(d))) {
        Ok(s) => s,
        Err(reason) => {
            Rejects::new(OnError::Fail).reject(docs.first().map_or(1, |(l, _, _)| *l), &reason);
            return Ok(true);
        }
    };
    let mut rejects = Rejects::new(lines.on_error);
    for (first_line, doc, numbers) in &docs {
        if !writer.admitting() {
            break;
        }
        if let Err((at, e)) = numbers {
            if rejects.reject(*at, e) {
                return Ok(true);
            }
            continue;
        }
        // Each detection stands alone: a bad one is reported without losing its neighbours.
        let specs: Vec<Result<MessageSpec, String>> = match (doc, from) {
            (doc, _) if passes(doc) => {
                writer.json(doc);
                continue;
            }
            (Value::Array(items), WrapFormat::Yologuard) => items
                .iter()
                .enumerate()
                .map(|(i, d)| wrap::yologuard_detection(d, opts, &secrets).map_err(|e| format!("detection {i}: {e}")))
                .collect(),
            (Value::Object(_), WrapFormat::Yologuard) => vec![wrap::yologuard_detection(doc, opts, &secrets)],
            (Value::Object(_), WrapFormat::Sarif) => match wrap::sarif_results(doc, opts, &secrets) {
                Ok(specs) => specs.into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            },
            _ => vec![Err("expected a JSON array of detections or an object".into())],
        };
        for spec in specs {
            match spec.and_then(|s| emit(s).map_err(|e| e.to_string())) {
                Ok(()) => {}
                Err(reason) => {
                    if rejects.reject(*first_line, &reason) {
                        return Ok(true);
                    }
                }
            }
        }
    }
    if let Some((at, e)) = syntax_error {
        if writer.admitting() {
            Rejects::new(OnError::Fail).reject(at, &format!("not JSON: {e}"));
            return Ok(true);
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

/// Signs the JSON objects on stdin as IFMessages from `key`, filling in what they lack.
pub fn sign(key: SecretKey, defaults: SignDefaults, lines: Lines) -> anyhow::Result<u8> {
    // Each object's sequence number comes from filling it in, before it is checked and signed:
    // this factory stays on this thread; the writer only writes.
    let mut factory = MessageFactory::new(key, 256);
    let writer = EventWriter::stdout(None, "sign", OnOutputLoss::EndQuietly);
    let rejected = pipeline::filter_stdin(lines.max_line, lines.on_error, &writer, |_, line| {
        let mut obj = match parse_line(&line) {
            Ok(Value::Object(o)) => o,
            Ok(_) => return Ok(Err(Rejection::NotObject)),
            Err(e) => return Ok(Err(e)),
        };
        if let Err(e) = crate::json::check_numbers(&line) {
            return Ok(Err(Rejection::Refused(e.to_string())));
        }
        obj.remove("signature");
        let sender = factory.sender().to_owned();
        match obj.get("sender").and_then(Value::as_str) {
            Some(s) if s != sender => {
                return Ok(Err(Rejection::Refused(format!("sender is {s} but the key is {sender}'s"))))
            }
            _ => {}
        }
        fill_defaults(&mut obj, &sender, &defaults, &mut factory)?;
        let value = Value::Object(obj);
        if let Err(e) = serde_json::from_value::<IfMessage>(value.clone())
            .map_err(|e| e.to_string())
            .and_then(|m| m.check(false).map_err(|e| e.to_string()))
        {
            return Ok(Err(Rejection::Refused(e)));
        }
        if let Err(e) = message::limits::check_depth(&value) {
            return Ok(Err(Rejection::Message(e.into())));
        }
        let Value::Object(mut obj) = value else { unreachable!() };
        message::sign_map(&mut obj, &factory.key);
        let signed = crate::json::canonical_map(&obj);
        if let Err(e) = message::limits::check_size(signed.len()) {
            return Ok(Err(Rejection::Message(e.into())));
        }
        writer.line(signed);
        Ok(Ok(()))
    })?;
    writer.finish()?;
    factory.finish()?;
    Ok(rejected_or_ok(rejected))
}

/// What `sign` fills in when an object lacks it, worked out once from the options.
pub struct SignDefaults {
    pub receiver: Option<Value>,
    pub scope: Value,
    pub trace_id: Option<String>,
    pub conversation: Option<String>,
    pub ttl: u32,
}

fn fill_defaults(
    obj: &mut Map<String, Value>,
    sender: &str,
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
            let t = defaults.trace_id.clone().unwrap_or_else(|| message::random_hex(6));
            obj.insert("trace_id".into(), t.clone().into());
            t
        }
    };
    let filled: [(&str, Value); 6] = [
        (
            "conversation_id",
            defaults.conversation.clone().unwrap_or_else(|| format!("if://conversation/{trace}")).into(),
        ),
        ("content", Value::Object(Map::new())),
        ("timestamp", crate::time::format_rfc3339(now_millis()).into()),
        ("nonce", message::random_hex(12).into()),
        ("ttl", defaults.ttl.into()),
        ("scope", defaults.scope.clone()),
    ];
    for (k, v) in filled {
        obj.entry(k).or_insert(v);
    }
    if !obj.contains_key("sequence_num") {
        obj.insert("sequence_num".into(), factory.next_sequence()?.into());
    }
    Ok(())
}
