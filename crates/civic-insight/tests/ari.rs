//! Checks of the test-side adjusted Rand index itself.

mod common;

use common::ari::adjusted_rand_index;

/// Identical up to renaming: 1. Crossed halves [0,0,1,1] vs [0,1,0,1]:
/// index Σ C(n_ij, 2) = 0; rows and columns each give Σ C(2,2) = 2;
/// expected = 2·2 / C(4,2) = 2/3; max = 2; ARI = (0 − 2/3) / (2 − 2/3) = −0.5.
#[test]
fn ari_by_hand() {
    assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[5, 5, 3, 3]), 1.0);
    let crossed = adjusted_rand_index(&[0, 0, 1, 1], &[0, 1, 0, 1]);
    assert!((crossed + 0.5).abs() < 1e-12, "{crossed}");
}
