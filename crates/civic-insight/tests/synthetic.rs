//! Planted-group conversations from `bench/insight/gen_votes.py`: the engine
//! must find the planted groups, consensus and divisive statements.
//! Needs Python 3 with numpy (`pip install numpy`); fails, never skips,
//! without it.

mod common;

use civic_insight::{OpinionEngine, OpinionResult, Params, ParticipantId, Vote, analyse, read_votes_csv};
use common::ari::adjusted_rand_index;
use common::synthetic::{Conversation, Shape, generate};

/// ARI between found and planted groups over participants with >= 7 votes.
fn ari_vs_planted(result: &OpinionResult, planted: &[usize]) -> f64 {
    let (found, truth): (Vec<usize>, Vec<usize>) = result
        .participants
        .iter()
        .filter(|p| p.n_votes >= 7)
        .map(|p| {
            let ParticipantId::Int(id) = p.id else {
                panic!("gen_votes.py ids are integers")
            };
            (
                p.group.expect("participants with 7 votes are grouped"),
                planted[id as usize],
            )
        })
        .unzip();
    adjusted_rand_index(&found, &truth)
}

fn read(conv: &Conversation) -> civic_insight::VoteMatrix {
    read_votes_csv(std::fs::File::open(&conv.votes_csv).unwrap()).unwrap()
}

/// The 2,000 × 600 × 225,000 shape with 3 planted groups (seed 1).
#[test]
fn planted_groups_consensus_and_divisive_statements_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let conv = generate(
        dir.path(),
        &Shape {
            participants: 2000,
            comments: 600,
            votes: 225_000,
            groups: 3,
            seed: 1,
        },
    );
    let matrix = read(&conv);
    assert_eq!(matrix.n_votes(), 225_000);
    let params = Params {
        seed: 11,
        ..Params::default()
    };
    let result = analyse(&matrix, &params).unwrap();
    assert!(result.is_finite());

    assert_eq!(result.groups.len(), 3, "the planted number of groups");
    let ari = ari_vs_planted(&result, &conv.planted);
    assert!(ari >= 0.95, "ARI {ari:.4} < 0.95");

    // Consensus: every comment planted as consensus (spread 0.3) that every
    // group is expected to agree with at least 65 % of the time (passes
    // included) is found; nothing found is disagreed with by a group's
    // majority (the "consensus" of one group agreeing 45 % would be wrong).
    let statement = |id: u64| conv.comments[id as usize];
    for (c, planted) in conv.comments.iter().enumerate() {
        if planted.consensus && planted.min_agree >= 0.65 {
            assert!(
                result.consensus.agree.contains(&(c as u64)),
                "consensus agree {c} missed: {planted:?}"
            );
        }
        if planted.consensus && planted.min_disagree >= 0.65 {
            assert!(
                result.consensus.disagree.contains(&(c as u64)),
                "consensus disagree {c} missed: {planted:?}"
            );
        }
    }
    assert!(!result.consensus.agree.is_empty() && !result.consensus.disagree.is_empty());
    for &c in &result.consensus.agree {
        assert!(
            statement(c).min_agree > 0.4 && statement(c).max_disagree < 0.5,
            "{c}: {:?}",
            statement(c)
        );
    }
    for &c in &result.consensus.disagree {
        assert!(
            statement(c).min_disagree > 0.4 && statement(c).max_agree < 0.5,
            "{c}: {:?}",
            statement(c)
        );
    }

    // Divisive statements are planted divisive ones (spread 3), with groups
    // really far apart.
    assert_eq!(result.divisive.len(), params.max_divisive);
    for &c in &result.divisive {
        let p = statement(c);
        assert!(!p.consensus && p.max_agree - p.min_agree > 0.4, "{c}: {p:?}");
    }

    // Representative statements: each group has some, and each is one the
    // group votes on differently from at least one other planted group.
    for g in &result.groups {
        assert!(!g.representative.is_empty(), "group {} has none", g.id);
        for &c in &g.representative {
            let p = statement(c);
            assert!(p.max_agree - p.min_agree > 0.2, "{c}: {p:?}");
        }
    }

    // Counts add up to the votes.
    let total: u32 = result.statements.iter().map(|s| s.agree + s.disagree + s.pass).sum();
    assert_eq!(total as usize, result.n_votes);

    // Determinism.
    assert_eq!(analyse(&matrix, &params).unwrap(), result);
}

/// Recomputing after a batch of new votes, warm-started, keeps the groups
/// (same ids, almost the same members) and agrees with a cold recompute.
#[test]
fn incremental_update_is_stable_and_matches_a_cold_recompute() {
    let dir = tempfile::tempdir().unwrap();
    let conv = generate(
        dir.path(),
        &Shape {
            participants: 1500,
            comments: 300,
            votes: 90_000,
            groups: 3,
            seed: 5,
        },
    );
    let full = read(&conv);
    // Hold back every 20th vote of the file, then feed it as one batch.
    let mut first = Vec::new();
    let mut held = Vec::new();
    for p in 0..full.n_participants() {
        let (ss, vs) = full.participant_votes(p);
        for (i, (&s, &v)) in ss.iter().zip(vs).enumerate() {
            let vote = Vote {
                participant: full.participants()[p].clone(),
                statement: full.statements()[s as usize],
                vote: v,
            };
            if (p + i) % 20 == 0 {
                held.push(vote)
            } else {
                first.push(vote)
            }
        }
    }
    let initial =
        civic_insight::VoteMatrix::from_votes(first.iter().map(|v| (v.participant.clone(), v.statement, v.vote)))
            .unwrap();
    let params = Params::default();
    let mut engine = OpinionEngine::new(initial, params.clone()).unwrap();
    let before = engine.result().clone();
    let after = engine.update(&held).unwrap().clone();
    assert_eq!(after.n_votes, full.n_votes());
    let cold = analyse(&full, &params).unwrap();

    assert_eq!(after.groups.len(), before.groups.len());
    assert_eq!(after.groups.len(), cold.groups.len());
    assert!(ari_vs_planted(&after, &conv.planted) >= 0.95);
    // Group ids follow the previous ones: a participant grouped in both
    // keeps their group id (allowing the few who moved).
    let mut same = 0;
    let mut both = 0;
    for p in &before.participants {
        if let (Some(a), Some(b)) = (p.group, after.group_of(&p.id)) {
            both += 1;
            same += usize::from(a == b);
        }
    }
    assert!(same as f64 >= 0.97 * both as f64, "{same} of {both} kept their group");
    // The warm start lands where a cold start does (up to relabelling).
    let warm_labels: Vec<usize> = after.participants.iter().map(|p| p.group.unwrap_or(9)).collect();
    let cold_labels: Vec<usize> = cold.participants.iter().map(|p| p.group.unwrap_or(9)).collect();
    assert!(adjusted_rand_index(&warm_labels, &cold_labels) >= 0.97);
    // Overall counts do not depend on the groups: they must be identical.
    let overall = |r: &OpinionResult| -> Vec<(u64, u32, u32, u32)> {
        r.statements
            .iter()
            .map(|s| (s.id, s.agree, s.disagree, s.pass))
            .collect()
    };
    assert_eq!(overall(&after), overall(&cold));
}
