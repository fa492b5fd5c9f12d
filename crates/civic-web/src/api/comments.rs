//! The discussion of an idea in the JSON API: listing, commenting and
//! replying, the author's edit and deletion, ratings.

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::extract::{ApiJson, Path};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::extract::{Query, State};
use axum::routing::{get, patch, put};
use axum::{Json, Router};
use civic_app::comments::NewCommentInput;
use civic_core::{CommentId, IdeaId, Role};
use http::StatusCode;
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/{tenant}/ideas/{idea}/comments",
            get(comments).post(create_comment),
        )
        .route(
            "/api/v1/{tenant}/comments/{comment}",
            patch(edit_comment).delete(delete_comment),
        )
        .route("/api/v1/{tenant}/comments/{comment}/vote", put(vote_comment))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Comment {
    id: i64,
    parent_id: Option<i64>,
    depth: i64,
    body: String,
    alignment: String,
    author: Option<String>,
    official: bool,
    created_at: i64,
    edited_at: Option<i64>,
    deleted: bool,
    score: i64,
    /// Hidden until a moderator reviews it (or held by the screening): its
    /// body is empty here (the moderators read it in their queue).
    hidden: bool,
    /// The moderators' public reason, when they gave one.
    moderation_reason: Option<String>,
}

impl From<civic_core::comments::Comment> for Comment {
    fn from(c: civic_core::comments::Comment) -> Self {
        Comment {
            id: c.id.0,
            parent_id: c.parent_id.map(|p| p.0),
            depth: c.depth,
            official: c.author_role.is_some_and(Role::is_staff),
            deleted: c.is_deleted(),
            hidden: c.moderation.is_some(),
            moderation_reason: c.moderation_reason,
            body: if c.moderation.is_some() { String::new() } else { c.body },
            alignment: c.alignment,
            author: c.author_name,
            created_at: c.created_at,
            edited_at: c.edited_at,
            score: c.score,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CommentList {
    items: Vec<Comment>,
    next_cursor: Option<String>,
}

#[derive(Deserialize)]
pub struct CommentsQuery {
    sort: Option<String>,
}

/// `GET /api/v1/{tenant}/ideas/{id}/comments?sort=oldest|best|newest`.
#[utoipa::path(get, path = "/api/v1/{tenant}/ideas/{idea}/comments", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path), ("sort" = Option<String>, Query, description = "oldest (default), best or newest")), responses((status = 200, description = "the comments, in threads", body = CommentList), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "unknown sort", body = super::openapi::ErrorEnvelope)))]
pub async fn comments(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((_, id)): Path<(String, IdeaId)>,
    Query(query): Query<CommentsQuery>,
) -> Result<Json<CommentList>, WebError> {
    let found = civic_app::comments::of_idea(&state.platform, tenant.tenant_id(), id, query.sort.as_deref()).await?;
    Ok(Json(CommentList {
        items: found.into_iter().map(Comment::from).collect(),
        next_cursor: None,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewComment {
    #[serde(default)]
    body: String,
    #[schema(value_type = Option<i64>)]
    parent_id: Option<CommentId>,
    alignment: Option<String>,
}

/// `POST /api/v1/{tenant}/ideas/{id}/comments` -> 201 with the comment.
#[utoipa::path(post, path = "/api/v1/{tenant}/ideas/{idea}/comments", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), request_body = NewComment, responses((status = 201, description = "commented", body = Comment), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many attempts", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create_comment(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, IdeaId)>,
    ApiJson(input): ApiJson<NewComment>,
) -> Result<(StatusCode, Json<Comment>), WebError> {
    let t = tenant.tenant_id();
    let new = NewCommentInput {
        body: &input.body,
        parent: input.parent_id,
        alignment: input.alignment.as_deref(),
    };
    let comment = civic_app::comments::comment(&state.platform, t, principal.user_id, id, &new).await?;
    let stored = civic_app::comments::visible_comment(&state.platform, t, comment).await?;
    Ok((StatusCode::CREATED, Json(Comment::from(stored))))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CommentPatch {
    #[serde(default)]
    body: String,
}

/// `PATCH /api/v1/{tenant}/comments/{id}`: the author's new text.
#[utoipa::path(patch, path = "/api/v1/{tenant}/comments/{comment}", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("comment" = i64, Path)), request_body = CommentPatch, responses((status = 200, description = "edited", body = Comment), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (not the author, role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn edit_comment(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, CommentId)>,
    ApiJson(input): ApiJson<CommentPatch>,
) -> Result<Json<Comment>, WebError> {
    let stored =
        civic_app::comments::edit_comment(&state.platform, tenant.tenant_id(), principal.user_id, id, &input.body)
            .await?;
    Ok(Json(Comment::from(stored)))
}

/// `DELETE /api/v1/{tenant}/comments/{id}`: 204; the replies stay.
#[utoipa::path(delete, path = "/api/v1/{tenant}/comments/{comment}", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("comment" = i64, Path)), responses((status = 204, description = "deleted; replies stay"), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (not the author, role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn delete_comment(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, CommentId)>,
) -> Result<StatusCode, WebError> {
    civic_app::comments::delete_comment(&state.platform, tenant.tenant_id(), &principal, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct VoteInput {
    value: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct VoteOut {
    value: i64,
    score: i64,
}

/// `PUT /api/v1/{tenant}/comments/{id}/vote` with `{"value": 1 | -1 | 0}`.
#[utoipa::path(put, path = "/api/v1/{tenant}/comments/{comment}/vote", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("comment" = i64, Path)), request_body = VoteInput, responses((status = 200, description = "the comment's score", body = VoteOut), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (not the author, role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn vote_comment(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, CommentId)>,
    ApiJson(input): ApiJson<VoteInput>,
) -> Result<Json<VoteOut>, WebError> {
    let value = input
        .value
        .ok_or_else(|| civic_core::Invalid::new("value", "invalid_vote", "a vote is 1 (up), -1 (down) or 0 (none)"))?;
    let rated =
        civic_app::comments::vote_comment(&state.platform, tenant.tenant_id(), principal.user_id, id, value).await?;
    Ok(Json(VoteOut {
        value,
        score: rated.score,
    }))
}
