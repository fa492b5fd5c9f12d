//! The Pabulib reader and writer: what real files contain, what malformed
//! files are told, round trips, and garbled input that must not panic.

use civic_insight::pb::{BallotKind, MINOR_PER_UNIT, Rule, Threshold, TieBreak, count, pabulib};

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/pabulib/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

const FIXTURES: [&str; 3] = [
    "Netherlands_Amsterdam_2022_Rijnbuurt_West.pb",
    "Poland_Bydgoszcz_2025_Czyzkowko.pb",
    "Poland_Swiecie_2023.pb",
];

fn error_of(text: &str) -> pabulib::PabulibError {
    pabulib::read_str(text).expect_err("refused")
}

const SMALL: &str = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost;name\na;60;A\nb;50;B\nVOTES\nvoter_id;vote\n1;a,b\n2;b\n";

#[test]
fn reads_crlf_bom_quotes_decimal_commas_and_extra_columns() {
    let text = "\u{feff}META\r\nkey;value\r\nbudget;1000,50\r\nvote_type;approval\r\nrule;greedy\r\nmax_length;3\r\n\
                PROJECTS\r\nproject_id;cost;votes;name;category;latitude;selected\r\n\
                a;\"100,25\";9;\"Park; with a \"\"quote\"\"\";green,kids;52,1;1\r\n\
                b;200;1;Road;;;0\r\n\r\n\
                VOTES\r\nvoter_id;vote;age;sex\r\nv1;a,b;33;F\r\nv2; a ;;\r\nv3;;;\r\n";
    let file = pabulib::read(text.as_bytes()).unwrap();
    let e = &file.election;
    assert_eq!(e.budget, 100_050);
    assert_eq!(e.projects[0].cost, 10_025);
    assert_eq!(e.projects[0].name, "Park; with a \"quote\"");
    assert_eq!(e.projects[0].categories, ["green", "kids"]);
    assert_eq!(e.max_length, Some(3));
    assert_eq!(e.declared_rule.as_deref(), Some("greedy"));
    assert_eq!(e.ballots.len(), 3);
    assert_eq!(e.ballots.get(1).projects, [0]);
    assert!(e.ballots.get(2).projects.is_empty());
    assert_eq!(file.published_selected, Some(vec![1, 0]));
}

#[test]
fn the_score_comes_from_votes_not_from_the_votes_column() {
    // The file claims 999 votes for b; the ballots give it 2.
    let text = SMALL.replace(
        "project_id;cost;name\na;60;A\nb;50;B",
        "project_id;cost;votes;name\na;60;1;A\nb;50;999;B",
    );
    let e = pabulib::read_str(&text).unwrap();
    let o = count(&e, Rule::Greedy, TieBreak::default()).unwrap();
    assert_eq!(o.projects[1].score, 2);
    assert_eq!(o.selected_ids(&e), ["b"]);
}

#[test]
fn cumulative_and_ordinal_points() {
    let text = "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;5\nb;5\nVOTES\nvoter_id;vote;points\n1;a,b;3,7\n2;b;2\n";
    let e = pabulib::read_str(text).unwrap();
    assert_eq!(e.kind, BallotKind::Cumulative);
    assert_eq!(e.ballots.get(0).points, Some(&[3, 7][..]));
    let o = count(&e, Rule::Greedy, TieBreak::default()).unwrap();
    assert_eq!((o.projects[0].score, o.projects[1].score), (3, 9));

    // Ordinal without points: Kraków-style position points from max_length.
    let text = "META\nkey;value\nbudget;10\nvote_type;ordinal\nmax_length;3\nPROJECTS\nproject_id;cost\na;5\nb;5\nc;5\nVOTES\nvoter_id;vote\n1;c,a\n2;a\n";
    let e = pabulib::read_str(text).unwrap();
    let o = count(&e, Rule::Greedy, TieBreak::default()).unwrap();
    assert_eq!(o.projects.iter().map(|p| p.score).collect::<Vec<_>>(), [2 + 3, 0, 3]);
}

#[test]
fn thresholds_and_category_budgets_from_meta() {
    let text = SMALL.replace(
        "vote_type;approval",
        "vote_type;approval\nmin_project_score_threshold;2",
    );
    assert_eq!(pabulib::read_str(&text).unwrap().threshold, Some(Threshold::Score(2)));
    let text = SMALL.replace(
        "vote_type;approval",
        "vote_type;approval\nmin_project_score_threshold;5%",
    );
    assert_eq!(
        pabulib::read_str(&text).unwrap().threshold,
        Some(Threshold::PercentOfVoters(5.0))
    );
    let text = SMALL.replace(
        "vote_type;approval",
        "vote_type;approval\ncategories;Green,Sport\nbudget_per_category;60,40",
    );
    let e = pabulib::read_str(&text).unwrap();
    assert_eq!(
        e.category_budgets,
        [
            ("Green".to_string(), 60 * MINOR_PER_UNIT),
            ("Sport".to_string(), 40 * MINOR_PER_UNIT)
        ]
    );
    assert_eq!(Rule::for_election(&e), Rule::GreedyPerCategory);
}

