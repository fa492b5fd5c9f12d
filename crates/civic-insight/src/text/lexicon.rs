//! The civic lexicon: `concept: word word ...` lines, each word mapped by
//! its stem to the term `#concept`.

use rustc_hash::FxHashMap;

use crate::error::InsightError;

/// Stem → `#concept`. A stem claimed by two concepts is an error: the
/// lexicon would otherwise depend on line order.
pub(crate) fn parse(text: &str, stem: impl Fn(&str) -> String) -> Result<FxHashMap<String, String>, InsightError> {
    let mut map: FxHashMap<String, String> = FxHashMap::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: String| InsightError::InvalidLexicon {
            line: n + 1,
            message: why,
        };
        let (concept, words) = line
            .split_once(':')
            .ok_or_else(|| bad("expected `concept: word word ...`".into()))?;
        let concept = concept.trim();
        if concept.is_empty() || !concept.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(bad(format!(
                "concept name must be lowercase ASCII letters, got {concept:?}"
            )));
        }
        let key = format!("#{concept}");
        for word in words.split_whitespace() {
            let lower = word.to_lowercase().replace(['’', 'ʼ', '`'], "'");
            let s = stem(&lower);
            match map.get(&s) {
                Some(other) if *other != key => {
                    return Err(bad(format!("{word:?} (stem {s:?}) is already in {other}")));
                }
                _ => {
                    map.insert(s, key.clone());
                }
            }
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line() {
        let id = |w: &str| w.to_string();
        let err = parse("# c\nbench: лавка\nbin лавка", id).unwrap_err();
        assert_eq!(err.to_string(), "lexicon line 3: expected `concept: word word ...`");
        let err = parse("bench: лавка\nbin: лавка", id).unwrap_err();
        assert!(err.to_string().contains("already in #bench"), "{err}");
        assert!(parse("Bench!: x", id).is_err());
        assert_eq!(parse("bench: a b\n\nbin: c", id).unwrap().len(), 3);
    }
}
