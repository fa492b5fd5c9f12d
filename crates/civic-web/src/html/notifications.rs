//! Following (buttons on the idea and space pages), the list of a person's
//! notifications, and their settings. Plain forms: each POST answers 303.

use super::{Layout, render};
use crate::auth::{CurrentUser, require_csrf};
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::notifications::{self as notify, FollowTarget};
use civic_core::notifications::Mode;
use civic_core::{IdeaId, SpaceId};
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/ideas/{idea}/follow", post(follow_idea))
        .route("/{tenant}/spaces/{space}/follow", post(follow_space))
        .route("/{tenant}/petitions/{petition}/follow", post(follow_petition))
        .route("/{tenant}/reports/{report}/follow", post(follow_report))
        .route("/{tenant}/notifications", get(list))
        .route("/{tenant}/notifications/read", post(mark_all_read))
        .route("/{tenant}/notifications/{notification}", get(open))
        .route(
            "/{tenant}/account/notifications",
            get(settings_form).post(settings_save),
        )
}

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action: String,
}

fn wants_follow(action: &str) -> Result<bool, WebError> {
    match action {
        "follow" => Ok(true),
        "unfollow" => Ok(false),
        _ => Err(WebError::BadRequest("action is follow or unfollow".into())),
    }
}

/// `POST /{tenant}/ideas/{idea}/follow` with `action=follow|unfollow`.
pub async fn follow_idea(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    Path((_, idea)): Path<(String, String)>,
    Form(form): Form<FollowForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let on = wants_follow(&form.action)?;
    notify::set_follow(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        FollowTarget::Idea(id),
        on,
    )
    .await?;
    Ok(Redirect::to(&format!("/{}/ideas/{id}#follow", tenant.slug)).into_response())
}

/// `POST /{tenant}/spaces/{space}/follow` with `action=follow|unfollow`.
pub async fn follow_space(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    Path((_, space)): Path<(String, String)>,
    Form(form): Form<FollowForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let id = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let on = wants_follow(&form.action)?;
    notify::set_follow(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        FollowTarget::Space(id),
        on,
    )
    .await?;
    Ok(Redirect::to(&format!("/{}/spaces/{id}#follow", tenant.slug)).into_response())
}

/// `POST /{tenant}/petitions/{petition}/follow` with `action=follow|unfollow`:
/// back to the petition with a notice.
pub async fn follow_petition(
    State(state): State<AppState>,
    tenant: Tenant,
    user: CurrentUser,
    Path((_, petition)): Path<(String, String)>,
    Form(form): Form<FollowForm>,
) -> Result<Response, WebError> {
    follow_numbered(
        &state,
        &tenant,
        user,
        &petition,
        form,
        "petitions",
        FollowTarget::Petition,
    )
    .await
}

/// `POST /{tenant}/reports/{report}/follow` with `action=follow|unfollow`:
/// back to the report with a notice.
pub async fn follow_report(
    State(state): State<AppState>,
    tenant: Tenant,
    user: CurrentUser,
    Path((_, report)): Path<(String, String)>,
    Form(form): Form<FollowForm>,
) -> Result<Response, WebError> {
    follow_numbered(&state, &tenant, user, &report, form, "reports", FollowTarget::Report).await
}

/// Follows or stops following a petition or a report by its number in the
/// address (not a number: 404) and goes back to its page with a notice.
async fn follow_numbered(
    state: &AppState,
    tenant: &Tenant,
    CurrentUser(principal, via): CurrentUser,
    raw: &str,
    form: FollowForm,
    section: &str,
    target: fn(i64) -> FollowTarget,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let id: i64 = raw.parse().ok().filter(|i| *i > 0).ok_or(WebError::NotFound)?;
    let on = wants_follow(&form.action)?;
    notify::set_follow(&state.platform, tenant.tenant_id(), principal.user_id, target(id), on).await?;
    let done = if on { "followed" } else { "unfollowed" };
    Ok(Redirect::to(&format!("/{}/{section}/{id}?done={done}#follow", tenant.slug)).into_response())
}

