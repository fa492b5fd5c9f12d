//! Duplicate detection on the labelled pairs `tests/data/duplicates/pairs.csv`:
//! indexes every text of the pairs, takes the candidate pairs the index
//! returns, and prints precision, recall and F1 at several thresholds for
//! the development half, the test half and all pairs, then what was missed
//! and wrongly flagged at the chosen threshold (development half only).
//!
//! Usage: duplicates_eval [--no-lexicon] [--threshold X] [--penalty X] [--verbose]

#[path = "../tests/common/duplicates_data.rs"]
mod duplicates_data;

use std::collections::HashMap;

use civic_insight::{DuplicateIndex, DuplicateParams, ItemKey};
use duplicates_data::Pair;

fn arg(args: &[String], name: &str) -> Option<f32> {
    let i = args.iter().position(|a| a == name)?;
    match args.get(i + 1).map(|v| v.parse()) {
        Some(Ok(v)) => Some(v),
        _ => {
            eprintln!("bad value for {name}");
            std::process::exit(2)
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut params = DuplicateParams {
        lexicon: !args.iter().any(|a| a == "--no-lexicon"),
        report_floor: 0.05,
        ..DuplicateParams::default()
    };
    let chosen = arg(&args, "--threshold").unwrap_or(params.threshold);
    if let Some(p) = arg(&args, "--penalty") {
        params.place_penalty = p;
    }
    params.threshold = chosen;
    let (items, pairs) = duplicates_data::load();
    let index = match DuplicateIndex::build(&items, &params) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    };
    let found: HashMap<(ItemKey, ItemKey), f32> = index
        .pairs()
        .into_iter()
        .flat_map(|p| [((p.a, p.b), p.score), ((p.b, p.a), p.score)])
        .collect();
    let score = |p: &Pair| found.get(&(p.a, p.b)).copied().unwrap_or(0.0);
    println!(
        "{} texts, {} labelled pairs ({} duplicates)",
        items.len(),
        pairs.len(),
        pairs.iter().filter(|p| p.duplicate).count()
    );
    println!("| threshold | dev P / R / F1 | test P / R / F1 | all P / R / F1 |");
    println!("|---|---|---|---|");
    for t in [0.25f32, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6] {
        let mut line = format!("| {t:.2} |");
        for subset in [Some(true), Some(false), None] {
            let chosen: Vec<&Pair> = pairs.iter().filter(|p| subset.is_none_or(|d| p.dev == d)).collect();
            let predicted: Vec<bool> = chosen.iter().map(|p| score(p) >= t).collect();
            let (p, r, f) = duplicates_data::scores(&chosen, &predicted);
            line.push_str(&format!(" {p:.3} / {r:.3} / {f:.3} |"));
        }
        println!("{line}");
    }
    println!("\nat threshold {chosen:.2}, by category (share flagged as duplicate):");
    let mut cats: Vec<&str> = pairs.iter().map(|p| p.category.as_str()).collect();
    cats.sort_unstable();
    cats.dedup();
    for c in cats {
        let of: Vec<&Pair> = pairs.iter().filter(|p| p.category == c).collect();
        let flagged = of.iter().filter(|p| score(p) >= chosen).count();
        println!("  {c:<18} {flagged:>3} of {:>3}", of.len());
    }
    if args.iter().any(|a| a == "--verbose") {
        let text = |k: ItemKey| {
            let i = &items[(k.id - 1) as usize];
            format!("{} | {}", i.title, i.body)
        };
        // Errors of the development half only: the test half stays unread.
        for p in pairs.iter().filter(|p| p.dev) {
            let s = score(p);
            if (s >= chosen) != p.duplicate {
                println!(
                    "\n{} {} {:.3} [{}]\n  A: {}\n  B: {}",
                    if p.duplicate { "MISSED" } else { "FALSE" },
                    p.lang,
                    s,
                    p.category,
                    text(p.a),
                    text(p.b)
                );
            }
        }
    }
}
