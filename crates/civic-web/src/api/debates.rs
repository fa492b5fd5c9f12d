//! Debates through the API: reading a space's debates and a debate with its
//! arguments, balance and conclusion; posting arguments and replies,
//! convincing marks and stances; and what officials do (set up, conclude).

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
use civic_app::debates::{self, ArgumentInput, ConclusionInput, DebateInput, DebateView, Thread};
use civic_core::debates::{Argument, ArgumentOrder, Balance, Debate};
use civic_core::{Role, SpaceId, Timestamp};
use http::{StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/spaces/{space}/debates", get(list).post(create))
        .route("/api/v1/{tenant}/debates/{debate}", get(show))
        .route("/api/v1/{tenant}/debates/{debate}/arguments", post(argue))
        .route("/api/v1/{tenant}/debates/{debate}/stance", put(stance))
        .route("/api/v1/{tenant}/debates/{debate}/conclusion", post(conclude))
        .route(
            "/api/v1/{tenant}/arguments/{argument}/convincing",
            put(convincing).delete(unconvincing),
        )
}

fn day(ms: Option<i64>) -> Value {
    ms.map_or(Value::Null, |at| json!(Timestamp(at).iso_date()))
}

fn state_of(d: &Debate) -> &'static str {
    if d.concluded() {
        "concluded"
    } else if d.open_at(Timestamp::now()) {
        "open"
    } else {
        "closed"
    }
}

/// A debate as a list shows it.
pub fn debate_json(d: &Debate) -> Value {
    json!({
        "id": d.id, "space_id": d.space_id, "question": d.question, "description": d.description,
        "moderator_name": d.moderator_name, "opens_on": day(d.opens_at),
        "closes_on": d.closes_at.map_or(Value::Null, |e| json!(civic_core::spaces::last_day(e))),
        "status": state_of(d), "argument_count": d.argument_count, "created_at": d.created_at,
        "concluded_at": d.concluded_at,
    })
}

pub fn argument_json(a: &Argument) -> Value {
    json!({
        "id": a.id, "debate_id": a.debate_id, "parent_id": a.parent_id, "side": a.side.as_str(),
        // A hidden argument's text is not in the API (moderators read it in their queue).
        "body": if a.moderation.is_some() { "" } else { a.body.as_str() }, "author_name": a.author_name, "convincing": a.convincing,
        "cited": a.cited != 0, "created_at": a.created_at,
        "hidden": a.moderation.is_some(), "moderation_reason": a.moderation_reason,
    })
}

fn thread_json(t: &Thread) -> Value {
    let mut v = argument_json(&t.argument);
    v["replies"] = Value::Array(t.replies.iter().map(argument_json).collect());
    v
}

fn balance_json(b: &Balance) -> Value {
    json!({"for": b.for_, "against": b.against, "undecided": b.undecided})
}

/// A debate with its arguments side by side, the balance (now and day by
/// day), the conclusion and what the caller did.
pub fn view_json(v: &DebateView) -> Value {
    let mut out = debate_json(&v.debate);
    if !v.debate.concluded() {
        // The space's state counts too (a closed space takes nothing).
        out["status"] = json!(if v.open { "open" } else { "closed" });
    }
    out["arguments"] = json!({
        "for": v.for_side.iter().map(thread_json).collect::<Vec<_>>(),
        "against": v.against_side.iter().map(thread_json).collect::<Vec<_>>(),
    });
    out["balance"] = balance_json(&v.standing.balance);
    out["balance_history"] = Value::Array(
        v.standing
            .history
            .iter()
            .map(|(at, b)| {
                let mut day = balance_json(b);
                day["day"] = json!(Timestamp(*at).iso_date());
                day
            })
            .collect(),
    );
    out["conclusion"] = match (&v.debate.conclusion, v.debate.concluded_at) {
        (Some(text), Some(at)) => json!({
            "text": text, "concluded_at": at,
            "arguments": v.cited().iter().map(|a| a.id).collect::<Vec<_>>(),
        }),
        _ => Value::Null,
    };
    out["my_stance"] = v.my_stance.map_or(Value::Null, |s| json!(s.as_str()));
    out["my_convincing"] = json!(v.my_convincing);
    out
}

fn viewer(user: &MaybeUser) -> Option<Role> {
    user.0.as_ref().map(|(p, _)| p.role)
}

