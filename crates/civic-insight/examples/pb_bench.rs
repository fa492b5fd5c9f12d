//! Times reading a Pabulib file and counting it with each rule, in-process
//! (the CLI figures in docs/performance.md come from bench/pb/run.sh).
//!
//! Usage: cargo run --release --example pb_bench -- FILE [RULE...]

use std::time::Instant;

use civic_insight::pb::{Rule, TieBreak, count, pabulib};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: pb_bench FILE [RULE...]");
    let rules: Vec<Rule> = args
        .map(|r| Rule::from_name(&r).unwrap_or_else(|| panic!("unknown rule {r}")))
        .collect();
    let t = Instant::now();
    let bytes = std::fs::read(&path).unwrap();
    let file = pabulib::read_bytes(&bytes).unwrap();
    println!("read {path}: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let rules = if rules.is_empty() {
        vec![Rule::Greedy, Rule::EqualShares]
    } else {
        rules
    };
    for rule in rules {
        let t = Instant::now();
        let outcome = count(&file.election, rule, TieBreak::default()).unwrap();
        println!(
            "{}: {:.1} ms, {} selected, runs {:?}",
            rule.name(),
            t.elapsed().as_secs_f64() * 1e3,
            outcome.selection_order.len(),
            outcome.equal_shares.map(|e| e.runs)
        );
    }
}
