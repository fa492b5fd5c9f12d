//! Participatory budgets through the API: the DESIGN section 5 paths
//! (budgets of a space, a budget, its projects, ballots, results, the
//! tracked projects) plus what staff do (set up, review, phases, paper
//! ballots, implementation).

use crate::auth::{CurrentUser, MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{ApiJson, Officials, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use civic_app::budgets::{self, BudgetInput, PaperVoter, ProjectInput, Results};
use civic_core::SpaceId;
use civic_core::budgets::{BallotChoice, Budget, Project};
use http::{StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/spaces/{space}/budgets", get(list).post(create))
        .route("/api/v1/{tenant}/budgets/{budget}", get(show))
        .route(
            "/api/v1/{tenant}/budgets/{budget}/projects",
            get(projects).post(propose),
        )
        .route("/api/v1/{tenant}/budgets/{budget}/ballots", post(vote))
        .route(
            "/api/v1/{tenant}/budgets/{budget}/ballots/mine",
            get(mine).delete(cancel),
        )
        .route("/api/v1/{tenant}/budgets/{budget}/paper-ballots", post(paper_ballot))
        .route("/api/v1/{tenant}/budgets/{budget}/results", get(results))
        .route("/api/v1/{tenant}/budgets/{budget}/phase", put(set_phase))
        .route("/api/v1/{tenant}/budget-projects/{project}", get(project))
        .route("/api/v1/{tenant}/budget-projects/{project}/review", post(review))
        .route(
            "/api/v1/{tenant}/budget-projects/{project}/implementation",
            put(set_implementation),
        )
}

fn day(ms: Option<i64>) -> Value {
    // Ends are exclusive midnights: the last day is the one before.
    ms.map_or(Value::Null, |e| json!(civic_core::spaces::last_day(e)))
}

/// A budget as JSON; its ballot count (turnout) only once results are
/// public or for staff, as the pages show it.
pub fn budget_json(b: &Budget, viewer: Option<civic_core::Role>) -> Value {
    let now = civic_core::Timestamp::now();
    let turnout = (b.phase.results_public() || viewer.is_some_and(budgets::may_manage)).then_some(b.ballot_count);
    json!({
        "id": b.id, "space_id": b.space_id, "title": b.title, "description": b.description,
        "amount": b.amount, "currency": "UAH", "ballot_type": b.ballot_type.as_str(),
        "min_choices": b.min_choices, "max_choices": b.max_choices, "points_total": b.points_total,
        "rule": b.rule, "threshold": b.threshold, "phase": b.phase.as_str(),
        "submission_ends": day(b.submission_ends), "voting_ends": day(b.voting_ends),
        "exclude_own_projects": b.exclude_own != 0, "project_count": b.project_count,
        "ballot_count": turnout, "takes_projects": b.takes_projects(now),
        "takes_ballots": b.takes_ballots(now), "created_at": b.created_at,
    })
}

pub fn project_json(p: &Project) -> Value {
    json!({
        "id": p.id, "budget_id": p.budget_id, "title": p.title, "body": p.body, "cost": p.cost,
        "category": p.category, "district": p.district,
        "location": match (p.latitude, p.longitude) {
            (Some(lat), Some(lon)) => json!({"lat": lat, "lon": lon}),
            _ => Value::Null,
        },
        "author_name": p.author_name, "status": p.status.as_str(), "review": p.review,
        "implementation": p.implementation.map(|i| i.as_str()),
        "implementation_note": p.implementation_note, "created_at": p.created_at,
    })
}

fn viewer(user: &MaybeUser) -> Option<civic_core::Role> {
    user.0.as_ref().map(|(p, _)| p.role)
}

#[utoipa::path(get, path = "/api/v1/{tenant}/spaces/{space}/budgets", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), responses((status = 200, description = "the participatory budgets of the space", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, space)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let items: Vec<Value> = budgets::in_space(&state.platform, tenant.tenant_id(), space, viewer(&user))
        .await?
        .iter()
        .map(|b| budget_json(b, viewer(&user)))
        .collect();
    Ok(Json(json!({ "items": items, "next_cursor": null })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewBudget {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    /// In whole hryvnias.
    #[serde(default)]
    amount: Option<i64>,
    /// approval, knapsack, cumulative or ranked.
    #[serde(default)]
    ballot_type: String,
    #[serde(default)]
    min_choices: Option<i64>,
    #[serde(default)]
    max_choices: Option<i64>,
    #[serde(default)]
    points_total: Option<i64>,
    /// greedy, greedy-no-skip, greedy-threshold, votes-per-cost, equalshares, equalshares/add1.
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    threshold: Option<i64>,
    #[serde(default)]
    exclude_own_projects: bool,
    /// YYYY-MM-DD, the last day projects are taken.
    #[serde(default)]
    submission_ends: Option<String>,
    /// YYYY-MM-DD, the last day of voting.
    #[serde(default)]
    voting_ends: Option<String>,
}

fn number(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

#[utoipa::path(post, path = "/api/v1/{tenant}/spaces/{space}/budgets", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), request_body = NewBudget, responses((status = 201, description = "set up, taking projects", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (phase, or already voted)", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, space)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewBudget>,
) -> Result<Response, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    let id = budgets::create(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        space,
        &BudgetInput {
            title: input.title,
            description: input.description,
            amount: number(input.amount),
            ballot_type: input.ballot_type,
            min_choices: number(input.min_choices),
            max_choices: number(input.max_choices),
            points_total: number(input.points_total),
            rule: input.rule.unwrap_or_else(|| "greedy".into()),
            threshold: number(input.threshold),
            exclude_own: input.exclude_own_projects,
            submission_ends: input.submission_ends.unwrap_or_default(),
            voting_ends: input.voting_ends.unwrap_or_default(),
        },
    )
    .await?;
    let created = budgets::get(&state.platform, t, id, Some(principal.role)).await?;
    let location = format!("/api/v1/{}/budgets/{id}", tenant.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(budget_json(&created, Some(principal.role))),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/{tenant}/budgets/{budget}", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("budget" = i64, Path)), responses((status = 200, description = "amount, ballot type, rule, phase", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, budget)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let b = budgets::get(&state.platform, tenant.tenant_id(), id(&budget)?, viewer(&user)).await?;
    Ok(Json(budget_json(&b, viewer(&user))))
}

#[utoipa::path(get, path = "/api/v1/{tenant}/budgets/{budget}/projects", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("budget" = i64, Path)), responses((status = 200, description = "the projects, in submission order", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn projects(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, budget)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let budget = id(&budget)?;
    let list = || async {
        let b = budgets::get(&state.platform, t, budget, viewer(&user)).await?;
        let items: Vec<Value> = budgets::projects(&state.platform, t, &b)
            .await?
            .iter()
            .map(project_json)
            .collect();
        Ok::<_, WebError>(json!({ "items": items, "next_cursor": null }).to_string())
    };
    // Staff also see draft spaces' budgets: theirs is read each time; every
    // other caller gets the same list, kept for a moment.
    let body = if viewer(&user).is_some_and(budgets::may_manage) {
        list().await?
    } else {
        crate::page_cache::kept(&state, "budget-projects", t, &tenant.slug, budget, String::new(), list)
            .await?
            .as_ref()
            .clone()
    };
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProjectLocation {
    lat: f64,
    lon: f64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewProject {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    /// The estimated cost in whole hryvnias.
    #[serde(default)]
    cost: Option<i64>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    district: Option<String>,
    #[serde(default)]
    location: Option<ProjectLocation>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/budgets/{budget}/projects", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("budget" = i64, Path)), request_body = NewProject, responses((status = 201, description = "proposed; waits for the city's review", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (phase, or already voted)", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn propose(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, budget)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewProject>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let (lat, lon) = input
        .location
        .map(|l| (l.lat.to_string(), l.lon.to_string()))
        .unwrap_or_default();
    let pid = budgets::propose(
        &state.platform,
        t,
        principal.user_id,
        id(&budget)?,
        &ProjectInput {
            title: input.title,
            body: input.body,
            cost: number(input.cost),
            category: input.category.unwrap_or_default(),
            district: input.district.unwrap_or_default(),
            latitude: lat,
            longitude: lon,
        },
    )
    .await?;
    let (_, p) = budgets::project(&state.platform, t, pid, Some(principal.role)).await?;
    let location = format!("/api/v1/{}/budget-projects/{pid}", tenant.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(project_json(&p)),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/{tenant}/budget-projects/{project}", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("project" = i64, Path)), responses((status = 200, description = "one project with the city's review", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn project(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, project)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let (_, p) = budgets::project(&state.platform, tenant.tenant_id(), id(&project)?, viewer(&user)).await?;
    Ok(Json(project_json(&p)))
}

/// A ballot: one of `projects` (approval, knapsack), `points` (cumulative:
/// project id to points) or `ranking` (ranked, first choice first).
#[derive(Deserialize, utoipa::ToSchema)]
pub struct BallotBody {
    #[serde(default)]
    projects: Option<Vec<i64>>,
    #[serde(default)]
    points: Option<BTreeMap<String, i64>>,
    #[serde(default)]
    ranking: Option<Vec<i64>>,
}

fn choice(body: BallotBody) -> Result<BallotChoice, WebError> {
    let refuse = |m: &str| WebError::from(civic_core::Invalid::new("ballot", "invalid_ballot", m.to_string()));
    match (body.projects, body.points, body.ranking) {
        (Some(p), None, None) => Ok(BallotChoice::Projects(p)),
        (None, None, Some(r)) => Ok(BallotChoice::Ranking(r)),
        (None, Some(points), None) => points
            .into_iter()
            .map(|(k, v)| k.trim().parse::<i64>().map(|k| (k, v)))
            .collect::<Result<Vec<_>, _>>()
            .map(BallotChoice::Points)
            .map_err(|_| refuse("the keys of \"points\" are project ids")),
        _ => Err(refuse("give exactly one of \"projects\", \"points\" or \"ranking\"")),
    }
}

async fn ballot_json(
    state: &AppState,
    tenant: &Tenant,
    user: civic_core::UserId,
    budget: i64,
) -> Result<Value, WebError> {
    Ok(
        match budgets::my_ballot(&state.platform, tenant.tenant_id(), user, budget).await? {
            None => Value::Null,
            Some((ballot, marks)) => json!({
                "id": ballot.id, "budget_id": budget, "channel": ballot.channel, "cast_at": ballot.cast_at,
                "projects": marks.iter().map(|m| m.project_id).collect::<Vec<_>>(),
                "points": marks.iter().map(|m| (m.project_id.to_string(), m.points)).collect::<BTreeMap<_, _>>(),
            }),
        },
    )
}

#[utoipa::path(post, path = "/api/v1/{tenant}/budgets/{budget}/ballots", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("budget" = i64, Path)), request_body = BallotBody, responses((status = 201, description = "the ballot is stored", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (phase, or already voted)", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn vote(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, budget)): Path<(String, String)>,
    ApiJson(input): ApiJson<BallotBody>,
) -> Result<Response, WebError> {
    let budget = id(&budget)?;
    let choice = choice(input)?;
    budgets::vote(&state.platform, tenant.tenant_id(), principal.user_id, budget, &choice).await?;
    let body = ballot_json(&state, &tenant, principal.user_id, budget).await?;
    let location = format!("/api/v1/{}/budgets/{budget}/ballots/mine", tenant.slug);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response())
}

#[utoipa::path(get, path = "/api/v1/{tenant}/budgets/{budget}/ballots/mine", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("budget" = i64, Path)), responses((status = 200, description = "the caller's ballot, or null", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, budget)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let budget = id(&budget)?;
    budgets::get(&state.platform, tenant.tenant_id(), budget, Some(principal.role)).await?;
    Ok(Json(ballot_json(&state, &tenant, principal.user_id, budget).await?))
}

#[utoipa::path(delete, path = "/api/v1/{tenant}/budgets/{budget}/ballots/mine", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("budget" = i64, Path)), responses((status = 204, description = "the ballot is cancelled"), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (phase, or already voted)", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, budget)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    if budgets::cancel(&state.platform, tenant.tenant_id(), principal.user_id, id(&budget)?).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(WebError::NotFound)
    }
}

/// A ballot collected on paper: the voter's account e-mail or identity
/// document number (only a salted hash is kept), and the choices.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct PaperBallotBody {
    #[serde(default)]
    voter_email: Option<String>,
    #[serde(default)]
    document: Option<String>,
    #[serde(default)]
    projects: Option<Vec<i64>>,
    #[serde(default)]
    points: Option<BTreeMap<String, i64>>,
    #[serde(default)]
    ranking: Option<Vec<i64>>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/budgets/{budget}/paper-ballots", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("budget" = i64, Path)), request_body = PaperBallotBody, responses((status = 201, description = "the paper ballot is stored", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (phase, or already voted)", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn paper_ballot(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, budget)): Path<(String, String)>,
    ApiJson(input): ApiJson<PaperBallotBody>,
) -> Result<Response, WebError> {
    let budget = id(&budget)?;
    let voter = match (input.voter_email.as_deref(), input.document.as_deref()) {
        (Some(e), None) => PaperVoter::Account(e),
        (None, Some(d)) => PaperVoter::Document(d),
        _ => {
            return Err(civic_core::Invalid::new(
                "voter",
                "voter_needed",
                "give exactly one of \"voter_email\" or \"document\"",
            )
            .into());
        }
    };
    let choice = choice(BallotBody {
        projects: input.projects,
        points: input.points,
        ranking: input.ranking,
    })?;
    let ballot = budgets::enter_paper_ballot(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        budget,
        voter,
        &choice,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": ballot, "budget_id": budget, "channel": "paper"})),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct ResultsQuery {
    rule: Option<String>,
}

/// The results as JSON (also what the results page's CSV is made from).
pub fn results_json(r: &Results) -> Value {
    json!({
        "rule": r.rule, "budget": r.budget, "spent": r.spent, "left_over": r.left_over, "voters": r.voters,
        "currency": "UAH",
        "tie_break": "lower cost first, then earlier submission",
        "selected": r.lines.iter().filter(|l| l.selected).map(|l| l.project.id.to_string()).collect::<Vec<_>>(),
        "projects": r.lines.iter().map(|l| json!({
            "id": l.project.id.to_string(), "title": l.project.title, "cost": l.project.cost, "score": l.score,
            "selected": l.selected, "reason": l.not_funded.as_ref().map(|n| n.code()),
            "remaining": match l.not_funded { Some(budgets::NotFunded::DoesNotFit { remaining }) => json!(remaining), _ => Value::Null },
            "threshold": match l.not_funded { Some(budgets::NotFunded::BelowThreshold { threshold }) => json!(threshold), _ => Value::Null },
            "implementation": l.project.implementation.map(|i| i.as_str()),
        })).collect::<Vec<_>>(),
    })
}

#[utoipa::path(get, path = "/api/v1/{tenant}/budgets/{budget}/results", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("budget" = i64, Path), ("rule" = Option<String>, Query, description = "staff only: count with another rule (what if)")), responses((status = 200, description = "every project with its score, funded or not and why", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (phase, or already voted)", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)))]
pub async fn results(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, budget)): Path<(String, String)>,
    Query(query): Query<ResultsQuery>,
) -> Result<Json<Value>, WebError> {
    let (_, r) = budgets::results(
        &state.platform,
        tenant.tenant_id(),
        id(&budget)?,
        viewer(&user),
        query.rule.as_deref(),
    )
    .await?;
    Ok(Json(results_json(&r)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PhaseChange {
    /// submission, review, voting, results or implementation.
    #[serde(default)]
    phase: String,
    /// YYYY-MM-DD or null.
    #[serde(default)]
    submission_ends: Option<String>,
    /// YYYY-MM-DD or null.
    #[serde(default)]
    voting_ends: Option<String>,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/budgets/{budget}/phase", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("budget" = i64, Path)), request_body = PhaseChange, responses((status = 204, description = "the budget is in the phase asked"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (phase, or already voted)", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn set_phase(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, budget)): Path<(String, String)>,
    ApiJson(input): ApiJson<PhaseChange>,
) -> Result<StatusCode, WebError> {
    budgets::set_phase(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        id(&budget)?,
        &budgets::PhaseInput {
            phase: &input.phase,
            submission_ends: input.submission_ends.as_deref().unwrap_or_default(),
            voting_ends: input.voting_ends.as_deref().unwrap_or_default(),
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReviewBody {
    /// feasible, feasible_with_changes or not_feasible.
    #[serde(default)]
    conclusion: String,
    /// Why (required unless feasible); public.
    #[serde(default)]
    reason: String,
    /// The corrected cost in whole hryvnias.
    #[serde(default)]
    cost: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/budget-projects/{project}/review", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("project" = i64, Path)), request_body = ReviewBody, responses((status = 204, description = "the conclusion is public"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (phase, or already voted)", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn review(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, project)): Path<(String, String)>,
    ApiJson(input): ApiJson<ReviewBody>,
) -> Result<StatusCode, WebError> {
    budgets::review(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        id(&project)?,
        &budgets::ReviewInput {
            conclusion: &input.conclusion,
            reason: &input.reason,
            corrected_cost: &number(input.cost),
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ImplementationBody {
    /// planned, tendering, in_progress, done or cancelled.
    #[serde(default)]
    status: String,
    #[serde(default)]
    note: String,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/budget-projects/{project}/implementation", tag = "budgets", params(("tenant" = String, Path, description = "the municipality's slug"), ("project" = i64, Path)), request_body = ImplementationBody, responses((status = 204, description = "the building status is set"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (phase, or already voted)", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn set_implementation(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, project)): Path<(String, String)>,
    ApiJson(input): ApiJson<ImplementationBody>,
) -> Result<StatusCode, WebError> {
    budgets::set_implementation(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        id(&project)?,
        &input.status,
        &input.note,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
