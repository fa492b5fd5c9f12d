//! Facts about free text that people typed.

use crate::Locale;

/// The language a text is most likely written in, from its script: mostly
/// Cyrillic is Ukrainian, mostly Latin is English. `None` when it is mixed or
/// has too few letters to tell. Used to mark content in another language than
/// the page with `lang`, so screen readers switch voice.
pub fn guess_locale(text: &str) -> Option<Locale> {
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    // Explicit ranges rather than `char::is_alphabetic`: this runs for every
    // card of every list, and the Unicode table lookup was a visible share of
    // the list page's time. U+0482..U+0489 are the Cyrillic block's signs and
    // combining marks, not letters.
    for c in text.chars().take(2000) {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if matches!(c, '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}') {
            cyrillic += 1;
        }
    }
    let total = cyrillic + latin;
    if total < 3 {
        None
    } else if cyrillic * 10 >= total * 7 {
        Some(Locale::Uk)
    } else if latin * 10 >= total * 7 {
        Some(Locale::En)
    } else {
        None
    }
}

/// The variants of the apostrophe Ukrainian text is typed with (ASCII ',
/// typographic ’ and ‘, the modifier letter ʼ, the backtick and the prime).
const APOSTROPHES: [char; 6] = ['\'', '\u{2019}', '\u{2018}', '\u{02BC}', '`', '\u{2032}'];

/// The form text is indexed and searched in: lower case, combining
/// diacritics removed, every apostrophe variant folded into one (dropped,
/// so пам'ять, памʼять and пам’ять are the same word), anything else that is
/// not a letter or digit a single space.
pub fn search_form(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfd() {
        if is_combining_mark(c) || APOSTROPHES.contains(&c) {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The Cyrillic letters in the order of the Ukrainian alphabet (ґ after г,
/// є after е, і and ї after и), with Russian's own letters where Russian
/// puts them (ё, ъ, ы, э), for names typed in either.
const CYRILLIC_ORDER: [char; 37] = [
    'а', 'б', 'в', 'г', 'ґ', 'д', 'е', 'ё', 'є', 'ж', 'з', 'и', 'і', 'ї', 'й', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с',
    'т', 'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'ь', 'э', 'ю', 'я',
];

/// Numbers in a sort key are zero-padded to this many digits (`u64::MAX`
/// has 20); a longer number keeps its digits and sorts by its first ones.
const SORT_NUMBER_WIDTH: usize = 20;

/// The key a person's name is sorted by in lists, stored with the account
/// so both databases order it alike: compared byte by byte (SQLite's
/// `BINARY`, PostgreSQL's `COLLATE "C"`), keys sort as a Ukrainian reader
/// expects, which neither database's own collation does the same way.
///
/// - Case is ignored, apostrophes are dropped (Мар'яна = Марʼяна), and any
///   run of other non-letters is one space, which sorts before letters
///   (word by word: "Анна Б" before "Аннаб").
/// - Numbers sort by value ("Мешканець 2" before "Мешканець 10"): each run
///   of digits is zero-padded, and digits sort before letters.
/// - Cyrillic letters come in the Ukrainian alphabet's order, then Latin
///   letters (diacritics ignored: é as e), as Ukrainian collation puts
///   Cyrillic first; both are mapped into the Private Use Area so that byte
///   order is alphabetical order. Letters of other scripts come last.
pub fn name_sort_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(name.len() * 3);
    let mut chars = name
        .nfc()
        .flat_map(char::to_lowercase)
        .filter(|c| !APOSTROPHES.contains(c))
        .peekable();
    let mut space = true;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut digits = String::from(c);
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                digits.push(d);
            }
            let value = match digits.trim_start_matches('0') {
                "" => "0",
                value => value,
            };
            out.extend(std::iter::repeat_n('0', SORT_NUMBER_WIDTH.saturating_sub(value.len())));
            out.push_str(value);
        } else if let Some(i) = CYRILLIC_ORDER.iter().position(|l| *l == c) {
            out.push(private_use(i as u32));
        } else if let Some(latin) = latin_base(c) {
            out.push(private_use(0x100 + (latin as u32 - 'a' as u32)));
        } else if c.is_alphanumeric() {
            // After every mapped letter, then by code point.
            out.push('\u{F8FF}');
            out.push(c);
        } else {
            if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The `n`th code point of the Private Use Area (U+E000…), where the sort
/// key's letters live.
fn private_use(n: u32) -> char {
    char::from_u32(0xE000 + n).unwrap_or('\u{F8FE}')
}

/// The Latin letter a lower-case letter is written with, its diacritics
/// set aside (é, ö → e, o), or None for any other character.
fn latin_base(c: char) -> Option<char> {
    if c.is_ascii_lowercase() {
        return Some(c);
    }
    if c.is_ascii() {
        return None;
    }
    let mut base = None;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        }
    });
    base.filter(char::is_ascii_lowercase)
}

