//! What each group stands for, what everyone shares, what divides them.
//!
//! The statistics follow Polis (`math/src/polismath/math/repness.clj`):
//! proportions carry a pseudo-count (`p = (n_agree + 1) / (n_seen + 2)`),
//! "seen" counts passes, and a result is kept only when a z-test clears the
//! one-sided 90 % bar (z > 1.2816).
//!
//! * Representative statements of group g: the group agrees (or disagrees)
//!   more than half the time (one-proportion test) *and* more than the rest
//!   of the participants in groups (two-proportion test); ranked by Polis'
//!   metric `ratio × z_vs_rest × p × z_in`.
//! * Consensus: every group, taken separately, significantly agrees (or
//!   disagrees); ranked by the product over groups of the group's
//!   proportion ("group-informed consensus", Small et al. 2021), so a large
//!   group cannot outvote a small one.
//! * Divisive: the groups with the highest and lowest agreement differ
//!   significantly (two-proportion test, z > 1.645); ranked by the spread of
//!   agreement between groups, weighted by group size.

use rayon::prelude::*;

use crate::matrix::VoteMatrix;

/// One-sided 90 % normal quantile, as in Polis.
pub const Z_90: f64 = 1.2816;
/// One-sided 95 % normal quantile, used for divisiveness.
pub const Z_95: f64 = 1.6449;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
}

impl Counts {
    pub fn seen(&self) -> u32 {
        self.agree + self.disagree + self.pass
    }

    fn add(&mut self, vote: i8) {
        match vote {
            1 => self.agree += 1,
            -1 => self.disagree += 1,
            _ => self.pass += 1,
        }
    }

    fn minus(self, other: Counts) -> Counts {
        Counts {
            agree: self.agree - other.agree,
            disagree: self.disagree - other.disagree,
            pass: self.pass - other.pass,
        }
    }

