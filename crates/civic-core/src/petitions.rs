//! Local e-petitions (Law of Ukraine "On Citizens' Appeals", art. 23-1): a
//! resident drafts a petition and submits it; staff check it against the
//! statute and publish it or refuse it naming the clause it breaks; it
//! collects signatures for the period the statute sets; it succeeds when it
//! reaches the threshold in time and fails otherwise; the successful one is
//! forwarded to the council, which answers publicly within a number of
//! working days.
//!
//! This module holds the lifecycle, the tenant's rules, the text rules and
//! what a visitor may do. Deadlines in working days come from
//! [`crate::working_days::WorkingCalendar`].

use crate::working_days::{WorkingCalendar, days_overdue};
use crate::{Invalid, Problems, Role, Timestamp};
use serde::Serialize;

pub const TITLE_MIN: usize = 10;
pub const TITLE_MAX: usize = 200;
pub const BODY_MIN: usize = 50;
pub const BODY_MAX: usize = 10_000;
pub const REASON_MIN: usize = 10;
pub const ANSWER_MAX: usize = 20_000;
const DAY_MS: i64 = 86_400_000;

/// Where a petition is in its life, as stored. A collecting petition whose
/// period ended below the threshold is [`PetitionStatus::Failed`] from that
/// moment on ([`Petition::status_at`]), whether or not anything wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PetitionStatus {
    /// The author is writing it; only they see it.
    Draft,
    /// Sent for the pre-publication check.
    Submitted,
    /// Refused at the check, with the statute clause it breaks.
    Refused,
    /// Published and collecting signatures.
    Collecting,
    /// Reached the threshold in time; waits for the council.
    Succeeded,
    /// Did not reach the threshold in time.
    Failed,
    /// Sent to the council with the list of signers.
    Forwarded,
    /// The council's answer is published.
    Answered,
    /// Nothing more will happen.
    Closed,
}

impl PetitionStatus {
    pub const ALL: [PetitionStatus; 9] = [
        PetitionStatus::Draft,
        PetitionStatus::Submitted,
        PetitionStatus::Refused,
        PetitionStatus::Collecting,
        PetitionStatus::Succeeded,
        PetitionStatus::Failed,
        PetitionStatus::Forwarded,
        PetitionStatus::Answered,
        PetitionStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PetitionStatus::Draft => "draft",
            PetitionStatus::Submitted => "submitted",
            PetitionStatus::Refused => "refused",
            PetitionStatus::Collecting => "collecting",
            PetitionStatus::Succeeded => "succeeded",
            PetitionStatus::Failed => "failed",
            PetitionStatus::Forwarded => "forwarded",
            PetitionStatus::Answered => "answered",
            PetitionStatus::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Option<PetitionStatus> {
        PetitionStatus::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    /// Seen by everyone (the others only by the author and staff).
    pub fn is_public(self) -> bool {
        !matches!(
            self,
            PetitionStatus::Draft | PetitionStatus::Submitted | PetitionStatus::Refused
        )
    }

    /// The council owes an answer.
    pub fn awaits_answer(self) -> bool {
        matches!(self, PetitionStatus::Succeeded | PetitionStatus::Forwarded)
    }
}

crate::stored_as_text!(PetitionStatus, "petition status", PetitionStatus::parse);

/// The filters of the public list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PetitionFilter {
    /// Every public petition.
    All,
    Collecting,
    /// Succeeded or forwarded, the council's answer not yet published.
    AwaitingAnswer,
    /// Awaiting an answer past its deadline.
    Overdue,
    Answered,
    Failed,
}

impl PetitionFilter {
    pub const ALL: [PetitionFilter; 6] = [
        PetitionFilter::All,
        PetitionFilter::Collecting,
        PetitionFilter::AwaitingAnswer,
        PetitionFilter::Overdue,
        PetitionFilter::Answered,
        PetitionFilter::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PetitionFilter::All => "all",
            PetitionFilter::Collecting => "collecting",
            PetitionFilter::AwaitingAnswer => "awaiting_answer",
            PetitionFilter::Overdue => "overdue",
            PetitionFilter::Answered => "answered",
            PetitionFilter::Failed => "failed",
        }
    }

