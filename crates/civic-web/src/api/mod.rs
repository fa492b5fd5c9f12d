//! The JSON API, `/api/v1/{tenant}/…` (docs/api). Handlers translate HTTP
//! to use-case calls and back; the extractors of `crate::extract` check
//! access and read bodies, and errors use the envelope
//! `{"error": {"code", "message", "fields"}}`.

mod account;
pub(crate) mod admin;
mod comments;
mod conversations;
mod ideas;
mod notifications;
pub mod openapi;
mod polls;
mod search;
mod spaces;
mod users;

use crate::state::AppState;
use axum::Router;
use axum::routing::{delete, get, post, put};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(ideas::router())
        .merge(comments::router())
        .merge(search::router())
        .route("/api/v1/openapi.json", get(openapi::document))
        .route(
            "/api/v1/{tenant}/spaces/{space}/conversations",
            get(conversations::list).post(conversations::create),
        )
        .route(
            "/api/v1/{tenant}/conversations/{conversation}",
            get(conversations::show),
        )
        .route(
            "/api/v1/{tenant}/conversations/{conversation}/statements/next",
            get(conversations::next),
        )
        .route(
            "/api/v1/{tenant}/conversations/{conversation}/statements",
            post(conversations::add_statement),
        )
        .route(
            "/api/v1/{tenant}/conversations/{conversation}/statements/{statement}/moderation",
            post(conversations::moderate),
        )
        .route(
            "/api/v1/{tenant}/conversations/{conversation}/votes",
            post(conversations::vote),
        )
        .route(
            "/api/v1/{tenant}/conversations/{conversation}/status",
            put(conversations::set_status),
        )
        .route(
            "/api/v1/{tenant}/conversations/{conversation}/results",
            get(conversations::results),
        )
        .route(
            "/api/v1/{tenant}/spaces/{space}/polls",
            get(polls::list).post(polls::create),
        )
        .route("/api/v1/{tenant}/polls/{poll}", get(polls::show).put(polls::update))
        .route("/api/v1/{tenant}/polls/{poll}/publish", post(polls::publish))
        .route("/api/v1/{tenant}/polls/{poll}/duplicate", post(polls::duplicate))
        .route("/api/v1/{tenant}/polls/{poll}/responses", post(polls::respond))
        .route("/api/v1/{tenant}/polls/{poll}/results", get(polls::results))
        .route("/api/v1/{tenant}/users", post(users::register).get(admin::people))
        .route("/api/v1/{tenant}/users/{user}/role", put(admin::set_role))
        .route("/api/v1/{tenant}/audit", get(admin::audit))
        .route(
            "/api/v1/{tenant}/tokens",
            post(account::create_token).get(account::list_tokens),
        )
        .route("/api/v1/{tenant}/tokens/{token}", delete(account::revoke_token))
        .route("/api/v1/{tenant}/me", get(account::me).delete(account::delete_account))
        .route("/api/v1/{tenant}/me/password", put(account::change_password))
        .route("/api/v1/{tenant}/me/export", get(account::export))
        .route(
            "/api/v1/{tenant}/me/sessions",
            get(account::sessions).delete(account::end_other_sessions),
        )
        .route("/api/v1/{tenant}/me/sessions/{session}", delete(account::end_session))
        .route(
            "/api/v1/{tenant}/password-resets",
            post(account::request_password_reset),
        )
        .route(
            "/api/v1/{tenant}/password-resets/complete",
            post(account::complete_password_reset),
        )
        .route("/api/v1/{tenant}/spaces", get(spaces::list).post(spaces::create))
        .route("/api/v1/{tenant}/spaces/{space}", put(spaces::update))
        .route(
            "/api/v1/{tenant}/ideas/{idea}/follow",
            put(notifications::follow_idea).delete(notifications::unfollow_idea),
        )
        .route(
            "/api/v1/{tenant}/spaces/{space}/follow",
            put(notifications::follow_space).delete(notifications::unfollow_space),
        )
        .route("/api/v1/{tenant}/me/notifications", get(notifications::list))
        .route("/api/v1/{tenant}/me/notifications/read", post(notifications::mark_read))
        .route(
            "/api/v1/{tenant}/me/notification-settings",
            get(notifications::settings).put(notifications::save_settings),
        )
}

/// The data export, shared with the account page's download link.
pub(crate) async fn export_for_page(
    state: axum::extract::State<AppState>,
    tenant: crate::tenant::Tenant,
    user: crate::auth::CurrentUser,
) -> Result<axum::response::Response, crate::error::WebError> {
    account::export(state, tenant, user).await
}
