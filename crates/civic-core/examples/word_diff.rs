//! Benchmark of the word-level difference of an amendment (issue 18: a
//! 5,000-word section within 5 ms): a generated 5,000-word section against
//! the same text with one word in fifty changed, a sentence inserted and
//! one removed; prints the median and the slowest of the runs.
//!
//!   cargo run --release -p civic-core --example word_diff

use civic_core::consultations::word_diff;
use std::time::Instant;

fn main() {
    let words = [
        "громада",
        "забезпечує",
        "доступність",
        "публічних",
        "просторів",
        "для",
        "людей",
        "батьків",
        "і",
        "літніх",
    ];
    let original: Vec<String> = (0..5_000)
        .map(|n| words[(n * 7 + n / 13) % words.len()].to_string())
        .collect();
    let mut proposed = original.clone();
    for n in (0..proposed.len()).step_by(50) {
        proposed[n] = format!("{}-змінено", proposed[n]);
    }
    proposed.insert(2_500, "Нове речення посередині розділу.".to_string());
    proposed.remove(4_000);
    let (a, b) = (original.join(" "), proposed.join(" "));
    let mut times = Vec::new();
    let mut changes = 0;
    for _ in 0..50 {
        let t = Instant::now();
        changes = word_diff(&a, &b).len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "word diff of a {}-word section: {changes} runs, median {:.2} ms, slowest {:.2} ms ({} runs)",
        original.len(),
        times[times.len() / 2],
        times[times.len() - 1],
        times.len()
    );
}
