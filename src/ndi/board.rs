//! The council's continuous-presence board, pure: the council's state built from its events (the
//! contents of verified IFMessages, read as JSON: no other protocol module is imported), the
//! evidence streams' verdicts and latest pictures, and [`compose`], which lays them out as 4x4
//! tiles and draws one frame. State in, frame out: no clock, no sockets.
//!
//! Tiles, in order: one per evidence stream (its latest picture; the border green while the
//! stream verifies, red once it has shown an anomaly, grey before its first frame), the council
//! (lock, the vote, the decision), then one per participant by participant number. When they do
//! not all fit, the last tile counts the participants left out.

use super::card::{clip, wrap_words, Bgra, Canvas, BACKGROUND, BROKEN, DIM, TEXT, VERIFIED, WHITE};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The grid: 4 columns of 4 rows.
pub const COLUMNS: u32 = 4;
pub const ROWS: u32 = 4;
pub const TILES: usize = (COLUMNS * ROWS) as usize;
/// Evidence streams on one board: every tile but the council's.
pub const MAX_SOURCES: usize = TILES - 1;
/// Participants remembered (a hostile stream of `joined` events cannot grow the board's memory).
pub const MAX_PARTICIPANTS: usize = 1024;
/// Votes remembered for the council tile's counts.
pub const MAX_VOTES: usize = 1024;
/// Characters kept of any text taken from an event (an alias, a question).
pub const MAX_TEXT: usize = 256;

const AMBER: Bgra = [40, 190, 230, 255];
const BLUE: Bgra = [200, 120, 40, 255];
const GREY: Bgra = [90, 90, 90, 255];
const BAND: Bgra = [60, 50, 45, 255];

/// One participant of the conference, as its events told.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Participant {
    pub number: u64,
    pub alias: String,
    /// `content.role` when the events carry one, else `guardian`.
    pub role: String,
    pub talking: bool,
    pub dominant: bool,
    pub muted: bool,
    /// Their vote on the open question, once cast.
    pub vote: Option<String>,
}

/// The question put to the council, and the votes so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ballot {
    pub conversation: String,
    pub question: String,
    pub closes_at_ms: Option<i64>,
    pub quorum: Option<u64>,
    pub rule: String,
    /// Choice by voter (alias, else agent), in the order cast.
    pub votes: Vec<(String, String)>,
    /// Votes the MCU refused (forged, from an unknown agent, ...), and the last reason.
    pub refused: u64,
    pub last_refusal: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decision {
    /// `approved`, `rejected`, `no_quorum`.
    pub outcome: String,
    pub counts: BTreeMap<String, u64>,
}

/// The council as its events describe it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Council {
    pub participants: BTreeMap<u64, Participant>,
    pub locked: bool,
    pub ballot: Option<Ballot>,
    pub decision: Option<Decision>,
    /// The latest trace id the events carried (the escalation's).
    pub trace: Option<String>,
}

