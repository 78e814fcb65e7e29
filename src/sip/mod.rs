//! SIP for `if-sip`. Sans-IO cores (packets and [`Millis`] in, packets and events out): a pure
//! message parser ([`message`]), the X-IF headers ([`xif`]), the stateful proxy and registrar
//! ([`proxy`], on private transaction, routing and registrar modules, the IF.guard [`gate`],
//! [`digest`] authentication and the [`sdp`] summary), the escalation caller ([`uac`]), a client
//! INVITE dialog held for someone else ([`dialog`], the gateway's) and the timers ([`timer`]).
//! Drivers (sockets, threads, the clock): the proxy's [`driver`] and the caller's [`escalate`],
//! both speaking TLS through [`tls`]. The events both write: [`events`].
//!
//! Protocol code here reaches only into the shared message/keys/policy/time/inbox layers.

pub mod dialog;
pub mod digest;
pub mod driver;
pub mod escalate;
pub mod events;
pub mod framing;
pub mod gate;
pub mod message;
pub mod proxy;
mod registrar;
pub use registrar::MAX_CONTACTS;
mod routing;
pub mod sdp;
mod stream;
pub mod timer;
pub mod tls;
mod transaction;
pub mod uac;
pub mod xif;

pub use crate::time::Millis;
pub use message::{frame, parse, ParseError, SipMessage, StartLine, Uri, Via};
pub use proxy::{parse_listen, Config, Output, Peer, Proxy, TransactionRecord, Transport};
pub use sdp::{audio_answer, audio_offer, summarise_sdp, AudioOffer, SdpSummary};
