//! The signal server's core: rooms, membership and relays, sans-IO. The driver verifies join
//! messages and owns the connections; this decides who is where, what each connection is sent,
//! and what goes on the record ([`Record`]), in the order it happened. Every input's records
//! come out before the frames they explain, so the driver can put them on the record first.

use super::signal::{ClientFrame, ServerFrame, SignalKind};
use std::collections::{BTreeMap, HashMap, VecDeque};

/// A connection, numbered by the driver.
pub type ConnId = u64;

/// Limits of the rooms (connections, queues and sizes are the driver's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoomLimits {
    pub max_rooms: usize,
    pub max_members: usize,
}

impl Default for RoomLimits {
    fn default() -> Self {
        RoomLimits { max_rooms: 64, max_members: 32 }
    }
}

/// What the core asks of its driver.
#[derive(Debug, PartialEq)]
pub enum Output {
    /// Put this on the record (before any `Send` that follows it).
    Record(Record),
    Send {
        to: ConnId,
        frame: ServerFrame,
    },
    /// Send the frame, then close the connection.
    Close {
        conn: ConnId,
        frame: ServerFrame,
    },
}

/// What happened, for the audit log.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Record {
    Joined {
        conn: ConnId,
        agent: String,
        room: String,
        members: Vec<String>,
    },
    Refused {
        conn: ConnId,
        agent: Option<String>,
        room: Option<String>,
        reason: String,
    },
    Signal {
        room: String,
        from: String,
        to: String,
        kind: SignalKind,
        sdp: String,
    },
    Left {
        conn: ConnId,
        agent: String,
        room: String,
        reason: String,
    },
    /// A connection dropped for a bad frame or for not keeping up.
    Dropped {
        conn: ConnId,
        agent: Option<String>,
        reason: String,
    },
}

struct Member {
    agent: String,
    room: String,
}

#[derive(Default)]
pub struct Rooms {
    limits: RoomLimits,
    /// Joined connections.
    members: HashMap<ConnId, Member>,
    /// Room -> agent -> its connection.
    rooms: BTreeMap<String, BTreeMap<String, ConnId>>,
    out: VecDeque<Output>,
}

impl Rooms {
    pub fn new(limits: RoomLimits) -> Self {
        Rooms { limits, ..Rooms::default() }
    }

    pub fn poll_output(&mut self) -> Option<Output> {
        self.out.pop_front()
    }

    /// The agent on `conn`, once it has joined.
    pub fn agent(&self, conn: ConnId) -> Option<&str> {
        self.members.get(&conn).map(|m| m.agent.as_str())
    }

    pub fn room_count(&self) -> usize {
        self.rooms.len()
    }

    /// A verified join of `agent` to `room` on `conn`. An agent already in the room on another
    /// connection (restarted before its old connection was seen to die) is replaced.
    pub fn handle_join(&mut self, conn: ConnId, agent: &str, room: &str) {
        if self.members.contains_key(&conn) {
            return self.refuse(conn, Some(agent), Some(room), "already joined on this connection".into());
        }
        let existing = self.rooms.get(room);
        if existing.is_none() && self.rooms.len() >= self.limits.max_rooms {
            return self.refuse(conn, Some(agent), Some(room), format!("too many rooms ({})", self.limits.max_rooms));
        }
        let replaced = existing.and_then(|r| r.get(agent)).copied();
        let size = existing.map_or(0, |r| r.len()) - usize::from(replaced.is_some());
        if size >= self.limits.max_members {
            return self.refuse(conn, Some(agent), Some(room), format!("room is full ({})", self.limits.max_members));
        }
        if let Some(old) = replaced {
            self.leave(old, "replaced by a new connection of the same agent");
            self.out.push_back(Output::Close { conn: old, frame: ServerFrame::Error { reason: "replaced".into() } });
        }
        let others: Vec<String> = self.rooms.get(room).map(|r| r.keys().cloned().collect()).unwrap_or_default();
        self.out.push_back(Output::Record(Record::Joined {
            conn,
            agent: agent.into(),
            room: room.into(),
            members: others.clone(),
        }));
        for other in self.rooms.get(room).into_iter().flat_map(|r| r.values()) {
            self.out.push_back(Output::Send { to: *other, frame: ServerFrame::Joined { agent: agent.into() } });
        }
        self.out.push_back(Output::Send {
            to: conn,
            frame: ServerFrame::Welcome { room: room.into(), agent: agent.into(), members: others },
        });
        self.rooms.entry(room.into()).or_default().insert(agent.into(), conn);
        self.members.insert(conn, Member { agent: agent.into(), room: room.into() });
    }

