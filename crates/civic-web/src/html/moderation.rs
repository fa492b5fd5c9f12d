//! `/{tenant}/moderation`: the moderators' queue of hidden and held items
//! (oldest first, with their flags, the screening's signals and any
//! appeal) and its actions (restore, hide with a public reason, block the
//! author, decide an appeal); the author's appeal form target; the
//! administrators' threshold setting. Plain forms.

use super::form_errors as errors_of;
use super::form_field as field;
use super::{Layout, render};
use crate::auth::{CurrentUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id};
use crate::extract::{Admins, AnyStaff, CsrfForm, Path, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::moderation;
use civic_core::UserId;
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/moderation", get(queue))
        .route(
            "/{tenant}/moderation/items/{item_type}/{item_id}/restore",
            post(restore),
        )
        .route("/{tenant}/moderation/items/{item_type}/{item_id}/hide", post(hide))
        .route(
            "/{tenant}/moderation/items/{item_type}/{item_id}/decision",
            post(decide),
        )
        .route("/{tenant}/moderation/items/{item_type}/{item_id}/appeal", post(appeal))
        .route("/{tenant}/moderation/blocks", post(block))
        .route("/{tenant}/admin/moderation", get(settings_form).post(save_settings))
}

/// A queue entry as the page shows it.
pub struct Entry {
    pub item_type: String,
    pub item_id: i64,
    pub what: String,
    pub href: Option<String>,
    pub state: String,
    pub reason: String,
    pub since: String,
    pub text: String,
    pub author: String,
    pub author_id: Option<i64>,
    /// (reason label, text, who, when) of each flag.
    pub flags: Vec<(String, String, String, String)>,
    /// (signal code, points) of the screening, when it held the item.
    pub signals: Vec<(String, u32)>,
    pub score: Option<u32>,
    pub appeal: Option<String>,
    pub appeal_open: bool,
    pub hidden: bool,
}

#[derive(Template)]
#[template(path = "moderation_queue.html")]
struct QueuePage {
    shell: Layout,
    slug: String,
    csrf: String,
    entries: Vec<Entry>,
    notice: Option<String>,
    errors: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    done: Option<String>,
}

async fn queue_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &civic_core::user::Principal,
    notice: Option<String>,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let found = moderation::queue(&state.platform, tenant.tenant_id(), principal.role).await?;
    let entries = found
        .into_iter()
        .map(|e| {
            let r = e.row;
            Entry {
                item_type: r.item_type.as_str().to_string(),
                item_id: r.item_id,
                what: format!(
                    "{} {}",
                    shell.i.t(&format!("flag-kind-{}", r.item_type.as_str())),
                    r.item_id
                ),
                href: e.path.map(|p| format!("/{}{p}", tenant.slug)),
                state: shell.i.t(&format!("moderation-state-{}", r.state.as_str())),
                hidden: r.state.is_hidden(),
                reason: r.reason,
                since: shell.i.date(r.created_at),
                text: e.text.chars().take(600).collect(),
                author: r.author_name.unwrap_or_default(),
                author_id: r.author_id.map(|a| a.0),
                flags: e
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
                signals: e
                    .verdict
                    .as_ref()
                    .map(|v| {
                        v.signals
                            .iter()
                            .map(|f| (f.signal.code().to_string(), f.points))
                            .collect()
                    })
                    .unwrap_or_default(),
                score: e.verdict.as_ref().map(|v| v.score),
                appeal_open: r.appeal_at.is_some() && r.appeal_outcome.is_none(),
                appeal: r.appeal_text,
            }
        })
        .collect();
    let title = shell.i.t("moderation-queue-title");
    let shell = if errors.is_empty() {
        shell.titled(title)
    } else {
        shell.titled_form(title, true, "flag-error-prefix")
    };
    render(&QueuePage {
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        entries,
        notice,
        errors,
        shell,
    })
}

pub async fn queue(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<AnyStaff>,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let notice = match q.done.as_deref() {
        Some(d @ ("restored" | "hidden" | "blocked" | "decided")) => Some(shell.i.t(&format!("moderation-done-{d}"))),
        _ => None,
    };
    queue_page(&state, &tenant, shell, &principal, notice, Vec::new()).await
}

fn back(slug: &str, done: &str) -> Response {
    Redirect::to(&format!("/{slug}/moderation?done={done}")).into_response()
}

