//! Participatory budgets: a fund of a space that residents propose projects
//! for, the city reviews, residents vote on, and the city builds.
//!
//! This module holds the phases, the ballot types and the ballot rules; the
//! counting itself is `civic_insight::pb`.

use crate::{Invalid, UserId};
use serde::Serialize;

/// The steps of a budget, in order. Only `Submission` takes projects and
/// only `Voting` takes ballots; results are public from `Results` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetPhase {
    Submission,
    Review,
    Voting,
    Results,
    Implementation,
}

impl BudgetPhase {
    pub const ALL: [BudgetPhase; 5] = [
        BudgetPhase::Submission,
        BudgetPhase::Review,
        BudgetPhase::Voting,
        BudgetPhase::Results,
        BudgetPhase::Implementation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BudgetPhase::Submission => "submission",
            BudgetPhase::Review => "review",
            BudgetPhase::Voting => "voting",
            BudgetPhase::Results => "results",
            BudgetPhase::Implementation => "implementation",
        }
    }

    pub fn parse(raw: &str) -> Option<BudgetPhase> {
        BudgetPhase::ALL.into_iter().find(|p| p.as_str() == raw)
    }

    /// Results are public from the results phase on.
    pub fn results_public(self) -> bool {
        matches!(self, BudgetPhase::Results | BudgetPhase::Implementation)
    }
}

crate::stored_as_text!(BudgetPhase, "budget phase", BudgetPhase::parse);

/// How a resident fills in the ballot of a budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotType {
    /// Choose between `min_choices` and `max_choices` projects.
    Approval,
    /// Choose projects whose total cost stays within the budget.
    Knapsack,
    /// Spread exactly `points_total` points over projects.
    Cumulative,
    /// Rank up to `max_choices` projects; the first gets the most points.
    Ranked,
}

impl BallotType {
    pub const ALL: [BallotType; 4] = [
        BallotType::Approval,
        BallotType::Knapsack,
        BallotType::Cumulative,
        BallotType::Ranked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BallotType::Approval => "approval",
            BallotType::Knapsack => "knapsack",
            BallotType::Cumulative => "cumulative",
            BallotType::Ranked => "ranked",
        }
    }

    pub fn parse(raw: &str) -> Option<BallotType> {
        BallotType::ALL.into_iter().find(|p| p.as_str() == raw)
    }
}

crate::stored_as_text!(BallotType, "ballot type", BallotType::parse);

/// Where a project stands after review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// Waiting for the city's review.
    Submitted,
    /// On the ballot.
    Feasible,
    /// On the ballot with the changes (and cost) the reviewer set.
    FeasibleWithChanges,
    /// Out of the vote; the reason stays public.
    NotFeasible,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 4] = [
        ProjectStatus::Submitted,
        ProjectStatus::Feasible,
        ProjectStatus::FeasibleWithChanges,
        ProjectStatus::NotFeasible,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Submitted => "submitted",
            ProjectStatus::Feasible => "feasible",
            ProjectStatus::FeasibleWithChanges => "feasible_with_changes",
            ProjectStatus::NotFeasible => "not_feasible",
        }
    }

    pub fn parse(raw: &str) -> Option<ProjectStatus> {
        ProjectStatus::ALL.into_iter().find(|p| p.as_str() == raw)
    }

    /// A reviewed project that is on the ballot.
    pub fn on_ballot(self) -> bool {
        matches!(self, ProjectStatus::Feasible | ProjectStatus::FeasibleWithChanges)
    }
}

crate::stored_as_text!(ProjectStatus, "project status", ProjectStatus::parse);

/// How the building of a funded project goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Implementation {
    Planned,
    Tendering,
    InProgress,
    Done,
    Cancelled,
}

