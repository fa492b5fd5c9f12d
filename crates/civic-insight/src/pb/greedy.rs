//! The greedy family: projects in order of score, each funded while it fits.
//!
//! - `greedy`: by score descending, fund every project that still fits;
//! - `greedy-no-skip`: stop at the first project that does not fit (a
//!   project costing the Pabulib sentinel 999,999,999 — withdrawn after the
//!   vote — is passed over without stopping, as the Pabulib checker does);
//! - `greedy-threshold`: only projects whose score reaches the threshold;
//! - `votes-per-cost`: by score per unit of cost (Kyiv 2019);
//! - per category (Amsterdam): greedy inside each category's budget, then the
//!   money left over funds further projects by score across categories.

use std::cmp::Ordering;

use super::{CountError, Election, Funding, MINOR_PER_UNIT, Money, Outcome, ProjectResult, Reason, Rule, TieBreak};

/// Cost, in minor units, marking a withdrawn project in Pabulib files.
const WITHDRAWN_COST: Money = 999_999_999 * MINOR_PER_UNIT;

/// Project indices by score descending, ties by `tie_break`.
pub fn by_score(election: &Election, scores: &[i64], tie_break: TieBreak) -> Vec<usize> {
    let mut order: Vec<usize> = (0..election.projects.len()).collect();
    order.sort_by(|&a, &b| scores[b].cmp(&scores[a]).then_with(|| tie_break.cmp(election, a, b)));
    order
}

/// Project indices by score per cost descending (exact: cross-multiplied in
/// 128 bits), ties by `tie_break`. A free project with votes comes first.
fn by_score_per_cost(election: &Election, scores: &[i64], tie_break: TieBreak) -> Vec<usize> {
    let ratio = |a: usize, b: usize| -> Ordering {
        let (sa, ca) = (i128::from(scores[a]), i128::from(election.projects[a].cost));
        let (sb, cb) = (i128::from(scores[b]), i128::from(election.projects[b].cost));
        match (ca == 0, cb == 0) {
            (true, true) => sb.cmp(&sa),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => (sb * ca).cmp(&(sa * cb)),
        }
    };
    let mut order: Vec<usize> = (0..election.projects.len()).collect();
    order.sort_by(|&a, &b| ratio(a, b).then_with(|| tie_break.cmp(election, a, b)));
    order
}

fn unfunded(score: i64, reason: Reason) -> ProjectResult {
    ProjectResult {
        score,
        selected: false,
        funding: None,
        reason: Some(reason),
    }
}

fn funded(score: i64, funding: Funding) -> ProjectResult {
    ProjectResult {
        score,
        selected: true,
        funding: Some(funding),
        reason: None,
    }
}

/// Sums what was spent and assembles the outcome.
pub(crate) fn finish(
    election: &Election,
    rule: Rule,
    tie_break: TieBreak,
    projects: Vec<ProjectResult>,
    selection_order: Vec<usize>,
) -> Outcome {
    let spent = selection_order.iter().map(|&p| election.projects[p].cost).sum();
    Outcome {
        rule,
        tie_break,
        budget: election.budget,
        spent,
        left_over: election.budget - spent,
        voters: election.ballots.len(),
        projects,
        selection_order,
        equal_shares: None,
    }
}

/// Greedy, greedy without skipping, greedy over a threshold, votes per cost.
pub(crate) fn count(
    election: &Election,
    scores: &[i64],
    rule: Rule,
    tie_break: TieBreak,
) -> Result<Outcome, CountError> {
    let threshold = match rule {
        Rule::GreedyThreshold => Some(
            election
                .threshold
                .ok_or(CountError::MissingThreshold)?
                .as_score(election.ballots.len()),
        ),
        _ => None,
    };
    let order = match rule {
        Rule::VotesPerCost => by_score_per_cost(election, scores, tie_break),
        _ => by_score(election, scores, tie_break),
    };
    let mut results: Vec<Option<ProjectResult>> = vec![None; election.projects.len()];
    let mut picked = Vec::new();
    let mut remaining = election.budget;
    let mut first_miss = None;
    for p in order {
        let (score, cost) = (scores[p], election.projects[p].cost);
        let result = if let Some(t) = threshold.filter(|&t| score < t) {
            unfunded(score, Reason::BelowThreshold { threshold: t })
        } else if let Some(first_miss) = first_miss {
            unfunded(score, Reason::AfterFirstMiss { first_miss })
        } else if cost <= remaining {
            remaining -= cost;
            picked.push(p);
            funded(score, Funding::Budget)
        } else {
            if rule == Rule::GreedyNoSkip && cost != WITHDRAWN_COST {
                first_miss = Some(p);
            }
            unfunded(score, Reason::DoesNotFit { remaining })
        };
        results[p] = Some(result);
    }
    let results = results.into_iter().map(|r| r.expect("every project ranked")).collect();
    Ok(finish(election, rule, tie_break, results, picked))
}

