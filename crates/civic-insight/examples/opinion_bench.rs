//! Benchmark driver (run by `bench/insight/run.sh`): reads a votes CSV made
//! by `gen_votes.py`, analyses it from cold, optionally writes the JSON,
//! scores the groups against the planted ones (adjusted Rand index over
//! participants with at least 7 votes) and times an incremental update.
//!
//! Usage: opinion_bench VOTES.csv [--groups FILE.groups.csv] [--seed N]
//!        [--out result.json] [--update N_VOTES] [--repeat N] [--silhouette]
//! (`--silhouette`: number of groups by silhouette instead of held-out votes.)

#[path = "../tests/common/ari.rs"]
mod ari;

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::time::Instant;

use civic_insight::{KChoice, OpinionEngine, OpinionResult, Params, ParticipantId, Vote, analyse, read_votes_csv};
use rand::{Rng, SeedableRng};

fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| v.parse().unwrap_or_else(|_| panic!("bad value for {name}")))
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn score(result: &OpinionResult, groups_csv: &str) -> f64 {
    let planted: Vec<usize> = std::fs::read_to_string(groups_csv)
        .expect("groups file")
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    let (mut found, mut truth) = (Vec::new(), Vec::new());
    for p in &result.participants {
        if p.n_votes >= 7
            && let ParticipantId::Int(id) = p.id
        {
            // Participants below min_votes have no group; with min_votes = 7
            // every participant scored here has one.
            found.push(p.group.map_or(usize::MAX, |g| g));
            truth.push(planted[id as usize]);
        }
    }
    ari::adjusted_rand_index(&found, &truth)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let votes_path = args.first().expect("usage: opinion_bench VOTES.csv [options]").clone();
    let seed: u64 = arg(&args, "--seed").unwrap_or(1);
    let update: usize = arg(&args, "--update").unwrap_or(0);
    let repeat: usize = arg(&args, "--repeat").unwrap_or(1);
    let params = Params {
        seed,
        k_choice: if args.iter().any(|a| a == "--silhouette") {
            KChoice::Silhouette
        } else {
            KChoice::HeldOutVotes
        },
        ..Params::default()
    };

    let t_total = Instant::now();
    let t = Instant::now();
    let file = File::open(&votes_path).expect("votes file");
    let matrix = read_votes_csv(BufReader::with_capacity(1 << 20, file)).expect("valid CSV");
    let read_ms = ms(t);
    let t = Instant::now();
    let result = analyse(&matrix, &params).expect("valid params");
    let analyse_ms = ms(t);
    let mut write_ms = 0.0;
    if let Some(out) = arg::<String>(&args, "--out") {
        let t = Instant::now();
        let mut w = BufWriter::new(File::create(out).expect("out file"));
        serde_json::to_writer(&mut w, &result).expect("json");
        drop(w);
        write_ms = ms(t);
    }
    let total_ms = ms(t_total);
    println!(
        "participants {} statements {} votes {} grouped {}",
        result.n_participants, result.n_statements, result.n_votes, result.n_grouped
    );
    println!(
        "cold: read_csv {read_ms:.1} ms, analyse {analyse_ms:.1} ms, write_json {write_ms:.1} ms, total {total_ms:.1} ms"
    );
    println!(
        "groups {} sizes {:?} silhouette {:.3} explained {:.3}/{:.3}; consensus agree {} disagree {}; divisive {}",
        result.groups.len(),
        result.groups.iter().map(|g| g.size).collect::<Vec<_>>(),
        result.silhouette,
        result.explained_variance[0],
        result.explained_variance[1],
        result.consensus.agree.len(),
        result.consensus.disagree.len(),
        result.divisive.len()
    );
    if let Some(groups_csv) = arg::<String>(&args, "--groups") {
        println!(
            "ARI vs planted (participants with >= 7 votes): {:.4}",
            score(&result, &groups_csv)
        );
    }
    for i in 1..repeat {
        let t = Instant::now();
        let again = analyse(&matrix, &params).expect("valid params");
        assert_eq!(again, result, "analysis must be deterministic");
        println!("analyse repeat {i}: {:.1} ms", ms(t));
    }

    if update > 0 {
        // Five successive batches of `update` random votes (new pairs and
        // changed ones), each applied and recomputed warm; compared with a
        // from-scratch analysis of the same in-memory votes.
        let mut engine = OpinionEngine::new(matrix, params.clone()).expect("valid params");
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(seed ^ 0xabcd);
        let (mut warm_ms, mut cold_ms) = (Vec::new(), Vec::new());
        for round in 1..=5 {
            let (n_p, n_s) = (engine.matrix().n_participants(), engine.matrix().n_statements());
            let batch: Vec<Vote> = (0..update)
                .map(|_| Vote {
                    participant: engine.matrix().participants()[rng.random_range(0..n_p)].clone(),
                    statement: engine.matrix().statements()[rng.random_range(0..n_s)],
                    vote: rng.random_range(-1..=1),
                })
                .collect();
            let before = engine.result().clone();
            let t = Instant::now();
            let updated = engine.update(&batch).expect("valid votes").clone();
            warm_ms.push(ms(t));
            let t = Instant::now();
            let scratch = analyse(engine.matrix(), &params).expect("valid params");
            cold_ms.push(ms(t));
            let moved = updated
                .participants
                .iter()
                .zip(&before.participants)
                .filter(|(a, b)| a.group != b.group)
                .count();
            let sizes = |r: &OpinionResult| r.groups.iter().map(|g| g.size).collect::<Vec<_>>();
            println!(
                "update round {round}: {update} votes in {:.1} ms (analyse from scratch {:.1} ms); \
                 groups {:?} (scratch {:?}); participants whose group changed: {moved}",
                warm_ms[round - 1],
                cold_ms[round - 1],
                sizes(&updated),
                sizes(&scratch)
            );
        }
        println!(
            "update median: {:.1} ms; analyse from scratch median: {:.1} ms",
            median(&mut warm_ms),
            median(&mut cold_ms)
        );
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
