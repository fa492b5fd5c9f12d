//! The town's own documents, each linked from every footer:
//! `/{tenant}/accessibility` (the statement public bodies must publish),
//! `/{tenant}/terms` (terms of use) and `/{tenant}/privacy` (privacy
//! notice), the platform's text until the town publishes its own.
//! `/{tenant}/admin/{document}`: administrators review one and publish a
//! new version. Plain pages and forms.

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
use civic_core::documents::DocumentKind;
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/accessibility", get(accessibility_page))
        .route(
            "/{tenant}/admin/accessibility",
            get(accessibility_form).post(accessibility_publish),
        )
        .route("/{tenant}/terms", get(terms_page))
        .route("/{tenant}/admin/terms", get(terms_form).post(terms_publish))
        .route("/{tenant}/privacy", get(privacy_page))
        .route("/{tenant}/admin/privacy", get(privacy_form).post(privacy_publish))
}

/// The page, the form and the publishing of one document: the same
/// handlers, named per document so that each route names its own (and
/// the route table the access test reads stays literal).
macro_rules! document_handlers {
    ($kind:expr, $page:ident, $form:ident, $publish:ident) => {
        async fn $page(state: State<AppState>, tenant: Tenant, shell: Layout) -> Result<Html<String>, WebError> {
            page($kind, state, tenant, shell).await
        }

        async fn $form(
            state: State<AppState>,
            tenant: Tenant,
            shell: Layout,
            admin: Staff<Admins>,
            query: Query<FormQuery>,
        ) -> Result<Html<String>, WebError> {
            form($kind, state, tenant, shell, admin, query).await
        }

        async fn $publish(
            state: State<AppState>,
            tenant: Tenant,
            shell: Layout,
            admin: Staff<Admins>,
            address: ClientAddress,
            fields: CsrfForm<Vec<(String, String)>>,
        ) -> Result<Response, WebError> {
            publish($kind, state, tenant, shell, admin, address, fields).await
        }
    };
}

document_handlers!(
    DocumentKind::Accessibility,
    accessibility_page,
    accessibility_form,
    accessibility_publish
);
document_handlers!(DocumentKind::Terms, terms_page, terms_form, terms_publish);
document_handlers!(DocumentKind::Privacy, privacy_page, privacy_form, privacy_publish);

/// A text of the catalogue that each document has its own of:
/// `terms-title`, `privacy-admin-save` …
pub(super) fn own(shell: &Layout, kind: DocumentKind, what: &str) -> String {
    shell.i.t(&format!("{}-{what}", kind.as_str()))
}

/// The platform's text in the reader's language, with the town named:
/// what residents read until the town publishes its own, and where the
/// administrator's form starts.
fn platform_text(shell: &Layout, tenant: &Tenant, kind: DocumentKind) -> String {
    shell
        .i
        .with(&format!("{}-default", kind.as_str()), "town", &tenant.name)
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    shell: Layout,
    /// "Updated 7 December 2026" as (ISO, words), `None` for the
    /// platform's text.
    updated: Option<(String, String)>,
    /// What the page says while the town has published nothing.
    platform_note: String,
    body_html: String,
}

async fn page(
    kind: DocumentKind,
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
) -> Result<Html<String>, WebError> {
    let published = documents::current(&state.platform, tenant.tenant_id(), kind).await?;
    let (body, updated) = match &published {
        Some(d) => (
            d.body.clone(),
            Some((shell.i.iso(d.published_at), shell.i.date(d.published_at))),
        ),
        None => (platform_text(&shell, &tenant, kind), None),
    };
    let title = own(&shell, kind, "title");
    render(&DocumentPage {
        platform_note: own(&shell, kind, "platform-note"),
        body_html: crate::markdown::to_safe_html(&body),
        updated,
        shell: shell.titled(title),
    })
}

#[derive(Template)]
#[template(path = "admin_document.html")]
struct FormPage {
    shell: Layout,
    slug: String,
    csrf: String,
    /// `accessibility`, `terms` or `privacy`: the form's and the public
    /// page's path.
    name: &'static str,
    title: String,
    intro: String,
    label: String,
    save: String,
    saved_note: String,
    unpublished_note: String,
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
/// version, else the platform's text.
#[allow(clippy::too_many_arguments)]
async fn form_page(
    kind: DocumentKind,
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    csrf: &str,
    typed: Option<String>,
    saved: bool,
    errors: Vec<(String, String)>,
) -> Result<FormPage, WebError> {
    let published = documents::current(&state.platform, tenant.tenant_id(), kind).await?;
    let text = typed
        .or_else(|| published.as_ref().map(|d| d.body.clone()))
        .unwrap_or_else(|| platform_text(&shell, tenant, kind));
    let title = own(&shell, kind, "admin-tab");
    let refused = !errors.is_empty();
    Ok(FormPage {
        published: published.map(|d| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("version", d.version.to_string());
            args.set("date", shell.i.date(d.published_at));
            shell.i.with_args("document-admin-version", &args)
        }),
        intro: own(&shell, kind, "admin-intro"),
        label: own(&shell, kind, "admin-label"),
        save: own(&shell, kind, "admin-save"),
        saved_note: own(&shell, kind, "admin-saved"),
        unpublished_note: own(&shell, kind, "admin-unpublished"),
        title: title.clone(),
        shell: shell.titled_form(title, refused, "document-error-prefix"),
        slug: tenant.slug.clone(),
        csrf: csrf.to_string(),
        name: kind.as_str(),
        text,
        saved,
        errors,
    })
}

async fn form(
    kind: DocumentKind,
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    Query(query): Query<FormQuery>,
) -> Result<Html<String>, WebError> {
    let saved = query.done.as_deref() == Some("published");
    let page = form_page(
        kind,
        &state,
        &tenant,
        shell,
        &principal.csrf_token,
        None,
        saved,
        Vec::new(),
    )
    .await?;
    render(&page)
}

async fn publish(
    kind: DocumentKind,
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let raw = field(&fields, "body");
    let who = actor(&principal, &address);
    match documents::publish(&state.platform, tenant.tenant_id(), principal.role, &who, kind, raw).await {
        Ok(_) => {
            let done = format!("/{}/admin/{}?done=published", tenant.slug, kind.as_str());
            Ok(Redirect::to(&done).into_response())
        }
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                // What was typed comes back, so nothing written is lost.
                let page = form_page(
                    kind,
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
