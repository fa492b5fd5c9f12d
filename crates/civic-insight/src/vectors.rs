//! Items → term counts → TF-IDF vectors, shared by topics and duplicates.
//!
//! Counting runs in parallel over fixed chunks of items, each with its own
//! small vocabulary and a memo of the words already analysed (a corpus of
//! civic texts repeats the same few thousand words), then the chunks are
//! merged in order, so the result does not depend on the thread count.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::item::{Item, Lang};
use crate::text::{Analyzer, RawWord, Representation, Script, TermKind, is_unit_word, kind_of};

/// Items per parallel chunk: large enough that a chunk's memo pays off.
const CHUNK: usize = 2048;

/// Terms of one text: content words with counts (title words count
/// twice), and place terms (numbers, proper names) apart.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct DocTerms {
    /// (term id, count), sorted by id.
    pub words: Vec<(u32, f32)>,
    /// Place term ids (numbers, names), sorted, distinct.
    pub places: Vec<u32>,
    /// Counts of words not in a frozen vocabulary (see [`Vocabulary::doc`]).
    pub unknown: Vec<f32>,
    /// The language of most of its words.
    pub script_lang: Option<Lang>,
}

/// The terms of a corpus: key, document frequency of the content words,
/// and the commonest written form (for labels).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(from = "VocabularyData", into = "VocabularyData")]
pub(crate) struct Vocabulary {
    pub keys: Vec<String>,
    pub surfaces: Vec<String>,
    index: FxHashMap<String, u32>,
}

/// What is stored of a vocabulary; the look-up is rebuilt on loading.
#[derive(Serialize, Deserialize)]
struct VocabularyData {
    keys: Vec<String>,
    surfaces: Vec<String>,
}

impl From<VocabularyData> for Vocabulary {
    fn from(d: VocabularyData) -> Self {
        let index = d.keys.iter().enumerate().map(|(i, k)| (k.clone(), i as u32)).collect();
        Vocabulary {
            keys: d.keys,
            surfaces: d.surfaces,
            index,
        }
    }
}

impl From<Vocabulary> for VocabularyData {
    fn from(v: Vocabulary) -> Self {
        VocabularyData {
            keys: v.keys,
            surfaces: v.surfaces,
        }
    }
}

impl Vocabulary {
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn id(&self, key: &str) -> Option<u32> {
        self.index.get(key).copied()
    }

    /// The terms of a new text against this frozen vocabulary: unknown
    /// words are kept as counts so that they still weigh in the norm, and an
    /// unknown place gets an id of its own (it can match no known place, but
    /// it still tells that the text names one).
    pub fn doc(&self, analyzer: &Analyzer, item: &Item) -> DocTerms {
        let mut fresh = u32::MAX;
        let ngrams = analyzer.representation() == Representation::CharNgrams;
        doc_terms(item, |w| match analyzer.key_of(w) {
            Some(_) if ngrams && kind_of(w) == TermKind::Word => {
                let mut keys = Vec::new();
                analyzer.ngram_keys(&w.lower, &mut keys);
                let (mut known, mut unknown) = (Vec::new(), Vec::new());
                for k in keys {
                    match self.id(&k) {
                        Some(id) => known.push(id),
                        None => unknown.push(k),
                    }
                }
                Lookup::Many(known, unknown)
            }
            None => Lookup::Skip,
            Some(key) => match (self.id(&key), kind_of(w)) {
                (Some(id), _) => Lookup::Known(id),
                (None, TermKind::Word) => Lookup::Unknown(key),
                (None, _) => {
                    fresh -= 1;
                    Lookup::Known(fresh)
                }
            },
        })
    }
}

/// What a word is in the vocabulary at hand.
enum Lookup {
    Known(u32),
    Unknown(String),
    /// Character n-grams: several terms from one word, known and unknown.
    Many(Vec<u32>, Vec<String>),
    Skip,
}

