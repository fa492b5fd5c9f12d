//! Rules of ideas: what a proposal, a comment and an answer may hold, and
//! the state machine of an idea's status.

use crate::{IdeaId, Invalid, Role, SpaceId, UserId};

pub const TITLE_MIN: usize = 3;
pub const TITLE_MAX: usize = 150;
pub const BODY_MAX: usize = 10_000;
pub const LABEL_MAX: usize = 60;
pub const COMMENT_MAX: usize = 5_000;
pub const ANSWER_MAX: usize = 5_000;
/// Authors may edit an idea this many hours after posting it, unless its
/// space sets another window.
pub const EDIT_WINDOW_HOURS: i64 = 24;
/// The longest edit window a space may set (30 days).
pub const EDIT_WINDOW_MAX_HOURS: i64 = 720;
/// Replies nest at most this deep (a top-level comment has depth 0).
pub const MAX_COMMENT_DEPTH: i64 = 3;

/// Where an idea stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdeaStatus {
    Published,
    UnderReview,
    Accepted,
    Rejected,
    InProgress,
    Implemented,
    Withdrawn,
    /// Staff merged it into another idea that asks for the same thing; its
    /// supports, comments and followers moved there.
    Merged,
}

impl IdeaStatus {
    pub const ALL: [IdeaStatus; 8] = [
        IdeaStatus::Published,
        IdeaStatus::UnderReview,
        IdeaStatus::Accepted,
        IdeaStatus::Rejected,
        IdeaStatus::InProgress,
        IdeaStatus::Implemented,
        IdeaStatus::Withdrawn,
        IdeaStatus::Merged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IdeaStatus::Published => "published",
            IdeaStatus::UnderReview => "under_review",
            IdeaStatus::Accepted => "accepted",
            IdeaStatus::Rejected => "rejected",
            IdeaStatus::InProgress => "in_progress",
            IdeaStatus::Implemented => "implemented",
            IdeaStatus::Withdrawn => "withdrawn",
            IdeaStatus::Merged => "merged",
        }
    }

    pub fn parse(raw: &str) -> Option<IdeaStatus> {
        IdeaStatus::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    /// The statuses an official's answer may move an idea to from here.
    pub fn answers_to(self) -> &'static [IdeaStatus] {
        match self {
            IdeaStatus::Published => &[IdeaStatus::UnderReview, IdeaStatus::Accepted, IdeaStatus::Rejected],
            IdeaStatus::UnderReview => &[IdeaStatus::Accepted, IdeaStatus::Rejected],
            IdeaStatus::Accepted => &[IdeaStatus::InProgress],
            IdeaStatus::InProgress => &[IdeaStatus::Implemented],
            IdeaStatus::Rejected | IdeaStatus::Implemented | IdeaStatus::Withdrawn | IdeaStatus::Merged => &[],
        }
    }

    pub fn can_answer_to(self, to: IdeaStatus) -> bool {
        self.answers_to().contains(&to)
    }

    /// Withdrawn by its author or merged into another idea: it takes no
    /// supports, comments, edits or merges any more.
    pub fn is_closed(self) -> bool {
        matches!(self, IdeaStatus::Withdrawn | IdeaStatus::Merged)
    }

    /// Its author may withdraw it until the city has answered.
    pub fn may_withdraw(self) -> bool {
        matches!(self, IdeaStatus::Published | IdeaStatus::UnderReview)
    }
}

/// How a comment leans on the idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    InFavour,
    Against,
    Neutral,
}

impl Alignment {
    pub fn as_str(self) -> &'static str {
        match self {
            Alignment::InFavour => "in_favour",
            Alignment::Against => "against",
            Alignment::Neutral => "neutral",
        }
    }

    /// `for` (or `in_favour`), `against`, `neutral`; absent or empty is neutral.
    pub fn parse(raw: Option<&str>) -> Result<Alignment, Invalid> {
        match raw.map(str::trim).unwrap_or("") {
            "" | "neutral" => Ok(Alignment::Neutral),
            "for" | "in_favour" => Ok(Alignment::InFavour),
            "against" => Ok(Alignment::Against),
            _ => Err(Invalid::new(
                "alignment",
                "invalid_alignment",
                "alignment is one of for, against, neutral",
            )),
        }
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A trimmed title of 3 to 150 characters.
pub fn title(raw: &str) -> Result<String, Invalid> {
    let t = raw.trim();
    if chars(t) < TITLE_MIN || chars(t) > TITLE_MAX {
        return Err(Invalid::new(
            "title",
            "invalid_title",
            format!("a title has {TITLE_MIN} to {TITLE_MAX} characters"),
        ));
    }
    Ok(t.to_string())
}

/// Markdown of 1 to `max` characters (kept as typed; blank is refused).
fn text(field: &'static str, code: &'static str, raw: &str, max: usize) -> Result<String, Invalid> {
    if raw.trim().is_empty() || chars(raw) > max {
        return Err(Invalid::new(field, code, format!("the text has 1 to {max} characters")));
    }
    Ok(raw.to_string())
}

pub fn idea_body(raw: &str) -> Result<String, Invalid> {
    text("body", "invalid_body", raw, BODY_MAX)
}

pub fn comment_body(raw: &str) -> Result<String, Invalid> {
    text("body", "invalid_comment", raw, COMMENT_MAX)
}

pub fn answer_text(raw: &str) -> Result<String, Invalid> {
    text("text", "invalid_answer", raw, ANSWER_MAX)
}

/// An optional category or district: empty is none; otherwise at most 60
/// characters and, when the space lists its choices, one of them.
pub fn label(field: &'static str, raw: Option<&str>, choices: &[String]) -> Result<Option<String>, Invalid> {
    let Some(v) = raw.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let code = if field == "category" {
        "invalid_category"
    } else {
        "invalid_district"
    };
    if chars(v) > LABEL_MAX || (!choices.is_empty() && !choices.iter().any(|c| c == v)) {
        return Err(Invalid::new(
            field,
            code,
            if choices.is_empty() {
                format!("{field} has at most {LABEL_MAX} characters")
            } else {
                format!("{field} is one of: {}", choices.join(", "))
            },
        ));
    }
    Ok(Some(v.to_string()))
}

/// A point on the map: latitude -90..90, longitude -180..180.
pub fn location(latitude: f64, longitude: f64) -> Result<(f64, f64), Invalid> {
    if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
        return Err(Invalid::new(
            "location",
            "invalid_location",
            "latitude is between -90 and 90, longitude between -180 and 180",
        ));
    }
    Ok((latitude, longitude))
}

