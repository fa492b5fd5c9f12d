//! Spherical k-means: on the sample's LSA points (dense) to find the topics
//! and their number, then on every item's sparse TF-IDF row.
//!
//! Why this and not a similarity graph: the cost is linear in the number of
//! items (one sparse row times k dense centroids per item and iteration),
//! so 110,000 texts cluster in well under a second, while a similarity
//! graph over comments sharing common words is quadratic in the largest
//! posting list. The number of topics is chosen on a sample where all-pairs
//! similarities are affordable, by stability (Ben-Hur, Elisseeff & Guyon
//! 2002): the k whose independent k-means runs agree best.
//!
//! Determinism: every random choice draws from a PCG stream seeded by the
//! caller's seed (and k, and the restart); sums run in item order.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use rayon::prelude::*;

use crate::vectors::SparseRows;

/// Independent k-means++ starts per k on the sample: the best objective
/// gives the topics, their agreement the stability of k.
const RESTARTS: u64 = 6;
const MAX_ITERATIONS: usize = 30;

/// Dense centroids stored term-major (`c[t * k + j]`), so that one sparse row
/// reads k consecutive floats per term.
#[derive(Clone, Debug)]
pub(crate) struct Centroids {
    pub k: usize,
    pub c: Vec<f32>,
}

impl Centroids {
    /// Cosine of row `(idx, val)` with each centroid, into `out` (length k).
    pub fn scores(&self, (idx, val): (&[u32], &[f32]), out: &mut [f32]) {
        out.fill(0.0);
        let k = self.k;
        for (&t, &v) in idx.iter().zip(val) {
            let col = &self.c[t as usize * k..t as usize * k + k];
            for (o, &c) in out.iter_mut().zip(col) {
                *o += v * c;
            }
        }
    }

    /// The nearest centroid and the cosine to it.
    pub fn nearest(&self, row: (&[u32], &[f32]), buf: &mut [f32]) -> (usize, f32) {
        self.scores(row, buf);
        let mut best = (0, f32::NEG_INFINITY);
        for (j, &s) in buf.iter().enumerate() {
            if s > best.1 {
                best = (j, s);
            }
        }
        best
    }
}

/// Means of the rows of each group, L2-normalised; a group without rows
/// gets a zero centroid (it attracts nothing).
pub(crate) fn centroids_of(rows: &SparseRows, members: &[usize], labels: &[usize], k: usize, dim: usize) -> Centroids {
    let mut c = vec![0.0f32; dim * k];
    for (&i, &j) in members.iter().zip(labels) {
        let (idx, val) = rows.row(i);
        for (&t, &v) in idx.iter().zip(val) {
            c[t as usize * k + j] += v;
        }
    }
    let mut norms = vec![0.0f32; k];
    for (n, x) in c.iter().enumerate() {
        norms[n % k] += x * x;
    }
    for (n, x) in c.iter_mut().enumerate() {
        let norm = norms[n % k].sqrt();
        if norm > 0.0 {
            *x /= norm;
        }
    }
    Centroids { k, c }
}

/// Lloyd iterations on the rows `members` from the given centroids. Returns
/// the label of each member, its cosine to its centroid, and the centroids.
pub(crate) fn lloyd(
    rows: &SparseRows,
    members: &[usize],
    mut centroids: Centroids,
    dim: usize,
    max_iterations: usize,
) -> (Vec<usize>, Vec<f32>, Centroids) {
    let k = centroids.k;
    let mut labels = vec![usize::MAX; members.len()];
    let mut sims = vec![0.0f32; members.len()];
    for _ in 0..max_iterations.max(1) {
        let next: Vec<(usize, f32)> = members
            .par_iter()
            .map_init(|| vec![0.0f32; k], |buf, &i| centroids.nearest(rows.row(i), buf))
            .collect();
        let changed = next.iter().zip(&labels).filter(|(a, b)| a.0 != **b).count();
        for (n, (j, s)) in next.into_iter().enumerate() {
            labels[n] = j;
            sims[n] = s;
        }
        centroids = centroids_of(rows, members, &labels, k, dim);
        // Fewer than 0.1 % of items moving changes no topic a person sees.
        if changed * 1000 <= members.len() {
            break;
        }
    }
    (labels, sims, centroids)
}

/// k-means++ starts from the sample's own similarities.
fn plus_plus(sim: &[f32], s: usize, k: usize, rng: &mut Pcg64Mcg) -> Vec<usize> {
    let mut chosen = vec![rng.random_range(0..s)];
    let mut d2: Vec<f64> = (0..s).map(|i| dist2(sim[i * s + chosen[0]])).collect();
    while chosen.len() < k {
        let total: f64 = d2.iter().sum();
        let next = if total <= 0.0 {
            // Every point sits on a chosen one: any other point will do.
            (0..s).find(|i| !chosen.contains(i)).unwrap_or(0)
        } else {
            let mut r = rng.random::<f64>() * total;
            let mut pick = s - 1;
            for (i, &d) in d2.iter().enumerate() {
                if r < d {
                    pick = i;
                    break;
                }
                r -= d;
            }
            pick
        };
        chosen.push(next);
        for (i, d) in d2.iter_mut().enumerate() {
            *d = d.min(dist2(sim[i * s + next]));
        }
    }
    chosen
}

