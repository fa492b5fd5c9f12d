//! The number of groups, chosen by how well the groups predict votes they
//! were not fitted on.
//!
//! The silhouette scores how well the groups are separated on the 2-D map,
//! but the map keeps only a few per cent of the vote variance: on real Polis
//! conversations it picks two groups nearly always, although three to five
//! predict votes better (`docs/insight/heldout.md`). Here the agree /
//! disagree votes are split into ten folds by a seeded hash; for a fold, each
//! candidate grouping (the k-means groups for one k) is refined on the other
//! votes and each vote of the fold is predicted by the majority of the
//! voter's group on that statement — the measure of the held-out benchmark.
//! The smallest k is kept unless a larger one predicts significantly better
//! (McNemar's test, [`Z`]): splitting a group that votes alike gains a few
//! votes by chance, so planted groups are still found (`tests/synthetic.rs`,
//! `bench/insight/run.sh`).
//!
//! The map and the k-means starting groups are not refitted per fold;
//! refinement, which moves participants by their own votes, is. Cost: at
//! most [`SAMPLE`] participants take part, and folds are added only while
//! their votes stay within [`FOLD_BUDGET`] — all ten for a conversation of a
//! few thousand votes, whose single fold would be too small to tell two ks
//! apart, one for a large conversation, whose single fold has thousands.

use crate::cluster::sample_indices;
use crate::matrix::VoteMatrix;
use crate::refine;

/// Participants taking part in the choice, at most (a seeded sample).
pub const SAMPLE: usize = 2000;
/// Folds the agree / disagree votes are split into.
const FOLDS: u64 = 10;
/// A k replaces a smaller one (and, on an update, the previous one) only
/// when it predicts the held-out votes better by this many standard errors
/// of the difference (McNemar's test on the votes the two get differently).
/// Splitting a group that votes alike gains a few votes by chance; this keeps
/// such splits out, and keeps the number of groups from flipping on small
/// changes.
pub const Z: f64 = 2.0;
/// Folds are used while the sample's votes times the folds stay within this
/// (at least one fold, at most ten).
pub const FOLD_BUDGET: usize = 200_000;

/// Whether the vote of participant `p` on statement `s` is in `fold`: a
/// seeded hash (splitmix64), the same for the same input.
fn in_fold(seed: u64, p: usize, s: usize, fold: u64) -> bool {
    let mut z = (seed ^ 0x6b65_7365_6c65_6374) ^ ((p as u64) << 32 | s as u64);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    z % FOLDS == fold
}

/// Index of the chosen grouping: the smallest k unless a larger one
/// predicts the held-out votes significantly better (see [`Z`]), repeated
/// up the ks; on an update (`previous`: index of the previous k) the
/// previous k stays unless the choice is significantly better than it too.
/// `fit[i]` is the participant at position `i` of every labeling;
/// `labelings[r]` has `ks[r]` groups (ascending). With `refine_groups`, each
/// grouping is refined on the other folds first, as the analysis refines
/// the chosen one.
pub fn choose(
    m: &VoteMatrix,
    fit: &[usize],
    labelings: &[&[usize]],
    ks: &[usize],
    seed: u64,
    refine_groups: bool,
    previous: Option<usize>,
) -> usize {
    let right = predictions(m, fit, labelings, ks, seed, refine_groups);
    let mut best = 0;
    for r in 1..right.len() {
        if significantly_better(&right[r], &right[best]) {
            best = r;
        }
    }
    match previous {
        Some(prev) if prev < right.len() && !significantly_better(&right[best], &right[prev]) => prev,
        _ => best,
    }
}

/// McNemar: `a` is right where `b` is wrong more often than chance allows.
fn significantly_better(a: &[bool], b: &[bool]) -> bool {
    let (mut gain, mut loss) = (0usize, 0usize);
    for (&x, &y) in a.iter().zip(b) {
        gain += usize::from(x && !y);
        loss += usize::from(y && !x);
    }
    gain as f64 - loss as f64 > Z * ((gain + loss) as f64).sqrt()
}

/// For each grouping, whether each held-out vote is predicted right (the
/// same votes in the same order for every grouping).
fn predictions(
    m: &VoteMatrix,
    fit: &[usize],
    labelings: &[&[usize]],
    ks: &[usize],
    seed: u64,
    refine_groups: bool,
) -> Vec<Vec<bool>> {
    let positions = sample_indices(fit.len(), SAMPLE, seed);
    let sample = Sample {
        m,
        participants: positions.iter().map(|&i| fit[i]).collect(),
        positions,
        seed,
    };
    let votes: usize = sample.participants.iter().map(|&p| m.vote_count(p)).sum();
    let folds = (FOLD_BUDGET / votes.max(1)).clamp(1, FOLDS as usize) as u64;
    let mut right = vec![Vec::new(); ks.len()];
    for fold in 0..folds {
        let fold_right = sample.fold_predictions(labelings, ks, fold, refine_groups);
        for (all, some) in right.iter_mut().zip(fold_right) {
            all.extend(some);
        }
    }
    right
}

/// The participants taking part: `participants[q]` (a matrix index) is at
/// position `positions[q]` of the labelings.
struct Sample<'a> {
    m: &'a VoteMatrix,
    participants: Vec<usize>,
    positions: Vec<usize>,
    seed: u64,
}

