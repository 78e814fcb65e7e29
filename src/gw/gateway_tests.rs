//! The gateway core on a fake clock, between the real gatekeeper core (RAS, in-process), a RAS
//! endpoint registered as the council, and the MCU's incoming-call core: every datagram and
//! octet passed between them at `now`, the SIP side played by the test.

use super::*;
use crate::gw::events::GwEvent;
use crate::h323::call::{CallConfig, CallOutput, IncomingCall};
use crate::h323::endpoint::EndpointConfig;
use crate::h323::gatekeeper::{Config, Gatekeeper, Limits, Output};
use crate::h323::outgoing::{OutgoingCall, OutgoingConfig, OutgoingOutput};
use crate::keys::SecretKey;
use crate::message::{default_scope, MessageFactory, MessageSpec, Performative};
use crate::policy::Policy;

const GK: u16 = 1719;
const GW_RAS: u16 = 7000;
const COUNCIL_RAS: u16 = 6000;
const PROXY: u16 = 5060;
const GW_SIP: u16 = 5080;
const PHONE_RTP: u16 = 10_000;
const MEDIA: MediaAddrs = MediaAddrs {
    sip_rtp: SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 20_000),
    h323_rtp: SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 20_002),
    h323_rtcp: SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 20_003),
};
const MCU_RTP: u16 = 30_000;

fn addr(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}

fn key(agent: &str, byte: u8) -> SecretKey {
    SecretKey::from_seed(agent, [byte; 32]).unwrap()
}

fn counter() -> crate::h323::endpoint::RandomSource {
    let mut n = 0u32;
    Box::new(move || {
        n += 1;
        n
    })
}

fn endpoint(port: u16, alias: &str, k: SecretKey, mc: bool) -> Endpoint {
    endpoint_with(port, &[alias], k, mc)
}

fn endpoint_with(port: u16, aliases: &[&str], k: SecretKey, mc: bool) -> Endpoint {
    Endpoint::new(
        EndpointConfig {
            gatekeeper: addr(GK),
            ras_address: addr(port),
            call_signal: addr(port + 1),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            key: Some(k),
            ttl_s: Some(300),
            mc,
            wall_clock_offset_ms: crate::time::now_millis(),
        },
        counter(),
    )
}

/// What the gateway sent, by kind.
#[derive(Default)]
struct Seen {
    sip: Vec<(Millis, SocketAddr, SipMessage)>,
    rtp: Vec<(Side, SocketAddr, Vec<u8>)>,
    events: Vec<GwEvent>,
    closed: Vec<GwCallId>,
    dropped: Vec<String>,
    gk_requests: Vec<&'static str>,
}

struct World {
    now: Millis,
    gk: Gatekeeper,
    council: Option<Endpoint>,
    gw: Gateway,
    /// The MCU's side of each call, and whether it admits the Setup.
    mcu: HashMap<GwCallId, IncomingCall>,
    mcu_admits: bool,
    /// The MCU's side of each call it placed to the gateway (H.323 to SIP).
    callers: HashMap<GwCallId, OutgoingCall>,
    caller_seen: Vec<OutgoingOutput>,
    seen: Seen,
}

impl World {
    /// The gatekeeper, the council registered (unless `council` is false), the gateway registered.
    fn new(council: bool, max_calls: usize) -> World {
        World::with_callouts(council, max_calls, &[])
    }

    /// As [`World::new`], the gateway also registered for `callouts` (alias, URI), its INVITEs
    /// to the proxy and signed.
    fn with_callouts(council: bool, max_calls: usize, callouts: &[(&str, &str)]) -> World {
        let gw_key = key("if://agent/gw", 1);
        let council_key = key("if://agent/mcu", 2);
        let scanner = key("if://agent/scanner", 3);
        let trust = TrustStore::of(&[&gw_key, &council_key, &scanner]);
        let gk = Gatekeeper::new(Config {
            gatekeeper_id: "if-gk".into(),
            local: addr(GK),
            policy: Policy { trust: trust.clone(), ..Policy::default() },
            council_alias: "council".into(),
            limits: Limits::default(),
            wall_clock_offset_ms: crate::time::now_millis(),
        });
        let mut factory = MessageFactory::new(key("if://agent/gw", 1), 64);
        let describer: Describer = Box::new(move |d: &Description| {
            let mut spec = MessageSpec::new(Performative::Inform, "if://agent/council", default_scope("test"));
            spec.trace_id = Some(d.trace_id.clone());
            spec.hazard = d.hazard.clone();
            factory.build(spec, crate::time::now_millis()).unwrap().to_string().into_bytes()
        });
        let gw = Gateway::new(
            GatewayConfig {
                sip_local: addr(GW_SIP),
                destination: "council".into(),
                mcu: None,
                max_calls,
                bandwidth: 1280,
                trust,
                max_skew_ms: 30_000,
                wall_clock_offset_ms: crate::time::now_millis(),
                max_frame: crate::h323::q931::DEFAULT_MAX_FRAME,
                callouts: callouts.iter().map(|(a, u)| CalloutRoute { alias: (*a).into(), uri: (*u).into() }).collect(),
                sip_next_hop: Some(addr(PROXY)),
            },
            endpoint_with(
                GW_RAS,
                &[&[ALIAS][..], &callouts.iter().map(|c| c.0).collect::<Vec<_>>()].concat(),
                gw_key,
                false,
            ),
            describer,
        );
        let mut gw = gw;
        let sip_key = key("if://agent/gw", 1);
        gw.sign_sip_with(Box::new(move |m, now_ms| crate::sip::xif::sign(m, &sip_key, now_ms)));
        let mut w = World {
            now: 0,
            gk,
            council: council.then(|| endpoint(COUNCIL_RAS, "council", council_key, true)),
            gw,
            mcu: HashMap::new(),
            mcu_admits: true,
            callers: HashMap::new(),
            caller_seen: Vec::new(),
            seen: Seen::default(),
        };
        if let Some(c) = w.council.as_mut() {
            c.start(0);
        }
        w.gw.start(0);
        w.settle();
        assert!(w.gw.endpoint().registration().is_some(), "the gateway registered");
        w.seen = Seen::default();
        w
    }

