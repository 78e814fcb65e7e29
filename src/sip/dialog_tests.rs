use super::*;
use crate::sip::message::parse;

const LOCAL: &str = "127.0.0.1:5080";

fn invite() -> SipMessage {
    let text =
        "INVITE sip:expert@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bKgw1;rport\r\n\
                Max-Forwards: 70\r\nFrom: <sip:council@127.0.0.1:5080>;tag=f1\r\nTo: <sip:expert@127.0.0.1:5060>\r\n\
                Call-ID: c1@127.0.0.1\r\nCSeq: 1 INVITE\r\nX-IF-Trace-ID: 0123456789ab\r\nContent-Length: 0\r\n\r\n";
    parse(text.as_bytes()).unwrap()
}

fn response(code: u16, reason: &str, method: &str, tag: bool) -> SipMessage {
    let to = if tag { "<sip:expert@127.0.0.1:5060>;tag=e1" } else { "<sip:expert@127.0.0.1:5060>" };
    let text = format!(
        "SIP/2.0 {code} {reason}\r\nVia: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bKgw1;rport\r\n\
         Record-Route: <sip:127.0.0.1:5060;lr>\r\nFrom: <sip:council@127.0.0.1:5080>;tag=f1\r\nTo: {to}\r\n\
         Call-ID: c1@127.0.0.1\r\nCSeq: 1 {method}\r\nContact: <sip:expert@127.0.0.1:7000>\r\nContent-Length: 0\r\n\r\n"
    );
    parse(text.as_bytes()).unwrap()
}

fn outputs(d: &mut ClientDialog) -> Vec<DialogOutput> {
    std::iter::from_fn(|| d.poll_output()).collect()
}

fn sent(out: &[DialogOutput]) -> Vec<SipMessage> {
    out.iter()
        .filter_map(|o| match o {
            DialogOutput::Transmit(b) => Some(parse(b).unwrap()),
            _ => None,
        })
        .collect()
}

#[test]
fn an_answered_call_is_acked_in_the_dialog_and_our_hang_up_is_a_bye_on_the_route() {
    let mut d = ClientDialog::new(0, invite(), LOCAL.parse().unwrap());
    assert_eq!(sent(&outputs(&mut d))[0].method(), Some("INVITE"));
    // Timer A: sent again after T1, then 2*T1.
    d.handle_timeout(T1);
    assert_eq!(sent(&outputs(&mut d)).len(), 1);
    assert_eq!(d.poll_timeout(), Some(T1 + 2 * T1));
    d.handle_response(600, &response(180, "Ringing", "INVITE", true));
    assert_eq!(outputs(&mut d), [DialogOutput::Ringing(180)]);
    assert_eq!(d.poll_timeout(), Some(600 + TIMER_C), "Timer C once it rings");
    d.handle_response(700, &response(183, "Session Progress", "INVITE", true));
    assert!(outputs(&mut d).is_empty(), "ringing reported once");
    d.handle_response(800, &response(200, "OK", "INVITE", true));
    let out = outputs(&mut d);
    let ack = &sent(&out)[0];
    assert_eq!((ack.method(), ack.uri()), (Some("ACK"), Some("sip:expert@127.0.0.1:7000")));
    assert_eq!(ack.header("Route"), Some("<sip:127.0.0.1:5060;lr>"));
    assert_eq!(ack.header("To"), Some("<sip:expert@127.0.0.1:5060>;tag=e1"));
    assert!(matches!(out.last(), Some(DialogOutput::Answered(_))));
    assert_eq!((d.state(), d.poll_timeout()), (DialogState::Confirmed, None));
    // A retransmitted 2xx: the ACK again.
    d.handle_response(900, &response(200, "OK", "INVITE", true));
    assert_eq!(sent(&outputs(&mut d))[0].method(), Some("ACK"));
    d.hang_up(1_000);
    let bye = &sent(&outputs(&mut d))[0];
    assert_eq!((bye.method(), bye.cseq()), (Some("BYE"), Some((2, "BYE"))));
    assert_eq!(bye.header("X-IF-Trace-ID"), Some("0123456789ab"));
    d.handle_response(1_100, &response(200, "OK", "BYE", true));
    assert_eq!(outputs(&mut d), [DialogOutput::Ended { remote: false, status: Some(200) }]);
    assert_eq!(d.state(), DialogState::Over);
}

