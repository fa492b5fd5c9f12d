//! Topics: quality on the labelled set, incremental assignment, stable ids,
//! merges, persistence and bad input.

mod common;

use civic_insight::{InsightError, Item, ItemKey, ItemKind, TopicId, TopicModel, TopicParams};
use common::{agreement, ari::adjusted_rand_index, topics_data};

fn found(fitted: &civic_insight::FittedTopics) -> Vec<usize> {
    fitted
        .assignments
        .iter()
        .map(|a| a.topic.map_or(usize::MAX, |t| t.0 as usize))
        .collect()
}

/// The theme most of a topic's items belong to.
fn theme_of(fitted: &civic_insight::FittedTopics, truth: &[usize], topic: TopicId) -> usize {
    let mut counts = [0usize; 8];
    for (a, &t) in fitted.assignments.iter().zip(truth) {
        if a.topic == Some(topic) {
            counts[t] += 1;
        }
    }
    (0..8).max_by_key(|&i| counts[i]).unwrap()
}

/// The figures of docs/insight/topics.md (default parameters, seed 0);
/// unassigned items count as one more cluster, which lowers every score.
#[test]
fn labelled_set_agreement_stays_above_its_floor() {
    let (items, truth) = topics_data::load();
    let fitted = TopicModel::fit(&items, &TopicParams::default()).unwrap();
    let f = found(&fitted);
    let (ari, nmi, purity) = (
        adjusted_rand_index(&f, &truth),
        agreement::nmi(&f, &truth),
        agreement::purity(&f, &truth),
    );
    let unassigned = f.iter().filter(|&&x| x == usize::MAX).count();
    eprintln!(
        "ARI {ari:.3} NMI {nmi:.3} purity {purity:.3} topics {} unassigned {unassigned}",
        fitted.model.topics().len()
    );
    assert!(ari >= 0.52, "ARI {ari}");
    assert!(nmi >= 0.62, "NMI {nmi}");
    assert!(purity >= 0.74, "purity {purity}");
    assert!((7..=12).contains(&fitted.model.topics().len()));
    assert!(unassigned <= items.len() / 5, "{unassigned} unassigned");
    // Every topic has 3 to 5 readable labels: whole lowercase words.
    for t in fitted.model.topics() {
        assert!((3..=5).contains(&t.labels.len()), "{:?}", t.labels);
        for l in &t.labels {
            assert!(l.chars().all(|c| c.is_lowercase() || c == '\''), "{l}");
        }
        assert!(t.representative.kind.is_primary());
        assert_eq!(t.examples.len(), 5);
        assert_eq!(t.languages.uk + t.languages.en + t.languages.unknown, t.size);
    }
    let lighting = fitted
        .model
        .topics()
        .iter()
        .find(|t| theme_of(&fitted, &truth, t.id) == 1)
        .expect("a lighting topic");
    assert!(
        lighting.labels.iter().any(|l| l.starts_with("ліхтар")),
        "{:?}",
        lighting.labels
    );
}

#[test]
fn same_input_same_topics() {
    let (items, _) = topics_data::load();
    let a = TopicModel::fit(&items, &TopicParams::default()).unwrap();
    let b = TopicModel::fit(&items, &TopicParams::default()).unwrap();
    assert_eq!(a.assignments, b.assignments);
    assert_eq!(a.model.topics(), b.model.topics());
}

#[test]
fn assign_gives_fitted_texts_their_topic_and_places_new_ones() {
    let (items, truth) = topics_data::load();
    let fitted = TopicModel::fit(&items, &TopicParams::default()).unwrap();
    let model = &fitted.model;
    assert_eq!(model.assign_all(&items), fitted.assignments);

    let lighting = model
        .topics()
        .iter()
        .find(|t| theme_of(&fitted, &truth, t.id) == 1)
        .unwrap()
        .id;
    let new = |id, text: &str| Item::new(ItemKey::new(ItemKind::Comment, id), text);
    let a = model.assign(&new(9001, "На нашій вулиці ввечері не горить жоден ліхтар, темно"));
    assert_eq!(a.topic, Some(lighting), "{a:?}");
    assert!(a.similarity > 0.2);
    let en = model.assign(&new(9002, "The street lamps near our house are broken and it is dark"));
    assert_eq!(en.topic, Some(lighting), "{en:?}");
    // Nothing in common with any topic: left unassigned.
    let off = model.assign(&new(9003, "Продам холодильник недорого, телефонуйте"));
    assert_eq!(off.topic, None, "{off:?}");
    let empty = model.assign(&new(9004, "Так, згоден!"));
    assert_eq!((empty.topic, empty.similarity), (None, 0.0));
}

