//! Personal-data detectors for the policy gate: e-mail addresses, phone numbers, payment card
//! numbers (Luhn), IBANs (ISO 13616 mod 97) and national ID numbers (US SSN, UK NINO). Hand-written
//! scanners rather than regexes: no dependency, linear time on hostile input.

use std::fmt;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PiiKind {
    Email,
    Phone,
    Card,
    Iban,
    NationalId,
}

impl fmt::Display for PiiKind {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            PiiKind::Email => "e-mail address",
            PiiKind::Phone => "phone number",
            PiiKind::Card => "payment card number",
            PiiKind::Iban => "IBAN",
            PiiKind::NationalId => "national ID number",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pii {
    pub kind: PiiKind,
    pub at: Range<usize>,
}

/// Every piece of personal data found in `text`, in order. Overlaps resolve to the first,
/// most specific kind (a card number is not also reported as a phone number).
pub fn find(text: &str) -> Vec<Pii> {
    let mut out = Vec::new();
    out.extend(emails(text));
    out.extend(ibans(text));
    out.extend(digit_runs(text));
    out.extend(ninos(text));
    out.sort_by_key(|p| p.at.start);
    let mut kept: Vec<Pii> = Vec::new();
    for p in out {
        if kept.last().is_none_or(|k| p.at.start >= k.at.end) {
            kept.push(p);
        }
    }
    kept
}

fn is_local_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&c)
}

/// `local@domain.tld`, but not the user part of a `sip:`/`sips:` URI (those are addresses of
/// record, which a SIP message must carry).
fn emails(text: &str) -> Vec<Pii> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let mut s = at;
        while s > 0 && is_local_char(b[s - 1]) {
            s -= 1;
        }
        let mut e = at + 1;
        while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'-' || b[e] == b'.') {
            e += 1;
        }
        while e > at + 1 && b[e - 1] == b'.' {
            e -= 1;
        }
        let domain = &text[at + 1..e];
        let tld_ok = domain
            .rsplit_once('.')
            .is_some_and(|(h, tld)| !h.is_empty() && tld.len() >= 2 && tld.bytes().all(|c| c.is_ascii_alphabetic()));
        if s == at || !tld_ok {
            continue;
        }
        let before = text[..s].to_ascii_lowercase();
        if before.ends_with("sip:") || before.ends_with("sips:") {
            continue;
        }
        out.push(Pii { kind: PiiKind::Email, at: s..e });
    }
    out
}

fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = (d - b'0') as u32;
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Runs of digits with the separators people write (space, `-`, `.`, `(`, `)`), optionally after
/// `+`: card numbers (13-19 digits passing Luhn), US SSNs (`ddd-dd-dddd`), and phone numbers
/// (a `+` and 8-15 digits, or 10-11 digits written with separators).
fn digit_runs(text: &str) -> Vec<Pii> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let plus = b[i] == b'+' && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        let paren = b[i] == b'(' && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !(b[i].is_ascii_digit() || plus || paren)
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        let start = i;
        if plus || paren {
            i += 1;
        }
        let mut digits = Vec::new();
        let mut separators = 0;
        let is_sep = |c: u8| matches!(c, b' ' | b'-' | b'.' | b'(' | b')');
        while i < b.len() {
            if b[i].is_ascii_digit() {
                digits.push(b[i]);
                i += 1;
                continue;
            }
            // A run of one or two separators counts only if a digit follows it.
            let seps = b[i..].iter().take_while(|c| is_sep(**c)).count();
            if seps == 0 || seps > 2 || !b.get(i + seps).is_some_and(u8::is_ascii_digit) {
                break;
            }
            separators += 1;
            i += seps;
        }
        let end = i;
        if end < b.len() && b[end].is_ascii_alphabetic() {
            continue;
        }
        let run = &text[start..end];
        let kind = if (13..=19).contains(&digits.len()) && luhn(&digits) && !plus {
            Some(PiiKind::Card)
        } else if is_ssn(run) {
            Some(PiiKind::NationalId)
        } else if (plus && (8..=15).contains(&digits.len())) || (separators > 0 && (10..=11).contains(&digits.len())) {
            Some(PiiKind::Phone)
        } else {
            None
        };
        if let Some(kind) = kind {
            out.push(Pii { kind, at: start..end });
        }
    }
    out
}

fn is_ssn(run: &str) -> bool {
    let parts: Vec<&str> = run.split('-').collect();
    if parts.len() != 3
        || parts.iter().map(|p| p.len()).ne([3, 2, 4])
        || !run.bytes().all(|c| c.is_ascii_digit() || c == b'-')
    {
        return false;
    }
    let area: u32 = parts[0].parse().unwrap_or(0);
    area != 0 && area != 666 && area < 900 && parts[1] != "00" && parts[2] != "0000"
}

