//! `/{tenant}/flags/new`: the form a resident reports an item with (linked
//! from the item, carrying where to return), and `/{tenant}/moderation/flags`:
//! the flagged items for the moderators. Plain forms.

use super::form_errors as errors_of;
use super::form_field as field;
use super::{Layout, render};
use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::extract::{AnyStaff, CsrfForm, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use civic_app::flags::{self, FlagInput};
use civic_core::flags::{FlagReason, FlaggedKind};
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/flags/new", get(form).post(create))
        .route("/{tenant}/moderation/flags", get(queue))
}

#[derive(Template)]
#[template(path = "flag_form.html")]
struct FormPage {
    shell: Layout,
    slug: String,
    csrf: String,
    item_type: String,
    item_id: String,
    back: String,
    /// (value, label) of each reason, and the chosen one.
    reasons: Vec<(&'static str, String)>,
    reason: String,
    text: String,
    errors: Vec<(String, String)>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

/// Where to return after flagging: a path of this tenant, else its home.
pub(crate) fn back_to(slug: &str, raw: &str) -> String {
    let prefix = format!("/{slug}/");
    let safe = raw.starts_with(&prefix)
        && !raw.contains("//")
        && !raw.contains('\\')
        && raw.chars().all(|c| c.is_ascii_graphic())
        && raw.len() <= 300;
    if safe { raw.to_string() } else { prefix }
}

#[derive(Deserialize, Default)]
pub struct FormQuery {
    item_type: Option<String>,
    item_id: Option<String>,
    back: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn page(
    shell: Layout,
    slug: &str,
    csrf: &str,
    item_type: &str,
    item_id: &str,
    back: &str,
    reason: &str,
    text: &str,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("flag-title");
    let shell = shell.titled_form(title, !errors.is_empty(), "flag-error-prefix");
    render(&FormPage {
        slug: slug.to_string(),
        csrf: csrf.to_string(),
        item_type: item_type.chars().take(40).collect(),
        item_id: item_id.chars().take(20).collect(),
        back: back_to(slug, back),
        reasons: FlagReason::ALL
            .iter()
            .map(|r| (r.as_str(), shell.i.t(&format!("flag-reason-{}", r.as_str()))))
            .collect(),
        reason: reason.to_string(),
        text: text.chars().take(2000).collect(),
        errors,
        shell,
    })
}

pub async fn form(
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Query(q): Query<FormQuery>,
) -> Result<Html<String>, WebError> {
    let kind = FlaggedKind::parse(q.item_type.as_deref().unwrap_or("")).ok_or(WebError::NotFound)?;
    let id = q.item_id.unwrap_or_default();
    page(
        shell,
        &tenant.slug,
        &principal.csrf_token,
        kind.as_str(),
        &id,
        q.back.as_deref().unwrap_or(""),
        "",
        "",
        Vec::new(),
    )
}

pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let input = FlagInput {
        item_type: field(&fields, "item_type").to_string(),
        item_id: field(&fields, "item_id").trim().parse().unwrap_or(0),
        reason: field(&fields, "reason").to_string(),
        text: field(&fields, "text").to_string(),
    };
    let back = back_to(&tenant.slug, field(&fields, "back"));
    let separator = if back.contains('?') { '&' } else { '?' };
    match flags::flag(&state.platform, tenant.tenant_id(), principal.user_id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("{back}{separator}done=flagged")).into_response()),
        Err(civic_app::AppError::Conflict {
            code: "already_flagged",
            ..
        }) => Ok(Redirect::to(&format!("{back}{separator}done=flagged")).into_response()),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let html = page(
                    shell,
                    &tenant.slug,
                    &principal.csrf_token,
                    &input.item_type,
                    field(&fields, "item_id"),
                    &back,
                    &input.reason,
                    &input.text,
                    errors,
                )?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

/// A flagged item as the moderators' list shows it.
pub struct QueueItem {
    pub what: String,
    pub href: Option<String>,
    pub count: usize,
    pub since: String,
    /// (reason label, text, who, when) of each flag.
    pub flags: Vec<(String, String, String, String)>,
}

#[derive(Template)]
#[template(path = "moderation_flags.html")]
struct QueuePage {
    shell: Layout,
    items: Vec<QueueItem>,
}

pub async fn queue(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<AnyStaff>,
) -> Result<Html<String>, WebError> {
    let found = flags::queue(&state.platform, tenant.tenant_id(), principal.role).await?;
    let items = found
        .iter()
        .map(|i| QueueItem {
            what: format!("{} {}", shell.i.t(&format!("flag-kind-{}", i.kind.as_str())), i.item_id),
            href: i.kind.path(i.item_id).map(|p| format!("/{}{p}", tenant.slug)),
            count: i.flags.len(),
            since: shell.i.date(i.first_at),
            flags: i
                .flags
                .iter()
                .map(|f| {
                    (
                        shell.i.t(&format!("flag-reason-{}", f.reason.as_str())),
                        f.text.clone(),
                        f.flagger_name.clone().unwrap_or_default(),
                        shell.i.date(f.created_at),
                    )
                })
                .collect(),
        })
        .collect();
    let title = shell.i.t("flags-queue-title");
    render(&QueuePage {
        items,
        shell: shell.titled(title),
    })
}
