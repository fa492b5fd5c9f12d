//! `/{tenant}/accessibility`: the municipality's accessibility statement,
//! linked from every footer (the platform's own until the town publishes
//! one); `/{tenant}/admin/accessibility`: administrators review it and
//! publish a new version. Plain page and form.

use super::form_errors as errors_of;
use super::form_field as field;
use super::{Layout, render};
use crate::auth::actor;
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::{Admins, CsrfForm, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use civic_app::documents;
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/accessibility", get(page))
        .route("/{tenant}/admin/accessibility", get(form).post(publish))
}

/// The platform's statement in the reader's language, with the town named:
/// what residents read until the town publishes its own, and where the
/// administrator's form starts.
fn platform_statement(shell: &Layout, tenant: &Tenant) -> String {
    shell.i.with("accessibility-default", "town", &tenant.name)
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct StatementPage {
    shell: Layout,
    body_html: String,
    /// "Updated 7 December 2026", or `None` for the platform's statement.
    updated: Option<(String, String)>,
}

pub async fn page(State(state): State<AppState>, tenant: Tenant, shell: Layout) -> Result<Html<String>, WebError> {
    let published = documents::accessibility(&state.platform, tenant.tenant_id()).await?;
    let (body, updated) = match &published {
        Some(d) => (
            d.body.clone(),
            Some((shell.i.iso(d.published_at), shell.i.date(d.published_at))),
        ),
        None => (platform_statement(&shell, &tenant), None),
    };
    let title = shell.i.t("accessibility-title");
    render(&StatementPage {
        body_html: crate::markdown::to_safe_html(&body),
        updated,
        shell: shell.titled(title),
    })
}

#[derive(Template)]
#[template(path = "admin_accessibility.html")]
struct FormPage {
    shell: Layout,
    slug: String,
    csrf: String,
    text: String,
    /// "Published version: 2, 7 December 2026.", `None` before the first.
    published: Option<String>,
    saved: bool,
    errors: Vec<(String, String)>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

#[derive(Deserialize, Default)]
pub struct FormQuery {
    done: Option<String>,
}

/// The form page: the text typed (a refused one), else the published
/// statement, else the platform's.
async fn form_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    csrf: &str,
    typed: Option<String>,
    saved: bool,
    errors: Vec<(String, String)>,
) -> Result<FormPage, WebError> {
    let published = documents::accessibility(&state.platform, tenant.tenant_id()).await?;
    let text = typed
        .or_else(|| published.as_ref().map(|d| d.body.clone()))
        .unwrap_or_else(|| platform_statement(&shell, tenant));
    let title = shell.i.t("accessibility-admin-tab");
    let refused = !errors.is_empty();
    Ok(FormPage {
        published: published.map(|d| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("version", d.version.to_string());
            args.set("date", shell.i.date(d.published_at));
            shell.i.with_args("accessibility-admin-version", &args)
        }),
        shell: shell.titled_form(title, refused, "accessibility-error-prefix"),
        slug: tenant.slug.clone(),
        csrf: csrf.to_string(),
        text,
        saved,
        errors,
    })
}

pub async fn form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    Query(query): Query<FormQuery>,
) -> Result<Html<String>, WebError> {
    let saved = query.done.as_deref() == Some("published");
    render(&form_page(&state, &tenant, shell, &principal.csrf_token, None, saved, Vec::new()).await?)
}

pub async fn publish(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let raw = field(&fields, "body");
    let who = actor(&principal, &address);
    match documents::publish_accessibility(&state.platform, tenant.tenant_id(), principal.role, &who, raw).await {
        Ok(_) => Ok(Redirect::to(&format!("/{}/admin/accessibility?done=published", tenant.slug)).into_response()),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                // What was typed comes back, so nothing written is lost.
                let page = form_page(
                    &state,
                    &tenant,
                    shell,
                    &principal.csrf_token,
                    Some(raw.to_string()),
                    false,
                    errors,
                )
                .await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
            }
            None => Err(e.into()),
        },
    }
}
