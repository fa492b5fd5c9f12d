//! The languages the platform speaks.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Uk,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Uk, Locale::En];

    /// The BCP 47 tag, as used in `lang` attributes and stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Uk => "uk",
            Locale::En => "en",
        }
    }

    /// Accepts `uk`, `en` and regional variants such as `en-GB` or `uk_UA`.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "uk" => Some(Locale::Uk),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The best supported locale for an `Accept-Language` header, honouring
    /// q-values; `None` when the visitor accepts none of ours.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',').take(20) {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(locale) = Locale::parse(tag)
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, locale));
            }
        }
        best.map(|(_, l)| l)
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

crate::stored_as_text!(Locale, "locale", Locale::parse);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_and_variants() {
        assert_eq!(Locale::parse("uk-UA"), Some(Locale::Uk));
        assert_eq!(Locale::parse("EN_gb"), Some(Locale::En));
        assert_eq!(Locale::parse("de"), None);
    }

    #[test]
    fn accept_language_prefers_highest_q() {
        assert_eq!(
            Locale::from_accept_language("de-DE,en;q=0.5,uk;q=0.9"),
            Some(Locale::Uk)
        );
        assert_eq!(Locale::from_accept_language("en-US,en;q=0.9"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("fr, de;q=0.8"), None);
        assert_eq!(Locale::from_accept_language("uk;q=0"), None);
        assert_eq!(Locale::from_accept_language(""), None);
    }
}
