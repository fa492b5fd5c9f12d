//! `/{tenant}/account`: the signed-in person's own page — password,
//! sessions, access tokens, a copy of their data, deleting the account.
//! Plain forms: each POST answers 303 back to the page with a notice, or the
//! page again with its errors (422).

use super::register::localised;
use super::{Layout, render};
use crate::auth::{CurrentUser, SignedInWith, actor, expired_session_cookie, require_csrf, session_cookie};
use crate::client_address::{ClientAddress, user_agent};
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::{AppError, accounts, privacy};
use civic_core::user::Principal;
use http::{HeaderMap, StatusCode, header};
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/account", get(show))
        .route("/{tenant}/account/name", post(change_name))
        .route("/{tenant}/account/email", post(change_email))
        .route(
            "/{tenant}/account/email/confirm",
            get(email_confirm_form).post(email_confirm),
        )
        .route("/{tenant}/account/email/changed", get(email_changed))
        .route("/{tenant}/account/activity", get(activity))
        .route("/{tenant}/account/password", post(change_password))
        .route("/{tenant}/account/sessions/end-others", post(end_other_sessions))
        .route("/{tenant}/account/sessions/{session}/end", post(end_session))
        .route("/{tenant}/account/tokens", post(create_token))
        .route("/{tenant}/account/tokens/{token}/revoke", post(revoke_token))
        .route("/{tenant}/account/export", get(export))
        .route("/{tenant}/account/delete", post(delete))
}

pub struct SessionView {
    pub id: i64,
    pub device: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub current: bool,
}

pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub revoked: bool,
    pub expired: bool,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    shell: Layout,
    slug: String,
    csrf: String,
    name: String,
    email: String,
    role_key: String,
    sessions: Vec<SessionView>,
    tokens: Vec<TokenView>,
    /// The lifetimes offered for a new token, longest last.
    token_days: Vec<i64>,
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
    new_token: Option<String>,
    /// What the name and new-address fields hold after a refusal.
    name_value: String,
    new_email_value: String,
    /// The account's verification as a resident.
    state: Option<super::verification::StateView>,
}

impl AccountPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }
}

/// What a redirect back to the page may announce (`?done=`).
const NOTICES: &[&str] = &[
    "password",
    "sessions",
    "session",
    "token-revoked",
    "choose-password",
    "name",
    "email-sent",
];

#[derive(Default)]
struct Extras {
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
    new_token: Option<String>,
    /// A refused name or address, shown again in its field.
    name_value: Option<String>,
    new_email_value: String,
}

async fn page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    via: &SignedInWith,
    extras: Extras,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let user = principal.user_id;
    let current = match via {
        SignedInWith::Session(token) => Some(civic_app::auth::digest(token)),
        SignedInWith::Token => None,
    };
    let unknown = shell.i.t("account-unknown-device");
    let sessions = privacy::sessions(&state.platform, t, user)
        .await?
        .into_iter()
        .map(|s| SessionView {
            id: s.id,
            device: s
                .user_agent
                .as_deref()
                .map(describe_device)
                .unwrap_or_else(|| unknown.clone()),
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            current: current.as_deref() == Some(s.token_hash.as_str()),
        })
        .collect();
    let now = civic_core::Timestamp::now().0;
    let tokens = privacy::tokens(&state.platform, t, user)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            name: t.name,
            created_at: t.created_at,
            revoked: t.revoked_at.is_some(),
            expired: t.expires_at.is_some_and(|at| at <= now),
            expires_at: t.expires_at,
            last_used_at: t.last_used_at,
        })
        .collect();
    let most = civic_app::auth::max_token_days(principal.role);
    let token_days = [30, 90, 365].into_iter().filter(|d| *d <= most).collect();
    let state = civic_app::verification::of(&state.platform, t, user)
        .await?
        .map(|v| super::verification::StateView::of(&shell.i, &v));
    let title = shell.i.t("account-title");
    render(&AccountPage {
        state,
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        name_value: extras.name_value.unwrap_or_else(|| principal.display_name.clone()),
        new_email_value: extras.new_email_value,
        name: principal.display_name.clone(),
        email: principal.email.clone(),
        role_key: format!("role-{}", principal.role.as_str()),
        sessions,
        tokens,
        token_days,
        errors: extras.errors,
        notice: extras.notice,
        new_token: extras.new_token,
    })
}

