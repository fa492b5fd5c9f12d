//! The caller's own account through the API: `me`, personal access tokens,
//! sessions, password, a copy of their data and deleting the account.
//! `POST /api/v1/{tenant}/tokens` and `GET /api/v1/{tenant}/me` are DESIGN
//! section 5 paths; the rest are additions under the same prefix.

use crate::auth::{CurrentUser, SignedInWith, actor};
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use civic_app::{accounts, privacy};
use civic_core::Timestamp;
use http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/tokens", post(create_token).get(list_tokens))
        .route("/api/v1/{tenant}/tokens/{token}", delete(revoke_token))
        .route("/api/v1/{tenant}/me", get(me).delete(delete_account))
        .route("/api/v1/{tenant}/me/password", put(change_password))
        .route("/api/v1/{tenant}/me/export", get(export))
        .route("/api/v1/{tenant}/me/sessions", get(sessions).delete(end_other_sessions))
        .route("/api/v1/{tenant}/me/sessions/{session}", delete(end_session))
        .route("/api/v1/{tenant}/password-resets", post(request_password_reset))
        .route(
            "/api/v1/{tenant}/password-resets/complete",
            post(complete_password_reset),
        )
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewToken {
    email: String,
    password: String,
    name: String,
    /// Days until the token stops working: 1 to 365, staff 1 to 30; the
    /// longest allowed when left out.
    #[serde(default)]
    expires_in_days: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CreatedToken {
    token: String,
    name: String,
    /// When the token stops working (milliseconds since 1970, UTC).
    expires_at: i64,
}

/// Creates a personal access token; it is shown in this answer only.
#[utoipa::path(post, path = "/api/v1/{tenant}/tokens", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = NewToken, responses((status = 201, description = "the token, shown this once", body = CreatedToken), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many attempts", body = super::openapi::ErrorEnvelope)))]
pub async fn create_token(
    State(state): State<AppState>,
    tenant: Tenant,
    address: ClientAddress,
    ApiJson(input): ApiJson<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), WebError> {
    let (token, expires_at) = civic_app::auth::create_token(
        &state.platform,
        tenant.tenant_id(),
        &input.email,
        &input.password,
        &input.name,
        civic_app::auth::TokenLifetime(input.expires_in_days),
        &address.0,
    )
    .await
    .map_err(|e| match e {
        // Wrong credentials are 401 here, with the same message either way.
        civic_app::AppError::Invalid(p) if p.first().is_some_and(|i| i.code == "invalid_credentials") => {
            WebError::BadCredentials
        }
        other => other.into(),
    })?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedToken {
            token,
            name: input.name.trim().to_string(),
            expires_at: expires_at.0,
        }),
    ))
}

/// The caller's tokens (names and dates, never the secrets).
#[utoipa::path(get, path = "/api/v1/{tenant}/tokens", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "the caller's tokens, without secrets", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn list_tokens(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
) -> Result<Json<Value>, WebError> {
    let tokens = privacy::tokens(&state.platform, tenant.tenant_id(), principal.user_id).await?;
    let items: Vec<Value> = tokens
        .iter()
        .map(|t| {
            json!({
                "id": t.id, "name": t.name, "created_at": t.created_at, "revoked": t.revoked_at.is_some(),
                "expires_at": t.expires_at, "last_used_at": t.last_used_at,
            })
        })
        .collect();
    Ok(Json(json!({ "items": items })))
}

#[utoipa::path(delete, path = "/api/v1/{tenant}/tokens/{token}", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug"), ("token" = i64, Path)), responses((status = 204, description = "revoked"), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn revoke_token(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    civic_app::auth::revoke_token(&state.platform, tenant.tenant_id(), &actor(&principal, &address), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    id: i64,
    email: String,
    display_name: String,
    roles: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/{tenant}/me", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "the caller, with roles", body = Me), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn me(CurrentUser(principal, _): CurrentUser) -> Json<Me> {
    Json(Me {
        id: principal.user_id.0,
        email: principal.email,
        display_name: principal.display_name,
        roles: vec![principal.role.to_string()],
    })
}

#[utoipa::path(get, path = "/api/v1/{tenant}/me/sessions", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "open sessions", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn sessions(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
) -> Result<Json<Value>, WebError> {
    let rows = privacy::sessions(&state.platform, tenant.tenant_id(), principal.user_id).await?;
    let current = current_hash(&via);
    let items: Vec<Value> = rows
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "created_at": s.created_at,
                "last_seen_at": s.last_seen_at,
                "user_agent": s.user_agent,
                "current": current.as_deref() == Some(s.token_hash.as_str()),
            })
        })
        .collect();
    Ok(Json(json!({ "items": items })))
}

fn current_hash(via: &SignedInWith) -> Option<String> {
    match via {
        SignedInWith::Session(token) => Some(civic_app::auth::digest(token)),
        SignedInWith::Token => None,
    }
}

/// Ends every other session ("sign out everywhere else").
#[utoipa::path(delete, path = "/api/v1/{tenant}/me/sessions", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "how many sessions ended", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn end_other_sessions(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
) -> Result<Json<Value>, WebError> {
    let current = match &via {
        SignedInWith::Session(token) => Some(token.as_str()),
        SignedInWith::Token => None,
    };
    let ended = privacy::end_other_sessions(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        current,
    )
    .await?;
    Ok(Json(json!({ "ended": ended })))
}

#[utoipa::path(delete, path = "/api/v1/{tenant}/me/sessions/{session}", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug"), ("session" = i64, Path)), responses((status = 204, description = "ended"), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn end_session(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    privacy::end_session(&state.platform, tenant.tenant_id(), &actor(&principal, &address), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PasswordChange {
    current_password: String,
    new_password: String,
}

