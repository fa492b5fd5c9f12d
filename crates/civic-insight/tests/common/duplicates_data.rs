//! The labelled pairs `tests/data/duplicates/pairs.csv` (see its README).

use std::collections::HashMap;

use civic_insight::{Item, ItemKey, ItemKind};

pub struct Pair {
    pub a: ItemKey,
    pub b: ItemKey,
    pub duplicate: bool,
    pub category: String,
    pub dev: bool,
    pub lang: String,
}

/// Every distinct text of the pairs as an idea (a text in several pairs is
/// indexed once), and the pairs over their keys.
pub fn load() -> (Vec<Item>, Vec<Pair>) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/duplicates/pairs.csv");
    let mut reader = csv::Reader::from_path(path).expect("pairs.csv");
    let mut ids: HashMap<(String, String), ItemKey> = HashMap::new();
    let mut items = Vec::new();
    let mut key_of = |title: &str, body: &str, items: &mut Vec<Item>| {
        *ids.entry((title.to_string(), body.to_string())).or_insert_with(|| {
            let key = ItemKey::new(ItemKind::Idea, items.len() as i64 + 1);
            items.push(Item::titled(key, title, body));
            key
        })
    };
    let mut pairs = Vec::new();
    for row in reader.records() {
        let row = row.expect("a CSV row");
        let a = key_of(&row[6], &row[7], &mut items);
        let b = key_of(&row[8], &row[9], &mut items);
        pairs.push(Pair {
            a,
            b,
            duplicate: &row[3] == "1",
            category: row[4].to_string(),
            dev: &row[2] == "dev",
            lang: row[5].to_string(),
        });
    }
    (items, pairs)
}

/// Precision, recall and F1 of `predicted` (one per pair) against the labels.
pub fn scores(pairs: &[&Pair], predicted: &[bool]) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fneg) = (0.0, 0.0, 0.0);
    for (p, &hit) in pairs.iter().zip(predicted) {
        match (p.duplicate, hit) {
            (true, true) => tp += 1.0,
            (false, true) => fp += 1.0,
            (true, false) => fneg += 1.0,
            _ => {}
        }
    }
    let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 1.0 };
    let recall = if tp + fneg > 0.0 { tp / (tp + fneg) } else { 1.0 };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}