    fn successes(&self, direction: Direction) -> u32 {
        match direction {
            Direction::Agree => self.agree,
            Direction::Disagree => self.disagree,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Agree,
    Disagree,
}

/// Proportion with Polis' pseudo-count: `(succ + 1) / (n + 2)`.
pub fn proportion(succ: u32, n: u32) -> f64 {
    (f64::from(succ) + 1.0) / (f64::from(n) + 2.0)
}

/// Polis' one-proportion test against 1/2, with pseudo-counts:
/// `2 √(n+1) ((succ+1)/(n+1) − ½)`.
pub fn prop_test(succ: u32, n: u32) -> f64 {
    let (succ, n) = (f64::from(succ) + 1.0, f64::from(n) + 1.0);
    2.0 * n.sqrt() * (succ / n - 0.5)
}

/// Polis' two-proportion z-test with pseudo-counts (one added to each count).
pub fn two_prop_test(succ_in: u32, n_in: u32, succ_out: u32, n_out: u32) -> f64 {
    let (s1, n1) = (f64::from(succ_in) + 1.0, f64::from(n_in) + 1.0);
    let (s2, n2) = (f64::from(succ_out) + 1.0, f64::from(n_out) + 1.0);
    let pooled = (s1 + s2) / (n1 + n2);
    let var = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
    if var <= 0.0 {
        return 0.0;
    }
    (s1 / n1 - s2 / n2) / var.sqrt()
}

/// Vote counts on every statement: overall (all participants) and per group
/// (participants in groups only).
#[derive(Clone, Debug)]
pub struct StatementCounts {
    pub overall: Vec<Counts>,
    /// `by_group[s][g]`.
    pub by_group: Vec<Vec<Counts>>,
}

pub fn count_votes(m: &VoteMatrix, group_of: &[Option<usize>], k: usize) -> StatementCounts {
    // One byte per participant keeps the lookups of the column pass in cache.
    const NONE: u8 = u8::MAX;
    let group_byte: Vec<u8> = group_of
        .iter()
        .map(|g| g.map_or(NONE, |g| u8::try_from(g).expect("at most 20 groups")))
        .collect();
    let (overall, by_group): (Vec<Counts>, Vec<Vec<Counts>>) = (0..m.n_statements())
        .into_par_iter()
        .map(|s| {
            let (ps, vs) = m.statement_votes(s);
            let mut overall = Counts::default();
            let mut groups = vec![Counts::default(); k];
            for (&p, &v) in ps.iter().zip(vs) {
                overall.add(v);
                let g = group_byte[p as usize];
                if g != NONE {
                    groups[usize::from(g)].add(v);
                }
            }
            (overall, groups)
        })
        .unzip();
    StatementCounts { overall, by_group }
}

/// A statement that sets a group apart.
#[derive(Clone, Debug, PartialEq)]
pub struct Representative {
    pub statement: usize,
    pub direction: Direction,
    /// Share of the group voting in `direction` (with pseudo-counts).
    pub p_group: f64,
    /// Same share among the other participants in groups.
    pub p_rest: f64,
    pub z_group: f64,
    pub z_vs_rest: f64,
    pub metric: f64,
}

/// Representative statements of group `g`, best first, at most `max`.
pub fn representative(counts: &StatementCounts, g: usize, max: usize) -> Vec<Representative> {
    let mut found: Vec<Representative> = counts
        .by_group
        .iter()
        .enumerate()
        .filter_map(|(s, groups)| {
            let total = groups.iter().fold(Counts::default(), |mut t, c| {
                t.agree += c.agree;
                t.disagree += c.disagree;
                t.pass += c.pass;
                t
            });
            let inside = groups[g];
            let rest = total.minus(inside);
            [Direction::Agree, Direction::Disagree]
                .into_iter()
                .filter_map(|d| {
                    let (succ_in, n_in) = (inside.successes(d), inside.seen());
                    let (succ_out, n_out) = (rest.successes(d), rest.seen());
                    let p_group = proportion(succ_in, n_in);
                    let p_rest = proportion(succ_out, n_out);
                    let z_group = prop_test(succ_in, n_in);
                    let z_vs_rest = two_prop_test(succ_in, n_in, succ_out, n_out);
                    (z_group > Z_90 && z_vs_rest > Z_90).then(|| Representative {
                        statement: s,
                        direction: d,
                        p_group,
                        p_rest,
                        z_group,
                        z_vs_rest,
                        metric: (p_group / p_rest) * z_vs_rest * p_group * z_group,
                    })
                })
                .max_by(|a, b| a.metric.total_cmp(&b.metric))
        })
        .collect();
    found.sort_by(|a, b| b.metric.total_cmp(&a.metric).then(a.statement.cmp(&b.statement)));
    found.truncate(max);
    found
}

/// Statements every group significantly agrees with (or disagrees with),
/// best first: `(statement, product of the groups' proportions)`.
pub fn consensus(counts: &StatementCounts, direction: Direction) -> Vec<(usize, f64)> {
    let mut found: Vec<(usize, f64)> = counts
        .by_group
        .iter()
        .enumerate()
        .filter(|(_, groups)| !groups.is_empty())
        .filter(|(_, groups)| {
            groups
                .iter()
                .all(|c| prop_test(c.successes(direction), c.seen()) > Z_90)
        })
        .map(|(s, groups)| {
            let score = groups
                .iter()
                .map(|c| proportion(c.successes(direction), c.seen()))
                .product();
            (s, score)
        })
        .collect();
    found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    found
}

/// Statements on which groups disagree most, best first, at most `max`:
/// `(statement, size-weighted standard deviation of the groups' agreement)`.
pub fn divisive(counts: &StatementCounts, group_sizes: &[usize], max: usize) -> Vec<(usize, f64)> {
    if group_sizes.len() < 2 {
        return Vec::new();
    }
    let mut found: Vec<(usize, f64)> = counts
        .by_group
        .iter()
        .enumerate()
        .filter_map(|(s, groups)| {
            let p: Vec<f64> = groups.iter().map(|c| proportion(c.agree, c.seen())).collect();
            let hi = (0..p.len()).max_by(|&a, &b| p[a].total_cmp(&p[b]))?;
            let lo = (0..p.len()).min_by(|&a, &b| p[a].total_cmp(&p[b]))?;
            let z = two_prop_test(groups[hi].agree, groups[hi].seen(), groups[lo].agree, groups[lo].seen());
            if z <= Z_95 {
                return None;
            }
            let total: f64 = group_sizes.iter().map(|&n| n as f64).sum();
            let mean: f64 = p.iter().zip(group_sizes).map(|(p, &n)| p * n as f64).sum::<f64>() / total;
            let var: f64 = p
                .iter()
                .zip(group_sizes)
                .map(|(p, &n)| n as f64 * (p - mean) * (p - mean))
                .sum::<f64>()
                / total;
            Some((s, var.sqrt()))
        })
        .collect();
    found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    found.truncate(max);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// prop_test(8 agree of 10 seen): succ = 9, n = 11,
    /// 2·√11·(9/11 − 0.5) = 2 · 3.31662 · 0.31818 = 2.11058.
    /// With no votes: 2·√1·(1/1 − ½) = 1, below the 1.2816 bar, so a
    /// statement nobody in a group saw is never significant for it.
    #[test]
    fn prop_test_by_hand() {
        assert!((prop_test(8, 10) - 2.110_579).abs() < 1e-6);
        assert_eq!(prop_test(0, 0), 1.0);
    }

    /// two_prop_test(8 of 10 vs 2 of 10): s1 = 9/11, s2 = 3/11,
    /// pooled = 12/22 = 0.54545, var = 0.54545·0.45455·(2/11) = 0.045079,
    /// z = (6/11) / 0.212318 = 2.569047.
    #[test]
    fn two_prop_test_by_hand() {
        assert!((two_prop_test(8, 10, 2, 10) - 2.569_047).abs() < 1e-5);
        assert_eq!(two_prop_test(0, 0, 0, 0), 0.0);
    }

    fn counts(groups: &[[u32; 3]]) -> Vec<Counts> {
        groups
            .iter()
            .map(|&[agree, disagree, pass]| Counts { agree, disagree, pass })
            .collect()
    }

    /// Two groups of 10. Statement 0: group 0 agrees 9/10, group 1 agrees
    /// 1/10 — representative of group 0 (agree) and of group 1 (disagree),
    /// and divisive. Statement 1: both agree 9/10 — consensus, not
    /// representative. Statement 2: split 5/5 in both — nothing.
    #[test]
    fn representative_consensus_and_divisive() {
        let c = StatementCounts {
            overall: vec![],
            by_group: vec![
                counts(&[[9, 1, 0], [1, 9, 0]]),
                counts(&[[9, 1, 0], [9, 1, 0]]),
                counts(&[[5, 5, 0], [5, 5, 0]]),
            ],
        };
        let r0 = representative(&c, 0, 5);
        assert_eq!(r0.len(), 1);
        assert_eq!((r0[0].statement, r0[0].direction), (0, Direction::Agree));
        // p_group = 10/12, p_rest = 2/12, ratio 5.
        assert!((r0[0].p_group - 10.0 / 12.0).abs() < 1e-12);
        assert!((r0[0].p_rest - 2.0 / 12.0).abs() < 1e-12);
        let r1 = representative(&c, 1, 5);
        assert_eq!((r1[0].statement, r1[0].direction), (0, Direction::Disagree));

        let agree = consensus(&c, Direction::Agree);
        assert_eq!(agree.len(), 1);
        assert_eq!(agree[0].0, 1);
        assert!((agree[0].1 - (10.0f64 / 12.0).powi(2)).abs() < 1e-12);
        assert!(consensus(&c, Direction::Disagree).is_empty());

        let div = divisive(&c, &[10, 10], 5);
        assert_eq!(div.len(), 1);
        // Agreement 10/12 and 2/12, mean 1/2, standard deviation 4/12.
        assert_eq!(div[0].0, 0);
        assert!((div[0].1 - 4.0 / 12.0).abs() < 1e-12);
        assert!(divisive(&c, &[20], 5).is_empty());
    }
}
