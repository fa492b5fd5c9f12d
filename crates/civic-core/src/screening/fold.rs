//! Words of a text and the skeletons blocked words are compared in.
//!
//! A skeleton is a word folded so that the usual disguises of a word read as
//! the word: case, accents and apostrophes dropped, Latin and Cyrillic
//! look-alikes (a/а, o/о, c/с, p/р…) written in the script most of the word
//! is in, digits and symbols that stand for letters (0→o, 3→з or e, @→a)
//! read as those letters, and every letter kept with how many times it was
//! repeated, so "fuuuck" can match "fuck" while "as" still does not match
//! "ass".

use unicode_normalization::char::is_combining_mark;

/// The variants of the apostrophe (ASCII ', typographic ’ and ‘, the
/// modifier letter ʼ, the backtick, the prime): part of a word, then dropped.
pub(super) const APOSTROPHES: [char; 6] = ['\'', '\u{2019}', '\u{2018}', '\u{02BC}', '`', '\u{2032}'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
}

/// A folded word: its letters with runs collapsed (`key`, the lookup key)
/// and the length of each run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Skeleton {
    pub key: String,
    pub runs: Vec<u8>,
}

impl Skeleton {
    /// Whether this word is `pattern` with some letters repeated more
    /// (every run at least as long); with `stem`, whether it begins so.
    pub fn matches(&self, pattern: &Skeleton, stem: bool) -> bool {
        let n = pattern.runs.len();
        if self.runs.len() < n || (!stem && self.runs.len() != n) || !self.key.starts_with(pattern.key.as_str()) {
            return false;
        }
        self.runs.iter().zip(&pattern.runs).all(|(have, need)| have >= need)
    }
}

/// A word of the text as written, by byte range, with up to two skeletons
/// (its own script and, when every character has a look-alike, the other).
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    pub skeletons: Vec<Skeleton>,
    /// Made of spelled-out letters: compared with whole words only.
    pub joined: bool,
}

/// Characters that do not show but split a word for a naive matcher (zero
/// width space, joiners, word joiner, byte order mark, soft hyphen): part of
/// a word, then dropped.
const INVISIBLE: [char; 6] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}'];

/// A star inside a word masks letters ("х*йня", "f**k"); see `masked_matches`.
pub(super) const MASK: char = '*';

/// `char::is_alphabetic` with ASCII and the Cyrillic block answered
/// directly: the general lookup was a fifth of screening's time.
pub(super) fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}')
        || (!c.is_ascii() && c.is_alphabetic())
}

/// A letter or a digit (any script), quickly for the usual ones.
pub(super) fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || (!c.is_ascii() && c.is_numeric())
}

fn is_word_char(c: char) -> bool {
    is_letter_or_digit(c)
        || APOSTROPHES.contains(&c)
        || (c as u32 >= 0x300 && is_combining_mark(c))
        || INVISIBLE.contains(&c)
        || matches!(c, '@' | '$' | MASK)
}

/// The words of `text` (letters, digits, apostrophes and the symbols that
/// stand for letters), each with its skeletons; words without a letter
/// (numbers, "@$") have none. Runs of three or more one-letter words
/// ("f u c k", "с.у.к.а") are also given joined, as one more token.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                push_token(&mut out, text, s, i);
                start = None;
            }
            _ => {}
        }
    }
    join_spelled_out(text, &mut out);
    out
}

fn push_token(out: &mut Vec<Token>, text: &str, start: usize, end: usize) {
    // A leading @ is a mention, edge apostrophes are quotes and edge stars
    // emphasis, not letters.
    let word = &text[start..end];
    let trimmed_start = word.trim_start_matches(|c| c == '@' || c == MASK || APOSTROPHES.contains(&c));
    let start = start + (word.len() - trimmed_start.len());
    let end = start
        + trimmed_start
            .trim_end_matches(|c| c == MASK || APOSTROPHES.contains(&c))
            .len();
    if start < end {
        out.push(Token {
            start,
            end,
            skeletons: skeletons(&text[start..end]),
            joined: false,
        });
    }
}

