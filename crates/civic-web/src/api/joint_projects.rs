//! Joint projects through the API: the tenant's accountability list (joint
//! projects and funded budget projects, a page at a time, by status), a
//! project with its milestones, updates and volunteer tasks, what officials
//! do (start, status, milestones, updates, tasks) and volunteering.

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
use civic_app::joint_projects::{self, MilestoneInput, ProjectInput, ProjectView, TaskInput, Tracked};
use civic_core::joint_projects::{JointProject, Milestone, VolunteerTask};
use civic_core::{Role, SpaceId, Timestamp, UserId};
use http::{StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/projects", get(list))
        .route("/api/v1/{tenant}/spaces/{space}/projects", post(create))
        .route("/api/v1/{tenant}/projects/{joint_project}", get(show))
        .route("/api/v1/{tenant}/projects/{joint_project}/status", put(status))
        .route(
            "/api/v1/{tenant}/projects/{joint_project}/milestones",
            post(add_milestone),
        )
        .route("/api/v1/{tenant}/projects/{joint_project}/updates", post(add_update))
        .route("/api/v1/{tenant}/projects/{joint_project}/tasks", post(add_task))
        .route("/api/v1/{tenant}/milestones/{milestone}", put(set_milestone))
        .route("/api/v1/{tenant}/tasks/{task}/signup", put(sign_up).delete(cancel))
}

fn day(ms: Option<i64>) -> Value {
    ms.map_or(Value::Null, |at| json!(Timestamp(at).iso_date()))
}

/// A joint project as a list shows it.
pub fn project_json(p: &JointProject) -> Value {
    json!({
        "kind": "joint_project", "id": p.id, "space_id": p.space_id, "title": p.title, "goal": p.goal,
        "department": p.department, "budget": p.budget, "spent": p.spent,
        "starts_on": day(p.starts_at), "ends_on": p.ends_at.map_or(Value::Null, |e| json!(civic_core::spaces::last_day(e))),
        "location": p.location, "status": p.status.as_str(), "tracking_status": p.status.as_str(),
        "origin": {"kind": p.origin_kind.as_str(), "id": p.origin_id},
        "milestones": p.milestone_count, "milestones_done": p.milestones_done, "progress": p.progress(),
        "created_at": p.created_at, "updated_at": p.updated_at,
    })
}

fn tracked_json(t: &Tracked) -> Value {
    match t {
        Tracked::Joint(p) => project_json(p),
        Tracked::Budget(p) => {
            let mut v = super::budgets::project_json(p);
            v["kind"] = json!("budget_project");
            v["tracking_status"] = json!(t.status().as_str());
            v
        }
    }
}

fn milestone_json(m: &Milestone) -> Value {
    json!({
        "id": m.id, "project_id": m.project_id, "title": m.title, "planned_on": day(Some(m.planned_at)),
        "done_on": day(m.done_at), "status": m.status.as_str(),
    })
}

fn task_json(t: &VolunteerTask, mine: &[i64]) -> Value {
    json!({
        "id": t.id, "project_id": t.project_id, "title": t.title, "description": t.description,
        "day": day(t.happens_at), "capacity": t.capacity, "taken": t.taken, "full": t.full(),
        "signed_up": mine.contains(&t.id),
    })
}

/// A project with its milestones, updates (newest first) and tasks.
pub fn view_json(v: &ProjectView) -> Value {
    let mut out = project_json(&v.project);
    out["milestones"] = Value::Array(v.milestones.iter().map(milestone_json).collect());
    out["updates"] = Value::Array(
        v.updates
            .iter()
            .map(|u| json!({"id": u.id, "body": u.body, "author_name": u.author_name, "created_at": u.created_at}))
            .collect(),
    );
    out["tasks"] = Value::Array(
        v.tasks
            .iter()
            .map(|t| {
                let mut j = task_json(t, &v.mine);
                if v.organiser {
                    let names: Vec<&String> = v
                        .volunteers
                        .iter()
                        .filter(|(task, _)| *task == t.id)
                        .map(|(_, n)| n)
                        .collect();
                    j["volunteers"] = json!(names);
                }
                j
            })
            .collect(),
    );
    out
}

