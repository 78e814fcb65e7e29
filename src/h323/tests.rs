//! The gatekeeper core on a fake clock, with requests built by `requests` (the independent
//! peer, pycrate, is in the integration tests).

use super::gatekeeper::{BandwidthLimits, Config, Gatekeeper, Limits, Output, RasRecord};
use super::ras::{self, RasMessage};
use super::requests::{self, Admission, Registration, Signer};
use super::timer::{RAS_RETRY, RIP_AFTER};
use crate::keys::{SecretKey, TrustStore};
use crate::policy::Policy;
use std::net::SocketAddr;

const NOW_UNIX_MS: i64 = 1_767_225_600_000;
const GK: &str = "if-gk";

fn key(agent: &str, byte: u8) -> SecretKey {
    SecretKey::from_seed(agent, [byte; 32]).unwrap()
}

fn addr(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}

struct Harness {
    gk: Gatekeeper,
    keys: Vec<SecretKey>,
    random: u64,
    /// The time to live registrations ask for.
    ttl_s: u32,
}

impl Harness {
    fn new(limits: Limits) -> Self {
        let keys = vec![key("if://agent/guardian-01", 1), key("if://agent/guardian-02", 2), key("if://agent/mcu", 3)];
        let policy = Policy { trust: TrustStore::of(&keys.iter().collect::<Vec<_>>()), ..Policy::default() };
        let gk = Gatekeeper::new(Config {
            gatekeeper_id: GK.into(),
            local: addr(1719),
            policy,
            council_alias: "council".into(),
            limits,
            wall_clock_offset_ms: NOW_UNIX_MS,
        });
        Harness { gk, keys, random: 0, ttl_s: 60 }
    }

    /// Sends `bytes` from `from` at `now`; the answer (decoded) and its record.
    fn ask(&mut self, now: u64, from: SocketAddr, bytes: &[u8]) -> (RasMessage, RasRecord) {
        self.gk.handle_datagram(now, from, bytes);
        let mut answer = None;
        while let Some(out) = self.gk.poll_output() {
            if let Output::Answer { to, bytes, record } = out {
                assert_eq!(to, from);
                answer = Some((ras::decode(&bytes).unwrap(), *record));
            }
        }
        answer.expect("an answer")
    }

    fn signer(&mut self, who: usize, now: u64) -> (usize, u64, u32) {
        self.random += 1;
        (who, self.random, ((NOW_UNIX_MS + now as i64) / 1000) as u32)
    }

    fn register(&mut self, port: u16, alias: &str, who: usize) -> String {
        let (w, random, timestamp) = self.signer(who, 0);
        let (signing, agent) = (self.keys[w].signing.clone(), self.keys[w].agent.clone());
        let s = Signer { key: &signing, agent: &agent, gatekeeper: GK, timestamp, random };
        let r = Registration {
            seq: 1,
            aliases: &[alias],
            ras_address: addr(port),
            call_signal: addr(port + 1),
            ttl_s: Some(self.ttl_s),
            gatekeeper: Some(GK),
            mc: alias == "council",
        };
        let (answer, record) = self.ask(0, addr(port), &requests::rrq(&r, Some(&s)).unwrap());
        let RasMessage::registrationConfirm(rcf) = answer else { panic!("{answer:?} {record:?}") };
        assert_eq!(record.signer.as_deref(), Some(agent.as_str()));
        ras::text(&rcf.endpoint_identifier.0)
    }

    fn arq_bytes(&mut self, now: u64, who: Option<usize>, a: &Admission) -> Vec<u8> {
        match who {
            None => requests::arq(a, None).unwrap(),
            Some(w) => {
                let (w, random, timestamp) = self.signer(w, now);
                let k = &self.keys[w];
                let signing = k.signing.clone();
                requests::arq(a, Some(&Signer { key: &signing, agent: &k.agent, gatekeeper: GK, timestamp, random }))
                    .unwrap()
            }
        }
    }
}

