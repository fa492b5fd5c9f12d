//! Moderation of posted items (issue 21): an item hidden once enough people
//! flagged it, hidden by a moderator with a public reason, held by the
//! screening on posting, or restored; the author's one appeal; blocks on
//! posting. This module names the states and checks what people type.

use crate::Invalid;
use serde::Serialize;

/// Flags needed to hide an item when the city has not chosen (a staff
/// member's flag counts as two).
pub const DEFAULT_HIDE_THRESHOLD: i64 = 3;
/// The longest public reason and appeal, in characters.
pub const REASON_MAX: usize = 500;
pub const APPEAL_MAX: usize = 2000;
/// The longest block in days (longer: block for good).
pub const BLOCK_DAYS_MAX: i64 = 3650;

/// Where an item stands with the moderators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModerationState {
    HiddenByFlags,
    HiddenByModerator,
    HeldByScreening,
    Restored,
}

impl ModerationState {
    pub const ALL: [ModerationState; 4] = [
        ModerationState::HiddenByFlags,
        ModerationState::HiddenByModerator,
        ModerationState::HeldByScreening,
        ModerationState::Restored,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ModerationState::HiddenByFlags => "hidden_by_flags",
            ModerationState::HiddenByModerator => "hidden_by_moderator",
            ModerationState::HeldByScreening => "held_by_screening",
            ModerationState::Restored => "restored",
        }
    }

    pub fn parse(raw: &str) -> Option<ModerationState> {
        ModerationState::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    /// Not shown to everyone.
    pub fn is_hidden(self) -> bool {
        self != ModerationState::Restored
    }
}

crate::stored_as_text!(ModerationState, "moderation state", ModerationState::parse);

/// What a hidden item shows in place of its text, to whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Shown as it is.
    Shown,
    /// Staff see it, marked as hidden.
    ShownMarked,
    /// Its author sees it with the notice and why.
    ShownToAuthor,
    /// Everyone else sees only the notice.
    Notice,
}

/// How an item in `state` shows to a viewer (`None`: signed out).
pub fn visibility(
    state: Option<ModerationState>,
    author: Option<crate::UserId>,
    viewer: Option<&crate::user::Principal>,
) -> Visibility {
    match state {
        None | Some(ModerationState::Restored) => Visibility::Shown,
        Some(_) => match viewer {
            Some(v) if v.is_staff() => Visibility::ShownMarked,
            Some(v) if author == Some(v.user_id) => Visibility::ShownToAuthor,
            _ => Visibility::Notice,
        },
    }
}

fn bounded(field: &'static str, codes: (&'static str, &'static str), raw: &str, max: usize) -> Result<String, Invalid> {
    let t = raw.trim();
    if t.chars().count() > max {
        return Err(Invalid::new(field, codes.0, format!("at most {max} characters")));
    }
    if t.is_empty() {
        return Err(Invalid::new(field, codes.1, "this is required"));
    }
    Ok(t.to_string())
}

/// The public reason of a moderator's hiding: required, at most [`REASON_MAX`].
pub fn parse_reason(raw: &str) -> Result<String, Invalid> {
    bounded(
        "reason",
        ("moderation_reason_too_long", "moderation_reason_required"),
        raw,
        REASON_MAX,
    )
}

/// An appeal's text: required, at most [`APPEAL_MAX`].
pub fn parse_appeal(raw: &str) -> Result<String, Invalid> {
    bounded("text", ("appeal_too_long", "appeal_required"), raw, APPEAL_MAX)
}

/// A block's length: a number of days from 1 to [`BLOCK_DAYS_MAX`], or
/// empty / "forever" for good (`None`).
pub fn parse_block_days(raw: &str) -> Result<Option<i64>, Invalid> {
    let t = raw.trim();
    if t.is_empty() || t == "forever" {
        return Ok(None);
    }
    t.parse::<i64>()
        .ok()
        .filter(|d| (1..=BLOCK_DAYS_MAX).contains(d))
        .map(Some)
        .ok_or_else(|| {
            Invalid::new(
                "days",
                "invalid_block_days",
                format!("a block lasts 1 to {BLOCK_DAYS_MAX} days, or is for good"),
            )
        })
}

/// The threshold of flags that hides an item: 1 to 100.
pub fn parse_threshold(raw: &str) -> Result<i64, Invalid> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=100).contains(n))
        .ok_or_else(|| Invalid::new("hide_threshold", "invalid_hide_threshold", "a number from 1 to 100"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_parse_their_names_only() {
        for s in ModerationState::ALL {
            assert_eq!(ModerationState::parse(s.as_str()), Some(s));
        }
        assert_eq!(ModerationState::parse("gone"), None);
        assert!(!ModerationState::Restored.is_hidden());
    }

    #[test]
    fn inputs_are_bounded() {
        assert!(parse_reason(" ").is_err());
        assert!(parse_reason(&"x".repeat(501)).is_err());
        assert_eq!(parse_block_days("").unwrap(), None);
        assert_eq!(parse_block_days("7").unwrap(), Some(7));
        assert!(parse_block_days("0").is_err() && parse_block_days("x").is_err());
        assert!(parse_threshold("0").is_err() && parse_threshold("101").is_err());
        assert_eq!(parse_threshold("3").unwrap(), 3);
        assert!(parse_appeal("").is_err());
    }
}
