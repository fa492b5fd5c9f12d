//! Held-out vote prediction on real Polis conversations (run by
//! `bench/insight/heldout.sh`; method and figures in `docs/insight/heldout.md`).
//!
//! For each conversation directory holding a Polis `participants-votes.csv`
//! export: hide a random 10 % of the agree / disagree votes, compute groups on
//! the remaining votes, and predict each hidden vote by the majority (agree
//! vs disagree) of its participant's group on that statement; when the
//! participant has no group, or the group has no agree / disagree vote there
//! or is tied, the statement's overall majority is used (agree on a tie).
//! Three groupings are compared on the same split: none (statement majority
//! only), the groups Polis assigned (the `group-id` column, computed by Polis
//! from all votes, hidden ones included) and this engine's.
//!
//! Usage: heldout DIR... [--splits N] [--fraction F] [--seed S]
//!        [--min-votes N] [--k-min N] [--k-max N] [--silhouette] [--no-refine]
//!        [--quiet]
//! (`--silhouette`: choose the number of groups by silhouette, as before
//! `KChoice::HeldOutVotes` became the default.)

use std::collections::HashMap;

use civic_insight::{KChoice, Params, ParticipantId, VoteMatrix, analyse};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| v.parse().unwrap_or_else(|_| panic!("bad value for {name}")))
}

/// One conversation: votes as (participant index, statement id, vote) and
/// the group Polis gave each participant (if any).
struct Conversation {
    name: String,
    participants: Vec<u64>,
    polis_group: Vec<Option<usize>>,
    votes: Vec<(usize, u64, i8)>,
    n_statements: usize,
}

