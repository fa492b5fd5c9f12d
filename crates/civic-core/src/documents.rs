//! Documents a municipality publishes about itself: the accessibility
//! statement public bodies must publish, the terms of use and the privacy
//! notice. The text is Markdown written by the town's administrator,
//! started from the platform's own.

use crate::Invalid;

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Accessibility,
    Terms,
    Privacy,
}

impl DocumentKind {
    /// The documents residents accept, by registering and again when a
    /// newer version is published, in the order they are shown.
    pub const ACCEPTED: [DocumentKind; 2] = [DocumentKind::Terms, DocumentKind::Privacy];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Accessibility => "accessibility",
            DocumentKind::Terms => "terms",
            DocumentKind::Privacy => "privacy",
        }
    }

    pub fn parse(raw: &str) -> Option<DocumentKind> {
        [DocumentKind::Accessibility, DocumentKind::Terms, DocumentKind::Privacy]
            .into_iter()
            .find(|k| k.as_str() == raw)
    }
}

/// The longest document accepted, in characters: a full statement with
/// every exception listed is some 6,000.
pub const MAX_CHARS: usize = 30_000;

/// A document's text: trimmed, not empty, at most [`MAX_CHARS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentText(String);

impl DocumentText {
    pub fn parse(raw: &str) -> Result<DocumentText, Invalid> {
        let text = raw.trim().replace("\r\n", "\n");
        if text.is_empty() {
            return Err(Invalid::new("body", "document_text_empty", "the text is empty"));
        }
        if text.chars().count() > MAX_CHARS {
            return Err(Invalid::new(
                "body",
                "document_text_too_long",
                "the text is longer than 30,000 characters",
            ));
        }
        Ok(DocumentText(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_trimmed_and_bounded() {
        assert_eq!(
            DocumentText::parse("  Текст\r\nдалі \n").unwrap().as_str(),
            "Текст\nдалі"
        );
        assert_eq!(DocumentText::parse(" \n ").unwrap_err().code, "document_text_empty");
        assert!(DocumentText::parse(&"ї".repeat(MAX_CHARS)).is_ok());
        assert_eq!(
            DocumentText::parse(&"ї".repeat(MAX_CHARS + 1)).unwrap_err().code,
            "document_text_too_long"
        );
    }
}
