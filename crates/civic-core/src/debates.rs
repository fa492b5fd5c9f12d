//! Debates: a question of a space that residents argue for or against in
//! short arguments, reply to, mark as convincing and take a stance on; the
//! city closes it with a conclusion naming the arguments it took into
//! account.
//!
//! This module holds the sides and stances, the argument text rule, who may
//! do what, the order of arguments and the balance of stances over time.

use crate::user::StaffRoles;
use crate::{Invalid, Role, Timestamp};
use serde::Serialize;

/// The longest argument, in characters: an argument is a point, not an essay.
pub const ARGUMENT_MAX: usize = 1000;

/// The side an argument argues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DebateSide {
    For,
    Against,
}

impl DebateSide {
    pub const ALL: [DebateSide; 2] = [DebateSide::For, DebateSide::Against];

    pub fn as_str(self) -> &'static str {
        match self {
            DebateSide::For => "for",
            DebateSide::Against => "against",
        }
    }

    pub fn parse(raw: &str) -> Option<DebateSide> {
        DebateSide::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    /// The side as a person sends it: anything but `for` or `against` is refused.
    pub fn from_input(raw: &str) -> Result<DebateSide, Invalid> {
        DebateSide::parse(raw).ok_or_else(|| Invalid::new("side", "invalid_side", "the side is for or against"))
    }
}

crate::stored_as_text!(DebateSide, "debate side", DebateSide::parse);

/// Where a person stands on the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    For,
    Against,
    Undecided,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::For, Stance::Against, Stance::Undecided];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::For => "for",
            Stance::Against => "against",
            Stance::Undecided => "undecided",
        }
    }

    pub fn parse(raw: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    pub fn from_input(raw: &str) -> Result<Stance, Invalid> {
        Stance::parse(raw)
            .ok_or_else(|| Invalid::new("stance", "invalid_stance", "the stance is for, against or undecided"))
    }
}

crate::stored_as_text!(Stance, "stance", Stance::parse);

/// The text of an argument: trimmed, not empty, at most
/// [`ARGUMENT_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgumentBody(String);

impl ArgumentBody {
    pub fn parse(raw: &str) -> Result<ArgumentBody, Invalid> {
        let t = raw.trim();
        if t.is_empty() {
            return Err(Invalid::new("body", "argument_empty", "write the argument"));
        }
        if t.chars().count() > ARGUMENT_MAX {
            return Err(Invalid::new(
                "body",
                "argument_too_long",
                format!("an argument has at most {ARGUMENT_MAX} characters"),
            ));
        }
        Ok(ArgumentBody(t.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A debate as stored.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Debate {
    pub id: i64,
    pub space_id: i64,
    pub question: String,
    pub description: String,
    pub moderator_id: Option<i64>,
    pub moderator_name: Option<String>,
    /// Arguments are taken from this moment (unix ms), when set.
    pub opens_at: Option<i64>,
    /// Arguments are taken until this moment (unix ms), when set.
    pub closes_at: Option<i64>,
    /// The city's conclusion, once concluded.
    pub conclusion: Option<String>,
    pub concluded_at: Option<i64>,
    pub created_at: i64,
    /// 1 when the space is a draft (only staff see the debate).
    pub space_draft: i64,
    pub argument_count: i64,
}

impl Debate {
    pub fn concluded(&self) -> bool {
        self.concluded_at.is_some()
    }

    /// Arguments, replies, convincing marks and stances are taken now: not
    /// concluded and within the debate's time window.
    pub fn open_at(&self, now: Timestamp) -> bool {
        !self.concluded()
            && self.opens_at.is_none_or(|start| start <= now.0)
            && self.closes_at.is_none_or(|end| now.0 < end)
    }

    /// Why the debate takes nothing now, as a code and a message; `None`
    /// when it is open.
    pub fn closed_reason(&self, now: Timestamp) -> Option<(&'static str, &'static str)> {
        if self.concluded() {
            Some((
                "debate_concluded",
                "this debate is concluded and takes no more contributions",
            ))
        } else if !self.open_at(now) {
            Some(("debate_closed", "this debate does not take contributions now"))
        } else {
            None
        }
    }
}

/// An argument (or a reply to one) as stored, with its convincing marks.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Argument {
    pub id: i64,
    pub debate_id: i64,
    /// The argument this one replies to.
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub side: DebateSide,
    pub body: String,
    pub convincing: i64,
    /// 1 when the conclusion took it into account.
    pub cited: i64,
    pub created_at: i64,
    /// Hidden or held by the moderators (`None`: shown to everyone).
    pub moderation: Option<crate::moderation::ModerationState>,
    /// The moderators' public reason, when they gave one.
    pub moderation_reason: Option<String>,
}

/// Officials and administrators set up debates, conclude them and export
/// their contributions: they answer for the city.
pub fn may_manage(role: Role) -> bool {
    role.is_among(StaffRoles::Officials)
}

/// How arguments are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgumentOrder {
    /// Most convincing first; ties: the earlier first.
    Strongest,
    Newest,
}

impl ArgumentOrder {
    pub fn parse(raw: Option<&str>) -> ArgumentOrder {
        match raw.map(str::trim) {
            Some("newest") => ArgumentOrder::Newest,
            _ => ArgumentOrder::Strongest,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ArgumentOrder::Strongest => "strongest",
            ArgumentOrder::Newest => "newest",
        }
    }

    pub fn sort(self, arguments: &mut [Argument]) {
        match self {
            ArgumentOrder::Strongest => arguments.sort_by(|a, b| b.convincing.cmp(&a.convincing).then(a.id.cmp(&b.id))),
            ArgumentOrder::Newest => arguments.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id))),
        }
    }
}

