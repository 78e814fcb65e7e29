//! Turns foreign scanner output into IFMessage specs: IF.yologuard detections, SARIF 2.1.0
//! results, and arbitrary JSON objects. Pure: no keys are read, no I/O.
//!
//! **A secret found by a scanner is never copied.** A run's secrets ([`Secrets`]) are every
//! detection's `match` (yologuard) and every result's `region.snippet.text` (SARIF) in the whole
//! input, valid detections or not. Every occurrence of any of them, in every string value, object
//! key and number of every message of the run, is masked; texts built from several fields
//! (`summary`, the hazard rationale) are built from masked fields and masked again. A mask is made
//! of a character that occurs in no secret, so masking never forms a new occurrence and one pass
//! is enough. `match` itself becomes `match_redacted` (the first four and last two characters of a
//! secret of 12 or more characters that holds no other secret, else the mask alone) and, with the
//! operator's [`FingerprintKey`], `match_hmac_sha256`: equal secrets match for whoever holds the
//! key and nobody else can test guesses. Without a key there is no fingerprint at all.

use crate::keys::FingerprintKey;
use crate::message::{Hazard, HazardType, Level, MessageSpec, Performative, Scope};
use serde_json::{json, Map, Value};
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WrapFormat {
    /// IF.yologuard `--json`: a JSON array of detections.
    Yologuard,
    /// SARIF 2.1.0 log (runs[].results[]).
    Sarif,
    /// Any JSON object per line, carried as `content`.
    Json,
}

/// Defaults applied to every wrapped message.
#[derive(Clone, Debug)]
pub struct WrapOptions {
    pub receiver: String,
    pub trace_id: Option<String>,
    pub scope: Scope,
    pub hazard_type: HazardType,
    /// Key for `match_hmac_sha256`; without one, findings carry no fingerprint of their secret.
    pub fingerprint_key: Option<FingerprintKey>,
}

/// Fields of a detection that the wrapper writes itself: an input's own are dropped (an input
/// `match_sha256` is the unsalted hash this replaces, a guessable copy of the secret).
const WRITTEN: [&str; 5] = ["match", "match_sha256", "match_redacted", "match_hmac_sha256", "match_hmac_key_id"];

/// Characters a mask may be made of, in order of preference: the first that occurs in no secret.
const MASK_CHARS: [char; 12] = ['*', '#', '~', '_', '=', '+', '%', '^', '!', '•', '×', '█'];
/// Characters in a mask; a secret of at least `REVEAL_MIN` characters shows its first 4 and
/// last 2 around it.
const MASK_LEN: usize = 8;
const REVEAL_MIN: usize = 12;

/// The secrets of one run and the automaton that finds them.
pub struct Secrets {
    secrets: Vec<String>,
    matcher: Matcher,
    mask: char,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        // Never print the secrets themselves.
        write!(f, "Secrets({} secrets, mask {:?})", self.secrets.len(), self.mask)
    }
}

impl Secrets {
    /// The secrets of every detection (yologuard) or result (SARIF) in `docs`. Fails only when
    /// every mask character occurs in some secret.
    pub fn collect<'a>(from: WrapFormat, docs: impl IntoIterator<Item = &'a Value>) -> Result<Self, String> {
        let mut found = Vec::new();
        for doc in docs {
            match from {
                WrapFormat::Yologuard => {
                    let detections = match doc {
                        Value::Array(items) => items.as_slice(),
                        one => std::slice::from_ref(one),
                    };
                    for det in detections {
                        if let Some(m) = det.get("match") {
                            leaves(m, &mut found);
                        }
                    }
                }
                WrapFormat::Sarif => snippets(doc, &mut found),
                WrapFormat::Json => {}
            }
        }
        Self::new(found)
    }

    /// A run with these secrets (empty ones are ignored).
    pub fn new(mut secrets: Vec<String>) -> Result<Self, String> {
        secrets.retain(|s| !s.is_empty());
        secrets.sort_unstable();
        secrets.dedup();
        let mask = MASK_CHARS
            .into_iter()
            .find(|c| !secrets.iter().any(|s| s.contains(*c)))
            .ok_or("cannot mask the secrets: every mask character occurs in one of them")?;
        Ok(Secrets { matcher: Matcher::new(&secrets), secrets, mask })
    }

    fn contains(&self, secret: &str) -> bool {
        self.secrets.binary_search_by(|s| s.as_str().cmp(secret)).is_ok()
    }

    /// `text` with every occurrence of every secret masked.
    pub fn text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let spans = self.matcher.spans(text.as_bytes());
        if spans.is_empty() {
            return Cow::Borrowed(text);
        }
        let mask: String = std::iter::repeat_n(self.mask, MASK_LEN).collect();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for span in spans {
            out.push_str(&text[at..span.start]);
            let hit = &text[span.start..span.end];
            if span.alone && hit.chars().count() >= REVEAL_MIN {
                let tail: Vec<char> = hit.chars().rev().take(2).collect();
                out.extend(hit.chars().take(4));
                out.push_str(&mask);
                out.extend(tail.into_iter().rev());
            } else {
                out.push_str(&mask);
            }
            at = span.end;
        }
        out.push_str(&text[at..]);
        Cow::Owned(out)
    }

    /// `value` with every secret masked: in strings, in object keys (a key that masks to one
    /// already present gets more mask characters) and in numbers (which become masked strings).
    pub fn value(&self, value: &Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.text(s).into_owned()),
            Value::Number(n) => {
                let text = n.to_string();
                match self.text(&text) {
                    Cow::Borrowed(_) => value.clone(),
                    Cow::Owned(masked) => Value::String(masked),
                }
            }
            Value::Array(items) => Value::Array(items.iter().map(|v| self.value(v)).collect()),
            Value::Object(map) => Value::Object(self.map(map)),
            Value::Bool(_) | Value::Null => value.clone(),
        }
    }

    /// An object with every secret masked, keys included.
    pub fn map(&self, map: &Map<String, Value>) -> Map<String, Value> {
        let mut out = Map::new();
        for (k, v) in map {
            let mut key = self.text(k).into_owned();
            if key != *k {
                while out.contains_key(&key) || map.contains_key(&key) {
                    key.push(self.mask);
                }
            }
            out.insert(key, self.value(v));
        }
        out
    }

    /// The fingerprint fields of `secret` under `key`, if there is a key.
    fn fingerprint(secret: &str, key: Option<&FingerprintKey>, content: &mut Map<String, Value>) {
        if let Some(key) = key {
            content.insert("match_hmac_sha256".into(), json!(key.fingerprint(secret.as_bytes())));
            content.insert("match_hmac_key_id".into(), json!(key.key_id()));
        }
    }
}

