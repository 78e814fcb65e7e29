//! Digest authentication for SIP (RFC 3261 §22, RFC 7616's algorithms, RFC 8760 for SHA-256 in
//! SIP): a pure core, no sockets, no clock, no randomness of its own (the nonce secret is given).
//!
//! - [`parse`] reads one `WWW-Authenticate`, `Proxy-Authenticate`, `Authorization` or
//!   `Proxy-Authorization` value: the scheme, then `name=value` pairs, values tokens or quoted
//!   strings with `\` escapes (commas inside quotes are text), names in any case. It refuses
//!   unterminated quotes, duplicate parameters, more than [`MAX_PARAMS`] parameters and values
//!   longer than [`MAX_HEADER`] bytes.
//! - [`Challenge`] and [`Credentials`] are the two sides, each formatted by `Display`;
//!   [`Credentials::answer`] is a client (for tests and tools), [`ha1`] and [`response`] the
//!   arithmetic: HA1 = H(user:realm:password), HA2 = H(method:uri), response =
//!   H(HA1:nonce:nc:cnonce:auth:HA2). Only `qop=auth` is accepted.
//! - [`Auth`] is the server: it issues challenges (one per [`Algorithm`] offered, SHA-256 first,
//!   RFC 8760 §2.4) and checks credentials into a [`Verdict`].
//!
//! Nonces are `base64url(issued_at || id || HMAC-SHA256(secret, issued_at || id || realm)[..16])`:
//! a nonce's age and origin are checked from the nonce alone. Replay protection needs state: the
//! highest nonce-count seen for each nonce issued, in a table of at most `max_nonces` entries
//! (the oldest evicted first, and every entry dropped once its nonce has expired). A nonce must
//! be in the table: one evicted early is answered as stale (`stale=true`, a new nonce, no new
//! password asked of the user), never accepted with any nonce-count.
//!
//! Secrets: passwords are turned into HA1s when the credentials file is read and dropped
//! (zeroized); nothing here logs, and [`Verdict`]s carry the username and a [`Failure`], never a
//! password, an HA1 or a response.

use crate::time::Millis;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};
use md5::Md5;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::fmt;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// The longest header value parsed, in bytes (Kamailio's and SIPp's are far shorter).
pub const MAX_HEADER: usize = 4096;
/// The most parameters one challenge or credentials may carry.
pub const MAX_PARAMS: usize = 32;
/// How long a nonce is good for, unless told otherwise (`--nonce-lifetime`), in ms.
pub const NONCE_LIFETIME_MS: Millis = 300_000;
/// Nonces remembered for replay protection, unless told otherwise (`--max-nonces`).
pub const MAX_NONCES: usize = 65_536;

/// A digest algorithm (RFC 7616 §3.2; the `-sess` variants are not supported).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    Sha256,
    Md5,
}