/// How many people stand where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Balance {
    #[serde(rename = "for")]
    pub for_: i64,
    pub against: i64,
    pub undecided: i64,
}

impl Balance {
    pub fn add(&mut self, stance: Stance, n: i64) {
        match stance {
            Stance::For => self.for_ += n,
            Stance::Against => self.against += n,
            Stance::Undecided => self.undecided += n,
        }
    }

    pub fn total(&self) -> i64 {
        self.for_ + self.against + self.undecided
    }

    /// The share of a stance in whole percent (0 when nobody stated one).
    pub fn percent(&self, stance: Stance) -> i64 {
        let n = match stance {
            Stance::For => self.for_,
            Stance::Against => self.against,
            Stance::Undecided => self.undecided,
        };
        if self.total() == 0 {
            0
        } else {
            (n * 100 + self.total() / 2) / self.total()
        }
    }
}

/// One stance as stated at a moment: (person, stance, unix ms).
pub type StanceEvent = (i64, Stance, i64);

const DAY_MS: i64 = 86_400_000;

/// The balance at the end of each day (UTC) on which someone stated or
/// changed a stance, oldest first: each person counted once, by the last
/// stance they had stated by then. `events` in any order.
pub fn balance_by_day(events: &[StanceEvent]) -> Vec<(i64, Balance)> {
    let mut sorted: Vec<StanceEvent> = events.to_vec();
    sorted.sort_by_key(|e| e.2);
    let mut current: std::collections::BTreeMap<i64, Stance> = std::collections::BTreeMap::new();
    let mut days: Vec<(i64, Balance)> = Vec::new();
    for (person, stance, at) in sorted {
        let day = at.div_euclid(DAY_MS) * DAY_MS;
        current.insert(person, stance);
        let mut balance = Balance::default();
        for s in current.values() {
            balance.add(*s, 1);
        }
        match days.last_mut() {
            Some((d, b)) if *d == day => *b = balance,
            _ => days.push((day, balance)),
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_and_stances_parse_only_their_words() {
        assert_eq!(DebateSide::parse("for"), Some(DebateSide::For));
        assert_eq!(DebateSide::parse(" against "), Some(DebateSide::Against));
        assert_eq!(DebateSide::parse("undecided"), None);
        assert_eq!(DebateSide::from_input("maybe").unwrap_err().code, "invalid_side");
        assert_eq!(Stance::parse("undecided"), Some(Stance::Undecided));
        assert_eq!(Stance::from_input("FOR").unwrap_err().code, "invalid_stance");
    }

    #[test]
    fn an_argument_is_short_and_not_empty() {
        assert_eq!(ArgumentBody::parse("  ").unwrap_err().code, "argument_empty");
        assert_eq!(ArgumentBody::parse(" Тихіше. ").unwrap().as_str(), "Тихіше.");
        let longest = "ї".repeat(ARGUMENT_MAX);
        assert!(ArgumentBody::parse(&longest).is_ok());
        let over = "ї".repeat(ARGUMENT_MAX + 1);
        assert_eq!(ArgumentBody::parse(&over).unwrap_err().code, "argument_too_long");
    }

    fn debate(concluded_at: Option<i64>, opens_at: Option<i64>, closes_at: Option<i64>) -> Debate {
        Debate {
            id: 1,
            space_id: 1,
            question: "?".into(),
            description: String::new(),
            moderator_id: None,
            moderator_name: None,
            opens_at,
            closes_at,
            conclusion: None,
            concluded_at,
            created_at: 0,
            space_draft: 0,
            argument_count: 0,
        }
    }

    #[test]
    fn a_debate_is_open_within_its_window_until_concluded() {
        let now = Timestamp(1_000);
        assert!(debate(None, None, None).open_at(now));
        assert!(debate(None, Some(1_000), Some(1_001)).open_at(now));
        assert!(!debate(None, Some(1_001), None).open_at(now));
        assert!(!debate(None, None, Some(1_000)).open_at(now));
        let concluded = debate(Some(900), None, None);
        assert!(!concluded.open_at(now));
        assert_eq!(concluded.closed_reason(now).unwrap().0, "debate_concluded");
        assert_eq!(
            debate(None, None, Some(5)).closed_reason(now).unwrap().0,
            "debate_closed"
        );
    }

    #[test]
    fn only_officials_manage_debates() {
        assert!(may_manage(Role::Official));
        assert!(may_manage(Role::Admin));
        assert!(!may_manage(Role::Moderator));
        assert!(!may_manage(Role::Citizen));
    }

    fn argument(id: i64, convincing: i64, created_at: i64) -> Argument {
        Argument {
            id,
            debate_id: 1,
            parent_id: None,
            author_id: None,
            author_name: None,
            side: DebateSide::For,
            body: String::new(),
            convincing,
            cited: 0,
            created_at,
            moderation: None,
            moderation_reason: None,
        }
    }

    #[test]
    fn strongest_first_or_newest_first() {
        let mut list = vec![
            argument(1, 0, 10),
            argument(2, 3, 20),
            argument(3, 3, 30),
            argument(4, 1, 40),
        ];
        ArgumentOrder::Strongest.sort(&mut list);
        assert_eq!(list.iter().map(|a| a.id).collect::<Vec<_>>(), [2, 3, 4, 1]);
        ArgumentOrder::parse(Some("newest")).sort(&mut list);
        assert_eq!(list.iter().map(|a| a.id).collect::<Vec<_>>(), [4, 3, 2, 1]);
        assert_eq!(ArgumentOrder::parse(Some("bogus")), ArgumentOrder::Strongest);
    }

    #[test]
    fn the_balance_counts_each_person_once_by_their_latest_stance_per_day() {
        let day = DAY_MS;
        let events = [
            (1, Stance::For, 10),
            (2, Stance::Against, 20),
            (1, Stance::Against, day + 5),
            (3, Stance::Undecided, day + 6),
            (3, Stance::For, 2 * day + 1),
        ];
        let days = balance_by_day(&events);
        assert_eq!(days.len(), 3);
        assert_eq!(
            days[0],
            (
                0,
                Balance {
                    for_: 1,
                    against: 1,
                    undecided: 0
                }
            )
        );
        assert_eq!(
            days[1],
            (
                day,
                Balance {
                    for_: 0,
                    against: 2,
                    undecided: 1
                }
            )
        );
        assert_eq!(
            days[2].1,
            Balance {
                for_: 1,
                against: 2,
                undecided: 0
            }
        );
        assert_eq!(days[2].1.percent(Stance::Against), 67);
        assert_eq!(Balance::default().percent(Stance::For), 0);
        assert!(balance_by_day(&[]).is_empty());
    }
}
