//! What the audit trail keeps of an SDP body (RFC 8866): the connection address and the media
//! lines, enough to see what was offered and answered without storing the whole body.

use serde::Serialize;

/// A summary of the SDP body, for the audit trail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SdpSummary {
    pub connection: Option<String>,
    /// `m=` lines: media, port, protocol, formats.
    pub media: Vec<String>,
}

/// The summary of `body` if it is SDP (text starting with `v=`), else `None`.
pub fn summarise_sdp(body: &[u8]) -> Option<SdpSummary> {
    let text = std::str::from_utf8(body).ok()?;
    if !text.trim_start().starts_with("v=") {
        return None;
    }
    let mut s = SdpSummary::default();
    for line in text.lines() {
        if let Some(c) = line.strip_prefix("c=") {
            s.connection.get_or_insert_with(|| c.trim().to_owned());
        } else if let Some(m) = line.strip_prefix("m=") {
            s.media.push(m.trim().to_owned());
        }
    }
    Some(s)
}
