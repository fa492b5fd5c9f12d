//! `/{tenant}/admin/…`: the tenant administrators' pages — people and their
//! roles, and the audit log. `Staff<Admins>` refuses everyone else before a
//! handler runs.

use super::register::localised;
use super::{Layout, render};
use crate::api::admin::{AUDIT_PAGE, AuditQuery};
use crate::auth::actor;
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::{Admins, CsrfForm, Path, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::AppError;
use civic_app::audit::AuditEntry;
use civic_core::UserId;
use civic_core::user::User as UserRecord;
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/admin/people", get(people))
        .route("/{tenant}/admin/people/{user}/role", post(set_role))
        .route("/{tenant}/admin/audit", get(audit))
}

const ROLES: [&str; 4] = ["citizen", "moderator", "official", "admin"];

#[derive(Template)]
#[template(path = "admin_people.html")]
struct PeoplePage {
    shell: Layout,
    slug: String,
    csrf: String,
    query: String,
    people: Vec<UserRecord>,
    roles: [&'static str; 4],
    error: Option<String>,
    notice: Option<String>,
    /// "132 people", or how many the search found.
    count: String,
    /// "Page 2 of 3", when there is more than one.
    position: Option<String>,
    previous: Option<String>,
    next: Option<String>,
}

impl PeoplePage {
    fn role_key(&self, role: &str) -> String {
        format!("role-{role}")
    }
}

/// People per page of the list.
const PEOPLE_PAGE: u32 = 50;

#[derive(Deserialize)]
pub struct PeopleQuery {
    q: Option<String>,
    done: Option<String>,
    /// Read as text: anything but a page number shows the first page, and
    /// a page past the last shows the last (a link kept from a longer list).
    page: Option<String>,
}

/// The page asked for; 1 for anything that is not a positive number.
fn page_number(raw: Option<&str>) -> u64 {
    raw.and_then(|p| p.trim().parse::<u64>().ok()).unwrap_or(1).max(1)
}

async fn people_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &civic_core::user::Principal,
    (query, page): (&str, u64),
    error: Option<String>,
    notice: Option<String>,
) -> Result<Html<String>, WebError> {
    let query: String = query.trim().chars().take(100).collect();
    let found = civic_app::roles::people(
        &state.platform,
        tenant.tenant_id(),
        principal.role,
        Some(&query),
        page,
        PEOPLE_PAGE,
    )
    .await?;
    let i = &shell.i;
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("count", found.total);
    args.set("query", query.clone());
    let count = if query.is_empty() {
        i.with_args("admin-people-count", &args)
    } else {
        i.with_args("admin-people-found", &args)
    };
    let position = (found.pages > 1).then(|| {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("page", found.page);
        args.set("pages", found.pages);
        i.with_args("admin-people-position", &args)
    });
    // The links keep the search; page 1 is the list's own address.
    let link = |to: u64| {
        let page = if to > 1 { to.to_string() } else { String::new() };
        let params = url_params(&[("q", &query), ("page", &page)]);
        format!("/{}/admin/people?{}", tenant.slug, params.trim_end_matches('&'))
            .trim_end_matches('?')
            .to_string()
    };
    let previous = (found.page > 1).then(|| link(found.page - 1));
    let next = (found.page < found.pages).then(|| link(found.page + 1));
    // Later pages name their place in the title (each page's title is its
    // own); the list's own address keeps the plain title, equal to its h1.
    let title = if found.page > 1 {
        format!(
            "{} ({})",
            i.t("admin-people-title"),
            position.as_deref().unwrap_or_default()
        )
    } else {
        i.t("admin-people-title")
    };
    render(&PeoplePage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        query,
        people: found.people,
        roles: ROLES,
        error,
        notice,
        count,
        position,
        previous,
        next,
    })
}

