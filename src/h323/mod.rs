//! H.323: RAS (H.225.0) over UDP, the gatekeeper with IF.guard admission and the endpoint side;
//! call signalling (H.225.0 Q.931 over TCP, H.245) and the council's MCU.
//!
//! Cores: [`ras`] (the codec and conversions), [`token`] (the Ed25519 admission token),
//! [`gate`] (call descriptions and the policy), [`gatekeeper`] (the gatekeeper's state machine),
//! [`endpoint`] (the endpoint's: discovery, registration, admission), [`requests`] (RAS requests
//! as an endpoint builds them), [`timer`]; [`q931`] (TPKT, Q.931, H323-UserInformation),
//! [`h245`] (H.245 and fastStart), [`call`] (one incoming call), [`mcu`] (the calls, their
//! admission, the conference's audio and the council's vote over `policy::council`). Drivers: [`driver`] (the gatekeeper's),
//! [`endpoint_driver`], [`mcu_driver`] (and [`mcu_janus`], its external mixer). Events: [`events`] (RAS), [`mcu::McuRecord`].

pub mod call;
pub mod driver;
pub mod endpoint;
pub mod endpoint_driver;
pub mod events;
pub mod gate;
pub mod gatekeeper;
pub mod h245;
pub mod mcu;
pub mod mcu_driver;
pub mod mcu_janus;
mod mcu_leg;
pub mod outgoing;
pub mod q931;
pub mod ras;
pub mod requests;
pub mod timer;
pub mod token;

#[cfg(test)]
mod endpoint_tests;
#[cfg(test)]
mod mcu_tests;
#[cfg(test)]
mod tests;
