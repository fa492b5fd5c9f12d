//! The Method of Equal Shares (Peters & Skowron), and its Add1 completion.
//!
//! Each of the `n` voters gets an equal share `b = budget / n`. Round after
//! round, every project still possible asks its supporters to pay for it:
//! supporter `i` pays `min(budget_i, ρ · u_i)`, where `u_i` is the voter's
//! utility (1 per approved project; the points on a cumulative ballot) and
//! `ρ` is the smallest price per unit of utility for which the payments add
//! up to the cost. A project whose supporters together hold less than its
//! cost drops out. The project bought next is the one with the lowest
//! `ρ / scale` — for approval ballots `scale` is the project's cost (Equal
//! Shares with cost utilities, as used in Wieliczka and Świecie and checked
//! by the Pabulib checker: the highest "effective vote count" `cost / ρ`),
//! for cumulative ballots 1 (the lowest price per point). Ties go to the
//! cheaper project, then to the higher score, then to the earlier one. The
//! method stops when no project can be bought.
//!
//! **Add1** (`equalshares/add1`) then raises the per-voter share from
//! `floor(budget / n)` one currency unit at a time, re-running the method,
//! for as long as the outcome still costs no more than the real budget; the
//! last outcome within the budget is kept, and what money is left funds
//! further projects greedily by score.
//!
//! Running the method once per unit would take hundreds of runs for a city
//! budget (Świecie 2023 goes from a share of 419 zł to 662 zł). Instead the
//! completion uses a property of the method: along a fixed order of
//! purchases, raising the share never lowers anyone's remaining budget (a
//! richer voter pays less or the same) and so never raises a project's price
//! `ρ`. If, between shares `s0 < s1`, the price at `s0` of each round's winner
//! is still below the price at `s1` of every other project that its
//! supporters could afford at `s1` — and after the last purchase nothing is
//! affordable at `s1` — then every share in `[s0, s1]` yields the same
//! outcome. One run at `s1`, following the `s0` purchases, checks that
//! certificate. The share then grows by doubling jumps while certificates
//! hold and by halving ones when they fail, and a plain run is made one unit
//! further where none holds. Every share it skips has the same outcome as
//! the last one run, so the result equals the one-unit-at-a-time loop (the
//! tests compare both on the fixtures and on random elections). Where the
//! outcome changes at nearly every unit nothing can be skipped; see
//! docs/performance.md.
//!
//! Money is `f64` in minor units here (shares are fractions); two prices
//! within a relative 1e-9 of each other count as equal and go to the
//! tie-break, and certificates are only accepted with a margin above that.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::greedy::{by_score, finish};
use super::{
    BallotKind, CountError, Election, EqualSharesInfo, Funding, MINOR_PER_UNIT, Money, Outcome, ProjectResult, Reason,
    Rule, TieBreak,
};

/// Relative tolerance under which two amounts are equal.
const REL_EPS: f64 = 1e-9;

/// Runs after which the Add1 completion gives up rather than run on (a
/// city budget with a hundred thousand voters needs a few hundred).
const MAX_RUNS: usize = 20_000;

/// Identical ballots pay identically, so they are counted once with a weight.
struct Groups {
    /// Voters per group.
    weight: Vec<f64>,
    /// Groups supporting each project, with their utility for it.
    supporters: Vec<Vec<(u32, u32)>>,
}

impl Groups {
    fn build(election: &Election) -> Self {
        let cumulative = election.kind == BallotKind::Cumulative;
        let mut index: FxHashMap<Vec<(u32, u32)>, usize> = FxHashMap::default();
        let mut weight: Vec<f64> = Vec::new();
        let mut supporters = vec![Vec::new(); election.projects.len()];
        let mut key = Vec::new();
        for ballot in election.ballots.iter() {
            key.clear();
            for (k, &p) in ballot.projects.iter().enumerate() {
                let u = match (cumulative, ballot.points) {
                    (true, Some(points)) => u32::try_from(points[k].clamp(0, i64::from(u32::MAX))).unwrap_or(0),
                    _ => 1,
                };
                if u > 0 {
                    key.push((p, u));
                }
            }
            key.sort_unstable();
            match index.get(&key) {
                Some(&g) => weight[g] += 1.0,
                None => {
                    let g = weight.len() as u32;
                    for &(p, u) in &key {
                        supporters[p as usize].push((g, u));
                    }
                    index.insert(key.clone(), weight.len());
                    weight.push(1.0);
                }
            }
        }
        Groups { weight, supporters }
    }
}

