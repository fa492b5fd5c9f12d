//! `civicspace pb results` as scripts use it: the real binary on real
//! Pabulib files, one JSON object on stdout, exit 2 and the line on a
//! malformed file, and no database anywhere.

use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_civicspace");

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../civic-insight/tests/fixtures/pabulib")
        .join(name)
}

fn results(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(["pb", "results"])
        .args(args)
        // Proof that no database is touched: one that cannot be reached, and
        // a data directory that cannot be created.
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .env("CIVIC_DATA_DIR", "/proc/civic-cannot-create")
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(text.trim_end().lines().count(), 1, "one JSON object on one line");
    serde_json::from_str(&text).unwrap()
}

fn strings(v: &serde_json::Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect()
}

#[test]
fn counts_a_file_with_its_own_rule() {
    let path = fixture("Poland_Swiecie_2023.pb");
    let v = json(&results(&["--pabulib", path.to_str().unwrap()]));
    assert_eq!(v["rule"], "equalshares/add1");
    assert_eq!(v["budget"], 1_070_000);
    assert_eq!(v["spent"], 1_040_337);
    assert_eq!(
        strings(&v["selected"]),
        [
            "c1", "c2", "c3", "c4", "c5", "c7", "c9", "c10", "c11", "c12", "c13", "c14", "c17", "c18", "c19", "c20",
            "c21"
        ]
    );
    let projects = v["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 22);
    let c8 = projects.iter().find(|p| p["id"] == "c8").unwrap();
    assert_eq!(c8["cost"], 413_000);
    assert_eq!(c8["score"], 623);
    assert_eq!(c8["selected"], false);
    assert_eq!(c8["reason"], "not-reached-by-equal-shares");
    assert_eq!(projects[0]["reason"], "equal-shares");
}

#[test]
fn the_rule_flag_overrides_the_file() {
    let path = fixture("Poland_Swiecie_2023.pb");
    let v = json(&results(&["--pabulib", path.to_str().unwrap(), "--rule", "greedy"]));
    assert_eq!(v["rule"], "greedy");
    assert!(strings(&v["selected"]).contains(&"c8"));

    let path = fixture("Netherlands_Amsterdam_2022_Rijnbuurt_West.pb");
    let v = json(&results(&["--pabulib", path.to_str().unwrap()]));
    assert_eq!(v["rule"], "greedy");
    assert_eq!(
        strings(&v["selected"]),
        [
            "42192", "42190", "42196", "42185", "42194", "42182", "42187", "42191", "42195"
        ]
    );
    let skipped = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "42188")
        .unwrap();
    assert_eq!(skipped["reason"], "does-not-fit");

    let path = fixture("Poland_Bydgoszcz_2025_Czyzkowko.pb");
    for rule in ["greedy-no-skip", "greedy-threshold", "votes-per-cost", "equalshares"] {
        let v = json(&results(&["--pabulib", path.to_str().unwrap(), "--rule", rule]));
        assert_eq!(v["rule"], rule);
        assert!(v["spent"].as_i64().unwrap() <= 562_997);
    }
    let v = json(&results(&["--pabulib", path.to_str().unwrap()]));
    assert_eq!(v["rule"], "greedy-no-skip");
    assert_eq!(strings(&v["selected"]), ["103", "73"]);
}

#[test]
fn a_malformed_file_exits_2_with_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.pb");
    std::fs::write(
        &broken,
        "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\na;10\nVOTES\nvoter_id;vote\n1;a\n2;a,nope\n",
    )
    .unwrap();
    let out = results(&["--pabulib", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.pb: line 11: voter 2 votes for `nope`, which is not in PROJECTS"),
        "{err}"
    );

    let ok = fixture("Poland_Swiecie_2023.pb");
    let out = results(&["--pabulib", ok.to_str().unwrap(), "--rule", "borda"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule `borda`"));

    let out = results(&["--pabulib", dir.path().join("missing.pb").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}
