use super::*;
use crate::h323::h245::{RequestMessage as Rq, ResponseMessage as Rs};
use crate::h323::q931::Body;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/h323-call/pycrate/{name}.hex", env!("CARGO_MANIFEST_DIR"));
    hex::decode(std::fs::read_to_string(&path).unwrap().trim()).unwrap()
}

fn outputs(c: &mut IncomingCall) -> Vec<CallOutput> {
    std::iter::from_fn(|| c.poll_output()).collect()
}

/// The messages among the outputs, parsed.
fn sent(out: &[CallOutput]) -> Vec<Signal> {
    out.iter()
        .filter_map(|o| match o {
            CallOutput::Transmit(b) => {
                let mut t = Tpkt::new(65_535);
                t.push(b);
                let s = Signal::parse(&t.next_frame().unwrap().unwrap()).unwrap();
                // What we send encodes back byte for byte.
                assert_eq!(&s.encode().unwrap(), b);
                Some(s)
            }
            _ => None,
        })
        .collect()
}

fn names(signals: &[Signal]) -> Vec<&'static str> {
    signals.iter().map(|s| q931::body_name(s.body().unwrap())).collect()
}

fn h245_of(s: &Signal) -> Vec<Msc> {
    s.uu.as_ref().unwrap().h323_uu_pdu.h245_control.iter().flatten().map(|o| h245::decode(o).unwrap()).collect()
}

const RTP: &str = "127.0.0.1:30000";
const RTCP: &str = "127.0.0.1:30001";

fn admitted_call(setup: &str) -> (IncomingCall, Vec<CallOutput>) {
    let mut c = IncomingCall::new(0, CallConfig::default());
    c.handle_bytes(5, &fixture(setup));
    let out = outputs(&mut c);
    assert_eq!(names(&sent(&out)), ["callProceeding"]);
    let Some(CallOutput::Admit(info)) = out.iter().find(|o| matches!(o, CallOutput::Admit(_))) else { panic!() };
    assert_eq!(c.state(), CallState::Admitting);
    assert_eq!(info.crv, c.crv);
    c.admitted(10, RTP.parse().unwrap(), RTCP.parse().unwrap());
    let out = outputs(&mut c);
    (c, out)
}

#[test]
fn a_fast_start_setup_is_proceeded_admitted_and_connected_with_the_accepted_channels() {
    let mut c = IncomingCall::new(0, CallConfig::default());
    c.handle_bytes(5, &fixture("fs-setup"));
    let out = outputs(&mut c);
    let proceeding = &sent(&out)[0];
    assert!(proceeding.q931.from_answerer);
    let Some(CallOutput::Admit(info)) = out.last() else { panic!("{out:?}") };
    assert!(info.fast_start && info.tunnelling);
    assert!(info.description.is_some(), "the description rides in nonStandardData");
    assert_eq!(info.call_id.len(), 32);
    assert_eq!(c.poll_timeout(), Some(5 + CALL_ADMISSION_WAIT));
    c.admitted(10, RTP.parse().unwrap(), RTCP.parse().unwrap());
    let out = outputs(&mut c);
    let msgs = sent(&out);
    assert_eq!(names(&msgs), ["connect"]);
    let Some(Body::connect(connect)) = msgs[0].body() else { panic!() };
    assert_eq!(connect.fast_start.as_ref().unwrap().len(), 2);
    assert_eq!(ras::guid(&connect.conference_id.0), info.conference_id_raw);
    assert!(out.contains(&CallOutput::Connected { fast_start: true, law: Some(G711::Ulaw) }));
    assert!(out.iter().any(|o| matches!(o, CallOutput::Sending { law: G711::Ulaw, rtcp: Some(_), .. })));
    assert_eq!(c.poll_timeout(), None);
    // StatusInquiry: Status, call state 10.
    c.handle_bytes(20, &fixture("fs-statusInquiry"));
    let msgs = sent(&outputs(&mut c));
    assert_eq!(names(&msgs), ["status"]);
    assert_eq!(msgs[0].q931.ie(ie::CALL_STATE), Some(&[10][..]));
    assert_eq!(msgs[0].q931.cause(), Some(30));
    // Their ReleaseComplete ends it.
    c.handle_bytes(30, &fixture("fs-releaseComplete"));
    let out = outputs(&mut c);
    assert!(sent(&out).is_empty());
    let Some(CallOutput::Released(r)) = out.last() else { panic!("{out:?}") };
    assert_eq!((r.by, r.reason.as_str(), r.cause), ("remote", "undefinedReason", Some(16)));
    assert_eq!(c.state(), CallState::Released);
}

