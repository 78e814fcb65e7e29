//! RAS timing (H.225.0 §7.11 and Appendix: a request unanswered in 3 s is sent again, twice at
//! most), and the gatekeeper's own defaults. The only definitions of these numbers.

use crate::time::Millis;

/// How long a RAS request waits for its answer before it is sent again.
pub const RAS_RETRY: Millis = 3_000;
/// How many times a RAS request is sent again before it is given up.
pub const RAS_RETRIES: u32 = 2;
/// How long an answer is kept to answer a retransmission of its request the same: longer than
/// a sender retries (3 tries, 3 s apart), so a request is decided once.
pub const ANSWER_KEPT: Millis = 30_000;
/// A registration's time to live when the endpoint asks for none (seconds).
pub const DEFAULT_TTL_S: u32 = 300;
/// The shortest time to live granted: an endpoint asking for less gets this (seconds).
pub const MIN_TTL_S: u32 = 10;
/// How long an answer waits for its event to be written before the requester is told to wait
/// (RequestInProgress), and the delay that RIP announces.
pub const RIP_AFTER: Millis = 1_000;
pub const RIP_DELAY: Millis = 5_000;

/// An MCU's connection has this long to send its Setup.
pub const CALL_SETUP_WAIT: Millis = 10_000;
/// A Setup waits this long for its admission (the gatekeeper's answer, retransmissions
/// included, and the ARQs queued before it).
pub const CALL_ADMISSION_WAIT: Millis = 30_000;
/// Once it has sent Alerting (a gateway's callee is ringing), an incoming call may ring this
/// long before it is released unanswered: a person takes time, as SIP's Timer C allows.
pub const CALL_RINGING_WAIT: Millis = 3 * 60_000;
/// After the other side's endSessionCommand (answered with ours), its ReleaseComplete is
/// awaited this long before the MCU sends its own.
pub const END_SESSION_WAIT: Millis = 2_000;
/// An outgoing call's Setup waits this long for the callee's first answer (CallProceeding,
/// Alerting or Connect): the MCU answers CallProceeding before it asks admission.
pub const CALL_PROCEEDING_WAIT: Millis = 10_000;
/// Once proceeding (or alerting), an outgoing call waits this long for the Connect: longer
/// than the callee's own admission wait ([`CALL_ADMISSION_WAIT`]), so its answer decides.
pub const CALL_ANSWER_WAIT: Millis = CALL_ADMISSION_WAIT + 5_000;