impl Algorithm {
    /// The name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha256 => "SHA-256",
            Algorithm::Md5 => "MD5",
        }
    }

    /// Reads an algorithm name, in any case.
    pub fn parse(name: &str) -> Option<Self> {
        [Algorithm::Sha256, Algorithm::Md5].into_iter().find(|a| a.name().eq_ignore_ascii_case(name))
    }

    /// The lower-case hex digest of `data`.
    pub fn hex(self, data: &[u8]) -> String {
        match self {
            Algorithm::Sha256 => hex::encode(Sha256::digest(data)),
            Algorithm::Md5 => hex::encode(Md5::digest(data)),
        }
    }

    fn hex_len(self) -> usize {
        match self {
            Algorithm::Sha256 => 64,
            Algorithm::Md5 => 32,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// HA1 = H(username ":" realm ":" password), lower-case hex.
pub fn ha1(alg: Algorithm, user: &str, realm: &str, password: &str) -> Zeroizing<String> {
    let text = Zeroizing::new(format!("{user}:{realm}:{password}"));
    Zeroizing::new(alg.hex(text.as_bytes()))
}

/// The `response` for `qop=auth`: H(HA1:nonce:nc:cnonce:auth:H(method:uri)), lower-case hex.
pub fn response(alg: Algorithm, ha1: &str, nonce: &str, nc: u32, cnonce: &str, method: &str, uri: &str) -> String {
    let ha2 = alg.hex(format!("{method}:{uri}").as_bytes());
    let text = Zeroizing::new(format!("{ha1}:{nonce}:{nc:08x}:{cnonce}:auth:{ha2}"));
    alg.hex(text.as_bytes())
}

/// Why a header value is not a digest challenge or credentials.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    #[error("longer than {MAX_HEADER} bytes")]
    TooLong,
    #[error("scheme is not Digest")]
    NotDigest,
    #[error("no parameters")]
    Empty,
    #[error("more than {MAX_PARAMS} parameters")]
    TooManyParams,
    #[error("bad parameter name at byte {0}")]
    BadName(usize),
    #[error("parameter without `=` at byte {0}")]
    NoEquals(usize),
    #[error("bad parameter value at byte {0}")]
    BadValue(usize),
    #[error("unterminated quoted string")]
    Unterminated,
    #[error("parameter `{0}` given twice")]
    Duplicate(String),
    #[error("`{0}` is missing")]
    Missing(&'static str),
    #[error("`{0}` is not valid")]
    Invalid(&'static str),
}

/// The parameters of one `Digest` header value: names lower-cased, values unquoted, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Parses one header value: `Digest` (any case), whitespace, then `name=value` pairs separated
/// by commas. Values are tokens or quoted strings (`\` escapes the next character).
pub fn parse(value: &str) -> Result<Params, ParseError> {
    if value.len() > MAX_HEADER {
        return Err(ParseError::TooLong);
    }
    let b = value.as_bytes();
    let ws = |i: &mut usize| {
        while *i < b.len() && matches!(b[*i], b' ' | b'\t' | b'\r' | b'\n') {
            *i += 1;
        }
    };
    let mut i = 0;
    ws(&mut i);
    let start = i;
    while i < b.len() && is_tchar(b[i]) {
        i += 1;
    }
    if !value[start..i].eq_ignore_ascii_case("Digest") || (i < b.len() && !matches!(b[i], b' ' | b'\t')) {
        return Err(ParseError::NotDigest);
    }
    let mut params: Vec<(String, String)> = Vec::new();
    loop {
        // Empty list elements are allowed (RFC 7230 §7's `#rule`).
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r' | b'\n' | b',') {
            i += 1;
        }
        if i == b.len() {
            break;
        }
        let name_start = i;
        while i < b.len() && is_tchar(b[i]) {
            i += 1;
        }
        if i == name_start {
            return Err(ParseError::BadName(i));
        }
        let name = value[name_start..i].to_ascii_lowercase();
        ws(&mut i);
        if b.get(i) != Some(&b'=') {
            return Err(ParseError::NoEquals(i));
        }
        i += 1;
        ws(&mut i);
        let v = if b.get(i) == Some(&b'"') {
            i += 1;
            let mut out = String::new();
            let mut chars = value[i..].char_indices();
            loop {
                match chars.next() {
                    None => return Err(ParseError::Unterminated),
                    Some((k, '"')) => {
                        i += k + 1;
                        break;
                    }
                    Some((_, '\\')) => match chars.next() {
                        Some((_, c)) if c != '\r' && c != '\n' => out.push(c),
                        _ => return Err(ParseError::Unterminated),
                    },
                    Some((_, c)) => out.push(c),
                }
            }
            out
        } else {
            let s = i;
            while i < b.len() && is_tchar(b[i]) {
                i += 1;
            }
            if i == s {
                return Err(ParseError::BadValue(i));
            }
            value[s..i].to_owned()
        };
        ws(&mut i);
        if i < b.len() && b[i] != b',' {
            return Err(ParseError::BadValue(i));
        }
        if params.iter().any(|(n, _)| *n == name) {
            return Err(ParseError::Duplicate(name));
        }
        if params.len() == MAX_PARAMS {
            return Err(ParseError::TooManyParams);
        }
        params.push((name, v));
    }
    if params.is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(Params(params))
}

/// A quoted string, `"` and `\` escaped.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// A `WWW-Authenticate` / `Proxy-Authenticate` challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    pub realm: String,
    pub nonce: String,
    pub algorithm: Algorithm,
    pub opaque: Option<String>,
    /// The nonce was valid but too old: answer again with the same password.
    pub stale: bool,
    /// Whether `qop` offers `auth` (the only quality of protection this module speaks).
    pub qop_auth: bool,
}

impl Challenge {
    pub fn parse(value: &str) -> Result<Self, ParseError> {
        let p = parse(value)?;
        let algorithm = match p.get("algorithm") {
            None => Algorithm::Md5,
            Some(a) => Algorithm::parse(a).ok_or(ParseError::Invalid("algorithm"))?,
        };
        Ok(Challenge {
            realm: p.get("realm").ok_or(ParseError::Missing("realm"))?.to_owned(),
            nonce: p.get("nonce").ok_or(ParseError::Missing("nonce"))?.to_owned(),
            algorithm,
            opaque: p.get("opaque").map(str::to_owned),
            stale: p.get("stale").is_some_and(|s| s.eq_ignore_ascii_case("true")),
            qop_auth: p.get("qop").is_some_and(|q| q.split(',').any(|o| o.trim().eq_ignore_ascii_case("auth"))),
        })
    }
}

impl fmt::Display for Challenge {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Digest realm={}, nonce={}", quoted(&self.realm), quoted(&self.nonce))?;
        if let Some(o) = &self.opaque {
            write!(f, ", opaque={}", quoted(o))?;
        }
        write!(f, ", algorithm={}", self.algorithm)?;
        if self.qop_auth {
            f.write_str(", qop=\"auth\"")?;
        }
        if self.stale {
            f.write_str(", stale=true")?;
        }
        Ok(())
    }
}

/// `Authorization` / `Proxy-Authorization` credentials, with `qop=auth`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub realm: String,
    pub nonce: String,
    pub uri: String,
    pub response: String,
    pub algorithm: Algorithm,
    pub cnonce: String,
    pub nc: u32,
    pub opaque: Option<String>,
}

