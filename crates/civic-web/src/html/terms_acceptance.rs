//! `/{tenant}/terms/accept`: a resident who signs in while the town's
//! terms of use or privacy notice has a version published since they
//! joined reads it here and accepts it before going on. Until they do, the
//! session's pages lead here (see `auth::MaybeUser`). Plain page and form.

use super::documents::own;
use super::form_field as field;
use super::{Layout, render};
use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::extract::CsrfForm;
use crate::return_path::{ReturnPath, query_value};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use civic_app::documents;
use civic_core::documents::DocumentKind;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new().route("/{tenant}/terms/accept", get(page).post(accept))
}

/// The acceptance page, asked to go on to `next` afterwards.
pub fn acceptance_path(slug: &str, next: Option<&ReturnPath>, changed: bool) -> String {
    let mut path = format!("/{slug}/terms/accept");
    let mut query = Vec::new();
    if changed {
        query.push("changed=1".to_string());
    }
    if let Some(next) = next {
        query.push(format!("next={}", query_value(next.as_str())));
    }
    if !query.is_empty() {
        path.push('?');
        path.push_str(&query.join("&"));
    }
    path
}

/// Where a sign-in leads: the acceptance page when there is something to
/// accept (the session is held there until then), else `next` or home.
pub async fn after_sign_in(
    state: &AppState,
    tenant: &Tenant,
    user: civic_core::UserId,
    session_token: &str,
    next: Option<&ReturnPath>,
) -> Result<String, WebError> {
    if documents::hold_session_until_accepted(&state.platform, tenant.tenant_id(), user, session_token).await? {
        return Ok(acceptance_path(&tenant.slug, next, false));
    }
    Ok(onward(tenant, next))
}

/// The page the person asked for, else the town's home.
fn onward(tenant: &Tenant, next: Option<&ReturnPath>) -> String {
    next.map_or_else(|| format!("/{}/", tenant.slug), |p| p.as_str().to_string())
}

/// One document to accept, as the page shows it.
struct ToAccept {
    name: &'static str,
    title: String,
    version: i64,
    /// "Version 2 of 7 December 2026".
    published: String,
    body_html: String,
}

#[derive(Template)]
#[template(path = "documents_accept.html")]
struct AcceptancePage {
    shell: Layout,
    slug: String,
    csrf: String,
    next: Option<String>,
    intro: String,
    documents: Vec<ToAccept>,
    /// The town published yet another version while the page was open.
    changed: bool,
}

#[derive(Deserialize)]
pub struct AcceptanceQuery {
    next: Option<String>,
    changed: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Query(query): Query<AcceptanceQuery>,
) -> Result<Response, WebError> {
    let next = query
        .next
        .as_deref()
        .and_then(|raw| ReturnPath::parse(&tenant.slug, raw));
    let pending = documents::pending(&state.platform, tenant.tenant_id(), principal.user_id).await?;
    if pending.is_empty() {
        // Nothing (left) to accept: a session still held (accepted from
        // another device meanwhile) goes on, instead of coming back here.
        if principal.documents_pending {
            documents::release_sessions(&state.platform, tenant.tenant_id(), principal.user_id).await?;
        }
        return Ok(Redirect::to(&onward(&tenant, next.as_ref())).into_response());
    }
    let documents = pending
        .into_iter()
        .map(|d| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("version", d.version.to_string());
            args.set("date", shell.i.date(d.published_at));
            ToAccept {
                name: d.kind.as_str(),
                title: own(&shell, d.kind, "title"),
                version: d.version,
                published: shell.i.with_args("documents-accept-version", &args),
                body_html: crate::markdown::to_safe_html_under_heading(&d.body),
            }
        })
        .collect();
    let title = shell.i.t("documents-accept-title");
    let intro = shell.i.with("documents-accept-intro", "town", &tenant.name);
    let page = render(&AcceptancePage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        next: next.map(|p| p.as_str().to_string()),
        intro,
        documents,
        changed: query.changed.is_some(),
    })?;
    Ok(page.into_response())
}

async fn accept(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let next = ReturnPath::parse(&tenant.slug, field(&fields, "next"));
    // The versions the page showed, by document: `terms=3&privacy=2`.
    let mut accepted = Vec::new();
    for kind in DocumentKind::ACCEPTED {
        let raw = field(&fields, kind.as_str());
        if raw.is_empty() {
            continue;
        }
        let version = raw
            .parse::<i64>()
            .map_err(|_| WebError::BadRequest(format!("{} is not a version number", kind.as_str())))?;
        accepted.push((kind, version));
    }
    match documents::accept(&state.platform, tenant.tenant_id(), principal.user_id, &accepted).await {
        Ok(false) => Ok(Redirect::to(&onward(&tenant, next.as_ref())).into_response()),
        // Some of it not accepted (an old page): the page again.
        Ok(true) => Ok(Redirect::to(&acceptance_path(&tenant.slug, next.as_ref(), false)).into_response()),
        // A newer version came meanwhile: the page again, with it.
        Err(civic_app::AppError::Conflict {
            code: "document_changed",
            ..
        }) => Ok(Redirect::to(&acceptance_path(&tenant.slug, next.as_ref(), true)).into_response()),
        Err(e) => Err(e.into()),
    }
}
