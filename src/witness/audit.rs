//! `if-witness audit`: IF.TTT, checked over the logs of an incident written by different tools.
//!
//! Each log is first verified as `verify` verifies it (chain, tree, checkpoints, every signature,
//! against the trust file); then the entries of all logs are read together and grouped by trace
//! id, and the rules of [`RULES`] are checked over them. The rules know the toolkit's event
//! vocabulary (`content.event`, `content.step`) as documented in each tool's doc, as data: this
//! module imports no protocol module.
//!
//! Pure over what it is given: [`audit`] takes loaded logs and returns a [`Report`]; reading the
//! files is [`load`], writing the report is `audit_report`.

use super::store::read_entries;
use super::verify::{verify_log, VerifyOptions};
use crate::keys::TrustStore;
use crate::time::parse_rfc3339;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Which of the three the rule is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pillar {
    Traceable,
    Transparent,
    Trustworthy,
}

/// One rule of the audit: an id that names it in every finding, and what it asks, in words.
#[derive(Debug, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub pillar: Pillar,
    pub asks: &'static str,
}

/// Every rule, in the order findings are reported. docs/if-witness.md lists the same.
pub const RULES: &[Rule] = &[
    Rule {
        id: "log-verifies",
        pillar: Pillar::Trustworthy,
        asks: "the log verifies against the trust file: its chain, tree and checkpoints, every message's \
               signature, every sender and the witness trusted",
    },
    Rule {
        id: "nested-signature",
        pillar: Pillar::Trustworthy,
        asks: "every IFMessage carried inside another's content verifies against the trust file",
    },
    Rule { id: "provenance", pillar: Pillar::Traceable, asks: "every entry has a trace id and a provenance" },
    Rule {
        id: "hazard-concluded",
        pillar: Pillar::Traceable,
        asks: "every trace that starts with a hazard ends in a decision, or in an explicit timeout or refusal",
    },
    Rule {
        id: "admission-reference",
        pillar: Pillar::Traceable,
        asks: "every call the MCU admitted names an admission the gatekeeper confirmed (call id and RAS \
               sequence number)",
    },
    Rule {
        id: "vote-reference",
        pillar: Pillar::Traceable,
        asks: "every vote a decision counts is on the record: its SHA-256 is that of a logged message",
    },
    Rule {
        id: "recording-reference",
        pillar: Pillar::Traceable,
        asks: "every recording a decision names is on the record: a recording event with that SHA-256",
    },
    Rule {
        id: "sip-call-reference",
        pillar: Pillar::Traceable,
        asks: "every SIP Call-ID another event names (`sip_call_id`) is a transaction the SIP proxy logged",
    },
    Rule {
        id: "sip-transparent",
        pillar: Pillar::Transparent,
        asks: "every answered INVITE carries its SDP offer and answer summaries; every INVITE of a hazard's \
               trace carries its X-IF hazard and verified signer, or the refusal",
    },
    Rule {
        id: "ndi-transparent",
        pillar: Pillar::Transparent,
        asks: "every NDI card and verified-frame event names its chain and frame (and a card its SHA-256)",
    },
    Rule {
        id: "mesh-sdp-first",
        pillar: Pillar::Transparent,
        asks: "every mesh connection an agent opened was preceded on its record by the SDP offer and answer \
               that set it up",
    },
    Rule {
        id: "ras-gate",
        pillar: Pillar::Transparent,
        asks: "every RAS decision is logged with its answer, and every refused admission with its gate and reason",
    },
];

fn rule(id: &str) -> &'static Rule {
    RULES.iter().find(|r| r.id == id).expect("a rule of RULES")
}

/// One entry of one log, as the audit reads it.
#[derive(Debug)]
pub struct Entry {
    pub log: usize,
    pub index: u64,
    pub message: Value,
    /// SHA-256 of the message in canonical form (signature included): how other events refer to
    /// a message (`vote_sha256`).
    pub sha256: String,
    pub time: Option<i64>,
}

/// A log as loaded: its verification verdict, and what could be read of it.
#[derive(Debug)]
pub struct LoadedLog {
    pub path: PathBuf,
    /// `None` when it verifies, else why not (the first failure).
    pub failure: Option<String>,
    /// Why its entries could not all be read, if so.
    pub unreadable: Option<String>,
    pub entries: Vec<Entry>,
}

