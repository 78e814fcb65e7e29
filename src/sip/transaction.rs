//! Transaction state (RFC 3261 §17): server transactions for requests the proxy received,
//! client transactions for requests it sent, and one heap of their timers.
//!
//! Invariant: a client transaction exists only with its timers armed. [`Transactions::start_client`]
//! is the only way to add one, and it arms Timer A/E (retransmit, UDP only) and Timer B/F (give up)
//! in the same step; a request that could sit in the table with no timer would never be
//! retransmitted nor forgotten.

use super::message::SipMessage;
use super::proxy::TransactionRecord;
use super::routing::{Peer, Transport};
use super::timer::{T1, T2, TRANSACTION_TIMEOUT};
use crate::time::Millis;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// A server transaction's key (§17.2.3): top Via branch and sent-by, and the method, with ACK
/// folded into INVITE because it belongs to the INVITE's transaction.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct ServerKey {
    pub branch: String,
    pub sent_by: String,
    pub method: String,
}

impl ServerKey {
    pub fn is_invite(&self) -> bool {
        self.method == "INVITE"
    }

    /// The key of the INVITE transaction a CANCEL with this key cancels (§9.2: same branch).
    pub fn invite(&self) -> ServerKey {
        ServerKey { method: "INVITE".into(), ..self.clone() }
    }
}

pub(super) struct ServerTxn {
    pub request: SipMessage,
    pub source: Peer,
    pub started: Millis,
    pub last_response: Option<Vec<u8>>,
    pub final_status: Option<u16>,
    /// Where the request was forwarded: one branch per target, several when forked (§16.7).
    pub branches: Vec<Branch>,
    /// The final response went upstream but some branch is still open (cancelled, not yet
    /// answered): the record waits for every branch's final status.
    pub event_pending: bool,
    /// Timer G (retransmit non-2xx final over UDP until ACK): when next, and the interval.
    pub retransmit: Option<(Millis, Millis)>,
    /// When to forget the transaction (Timers H, I, J).
    pub expires: Option<Millis>,
    pub record: TransactionRecord,
    /// Upstream cancelled it (§16.10): no branch is failed over to another destination.
    pub cancelled: bool,
}

/// One branch of a forwarded request (§16.7): a client transaction, and what it came to.
#[derive(Clone, Debug)]
pub(super) struct Branch {
    /// Our Via branch: the client transaction's key.
    pub id: String,
    /// The Request-URI sent on this branch (a registered contact, when forked).
    pub uri: String,
    pub target: Peer,
    /// Its final status: the response's, or 408 (no answer, Timer B or C) or 487 (cancelled,
    /// no final within 64*T1) when the proxy decided it.
    pub status: Option<u16>,
    pub reason: String,
    /// A non-2xx final response, kept for choosing the best one (§16.7 step 6).
    pub response: Option<SipMessage>,
    /// The destinations its name also resolved to (RFC 3263 §4.3), tried in order when this
    /// one times out unanswered, answers 503 or cannot be reached.
    pub alternatives: Vec<Peer>,
    /// The request as it was before our Via, kept when there are alternatives to send it to.
    pub request: Option<SipMessage>,
}

/// What a client transaction carries, which decides its timers and what its end means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum ClientKind {
    /// A forwarded INVITE (§17.1.1): Timer A doubles without cap, non-2xx finals are ACKed,
    /// a timeout answers the server transaction with 408.
    Invite,
    /// Any other forwarded request (§17.1.2): Timer E capped at T2, a timeout answers with 408.
    NonInvite,
    /// A CANCEL the proxy generated for a forwarded INVITE (§16.10): hop by hop, non-INVITE
    /// timers, and its response or timeout concerns no one upstream (the CANCEL from upstream
    /// was already answered).
    Cancel,
}

impl ClientKind {
    /// The kind of the transaction a response to `method` (its CSeq method) belongs to.
    pub fn of_method(method: &str) -> ClientKind {
        match method {
            "INVITE" => ClientKind::Invite,
            "CANCEL" => ClientKind::Cancel,
            _ => ClientKind::NonInvite,
        }
    }
}

/// A client transaction's key (§17.1.3): our Via branch and the kind, since a CANCEL shares the
/// branch of the INVITE it cancels.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct ClientKey {
    pub branch: String,
    pub kind: ClientKind,
}

pub(super) struct ClientTxn {
    /// The server transaction this request was sent for (for a CANCEL, the INVITE's).
    pub server: ServerKey,
    pub request: SipMessage,
    pub bytes: Vec<u8>,
    pub to: Peer,
    pub provisional: bool,
    pub final_status: Option<u16>,
    /// Timer A/E: when to retransmit next, and the current interval.
    pub retransmit: Option<(Millis, Millis)>,
    /// Timer B/F before a final response; afterwards, when to forget the transaction.
    pub deadline: Millis,
    /// The ACK sent for a non-2xx final, to send again if the final is retransmitted.
    pub ack: Option<Vec<u8>>,
    /// An upstream CANCEL arrived before any provisional response (INVITE only): §9.1 forbids
    /// sending the CANCEL until one arrives.
    pub cancel_pending: bool,
    /// A CANCEL was sent for this INVITE: if no final comes within 64*T1 of it, the branch is
    /// over (§9.1) and upstream hears 487.
    pub cancelled: bool,
}

/// A transaction timer; the heap may hold stale ones, which find nothing due and do nothing.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum TimerRef {
    Server(ServerKey),
    Client(ClientKey),
}

