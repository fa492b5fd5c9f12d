//! Measures the screening on the labelled corpus in this folder (see its
//! README): precision and recall of "should not be published" (hold or
//! refuse) and of "refuse", on the texts the weights were tuned with
//! (dev.tsv), on texts kept aside (holdout.tsv) and on hard cases written
//! to find the limits (hard.tsv). The figures are deterministic; each
//! assertion is the figure reported in docs/moderation.md, so a change that
//! makes screening worse fails here.
//!
//! `cargo test -p civic-core --test screening -- --nocapture` prints the
//! figures and every text the screening got wrong.

use civic_core::screening::{Decision, Fingerprint, PostingContext, Screening, ScreeningConfig, count_near};

struct Item {
    id: String,
    expect: Decision,
    reason: String,
    author: String,
    context: PostingContext,
    text: String,
}

fn parse_decision(s: &str) -> Decision {
    match s {
        "publish" => Decision::Publish,
        "hold" => Decision::Hold,
        "refuse" => Decision::Refuse,
        other => panic!("unknown label {other}"),
    }
}

/// `-`, or comma-separated `age=HOURS`, `unconfirmed`, `rate=POSTS_LAST_HOUR`.
/// Accounts are 90 days old and confirmed unless said otherwise.
fn parse_context(s: &str) -> PostingContext {
    let mut c = PostingContext::new(24 * 90, true);
    for part in s.split(',').filter(|p| *p != "-") {
        match part.split_once('=') {
            Some(("age", h)) => c.account_age_hours = h.parse().expect("age"),
            Some(("rate", n)) => c.posts_last_hour = n.parse().expect("rate"),
            None if part == "unconfirmed" => c.email_confirmed = false,
            _ => panic!("unknown context {part}"),
        }
    }
    c
}

fn load(name: &str) -> Vec<Item> {
    let path = format!("{}/tests/screening/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).expect("corpus file");
    let mut items: Vec<Item> = raw
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.splitn(6, '\t').collect();
            assert_eq!(f.len(), 6, "{name}: {line}");
            Item {
                id: f[0].into(),
                expect: parse_decision(f[1]),
                reason: f[2].into(),
                author: f[3].into(),
                context: parse_context(f[4]),
                text: f[5].replace("\\n", "\n"),
            }
        })
        .collect();
    // Copies are counted as the platform would: among the items posted
    // before (the file is in posting order), by the author and by others.
    let prints: Vec<Option<Fingerprint>> = items.iter().map(|i| Fingerprint::of(&i.text)).collect();
    for k in 0..items.len() {
        let (earlier, later) = items.split_at_mut(k);
        let item = &mut later[0];
        let by = |same: bool| {
            count_near(
                prints[k],
                earlier
                    .iter()
                    .zip(&prints)
                    .filter(|(e, _)| (e.author == item.author) == same)
                    .map(|(_, p)| *p),
            )
        };
        item.context.same_text_by_author = by(true);
        item.context.same_text_by_others = by(false);
    }
    items
}