/// What a rule found wrong: which rule, where, and why.
#[derive(Debug, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub pillar: Pillar,
    pub log: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    pub detail: String,
}

/// One incident: its entries across logs, in time order.
#[derive(Debug, Serialize)]
pub struct Trace {
    pub trace_id: String,
    pub started_with_hazard: bool,
    /// The entry that concluded it, as `log#index: summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concluded_by: Option<String>,
    /// Positions of its entries: (log, entry index in that log's `entries`).
    #[serde(skip)]
    pub members: Vec<(usize, usize)>,
    pub entries: usize,
}

#[derive(Debug, Serialize)]
pub struct LogSummary {
    pub path: String,
    pub entries: usize,
    pub verified: bool,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub logs: Vec<LogSummary>,
    pub traces: Vec<Trace>,
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether all three hold: no finding at all.
    pub fn holds(&self) -> bool {
        self.findings.is_empty()
    }

    pub fn failed(&self, pillar: Pillar) -> usize {
        self.findings.iter().filter(|f| f.pillar == pillar).count()
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The SHA-256 by which events refer to a message: of its canonical JSON, signature included.
pub fn message_sha256(message: &Value) -> String {
    sha256_hex(&crate::json::canonical(message))
}

/// Verifies and reads each log. A log that does not verify is still read as far as its chain
/// holds, so the other rules can say what else is wrong.
pub fn load(paths: &[PathBuf], trust: &TrustStore, threads: usize) -> Vec<LoadedLog> {
    paths
        .iter()
        .enumerate()
        .map(|(n, path)| {
            let failure = verify_log(path, VerifyOptions { trust: Some(trust.clone()), threads, ..Default::default() })
                .err()
                .map(|e| e.to_string());
            let mut entries = Vec::new();
            let unreadable = read_entries(path, |e| {
                entries.push(entry(n, e.index, e.message.clone()));
                Ok(())
            })
            .err()
            .map(|e| e.to_string());
            LoadedLog { path: path.clone(), failure, unreadable, entries }
        })
        .collect()
}

pub fn entry(log: usize, index: u64, message: Value) -> Entry {
    let sha256 = message_sha256(&message);
    let time = message.get("timestamp").and_then(Value::as_str).and_then(|t| parse_rfc3339(t).ok());
    Entry { log, index, message, sha256, time }
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

fn event(m: &Value) -> &str {
    str_at(m, "/content/event").unwrap_or("")
}

fn step(m: &Value) -> &str {
    str_at(m, "/content/step").unwrap_or("")
}

/// An entry in one line: its `content.summary`, else its performative and sender.
pub fn summary_of(m: &Value) -> String {
    match str_at(m, "/content/summary") {
        Some(s) => s.to_owned(),
        None => format!("{} from {}", str_at(m, "/performative").unwrap_or("?"), str_at(m, "/sender").unwrap_or("?")),
    }
}

fn has_hazard(m: &Value) -> bool {
    m.get("hazard").is_some_and(|h| h.is_object())
}

/// What ends an incident: a decision (the council's, `step` `decision`), a refusal (performative
/// `refuse`), or an explicit timeout (`step` or `outcome` `timeout`).
fn concludes(m: &Value) -> bool {
    step(m) == "decision"
        || str_at(m, "/performative") == Some("refuse")
        || step(m) == "timeout"
        || str_at(m, "/content/outcome") == Some("timeout")
}

/// Objects inside `v` that look like IFMessages (a sender, a performative and a signature).
fn nested_messages<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(map) => {
            if map.get("signature").is_some_and(Value::is_object)
                && map.get("sender").is_some_and(Value::is_string)
                && map.get("performative").is_some_and(Value::is_string)
            {
                out.push(v);
            }
            map.values().for_each(|c| nested_messages(c, out));
        }
        Value::Array(items) => items.iter().for_each(|c| nested_messages(c, out)),
        _ => {}
    }
}

struct Checker<'a> {
    logs: &'a [LoadedLog],
    trust: &'a TrustStore,
    findings: Vec<Finding>,
}

impl<'a> Checker<'a> {
    fn find(&mut self, id: &str, e: Option<&Entry>, log: usize, detail: String) {
        let r = rule(id);
        self.findings.push(Finding {
            rule: r.id,
            pillar: r.pillar,
            log: self.logs[log].path.display().to_string(),
            index: e.map(|e| e.index),
            trace_id: e.and_then(|e| str_at(&e.message, "/trace_id")).map(str::to_owned),
            detail,
        });
    }

