//! The JSON API, `/api/v1/{tenant}/…` (docs/api). Handlers translate HTTP
//! to use-case calls and back; the extractors of `crate::extract` check
//! access and read bodies, and errors use the envelope
//! `{"error": {"code", "message", "fields"}}`.

mod account;
pub(crate) mod admin;
mod budgets;
mod comments;
mod consultations;
mod conversations;
mod debates;
mod flags;
mod moderation;
// Contests and joint projects (issue 19).
mod contests;
mod duplicates;
mod ideas;
mod joint_projects;
mod notifications;
mod topics;
// Open data (issue 24).
pub(crate) mod open_data;
pub mod openapi;
mod petitions;
mod polls;
pub(crate) mod statistics;
mod verification;
// Problem reports (issue 20).
mod reports;
mod search;
mod spaces;
mod users;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(account::router())
        .merge(budgets::router())
        .merge(consultations::router())
        .merge(admin::router())
        .merge(comments::router())
        .merge(conversations::router())
        .merge(debates::router())
        .merge(flags::router())
        .merge(moderation::router())
        // Contests and joint projects (issue 19).
        .merge(contests::router())
        .merge(joint_projects::router())
        .merge(duplicates::router())
        .merge(topics::router())
        .merge(ideas::router())
        .merge(notifications::router())
        // Open data (issue 24).
        .merge(open_data::router())
        .merge(statistics::router())
        .merge(petitions::router())
        .merge(polls::router())
        // Problem reports (issue 20).
        .merge(reports::router())
        .merge(search::router())
        .merge(spaces::router())
        .merge(users::router())
        .merge(verification::router())
        .route("/api/v1/openapi.json", get(openapi::document))
}

/// The data export, shared with the account page's download link.
pub(crate) async fn export_for_page(
    state: axum::extract::State<AppState>,
    tenant: crate::tenant::Tenant,
    user: crate::auth::CurrentUser,
) -> Result<axum::response::Response, crate::error::WebError> {
    account::export(state, tenant, user).await
}