    /// Passes everything until nothing moves.
    fn settle(&mut self) {
        loop {
            let mut moved = false;
            while let Some(o) = self.gw.poll_output() {
                moved = true;
                match o {
                    GwOutput::Ras { to, bytes } => {
                        assert_eq!(to, addr(GK));
                        self.seen.gk_requests.push(crate::h323::ras::kind(&crate::h323::ras::decode(&bytes).unwrap()));
                        self.gk.handle_datagram(self.now, addr(GW_RAS), &bytes);
                    }
                    GwOutput::Sip { to, bytes } => {
                        self.seen.sip.push((self.now, to, message::parse(&bytes).unwrap()));
                    }
                    GwOutput::OpenMedia { call } => self.gw.media_opened(self.now, call, MEDIA),
                    GwOutput::Connect { call, to } => {
                        assert_eq!(to, addr(COUNCIL_RAS + 1), "the ACF's call signalling address");
                        self.mcu.insert(call, IncomingCall::new(self.now, CallConfig::default()));
                        self.gw.h323_connected(self.now, call);
                    }
                    GwOutput::H323Write { call, bytes } => {
                        if let Some(m) = self.mcu.get_mut(&call) {
                            m.handle_bytes(self.now, &bytes);
                        }
                        if let Some(c) = self.callers.get_mut(&call) {
                            c.handle_bytes(self.now, &bytes);
                        }
                    }
                    GwOutput::Close { call } => self.seen.closed.push(call),
                    GwOutput::Rtp { side, to, bytes, .. } => self.seen.rtp.push((side, to, bytes)),
                    GwOutput::Event(e) => self.seen.events.push(*e),
                    GwOutput::Dropped { reason, .. } => self.seen.dropped.push(reason),
                }
            }
            if let Some(c) = self.council.as_mut() {
                while let Some(o) = c.poll_output() {
                    if let crate::h323::endpoint::EndpointOutput::Transmit { bytes, .. } = o {
                        self.gk.handle_datagram(self.now, addr(COUNCIL_RAS), &bytes);
                        moved = true;
                    }
                }
            }
            while let Some(o) = self.gk.poll_output() {
                let (to, bytes) = match o {
                    Output::Answer { to, bytes, .. } | Output::Transmit { to, bytes } => (to, bytes),
                    _ => continue,
                };
                moved = true;
                if to == addr(GW_RAS) {
                    self.gw.handle_ras(self.now, addr(GK), &bytes);
                } else if let Some(c) = self.council.as_mut() {
                    c.handle_datagram(self.now, addr(GK), &bytes);
                }
            }
            let ids: Vec<GwCallId> = self.mcu.keys().copied().collect();
            for id in ids {
                let m = self.mcu.get_mut(&id).unwrap();
                let mut to_gw = Vec::new();
                while let Some(o) = m.poll_output() {
                    moved = true;
                    match o {
                        CallOutput::Transmit(b) => to_gw.push(b),
                        CallOutput::Admit(_) if self.mcu_admits => {
                            m.admitted(self.now, addr(MCU_RTP), addr(MCU_RTP + 1))
                        }
                        CallOutput::Admit(_) => m.refused(self.now, "noPermission", None),
                        _ => {}
                    }
                }
                for b in to_gw {
                    self.gw.handle_h323(self.now, id, &b);
                }
            }
            let ids: Vec<GwCallId> = self.callers.keys().copied().collect();
            for id in ids {
                let c = self.callers.get_mut(&id).unwrap();
                let mut to_gw = Vec::new();
                while let Some(o) = c.poll_output() {
                    moved = true;
                    match o {
                        OutgoingOutput::Transmit(b) => to_gw.push(b),
                        other => self.caller_seen.push(other),
                    }
                }
                for b in to_gw {
                    self.gw.handle_h323(self.now, id, &b);
                }
            }
            if !moved {
                return;
            }
        }
    }

    fn sip(&mut self, text: &str) {
        self.gw.handle_sip(self.now, addr(PROXY), text.as_bytes());
        self.settle();
    }

    /// Runs the clock to `to`, each of the gateway's timers when due.
    fn advance(&mut self, to: Millis) {
        while let Some(at) = self.gw.poll_timeout().filter(|at| *at <= to) {
            self.now = at.max(self.now);
            self.gw.handle_timeout(self.now);
            self.settle();
        }
        self.now = to;
    }

