//! Verified residents through the API: the caller's verification, and
//! verifying against the census list with a document number and date of
//! birth (rate-limited like signing in).

use crate::auth::{CurrentUser, actor};
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use civic_app::verification;
use civic_core::Timestamp;
use civic_core::verification::{Verification, age_band};
use http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/{tenant}/me/verification", get(show).post(verify))
}

/// The caller's verification as the API shows it: never the identity key.
fn state_json(v: Option<&Verification>) -> Value {
    let now = Timestamp::now();
    match v {
        None => json!({ "verified": false }),
        Some(v) => json!({
            "verified": v.valid_at(now),
            "expired": !v.valid_at(now),
            "method": v.method,
            "district": v.district,
            "age_band": age_band(v.birth_year, now.ymd().0),
            "document_type": v.document_type,
            "verified_at": v.created_at,
            "expires_at": v.expires_at,
        }),
    }
}

#[utoipa::path(get, path = "/api/v1/{tenant}/me/verification", tag = "verification", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "{verified, expired?, method (census|staff)?, district?, age_band (under_18|18_34|35_59|60_plus)?, document_type?, verified_at?, expires_at?}", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
) -> Result<Json<Value>, WebError> {
    let v = verification::of(&state.platform, tenant.tenant_id(), principal.user_id).await?;
    Ok(Json(state_json(v.as_ref())))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct VerificationNew {
    /// The identity document's number as printed (spaces and dashes do not
    /// matter; Latin letters that look Cyrillic count as Cyrillic).
    #[serde(default)]
    document_number: String,
    /// `YYYY-MM-DD` (or `DD.MM.YYYY`).
    #[serde(default)]
    birth_date: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/me/verification", tag = "verification", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = VerificationNew, responses((status = 201, description = "verified by the census list: the new state", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 409, description = "identity_taken: this person verifies another account", body = super::openapi::ErrorEnvelope), (status = 422, description = "verification_no_match, or the number or date refused", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many tries (5 an hour per account); see Retry-After", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn verify(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    ApiJson(input): ApiJson<VerificationNew>,
) -> Result<Response, WebError> {
    let who = actor(&principal, &address);
    let v = verification::verify_by_census(
        &state.platform,
        tenant.tenant_id(),
        &who,
        principal.user_id,
        &input.document_number,
        &input.birth_date,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(state_json(Some(&v)))).into_response())
}