#[test]
fn a_tunnelled_call_exchanges_capabilities_and_opens_a_channel_each_way() {
    let (mut c, out) = admitted_call("tun-setup");
    let msgs = sent(&out);
    assert_eq!(names(&msgs), ["connect"]);
    let h = h245_of(&msgs[0]);
    assert!(matches!(h[..], [Msc::request(Rq::terminalCapabilitySet(_))]), "{h:?}");
    assert!(out.contains(&CallOutput::Connected { fast_start: false, law: None }));
    // The caller's first Facility: its TCS and MSD (then, on our TCS and the decision, its OLC).
    let caller: Vec<Vec<u8>> = ["tun-empty", "tun-empty-1"]
        .iter()
        .map(|f| fixture(f))
        .filter(|b| {
            let mut t = Tpkt::new(65_535);
            t.push(b);
            !Signal::parse(&t.next_frame().unwrap().unwrap()).unwrap().q931.from_answerer
        })
        .collect();
    assert!(!caller.is_empty());
    let mut answers = Vec::new();
    let mut all = Vec::new();
    for b in &caller {
        c.handle_bytes(20, b);
        let out = outputs(&mut c);
        for s in sent(&out) {
            assert_eq!(q931::body_name(s.body().unwrap()), "empty");
            answers.extend(h245_of(&s));
        }
        all.extend(out);
    }
    let tcs_ack = answers.iter().any(|m| matches!(m, Msc::response(Rs::terminalCapabilitySetAck(_))));
    let msd_ack = answers.iter().find_map(|m| match m {
        Msc::response(Rs::masterSlaveDeterminationAck(a)) => Some(a.decision.clone()),
        _ => None,
    });
    assert!(tcs_ack, "{answers:?}");
    assert_eq!(msd_ack, Some(h245::MasterSlaveDeterminationAckDecision::slave(())), "the MCU is master");
    // Their OLC (for pycrate's callee) is acked with our RTP address; their acks of our TCS
    // and MSD let our OLC go out.
    let olc_ack = answers.iter().find_map(|m| match m {
        Msc::response(Rs::openLogicalChannelAck(a)) => h245::ack_media_channel(a),
        _ => None,
    });
    assert_eq!(olc_ack, Some(RTP.parse().unwrap()));
    assert!(answers.iter().any(|m| matches!(m, Msc::request(Rq::openLogicalChannel(_)))), "{answers:?} {all:?}");
    assert!(all.contains(&CallOutput::Receiving { law: G711::Ulaw }));
    let crv = c.crv;
    // Their OLC ack: RTP goes to its mediaChannel.
    let to: SocketAddr = "127.0.0.1:40000".parse().unwrap();
    let ack = h245::encode(&h245::open_logical_channel_ack(1, to, to)).unwrap();
    c.handle_bytes(40, &facility(crv, vec![ack]));
    let out = outputs(&mut c);
    assert!(out.contains(&CallOutput::Sending { law: G711::Ulaw, rtp: to, rtcp: Some(to) }), "{out:?}");
    // Our release carries endSessionCommand.
    c.release(50, "inConf", None);
    let out = outputs(&mut c);
    let msgs = sent(&out);
    assert_eq!(names(&msgs), ["releaseComplete"]);
    assert_eq!(msgs[0].q931.cause(), Some(17));
    assert!(h245_of(&msgs[0]).iter().any(|m| matches!(m, Msc::command(h245::CommandMessage::endSessionCommand(_)))));
}