impl Sample<'_> {
    /// [`predictions`] for the votes of one fold.
    fn fold_predictions(&self, labelings: &[&[usize]], ks: &[usize], fold: u64, refine_groups: bool) -> Vec<Vec<bool>> {
        let kept = self
            .m
            .subset(&self.participants, |p, s, v| v == 0 || !in_fold(self.seed, p, s, fold));
        let mut held: Vec<(usize, usize, bool)> = Vec::new(); // (sample index, statement, agree)
        for (q, &p) in self.participants.iter().enumerate() {
            let (statements, votes) = self.m.participant_votes(p);
            for (&s, &v) in statements.iter().zip(votes) {
                if v != 0 && in_fold(self.seed, p, s as usize, fold) {
                    held.push((q, s as usize, v > 0));
                }
            }
        }
        labelings
            .iter()
            .zip(ks)
            .map(|(labels, &k)| {
                let mut group_of: Vec<Option<usize>> = self.positions.iter().map(|&i| Some(labels[i])).collect();
                if refine_groups {
                    refine::refine_groups(&kept, &mut group_of, k);
                }
                // Agree / disagree counts per statement: by group, and of everyone.
                let n_s = kept.n_statements();
                let mut by_group = vec![[0usize; 2]; n_s * k];
                let mut everyone = vec![[0usize; 2]; n_s];
                for (q, g) in group_of.iter().enumerate() {
                    let (statements, votes) = kept.participant_votes(q);
                    for (&s, &v) in statements.iter().zip(votes) {
                        if v != 0 {
                            let side = usize::from(v < 0);
                            everyone[s as usize][side] += 1;
                            if let Some(g) = g {
                                by_group[s as usize * k + g][side] += 1;
                            }
                        }
                    }
                }
                held.iter()
                    .map(|&(q, s, agree)| {
                        let group = group_of[q].map_or([0, 0], |g| by_group[s * k + g]);
                        predict(group, everyone[s]) == agree
                    })
                    .collect()
            })
            .collect()
    }
}

/// Agree (true) or disagree, as the majority of the voter's group voted on
/// the statement; on a tie (or no vote) as the majority of everyone, then
/// agree. Counts are `[agree, disagree]`.
fn predict(group: [usize; 2], everyone: [usize; 2]) -> bool {
    if group[0] != group[1] {
        group[0] > group[1]
    } else {
        everyone[0] >= everyone[1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mcnemar_by_hand() {
        // 10 votes right only under a, 2 only under b: 8 > 2·√12 = 6.93.
        let a: Vec<bool> = (0..20).map(|i| !(10..12).contains(&i)).collect();
        let b: Vec<bool> = (0..20).map(|i| i >= 10).collect();
        assert!(significantly_better(&a, &b));
        assert!(!significantly_better(&b, &a));
        // 8 against 2: 6 < 2·√10 = 6.32.
        let a: Vec<bool> = (0..10).map(|i| i < 8).collect();
        let b: Vec<bool> = (0..10).map(|i| i >= 8).collect();
        assert!(!significantly_better(&a, &b));
        assert!(!significantly_better(&a, &a));
    }

    /// Three camps of 40 on 30 statements: A agrees with all, B with the
    /// first half only, C with the second half only; one vote in eight goes
    /// the other way (a fixed pattern). Candidates: k = 2 (B and C merged),
    /// k = 3 (the camps), k = 4 (the camps, with A cut in two at random).
    fn three_camps() -> (VoteMatrix, [Vec<usize>; 3]) {
        let mut votes = Vec::new();
        for p in 0..120u64 {
            for s in 0..30u64 {
                let agree = match p / 40 {
                    0 => true,
                    1 => s < 15,
                    _ => s >= 15,
                };
                let flip = (p * 31 + s * 17) % 8 == 0;
                votes.push((p, s, if agree != flip { 1 } else { -1 }));
            }
        }
        let camp = |p: usize| p / 40;
        let merged = (0..120).map(|p| camp(p).min(1)).collect();
        let camps = (0..120).map(camp).collect();
        let split = (0..120)
            .map(|p| if camp(p) == 0 && p % 2 == 1 { 3 } else { camp(p) })
            .collect();
        (VoteMatrix::from_votes(votes).unwrap(), [merged, camps, split])
    }

    #[test]
    fn the_planted_camps_win_over_a_merge_and_a_needless_split() {
        let (m, [merged, camps, split]) = three_camps();
        let fit: Vec<usize> = (0..120).collect();
        let labelings = [merged.as_slice(), camps.as_slice(), split.as_slice()];
        for refine in [false, true] {
            assert_eq!(choose(&m, &fit, &labelings, &[2, 3, 4], 7, refine, None), 1);
        }
    }

    #[test]
    fn an_update_leaves_the_previous_k_only_for_a_significantly_better_one() {
        let (m, [merged, camps, split]) = three_camps();
        let fit: Vec<usize> = (0..120).collect();
        let labelings = [merged.as_slice(), camps.as_slice(), split.as_slice()];
        // The needless split predicts as well as the camps: it stays.
        assert_eq!(choose(&m, &fit, &labelings, &[2, 3, 4], 7, true, Some(2)), 2);
        // The merge predicts worse: the camps replace it.
        assert_eq!(choose(&m, &fit, &labelings, &[2, 3, 4], 7, true, Some(0)), 1);
    }

    #[test]
    fn every_vote_is_held_out_once_in_a_small_conversation() {
        let (m, [_, camps, _]) = three_camps();
        let fit: Vec<usize> = (0..120).collect();
        let right = predictions(&m, &fit, &[camps.as_slice()], &[3], 7, true);
        assert_eq!(right[0].len(), m.n_votes());
        let share = right[0].iter().filter(|&&r| r).count() as f64 / m.n_votes() as f64;
        assert!(share > 0.85, "the camps predict 7 votes in 8: {share}");
    }
}
