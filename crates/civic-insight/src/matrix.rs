//! The sparse vote matrix: who voted what on which statement.
//!
//! Votes are stored twice, compressed by participant (CSR) and by statement
//! (CSC), because the kernels alternate between the two directions. A dense
//! participants × statements matrix is never built: the largest Polis
//! conversation (33k × 783, 2M votes) is 92 % empty.

use std::fmt;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::error::InsightError;

/// A participant as the caller names them. CSV files give strings; ids that
/// are plain non-negative integers (no sign, no leading zero) are kept as
/// numbers so that they round-trip to JSON exactly as given.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ParticipantId {
    Int(u64),
    Text(String),
}

impl ParticipantId {
    /// Reads an id from text: canonical integers become `Int`, anything else
    /// (including `007` or `-3`, which would not round-trip) stays `Text`.
    pub fn parse(text: &str) -> Self {
        let canonical =
            !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && (text == "0" || !text.starts_with('0'));
        match text.parse::<u64>() {
            Ok(n) if canonical => ParticipantId::Int(n),
            _ => ParticipantId::Text(text.to_owned()),
        }
    }
}

impl From<u64> for ParticipantId {
    fn from(n: u64) -> Self {
        ParticipantId::Int(n)
    }
}

impl From<&str> for ParticipantId {
    fn from(s: &str) -> Self {
        ParticipantId::Text(s.to_owned())
    }
}

impl From<String> for ParticipantId {
    fn from(s: String) -> Self {
        ParticipantId::Text(s)
    }
}

impl fmt::Display for ParticipantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParticipantId::Int(n) => write!(f, "{n}"),
            ParticipantId::Text(s) => f.write_str(s),
        }
    }
}

/// Agree, disagree or pass, as `1`, `-1`, `0`.
pub fn check_vote(vote: i64) -> Result<i8, InsightError> {
    match vote {
        -1..=1 => Ok(vote as i8),
        other => Err(InsightError::InvalidVote(other)),
    }
}

/// One vote as it arrives from outside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vote {
    pub participant: ParticipantId,
    pub statement: u64,
    pub vote: i8,
}

/// Collects votes in arrival order; when a participant votes twice on a
/// statement the later vote counts.
#[derive(Default, Debug, Clone)]
pub struct VoteMatrixBuilder {
    participants: Vec<ParticipantId>,
    participant_index: HashMap<ParticipantId, u32>,
    statements: Vec<u64>,
    statement_index: HashMap<u64, u32>,
    // Votes in arrival order as three columns (participant index, statement
    // index, vote): 9 bytes a vote, and the statement and vote columns
    // become the CSR arrays as they are when the input is already ordered.
    vote_participant: Vec<u32>,
    vote_statement: Vec<u32>,
    vote_value: Vec<i8>,
    // CSV files are sorted by participant, so the previous participant is
    // usually the next one too; this saves a hash lookup per vote.
    last_participant: Option<(ParticipantId, u32)>,
    last_raw: Vec<u8>,
}

