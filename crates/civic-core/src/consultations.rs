//! Public consultations on a document: the city publishes a draft split into
//! numbered sections, residents comment on each section and propose
//! amendments (the section as they would write it), the city answers every
//! amendment and publishes a synthesis with the final text.
//!
//! This module holds the phases, the records, how a document is split into
//! sections and the word-level difference of an amendment.

use crate::Invalid;
use serde::Serialize;

/// The steps of a consultation, in order. Only `Comments` takes comments,
/// amendments and supports; the synthesis report is public once `Closed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationPhase {
    /// The document is published to be read; nothing is taken yet.
    Information,
    /// Residents comment and propose amendments.
    Comments,
    /// The city answers the amendments and writes its synthesis.
    Synthesis,
    /// The synthesis is published; the consultation is over.
    Closed,
}

impl ConsultationPhase {
    pub const ALL: [ConsultationPhase; 4] = [
        ConsultationPhase::Information,
        ConsultationPhase::Comments,
        ConsultationPhase::Synthesis,
        ConsultationPhase::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsultationPhase::Information => "information",
            ConsultationPhase::Comments => "comments",
            ConsultationPhase::Synthesis => "synthesis",
            ConsultationPhase::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Option<ConsultationPhase> {
        ConsultationPhase::ALL.into_iter().find(|p| p.as_str() == raw)
    }
}

crate::stored_as_text!(ConsultationPhase, "consultation phase", ConsultationPhase::parse);

/// Where an amendment stands: open until its author withdraws it or the
/// city answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmendmentStatus {
    Open,
    Withdrawn,
    Accepted,
    AcceptedInPart,
    Rejected,
}

impl AmendmentStatus {
    pub const ALL: [AmendmentStatus; 5] = [
        AmendmentStatus::Open,
        AmendmentStatus::Withdrawn,
        AmendmentStatus::Accepted,
        AmendmentStatus::AcceptedInPart,
        AmendmentStatus::Rejected,
    ];

    /// The city's answers.
    pub const ANSWERS: [AmendmentStatus; 3] = [
        AmendmentStatus::Accepted,
        AmendmentStatus::AcceptedInPart,
        AmendmentStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AmendmentStatus::Open => "open",
            AmendmentStatus::Withdrawn => "withdrawn",
            AmendmentStatus::Accepted => "accepted",
            AmendmentStatus::AcceptedInPart => "accepted_in_part",
            AmendmentStatus::Rejected => "rejected",
        }
    }

    pub fn parse(raw: &str) -> Option<AmendmentStatus> {
        AmendmentStatus::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// One of the city's answers (accepted, accepted in part, rejected).
    pub fn parse_answer(raw: &str) -> Option<AmendmentStatus> {
        AmendmentStatus::ANSWERS.into_iter().find(|s| s.as_str() == raw.trim())
    }

    pub fn is_answered(self) -> bool {
        AmendmentStatus::ANSWERS.contains(&self)
    }
}

crate::stored_as_text!(AmendmentStatus, "amendment status", AmendmentStatus::parse);

/// A consultation as stored, with its counts.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Consultation {
    pub id: i64,
    pub space_id: i64,
    pub title: String,
    /// What the document is and what the city asks (Markdown).
    pub summary: String,
    pub phase: ConsultationPhase,
    /// Comments and amendments are taken until this moment (unix ms), when set.
    pub comments_end: Option<i64>,
    /// The city's general conclusion, shown on the synthesis report.
    pub synthesis: Option<String>,
    pub created_at: i64,
    /// 1 when the space is a draft (only staff see the consultation).
    pub space_draft: i64,
    pub section_count: i64,
    pub comment_count: i64,
    pub amendment_count: i64,
}

impl Consultation {
    /// Comments, amendments and supports may be given now.
    pub fn takes_contributions(&self, now: crate::Timestamp) -> bool {
        self.phase == ConsultationPhase::Comments && self.comments_end.is_none_or(|end| now.0 < end)
    }

    /// The city may answer amendments (not once the consultation is closed).
    pub fn takes_answers(&self) -> bool {
        matches!(self.phase, ConsultationPhase::Comments | ConsultationPhase::Synthesis)
    }
}

/// A numbered section of the document.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Section {
    pub id: i64,
    pub consultation_id: i64,
    /// 1, 2, 3… in document order: the section's number and anchor.
    pub position: i64,
    /// The heading as the document gives it ("Стаття 3. Зелені зони"); may be empty.
    pub heading: String,
    /// The original text (Markdown).
    pub body: String,
    /// The text after the consultation, once the city set it.
    pub final_body: Option<String>,
    pub comment_count: i64,
    pub amendment_count: i64,
}

impl Section {
    /// The text the document has now: the final one once set.
    pub fn current_body(&self) -> &str {
        self.final_body.as_deref().unwrap_or(&self.body)
    }
}