/// Amsterdam: greedy inside each category's budget (a project counts in its
/// first category), then greedy over all projects left with the money that
/// remains of the whole budget.
pub(crate) fn count_per_category(
    election: &Election,
    scores: &[i64],
    tie_break: TieBreak,
) -> Result<Outcome, CountError> {
    if election.category_budgets.is_empty() {
        return Err(CountError::MissingCategoryBudgets);
    }
    let order = by_score(election, scores, tie_break);
    let n = election.projects.len();
    let mut results: Vec<Option<ProjectResult>> = vec![None; n];
    let mut picked = Vec::new();
    let mut spent: Money = 0;
    for (category, budget) in &election.category_budgets {
        let mut remaining = *budget;
        for &p in &order {
            let project = &election.projects[p];
            if results[p].is_some() || project.categories.first() != Some(category) {
                continue;
            }
            // The category's money never exceeds what is left of the whole budget.
            if project.cost <= remaining && project.cost <= election.budget - spent {
                remaining -= project.cost;
                spent += project.cost;
                picked.push(p);
                results[p] = Some(funded(
                    scores[p],
                    Funding::CategoryBudget {
                        category: category.clone(),
                    },
                ));
            }
        }
    }
    let mut remaining = election.budget - spent;
    for &p in &order {
        if results[p].is_some() {
            continue;
        }
        let cost = election.projects[p].cost;
        results[p] = Some(if cost <= remaining {
            remaining -= cost;
            picked.push(p);
            funded(scores[p], Funding::Leftover)
        } else {
            unfunded(scores[p], Reason::DoesNotFit { remaining })
        });
    }
    let results = results.into_iter().map(|r| r.expect("every project ranked")).collect();
    Ok(finish(election, Rule::GreedyPerCategory, tie_break, results, picked))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pb::{BallotKind, Ballots, Project, Threshold, count};

    /// Projects with the given costs (units) and scores (as that many single-project ballots).
    fn election(costs: &[i64], votes: &[usize], budget: i64) -> Election {
        let projects = costs
            .iter()
            .enumerate()
            .map(|(i, &c)| Project {
                id: format!("p{i}"),
                name: String::new(),
                cost: c * MINOR_PER_UNIT,
                categories: vec![],
            })
            .collect();
        let mut ballots = Ballots::new(false);
        for (p, &v) in votes.iter().enumerate() {
            for _ in 0..v {
                ballots.push(&[p as u32], None).unwrap();
            }
        }
        Election::new(budget * MINOR_PER_UNIT, projects, BallotKind::Approval, ballots)
    }

    fn ids(e: &Election, rule: Rule) -> Vec<String> {
        let o = count(e, rule, TieBreak::default()).unwrap();
        o.selected_ids(e).into_iter().map(String::from).collect()
    }

    #[test]
    fn greedy_skips_what_does_not_fit_and_no_skip_stops() {
        // Scores 10, 8, 6, 4; costs 60, 50, 30, 10; budget 100.
        let e = election(&[60, 50, 30, 10], &[10, 8, 6, 4], 100);
        assert_eq!(ids(&e, Rule::Greedy), ["p0", "p2", "p3"]);
        assert_eq!(ids(&e, Rule::GreedyNoSkip), ["p0"]);
        let o = count(&e, Rule::GreedyNoSkip, TieBreak::default()).unwrap();
        assert_eq!(o.projects[1].reason, Some(Reason::DoesNotFit { remaining: 40 * 100 }));
        assert_eq!(o.projects[2].reason, Some(Reason::AfterFirstMiss { first_miss: 1 }));
        assert_eq!((o.spent, o.left_over), (6000, 4000));
    }

    #[test]
    fn threshold_excludes_low_scores_and_says_so() {
        let mut e = election(&[10, 10, 10], &[5, 3, 2], 100);
        assert_eq!(
            count(&e, Rule::GreedyThreshold, TieBreak::default()),
            Err(CountError::MissingThreshold)
        );
        e.threshold = Some(Threshold::Score(3));
        assert_eq!(ids(&e, Rule::GreedyThreshold), ["p0", "p1"]);
        let o = count(&e, Rule::GreedyThreshold, TieBreak::default()).unwrap();
        assert_eq!(o.projects[2].reason, Some(Reason::BelowThreshold { threshold: 3 }));
        // 30 % of 10 voters is 3 votes.
        e.threshold = Some(Threshold::PercentOfVoters(30.0));
        assert_eq!(ids(&e, Rule::GreedyThreshold), ["p0", "p1"]);
        e.threshold = Some(Threshold::PercentOfVoters(31.0));
        assert_eq!(ids(&e, Rule::GreedyThreshold), ["p0"]);
    }

    #[test]
    fn votes_per_cost_prefers_cheap_support() {
        // 10 votes for 100 (0.1/unit) comes after 6 votes for 30 (0.2/unit).
        let e = election(&[100, 30, 80], &[10, 6, 1], 130);
        assert_eq!(ids(&e, Rule::VotesPerCost), ["p0", "p1"]);
        // With 110, p0 no longer fits after p1, and p2 (80) does.
        let e = election(&[100, 30, 80], &[10, 6, 1], 110);
        assert_eq!(ids(&e, Rule::VotesPerCost), ["p1", "p2"]);
        assert_eq!(ids(&e, Rule::Greedy), ["p0"]);
    }

    #[test]
    fn ties_go_to_the_cheaper_then_the_earlier_project() {
        let e = election(&[60, 50, 50], &[5, 5, 5], 60);
        assert_eq!(ids(&e, Rule::Greedy), ["p1"]);
        let o = count(&e, Rule::Greedy, TieBreak::Submission).unwrap();
        assert_eq!(o.selected_ids(&e), ["p0"]);
    }

    #[test]
    fn withdrawn_projects_do_not_stop_no_skip() {
        let e = election(&[999_999_999, 40, 30], &[9, 5, 4], 100);
        assert_eq!(ids(&e, Rule::GreedyNoSkip), ["p1", "p2"]);
    }

    #[test]
    fn per_category_then_leftover() {
        // Categories A (budget 50) and B (budget 50), total 100.
        let mut e = election(&[40, 30, 20, 50, 30], &[9, 8, 7, 6, 1], 100);
        for (i, c) in ["A", "A", "A", "B", "B"].into_iter().enumerate() {
            e.projects[i].categories = vec![c.into()];
        }
        e.category_budgets = vec![("A".into(), 50 * 100), ("B".into(), 50 * 100)];
        let o = count(&e, Rule::GreedyPerCategory, TieBreak::default()).unwrap();
        // A: p0 (40) fits, p1 (30) not, p2 (20) not (10 left). B: p3 (50).
        // Leftover 10: nothing fits.
        assert_eq!(o.selected_ids(&e), ["p0", "p3"]);
        e.category_budgets = vec![("A".into(), 45 * 100), ("B".into(), 55 * 100)];
        // A funds p0 (5 left), B funds p3 (5 left): p4 (now 10) fits neither
        // category, but the 10 left of the whole budget pays for it.
        e.projects[4].cost = 10 * 100;
        let o = count(&e, Rule::GreedyPerCategory, TieBreak::default()).unwrap();
        assert_eq!(o.selected_ids(&e), ["p0", "p3", "p4"]);
        assert_eq!(
            o.projects[0].funding,
            Some(Funding::CategoryBudget { category: "A".into() })
        );
        assert_eq!(o.projects[4].funding, Some(Funding::Leftover));
    }
}
