//! What residents wrote, as the text engines (topics, duplicates) take it:
//! a key that the platform can find the row by, the text and optional hints.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The kind of text. Ideas and comments have separate id sequences in the
/// platform, so the kind is part of the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Idea,
    Comment,
    ConsultationComment,
    ProblemReport,
}

impl ItemKind {
    /// Ideas and problem reports state a matter in a title and a body; they
    /// make better representatives of a topic than a comment does.
    pub fn is_primary(self) -> bool {
        matches!(self, ItemKind::Idea | ItemKind::ProblemReport)
    }
}

/// Identifies one text: its kind and the id of its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ItemKey {
    pub kind: ItemKind,
    pub id: i64,
}

impl ItemKey {
    pub fn new(kind: ItemKind, id: i64) -> Self {
        ItemKey { kind, id }
    }
}

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}:{}", self.kind, self.id)
    }
}

/// Language of a text, when the platform knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Uk,
    En,
}

/// One text to analyse. The title (empty for comments) counts twice: it is
/// the author's own summary of the matter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub key: ItemKey,
    #[serde(default)]
    pub title: String,
    pub body: String,
    /// The language the platform recorded, if any. Analysis does not need
    /// it: each word's script picks its stemmer (Cyrillic: Ukrainian, Latin:
    /// English), which also serves mixed texts. It decides the language an
    /// item is counted under in topic statistics; without it, the script of
    /// most of its words does.
    #[serde(default)]
    pub lang: Option<Lang>,
}

impl Item {
    /// A text without a title (a comment).
    pub fn new(key: ItemKey, body: impl Into<String>) -> Self {
        Item {
            key,
            title: String::new(),
            body: body.into(),
            lang: None,
        }
    }

    /// A text with a title (an idea, a problem report).
    pub fn titled(key: ItemKey, title: impl Into<String>, body: impl Into<String>) -> Self {
        Item {
            key,
            title: title.into(),
            body: body.into(),
            lang: None,
        }
    }

    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = Some(lang);
        self
    }
}
