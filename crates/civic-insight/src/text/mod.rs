//! Text analysis shared by topics and duplicates: words → terms.
//!
//! A term is what two texts must share to be alike: the stem of a content
//! word (Ukrainian light stemmer, English Snowball), or the concept of the
//! civic lexicon the word belongs to ("лавочка", "лавка" and "benches" are
//! all `#bench`). Stop words of both languages are dropped. Numbers and
//! proper names are kept as terms of their own kind, because duplicates
//! tell places apart by them. Why stems and not character n-grams:
//! `docs/adr/0101-topics-representation.md`.

mod lexicon;
pub mod stem_uk;
mod tokens;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::error::InsightError;
pub use tokens::Script;
pub(crate) use tokens::{RawWord, words};

const STOPWORDS_UK: &str = include_str!("data/stopwords-uk.txt");
const STOPWORDS_EN: &str = include_str!("data/stopwords-en.txt");
const LANDMARKS: &str = include_str!("data/landmarks.txt");
/// The civic lexicon shipped with the crate (format in the file).
pub const LEXICON: &str = include_str!("data/lexicon.txt");

/// What a term stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TermKind {
    /// A content word (its stem or its lexicon concept).
    Word,
    /// Digits first: "12", "5а".
    Number,
    /// A capitalised word inside a sentence: a street, park or district name.
    Name,
}

/// One term of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The key texts are compared on: a stem, `#concept`, or a number.
    pub key: String,
    /// The word as written, lowercased (for labels).
    pub surface: String,
    pub kind: TermKind,
    pub script: Script,
}

/// What a content word becomes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Representation {
    /// Its stem, or its lexicon concept (the default; see the ADR).
    #[default]
    Stems,
    /// Its character 3- to 5-grams within the word ("<лав", "лавк", ...),
    /// plus its lexicon concept: the alternative measured in
    /// `docs/adr/0101-topics-representation.md`, kept for comparison and
    /// for languages without a stemmer.
    CharNgrams,
}

/// Turns texts into terms. Immutable and cheap to share between threads.
pub struct Analyzer {
    representation: Representation,
    stop: FxHashSet<String>,
    /// Stem → concept key (`#bench`).
    lexicon: FxHashMap<String, String>,
    /// Keys of the kinds of places (school, market, park...).
    landmarks: FxHashSet<String>,
    english: Stemmer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("stop_words", &self.stop.len())
            .field("lexicon_words", &self.lexicon.len())
            .finish()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::with_lexicon(LEXICON).expect("the shipped lexicon is valid (tested)")
    }
}

fn lines(list: &str) -> impl Iterator<Item = &str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Analyzer {
    /// Stop words of both languages and the given lexicon (see [`LEXICON`]
    /// for the format). An empty string gives an analyzer without concepts.
    pub fn with_lexicon(lexicon: &str) -> Result<Self, InsightError> {
        let stop = lines(STOPWORDS_UK)
            .chain(lines(STOPWORDS_EN))
            .map(str::to_string)
            .collect();
        let mut analyzer = Analyzer {
            representation: Representation::Stems,
            stop,
            lexicon: FxHashMap::default(),
            landmarks: FxHashSet::default(),
            english: Stemmer::create(Algorithm::English),
        };
        analyzer.lexicon = lexicon::parse(lexicon, |word| analyzer.stem_word(word))?;
        analyzer.landmarks = lines(LANDMARKS).map(|w| analyzer.word_key(w)).collect();
        Ok(analyzer)
    }

    /// The same analyzer with content words made into `representation`.
    pub fn with_representation(mut self, representation: Representation) -> Self {
        self.representation = representation;
        self
    }

    pub fn representation(&self) -> Representation {
        self.representation
    }

    /// Character 3- to 5-grams of a lowercase word with `<` and `>` at its
    /// ends (as fastText does), apostrophes dropped, and its concept if the
    /// lexicon has one.
    pub(crate) fn ngram_keys(&self, lower: &str, out: &mut Vec<String>) {
        let chars: Vec<char> = std::iter::once('<')
            .chain(lower.chars().filter(|&c| c != '\''))
            .chain(std::iter::once('>'))
            .collect();
        for n in 3..=5 {
            for w in chars.windows(n) {
                out.push(w.iter().collect());
            }
        }
        if let Some(concept) = self.lexicon.get(&self.stem_word(lower)) {
            out.push(concept.clone());
        }
    }

    /// Stems of the stop words are not consulted: a word is a stop word as
    /// written (lowercased), so "вже" is dropped but "уже" must be listed too.
    pub fn is_stop_word(&self, lower: &str) -> bool {
        self.stop.contains(lower)
    }

    /// A term naming a kind of place (a school, a market, a park).
    pub fn is_landmark(&self, key: &str) -> bool {
        self.landmarks.contains(key)
    }

    /// The stem of one lowercase word, chosen by its script.
    pub fn stem_word(&self, lower: &str) -> String {
        let bare: String = lower.chars().filter(|&c| c != '\'').collect();
        match tokens::script_of(&bare) {
            Script::Cyrillic => stem_uk::stem(&bare),
            // Porter joins "parking" to "park"; in a city they are two things.
            Script::Latin if bare == "parking" => bare,
            Script::Latin => self.english.stem(&bare).into_owned(),
            Script::Other => bare,
        }
    }

    /// The key of a lowercase content word: its concept, else its stem.
    pub fn word_key(&self, lower: &str) -> String {
        let stem = self.stem_word(lower);
        match self.lexicon.get(&stem) {
            Some(concept) => concept.clone(),
            None => stem,
        }
    }

    /// The term key of a word, or `None` for a stop word or a single letter.
    pub(crate) fn key_of(&self, w: &RawWord) -> Option<String> {
        if w.numeric {
            return Some(w.lower.clone());
        }
        if w.lower.chars().count() < 2 || self.is_stop_word(&w.lower) {
            return None;
        }
        Some(self.word_key(&w.lower))
    }

    /// Calls `f` with each term of `text`, in order.
    pub fn terms(&self, text: &str, mut f: impl FnMut(Term)) {
        words(text, |w| {
            if let Some(key) = self.key_of(&w) {
                f(Term {
                    key,
                    kind: kind_of(&w),
                    script: w.script,
                    surface: w.lower,
                });
            }
        });
    }
}

