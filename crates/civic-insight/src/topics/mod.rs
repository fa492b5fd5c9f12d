//! Topics: what residents write about, found in their ideas, comments,
//! consultation comments and problem reports.
//!
//! ```text
//! items ─► terms (stems, lexicon concepts) ─► TF-IDF rows
//!        ─► sample: LSA, k-means runs for each k, the most stable k wins
//!        ─► k-means on every item from the sample's centroids
//!        ─► too far from every centre: unassigned; too small a topic: dissolved
//!        ─► per topic: label words, representative, examples
//! ```
//!
//! [`TopicModel::fit`] is the full recompute; [`TopicModel::assign`] places
//! a new item in an existing topic without recomputing anything;
//! [`TopicModel::refit`] recomputes and keeps the ids of the topics that
//! continue, so names given by staff stay attached. The method and its
//! measured quality and speed: `docs/insight/topics.md`.
//!
//! ```
//! use civic_insight::{Item, ItemKey, ItemKind, TopicModel, TopicParams};
//!
//! let texts = ["Ями на дорозі", "Відремонтувати дорогу, всюди ями", "Ліхтарі не світять",
//!              "Встановити ліхтарі у дворі", "Дорога розбита, ями", "Темно, потрібні ліхтарі"];
//! let items: Vec<Item> = texts.iter().enumerate()
//!     .map(|(i, t)| Item::new(ItemKey::new(ItemKind::Idea, i as i64), *t)).collect();
//! let params = TopicParams { min_topic_size: 2, ..TopicParams::default() };
//! let fitted = TopicModel::fit(&items, &params)?;
//! assert_eq!(fitted.model.topics().len(), 2);
//! let new = Item::new(ItemKey::new(ItemKind::Comment, 1), "Коли засиплють ями на дорозі?");
//! assert_eq!(fitted.model.assign(&new).topic, fitted.assignments[0].topic);
//! # Ok::<(), civic_insight::InsightError>(())
//! ```

mod fit;
mod kmeans;
mod labels;
mod lsa;

use std::ops::RangeInclusive;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::InsightError;
use crate::item::{Item, ItemKey};
use crate::text::{Analyzer, Representation};
use crate::vectors::{self, Vocabulary};
use labels::TermMass;

/// A topic's id. Stable across [`TopicModel::refit`] for topics that
/// continue, so the platform can keep staff's names and merges by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TopicId(pub u32);

/// Settings of a full recompute. `TopicParams::default()` is what the
/// figures in `docs/insight/topics.md` were measured with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicParams {
    /// Seed of every random choice; same items and seed, same topics.
    pub seed: u64,
    /// Numbers of topics to try; the most stable on the sample wins.
    /// The upper end is lowered when there are too few items to fill it.
    pub k_range: RangeInclusive<usize>,
    /// An item less similar than this (cosine) to every topic's centre is
    /// left unassigned rather than forced into a topic.
    pub min_similarity: f32,
    /// A topic with fewer items is dissolved: its items go to their next
    /// nearest topic, or stay unassigned.
    pub min_topic_size: usize,
    /// Items the number of topics is chosen on (all-pairs similarities:
    /// memory grows with its square; at most 5,000).
    pub sample: usize,
    /// Terms in fewer items are too rare to describe a topic (they still
    /// weigh in each item's norm).
    pub min_df: u32,
    /// Terms in a larger share of items are too common to tell topics apart.
    pub max_df: f32,
    /// Fold synonyms and the two languages with the civic lexicon.
    pub lexicon: bool,
    /// Stems (default) or character n-grams.
    #[serde(default)]
    pub representation: Representation,
    /// Label words per topic (at least 3 when the topic has them).
    pub max_labels: usize,
    /// Most central items kept per topic as examples.
    pub max_examples: usize,
}

impl Default for TopicParams {
    fn default() -> Self {
        TopicParams {
            seed: 0,
            k_range: 2..=30,
            min_similarity: 0.12,
            min_topic_size: 5,
            sample: 2000,
            min_df: 2,
            max_df: 0.5,
            lexicon: true,
            representation: Representation::Stems,
            max_labels: 5,
            max_examples: 5,
        }
    }
}

