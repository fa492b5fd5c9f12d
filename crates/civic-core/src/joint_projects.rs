//! Joint projects: what the city and residents carry out together, and the
//! accountability record of everything that came from residents. A project
//! starts from a winning contest submission, an accepted idea, a
//! participatory-budget winner or from scratch; it has milestones, progress
//! updates and volunteer tasks that close when full.

use crate::Invalid;
use serde::Serialize;

macro_rules! text_enum {
    ($name:ident, $kind:literal, $field:literal, $code:literal, $($variant:ident => $text:literal),+ $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(raw: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|s| s.as_str() == raw.trim())
            }

            pub fn from_input(raw: &str) -> Result<$name, Invalid> {
                $name::parse(raw).ok_or_else(|| {
                    let known: Vec<&str> = $name::ALL.iter().map(|s| s.as_str()).collect();
                    Invalid::new($field, $code, format!("one of {}", known.join(", ")))
                })
            }
        }

        crate::stored_as_text!($name, $kind, $name::parse);
    };
}

text_enum!(ProjectStatus, "project status", "status", "invalid_project_status",
    Planned => "planned",
    InProgress => "in_progress",
    Completed => "completed",
    Cancelled => "cancelled",
);

text_enum!(MilestoneStatus, "milestone status", "status", "invalid_milestone_status",
    Planned => "planned",
    InProgress => "in_progress",
    Done => "done",
    Delayed => "delayed",
);

text_enum!(Origin, "project origin", "origin_kind", "invalid_origin",
    Scratch => "scratch",
    Submission => "submission",
    Idea => "idea",
    BudgetProject => "budget_project",
);

/// A joint project as stored.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct JointProject {
    pub id: i64,
    pub space_id: i64,
    pub space_title: String,
    pub title: String,
    pub goal: String,
    pub department: String,
    /// In the tenant's currency (whole units), when known.
    pub budget: Option<i64>,
    pub spent: Option<i64>,
    pub starts_at: Option<i64>,
    /// Exclusive end (the midnight after the last day).
    pub ends_at: Option<i64>,
    pub location: String,
    pub status: ProjectStatus,
    pub origin_kind: Origin,
    pub origin_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// 1 when the space is a draft (only staff see the project).
    pub space_draft: i64,
    pub milestone_count: i64,
    pub milestones_done: i64,
}

impl JointProject {
    /// Progress as the share of milestones done, in whole percent (`None`
    /// without milestones).
    pub fn progress(&self) -> Option<i64> {
        (self.milestone_count > 0).then(|| self.milestones_done * 100 / self.milestone_count)
    }
}

#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Milestone {
    pub id: i64,
    pub project_id: i64,
    pub title: String,
    pub planned_at: i64,
    pub done_at: Option<i64>,
    pub status: MilestoneStatus,
}

#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct ProgressUpdate {
    pub id: i64,
    pub project_id: i64,
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct VolunteerTask {
    pub id: i64,
    pub project_id: i64,
    pub title: String,
    pub description: String,
    pub happens_at: Option<i64>,
    pub capacity: i64,
    pub taken: i64,
}

impl VolunteerTask {
    /// A full task takes no more sign-ups.
    pub fn full(&self) -> bool {
        self.taken >= self.capacity
    }
}

/// A whole, non-negative amount of money as typed ("120 000" and "120000"
/// alike); empty is none.
pub fn parse_amount(field: &'static str, raw: &str) -> Result<Option<i64>, Invalid> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    if digits.is_empty() {
        return Ok(None);
    }
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=1_000_000_000_000).contains(n))
        .map(Some)
        .ok_or_else(|| Invalid::new(field, "invalid_amount", "an amount is a whole number of hryvnias"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_origins_parse_only_their_words() {
        assert_eq!(ProjectStatus::parse("in_progress"), Some(ProjectStatus::InProgress));
        assert_eq!(
            ProjectStatus::from_input("done").unwrap_err().code,
            "invalid_project_status"
        );
        assert_eq!(MilestoneStatus::parse("delayed"), Some(MilestoneStatus::Delayed));
        assert_eq!(Origin::parse(" budget_project "), Some(Origin::BudgetProject));
        assert_eq!(Origin::from_input("petition").unwrap_err().code, "invalid_origin");
    }

    #[test]
    fn amounts_are_whole_and_not_negative() {
        assert_eq!(parse_amount("budget", "120 000").unwrap(), Some(120_000));
        assert_eq!(parse_amount("budget", " ").unwrap(), None);
        assert_eq!(parse_amount("budget", "-5").unwrap_err().code, "invalid_amount");
        assert_eq!(parse_amount("budget", "12.5").unwrap_err().code, "invalid_amount");
    }

    #[test]
    fn a_task_is_full_at_its_capacity() {
        let mut t = VolunteerTask {
            id: 1,
            project_id: 1,
            title: String::new(),
            description: String::new(),
            happens_at: None,
            capacity: 2,
            taken: 1,
        };
        assert!(!t.full());
        t.taken = 2;
        assert!(t.full());
    }
}