/// A Facility from the caller (flag clear) carrying `h245`.
fn facility(crv: u16, h245: Vec<Vec<u8>>) -> Vec<u8> {
    let pdu = H323UUPDU::new(
        Body::empty(()),
        None,
        None,
        Some(true),
        Some(h245.into_iter().map(OctetString::from).collect()),
        None,
        None,
        None,
        None,
        None,
        None,
    );
    Signal { q931: Q931::new(crv, false, kind::FACILITY), uu: Some(H323UserInformation::new(pdu, None)) }
        .encode()
        .unwrap()
}

#[test]
fn a_refused_call_is_released_with_the_reason_and_its_cause() {
    let mut c = IncomingCall::new(0, CallConfig::default());
    c.handle_bytes(5, &fixture("refused-setup"));
    outputs(&mut c);
    c.refused(6, release_for_admission("requestDenied"), Some("policy".into()));
    let out = outputs(&mut c);
    let msgs = sent(&out);
    assert_eq!(names(&msgs), ["releaseComplete"]);
    let Some(Body::releaseComplete(rc)) = msgs[0].body() else { panic!() };
    assert_eq!(rc.reason, Some(ReleaseCompleteReason::noPermission(())));
    assert_eq!(msgs[0].q931.cause(), Some(111));
    assert!(matches!(out.last(), Some(CallOutput::Released(Release { by: "local", .. }))));
    // Nothing more once released.
    c.handle_bytes(7, &fixture("fs-statusInquiry"));
    assert!(outputs(&mut c).is_empty());
}

#[test]
fn timers_close_a_silent_connection_and_an_undecided_admission() {
    let mut c = IncomingCall::new(0, CallConfig::default());
    assert_eq!(c.poll_timeout(), Some(CALL_SETUP_WAIT));
    c.handle_timeout(CALL_SETUP_WAIT - 1);
    assert!(outputs(&mut c).is_empty());
    c.handle_timeout(CALL_SETUP_WAIT);
    let out = outputs(&mut c);
    assert!(sent(&out).is_empty(), "no call to release yet");
    assert!(matches!(out[..], [CallOutput::Released(_)]));

    let mut c = IncomingCall::new(0, CallConfig::default());
    c.handle_bytes(100, &fixture("fs-setup"));
    outputs(&mut c);
    c.handle_timeout(100 + CALL_ADMISSION_WAIT);
    let msgs = sent(&outputs(&mut c));
    assert_eq!(names(&msgs), ["releaseComplete"]);
    assert_eq!(msgs[0].q931.cause(), Some(38));
}

#[test]
fn garbage_and_stray_messages_never_end_the_process_and_bad_framing_ends_the_call() {
    let mut c = IncomingCall::new(0, CallConfig::default());
    // A TPKT whose payload is not Q.931, then a message before any Setup: dropped.
    c.handle_bytes(1, &q931::tpkt(b"hello"));
    c.handle_bytes(1, &fixture("fs-statusInquiry"));
    let out = outputs(&mut c);
    assert!(out.iter().all(|o| matches!(o, CallOutput::Dropped(_))), "{out:?}");
    c.handle_bytes(2, &fixture("fs-setup"));
    outputs(&mut c);
    // Another call's message: dropped.
    c.handle_bytes(3, &fixture("tun-statusInquiry"));
    let out = outputs(&mut c);
    assert!(matches!(out[..], [CallOutput::Dropped(_)]), "{out:?}");
    // Lost framing: released.
    c.handle_bytes(4, b"GET / HTTP/1.1\r\n\r\n");
    let out = outputs(&mut c);
    assert!(matches!(out.last(), Some(CallOutput::Released(_))));
    let mut c = IncomingCall::new(0, CallConfig { max_frame: 100, ..CallConfig::default() });
    c.handle_bytes(1, &fixture("fs-setup"));
    assert!(matches!(outputs(&mut c).last(), Some(CallOutput::Released(_))), "oversized");
}

