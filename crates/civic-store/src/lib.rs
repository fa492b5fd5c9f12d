//! The only crate that speaks SQL. Queries are written once, in portable SQL
//! with `$n` placeholders, and run through sqlx's `Any` driver on SQLite and
//! PostgreSQL alike (docs/adr/0001-storage.md). Repositories of tenant-owned
//! data are constructed from a [`TenantId`](civic_core::TenantId) and filter
//! every query by it, so another tenant's row is indistinguishable from a
//! missing one.

pub mod asking;
pub mod audit;
mod backup;
pub mod budgets;
pub mod bulk;
pub mod clusters;
pub mod comments;
pub mod consultations;
pub mod conversations;
mod replicas;
pub mod restore;
// Contests and joint projects (issue 19).
pub mod contests;
mod db;
pub mod debates;
pub mod documents;
mod error;
pub mod flags;
pub mod follows;
pub mod idea_merges;
pub mod ideas;
pub mod joint_projects;
pub mod limits;
pub mod mail;
// Maps (issue 20).
pub mod maps;
pub mod meta;
pub mod moderation;
pub mod notifications;
pub mod open_data;
pub mod operators;
pub mod petitions;
pub mod poll_images;
pub mod polls;
pub mod pool_sizing;
pub mod privacy;
pub mod reports;
pub mod schema;
pub mod search;
pub mod sessions;
pub mod signals;
pub mod spaces;
mod sqlite_tuning;
pub mod statistics;
pub mod tenant_move;
pub mod tenants;
pub mod topics;
pub mod town_admin;
pub mod users;
pub mod verification;
pub mod working_days;

pub use db::{Backend, Db, PoolStats, StoreConfig, redact_url};
pub use error::{StoreError, UNSTORABLE_MESSAGE};
#[cfg(feature = "testing")]
pub mod testing;