/// A comment on a section (replies name their parent).
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct SectionComment {
    pub id: i64,
    pub section_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: i64,
}

/// An amendment: the section as a resident would write it.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Amendment {
    pub id: i64,
    pub section_id: i64,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub text: String,
    pub status: AmendmentStatus,
    /// The city's reason, with its answer.
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    pub created_at: i64,
    pub supports: i64,
    pub opposes: i64,
}

/// How a pasted document is cut into sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SplitBy {
    /// Articles when the document has them ("Стаття 1", "Article 1"), else
    /// Markdown headings, else paragraphs.
    #[default]
    Auto,
    Articles,
    Headings,
    Paragraphs,
}

impl SplitBy {
    pub const ALL: [SplitBy; 4] = [SplitBy::Auto, SplitBy::Articles, SplitBy::Headings, SplitBy::Paragraphs];

    pub fn as_str(self) -> &'static str {
        match self {
            SplitBy::Auto => "auto",
            SplitBy::Articles => "articles",
            SplitBy::Headings => "headings",
            SplitBy::Paragraphs => "paragraphs",
        }
    }

    pub fn parse(raw: &str) -> Option<SplitBy> {
        match raw.trim() {
            "" => Some(SplitBy::Auto),
            r => SplitBy::ALL.into_iter().find(|s| s.as_str() == r),
        }
    }
}

/// A section cut from a document, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftSection {
    pub heading: String,
    pub body: String,
}

/// The most sections a document may have (a long strategy has about 100).
pub const MOST_SECTIONS: usize = 400;

/// The words that open an article line: "Стаття 5", "Article 5", "§ 5".
fn is_article(line: &str) -> bool {
    let l = line.trim_start_matches(['#', ' ', '*', '_']).trim_start();
    let lower = l.to_lowercase();
    ["стаття ", "article ", "§ ", "§", "пункт "].iter().any(|w| {
        lower
            .strip_prefix(w)
            .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    })
}

fn is_heading(line: &str) -> bool {
    let t = line.trim_start();
    let hashes = t.chars().take_while(|c| *c == '#').count();
    (1..=4).contains(&hashes) && t[hashes..].starts_with(' ')
}

/// A heading line without its Markdown marks: "## Стаття 2. Мета" → "Стаття 2. Мета".
fn heading_text(line: &str) -> String {
    line.trim()
        .trim_start_matches('#')
        .trim()
        .trim_matches(|c| c == '*' || c == '_')
        .trim()
        .to_string()
}

fn cut_at(text: &str, starts: impl Fn(&str) -> bool) -> Vec<DraftSection> {
    let mut sections: Vec<DraftSection> = Vec::new();
    let mut heading = String::new();
    let mut body: Vec<&str> = Vec::new();
    let flush = |sections: &mut Vec<DraftSection>, heading: &mut String, body: &mut Vec<&str>| {
        let b = body.join("\n").trim().to_string();
        if !b.is_empty() || !heading.is_empty() {
            sections.push(DraftSection {
                heading: std::mem::take(heading),
                body: b,
            });
        }
        body.clear();
    };
    for line in text.lines() {
        if starts(line) {
            flush(&mut sections, &mut heading, &mut body);
            heading = heading_text(line);
        } else {
            body.push(line);
        }
    }
    flush(&mut sections, &mut heading, &mut body);
    sections
}

fn paragraphs(text: &str) -> Vec<DraftSection> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| DraftSection {
            heading: String::new(),
            body: p.to_string(),
        })
        .collect()
}

/// Cuts a Markdown document into sections. Line ends are normalised first
/// (a pasted Word document brings `\r\n`). An empty document has none.
pub fn split_document(document: &str, by: SplitBy) -> Vec<DraftSection> {
    let text = document.replace("\r\n", "\n").replace('\r', "\n");
    let has_articles = text.lines().any(is_article);
    let has_headings = text.lines().any(is_heading);
    match by {
        SplitBy::Articles => cut_at(&text, is_article),
        SplitBy::Headings => cut_at(&text, is_heading),
        SplitBy::Paragraphs => paragraphs(&text),
        SplitBy::Auto if has_articles => cut_at(&text, is_article),
        SplitBy::Auto if has_headings => cut_at(&text, is_heading),
        SplitBy::Auto => paragraphs(&text),
    }
}

/// Checks a document and its sections: at least one, at most
/// [`MOST_SECTIONS`], each section within the length a page can show.
pub fn check_sections(sections: &[DraftSection]) -> Result<(), Invalid> {
    if sections.is_empty() {
        return Err(Invalid::new(
            "document",
            "document_empty",
            "the document has no text to consult on",
        ));
    }
    if sections.len() > MOST_SECTIONS {
        return Err(Invalid::new(
            "document",
            "too_many_sections",
            format!("a document has at most {MOST_SECTIONS} sections; split it by headings or articles instead"),
        ));
    }
    if sections.iter().any(|s| s.heading.chars().count() > HEADING_MAX) {
        return Err(Invalid::new(
            "document",
            "heading_too_long",
            format!(
                "a section heading has at most {HEADING_MAX} characters; is a line break missing after an article's number?"
            ),
        ));
    }
    if sections.iter().any(|s| s.body.chars().count() > SECTION_MAX) {
        return Err(Invalid::new(
            "document",
            "section_too_long",
            format!("a section has at most {SECTION_MAX} characters; split the document by paragraphs instead"),
        ));
    }
    Ok(())
}