#[test]
fn a_fast_start_of_no_law_we_take_is_refused_in_the_connect_and_h245_tunnelled_instead() {
    let config = CallConfig { laws: vec![G711::Alaw], ..CallConfig::default() };
    let mut c = IncomingCall::new(0, config);
    // pycrate's fastStart Setup proposes μ-law and A-law; keep only its μ-law OLCs.
    let mut t = Tpkt::new(65_535);
    t.push(&fixture("fs-setup"));
    let mut s = Signal::parse(&t.next_frame().unwrap().unwrap()).unwrap();
    let Body::setup(setup) = &mut s.uu.as_mut().unwrap().h323_uu_pdu.h323_message_body else { panic!() };
    let fs = setup.fast_start.take().unwrap();
    let ulaw: Vec<OctetString> =
        fs.into_iter().filter(|o| format!("{:?}", h245::decode_olc(o).unwrap()).contains("g711Ulaw64k")).collect();
    assert_eq!(ulaw.len(), 2);
    setup.fast_start = Some(ulaw);
    c.handle_bytes(1, &s.encode().unwrap());
    outputs(&mut c);
    c.admitted(2, RTP.parse().unwrap(), RTCP.parse().unwrap());
    let out = outputs(&mut c);
    let msgs = sent(&out);
    let Some(Body::connect(connect)) = msgs[0].body() else { panic!() };
    assert_eq!((connect.fast_start.as_ref(), connect.fast_connect_refused), (None, Some(())));
    assert!(matches!(h245_of(&msgs[0])[..], [Msc::request(Rq::terminalCapabilitySet(_))]));
}

#[test]
fn without_fast_start_or_tunnelling_h245_runs_on_a_connection_of_its_own() {
    let mut c = IncomingCall::new(0, CallConfig::default());
    let mut t = Tpkt::new(65_535);
    t.push(&fixture("tun-setup"));
    let mut s = Signal::parse(&t.next_frame().unwrap().unwrap()).unwrap();
    s.uu.as_mut().unwrap().h323_uu_pdu.h245_tunnelling = Some(false);
    c.handle_bytes(1, &s.encode().unwrap());
    outputs(&mut c);
    c.admitted(2, RTP.parse().unwrap(), RTCP.parse().unwrap());
    assert_eq!(outputs(&mut c), [CallOutput::ListenH245], "the Connect waits for the listener");
    let listener: SocketAddr = "127.0.0.1:31000".parse().unwrap();
    c.h245_listening(3, listener);
    let out = outputs(&mut c);
    let msgs = sent(&out);
    let Some(Body::connect(connect)) = msgs[0].body() else { panic!() };
    assert_eq!(connect.h245_address.as_ref().and_then(ras::socket_addr), Some(listener));
    assert_eq!(msgs[0].uu.as_ref().unwrap().h323_uu_pdu.h245_tunnelling, Some(false));
    assert!(h245_of(&msgs[0]).is_empty(), "nothing tunnelled");
    // Our TCS goes on the H.245 connection, one TPKT.
    let tcs: Vec<&Vec<u8>> = out
        .iter()
        .filter_map(|o| match o {
            CallOutput::TransmitH245(b) => Some(b),
            _ => None,
        })
        .collect();
    assert_eq!(tcs.len(), 1);
    assert!(matches!(h245::decode(&tcs[0][4..]).unwrap(), Msc::request(Rq::terminalCapabilitySet(_))));
    // Their TCS and MSD arrive on it, split anywhere: acked on it.
    let mut stream = q931::tpkt(&h245::encode(&h245::terminal_capability_set(1, &[G711::Ulaw])).unwrap());
    stream.extend(q931::tpkt(&h245::encode(&h245::master_slave_determination(5)).unwrap()));
    c.handle_bytes(4, &[]);
    c.handle_h245_bytes(4, &stream[..7]);
    c.handle_h245_bytes(4, &stream[7..]);
    let answers: Vec<Msc> = outputs(&mut c)
        .into_iter()
        .filter_map(|o| match o {
            CallOutput::TransmitH245(b) => Some(h245::decode(&b[4..]).unwrap()),
            _ => None,
        })
        .collect();
    assert!(answers.iter().any(|m| matches!(m, Msc::response(Rs::terminalCapabilitySetAck(_)))), "{answers:?}");
    // Released: endSessionCommand on the H.245 connection first, then the ReleaseComplete.
    c.release(5, "undefinedReason", None);
    let out = outputs(&mut c);
    let first_end = out.iter().position(|o| matches!(o, CallOutput::TransmitH245(_))).unwrap();
    let rc = out.iter().position(|o| matches!(o, CallOutput::Transmit(_))).unwrap();
    assert!(first_end < rc);
}

