//! Contests of creative solutions: the city puts a challenge to a space,
//! residents submit solutions, the public may vote and a jury scores them
//! on weighted criteria; the city announces winners with its reasons.
//!
//! This module holds the phases and their order (dates decide them, the
//! server enforces them), the criteria and their weights, the score range,
//! the ranking (the weighted average of the jurors' scores, ties shown),
//! the awards and who may do what.

use crate::user::StaffRoles;
use crate::{Invalid, Role, Timestamp};
use serde::Serialize;

/// The lowest and highest score a juror gives on a criterion.
pub const SCORE_MIN: i64 = 0;
pub const SCORE_MAX: i64 = 10;
/// At most this many criteria.
pub const CRITERIA_MAX: usize = 10;

/// Where a contest stands. The dates decide it (in this order), except the
/// announcement, which the city makes once the jury phase has ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Before submissions open.
    Upcoming,
    /// Residents submit solutions.
    Submissions,
    /// The public votes (only when the contest has a public vote).
    Vote,
    /// Jurors declare conflicts and score.
    Jury,
    /// The jury phase has ended; the city has not announced the winners yet.
    Deciding,
    /// Winners announced.
    Announced,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Upcoming,
        Phase::Submissions,
        Phase::Vote,
        Phase::Jury,
        Phase::Deciding,
        Phase::Announced,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Upcoming => "upcoming",
            Phase::Submissions => "submissions",
            Phase::Vote => "vote",
            Phase::Jury => "jury",
            Phase::Deciding => "deciding",
            Phase::Announced => "announced",
        }
    }

    /// Submissions are public (listed to everyone) once their phase is over.
    pub fn submissions_public(self) -> bool {
        !matches!(self, Phase::Upcoming | Phase::Submissions)
    }

    /// Jurors see each other's scores, and staff the ranking, once the
    /// jury phase is over.
    pub fn jury_closed(self) -> bool {
        matches!(self, Phase::Deciding | Phase::Announced)
    }
}

/// A contest as stored.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Contest {
    pub id: i64,
    pub space_id: i64,
    pub title: String,
    pub brief: String,
    pub rules: String,
    pub eligibility: String,
    pub prizes: String,
    /// 1 when the public votes between submissions and the jury.
    pub public_vote: i64,
    pub opens_at: i64,
    /// Submissions are taken until this moment (exclusive).
    pub submissions_end: i64,
    /// The public vote runs until this moment (exclusive), when there is one.
    pub vote_end: Option<i64>,
    /// The jury scores until this moment (exclusive).
    pub jury_end: i64,
    pub announced_at: Option<i64>,
    /// The city's words with the announcement.
    pub announcement: Option<String>,
    pub created_at: i64,
    /// 1 when the space is a draft (only staff see the contest).
    pub space_draft: i64,
    pub submission_count: i64,
}

impl Contest {
    pub fn has_public_vote(&self) -> bool {
        self.public_vote != 0
    }

    /// The end of the public vote, or of submissions when there is none:
    /// the jury phase starts here.
    pub fn jury_start(&self) -> i64 {
        if self.has_public_vote() {
            self.vote_end.unwrap_or(self.submissions_end)
        } else {
            self.submissions_end
        }
    }

    pub fn phase_at(&self, now: Timestamp) -> Phase {
        let now = now.0;
        if self.announced_at.is_some() {
            Phase::Announced
        } else if now < self.opens_at {
            Phase::Upcoming
        } else if now < self.submissions_end {
            Phase::Submissions
        } else if now < self.jury_start() {
            Phase::Vote
        } else if now < self.jury_end {
            Phase::Jury
        } else {
            Phase::Deciding
        }
    }

    /// A 409 (code, message) when the contest is not in `phase` now.
    pub fn require(&self, phase: Phase, now: Timestamp) -> Result<(), (&'static str, &'static str)> {
        if self.phase_at(now) == phase {
            return Ok(());
        }
        Err(match phase {
            Phase::Submissions => (
                "contest_not_taking_submissions",
                "this contest does not take submissions now",
            ),
            Phase::Vote => ("contest_not_voting", "the public vote of this contest is not open now"),
            Phase::Jury => ("contest_not_in_jury", "the jury of this contest does not score now"),
            Phase::Deciding => (
                "contest_not_deciding",
                "winners are announced once the jury phase has ended, and only once",
            ),
            Phase::Upcoming | Phase::Announced => ("contest_phase", "this contest is not in that phase"),
        })
    }
}