fn text(c: &Map<String, Value>, key: &str) -> Option<String> {
    match c.get(key)? {
        Value::String(s) => Some(clip(s, MAX_TEXT)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Council {
    /// Applies one council event, the `content` of a verified message (`event` `h323.conference`
    /// or `h323.call`, `step` naming what happened); `trace` is the message's trace id. Unknown
    /// events and steps, and missing fields, are tolerated: what cannot be used is passed over.
    /// True when the board changed.
    pub fn apply(&mut self, content: &Map<String, Value>, trace: Option<&str>) -> bool {
        let event = content.get("event").and_then(Value::as_str).unwrap_or("");
        if event != "h323.conference" && event != "h323.call" {
            return false;
        }
        let before = self.clone();
        if let Some(t) = trace {
            self.trace = Some(clip(t, MAX_TEXT));
        }
        let number = content.get("participant").and_then(Value::as_u64);
        let step = content.get("step").and_then(Value::as_str).unwrap_or("");
        match step {
            "joined" => {
                if let Some(n) = number {
                    if self.participants.len() < MAX_PARTICIPANTS || self.participants.contains_key(&n) {
                        let p = self.participants.entry(n).or_insert_with(|| Participant {
                            number: n,
                            role: "guardian".into(),
                            ..Default::default()
                        });
                        if let Some(alias) = text(content, "alias") {
                            p.alias = alias;
                        }
                        if let Some(role) = text(content, "role") {
                            p.role = role;
                        }
                    }
                }
            }
            "left" | "kicked" | "released" => {
                if let Some(n) = number {
                    self.participants.remove(&n);
                }
            }
            "talking" | "stopped_talking" | "muted" | "unmuted" => {
                if let Some(p) = number.and_then(|n| self.participants.get_mut(&n)) {
                    match step {
                        "talking" => p.talking = true,
                        "stopped_talking" => p.talking = false,
                        "muted" => p.muted = true,
                        _ => p.muted = false,
                    }
                }
            }
            "dominant" => {
                for p in self.participants.values_mut() {
                    p.dominant = Some(p.number) == number;
                }
            }
            "locked" => self.locked = true,
            "unlocked" => self.locked = false,
            "vote_called" => {
                self.ballot = Some(Ballot {
                    conversation: text(content, "conversation").unwrap_or_default(),
                    question: text(content, "question").unwrap_or_default(),
                    closes_at_ms: content.get("closes_at_ms").and_then(Value::as_i64),
                    quorum: content.get("quorum").and_then(Value::as_u64),
                    rule: text(content, "rule").unwrap_or_default(),
                    ..Default::default()
                });
                self.decision = None;
                for p in self.participants.values_mut() {
                    p.vote = None;
                }
            }
            "vote" => {
                let choice = text(content, "choice").unwrap_or_else(|| "?".into());
                let alias = text(content, "alias");
                let voter = alias.clone().or_else(|| text(content, "agent")).unwrap_or_else(|| "?".into());
                let by_alias = |p: &&Participant| alias.as_deref() == Some(p.alias.as_str());
                let who = number
                    .filter(|n| self.participants.contains_key(n))
                    .or_else(|| self.participants.values().find(by_alias).map(|p| p.number));
                if let Some(p) = who.and_then(|n| self.participants.get_mut(&n)) {
                    p.vote = Some(choice.clone());
                }
                let ballot = self.ballot.get_or_insert_with(Ballot::default);
                let full = ballot.votes.len() >= MAX_VOTES;
                match ballot.votes.iter_mut().find(|(v, _)| *v == voter) {
                    Some(cast) => cast.1 = choice,
                    None if !full => ballot.votes.push((voter, choice)),
                    None => {}
                }
            }
            "vote_refused" => {
                let ballot = self.ballot.get_or_insert_with(Ballot::default);
                ballot.refused += 1;
                let who = text(content, "agent").unwrap_or_else(|| "?".into());
                ballot.last_refusal = Some(format!("{who}: {}", text(content, "reason").unwrap_or_default()));
            }
            "decision" => {
                let counts = content
                    .get("counts")
                    .and_then(Value::as_object)
                    .map(|o| o.iter().take(16).filter_map(|(k, v)| Some((clip(k, 32), v.as_u64()?))).collect())
                    .unwrap_or_default();
                self.decision =
                    Some(Decision { outcome: text(content, "outcome").unwrap_or_else(|| "?".into()), counts });
            }
            _ => {}
        }
        *self != before
    }
}

/// What an evidence stream's verifier says of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceStatus {
    /// No frame yet.
    Waiting,
    /// Every frame so far verified: how many, and the key that signed them.
    Verified { frames: u64, key_id: String },
    /// The stream showed an anomaly: it stays broken on the board (what it carries can no longer
    /// be taken at face value). The latest anomaly's kind, and how many there were.
    Broken { kind: String, anomalies: u64 },
}

/// One evidence stream's tile: its label (name or address), status and latest picture (a
/// thumbnail at most [`picture_area`]).
#[derive(Clone, Debug)]
pub struct EvidenceTile {
    pub label: String,
    pub status: EvidenceStatus,
    pub picture: Option<Canvas>,
}

/// Everything the board shows.
#[derive(Clone, Debug, Default)]
pub struct Board {
    pub evidence: Vec<EvidenceTile>,
    pub council: Council,
}

/// One tile as the board's events describe it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TileSummary {
    /// 0 to 15, row by row.
    pub slot: usize,
    /// `evidence`, `council`, `participant`, `more`.
    pub kind: &'static str,
    pub label: String,
    pub status: String,
}

enum Tile<'a> {
    Evidence(&'a EvidenceTile),
    Council(&'a Council),
    Participant(&'a Participant),
    More(Vec<&'a Participant>),
}

fn layout(board: &Board) -> Vec<Tile<'_>> {
    let mut tiles: Vec<Tile> = board.evidence.iter().take(MAX_SOURCES).map(Tile::Evidence).collect();
    tiles.push(Tile::Council(&board.council));
    let people: Vec<&Participant> = board.council.participants.values().collect();
    let room = TILES - tiles.len();
    if people.len() <= room {
        tiles.extend(people.into_iter().map(Tile::Participant));
    } else {
        tiles.extend(people[..room - 1].iter().copied().map(Tile::Participant));
        tiles.push(Tile::More(people[room - 1..].to_vec()));
    }
    tiles
}

fn participant_status(p: &Participant) -> String {
    let mut s: Vec<String> = Vec::new();
    if p.talking {
        s.push("talking".into());
    }
    if p.dominant {
        s.push("dominant".into());
    }
    if p.muted {
        s.push("muted".into());
    }
    if let Some(v) = &p.vote {
        s.push(format!("vote {v}"));
    }
    if s.is_empty() {
        "present".into()
    } else {
        s.join(", ")
    }
}

fn council_status(c: &Council) -> String {
    let mut s = vec![format!("{} present", c.participants.len())];
    if c.locked {
        s.push("locked".into());
    }
    if let Some(b) = &c.ballot {
        s.push(format!("vote: {} cast, {} refused", b.votes.len(), b.refused));
    }
    if let Some(d) = &c.decision {
        s.push(format!("decision {}", d.outcome));
    }
    s.join(", ")
}

/// The tiles as the board's events list them.
pub fn summary(board: &Board) -> Vec<TileSummary> {
    layout(board)
        .iter()
        .enumerate()
        .map(|(slot, tile)| {
            let (kind, label, status) = match tile {
                Tile::Evidence(e) => (
                    "evidence",
                    e.label.clone(),
                    match &e.status {
                        EvidenceStatus::Waiting => "waiting".into(),
                        EvidenceStatus::Verified { .. } => "verified".into(),
                        EvidenceStatus::Broken { kind, .. } => format!("broken: {kind}"),
                    },
                ),
                Tile::Council(c) => ("council", "council".into(), council_status(c)),
                Tile::Participant(p) => ("participant", p.alias.clone(), participant_status(p)),
                Tile::More(rest) => ("more", format!("+{}", rest.len()), more_status(rest)),
            };
            TileSummary { slot, kind, label, status }
        })
        .collect()
}

fn more_status(rest: &[&Participant]) -> String {
    let talking = rest.iter().filter(|p| p.talking).count();
    let muted = rest.iter().filter(|p| p.muted).count();
    format!("{} more: {talking} talking, {muted} muted", rest.len())
}

/// A tile's place on a `width`x`height` board: (x, y, w, h).
pub fn tile_rect(slot: usize, width: u32, height: u32) -> (u32, u32, u32, u32) {
    let (tw, th) = (width / COLUMNS, height / ROWS);
    ((slot as u32 % COLUMNS) * tw, (slot as u32 / COLUMNS) * th, tw, th)
}

/// Drawing sizes of a tile `th` pixels high: text scale and border thickness.
fn metrics(th: u32) -> (u32, u32) {
    ((th / 180).max(1), (th / 24).max(3))
}

/// The size an evidence stream's picture is shown at on a `width`x`height` board (what its
/// thumbnails are cut to).
pub fn picture_area(width: u32, height: u32) -> (u32, u32) {
    let (_, _, tw, th) = tile_rect(0, width, height);
    let (s, b) = metrics(th);
    (tw.saturating_sub(2 * b), th.saturating_sub(2 * b + 24 * s))
}

/// Draws the board at `width`x`height`.
pub fn compose(board: &Board, width: u32, height: u32) -> Canvas {
    let mut c = Canvas::new(width, height, [16, 12, 10, 255]);
    for (slot, tile) in layout(board).iter().enumerate() {
        let rect = tile_rect(slot, width, height);
        match tile {
            Tile::Evidence(e) => evidence_tile(&mut c, rect, e),
            Tile::Council(council) => council_tile(&mut c, rect, council),
            Tile::Participant(p) => participant_tile(&mut c, rect, p),
            Tile::More(rest) => more_tile(&mut c, rect, rest),
        }
    }
    c
}

/// A tile's frame: background, border, and a status band along its bottom with `band_text`.
/// Returns the text scale, border and characters per line.
fn tile_frame(
    c: &mut Canvas,
    (x, y, w, h): (u32, u32, u32, u32),
    border: Bgra,
    band: Bgra,
    band_text: &str,
) -> (u32, u32, usize) {
    let (s, b) = metrics(h);
    c.rect(x, y, w, h, BACKGROUND);
    c.border(x, y, w, h, b, border);
    let chars = (w.saturating_sub(2 * b + 4 * s) / (8 * s)) as usize;
    let band_y = (y + h).saturating_sub(b + 12 * s);
    c.rect(x + b, band_y, w.saturating_sub(2 * b), 12 * s, band);
    c.text(x + b + 2 * s, band_y + 2 * s, s, WHITE, &clip(band_text, chars));
    (s, b, chars)
}

fn evidence_tile(c: &mut Canvas, rect: (u32, u32, u32, u32), e: &EvidenceTile) {
    let (colour, line) = match &e.status {
        EvidenceStatus::Waiting => (GREY, "WAITING for frames".to_owned()),
        EvidenceStatus::Verified { frames, key_id } => (VERIFIED, format!("VERIFIED {frames} key {key_id}")),
        EvidenceStatus::Broken { kind, anomalies } => (BROKEN, format!("BROKEN {kind} ({anomalies})")),
    };
    let (x, y, w, h) = rect;
    let (s, b, chars) = tile_frame(c, rect, colour, colour, &line);
    c.text(x + b + 2 * s, y + b + 2 * s, s, TEXT, &clip(&e.label, chars));
    if let Some(p) = &e.picture {
        let (aw, ah) = (w.saturating_sub(2 * b), h.saturating_sub(2 * b + 24 * s));
        c.draw_scaled(x + b, y + b + 12 * s, aw, ah, p.image());
    }
}

fn participant_tile(c: &mut Canvas, rect: (u32, u32, u32, u32), p: &Participant) {
    let border = if p.talking { AMBER } else { GREY };
    let (band, band_text) = if p.muted { (BROKEN, "MUTED") } else { (BAND, "live") };
    let (x, y, _, _) = rect;
    let (s, b, chars) = tile_frame(c, rect, border, band, band_text);
    let (tx, mut ty) = (x + b + 2 * s, y + b + 4 * s);
    let name = if p.alias.is_empty() { format!("participant {}", p.number) } else { p.alias.clone() };
    c.text(tx, ty, 2 * s, TEXT, &clip(&name, chars / 2));
    ty += 20 * s;
    c.text(tx, ty, s, DIM, &clip(&format!("#{}  {}", p.number, p.role), chars));
    ty += 12 * s;
    let speaking = match (p.talking, p.dominant) {
        (true, true) => "TALKING  dominant",
        (true, false) => "TALKING",
        (false, true) => "dominant",
        (false, false) => "",
    };
    c.text(tx, ty, s, AMBER, speaking);
    ty += 12 * s;
    if let Some(v) = &p.vote {
        c.text(tx, ty, 2 * s, choice_colour(v), &clip(&format!("vote {v}"), chars / 2));
    }
}

fn choice_colour(choice: &str) -> Bgra {
    match choice {
        "agree" => VERIFIED,
        "refuse" | "contradict" => BROKEN,
        "hold" => AMBER,
        _ => TEXT,
    }
}

fn council_tile(c: &mut Canvas, rect: (u32, u32, u32, u32), council: &Council) {
    let (border, band_text) = match (&council.decision, &council.ballot) {
        (Some(d), _) => (
            match d.outcome.as_str() {
                "approved" => VERIFIED,
                "rejected" => BROKEN,
                _ => AMBER,
            },
            format!("DECISION {}", d.outcome.to_uppercase()),
        ),
        (None, Some(_)) => (BLUE, "VOTE OPEN".to_owned()),
        (None, None) => (GREY, "no vote called".to_owned()),
    };
    let (x, y, _, h) = rect;
    let (s, b, chars) = tile_frame(c, rect, border, border, &band_text);
    let (tx, mut ty) = (x + b + 2 * s, y + b + 2 * s);
    let bottom = (y + h).saturating_sub(b + 12 * s);
    let mut line = |c: &mut Canvas, colour: Bgra, text: &str| {
        if ty + 10 * s <= bottom {
            c.text(tx, ty, s, colour, &clip(text, chars));
            ty += 10 * s;
        }
    };
    let lock = if council.locked { "  LOCKED" } else { "" };
    line(c, TEXT, &format!("COUNCIL  {} present{lock}", council.participants.len()));
    if let Some(bal) = &council.ballot {
        for l in wrap_words(&bal.question, chars, 3) {
            line(c, WHITE, &l);
        }
        let quorum = bal.quorum.map(|q| format!("quorum {q}  ")).unwrap_or_default();
        line(c, DIM, &format!("{quorum}{}", bal.rule));
        if let Some(at) = bal.closes_at_ms {
            line(c, DIM, &format!("closes {}", crate::time::format_rfc3339(at)));
        }
        let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
        for (_, choice) in &bal.votes {
            *counts.entry(choice.as_str()).or_default() += 1;
        }
        let cast: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
        line(c, TEXT, &format!("cast: {}", if cast.is_empty() { "none".into() } else { cast.join(" ") }));
        if bal.refused > 0 {
            line(c, BROKEN, &format!("refused {}: {}", bal.refused, bal.last_refusal.as_deref().unwrap_or("")));
        }
    }
    if let Some(d) = &council.decision {
        let counts: Vec<String> = d.counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
        line(c, WHITE, &format!("counted: {}", counts.join(" ")));
    }
}

fn more_tile(c: &mut Canvas, rect: (u32, u32, u32, u32), rest: &[&Participant]) {
    let (x, y, _, _) = rect;
    let (s, b, chars) = tile_frame(c, rect, GREY, BAND, &more_status(rest));
    c.text(x + b + 2 * s, y + b + 4 * s, 2 * s, TEXT, &clip(&format!("+{} more", rest.len()), chars / 2));
    let names: Vec<&str> = rest.iter().map(|p| p.alias.as_str()).collect();
    for (i, l) in wrap_words(&names.join(" "), chars, 4).iter().enumerate() {
        c.text(x + b + 2 * s, y + b + (24 + 10 * i as u32) * s, s, DIM, l);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(step: &str, extra: Value) -> Map<String, Value> {
        let mut m = json!({"event": "h323.conference", "step": step}).as_object().unwrap().clone();
        m.extend(extra.as_object().unwrap().clone());
        m
    }

    fn council(events: &[Map<String, Value>]) -> Council {
        let mut c = Council::default();
        for e in events {
            c.apply(e, Some("0123456789ab"));
        }
        c
    }

    /// The pixel in the middle of a tile's left border.
    fn border_pixel(c: &Canvas, slot: usize) -> [u8; 3] {
        let (x, y, _, h) = tile_rect(slot, c.width, c.height);
        let (_, b) = metrics(h);
        let at = (((y + h / 2) * c.width + x + b / 2) * 4) as usize;
        c.pixels[at..at + 3].try_into().unwrap()
    }

    /// The pixel in the middle of a tile's status band.
    fn band_pixel(c: &Canvas, slot: usize) -> [u8; 3] {
        let (x, y, w, h) = tile_rect(slot, c.width, c.height);
        let (s, b) = metrics(h);
        // Right of the text, which starts at the band's left.
        let at = ((((y + h) - b - 6 * s) * c.width + x + w - b - 2) * 4) as usize;
        c.pixels[at..at + 3].try_into().unwrap()
    }

    fn rgb(c: Bgra) -> [u8; 3] {
        [c[0], c[1], c[2]]
    }

    #[test]
    fn events_build_the_council_and_unknown_ones_change_nothing() {
        let mut c = council(&[
            event("joined", json!({"participant": 1, "alias": "guardian-1"})),
            event("joined", json!({"participant": 2, "alias": "guardian-2", "role": "moderator"})),
            event("talking", json!({"participant": 1, "level_dbfs": -12.0})),
            event("dominant", json!({"participant": 1})),
            event("muted", json!({"participant": 2, "by_agent": "if://agent/moderator"})),
            event("locked", json!({})),
        ]);
        let p1 = &c.participants[&1];
        assert_eq!(
            (p1.alias.as_str(), p1.role.as_str(), p1.talking, p1.dominant, p1.muted),
            ("guardian-1", "guardian", true, true, false)
        );
        assert_eq!((c.participants[&2].role.as_str(), c.participants[&2].muted), ("moderator", true));
        assert!(c.locked);
        assert_eq!(c.trace.as_deref(), Some("0123456789ab"));
        // Tolerated: unknown steps and events, missing fields, participants nobody announced.
        let before = c.clone();
        for e in [
            event("gain", json!({"participant": 1, "gain_db": 3.0})),
            event("muted", json!({})),
            event("talking", json!({"participant": 99})),
            event("joined", json!({"alias": "no number"})),
            json!({"event": "h323.endpoint", "step": "joined", "participant": 7}).as_object().unwrap().clone(),
            json!({"step": "left", "participant": 1}).as_object().unwrap().clone(),
        ] {
            assert!(!c.apply(&e, None), "{e:?}");
        }
        assert_eq!(c, before);
        assert!(c.apply(&event("stopped_talking", json!({"participant": 1})), None));
        assert!(c.apply(&event("left", json!({"participant": 2})), None));
        assert_eq!(c.participants.keys().copied().collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn a_vote_and_its_decision_arrive_on_the_council() {
        let c = council(&[
            event("joined", json!({"participant": 1, "alias": "guardian-1"})),
            event("joined", json!({"participant": 2, "alias": "guardian-2"})),
            json!({"event": "h323.conference", "step": "vote_called", "conversation": "conv-1", "question": "Release the key?", "closes_at_ms": 1_790_000_000_000i64, "quorum": 2, "rule": "no_objection"}).as_object().unwrap().clone(),
            event("vote", json!({"participant": 1, "alias": "guardian-1", "agent": "if://agent/g1", "choice": "agree", "vote_sha256": "ab"})),
            event("vote", json!({"alias": "guardian-2", "agent": "if://agent/g2", "choice": "hold"})),
            event("vote_refused", json!({"agent": "if://agent/forger", "reason": "bad signature"})),
            event("decision", json!({"outcome": "approved", "counts": {"agree": 1, "hold": 1}, "votes": ["ab", "cd"]})),
        ]);
        let b = c.ballot.as_ref().unwrap();
        assert_eq!(
            (b.question.as_str(), b.quorum, b.rule.as_str(), b.refused),
            ("Release the key?", Some(2), "no_objection", 1)
        );
        assert_eq!(b.votes, [("guardian-1".into(), "agree".into()), ("guardian-2".into(), "hold".into())]);
        assert_eq!(c.participants[&1].vote.as_deref(), Some("agree"));
        assert_eq!(c.participants[&2].vote.as_deref(), Some("hold"), "found by alias");
        let d = c.decision.as_ref().unwrap();
        assert_eq!((d.outcome.as_str(), d.counts.get("agree")), ("approved", Some(&1)));
    }

    fn picture(colour: Bgra) -> Canvas {
        Canvas::new(160, 90, colour)
    }

    #[test]
    fn the_board_shows_evidence_verified_or_broken_the_council_and_its_participants() {
        let board = Board {
            evidence: vec![
                EvidenceTile {
                    label: "127.0.0.1:5961".into(),
                    status: EvidenceStatus::Verified { frames: 41, key_id: "abcd".into() },
                    picture: Some(picture([0, 200, 0, 255])),
                },
                EvidenceTile {
                    label: "relayed".into(),
                    status: EvidenceStatus::Broken { kind: "tampered_pixels".into(), anomalies: 3 },
                    picture: Some(picture([0, 200, 0, 255])),
                },
                EvidenceTile { label: "late".into(), status: EvidenceStatus::Waiting, picture: None },
            ],
            council: council(&[
                event("joined", json!({"participant": 1, "alias": "guardian-1"})),
                event("joined", json!({"participant": 2, "alias": "guardian-2"})),
                event("muted", json!({"participant": 2})),
                event("talking", json!({"participant": 1})),
                event("decision", json!({"outcome": "rejected", "counts": {"refuse": 2}})),
            ]),
        };
        let c = compose(&board, 1280, 720);
        assert_eq!((c.width, c.height, c.pixels.len()), (1280, 720, 1280 * 720 * 4));
        assert_eq!(border_pixel(&c, 0), rgb(VERIFIED));
        assert_eq!(border_pixel(&c, 1), rgb(BROKEN));
        assert_eq!(border_pixel(&c, 2), rgb(GREY));
        assert_eq!(border_pixel(&c, 3), rgb(BROKEN), "the council tile: decision rejected");
        assert_eq!(border_pixel(&c, 4), rgb(AMBER), "guardian-1 talking");
        assert_eq!(band_pixel(&c, 4), rgb(BAND));
        assert_eq!(band_pixel(&c, 5), rgb(BROKEN), "guardian-2 muted");
        // The evidence picture is shown inside its tile (letterboxed), not over the border.
        let (x, y, w, h) = tile_rect(0, 1280, 720);
        let mid = (((y + h / 2) * 1280 + x + w / 2) * 4) as usize;
        assert_eq!(&c.pixels[mid..mid + 3], &[0, 200, 0]);
        // The rest of the board is empty.
        let (x, y, _, _) = tile_rect(6, 1280, 720);
        assert_eq!(&c.pixels[((y * 1280 + x) * 4) as usize..][..3], &[16, 12, 10]);
        let kinds: Vec<(&str, String)> = summary(&board).iter().map(|t| (t.kind, t.status.clone())).collect();
        assert_eq!(
            kinds,
            [
                ("evidence", "verified".into()),
                ("evidence", "broken: tampered_pixels".into()),
                ("evidence", "waiting".into()),
                ("council", "2 present, decision rejected".into()),
                ("participant", "talking".into()),
                ("participant", "muted".into()),
            ]
        );
        // Pure: the same state gives the same frame.
        assert_eq!(compose(&board, 1280, 720).pixels, c.pixels);
    }

    #[test]
    fn participants_beyond_the_sixteenth_tile_are_counted_on_the_last() {
        let joins: Vec<_> =
            (1..=20).map(|n| event("joined", json!({"participant": n, "alias": format!("guardian-{n}")}))).collect();
        let mut board = Board { evidence: vec![], council: council(&joins) };
        board.council.apply(&event("muted", json!({"participant": 20})), None);
        board.evidence.push(EvidenceTile { label: "e".into(), status: EvidenceStatus::Waiting, picture: None });
        let tiles = summary(&board);
        assert_eq!(tiles.len(), TILES);
        // One evidence tile, the council, 13 guardians, and the last tile for the other 7.
        assert_eq!(tiles[14].label, "guardian-13");
        assert_eq!((tiles[15].kind, tiles[15].status.as_str()), ("more", "7 more: 0 talking, 1 muted"));
        let c = compose(&board, 640, 360);
        assert_eq!(c.pixels.len(), 640 * 360 * 4);
    }

    #[test]
    fn hostile_events_are_bounded() {
        let mut c = Council::default();
        for n in 0..(MAX_PARTICIPANTS as u64 + 10) {
            c.apply(&event("joined", json!({"participant": n, "alias": "x".repeat(10_000)})), None);
        }
        assert_eq!(c.participants.len(), MAX_PARTICIPANTS);
        assert_eq!(c.participants[&0].alias.chars().count(), MAX_TEXT);
        // Tiny boards still draw.
        for (w, h) in [(64, 36), (130, 74)] {
            let board = Board { evidence: vec![], council: c.clone() };
            assert_eq!(compose(&board, w, h).pixels.len(), (w * h * 4) as usize);
        }
    }

    #[test]
    fn pictures_fit_their_area_keeping_their_shape() {
        assert_eq!(super::super::card::fit(1280, 720, 300, 150), (266, 150));
        assert_eq!(super::super::card::fit(1280, 720, 160, 150), (160, 90));
        assert_eq!(super::super::card::fit(0, 720, 160, 150), (0, 0));
        let (aw, ah) = picture_area(1280, 720);
        assert!(aw > 250 && ah > 100 && aw < 320 && ah < 180, "{aw}x{ah}");
    }
}
