//! Splitting text into words.
//!
//! Written by hand rather than with `unicode-segmentation`: the engines need
//! three things a word-boundary iterator does not give together: the four
//! apostrophes Ukrainians type (' ’ ʼ `) folded into one and kept inside a
//! word (пам'ятник, під'їзд), a flag for a capital letter that does not start
//! a sentence (a street or a park name: "на вулиці Шевченка"), and digits
//! kept as their own tokens (house and school numbers).

/// One word as written, lowercased, with apostrophes normalised to `'`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawWord {
    pub lower: String,
    /// Starts with a digit: a house, school or route number ("12", "5а").
    pub numeric: bool,
    /// Starts with an uppercase letter inside a sentence (a proper name).
    pub proper: bool,
    pub script: Script,
}

/// The alphabet of a word's letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Cyrillic,
    Latin,
    /// Digits only, or letters of both alphabets ("Wi-Fi" is split at the
    /// hyphen, so this is rare: "ЖKГ" typed with a Latin K).
    Other,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘')
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '\n')
}

pub(crate) fn script_of(word: &str) -> Script {
    let (mut cyr, mut lat) = (false, false);
    for c in word.chars() {
        match c {
            '\u{0400}'..='\u{04FF}' => cyr = true,
            'a'..='z' | 'A'..='Z' => lat = true,
            _ => {}
        }
    }
    match (cyr, lat) {
        (true, false) => Script::Cyrillic,
        (false, true) => Script::Latin,
        _ => Script::Other,
    }
}

/// Letter or digit, with fast paths for ASCII and Cyrillic (the std look-up
/// of non-ASCII letters is a binary search, a fifth of all analysis time).
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

/// Appends the lowercase of `c`, with the same fast paths.
fn push_lower(out: &mut String, c: char) {
    let code = c as u32;
    let lower = match c {
        'A'..='Z' => char::from_u32(code + 32),
        'a'..='z' | '0'..='9' => Some(c),
        '\u{0410}'..='\u{042F}' => char::from_u32(code + 0x20), // А-Я
        '\u{0400}'..='\u{040F}' => char::from_u32(code + 0x50), // Ѐ-Џ: Є, І, Ї
        '\u{0430}'..='\u{045F}' => Some(c),
        _ => None,
    };
    match lower {
        Some(l) => out.push(l),
        None => out.extend(c.to_lowercase()),
    }
}

/// "Install Street Lights Near School 5", "ЯМИ НА ДОРОЗІ": when three
/// quarters of the words that do not start a sentence start with a capital
/// (four such words at least), or two thirds of all words are in capitals,
/// a capital says nothing about names. Words under four letters are not
/// counted, so "Пам'ятник Тарасу Шевченку" or "Lights on Market Street"
/// keep their names.
fn shouting_or_title_case(text: &str) -> bool {
    let (mut inner, mut capitalised, mut all, mut upper) = (0usize, 0usize, 0usize, 0usize);
    let mut sentence_start = true;
    for piece in text.split_inclusive(|c: char| !is_word_char(c)) {
        let word: &str = piece.trim_end_matches(|c: char| !is_word_char(c));
        let mut chars = word.chars();
        if let Some(c) = chars.next()
            && c.is_alphabetic()
            && word.chars().count() >= 4
        {
            all += 1;
            upper += word.chars().all(|c| !c.is_lowercase()) as usize;
            if !sentence_start {
                inner += 1;
                capitalised += c.is_uppercase() as usize;
            }
        }
        if !word.is_empty() {
            sentence_start = false;
        }
        if piece.ends_with(ends_sentence) {
            sentence_start = true;
        }
    }
    (inner >= 4 && capitalised * 4 >= inner * 3) || (upper >= 2 && upper * 3 >= all * 2)
}

/// Calls `f` for each word of `text` in order.
pub fn words(text: &str, mut f: impl FnMut(RawWord)) {
    let capitals_mean_names = !shouting_or_title_case(text);
    let mut sentence_start = true;
    let mut current = String::new();
    let mut first: Option<char> = None;
    let mut starts_sentence = false;
    let mut chars = text.chars().peekable();
    let mut flush = |current: &mut String, first: &mut Option<char>, starts_sentence: bool| {
        if let Some(c0) = first.take() {
            let lower = std::mem::take(current);
            let script = script_of(&lower);
            f(RawWord {
                numeric: c0.is_ascii_digit(),
                proper: capitals_mean_names && c0.is_uppercase() && !starts_sentence,
                script,
                lower,
            });
        }
    };
    while let Some(c) = chars.next() {
        if is_word_char(c) {
            if first.is_none() {
                first = Some(c);
                starts_sentence = sentence_start;
                sentence_start = false;
            }
            push_lower(&mut current, c);
        } else if is_apostrophe(c) && first.is_some() && chars.peek().is_some_and(|n| n.is_alphabetic()) {
            current.push('\'');
        } else {
            flush(&mut current, &mut first, starts_sentence);
            if ends_sentence(c) {
                sentence_start = true;
            }
        }
    }
    flush(&mut current, &mut first, starts_sentence);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<RawWord> {
        let mut out = Vec::new();
        words(text, |w| out.push(w));
        out
    }

    #[test]
    fn apostrophes_fold_and_stay_inside_words() {
        let w: Vec<String> = all("Пам’ятник біля під`їзду, Об'їзна і пам'ять' ")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(w, ["пам'ятник", "біля", "під'їзду", "об'їзна", "і", "пам'ять"]);
    }

    #[test]
    fn proper_names_inside_sentences_only() {
        let w = all("Лавки на вулиці Шевченка. Франка теж!\nSoborna street near School 5а");
        let proper: Vec<&str> = w.iter().filter(|w| w.proper).map(|w| w.lower.as_str()).collect();
        assert_eq!(proper, ["шевченка", "school"]);
        let numbers: Vec<&str> = w.iter().filter(|w| w.numeric).map(|w| w.lower.as_str()).collect();
        assert_eq!(numbers, ["5а"]);
        assert_eq!(w[0].script, Script::Cyrillic);
        assert_eq!(w[6].script, Script::Latin);
    }

    #[test]
    fn title_case_and_shouting_name_nothing() {
        for text in ["Install Street Lights Near School 5", "ЯМИ НА ДОРОЗІ БІЛЯ РИНКУ"] {
            assert!(all(text).iter().all(|w| !w.proper), "{text}");
        }
        // Short titles with a name are no title case.
        for (text, name) in [
            ("Урни на вулиці Шевченка", 3),
            ("Відновити пам'ятник Тарасу Шевченку", 2),
            ("Street lights on Market Street", 3),
        ] {
            assert!(all(text)[name].proper, "{text}");
        }
        let w = all("Street lights near Market Street");
        let proper: Vec<&str> = w.iter().filter(|w| w.proper).map(|w| w.lower.as_str()).collect();
        assert_eq!(proper, ["market", "street"]);
    }

    #[test]
    fn fast_paths_agree_with_std() {
        for c in ('\u{0}'..='\u{2FFF}').chain(['ʼ', '’', '𝔸']) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            let mut fast = String::new();
            push_lower(&mut fast, c);
            assert_eq!(fast, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn hyphens_and_punctuation_split() {
        let w: Vec<String> = all("Wi-Fi, 5-ї школи; «Лікарня»")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(w, ["wi", "fi", "5", "ї", "школи", "лікарня"]);
    }
}