/// UK National Insurance numbers: two letters, six digits, A-D (spaces allowed).
fn ninos(text: &str) -> Vec<Pii> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 9 <= b.len() {
        if (i > 0 && b[i - 1].is_ascii_alphanumeric()) || !b[i].is_ascii_uppercase() {
            i += 1;
            continue;
        }
        let compact: Vec<(usize, u8)> =
            b[i..].iter().copied().enumerate().filter(|(_, c)| *c != b' ').take(9).collect();
        let ok = compact.len() == 9
            && compact[..2].iter().all(|(_, c)| c.is_ascii_uppercase() && !b"DFIQUV".contains(c))
            && compact[1].1 != b'O'
            && compact[2..8].iter().all(|(_, c)| c.is_ascii_digit())
            && (b'A'..=b'D').contains(&compact[8].1)
            && compact.last().is_some_and(|(off, _)| *off < 13);
        if ok {
            let end = i + compact[8].0 + 1;
            if end == b.len() || !b[end].is_ascii_alphanumeric() {
                out.push(Pii { kind: PiiKind::NationalId, at: i..end });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// IBANs: country code, check digits, 11-30 alphanumerics (spaces allowed), valid mod 97.
fn ibans(text: &str) -> Vec<Pii> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 15 <= b.len() {
        if !(b[i].is_ascii_uppercase()
            && b[i + 1].is_ascii_uppercase()
            && b[i + 2].is_ascii_digit()
            && b[i + 3].is_ascii_digit())
            || (i > 0 && b[i - 1].is_ascii_alphanumeric())
        {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut chars = Vec::new();
        while j < b.len() && chars.len() < 34 {
            match b[j] {
                c if c.is_ascii_uppercase() || c.is_ascii_digit() => chars.push(c),
                b' ' if b.get(j + 1).is_some_and(|n| n.is_ascii_alphanumeric()) => {}
                _ => break,
            }
            j += 1;
        }
        if (15..=34).contains(&chars.len()) && iban_mod97(&chars) == 1 {
            out.push(Pii { kind: PiiKind::Iban, at: i..j });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn iban_mod97(chars: &[u8]) -> u32 {
    let rotated = chars[4..].iter().chain(&chars[..4]);
    rotated.fold(0u32, |acc, &c| {
        if c.is_ascii_digit() {
            (acc * 10 + (c - b'0') as u32) % 97
        } else {
            (acc * 100 + (c - b'A' + 10) as u32) % 97
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PiiKind, &str)> {
        find(text).into_iter().map(|p| (p.kind, &text[p.at])).collect()
    }

    #[test]
    fn finds_each_kind() {
        assert_eq!(kinds("mail jane.doe+x@example.co.uk now"), vec![(PiiKind::Email, "jane.doe+x@example.co.uk")]);
        assert_eq!(kinds("card 4111 1111 1111 1111."), vec![(PiiKind::Card, "4111 1111 1111 1111")]);
        assert_eq!(kinds("iban GB82 WEST 1234 5698 7654 32"), vec![(PiiKind::Iban, "GB82 WEST 1234 5698 7654 32")]);
        assert_eq!(kinds("DE89370400440532013000"), vec![(PiiKind::Iban, "DE89370400440532013000")]);
        assert_eq!(kinds("ssn 123-45-6789"), vec![(PiiKind::NationalId, "123-45-6789")]);
        assert_eq!(kinds("NI QQ 12 34 56 C"), vec![]);
        assert_eq!(kinds("NI AB 12 34 56 C ok"), vec![(PiiKind::NationalId, "AB 12 34 56 C")]);
        assert_eq!(kinds("call +44 20 7946 0958"), vec![(PiiKind::Phone, "+44 20 7946 0958")]);
        assert_eq!(kinds("call (201) 555-0123"), vec![(PiiKind::Phone, "(201) 555-0123")]);
    }

    #[test]
    fn leaves_protocol_data_alone() {
        for clean in [
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
            "Contact: <sips:bob@192.0.2.4:5061>",
            "o=- 3923456789 3923456789 IN IP4 127.0.0.1",
            "CSeq: 314159 INVITE",
            "c=IN IP4 192.168.100.200",
            "4111 1111 1111 1112",
            "GB82 WEST 1234 5698 7654 33",
            "000-12-3456",
            "version 1.2.3.4567890123",
            "trace 0123456789ab",
        ] {
            assert_eq!(kinds(clean), vec![], "{clean}");
        }
    }
}
