//! Ed25519 keys bound to an agent id, their files, and the trusted-keys registry.
//!
//! Formats (specified in `docs/formats.md`):
//! - secret key: a versioned text file, mode 0600, carrying the agent id, key id, public key, seed
//!   and a checksum so a damaged file is reported as such rather than producing wrong signatures;
//! - public key (`.pub`): the same header and fields without the secret;
//! - trust file: one `AGENT ed25519:BASE64 [role=R] [quota=N/UNIT]` per line, `#` comments.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

const SECRET_HEADER: &str = "ifconnect secret key v1";
const PUBLIC_HEADER: &str = "ifconnect public key v1";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A key or trust file could not be read or written. (`error` is shown, not a `source()`:
    /// every error here says its cause once, whether printed alone or as a chain.)
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    /// Refusing to replace an existing key.
    #[error("{path}: already exists; refusing to overwrite a key (use --force to replace it)")]
    Exists { path: PathBuf },
    /// A file is not in the expected format; names the line, never the key bytes.
    #[error("{path}:{line}: {reason}")]
    Parse { path: PathBuf, line: usize, reason: String },
    /// A secret file (a secret key, a fingerprint key) that others may read or write: refused,
    /// as OpenSSH does, naming the fix.
    #[error("{path}: permissions {mode:04o} are too open for {what} (others may read it); run `chmod 600 {path}`")]
    TooOpen { path: PathBuf, mode: u32, what: &'static str },
    /// An agent id that cannot name a key.
    #[error("invalid agent id `{0}`: expected if://agent/NAME with no spaces or `+`")]
    AgentId(String),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |error| Error::Io { path: path.to_owned(), error }
}

/// Checks an agent id is `if://agent/NAME` and usable as a signed-note key name.
pub fn check_agent_id(agent: &str) -> Result<(), Error> {
    let name = agent.strip_prefix("if://agent/").unwrap_or("");
    if name.is_empty() || agent.chars().any(|c| c.is_whitespace() || c.is_control() || c == '+') {
        return Err(Error::AgentId(agent.to_owned()));
    }
    Ok(())
}

/// Short key fingerprint: first 8 bytes of SHA-256 over a domain tag and the public key, in hex.
pub fn key_id(key: &VerifyingKey) -> String {
    let mut h = Sha256::new();
    h.update(b"ifconnect-key-id\0");
    h.update(key.as_bytes());
    hex::encode(&h.finalize()[..8])
}

/// `ed25519:<base64>` as the IFMessage schema spells public keys.
pub fn encode_public(key: &VerifyingKey) -> String {
    format!("ed25519:{}", B64.encode(key.as_bytes()))
}

pub fn decode_public(text: &str) -> Result<VerifyingKey, String> {
    let b64 = text.strip_prefix("ed25519:").ok_or("public key must start with `ed25519:`")?;
    let bytes = B64.decode(b64).map_err(|e| format!("public key is not base64: {e}"))?;
    let arr: [u8; 32] =
        bytes.try_into().map_err(|b: Vec<u8>| format!("public key is {} bytes, expected 32", b.len()))?;
    VerifyingKey::from_bytes(&arr).map_err(|_| "public key is not a valid Ed25519 point".to_string())
}

/// `decode_public` with a per-thread cache: decompressing a key costs about as much as half a
/// signature check, and a log holds many messages from few keys.
pub fn decode_public_cached(text: &str) -> Result<VerifyingKey, String> {
    use std::cell::RefCell;
    thread_local! {
        static CACHE: RefCell<HashMap<String, VerifyingKey>> = RefCell::new(HashMap::new());
    }
    if let Some(k) = CACHE.with(|c| c.borrow().get(text).copied()) {
        return Ok(k);
    }
    let key = decode_public(text)?;
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 4096 {
            c.clear();
        }
        c.insert(text.to_owned(), key);
    });
    Ok(key)
}

fn checksum(seed: &[u8; 32], public: &VerifyingKey) -> String {
    let mut h = Sha256::new();
    h.update(b"ifconnect-secret-key-checksum\0");
    h.update(seed);
    h.update(public.as_bytes());
    hex::encode(&h.finalize()[..4])
}

/// The text of a file holding `what` (a secret), refused if group or others may access it
/// (mode & 0o077), as OpenSSH does: whoever could read it could act as its owner.
pub fn read_private(path: &Path, what: &'static str) -> Result<Zeroizing<String>, Error> {
    use std::os::unix::fs::PermissionsExt;
    let mut file = File::open(path).map_err(io_err(path))?;
    let mode = file.metadata().map_err(io_err(path))?.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(Error::TooOpen { path: path.to_owned(), mode, what });
    }
    let mut text = Zeroizing::new(String::new());
    file.read_to_string(&mut text).map_err(io_err(path))?;
    Ok(text)
}