/// "Firefox on Android" from a user agent, roughly; enough to tell one's
/// own devices apart.
fn describe_device(ua: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b}, {s}"),
        (Some(b), None) => b.to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) => ua.chars().take(60).collect(),
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    done: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, via): CurrentUser,
    Query(query): Query<ShowQuery>,
) -> Result<Html<String>, WebError> {
    let notice = query
        .done
        .filter(|d| NOTICES.contains(&d.as_str()))
        .map(|d| shell.i.t(&format!("account-done-{d}")));
    page(
        &state,
        &tenant,
        shell,
        &principal,
        &via,
        Extras {
            notice,
            ..Extras::default()
        },
    )
    .await
}

fn back(tenant: &Tenant, done: &str) -> Response {
    Redirect::to(&format!("/{}/account?done={done}", tenant.slug)).into_response()
}

async fn refused(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    via: &SignedInWith,
    errors: Vec<(&'static str, String)>,
) -> Result<Response, WebError> {
    refused_with(
        state,
        tenant,
        shell,
        principal,
        via,
        StatusCode::UNPROCESSABLE_ENTITY,
        Extras {
            errors,
            ..Extras::default()
        },
    )
    .await
}

async fn refused_with(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    via: &SignedInWith,
    status: StatusCode,
    extras: Extras,
) -> Result<Response, WebError> {
    let html = page(state, tenant, shell, principal, via, extras).await?;
    Ok((status, html).into_response())
}

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    display_name: String,
}

/// Renames the account: 303 with a notice, or 422 at the field.
pub async fn change_name(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Form(input): Form<NameForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let who = actor(&principal, &address);
    match accounts::change_display_name(&state.platform, tenant.tenant_id(), &who, &input.display_name).await {
        Ok(()) => Ok(back(&tenant, "name")),
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
            let message = localised(&shell, invalid.code, &invalid.message);
            let extras = Extras {
                errors: vec![("display_name", message)],
                name_value: Some(input.display_name),
                ..Extras::default()
            };
            refused_with(
                &state,
                &tenant,
                shell,
                &principal,
                &via,
                StatusCode::UNPROCESSABLE_ENTITY,
                extras,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    password: String,
}

/// Asks for a new address: a link goes to it, and the address changes when
/// it is followed. 303 with a notice; 422 at the field for a bad address or
/// password, 409 at the address field when another account has it.
pub async fn change_email(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Form(input): Form<EmailForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let who = actor(&principal, &address);
    let asked = accounts::request_email_change(
        &state.platform,
        &tenant,
        &who,
        &accounts::EmailChange {
            new_email: &input.new_email,
            password: &input.password,
            locale: shell.i.locale,
        },
        &state.config.public_url,
        state.catalog.as_ref(),
    )
    .await;
    let (status, field, message) = match asked {
        Ok(()) => return Ok(back(&tenant, "email-sent")),
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
            let field = if invalid.field == "password" {
                "email_password"
            } else {
                "new_email"
            };
            let message = localised(&shell, invalid.code, &invalid.message);
            (StatusCode::UNPROCESSABLE_ENTITY, field, message)
        }
        Err(AppError::Conflict { code, message }) => {
            (StatusCode::CONFLICT, "new_email", localised(&shell, code, &message))
        }
        Err(other) => return Err(other.into()),
    };
    let extras = Extras {
        errors: vec![(field, message)],
        new_email_value: input.new_email,
        ..Extras::default()
    };
    refused_with(&state, &tenant, shell, &principal, &via, status, extras).await
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Template)]
#[template(path = "account_email_confirm.html")]
struct EmailConfirmPage {
    shell: Layout,
    slug: String,
    token: String,
}

/// `GET /{tenant}/account/email/confirm?token=`: the link from the mail
/// opens a page with one button (opening a link changes nothing: mail
/// scanners open links).
pub async fn email_confirm_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Query(query): Query<TokenQuery>,
) -> Result<Html<String>, WebError> {
    accounts::email_change_is_live(&state.platform, tenant.tenant_id(), &query.token).await?;
    let title = shell.i.t("account-email-confirm-title");
    render(&EmailConfirmPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        token: query.token,
    })
}