fn load(dir: &str) -> Result<Conversation, String> {
    let path = format!("{dir}/participants-votes.csv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or(format!("{path}: empty"))?.split(',').collect();
    let first = header
        .iter()
        .position(|h| h.parse::<u64>().is_ok())
        .ok_or(format!("{path}: no statement columns"))?;
    let group_col = header
        .iter()
        .position(|h| *h == "group-id")
        .ok_or(format!("{path}: no group-id column"))?;
    let statements: Vec<u64> = header[first..]
        .iter()
        .map(|h| h.parse().map_err(|_| format!("{path}: bad statement column {h:?}")))
        .collect::<Result<_, _>>()?;
    let mut conv = Conversation {
        name: dir.trim_end_matches('/').rsplit('/').next().unwrap_or(dir).to_owned(),
        participants: Vec::new(),
        polis_group: Vec::new(),
        votes: Vec::new(),
        n_statements: statements.len(),
    };
    for (n, line) in lines.enumerate().filter(|(_, l)| !l.is_empty()) {
        let bad = |what: &str| format!("{path}:{}: {what}", n + 2);
        let f: Vec<&str> = line.split(',').collect();
        if f.len() > header.len() {
            return Err(bad("more cells than the header"));
        }
        let p = conv.participants.len();
        conv.participants
            .push(f[0].parse().map_err(|_| bad("bad participant id"))?);
        conv.polis_group.push(f.get(group_col).and_then(|g| g.parse().ok()));
        for (cell, &s) in f.iter().skip(first).zip(&statements) {
            if !cell.is_empty() {
                let v: i8 = cell.parse().map_err(|_| bad("bad vote"))?;
                if !(-1..=1).contains(&v) {
                    return Err(bad("vote outside -1..=1"));
                }
                conv.votes.push((p, s, v));
            }
        }
    }
    Ok(conv)
}

#[derive(Default, Clone, Copy)]
struct Tally {
    correct: [usize; 4],
    total: usize,
}

/// Majority vote (agree = 1, disagree = -1) of `counts` = (agree, disagree),
/// `None` when tied or empty.
fn majority((a, d): (u32, u32)) -> Option<i8> {
    match a.cmp(&d) {
        std::cmp::Ordering::Greater => Some(1),
        std::cmp::Ordering::Less => Some(-1),
        std::cmp::Ordering::Equal => None,
    }
}

struct SplitResult {
    tally: Tally,
    engine_k: usize,
}

/// Group of every participant (by index) under the engine, from `votes`.
fn engine_groups(
    conv: &Conversation,
    votes: impl Iterator<Item = (usize, u64, i8)>,
    params: &Params,
) -> (Vec<Option<usize>>, usize) {
    let matrix = VoteMatrix::from_votes(votes.map(|(p, s, v)| (ParticipantId::Int(conv.participants[p]), s, v)))
        .expect("votes checked by load");
    let result = analyse(&matrix, params).expect("valid params");
    let by_id: HashMap<u64, Option<usize>> = result
        .participants
        .iter()
        .map(|pp| match pp.id {
            ParticipantId::Int(id) => (id, pp.group),
            ParticipantId::Text(_) => unreachable!("integer ids"),
        })
        .collect();
    let groups = conv
        .participants
        .iter()
        .map(|id| by_id.get(id).copied().flatten())
        .collect();
    (groups, result.groups.len())
}

fn run_split(conv: &Conversation, fraction: f64, seed: u64, params: &Params, leaky: &[Option<usize>]) -> SplitResult {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    // Uniform sample of the agree / disagree votes; passes always stay.
    let hidden: Vec<bool> = conv
        .votes
        .iter()
        .map(|&(_, _, v)| v != 0 && rng.random::<f64>() < fraction)
        .collect();
    let train = conv.votes.iter().zip(&hidden).filter(|(_, h)| !**h).map(|(&t, _)| t);
    let (engine_group, engine_k) = engine_groups(conv, train, params);

    // (agree, disagree) counts on the training votes: overall per statement,
    // and per (grouping, group, statement).
    let mut overall: HashMap<u64, (u32, u32)> = HashMap::new();
    let mut by_group: [HashMap<(usize, u64), (u32, u32)>; 3] = Default::default();
    let engine_group: &[Option<usize>] = &engine_group;
    let groupings: [&[Option<usize>]; 3] = [&conv.polis_group, engine_group, leaky];
    for (&(p, s, v), &h) in conv.votes.iter().zip(&hidden) {
        if h || v == 0 {
            continue;
        }
        let bump = |c: &mut (u32, u32)| {
            if v > 0 { c.0 += 1 } else { c.1 += 1 }
        };
        bump(overall.entry(s).or_default());
        for (counts, grouping) in by_group.iter_mut().zip(groupings) {
            if let Some(g) = grouping[p] {
                bump(counts.entry((g, s)).or_default());
            }
        }
    }
    let mut tally = Tally::default();
    for (&(p, s, v), &h) in conv.votes.iter().zip(&hidden) {
        if !h {
            continue;
        }
        tally.total += 1;
        let base = majority(overall.get(&s).copied().unwrap_or_default()).unwrap_or(1);
        tally.correct[0] += usize::from(base == v);
        for (m, (counts, grouping)) in by_group.iter().zip(groupings).enumerate() {
            let guess = grouping[p]
                .and_then(|g| majority(counts.get(&(g, s)).copied().unwrap_or_default()))
                .unwrap_or(base);
            tally.correct[m + 1] += usize::from(guess == v);
        }
    }
    SplitResult { tally, engine_k }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dirs = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i].starts_with("--") {
            let flag = ["--no-refine", "--quiet", "--silhouette"].contains(&args[i].as_str());
            i += if flag { 1 } else { 2 };
        } else {
            dirs.push(args[i].clone());
            i += 1;
        }
    }
    assert!(!dirs.is_empty(), "usage: heldout DIR... [options]");
    let splits: u64 = arg(&args, "--splits").unwrap_or(10);
    let fraction: f64 = arg(&args, "--fraction").unwrap_or(0.1);
    let seed: u64 = arg(&args, "--seed").unwrap_or(0);
    let quiet = args.iter().any(|a| a == "--quiet");
    let defaults = Params::default();
    let params = Params {
        min_votes: arg(&args, "--min-votes").unwrap_or(defaults.min_votes),
        k_range: arg(&args, "--k-min").unwrap_or(*defaults.k_range.start())
            ..=arg(&args, "--k-max").unwrap_or(*defaults.k_range.end()),
        refine_groups: defaults.refine_groups && !args.iter().any(|a| a == "--no-refine"),
        k_choice: if args.iter().any(|a| a == "--silhouette") {
            KChoice::Silhouette
        } else {
            defaults.k_choice
        },
        ..defaults
    };

    if !quiet {
        println!(
            "| conversation | participants | statements | votes | held out | Polis k | engine k | none | Polis | engine | engine − Polis | engine, all votes |"
        );
        println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    }
    let mut pooled = Tally::default();
    let (mut wins, mut ties, mut losses) = (0, 0, 0);
    for dir in &dirs {
        let conv = match load(dir) {
            Ok(conv) => conv,
            Err(e) => {
                eprintln!("heldout: {e}");
                std::process::exit(2);
            }
        };
        let mut tally = Tally::default();
        let mut ks = Vec::new();
        // The engine on all votes, hidden ones included, as Polis' groups were
        // computed: shows how much knowing the hidden votes is worth.
        let (leaky, _) = engine_groups(&conv, conv.votes.iter().copied(), &params);
        for split in 0..splits {
            let r = run_split(&conv, fraction, seed.wrapping_add(split), &params, &leaky);
            for m in 0..4 {
                tally.correct[m] += r.tally.correct[m];
            }
            tally.total += r.tally.total;
            ks.push(r.engine_k);
        }
        for m in 0..4 {
            pooled.correct[m] += tally.correct[m];
        }
        pooled.total += tally.total;
        let acc = |m: usize| tally.correct[m] as f64 / tally.total.max(1) as f64;
        let diff = acc(2) - acc(1);
        match tally.correct[2].cmp(&tally.correct[1]) {
            std::cmp::Ordering::Greater => wins += 1,
            std::cmp::Ordering::Equal => ties += 1,
            std::cmp::Ordering::Less => losses += 1,
        }
        ks.sort_unstable();
        let polis_k = {
            let mut g: Vec<usize> = conv.polis_group.iter().flatten().copied().collect();
            g.sort_unstable();
            g.dedup();
            g.len()
        };
        if !quiet {
            println!(
                "| {} | {} | {} | {} | {} | {} | {} | {:.4} | {:.4} | {:.4} | {:+.4} | {:.4} |",
                conv.name,
                conv.participants.len(),
                conv.n_statements,
                conv.votes.len(),
                tally.total,
                polis_k,
                if ks.first() == ks.last() {
                    format!("{}", ks[0])
                } else {
                    format!("{}–{}", ks[0], ks[ks.len() - 1])
                },
                acc(0),
                acc(1),
                acc(2),
                diff,
                acc(3)
            );
        }
    }
    let acc = |m: usize| pooled.correct[m] as f64 / pooled.total.max(1) as f64;
    println!(
        "pooled over {} conversations × {splits} splits, {} held-out votes: none {:.4}, Polis {:.4}, engine {:.4} (engine − Polis {:+.4}; engine better on {wins}, equal on {ties}, worse on {losses}); engine on all votes {:.4}",
        dirs.len(),
        pooled.total,
        acc(0),
        acc(1),
        acc(2),
        acc(2) - acc(1),
        acc(3)
    );
}