impl Credentials {
    /// Reads credentials; any other qop than `auth`, or none (RFC 2069), is refused: without a
    /// nonce-count there is no replay protection.
    pub fn parse(value: &str) -> Result<Self, ParseError> {
        let p = parse(value)?;
        let need = |n: &'static str| p.get(n).ok_or(ParseError::Missing(n));
        let algorithm = match p.get("algorithm") {
            None => Algorithm::Md5,
            Some(a) => Algorithm::parse(a).ok_or(ParseError::Invalid("algorithm"))?,
        };
        if !need("qop")?.eq_ignore_ascii_case("auth") {
            return Err(ParseError::Invalid("qop"));
        }
        let nc = need("nc")?;
        if nc.len() != 8 || !nc.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ParseError::Invalid("nc"));
        }
        let response = need("response")?;
        if response.len() != algorithm.hex_len() || !response.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ParseError::Invalid("response"));
        }
        let username = need("username")?;
        if username.is_empty() {
            return Err(ParseError::Invalid("username"));
        }
        Ok(Credentials {
            username: username.to_owned(),
            realm: need("realm")?.to_owned(),
            nonce: need("nonce")?.to_owned(),
            uri: need("uri")?.to_owned(),
            response: response.to_ascii_lowercase(),
            algorithm,
            cnonce: need("cnonce")?.to_owned(),
            nc: u32::from_str_radix(nc, 16).map_err(|_| ParseError::Invalid("nc"))?,
            opaque: p.get("opaque").map(str::to_owned),
        })
    }

    /// A client's answer to `challenge` for `method uri`.
    pub fn answer(
        challenge: &Challenge,
        user: &str,
        password: &str,
        method: &str,
        uri: &str,
        cnonce: &str,
        nc: u32,
    ) -> Self {
        let alg = challenge.algorithm;
        let ha1 = ha1(alg, user, &challenge.realm, password);
        Credentials {
            username: user.to_owned(),
            realm: challenge.realm.clone(),
            nonce: challenge.nonce.clone(),
            uri: uri.to_owned(),
            response: response(alg, &ha1, &challenge.nonce, nc, cnonce, method, uri),
            algorithm: alg,
            cnonce: cnonce.to_owned(),
            nc,
            opaque: challenge.opaque.clone(),
        }
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "Digest username={}, realm={}, nonce={}, uri={}, response={}, algorithm={}, cnonce={}, qop=auth, nc={:08x}",
            quoted(&self.username),
            quoted(&self.realm),
            quoted(&self.nonce),
            quoted(&self.uri),
            quoted(&self.response),
            self.algorithm,
            quoted(&self.cnonce),
            self.nc
        )?;
        if let Some(o) = &self.opaque {
            write!(f, ", opaque={}", quoted(o))?;
        }
        Ok(())
    }
}

/// HMAC-SHA256 (RFC 2104) with a key of at most one block.
fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    assert!(key.len() <= 64, "HMAC keys here are at most one block");
    let (mut ipad, mut opad) = ([0x36u8; 64], [0x5cu8; 64]);
    for (i, k) in key.iter().enumerate() {
        ipad[i] ^= k;
        opad[i] ^= k;
    }
    let inner = Sha256::new().chain_update(ipad).chain_update(msg).finalize();
    Sha256::new().chain_update(opad).chain_update(inner).finalize().into()
}

/// A user's secrets: the HA1 for each algorithm they may use.
#[derive(Default)]
pub struct UserSecrets {
    pub ha1_md5: Option<Zeroizing<String>>,
    pub ha1_sha256: Option<Zeroizing<String>>,
}

impl UserSecrets {
    fn ha1(&self, alg: Algorithm) -> Option<&str> {
        match alg {
            Algorithm::Md5 => self.ha1_md5.as_deref().map(String::as_str),
            Algorithm::Sha256 => self.ha1_sha256.as_deref().map(String::as_str),
        }
    }
}

/// Why the credentials file is not usable; names the user or line, never a secret.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UsersError {
    #[error("line {line}: {message}")]
    Syntax { line: usize, message: String },
    #[error("expected a [users.NAME] table for each user, and nothing else at the top")]
    Shape,
    #[error("user `{0}`: a name must be non-empty, without `:`, `\"`, `\\` or control characters")]
    BadName(String),
    #[error("user `{user}`: unknown key `{key}` (expected password, ha1-md5 or ha1-sha256)")]
    UnknownKey { user: String, key: String },
    #[error("user `{user}`: `{key}` must be a string")]
    NotAString { user: String, key: String },
    #[error("user `{user}`: `{key}` must be {digits} hex digits")]
    BadHa1 { user: String, key: &'static str, digits: usize },
    #[error("user `{0}`: needs password, ha1-md5 or ha1-sha256")]
    NoSecret(String),
    #[error("user `{0}`: give either password or ha1-*, not both")]
    Both(String),
    #[error("no users")]
    NoUsers,
}

/// The users the proxy knows, by name.
#[derive(Default)]
pub struct Users(HashMap<String, UserSecrets>);

