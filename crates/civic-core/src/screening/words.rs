//! Blocked-word lists a city edits, and finding their words in a text.
//!
//! A list is plain text, one entry a line, so an administrator edits it in
//! a text box:
//!
//! ```text
//! # a comment
//! [spam]            entries below are advertising (also [abuse], [hate])
//! casino            a whole word (any case, look-alikes, stretched letters)
//! fuck*             a stem: every word that begins with it
//! kill yourself     a phrase: these words in a row (each may end with *)
//! -shiitake*        an exception: words never taken for an entry
//! ```
//!
//! Words are compared by their skeletons (see `fold`): whole words or
//! stems, never a piece inside a word, so "Scunthorpe" or "сукня" do not
//! match "cunt" or "сука".

use std::cmp::Reverse;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::fold::{MASK, Skeleton, Token, masked_matches, skeletons};
use crate::{Invalid, Locale};

/// What a list entry is, which sets how much it weighs (in this order of
/// severity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WordCategory {
    /// Advertising and scams: weighs little alone, a lot with links.
    Spam,
    /// Profanity and insults: a person decides.
    Abuse,
    /// Slurs and threats: refused.
    Hate,
}

impl WordCategory {
    pub const ALL: [WordCategory; 3] = [WordCategory::Spam, WordCategory::Abuse, WordCategory::Hate];

    pub fn as_str(self) -> &'static str {
        match self {
            WordCategory::Spam => "spam",
            WordCategory::Abuse => "abuse",
            WordCategory::Hate => "hate",
        }
    }
}

/// The most entries a list may hold, and the longest line.
pub const MAX_ENTRIES: usize = 5_000;
pub const MAX_LINE_CHARS: usize = 100;
const MAX_PHRASE_WORDS: usize = 5;
/// A stem needs this many letters (after repeats are folded), or it would
/// catch half the dictionary.
pub const MIN_STEM_LETTERS: usize = 3;

#[derive(Debug, Clone)]
struct WordPattern {
    skeleton: Skeleton,
    stem: bool,
}

impl WordPattern {
    fn matches(&self, token: &Token) -> bool {
        // Spelled-out letters are a word on their own: a stem matches them
        // only as a whole ("f u c k" is "fuck*", "f u c k i" is not).
        let stem = self.stem && !token.joined;
        token.skeletons.iter().any(|s| {
            if s.key.contains(MASK) {
                masked_matches(s, &self.skeleton, stem)
            } else {
                s.matches(&self.skeleton, stem)
            }
        })
    }
}

/// One entry of a list.
#[derive(Debug, Clone)]
pub struct Entry {
    /// As written in the list.
    pub text: String,
    pub category: WordCategory,
    words: Vec<WordPattern>,
}

/// A parsed blocked-word list. Keeps the text it was parsed from, so the
/// administration page shows the list as the city wrote it.
#[derive(Debug, Clone)]
pub struct WordList {
    source: String,
    entries: Vec<Entry>,
    exceptions: Vec<WordPattern>,
}

/// The Ukrainian list shipped with the platform.
pub const DEFAULT_UK: &str = include_str!("lists/uk.txt");
/// The English list shipped with the platform.
pub const DEFAULT_EN: &str = include_str!("lists/en.txt");

impl WordList {
    /// An empty list (the city blocks no word in this language).
    pub fn empty() -> WordList {
        WordList {
            source: String::new(),
            entries: Vec::new(),
            exceptions: Vec::new(),
        }
    }

    pub fn default_uk() -> WordList {
        WordList::parse(DEFAULT_UK).expect("the shipped Ukrainian list parses (tested)")
    }

    pub fn default_en() -> WordList {
        WordList::parse(DEFAULT_EN).expect("the shipped English list parses (tested)")
    }

    /// Parses a list in the format above; the error names the first bad
    /// line.
    pub fn parse(source: &str) -> Result<WordList, Invalid> {
        let bad = |line: usize, why: &str| {
            Err(Invalid::new(
                "words",
                "invalid_word_list",
                format!("line {line}: {why}"),
            ))
        };
        let mut list = WordList {
            source: source.to_string(),
            entries: Vec::new(),
            exceptions: Vec::new(),
        };
        let mut category = WordCategory::Abuse;
        for (n, line) in source.lines().enumerate() {
            let n = n + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.chars().count() > MAX_LINE_CHARS {
                return bad(n, &format!("a line has at most {MAX_LINE_CHARS} characters"));
            }
            if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                match WordCategory::ALL.into_iter().find(|c| c.as_str() == section.trim()) {
                    Some(c) => category = c,
                    None => return bad(n, "a section is [spam], [abuse] or [hate]"),
                }
                continue;
            }
            let (exception, words) = match line.strip_prefix('-') {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            let mut patterns = Vec::new();
            for word in words.split_whitespace() {
                let (word, stem) = match word.strip_suffix('*') {
                    Some(w) => (w, true),
                    None => (word, false),
                };
                if word.contains('*') {
                    return bad(n, "* may only end a word (a stem)");
                }
                let Some(skeleton) = skeletons(word).into_iter().next() else {
                    return bad(n, &format!("\"{word}\" has no letter"));
                };
                if stem && skeleton.runs.len() < MIN_STEM_LETTERS {
                    return bad(n, &format!("a stem has at least {MIN_STEM_LETTERS} letters"));
                }
                patterns.push(WordPattern { skeleton, stem });
            }
            if patterns.len() > MAX_PHRASE_WORDS {
                return bad(n, &format!("a phrase has at most {MAX_PHRASE_WORDS} words"));
            }
            if exception {
                if patterns.len() != 1 {
                    return bad(n, "an exception is one word");
                }
                list.exceptions.extend(patterns);
            } else {
                list.entries.push(Entry {
                    text: words.split_whitespace().collect::<Vec<_>>().join(" "),
                    category,
                    words: patterns,
                });
            }
            if list.entries.len() + list.exceptions.len() > MAX_ENTRIES {
                return bad(n, &format!("a list has at most {MAX_ENTRIES} entries"));
            }
        }
        Ok(list)
    }

