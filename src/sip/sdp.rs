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

/// The audio of an SDP offer, as a gateway answers it: where the offerer receives RTP (the
/// `m=audio` port at the media or session `c=` address) and the payload types offered, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AudioOffer {
    pub rtp: std::net::SocketAddr,
    pub payload_types: Vec<u8>,
}

/// The first `m=audio` line of an SDP body with its IPv4 connection address; `None` when there is
/// none, its port is 0 (declined) or the address is not IPv4.
pub fn audio_offer(body: &[u8]) -> Option<AudioOffer> {
    let text = std::str::from_utf8(body).ok()?;
    let mut session_c: Option<std::net::IpAddr> = None;
    let mut audio: Option<(u16, Vec<u8>, Option<std::net::IpAddr>)> = None;
    let parse_c = |c: &str| -> Option<std::net::IpAddr> {
        let mut f = c.split_whitespace();
        match (f.next(), f.next(), f.next()) {
            (Some("IN"), Some("IP4"), Some(a)) => a.split('/').next()?.parse().ok(),
            _ => None,
        }
    };
    for line in text.lines().map(str::trim_end) {
        if let Some(c) = line.strip_prefix("c=") {
            match &mut audio {
                Some((_, _, media_c)) => *media_c = media_c.or(parse_c(c)),
                None => session_c = session_c.or(parse_c(c)),
            }
        } else if let Some(m) = line.strip_prefix("m=") {
            if audio.is_some() {
                break;
            }
            let mut f = m.split_whitespace();
            if f.next() == Some("audio") {
                let port: u16 = f.next()?.split('/').next()?.parse().ok()?;
                f.next();
                let pts = f.filter_map(|p| p.parse().ok()).collect();
                audio = Some((port, pts, None));
            }
        }
    }
    let (port, payload_types, media_c) = audio?;
    let ip = media_c.or(session_c)?;
    (port != 0).then(|| AudioOffer { rtp: std::net::SocketAddr::new(ip, port), payload_types })
}

/// An SDP answer taking one G.711 payload type (0 PCMU, 8 PCMA) in 20 ms packets at `rtp`.
pub fn audio_answer(session: u64, rtp: std::net::SocketAddr, payload_type: u8) -> String {
    audio_sdp(session, rtp, &[payload_type])
}

/// An SDP body for G.711 audio at `rtp` in 20 ms packets: an offer of `payload_types` (0 PCMU,
/// 8 PCMA) in preference order, or with one of them an answer.
pub fn audio_sdp(session: u64, rtp: std::net::SocketAddr, payload_types: &[u8]) -> String {
    let list: Vec<String> = payload_types.iter().map(u8::to_string).collect();
    let maps: String = payload_types
        .iter()
        .map(|&pt| format!("a=rtpmap:{pt} {}/8000\r\n", if pt == 8 { "PCMA" } else { "PCMU" }))
        .collect();
    format!(
        "v=0\r\no=ifconnect {session} 1 IN IP4 {ip}\r\ns=ifconnect gateway\r\nc=IN IP4 {ip}\r\nt=0 0\r\n\
         m=audio {port} RTP/AVP {list}\r\n{maps}a=ptime:20\r\na=sendrecv\r\n",
        ip = rtp.ip(),
        port = rtp.port(),
        list = list.join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audio_offer_is_read_from_media_or_session_connection_lines() {
        let baresip = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n\
                       m=audio 10000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";
        let o = audio_offer(baresip.as_bytes()).unwrap();
        assert_eq!((o.rtp, o.payload_types), ("127.0.0.1:10000".parse().unwrap(), vec![0, 8, 101]));
        let media_level =
            "v=0\r\nc=IN IP4 10.0.0.1\r\nm=video 9 RTP/AVP 96\r\nm=audio 4000 RTP/AVP 8\r\nc=IN IP4 10.0.0.2\r\n";
        assert_eq!(audio_offer(media_level.as_bytes()).unwrap().rtp, "10.0.0.2:4000".parse().unwrap());
        assert_eq!(audio_offer(b"v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 0 RTP/AVP 0\r\n"), None, "declined");
        assert_eq!(audio_offer(b"v=0\r\nc=IN IP6 ::1\r\nm=audio 5 RTP/AVP 0\r\n"), None);
        let answer = audio_answer(7, "127.0.0.1:20000".parse().unwrap(), 8);
        assert!(answer.contains("m=audio 20000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n"), "{answer}");
        assert_eq!(audio_offer(answer.as_bytes()).unwrap().payload_types, [8]);
        let offer = audio_sdp(7, "127.0.0.1:20000".parse().unwrap(), &[8, 0]);
        assert!(
            offer.contains("m=audio 20000 RTP/AVP 8 0\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"),
            "{offer}"
        );
    }
}
