//! The pipeline: map → groups → statistics, from scratch or warm-started.

use std::ops::RangeInclusive;

use crate::cluster::{self, Clustering, Point, WarmGroups};
use crate::error::InsightError;
use crate::kselect;
use crate::matrix::{Vote, VoteMatrix};
use crate::pca::{self, Components};
use crate::refine;
use crate::repness::{self, Direction};
use crate::result::{
    Consensus, Group, OpinionResult, ParticipantPoint, RepresentativeStatement, StatementSummary, VoteCounts,
};

/// Settings of an analysis. `Params::default()` is what the CLI uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// Seed of every random choice (k-means++ starts, power-iteration start,
    /// silhouette sample); same input and seed, same result.
    pub seed: u64,
    /// Participants with fewer votes are placed on the map but not used to
    /// fit it, nor put in a group (Polis uses 7).
    pub min_votes: usize,
    /// Numbers of groups to try; `k_choice` picks one.
    pub k_range: RangeInclusive<usize>,
    /// How the number of groups is chosen within `k_range`.
    pub k_choice: KChoice,
    /// Representative statements kept per group.
    pub max_representative: usize,
    /// Divisive statements kept.
    pub max_divisive: usize,
    /// After k-means on the map, move each participant to the group under
    /// which their own votes are most likely (see `refine.rs`).
    pub refine_groups: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            seed: 0,
            min_votes: 7,
            k_range: 2..=5,
            k_choice: KChoice::HeldOutVotes,
            max_representative: 5,
            max_divisive: 10,
            refine_groups: true,
        }
    }
}

impl Params {
    fn validate(&self) -> Result<(), InsightError> {
        let (lo, hi) = (*self.k_range.start(), *self.k_range.end());
        if lo < 2 || lo > hi || hi > 20 {
            return Err(InsightError::InvalidParams(format!(
                "k_range must satisfy 2 <= start <= end <= 20, got {lo}..={hi}"
            )));
        }
        Ok(())
    }
}

/// How the number of groups is chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KChoice {
    /// The k whose groups best predict a tenth of the agree / disagree votes
    /// set aside for the purpose (see `kselect.rs`). On real conversations
    /// these groups predict votes better than Polis' own
    /// (`docs/insight/heldout.md`).
    #[default]
    HeldOutVotes,
    /// The k with the best silhouette on the map: well-separated groups,
    /// usually two on real conversations.
    Silhouette,
}

/// What a recompute needs from the previous one to start warm.
#[derive(Clone, Debug, Default)]
struct Warm {
    components: Option<Components>,
    groups: Option<WarmGroups>,
    /// Group of each participant (by index) after the previous recompute.
    group_of: Vec<Option<usize>>,
}

/// Analyses a conversation from scratch.
pub fn analyse(matrix: &VoteMatrix, params: &Params) -> Result<OpinionResult, InsightError> {
    params.validate()?;
    Ok(compute(matrix, params, &Warm::default()).0)
}

/// An analysis that can be brought up to date with new votes: the next
/// recompute starts from the previous map axes and group centres, so it
/// converges in fewer iterations and the groups keep their place.
#[derive(Clone, Debug)]
pub struct OpinionEngine {
    matrix: VoteMatrix,
    params: Params,
    warm: Warm,
    result: OpinionResult,
}

impl OpinionEngine {
    /// Analyses `matrix` from scratch and keeps what an update needs.
    pub fn new(matrix: VoteMatrix, params: Params) -> Result<Self, InsightError> {
        params.validate()?;
        let (result, warm) = compute(&matrix, &params, &Warm::default());
        Ok(OpinionEngine {
            matrix,
            params,
            warm,
            result,
        })
    }

    pub fn result(&self) -> &OpinionResult {
        &self.result
    }

    pub fn matrix(&self) -> &VoteMatrix {
        &self.matrix
    }

    pub fn into_result(self) -> OpinionResult {
        self.result
    }

    /// Applies a batch of new or changed votes (the last vote on a pair
    /// counts) and recomputes, warm-started from the previous state. On a
    /// bad vote nothing changes.
    pub fn update(&mut self, votes: &[Vote]) -> Result<&OpinionResult, InsightError> {
        self.matrix.apply(votes)?;
        let (result, warm) = compute(&self.matrix, &self.params, &self.warm);
        self.warm = warm;
        self.result = result;
        Ok(&self.result)
    }
}

/// The grouping after refinement: centres are the members' centre of mass;
/// a fresh grouping is renumbered by size, a continued one keeps its ids.
fn regroup(fit: &[usize], points: &[Point], group_of: &[Option<usize>], k: usize, before: Clustering) -> Clustering {
    let labels: Vec<usize> = fit
        .iter()
        .map(|&p| group_of[p].expect("participants in the fit stay grouped"))
        .collect();
    let centres: Vec<Point> = (0..k)
        .map(|g| {
            let members: Vec<Point> = points
                .iter()
                .zip(&labels)
                .filter(|&(_, &l)| l == g)
                .map(|(&pt, _)| pt)
                .collect();
            cluster::mean(&members)
        })
        .collect();
    if before.continues_previous {
        Clustering {
            centres,
            labels,
            ..before
        }
    } else {
        cluster::canonical_order(centres, labels, before.silhouette)
    }
}

fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