fn join_spelled_out(text: &str, out: &mut Vec<Token>) {
    let single = |t: &Token| text[t.start..t.end].chars().filter(|c| !is_combining_mark(*c)).count() == 1;
    let mut joined = Vec::new();
    let mut i = 0;
    while i < out.len() {
        let mut j = i;
        // Letters spelled out are one or two separators apart ("f u c k", "с. у. к. а").
        while j < out.len() && single(&out[j]) && (j == i || text[out[j - 1].end..out[j].start].chars().count() <= 2) {
            j += 1;
        }
        if j - i >= 3 {
            // One-letter words are common ("і", "в", "a"), so a run may hold
            // more than the spelled-out word: every stretch of 3 to 8 letters
            // is a candidate (runs are short; long ones are cut at 16).
            let run = &out[i..j.min(i + 16)];
            for from in 0..run.len() {
                for to in (from + 3)..=(from + 8).min(run.len()) {
                    let word: String = run[from..to].iter().map(|t| &text[t.start..t.end]).collect();
                    joined.push(Token {
                        start: run[from].start,
                        end: run[to - 1].end,
                        skeletons: skeletons(&word),
                        joined: true,
                    });
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out.extend(joined);
}

/// Case, accents, apostrophes and invisible characters folded, compatibility
/// forms made plain (full-width ｆ is f); the letters Ukrainian and Russian
/// spellings of one word differ by made one (ґ/г, є/е, ы/и, э/е, ё/е, й/и,
/// ї/і), so one list entry covers both spellings.
fn fold_chars(word: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(word.len());
    for c in word.chars() {
        match c {
            // ASCII and the Cyrillic letters that do not decompose (all of
            // А..я but Й/й) are folded directly: most of the text, and
            // the full decomposition was a visible share of the time.
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' => out.push(c),
            'А'..='И' | 'К'..='Я' => out.push(cyrillic(char::from_u32(c as u32 + 0x20).unwrap_or(c))),
            'а'..='и' | 'к'..='я' => out.push(cyrillic(c)),
            // Marks may come in any order after decomposition; they are
            // all dropped, so no reordering is needed.
            _ => unicode_normalization::char::decompose_compatible(c, |d| push_folded(&mut out, d)),
        }
    }
    out
}

fn push_folded(out: &mut Vec<char>, c: char) {
    if is_combining_mark(c) || APOSTROPHES.contains(&c) || INVISIBLE.contains(&c) {
        return;
    }
    out.extend(c.to_lowercase().map(cyrillic));
}

/// One lower-case letter for the Cyrillic letters Ukrainian and Russian
/// spell one word with.
fn cyrillic(c: char) -> char {
    match c {
        'ґ' => 'г',
        'є' | 'э' => 'е',
        'ы' => 'и',
        _ => c,
    }
}

fn script_of(c: char) -> Option<Script> {
    if c.is_ascii_lowercase() {
        Some(Script::Latin)
    } else if ('\u{0430}'..='\u{045F}').contains(&c) {
        Some(Script::Cyrillic)
    } else {
        None
    }
}

/// The look-alike of a folded (lower-case) character in `script`, or the
/// letter a digit or symbol stands for there.
fn in_script(c: char, script: Script) -> Option<char> {
    const PAIRS: [(char, char); 13] = [
        ('a', 'а'),
        ('b', 'в'),
        ('c', 'с'),
        ('e', 'е'),
        ('h', 'н'),
        ('i', 'і'),
        ('k', 'к'),
        ('m', 'м'),
        ('o', 'о'),
        ('p', 'р'),
        ('t', 'т'),
        ('x', 'х'),
        ('y', 'у'),
    ];
    if script_of(c) == Some(script) {
        return Some(c);
    }
    match script {
        Script::Cyrillic => match c {
            '0' => Some('о'),
            '1' => Some('і'),
            '3' => Some('з'),
            '4' => Some('ч'),
            '6' => Some('б'),
            '@' => Some('а'),
            _ => PAIRS.iter().find(|(l, _)| *l == c).map(|(_, cy)| *cy),
        },
        Script::Latin => match c {
            '0' => Some('o'),
            '1' => Some('i'),
            '3' => Some('e'),
            '4' | '@' => Some('a'),
            '5' | '$' => Some('s'),
            '7' => Some('t'),
            _ => PAIRS.iter().find(|(_, cy)| *cy == c).map(|(l, _)| *l),
        },
    }
}

/// The skeletons of one word: in the script most of its letters are in
/// and, when every character has a look-alike there, in the other one
/// ("cyka" typed in Latin is "сука"). None for a word without letters.
pub(super) fn skeletons(word: &str) -> Vec<Skeleton> {
    let chars = fold_chars(word);
    let (mut latin, mut cyrillic, mut other) = (0usize, 0usize, 0usize);
    for &c in &chars {
        match script_of(c) {
            Some(Script::Latin) => latin += 1,
            Some(Script::Cyrillic) => cyrillic += 1,
            None => other += 1,
        }
    }
    let letters = latin + cyrillic;
    if letters == 0 {
        return Vec::new();
    }
    // Digits read as letters only inside a word that is mostly letters, so
    // "10км" or "5G" stay what they are.
    let substitute = letters >= 2 && other < letters;
    let main = if cyrillic >= latin {
        Script::Cyrillic
    } else {
        Script::Latin
    };
    let other_script = match main {
        Script::Cyrillic => Script::Latin,
        Script::Latin => Script::Cyrillic,
    };
    let mut out = Vec::with_capacity(2);
    let build = |script: Script, strict: bool| -> Option<Skeleton> {
        let mut sk = Skeleton {
            key: String::with_capacity(chars.len() * 2),
            runs: Vec::with_capacity(chars.len()),
        };
        let mut last = None;
        for &c in &chars {
            let mapped = if script_of(c).is_some() || substitute {
                in_script(c, script)
            } else {
                None
            };
            let m = match mapped {
                Some(m) => m,
                None if strict => return None,
                None => c,
            };
            if last == Some(m) {
                if let Some(r) = sk.runs.last_mut() {
                    *r = r.saturating_add(1);
                }
            } else {
                sk.key.push(m);
                sk.runs.push(1);
                last = Some(m);
            }
        }
        Some(sk)
    };
    if let Some(sk) = build(main, false) {
        out.push(sk);
    }
    if let Some(sk) = build(other_script, true)
        && !out.contains(&sk)
    {
        out.push(sk);
    }
    out
}

/// Whether a word with masked letters can be `pattern`: each run of stars
/// stands for one to two more letters than it has stars; for a stem, the
/// word may go on after it. At least half the pattern's letters (and two)
/// must show, or "f**k" would be "faggot*" as much as "fuck*".
pub(super) fn masked_matches(word: &Skeleton, pattern: &Skeleton, stem: bool) -> bool {
    let t: Vec<(char, u8)> = word.key.chars().zip(word.runs.iter().copied()).collect();
    let e: Vec<char> = pattern.key.chars().collect();
    let enough = |shown: usize| shown >= 2 && shown * 2 >= e.len();
    // `shown`: letters of the pattern matched by letters that show.
    fn go(t: &[(char, u8)], e: &[char], stem: bool, shown: usize, enough: &dyn Fn(usize) -> bool) -> bool {
        let Some(&(c, run)) = t.first() else {
            return e.is_empty() && enough(shown);
        };
        if e.is_empty() {
            return stem && enough(shown);
        }
        if c != MASK {
            return c == e[0] && go(&t[1..], &e[1..], stem, shown + 1, enough);
        }
        (1..=(usize::from(run) + 2).min(e.len())).any(|k| go(&t[1..], &e[k..], stem, shown, enough))
    }
    go(&t, &e, stem, 0, &enough)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(word: &str) -> Vec<String> {
        skeletons(word).into_iter().map(|s| s.key).collect()
    }

    #[test]
    fn folds_case_apostrophes_and_spelling_variants() {
        assert_eq!(keys("ПАМ'ЯТЬ")[0], "память");
        assert_eq!(keys("памʼять")[0], keys("пам’ять")[0]);
        assert_eq!(keys("Ґанок")[0], "ганок");
        assert_eq!(keys("їжак")[0], "іжак");
        assert_eq!(keys("йолоп")[0], "иолоп");
    }

    #[test]
    fn reads_look_alikes_in_the_word_s_script() {
        // Latin c and y inside a Cyrillic word, and the reverse.
        assert_eq!(keys("сyка")[0], "сука");
        assert_eq!(keys("cyka"), ["cyka", "сука"]);
        assert_eq!(keys("fuсk")[0], "fuck");
        assert_eq!(keys("бл@ть")[0], "блать");
        assert_eq!(keys("3раза")[0], "зраза");
        assert_eq!(keys("sh1t")[0], "shit");
        assert_eq!(keys("$hit")[0], "shit");
        // Numbers with units keep their digits.
        assert_eq!(keys("10км")[0], "10км");
        assert!(keys("2024").is_empty());
    }

    #[test]
    fn repeated_letters_match_but_do_not_shorten_a_word() {
        let word = |w: &str| skeletons(w).remove(0);
        assert!(word("fuuuuck").matches(&word("fuck"), false));
        assert!(word("Сууукааа").matches(&word("сука"), false));
        assert!(!word("as").matches(&word("ass"), false));
        assert!(word("assss").matches(&word("ass"), false));
        assert!(word("fucking").matches(&word("fuck"), true));
        assert!(!word("fucking").matches(&word("fuck"), false));
        assert!(!word("scunthorpe").matches(&word("cunt"), true));
    }

    #[test]
    fn invisible_and_full_width_characters_are_folded() {
        assert_eq!(keys("х\u{200B}уй")[0], "хуи");
        assert_eq!(keys("пиз\u{00AD}дець")[0], "пиздець");
        assert_eq!(keys("ｆｕｃｋ")[0], "fuck");
        assert_eq!(tokens("с\u{200B}у\u{200B}к\u{200B}а").len(), 1);
    }

    #[test]
    fn masked_letters() {
        let word = |w: &str| skeletons(w).remove(0);
        assert!(masked_matches(&word("х**ня"), &word("хуйн"), true));
        assert!(masked_matches(&word("х*йня"), &word("хуйн"), true));
        assert!(masked_matches(&word("f**k"), &word("fuck"), true));
        assert!(masked_matches(&word("п*зда"), &word("пизд"), true));
        // Too little shows: one letter of four.
        assert!(!masked_matches(&word("п***ць"), &word("пизд"), true));
        assert!(!masked_matches(&word("f**k"), &word("faggot"), true));
        assert!(masked_matches(&word("бл*ть"), &word("блять"), false));
        // The letters shown must fit, and one shown letter is too little.
        assert!(!masked_matches(&word("д*пут*т"), &word("хуйн"), true));
        assert!(!masked_matches(&word("ф*"), &word("fuck"), true));
        assert!(!masked_matches(&word("бл*ть"), &word("блядь"), false));
        // Stars at the edges are emphasis, not masks.
        assert_eq!(tokens("*важливо*")[0].skeletons[0].key, "важливо");
    }

    #[test]
    fn spelled_out_words_are_joined() {
        let text = "це с.у.к.а і f u c k";
        let joined: Vec<String> = tokens(text)
            .iter()
            .filter(|t| t.joined)
            .map(|t| t.skeletons[0].key.clone())
            .collect();
        assert!(joined.contains(&"сука".to_string()), "{joined:?}");
        assert!(joined.contains(&"fuck".to_string()), "{joined:?}");
        assert!(tokens("a b").iter().all(|t| !t.joined));
    }
}