/// `POST /{tenant}/account/email/confirm`: moves the account to the new
/// address, whether the person is signed in or not.
pub async fn email_confirm(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    address: ClientAddress,
    headers: HeaderMap,
    Form(input): Form<TokenQuery>,
) -> Result<Response, WebError> {
    crate::auth::require_same_origin(&headers)?;
    accounts::confirm_email_change(
        &state.platform,
        &tenant,
        &input.token,
        shell.i.locale,
        &address.0,
        &state.config.public_url,
        state.catalog.as_ref(),
    )
    .await?;
    Ok(Redirect::to(&format!("/{}/account/email/changed", tenant.slug)).into_response())
}

/// `GET /{tenant}/account/email/changed`: the change is done.
pub async fn email_changed(tenant: Tenant, shell: Layout) -> Result<Html<String>, WebError> {
    let heading = shell.i.t("account-email-changed-title");
    let text = shell.i.t("account-email-changed-text");
    let link = shell.i.t("account-email-changed-link");
    render(&super::register::Notice {
        shell: shell.titled(heading.clone()),
        heading,
        text,
        link: Some((format!("/{}/account", tenant.slug), link)),
    })
}

/// One line of "my activity".
pub struct ActivityView {
    /// The Fluent key of what was done ("account-activity-idea" …).
    pub key: String,
    pub href: String,
    pub title: String,
    pub at: i64,
}

#[derive(Template)]
#[template(path = "account_activity.html")]
struct ActivityPage {
    shell: Layout,
    slug: String,
    entries: Vec<ActivityView>,
    page: u32,
    more: bool,
}

#[derive(Deserialize)]
pub struct ActivityQuery {
    page: Option<String>,
}