/// The dates of a contest's phases (unix ms; ends exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub opens_at: i64,
    pub submissions_end: i64,
    pub vote_end: Option<i64>,
    pub jury_end: i64,
}

impl Schedule {
    /// Checks the phases follow each other: opening, end of submissions,
    /// end of the public vote (when there is one), end of the jury.
    pub fn check(self, public_vote: bool) -> Result<Schedule, Invalid> {
        let out_of_order = || {
            Invalid::new(
                "phases",
                "phases_out_of_order",
                "the phases follow each other: submissions open, close, the public vote ends, the jury ends",
            )
        };
        if self.submissions_end <= self.opens_at {
            return Err(out_of_order().at("submissions_close_on"));
        }
        match (public_vote, self.vote_end) {
            (true, None) => {
                return Err(Invalid::new(
                    "vote_close_on",
                    "vote_end_missing",
                    "a contest with a public vote needs the last day of the vote",
                ));
            }
            (true, Some(v)) if v <= self.submissions_end || v >= self.jury_end => {
                return Err(out_of_order().at("vote_close_on"));
            }
            _ => {}
        }
        if self.jury_end <= self.submissions_end {
            return Err(out_of_order().at("jury_close_on"));
        }
        Ok(Schedule {
            vote_end: if public_vote { self.vote_end } else { None },
            ..self
        })
    }
}

/// A criterion the jury scores on, with its weight in percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Criterion {
    /// 1, 2, …: the order shown.
    pub position: i64,
    pub name: String,
    pub weight: i64,
}

/// Criteria as given (name, weight): 1 to [`CRITERIA_MAX`], names of 2 to
/// 100 characters, distinct, weights whole percentages that sum to 100.
pub fn parse_criteria(given: &[(String, i64)]) -> Result<Vec<Criterion>, Invalid> {
    let bad = |code: &'static str, message: &str| Invalid::new("criteria", code, message.to_string());
    if given.is_empty() || given.len() > CRITERIA_MAX {
        return Err(bad("invalid_criteria", "a contest has 1 to 10 criteria"));
    }
    let mut out: Vec<Criterion> = Vec::new();
    for (i, (name, weight)) in given.iter().enumerate() {
        let name = name.trim();
        if !(2..=100).contains(&name.chars().count()) {
            return Err(bad(
                "invalid_criteria",
                "each criterion has a name of 2 to 100 characters",
            ));
        }
        if out.iter().any(|c| c.name.to_lowercase() == name.to_lowercase()) {
            return Err(bad("invalid_criteria", "each criterion has its own name"));
        }
        if !(1..=100).contains(weight) {
            return Err(bad(
                "invalid_weights",
                "the weights are whole percentages that sum to 100",
            ));
        }
        out.push(Criterion {
            position: i as i64 + 1,
            name: name.to_string(),
            weight: *weight,
        });
    }
    if out.iter().map(|c| c.weight).sum::<i64>() != 100 {
        return Err(bad(
            "invalid_weights",
            "the weights are whole percentages that sum to 100",
        ));
    }
    Ok(out)
}

/// Criteria written one per line as `name | weight`.
pub fn parse_criteria_lines(raw: &str) -> Result<Vec<Criterion>, Invalid> {
    let mut given = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (name, weight) = line.rsplit_once('|').ok_or_else(|| {
            Invalid::new(
                "criteria",
                "invalid_criteria",
                "write each criterion on its own line as: name | weight",
            )
        })?;
        let weight = weight.trim().trim_end_matches('%').trim().parse::<i64>().map_err(|_| {
            Invalid::new(
                "criteria",
                "invalid_weights",
                "the weights are whole percentages that sum to 100",
            )
        })?;
        given.push((name.to_string(), weight));
    }
    parse_criteria(&given)
}

/// A score as a juror gives it: within [`SCORE_MIN`]..=[`SCORE_MAX`].
pub fn check_score(score: i64) -> Result<i64, Invalid> {
    if (SCORE_MIN..=SCORE_MAX).contains(&score) {
        Ok(score)
    } else {
        Err(Invalid::new(
            "scores",
            "score_out_of_range",
            "a score is a whole number from 0 to 10",
        ))
    }
}

/// What a submission received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Award {
    Winner,
    Mention,
}

impl Award {
    pub const ALL: [Award; 2] = [Award::Winner, Award::Mention];

