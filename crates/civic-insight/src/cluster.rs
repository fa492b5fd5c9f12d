//! Opinion groups: k-means on the 2-D map, with the number of groups chosen
//! by held-out votes (see `kselect.rs`) or by the silhouette (Rousseeuw
//! 1987).
//!
//! Determinism: k-means++ seeding draws from a PCG stream seeded by the
//! caller's seed and k; sums run sequentially in a fixed order. Stability:
//! on an update the previous centres seed k-means for the previous k, and
//! the previous k is kept unless another k is clearly better.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use rayon::prelude::*;

pub type Point = [f64; 2];

const MAX_LLOYD_ITERATIONS: usize = 300;
/// Independent k-means++ starts per k; the lowest within-group spread wins.
const RESTARTS: usize = 6;
/// Silhouette is quadratic in the number of points, so it is computed on a
/// fixed, seeded sample of this many participants at most; the k-means
/// restarts run on the same sample.
const SAMPLE: usize = 2000;
/// On update, another k must beat the previous k's silhouette by this much,
/// so small vote changes do not flip the number of groups back and forth.
const K_HYSTERESIS: f64 = 0.02;

#[derive(Clone, Debug, PartialEq)]
pub struct Clustering {
    pub centres: Vec<Point>,
    /// Group of each input point, indices into `centres`.
    pub labels: Vec<usize>,
    /// Mean silhouette of the chosen k (0 when there is a single group).
    pub silhouette: f64,
    /// Group j continues group j of the warm start (same k): ids must be
    /// kept rather than renumbered by size.
    pub continues_previous: bool,
}

fn dist2(a: Point, b: Point) -> f64 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    dx * dx + dy * dy
}

fn nearest(p: Point, centres: &[Point]) -> usize {
    let mut best = (0, f64::INFINITY);
    for (j, &c) in centres.iter().enumerate() {
        let d = dist2(p, c);
        if d < best.1 {
            best = (j, d);
        }
    }
    best.0
}

