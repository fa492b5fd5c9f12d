//! Times screening: per post over the labelled corpus, for a long post,
//! and the helpers the platform calls around it (fingerprint, counting
//! copies among recent items, redaction, setting up a city's screening).
//!
//! Usage: cargo run --release -p civic-core --example screening_bench [ROUNDS]

use std::hint::black_box;
use std::time::Instant;

use civic_core::screening::{Fingerprint, PostingContext, Screening, ScreeningConfig, count_near, redact};

const CORPUS: [&str; 3] = [
    include_str!("../tests/screening/dev.tsv"),
    include_str!("../tests/screening/holdout.tsv"),
    include_str!("../tests/screening/hard.tsv"),
];

/// Nanoseconds this thread has run on a CPU (Linux), so a busy machine
/// shows as waiting rather than as a slower screening.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Runs `f` `rounds` times over `items` and prints the mean time per item,
/// wall clock and on-CPU.
fn time<T>(label: &str, rounds: usize, items: &[T], mut f: impl FnMut(&T)) {
    // One warm-up round, then the timed ones.
    items.iter().for_each(&mut f);
    let (start, cpu_start) = (Instant::now(), cpu_ns());
    for _ in 0..rounds {
        items.iter().for_each(&mut f);
    }
    let calls = (rounds * items.len()) as f64;
    let wall = start.elapsed().as_secs_f64() * 1e6 / calls;
    let cpu = cpu_start
        .zip(cpu_ns())
        .map_or(f64::NAN, |(a, b)| (b - a) as f64 / 1e3 / calls);
    println!("{label:<44} {wall:>10.2} µs wall {cpu:>10.2} µs on CPU  ({calls} calls)");
}

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let texts: Vec<String> = CORPUS
        .iter()
        .flat_map(|file| file.lines())
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.splitn(6, '\t').nth(5).map(str::to_string))
        .collect();
    let screening = Screening::new(ScreeningConfig::default()).expect("default settings");
    let context = PostingContext::new(1, false);
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    println!(
        "{} corpus texts, {:.0} characters on average, {rounds} rounds",
        texts.len(),
        chars as f64 / texts.len() as f64
    );

    time("screen (corpus post)", rounds, &texts, |t| {
        black_box(screening.screen(black_box(t), &context));
    });
    // The longest post an idea may have (10,000 characters), ordinary text
    // with a phone, a link and a blocked word in it.
    let long = vec![format!(
        "{} 067 123 45 67 https://example.com/x мудак",
        "Пропоную облаштувати сквер біля школи, поставити лавки та ліхтарі. ".repeat(150)
    )];
    time("screen (10,000-character post)", rounds / 10 + 1, &long, |t| {
        black_box(screening.screen(black_box(t), &context));
    });
    time("Fingerprint::of (corpus post)", rounds, &texts, |t| {
        black_box(Fingerprint::of(black_box(t)));
    });
    let recent: Vec<Option<Fingerprint>> = (0..10_000)
        .map(|i| Some(Fingerprint(i * 0x9E37_79B9_7F4A_7C15)))
        .collect();
    let probe = vec![Fingerprint::of(&texts[0])];
    time("count_near over 10,000 recent fingerprints", rounds, &probe, |f| {
        black_box(count_near(*f, recent.iter().copied()));
    });
    time("redact (corpus post)", rounds, &texts, |t| {
        black_box(redact(black_box(t), |_| "[…]"));
    });
    time("Screening::new (parse and index lists)", rounds / 10 + 1, &[()], |_| {
        black_box(Screening::new(ScreeningConfig::default()).expect("default settings"));
    });
}