/// The strings (and numbers, as text) of a `match` value.
fn leaves(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Bool(b) => out.push(b.to_string()),
        Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
        Value::Object(map) => map.values().for_each(|v| leaves(v, out)),
        Value::Null => {}
    }
}

/// Every `region.snippet.text` anywhere in a SARIF log (a `contextRegion` is context, not the
/// finding).
fn snippets(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(text) = map.get("region").and_then(|r| r.pointer("/snippet/text")) {
                leaves(text, out);
            }
            map.values().for_each(|v| snippets(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| snippets(v, out)),
        _ => {}
    }
}

/// A masked stretch of a text: the union of overlapping occurrences.
#[derive(Debug, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
    /// Exactly one occurrence of one secret, with no other secret inside it.
    alone: bool,
}

const NONE: u32 = u32::MAX;

/// Aho-Corasick over bytes: every occurrence of every secret in one pass over a text, however
/// many secrets a run has.
struct Matcher {
    /// Sorted edges of each node.
    edges: Vec<Vec<(u8, u32)>>,
    fail: Vec<u32>,
    /// Nearest node on the fail chain (itself excluded) that ends a secret.
    dict: Vec<u32>,
    depth: Vec<u32>,
    ends_secret: Vec<bool>,
}

impl Matcher {
    fn new(secrets: &[String]) -> Self {
        let mut m = Matcher {
            edges: vec![Vec::new()],
            fail: vec![0],
            dict: vec![NONE],
            depth: vec![0],
            ends_secret: vec![false],
        };
        for s in secrets {
            let mut node = 0u32;
            for &b in s.as_bytes() {
                node = match m.goto(node, b) {
                    Some(next) => next,
                    None => {
                        let next = m.edges.len() as u32;
                        let d = m.depth[node as usize] + 1;
                        let edges = &mut m.edges[node as usize];
                        let at = edges.partition_point(|(x, _)| *x < b);
                        edges.insert(at, (b, next));
                        m.edges.push(Vec::new());
                        m.fail.push(0);
                        m.dict.push(NONE);
                        m.depth.push(d);
                        m.ends_secret.push(false);
                        next
                    }
                };
            }
            m.ends_secret[node as usize] = true;
        }
        // Breadth first, so a node's fail target is final before its children need it.
        let mut queue = std::collections::VecDeque::from([0u32]);
        while let Some(u) = queue.pop_front() {
            for i in 0..m.edges[u as usize].len() {
                let (b, v) = m.edges[u as usize][i];
                let fail = if u == 0 { 0 } else { m.step(m.fail[u as usize], b) };
                m.fail[v as usize] = fail;
                m.dict[v as usize] = if m.ends_secret[fail as usize] { fail } else { m.dict[fail as usize] };
                queue.push_back(v);
            }
        }
        m
    }

    fn goto(&self, node: u32, b: u8) -> Option<u32> {
        let edges = &self.edges[node as usize];
        edges.binary_search_by_key(&b, |(x, _)| *x).ok().map(|i| edges[i].1)
    }

