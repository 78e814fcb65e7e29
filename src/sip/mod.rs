//! SIP for `if-sip`: message parsing (this module), with the proxy core and drivers to come.
//! Protocol code here reaches only into the shared message/keys/policy layers.

pub mod driver;
pub mod escalate;
pub mod events;
pub mod message;
pub mod proxy;
pub mod uac;
pub mod xif;

pub use message::{frame, parse, ParseError, SipMessage, StartLine, Uri, Via};