    /// A join that did not verify (or came from an untrusted key): refused, closed.
    pub fn handle_refused(&mut self, conn: ConnId, agent: Option<&str>, reason: String) {
        self.refuse(conn, agent, None, reason);
    }

    fn refuse(&mut self, conn: ConnId, agent: Option<&str>, room: Option<&str>, reason: String) {
        self.out.push_back(Output::Record(Record::Refused {
            conn,
            agent: agent.map(str::to_owned),
            room: room.map(str::to_owned),
            reason: reason.clone(),
        }));
        self.out.push_back(Output::Close { conn, frame: ServerFrame::Refused { reason } });
    }

    /// A parsed frame other than a join (joins are verified by the driver first).
    pub fn handle_frame(&mut self, conn: ConnId, frame: ClientFrame) {
        let Some(member) = self.members.get(&conn) else {
            return self.refuse(conn, None, None, "the first frame must be a join".into());
        };
        match frame {
            ClientFrame::Join(_) => self.refuse(conn, None, None, "already joined on this connection".into()),
            ClientFrame::Leave => {
                self.leave(conn, "left");
            }
            ClientFrame::Signal { to, kind, sdp } => {
                let Some(&target) = self.rooms.get(&member.room).and_then(|r| r.get(&to)) else {
                    let reason = format!("{to} is not in room {}", member.room);
                    return self.out.push_back(Output::Send { to: conn, frame: ServerFrame::Error { reason } });
                };
                let from = member.agent.clone();
                self.out.push_back(Output::Record(Record::Signal {
                    room: member.room.clone(),
                    from: from.clone(),
                    to,
                    kind,
                    sdp: sdp.clone(),
                }));
                self.out.push_back(Output::Send { to: target, frame: ServerFrame::Signal { from, kind, sdp } });
            }
        }
    }

    /// A frame that did not parse: the connection is dropped with the reason.
    pub fn handle_bad_frame(&mut self, conn: ConnId, reason: String) {
        self.drop_conn(conn, reason);
    }

    /// A connection that could not keep up (its queue was full), or whose frame was too big.
    pub fn drop_conn(&mut self, conn: ConnId, reason: String) {
        let agent = self.agent(conn).map(str::to_owned);
        self.out.push_back(Output::Record(Record::Dropped { conn, agent, reason: reason.clone() }));
        self.leave(conn, &reason);
        self.out.push_back(Output::Close { conn, frame: ServerFrame::Error { reason } });
    }

    /// The connection is gone (closed, reset, or its process died).
    pub fn handle_closed(&mut self, conn: ConnId) {
        self.leave(conn, "connection closed");
    }

