//! Topic quality on the labelled set `tests/data/topics/texts.csv`: fits
//! topics with the given settings and prints agreement with the themes
//! (ARI, NMI, purity; unassigned items count as one cluster of their own),
//! the k search and each topic's labels.
//!
//! Usage: topics_eval [--no-lexicon] [--ngrams] [--uk-only] [--min-similarity X] [--seed N]
//!        [--k-min K] [--k-max K]

#[path = "../tests/common/agreement.rs"]
mod agreement;
#[path = "../tests/common/ari.rs"]
mod ari;
#[path = "../tests/common/topics_data.rs"]
mod topics_data;

use civic_insight::{TopicModel, TopicParams};

fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    let i = args.iter().position(|a| a == name)?;
    let v = args.get(i + 1)?;
    match v.parse() {
        Ok(v) => Some(v),
        Err(_) => {
            eprintln!("bad value for {name}: {v}");
            std::process::exit(2);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut params = TopicParams {
        lexicon: !args.iter().any(|a| a == "--no-lexicon"),
        ..TopicParams::default()
    };
    if args.iter().any(|a| a == "--ngrams") {
        params.representation = civic_insight::text::Representation::CharNgrams;
    }
    let only_uk = args.iter().any(|a| a == "--uk-only");
    if let Some(x) = arg(&args, "--min-similarity") {
        params.min_similarity = x;
    }
    if let Some(x) = arg(&args, "--seed") {
        params.seed = x;
    }
    if let Some(k) = arg::<usize>(&args, "--k-max") {
        params.k_range = *params.k_range.start()..=k;
    }
    if let Some(k) = arg::<usize>(&args, "--k-min") {
        params.k_range = k..=*params.k_range.end();
    }
    let (items, truth) = topics_data::load();
    let (items, truth): (Vec<_>, Vec<_>) = items
        .into_iter()
        .zip(truth)
        .filter(|(i, _)| !only_uk || i.lang == Some(civic_insight::Lang::Uk))
        .unzip();
    let t = std::time::Instant::now();
    let fitted = match TopicModel::fit(&items, &params) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let found: Vec<usize> = fitted
        .assignments
        .iter()
        .map(|a| a.topic.map_or(usize::MAX, |t| t.0 as usize))
        .collect();
    let assigned: Vec<usize> = (0..found.len()).filter(|&i| found[i] != usize::MAX).collect();
    let pick = |v: &[usize]| assigned.iter().map(|&i| v[i]).collect::<Vec<_>>();
    println!(
        "items {}, topics {}, unassigned {}, fit {:.0} ms",
        items.len(),
        fitted.model.topics().len(),
        items.len() - assigned.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "summary: ARI {:.3} NMI {:.3} purity {:.3} topics {} unassigned {}",
        ari::adjusted_rand_index(&found, &truth),
        agreement::nmi(&found, &truth),
        agreement::purity(&found, &truth),
        fitted.model.topics().len(),
        items.len() - assigned.len()
    );
    let ks: Vec<String> = fitted.k_search.iter().map(|(k, s)| format!("{k}:{s:.3}")).collect();
    println!("k search (k:stability): {}", ks.join(" "));
    println!(
        "all items:      ARI {:.3}  NMI {:.3}  purity {:.3}",
        ari::adjusted_rand_index(&found, &truth),
        agreement::nmi(&found, &truth),
        agreement::purity(&found, &truth)
    );
    println!(
        "assigned items: ARI {:.3}  NMI {:.3}  purity {:.3}",
        ari::adjusted_rand_index(&pick(&found), &pick(&truth)),
        agreement::nmi(&pick(&found), &pick(&truth)),
        agreement::purity(&pick(&found), &pick(&truth))
    );
    for t in fitted.model.topics() {
        let mut themes = [0usize; 8];
        for (a, &th) in fitted.assignments.iter().zip(&truth) {
            if a.topic == Some(t.id) {
                themes[th] += 1;
            }
        }
        let best = (0..8).max_by_key(|&i| themes[i]).unwrap_or(0);
        println!(
            "  topic {:>2} size {:>3} cohesion {:.2} {:<10} {:>3}/{:<3} | {}",
            t.id.0,
            t.size,
            t.cohesion,
            topics_data::THEMES[best],
            themes[best],
            t.size,
            t.labels.join(", ")
        );
    }
}
