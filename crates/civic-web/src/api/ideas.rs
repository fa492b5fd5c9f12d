use crate::auth::{CurrentUser, Via, require_csrf, require_role};
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use civic_core::{CommentId, IdeaId, Role, SpaceId, UserId};
use civic_store::comments::{CommentRecord, Comments};
use civic_store::ideas::{IdeaRecord, Ideas};
use civic_store::sessions::Principal;
use http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};

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
}

impl From<IdeaRecord> for Idea {
    fn from(i: IdeaRecord) -> Self {
        Idea {
            id: i.id,
            space_id: i.space_id,
            title: i.title,
            body: i.body,
            status: i.status,
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

#[derive(Deserialize)]
pub struct ListQuery {
    cursor: Option<String>,
    sort: Option<String>,
    status: Option<String>,
    category: Option<String>,
    district: Option<String>,
    mine: Option<String>,
    seed: Option<String>,
}

/// `mine=1` (or true, on, yes) asks for the signed-in person's ideas.
fn wants_mine(raw: Option<&str>) -> bool {
    matches!(raw.map(str::trim), Some("1" | "true" | "on" | "yes"))
}

/// `GET /api/v1/{tenant}/spaces/{space}/ideas?sort=&status=&category=&district=&mine=&cursor=&seed=`.
#[utoipa::path(get, path = "/api/v1/{tenant}/spaces/{space}/ideas", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path), ("sort" = Option<String>, Query, description = "newest (default), supported, commented or random"), ("status" = Option<String>, Query), ("category" = Option<String>, Query), ("district" = Option<String>, Query), ("mine" = Option<String>, Query, description = "1: only the caller's ideas (sign-in needed)"), ("seed" = Option<String>, Query, description = "the random order's starting point"), ("cursor" = Option<String>, Query, description = "next_cursor of the previous page")), responses((status = 200, description = "a page of ideas", body = IdeaList), (status = 400, description = "a cursor we did not make", body = super::openapi::ErrorEnvelope), (status = 401, description = "mine without signing in", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "unknown sort or status", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    crate::auth::MaybeUser(user): crate::auth::MaybeUser,
    Path((_, space)): Path<(String, String)>,
    Query(query): Query<ListQuery>,
) -> Result<Json<IdeaList>, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let me = user.as_ref().map(|(p, _)| civic_core::UserId(p.user_id));
    let author = if wants_mine(query.mine.as_deref()) {
        Some(me.ok_or(WebError::Unauthorized)?)
    } else {
        None
    };
    let params = civic_app::ideas::ListParams {
        sort: query.sort.as_deref(),
        status: query.status.as_deref(),
        category: query.category.as_deref(),
        district: query.district.as_deref(),
        author,
        viewer: me,
        cursor: query.cursor.as_deref(),
        seed: query.seed.as_deref(),
        staff: false,
    };
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
    Path((_, space)): Path<(String, String)>,
    Query(query): Query<SimilarQuery>,
) -> Result<Json<SimilarIdeas>, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
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
    Path((_, idea)): Path<(String, String)>,
) -> Result<Json<IdeaDetail>, WebError> {
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    Ok(Json(detail(&state, &tenant, id).await?))
}

async fn detail(state: &AppState, tenant: &Tenant, id: IdeaId) -> Result<IdeaDetail, WebError> {
    let ideas = Ideas::of(&state.platform, tenant.tenant_id());
    let idea = ideas.get_public(id).await?.ok_or(WebError::NotFound)?;
    let answers = ideas.answers(id).await?.into_iter().map(Answer::from).collect();
    Ok(IdeaDetail {
        idea: idea.into(),
        answers,
    })
}

impl From<civic_store::ideas::AnswerRecord> for Answer {
    fn from(a: civic_store::ideas::AnswerRecord) -> Self {
        Answer {
            status: a.status,
            text: a.body,
            author_role: a.author_role,
            created_at: a.created_at,
        }
    }
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
}