    fn leave(&mut self, conn: ConnId, reason: &str) {
        let Some(member) = self.members.remove(&conn) else { return };
        let room = self.rooms.get_mut(&member.room).expect("a member's room exists");
        room.remove(&member.agent);
        self.out.push_back(Output::Record(Record::Left {
            conn,
            agent: member.agent.clone(),
            room: member.room.clone(),
            reason: reason.into(),
        }));
        for other in room.values() {
            self.out.push_back(Output::Send {
                to: *other,
                frame: ServerFrame::Left { agent: member.agent.clone(), reason: reason.into() },
            });
        }
        if room.is_empty() {
            self.rooms.remove(&member.room);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(rooms: &mut Rooms) -> Vec<Output> {
        std::iter::from_fn(|| rooms.poll_output()).collect()
    }

    fn agent(n: &str) -> String {
        format!("if://agent/{n}")
    }

    #[test]
    fn joins_relays_and_leaves_with_their_records_first() {
        let mut rooms = Rooms::new(RoomLimits::default());
        rooms.handle_join(1, &agent("a"), "r");
        assert_eq!(
            drain(&mut rooms),
            [
                Output::Record(Record::Joined { conn: 1, agent: agent("a"), room: "r".into(), members: vec![] }),
                Output::Send {
                    to: 1,
                    frame: ServerFrame::Welcome { room: "r".into(), agent: agent("a"), members: vec![] }
                },
            ]
        );
        rooms.handle_join(2, &agent("b"), "r");
        let out = drain(&mut rooms);
        assert!(matches!(&out[0], Output::Record(Record::Joined { members, .. }) if members == &[agent("a")]));
        assert_eq!(out[1], Output::Send { to: 1, frame: ServerFrame::Joined { agent: agent("b") } });
        let offer = ClientFrame::Signal { to: agent("a"), kind: SignalKind::Offer, sdp: "v=0 offer".into() };
        rooms.handle_frame(2, offer);
        assert_eq!(
            drain(&mut rooms),
            [
                Output::Record(Record::Signal {
                    room: "r".into(),
                    from: agent("b"),
                    to: agent("a"),
                    kind: SignalKind::Offer,
                    sdp: "v=0 offer".into()
                }),
                Output::Send {
                    to: 1,
                    frame: ServerFrame::Signal { from: agent("b"), kind: SignalKind::Offer, sdp: "v=0 offer".into() }
                },
            ]
        );
        // To someone not in the room: an error to the sender, nothing relayed or recorded.
        rooms.handle_frame(2, ClientFrame::Signal { to: agent("z"), kind: SignalKind::Answer, sdp: String::new() });
        assert!(matches!(&drain(&mut rooms)[..], [Output::Send { to: 2, frame: ServerFrame::Error { .. } }]));
        rooms.handle_closed(1);
        let out = drain(&mut rooms);
        assert!(matches!(&out[0], Output::Record(Record::Left { agent: a, .. }) if a == &agent("a")));
        assert_eq!(
            out[1],
            Output::Send { to: 2, frame: ServerFrame::Left { agent: agent("a"), reason: "connection closed".into() } }
        );
        rooms.handle_frame(2, ClientFrame::Leave);
        drain(&mut rooms);
        assert_eq!(rooms.room_count(), 0, "an empty room is forgotten");
    }

    #[test]
    fn a_restarted_agent_replaces_its_old_connection() {
        let mut rooms = Rooms::new(RoomLimits::default());
        rooms.handle_join(1, &agent("a"), "r");
        rooms.handle_join(2, &agent("b"), "r");
        drain(&mut rooms);
        rooms.handle_join(3, &agent("a"), "r");
        let out = drain(&mut rooms);
        assert!(matches!(&out[0], Output::Record(Record::Left { conn: 1, .. })));
        assert!(out.contains(&Output::Close { conn: 1, frame: ServerFrame::Error { reason: "replaced".into() } }));
        assert!(out.contains(&Output::Send { to: 2, frame: ServerFrame::Joined { agent: agent("a") } }));
        // The old connection's close, seen later, changes nothing.
        rooms.handle_closed(1);
        assert_eq!(drain(&mut rooms), []);
        assert_eq!(rooms.agent(3), Some(agent("a").as_str()));
    }

    #[test]
    fn limits_and_frames_before_joining_are_refused_with_a_reason() {
        let mut rooms = Rooms::new(RoomLimits { max_rooms: 1, max_members: 1 });
        rooms.handle_frame(9, ClientFrame::Leave);
        assert!(matches!(
            &drain(&mut rooms)[..],
            [
                Output::Record(Record::Refused { conn: 9, .. }),
                Output::Close { conn: 9, frame: ServerFrame::Refused { .. } }
            ]
        ));
        rooms.handle_join(1, &agent("a"), "r");
        drain(&mut rooms);
        rooms.handle_join(2, &agent("b"), "r");
        let out = drain(&mut rooms);
        assert!(
            matches!(&out[1], Output::Close { conn: 2, frame: ServerFrame::Refused { reason } } if reason == "room is full (1)")
        );
        rooms.handle_join(3, &agent("c"), "other");
        let out = drain(&mut rooms);
        assert!(
            matches!(&out[1], Output::Close { conn: 3, frame: ServerFrame::Refused { reason } } if reason == "too many rooms (1)")
        );
        rooms.handle_refused(4, Some(&agent("d")), "untrusted".into());
        assert!(
            matches!(&drain(&mut rooms)[0], Output::Record(Record::Refused { reason, .. }) if reason == "untrusted")
        );
        rooms.drop_conn(1, "slow consumer".into());
        let out = drain(&mut rooms);
        assert!(matches!(&out[0], Output::Record(Record::Dropped { agent: Some(_), .. })));
        assert!(matches!(&out[1], Output::Record(Record::Left { .. })));
    }
}