    fn sip_sent(&mut self) -> Vec<(Millis, SipMessage)> {
        std::mem::take(&mut self.seen.sip)
            .into_iter()
            .map(|(t, to, m)| {
                assert_eq!(to, addr(PROXY));
                (t, m)
            })
            .collect()
    }

    fn steps(&self) -> Vec<String> {
        self.seen
            .events
            .iter()
            .filter_map(|e| match e {
                GwEvent::Call(r) => {
                    Some(format!("{}:{}", if r.leg == crate::gw::events::Leg::Sip { "sip" } else { "h323" }, r.step))
                }
                GwEvent::Ras { .. } => None,
            })
            .collect()
    }
}

fn invite(n: u32, payload_types: &str, trace: Option<&str>) -> String {
    let sdp = format!(
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {PHONE_RTP} RTP/AVP {payload_types}\r\n"
    );
    let trace = trace.map(|t| format!("X-IF-Trace-ID: {t}\r\n")).unwrap_or_default();
    format!(
        "INVITE sip:council@127.0.0.1:{GW_SIP} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{PROXY};branch=z9hG4bKp{n}\r\n\
         Via: SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bKa{n}\r\nRecord-Route: <sip:127.0.0.1:{PROXY};lr>\r\n\
         Max-Forwards: 69\r\nFrom: <sip:expert@127.0.0.1>;tag=f{n}\r\nTo: <sip:council@127.0.0.1>\r\n\
         Call-ID: call-{n}\r\nCSeq: 1 INVITE\r\nContact: <sip:expert@127.0.0.1:5090>\r\n{trace}\
         Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{sdp}",
        sdp.len()
    )
}

/// An in-dialog request from the phone, through the proxy.
fn in_dialog(method: &str, n: u32, to_tag: &str, cseq: u32) -> String {
    format!(
        "{method} sip:gateway@127.0.0.1:{GW_SIP} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{PROXY};branch=z9hG4bKq{n}{method}\r\n\
         From: <sip:expert@127.0.0.1>;tag=f{n}\r\nTo: <sip:council@127.0.0.1>;tag={to_tag}\r\nCall-ID: call-{n}\r\n\
         CSeq: {cseq} {method}\r\nContent-Length: 0\r\n\r\n"
    )
}

fn cancel(n: u32) -> String {
    format!(
        "CANCEL sip:council@127.0.0.1:{GW_SIP} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{PROXY};branch=z9hG4bKp{n}\r\n\
         From: <sip:expert@127.0.0.1>;tag=f{n}\r\nTo: <sip:council@127.0.0.1>\r\nCall-ID: call-{n}\r\n\
         CSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n"
    )
}

fn statuses(sent: &[(Millis, SipMessage)]) -> Vec<(u16, &str)> {
    sent.iter().map(|(_, m)| (m.status().unwrap_or(0), m.cseq().map_or("", |c| c.1))).collect()
}

/// A call answered (not yet acked): the 200 OK.
fn answered(w: &mut World, n: u32, payload_types: &str) -> SipMessage {
    w.sip(&invite(n, payload_types, Some("00000000abcd")));
    let sent = w.sip_sent();
    assert_eq!(statuses(&sent), [(100, "INVITE"), (200, "INVITE")], "{sent:?}");
    sent[1].1.clone()
}

fn to_tag(m: &SipMessage) -> String {
    message::tag(m.header("To").unwrap()).unwrap().to_owned()
}

#[test]
fn an_invite_is_admitted_called_in_and_answered_with_the_sdp_answer() {
    let mut w = World::new(true, 4);
    let ok = answered(&mut w, 1, "0 8 101");
    assert_eq!(w.seen.gk_requests, ["admissionRequest"]);
    assert_eq!(w.steps(), ["sip:invite", "h323:setup", "h323:proceeding", "h323:connected", "sip:answered"]);
    assert!(w
        .seen
        .events
        .iter()
        .all(|e| matches!(e, GwEvent::Call(r) if r.trace_id == "00000000abcd") || matches!(e, GwEvent::Ras { .. })));
    // §12.1.1: To tag, Contact, the Record-Route as received; the answer takes PCMU at our address.
    assert!(!to_tag(&ok).is_empty());
    assert_eq!(ok.header("Contact"), Some(format!("<sip:gateway@127.0.0.1:{GW_SIP}>").as_str()));
    assert_eq!(ok.header("Record-Route"), Some(format!("<sip:127.0.0.1:{PROXY};lr>").as_str()));
    assert_eq!(ok.header_values("Via").len(), 2);
    let answer = crate::sip::sdp::audio_offer(&ok.body).unwrap();
    assert_eq!((answer.rtp, answer.payload_types), (MEDIA.sip_rtp, vec![0]));
    // The MCU's Setup carried the admission's ids and the description.
    let setup = w.mcu.values().next().unwrap().setup().unwrap().clone();
    assert_eq!(setup.source_alias.as_deref(), Some(ALIAS));
    assert_eq!(setup.display.as_deref(), Some("sip:expert@127.0.0.1"));
    assert!(setup.fast_start && setup.description.is_some());
    assert_eq!(setup.fast_start_media.map(|m| m.1), Some(MEDIA.h323_rtp));

    // ACK: no more retransmissions of the 2xx.
    w.sip(&in_dialog("ACK", 1, &to_tag(&ok), 1));
    w.advance(40_000);
    assert!(w.sip_sent().is_empty());
    assert_eq!(w.steps().last().map(String::as_str), Some("sip:acked"));
    // A re-INVITE is declined; the call stays up.
    w.sip(&in_dialog("INVITE", 1, &to_tag(&ok), 2));
    assert_eq!(statuses(&w.sip_sent()), [(488, "INVITE")]);
    assert_eq!(w.mcu.values().next().unwrap().state(), crate::h323::call::CallState::Connected);
}

