//! IFMessage v2.1: the typed model, the signing format, replay protection, and a factory that
//! builds signed messages for every tool.

mod batch;
mod canonical;
mod event;
mod factory;
pub mod limits;
mod model;
mod replay;
mod sign;

pub use canonical::{check_canonical, check_canonical_text, CanonicalMessage};
pub use event::{fields_of, Event};
pub use factory::{default_scope, random_hex, MessageFactory, MessageSpec};
pub use limits::{LimitError, MAX_DEPTH, MAX_MESSAGE_BYTES};
pub use model::*;
pub use replay::{check_fresh, ReplayError, ReplayGuard};
pub use sign::{
    prepare, prepare_with, sign_map, sign_message, signing_input, verify_many, verify_message, verify_prepared,
    Prepared, VerifyError, SIGNATURE_DOMAIN,
};
