//! The `civicspace insight opinion` command, as a library function so the
//! platform binary only parses its flags and calls it.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

use serde::Serialize;

use crate::analysis::{Params, analyse};
use crate::csv::read_votes_csv;
use crate::error::InsightError;

/// What the command reports on the terminal after writing the JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub participants: usize,
    pub statements: usize,
    pub votes: usize,
    pub grouped: usize,
    pub groups: usize,
    pub group_sizes: Vec<usize>,
    pub consensus_agree: usize,
    pub consensus_disagree: usize,
}

/// Reads the votes CSV at `votes_path`, analyses it with the default
/// parameters and `seed`, and writes the result as JSON to `out_path`.
pub fn run_opinion_cli(votes_path: &Path, out_path: &Path, seed: u64) -> Result<Summary, InsightError> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| InsightError::Io { path, source }
    };
    let file = File::open(votes_path).map_err(io_err(votes_path))?;
    let matrix = read_votes_csv(BufReader::with_capacity(1 << 20, file)).map_err(|source| InsightError::Csv {
        path: votes_path.to_path_buf(),
        source,
    })?;
    let params = Params {
        seed,
        ..Params::default()
    };
    let result = analyse(&matrix, &params)?;
    let out = File::create(out_path).map_err(io_err(out_path))?;
    let mut writer = BufWriter::with_capacity(1 << 20, out);
    serde_json::to_writer(&mut writer, &result).map_err(|source| InsightError::Json {
        path: out_path.to_path_buf(),
        source,
    })?;
    writer
        .write_all(b"\n")
        .and_then(|()| writer.flush())
        .map_err(io_err(out_path))?;
    Ok(Summary {
        participants: result.n_participants,
        statements: result.n_statements,
        votes: result.n_votes,
        grouped: result.n_grouped,
        groups: result.groups.len(),
        group_sizes: result.groups.iter().map(|g| g.size).collect(),
        consensus_agree: result.consensus.agree.len(),
        consensus_disagree: result.consensus.disagree.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_csv_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let votes = dir.path().join("votes.csv");
        std::fs::write(&votes, "participant,comment,vote\n1,1,1\n2,1,9\n").unwrap();
        let err = run_opinion_cli(&votes, &dir.path().join("out.json"), 1).unwrap_err();
        let text = err.to_string();
        assert!(
            text.ends_with("votes.csv: line 3: vote must be 1, -1 or 0, got 9"),
            "{text}"
        );
        assert!(!dir.path().join("out.json").exists());
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = run_opinion_cli(&dir.path().join("none.csv"), &dir.path().join("o.json"), 1).unwrap_err();
        assert!(matches!(err, InsightError::Io { .. }));
    }
}