/// What one run found.
struct Run {
    /// Projects bought, in order.
    selected: Vec<usize>,
    /// Each purchase's price (`ρ / scale`) when it was made.
    prices: Vec<f64>,
    /// Money the supporters of each project still held at the end.
    supporters_money: Vec<f64>,
}

/// How a candidate stands in a round.
#[derive(Clone, Copy)]
struct Eval {
    affordable: bool,
    /// Price per unit of utility (`ρ`), divided by the project's scale.
    key: f64,
}

struct Solver<'a> {
    election: &'a Election,
    scores: &'a [i64],
    groups: Groups,
    /// Projects Equal Shares considers: a positive cost and some support.
    candidates: Vec<usize>,
    scale: Vec<f64>,
    cost: Vec<f64>,
}

impl<'a> Solver<'a> {
    fn new(election: &'a Election, scores: &'a [i64]) -> Self {
        let groups = Groups::build(election);
        let cost: Vec<f64> = election.projects.iter().map(|p| p.cost as f64).collect();
        let candidates = (0..election.projects.len())
            .filter(|&p| election.projects[p].cost > 0 && !groups.supporters[p].is_empty())
            .collect();
        let scale = match election.kind {
            BallotKind::Cumulative => vec![1.0; cost.len()],
            _ => cost.clone(),
        };
        Solver {
            election,
            scores,
            groups,
            candidates,
            scale,
            cost,
        }
    }

    /// Evaluates project `p` against its supporters' budgets, given as
    /// `(budget, utility, voters)` per class of supporters.
    fn evaluate(&self, p: usize, entries: &mut [(f64, u32, f64)]) -> Eval {
        let cost = self.cost[p];
        let money: f64 = entries.iter().map(|(b, _, n)| b * n).sum();
        if money < cost * (1.0 - REL_EPS) {
            return Eval {
                affordable: false,
                key: f64::INFINITY,
            };
        }
        // Supporters who cannot pay `ρ · u` pay all they have; find the
        // smallest `ρ` for which the payments cover the cost.
        entries.sort_unstable_by(|a, b| (a.0 / f64::from(a.1)).total_cmp(&(b.0 / f64::from(b.1))));
        let mut denom: f64 = entries.iter().map(|(_, u, n)| f64::from(*u) * n).sum();
        let mut paid = 0.0;
        let mut rho = f64::NAN;
        for (b, u, n) in entries.iter() {
            let u = f64::from(*u);
            let price = (cost - paid) / denom;
            if price * u > *b && denom - u * n > 0.0 {
                paid += b * n;
                denom -= u * n;
            } else {
                rho = price;
                break;
            }
        }
        if rho.is_nan() {
            // Rounding left everyone capped although the money suffices.
            rho = (cost - paid) / denom.max(f64::MIN_POSITIVE);
        }
        Eval {
            affordable: true,
            key: rho / self.scale[p],
        }
    }

    /// `a` is bought before `b` when their prices are equal.
    fn prefer(&self, a: usize, b: usize) -> bool {
        let (pa, pb) = (&self.election.projects[a], &self.election.projects[b]);
        pa.cost
            .cmp(&pb.cost)
            .then(self.scores[b].cmp(&self.scores[a]))
            .then(a.cmp(&b))
            .is_lt()
    }

    /// One run of Equal Shares with a per-voter share of `share` minor units.
    fn run(&self, share: f64) -> Run {
        self.run_inner(share, None).expect("an unforced run always ends")
    }

