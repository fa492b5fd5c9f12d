//! End-to-end behaviour on hand-worked conversations and on degenerate input.

use civic_insight::{
    Direction, InsightError, OpinionEngine, OpinionResult, Params, ParticipantId, Vote, VoteMatrix, analyse,
    run_opinion_cli,
};

/// Two camps of 8 participants on statements 1..=9. Camp A (ids a0..a7)
/// agrees with 1-4 and disagrees with 5-8; camp B (b0..b7) the opposite;
/// everyone agrees with 9. Latecomer `late` agrees with 1 and 2 only.
fn two_camps() -> VoteMatrix {
    let mut votes = Vec::new();
    for camp in ["a", "b"] {
        let sign = if camp == "a" { 1 } else { -1 };
        for i in 0..8 {
            let id = format!("{camp}{i}");
            for s in 1..=8u64 {
                let v = if s <= 4 { sign } else { -sign };
                votes.push((ParticipantId::from(id.as_str()), s, v));
            }
            votes.push((ParticipantId::from(id.as_str()), 9, 1));
        }
    }
    votes.push(("late".into(), 1, 1));
    votes.push(("late".into(), 2, 1));
    VoteMatrix::from_votes(votes).unwrap()
}

fn members(result: &OpinionResult, g: usize) -> Vec<String> {
    result.groups[g].participants.iter().map(|p| p.to_string()).collect()
}

/// Worked numbers for a group of 8 that all agree, against a rest of 8 that
/// all disagree (Polis pseudo-counts):
/// * group share (8+1)/(8+2) = 0.9, rest share (0+1)/(8+2) = 0.1;
/// * z_group = 2·√9·(9/9 − ½) = 3;
/// * z_vs_rest: p1 = 9/9, p2 = 1/9, pooled 10/18, variance
///   (5/9)(4/9)(2/9) = 40/729, z = (8/9)/√(40/729) = 3.79473.
///
/// All eight split statements tie on the metric, so ties go to the lower
/// id: 1, 2, 3, 4 (agree for camp A) and 5 (disagree).
#[test]
fn two_camps_by_hand() {
    let result = analyse(&two_camps(), &Params::default()).unwrap();
    assert!(result.is_finite());
    assert_eq!(result.groups.len(), 2);
    assert_eq!(result.n_grouped, 16);
    let (a, b) = if members(&result, 0)[0].starts_with('a') {
        (0, 1)
    } else {
        (1, 0)
    };
    assert_eq!(members(&result, a), (0..8).map(|i| format!("a{i}")).collect::<Vec<_>>());
    assert_eq!(members(&result, b), (0..8).map(|i| format!("b{i}")).collect::<Vec<_>>());

    let reps = &result.groups[a].representative_details;
    assert_eq!(result.groups[a].representative, vec![1, 2, 3, 4, 5]);
    assert_eq!(reps[0].direction, Direction::Agree);
    assert_eq!(reps[4].direction, Direction::Disagree);
    assert!((reps[0].group_share - 0.9).abs() < 1e-12);
    assert!((reps[0].rest_share - 0.1).abs() < 1e-12);
    assert!((reps[0].z_group - 3.0).abs() < 1e-12);
    assert!((reps[0].z_vs_rest - 3.794_733).abs() < 1e-6);
    assert_eq!(result.groups[b].representative, vec![1, 2, 3, 4, 5]);
    assert_eq!(
        result.groups[b].representative_details[0].direction,
        Direction::Disagree
    );

    // Statement 9: both groups 8 of 8 → consensus; 1-8 all divisive
    // (two-proportion z 3.79 > 1.645), tied, so by id.
    assert_eq!(result.consensus.agree, vec![9]);
    assert!(result.consensus.disagree.is_empty());
    assert_eq!(result.divisive, vec![1, 2, 3, 4, 5, 6, 7, 8]);

    // The latecomer (2 votes < 7) is on camp A's side of the map but in no group.
    let late = result.participants.iter().find(|p| p.id == "late".into()).unwrap();
    assert_eq!(late.group, None);
    assert_eq!(late.n_votes, 2);
    assert!(late.x * result.groups[a].x > 0.0);

    // Statement counts: 9 has 16 agrees, 8 in each group.
    let s9 = result.statements.iter().find(|s| s.id == 9).unwrap();
    assert_eq!((s9.agree, s9.disagree, s9.pass), (16, 0, 0));
    assert_eq!(s9.groups[a].agree, 8);
    let s1 = result.statements.iter().find(|s| s.id == 1).unwrap();
    assert_eq!((s1.agree, s1.disagree), (9, 8));
    assert_eq!((s1.groups[a].agree, s1.groups[b].disagree), (8, 8));
}

