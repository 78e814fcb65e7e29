//! Turns foreign scanner output into IFMessage specs: IF.yologuard detections, SARIF 2.1.0
//! results, and arbitrary JSON objects. Pure: no keys, no I/O.
//!
//! A secret found by a scanner is never copied: `match` becomes `match_redacted` (at most the
//! first four and last two characters) and `match_sha256`, and any other string that contains the
//! secret is redacted the same way.

use crate::message::{Hazard, HazardType, Level, MessageSpec, Performative, Scope};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

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
}

/// `sk-l********yz` for long secrets, `********` for short ones.
pub fn redact(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() >= 12 {
        let head: String = chars[..4].iter().collect();
        let tail: String = chars[chars.len() - 2..].iter().collect();
        format!("{head}********{tail}")
    } else {
        "********".into()
    }
}

fn scrub(value: &mut Value, secret: &str, redacted: &str) {
    match value {
        Value::String(s) if !secret.is_empty() && s.contains(secret) => *s = s.replace(secret, redacted),
        Value::Array(items) => items.iter_mut().for_each(|v| scrub(v, secret, redacted)),
        Value::Object(map) => map.values_mut().for_each(|v| scrub(v, secret, redacted)),
        _ => {}
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

/// One yologuard detection. ERROR + `usable` is a live credential: `escalate` with an
/// auto-escalating critical hazard; other ERRORs are high, WARNING medium, NOTE low.
pub fn yologuard_detection(det: &Value, opts: &WrapOptions) -> Result<MessageSpec, String> {
    let Value::Object(fields) = det else { return Err("a detection must be a JSON object".into()) };
    let mut content = fields.clone();
    let secret = match content.remove("match") {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    if !secret.is_empty() {
        let redacted = redact(&secret);
        for v in content.values_mut() {
            scrub(v, &secret, &redacted);
        }
        content.insert("match_redacted".into(), Value::String(redacted));
        content.insert("match_sha256".into(), Value::String(hex::encode(Sha256::digest(secret.as_bytes()))));
    }
    content.insert("kind".into(), json!("secret-detection"));
    content.insert("source".into(), json!("yologuard"));
    let severity = fields.get("severity").and_then(Value::as_str).unwrap_or("").to_ascii_uppercase();
    let usable = fields.get("classification").and_then(Value::as_str).is_some_and(|c| c.eq_ignore_ascii_case("usable"));
    let file = fields.get("file").and_then(Value::as_str).unwrap_or("?");
    let line = fields.get("line").map(|l| l.to_string()).unwrap_or_else(|| "?".into());
    let pattern = fields.get("pattern").and_then(Value::as_str).unwrap_or("secret");
    let (level, performative, auto) = match (severity.as_str(), usable) {
        ("ERROR", true) => (Level::Critical, Performative::Escalate, true),
        ("ERROR", false) => (Level::High, Performative::Inform, false),
        ("WARNING", _) => (Level::Medium, Performative::Inform, false),
        ("NOTE", _) => (Level::Low, Performative::Inform, false),
        (other, _) => return Err(format!("severity `{other}` is not ERROR, WARNING or NOTE")),
    };
    content.insert("summary".into(), json!(format!("{pattern} in {file}:{line}")));
    // yologuard explains itself in `rationale` (["pattern:...", "relation_score:..."]); keep it.
    let why: Vec<&str> =
        fields.get("rationale").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    let mut rationale = format!("{} {pattern} at {file}:{line}", if usable { "usable" } else { "detected" });
    if !why.is_empty() {
        rationale = format!("{rationale} ({})", why.join("; "));
    }
    let hazard = (level >= Level::Medium).then(|| Hazard {
        kind: Some(opts.hazard_type),
        severity: Some(level),
        auto_escalate: Some(auto),
        rationale: Some(if secret.is_empty() {
            rationale.clone()
        } else {
            rationale.replace(&secret, &redact(&secret))
        }),
        ..Hazard::default()
    });
    Ok(spec(opts, performative, content, hazard, Some(level)))
}

/// Every result of a SARIF 2.1.0 log. `error` results are high (critical when the rule's
/// `security-severity` is 9 or more); errors with `security-severity` >= 7 escalate.
pub fn sarif_results(log: &Value, opts: &WrapOptions) -> Result<Vec<MessageSpec>, String> {
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
                other => return Err(format!("{where_}: level `{other}` is not error, warning, note or none")),
            };
            let loc = r.pointer("/locations/0/physicalLocation");
            let file = loc.and_then(|l| l.pointer("/artifactLocation/uri")).and_then(Value::as_str).unwrap_or("");
            let line = loc.and_then(|l| l.pointer("/region/startLine")).and_then(Value::as_u64);
            let text = r.pointer("/message/text").and_then(Value::as_str).unwrap_or("");
            // Snippets are not copied: for secret scanners they are the secret.
            let mut content = Map::new();
            content.insert("kind".into(), json!("sarif-result"));
            content.insert("source".into(), json!(tool));
            content.insert("rule_id".into(), json!(rule_id));
            content.insert("level".into(), json!(level));
            content.insert("message".into(), json!(text));
            content.insert("file".into(), json!(file));
            if let Some(line) = line {
                content.insert("line".into(), json!(line));
            }
            if let Some(s) = sec {
                content.insert("security_severity".into(), json!(s));
            }
            if let Some(fp) = r.get("partialFingerprints").or_else(|| r.get("fingerprints")) {
                content.insert("fingerprints".into(), fp.clone());
            }
            content.insert(
                "summary".into(),
                json!(format!("{rule_id} in {file}:{}", line.map_or("?".into(), |l| l.to_string()))),
            );
            let hazard = (severity >= Level::Medium).then(|| Hazard {
                kind: Some(opts.hazard_type),
                severity: Some(severity),
                auto_escalate: Some(auto),
                rationale: Some(format!("{tool} {rule_id}: {text}")),
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

    fn opts() -> WrapOptions {
        WrapOptions {
            receiver: "if://agent/oversight".into(),
            trace_id: None,
            scope: default_scope("test"),
            hazard_type: HazardType::Safety,
        }
    }

    #[test]
    fn usable_error_escalates_and_secret_is_redacted_everywhere() {
        let det = json!({"file": "app.py", "line": 3, "pattern": "stripe", "match": "sk_live_ABCDEFGHIJKLMNOP", "context": "key = sk_live_ABCDEFGHIJKLMNOP", "severity": "ERROR", "classification": "usable", "relationshipScore": 0.9});
        let s = yologuard_detection(&det, &opts()).unwrap();
        assert_eq!(s.performative, Performative::Escalate);
        let h = s.hazard.unwrap();
        assert_eq!((h.severity, h.auto_escalate), (Some(Level::Critical), Some(true)));
        let text = serde_json::to_string(&s.content).unwrap();
        assert!(!text.contains("ABCDEFGHIJKLMNOP"), "{text}");
        assert_eq!(s.content["match_redacted"], "sk_l********OP");
        assert_eq!(s.content["context"], "key = sk_l********OP");
        assert_eq!(s.content["match_sha256"], hex::encode(Sha256::digest(b"sk_live_ABCDEFGHIJKLMNOP")));
    }

    #[test]
    fn yologuard_rationale_is_kept_without_the_secret() {
        let det = json!({"file": "a", "line": 1, "pattern": "p", "match": "sk_live_ABCDEFGHIJKLMNOP", "severity": "WARNING",
            "rationale": ["pattern:p", "relation_score:0.6", "value:sk_live_ABCDEFGHIJKLMNOP"]});
        let h = yologuard_detection(&det, &opts()).unwrap().hazard.unwrap();
        assert_eq!(
            h.rationale.as_deref(),
            Some("detected p at a:1 (pattern:p; relation_score:0.6; value:sk_l********OP)")
        );
        let det = json!({"file": "a", "line": 1, "pattern": "p", "severity": "WARNING"});
        assert_eq!(
            yologuard_detection(&det, &opts()).unwrap().hazard.unwrap().rationale.as_deref(),
            Some("detected p at a:1")
        );
    }

    #[test]
    fn component_and_lower_severities_inform() {
        let det = json!({"file": "a", "line": 1, "pattern": "p", "match": "short", "severity": "ERROR", "classification": "component"});
        assert_eq!(yologuard_detection(&det, &opts()).unwrap().performative, Performative::Inform);
        let det = json!({"file": "a", "line": 1, "pattern": "p", "match": "x", "severity": "NOTE"});
        assert!(yologuard_detection(&det, &opts()).unwrap().hazard.is_none());
        let det = json!({"severity": "FATAL"});
        assert!(yologuard_detection(&det, &opts()).unwrap_err().contains("FATAL"));
    }

    #[test]
    fn sarif_levels_and_security_severity() {
        let log = json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "gitleaks", "rules": [{"id": "aws", "properties": {"security-severity": "9.5"}}]}},
        "results": [
            {"ruleId": "aws", "level": "error", "message": {"text": "AWS key"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "x.env"}, "region": {"startLine": 4, "snippet": {"text": "AKIASECRET"}}}}]},
            {"ruleId": "other", "level": "note", "message": {"text": "meh"}}
        ]}]});
        let specs = sarif_results(&log, &opts()).unwrap();
        assert_eq!(specs.len(), 2);
        assert_eq!(specs[0].performative, Performative::Escalate);
        assert_eq!(specs[0].hazard.as_ref().unwrap().severity, Some(Level::Critical));
        assert_eq!(specs[0].content["line"], 4);
        assert!(!serde_json::to_string(&specs[0].content).unwrap().contains("AKIASECRET"));
        assert_eq!(specs[1].performative, Performative::Inform);
        assert!(sarif_results(&json!({"x": 1}), &opts()).is_err());
    }
}
