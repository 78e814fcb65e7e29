//! The Guardian Council's vote, protocol-neutral: the policy's `[council]` section (quorum, rule,
//! window) and one vote at a time as a pure state machine. Voters are agent ids; who is present
//! is the caller's answer (the MCU knows its participants, this module knows no protocol). Time
//! is an argument ([`Millis`], monotonic): `poll_timeout` says when the open vote's window ends,
//! `handle_timeout` closes it then.
//!
//! A vote opens with [`Council::call`], takes at most one vote per agent (a second is refused:
//! a signed vote is a commitment, and replacing it would let the last word depend on timing),
//! and closes, giving a [`Tally`], at whichever comes first: the window's end, [`Council::close`],
//! or the moment every present guardian has voted. The outcome is `no_quorum` when fewer than
//! `quorum` votes were counted, otherwise the rule's.

use crate::time::Millis;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Conversations of closed votes remembered, to tell a late vote from a wrong one.
const CLOSED_KEPT: usize = 256;
/// The longest window a vote may be given: a day.
pub const MAX_WINDOW_MS: Millis = 86_400_000;

/// How the counted votes decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Approved when no vote is `refuse` or `contradict` (`hold` abstains).
    NoObjection,
    /// Approved when `agree` votes outnumber `refuse` and `contradict` together (`hold` abstains).
    Majority,
    /// Approved when every vote is `agree` (a `hold` is not agreement).
    Unanimous,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::NoObjection => "no_objection",
            Rule::Majority => "majority",
            Rule::Unanimous => "unanimous",
        }
    }
}

/// A guardian's answer: the IFMessage performative of its vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Agree,
    Refuse,
    Contradict,
    Hold,
}

impl Choice {
    pub const ALL: [Choice; 4] = [Choice::Agree, Choice::Refuse, Choice::Contradict, Choice::Hold];

    pub fn name(self) -> &'static str {
        match self {
            Choice::Agree => "agree",
            Choice::Refuse => "refuse",
            Choice::Contradict => "contradict",
            Choice::Hold => "hold",
        }
    }

    /// The choice a performative's name stands for (`agree`, `refuse`, `contradict`, `hold`).
    pub fn from_performative(name: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The policy file's `[council]` section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CouncilPolicy {
    /// Votes counted (from present guardians) below which there is no decision.
    pub quorum: usize,
    pub rule: Rule,
    /// How long a vote stays open unless its call says otherwise, in seconds.
    pub window_s: u64,
}

impl Default for CouncilPolicy {
    fn default() -> Self {
        CouncilPolicy { quorum: 3, rule: Rule::NoObjection, window_s: 120 }
    }
}

impl CouncilPolicy {
    /// Refuses what no vote could work with.
    pub fn check(&self) -> Result<(), String> {
        if self.quorum == 0 {
            return Err("[council] quorum must be at least 1".into());
        }
        if self.window_s == 0 || self.window_s * 1000 > MAX_WINDOW_MS {
            return Err(format!("[council] window_s must be 1..={}", MAX_WINDOW_MS / 1000));
        }
        Ok(())
    }
}

/// How the vote ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Approved,
    Rejected,
    NoQuorum,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::Rejected => "rejected",
            Outcome::NoQuorum => "no_quorum",
        }
    }
}

/// What closed the vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosedBy {
    /// The window ended.
    Window,
    /// A controller's `close_vote`.
    Controller,
    /// Every guardian present had voted.
    AllVoted,
}

/// One counted vote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cast {
    pub agent: String,
    pub choice: Choice,
    /// The SHA-256 of the vote's signed line (the caller's digest; this module only keeps it).
    pub sha256: String,
}

/// A vote as it closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    pub conversation: String,
    pub question: String,
    pub rule: Rule,
    pub quorum: usize,
    pub outcome: Outcome,
    pub closed_by: ClosedBy,
    pub closed_at: Millis,
    /// Every choice, with zero for those nobody made.
    pub counts: BTreeMap<Choice, usize>,
    /// In the order they were cast.
    pub votes: Vec<Cast>,
}

