//! The MCU core on a fake clock, against the real gatekeeper core and its own RAS endpoint core,
//! all sans-IO: Setups in (pycrate's, with the ids and description of an admission), datagrams
//! passed between the cores, RTP in and the mix-minus out.

use super::endpoint::{CallId, CallRequest, Endpoint, EndpointConfig, EndpointOutput, EndpointRecord, RandomSource};
use super::gatekeeper::{Config, Gatekeeper, Limits, Output};
use super::mcu::{Control, ControlError, CouncilRecord, Mcu, McuConfig, McuOutput, McuRecord, MixerCommand, Target};
use super::q931::{Body, Signal, Tpkt};
use super::ras::{self, OctetString};
use crate::keys::{SecretKey, TrustStore};
use crate::media::g711::Law;
use crate::media::{rtp, tone, tone_share, FRAME};
use crate::policy::council::{Choice, ClosedBy, CouncilPolicy, Outcome, Rule, VoteRefusal};
use crate::policy::Policy;
use crate::time::Millis;
use std::net::SocketAddr;

const NOW_UNIX_MS: i64 = 1_767_225_600_000;

fn addr(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}

fn key(agent: &str, byte: u8) -> SecretKey {
    SecretKey::from_seed(agent, [byte; 32]).unwrap()
}

fn counter() -> RandomSource {
    let mut n = 0u32;
    Box::new(move || {
        n += 1;
        n
    })
}

fn endpoint(port: u16, alias: &str, key: SecretKey, mc: bool) -> Endpoint {
    Endpoint::new(
        EndpointConfig {
            gatekeeper: addr(1719),
            ras_address: addr(port),
            call_signal: addr(port + 1),
            aliases: vec![alias.to_owned()],
            key: Some(key),
            ttl_s: Some(60),
            mc,
            wall_clock_offset_ms: NOW_UNIX_MS,
        },
        counter(),
    )
}

/// The gatekeeper, the MCU's endpoint (0) and a guardian's (1), and the MCU core.
struct Council {
    gk: Gatekeeper,
    eps: [Endpoint; 2],
    mcu: Mcu,
    now: Millis,
    out: Vec<McuOutput>,
    guardian_records: Vec<EndpointRecord>,
}

impl Council {
    fn new(max_participants: usize) -> Council {
        Council::with(McuConfig { max_participants, ..McuConfig::default() })
    }

    fn with(config: McuConfig) -> Council {
        let keys = [key("if://agent/guardian-01", 1), key("if://agent/mcu", 9), key("if://agent/guardian-02", 2)];
        let trust = TrustStore::of(&keys.iter().collect::<Vec<_>>());
        let policy = Policy { trust: trust.clone(), ..Policy::default() };
        let gk = Gatekeeper::new(Config {
            gatekeeper_id: "if-gk".into(),
            local: addr(1719),
            policy,
            council_alias: "council".into(),
            limits: Limits::default(),
            wall_clock_offset_ms: NOW_UNIX_MS,
        });
        let eps = [
            endpoint(5000, "council", key("if://agent/mcu", 9), true),
            endpoint(6000, "guardian-01", key("if://agent/guardian-01", 1), false),
        ];
        let mcu = Mcu::new(config, trust, counter());
        let mut c = Council { gk, eps, mcu, now: 0, out: Vec::new(), guardian_records: Vec::new() };
        for ep in c.eps.iter_mut() {
            ep.start(0);
        }
        c.settle();
        assert!(c.eps.iter().all(|e| e.registration().is_some()));
        c.out.clear();
        c
    }

