//! `if-mcu`: the Guardian Council's MCU. Registers with the gatekeeper as a multipoint
//! controller, takes H.225.0 calls on its call signalling address, admits each through the
//! gatekeeper (answer-ARQ with the call description), mixes the conference (mix-minus), and
//! writes every step as a signed event.

use super::EXIT_OK;
use crate::h323::call::CallConfig;
use crate::h323::endpoint::{Endpoint, EndpointConfig, EndpointRecord};
use crate::h323::endpoint_driver;
use crate::h323::mcu::{Control, CouncilRecord, Mcu, McuConfig, McuRecord, Target};
use crate::h323::mcu_driver::{self, Apply, McuInput, McuIo, McuLimits, McuSink};
use crate::jsonl::DEFAULT_MAX_LINE;
use crate::keys::{SecretKey, TrustStore};
use crate::message::{MessageFactory, Performative, ReplayGuard, VerifyError};
use crate::pipeline::{self, EventWriter, IncomingCheck, Intake, OnError, OnOutputLoss, Rejection, StdinLine};
use crate::policy::council::{Choice, MAX_WINDOW_MS};
use crate::policy::Policy;
use crate::time::now_millis;
use anyhow::Context;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr, TcpListener, UdpSocket};
use std::path::PathBuf;

pub struct ServeOptions {
    /// The call signalling address (TCP).
    pub listen: SocketAddr,
    /// The gatekeeper's RAS address.
    pub gatekeeper: SocketAddr,
    /// Signs the admission tokens and the events.
    pub key: PathBuf,
    /// Trusted keys of call descriptions (their trace ids), beside the policy's.
    pub trust: Vec<PathBuf>,
    pub policy: Option<PathBuf>,
    /// The alias registered (the council's).
    pub alias: String,
    pub max_participants: usize,
    /// Where the calls' RTP and RTCP sockets bind (port 0 each).
    pub rtp_bind: IpAddr,
    /// The RAS socket's address [default: the address routed to the gatekeeper, port 0].
    pub ras_listen: Option<SocketAddr>,
    pub limits: McuLimits,
    pub max_frame: usize,
    /// Agents whose signed lines on stdin may control the conference.
    pub controllers: Vec<String>,
    /// Each conference's mix is recorded here as WAV.
    pub record_dir: Option<PathBuf>,
    /// Janus AudioBridge mixes instead of the MCU (`--mixer janus`).
    pub janus: Option<crate::h323::mcu_janus::JanusConfig>,
    pub on_audit_loss: OnOutputLoss,
}

struct Sink<'a> {
    events: &'a EventWriter,
    check: IncomingCheck,
    intake: Intake,
    controllers: Vec<String>,
    stdin_failed: bool,
}

/// The choice a vote's performative stands for.
fn choice_of(p: Performative) -> Option<Choice> {
    match p {
        Performative::Agree => Some(Choice::Agree),
        Performative::Refuse => Some(Choice::Refuse),
        Performative::Contradict => Some(Choice::Contradict),
        Performative::Hold => Some(Choice::Hold),
        _ => None,
    }
}

/// The SHA-256 a vote is named by: of its signed message's RFC 8785 canonical form (what
/// `if-msg` writes, and the witness log stores), hex. A third party recomputes it from the line.
pub fn vote_digest(message: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(crate::json::canonical(message)))
}

/// What a line that did not verify claims to be, if a vote: its claimed sender and choice.
fn claimed_vote(line: &[u8]) -> Option<(Option<String>, Choice)> {
    let v: serde_json::Value = serde_json::from_slice(line).ok()?;
    let choice = Choice::from_performative(v.get("performative")?.as_str()?)?;
    Some((v.get("sender").and_then(|s| s.as_str()).map(str::to_owned), choice))
}

/// The short name of why a line did not verify, for a `vote_refused` record.
fn rejection_code(r: &Rejection) -> &'static str {
    match r {
        Rejection::Message(VerifyError::BadSignature | VerifyError::BadSignatureEncoding) => "signature",
        Rejection::Message(VerifyError::Untrusted(_)) => "untrusted",
        Rejection::Message(VerifyError::Replay(_)) => "replayed",
        _ => "malformed",
    }
}