impl Implementation {
    pub const ALL: [Implementation; 5] = [
        Implementation::Planned,
        Implementation::Tendering,
        Implementation::InProgress,
        Implementation::Done,
        Implementation::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Implementation::Planned => "planned",
            Implementation::Tendering => "tendering",
            Implementation::InProgress => "in_progress",
            Implementation::Done => "done",
            Implementation::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Option<Implementation> {
        Implementation::ALL.into_iter().find(|p| p.as_str() == raw)
    }
}

crate::stored_as_text!(Implementation, "implementation status", Implementation::parse);

/// A budget as stored, with its counts.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Budget {
    pub id: i64,
    pub space_id: i64,
    pub title: String,
    pub description: String,
    /// The fund, in whole hryvnias.
    pub amount: i64,
    pub ballot_type: BallotType,
    pub min_choices: i64,
    pub max_choices: i64,
    pub points_total: i64,
    /// A counting rule name of `civic_insight::pb::Rule`.
    pub rule: String,
    /// Minimum votes for `greedy-threshold`.
    pub threshold: Option<i64>,
    pub phase: BudgetPhase,
    /// Projects are taken until this moment (unix ms), when set.
    pub submission_ends: Option<i64>,
    /// Ballots are taken until this moment (unix ms), when set.
    pub voting_ends: Option<i64>,
    /// 1: a resident may not vote for a project they proposed.
    pub exclude_own: i64,
    pub created_at: i64,
    /// 1 when the space is a draft (only staff see the budget).
    pub space_draft: i64,
    pub project_count: i64,
    pub ballot_count: i64,
}

impl Budget {
    /// Projects may be proposed now.
    pub fn takes_projects(&self, now: crate::Timestamp) -> bool {
        self.phase == BudgetPhase::Submission && self.submission_ends.is_none_or(|end| now.0 < end)
    }

    /// Ballots may be cast, changed and cancelled now.
    pub fn takes_ballots(&self, now: crate::Timestamp) -> bool {
        self.phase == BudgetPhase::Voting && self.voting_ends.is_none_or(|end| now.0 < end)
    }
}

/// A project proposed for a budget.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Project {
    pub id: i64,
    pub budget_id: i64,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub title: String,
    pub body: String,
    /// The cost in whole hryvnias (the reviewer's corrected cost once reviewed).
    pub cost: i64,
    pub category: Option<String>,
    pub district: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub status: ProjectStatus,
    /// The reviewer's conclusion, public once given.
    pub review: Option<String>,
    pub implementation: Option<Implementation>,
    pub implementation_note: Option<String>,
    pub created_at: i64,
}

/// A ballot as the voter gave it, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotChoice {
    /// Approval and knapsack ballots.
    Projects(Vec<i64>),
    /// Cumulative ballots: project and its points.
    Points(Vec<(i64, i64)>),
    /// Ranked ballots, first choice first.
    Ranking(Vec<i64>),
}

/// One line of a checked ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub project: i64,
    /// 0-based order as given (the rank for ranked ballots).
    pub position: i64,
    /// Points for cumulative ballots, 1 otherwise.
    pub points: i64,
}

/// What a ballot is checked against: the budget's settings and the
/// projects on its ballot (id, cost, author).
pub struct BallotRules<'a> {
    pub budget: &'a Budget,
    pub on_ballot: &'a [(i64, i64, Option<i64>)],
    pub voter: Option<UserId>,
}

fn refuse(code: &'static str, message: impl Into<String>) -> Invalid {
    Invalid::new("ballot", code, message)
}