impl Tally {
    fn of(ballot: Ballot, now: Millis, closed_by: ClosedBy) -> Tally {
        let mut counts: BTreeMap<Choice, usize> = Choice::ALL.into_iter().map(|c| (c, 0)).collect();
        for v in &ballot.votes {
            *counts.entry(v.choice).or_default() += 1;
        }
        let n = |c: Choice| counts[&c];
        let objections = n(Choice::Refuse) + n(Choice::Contradict);
        let outcome = if ballot.votes.len() < ballot.quorum {
            Outcome::NoQuorum
        } else {
            let approved = match ballot.rule {
                Rule::NoObjection => objections == 0,
                Rule::Majority => n(Choice::Agree) > objections,
                Rule::Unanimous => n(Choice::Agree) == ballot.votes.len(),
            };
            if approved {
                Outcome::Approved
            } else {
                Outcome::Rejected
            }
        };
        Tally {
            conversation: ballot.conversation,
            question: ballot.question,
            rule: ballot.rule,
            quorum: ballot.quorum,
            outcome,
            closed_by,
            closed_at: now,
            counts,
            votes: ballot.votes,
        }
    }
}

/// The open vote.
#[derive(Clone, Debug)]
pub struct Ballot {
    pub conversation: String,
    pub question: String,
    pub rule: Rule,
    pub quorum: usize,
    pub closes_at: Millis,
    votes: Vec<Cast>,
}

/// Why a vote could not be called or closed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    #[error("a vote on {0} is open already (close_vote first)")]
    AlreadyOpen(String),
    #[error("`{0}` is not a conversation id (if://conversation/...)")]
    BadConversation(String),
    #[error("a window of {0} ms is not within 1 ms..1 day")]
    BadWindow(Millis),
    #[error("no vote is open")]
    NoneOpen,
}

/// Why a vote was not counted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VoteRefusal {
    #[error("no vote is open")]
    NoneOpen,
    #[error("the vote on {0} is closed")]
    Closed(String),
    #[error("the open vote is on {open}, not {got}")]
    WrongConversation { open: String, got: String },
    #[error("`{0}` is not a guardian present in the conference")]
    NotPresent(String),
    #[error("`{0}` has voted already (one vote each)")]
    AlreadyVoted(String),
}

impl VoteRefusal {
    /// A short name for the reason, for records: `no_vote_open`, `closed`, ...
    pub fn code(&self) -> &'static str {
        match self {
            VoteRefusal::NoneOpen => "no_vote_open",
            VoteRefusal::Closed(_) => "closed",
            VoteRefusal::WrongConversation { .. } => "wrong_conversation",
            VoteRefusal::NotPresent(_) => "not_present",
            VoteRefusal::AlreadyVoted(_) => "already_voted",
        }
    }
}

/// The council's votes: at most one open, the conversations of recent closed ones remembered.
#[derive(Debug)]
pub struct Council {
    policy: CouncilPolicy,
    open: Option<Ballot>,
    closed: VecDeque<String>,
}

impl Council {
    pub fn new(policy: CouncilPolicy) -> Self {
        Council { policy, open: None, closed: VecDeque::new() }
    }

    pub fn policy(&self) -> &CouncilPolicy {
        &self.policy
    }

    pub fn open(&self) -> Option<&Ballot> {
        self.open.as_ref()
    }

    /// Opens a vote on `conversation`, closing at `now + window_ms` (the policy's window when
    /// `None`).
    pub fn call(
        &mut self,
        now: Millis,
        conversation: &str,
        question: &str,
        window_ms: Option<Millis>,
    ) -> Result<&Ballot, CallError> {
        if let Some(b) = &self.open {
            return Err(CallError::AlreadyOpen(b.conversation.clone()));
        }
        if conversation.strip_prefix("if://conversation/").is_none_or(str::is_empty) {
            return Err(CallError::BadConversation(conversation.to_owned()));
        }
        let window = window_ms.unwrap_or(self.policy.window_s * 1000);
        if window == 0 || window > MAX_WINDOW_MS {
            return Err(CallError::BadWindow(window));
        }
        Ok(self.open.insert(Ballot {
            conversation: conversation.to_owned(),
            question: question.to_owned(),
            rule: self.policy.rule,
            quorum: self.policy.quorum,
            closes_at: now + window,
            votes: Vec::new(),
        }))
    }