/// What a client transaction's timer asks of the proxy.
pub(super) enum ClientDue {
    /// Nothing (a stale timer, or not yet due).
    Nothing,
    /// Timer A/E fired: send the request again.
    Retransmit { to: Peer, bytes: Vec<u8> },
    /// Timer B/F fired with no final response: the transaction is gone and, unless it was a
    /// CANCEL, its branch is over (408, or 487 after our CANCEL).
    TimedOut { kind: ClientKind, server: ServerKey, cancelled: bool },
    /// Timer C fired on a ringing INVITE: the transaction stays (to absorb and ACK the 487 its
    /// CANCEL brings); the proxy cancels it and counts the branch as 408 (§16.8).
    RangTooLong { server: ServerKey },
    /// A completed transaction was forgotten.
    Forgotten,
}

#[derive(Default)]
pub(super) struct Transactions {
    pub servers: HashMap<ServerKey, ServerTxn>,
    pub clients: HashMap<ClientKey, ClientTxn>,
    /// Every transaction's next due time, so timers cost O(log n), not a scan per packet.
    timers: BinaryHeap<Reverse<(Millis, TimerRef)>>,
}

impl Transactions {
    /// Live (server, client) transactions.
    pub fn counts(&self) -> (usize, usize) {
        (self.servers.len(), self.clients.len())
    }

    /// The earliest time a timer is due.
    pub fn next_due(&self) -> Option<Millis> {
        self.timers.peek().map(|Reverse((at, _))| *at)
    }

    /// The next timer due at or before `now`, removed from the heap.
    pub fn pop_due(&mut self, now: Millis) -> Option<TimerRef> {
        if self.next_due()? > now {
            return None;
        }
        self.timers.pop().map(|Reverse((_, timer))| timer)
    }

    /// Starts the client transaction for `request`, just sent to `to` as `bytes`, and arms its
    /// timers: retransmission from T1 over UDP (Timer A/E; TCP is reliable), and the 64*T1
    /// timeout always (Timer B/F). The one way to add a client transaction.
    pub fn start_client(
        &mut self,
        now: Millis,
        key: ClientKey,
        server: ServerKey,
        request: SipMessage,
        bytes: Vec<u8>,
        to: Peer,
    ) {
        let retransmit = (to.transport == Transport::Udp).then_some((now + T1, T1));
        let txn = ClientTxn {
            server,
            request,
            bytes,
            to,
            provisional: false,
            final_status: None,
            retransmit,
            deadline: now + TRANSACTION_TIMEOUT,
            ack: None,
            cancel_pending: false,
            cancelled: false,
        };
        self.clients.insert(key.clone(), txn);
        self.rearm_client(&key);
    }

    /// Pushes a server transaction's current due times (after its state changed).
    pub fn rearm_server(&mut self, key: &ServerKey) {
        if let Some(t) = self.servers.get(key) {
            for at in [t.retransmit.map(|r| r.0), t.expires].into_iter().flatten() {
                self.timers.push(Reverse((at, TimerRef::Server(key.clone()))));
            }
        }
    }

    /// Pushes a client transaction's current due times (after its state changed).
    pub fn rearm_client(&mut self, key: &ClientKey) {
        if let Some(c) = self.clients.get(key) {
            for at in [c.retransmit.map(|r| r.0), Some(c.deadline)].into_iter().flatten() {
                self.timers.push(Reverse((at, TimerRef::Client(key.clone()))));
            }
        }
    }

    /// Client transactions: retransmit (Timers A/E), time out (B/F), forget when completed.
    pub fn client_due(&mut self, now: Millis, key: &ClientKey) -> ClientDue {
        let Some(c) = self.clients.get_mut(key) else { return ClientDue::Nothing };
        if now >= c.deadline {
            if key.kind == ClientKind::Invite && c.final_status.is_none() && c.provisional && !c.cancelled {
                return ClientDue::RangTooLong { server: c.server.clone() };
            }
            let txn = self.clients.remove(key).expect("looked up above");
            if txn.final_status.is_some() {
                return ClientDue::Forgotten;
            }
            return ClientDue::TimedOut { kind: key.kind, server: txn.server, cancelled: txn.cancelled };
        }
        let Some((at, interval)) = c.retransmit else { return ClientDue::Nothing };
        if now < at {
            return ClientDue::Nothing;
        }
        // Timer A doubles without bound (Timer B ends it); Timer E is capped at T2.
        let next = if key.kind == ClientKind::Invite { interval * 2 } else { (interval * 2).min(T2) };
        c.retransmit = Some((now + next, next));
        let due = ClientDue::Retransmit { to: c.to, bytes: c.bytes.clone() };
        self.timers.push(Reverse((now + next, TimerRef::Client(key.clone()))));
        due
    }

    /// Server transactions: Timer G retransmits non-2xx finals until ACK (returned for the
    /// proxy to send); forget when done.
    pub fn server_due(&mut self, now: Millis, key: &ServerKey) -> Option<(Peer, Vec<u8>)> {
        let s = self.servers.get_mut(key)?;
        if s.expires.is_some_and(|e| now >= e) {
            self.servers.remove(key);
            return None;
        }
        let ((at, interval), last) = (s.retransmit?, s.last_response.as_ref()?);
        if now < at {
            return None;
        }
        let next = (interval * 2).min(T2);
        s.retransmit = Some((now + next, next));
        let resend = (s.source, last.clone());
        self.timers.push(Reverse((now + next, TimerRef::Server(key.clone()))));
        Some(resend)
    }
}
