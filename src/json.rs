//! Strict JSON parsing and RFC 8785 (JCS) canonical serialisation.
//!
//! Signatures and hash chains are computed over canonical bytes, so two parsers must agree on what
//! a document says. `parse_strict` therefore rejects duplicate object keys (RFC 8785 §3.1 requires
//! I-JSON input) instead of silently keeping the last one, as `serde_json::from_str` would.

pub mod scan;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// Parses one JSON document, rejecting duplicate keys at any depth.
pub fn parse_strict(text: &[u8]) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(text);
    let value = StrictValue.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// `Deserialize` entry point for strict values, for use inside serde streams.
pub fn deserialize_strict<'de, D: de::Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    StrictValue.deserialize(d)
}

struct StrictValue;

impl<'de> DeserializeSeed<'de> for StrictValue {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(StrictValue)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let value = map.next_value_seed(StrictValue)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// RFC 8785 canonical form of `value`.
pub fn canonical(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    write_canonical(&mut out, value);
    out
}

/// RFC 8785 canonical form of an object.
pub fn canonical_map(map: &Map<String, Value>) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    write_object(&mut out, map.iter());
    out
}

/// Canonical form of an object restricted to `keys` (missing keys are skipped).
pub fn canonical_subset(map: &Map<String, Value>, keep: impl Fn(&str) -> bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    write_object(&mut out, map.iter().filter(|(k, _)| keep(k)));
    out
}

/// The canonical form of an object twice over, serialising each member once: `full` is the
/// canonical object and `without` the canonical object minus member `omit`. For an IFMessage and
/// `"signature"` these are the bytes logged and the bytes signed.
pub struct CanonicalParts {
    pub full: Vec<u8>,
    pub without: Vec<u8>,
}

pub fn canonical_parts(map: &Map<String, Value>, omit: &str) -> CanonicalParts {
    let mut full = Vec::with_capacity(1024);
    let mut without = Vec::with_capacity(1024);
    full.push(b'{');
    without.push(b'{');
    let mut member = Vec::with_capacity(256);
    for (k, v) in sorted_entries(map.iter()) {
        member.clear();
        write_string(&mut member, k);
        member.push(b':');
        write_canonical(&mut member, v);
        if full.len() > 1 {
            full.push(b',');
        }
        full.extend_from_slice(&member);
        if k != omit {
            if without.len() > 1 {
                without.push(b',');
            }
            without.extend_from_slice(&member);
        }
    }
    full.push(b'}');
    without.push(b'}');
    CanonicalParts { full, without }
}

/// The canonical form of an object that lacks one member, and where that member goes: the
/// object with the member is then made by splicing, without serialising it again. For an
/// IFMessage and `"signature"`: the bytes signed, then the bytes logged.
pub struct CanonicalWithout {
    pub bytes: Vec<u8>,
    /// Where the member goes: before the separator of the first greater key, or before `}`.
    at: usize,
}

/// `map`'s canonical form, ready for member `key` (ASCII, not in `map`) to be added.
pub fn canonical_without(map: &Map<String, Value>, key: &str) -> CanonicalWithout {
    // A key above U+FFFF would put the object in UTF-16 order, which can move the others.
    assert!(key.is_ascii() && !map.contains_key(key), "`{key}` must be an ASCII key the object lacks");
    let entries = sorted_entries(map.iter());
    let utf16 = entries.iter().any(|(k, _)| k.chars().any(|c| c as u32 > 0xFFFF));
    let after = |k: &str| if utf16 { k.encode_utf16().gt(key.encode_utf16()) } else { k > key };
    let mut bytes = Vec::with_capacity(1024);
    bytes.push(b'{');
    let mut at = None;
    for (i, (k, v)) in entries.into_iter().enumerate() {
        if at.is_none() && after(k) {
            at = Some(bytes.len());
        }
        if i > 0 {
            bytes.push(b',');
        }
        write_string(&mut bytes, k);
        bytes.push(b':');
        write_canonical(&mut bytes, v);
    }
    let at = at.unwrap_or(bytes.len());
    bytes.push(b'}');
    CanonicalWithout { bytes, at }
}