    /// Every entry of every log; borrowing the logs, not the checker, so findings can be added
    /// while iterating.
    fn entries(&self) -> impl Iterator<Item = &'a Entry> + 'a {
        self.logs.iter().flat_map(|l| l.entries.iter())
    }

    fn trustworthy(&mut self) {
        for (n, log) in self.logs.iter().enumerate() {
            if let Some(f) = &log.failure {
                self.find("log-verifies", None, n, f.clone());
            }
        }
        let mut bad = Vec::new();
        for e in self.entries() {
            let mut nested = Vec::new();
            if let Some(c) = e.message.get("content") {
                nested_messages(c, &mut nested);
            }
            for m in nested {
                if let Err(err) = crate::message::verify_message(m, Some(self.trust)) {
                    bad.push((e, format!("a message from {} inside it: {err}", str_at(m, "/sender").unwrap_or("?"))));
                }
            }
        }
        for (e, why) in bad {
            let log = e.log;
            self.find("nested-signature", Some(e), log, why);
        }
    }

    fn traceable(&mut self, traces: &mut [Trace]) {
        let mut missing = Vec::new();
        for e in self.entries() {
            let m = &e.message;
            if str_at(m, "/trace_id").is_none() {
                missing.push((e, "no trace id".to_owned()));
            } else if m.get("provenance").is_none_or(|p| p.as_object().is_none_or(|p| p.is_empty())) {
                missing.push((e, format!("no provenance: {}", summary_of(m))));
            }
        }
        for (e, why) in missing {
            self.find("provenance", Some(e), e.log, why);
        }

        for t in traces.iter_mut() {
            let first = t.members.first().map(|&(l, i)| &self.logs[l].entries[i]);
            let Some(first) = first else { continue };
            t.started_with_hazard = has_hazard(&first.message);
            t.concluded_by = t
                .members
                .iter()
                .map(|&(l, i)| &self.logs[l].entries[i])
                .find(|e| concludes(&e.message))
                .map(|e| format!("{}#{}: {}", self.logs[e.log].path.display(), e.index, summary_of(&e.message)));
            if t.started_with_hazard && t.concluded_by.is_none() {
                self.findings.push(Finding {
                    rule: "hazard-concluded",
                    pillar: Pillar::Traceable,
                    log: self.logs[first.log].path.display().to_string(),
                    index: Some(first.index),
                    trace_id: Some(t.trace_id.clone()),
                    detail: format!(
                        "trace {} starts with a hazard ({}) and has no decision, timeout or refusal in its {} entries",
                        t.trace_id,
                        summary_of(&first.message),
                        t.entries
                    ),
                });
            }
        }

        self.references();
    }

