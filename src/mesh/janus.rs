//! A client of Janus's TextRoom plugin (`janus.plugin.textroom`), for rooms too big for a full
//! mesh: Janus relays DataChannel messages as an SFU. Sans-IO: the Janus API's frames and the
//! DataChannel's texts in ([`JanusClient::handle_api`], [`JanusClient::handle_data`]), time in
//! ([`JanusClient::handle_timeout`]), requests and what happened out ([`JanusClient::poll_output`]).
//! The driver (`mesh::textroom`) owns the WebSocket, the socket and the str0m connection.
//!
//! The sequence: `create` a session, `attach` the plugin, `setup` (Janus answers with a JSEP
//! offer), our answer in an `ack` (`"trickle": false`: our candidate is in it), our own
//! DataChannel `JanusDataChannel` (TextRoom does not open one), then, on that channel, `join`
//! the room with the agent id as the username, `message` requests out and `message`, `join` and
//! `leave` events in. A keepalive every 25 s holds the session (Janus drops it after 60 s).

use serde_json::{json, Value};
use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

/// The label Janus's TextRoom expects of the client's DataChannel.
pub const CHANNEL_LABEL: &str = "JanusDataChannel";

/// Under Janus's default session timeout (60 s).
pub const KEEPALIVE_EVERY: Duration = Duration::from_secs(25);

/// How long each step of the setup may wait for Janus.
pub const STEP_WITHIN: Duration = Duration::from_secs(10);

/// A join refused because the username is taken (TextRoom's error 420) is tried again every
/// second for this long: an agent that restarts finds its old session in the room until Janus
/// drops it (at once when its WebSocket closed, within `session_timeout`, 60 s by default,
/// when it died unseen). Past this, the refusal ends the agent.
pub const USERNAME_RETRY_FOR: Duration = Duration::from_secs(75);
const USERNAME_RETRY_EVERY: Duration = Duration::from_secs(1);
/// TextRoom's error code for a username already in the room.
const USERNAME_EXISTS: u64 = 420;

/// Sends waiting for Janus's acknowledgement; past this the oldest is forgotten.
const MAX_UNACKED: usize = 4096;

#[derive(Debug, PartialEq, Eq)]
pub enum JanusOutput {
    /// A frame for Janus's WebSocket API.
    Api(String),
    /// Janus's JSEP offer: answer it with a connection that opens [`CHANNEL_LABEL`] itself,
    /// then call [`JanusClient::answered`].
    Offer(String),
    /// A candidate Janus trickled.
    Candidate(String),
    /// A TextRoom request for the DataChannel.
    Data(String),
    /// In the room; the members already there.
    Joined(Vec<String>),
    MemberJoined(String),
    MemberLeft(String),
    /// The text of a TextRoom message from `from` (a username: a claim, not a proof).
    Message {
        from: String,
        text: String,
    },
    /// A message Janus refused to relay.
    SendFailed {
        to: String,
        reason: String,
    },
    /// Refused (an error answer, the join refused, kicked, the room destroyed): the agent stops.
    Failed(String),
    /// The session is lost (Janus hung up or timed it out, a step unanswered): worth a new one.
    Lost(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Create,
    Attach,
    Setup,
    Ack,
    /// The connection to Janus is being made.
    Connecting,
    Join,
    Joined,
    Over,
}

pub struct JanusClient {
    room: u64,
    username: String,
    pin: Option<String>,
    step: Step,
    /// When the current step gives up.
    step_deadline: Option<Instant>,
    session: Option<u64>,
    handle: Option<u64>,
    next_keepalive: Option<Instant>,
    /// When to ask to join again, and since when the username has been found taken.
    join_again_at: Option<Instant>,
    username_taken_since: Option<Instant>,
    next_transaction: u64,
    unacked: BTreeMap<String, String>,
    out: VecDeque<JanusOutput>,
}

fn field<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(k))
}

impl JanusClient {
    /// A client that will join `room` as `username`; the `create` request is its first output.
    pub fn new(now: Instant, room: u64, username: String, pin: Option<String>) -> Self {
        let mut client = JanusClient {
            room,
            username,
            pin,
            step: Step::Create,
            step_deadline: Some(now + STEP_WITHIN),
            session: None,
            handle: None,
            next_keepalive: None,
            join_again_at: None,
            username_taken_since: None,
            next_transaction: 0,
            unacked: BTreeMap::new(),
            out: VecDeque::new(),
        };
        client.api(json!({"janus": "create", "transaction": "create"}));
        client
    }