/// Checks a ballot against the budget's rules and answers its marks, or
/// the first rule it breaks (each with a message a voter understands).
pub fn check_ballot(rules: &BallotRules<'_>, choice: &BallotChoice) -> Result<Vec<Mark>, Invalid> {
    let b = rules.budget;
    let (ids, points): (Vec<i64>, Option<Vec<i64>>) = match (b.ballot_type, choice) {
        (BallotType::Approval | BallotType::Knapsack, BallotChoice::Projects(p)) => (p.clone(), None),
        (BallotType::Ranked, BallotChoice::Ranking(p)) => (p.clone(), None),
        (BallotType::Ranked, BallotChoice::Projects(p)) => (p.clone(), None),
        (BallotType::Cumulative, BallotChoice::Points(p)) => {
            let given: Vec<(i64, i64)> = p.iter().copied().filter(|(_, n)| *n != 0).collect();
            (
                given.iter().map(|x| x.0).collect(),
                Some(given.iter().map(|x| x.1).collect()),
            )
        }
        (kind, _) => {
            let expected = match kind {
                BallotType::Approval | BallotType::Knapsack => "a list of projects (\"projects\")",
                BallotType::Cumulative => "points per project (\"points\")",
                BallotType::Ranked => "an ordered list of projects (\"ranking\")",
            };
            return Err(refuse(
                "wrong_ballot_shape",
                format!("this budget's ballot is {expected}"),
            ));
        }
    };
    let mut seen = std::collections::HashSet::new();
    let mut total_cost: i64 = 0;
    for id in &ids {
        let Some((_, cost, author)) = rules.on_ballot.iter().find(|(p, _, _)| p == id) else {
            return Err(refuse(
                "project_not_on_ballot",
                format!("project {id} is not on this budget's ballot"),
            ));
        };
        if !seen.insert(*id) {
            return Err(refuse("project_twice", format!("project {id} is chosen twice")));
        }
        if b.exclude_own != 0 && rules.voter.is_some_and(|v| *author == Some(v.0)) {
            return Err(refuse("own_project", "you cannot vote for a project you proposed"));
        }
        total_cost = total_cost.saturating_add(*cost);
    }
    let n = ids.len() as i64;
    match b.ballot_type {
        BallotType::Approval | BallotType::Knapsack | BallotType::Ranked => {
            let min = b.min_choices.max(1);
            if n < min {
                return Err(refuse("too_few_projects", format!("choose at least {min} project(s)")));
            }
            if b.max_choices > 0 && n > b.max_choices {
                return Err(refuse(
                    "too_many_projects",
                    format!("choose at most {} project(s)", b.max_choices),
                ));
            }
            if b.ballot_type == BallotType::Knapsack && total_cost > b.amount {
                return Err(refuse(
                    "over_budget",
                    format!(
                        "the chosen projects cost {total_cost} UAH together, more than the budget of {} UAH",
                        b.amount
                    ),
                ));
            }
        }
        BallotType::Cumulative => {
            let pts = points.as_deref().unwrap_or_default();
            if pts.iter().any(|p| *p < 0) {
                return Err(refuse("negative_points", "points cannot be negative"));
            }
            let sum: i64 = pts.iter().fold(0i64, |a, p| a.saturating_add(*p));
            if sum != b.points_total {
                return Err(refuse(
                    "points_do_not_add_up",
                    format!("give exactly {} points in all (you gave {sum})", b.points_total),
                ));
            }
            if b.max_choices > 0 && n > b.max_choices {
                return Err(refuse(
                    "too_many_projects",
                    format!("give points to at most {} project(s)", b.max_choices),
                ));
            }
        }
    }
    Ok(ids
        .iter()
        .enumerate()
        .map(|(i, id)| Mark {
            project: *id,
            position: i as i64,
            points: points.as_ref().map_or(1, |p| p[i]),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(kind: BallotType) -> Budget {
        Budget {
            id: 1,
            space_id: 1,
            title: "Budget".into(),
            description: String::new(),
            amount: 1_000,
            ballot_type: kind,
            min_choices: 1,
            max_choices: 2,
            points_total: 10,
            rule: "greedy".into(),
            threshold: None,
            phase: BudgetPhase::Voting,
            submission_ends: None,
            voting_ends: None,
            exclude_own: 1,
            created_at: 0,
            space_draft: 0,
            project_count: 3,
            ballot_count: 0,
        }
    }

    const ON_BALLOT: [(i64, i64, Option<i64>); 3] = [(1, 600, None), (2, 500, Some(7)), (3, 300, None)];

    fn check(kind: BallotType, choice: BallotChoice) -> Result<Vec<Mark>, &'static str> {
        let b = budget(kind);
        let rules = BallotRules {
            budget: &b,
            on_ballot: &ON_BALLOT,
            voter: Some(UserId(7)),
        };
        check_ballot(&rules, &choice).map_err(|e| e.code)
    }

    #[test]
    fn approval_counts_choices_and_refuses_unknown_twice_and_own() {
        use BallotChoice::Projects;
        assert_eq!(check(BallotType::Approval, Projects(vec![1, 3])).unwrap().len(), 2);
        assert_eq!(check(BallotType::Approval, Projects(vec![])), Err("too_few_projects"));
        assert_eq!(
            check(BallotType::Approval, Projects(vec![1, 3, 1])),
            Err("project_twice")
        );
        assert_eq!(
            check(BallotType::Approval, Projects(vec![9])),
            Err("project_not_on_ballot")
        );
        assert_eq!(check(BallotType::Approval, Projects(vec![2])), Err("own_project"));
        assert_eq!(check(BallotType::Approval, Projects(vec![1, 3, 2])), Err("own_project"));
    }

    #[test]
    fn knapsack_keeps_within_the_budget() {
        use BallotChoice::Projects;
        assert!(check(BallotType::Knapsack, Projects(vec![1, 3])).is_ok());
        assert_eq!(check(BallotType::Knapsack, Projects(vec![1])).unwrap()[0].points, 1);
        let b = Budget {
            max_choices: 0,
            exclude_own: 0,
            ..budget(BallotType::Knapsack)
        };
        let rules = BallotRules {
            budget: &b,
            on_ballot: &ON_BALLOT,
            voter: None,
        };
        assert_eq!(
            check_ballot(&rules, &Projects(vec![1, 2])).unwrap_err().code,
            "over_budget"
        );
    }

    #[test]
    fn cumulative_points_add_up_exactly() {
        use BallotChoice::Points;
        let marks = check(BallotType::Cumulative, Points(vec![(1, 7), (3, 3), (2, 0)])).unwrap();
        assert_eq!(
            marks.iter().map(|m| (m.project, m.points)).collect::<Vec<_>>(),
            [(1, 7), (3, 3)]
        );
        assert_eq!(
            check(BallotType::Cumulative, Points(vec![(1, 7)])),
            Err("points_do_not_add_up")
        );
        assert_eq!(
            check(BallotType::Cumulative, Points(vec![(1, 12), (3, -2)])),
            Err("negative_points")
        );
        assert_eq!(
            check(BallotType::Cumulative, BallotChoice::Projects(vec![1])),
            Err("wrong_ballot_shape")
        );
    }

    #[test]
    fn ranked_keeps_the_order() {
        let marks = check(BallotType::Ranked, BallotChoice::Ranking(vec![3, 1])).unwrap();
        assert_eq!(
            marks.iter().map(|m| (m.project, m.position)).collect::<Vec<_>>(),
            [(3, 0), (1, 1)]
        );
        let b = Budget {
            exclude_own: 0,
            ..budget(BallotType::Ranked)
        };
        let rules = BallotRules {
            budget: &b,
            on_ballot: &ON_BALLOT,
            voter: Some(UserId(7)),
        };
        let three = BallotChoice::Ranking(vec![3, 1, 2]);
        assert_eq!(check_ballot(&rules, &three).unwrap_err().code, "too_many_projects");
    }

    #[test]
    fn phases_and_dates_decide_what_is_taken() {
        let mut b = budget(BallotType::Approval);
        assert!(b.takes_ballots(crate::Timestamp(5)));
        b.voting_ends = Some(5);
        assert!(!b.takes_ballots(crate::Timestamp(5)));
        assert!(!b.takes_projects(crate::Timestamp(1)));
        b.phase = BudgetPhase::Submission;
        assert!(b.takes_projects(crate::Timestamp(1)));
        for p in BudgetPhase::ALL {
            assert_eq!(BudgetPhase::parse(p.as_str()), Some(p));
        }
    }
}