/// Squared Euclidean distance of unit vectors with cosine `cos`.
fn dist2(cos: f32) -> f64 {
    (2.0 - 2.0 * cos as f64).max(0.0)
}

/// All-pairs cosine of the sample rows (dense, row-major).
pub(crate) fn similarity_matrix(rows: &SparseRows, sample: &[usize]) -> Vec<f32> {
    let s = sample.len();
    let mut sim = vec![0.0f32; s * s];
    sim.par_chunks_mut(s).enumerate().for_each(|(a, out)| {
        for (b, o) in out.iter_mut().enumerate() {
            *o = crate::vectors::sparse_dot(rows.entries(sample[a]), rows.entries(sample[b]));
        }
    });
    sim
}

/// The best (by objective) of `RESTARTS` spherical k-means runs for one k
/// on the sample's embedded points `e` (s × r, unit rows), whose cosines are
/// `cos`, and the runs' stability: their mean pairwise adjusted Rand index.
pub(crate) fn fit_sample(e: &[f32], r: usize, cos: &[f32], k: usize, seed: u64) -> (Vec<usize>, f64) {
    let s = cos.len().isqrt();
    let mut best: Option<(f64, Vec<usize>)> = None;
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for restart in 0..RESTARTS {
        let mut rng = Pcg64Mcg::seed_from_u64(mix(mix(mix(seed) ^ k as u64) ^ restart));
        let starts = plus_plus(cos, s, k, &mut rng);
        let mut centres: Vec<f32> = starts
            .iter()
            .flat_map(|&i| e[i * r..i * r + r].iter().copied())
            .collect();
        let mut labels = vec![usize::MAX; s];
        let mut objective = 0.0f64;
        for _ in 0..MAX_ITERATIONS {
            let mut changed = false;
            objective = 0.0;
            for (i, label) in labels.iter_mut().enumerate() {
                let p = &e[i * r..i * r + r];
                let (mut bj, mut bs) = (0, f32::NEG_INFINITY);
                for j in 0..k {
                    let d: f32 = p.iter().zip(&centres[j * r..j * r + r]).map(|(a, b)| a * b).sum();
                    if d > bs {
                        (bj, bs) = (j, d);
                    }
                }
                objective += bs as f64;
                if *label != bj {
                    *label = bj;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
            centres.fill(0.0);
            for (i, &l) in labels.iter().enumerate() {
                for (c, x) in centres[l * r..l * r + r].iter_mut().zip(&e[i * r..i * r + r]) {
                    *c += x;
                }
            }
            for c in centres.chunks_mut(r) {
                let n = c.iter().map(|x| x * x).sum::<f32>().sqrt();
                if n > 0.0 {
                    c.iter_mut().for_each(|x| *x /= n);
                }
            }
        }
        runs.push(labels.clone());
        if best.as_ref().is_none_or(|b| objective > b.0) {
            best = Some((objective, labels));
        }
    }
    let mut agree = 0.0;
    let mut pairs = 0.0;
    for a in 0..runs.len() {
        for b in a + 1..runs.len() {
            agree += ari(&runs[a], &runs[b], k);
            pairs += 1.0;
        }
    }
    (
        best.map(|b| b.1).unwrap_or_default(),
        if pairs > 0.0 { agree / pairs } else { 1.0 },
    )
}

/// Adjusted Rand index of two labelings with labels below `k`.
pub(crate) fn ari(a: &[usize], b: &[usize], k: usize) -> f64 {
    let pairs = |n: f64| n * (n - 1.0) / 2.0;
    let mut table = vec![0.0f64; k * k];
    let (mut ra, mut rb) = (vec![0.0f64; k], vec![0.0f64; k]);
    for (&x, &y) in a.iter().zip(b) {
        table[x * k + y] += 1.0;
        ra[x] += 1.0;
        rb[y] += 1.0;
    }
    let index: f64 = table.iter().map(|&n| pairs(n)).sum();
    let (sa, sb): (f64, f64) = (ra.iter().map(|&n| pairs(n)).sum(), rb.iter().map(|&n| pairs(n)).sum());
    let total = pairs(a.len() as f64);
    if total == 0.0 {
        return 1.0;
    }
    let expected = sa * sb / total;
    let max = (sa + sb) / 2.0;
    if max == expected {
        1.0
    } else {
        (index - expected) / (max - expected)
    }
}

/// Cosines of all pairs of unit rows of `e` (s × r).
pub(crate) fn gram(e: &[f32], s: usize, r: usize) -> Vec<f32> {
    let mut out = vec![0.0f32; s * s];
    out.par_chunks_mut(s).enumerate().for_each(|(a, row)| {
        let pa = &e[a * r..a * r + r];
        for (b, o) in row.iter_mut().enumerate() {
            *o = pa.iter().zip(&e[b * r..b * r + r]).map(|(x, y)| x * y).sum();
        }
    });
    out
}

/// SplitMix64's finaliser: nearby seeds (1, 2, 3) give unrelated streams.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seeded sample of `n` of the `candidates`, in a fixed order.
pub(crate) fn sample(candidates: &[usize], n: usize, seed: u64) -> Vec<usize> {
    let mut v = candidates.to_vec();
    if v.len() <= n {
        return v;
    }
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    // Partial Fisher–Yates: the first n places are a uniform sample.
    for i in 0..n {
        let j = rng.random_range(i..v.len());
        v.swap(i, j);
    }
    v.truncate(n);
    v.sort_unstable();
    v
}