/// A signing key and the agent it speaks for.
pub struct SecretKey {
    pub agent: String,
    pub signing: SigningKey,
    pub path: PathBuf,
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // Never print key material, even in debug logs.
        write!(f, "SecretKey({}, {})", self.agent, self.key_id())
    }
}

impl SecretKey {
    pub fn generate(agent: &str) -> Result<Self, Error> {
        check_agent_id(agent)?;
        let signing = SigningKey::generate(&mut rand_core::OsRng);
        Ok(SecretKey { agent: agent.to_owned(), signing, path: PathBuf::new() })
    }

    pub fn from_seed(agent: &str, seed: [u8; 32]) -> Result<Self, Error> {
        check_agent_id(agent)?;
        Ok(SecretKey { agent: agent.to_owned(), signing: SigningKey::from_bytes(&seed), path: PathBuf::new() })
    }

    pub fn verifying(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    pub fn key_id(&self) -> String {
        key_id(&self.verifying())
    }

    pub fn public(&self) -> PublicKey {
        PublicKey { agent: self.agent.clone(), key: self.verifying() }
    }

    fn to_file_text(&self, created: &str) -> Zeroizing<String> {
        let public = self.verifying();
        let seed = Zeroizing::new(self.signing.to_bytes());
        Zeroizing::new(format!(
            "{SECRET_HEADER}\n# Ed25519 signing key of {agent}. Keep it private: whoever holds it can sign as this agent.\n\
             agent: {agent}\nkey-id: {id}\ncreated: {created}\npublic-key: {pk}\nsecret-key: {sk}\nchecksum: {sum}\n",
            agent = self.agent,
            id = key_id(&public),
            pk = encode_public(&public),
            sk = Zeroizing::new(B64.encode(*seed)).as_str(),
            sum = checksum(&seed, &public),
        ))
    }

    /// Writes `path` (0600) and `path.pub` (0644); refuses to replace either unless `force`.
    pub fn write_files(&self, path: &Path, force: bool) -> Result<PathBuf, Error> {
        let pub_path = pub_path_for(path);
        for p in [path, pub_path.as_path()] {
            if !force && p.exists() {
                return Err(Error::Exists { path: p.to_owned() });
            }
        }
        let created = crate::time::format_rfc3339(crate::time::now_millis());
        write_new(path, 0o600, self.to_file_text(&created).as_bytes(), force)?;
        write_new(&pub_path, 0o644, self.public().to_file_text().as_bytes(), force)?;
        Ok(pub_path)
    }

    /// Reads a secret key file, refusing one that group or others may access (mode & 0o077), as
    /// OpenSSH does: whoever could read it could sign as its agent.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = read_private(path, "a secret key")?;
        let fields = parse_fields(path, &text, SECRET_HEADER)?;
        let get = |name: &str| fields.get(name).ok_or_else(|| parse_err(path, 1, format!("missing `{name}:` line")));
        let (agent_line, agent) = get("agent")?;
        check_agent_id(agent).map_err(|e| parse_err(path, *agent_line, e.to_string()))?;
        let (sk_line, sk) = get("secret-key")?;
        let seed: Zeroizing<Vec<u8>> =
            Zeroizing::new(B64.decode(sk).map_err(|_| parse_err(path, *sk_line, "secret-key is not base64".into()))?);
        let seed: [u8; 32] =
            seed[..].try_into().map_err(|_| parse_err(path, *sk_line, "secret-key must be 32 bytes".into()))?;
        let seed = Zeroizing::new(seed);
        let signing = SigningKey::from_bytes(&seed);
        let public = signing.verifying_key();
        let (sum_line, sum) = get("checksum")?;
        if *sum != checksum(&seed, &public) {
            return Err(parse_err(path, *sum_line, "checksum mismatch: the key file is damaged".into()));
        }
        if let Some((line, pk)) = fields.get("public-key") {
            if decode_public(pk).ok() != Some(public) {
                return Err(parse_err(path, *line, "public-key does not match secret-key".into()));
            }
        }
        Ok(SecretKey { agent: agent.clone(), signing, path: path.to_owned() })
    }
}

pub fn pub_path_for(path: &Path) -> PathBuf {
    with_suffix(path, ".pub")
}