#[test]
fn refit_keeps_the_ids_of_continuing_topics() {
    let (items, _) = topics_data::load();
    let first = TopicModel::fit(&items, &TopicParams::default()).unwrap().model;
    let again = first.refit(&items, &TopicParams::default()).unwrap();
    let ids: Vec<TopicId> = again.model.topics().iter().map(|t| t.id).collect();
    let before: Vec<TopicId> = first.topics().iter().map(|t| t.id).collect();
    assert_eq!(ids, before, "the same items give the same topics, ids kept");

    // Another seed over fewer items: most topics continue under their old
    // ids, new ones get fresh ids, none is reused.
    let params = TopicParams {
        seed: 7,
        ..TopicParams::default()
    };
    let later = first.refit(&items[..250], &params).unwrap();
    let ids: Vec<u32> = later.model.topics().iter().map(|t| t.id.0).collect();
    let kept = ids.iter().filter(|id| before.contains(&TopicId(**id))).count();
    assert!(kept >= 6, "{ids:?} vs {before:?}");
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    for id in ids.iter().filter(|id| !before.contains(&TopicId(**id))) {
        assert!(*id as usize >= before.len(), "new topic {id} reuses an old id");
    }
    for a in &later.assignments {
        if let Some(t) = a.topic {
            assert!(ids.contains(&t.0));
        }
    }
}

#[test]
fn merge_joins_two_topics() {
    let (items, _) = topics_data::load();
    let mut model = TopicModel::fit(&items, &TopicParams::default()).unwrap().model;
    let (a, b) = (model.topics()[0].clone(), model.topics()[1].clone());
    model.merge(a.id, b.id).unwrap();
    assert_eq!(model.topics().len(), model.topics().len());
    assert!(model.topic(b.id).is_none());
    let merged = model.topic(a.id).unwrap();
    assert_eq!(merged.size, a.size + b.size);
    assert_eq!(merged.representative, a.representative);
    assert!(merged.labels.len() >= 3);
    // Texts of the absorbed topic now land in the merged one.
    let text = items.iter().find(|i| i.key == b.representative).unwrap();
    assert_eq!(model.assign(text).topic, Some(a.id));
    assert!(matches!(model.merge(a.id, a.id), Err(InsightError::InvalidParams(_))));
    assert!(matches!(
        model.merge(a.id, TopicId(999)),
        Err(InsightError::InvalidParams(_))
    ));
}

#[test]
fn model_survives_a_json_round_trip() {
    let (items, _) = topics_data::load();
    let fitted = TopicModel::fit(&items, &TopicParams::default()).unwrap();
    let json = serde_json::to_string(&fitted.model).unwrap();
    let back: TopicModel = serde_json::from_str(&json).unwrap();
    assert_eq!(back.topics(), fitted.model.topics());
    assert_eq!(back.assign_all(&items), fitted.assignments);
}

#[test]
fn degenerate_input_gives_no_topics_not_a_panic() {
    let none = TopicModel::fit(&[], &TopicParams::default()).unwrap();
    assert!(none.model.topics().is_empty());
    assert!(none.assignments.is_empty());

    let filler: Vec<Item> = (0..50)
        .map(|i| Item::new(ItemKey::new(ItemKind::Comment, i), "Повністю підтримую, дякую! 👍 100%"))
        .collect();
    let fitted = TopicModel::fit(&filler, &TopicParams::default()).unwrap();
    assert!(fitted.model.topics().is_empty());
    assert!(fitted.assignments.iter().all(|a| a.topic.is_none()));

    let same: Vec<Item> = (0..40)
        .map(|i| Item::new(ItemKey::new(ItemKind::Idea, i), "Відремонтувати дорогу"))
        .collect();
    let fitted = TopicModel::fit(&same, &TopicParams::default()).unwrap();
    assert!(fitted.model.topics().len() <= 2);

    for bad in [
        TopicParams {
            k_range: 1..=5,
            ..TopicParams::default()
        },
        TopicParams {
            min_similarity: 1.5,
            ..TopicParams::default()
        },
        TopicParams {
            max_df: 0.0,
            ..TopicParams::default()
        },
        TopicParams {
            sample: 0,
            ..TopicParams::default()
        },
    ] {
        assert!(matches!(
            TopicModel::fit(&same, &bad),
            Err(InsightError::InvalidParams(_))
        ));
    }
}