/// A refused input shows the queue again with its problems (422).
async fn refused(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &civic_core::user::Principal,
    e: civic_app::AppError,
) -> Result<Response, WebError> {
    match errors_of(&shell, &e) {
        Some(errors) => {
            let html = queue_page(state, tenant, shell, principal, None, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        None => Err(e.into()),
    }
}

pub async fn restore(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<AnyStaff>,
    address: ClientAddress,
    Path((_, item_type, item_id)): Path<(String, String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = path_id(&item_id)?;
    let who = actor(&principal, &address);
    moderation::restore(
        &state.platform,
        tenant.tenant_id(),
        &who,
        principal.role,
        &item_type,
        id,
    )
    .await?;
    Ok(back(&tenant.slug, "restored"))
}

pub async fn hide(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<AnyStaff>,
    address: ClientAddress,
    Path((_, item_type, item_id)): Path<(String, String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = path_id(&item_id)?;
    let who = actor(&principal, &address);
    let t = tenant.tenant_id();
    match moderation::hide(
        &state.platform,
        t,
        &who,
        principal.role,
        &item_type,
        id,
        field(&fields, "reason"),
    )
    .await
    {
        Ok(()) => Ok(back(&tenant.slug, "hidden")),
        Err(e) => refused(&state, &tenant, shell, &principal, e).await,
    }
}

pub async fn decide(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<AnyStaff>,
    address: ClientAddress,
    Path((_, item_type, item_id)): Path<(String, String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = path_id(&item_id)?;
    let who = actor(&principal, &address);
    let t = tenant.tenant_id();
    let outcome = field(&fields, "outcome");
    match moderation::decide_appeal(&state.platform, t, &who, principal.role, &item_type, id, outcome).await {
        Ok(()) => Ok(back(&tenant.slug, "decided")),
        Err(e) => refused(&state, &tenant, shell, &principal, e).await,
    }
}

pub async fn block(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<AnyStaff>,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let user = path_id(field(&fields, "user_id").trim())?;
    let who = actor(&principal, &address);
    let t = tenant.tenant_id();
    let (days, reason) = (field(&fields, "days"), field(&fields, "reason"));
    match moderation::block(&state.platform, t, &who, principal.role, UserId(user), days, reason).await {
        Ok(_) => Ok(back(&tenant.slug, "blocked")),
        Err(e) => refused(&state, &tenant, shell, &principal, e).await,
    }
}

/// The author's appeal, from the notice on their hidden item; returns to
/// the page it was sent from.
pub async fn appeal(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, item_type, item_id)): Path<(String, String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = path_id(&item_id)?;
    let t = tenant.tenant_id();
    moderation::appeal(
        &state.platform,
        t,
        principal.user_id,
        &item_type,
        id,
        field(&fields, "text"),
    )
    .await?;
    let to = super::flags::back_to(&tenant.slug, field(&fields, "back"));
    let separator = if to.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!("{to}{separator}done=appealed")).into_response())
}

#[derive(Template)]
#[template(path = "moderation_settings.html")]
struct SettingsPage {
    shell: Layout,
    slug: String,
    csrf: String,
    threshold: String,
    saved: bool,
    errors: Vec<(String, String)>,
}

impl SettingsPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

pub async fn settings_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let n = moderation::hide_threshold(&state.platform, tenant.tenant_id()).await?;
    let title = shell.i.t("moderation-settings-title");
    render(&SettingsPage {
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        threshold: n.to_string(),
        saved: q.done.as_deref() == Some("saved"),
        errors: Vec::new(),
        shell: shell.titled(title),
    })
}

pub async fn save_settings(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let who = actor(&principal, &address);
    let raw = field(&fields, "hide_threshold");
    match moderation::set_hide_threshold(&state.platform, tenant.tenant_id(), &who, principal.role, raw).await {
        Ok(_) => Ok(Redirect::to(&format!("/{}/admin/moderation?done=saved", tenant.slug)).into_response()),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let title = shell.i.t("moderation-settings-title");
                let html = render(&SettingsPage {
                    slug: tenant.slug.clone(),
                    csrf: principal.csrf_token.clone(),
                    threshold: raw.chars().take(20).collect(),
                    saved: false,
                    errors,
                    shell: shell.titled_form(title, true, "flag-error-prefix"),
                })?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}
