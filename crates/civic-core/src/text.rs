//! Facts about free text that people typed.

use crate::Locale;

/// The language a text is most likely written in, from its script: mostly
/// Cyrillic is Ukrainian, mostly Latin is English. `None` when it is mixed or
/// has too few letters to tell. Used to mark content in another language than
/// the page with `lang`, so screen readers switch voice.
pub fn guess_locale(text: &str) -> Option<Locale> {
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for c in text.chars().take(2000) {
        if c.is_alphabetic() {
            if ('\u{0400}'..='\u{04FF}').contains(&c) {
                cyrillic += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
