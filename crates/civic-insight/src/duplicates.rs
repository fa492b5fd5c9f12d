//! Duplicates: ideas (and problem reports) that ask for the same thing at
//! the same place, for staff to merge, and a check of one new text against
//! the existing ones ("is it one of these?").
//!
//! Two texts are compared on two things:
//!
//! - **what** they ask: the cosine of their TF-IDF vectors over content
//!   terms (stems and lexicon concepts; title words count twice), with
//!   places left out;
//! - **where**: the numbers (house, school, route) and proper names
//!   (streets, parks, districts) each text names, and failing those the
//!   kinds of places (school, market, park). When both name numbers and
//!   share none, or both name places and share none, they are about
//!   different places and the score is multiplied by `place_penalty`.
//!
//! No all-pairs on raw text: an inverted index over content terms gives
//! each text the texts it shares a term with, and only those are scored
//! (cost: the sum over terms of their document frequency squared, which
//! stays small for the thousands of ideas of a space; measured in
//! `docs/insight/duplicates.md`).
//!
//! ```
//! use civic_insight::{DuplicateIndex, DuplicateParams, Item, ItemKey, ItemKind};
//!
//! let idea = |id, title: &str, body: &str| Item::titled(ItemKey::new(ItemKind::Idea, id), title, body);
//! let ideas = [
//!     idea(1, "Лавки біля школи № 5", "Батькам ніде сісти, поки чекають дітей."),
//!     idea(2, "Поставити лавочки коло школи № 5", "Батьки чекають дітей стоячи, сісти ніде."),
//!     idea(3, "Лавки біля школи № 12", "Батькам ніде сісти, поки чекають дітей."),
//! ];
//! let index = DuplicateIndex::build(&ideas, &DuplicateParams::default())?;
//! let dup: Vec<_> = index.pairs().into_iter().filter(|p| p.duplicate).collect();
//! assert_eq!(dup.len(), 1);
//! assert_eq!((dup[0].a.id, dup[0].b.id), (1, 2));
//! let new = Item::new(ItemKey::new(ItemKind::Idea, 4), "Лавочка біля 5 школи");
//! assert_eq!(index.check(&new, 3)[0].key.id, 1);
//! # Ok::<(), civic_insight::InsightError>(())
//! ```

use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::InsightError;
use crate::item::{Item, ItemKey};
use crate::text::Analyzer;
use crate::vectors::{self, DocTerms, Vocabulary};

/// Capitalised words that name no place on their own ("Station Road",
/// "Mill Road" share "road" but not a place).
const STREET_TYPES: &[&str] = &[
    "road",
    "street",
    "avenue",
    "lane",
    "boulevard",
    "square",
    "district",
    "вулиця",
    "проспект",
    "провулок",
    "бульвар",
    "площа",
    "район",
    "мікрорайон",
];

/// Settings of duplicate detection. The default threshold is the one
/// chosen on the development half of the labelled pairs
/// (`docs/insight/duplicates.md`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DuplicateParams {
    /// A pair scoring at least this is flagged as a duplicate.
    pub threshold: f32,
    /// Pairs scoring at least this are returned (with `duplicate` false
    /// below the threshold), so staff can look at near misses too.
    pub report_floor: f32,
    /// The score of texts about different places is multiplied by this.
    pub place_penalty: f32,
    /// Candidates kept per text (the best scoring); bounds the output when
    /// many texts are alike.
    pub max_per_item: usize,
    /// Fold synonyms and the two languages with the civic lexicon.
    pub lexicon: bool,
}

impl Default for DuplicateParams {
    fn default() -> Self {
        DuplicateParams {
            threshold: 0.3,
            report_floor: 0.2,
            place_penalty: 0.25,
            max_per_item: 10,
            lexicon: true,
        }
    }
}

impl DuplicateParams {
    fn validate(&self) -> Result<(), InsightError> {
        let unit = |x: f32| (0.0..=1.0).contains(&x);
        if !unit(self.threshold) || !unit(self.report_floor) || !unit(self.place_penalty) {
            return Err(InsightError::InvalidParams(format!(
                "threshold, report_floor and place_penalty must be in [0, 1], got {}, {}, {}",
                self.threshold, self.report_floor, self.place_penalty
            )));
        }
        if self.report_floor > self.threshold {
            return Err(InsightError::InvalidParams(format!(
                "report_floor ({}) must not exceed threshold ({})",
                self.report_floor, self.threshold
            )));
        }
        if self.max_per_item == 0 {
            return Err(InsightError::InvalidParams("max_per_item must be at least 1".into()));
        }
        Ok(())
    }
}

/// What the two texts say about where.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceMatch {
    /// They share a number or a name.
    Same,
    /// Both name numbers, or both name places, and share none.
    Different,
    /// At least one names no place: nothing to compare.
    Unknown,
}

