//! Following ideas, spaces, petitions and problem reports, the caller's
//! notifications and their mail settings.

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::extract::ApiJson;
use crate::extract::Path;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post, put};
use civic_app::notifications::{self as notify, FollowTarget};
use civic_core::{IdeaId, SpaceId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/{tenant}/ideas/{idea}/follow",
            put(follow_idea).delete(unfollow_idea),
        )
        .route(
            "/api/v1/{tenant}/spaces/{space}/follow",
            put(follow_space).delete(unfollow_space),
        )
        .route(
            "/api/v1/{tenant}/petitions/{petition}/follow",
            put(follow_petition).delete(unfollow_petition),
        )
        .route(
            "/api/v1/{tenant}/reports/{report}/follow",
            put(follow_report).delete(unfollow_report),
        )
        .route("/api/v1/{tenant}/me/notifications", get(list))
        .route("/api/v1/{tenant}/me/notifications/read", post(mark_read))
        .route(
            "/api/v1/{tenant}/me/notification-settings",
            get(settings).put(save_settings),
        )
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FollowState {
    following: bool,
}

/// The caller of a follow route: a signed-in person of the tenant (the CSRF
/// header checked for sessions by `CurrentUser`).
pub struct Follower {
    tenant: civic_core::TenantId,
    user: UserId,
}

impl axum::extract::FromRequestParts<AppState> for Follower {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut http::request::Parts, state: &AppState) -> Result<Self, WebError> {
        let tenant = Tenant::from_request_parts(parts, state).await?;
        let CurrentUser(principal, _) = CurrentUser::from_request_parts(parts, state).await?;
        Ok(Follower {
            tenant: tenant.tenant_id(),
            user: principal.user_id,
        })
    }
}

impl Follower {
    async fn set(self, state: &AppState, target: FollowTarget, on: bool) -> Result<Json<FollowState>, WebError> {
        let following = notify::set_follow(&state.platform, self.tenant, self.user, target, on).await?;
        Ok(Json(FollowState { following }))
    }
}

/// `PUT /api/v1/{tenant}/ideas/{idea}/follow`: idempotent.
#[utoipa::path(put, path = "/api/v1/{tenant}/ideas/{idea}/follow", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), responses((status = 200, description = "followed (or already was)", body = FollowState), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn follow_idea(
    State(state): State<AppState>,
    who: Follower,
    Path((_, idea)): Path<(String, IdeaId)>,
) -> Result<Json<FollowState>, WebError> {
    who.set(&state, FollowTarget::Idea(idea), true).await
}

/// `DELETE /api/v1/{tenant}/ideas/{idea}/follow`: stops following (200 either way).
#[utoipa::path(delete, path = "/api/v1/{tenant}/ideas/{idea}/follow", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), responses((status = 200, description = "not followed any more (or was not)", body = FollowState), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn unfollow_idea(
    State(state): State<AppState>,
    who: Follower,
    Path((_, idea)): Path<(String, IdeaId)>,
) -> Result<Json<FollowState>, WebError> {
    who.set(&state, FollowTarget::Idea(idea), false).await
}

/// `PUT /api/v1/{tenant}/spaces/{space}/follow`: idempotent.
#[utoipa::path(put, path = "/api/v1/{tenant}/spaces/{space}/follow", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), responses((status = 200, description = "followed (or already was)", body = FollowState), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn follow_space(
    State(state): State<AppState>,
    who: Follower,
    Path((_, space)): Path<(String, SpaceId)>,
) -> Result<Json<FollowState>, WebError> {
    who.set(&state, FollowTarget::Space(space), true).await
}

/// `DELETE /api/v1/{tenant}/spaces/{space}/follow`: stops following (200 either way).
#[utoipa::path(delete, path = "/api/v1/{tenant}/spaces/{space}/follow", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), responses((status = 200, description = "not followed any more (or was not)", body = FollowState), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn unfollow_space(
    State(state): State<AppState>,
    who: Follower,
    Path((_, space)): Path<(String, SpaceId)>,
) -> Result<Json<FollowState>, WebError> {
    who.set(&state, FollowTarget::Space(space), false).await
}

/// A petition's or report's number in the address (not a number: 404).
fn numbered(raw: &str) -> Result<i64, WebError> {
    raw.parse().ok().filter(|i| *i > 0).ok_or(WebError::NotFound)
}

