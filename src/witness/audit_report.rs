//! `if-witness audit`'s report, three ways: text for people on a terminal (one line per finding,
//! naming the rule, the log, the entry and the trace), JSON for machines (one object), and one
//! HTML page with each incident as a timeline across the toolkit's protocols.

use super::audit::{member, path_name, summary_of, Finding, LoadedLog, Pillar, Report, RULES};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditFormat {
    Text,
    Json,
    Html,
}

/// Writes `report` in `format`.
pub fn write(report: &Report, logs: &[LoadedLog], format: AuditFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        AuditFormat::Text => write_text(report, out),
        AuditFormat::Json => {
            out.write_all(&crate::json::canonical(&to_json(report)))?;
            out.write_all(b"\n")
        }
        AuditFormat::Html => write_html(report, logs, out),
    }
}

pub fn write_text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        let at = f.index.map(|i| format!(" entry {i}")).unwrap_or_default();
        let trace = f.trace_id.as_deref().map(|t| format!(" trace {t}")).unwrap_or_default();
        writeln!(out, "{}/{}: {}{at}{trace}: {}", pillar_name(f.pillar), f.rule, f.log, f.detail)?;
    }
    let hazards = report.traces.iter().filter(|t| t.started_with_hazard).count();
    let entries: usize = report.logs.iter().map(|l| l.entries).sum();
    let verdict = |p| match report.failed(p) {
        0 => "holds".to_owned(),
        n => format!("{n} finding{}", if n == 1 { "" } else { "s" }),
    };
    writeln!(
        out,
        "audit: {} log(s), {entries} entries, {} trace(s), {hazards} starting with a hazard: traceable {}, transparent {}, trustworthy {}",
        report.logs.len(),
        report.traces.len(),
        verdict(Pillar::Traceable),
        verdict(Pillar::Transparent),
        verdict(Pillar::Trustworthy),
    )
}

fn pillar_name(p: Pillar) -> &'static str {
    match p {
        Pillar::Traceable => "traceable",
        Pillar::Transparent => "transparent",
        Pillar::Trustworthy => "trustworthy",
    }
}

pub fn to_json(report: &Report) -> Value {
    json!({
        "holds": report.holds(),
        "traceable": report.failed(Pillar::Traceable) == 0,
        "transparent": report.failed(Pillar::Transparent) == 0,
        "trustworthy": report.failed(Pillar::Trustworthy) == 0,
        "logs": report.logs,
        "traces": report.traces,
        "findings": report.findings,
        "rules": RULES,
    })
}

/// The lanes of the timeline: which part of the toolkit an entry comes from.
const LANES: &[&str] = &["agents", "SIP proxy", "gatekeeper", "MCU", "mesh", "NDI"];

