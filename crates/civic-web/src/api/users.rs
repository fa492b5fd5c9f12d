//! `POST /api/v1/{tenant}/users`: registration through the API.

use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::ApiJson;
use crate::locale::RequestLocale;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing::post;
use civic_app::accounts::{self, Registration};
use http::StatusCode;
use serde::{Deserialize, Serialize};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/{tenant}/users", post(register).get(super::admin::people))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewUser {
    email: String,
    password: String,
    display_name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CreatedUser {
    id: i64,
    email: String,
    display_name: String,
    /// False until the link sent by e-mail is opened.
    email_confirmed: bool,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/users", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = NewUser, responses((status = 201, description = "registered; a confirmation link is sent by e-mail", body = CreatedUser), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many attempts", body = super::openapi::ErrorEnvelope)))]
pub async fn register(
    State(state): State<AppState>,
    tenant: Tenant,
    RequestLocale(locale): RequestLocale,
    address: ClientAddress,
    ApiJson(input): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<CreatedUser>), WebError> {
    let user = accounts::register(
        &state.platform,
        &tenant,
        &Registration {
            email: &input.email,
            display_name: &input.display_name,
            password: &input.password,
            locale,
            address: &address.0,
        },
        &state.config.public_url,
        state.catalog.as_ref(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedUser {
            id: user.id.0,
            email: user.email,
            display_name: user.display_name,
            email_confirmed: false,
        }),
    ))
}
