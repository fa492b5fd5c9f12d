//! Moderation through the API: the queue of hidden and held items, the
//! moderators' actions (restore, hide with a public reason, block the
//! author, decide an appeal), the author's one appeal, and the threshold of
//! flags that hides an item.

use crate::auth::{CurrentUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id};
use crate::extract::{Admins, AnyStaff, ApiJson, Path, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use civic_app::moderation;
use civic_core::UserId;
use http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/moderation/queue", get(queue))
        .route(
            "/api/v1/{tenant}/moderation/items/{item_type}/{item_id}/restore",
            post(restore),
        )
        .route(
            "/api/v1/{tenant}/moderation/items/{item_type}/{item_id}/hide",
            post(hide),
        )
        .route(
            "/api/v1/{tenant}/moderation/items/{item_type}/{item_id}/appeal",
            post(appeal),
        )
        .route(
            "/api/v1/{tenant}/moderation/items/{item_type}/{item_id}/decision",
            post(decide),
        )
        .route("/api/v1/{tenant}/moderation/blocks", post(block))
        .route("/api/v1/{tenant}/moderation/settings", get(settings).put(set_settings))
}

#[utoipa::path(get, path = "/api/v1/{tenant}/moderation/queue", tag = "moderation", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "hidden and held items, the longest waiting first, and open appeals: each with its text, flags, the screening's signals and any appeal", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "staff only", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn queue(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<AnyStaff>,
) -> Result<Json<Value>, WebError> {
    let items: Vec<Value> = moderation::queue(&state.platform, tenant.tenant_id(), principal.role)
        .await?
        .into_iter()
        .map(|e| {
            let r = e.row;
            json!({
                "item_type": r.item_type.as_str(), "item_id": r.item_id, "state": r.state.as_str(),
                "reason": r.reason, "text": e.text, "author_id": r.author_id.map(|a| a.0),
                "author_name": r.author_name, "decided_by": r.decided_by.map(|d| d.0),
                "created_at": r.created_at, "updated_at": r.updated_at,
                "flags": e.flags.iter().map(|f| json!({
                    "id": f.id, "reason": f.reason.as_str(), "text": f.text,
                    "flagger_name": f.flagger_name, "created_at": f.created_at,
                })).collect::<Vec<_>>(),
                "screening": e.verdict,
                "appeal": r.appeal_at.map(|at| json!({
                    "text": r.appeal_text, "created_at": at, "outcome": r.appeal_outcome,
                })),
            })
        })
        .collect();
    Ok(Json(json!({ "items": items, "next_cursor": null })))
}