/// Lloyd's iterations from the given centres. Returns centres, labels and
/// the within-group sum of squares. An emptied group is re-seeded with the
/// point farthest from its centre, so exactly `k` groups come out.
pub fn lloyd(points: &[Point], mut centres: Vec<Point>) -> (Vec<Point>, Vec<usize>, f64) {
    let k = centres.len();
    let mut labels = vec![usize::MAX; points.len()];
    for _ in 0..MAX_LLOYD_ITERATIONS {
        let mut changed = false;
        let mut sums = vec![[0.0, 0.0, 0.0]; k];
        for (i, &p) in points.iter().enumerate() {
            let j = nearest(p, &centres);
            if labels[i] != j {
                labels[i] = j;
                changed = true;
            }
            sums[j][0] += p[0];
            sums[j][1] += p[1];
            sums[j][2] += 1.0;
        }
        for j in 0..k {
            if sums[j][2] > 0.0 {
                centres[j] = [sums[j][0] / sums[j][2], sums[j][1] / sums[j][2]];
            } else if let Some((far, _)) = points
                .iter()
                .enumerate()
                .map(|(i, &p)| (i, dist2(p, centres[labels[i]])))
                .max_by(|a, b| a.1.total_cmp(&b.1))
            {
                centres[j] = points[far];
                labels[far] = j;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let inertia = points.iter().zip(&labels).map(|(&p, &j)| dist2(p, centres[j])).sum();
    (centres, labels, inertia)
}

/// k-means++ seeding (Arthur & Vassilvitskii 2007).
fn plus_plus(points: &[Point], k: usize, rng: &mut Pcg64Mcg) -> Vec<Point> {
    let mut centres = vec![points[rng.random_range(0..points.len())]];
    let mut d2: Vec<f64> = points.iter().map(|&p| dist2(p, centres[0])).collect();
    while centres.len() < k {
        let total: f64 = d2.iter().sum();
        let pick = if total > 0.0 {
            let mut target = rng.random::<f64>() * total;
            let mut pick = points.len() - 1;
            for (i, &d) in d2.iter().enumerate() {
                if target < d {
                    pick = i;
                    break;
                }
                target -= d;
            }
            pick
        } else {
            rng.random_range(0..points.len())
        };
        let c = points[pick];
        centres.push(c);
        for (d, &p) in d2.iter_mut().zip(points) {
            *d = d.min(dist2(p, c));
        }
    }
    centres
}

/// Best of several seeded k-means runs for one k, or a single run from the
/// warm start when there is one. The restarts run on `sample` (a few
/// thousand points place k ≤ 5 centres as well as 30,000 do) and only the
/// winner is refined on every point, which keeps the cost near one run.
pub fn kmeans(
    points: &[Point],
    k: usize,
    seed: u64,
    warm: Option<&[Point]>,
    sample: &[usize],
) -> (Vec<Point>, Vec<usize>, f64) {
    if let Some(w) = warm.filter(|w| w.len() == k) {
        // Following the previous centres is the point of a warm start, even
        // when a fresh start would find a marginally tighter fit.
        return lloyd(points, w.to_vec());
    }
    let sub: Vec<Point> = sample.iter().map(|&i| points[i]).collect();
    let mut rng = Pcg64Mcg::seed_from_u64(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ k as u64);
    let mut best: Option<(Vec<Point>, f64)> = None;
    for _ in 0..RESTARTS {
        let (centres, _, inertia) = lloyd(&sub, plus_plus(&sub, k, &mut rng));
        if best.as_ref().is_none_or(|b| inertia < b.1) {
            best = Some((centres, inertia));
        }
    }
    let (centres, _) = best.expect("RESTARTS > 0");
    lloyd(points, centres)
}

/// Mean silhouette of each labeling over the points with index in
/// `sample`; `labelings[r]` has `ks[r]` groups. All labelings are scored in
/// one pass so each pairwise distance is computed once.
pub fn silhouettes(points: &[Point], labelings: &[&[usize]], ks: &[usize], sample: &[usize]) -> Vec<f64> {
    if sample.len() < 2 {
        return vec![0.0; ks.len()];
    }
    // Slot of (labeling r, group g) in one flat accumulator: offsets[r] + g.
    let mut offsets = Vec::with_capacity(ks.len());
    let mut width = 0;
    for &k in ks {
        offsets.push(width);
        width += k;
    }
    // Compact copies of the sampled points and their slots keep the
    // quadratic loop in cache.
    let pts: Vec<Point> = sample.iter().map(|&i| points[i]).collect();
    let slots: Vec<usize> = sample
        .iter()
        .flat_map(|&i| (0..ks.len()).map(move |r| (r, i)))
        .map(|(r, i)| offsets[r] + labelings[r][i])
        .collect();
    let mut size = vec![0usize; width];
    for &slot in &slots {
        size[slot] += 1;
    }
    let n_r = ks.len();
    let per_point: Vec<Vec<f64>> = (0..pts.len())
        .into_par_iter()
        .map(|a| {
            let mut sum = vec![0.0; width];
            for (b, (&q, own)) in pts.iter().zip(slots.chunks_exact(n_r)).enumerate() {
                if a != b {
                    let d = dist2(pts[a], q).sqrt();
                    for &slot in own {
                        sum[slot] += d;
                    }
                }
            }
            (0..n_r)
                .map(|r| {
                    let own = slots[a * n_r + r];
                    let mean_to = |slot: usize| {
                        // The point itself is not among its own group's others.
                        let n = size[slot] - usize::from(slot == own);
                        (n > 0).then(|| sum[slot] / n as f64)
                    };
                    let Some(a_dist) = mean_to(own) else {
                        return 0.0; // a singleton: 0 by convention
                    };
                    let b_dist = (offsets[r]..offsets[r] + ks[r])
                        .filter(|&slot| slot != own)
                        .filter_map(mean_to)
                        .fold(f64::INFINITY, f64::min);
                    if !b_dist.is_finite() || a_dist.max(b_dist) == 0.0 {
                        0.0
                    } else {
                        (b_dist - a_dist) / a_dist.max(b_dist)
                    }
                })
                .collect()
        })
        .collect();
    (0..n_r)
        .map(|r| per_point.iter().map(|v| v[r]).sum::<f64>() / sample.len() as f64)
        .collect()
}

/// A seeded sample of at most `size` of the indices `0..n`, ascending.
pub(crate) fn sample_indices(n: usize, size: usize, seed: u64) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    if n > size {
        let mut rng = Pcg64Mcg::seed_from_u64(seed ^ 0x5151_5151);
        // Partial Fisher–Yates: the first `size` slots.
        for i in 0..size {
            let j = rng.random_range(i..n);
            idx.swap(i, j);
        }
        idx.truncate(size);
        idx.sort_unstable();
    }
    idx
}

/// Previous groupings, carried from one recompute to the next: the centres
/// found for every k tried, and the k that was chosen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WarmGroups {
    pub centres_by_k: Vec<Vec<Point>>,
    pub chosen_k: usize,
}

/// Another way to choose k than the silhouette: given the labeling for each
/// k (`labelings[r]` has `ks[r]` groups) and the index of the previous k on
/// an update, the index of the chosen one.
pub type ChooseK<'a> = &'a dyn Fn(&[&[usize]], &[usize], Option<usize>) -> usize;

/// Chooses k in `k_min..=k_max` by silhouette, or by `by` when given (the
/// silhouette of the chosen k is reported either way). From scratch, groups are numbered by decreasing size (ties by
/// centre position), so the numbering does not depend on the order k-means
/// happened to find them; when warm started with the same k, group j
/// continues the previous group j. Also returns what the next recompute
/// needs to start warm.
pub fn choose_groups(
    points: &[Point],
    k_min: usize,
    k_max: usize,
    seed: u64,
    warm: Option<&WarmGroups>,
    by: Option<ChooseK>,
) -> (Clustering, WarmGroups) {
    if points.is_empty() {
        let none = Clustering {
            centres: vec![],
            labels: vec![],
            silhouette: 0.0,
            continues_previous: false,
        };
        return (none, WarmGroups::default());
    }
    let distinct = count_distinct(points, k_max + 1);
    if distinct < 2 || k_min.max(2) > distinct.min(k_max) {
        // Everyone sits at one spot (or too few distinct positions to make
        // even two groups): one group is the honest answer.
        let one = Clustering {
            centres: vec![mean(points)],
            labels: vec![0; points.len()],
            silhouette: 0.0,
            continues_previous: false,
        };
        return (one, WarmGroups::default());
    }
    let sample = sample_indices(points.len(), SAMPLE, seed);
    let ks: Vec<usize> = (k_min.max(2)..=k_max.min(distinct)).collect();
    let warm_for = |k: usize| {
        warm.and_then(|w| w.centres_by_k.iter().find(|c| c.len() == k))
            .map(Vec::as_slice)
    };
    let runs: Vec<(Vec<Point>, Vec<usize>)> = ks
        .par_iter()
        .map(|&k| {
            let (centres, labels, _) = kmeans(points, k, seed, warm_for(k), &sample);
            (centres, labels)
        })
        .collect();
    let labelings: Vec<&[usize]> = runs.iter().map(|r| r.1.as_slice()).collect();
    let silhouette = silhouettes(points, &labelings, &ks, &sample);
    let previous = warm.and_then(|w| ks.iter().position(|&k| k == w.chosen_k));
    let best = match by {
        Some(choose) => choose(&labelings, &ks, previous),
        None => {
            let mut best = 0;
            for (i, &s) in silhouette.iter().enumerate() {
                if s > silhouette[best] {
                    best = i;
                }
            }
            match previous {
                Some(prev) if silhouette[best] < silhouette[prev] + K_HYSTERESIS => prev,
                _ => best,
            }
        }
    };
    let mut centres_by_k: Vec<Vec<Point>> = runs.iter().map(|r| r.0.clone()).collect();
    let chosen_k = ks[best];
    let (centres, labels) = runs.into_iter().nth(best).expect("ks is not empty");
    let clustering = if warm.is_some_and(|w| w.chosen_k == chosen_k) {
        // Lloyd's iterations keep the index of each warm-started centre, so
        // group j is the continuation of the previous group j: keep the ids
        // even if sizes now rank differently.
        Clustering {
            centres,
            labels,
            silhouette: silhouette[best],
            continues_previous: true,
        }
    } else {
        canonical_order(centres, labels, silhouette[best])
    };
    centres_by_k[best] = clustering.centres.clone();
    let next = WarmGroups { centres_by_k, chosen_k };
    (clustering, next)
}

/// Centre of mass of the points.
pub fn mean(points: &[Point]) -> Point {
    let n = points.len().max(1) as f64;
    let (x, y) = points.iter().fold((0.0, 0.0), |(x, y), p| (x + p[0], y + p[1]));
    [x / n, y / n]
}

/// Number of distinct points, counting no further than `cap`.
fn count_distinct(points: &[Point], cap: usize) -> usize {
    let mut seen: Vec<Point> = Vec::new();
    for &p in points {
        if !seen.contains(&p) {
            seen.push(p);
            if seen.len() >= cap {
                break;
            }
        }
    }
    seen.len()
}

/// Renumbers groups by decreasing size, ties by centre position.
pub fn canonical_order(centres: Vec<Point>, labels: Vec<usize>, silhouette: f64) -> Clustering {
    let k = centres.len();
    let mut size = vec![0usize; k];
    for &l in &labels {
        size[l] += 1;
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| {
        size[b]
            .cmp(&size[a])
            .then(centres[a][0].total_cmp(&centres[b][0]))
            .then(centres[a][1].total_cmp(&centres[b][1]))
    });
    let mut rank = vec![0; k];
    for (new, &old) in order.iter().enumerate() {
        rank[old] = new;
    }
    Clustering {
        centres: order.iter().map(|&j| centres[j]).collect(),
        labels: labels.into_iter().map(|l| rank[l]).collect(),
        silhouette,
        continues_previous: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blobs() -> Vec<Point> {
        // Three tight blobs of 5, 4 and 3 points around (0,0), (10,0), (0,10).
        let mut pts = Vec::new();
        for (cx, cy, n) in [(0.0, 0.0, 5), (10.0, 0.0, 4), (0.0, 10.0, 3)] {
            for i in 0..n {
                pts.push([cx + 0.1 * i as f64, cy - 0.1 * i as f64]);
            }
        }
        pts
    }

    #[test]
    fn finds_three_blobs_in_size_order() {
        let (c, warm) = choose_groups(&blobs(), 2, 5, 42, None, None);
        assert_eq!(c.centres.len(), 3);
        assert_eq!(c.labels, vec![0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
        assert!(c.silhouette > 0.9);
        assert_eq!(warm.chosen_k, 3);
        assert_eq!(warm.centres_by_k.len(), 4);
        // Same input, same seed: same answer.
        assert_eq!((c, warm), choose_groups(&blobs(), 2, 5, 42, None, None));
    }

    /// Silhouette by hand: points 0, 1 in group A and 10 in group B on a
    /// line. For 0: a = 1, b = 10, s = 0.9. For 1: a = 1, b = 9, s = 8/9.
    /// For 10 (a singleton): s = 0. Mean = (0.9 + 0.8889 + 0) / 3 = 0.59630.
    #[test]
    fn silhouette_matches_hand_computation() {
        let pts = [[0.0, 0.0], [1.0, 0.0], [10.0, 0.0]];
        let s = silhouettes(&pts, &[&[0, 0, 1], &[0, 1, 1]], &[2, 2], &[0, 1, 2]);
        assert!((s[0] - (0.9 + 8.0 / 9.0) / 3.0).abs() < 1e-12, "{s:?}");
        // Second labeling {0}, {1, 10}: 0 is a singleton (0); for 1, a = 9,
        // b = 1, s = −8/9; for 10, a = 9, b = 10, s = 0.1.
        assert!((s[1] - (-8.0 / 9.0 + 0.1) / 3.0).abs() < 1e-12, "{s:?}");
    }

    #[test]
    fn identical_points_make_one_group() {
        let pts = vec![[1.0, 1.0]; 10];
        let (c, _) = choose_groups(&pts, 2, 5, 1, None, None);
        assert_eq!(c.centres, vec![[1.0, 1.0]]);
        assert!(c.labels.iter().all(|&l| l == 0));
        assert!(choose_groups(&[], 2, 5, 1, None, None).0.centres.is_empty());
    }

    #[test]
    fn warm_start_keeps_previous_grouping() {
        let pts = blobs();
        let (prev, warm) = choose_groups(&pts, 2, 5, 42, None, None);
        let (again, _) = choose_groups(&pts, 2, 5, 7, Some(&warm), None);
        assert_eq!(again.labels, prev.labels);
    }
}