fn viewer(user: &MaybeUser) -> Option<(UserId, Role)> {
    user.0.as_ref().map(|(p, _)| (p.user_id, p.role))
}

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    cursor: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/{tenant}/projects", tag = "projects", params(("tenant" = String, Path, description = "the municipality's slug"), ("status" = Option<String>, Query, description = "planned, in_progress, completed or cancelled"), ("cursor" = Option<String>, Query, description = "the next_cursor of the previous page")), responses((status = 200, description = "everything tracked to implementation, a page at a time: joint projects (kind joint_project, newest first), then funded participatory-budget projects (kind budget_project)", body = serde_json::Value), (status = 400, description = "a cursor we did not make", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "unknown status", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, WebError> {
    let page = joint_projects::list(
        &state.platform,
        tenant.tenant_id(),
        q.status.as_deref(),
        q.cursor.as_deref(),
        viewer(&user).map(|v| v.1),
    )
    .await?;
    let items: Vec<Value> = page.items.iter().map(tracked_json).collect();
    Ok(Json(json!({ "items": items, "next_cursor": page.next_cursor })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct JointProjectNew {
    #[serde(default)]
    title: String,
    /// Markdown.
    #[serde(default)]
    goal: String,
    /// The responsible department, in words.
    #[serde(default)]
    department: String,
    /// Whole units of money.
    #[serde(default)]
    budget: Option<i64>,
    /// YYYY-MM-DD.
    #[serde(default)]
    starts_on: Option<String>,
    /// YYYY-MM-DD, the last day.
    #[serde(default)]
    ends_on: Option<String>,
    #[serde(default)]
    location: String,
    /// planned (default), in_progress, completed, cancelled.
    #[serde(default)]
    status: String,
    /// scratch (default), submission, idea or budget_project.
    #[serde(default)]
    origin_kind: String,
    /// The winning submission, accepted idea or budget project it comes from.
    #[serde(default)]
    origin_id: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/spaces/{space}/projects", tag = "projects", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), request_body = JointProjectNew, responses((status = 201, description = "the project as started", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the space is closed", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused (texts, dates, origin)", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, space)): Path<(String, String)>,
    ApiJson(input): ApiJson<JointProjectNew>,
) -> Result<Response, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    let id = joint_projects::create(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        space,
        &ProjectInput {
            title: input.title,
            goal: input.goal,
            department: input.department,
            budget: input.budget.map(|b| b.to_string()).unwrap_or_default(),
            starts: input.starts_on.unwrap_or_default(),
            ends: input.ends_on.unwrap_or_default(),
            location: input.location,
            status: input.status,
            origin_kind: input.origin_kind,
            origin_id: input.origin_id,
        },
    )
    .await?;
    let v = joint_projects::view(&state.platform, t, id, Some((principal.user_id, principal.role))).await?;
    let location = format!("/api/v1/{}/projects/{id}", tenant.slug);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view_json(&v))).into_response())
}