impl VoteMatrixBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a vote; `vote` must be 1 (agree), -1 (disagree) or 0 (pass).
    pub fn add(&mut self, participant: impl Into<ParticipantId>, statement: u64, vote: i8) -> Result<(), InsightError> {
        let vote = check_vote(i64::from(vote))?;
        self.add_checked(participant.into(), statement, vote);
        Ok(())
    }

    pub(crate) fn add_checked(&mut self, participant: ParticipantId, statement: u64, vote: i8) {
        let p = self.participant_slot(participant);
        self.push(p, statement, vote);
    }

    /// Like [`add_checked`](Self::add_checked) for an id read as text,
    /// without parsing or allocating when it is the previous call's id.
    pub(crate) fn add_text_participant(&mut self, participant: &str, statement: u64, vote: i8) {
        let p = if !self.vote_participant.is_empty() && self.last_raw == participant.as_bytes() {
            *self.vote_participant.last().expect("not empty")
        } else {
            self.last_raw.clear();
            self.last_raw.extend_from_slice(participant.as_bytes());
            self.participant_slot(ParticipantId::parse(participant))
        };
        self.push(p, statement, vote);
    }

    fn push(&mut self, p: u32, statement: u64, vote: i8) {
        let s = self.statement_slot(statement);
        self.vote_participant.push(p);
        self.vote_statement.push(s);
        self.vote_value.push(vote);
    }

    fn participant_slot(&mut self, id: ParticipantId) -> u32 {
        if let Some((last, p)) = &self.last_participant
            && *last == id
        {
            return *p;
        }
        let next = self.participants.len() as u32;
        let p = *self.participant_index.entry(id.clone()).or_insert(next);
        if p == next {
            self.participants.push(id.clone());
        }
        self.last_participant = Some((id, p));
        p
    }

    fn statement_slot(&mut self, id: u64) -> u32 {
        let next = self.statements.len() as u32;
        let s = *self.statement_index.entry(id).or_insert(next);
        if s == next {
            self.statements.push(id);
        }
        s
    }

    /// Renumbers statements by ascending id, so that input sorted by
    /// participant and statement id (the usual export) is already in CSR
    /// order and needs no sort.
    fn number_statements_by_id(&mut self) {
        let mut order: Vec<u32> = (0..self.statements.len() as u32).collect();
        order.sort_unstable_by_key(|&s| self.statements[s as usize]);
        if order.iter().enumerate().all(|(i, &s)| i as u32 == s) {
            return;
        }
        let mut new_index = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old as usize] = new as u32;
        }
        for s in &mut self.vote_statement {
            *s = new_index[*s as usize];
        }
        self.statements = order.iter().map(|&old| self.statements[old as usize]).collect();
        for index in self.statement_index.values_mut() {
            *index = new_index[*index as usize];
        }
    }

    /// Votes added so far as `(participant, statement, vote)` index triples.
    fn take_triples(&mut self) -> Vec<(u32, u32, i8)> {
        let triples = (self
            .vote_participant
            .iter()
            .zip(&self.vote_statement)
            .zip(&self.vote_value))
        .map(|((&p, &s), &v)| (p, s, v))
        .collect();
        self.vote_participant.clear();
        self.vote_statement.clear();
        self.vote_value.clear();
        triples
    }

    pub fn build(mut self) -> VoteMatrix {
        let n_p = self.participants.len();
        let n_s = self.statements.len();
        self.number_statements_by_id();
        let mut p_ptr = vec![0usize; n_p + 1];
        for &p in &self.vote_participant {
            p_ptr[p as usize + 1] += 1;
        }
        for i in 0..n_p {
            p_ptr[i + 1] += p_ptr[i];
        }
        // Input grouped by participant with statements ascending and no
        // repeats (what gen_votes.py and most exports write): the columns
        // already are the CSR arrays.
        let ordered = (1..self.vote_participant.len()).all(|i| {
            let (p0, p1) = (self.vote_participant[i - 1], self.vote_participant[i]);
            p0 < p1 || (p0 == p1 && self.vote_statement[i - 1] < self.vote_statement[i])
        });
        let (p_ptr, p_statement, p_vote) = if ordered {
            (p_ptr, self.vote_statement, self.vote_value)
        } else {
            // Counting sort by participant keeps arrival order inside a row,
            // so a stable sort by statement leaves the last vote of a
            // repeated pair at the end of its run.
            let mut fill = p_ptr.clone();
            let mut sorted = vec![(0u32, 0i8); self.vote_participant.len()];
            for ((&p, &s), &v) in self
                .vote_participant
                .iter()
                .zip(&self.vote_statement)
                .zip(&self.vote_value)
            {
                sorted[fill[p as usize]] = (s, v);
                fill[p as usize] += 1;
            }
            drop((self.vote_statement, self.vote_value));
            let mut ptr = Vec::with_capacity(n_p + 1);
            let mut statement = Vec::with_capacity(sorted.len());
            let mut vote = Vec::with_capacity(sorted.len());
            ptr.push(0);
            for p in 0..n_p {
                let row = &mut sorted[p_ptr[p]..p_ptr[p + 1]];
                row.sort_by_key(|&(s, _)| s);
                for i in 0..row.len() {
                    let last_of_run = i + 1 == row.len() || row[i + 1].0 != row[i].0;
                    if last_of_run {
                        statement.push(row[i].0);
                        vote.push(row[i].1);
                    }
                }
                ptr.push(statement.len());
            }
            (ptr, statement, vote)
        };
        drop(self.vote_participant);
        VoteMatrix::from_csr(
            self.participants,
            self.participant_index,
            self.statements,
            self.statement_index,
            p_ptr,
            p_statement,
            p_vote,
            n_s,
        )
    }
}

