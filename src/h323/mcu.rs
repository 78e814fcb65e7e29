//! The Guardian Council's MCU as a pure state machine: the incoming calls ([`IncomingCall`], one
//! per TCP connection), their admission through the gatekeeper (the RAS [`Endpoint`], given to
//! each call that needs it), and the conference's audio ([`Mixer`]: mix-minus every 20 ms).
//! Connections, octets, datagrams and time go in; octets to write, datagrams to send, media
//! sockets to open and records come out (`poll_output`); no sockets, threads or clock.
//!
//! A Setup is answered with CallProceeding and admitted locally first (a call description, room
//! in the conference, admission not stopped), then by the gatekeeper: an answer-ARQ
//! (`answerCall`) with the Setup's callIdentifier, conferenceID and call description. On the
//! ACF the MCU asks its driver for the call's RTP and RTCP sockets (`OpenMedia`), then connects
//! the call; an ARJ (or no answer) releases it with the reason. A released call that was
//! admitted is disengaged (DRQ). Media arriving from an address other than the caller's host is
//! dropped.
//!
//! The council's vote ([`Council`], protocol-neutral, in `policy::council`) runs here against
//! the conference: a guardian is the agent that signed its call's description (verified here, and
//! by the gatekeeper in the answer-ARQ), so a vote counts when its (verified) sender signed the
//! description of a call in the conference. The decision goes out as [`McuOutput::Decision`]
//! for the driver to pin the recording up to it before writing it.

use super::call::{self, CallConfig, CallOutput, IncomingCall, Release};
use super::endpoint::{CallId, CallRequest, Endpoint, EndpointRecord, Outcome, Step};
use super::gate::Descriptions;
use super::h245::G711;
use super::mcu_leg::{Dialled, Leg, LegOutput};
use super::outgoing::{OutgoingCall, OutgoingConfig};
use crate::keys::TrustStore;
use crate::media::g711::Law;
use crate::media::mixer::{MixEvent, Mixer, GAIN_DB};
use crate::media::{rtcp, rtp, FRAME, FRAME_MS};
use crate::message::Hazard;
use crate::policy::council::{CallError, Choice, Council, CouncilPolicy, Rule, Tally, VoteRefusal};
use crate::time::Millis;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::net::SocketAddr;

/// One G.711 call both ways, in units of 100 bit/s.
pub const CALL_BANDWIDTH: u32 = 1280;
/// A sender report to each participant this often (RFC 3550's 5 s minimum).
pub const RTCP_INTERVAL: Millis = 5_000;
/// The longest alias a controller may invite (H.225.0's h323-ID is at most 256 characters).
pub const MAX_ALIAS: usize = 256;
/// The tick falls this far behind before ticks are skipped rather than caught up.
const MAX_TICK_LAG: Millis = 200;

/// A TCP connection's number, given by the driver.
pub type ConnId = u64;
/// The numbers of the connections of calls the MCU places (`invite`) start here, far above the
/// driver's numbering of accepted ones (which counts from 1).
pub const DIALLED_CONNS: ConnId = 1 << 48;

#[derive(Clone, Debug)]
pub struct McuConfig {
    pub call: CallConfig,
    /// Participants in the conference at once.
    pub max_participants: usize,
    /// The Unix time at monotonic time 0, for RTCP's NTP timestamps and a vote's closing time.
    pub wall_clock_offset_ms: i64,
    /// The policy's `[council]`: quorum, rule and default window of a vote.
    pub council: CouncilPolicy,
    /// The name of an external mixer (`janus`) that mixes the conference instead of the
    /// [`Mixer`] here: media goes between each caller and it; see [`McuOutput::JoinMixer`].
    pub external_mixer: Option<&'static str>,
}

impl Default for McuConfig {
    fn default() -> Self {
        McuConfig {
            call: CallConfig::default(),
            max_participants: 25,
            wall_clock_offset_ms: 0,
            council: CouncilPolicy::default(),
            external_mixer: None,
        }
    }
}

/// What the MCU hands its driver.
#[derive(Debug)]
pub enum McuOutput {
    Write {
        conn: ConnId,
        bytes: Vec<u8>,
    },
    /// Close the connection once what was written before is sent.
    Close {
        conn: ConnId,
    },
    /// Bind the call's RTP and RTCP sockets and call `media_bound`.
    OpenMedia {
        conn: ConnId,
    },
    /// Close them.
    CloseMedia {
        conn: ConnId,
    },
    /// Open a connection (TCP) for a call we place, to the callee's call signalling address;
    /// answer `dialled` (or `dial_failed`).
    Dial {
        conn: ConnId,
        to: SocketAddr,
    },
    /// A datagram from the call's RTP socket.
    Rtp {
        conn: ConnId,
        to: SocketAddr,
        bytes: Vec<u8>,
    },
    /// Listen (TCP, port 0) for the call's H.245 connection and call `h245_listening`.
    ListenH245 {
        conn: ConnId,
    },
    /// Octets for the call's H.245 connection (queued until it is accepted).
    WriteH245 {
        conn: ConnId,
        bytes: Vec<u8>,
    },
    /// A datagram from the call's RTCP socket.
    Rtcp {
        conn: ConnId,
        to: SocketAddr,
        bytes: Vec<u8>,
    },
    Event(Box<McuRecord>),
    /// One 20 ms frame of the whole mix (8 kHz, 16-bit): what a recording keeps.
    Mix(Vec<i16>),
    /// The conference emptied, or recording stopped: a recording of it ends here.
    MixEnded,
    /// A vote's record (called, vote, refused).
    Council(Box<CouncilRecord>),
    /// An external mixer: add the call as a participant that receives the mix-minus at `to`
    /// in `law`, and call `mixer_joined` with where it takes the call's RTP (or `mixer_failed`).
    JoinMixer {
        conn: ConnId,
        display: String,
        law: Law,
        to: SocketAddr,
    },
    /// An external mixer: change the call's participant.
    MixerControl {
        conn: ConnId,
        command: MixerCommand,
    },
    /// An external mixer: the call is over, its participant leaves.
    LeaveMixer {
        conn: ConnId,
    },
    /// The decision: the driver ends the recording here (a new one starts with the next
    /// frame), puts its SHA-256 in, and writes the record.
    Decision(Box<CouncilRecord>),
}

/// What an external mixer is asked to do to a participant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MixerCommand {
    Mute(bool),
    /// The participant's volume, in percent (100: as received).
    Volume(u32),
}