/// The terms of one item, with `lookup` naming each word's term.
fn doc_terms(item: &Item, mut lookup: impl FnMut(&RawWord) -> Lookup) -> DocTerms {
    let mut words: FxHashMap<u32, f32> = FxHashMap::default();
    let mut unknown: FxHashMap<String, f32> = FxHashMap::default();
    let mut places = Vec::new();
    let mut scripts = [0usize; 2];
    for (text, weight) in [(item.title.as_str(), 2.0), (item.body.as_str(), 1.0)] {
        // A number is a place (house, school, route) unless a unit follows
        // it: "40 квартир", "50 тисяч гривень" say how much, not where.
        let mut pending_number: Option<u32> = None;
        crate::text::words(text, |w| {
            if let Some(n) = pending_number.take()
                && !is_unit_word(&w.lower)
            {
                places.push(n);
            }
            let kind = kind_of(&w);
            match lookup(&w) {
                Lookup::Skip => return,
                Lookup::Known(id) if kind == TermKind::Word => *words.entry(id).or_default() += weight,
                Lookup::Known(id) if kind == TermKind::Number => pending_number = Some(id),
                Lookup::Known(id) => places.push(id),
                Lookup::Unknown(key) => *unknown.entry(key).or_default() += weight,
                Lookup::Many(known, keys) => {
                    for id in known {
                        *words.entry(id).or_default() += weight;
                    }
                    for key in keys {
                        *unknown.entry(key).or_default() += weight;
                    }
                }
            }
            count_script(&mut scripts, w.script);
        });
        places.extend(pending_number);
    }
    let mut words: Vec<(u32, f32)> = words.into_iter().collect();
    words.sort_unstable_by_key(|w| w.0);
    places.sort_unstable();
    places.dedup();
    let mut unknown: Vec<f32> = unknown.into_values().collect();
    unknown.sort_unstable_by(f32::total_cmp);
    DocTerms {
        words,
        places,
        unknown,
        script_lang: majority(scripts),
    }
}

fn count_script(scripts: &mut [usize; 2], script: Script) {
    match script {
        Script::Cyrillic => scripts[0] += 1,
        Script::Latin => scripts[1] += 1,
        Script::Other => {}
    }
}

fn majority(scripts: [usize; 2]) -> Option<Lang> {
    match scripts {
        [0, 0] => None,
        [c, l] if c >= l => Some(Lang::Uk),
        _ => Some(Lang::En),
    }
}

/// One chunk's counts in its own term numbering.
struct ChunkCounts {
    keys: Vec<String>,
    docs: Vec<DocTerms>,
    /// Lowercase word → (its local terms, none for a stop word; occurrences).
    memo: FxHashMap<String, (Vec<u32>, u32)>,
}

fn count_chunk(analyzer: &Analyzer, items: &[Item]) -> ChunkCounts {
    let mut local: FxHashMap<String, u32> = FxHashMap::default();
    let mut keys: Vec<String> = Vec::new();
    let mut memo: FxHashMap<String, (Vec<u32>, u32)> = FxHashMap::default();
    let ngrams = analyzer.representation() == Representation::CharNgrams;
    let mut word_keys = Vec::new();
    let docs = items
        .iter()
        .map(|item| {
            doc_terms(item, |w| {
                if !memo.contains_key(w.lower.as_str()) {
                    word_keys.clear();
                    if let Some(key) = analyzer.key_of(w) {
                        if ngrams && kind_of(w) == TermKind::Word {
                            analyzer.ngram_keys(&w.lower, &mut word_keys);
                        } else {
                            word_keys.push(key);
                        }
                    }
                    let ids = word_keys
                        .drain(..)
                        .map(|key| {
                            *local.entry(key).or_insert_with_key(|k| {
                                keys.push(k.clone());
                                (keys.len() - 1) as u32
                            })
                        })
                        .collect();
                    memo.insert(w.lower.clone(), (ids, 0));
                }
                let Some(entry) = memo.get_mut(w.lower.as_str()) else {
                    return Lookup::Skip; // inserted just above
                };
                entry.1 += 1;
                match entry.0.as_slice() {
                    [] => Lookup::Skip,
                    [id] => Lookup::Known(*id),
                    ids => Lookup::Many(ids.to_vec(), Vec::new()),
                }
            })
        })
        .collect();
    ChunkCounts { keys, docs, memo }
}