#[test]
fn no_votes_gives_an_empty_result() {
    let empty = VoteMatrix::from_votes(Vec::<(u64, u64, i8)>::new()).unwrap();
    let result = analyse(&empty, &Params::default()).unwrap();
    assert_eq!(result.n_participants, 0);
    assert!(result.groups.is_empty() && result.participants.is_empty() && result.statements.is_empty());
    assert!(result.consensus.agree.is_empty() && result.divisive.is_empty());
    assert!(result.is_finite());
    serde_json::to_string(&result).unwrap();
}

#[test]
fn one_participant_is_one_group() {
    let m = VoteMatrix::from_votes([(7u64, 1, 1), (7, 2, -1), (7, 3, 0)]).unwrap();
    let result = analyse(&m, &Params::default()).unwrap();
    assert!(result.is_finite());
    assert_eq!(result.groups.len(), 1);
    assert_eq!(result.groups[0].participants, vec![ParticipantId::Int(7)]);
    assert!(result.groups[0].representative.is_empty());
    assert!(result.divisive.is_empty());
}

#[test]
fn one_statement_splits_agree_from_disagree() {
    let votes = (0..10u64).map(|p| (p, 42u64, if p < 6 { 1 } else { -1 }));
    let result = analyse(&VoteMatrix::from_votes(votes).unwrap(), &Params::default()).unwrap();
    assert!(result.is_finite());
    assert_eq!(result.groups.len(), 2);
    assert_eq!(result.groups[0].size, 6);
    assert_eq!(
        result.groups[0].participants,
        (0..6u64).map(ParticipantId::Int).collect::<Vec<_>>()
    );
    assert_eq!(result.divisive, vec![42]);
}

#[test]
fn everyone_agreeing_is_one_group_with_consensus() {
    let votes = (0..20u64).flat_map(|p| (1..=10u64).map(move |s| (p, s, 1i8)));
    let result = analyse(&VoteMatrix::from_votes(votes).unwrap(), &Params::default()).unwrap();
    assert!(result.is_finite());
    assert_eq!(result.groups.len(), 1);
    assert_eq!(result.groups[0].size, 20);
    assert_eq!(result.consensus.agree, (1..=10).collect::<Vec<u64>>());
    assert!(result.divisive.is_empty() && result.groups[0].representative.is_empty());
    assert_eq!(result.explained_variance, [0.0, 0.0]);
}

#[test]
fn bad_parameters_are_typed_errors() {
    let m = two_camps();
    let (four, two) = (4, 2); // a reversed range, as a caller might build one
    for k_range in [1..=3, four..=two, 2..=50] {
        let params = Params {
            k_range,
            ..Params::default()
        };
        assert!(matches!(analyse(&m, &params), Err(InsightError::InvalidParams(_))));
        assert!(OpinionEngine::new(m.clone(), params).is_err());
    }
}

#[test]
fn update_with_a_bad_vote_changes_nothing() {
    let mut engine = OpinionEngine::new(two_camps(), Params::default()).unwrap();
    let before = engine.result().clone();
    let batch = [
        Vote {
            participant: "late".into(),
            statement: 3,
            vote: 1,
        },
        Vote {
            participant: "late".into(),
            statement: 4,
            vote: 3,
        },
    ];
    assert!(matches!(engine.update(&batch), Err(InsightError::InvalidVote(3))));
    assert_eq!(engine.result(), &before);
    assert_eq!(engine.matrix().n_votes(), before.n_votes);
}