#[test]
fn their_end_session_is_answered_and_their_release_complete_awaited_then_ours_sent() {
    let (mut c, _) = admitted_call("tun-setup");
    let crv = c.crv;
    let end = h245::encode(&h245::end_session()).unwrap();
    c.handle_bytes(10, &facility(crv, vec![end]));
    let out = outputs(&mut c);
    let msgs = sent(&out);
    assert_eq!(names(&msgs), ["empty"], "our endSessionCommand, in a Facility");
    assert!(matches!(h245_of(&msgs[0])[..], [Msc::command(h245::CommandMessage::endSessionCommand(_))]));
    assert_eq!(c.state(), CallState::Connected);
    assert_eq!(c.poll_timeout(), Some(10 + END_SESSION_WAIT));
    c.handle_timeout(10 + END_SESSION_WAIT);
    let msgs = sent(&outputs(&mut c));
    assert_eq!(names(&msgs), ["releaseComplete"]);
    assert!(h245_of(&msgs[0]).is_empty(), "no second endSessionCommand");
}

#[test]
fn alerting_goes_out_once_before_the_connect_and_a_call_that_rings_unanswered_is_released() {
    let mut c = IncomingCall::new(0, CallConfig::default());
    c.handle_bytes(5, &fixture("fs-setup"));
    outputs(&mut c);
    c.alerting(100);
    c.alerting(150);
    let out = outputs(&mut c);
    let signals = sent(&out);
    assert_eq!(names(&signals), ["alerting"]);
    assert_eq!(signals[0].q931.crv, c.crv);
    assert!(signals[0].q931.from_answerer);
    // Ringing outlasts the admission wait: a person takes time to answer.
    c.handle_timeout(100 + CALL_ADMISSION_WAIT);
    assert!(outputs(&mut c).is_empty());
    assert_eq!(c.poll_timeout(), Some(100 + CALL_RINGING_WAIT));
    c.handle_timeout(100 + CALL_RINGING_WAIT);
    let out = outputs(&mut c);
    assert_eq!(names(&sent(&out)), ["releaseComplete"]);
    assert!(out.iter().any(
        |o| matches!(o, CallOutput::Released(r) if r.by == "local" && r.detail.as_deref() == Some("rang unanswered"))
    ));
}

#[test]
fn alerting_then_the_answer_connects_with_the_fast_start_and_no_alerting_after() {
    let mut c = IncomingCall::new(0, CallConfig::default());
    c.handle_bytes(5, &fixture("fs-setup"));
    let out = outputs(&mut c);
    let Some(CallOutput::Admit(info)) = out.iter().find(|o| matches!(o, CallOutput::Admit(_))) else { panic!() };
    assert!(info.fast_start_media.is_some());
    c.alerting(10);
    c.admitted(20, RTP.parse().unwrap(), RTCP.parse().unwrap());
    c.alerting(30);
    let out = outputs(&mut c);
    assert_eq!(names(&sent(&out)), ["alerting", "connect"]);
    assert!(out.iter().any(|o| matches!(o, CallOutput::Connected { fast_start: true, .. })));
    assert_eq!(c.state(), CallState::Connected);
}