/// What a controller (a signed line on stdin) asks of the conference.
#[derive(Clone, Debug, PartialEq)]
pub enum Control {
    Mute(Target),
    Unmute(Target),
    Kick(Target),
    Gain(Target, f64),
    /// No new participants (a Setup is released with `destinationRejection`).
    Lock,
    Unlock,
    /// Start or stop recording the mix (with a recording directory).
    Record(bool),
    /// Open a vote on the escalation's conversation; its window in ms (the policy's when None).
    CallVote {
        conversation: String,
        question: String,
        window_ms: Option<Millis>,
    },
    CloseVote,
    /// Call `destination` (an alias the gatekeeper resolves: an H.323 endpoint's, or a SIP
    /// expert's behind the gateway) into the conference. `description` is the controller's
    /// signed line itself: the call description of the ARQ and the Setup.
    Invite {
        destination: String,
        description: Vec<u8>,
    },
    /// A guardian's vote (its signed line verified by the caller): the controller argument of
    /// [`Mcu::control`] is the voter's agent.
    Vote {
        conversation: String,
        choice: Choice,
        /// SHA-256 of the vote's canonical signed line, hex.
        sha256: String,
    },
}

/// A participant, by the number its events carry or by its alias.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Number(u64),
    Alias(String),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ControlError {
    #[error("no participant {0} in the conference")]
    NoSuchParticipant(String),
    #[error("{0}")]
    Gain(String),
    #[error(transparent)]
    Call(#[from] CallError),
    #[error(transparent)]
    Vote(#[from] VoteRefusal),
    #[error("no recording directory (--record)")]
    NoRecording,
    #[error("{0} is not available with the {1} mixer")]
    NotWithMixer(&'static str, &'static str),
    #[error("cannot invite: {0}")]
    Invite(String),
}

/// A participant as a decision names it: who, and the admission it came in by.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Present {
    pub participant: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// The signer of its call description (the guardian's agent), when it verified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    /// The gatekeeper's RAS sequence number of the admission (the answer-ARQ's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ras_seq: Option<u16>,
}

/// A counted vote as a decision names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountedVote {
    pub agent: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    pub choice: Choice,
    pub vote_sha256: String,
}

/// A record of the council's vote: `vote_called`, `vote`, `vote_refused`, `decision`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CouncilRecord {
    pub step: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// When the vote's window ends, Unix ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closes_at_ms: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quorum: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participant: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// The voter's agent (verified), or the controller's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// A refused line's claimed sender, when its signature did not make it known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimed_agent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<Choice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vote_sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The reason's short name (`not_present`, `closed`, `signature`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<crate::policy::council::Outcome>,
    /// `window`, `controller` (close_vote) or `all_voted`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_by: Option<crate::policy::council::ClosedBy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<BTreeMap<&'static str, usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participants: Option<Vec<Present>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub votes: Option<Vec<CountedVote>>,
    /// The recording closed at the decision: its SHA-256 and file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_file: Option<String>,
    /// The controller whose line called or closed the vote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_agent: Option<String>,
    #[serde(skip)]
    pub trace_id: Option<String>,
    #[serde(skip)]
    pub conversation_id: Option<String>,
}

/// One record: a call's step or the conference's.
#[derive(Clone, Debug, Default, Serialize)]
pub struct McuRecord {
    /// `setup`, `admission`, `joined`, `left`, `released`, `talking`, `stopped_talking`,
    /// `dominant`, `muted`, `unmuted`, `dropped`.
    pub step: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participant: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conference_id: Option<String>,
    /// The admission: `confirmed`, `rejected`, `unanswered`, or refused here (`local`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<&'static str>,
    /// The gatekeeper's reject reason, or the ReleaseCompleteReason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The admission's reference: the gatekeeper's RAS sequence number of the ARQ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ras_seq: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fast_start: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codec: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participants: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_dbfs: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtp_received: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtp_sent: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtp_lost: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gain_db: Option<f64>,
    /// The controller whose signed line asked for this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_agent: Option<String>,
    /// A recording: its file, SHA-256 and length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// The external mixer that has the call (`janus`), and its participant id there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mixer: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mixer_participant: Option<u64>,
    #[serde(skip)]
    pub trace_id: Option<String>,
    #[serde(skip)]
    pub hazard: Option<Hazard>,
    #[serde(skip)]
    pub conversation_id: Option<String>,
    #[serde(skip)]
    pub refusal: bool,
}

struct Conn {
    call: Leg,
    peer: SocketAddr,
    participant: u64,
    admission: Option<CallId>,
    admitted: bool,
    /// Our RTP and RTCP addresses.
    media: Option<(SocketAddr, SocketAddr)>,
    sending: Option<(Law, SocketAddr)>,
    rtcp_to: Option<SocketAddr>,
    next_rtcp: Millis,
    sender: rtp::Sender,
    in_mixer: bool,
    alias: Option<String>,
    trace_id: Option<String>,
    hazard: Option<Hazard>,
    conversation_id: Option<String>,
    /// The signer of its call description, verified: the guardian whose votes it carries.
    agent: Option<String>,
    /// The gatekeeper's RAS sequence number of its admission.
    ras_seq: Option<u16>,
    /// An external mixer was asked to take the call (it must be told when the call ends).
    mixer_asked: bool,
    /// Its participant id there, once joined.
    mixer_id: Option<u64>,
}

impl Conn {
    fn new(call: Leg, peer: SocketAddr, participant: u64, sender: rtp::Sender) -> Self {
        Conn {
            call,
            peer,
            participant,
            admission: None,
            admitted: false,
            media: None,
            sending: None,
            rtcp_to: None,
            next_rtcp: 0,
            sender,
            in_mixer: false,
            alias: None,
            trace_id: None,
            hazard: None,
            conversation_id: None,
            agent: None,
            ras_seq: None,
            mixer_asked: false,
            mixer_id: None,
        }
    }
}

pub struct Mcu {
    config: McuConfig,
    trust: TrustStore,
    descriptions: Descriptions,
    conns: BTreeMap<ConnId, Conn>,
    by_call: HashMap<CallId, ConnId>,
    mixer: Mixer,
    next_tick: Option<Millis>,
    next_participant: u64,
    /// Calls placed so far (their connections' numbers, above [`DIALLED_CONNS`]).
    next_dialled: u64,
    admitting: bool,
    /// The trace id of the conference's first participant: what records of the whole
    /// conference (dominant speaker gone, the recording) carry.
    conference_trace: Option<String>,
    locked: bool,
    recording: bool,
    /// A recording directory exists (the driver's): recording may be started.
    recordable: bool,
    /// The external mixer failed (why): no new calls.
    mixer_down: Option<String>,
    council: Council,
    /// The trace id of the open vote's records (the call_vote line's, or the conference's).
    vote_trace: Option<String>,
    random: Box<dyn FnMut() -> u32 + Send>,
    outputs: VecDeque<McuOutput>,
}