fn admission<'a>(seq: u16, endpoint: &'a str, to: &'a str, bandwidth: u32, call: u8) -> Admission<'a> {
    Admission {
        seq,
        endpoint,
        source_alias: "guardian-01",
        destination: Some(to),
        bandwidth,
        call_id: [call; 16],
        conference_id: [call; 16],
        call_reference: seq,
        answer_call: false,
        gatekeeper: GK,
        description: None,
    }
}

fn arj_reason(answer: &RasMessage) -> String {
    match answer {
        RasMessage::admissionReject(arj) => format!("{:?}", arj.reject_reason).split('(').next().unwrap().to_owned(),
        other => panic!("not an ARJ: {other:?}"),
    }
}

#[test]
fn a_signed_arq_to_a_registered_endpoint_is_confirmed_with_its_address_and_disengaged() {
    let mut h = Harness::new(Limits::default());
    let (answer, _) = h.ask(0, addr(5000), &requests::grq(1, addr(5000), "guardian-01").unwrap());
    let RasMessage::gatekeeperConfirm(gcf) = answer else { panic!("{answer:?}") };
    assert_eq!(ras::text(&gcf.gatekeeper_identifier.unwrap().0), GK);
    let ep1 = h.register(5000, "guardian-01", 0);
    let ep2 = h.register(6000, "guardian-02", 1);
    assert_ne!(ep1, ep2);
    let bytes = h.arq_bytes(0, Some(0), &admission(2, &ep1, "guardian-02", 1280, 7));
    let (answer, record) = h.ask(0, addr(5000), &bytes);
    let RasMessage::admissionConfirm(acf) = &answer else { panic!("{answer:?} {record:?}") };
    assert_eq!(ras::socket_addr(&acf.dest_call_signal_address), Some(addr(6001)));
    assert_eq!(acf.band_width.0, 1280);
    assert_eq!((record.gate, record.bandwidth, record.call_model), (None, Some(1280), Some("direct")));
    // Sent again: the same answer, byte for byte, and no second decision on the record.
    h.gk.handle_datagram(1, addr(5000), &bytes);
    let outs: Vec<Output> = std::iter::from_fn(|| h.gk.poll_output()).collect();
    assert!(matches!(&outs[..], [Output::Transmit { to, .. }] if *to == addr(5000)), "{outs:?}");
    let (answer, record) = h.ask(2, addr(5000), &requests::drq(3, &ep1, [7; 16], [7; 16], 1, false).unwrap());
    assert!(matches!(answer, RasMessage::disengageConfirm(_)), "{answer:?}");
    assert_eq!(record.bandwidth, Some(1280), "the released bandwidth");
    assert_eq!(h.gk.calls(), 0);
}

