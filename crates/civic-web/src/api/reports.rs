//! Problem reports through the API: the list (filters and a bounding box,
//! a page at a time), a report with its public history, reporting a
//! problem, "me too" voices, the reporter's confirmation or reopening, and
//! what staff of the report's department do (status changes, public
//! replies, internal notes, their queue). Categories and statistics per
//! department are public.

use crate::auth::{CurrentUser, MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{AnyStaff, ApiJson, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use civic_app::reports::{self, ListParams, ReportInput, ReportView, StatusInput};
use civic_core::Timestamp;
use civic_core::reports::{Category, DepartmentStats, Report, ReportEvent};
use http::{StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/reports", get(list).post(create))
        .route("/api/v1/{tenant}/reports/map", get(map))
        .route("/api/v1/{tenant}/reports/{report}", get(show))
        .route("/api/v1/{tenant}/reports/{report}/voice", put(voice))
        .route("/api/v1/{tenant}/reports/{report}/feedback", post(feedback))
        .route("/api/v1/{tenant}/reports/{report}/status", post(status))
        .route("/api/v1/{tenant}/reports/{report}/replies", post(reply))
        .route("/api/v1/{tenant}/reports/{report}/notes", post(note))
        .route("/api/v1/{tenant}/report-categories", get(categories))
        .route("/api/v1/{tenant}/report-stats", get(stats))
        .route("/api/v1/{tenant}/report-queue", get(queue))
}

/// A report as lists show it. The reporter's name only when the report is
/// not anonymous, or to staff.
pub fn report_json(r: &Report, staff: bool) -> Value {
    let now = Timestamp::now().0;
    let author = if staff {
        r.author_name.as_deref()
    } else {
        r.public_author()
    };
    json!({
        "id": r.id, "category_id": r.category_id, "category": r.category_uk,
        "category_en": r.category_en.as_deref().unwrap_or(&r.category_uk),
        "department_id": r.department_id, "department": r.department_name,
        // A hidden report's text is not in the API (moderators read it in their queue).
        "status": r.status.as_str(), "body": if r.moderation.is_some() { "" } else { r.body.as_str() },
        "address": r.address, "hidden": r.moderation.is_some(), "moderation_reason": r.moderation_reason,
        "lat": r.point().map(|p| p.lat()), "lon": r.point().map(|p| p.lon()),
        "anonymous": r.anonymous != 0, "author_name": author, "voices": r.voices,
        "deadline": Timestamp(r.deadline_at).iso_date(), "deadline_at": r.deadline_at,
        "days_overdue": r.days_overdue(now), "reopened": r.reopened, "reason": r.reason,
        "resolved_at": r.resolved_at, "confirmed_at": r.confirmed_at,
        "created_at": r.created_at, "updated_at": r.updated_at,
    })
}

fn event_json(e: &ReportEvent, staff: bool) -> Value {
    json!({
        "id": e.id, "kind": e.kind.as_str(), "status": e.status, "body": e.body,
        "public": e.public != 0, "created_at": e.created_at,
        "actor_name": if staff { e.actor_name.as_deref() } else { None },
    })
}

pub fn view_json(v: &ReportView) -> Value {
    let mut out = report_json(&v.report, v.staff);
    out["history"] = Value::Array(v.events.iter().map(|e| event_json(e, v.staff)).collect());
    out["my_voice"] = json!(v.has_voice);
    out["may_confirm_or_reopen"] = json!(v.may_feedback);
    out
}

fn category_json(c: &Category) -> Value {
    json!({
        "id": c.id, "name": c.name_uk, "name_en": c.name_en.as_deref().unwrap_or(&c.name_uk),
        "department_id": c.department_id, "department": c.department_name, "target_working_days": c.target_days,
    })
}

fn stats_json(s: &DepartmentStats) -> Value {
    json!({
        "department_id": s.department_id, "department": s.department_name, "open": s.open,
        "overdue": s.overdue, "reopened": s.reopened, "resolved": s.resolved,
    })
}

fn is_staff(user: &MaybeUser) -> bool {
    user.0
        .as_ref()
        .is_some_and(|(p, _)| civic_core::reports::is_staff(p.role))
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    status: Option<String>,
    category: Option<String>,
    bbox: Option<String>,
    cursor: Option<String>,
}

impl ListQuery {
    fn params(&self) -> ListParams<'_> {
        ListParams {
            status: self.status.as_deref(),
            category: self.category.as_deref(),
            bbox: self.bbox.as_deref(),
            cursor: self.cursor.as_deref(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/{tenant}/reports", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug"), ("status" = Option<String>, Query, description = "received, in_progress, resolved, not_ours, rejected or reopened"), ("category" = Option<i64>, Query, description = "a category's id"), ("bbox" = Option<String>, Query, description = "minLon,minLat,maxLon,maxLat in degrees (GeoJSON order): only reports with a point inside"), ("cursor" = Option<String>, Query, description = "next_cursor of the previous page")), responses((status = 200, description = "problem reports, newest first, 20 a page: {items, next_cursor}", body = serde_json::Value), (status = 400, description = "a cursor we did not make", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "a bad filter (status, category, bbox)", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, WebError> {
    let page = reports::list(&state.platform, tenant.tenant_id(), &q.params()).await?;
    let staff = is_staff(&user);
    let items: Vec<Value> = page.items.iter().map(|r| report_json(r, staff)).collect();
    Ok(Json(json!({ "items": items, "next_cursor": page.next_cursor })))
}

#[utoipa::path(get, path = "/api/v1/{tenant}/reports/map", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug"), ("status" = Option<String>, Query, description = "as the list"), ("category" = Option<i64>, Query, description = "as the list"), ("bbox" = Option<String>, Query, description = "minLon,minLat,maxLon,maxLat in degrees (GeoJSON order): only reports with a point inside")), responses((status = 200, description = "the reports of a map, newest first, at most 1,000: {items: [{id, lat, lon, status, title, title_en}], truncated} (truncated: more matched, zoom in); reports without a point, or hidden by the moderators, are left out", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "a bad filter (status, category, bbox)", body = super::openapi::ErrorEnvelope)))]
pub async fn map(
    State(state): State<AppState>,
    tenant: Tenant,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, WebError> {
    let (pins, truncated) = reports::pins(&state.platform, tenant.tenant_id(), &q.params()).await?;
    let items: Vec<Value> = pins
        .iter()
        .map(|p| {
            json!({
                "id": p.id, "lat": p.lat_e6 as f64 / 1e6, "lon": p.lon_e6 as f64 / 1e6,
                "status": p.status.as_str(), "title": p.category_uk,
                "title_en": p.category_en.as_deref().filter(|t| !t.is_empty()).unwrap_or(&p.category_uk),
            })
        })
        .collect();
    Ok(Json(json!({ "items": items, "truncated": truncated })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReportNew {
    /// The category's id (GET /api/v1/{tenant}/report-categories).
    #[serde(default)]
    category: Option<i64>,
    /// What is wrong (10 to 2,000 characters).
    #[serde(default)]
    body: String,
    /// Latitude in degrees (-90..90); with lon, or give an address.
    #[serde(default)]
    lat: Option<f64>,
    /// Longitude in degrees (-180..180).
    #[serde(default)]
    lon: Option<f64>,
    /// An address or landmark (at most 200 characters).
    #[serde(default)]
    address: Option<String>,
    /// Hide the reporter's name from the public (staff still see it).
    #[serde(default)]
    anonymous: Option<bool>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/reports", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = ReportNew, responses((status = 201, description = "received; routed to the category's department with its target time", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused (category, body, lat, lon, address)", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many contributions", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    ApiJson(input): ApiJson<ReportNew>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let number = |v: Option<f64>| v.map(|n| n.to_string()).unwrap_or_default();
    let input = ReportInput {
        category: input.category.map(|c| c.to_string()).unwrap_or_default(),
        body: input.body,
        address: input.address.unwrap_or_default(),
        lat: number(input.lat),
        lon: number(input.lon),
        anonymous: input.anonymous.unwrap_or(false),
    };
    let checked = reports::check(&state.platform, t, &input).await?;
    let id = reports::submit(&state.platform, t, principal.user_id, &checked).await?;
    let v = reports::view(&state.platform, t, id, Some((principal.user_id, principal.role))).await?;
    let location = format!("/api/v1/{}/reports/{id}", tenant.slug);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view_json(&v))).into_response())
}

#[utoipa::path(get, path = "/api/v1/{tenant}/reports/{report}", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug"), ("report" = i64, Path)), responses((status = 200, description = "the report with its history (statuses, public replies; internal notes for staff) and what the caller did", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, report)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let who = user.0.as_ref().map(|(p, _)| (p.user_id, p.role));
    let v = reports::view(&state.platform, tenant.tenant_id(), id(&report)?, who).await?;
    Ok(Json(view_json(&v)))
}

#[utoipa::path(put, path = "/api/v1/{tenant}/reports/{report}/voice", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug"), ("report" = i64, Path)), responses((status = 200, description = "the caller's voice added (again: no change); the report with its count", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the report is closed, or the caller's own", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn voice(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, report)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let (r, added) = reports::add_voice(&state.platform, tenant.tenant_id(), principal.user_id, id(&report)?).await?;
    let mut out = report_json(&r, civic_core::reports::is_staff(principal.role));
    out["added"] = json!(added);
    Ok(Json(out))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReportFeedback {
    /// confirm (the fix holds) or reopen (it does not).
    #[serde(default)]
    action: String,
    /// What is still wrong (optional).
    #[serde(default)]
    body: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/reports/{report}/feedback", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug"), ("report" = i64, Path)), request_body = ReportFeedback, responses((status = 200, description = "confirmed or reopened; the report as it is now", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not the reporter (or CSRF token missing)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "not resolved, already confirmed, or more than 14 days after the fix", body = super::openapi::ErrorEnvelope), (status = 422, description = "unknown action or text too long", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn feedback(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, report)): Path<(String, String)>,
    ApiJson(input): ApiJson<ReportFeedback>,
) -> Result<Json<Value>, WebError> {
    let reopen = reports::feedback_action(&input.action)?;
    let r = reports::feedback(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        id(&report)?,
        reopen,
        &input.body,
    )
    .await?;
    Ok(Json(report_json(&r, civic_core::reports::is_staff(principal.role))))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReportStatusChange {
    /// in_progress, resolved, not_ours or rejected.
    #[serde(default)]
    status: String,
    /// Why: required to reject; shown to the public.
    #[serde(default)]
    reason: String,
    /// For not_ours: the category the report belongs to (it moves to that
    /// category's department and starts again as received).
    #[serde(default)]
    category_id: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/reports/{report}/status", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug"), ("report" = i64, Path)), request_body = ReportStatusChange, responses((status = 200, description = "the report as it is now", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not staff of the report's department (or CSRF token missing)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the report is closed or was changed first", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused (status, reason, category_id)", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn status(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<AnyStaff>,
    address: ClientAddress,
    Path((_, report)): Path<(String, String)>,
    ApiJson(input): ApiJson<ReportStatusChange>,
) -> Result<Json<Value>, WebError> {
    let r = reports::change_status(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.user_id,
        principal.role,
        id(&report)?,
        &StatusInput {
            status: input.status,
            reason: input.reason,
            category: input.category_id.map(|c| c.to_string()).unwrap_or_default(),
        },
    )
    .await?;
    Ok(Json(report_json(&r, true)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReportAnswerNew {
    /// 2 to 2,000 characters.
    #[serde(default)]
    body: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/reports/{report}/replies", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug"), ("report" = i64, Path)), request_body = ReportAnswerNew, responses((status = 201, description = "a public reply of the city; the report with its history", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not staff of the report's department (or CSRF token missing)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused (body)", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn reply(
    state: State<AppState>,
    tenant: Tenant,
    staff: Staff<AnyStaff>,
    path: Path<(String, String)>,
    ApiJson(input): ApiJson<ReportAnswerNew>,
) -> Result<Response, WebError> {
    answer(state, tenant, staff, path, &input.body, true).await
}

#[utoipa::path(post, path = "/api/v1/{tenant}/reports/{report}/notes", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug"), ("report" = i64, Path)), request_body = ReportAnswerNew, responses((status = 201, description = "an internal note (staff only see it); the report with its history", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not staff of the report's department (or CSRF token missing)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused (body)", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn note(
    state: State<AppState>,
    tenant: Tenant,
    staff: Staff<AnyStaff>,
    path: Path<(String, String)>,
    ApiJson(input): ApiJson<ReportAnswerNew>,
) -> Result<Response, WebError> {
    answer(state, tenant, staff, path, &input.body, false).await
}

async fn answer(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<AnyStaff>,
    Path((_, report)): Path<(String, String)>,
    body: &str,
    public: bool,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let report = id(&report)?;
    reports::answer(
        &state.platform,
        t,
        principal.user_id,
        principal.role,
        report,
        body,
        public,
    )
    .await?;
    let v = reports::view(&state.platform, t, report, Some((principal.user_id, principal.role))).await?;
    let location = format!("/api/v1/{}/reports/{report}", tenant.slug);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view_json(&v))).into_response())
}

#[utoipa::path(get, path = "/api/v1/{tenant}/report-categories", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "the categories residents report in, each with its department and target time in working days, and the area points must lie in (null when the city set none): {items, area}", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn categories(State(state): State<AppState>, tenant: Tenant) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let items: Vec<Value> = reports::categories(&state.platform, t)
        .await?
        .iter()
        .map(category_json)
        .collect();
    let area = reports::area(&state.platform, t).await?.map(|a| {
        json!({
            "min_lon": a.min_lon_e6 as f64 / 1e6, "min_lat": a.min_lat_e6 as f64 / 1e6,
            "max_lon": a.max_lon_e6 as f64 / 1e6, "max_lat": a.max_lat_e6 as f64 / 1e6,
        })
    });
    Ok(Json(json!({ "items": items, "area": area })))
}

#[utoipa::path(get, path = "/api/v1/{tenant}/report-stats", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "open, overdue, reopened and resolved reports per department: {items}", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn stats(State(state): State<AppState>, tenant: Tenant) -> Result<Json<Value>, WebError> {
    let items: Vec<Value> = reports::stats(&state.platform, tenant.tenant_id())
        .await?
        .iter()
        .map(stats_json)
        .collect();
    Ok(Json(json!({ "items": items })))
}

#[utoipa::path(get, path = "/api/v1/{tenant}/report-queue", tag = "reports", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "open reports of the caller's departments (all for administrators), the earliest target time first: {items}", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not staff", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn queue(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<AnyStaff>,
) -> Result<Json<Value>, WebError> {
    let items: Vec<Value> = reports::queue(&state.platform, tenant.tenant_id(), principal.user_id, principal.role)
        .await?
        .iter()
        .map(|r| report_json(r, true))
        .collect();
    Ok(Json(json!({ "items": items })))
}
