//! `/{tenant}/projects`: the accountability page (every joint project and
//! funded budget project, by status, a page at a time) and a joint
//! project's page (goal, department, money, dates, milestones as a
//! timeline, progress updates, volunteer tasks with sign-up and cancel);
//! officials start a project from the space page and keep it current on
//! its page. All plain forms.

use super::register::localised;
use super::{Layout, render};
use crate::auth::{MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{CsrfForm, Officials, Path as TypedPath, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::AppError;
use civic_app::joint_projects::{self, MilestoneInput, ProjectInput, ProjectView, TaskInput, Tracked};
use civic_core::SpaceId;
use civic_core::joint_projects::{JointProject, MilestoneStatus, ProjectStatus};
use civic_core::user::Principal;
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/projects", get(list))
        .route("/{tenant}/spaces/{space}/projects/new", get(new_form).post(create))
        .route("/{tenant}/projects/{joint_project}", get(show))
        .route("/{tenant}/projects/{joint_project}/status", post(status))
        .route("/{tenant}/projects/{joint_project}/milestones", post(add_milestone))
        .route("/{tenant}/projects/{joint_project}/updates", post(add_update))
        .route("/{tenant}/projects/{joint_project}/tasks", post(add_task))
        .route("/{tenant}/milestones/{milestone}", post(set_milestone))
        .route("/{tenant}/tasks/{task}/signup", post(sign_up))
}

type Fields = Vec<(String, String)>;
use super::contests::field;

fn status_key(s: ProjectStatus) -> &'static str {
    match s {
        ProjectStatus::Planned => "project-status-planned",
        ProjectStatus::InProgress => "project-status-in_progress",
        ProjectStatus::Completed => "project-status-completed",
        ProjectStatus::Cancelled => "project-status-cancelled",
    }
}

fn milestone_key(s: MilestoneStatus) -> &'static str {
    match s {
        MilestoneStatus::Planned => "milestone-status-planned",
        MilestoneStatus::InProgress => "milestone-status-in_progress",
        MilestoneStatus::Done => "milestone-status-done",
        MilestoneStatus::Delayed => "milestone-status-delayed",
    }
}

/// An entry of the accountability list.
pub struct TrackedCard {
    pub href: String,
    pub title: String,
    /// "project-kind-joint" / "project-kind-budget".
    pub kind_key: &'static str,
    pub status: &'static str,
    pub status_key: &'static str,
    /// "3 of 5 milestones", or the budget's note.
    pub detail: String,
    pub progress: Option<i64>,
}

fn tracked_card(shell: &Layout, slug: &str, t: &Tracked) -> TrackedCard {
    let status = t.status();
    match t {
        Tracked::Joint(p) => TrackedCard {
            href: format!("/{slug}/projects/{}", p.id),
            title: p.title.clone(),
            kind_key: "project-kind-joint",
            status: status.as_str(),
            status_key: status_key(status),
            detail: if p.milestone_count > 0 {
                shell.i.with_args(
                    "project-milestones-done",
                    &fluent_args(&[("done", p.milestones_done), ("count", p.milestone_count)]),
                )
            } else {
                p.department.clone()
            },
            progress: p.progress(),
        },
        Tracked::Budget(p) => TrackedCard {
            href: format!("/{slug}/budget-projects/{}", p.id),
            title: p.title.clone(),
            kind_key: "project-kind-budget",
            status: status.as_str(),
            status_key: status_key(status),
            detail: p.implementation_note.clone().unwrap_or_default(),
            progress: None,
        },
    }
}

fn fluent_args<'a>(pairs: &[(&'a str, i64)]) -> fluent_bundle::FluentArgs<'a> {
    let mut args = fluent_bundle::FluentArgs::new();
    for (k, v) in pairs {
        args.set(*k, fluent_bundle::FluentValue::from(*v));
    }
    args
}

