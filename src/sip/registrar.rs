//! The registrar (RFC 3261 §10.3): REGISTER binds an address-of-record's user to contacts for a
//! while; the router asks for a live contact. Bindings are kept per user part only, since the
//! proxy is the one domain it serves.

use super::message::{SipMessage, Uri};
use super::routing::uri_in;
use crate::time::Millis;
use std::collections::HashMap;

/// The longest and default binding lifetime, in seconds (§10.2.1.1 suggests an hour).
const MAX_EXPIRES_S: u64 = 3600;

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
}

#[derive(Default)]
pub(super) struct Registrar {
    bindings: HashMap<String, Vec<Binding>>,
}

impl Registrar {
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
        let bindings = self.bindings.entry(aor_user).or_default();
        bindings.retain(|b| b.expires > now);
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
        Ok(bindings.iter().map(|b| format!("<{}>;expires={}", b.contact, (b.expires - now) / 1000)).collect())
    }

    /// A contact bound to `user` that has not expired at `now`.
    pub fn contact_for(&self, user: &str, now: Millis) -> Option<&str> {
        self.bindings.get(user)?.iter().find(|b| b.expires > now).map(|b| b.contact.as_str())
    }
}