/// Keeps the last entry of each run of equal keys (input sorted by key).
fn last_of_runs<K: PartialEq>(entries: &[(u32, u32, i8)], key: impl Fn(&(u32, u32, i8)) -> K) -> Vec<(u32, u32, i8)> {
    entries
        .iter()
        .enumerate()
        .filter(|&(i, e)| i + 1 == entries.len() || key(&entries[i + 1]) != key(e))
        .map(|(_, &e)| e)
        .collect()
}

/// Merges sorted, de-duplicated `(row, column, value)` changes into a
/// compressed matrix (row pointers, column indices, values) in place,
/// growing it to `n_rows` rows. A change to an existing entry overwrites its
/// value; new entries are merged in from the back, so each entry moves at
/// most once and no second copy of the arrays is allocated (fresh pages cost
/// more than the copy itself).
fn merge_in_place(
    ptr: &mut Vec<usize>,
    cols: &mut Vec<u32>,
    vals: &mut Vec<i8>,
    n_rows: usize,
    changes: &[(u32, u32, i8)],
) {
    if ptr.is_empty() {
        ptr.push(0);
    }
    let old_rows = ptr.len() - 1;
    let mut inserts = Vec::new();
    for &(row, col, val) in changes {
        let row = row as usize;
        if row < old_rows {
            let start = ptr[row];
            if let Ok(k) = cols[start..ptr[row + 1]].binary_search(&col) {
                vals[start + k] = val;
                continue;
            }
        }
        inserts.push((row, col, val));
    }
    let end = *ptr.last().expect("not empty");
    ptr.resize(n_rows + 1, end);
    let Some(&(first_row, _, _)) = inserts.first() else {
        return;
    };
    let new_len = cols.len() + inserts.len();
    cols.resize(new_len, 0);
    vals.resize(new_len, 0);
    let mut write = new_len;
    let mut pending = inserts.len();
    for row in (first_row..n_rows).rev() {
        let (start, end) = (ptr[row], ptr[row + 1]);
        let mut first = pending;
        while first > 0 && inserts[first - 1].0 == row {
            first -= 1;
        }
        let row_inserts = &inserts[first..pending];
        let row_end = write;
        if row_inserts.is_empty() {
            let len = end - start;
            cols.copy_within(start..end, write - len);
            vals.copy_within(start..end, write - len);
            write -= len;
        } else {
            // Backward merge; `write` never falls below the read position.
            let (mut i, mut j) = (end, row_inserts.len());
            while i > start || j > 0 {
                write -= 1;
                if j > 0 && (i == start || row_inserts[j - 1].1 > cols[i - 1]) {
                    (cols[write], vals[write]) = (row_inserts[j - 1].1, row_inserts[j - 1].2);
                    j -= 1;
                } else {
                    (cols[write], vals[write]) = (cols[i - 1], vals[i - 1]);
                    i -= 1;
                }
            }
        }
        ptr[row + 1] = row_end;
        pending = first;
    }
    debug_assert_eq!(write, ptr[first_row]);
}

/// Votes of a conversation in compressed sparse form, both by participant and
/// by statement. Indices (`u32`) are positions in [`participants`] (order of
/// first appearance) and [`statements`] (ascending id when built; statements
/// added later by [`apply`](VoteMatrix::apply) are appended).
///
/// [`participants`]: VoteMatrix::participants
/// [`statements`]: VoteMatrix::statements
#[derive(Clone, Debug, Default)]
pub struct VoteMatrix {
    participants: Vec<ParticipantId>,
    participant_index: HashMap<ParticipantId, u32>,
    statements: Vec<u64>,
    statement_index: HashMap<u64, u32>,
    p_ptr: Vec<usize>,
    p_statement: Vec<u32>,
    p_vote: Vec<i8>,
    s_ptr: Vec<usize>,
    s_participant: Vec<u32>,
    s_vote: Vec<i8>,
}