    fn step(&self, mut node: u32, b: u8) -> u32 {
        loop {
            if let Some(next) = self.goto(node, b) {
                return next;
            }
            if node == 0 {
                return 0;
            }
            node = self.fail[node as usize];
        }
    }

    /// The masked spans of `text`, in order. UTF-8 secrets match only on character boundaries.
    fn spans(&self, text: &[u8]) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        if self.edges[0].is_empty() {
            return spans;
        }
        let mut node = 0u32;
        for (i, &b) in text.iter().enumerate() {
            node = self.step(node, b);
            // The longest secret ending here covers every shorter one ending here.
            let longest = if self.ends_secret[node as usize] { node } else { self.dict[node as usize] };
            if longest == NONE {
                continue;
            }
            let end = i + 1;
            let start = end - self.depth[longest as usize] as usize;
            let mut span = Span { start, end, alone: self.dict[longest as usize] == NONE };
            while let Some(last) = spans.last() {
                if last.end <= span.start {
                    break;
                }
                span.start = span.start.min(last.start);
                span.alone = false;
                spans.pop();
            }
            spans.push(span);
        }
        spans
    }
}

fn spec(
    opts: &WrapOptions,
    performative: Performative,
    content: Map<String, Value>,
    hazard: Option<Hazard>,
    priority: Option<Level>,
) -> MessageSpec {
    let mut s = MessageSpec::new(performative, &opts.receiver, opts.scope.clone());
    s.trace_id = opts.trace_id.clone();
    s.content = content;
    s.hazard = hazard;
    if s.scope.priority.is_none() {
        s.scope.priority = priority;
    }
    s
}

/// A field as text for a summary: strings as they are, other values as JSON.
fn shown(value: Option<&Value>, default: &str) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => default.to_owned(),
    }
}

/// One yologuard detection, with `secrets` the run's (from [`Secrets::collect`] over an input
/// that holds it). ERROR + `usable` is a live credential: `escalate` with an auto-escalating
/// critical hazard; other ERRORs are high, WARNING medium, NOTE low.
pub fn yologuard_detection(det: &Value, opts: &WrapOptions, secrets: &Secrets) -> Result<MessageSpec, String> {
    let Value::Object(fields) = det else { return Err("a detection must be a JSON object".into()) };
    // Decisions are taken on the fields as given; what is copied is masked.
    let given = fields.get("severity").and_then(Value::as_str).unwrap_or("");
    let severity = given.to_ascii_uppercase();
    let usable = fields.get("classification").and_then(Value::as_str).is_some_and(|c| c.eq_ignore_ascii_case("usable"));
    let (level, performative, auto) = match (severity.as_str(), usable) {
        ("ERROR", true) => (Level::Critical, Performative::Escalate, true),
        ("ERROR", false) => (Level::High, Performative::Inform, false),
        ("WARNING", _) => (Level::Medium, Performative::Inform, false),
        ("NOTE", _) => (Level::Low, Performative::Inform, false),
        _ => return Err(format!("severity `{}` is not ERROR, WARNING or NOTE", secrets.text(given))),
    };
    let secret = match fields.get("match") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Some(v.to_string()),
        Some(Value::Null) | None => None,
        Some(_) => return Err("`match` must be a string or a number".into()),
    }
    .filter(|s| !s.is_empty());
    if secret.as_deref().is_some_and(|s| !secrets.contains(s)) {
        // A caller bug, refused rather than risk copying an unknown secret.
        return Err("the detection's secret is not among the run's secrets".into());
    }
    let mut raw = fields.clone();
    for k in WRITTEN {
        raw.remove(k);
    }
    let mut content = secrets.map(&raw);
    if let Some(secret) = &secret {
        content.insert("match_redacted".into(), json!(secrets.text(secret)));
        Secrets::fingerprint(secret, opts.fingerprint_key.as_ref(), &mut content);
    }
    let file = shown(content.get("file"), "?");
    let line = shown(content.get("line"), "?");
    let pattern = shown(content.get("pattern"), "secret");
    // yologuard explains itself in `rationale` (["pattern:...", "relation_score:..."]); keep it.
    let why: Vec<&str> =
        content.get("rationale").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    let mut rationale = format!("{} {pattern} at {file}:{line}", if usable { "usable" } else { "detected" });
    if !why.is_empty() {
        rationale = format!("{rationale} ({})", why.join("; "));
    }
    // Joining masked fields can line up a secret across them: mask the joined texts again.
    let rationale = secrets.text(&rationale).into_owned();
    let summary = secrets.text(&format!("{pattern} in {file}:{line}")).into_owned();
    content.insert("summary".into(), json!(summary));
    content.insert("kind".into(), json!("secret-detection"));
    content.insert("source".into(), json!("yologuard"));
    let hazard = (level >= Level::Medium).then(|| Hazard {
        kind: Some(opts.hazard_type),
        severity: Some(level),
        auto_escalate: Some(auto),
        rationale: Some(rationale),
        ..Hazard::default()
    });
    Ok(spec(opts, performative, content, hazard, Some(level)))
}

