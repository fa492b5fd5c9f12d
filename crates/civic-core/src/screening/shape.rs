//! How a text is typed: shouting in capitals, characters held down.

/// Texts shorter than this (in characters) are not judged by their shape:
/// "ДЯКУЮ!!!" is not shouting at anyone.
pub(super) const MIN_CHARS: usize = 20;
/// An upper-case word this short is an acronym (ЦНАП, ОСББ, NATO, COVID).
const ACRONYM_MAX_LETTERS: usize = 5;
/// Fewer letters than this outside acronyms: too little to call shouting.
const MIN_LETTERS: usize = 20;

/// The share (percent) of upper-case letters outside acronyms, when the
/// text has enough of them to judge.
pub(super) fn caps_percent(text: &str) -> Option<u32> {
    let (mut letters, mut upper) = (0usize, 0usize);
    for word in text.split(|c: char| !super::fold::is_letter(c)) {
        let (mut l, mut u) = (0usize, 0usize);
        for c in word.chars() {
            if c.is_uppercase() {
                u += 1;
                l += 1;
            } else if c.is_lowercase() {
                l += 1;
            }
        }
        if l == 0 || (u == l && l <= ACRONYM_MAX_LETTERS) {
            continue;
        }
        letters += l;
        upper += u;
    }
    (text.chars().count() >= MIN_CHARS && letters >= MIN_LETTERS).then(|| (upper * 100 / letters) as u32)
}

/// The longest run of one character held down (letters or punctuation;
/// digits, spaces and the characters people draw lines with do not count).
pub(super) fn longest_run(text: &str) -> u32 {
    if text.chars().count() < MIN_CHARS {
        return 0;
    }
    let counts = |c: char| {
        !(c.is_whitespace() || c.is_ascii_digit() || matches!(c, '-' | '_' | '=' | '.' | '*' | '~' | '#' | '─'))
    };
    let (mut best, mut run, mut last) = (0u32, 0u32, None);
    // Case folded cheaply (ASCII and basic Cyrillic): "ААааа" is one run.
    let fold = |c: char| match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        _ => c,
    };
    for c in text.chars().map(fold) {
        if Some(c) == last && counts(c) {
            run += 1;
        } else {
            run = 1;
            last = Some(c);
        }
        if counts(c) {
            best = best.max(run);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_outside_acronyms() {
        assert_eq!(caps_percent("СКІЛЬКИ МОЖНА ЧЕКАТИ НА РЕМОНТ ДОРОГИ ДО ЦНАП"), Some(100));
        assert_eq!(
            caps_percent("Прошу ЦНАП, ОСББ і КП «Міськсвітло» відповісти щодо NATO"),
            Some(6)
        );
        // Acronyms alone and short texts are not judged.
        assert_eq!(caps_percent("ЦНАП ОСББ КП ЖКГ NATO COVID ЄС ООН"), None);
        assert_eq!(caps_percent("ДЕ ГРОШІ?"), None);
    }

    #[test]
    fn runs_of_one_character() {
        assert_eq!(longest_run("Скільки можна чекати!!!!!!!"), 7);
        assert_eq!(longest_run("Дааааааа, нарешті зробили"), 7);
        assert_eq!(longest_run("Бюджет 1000000 грн ------- ........"), 1);
        assert_eq!(longest_run("Ура!!!!!!!!"), 0);
    }
}
