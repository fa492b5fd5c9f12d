//! Counting reproduces published outcomes: real Pabulib files (see
//! `tests/fixtures/pabulib/README.md`) and worked examples from the
//! literature.

use civic_insight::pb::{
    BallotKind, Ballots, Election, Funding, MINOR_PER_UNIT, Project, Reason, Rule, TieBreak, count, mes, pabulib,
};

fn fixture(name: &str) -> pabulib::PabulibFile {
    let path = format!("{}/tests/fixtures/pabulib/{name}", env!("CARGO_MANIFEST_DIR"));
    pabulib::read(std::fs::File::open(&path).unwrap()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Ids the file marks `selected;1`.
fn published(file: &pabulib::PabulibFile) -> Vec<&str> {
    let selected = file.published_selected.as_ref().expect("a selected column");
    file.election
        .projects
        .iter()
        .zip(selected)
        .filter(|(_, s)| **s == 1)
        .map(|(p, _)| p.id.as_str())
        .collect()
}

fn counted(file: &pabulib::PabulibFile, rule: Rule) -> Vec<String> {
    let outcome = count(&file.election, rule, TieBreak::default()).unwrap();
    assert!(outcome.spent <= outcome.budget);
    outcome
        .selected_ids(&file.election)
        .into_iter()
        .map(String::from)
        .collect()
}

#[test]
fn amsterdam_rijnbuurt_west_2022_is_greedy() {
    let file = fixture("Netherlands_Amsterdam_2022_Rijnbuurt_West.pb");
    // META says greedy-custom (with a max_sum_cost ballot limit), which counts as plain greedy.
    assert_eq!(Rule::for_election(&file.election), Rule::Greedy);
    assert_eq!(counted(&file, Rule::Greedy), published(&file));
    // Greedy skipped 42188 (38,800) and 42183 (17,934) and still funded 42191 and 42195.
    let outcome = count(&file.election, Rule::Greedy, TieBreak::default()).unwrap();
    let idx = |id: &str| file.election.projects.iter().position(|p| p.id == id).unwrap();
    assert_eq!(
        outcome.projects[idx("42188")].reason,
        Some(Reason::DoesNotFit {
            remaining: 12_199 * MINOR_PER_UNIT
        })
    );
    assert!(outcome.projects[idx("42191")].selected);
    assert_eq!(outcome.spent, 99_802 * MINOR_PER_UNIT);
    // Without skipping, the count would stop at 42188.
    assert_eq!(
        counted(&file, Rule::GreedyNoSkip),
        ["42192", "42190", "42196", "42185", "42194", "42182", "42187"]
    );
}

#[test]
fn bydgoszcz_czyzkowko_2025_is_greedy_no_skip_over_a_threshold() {
    let file = fixture("Poland_Bydgoszcz_2025_Czyzkowko.pb");
    assert_eq!(file.election.kind, BallotKind::ChooseOne);
    assert_eq!(Rule::for_election(&file.election), Rule::GreedyNoSkip);
    assert_eq!(counted(&file, Rule::GreedyNoSkip), published(&file));
    assert_eq!(counted(&file, Rule::GreedyThreshold), published(&file));
    let outcome = count(&file.election, Rule::GreedyNoSkip, TieBreak::default()).unwrap();
    let idx = |id: &str| file.election.projects.iter().position(|p| p.id == id).unwrap();
    // 103 and 73 leave 1 zł; 72 (562,997) is the first miss, 351 (20,000) comes after it.
    assert_eq!(
        outcome.projects[idx("72")].reason,
        Some(Reason::DoesNotFit {
            remaining: MINOR_PER_UNIT
        })
    );
    assert_eq!(
        outcome.projects[idx("351")].reason,
        Some(Reason::AfterFirstMiss { first_miss: idx("72") })
    );
    // Scores come from VOTES: 201 for project 103.
    assert_eq!(outcome.projects[idx("103")].score, 201);
    // With a higher threshold (META min_project_score_threshold raised to 100) only 103 and 73 qualify.
    let mut election = file.election.clone();
    election.threshold = Some(civic_insight::pb::Threshold::Score(100));
    let o = count(&election, Rule::GreedyThreshold, TieBreak::default()).unwrap();
    assert_eq!(o.selected_ids(&election), ["103", "73"]);
    assert_eq!(
        o.projects[idx("72")].reason,
        Some(Reason::BelowThreshold { threshold: 100 })
    );
}

#[test]
fn swiecie_2023_is_equal_shares_with_add1() {
    let file = fixture("Poland_Swiecie_2023.pb");
    assert_eq!(Rule::for_election(&file.election), Rule::EqualSharesAdd1);
    assert_eq!(counted(&file, Rule::EqualSharesAdd1), published(&file));
    let outcome = count(&file.election, Rule::EqualSharesAdd1, TieBreak::default()).unwrap();
    // All of it bought by equal shares: the completion found nothing that fits.
    assert!(
        outcome
            .projects
            .iter()
            .filter(|r| r.selected)
            .all(|r| r.funding == Some(Funding::EqualShares))
    );
    assert_eq!(outcome.spent, 1_040_337 * MINOR_PER_UNIT);
    // Greedy would have funded the 413,000 pier (c8, 623 votes) instead.
    assert!(counted(&file, Rule::Greedy).contains(&"c8".to_string()));
}

/// The Add1 skip-ahead lands where the one-unit-at-a-time loop does.
fn add1_by_units(election: &Election) -> Vec<usize> {
    let n = election.ballots.len() as i64;
    let budget = election.budget;
    let cost = |s: &[usize]| s.iter().map(|&p| election.projects[p].cost).sum::<i64>();
    let mut best = mes::with_share(election, budget as f64 / n as f64).unwrap();
    let mut units = budget / MINOR_PER_UNIT / n;
    loop {
        units += 1;
        let next = mes::with_share(election, (units * MINOR_PER_UNIT) as f64).unwrap();
        if cost(&next) > budget {
            return best;
        }
        if units * MINOR_PER_UNIT > 10 * budget {
            return next;
        }
        best = next;
    }
}

fn mes_part(election: &Election, rule: Rule) -> Vec<usize> {
    let outcome = count(election, rule, TieBreak::default()).unwrap();
    outcome
        .selection_order
        .iter()
        .copied()
        .filter(|&p| outcome.projects[p].funding == Some(Funding::EqualShares))
        .collect()
}

#[test]
fn swiecie_add1_skip_ahead_equals_the_unit_loop() {
    let file = fixture("Poland_Swiecie_2023.pb");
    let mut skipped = mes_part(&file.election, Rule::EqualSharesAdd1);
    let mut looped = add1_by_units(&file.election);
    skipped.sort_unstable();
    looped.sort_unstable();
    assert_eq!(skipped, looped);
    let outcome = count(&file.election, Rule::EqualSharesAdd1, TieBreak::default()).unwrap();
    let info = outcome.equal_shares.unwrap();
    // The unit loop makes 244 runs (shares 420 to 663 zł); the outcome's
    // purchase order changes 13 times on the way.
    assert!(info.runs < 150, "{} runs", info.runs);
    assert_eq!(info.per_voter, 662 * MINOR_PER_UNIT);
}

/// An election of approval ballots given as project lists (ids `p0`, `p1`, …).
fn approval(costs: &[i64], budget: i64, ballots: &[&[u32]]) -> Election {
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
    let mut set = Ballots::new(false);
    for b in ballots {
        set.push(b, None).unwrap();
    }
    Election::new(budget * MINOR_PER_UNIT, projects, BallotKind::Approval, set)
}

#[test]
fn red_and_blue_majority_and_minority() {
    // Peters & Skowron's motivating example (also on equalshares.net and
    // Wikipedia, "Method of Equal Shares"): 51 % support 10 red projects,
    // 49 % 10 blue ones, the money suffices for 10. Greedy funds the 10 red;
    // Equal Shares gives each side projects in proportion: each voter has
    // 1000/100 = 10, a red project costs its 51 supporters 100/51 ≈ 1.96
    // each (cheaper than blue's 100/49 ≈ 2.04), so 5 red are bought (510 of
    // red money) then 4 blue (490), and 100 is left; Add1 raises the share
    // to 11 (red holds 561, blue 539: 5 + 5) — at 12 red could buy a 6th and
    // the outcome would exceed the budget.
    let mut ballots: Vec<Vec<u32>> = Vec::new();
    ballots.extend(std::iter::repeat_n((0..10).collect(), 51));
    ballots.extend(std::iter::repeat_n((10..20).collect(), 49));
    let refs: Vec<&[u32]> = ballots.iter().map(Vec::as_slice).collect();
    let e = approval(&[100; 20], 1000, &refs);
    let reds = |rule| {
        let o = count(&e, rule, TieBreak::default()).unwrap();
        let s: Vec<usize> = (0..20).filter(|&p| o.projects[p].selected).collect();
        (
            s.iter().filter(|&&p| p < 10).count(),
            s.iter().filter(|&&p| p >= 10).count(),
        )
    };
    assert_eq!(reds(Rule::Greedy), (10, 0));
    assert_eq!(reds(Rule::EqualShares), (5, 4));
    assert_eq!(reds(Rule::EqualSharesAdd1), (5, 5));
    let o = count(&e, Rule::EqualSharesAdd1, TieBreak::default()).unwrap();
    assert_eq!(o.equal_shares.unwrap().per_voter, 11 * MINOR_PER_UNIT);
    // A blue project left out: its 49 supporters hold 90 together after buying 4.
    let o = count(&e, Rule::EqualShares, TieBreak::default()).unwrap();
    assert_eq!(
        o.projects[19].reason,
        Some(Reason::NotReachedByEqualShares { supporters_money: 9000 })
    );
}

#[test]
fn equalshares_net_explanation_removes_projects_beyond_their_voters_shares() {
    // equalshares.net/explanation: a budget of 1,000,000 over 100,000 voters
    // gives each a share of 10; a project costing 10,000 with 500 votes has
    // 5,000 behind it and is removed, even though a greedy count funds it.
    // Here 1,000 voters share 10,000: p0 (cost 100, 5 votes) is out, p1
    // (cost 9,900, all 1,000 voters) is bought.
    let mut ballots: Vec<Vec<u32>> = vec![vec![1]; 995];
    ballots.extend(std::iter::repeat_n(vec![0, 1], 5));
    let refs: Vec<&[u32]> = ballots.iter().map(Vec::as_slice).collect();
    let e = approval(&[100, 9_900], 10_000, &refs);
    let o = count(&e, Rule::EqualShares, TieBreak::default()).unwrap();
    assert_eq!(o.selected_ids(&e), ["p1"]);
    // p1's 9,900 split over 1,000 voters leaves 0.10 each: p0's 5 supporters hold 0.50.
    assert_eq!(
        o.projects[0].reason,
        Some(Reason::NotReachedByEqualShares { supporters_money: 50 })
    );
}

#[test]
fn pabulib_checker_equal_shares_examples() {
    // The Pabulib checker's own tests (pabulib/checker,
    // tests/test_checker/test_rules.py): budget 10, a (6) by v1 v2 v3,
    // b (4) by v1 v2, c (4) by v3 v4. Equal Shares: shares 2.5; a costs
    // its 3 voters 2 each (effective vote count 6/2 = 3 beats b's and c's
    // 4/2 = 2), after which b's voters hold 1 and c's 3: only a. Add1 at
    // share 3: a, then c (v3 pays its last 1, v4 pays 3) = 10; at share 4
    // all three (14) exceed the budget, so a and c.
    let e = approval(&[6, 4, 4], 10, &[&[0, 1], &[0, 1], &[0, 2], &[2]]);
    let ids = |rule| count(&e, rule, TieBreak::default()).unwrap().selected_ids(&e).join(",");
    assert_eq!(ids(Rule::EqualShares), "p0");
    assert_eq!(ids(Rule::EqualSharesAdd1), "p0,p2");
}

#[test]
fn cumulative_equal_shares_pays_by_points() {
    // Two voters with 10 each; v1 puts 3 points on a and 1 on b, v2 1 on a.
    // a (cost 8): price per point ρ with 3ρ + ρ = 8 → 2 (v1 pays 6, v2 2).
    // b (cost 4): only v1, 4 per point → dearer. After a, v1 holds 4: b
    // costs v1 exactly 4. Both bought.
    let projects = (0..2)
        .map(|i| Project {
            id: format!("p{i}"),
            name: String::new(),
            cost: [8, 4][i] * MINOR_PER_UNIT,
            categories: vec![],
        })
        .collect();
    let mut set = Ballots::new(true);
    set.push(&[0, 1], Some(&[3, 1])).unwrap();
    set.push(&[0], Some(&[1])).unwrap();
    let e = Election::new(20 * MINOR_PER_UNIT, projects, BallotKind::Cumulative, set);
    let o = count(&e, Rule::EqualShares, TieBreak::default()).unwrap();
    assert_eq!(o.selection_order, [0, 1]);
}

#[test]
fn ordinal_ballots_are_not_counted_by_equal_shares() {
    let mut e = approval(&[1], 1, &[&[0]]);
    e.kind = BallotKind::Ordinal;
    assert!(count(&e, Rule::EqualShares, TieBreak::default()).is_err());
}

/// A small random election from a seed (xorshift, no dependency).
fn random_election(seed: u64) -> Election {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |m: u64| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s % m
    };
    let n_projects = 3 + next(8) as usize;
    let costs: Vec<i64> = (0..n_projects).map(|_| 1 + next(60) as i64).collect();
    let voters = 2 + next(40) as usize;
    let ballots: Vec<Vec<u32>> = (0..voters)
        .map(|_| {
            let mut b: Vec<u32> = (0..n_projects as u32).filter(|_| next(3) == 0).collect();
            if b.is_empty() {
                b.push(next(n_projects as u64) as u32);
            }
            b
        })
        .collect();
    let refs: Vec<&[u32]> = ballots.iter().map(Vec::as_slice).collect();
    let budget = costs.iter().sum::<i64>() * (2 + next(5) as i64) / 10;
    approval(&costs, budget.max(1), &refs)
}

#[test]
fn add1_skip_ahead_equals_the_unit_loop_on_random_elections() {
    for seed in 0..300 {
        let e = random_election(seed);
        let mut skipped = mes_part(&e, Rule::EqualSharesAdd1);
        let mut looped = add1_by_units(&e);
        skipped.sort_unstable();
        looped.sort_unstable();
        assert_eq!(skipped, looped, "seed {seed}");
    }
}
