//! The registrar (RFC 3261 §10.3): REGISTER binds an address-of-record's user to contacts for a
//! while; the router asks for a live contact. Bindings are kept per user part only, since the
//! proxy is the one domain it serves.

use super::message::{SipMessage, Uri};
use super::routing::uri_in;
use crate::time::Millis;
use std::collections::HashMap;

/// The longest and default binding lifetime, in seconds (§10.2.1.1 suggests an hour).
const MAX_EXPIRES_S: u64 = 3600;

/// Bindings per address-of-record unless told otherwise (Kamailio's `max_contacts` is 0,
/// unlimited, by default; with none, one unauthenticated client could grow one AOR's 200 OK
/// past what UDP carries, and every REGISTER for it would go unanswered).
pub const MAX_CONTACTS: usize = 10;

struct Binding {
    contact: String,
    expires: Millis,
}

/// Why a REGISTER was not applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub(super) enum RegisterError {
    /// The To header has no SIP URI with a user part, so there is no address-of-record.
    #[error("Bad To")]
    BadTo,
    /// More bindings than allowed for one address-of-record: nothing was changed. Kamailio's
    /// registrar answers this `503 Too Many Registered Contacts`.
    #[error("Too Many Registered Contacts")]
    TooManyContacts,
}

impl RegisterError {
    /// The status code of the final response.
    pub fn status(&self) -> u16 {
        match self {
            RegisterError::BadTo => 400,
            RegisterError::TooManyContacts => 503,
        }
    }
}

pub(super) struct Registrar {
    bindings: HashMap<String, Vec<Binding>>,
    max_contacts: usize,
}

impl Registrar {
    pub fn new(max_contacts: usize) -> Self {
        Registrar { bindings: HashMap::new(), max_contacts: max_contacts.max(1) }
    }

    /// Applies a REGISTER's Contact headers (`*` removes all; `expires=0` removes one) and
    /// returns the Contact values of the bindings now current, for the 200 OK.
    pub fn register(&mut self, now: Millis, req: &SipMessage) -> Result<Vec<String>, RegisterError> {
        let aor_user = req
            .header("To")
            .and_then(Uri::parse)
            .and_then(|u| u.user.map(str::to_owned))
            .ok_or(RegisterError::BadTo)?;
        let default_expires = req
            .header("Expires")
            .and_then(|e| e.trim().parse::<u64>().ok())
            .unwrap_or(MAX_EXPIRES_S)
            .min(MAX_EXPIRES_S);
        let contacts = req.header_values("Contact");
        let current = self.bindings.entry(aor_user).or_default();
        current.retain(|b| b.expires > now);
        // Applied to a copy: a REGISTER that would leave too many bindings changes none.
        let mut bindings: Vec<Binding> =
            current.iter().map(|b| Binding { contact: b.contact.clone(), expires: b.expires }).collect();
        if contacts.first() == Some(&"*") {
            bindings.clear();
        } else {
            for c in contacts {
                let uri = uri_in(c).to_owned();
                let expires = c
                    .split(';')
                    .find_map(|p| p.trim().strip_prefix("expires=").and_then(|v| v.parse::<u64>().ok()))
                    .unwrap_or(default_expires)
                    .min(MAX_EXPIRES_S);
                bindings.retain(|b| b.contact != uri);
                if expires > 0 {
                    bindings.push(Binding { contact: uri, expires: now + expires * 1000 });
                }
            }
        }
        if bindings.len() > self.max_contacts {
            return Err(RegisterError::TooManyContacts);
        }
        let listed = bindings.iter().map(|b| format!("<{}>;expires={}", b.contact, (b.expires - now) / 1000)).collect();
        *current = bindings;
        Ok(listed)
    }

    /// The contacts bound to `user` that have not expired at `now`, oldest binding first.
    pub fn contacts_for<'a>(&'a self, user: &str, now: Millis) -> impl Iterator<Item = &'a str> + 'a {
        self.bindings.get(user).into_iter().flatten().filter(move |b| b.expires > now).map(|b| b.contact.as_str())
    }
}
