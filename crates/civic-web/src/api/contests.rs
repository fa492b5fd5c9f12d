//! Contests through the API: a space's contests, a contest with its
//! criteria and phase, its submissions (public once the submission phase
//! is over), submitting, the public vote, the jury (appointing jurors,
//! the juror's sheet, conflicts, scores), the results and the announcement.

use crate::auth::{CurrentUser, MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{ApiJson, Officials, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use civic_app::contests::{self, ContestInput, ContestView, CriteriaInput, JurySheet, Results, SubmissionInput};
use civic_core::contests::{Contest, Criterion, Phase, Ranked, Submission};
use civic_core::{Role, SpaceId, Timestamp, UserId};
use http::{StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/spaces/{space}/contests", get(list).post(create))
        .route("/api/v1/{tenant}/contests/{contest}", get(show))
        .route("/api/v1/{tenant}/contests/{contest}/advance", post(advance))
        .route(
            "/api/v1/{tenant}/contests/{contest}/submissions",
            get(submissions).post(submit),
        )
        .route("/api/v1/{tenant}/contests/{contest}/vote", put(vote).delete(unvote))
        .route("/api/v1/{tenant}/contests/{contest}/jurors", post(add_juror))
        .route("/api/v1/{tenant}/contests/{contest}/jury", get(jury))
        .route("/api/v1/{tenant}/contests/{contest}/results", get(results))
        .route("/api/v1/{tenant}/contests/{contest}/winners", post(announce))
        .route("/api/v1/{tenant}/submissions/{submission}/scores", put(score))
        .route("/api/v1/{tenant}/submissions/{submission}/conflict", put(conflict))
}

fn day(ms: Option<i64>) -> Value {
    ms.map_or(Value::Null, |at| json!(Timestamp(at).iso_date()))
}

fn last_day(end: Option<i64>) -> Value {
    end.map_or(Value::Null, |e| json!(civic_core::spaces::last_day(e)))
}

/// A contest as a list shows it.
pub fn contest_json(c: &Contest) -> Value {
    let phase = c.phase_at(Timestamp::now());
    json!({
        "id": c.id, "space_id": c.space_id, "title": c.title, "brief": c.brief, "rules": c.rules,
        "eligibility": c.eligibility, "prizes": c.prizes, "public_vote": c.has_public_vote(),
        "phase": phase.as_str(), "submissions_public": phase.submissions_public(),
        "opens_on": day(Some(c.opens_at)), "submissions_close_on": last_day(Some(c.submissions_end)),
        "vote_close_on": last_day(c.vote_end), "jury_close_on": last_day(Some(c.jury_end)),
        "announced_at": c.announced_at, "announcement": c.announcement,
        "submission_count": c.submission_count, "created_at": c.created_at,
    })
}

fn criterion_json(k: &Criterion) -> Value {
    json!({"position": k.position, "name": k.name, "weight": k.weight})
}

/// A submission; its public votes once the vote is over.
pub fn submission_json(s: &Submission, phase: Phase) -> Value {
    let votes_out = matches!(phase, Phase::Jury | Phase::Deciding | Phase::Announced);
    json!({
        "id": s.id, "contest_id": s.contest_id, "title": s.title, "description": s.description,
        "author_name": s.author_name, "created_at": s.created_at,
        "votes": if votes_out { json!(s.votes) } else { Value::Null },
        "award": s.award.map(|a| a.as_str()), "award_reason": s.award_reason,
    })
}

fn ranked_json(r: &Ranked) -> Value {
    json!({
        "submission_id": r.submission_id, "rank": r.rank, "tied": r.tied,
        "total": r.total.map(round2), "by_criterion": r.by_criterion.iter().map(|x| x.map(round2)).collect::<Vec<_>>(),
        "jurors": r.jurors,
    })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A contest with its criteria, the submissions the caller may see, the
/// caller's vote and whether they are a juror.
pub fn view_json(v: &ContestView) -> Value {
    let mut out = contest_json(&v.contest);
    out["criteria"] = Value::Array(v.criteria.iter().map(criterion_json).collect());
    out["submissions"] = Value::Array(v.submissions.iter().map(|s| submission_json(s, v.phase)).collect());
    out["my_vote"] = json!(v.my_vote);
    out["juror"] = json!(v.juror);
    out["jurors"] = Value::Array(
        v.jurors
            .iter()
            .map(|(id, name)| json!({"user_id": id, "display_name": name}))
            .collect(),
    );
    out
}

fn viewer(user: &MaybeUser) -> Option<(UserId, Role)> {
    user.0.as_ref().map(|(p, _)| (p.user_id, p.role))
}

fn created(location: String, body: Value) -> Response {
    (StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response()
}

#[utoipa::path(get, path = "/api/v1/{tenant}/spaces/{space}/contests", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), responses((status = 200, description = "the contests of the space, newest first", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, space)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let items: Vec<Value> = contests::in_space(&state.platform, tenant.tenant_id(), space, viewer(&user).map(|v| v.1))
        .await?
        .iter()
        .map(contest_json)
        .collect();
    Ok(Json(json!({ "items": items, "next_cursor": null })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ContestCriterionNew {
    #[serde(default)]
    name: String,
    /// Whole percent; the weights of a contest sum to 100.
    #[serde(default)]
    weight: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ContestNew {
    #[serde(default)]
    title: String,
    /// Markdown.
    #[serde(default)]
    brief: String,
    #[serde(default)]
    rules: String,
    /// Who may take part (individuals, teams, minimum age), in words.
    #[serde(default)]
    eligibility: String,
    #[serde(default)]
    prizes: String,
    #[serde(default)]
    public_vote: bool,
    /// YYYY-MM-DD, the first day of submissions (default: now).
    #[serde(default)]
    opens_on: Option<String>,
    /// YYYY-MM-DD, the last day of submissions.
    #[serde(default)]
    submissions_close_on: String,
    /// YYYY-MM-DD, the last day of the public vote (with a public vote).
    #[serde(default)]
    vote_close_on: Option<String>,
    /// YYYY-MM-DD, the last day of the jury.
    #[serde(default)]
    jury_close_on: String,
    /// 1 to 10 criteria whose weights sum to 100.
    #[serde(default)]
    criteria: Vec<ContestCriterionNew>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/spaces/{space}/contests", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), request_body = ContestNew, responses((status = 201, description = "the contest as set up", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the space is closed", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused (texts, dates, criteria)", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, space)): Path<(String, String)>,
    ApiJson(input): ApiJson<ContestNew>,
) -> Result<Response, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    let id = contests::create(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        space,
        &ContestInput {
            title: input.title,
            brief: input.brief,
            rules: input.rules,
            eligibility: input.eligibility,
            prizes: input.prizes,
            public_vote: input.public_vote,
            opens: input.opens_on.unwrap_or_default(),
            submissions_close: input.submissions_close_on,
            vote_close: input.vote_close_on.unwrap_or_default(),
            jury_close: input.jury_close_on,
            criteria: CriteriaInput::List(input.criteria.into_iter().map(|c| (c.name, c.weight)).collect()),
        },
    )
    .await?;
    let v = contests::view(&state.platform, t, id, Some((principal.user_id, principal.role))).await?;
    Ok(created(format!("/api/v1/{}/contests/{id}", tenant.slug), view_json(&v)))
}

#[utoipa::path(get, path = "/api/v1/{tenant}/contests/{contest}", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("contest" = i64, Path)), responses((status = 200, description = "the contest with its criteria and phase, the submissions the caller may see, the caller's vote and whether they are a juror", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, contest)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let v = contests::view(&state.platform, tenant.tenant_id(), id(&contest)?, viewer(&user)).await?;
    Ok(Json(view_json(&v)))
}

#[utoipa::path(post, path = "/api/v1/{tenant}/contests/{contest}/advance", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("contest" = i64, Path)), responses((status = 200, description = "the current phase ended now; the contest as it is now", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "no phase to end (the jury is over: announce)", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn advance(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, contest)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let contest = id(&contest)?;
    contests::advance(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        contest,
    )
    .await?;
    let v = contests::view(&state.platform, t, contest, Some((principal.user_id, principal.role))).await?;
    Ok(Json(view_json(&v)))
}

#[utoipa::path(get, path = "/api/v1/{tenant}/contests/{contest}/submissions", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("contest" = i64, Path)), responses((status = 200, description = "the submissions, oldest first: all of them once the submission phase is over (`published`: true); before, only the caller's own (officials: all)", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn submissions(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, contest)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let (c, items, public) =
        contests::submissions(&state.platform, tenant.tenant_id(), id(&contest)?, viewer(&user)).await?;
    let phase = c.phase_at(Timestamp::now());
    let items: Vec<Value> = items.iter().map(|s| submission_json(s, phase)).collect();
    Ok(Json(
        json!({ "items": items, "published": public, "next_cursor": null }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ContestSubmissionNew {
    #[serde(default)]
    title: String,
    /// The solution, in words (files are not taken yet).
    #[serde(default)]
    description: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/contests/{contest}/submissions", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("contest" = i64, Path)), request_body = ContestSubmissionNew, responses((status = 201, description = "the submission as stored", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the contest does not take submissions now", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn submit(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, contest)): Path<(String, String)>,
    ApiJson(input): ApiJson<ContestSubmissionNew>,
) -> Result<Response, WebError> {
    let contest = id(&contest)?;
    let s = contests::submit(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        contest,
        &SubmissionInput {
            title: &input.title,
            description: &input.description,
        },
    )
    .await?;
    Ok(created(
        format!("/api/v1/{}/contests/{contest}/submissions", tenant.slug),
        submission_json(&s, Phase::Submissions),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ContestVoteBody {
    #[serde(default)]
    submission_id: i64,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/contests/{contest}/vote", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("contest" = i64, Path)), request_body = ContestVoteBody, responses((status = 200, description = "the caller's one vote, cast or moved to this submission", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the vote is not open, or the submission is the caller's", body = super::openapi::ErrorEnvelope), (status = 422, description = "not a submission of this contest", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn vote(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, contest)): Path<(String, String)>,
    ApiJson(input): ApiJson<ContestVoteBody>,
) -> Result<Json<Value>, WebError> {
    let contest = id(&contest)?;
    contests::vote(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        contest,
        input.submission_id,
    )
    .await?;
    Ok(Json(
        json!({"contest_id": contest, "submission_id": input.submission_id}),
    ))
}

#[utoipa::path(delete, path = "/api/v1/{tenant}/contests/{contest}/vote", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("contest" = i64, Path)), responses((status = 204, description = "the caller's vote withdrawn (none: no change)"), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the vote is not open", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn unvote(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, contest)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    contests::unvote(&state.platform, tenant.tenant_id(), principal.user_id, id(&contest)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ContestJurorNew {
    /// The e-mail address of an account of this municipality.
    #[serde(default)]
    email: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/contests/{contest}/jurors", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("contest" = i64, Path)), request_body = ContestJurorNew, responses((status = 201, description = "appointed (again: no change)", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the jury phase is over", body = super::openapi::ErrorEnvelope), (status = 422, description = "no such account", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn add_juror(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, contest)): Path<(String, String)>,
    ApiJson(input): ApiJson<ContestJurorNew>,
) -> Result<Response, WebError> {
    let contest = id(&contest)?;
    let (user, name) = contests::add_juror(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        contest,
        &input.email,
    )
    .await?;
    Ok(created(
        format!("/api/v1/{}/contests/{contest}", tenant.slug),
        json!({"user_id": user, "display_name": name}),
    ))
}

/// A juror's sheet: the criteria, each submission with the juror's scores,
/// the submissions set aside for a conflict, and the ranking once the
/// jury phase is over.
pub fn sheet_json(s: &JurySheet) -> Value {
    json!({
        "contest": contest_json(&s.contest),
        "criteria": s.criteria.iter().map(criterion_json).collect::<Vec<_>>(),
        "submissions": s.rows.iter().map(|r| {
            let mut v = submission_json(&r.submission, s.phase);
            // The jury judges the work, not its author.
            v["author_name"] = Value::Null;
            v["my_scores"] = Value::Array(s.criteria.iter().zip(&r.scores).map(|(k, x)| match x {
                Some((score, comment)) => json!({"criterion": k.position, "score": score, "comment": comment}),
                None => json!({"criterion": k.position, "score": null, "comment": null}),
            }).collect());
            v
        }).collect::<Vec<_>>(),
        "conflicts": s.conflicts.iter().map(|x| x.id).collect::<Vec<_>>(),
        "ranking": s.ranking.as_ref().map(|r| r.iter().map(ranked_json).collect::<Vec<_>>()),
    })
}

#[utoipa::path(get, path = "/api/v1/{tenant}/contests/{contest}/jury", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("contest" = i64, Path)), responses((status = 200, description = "the caller's jury sheet: their own scores only; the jury's ranking once the jury phase is over", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not a juror of this contest", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn jury(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, contest)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let s = contests::jury_sheet(&state.platform, tenant.tenant_id(), principal.user_id, id(&contest)?).await?;
    Ok(Json(sheet_json(&s)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ContestScoreNew {
    /// The criterion's position (1, 2, …).
    #[serde(default)]
    criterion: i64,
    /// 0 to 10.
    #[serde(default)]
    score: i64,
    #[serde(default)]
    comment: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ContestScoresBody {
    #[serde(default)]
    scores: Vec<ContestScoreNew>,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/submissions/{submission}/scores", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("submission" = i64, Path)), request_body = ContestScoresBody, responses((status = 204, description = "the caller's scores stored (each replaces the one given before)"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not a juror of this contest (or CSRF token missing)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "not in the jury phase, or a conflict was declared on the submission", body = super::openapi::ErrorEnvelope), (status = 422, description = "scores out of range or criteria unknown", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn score(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, submission)): Path<(String, String)>,
    ApiJson(input): ApiJson<ContestScoresBody>,
) -> Result<StatusCode, WebError> {
    let scores: Vec<(i64, i64, String)> = input
        .scores
        .into_iter()
        .map(|s| (s.criterion, s.score, s.comment))
        .collect();
    contests::score(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        id(&submission)?,
        &scores,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/v1/{tenant}/submissions/{submission}/conflict", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("submission" = i64, Path)), responses((status = 204, description = "conflict of interest declared (again: no change); the submission left the caller's sheet and their scores on it are gone"), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not a juror of this contest (or CSRF token missing)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the jury phase is over", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn conflict(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, submission)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    contests::declare_conflict(&state.platform, tenant.tenant_id(), principal.user_id, id(&submission)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The results: ranking (ties shown), averages by criterion, public votes
/// and awards.
pub fn results_json(r: &Results) -> Value {
    let phase = r.contest.phase_at(Timestamp::now());
    json!({
        "contest": contest_json(&r.contest),
        "criteria": r.criteria.iter().map(criterion_json).collect::<Vec<_>>(),
        "total_votes": r.total_votes,
        "ranking": r.ranking.iter().map(|(k, s)| {
            let mut v = ranked_json(k);
            v["submission"] = submission_json(s, phase);
            v
        }).collect::<Vec<_>>(),
    })
}

#[utoipa::path(get, path = "/api/v1/{tenant}/contests/{contest}/results", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("contest" = i64, Path)), responses((status = 200, description = "the ranking by the jury's weighted average (ties share a rank), the averages by criterion, the public votes and the awards with their reasons", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "not announced yet (officials and jurors: the jury phase is not over)", body = super::openapi::ErrorEnvelope)))]
pub async fn results(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, contest)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let r = contests::results(&state.platform, tenant.tenant_id(), id(&contest)?, viewer(&user)).await?;
    Ok(Json(results_json(&r)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ContestAwardNew {
    #[serde(default)]
    submission_id: i64,
    /// winner or mention.
    #[serde(default)]
    award: String,
    /// The jury's reason (5 to 2,000 characters).
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ContestAnnouncementNew {
    /// The city's words with the announcement (optional).
    #[serde(default)]
    text: String,
    /// At least one winner.
    #[serde(default)]
    awards: Vec<ContestAwardNew>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/contests/{contest}/winners", tag = "contests", params(("tenant" = String, Path, description = "the municipality's slug"), ("contest" = i64, Path)), request_body = ContestAnnouncementNew, responses((status = 201, description = "announced; the results", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the jury phase is not over, or announced already", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused (awards, reasons)", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn announce(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, contest)): Path<(String, String)>,
    ApiJson(input): ApiJson<ContestAnnouncementNew>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let contest = id(&contest)?;
    let awards: Vec<(i64, String, String)> = input
        .awards
        .into_iter()
        .map(|a| (a.submission_id, a.award, a.reason))
        .collect();
    contests::announce(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        contest,
        &input.text,
        &awards,
    )
    .await?;
    let r = contests::results(&state.platform, t, contest, None).await?;
    Ok(created(
        format!("/api/v1/{}/contests/{contest}/results", tenant.slug),
        results_json(&r),
    ))
}
