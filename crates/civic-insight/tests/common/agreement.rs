//! Agreement between found and true labels beyond the ARI: normalised
//! mutual information and purity. Shared by the tests and the examples
//! (which include this file by path).

use std::collections::HashMap;

fn entropy(counts: impl Iterator<Item = usize>, n: f64) -> f64 {
    counts
        .filter(|&c| c > 0)
        .map(|c| {
            let p = c as f64 / n;
            -p * p.ln()
        })
        .sum()
}

/// NMI with the arithmetic-mean normalisation (scikit-learn's default):
/// I(A;B) / ((H(A) + H(B)) / 2); 1 for identical partitions.
pub fn nmi(a: &[usize], b: &[usize]) -> f64 {
    assert_eq!(a.len(), b.len(), "labelings must cover the same items");
    let n = a.len() as f64;
    let mut joint: HashMap<(usize, usize), usize> = HashMap::new();
    let mut ca: HashMap<usize, usize> = HashMap::new();
    let mut cb: HashMap<usize, usize> = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *joint.entry((x, y)).or_default() += 1;
        *ca.entry(x).or_default() += 1;
        *cb.entry(y).or_default() += 1;
    }
    let (ha, hb) = (entropy(ca.values().copied(), n), entropy(cb.values().copied(), n));
    if ha + hb == 0.0 {
        return 1.0;
    }
    let mi: f64 = joint
        .iter()
        .map(|(&(x, y), &c)| {
            let pxy = c as f64 / n;
            pxy * (pxy / ((ca[&x] as f64 / n) * (cb[&y] as f64 / n))).ln()
        })
        .sum();
    mi / ((ha + hb) / 2.0)
}

/// Share of items whose found cluster's majority truth is their own truth.
pub fn purity(found: &[usize], truth: &[usize]) -> f64 {
    let mut table: HashMap<usize, HashMap<usize, usize>> = HashMap::new();
    for (&f, &t) in found.iter().zip(truth) {
        *table.entry(f).or_default().entry(t).or_default() += 1;
    }
    let majority: usize = table.values().map(|m| m.values().max().copied().unwrap_or(0)).sum();
    majority as f64 / found.len().max(1) as f64
}
