//! Participatory budgeting: counting ballots into funded projects.
//!
//! Pure computation, as the rest of this crate: an [`Election`] (budget,
//! projects, ballots) goes in, an [`Outcome`] (per project its score, whether
//! it is funded and, when not, a typed [`Reason`]) comes out. The web module
//! stores ballots and builds an `Election`; [`pabulib`] reads and writes the
//! Pabulib file format used by the research community and by our exports.
//!
//! ```
//! use civic_insight::pb::{count, pabulib, Rule, TieBreak};
//!
//! let file = "META\nkey;value\nbudget;100\nvote_type;approval\n\
//!             PROJECTS\nproject_id;cost\na;60\nb;50\nc;40\n\
//!             VOTES\nvoter_id;vote\n1;a,b\n2;a,c\n3;b\n";
//! let election = pabulib::read_str(file)?;
//! let outcome = count(&election, Rule::Greedy, TieBreak::default())?;
//! // a and b tie with 2 votes: the cheaper b goes first, then a no longer fits.
//! assert_eq!(outcome.selected_ids(&election), ["b", "c"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The rules, tie-breaks and reasons are described in `docs/pb/counting.md`.

mod cli;
pub mod greedy;
pub mod mes;
mod money;
pub mod pabulib;
pub mod score;

use serde::Serialize;
use thiserror::Error;

pub use cli::{PbCliError, results_json, run_pb_results};
pub use money::{MINOR_PER_UNIT, Money, format_money, money_json, parse_money};

/// A project on the ballot. Its index in [`Election::projects`] is its
/// submission order, which breaks the last ties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    /// The id exactly as given (Pabulib `project_id`, or the platform's id).
    pub id: String,
    pub name: String,
    pub cost: Money,
    /// Categories in the order given; per-category budgets use the first.
    pub categories: Vec<String>,
}

/// How voters fill in their ballot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BallotKind {
    /// Any number of projects (within `min_length`/`max_length`), one vote each.
    Approval,
    /// Exactly one project.
    ChooseOne,
    /// Points spread over projects (Pabulib `cumulative`, also `scoring`).
    Cumulative,
    /// A ranking; position `i` (0-based) of a ballot of at most `L` choices
    /// is worth `L - i` points unless the ballots carry their own points.
    Ordinal,
}

impl BallotKind {
    /// The Pabulib `vote_type` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approval => "approval",
            Self::ChooseOne => "choose-1",
            Self::Cumulative => "cumulative",
            Self::Ordinal => "ordinal",
        }
    }
}

/// All ballots, stored flat (one allocation for 300,000 voters rather than
/// one per ballot). Project references are indices into
/// [`Election::projects`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ballots {
    offsets: Vec<u32>,
    projects: Vec<u32>,
    points: Option<Vec<i64>>,
}

/// One voter's ballot: the chosen projects in the order given and, for
/// cumulative (or explicitly scored ordinal) ballots, the points of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ballot<'a> {
    pub projects: &'a [u32],
    pub points: Option<&'a [i64]>,
}

impl Ballots {
    /// An empty set; `with_points` says whether every ballot carries points.
    pub fn new(with_points: bool) -> Self {
        Self {
            offsets: vec![0],
            projects: Vec::new(),
            points: with_points.then(Vec::new),
        }
    }

    /// Adds a ballot. `points` must be given (with one entry per project)
    /// exactly when the set was created `with_points`.
    pub fn push(&mut self, projects: &[u32], points: Option<&[i64]>) -> Result<(), CountError> {
        match (&mut self.points, points) {
            (Some(all), Some(p)) if p.len() == projects.len() => all.extend_from_slice(p),
            (None, None) => {}
            _ => return Err(CountError::Invalid("ballot points do not match its projects".into())),
        }
        self.projects.extend_from_slice(projects);
        let end = u32::try_from(self.projects.len())
            .map_err(|_| CountError::Invalid("more than 4 billion choices in all ballots".into()))?;
        self.offsets.push(end);
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn has_points(&self) -> bool {
        self.points.is_some()
    }

    pub fn get(&self, i: usize) -> Ballot<'_> {
        let (a, b) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        Ballot {
            projects: &self.projects[a..b],
            points: self.points.as_ref().map(|p| &p[a..b]),
        }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = Ballot<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The longest ballot (0 when there are none).
    pub fn max_len(&self) -> usize {
        self.offsets
            .windows(2)
            .map(|w| (w[1] - w[0]) as usize)
            .max()
            .unwrap_or(0)
    }
}

/// The minimum score a project needs under [`Rule::GreedyThreshold`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Threshold {
    /// At least this score (Pabulib `min_project_score_threshold`).
    Score(i64),
    /// At least this percentage of the voters' number, rounded up.
    PercentOfVoters(f64),
}