    fn references(&mut self) {
        // What can be referred to.
        let mut confirmed_admissions = HashSet::new();
        let mut gatekeeper_logged = false;
        let mut message_hashes = HashSet::new();
        let mut recordings = HashSet::new();
        let mut sip_calls = HashSet::new();
        let mut sip_logged = false;
        for e in self.entries() {
            let m = &e.message;
            message_hashes.insert(e.sha256.as_str());
            match event(m) {
                "h323.ras" => {
                    gatekeeper_logged = true;
                    if str_at(m, "/content/request") == Some("admissionRequest")
                        && str_at(m, "/content/answer") == Some("admissionConfirm")
                    {
                        if let (Some(call), Some(seq)) = (str_at(m, "/content/call_id"), m.pointer("/content/seq")) {
                            confirmed_admissions.insert((call.to_owned(), seq.as_u64()));
                        }
                    }
                }
                "sip.transaction" => {
                    sip_logged = true;
                    if let Some(c) = str_at(m, "/content/call_id") {
                        sip_calls.insert(c.to_owned());
                    }
                }
                _ => {}
            }
            if step(m) == "recording" {
                if let Some(h) = str_at(m, "/content/sha256") {
                    recordings.insert(h.to_owned());
                }
            }
        }

        let mut found = Vec::new();
        for e in self.entries() {
            let m = &e.message;
            if event(m) == "h323.call" && step(m) == "admission" && str_at(m, "/content/outcome") == Some("confirmed") {
                let call = str_at(m, "/content/call_id").unwrap_or("");
                let seq = m.pointer("/content/ras_seq").and_then(Value::as_u64);
                if !gatekeeper_logged {
                    found.push(("admission-reference", e, format!(
                        "call {call} was admitted (RAS sequence number {}), but no gatekeeper log is among the logs audited",
                        seq.map_or("?".into(), |s| s.to_string())
                    )));
                } else if !confirmed_admissions.contains(&(call.to_owned(), seq)) {
                    found.push((
                        "admission-reference",
                        e,
                        format!(
                        "call {call} was admitted with RAS sequence number {}, which the gatekeeper never confirmed",
                        seq.map_or("?".into(), |s| s.to_string())
                    ),
                    ));
                }
            }
            if step(m) == "decision" {
                for v in m.pointer("/content/votes").and_then(Value::as_array).into_iter().flatten() {
                    let h = str_at(v, "/vote_sha256").unwrap_or("");
                    if !message_hashes.contains(h) {
                        found.push((
                            "vote-reference",
                            e,
                            format!(
                                "the vote of {} ({}) counted by the decision, SHA-256 {h}, is not in any log audited",
                                str_at(v, "/agent").unwrap_or("?"),
                                str_at(v, "/choice").unwrap_or("?")
                            ),
                        ));
                    }
                }
                if let Some(h) = str_at(m, "/content/recording_sha256") {
                    if !recordings.contains(h) {
                        found.push((
                            "recording-reference",
                            e,
                            format!(
                            "the recording the decision names, SHA-256 {h}, has no recording event in the logs audited"
                        ),
                        ));
                    }
                }
            }
            if let Some(c) = str_at(m, "/content/sip_call_id") {
                if !sip_calls.contains(c) {
                    found.push((
                        "sip-call-reference",
                        e,
                        if sip_logged {
                            format!("SIP Call-ID {c} is not a transaction the proxy logged")
                        } else {
                            format!("SIP Call-ID {c} is named, but no SIP proxy log is among the logs audited")
                        },
                    ));
                }
            }
        }
        for (id, e, why) in found {
            self.find(id, Some(e), e.log, why);
        }
    }

    fn transparent(&mut self, hazard_traces: &HashSet<String>) {
        let mut found = Vec::new();
        // Per agent and peer: the SDP directions on record since its last connection.
        let mut sdp_seen: HashMap<(String, String), (bool, bool)> = HashMap::new();
        for e in self.entries() {
            let m = &e.message;
            let c = |k: &str| m.pointer(&format!("/content/{k}")).filter(|v| !v.is_null());
            let agent_and_peer =
                || (str_at(m, "/sender").unwrap_or("").to_owned(), str_at(m, "/content/peer").unwrap_or("").to_owned());
            match event(m) {
                "sip.transaction" if str_at(m, "/content/method") == Some("INVITE") => {
                    let status = c("status").and_then(Value::as_u64).unwrap_or(0);
                    if (200..300).contains(&status) && (c("offer").is_none() || c("answer").is_none()) {
                        found.push((
                            "sip-transparent",
                            e,
                            format!(
                                "INVITE {} was answered {status} without its SDP {} summary on the record",
                                str_at(m, "/content/call_id").unwrap_or("?"),
                                if c("offer").is_none() { "offer" } else { "answer" }
                            ),
                        ));
                    }
                    let in_hazard = str_at(m, "/trace_id").is_some_and(|t| hazard_traces.contains(t));
                    if in_hazard && c("refused").is_none() && (c("hazard").is_none() || c("signed_by").is_none()) {
                        found.push((
                            "sip-transparent",
                            e,
                            format!(
                                "INVITE {} of a hazard's trace carries no {} (the X-IF headers) and was not refused",
                                str_at(m, "/content/call_id").unwrap_or("?"),
                                if c("hazard").is_none() { "X-IF-Hazard" } else { "verified X-IF-Signature" }
                            ),
                        ));
                    }
                }
                "mesh.sdp" => {
                    let seen = sdp_seen.entry(agent_and_peer()).or_default();
                    match str_at(m, "/content/direction") {
                        Some("sent") => seen.0 = true,
                        Some("received") => seen.1 = true,
                        _ => {}
                    }
                }
                "mesh.peer.open" => {
                    let (sent, received) = sdp_seen.remove(&agent_and_peer()).unwrap_or_default();
                    if !(sent && received) {
                        found.push((
                            "mesh-sdp-first",
                            e,
                            format!(
                                "the connection to {} opened with no SDP {} on the record before it",
                                str_at(m, "/content/peer").unwrap_or("?"),
                                match (sent, received) {
                                    (false, false) => "offer or answer",
                                    (false, true) => "sent",
                                    _ => "received",
                                }
                            ),
                        ));
                    }
                }
                "ndi.card" | "ndi.verified" => {
                    let needs: &[&str] =
                        if event(m) == "ndi.card" { &["chain", "card", "card_sha256"] } else { &["chain", "n"] };
                    if let Some(k) = needs.iter().find(|k| c(k).is_none()) {
                        found.push(("ndi-transparent", e, format!("{} event without `{k}`", event(m))));
                    }
                }
                "h323.ras" => {
                    let answer = str_at(m, "/content/answer");
                    if answer.is_none() && c("detail").is_none() {
                        found.push((
                            "ras-gate",
                            e,
                            format!(
                                "{} on the record with neither its answer nor why there is none",
                                str_at(m, "/content/request").unwrap_or("a RAS request")
                            ),
                        ));
                    } else if str_at(m, "/content/request") == Some("admissionRequest")
                        && answer == Some("admissionReject")
                        && (c("gate").is_none() || c("reason").is_none())
                    {
                        found.push((
                            "ras-gate",
                            e,
                            format!(
                                "admission refused without its {}",
                                if c("gate").is_none() { "gate" } else { "reason" }
                            ),
                        ));
                    }
                }
                _ => {}
            }
        }
        for (id, e, why) in found {
            self.find(id, Some(e), e.log, why);
        }
    }
}