/// The distinct words of a query in search form (at most 12).
pub fn search_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in search_form(query).split(' ').filter(|w| !w.is_empty()) {
        if !terms.iter().any(|t| t == word) && terms.len() < 12 {
            terms.push(word.to_string());
        }
    }
    terms
}

/// Words too common to say two idea titles are alike (in search form).
const COMMON_WORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "our",
    "new",
    "more",
    "from",
    "into",
    "about",
    "near",
    "this",
    "that",
    "are",
    "all",
    "для",
    "про",
    "біля",
    "щоб",
    "або",
    "нам",
    "наш",
    "наша",
    "наше",
    "наші",
    "новий",
    "нова",
    "нове",
    "нові",
    "більше",
    "усіх",
    "всіх",
    "при",
    "від",
    "над",
    "під",
    "між",
    "через",
    "треба",
    "потрібно",
    "зробити",
];

/// The words of an idea's title that say what it is about, for finding
/// ideas like it: in search form, at least 3 letters, common words left
/// out, and words of 6 letters or more cut by their last two, so
/// "майданчики" finds "майданчик" and "benches" finds "bench" (a prefix
/// search matches the rest). Crude on purpose: a suggestion, not a verdict.
pub fn similarity_terms(title: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in search_form(title).split(' ') {
        let letters = word.chars().count();
        if letters < 3 || COMMON_WORDS.contains(&word) {
            continue;
        }
        let stem: String = if letters > 5 {
            word.chars().take(letters - 2).collect()
        } else {
            word.to_string()
        };
        if !terms.contains(&stem) && terms.len() < 12 {
            terms.push(stem);
        }
    }
    terms
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// An HTML excerpt of `text` around its first word matching a term (a term
/// matches a word it begins, in search form), the matches marked with
/// `<mark>`, everything else escaped. At most `words` words long.
pub fn highlight(text: &str, terms: &[String], words: usize) -> String {
    // Split into alternating words and gaps, keeping every character.
    let is_word_char = |c: char| c.is_alphanumeric() || APOSTROPHES.contains(&c);
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut in_word = None;
    for (i, c) in text.char_indices() {
        let w = is_word_char(c) || (in_word == Some(true) && unicode_normalization::char::is_combining_mark(c));
        if in_word != Some(w) {
            if let Some(prev) = in_word
                && i > start
            {
                pieces.push((prev, &text[start..i]));
            }
            start = i;
            in_word = Some(w);
        }
    }
    if let Some(prev) = in_word {
        pieces.push((prev, &text[start..]));
    }
    let hit = |piece: &str| {
        let form = search_form(piece);
        !form.is_empty() && terms.iter().any(|t| form.starts_with(t.as_str()))
    };
    let word_indexes: Vec<usize> = (0..pieces.len()).filter(|&i| pieces[i].0).collect();
    let first = word_indexes.iter().position(|&i| hit(pieces[i].1)).unwrap_or(0);
    let from_word = first.saturating_sub(words / 4);
    let to_word = (from_word + words).min(word_indexes.len());
    let mut out = String::new();
    if word_indexes.is_empty() {
        escape_into(&mut out, text.chars().take(200).collect::<String>().as_str());
        return out;
    }
    if from_word > 0 {
        out.push('…');
    }
    let first_piece = if from_word == 0 { 0 } else { word_indexes[from_word] };
    let last_piece = if to_word == word_indexes.len() {
        pieces.len() - 1
    } else {
        word_indexes[to_word - 1]
    };
    for (is_word, piece) in &pieces[first_piece..=last_piece] {
        if *is_word && hit(piece) {
            out.push_str("<mark>");
            escape_into(&mut out, piece);
            out.push_str("</mark>");
        } else if *is_word {
            escape_into(&mut out, piece);
        } else {
            // Runs of white space (newlines included) become one space: an
            // excerpt is one line.
            let mut collapsed = String::with_capacity(piece.len());
            for c in piece.chars() {
                if !c.is_whitespace() {
                    collapsed.push(c);
                } else if !collapsed.ends_with(' ') {
                    collapsed.push(' ');
                }
            }
            escape_into(&mut out, &collapsed);
        }
    }
    let mut out = if from_word == 0 {
        out.trim().to_string()
    } else {
        out.trim_end().to_string()
    };
    if to_word < word_indexes.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        names.sort_by_key(|n| name_sort_key(n));
        names
    }

    #[test]
    fn names_sort_numbers_by_value() {
        assert_eq!(
            sorted(&[
                "Мешканець 10",
                "Мешканець 2",
                "Мешканець 1",
                "Мешканець 100",
                "Мешканець 11",
                "Мешканець 09"
            ]),
            [
                "Мешканець 1",
                "Мешканець 2",
                "Мешканець 09",
                "Мешканець 10",
                "Мешканець 11",
                "Мешканець 100"
            ]
        );
        assert_eq!(
            sorted(&["Будинок 2а", "Будинок 2", "Будинок 12"]),
            ["Будинок 2", "Будинок 2а", "Будинок 12"]
        );
    }

    #[test]
    fn names_sort_in_the_ukrainian_alphabet_ignoring_case() {
        assert_eq!(
            sorted(&[
                "Яна",
                "іван",
                "Ґанна",
                "Євген",
                "Їжак",
                "Йосип",
                "ганна",
                "Ира",
                "Дарина",
                "Ельза"
            ]),
            [
                "ганна",
                "Ґанна",
                "Дарина",
                "Ельза",
                "Євген",
                "Ира",
                "іван",
                "Їжак",
                "Йосип",
                "Яна"
            ]
        );
        assert_eq!(name_sort_key("ОЛЕНА"), name_sort_key("олена"));
        assert_eq!(name_sort_key("Мар'яна"), name_sort_key("Марʼяна"));
        // Decomposed й (и + combining breve) is the same letter.
        assert_eq!(name_sort_key("Йосип"), name_sort_key("И\u{0306}осип"));
        // Word by word, Cyrillic before Latin, accents set aside.
        assert_eq!(
            sorted(&["Аннаб", "Zoe", "Анна Б", "Élise", "Анна", "adam"]),
            ["Анна", "Анна Б", "Аннаб", "adam", "Élise", "Zoe"]
        );
    }

    #[test]
    fn similarity_terms_keep_the_words_that_matter() {
        assert_eq!(similarity_terms("New benches for the park"), ["bench", "park"]);
        assert_eq!(
            similarity_terms("Дитячі майданчики біля школи"),
            ["дитя", "маиданчи", "школи"]
        );
        assert_eq!(similarity_terms("Сквер ім. Т. Г. Шевченка"), ["сквер", "шевчен"]);
        assert!(similarity_terms("a an to of").is_empty());
    }

    #[test]
    fn guesses_by_script() {
        assert_eq!(guess_locale("Лавки з тінню вздовж набережної"), Some(Locale::Uk));
        assert_eq!(guess_locale("Open-air cinema on summer weekends"), Some(Locale::En));
        assert_eq!(guess_locale("Велодоріжка: bike lane"), None);
        assert_eq!(guess_locale("42 🌳"), None);
        assert_eq!(
            guess_locale("Закупівлю оголошено на Prozorro; монтаж у квітні"),
            Some(Locale::Uk)
        );
    }

    #[test]
    fn search_form_folds_case_apostrophes_and_diacritics() {
        assert_eq!(search_form("ПАМ'ЯТЬ"), "память");
        assert_eq!(search_form("памʼять"), "память");
        assert_eq!(search_form("Пам’ять, міста!"), search_form("пам'ять міста"));
        assert_eq!(search_form("Café  crème"), "cafe creme");
        assert_eq!(search_terms("  Café café x "), ["cafe", "x"]);
        assert!(search_terms("!!! ' ").is_empty());
    }

    #[test]
    fn highlights_escaped_matches() {
        let terms = search_terms("пам'ять");
        let html = highlight("<b>Дошка</b> пам’ять героїв &\n\n <script>", &terms, 30);
        assert_eq!(
            html,
            "&lt;b&gt;Дошка&lt;/b&gt; <mark>пам’ять</mark> героїв &amp; &lt;script&gt;"
        );
        // A term matches the words it begins.
        assert_eq!(
            highlight("Памʼятник", &search_terms("пам'ят"), 5),
            "<mark>Памʼятник</mark>"
        );
        let long = format!("{} ціль {}", "слово ".repeat(50), "кінець ".repeat(50));
        let html = highlight(&long, &search_terms("ціль"), 10);
        assert!(
            html.starts_with('…') && html.ends_with('…') && html.contains("<mark>ціль</mark>"),
            "{html}"
        );
    }
}
