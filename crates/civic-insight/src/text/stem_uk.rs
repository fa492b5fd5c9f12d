//! A light Ukrainian stemmer: strips one inflectional ending and folds the
//! commonest stem alternations, so that the forms of a word in the texts of
//! residents ("школа", "школи", "шкіл", "школою") meet on one stem.
//!
//! Hand-written because no maintained Rust crate stems Ukrainian (the
//! Snowball set in `rust-stemmers` has Russian, whose endings differ); the
//! choice and its measured effect are in `docs/adr/0101-topics-representation.md`.
//! It is deliberately light (one ending, no derivational suffixes beyond
//! verbal nouns and the -увати verbs): over-stemming joins unrelated words,
//! which hurts topics more than a missed join, and synonyms and diminutives
//! are left to the lexicon.

/// Endings; the longest one that leaves a stem of at least `MIN_STEM`
/// letters is removed.
const ENDINGS: &[&str] = &[
    // verbal nouns: освітлення / освітлити, ремонтування / ремонтувати (the
    // -ув- stays: "паркування" must not become "парк")
    "ення", "ання", "яння", "іння", "енні", "анні", "енню", "анню",
    // adjectives and pronoun-like declension
    "ього", "ьому", "ого", "ому", "ими", "іми", "ій", "ий", "ої", "ою", "ею", "єю", "их", "іх", "им", "ім",
    // nouns
    "ами", "ями", "ові", "еві", "єві", "ом", "ем", "єм", "ах", "ях", "ам", "ям", "ів", "їв", "ей", // verbs
    "ити", "іти", "ати", "яти", "ути", "ють", "уть", "ить", "іть", "ете", "ємо", "емо", "ите", "имо", "йте", "ймо",
    "ти", "ує", "ює", "ую", "юю",
    // past tense only after its vowel, so "школа" and "світло" keep their л
    "ала", "ало", "али", "ила", "ило", "или", "іла", "іли", "ула", "ули", // one letter
    "а", "я", "и", "і", "ї", "у", "ю", "о", "е", "є", "ь", "й",
];

const REFLEXIVE: &[&str] = &["ся", "сь"];

/// Stems shorter than this are left whole: "ліс" must not become "лі".
const MIN_STEM: usize = 3;

fn strip_suffix<'a>(word: &'a str, suffixes: &[&str]) -> Option<&'a str> {
    suffixes
        .iter()
        .filter_map(|s| word.strip_suffix(s))
        .filter(|stem| stem.chars().count() >= MIN_STEM)
        .min_by_key(|stem| stem.len())
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'а' | 'е' | 'є' | 'и' | 'і' | 'ї' | 'о' | 'у' | 'ю' | 'я')
}

/// The stem of a lowercase Cyrillic word without apostrophes.
pub fn stem(word: &str) -> String {
    let word = strip_suffix(word, REFLEXIVE).unwrap_or(word);
    let mut stem = imperative_of_uvaty(word)
        .or_else(|| fleeting_vowel(word))
        .or_else(|| strip_suffix(word, ENDINGS).map(str::to_string))
        .unwrap_or_else(|| word.to_string());
    fold_closed_syllable_i(&mut stem);
    stem
}

/// Requests are often imperatives: "відремонтуйте", "облаштуй" meet the
/// infinitive "відремонтувати" on its stem in -ув.
fn imperative_of_uvaty(word: &str) -> Option<String> {
    ["уйте", "уймо", "уй", "юйте", "юй"].iter().find_map(|e| {
        let s = word.strip_suffix(e).filter(|s| s.chars().count() >= MIN_STEM)?;
        Some(format!("{s}{}в", &e[..2]))
    })
}

/// The vowel that drops out of -ок and -ець when an ending follows:
/// будинок / будинку, лавок / лавка, мешканець / мешканця.
fn fleeting_vowel(word: &str) -> Option<String> {
    let long_enough = |s: &&str| s.chars().count() >= MIN_STEM;
    if let Some(s) = word.strip_suffix("ок").filter(long_enough) {
        return Some(format!("{s}к"));
    }
    word.strip_suffix("ець").filter(long_enough).map(|s| format!("{s}ц"))
}

/// і in the last, closed syllable alternates with о: шкіл / школа, доріг /
/// дорога, двір / двору. Words with a steady і change in all their forms
/// alike, so folding it to о is safe for matching; labels show the written
/// form, never the stem.
fn fold_closed_syllable_i(stem: &mut String) {
    let chars: Vec<char> = stem.chars().collect();
    let Some(last_vowel) = chars.iter().rposition(|&c| is_vowel(c)) else {
        return;
    };
    if chars[last_vowel] == 'і' && last_vowel + 1 < chars.len() && last_vowel > 0 {
        let folded: String = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| if i == last_vowel { 'о' } else { c })
            .collect();
        *stem = folded;
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn same(words: &[&str]) {
        let first = stem(words[0]);
        for w in &words[1..] {
            assert_eq!(stem(w), first, "{w} vs {}", words[0]);
        }
    }

    #[test]
    fn inflections_meet() {
        same(&["школа", "школи", "школу", "школою", "шкіл", "школах", "школі"]);
        same(&["ліхтар", "ліхтарі", "ліхтарів", "ліхтарями", "ліхтарем"]);
        same(&["дорога", "дороги", "доріг", "дорогою"]);
        same(&["будинок", "будинку", "будинки", "будинків"]);
        same(&["лавка", "лавки", "лавок", "лавкою"]);
        same(&["мешканець", "мешканці", "мешканців", "мешканцям"]);
        same(&["освітлення", "освітлити"]);
        same(&["ремонтувати", "ремонтування", "ремонтуйте", "ремонтуй"]);
        same(&["облаштувати", "облаштуйте"]);
        same(&["ремонт", "ремонту", "ремонтом"]);
        same(&["вулиця", "вулиці", "вулицею", "вулиць"]);
        same(&["зелений", "зеленого", "зеленому", "зелені", "зеленими"]);
        same(&["облаштувати", "облаштування"]);
        same(&["паркування", "паркуватися"]);
    }

    #[test]
    fn different_words_stay_apart() {
        assert_ne!(stem("освіта"), stem("освітлення"));
        assert_ne!(stem("парк"), stem("паркування"));
        assert_ne!(stem("ліс"), stem("лісовий"));
        assert_eq!(stem("ліс"), stem("лісу"));
        assert_eq!(stem("пам'ять".replace('\'', "").as_str()), "памят");
        assert_eq!(stem("мама"), "мам");
    }
}