/// Groups every entry by trace id, each trace in time order (then log order).
fn traces_of(logs: &[LoadedLog]) -> Vec<Trace> {
    let mut by_id: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (l, log) in logs.iter().enumerate() {
        for (i, e) in log.entries.iter().enumerate() {
            if let Some(t) = str_at(&e.message, "/trace_id") {
                by_id.entry(t.to_owned()).or_default().push((l, i));
            }
        }
    }
    by_id
        .into_iter()
        .map(|(trace_id, mut members)| {
            members.sort_by_key(|&(l, i)| (logs[l].entries[i].time.unwrap_or(i64::MAX), l, i));
            Trace { trace_id, started_with_hazard: false, concluded_by: None, entries: members.len(), members }
        })
        .collect()
}

/// Checks every rule over `logs` together.
pub fn audit(logs: &[LoadedLog], trust: &TrustStore) -> Report {
    let mut checker = Checker { logs, trust, findings: Vec::new() };
    let mut traces = traces_of(logs);
    checker.trustworthy();
    checker.traceable(&mut traces);
    let hazard_traces: HashSet<String> =
        traces.iter().filter(|t| t.started_with_hazard).map(|t| t.trace_id.clone()).collect();
    checker.transparent(&hazard_traces);
    for (n, log) in logs.iter().enumerate() {
        if let Some(why) = &log.unreadable {
            if log.failure.is_none() {
                checker.find("log-verifies", None, n, why.clone());
            }
        }
    }
    let order: HashMap<&str, usize> = RULES.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut findings = checker.findings;
    findings.sort_by_key(|f| (order[f.rule], f.log.clone(), f.index));
    Report {
        logs: logs
            .iter()
            .map(|l| LogSummary {
                path: l.path.display().to_string(),
                entries: l.entries.len(),
                verified: l.failure.is_none(),
            })
            .collect(),
        traces,
        findings,
    }
}

/// The entry a trace member names.
pub fn member(logs: &[LoadedLog], (l, i): (usize, usize)) -> &Entry {
    &logs[l].entries[i]
}

