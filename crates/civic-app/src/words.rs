//! Word frequencies of free-text answers, for staff: lower-cased words of
//! three letters or more, common Ukrainian and English words left out.

use std::collections::HashMap;

/// Function words that would top every list and say nothing.
const STOP: &[&str] = &[
    // Ukrainian
    "але",
    "без",
    "був",
    "була",
    "були",
    "було",
    "бути",
    "вже",
    "все",
    "всі",
    "від",
    "для",
    "дуже",
    "його",
    "коли",
    "краще",
    "лише",
    "мене",
    "мені",
    "між",
    "мій",
    "можна",
    "моя",
    "над",
    "нам",
    "нас",
    "наш",
    "наша",
    "наші",
    "нема",
    "немає",
    "нього",
    "них",
    "під",
    "після",
    "при",
    "про",
    "так",
    "там",
    "теж",
    "тим",
    "тих",
    "того",
    "тоді",
    "тому",
    "треба",
    "тут",
    "хочу",
    "цей",
    "цього",
    "цю",
    "ця",
    "через",
    "чим",
    "чого",
    "щоб",
    "якби",
    "яка",
    "які",
    "який",
    "якщо",
    "ще",
    "що",
    "або",
    "аби",
    "біля",
    "щось",
    "себе",
    "свій",
    "своє",
    "вони",
    "вона",
    "воно",
    "ми",
    "ви",
    "більше",
    "менше",
    "також",
    "тільки",
    "усі",
    "усе",
    "ніж",
    "цих",
    "цим",
    "цьому",
    "нашого",
    "нашому",
    // English
    "the",
    "and",
    "for",
    "are",
    "but",
    "not",
    "you",
    "all",
    "any",
    "can",
    "had",
    "her",
    "was",
    "one",
    "our",
    "out",
    "has",
    "have",
    "his",
    "how",
    "its",
    "may",
    "new",
    "now",
    "see",
    "who",
    "did",
    "get",
    "let",
    "she",
    "too",
    "use",
    "that",
    "this",
    "with",
    "from",
    "they",
    "will",
    "would",
    "there",
    "their",
    "what",
    "about",
    "which",
    "when",
    "were",
    "been",
    "more",
    "some",
    "than",
    "them",
    "then",
    "these",
    "very",
    "into",
    "just",
    "also",
    "should",
    "could",
    "much",
    "need",
    "want",
    "like",
    "there",
    "here",
    "your",
];

/// The `limit` commonest words with their counts, commonest first (ties
/// alphabetically, so the list is stable).
pub fn frequencies(texts: &[String], limit: usize) -> Vec<(String, i64)> {
    let mut counts: HashMap<String, i64> = HashMap::new();
    for text in texts {
        let lower = text.to_lowercase();
        for word in lower
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
        {
            if word.chars().count() >= 3 && !STOP.contains(&word) && !word.chars().all(|c| c.is_ascii_digit()) {
                *counts.entry(word.to_string()).or_default() += 1;
            }
        }
    }
    let mut out: Vec<(String, i64)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_without_stop_words() {
        let texts = vec![
            "Більше дерев і лавок, дерев!".to_string(),
            "more trees and the benches".to_string(),
            "дерев'яні лавки".to_string(),
        ];
        let f = frequencies(&texts, 3);
        assert_eq!(f[0], ("дерев".to_string(), 2));
        assert!(f.iter().all(|(w, _)| w != "більше" && w != "the" && w != "and"));
        assert_eq!(f.len(), 3);
        assert!(frequencies(&["дерев'яні".to_string()], 5).contains(&("дерев'яні".to_string(), 1)));
    }
}