pub async fn people(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    Query(query): Query<PeopleQuery>,
) -> Result<Html<String>, WebError> {
    let notice = match query.done.as_deref() {
        Some("role") => Some(shell.i.t("admin-role-saved")),
        Some("invited") => Some(shell.i.t("invite-sent")),
        _ => None,
    };
    let q = query.q.unwrap_or_default();
    let page = page_number(query.page.as_deref());
    people_page(&state, &tenant, shell, &principal, (&q, page), None, notice).await
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

pub async fn set_role(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    Path((_, user)): Path<(String, UserId)>,
    CsrfForm(input): CsrfForm<RoleForm>,
) -> Result<Response, WebError> {
    let changed = civic_app::roles::set_role(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        user,
        &input.role,
    )
    .await;
    let (status, error) = match changed {
        Ok(()) => return Ok(Redirect::to(&format!("/{}/admin/people?done=role", tenant.slug)).into_response()),
        Err(AppError::Invalid(problems)) => {
            let i = problems.into_first();
            (StatusCode::UNPROCESSABLE_ENTITY, localised(&shell, i.code, &i.message))
        }
        Err(AppError::Conflict { code, message }) => (StatusCode::CONFLICT, localised(&shell, code, &message)),
        Err(other) => return Err(other.into()),
    };
    let html = people_page(&state, &tenant, shell, &principal, ("", 1), Some(error), None).await?;
    Ok((status, html).into_response())
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage {
    shell: Layout,
    slug: String,
    actions: &'static [&'static str],
    action: String,
    actor: String,
    entries: Vec<AuditEntry>,
    next: Option<String>,
}

impl AuditPage {
    fn action_key(&self, action: &str) -> String {
        format!("audit-action-{action}")
    }

    /// The entry as a sentence in the reader's language: a role change in
    /// full ("Olena changed the role of Petro from resident to moderator"),
    /// any other entry as who, what and to what. Ukrainian uses impersonal
    /// forms, so nobody's grammatical gender is guessed.
    fn sentence(&self, e: &AuditEntry) -> String {
        let i = &self.shell.i;
        let actor = e.actor_name.clone().unwrap_or_else(|| match e.actor.as_str() {
            "operator" => i.t("audit-actor-operator"),
            "system" => i.t("audit-actor-system"),
            other => other.to_string(),
        });
        let subject = e.subject_name.clone().unwrap_or_else(|| e.subject.clone());
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("actor", actor);
        args.set("subject", subject.clone());
        if e.action == civic_app::audit::action::ROLE_CHANGED
            && let Some((from, to)) = e.detail.split_once(" → ")
            && ROLES.contains(&from)
            && ROLES.contains(&to)
        {
            args.set("from", i.t(&format!("role-from-{from}")));
            args.set("to", i.t(&format!("role-to-{to}")));
            return i.with_args("audit-sentence-role", &args);
        }
        args.set("action", i.t(&self.action_key(&e.action)));
        if subject.is_empty() {
            i.with_args("audit-sentence-no-subject", &args)
        } else {
            i.with_args("audit-sentence", &args)
        }
    }

    /// The detail line, unless the sentence already says it all.
    fn detail<'a>(&self, e: &'a AuditEntry) -> Option<&'a str> {
        (e.action != civic_app::audit::action::ROLE_CHANGED && !e.detail.is_empty()).then_some(e.detail.as_str())
    }
}

pub async fn audit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    Query(query): Query<AuditQuery>,
) -> Result<Html<String>, WebError> {
    let filter = query.filter()?;
    if let Some(action) = &filter.action
        && !civic_app::audit::action::ALL.contains(&action.as_str())
    {
        return Err(WebError::BadRequest("there is no such kind of entry".into()));
    }
    let entries =
        civic_app::audit::entries(&state.platform, tenant.tenant_id(), principal.role, &filter, AUDIT_PAGE).await?;
    let action = filter.action.clone().unwrap_or_default();
    let actor = filter.actor.clone().unwrap_or_default();
    let next = (entries.len() == AUDIT_PAGE as usize)
        .then(|| entries.last())
        .flatten()
        .map(|last| {
            let mut url = url_params(&[("action", &action), ("actor", &actor)]);
            url.push_str(&format!("cursor={}", last.id));
            format!("/{}/admin/audit?{url}", tenant.slug)
        });
    let title = shell.i.t("admin-audit-title");
    render(&AuditPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        actions: civic_app::audit::action::ALL,
        action,
        actor,
        entries,
        next,
    })
}

/// `k=v&` for each non-empty value, percent-encoded.
fn url_params(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        out.push_str(k);
        out.push('=');
        for b in v.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out.push('&');
    }
    out
}