fn write_new(path: &Path, mode: u32, bytes: &[u8], replace: bool) -> Result<(), Error> {
    let mut opts = OpenOptions::new();
    opts.write(true).mode(mode);
    if replace {
        // Remove first so a replaced secret never inherits looser permissions.
        let _ = std::fs::remove_file(path);
    }
    opts.create_new(true);
    let mut f = opts.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Exists { path: path.to_owned() },
        _ => Error::Io { path: path.to_owned(), error: e },
    })?;
    f.write_all(bytes).and_then(|_| f.sync_all()).map_err(io_err(path))
}

fn parse_err(path: &Path, line: usize, reason: String) -> Error {
    Error::Parse { path: path.to_owned(), line, reason }
}

type Fields = HashMap<String, (usize, String)>;

fn parse_fields(path: &Path, text: &str, header: &str) -> Result<Fields, Error> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
    match lines.next() {
        Some((_, h)) if h == header => {}
        Some((_, h)) if h.starts_with("ifconnect ") && h.contains(" key v") => {
            return Err(parse_err(path, 1, format!("unsupported key format `{h}` (this version reads `{header}`)")))
        }
        _ => return Err(parse_err(path, 1, format!("not an ifconnect key file (expected `{header}`)"))),
    }
    let mut fields = Fields::new();
    for (n, line) in lines {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line.split_once(':').ok_or_else(|| parse_err(path, n, "expected `name: value`".into()))?;
        if fields.insert(k.trim().to_owned(), (n, v.trim().to_owned())).is_some() {
            return Err(parse_err(path, n, format!("`{}` given twice", k.trim())));
        }
    }
    Ok(fields)
}

/// A public key and the agent it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    pub agent: String,
    pub key: VerifyingKey,
}

impl PublicKey {
    fn to_file_text(&self) -> String {
        format!(
            "{PUBLIC_HEADER}\nagent: {}\nkey-id: {}\npublic-key: {}\n",
            self.agent,
            key_id(&self.key),
            encode_public(&self.key)
        )
    }

    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(io_err(path))?;
        Self::parse(path, &text)
    }

    fn parse(path: &Path, text: &str) -> Result<Self, Error> {
        let fields = parse_fields(path, text, PUBLIC_HEADER)?;
        let get = |name: &str| fields.get(name).ok_or_else(|| parse_err(path, 1, format!("missing `{name}:` line")));
        let (al, agent) = get("agent")?;
        check_agent_id(agent).map_err(|e| parse_err(path, *al, e.to_string()))?;
        let (pl, pk) = get("public-key")?;
        let key = decode_public(pk).map_err(|e| parse_err(path, *pl, e))?;
        if let Some((il, id)) = fields.get("key-id") {
            if *id != key_id(&key) {
                return Err(parse_err(
                    path,
                    *il,
                    format!("key-id {id} does not match the public key ({})", key_id(&key)),
                ));
            }
        }
        Ok(PublicKey { agent: agent.clone(), key })
    }
}

/// How many messages a key may send per period, for policy layers that enforce it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quota {
    pub count: u64,
    pub per_seconds: u64,
}

#[derive(Clone, Debug)]
pub struct TrustedKey {
    pub agent: String,
    pub key: VerifyingKey,
    pub role: Option<String>,
    pub quota: Option<Quota>,
    /// Bandwidth the agent's endpoint may use at once, in units of 100 bit/s (H.225.0's
    /// `BandWidth`), for the gatekeeper's admission (`bandwidth=N` in the trust file).
    pub bandwidth: Option<u32>,
    /// `file:line` the entry came from, for error messages.
    pub source: String,
}

/// Why a key is not trusted to speak for an agent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    #[error("unknown key {key_id}: not in the trusted keys")]
    UnknownKey { key_id: String },
    #[error("key {key_id} belongs to {owner} ({source_line}), not to {claimed}")]
    WrongAgent { key_id: String, owner: String, claimed: String, source_line: String },
}

/// The registry of trusted keys: agent id -> public key, role and quota.
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    by_key: HashMap<[u8; 32], TrustedKey>,
    by_agent: HashMap<String, Vec<[u8; 32]>>,
}