#[test]
fn an_unacked_200_is_sent_again_on_timer_g_then_the_call_is_ended_with_bye_and_release() {
    let mut w = World::new(true, 4);
    answered(&mut w, 1, "0");
    w.advance(40_000);
    let sent = w.sip_sent();
    let times: Vec<Millis> = sent.iter().filter(|(_, m)| m.status() == Some(200)).map(|(t, _)| *t).collect();
    // T1 doubling to T2, until 64*T1.
    assert_eq!(times, [500, 1_500, 3_500, 7_500, 11_500, 15_500, 19_500, 23_500, 27_500, 31_500]);
    let bye = sent.iter().find(|(_, m)| m.method() == Some("BYE")).expect("a BYE");
    assert_eq!(bye.0, 32_000);
    let mcu = w.mcu.values().next().unwrap();
    assert_eq!(mcu.state(), crate::h323::call::CallState::Released, "the MCU's call was released");
    assert!(w.seen.gk_requests.contains(&"disengageRequest"));
}

#[test]
fn bye_from_sip_releases_the_h323_call_and_disengages() {
    let mut w = World::new(true, 4);
    let ok = answered(&mut w, 1, "0");
    let tag = to_tag(&ok);
    w.sip(&in_dialog("ACK", 1, &tag, 1));
    w.now = 5_000;
    w.sip(&in_dialog("BYE", 1, &tag, 2));
    let sent = w.sip_sent();
    assert_eq!(statuses(&sent), [(200, "BYE")]);
    assert_eq!(w.seen.gk_requests, ["admissionRequest", "disengageRequest"]);
    assert_eq!(w.mcu.values().next().unwrap().state(), crate::h323::call::CallState::Released);
    let steps = w.steps();
    assert_eq!(&steps[steps.len() - 2..], ["sip:bye_received", "h323:released"]);
    assert_eq!(w.seen.closed, [1]);
    w.advance(60_000);
    assert_eq!(w.gw.in_flight(), 0);
    assert_eq!(w.gw.poll_timeout(), w.gw.endpoint().poll_timeout(), "the call is forgotten");
}

#[test]
fn a_release_at_the_mcu_becomes_a_bye_in_the_dialog() {
    let mut w = World::new(true, 4);
    let ok = answered(&mut w, 1, "0");
    let tag = to_tag(&ok);
    w.sip(&in_dialog("ACK", 1, &tag, 1));
    w.now = 3_000;
    w.mcu.values_mut().next().unwrap().release(w.now, "noPermission", None);
    w.settle();
    let sent = w.sip_sent();
    let (_, bye) = &sent[0];
    assert_eq!((sent.len(), bye.method(), bye.uri()), (1, Some("BYE"), Some("sip:expert@127.0.0.1:5090")));
    assert_eq!(bye.header("Route"), Some(format!("<sip:127.0.0.1:{PROXY};lr>").as_str()));
    assert_eq!(message::tag(bye.header("From").unwrap()), Some(tag.as_str()));
    assert_eq!(bye.header("To"), Some("<sip:expert@127.0.0.1>;tag=f1"));
    assert_eq!(bye.header("X-IF-Trace-ID"), Some("00000000abcd"));
    assert!(w.seen.gk_requests.contains(&"disengageRequest"));
    // Unanswered, it is sent again; its 200 ends it.
    w.advance(3_500);
    assert_eq!(statuses(&w.sip_sent()), [(0, "BYE")]);
    let ok = bye.reply(200, "OK").to_bytes();
    w.gw.handle_sip(w.now, addr(PROXY), &ok);
    w.settle();
    assert_eq!(w.steps().last().map(String::as_str), Some("sip:bye_answered"));
    w.advance(40_000);
    assert!(w.sip_sent().is_empty());
}