#[utoipa::path(get, path = "/api/v1/{tenant}/spaces/{space}/debates", tag = "debates", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), responses((status = 200, description = "the debates of the space, newest first", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, space)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let items: Vec<Value> = debates::in_space(&state.platform, tenant.tenant_id(), space, viewer(&user))
        .await?
        .iter()
        .map(debate_json)
        .collect();
    Ok(Json(json!({ "items": items, "next_cursor": null })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DebateNew {
    #[serde(default)]
    question: String,
    #[serde(default)]
    description: String,
    /// YYYY-MM-DD, the first day arguments are taken (optional).
    #[serde(default)]
    opens_on: Option<String>,
    /// YYYY-MM-DD, the last day arguments are taken (optional).
    #[serde(default)]
    closes_on: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/spaces/{space}/debates", tag = "debates", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), request_body = DebateNew, responses((status = 201, description = "set up; the caller moderates it", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the space is closed", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, space)): Path<(String, String)>,
    ApiJson(input): ApiJson<DebateNew>,
) -> Result<Response, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    let id = debates::create(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        space,
        &DebateInput {
            question: input.question,
            description: input.description,
            opens: input.opens_on.unwrap_or_default(),
            closes: input.closes_on.unwrap_or_default(),
        },
    )
    .await?;
    let created = debates::get(&state.platform, t, id, Some(principal.role)).await?;
    let location = format!("/api/v1/{}/debates/{id}", tenant.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(debate_json(&created)),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct SortQuery {
    sort: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/{tenant}/debates/{debate}", tag = "debates", params(("tenant" = String, Path, description = "the municipality's slug"), ("debate" = i64, Path), ("sort" = Option<String>, Query, description = "strongest (default: most convincing first) or newest")), responses((status = 200, description = "the debate with its arguments for and against (each with its replies), the balance of stances now and by day, the conclusion, and the caller's stance and convincing marks", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, debate)): Path<(String, String)>,
    Query(query): Query<SortQuery>,
) -> Result<Json<Value>, WebError> {
    let who = user.0.as_ref().map(|(p, _)| (p.user_id, p.role));
    let order = ArgumentOrder::parse(query.sort.as_deref());
    let v = debates::view(&state.platform, tenant.tenant_id(), id(&debate)?, who, order).await?;
    Ok(Json(view_json(&v)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DebateArgumentNew {
    /// for or against (a reply may leave it out to take its argument's side).
    #[serde(default)]
    side: String,
    /// At most 1,000 characters.
    #[serde(default)]
    body: String,
    /// The argument this one replies to.
    #[serde(default)]
    parent_id: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/debates/{debate}/arguments", tag = "debates", params(("tenant" = String, Path, description = "the municipality's slug"), ("debate" = i64, Path)), request_body = DebateArgumentNew, responses((status = 201, description = "the argument as stored", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the debate is concluded or closed", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused (side, body, parent)", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn argue(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, debate)): Path<(String, String)>,
    ApiJson(input): ApiJson<DebateArgumentNew>,
) -> Result<Response, WebError> {
    let debate = id(&debate)?;
    let a = debates::argue(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        debate,
        &ArgumentInput {
            side: &input.side,
            body: &input.body,
            parent: input.parent_id,
        },
    )
    .await?;
    let location = format!("/api/v1/{}/debates/{debate}", tenant.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(argument_json(&a)),
    )
        .into_response())
}

#[utoipa::path(put, path = "/api/v1/{tenant}/arguments/{argument}/convincing", tag = "debates", params(("tenant" = String, Path, description = "the municipality's slug"), ("argument" = i64, Path)), responses((status = 200, description = "marked convincing (again: no change); the argument with its count", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the debate is concluded or closed, or the argument is the caller's", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn convincing(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, argument)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    mark(&state, &tenant, &principal, &argument, true).await
}

/// Marks the argument convincing for the caller (`on`) or withdraws it.
async fn mark(
    state: &AppState,
    tenant: &Tenant,
    principal: &civic_core::user::Principal,
    argument: &str,
    on: bool,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let a = debates::set_convincing(&state.platform, t, principal.user_id, id(argument)?, on).await?;
    Ok(Json(argument_json(&a)))
}

#[utoipa::path(delete, path = "/api/v1/{tenant}/arguments/{argument}/convincing", tag = "debates", params(("tenant" = String, Path, description = "the municipality's slug"), ("argument" = i64, Path)), responses((status = 200, description = "the mark withdrawn (none: no change); the argument with its count", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the debate is concluded or closed", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn unconvincing(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, argument)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    mark(&state, &tenant, &principal, &argument, false).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DebateStanceBody {
    /// for, against or undecided.
    #[serde(default)]
    stance: String,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/debates/{debate}/stance", tag = "debates", params(("tenant" = String, Path, description = "the municipality's slug"), ("debate" = i64, Path)), request_body = DebateStanceBody, responses((status = 200, description = "the caller's stance and the balance now", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the debate is concluded or closed", body = super::openapi::ErrorEnvelope), (status = 422, description = "unknown stance", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn stance(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, debate)): Path<(String, String)>,
    ApiJson(input): ApiJson<DebateStanceBody>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let debate = id(&debate)?;
    let s = debates::set_stance(&state.platform, t, principal.user_id, debate, &input.stance).await?;
    let standing = debates::standing(&state.platform, t, debate).await?;
    Ok(Json(
        json!({"stance": s.as_str(), "balance": balance_json(&standing.balance)}),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DebateConclusionNew {
    /// The city's conclusion (10 to 10,000 characters).
    #[serde(default)]
    text: String,
    /// The ids of the arguments it took into account.
    #[serde(default)]
    arguments: Vec<i64>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/debates/{debate}/conclusion", tag = "debates", params(("tenant" = String, Path, description = "the municipality's slug"), ("debate" = i64, Path)), request_body = DebateConclusionNew, responses((status = 201, description = "concluded; the debate as it is now", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "concluded already", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused (text, arguments)", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn conclude(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, debate)): Path<(String, String)>,
    ApiJson(input): ApiJson<DebateConclusionNew>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let debate = id(&debate)?;
    debates::conclude(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        debate,
        &ConclusionInput {
            text: &input.text,
            arguments: &input.arguments,
        },
    )
    .await?;
    let v = debates::view(
        &state.platform,
        t,
        debate,
        Some((principal.user_id, principal.role)),
        ArgumentOrder::Strongest,
    )
    .await?;
    let location = format!("/api/v1/{}/debates/{debate}", tenant.slug);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view_json(&v))).into_response())
}