impl TrustStore {
    /// A registry trusting exactly `keys`, each for its own agent, with no role or quota (for a
    /// tool trusting its own keys, and for tests).
    pub fn of(keys: &[&SecretKey]) -> Self {
        let mut trust = TrustStore::default();
        for k in keys {
            trust.insert(TrustedKey {
                agent: k.agent.clone(),
                key: k.verifying(),
                role: None,
                quota: None,
                bandwidth: None,
                source: k.path.display().to_string(),
            });
        }
        trust
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn keys(&self) -> impl Iterator<Item = &TrustedKey> {
        self.by_key.values()
    }

    pub fn insert(&mut self, key: TrustedKey) {
        let bytes = key.key.to_bytes();
        if let Some(old) = self.by_key.get(&bytes) {
            if let Some(keys) = self.by_agent.get_mut(&old.agent) {
                keys.retain(|k| *k != bytes);
            }
        }
        self.by_agent.entry(key.agent.clone()).or_default().push(bytes);
        self.by_key.insert(bytes, key);
    }

    /// Adds every key of `other` (a key already here is replaced by `other`'s entry).
    pub fn extend(&mut self, other: TrustStore) {
        for (_, key) in other.by_key {
            self.insert(key);
        }
    }

    /// Loads a trust file, or a single `.pub` file as a one-key trust file.
    pub fn load(&mut self, path: &Path) -> Result<(), Error> {
        let text = std::fs::read_to_string(path).map_err(io_err(path))?;
        let first = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'));
        if first == Some(SECRET_HEADER) {
            return Err(parse_err(
                path,
                1,
                format!("this is a secret key; trust its public key ({}) instead", pub_path_for(path).display()),
            ));
        }
        if first == Some(PUBLIC_HEADER) {
            let pk = PublicKey::parse(path, &text)?;
            self.insert(TrustedKey {
                agent: pk.agent,
                key: pk.key,
                role: None,
                quota: None,
                bandwidth: None,
                source: format!("{}:1", path.display()),
            });
            return Ok(());
        }
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let agent = parts.next().unwrap_or_default();
            check_agent_id(agent).map_err(|e| parse_err(path, n, e.to_string()))?;
            let key = decode_public(parts.next().unwrap_or_default()).map_err(|e| parse_err(path, n, e))?;
            let mut entry = TrustedKey {
                agent: agent.to_owned(),
                key,
                role: None,
                quota: None,
                bandwidth: None,
                source: format!("{}:{n}", path.display()),
            };
            for opt in parts {
                match opt.split_once('=') {
                    Some(("role", r)) if !r.is_empty() => entry.role = Some(r.to_owned()),
                    Some(("bandwidth", b)) => {
                        entry.bandwidth = Some(b.parse().ok().filter(|b| *b > 0).ok_or_else(|| {
                            parse_err(path, n, format!("bad bandwidth `{b}`: expected units of 100 bit/s, 1 or more"))
                        })?)
                    }
                    Some(("quota", q)) => {
                        entry.quota = Some(parse_quota(q).ok_or_else(|| {
                            parse_err(path, n, format!("bad quota `{q}`: expected N/s, N/min, N/h or N/day"))
                        })?)
                    }
                    _ => {
                        return Err(parse_err(
                            path,
                            n,
                            format!("unknown option `{opt}` (expected role=..., quota=... or bandwidth=...)"),
                        ))
                    }
                }
            }
            if let Some(prev) = self.by_key.get(&key.to_bytes()) {
                if prev.agent != entry.agent {
                    return Err(parse_err(path, n, format!("key also listed for {} at {}", prev.agent, prev.source)));
                }
            }
            self.insert(entry);
        }
        Ok(())
    }

    pub fn load_all(paths: &[PathBuf]) -> Result<Option<Self>, Error> {
        if paths.is_empty() {
            return Ok(None);
        }
        let mut store = TrustStore::default();
        for p in paths {
            store.load(p)?;
        }
        Ok(Some(store))
    }

    /// The keys trusted to speak for `agent` (usually one; more while a key is rotated).
    pub fn keys_of<'a>(&'a self, agent: &'a str) -> impl Iterator<Item = &'a TrustedKey> + 'a {
        self.by_agent.get(agent).into_iter().flatten().filter_map(|k| self.by_key.get(k))
    }

    /// The entry for `key`, if it is trusted to speak for `agent`.
    pub fn check(&self, agent: &str, key: &VerifyingKey) -> Result<&TrustedKey, TrustError> {
        match self.by_key.get(key.as_bytes()) {
            None => Err(TrustError::UnknownKey { key_id: key_id(key) }),
            Some(t) if t.agent != agent => Err(TrustError::WrongAgent {
                key_id: key_id(key),
                owner: t.agent.clone(),
                claimed: agent.to_owned(),
                source_line: t.source.clone(),
            }),
            Some(t) => Ok(t),
        }
    }
}

