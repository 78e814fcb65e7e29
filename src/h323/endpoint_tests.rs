//! The endpoint core on a fake clock: alone (retransmission, RequestInProgress, the gatekeeper's
//! requests), and against the real gatekeeper core in-process, both sans-IO, the datagrams
//! passed between them.

use super::endpoint::{CallId, CallRequest, Endpoint, EndpointConfig, EndpointError, EndpointOutput, EndpointRecord};
use super::endpoint::{Outcome, RandomSource, Step};
use super::gatekeeper::{Config, Gatekeeper, Limits, Output, RasRecord};
use super::ras::{self, RasMessage};
use super::timer::{RAS_RETRY, RIP_DELAY};
use crate::keys::{SecretKey, TrustStore};
use crate::message::{Event, Performative};
use crate::policy::Policy;
use crate::time::Millis;
use std::net::SocketAddr;

const NOW_UNIX_MS: i64 = 1_767_225_600_000;
const GK_ADDR: u16 = 1719;

fn addr(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}

fn key(agent: &str, byte: u8) -> SecretKey {
    SecretKey::from_seed(agent, [byte; 32]).unwrap()
}

/// 1, 2, 3, ...: deterministic "random" values.
fn counter() -> RandomSource {
    let mut n = 0u32;
    Box::new(move || {
        n += 1;
        n
    })
}

fn config(port: u16, alias: &str, key: Option<SecretKey>) -> EndpointConfig {
    EndpointConfig {
        gatekeeper: addr(GK_ADDR),
        ras_address: addr(port),
        call_signal: addr(port + 1),
        aliases: vec![alias.to_owned()],
        key,
        ttl_s: Some(60),
        mc: alias == "council",
        wall_clock_offset_ms: NOW_UNIX_MS,
    }
}

fn guardian(n: u8) -> Endpoint {
    let alias = format!("guardian-{n:02}");
    let k = key(&format!("if://agent/{alias}"), n);
    Endpoint::new(config(5000 + 1000 * u16::from(n), &alias, Some(k)), counter())
}

fn outputs(ep: &mut Endpoint) -> Vec<EndpointOutput> {
    std::iter::from_fn(|| ep.poll_output()).collect()
}

fn transmits(outs: &[EndpointOutput]) -> Vec<(SocketAddr, Vec<u8>)> {
    outs.iter()
        .filter_map(|o| match o {
            EndpointOutput::Transmit { to, bytes } => Some((*to, bytes.clone())),
            _ => None,
        })
        .collect()
}

