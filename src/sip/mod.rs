//! SIP for `if-sip`: message parsing (this module), with the proxy core and drivers to come.
//! Protocol code here reaches only into the shared message/keys/policy layers.

pub mod message;

pub use message::{frame, parse, ParseError, SipMessage, StartLine, Uri, Via};