#[test]
fn each_admission_gate_refuses_with_its_own_reason() {
    let mut h = Harness::new(Limits { conference_capacity: 1, ..Limits::default() });
    let ep1 = h.register(5000, "guardian-01", 0);
    h.register(6000, "guardian-02", 1);
    // 1. registered
    let bytes = h.arq_bytes(0, Some(0), &admission(2, "ep-99", "guardian-02", 1280, 1));
    let (a, r) = h.ask(0, addr(5000), &bytes);
    assert_eq!((arj_reason(&a).as_str(), r.gate), ("callerNotRegistered", Some("registered")));
    // ... and from the address it registered from.
    let bytes = h.arq_bytes(0, Some(0), &admission(2, &ep1, "guardian-02", 1280, 1));
    let (a, r) = h.ask(0, addr(5999), &bytes);
    assert_eq!((arj_reason(&a).as_str(), r.gate), ("callerNotRegistered", Some("registered")));
    // 2. signature: none, another agent's, replayed, stale
    let bytes = h.arq_bytes(0, None, &admission(3, &ep1, "guardian-02", 1280, 1));
    let (a, r) = h.ask(0, addr(5000), &bytes);
    assert_eq!((arj_reason(&a).as_str(), r.gate), ("securityDenial", Some("signature")));
    assert_eq!(r.detail.as_deref(), Some("no IF-GK-TOKEN in the request's tokens"));
    let bytes = h.arq_bytes(0, Some(1), &admission(4, &ep1, "guardian-02", 1280, 1));
    let (a, r) = h.ask(0, addr(5000), &bytes);
    assert_eq!(arj_reason(&a), "securityDenial");
    assert!(r.detail.as_deref().unwrap().contains("registered by `if://agent/guardian-01`"), "{r:?}");
    let good = h.arq_bytes(0, Some(0), &admission(5, &ep1, "guardian-02", 1280, 1));
    let (a, _) = h.ask(0, addr(5000), &good);
    assert!(matches!(a, RasMessage::admissionConfirm(_)), "{a:?}");
    // The same token in a new request (another seq) is a replay.
    let mut replay = ras::decode(&good).unwrap();
    if let RasMessage::admissionRequest(arq) = &mut replay {
        arq.request_seq_num.0 = 6;
    }
    let (a, r) = h.ask(1, addr(5000), &ras::encode(&replay).unwrap());
    assert_eq!(arj_reason(&a), "securityDenial");
    assert!(
        r.detail.as_deref().unwrap().starts_with("the signature does not verify")
            || r.detail.as_deref().unwrap().starts_with("replayed"),
        "{r:?}"
    );
    let stale = h.arq_bytes(0, Some(0), &admission(7, &ep1, "guardian-02", 1280, 2));
    let (a, r) = h.ask(31_000, addr(5000), &stale);
    assert_eq!(arj_reason(&a), "securityDenial");
    assert!(r.detail.as_deref().unwrap().contains("from this gatekeeper's clock"), "{r:?}");
    // 4. route
    let bytes = h.arq_bytes(0, Some(0), &admission(8, &ep1, "nobody", 1280, 3));
    let (a, r) = h.ask(0, addr(5000), &bytes);
    assert_eq!((arj_reason(&a).as_str(), r.gate), ("calledPartyNotRegistered", Some("route")));
    // 3. policy: the council needs a call description
    let bytes = h.arq_bytes(0, Some(0), &admission(9, &ep1, "council", 1280, 4));
    let (a, r) = h.ask(0, addr(5000), &bytes);
    assert_eq!((arj_reason(&a).as_str(), r.gate), ("requestDenied", Some("policy")));
    // 6. capacity: conference 1 already has its one participant
    let mut a1 = admission(10, &ep1, "guardian-02", 1280, 5);
    a1.conference_id = [1; 16];
    let bytes = h.arq_bytes(0, Some(0), &a1);
    let (a, r) = h.ask(0, addr(5000), &bytes);
    assert_eq!((arj_reason(&a).as_str(), r.gate), ("resourceUnavailable", Some("capacity")));
}

