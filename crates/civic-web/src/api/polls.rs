//! Polls through the API: the DESIGN section 5 paths (list, questions,
//! responses, results) plus creation by staff.

use crate::auth::{CurrentUser, MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use civic_app::polls::Filter;
use civic_app::polls::{self, NewPollInput, Outcome};
use civic_core::polls::Poll as PollRecord;
use civic_core::polls::{AnswerInput, Problem, Question, QuestionInput};
use civic_core::{SpaceId, Timestamp};
use http::{StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/spaces/{space}/polls", get(list).post(create))
        .route("/api/v1/{tenant}/polls/{poll}", get(show).put(update))
        .route("/api/v1/{tenant}/polls/{poll}/publish", post(publish))
        .route("/api/v1/{tenant}/polls/{poll}/duplicate", post(duplicate))
        .route("/api/v1/{tenant}/polls/{poll}/responses", post(respond))
        .route("/api/v1/{tenant}/polls/{poll}/results", get(results))
}

pub fn poll_json(p: &PollRecord) -> Value {
    json!({
        "id": p.id, "space_id": p.space_id, "title": p.title, "intro": p.intro,
        "opens_at": p.opens_at, "closes_at": p.closes_at, "status": p.phase(Timestamp::now()),
        "results_visibility": p.results_visibility, "allow_changes": p.allow_changes == 1,
        "publication": p.status, "eligibility": p.eligibility, "districts": p.district_list(),
        "anonymous": p.anonymous == 1,
        "response_count": p.response_count, "created_at": p.created_at,
    })
}

/// 422 with every problem, by question, in the error envelope.
pub(crate) fn problems_response(problems: &[Problem]) -> Response {
    let body = json!({"error": {
        "code": "invalid_answers",
        "message": "some answers were refused; nothing was stored",
        "problems": problems,
    }});
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

#[utoipa::path(get, path = "/api/v1/{tenant}/spaces/{space}/polls", tag = "polls", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), responses((status = 200, description = "polls and surveys of the space", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    MaybeUser(user): MaybeUser,
    Path((_, space)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let staff = user.as_ref().is_some_and(|(p, _)| polls::may_manage(p.role));
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let items: Vec<Value> = polls::in_public_space(&state.platform, tenant.tenant_id(), space, staff)
        .await?
        .iter()
        .map(poll_json)
        .collect();
    Ok(Json(json!({ "items": items, "next_cursor": null })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewPoll {
    #[serde(default)]
    title: String,
    #[serde(default)]
    intro: String,
    opens_at: Option<i64>,
    closes_at: Option<i64>,
    results_visibility: Option<String>,
    #[serde(default)]
    allow_changes: bool,
    /// Each: kind, text, required, page, options, other, rows (matrix),
    /// min/max selections, scale and number bounds with end labels, show_if
    /// (see docs/api/polls.md).
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    questions: Vec<QuestionInput>,
    /// "signed_in" (default), "districts" or "verified".
    eligibility: Option<String>,
    #[serde(default)]
    districts: Vec<String>,
    /// Default true.
    anonymous: Option<bool>,
    /// "published" (default on creation) or "draft".
    publication: Option<String>,
}

impl NewPoll {
    fn input(&self, publish: bool) -> NewPollInput<'_> {
        NewPollInput {
            title: &self.title,
            intro: &self.intro,
            opens_at: self.opens_at,
            closes_at: self.closes_at,
            results_visibility: self.results_visibility.as_deref().unwrap_or("live"),
            allow_changes: self.allow_changes,
            questions: &self.questions,
            eligibility: self.eligibility.as_deref().unwrap_or("signed_in"),
            districts: &self.districts,
            anonymous: self.anonymous.unwrap_or(true),
            publish,
        }
    }
}

fn with_questions(p: &PollRecord, questions: &[Question]) -> Value {
    let mut v = poll_json(p);
    v["questions"] = json!(questions);
    v
}

#[utoipa::path(post, path = "/api/v1/{tenant}/spaces/{space}/polls", tag = "polls", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), request_body = NewPoll, responses((status = 201, description = "created", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role, CSRF token, or results held until closing)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (closed, not open yet, already answered)", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused, with a problem per question", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    Path((_, space)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewPoll>,
) -> Result<Response, WebError> {
    if !polls::may_manage(principal.role) {
        return Err(WebError::forbidden(
            "staff_only",
            "only the municipality's officials can create a poll",
        ));
    }
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    let id = polls::create(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        space,
        &input.input(input.publication.as_deref() != Some("draft")),
    )
    .await?;
    let (poll, questions) = polls::get_for_staff(&state.platform, t, principal.role, id).await?;
    let location = format!("/api/v1/{}/polls/{id}", tenant.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(with_questions(&poll, &questions)),
    )
        .into_response())
}

/// The poll with its questions; for a signed-in caller, whether they have
/// answered.
#[utoipa::path(get, path = "/api/v1/{tenant}/polls/{poll}", tag = "polls", params(("tenant" = String, Path, description = "the municipality's slug"), ("poll" = i64, Path)), responses((status = 200, description = "the poll and its questions", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    MaybeUser(user): MaybeUser,
    Path((_, poll)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let staff = user.as_ref().is_some_and(|(p, _)| polls::may_manage(p.role));
    let (poll, questions) = if staff {
        polls::get_for_staff(&state.platform, t, user.as_ref().expect("staff").0.role, id(&poll)?).await?
    } else {
        polls::get(&state.platform, t, id(&poll)?).await?
    };
    let mut v = with_questions(&poll, &questions);
    if let Some((p, _)) = user {
        v["answered"] = json!(polls::has_responded(&state.platform, t, poll.id, p.user_id).await?);
    }
    Ok(Json(v))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewResponse {
    /// Each: question_id and the answer for its kind.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    answers: Vec<AnswerInput>,
    /// The respondent's district, one of the space's (needed when the poll
    /// is limited to districts).
    district: Option<String>,
}

/// 201 for a first response, 200 when it replaces an earlier one.
#[utoipa::path(post, path = "/api/v1/{tenant}/polls/{poll}/responses", tag = "polls", params(("tenant" = String, Path, description = "the municipality's slug"), ("poll" = i64, Path)), request_body = NewResponse, responses((status = 201, description = "answered", body = serde_json::Value), (status = 200, description = "an earlier response replaced (where allowed)", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role, CSRF token, or results held until closing)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (closed, not open yet, already answered)", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused, with a problem per question", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn respond(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, poll)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewResponse>,
) -> Result<Response, WebError> {
    let poll = id(&poll)?;
    let done = polls::respond_from(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        poll,
        input.district.as_deref(),
        &input.answers,
    )
    .await?;
    match done {
        Ok(Outcome::Created) => {
            Ok((StatusCode::CREATED, Json(json!({"poll_id": poll, "status": "created"}))).into_response())
        }
        Ok(Outcome::Replaced) => {
            Ok((StatusCode::OK, Json(json!({"poll_id": poll, "status": "replaced"}))).into_response())
        }
        Err(problems) => Ok(problems_response(&problems)),
    }
}

/// Counts, percentages and statistics; free text for staff only. 403 while
/// results are kept until the poll closes.
#[utoipa::path(get, path = "/api/v1/{tenant}/polls/{poll}/results", tag = "polls", params(("tenant" = String, Path, description = "the municipality's slug"), ("poll" = i64, Path), ResultFilter), responses((status = 200, description = "counts, percentages, means, rankings; a district too small to show alone comes back withheld", body = serde_json::Value), (status = 422, description = "a filter that names no choice option", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (an answer filter by someone who is not staff, or results held until closing)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many filtered views", body = super::openapi::ErrorEnvelope)))]
pub async fn results(
    State(state): State<AppState>,
    tenant: Tenant,
    MaybeUser(user): MaybeUser,
    address: ClientAddress,
    Path((_, poll)): Path<(String, String)>,
    Query(filter): Query<ResultFilter>,
) -> Result<Json<polls::Results>, WebError> {
    let staff = user.as_ref().is_some_and(|(p, _)| polls::may_manage(p.role));
    match polls::results_filtered(
        &state.platform,
        tenant.tenant_id(),
        id(&poll)?,
        staff,
        &filter.into_filter(),
        &address.0,
    )
    .await?
    {
        Some(r) => Ok(Json(r)),
        None => Err(WebError::forbidden(
            "results_later",
            "the results of this poll are shown after it closes",
        )),
    }
}

/// `?district=…` and/or `?question=N&option=K` (K 0-based): results of the
/// responses that match.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct ResultFilter {
    district: Option<String>,
    question: Option<i64>,
    option: Option<i64>,
}

impl ResultFilter {
    pub fn into_filter(self) -> Filter {
        Filter {
            district: self.district.filter(|d| !d.trim().is_empty()),
            answer: self.question.zip(self.option),
        }
    }
}

/// Changes a poll: title, introduction, dates and settings always; the
/// questions only while nobody has answered (409 `poll_has_responses`).
#[utoipa::path(put, path = "/api/v1/{tenant}/polls/{poll}", tag = "polls", params(("tenant" = String, Path, description = "the municipality's slug"), ("poll" = i64, Path)), request_body = NewPoll, responses((status = 200, description = "changed", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "people have answered: the questions cannot change", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn update(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    Path((_, poll)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewPoll>,
) -> Result<Json<Value>, WebError> {
    let poll = id(&poll)?;
    let t = tenant.tenant_id();
    let role = principal.role;
    polls::update(
        &state.platform,
        t,
        &actor(&principal, &address),
        role,
        poll,
        &input.input(false),
    )
    .await?;
    let (p, questions) = polls::get_for_staff(&state.platform, t, role, poll).await?;
    Ok(Json(with_questions(&p, &questions)))
}