pub fn path_name(p: &Path) -> String {
    p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::SecretKey;
    use crate::message::{default_scope, Hazard, HazardType, Level, MessageFactory, MessageSpec, Performative};
    use serde_json::{json, Map};

    const TRACE: &str = "0123456789ab";

    struct Incident {
        agent: MessageFactory,
        gk: MessageFactory,
        mcu: MessageFactory,
        trust: TrustStore,
        now: i64,
    }

    fn key(agent: &str, seed: u8) -> SecretKey {
        SecretKey::from_seed(agent, [seed; 32]).unwrap()
    }

    impl Incident {
        fn new() -> Self {
            let (a, g, m) = (key("if://agent/scanner", 1), key("if://agent/gk", 2), key("if://agent/mcu", 3));
            let trust = TrustStore::of(&[&a, &g, &m]);
            Incident {
                agent: MessageFactory::new(a, 1),
                gk: MessageFactory::new(g, 1),
                mcu: MessageFactory::new(m, 1),
                trust,
                now: 1_790_000_000_000,
            }
        }

        fn make(
            factory: &mut MessageFactory,
            now: &mut i64,
            performative: Performative,
            workflow: &str,
            content: Value,
            hazard: bool,
        ) -> Value {
            let mut spec = MessageSpec::new(performative, "if://agent/witness", default_scope(workflow));
            spec.content = content.as_object().cloned().unwrap_or_else(Map::new);
            spec.trace_id = Some(TRACE.into());
            if hazard {
                spec.hazard =
                    Some(Hazard { kind: Some(HazardType::Safety), severity: Some(Level::High), ..Hazard::default() });
            }
            *now += 10;
            factory.build(spec, *now).unwrap()
        }

        /// A hazard, its admission at the gatekeeper and the MCU, a vote, the recording and the
        /// decision: the three logs of one incident, every reference resolving.
        fn logs(&mut self) -> Vec<Vec<Value>> {
            let now = &mut self.now;
            let hazard = Self::make(
                &mut self.agent,
                now,
                Performative::Escalate,
                "scanner",
                json!({"finding": "live key"}),
                true,
            );
            let arq = Self::make(
                &mut self.gk,
                now,
                Performative::Inform,
                "h323-gk",
                json!({
                "event": "h323.ras", "request": "admissionRequest", "answer": "admissionConfirm",
                "call_id": "c0ffee", "seq": 7, "summary": "ARQ council -> ACF"}),
                false,
            );
            let admitted = Self::make(
                &mut self.mcu,
                now,
                Performative::Inform,
                "h323-mcu",
                json!({
                "event": "h323.call", "step": "admission", "outcome": "confirmed", "call_id": "c0ffee", "ras_seq": 7}),
                false,
            );
            let vote =
                Self::make(&mut self.agent, now, Performative::Agree, "council", json!({"vote": "agree"}), false);
            let recording = Self::make(
                &mut self.mcu,
                now,
                Performative::Inform,
                "h323-mcu",
                json!({
                "event": "h323.conference", "step": "recording", "sha256": "ab".repeat(32)}),
                false,
            );
            let decision = Self::make(
                &mut self.mcu,
                now,
                Performative::Inform,
                "h323-mcu",
                json!({
                "event": "h323.conference", "step": "decision", "outcome": "approved",
                "votes": [{"agent": "if://agent/scanner", "choice": "agree", "vote_sha256": message_sha256(&vote)}],
                "recording_sha256": "ab".repeat(32)}),
                false,
            );
            vec![vec![hazard], vec![arq], vec![admitted, vote, recording, decision]]
        }
    }

    fn loaded(logs: Vec<Vec<Value>>) -> Vec<LoadedLog> {
        logs.into_iter()
            .enumerate()
            .map(|(n, entries)| LoadedLog {
                path: PathBuf::from(format!("log{n}")),
                failure: None,
                unreadable: None,
                entries: entries.into_iter().enumerate().map(|(i, m)| entry(n, i as u64, m)).collect(),
            })
            .collect()
    }

    fn rules_failing(logs: Vec<Vec<Value>>, trust: &TrustStore) -> Vec<&'static str> {
        audit(&loaded(logs), trust).findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn an_incident_whose_references_all_resolve_holds_and_is_concluded_by_its_decision() {
        let mut i = Incident::new();
        let logs = loaded(i.logs());
        let report = audit(&logs, &i.trust);
        assert!(report.holds(), "{:#?}", report.findings);
        assert_eq!(report.traces.len(), 1);
        let t = &report.traces[0];
        assert!(t.started_with_hazard);
        assert_eq!(t.entries, 6);
        assert!(t.concluded_by.as_deref().is_some_and(|c| c.starts_with("log2#3")), "{:?}", t.concluded_by);
    }

    #[test]
    fn each_broken_reference_names_its_rule_and_the_entry() {
        let mut i = Incident::new();
        let good = i.logs();

        let mut no_decision = good.clone();
        no_decision[2].pop();
        let findings = audit(&loaded(no_decision), &i.trust).findings;
        assert_eq!(findings.iter().map(|f| f.rule).collect::<Vec<_>>(), ["hazard-concluded"]);
        assert_eq!((findings[0].log.as_str(), findings[0].index), ("log0", Some(0)), "the hazard that opened it");
        assert_eq!(findings[0].trace_id.as_deref(), Some(TRACE));

        let mut wrong_seq = good.clone();
        wrong_seq[2][0]["content"]["ras_seq"] = json!(8);
        assert_eq!(rules_failing(wrong_seq, &i.trust), ["admission-reference"]);

        let mut no_gk = good.clone();
        no_gk.remove(1);
        let findings = audit(&loaded(no_gk), &i.trust).findings;
        assert_eq!(findings.iter().map(|f| f.rule).collect::<Vec<_>>(), ["admission-reference"]);
        assert!(findings[0].detail.contains("no gatekeeper log"), "{}", findings[0].detail);

        let mut vote_gone = good.clone();
        vote_gone[2].remove(1);
        assert_eq!(rules_failing(vote_gone, &i.trust), ["vote-reference"]);

        let mut other_recording = good.clone();
        other_recording[2][2]["content"]["sha256"] = json!("cd".repeat(32));
        assert_eq!(rules_failing(other_recording, &i.trust), ["recording-reference"]);

        let mut no_provenance = good;
        no_provenance[1][0].as_object_mut().unwrap().remove("provenance");
        assert_eq!(rules_failing(no_provenance, &i.trust), ["provenance"]);
    }

    #[test]
    fn a_refusal_or_an_explicit_timeout_also_concludes_a_hazard() {
        let mut i = Incident::new();
        let now = &mut i.now;
        let hazard = Incident::make(&mut i.agent, now, Performative::Escalate, "scanner", json!({}), true);
        let refused = Incident::make(
            &mut i.gk,
            now,
            Performative::Refuse,
            "h323-gk",
            json!({
            "event": "h323.ras", "request": "admissionRequest", "answer": "admissionReject",
            "gate": "policy", "reason": "requestDenied"}),
            false,
        );
        let timeout = Incident::make(
            &mut i.mcu,
            now,
            Performative::Inform,
            "h323-mcu",
            json!({
            "event": "h323.conference", "step": "decision", "outcome": "timeout"}),
            false,
        );
        assert!(rules_failing(vec![vec![hazard.clone(), refused]], &i.trust).is_empty());
        assert!(rules_failing(vec![vec![hazard.clone(), timeout]], &i.trust).is_empty());
        let unrelated = Incident::make(
            &mut i.mcu,
            now,
            Performative::Inform,
            "h323-mcu",
            json!({
            "event": "h323.conference", "step": "joined"}),
            false,
        );
        assert_eq!(rules_failing(vec![vec![hazard, unrelated]], &i.trust), ["hazard-concluded"]);
    }

    #[test]
    fn a_message_carried_inside_another_must_verify_against_the_trust_file() {
        let mut i = Incident::new();
        let now = &mut i.now;
        let inner = Incident::make(&mut i.agent, now, Performative::Inform, "scanner", json!({"n": 1}), false);
        let carrying = |inner: &Value, f: &mut MessageFactory, now: &mut i64| {
            Incident::make(
                f,
                now,
                Performative::Inform,
                "relay",
                json!({"event": "relay.carried", "message": inner}),
                false,
            )
        };
        assert!(rules_failing(vec![vec![carrying(&inner, &mut i.mcu, now)]], &i.trust).is_empty());
        let mut forged = inner.clone();
        forged["content"]["n"] = json!(2);
        let findings = audit(&loaded(vec![vec![carrying(&forged, &mut i.mcu, now)]]), &i.trust).findings;
        assert_eq!(findings.iter().map(|f| f.rule).collect::<Vec<_>>(), ["nested-signature"]);
        assert!(findings[0].detail.contains("if://agent/scanner"), "{}", findings[0].detail);
        let stranger = key("if://agent/stranger", 9);
        let unknown =
            Incident::make(&mut MessageFactory::new(stranger, 1), now, Performative::Inform, "x", json!({}), false);
        assert_eq!(rules_failing(vec![vec![carrying(&unknown, &mut i.mcu, now)]], &i.trust), ["nested-signature"]);
    }

    #[test]
    fn transparency_rules_ask_for_sdp_x_if_headers_frame_hashes_and_gates() {
        let mut i = Incident::new();
        let now = &mut i.now;
        let hazard = Incident::make(&mut i.agent, now, Performative::Escalate, "scanner", json!({}), true);
        let end = Incident::make(
            &mut i.mcu,
            now,
            Performative::Inform,
            "h323-mcu",
            json!({
            "event": "h323.conference", "step": "decision", "outcome": "approved"}),
            false,
        );
        let invite = json!({"event": "sip.transaction", "method": "INVITE", "status": 200, "call_id": "a@b",
            "offer": {"m": ["audio 4000 RTP/AVP 0"]}, "answer": {"m": ["audio 5000 RTP/AVP 0"]},
            "hazard": "safety;severity=high", "signed_by": "if://agent/scanner"});
        let with = |content: Value, i: &mut Incident| {
            let e = Incident::make(&mut i.gk, &mut i.now, Performative::Inform, "sip-proxy", content, false);
            rules_failing(vec![vec![hazard.clone(), e, end.clone()]], &i.trust)
        };
        assert!(with(invite.clone(), &mut i).is_empty());
        let mut no_answer = invite.clone();
        no_answer.as_object_mut().unwrap().remove("answer");
        assert_eq!(with(no_answer, &mut i), ["sip-transparent"]);
        let mut unsigned = invite.clone();
        unsigned.as_object_mut().unwrap().remove("signed_by");
        assert_eq!(with(unsigned.clone(), &mut i), ["sip-transparent"]);
        unsigned["refused"] = json!("signature: no X-IF-Signature");
        unsigned["status"] = json!(403);
        assert!(with(unsigned, &mut i).is_empty(), "a refusal is on the record instead");

        assert!(with(json!({"event": "ndi.card", "chain": "c", "card": 1, "card_sha256": "00"}), &mut i).is_empty());
        assert_eq!(with(json!({"event": "ndi.card", "chain": "c", "card": 1}), &mut i), ["ndi-transparent"]);
        assert_eq!(with(json!({"event": "ndi.verified", "n": 4}), &mut i), ["ndi-transparent"]);

        let sdp = |direction: &str| json!({"event": "mesh.sdp", "peer": "if://agent/b", "direction": direction, "kind": "offer", "sdp": "v=0"});
        let open = json!({"event": "mesh.peer.open", "peer": "if://agent/b"});
        let mesh = |contents: Vec<Value>, i: &mut Incident| {
            let entries = contents
                .into_iter()
                .map(|c| Incident::make(&mut i.gk, &mut i.now, Performative::Inform, "mesh-agent", c, false))
                .collect();
            rules_failing(vec![entries], &i.trust)
        };
        assert!(mesh(vec![sdp("sent"), sdp("received"), open.clone()], &mut i).is_empty());
        assert_eq!(mesh(vec![sdp("sent"), open.clone()], &mut i), ["mesh-sdp-first"]);
        assert_eq!(
            mesh(vec![sdp("sent"), sdp("received"), open.clone(), open.clone()], &mut i),
            ["mesh-sdp-first"],
            "each connection needs its own exchange"
        );
        let arj = json!({"event": "h323.ras", "request": "admissionRequest", "answer": "admissionReject", "reason": "requestDenied"});
        assert_eq!(with(arj, &mut i), ["ras-gate"]);
        assert_eq!(with(json!({"event": "h323.ras", "request": "registrationRequest"}), &mut i), ["ras-gate"]);
        let unanswered =
            json!({"event": "h323.ras", "request": "unregistrationRequest", "detail": "no answer after 3 tries"});
        assert!(with(unanswered, &mut i).is_empty());
    }

    #[test]
    fn a_log_that_does_not_verify_is_a_trustworthy_finding_and_the_report_orders_rules_as_listed() {
        let mut i = Incident::new();
        let mut logs = loaded(i.logs());
        logs[1].failure = Some("log1: line 3 (entry 0): entry hash does not match its content".into());
        logs[2].entries.pop();
        let report = audit(&logs, &i.trust);
        let rules: Vec<_> = report.findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["log-verifies", "hazard-concluded"]);
        assert_eq!(report.failed(Pillar::Trustworthy), 1);
        assert_eq!(report.failed(Pillar::Traceable), 1);
        assert_eq!(report.failed(Pillar::Transparent), 0);
    }
}