fn law(g: G711) -> Law {
    match g {
        G711::Ulaw => Law::Ulaw,
        G711::Alaw => Law::Alaw,
    }
}

impl Mcu {
    pub fn new(config: McuConfig, trust: TrustStore, random: Box<dyn FnMut() -> u32 + Send>) -> Self {
        Mcu {
            council: Council::new(config.council),
            config,
            trust,
            descriptions: Descriptions::new(1024),
            conns: BTreeMap::new(),
            by_call: HashMap::new(),
            mixer: Mixer::new(),
            next_tick: None,
            next_participant: 0,
            next_dialled: 0,
            admitting: true,
            conference_trace: None,
            locked: false,
            recording: false,
            recordable: false,
            mixer_down: None,
            vote_trace: None,
            random,
            outputs: VecDeque::new(),
        }
    }

    pub fn poll_output(&mut self) -> Option<McuOutput> {
        self.outputs.pop_front()
    }

    /// Calls (connections) open.
    pub fn in_flight(&self) -> usize {
        self.conns.len()
    }

    /// Participants in the conference (connected calls), whichever mixer mixes them.
    pub fn participants(&self) -> usize {
        self.conns.values().filter(|c| c.in_mixer).count()
    }

    /// The trace id the conference's own records carry (its first participant's).
    pub fn conference_trace(&self) -> Option<String> {
        self.conference_trace.clone()
    }

    /// Whether each tick's whole mix is handed out (`Mix`) for a recording: the driver has a
    /// recording directory. A controller's `record` turns it off and on again.
    pub fn set_recording(&mut self, on: bool) {
        self.recording = on;
        self.recordable = on;
    }

    /// No new calls from now on (the event stream was lost, or the MCU is stopping).
    pub fn stop_admitting(&mut self) {
        self.admitting = false;
    }

    pub fn poll_timeout(&self) -> Option<Millis> {
        self.conns
            .values()
            .filter_map(|c| c.call.poll_timeout())
            .chain(self.next_tick)
            .chain(self.council.poll_timeout())
            .min()
    }

    pub fn handle_connection(&mut self, now: Millis, conn: ConnId, peer: SocketAddr) {
        self.next_participant += 1;
        let seed = (self.random)();
        let sender = rtp::Sender::new((self.random)(), seed as u16, (self.random)());
        let call = Leg::In(Box::new(IncomingCall::new(now, self.config.call.clone())));
        self.conns.insert(conn, Conn::new(call, peer, self.next_participant, sender));
    }

