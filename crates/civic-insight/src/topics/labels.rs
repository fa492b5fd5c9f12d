//! Label words of a topic: the terms that many of its items use and few
//! items elsewhere, shown as the commonest written form of each term.

use serde::{Deserialize, Serialize};

use crate::vectors::Vocabulary;

/// A term's weight in a topic: the sum of its TF-IDF weights over the
/// topic's items, and how many of them contain it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct TermMass {
    pub term: u32,
    pub mass: f32,
    pub docs: u32,
}

/// A term's score is the share of the topic's items that use it times the
/// share of the term's weight over all items that falls in the topic
/// (class-based TF-IDF in the manner of BERTopic, with shares so that the
/// score stays in 0..1). A term used by a single item does not label a
/// topic of several. The first `min(3, n)` labels are always kept, further
/// ones while they score at least a fifth of the best.
pub(crate) fn label_words(
    mass: &[TermMass],
    size: usize,
    total_mass: &[f32],
    vocab: &Vocabulary,
    max_labels: usize,
) -> Vec<String> {
    let min_docs = (size as u32 / 10).max(if size >= 2 { 2 } else { 1 });
    let size = size.max(1) as f32;
    let mut scored: Vec<(f32, u32)> = mass
        .iter()
        .filter(|m| m.docs >= min_docs && m.mass > 0.0 && total_mass[m.term as usize] > 0.0)
        .map(|m| {
            (
                (m.docs as f32 / size) * (m.mass / total_mass[m.term as usize]).min(1.0),
                m.term,
            )
        })
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