impl CanonicalWithout {
    /// The canonical form of the object with `key: value` added (`key` as given to
    /// [`canonical_without`]).
    pub fn adding(&self, key: &str, value: &Value) -> Vec<u8> {
        let mut member = Vec::with_capacity(256);
        write_string(&mut member, key);
        member.push(b':');
        write_canonical(&mut member, value);
        let (head, tail) = self.bytes.split_at(self.at);
        let mut full = Vec::with_capacity(self.bytes.len() + member.len() + 1);
        full.extend_from_slice(head);
        if self.at == 1 {
            // First: the member, then a separator unless it is alone.
            full.extend_from_slice(&member);
            if tail != b"}" {
                full.push(b',');
            }
        } else {
            full.push(b',');
            full.extend_from_slice(&member);
        }
        full.extend_from_slice(tail);
        full
    }
}

pub fn write_canonical(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(out, item);
            }
            out.push(b']');
        }
        Value::Object(map) => write_object(out, map.iter()),
    }
}

fn sorted_entries<'a>(entries: impl Iterator<Item = (&'a String, &'a Value)>) -> Vec<(&'a String, &'a Value)> {
    let mut entries: Vec<_> = entries.collect();
    // serde_json's map is ordered by UTF-8 bytes, which equals UTF-16 order unless a key holds
    // characters above U+FFFF; JCS wants UTF-16 code-unit order, so sort only when that matters.
    if entries.iter().any(|(k, _)| k.chars().any(|c| c as u32 > 0xFFFF)) {
        entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    } else if !entries.windows(2).all(|w| w[0].0 <= w[1].0) {
        entries.sort_by(|a, b| a.0.cmp(b.0));
    }
    entries
}

fn write_object<'a>(out: &mut Vec<u8>, entries: impl Iterator<Item = (&'a String, &'a Value)>) {
    out.push(b'{');
    for (i, (k, v)) in sorted_entries(entries).into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_string(out, k);
        out.push(b':');
        write_canonical(out, v);
    }
    out.push(b'}');
}

fn write_string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0A => b"\\n",
            0x0C => b"\\f",
            0x0D => b"\\r",
            0x00..=0x1F => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            out.extend_from_slice(format!("\\u{:04x}", b).as_bytes());
        } else {
            out.extend_from_slice(escape);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// ECMAScript `Number.prototype.toString`, as RFC 8785 §3.2.2.3 requires.
fn write_number(out: &mut Vec<u8>, n: &Number) {
    const EXACT: u64 = 1 << 53;
    if let Some(u) = n.as_u64() {
        if u <= EXACT {
            out.extend_from_slice(u.to_string().as_bytes());
            return;
        }
    } else if let Some(i) = n.as_i64() {
        if i.unsigned_abs() <= EXACT {
            out.extend_from_slice(i.to_string().as_bytes());
            return;
        }
    }
    let v = n.as_f64().unwrap_or(0.0);
    out.extend_from_slice(es6_number(v).as_bytes());
}

pub(crate) fn es6_number(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if v < 0.0 {
        return format!("-{}", es6_number(-v));
    }
    // Rust's `{:e}` prints the shortest digits that round-trip, as ECMAScript requires.
    let sci = format!("{v:e}");
    let (mantissa, exp) = sci.split_once('e').expect("`{:e}` always has an exponent");
    let exp: i32 = exp.parse().expect("`{:e}` exponent is an integer");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    let n = exp + 1;
    if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let sign = if n - 1 < 0 { '-' } else { '+' };
        let e = (n - 1).abs();
        if k == 1 {
            format!("{digits}e{sign}{e}")
        } else {
            format!("{}.{}e{sign}{e}", &digits[..1], &digits[1..])
        }
    }
}

