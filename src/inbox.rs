//! One queue of inputs that several threads feed (stdin lines, packets, connections), and the one
//! way every loop in the project waits: for the next input or the next deadline, whichever comes
//! first.
//!
//! Drivers and the pipeline layer both use it, so it sits below them and knows nothing of either.
//!
//! ```
//! use ifconnect::inbox::{Inbox, Wait};
//! use std::time::{Duration, Instant};
//!
//! let mut inbox = Inbox::bounded(16);
//! let packets = inbox.sender();
//! inbox.seal(); // every feed is made: the inbox closes when they all end
//! std::thread::spawn(move || packets.send("packet"));
//! let next_timer = Instant::now() + Duration::from_secs(5);
//! match inbox.wait_until(Some(next_timer)) {
//!     Wait::Input(p) => assert_eq!(p, "packet"),
//!     Wait::Deadline => { /* handle_timeout(now) */ }
//!     Wait::Closed => { /* no more input */ }
//! }
//! ```

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::time::Instant;

/// What waiting returned.
#[derive(Debug, PartialEq, Eq)]
pub enum Wait<T> {
    Input(T),
    /// The deadline passed with nothing to read.
    Deadline,
    /// Every sender is gone and the queue is empty: no input will ever come.
    Closed,
}

/// The receiving end. Senders come from [`Inbox::sender`].
pub struct Inbox<T> {
    rx: Receiver<T>,
    tx: Option<SyncSender<T>>,
}

/// A handle for a thread that feeds the inbox.
pub struct Feed<T>(SyncSender<T>);

impl<T> Clone for Feed<T> {
    fn clone(&self) -> Self {
        Feed(self.0.clone())
    }
}

impl<T> Feed<T> {
    /// Queues `item`, waiting while the inbox is full (so a fast producer is slowed to the pace
    /// of the loop instead of growing memory). Returns false once the inbox is gone.
    pub fn send(&self, item: T) -> bool {
        self.0.send(item).is_ok()
    }

    /// Queues `item` unless the inbox is full; returns it back when full or gone. For producers
    /// that must never wait (a socket reader that would rather drop a datagram).
    pub fn try_send(&self, item: T) -> Result<(), T> {
        self.0.try_send(item).map_err(|e| match e {
            TrySendError::Full(i) | TrySendError::Disconnected(i) => i,
        })
    }
}

impl<T> Inbox<T> {
    /// An inbox holding at most `capacity` waiting inputs.
    pub fn bounded(capacity: usize) -> Self {
        let (tx, rx) = mpsc::sync_channel(capacity.max(1));
        Inbox { rx, tx: Some(tx) }
    }

    /// A new feed. Call [`Inbox::seal`] once every feed is made, so that [`Wait::Closed`] can
    /// be seen when they all end.
    pub fn sender(&self) -> Feed<T> {
        Feed(self.tx.as_ref().expect("inbox sealed: make feeds before sealing").clone())
    }

    /// Drops the inbox's own sender: from now on the inbox closes when the last feed does.
    pub fn seal(&mut self) {
        self.tx = None;
    }

    /// Waits for the next input until `deadline` (forever when `None`).
    pub fn wait_until(&self, deadline: Option<Instant>) -> Wait<T> {
        match deadline {
            None => self.rx.recv().map_or(Wait::Closed, Wait::Input),
            Some(at) => match self.rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(item) => Wait::Input(item),
                Err(RecvTimeoutError::Timeout) => Wait::Deadline,
                Err(RecvTimeoutError::Disconnected) => Wait::Closed,
            },
        }
    }

    /// The next input if one is already waiting.
    pub fn try_next(&self) -> Option<T> {
        self.rx.try_recv().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn input_deadline_and_closed() {
        let mut inbox = Inbox::bounded(4);
        let feed = inbox.sender();
        inbox.seal();
        assert!(feed.send(1));
        assert_eq!(inbox.wait_until(None), Wait::Input(1));
        assert_eq!(inbox.wait_until(Some(Instant::now())), Wait::Deadline);
        assert_eq!(inbox.wait_until(Some(Instant::now() - Duration::from_secs(1))), Wait::Deadline);
        let t = std::thread::spawn(move || feed.send(2));
        assert_eq!(inbox.wait_until(None), Wait::Input(2));
        assert!(t.join().unwrap());
        assert_eq!(inbox.wait_until(None), Wait::Closed);
    }

    #[test]
    fn full_inbox_returns_the_item_to_a_producer_that_cannot_wait() {
        let inbox = Inbox::bounded(1);
        let feed = inbox.sender();
        assert_eq!(feed.try_send(1), Ok(()));
        assert_eq!(feed.try_send(2), Err(2));
        assert_eq!(inbox.try_next(), Some(1));
        assert_eq!(inbox.try_next(), None);
    }
}
