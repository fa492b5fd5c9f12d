//! The test kit. Tests of the web layer arrange state a page would take
//! many steps to build (a tenant, a space of ten thousand ideas, a row the
//! rules would never let through) and then check what was stored, so they
//! reach the store directly through this crate, which re-exports it with
//! its testing helpers (`testing::fresh_sqlite`, `testing::fresh_postgres`…).
//!
//! Production code never depends on this crate: `civic-web` may name only
//! `civic-app` and `civic-core`, and that is what keeps handlers calling
//! use cases (docs/architecture.md).

pub use civic_store::*;