impl TopicParams {
    fn validate(&self) -> Result<(), InsightError> {
        let bad = |m: String| Err(InsightError::InvalidParams(m));
        let (lo, hi) = (*self.k_range.start(), *self.k_range.end());
        // k = 1 is always perfectly stable, so the search starts at 2.
        if lo < 2 || lo > hi || hi > 200 {
            return bad(format!(
                "k_range must satisfy 2 <= start <= end <= 200, got {lo}..={hi}"
            ));
        }
        if !(0.0..1.0).contains(&self.min_similarity) {
            return bad(format!("min_similarity must be in [0, 1), got {}", self.min_similarity));
        }
        if !(self.max_df > 0.0 && self.max_df <= 1.0) {
            return bad(format!("max_df must be in (0, 1], got {}", self.max_df));
        }
        // Dense sample × sample matrices (one at a time): 5,000 costs 100 MB.
        if self.sample < 10 || self.sample > 5_000 {
            return bad(format!("sample must be in 10..=5000, got {}", self.sample));
        }
        if self.min_topic_size < 1 || self.max_labels < 1 || self.max_labels > 20 {
            return bad("min_topic_size and max_labels must be at least 1 (max_labels at most 20)".into());
        }
        Ok(())
    }
}

/// How many of a topic's items are in each language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LangCounts {
    pub uk: usize,
    pub en: usize,
    /// Neither hinted nor told by its words (numbers only, other scripts).
    pub unknown: usize,
}

/// One topic as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub id: TopicId,
    /// The most characteristic words, lowercased, most characteristic first
    /// (each the commonest written form of its term in the corpus).
    pub labels: Vec<String>,
    /// The most central idea or problem report; the most central comment
    /// when the topic has neither.
    pub representative: ItemKey,
    /// The most central items of any kind, most central first.
    pub examples: Vec<ItemKey>,
    /// Items in the topic at the last recompute or merge.
    pub size: usize,
    /// Mean cosine of its items to its centre (0..1): how tight it is.
    pub cohesion: f32,
    pub languages: LangCounts,
}

/// Where an item falls.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub key: ItemKey,
    /// `None`: unassigned (no topic is close enough).
    pub topic: Option<TopicId>,
    /// Cosine to the nearest topic's centre (0 without content words).
    pub similarity: f32,
}

/// The outcome of a full recompute: the model and every item's topic.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FittedTopics {
    pub model: TopicModel,
    /// One per input item, in input order.
    pub assignments: Vec<Assignment>,
    /// The k search: (k, stability), stability being the mean adjusted
    /// Rand index between the k-means runs of that k on the sample.
    pub k_search: Vec<(usize, f64)>,
    /// Where the time went, for benchmarks and logs.
    pub timings: Timings,
}

/// Milliseconds spent in each step of a full recompute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    /// Words, stems and TF-IDF rows of every item.
    pub terms_ms: f64,
    /// Sample similarities, LSA and the k-means runs of every k.
    pub k_search_ms: f64,
    /// k-means over all items, dissolving small topics, final placement.
    pub cluster_ms: f64,
    /// Labels, representatives, statistics.
    pub describe_ms: f64,
}

/// Topics and what is needed to place new items in them. Serialisable, so
/// the platform can store it between recomputes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TopicModel {
    topics: Vec<Topic>,
    /// Normalised centre of each topic (same order as `topics`), sparse.
    centres: Vec<Vec<(u32, f32)>>,
    /// Weight of each term in each topic, by term: merges recompute labels
    /// from it.
    mass: Vec<Vec<TermMass>>,
    /// Sum of all rows (assigned or not), for label distinctiveness.
    total_mass: Vec<f32>,
    vocab: Vocabulary,
    /// Idf of each term; negative: too rare to match, counts in the norm only;
    /// zero: too common, ignored.
    weights: Vec<f32>,
    unknown_idf: f32,
    params: TopicParams,
    next_id: u32,
    #[serde(skip)]
    analyzer: OnceLock<Arc<Analyzer>>,
}

pub(crate) fn analyzer_for(params: &TopicParams) -> Analyzer {
    let analyzer = if params.lexicon {
        Analyzer::default()
    } else {
        Analyzer::with_lexicon("").expect("an empty lexicon is valid")
    };
    analyzer.with_representation(params.representation)
}

impl TopicModel {
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn topic(&self, id: TopicId) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn params(&self) -> &TopicParams {
        &self.params
    }

