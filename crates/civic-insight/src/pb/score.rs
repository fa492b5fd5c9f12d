//! Scores: what greedy rules rank by.
//!
//! - approval and choose-1: the number of ballots naming the project;
//! - cumulative: the sum of its points;
//! - ordinal: points by position, as Kraków counts — with ballots of at most
//!   `L` choices (META `max_length`, else the longest ballot) the first
//!   choice gets `L` points, the second `L - 1`, …; ballots that carry their
//!   own points (a `points` column) are summed as given instead.
//!
//! A score is always computed from the ballots, never taken from a file's
//! `votes`/`score` columns.

use rayon::prelude::*;

use super::{BallotKind, Election};

/// Ballots per parallel chunk: large enough that summing the per-chunk
/// vectors costs nothing next to the counting.
const CHUNK: usize = 16_384;

/// Score of every project, indexed like [`Election::projects`].
pub fn scores(election: &Election) -> Vec<i64> {
    let n_projects = election.projects.len();
    let ballots = &election.ballots;
    let positional = election.kind == BallotKind::Ordinal && !ballots.has_points();
    let top = election.max_length.unwrap_or(0).max(ballots.max_len()) as i64;
    let chunks = ballots.len().div_ceil(CHUNK);
    (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut acc = vec![0i64; n_projects];
            for i in c * CHUNK..((c + 1) * CHUNK).min(ballots.len()) {
                let ballot = ballots.get(i);
                match (ballot.points, positional) {
                    (_, true) => {
                        for (pos, &p) in ballot.projects.iter().enumerate() {
                            acc[p as usize] += top - pos as i64;
                        }
                    }
                    (Some(points), false)
                        if election.kind != BallotKind::Approval && election.kind != BallotKind::ChooseOne =>
                    {
                        for (&p, &pt) in ballot.projects.iter().zip(points) {
                            acc[p as usize] = acc[p as usize].saturating_add(pt);
                        }
                    }
                    _ => {
                        for &p in ballot.projects {
                            acc[p as usize] += 1;
                        }
                    }
                }
            }
            acc
        })
        .reduce(
            || vec![0i64; n_projects],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x = x.saturating_add(y);
                }
                a
            },
        )
}

/// Number of ballots naming each project (whatever the points).
pub fn supporters(election: &Election) -> Vec<i64> {
    let mut acc = vec![0i64; election.projects.len()];
    for ballot in election.ballots.iter() {
        for &p in ballot.projects {
            acc[p as usize] += 1;
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pb::{Ballots, Project};

    fn election(kind: BallotKind, ballots: &[(&[u32], Option<&[i64]>)], max_length: Option<usize>) -> Election {
        let projects = (0..3)
            .map(|i| Project {
                id: format!("p{i}"),
                name: String::new(),
                cost: 100,
                categories: vec![],
            })
            .collect();
        let mut set = Ballots::new(ballots.first().is_some_and(|b| b.1.is_some()));
        for (p, pts) in ballots {
            set.push(p, *pts).unwrap();
        }
        let mut e = Election::new(1000, projects, kind, set);
        e.max_length = max_length;
        e
    }

    #[test]
    fn approval_counts_ballots() {
        let e = election(
            BallotKind::Approval,
            &[(&[0, 1], None), (&[1], None), (&[], None)],
            None,
        );
        assert_eq!(scores(&e), [1, 2, 0]);
    }

    #[test]
    fn cumulative_sums_points() {
        let e = election(
            BallotKind::Cumulative,
            &[(&[0, 1], Some(&[3, 2])), (&[2, 1], Some(&[4, 1]))],
            None,
        );
        assert_eq!(scores(&e), [3, 3, 4]);
    }

    #[test]
    fn ordinal_gives_points_by_position_from_max_length() {
        // Kraków: at most 3 choices, so 3, 2, 1 points.
        let e = election(BallotKind::Ordinal, &[(&[2, 0, 1], None), (&[0], None)], Some(3));
        assert_eq!(scores(&e), [2 + 3, 1, 3]);
        // Without max_length the longest ballot sets L.
        let e = election(BallotKind::Ordinal, &[(&[2, 0], None), (&[0], None)], None);
        assert_eq!(scores(&e), [1 + 2, 0, 2]);
    }

    #[test]
    fn ordinal_with_points_uses_them() {
        let e = election(BallotKind::Ordinal, &[(&[1, 0], Some(&[4, 3]))], Some(4));
        assert_eq!(scores(&e), [3, 4, 0]);
    }
}