/// An idea as stored, with its author's name and its counts.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Idea {
    pub id: IdeaId,
    pub space_id: SpaceId,
    pub title: String,
    pub body: String,
    pub status: IdeaStatus,
    pub category: Option<String>,
    pub district: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub support_count: i64,
    pub comment_count: i64,
    pub created_at: i64,
    pub author_name: Option<String>,
    pub author_id: Option<UserId>,
    /// When the author last edited it; `None`: never.
    pub edited_at: Option<i64>,
    pub shuffle_key: i64,
    /// Hidden or held by the moderators (`None`: shown to everyone).
    pub moderation: Option<crate::moderation::ModerationState>,
    /// The moderators' public reason, when they gave one.
    pub moderation_reason: Option<String>,
    /// The idea staff merged this one into (status `merged`).
    pub merged_into: Option<IdeaId>,
}

impl Idea {
    pub fn idea_id(&self) -> IdeaId {
        self.id
    }

    /// Written by `user`.
    pub fn is_by(&self, user: UserId) -> bool {
        self.author_id == Some(user)
    }
}

/// One of the city's answers to an idea: the status it moved the idea to
/// and why, signed by the answering role.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Answer {
    pub id: i64,
    pub status: IdeaStatus,
    pub body: String,
    pub author_role: Role,
    pub created_at: i64,
}

/// What a visitor may do on an idea's page now, by the rules (the page
/// offers exactly these forms, and the use cases refuse the rest).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdeaActions {
    /// The idea takes supports (and their withdrawal) now.
    pub support: bool,
    /// The idea takes comments and replies now.
    pub comment: bool,
    /// The statuses the viewer may answer the idea with (officials).
    pub answer_to: Vec<IdeaStatus>,
    /// The viewer wrote it and may still edit it.
    pub edit: bool,
    /// The viewer wrote it and may still withdraw it.
    pub withdraw: bool,
}

impl IdeaActions {
    pub fn of(
        idea: &Idea,
        space: &crate::spaces::Space,
        viewer: Option<&crate::user::Principal>,
        verified: bool,
        now: crate::Timestamp,
    ) -> Self {
        let taking_part = !idea.status.is_closed()
            && space
                .open_for_person(crate::spaces::Module::Ideas, now, verified)
                .is_ok();
        let author = viewer.is_some_and(|v| idea.is_by(v.user_id));
        IdeaActions {
            support: taking_part,
            comment: taking_part,
            answer_to: match viewer {
                Some(v) if v.role.is_among(crate::user::StaffRoles::Officials) => idea.status.answers_to().to_vec(),
                _ => Vec::new(),
            },
            edit: author && !idea.status.is_closed() && now.0 - idea.created_at <= space.edit_window_ms(),
            withdraw: author && idea.status.may_withdraw(),
        }
    }
}

crate::stored_as_text!(IdeaStatus, "idea status", IdeaStatus::parse);

impl std::fmt::Display for IdeaStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions() {
        use IdeaStatus::*;
        assert!(Published.can_answer_to(UnderReview));
        assert!(Published.can_answer_to(Accepted));
        assert!(UnderReview.can_answer_to(Rejected));
        assert!(Accepted.can_answer_to(InProgress));
        assert!(InProgress.can_answer_to(Implemented));
        assert!(!Published.can_answer_to(Implemented));
        assert!(!Rejected.can_answer_to(Accepted));
        assert!(!UnderReview.can_answer_to(UnderReview));
        assert!(!Withdrawn.can_answer_to(Accepted));
        for s in IdeaStatus::ALL {
            assert_eq!(IdeaStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(IdeaStatus::parse("done"), None);
    }

    #[test]
    fn fields() {
        assert_eq!(title("  Лавки  ").unwrap(), "Лавки");
        assert!(title("ab").is_err());
        assert!(title(&"я".repeat(151)).is_err());
        assert!(title(&"я".repeat(150)).is_ok());
        assert!(idea_body("  ").is_err());
        assert!(idea_body(&"x".repeat(10_001)).is_err());
        assert!(comment_body(&"x".repeat(5_000)).is_ok());
        assert_eq!(label("category", Some(" "), &[]).unwrap(), None);
        assert!(label("category", Some(&"x".repeat(61)), &[]).is_err());
        let choices = vec!["Парк".to_string()];
        assert!(label("district", Some("Центр"), &choices).is_err());
        assert_eq!(
            label("district", Some("Парк"), &choices).unwrap().as_deref(),
            Some("Парк")
        );
        assert!(location(90.5, 0.0).is_err());
        assert!(location(0.0, -180.5).is_err());
        assert!(location(f64::NAN, 0.0).is_err());
        assert!(location(-90.0, 180.0).is_ok());
        assert_eq!(Alignment::parse(Some("for")).unwrap(), Alignment::InFavour);
        assert_eq!(Alignment::parse(None).unwrap(), Alignment::Neutral);
        assert!(Alignment::parse(Some("maybe")).is_err());
    }
}