fn parse_quota(q: &str) -> Option<Quota> {
    let (n, unit) = q.split_once('/')?;
    let per_seconds = match unit {
        "s" | "sec" => 1,
        "min" => 60,
        "h" | "hour" => 3600,
        "day" => 86_400,
        _ => return None,
    };
    Some(Quota { count: n.parse().ok()?, per_seconds })
}

/// Hands out monotonic `sequence_num`s for one key, persisted in `KEY.seq`.
///
/// Numbers are reserved in blocks under a lock (`KEY.seq.lock`), so concurrent signers with the
/// same key never reuse a number; a block's unused tail is returned if nobody reserved after it
/// (gaps are fine: the schema asks for monotonic, not contiguous).
///
/// Crash safety: a block is reserved before any of its numbers is used, by writing the next
/// free number to `KEY.seq.tmp`, `fsync`ing it and renaming it over `KEY.seq` (then `fsync`ing
/// the directory). A signer killed at any moment therefore leaves either the old or the new
/// number, never an empty or half-written file, and a reader never sees one either. A `KEY.seq`
/// that is nonetheless empty or damaged (an older version crashed mid-write) is refused, not read
/// as 1: starting again at 1 would make every receiver keeping replay state reject the key.
///
/// A key that was not loaded from a file (an empty path: [`SecretKey::from_seed`]) has no
/// `KEY.seq`: its numbers are counted in memory, from 1, and never written anywhere (a file named
/// `.seq` in whatever directory the process runs in helps nobody).
pub struct SequenceAllocator {
    /// `KEY.seq`; `None` for a key with no file.
    path: Option<PathBuf>,
    next: u64,
    reserved_end: u64,
    block: u64,
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

impl SequenceAllocator {
    pub fn for_key(key_path: &Path, block: u64) -> Self {
        let path = (!key_path.as_os_str().is_empty()).then(|| with_suffix(key_path, ".seq"));
        SequenceAllocator { path, next: 0, reserved_end: 0, block: block.max(1) }
    }

    /// Takes the lock (held until the returned file is dropped). It is a file of its own because
    /// `KEY.seq` is replaced, not rewritten, and a lock on a replaced file guards nothing.
    fn lock(seq: &Path) -> Result<File, Error> {
        let path = with_suffix(seq, ".lock");
        let f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .map_err(io_err(&path))?;
        f.lock().map_err(io_err(&path))?;
        Ok(f)
    }

    /// The next free number: 1 when there is no `KEY.seq` yet.
    fn read_next(seq: &Path) -> Result<u64, Error> {
        let text = match std::fs::read_to_string(seq) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(1),
            Err(e) => return Err(io_err(seq)(e)),
        };
        text.trim().parse::<u64>().map(|n| n.max(1)).map_err(|_| {
            let what = if text.trim().is_empty() { "is empty" } else { "does not hold a number" };
            parse_err(
                seq,
                1,
                format!(
                    "{what}: the next sequence number is lost; write one above the last this key sent                      (or make a new key), since starting again at 1 would be refused as a replay"
                ),
            )
        })
    }

    /// Replaces `KEY.seq` with `n`, durably: temporary file, fsync, rename, fsync the directory.
    fn write_next(seq: &Path, n: u64) -> Result<(), Error> {
        let tmp = with_suffix(seq, ".tmp");
        let mut f =
            OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&tmp).map_err(io_err(&tmp))?;
        f.write_all(format!("{n}\n").as_bytes()).and_then(|_| f.sync_all()).map_err(io_err(&tmp))?;
        drop(f);
        std::fs::rename(&tmp, seq).map_err(io_err(seq))?;
        let dir = match seq.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        File::open(dir).and_then(|d| d.sync_all()).map_err(io_err(dir))
    }

    pub fn allocate(&mut self) -> Result<u64, Error> {
        let Some(seq) = &self.path else {
            self.next = self.next.max(1);
            self.next += 1;
            return Ok(self.next - 1);
        };
        if self.next == 0 || self.next >= self.reserved_end {
            let _lock = Self::lock(seq)?;
            let start = Self::read_next(seq)?;
            let end = start
                .checked_add(self.block)
                .ok_or_else(|| parse_err(seq, 1, "sequence numbers exhausted: make a new key".into()))?;
            Self::write_next(seq, end)?;
            self.next = start;
            self.reserved_end = end;
        }
        let n = self.next;
        self.next += 1;
        Ok(n)
    }

    /// Gives back the unused part of the current block when no one reserved after it.
    pub fn finish(&mut self) -> Result<(), Error> {
        let Some(seq) = &self.path else { return Ok(()) };
        if self.next == 0 || self.next >= self.reserved_end {
            return Ok(());
        }
        let _lock = Self::lock(seq)?;
        if Self::read_next(seq)? == self.reserved_end {
            Self::write_next(seq, self.next)?;
        }
        self.reserved_end = self.next;
        Ok(())
    }
}

