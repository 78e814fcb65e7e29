//! The admission token: an Ed25519 signature over a whole RAS message, in a `ClearToken` on the
//! pattern of H.235.1 (docs/if-gk.md, "The admission token", with a test vector).

use super::ras::{
    self, ClearToken, Identifier, Integer, OctetString, RandomVal, RasError, RasMessage, TimeStamp, TokenNonStandard,
};
use crate::keys::TrustStore;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use std::collections::{HashMap, VecDeque};

/// `IF-GK-TOKEN`: the token's profile (under the X.660 example arc until the project has an
/// enterprise number; rasn and tshark hold arcs in 32 bits, so a UUID arc cannot be used).
pub const TOKEN_OID: &[u32] = &[2, 999, 1719, 1];
/// `IF-GK-SIGNATURE`: the identifier of the token's `nonStandard` holding the signature.
pub const SIGNATURE_OID: &[u32] = &[2, 999, 1719, 1, 1];
/// `IF-GK-CALL-DESCRIPTION`: the identifier of an ARQ's `nonStandardData` holding its call
/// description.
pub const DESCRIPTION_OID: &[u32] = &[2, 999, 1719, 1, 2];
/// What every signature covers before the message, so that it can mean nothing else.
pub const SIGNING_PREFIX: &[u8] = b"if-gk ras token v1\0";

const SIGNATURE_LEN: usize = 64;

/// What a token says besides its signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenFields {
    /// Seconds since the Unix epoch.
    pub timestamp: u32,
    /// Fresh for every token: 0 <= random < 2^31 (H.235's RandomVal is 32 bits).
    pub random: u64,
    /// The recipient's gatekeeperIdentifier.
    pub gatekeeper: String,
    /// The signer's agent id.
    pub sender: String,
}

/// The token, its signature octets zeroed: put it in the message's `tokens`, then [`sign`].
pub fn unsigned(fields: &TokenFields) -> ClearToken {
    ClearToken::new(
        ras::oid(TOKEN_OID),
        Some(TimeStamp(fields.timestamp.max(1))),
        None,
        None,
        None,
        Some(RandomVal(Integer::from(fields.random & 0x7fff_ffff))),
        None,
        Some(Identifier(ras::bmp(&fields.gatekeeper))),
        Some(TokenNonStandard::new(ras::oid(SIGNATURE_OID), OctetString::from(vec![0u8; SIGNATURE_LEN]))),
        None,
        Some(Identifier(ras::bmp(&fields.sender))),
        None,
        None,
    )
}

fn is_ours(t: &ClearToken) -> bool {
    t.token_oid == ras::oid(TOKEN_OID)
}

/// Runs `$each!(m, ...)` with every RasMessage alternative that has `tokens` (all but
/// admissionConfirmSequence), so the list is written once.
macro_rules! with_token_kinds {
    ($each:ident, $msg:expr, $access:ident) => {
        $each!(
            $msg,
            $access,
            gatekeeperRequest,
            gatekeeperConfirm,
            gatekeeperReject,
            registrationRequest,
            registrationConfirm,
            registrationReject,
            unregistrationRequest,
            unregistrationConfirm,
            unregistrationReject,
            admissionRequest,
            admissionConfirm,
            admissionReject,
            bandwidthRequest,
            bandwidthConfirm,
            bandwidthReject,
            disengageRequest,
            disengageConfirm,
            disengageReject,
            locationRequest,
            locationConfirm,
            locationReject,
            infoRequest,
            infoRequestResponse,
            nonStandardMessage,
            unknownMessageResponse,
            requestInProgress,
            resourcesAvailableIndicate,
            resourcesAvailableConfirm,
            infoRequestAck,
            infoRequestNak,
            serviceControlIndication,
            serviceControlResponse
        )
    };
}

macro_rules! tokens_of {
    ($msg:expr, $access:ident, $($kind:ident),*) => {
        match $msg { $(RasMessage::$kind(m) => m.tokens.$access(),)* _ => None }
    };
}

/// The tokens of any RAS message.
pub fn tokens(msg: &RasMessage) -> Option<&Vec<ClearToken>> {
    with_token_kinds!(tokens_of, msg, as_ref)
}

fn tokens_mut(msg: &mut RasMessage) -> Option<&mut Vec<ClearToken>> {
    with_token_kinds!(tokens_of, msg, as_mut)
}