/// `PUT /api/v1/{tenant}/petitions/{petition}/follow`: idempotent.
#[utoipa::path(put, path = "/api/v1/{tenant}/petitions/{petition}/follow", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug"), ("petition" = i64, Path)), responses((status = 200, description = "followed (or already was): told of its publication, threshold, forwarding and answer", body = FollowState), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found (or another's unpublished petition)", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn follow_petition(
    State(state): State<AppState>,
    who: Follower,
    Path((_, petition)): Path<(String, String)>,
) -> Result<Json<FollowState>, WebError> {
    who.set(&state, FollowTarget::Petition(numbered(&petition)?), true)
        .await
}

/// `DELETE /api/v1/{tenant}/petitions/{petition}/follow`: stops following (200 either way).
#[utoipa::path(delete, path = "/api/v1/{tenant}/petitions/{petition}/follow", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug"), ("petition" = i64, Path)), responses((status = 200, description = "not followed any more (or was not)", body = FollowState), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn unfollow_petition(
    State(state): State<AppState>,
    who: Follower,
    Path((_, petition)): Path<(String, String)>,
) -> Result<Json<FollowState>, WebError> {
    who.set(&state, FollowTarget::Petition(numbered(&petition)?), false)
        .await
}

/// `PUT /api/v1/{tenant}/reports/{report}/follow`: idempotent.
#[utoipa::path(put, path = "/api/v1/{tenant}/reports/{report}/follow", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug"), ("report" = i64, Path)), responses((status = 200, description = "followed (or already was): told of its status changes and the service's public replies", body = FollowState), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn follow_report(
    State(state): State<AppState>,
    who: Follower,
    Path((_, report)): Path<(String, String)>,
) -> Result<Json<FollowState>, WebError> {
    who.set(&state, FollowTarget::Report(numbered(&report)?), true).await
}