/// Every result of a SARIF 2.1.0 log, with `secrets` the run's. `error` results are high
/// (critical when the rule's `security-severity` is 9 or more); errors with `security-severity`
/// >= 7 escalate.
pub fn sarif_results(log: &Value, opts: &WrapOptions, secrets: &Secrets) -> Result<Vec<MessageSpec>, String> {
    let runs = log.get("runs").and_then(Value::as_array).ok_or("not a SARIF log: no `runs` array")?;
    let mut out = Vec::new();
    for (ri, run) in runs.iter().enumerate() {
        let tool = run.pointer("/tool/driver/name").and_then(Value::as_str).unwrap_or("sarif");
        let rules = run.pointer("/tool/driver/rules").and_then(Value::as_array);
        let results = run.get("results").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
        for (i, r) in results.iter().enumerate() {
            let where_ = format!("runs[{ri}].results[{i}]");
            let rule_id = r
                .get("ruleId")
                .and_then(Value::as_str)
                .or_else(|| r.pointer("/rule/id").and_then(Value::as_str))
                .unwrap_or("");
            let rule = rules.and_then(|rs| {
                r.get("ruleIndex")
                    .and_then(Value::as_u64)
                    .and_then(|i| rs.get(i as usize))
                    .or_else(|| rs.iter().find(|x| x.get("id").and_then(Value::as_str) == Some(rule_id)))
            });
            let level = r
                .get("level")
                .and_then(Value::as_str)
                .or_else(|| rule.and_then(|x| x.pointer("/defaultConfiguration/level")).and_then(Value::as_str))
                .unwrap_or("warning");
            let sec: Option<f64> = [
                r.pointer("/properties/security-severity"),
                rule.and_then(|x| x.pointer("/properties/security-severity")),
            ]
            .into_iter()
            .flatten()
            .find_map(|v| v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok())));
            let (severity, performative, auto) = match level {
                "error" if sec.is_some_and(|s| s >= 9.0) => (Level::Critical, Performative::Escalate, true),
                "error" if sec.is_some_and(|s| s >= 7.0) => (Level::High, Performative::Escalate, true),
                "error" => (Level::High, Performative::Inform, false),
                "warning" => (Level::Medium, Performative::Inform, false),
                "note" | "none" => (Level::Low, Performative::Inform, false),
                other => {
                    let other = secrets.text(other);
                    return Err(format!("{where_}: level `{other}` is not error, warning, note or none"));
                }
            };
            let loc = r.pointer("/locations/0/physicalLocation");
            let file = loc.and_then(|l| l.pointer("/artifactLocation/uri")).and_then(Value::as_str).unwrap_or("");
            let line = loc.and_then(|l| l.pointer("/region/startLine")).and_then(Value::as_u64);
            let text = r.pointer("/message/text").and_then(Value::as_str).unwrap_or("");
            // Snippets are not copied: for secret scanners they are the secret.
            let mut raw = Map::new();
            raw.insert("source".into(), json!(tool));
            raw.insert("rule_id".into(), json!(rule_id));
            raw.insert("level".into(), json!(level));
            raw.insert("message".into(), json!(text));
            raw.insert("file".into(), json!(file));
            if let Some(line) = line {
                raw.insert("line".into(), json!(line));
            }
            if let Some(s) = sec {
                raw.insert("security_severity".into(), json!(s));
            }
            if let Some(fp) = r.get("partialFingerprints").or_else(|| r.get("fingerprints")) {
                raw.insert("fingerprints".into(), fp.clone());
            }
            let mut content = secrets.map(&raw);
            content.insert("kind".into(), json!("sarif-result"));
            if let Some(snippet) = loc.and_then(|l| l.pointer("/region/snippet/text")).and_then(Value::as_str) {
                if !snippet.is_empty() {
                    if !secrets.contains(snippet) {
                        return Err(format!("{where_}: the snippet is not among the run's secrets"));
                    }
                    Secrets::fingerprint(snippet, opts.fingerprint_key.as_ref(), &mut content);
                }
            }
            let [tool, rule_id, text, file] =
                ["source", "rule_id", "message", "file"].map(|k| shown(content.get(k), ""));
            let line = shown(content.get("line"), "?");
            let summary = secrets.text(&format!("{rule_id} in {file}:{line}")).into_owned();
            content.insert("summary".into(), json!(summary));
            let rationale = secrets.text(&format!("{tool} {rule_id}: {text}")).into_owned();
            let hazard = (severity >= Level::Medium).then(|| Hazard {
                kind: Some(opts.hazard_type),
                severity: Some(severity),
                auto_escalate: Some(auto),
                rationale: Some(rationale),
                ..Hazard::default()
            });
            out.push(spec(opts, performative, content, hazard, Some(severity)));
        }
    }
    Ok(out)
}