    fn analyzer(&self) -> &Analyzer {
        self.analyzer.get_or_init(|| Arc::new(analyzer_for(&self.params)))
    }

    /// The topic of a new item, without recomputing: the nearest centre if
    /// it is at least `min_similarity` away. Words the model has not seen
    /// count against the match (they weigh in the item's norm), so a text
    /// about something new stays unassigned until the next recompute.
    pub fn assign(&self, item: &Item) -> Assignment {
        let doc = self.vocab.doc(self.analyzer(), item);
        let v = vectors::tfidf(&doc, &self.weights, self.unknown_idf);
        let mut best: Option<(usize, f32)> = None;
        for (j, c) in self.centres.iter().enumerate() {
            let s = vectors::sparse_dot(v.iter().copied(), c.iter().copied());
            if best.is_none_or(|b| s > b.1) {
                best = Some((j, s));
            }
        }
        let (topic, similarity) = match best {
            Some((j, s)) if s >= self.params.min_similarity && s > 0.0 => (Some(self.topics[j].id), s),
            Some((_, s)) => (None, s.max(0.0)),
            None => (None, 0.0),
        };
        Assignment {
            key: item.key,
            topic,
            similarity,
        }
    }

    /// [`TopicModel::assign`] for many items, in parallel, in input order.
    pub fn assign_all(&self, items: &[Item]) -> Vec<Assignment> {
        items.par_iter().map(|i| self.assign(i)).collect()
    }

    /// Merges topic `from` into `into` (a staff decision): one centre from
    /// both, sizes added, labels recomputed; `into` keeps its id, name and
    /// representative. Items are re-placed by [`TopicModel::assign`] or at
    /// the next recompute.
    pub fn merge(&mut self, into: TopicId, from: TopicId) -> Result<(), InsightError> {
        let find = |id: TopicId| {
            self.topics
                .iter()
                .position(|t| t.id == id)
                .ok_or_else(|| InsightError::InvalidParams(format!("no topic {}", id.0)))
        };
        let (a, b) = (find(into)?, find(from)?);
        if a == b {
            return Err(InsightError::InvalidParams(format!(
                "cannot merge topic {} into itself",
                into.0
            )));
        }
        let merged = add_mass(&self.mass[a], &self.mass[b]);
        let (sa, sb) = (self.topics[a].size as f32, self.topics[b].size as f32);
        let tb = self.topics[b].clone();
        let ta = &mut self.topics[a];
        ta.cohesion = if sa + sb > 0.0 {
            (ta.cohesion * sa + tb.cohesion * sb) / (sa + sb)
        } else {
            0.0
        };
        ta.size += tb.size;
        ta.languages.uk += tb.languages.uk;
        ta.languages.en += tb.languages.en;
        ta.languages.unknown += tb.languages.unknown;
        ta.examples.extend(tb.examples);
        ta.examples.truncate(self.params.max_examples);
        self.centres[a] = normalised(&merged);
        self.mass[a] = merged;
        self.topics.remove(b);
        self.centres.remove(b);
        self.mass.remove(b);
        self.relabel();
        Ok(())
    }

    pub(crate) fn relabel(&mut self) {
        for (j, topic) in self.topics.iter_mut().enumerate() {
            topic.labels = labels::label_words(
                &self.mass[j],
                topic.size,
                &self.total_mass,
                &self.vocab,
                self.params.max_labels,
            );
        }
    }
}

fn add_mass(a: &[TermMass], b: &[TermMass]) -> Vec<TermMass> {
    let mut m: std::collections::BTreeMap<u32, (f32, u32)> = a.iter().map(|x| (x.term, (x.mass, x.docs))).collect();
    for x in b {
        let e = m.entry(x.term).or_default();
        e.0 += x.mass;
        e.1 += x.docs;
    }
    m.into_iter()
        .map(|(term, (mass, docs))| TermMass { term, mass, docs })
        .collect()
}

/// The unit vector along a topic's term weights: its centre.
fn normalised(v: &[TermMass]) -> Vec<(u32, f32)> {
    let n = v.iter().map(|x| x.mass * x.mass).sum::<f32>().sqrt();
    v.iter()
        .map(|x| (x.term, if n > 0.0 { x.mass / n } else { 0.0 }))
        .collect()
}
