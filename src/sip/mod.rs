//! SIP for `if-sip`: a pure message parser ([`message`]), the X-IF headers ([`xif`]), the
//! stateful proxy and registrar ([`proxy`], on top of private transaction, routing, registrar,
//! SDP and IF.guard [`gate`] modules), the escalation caller ([`uac`]) with its driver ([`escalate`]), the socket driver
//! ([`driver`]), and the events both write ([`events`]). Everything but the driver is sans-IO: packets and [`Millis`] in, packets and
//! events out.
//!
//! Protocol code here reaches only into the shared message/keys/policy/time layers.

pub mod driver;
pub mod escalate;
pub mod events;
pub mod gate;
pub mod message;
pub mod proxy;
mod registrar;
mod routing;
pub mod sdp;
pub mod timer;
mod transaction;
pub mod uac;
pub mod xif;

pub use crate::time::Millis;
pub use message::{frame, parse, ParseError, SipMessage, StartLine, Uri, Via};
pub use proxy::{parse_listen, Config, Output, Peer, Proxy, TransactionRecord, Transport};
pub use sdp::{summarise_sdp, SdpSummary};