#[utoipa::path(post, path = "/api/v1/{tenant}/moderation/items/{item_type}/{item_id}/restore", tag = "moderation", params(("tenant" = String, Path, description = "the municipality's slug"), ("item_type" = String, Path, description = "idea, comment, statement, argument, amendment, section_comment, petition or report"), ("item_id" = i64, Path)), responses((status = 200, description = "visible again; its flags dismissed", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "staff only", body = super::openapi::ErrorEnvelope), (status = 404, description = "not a moderated item", body = super::openapi::ErrorEnvelope), (status = 409, description = "not hidden", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn restore(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<AnyStaff>,
    address: ClientAddress,
    Path((_, item_type, item_id)): Path<(String, String, String)>,
) -> Result<Json<Value>, WebError> {
    let id = path_id(&item_id)?;
    let who = actor(&principal, &address);
    moderation::restore(
        &state.platform,
        tenant.tenant_id(),
        &who,
        principal.role,
        &item_type,
        id,
    )
    .await?;
    Ok(Json(
        json!({ "item_type": item_type, "item_id": id, "state": "restored" }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HideBody {
    /// Shown in the item's place (at most 500 characters).
    #[serde(default)]
    reason: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/moderation/items/{item_type}/{item_id}/hide", tag = "moderation", params(("tenant" = String, Path, description = "the municipality's slug"), ("item_type" = String, Path), ("item_id" = i64, Path)), request_body = HideBody, responses((status = 200, description = "hidden with the public reason", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "staff only", body = super::openapi::ErrorEnvelope), (status = 404, description = "no such item", body = super::openapi::ErrorEnvelope), (status = 422, description = "no reason, or too long", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn hide(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<AnyStaff>,
    address: ClientAddress,
    Path((_, item_type, item_id)): Path<(String, String, String)>,
    ApiJson(input): ApiJson<HideBody>,
) -> Result<Json<Value>, WebError> {
    let id = path_id(&item_id)?;
    let who = actor(&principal, &address);
    let t = tenant.tenant_id();
    moderation::hide(&state.platform, t, &who, principal.role, &item_type, id, &input.reason).await?;
    Ok(Json(
        json!({ "item_type": item_type, "item_id": id, "state": "hidden_by_moderator" }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AppealBody {
    /// Why the item should be shown (at most 2,000 characters).
    #[serde(default)]
    text: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/moderation/items/{item_type}/{item_id}/appeal", tag = "moderation", params(("tenant" = String, Path, description = "the municipality's slug"), ("item_type" = String, Path), ("item_id" = i64, Path)), request_body = AppealBody, responses((status = 201, description = "the appeal is in the moderators' queue", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not the item's author", body = super::openapi::ErrorEnvelope), (status = 404, description = "not a hidden item", body = super::openapi::ErrorEnvelope), (status = 409, description = "appealed once already", body = super::openapi::ErrorEnvelope), (status = 422, description = "no text, or too long", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn appeal(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, item_type, item_id)): Path<(String, String, String)>,
    ApiJson(input): ApiJson<AppealBody>,
) -> Result<Response, WebError> {
    let id = path_id(&item_id)?;
    let t = tenant.tenant_id();
    moderation::appeal(&state.platform, t, principal.user_id, &item_type, id, &input.text).await?;
    let body = json!({ "item_type": item_type, "item_id": id, "appealed": true });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DecisionBody {
    /// restore or uphold.
    #[serde(default)]
    outcome: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/moderation/items/{item_type}/{item_id}/decision", tag = "moderation", params(("tenant" = String, Path, description = "the municipality's slug"), ("item_type" = String, Path), ("item_id" = i64, Path)), request_body = DecisionBody, responses((status = 200, description = "the appeal decided", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "staff only; or the moderator who hid the item (reason same_moderator)", body = super::openapi::ErrorEnvelope), (status = 404, description = "no appeal on this item", body = super::openapi::ErrorEnvelope), (status = 409, description = "decided already", body = super::openapi::ErrorEnvelope), (status = 422, description = "outcome is not restore or uphold", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn decide(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<AnyStaff>,
    address: ClientAddress,
    Path((_, item_type, item_id)): Path<(String, String, String)>,
    ApiJson(input): ApiJson<DecisionBody>,
) -> Result<Json<Value>, WebError> {
    let id = path_id(&item_id)?;
    let who = actor(&principal, &address);
    let t = tenant.tenant_id();
    moderation::decide_appeal(&state.platform, t, &who, principal.role, &item_type, id, &input.outcome).await?;
    Ok(Json(
        json!({ "item_type": item_type, "item_id": id, "outcome": input.outcome.trim() }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BlockBody {
    #[serde(default)]
    user_id: i64,
    /// 1 to 3650 days; absent or null: for good.
    #[serde(default)]
    days: Option<i64>,
    #[serde(default)]
    reason: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/moderation/blocks", tag = "moderation", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = BlockBody, responses((status = 201, description = "the person can read but not post until `until` (null: for good)", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "staff only", body = super::openapi::ErrorEnvelope), (status = 404, description = "no such person", body = super::openapi::ErrorEnvelope), (status = 409, description = "staff cannot be blocked", body = super::openapi::ErrorEnvelope), (status = 422, description = "days out of range", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn block(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<AnyStaff>,
    address: ClientAddress,
    ApiJson(input): ApiJson<BlockBody>,
) -> Result<Response, WebError> {
    if input.user_id <= 0 {
        return Err(WebError::NotFound);
    }
    let who = actor(&principal, &address);
    let days = input.days.map(|d| d.to_string()).unwrap_or_default();
    let reason = input.reason.unwrap_or_default();
    let until = moderation::block(
        &state.platform,
        tenant.tenant_id(),
        &who,
        principal.role,
        UserId(input.user_id),
        &days,
        &reason,
    )
    .await?;
    let body = json!({ "user_id": input.user_id, "until": until });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[utoipa::path(get, path = "/api/v1/{tenant}/moderation/settings", tag = "moderation", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "the number of flags that hides an item (a staff member's flag counts as two)", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "administrators only", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn settings(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(_, _): Staff<Admins>,
) -> Result<Json<Value>, WebError> {
    let n = moderation::hide_threshold(&state.platform, tenant.tenant_id()).await?;
    Ok(Json(json!({ "hide_threshold": n })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SettingsBody {
    /// 1 to 100.
    #[serde(default)]
    hide_threshold: i64,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/moderation/settings", tag = "moderation", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = SettingsBody, responses((status = 200, description = "the settings as saved", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "administrators only", body = super::openapi::ErrorEnvelope), (status = 422, description = "out of range", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn set_settings(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    ApiJson(input): ApiJson<SettingsBody>,
) -> Result<Json<Value>, WebError> {
    let who = actor(&principal, &address);
    let raw = input.hide_threshold.to_string();
    let n = moderation::set_hide_threshold(&state.platform, tenant.tenant_id(), &who, principal.role, &raw).await?;
    Ok(Json(json!({ "hide_threshold": n })))
}