/// Signs `msg`, whose `tokens` hold an [`unsigned`] token: returns the datagram to send.
pub fn sign(msg: &mut RasMessage, key: &SigningKey) -> Result<Vec<u8>, RasError> {
    let token = tokens_mut(msg).and_then(|ts| ts.iter_mut().find(|t| is_ours(t)));
    let Some(token) = token else {
        return Err(RasError::Encode { kind: ras::kind(msg), reason: "no IF-GK-TOKEN in its tokens".into() });
    };
    let zeros = TokenNonStandard::new(ras::oid(SIGNATURE_OID), OctetString::from(vec![0u8; SIGNATURE_LEN]));
    token.non_standard = Some(zeros);
    let zeroed = ras::encode(msg)?;
    let signature = key.sign(&signing_input(&zeroed));
    let token = tokens_mut(msg).and_then(|ts| ts.iter_mut().find(|t| is_ours(t))).expect("the token found above");
    token.non_standard =
        Some(TokenNonStandard::new(ras::oid(SIGNATURE_OID), OctetString::from(signature.to_bytes().to_vec())));
    ras::encode(msg)
}

fn signing_input(zeroed: &[u8]) -> Vec<u8> {
    let mut input = Vec::with_capacity(SIGNING_PREFIX.len() + zeroed.len());
    input.extend_from_slice(SIGNING_PREFIX);
    input.extend_from_slice(zeroed);
    input
}

/// Why a token was refused: each is a `securityDenial`, the event naming which step failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("no IF-GK-TOKEN in the request's tokens")]
    Missing,
    #[error("the token lacks its {0}")]
    Incomplete(&'static str),
    #[error("the token is for gatekeeper `{0}`, not this one")]
    WrongRecipient(String),
    #[error("the token's time is {0} s from this gatekeeper's clock")]
    Stale(i64),
    #[error("the signature is not 64 octets")]
    BadLength,
    #[error("the signature's octets occur {0} times in the datagram, not once")]
    NotUnique(usize),
    #[error("no trusted key for `{0}`")]
    UnknownSender(String),
    #[error("the signature does not verify with the key(s) trusted for `{0}`")]
    BadSignature(String),
    #[error("replayed: this token's random value was already used by `{0}`")]
    Replayed(String),
    #[error("the replay window is full ({0} tokens): try again later")]
    WindowFull(usize),
}

/// A token that verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The agent that signed, as the trust registry names it.
    pub agent: String,
    pub key: VerifyingKey,
    pub timestamp: u32,
    pub random: u64,
}

/// A token whose fields passed, and what verifying its signature takes: the keys trusted for
/// its agent and the signed octets. [`PreparedToken::check`] verifies one; many are verified at
/// once by [`verify_prepared`] (one batch equation).
pub struct PreparedToken {
    pub agent: String,
    pub timestamp: u32,
    pub random: u64,
    keys: Vec<VerifyingKey>,
    signed: crate::message::Prepared,
}

impl PreparedToken {
    /// Verifies the signature with each key trusted for the agent.
    pub fn check(self) -> Result<Verified, TokenError> {
        let PreparedToken { agent, timestamp, random, keys, signed } = self;
        match keys.iter().find(|k| k.verify_strict(&signed.signed, &signed.signature).is_ok()) {
            Some(key) => Ok(Verified { agent, key: *key, timestamp, random }),
            None => Err(TokenError::BadSignature(agent)),
        }
    }
}

/// Checks the token of `msg`, decoded from `datagram`, without the replay check
/// ([`ReplayWindow::accept`] does that, once the request is otherwise accepted).
pub fn verify(
    datagram: &[u8],
    msg: &RasMessage,
    gatekeeper: &str,
    now_unix_s: u64,
    max_skew_s: u64,
    trust: &TrustStore,
) -> Result<Verified, TokenError> {
    prepare(datagram, msg, gatekeeper, now_unix_s, max_skew_s, trust)?.check()
}

/// Verifies many prepared tokens: one batch equation when every agent has one trusted key and
/// every signature is good (the common case, at about half the cost of one by one), else one
/// by one. Results in input order.
pub fn verify_prepared(tokens: Vec<PreparedToken>) -> Vec<Result<Verified, TokenError>> {
    if tokens.len() > 1 && tokens.iter().all(|t| t.keys.len() == 1) {
        let signed: Vec<&crate::message::Prepared> = tokens.iter().map(|t| &t.signed).collect();
        let results = crate::message::verify_many(&signed);
        return tokens
            .into_iter()
            .zip(results)
            .map(|(t, r)| match r {
                Ok(()) => Ok(Verified { key: t.keys[0], agent: t.agent, timestamp: t.timestamp, random: t.random }),
                Err(_) => Err(TokenError::BadSignature(t.agent)),
            })
            .collect();
    }
    tokens.into_iter().map(PreparedToken::check).collect()
}