    /// Whether the outcome `at` (a run at a smaller share) holds for every
    /// share up to `share`; if so, the run at `share` (see the module doc).
    fn certify(&self, at: &Run, share: f64) -> Option<Run> {
        self.run_inner(share, Some(at))
    }

    /// A run; with `forced`, buys `forced`'s projects in its order instead of
    /// choosing, and gives up (`None`) as soon as the certificate fails.
    fn run_inner(&self, share: f64, forced: Option<&Run>) -> Option<Run> {
        let n_projects = self.election.projects.len();
        // Voters with the same purchases behind them hold the same budget:
        // a class. Class 0 is everyone at the start.
        let mut classes = vec![share];
        let mut class_of = vec![0u32; self.groups.weight.len()];
        let mut remaining = self.candidates.clone();
        let mut selected = Vec::new();
        let mut prices = Vec::new();
        let mut floor = vec![0.0f64; n_projects];
        loop {
            let eval = |p: usize| {
                let mut list = self.gather(p, &classes, &class_of);
                self.evaluate(p, &mut list)
            };
            let round = selected.len();
            let unknown = Eval {
                affordable: true,
                key: f64::INFINITY,
            };
            let forced_winner = forced.and_then(|at| at.selected.get(round).map(|&w| (w, at.prices[round])));
            let evals: Vec<Eval> = if round == 0 || (forced.is_some() && forced_winner.is_none()) {
                remaining.par_iter().map(|&p| eval(p)).collect()
            } else if let Some((w, w_price)) = forced_winner {
                // A certificate only needs the projects whose floor does not
                // already keep them above the winner's price (and the winner).
                remaining
                    .par_iter()
                    .map(|&q| {
                        let safe = if self.prefer(w, q) {
                            floor[q] >= w_price
                        } else {
                            floor[q] > w_price * (1.0 + 2.0 * REL_EPS)
                        };
                        if q != w && safe { unknown } else { eval(q) }
                    })
                    .collect()
            } else {
                // Budgets only shrink within a run, so prices only rise: a
                // project's last price is a floor, and those whose floor is
                // above the best price found cannot win this round (the
                // Pabulib checker's shortcut). They stay, unevaluated.
                let mut order: Vec<usize> = (0..remaining.len()).collect();
                order.sort_unstable_by(|&a, &b| floor[remaining[a]].total_cmp(&floor[remaining[b]]));
                let mut evals = vec![unknown; remaining.len()];
                let mut best = f64::INFINITY;
                for i in order {
                    let p = remaining[i];
                    if floor[p] > best * (1.0 + 2.0 * REL_EPS) {
                        break;
                    }
                    evals[i] = eval(p);
                    if evals[i].affordable {
                        best = best.min(evals[i].key);
                    }
                }
                evals
            };
            for (e, &p) in evals.iter().zip(&remaining) {
                if e.affordable && e.key.is_finite() {
                    floor[p] = e.key;
                }
            }
            let choice = match forced {
                None => {
                    let mut best: Option<usize> = None;
                    for (i, e) in evals.iter().enumerate().filter(|(_, e)| e.affordable) {
                        best = Some(match best {
                            None => i,
                            Some(b) => {
                                let (kb, ki) = (evals[b].key, e.key);
                                // (An unevaluated project's price is infinite: never a tie.)
                                let tie = ki.is_finite() && kb.is_finite() && (ki - kb).abs() <= REL_EPS * ki.max(kb);
                                if (!tie && ki < kb) || (tie && self.prefer(remaining[i], remaining[b])) {
                                    i
                                } else {
                                    b
                                }
                            }
                        });
                    }
                    best
                }
                Some(at) => match at.selected.get(round) {
                    // Nothing left to buy: the certificate needs nothing affordable.
                    None => {
                        if evals.iter().any(|e| e.affordable) {
                            return None;
                        }
                        None
                    }
                    Some(&w) => {
                        let b = remaining.iter().position(|&p| p == w)?;
                        let w_price = at.prices[round];
                        if !evals[b].affordable {
                            return None;
                        }
                        for (i, e) in evals.iter().enumerate() {
                            if i == b || !e.affordable {
                                continue;
                            }
                            let holds = if self.prefer(w, remaining[i]) {
                                e.key >= w_price
                            } else {
                                e.key > w_price * (1.0 + 2.0 * REL_EPS)
                            };
                            if !holds {
                                return None;
                            }
                        }
                        Some(b)
                    }
                },
            };
            let Some(b) = choice else { break };
            let winner = remaining[b];
            let rho = evals[b].key * self.scale[winner];
            selected.push(winner);
            prices.push(evals[b].key);
            let mut split: FxHashMap<(u32, u32), u32> = FxHashMap::default();
            for &(g, u) in &self.groups.supporters[winner] {
                let g = g as usize;
                let old = class_of[g];
                let old_budget = classes[old as usize];
                if old_budget <= 0.0 {
                    continue;
                }
                class_of[g] = *split.entry((old, u)).or_insert_with(|| {
                    let left = old_budget - f64::from(u) * rho;
                    classes.push(if left <= REL_EPS * old_budget.max(1.0) {
                        0.0
                    } else {
                        left
                    });
                    (classes.len() - 1) as u32
                });
            }
            // Budgets only shrink within a run: the unaffordable stay so.
            remaining = remaining
                .iter()
                .zip(&evals)
                .filter(|&(&p, e)| p != winner && e.affordable)
                .map(|(&p, _)| p)
                .collect();
        }
        let supporters_money = (0..n_projects)
            .map(|p| {
                self.groups.supporters[p]
                    .iter()
                    .map(|&(g, _)| classes[class_of[g as usize] as usize] * self.groups.weight[g as usize])
                    .sum()
            })
            .collect();
        Some(Run {
            selected,
            prices,
            supporters_money,
        })
    }

