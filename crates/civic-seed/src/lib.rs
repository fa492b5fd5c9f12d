//! Seeding: the demo municipality a newcomer meets on first start, and the
//! large generated tenant the benchmarks run against. Both write through the
//! store in bulk, so they live apart from the use cases (`civic-app`), which
//! hold the rules every person's action goes through.

pub mod bench_tenant;
mod bench_text;
pub mod demo;
mod demo_budgets;
mod demo_consultations;
// Contests and joint projects (issue 19).
mod demo_contests;
mod demo_conversation;
mod demo_debates;
mod demo_dialogue;
mod demo_moderation;
mod demo_petitions;
mod demo_polls;
// Problem reports (issue 20).
mod demo_reports;
mod demo_verification;
