//! Latent semantic analysis of the sample: each text as a point in a few
//! dozen dimensions where words that occur together (ями, асфальт, дорога)
//! pull their texts together even when two texts share no word.
//!
//! Short civic texts share few words: two requests about potholes often
//! have a cosine of 0 in TF-IDF space, so the silhouette there is flat and
//! k-means unstable (measured in `docs/insight/topics.md`). LSA is computed
//! on the sample only, from the sample's own similarity matrix S = X Xᵀ:
//! block power iteration finds Q spanning its top eigenvectors, and
//! E = Q L with L Lᵀ = Qᵀ S Q gives points whose dot products are S
//! restricted to that subspace (the rows of U Σ of the truncated SVD, up to
//! a rotation, which the cosine does not see).

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use rayon::prelude::*;

/// Power iterations: enough for the leading subspace to settle on the
/// similarity matrices of civic texts (whose spectrum falls slowly).
const POWER_ITERATIONS: usize = 4;

/// `a` (s × s, row-major) times `q` (s × r, row-major).
fn mul(a: &[f32], q: &[f32], s: usize, r: usize) -> Vec<f32> {
    let mut out = vec![0.0f32; s * r];
    out.par_chunks_mut(r).enumerate().for_each(|(i, o)| {
        let row = &a[i * s..i * s + s];
        for (j, &x) in row.iter().enumerate() {
            if x != 0.0 {
                for (oc, &qc) in o.iter_mut().zip(&q[j * r..j * r + r]) {
                    *oc += x * qc;
                }
            }
        }
    });
    out
}

/// Orthonormalises the columns of `q` (s × r) in place (modified
/// Gram–Schmidt, in f64 for the running sums); a column that vanishes
/// becomes 0 and is left out of later projections.
fn orthonormalise(q: &mut [f32], s: usize, r: usize) {
    for c in 0..r {
        for p in 0..c {
            let dot: f64 = (0..s).map(|i| q[i * r + c] as f64 * q[i * r + p] as f64).sum();
            for i in 0..s {
                q[i * r + c] -= (dot as f32) * q[i * r + p];
            }
        }
        let norm: f64 = (0..s).map(|i| (q[i * r + c] as f64).powi(2)).sum::<f64>().sqrt();
        for i in 0..s {
            q[i * r + c] = if norm > 1e-9 {
                (q[i * r + c] as f64 / norm) as f32
            } else {
                0.0
            };
        }
    }
}

/// Cholesky factor L (lower) of the r × r matrix `m`, with a small ridge so
/// that a rank-deficient sample (fewer distinct texts than r) still works.
fn cholesky(m: &[f64], r: usize) -> Vec<f64> {
    let ridge = 1e-9 * (0..r).map(|i| m[i * r + i]).sum::<f64>().max(1e-12);
    let mut l = vec![0.0f64; r * r];
    for i in 0..r {
        for j in 0..=i {
            let mut sum = m[i * r + j] + if i == j { ridge } else { 0.0 };
            for p in 0..j {
                sum -= l[i * r + p] * l[j * r + p];
            }
            l[i * r + j] = if i == j {
                sum.max(0.0).sqrt()
            } else if l[j * r + j] > 0.0 {
                sum / l[j * r + j]
            } else {
                0.0
            };
        }
    }
    l
}

/// Points (s × r, row-major, unit rows; a row of zeros for a text without
/// terms) of the sample whose similarity matrix is `sim`.
pub(crate) fn embed(sim: &[f32], s: usize, r: usize, seed: u64) -> Vec<f32> {
    let r = r.min(s).max(1);
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut q: Vec<f32> = (0..s * r).map(|_| rng.random::<f32>() - 0.5).collect();
    orthonormalise(&mut q, s, r);
    for _ in 0..POWER_ITERATIONS {
        q = mul(sim, &q, s, r);
        orthonormalise(&mut q, s, r);
    }
    let sq = mul(sim, &q, s, r);
    let mut m = vec![0.0f64; r * r];
    for a in 0..r {
        for b in 0..r {
            m[a * r + b] = (0..s).map(|i| q[i * r + a] as f64 * sq[i * r + b] as f64).sum();
        }
    }
    // Symmetrise away rounding before factoring.
    for a in 0..r {
        for b in 0..a {
            let x = (m[a * r + b] + m[b * r + a]) / 2.0;
            m[a * r + b] = x;
            m[b * r + a] = x;
        }
    }
    let l = cholesky(&m, r);
    let mut e = vec![0.0f32; s * r];
    e.par_chunks_mut(r).enumerate().for_each(|(i, row)| {
        for (c, out) in row.iter_mut().enumerate() {
            *out = (c..r).map(|p| q[i * r + p] as f64 * l[p * r + c]).sum::<f64>() as f32;
        }
        let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in row.iter_mut() {
                *x /= norm;
            }
        }
    });
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two blocks of identical texts: within a block the embedded points
    /// coincide, across blocks they are orthogonal.
    #[test]
    fn block_similarity_embeds_as_orthogonal_groups() {
        let s = 6;
        let mut sim = vec![0.0f32; s * s];
        for i in 0..s {
            for j in 0..s {
                sim[i * s + j] = if (i < 3) == (j < 3) { 1.0 } else { 0.0 };
            }
        }
        let r = 2;
        let e = embed(&sim, s, r, 7);
        let dot = |a: usize, b: usize| (0..r).map(|c| e[a * r + c] * e[b * r + c]).sum::<f32>();
        assert!((dot(0, 1) - 1.0).abs() < 1e-4, "{}", dot(0, 1));
        assert!(dot(0, 4).abs() < 1e-4, "{}", dot(0, 4));
        assert!((dot(4, 5) - 1.0).abs() < 1e-4);
    }
}