#[derive(Template)]
#[template(path = "projects.html")]
struct ProjectsPage {
    shell: Layout,
    slug: String,
    cards: Vec<TrackedCard>,
    /// (value, message key) of each status; what is chosen.
    statuses: Vec<(&'static str, &'static str)>,
    status: String,
    next_link: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    status: Option<String>,
    cursor: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, WebError> {
    let role = user.0.as_ref().map(|(p, _)| p.role);
    let page = joint_projects::list(
        &state.platform,
        tenant.tenant_id(),
        q.status.as_deref(),
        q.cursor.as_deref(),
        role,
    )
    .await?;
    let status = q.status.clone().unwrap_or_default().trim().to_string();
    let next_link = page.next_cursor.as_ref().map(|c| {
        let mut link = format!("/{}/projects?cursor={c}", tenant.slug);
        if !status.is_empty() {
            link.push_str(&format!("&status={status}"));
        }
        link
    });
    let title = shell.i.t("projects-title");
    render(&ProjectsPage {
        slug: tenant.slug.clone(),
        cards: page
            .items
            .iter()
            .map(|t| tracked_card(&shell, &tenant.slug, t))
            .collect(),
        statuses: ProjectStatus::ALL
            .iter()
            .map(|s| (s.as_str(), status_key(*s)))
            .collect(),
        status,
        next_link,
        shell: shell.titled(title),
    })
}

/// A milestone as the timeline shows it.
pub struct MilestoneItem {
    pub id: i64,
    pub title: String,
    pub planned: String,
    pub done: Option<String>,
    pub status: &'static str,
    pub status_key: &'static str,
}

/// A volunteer task as the page shows it.
pub struct TaskItem {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub day: Option<String>,
    pub capacity: i64,
    pub taken: i64,
    pub full: bool,
    pub mine: bool,
    /// The volunteers' names (officials only).
    pub volunteers: Vec<String>,
}

pub struct UpdateItem {
    pub body: String,
    pub author: String,
    pub date: String,
}

#[derive(Template)]
#[template(path = "project.html")]
struct ProjectPage {
    shell: Layout,
    slug: String,
    p: JointProject,
    goal_html: String,
    status_key: &'static str,
    /// Where it came from: (message key, link).
    origin: Option<(&'static str, String)>,
    budget: Option<String>,
    spent: Option<String>,
    starts: Option<String>,
    ends: Option<String>,
    milestones: Vec<MilestoneItem>,
    updates: Vec<UpdateItem>,
    tasks: Vec<TaskItem>,
    open: bool,
    manages: bool,
    statuses: Vec<(&'static str, &'static str)>,
    milestone_statuses: Vec<(&'static str, &'static str)>,
    csrf: String,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    form: String,
}

impl ProjectPage {
    fn form_error(&self, form: &str) -> Option<&str> {
        (self.form == form)
            .then(|| self.errors.first().map(|(_, m)| m.as_str()))
            .flatten()
    }
}

const NOTICES: [(&str, &str); 7] = [
    ("created", "project-notice-created"),
    ("status", "project-notice-saved"),
    ("milestone", "project-notice-saved"),
    ("update", "project-notice-saved"),
    ("task", "project-notice-saved"),
    ("signed_up", "project-notice-signed-up"),
    ("cancelled", "project-notice-cancelled"),
];

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
}

fn money(shell: &Layout, amount: i64) -> String {
    shell.i.with("budget-money", "amount", &shell.i.number(amount as f64))
}

async fn project_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: Option<&Principal>,
    project: i64,
    notice: Option<String>,
    refused: Option<(String, Vec<(String, String)>)>,
) -> Result<Html<String>, WebError> {
    let who = principal.map(|p| (p.user_id, p.role));
    let v: ProjectView = joint_projects::view(&state.platform, tenant.tenant_id(), project, who).await?;
    let p = v.project.clone();
    let slug = tenant.slug.clone();
    let origin = match (p.origin_kind, p.origin_id) {
        (civic_core::joint_projects::Origin::Submission, Some(id)) => {
            let contest = civic_app::contests::submissions_contest(&state.platform, tenant.tenant_id(), id)
                .await
                .unwrap_or(0);
            Some((
                "project-origin-submission",
                format!("/{slug}/contests/{contest}/results"),
            ))
        }
        (civic_core::joint_projects::Origin::Idea, Some(id)) => {
            Some(("project-origin-idea", format!("/{slug}/ideas/{id}")))
        }
        (civic_core::joint_projects::Origin::BudgetProject, Some(id)) => {
            Some(("project-origin-budget", format!("/{slug}/budget-projects/{id}")))
        }
        _ => None,
    };
    let milestones = v
        .milestones
        .iter()
        .map(|m| MilestoneItem {
            id: m.id,
            title: m.title.clone(),
            planned: shell.i.date(m.planned_at),
            done: m.done_at.map(|d| shell.i.date(d)),
            status: m.status.as_str(),
            status_key: milestone_key(m.status),
        })
        .collect();
    let updates = v
        .updates
        .iter()
        .map(|u| UpdateItem {
            body: u.body.clone(),
            author: u.author_name.clone().unwrap_or_else(|| shell.i.t("project-city")),
            date: shell.i.date(u.created_at),
        })
        .collect();
    let tasks = v
        .tasks
        .iter()
        .map(|t| TaskItem {
            id: t.id,
            title: t.title.clone(),
            description: t.description.clone(),
            day: t.happens_at.map(|d| shell.i.date(d)),
            capacity: t.capacity,
            taken: t.taken,
            full: t.full(),
            mine: v.mine.contains(&t.id),
            volunteers: v
                .volunteers
                .iter()
                .filter(|(task, _)| *task == t.id)
                .map(|(_, n)| n.clone())
                .collect(),
        })
        .collect();
    let title = p.title.clone();
    let shell = shell
        .titled_form(title, refused.is_some(), "project-error-prefix")
        .described(&p.goal);
    let (form, errors) = refused.unwrap_or_default();
    render(&ProjectPage {
        goal_html: crate::markdown::to_safe_html(&p.goal),
        status_key: status_key(p.status),
        origin,
        budget: p.budget.map(|b| money(&shell, b)),
        spent: p.spent.map(|b| money(&shell, b)),
        starts: p.starts_at.map(|d| shell.i.date(d)),
        ends: p.ends_at.map(|d| shell.i.date(d - 1)),
        milestones,
        updates,
        tasks,
        open: !matches!(p.status, ProjectStatus::Completed | ProjectStatus::Cancelled),
        manages: principal.is_some_and(|x| joint_projects::may_manage(x.role)),
        statuses: ProjectStatus::ALL
            .iter()
            .map(|s| (s.as_str(), status_key(*s)))
            .collect(),
        milestone_statuses: MilestoneStatus::ALL
            .iter()
            .map(|s| (s.as_str(), milestone_key(*s)))
            .collect(),
        csrf: principal.map(|x| x.csrf_token.clone()).unwrap_or_default(),
        notice,
        errors,
        form,
        p,
        slug,
        shell,
    })
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, project)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let notice = query
        .done
        .as_deref()
        .and_then(|d| NOTICES.iter().find(|(k, _)| *k == d))
        .map(|(_, key)| shell.i.t(key));
    let principal = user.0.as_ref().map(|(p, _)| p);
    project_page(&state, &tenant, shell, principal, id(&project)?, notice, None).await
}