/// The latecomer votes six more times like camp A: with 8 votes they join
/// camp A's group, which becomes the larger one but keeps its id; a
/// repeated vote replaces the earlier one.
#[test]
fn update_brings_a_latecomer_into_a_group() {
    let mut engine = OpinionEngine::new(two_camps(), Params::default()).unwrap();
    let a_group = engine.result().group_of(&"a0".into()).unwrap();
    let mut batch: Vec<Vote> = (3..=8u64)
        .map(|s| Vote {
            participant: "late".into(),
            statement: s,
            vote: if s <= 4 { 1 } else { -1 },
        })
        .collect();
    batch.push(Vote {
        participant: "late".into(),
        statement: 8,
        vote: 0,
    });
    let result = engine.update(&batch).unwrap();
    assert_eq!(result.group_of(&"late".into()), Some(a_group));
    let late = result.participants.iter().find(|p| p.id == "late".into()).unwrap();
    assert_eq!(late.n_votes, 8);
    let s8 = result.statements.iter().find(|s| s.id == 8).unwrap();
    assert_eq!(s8.pass, 1);
}

/// The CLI writes the documented JSON shape, with ids as given.
#[test]
fn cli_writes_documented_json() {
    let dir = tempfile::tempdir().unwrap();
    let votes = dir.path().join("votes.csv");
    let mut csv = String::from("participant,comment,vote\n");
    for line in two_camps_csv() {
        csv.push_str(&line);
        csv.push('\n');
    }
    std::fs::write(&votes, csv).unwrap();
    let out = dir.path().join("result.json");
    let summary = run_opinion_cli(&votes, &out, 3).unwrap();
    assert_eq!((summary.groups, summary.grouped, summary.votes), (2, 16, 146));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let group = &json["groups"][0];
    assert!(group["id"].is_u64() && group["participants"][0].is_string());
    assert!(group["representative"][0].is_u64());
    assert_eq!(json["consensus"]["agree"], serde_json::json!([9]));
    assert!(json["consensus"]["disagree"].is_array() && json["divisive"].is_array());
    let p = &json["participants"][0];
    assert_eq!(p["id"], "a0");
    assert!(p["x"].is_f64() && p["y"].is_f64() && p["group"].is_u64());
    assert_eq!(json["participants"][16]["id"], 17); // integer ids stay numbers
    assert!(json["participants"][16]["group"].is_null());
    let s = &json["statements"][0];
    assert_eq!((s["id"].as_u64(), s["agree"].as_u64()), (Some(1), Some(9)));
    assert_eq!(s["groups"].as_array().unwrap().len(), 2);
    // And it reads back into the typed result.
    let typed: OpinionResult = serde_json::from_value(json).unwrap();
    assert_eq!(typed.groups.len(), 2);
}

fn two_camps_csv() -> Vec<String> {
    let mut lines = Vec::new();
    for camp in ["a", "b"] {
        let sign = if camp == "a" { 1 } else { -1 };
        for i in 0..8 {
            for s in 1..=8 {
                let v = if s <= 4 { sign } else { -sign };
                lines.push(format!("{camp}{i},{s},{v}"));
            }
            lines.push(format!("{camp}{i},9,1"));
        }
    }
    lines.push("17,1,1".into());
    lines.push("17,2,-1".into());
    lines
}

/// Two camps of 30 split on statements 1-4. Statement 5: camp A agrees
/// 30 of 30, camp B 20 of 30. Both groups significantly agree, so it is a
/// consensus; the groups also differ significantly in how much (z ≈ 3.5),
/// which alone made it "divisive" too. A reader cannot be told both, so
/// consensus wins and it is left out of the divisive list.
#[test]
fn a_consensus_statement_is_never_also_divisive() {
    let mut votes = Vec::new();
    for camp in ["a", "b"] {
        let sign = if camp == "a" { 1 } else { -1 };
        for i in 0..30 {
            let id = ParticipantId::from(format!("{camp}{i}").as_str());
            for s in 1..=4u64 {
                votes.push((id.clone(), s, sign));
            }
            let fifth = if camp == "a" || i < 20 { 1 } else { -1 };
            votes.push((id, 5, fifth));
        }
    }
    let result = analyse(&VoteMatrix::from_votes(votes).unwrap(), &Params::default()).unwrap();
    assert_eq!(result.groups.len(), 2);
    assert!(result.consensus.agree.contains(&5), "{:?}", result.consensus);
    assert!(!result.divisive.contains(&5), "{:?}", result.divisive);
    assert_eq!(result.divisive, vec![1, 2, 3, 4]);
    for id in result.consensus.agree.iter().chain(&result.consensus.disagree) {
        assert!(!result.divisive.contains(id), "statement {id} is both");
    }
}