impl Users {
    /// Reads a credentials file's text (TOML):
    ///
    /// ```toml
    /// [users.alice]
    /// password = "Circle Of Life"
    ///
    /// [users.bob]                  # HA1s precomputed for the proxy's realm
    /// ha1-md5 = "…32 hex digits…"
    /// ha1-sha256 = "…64 hex digits…"
    /// ```
    ///
    /// Passwords become HA1s for `realm` and are dropped. Errors name the user or the line,
    /// never a value.
    pub fn parse(text: &str, realm: &str) -> Result<Self, UsersError> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| UsersError::Syntax {
            line: e.span().map_or(0, |s| text[..s.start.min(text.len())].matches('\n').count() + 1),
            message: e.message().lines().next().unwrap_or("").to_owned(),
        })?;
        let mut users = HashMap::new();
        for (key, value) in &table {
            let (toml::Value::Table(list), "users") = (value, key.as_str()) else { return Err(UsersError::Shape) };
            for (name, entry) in list {
                if name.is_empty() || name.chars().any(|c| c.is_control() || matches!(c, ':' | '"' | '\\')) {
                    return Err(UsersError::BadName(name.escape_debug().to_string()));
                }
                let toml::Value::Table(entry) = entry else { return Err(UsersError::Shape) };
                let mut secrets = UserSecrets::default();
                let mut password = None;
                for (k, v) in entry {
                    let toml::Value::String(v) = v else {
                        return Err(UsersError::NotAString { user: name.clone(), key: k.clone() });
                    };
                    let hex_of = |key: &'static str, digits: usize| {
                        if v.len() == digits && v.bytes().all(|b| b.is_ascii_hexdigit()) {
                            Ok(Zeroizing::new(v.to_ascii_lowercase()))
                        } else {
                            Err(UsersError::BadHa1 { user: name.clone(), key, digits })
                        }
                    };
                    match k.as_str() {
                        "password" => password = Some(v),
                        "ha1-md5" => secrets.ha1_md5 = Some(hex_of("ha1-md5", 32)?),
                        "ha1-sha256" => secrets.ha1_sha256 = Some(hex_of("ha1-sha256", 64)?),
                        _ => return Err(UsersError::UnknownKey { user: name.clone(), key: k.clone() }),
                    }
                }
                match (password, secrets.ha1_md5.is_some() || secrets.ha1_sha256.is_some()) {
                    (Some(_), true) => return Err(UsersError::Both(name.clone())),
                    (None, false) => return Err(UsersError::NoSecret(name.clone())),
                    (Some(p), false) => {
                        secrets.ha1_md5 = Some(ha1(Algorithm::Md5, name, realm, p));
                        secrets.ha1_sha256 = Some(ha1(Algorithm::Sha256, name, realm, p));
                    }
                    (None, true) => {}
                }
                users.insert(name.clone(), secrets);
            }
        }
        // The parsed table holds the passwords: overwrite them before it is dropped.
        let mut table = table;
        for (_, v) in table.iter_mut() {
            if let toml::Value::Table(list) = v {
                for (_, entry) in list.iter_mut() {
                    if let Some(toml::Value::String(p)) = entry.get_mut("password") {
                        zeroize::Zeroize::zeroize(p);
                    }
                }
            }
        }
        if users.is_empty() {
            return Err(UsersError::NoUsers);
        }
        Ok(Users(users))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Why credentials were not accepted, as events name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No credentials for our realm: the first challenge.
    NoCredentials,
    /// Credentials that do not parse, or lack what `qop=auth` needs.
    Malformed,
    /// `uri` is not the Request-URI (RFC 3261 §22.4).
    UriMismatch,
    /// An algorithm this proxy did not offer.
    UnsupportedAlgorithm,
    /// A nonce this proxy did not issue (or issued before it restarted).
    BadNonce,
    /// A nonce past its lifetime, or evicted from the replay table.
    Stale,
    /// A nonce-count not above the highest seen for its nonce.
    Replay,
    UnknownUser,
    WrongPassword,
    /// The user has no HA1 for the algorithm used (only `ha1-md5` given, SHA-256 used).
    AlgorithmNotProvisioned,
    /// A REGISTER for another user's address-of-record.
    UserMismatch,
}

impl Failure {
    pub fn name(self) -> &'static str {
        match self {
            Failure::NoCredentials => "no-credentials",
            Failure::Malformed => "malformed",
            Failure::UriMismatch => "uri-mismatch",
            Failure::UnsupportedAlgorithm => "unsupported-algorithm",
            Failure::BadNonce => "bad-nonce",
            Failure::Stale => "stale",
            Failure::Replay => "replay",
            Failure::UnknownUser => "unknown-user",
            Failure::WrongPassword => "wrong-password",
            Failure::AlgorithmNotProvisioned => "algorithm-not-provisioned",
            Failure::UserMismatch => "user-mismatch",
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What to do with a request after checking its credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Accepted {
        user: String,
    },
    /// Answer 401/407 with [`Auth::challenges`] (with `stale`); `user` when credentials named one.
    Challenge {
        stale: bool,
        why: Failure,
        user: Option<String>,
    },
    /// Answer 403: the password (or user) is wrong; asking again would not help.
    Forbidden {
        why: Failure,
        user: String,
    },
    /// Answer 400: the credentials for our realm are not well-formed.
    BadRequest {
        why: Failure,
    },
}

/// The server side: realm, users, the algorithms offered, nonces and their counts.
pub struct Auth {
    realm: String,
    users: Users,
    algorithms: Vec<Algorithm>,
    secret: Zeroizing<[u8; 32]>,
    lifetime: Millis,
    max_nonces: usize,
    next_id: u64,
    /// Highest nonce-count accepted per live nonce id (0: none yet).
    counts: HashMap<u64, u32>,
    /// The same ids in the order issued (times only grow), for expiry and eviction.
    order: VecDeque<(Millis, u64)>,
}

const NONCE_DOMAIN: &[u8] = b"ifconnect/sip/digest-nonce/v1\0";

impl Auth {
    /// `secret` keys the nonces' HMAC (random per process); `algorithms` in order of preference.
    pub fn new(
        realm: String,
        users: Users,
        algorithms: Vec<Algorithm>,
        secret: [u8; 32],
        lifetime: Millis,
        max_nonces: usize,
    ) -> Self {
        let mut algorithms = algorithms;
        algorithms.dedup();
        if algorithms.is_empty() {
            algorithms = vec![Algorithm::Sha256, Algorithm::Md5];
        }
        Auth {
            realm,
            users,
            algorithms,
            secret: Zeroizing::new(secret),
            lifetime: lifetime.max(1),
            max_nonces: max_nonces.max(1),
            next_id: 0,
            counts: HashMap::new(),
            order: VecDeque::new(),
        }
    }

    pub fn realm(&self) -> &str {
        &self.realm
    }

    /// Nonces remembered now (for tests and limits).
    pub fn nonces_remembered(&self) -> usize {
        self.counts.len()
    }