#[utoipa::path(get, path = "/api/v1/{tenant}/projects/{joint_project}", tag = "projects", params(("tenant" = String, Path, description = "the municipality's slug"), ("joint_project" = i64, Path)), responses((status = 200, description = "the joint project with its milestones, progress updates (newest first) and volunteer tasks (with the caller's sign-ups; officials also see the volunteers)", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, project)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let v = joint_projects::view(&state.platform, tenant.tenant_id(), id(&project)?, viewer(&user)).await?;
    Ok(Json(view_json(&v)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct JointProjectStatusBody {
    /// planned, in_progress, completed or cancelled.
    #[serde(default)]
    status: String,
    /// The money spent so far.
    #[serde(default)]
    spent: Option<i64>,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/projects/{joint_project}/status", tag = "projects", params(("tenant" = String, Path, description = "the municipality's slug"), ("joint_project" = i64, Path)), request_body = JointProjectStatusBody, responses((status = 204, description = "status and money spent set"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn status(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, project)): Path<(String, String)>,
    ApiJson(input): ApiJson<JointProjectStatusBody>,
) -> Result<StatusCode, WebError> {
    joint_projects::set_status(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        id(&project)?,
        &input.status,
        &input.spent.map(|s| s.to_string()).unwrap_or_default(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProjectMilestoneNew {
    #[serde(default)]
    title: String,
    /// YYYY-MM-DD.
    #[serde(default)]
    planned_on: String,
    /// planned (default), in_progress, done or delayed.
    #[serde(default)]
    status: String,
    /// YYYY-MM-DD, when it was reached.
    #[serde(default)]
    done_on: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/projects/{joint_project}/milestones", tag = "projects", params(("tenant" = String, Path, description = "the municipality's slug"), ("joint_project" = i64, Path)), request_body = ProjectMilestoneNew, responses((status = 201, description = "the project with the milestone", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn add_milestone(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    Path((_, project)): Path<(String, String)>,
    ApiJson(input): ApiJson<ProjectMilestoneNew>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let project = id(&project)?;
    let done = input.done_on.unwrap_or_default();
    joint_projects::add_milestone(
        &state.platform,
        t,
        principal.role,
        project,
        &MilestoneInput {
            title: &input.title,
            planned: &input.planned_on,
            status: &input.status,
            done: &done,
        },
    )
    .await?;
    created_view(&state, &tenant, (principal.user_id, principal.role), project).await
}

async fn created_view(
    state: &AppState,
    tenant: &Tenant,
    who: (UserId, Role),
    project: i64,
) -> Result<Response, WebError> {
    let v = joint_projects::view(&state.platform, tenant.tenant_id(), project, Some(who)).await?;
    let location = format!("/api/v1/{}/projects/{project}", tenant.slug);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view_json(&v))).into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProjectMilestoneBody {
    /// planned, in_progress, done or delayed.
    #[serde(default)]
    status: String,
    /// YYYY-MM-DD (done without a day: today).
    #[serde(default)]
    done_on: Option<String>,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/milestones/{milestone}", tag = "projects", params(("tenant" = String, Path, description = "the municipality's slug"), ("milestone" = i64, Path)), request_body = ProjectMilestoneBody, responses((status = 200, description = "the milestone as it is now", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn set_milestone(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    Path((_, milestone)): Path<(String, String)>,
    ApiJson(input): ApiJson<ProjectMilestoneBody>,
) -> Result<Json<Value>, WebError> {
    let m = joint_projects::set_milestone(
        &state.platform,
        tenant.tenant_id(),
        principal.role,
        id(&milestone)?,
        &input.status,
        input.done_on.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(Json(milestone_json(&m)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProjectUpdateNew {
    /// What happened (10 to 10,000 characters).
    #[serde(default)]
    body: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/projects/{joint_project}/updates", tag = "projects", params(("tenant" = String, Path, description = "the municipality's slug"), ("joint_project" = i64, Path)), request_body = ProjectUpdateNew, responses((status = 201, description = "the project with the update", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn add_update(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    Path((_, project)): Path<(String, String)>,
    ApiJson(input): ApiJson<ProjectUpdateNew>,
) -> Result<Response, WebError> {
    let project = id(&project)?;
    joint_projects::add_update(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        principal.role,
        project,
        &input.body,
    )
    .await?;
    created_view(&state, &tenant, (principal.user_id, principal.role), project).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct VolunteerTaskNew {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    /// YYYY-MM-DD, optional.
    #[serde(default)]
    day: Option<String>,
    /// How many people it needs (1 to 10,000).
    #[serde(default)]
    capacity: i64,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/projects/{joint_project}/tasks", tag = "projects", params(("tenant" = String, Path, description = "the municipality's slug"), ("joint_project" = i64, Path)), request_body = VolunteerTaskNew, responses((status = 201, description = "the project with the task", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn add_task(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    Path((_, project)): Path<(String, String)>,
    ApiJson(input): ApiJson<VolunteerTaskNew>,
) -> Result<Response, WebError> {
    let project = id(&project)?;
    let day = input.day.unwrap_or_default();
    joint_projects::add_task(
        &state.platform,
        tenant.tenant_id(),
        principal.role,
        project,
        &TaskInput {
            title: &input.title,
            description: &input.description,
            day: &day,
            capacity: input.capacity,
        },
    )
    .await?;
    created_view(&state, &tenant, (principal.user_id, principal.role), project).await
}

#[utoipa::path(put, path = "/api/v1/{tenant}/tasks/{task}/signup", tag = "projects", params(("tenant" = String, Path, description = "the municipality's slug"), ("task" = i64, Path)), responses((status = 201, description = "signed up; the task as it is now", body = serde_json::Value), (status = 200, description = "signed up already: no change", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the task is full, or the project is over", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn sign_up(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, task)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (done, t) = joint_projects::sign_up(&state.platform, tenant.tenant_id(), principal.user_id, id(&task)?).await?;
    let status = if done { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(task_json(&t, &[t.id]))).into_response())
}

#[utoipa::path(delete, path = "/api/v1/{tenant}/tasks/{task}/signup", tag = "projects", params(("tenant" = String, Path, description = "the municipality's slug"), ("task" = i64, Path)), responses((status = 200, description = "the sign-up cancelled (none: no change); the task as it is now", body = serde_json::Value), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "CSRF token missing", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "the project is over", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, task)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let t = joint_projects::cancel(&state.platform, tenant.tenant_id(), principal.user_id, id(&task)?).await?;
    Ok(Json(task_json(&t, &[])))
}
