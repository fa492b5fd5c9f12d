//! Flags: a signed-in person reports an item (spam, abuse, personal data,
//! off-topic, other) for the moderators, once per person and item. This
//! module names the items that can be flagged, the reasons and the text rule.

use crate::Invalid;
use serde::Serialize;

/// The longest explanation a flag carries, in characters.
pub const FLAG_TEXT_MAX: usize = 1000;

/// What can be flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlaggedKind {
    Idea,
    Comment,
    Statement,
    Argument,
    Amendment,
    SectionComment,
    Petition,
    /// A problem report (issue 20).
    Report,
}

impl FlaggedKind {
    pub const ALL: [FlaggedKind; 8] = [
        FlaggedKind::Idea,
        FlaggedKind::Comment,
        FlaggedKind::Statement,
        FlaggedKind::Argument,
        FlaggedKind::Amendment,
        FlaggedKind::SectionComment,
        FlaggedKind::Petition,
        FlaggedKind::Report,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FlaggedKind::Idea => "idea",
            FlaggedKind::Comment => "comment",
            FlaggedKind::Statement => "statement",
            FlaggedKind::Argument => "argument",
            FlaggedKind::Amendment => "amendment",
            FlaggedKind::SectionComment => "section_comment",
            FlaggedKind::Petition => "petition",
            FlaggedKind::Report => "report",
        }
    }

    pub fn parse(raw: &str) -> Option<FlaggedKind> {
        FlaggedKind::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }

    pub fn from_input(raw: &str) -> Result<FlaggedKind, Invalid> {
        FlaggedKind::parse(raw).ok_or_else(|| {
            Invalid::new(
                "item_type",
                "invalid_item_type",
                "item_type is one of idea, comment, statement, argument, amendment, section_comment, petition, report",
            )
        })
    }

    /// The table the item lives in and the condition that makes it visible
    /// to everyone (a flag on what the person cannot see is a missing item).
    /// Both are fixed strings, never input.
    pub fn table_and_visibility(self) -> (&'static str, &'static str) {
        match self {
            FlaggedKind::Idea => ("ideas", "1 = 1"),
            FlaggedKind::Comment => ("comments", "1 = 1"),
            FlaggedKind::Statement => ("statements", "x.status = 'published'"),
            FlaggedKind::Argument => ("debate_arguments", "1 = 1"),
            FlaggedKind::Amendment => ("amendments", "1 = 1"),
            FlaggedKind::SectionComment => ("section_comments", "1 = 1"),
            FlaggedKind::Petition => ("petitions", "x.status NOT IN ('draft', 'submitted', 'refused')"),
            FlaggedKind::Report => ("reports", "1 = 1"),
        }
    }

    /// Where the item is read, below the tenant's address, when it has a
    /// page of its own.
    pub fn path(self, id: i64) -> Option<String> {
        match self {
            FlaggedKind::Idea => Some(format!("/ideas/{id}")),
            FlaggedKind::Petition => Some(format!("/petitions/{id}")),
            FlaggedKind::Report => Some(format!("/reports/{id}")),
            _ => None,
        }
    }
}

crate::stored_as_text!(FlaggedKind, "flagged item type", FlaggedKind::parse);

/// Why an item is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagReason {
    Spam,
    Abuse,
    PersonalData,
    OffTopic,
    Other,
}

impl FlagReason {
    pub const ALL: [FlagReason; 5] = [
        FlagReason::Spam,
        FlagReason::Abuse,
        FlagReason::PersonalData,
        FlagReason::OffTopic,
        FlagReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FlagReason::Spam => "spam",
            FlagReason::Abuse => "abuse",
            FlagReason::PersonalData => "personal_data",
            FlagReason::OffTopic => "off_topic",
            FlagReason::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<FlagReason> {
        FlagReason::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }

    pub fn from_input(raw: &str) -> Result<FlagReason, Invalid> {
        FlagReason::parse(raw).ok_or_else(|| {
            Invalid::new(
                "reason",
                "invalid_flag_reason",
                "reason is one of spam, abuse, personal_data, off_topic, other",
            )
        })
    }
}

crate::stored_as_text!(FlagReason, "flag reason", FlagReason::parse);

/// The explanation: trimmed, at most [`FLAG_TEXT_MAX`] characters, and
/// required when the reason is "other" (else moderators cannot tell why).
pub fn parse_text(reason: Option<FlagReason>, raw: &str) -> Result<String, Invalid> {
    let t = raw.trim();
    if t.chars().count() > FLAG_TEXT_MAX {
        return Err(Invalid::new(
            "text",
            "flag_text_too_long",
            format!("the explanation has at most {FLAG_TEXT_MAX} characters"),
        ));
    }
    if t.is_empty() && reason == Some(FlagReason::Other) {
        return Err(Invalid::new(
            "text",
            "flag_text_required",
            "say what is wrong when the reason is other",
        ));
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_reasons_parse_their_names_only() {
        for k in FlaggedKind::ALL {
            assert_eq!(FlaggedKind::parse(k.as_str()), Some(k));
        }
        assert!(FlaggedKind::from_input("users; DROP TABLE x").is_err());
        assert_eq!(FlagReason::parse("personal_data"), Some(FlagReason::PersonalData));
        assert!(FlagReason::from_input("boring").is_err());
    }

    #[test]
    fn other_needs_a_text() {
        assert!(parse_text(Some(FlagReason::Other), "  ").is_err());
        assert_eq!(parse_text(Some(FlagReason::Spam), "  ").unwrap(), "");
        assert!(parse_text(Some(FlagReason::Spam), &"x".repeat(1001)).is_err());
    }
}
