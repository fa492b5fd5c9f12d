//! Label words of a topic: the terms that weigh most in it and least
//! elsewhere, shown as the commonest written form of each term.

use crate::vectors::Vocabulary;

/// A term's score is its mean weight in the topic times the share of its
/// weight over all items that falls in the topic (class-based TF-IDF in the
/// manner of BERTopic, with shares instead of a log ratio so that the score
/// stays in 0..1). The first `min(3, n)` labels are always kept, further
/// ones while they score at least a fifth of the best.
pub(crate) fn label_words(
    mass: &[(u32, f32)],
    size: usize,
    total_mass: &[f32],
    vocab: &Vocabulary,
    max_labels: usize,
) -> Vec<String> {
    let size = size.max(1) as f32;
    let mut scored: Vec<(f32, u32)> = mass
        .iter()
        .filter(|&&(t, m)| m > 0.0 && total_mass[t as usize] > 0.0)
        .map(|&(t, m)| ((m / size) * (m / total_mass[t as usize]), t))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let top = scored.first().map_or(0.0, |s| s.0);
    let mut labels: Vec<String> = Vec::new();
    for (score, t) in scored {
        if labels.len() >= max_labels || (labels.len() >= 3 && score < top / 5.0) {
            break;
        }
        let word = &vocab.surfaces[t as usize];
        if !labels.contains(word) {
            labels.push(word.clone());
        }
    }
    labels
}