#[test]
fn cancel_while_admission_is_pending_answers_487_and_the_admission_is_disengaged() {
    let mut w = World::new(true, 4);
    // The ARQ goes out but the gatekeeper has not answered yet.
    w.gw.handle_sip(w.now, addr(PROXY), invite(1, "0", None).as_bytes());
    let mut arq = Vec::new();
    while let Some(o) = w.gw.poll_output() {
        match o {
            GwOutput::Ras { bytes, .. } => arq.push(bytes),
            GwOutput::Sip { bytes, .. } => w.seen.sip.push((0, addr(PROXY), message::parse(&bytes).unwrap())),
            _ => {}
        }
    }
    w.sip(&cancel(1));
    let sent = w.sip_sent();
    assert_eq!(statuses(&sent), [(100, "INVITE"), (200, "CANCEL"), (487, "INVITE")]);
    // The ACF arrives after all: no Setup, the call is disengaged.
    w.gk.handle_datagram(w.now, addr(GW_RAS), &arq[0]);
    w.settle();
    assert!(w.mcu.is_empty(), "no Setup for a cancelled call");
    assert_eq!(w.seen.gk_requests, ["disengageRequest"]);
    // The 487 is sent again until its ACK.
    w.advance(600);
    assert_eq!(statuses(&w.sip_sent()), [(487, "INVITE")]);
    let ack = format!(
        "ACK sip:council@127.0.0.1:{GW_SIP} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{PROXY};branch=z9hG4bKp1\r\n\
         From: <sip:expert@127.0.0.1>;tag=f1\r\nTo: <sip:council@127.0.0.1>;tag=x\r\nCall-ID: call-1\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n"
    );
    w.sip(&ack);
    w.advance(40_000);
    assert!(w.sip_sent().is_empty());
    assert_eq!(w.gw.in_flight(), 0);
}

#[test]
fn an_arj_and_a_refused_setup_reach_the_caller_as_the_tables_statuses() {
    // No council registered: calledPartyNotRegistered, 404.
    let mut w = World::new(false, 4);
    w.sip(&invite(1, "0", Some("00000000abcd")));
    let sent = w.sip_sent();
    assert_eq!(statuses(&sent), [(100, "INVITE"), (404, "INVITE")]);
    assert!(sent[1].1.header("Warning").unwrap().contains("admission refused: calledPartyNotRegistered"));
    let refused = w.seen.events.iter().find(|e| matches!(e, GwEvent::Call(r) if r.step == "refused")).unwrap();
    assert_eq!(crate::message::Event::performative(refused), Performative::Refuse);
    assert!(!w.seen.gk_requests.contains(&"disengageRequest"), "nothing admitted, nothing to disengage");

    // The MCU refuses the Setup (noPermission): 403, and the admission is disengaged.
    let mut w = World::new(true, 4);
    w.mcu_admits = false;
    w.sip(&invite(1, "0", None));
    let sent = w.sip_sent();
    assert_eq!(statuses(&sent), [(100, "INVITE"), (403, "INVITE")]);
    assert!(w.seen.gk_requests.contains(&"disengageRequest"));
}

#[test]
fn rtp_is_relayed_both_ways_and_transcoded_when_the_laws_differ() {
    let mut w = World::new(true, 4);
    // The phone offers only PCMA; the MCU takes µ-law.
    let ok = answered(&mut w, 1, "8");
    assert_eq!(crate::sip::sdp::audio_offer(&ok.body).unwrap().payload_types, [8]);
    let tone = crate::media::tone(1000.0, 0.3, 0, 160);
    let from_phone = rtp::build(false, 8, 7, 160, 0xabc, &Law::Alaw.encode_all(&tone));
    w.gw.handle_rtp(1, Side::Sip, addr(PHONE_RTP), &from_phone);
    let from_mcu = rtp::build(false, 0, 9, 320, 0xdef, &Law::Ulaw.encode_all(&tone));
    w.gw.handle_rtp(1, Side::H323, addr(MCU_RTP), &from_mcu);
    // Another payload type (DTMF), and a packet from nowhere: not relayed.
    w.gw.handle_rtp(1, Side::Sip, addr(PHONE_RTP), &rtp::build(false, 101, 8, 320, 0xabc, &[0; 4]));
    w.gw.handle_rtp(1, Side::H323, SocketAddr::from(([10, 0, 0, 9], MCU_RTP)), &from_mcu);
    w.settle();
    assert_eq!(w.seen.rtp.len(), 2, "{:?}", w.seen.dropped);
    let (side, to, bytes) = &w.seen.rtp[0];
    assert_eq!((*side, *to), (Side::H323, addr(MCU_RTP)));
    let p = rtp::parse(bytes).unwrap();
    assert_eq!((p.payload_type, p.sequence, p.timestamp, p.ssrc), (0, 7, 160, 0xabc));
    assert!(crate::media::tone_share(&Law::Ulaw.decode_all(p.payload), 1000.0) > 0.95);
    let (side, to, bytes) = &w.seen.rtp[1];
    assert_eq!((*side, *to), (Side::Sip, addr(PHONE_RTP)));
    let p = rtp::parse(bytes).unwrap();
    assert_eq!(p.payload_type, 8);
    assert!(crate::media::tone_share(&Law::Alaw.decode_all(p.payload), 1000.0) > 0.95);
    assert_eq!(w.seen.dropped.len(), 1, "{:?}", w.seen.dropped);

    // The same law both ways: the packet passes unchanged.
    let mut w = World::new(true, 4);
    answered(&mut w, 1, "0");
    w.gw.handle_rtp(1, Side::H323, addr(MCU_RTP), &from_mcu);
    w.settle();
    assert_eq!(w.seen.rtp, [(Side::Sip, addr(PHONE_RTP), from_mcu.clone())]);
}