    pub fn is_joined(&self) -> bool {
        self.step == Step::Joined
    }

    fn api(&mut self, mut v: Value) {
        if let (Some(s), Some(o)) = (self.session, v.as_object_mut()) {
            o.insert("session_id".into(), s.into());
            if let Some(h) = self.handle {
                o.insert("handle_id".into(), h.into());
            }
        }
        self.out.push_back(JanusOutput::Api(v.to_string()));
    }

    fn fail(&mut self, why: String) {
        self.end(JanusOutput::Failed(why));
    }

    fn lose(&mut self, why: String) {
        self.end(JanusOutput::Lost(why));
    }

    fn end(&mut self, output: JanusOutput) {
        if self.step != Step::Over {
            self.step = Step::Over;
            self.step_deadline = None;
            self.next_keepalive = None;
            self.out.push_back(output);
        }
    }

    /// The receivers (`room`, or a list) of every message Janus took but has not acknowledged:
    /// with the session lost, nobody will say whether they were relayed. They are forgotten.
    pub fn take_unacknowledged(&mut self) -> Vec<String> {
        std::mem::take(&mut self.unacked).into_values().collect()
    }

    fn next_step(&mut self, now: Instant, step: Step) {
        self.step = step;
        self.step_deadline = (step != Step::Joined).then_some(now + STEP_WITHIN);
    }