/// `/{tenant}/account/activity`: what the person did, newest first, 50 a
/// page with a link to older ones.
pub async fn activity(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Query(query): Query<ActivityQuery>,
) -> Result<Html<String>, WebError> {
    // Past the pages there are (or a page that is not a number): the first.
    let page = query
        .page
        .and_then(|p| p.trim().parse::<u32>().ok())
        .filter(|p| (1..=100_000).contains(p))
        .unwrap_or(1);
    let found = privacy::activity(&state.platform, tenant.tenant_id(), principal.user_id, page).await?;
    let slug = &tenant.slug;
    let entries = found
        .entries
        .into_iter()
        .map(|row| {
            let href = match row.kind.as_str() {
                "comment" => format!("/{slug}/ideas/{}#comment-{}", row.item_id, row.entry_id),
                "poll" => format!("/{slug}/polls/{}", row.item_id),
                "signature" => format!("/{slug}/petitions/{}", row.item_id),
                _ => format!("/{slug}/ideas/{}", row.item_id),
            };
            ActivityView {
                key: format!("account-activity-{}", row.kind),
                href,
                title: row.title,
                at: row.at,
            }
        })
        .collect();
    let title = shell.i.t("account-activity-title");
    render(&ActivityPage {
        shell: shell.titled(title),
        slug: slug.clone(),
        entries,
        page,
        more: found.more,
    })
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// Changes the password. Every session of the account ends (whoever else
/// knew the old password is out); this browser gets a fresh one.
pub async fn change_password(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    headers: HeaderMap,
    Form(input): Form<PasswordForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let t = tenant.tenant_id();
    let who = actor(&principal, &address);
    match accounts::change_password(&state.platform, t, &who, &input.current_password, &input.new_password).await {
        Ok(()) => {
            let session = civic_app::auth::open_session(
                &state.platform,
                t,
                principal.clone(),
                user_agent(&headers),
                &state.config.sessions,
            )
            .await?;
            let mut response = back(&tenant, "password");
            let cookie = session_cookie(&state.config, &session.token);
            response.headers_mut().insert(
                header::SET_COOKIE,
                cookie.parse().map_err(|e| WebError::Internal(Box::new(e)))?,
            );
            Ok(response)
        }
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
            let field = if invalid.field == "current_password" {
                "current_password"
            } else {
                "new_password"
            };
            let message = localised(&shell, invalid.code, &invalid.message);
            refused(&state, &tenant, shell, &principal, &via, vec![(field, message)]).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn end_other_sessions(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Form(input): Form<CsrfForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let current = match &via {
        SignedInWith::Session(token) => Some(token.as_str()),
        SignedInWith::Token => None,
    };
    privacy::end_other_sessions(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        current,
    )
    .await?;
    Ok(back(&tenant, "sessions"))
}

pub async fn end_session(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Path((_, session)): Path<(String, String)>,
    Form(input): Form<CsrfForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let id: i64 = session.parse().map_err(|_| WebError::NotFound)?;
    privacy::end_session(&state.platform, tenant.tenant_id(), &actor(&principal, &address), id).await?;
    Ok(back(&tenant, "session"))
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    expires_in_days: String,
}

/// Creates a token and shows it once, on the page itself (no redirect: the
/// secret must not travel in a URL).
pub async fn create_token(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Form(input): Form<TokenForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let created = civic_app::auth::create_token(
        &state.platform,
        tenant.tenant_id(),
        &principal.email,
        &input.password,
        &input.name,
        // A value that is not a number is refused by the rule's range check.
        civic_app::auth::TokenLifetime(Some(input.expires_in_days.trim().parse().unwrap_or(0))),
        &address.0,
    )
    .await;
    match created {
        Ok((token, _)) => {
            let html = page(
                &state,
                &tenant,
                shell,
                &principal,
                &via,
                Extras {
                    new_token: Some(token),
                    ..Extras::default()
                },
            )
            .await?;
            Ok((StatusCode::CREATED, [(header::CACHE_CONTROL, "no-store")], html).into_response())
        }
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
            let (field, message) = if invalid.field == "name" || invalid.field == "expires_in_days" {
                (invalid.field, localised(&shell, invalid.code, &invalid.message))
            } else {
                ("token_password", shell.i.t("field-error-wrong_password"))
            };
            refused(&state, &tenant, shell, &principal, &via, vec![(field, message)]).await
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Path((_, token)): Path<(String, String)>,
    Form(input): Form<CsrfForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let id: i64 = token.parse().map_err(|_| WebError::NotFound)?;
    civic_app::auth::revoke_token(&state.platform, tenant.tenant_id(), &actor(&principal, &address), id).await?;
    Ok(back(&tenant, "token-revoked"))
}

/// The JSON copy of everything held about the person, as a download.
pub async fn export(state: State<AppState>, tenant: Tenant, user: CurrentUser) -> Result<Response, WebError> {
    crate::api::export_for_page(state, tenant, user).await
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    contributions: String,
}

pub async fn delete(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Form(input): Form<DeleteForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let contributions = match privacy::parse_contributions(&input.contributions) {
        Ok(c) => c,
        Err(invalid) => {
            let message = localised(&shell, invalid.code, &invalid.message);
            return refused(
                &state,
                &tenant,
                shell,
                &principal,
                &via,
                vec![("contributions", message)],
            )
            .await;
        }
    };
    let who = actor(&principal, &address);
    match privacy::delete_account(
        &state.platform,
        tenant.tenant_id(),
        &who,
        &input.password,
        contributions,
    )
    .await
    {
        Ok(()) => {
            let heading = shell.i.t("account-deleted-title");
            let text = shell.i.t("account-deleted-text");
            let home = shell.i.t("error-back-home");
            let html = render(&super::register::Notice {
                shell: Layout { user: None, ..shell }.titled(heading.clone()),
                heading,
                text,
                link: Some((format!("/{}/", tenant.slug), home)),
            })?;
            Ok(([(header::SET_COOKIE, expired_session_cookie(&state.config))], html).into_response())
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
            let message = match e {
                AppError::Conflict { code, message } => localised(&shell, code, &message),
                _ => shell.i.t("field-error-wrong_password"),
            };
            let problems = vec![("delete_password", message)];
            refused(&state, &tenant, shell, &principal, &via, problems).await
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::describe_device;

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let android = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";
        assert_eq!(describe_device(android), "Chrome, Android");
        assert_eq!(
            describe_device("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"),
            "Firefox, Linux"
        );
        assert_eq!(describe_device("curl/8.0"), "curl/8.0");
    }
}
