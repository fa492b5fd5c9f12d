//! The 2-D opinion map: principal components of the sparse vote matrix.
//!
//! Votes are centred per statement over the participants in the fit (those
//! with at least `min_votes` votes). The two leading components are found by
//! block power iteration on `RᵀR`, where `R` holds the centred votes and an
//! unseen vote contributes nothing (as Polis does after mean imputation).
//! Each product `RᵀRW` is two sparse passes, one over the participant rows
//! (CSR) and one over the statement columns (CSC), so the cost is O(votes) per
//! iteration and a dense matrix is never formed.
//!
//! Participants are then placed by least squares on *their own* votes only:
//! `x = (W_Oᵀ W_O + λI)⁻¹ W_Oᵀ r_O` over the statements `O` they voted on.
//! With every vote present this is the ordinary PCA projection; with few
//! votes it corrects for which statements were seen, where Polis multiplies
//! the zero-filled projection by `sqrt(n_statements / n_votes)`. The small
//! ridge `λ` keeps the 2×2 system well posed for one or two votes.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use rayon::prelude::*;

use crate::matrix::VoteMatrix;

/// Ridge in units of "statements' worth of loading": `λ = RIDGE / n_statements`
/// equals one extra pseudo-vote at the mean on a statement of average loading.
const RIDGE: f64 = 1.0;
const MAX_ITERATIONS: usize = 1000;
/// Stop when the squared sines of the angles between successive subspaces
/// add up to less than this (angles below 1e-4 rad: far below what moves a
/// participant on the map).
const TOLERANCE: f64 = 1e-8;

/// Two statement-space directions (orthonormal), as stored between recomputes.
pub type Components = [Vec<f64>; 2];

#[derive(Clone, Debug)]
pub struct Projection {
    /// Mean vote per statement over the participants in the fit.
    pub means: Vec<f64>,
    /// Orthonormal loadings of each statement on the two axes.
    pub components: Components,
    /// Map position of every participant (in the fit or not).
    pub coords: Vec<[f64; 2]>,
    /// Whether the participant had enough votes to take part in the fit.
    pub in_fit: Vec<bool>,
    /// Share of the centred vote variance carried by each axis.
    pub explained: [f64; 2],
    pub iterations: usize,
}

/// Participants that take part in the fit: those with at least `min_votes`
/// votes, or everyone who voted when fewer than two reach that bar (a tiny
/// conversation still gets a map).
pub fn fit_set(m: &VoteMatrix, min_votes: usize) -> Vec<bool> {
    let strict: Vec<bool> = (0..m.n_participants())
        .map(|p| m.vote_count(p) >= min_votes.max(1))
        .collect();
    if strict.iter().filter(|&&f| f).count() >= 2 {
        strict
    } else {
        (0..m.n_participants()).map(|p| m.vote_count(p) > 0).collect()
    }
}

pub fn project(m: &VoteMatrix, min_votes: usize, seed: u64, warm: Option<&Components>) -> Projection {
    let n_s = m.n_statements();
    let in_fit = fit_set(m, min_votes);
    let (means, total) = statement_moments(m, &in_fit);

    let mut w = match warm {
        Some(prev) if prev[0].len() <= n_s && !prev[0].is_empty() => {
            // New statements start with no loading; iteration fills them in.
            let mut w = prev.clone();
            for c in &mut w {
                c.resize(n_s, 0.0);
            }
            w
        }
        _ => random_start(n_s, seed),
    };
    orthonormalise(&mut w);

    let mut iterations = 0;
    for it in 0..MAX_ITERATIONS {
        iterations = it + 1;
        let mut next = power_step(m, &means, &in_fit, &w);
        orthonormalise(&mut next);
        let change = subspace_change(&w, &next);
        w = next;
        if change < TOLERANCE {
            break;
        }
    }

    // Rayleigh–Ritz inside the subspace: rotate so the first axis carries the
    // most variance, then fix signs (or follow the previous map on update).
    // H = TᵀT is the 2×2 covariance of the fit participants' scores; under a
    // change of axes R it becomes RᵀHR, which gives each final axis'
    // variance without another pass over the votes.
    let (mut coords, h) = place(m, &means, &in_fit, &w);
    let (c, s) = eigen_rotation(h[0][0], h[0][1], h[1][1]);
    let ritz = [[c, -s], [s, c]];
    rotate(&mut w, ritz);
    let fix = match warm {
        Some(prev) if prev[0].len() <= n_s && !prev[0].is_empty() => align_to(&w, prev),
        _ => canonical_signs(&w),
    };
    rotate(&mut w, fix);
    let r = mul(ritz, fix);
    // Placement commutes with an orthogonal change of axes (the ridge is
    // rotation-invariant): positions under W R are x R. So participants are
    // placed once, before the rotation is known, and rotated after.
    for x in &mut coords {
        *x = [x[0] * r[0][0] + x[1] * r[1][0], x[0] * r[0][1] + x[1] * r[1][1]];
    }
    let mut explained = [0.0; 2];
    if total > 0.0 {
        for (axis, e) in explained.iter_mut().enumerate() {
            // (RᵀHR)_aa = Σ_ij R_ia H_ij R_ja
            let var: f64 = (0..2)
                .flat_map(|i| (0..2).map(move |j| (i, j)))
                .map(|(i, j)| r[i][axis] * h[i][j] * r[j][axis])
                .sum();
            *e = (var / total).clamp(0.0, 1.0);
        }
    }

    Projection {
        means,
        components: w,
        coords,
        in_fit,
        explained,
        iterations,
    }
}