/// A pair of indexed texts that may be duplicates; `a` was indexed first.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DuplicatePair {
    pub a: ItemKey,
    pub b: ItemKey,
    /// `text_similarity`, times `place_penalty` for different places.
    pub score: f32,
    /// Cosine of what the texts ask (0..1).
    pub text_similarity: f32,
    pub places: PlaceMatch,
    /// `score >= threshold`.
    pub duplicate: bool,
}

/// An indexed text that a new text may duplicate.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DuplicateMatch {
    pub key: ItemKey,
    pub score: f32,
    pub text_similarity: f32,
    pub places: PlaceMatch,
    pub duplicate: bool,
}

/// One indexed text.
#[derive(Clone, Debug)]
struct Entry {
    key: ItemKey,
    /// Unit TF-IDF vector of the content terms, by term id.
    vector: Vec<(u32, f32)>,
    /// Number terms, name terms and landmark terms, each sorted.
    numbers: Vec<u32>,
    names: Vec<u32>,
    landmarks: Vec<u32>,
}

/// The texts of a space, indexed for duplicate search. Built in one go;
/// texts added later with [`DuplicateIndex::insert`] are weighted with the
/// document frequencies of the build (rebuild now and then, e.g. nightly).
#[derive(Clone, Debug)]
pub struct DuplicateIndex {
    params: DuplicateParams,
    analyzer: Arc<Analyzer>,
    vocab: Vocabulary,
    /// Term id → is a number, is a landmark (for the place comparison).
    numeric: Vec<bool>,
    landmark: Vec<bool>,
    /// Term id → a street type ("Road"), not a place name by itself.
    street_type: Vec<bool>,
    idf: Vec<f32>,
    unknown_idf: f32,
    entries: Vec<Entry>,
    /// Term → (entry, weight), entries ascending.
    postings: Vec<Vec<(u32, f32)>>,
}

