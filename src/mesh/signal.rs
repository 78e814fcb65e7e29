//! The signaling protocol: JSON text frames over a WebSocket, between an agent and the signal
//! server. [`parse_client`] is the server's parser of what agents send (pure, fuzzed, with a
//! hostile corpus in `tests/data/mesh/`); [`ServerFrame`] is what the server sends, and what
//! agents parse with [`parse_server`].
//!
//! Client to server:
//! - `{"type":"join","message":M}`: M a signed IFMessage whose `content` is
//!   `{"mesh":"join","room":ROOM}`; its sender is the agent joining. First frame only.
//! - `{"type":"signal","to":AGENT,"kind":"offer"|"answer"|"candidate","sdp":TEXT}`: relayed to
//!   AGENT in the same room as `{"type":"signal","from":ME,...}`.
//! - `{"type":"leave"}`: leave the room (closing the connection does the same).
//!
//! Server to client: `welcome` (the room's other members), `refused` (why; the connection then
//! closes), `joined` and `left` (presence), `signal` (relayed), `error` (a bad frame; closes).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The most bytes of one frame either side accepts: an SDP with its candidates is a few KiB.
pub const MAX_FRAME: usize = 64 * 1024;
/// The longest room name.
pub const MAX_ROOM_NAME: usize = 128;

/// What an SDP relay carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignalKind {
    Offer,
    Answer,
    Candidate,
}

impl SignalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Offer => "offer",
            SignalKind::Answer => "answer",
            SignalKind::Candidate => "candidate",
        }
    }
}

/// A frame from an agent, parsed.
#[derive(Clone, Debug, PartialEq)]
pub enum ClientFrame {
    /// The signed join message, not yet verified.
    Join(Value),
    Signal {
        to: String,
        kind: SignalKind,
        sdp: String,
    },
    Leave,
}

/// Why a client frame was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseError {
    #[error("frame of {0} bytes is over the limit of {MAX_FRAME}")]
    TooBig(usize),
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("expected an object with a string `type`")]
    NoType,
    #[error("unknown type `{0}`")]
    UnknownType(String),
    #[error("`{0}` is missing or not a string")]
    Field(&'static str),
    #[error("`join` needs `message`, a signed IFMessage object")]
    NoMessage,
    #[error("unknown signal kind `{0}` (offer, answer or candidate)")]
    Kind(String),
    #[error("`to` is not an agent id (if://agent/NAME)")]
    NotAnAgent,
}

/// Parses one text frame from an agent. Duplicate keys are refused (strict JSON).
pub fn parse_client(bytes: &[u8]) -> Result<ClientFrame, ParseError> {
    if bytes.len() > MAX_FRAME {
        return Err(ParseError::TooBig(bytes.len()));
    }
    let value = crate::json::parse_strict(bytes).map_err(|e| ParseError::NotJson(e.to_string()))?;
    let object = value.as_object().ok_or(ParseError::NoType)?;
    let text = |name: &'static str| object.get(name).and_then(Value::as_str).ok_or(ParseError::Field(name));
    match object.get("type").and_then(Value::as_str).ok_or(ParseError::NoType)? {
        "join" => match object.get("message") {
            Some(m @ Value::Object(_)) => Ok(ClientFrame::Join(m.clone())),
            _ => Err(ParseError::NoMessage),
        },
        "signal" => {
            let to = text("to")?;
            crate::keys::check_agent_id(to).map_err(|_| ParseError::NotAnAgent)?;
            let kind = match text("kind")? {
                "offer" => SignalKind::Offer,
                "answer" => SignalKind::Answer,
                "candidate" => SignalKind::Candidate,
                other => return Err(ParseError::Kind(other.chars().take(32).collect())),
            };
            Ok(ClientFrame::Signal { to: to.to_owned(), kind, sdp: text("sdp")?.to_owned() })
        }
        "leave" => Ok(ClientFrame::Leave),
        other => Err(ParseError::UnknownType(other.chars().take(32).collect())),
    }
}

/// A frame from the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ServerFrame {
    Welcome { room: String, agent: String, members: Vec<String> },
    Refused { reason: String },
    Joined { agent: String },
    Left { agent: String, reason: String },
    Signal { from: String, kind: SignalKind, sdp: String },
    Error { reason: String },
}

impl ServerFrame {
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("frames serialise")
    }
}

/// Parses a frame from the server (the agent's side).
pub fn parse_server(text: &str) -> Result<ServerFrame, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The client's frames, as agents write them.
pub fn join_frame(message: &Value) -> String {
    serde_json::json!({"type": "join", "message": message}).to_string()
}

pub fn signal_frame(to: &str, kind: SignalKind, sdp: &str) -> String {
    serde_json::json!({"type": "signal", "to": to, "kind": kind, "sdp": sdp}).to_string()
}

/// The room a join message asks for, from its signed content: `{"mesh":"join","room":R}`.
pub fn join_room(message: &crate::message::IfMessage) -> Result<String, String> {
    if message.content.get("mesh").and_then(Value::as_str) != Some("join") {
        return Err("the join message's content.mesh is not \"join\"".into());
    }
    let room = message.content.get("room").and_then(Value::as_str).ok_or("the join message has no content.room")?;
    if room.is_empty() || room.len() > MAX_ROOM_NAME || room.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(format!("room name must be 1 to {MAX_ROOM_NAME} printable characters without spaces"));
    }
    Ok(room.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_frames_parse_and_hostile_ones_are_named() {
        assert_eq!(
            parse_client(br#"{"type":"signal","to":"if://agent/b","kind":"offer","sdp":"v=0"}"#),
            Ok(ClientFrame::Signal { to: "if://agent/b".into(), kind: SignalKind::Offer, sdp: "v=0".into() })
        );
        assert_eq!(parse_client(br#"{"type":"leave"}"#), Ok(ClientFrame::Leave));
        assert!(matches!(parse_client(br#"{"type":"join","message":{"a":1}}"#), Ok(ClientFrame::Join(_))));
        for (bytes, wanted) in [
            (&br#"{"type":"join","message":"x"}"#[..], ParseError::NoMessage),
            (br#"[1]"#, ParseError::NoType),
            (br#"{"type":7}"#, ParseError::NoType),
            (br#"{"type":"dance"}"#, ParseError::UnknownType("dance".into())),
            (br#"{"type":"signal","to":"bob","kind":"offer","sdp":""}"#, ParseError::NotAnAgent),
            (
                br#"{"type":"signal","to":"if://agent/b","kind":"rollback","sdp":""}"#,
                ParseError::Kind("rollback".into()),
            ),
            (br#"{"type":"signal","to":"if://agent/b","kind":"offer"}"#, ParseError::Field("sdp")),
        ] {
            assert_eq!(parse_client(bytes), Err(wanted), "{}", String::from_utf8_lossy(bytes));
        }
        assert!(matches!(parse_client(br#"{"type":"leave","type":"join"}"#), Err(ParseError::NotJson(_))));
        assert!(matches!(parse_client(&vec![b' '; MAX_FRAME + 1]), Err(ParseError::TooBig(_))));
    }

    #[test]
    fn server_frames_round_trip() {
        let frame = ServerFrame::Signal { from: "if://agent/a".into(), kind: SignalKind::Answer, sdp: "v=0".into() };
        assert_eq!(frame.to_text(), r#"{"type":"signal","from":"if://agent/a","kind":"answer","sdp":"v=0"}"#);
        assert_eq!(parse_server(&frame.to_text()), Ok(frame));
    }
}
