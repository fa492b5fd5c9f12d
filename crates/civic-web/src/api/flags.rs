//! Flags through the API: report an item to the moderators (once per
//! person and item), and the moderators' list of flagged items.

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::extract::{AnyStaff, ApiJson, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use civic_app::flags::{self, FlagInput};
use http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/{tenant}/flags", get(list).post(create))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FlagNew {
    /// idea, comment, statement, argument, amendment, section_comment, petition or report.
    #[serde(default)]
    item_type: String,
    #[serde(default)]
    item_id: i64,
    /// spam, abuse, personal_data, off_topic or other.
    #[serde(default)]
    reason: String,
    /// What is wrong (required for other; at most 1,000 characters).
    #[serde(default)]
    text: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/flags", tag = "moderation", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = FlagNew, responses((status = 201, description = "the flag recorded, with how many people flagged the item", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "no such item that everyone can see", body = super::openapi::ErrorEnvelope), (status = 409, description = "the caller flagged this item already", body = super::openapi::ErrorEnvelope), (status = 422, description = "unknown item type or reason, or the text refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    ApiJson(input): ApiJson<FlagNew>,
) -> Result<Response, WebError> {
    let input = FlagInput {
        item_type: input.item_type,
        item_id: input.item_id,
        reason: input.reason,
        text: input.text.unwrap_or_default(),
    };
    let f = flags::flag(&state.platform, tenant.tenant_id(), principal.user_id, &input).await?;
    let body = json!({
        "id": f.id, "item_type": f.kind.as_str(), "item_id": f.item_id,
        "reason": f.reason.as_str(), "flag_count": f.count, "hidden": f.hidden,
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[utoipa::path(get, path = "/api/v1/{tenant}/flags", tag = "moderation", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "flagged items, the most flagged first, each with its flags (reason, text, who, when)", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "staff only", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<AnyStaff>,
) -> Result<Json<Value>, WebError> {
    let items: Vec<Value> = flags::queue(&state.platform, tenant.tenant_id(), principal.role)
        .await?
        .iter()
        .map(|i| {
            json!({
                "item_type": i.kind.as_str(), "item_id": i.item_id, "flag_count": i.flags.len(),
                "first_flagged_at": i.first_at,
                "flags": i.flags.iter().map(|f| json!({
                    "id": f.id, "reason": f.reason.as_str(), "text": f.text,
                    "flagger_name": f.flagger_name, "created_at": f.created_at,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Json(json!({ "items": items, "next_cursor": null })))
}
