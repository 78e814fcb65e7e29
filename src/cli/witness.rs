//! `if-witness`: the hash-chained, signed, Merkle-checkpointed audit log.

use super::{Output, Rejected, EXIT_OK, EXIT_REJECTED};
use crate::keys::{SecretKey, TrustStore};
use crate::message::{self, default_scope, MessageFactory, MessageSpec, Performative};
use crate::pipeline::OnError;
use crate::time::{now_millis, UnixMillis};
use crate::tools::witness::{self, classify};
use crate::witness::audit_report::AuditFormat;
use crate::witness::proof::{self, Proven};
use crate::witness::query::{self, CostBy, ExportFormat, Filter, TextOrJson};
use crate::witness::{note, store, verify_log, CheckpointPolicy, Repair, Store, VerifyOptions};
use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use serde_json::Value;
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "\
Examples:
  if-sip proxy --key proxy.key | if-witness append audit.log --key witness.key
  if-witness log audit.log --key witness.key --event scan.start --component yologuard --trace-id 0123456789ab
  if-witness verify audit.log --trust trusted_keys            # CI: exit 0 only if untampered
  if-witness checkpoint audit.log --key witness.key > old.checkpoint
  if-witness checkpoint audit.log --last > old.checkpoint   # the newest one it holds
  if-witness verify audit.log --checkpoint old.checkpoint     # the log only grew since
  if-witness prove audit.log --index 42 > proof.json
  if-witness verify-proof proof.json --checkpoint latest.checkpoint --trust trusted_keys
  if-witness trace audit.log 0123456789ab
  if-witness query audit.log --component yologuard --start-date 2026-11-01 --limit 20
  if-witness cost audit.log --by component --end-date 2026-11-30
  if-witness export audit.log --format csv -o audit.csv
  if-witness audit sip.log gk.log mcu.log --trust trusted_keys   # IF.TTT over an incident's logs
  if-witness audit *.log --trust trusted_keys --format html > audit.html

Exit status: 0 ok, 1 verification failed or input rejected, 2 usage or I/O error.";