    /// The supporters of `p` with money left, as `(budget, utility, voters)`
    /// per budget class and utility.
    fn gather(&self, p: usize, classes: &[f64], class_of: &[u32]) -> Vec<(f64, u32, f64)> {
        // Approvals (utility 1) are summed per class in a dense array; other
        // utilities (cumulative points) are sorted and merged.
        let mut per_class = vec![0.0f64; classes.len()];
        let mut touched = Vec::new();
        let mut other: Vec<(u32, u32, f64)> = Vec::new();
        for &(g, u) in &self.groups.supporters[p] {
            let c = class_of[g as usize];
            if classes[c as usize] <= 0.0 {
                continue;
            }
            let w = self.groups.weight[g as usize];
            if u == 1 {
                if per_class[c as usize] == 0.0 {
                    touched.push(c);
                }
                per_class[c as usize] += w;
            } else {
                other.push((c, u, w));
            }
        }
        let mut list: Vec<(f64, u32, f64)> = touched
            .iter()
            .map(|&c| (classes[c as usize], 1, per_class[c as usize]))
            .collect();
        other.sort_unstable_by_key(|&(c, u, _)| (c, u));
        for chunk in other.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let n: f64 = chunk.iter().map(|x| x.2).sum();
            list.push((classes[chunk[0].0 as usize], chunk[0].1, n));
        }
        list
    }

    fn cost_of(&self, selected: &[usize]) -> Money {
        // Saturating: a run may buy more than the budget, of any size.
        selected
            .iter()
            .fold(0, |sum: Money, &p| sum.saturating_add(self.election.projects[p].cost))
    }
}