    /// The text the list was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

/// Word patterns by the lookup key of their (first) word: whole words by
/// their key, stems by their first `MIN_STEM_LETTERS` letters, so a word
/// costs two lookups whatever its length.
#[derive(Debug, Default)]
struct Index {
    whole: HashMap<String, Vec<usize>>,
    stems: HashMap<String, Vec<usize>>,
}

/// The first `MIN_STEM_LETTERS` letters of a key, if it has that many.
fn stem_prefix(key: &str) -> Option<&str> {
    let end = key
        .char_indices()
        .nth(MIN_STEM_LETTERS - 1)
        .map(|(i, c)| i + c.len_utf8())?;
    Some(&key[..end])
}

impl Index {
    fn add(&mut self, pattern: &WordPattern, id: usize) {
        let key = &pattern.skeleton.key;
        match stem_prefix(key) {
            Some(prefix) if pattern.stem => self.stems.entry(prefix.to_string()).or_default().push(id),
            _ => self.whole.entry(key.clone()).or_default().push(id),
        }
    }

    /// The ids whose first word may match `token` (to be checked).
    fn candidates(&self, token: &Token, mut found: impl FnMut(usize)) {
        for sk in &token.skeletons {
            if let Some(ids) = self.whole.get(&sk.key) {
                ids.iter().for_each(|&id| found(id));
            }
            if let Some(ids) = stem_prefix(&sk.key).and_then(|p| self.stems.get(p)) {
                ids.iter().for_each(|&id| found(id));
            }
        }
    }
}

/// A list entry found in a text.
#[derive(Debug, Clone)]
pub(super) struct Hit<'m> {
    pub list: Locale,
    pub entry: &'m Entry,
    /// Byte range of the words in the text.
    pub start: usize,
    pub end: usize,
}

/// Every list of a screening, indexed once.
#[derive(Debug)]
pub(super) struct Matcher {
    entries: Vec<(Locale, Entry)>,
    index: Index,
    exceptions: Vec<WordPattern>,
    exception_index: Index,
}

impl Matcher {
    pub fn new(lists: &[(Locale, &WordList)]) -> Matcher {
        let mut m = Matcher {
            entries: Vec::new(),
            index: Index::default(),
            exceptions: Vec::new(),
            exception_index: Index::default(),
        };
        for (locale, list) in lists {
            for entry in &list.entries {
                m.index.add(&entry.words[0], m.entries.len());
                m.entries.push((*locale, entry.clone()));
            }
            for pattern in &list.exceptions {
                m.exception_index.add(pattern, m.exceptions.len());
                m.exceptions.push(pattern.clone());
            }
        }
        m
    }

    fn is_exception(&self, token: &Token) -> bool {
        let mut yes = false;
        self.exception_index
            .candidates(token, |id| yes = yes || self.exceptions[id].matches(token));
        yes
    }

    /// The entries found in `tokens` (from `fold::tokens`), in the order
    /// first found: for each word the most severe entry starting there (then
    /// the longest), so one word is one hit even when it matches entries of
    /// both lists; each entry once.
    pub fn find(&self, tokens: &[Token]) -> Vec<Hit<'_>> {
        let mut hits: Vec<Hit<'_>> = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if token.skeletons.is_empty() {
                continue;
            }
            let mut ids = Vec::new();
            self.index.candidates(token, |id| ids.push(id));
            // A masked word has no key to look up: it is tried against every
            // one-word entry (rare words, a few hundred entries).
            if token.skeletons.iter().any(|s| s.key.contains(MASK)) {
                ids.extend((0..self.entries.len()).filter(|&id| self.entries[id].1.words.len() == 1));
            }
            if ids.is_empty() || self.is_exception(token) {
                continue;
            }
            let best = ids
                .into_iter()
                .filter_map(|id| {
                    let (list, entry) = &self.entries[id];
                    phrase_end(&entry.words, tokens, i).map(|end| (*list, entry, end))
                })
                // The first of the best, so list order breaks ties.
                .min_by_key(|(_, entry, _)| (Reverse(entry.category), Reverse(entry.words.len())));
            if let Some((list, entry, end)) = best
                && !hits.iter().any(|h| std::ptr::eq(h.entry, entry))
            {
                hits.push(Hit {
                    list,
                    entry,
                    start: token.start,
                    end,
                });
            }
        }
        hits
    }
}

