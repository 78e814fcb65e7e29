//! Read-only views of a log: `trace`, `query`, `cost`, `export`, all narrowed by one `Filter`.
//! They read entries in order and write to any `Write`; integrity is `verify`'s job.

use super::log::DecodedEntry;
use super::store::{read_entries, StoreError};
use crate::time::{parse_rfc3339, UnixMillis};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Which entries a query looks at. Empty = all.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub trace_id: Option<String>,
    /// `content.component`.
    pub component: Option<String>,
    /// `content.event`.
    pub event: Option<String>,
    pub sender: Option<String>,
    /// From this time on (inclusive).
    pub start_date: Option<UnixMillis>,
    /// Up to this time (inclusive).
    pub end_date: Option<UnixMillis>,
}

fn parse_day(s: &str) -> Result<UnixMillis, String> {
    parse_rfc3339(&format!("{s}T00:00:00Z")).map_err(|_| format!("`{s}` is not YYYY-MM-DD or an RFC 3339 time"))
}

/// A start date: the beginning of a day (`YYYY-MM-DD`, UTC) or an RFC 3339 time.
pub fn parse_start(s: &str) -> Result<UnixMillis, String> {
    if s.len() == 10 {
        parse_day(s)
    } else {
        parse_rfc3339(s)
    }
}

/// An end date: the end of a day (`YYYY-MM-DD`, UTC) or an RFC 3339 time.
pub fn parse_end(s: &str) -> Result<UnixMillis, String> {
    if s.len() == 10 {
        Ok(parse_day(s)? + 86_400_000 - 1)
    } else {
        parse_rfc3339(s)
    }
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    path.iter().try_fold(v, |v, k| v.get(k)).and_then(Value::as_str).unwrap_or("")
}

impl Filter {
    pub fn matches(&self, m: &Value) -> bool {
        let eq = |want: &Option<String>, path: &[&str]| want.as_deref().is_none_or(|w| str_at(m, path) == w);
        if !(eq(&self.trace_id, &["trace_id"])
            && eq(&self.component, &["content", "component"])
            && eq(&self.event, &["content", "event"])
            && eq(&self.sender, &["sender"]))
        {
            return false;
        }
        if self.start_date.is_none() && self.end_date.is_none() {
            return true;
        }
        let Ok(t) = parse_rfc3339(str_at(m, &["timestamp"])) else { return false };
        self.start_date.is_none_or(|s| t >= s) && self.end_date.is_none_or(|e| t <= e)
    }
}

fn receivers(m: &Value) -> String {
    match m.get("receiver") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" "),
        _ => String::new(),
    }
}

/// A short human summary of the content: its `summary`, `event`, `kind` or `status` field.
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