#[test]
fn a_refusal_is_acked_hop_by_hop_and_reported_with_its_warning() {
    let mut d = ClientDialog::new(0, invite(), LOCAL.parse().unwrap());
    outputs(&mut d);
    let mut busy = response(486, "Busy Here", "INVITE", true);
    busy.headers.push(Header { name: "Warning".into(), value: "399 x \"in a meeting\"".into() });
    d.handle_response(10, &busy);
    let out = outputs(&mut d);
    let ack = &sent(&out)[0];
    assert_eq!((ack.method(), ack.uri()), (Some("ACK"), Some("sip:expert@127.0.0.1:5060")));
    assert_eq!(ack.top_via().and_then(|v| v.branch()), Some("z9hG4bKgw1"));
    assert_eq!(
        out[1],
        DialogOutput::Refused {
            status: 486,
            reason: "Busy Here".into(),
            warning: Some("399 x \"in a meeting\"".into())
        }
    );
    assert_eq!(d.poll_timeout(), None);
}

#[test]
fn a_cancel_waits_for_a_provisional_and_timer_b_ends_an_unanswered_invite() {
    let mut d = ClientDialog::new(0, invite(), LOCAL.parse().unwrap());
    outputs(&mut d);
    d.cancel(10);
    assert!(sent(&outputs(&mut d)).is_empty(), "no CANCEL before a provisional (§9.1)");
    d.handle_response(20, &response(100, "Trying", "INVITE", false));
    let out = outputs(&mut d);
    assert_eq!(sent(&out)[0].method(), Some("CANCEL"));
    d.handle_response(30, &response(200, "OK", "CANCEL", false));
    d.handle_response(40, &response(487, "Request Terminated", "INVITE", true));
    let out = outputs(&mut d);
    assert!(matches!(out[1], DialogOutput::Refused { status: 487, .. }), "{out:?}");

    let mut lost = ClientDialog::new(0, invite(), LOCAL.parse().unwrap());
    outputs(&mut lost);
    let mut t = 0;
    while let Some(at) = lost.poll_timeout() {
        t = at;
        lost.handle_timeout(at);
        if lost.state() == DialogState::Over {
            break;
        }
    }
    assert_eq!(t, TRANSACTION_TIMEOUT);
    let out = outputs(&mut lost);
    assert_eq!(sent(&out).len(), 6, "Timer A at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s");
    assert!(matches!(out.last(), Some(DialogOutput::Refused { status: 408, .. })));
}

#[test]
fn the_far_sides_bye_is_answered_and_ends_the_dialog() {
    let mut d = ClientDialog::new(0, invite(), LOCAL.parse().unwrap());
    d.handle_response(10, &response(200, "OK", "INVITE", true));
    outputs(&mut d);
    let bye = parse(
        b"BYE sip:council@127.0.0.1:5080 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:7000;branch=z9hG4bKe\r\n\
          From: <sip:expert@127.0.0.1:5060>;tag=e1\r\nTo: <sip:council@127.0.0.1:5080>;tag=f1\r\n\
          Call-ID: c1@127.0.0.1\r\nCSeq: 5 BYE\r\nContent-Length: 0\r\n\r\n",
    )
    .unwrap();
    let ok = d.handle_request(20, &bye).unwrap();
    assert_eq!(ok.status(), Some(200));
    assert_eq!(outputs(&mut d), [DialogOutput::Ended { remote: true, status: None }]);
    assert_eq!(d.handle_request(30, &bye).unwrap().status(), Some(481));
}