    /// `None` or empty is every public petition; anything unknown is refused.
    pub fn from_input(raw: Option<&str>) -> Result<PetitionFilter, Invalid> {
        match raw.map(str::trim).filter(|r| !r.is_empty()) {
            None => Ok(PetitionFilter::All),
            Some(r) => PetitionFilter::ALL
                .into_iter()
                .find(|f| f.as_str() == r)
                .ok_or_else(|| {
                    Invalid::new(
                        "status",
                        "invalid_petition_filter",
                        "status is one of all, collecting, awaiting_answer, overdue, answered, failed",
                    )
                }),
        }
    }
}

/// The council's decision on a petition it considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CouncilDecision {
    Supported,
    PartlySupported,
    NotSupported,
}

impl CouncilDecision {
    pub const ALL: [CouncilDecision; 3] = [
        CouncilDecision::Supported,
        CouncilDecision::PartlySupported,
        CouncilDecision::NotSupported,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CouncilDecision::Supported => "supported",
            CouncilDecision::PartlySupported => "partly_supported",
            CouncilDecision::NotSupported => "not_supported",
        }
    }

    pub fn parse(raw: &str) -> Option<CouncilDecision> {
        CouncilDecision::ALL.into_iter().find(|d| d.as_str() == raw.trim())
    }

    pub fn from_input(raw: &str) -> Result<CouncilDecision, Invalid> {
        CouncilDecision::parse(raw).ok_or_else(|| {
            Invalid::new(
                "decision",
                "invalid_council_decision",
                "the decision is supported, partly_supported or not_supported",
            )
        })
    }
}

crate::stored_as_text!(CouncilDecision, "council decision", CouncilDecision::parse);

/// The statute's rules for e-petitions, set by the tenant's administrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct PetitionRules {
    /// Signatures a petition needs to succeed.
    pub threshold: i64,
    /// Calendar days a published petition collects signatures.
    pub period_days: i64,
    /// Youngest age at which a person may author or sign (declared).
    pub min_age: i64,
    /// Working days staff have for the check before publication.
    pub check_days: i64,
    /// Working days the council has to answer a successful petition.
    pub answer_days: i64,
}

impl Default for PetitionRules {
    /// What a small hromada's statute commonly says.
    fn default() -> Self {
        PetitionRules {
            threshold: 250,
            period_days: 60,
            min_age: 16,
            check_days: 3,
            answer_days: 10,
        }
    }
}

impl PetitionRules {
    /// Every field within its range, each problem named.
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        let mut within = |field: &'static str, value: i64, lo: i64, hi: i64| {
            if !(lo..=hi).contains(&value) {
                p.push(Invalid::new(
                    field,
                    "petition_rule_range",
                    format!("{field} is a whole number from {lo} to {hi}"),
                ));
            }
        };
        within("threshold", self.threshold, 1, 10_000_000);
        within("period_days", self.period_days, 1, 365);
        within("min_age", self.min_age, 14, 120);
        within("check_days", self.check_days, 1, 60);
        within("answer_days", self.answer_days, 1, 60);
        p.into_result(|| ())
    }
}

/// `raw` trimmed, when its length in characters is within `min..=max`.
fn within(
    raw: &str,
    min: usize,
    max: usize,
    field: &'static str,
    code: &'static str,
    message: String,
) -> Result<String, Invalid> {
    let t = raw.trim();
    if (min..=max).contains(&t.chars().count()) {
        Ok(t.to_string())
    } else {
        Err(Invalid::new(field, code, message))
    }
}

/// The title: trimmed, [`TITLE_MIN`]–[`TITLE_MAX`] characters.
pub fn parse_title(raw: &str) -> Result<String, Invalid> {
    let message = format!("the title has {TITLE_MIN} to {TITLE_MAX} characters");
    within(raw, TITLE_MIN, TITLE_MAX, "title", "petition_title_length", message)
}

/// The text: trimmed, [`BODY_MIN`]–[`BODY_MAX`] characters (Markdown).
pub fn parse_body(raw: &str) -> Result<String, Invalid> {
    let message = format!("the text has {BODY_MIN} to {BODY_MAX} characters");
    within(raw, BODY_MIN, BODY_MAX, "body", "petition_body_length", message)
}

/// A reason or answer: trimmed, at least [`REASON_MIN`] characters.
pub fn parse_reason(field: &'static str, raw: &str) -> Result<String, Invalid> {
    let message = format!("write at least {REASON_MIN} characters (at most {ANSWER_MAX})");
    within(raw, REASON_MIN, ANSWER_MAX, field, "petition_reason_length", message)
}