/// Mean vote of each statement over the participants in the fit, and the
/// total centred sum of squares (Σ v² − n·mean² per statement), in one pass.
fn statement_moments(m: &VoteMatrix, in_fit: &[bool]) -> (Vec<f64>, f64) {
    let per_statement: Vec<(f64, f64)> = (0..m.n_statements())
        .into_par_iter()
        .map(|s| {
            let (ps, vs) = m.statement_votes(s);
            let (mut sum, mut squares, mut n) = (0i64, 0i64, 0i64);
            for (&p, &v) in ps.iter().zip(vs) {
                if in_fit[p as usize] {
                    sum += i64::from(v);
                    squares += i64::from(v * v);
                    n += 1;
                }
            }
            if n == 0 {
                (0.0, 0.0)
            } else {
                let mean = sum as f64 / n as f64;
                (mean, (squares as f64 - n as f64 * mean * mean).max(0.0))
            }
        })
        .collect();
    let total = per_statement.iter().map(|&(_, ss)| ss).sum();
    (per_statement.into_iter().map(|(mean, _)| mean).collect(), total)
}

fn random_start(n_s: usize, seed: u64) -> Components {
    let mut rng = Pcg64Mcg::seed_from_u64(seed ^ 0x9e37_79b9_7f4a_7c15);
    let mut draw = || (0..n_s).map(|_| rng.random::<f64>() - 0.5).collect();
    [draw(), draw()]
}

/// Participants per task in [`power_step`]: the split depends only on the
/// number of participants, never on the number of threads, so partial sums
/// are added in the same order on any machine (bit-for-bit results).
const PARTICIPANTS_PER_TASK: usize = 2048;

