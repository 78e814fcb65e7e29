//! The SIP transaction timers of RFC 3261 §17 (Table 4 in the appendix), in one place for the
//! proxy and the caller. The RFC's defaults: none of them is configurable here, because nothing
//! this toolkit talks to needs other values and every test pins the schedule they produce.

use crate::time::Millis;

/// T1, the round-trip time estimate: the first retransmission interval of Timers A, E and G.
pub const T1: Millis = 500;

/// T2, the longest interval between retransmissions of non-INVITE requests (Timer E once a
/// provisional arrived or after doubling) and of INVITE final responses (Timer G).
pub const T2: Millis = 4_000;

/// T4, the longest a message stays in the network: Timer I (a server INVITE transaction absorbs
/// ACK retransmissions) and Timer K (a client non-INVITE transaction absorbs response
/// retransmissions), over UDP.
pub const T4: Millis = 5_000;

/// 64*T1: Timer B (INVITE) and Timer F (non-INVITE) give up on a request with no final response;
/// Timer H gives up waiting for the ACK of a non-2xx final; Timer D and J (absorbing
/// retransmissions after a final over UDP) use it as their lower bound.
pub const TRANSACTION_TIMEOUT: Millis = 64 * T1;

/// Timer C (§16.6 step 11, §16.7 step 2): how long a proxied INVITE may ring. Set when the
/// INVITE is forwarded in place of Timer B once a provisional response arrives, and reset by each
/// one; "larger than 3 minutes". When it fires the proxy cancels the branch and answers 408.
pub const TIMER_C: Millis = 3 * 60_000 + 1_000;
