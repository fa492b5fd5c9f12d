//! Conversations through the API: the DESIGN section 5 paths (list, next
//! statement, votes, results) plus opening one, adding statements and
//! moderating them.

use crate::auth::{CurrentUser, MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use civic_app::conversations::{self, NewConversationInput};
use civic_core::SpaceId;
use civic_core::conversations::Conversation as ConversationRecord;
use http::{StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/spaces/{space}/conversations", get(list).post(create))
        .route("/api/v1/{tenant}/conversations/{conversation}", get(show))
        .route(
            "/api/v1/{tenant}/conversations/{conversation}/statements/next",
            get(next),
        )
        .route(
            "/api/v1/{tenant}/conversations/{conversation}/statements",
            post(add_statement),
        )
        .route(
            "/api/v1/{tenant}/conversations/{conversation}/statements/{statement}/moderation",
            post(moderate),
        )
        .route("/api/v1/{tenant}/conversations/{conversation}/votes", post(vote))
        .route("/api/v1/{tenant}/conversations/{conversation}/status", put(set_status))
        .route("/api/v1/{tenant}/conversations/{conversation}/results", get(results))
}

pub fn conversation_json(c: &ConversationRecord) -> Value {
    json!({
        "id": c.id, "space_id": c.space_id, "question": c.question, "description": c.description,
        "status": c.status, "moderation": c.moderation, "statement_count": c.statement_count,
        "created_at": c.created_at, "results_computed_at": c.result_computed_at,
    })
}

#[utoipa::path(get, path = "/api/v1/{tenant}/spaces/{space}/conversations", tag = "conversations", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), responses((status = 200, description = "conversations of the space", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((_, space)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let items: Vec<Value> = conversations::in_public_space(&state.platform, tenant.tenant_id(), space)
        .await?
        .iter()
        .map(conversation_json)
        .collect();
    Ok(Json(json!({ "items": items, "next_cursor": null })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewConversation {
    #[serde(default)]
    question: String,
    #[serde(default)]
    description: String,
    moderation: Option<String>,
    #[serde(default)]
    seed_statements: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/spaces/{space}/conversations", tag = "conversations", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), request_body = NewConversation, responses((status = 201, description = "opened", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, space)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewConversation>,
) -> Result<Response, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let seeds = input.seed_statements.join("\n");
    let t = tenant.tenant_id();
    let id = conversations::open(
        &state.platform,
        t,
        principal.role,
        space,
        &NewConversationInput {
            question: &input.question,
            description: &input.description,
            moderation: input.moderation.as_deref().unwrap_or("after"),
            seed_statements: &seeds,
        },
    )
    .await?;
    let created = conversations::get(&state.platform, t, id).await?;
    let location = format!("/api/v1/{}/conversations/{id}", tenant.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(conversation_json(&created)),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/{tenant}/conversations/{conversation}", tag = "conversations", params(("tenant" = String, Path, description = "the municipality's slug"), ("conversation" = i64, Path)), responses((status = 200, description = "the conversation", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((_, conversation)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let c = conversations::get(&state.platform, tenant.tenant_id(), id(&conversation)?).await?;
    Ok(Json(conversation_json(&c)))
}

/// The statement to vote on next: unseen by the caller and with the fewest
/// votes; for visitors, the least-voted one.
#[utoipa::path(get, path = "/api/v1/{tenant}/conversations/{conversation}/statements/next", tag = "conversations", params(("tenant" = String, Path, description = "the municipality's slug"), ("conversation" = i64, Path)), responses((status = 200, description = "the next statement to vote on (null when none is left) and how many remain", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn next(
    State(state): State<AppState>,
    tenant: Tenant,
    MaybeUser(user): MaybeUser,
    Path((_, conversation)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let user = user.map(|(p, _)| p.user_id);
    let (statement, remaining) =
        conversations::next(&state.platform, tenant.tenant_id(), id(&conversation)?, user).await?;
    Ok(Json(json!({
        "statement": statement.map(|s| json!({"id": s.id, "body": s.body})),
        "remaining": remaining,
    })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewVote {
    statement_id: i64,
    vote: i64,
}

/// 201 for a first vote on the statement, 200 when it replaces one.
#[utoipa::path(post, path = "/api/v1/{tenant}/conversations/{conversation}/votes", tag = "conversations", params(("tenant" = String, Path, description = "the municipality's slug"), ("conversation" = i64, Path)), request_body = NewVote, responses((status = 201, description = "first vote on the statement", body = serde_json::Value), (status = 200, description = "the vote replaced an earlier one", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn vote(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, conversation)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewVote>,
) -> Result<Response, WebError> {
    let conversation = id(&conversation)?;
    let first = conversations::vote(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        conversation,
        input.statement_id,
        input.vote,
    )
    .await?;
    let status = if first { StatusCode::CREATED } else { StatusCode::OK };
    Ok((
        status,
        Json(json!({"statement_id": input.statement_id, "vote": input.vote})),
    )
        .into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewStatement {
    #[serde(default)]
    body: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/conversations/{conversation}/statements", tag = "conversations", params(("tenant" = String, Path, description = "the municipality's slug"), ("conversation" = i64, Path)), request_body = NewStatement, responses((status = 201, description = "added, published or pending", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many attempts", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn add_statement(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, conversation)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewStatement>,
) -> Result<Response, WebError> {
    let (statement, published) = conversations::add_statement(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        id(&conversation)?,
        &input.body,
    )
    .await?;
    let status = if published { "published" } else { "pending" };
    Ok((StatusCode::CREATED, Json(json!({"id": statement, "status": status}))).into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Decision {
    #[serde(default)]
    decision: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/conversations/{conversation}/statements/{statement}/moderation", tag = "conversations", params(("tenant" = String, Path, description = "the municipality's slug"), ("conversation" = i64, Path), ("statement" = i64, Path)), request_body = Decision, responses((status = 204, description = "decided"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn moderate(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    Path((_, conversation, statement)): Path<(String, String, String)>,
    ApiJson(input): ApiJson<Decision>,
) -> Result<StatusCode, WebError> {
    conversations::moderate(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        id(&conversation)?,
        id(&statement)?,
        &input.decision,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StatusChange {
    /// "open" or "closed".
    #[serde(default)]
    status: String,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/conversations/{conversation}/status", tag = "conversations", params(("tenant" = String, Path, description = "the municipality's slug"), ("conversation" = i64, Path)), request_body = StatusChange, responses((status = 204, description = "the conversation is open or closed as asked"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn set_status(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    Path((_, conversation)): Path<(String, String)>,
    ApiJson(input): ApiJson<StatusChange>,
) -> Result<StatusCode, WebError> {
    conversations::set_status(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        id(&conversation)?,
        &input.status,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The last computed opinion groups, consensus and divisive statements.
#[utoipa::path(get, path = "/api/v1/{tenant}/conversations/{conversation}/results", tag = "conversations", params(("tenant" = String, Path, description = "the municipality's slug"), ("conversation" = i64, Path)), responses((status = 200, description = "opinion groups, consensus and divisive statements, as last computed", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn results(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((_, conversation)): Path<(String, String)>,
) -> Result<Json<conversations::Results>, WebError> {
    Ok(Json(
        conversations::results(&state.platform, tenant.tenant_id(), id(&conversation)?).await?,
    ))
}
