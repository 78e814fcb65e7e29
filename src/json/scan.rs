//! Checking that bytes already are RFC 8785 canonical JSON, without building a tree.
//!
//! The witness log and the pipeline receive canonical JSON almost always (every signer here emits
//! it); parsing it into a `Value` and serialising it again to compare costs more than verifying
//! its signature. [`canonical_object`] walks the bytes once and answers *yes* only when
//! `json::canonical(&json::parse_strict(text)?) == text`. It may answer *no* for some canonical
//! texts it does not handle (object keys with escapes or characters outside the BMP, nesting deeper
//! than [`MAX_DEPTH`]): callers then take the general path, which also gives the reason when the
//! text really is bad. A *yes* therefore never accepts what the general path refuses.

use std::ops::Range;

/// Deepest nesting handled here; deeper texts are left to the general path.
pub const MAX_DEPTH: u8 = 32;

/// One object member found by [`canonical_object`]. Ranges index the scanned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// 1 for the members of the top-level object, 2 for members of objects inside it, ...
    pub depth: u8,
    /// The key's bytes without quotes (keys with escapes are never accepted, so these are the key).
    pub key: Range<usize>,
    /// The member's value.
    pub value: Range<usize>,
    /// Where the member starts (its key's opening quote).
    pub start: usize,
}

/// True when `text` is one object in canonical form. Members of objects nested up to `record`
/// deep are appended to `members` (inner members before the member holding them; the members of
/// one object in their order).
pub fn canonical_object(text: &[u8], record: u8, members: &mut Vec<Member>) -> bool {
    if text.first() != Some(&b'{') || std::str::from_utf8(text).is_err() {
        return false;
    }
    let mut s = Scanner { text, pos: 0, record, members };
    s.value(0).is_some() && s.pos == text.len()
}

