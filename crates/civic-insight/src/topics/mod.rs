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

mod kmeans;
mod labels;
mod lsa;

/// Dimensions of the sample's LSA space (measured: 12 to 40 give the same
/// agreement on the labelled set within noise; more dimensions leave room
/// for more topics on large tenants).
const LSA_DIMS: usize = 24;
/// Lloyd passes (at most) over all items in TF-IDF space after the sample's
/// topics seed the centres; on the labelled set they settle in one or two.
const REFINE_PASSES: usize = 10;
/// Parsimony in the k search: the smallest k whose stability is within
/// this share of the best. Stability plateaus once k reaches the number of
/// themes; without this the plateau's noise picks any k on it.
const K_TOLERANCE: f64 = 0.1;

use std::ops::RangeInclusive;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::InsightError;
use crate::item::{Item, ItemKey, ItemKind, Lang};
use crate::text::{Analyzer, Representation};
use crate::vectors::{self, DocTerms, SparseRows, Vocabulary};
use kmeans::Centroids;
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
    /// Items the number of topics is chosen on (all-pairs distances).
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
        if self.sample < 10 || self.sample > 20_000 {
            return bad(format!("sample must be in 10..=20000, got {}", self.sample));
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

/// Rows of the corpus and what they were built from.
struct Corpus {
    vocab: Vocabulary,
    docs: Vec<DocTerms>,
    weights: Vec<f32>,
    unknown_idf: f32,
    rows: SparseRows,
}

fn analyzer_for(params: &TopicParams) -> Analyzer {
    let analyzer = if params.lexicon {
        Analyzer::default()
    } else {
        Analyzer::with_lexicon("").expect("an empty lexicon is valid")
    };
    analyzer.with_representation(params.representation)
}

fn build_corpus(items: &[Item], params: &TopicParams, analyzer: &Analyzer) -> Corpus {
    let (vocab, docs) = vectors::count_terms(analyzer, items);
    let n = docs.len();
    let df = vectors::document_frequency(vocab.len(), &docs);
    let max_df = (params.max_df as f64 * n as f64).floor() as u32;
    let weights: Vec<f32> = df
        .iter()
        .map(|&d| {
            let idf = vectors::idf(n, d);
            if d > max_df.max(1) {
                0.0
            } else if d < params.min_df {
                -idf
            } else {
                idf
            }
        })
        .collect();
    let unknown_idf = vectors::idf(n, 0);
    let vectors: Vec<Vec<(u32, f32)>> = docs
        .par_iter()
        .map(|d| vectors::tfidf(d, &weights, unknown_idf))
        .collect();
    let mut rows = SparseRows::with_capacity(n, vectors.iter().map(Vec::len).sum());
    for v in &vectors {
        rows.push(v);
    }
    Corpus {
        vocab,
        docs,
        weights,
        unknown_idf,
        rows,
    }
}

impl TopicModel {
    /// Full recompute over `items` (one space's or one tenant's texts).
    /// Items without content words (only stop words, emoji, numbers) are
    /// left unassigned. Fewer items than two topics need give no topics.
    pub fn fit(items: &[Item], params: &TopicParams) -> Result<FittedTopics, InsightError> {
        params.validate()?;
        let clock = std::time::Instant::now();
        let lap = |since: &mut f64| {
            let now = clock.elapsed().as_secs_f64() * 1e3;
            let ms = now - *since;
            *since = now;
            ms
        };
        let mut since = 0.0;
        let mut timings = Timings::default();
        let analyzer = analyzer_for(params);
        let corpus = build_corpus(items, params, &analyzer);
        let dim = corpus.vocab.len();
        let rows = &corpus.rows;
        let with_terms: Vec<usize> = (0..rows.len()).filter(|&i| !rows.row(i).0.is_empty()).collect();
        timings.terms_ms = lap(&mut since);

        // k search on the sample, in LSA space: for each k, RESTARTS
        // k-means runs; the k whose runs agree best (stability) wins, the
        // smallest one within K_TOLERANCE of the best.
        let sample = kmeans::sample(&with_terms, params.sample, params.seed);
        let s = sample.len();
        let k_hi = (*params.k_range.end()).min(s / params.min_topic_size.max(2));
        let k_lo = *params.k_range.start();
        let mut k_search = Vec::new();
        let mut runs: Vec<(f64, usize, Vec<usize>)> = Vec::new();
        if k_lo <= k_hi && s >= 2 {
            let sim = kmeans::similarity_matrix(rows, &sample);
            let r = LSA_DIMS.min(s);
            let e = lsa::embed(&sim, s, r, params.seed);
            drop(sim);
            let cos = kmeans::gram(&e, s, r);
            runs = k_grid(k_lo, k_hi)
                .into_par_iter()
                .map(|k| {
                    let (labels, stability) = kmeans::fit_sample(&e, r, &cos, k, params.seed);
                    (stability, k, labels)
                })
                .collect();
            k_search = runs.iter().map(|r| (r.1, r.0)).collect();
        }
        let top = runs.iter().map(|r| r.0).fold(f64::NEG_INFINITY, f64::max);
        let best = runs.into_iter().find(|r| r.0 >= top - K_TOLERANCE * top.abs());
        timings.k_search_ms = lap(&mut since);

        let mut labels_of: Vec<Option<usize>> = vec![None; items.len()];
        let mut sims = vec![0.0f32; items.len()];
        let mut centres: Vec<Vec<(u32, f32)>> = Vec::new();
        if let Some((_, k, sample_labels)) = best {
            // The sample's topics as TF-IDF centres, then every item to its
            // nearest centre (a few Lloyd passes over all items).
            let start = kmeans::centroids_of(rows, &sample, &sample_labels, k, dim);
            let (labels, member_sims, final_centroids) = kmeans::lloyd(rows, &with_terms, start, dim, REFINE_PASSES);
            centres = prune(
                rows,
                &with_terms,
                labels,
                member_sims,
                final_centroids,
                dim,
                params,
                &mut labels_of,
                &mut sims,
            );
        }

        timings.cluster_ms = lap(&mut since);
        let n_topics = centres.len();
        let mut model = TopicModel {
            topics: Vec::new(),
            centres,
            mass: Vec::new(),
            total_mass: vec![0.0; dim],
            vocab: corpus.vocab,
            weights: corpus.weights,
            unknown_idf: corpus.unknown_idf,
            params: params.clone(),
            next_id: n_topics as u32,
            analyzer: OnceLock::new(),
        };
        let _ = model.analyzer.set(Arc::new(analyzer));
        model.describe(items, &corpus.docs, rows, &labels_of, &sims);
        timings.describe_ms = lap(&mut since);
        let assignments = items
            .iter()
            .zip(&labels_of)
            .zip(&sims)
            .map(|((item, t), &similarity)| Assignment {
                key: item.key,
                topic: t.map(|t| model.topics[t].id),
                similarity,
            })
            .collect();
        Ok(FittedTopics {
            model,
            assignments,
            k_search,
            timings,
        })
    }

    /// A full recompute that keeps the ids of the previous model's topics
    /// that continue: each new topic whose centre has a cosine of at least
    /// 0.5 with a previous one (best pairs first, each used once) takes its
    /// id; the others get new ids.
    pub fn refit(&self, items: &[Item], params: &TopicParams) -> Result<FittedTopics, InsightError> {
        let mut fitted = TopicModel::fit(items, params)?;
        let model = &mut fitted.model;
        let previous: Vec<rustc_hash::FxHashMap<&str, f32>> = self
            .centres
            .iter()
            .map(|c| {
                c.iter()
                    .map(|&(t, v)| (self.vocab.keys[t as usize].as_str(), v))
                    .collect()
            })
            .collect();
        let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
        for (j, c) in model.centres.iter().enumerate() {
            for (p, prev) in previous.iter().enumerate() {
                let cos: f32 = c
                    .iter()
                    .filter_map(|&(t, v)| prev.get(model.vocab.keys[t as usize].as_str()).map(|w| v * w))
                    .sum();
                if cos >= 0.5 {
                    pairs.push((cos, j, p));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut new_ids: Vec<Option<TopicId>> = vec![None; model.topics.len()];
        let mut used = vec![false; self.topics.len()];
        for (_, j, p) in pairs {
            if new_ids[j].is_none() && !used[p] {
                new_ids[j] = Some(self.topics[p].id);
                used[p] = true;
            }
        }
        let mut next = self.next_id.max(model.next_id);
        let mut renumber = rustc_hash::FxHashMap::default();
        for (topic, id) in model.topics.iter_mut().zip(new_ids) {
            let id = id.unwrap_or_else(|| {
                next += 1;
                TopicId(next - 1)
            });
            renumber.insert(topic.id, id);
            topic.id = id;
        }
        model.next_id = next;
        for a in &mut fitted.assignments {
            a.topic = a.topic.map(|t| renumber[&t]);
        }
        Ok(fitted)
    }

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

    /// Labels, representatives and statistics from the final assignment.
    fn describe(
        &mut self,
        items: &[Item],
        docs: &[DocTerms],
        rows: &SparseRows,
        labels_of: &[Option<usize>],
        sims: &[f32],
    ) {
        let k = self.centres.len();
        let mut mass: Vec<rustc_hash::FxHashMap<u32, (f32, u32)>> = vec![Default::default(); k];
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
        for (i, l) in labels_of.iter().enumerate() {
            let (idx, val) = rows.row(i);
            for (&t, &v) in idx.iter().zip(val) {
                self.total_mass[t as usize] += v;
                if let Some(j) = *l {
                    let m = mass[j].entry(t).or_default();
                    m.0 += v;
                    m.1 += 1;
                }
            }
            if let Some(j) = *l {
                members[j].push(i);
            }
        }
        self.mass = mass
            .into_iter()
            .map(|m| {
                let mut v: Vec<TermMass> = m
                    .into_iter()
                    .map(|(term, (mass, docs))| TermMass { term, mass, docs })
                    .collect();
                v.sort_unstable_by_key(|x| x.term);
                v
            })
            .collect();
        self.topics = members
            .iter()
            .enumerate()
            .map(|(j, m)| {
                let mut central: Vec<usize> = m.clone();
                central.sort_by(|&a, &b| sims[b].total_cmp(&sims[a]).then(a.cmp(&b)));
                let representative = central
                    .iter()
                    .find(|&&i| items[i].key.kind.is_primary())
                    .or(central.first())
                    .map(|&i| items[i].key)
                    .unwrap_or(ItemKey::new(ItemKind::Idea, 0));
                let mut languages = LangCounts::default();
                for &i in m {
                    match items[i].lang.or(docs[i].script_lang) {
                        Some(Lang::Uk) => languages.uk += 1,
                        Some(Lang::En) => languages.en += 1,
                        None => languages.unknown += 1,
                    }
                }
                Topic {
                    id: TopicId(j as u32),
                    labels: Vec::new(),
                    representative,
                    examples: central
                        .iter()
                        .take(self.params.max_examples)
                        .map(|&i| items[i].key)
                        .collect(),
                    size: m.len(),
                    cohesion: if m.is_empty() {
                        0.0
                    } else {
                        m.iter().map(|&i| sims[i]).sum::<f32>() / m.len() as f32
                    },
                    languages,
                }
            })
            .collect();
        self.relabel();
    }

    fn relabel(&mut self) {
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

/// The numbers of topics tried: every k up to 10, then steps of about a
/// tenth (12, 14, 16, 18, 20, 23, 26, 29, 30): one topic more or less
/// matters less the more there are, and each k tried costs its k-means runs.
fn k_grid(lo: usize, hi: usize) -> Vec<usize> {
    let mut ks = Vec::new();
    let mut k = lo;
    while k <= hi {
        ks.push(k);
        k += (k / 10).max(1) + usize::from(k >= 10);
    }
    if ks.last() != Some(&hi) {
        ks.push(hi);
    }
    ks
}

/// Drops topics below `min_topic_size` (their items go to the next nearest
/// kept topic if close enough) and items below `min_similarity`; writes the
/// kept topic of each item and its cosine, and returns the kept centres
/// (recomputed from their final members), largest topic first.
#[allow(clippy::too_many_arguments)]
fn prune(
    rows: &SparseRows,
    members: &[usize],
    labels: Vec<usize>,
    sims: Vec<f32>,
    centroids: Centroids,
    dim: usize,
    params: &TopicParams,
    labels_of: &mut [Option<usize>],
    sims_of: &mut [f32],
) -> Vec<Vec<(u32, f32)>> {
    let k = centroids.k;
    let mut size = vec![0usize; k];
    for (&l, &s) in labels.iter().zip(&sims) {
        if s >= params.min_similarity {
            size[l] += 1;
        }
    }
    // Largest first; ties by index, for determinism.
    let mut order: Vec<usize> = (0..k).filter(|&j| size[j] >= params.min_topic_size).collect();
    order.sort_by(|&a, &b| size[b].cmp(&size[a]).then(a.cmp(&b)));
    let mut rank = vec![usize::MAX; k];
    for (r, &j) in order.iter().enumerate() {
        rank[j] = r;
    }
    let kept = Centroids {
        k: order.len(),
        c: (0..dim)
            .flat_map(|t| order.iter().map(move |&j| (t, j)))
            .map(|(t, j)| centroids.c[t * k + j])
            .collect(),
    };
    let placed: Vec<(Option<usize>, f32)> = members
        .par_iter()
        .zip(labels.par_iter().zip(&sims))
        .map_init(
            || vec![0.0f32; kept.k],
            |buf, (&i, (&l, &s))| {
                if rank[l] != usize::MAX {
                    return ((s >= params.min_similarity).then_some(rank[l]), s);
                }
                if kept.k == 0 {
                    return (None, s);
                }
                let (j, s) = kept.nearest(rows.row(i), buf);
                ((s >= params.min_similarity).then_some(j), s)
            },
        )
        .collect();
    for (&i, (l, s)) in members.iter().zip(placed) {
        labels_of[i] = l;
        sims_of[i] = s.max(0.0);
    }
    let assigned: Vec<(usize, usize)> = members.iter().filter_map(|&i| labels_of[i].map(|l| (i, l))).collect();
    let (idx, lab): (Vec<usize>, Vec<usize>) = assigned.into_iter().unzip();
    let final_centroids = kmeans::centroids_of(rows, &idx, &lab, kept.k, dim);
    // The final placement follows the rule assign() applies, with the same
    // centres, so that assigning a fitted text again gives the same topic.
    let placed: Vec<(usize, f32)> = members
        .par_iter()
        .map_init(
            || vec![0.0f32; final_centroids.k],
            |buf, &i| final_centroids.nearest(rows.row(i), buf),
        )
        .collect();
    for (&i, (j, s)) in members.iter().zip(placed) {
        labels_of[i] = (final_centroids.k > 0 && s >= params.min_similarity && s > 0.0).then_some(j);
        sims_of[i] = s.max(0.0);
    }
    (0..kept.k)
        .map(|j| {
            (0..dim)
                .filter_map(|t| {
                    let v = final_centroids.c[t * kept.k + j];
                    (v != 0.0).then_some((t as u32, v))
                })
                .collect()
        })
        .collect()
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

#[cfg(test)]
mod tests {
    #[test]
    fn k_grid_is_dense_then_sparse_and_ends_at_hi() {
        assert_eq!(
            super::k_grid(2, 30),
            [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 23, 26, 29, 30]
        );
        assert_eq!(super::k_grid(2, 2), [2]);
        assert_eq!(super::k_grid(8, 11), [8, 9, 10, 11]);
    }
}