fn write_text_entry(out: &mut dyn Write, e: &DecodedEntry) -> io::Result<()> {
    let m = &e.message;
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextOrJson {
    Text,
    Json,
}

/// Calls `each` for the entries `filter` selects; stops quietly at the first write error, which
/// is returned.
fn for_matching(
    path: &Path,
    filter: &Filter,
    mut each: impl FnMut(&DecodedEntry) -> io::Result<()>,
) -> Result<(), QueryError> {
    let mut failed = None;
    read_entries(path, |e| {
        if failed.is_none() && filter.matches(&e.message) {
            if let Err(err) = each(e) {
                failed = Some(err);
            }
        }
        Ok(())
    })?;
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

/// Totals over a set of entries, for the trace footer and `cost`.
#[derive(Default)]
struct Totals {
    messages: u64,
    cost_usd: f64,
    tokens: u64,
    first: Option<UnixMillis>,
    last: Option<UnixMillis>,
}

impl Totals {
    fn add(&mut self, m: &Value) {
        self.messages += 1;
        self.cost_usd += m.pointer("/provenance/cost_usd").and_then(Value::as_f64).unwrap_or(0.0);
        self.tokens += m.pointer("/provenance/tokens_used").and_then(Value::as_u64).unwrap_or(0);
        if let Ok(t) = parse_rfc3339(str_at(m, &["timestamp"])) {
            self.first = Some(self.first.map_or(t, |f| f.min(t)));
            self.last = Some(self.last.map_or(t, |l| l.max(t)));
        }
    }
}

/// Every entry of one trace id, in log order, with a summary line in text form. Returns how
/// many matched.
pub fn trace(
    path: &Path,
    trace_id: &str,
    filter: &Filter,
    format: TextOrJson,
    out: &mut dyn Write,
) -> Result<u64, QueryError> {
    let filter = Filter { trace_id: Some(trace_id.to_owned()), ..filter.clone() };
    let mut totals = Totals::default();
    let mut components = BTreeSet::new();
    for_matching(path, &filter, |e| {
        totals.add(&e.message);
        let c = str_at(&e.message, &["content", "component"]);
        components.insert(if c.is_empty() { str_at(&e.message, &["sender"]).to_owned() } else { c.to_owned() });
        match format {
            TextOrJson::Json => write_line(out, &entry_json(e)),
            TextOrJson::Text => write_text_entry(out, e),
        }
    })?;
    if format == TextOrJson::Text && totals.messages > 0 {
        let secs = (totals.last.unwrap_or(0) - totals.first.unwrap_or(0)) as f64 / 1000.0;
        writeln!(
            out,
            "trace {trace_id}: {} entries over {secs:.3}s, cost ${:.6} ({} tokens), from {}",
            totals.messages,
            totals.cost_usd,
            totals.tokens,
            components.into_iter().collect::<Vec<_>>().join(", ")
        )?;
    }
    Ok(totals.messages)
}

/// The entries `filter` selects, at most `limit`. Returns how many were written.
pub fn query(
    path: &Path,
    filter: &Filter,
    limit: u64,
    format: TextOrJson,
    out: &mut dyn Write,
) -> Result<u64, QueryError> {
    let mut n = 0;
    for_matching(path, filter, |e| {
        if n >= limit {
            return Ok(());
        }
        n += 1;
        match format {
            TextOrJson::Json => write_line(out, &entry_json(e)),
            TextOrJson::Text => write_text_entry(out, e),
        }
    })?;
    Ok(n)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostBy {
    /// The message's sender agent.
    Sender,
    /// `content.component`, as InfraFabric's witness groups.
    Component,
}

/// Sums `provenance.cost_usd` and `provenance.tokens_used` by sender (or component) and model.
pub fn cost(
    path: &Path,
    filter: &Filter,
    by: CostBy,
    format: TextOrJson,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let mut groups: BTreeMap<(String, String), Totals> = BTreeMap::new();
    let mut total = Totals::default();
    for_matching(path, filter, |e| {
        let m = &e.message;
        let who = match by {
            CostBy::Sender => str_at(m, &["sender"]),
            CostBy::Component => str_at(m, &["content", "component"]),
        };
        let model = match str_at(m, &["provenance", "model"]) {
            "" => "-",
            s => s,
        };
        groups.entry((if who.is_empty() { "-" } else { who }.to_owned(), model.to_owned())).or_default().add(m);
        total.add(m);
        Ok(())
    })?;
    let key = match by {
        CostBy::Sender => "sender",
        CostBy::Component => "component",
    };
    match format {
        TextOrJson::Json => {
            for ((who, model), c) in &groups {
                write_line(
                    out,
                    &json!({key: who, "model": model, "messages": c.messages, "cost_usd": c.cost_usd, "tokens_used": c.tokens}),
                )?;
            }
            write_line(
                out,
                &json!({key: "*", "model": "*", "messages": total.messages, "cost_usd": total.cost_usd, "tokens_used": total.tokens}),
            )?;
        }
        TextOrJson::Text => {
            let w = groups.keys().map(|(s, _)| s.len()).max().unwrap_or(0).max(key.len()).max(5);
            let mw = groups.keys().map(|(_, m)| m.len()).max().unwrap_or(5).max(5);
            writeln!(out, "{key:<w$}  {:<mw$}  {:>8}  {:>12}  {:>12}", "model", "messages", "cost_usd", "tokens")?;
            for ((who, model), c) in &groups {
                writeln!(out, "{who:<w$}  {model:<mw$}  {:>8}  {:>12.6}  {:>12}", c.messages, c.cost_usd, c.tokens)?;
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    "event",
    "component",
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

fn csv_row(e: &DecodedEntry) -> String {
    let m = &e.message;
    let num = |p: &str| m.pointer(p).map(|v| v.to_string()).unwrap_or_default();
    let content =
        m.get("content").map(|c| String::from_utf8_lossy(&crate::json::canonical(c)).into_owned()).unwrap_or_default();
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
        str_at(m, &["content", "event"]).into(),
        str_at(m, &["content", "component"]).into(),
        str_at(m, &["hazard", "type"]).into(),
        str_at(m, &["hazard", "severity"]).into(),
        str_at(m, &["provenance", "model"]).into(),
        num("/provenance/cost_usd"),
        num("/provenance/tokens_used"),
        content,
    ];
    row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",")
}

/// Writes the selected entries; returns how many.
pub fn export(path: &Path, filter: &Filter, format: ExportFormat, out: &mut dyn Write) -> Result<u64, QueryError> {
    let mut n = 0u64;
    if format == ExportFormat::Csv {
        writeln!(out, "{}", CSV_COLUMNS.join(","))?;
    }
    for_matching(path, filter, |e| {
        n += 1;
        match format {
            ExportFormat::Jsonl => write_line(out, &entry_json(e)),
            ExportFormat::Json => {
                out.write_all(if n == 1 { b"[" } else { b"," })?;
                out.write_all(&crate::json::canonical(&entry_json(e)))
            }
            ExportFormat::Csv => writeln!(out, "{}", csv_row(e)),
        }
    })?;
    if format == ExportFormat::Json {
        out.write_all(if n == 0 { b"[]\n" } else { b"]\n" })?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }

    #[test]
    fn filter_dates_are_inclusive_days() {
        let f = Filter {
            start_date: Some(parse_start("2026-11-25").unwrap()),
            end_date: Some(parse_end("2026-11-25").unwrap()),
            ..Filter::default()
        };
        assert!(f.matches(&json!({"timestamp": "2026-11-25T23:59:59.999Z"})));
        assert!(f.matches(&json!({"timestamp": "2026-11-25T00:00:00Z"})));
        assert!(!f.matches(&json!({"timestamp": "2026-11-26T00:00:00Z"})));
        assert!(!f.matches(&json!({"timestamp": "garbage"})));
        let f = Filter { component: Some("yologuard".into()), ..Filter::default() };
        assert!(f.matches(&json!({"content": {"component": "yologuard"}})));
        assert!(!f.matches(&json!({"content": {}})));
    }
}