impl VoteMatrix {
    /// Builds a matrix from `(participant, statement, vote)` triples; later
    /// votes on the same pair replace earlier ones.
    pub fn from_votes<I, P>(votes: I) -> Result<Self, InsightError>
    where
        I: IntoIterator<Item = (P, u64, i8)>,
        P: Into<ParticipantId>,
    {
        let mut builder = VoteMatrixBuilder::new();
        for (p, s, v) in votes {
            builder.add(p, s, v)?;
        }
        Ok(builder.build())
    }

    #[allow(clippy::too_many_arguments)]
    fn from_csr(
        participants: Vec<ParticipantId>,
        participant_index: HashMap<ParticipantId, u32>,
        statements: Vec<u64>,
        statement_index: HashMap<u64, u32>,
        p_ptr: Vec<usize>,
        p_statement: Vec<u32>,
        p_vote: Vec<i8>,
        n_s: usize,
    ) -> Self {
        // Transpose by counting sort; participants come out ascending.
        let mut s_ptr = vec![0usize; n_s + 1];
        for &s in &p_statement {
            s_ptr[s as usize + 1] += 1;
        }
        for i in 0..n_s {
            s_ptr[i + 1] += s_ptr[i];
        }
        let mut fill = s_ptr.clone();
        let mut s_participant = vec![0u32; p_statement.len()];
        let mut s_vote = vec![0i8; p_statement.len()];
        for p in 0..participants.len() {
            for k in p_ptr[p]..p_ptr[p + 1] {
                let s = p_statement[k] as usize;
                s_participant[fill[s]] = p as u32;
                s_vote[fill[s]] = p_vote[k];
                fill[s] += 1;
            }
        }
        VoteMatrix {
            participants,
            participant_index,
            statements,
            statement_index,
            p_ptr,
            p_statement,
            p_vote,
            s_ptr,
            s_participant,
            s_vote,
        }
    }

    /// Applies a batch of new or changed votes (the last vote on a pair
    /// counts). New participants and statements are appended, so existing
    /// indices keep their meaning. Changed votes are overwritten in place and
    /// new ones merged in place: the cost is one move of the arrays plus a
    /// sort of the batch, not a rebuild. On a bad vote the matrix is left
    /// unchanged.
    pub fn apply(&mut self, votes: &[Vote]) -> Result<(), InsightError> {
        for v in votes {
            check_vote(i64::from(v.vote))?;
        }
        let mut builder = VoteMatrixBuilder {
            participants: std::mem::take(&mut self.participants),
            participant_index: std::mem::take(&mut self.participant_index),
            statements: std::mem::take(&mut self.statements),
            statement_index: std::mem::take(&mut self.statement_index),
            ..VoteMatrixBuilder::default()
        };
        for v in votes {
            builder.add_checked(v.participant.clone(), v.statement, v.vote);
        }
        let mut batch = builder.take_triples();
        // Stable: among repeated pairs the last vote of the batch ends last.
        batch.sort_by_key(|&(p, s, _)| (p, s));
        let batch = last_of_runs(&batch, |e| (e.0, e.1));
        merge_in_place(
            &mut self.p_ptr,
            &mut self.p_statement,
            &mut self.p_vote,
            builder.participants.len(),
            &batch,
        );
        let mut by_statement: Vec<(u32, u32, i8)> = batch.iter().map(|&(p, s, v)| (s, p, v)).collect();
        by_statement.sort_unstable_by_key(|&(s, p, _)| (s, p));
        merge_in_place(
            &mut self.s_ptr,
            &mut self.s_participant,
            &mut self.s_vote,
            builder.statements.len(),
            &by_statement,
        );
        self.participants = builder.participants;
        self.participant_index = builder.participant_index;
        self.statements = builder.statements;
        self.statement_index = builder.statement_index;
        Ok(())
    }

    pub fn n_participants(&self) -> usize {
        self.participants.len()
    }

    pub fn n_statements(&self) -> usize {
        self.statements.len()
    }

    /// Number of distinct (participant, statement) votes.
    pub fn n_votes(&self) -> usize {
        self.p_statement.len()
    }

