//! The sparse vote matrix: who voted what on which statement.
//!
//! Votes are stored twice, compressed by participant (CSR) and by statement
//! (CSC), because the kernels alternate between the two directions. A dense
//! participants × statements matrix is never built: the largest Polis
//! conversation (33k × 783) is 97 % empty.

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
        let canonical = !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit())
            && (text == "0" || !text.starts_with('0'));
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
    // (participant index, statement index, vote) in arrival order.
    entries: Vec<(u32, u32, i8)>,
    // CSV files are sorted by participant, so the previous participant is
    // usually the next one too; this saves a hash lookup per vote.
    last_participant: Option<(ParticipantId, u32)>,
}

impl VoteMatrixBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a vote; `vote` must be 1 (agree), -1 (disagree) or 0 (pass).
    pub fn add(
        &mut self,
        participant: impl Into<ParticipantId>,
        statement: u64,
        vote: i8,
    ) -> Result<(), InsightError> {
        let vote = check_vote(i64::from(vote))?;
        let p = self.participant_slot(participant.into());
        let s = self.statement_slot(statement);
        self.entries.push((p, s, vote));
        Ok(())
    }

    pub(crate) fn add_checked(&mut self, participant: ParticipantId, statement: u64, vote: i8) {
        let p = self.participant_slot(participant);
        let s = self.statement_slot(statement);
        self.entries.push((p, s, vote));
    }

    /// Like [`add_checked`](Self::add_checked) but avoids allocating an id
    /// when the participant is the same as on the previous call.
    pub(crate) fn add_text_participant(&mut self, participant: &str, statement: u64, vote: i8) {
        let p = match &self.last_participant {
            Some((id, p)) if id_matches(id, participant) => *p,
            _ => self.participant_slot(ParticipantId::parse(participant)),
        };
        let s = self.statement_slot(statement);
        self.entries.push((p, s, vote));
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

    pub fn build(self) -> VoteMatrix {
        let n_p = self.participants.len();
        let n_s = self.statements.len();
        // Counting sort by participant keeps arrival order inside a row, so a
        // stable sort by statement then leaves the last vote of a repeated
        // pair at the end of its run.
        let mut row_len = vec![0usize; n_p + 1];
        for &(p, _, _) in &self.entries {
            row_len[p as usize + 1] += 1;
        }
        for i in 0..n_p {
            row_len[i + 1] += row_len[i];
        }
        let mut fill = row_len.clone();
        let mut sorted = vec![(0u32, 0i8); self.entries.len()];
        for &(p, s, v) in &self.entries {
            sorted[fill[p as usize]] = (s, v);
            fill[p as usize] += 1;
        }
        drop(self.entries);
        let mut p_ptr = Vec::with_capacity(n_p + 1);
        let mut p_statement = Vec::with_capacity(sorted.len());
        let mut p_vote = Vec::with_capacity(sorted.len());
        p_ptr.push(0);
        for p in 0..n_p {
            let row = &mut sorted[row_len[p]..row_len[p + 1]];
            if !row.windows(2).all(|w| w[0].0 < w[1].0) {
                row.sort_by_key(|&(s, _)| s);
            }
            for i in 0..row.len() {
                let last_of_run = i + 1 == row.len() || row[i + 1].0 != row[i].0;
                if last_of_run {
                    p_statement.push(row[i].0);
                    p_vote.push(row[i].1);
                }
            }
            p_ptr.push(p_statement.len());
        }
        drop(sorted);
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

/// Merges sorted `(row, column, value)` changes into a compressed matrix
/// (row pointers, column indices, values) with `n_rows` rows; a change to an
/// existing entry replaces its value.
fn merge_rows(
    (ptr, cols, vals): (&[usize], &[u32], &[i8]),
    n_rows: usize,
    changes: &[(u32, u32, i8)],
) -> (Vec<usize>, Vec<u32>, Vec<i8>) {
    let mut out_ptr = Vec::with_capacity(n_rows + 1);
    let mut out_cols = Vec::with_capacity(cols.len() + changes.len());
    let mut out_vals = Vec::with_capacity(cols.len() + changes.len());
    out_ptr.push(0);
    let old_rows = ptr.len().saturating_sub(1);
    let mut c = 0;
    for row in 0..n_rows {
        let (old_c, old_v) = if row < old_rows {
            (&cols[ptr[row]..ptr[row + 1]], &vals[ptr[row]..ptr[row + 1]])
        } else {
            (&[][..], &[][..])
        };
        let start = c;
        while c < changes.len() && changes[c].0 as usize == row {
            c += 1;
        }
        let new = &changes[start..c];
        if new.is_empty() {
            out_cols.extend_from_slice(old_c);
            out_vals.extend_from_slice(old_v);
        } else {
            let (mut i, mut j) = (0, 0);
            while i < old_c.len() || j < new.len() {
                let take_new = j < new.len() && (i == old_c.len() || new[j].1 <= old_c[i]);
                if take_new {
                    if i < old_c.len() && new[j].1 == old_c[i] {
                        i += 1; // replaced
                    }
                    out_cols.push(new[j].1);
                    out_vals.push(new[j].2);
                    j += 1;
                } else {
                    out_cols.push(old_c[i]);
                    out_vals.push(old_v[i]);
                    i += 1;
                }
            }
        }
        out_ptr.push(out_cols.len());
    }
    (out_ptr, out_cols, out_vals)
}

fn id_matches(id: &ParticipantId, text: &str) -> bool {
    match id {
        ParticipantId::Text(s) => s == text,
        ParticipantId::Int(n) => {
            // Compare without allocating: canonical digits only.
            let mut buf = [0u8; 20];
            let mut i = buf.len();
            let mut v = *n;
            loop {
                i -= 1;
                buf[i] = b'0' + (v % 10) as u8;
                v /= 10;
                if v == 0 {
                    break;
                }
            }
            &buf[i..] == text.as_bytes()
        }
    }
}

/// Votes of a conversation in compressed sparse form, both by participant and
/// by statement. Indices (`u32`) are positions in [`participants`] and
/// [`statements`] (order of first appearance).
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
    /// indices keep their meaning. Unchanged rows and columns are copied as
    /// blocks: the cost is one copy of the arrays plus a sort of the batch,
    /// not a rebuild. On a bad vote the matrix is left unchanged.
    pub fn apply(&mut self, votes: &[Vote]) -> Result<(), InsightError> {
        for v in votes {
            check_vote(i64::from(v.vote))?;
        }
        let mut builder = VoteMatrixBuilder {
            participants: std::mem::take(&mut self.participants),
            participant_index: std::mem::take(&mut self.participant_index),
            statements: std::mem::take(&mut self.statements),
            statement_index: std::mem::take(&mut self.statement_index),
            entries: Vec::with_capacity(votes.len()),
            last_participant: None,
        };
        for v in votes {
            builder.add_checked(v.participant.clone(), v.statement, v.vote);
        }
        let mut batch = std::mem::take(&mut builder.entries);
        // Stable: among repeated pairs the last vote of the batch ends last.
        batch.sort_by_key(|&(p, s, _)| (p, s));
        let batch = last_of_runs(&batch, |e| (e.0, e.1));
        (self.p_ptr, self.p_statement, self.p_vote) = merge_rows(
            (&self.p_ptr, &self.p_statement, &self.p_vote),
            builder.participants.len(),
            &batch,
        );
        let mut by_statement: Vec<(u32, u32, i8)> = batch.iter().map(|&(p, s, v)| (s, p, v)).collect();
        by_statement.sort_unstable_by_key(|&(s, p, _)| (s, p));
        (self.s_ptr, self.s_participant, self.s_vote) = merge_rows(
            (&self.s_ptr, &self.s_participant, &self.s_vote),
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

    /// The vote of participant `p` on statement `s`, if any.
    pub fn get(&self, p: usize, s: usize) -> Option<i8> {
        let (statements, votes) = self.participant_votes(p);
        statements
            .binary_search(&(s as u32))
            .ok()
            .map(|k| votes[k])
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
    fn rejects_votes_outside_minus_one_to_one() {
        let err = VoteMatrix::from_votes([(1u64, 1, 2)]).unwrap_err();
        assert_eq!(err.to_string(), "vote must be 1, -1 or 0, got 2");
    }

    #[test]
    fn apply_appends_and_replaces() {
        let mut m = VoteMatrix::from_votes([(1u64, 1, 1), (2, 1, 1)]).unwrap();
        m.apply(&[
            Vote { participant: 1u64.into(), statement: 1, vote: -1 },
            Vote { participant: 3u64.into(), statement: 2, vote: 0 },
        ])
        .unwrap();
        assert_eq!(m.n_participants(), 3);
        assert_eq!(m.n_votes(), 3);
        assert_eq!(m.get(0, 0), Some(-1));
        assert_eq!(m.get(2, 1), Some(0));
        let before = m.clone();
        let bad = [
            Vote { participant: 9u64.into(), statement: 1, vote: 1 },
            Vote { participant: 1u64.into(), statement: 1, vote: 7 },
        ];
        assert!(m.apply(&bad).is_err());
        assert_eq!(m.participants(), before.participants());
        assert_eq!(m.n_votes(), before.n_votes());
    }

    /// Applying a batch must give exactly the matrix built from all votes
    /// at once (same layouts in both directions).
    #[test]
    fn apply_matches_a_rebuild() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(3);
        let votes: Vec<(u64, u64, i8)> = (0..3000)
            .map(|_| (rng.random_range(0..80), rng.random_range(0..30), rng.random_range(-1..=1)))
            .collect();
        let (first, second) = votes.split_at(2000);
        let whole = VoteMatrix::from_votes(votes.iter().copied()).unwrap();
        let batch: Vec<Vote> = second
            .iter()
            .map(|&(p, s, v)| Vote { participant: p.into(), statement: s, vote: v })
            .collect();
        let mut merged = VoteMatrix::from_votes(first.iter().copied()).unwrap();
        merged.apply(&batch).unwrap();
        assert_eq!(merged.participants(), whole.participants());
        assert_eq!(merged.statements(), whole.statements());
        assert_eq!((&merged.p_ptr, &merged.p_statement, &merged.p_vote), (&whole.p_ptr, &whole.p_statement, &whole.p_vote));
        assert_eq!((&merged.s_ptr, &merged.s_participant, &merged.s_vote), (&whole.s_ptr, &whole.s_participant, &whole.s_vote));
    }

    #[test]
    fn ids_parse_canonically() {
        assert_eq!(ParticipantId::parse("42"), ParticipantId::Int(42));
        assert_eq!(ParticipantId::parse("0"), ParticipantId::Int(0));
        assert_eq!(ParticipantId::parse("007"), ParticipantId::Text("007".into()));
        assert_eq!(ParticipantId::parse("+1"), ParticipantId::Text("+1".into()));
        assert_eq!(ParticipantId::parse("alice"), ParticipantId::Text("alice".into()));
        assert!(id_matches(&ParticipantId::Int(1230), "1230"));
        assert!(!id_matches(&ParticipantId::Int(1230), "01230"));
    }
}
