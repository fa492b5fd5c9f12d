//! `/{tenant}/open-data`: the datasets the municipality publishes, each
//! with its rows, last change, CSV and JSON links, the licence and the
//! catalogue; `/{tenant}/admin/open-data`: the administrators choose the
//! licence. Plain pages and forms.

use super::form_errors as errors_of;
use super::form_field as field;
use super::{Layout, render};
use crate::api::open_data::file_path;
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
use civic_app::open_data;
use civic_core::open_data::{Format, Licence};
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/open-data", get(page))
        .route("/{tenant}/admin/open-data", get(licence_form).post(save_licence))
}

/// A dataset as the page lists it.
struct DatasetCard {
    name: &'static str,
    title_key: String,
    description_key: String,
    /// The row count, written for the reader.
    rows: String,
    /// The last change: (ISO date-time, the date for the reader).
    modified: Option<(String, String)>,
    csv: String,
    json: String,
    /// (budget id, address) of each Pabulib file.
    pabulib: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "open_data.html")]
struct OpenDataPage {
    shell: Layout,
    licence_name: &'static str,
    licence_url: &'static str,
    catalogue: String,
    datasets: Vec<DatasetCard>,
}

pub async fn page(State(state): State<AppState>, tenant: Tenant, shell: Layout) -> Result<Html<String>, WebError> {
    let c = open_data::catalogue(&state.platform, tenant.tenant_id()).await?;
    let slug = tenant.slug.clone();
    let datasets = c
        .datasets
        .iter()
        .map(|d| {
            let name = d.dataset.as_str();
            DatasetCard {
                name,
                title_key: format!("open-data-{name}-title"),
                description_key: format!("open-data-{name}-description"),
                rows: shell.i.number(d.rows as f64),
                modified: d.modified.map(|at| (shell.i.iso(at), shell.i.date(at))),
                csv: file_path(&slug, d.dataset, Format::Csv),
                json: file_path(&slug, d.dataset, Format::Json),
                pabulib: d
                    .pabulib
                    .iter()
                    .map(|b| (*b, format!("/{slug}/budgets/{b}/pabulib")))
                    .collect(),
            }
        })
        .collect();
    let title = shell.i.t("open-data-title");
    let description = shell.i.t("open-data-intro");
    render(&OpenDataPage {
        shell: shell.titled(title).described(&description),
        catalogue: format!("/api/v1/{slug}/open-data"),
        licence_name: c.licence.name(),
        licence_url: c.licence.url(),
        datasets,
    })
}

#[derive(Template)]
#[template(path = "admin_open_data.html")]
struct LicencePage {
    shell: Layout,
    slug: String,
    csrf: String,
    /// (identifier, name) of each licence offered.
    licences: Vec<(&'static str, &'static str)>,
    chosen: String,
    saved: bool,
    errors: Vec<(String, String)>,
}

impl LicencePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    /// The radio button's id: the first is the field's own, so the error
    /// summary's link lands on it.
    fn input_id(&self, index: &usize) -> String {
        if *index == 0 {
            "licence".into()
        } else {
            format!("licence-{index}")
        }
    }
}

fn licence_page(
    shell: Layout,
    slug: &str,
    csrf: &str,
    chosen: &str,
    saved: bool,
    errors: Vec<(String, String)>,
) -> LicencePage {
    let title = shell.i.t("open-data-licence-title");
    let refused = !errors.is_empty();
    LicencePage {
        shell: shell.titled_form(title, refused, "open-data-error-prefix"),
        slug: slug.to_string(),
        csrf: csrf.to_string(),
        licences: Licence::ALL.iter().map(|l| (l.as_str(), l.name())).collect(),
        chosen: chosen.to_string(),
        saved,
        errors,
    }
}

#[derive(Deserialize, Default)]
pub struct LicenceQuery {
    done: Option<String>,
}

pub async fn licence_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    Query(query): Query<LicenceQuery>,
) -> Result<Html<String>, WebError> {
    let current = open_data::licence(&state.platform, tenant.tenant_id()).await?;
    render(&licence_page(
        shell,
        &tenant.slug,
        &principal.csrf_token,
        current.as_str(),
        query.done.as_deref() == Some("saved"),
        Vec::new(),
    ))
}

pub async fn save_licence(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let raw = field(&fields, "licence");
    let who = actor(&principal, &address);
    match open_data::set_licence(&state.platform, tenant.tenant_id(), principal.role, &who, raw).await {
        Ok(_) => Ok(Redirect::to(&format!("/{}/admin/open-data?done=saved", tenant.slug)).into_response()),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let chosen: String = raw.chars().take(20).collect();
                let html = render(&licence_page(
                    shell,
                    &tenant.slug,
                    &principal.csrf_token,
                    &chosen,
                    false,
                    errors,
                ))?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}