    pub fn handle_bytes(&mut self, now: Millis, conn: ConnId, bytes: &[u8], endpoint: &mut Endpoint) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        c.call.handle_bytes(now, bytes);
        self.drain(now, conn, endpoint);
    }

    pub fn handle_closed(&mut self, now: Millis, conn: ConnId, endpoint: &mut Endpoint) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        c.call.handle_closed(now);
        self.drain(now, conn, endpoint);
    }

    /// The call's media sockets are bound: it can be connected.
    pub fn media_bound(
        &mut self,
        now: Millis,
        conn: ConnId,
        rtp: SocketAddr,
        rtcp: SocketAddr,
        endpoint: &mut Endpoint,
    ) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        c.media = Some((rtp, rtcp));
        match c.call.incoming() {
            Some(call) => call.admitted(now, rtp, rtcp),
            // A call we place: its connection next, to the ACF's address.
            None => self.outputs.push_back(McuOutput::Dial { conn, to: c.peer }),
        }
        self.drain(now, conn, endpoint);
    }

    /// The call's H.245 listener is bound.
    pub fn h245_listening(&mut self, now: Millis, conn: ConnId, addr: SocketAddr, endpoint: &mut Endpoint) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        if let Some(call) = c.call.incoming() {
            call.h245_listening(now, addr);
        }
        self.drain(now, conn, endpoint);
    }

    /// Octets from the call's H.245 connection.
    pub fn handle_h245_bytes(&mut self, now: Millis, conn: ConnId, bytes: &[u8], endpoint: &mut Endpoint) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        if let Some(call) = c.call.incoming() {
            call.handle_h245_bytes(now, bytes);
        }
        self.drain(now, conn, endpoint);
    }

    /// The media sockets could not be bound.
    pub fn media_failed(&mut self, now: Millis, conn: ConnId, why: String, endpoint: &mut Endpoint) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        c.call.release(now, "gatewayResources", Some(why));
        self.drain(now, conn, endpoint);
    }

    /// The external mixer took the call: its participant `id`, and `rtp`, where it takes the
    /// call's RTP (what the Connect names; RTCP one port up, which plain-RTP mixers ignore).
    pub fn mixer_joined(&mut self, now: Millis, conn: ConnId, id: u64, rtp: SocketAddr, endpoint: &mut Endpoint) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        c.mixer_id = Some(id);
        let rtcp = SocketAddr::new(rtp.ip(), rtp.port().wrapping_add(1));
        if let Some(call) = c.call.incoming() {
            call.admitted(now, rtp, rtcp);
        }
        self.drain(now, conn, endpoint);
    }

    /// The external mixer failed: for one call (`conn`), which is released, or as a whole
    /// (`None`): every call is released and new ones are refused (`adaptiveBusy`).
    pub fn mixer_failed(&mut self, now: Millis, conn: Option<ConnId>, why: String, endpoint: &mut Endpoint) {
        let name = self.config.external_mixer.unwrap_or("external");
        let affected: Vec<ConnId> = match conn {
            Some(k) => vec![k],
            None => {
                if self.mixer_down.is_some() {
                    return;
                }
                self.mixer_down = Some(why.clone());
                let r = McuRecord {
                    step: "mixer_failed",
                    mixer: Some(name),
                    detail: Some(why.clone()),
                    participants: Some(self.participants()),
                    trace_id: self.conference_trace.clone(),
                    ..Default::default()
                };
                self.emit(r);
                self.conns.iter().filter(|(_, c)| c.mixer_asked).map(|(k, _)| *k).collect()
            }
        };
        for k in affected {
            if let Some(c) = self.conns.get(&k) {
                let mut r = self.record_of(c, "mixer_failed");
                r.mixer = Some(name);
                r.mixer_participant = c.mixer_id;
                r.detail = Some(why.clone());
                self.emit(r);
                // Its participant there is gone or never was: nothing to leave.
                self.conns.get_mut(&k).expect("present").mixer_asked = false;
                self.release(now, k, "gatewayResources", Some(format!("the {name} mixer: {why}")), endpoint);
            }
        }
    }

    /// A datagram on the call's RTP socket.
    pub fn handle_rtp(&mut self, _now: Millis, conn: ConnId, from: SocketAddr, bytes: &[u8]) {
        let Some(c) = self.conns.get(&conn) else { return };
        if from.ip() != c.peer.ip() || !c.in_mixer {
            return;
        }
        let id = c.participant as u32;
        if let Ok(p) = rtp::parse(bytes) {
            let _ = self.mixer.push(id, &p);
        }
    }

    /// Ends a call from here (kick, shutdown).
    pub fn release(
        &mut self,
        now: Millis,
        conn: ConnId,
        reason: &str,
        detail: Option<String>,
        endpoint: &mut Endpoint,
    ) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        c.call.release(now, reason, detail);
        self.drain(now, conn, endpoint);
    }

    /// Releases every call (shutting down).
    pub fn release_all(&mut self, now: Millis, endpoint: &mut Endpoint) {
        let conns: Vec<ConnId> = self.conns.keys().copied().collect();
        for conn in conns {
            self.release(now, conn, "undefinedReason", Some("the MCU is stopping".into()), endpoint);
        }
    }

    pub fn handle_timeout(&mut self, now: Millis, endpoint: &mut Endpoint) {
        let due: Vec<ConnId> = self
            .conns
            .iter()
            .filter(|(_, c)| c.call.poll_timeout().is_some_and(|t| t <= now))
            .map(|(k, _)| *k)
            .collect();
        for conn in due {
            if let Some(c) = self.conns.get_mut(&conn) {
                c.call.handle_timeout(now);
            }
            self.drain(now, conn, endpoint);
        }
        if let Some(mut at) = self.next_tick {
            if now.saturating_sub(at) > MAX_TICK_LAG {
                at = now;
            }
            while at <= now {
                self.tick(at);
                at += FRAME_MS;
            }
            self.next_tick = if self.mixer.is_empty() { None } else { Some(at) };
        }
        if let Some(tally) = self.council.handle_timeout(now) {
            self.decide(tally);
        }
    }

    fn tick(&mut self, now: Millis) {
        let mut tick = self.mixer.tick();
        if self.recording {
            self.outputs.push_back(McuOutput::Mix(std::mem::take(&mut tick.mix)));
        }
        let by_participant: HashMap<u32, ConnId> =
            self.conns.iter().filter(|(_, c)| c.in_mixer).map(|(k, c)| (c.participant as u32, *k)).collect();
        for (id, payload) in tick.frames {
            let Some(&conn) = by_participant.get(&id) else { continue };
            let c = self.conns.get_mut(&conn).expect("in the map");
            if let Some((law, to)) = c.sending {
                if let Some(rtcp_to) = c.rtcp_to.filter(|_| now >= c.next_rtcp) {
                    c.next_rtcp = now + RTCP_INTERVAL;
                    let s = &c.sender;
                    let bytes = rtcp::compound(
                        s.ssrc,
                        rtcp::ntp(self.config.wall_clock_offset_ms + now as i64),
                        s.timestamp(),
                        s.sent as u32,
                        (s.sent * FRAME as u64) as u32,
                        self.mixer.reception(id),
                        "if-mcu@council",
                    );
                    self.outputs.push_back(McuOutput::Rtcp { conn, to: rtcp_to, bytes });
                }
                let bytes = c.sender.packet(law.payload_type(), &payload, FRAME as u32);
                self.outputs.push_back(McuOutput::Rtp { conn, to, bytes });
            }
        }
        while let Some(e) = self.mixer.poll_event() {
            let (step, id, level) = match e {
                MixEvent::StartedTalking { id, level_dbfs } => ("talking", Some(id), Some(level_dbfs)),
                MixEvent::StoppedTalking { id } => ("stopped_talking", Some(id), None),
                MixEvent::Dominant { id } => ("dominant", id, None),
            };
            let conn = id.and_then(|i| by_participant.get(&i).copied());
            let mut r = match conn.and_then(|k| self.conns.get(&k)) {
                Some(c) => self.record_of(c, step),
                None => McuRecord { step, trace_id: self.conference_trace.clone(), ..Default::default() },
            };
            r.level_dbfs = level;
            self.outputs.push_back(McuOutput::Event(Box::new(r)));
        }
    }

    fn record_of(&self, c: &Conn, step: &'static str) -> McuRecord {
        let ids = c.call.ids();
        McuRecord {
            step,
            participant: Some(c.participant),
            peer: Some(c.peer.to_string()),
            alias: c.alias.clone(),
            call_id: ids.as_ref().map(|s| s.0.clone()),
            conference_id: ids.map(|s| s.1),
            trace_id: c.trace_id.clone(),
            hazard: c.hazard.clone(),
            conversation_id: c.conversation_id.clone(),
            ..Default::default()
        }
    }

    fn emit(&mut self, r: McuRecord) {
        self.outputs.push_back(McuOutput::Event(Box::new(r)));
    }

    fn find(&self, target: &Target) -> Result<ConnId, ControlError> {
        self.conns
            .iter()
            .find(|(_, c)| {
                c.in_mixer
                    && match target {
                        Target::Number(n) => c.participant == *n,
                        Target::Alias(a) => c.alias.as_deref() == Some(a.as_str()),
                    }
            })
            .map(|(k, _)| *k)
            .ok_or_else(|| {
                ControlError::NoSuchParticipant(match target {
                    Target::Number(n) => n.to_string(),
                    Target::Alias(a) => a.clone(),
                })
            })
    }

    /// Carries out a controller's command; its record names `by` (the controller's agent) and
    /// `trace_id` (its line's).
    pub fn control(
        &mut self,
        now: Millis,
        command: Control,
        by: &str,
        trace_id: Option<String>,
        endpoint: &mut Endpoint,
    ) -> Result<(), ControlError> {
        let (step, conn) = match &command {
            Control::Record(_) if self.config.external_mixer.is_some() => {
                return Err(ControlError::NotWithMixer("recording", self.config.external_mixer.unwrap_or_default()));
            }
            Control::Record(on) => {
                if !self.recordable {
                    return Err(ControlError::NoRecording);
                }
                if *on == self.recording {
                    return Ok(());
                }
                self.recording = *on;
                if !on {
                    self.outputs.push_back(McuOutput::MixEnded);
                }
                let step = if *on { "recording_started" } else { "recording_stopped" };
                let r = McuRecord { step, by_agent: Some(by.to_owned()), trace_id, ..Default::default() };
                self.emit(r);
                return Ok(());
            }
            Control::CallVote { conversation, question, window_ms } => {
                // The escalation's trace: a participant's whose description is in the vote's
                // conversation; else the calling line's, else the conference's.
                let escalation = self
                    .conns
                    .values()
                    .filter(|c| c.in_mixer && c.conversation_id.as_deref() == Some(conversation.as_str()))
                    .find_map(|c| c.trace_id.clone());
                let trace_id = escalation.or(trace_id).or_else(|| self.conference_trace.clone());
                let ballot = self.council.call(now, conversation, question, *window_ms)?;
                let r = CouncilRecord {
                    step: "vote_called",
                    conversation: Some(ballot.conversation.clone()),
                    question: Some(ballot.question.clone()),
                    closes_at_ms: Some(self.config.wall_clock_offset_ms + ballot.closes_at as i64),
                    quorum: Some(ballot.quorum),
                    rule: Some(ballot.rule),
                    by_agent: Some(by.to_owned()),
                    trace_id,
                    conversation_id: Some(ballot.conversation.clone()),
                    ..Default::default()
                };
                self.vote_trace = r.trace_id.clone();
                self.outputs.push_back(McuOutput::Council(Box::new(r)));
                return Ok(());
            }
            Control::CloseVote => {
                let tally = self.council.close(now)?;
                self.decide(tally);
                return Ok(());
            }
            Control::Vote { conversation, choice, sha256 } => {
                return self.vote(now, conversation, *choice, sha256.clone(), by);
            }
            Control::Invite { destination, description } => {
                return self.invite(now, destination, description, by, trace_id, endpoint);
            }
            Control::Lock | Control::Unlock => {
                self.locked = command == Control::Lock;
                let step = if self.locked { "locked" } else { "unlocked" };
                let r = McuRecord {
                    step,
                    by_agent: Some(by.to_owned()),
                    participants: Some(self.participants()),
                    trace_id,
                    ..Default::default()
                };
                self.emit(r);
                return Ok(());
            }
            Control::Mute(t) | Control::Unmute(t) => {
                let conn = self.find(t)?;
                let muted = matches!(command, Control::Mute(_));
                let id = self.conns[&conn].participant as u32;
                if self.config.external_mixer.is_some() {
                    self.outputs.push_back(McuOutput::MixerControl { conn, command: MixerCommand::Mute(muted) });
                } else {
                    self.mixer.set_muted(id, muted).map_err(|e| ControlError::NoSuchParticipant(e.to_string()))?;
                }
                (if muted { "muted" } else { "unmuted" }, conn)
            }
            Control::Gain(t, db) => {
                let conn = self.find(t)?;
                let id = self.conns[&conn].participant as u32;
                if self.config.external_mixer.is_some() {
                    if !(GAIN_DB.0..=GAIN_DB.1).contains(db) {
                        return Err(ControlError::Gain(format!(
                            "gain {db} dB outside {}..={} dB",
                            GAIN_DB.0, GAIN_DB.1
                        )));
                    }
                    let percent = (100.0 * 10f64.powf(db / 20.0)).round() as u32;
                    self.outputs.push_back(McuOutput::MixerControl { conn, command: MixerCommand::Volume(percent) });
                } else {
                    self.mixer.set_gain_db(id, *db).map_err(|e| ControlError::Gain(e.to_string()))?;
                }
                ("gain", conn)
            }
            Control::Kick(t) => {
                let conn = self.find(t)?;
                ("kicked", conn)
            }
        };
        let mut r = self.record_of(&self.conns[&conn], step);
        r.by_agent = Some(by.to_owned());
        if let Control::Gain(_, db) = command {
            r.gain_db = Some(db);
        }
        // The call's own trace id stays on its record; the controller's line is named by its agent.
        if r.trace_id.is_none() {
            r.trace_id = trace_id;
        }
        self.emit(r);
        if step == "kicked" {
            self.release(now, conn, "undefinedReason", Some(format!("removed by {by}")), endpoint);
        }
        Ok(())
    }

    /// The guardians present: the agents that signed the descriptions of the calls in the
    /// conference, each with its first participant (by number).
    fn guardians(&self) -> BTreeMap<String, &Conn> {
        let mut present: BTreeMap<String, &Conn> = BTreeMap::new();
        for c in self.conns.values().filter(|c| c.in_mixer) {
            if let Some(agent) = &c.agent {
                let first = present.entry(agent.clone()).or_insert(c);
                if c.participant < first.participant {
                    *first = c;
                }
            }
        }
        present
    }

    fn vote(
        &mut self,
        now: Millis,
        conversation: &str,
        choice: Choice,
        sha256: String,
        agent: &str,
    ) -> Result<(), ControlError> {
        let guardians = self.guardians();
        let present: BTreeSet<String> = guardians.keys().cloned().collect();
        let (participant, alias) =
            guardians.get(agent).map_or((None, None), |c| (Some(c.participant), c.alias.clone()));
        match self.council.cast(now, conversation, agent, choice, sha256.clone(), &present) {
            Ok(tally) => {
                let r = CouncilRecord {
                    step: "vote",
                    conversation: Some(conversation.to_owned()),
                    participant,
                    alias,
                    agent: Some(agent.to_owned()),
                    choice: Some(choice),
                    vote_sha256: Some(sha256),
                    trace_id: self.vote_trace.clone(),
                    conversation_id: Some(conversation.to_owned()),
                    ..Default::default()
                };
                self.outputs.push_back(McuOutput::Council(Box::new(r)));
                if let Some(tally) = tally {
                    self.decide(tally);
                }
                Ok(())
            }
            Err(refusal) => {
                let open = self.council.open().map(|b| b.conversation.clone());
                let r = CouncilRecord {
                    step: "vote_refused",
                    conversation: Some(conversation.to_owned()),
                    participant,
                    alias,
                    agent: Some(agent.to_owned()),
                    choice: Some(choice),
                    vote_sha256: Some(sha256),
                    reason: Some(refusal.to_string()),
                    refusal: Some(refusal.code()),
                    trace_id: self.vote_trace.clone().or_else(|| self.conference_trace.clone()),
                    conversation_id: open.or_else(|| Some(conversation.to_owned())),
                    ..Default::default()
                };
                self.outputs.push_back(McuOutput::Council(Box::new(r)));
                Err(refusal.into())
            }
        }
    }

    /// The decision's record, for the driver to pin the recording into and write.
    fn decide(&mut self, tally: Tally) {
        let guardians = self.guardians();
        let alias_of = |agent: &str| guardians.get(agent).and_then(|c| c.alias.clone());
        let votes = tally
            .votes
            .iter()
            .map(|v| CountedVote {
                agent: v.agent.clone(),
                alias: alias_of(&v.agent),
                choice: v.choice,
                vote_sha256: v.sha256.clone(),
            })
            .collect();
        let participants = self
            .conns
            .values()
            .filter(|c| c.in_mixer)
            .map(|c| Present {
                participant: c.participant,
                alias: c.alias.clone(),
                agent: c.agent.clone(),
                call_id: c.call.ids().map(|s| s.0),
                ras_seq: c.ras_seq,
            })
            .collect();
        let r = CouncilRecord {
            step: "decision",
            conversation: Some(tally.conversation.clone()),
            question: Some(tally.question.clone()),
            quorum: Some(tally.quorum),
            rule: Some(tally.rule),
            outcome: Some(tally.outcome),
            closed_by: Some(tally.closed_by),
            counts: Some(tally.counts.iter().map(|(c, n)| (c.name(), *n)).collect()),
            participants: Some(participants),
            votes: Some(votes),
            trace_id: self.vote_trace.take(),
            conversation_id: Some(tally.conversation),
            ..Default::default()
        };
        self.outputs.push_back(McuOutput::Decision(Box::new(r)));
    }

    /// Whether the mix is being recorded now.
    pub fn recording(&self) -> bool {
        self.recording
    }

    /// The connection of a participant.
    pub fn conn_of(&self, participant: u64) -> Option<ConnId> {
        self.conns.iter().find(|(_, c)| c.participant == participant).map(|(k, _)| *k)
    }

    /// A controller's `invite`: the call is admitted by the gatekeeper (an ARQ for
    /// `destination` with the controller's line as its description), then placed to the
    /// address the ACF names (`OpenMedia`, `Dial`, `dialled`); once answered, it is a participant
    /// like any other. A refusal on the way (ARJ, no connection, a ReleaseComplete) is its
    /// `admission` or `released` record.
    fn invite(
        &mut self,
        now: Millis,
        destination: &str,
        description: &[u8],
        by: &str,
        trace_id: Option<String>,
        endpoint: &mut Endpoint,
    ) -> Result<(), ControlError> {
        if let Some(name) = self.config.external_mixer {
            return Err(ControlError::NotWithMixer("invite", name));
        }
        let busy = self.conns.values().filter(|c| c.admission.is_some() || c.in_mixer).count();
        let refusal = if !self.admitting {
            Some("not admitting: the event stream was lost".to_owned())
        } else if busy >= self.config.max_participants {
            Some(format!("the conference is full ({} participants)", self.config.max_participants))
        } else if destination.is_empty() || destination.chars().count() > MAX_ALIAS {
            Some(format!("the destination must be 1..={MAX_ALIAS} characters"))
        } else {
            None
        };
        if let Some(why) = refusal {
            return Err(ControlError::Invite(why));
        }
        let described = self.descriptions.read(description, &self.trust).ok();
        self.next_dialled += 1;
        let conn = DIALLED_CONNS + self.next_dialled;
        self.next_participant += 1;
        let seed = (self.random)();
        let trace_id = described.as_ref().and_then(|d| d.trace_id.clone()).or(trace_id);
        let sender = rtp::Sender::new((self.random)(), seed as u16, (self.random)());
        let call = Leg::Out(Box::new(Dialled::new(destination.to_owned(), description.to_vec())));
        // Its peer is the callee the ACF names, once admitted.
        let mut c = Conn::new(call, SocketAddr::from(([0, 0, 0, 0], 0)), self.next_participant, sender);
        c.alias = Some(destination.to_owned());
        c.trace_id = trace_id.clone();
        c.hazard = described.as_ref().and_then(|d| d.hazard.clone());
        c.conversation_id = described.as_ref().map(|d| d.conversation_id.clone());
        // Its agent stays unknown: it is not a guardian. The one who invited it signed its
        // description, and votes count through their signer's own calls only.
        self.conns.insert(conn, c);
        let mut r = self.record_of(&self.conns[&conn], "invite");
        r.by_agent = Some(by.to_owned());
        r.description = Some(super::gate::description_digest(description));
        self.emit(r);
        let c = &self.conns[&conn];
        let request = CallRequest {
            destination: Some(destination.to_owned()),
            bandwidth: CALL_BANDWIDTH,
            description: Some(description.to_vec()),
            answering: None,
            trace_id,
            hazard: c.hazard.clone(),
            conversation_id: c.conversation_id.clone(),
        };
        match endpoint.admit(now, request) {
            Ok(id) => {
                self.by_call.insert(id, conn);
                let ids = endpoint.call(id).map(|a| (hex::encode(id.0), hex::encode(a.conference_id)));
                let c = self.conns.get_mut(&conn).expect("present");
                c.admission = Some(id);
                if let Leg::Out(d) = &mut c.call {
                    d.ids = ids;
                }
            }
            Err(e) => {
                let c = self.conns.get_mut(&conn).expect("present");
                c.call.refused(now, "unreachableGatekeeper", Some(e.to_string()));
                self.drain(now, conn, endpoint);
            }
        }
        Ok(())
    }

    /// The connection of a call we place is open: the Setup goes out (fastStart, G.711 both
    /// ways, μ-law first). False when the call is gone (the driver closes the connection).
    pub fn dialled(&mut self, now: Millis, conn: ConnId, endpoint: &mut Endpoint) -> bool {
        let endpoint_id = endpoint.registration().map(|r| r.endpoint_id.clone());
        let Some(c) = self.conns.get_mut(&conn) else { return false };
        let (Some(id), Some((rtp, rtcp))) = (c.admission, c.media) else { return false };
        let Some(admitted) = endpoint.call(id) else { return false };
        let Leg::Out(d) = &mut c.call else { return false };
        if d.call.is_some() {
            return false;
        }
        let config = OutgoingConfig {
            source_alias: self.config.call.alias.clone(),
            destination: d.destination.clone(),
            display: Some(self.config.call.alias.clone()),
            endpoint_id,
            call_id: id.0,
            conference_id: admitted.conference_id,
            crv: admitted.call_reference,
            description: Some(d.description.clone()),
            laws: vec![G711::Ulaw, G711::Alaw],
            rtp,
            rtcp,
            max_frame: self.config.call.max_frame,
        };
        d.call = Some(OutgoingCall::new(now, config));
        let r = self.record_of(&self.conns[&conn], "setup_sent");
        self.emit(r);
        self.drain(now, conn, endpoint);
        true
    }

    /// The connection of a call we place could not be opened.
    pub fn dial_failed(&mut self, now: Millis, conn: ConnId, why: String, endpoint: &mut Endpoint) {
        self.release(now, conn, "unreachableDestination", Some(why), endpoint);
    }

    /// The RAS endpoint's record of one of our admissions or disengagements.
    pub fn handle_record(&mut self, now: Millis, record: &EndpointRecord, endpoint: &mut Endpoint) {
        let Some(id) = record.call_id else { return };
        let Some(&conn) = self.by_call.get(&id) else { return };
        match (record.step, record.outcome) {
            (Step::Admit, outcome) => {
                let Some(c) = self.conns.get(&conn) else { return };
                let mut r = self.record_of(c, "admission");
                r.ras_seq = Some(record.seq);
                r.bandwidth = record.bandwidth;
                r.description = record.description.clone();
                r.reason = record.reason.map(str::to_owned);
                r.detail = record.detail.clone();
                if outcome == Outcome::Confirmed {
                    r.outcome = Some("confirmed");
                    let c = self.conns.get_mut(&conn).expect("present");
                    c.admitted = true;
                    c.ras_seq = Some(record.seq);
                    self.emit(r);
                    let c = self.conns.get_mut(&conn).expect("present");
                    let fast_start_media = match c.call.incoming() {
                        Some(call) => call.setup().and_then(|s| s.fast_start_media),
                        None => {
                            // A call we place: to the callee the ACF names, once our media is bound.
                            match record.dest_call_signal.as_deref().and_then(|d| d.parse().ok()) {
                                Some(to) => {
                                    c.peer = to;
                                    self.outputs.push_back(McuOutput::OpenMedia { conn });
                                }
                                None => {
                                    let why = "the ACF names no call signalling address".to_owned();
                                    self.release(now, conn, "unreachableDestination", Some(why), endpoint);
                                }
                            }
                            return;
                        }
                    };
                    let c = &self.conns[&conn];
                    match (self.config.external_mixer, fast_start_media) {
                        (None, _) => self.outputs.push_back(McuOutput::OpenMedia { conn }),
                        (Some(_), Some((l, to))) => {
                            let display = c.alias.clone().unwrap_or_else(|| format!("participant-{}", c.participant));
                            self.conns.get_mut(&conn).expect("present").mixer_asked = true;
                            self.outputs.push_back(McuOutput::JoinMixer { conn, display, law: law(l), to });
                        }
                        // Refused before the ARQ (see `admit`); a call gets here only if its
                        // Setup changed, which it cannot.
                        (Some(_), None) => {
                            self.release(now, conn, "undefinedReason", Some("no fastStart media".into()), endpoint)
                        }
                    }
                    return;
                }
                let (o, why) = match outcome {
                    Outcome::Unanswered => ("unanswered", "unanswered"),
                    Outcome::Unsent => ("unsent", "unanswered"),
                    _ => ("rejected", record.reason.unwrap_or("undefinedReason")),
                };
                r.outcome = Some(o);
                r.refusal = true;
                self.emit(r);
                self.by_call.remove(&id);
                let reason = call::release_for_admission(why);
                let detail = format!("the gatekeeper refused admission: {}", record.reason.unwrap_or(o));
                let c = self.conns.get_mut(&conn).expect("present");
                c.admission = None;
                c.call.refused(now, reason, Some(detail));
                self.drain(now, conn, endpoint);
            }
            (Step::DisengagedByGatekeeper, _) => {
                if let Some(c) = self.conns.get_mut(&conn) {
                    c.admitted = false;
                    c.admission = None;
                    c.call.release(now, "undefinedReason", Some("disengaged by the gatekeeper".into()));
                }
                self.by_call.remove(&id);
                self.drain(now, conn, endpoint);
            }
            (Step::Disengage, _) => {
                self.by_call.remove(&id);
            }
            _ => {}
        }
    }

    /// Everything the call has to say, handled.
    fn drain(&mut self, now: Millis, conn: ConnId, endpoint: &mut Endpoint) {
        loop {
            let Some(c) = self.conns.get_mut(&conn) else { return };
            let out = match c.call.poll_output() {
                None => break,
                Some(LegOutput::Call(out)) => out,
                Some(LegOutput::Progress(step)) => {
                    let r = self.record_of(&self.conns[&conn], step);
                    self.emit(r);
                    continue;
                }
            };
            match out {
                CallOutput::Transmit(bytes) => self.outputs.push_back(McuOutput::Write { conn, bytes }),
                CallOutput::Admit(info) => self.admit(now, conn, *info, endpoint),
                CallOutput::Receiving { .. } => {}
                CallOutput::Sending { law: l, rtp, rtcp } => {
                    let c = self.conns.get_mut(&conn).expect("present");
                    c.sending = Some((law(l), rtp));
                    c.rtcp_to = rtcp;
                    let id = c.participant as u32;
                    if c.in_mixer && self.config.external_mixer.is_none() {
                        // The law we send may differ from the one assumed at the Connect.
                        let muted = self.mixer.muted(id).unwrap_or(false);
                        self.mixer.remove(id);
                        self.mixer.add(id, law(l));
                        let _ = self.mixer.set_muted(id, muted);
                    }
                }
                CallOutput::Connected { fast_start, law: l } => {
                    if self.participants() == 0 {
                        self.conference_trace = self.conns[&conn].trace_id.clone();
                    }
                    let c = self.conns.get_mut(&conn).expect("present");
                    c.in_mixer = true;
                    let id = c.participant as u32;
                    if self.config.external_mixer.is_none() {
                        self.mixer.add(id, l.map_or(Law::Ulaw, law));
                        if self.next_tick.is_none() {
                            self.next_tick = Some(now + FRAME_MS);
                        }
                    }
                    let c = &self.conns[&conn];
                    let mut r = self.record_of(c, "joined");
                    r.fast_start = Some(fast_start);
                    r.codec = l.map(G711::name);
                    r.participants = Some(self.participants());
                    r.mixer = self.config.external_mixer;
                    r.mixer_participant = c.mixer_id;
                    self.emit(r);
                }
                CallOutput::Released(release) => self.released(now, conn, release, endpoint),
                CallOutput::Dropped(why) => tracing::debug!("call {conn}: dropped: {why}"),
                CallOutput::H245(name) => tracing::debug!("call {conn}: H.245 {name}"),
                CallOutput::ListenH245 => self.outputs.push_back(McuOutput::ListenH245 { conn }),
                CallOutput::TransmitH245(bytes) => self.outputs.push_back(McuOutput::WriteH245 { conn, bytes }),
            }
        }
    }

    fn admit(&mut self, now: Millis, conn: ConnId, info: call::SetupInfo, endpoint: &mut Endpoint) {
        let full =
            self.conns.values().filter(|c| c.admission.is_some() || c.in_mixer).count() >= self.config.max_participants;
        let description = info.description.clone();
        let verified = description.as_deref().map(|d| self.descriptions.read(d, &self.trust));
        let c = self.conns.get_mut(&conn).expect("present");
        c.alias = info.source_alias.clone().or(info.display.clone());
        if let Some(Ok(d)) = &verified {
            c.trace_id = d.trace_id.clone();
            c.hazard = d.hazard.clone();
            c.conversation_id = Some(d.conversation_id.clone());
            c.agent = Some(d.signer.clone());
        }
        let mut r = self.record_of(&self.conns[&conn], "setup");
        r.fast_start = Some(info.fast_start);
        r.description = description.as_deref().map(super::gate::description_digest);
        self.emit(r);
        let external = self.config.external_mixer;
        let refusal = if !self.admitting {
            Some(("gatekeeperResources", "not admitting: the event stream was lost".to_owned()))
        } else if let (Some(name), Some(why)) = (external, &self.mixer_down) {
            Some(("adaptiveBusy", format!("the {name} mixer failed: {why}")))
        } else if external.is_some() && info.fast_start_media.is_none() {
            let name = external.unwrap_or_default();
            Some(("undefinedReason", format!("with the {name} mixer a call needs fastStart G.711")))
        } else if self.locked {
            Some(("destinationRejection", "the conference is locked".to_owned()))
        } else if full {
            Some(("adaptiveBusy", format!("the conference is full ({} participants)", self.config.max_participants)))
        } else if description.is_none() {
            Some(("noPermission", "a council call needs a call description".to_owned()))
        } else {
            None
        };
        if let Some((reason, detail)) = refusal {
            let mut r = self.record_of(&self.conns[&conn], "admission");
            r.outcome = Some("local");
            r.reason = Some(reason.into());
            r.detail = Some(detail.clone());
            r.refusal = true;
            self.emit(r);
            let c = self.conns.get_mut(&conn).expect("present");
            c.call.refused(now, reason, Some(detail));
            return;
        }
        let c = &self.conns[&conn];
        let request = CallRequest {
            destination: None,
            bandwidth: CALL_BANDWIDTH,
            description,
            answering: Some((CallId(info.call_id_raw), info.conference_id_raw)),
            trace_id: c.trace_id.clone(),
            hazard: c.hazard.clone(),
            conversation_id: c.conversation_id.clone(),
        };
        match endpoint.admit(now, request) {
            Ok(id) => {
                if self.by_call.contains_key(&id) {
                    let c = self.conns.get_mut(&conn).expect("present");
                    c.call.refused(now, "destinationRejection", Some("this call is here already".into()));
                    return;
                }
                self.by_call.insert(id, conn);
                self.conns.get_mut(&conn).expect("present").admission = Some(id);
            }
            Err(e) => {
                let c = self.conns.get_mut(&conn).expect("present");
                c.call.refused(now, "unreachableGatekeeper", Some(e.to_string()));
            }
        }
    }

    fn released(&mut self, now: Millis, conn: ConnId, release: Release, endpoint: &mut Endpoint) {
        let Some(c) = self.conns.remove(&conn) else { return };
        let id = c.participant as u32;
        let mut r = self.record_of(&c, "released");
        r.by = Some(release.by);
        r.reason = Some(release.reason);
        r.cause = release.cause;
        r.detail = release.detail;
        if c.mixer_asked {
            self.outputs.push_back(McuOutput::LeaveMixer { conn });
        }
        if c.in_mixer && self.config.external_mixer.is_some() {
            let mut left = self.record_of(&c, "left");
            left.participants = Some(self.participants());
            left.mixer = self.config.external_mixer;
            left.mixer_participant = c.mixer_id;
            self.emit(left);
        } else if c.in_mixer {
            let stats = self.mixer.remove(id);
            while let Some(e) = self.mixer.poll_event() {
                let step = match e {
                    MixEvent::StoppedTalking { .. } => "stopped_talking",
                    MixEvent::Dominant { .. } => "dominant",
                    MixEvent::StartedTalking { .. } => continue,
                };
                let mut e = self.record_of(&c, step);
                if step == "dominant" {
                    e = McuRecord { step, trace_id: self.conference_trace.clone(), ..Default::default() };
                }
                self.emit(e);
            }
            let mut left = self.record_of(&c, "left");
            left.participants = Some(self.participants());
            left.rtp_sent = Some(c.sender.sent);
            if let Some(s) = stats {
                left.rtp_received = Some(s.received);
                left.rtp_lost = Some(s.lost);
            }
            self.emit(left);
            if self.mixer.is_empty() {
                self.next_tick = None;
                if self.recording {
                    self.outputs.push_back(McuOutput::MixEnded);
                }
            }
        }
        self.emit(r);
        if let Some(call) = c.admission {
            // A DRQ once admitted; a request still queued is dropped. Refused only for a call
            // the endpoint no longer has: nothing to disengage.
            let _ = endpoint.disengage(now, call);
            if !c.admitted {
                self.by_call.remove(&call);
            }
        }
        if c.media.is_some() {
            self.outputs.push_back(McuOutput::CloseMedia { conn });
        }
        self.outputs.push_back(McuOutput::Close { conn });
    }
}