/// `DELETE /api/v1/{tenant}/reports/{report}/follow`: stops following (200 either way).
#[utoipa::path(delete, path = "/api/v1/{tenant}/reports/{report}/follow", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug"), ("report" = i64, Path)), responses((status = 200, description = "not followed any more (or was not)", body = FollowState), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn unfollow_report(
    State(state): State<AppState>,
    who: Follower,
    Path((_, report)): Path<(String, String)>,
) -> Result<Json<FollowState>, WebError> {
    who.set(&state, FollowTarget::Report(numbered(&report)?), false).await
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Notification {
    id: i64,
    /// status, comment, reply, new_idea, threshold, debate_reply, debate_concluded,
    /// petition_status, report_status, report_reply or report_department
    /// (to a department's staff: a report handed to it, or its reporter's
    /// confirmation or reopening of the fix).
    kind: String,
    /// The space of an idea or a debate (absent for petitions and reports).
    space_id: Option<i64>,
    space_title: Option<String>,
    /// The idea it is about (absent for a debate's notification).
    idea_id: Option<i64>,
    /// The debate it is about (debate_reply, debate_concluded).
    debate_id: Option<i64>,
    /// The petition it is about (petition_status).
    petition_id: Option<i64>,
    /// The problem report it is about (report_status, report_reply,
    /// report_department).
    report_id: Option<i64>,
    /// The city's words the event carries, up to 280 characters: the
    /// council's answer, the reason of a refusal or rejection, the service's
    /// reply.
    detail: Option<String>,
    comment_id: Option<i64>,
    /// Who acted (absent: the city, or a deleted account).
    actor: Option<String>,
    /// The idea's title (or the debate's question, the petition's title, the
    /// report's number, category and place) when it happened.
    idea_title: String,
    /// The new status (status changes; a petition's or report's status name).
    status: Option<String>,
    created_at: i64,
    read_at: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct NotificationList {
    items: Vec<Notification>,
    next_cursor: Option<String>,
    /// Unread notifications (counted up to 100).
    unread: i64,
}

#[derive(Deserialize)]
pub struct ListQuery {
    cursor: Option<String>,
}

/// `GET /api/v1/{tenant}/me/notifications?cursor=`: newest first.
#[utoipa::path(get, path = "/api/v1/{tenant}/me/notifications", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug"), ("cursor" = Option<String>, Query, description = "next_cursor of the previous page")), responses((status = 200, description = "a page of the caller's notifications", body = NotificationList), (status = 400, description = "a cursor we did not make", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<NotificationList>, WebError> {
    let (t, me) = (tenant.tenant_id(), principal.user_id);
    let page = notify::page(&state.platform, t, me, query.cursor.as_deref()).await?;
    Ok(Json(NotificationList {
        items: page
            .items
            .into_iter()
            .map(|n| Notification {
                id: n.id,
                kind: n.kind,
                space_id: n.space_id,
                space_title: n.space_title,
                idea_id: n.idea_id,
                debate_id: n.debate_id,
                petition_id: n.petition_id,
                report_id: n.report_id,
                detail: n.detail,
                comment_id: n.comment_id,
                actor: n.actor_name,
                idea_title: n.summary,
                status: n.status,
                created_at: n.created_at,
                read_at: n.read_at,
            })
            .collect(),
        next_cursor: page.next_cursor,
        unread: notify::unread(&state.platform, t, me).await?,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MarkRead {
    /// The notifications to mark; absent: all of them.
    ids: Option<Vec<i64>>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Marked {
    /// How many were unread and are now read.
    marked: u64,
}

/// `POST /api/v1/{tenant}/me/notifications/read`: `{ids}` or all. An id that
/// is not the caller's is 404 and nothing changes.
#[utoipa::path(post, path = "/api/v1/{tenant}/me/notifications/read", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = MarkRead, responses((status = 200, description = "marked read", body = Marked), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "a notification that is not the caller's", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn mark_read(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    ApiJson(input): ApiJson<MarkRead>,
) -> Result<Json<Marked>, WebError> {
    let marked = notify::mark_read(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        input.ids.as_deref(),
    )
    .await?;
    Ok(Json(Marked { marked }))
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct NotificationSettings {
    /// Per kind (status, comment, reply, new_idea, threshold, debate_reply,
    /// debate_concluded, petition_status, report_status, report_reply):
    /// immediate, daily, weekly (the digest of Mondays) or never. In a PUT,
    /// kinds left out keep their mode.
    #[serde(default)]
    modes: BTreeMap<String, String>,
    /// The language of the caller's mail (uk or en); empty or absent: the
    /// municipality's. In a PUT, absent keeps it.
    locale: Option<String>,
    /// Whether the monthly recap of what happened to the ideas, petitions
    /// and problem reports the caller took part in comes (on the first of
    /// each month, only when there is news). In a PUT, absent keeps it.
    monthly_recap: Option<bool>,
}

async fn current(state: &AppState, tenant: &Tenant, user: UserId) -> Result<NotificationSettings, WebError> {
    let s = notify::settings(&state.platform, tenant.tenant_id(), user).await?;
    Ok(NotificationSettings {
        modes: s
            .modes
            .iter()
            .map(|(k, m)| (k.as_str().to_string(), m.as_str().to_string()))
            .collect(),
        locale: s.locale.map(|l| l.as_str().to_string()),
        monthly_recap: Some(s.monthly_recap),
    })
}

/// `GET /api/v1/{tenant}/me/notification-settings`.
#[utoipa::path(get, path = "/api/v1/{tenant}/me/notification-settings", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "the mail mode of every kind, and the mail language", body = NotificationSettings), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn settings(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
) -> Result<Json<NotificationSettings>, WebError> {
    Ok(Json(current(&state, &tenant, principal.user_id).await?))
}

/// `PUT /api/v1/{tenant}/me/notification-settings`: an unknown kind, mode
/// or language is 422 and nothing changes.
#[utoipa::path(put, path = "/api/v1/{tenant}/me/notification-settings", tag = "notifications", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = NotificationSettings, responses((status = 200, description = "the settings now", body = NotificationSettings), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 422, description = "unknown kind, mode or language", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn save_settings(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    ApiJson(input): ApiJson<NotificationSettings>,
) -> Result<Json<NotificationSettings>, WebError> {
    let me = principal.user_id;
    let modes: Vec<(&str, &str)> = input.modes.iter().map(|(k, m)| (k.as_str(), m.as_str())).collect();
    notify::save_settings(
        &state.platform,
        tenant.tenant_id(),
        me,
        &modes,
        input.locale.as_deref(),
        input.monthly_recap,
    )
    .await?;
    Ok(Json(current(&state, &tenant, me).await?))
}