/// A notification as the list shows it.
pub struct Item {
    pub id: i64,
    pub line: String,
    /// Where it happened: the space, or the petitions or reports.
    pub space: String,
    /// The city's words it carries (an answer, a reason, a reply).
    pub detail: Option<String>,
    pub unread: bool,
    pub created_at: i64,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct ListPage {
    shell: Layout,
    slug: String,
    csrf: String,
    items: Vec<Item>,
    next_link: Option<String>,
    any_unread: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    cursor: Option<String>,
}

/// `GET /{tenant}/notifications?cursor=`: newest first, unread marked.
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Html<String>, WebError> {
    let page = notify::page(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        query.cursor.as_deref(),
    )
    .await?;
    let locale = shell.i.locale;
    let items: Vec<Item> = page
        .items
        .into_iter()
        .map(|n| Item {
            line: state.catalog.notification_line(
                locale,
                &n.kind,
                &n.summary,
                n.actor_name.as_deref(),
                n.status.as_deref(),
            ),
            space: match (&n.space_title, n.petition_id, n.report_id) {
                (Some(title), _, _) => shell.i.with("notify-in-space", "space", title),
                (None, Some(_), _) => shell.i.t("notify-in-petitions"),
                (None, None, Some(_)) => shell.i.t("notify-in-reports"),
                (None, None, None) => String::new(),
            },
            detail: n.detail,
            id: n.id,
            unread: n.read_at.is_none(),
            created_at: n.created_at,
        })
        .collect();
    let any_unread = shell.user.as_ref().is_some_and(|u| u.unread > 0);
    let title = shell.i.t("notifications-title");
    render(&ListPage {
        shell: shell.titled(title),
        next_link: page
            .next_cursor
            .map(|c| format!("/{}/notifications?cursor={c}", tenant.slug)),
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token,
        items,
        any_unread,
    })
}

/// `GET /{tenant}/notifications/{notification}`: marks it read and goes to
/// what it is about. Another person's is 404.
pub async fn open(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    let n = notify::open(&state.platform, tenant.tenant_id(), principal.user_id, id).await?;
    Ok(Redirect::to(&format!("/{}{}", tenant.slug, notify::target_path(&n))).into_response())
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /{tenant}/notifications/read`: marks all read.
pub async fn mark_all_read(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    notify::mark_read(&state.platform, tenant.tenant_id(), principal.user_id, None).await?;
    Ok(Redirect::to(&format!("/{}/notifications", tenant.slug)).into_response())
}

/// One select of the settings form.
pub struct KindChoice {
    pub kind: &'static str,
    pub label_key: String,
    pub mode: &'static str,
}

#[derive(Template)]
#[template(path = "notification_settings.html")]
struct SettingsPage {
    shell: Layout,
    slug: String,
    csrf: String,
    kinds: Vec<KindChoice>,
    modes: Vec<(&'static str, String)>,
    locale: &'static str,
    monthly_recap: bool,
    notice: Option<String>,
}

#[derive(Deserialize)]
pub struct SettingsQuery {
    done: Option<String>,
}

/// `GET /{tenant}/account/notifications`: a select per kind.
pub async fn settings_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Query(query): Query<SettingsQuery>,
) -> Result<Html<String>, WebError> {
    let settings = notify::settings(&state.platform, tenant.tenant_id(), principal.user_id).await?;
    let notice = query.done.is_some().then(|| shell.i.t("notify-settings-saved"));
    let title = shell.i.t("notify-settings-title");
    render(&SettingsPage {
        kinds: settings
            .modes
            .iter()
            // Nobody is offered a kind they are never sent (a resident the
            // staff's); it would only puzzle. A kept choice stays stored.
            .filter(|(k, _)| k.offered_to(principal.role))
            .map(|(k, m)| KindChoice {
                kind: k.as_str(),
                label_key: format!("notify-settings-kind-{}", k.as_str()),
                mode: m.as_str(),
            })
            .collect(),
        modes: Mode::ALL
            .map(|m| (m.as_str(), format!("notify-mode-{}", m.as_str())))
            .to_vec(),
        locale: settings.locale.map_or("", |l| l.as_str()),
        monthly_recap: settings.monthly_recap,
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token,
        notice,
    })
}

/// `POST /{tenant}/account/notifications`: a field per kind (its name),
/// `locale` and `monthly_recap` (`on`, `off`; the form sends `off` from a
/// hidden field, then `on` when the box is checked: the last one counts).
/// Unknown kinds, modes or recap values are 422 and nothing is stored.
pub async fn settings_save(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    require_csrf(&principal, &via, field("csrf").unwrap_or(""))?;
    let modes: Vec<(&str, &str)> = form
        .iter()
        .filter(|(k, _)| k != "csrf" && k != "locale" && k != "monthly_recap")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let recap = match form
        .iter()
        .rev()
        .find(|(k, _)| k == "monthly_recap")
        .map(|(_, v)| v.trim())
    {
        None => None,
        Some("on") => Some(true),
        Some("off") => Some(false),
        Some(_) => {
            return Err(WebError::from(civic_app::AppError::from(civic_core::Invalid::new(
                "monthly_recap",
                "invalid_recap",
                "monthly_recap is on or off",
            ))));
        }
    };
    notify::save_settings(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        &modes,
        field("locale"),
        recap,
    )
    .await
    .map_err(WebError::from)?;
    Ok(Redirect::to(&format!("/{}/account/notifications?done=saved", tenant.slug)).into_response())
}