#[test]
fn limits_bad_packets_and_audit_loss_are_answered_not_fatal() {
    let mut w = World::new(true, 1);
    w.gw.handle_sip(0, addr(PROXY), b"\xff\xfe garbage\r\n\r\n");
    w.gw.handle_ras(0, addr(GK), b"\x00\x01");
    w.settle();
    assert_eq!(w.seen.dropped.len(), 2, "{:?}", w.seen.dropped);
    assert!(w.seen.dropped[0].starts_with("SIP: "), "{:?}", w.seen.dropped);
    answered(&mut w, 1, "0");
    // One call at most: the second is refused.
    w.sip(&invite(2, "0", None));
    assert_eq!(statuses(&w.sip_sent()), [(503, "INVITE")]);
    // No G.711 in the offer.
    let mut w = World::new(true, 4);
    w.sip(&invite(3, "9 101", None));
    assert_eq!(statuses(&w.sip_sent()), [(488, "INVITE")]);
    // Audit loss: new INVITEs get 503; BYE for no call 481.
    w.gw.stop_admitting();
    w.sip(&invite(4, "0", None));
    let sent = w.sip_sent();
    assert_eq!(statuses(&sent), [(503, "INVITE")]);
    assert!(matches!(&sent[0].1.start, StartLine::Response { reason, .. } if reason.contains("audit trail")));
    w.sip(&in_dialog("BYE", 9, "x", 2));
    assert_eq!(statuses(&w.sip_sent()), [(481, "BYE")]);
    assert_eq!(w.gw.in_flight(), 0);
}

fn corpus(dir: &str) -> Vec<(String, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}", root.display());
    files
}

#[test]
fn the_hostile_corpora_never_stop_the_gateway_and_a_call_still_gets_through() {
    let mut w = World::new(true, 64);
    for (_, bytes) in corpus("sip") {
        w.gw.handle_sip(w.now, addr(PROXY), &bytes);
    }
    for (_, bytes) in corpus("h225") {
        w.gw.handle_ras(w.now, addr(GK), &bytes);
    }
    w.settle();
    // Each hostile call signalling stream into a call of its own, and junk as its media.
    for (n, (name, bytes)) in corpus("h323-call/hostile").into_iter().enumerate() {
        let n = 100 + n as u32;
        w.sip(&invite(n, "0", None));
        let id = w.gw.calls.iter().find(|(_, c)| c.sip_call_id == format!("call-{n}")).map(|(id, _)| *id);
        let id = id.unwrap_or_else(|| panic!("{name}: no call"));
        w.gw.handle_h323(w.now, id, &bytes);
        w.gw.handle_rtp(id, Side::H323, addr(MCU_RTP), &bytes);
        w.gw.handle_rtp(id, Side::Sip, addr(PHONE_RTP), &bytes);
        w.settle();
    }
    w.advance(120_000);
    w.sip_sent();
    let ok = answered(&mut w, 1, "0");
    assert_eq!(ok.status(), Some(200));
}

// H.323 to SIP: the council calls an expert out.

const ANN: &str = "sip:ann@127.0.0.1:5090";

/// The council's call to `alias`: its ARQ admitted (the ACF names the gateway's listener), then
/// its Setup on a connection the gateway accepted. Returns the gateway's number for the call.
fn council_calls(w: &mut World, alias: &str) -> GwCallId {
    let scanner = key("if://agent/scanner", 3);
    let mut spec = MessageSpec::new(Performative::Request, "if://agent/council", default_scope("test"));
    spec.trace_id = Some("0000000ca11e".into());
    let description = MessageFactory::new(scanner, 8).build(spec, crate::time::now_millis()).unwrap().to_string();
    let request = CallRequest {
        destination: Some(alias.into()),
        bandwidth: 1280,
        description: Some(description.clone().into_bytes()),
        ..CallRequest::default()
    };
    let council = w.council.as_mut().unwrap();
    let ras = council.admit(w.now, request).unwrap();
    w.settle();
    let call = w.council.as_ref().unwrap().call(ras).unwrap().clone();
    assert_eq!(call.dest_call_signal, Some(addr(GW_RAS + 1)), "the ACF names the gateway's listener");
    let caller = OutgoingCall::new(
        w.now,
        OutgoingConfig {
            source_alias: "council".into(),
            destination: alias.into(),
            display: None,
            endpoint_id: None,
            call_id: ras.0,
            conference_id: call.conference_id,
            crv: call.call_reference,
            description: Some(description.into_bytes()),
            laws: vec![G711::Ulaw, G711::Alaw],
            rtp: addr(MCU_RTP),
            rtcp: addr(MCU_RTP + 1),
            max_frame: crate::h323::q931::DEFAULT_MAX_FRAME,
        },
    );
    let id = w.gw.h323_accepted(w.now);
    w.callers.insert(id, caller);
    w.settle();
    id
}

/// A response from the expert (through the proxy) to the gateway's INVITE.
fn expert_answers(w: &mut World, invite: &SipMessage, code: u16, reason: &str, sdp: Option<&str>) {
    let mut r = invite.reply(code, reason);
    if code > 100 {
        for h in r.headers.iter_mut().filter(|h| h.name == "To") {
            h.value.push_str(";tag=ann1");
        }
    }
    if let Some(sdp) = sdp {
        r.headers.push(Header { name: "Contact".into(), value: "<sip:ann@127.0.0.1:5090>".into() });
        r.headers.push(Header { name: "Content-Type".into(), value: "application/sdp".into() });
        r.body = sdp.as_bytes().to_vec();
    }
    w.gw.handle_sip(w.now, addr(PROXY), &r.to_bytes());
    w.settle();
}