const FINGERPRINT_HEADER: &str = "ifconnect fingerprint key v1";

/// HMAC-SHA-256 (RFC 2104) over `sha2`.
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    hmac::<Sha256>(key, data).into()
}

/// HMAC-SHA-1 (RFC 2104), for STUN's MESSAGE-INTEGRITY (RFC 8489 §14.5), which is defined so.
pub fn hmac_sha1(key: &[u8], data: &[u8]) -> [u8; 20] {
    hmac::<sha1::Sha1>(key, data).into()
}

/// RFC 2104 over a hash of 64-byte blocks (SHA-1 and SHA-256 both).
fn hmac<D: Digest>(key: &[u8], data: &[u8]) -> sha2::digest::Output<D> {
    const BLOCK: usize = 64;
    let mut k = Zeroizing::new([0u8; BLOCK]);
    if key.len() > BLOCK {
        let hashed = D::digest(key);
        k[..hashed.len()].copy_from_slice(&hashed);
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| -> Zeroizing<[u8; BLOCK]> { Zeroizing::new(k.map(|b| b ^ byte)) };
    let inner = D::new().chain_update(*pad(0x36)).chain_update(data).finalize();
    D::new().chain_update(*pad(0x5c)).chain_update(inner).finalize()
}

/// The operator's key for fingerprints of secrets (`if-msg wrap --fingerprint-key`): whoever
/// holds it can tell that two findings carry the same secret, and test a guess; nobody else can.
#[derive(Clone)]
pub struct FingerprintKey {
    key: Zeroizing<[u8; 32]>,
}

impl fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "FingerprintKey({})", self.key_id())
    }
}

