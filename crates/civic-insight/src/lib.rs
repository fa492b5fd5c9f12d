//! Analysis for Civic Space as pure computation (no database, no HTTP).
//!
//! **Opinion groups**, Polis-style, from agree / disagree / pass votes on
//! short statements:
//!
//! 1. a 2-D opinion map by PCA of the sparse vote matrix ([`pca`]),
//! 2. groups by k-means on the map ([`cluster`]), refined by the likelihood of
//!    each participant's votes ([`refine`]), with the number of groups that
//!    best predicts votes set aside for the purpose ([`kselect`]),
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
//!
//! **What residents write**, in Ukrainian and English ([`Item`]: ideas,
//! comments, consultation comments, problem reports):
//!
//! - [`topics`]: [`TopicModel`] groups texts into labelled topics, places new
//!   texts in them without a recompute, keeps topic ids across recomputes
//!   (`docs/insight/topics.md`);
//! - [`duplicates`]: [`DuplicateIndex`] flags ideas that ask for the same
//!   thing at the same place and checks a new text against the existing
//!   ones (`docs/insight/duplicates.md`);
//! - [`text`]: the analysis both share (light Ukrainian stemmer, Snowball
//!   English, stop words, the civic lexicon;
//!   `docs/adr/0101-topics-representation.md`).

mod analysis;
mod cli;
pub mod cluster;
mod csv;
pub mod duplicates;
mod error;
mod item;
pub mod kselect;
mod matrix;
pub mod pb;
pub mod pca;
pub mod refine;
pub mod repness;
mod result;
pub mod text;
pub mod topics;
mod vectors;

pub use analysis::{KChoice, OpinionEngine, Params, analyse};
pub use cli::{Summary, run_opinion_cli};
pub use csv::read_votes_csv;
pub use duplicates::{DuplicateIndex, DuplicateMatch, DuplicatePair, DuplicateParams, PlaceMatch};
pub use error::{CsvError, InsightError};
pub use item::{Item, ItemKey, ItemKind, Lang};
pub use matrix::{ParticipantId, Vote, VoteMatrix, VoteMatrixBuilder, check_vote};
pub use repness::Direction;
pub use result::{
    Consensus, Group, OpinionResult, ParticipantPoint, RepresentativeStatement, StatementSummary, VoteCounts,
};
pub use topics::{Assignment, FittedTopics, LangCounts, Timings, Topic, TopicId, TopicModel, TopicParams};
