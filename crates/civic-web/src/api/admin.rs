//! Tenant administration through the API: people and their roles, and the
//! audit log. Administrators only (`Staff<Admins>`).

use crate::auth::actor;
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::ApiJson;
use crate::extract::{Admins, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, put};
use civic_app::audit::AuditFilter;
use civic_core::UserId;
use http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/users/{user}/role", put(set_role))
        .route("/api/v1/{tenant}/audit", get(audit))
}

#[derive(Deserialize)]
pub struct PeopleQuery {
    q: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/{tenant}/users", tag = "administration", params(("tenant" = String, Path, description = "the municipality's slug"), ("q" = Option<String>, Query, description = "part of a name or e-mail")), responses((status = 200, description = "accounts, staff first", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn people(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Admins>,
    Query(query): Query<PeopleQuery>,
) -> Result<Json<Value>, WebError> {
    let people = civic_app::roles::people(
        &state.platform,
        tenant.tenant_id(),
        principal.role,
        query.q.as_deref(),
        1,
        200,
    )
    .await?;
    let items: Vec<Value> = people
        .people
        .iter()
        .map(|u| {
            json!({"id": u.id, "email": u.email, "display_name": u.display_name, "role": u.role,
                   "email_confirmed": u.email_confirmed_at.is_some(), "created_at": u.created_at})
        })
        .collect();
    Ok(Json(json!({ "items": items })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RoleChange {
    role: String,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/users/{user}/role", tag = "administration", params(("tenant" = String, Path, description = "the municipality's slug"), ("user" = i64, Path)), request_body = RoleChange, responses((status = 204, description = "role set"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn set_role(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    Path((_, user)): Path<(String, String)>,
    ApiJson(input): ApiJson<RoleChange>,
) -> Result<StatusCode, WebError> {
    let user: i64 = user.parse().map_err(|_| WebError::NotFound)?;
    civic_app::roles::set_role(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        UserId(user),
        &input.role,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    pub action: Option<String>,
    pub actor: Option<String>,
    pub cursor: Option<String>,
}

impl AuditQuery {
    pub fn filter(&self) -> Result<AuditFilter, WebError> {
        let before_id = match self.cursor.as_deref().filter(|b| !b.is_empty()) {
            Some(raw) => Some(
                raw.parse::<i64>()
                    .map_err(|_| WebError::BadRequest("this cursor is not one we made".into()))?,
            ),
            None => None,
        };
        Ok(AuditFilter {
            action: self.action.clone().filter(|a| !a.is_empty()),
            actor: self
                .actor
                .clone()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty()),
            since: None,
            before_id,
        })
    }
}

pub const AUDIT_PAGE: u32 = 50;

#[utoipa::path(get, path = "/api/v1/{tenant}/audit", tag = "administration", params(("tenant" = String, Path, description = "the municipality's slug"), ("action" = Option<String>, Query), ("actor" = Option<String>, Query), ("cursor" = Option<String>, Query)), responses((status = 200, description = "entries, newest first", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn audit(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Admins>,
    Query(query): Query<AuditQuery>,
) -> Result<Json<Value>, WebError> {
    let entries = civic_app::audit::entries(
        &state.platform,
        tenant.tenant_id(),
        principal.role,
        &query.filter()?,
        AUDIT_PAGE,
    )
    .await?;
    let next = (entries.len() == AUDIT_PAGE as usize)
        .then(|| entries.last().map(|e| e.id.to_string()))
        .flatten();
    let items: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({"id": e.id, "at": e.at, "actor": e.actor, "action": e.action, "subject": e.subject,
                   "detail": e.detail, "address": e.address})
        })
        .collect();
    Ok(Json(json!({ "items": items, "next_cursor": next })))
}