/// Publishes a draft; 422 `no_questions`.
#[utoipa::path(post, path = "/api/v1/{tenant}/polls/{poll}/publish", tag = "polls", params(("tenant" = String, Path, description = "the municipality's slug"), ("poll" = i64, Path)), responses((status = 200, description = "published", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "cannot be published", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn publish(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    Path((_, poll)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let poll = id(&poll)?;
    let t = tenant.tenant_id();
    let role = principal.role;
    polls::publish(&state.platform, t, &actor(&principal, &address), role, poll).await?;
    let (p, questions) = polls::get_for_staff(&state.platform, t, role, poll).await?;
    Ok(Json(with_questions(&p, &questions)))
}

/// Copies a poll as a new draft (no responses): how staff ask different
/// questions once people have answered.
#[utoipa::path(post, path = "/api/v1/{tenant}/polls/{poll}/duplicate", tag = "polls", params(("tenant" = String, Path, description = "the municipality's slug"), ("poll" = i64, Path)), responses((status = 201, description = "the copy, a draft", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn duplicate(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    Path((_, poll)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let role = principal.role;
    let copy = polls::duplicate(&state.platform, t, &actor(&principal, &address), role, id(&poll)?).await?;
    let (p, questions) = polls::get_for_staff(&state.platform, t, role, copy).await?;
    let location = format!("/api/v1/{}/polls/{copy}", tenant.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(with_questions(&p, &questions)),
    )
        .into_response())
}