fn to_project(slug: &str, project: i64, done: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/{slug}/projects/{project}?done={done}#{anchor}")).into_response()
}

/// The page again with a refused form's problems (422), or the error.
async fn refused(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    project: i64,
    e: AppError,
    form: &str,
) -> Result<Response, WebError> {
    match e.problems() {
        Some(p) => {
            let errors = p
                .iter()
                .map(|i| (form.to_string(), localised(&shell, i.code, &i.message)))
                .collect();
            let html = project_page(
                state,
                tenant,
                shell,
                Some(principal),
                project,
                None,
                Some((form.to_string(), errors)),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        None => Err(e.into()),
    }
}

pub async fn status(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, project)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let project = id(&project)?;
    match joint_projects::set_status(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        project,
        field(&fields, "status"),
        field(&fields, "spent"),
    )
    .await
    {
        Ok(()) => Ok(to_project(&tenant.slug, project, "status", "manage")),
        Err(e) => refused(&state, &tenant, shell, &principal, project, e, "project-status").await,
    }
}

pub async fn add_milestone(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    Path((_, project)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let project = id(&project)?;
    let input = MilestoneInput {
        title: field(&fields, "title"),
        planned: field(&fields, "planned_on"),
        status: field(&fields, "status"),
        done: field(&fields, "done_on"),
    };
    match joint_projects::add_milestone(&state.platform, tenant.tenant_id(), principal.role, project, &input).await {
        Ok(_) => Ok(to_project(&tenant.slug, project, "milestone", "milestones")),
        Err(e) => refused(&state, &tenant, shell, &principal, project, e, "add-milestone").await,
    }
}

pub async fn set_milestone(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    Path((_, milestone)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let m = joint_projects::set_milestone(
        &state.platform,
        tenant.tenant_id(),
        principal.role,
        id(&milestone)?,
        field(&fields, "status"),
        field(&fields, "done_on"),
    )
    .await?;
    Ok(to_project(
        &tenant.slug,
        m.project_id,
        "milestone",
        &format!("milestone-{}", m.id),
    ))
}

pub async fn add_update(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    Path((_, project)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let project = id(&project)?;
    match joint_projects::add_update(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        principal.role,
        project,
        field(&fields, "body"),
    )
    .await
    {
        Ok(_) => Ok(to_project(&tenant.slug, project, "update", "updates")),
        Err(e) => refused(&state, &tenant, shell, &principal, project, e, "add-update").await,
    }
}

pub async fn add_task(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    Path((_, project)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let project = id(&project)?;
    let input = TaskInput {
        title: field(&fields, "title"),
        description: field(&fields, "description"),
        day: field(&fields, "day"),
        capacity: field(&fields, "capacity").trim().parse::<i64>().unwrap_or(0),
    };
    match joint_projects::add_task(&state.platform, tenant.tenant_id(), principal.role, project, &input).await {
        Ok(_) => Ok(to_project(&tenant.slug, project, "task", "tasks")),
        Err(e) => refused(&state, &tenant, shell, &principal, project, e, "add-task").await,
    }
}

pub async fn sign_up(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, task)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let Some((principal, _)) = user.0.as_ref() else {
        return Err(WebError::Unauthorized);
    };
    let t = tenant.tenant_id();
    let task = id(&task)?;
    let (done, task) = if field(&fields, "action") == "cancel" {
        (
            "cancelled",
            joint_projects::cancel(&state.platform, t, principal.user_id, task).await?,
        )
    } else {
        (
            "signed_up",
            joint_projects::sign_up(&state.platform, t, principal.user_id, task)
                .await?
                .1,
        )
    };
    Ok(to_project(
        &tenant.slug,
        task.project_id,
        done,
        &format!("task-{}", task.id),
    ))
}

#[derive(Template)]
#[template(path = "project_form.html")]
struct ProjectFormPage {
    shell: Layout,
    slug: String,
    space_id: i64,
    csrf: String,
    form: ProjectInput,
    origin_id: String,
    origins: Vec<(&'static str, &'static str)>,
    errors: Vec<(String, String)>,
}

impl ProjectFormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

fn project_form(
    shell: Layout,
    slug: &str,
    space: SpaceId,
    csrf: &str,
    form: ProjectInput,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("project-new-title");
    let shell = shell.titled_form(title, !errors.is_empty(), "project-error-prefix");
    render(&ProjectFormPage {
        slug: slug.to_string(),
        space_id: space.0,
        csrf: csrf.to_string(),
        origin_id: form.origin_id.map(|i| i.to_string()).unwrap_or_default(),
        origins: vec![
            ("scratch", "project-origin-kind-scratch"),
            ("submission", "project-origin-kind-submission"),
            ("idea", "project-origin-kind-idea"),
            ("budget_project", "project-origin-kind-budget_project"),
        ],
        form,
        errors,
        shell,
    })
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    origin_kind: Option<String>,
    origin_id: Option<i64>,
    title: Option<String>,
}

pub async fn new_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    TypedPath((_, space)): TypedPath<(String, SpaceId)>,
    Query(q): Query<NewQuery>,
) -> Result<Html<String>, WebError> {
    civic_app::contests::setting_up_in(&state.platform, tenant.tenant_id(), space).await?;
    let form = ProjectInput {
        origin_kind: q.origin_kind.unwrap_or_default().chars().take(20).collect(),
        origin_id: q.origin_id,
        title: q.title.unwrap_or_default().chars().take(200).collect(),
        ..ProjectInput::default()
    };
    project_form(shell, &tenant.slug, space, &principal.csrf_token, form, Vec::new())
}

pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    TypedPath((_, space)): TypedPath<(String, SpaceId)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let cut = |name: &str, n: usize| field(&fields, name).chars().take(n).collect::<String>();
    let input = ProjectInput {
        title: cut("title", 400),
        goal: cut("goal", 22_000),
        department: cut("department", 400),
        budget: cut("budget", 30),
        starts: cut("starts_on", 12),
        ends: cut("ends_on", 12),
        location: cut("location", 400),
        status: cut("status", 20),
        origin_kind: cut("origin_kind", 20),
        origin_id: field(&fields, "origin_id").trim().parse::<i64>().ok(),
    };
    match joint_projects::create(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        space,
        &input,
    )
    .await
    {
        Ok(id) => Ok(to_project(&tenant.slug, id, "created", "main")),
        Err(e) => match e.problems() {
            Some(p) => {
                let errors = p
                    .iter()
                    .map(|i| (i.field.to_string(), localised(&shell, i.code, &i.message)))
                    .collect();
                let html = project_form(shell, &tenant.slug, space, &principal.csrf_token, input, errors)?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

/// A project as the space page's card shows it.
pub struct ProjectCard {
    pub id: i64,
    pub title: String,
    pub status: &'static str,
    pub status_key: &'static str,
    pub progress: Option<i64>,
}

pub fn project_card(p: &JointProject) -> ProjectCard {
    ProjectCard {
        id: p.id,
        title: p.title.clone(),
        status: p.status.as_str(),
        status_key: status_key(p.status),
        progress: p.progress(),
    }
}
