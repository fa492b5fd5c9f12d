//! The ideas of the JSON API: a space's list, an idea with its answers,
//! proposing, supporting, the city's answers, editing and withdrawing.

use crate::auth::{CurrentUser, MaybeUser};
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::{ApiJson, Officials, Path, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use civic_core::{IdeaId, SpaceId};
use http::{StatusCode, header};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/spaces/{space}/ideas", get(list).post(create))
        .route("/api/v1/{tenant}/spaces/{space}/ideas/similar", get(similar))
        .route("/api/v1/{tenant}/ideas/{idea}", get(show).patch(edit))
        .route("/api/v1/{tenant}/ideas/{idea}/withdrawal", post(withdraw))
        .route("/api/v1/{tenant}/ideas/{idea}/support", put(support).delete(unsupport))
        .route("/api/v1/{tenant}/ideas/{idea}/answers", post(create_answer))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Location {
    latitude: f64,
    longitude: f64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Idea {
    id: i64,
    space_id: i64,
    title: String,
    body: String,
    status: String,
    category: Option<String>,
    district: Option<String>,
    location: Option<Location>,
    support_count: i64,
    comment_count: i64,
    author: Option<String>,
    created_at: i64,
    edited_at: Option<i64>,
    /// Hidden until a moderator reviews it: its title and body are empty
    /// here (the moderators read it in their queue).
    hidden: bool,
    /// The moderators' public reason, when they gave one.
    moderation_reason: Option<String>,
    /// The idea staff merged this one into (status `merged`).
    merged_into: Option<i64>,
}

impl From<civic_core::ideas::Idea> for Idea {
    fn from(i: civic_core::ideas::Idea) -> Self {
        let hidden = i.moderation.is_some();
        Idea {
            id: i.id.0,
            space_id: i.space_id.0,
            hidden,
            moderation_reason: i.moderation_reason,
            title: if hidden { String::new() } else { i.title },
            body: if hidden { String::new() } else { i.body },
            status: i.status.to_string(),
            category: i.category,
            district: i.district,
            location: i
                .latitude
                .zip(i.longitude)
                .map(|(latitude, longitude)| Location { latitude, longitude }),
            support_count: i.support_count,
            comment_count: i.comment_count,
            author: i.author_name,
            created_at: i.created_at,
            edited_at: i.edited_at,
            merged_into: i.merged_into.map(|m| m.0),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct IdeaList {
    items: Vec<Idea>,
    next_cursor: Option<String>,
    sort: &'static str,
    /// The random order's seed (pass it back to see the same order).
    seed: i64,
}

/// `GET /api/v1/{tenant}/spaces/{space}/ideas?sort=&status=&category=&district=&mine=&cursor=&seed=`.
#[utoipa::path(get, path = "/api/v1/{tenant}/spaces/{space}/ideas", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path), ("sort" = Option<String>, Query, description = "newest (default), supported, commented or random"), ("status" = Option<String>, Query), ("category" = Option<String>, Query), ("district" = Option<String>, Query), ("topic" = Option<String>, Query, description = "a topic id from GET /api/v1/{tenant}/spaces/{space}/topics: only its ideas"), ("mine" = Option<String>, Query, description = "1: only the caller's ideas (sign-in needed)"), ("seed" = Option<String>, Query, description = "the random order's starting point"), ("cursor" = Option<String>, Query, description = "next_cursor of the previous page")), responses((status = 200, description = "a page of ideas", body = IdeaList), (status = 400, description = "a cursor we did not make", body = super::openapi::ErrorEnvelope), (status = 401, description = "mine without signing in", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "unknown sort or status", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    MaybeUser(user): MaybeUser,
    Path((_, space)): Path<(String, SpaceId)>,
    Query(query): Query<civic_app::ideas::ListQuery>,
) -> Result<Json<IdeaList>, WebError> {
    let params = query.params(user.as_ref().map(|(p, _)| p.user_id), false)?;
    let (_, page, listed) =
        civic_app::ideas::list_in_space(&state.platform, tenant.tenant_id(), space, &params).await?;
    Ok(Json(IdeaList {
        items: page.items.into_iter().map(Idea::from).collect(),
        next_cursor: page.next_cursor,
        sort: listed.sort.as_str(),
        seed: listed.seed,
    }))
}

/// An existing idea that may be the one a person is about to propose.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SimilarIdea {
    id: i64,
    title: String,
    status: String,
    support_count: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SimilarIdeas {
    items: Vec<SimilarIdea>,
}

#[derive(Deserialize)]
pub struct SimilarQuery {
    #[serde(default)]
    title: String,
}

/// `GET /api/v1/{tenant}/spaces/{space}/ideas/similar?title=`: up to five
/// ideas of the space like the title being typed, best first.
#[utoipa::path(get, path = "/api/v1/{tenant}/spaces/{space}/ideas/similar", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path), ("title" = String, Query, description = "the title typed so far (at most 150 characters)")), responses((status = 200, description = "ideas like it, best first (none for a title of only common words)", body = SimilarIdeas), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "title too long", body = super::openapi::ErrorEnvelope)))]
pub async fn similar(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((_, space)): Path<(String, SpaceId)>,
    Query(query): Query<SimilarQuery>,
) -> Result<Json<SimilarIdeas>, WebError> {
    let found = civic_app::ideas::similar_ideas(&state.platform, tenant.tenant_id(), space, &query.title).await?;
    Ok(Json(SimilarIdeas {
        items: found
            .into_iter()
            .map(|i| SimilarIdea {
                id: i.id,
                title: i.title,
                status: i.status,
                support_count: i.support_count,
            })
            .collect(),
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Answer {
    status: String,
    text: String,
    author_role: String,
    created_at: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct IdeaDetail {
    #[serde(flatten)]
    idea: Idea,
    answers: Vec<Answer>,
}

/// `GET /api/v1/{tenant}/ideas/{id}`: with support count, status, answers.
#[utoipa::path(get, path = "/api/v1/{tenant}/ideas/{idea}", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), responses((status = 200, description = "the idea with its support count, status and answers", body = IdeaDetail), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((_, id)): Path<(String, IdeaId)>,
) -> Result<Json<IdeaDetail>, WebError> {
    Ok(Json(detail(&state, &tenant, id).await?))
}

async fn detail(state: &AppState, tenant: &Tenant, id: IdeaId) -> Result<IdeaDetail, WebError> {
    let (idea, answers) = civic_app::ideas::detail(&state.platform, tenant.tenant_id(), id).await?;
    Ok(IdeaDetail {
        idea: idea.into(),
        answers: answers
            .into_iter()
            .map(|a| Answer {
                status: a.status.to_string(),
                text: a.body,
                author_role: a.author_role.to_string(),
                created_at: a.created_at,
            })
            .collect(),
    })
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LocationInput {
    latitude: f64,
    longitude: f64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewIdea {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    category: Option<String>,
    district: Option<String>,
    location: Option<LocationInput>,
}

/// `POST /api/v1/{tenant}/spaces/{space}/ideas`: 201 with the idea and its
/// address in `Location`.
#[utoipa::path(post, path = "/api/v1/{tenant}/spaces/{space}/ideas", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), request_body = NewIdea, responses((status = 201, description = "proposed", body = Idea), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many attempts", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, space)): Path<(String, SpaceId)>,
    ApiJson(input): ApiJson<NewIdea>,
) -> Result<Response, WebError> {
    let proposal = civic_app::ideas::Proposal {
        title: &input.title,
        body: &input.body,
        category: input.category.as_deref(),
        district: input.district.as_deref(),
        location: input.location.map(|l| (l.latitude, l.longitude)),
    };
    let idea =
        civic_app::ideas::propose(&state.platform, tenant.tenant_id(), principal.user_id, space, &proposal).await?;
    let location = format!("/api/v1/{}/ideas/{}", tenant.slug, idea.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(IdeaDetail {
            idea: idea.into(),
            answers: Vec::new(),
        }),
    )
        .into_response())
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SupportOut {
    supported: bool,
    support_count: i64,
    status: String,
}

async fn set_support(
    state: &AppState,
    tenant: &Tenant,
    principal: &civic_core::user::Principal,
    id: IdeaId,
    support: bool,
) -> Result<(StatusCode, Json<SupportOut>), WebError> {
    let done =
        civic_app::ideas::set_support(&state.platform, tenant.tenant_id(), principal.user_id, id, support).await?;
    let status = if support && done.changed {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(SupportOut {
            supported: done.supported,
            support_count: done.support_count,
            status: done.status.to_string(),
        }),
    ))
}

/// `PUT /api/v1/{tenant}/ideas/{id}/support`: 201 when stored, 200 when it
/// already was.
#[utoipa::path(put, path = "/api/v1/{tenant}/ideas/{idea}/support", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), responses((status = 201, description = "supported", body = SupportOut), (status = 200, description = "already supported", body = SupportOut), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn support(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, IdeaId)>,
) -> Result<(StatusCode, Json<SupportOut>), WebError> {
    set_support(&state, &tenant, &principal, id, true).await
}

/// `DELETE /api/v1/{tenant}/ideas/{id}/support`: withdraws it (200 either way).
#[utoipa::path(delete, path = "/api/v1/{tenant}/ideas/{idea}/support", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), responses((status = 200, description = "support withdrawn (or there was none)", body = SupportOut), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn unsupport(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, IdeaId)>,
) -> Result<(StatusCode, Json<SupportOut>), WebError> {
    set_support(&state, &tenant, &principal, id, false).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewAnswer {
    #[serde(default)]
    status: String,
    #[serde(default)]
    text: String,
}

/// `POST /api/v1/{tenant}/ideas/{id}/answers` (officials and
/// administrators) -> 201 with the idea as it now stands.
#[utoipa::path(post, path = "/api/v1/{tenant}/ideas/{idea}/answers", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), request_body = NewAnswer, responses((status = 201, description = "the city's answer, with the idea's new status", body = IdeaDetail), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create_answer(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(official, ..): Staff<Officials>,
    address: ClientAddress,
    Path((_, id)): Path<(String, IdeaId)>,
    ApiJson(input): ApiJson<NewAnswer>,
) -> Result<(StatusCode, Json<IdeaDetail>), WebError> {
    let actor = crate::auth::actor(&official, &address);
    civic_app::ideas::answer(
        &state.platform,
        tenant.tenant_id(),
        &actor,
        &official,
        id,
        &input.status,
        &input.text,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(detail(&state, &tenant, id).await?)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct IdeaPatch {
    title: Option<String>,
    body: Option<String>,
    category: Option<String>,
    district: Option<String>,
}

/// `PATCH /api/v1/{tenant}/ideas/{id}`: the author, within the edit window.
#[utoipa::path(patch, path = "/api/v1/{tenant}/ideas/{idea}", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), request_body = IdeaPatch, responses((status = 200, description = "edited", body = IdeaDetail), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (not the author, role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn edit(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, IdeaId)>,
    ApiJson(input): ApiJson<IdeaPatch>,
) -> Result<Json<IdeaDetail>, WebError> {
    let changes = civic_app::ideas::IdeaChanges {
        title: input.title.as_deref(),
        body: input.body.as_deref(),
        category: input.category.as_deref(),
        district: input.district.as_deref(),
    };
    civic_app::ideas::edit_idea(&state.platform, tenant.tenant_id(), principal.user_id, id, &changes).await?;
    Ok(Json(detail(&state, &tenant, id).await?))
}

/// `POST /api/v1/{tenant}/ideas/{id}/withdrawal`: the author withdraws it.
#[utoipa::path(post, path = "/api/v1/{tenant}/ideas/{idea}/withdrawal", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), responses((status = 200, description = "withdrawn", body = IdeaDetail), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (not the author, role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn withdraw(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, IdeaId)>,
) -> Result<Json<IdeaDetail>, WebError> {
    civic_app::ideas::withdraw_idea(&state.platform, tenant.tenant_id(), principal.user_id, id).await?;
    Ok(Json(detail(&state, &tenant, id).await?))
}