const ANN_SDP: &str =
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 10000 RTP/AVP 0\r\n";

#[test]
fn the_councils_call_is_answered_at_the_gatekeeper_rings_the_expert_and_connects_on_her_answer() {
    let mut w = World::with_callouts(true, 4, &[("expert-ann", ANN)]);
    let id = council_calls(&mut w, "expert-ann");
    assert!(w.seen.gk_requests.contains(&"admissionRequest"), "the gateway's answer-ARQ");
    let sent = w.sip_sent();
    let invite = &sent.last().expect("an INVITE").1;
    assert_eq!((invite.method(), invite.uri()), (Some("INVITE"), Some(ANN)));
    assert_eq!(invite.header("X-IF-Trace-ID"), Some("0000000ca11e"), "the description's trace");
    let trust = TrustStore::of(&[&key("if://agent/gw", 1)]);
    let signer = crate::sip::xif::verify(invite, &trust, crate::time::now_millis() as i64, 30_000);
    assert_eq!(signer.as_deref(), Ok("if://agent/gw"));
    let offer = crate::sip::sdp::audio_offer(&invite.body).unwrap();
    assert_eq!((offer.rtp, offer.payload_types), (MEDIA.sip_rtp, vec![0, 8]), "the fastStart's law first");
    assert!(w.caller_seen.contains(&OutgoingOutput::Proceeding));

    // Timer A until a provisional; 180 is the MCU's Alerting.
    w.advance(w.now + 500);
    assert_eq!(w.sip_sent().len(), 1, "the INVITE again after T1");
    expert_answers(&mut w, invite, 180, "Ringing", None);
    assert!(w.caller_seen.contains(&OutgoingOutput::Alerting));
    w.advance(w.now + 10_000);
    assert!(w.sip_sent().is_empty(), "no INVITE after the provisional");

    // 200: ACK to the proxy, the Connect with the fastStart taken.
    expert_answers(&mut w, invite, 200, "OK", Some(ANN_SDP));
    let sent = w.sip_sent();
    assert_eq!(sent.iter().map(|(_, m)| m.method().unwrap_or("")).collect::<Vec<_>>(), ["ACK"]);
    assert_eq!(sent[0].1.uri(), Some(ANN), "the 2xx's Contact");
    let connected = w.caller_seen.iter().find_map(|o| match o {
        OutgoingOutput::Connected { law, rtp, .. } => Some((*law, *rtp)),
        _ => None,
    });
    assert_eq!(connected, Some((G711::Ulaw, MEDIA.h323_rtp)));
    let steps: Vec<String> = w.steps();
    assert_eq!(
        steps,
        ["h323:incoming", "sip:invite_sent", "sip:ringing", "h323:alerting", "sip:answered", "h323:connected"]
    );

    // Media both ways, as it comes.
    let packet = crate::media::rtp::build(false, 0, 1, 160, 7, &[0xff; 160]);
    w.gw.handle_rtp(id, Side::H323, addr(MCU_RTP), &packet);
    w.gw.handle_rtp(id, Side::Sip, addr(PHONE_RTP), &packet);
    w.settle();
    let rtp: Vec<(Side, SocketAddr)> = w.seen.rtp.iter().map(|(s, to, _)| (*s, *to)).collect();
    assert_eq!(rtp, [(Side::Sip, addr(PHONE_RTP)), (Side::H323, addr(MCU_RTP))]);

    // The chair's kick: the MCU's ReleaseComplete is the expert's BYE, then the DRQ.
    w.seen.gk_requests.clear();
    w.callers.get_mut(&id).unwrap().release(w.now, "undefinedReason", None);
    w.settle();
    let bye = w.sip_sent().pop().expect("a BYE").1;
    assert_eq!((bye.method(), bye.cseq()), (Some("BYE"), Some((2, "BYE"))));
    assert!(w.seen.gk_requests.contains(&"disengageRequest"));
    let mut ok = bye.reply(200, "OK");
    ok.headers.retain(|h| h.name != "Via");
    ok.headers.insert(0, Header { name: "Via".into(), value: bye.header("Via").unwrap().into() });
    w.gw.handle_sip(w.now, addr(PROXY), &ok.to_bytes());
    w.settle();
    assert!(
        w.steps().ends_with(&["h323:released".into(), "sip:bye_sent".into(), "sip:bye_answered".into()]),
        "{:?}",
        w.steps()
    );
    assert!(w.seen.events.iter().all(|e| match e {
        GwEvent::Call(r) => r.trace_id == "0000000ca11e" && r.direction == Some("h323_to_sip"),
        GwEvent::Ras { .. } => true,
    }));
    w.advance(w.now + 10_000);
    assert_eq!(w.gw.in_flight(), 0);
    assert!(w.gw.callouts.is_empty(), "forgotten once both legs ended");
}

