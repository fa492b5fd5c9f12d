//! Adjusted Rand index (Hubert & Arabie 1985), shared by the tests and the
//! benchmark example (which includes this file by path).

use std::collections::HashMap;

fn pairs(n: u64) -> f64 {
    (n as f64) * (n as f64 - 1.0) / 2.0
}

/// ARI between two labelings of the same items: 1 for identical partitions,
/// about 0 for independent ones, negative when worse than chance.
pub fn adjusted_rand_index(a: &[usize], b: &[usize]) -> f64 {
    assert_eq!(a.len(), b.len(), "labelings must cover the same items");
    let mut table: HashMap<(usize, usize), u64> = HashMap::new();
    let mut rows: HashMap<usize, u64> = HashMap::new();
    let mut cols: HashMap<usize, u64> = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *table.entry((x, y)).or_default() += 1;
        *rows.entry(x).or_default() += 1;
        *cols.entry(y).or_default() += 1;
    }
    let index: f64 = table.values().map(|&n| pairs(n)).sum();
    let sum_rows: f64 = rows.values().map(|&n| pairs(n)).sum();
    let sum_cols: f64 = cols.values().map(|&n| pairs(n)).sum();
    let total = pairs(a.len() as u64);
    if total == 0.0 {
        return 1.0;
    }
    let expected = sum_rows * sum_cols / total;
    let max = (sum_rows + sum_cols) / 2.0;
    if max == expected {
        return 1.0; // both partitions trivial (one group, or all singletons)
    }
    (index - expected) / (max - expected)
}