impl From<CommentRecord> for Comment {
    fn from(c: CommentRecord) -> Self {
        Comment {
            id: c.id,
            parent_id: c.parent_id,
            depth: c.depth,
            body: c.body,
            alignment: c.alignment,
            official: c
                .author_role
                .as_deref()
                .and_then(|r| Role::parse(r).ok())
                .is_some_and(Role::is_staff),
            author: c.author_name,
            created_at: c.created_at,
            edited_at: c.edited_at,
            deleted: c.deleted_at.is_some(),
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
    Path((_, idea)): Path<(String, String)>,
    Query(query): Query<CommentsQuery>,
) -> Result<Json<CommentList>, WebError> {
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let order = civic_app::ideas::comment_order(query.sort.as_deref())?;
    let t = tenant.tenant_id();
    Ideas::of(&state.platform, t)
        .get_public(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let comments = Comments::of(&state.platform, t).for_idea_in(id, order, 500).await?;
    Ok(Json(CommentList {
        items: comments.into_iter().map(Comment::from).collect(),
        next_cursor: None,
    }))
}

/// A cookie-authenticated API call that changes state carries the session's
/// CSRF token in `X-CSRF-Token`; a bearer-token call needs none.
pub(crate) fn check_csrf(principal: &Principal, via: &Via, headers: &HeaderMap) -> Result<(), WebError> {
    let submitted = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    require_csrf(principal, via, submitted)
}

/// A JSON body that did not parse is 400 (malformed) or 422 (wrong shape),
/// in the error envelope.
pub(crate) fn body<T>(input: Result<Json<T>, JsonRejection>) -> Result<T, WebError> {
    match input {
        Ok(Json(t)) => Ok(t),
        Err(JsonRejection::JsonDataError(e)) => Err(WebError::from(civic_core::Invalid::new(
            "body",
            "invalid_json",
            e.body_text(),
        ))),
        Err(e) => Err(WebError::BadRequest(e.body_text())),
    }
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
    CurrentUser(principal, via): CurrentUser,
    Path((_, space)): Path<(String, String)>,
    headers: HeaderMap,
    input: Result<Json<NewIdea>, JsonRejection>,
) -> Result<Response, WebError> {
    check_csrf(&principal, &via, &headers)?;
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let input = body(input)?;
    let idea = civic_app::ideas::propose(
        &state.platform,
        tenant.tenant_id(),
        civic_core::UserId(principal.user_id),
        space,
        &civic_app::ideas::Proposal {
            title: &input.title,
            body: &input.body,
            category: input.category.as_deref(),
            district: input.district.as_deref(),
            location: input.location.map(|l| (l.latitude, l.longitude)),
        },
    )
    .await?;
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
    principal: &Principal,
    idea: &str,
    support: bool,
) -> Result<(StatusCode, Json<SupportOut>), WebError> {
    let id = IdeaId::parse(idea).ok_or(WebError::NotFound)?;
    let done = civic_app::ideas::set_support(
        &state.platform,
        tenant.tenant_id(),
        civic_core::UserId(principal.user_id),
        id,
        support,
    )
    .await?;
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
            status: done.status,
        }),
    ))
}

/// `PUT /api/v1/{tenant}/ideas/{id}/support`: 201 when stored, 200 when it
/// already was.
#[utoipa::path(put, path = "/api/v1/{tenant}/ideas/{idea}/support", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), responses((status = 201, description = "supported", body = SupportOut), (status = 200, description = "already supported", body = SupportOut), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn support(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    headers: HeaderMap,
    Path((_, idea)): Path<(String, String)>,
) -> Result<(StatusCode, Json<SupportOut>), WebError> {
    check_csrf(&principal, &via, &headers)?;
    set_support(&state, &tenant, &principal, &idea, true).await
}

/// `DELETE /api/v1/{tenant}/ideas/{id}/support`: withdraws it (200 either way).
#[utoipa::path(delete, path = "/api/v1/{tenant}/ideas/{idea}/support", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), responses((status = 200, description = "support withdrawn (or there was none)", body = SupportOut), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn unsupport(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    headers: HeaderMap,
    Path((_, idea)): Path<(String, String)>,
) -> Result<(StatusCode, Json<SupportOut>), WebError> {
    check_csrf(&principal, &via, &headers)?;
    set_support(&state, &tenant, &principal, &idea, false).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewComment {
    #[serde(default)]
    body: String,
    parent_id: Option<i64>,
    alignment: Option<String>,
}

/// `POST /api/v1/{tenant}/ideas/{id}/comments` -> 201 with the comment.
#[utoipa::path(post, path = "/api/v1/{tenant}/ideas/{idea}/comments", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), request_body = NewComment, responses((status = 201, description = "commented", body = Comment), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many attempts", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create_comment(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    headers: HeaderMap,
    Path((_, idea)): Path<(String, String)>,
    input: Result<Json<NewComment>, JsonRejection>,
) -> Result<(StatusCode, Json<Comment>), WebError> {
    check_csrf(&principal, &via, &headers)?;
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let input = body(input)?;
    let t = tenant.tenant_id();
    let comment = civic_app::ideas::comment(
        &state.platform,
        t,
        civic_core::UserId(principal.user_id),
        id,
        &civic_app::ideas::NewCommentInput {
            body: &input.body,
            parent: input.parent_id,
            alignment: input.alignment.as_deref(),
        },
    )
    .await?;
    let stored = Comments::of(&state.platform, t)
        .get(comment)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((StatusCode::CREATED, Json(Comment::from(stored))))
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
    CurrentUser(principal, via): CurrentUser,
    address: crate::client::ClientAddress,
    headers: HeaderMap,
    Path((_, idea)): Path<(String, String)>,
    input: Result<Json<NewAnswer>, JsonRejection>,
) -> Result<(StatusCode, Json<IdeaDetail>), WebError> {
    let role = require_role(&principal, &[Role::Official, Role::Admin])?;
    check_csrf(&principal, &via, &headers)?;
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let input = body(input)?;
    let actor = crate::auth::actor(&principal, &address);
    civic_app::ideas::answer(
        &state.platform,
        tenant.tenant_id(),
        &actor,
        role,
        id,
        &input.status,
        &input.text,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(detail(&state, &tenant, id).await?)))
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    limit: Option<u32>,
    cursor: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchItem {
    kind: String,
    idea_id: i64,
    comment_id: Option<i64>,
    title: String,
    /// Escaped HTML; the matches are in `<mark>`.
    snippet: String,
    created_at: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    items: Vec<SearchItem>,
    next_cursor: Option<String>,
}