fn compute(m: &VoteMatrix, params: &Params, warm: &Warm) -> (OpinionResult, Warm) {
    let projection = pca::project(m, params.min_votes, params.seed, warm.components.as_ref());

    // Group only the participants in the fit; the others keep a map position.
    let fit: Vec<usize> = (0..m.n_participants()).filter(|&p| projection.in_fit[p]).collect();
    let points: Vec<Point> = fit.iter().map(|&p| projection.coords[p]).collect();
    let by_votes = |labelings: &[&[usize]], ks: &[usize], previous: Option<usize>| {
        kselect::choose(m, &fit, labelings, ks, params.seed, params.refine_groups, previous)
    };
    let (mut clustering, mut warm_groups) = cluster::choose_groups(
        &points,
        *params.k_range.start(),
        *params.k_range.end(),
        params.seed,
        warm.groups.as_ref(),
        (params.k_choice == KChoice::HeldOutVotes).then_some(&by_votes as cluster::ChooseK),
    );
    let k = clustering.centres.len();
    let mut group_of = vec![None; m.n_participants()];
    for (&p, &g) in fit.iter().zip(&clustering.labels) {
        // Continuing the previous groups, refinement starts from where each
        // participant was (k-means only places the newcomers), so it
        // converges at once and nobody moves without a reason in the votes.
        let previous = warm.group_of.get(p).copied().flatten();
        group_of[p] = match previous {
            Some(prev) if clustering.continues_previous && params.refine_groups => Some(prev),
            _ => Some(g),
        };
    }
    if params.refine_groups && k >= 2 {
        refine::refine_groups(m, &mut group_of, k);
        clustering = regroup(&fit, &points, &group_of, k, clustering);
        group_of.fill(None);
        for (&p, &g) in fit.iter().zip(&clustering.labels) {
            group_of[p] = Some(g);
        }
        // The next update starts from the refined groups.
        if let Some(centres) = warm_groups.centres_by_k.iter_mut().find(|c| c.len() == k) {
            centres.clone_from(&clustering.centres);
        }
    }
    let counts = repness::count_votes(m, &group_of, k);
    let mut sizes = vec![0usize; k];
    for &g in &clustering.labels {
        sizes[g] += 1;
    }

    let statement_id = |s: usize| m.statements()[s];
    let groups: Vec<Group> = (0..k)
        .map(|g| {
            let details: Vec<RepresentativeStatement> = if k >= 2 {
                repness::representative(&counts, g, params.max_representative)
                    .into_iter()
                    .map(|r| RepresentativeStatement {
                        statement: statement_id(r.statement),
                        direction: r.direction,
                        group_share: finite(r.p_group),
                        rest_share: finite(r.p_rest),
                        z_group: finite(r.z_group),
                        z_vs_rest: finite(r.z_vs_rest),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            Group {
                id: g,
                size: sizes[g],
                x: finite(clustering.centres[g][0]),
                y: finite(clustering.centres[g][1]),
                participants: fit
                    .iter()
                    .zip(&clustering.labels)
                    .filter(|&(_, &l)| l == g)
                    .map(|(&p, _)| m.participants()[p].clone())
                    .collect(),
                representative: details.iter().map(|r| r.statement).collect(),
                representative_details: details,
            }
        })
        .collect();

    let ids = |list: Vec<(usize, f64)>| list.into_iter().map(|(s, _)| statement_id(s)).collect();
    let consensus = if k >= 1 {
        Consensus {
            agree: ids(repness::consensus(&counts, Direction::Agree)),
            disagree: ids(repness::consensus(&counts, Direction::Disagree)),
        }
    } else {
        Consensus::default()
    };
    // A statement every group agrees (or disagrees) with is a consensus even
    // when the groups do so to different degrees: it is never also shown
    // as "where opinions are divided".
    let agreed: std::collections::BTreeSet<u64> = consensus.agree.iter().chain(&consensus.disagree).copied().collect();
    let divisive: Vec<u64> = ids(repness::divisive(&counts, &sizes, usize::MAX))
        .into_iter()
        .filter(|id: &u64| !agreed.contains(id))
        .take(params.max_divisive)
        .collect();

    let participants = (0..m.n_participants())
        .map(|p| ParticipantPoint {
            id: m.participants()[p].clone(),
            x: finite(projection.coords[p][0]),
            y: finite(projection.coords[p][1]),
            group: group_of[p],
            n_votes: m.vote_count(p),
        })
        .collect();

    let mut statements: Vec<StatementSummary> = (0..m.n_statements())
        .map(|s| {
            let o = counts.overall[s];
            StatementSummary {
                id: statement_id(s),
                agree: o.agree,
                disagree: o.disagree,
                pass: o.pass,
                groups: counts.by_group[s]
                    .iter()
                    .map(|c| VoteCounts {
                        agree: c.agree,
                        disagree: c.disagree,
                        pass: c.pass,
                    })
                    .collect(),
            }
        })
        .collect();
    statements.sort_by_key(|s| s.id);

    let result = OpinionResult {
        n_participants: m.n_participants(),
        n_statements: m.n_statements(),
        n_votes: m.n_votes(),
        n_grouped: fit.len(),
        silhouette: finite(clustering.silhouette),
        explained_variance: projection.explained.map(finite),
        groups,
        consensus,
        divisive,
        participants,
        statements,
    };
    let next = Warm {
        components: Some(projection.components),
        groups: Some(warm_groups),
        group_of,
    };
    (result, next)
}