#[test]
fn a_busy_expert_is_in_conf_at_the_mcu_an_unknown_alias_is_not_registered_and_silence_is_unreachable() {
    let mut w = World::with_callouts(true, 4, &[("expert-ann", ANN)]);
    council_calls(&mut w, "expert-ann");
    let invite = w.sip_sent().pop().unwrap().1;
    expert_answers(&mut w, &invite, 486, "Busy Here", None);
    let ack = w.sip_sent().pop().unwrap().1;
    assert_eq!((ack.method(), ack.uri()), (Some("ACK"), Some(ANN)), "hop by hop");
    let released = w.caller_seen.iter().find_map(|o| match o {
        OutgoingOutput::Released(r) => Some((r.by, r.reason.clone(), r.cause)),
        _ => None,
    });
    assert_eq!(released, Some(("remote", "inConf".to_owned(), Some(17))));
    let refused = w.seen.events.iter().find(|e| matches!(e, GwEvent::Call(r) if r.step == "refused")).unwrap();
    assert_eq!(crate::message::Event::performative(refused), Performative::Refuse);

    // Nobody answers: Timer B's 408 releases the MCU's call as unreachable.
    let mut w = World::with_callouts(true, 4, &[("expert-ann", ANN)]);
    council_calls(&mut w, "expert-ann");
    w.advance(w.now + 32_000);
    assert_eq!(w.sip_sent().len(), 7, "the INVITE and its six retransmissions");
    let released = w.caller_seen.iter().find_map(|o| match o {
        OutgoingOutput::Released(r) => Some(r.reason.clone()),
        _ => None,
    });
    assert_eq!(released.as_deref(), Some("unreachableDestination"));

    // An alias the gateway registered but has no route for cannot be: the council's call to a
    // registered alias it does not serve (its own) is refused as not registered.
    let mut w = World::with_callouts(true, 4, &[("expert-ann", ANN)]);
    council_calls(&mut w, ALIAS);
    assert!(w.sip_sent().is_empty());
    let released = w.caller_seen.iter().find_map(|o| match o {
        OutgoingOutput::Released(r) => Some(r.reason.clone()),
        _ => None,
    });
    assert_eq!(released.as_deref(), Some("calledPartyNotRegistered"));
}

#[test]
fn the_mcu_giving_up_while_it_rings_is_a_cancel_and_the_experts_bye_is_a_release_complete() {
    // The chair gives up while the phone rings: CANCEL, then the 487 is ACKed; the DRQ.
    let mut w = World::with_callouts(true, 4, &[("expert-ann", ANN)]);
    let id = council_calls(&mut w, "expert-ann");
    let invite = w.sip_sent().pop().unwrap().1;
    expert_answers(&mut w, &invite, 180, "Ringing", None);
    w.seen.gk_requests.clear();
    w.callers.get_mut(&id).unwrap().release(w.now, "undefinedReason", None);
    w.settle();
    let cancel = w.sip_sent().pop().expect("a CANCEL").1;
    assert_eq!((cancel.method(), cancel.cseq()), (Some("CANCEL"), Some((1, "CANCEL"))));
    assert_eq!(cancel.top_via().and_then(|v| v.branch()), invite.top_via().and_then(|v| v.branch()));
    assert!(w.seen.gk_requests.contains(&"disengageRequest"));
    expert_answers(&mut w, &invite, 487, "Request Terminated", None);
    assert_eq!(w.sip_sent().pop().unwrap().1.method(), Some("ACK"));
    let refused = w.seen.events.iter().find(|e| matches!(e, GwEvent::Call(r) if r.step == "refused")).unwrap();
    assert_eq!(crate::message::Event::performative(refused), Performative::Inform, "our own CANCEL's 487");
    w.advance(w.now + 10_000);
    assert_eq!(w.gw.in_flight(), 0);

    // Answered, then the expert hangs up: 200 for her BYE, ReleaseComplete to the MCU, DRQ.
    let mut w = World::with_callouts(true, 4, &[("expert-ann", ANN)]);
    council_calls(&mut w, "expert-ann");
    let invite = w.sip_sent().pop().unwrap().1;
    expert_answers(&mut w, &invite, 200, "OK", Some(ANN_SDP));
    w.sip_sent();
    w.seen.gk_requests.clear();
    let bye = format!(
        "BYE sip:gateway@127.0.0.1:{GW_SIP} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{PROXY};branch=z9hG4bKannbye\r\n\
         From: <sip:ann@127.0.0.1:5090>;tag=ann1\r\nTo: {}\r\nCall-ID: {}\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n",
        invite.header("From").unwrap(),
        invite.call_id().unwrap()
    );
    w.sip(&bye);
    let ok = w.sip_sent().pop().expect("the BYE's answer").1;
    assert_eq!((ok.status(), ok.cseq()), (Some(200), Some((1, "BYE"))));
    let released = w.caller_seen.iter().find_map(|o| match o {
        OutgoingOutput::Released(r) => Some((r.by, r.reason.clone())),
        _ => None,
    });
    assert_eq!(released, Some(("remote", "undefinedReason".to_owned())));
    assert!(w.seen.gk_requests.contains(&"disengageRequest"));
    assert!(w.steps().ends_with(&["sip:bye_received".into(), "h323:released".into()]), "{:?}", w.steps());
}
