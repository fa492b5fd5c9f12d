//! Duplicates benchmark (run by `bench/insight/topics.sh`): indexes
//! synthetic ideas in Ukrainian and English, lists the candidate pairs, and
//! times checking new texts one by one. The generated ideas are assembled
//! from a few phrase pools, so they are far more alike than real ones: many
//! share most of their words, which is the expensive case for the inverted
//! index.
//!
//! Usage: duplicates_bench [--ideas N] [--checks N] [--seed N]

#[path = "common/civic_text.rs"]
mod civic_text;
#[path = "common/cli.rs"]
mod cli;

use std::time::Instant;

use cli::{arg, ms};

use civic_insight::{DuplicateIndex, DuplicateParams, Item, ItemKey, ItemKind};
use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

fn ideas(n: usize, first_id: usize, seed: u64) -> Vec<Item> {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    (0..n)
        .map(|i| {
            let (_, title, body) = civic_text::idea(&mut rng);
            Item::titled(ItemKey::new(ItemKind::Idea, (first_id + i) as i64), title, body)
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = arg(&args, "--ideas", 10_000);
    let checks = arg(&args, "--checks", 1_000);
    let seed = arg(&args, "--seed", 1) as u64;
    let items = ideas(n, 0, seed);

    let t = Instant::now();
    let index = match DuplicateIndex::build(&items, &DuplicateParams::default()) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    };
    let build_ms = ms(t);
    let t = Instant::now();
    let pairs = index.pairs();
    let pairs_ms = ms(t);
    let flagged = pairs.iter().filter(|p| p.duplicate).count();
    println!("index {n} ideas: {build_ms:.0} ms; all candidate pairs: {pairs_ms:.0} ms");
    println!(
        "{} pairs at or above the report floor, {flagged} flagged as duplicates",
        pairs.len()
    );

    let new = ideas(checks, n, seed + 1);
    let t = Instant::now();
    let mut suggested = 0;
    for item in &new {
        suggested += !index.check(item, 5).is_empty() as usize;
    }
    let check_ms = ms(t);
    println!(
        "check: {checks} new ideas one by one in {check_ms:.0} ms ({:.2} ms each), {suggested} with a suggestion",
        check_ms / checks.max(1) as f64
    );
}
