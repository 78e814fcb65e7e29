//! The SIP–H.323 gateway (`if-gw`): the one module that uses both the SIP and the H.323 cores.
//! An INVITE for the council, arriving through `if-sip`, becomes an admission at `if-gk` (ARQ
//! with a call description made from its X-IF headers) and a call to `if-mcu` (Setup with
//! fastStart from the SDP offer); the MCU's Connect becomes the 200 OK with the SDP answer, and
//! each side's hang-up the other's. Media is relayed between the two, G.711 transcoded when the
//! laws differ. The other way, the council's call to an alias the gateway registered for a SIP
//! expert becomes an INVITE to her through `if-sip` (`gateway`'s private `callout` module).
//!
//! Core: [`gateway`] (sans-IO: packets, octets and time in, packets, octets and records out),
//! [`status`] (the refusal mappings, both ways). Driver: [`driver`]. Events: [`events`].

pub mod driver;
pub mod events;
pub mod gateway;
pub mod status;

pub use gateway::{
    CalloutRoute, Describer, Description, Gateway, GatewayConfig, GwCallId, GwOutput, MediaAddrs, Side, SipSigner,
};
