//! Duplicates: precision and recall on the labelled pairs, places, the
//! check of a new text, and bad input.

mod common;

use std::collections::HashMap;

use civic_insight::{DuplicateIndex, DuplicateParams, InsightError, Item, ItemKey, ItemKind, PlaceMatch};
use common::duplicates_data::{self, Pair};

fn idea(id: i64, title: &str, body: &str) -> Item {
    Item::titled(ItemKey::new(ItemKind::Idea, id), title, body)
}

/// The figures of docs/insight/duplicates.md at the default threshold:
/// every text of the labelled pairs indexed, a labelled pair counts as
/// flagged when the index returns it with `duplicate` set.
#[test]
fn labelled_pairs_precision_and_recall_stay_above_their_floor() {
    let (items, pairs) = duplicates_data::load();
    let index = DuplicateIndex::build(&items, &DuplicateParams::default()).unwrap();
    let flagged: HashMap<(ItemKey, ItemKey), bool> = index
        .pairs()
        .into_iter()
        .flat_map(|p| [((p.a, p.b), p.duplicate), ((p.b, p.a), p.duplicate)])
        .collect();
    let measure = |subset: &dyn Fn(&Pair) -> bool| {
        let chosen: Vec<&Pair> = pairs.iter().filter(|p| subset(p)).collect();
        let predicted: Vec<bool> = chosen.iter().map(|p| flagged.get(&(p.a, p.b)) == Some(&true)).collect();
        duplicates_data::scores(&chosen, &predicted)
    };
    let (p, r, f1) = measure(&|_| true);
    eprintln!("all pairs: precision {p:.3} recall {r:.3} F1 {f1:.3}");
    assert!(p >= 0.80 && r >= 0.87, "precision {p}, recall {r}");
    let (p, r, _) = measure(&|p| !p.dev);
    eprintln!("test half: precision {p:.3} recall {r:.3}");
    assert!(p >= 0.82 && r >= 0.86, "test half: precision {p}, recall {r}");
    // Same request at another place: almost never flagged.
    let place: Vec<&Pair> = pairs.iter().filter(|p| p.category == "near_miss_place").collect();
    let wrong = place.iter().filter(|p| flagged.get(&(p.a, p.b)) == Some(&true)).count();
    assert!(wrong <= 4, "{wrong} of {} near misses by place flagged", place.len());
}

#[test]
fn places_tell_requests_apart() {
    let ideas = [
        idea(1, "Лавки біля школи № 5", "Батькам ніде сісти, поки чекають дітей."),
        idea(2, "Лавки біля школи № 12", "Батькам ніде сісти, поки чекають дітей."),
        idea(3, "Урни на вулиці Шевченка", "Обгортки лежать на тротуарі."),
        idea(4, "Урни на вулиці Франка", "Обгортки лежать на тротуарі."),
        idea(5, "Туалет у парку", "Відвідувачам нікуди піти в туалет."),
        idea(6, "Туалет на вокзалі", "Відвідувачам нікуди піти в туалет."),
        idea(
            7,
            "Ремонт ліфта в будинку 45",
            "Ліфт зламаний, підписали мешканці 40 квартир.",
        ),
        idea(
            8,
            "Ремонт ліфта в будинку 45",
            "Ліфт зламаний, підписали мешканці 25 квартир.",
        ),
    ];
    let index = DuplicateIndex::build(&ideas, &DuplicateParams::default()).unwrap();
    let pairs = index.pairs();
    let find = |a: i64, b: i64| pairs.iter().find(|p| p.a.id == a && p.b.id == b);
    // Word for word the same request: only the place differs.
    for (a, b) in [(1, 2), (3, 4)] {
        let p = find(a, b).unwrap_or_else(|| panic!("pair {a}-{b} in {pairs:?}"));
        assert_eq!(p.places, PlaceMatch::Different, "{p:?}");
        assert!(p.text_similarity > 0.99, "{p:?}");
        assert!(!p.duplicate && p.score < 0.3, "{p:?}");
    }
    // A park and a station: below the report floor, or reported as different.
    assert!(find(5, 6).is_none_or(|p| p.places == PlaceMatch::Different && !p.duplicate));
    // Flat counts are quantities, not places: 40 and 25 do not conflict.
    let p = find(7, 8).expect("pair 7-8");
    assert_eq!(p.places, PlaceMatch::Same, "{p:?}");
    assert!(p.duplicate);
}