impl Threshold {
    /// The threshold as a score for `voters` voters.
    pub fn as_score(self, voters: usize) -> i64 {
        match self {
            Self::Score(s) => s,
            Self::PercentOfVoters(p) => (p / 100.0 * voters as f64 - 1e-9).ceil().max(0.0) as i64,
        }
    }
}

/// A budget with its projects and ballots: everything counting needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Election {
    pub budget: Money,
    pub projects: Vec<Project>,
    pub kind: BallotKind,
    pub ballots: Ballots,
    /// Longest allowed ballot, which sets ordinal position points.
    pub max_length: Option<usize>,
    /// Minimum score for [`Rule::GreedyThreshold`].
    pub threshold: Option<Threshold>,
    /// Budgets per category for [`Rule::GreedyPerCategory`], in order.
    pub category_budgets: Vec<(String, Money)>,
    /// The rule named by the source (Pabulib META `rule`), if any.
    pub declared_rule: Option<String>,
    /// Every META pair as read, in order, so an export keeps what it does not interpret.
    pub meta: Vec<(String, String)>,
}

impl Election {
    /// An election with no META extras; fields can be set afterwards.
    pub fn new(budget: Money, projects: Vec<Project>, kind: BallotKind, ballots: Ballots) -> Self {
        Self {
            budget,
            projects,
            kind,
            ballots,
            max_length: None,
            threshold: None,
            category_budgets: Vec::new(),
            declared_rule: None,
            meta: Vec::new(),
        }
    }

    /// Checks what the counting relies on: references in range, costs and
    /// points not negative, no project twice on a ballot.
    pub fn validate(&self) -> Result<(), CountError> {
        if self.budget < 0 {
            return Err(CountError::Invalid("the budget is negative".into()));
        }
        if let Some(p) = self.projects.iter().find(|p| p.cost < 0) {
            return Err(CountError::Invalid(format!("project {} has a negative cost", p.id)));
        }
        let n = self.projects.len();
        let mut seen = vec![usize::MAX; n];
        for (i, ballot) in self.ballots.iter().enumerate() {
            for &p in ballot.projects {
                let p = p as usize;
                if p >= n {
                    return Err(CountError::Invalid(format!("ballot {i} names project #{p} of {n}")));
                }
                if seen[p] == i {
                    return Err(CountError::Invalid(format!(
                        "ballot {i} names project {} twice",
                        self.projects[p].id
                    )));
                }
                seen[p] = i;
            }
            if ballot.points.is_some_and(|pts| pts.iter().any(|&x| x < 0)) {
                return Err(CountError::Invalid(format!("ballot {i} gives negative points")));
            }
        }
        Ok(())
    }
}

/// A counting rule. Names are the Pabulib META `rule` values where one exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Rule {
    /// By score descending, fund each project that still fits.
    #[serde(rename = "greedy")]
    Greedy,
    /// As greedy, but stop at the first project that does not fit.
    #[serde(rename = "greedy-no-skip")]
    GreedyNoSkip,
    /// Greedy among projects whose score reaches [`Election::threshold`].
    #[serde(rename = "greedy-threshold")]
    GreedyThreshold,
    /// Greedy by score per unit of cost (Kyiv 2019).
    #[serde(rename = "votes-per-cost")]
    VotesPerCost,
    /// Method of Equal Shares, no completion.
    #[serde(rename = "equalshares")]
    EqualShares,
    /// Equal Shares with the Add1 completion, then greedy on what is left.
    #[serde(rename = "equalshares/add1")]
    EqualSharesAdd1,
    /// Greedy within each category's budget, then the leftover by score (Amsterdam).
    #[serde(rename = "greedy-per-category")]
    GreedyPerCategory,
}

impl Rule {
    pub const ALL: [Rule; 7] = [
        Rule::Greedy,
        Rule::GreedyNoSkip,
        Rule::GreedyThreshold,
        Rule::VotesPerCost,
        Rule::EqualShares,
        Rule::EqualSharesAdd1,
        Rule::GreedyPerCategory,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::Greedy => "greedy",
            Rule::GreedyNoSkip => "greedy-no-skip",
            Rule::GreedyThreshold => "greedy-threshold",
            Rule::VotesPerCost => "votes-per-cost",
            Rule::EqualShares => "equalshares",
            Rule::EqualSharesAdd1 => "equalshares/add1",
            Rule::GreedyPerCategory => "greedy-per-category",
        }
    }

    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name.trim())
    }

    /// The rule a Pabulib file asks for: its META `rule` when we implement
    /// it, per-category budgets when META has `budget_per_category`, greedy
    /// otherwise (e.g. `unknown`, `greedy-custom`).
    pub fn for_election(election: &Election) -> Rule {
        if !election.category_budgets.is_empty() {
            return Rule::GreedyPerCategory;
        }
        match election.declared_rule.as_deref().and_then(Rule::from_name) {
            Some(r @ (Rule::Greedy | Rule::GreedyNoSkip | Rule::GreedyThreshold | Rule::EqualShares)) => r,
            Some(Rule::EqualSharesAdd1) => Rule::EqualSharesAdd1,
            _ => Rule::Greedy,
        }
    }
}