    pub fn as_str(self) -> &'static str {
        match self {
            Award::Winner => "winner",
            Award::Mention => "mention",
        }
    }

    pub fn parse(raw: &str) -> Option<Award> {
        Award::ALL.into_iter().find(|a| a.as_str() == raw.trim())
    }
}

crate::stored_as_text!(Award, "award", Award::parse);

/// A submission as stored.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Submission {
    pub id: i64,
    pub contest_id: i64,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub title: String,
    pub description: String,
    pub award: Option<Award>,
    pub award_reason: Option<String>,
    pub created_at: i64,
    /// Public votes it has.
    pub votes: i64,
}

/// One score: (submission, juror, criterion position, score).
pub type Score = (i64, i64, i64, i64);

/// A submission's place in the ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub submission_id: i64,
    /// 1 for the best; equal totals share a rank (1, 1, 3); `None` when no
    /// juror scored it.
    pub rank: Option<usize>,
    /// Another submission has the same total.
    pub tied: bool,
    /// The weighted average, 0 to 10, of the criteria it was scored on.
    pub total: Option<f64>,
    /// The jurors' average on each criterion, in the criteria's order.
    pub by_criterion: Vec<Option<f64>>,
    /// How many jurors scored it.
    pub jurors: usize,
}

/// The totals are compared in thousandths, so that sums of fractions that
/// are equal tie.
fn key(total: f64) -> i64 {
    (total * 1000.0).round() as i64
}