#[test]
fn bandwidth_is_granted_in_part_then_refused_when_none_is_left_and_freed_by_disengage() {
    let limits = Limits {
        bandwidth: BandwidthLimits { min_per_call: 0, max_per_call: 2000, per_endpoint: 3000, total: 1_000_000 },
        ..Limits::default()
    };
    let mut h = Harness::new(limits);
    let ep1 = h.register(5000, "guardian-01", 0);
    h.register(6000, "guardian-02", 1);
    let b = h.arq_bytes(0, Some(0), &admission(2, &ep1, "guardian-02", 5000, 1));
    let (a, _) = h.ask(0, addr(5000), &b);
    let RasMessage::admissionConfirm(acf) = a else { panic!() };
    assert_eq!(acf.band_width.0, 2000, "capped at the per-call maximum");
    let b = h.arq_bytes(0, Some(0), &admission(3, &ep1, "guardian-02", 2000, 2));
    let (a, r) = h.ask(0, addr(5000), &b);
    let RasMessage::admissionConfirm(acf) = a else { panic!("{r:?}") };
    assert_eq!(acf.band_width.0, 1000, "a partial grant: what is left of the quota");
    let b = h.arq_bytes(0, Some(0), &admission(4, &ep1, "guardian-02", 2000, 3));
    let (a, r) = h.ask(0, addr(5000), &b);
    assert_eq!((arj_reason(&a).as_str(), r.gate), ("requestDenied", Some("bandwidth")));
    // BRQ: lowering is always granted; what it frees can be asked for again.
    let (a, _) = h.ask(0, addr(5000), &requests::brq(5, &ep1, [1; 16], [1; 16], 1, 500, false).unwrap());
    let RasMessage::bandwidthConfirm(bcf) = a else { panic!("{a:?}") };
    assert_eq!(bcf.band_width.0, 500);
    let (a, _) = h.ask(0, addr(5000), &requests::brq(6, &ep1, [2; 16], [2; 16], 1, 2000, false).unwrap());
    let RasMessage::bandwidthConfirm(bcf) = a else { panic!("{a:?}") };
    assert_eq!(bcf.band_width.0, 2000, "1000 had, 1500 free, capped per call");
    h.ask(0, addr(5000), &requests::drq(7, &ep1, [1; 16], [1; 16], 1, false).unwrap());
    let b = h.arq_bytes(0, Some(0), &admission(8, &ep1, "guardian-02", 800, 4));
    let (a, _) = h.ask(0, addr(5000), &b);
    assert!(matches!(a, RasMessage::admissionConfirm(_)), "{a:?}");
}

#[test]
fn an_unrenewed_registration_expires_and_the_gatekeeper_unregisters_it_with_retries() {
    let mut h = Harness::new(Limits::default());
    let ep1 = h.register(5000, "guardian-01", 0);
    // A keep-alive renews it for another 60 s.
    let ka = requests::keep_alive(2, &ep1, GK, addr(5000), addr(5001), 60).unwrap();
    let (a, r) = h.ask(30_000, addr(5000), &ka);
    assert!(matches!(a, RasMessage::registrationConfirm(_)), "{a:?} {r:?}");
    // At the first registration's expiry (and the answers' 30 s), the renewed one stays.
    h.gk.handle_timeout(60_000);
    assert_eq!(h.gk.registered(), 1);
    assert_eq!(h.gk.poll_timeout(), Some(90_000));
    h.gk.handle_timeout(90_000);
    assert_eq!(h.gk.registered(), 0);
    let outs: Vec<Output> = std::iter::from_fn(|| h.gk.poll_output()).collect();
    let sent = outs.iter().filter(|o| matches!(o, Output::Transmit { to, .. } if *to == addr(5000))).count();
    assert_eq!(sent, 1, "one URQ: {outs:?}");
    // Unanswered, the URQ is sent again at +3 s and +6 s, and given up at +9 s.
    for (at, transmits) in [(90_000 + RAS_RETRY, 1), (90_000 + 2 * RAS_RETRY, 1), (90_000 + 3 * RAS_RETRY, 0)] {
        assert_eq!(h.gk.poll_timeout(), Some(at));
        h.gk.handle_timeout(at);
        let outs: Vec<Output> = std::iter::from_fn(|| h.gk.poll_output()).collect();
        assert_eq!(
            outs.iter().filter(|o| matches!(o, Output::Transmit { .. })).count(),
            transmits,
            "at {at}: {outs:?}"
        );
    }
    assert_eq!(h.gk.in_flight(), 0);
    // A keep-alive now is told to register in full.
    let (a, _) = h.ask(100_000, addr(5000), &requests::keep_alive(3, &ep1, GK, addr(5000), addr(5001), 60).unwrap());
    let RasMessage::registrationReject(rrj) = a else { panic!("{a:?}") };
    assert!(format!("{:?}", rrj.reject_reason).starts_with("fullRegistrationRequired"));
    let _ = RIP_AFTER;
}