/// `GET /api/v1/{tenant}/search?q=&limit=&cursor=`.
#[utoipa::path(get, path = "/api/v1/{tenant}/search", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("q" = String, Query, description = "words to find, 1 to 200 characters"), ("limit" = Option<u32>, Query, description = "1 to 50, default 20"), ("cursor" = Option<String>, Query)), responses((status = 200, description = "matching ideas and comments with highlighted snippets", body = SearchResults), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)))]
pub async fn search(
    State(state): State<AppState>,
    tenant: Tenant,
    Query(query): Query<SearchQuery>,
) -> Result<Json<SearchResults>, WebError> {
    let page = civic_app::ideas::search(
        &state.platform,
        tenant.tenant_id(),
        &query.q,
        query.limit,
        query.cursor.as_deref(),
    )
    .await?;
    Ok(Json(SearchResults {
        items: page
            .items
            .into_iter()
            .map(|r| SearchItem {
                kind: r.kind,
                idea_id: r.idea_id,
                comment_id: r.comment_id,
                title: r.title,
                snippet: r.snippet_html,
                created_at: r.created_at,
            })
            .collect(),
        next_cursor: page.next_cursor,
    }))
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
    CurrentUser(principal, via): CurrentUser,
    headers: HeaderMap,
    Path((_, idea)): Path<(String, String)>,
    input: Result<Json<IdeaPatch>, JsonRejection>,
) -> Result<Json<IdeaDetail>, WebError> {
    check_csrf(&principal, &via, &headers)?;
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let input = body(input)?;
    civic_app::ideas::edit_idea(
        &state.platform,
        tenant.tenant_id(),
        UserId(principal.user_id),
        id,
        &civic_app::ideas::IdeaChanges {
            title: input.title.as_deref(),
            body: input.body.as_deref(),
            category: input.category.as_deref(),
            district: input.district.as_deref(),
        },
    )
    .await?;
    Ok(Json(detail(&state, &tenant, id).await?))
}

/// `POST /api/v1/{tenant}/ideas/{id}/withdrawal`: the author withdraws it.
#[utoipa::path(post, path = "/api/v1/{tenant}/ideas/{idea}/withdrawal", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path)), responses((status = 200, description = "withdrawn", body = IdeaDetail), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (not the author, role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn withdraw(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    headers: HeaderMap,
    Path((_, idea)): Path<(String, String)>,
) -> Result<Json<IdeaDetail>, WebError> {
    check_csrf(&principal, &via, &headers)?;
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    civic_app::ideas::withdraw_idea(&state.platform, tenant.tenant_id(), UserId(principal.user_id), id).await?;
    Ok(Json(detail(&state, &tenant, id).await?))
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
    CurrentUser(principal, via): CurrentUser,
    headers: HeaderMap,
    Path((_, comment)): Path<(String, String)>,
    input: Result<Json<CommentPatch>, JsonRejection>,
) -> Result<Json<Comment>, WebError> {
    check_csrf(&principal, &via, &headers)?;
    let id = CommentId::parse(&comment).ok_or(WebError::NotFound)?;
    let input = body(input)?;
    let stored = civic_app::ideas::edit_comment(
        &state.platform,
        tenant.tenant_id(),
        UserId(principal.user_id),
        id,
        &input.body,
    )
    .await?;
    Ok(Json(Comment::from(stored)))
}

/// `DELETE /api/v1/{tenant}/comments/{id}`: 204; the replies stay.
#[utoipa::path(delete, path = "/api/v1/{tenant}/comments/{comment}", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("comment" = i64, Path)), responses((status = 204, description = "deleted; replies stay"), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (not the author, role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn delete_comment(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    headers: HeaderMap,
    Path((_, comment)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    check_csrf(&principal, &via, &headers)?;
    let id = CommentId::parse(&comment).ok_or(WebError::NotFound)?;
    civic_app::ideas::delete_comment(
        &state.platform,
        tenant.tenant_id(),
        UserId(principal.user_id),
        crate::auth::role_of(&principal),
        id,
    )
    .await?;
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
    CurrentUser(principal, via): CurrentUser,
    headers: HeaderMap,
    Path((_, comment)): Path<(String, String)>,
    input: Result<Json<VoteInput>, JsonRejection>,
) -> Result<Json<VoteOut>, WebError> {
    check_csrf(&principal, &via, &headers)?;
    let id = CommentId::parse(&comment).ok_or(WebError::NotFound)?;
    let value = body(input)?
        .value
        .ok_or_else(|| civic_core::Invalid::new("value", "invalid_vote", "a vote is 1 (up), -1 (down) or 0 (none)"))?;
    let score = civic_app::ideas::vote_comment(
        &state.platform,
        tenant.tenant_id(),
        UserId(principal.user_id),
        id,
        value,
    )
    .await?;
    Ok(Json(VoteOut { value, score }))
}