/// One power-iteration product `Y = Rᵀ(R W)` in a single pass over the
/// participant rows: for each participant the scores `t = r·W` are computed,
/// then `r tᵀ` is added to `Y` while the row is still in cache. Each task
/// adds into its own `Y` (statements × 2, small) and the tasks' results are
/// summed in task order.
fn power_step(m: &VoteMatrix, means: &[f64], in_fit: &[bool], w: &Components) -> Components {
    let n_s = m.n_statements();
    let partials: Vec<Vec<[f64; 2]>> = in_fit
        .par_chunks(PARTICIPANTS_PER_TASK)
        .enumerate()
        .map(|(task, fit)| {
            let mut y = vec![[0.0; 2]; n_s];
            for (offset, _) in fit.iter().enumerate().filter(|(_, f)| **f) {
                let (ss, vs) = m.participant_votes(task * PARTICIPANTS_PER_TASK + offset);
                let mut t = [0.0; 2];
                for (&s, &v) in ss.iter().zip(vs) {
                    let s = s as usize;
                    let r = f64::from(v) - means[s];
                    t[0] += r * w[0][s];
                    t[1] += r * w[1][s];
                }
                for (&s, &v) in ss.iter().zip(vs) {
                    let s = s as usize;
                    let r = f64::from(v) - means[s];
                    y[s][0] += r * t[0];
                    y[s][1] += r * t[1];
                }
            }
            y
        })
        .collect();
    let mut y = [vec![0.0; n_s], vec![0.0; n_s]];
    for part in &partials {
        for (s, v) in part.iter().enumerate() {
            y[0][s] += v[0];
            y[1][s] += v[1];
        }
    }
    y
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Gram–Schmidt. A vector that collapses (no variance left in that
/// direction, e.g. everyone voted alike, or only one opinion axis exists)
/// becomes exactly zero rather than normalised rounding noise or NaN.
fn orthonormalise(w: &mut Components) {
    let n0 = dot(&w[0], &w[0]).sqrt();
    if n0 > 1e-300 {
        w[0].iter_mut().for_each(|x| *x /= n0);
    } else {
        w[0].iter_mut().for_each(|x| *x = 0.0);
    }
    let proj = dot(&w[0], &w[1]);
    let (a, b) = w.split_at_mut(1);
    for (x, y) in b[0].iter_mut().zip(&a[0]) {
        *x -= proj * y;
    }
    let n1 = dot(&w[1], &w[1]).sqrt();
    if n0 > 1e-300 && n1 > 1e-9 * n0 {
        w[1].iter_mut().for_each(|x| *x /= n1);
    } else {
        w[1].iter_mut().for_each(|x| *x = 0.0);
    }
}

/// How far the span of `next` is from the span of `prev` (squared Frobenius
/// norm of the part of `next` outside `prev`).
fn subspace_change(prev: &Components, next: &Components) -> f64 {
    let mut change = 0.0;
    for v in next {
        let norm = dot(v, v);
        let c0 = dot(v, &prev[0]);
        let c1 = dot(v, &prev[1]);
        change += (norm - c0 * c0 - c1 * c1).max(0.0);
    }
    change
}

/// Rotation `(cos, sin)` diagonalising the symmetric 2×2 `[[a, b], [b, c]]`
/// with the larger eigenvalue first.
fn eigen_rotation(a: f64, b: f64, c: f64) -> (f64, f64) {
    let theta = 0.5 * (2.0 * b).atan2(a - c);
    (theta.cos(), theta.sin())
}

fn mul(a: [[f64; 2]; 2], b: [[f64; 2]; 2]) -> [[f64; 2]; 2] {
    let cell = |i: usize, j: usize| a[i][0] * b[0][j] + a[i][1] * b[1][j];
    [[cell(0, 0), cell(0, 1)], [cell(1, 0), cell(1, 1)]]
}

/// `W ← W R` for a 2×2 `R` applied to the pair of axes.
fn rotate(w: &mut Components, r: [[f64; 2]; 2]) {
    let [first, second] = w;
    for (x, y) in first.iter_mut().zip(second.iter_mut()) {
        (*x, *y) = (*x * r[0][0] + *y * r[1][0], *x * r[0][1] + *y * r[1][1]);
    }
}

/// Sign flips that make each axis point towards its largest loading, so a
/// recompute from scratch does not mirror the map at random.
fn canonical_signs(w: &Components) -> [[f64; 2]; 2] {
    let sign = |axis: &[f64]| {
        let biggest = axis
            .iter()
            .copied()
            .fold(0.0f64, |best, x| if x.abs() > best.abs() { x } else { best });
        if biggest < 0.0 { -1.0 } else { 1.0 }
    };
    [[sign(&w[0]), 0.0], [0.0, sign(&w[1])]]
}

/// Orthogonal Procrustes in 2-D: the rotation or reflection of the new axes
/// closest to the previous ones, so an update moves the map only as much as
/// the opinions moved. `prev` may be shorter (statements added since).
fn align_to(w: &Components, prev: &Components) -> [[f64; 2]; 2] {
    let n = prev[0].len();
    let m = |i: usize, j: usize| dot(&w[i][..n], &prev[j]);
    let (m00, m01, m10, m11) = (m(0, 0), m(0, 1), m(1, 0), m(1, 1));
    // Best proper rotation and best reflection; keep whichever fits better.
    let rot_fit = (m10 - m01).hypot(m00 + m11);
    let ref_fit = (m10 + m01).hypot(m00 - m11);
    if rot_fit >= ref_fit {
        let (s, c) = (m10 - m01).atan2(m00 + m11).sin_cos();
        [[c, -s], [s, c]]
    } else {
        let (s, c) = (m10 + m01).atan2(m00 - m11).sin_cos();
        [[c, s], [s, -c]]
    }
}

/// Least-squares position of every participant from their own votes, and
/// `H = TᵀT` over the participants in the fit, where `t = W_Oᵀ r_O` (the
/// right-hand side of each participant's system) is their score under `W`.
fn place(m: &VoteMatrix, means: &[f64], in_fit: &[bool], w: &Components) -> (Vec<[f64; 2]>, [[f64; 2]; 2]) {
    let lambda = RIDGE / m.n_statements().max(1) as f64;
    let solved: Vec<([f64; 2], [f64; 2])> = (0..m.n_participants())
        .into_par_iter()
        .map(|p| {
            let (ss, vs) = m.participant_votes(p);
            let (mut a00, mut a01, mut a11, mut b0, mut b1) = (lambda, 0.0, lambda, 0.0, 0.0);
            for (&s, &v) in ss.iter().zip(vs) {
                let s = s as usize;
                let (w0, w1) = (w[0][s], w[1][s]);
                let r = f64::from(v) - means[s];
                a00 += w0 * w0;
                a01 += w0 * w1;
                a11 += w1 * w1;
                b0 += r * w0;
                b1 += r * w1;
            }
            let det = a00 * a11 - a01 * a01;
            let x = if det <= 0.0 || !det.is_finite() {
                [0.0, 0.0]
            } else {
                [(a11 * b0 - a01 * b1) / det, (a00 * b1 - a01 * b0) / det]
            };
            (x, [b0, b1])
        })
        .collect();
    let mut h = [[0.0; 2]; 2];
    for (_, t) in solved.iter().zip(in_fit).filter(|(_, f)| **f).map(|(s, _)| s) {
        h[0][0] += t[0] * t[0];
        h[0][1] += t[0] * t[1];
        h[1][1] += t[1] * t[1];
    }
    h[1][0] = h[0][1];
    (solved.into_iter().map(|(x, _)| x).collect(), h)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two camps of three on statements 1..=4: camp A votes (+,+,-,-), camp B
    /// (-,-,+,+). Means are 0, so R is the votes themselves and RᵀR has one
    /// non-zero eigenvalue: its eigenvector is (1,1,-1,-1)/2 with eigenvalue
    /// 6 × 4 = 24 (six participants each contributing |r|² = 4). A
    /// participant of camp A projects onto it at r·w = (1+1+1+1)/2 = 2, less
    /// the ridge: (4 w² summed = 1) → x = 2 / (1 + 1/4) = 1.6.
    #[test]
    fn two_camps_split_on_the_first_axis() {
        let mut votes = Vec::new();
        for p in 0..6u64 {
            let sign = if p < 3 { 1 } else { -1 };
            for (s, base) in [(1u64, 1i8), (2, 1), (3, -1), (4, -1)] {
                votes.push((p, s, base * sign));
            }
        }
        let m = VoteMatrix::from_votes(votes).unwrap();
        let proj = project(&m, 1, 7, None);
        let w0 = &proj.components[0];
        for (s, expected) in [0.5f64, 0.5, -0.5, -0.5].into_iter().enumerate() {
            assert!((w0[s].abs() - expected.abs()).abs() < 1e-9, "{w0:?}");
        }
        let x_a = proj.coords[0][0];
        assert!((x_a.abs() - 1.6).abs() < 1e-9, "{x_a}");
        assert!((proj.coords[3][0] + x_a).abs() < 1e-9);
        assert!(proj.coords.iter().all(|c| c[1].abs() < 1e-6));
        assert!((proj.explained[0] - 1.0).abs() < 1e-9);
    }

    /// A participant who saw only half the statements lands where the full
    /// voter of the same camp lands (up to the ridge), not at half the
    /// distance as a zero-filled projection would put them.
    #[test]
    fn sparse_participants_are_not_pulled_to_the_centre() {
        let mut votes = Vec::new();
        for p in 0..6u64 {
            let sign = if p < 3 { 1 } else { -1 };
            for (s, base) in [(1u64, 1i8), (2, 1), (3, -1), (4, -1)] {
                votes.push((p, s, base * sign));
            }
        }
        votes.push((99, 1, 1));
        votes.push((99, 3, -1));
        let m = VoteMatrix::from_votes(votes).unwrap();
        let proj = project(&m, 3, 7, None);
        assert!(!proj.in_fit[6]);
        // Two votes with w² = 1/4 each: x = 1 / (1/2 + 1/4) = 4/3.
        let x = proj.coords[6][0] * proj.coords[0][0].signum();
        assert!((x - 4.0 / 3.0).abs() < 1e-9, "{x}");
    }

    #[test]
    fn unanimous_votes_give_a_point_map_without_nan() {
        let votes = (0..5u64).flat_map(|p| (0..3u64).map(move |s| (p, s, 1i8)));
        let m = VoteMatrix::from_votes(votes).unwrap();
        let proj = project(&m, 1, 1, None);
        assert!(proj.coords.iter().all(|c| c == &[0.0, 0.0]));
        assert_eq!(proj.explained, [0.0, 0.0]);
    }

    #[test]
    fn procrustes_undoes_a_rotation() {
        let prev: Components = [vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0]];
        let (s, c) = 0.7f64.sin_cos();
        let mut w: Components = [vec![c, s, 0.0], vec![-s, c, 0.0]];
        let fix = align_to(&w, &prev);
        rotate(&mut w, fix);
        assert!((w[0][0] - 1.0).abs() < 1e-12 && (w[1][1] - 1.0).abs() < 1e-12);
        let mut flipped: Components = [vec![0.0, 1.0, 0.0], vec![1.0, 0.0, 0.0]];
        let fix = align_to(&flipped, &prev);
        rotate(&mut flipped, fix);
        assert!((flipped[0][0] - 1.0).abs() < 1e-12 && (flipped[1][1] - 1.0).abs() < 1e-12);
    }
}
