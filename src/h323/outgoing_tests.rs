//! The outgoing side against the MCU's incoming side ([`IncomingCall`]): what one sends, the
//! other reads (the integration tests put the real `if-mcu` and pycrate's guardians around it).

use super::*;
use crate::h323::call::{self, CallConfig, CallOutput, IncomingCall};

const RTP: &str = "127.0.0.1:31000";
const RTCP: &str = "127.0.0.1:31001";
const MCU_RTP: &str = "127.0.0.1:32000";
const MCU_RTCP: &str = "127.0.0.1:32001";

fn config(laws: Vec<G711>) -> OutgoingConfig {
    OutgoingConfig {
        source_alias: "sip-gateway".into(),
        destination: "council".into(),
        display: Some("sip:expert@127.0.0.1".into()),
        endpoint_id: Some("ep-7".into()),
        call_id: [0x22; 16],
        conference_id: [0x11; 16],
        crv: 9,
        description: Some(b"{\"a\":1}".to_vec()),
        laws,
        rtp: RTP.parse().unwrap(),
        rtcp: RTCP.parse().unwrap(),
        max_frame: q931::DEFAULT_MAX_FRAME,
    }
}

fn outgoing(c: &mut OutgoingCall) -> Vec<OutgoingOutput> {
    std::iter::from_fn(|| c.poll_output()).collect()
}

fn incoming(c: &mut IncomingCall) -> Vec<CallOutput> {
    std::iter::from_fn(|| c.poll_output()).collect()
}

fn wire_out(out: &[OutgoingOutput]) -> Vec<u8> {
    out.iter()
        .filter_map(|o| if let OutgoingOutput::Transmit(b) = o { Some(b.clone()) } else { None })
        .flatten()
        .collect()
}

fn wire_in(out: &[CallOutput]) -> Vec<u8> {
    out.iter().filter_map(|o| if let CallOutput::Transmit(b) = o { Some(b.clone()) } else { None }).flatten().collect()
}

/// A call set up between the two cores: (caller, callee, the callee's Setup summary).
fn connected(laws: Vec<G711>) -> (OutgoingCall, IncomingCall, Vec<OutgoingOutput>) {
    let mut caller = OutgoingCall::new(0, config(laws));
    let setup = wire_out(&outgoing(&mut caller));
    let mut mcu = IncomingCall::new(0, CallConfig::default());
    mcu.handle_bytes(1, &setup);
    let out = incoming(&mut mcu);
    let Some(CallOutput::Admit(info)) = out.iter().find(|o| matches!(o, CallOutput::Admit(_))) else {
        panic!("{out:?}")
    };
    assert_eq!(info.call_id_raw, [0x22; 16]);
    assert_eq!(info.conference_id_raw, [0x11; 16]);
    assert_eq!(info.source_alias.as_deref(), Some("sip-gateway"));
    assert_eq!(info.endpoint_id.as_deref(), Some("ep-7"));
    assert_eq!(info.display.as_deref(), Some("sip:expert@127.0.0.1"));
    assert_eq!(info.description.as_deref(), Some(&b"{\"a\":1}"[..]), "the description rides in nonStandardData");
    assert!(info.fast_start && !info.tunnelling);
    assert_eq!(info.fast_start_media.map(|m| m.1), Some(RTP.parse().unwrap()));
    caller.handle_bytes(2, &wire_in(&out));
    assert_eq!(outgoing(&mut caller), [OutgoingOutput::Proceeding]);
    assert_eq!(caller.poll_timeout(), Some(2 + CALL_ANSWER_WAIT));
    mcu.admitted(3, MCU_RTP.parse().unwrap(), MCU_RTCP.parse().unwrap());
    let out = incoming(&mut mcu);
    caller.handle_bytes(4, &wire_in(&out));
    let got = outgoing(&mut caller);
    (caller, mcu, got)
}

#[test]
fn a_setup_with_fast_start_is_admitted_and_connected_with_the_callees_rtp_address() {
    let (caller, _, got) = connected(vec![G711::Ulaw, G711::Alaw]);
    assert_eq!(
        got,
        [OutgoingOutput::Connected {
            law: G711::Ulaw,
            rtp: MCU_RTP.parse().unwrap(),
            rtcp: Some(MCU_RTCP.parse().unwrap())
        }]
    );
    assert_eq!((caller.state(), caller.poll_timeout()), (OutgoingState::Connected, None));
}

#[test]
fn the_callees_law_wins_when_both_are_proposed() {
    // The MCU prefers µ-law; a caller preferring A-law still gets µ-law (and transcodes).
    let (_, _, got) = connected(vec![G711::Alaw, G711::Ulaw]);
    assert!(matches!(got[..], [OutgoingOutput::Connected { law: G711::Ulaw, .. }]), "{got:?}");
}

#[test]
fn release_either_way_ends_the_call_with_its_reason() {
    let (mut caller, mut mcu, _) = connected(vec![G711::Ulaw]);
    caller.release(10, "undefinedReason", None);
    let out = outgoing(&mut caller);
    assert!(matches!(
        out.last(),
        Some(OutgoingOutput::Released(OutgoingRelease { by: "local", was_connected: true, .. }))
    ));
    mcu.handle_bytes(11, &wire_out(&out));
    let got = incoming(&mut mcu);
    assert!(
        got.iter().any(|o| matches!(o, CallOutput::Released(r) if r.by == "remote" && r.reason == "undefinedReason")),
        "{got:?}"
    );

    // The MCU kicks the participant: its ReleaseComplete, reason and cause, reach the caller.
    let (mut caller, mut mcu, _) = connected(vec![G711::Ulaw]);
    mcu.release(20, "noPermission", None);
    caller.handle_bytes(21, &wire_in(&incoming(&mut mcu)));
    let got = outgoing(&mut caller);
    assert_eq!(
        got,
        [OutgoingOutput::Released(OutgoingRelease {
            by: "remote",
            reason: "noPermission".into(),
            cause: Some(111),
            detail: None,
            was_connected: true
        })]
    );
}

#[test]
fn a_refused_setup_is_released_before_connecting() {
    let mut caller = OutgoingCall::new(0, config(vec![G711::Ulaw]));
    let setup = wire_out(&outgoing(&mut caller));
    let mut mcu = IncomingCall::new(0, CallConfig::default());
    mcu.handle_bytes(1, &setup);
    caller.handle_bytes(2, &wire_in(&incoming(&mut mcu)));
    mcu.refused(2, call::release_for_admission("requestDenied"), None);
    caller.handle_bytes(3, &wire_in(&incoming(&mut mcu)));
    let got = outgoing(&mut caller);
    assert!(
        matches!(&got[..], [OutgoingOutput::Proceeding, OutgoingOutput::Released(r)]
        if r.reason == "noPermission" && !r.was_connected),
        "{got:?}"
    );
}

#[test]
fn silence_after_the_setup_releases_the_call_on_the_timer() {
    let mut caller = OutgoingCall::new(0, config(vec![G711::Ulaw]));
    outgoing(&mut caller);
    assert_eq!(caller.poll_timeout(), Some(CALL_PROCEEDING_WAIT));
    caller.handle_timeout(CALL_PROCEEDING_WAIT - 1);
    assert!(outgoing(&mut caller).is_empty());
    caller.handle_timeout(CALL_PROCEEDING_WAIT);
    let got = outgoing(&mut caller);
    assert!(
        matches!(&got[..], [OutgoingOutput::Transmit(_), OutgoingOutput::Released(r)]
        if r.by == "local" && r.reason == "unreachableDestination"),
        "{got:?}"
    );
    assert_eq!(caller.poll_timeout(), None);
}