/// Where the phrase `words` starting at `tokens[at]` ends, if it is there.
fn phrase_end(words: &[WordPattern], tokens: &[Token], at: usize) -> Option<usize> {
    if tokens[at].joined && words.len() > 1 {
        return None;
    }
    let mut end = tokens[at].end;
    for (k, pattern) in words.iter().enumerate() {
        let token = tokens.get(at + k)?;
        if (k > 0 && token.joined) || !pattern.matches(token) {
            return None;
        }
        end = token.end;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::super::fold::tokens;
    use super::*;

    fn found(list: &str, text: &str) -> Vec<String> {
        let list = WordList::parse(list).unwrap();
        let matcher = Matcher::new(&[(Locale::En, &list)]);
        matcher
            .find(&tokens(text))
            .into_iter()
            .map(|h| h.entry.text.clone())
            .collect()
    }

    #[test]
    fn parses_sections_stems_phrases_and_exceptions() {
        let list = WordList::parse("# c\n\n[spam]\ncasino\n[hate]\nkill you*\n-kill\n").unwrap();
        assert_eq!(list.entries().len(), 2);
        assert_eq!(list.entries()[0].category, WordCategory::Spam);
        assert_eq!(list.entries()[1].category, WordCategory::Hate);
        assert_eq!(list.entries()[1].text, "kill you*");
        assert_eq!(list.exceptions.len(), 1);
        // Entries before any section are abuse.
        assert_eq!(
            WordList::parse("x1x").unwrap().entries()[0].category,
            WordCategory::Abuse
        );
    }

    #[test]
    fn refuses_bad_lines_with_their_number() {
        for (text, why) in [
            ("ok\n[nope]", "line 2: a section"),
            ("ab*", "line 1: a stem has at least 3"),
            ("f*ck", "line 1: * may only end"),
            ("123", "line 1: \"123\" has no letter"),
            ("-two words", "line 1: an exception is one word"),
            ("a b c d e f", "line 1: a phrase has at most 5"),
        ] {
            let err = WordList::parse(text).unwrap_err();
            assert!(err.message.starts_with(why), "{text}: {}", err.message);
            assert_eq!(err.code, "invalid_word_list");
        }
        assert!(WordList::parse(&"x".repeat(101)).is_err());
        assert!(WordList::parse(&"word\n".repeat(MAX_ENTRIES + 1)).is_err());
    }

    #[test]
    fn whole_words_and_stems_not_pieces_of_words() {
        let list = "cunt\nfuck*\nass\nshit*\n-shiitake*";
        assert_eq!(found(list, "Scunthorpe United, a classic pass"), Vec::<String>::new());
        assert_eq!(found(list, "shiitake soup, and the assessment"), Vec::<String>::new());
        assert_eq!(found(list, "Fuuucking CUNT, you ass"), ["fuck*", "cunt", "ass"]);
        assert_eq!(found(list, "f.u.c.k"), ["fuck*"]);
        assert_eq!(found(list, "sh1t"), ["shit*"]);
    }

    #[test]
    fn phrases_need_their_words_in_a_row() {
        let list = "kill yourself\ngo back hom*";
        assert_eq!(found(list, "Just KILL   yourself."), ["kill yourself"]);
        assert_eq!(found(list, "kill the weeds yourself"), Vec::<String>::new());
        assert_eq!(found(list, "go back homeward"), ["go back hom*"]);
        assert_eq!(found(list, "kill"), Vec::<String>::new());
    }

    #[test]
    fn each_entry_is_reported_once_and_each_word_once() {
        assert_eq!(found("spam", "spam spam SPAM"), ["spam"]);
        // "сука" matches both entries (one through its Latin look-alike).
        assert_eq!(found("сука\ncyka", "сука сука"), ["сука"]);
        // The most severe entry, then the longest, wins the word.
        assert_eq!(found("[abuse]\nkill*\n[hate]\nkill you", "kill you"), ["kill you"]);
    }

    #[test]
    fn masked_words() {
        assert_eq!(found("хуйн*\nfuck*", "це х**ня, f*ck"), ["хуйн*", "fuck*"]);
        assert_eq!(found("хуйн*", "*важливо* і х*"), Vec::<String>::new());
    }

    #[test]
    fn shipped_lists_parse() {
        assert!(WordList::default_uk().entries().len() > 50);
        assert!(WordList::default_en().entries().len() > 50);
    }
}