impl DuplicateIndex {
    /// Indexes `items` (typically the ideas or problem reports of a space).
    pub fn build(items: &[Item], params: &DuplicateParams) -> Result<Self, InsightError> {
        params.validate()?;
        let analyzer = if params.lexicon {
            Analyzer::default()
        } else {
            Analyzer::with_lexicon("")?
        };
        let (vocab, docs) = vectors::count_terms(&analyzer, items);
        let df = vectors::document_frequency(vocab.len(), &docs);
        let idf: Vec<f32> = df.iter().map(|&d| vectors::idf(docs.len(), d)).collect();
        let numeric = vocab
            .keys
            .iter()
            .map(|k| k.starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        let street_types: Vec<String> = STREET_TYPES.iter().map(|w| analyzer.word_key(w)).collect();
        let street_type = vocab.keys.iter().map(|k| street_types.contains(k)).collect();
        let landmark = vocab.keys.iter().map(|k| analyzer.is_landmark(k)).collect();
        let mut index = DuplicateIndex {
            params: params.clone(),
            analyzer: Arc::new(analyzer),
            postings: vec![Vec::new(); vocab.len()],
            unknown_idf: vectors::idf(docs.len(), 0),
            vocab,
            numeric,
            landmark,
            street_type,
            idf,
            entries: Vec::with_capacity(items.len()),
        };
        for (item, doc) in items.iter().zip(&docs) {
            index.push(item.key, doc);
        }
        Ok(index)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn params(&self) -> &DuplicateParams {
        &self.params
    }

    /// Adds a text to the index (after [`DuplicateIndex::check`] found no
    /// duplicate and the author published it).
    pub fn insert(&mut self, item: &Item) {
        let doc = self.vocab.doc(&self.analyzer, item);
        self.push(item.key, &doc);
    }

    fn entry(&self, key: ItemKey, doc: &DocTerms) -> Entry {
        let vector = vectors::tfidf(doc, &self.idf, self.unknown_idf);
        let flag = |flags: &[bool], t: u32| flags.get(t as usize).copied().unwrap_or(false);
        let (numbers, names): (Vec<u32>, Vec<u32>) = doc.places.iter().partition(|&&t| flag(&self.numeric, t));
        let names = names.into_iter().filter(|&t| !flag(&self.street_type, t)).collect();
        let landmarks = doc
            .words
            .iter()
            .map(|w| w.0)
            .filter(|&t| flag(&self.landmark, t))
            .collect();
        Entry {
            key,
            vector,
            numbers,
            names,
            landmarks,
        }
    }

    fn push(&mut self, key: ItemKey, doc: &DocTerms) {
        let entry = self.entry(key, doc);
        let id = self.entries.len() as u32;
        for &(t, w) in &entry.vector {
            self.postings[t as usize].push((id, w));
        }
        self.entries.push(entry);
    }

    /// Cosine with every indexed text sharing a term, as (entry, cosine),
    /// excluding `skip`.
    fn candidates(&self, vector: &[(u32, f32)], skip: Option<usize>, acc: &mut [f32], touched: &mut Vec<u32>) {
        for &(t, w) in vector {
            for &(j, v) in &self.postings[t as usize] {
                let slot = &mut acc[j as usize];
                if *slot == 0.0 {
                    touched.push(j);
                }
                *slot += w * v;
            }
        }
        if let Some(s) = skip {
            acc[s] = 0.0;
        }
    }

    fn compare(&self, a: &Entry, b: &Entry, cosine: f32) -> (f32, PlaceMatch) {
        let places = place_match(a, b);
        let score = match places {
            PlaceMatch::Different => cosine * self.params.place_penalty,
            _ => cosine,
        };
        (score.clamp(0.0, 1.0), places)
    }

    /// The best matches of `entry` (by score, at least `report_floor`).
    fn best_matches(
        &self,
        entry: &Entry,
        skip: Option<usize>,
        limit: usize,
        acc: &mut Vec<f32>,
    ) -> Vec<(usize, f32, f32, PlaceMatch)> {
        acc.resize(self.entries.len(), 0.0);
        let mut touched = Vec::new();
        self.candidates(&entry.vector, skip, acc, &mut touched);
        let mut found: Vec<(usize, f32, f32, PlaceMatch)> = Vec::new();
        for &j in &touched {
            let cosine = acc[j as usize].min(1.0);
            acc[j as usize] = 0.0;
            // The place factor only lowers a score: below the floor already,
            // nothing can lift it.
            if cosine < self.params.report_floor || Some(j as usize) == skip {
                continue;
            }
            let (score, places) = self.compare(entry, &self.entries[j as usize], cosine);
            if score >= self.params.report_floor {
                found.push((j as usize, score, cosine, places));
            }
        }
        let order = |x: &(usize, f32, f32, PlaceMatch), y: &(usize, f32, f32, PlaceMatch)| {
            y.1.total_cmp(&x.1).then(x.0.cmp(&y.0))
        };
        // Look-alike ideas give thousands of candidates: sort only the best.
        if found.len() > limit {
            found.select_nth_unstable_by(limit, order);
            found.truncate(limit);
        }
        found.sort_by(order);
        found
    }

    /// Candidate pairs among the indexed texts scoring at least
    /// `report_floor`, best first; each text keeps at most `max_per_item`
    /// partners. `duplicate` tells the threshold's decision.
    pub fn pairs(&self) -> Vec<DuplicatePair> {
        let limit = self.params.max_per_item;
        let mut pairs: Vec<DuplicatePair> = (0..self.entries.len())
            .into_par_iter()
            .map_init(Vec::new, |acc, i| {
                self.best_matches(&self.entries[i], Some(i), limit, acc)
                    .into_iter()
                    .map(|(j, score, cosine, places)| (i.min(j), i.max(j), score, cosine, places))
                    .collect::<Vec<_>>()
            })
            .flatten()
            .collect::<Vec<_>>()
            .into_iter()
            .map(|(i, j, score, text_similarity, places)| DuplicatePair {
                a: self.entries[i].key,
                b: self.entries[j].key,
                score,
                text_similarity,
                places,
                duplicate: score >= self.params.threshold,
            })
            .collect();
        // Each pair may be found from both ends.
        pairs.sort_by_key(|x| (x.a, x.b));
        pairs.dedup_by(|x, y| x.a == y.a && x.b == y.b);
        pairs.sort_by(|x, y| y.score.total_cmp(&x.score).then((x.a, x.b).cmp(&(y.a, y.b))));
        pairs
    }

    /// The indexed texts a new text may duplicate, best first, at most
    /// `limit`, scoring at least `report_floor` ("is it one of these?").
    /// Words the index has never seen count against every match.
    pub fn check(&self, item: &Item, limit: usize) -> Vec<DuplicateMatch> {
        let doc = self.vocab.doc(&self.analyzer, item);
        let entry = self.entry(item.key, &doc);
        let mut acc = Vec::new();
        self.best_matches(&entry, None, limit, &mut acc)
            .into_iter()
            .map(|(j, score, text_similarity, places)| DuplicateMatch {
                key: self.entries[j].key,
                score,
                text_similarity,
                places,
                duplicate: score >= self.params.threshold,
            })
            .collect()
    }
}

fn shares(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Numbers and names first: different when both texts name numbers and
/// share none, or both name places and share none (one conflict is enough:
/// the same street with another house number is another place); the same
/// when they share one. Only when these settle nothing, the kinds of places
/// (school, market, park) are compared the same way.
fn place_match(a: &Entry, b: &Entry) -> PlaceMatch {
    let conflict = |x: &[u32], y: &[u32]| !x.is_empty() && !y.is_empty() && !shares(x, y);
    if conflict(&a.numbers, &b.numbers) || conflict(&a.names, &b.names) {
        PlaceMatch::Different
    } else if shares(&a.numbers, &b.numbers) || shares(&a.names, &b.names) {
        PlaceMatch::Same
    } else if conflict(&a.landmarks, &b.landmarks) {
        PlaceMatch::Different
    } else if shares(&a.landmarks, &b.landmarks) {
        PlaceMatch::Same
    } else {
        PlaceMatch::Unknown
    }
}