/// A control line's command: its content's `command` (mute, unmute, kick, gain, lock, unlock)
/// and `participant` (an alias, or the number the MCU's events give); `invite` takes
/// `destination` and the `line` itself (signed, verified) as the call's description.
fn command_of(content: &serde_json::Map<String, serde_json::Value>, line: &[u8]) -> Result<Control, String> {
    let target = || match content.get("participant") {
        Some(serde_json::Value::String(s)) => Ok(Target::Alias(s.clone())),
        Some(serde_json::Value::Number(n)) if n.as_u64().is_some() => Ok(Target::Number(n.as_u64().unwrap_or(0))),
        _ => Err("content.participant (an alias or a number) is missing".to_owned()),
    };
    let command = content.get("command").and_then(|c| c.as_str()).ok_or("content.command is missing")?;
    Ok(match command {
        "mute" => Control::Mute(target()?),
        "unmute" => Control::Unmute(target()?),
        "kick" => Control::Kick(target()?),
        "gain" => {
            let db = content.get("gain_db").and_then(|g| g.as_f64()).ok_or("content.gain_db is missing")?;
            Control::Gain(target()?, db)
        }
        "lock" => Control::Lock,
        "unlock" => Control::Unlock,
        "record" => match content.get("on").and_then(|o| o.as_bool()) {
            Some(on) => Control::Record(on),
            None => return Err("content.on (true or false) is missing".to_owned()),
        },
        "call_vote" => {
            let conversation = content
                .get("conversation_id")
                .and_then(|c| c.as_str())
                .ok_or("content.conversation_id (the escalation's if://conversation/...) is missing")?;
            let question = content.get("question").and_then(|q| q.as_str()).ok_or("content.question is missing")?;
            let window_ms = match content.get("window_s") {
                None => None,
                Some(w) => match w.as_u64().filter(|w| (1..=MAX_WINDOW_MS / 1000).contains(w)) {
                    Some(w) => Some(w * 1000),
                    None => return Err(format!("content.window_s must be 1..={}", MAX_WINDOW_MS / 1000)),
                },
            };
            Control::CallVote { conversation: conversation.to_owned(), question: question.to_owned(), window_ms }
        }
        "close_vote" => Control::CloseVote,
        "invite" => {
            let destination = content
                .get("destination")
                .and_then(|d| d.as_str())
                .ok_or("content.destination (the alias to call, e.g. sip:expert@example.org) is missing")?;
            Control::Invite { destination: destination.to_owned(), description: line.to_vec() }
        }
        other => {
            return Err(format!(
            "unknown command `{other}` (mute, unmute, kick, gain, lock, unlock, record, call_vote, close_vote, invite)"
        ))
        }
    })
}

impl McuSink<StdinLine> for Sink<'_> {
    fn input(&mut self, line: StdinLine, apply: &mut Apply) {
        if let StdinLine::Failed(e) = &line {
            tracing::error!("stdin: {e}");
            self.stdin_failed = true;
        }
        let Some((number, bytes)) = self.intake.take(line) else { return };
        let verified = match self.check.check_line(&bytes) {
            Ok(v) => v,
            Err(reason) => {
                // A vote that does not verify is refused on the record, its sender only claimed.
                if let Some((claimed, choice)) = claimed_vote(&bytes) {
                    self.events.emit(&CouncilRecord {
                        step: "vote_refused",
                        claimed_agent: claimed,
                        choice: Some(choice),
                        reason: Some(reason.to_string()),
                        refusal: Some(rejection_code(&reason)),
                        ..Default::default()
                    });
                }
                return self.intake.reject(number, &reason);
            }
        };
        if let Some(choice) = choice_of(verified.message.performative) {
            // A guardian's vote: on the record as received, then counted or refused.
            let vote = Control::Vote {
                conversation: verified.message.conversation_id.clone(),
                choice,
                sha256: vote_digest(&verified.value),
            };
            self.events.line(bytes);
            if let Err(e) = apply(vote, &verified.message.sender, verified.message.trace_id.clone()) {
                self.intake.reject(number, &e);
            }
            return;
        }
        let sender = verified.message.sender.clone();
        if !self.controllers.contains(&sender) {
            return self.intake.reject(number, &format!("`{sender}` may not control the conference (--controller)"));
        }
        let command = match command_of(&verified.message.content, &bytes) {
            Ok(c) => c,
            Err(reason) => return self.intake.reject(number, &reason),
        };
        // The controller's signed line is on the record before what it caused.
        self.events.line(bytes);
        if let Err(e) = apply(command, &sender, verified.message.trace_id.clone()) {
            self.intake.reject(number, &e);
        }
    }

    fn record(&mut self, record: &McuRecord) {
        self.events.emit(record);
    }
    fn council(&mut self, record: &CouncilRecord) {
        self.events.emit(record);
    }
    fn input_failed(&self) -> bool {
        self.stdin_failed
    }
    fn ras(&mut self, record: &EndpointRecord) {
        self.events.emit(record);
    }
    fn admitting(&self) -> bool {
        self.events.admitting()
    }
}

