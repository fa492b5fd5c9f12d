//! The JSON API, `/api/v1/{tenant}/…` (DESIGN section 5). Handlers translate
//! HTTP to store and use-case calls and back; errors use the envelope
//! `{"error": {"code", "message"}}`.

mod account;
mod ideas;
mod spaces;
mod users;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/users", axum::routing::post(users::register))
        .route("/api/v1/{tenant}/tokens", axum::routing::post(account::create_token))
        .route("/api/v1/{tenant}/me", get(account::me))
        .route("/api/v1/{tenant}/spaces", get(spaces::list))
        .route(
            "/api/v1/{tenant}/spaces/{space}/ideas",
            get(ideas::list).post(ideas::create),
        )
        .route("/api/v1/{tenant}/ideas/{idea}", get(ideas::show))
        .route(
            "/api/v1/{tenant}/ideas/{idea}/support",
            axum::routing::put(ideas::support).delete(ideas::unsupport),
        )
        .route(
            "/api/v1/{tenant}/ideas/{idea}/comments",
            get(ideas::comments).post(ideas::create_comment),
        )
        .route(
            "/api/v1/{tenant}/ideas/{idea}/answers",
            axum::routing::post(ideas::create_answer),
        )
        .route("/api/v1/{tenant}/search", get(ideas::search))
}
