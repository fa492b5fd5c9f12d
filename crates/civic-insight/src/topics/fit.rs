//! The full recompute: terms, the k search on the sample, k-means over all
//! items, dissolving small topics, and describing what is left.

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::kmeans::{self, Centroids};
use super::labels::TermMass;
use super::{
    Assignment, FittedTopics, LangCounts, Timings, Topic, TopicId, TopicModel, TopicParams, analyzer_for, lsa,
};
use crate::error::InsightError;
use crate::item::{Item, ItemKey, ItemKind, Lang};
use crate::text::Analyzer;
use crate::vectors::{self, DocTerms, SparseRows, Vocabulary};

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

/// Rows of the corpus and what they were built from.
struct Corpus {
    vocab: Vocabulary,
    docs: Vec<DocTerms>,
    weights: Vec<f32>,
    unknown_idf: f32,
    rows: SparseRows,
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
