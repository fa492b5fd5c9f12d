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

/// The same answer whether the address was free or already had an account
/// (its owner is told by e-mail), so registration reveals nobody's account.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CreatedUser {
    email: String,
    display_name: String,
    /// False until the link sent by e-mail is opened.
    email_confirmed: bool,
    /// What to do next: always `check_your_mail`.
    next: &'static str,
}

/// Registers a resident. Registering accepts the versions of the town's
/// terms of use and privacy notice in force (`/{tenant}/terms`,
/// `/{tenant}/privacy`), as the registration form says: an app that
/// registers residents must show them first.
#[utoipa::path(post, path = "/api/v1/{tenant}/users", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = NewUser, responses((status = 201, description = "accepted; a confirmation link (or, for an address that has an account, a sign-in reminder) is sent by e-mail", body = CreatedUser), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many attempts", body = super::openapi::ErrorEnvelope)))]
pub async fn register(
    State(state): State<AppState>,
    tenant: Tenant,
    RequestLocale(locale): RequestLocale,
    address: ClientAddress,
    ApiJson(input): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<CreatedUser>), WebError> {
    accounts::register(
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
            // Both parsed inside `register`, so both parse here.
            email: civic_core::Email::parse(&input.email)
                .map_or_else(|_| input.email.clone(), |e| e.as_str().to_string()),
            display_name: civic_core::DisplayName::parse(&input.display_name)
                .map_or_else(|_| input.display_name.clone(), |n| n.as_str().to_string()),
            email_confirmed: false,
            next: "check_your_mail",
        }),
    ))
}