/// Any JSON object, carried as the content of an `inform`.
pub fn json_object(obj: &Map<String, Value>, opts: &WrapOptions) -> MessageSpec {
    spec(opts, Performative::Inform, obj.clone(), None, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::default_scope;
    use sha2::{Digest, Sha256};

    fn opts() -> WrapOptions {
        WrapOptions {
            receiver: "if://agent/oversight".into(),
            trace_id: None,
            scope: default_scope("test"),
            hazard_type: HazardType::Safety,
            fingerprint_key: None,
        }
    }

    fn keyed(byte: u8) -> WrapOptions {
        WrapOptions { fingerprint_key: Some(FingerprintKey::from_bytes([byte; 32])), ..opts() }
    }

    /// One detection, alone in its run.
    fn one(det: &Value, opts: &WrapOptions) -> Result<MessageSpec, String> {
        yologuard_detection(det, opts, &Secrets::collect(WrapFormat::Yologuard, [det]).unwrap())
    }

    /// Every detection of a run, the way `if-msg wrap` does it.
    fn run(docs: &[Value], opts: &WrapOptions) -> Vec<MessageSpec> {
        let secrets = Secrets::collect(WrapFormat::Yologuard, docs).unwrap();
        let all: Vec<&Value> = docs.iter().flat_map(|d| d.as_array().unwrap()).collect();
        all.into_iter().filter_map(|d| yologuard_detection(d, opts, &secrets).ok()).collect()
    }

    /// Every string, key and number of what a spec would sign, in JSON.
    fn signed_text(s: &MessageSpec) -> String {
        serde_json::to_string(&json!({"content": s.content, "hazard": s.hazard})).unwrap()
    }

    fn mask(text: &str, secrets: &[&str]) -> String {
        Secrets::new(secrets.iter().map(|s| s.to_string()).collect()).unwrap().text(text).into_owned()
    }

    #[test]
    fn usable_error_escalates_and_secret_is_redacted_everywhere() {
        let det = json!({"file": "app.py", "line": 3, "pattern": "stripe", "match": "sk_live_ABCDEFGHIJKLMNOP", "context": "key = sk_live_ABCDEFGHIJKLMNOP", "severity": "ERROR", "classification": "usable", "relationshipScore": 0.9});
        let s = one(&det, &opts()).unwrap();
        assert_eq!(s.performative, Performative::Escalate);
        let h = s.hazard.clone().unwrap();
        assert_eq!((h.severity, h.auto_escalate), (Some(Level::Critical), Some(true)));
        let text = signed_text(&s);
        assert!(!text.contains("ABCDEFGHIJKLMNOP"), "{text}");
        assert_eq!(s.content["match_redacted"], "sk_l********OP");
        assert_eq!(s.content["context"], "key = sk_l********OP");
        // No key, no fingerprint: an unsalted hash of the secret is a way to test guesses.
        assert!(!s.content.keys().any(|k| k.contains("sha256") || k.contains("hmac")), "{text}");
    }

    #[test]
    fn the_fingerprint_is_keyed_so_a_short_secret_cannot_be_guessed_from_it() {
        let det = json!({"file": "a", "line": 1, "pattern": "pin", "match": "4711", "severity": "WARNING", "match_sha256": hex::encode(Sha256::digest(b"4711"))});
        let s = one(&det, &keyed(7)).unwrap();
        let fp = s.content["match_hmac_sha256"].as_str().unwrap().to_owned();
        assert_eq!(fp, FingerprintKey::from_bytes([7; 32]).fingerprint(b"4711"));
        assert_eq!(s.content["match_hmac_key_id"], FingerprintKey::from_bytes([7; 32]).key_id());
        // The input's own unsalted hash is dropped, and without the key no guess of the
        // 10,000 four-digit secrets reproduces the fingerprint.
        let text = signed_text(&s);
        for guess in (0..10_000).map(|n| format!("{n:04}")) {
            let h = hex::encode(Sha256::digest(guess.as_bytes()));
            assert!(!text.contains(&h), "unsalted hash of {guess} in {text}");
            assert_ne!(hex::encode(crate::keys::hmac_sha256(b"", guess.as_bytes())), fp);
        }
        // Equal secrets match under one key, not across keys.
        let again =
            one(&json!({"file": "b", "line": 9, "pattern": "pin", "match": "4711", "severity": "NOTE"}), &keyed(7));
        assert_eq!(again.unwrap().content["match_hmac_sha256"], fp.as_str());
        assert_ne!(one(&det, &keyed(8)).unwrap().content["match_hmac_sha256"], fp.as_str());
    }

    #[test]
    fn yologuard_rationale_is_kept_without_the_secret() {
        let det = json!({"file": "a", "line": 1, "pattern": "p", "match": "sk_live_ABCDEFGHIJKLMNOP", "severity": "WARNING",
            "rationale": ["pattern:p", "relation_score:0.6", "value:sk_live_ABCDEFGHIJKLMNOP"]});
        let h = one(&det, &opts()).unwrap().hazard.unwrap();
        assert_eq!(
            h.rationale.as_deref(),
            Some("detected p at a:1 (pattern:p; relation_score:0.6; value:sk_l********OP)")
        );
        let det = json!({"file": "a", "line": 1, "pattern": "p", "severity": "WARNING"});
        assert_eq!(one(&det, &opts()).unwrap().hazard.unwrap().rationale.as_deref(), Some("detected p at a:1"));
    }

    #[test]
    fn two_secrets_on_one_line_are_masked_in_both_messages() {
        let line = "STRIPE=sk_live_ABCDEFGHIJKLMNOP AWS=AKIAIOSFODNN7EXAMPLE";
        let docs = [json!([
            {"file": "a.env", "line": 1, "pattern": "stripe", "match": "sk_live_ABCDEFGHIJKLMNOP", "severity": "ERROR", "context": line},
            {"file": "a.env", "line": 1, "pattern": "aws", "match": "AKIAIOSFODNN7EXAMPLE", "severity": "ERROR", "context": line}
        ])];
        let specs = run(&docs, &opts());
        assert_eq!(specs.len(), 2);
        for s in &specs {
            assert_eq!(s.content["context"], "STRIPE=sk_l********OP AWS=AKIA********LE");
        }
    }

    #[test]
    fn secrets_in_file_line_and_keys_are_masked_in_summary_and_rationale() {
        let det = json!({"file": "keys/sk_live_ABCDEFGHIJKLMNOP.txt", "line": "L-sk_live_ABCDEFGHIJKLMNOP", "pattern": "stripe",
            "match": "sk_live_ABCDEFGHIJKLMNOP", "severity": "ERROR",
            "env": {"sk_live_ABCDEFGHIJKLMNOP": "set", "sk_live_ABCDEFGHIJKLMNOP!": 1, "sk_l********OP": "literal"}});
        let s = one(&det, &opts()).unwrap();
        assert_eq!(s.content["summary"], "stripe in keys/sk_l********OP.txt:L-sk_l********OP");
        assert_eq!(s.hazard.unwrap().rationale.unwrap(), "detected stripe at keys/sk_l********OP.txt:L-sk_l********OP");
        // Keys are masked too; one that masks to a key already there gets one more mask character.
        assert_eq!(
            s.content["env"],
            json!({"sk_l********OP": "literal", "sk_l********OP*": "set", "sk_l********OP!": 1})
        );
    }

    #[test]
    fn overlapping_nested_and_short_secrets_are_masked_whole() {
        // A secret inside another, overlapping ones, adjacent ones: the union is masked, and a
        // secret with another inside it shows none of its characters.
        assert_eq!(mask("x-ABCDEFGHIJKLMN-y", &["ABCDEFGHIJKLMN", "FGH"]), "x-********-y");
        assert_eq!(mask("abcdefgh", &["abcde", "defgh"]), "********");
        assert_eq!(mask("[abcdefghijklmnopqrst]", &["abcdefghijkl", "mnopqrst"]), "[abcd********kl********]");
        assert_eq!(mask("ABCDEFGHIJKLMNOP", &["ABCD"]), "********EFGHIJKLMNOP");
        // Short secrets make masking aggressive: every occurrence, inside any word.
        assert_eq!(mask("tests/test.txt", &["test"]), "********s/********.txt");
        assert_eq!(mask("€😀€😀", &["😀"]), "€********€********");
        // A secret made of the mask character: another mask character is used.
        assert_eq!(mask("a***b", &["***"]), "a########b");
        assert_eq!(mask("x1234y", &["1234"]), "x********y");
        assert!(Secrets::new(MASK_CHARS.iter().map(|c| c.to_string()).collect()).is_err());
        // Numbers that carry a secret become masked strings.
        let s = Secrets::new(vec!["4711".into()]).unwrap();
        assert_eq!(s.value(&json!({"n": 1_047_110, "m": 12})), json!({"n": "10********0", "m": 12}));
    }

    #[test]
    fn component_and_lower_severities_inform() {
        let det = json!({"file": "a", "line": 1, "pattern": "p", "match": "short", "severity": "ERROR", "classification": "component"});
        assert_eq!(one(&det, &opts()).unwrap().performative, Performative::Inform);
        let det = json!({"file": "a", "line": 1, "pattern": "p", "match": "x", "severity": "NOTE"});
        assert!(one(&det, &opts()).unwrap().hazard.is_none());
        let det = json!({"severity": "FATAL"});
        assert!(one(&det, &opts()).unwrap_err().contains("FATAL"));
        // The reason for a rejection is masked too.
        let det = json!({"severity": "sk_live_ABCDEFGHIJKLMNOP", "match": "sk_live_ABCDEFGHIJKLMNOP"});
        let e = one(&det, &opts()).unwrap_err();
        assert_eq!(e, "severity `sk_l********OP` is not ERROR, WARNING or NOTE");
        // A detection whose secret was not collected is refused, not copied.
        let det = json!({"file": "a", "line": 1, "match": "sk_live_ABCDEFGHIJKLMNOP", "severity": "NOTE"});
        assert!(yologuard_detection(&det, &opts(), &Secrets::new(vec![]).unwrap()).is_err());
    }

    #[test]
    fn sarif_levels_and_security_severity() {
        let log = json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "gitleaks", "rules": [{"id": "aws", "properties": {"security-severity": "9.5"}}]}},
        "results": [
            {"ruleId": "aws", "level": "error", "message": {"text": "AWS key"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "x.env"}, "region": {"startLine": 4, "snippet": {"text": "AKIASECRET"}}}}]},
            {"ruleId": "other", "level": "note", "message": {"text": "meh"}}
        ]}]});
        let specs = sarif(&log, &opts()).unwrap();
        assert_eq!(specs.len(), 2);
        assert_eq!(specs[0].performative, Performative::Escalate);
        assert_eq!(specs[0].hazard.as_ref().unwrap().severity, Some(Level::Critical));
        assert_eq!(specs[0].content["line"], 4);
        assert!(!serde_json::to_string(&specs[0].content).unwrap().contains("AKIASECRET"));
        assert_eq!(specs[1].performative, Performative::Inform);
        assert!(sarif(&json!({"x": 1}), &opts()).is_err());
    }

    fn sarif(log: &Value, opts: &WrapOptions) -> Result<Vec<MessageSpec>, String> {
        sarif_results(log, opts, &Secrets::collect(WrapFormat::Sarif, [log]).unwrap())
    }

    #[test]
    fn sarif_fingerprints_message_and_uri_are_masked() {
        let secret = "ghp_0123456789abcdefghij";
        let log = json!({"runs": [{"tool": {"driver": {"name": "gitleaks"}}, "results": [
            {"ruleId": "github-pat", "level": "error", "message": {"text": format!("found {secret}")},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": format!("{secret}.txt")}, "region": {"startLine": 2, "snippet": {"text": secret}}}}],
             "partialFingerprints": {"secret": secret, secret: "key", "commitSha": "abc"}}]}]});
        let s = &sarif(&log, &keyed(1)).unwrap()[0];
        let text = signed_text(s);
        assert!(!text.contains(secret), "{text}");
        assert_eq!(
            s.content["fingerprints"],
            json!({"secret": "ghp_********ij", "ghp_********ij": "key", "commitSha": "abc"})
        );
        assert_eq!(s.content["summary"], "github-pat in ghp_********ij.txt:2");
        assert_eq!(s.hazard.as_ref().unwrap().rationale.as_deref(), Some("gitleaks github-pat: found ghp_********ij"));
        assert_eq!(s.content["match_hmac_sha256"], FingerprintKey::from_bytes([1; 32]).fingerprint(secret.as_bytes()));
    }

    /// splitmix64: a small seeded generator, so every failure replays from its seed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }
    }

    /// Random secrets, some inside, overlapping or made of others, some all digits, some with
    /// characters JSON escapes or a mask would use.
    fn random_secrets(rng: &mut Rng) -> Vec<String> {
        const ALPHABET: &[char] = &[
            'a', 'b', 'c', 'x', 'y', 'z', 'A', 'B', 'Q', 'Z', '0', '1', '7', '9', '_', '-', '/', '.', '*', '"', '\\',
            'é', '😀',
        ];
        let mut out: Vec<String> = Vec::new();
        for _ in 0..1 + rng.below(4) {
            let fresh = |rng: &mut Rng, len: usize| -> String { (0..len).map(|_| *rng.pick(ALPHABET)).collect() };
            let secret = match (rng.below(6), out.last().cloned()) {
                (0, _) => (0..8 + rng.below(8)).map(|_| char::from(b'0' + rng.below(10) as u8)).collect(),
                // A piece of an earlier secret, or an earlier secret with more around it.
                (1, Some(prev)) if prev.chars().count() >= 12 => {
                    let chars: Vec<char> = prev.chars().collect();
                    let from = rng.below(chars.len() - 8);
                    chars[from..from + 8].iter().collect()
                }
                (2, Some(prev)) => format!("{}{prev}", fresh(rng, 3)),
                (3, Some(prev)) => {
                    let chars: Vec<char> = prev.chars().collect();
                    let half: String = chars[chars.len() / 2..].iter().collect();
                    format!("{half}{}", fresh(rng, 8))
                }
                _ => {
                    let len = 8 + rng.below(20);
                    fresh(rng, len)
                }
            };
            out.push(secret);
        }
        out
    }

    /// A value that carries secrets where a scanner's output might: whole, inside text, next to
    /// each other, as keys, nested, as numbers.
    fn carrier(rng: &mut Rng, secrets: &[String], depth: usize) -> Value {
        let s = rng.pick(secrets).clone();
        match rng.below(if depth > 2 { 5 } else { 8 }) {
            0 => json!(s),
            1 => json!(format!("key = '{s}' # {}", rng.pick(secrets))),
            2 => json!(format!("{s}{}", rng.pick(secrets))),
            3 => match s.parse::<u64>() {
                Ok(n) => json!(n),
                Err(_) => json!(format!("{s}{s}")),
            },
            4 => json!("nothing secret here"),
            5 => Value::Object(Map::from_iter([(s, carrier(rng, secrets, depth + 1))])),
            6 => Value::Array((0..1 + rng.below(3)).map(|_| carrier(rng, secrets, depth + 1)).collect()),
            _ => {
                json!({"nested": carrier(rng, secrets, depth + 1), format!("k-{s}-k"): carrier(rng, secrets, depth + 1)})
            }
        }
    }

    fn random_detection(rng: &mut Rng, secrets: &[String], secret: &str) -> Value {
        let mut det = Map::new();
        det.insert("match".into(), json!(secret));
        det.insert("severity".into(), json!(*rng.pick(&["ERROR", "WARNING", "NOTE", "error"])));
        det.insert("classification".into(), json!(*rng.pick(&["usable", "component"])));
        for field in ["file", "line", "pattern", "context", "provenance", "rationale", "extra"] {
            if rng.below(3) > 0 {
                let v = match field {
                    "rationale" => Value::Array((0..3).map(|_| carrier(rng, secrets, 3)).collect()),
                    _ => carrier(rng, secrets, 0),
                };
                det.insert(field.into(), v);
            }
        }
        Value::Object(det)
    }

    fn assert_no_secret(text: &str, secrets: &[String], seed: u64) {
        for s in secrets {
            let escaped = serde_json::to_string(s).unwrap();
            let escaped = &escaped[1..escaped.len() - 1];
            assert!(!text.contains(s.as_str()) && !text.contains(escaped), "seed {seed}: secret {s:?} in {text}");
        }
    }

    /// Every string and key of a value, decoded.
    fn strings(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            Value::Object(map) => map.iter().for_each(|(k, v)| {
                out.push(k.clone());
                strings(v, out)
            }),
            other => out.push(other.to_string()),
        }
    }

    #[test]
    fn property_no_secret_placed_anywhere_survives_a_run() {
        for seed in 0..400u64 {
            let mut rng = Rng(seed);
            let secrets = random_secrets(&mut rng);
            // Every secret is some detection's `match`, the others are placed at random.
            let mut detections: Vec<Value> = (0..secrets.len() + rng.below(5))
                .map(|i| {
                    let secret = secrets[i % secrets.len()].clone();
                    random_detection(&mut rng, &secrets, &secret)
                })
                .collect();
            let mut docs = Vec::new();
            while !detections.is_empty() {
                let n = (1 + rng.below(3)).min(detections.len());
                docs.push(Value::Array(detections.drain(..n).collect()));
            }
            let specs = run(&docs, &keyed(3));
            assert!(!specs.is_empty(), "seed {seed}");
            for s in &specs {
                let text = signed_text(s);
                assert_no_secret(&text, &secrets, seed);
                let mut all = Vec::new();
                strings(&json!({"content": s.content, "hazard": s.hazard}), &mut all);
                assert_no_secret(&all.join("\u{0}"), &secrets, seed);
            }
        }
    }

    #[test]
    fn property_no_snippet_survives_a_sarif_run() {
        for seed in 1000..1300u64 {
            let mut rng = Rng(seed);
            let secrets = random_secrets(&mut rng);
            let results: Vec<Value> = (0..secrets.len() + rng.below(3))
                .map(|i| {
                    let snippet = secrets[i % secrets.len()].clone();
                    let text = |rng: &mut Rng| match carrier(rng, &secrets, 3) {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    json!({"ruleId": text(&mut rng), "level": "error", "message": {"text": text(&mut rng)},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": text(&mut rng)},
                            "region": {"startLine": carrier(&mut rng, &secrets, 3), "snippet": {"text": snippet}}}}],
                        "partialFingerprints": carrier(&mut rng, &secrets, 0)})
                })
                .collect();
            let log = json!({"runs": [{"tool": {"driver": {"name": text_of(carrier(&mut rng, &secrets, 3))}}, "results": results}]});
            let specs = sarif(&log, &keyed(3)).unwrap();
            for s in &specs {
                assert_no_secret(&signed_text(s), &secrets, seed);
            }
        }
    }

    fn text_of(v: Value) -> String {
        match v {
            Value::String(s) => s,
            other => other.to_string(),
        }
    }
}
