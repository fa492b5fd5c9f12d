//! Topics benchmark (run by `bench/insight/topics.sh`): generates synthetic
//! ideas and comments in Ukrainian and English on eight themes, fits topics
//! from cold, and times assigning new comments one by one. Prints the time
//! of each step and the agreement with the planted themes (ARI over the
//! texts that have a theme; filler comments should stay unassigned).
//!
//! Usage: topics_bench [--ideas N] [--comments N] [--seed N] [--assign N] [--ngrams]

#[path = "../tests/common/ari.rs"]
mod ari;
#[path = "common/civic_text.rs"]
mod civic_text;
#[path = "common/cli.rs"]
mod cli;

use std::time::Instant;

use cli::{arg, ms};

use civic_insight::{Item, ItemKey, ItemKind, TopicModel, TopicParams};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg as StdRng;

/// The corpus: items and the planted theme of each (None for filler).
fn generate(ideas: usize, comments: usize, seed: u64) -> (Vec<Item>, Vec<Option<usize>>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut items = Vec::with_capacity(ideas + comments);
    let mut themes = Vec::with_capacity(ideas + comments);
    for id in 0..ideas {
        let (theme, title, body) = civic_text::idea(&mut rng);
        items.push(Item::titled(ItemKey::new(ItemKind::Idea, id as i64), title, body));
        themes.push(Some(theme));
    }
    for id in 0..comments {
        let on = rng.random_range(0..ideas.max(1));
        let theme = themes[on].unwrap_or(0);
        let (theme, text) = civic_text::comment(&mut rng, theme);
        items.push(Item::new(ItemKey::new(ItemKind::Comment, id as i64), text));
        themes.push(theme);
    }
    (items, themes)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (n_ideas, n_comments) = (arg(&args, "--ideas", 10_000), arg(&args, "--comments", 100_000));
    let seed = arg(&args, "--seed", 1) as u64;
    let n_assign = arg(&args, "--assign", 10_000);

    let t = Instant::now();
    let (items, themes) = generate(n_ideas, n_comments, seed);
    println!(
        "generated {} ideas + {} comments in {:.0} ms",
        n_ideas,
        n_comments,
        ms(t)
    );

    let t = Instant::now();
    let mut params = TopicParams::default();
    if args.iter().any(|a| a == "--ngrams") {
        params.representation = civic_insight::text::Representation::CharNgrams;
    }
    let fitted = match TopicModel::fit(&items, &params) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    };
    let fit_ms = ms(t);
    let model = &fitted.model;
    let unassigned = fitted.assignments.iter().filter(|a| a.topic.is_none()).count();
    let tm = fitted.timings;
    println!(
        "fit: {fit_ms:.0} ms, {} topics, {unassigned} unassigned",
        model.topics().len()
    );
    println!(
        "  terms {:.0} ms, k search {:.0} ms, k-means on all {:.0} ms, describe {:.0} ms",
        tm.terms_ms, tm.k_search_ms, tm.cluster_ms, tm.describe_ms
    );

    let (mut found, mut truth) = (Vec::new(), Vec::new());
    let (mut filler, mut filler_unassigned) = (0, 0);
    for (a, th) in fitted.assignments.iter().zip(&themes) {
        match th {
            Some(th) => {
                found.push(a.topic.map_or(usize::MAX, |t| t.0 as usize));
                truth.push(*th);
            }
            None => {
                filler += 1;
                filler_unassigned += a.topic.is_none() as usize;
            }
        }
    }
    println!(
        "ARI vs planted themes (texts with a theme): {:.3}",
        ari::adjusted_rand_index(&found, &truth)
    );
    let ideas = n_ideas.min(found.len());
    println!(
        "ARI vs planted themes (ideas): {:.3}",
        ari::adjusted_rand_index(&found[..ideas], &truth[..ideas])
    );
    println!("filler comments left unassigned: {filler_unassigned} of {filler}");
    let ks: Vec<String> = fitted.k_search.iter().map(|(k, s)| format!("{k}:{s:.2}")).collect();
    println!("k search (k:stability): {}", ks.join(" "));
    for topic in model.topics() {
        println!(
            "  topic {:>2} size {:>6} | {}",
            topic.id.0,
            topic.size,
            topic.labels.join(", ")
        );
    }

    let (new_items, _) = generate(n_ideas.min(1000), n_assign, seed + 1);
    let new_items = &new_items[n_ideas.min(1000)..];
    let t = Instant::now();
    let mut assigned = 0;
    for item in new_items {
        assigned += model.assign(item).topic.is_some() as usize;
    }
    let assign_ms = ms(t);
    println!(
        "assign: {} new comments one by one in {assign_ms:.0} ms ({:.1} µs each), {assigned} placed in a topic",
        new_items.len(),
        assign_ms * 1e3 / new_items.len().max(1) as f64
    );
    let json = serde_json::to_string(model).unwrap_or_default();
    println!("model JSON: {} KB", json.len() / 1024);
}