    fn mac(&self, issued: Millis, id: u64) -> [u8; 32] {
        let mut msg = Vec::with_capacity(NONCE_DOMAIN.len() + 16 + self.realm.len());
        msg.extend_from_slice(NONCE_DOMAIN);
        msg.extend_from_slice(&issued.to_be_bytes());
        msg.extend_from_slice(&id.to_be_bytes());
        msg.extend_from_slice(self.realm.as_bytes());
        hmac_sha256(&self.secret[..], &msg)
    }

    fn forget_expired(&mut self, now: Millis) {
        while let Some(&(issued, id)) = self.order.front() {
            if issued + self.lifetime > now && self.order.len() <= self.max_nonces {
                break;
            }
            self.counts.remove(&id);
            self.order.pop_front();
        }
    }

    /// Issues a new nonce at `now` and remembers it.
    pub fn issue_nonce(&mut self, now: Millis) -> String {
        self.next_id += 1;
        let id = self.next_id;
        let mut raw = Vec::with_capacity(32);
        raw.extend_from_slice(&now.to_be_bytes());
        raw.extend_from_slice(&id.to_be_bytes());
        raw.extend_from_slice(&self.mac(now, id)[..16]);
        self.counts.insert(id, 0);
        self.order.push_back((now, id));
        self.forget_expired(now);
        B64.encode(raw)
    }

    /// The challenge header values, one per algorithm offered, sharing one new nonce.
    pub fn challenges(&mut self, now: Millis, stale: bool) -> Vec<String> {
        let nonce = self.issue_nonce(now);
        self.algorithms
            .iter()
            .map(|&algorithm| {
                Challenge {
                    realm: self.realm.clone(),
                    nonce: nonce.clone(),
                    algorithm,
                    opaque: None,
                    stale,
                    qop_auth: true,
                }
                .to_string()
            })
            .collect()
    }

    /// Whether a credentials header value is for this realm (to strip before forwarding).
    pub fn is_ours(&self, value: &str) -> bool {
        parse(value).is_ok_and(|p| p.get("realm") == Some(self.realm.as_str()))
    }

