//! Notifications: what a person can be told about, and how each kind is
//! mailed to them. The in-app list shows every kind; the mode only decides
//! the e-mail.

use crate::Invalid;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The city answered a followed idea, or its status changed.
    Status,
    /// A new comment on a followed idea.
    Comment,
    /// A reply to one of my comments.
    Reply,
    /// A new idea in a followed space.
    NewIdea,
    /// An idea reached its space's support threshold (to officials).
    Threshold,
    /// A reply to one of my arguments in a debate.
    DebateReply,
    /// A debate I took part in was concluded by the city.
    DebateConcluded,
    /// A followed petition moved on: published, threshold reached, sent to
    /// the council, answered; or (its author only) refused at the check.
    PetitionStatus,
    /// A followed problem report's status changed.
    ReportStatus,
    /// The service answered a followed problem report in public.
    ReportReply,
    /// To a department's staff: a problem report was handed to the
    /// department (status `assigned`), or its reporter confirmed the fix
    /// (`confirmed`) or said it did not hold (`reopened`).
    ReportDepartment,
}

/// How a kind is mailed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Immediate,
    Daily,
    /// In the weekly digest, on Mondays.
    Weekly,
    Never,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Status,
        Kind::Comment,
        Kind::Reply,
        Kind::NewIdea,
        Kind::Threshold,
        Kind::DebateReply,
        Kind::DebateConcluded,
        Kind::PetitionStatus,
        Kind::ReportStatus,
        Kind::ReportReply,
        Kind::ReportDepartment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Status => "status",
            Kind::Comment => "comment",
            Kind::Reply => "reply",
            Kind::NewIdea => "new_idea",
            Kind::Threshold => "threshold",
            Kind::DebateReply => "debate_reply",
            Kind::DebateConcluded => "debate_concluded",
            Kind::PetitionStatus => "petition_status",
            Kind::ReportStatus => "report_status",
            Kind::ReportReply => "report_reply",
            Kind::ReportDepartment => "report_department",
        }
    }

    pub fn parse(raw: &str) -> Result<Kind, Invalid> {
        Kind::ALL.into_iter().find(|k| k.as_str() == raw.trim()).ok_or_else(|| {
            Invalid::new(
                "kind",
                "invalid_kind",
                "kind is one of status, comment, reply, new_idea, threshold, debate_reply, debate_concluded, \
                 petition_status, report_status, report_reply, report_department",
            )
        })
    }

    /// What applies when a person chose nothing: what concerns them directly
    /// comes at once, the general flow once a day.
    pub fn default_mode(self) -> Mode {
        match self {
            Kind::Status
            | Kind::Reply
            | Kind::Threshold
            | Kind::DebateReply
            | Kind::DebateConcluded
            | Kind::PetitionStatus
            | Kind::ReportStatus
            | Kind::ReportReply
            | Kind::ReportDepartment => Mode::Immediate,
            Kind::Comment | Kind::NewIdea => Mode::Daily,
        }
    }
}

impl Kind {
    /// Whether a person of this role is ever sent the kind, so their
    /// settings offer it: an idea reaching its threshold goes to officials
    /// and administrators, a report's news for its department to staff
    /// (department members); everything else to anyone.
    pub fn offered_to(self, role: crate::Role) -> bool {
        use crate::user::StaffRoles;
        match self {
            Kind::Threshold => role.is_among(StaffRoles::Officials),
            Kind::ReportDepartment => role.is_among(StaffRoles::Any),
            _ => true,
        }
    }
}

impl Mode {
    /// Every mode, in the order the settings offer them.
    pub const ALL: [Mode; 4] = [Mode::Immediate, Mode::Daily, Mode::Weekly, Mode::Never];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Immediate => "immediate",
            Mode::Daily => "daily",
            Mode::Weekly => "weekly",
            Mode::Never => "never",
        }
    }

    pub fn parse(raw: &str) -> Result<Mode, Invalid> {
        match raw.trim() {
            "immediate" => Ok(Mode::Immediate),
            "daily" => Ok(Mode::Daily),
            "weekly" => Ok(Mode::Weekly),
            "never" => Ok(Mode::Never),
            _ => Err(Invalid::new(
                "mode",
                "invalid_mode",
                "mode is one of immediate, daily, weekly, never",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_modes_parse_their_names_only() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Ok(k));
        }
        assert_eq!(Kind::parse("comments").unwrap_err().code, "invalid_kind");
        assert_eq!(Mode::parse("daily"), Ok(Mode::Daily));
        assert_eq!(Mode::parse("weekly"), Ok(Mode::Weekly));
        assert_eq!(Mode::parse("hourly").unwrap_err().code, "invalid_mode");
        assert_eq!(Kind::Reply.default_mode(), Mode::Immediate);
        assert_eq!(Kind::NewIdea.default_mode(), Mode::Daily);
        assert_eq!(Kind::parse("report_reply"), Ok(Kind::ReportReply));
        assert_eq!(Kind::PetitionStatus.default_mode(), Mode::Immediate);
    }
}