    /// Counts `agent`'s vote on `conversation` if it is present (`present`: the agents of the
    /// guardians in the conference now). The tally when this vote was the last present one's.
    pub fn cast(
        &mut self,
        now: Millis,
        conversation: &str,
        agent: &str,
        choice: Choice,
        sha256: String,
        present: &BTreeSet<String>,
    ) -> Result<Option<Tally>, VoteRefusal> {
        let Some(ballot) = self.open.as_mut() else {
            return Err(if self.closed.iter().any(|c| c == conversation) {
                VoteRefusal::Closed(conversation.to_owned())
            } else {
                VoteRefusal::NoneOpen
            });
        };
        if ballot.conversation != conversation {
            return Err(VoteRefusal::WrongConversation {
                open: ballot.conversation.clone(),
                got: conversation.to_owned(),
            });
        }
        if !present.contains(agent) {
            return Err(VoteRefusal::NotPresent(agent.to_owned()));
        }
        if ballot.votes.iter().any(|v| v.agent == agent) {
            return Err(VoteRefusal::AlreadyVoted(agent.to_owned()));
        }
        ballot.votes.push(Cast { agent: agent.to_owned(), choice, sha256 });
        let all_voted = present.iter().all(|p| ballot.votes.iter().any(|v| &v.agent == p));
        Ok(all_voted.then(|| self.finish(now, ClosedBy::AllVoted)))
    }

    /// Closes the open vote now (a controller's `close_vote`).
    pub fn close(&mut self, now: Millis) -> Result<Tally, CallError> {
        if self.open.is_none() {
            return Err(CallError::NoneOpen);
        }
        Ok(self.finish(now, ClosedBy::Controller))
    }

    /// When the open vote's window ends.
    pub fn poll_timeout(&self) -> Option<Millis> {
        self.open.as_ref().map(|b| b.closes_at)
    }

    /// The tally of the open vote if its window has ended by `now`.
    pub fn handle_timeout(&mut self, now: Millis) -> Option<Tally> {
        let due = self.open.as_ref().is_some_and(|b| now >= b.closes_at);
        due.then(|| self.finish(now, ClosedBy::Window))
    }