    /// A text frame from Janus's API.
    pub fn handle_api(&mut self, now: Instant, text: &str) {
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return self.fail(format!("Janus sent a frame that is not JSON: {:.80}", text));
        };
        let kind = v.get("janus").and_then(Value::as_str).unwrap_or("");
        let transaction = v.get("transaction").and_then(Value::as_str).unwrap_or("");
        let id = field(&v, &["data", "id"]).and_then(Value::as_u64);
        match (kind, transaction, self.step) {
            ("error", _, _) => {
                let reason = field(&v, &["error", "reason"]).and_then(Value::as_str).unwrap_or("no reason given");
                let code = field(&v, &["error", "code"]).and_then(Value::as_u64).unwrap_or(0);
                self.fail(format!("Janus refused `{transaction}`: {reason} ({code})"));
            }
            ("success", "create", Step::Create) if id.is_some() => {
                self.session = id;
                self.next_keepalive = Some(now + KEEPALIVE_EVERY);
                self.next_step(now, Step::Attach);
                self.api(json!({"janus": "attach", "plugin": "janus.plugin.textroom", "transaction": "attach"}));
            }
            ("success", "attach", Step::Attach) if id.is_some() => {
                self.handle = id;
                self.next_step(now, Step::Setup);
                self.api(json!({"janus": "message", "transaction": "setup", "body": {"request": "setup"}}));
            }
            ("event", "setup", Step::Setup) => match field(&v, &["jsep", "sdp"]).and_then(Value::as_str) {
                Some(sdp) if field(&v, &["jsep", "type"]) == Some(&Value::from("offer")) => {
                    self.next_step(now, Step::Ack);
                    self.out.push_back(JanusOutput::Offer(sdp.to_owned()));
                }
                _ => self.fail(format!("TextRoom's setup brought no offer: {:.200}", text)),
            },
            ("event", "ack", Step::Connecting) => {
                if let Some(e) = field(&v, &["plugindata", "data", "error"]).and_then(Value::as_str) {
                    self.fail(format!("TextRoom refused our answer: {e}"));
                }
            }
            ("trickle", _, _) => {
                if let Some(c) = field(&v, &["candidate", "candidate"]).and_then(Value::as_str) {
                    self.out.push_back(JanusOutput::Candidate(c.to_owned()));
                }
            }
            // The session is over on Janus's side (it expired, or Janus is going away): lost,
            // not refused, so worth a new session.
            ("hangup" | "detached" | "timeout", _, _) => {
                let reason = v.get("reason").and_then(Value::as_str).unwrap_or("");
                self.lose(format!("Janus: {kind} {reason}").trim_end().to_owned());
            }
            // Acknowledgements of requests and keepalives, media and webrtcup notices.
            _ => {}
        }
    }

    /// Our answer to Janus's offer (our candidates in it): sent in TextRoom's `ack`.
    pub fn answered(&mut self, now: Instant, sdp: &str) {
        if self.step != Step::Ack {
            return;
        }
        self.next_step(now, Step::Connecting);
        let jsep = json!({"type": "answer", "sdp": sdp, "trickle": false});
        self.api(json!({"janus": "message", "transaction": "ack", "body": {"request": "ack"}, "jsep": jsep}));
    }

    /// Our DataChannel is open: join the room on it.
    pub fn channel_open(&mut self, now: Instant) {
        if self.step != Step::Connecting {
            return;
        }
        self.join(now);
    }

    fn join(&mut self, now: Instant) {
        self.next_step(now, Step::Join);
        let mut join = json!({"textroom": "join", "transaction": "join", "room": self.room, "username": self.username});
        if let Some(pin) = &self.pin {
            join["pin"] = pin.clone().into();
        }
        self.out.push_back(JanusOutput::Data(join.to_string()));
    }

    /// A text on the DataChannel: an answer of TextRoom's or an event of the room.
    pub fn handle_data(&mut self, now: Instant, text: &str) {
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            tracing::debug!("janus: a DataChannel text that is not JSON: {:.80}", text);
            return;
        };
        let kind = v.get("textroom").and_then(Value::as_str).unwrap_or("");
        let transaction = v.get("transaction").and_then(Value::as_str).unwrap_or("");
        let username = v.get("username").and_then(Value::as_str).map(str::to_owned);
        let in_room = v.get("room").and_then(Value::as_u64) == Some(self.room);
        match kind {
            "success" if transaction == "join" && self.step == Step::Join => {
                self.step = Step::Joined;
                self.step_deadline = None;
                let members = v
                    .get("participants")
                    .and_then(Value::as_array)
                    .map(|ps| {
                        ps.iter()
                            .filter_map(|p| p.get("username").and_then(Value::as_str))
                            .filter(|u| *u != self.username)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                self.out.push_back(JanusOutput::Joined(members));
            }
            "success" => {
                self.unacked.remove(transaction);
            }
            "error" if transaction == "join" && self.step == Step::Join => {
                let reason = v.get("error").and_then(Value::as_str).unwrap_or("no reason given").to_owned();
                let taken = v.get("error_code").and_then(Value::as_u64) == Some(USERNAME_EXISTS);
                let since = *self.username_taken_since.get_or_insert(now);
                if taken && now - since < USERNAME_RETRY_FOR {
                    if since == now {
                        tracing::warn!(
                            "TextRoom room {}: {reason} (an old session of ours?): joining again every {} s for up to {} s",
                            self.room,
                            USERNAME_RETRY_EVERY.as_secs(),
                            USERNAME_RETRY_FOR.as_secs()
                        );
                    }
                    self.step_deadline = None;
                    self.join_again_at = Some(now + USERNAME_RETRY_EVERY);
                } else {
                    let tried = if taken { format!(" (for {} s)", (now - since).as_secs()) } else { String::new() };
                    self.fail(format!("TextRoom refused the join to room {}: {reason}{tried}", self.room));
                }
            }
            "error" => {
                let reason = v.get("error").and_then(Value::as_str).unwrap_or("no reason given").to_owned();
                if let Some(to) = self.unacked.remove(transaction) {
                    self.out.push_back(JanusOutput::SendFailed { to, reason });
                }
            }
            "join" if in_room => match username {
                Some(u) if u != self.username => self.out.push_back(JanusOutput::MemberJoined(u)),
                _ => {}
            },
            "leave" | "kicked" if in_room => match username {
                Some(u) if u == self.username => self.fail(format!("{kind} from room {}", self.room)),
                Some(u) => self.out.push_back(JanusOutput::MemberLeft(u)),
                None => {}
            },
            "destroyed" if in_room => self.fail(format!("room {} was destroyed", self.room)),
            "message" if in_room => {
                let from = v.get("from").and_then(Value::as_str);
                match (from, v.get("text").and_then(Value::as_str)) {
                    // TextRoom hands a sender its own messages to the room back: not news.
                    (Some(from), _) if from == self.username => {}
                    (Some(from), Some(text)) => {
                        self.out.push_back(JanusOutput::Message { from: from.to_owned(), text: text.to_owned() })
                    }
                    _ => tracing::debug!("janus: a message without from or text"),
                }
            }
            _ => {}
        }
    }

    /// A TextRoom `message` carrying `text` to `to` (usernames), or to the room when empty.
    pub fn send(&mut self, text: &str, to: &[String]) {
        self.next_transaction += 1;
        let transaction = format!("m{}", self.next_transaction);
        let mut request =
            json!({"textroom": "message", "transaction": transaction, "room": self.room, "text": text, "ack": true});
        if !to.is_empty() {
            request["tos"] = to.into();
        }
        if self.unacked.len() >= MAX_UNACKED {
            self.unacked.pop_first();
        }
        let named = if to.is_empty() { "the room".to_owned() } else { to.join(",") };
        self.unacked.insert(transaction, named);
        self.out.push_back(JanusOutput::Data(request.to_string()));
    }

    /// Leaving: the room on the channel, then the session.
    pub fn leave(&mut self) {
        if self.step == Step::Joined {
            let leave = json!({"textroom": "leave", "transaction": "leave", "room": self.room});
            self.out.push_back(JanusOutput::Data(leave.to_string()));
        }
        if self.session.is_some() {
            self.handle = None;
            self.api(json!({"janus": "destroy", "transaction": "destroy"}));
        }
        self.step = Step::Over;
        self.step_deadline = None;
        self.next_keepalive = None;
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        if self.step == Step::Join && self.join_again_at.is_some_and(|at| now >= at) {
            self.join_again_at = None;
            self.join(now);
        }
        if self.step_deadline.is_some_and(|d| now >= d) {
            let step = format!("{:?}", self.step).to_lowercase();
            self.lose(format!("Janus did not answer `{step}` within {} s", STEP_WITHIN.as_secs()));
        }
        if self.next_keepalive.is_some_and(|k| now >= k) {
            self.next_keepalive = Some(now + KEEPALIVE_EVERY);
            let handle = self.handle.take();
            self.api(json!({"janus": "keepalive", "transaction": "keepalive"}));
            self.handle = handle;
        }
    }

    pub fn poll_timeout(&self) -> Option<Instant> {
        [self.step_deadline, self.next_keepalive, self.join_again_at].into_iter().flatten().min()
    }

    pub fn poll_output(&mut self) -> Option<JanusOutput> {
        self.out.pop_front()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(out: Option<JanusOutput>) -> Value {
        match out {
            Some(JanusOutput::Api(t)) => serde_json::from_str(&t).unwrap(),
            other => panic!("not an API frame: {other:?}"),
        }
    }

    fn data(out: Option<JanusOutput>) -> Value {
        match out {
            Some(JanusOutput::Data(t)) => serde_json::from_str(&t).unwrap(),
            other => panic!("not a DataChannel text: {other:?}"),
        }
    }

    #[test]
    fn the_setup_joins_the_room_and_keeps_the_session_alive_on_a_fake_clock() {
        let t0 = Instant::now();
        let mut c = JanusClient::new(t0, 1234, "if://agent/alpha".into(), Some("pin1".into()));
        assert_eq!(api(c.poll_output())["janus"], "create");
        c.handle_api(t0, r#"{"janus":"success","transaction":"create","data":{"id":7}}"#);
        let attach = api(c.poll_output());
        assert_eq!(
            (attach["plugin"].as_str(), attach["session_id"].as_u64()),
            (Some("janus.plugin.textroom"), Some(7))
        );
        c.handle_api(t0, r#"{"janus":"success","transaction":"attach","data":{"id":9}}"#);
        let setup = api(c.poll_output());
        assert_eq!((setup["body"]["request"].as_str(), setup["handle_id"].as_u64()), (Some("setup"), Some(9)));
        c.handle_api(t0, r#"{"janus":"ack","transaction":"setup"}"#);
        assert_eq!(c.poll_output(), None);
        c.handle_api(t0, r#"{"janus":"event","transaction":"setup","jsep":{"type":"offer","sdp":"v=0 offer"}}"#);
        assert_eq!(c.poll_output(), Some(JanusOutput::Offer("v=0 offer".into())));
        c.answered(t0, "v=0 answer");
        let ack = api(c.poll_output());
        assert_eq!(ack["jsep"], json!({"type": "answer", "sdp": "v=0 answer", "trickle": false}));
        c.handle_api(t0, r#"{"janus":"trickle","candidate":{"candidate":"candidate:1 1 udp 1 127.0.0.2 5 typ host"}}"#);
        assert!(matches!(c.poll_output(), Some(JanusOutput::Candidate(_))));
        c.channel_open(t0);
        let join = data(c.poll_output());
        assert_eq!(
            join,
            json!({"textroom": "join", "transaction": "join", "room": 1234, "username": "if://agent/alpha", "pin": "pin1"})
        );
        c.handle_data(
            t0,
            r#"{"textroom":"success","transaction":"join","participants":[{"username":"if://agent/bravo"}]}"#,
        );
        assert_eq!(c.poll_output(), Some(JanusOutput::Joined(vec!["if://agent/bravo".into()])));
        assert!(c.is_joined());
        // Presence and messages of the room; our own join is not a member's.
        c.handle_data(t0, r#"{"textroom":"join","room":1234,"username":"if://agent/alpha"}"#);
        c.handle_data(t0, r#"{"textroom":"join","room":1234,"username":"if://agent/carol"}"#);
        c.handle_data(t0, r#"{"textroom":"join","room":99,"username":"if://agent/other-room"}"#);
        c.handle_data(t0, r#"{"textroom":"message","room":1234,"from":"if://agent/carol","text":"{}"}"#);
        c.handle_data(t0, r#"{"textroom":"message","room":1234,"from":"if://agent/alpha","text":"{}"}"#);
        c.handle_data(t0, r#"{"textroom":"leave","room":1234,"username":"if://agent/carol"}"#);
        assert_eq!(c.poll_output(), Some(JanusOutput::MemberJoined("if://agent/carol".into())));
        assert_eq!(c.poll_output(), Some(JanusOutput::Message { from: "if://agent/carol".into(), text: "{}".into() }));
        assert_eq!(c.poll_output(), Some(JanusOutput::MemberLeft("if://agent/carol".into())));
        // A whisper Janus refuses is a failed send.
        c.send("{}", &["if://agent/nobody".into()]);
        let m = data(c.poll_output());
        assert_eq!((m["tos"].clone(), m["ack"].clone()), (json!(["if://agent/nobody"]), json!(true)));
        let refusal =
            json!({"textroom": "error", "transaction": m["transaction"], "error_code": 421, "error": "No such user"});
        c.handle_data(t0, &refusal.to_string());
        assert_eq!(
            c.poll_output(),
            Some(JanusOutput::SendFailed { to: "if://agent/nobody".into(), reason: "No such user".into() })
        );
        // Keepalives every 25 s, on the session, not the handle.
        assert_eq!(c.poll_timeout(), Some(t0 + KEEPALIVE_EVERY));
        c.handle_timeout(t0 + KEEPALIVE_EVERY);
        let k = api(c.poll_output());
        assert_eq!(
            (k["janus"].as_str(), k["session_id"].as_u64(), k.get("handle_id")),
            (Some("keepalive"), Some(7), None)
        );
        assert_eq!(c.poll_timeout(), Some(t0 + KEEPALIVE_EVERY * 2));
        // A message Janus took and never acknowledged is named when the session is lost.
        c.send("unanswered", &[]);
        assert!(matches!(c.poll_output(), Some(JanusOutput::Data(_))));
        c.handle_api(t0, r#"{"janus":"hangup","reason":"DTLS alert"}"#);
        assert_eq!(c.poll_output(), Some(JanusOutput::Lost("Janus: hangup DTLS alert".into())));
        assert_eq!(c.poll_timeout(), None);
        assert_eq!(c.take_unacknowledged(), ["the room"]);
        assert!(c.take_unacknowledged().is_empty(), "named once");
    }

    #[test]
    fn an_unanswered_step_loses_the_session_and_a_refusal_ends_it() {
        let t0 = Instant::now();
        let mut c = JanusClient::new(t0, 1, "a".into(), None);
        c.poll_output();
        c.handle_timeout(t0 + STEP_WITHIN - Duration::from_millis(1));
        assert_eq!(c.poll_output(), None);
        c.handle_timeout(t0 + STEP_WITHIN);
        assert_eq!(c.poll_output(), Some(JanusOutput::Lost("Janus did not answer `create` within 10 s".into())));
        let mut c = JanusClient::new(t0, 1, "a".into(), None);
        c.handle_api(t0, r#"{"janus":"error","transaction":"create","error":{"code":403,"reason":"Unauthorized"}}"#);
        assert!(matches!(c.poll_output(), Some(JanusOutput::Api(_))));
        assert_eq!(c.poll_output(), Some(JanusOutput::Failed("Janus refused `create`: Unauthorized (403)".into())));
        let mut c = joining(t0);
        c.handle_data(t0, r#"{"textroom":"error","transaction":"join","error_code":433,"error":"Wrong pin"}"#);
        c.handle_api(t0, "not json");
        let last: Vec<JanusOutput> = std::iter::from_fn(|| c.poll_output()).collect();
        assert_eq!(
            last.last(),
            Some(&JanusOutput::Failed("TextRoom refused the join to room 1: Wrong pin".into())),
            "one failure, the first"
        );
    }

    /// A client at its join, its outputs drained.
    fn joining(t0: Instant) -> JanusClient {
        let mut c = JanusClient::new(t0, 1, "a".into(), None);
        c.handle_api(t0, r#"{"janus":"success","transaction":"create","data":{"id":1}}"#);
        c.handle_api(t0, r#"{"janus":"success","transaction":"attach","data":{"id":2}}"#);
        c.handle_api(t0, r#"{"janus":"event","transaction":"setup","jsep":{"type":"offer","sdp":"o"}}"#);
        c.answered(t0, "a");
        c.channel_open(t0);
        while c.poll_output().is_some() {}
        c
    }

    const TAKEN: &str =
        r#"{"textroom":"error","transaction":"join","error_code":420,"error":"Username already taken"}"#;

    #[test]
    fn a_username_still_taken_by_our_old_session_is_joined_again_every_second_until_it_is_free() {
        let t0 = Instant::now();
        let mut c = joining(t0);
        c.handle_data(t0, TAKEN);
        assert_eq!(c.poll_output(), None, "no failure");
        assert_eq!(c.poll_timeout(), Some(t0 + USERNAME_RETRY_EVERY));
        c.handle_timeout(t0 + USERNAME_RETRY_EVERY - Duration::from_millis(1));
        assert_eq!(c.poll_output(), None);
        let t1 = t0 + USERNAME_RETRY_EVERY;
        c.handle_timeout(t1);
        assert_eq!(data(c.poll_output())["textroom"], "join");
        c.handle_data(t1, r#"{"textroom":"success","transaction":"join","participants":[]}"#);
        assert_eq!(c.poll_output(), Some(JanusOutput::Joined(vec![])));
        assert!(c.is_joined());

        // Taken for good: the agent ends, saying how long it tried.
        let mut c = joining(t0);
        let mut now = t0;
        // Keepalives go on meanwhile (every 25 s): set aside.
        let drain = |c: &mut JanusClient| -> Vec<JanusOutput> {
            std::iter::from_fn(|| c.poll_output()).filter(|o| !matches!(o, JanusOutput::Api(_))).collect()
        };
        loop {
            c.handle_data(now, TAKEN);
            if let [out] = drain(&mut c).as_slice() {
                let why = format!("TextRoom refused the join to room 1: Username already taken (for {} s)", 75);
                assert_eq!(*out, JanusOutput::Failed(why));
                break;
            }
            let again = c.poll_timeout().unwrap().min(now + USERNAME_RETRY_EVERY);
            now = again;
            c.handle_timeout(now);
            let outs = drain(&mut c);
            assert!(matches!(outs.as_slice(), [JanusOutput::Data(t)] if t.contains("\"join\"")), "{outs:?}");
            assert!(now - t0 <= USERNAME_RETRY_FOR, "still trying after {:?}", now - t0);
        }
    }
}