pub fn serve(o: ServeOptions) -> anyhow::Result<u8> {
    let policy = match &o.policy {
        Some(p) => Policy::load(p)?,
        None => Policy::default(),
    };
    let mut trust = policy.trust.clone();
    if let Some(extra) = TrustStore::load_all(&o.trust)? {
        trust.extend(extra);
    }
    let trust_for_control = trust.clone();
    let token_key = SecretKey::load(&o.key)?;
    let factory = MessageFactory::new(SecretKey::load(&o.key)?, 64);
    let listener = TcpListener::bind(o.listen).with_context(|| format!("listen on {}", o.listen))?;
    let call_signal = listener.local_addr()?;
    let ras_listen = match o.ras_listen {
        Some(l) => l,
        None => endpoint_driver::local_towards(o.gatekeeper)
            .with_context(|| format!("no route to the gatekeeper {}", o.gatekeeper))?,
    };
    let ras = UdpSocket::bind(ras_listen).with_context(|| format!("bind {ras_listen}"))?;
    let endpoint = Endpoint::new(
        EndpointConfig {
            gatekeeper: o.gatekeeper,
            ras_address: ras.local_addr()?,
            call_signal,
            aliases: vec![o.alias.clone()],
            key: Some(token_key),
            ttl_s: None,
            mc: true,
            wall_clock_offset_ms: now_millis(),
        },
        Box::new(|| OsRng.next_u32()),
    );
    let mcu = Mcu::new(
        McuConfig {
            call: CallConfig { max_frame: o.max_frame, alias: o.alias.clone(), ..CallConfig::default() },
            max_participants: o.max_participants,
            wall_clock_offset_ms: now_millis(),
            council: policy.council,
            external_mixer: o.janus.as_ref().map(|_| "janus"),
        },
        trust,
        Box::new(|| OsRng.next_u32()),
    );
    if o.janus.is_some() && o.record_dir.is_some() {
        anyhow::bail!("--record is not available with --mixer janus: the MCU does not see the mix");
    }
    if let Some(dir) = &o.record_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("recordings in {}", dir.display()))?;
    }
    // Control lines and votes: signature, trust, and replay (nonce, sequence, freshness within
    // the policy's clock skew), so that a vote or a command counts once.
    let skew_ms = policy.gates.max_clock_skew_s as i64 * 1000;
    let check = IncomingCheck::new(Some(trust_for_control)).with_replay(Some(ReplayGuard::default()), Some(skew_ms));
    let events = EventWriter::stdout(Some(factory), "h323-mcu", o.on_audit_loss);
    let mut sink = Sink {
        events: &events,
        check,
        intake: Intake::new(OnError::Skip),
        controllers: o.controllers.clone(),
        stdin_failed: false,
    };
    let io = McuIo {
        listener,
        ras,
        rtp_bind: o.rtp_bind,
        limits: o.limits,
        record_dir: o.record_dir.clone(),
        janus: o.janus.clone(),
    };
    let ran = mcu_driver::run(mcu, endpoint, io, &mut sink, |feed| {
        pipeline::spawn_stdin(feed, DEFAULT_MAX_LINE, |l| endpoint_driver::EndpointInput::Input(McuInput::Tool(l)))
    });
    let Sink { intake, .. } = sink;
    let input = intake.finish();
    events.finish()?;
    // A failed stdin is fatal (exit 2): the control stream can no longer be trusted to be whole.
    input?;
    let endpoint = ran.with_context(|| format!("MCU on {call_signal}"))?;
    if let Some(e) = endpoint.failure() {
        anyhow::bail!("gatekeeper {}: {e}", o.gatekeeper);
    }
    Ok(EXIT_OK)
}
