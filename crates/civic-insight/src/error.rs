//! Typed errors of the opinion-groups engine.

use std::path::PathBuf;

use thiserror::Error;

/// A problem with one line of a votes CSV file; `line` is 1-based, counting
/// the header line when there is one, so it matches what an editor shows.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("line {line}: {message}")]
pub struct CsvError {
    pub line: u64,
    pub message: String,
}

/// Everything that can go wrong in this crate. Bad votes and bad parameters
/// are reported here rather than by a panic or a NaN in the result.
#[derive(Debug, Error)]
pub enum InsightError {
    #[error("vote must be 1, -1 or 0, got {0}")]
    InvalidVote(i64),
    #[error("lexicon line {line}: {message}")]
    InvalidLexicon { line: usize, message: String },
    #[error("invalid parameters: {0}")]
    InvalidParams(String),
    #[error("{path}: {source}")]
    Csv {
        path: PathBuf,
        #[source]
        source: CsvError,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write JSON to {path}: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}