fn records(outs: &[EndpointOutput]) -> Vec<EndpointRecord> {
    outs.iter()
        .filter_map(|o| match o {
            EndpointOutput::Event(r) => Some((**r).clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn an_unanswered_grq_is_sent_again_at_3_and_6_s_with_the_same_octets_and_given_up_at_9_s() {
    let mut ep = guardian(1);
    ep.start(0);
    let first = transmits(&outputs(&mut ep));
    assert_eq!(first.len(), 1);
    let (to, grq) = first[0].clone();
    assert_eq!(to, addr(GK_ADDR));
    let msg = ras::decode(&grq).unwrap();
    assert!(matches!(msg, RasMessage::gatekeeperRequest(_)), "{msg:?}");
    assert_eq!(ras::request_seq_num(&msg), 1);
    for at in [RAS_RETRY, 2 * RAS_RETRY] {
        assert_eq!(ep.poll_timeout(), Some(at));
        ep.handle_timeout(at - 1);
        assert!(outputs(&mut ep).is_empty(), "nothing before {at}");
        ep.handle_timeout(at);
        assert_eq!(transmits(&outputs(&mut ep)), [(addr(GK_ADDR), grq.clone())], "the same octets at {at}");
    }
    assert_eq!(ep.poll_timeout(), Some(3 * RAS_RETRY));
    ep.handle_timeout(3 * RAS_RETRY);
    let outs = outputs(&mut ep);
    assert!(transmits(&outs).is_empty(), "given up, not sent a fourth time: {outs:?}");
    let recs = records(&outs);
    assert_eq!(recs.len(), 1);
    assert_eq!((recs[0].step, recs[0].outcome, recs[0].tries), (Step::Discover, Outcome::Unanswered, 3));
    let failure = EndpointError::Unanswered { request: "gatekeeperRequest", tries: 3 };
    assert_eq!(ep.failure(), Some(&failure));
    assert_eq!(failure.to_string(), "no answer to gatekeeperRequest after 3 tries");
    assert_eq!(ep.poll_timeout(), None, "nothing more to do");
    assert_eq!(ep.admit(9_000, CallRequest::default()), Err(failure));
}

fn rip(seq: u16, delay: u16) -> Vec<u8> {
    let rip = ras::RequestInProgress::new(ras::RequestSeqNum(seq), None, None, None, None, delay);
    ras::encode(&RasMessage::requestInProgress(rip)).unwrap()
}

#[test]
fn request_in_progress_extends_the_wait_by_its_delay_and_only_from_the_gatekeeper() {
    let mut ep = guardian(1);
    ep.start(0);
    let grq = transmits(&outputs(&mut ep))[0].1.clone();
    // From someone else: dropped, the wait unchanged.
    ep.handle_datagram(500, addr(9999), &rip(1, 5000));
    assert!(matches!(&outputs(&mut ep)[..], [EndpointOutput::Dropped { .. }]));
    assert_eq!(ep.poll_timeout(), Some(RAS_RETRY));
    // For another request: dropped too.
    ep.handle_datagram(600, addr(GK_ADDR), &rip(2, 5000));
    assert!(matches!(&outputs(&mut ep)[..], [EndpointOutput::Dropped { .. }]));
    ep.handle_datagram(1_000, addr(GK_ADDR), &rip(1, RIP_DELAY as u16));
    assert!(outputs(&mut ep).is_empty());
    assert_eq!(ep.poll_timeout(), Some(RAS_RETRY + RIP_DELAY));
    ep.handle_timeout(RAS_RETRY);
    assert!(outputs(&mut ep).is_empty(), "still waiting");
    ep.handle_timeout(RAS_RETRY + RIP_DELAY);
    assert_eq!(transmits(&outputs(&mut ep)), [(addr(GK_ADDR), grq)]);
}

/// The gatekeeper core and endpoints, every datagram passed between them at `now`.
struct Net {
    gk: Gatekeeper,
    eps: Vec<Endpoint>,
    now: Millis,
    /// Each endpoint's records, by index.
    records: Vec<(usize, EndpointRecord)>,
    gk_records: Vec<RasRecord>,
    /// What each endpoint sent: (time, endpoint, datagram).
    sent: Vec<(Millis, usize, Vec<u8>)>,
}

fn gatekeeper() -> Gatekeeper {
    let keys = [key("if://agent/guardian-01", 1), key("if://agent/guardian-02", 2), key("if://agent/guardian-03", 3)];
    let policy = Policy { trust: TrustStore::of(&keys.iter().collect::<Vec<_>>()), ..Policy::default() };
    Gatekeeper::new(Config {
        gatekeeper_id: "if-gk".into(),
        local: addr(GK_ADDR),
        policy,
        council_alias: "council".into(),
        limits: Limits::default(),
        wall_clock_offset_ms: NOW_UNIX_MS,
    })
}

impl Net {
    fn new(eps: Vec<Endpoint>) -> Net {
        Net { gk: gatekeeper(), eps, now: 0, records: Vec::new(), gk_records: Vec::new(), sent: Vec::new() }
    }

    /// Starts every endpoint and lets them register.
    fn registered(eps: Vec<Endpoint>) -> Net {
        let mut net = Net::new(eps);
        for ep in net.eps.iter_mut() {
            ep.start(0);
        }
        net.settle();
        assert!(net.eps.iter().all(|e| e.registration().is_some()), "{:?}", net.records);
        net.records.clear();
        net.gk_records.clear();
        net
    }

    fn ras_of(&self, i: usize) -> SocketAddr {
        addr(5000 + 1000 * (i as u16 + 1))
    }

    /// Passes datagrams until nothing moves.
    fn settle(&mut self) {
        loop {
            let mut moved = false;
            for i in 0..self.eps.len() {
                while let Some(out) = self.eps[i].poll_output() {
                    match out {
                        EndpointOutput::Transmit { to, bytes } => {
                            assert_eq!(to, addr(GK_ADDR));
                            self.sent.push((self.now, i, bytes.clone()));
                            self.gk.handle_datagram(self.now, self.ras_of(i), &bytes);
                            moved = true;
                        }
                        EndpointOutput::Event(r) => self.records.push((i, *r)),
                        EndpointOutput::Dropped { from, reason } => panic!("endpoint {i} dropped {from}: {reason}"),
                    }
                }
            }
            while let Some(out) = self.gk.poll_output() {
                let (to, bytes) = match out {
                    Output::Answer { to, bytes, record } => {
                        self.gk_records.push(*record);
                        (to, bytes)
                    }
                    Output::Transmit { to, bytes } => (to, bytes),
                    Output::Event(record) => {
                        self.gk_records.push(*record);
                        continue;
                    }
                    Output::Dropped { from, reason } => panic!("the gatekeeper dropped {from}: {reason}"),
                };
                let i = (0..self.eps.len()).find(|i| self.ras_of(*i) == to).expect("to an endpoint");
                self.eps[i].handle_datagram(self.now, addr(GK_ADDR), &bytes);
                moved = true;
            }
            if !moved {
                return;
            }
        }
    }

    /// Runs the clock to `to`, each timer when due; the endpoints' timers only with `endpoints`.
    fn advance(&mut self, to: Millis, endpoints: bool) {
        loop {
            let eps = self.eps.iter().filter_map(|e| e.poll_timeout()).filter(|_| endpoints);
            let Some(next) = eps.chain(self.gk.poll_timeout()).min().filter(|at| *at <= to) else { break };
            self.now = next.max(self.now);
            self.gk.handle_timeout(self.now);
            if endpoints {
                for ep in self.eps.iter_mut().filter(|e| e.poll_timeout().is_some_and(|at| at <= next)) {
                    ep.handle_timeout(next);
                }
            }
            self.settle();
        }
        self.now = to;
    }

    fn steps(&self, i: usize) -> Vec<(Step, Outcome)> {
        self.records.iter().filter(|(e, _)| *e == i).map(|(_, r)| (r.step, r.outcome)).collect()
    }

    fn last(&self, i: usize, step: Step) -> &EndpointRecord {
        self.records.iter().rev().find(|(e, r)| *e == i && r.step == step).map(|(_, r)| r).expect("a record")
    }
}

fn call_to(destination: &str, bandwidth: u32) -> CallRequest {
    CallRequest { destination: Some(destination.into()), bandwidth, ..CallRequest::default() }
}

#[test]
fn discovery_and_a_signed_registration_against_the_gatekeeper_core() {
    let mut net = Net::new(vec![guardian(1)]);
    net.eps[0].start(0);
    net.settle();
    assert_eq!(net.steps(0), [(Step::Discover, Outcome::Confirmed), (Step::Register, Outcome::Confirmed)]);
    let ep = &net.eps[0];
    assert_eq!(ep.gatekeeper_id(), Some("if-gk"));
    let reg = ep.registration().unwrap();
    assert_eq!((reg.endpoint_id.as_str(), reg.ttl_s), ("ep-1", Some(60)));
    // The RRQ carried the token, and the gatekeeper verified it.
    let rrq = net.gk_records.iter().find(|r| r.request == "registrationRequest").unwrap();
    assert_eq!(rrq.signer.as_deref(), Some("if://agent/guardian-01"));
    let register = net.last(0, Step::Register);
    assert_eq!(register.signer.as_deref(), Some("if://agent/guardian-01"));
    assert_eq!((register.endpoint.as_deref(), register.time_to_live), (Some("ep-1"), Some(60)));
    assert_eq!(register.summary(), "register ep-1 -> registrationConfirm");
    assert_eq!(net.gk.registered(), 1);
}

#[test]
fn admitted_its_bandwidth_changed_disengaged_and_unregistered_against_the_gatekeeper_core() {
    let mut net = Net::registered(vec![guardian(1), guardian(2)]);
    let signer = key("if://agent/guardian-01", 1);
    let description = crate::message::signed_for_test(&signer, 1, &format!("{:024x}", 1));
    let request = CallRequest {
        description: Some(description.clone()),
        trace_id: Some("0123456789ab".into()),
        ..call_to("guardian-02", 1280)
    };
    let call = net.eps[0].admit(0, request).unwrap();
    net.settle();
    let admit = net.last(0, Step::Admit).clone();
    assert_eq!((admit.outcome, admit.answer), (Outcome::Confirmed, Some("admissionConfirm")));
    assert_eq!(admit.call_id, Some(call));
    assert_eq!(admit.dest_call_signal.as_deref(), Some("127.0.0.1:7001"), "guardian-02's call signalling address");
    assert_eq!((admit.bandwidth, admit.call_model), (Some(1280), Some("direct")));
    assert_eq!(admit.signer.as_deref(), Some("if://agent/guardian-01"));
    let gk_admit = net.gk_records.iter().find(|r| r.request == "admissionRequest").unwrap();
    assert_eq!(gk_admit.answer, Some("admissionConfirm"));
    assert_eq!(gk_admit.description, admit.description, "both records name the same description");
    assert_eq!(gk_admit.call_id, Some(call.to_string()));
    assert_eq!((gk_admit.trace_id.as_deref(), admit.trace_id()), (Some("0123456789ab"), Some("0123456789ab".into())));
    let state = net.eps[0].call(call).unwrap();
    assert!(state.admitted);
    assert_eq!(state.dest_call_signal, Some(addr(7001)));

    net.eps[0].change_bandwidth(0, call, 640).unwrap();
    net.settle();
    let brq = net.last(0, Step::ChangeBandwidth);
    assert_eq!((brq.outcome, brq.bandwidth), (Outcome::Confirmed, Some(640)));
    assert_eq!(brq.trace_id.as_deref(), Some("0123456789ab"), "every record of the call carries its trace");
    assert_eq!(net.eps[0].call(call).unwrap().bandwidth, Some(640));

    net.eps[0].disengage(0, call).unwrap();
    net.settle();
    assert_eq!(net.last(0, Step::Disengage).outcome, Outcome::Confirmed);
    assert_eq!((net.eps[0].calls(), net.gk.calls()), (0, 0));
    assert_eq!(net.eps[0].disengage(0, call), Err(EndpointError::NoSuchCall(call)));

    net.eps[0].unregister(0);
    net.settle();
    assert_eq!(net.last(0, Step::Unregister).outcome, Outcome::Confirmed);
    assert!(net.eps[0].registration().is_none());
    assert!(net.eps[0].idle());
    assert_eq!(net.gk.registered(), 1, "guardian-02 stays");
}

#[test]
fn one_request_is_outstanding_at_a_time_and_the_others_follow_in_order() {
    let mut net = Net::registered(vec![guardian(1), guardian(2)]);
    let a = net.eps[0].admit(0, call_to("guardian-02", 1280)).unwrap();
    let b = net.eps[0].admit(0, call_to("nobody", 1280)).unwrap();
    net.eps[0].change_bandwidth(0, b, 640).unwrap();
    let c = net.eps[0].admit(0, call_to("guardian-02", 640)).unwrap();
    let outs = outputs(&mut net.eps[0]);
    let first = transmits(&outs);
    assert_eq!(first.len(), 1, "one ARQ out, the others wait: {outs:?}");
    net.sent.push((0, 0, first[0].1.clone()));
    net.gk.handle_datagram(0, net.ras_of(0), &first[0].1);
    net.settle();
    let admits: Vec<(Option<CallId>, Outcome, Option<&str>)> = net
        .records
        .iter()
        .filter(|(_, r)| r.step == Step::Admit)
        .map(|(_, r)| (r.call_id, r.outcome, r.reason))
        .collect();
    assert_eq!(
        admits,
        [
            (Some(a), Outcome::Confirmed, None),
            (Some(b), Outcome::Rejected, Some("calledPartyNotRegistered")),
            (Some(c), Outcome::Confirmed, None)
        ]
    );
    assert!(net.records.iter().all(|(_, r)| r.step != Step::ChangeBandwidth), "the refused call's BRQ is not sent");
    assert_eq!(net.last(0, Step::Admit).performative(), Performative::Inform);
    let b_record = net.records.iter().find(|(_, r)| r.call_id == Some(b)).unwrap();
    assert_eq!(b_record.1.performative(), Performative::Refuse, "a reject is a refusal on the record");
    assert_eq!(b_record.1.summary(), "admit nobody -> admissionReject calledPartyNotRegistered");
    assert_eq!(net.eps[0].calls(), 2);
    // One sequence number per request sent (GRQ, RRQ, three ARQs); the BRQ never went out.
    let seqs: Vec<u16> = net
        .sent
        .iter()
        .filter(|(_, i, _)| *i == 0)
        .map(|(_, _, b)| ras::request_seq_num(&ras::decode(b).unwrap()))
        .collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5]);
}

#[test]
fn a_keep_alive_goes_out_at_three_quarters_of_the_time_to_live_and_keeps_the_registration() {
    let mut net = Net::registered(vec![guardian(1)]);
    assert_eq!(net.eps[0].poll_timeout(), Some(45_000));
    net.advance(200_000, true);
    let keep_alives: Vec<Millis> = net
        .sent
        .iter()
        .filter(|(_, _, b)| matches!(ras::decode(b).unwrap(), RasMessage::registrationRequest(r) if r.keep_alive == Some(true)))
        .map(|(at, ..)| *at)
        .collect();
    assert_eq!(keep_alives, [45_000, 90_000, 135_000, 180_000]);
    assert!(net.steps(0).iter().all(|s| *s == (Step::KeepAlive, Outcome::Confirmed)), "{:?}", net.steps(0));
    assert_eq!(net.gk.registered(), 1, "never expired");
    assert_eq!(net.eps[0].registration().unwrap().endpoint_id, "ep-1");
}

#[test]
fn a_keep_alive_refused_with_full_registration_required_registers_in_full() {
    let mut net = Net::registered(vec![guardian(1)]);
    // The gatekeeper restarted: it knows nobody.
    net.gk = gatekeeper();
    net.advance(45_000, true);
    assert_eq!(net.steps(0), [(Step::KeepAlive, Outcome::Rejected), (Step::Register, Outcome::Confirmed)]);
    assert_eq!(net.last(0, Step::KeepAlive).reason, Some("fullRegistrationRequired"));
    assert_eq!(net.gk.registered(), 1);
    let rrq =
        net.gk_records.iter().find(|r| r.request == "registrationRequest" && r.answer == Some("registrationConfirm"));
    assert_eq!(rrq.unwrap().signer.as_deref(), Some("if://agent/guardian-01"), "the full RRQ is signed again");
}

#[test]
fn an_expired_registration_is_unregistered_by_the_gatekeeper_answered_and_registered_again() {
    let mut net = Net::registered(vec![guardian(1), guardian(2)]);
    let call = net.eps[0].admit(0, call_to("guardian-02", 1280)).unwrap();
    net.settle();
    // The endpoint's clock stands still (no keep-alive): at 60 s the gatekeeper expires it.
    net.advance(60_000, false);
    let urq = net.last(0, Step::UnregisteredByGatekeeper).clone();
    assert_eq!(
        (urq.outcome, urq.answer, urq.reason),
        (Outcome::Confirmed, Some("unregistrationConfirm"), Some("ttlExpired"))
    );
    assert!(net.eps[0].call(call).is_none(), "the call went with the registration");
    assert_eq!(net.last(0, Step::Register).outcome, Outcome::Confirmed, "registered again at once");
    assert_eq!(net.gk.in_flight(), 0, "the gatekeeper's URQ was answered");
    // The gatekeeper's records: its URQ sent, then answered.
    let urqs: Vec<Option<&str>> =
        net.gk_records.iter().filter(|r| r.request == "unregistrationRequest").map(|r| r.answer).collect();
    assert_eq!(urqs, [None, None, Some("unregistrationConfirm"), Some("unregistrationConfirm")], "both expired");
    assert_eq!(net.gk.registered(), 2);
}

#[test]
fn the_gatekeepers_drq_ends_the_answering_side_of_a_call_whose_caller_left() {
    let mut net = Net::registered(vec![guardian(1), guardian(2)]);
    let call = net.eps[0].admit(0, call_to("guardian-02", 1280)).unwrap();
    net.settle();
    let conference = net.eps[0].call(call).unwrap().conference_id;
    let answering = CallRequest { answering: Some((call, conference)), bandwidth: 1280, ..CallRequest::default() };
    assert_eq!(net.eps[1].admit(0, answering).unwrap(), call);
    net.settle();
    assert_eq!(net.last(1, Step::Admit).outcome, Outcome::Confirmed);
    assert_eq!(net.last(1, Step::Admit).answer_call, Some(true));
    net.eps[0].unregister(0);
    net.settle();
    let drq = net.last(1, Step::DisengagedByGatekeeper);
    assert_eq!((drq.outcome, drq.reason, drq.call_id), (Outcome::Confirmed, Some("forcedDrop"), Some(call)));
    assert_eq!(net.eps[1].calls(), 0);
    assert_eq!(net.gk.in_flight(), 0, "the DRQ was answered");
    assert_eq!(net.gk.calls(), 0);
}

fn irq(seq: u16, reply_to: Option<SocketAddr>) -> Vec<u8> {
    let irq = ras::InfoRequest::new(
        ras::RequestSeqNum(seq),
        ras::CallReferenceValue(0),
        None,
        reply_to.map(ras::transport),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    );
    ras::encode(&RasMessage::infoRequest(irq)).unwrap()
}

#[test]
fn the_gatekeepers_irq_and_urq_are_answered_and_a_repeated_one_the_same_without_a_second_record() {
    let mut net = Net::registered(vec![guardian(1)]);
    let mut ep = net.eps.remove(0);
    // IRQ: an IRR to its reply address, saying who and where the endpoint is.
    ep.handle_datagram(0, addr(GK_ADDR), &irq(40, Some(addr(1800))));
    let outs = outputs(&mut ep);
    let sent = transmits(&outs);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, addr(1800));
    let RasMessage::infoRequestResponse(irr) = ras::decode(&sent[0].1).unwrap() else { panic!("{outs:?}") };
    assert_eq!(irr.request_seq_num.0, 40);
    assert_eq!(ras::text(&irr.endpoint_identifier.0), "ep-1");
    assert_eq!(ras::socket_addr(&irr.ras_address), Some(addr(6000)));
    assert_eq!(irr.call_signal_address.iter().filter_map(ras::socket_addr).collect::<Vec<_>>(), [addr(6001)]);
    assert!(irr.endpoint_type.terminal.is_some() && !irr.endpoint_type.mc);
    assert_eq!(records(&outs)[0].step, Step::InfoRequest);
    ep.handle_datagram(1, addr(GK_ADDR), &irq(40, Some(addr(1800))));
    let again = outputs(&mut ep);
    assert_eq!(transmits(&again), sent, "the same answer");
    assert!(records(&again).is_empty(), "no second record");
    // A URQ for another endpoint is refused; one for this endpoint is confirmed.
    let urq = |seq: u16, id: &str| {
        let urq = ras::UnregistrationRequest::new(
            ras::RequestSeqNum(seq),
            vec![ras::transport(addr(6001))],
            None,
            None,
            Some(ras::EndpointIdentifier(ras::bmp(id))),
            None,
            None,
            None,
            None,
            None,
            Some(ras::UnregRequestReason::maintenance(())),
            None,
            None,
            None,
            None,
            None,
        );
        ras::encode(&RasMessage::unregistrationRequest(urq)).unwrap()
    };
    ep.handle_datagram(2, addr(GK_ADDR), &urq(41, "ep-9"));
    let outs = outputs(&mut ep);
    assert!(matches!(ras::decode(&transmits(&outs)[0].1).unwrap(), RasMessage::unregistrationReject(_)));
    assert_eq!(records(&outs)[0].outcome, Outcome::Rejected);
    assert!(ep.registration().is_some());
    ep.handle_datagram(3, addr(GK_ADDR), &urq(42, "ep-1"));
    let outs = outputs(&mut ep);
    assert_eq!(ras::decode(&transmits(&outs)[0].1).unwrap(), ras::ucf(ras::RequestSeqNum(42)));
    assert_eq!(records(&outs)[0].reason, Some("maintenance"));
    assert!(ep.registration().is_none(), "unregistered, and not coming back for maintenance");
    assert!(ep.idle());
    assert_eq!(ep.poll_timeout(), None, "no keep-alive for a registration that is gone");
}

#[test]
fn a_registration_refused_stops_the_endpoint_with_the_reason() {
    let mut net = Net::registered(vec![guardian(1)]);
    let impostor = Endpoint::new(config(7000, "guardian-01", Some(key("if://agent/guardian-02", 2))), counter());
    net.eps.push(impostor);
    net.eps[1].start(0);
    net.settle();
    let register = net.last(1, Step::Register);
    assert_eq!((register.outcome, register.reason), (Outcome::Rejected, Some("duplicateAlias")));
    assert_eq!(register.performative(), Performative::Refuse);
    let failure = net.eps[1].failure().unwrap();
    assert_eq!(failure.to_string(), "registrationRequest refused: duplicateAlias");
}

#[test]
fn stray_and_malformed_datagrams_are_dropped_and_token_randoms_stay_below_2_pow_31() {
    let mut ep =
        Endpoint::new(config(6000, "guardian-01", Some(key("if://agent/guardian-01", 1))), Box::new(|| u32::MAX));
    ep.start(0);
    outputs(&mut ep);
    for (from, bytes) in [(addr(GK_ADDR), vec![0xff, 0x00]), (addr(GK_ADDR), rip(77, 10))] {
        ep.handle_datagram(1, from, &bytes);
        assert!(matches!(&outputs(&mut ep)[..], [EndpointOutput::Dropped { .. }]), "{bytes:?}");
    }
    // With the real gatekeeper: the RRQ's token random is 2^31 - 1, and the token verifies.
    let fresh =
        Endpoint::new(config(6000, "guardian-01", Some(key("if://agent/guardian-01", 1))), Box::new(|| u32::MAX));
    let mut net = Net::new(vec![fresh]);
    net.eps[0].start(0);
    net.settle();
    assert_eq!(net.last(0, Step::Register).outcome, Outcome::Confirmed);
    let rrq = net.sent.iter().find_map(|(_, _, b)| match ras::decode(b).unwrap() {
        RasMessage::registrationRequest(r) => Some(r),
        _ => None,
    });
    let token = &rrq.unwrap().tokens.unwrap()[0];
    assert_eq!(u64::try_from(&token.random.as_ref().unwrap().0).unwrap(), (1 << 31) - 1);
}