#[test]
fn malformed_files_name_the_line_and_the_problem() {
    let cases: Vec<(String, u64, &str)> = vec![
        (SMALL.replace("a;60;A", "a;6x0;A"), 7, "cost of project a"),
        (SMALL.replace("2;b", "2;b,zz"), 12, "`zz`, which is not in PROJECTS"),
        (SMALL.replace("2;b", "2;b,b"), 12, "names project b twice"),
        (SMALL.replace("budget;100", "budget;lots"), 3, "budget"),
        (SMALL.replace("budget;100\n", ""), 11, "META has no budget"),
        (SMALL.replace("approval", "plurality"), 4, "unknown vote_type"),
        (
            SMALL.replace("VOTES\nvoter_id;vote\n1;a,b\n2;b\n", ""),
            8,
            "no VOTES section",
        ),
        (
            SMALL.replace("project_id;cost;name", "id;cost;name"),
            6,
            "no `project_id` column",
        ),
        (SMALL.replace("b;50;B", "a;50;B"), 8, "given twice"),
        (
            SMALL.replace("b;50;B", "b;50;B;extra"),
            8,
            "4 fields but the header has 3",
        ),
        (format!("PROJECTS\n{SMALL}"), 1, "expected the Meta section"),
        ("key;value\n".to_string(), 1, "must start with a META line"),
        (String::new(), 1, "no META section"),
    ];
    for (text, line, problem) in cases {
        let e = error_of(&text);
        assert_eq!(e.line, line, "{problem}: {e}");
        assert!(e.to_string().contains(problem), "{e}");
        assert!(e.to_string().starts_with(&format!("line {line}: ")), "{e}");
    }
    let cumulative = "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote;points\n1;a;1,2\n";
    assert!(
        error_of(cumulative)
            .to_string()
            .starts_with("line 10: voter 1 names 1 projects but gives 2 points")
    );
    let choose1 = SMALL.replace("approval", "choose-1");
    assert!(
        error_of(&choose1)
            .to_string()
            .contains("line 11: voter 1 chooses 2 projects")
    );
    assert!(pabulib::read_bytes(b"META\nkey;value\nbudget;1\xff\n").is_err());
}

#[test]
fn writer_round_trips() {
    for name in FIXTURES {
        let file = pabulib::read_bytes(&fixture_bytes(name)).unwrap();
        let rule = Rule::for_election(&file.election);
        let outcome = count(&file.election, rule, TieBreak::default()).unwrap();
        let mut out = Vec::new();
        pabulib::write(&file.election, Some(&outcome), &mut out).unwrap();
        let back = pabulib::read_bytes(&out).unwrap();
        let (a, b) = (&file.election, &back.election);
        assert_eq!(a.projects, b.projects, "{name}");
        assert_eq!(a.ballots, b.ballots, "{name}");
        assert_eq!(
            (a.budget, a.kind, a.max_length, a.threshold),
            (b.budget, b.kind, b.max_length, b.threshold)
        );
        assert_eq!(a.category_budgets, b.category_budgets);
        let selected: Vec<u8> = outcome.projects.iter().map(|p| u8::from(p.selected)).collect();
        assert_eq!(back.published_selected, Some(selected), "{name}");
        // Voter ids are replaced by numbers: none of the originals survive.
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains("0cd5f46") && !text.contains("16255692975") && !text.contains("v2553"));
        // Counting the export gives the same outcome.
        assert_eq!(count(b, rule, TieBreak::default()).unwrap().projects, outcome.projects);
    }
    // Names with `;`, quotes and line breaks survive.
    let mut e = pabulib::read_str(SMALL).unwrap();
    e.projects[0].name = "Park; \"big\"\nnew".into();
    e.projects[1].cost = 1234;
    let mut out = Vec::new();
    pabulib::write(&e, None, &mut out).unwrap();
    let back = pabulib::read_bytes(&out).unwrap();
    assert_eq!(back.election.projects, e.projects);
    assert_eq!(back.published_selected, None);
}

/// Truncations and byte changes of real files: an error or an election,
/// never a panic (also in counting what was read).
#[test]
fn garbled_real_files_never_panic() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |m: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % m as u64) as usize
    };
    let junk: &[u8] = b";,\r\n\"\xc3\xff0-9.aMETAVOTES%";
    let mut refused = 0;
    for name in FIXTURES {
        let bytes = fixture_bytes(name);
        for i in 0..150 {
            let mut b = bytes.clone();
            match i % 3 {
                0 => b.truncate(next(b.len())),
                1 => {
                    for _ in 0..1 + next(8) {
                        let at = next(b.len());
                        b[at] = junk[next(junk.len())];
                    }
                }
                _ => {
                    let at = next(b.len());
                    let len = next(200).min(b.len() - at);
                    b.drain(at..at + len);
                }
            }
            match pabulib::read_bytes(&b) {
                Ok(file) => {
                    for rule in [Rule::Greedy, Rule::GreedyNoSkip, Rule::EqualShares] {
                        let _ = count(&file.election, rule, TieBreak::default());
                    }
                }
                Err(e) => {
                    refused += 1;
                    assert!(e.line >= 1, "{e}");
                }
            }
        }
    }
    assert!(refused > 100, "most garbled files are refused ({refused})");
}

#[test]
fn huge_amounts_do_not_overflow() {
    let text = "META\nkey;value\nbudget;90000000000000000\nvote_type;approval\nPROJECTS\nproject_id;cost\na;90000000000000000\nb;90000000000000000\nc;1\nVOTES\nvoter_id;vote\n1;a,b,c\n2;a,b\n";
    let e = pabulib::read_str(text).unwrap();
    for rule in [
        Rule::Greedy,
        Rule::VotesPerCost,
        Rule::EqualShares,
        Rule::EqualSharesAdd1,
    ] {
        // Counted, or refused with a reason; never a panic or a hang.
        if let Ok(o) = count(&e, rule, TieBreak::default()) {
            assert!(o.spent <= o.budget, "{rule:?}");
        }
    }
    assert!(pabulib::read_str(&text.replace("budget;90000000000000000", "budget;900000000000000000")).is_err());
}
