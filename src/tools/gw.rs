//! `if-gw`: the SIP–H.323 gateway. Registers with the gatekeeper, takes INVITEs for the council
//! on its SIP socket, admits each at the gatekeeper with a call description it signs, calls the
//! MCU, relays the media, and writes every step of both legs as a signed event.

use super::EXIT_OK;
use crate::gw::driver::{self, GwSockets};
use crate::gw::{CalloutRoute, Description, Gateway, GatewayConfig};
use crate::h323::endpoint::{Endpoint, EndpointConfig};
use crate::h323::endpoint_driver;
use crate::keys::{SecretKey, TrustStore};
use crate::message::{default_scope, MessageFactory, MessageSpec, Performative};
use crate::pipeline::{EventWriter, OnOutputLoss};
use crate::policy::Policy;
use crate::time::now_millis;
use anyhow::Context;
use rand_core::{OsRng, RngCore};
use serde_json::{json, Map, Value};
use std::net::{IpAddr, SocketAddr, TcpListener, UdpSocket};
use std::path::PathBuf;

pub struct ServeOptions {
    /// The SIP address (UDP).
    pub listen: SocketAddr,
    /// The gatekeeper's RAS address.
    pub gatekeeper: SocketAddr,
    /// Where to call the MCU [default: what the ACF says].
    pub mcu: Option<SocketAddr>,
    /// Signs the admission tokens, the call descriptions and the events.
    pub key: PathBuf,
    /// Trusted keys of X-IF-Signature, beside the policy's.
    pub trust: Vec<PathBuf>,
    pub policy: Option<PathBuf>,
    /// The alias called at the gatekeeper.
    pub council: String,
    pub max_calls: usize,
    pub max_frame: usize,
    /// Where the media sockets bind (port 0 each) [default: the --listen IP].
    pub rtp_bind: Option<IpAddr>,
    /// The RAS socket's address [default: the address routed to the gatekeeper, port 0].
    pub ras_listen: Option<SocketAddr>,
    pub on_audit_loss: OnOutputLoss,
    /// The H.323 call signalling listener (TCP) for the council's calls out.
    pub h323_listen: SocketAddr,
    /// Aliases registered for SIP experts, each with its URI.
    pub callouts: Vec<CalloutRoute>,
    /// Where the council's INVITEs go [default: each URI's host].
    pub sip_next_hop: Option<SocketAddr>,
}

/// The call description of docs/if-gw.md: a signed IFMessage naming the SIP call's trace,
/// hazard and verified signer (an `escalate` when the INVITE carries a hazard).
fn describe(factory: &mut MessageFactory, d: &Description) -> Vec<u8> {
    let performative = if d.hazard.is_some() { Performative::Escalate } else { Performative::Inform };
    let mut spec = MessageSpec::new(performative, "if://agent/council", default_scope("sip-h323-gateway"));
    let mut content = Map::new();
    content.insert("call_type".into(), json!(if d.hazard.is_some() { "escalate" } else { "routine" }));
    content.insert("via".into(), json!("sip"));
    content.insert("sip_signer".into(), d.signer.as_ref().map_or(Value::Null, |s| json!(s)));
    spec.content = content;
    spec.trace_id = Some(d.trace_id.clone());
    spec.hazard = d.hazard.clone();
    match factory.build(spec, now_millis()) {
        Ok(v) => v.to_string().into_bytes(),
        Err(e) => {
            // No description: the gatekeeper refuses the council call, and the SIP caller hears why.
            tracing::error!("call description for {}: {e}", d.sip_call_id);
            Vec::new()
        }
    }
}

pub fn serve(o: ServeOptions) -> anyhow::Result<u8> {
    let policy = match &o.policy {
        Some(p) => Policy::load(p)?,
        None => Policy::default(),
    };
    let skew_ms = policy.gates.max_clock_skew_s as i64 * 1000;
    let mut trust = policy.trust;
    if let Some(extra) = TrustStore::load_all(&o.trust)? {
        trust.extend(extra);
    }
    let token_key = SecretKey::load(&o.key)?;
    let mut describer_factory = MessageFactory::new(SecretKey::load(&o.key)?, 64);
    let factory = MessageFactory::new(SecretKey::load(&o.key)?, 64);
    let sip = crate::udp::bind(o.listen).with_context(|| format!("listen on {}", o.listen))?;
    let sip_local = sip.local_addr()?;
    let ras_listen = match o.ras_listen {
        Some(l) => l,
        None => endpoint_driver::local_towards(o.gatekeeper)
            .with_context(|| format!("no route to the gatekeeper {}", o.gatekeeper))?,
    };
    let ras = UdpSocket::bind(ras_listen).with_context(|| format!("bind {ras_listen}"))?;
    let h323 = TcpListener::bind(o.h323_listen).with_context(|| format!("listen on {} (H.323)", o.h323_listen))?;
    let mut aliases = vec![crate::gw::gateway::ALIAS.to_owned()];
    aliases.extend(o.callouts.iter().map(|r| r.alias.clone()));
    let endpoint = Endpoint::new(
        EndpointConfig {
            gatekeeper: o.gatekeeper,
            ras_address: ras.local_addr()?,
            // The council's calls to a callout alias come here.
            call_signal: h323.local_addr()?,
            aliases,
            key: Some(token_key),
            ttl_s: None,
            mc: false,
            wall_clock_offset_ms: now_millis(),
        },
        Box::new(|| OsRng.next_u32()),
    );
    let mut gateway = Gateway::new(
        GatewayConfig {
            sip_local,
            destination: o.council,
            mcu: o.mcu,
            max_calls: o.max_calls,
            bandwidth: crate::h323::mcu::CALL_BANDWIDTH,
            trust,
            max_skew_ms: skew_ms,
            wall_clock_offset_ms: now_millis(),
            max_frame: o.max_frame,
            callouts: o.callouts.clone(),
            sip_next_hop: o.sip_next_hop,
        },
        endpoint,
        Box::new(move |d| describe(&mut describer_factory, d)),
    );
    let sip_key = SecretKey::load(&o.key)?;
    gateway.sign_sip_with(Box::new(move |msg, now_ms| crate::sip::xif::sign(msg, &sip_key, now_ms)));
    let events = EventWriter::stdout(Some(factory), "sip-h323-gateway", o.on_audit_loss);
    let sockets = GwSockets { sip, ras, h323, rtp_bind: o.rtp_bind.unwrap_or(sip_local.ip()) };
    let served = driver::run(gateway, sockets, |e| events.emit(&e), || events.admitting());
    events.finish()?;
    served.with_context(|| format!("gateway on {sip_local}"))?;
    Ok(EXIT_OK)
}
