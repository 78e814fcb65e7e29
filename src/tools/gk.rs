//! `if-gk`: the H.323 gatekeeper.

use super::EXIT_OK;
use crate::h323::driver::{self, Recorder};
use crate::h323::gatekeeper::{Config, Gatekeeper, Limits, RasRecord};
use crate::keys::{SecretKey, TrustStore};
use crate::message::MessageFactory;
use crate::pipeline::{EventWriter, OnOutputLoss};
use crate::policy::Policy;
use crate::time::now_millis;
use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;

pub struct ServeOptions {
    pub listen: SocketAddr,
    pub key: PathBuf,
    /// Trusted keys (tokens and call descriptions), beside the policy's.
    pub trust: Vec<PathBuf>,
    pub policy: Option<PathBuf>,
    pub gatekeeper_id: String,
    pub council_alias: String,
    pub limits: Limits,
    pub on_audit_loss: OnOutputLoss,
}

/// The policy (if any) with the keys of `trust` added to its trust registry.
fn load_policy(path: Option<&std::path::Path>, trust: &[PathBuf]) -> anyhow::Result<Policy> {
    let mut policy = match path {
        Some(p) => Policy::load(p)?,
        None => Policy::default(),
    };
    if let Some(extra) = TrustStore::load_all(trust)? {
        for k in extra.keys() {
            policy.trust.insert(k.clone());
        }
    }
    if policy.trust.is_empty() {
        anyhow::bail!("no trusted keys: give --trust FILE or a --policy with `trust = [...]` (admission needs them)");
    }
    Ok(policy)
}

pub fn serve(o: ServeOptions) -> anyhow::Result<u8> {
    let policy = load_policy(o.policy.as_deref(), &o.trust)?;
    let factory = MessageFactory::new(SecretKey::load(&o.key)?, 64);
    let socket = driver::bind(o.listen).with_context(|| format!("listen on {}", o.listen))?;
    let local = socket.local_addr()?;
    let gk = Gatekeeper::new(Config {
        gatekeeper_id: o.gatekeeper_id,
        local,
        policy,
        council_alias: o.council_alias,
        limits: o.limits,
        wall_clock_offset_ms: now_millis(),
    });
    // Signing and writing events happens on the writer's thread (the second core).
    let events = EventWriter::stdout(Some(factory), "h323-gatekeeper", o.on_audit_loss);
    let served = driver::run(gk, socket, &mut Events(&events));
    events.finish()?;
    served.with_context(|| format!("gatekeeper on {local}"))?;
    Ok(EXIT_OK)
}

struct Events<'a>(&'a EventWriter);

impl Recorder for Events<'_> {
    fn record(&mut self, record: &RasRecord) -> u64 {
        self.0.emit_ticket(record)
    }

    fn written(&self, ticket: u64) -> bool {
        self.0.written(ticket)
    }

    fn admitting(&self) -> bool {
        self.0.admitting()
    }
}