#[derive(Parser, Debug)]
#[command(name = "if-witness", version, about = "Append to, verify and query a hash-chained, signed, Merkle-checkpointed audit log", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Append IFMessages from stdin to LOG, passing each through to stdout.
    Append {
        /// Log file (created if missing).
        log: PathBuf,
        /// Witness secret key: signs the log's checkpoints.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Trusted keys: refuse messages not signed by one (repeatable).
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
        /// Write a checkpoint after this many uncovered entries.
        #[arg(long, default_value_t = 1000, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        checkpoint_every: u64,
        /// Write a checkpoint when uncovered entries are this old (milliseconds).
        #[arg(long, default_value_t = 1000, value_name = "MS")]
        checkpoint_interval: u64,
        /// Log origin for a new log [default: ifconnect.local/witness/<name>/<random>].
        #[arg(long)]
        origin: Option<String>,
        /// Do not copy messages to stdout.
        #[arg(long)]
        quiet: bool,
        /// What to do with a message that fails its checks.
        #[arg(long, value_enum, default_value_t = OnError::Fail)]
        on_error: OnError,
        /// Longest accepted input line in bytes.
        #[arg(long, default_value_t = crate::jsonl::DEFAULT_MAX_LINE, value_name = "BYTES")]
        max_line_bytes: usize,
    },
    /// Build one message from an event and append it (InfraFabric's `witness log`).
    Log {
        log: PathBuf,
        /// Secret key of the agent the event is from.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Witness key for checkpoints [default: --key].
        #[arg(long, value_name = "FILE")]
        witness_key: Option<PathBuf>,
        /// Event name, e.g. scan.finished.
        #[arg(long)]
        event: String,
        /// Component that produced the event.
        #[arg(long)]
        component: String,
        /// Trace id (12 lower-case hex digits) [default: random].
        #[arg(long, value_name = "HEX12")]
        trace_id: Option<String>,
        /// Payload: a JSON value.
        #[arg(long, value_name = "JSON")]
        payload: Option<String>,
        /// Receiver agent id.
        #[arg(long, default_value = "if://agent/witness")]
        receiver: String,
        /// Model that did the work, for `cost`.
        #[arg(long)]
        model: Option<String>,
        /// Cost in USD, for `cost`.
        #[arg(long, value_name = "USD")]
        cost: Option<f64>,
        /// Prompt tokens, for `cost`.
        #[arg(long, value_name = "N")]
        tokens_in: Option<u64>,
        /// Completion tokens, for `cost`.
        #[arg(long, value_name = "N")]
        tokens_out: Option<u64>,
    },
    /// Write a signed checkpoint of the whole log (if it does not end with one) and print it.
    Checkpoint {
        log: PathBuf,
        /// Witness secret key.
        #[arg(long, value_name = "FILE", required_unless_present = "last")]
        key: Option<PathBuf>,
        /// Write nothing: print the newest checkpoint the log holds (no key needed), to keep
        /// for the next `verify --checkpoint`.
        #[arg(long, conflicts_with = "key")]
        last: bool,
    },
    /// Verify every entry, chain link, checkpoint and message signature.
    Verify {
        log: PathBuf,
        /// Trusted keys: every sender and the witness must be listed (repeatable).
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
        /// A checkpoint saved earlier: the log must still contain exactly what it covers.
        #[arg(long, value_name = "FILE")]
        checkpoint: Vec<PathBuf>,
        /// Worker threads [default: all cores].
        #[arg(long, default_value_t = 0)]
        threads: usize,
    },
    /// Print an inclusion proof for one entry, or a consistency proof between two sizes.
    Prove {
        log: PathBuf,
        /// Entry to prove.
        #[arg(long, required_unless_present = "consistency_from", conflicts_with = "consistency_from")]
        index: Option<u64>,
        /// Prove the tree of this many entries is a prefix of the tree of --size.
        #[arg(long, value_name = "OLD_SIZE")]
        consistency_from: Option<u64>,
        /// Tree size to prove against [default: the last checkpoint].
        #[arg(long)]
        size: Option<u64>,
    },
    /// Check a proof offline against a signed checkpoint.
    VerifyProof {
        /// Proof file from `prove` (- for stdin).
        proof: PathBuf,
        /// Signed checkpoint the proof must match.
        #[arg(long, value_name = "FILE")]
        checkpoint: PathBuf,
        /// Older checkpoint, for consistency proofs.
        #[arg(long, value_name = "FILE")]
        old_checkpoint: Option<PathBuf>,
        /// Trusted keys: the checkpoint must be signed by one (and the proven message's sender).
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
    },
    /// Every entry of one trace id, in order, with duration, cost and components.
    Trace {
        log: PathBuf,
        trace_id: String,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Entries that match filters, oldest first.
    Query {
        log: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
        /// At most this many entries.
        #[arg(long, default_value_t = 50)]
        limit: u64,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Sum provenance.cost_usd and tokens_used by sender (or component) and model.
    Cost {
        log: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
        /// Group by the sender agent or by content.component.
        #[arg(long, value_enum, default_value_t = CostBy::Sender)]
        by: CostBy,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Export entries as JSON, JSONL or CSV.
    Export {
        log: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[command(flatten)]
        filter: FilterArgs,
        /// Write to FILE instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Move a torn last line (left by a crash) into LOG.torn-<ms> and truncate the log.
    Repair { log: PathBuf },
    /// Check IF.TTT over the logs of an incident from different tools: traceable, transparent,
    /// trustworthy (exit 0 only when all three hold; each failing rule named).
    Audit {
        /// The logs to audit together (e.g. the SIP proxy's, the gatekeeper's, the MCU's).
        #[arg(required = true)]
        logs: Vec<PathBuf>,
        /// Trusted keys: every sender, every message carried inside another, every witness.
        #[arg(long, value_name = "FILE", required = true)]
        trust: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
        format: AuditFormat,
        /// Write the report to FILE instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Worker threads for verifying [default: all cores].
        #[arg(long, default_value_t = 0)]
        threads: usize,
    },
}

/// Which entries a query looks at (every filter given must match). Empty = all.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct FilterArgs {
    /// Only entries with this trace id.
    #[arg(long, value_name = "HEX12")]
    pub trace_id: Option<String>,
    /// Only entries whose content.component is this.
    #[arg(long)]
    pub component: Option<String>,
    /// Only entries whose content.event is this.
    #[arg(long)]
    pub event: Option<String>,
    /// Only entries from this sender agent.
    #[arg(long, value_name = "AGENT")]
    pub sender: Option<String>,
    /// From this day (YYYY-MM-DD, UTC) or RFC 3339 time on.
    #[arg(long, value_name = "DATE", value_parser = query::parse_start)]
    pub start_date: Option<UnixMillis>,
    /// Up to the end of this day (YYYY-MM-DD, UTC) or this RFC 3339 time.
    #[arg(long, value_name = "DATE", value_parser = query::parse_end)]
    pub end_date: Option<UnixMillis>,
}

impl From<FilterArgs> for Filter {
    fn from(a: FilterArgs) -> Self {
        Filter {
            trace_id: a.trace_id,
            component: a.component,
            event: a.event,
            sender: a.sender,
            start_date: a.start_date,
            end_date: a.end_date,
        }
    }
}

pub fn main(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Append {
            log,
            key,
            trust,
            checkpoint_every,
            checkpoint_interval,
            origin,
            quiet,
            on_error,
            max_line_bytes,
        } => {
            let key = SecretKey::load(&key)?;
            let trust = TrustStore::load_all(&trust)?;
            let store = Store::open(&log, key, origin).map_err(classify)?;
            let policy = CheckpointPolicy { every_entries: checkpoint_every, every_ms: checkpoint_interval };
            witness::append(store, trust, policy, !quiet, on_error, max_line_bytes)
        }
        Command::Log {
            log,
            key,
            witness_key,
            event,
            component,
            trace_id,
            payload,
            receiver,
            model,
            cost,
            tokens_in,
            tokens_out,
        } => {
            if let Some(t) = &trace_id {
                if !message::is_trace_id(t) {
                    bail!("--trace-id `{t}`: must be 12 lower-case hex digits");
                }
            }
            let payload = payload
                .map(|p| {
                    crate::json::check_numbers(p.as_bytes())?;
                    anyhow::Ok(crate::json::parse_strict(p.as_bytes())?)
                })
                .transpose()
                .context("--payload")?;
            let sender = SecretKey::load(&key)?;
            let witness = match &witness_key {
                Some(w) => SecretKey::load(w)?,
                None => SecretKey::load(&key)?,
            };
            let mut spec = MessageSpec::new(Performative::Inform, &receiver, default_scope("witness-log"));
            spec.trace_id = trace_id;
            spec.content.insert("event".into(), event.into());
            spec.content.insert("component".into(), component.into());
            if let Some(p) = payload {
                spec.content.insert("payload".into(), p);
            }
            if model.is_some() || cost.is_some() || tokens_in.is_some() || tokens_out.is_some() {
                if cost.is_some_and(|c| !(c >= 0.0 && c.is_finite())) {
                    bail!("--cost must be a non-negative number");
                }
                let mut p = message::Provenance { model, cost_usd: cost, ..Default::default() };
                if tokens_in.is_some() || tokens_out.is_some() {
                    p.tokens_used = Some(tokens_in.unwrap_or(0) + tokens_out.unwrap_or(0));
                    p.extra.insert("tokens_in".into(), tokens_in.unwrap_or(0).into());
                    p.extra.insert("tokens_out".into(), tokens_out.unwrap_or(0).into());
                }
                spec.provenance = Some(p);
            }
            spec.check_limits(&sender.agent).context("--payload")?;
            let mut factory = MessageFactory::new(sender, 1);
            let value = factory.build(spec, now_millis())?;
            let mut store = Store::open(&log, witness, None).map_err(classify)?;
            store
                .append(&[crate::json::canonical(&value)], CheckpointPolicy { every_entries: 1, every_ms: 0 })
                .map_err(classify)?;
            let mut out = Output::default();
            out.json(&value)?;
            out.flush()?;
            Ok(EXIT_OK)
        }
        Command::Checkpoint { log, last: true, .. } => {
            let state = store::read_entries(&log, |_| Ok(())).map_err(classify)?;
            let Some(note) = state.last_note else {
                return Err(Rejected(format!("{}: holds no checkpoint", log.display())).into());
            };
            let mut out = Output::default();
            out.text(&note)?;
            out.flush()?;
            Ok(EXIT_OK)
        }
        Command::Checkpoint { log, key, .. } => {
            let key = key.expect("clap requires --key without --last");
            let mut store = Store::open(&log, SecretKey::load(&key)?, None).map_err(classify)?;
            let note = store.checkpoint().map_err(classify)?;
            let mut out = Output::default();
            out.text(&note)?;
            out.flush()?;
            Ok(EXIT_OK)
        }
        Command::Verify { log, trust, checkpoint, threads } => {
            let trust = TrustStore::load_all(&trust)?;
            let checkpoints = checkpoint
                .iter()
                .map(|p| std::fs::read_to_string(p).with_context(|| p.display().to_string()))
                .collect::<Result<Vec<_>, _>>()?;
            let anchored = trust.is_some();
            let report =
                verify_log(&log, VerifyOptions { trust, checkpoints, progress: super::progress("verifying"), threads })
                    .map_err(classify)?;
            let uncovered = report.entries - report.covered;
            tracing::info!(
                "{}: ok: {} entries from {} sender(s), {} checkpoint(s), the last covering {}{}",
                log.display(),
                report.entries,
                report.senders,
                report.checkpoints,
                report.covered,
                if anchored { "; keys checked against --trust" } else { "" }
            );
            if uncovered > 0 {
                tracing::warn!("{uncovered} entries after the last checkpoint are not yet signed by the witness (an appender may still be running)");
            }
            if !anchored {
                tracing::warn!("no --trust: keys are the ones the log names; this proves integrity, not who wrote it");
            }
            Ok(EXIT_OK)
        }
        Command::Prove { log, index, consistency_from, size } => {
            let proof = match (index, consistency_from) {
                (Some(i), _) => proof::prove_inclusion(&log, i, size),
                (None, Some(old)) => proof::prove_consistency(&log, old, size),
                (None, None) => unreachable!("clap requires one"),
            };
            let proof = proof.map_err(|e| match e {
                proof::ProofError::Store(s) => classify(s),
                other => other.into(),
            })?;
            let mut out = Output::default();
            out.json(&proof)?;
            out.flush()?;
            Ok(EXIT_OK)
        }
        Command::VerifyProof { proof, checkpoint, old_checkpoint, trust } => {
            verify_proof(&proof, &checkpoint, old_checkpoint.as_deref(), &trust)
        }
        Command::Trace { log, trace_id, format } => {
            let mut out = Output::default();
            let n = query::trace(&log, &trace_id, &Filter::default(), format, out.writer()).map_err(query_err)?;
            out.flush()?;
            if n == 0 {
                tracing::warn!("no entry with trace id {trace_id}");
                return Ok(EXIT_REJECTED);
            }
            Ok(EXIT_OK)
        }
        Command::Query { log, filter, limit, format } => {
            let mut out = Output::default();
            let n = query::query(&log, &filter.into(), limit, format, out.writer()).map_err(query_err)?;
            out.flush()?;
            Ok(if n == 0 { EXIT_REJECTED } else { EXIT_OK })
        }
        Command::Cost { log, filter, by, format } => {
            let mut out = Output::default();
            query::cost(&log, &filter.into(), by, format, out.writer()).map_err(query_err)?;
            out.flush()?;
            Ok(EXIT_OK)
        }
        Command::Export { log, format, filter, output } => {
            let filter: Filter = filter.into();
            let n = match output {
                Some(path) => {
                    let file = std::fs::File::create(&path).with_context(|| path.display().to_string())?;
                    let mut w = std::io::BufWriter::new(file);
                    let n = query::export(&log, &filter, format, &mut w).map_err(query_err)?;
                    std::io::Write::flush(&mut w).with_context(|| path.display().to_string())?;
                    n
                }
                None => {
                    let mut out = Output::default();
                    let n = query::export(&log, &filter, format, out.writer()).map_err(query_err)?;
                    out.flush()?;
                    n
                }
            };
            tracing::debug!("exported {n} entries");
            Ok(EXIT_OK)
        }
        Command::Audit { logs, trust, format, output, threads } => {
            let trust = TrustStore::load_all(&trust)?.context("--trust: no trusted keys")?;
            match output {
                Some(path) => {
                    let file = std::fs::File::create(&path).with_context(|| path.display().to_string())?;
                    let mut w = std::io::BufWriter::new(file);
                    let code = witness::audit(&logs, &trust, format, threads, &mut w)?;
                    std::io::Write::flush(&mut w).with_context(|| path.display().to_string())?;
                    Ok(code)
                }
                None => {
                    let mut out = Output::default();
                    let code = witness::audit(&logs, &trust, format, threads, out.writer())?;
                    out.flush()?;
                    Ok(code)
                }
            }
        }
        Command::Repair { log } => {
            match store::repair(&log).map_err(classify)? {
                Repair::NothingToDo => tracing::info!("{}: no torn line; nothing to repair", log.display()),
                Repair::MovedTornTail { bytes, line, saved_to } => {
                    tracing::warn!(
                        "{}: moved the torn line {line} ({bytes} bytes) to {}",
                        log.display(),
                        saved_to.display()
                    )
                }
            }
            Ok(EXIT_OK)
        }
    }
}

fn query_err(e: query::QueryError) -> anyhow::Error {
    match e {
        query::QueryError::Store(s) => classify(s),
        query::QueryError::Io(e) => e.into(),
    }
}

fn read_arg(path: &Path) -> anyhow::Result<String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).context("reading stdin")?;
        return Ok(s);
    }
    std::fs::read_to_string(path).with_context(|| path.display().to_string())
}