    /// Passes datagrams and hands the MCU's endpoint records to the MCU until nothing moves.
    fn settle(&mut self) {
        loop {
            let mut moved = false;
            for i in 0..2 {
                while let Some(o) = self.eps[i].poll_output() {
                    match o {
                        EndpointOutput::Transmit { bytes, .. } => {
                            let from = addr(5000 + 1000 * i as u16);
                            self.gk.handle_datagram(self.now, from, &bytes);
                            moved = true;
                        }
                        EndpointOutput::Event(r) if i == 0 => {
                            self.mcu.handle_record(self.now, &r, &mut self.eps[0]);
                            moved = true;
                        }
                        EndpointOutput::Event(r) => self.guardian_records.push(*r),
                        EndpointOutput::Dropped { reason, .. } => panic!("dropped: {reason}"),
                    }
                }
            }
            while let Some(o) = self.gk.poll_output() {
                let (to, bytes) = match o {
                    Output::Answer { to, bytes, .. } | Output::Transmit { to, bytes } => (to, bytes),
                    Output::Event(_) => continue,
                    Output::Dropped { reason, .. } => panic!("the gatekeeper dropped: {reason}"),
                };
                let i = usize::from(to.port() != 5000);
                self.eps[i].handle_datagram(self.now, addr(1719), &bytes);
                moved = true;
            }
            while let Some(o) = self.mcu.poll_output() {
                if let McuOutput::OpenMedia { conn } = o {
                    let port = 30_000 + 2 * conn as u16;
                    self.mcu.media_bound(self.now, conn, addr(port), addr(port + 1), &mut self.eps[0]);
                    moved = true;
                }
                // The external mixer takes each call as participant 100 + conn.
                if let McuOutput::JoinMixer { conn, .. } = o {
                    let port = 20_000 + 2 * conn as u16;
                    self.mcu.mixer_joined(self.now, conn, 100 + conn, addr(port), &mut self.eps[0]);
                    moved = true;
                }
                self.out.push(o);
            }
            if !moved {
                return;
            }
        }
    }

    /// The guardian's admission to the council with `description`: (call id, conference id).
    fn admitted(&mut self, description: Vec<u8>) -> ([u8; 16], [u8; 16]) {
        let request = CallRequest {
            destination: Some("council".into()),
            bandwidth: 1280,
            description: Some(description),
            ..CallRequest::default()
        };
        let id: CallId = self.eps[1].admit(self.now, request).unwrap();
        self.settle();
        let call = self.eps[1].call(id).expect("admitted");
        assert_eq!(call.dest_call_signal, Some(addr(5001)), "routed to the MCU");
        (id.0, call.conference_id)
    }

    fn records(&self) -> Vec<&McuRecord> {
        self.out
            .iter()
            .filter_map(|o| match o {
                McuOutput::Event(r) => Some(&**r),
                _ => None,
            })
            .collect()
    }

    fn written(&self, conn: u64) -> Vec<Signal> {
        self.out
            .iter()
            .filter_map(|o| match o {
                McuOutput::Write { conn: c, bytes } if *c == conn => {
                    let mut t = Tpkt::new(65_535);
                    t.push(bytes);
                    Some(Signal::parse(&t.next_frame().unwrap().unwrap()).unwrap())
                }
                _ => None,
            })
            .collect()
    }

