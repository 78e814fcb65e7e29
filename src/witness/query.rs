//! Read-only views of a log: `trace`, `cost`, `export`. They read entries in order and write to
//! any `Write`; integrity is `verify`'s job.

use super::log::DecodedEntry;
use super::store::{read_entries, StoreError};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Io(#[from] io::Error),
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    path.iter().try_fold(v, |v, k| v.get(k)).and_then(Value::as_str).unwrap_or("")
}

fn receivers(m: &Value) -> String {
    match m.get("receiver") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" "),
        _ => String::new(),
    }
}

/// A short human summary of the content: its `event`, `kind` or `summary` field if any.
fn summary(m: &Value) -> String {
    let c = m.get("content");
    for k in ["summary", "event", "kind", "status"] {
        if let Some(s) = c.and_then(|c| c.get(k)).and_then(Value::as_str) {
            return s.to_owned();
        }
    }
    String::new()
}

fn entry_json(e: &DecodedEntry) -> Value {
    json!({"index": e.index, "entry_hash": hex::encode(e.hash), "message": e.message})
}

fn write_line(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    out.write_all(&crate::json::canonical(v))?;
    out.write_all(b"\n")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

/// Every entry whose message carries `trace_id`, in log order. Returns how many matched.
pub fn trace(path: &Path, trace_id: &str, format: TextOrJson, out: &mut dyn Write) -> Result<u64, QueryError> {
    let mut found = 0;
    let mut io_err = None;
    read_entries(path, |e| {
        if str_at(&e.message, &["trace_id"]) != trace_id || io_err.is_some() {
            return Ok(());
        }
        found += 1;
        let m = &e.message;
        let r = match format {
            TextOrJson::Json => write_line(out, &entry_json(e)),
            TextOrJson::Text => {
                let hazard = match (str_at(m, &["hazard", "type"]), str_at(m, &["hazard", "severity"])) {
                    ("", "") => String::new(),
                    (t, s) => format!(" [{t}/{s}]"),
                };
                writeln!(
                    out,
                    "#{:<6} {}  {} -> {}  {}{}  {}",
                    e.index,
                    str_at(m, &["timestamp"]),
                    str_at(m, &["sender"]),
                    receivers(m),
                    str_at(m, &["performative"]),
                    hazard,
                    summary(m)
                )
            }
        };
        if let Err(err) = r {
            io_err = Some(err);
        }
        Ok(())
    })?;
    if let Some(e) = io_err {
        return Err(e.into());
    }
    Ok(found)
}

#[derive(Default)]
struct Cost {
    messages: u64,
    cost_usd: f64,
    tokens: u64,
}

/// Sums `provenance.cost_usd` and `provenance.tokens_used` by sender and model.
pub fn cost(path: &Path, format: TextOrJson, out: &mut dyn Write) -> Result<(), QueryError> {
    let mut by: BTreeMap<(String, String), Cost> = BTreeMap::new();
    read_entries(path, |e| {
        let m = &e.message;
        let model = match str_at(m, &["provenance", "model"]) {
            "" => "-",
            s => s,
        };
        let c = by.entry((str_at(m, &["sender"]).to_owned(), model.to_owned())).or_default();
        c.messages += 1;
        c.cost_usd += m.pointer("/provenance/cost_usd").and_then(Value::as_f64).unwrap_or(0.0);
        c.tokens += m.pointer("/provenance/tokens_used").and_then(Value::as_u64).unwrap_or(0);
        Ok(())
    })?;
    let total = by.values().fold(Cost::default(), |a, c| Cost {
        messages: a.messages + c.messages,
        cost_usd: a.cost_usd + c.cost_usd,
        tokens: a.tokens + c.tokens,
    });
    match format {
        TextOrJson::Json => {
            for ((sender, model), c) in &by {
                write_line(
                    out,
                    &json!({"sender": sender, "model": model, "messages": c.messages, "cost_usd": c.cost_usd, "tokens_used": c.tokens}),
                )?;
            }
            write_line(
                out,
                &json!({"sender": "*", "model": "*", "messages": total.messages, "cost_usd": total.cost_usd, "tokens_used": total.tokens}),
            )?;
        }
        TextOrJson::Text => {
            let w = by.keys().map(|(s, _)| s.len()).max().unwrap_or(6).max(6);
            let mw = by.keys().map(|(_, m)| m.len()).max().unwrap_or(5).max(5);
            writeln!(
                out,
                "{:<w$}  {:<mw$}  {:>8}  {:>12}  {:>12}",
                "sender", "model", "messages", "cost_usd", "tokens"
            )?;
            for ((sender, model), c) in &by {
                writeln!(out, "{sender:<w$}  {model:<mw$}  {:>8}  {:>12.6}  {:>12}", c.messages, c.cost_usd, c.tokens)?;
            }
            writeln!(
                out,
                "{:<w$}  {:<mw$}  {:>8}  {:>12.6}  {:>12}",
                "total", "", total.messages, total.cost_usd, total.tokens
            )?;
        }
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One JSON array of entries.
    Json,
    /// One entry per line.
    Jsonl,
    /// RFC 4180 CSV, one row per entry.
    Csv,
}

pub const CSV_COLUMNS: &[&str] = &[
    "index",
    "entry_hash",
    "timestamp",
    "sender",
    "receiver",
    "performative",
    "conversation_id",
    "trace_id",
    "sequence_num",
    "hazard_type",
    "hazard_severity",
    "model",
    "cost_usd",
    "tokens_used",
    "content",
];

/// RFC 4180 field; text that a spreadsheet would run as a formula gets a leading `'`.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '@', '\t', '\r']) { format!("'{s}") } else { s.to_owned() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn export(path: &Path, format: ExportFormat, out: &mut dyn Write) -> Result<u64, QueryError> {
    let mut n = 0u64;
    let mut io_err: Option<io::Error> = None;
    let emit = |out: &mut dyn Write, e: &DecodedEntry, n: u64| -> io::Result<()> {
        match format {
            ExportFormat::Jsonl => write_line(out, &entry_json(e)),
            ExportFormat::Json => {
                out.write_all(if n == 0 { b"[" } else { b"," })?;
                out.write_all(&crate::json::canonical(&entry_json(e)))
            }
            ExportFormat::Csv => {
                if n == 0 {
                    writeln!(out, "{}", CSV_COLUMNS.join(","))?;
                }
                let m = &e.message;
                let num = |p: &str| m.pointer(p).map(|v| v.to_string()).unwrap_or_default();
                let content = m
                    .get("content")
                    .map(|c| String::from_utf8_lossy(&crate::json::canonical(c)).into_owned())
                    .unwrap_or_default();
                let row = [
                    e.index.to_string(),
                    hex::encode(e.hash),
                    str_at(m, &["timestamp"]).into(),
                    str_at(m, &["sender"]).into(),
                    receivers(m),
                    str_at(m, &["performative"]).into(),
                    str_at(m, &["conversation_id"]).into(),
                    str_at(m, &["trace_id"]).into(),
                    num("/sequence_num"),
                    str_at(m, &["hazard", "type"]).into(),
                    str_at(m, &["hazard", "severity"]).into(),
                    str_at(m, &["provenance", "model"]).into(),
                    num("/provenance/cost_usd"),
                    num("/provenance/tokens_used"),
                    content,
                ];
                writeln!(out, "{}", row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","))
            }
        }
    };
    read_entries(path, |e| {
        if io_err.is_none() {
            if let Err(err) = emit(out, e, n) {
                io_err = Some(err);
            }
            n += 1;
        }
        Ok(())
    })?;
    if let Some(e) = io_err {
        return Err(e.into());
    }
    match format {
        ExportFormat::Json => out.write_all(if n == 0 { b"[]\n" } else { b"]\n" })?,
        ExportFormat::Csv if n == 0 => writeln!(out, "{}", CSV_COLUMNS.join(","))?,
        _ => {}
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(super::csv_field("plain"), "plain");
        assert_eq!(super::csv_field("a,b"), "\"a,b\"");
        assert_eq!(super::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