/// How equal scores are ordered. Either way the last resort is submission
/// order (the project's index), so the outcome is always deterministic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TieBreak {
    /// The cheaper project first, then the one submitted earlier.
    #[default]
    LowerCostThenSubmission,
    /// The one submitted (listed) earlier.
    Submission,
}

impl TieBreak {
    /// Orders projects `a` before `b` among equals.
    pub(crate) fn cmp(self, election: &Election, a: usize, b: usize) -> std::cmp::Ordering {
        match self {
            TieBreak::LowerCostThenSubmission => election.projects[a]
                .cost
                .cmp(&election.projects[b].cost)
                .then(a.cmp(&b)),
            TieBreak::Submission => a.cmp(&b),
        }
    }
}

/// Why a project is funded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Funding {
    /// Picked by a greedy rule within the budget.
    Budget,
    /// Picked within its category's own budget.
    CategoryBudget { category: String },
    /// Picked with money left over after the categories.
    Leftover,
    /// Bought by its supporters' equal shares.
    EqualShares,
    /// Added by the greedy completion after Equal Shares.
    Completion,
}

/// Why a project is not funded, for the results page to translate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Reason {
    /// Its turn came when only `remaining` was left, less than its cost.
    DoesNotFit { remaining: Money },
    /// Its score is below the rule's minimum.
    BelowThreshold { threshold: i64 },
    /// Greedy without skipping stopped at `first_miss` (a project index),
    /// which did not fit; nothing after it is funded.
    AfterFirstMiss { first_miss: usize },
    /// Its supporters' remaining shares, `supporters_money`, could not pay for it.
    NotReachedByEqualShares { supporters_money: Money },
    /// Nobody voted for it.
    NoSupport,
}

/// The result for one project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProjectResult {
    pub score: i64,
    pub selected: bool,
    pub funding: Option<Funding>,
    pub reason: Option<Reason>,
}

/// Equal Shares details: the per-voter budget the completion settled on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EqualSharesInfo {
    /// Each voter's share in minor units (rounded down) of the final run.
    pub per_voter: Money,
    /// Full Equal Shares runs made (1 without completion).
    pub runs: usize,
}

/// The result of counting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    pub rule: Rule,
    pub tie_break: TieBreak,
    pub budget: Money,
    pub spent: Money,
    pub left_over: Money,
    pub voters: usize,
    /// Per project, in the order of [`Election::projects`].
    pub projects: Vec<ProjectResult>,
    /// Funded project indices in the order they were picked.
    pub selection_order: Vec<usize>,
    pub equal_shares: Option<EqualSharesInfo>,
}

impl Outcome {
    /// Ids of the funded projects in the order of the election's projects.
    pub fn selected_ids<'a>(&self, election: &'a Election) -> Vec<&'a str> {
        self.projects
            .iter()
            .zip(&election.projects)
            .filter(|(r, _)| r.selected)
            .map(|(_, p)| p.id.as_str())
            .collect()
    }
}

/// Why counting cannot proceed.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum CountError {
    #[error("the rule greedy-threshold needs a minimum score (META min_project_score_threshold)")]
    MissingThreshold,
    #[error("the rule greedy-per-category needs budgets per category (META budget_per_category)")]
    MissingCategoryBudgets,
    #[error("the rule {rule} does not count {kind} ballots")]
    Unsupported { rule: &'static str, kind: &'static str },
    #[error("{0}")]
    Invalid(String),
}

/// Counts `election` with `rule`, ordering equal scores by `tie_break`.
pub fn count(election: &Election, rule: Rule, tie_break: TieBreak) -> Result<Outcome, CountError> {
    election.validate()?;
    let scores = score::scores(election);
    match rule {
        Rule::Greedy | Rule::GreedyNoSkip | Rule::GreedyThreshold | Rule::VotesPerCost => {
            greedy::count(election, &scores, rule, tie_break)
        }
        Rule::GreedyPerCategory => greedy::count_per_category(election, &scores, tie_break),
        Rule::EqualShares | Rule::EqualSharesAdd1 => mes::count(election, &scores, rule, tie_break),
    }
}