/// Counts the terms of every item: the vocabulary and each item's terms,
/// in item order.
pub(crate) fn count_terms(analyzer: &Analyzer, items: &[Item]) -> (Vocabulary, Vec<DocTerms>) {
    let chunks: Vec<ChunkCounts> = items.par_chunks(CHUNK).map(|c| count_chunk(analyzer, c)).collect();
    let mut vocab = Vocabulary::default();
    let mut surface_counts: Vec<FxHashMap<String, u32>> = Vec::new();
    let mut docs = Vec::with_capacity(items.len());
    for chunk in chunks {
        let global: Vec<u32> = chunk
            .keys
            .into_iter()
            .map(|k| match vocab.index.get(&k) {
                Some(&id) => id,
                None => {
                    let id = vocab.keys.len() as u32;
                    vocab.index.insert(k.clone(), id);
                    vocab.keys.push(k);
                    surface_counts.push(FxHashMap::default());
                    id
                }
            })
            .collect();
        for (surface, (locals, n)) in chunk.memo {
            for local in locals {
                *surface_counts[global[local as usize] as usize]
                    .entry(surface.clone())
                    .or_default() += n;
            }
        }
        for mut doc in chunk.docs {
            for w in &mut doc.words {
                w.0 = global[w.0 as usize];
            }
            doc.words.sort_unstable_by_key(|w| w.0);
            for p in &mut doc.places {
                *p = global[*p as usize];
            }
            doc.places.sort_unstable();
            docs.push(doc);
        }
    }
    vocab.surfaces = surface_counts
        .into_iter()
        .zip(&vocab.keys)
        .map(|(counts, key)| {
            // Most frequent form; ties to the shorter, then alphabetical, so
            // the label does not depend on hash order.
            counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.len().cmp(&a.0.len())).then(b.0.cmp(&a.0)))
                .map(|(s, _)| s)
                .unwrap_or_else(|| key.clone())
        })
        .collect();
    (vocab, docs)
}

/// Document frequency of each content term.
pub(crate) fn document_frequency(n_terms: usize, docs: &[DocTerms]) -> Vec<u32> {
    let mut df = vec![0u32; n_terms];
    for d in docs {
        for &(t, _) in &d.words {
            df[t as usize] += 1;
        }
    }
    df
}

/// Smoothed inverse document frequency (as scikit-learn's): ln((1+N)/(1+df)) + 1.
pub(crate) fn idf(n_docs: usize, df: u32) -> f32 {
    (((1 + n_docs) as f64 / (1 + df) as f64).ln() + 1.0) as f32
}

/// Rows of L2-normalised sparse vectors in one allocation (CSR).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct SparseRows {
    offsets: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
}

impl SparseRows {
    pub fn with_capacity(rows: usize, nnz: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        SparseRows {
            offsets,
            indices: Vec::with_capacity(nnz),
            values: Vec::with_capacity(nnz),
        }
    }

    pub fn push(&mut self, row: &[(u32, f32)]) {
        for &(i, v) in row {
            self.indices.push(i);
            self.values.push(v);
        }
        self.offsets.push(self.indices.len());
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let (a, b) = (self.offsets[i], self.offsets[i + 1]);
        (&self.indices[a..b], &self.values[a..b])
    }

    /// Row `i` as (index, value) pairs.
    pub fn entries(&self, i: usize) -> impl Iterator<Item = (u32, f32)> + '_ {
        let (idx, val) = self.row(i);
        idx.iter().copied().zip(val.iter().copied())
    }
}

/// The TF-IDF vector of counted terms, L2-normalised. `weights[t]` is the
/// idf of term t; a negative weight counts in the norm only (a term too rare
/// to match on, but which still makes the text less like the others), zero
/// drops the term. Unknown words weigh with `unknown_idf` in the norm only.
/// Sublinear tf (1 + ln count) keeps one repeated word from dominating.
pub(crate) fn tfidf(doc: &DocTerms, weights: &[f32], unknown_idf: f32) -> Vec<(u32, f32)> {
    let tf = |c: f32| 1.0 + c.ln();
    let mut norm2: f32 = doc.unknown.iter().map(|&c| (tf(c) * unknown_idf).powi(2)).sum();
    let mut v: Vec<(u32, f32)> = Vec::with_capacity(doc.words.len());
    for &(t, c) in &doc.words {
        let w = weights[t as usize];
        let x = tf(c) * w.abs();
        norm2 += x * x;
        if w > 0.0 {
            v.push((t, x));
        }
    }
    let norm = norm2.sqrt();
    if norm > 0.0 {
        for x in &mut v {
            x.1 /= norm;
        }
    }
    v
}

/// Dot product of two sparse vectors given as (index, value) in ascending
/// index order.
pub(crate) fn sparse_dot(a: impl IntoIterator<Item = (u32, f32)>, b: impl IntoIterator<Item = (u32, f32)>) -> f32 {
    let (mut a, mut b) = (a.into_iter(), b.into_iter());
    let (mut x, mut y) = (a.next(), b.next());
    let mut s = 0.0;
    while let (Some((i, v)), Some((j, w))) = (x, y) {
        match i.cmp(&j) {
            std::cmp::Ordering::Less => x = a.next(),
            std::cmp::Ordering::Greater => y = b.next(),
            std::cmp::Ordering::Equal => {
                s += v * w;
                x = a.next();
                y = b.next();
            }
        }
    }
    s
}