    fn finish(&mut self, now: Millis, closed_by: ClosedBy) -> Tally {
        let ballot = self.open.take().expect("a vote is open");
        if self.closed.len() >= CLOSED_KEPT {
            self.closed.pop_front();
        }
        self.closed.push_back(ballot.conversation.clone());
        Tally::of(ballot, now, closed_by)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: &str = "if://conversation/escalation-7";

    fn present(agents: &[&str]) -> BTreeSet<String> {
        agents.iter().map(|a| a.to_string()).collect()
    }

    fn council(quorum: usize, rule: Rule) -> Council {
        Council::new(CouncilPolicy { quorum, rule, window_s: 60 })
    }

    fn vote(c: &mut Council, now: Millis, agent: &str, choice: Choice, here: &BTreeSet<String>) -> Option<Tally> {
        c.cast(now, C, agent, choice, format!("sha-of-{agent}"), here).unwrap()
    }

    #[test]
    fn the_window_closes_exactly_at_its_end_and_a_short_vote_has_no_quorum() {
        let mut c = council(3, Rule::NoObjection);
        let here = present(&["g1", "g2", "g3", "g4"]);
        assert_eq!(c.call(1_000, C, "release the finding?", None).unwrap().closes_at, 61_000);
        assert_eq!(c.poll_timeout(), Some(61_000));
        assert_eq!(vote(&mut c, 2_000, "g1", Choice::Agree, &here), None);
        assert_eq!(vote(&mut c, 3_000, "g2", Choice::Agree, &here), None);
        assert_eq!(c.handle_timeout(60_999), None, "one millisecond early");
        let t = c.handle_timeout(61_000).expect("closed at the window's end");
        assert_eq!((t.outcome, t.closed_by, t.closed_at), (Outcome::NoQuorum, ClosedBy::Window, 61_000));
        assert_eq!(t.counts.values().copied().collect::<Vec<_>>(), [2, 0, 0, 0]);
        assert_eq!(t.votes.iter().map(|v| v.agent.as_str()).collect::<Vec<_>>(), ["g1", "g2"]);
        assert_eq!(c.poll_timeout(), None);
        assert_eq!(c.handle_timeout(100_000), None);
    }

    #[test]
    fn quorum_met_with_no_objection_is_approved_once_everyone_present_has_voted() {
        let mut c = council(2, Rule::NoObjection);
        let here = present(&["g1", "g2", "g3"]);
        c.call(0, C, "q", Some(5_000)).unwrap();
        assert_eq!(vote(&mut c, 10, "g1", Choice::Agree, &here), None);
        assert_eq!(vote(&mut c, 20, "g2", Choice::Hold, &here), None);
        let t = vote(&mut c, 30, "g3", Choice::Agree, &here).expect("all three voted");
        assert_eq!((t.outcome, t.closed_by, t.closed_at), (Outcome::Approved, ClosedBy::AllVoted, 30));
        assert_eq!((t.counts[&Choice::Agree], t.counts[&Choice::Hold]), (2, 1));
        assert_eq!(t.votes[1].sha256, "sha-of-g2");
    }

    #[test]
    fn each_rule_decides_as_documented() {
        let here = present(&["a", "b", "c", "d"]);
        let cases = [
            (Rule::NoObjection, [Choice::Agree, Choice::Agree, Choice::Contradict], Outcome::Rejected),
            (Rule::NoObjection, [Choice::Agree, Choice::Hold, Choice::Hold], Outcome::Approved),
            (Rule::Majority, [Choice::Agree, Choice::Agree, Choice::Refuse], Outcome::Approved),
            (Rule::Majority, [Choice::Agree, Choice::Hold, Choice::Refuse], Outcome::Rejected),
            (Rule::Unanimous, [Choice::Agree, Choice::Agree, Choice::Agree], Outcome::Approved),
            (Rule::Unanimous, [Choice::Agree, Choice::Agree, Choice::Hold], Outcome::Rejected),
        ];
        for (rule, choices, want) in cases {
            let mut c = council(3, rule);
            c.call(0, C, "q", None).unwrap();
            for (agent, choice) in ["a", "b", "c"].into_iter().zip(choices) {
                assert_eq!(vote(&mut c, 1, agent, choice, &here), None);
            }
            let t = c.close(2).unwrap();
            assert_eq!((t.outcome, t.closed_by), (want, ClosedBy::Controller), "{rule:?} {choices:?}");
        }
    }

    #[test]
    fn every_refusal_reason() {
        let mut c = council(1, Rule::NoObjection);
        let here = present(&["g1", "g2"]);
        let cast = |c: &mut Council, conv: &str, agent: &str| c.cast(5, conv, agent, Choice::Agree, "h".into(), &here);
        assert_eq!(cast(&mut c, C, "g1"), Err(VoteRefusal::NoneOpen));
        assert_eq!(c.close(0), Err(CallError::NoneOpen));
        assert_eq!(
            c.call(0, "if://conversation/", "q", None).unwrap_err(),
            CallError::BadConversation("if://conversation/".into())
        );
        assert_eq!(c.call(0, "x", "q", None).unwrap_err(), CallError::BadConversation("x".into()));
        assert_eq!(c.call(0, C, "q", Some(0)).unwrap_err(), CallError::BadWindow(0));
        assert_eq!(c.call(0, C, "q", Some(MAX_WINDOW_MS + 1)).unwrap_err(), CallError::BadWindow(MAX_WINDOW_MS + 1));
        c.call(0, C, "q", None).unwrap();
        assert_eq!(c.call(1, "if://conversation/other", "q", None).unwrap_err(), CallError::AlreadyOpen(C.into()));
        let other = "if://conversation/other";
        assert_eq!(
            cast(&mut c, other, "g1"),
            Err(VoteRefusal::WrongConversation { open: C.into(), got: other.into() })
        );
        assert_eq!(cast(&mut c, C, "stranger"), Err(VoteRefusal::NotPresent("stranger".into())));
        assert_eq!(cast(&mut c, C, "g1"), Ok(None));
        let again = cast(&mut c, C, "g1").unwrap_err();
        assert_eq!(
            (again.code(), again.to_string()),
            ("already_voted", "`g1` has voted already (one vote each)".into())
        );
        assert_eq!(c.close(9).unwrap().outcome, Outcome::Approved);
        assert_eq!(cast(&mut c, C, "g2").unwrap_err().code(), "closed", "after the close");
        assert_eq!(cast(&mut c, other, "g2"), Err(VoteRefusal::NoneOpen));
        // A new vote on the same conversation may be called once the last one closed.
        assert!(c.call(10, C, "q again", None).is_ok());
    }

    #[test]
    fn the_policy_section_is_checked() {
        assert_eq!(CouncilPolicy::default().check(), Ok(()));
        assert!(CouncilPolicy { quorum: 0, ..Default::default() }.check().is_err());
        assert!(CouncilPolicy { window_s: 0, ..Default::default() }.check().is_err());
        let p: CouncilPolicy = toml::from_str("quorum = 5\nrule = \"majority\"").unwrap();
        assert_eq!(p, CouncilPolicy { quorum: 5, rule: Rule::Majority, window_s: 120 });
        assert!(toml::from_str::<CouncilPolicy>("rule = \"loudest\"").is_err());
        assert!(toml::from_str::<CouncilPolicy>("quorom = 5").is_err(), "a misspelt key is refused");
        assert_eq!(Choice::from_performative("contradict"), Some(Choice::Contradict));
        assert_eq!(Choice::from_performative("inform"), None);
    }
}
