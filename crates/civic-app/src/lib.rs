//! Use cases: one function per thing a person does. Each takes the tenant
//! and the actor, applies the rules of `civic-core` and calls the store. The
//! HTML pages, the JSON API and the CLI all call these; none holds rules.

pub mod accounts;
pub mod asking;
pub mod audit;
pub mod auth;
pub mod budgets;
pub mod comments;
pub mod consultations;
pub mod conversations;
pub mod debates;
pub mod documents;
pub mod duplicates;
// Contests and joint projects (issue 19).
pub mod contests;
pub mod error;
pub mod flags;
pub mod housekeeping;
pub mod ideas;
pub mod joint_projects;
pub mod limits;
pub mod mail;
// Maps (issue 20).
pub mod maps;
pub mod moderation;
pub mod node_signals;
pub mod notifications;
pub mod open_data;
pub mod operators;
pub mod paging;
pub mod passwords;
pub mod petitions;
pub mod platform;
pub mod poll_drafts;
pub mod poll_images;
pub mod polls;
pub mod privacy;
pub mod reports;
pub mod review;
pub mod roles;
pub mod search;
pub mod spaces;
pub mod statistics;
pub mod tenants;
pub mod topics;
pub mod town_admin;
pub mod users;
pub mod verification;
pub mod words;
pub mod working_days;

pub use error::AppError;
pub use platform::Platform;