    /// Runs the clock to `to`, 20 ms at a time, `send` giving each connection's RTP (if any).
    fn run(&mut self, to: Millis, send: &mut dyn FnMut(Millis) -> Vec<(u64, Vec<u8>)>) {
        while self.now < to {
            self.now += 20;
            for (conn, bytes) in send(self.now) {
                self.mcu.handle_rtp(self.now, conn, addr(40_000), &bytes);
            }
            self.mcu.handle_timeout(self.now, &mut self.eps[0]);
            self.settle();
        }
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/h323-call/pycrate/{name}.hex", env!("CARGO_MANIFEST_DIR"));
    hex::decode(std::fs::read_to_string(&path).unwrap().trim()).unwrap()
}

/// pycrate's fastStart Setup with the admission's ids and `description`, its CRV `crv`.
fn setup(call: [u8; 16], conference: [u8; 16], description: &[u8], crv: u16) -> Vec<u8> {
    let mut t = Tpkt::new(65_535);
    t.push(&fixture("fs-setup"));
    let mut s = Signal::parse(&t.next_frame().unwrap().unwrap()).unwrap();
    s.q931.crv = crv;
    let uu = s.uu.as_mut().unwrap();
    uu.h323_uu_pdu.non_standard_data.as_mut().unwrap().data = OctetString::from(description.to_vec());
    let Body::setup(setup) = &mut uu.h323_uu_pdu.h323_message_body else { panic!() };
    setup.call_identifier = Some(ras::CallIdentifier::new(ras::to_guid(call)));
    setup.conference_id = ras::ConferenceIdentifier(ras::to_guid(conference));
    s.encode().unwrap()
}

fn description(n: u64) -> Vec<u8> {
    crate::message::signed_for_test(&key("if://agent/guardian-01", 1), n, &format!("{n:024x}"))
}

#[test]
fn calls_admitted_by_the_gatekeeper_core_connect_hear_each_other_and_are_disengaged() {
    let mut c = Council::new(25);
    let mut ids = Vec::new();
    for conn in 1..=2u64 {
        let d = description(conn);
        let (call, conference) = c.admitted(d.clone());
        c.mcu.handle_connection(c.now, conn, addr(40_000));
        let bytes = setup(call, conference, &d, 100 + conn as u16);
        c.mcu.handle_bytes(c.now, conn, &bytes, &mut c.eps[0]);
        c.settle();
        let names: Vec<&str> = c.written(conn).iter().map(|s| super::q931::body_name(s.body().unwrap())).collect();
        assert_eq!(names, ["callProceeding", "connect"], "conn {conn}");
        ids.push(call);
    }
    let steps: Vec<&str> = c.records().iter().map(|r| r.step).collect();
    assert_eq!(steps, ["setup", "admission", "joined", "setup", "admission", "joined"]);
    let admission = c.records()[1];
    assert_eq!(admission.outcome, Some("confirmed"));
    assert_eq!(admission.bandwidth, Some(1280));
    assert_eq!(c.mcu.participants(), 2);
    // Each sends its tone (μ-law, as fastStart chose); each hears the other's only.
    let mut sent = [rtp::Sender::new(1, 0, 0), rtp::Sender::new(2, 500, 0)];
    let hz = [440.0, 1000.0];
    let mut n = 0usize;
    c.out.clear();
    c.run(2_000, &mut |_| {
        n += FRAME;
        (0..2)
            .map(|i| {
                let payload = Law::Ulaw.encode_all(&tone(hz[i], 0.3, n, FRAME));
                (i as u64 + 1, sent[i].packet(0, &payload, FRAME as u32))
            })
            .collect()
    });
    for (i, conn) in [1u64, 2].iter().enumerate() {
        let heard: Vec<i16> = c
            .out
            .iter()
            .filter_map(|o| match o {
                McuOutput::Rtp { conn: k, bytes, .. } if k == conn => {
                    Some(Law::Ulaw.decode_all(rtp::parse(bytes).unwrap().payload))
                }
                _ => None,
            })
            .flatten()
            .collect();
        assert!(heard.len() >= 90 * FRAME, "{} samples to {conn}", heard.len());
        let tail = &heard[20 * FRAME..];
        assert!(tone_share(tail, hz[1 - i]) > 0.8, "{conn} hears the other");
        assert!(tone_share(tail, hz[i]) < 0.01, "{conn} does not hear itself");
    }
    assert!(c.records().iter().any(|r| r.step == "talking"));
    let reports = c.out.iter().filter(|o| matches!(o, McuOutput::Rtcp { .. })).count();
    assert_eq!(reports, 2, "one sender report each in the first 5 s");
    // Muted by a controller: the other hears silence.
    c.mcu.control(c.now, Control::Mute(Target::Number(2)), "if://agent/chair", None, &mut c.eps[0]).unwrap();
    assert_eq!(
        c.mcu.control(c.now, Control::Mute(Target::Alias("nobody".into())), "if://agent/chair", None, &mut c.eps[0]),
        Err(super::mcu::ControlError::NoSuchParticipant("nobody".into()))
    );
    // The first hangs up (pycrate's ReleaseComplete, its CRV set to the call's): left, released,
    // disengaged at the gatekeeper.
    let mut t = Tpkt::new(65_535);
    t.push(&fixture("fs-releaseComplete"));
    let mut rc = Signal::parse(&t.next_frame().unwrap().unwrap()).unwrap();
    rc.q931.crv = 101;
    let Body::releaseComplete(uuie) = &mut rc.uu.as_mut().unwrap().h323_uu_pdu.h323_message_body else { panic!() };
    uuie.call_identifier = Some(ras::CallIdentifier::new(ras::to_guid(ids[0])));
    c.out.clear();
    c.mcu.handle_bytes(c.now, 1, &rc.encode().unwrap(), &mut c.eps[0]);
    c.settle();
    let steps: Vec<&str> = c.records().iter().map(|r| r.step).collect();
    assert!(steps.contains(&"left") && steps.contains(&"released"), "{steps:?}");
    assert!(c.out.iter().any(|o| matches!(o, McuOutput::Close { conn: 1 })));
    assert!(c.out.iter().any(|o| matches!(o, McuOutput::CloseMedia { conn: 1 })));
    assert_eq!(c.mcu.participants(), 1);
    assert!(c.eps[0].call(CallId(ids[0])).is_none(), "disengaged");
    assert!(c.eps[0].call(CallId(ids[1])).is_some());
}

#[test]
fn a_refused_answer_arq_releases_the_call_with_the_reason_and_opens_no_media() {
    let mut c = Council::new(25);
    let d = description(1);
    let (call, conference) = c.admitted(d);
    c.mcu.handle_connection(0, 1, addr(40_000));
    // A description from a key the gatekeeper does not trust: its policy gate refuses.
    let forged = crate::message::signed_for_test(&key("if://agent/stranger", 7), 1, &format!("{:024x}", 9));
    c.mcu.handle_bytes(0, 1, &setup(call, conference, &forged, 7), &mut c.eps[0]);
    c.settle();
    let written = c.written(1);
    let names: Vec<&str> = written.iter().map(|s| super::q931::body_name(s.body().unwrap())).collect();
    assert_eq!(names, ["callProceeding", "releaseComplete"]);
    assert_eq!(written[1].q931.cause(), Some(111));
    let admission = c.records().into_iter().find(|r| r.step == "admission").unwrap();
    assert_eq!((admission.outcome, admission.reason.as_deref()), (Some("rejected"), Some("requestDenied")));
    assert!(admission.refusal);
    assert!(!c.out.iter().any(|o| matches!(o, McuOutput::OpenMedia { .. } | McuOutput::Rtp { .. })));
    assert_eq!(c.mcu.in_flight(), 0);
}

#[test]
fn a_full_or_locked_conference_and_a_setup_without_description_are_refused_here() {
    let mut c = Council::new(1);
    let d = description(1);
    let (call, conference) = c.admitted(d.clone());
    c.mcu.handle_connection(0, 1, addr(40_000));
    c.mcu.handle_bytes(0, 1, &setup(call, conference, &d, 1), &mut c.eps[0]);
    c.settle();
    assert_eq!(c.mcu.participants(), 1);
    for (conn, reason, cause) in
        [(2u64, "adaptiveBusy", 41u8), (3, "destinationRejection", 21), (4, "noPermission", 111)]
    {
        if conn == 3 {
            c.mcu.control(0, Control::Kick(Target::Number(1)), "if://agent/chair", None, &mut c.eps[0]).unwrap();
            c.mcu.control(0, Control::Lock, "if://agent/chair", None, &mut c.eps[0]).unwrap();
            c.settle();
        }
        if conn == 4 {
            c.mcu.control(0, Control::Unlock, "if://agent/chair", None, &mut c.eps[0]).unwrap();
        }
        let description = if conn == 4 { b"".to_vec() } else { d.clone() };
        c.mcu.handle_connection(0, conn, addr(40_000));
        let mut bytes = setup([conn as u8; 16], conference, &description, conn as u16);
        if conn == 4 {
            // No nonStandardData at all.
            let mut t = Tpkt::new(65_535);
            t.push(&bytes);
            let mut s = Signal::parse(&t.next_frame().unwrap().unwrap()).unwrap();
            s.uu.as_mut().unwrap().h323_uu_pdu.non_standard_data = None;
            bytes = s.encode().unwrap();
        }
        c.mcu.handle_bytes(0, conn, &bytes, &mut c.eps[0]);
        c.settle();
        let written = c.written(conn);
        assert_eq!(written.len(), 2, "conn {conn}");
        let Some(Body::releaseComplete(rc)) = written[1].body() else { panic!("conn {conn}") };
        assert_eq!(rc.reason, Some(super::call::release_reason(reason)), "conn {conn}");
        assert_eq!(written[1].q931.cause(), Some(cause), "conn {conn}");
    }
    let local: Vec<_> = c.records().into_iter().filter(|r| r.outcome == Some("local")).collect();
    assert_eq!(local.len(), 3);
    assert!(c.records().iter().any(|r| r.step == "kicked" && r.by_agent.as_deref() == Some("if://agent/chair")));
}

fn council_records(out: &[McuOutput]) -> Vec<&CouncilRecord> {
    out.iter()
        .filter_map(|o| match o {
            McuOutput::Council(r) | McuOutput::Decision(r) => Some(&**r),
            _ => None,
        })
        .collect()
}

#[test]
fn a_vote_counts_the_guardians_whose_descriptions_are_in_the_conference_once_each() {
    let mut c = Council::new(25);
    c.mcu = Mcu::new(
        McuConfig {
            council: CouncilPolicy { quorum: 2, rule: Rule::NoObjection, window_s: 60 },
            wall_clock_offset_ms: NOW_UNIX_MS,
            ..McuConfig::default()
        },
        TrustStore::of(&[&key("if://agent/guardian-01", 1), &key("if://agent/guardian-02", 2)]),
        counter(),
    );
    c.mcu.set_recording(true);
    // Two guardians, each calling with a description it signed itself.
    for (conn, agent, byte) in [(1u64, "if://agent/guardian-01", 1u8), (2, "if://agent/guardian-02", 2)] {
        let d = crate::message::signed_for_test(&key(agent, byte), conn, &format!("{conn:024x}"));
        let (call, conference) = c.admitted(d.clone());
        c.mcu.handle_connection(c.now, conn, addr(40_000));
        c.mcu.handle_bytes(c.now, conn, &setup(call, conference, &d, conn as u16), &mut c.eps[0]);
        c.settle();
    }
    assert_eq!(c.mcu.participants(), 2);
    let seqs: Vec<u16> = c.records().iter().filter(|r| r.step == "admission").filter_map(|r| r.ras_seq).collect();
    c.out.clear();
    let conv = "if://conversation/0123456789ab";
    let chair = "if://agent/chair";
    let vote = |choice, sha: &str| Control::Vote { conversation: conv.into(), choice, sha256: sha.into() };
    assert_eq!(
        c.mcu.control(c.now, vote(Choice::Agree, "a"), "if://agent/guardian-01", None, &mut c.eps[0]),
        Err(ControlError::Vote(VoteRefusal::NoneOpen)),
        "no vote open yet"
    );
    let call = Control::CallVote { conversation: conv.into(), question: "publish?".into(), window_ms: None };
    // The records carry the escalation's trace (the descriptions'), not the calling line's.
    c.mcu.control(1_000, call, chair, Some("00000000c0de".into()), &mut c.eps[0]).unwrap();
    // Someone not in the conference (the chair's key is as good as any) is refused.
    let refused = c.mcu.control(1_100, vote(Choice::Refuse, "x"), chair, None, &mut c.eps[0]);
    assert_eq!(refused, Err(ControlError::Vote(VoteRefusal::NotPresent(chair.into()))));
    c.mcu.control(1_200, vote(Choice::Agree, "a"), "if://agent/guardian-01", None, &mut c.eps[0]).unwrap();
    let again = c.mcu.control(1_300, vote(Choice::Refuse, "b"), "if://agent/guardian-01", None, &mut c.eps[0]);
    assert_eq!(again, Err(ControlError::Vote(VoteRefusal::AlreadyVoted("if://agent/guardian-01".into()))));
    c.mcu.control(1_400, vote(Choice::Hold, "c"), "if://agent/guardian-02", None, &mut c.eps[0]).unwrap();
    while let Some(o) = c.mcu.poll_output() {
        c.out.push(o);
    }
    let records = council_records(&c.out);
    let steps: Vec<&str> = records.iter().map(|r| r.step).collect();
    assert_eq!(steps, ["vote_refused", "vote_called", "vote_refused", "vote", "vote_refused", "vote", "decision"]);
    let called = records[1];
    assert_eq!(called.closes_at_ms, Some(NOW_UNIX_MS + 61_000));
    assert_eq!(
        (called.quorum, called.rule, called.trace_id.as_deref()),
        (Some(2), Some(Rule::NoObjection), Some("0123456789ab"))
    );
    assert_eq!(records[2].refusal, Some("not_present"));
    assert_eq!((records[3].participant, records[3].vote_sha256.as_deref()), (Some(1), Some("a")));
    let d = records[6];
    assert_eq!((d.outcome, d.closed_by), (Some(Outcome::Approved), Some(ClosedBy::AllVoted)));
    assert_eq!(
        d.counts.as_ref().unwrap().values().copied().collect::<Vec<_>>(),
        [1, 0, 1, 0],
        "agree contradict hold refuse"
    );
    let votes: Vec<(&str, Choice, &str)> =
        d.votes.as_ref().unwrap().iter().map(|v| (v.agent.as_str(), v.choice, v.vote_sha256.as_str())).collect();
    assert_eq!(votes, [("if://agent/guardian-01", Choice::Agree, "a"), ("if://agent/guardian-02", Choice::Hold, "c")]);
    let present = d.participants.as_ref().unwrap();
    assert_eq!(present.iter().map(|p| p.ras_seq.unwrap()).collect::<Vec<_>>(), seqs, "the admissions' references");
    assert!(present.iter().all(|p| p.call_id.is_some()));
    assert_eq!(present[1].agent.as_deref(), Some("if://agent/guardian-02"));
    assert!(matches!(c.out.last(), Some(McuOutput::Decision(_))), "for the driver to pin the recording");
    // Late: the vote is closed. A vote called again closes at its window's end with no quorum.
    let late = c.mcu.control(2_000, vote(Choice::Agree, "d"), "if://agent/guardian-02", None, &mut c.eps[0]);
    assert_eq!(late, Err(ControlError::Vote(VoteRefusal::Closed(conv.into()))));
    let call = Control::CallVote { conversation: conv.into(), question: "again?".into(), window_ms: Some(500) };
    c.mcu.control(3_000, call, chair, None, &mut c.eps[0]).unwrap();
    c.mcu.control(3_010, vote(Choice::Agree, "e"), "if://agent/guardian-02", None, &mut c.eps[0]).unwrap();
    c.out.clear();
    c.mcu.handle_timeout(3_499, &mut c.eps[0]);
    while let Some(o) = c.mcu.poll_output() {
        c.out.push(o);
    }
    assert!(council_records(&c.out).iter().all(|r| r.step != "decision"), "one millisecond early");
    c.mcu.handle_timeout(3_500, &mut c.eps[0]);
    while let Some(o) = c.mcu.poll_output() {
        c.out.push(o);
    }
    let d = council_records(&c.out).into_iter().find(|r| r.step == "decision").expect("closed by the window");
    assert_eq!((d.outcome, d.closed_by), (Some(Outcome::NoQuorum), Some(ClosedBy::Window)));
    // Recording is a controller's to stop and start.
    c.mcu.control(4_000, Control::Record(false), chair, None, &mut c.eps[0]).unwrap();
    assert!(!c.mcu.recording());
    c.mcu.control(4_000, Control::Record(true), chair, None, &mut c.eps[0]).unwrap();
    assert!(c.mcu.recording());
}

#[test]
fn with_an_external_mixer_calls_join_it_control_goes_to_it_and_its_failure_releases_and_refuses() {
    let mut c = Council::with(McuConfig { external_mixer: Some("janus"), ..McuConfig::default() });
    c.mcu.set_recording(false);
    for conn in 1..=2u64 {
        let d = description(conn);
        let (call, conference) = c.admitted(d.clone());
        c.mcu.handle_connection(c.now, conn, addr(40_000));
        c.mcu.handle_bytes(c.now, conn, &setup(call, conference, &d, 100 + conn as u16), &mut c.eps[0]);
        c.settle();
        let names: Vec<&str> = c.written(conn).iter().map(|s| super::q931::body_name(s.body().unwrap())).collect();
        assert_eq!(names, ["callProceeding", "connect"], "conn {conn}");
    }
    assert!(!c.out.iter().any(|o| matches!(o, McuOutput::OpenMedia { .. })), "no media sockets here");
    let joins: Vec<_> = c
        .out
        .iter()
        .filter_map(|o| match o {
            McuOutput::JoinMixer { conn, law, .. } => Some((*conn, *law)),
            _ => None,
        })
        .collect();
    assert_eq!(joins, [(1, Law::Ulaw), (2, Law::Ulaw)]);
    let joined: Vec<_> =
        c.records().iter().filter(|r| r.step == "joined").map(|r| (r.mixer, r.mixer_participant)).collect();
    assert_eq!(joined, [(Some("janus"), Some(101)), (Some("janus"), Some(102))]);
    assert_eq!(c.mcu.participants(), 2);
    // No mixing here: no ticks, no RTP out.
    c.out.clear();
    c.run(1_000, &mut |_| Vec::new());
    assert!(!c.out.iter().any(|o| matches!(o, McuOutput::Rtp { .. })));
    // Control goes to the mixer; recording is refused.
    let chair = "if://agent/chair";
    c.mcu.control(c.now, Control::Mute(Target::Number(2)), chair, None, &mut c.eps[0]).unwrap();
    c.mcu.control(c.now, Control::Gain(Target::Number(1), 6.0), chair, None, &mut c.eps[0]).unwrap();
    assert!(matches!(
        c.mcu.control(c.now, Control::Gain(Target::Number(1), 30.0), chair, None, &mut c.eps[0]),
        Err(ControlError::Gain(_))
    ));
    assert_eq!(
        c.mcu.control(c.now, Control::Record(true), chair, None, &mut c.eps[0]),
        Err(ControlError::NotWithMixer("recording", "janus"))
    );
    c.settle();
    let commands: Vec<_> = c
        .out
        .iter()
        .filter_map(|o| match o {
            McuOutput::MixerControl { conn, command } => Some((*conn, *command)),
            _ => None,
        })
        .collect();
    assert_eq!(commands, [(2, MixerCommand::Mute(true)), (1, MixerCommand::Volume(200))]);
    // The mixer fails: both calls released, new ones refused.
    c.out.clear();
    c.mcu.mixer_failed(c.now, None, "events: connection refused".into(), &mut c.eps[0]);
    c.settle();
    let released: Vec<_> = c.records().iter().filter(|r| r.step == "released").map(|r| r.reason.clone()).collect();
    assert_eq!(released, [Some("gatewayResources".to_owned()), Some("gatewayResources".to_owned())]);
    assert_eq!(c.records().iter().filter(|r| r.step == "mixer_failed").count(), 3, "the room's and each call's");
    assert_eq!(c.mcu.participants(), 0);
    let d = description(3);
    let (call, conference) = c.admitted(d.clone());
    c.out.clear();
    c.mcu.handle_connection(c.now, 3, addr(40_000));
    c.mcu.handle_bytes(c.now, 3, &setup(call, conference, &d, 103), &mut c.eps[0]);
    c.settle();
    let refused = c.records().into_iter().find(|r| r.step == "admission").unwrap();
    assert_eq!((refused.outcome, refused.reason.as_deref()), (Some("local"), Some("adaptiveBusy")));
}

/// A controller's line asking to call `destination` (signed by a trusted key).
fn invite(destination: &str) -> Control {
    let description = crate::message::signed_for_test(&key("if://agent/guardian-02", 2), 77, &format!("{:024x}", 77));
    Control::Invite { destination: destination.into(), description }
}

#[test]
fn an_invite_is_admitted_placed_to_the_acfs_address_and_answered_into_the_mix_and_an_arj_is_its_refusal() {
    use super::call::{CallConfig, CallOutput, IncomingCall};
    let mut c = Council::new(25);
    // Nobody is registered as `nobody`: the ARJ is the invitation's refusal, and nothing is dialled.
    c.mcu.control(c.now, invite("nobody"), "if://agent/chair", None, &mut c.eps[0]).unwrap();
    c.settle();
    let steps: Vec<(&str, Option<&str>, Option<&str>)> =
        c.records().iter().map(|r| (r.step, r.outcome, r.reason.as_deref())).collect();
    assert_eq!(
        steps,
        [
            ("invite", None, None),
            ("admission", Some("rejected"), Some("calledPartyNotRegistered")),
            ("released", None, Some("calledPartyNotRegistered")),
        ]
    );
    assert!(c.records()[1].refusal);
    assert!(!c.out.iter().any(|o| matches!(o, McuOutput::Dial { .. } | McuOutput::OpenMedia { .. })));
    c.out.clear();

    // The guardian's endpoint is registered as `guardian-01`: the ACF names its call signalling
    // address, our media is bound, then the connection is asked for.
    c.mcu.control(c.now, invite("guardian-01"), "if://agent/chair", None, &mut c.eps[0]).unwrap();
    c.settle();
    let dial = c.out.iter().find_map(|o| match o {
        McuOutput::Dial { conn, to } => Some((*conn, *to)),
        _ => None,
    });
    let (conn, to) = dial.unwrap_or_else(|| panic!("no Dial: {:?}", c.out));
    assert_eq!(to, addr(6001));
    assert!(conn >= super::mcu::DIALLED_CONNS);
    assert!(c.mcu.dialled(c.now, conn, &mut c.eps[0]));
    c.settle();
    // The callee: the MCU's own incoming core, reading what the MCU wrote.
    let mut callee = IncomingCall::new(c.now, CallConfig { alias: "guardian-01".into(), ..CallConfig::default() });
    let wire = |out: &[McuOutput]| -> Vec<u8> {
        out.iter()
            .filter_map(|o| {
                if let McuOutput::Write { conn: k, bytes } = o {
                    (*k == conn).then(|| bytes.clone())
                } else {
                    None
                }
            })
            .flatten()
            .collect()
    };
    callee.handle_bytes(c.now, &wire(&c.out));
    let mut answer = Vec::new();
    while let Some(o) = callee.poll_output() {
        match o {
            CallOutput::Transmit(b) => answer.extend(b),
            CallOutput::Admit(info) => {
                assert_eq!(info.source_alias.as_deref(), Some("council"));
                assert!(info.fast_start, "the MCU proposes fastStart");
                assert!(info.description.is_some(), "the controller's line rides in the Setup");
                callee.admitted(c.now, addr(41_000), addr(41_001));
            }
            _ => {}
        }
    }
    c.out.clear();
    c.mcu.handle_bytes(c.now, conn, &answer, &mut c.eps[0]);
    c.settle();
    let steps: Vec<&str> = c.records().iter().map(|r| r.step).collect();
    assert!(steps.ends_with(&["proceeding", "joined"]), "{steps:?}");
    assert_eq!(c.mcu.participants(), 1);
    let joined = c.records().into_iter().find(|r| r.step == "joined").unwrap();
    assert_eq!((joined.alias.as_deref(), joined.codec), (Some("guardian-01"), Some("ulaw")));

    // The chair kicks it: ReleaseComplete to the callee, the call disengaged.
    c.out.clear();
    c.mcu
        .control(c.now, Control::Kick(Target::Alias("guardian-01".into())), "if://agent/chair", None, &mut c.eps[0])
        .unwrap();
    c.settle();
    callee.handle_bytes(c.now, &wire(&c.out));
    let ended = std::iter::from_fn(|| callee.poll_output()).find_map(|o| match o {
        CallOutput::Released(r) => Some(r),
        _ => None,
    });
    assert_eq!(ended.map(|r| r.by), Some("remote"));
    assert_eq!(c.mcu.participants(), 0);
    assert!(c.records().iter().any(|r| r.step == "released" && r.by == Some("local")));
    assert!(c.mcu.in_flight() == 0);
}