impl FingerprintKey {
    pub fn generate() -> Self {
        let mut key = Zeroizing::new([0u8; 32]);
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut key[..]);
        FingerprintKey { key }
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        FingerprintKey { key: Zeroizing::new(bytes) }
    }

    /// First 8 bytes of `SHA-256("ifconnect-fingerprint-key-id" || 0x00 || key)`, in hex: names the
    /// key beside each fingerprint (fingerprints under different keys never match).
    pub fn key_id(&self) -> String {
        let digest = Sha256::new().chain_update(b"ifconnect-fingerprint-key-id\0").chain_update(*self.key).finalize();
        hex::encode(&digest[..8])
    }

    /// `hex(HMAC-SHA-256(key, data))`.
    pub fn fingerprint(&self, data: &[u8]) -> String {
        hex::encode(hmac_sha256(&self.key[..], data))
    }

    /// Writes the key file (0600); refuses to replace it unless `force`.
    pub fn write_file(&self, path: &Path, force: bool) -> Result<(), Error> {
        let created = crate::time::format_rfc3339(crate::time::now_millis());
        let text = Zeroizing::new(format!(
            "{FINGERPRINT_HEADER}\n# HMAC-SHA-256 key for the fingerprints of secrets (if-msg wrap --fingerprint-key). \
             Keep it private: whoever holds it can test guesses of a secret against its fingerprint.\n\
             key-id: {id}\ncreated: {created}\nsecret: {secret}\n",
            id = self.key_id(),
            secret = Zeroizing::new(B64.encode(*self.key)).as_str(),
        ));
        write_new(path, 0o600, text.as_bytes(), force)
    }

    /// Reads a key file written by [`FingerprintKey::write_file`]; refuses one that others may
    /// read, and one whose `key-id` does not match its secret (a damaged file).
    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = read_private(path, "a fingerprint key")?;
        let fields = parse_fields(path, &text, FINGERPRINT_HEADER)?;
        let get = |name: &str| fields.get(name).ok_or_else(|| parse_err(path, 1, format!("missing `{name}:` line")));
        let (line, secret) = get("secret")?;
        let bytes =
            Zeroizing::new(B64.decode(secret).map_err(|_| parse_err(path, *line, "secret is not base64".into()))?);
        let bytes: [u8; 32] =
            bytes[..].try_into().map_err(|_| parse_err(path, *line, "secret must be 32 bytes".into()))?;
        let key = FingerprintKey::from_bytes(bytes);
        let (id_line, id) = get("key-id")?;
        if *id != key.key_id() {
            return Err(parse_err(path, *id_line, "key-id does not match the secret: the key file is damaged".into()));
        }
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_without_a_file_counts_its_sequence_numbers_in_memory() {
        let key = SecretKey::from_seed("if://agent/no-file", [8; 32]).unwrap();
        let mut seq = SequenceAllocator::for_key(&key.path, 64);
        assert_eq!([seq.allocate().unwrap(), seq.allocate().unwrap(), seq.allocate().unwrap()], [1, 2, 3]);
        seq.finish().unwrap();
        assert!(seq.path.is_none(), "no KEY.seq for a key with no file");
        assert!(!Path::new(".seq").exists(), "nothing written where the process runs");
    }

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("ifconnect-keys-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn key_files_round_trip_and_refuse_overwrite() {
        use std::os::unix::fs::PermissionsExt;
        let d = tmp("rt");
        let k = SecretKey::generate("if://agent/scanner").unwrap();
        let p = d.join("scan.key");
        let pubp = k.write_files(&p, false).unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        let back = SecretKey::load(&p).unwrap();
        assert_eq!(back.verifying(), k.verifying());
        assert_eq!(back.agent, "if://agent/scanner");
        assert_eq!(PublicKey::load(&pubp).unwrap(), k.public());
        assert!(matches!(k.write_files(&p, false), Err(Error::Exists { .. })));
        assert!(!format!("{back:?}").contains(&B64.encode(back.signing.to_bytes())));
    }

    #[test]
    fn hmac_sha256_matches_rfc_4231() {
        let long_key = [0xaau8; 131];
        // Test cases 1, 2, 3, 4, 6 and 7 of RFC 4231 section 4 (5 is a truncated output).
        let cases: [(&[u8], &[u8], &str); 6] = [
            (&[0x0b; 20], b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (b"Jefe", b"what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            (&[0xaa; 20], &[0xdd; 50], "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            (
                &(1..=25).collect::<Vec<u8>>(),
                &[0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                &long_key,
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                &long_key,
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (key, data, want) in cases {
            assert_eq!(hex::encode(hmac_sha256(key, data)), want);
        }
    }

    #[test]
    fn hmac_sha1_matches_rfc_2202() {
        // Test cases 1, 2, 3 and 6 of RFC 2202 section 3 (6: a key longer than a block).
        let cases: [(&[u8], &[u8], &str); 4] = [
            (&[0x0b; 20], b"Hi There", "b617318655057264e28bc0b6fb378c8ef146be00"),
            (b"Jefe", b"what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
            (&[0xaa; 20], &[0xdd; 50], "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
            (
                &[0xaa; 80],
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "aa4ae5e15272d00e95705637ce8a3b55ed402112",
            ),
        ];
        for (key, data, want) in cases {
            assert_eq!(hex::encode(hmac_sha1(key, data)), want);
        }
    }

    #[test]
    fn fingerprint_key_round_trips_private_and_refuses_others() {
        use std::os::unix::fs::PermissionsExt;
        let d = tmp("fp");
        let p = d.join("fp.key");
        let k = FingerprintKey::generate();
        k.write_file(&p, false).unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        let back = FingerprintKey::load(&p).unwrap();
        assert_eq!(back.fingerprint(b"1234"), k.fingerprint(b"1234"));
        assert_ne!(FingerprintKey::generate().fingerprint(b"1234"), k.fingerprint(b"1234"));
        assert!(matches!(k.write_file(&p, false), Err(Error::Exists { .. })));
        assert!(!format!("{back:?}").contains(&B64.encode(*back.key)));
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = FingerprintKey::load(&p).unwrap_err().to_string();
        assert!(e.contains("permissions 0644 are too open for a fingerprint key") && e.contains("chmod 600"), "{e}");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        // One changed character of the secret is caught by the key id.
        let text = std::fs::read_to_string(&p).unwrap();
        let (head, secret) = text.split_once("secret: ").unwrap();
        let flipped = if secret.starts_with('A') { 'B' } else { 'A' };
        std::fs::write(&p, format!("{head}secret: {flipped}{}", &secret[1..])).unwrap();
        let e = FingerprintKey::load(&p).unwrap_err().to_string();
        assert!(e.contains("fp.key:3: key-id does not match"), "{e}");
    }

    #[test]
    fn secret_keys_others_may_read_are_refused_naming_the_fix() {
        use std::os::unix::fs::PermissionsExt;
        let d = tmp("mode");
        let p = d.join("k");
        SecretKey::generate("if://agent/a").unwrap().write_files(&p, false).unwrap();
        for mode in [0o644, 0o666, 0o640, 0o604] {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
            let err = SecretKey::load(&p).unwrap_err().to_string();
            let want = format!(
                "{p}: permissions {mode:04o} are too open for a secret key (others may read it); run `chmod 600 {p}`",
                p = p.display()
            );
            assert_eq!(err, want);
        }
        for mode in [0o600, 0o400] {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
            SecretKey::load(&p).unwrap();
        }
        // The public key stays readable by everyone.
        PublicKey::load(&pub_path_for(&p)).unwrap();
    }

    #[test]
    fn damaged_secret_is_reported_by_line() {
        let d = tmp("dmg");
        let p = d.join("k");
        SecretKey::generate("if://agent/a").unwrap().write_files(&p, false).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        let line = text.lines().position(|l| l.starts_with("secret-key")).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        // Change a character in the middle of the base64: all six of its bits are data there.
        // (The one before the padding carries bits the decoder may ignore, so changing it did
        // nothing one time in twenty: a flaky test.)
        let mut sk: Vec<char> = lines[line].chars().collect();
        let at = sk.len() - 20;
        sk[at] = if sk[at] == 'A' { 'Q' } else { 'A' };
        lines[line] = sk.into_iter().collect();
        std::fs::write(&p, lines.join("\n")).unwrap();
        let err = SecretKey::load(&p).unwrap_err().to_string();
        assert!(err.contains(":8: checksum mismatch") || err.contains("secret-key"), "{err}");
    }

    #[test]
    fn trust_file_lines_and_errors() {
        let d = tmp("trust");
        let a = SecretKey::generate("if://agent/a").unwrap();
        let b = SecretKey::generate("if://agent/b").unwrap();
        let f = d.join("trust");
        std::fs::write(
            &f,
            format!(
                "# experts\nif://agent/a {} role=scanner quota=600/min\n\nif://agent/b {}\n",
                encode_public(&a.verifying()),
                encode_public(&b.verifying())
            ),
        )
        .unwrap();
        let mut t = TrustStore::default();
        t.load(&f).unwrap();
        let ta = t.check("if://agent/a", &a.verifying()).unwrap();
        assert_eq!(ta.role.as_deref(), Some("scanner"));
        assert_eq!(ta.quota, Some(Quota { count: 600, per_seconds: 60 }));
        assert!(matches!(t.check("if://agent/a", &b.verifying()), Err(TrustError::WrongAgent { .. })));
        let c = SecretKey::generate("if://agent/c").unwrap();
        assert!(matches!(t.check("if://agent/c", &c.verifying()), Err(TrustError::UnknownKey { .. })));
        std::fs::write(&f, "if://agent/a ed25519:nope\n").unwrap();
        let err = TrustStore::default().load(&f).unwrap_err().to_string();
        assert!(
            err.ends_with(":1: public key is not base64: Invalid symbol 110, offset 0.")
                || err.contains(":1: public key"),
            "{err}"
        );
    }

    #[test]
    fn sequence_numbers_never_repeat_across_allocators() {
        let d = tmp("seq");
        let key = d.join("k");
        let mut a = SequenceAllocator::for_key(&key, 10);
        let mut b = SequenceAllocator::for_key(&key, 10);
        let x: Vec<u64> = (0..3).map(|_| a.allocate().unwrap()).collect();
        let y: Vec<u64> = (0..3).map(|_| b.allocate().unwrap()).collect();
        a.finish().unwrap();
        let z = a.allocate().unwrap();
        assert_eq!(x, vec![1, 2, 3]);
        assert_eq!(y, vec![11, 12, 13]);
        assert!(z > 13, "{z}");
        b.finish().unwrap();
        let mut c = SequenceAllocator::for_key(&key, 1);
        assert!(c.allocate().unwrap() > z);
    }

    #[test]
    fn an_empty_or_damaged_sequence_file_is_refused_not_restarted_at_one() {
        let d = tmp("seq-empty");
        let key = d.join("k");
        let mut a = SequenceAllocator::for_key(&key, 4);
        assert_eq!(a.allocate().unwrap(), 1);
        assert_eq!(std::fs::read_to_string(d.join("k.seq")).unwrap(), "5\n");
        assert!(!d.join("k.seq.tmp").exists(), "the temporary file is renamed into place");
        for (text, what) in [("", "is empty"), ("12x\n", "does not hold a number")] {
            std::fs::write(d.join("k.seq"), text).unwrap();
            let err = SequenceAllocator::for_key(&key, 4).allocate().unwrap_err().to_string();
            assert!(
                err.starts_with(&format!("{}:1: {what}: the next sequence number is lost", d.join("k.seq").display())),
                "{err}"
            );
        }
    }
}
