//! E-petitions through the API: the public list by status, a petition,
//! drafting and submitting, signing (counted once per person), and what
//! officials do (check, forward, answer, close); the statute's rules.

use crate::auth::{CurrentUser, MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{Admins, ApiJson, Officials, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use civic_app::petitions::{self, AnswerInput, PetitionInput, Review, Signature};
use civic_core::Timestamp;
use civic_core::petitions::{Petition, PetitionRules};
use http::{StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/petitions", get(list).post(create))
        .route("/api/v1/{tenant}/petitions/{petition}", get(show).put(edit))
        .route("/api/v1/{tenant}/petitions/{petition}/submit", post(submit))
        .route("/api/v1/{tenant}/petitions/{petition}/signatures", post(sign))
        .route("/api/v1/{tenant}/petitions/{petition}/review", post(review))
        .route("/api/v1/{tenant}/petitions/{petition}/forward", post(forward))
        .route("/api/v1/{tenant}/petitions/{petition}/answer", post(answer))
        .route("/api/v1/{tenant}/petitions/{petition}/close", post(close))
        .route("/api/v1/{tenant}/petition-rules", get(rules).put(set_rules))
}

/// A petition as the API shows it: the status at this moment (a collecting
/// petition past its period has failed), the count, and every transition.
pub fn petition_json(p: &Petition) -> Value {
    let now = Timestamp::now();
    json!({
        "id": p.id, "title": p.title, "body": p.body, "author_name": p.author_name,
        "status": p.status_at(now).as_str(), "threshold": p.threshold,
        "signature_count": p.signature_count, "days_left": p.days_left(now),
        "created_at": p.created_at, "submitted_at": p.submitted_at, "check_due_at": p.check_due_at,
        "published_at": p.published_at, "collect_until": p.collect_until,
        "refused_at": p.refused_at, "refusal_reason": p.refusal_reason,
        "succeeded_at": p.succeeded_at, "failed_at": p.failed_at(now),
        "answer_due_at": p.answer_due_at, "answer_overdue_days": p.answer_overdue_days(now),
        "forwarded_at": p.forwarded_at, "answered_at": p.answered_at, "answer": p.answer,
        "decision": p.decision.map(|d| d.as_str()), "closed_at": p.closed_at,
    })
}

fn viewer(user: &MaybeUser) -> Option<(civic_core::UserId, civic_core::Role)> {
    user.0.as_ref().map(|(p, _)| (p.user_id, p.role))
}

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    cursor: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/{tenant}/petitions", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug"), ("status" = Option<String>, Query, description = "all (default), collecting, awaiting_answer, overdue, answered or failed"), ("cursor" = Option<String>, Query, description = "next_cursor of the previous page")), responses((status = 200, description = "public petitions, newest first, 20 a page: {items, next_cursor}", body = serde_json::Value), (status = 400, description = "a cursor we did not make", body = super::openapi::ErrorEnvelope), (status = 404, description = "no such municipality", body = super::openapi::ErrorEnvelope), (status = 422, description = "unknown status", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    Query(query): Query<ListQuery>,
) -> Result<Json<Value>, WebError> {
    let (_, page) = petitions::list(
        &state.platform,
        tenant.tenant_id(),
        query.status.as_deref(),
        query.cursor.as_deref(),
    )
    .await?;
    let items: Vec<Value> = page.items.iter().map(petition_json).collect();
    Ok(Json(json!({ "items": items, "next_cursor": page.next_cursor })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PetitionNew {
    /// 10 to 200 characters.
    #[serde(default)]
    title: String,
    /// 50 to 10,000 characters (Markdown).
    #[serde(default)]
    body: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/petitions", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = PetitionNew, responses((status = 201, description = "a draft only its author and officials see; submit it for the check", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 422, description = "title or text refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    ApiJson(input): ApiJson<PetitionNew>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let input = PetitionInput {
        title: input.title,
        body: input.body,
    };
    let id = petitions::draft(&state.platform, t, principal.user_id, &input).await?;
    let created = petitions::get(&state.platform, t, id, Some((principal.user_id, principal.role))).await?;
    let location = format!("/api/v1/{}/petitions/{id}", tenant.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(petition_json(&created)),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/{tenant}/petitions/{petition}", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug"), ("petition" = i64, Path)), responses((status = 200, description = "the petition with every transition's time; `signed` tells whether the caller signed", body = serde_json::Value), (status = 404, description = "not found (drafts, submitted and refused petitions are their author's and officials' only)", body = super::openapi::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, petition)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let v = petitions::view(&state.platform, tenant.tenant_id(), id(&petition)?, viewer(&user)).await?;
    let mut out = petition_json(&v.petition);
    out["signed"] = json!(v.signed);
    Ok(Json(out))
}

#[utoipa::path(put, path = "/api/v1/{tenant}/petitions/{petition}", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug"), ("petition" = i64, Path)), request_body = PetitionNew, responses((status = 200, description = "the draft rewritten", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not the author, or no longer a draft", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "title or text refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn edit(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, petition)): Path<(String, String)>,
    ApiJson(input): ApiJson<PetitionNew>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let petition = id(&petition)?;
    let input = PetitionInput {
        title: input.title,
        body: input.body,
    };
    petitions::edit(&state.platform, t, principal.user_id, principal.role, petition, &input).await?;
    let p = petitions::get(&state.platform, t, petition, Some((principal.user_id, principal.role))).await?;
    Ok(Json(petition_json(&p)))
}

#[utoipa::path(post, path = "/api/v1/{tenant}/petitions/{petition}/submit", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug"), ("petition" = i64, Path)), responses((status = 200, description = "submitted for the check; check_due_at is its deadline in working days", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not the author, or already submitted", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn submit(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, petition)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let petition = id(&petition)?;
    petitions::submit(&state.platform, t, principal.user_id, principal.role, petition).await?;
    let p = petitions::get(&state.platform, t, petition, Some((principal.user_id, principal.role))).await?;
    Ok(Json(petition_json(&p)))
}

#[utoipa::path(post, path = "/api/v1/{tenant}/petitions/{petition}/signatures", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug"), ("petition" = i64, Path)), responses((status = 201, description = "signed and counted; the petition with its new count. The call is the caller's declaration that they meet the statute's conditions (age, residence): clients show the declaration before calling", body = serde_json::Value), (status = 200, description = "the caller had signed before; counted once, nothing changed", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the petition is not collecting signatures", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn sign(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, petition)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let petition = id(&petition)?;
    let outcome = petitions::sign(&state.platform, t, principal.user_id, principal.role, petition, true).await?;
    let p = petitions::get(&state.platform, t, petition, Some((principal.user_id, principal.role))).await?;
    let mut body = petition_json(&p);
    body["signed"] = json!(true);
    let status = match outcome {
        Signature::Counted(_) => StatusCode::CREATED,
        Signature::Already => StatusCode::OK,
    };
    Ok((status, Json(body)).into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PetitionReview {
    /// publish or refuse.
    #[serde(default)]
    decision: String,
    /// Required to refuse: the statute clause the petition breaks (10+ characters).
    #[serde(default)]
    reason: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/petitions/{petition}/review", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug"), ("petition" = i64, Path)), request_body = PetitionReview, responses((status = 200, description = "published (collecting from now, for the period the rules set) or refused", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "officials only", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "not awaiting the check", body = super::openapi::ErrorEnvelope), (status = 422, description = "unknown decision, or a refusal without a reason", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn review(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, petition)): Path<(String, String)>,
    ApiJson(input): ApiJson<PetitionReview>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let petition = id(&petition)?;
    let decision = match input.decision.trim() {
        "publish" => Review::Publish,
        "refuse" => Review::Refuse(input.reason),
        _ => {
            let mut problems = civic_core::Problems::new();
            problems.push(civic_core::Invalid::new(
                "decision",
                "invalid_review_decision",
                "the decision is publish or refuse",
            ));
            return Err(civic_app::AppError::from(problems).into());
        }
    };
    let who = actor(&principal, &address);
    petitions::review(&state.platform, t, &who, principal.role, petition, &decision).await?;
    let p = petitions::get(&state.platform, t, petition, Some((principal.user_id, principal.role))).await?;
    Ok(Json(petition_json(&p)))
}

#[utoipa::path(post, path = "/api/v1/{tenant}/petitions/{petition}/forward", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug"), ("petition" = i64, Path)), responses((status = 200, description = "marked as sent to the council", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "officials only", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the petition has not succeeded, or was forwarded already", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn forward(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, petition)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let petition = id(&petition)?;
    petitions::forward(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        petition,
    )
    .await?;
    Ok(Json(petition_json(
        &petitions::get(&state.platform, t, petition, None).await?,
    )))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PetitionAnswer {
    /// supported, partly_supported or not_supported.
    #[serde(default)]
    decision: String,
    /// The council's answer (10+ characters, Markdown).
    #[serde(default)]
    text: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/petitions/{petition}/answer", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug"), ("petition" = i64, Path)), request_body = PetitionAnswer, responses((status = 200, description = "the council's answer published", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "officials only", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the petition awaits no answer", body = super::openapi::ErrorEnvelope), (status = 422, description = "decision or text refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn answer(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, petition)): Path<(String, String)>,
    ApiJson(input): ApiJson<PetitionAnswer>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let petition = id(&petition)?;
    let input = AnswerInput {
        text: input.text,
        decision: input.decision,
    };
    petitions::answer(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        petition,
        &input,
    )
    .await?;
    Ok(Json(petition_json(
        &petitions::get(&state.platform, t, petition, None).await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/{tenant}/petitions/{petition}/close", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug"), ("petition" = i64, Path)), responses((status = 200, description = "closed", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "officials only", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "only answered, failed or refused petitions close", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn close(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, petition)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let petition = id(&petition)?;
    petitions::close(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        petition,
    )
    .await?;
    let p = petitions::get(&state.platform, t, petition, Some((principal.user_id, principal.role))).await?;
    Ok(Json(petition_json(&p)))
}

fn rules_json(r: &PetitionRules) -> Value {
    json!({
        "threshold": r.threshold, "period_days": r.period_days, "min_age": r.min_age,
        "check_days": r.check_days, "answer_days": r.answer_days,
    })
}

#[utoipa::path(get, path = "/api/v1/{tenant}/petition-rules", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "the statute's rules: threshold, period in days, minimum age, check and answer deadlines in working days", body = serde_json::Value), (status = 404, description = "no such municipality", body = super::openapi::ErrorEnvelope)))]
pub async fn rules(State(state): State<AppState>, tenant: Tenant) -> Result<Json<Value>, WebError> {
    Ok(Json(rules_json(
        &petitions::rules(&state.platform, tenant.tenant_id()).await?,
    )))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PetitionRulesBody {
    threshold: i64,
    period_days: i64,
    min_age: i64,
    check_days: i64,
    answer_days: i64,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/petition-rules", tag = "petitions", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = PetitionRulesBody, responses((status = 200, description = "the rules as set (they apply to petitions published from now)", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "administrators only", body = super::openapi::ErrorEnvelope), (status = 422, description = "a value out of range", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn set_rules(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    ApiJson(input): ApiJson<PetitionRulesBody>,
) -> Result<Json<Value>, WebError> {
    let new = PetitionRules {
        threshold: input.threshold,
        period_days: input.period_days,
        min_age: input.min_age,
        check_days: input.check_days,
        answer_days: input.answer_days,
    };
    let t = tenant.tenant_id();
    petitions::set_rules(&state.platform, t, principal.role, &actor(&principal, &address), &new).await?;
    Ok(Json(rules_json(&petitions::rules(&state.platform, t).await?)))
}
