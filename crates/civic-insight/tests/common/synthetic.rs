//! Synthetic conversations with planted groups, made by
//! `bench/insight/gen_votes.py` (numpy) into a temporary directory.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Shape {
    pub participants: usize,
    pub comments: usize,
    pub votes: usize,
    pub groups: usize,
    pub seed: u64,
}

pub struct Conversation {
    pub votes_csv: PathBuf,
    /// Planted group of participant i (ids are 0..participants).
    pub planted: Vec<usize>,
    /// Per comment: (planted as consensus, min and max share of the groups
    /// agreeing, min and max share disagreeing), passes included.
    pub comments: Vec<PlantedComment>,
}

#[derive(Clone, Copy, Debug)]
pub struct PlantedComment {
    pub consensus: bool,
    pub min_agree: f64,
    pub max_agree: f64,
    pub min_disagree: f64,
    pub max_disagree: f64,
}

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/insight")
}

fn python(args: &[String]) -> String {
    let out = Command::new("python3")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 ({e}); install Python 3 and `pip install numpy`"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'numpy'") {
        panic!("numpy is missing: run `pip install numpy` (the synthetic-conversation tests need it)");
    }
    assert!(out.status.success(), "python3 {args:?} failed: {stderr}");
    String::from_utf8(out.stdout).expect("utf-8 output")
}

pub fn generate(dir: &Path, shape: &Shape) -> Conversation {
    let votes_csv = dir.join(format!("votes-{}.csv", shape.seed));
    let gen_script = bench_dir().join("gen_votes.py");
    let n = |x: usize| x.to_string();
    python(&[
        gen_script.display().to_string(),
        "--participants".into(),
        n(shape.participants),
        "--comments".into(),
        n(shape.comments),
        "--votes".into(),
        n(shape.votes),
        "--groups".into(),
        n(shape.groups),
        "--seed".into(),
        shape.seed.to_string(),
        "--out".into(),
        votes_csv.display().to_string(),
    ]);
    let groups_csv = format!("{}.groups.csv", votes_csv.display());
    let planted = std::fs::read_to_string(&groups_csv)
        .expect("groups file")
        .lines()
        .skip(1)
        .map(|line| line.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    let replay = python(&[
        bench_dir().join("planted.py").display().to_string(),
        "--participants".into(),
        n(shape.participants),
        "--comments".into(),
        n(shape.comments),
        "--groups".into(),
        n(shape.groups),
        "--seed".into(),
        shape.seed.to_string(),
        "--check-groups".into(),
        groups_csv,
    ]);
    let comments = replay
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<f64> = line.split(',').map(|x| x.parse().unwrap()).collect();
            PlantedComment {
                consensus: f[1] == 1.0,
                min_agree: f[2],
                max_agree: f[3],
                min_disagree: f[4],
                max_disagree: f[5],
            }
        })
        .collect();
    Conversation {
        votes_csv,
        planted,
        comments,
    }
}
