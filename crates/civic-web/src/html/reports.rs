//! Problem reports as pages, all plain forms: `/{tenant}/reports` (the
//! list with its filters and the statistics per department), the form to
//! report a problem (which first shows the open reports of the same
//! category nearby: "is it one of these?"), a report's page (its history,
//! public replies, "me too", the reporter's confirmation or reopening, and
//! for staff of its department the status, reply and note forms), the
//! department queue with its CSV export, and the administrators' page of
//! departments, members and categories.

use super::form_errors as errors_of;
use super::form_field as field;
use super::{Layout, render};
use crate::auth::{CurrentUser, MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{Admins, AnyStaff, CsrfForm, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::AppError;
use civic_app::reports::{self, CategoryInput, ListParams, ReportInput, ReportView, StatusInput};
use civic_core::reports::{Category, DepartmentStats, Report, ReportStatus};
use civic_core::user::Principal;
use civic_core::{Locale, Timestamp};
use http::{StatusCode, header};
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/reports", get(list).post(create))
        .route("/{tenant}/reports/new", get(new_form))
        .route("/{tenant}/reports/queue", get(queue))
        .route("/{tenant}/reports/queue.csv", get(queue_csv))
        .route("/{tenant}/reports/{report}", get(show))
        .route("/{tenant}/reports/{report}/voice", post(voice))
        .route("/{tenant}/reports/{report}/feedback", post(feedback))
        .route("/{tenant}/reports/{report}/status", post(status))
        .route("/{tenant}/reports/{report}/replies", post(reply))
        .route("/{tenant}/reports/{report}/notes", post(note))
        .route("/{tenant}/admin/reports", get(admin))
        .route("/{tenant}/admin/reports/departments", post(admin_department))
        .route("/{tenant}/admin/reports/members", post(admin_member))
        .route("/{tenant}/admin/reports/categories", post(admin_category))
        .route("/{tenant}/admin/reports/area", post(admin_area))
}

/// A report as a card or a queue row shows it.
pub struct ReportCard {
    pub id: i64,
    pub category: String,
    pub department: String,
    pub excerpt: String,
    pub address: String,
    pub status: &'static str,
    pub status_key: String,
    pub voices: i64,
    pub overdue: i64,
    pub reopened: i64,
    pub created_at: i64,
    pub deadline: String,
}

fn card(shell: &Layout, r: &Report, now: i64) -> ReportCard {
    let excerpt: String = r.body.chars().take(160).collect();
    ReportCard {
        id: r.id,
        category: r.category_name(shell.i.locale).to_string(),
        department: r.department_name.clone(),
        excerpt: if excerpt.len() < r.body.len() {
            format!("{excerpt}…")
        } else {
            excerpt
        },
        address: r.address.clone(),
        status: r.status.as_str(),
        status_key: format!("report-status-{}", r.status.as_str()),
        voices: r.voices,
        overdue: r.days_overdue(now),
        reopened: r.reopened,
        created_at: r.created_at,
        deadline: shell.i.date(r.deadline_at),
    }
}

fn category_options(categories: &[Category], locale: Locale) -> Vec<(i64, String)> {
    categories
        .iter()
        .map(|c| (c.id, format!("{} ({})", c.name(locale), c.department_name)))
        .collect()
}

fn status_options() -> Vec<(&'static str, String)> {
    ReportStatus::ALL
        .iter()
        .filter(|s| **s != ReportStatus::NotOurs)
        .map(|s| (s.as_str(), format!("report-status-{}", s.as_str())))
        .collect()
}

// ---------------------------------------------------------------------------
// The list

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage {
    shell: Layout,
    slug: String,
    cards: Vec<ReportCard>,
    statuses: Vec<(&'static str, String)>,
    categories: Vec<(i64, String)>,
    status: String,
    category: String,
    next_link: Option<String>,
    stats: Vec<DepartmentStats>,
    staff: bool,
    admin: bool,
    /// The map above the list (issue 20): where it opens, the filters for
    /// its data, and every status's word for its markers.
    map: super::maps::MapSetup,
    status_query: String,
    category_query: String,
    map_statuses: Vec<(&'static str, String)>,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    status: Option<String>,
    category: Option<String>,
    cursor: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let page = reports::list(
        &state.platform,
        t,
        &ListParams {
            status: q.status.as_deref(),
            category: q.category.as_deref(),
            bbox: None,
            cursor: q.cursor.as_deref(),
        },
    )
    .await?;
    let now = Timestamp::now().0;
    let status = q.status.unwrap_or_default();
    let category = q.category.unwrap_or_default();
    let next_link = page.next_cursor.as_ref().map(|c| {
        format!(
            "/{}/reports?status={}&category={}&cursor={c}",
            tenant.slug,
            urlencoding(&status),
            urlencoding(&category)
        )
    });
    let role = user.0.as_ref().map(|(p, _)| p.role);
    let title = shell.i.t("reports-title");
    let shell = shell.titled(title).with_map();
    render(&ReportsPage {
        map: super::maps::setup(&state, &tenant).await?,
        status_query: urlencoding(&status),
        category_query: urlencoding(&category),
        map_statuses: ReportStatus::ALL
            .iter()
            .map(|s| (s.as_str(), format!("report-status-{}", s.as_str())))
            .collect(),
        slug: tenant.slug.clone(),
        cards: page.items.iter().map(|r| card(&shell, r, now)).collect(),
        statuses: status_options(),
        categories: category_options(&reports::categories(&state.platform, t).await?, shell.i.locale),
        status,
        category,
        next_link,
        stats: reports::stats(&state.platform, t).await?,
        staff: role.is_some_and(civic_core::reports::is_staff),
        admin: role.is_some_and(civic_core::reports::may_configure),
        shell,
    })
}

/// A filter value for a link: only digits, letters and `_` are kept (the
/// values are ids and status names).
fn urlencoding(raw: &str) -> String {
    raw.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

// ---------------------------------------------------------------------------
// Reporting a problem

/// An open report near the place given, for "is it one of these?".
pub struct NearbyItem {
    pub card: ReportCard,
    pub metres: i64,
}

#[derive(Template)]
#[template(path = "report_new.html")]
struct ReportFormPage {
    shell: Layout,
    slug: String,
    csrf: String,
    form: ReportInput,
    categories: Vec<(i64, String)>,
    errors: Vec<(String, String)>,
    nearby: Vec<NearbyItem>,
    /// The location picker (issue 20): where its map opens.
    map: super::maps::MapSetup,
}

impl ReportFormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

async fn report_form(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    form: ReportInput,
    errors: Vec<(String, String)>,
    nearby: Vec<NearbyItem>,
) -> Result<Html<String>, WebError> {
    let categories = reports::categories(&state.platform, tenant.tenant_id()).await?;
    let title = if nearby.is_empty() {
        shell.i.t("report-new-title")
    } else {
        shell.i.t("report-nearby-title")
    };
    let shell = shell
        .titled_form(title, !errors.is_empty(), "report-error-prefix")
        .with_map();
    render(&ReportFormPage {
        map: super::maps::setup(state, tenant).await?,
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        categories: category_options(&categories, shell.i.locale),
        form,
        errors,
        nearby,
        shell,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
) -> Result<Html<String>, WebError> {
    report_form(
        &state,
        &tenant,
        shell,
        &principal,
        ReportInput::default(),
        Vec::new(),
        Vec::new(),
    )
    .await
}

/// Sends a report. The first time, when the place is a point and open
/// reports of the same category are within 200 m, the form comes back with
/// them ("is it one of these?"); sent again with `step=new`, it is stored.
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let cut = |name: &str, n: usize| field(&fields, name).chars().take(n).collect::<String>();
    let form = ReportInput {
        category: cut("category", 20),
        body: cut("body", 2_100),
        address: cut("address", 210),
        lat: cut("lat", 30),
        lon: cut("lon", 30),
        anonymous: field(&fields, "anonymous") == "1",
    };
    let checked = match reports::check(&state.platform, t, &form).await {
        Ok(c) => c,
        Err(e) => return refused_form(&state, &tenant, shell, &principal, form, e).await,
    };
    if field(&fields, "step") != "new"
        && let Some(point) = checked.point
    {
        let now = Timestamp::now().0;
        let nearby: Vec<NearbyItem> = reports::nearby(&state.platform, t, checked.category.id, point)
            .await?
            .iter()
            .map(|(r, metres)| NearbyItem {
                card: card(&shell, r, now),
                metres: *metres,
            })
            .collect();
        if !nearby.is_empty() {
            return Ok(
                report_form(&state, &tenant, shell, &principal, form, Vec::new(), nearby)
                    .await?
                    .into_response(),
            );
        }
    }
    match reports::submit(&state.platform, t, principal.user_id, &checked).await {
        Ok(id) => Ok(to_report(&tenant.slug, id, "sent")),
        Err(e) => refused_form(&state, &tenant, shell, &principal, form, e).await,
    }
}

async fn refused_form(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    form: ReportInput,
    e: AppError,
) -> Result<Response, WebError> {
    match errors_of(&shell, &e) {
        Some(errors) => {
            let html = report_form(state, tenant, shell, principal, form, errors, Vec::new()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        None => Err(e.into()),
    }
}

fn to_report(slug: &str, report: i64, done: &str) -> Response {
    Redirect::to(&format!("/{slug}/reports/{report}?done={done}#main")).into_response()
}

// ---------------------------------------------------------------------------
// A report's page

/// A step of the history as the page shows it.
pub struct EventItem {
    /// "report-event-status", "report-event-reply"…
    pub kind_key: String,
    pub status_key: Option<String>,
    pub body: String,
    pub actor: Option<String>,
    pub note: bool,
    pub at: i64,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    shell: Layout,
    slug: String,
    csrf: String,
    v: ReportView,
    category: String,
    card: ReportCard,
    author: Option<String>,
    map_link: Option<String>,
    coordinates: Option<String>,
    history: Vec<EventItem>,
    moves: Vec<(&'static str, String)>,
    categories: Vec<(i64, String)>,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    /// The form that was refused and what was typed in it.
    draft: (String, String),
}

impl ReportPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    fn typed(&self, form: &str) -> &str {
        if self.draft.0 == form { &self.draft.1 } else { "" }
    }
}

const NOTICES: [(&str, &str); 11] = [
    ("followed", "follow-done-on"),
    ("unfollowed", "follow-done-off"),
    ("flagged", "flag-notice"),
    ("sent", "report-notice-sent"),
    ("voice", "report-notice-voice"),
    ("confirmed", "report-notice-confirmed"),
    ("reopened", "report-notice-reopened"),
    ("status", "report-notice-status"),
    ("reply", "report-notice-reply"),
    ("note", "report-notice-note"),
    ("voice-again", "report-notice-voice-again"),
];

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
}

struct Refused {
    errors: Vec<(String, String)>,
    draft: (String, String),
}

async fn report_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: Option<&Principal>,
    report: i64,
    notice: Option<String>,
    refused: Option<Refused>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let v = reports::view(&state.platform, t, report, principal.map(|p| (p.user_id, p.role))).await?;
    let now = Timestamp::now().0;
    let r = &v.report;
    let card = card(&shell, r, now);
    let author = if v.staff {
        r.author_name.clone()
    } else {
        r.public_author().map(str::to_string)
    };
    let history = v
        .events
        .iter()
        .map(|e| EventItem {
            kind_key: format!("report-event-{}", e.kind.as_str()),
            status_key: e.status.as_ref().map(|s| format!("report-status-{s}")),
            body: e.body.clone(),
            actor: if v.staff { e.actor_name.clone() } else { None },
            note: e.public == 0,
            at: e.created_at,
        })
        .collect();
    let categories = if v.handles {
        category_options(&reports::categories(&state.platform, t).await?, shell.i.locale)
            .into_iter()
            .filter(|(id, _)| *id != r.category_id)
            .collect()
    } else {
        Vec::new()
    };
    let category = r.category_name(shell.i.locale).to_string();
    let title = shell.i.with("report-title", "category", &category);
    let shell = shell
        .titled_form(title, refused.is_some(), "report-error-prefix")
        .described(&r.body);
    let (errors, draft) = refused.map_or((Vec::new(), (String::new(), String::new())), |r| (r.errors, r.draft));
    render(&ReportPage {
        slug: tenant.slug.clone(),
        csrf: principal.map(|p| p.csrf_token.clone()).unwrap_or_default(),
        category,
        author,
        map_link: r.point().map(|p| {
            format!(
                "https://www.openstreetmap.org/?mlat={:.6}&mlon={:.6}#map=18/{:.6}/{:.6}",
                p.lat(),
                p.lon(),
                p.lat(),
                p.lon()
            )
        }),
        coordinates: r.point().map(|p| format!("{:.6}, {:.6}", p.lat(), p.lon())),
        history,
        moves: ReportStatus::STAFF_MOVES
            .iter()
            .filter(|s| r.status.may_move_to(**s))
            .map(|s| (s.as_str(), format!("report-move-{}", s.as_str())))
            .collect(),
        categories,
        notice,
        errors,
        draft,
        card,
        v,
        shell,
    })
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, report)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let notice = query
        .done
        .as_deref()
        .and_then(|d| NOTICES.iter().find(|(k, _)| *k == d))
        .map(|(_, key)| shell.i.t(key));
    let principal = user.0.as_ref().map(|(p, _)| p);
    report_page(&state, &tenant, shell, principal, id(&report)?, notice, None).await
}

/// Renders the page again with a refused form's problems (422), or passes
/// any other error on.
#[allow(clippy::too_many_arguments)]
async fn refused(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    report: i64,
    e: AppError,
    form: &str,
    typed: &str,
) -> Result<Response, WebError> {
    match errors_of(&shell, &e) {
        Some(errors) => {
            let errors = errors.into_iter().map(|(f, m)| (format!("{form}-{f}"), m)).collect();
            let draft = (form.to_string(), typed.chars().take(2_000).collect());
            let html = report_page(
                state,
                tenant,
                shell,
                Some(principal),
                report,
                None,
                Some(Refused { errors, draft }),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        None => Err(e.into()),
    }
}

pub async fn voice(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, report)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let report = id(&report)?;
    let (_, added) = reports::add_voice(&state.platform, tenant.tenant_id(), principal.user_id, report).await?;
    Ok(to_report(
        &tenant.slug,
        report,
        if added { "voice" } else { "voice-again" },
    ))
}

pub async fn feedback(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Path((_, report)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let report = id(&report)?;
    let reopen = reports::feedback_action(field(&fields, "action"))?;
    let body = field(&fields, "body");
    match reports::feedback(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        report,
        reopen,
        body,
    )
    .await
    {
        Ok(_) => Ok(to_report(
            &tenant.slug,
            report,
            if reopen { "reopened" } else { "confirmed" },
        )),
        Err(e) => refused(&state, &tenant, shell, &principal, report, e, "feedback", body).await,
    }
}

pub async fn status(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<AnyStaff>,
    address: ClientAddress,
    Path((_, report)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let report = id(&report)?;
    let input = StatusInput {
        status: field(&fields, "status").to_string(),
        reason: field(&fields, "reason").to_string(),
        category: field(&fields, "category").to_string(),
    };
    match reports::change_status(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.user_id,
        principal.role,
        report,
        &input,
    )
    .await
    {
        Ok(_) => Ok(to_report(&tenant.slug, report, "status")),
        Err(e) => refused(&state, &tenant, shell, &principal, report, e, "status", &input.reason).await,
    }
}

pub async fn reply(
    state: State<AppState>,
    tenant: Tenant,
    shell: Layout,
    staff: Staff<AnyStaff>,
    path: Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    answer(state, tenant, shell, staff, path, field(&fields, "body"), true).await
}

pub async fn note(
    state: State<AppState>,
    tenant: Tenant,
    shell: Layout,
    staff: Staff<AnyStaff>,
    path: Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    answer(state, tenant, shell, staff, path, field(&fields, "body"), false).await
}

async fn answer(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<AnyStaff>,
    Path((_, report)): Path<(String, String)>,
    body: &str,
    public: bool,
) -> Result<Response, WebError> {
    let report = id(&report)?;
    let form = if public { "reply" } else { "note" };
    match reports::answer(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        principal.role,
        report,
        body,
        public,
    )
    .await
    {
        Ok(_) => Ok(to_report(&tenant.slug, report, form)),
        Err(e) => refused(&state, &tenant, shell, &principal, report, e, form, body).await,
    }
}

// ---------------------------------------------------------------------------
// The department queue

#[derive(Template)]
#[template(path = "report_queue.html")]
struct QueuePage {
    shell: Layout,
    slug: String,
    rows: Vec<ReportCard>,
    /// The viewer is in no department (and not an administrator).
    no_department: bool,
}

pub async fn queue(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<AnyStaff>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let items = reports::queue(&state.platform, t, principal.user_id, principal.role).await?;
    let no_department = principal.role != civic_core::Role::Admin
        && reports::departments_of(&state.platform, t, principal.user_id)
            .await?
            .is_empty();
    let now = Timestamp::now().0;
    let title = shell.i.t("report-queue-title");
    let shell = shell.titled(title);
    render(&QueuePage {
        slug: tenant.slug.clone(),
        rows: items.iter().map(|r| card(&shell, r, now)).collect(),
        no_department,
        shell,
    })
}

pub async fn queue_csv(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<AnyStaff>,
) -> Result<Response, WebError> {
    let items = reports::queue(&state.platform, tenant.tenant_id(), principal.user_id, principal.role).await?;
    let now = Timestamp::now().0;
    let csv = super::spaces::csv_field;
    let mut bytes = String::from(
        "id,category,department,status,received,deadline,days_overdue,voices,reopened,address,lat,lon,description\r\n",
    );
    for r in &items {
        let point = r.point();
        let row = [
            r.id.to_string(),
            csv(&r.category_uk),
            csv(&r.department_name),
            r.status.as_str().to_string(),
            Timestamp(r.created_at).iso_date(),
            Timestamp(r.deadline_at).iso_date(),
            r.days_overdue(now).to_string(),
            r.voices.to_string(),
            r.reopened.to_string(),
            csv(&r.address),
            point.map(|p| format!("{:.6}", p.lat())).unwrap_or_default(),
            point.map(|p| format!("{:.6}", p.lon())).unwrap_or_default(),
            csv(&r.body),
        ];
        bytes.push_str(&row.join(","));
        bytes.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"report-queue.csv\"".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}

// ---------------------------------------------------------------------------
// Administration: departments, members, categories

pub struct DepartmentItem {
    pub id: i64,
    pub name: String,
    pub members: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin_reports.html")]
struct AdminPage {
    shell: Layout,
    slug: String,
    csrf: String,
    departments: Vec<DepartmentItem>,
    categories: Vec<Category>,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    form: CategoryInput,
    typed_department: String,
    typed_email: String,
    /// The area as the form shows it (`minLon,minLat,maxLon,maxLat`).
    typed_area: String,
}

impl AdminPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    fn category_name<'a>(&self, c: &'a Category) -> &'a str {
        c.name(self.shell.i.locale)
    }
}

#[derive(Default)]
struct AdminTyped {
    errors: Vec<(String, String)>,
    form: CategoryInput,
    department: String,
    email: String,
    area: Option<String>,
}

async fn admin_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    notice: Option<String>,
    typed: AdminTyped,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let members = reports::members(&state.platform, t, principal.role).await?;
    let departments = reports::departments(&state.platform, t)
        .await?
        .into_iter()
        .map(|d| DepartmentItem {
            members: members
                .iter()
                .filter(|m| m.department_id == d.id)
                .map(|m| format!("{} <{}>", m.display_name, m.email))
                .collect(),
            id: d.id,
            name: d.name,
        })
        .collect();
    let typed_area = match typed.area {
        Some(a) => a,
        None => reports::area(&state.platform, t)
            .await?
            .map(|a| a.to_text())
            .unwrap_or_default(),
    };
    let title = shell.i.t("report-admin-title");
    let shell = shell.titled_form(title, !typed.errors.is_empty(), "report-error-prefix");
    render(&AdminPage {
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        departments,
        categories: reports::categories(&state.platform, t).await?,
        notice,
        errors: typed.errors,
        form: typed.form,
        typed_department: typed.department,
        typed_email: typed.email,
        typed_area,
        shell,
    })
}

pub async fn admin(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let notice = match query.done.as_deref() {
        Some("department") => Some(shell.i.t("report-admin-notice-department")),
        Some("member") => Some(shell.i.t("report-admin-notice-member")),
        Some("category") => Some(shell.i.t("report-admin-notice-category")),
        Some("area") => Some(shell.i.t("report-admin-notice-area")),
        _ => None,
    };
    admin_page(&state, &tenant, shell, &principal, notice, AdminTyped::default()).await
}

async fn admin_done(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    result: Result<(), AppError>,
    done: &str,
    typed: AdminTyped,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/{}/admin/reports?done={done}#main", tenant.slug)).into_response()),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let typed = AdminTyped { errors, ..typed };
                let html = admin_page(state, tenant, shell, principal, None, typed).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

pub async fn admin_department(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let name = field(&fields, "name").chars().take(200).collect::<String>();
    let result = reports::create_department(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        &name,
    )
    .await
    .map(|_| ());
    let typed = AdminTyped {
        department: name,
        ..AdminTyped::default()
    };
    admin_done(&state, &tenant, shell, &principal, result, "department", typed).await
}

pub async fn admin_member(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let department = field(&fields, "department").trim().parse::<i64>().unwrap_or(-1);
    let email = field(&fields, "email").chars().take(300).collect::<String>();
    let result = reports::add_member(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        department,
        &email,
    )
    .await;
    let typed = AdminTyped {
        email,
        ..AdminTyped::default()
    };
    admin_done(&state, &tenant, shell, &principal, result, "member", typed).await
}

pub async fn admin_category(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let cut = |name: &str| field(&fields, name).chars().take(200).collect::<String>();
    let form = CategoryInput {
        name_uk: cut("name_uk"),
        name_en: cut("name_en"),
        department: cut("department"),
        target_days: cut("target_days"),
    };
    let result = reports::create_category(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        &form,
    )
    .await
    .map(|_| ());
    let typed = AdminTyped {
        form,
        ..AdminTyped::default()
    };
    admin_done(&state, &tenant, shell, &principal, result, "category", typed).await
}

pub async fn admin_area(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let area = field(&fields, "area").chars().take(200).collect::<String>();
    let result = reports::set_area(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        &area,
    )
    .await
    .map(|_| ());
    let typed = AdminTyped {
        area: Some(area),
        ..AdminTyped::default()
    };
    admin_done(&state, &tenant, shell, &principal, result, "area", typed).await
}