/// Changes the password; every session ends, including the caller's (an
/// API client signs in again; the HTML page opens a fresh session).
#[utoipa::path(put, path = "/api/v1/{tenant}/me/password", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = PasswordChange, responses((status = 204, description = "changed; every session ended"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn change_password(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    ApiJson(input): ApiJson<PasswordChange>,
) -> Result<StatusCode, WebError> {
    accounts::change_password(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        &input.current_password,
        &input.new_password,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Everything held about the caller, as one JSON document.
#[utoipa::path(get, path = "/api/v1/{tenant}/me/export", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "everything held about the caller", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn export(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
) -> Result<Response, WebError> {
    let data = privacy::export(&state.platform, tenant.tenant_id(), principal.user_id).await?;
    let body = export_json(&tenant, &data);
    let (y, m, d) = Timestamp::now().ymd();
    let name = format!("civic-space-{}-{y}-{m:02}-{d:02}.json", tenant.slug);
    Ok((
        [(
            http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        )],
        Json(body),
    )
        .into_response())
}

pub fn export_json(tenant: &Tenant, export: &privacy::Export) -> Value {
    let a = &export.account;
    let d = &export.data;
    json!({
        "municipality": tenant.slug,
        "exported_at": Timestamp::now().0,
        "account": {
            "id": a.id, "email": a.email, "display_name": a.display_name, "role": a.role,
            "email_confirmed_at": a.email_confirmed_at, "created_at": a.created_at,
        },
        "sessions": d.sessions.iter().map(|s| json!({
            "created_at": s.created_at, "last_seen_at": s.last_seen_at, "expires_at": s.expires_at,
            "user_agent": s.user_agent,
        })).collect::<Vec<_>>(),
        "tokens": d.tokens.iter().map(|t| json!({
            "name": t.name, "created_at": t.created_at, "revoked_at": t.revoked_at,
            "expires_at": t.expires_at, "last_used_at": t.last_used_at,
        })).collect::<Vec<_>>(),
        "ideas": d.ideas.iter().map(|i| json!({
            "id": i.id, "space_id": i.space_id, "title": i.title, "body": i.body, "status": i.status,
            "created_at": i.created_at,
        })).collect::<Vec<_>>(),
        "comments": d.comments.iter().map(|c| json!({
            "id": c.id, "idea_id": c.idea_id, "body": c.body, "created_at": c.created_at,
        })).collect::<Vec<_>>(),
        "supports": d.supports.iter().map(|s| json!({
            "idea_id": s.idea_id, "created_at": s.created_at,
        })).collect::<Vec<_>>(),
        "verification": export.verification.as_ref().map(|v| json!({
            "method": v.method, "district": v.district, "birth_year": v.birth_year,
            "document_type": v.document_type, "verified_at": v.created_at, "expires_at": v.expires_at,
        })),
        "accepted_documents": export.accepted_documents.iter().map(|a| json!({
            "document": a.kind, "version": a.version, "accepted_at": a.accepted_at,
        })).collect::<Vec<_>>(),
        "contributions": d.contributions.iter().map(|c| json!({
            "kind": c.kind, "id": c.id, "of_id": c.of_id, "title": c.title, "body": c.body,
            "choice": c.choice, "position": c.position, "at": c.at,
        })).collect::<Vec<_>>(),
        "follows": d.follows.iter().map(|f| json!({
            "idea_id": f.idea_id, "space_id": f.space_id, "petition_id": f.petition_id,
            "report_id": f.report_id, "created_at": f.created_at,
        })).collect::<Vec<_>>(),
        "notification_settings": {
            "modes": d.notification_settings.iter().map(|s| (s.kind.clone(), json!(s.mode))).collect::<serde_json::Map<_, _>>(),
            "locale": d.mail_locale,
            "monthly_recap": d.monthly_recap,
        },
    })
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Deletion {
    password: String,
    /// "keep" (shown as a deleted user's) or "remove".
    contributions: String,
}

#[utoipa::path(delete, path = "/api/v1/{tenant}/me", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = Deletion, responses((status = 204, description = "deleted"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn delete_account(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    ApiJson(input): ApiJson<Deletion>,
) -> Result<StatusCode, WebError> {
    let contributions = privacy::parse_contributions(&input.contributions)?;
    privacy::delete_account(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        &input.password,
        contributions,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ResetRequest {
    email: String,
}

/// Asks for a reset link. 202 whether or not the address has an account.
#[utoipa::path(post, path = "/api/v1/{tenant}/password-resets", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = ResetRequest, responses((status = 202, description = "a link is sent if the address has an account", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many attempts", body = super::openapi::ErrorEnvelope)))]
pub async fn request_password_reset(
    State(state): State<AppState>,
    tenant: Tenant,
    crate::locale::RequestLocale(locale): crate::locale::RequestLocale,
    address: ClientAddress,
    ApiJson(input): ApiJson<ResetRequest>,
) -> Result<(StatusCode, Json<Value>), WebError> {
    accounts::request_password_reset(
        &state.platform,
        &tenant,
        &input.email,
        locale,
        &address.0,
        &state.config.public_url,
        state.catalog.as_ref(),
    )
    .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({"message": "if this address has an account, a link to set a new password is on its way"})),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ResetCompletion {
    token: String,
    password: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/password-resets/complete", tag = "accounts", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = ResetCompletion, responses((status = 204, description = "password set; every session ended"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)))]
pub async fn complete_password_reset(
    State(state): State<AppState>,
    tenant: Tenant,
    address: ClientAddress,
    ApiJson(input): ApiJson<ResetCompletion>,
) -> Result<StatusCode, WebError> {
    accounts::reset_password(
        &state.platform,
        tenant.tenant_id(),
        &input.token,
        &input.password,
        &address.0,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