/// Words that make the number before them a quantity rather than a place.
const UNITS: &[&str] = &[
    "квартир",
    "квартири",
    "тисяч",
    "тисячі",
    "тис",
    "гривень",
    "гривні",
    "грн",
    "років",
    "роки",
    "рік",
    "хвилин",
    "годин",
    "години",
    "днів",
    "дні",
    "тижнів",
    "місяців",
    "метрів",
    "метри",
    "м",
    "км",
    "кілометрів",
    "разів",
    "людей",
    "осіб",
    "мешканців",
    "дітей",
    "відсотків",
    "flats",
    "thousand",
    "hryvnias",
    "uah",
    "years",
    "minutes",
    "hours",
    "days",
    "weeks",
    "months",
    "metres",
    "meters",
    "km",
    "times",
    "people",
    "percent",
    "children",
];

pub(crate) fn is_unit_word(lower: &str) -> bool {
    UNITS.contains(&lower)
}

pub(crate) fn kind_of(w: &RawWord) -> TermKind {
    if w.numeric {
        TermKind::Number
    } else if w.proper {
        TermKind::Name
    } else {
        TermKind::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(a: &Analyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        a.terms(text, |t| out.push(t.key));
        out
    }

    #[test]
    fn synonyms_and_languages_meet_in_concepts() {
        let a = Analyzer::default();
        assert_eq!(keys(&a, "Лавочки"), keys(&a, "лавка"));
        assert_eq!(keys(&a, "нові лавки"), keys(&a, "нові лавочки"));
        assert_eq!(keys(&a, "benches"), ["#bench"]);
        assert_eq!(keys(&a, "смітник"), keys(&a, "урни"));
        assert_eq!(keys(&a, "ліхтарів"), keys(&a, "street lights")[1..]);
    }

    #[test]
    fn stop_words_dropped_numbers_and_names_kept() {
        let a = Analyzer::default();
        let mut terms = Vec::new();
        a.terms(
            "Прошу встановити лавки біля школи № 5 на вулиці Шевченка, будь ласка",
            |t| terms.push((t.key, t.kind)),
        );
        let kinds: Vec<TermKind> = terms.iter().map(|t| t.1).collect();
        assert_eq!(
            kinds,
            [
                TermKind::Word,
                TermKind::Word,
                TermKind::Word,
                TermKind::Number,
                TermKind::Word,
                TermKind::Name
            ]
        );
        assert_eq!(terms[0].0, "#install");
        assert_eq!(terms[3].0, "5");
        assert_eq!(terms[5].0, "шевченк");
    }

    #[test]
    fn landmarks_follow_the_lexicon() {
        let a = Analyzer::default();
        for w in ["школі", "schools", "сквері", "ринку"] {
            assert!(a.is_landmark(&a.word_key(w)), "{w}");
        }
        assert!(!a.is_landmark(&a.word_key("вулиці")));
        assert!(!a.is_landmark(&a.word_key("лавки")));
    }

    #[test]
    fn without_lexicon_stems_only() {
        let a = Analyzer::with_lexicon("").unwrap();
        assert_eq!(keys(&a, "лавки лавок"), ["лавк", "лавк"]);
        assert_eq!(keys(&a, "benches"), ["bench"]);
    }

    #[test]
    fn shipped_lexicon_parses() {
        let a = Analyzer::default();
        assert!(a.lexicon.len() > 250, "{}", a.lexicon.len());
    }
}
