//! The labelled topic set `tests/data/topics/texts.csv` (see its README).

use civic_insight::{Item, ItemKey, ItemKind, Lang};

pub const THEMES: [&str; 8] = [
    "roads",
    "lighting",
    "parks",
    "transport",
    "waste",
    "schools",
    "safety",
    "culture",
];

/// The items and the index of each one's theme in [`THEMES`].
pub fn load() -> (Vec<Item>, Vec<usize>) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/topics/texts.csv");
    let mut reader = csv::Reader::from_path(path).expect("texts.csv");
    let (mut items, mut truth) = (Vec::new(), Vec::new());
    for row in reader.records() {
        let row = row.expect("a CSV row");
        let id: i64 = row[0].parse().expect("id");
        let theme = THEMES.iter().position(|t| *t == &row[1]).expect("a known theme");
        let kind = match &row[2] {
            "idea" => ItemKind::Idea,
            _ => ItemKind::Comment,
        };
        let lang = if &row[3] == "en" { Lang::En } else { Lang::Uk };
        items.push(Item::titled(ItemKey::new(kind, id), &row[4], &row[5]).with_lang(lang));
        truth.push(theme);
    }
    (items, truth)
}