#[derive(Debug, Default)]
struct Scores {
    texts: usize,
    exact: usize,
    /// Not published: true positives, false positives, false negatives.
    held: [usize; 3],
    refused: [usize; 3],
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

impl Scores {
    fn precision(c: [usize; 3]) -> f64 {
        ratio(c[0], c[0] + c[1])
    }
    fn recall(c: [usize; 3]) -> f64 {
        ratio(c[0], c[0] + c[2])
    }
}

fn count(c: &mut [usize; 3], expected: bool, predicted: bool) {
    match (expected, predicted) {
        (true, true) => c[0] += 1,
        (false, true) => c[1] += 1,
        (true, false) => c[2] += 1,
        (false, false) => {}
    }
}

fn measure(name: &str) -> Scores {
    // The shipped settings; they trust gov.ua, the corpus's city's domain.
    let screening = Screening::new(ScreeningConfig::default()).unwrap();
    let mut s = Scores::default();
    for item in load(name) {
        let v = screening.screen(&item.text, &item.context);
        s.texts += 1;
        if v.decision == item.expect {
            s.exact += 1;
        } else {
            let signals: Vec<String> = v
                .signals
                .iter()
                .map(|f| format!("{}={}", f.signal.code(), f.points))
                .collect();
            println!(
                "{name} {} expected {} got {} ({}; {}): {}",
                item.id,
                item.expect.as_str(),
                v.decision.as_str(),
                item.reason,
                signals.join(" "),
                item.text
            );
        }
        count(
            &mut s.held,
            item.expect != Decision::Publish,
            v.decision != Decision::Publish,
        );
        count(
            &mut s.refused,
            item.expect == Decision::Refuse,
            v.decision == Decision::Refuse,
        );
    }
    println!(
        "{name}: {} texts, {} decided as labelled; not published: precision {:.3} recall {:.3} \
         (tp {} fp {} fn {}); refused: precision {:.3} recall {:.3} (tp {} fp {} fn {})",
        s.texts,
        s.exact,
        Scores::precision(s.held),
        Scores::recall(s.held),
        s.held[0],
        s.held[1],
        s.held[2],
        Scores::precision(s.refused),
        Scores::recall(s.refused),
        s.refused[0],
        s.refused[1],
        s.refused[2],
    );
    s
}

fn assert_at_least(name: &str, what: &str, got: f64, floor: f64) {
    assert!(got >= floor, "{name}: {what} fell to {got:.3} (reported {floor:.2})");
}

/// Measures a file and asserts its four figures at least `floors`:
/// not-published precision and recall, refused precision and recall.
fn assert_figures(name: &str, min_texts: usize, floors: [f64; 4]) -> Scores {
    let s = measure(name);
    assert!(s.texts >= min_texts, "{name}: {} texts", s.texts);
    let got = [
        Scores::precision(s.held),
        Scores::recall(s.held),
        Scores::precision(s.refused),
        Scores::recall(s.refused),
    ];
    let what = [
        "not-published precision",
        "not-published recall",
        "refused precision",
        "refused recall",
    ];
    for ((what, got), floor) in what.iter().zip(got).zip(floors) {
        assert_at_least(name, what, got, floor);
    }
    s
}

#[test]
fn tuning_corpus() {
    assert_figures("dev.tsv", 200, [0.98, 0.94, 1.0, 1.0]);
}

#[test]
fn kept_aside_corpus() {
    assert_figures("holdout.tsv", 100, [1.0, 0.94, 1.0, 1.0]);
}

/// The words of a text in search form, for telling copies from unrelated
/// texts independently of the fingerprint.
fn word_set(text: &str) -> std::collections::BTreeSet<String> {
    civic_core::text::search_form(text)
        .split(' ')
        .map(str::to_string)
        .collect()
}

#[test]
fn fingerprints_tell_copies_from_other_texts() {
    // Over every pair of fingerprinted texts of the corpus: pairs sharing
    // most words (Jaccard >= 0.6) are copies and must be near; pairs
    // sharing few (< 0.3) must not be. Prints the margins either side.
    let items: Vec<Item> = load("dev.tsv").into_iter().chain(load("holdout.tsv")).collect();
    let prints: Vec<(Fingerprint, std::collections::BTreeSet<String>)> = items
        .iter()
        .filter_map(|i| Fingerprint::of(&i.text).map(|f| (f, word_set(&i.text))))
        .collect();
    let (mut copies, mut farthest_copy, mut closest_other, mut others) = (0, 0, 64, 0);
    for (a, (fa, wa)) in prints.iter().enumerate() {
        for (fb, wb) in &prints[a + 1..] {
            let jaccard = wa.intersection(wb).count() as f64 / wa.union(wb).count() as f64;
            let d = fa.distance(*fb);
            if jaccard >= 0.6 {
                copies += 1;
                farthest_copy = farthest_copy.max(d);
            } else if jaccard < 0.3 {
                others += 1;
                closest_other = closest_other.min(d);
            }
        }
    }
    println!(
        "fingerprints: {copies} pairs of copies at most {farthest_copy} bits apart; \
         {others} pairs of other texts at least {closest_other} bits apart; near = {} bits",
        civic_core::screening::NEAR_BITS
    );
    assert!(copies >= 20 && others >= 10_000);
    assert!(farthest_copy <= civic_core::screening::NEAR_BITS);
    assert!(closest_other > civic_core::screening::NEAR_BITS);
}

#[test]
fn hard_cases() {
    // Texts written to probe what word lists and patterns cannot see
    // (insults and threats in ordinary words, quoted slurs, ads without
    // links): the figures show the limits, and guard against regressions.
    // No refusal is right here yet (the one refused is a quoted slur), so
    // the refused figures are 0: instead, no other legitimate text may be
    // refused.
    let s = assert_figures("hard.tsv", 40, [0.64, 0.40, 0.0, 0.0]);
    assert!(s.refused[1] <= 1, "hard: {} legitimate texts refused", s.refused[1]);
}
