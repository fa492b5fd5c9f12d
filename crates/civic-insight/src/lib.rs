//! Analysis for Civic Space as pure computation (no database, no HTTP).
//!
//! This crate computes Polis-style **opinion groups** from agree / disagree /
//! pass votes on short statements:
//!
//! 1. a 2-D opinion map by PCA of the sparse vote matrix ([`pca`]),
//! 2. groups by k-means on the map with k chosen by silhouette ([`cluster`]),
//!    refined by the likelihood of each participant's votes ([`refine`]),
//! 3. per group its representative statements, plus consensus and divisive
//!    statements, with Polis' significance tests ([`repness`]).
//!
//! ```
//! use civic_insight::{Params, VoteMatrix, analyse};
//!
//! let votes = VoteMatrix::from_votes([("ana", 1, 1), ("ana", 2, -1), ("ben", 1, -1)])?;
//! let result = analyse(&votes, &Params::default())?;
//! assert_eq!(result.n_votes, 3);
//! # Ok::<(), civic_insight::InsightError>(())
//! ```
//!
//! The [`pb`] module counts participatory-budgeting ballots (greedy rules,
//! Equal Shares) and reads and writes Pabulib files.
//!
//! [`OpinionEngine`] keeps the state between recomputes so that a batch of new
//! votes is analysed warm-started. The method and the JSON format are
//! described in `docs/insight/opinion-groups.md`.

mod analysis;
mod cli;
pub mod cluster;
mod csv;
mod error;
mod matrix;
pub mod pb;
pub mod pca;
pub mod refine;
pub mod repness;
mod result;

pub use analysis::{OpinionEngine, Params, analyse};
pub use cli::{Summary, run_opinion_cli};
pub use csv::read_votes_csv;
pub use error::{CsvError, InsightError};
pub use matrix::{ParticipantId, Vote, VoteMatrix, VoteMatrixBuilder, check_vote};
pub use repness::Direction;
pub use result::{
    Consensus, Group, OpinionResult, ParticipantPoint, RepresentativeStatement, StatementSummary, VoteCounts,
};