struct Scanner<'a> {
    text: &'a [u8],
    pos: usize,
    record: u8,
    members: &'a mut Vec<Member>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn value(&mut self, depth: u8) -> Option<()> {
        match self.peek()? {
            b'{' => self.object(depth + 1),
            b'[' => self.array(depth + 1),
            b'"' => self.string(false),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.text.get(self.pos..self.pos + word.len()).filter(|w| *w == word)?;
        self.pos += word.len();
        Some(())
    }

    fn object(&mut self, depth: u8) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.pos += 1;
        if self.peek()? == b'}' {
            self.pos += 1;
            return Some(());
        }
        let mut previous: Option<Range<usize>> = None;
        loop {
            let start = self.pos;
            if self.peek()? != b'"' {
                return None;
            }
            self.string(true)?;
            let key = start + 1..self.pos - 1;
            // Strictly increasing keys: sorted and no duplicates. Keys are BMP-only here (see
            // `string`), where UTF-8 byte order is RFC 8785's UTF-16 code-unit order.
            if let Some(p) = previous {
                if self.text[p] >= self.text[key.clone()] {
                    return None;
                }
            }
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            let value_start = self.pos;
            self.value(depth)?;
            if depth <= self.record {
                self.members.push(Member { depth, key: key.clone(), value: value_start..self.pos, start });
            }
            previous = Some(key);
            let next = self.peek()?;
            self.pos += 1;
            match next {
                b',' => {}
                b'}' => return Some(()),
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: u8) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.pos += 1;
        if self.peek()? == b']' {
            self.pos += 1;
            return Some(());
        }
        loop {
            self.value(depth)?;
            let next = self.peek()?;
            self.pos += 1;
            match next {
                b',' => {}
                b']' => return Some(()),
                _ => return None,
            }
        }
    }

    /// A string exactly as `json::write_string` writes it: raw characters except `"`, `\` and
    /// controls; `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`; other controls as lower-case `\u00xx`.
    /// The text is valid UTF-8 (checked up front). Keys must be free of escapes and of 4-byte
    /// characters.
    fn string(&mut self, key: bool) -> Option<()> {
        self.pos += 1;
        loop {
            if !key {
                self.skip_plain();
            }
            let b = self.peek()?;
            match b {
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                0x00..=0x1F => return None,
                b'\\' if key => return None,
                0xF0.. if key => return None,
                b'\\' => match self.text.get(self.pos + 1)? {
                    b'"' | b'\\' | b'b' | b't' | b'n' | b'f' | b'r' => self.pos += 2,
                    b'u' => {
                        let hex = self.text.get(self.pos + 2..self.pos + 6)?;
                        let low = match hex[3] {
                            c @ b'0'..=b'9' => c - b'0',
                            c @ b'a'..=b'f' => c - b'a' + 10,
                            _ => return None,
                        };
                        let code = match &hex[..3] {
                            b"000" => low,
                            b"001" => 0x10 + low,
                            _ => return None,
                        };
                        if matches!(code, 0x08 | 0x09 | 0x0A | 0x0C | 0x0D) {
                            return None;
                        }
                        self.pos += 6;
                    }
                    _ => return None,
                },
                _ => self.pos += 1,
            }
        }
    }

    /// Skips string bytes that stand for themselves (not `"`, `\\` or a control), eight at a time.
    fn skip_plain(&mut self) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
        while let Some(chunk) = self.text.get(self.pos..self.pos + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
            if control || has_zero(w ^ (ONES * b'"' as u64)) || has_zero(w ^ (ONES * b'\\' as u64)) {
                return;
            }
            self.pos += 8;
        }
    }

    /// Integers up to 15 digits are canonical as written; anything else is parsed and written
    /// again by `json` itself and compared.
    fn number(&mut self) -> Option<()> {
        let start = self.pos;
        let end = start
            + self.text[start..]
                .iter()
                .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                .unwrap_or(self.text.len() - start);
        let token = &self.text[start..end];
        let digits = token.strip_prefix(b"-").unwrap_or(token);
        let plain = token == b"0"
            || (!digits.is_empty() && digits.len() <= 15 && digits[0] != b'0' && digits.iter().all(u8::is_ascii_digit));
        if !plain {
            let value = super::parse_strict(token).ok()?;
            if !value.is_number() || super::canonical(&value) != token {
                return None;
            }
        }
        self.pos = end;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn general(text: &[u8]) -> bool {
        super::super::parse_strict(text).is_ok_and(|v| v.is_object() && super::super::canonical(&v) == text)
    }

    fn fast(text: &[u8]) -> bool {
        canonical_object(text, 0, &mut Vec::new())
    }

    #[test]
    fn accepts_canonical_objects() {
        for text in [
            r#"{}"#,
            r#"{"a":1,"b":[true,false,null,{}],"c":{"d":"x"}}"#,
            r#"{"n":[0,-1,123456789012345,9007199254740992,1e+21,4.5,0.002,1e-7,-1.5e-10]}"#,
            "{\"s\":\"\\\"\\\\\\b\\t\\n\\f\\r\\u0000\\u001f\\u000b € \u{1F600} \u{7f}/\"}",
            "{\"\u{e000}\":1,\"\u{ffff}\":2}",
        ] {
            assert!(general(text.as_bytes()), "the general path accepts {text}");
            assert!(fast(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn refuses_what_the_general_path_refuses_or_rewrites() {
        for text in [
            r#"{"a":1,"a":2}"#,
            r#"{"b":1,"a":2}"#,
            r#"{"a": 1}"#,
            r#"{"a":1} "#,
            r#"{"a":01}"#,
            r#"{"a":-0}"#,
            r#"{"a":1.0}"#,
            r#"{"a":1E+21}"#,
            r#"{"a":9007199254740993}"#,
            r#"{"a":1e400}"#,
            r#"{"a":"\/"}"#,
            r#"{"a":"\u0041"}"#,
            r#"{"a":"\u001F"}"#,
            r#"{"a":"\u0009"}"#,
            r#"{"a":"\ud83d"}"#,
            "{\"a\":\"\t\"}",
            r#"{"a":tru}"#,
            r#"{"a":[1,]}"#,
            r#"{"a":1,}"#,
            r#"[1]"#,
            r#"{"a":{"b":1}"#,
        ] {
            assert!(!general(text.as_bytes()), "the general path refuses {text}");
            assert!(!fast(text.as_bytes()), "{text}");
        }
        assert!(!fast(b"{\"a\":\"\xff\"}"));
    }

    #[test]
    fn leaves_unusual_keys_and_deep_nesting_to_the_general_path() {
        let deep = format!("{{\"a\":{}1{}}}", "[".repeat(40), "]".repeat(40));
        for text in ["{\"\\u0001\":1}", "{\"\u{1F600}\":2,\"\u{fb33}\":1}", &deep] {
            assert!(general(text.as_bytes()), "{text}");
            assert!(!fast(text.as_bytes()), "{text}");
        }
    }

    /// Seeded mutations of canonical texts: whatever the fast check accepts, the general path
    /// accepts too (the fast check may only be more cautious).
    #[test]
    fn never_accepts_what_the_general_path_refuses() {
        let seeds: Vec<&[u8]> = vec![
            br#"{"a":[1,-2,0.5,1e+21,true,null],"b":{"c":"\u0001\n\"x\\"},"d":""}"#,
            "{\"e\":\"\u{20ac}\u{1F600}\",\"f\":[[],{}],\"g\":123456789012345}".as_bytes(),
            br#"{"hash":"00ff","index":12,"message":{"content":{},"ttl":300},"type":"entry"}"#,
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let alphabet = b"{}[]\":,\\/0123456789eE-+.ntfabu \x00\x1f\x7f\xc3\xa9\xf0\xff";
        let (mut agreed, mut cautious) = (0, 0);
        for _ in 0..20_000 {
            let mut b = seeds[next(seeds.len())].to_vec();
            for _ in 0..=next(3) {
                let i = next(b.len());
                match next(4) {
                    0 => b[i] = alphabet[next(alphabet.len())],
                    1 => b.insert(i, alphabet[next(alphabet.len())]),
                    2 => {
                        b.remove(i);
                    }
                    _ => {
                        let j = next(b.len());
                        b.swap(i, j)
                    }
                }
                if b.is_empty() {
                    b.push(b'{');
                }
            }
            match (fast(&b), general(&b)) {
                (true, false) => panic!("accepted {:?}", String::from_utf8_lossy(&b)),
                (false, true) => cautious += 1,
                _ => agreed += 1,
            }
        }
        assert!(agreed > 19_000, "{agreed} agreed, {cautious} left to the general path");
    }

    #[test]
    fn records_members_to_the_depth_asked() {
        let text = br#"{"a":{"x":1,"y":[2]},"b":"s"}"#;
        let mut members = Vec::new();
        assert!(canonical_object(text, 2, &mut members));
        let show: Vec<(u8, &[u8], &[u8])> =
            members.iter().map(|m| (m.depth, &text[m.key.clone()], &text[m.value.clone()])).collect();
        assert_eq!(
            show,
            [(2, &b"x"[..], &b"1"[..]), (2, b"y", b"[2]"), (1, b"a", br#"{"x":1,"y":[2]}"#), (1, b"b", br#""s""#)]
        );
        assert_eq!(members[2].start, 1);
    }
}