#[test]
fn a_duplicate_alias_is_refused_and_the_endpoint_limit_holds() {
    let mut h = Harness::new(Limits { max_endpoints: 2, ..Limits::default() });
    h.register(5000, "guardian-01", 0);
    let r = Registration {
        seq: 1,
        aliases: &["guardian-01"],
        ras_address: addr(7000),
        call_signal: addr(7001),
        ttl_s: None,
        gatekeeper: None,
        mc: false,
    };
    let (a, rec) = h.ask(0, addr(7000), &requests::rrq(&r, None).unwrap());
    let RasMessage::registrationReject(rrj) = a else { panic!("{a:?}") };
    assert!(format!("{:?}", rrj.reject_reason).starts_with("duplicateAlias"), "{rec:?}");
    h.register(6000, "guardian-02", 1);
    let r = Registration {
        seq: 2,
        aliases: &["guardian-03"],
        ras_address: addr(8000),
        call_signal: addr(8001),
        ttl_s: None,
        gatekeeper: None,
        mc: false,
    };
    let (a, rec) = h.ask(0, addr(8000), &requests::rrq(&r, None).unwrap());
    assert!(matches!(a, RasMessage::registrationReject(_)), "{a:?}");
    assert_eq!(rec.reason, Some("resourceUnavailable"));
}

/// The hex blocks of docs/if-gk.md's test vector, in order: zeroed, signature, signed.
fn doc_vector() -> [Vec<u8>; 3] {
    let doc = include_str!("../../docs/if-gk.md");
    let section = &doc[doc.find("## Test vector").expect("the vector section")..];
    let blocks: Vec<Vec<u8>> = section
        .split("```")
        .skip(1)
        .step_by(2)
        .map(|b| b.split_whitespace().collect::<String>())
        .filter(|b| !b.is_empty() && b.chars().all(|c| c.is_ascii_hexdigit()))
        .map(|b| hex::decode(b).unwrap())
        .collect();
    assert_eq!(blocks.len(), 3, "zeroed, signature, signed");
    [blocks[0].clone(), blocks[1].clone(), blocks[2].clone()]
}

#[test]
fn the_token_vector_of_the_docs() {
    use super::token;
    let [zeroed, signature, signed] = doc_vector();
    let key = SecretKey::from_seed("if://agent/guardian-01", core::array::from_fn(|i| i as u8)).unwrap();
    assert_eq!(
        hex::encode(key.verifying().as_bytes()),
        "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
    );
    // pycrate's encoding is this crate's: decoded and encoded again, byte for byte.
    let mut msg = ras::decode(&zeroed).unwrap();
    assert_eq!(ras::encode(&msg).unwrap(), zeroed);
    let RasMessage::admissionRequest(arq) = &msg else { panic!("{msg:?}") };
    assert_eq!((arq.request_seq_num.0, arq.band_width.0), (7, 1280));
    // Signing it here gives pycrate's signed datagram.
    assert_eq!(token::sign(&mut msg, &key.signing).unwrap(), signed);
    assert_eq!(&signed[signed.len() - zeroed.len()..].len(), &zeroed.len());
    assert!(signed.windows(64).any(|w| w == &signature[..]));
    // And it verifies, at its own time, with the key trusted for its agent.
    let trust = TrustStore::of(&[&key]);
    let decoded = ras::decode(&signed).unwrap();
    let v = token::verify(&signed, &decoded, "if-gk", 1_767_225_600, 30, &trust).unwrap();
    assert_eq!((v.agent.as_str(), v.timestamp, v.random), ("if://agent/guardian-01", 1_767_225_600, 123_456_789));
    // One octet changed anywhere outside the signature: refused.
    let mut tampered = signed.clone();
    tampered[20] ^= 1;
    if let Ok(m) = ras::decode(&tampered) {
        assert!(token::verify(&tampered, &m, "if-gk", 1_767_225_600, 30, &trust).is_err());
    }
    assert_eq!(
        token::verify(&signed, &decoded, "other-gk", 1_767_225_600, 30, &trust),
        Err(token::TokenError::WrongRecipient("if-gk".into()))
    );
    assert!(matches!(
        token::verify(&signed, &decoded, "if-gk", 1_767_225_631, 30, &trust),
        Err(token::TokenError::Stale(-31))
    ));
}