fn lane_of(m: &Value) -> usize {
    let event = m.pointer("/content/event").and_then(Value::as_str).unwrap_or("");
    let workflow = m.pointer("/scope/workflow").and_then(Value::as_str).unwrap_or("");
    match event.split('.').next().unwrap_or("") {
        "sip" | "call" => 1,
        "h323" if workflow == "h323-gk" => 2,
        "h323" => 3,
        "mesh" => 4,
        "ndi" => 5,
        _ => 0,
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:14px system-ui,sans-serif;margin:2em;color:#222}\
h1{font-size:1.4em}.ok{color:#11691f}.bad{color:#b00020}\
table{border-collapse:collapse;margin:.5em 0 2em;width:100%}\
th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;font-size:12px}\
th{background:#f2f2f2}td.t{white-space:nowrap;color:#555}\
tr.finding td{background:#fde7ea}span.rule{display:inline-block;background:#b00020;color:#fff;\
border-radius:3px;padding:0 .3em;margin:.1em;font-size:11px}section.trace{margin-bottom:1em}\
li.finding{margin:.2em 0}";

/// One page: the verdict, the findings, then each incident as a timeline (time down, the
/// toolkit's parts across), its failing rules marked on the entries they name.
pub fn write_html(report: &Report, logs: &[LoadedLog], out: &mut dyn Write) -> io::Result<()> {
    let verdict = if report.holds() {
        "<span class=ok>IF.TTT holds</span>"
    } else {
        "<span class=bad>IF.TTT does not hold</span>"
    };
    write!(
        out,
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>if-witness audit</title><style>{STYLE}</style></head><body>"
    )?;
    write!(out, "<h1 id=verdict data-holds={}>{verdict}</h1>", report.holds())?;
    write!(out, "<p>")?;
    for p in [Pillar::Traceable, Pillar::Transparent, Pillar::Trustworthy] {
        let n = report.failed(p);
        let (class, says) = if n == 0 { ("ok", "holds".to_owned()) } else { ("bad", format!("{n} finding(s)")) };
        write!(out, "<span id=pillar-{0} class={class}>{0}: {says}</span>. ", pillar_name(p))?;
    }
    write!(out, "</p><h2>Logs</h2><ul>")?;
    for l in &report.logs {
        let v = if l.verified { "<span class=ok>verifies</span>" } else { "<span class=bad>does not verify</span>" };
        write!(out, "<li>{}: {} entries, {v}</li>", escape(&l.path), l.entries)?;
    }
    write!(out, "</ul><h2>Findings</h2>")?;
    if report.findings.is_empty() {
        write!(out, "<p class=ok>None.</p>")?;
    } else {
        write!(out, "<ul id=findings>")?;
        for f in &report.findings {
            write!(out, "<li class=finding data-rule={}>{}</li>", f.rule, finding_html(f))?;
        }
        write!(out, "</ul>")?;
    }

    // Findings by the entry they name, to mark them on the timelines.
    let mut by_entry: HashMap<(String, u64), Vec<&Finding>> = HashMap::new();
    for f in &report.findings {
        if let Some(i) = f.index {
            by_entry.entry((f.log.clone(), i)).or_default().push(f);
        }
    }
    write!(out, "<h2>Incidents</h2>")?;
    for t in &report.traces {
        let first = t.members.first().and_then(|&m| member(logs, m).time).unwrap_or(0);
        let status = match (&t.concluded_by, t.started_with_hazard) {
            (Some(c), _) => format!("concluded by {}", escape(c)),
            (None, true) => "<span class=bad>a hazard never concluded</span>".into(),
            (None, false) => "no hazard".into(),
        };
        write!(
            out,
            "<section class=trace id=\"trace-{0}\" data-trace=\"{0}\"><h3>trace {0}</h3><p>{1} entries; {status}</p><table><tr><th>+ms</th>",
            escape(&t.trace_id),
            t.entries
        )?;
        for lane in LANES {
            write!(out, "<th>{lane}</th>")?;
        }
        write!(out, "</tr>")?;
        for &m in &t.members {
            let e = member(logs, m);
            let log = logs[e.log].path.display().to_string();
            let marks = by_entry.get(&(log.clone(), e.index)).map(Vec::as_slice).unwrap_or(&[]);
            let lane = lane_of(&e.message);
            write!(
                out,
                "<tr{}><td class=t>{}</td>",
                if marks.is_empty() { "" } else { " class=finding" },
                e.time.map_or("?".into(), |t| (t - first).to_string())
            )?;
            for l in 0..LANES.len() {
                if l != lane {
                    write!(out, "<td></td>")?;
                    continue;
                }
                let summary = summary_of(&e.message);
                write!(
                    out,
                    "<td title=\"{}#{}\">{}",
                    escape(&path_name(&logs[e.log].path)),
                    e.index,
                    escape(&summary)
                )?;
                for f in marks {
                    write!(out, " <span class=rule title=\"{}\">{}</span>", escape(&f.detail), f.rule)?;
                }
                write!(out, "</td>")?;
            }
            write!(out, "</tr>")?;
        }
        write!(out, "</table></section>")?;
    }
    writeln!(out, "</body></html>")
}

fn finding_html(f: &Finding) -> String {
    let at = f.index.map(|i| format!(" entry {i}")).unwrap_or_default();
    let trace =
        f.trace_id.as_deref().map(|t| format!(" <a href=\"#trace-{0}\">trace {0}</a>", escape(t))).unwrap_or_default();
    format!("<b>{}/{}</b>: {}{at}{trace}: {}", pillar_name(f.pillar), f.rule, escape(&f.log), escape(&f.detail))
}