    /// Checks the credentials among `values` (every `Authorization` or `Proxy-Authorization`
    /// line of the request) that are for this realm, for `method` to `request_uri`. Values that
    /// do not parse as digest parameters cannot be ours and are left alone (another hop's).
    pub fn check(&mut self, now: Millis, method: &str, request_uri: &str, values: &[&str]) -> Verdict {
        self.forget_expired(now);
        let mut ours = None;
        for v in values {
            match parse(v) {
                Ok(p) if p.get("realm") == Some(self.realm.as_str()) => {
                    if ours.is_some() {
                        return Verdict::BadRequest { why: Failure::Malformed };
                    }
                    ours = Some(*v);
                }
                // Another realm's, or another scheme's (`Basic`, a token): the next hop's business.
                Ok(_) | Err(_) => {}
            }
        }
        let Some(value) = ours else {
            return Verdict::Challenge { stale: false, why: Failure::NoCredentials, user: None };
        };
        let c = match Credentials::parse(value) {
            Ok(c) => c,
            Err(ParseError::Invalid("algorithm")) => {
                return Verdict::Challenge { stale: false, why: Failure::UnsupportedAlgorithm, user: None }
            }
            Err(_) => return Verdict::BadRequest { why: Failure::Malformed },
        };
        let user = Some(c.username.clone());
        if !self.algorithms.contains(&c.algorithm) {
            return Verdict::Challenge { stale: false, why: Failure::UnsupportedAlgorithm, user };
        }
        if c.uri != request_uri {
            return Verdict::BadRequest { why: Failure::UriMismatch };
        }
        // The nonce: ours (MAC), its age, and whether it is still in the table.
        let raw = B64.decode(c.nonce.as_bytes()).ok().filter(|r| r.len() == 32);
        let Some(raw) = raw else { return Verdict::Challenge { stale: false, why: Failure::BadNonce, user } };
        let issued = u64::from_be_bytes(raw[..8].try_into().expect("8 bytes"));
        let id = u64::from_be_bytes(raw[8..16].try_into().expect("8 bytes"));
        if !bool::from(self.mac(issued, id)[..16].ct_eq(&raw[16..])) || issued > now {
            return Verdict::Challenge { stale: false, why: Failure::BadNonce, user };
        }
        // The password, before staleness: `stale=true` tells the client its password was right.
        let Some(secrets) = self.users.0.get(&c.username) else {
            // As much work as for a known user, so the answer's timing says nothing either.
            let _ = response(c.algorithm, "0", &c.nonce, c.nc, &c.cnonce, method, &c.uri);
            return Verdict::Forbidden { why: Failure::UnknownUser, user: c.username };
        };
        let Some(ha1) = secrets.ha1(c.algorithm) else {
            return Verdict::Forbidden { why: Failure::AlgorithmNotProvisioned, user: c.username };
        };
        let expected = response(c.algorithm, ha1, &c.nonce, c.nc, &c.cnonce, method, &c.uri);
        if !bool::from(expected.as_bytes().ct_eq(c.response.as_bytes())) {
            return Verdict::Forbidden { why: Failure::WrongPassword, user: c.username };
        }
        let Some(highest) = self.counts.get_mut(&id).filter(|_| issued + self.lifetime > now) else {
            return Verdict::Challenge { stale: true, why: Failure::Stale, user };
        };
        if c.nc <= *highest {
            return Verdict::Challenge { stale: false, why: Failure::Replay, user };
        }
        *highest = c.nc;
        Verdict::Accepted { user: c.username }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_2617_md5_example() {
        // RFC 2617 §3.5 (an HTTP GET; the arithmetic is SIP's too).
        let ha1 = ha1(Algorithm::Md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        let r = response(
            Algorithm::Md5,
            &ha1,
            "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            1,
            "0a4f113b",
            "GET",
            "/dir/index.html",
        );
        assert_eq!(r, "6629fae49393a05397450978507c4ef1");
    }

    #[test]
    fn rfc_7616_sha256_example() {
        // RFC 7616 §3.9.1.
        let ha1 = ha1(Algorithm::Sha256, "Mufasa", "http-auth@example.org", "Circle of Life");
        let r = response(
            Algorithm::Sha256,
            &ha1,
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            1,
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            "GET",
            "/dir/index.html",
        );
        assert_eq!(r, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        // And its MD5 twin (§3.9.1, the second response).
        let ha1 = super::ha1(Algorithm::Md5, "Mufasa", "http-auth@example.org", "Circle of Life");
        let r = response(
            Algorithm::Md5,
            &ha1,
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            1,
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            "GET",
            "/dir/index.html",
        );
        assert_eq!(r, "8ca523f5e9506fed4657c9700eebdbec");
    }

    #[test]
    fn hmac_sha256_matches_rfc_4231_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(hex::encode(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn parses_quotes_escapes_commas_and_any_case() {
        let p = parse(r#"digest  Realm="a, \"quoted\" realm\\", NONCE=abc ,, qop="auth,auth-int",algorithm = SHA-256"#)
            .unwrap();
        assert_eq!(p.get("realm"), Some(r#"a, "quoted" realm\"#));
        assert_eq!(p.get("nonce"), Some("abc"));
        assert_eq!(p.get("qop"), Some("auth,auth-int"));
        assert_eq!(p.get("algorithm"), Some("SHA-256"));
        let c = Challenge::parse(r#"Digest realm="r", nonce="n", qop="auth-int, auth", stale=TRUE"#).unwrap();
        assert!(c.qop_auth && c.stale);
        assert_eq!(c.algorithm, Algorithm::Md5, "MD5 when no algorithm is named");
    }

    #[test]
    fn challenges_and_credentials_round_trip() {
        let ch = Challenge {
            realm: "odd \"realm\" \\ here".into(),
            nonce: "n1".into(),
            algorithm: Algorithm::Sha256,
            opaque: Some("op".into()),
            stale: true,
            qop_auth: true,
        };
        assert_eq!(Challenge::parse(&ch.to_string()).unwrap(), ch);
        let c = Credentials::answer(&ch, "alice", "pw", "INVITE", "sip:bob@127.0.0.1", "c1", 7);
        assert_eq!(Credentials::parse(&c.to_string()).unwrap(), c);
    }

    #[test]
    fn hostile_headers_are_refused() {
        let long = format!("Digest realm=\"{}\"", "a".repeat(MAX_HEADER));
        let many = format!("Digest {}", (0..=MAX_PARAMS).map(|i| format!("p{i}=1")).collect::<Vec<_>>().join(","));
        for (value, err) in [
            ("Digest realm=\"unterminated", ParseError::Unterminated),
            ("Digest realm=\"ends in escape\\", ParseError::Unterminated),
            ("Digest realm=\"a\", realm=\"b\"", ParseError::Duplicate("realm".into())),
            ("Digest REALM=a, realm=b", ParseError::Duplicate("realm".into())),
            ("Basic dXNlcjpwYXNz", ParseError::NotDigest),
            ("Digestrealm=a", ParseError::NotDigest),
            ("Digest", ParseError::Empty),
            ("Digest ,,, ", ParseError::Empty),
            ("Digest realm", ParseError::NoEquals(12)),
            ("Digest realm=", ParseError::BadValue(13)),
            ("Digest realm=a b", ParseError::BadValue(15)),
            ("Digest =a", ParseError::BadName(7)),
            ("Digest realm=\"a\"x", ParseError::BadValue(16)),
            (&long, ParseError::TooLong),
            (&many, ParseError::TooManyParams),
        ] {
            assert_eq!(parse(value), Err(err), "{value:.40}");
        }
        // Well-formed but not usable as credentials.
        let base = "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", cnonce=\"c\"";
        let md5 = "0".repeat(32);
        for (extra, err) in [
            (format!(", response=\"{md5}\", nc=00000001"), ParseError::Missing("qop")),
            (format!(", response=\"{md5}\", nc=00000001, qop=auth-int"), ParseError::Invalid("qop")),
            (format!(", response=\"{md5}\", nc=1, qop=auth"), ParseError::Invalid("nc")),
            (format!(", response=\"{md5}\", nc=0000000g, qop=auth"), ParseError::Invalid("nc")),
            (
                format!(", response=\"{md5}\", nc=00000001, qop=auth, algorithm=SHA-256"),
                ParseError::Invalid("response"),
            ),
            (
                format!(", response=\"{md5}\", nc=00000001, qop=auth, algorithm=MD5-sess"),
                ParseError::Invalid("algorithm"),
            ),
        ] {
            assert_eq!(Credentials::parse(&format!("{base}{extra}")), Err(err), "{extra}");
        }
    }

    fn users(text: &str) -> Users {
        Users::parse(text, "realm").unwrap()
    }

    fn auth(lifetime: Millis, max_nonces: usize) -> Auth {
        Auth::new(
            "realm".into(),
            users("[users.alice]\npassword = \"Circle Of Life\"\n"),
            vec![Algorithm::Sha256, Algorithm::Md5],
            [7; 32],
            lifetime,
            max_nonces,
        )
    }

    /// The challenge for `alg` among the offered ones.
    fn challenge(a: &mut Auth, now: Millis, alg: Algorithm) -> Challenge {
        let all: Vec<Challenge> = a.challenges(now, false).iter().map(|c| Challenge::parse(c).unwrap()).collect();
        assert_eq!(all.iter().map(|c| c.algorithm).collect::<Vec<_>>(), vec![Algorithm::Sha256, Algorithm::Md5]);
        all.into_iter().find(|c| c.algorithm == alg).unwrap()
    }

    const URI: &str = "sip:bob@127.0.0.1";

    fn creds(ch: &Challenge, password: &str, nc: u32) -> String {
        Credentials::answer(ch, "alice", password, "INVITE", URI, "cn", nc).to_string()
    }

    #[test]
    fn a_right_answer_is_accepted_once_per_nonce_count() {
        for alg in [Algorithm::Sha256, Algorithm::Md5] {
            let mut a = auth(NONCE_LIFETIME_MS, MAX_NONCES);
            let ch = challenge(&mut a, 1_000, alg);
            let good = creds(&ch, "Circle Of Life", 1);
            assert_eq!(a.check(1_001, "INVITE", URI, &[&good]), Verdict::Accepted { user: "alice".into() });
            let replay = Verdict::Challenge { stale: false, why: Failure::Replay, user: Some("alice".into()) };
            assert_eq!(a.check(1_002, "INVITE", URI, &[&good]), replay, "the same nc again");
            let next = creds(&ch, "Circle Of Life", 2);
            assert_eq!(a.check(1_003, "INVITE", URI, &[&next]), Verdict::Accepted { user: "alice".into() });
            assert_eq!(a.check(1_004, "INVITE", URI, &[&good]), replay, "an older nc");
        }
    }

    #[test]
    fn failures_get_their_answers() {
        let mut a = auth(NONCE_LIFETIME_MS, MAX_NONCES);
        let ch = challenge(&mut a, 0, Algorithm::Sha256);
        let alice = Some("alice".to_owned());
        assert_eq!(
            a.check(1, "INVITE", URI, &[]),
            Verdict::Challenge { stale: false, why: Failure::NoCredentials, user: None }
        );
        // Credentials for another realm only: ours are missing.
        let other = Credentials { realm: "elsewhere".into(), ..Credentials::parse(&creds(&ch, "x", 1)).unwrap() };
        assert_eq!(
            a.check(1, "INVITE", URI, &[&other.to_string()]),
            Verdict::Challenge { stale: false, why: Failure::NoCredentials, user: None }
        );
        assert_eq!(
            a.check(1, "INVITE", URI, &[&creds(&ch, "circle of life", 1)]),
            Verdict::Forbidden { why: Failure::WrongPassword, user: "alice".into() }
        );
        let bob = Credentials::answer(&ch, "bob", "Circle Of Life", "INVITE", URI, "cn", 1).to_string();
        assert_eq!(
            a.check(1, "INVITE", URI, &[&bob]),
            Verdict::Forbidden { why: Failure::UnknownUser, user: "bob".into() }
        );
        assert_eq!(
            a.check(1, "INVITE", "sip:carol@127.0.0.1", &[&creds(&ch, "Circle Of Life", 1)]),
            Verdict::BadRequest { why: Failure::UriMismatch }
        );
        assert_eq!(
            a.check(1, "BYE", URI, &[&creds(&ch, "Circle Of Life", 1)]),
            Verdict::Forbidden { why: Failure::WrongPassword, user: "alice".into() },
            "the method is covered"
        );
        let forged = Challenge { nonce: B64.encode([0u8; 32]), ..ch.clone() };
        assert_eq!(
            a.check(1, "INVITE", URI, &[&creds(&forged, "Circle Of Life", 1)]),
            Verdict::Challenge { stale: false, why: Failure::BadNonce, user: alice.clone() }
        );
        let garbage = Challenge { nonce: "not base64!".into(), ..ch.clone() };
        assert_eq!(
            a.check(1, "INVITE", URI, &[&creds(&garbage, "Circle Of Life", 1)]),
            Verdict::Challenge { stale: false, why: Failure::BadNonce, user: alice.clone() }
        );
        assert_eq!(
            a.check(1, "INVITE", URI, &["Digest realm=\"realm\", username=\"alice\""]),
            Verdict::BadRequest { why: Failure::Malformed }
        );
        // What does not parse cannot be ours: someone else's, and we ask for ours.
        assert_eq!(
            a.check(1, "INVITE", URI, &["Digest realm=\"open", "Basic YWxpY2U6eA=="]),
            Verdict::Challenge { stale: false, why: Failure::NoCredentials, user: None }
        );
        let two = creds(&ch, "Circle Of Life", 1);
        assert_eq!(a.check(1, "INVITE", URI, &[&two, &two]), Verdict::BadRequest { why: Failure::Malformed });
        // The nonce of another proxy's secret is not ours either.
        let mut b = Auth::new("realm".into(), users("[users.alice]\npassword = \"x\"\n"), vec![], [8; 32], 1000, 10);
        let theirs = challenge(&mut b, 0, Algorithm::Md5);
        assert_eq!(
            a.check(1, "INVITE", URI, &[&creds(&theirs, "Circle Of Life", 1)]),
            Verdict::Challenge { stale: false, why: Failure::BadNonce, user: alice }
        );
        // Nothing was accepted, so the right answer still is.
        assert_eq!(
            a.check(2, "INVITE", URI, &[&creds(&ch, "Circle Of Life", 1)]),
            Verdict::Accepted { user: "alice".into() }
        );
    }

    #[test]
    fn nonces_go_stale_on_the_clock_and_the_table_is_bounded() {
        let mut a = auth(1_000, 3);
        let ch = challenge(&mut a, 10_000, Algorithm::Md5);
        let good = creds(&ch, "Circle Of Life", 1);
        let stale = Verdict::Challenge { stale: true, why: Failure::Stale, user: Some("alice".into()) };
        assert_eq!(a.check(10_999, "INVITE", URI, &[&good]), Verdict::Accepted { user: "alice".into() });
        let again = creds(&ch, "Circle Of Life", 2);
        assert_eq!(a.check(11_000, "INVITE", URI, &[&again]), stale, "at exactly its lifetime");
        // A stale nonce with a wrong password is a wrong password, not stale.
        assert_eq!(
            a.check(11_000, "INVITE", URI, &[&creds(&ch, "nope", 3)]),
            Verdict::Forbidden { why: Failure::WrongPassword, user: "alice".into() }
        );
        assert_eq!(a.nonces_remembered(), 0, "an expired nonce is forgotten");
        // Four nonces, room for three: the first is evicted and answered as stale.
        let chs: Vec<Challenge> = (0..4).map(|i| challenge(&mut a, 20_000 + i, Algorithm::Md5)).collect();
        assert_eq!(a.nonces_remembered(), 3);
        assert_eq!(a.check(20_010, "INVITE", URI, &[&creds(&chs[0], "Circle Of Life", 1)]), stale);
        for ch in &chs[1..] {
            assert_eq!(
                a.check(20_010, "INVITE", URI, &[&creds(ch, "Circle Of Life", 1)]),
                Verdict::Accepted { user: "alice".into() }
            );
        }
        // Each challenge is a new nonce even within one millisecond.
        assert_ne!(chs[0].nonce, challenge(&mut a, 20_000, Algorithm::Md5).nonce);
    }

    #[test]
    fn only_offered_algorithms_are_accepted() {
        let mut a = Auth::new(
            "realm".into(),
            users("[users.alice]\npassword = \"Circle Of Life\"\n"),
            vec![Algorithm::Md5],
            [7; 32],
            1000,
            10,
        );
        let offered = a.challenges(0, false);
        assert_eq!(offered.len(), 1);
        let md5 = Challenge::parse(&offered[0]).unwrap();
        let sha = Challenge { algorithm: Algorithm::Sha256, ..md5 };
        assert_eq!(
            a.check(1, "INVITE", URI, &[&creds(&sha, "Circle Of Life", 1)]),
            Verdict::Challenge { stale: false, why: Failure::UnsupportedAlgorithm, user: Some("alice".into()) }
        );
    }

    #[test]
    fn precomputed_ha1s_work_and_a_missing_one_is_refused() {
        let md5 = ha1(Algorithm::Md5, "bob", "realm", "pw");
        let mut a = Auth::new(
            "realm".into(),
            users(&format!("[users.bob]\nha1-md5 = \"{}\"\n", md5.to_ascii_uppercase())),
            vec![],
            [1; 32],
            1000,
            10,
        );
        let all: Vec<Challenge> = a.challenges(0, false).iter().map(|c| Challenge::parse(c).unwrap()).collect();
        let answer = |ch: &Challenge| Credentials::answer(ch, "bob", "pw", "REGISTER", "sip:127.0.0.1", "c", 1);
        assert_eq!(
            a.check(1, "REGISTER", "sip:127.0.0.1", &[&answer(&all[1]).to_string()]),
            Verdict::Accepted { user: "bob".into() }
        );
        assert_eq!(
            a.check(1, "REGISTER", "sip:127.0.0.1", &[&answer(&all[0]).to_string()]),
            Verdict::Forbidden { why: Failure::AlgorithmNotProvisioned, user: "bob".into() }
        );
    }

    #[test]
    fn credentials_files_are_checked_without_echoing_secrets() {
        let err = |t: &str| Users::parse(t, "r").err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(err("[users.a]\npassword = \"s3cret\n"), "line 2: invalid basic string, expected `\"`");
        assert_eq!(
            err("[users.a]\npasswd = \"s3cret\"\n"),
            "user `a`: unknown key `passwd` (expected password, ha1-md5 or ha1-sha256)"
        );
        assert_eq!(err("[users.a]\npassword = 123456\n"), "user `a`: `password` must be a string");
        assert_eq!(err("[users.a]\nha1-md5 = \"s3cret\"\n"), "user `a`: `ha1-md5` must be 32 hex digits");
        assert_eq!(err("[users.a]\n"), "user `a`: needs password, ha1-md5 or ha1-sha256");
        assert_eq!(
            err(&format!("[users.a]\npassword = \"x\"\nha1-md5 = \"{}\"\n", "0".repeat(32))),
            "user `a`: give either password or ha1-*, not both"
        );
        assert_eq!(
            err("[users.\"a:b\"]\npassword = \"x\"\n"),
            "user `a:b`: a name must be non-empty, without `:`, `\"`, `\\` or control characters"
        );
        assert_eq!(
            err("password = \"x\"\n"),
            "expected a [users.NAME] table for each user, and nothing else at the top"
        );
        assert_eq!(err(""), "no users");
        for t in [
            "[users.a]\npassword = \"s3cret\n",
            "[users.a]\npasswd = \"s3cret\"\n",
            "[users.a]\nha1-md5 = \"s3cret\"\n",
        ] {
            assert!(!err(t).contains("s3cret"), "{}", err(t));
        }
        assert_eq!(users("[users.a]\npassword = \"x\"\n[users.b]\npassword = \"y\"\n").len(), 2);
    }
}