fn verify_proof(proof_path: &Path, checkpoint: &Path, old: Option<&Path>, trust: &[PathBuf]) -> anyhow::Result<u8> {
    let proof_value = crate::json::parse_strict(read_arg(proof_path)?.as_bytes())
        .with_context(|| format!("{}: not JSON", proof_path.display()))?;
    let cp_text = read_arg(checkpoint)?;
    let old_text = old.map(read_arg).transpose()?;
    let trust = TrustStore::load_all(trust)?;
    let (name, key) = match &trust {
        Some(t) => {
            let note = note::parse_note(&cp_text).map_err(|e| anyhow::anyhow!("{}: {e}", checkpoint.display()))?;
            t.keys()
                .find(|k| note.signatures.iter().any(|(n, h, _)| *n == k.agent && *h == note::key_hash(n, &k.key)))
                .map(|k| (k.agent.clone(), k.key))
                .ok_or_else(|| Rejected(format!("{}: not signed by any trusted key", checkpoint.display())))?
        }
        None => {
            tracing::warn!("no --trust: checking the checkpoint against the witness key the proof names");
            let vkey = proof_value.get("witness_key").and_then(Value::as_str).unwrap_or("");
            note::parse_verifier_key(vkey).map_err(|e| anyhow::anyhow!("{}: {e}", proof_path.display()))?
        }
    };
    let proven = proof::verify_proof(&proof_value, &cp_text, old_text.as_deref(), &name, &key)
        .map_err(|e| Rejected(format!("{}: {e}", proof_path.display())))?;
    let mut out = Output::default();
    match proven {
        Proven::Inclusion { index, size, message } => {
            // The entry is in the log; the message must also be what its sender signed.
            message::verify_message(&message, trust.as_ref())
                .map_err(|e| Rejected(format!("{}: entry {index}: {e}", proof_path.display())))?;
            tracing::info!("ok: entry {index} is in the log of {size} entries that the checkpoint signs");
            out.json(&message)?;
        }
        Proven::Consistency { old_size, size } => {
            tracing::info!("ok: the log of {size} entries extends the log of {old_size} entries");
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}
