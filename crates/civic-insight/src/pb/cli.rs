//! `civicspace pb results`: a Pabulib file in, one JSON object out. A library
//! function so the binary only parses its flags, as for `insight opinion`.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use thiserror::Error;

use super::pabulib::{self, PabulibError};
use super::{CountError, Election, Funding, Outcome, Reason, Rule, TieBreak, count, money_json};

/// Why `pb results` failed; [`PbCliError::exit_code`] maps it to the exit status.
#[derive(Debug, Error)]
pub enum PbCliError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Malformed {
        path: PathBuf,
        #[source]
        source: PabulibError,
    },
    #[error(
        "unknown rule `{0}`; known: greedy, greedy-no-skip, greedy-threshold, votes-per-cost, equalshares, equalshares/add1, greedy-per-category"
    )]
    UnknownRule(String),
    #[error("{}: {source}", path.display())]
    Count {
        path: PathBuf,
        #[source]
        source: CountError,
    },
}

impl PbCliError {
    /// 2 for bad input (malformed file, unknown rule, a rule the file cannot
    /// be counted with), 1 when the file cannot be read at all.
    pub fn exit_code(&self) -> u8 {
        match self {
            PbCliError::Io { .. } => 1,
            _ => 2,
        }
    }
}

/// Reads the Pabulib file at `path`, counts it with `rule` (by default the
/// file's own, see [`Rule::for_election`]) and returns the result as JSON.
pub fn run_pb_results(path: &Path, rule: Option<&str>) -> Result<Value, PbCliError> {
    let rule = match rule {
        Some(name) => Some(Rule::from_name(name).ok_or_else(|| PbCliError::UnknownRule(name.to_string()))?),
        None => None,
    };
    let bytes = std::fs::read(path).map_err(|source| PbCliError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file = pabulib::read_bytes(&bytes).map_err(|source| PbCliError::Malformed {
        path: path.to_path_buf(),
        source,
    })?;
    let election = file.election;
    let rule = rule.unwrap_or_else(|| Rule::for_election(&election));
    let outcome = count(&election, rule, TieBreak::default()).map_err(|source| PbCliError::Count {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(results_json(&election, &outcome))
}

fn reason_json(election: &Election, reason: &Reason) -> (&'static str, Value) {
    match reason {
        Reason::DoesNotFit { remaining } => ("does-not-fit", json!({ "remaining": money_json(*remaining) })),
        Reason::BelowThreshold { threshold } => ("below-threshold", json!({ "threshold": threshold })),
        Reason::AfterFirstMiss { first_miss } => (
            "after-first-miss",
            json!({ "first_miss": election.projects[*first_miss].id }),
        ),
        Reason::NotReachedByEqualShares { supporters_money } => (
            "not-reached-by-equal-shares",
            json!({ "supporters_money": money_json(*supporters_money) }),
        ),
        Reason::NoSupport => ("no-support", json!({})),
    }
}

fn funding_json(funding: &Funding) -> (&'static str, Value) {
    match funding {
        Funding::Budget => ("funded", json!({})),
        Funding::CategoryBudget { category } => ("funded-in-category", json!({ "category": category })),
        Funding::Leftover => ("funded-from-leftover", json!({})),
        Funding::EqualShares => ("equal-shares", json!({})),
        Funding::Completion => ("completion", json!({})),
    }
}

/// The documented JSON shape of an outcome (`docs/pb/counting.md`):
/// amounts in currency units, ids as in the file, projects in file order.
pub fn results_json(election: &Election, outcome: &Outcome) -> Value {
    let projects: Vec<Value> = election
        .projects
        .iter()
        .zip(&outcome.projects)
        .map(|(p, r)| {
            let (reason, detail) = match (&r.funding, &r.reason) {
                (Some(f), _) => funding_json(f),
                (None, Some(reason)) => reason_json(election, reason),
                (None, None) => ("", json!({})),
            };
            json!({
                "id": p.id,
                "cost": money_json(p.cost),
                "score": r.score,
                "selected": r.selected,
                "reason": reason,
                "detail": detail,
            })
        })
        .collect();
    let mut value = json!({
        "rule": outcome.rule.name(),
        "budget": money_json(outcome.budget),
        "spent": money_json(outcome.spent),
        "left_over": money_json(outcome.left_over),
        "voters": outcome.voters,
        "tie_break": outcome.tie_break,
        "selected": outcome.selected_ids(election),
        "projects": projects,
    });
    if let Some(info) = &outcome.equal_shares {
        value["equal_shares"] = json!({ "per_voter": money_json(info.per_voter), "runs": info.runs });
    }
    value
}