/// Equal Shares, with the Add1 completion and greedy fill for `EqualSharesAdd1`.
pub(crate) fn count(
    election: &Election,
    scores: &[i64],
    rule: Rule,
    tie_break: TieBreak,
) -> Result<Outcome, CountError> {
    if election.kind == BallotKind::Ordinal {
        return Err(CountError::Unsupported {
            rule: rule.name(),
            kind: "ordinal",
        });
    }
    let n_voters = election.ballots.len();
    let solver = Solver::new(election, scores);
    let add1 = rule == Rule::EqualSharesAdd1;
    let unit = MINOR_PER_UNIT as f64;
    let mut share = if n_voters == 0 {
        0.0
    } else {
        election.budget as f64 / n_voters as f64
    };
    let mut best = solver.run(share);
    let mut runs = 1;
    if add1 && n_voters > 0 {
        // A share above every candidate's cost changes nothing any more.
        let cost_of_all: f64 = solver.candidates.iter().map(|&p| solver.cost[p]).sum();
        let ceiling = (cost_of_all / unit).floor() * unit + unit;
        // Jumps are tried after two plain runs in a row kept the outcome, and
        // given up after a failed one, so stretches where the outcome keeps
        // changing cost one run per unit, not two.
        let mut jump = unit;
        let mut steady = 0;
        while best.selected.len() < solver.candidates.len() {
            if runs >= MAX_RUNS {
                return Err(CountError::Invalid(format!(
                    "the Add1 completion did not settle within {MAX_RUNS} runs"
                )));
            }
            let next_unit = (share / unit).floor() * unit + unit;
            if next_unit <= share {
                // Amounts beyond f64's whole-unit precision.
                return Err(CountError::Invalid(
                    "the budget is too large for the Add1 completion".into(),
                ));
            }
            if next_unit > ceiling {
                break;
            }
            let target = (next_unit + jump - unit).min(ceiling);
            if target > next_unit {
                // Does every whole share up to `target` keep the outcome?
                runs += 1;
                match solver.certify(&best, target) {
                    Some(run) => {
                        share = target;
                        best = run;
                        jump *= 2.0;
                    }
                    None => {
                        jump = (jump / 4.0 / unit).floor().max(1.0) * unit;
                        steady = 0;
                    }
                }
                continue;
            }
            let run = solver.run(next_unit);
            runs += 1;
            if solver.cost_of(&run.selected) > election.budget {
                break;
            }
            if run.selected == best.selected {
                steady += 1;
                if steady >= 2 {
                    jump = 2.0 * unit;
                }
            } else {
                steady = 0;
            }
            share = next_unit;
            best = run;
        }
    }
    let n = election.projects.len();
    let mut results: Vec<ProjectResult> = (0..n)
        .map(|p| ProjectResult {
            score: scores[p],
            selected: false,
            funding: None,
            reason: Some(if solver.groups.supporters[p].is_empty() {
                Reason::NoSupport
            } else {
                Reason::NotReachedByEqualShares {
                    supporters_money: best.supporters_money[p].floor() as Money,
                }
            }),
        })
        .collect();
    let mut order = best.selected.clone();
    for &p in &order {
        results[p].selected = true;
        results[p].funding = Some(Funding::EqualShares);
        results[p].reason = None;
    }
    if add1 {
        let mut remaining = election.budget - solver.cost_of(&order);
        for p in by_score(election, scores, tie_break) {
            if !results[p].selected && election.projects[p].cost <= remaining {
                remaining -= election.projects[p].cost;
                order.push(p);
                results[p].selected = true;
                results[p].funding = Some(Funding::Completion);
                results[p].reason = None;
            }
        }
    }
    let mut outcome = finish(election, rule, tie_break, results, order);
    outcome.equal_shares = Some(EqualSharesInfo {
        per_voter: share.floor() as Money,
        runs,
    });
    Ok(outcome)
}

/// The projects Equal Shares buys, in purchase order, when every voter's
/// share is `share` minor units (a fraction when the budget does not divide
/// evenly; no completion) — for pages that explain an outcome, and to check
/// the Add1 skip-ahead against the plain loop.
pub fn with_share(election: &Election, share: f64) -> Result<Vec<usize>, CountError> {
    election.validate()?;
    if election.kind == BallotKind::Ordinal {
        return Err(CountError::Unsupported {
            rule: "equalshares",
            kind: "ordinal",
        });
    }
    let scores = super::score::scores(election);
    Ok(Solver::new(election, &scores).run(share).selected)
}