#[test]
fn check_finds_the_idea_a_new_text_repeats() {
    let ideas = [
        idea(
            10,
            "Освітлити парк над річкою",
            "Увечері в парку темно, ліхтарів немає.",
        ),
        idea(
            11,
            "Відремонтувати дорогу на Садовій",
            "Асфальт у ямах, машини б'ють колеса.",
        ),
        idea(12, "Вивозити сміття частіше в Лісовому", "Контейнери переповнені."),
    ];
    let mut index = DuplicateIndex::build(&ideas, &DuplicateParams::default()).unwrap();
    let new = Item::titled(
        ItemKey::new(ItemKind::Idea, 20),
        "Ями на дорозі на Садовій",
        "Відремонтуйте дорогу, асфальт у ямах",
    );
    let matches = index.check(&new, 5);
    assert_eq!(matches[0].key.id, 11, "{matches:?}");
    assert_eq!(matches[0].places, PlaceMatch::Same);
    assert!(matches[0].duplicate, "{matches:?}");
    assert!(matches.iter().all(|m| m.key.id != 12));
    // Unrelated: nothing to suggest.
    let other = Item::new(ItemKey::new(ItemKind::Idea, 21), "Концерт джазу на площі влітку");
    assert!(index.check(&other, 5).is_empty());
    // Once published, the new text is found by the next one.
    index.insert(&new);
    assert_eq!(index.len(), 4);
    let again = Item::titled(
        ItemKey::new(ItemKind::Idea, 22),
        "Ями на дорозі на Садовій",
        "Асфальт у ямах",
    );
    let ids: Vec<i64> = index.check(&again, 5).iter().map(|m| m.key.id).collect();
    assert!(ids.contains(&20) && ids.contains(&11), "{ids:?}");
    assert!(index.check(&again, 1).len() == 1);
}

#[test]
fn pairs_are_listed_once_best_first() {
    let (items, _) = duplicates_data::load();
    let index = DuplicateIndex::build(&items, &DuplicateParams::default()).unwrap();
    let pairs = index.pairs();
    assert!(pairs.windows(2).all(|w| w[0].score >= w[1].score));
    let mut seen = std::collections::HashSet::new();
    for p in &pairs {
        assert!(p.a != p.b);
        assert!(seen.insert((p.a.min(p.b), p.a.max(p.b))), "{p:?} twice");
        assert!(p.score >= index.params().report_floor);
        assert_eq!(p.duplicate, p.score >= index.params().threshold);
    }
    assert_eq!(pairs, index.pairs(), "deterministic");
}

#[test]
fn empty_and_bad_input() {
    let index = DuplicateIndex::build(&[], &DuplicateParams::default()).unwrap();
    assert!(index.is_empty() && index.pairs().is_empty());
    assert!(index.check(&idea(1, "Лавки", "біля школи"), 5).is_empty());
    let emoji = [idea(1, "👍👍", "!!!"), idea(2, "👍", "так")];
    assert!(
        DuplicateIndex::build(&emoji, &DuplicateParams::default())
            .unwrap()
            .pairs()
            .is_empty()
    );
    for bad in [
        DuplicateParams {
            threshold: 1.5,
            ..DuplicateParams::default()
        },
        DuplicateParams {
            report_floor: 0.5,
            threshold: 0.4,
            ..DuplicateParams::default()
        },
        DuplicateParams {
            max_per_item: 0,
            ..DuplicateParams::default()
        },
    ] {
        assert!(matches!(
            DuplicateIndex::build(&emoji, &bad),
            Err(InsightError::InvalidParams(_))
        ));
    }
}
