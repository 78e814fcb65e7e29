//! `if-mcu`: the Guardian Council's MCU. Registers with the gatekeeper as a multipoint
//! controller, takes H.225.0 calls on its call signalling address, admits each through the
//! gatekeeper (answer-ARQ with the call description), mixes the conference (mix-minus), and
//! writes every step as a signed event.

use super::EXIT_OK;
use crate::h323::call::CallConfig;
use crate::h323::endpoint::{Endpoint, EndpointConfig, EndpointRecord};
use crate::h323::endpoint_driver;
use crate::h323::mcu::{Mcu, McuConfig, McuRecord};
use crate::h323::mcu_driver::{self, McuLimits, McuSink};
use crate::keys::{SecretKey, TrustStore};
use crate::message::MessageFactory;
use crate::pipeline::{EventWriter, OnOutputLoss};
use crate::policy::Policy;
use crate::time::now_millis;
use anyhow::Context;
use rand_core::{OsRng, RngCore};
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
    pub on_audit_loss: OnOutputLoss,
}

struct Sink<'a> {
    events: &'a EventWriter,
}

impl McuSink for Sink<'_> {
    fn record(&mut self, record: &McuRecord) {
        self.events.emit(record);
    }
    fn ras(&mut self, record: &EndpointRecord) {
        self.events.emit(record);
    }
    fn admitting(&self) -> bool {
        self.events.admitting()
    }
}

pub fn serve(o: ServeOptions) -> anyhow::Result<u8> {
    let mut trust = match &o.policy {
        Some(p) => Policy::load(p)?.trust,
        None => TrustStore::default(),
    };
    if let Some(extra) = TrustStore::load_all(&o.trust)? {
        trust.extend(extra);
    }
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
        },
        trust,
        Box::new(|| OsRng.next_u32()),
    );
    let events = EventWriter::stdout(Some(factory), "h323-mcu", o.on_audit_loss);
    let ran = mcu_driver::run(mcu, endpoint, listener, ras, o.rtp_bind, o.limits, &mut Sink { events: &events });
    events.finish()?;
    let endpoint = ran.with_context(|| format!("MCU on {call_signal}"))?;
    if let Some(e) = endpoint.failure() {
        anyhow::bail!("gatekeeper {}: {e}", o.gatekeeper);
    }
    Ok(EXIT_OK)
}