/// Ranks `submissions` by the weighted average of the jurors' scores: on
/// each criterion the average of the jurors who scored it, weighted by the
/// criterion's weight (criteria nobody scored leave the weighting). Best
/// first; unscored ones last, in the order given.
pub fn rank(submissions: &[i64], criteria: &[Criterion], scores: &[Score]) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = submissions
        .iter()
        .map(|&s| {
            let mine: Vec<&Score> = scores.iter().filter(|x| x.0 == s).collect();
            let by_criterion: Vec<Option<f64>> = criteria
                .iter()
                .map(|c| {
                    let given: Vec<i64> = mine.iter().filter(|x| x.2 == c.position).map(|x| x.3).collect();
                    (!given.is_empty()).then(|| given.iter().sum::<i64>() as f64 / given.len() as f64)
                })
                .collect();
            let (sum, weights) = criteria
                .iter()
                .zip(&by_criterion)
                .fold((0.0, 0), |(sum, w), (c, avg)| match avg {
                    Some(a) => (sum + a * c.weight as f64, w + c.weight),
                    None => (sum, w),
                });
            let mut jurors: Vec<i64> = mine.iter().map(|x| x.1).collect();
            jurors.sort_unstable();
            jurors.dedup();
            Ranked {
                submission_id: s,
                rank: None,
                tied: false,
                total: (weights > 0).then(|| sum / weights as f64),
                by_criterion,
                jurors: jurors.len(),
            }
        })
        .collect();
    out.sort_by(|a, b| match (a.total, b.total) {
        (Some(x), Some(y)) => key(y).cmp(&key(x)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let keys: Vec<Option<i64>> = out.iter().map(|r| r.total.map(key)).collect();
    for i in 0..out.len() {
        let Some(k) = keys[i] else { continue };
        let first = keys.iter().position(|x| *x == Some(k)).unwrap_or(i);
        out[i].rank = Some(first + 1);
        out[i].tied = keys.iter().filter(|x| **x == Some(k)).count() > 1;
    }
    out
}

/// Officials and administrators set contests up, appoint jurors and
/// announce winners: they answer for the city.
pub fn may_manage(role: Role) -> bool {
    role.is_among(StaffRoles::Officials)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    fn contest(public_vote: bool, announced: bool) -> Contest {
        Contest {
            id: 1,
            space_id: 1,
            title: "Логотип".into(),
            brief: String::new(),
            rules: String::new(),
            eligibility: String::new(),
            prizes: String::new(),
            public_vote: public_vote as i64,
            opens_at: 10 * DAY,
            submissions_end: 20 * DAY,
            vote_end: public_vote.then_some(25 * DAY),
            jury_end: 30 * DAY,
            announced_at: announced.then_some(31 * DAY),
            announcement: None,
            created_at: 0,
            space_draft: 0,
            submission_count: 0,
        }
    }

    #[test]
    fn the_dates_decide_the_phase() {
        let c = contest(true, false);
        let at = |d: i64| c.phase_at(Timestamp(d * DAY));
        assert_eq!(at(5), Phase::Upcoming);
        assert_eq!(at(10), Phase::Submissions);
        assert_eq!(at(20), Phase::Vote);
        assert_eq!(at(25), Phase::Jury);
        assert_eq!(at(30), Phase::Deciding);
        let no_vote = contest(false, false);
        assert_eq!(no_vote.phase_at(Timestamp(21 * DAY)), Phase::Jury);
        assert_eq!(contest(false, true).phase_at(Timestamp(0)), Phase::Announced);
        assert_eq!(
            c.require(Phase::Vote, Timestamp(12 * DAY)).unwrap_err().0,
            "contest_not_voting"
        );
        assert!(Phase::Vote.submissions_public() && !Phase::Submissions.submissions_public());
        assert!(Phase::Deciding.jury_closed() && !Phase::Jury.jury_closed());
    }

    #[test]
    fn a_schedule_runs_forward() {
        let s = Schedule {
            opens_at: 1,
            submissions_end: 5,
            vote_end: Some(7),
            jury_end: 9,
        };
        assert!(s.check(true).is_ok());
        assert_eq!(s.check(false).unwrap().vote_end, None);
        assert_eq!(
            Schedule { vote_end: None, ..s }.check(true).unwrap_err().code,
            "vote_end_missing"
        );
        assert_eq!(
            Schedule { vote_end: Some(9), ..s }.check(true).unwrap_err().field,
            "vote_close_on"
        );
        assert_eq!(
            Schedule {
                submissions_end: 1,
                ..s
            }
            .check(false)
            .unwrap_err()
            .code,
            "phases_out_of_order"
        );
    }

    #[test]
    fn criteria_weigh_a_hundred_in_all() {
        let ok = parse_criteria_lines("Оригінальність | 30\nЗдійсненність | 40%\nВартість|30").unwrap();
        assert_eq!(ok.len(), 3);
        assert_eq!((ok[1].position, ok[1].weight), (2, 40));
        assert_eq!(
            parse_criteria_lines("Аа | 50\nБб | 40").unwrap_err().code,
            "invalid_weights"
        );
        assert_eq!(
            parse_criteria_lines("Одне без ваги").unwrap_err().code,
            "invalid_criteria"
        );
        assert_eq!(parse_criteria_lines("").unwrap_err().code, "invalid_criteria");
        assert_eq!(
            parse_criteria_lines("Аа | 50\nаа | 50").unwrap_err().code,
            "invalid_criteria"
        );
        assert_eq!(
            parse_criteria_lines("Аа | 0\nББ | 100").unwrap_err().code,
            "invalid_weights"
        );
        assert_eq!(check_score(11).unwrap_err().code, "score_out_of_range");
        assert!(check_score(0).is_ok() && check_score(10).is_ok() && check_score(-1).is_err());
    }

    #[test]
    fn the_ranking_is_the_weighted_average_with_ties_shown() {
        let criteria = parse_criteria(&[("A".repeat(2), 60), ("B".repeat(2), 40)]).unwrap();
        // Submission 1: A 8 and 6 (avg 7), B 10 → 0.6·7 + 0.4·10 = 8.2
        // Submission 2: A 9, B 7 → 5.4 + 2.8 = 8.2 (a tie)
        // Submission 3: A 5, B 5 → 5; submission 4: unscored.
        let scores = [
            (1, 100, 1, 8),
            (1, 101, 1, 6),
            (1, 100, 2, 10),
            (2, 100, 1, 9),
            (2, 100, 2, 7),
            (3, 101, 1, 5),
            (3, 101, 2, 5),
        ];
        let r = rank(&[4, 3, 2, 1], &criteria, &scores);
        let order: Vec<(i64, Option<usize>, bool)> = r.iter().map(|x| (x.submission_id, x.rank, x.tied)).collect();
        assert_eq!(
            order,
            [
                (2, Some(1), true),
                (1, Some(1), true),
                (3, Some(3), false),
                (4, None, false)
            ]
        );
        let first = r.iter().find(|x| x.submission_id == 1).unwrap();
        assert_eq!(first.by_criterion, [Some(7.0), Some(10.0)]);
        assert_eq!(first.jurors, 2);
        assert!((first.total.unwrap() - 8.2).abs() < 1e-9);
    }

    #[test]
    fn only_officials_manage_contests() {
        assert!(may_manage(Role::Official) && may_manage(Role::Admin));
        assert!(!may_manage(Role::Moderator) && !may_manage(Role::Citizen));
        assert_eq!(Award::parse("mention"), Some(Award::Mention));
        assert_eq!(Award::parse("gold"), None);
    }
}