    pub fn participants(&self) -> &[ParticipantId] {
        &self.participants
    }

    pub fn statements(&self) -> &[u64] {
        &self.statements
    }

    pub fn statement_index(&self, id: u64) -> Option<usize> {
        self.statement_index.get(&id).map(|&s| s as usize)
    }

    pub fn participant_index(&self, id: &ParticipantId) -> Option<usize> {
        self.participant_index.get(id).map(|&p| p as usize)
    }

    /// Statement indices (ascending) and votes of participant `p`.
    pub fn participant_votes(&self, p: usize) -> (&[u32], &[i8]) {
        let r = self.p_ptr[p]..self.p_ptr[p + 1];
        (&self.p_statement[r.clone()], &self.p_vote[r])
    }

    /// Participant indices (ascending) and votes on statement `s`.
    pub fn statement_votes(&self, s: usize) -> (&[u32], &[i8]) {
        let r = self.s_ptr[s]..self.s_ptr[s + 1];
        (&self.s_participant[r.clone()], &self.s_vote[r])
    }

    pub fn vote_count(&self, p: usize) -> usize {
        self.p_ptr[p + 1] - self.p_ptr[p]
    }

    /// The votes of participants `keep` (ascending indices, renumbered
    /// `0..keep.len()`) for which `take(participant, statement, vote)` holds,
    /// over the same statements: a copy with some votes set aside.
    pub(crate) fn subset(&self, keep: &[usize], take: impl Fn(usize, usize, i8) -> bool) -> VoteMatrix {
        let mut p_ptr = Vec::with_capacity(keep.len() + 1);
        p_ptr.push(0);
        let (mut p_statement, mut p_vote) = (Vec::new(), Vec::new());
        for &p in keep {
            let (statements, votes) = self.participant_votes(p);
            for (&s, &v) in statements.iter().zip(votes) {
                if take(p, s as usize, v) {
                    p_statement.push(s);
                    p_vote.push(v);
                }
            }
            p_ptr.push(p_statement.len());
        }
        let participants: Vec<ParticipantId> = keep.iter().map(|&p| self.participants[p].clone()).collect();
        let participant_index = participants
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i as u32))
            .collect();
        Self::from_csr(
            participants,
            participant_index,
            self.statements.clone(),
            self.statement_index.clone(),
            p_ptr,
            p_statement,
            p_vote,
            self.statements.len(),
        )
    }

    /// The vote of participant `p` on statement `s`, if any.
    pub fn get(&self, p: usize, s: usize) -> Option<i8> {
        let (statements, votes) = self.participant_votes(p);
        statements.binary_search(&(s as u32)).ok().map(|k| votes[k])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_vote_counts_and_both_layouts_agree() {
        let m = VoteMatrix::from_votes([
            ("a", 10, 1),
            ("b", 10, -1),
            ("a", 11, 0),
            ("a", 10, -1), // replaces a's first vote on 10
            ("c", 12, 1),
        ])
        .unwrap();
        assert_eq!(m.n_participants(), 3);
        assert_eq!(m.n_statements(), 3);
        assert_eq!(m.n_votes(), 4);
        let a = m.participant_index(&"a".into()).unwrap();
        let s10 = m.statement_index(10).unwrap();
        assert_eq!(m.get(a, s10), Some(-1));
        assert_eq!(m.statement_votes(s10), (&[0u32, 1][..], &[-1i8, -1][..]));
        let (ps, vs) = m.statement_votes(m.statement_index(11).unwrap());
        assert_eq!((ps, vs), (&[0u32][..], &[0i8][..]));
    }

    #[test]
    fn subset_renumbers_the_kept_participants_and_drops_votes() {
        let m =
            VoteMatrix::from_votes([("a", 10, 1), ("b", 10, -1), ("b", 11, 0), ("c", 11, 1), ("c", 12, -1)]).unwrap();
        // Keep b and c, without the votes on statement 11.
        let sub = m.subset(&[1, 2], |_, s, _| m.statements()[s] != 11);
        assert_eq!(sub.participants(), &["b".into(), "c".into()]);
        assert_eq!(sub.statements(), m.statements());
        assert_eq!(sub.n_votes(), 2);
        assert_eq!(sub.participant_votes(0), (&[0u32][..], &[-1i8][..]));
        assert_eq!(sub.statement_votes(2), (&[1u32][..], &[-1i8][..]));
        assert_eq!(sub.participant_index(&"c".into()), Some(1));
    }

    #[test]
    fn rejects_votes_outside_minus_one_to_one() {
        let err = VoteMatrix::from_votes([(1u64, 1, 2)]).unwrap_err();
        assert_eq!(err.to_string(), "vote must be 1, -1 or 0, got 2");
    }

    #[test]
    fn apply_appends_and_replaces() {
        let mut m = VoteMatrix::from_votes([(1u64, 1, 1), (2, 1, 1)]).unwrap();
        m.apply(&[
            Vote {
                participant: 1u64.into(),
                statement: 1,
                vote: -1,
            },
            Vote {
                participant: 3u64.into(),
                statement: 2,
                vote: 0,
            },
        ])
        .unwrap();
        assert_eq!(m.n_participants(), 3);
        assert_eq!(m.n_votes(), 3);
        assert_eq!(m.get(0, 0), Some(-1));
        assert_eq!(m.get(2, 1), Some(0));
        let before = m.clone();
        let bad = [
            Vote {
                participant: 9u64.into(),
                statement: 1,
                vote: 1,
            },
            Vote {
                participant: 1u64.into(),
                statement: 1,
                vote: 7,
            },
        ];
        assert!(m.apply(&bad).is_err());
        assert_eq!(m.participants(), before.participants());
        assert_eq!(m.n_votes(), before.n_votes());
    }

    /// Applying a batch (replacing votes, adding votes, new participants and
    /// new statements) gives the same votes as building from all of them at
    /// once, and the two layouts stay transposes of each other.
    #[test]
    fn apply_matches_a_rebuild() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(3);
        let mut votes: Vec<(u64, u64, i8)> = (0..2000)
            .map(|_| {
                (
                    rng.random_range(0..60),
                    rng.random_range(0..25),
                    rng.random_range(-1..=1),
                )
            })
            .collect();
        let batch: Vec<(u64, u64, i8)> = (0..1000)
            .map(|_| {
                (
                    rng.random_range(0..80),
                    rng.random_range(0..30),
                    rng.random_range(-1..=1),
                )
            })
            .collect();
        let mut merged = VoteMatrix::from_votes(votes.iter().copied()).unwrap();
        let as_votes: Vec<Vote> = batch
            .iter()
            .map(|&(p, s, v)| Vote {
                participant: p.into(),
                statement: s,
                vote: v,
            })
            .collect();
        merged.apply(&as_votes).unwrap();
        votes.extend(batch);
        let whole = VoteMatrix::from_votes(votes.iter().copied()).unwrap();

        assert_eq!(merged.n_votes(), whole.n_votes());
        assert_eq!(merged.participants(), whole.participants());
        for (p, id) in merged.participants().iter().enumerate() {
            let wp = whole.participant_index(id).unwrap();
            for (s, &sid) in merged.statements().iter().enumerate() {
                let ws = whole.statement_index(sid).unwrap();
                assert_eq!(merged.get(p, s), whole.get(wp, ws), "participant {id}, statement {sid}");
            }
        }
        let mut by_statement = 0;
        for s in 0..merged.n_statements() {
            let (ps, vs) = merged.statement_votes(s);
            assert!(ps.windows(2).all(|w| w[0] < w[1]));
            for (&p, &v) in ps.iter().zip(vs) {
                assert_eq!(merged.get(p as usize, s), Some(v));
            }
            by_statement += ps.len();
        }
        assert_eq!(by_statement, merged.n_votes());
    }

    #[test]
    fn ids_parse_canonically() {
        assert_eq!(ParticipantId::parse("42"), ParticipantId::Int(42));
        assert_eq!(ParticipantId::parse("0"), ParticipantId::Int(0));
        assert_eq!(ParticipantId::parse("007"), ParticipantId::Text("007".into()));
        assert_eq!(ParticipantId::parse("+1"), ParticipantId::Text("+1".into()));
        assert_eq!(ParticipantId::parse("alice"), ParticipantId::Text("alice".into()));
    }
}