#[test]
fn an_endpoint_silent_with_calls_is_asked_and_loses_them_when_it_never_answers() {
    let mut h = Harness::new(Limits { call_check_s: 60, ..Limits::default() });
    h.ttl_s = 3600;
    let ep1 = h.register(5000, "guardian-01", 0);
    h.register(6000, "guardian-02", 1);
    let b = h.arq_bytes(1_000, Some(0), &admission(2, &ep1, "guardian-02", 1280, 1));
    let (a, _) = h.ask(1_000, addr(5000), &b);
    assert!(matches!(a, RasMessage::admissionConfirm(_)), "{a:?}");
    // Nothing heard for 60 s: an IRQ about all its calls, sent again twice, then given up.
    let mut irqs = Vec::new();
    while let Some(at) = h.gk.poll_timeout() {
        if at > 80_000 {
            break;
        }
        h.gk.handle_timeout(at);
        for out in std::iter::from_fn(|| h.gk.poll_output()) {
            match out {
                Output::Transmit { to, bytes } if to == addr(5000) => {
                    assert!(matches!(ras::decode(&bytes).unwrap(), RasMessage::infoRequest(_)));
                    irqs.push(at);
                }
                Output::Event(r)
                    if r.request == "infoRequest" && r.detail.as_deref().is_some_and(|d| d.contains("released")) =>
                {
                    assert_eq!(r.detail.as_deref(), Some("unanswered after 3 tries: 1 call(s) released"));
                    assert_eq!(at, 61_000 + 3 * RAS_RETRY);
                }
                _ => {}
            }
        }
    }
    assert_eq!(irqs, [61_000, 61_000 + RAS_RETRY, 61_000 + 2 * RAS_RETRY]);
    assert_eq!(h.gk.calls(), 0, "the silent endpoint's call is released");
    // An endpoint that answers keeps its calls.
    let b = h.arq_bytes(70_000, Some(0), &admission(3, &ep1, "guardian-02", 1280, 2));
    h.ask(70_000, addr(5000), &b);
    h.gk.handle_timeout(130_000);
    let irq = std::iter::from_fn(|| h.gk.poll_output())
        .find_map(|o| match o {
            Output::Transmit { bytes, .. } => match ras::decode(&bytes).unwrap() {
                RasMessage::infoRequest(irq) => Some(irq),
                _ => None,
            },
            _ => None,
        })
        .expect("an IRQ at 130 s");
    let irr = ras::encode(&RasMessage::infoRequestResponse(ras::InfoRequestResponse::new(
        None,
        irq.request_seq_num.clone(),
        ras::EndpointType::new(None, None, None, None, None, None, false, false, None, None),
        ras::EndpointIdentifier(ras::bmp(&ep1)),
        ras::transport(addr(5000)),
        vec![ras::transport(addr(5001))],
        None,
        None,
        None,
        None,
        None,
        Some(false),
        None,
        None,
        None,
        None,
    )))
    .unwrap();
    h.gk.handle_datagram(130_001, addr(5000), &irr);
    while h.gk.poll_output().is_some() {}
    assert_eq!(h.gk.in_flight(), 0, "the IRR answered the IRQ");
    h.gk.handle_timeout(140_000);
    assert_eq!(h.gk.calls(), 1);
}