/// A petition as stored.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Petition {
    pub id: i64,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub title: String,
    pub body: String,
    pub status: PetitionStatus,
    /// The threshold and period in force when it was published.
    pub threshold: i64,
    pub signature_count: i64,
    pub created_at: i64,
    pub submitted_at: Option<i64>,
    /// End of the pre-publication check (unix ms), from submission.
    pub check_due_at: Option<i64>,
    pub published_at: Option<i64>,
    /// End of the signature collection (unix ms).
    pub collect_until: Option<i64>,
    pub refused_at: Option<i64>,
    pub refusal_reason: Option<String>,
    pub succeeded_at: Option<i64>,
    /// The council's deadline (unix ms), from success.
    pub answer_due_at: Option<i64>,
    pub forwarded_at: Option<i64>,
    pub answered_at: Option<i64>,
    pub answer: Option<String>,
    pub decision: Option<CouncilDecision>,
    pub closed_at: Option<i64>,
}

impl Petition {
    /// The status at `now`: a collecting petition past its period below the
    /// threshold has failed.
    pub fn status_at(&self, now: Timestamp) -> PetitionStatus {
        match (self.status, self.collect_until) {
            (PetitionStatus::Collecting, Some(end)) if now.0 > end => PetitionStatus::Failed,
            (s, _) => s,
        }
    }

    /// Signatures are taken now.
    pub fn collecting_at(&self, now: Timestamp) -> bool {
        self.status_at(now) == PetitionStatus::Collecting
    }

    /// When it failed: the end of its period.
    pub fn failed_at(&self, now: Timestamp) -> Option<i64> {
        (self.status_at(now) == PetitionStatus::Failed)
            .then_some(self.collect_until)
            .flatten()
    }

    /// Whole days left to sign, counting today (0 once collection ended).
    pub fn days_left(&self, now: Timestamp) -> i64 {
        match self.collect_until {
            Some(end) if self.collecting_at(now) => (end - now.0).div_euclid(DAY_MS) + 1,
            _ => 0,
        }
    }

    /// Days the council's answer is late by, 0 when it is not.
    pub fn answer_overdue_days(&self, now: Timestamp) -> i64 {
        match self.answer_due_at {
            Some(due) if self.status.awaits_answer() => days_overdue(due, now.0),
            _ => 0,
        }
    }

    /// Days the pre-publication check is late by, 0 when it is not.
    pub fn check_overdue_days(&self, now: Timestamp) -> i64 {
        match self.check_due_at {
            Some(due) if self.status == PetitionStatus::Submitted => days_overdue(due, now.0),
            _ => 0,
        }
    }

    /// The share of the threshold reached, 0–100.
    pub fn percent(&self) -> i64 {
        if self.threshold <= 0 {
            return 100;
        }
        (self.signature_count.saturating_mul(100) / self.threshold).clamp(0, 100)
    }

    /// Who may see it: public ones everyone, the others their author and staff.
    pub fn visible_to(&self, viewer: Option<(i64, Role)>) -> bool {
        self.status.is_public() || viewer.is_some_and(|(id, role)| may_manage(role) || self.author_id == Some(id))
    }
}

/// Officials and administrators check, forward and answer petitions.
pub fn may_manage(role: Role) -> bool {
    matches!(role, Role::Official | Role::Admin)
}

/// What may happen next, for the page's buttons and the use cases' checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PetitionActions {
    pub edit: bool,
    pub submit: bool,
    pub sign: bool,
    pub review: bool,
    pub forward: bool,
    pub answer: bool,
    pub close: bool,
}

impl PetitionActions {
    pub fn of(p: &Petition, viewer: Option<(i64, Role)>, now: Timestamp) -> PetitionActions {
        let status = p.status_at(now);
        let author = viewer.is_some_and(|(id, _)| p.author_id == Some(id));
        let staff = viewer.is_some_and(|(_, role)| may_manage(role));
        PetitionActions {
            edit: author && status == PetitionStatus::Draft,
            submit: author && status == PetitionStatus::Draft,
            sign: status == PetitionStatus::Collecting,
            review: staff && status == PetitionStatus::Submitted,
            forward: staff && status == PetitionStatus::Succeeded,
            answer: staff && status.awaits_answer(),
            close: staff
                && matches!(
                    status,
                    PetitionStatus::Answered | PetitionStatus::Failed | PetitionStatus::Refused
                ),
        }
    }
}