/// A number in a JSON text that would not be signed as written: its canonical form (an IEEE 754
/// double, RFC 8785 §3.2.2.3) has another value, as `1e-999` (signed as `0`) or
/// `12345678901234567890123` (signed as `1.2345678901234568e+22`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("number `{given}` would be signed as `{signed}` (JSON numbers are IEEE 754 doubles, RFC 8785); write it as a string to keep it exact")]
pub struct InexactNumber {
    /// Byte offset of the number in the text.
    pub offset: usize,
    pub given: String,
    pub signed: String,
}

impl InexactNumber {
    /// 1-based line of the number in `text`.
    pub fn line_in(&self, text: &[u8]) -> u64 {
        1 + text[..self.offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u64
    }
}

/// The first number in `text` (a JSON text that parsed) whose canonical form has a different
/// value. `1.0`, `1e2` or `-0` are fine: their canonical forms `1`, `100` and `0` are the same
/// numbers; only digits that a double cannot carry are refused.
pub fn check_numbers(text: &[u8]) -> Result<(), InexactNumber> {
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'"' => {
                i += 1;
                while i < text.len() && text[i] != b'"' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < text.len() && matches!(text[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    i += 1;
                }
                let given = std::str::from_utf8(&text[start..i]).expect("ASCII");
                let signed = match serde_json::from_str::<Value>(given) {
                    Ok(v) => String::from_utf8(canonical(&v)).expect("canonical JSON is UTF-8"),
                    Err(_) => String::new(),
                };
                if decimal(given) != decimal(&signed) {
                    return Err(InexactNumber { offset: start, given: given.to_owned(), signed });
                }
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// A JSON or ECMAScript number as (negative, significant digits, exponent): the value is
/// `digits × 10^exponent`, digits without leading or trailing zeros; zero is `(false, "", 0)`.
fn decimal(text: &str) -> Option<(bool, String, i64)> {
    let (neg, rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text),
    };
    let (mantissa, exp) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, "0"),
    };
    let (exp_neg, exp_digits) = match exp.as_bytes().first()? {
        b'-' => (true, &exp[1..]),
        b'+' => (false, &exp[1..]),
        _ => (false, exp),
    };
    // Exponents beyond any double's range only need to stay beyond it.
    let exp_digits = exp_digits.trim_start_matches('0');
    let mut exponent: i64 = if exp_digits.len() > 12 { 1 << 50 } else { exp_digits.parse().unwrap_or(0) };
    if exp_neg {
        exponent = -exponent;
    }
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut digits: String = format!("{int}{frac}").trim_start_matches('0').to_owned();
    exponent -= frac.len() as i64;
    while digits.ends_with('0') {
        digits.pop();
        exponent += 1;
    }
    if digits.is_empty() {
        return Some((false, String::new(), 0));
    }
    Some((neg, digits, exponent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_member_spliced_in_is_the_member_serialised_in_place() {
        let objects = [
            json!({}),
            json!({"a": 1}),
            json!({"zz": 1}),
            json!({"a": 1, "zz": [true, null]}),
            json!({"m": {"n": "\u{1F600}"}, "a": "\"", "y": 2.5}),
            // Keys above U+FFFF put the object in UTF-16 order.
            json!({"\u{1F600}": 1, "\u{FFFF}": 2, "m": 3}),
        ];
        for o in objects {
            let map = o.as_object().unwrap();
            let value = json!({"x": [1, "two"]});
            let mut with = map.clone();
            with.insert("m0".into(), value.clone());
            let without = canonical_without(map, "m0");
            assert_eq!(without.bytes, canonical_map(map), "{o}");
            assert_eq!(without.adding("m0", &value), canonical_map(&with), "{o}");
        }
    }

    fn jcs(text: &str) -> String {
        String::from_utf8(canonical(&parse_strict(text.as_bytes()).unwrap())).unwrap()
    }

    #[test]
    fn rfc8785_number_examples() {
        // RFC 8785 Appendix B and §3.2.2.3 examples.
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (9007199254740992.0, "9007199254740992"),
            (295147905179352830000.0, "295147905179352830000"),
            (1e21, "1e+21"),
            (1e23, "1e+23"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (333333333.3333333, "333333333.3333333"),
            (4.5, "4.5"),
            (0.002, "0.002"),
            (1e-27, "1e-27"),
            (-1.5e-10, "-1.5e-10"),
        ];
        for (v, want) in cases {
            assert_eq!(es6_number(v), want, "for {v:e}");
        }
    }

    #[test]
    fn rfc8785_structure_example() {
        let input = r#"{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],
            "string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}"#;
        assert_eq!(
            jcs(input),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    #[test]
    fn sorts_by_utf16_code_units() {
        // RFC 8785 §3.2.3: U+1F600 (surrogate pair D83D) sorts before U+FB33 in UTF-16.
        assert_eq!(jcs("{\"\\ufb33\":1,\"\\ud83d\\ude00\":2}"), "{\"\u{1f600}\":2,\"\u{fb33}\":1}");
    }

    #[test]
    fn numbers_a_double_cannot_carry_are_found() {
        for ok in [
            "0",
            "-0",
            "1.0",
            "1e2",
            "1E+2",
            "0.1",
            "4.50",
            "2e-3",
            "1e-27",
            "1e21",
            "-1.5e-10",
            "9007199254740992",
            "5e-324",
            "1.7976931348623157e308",
            "0.000001",
        ] {
            assert_eq!(check_numbers(ok.as_bytes()), Ok(()), "{ok}");
        }
        let found = |t: &str| check_numbers(t.as_bytes()).map_err(|e| (e.given, e.signed));
        assert_eq!(found("1e-999"), Err(("1e-999".into(), "0".into())));
        assert_eq!(
            found("12345678901234567890123"),
            Err(("12345678901234567890123".into(), "1.2345678901234568e+22".into()))
        );
        assert_eq!(found("9007199254740993"), Err(("9007199254740993".into(), "9007199254740992".into())));
        assert_eq!(found("0.30000000000000000001"), Err(("0.30000000000000000001".into(), "0.3".into())));
        assert_eq!(found("1e-400"), Err(("1e-400".into(), "0".into())));
        // Inside strings, digits are text.
        assert_eq!(check_numbers(br#"{"a\"1e-999":"1e-999","b":[1,2.5]}"#), Ok(()));
        let text = b"{\n  \"a\": 1,\n  \"b\": [0.5, 1e-999]\n}";
        let e = check_numbers(text).unwrap_err();
        assert_eq!((e.line_in(text), e.given.as_str()), (3, "1e-999"));
        assert_eq!(
            e.to_string(),
            "number `1e-999` would be signed as `0` (JSON numbers are IEEE 754 doubles, RFC 8785); write it as a string to keep it exact"
        );
    }

    #[test]
    fn rejects_duplicate_keys_at_depth() {
        let err = parse_strict(br#"{"a":{"b":1,"b":2}}"#).unwrap_err();
        assert!(err.to_string().contains("duplicate key `b`"), "{err}");
        assert!(parse_strict(br#"{"a":1} x"#).is_err());
    }

    #[test]
    fn parts_are_the_object_with_and_without_a_member() {
        let v = parse_strict(br#"{"z":1,"m":{"b":[1,2],"a":"x"},"a":0}"#).unwrap();
        let parts = canonical_parts(v.as_object().unwrap(), "m");
        assert_eq!(parts.full, canonical(&v));
        assert_eq!(parts.without, br#"{"a":0,"z":1}"#);
        let parts = canonical_parts(v.as_object().unwrap(), "a");
        assert_eq!(parts.without, br#"{"m":{"a":"x","b":[1,2]},"z":1}"#);
    }
}