/// Every check of the token but its signature's.
pub fn prepare(
    datagram: &[u8],
    msg: &RasMessage,
    gatekeeper: &str,
    now_unix_s: u64,
    max_skew_s: u64,
    trust: &TrustStore,
) -> Result<PreparedToken, TokenError> {
    let token = tokens(msg).and_then(|ts| ts.iter().find(|t| is_ours(t))).ok_or(TokenError::Missing)?;
    let recipient = token.general_id.as_ref().ok_or(TokenError::Incomplete("generalID"))?;
    let recipient = ras::text(&recipient.0);
    if recipient != gatekeeper {
        return Err(TokenError::WrongRecipient(recipient));
    }
    let timestamp = token.time_stamp.as_ref().ok_or(TokenError::Incomplete("timeStamp"))?.0;
    let skew = i64::from(timestamp) - now_unix_s as i64;
    if skew.unsigned_abs() > max_skew_s {
        return Err(TokenError::Stale(skew));
    }
    let random = token.random.as_ref().ok_or(TokenError::Incomplete("random"))?;
    let random =
        u64::try_from(&random.0).ok().filter(|r| *r < 1 << 31).ok_or(TokenError::Incomplete("random below 2^31"))?;
    let sender = token.senders_id.as_ref().ok_or(TokenError::Incomplete("sendersID"))?;
    let agent = ras::text(&sender.0);
    let sig = token
        .non_standard
        .as_ref()
        .filter(|n| n.non_standard_identifier == ras::oid(SIGNATURE_OID))
        .ok_or(TokenError::Incomplete("IF-GK-SIGNATURE"))?;
    let sig: [u8; SIGNATURE_LEN] = sig.data.as_ref().try_into().map_err(|_| TokenError::BadLength)?;
    // The first octet is compared before the rest: a call to memcmp per window cost more than
    // the rest of the gatekeeper's work on an ARQ.
    let at: Vec<usize> = datagram
        .windows(SIGNATURE_LEN)
        .enumerate()
        .filter(|(_, w)| w[0] == sig[0] && *w == sig)
        .map(|(i, _)| i)
        .collect();
    if at.len() != 1 {
        return Err(TokenError::NotUnique(at.len()));
    }
    let mut input = signing_input(datagram);
    let start = SIGNING_PREFIX.len() + at[0];
    input[start..start + SIGNATURE_LEN].fill(0);
    let keys: Vec<VerifyingKey> = trust.keys_of(&agent).map(|k| k.key).collect();
    if keys.is_empty() {
        return Err(TokenError::UnknownSender(agent));
    }
    let signed = crate::message::Prepared { key: keys[0], signature: Signature::from_bytes(&sig), signed: input };
    Ok(PreparedToken { agent, timestamp, random, keys, signed })
}

/// The (timestamp, random) pairs accepted within the freshness window, per agent: a token seen
/// twice is a replay. A token older than the window is refused as stale anyway, so entries are forgotten
/// once they leave it. Bounded: when full, new tokens are refused until old ones expire.
pub struct ReplayWindow {
    seen: HashMap<(String, u32, u64), u64>,
    order: VecDeque<(u64, String, u32, u64)>,
    window_s: u64,
    capacity: usize,
}

impl ReplayWindow {
    pub fn new(window_s: u64, capacity: usize) -> Self {
        ReplayWindow { seen: HashMap::new(), order: VecDeque::new(), window_s, capacity }
    }

    /// Records the token, or says it was seen.
    pub fn accept(&mut self, token: &Verified, now_unix_s: u64) -> Result<(), TokenError> {
        while let Some((at, ..)) = self.order.front() {
            if at + 2 * self.window_s >= now_unix_s {
                break;
            }
            let (_, agent, timestamp, random) = self.order.pop_front().expect("front exists");
            self.seen.remove(&(agent, timestamp, random));
        }
        let key = (token.agent.clone(), token.timestamp, token.random);
        if self.seen.contains_key(&key) {
            return Err(TokenError::Replayed(token.agent.clone()));
        }
        if self.seen.len() >= self.capacity {
            return Err(TokenError::WindowFull(self.capacity));
        }
        self.seen.insert(key, now_unix_s);
        self.order.push_back((now_unix_s, token.agent.clone(), token.timestamp, token.random));
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}