/// The deadline of the pre-publication check for a petition submitted at `at`.
pub fn check_due(rules: &PetitionRules, calendar: &WorkingCalendar, at: Timestamp) -> i64 {
    calendar.deadline_after(at.0, rules.check_days as u32)
}

/// The end of collection for a petition published at `at`: the last moment
/// of the `period_days`-th day after publication.
pub fn collect_until(rules: &PetitionRules, at: Timestamp) -> i64 {
    crate::working_days::end_of_day(crate::working_days::day_of(at.0) + rules.period_days)
}

/// The council's deadline for a petition that succeeded at `at`.
pub fn answer_due(rules: &PetitionRules, calendar: &WorkingCalendar, at: Timestamp) -> i64 {
    calendar.deadline_after(at.0, rules.answer_days as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn petition(status: PetitionStatus) -> Petition {
        Petition {
            id: 1,
            author_id: Some(7),
            author_name: None,
            title: "A title long enough".into(),
            body: String::new(),
            status,
            threshold: 200,
            signature_count: 50,
            created_at: 0,
            submitted_at: None,
            check_due_at: None,
            published_at: Some(0),
            collect_until: Some(10 * DAY_MS),
            refused_at: None,
            refusal_reason: None,
            succeeded_at: None,
            answer_due_at: None,
            forwarded_at: None,
            answered_at: None,
            answer: None,
            decision: None,
            closed_at: None,
        }
    }

    #[test]
    fn a_collecting_petition_fails_when_its_period_ends() {
        let p = petition(PetitionStatus::Collecting);
        assert_eq!(p.status_at(Timestamp(10 * DAY_MS)), PetitionStatus::Collecting);
        assert_eq!(p.status_at(Timestamp(10 * DAY_MS + 1)), PetitionStatus::Failed);
        assert_eq!(p.days_left(Timestamp(0)), 11);
        assert_eq!(p.days_left(Timestamp(10 * DAY_MS + 1)), 0);
        assert_eq!(p.percent(), 25);
    }

    #[test]
    fn only_the_author_sees_a_draft_and_only_staff_review() {
        let p = petition(PetitionStatus::Draft);
        assert!(p.visible_to(Some((7, Role::Citizen))));
        assert!(!p.visible_to(Some((8, Role::Citizen))));
        assert!(!p.visible_to(None));
        assert!(p.visible_to(Some((8, Role::Official))));
        let now = Timestamp(0);
        assert!(PetitionActions::of(&p, Some((7, Role::Citizen)), now).submit);
        let s = petition(PetitionStatus::Submitted);
        assert!(!PetitionActions::of(&s, Some((7, Role::Citizen)), now).review);
        assert!(PetitionActions::of(&s, Some((8, Role::Official)), now).review);
        assert!(!PetitionActions::of(&s, Some((8, Role::Moderator)), now).review);
    }

    #[test]
    fn overdue_answers_count_days() {
        let mut p = petition(PetitionStatus::Forwarded);
        p.answer_due_at = Some(5 * DAY_MS - 1);
        assert_eq!(p.answer_overdue_days(Timestamp(5 * DAY_MS - 1)), 0);
        assert_eq!(p.answer_overdue_days(Timestamp(7 * DAY_MS)), 3);
        p.status = PetitionStatus::Answered;
        assert_eq!(p.answer_overdue_days(Timestamp(7 * DAY_MS)), 0);
    }

    #[test]
    fn rules_out_of_range_are_named() {
        let bad = PetitionRules {
            threshold: 0,
            period_days: 400,
            ..PetitionRules::default()
        };
        let problems = bad.check().unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["threshold", "period_days"]);
        assert!(PetitionRules::default().check().is_ok());
    }

    #[test]
    fn texts_and_filters_are_checked() {
        assert!(parse_title("short").is_err());
        assert!(parse_body(&"x".repeat(BODY_MAX + 1)).is_err());
        assert_eq!(PetitionFilter::from_input(Some("")).unwrap(), PetitionFilter::All);
        assert!(PetitionFilter::from_input(Some("draft")).is_err());
    }
}