#[test]
fn a_batch_of_datagrams_gets_the_answers_one_by_one_would() {
    let decide = |batched: bool| {
        let mut h = Harness::new(Limits::default());
        let ep1 = h.register(5000, "guardian-01", 0);
        let ep2 = h.register(6000, "guardian-02", 1);
        let good = h.arq_bytes(0, Some(0), &admission(2, &ep1, "guardian-02", 1280, 1));
        let mut tampered = h.arq_bytes(0, Some(0), &admission(3, &ep1, "guardian-02", 1280, 2));
        let at = tampered.len() - 70;
        tampered[at] ^= 0x40;
        let other = h.arq_bytes(0, Some(1), &admission(4, &ep2, "guardian-01", 1280, 3));
        let unsigned = h.arq_bytes(0, None, &admission(5, &ep1, "guardian-02", 1280, 4));
        let mut replay = ras::decode(&good).unwrap();
        if let RasMessage::admissionRequest(arq) = &mut replay {
            arq.request_seq_num.0 = 6;
        }
        let replay = ras::encode(&replay).unwrap();
        let batch: Vec<(SocketAddr, &[u8])> = vec![
            (addr(5000), &good),
            (addr(5000), &tampered),
            (addr(6000), &other),
            (addr(5000), &unsigned),
            (addr(5000), &replay),
            (addr(5000), &good),
        ];
        if batched {
            h.gk.handle_datagrams(0, &batch);
        } else {
            for (from, bytes) in &batch {
                h.gk.handle_datagram(0, *from, bytes);
            }
        }
        std::iter::from_fn(|| h.gk.poll_output())
            .filter_map(|o| match o {
                Output::Answer { bytes, record, .. } => Some(format!(
                    "{} {:?} {:?}",
                    ras::kind(&ras::decode(&bytes).unwrap()),
                    record.reason,
                    record.detail
                )),
                Output::Transmit { bytes, .. } => Some(format!("again {}", ras::kind(&ras::decode(&bytes).unwrap()))),
                _ => None,
            })
            .collect::<Vec<String>>()
    };
    let one_by_one = decide(false);
    assert_eq!(decide(true), one_by_one);
    assert!(one_by_one[0].starts_with("admissionConfirm"), "{one_by_one:?}");
    assert!(one_by_one[1].contains("securityDenial"), "{one_by_one:?}");
    assert!(one_by_one[2].starts_with("admissionConfirm"), "{one_by_one:?}");
    assert!(one_by_one[3].contains("no IF-GK-TOKEN"), "{one_by_one:?}");
    assert!(one_by_one[4].contains("securityDenial"), "{one_by_one:?}");
    assert_eq!(one_by_one[5], "again admissionConfirm");
}

#[test]
fn the_answering_side_is_charged_only_what_it_adds_to_the_call() {
    let limits = Limits {
        bandwidth: BandwidthLimits { min_per_call: 0, max_per_call: 20_000, per_endpoint: 20_000, total: 3000 },
        ..Limits::default()
    };
    let mut h = Harness::new(limits);
    let ep1 = h.register(5000, "guardian-01", 0);
    let ep2 = h.register(6000, "guardian-02", 1);
    let b = h.arq_bytes(0, Some(0), &admission(2, &ep1, "guardian-02", 1280, 1));
    let (a, _) = h.ask(0, addr(5000), &b);
    assert!(matches!(a, RasMessage::admissionConfirm(_)), "{a:?}");
    // The callee answers the same call asking 2000: the call holds 2000 in all, not 3280.
    let mut answer = admission(2, &ep2, "guardian-02", 2000, 1);
    answer.answer_call = true;
    let b = h.arq_bytes(0, Some(1), &answer);
    let (a, r) = h.ask(0, addr(6000), &b);
    let RasMessage::admissionConfirm(acf) = a else { panic!("{r:?}") };
    assert_eq!((acf.band_width.0, r.bandwidth), (2000, Some(2000)));
    // 1000 of the total 3000 is left for another call.
    let b = h.arq_bytes(0, Some(0), &admission(3, &ep1, "guardian-02", 1500, 2));
    let (a, _) = h.ask(0, addr(5000), &b);
    let RasMessage::admissionConfirm(acf) = a else { panic!("{a:?}") };
    assert_eq!(acf.band_width.0, 1000);
}
