//! H.323: the gatekeeper's RAS (H.225.0) over UDP, with IF.guard admission.
//!
//! Cores: [`ras`] (the codec and conversions), [`token`] (the Ed25519 admission token),
//! [`gate`] (call descriptions and the policy), [`gatekeeper`] (the state machine),
//! [`timer`]. Drivers: [`driver`]. Events: [`events`].

pub mod driver;
pub mod events;
pub mod gate;
pub mod gatekeeper;
pub mod ras;
pub mod requests;
pub mod timer;
pub mod token;

#[cfg(test)]
mod tests;