/// The longest section heading, in characters.
pub const HEADING_MAX: usize = 200;

/// The longest section (and amendment) text, in characters.
pub const SECTION_MAX: usize = 40_000;

/// One run of a word-level difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "text")]
pub enum Change {
    Same(String),
    Added(String),
    Removed(String),
}

/// The word-level difference from `original` to `proposed`: runs of kept,
/// added and removed text (whitespace kept with its words), neighbouring
/// runs of one kind joined.
pub fn word_diff(original: &str, proposed: &str) -> Vec<Change> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_millis(200))
        .diff_unicode_words(original, proposed);
    let mut out: Vec<Change> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Change::Same(s)))
            | (ChangeTag::Insert, Some(Change::Added(s)))
            | (ChangeTag::Delete, Some(Change::Removed(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => out.push(Change::Same(text.to_string())),
            (ChangeTag::Insert, _) => out.push(Change::Added(text.to_string())),
            (ChangeTag::Delete, _) => out.push(Change::Removed(text.to_string())),
        }
    }
    out
}

/// True when an amendment's text says the same as the section (only
/// spacing or line ends differ).
pub fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_cut_with_their_headings_and_a_preamble() {
        let doc = "Ця програма визначає правила.\r\n\r\n**Стаття 1. Мета**\r\nМета програми — зелене місто.\n\n## Стаття 2. Строки\nДо 2030 року.\n";
        let s = split_document(doc, SplitBy::Auto);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].heading, "");
        assert_eq!(s[0].body, "Ця програма визначає правила.");
        assert_eq!(s[1].heading, "Стаття 1. Мета");
        assert_eq!(s[1].body, "Мета програми — зелене місто.");
        assert_eq!(s[2].heading, "Стаття 2. Строки");
    }

    #[test]
    fn headings_cut_when_there_are_no_articles() {
        let doc = "# Вступ\nТекст.\n\n# Парки\nБільше дерев.\n\nІ лавок.";
        let s = split_document(doc, SplitBy::Auto);
        assert_eq!(
            s,
            vec![
                DraftSection {
                    heading: "Вступ".into(),
                    body: "Текст.".into()
                },
                DraftSection {
                    heading: "Парки".into(),
                    body: "Більше дерев.\n\nІ лавок.".into()
                },
            ]
        );
        assert_eq!(split_document(doc, SplitBy::Paragraphs).len(), 3);
    }

    #[test]
    fn plain_text_is_cut_into_paragraphs_and_empty_text_into_nothing() {
        assert_eq!(split_document("Один.\n\nДва.\n\n\n\nТри.", SplitBy::Auto).len(), 3);
        assert!(split_document(" \n\n ", SplitBy::Auto).is_empty());
        assert!(check_sections(&[]).is_err());
        // "Стаття" without a number is an ordinary line.
        assert_eq!(split_document("Стаття про парки.\n\nІнше.", SplitBy::Auto).len(), 2);
    }

    #[test]
    fn word_diff_marks_what_was_added_and_removed() {
        let d = word_diff("Лавки ставлять у парку.", "Нові лавки ставлять у сквері.");
        let added: String = d
            .iter()
            .filter_map(|c| match c {
                Change::Added(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let removed: String = d
            .iter()
            .filter_map(|c| match c {
                Change::Removed(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert!(added.contains("сквері"), "{d:?}");
        assert!(removed.contains("парку"), "{d:?}");
        // Kept and added text together give the proposal back.
        let proposed: String = d
            .iter()
            .filter_map(|c| match c {
                Change::Same(t) | Change::Added(t) => Some(t.as_str()),
                Change::Removed(_) => None,
            })
            .collect();
        assert_eq!(proposed, "Нові лавки ставлять у сквері.");
    }

    #[test]
    fn same_text_ignores_spacing_only() {
        assert!(same_text("Два  слова\n", "Два слова"));
        assert!(!same_text("Два слова", "Два слова."));
    }

    #[test]
    fn answers_are_the_three_city_statuses() {
        assert_eq!(
            AmendmentStatus::parse_answer("accepted_in_part"),
            Some(AmendmentStatus::AcceptedInPart)
        );
        assert_eq!(AmendmentStatus::parse_answer("open"), None);
        assert_eq!(AmendmentStatus::parse_answer("withdrawn"), None);
    }
}
