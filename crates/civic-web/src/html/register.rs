//! `/{tenant}/register` and `/{tenant}/confirm`: a resident creates an
//! account, confirms the address with the link sent by e-mail and is
//! signed in by doing so.

use super::{Layout, render};
use crate::auth::require_same_origin;
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use civic_app::AppError;
use civic_app::accounts::{self, Registration};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/register", get(form).post(submit))
        .route("/{tenant}/register/sent", get(sent))
        .route("/{tenant}/confirm", get(confirm_form).post(confirm))
        .route("/{tenant}/confirmed", get(confirmed))
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    shell: Layout,
    slug: String,
    intro: String,
    email: String,
    display_name: String,
    /// (field, message) in the order of the form.
    errors: Vec<(&'static str, String)>,
}

impl RegisterPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }
}

#[derive(Template)]
#[template(path = "notice.html")]
pub(super) struct Notice {
    pub shell: Layout,
    pub heading: String,
    pub text: String,
    pub link: Option<(String, String)>,
}

fn page(
    shell: Layout,
    tenant: &Tenant,
    email: &str,
    display_name: &str,
    errors: Vec<(&'static str, String)>,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("register-title");
    let intro = shell.i.with("register-intro", "tenant", &tenant.name);
    render(&RegisterPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        intro,
        email: email.chars().take(254).collect(),
        display_name: display_name.chars().take(60).collect(),
        errors,
    })
}

pub async fn form(tenant: Tenant, shell: Layout) -> Result<Html<String>, WebError> {
    page(shell, &tenant, "", "", Vec::new())
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
}

pub async fn submit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    address: ClientAddress,
    headers: HeaderMap,
    Form(input): Form<RegisterForm>,
) -> Result<Response, WebError> {
    require_same_origin(&headers)?;
    // Check every field first, so all problems are listed at once.
    let mut errors = Vec::new();
    let checks: [(&'static str, Result<(), civic_core::Invalid>); 3] = [
        ("email", civic_core::Email::parse(&input.email).map(|_| ())),
        (
            "display_name",
            civic_core::DisplayName::parse(&input.display_name).map(|_| ()),
        ),
        (
            "password",
            civic_core::password::Password::parse(&input.password).map(|_| ()),
        ),
    ];
    for (field, check) in checks {
        if let Err(invalid) = check {
            errors.push((field, localised(&shell, invalid.code, &invalid.message)));
        }
    }
    if errors.is_empty() {
        let registration = Registration {
            email: &input.email,
            display_name: &input.display_name,
            password: &input.password,
            locale: shell.i.locale,
            address: &address.0,
        };
        match accounts::register(
            &state.platform,
            &tenant,
            &registration,
            &state.config.public_url,
            state.catalog.as_ref(),
        )
        .await
        {
            Ok(_) => return Ok(Redirect::to(&format!("/{}/register/sent", tenant.slug)).into_response()),
            Err(AppError::Conflict { code, message }) => errors.push(("email", localised(&shell, code, &message))),
            Err(AppError::Invalid(problems)) => {
                let invalid = problems.into_first();
                errors.push((invalid.field, localised(&shell, invalid.code, &invalid.message)))
            }
            // Over the limit: the error page says so, with Retry-After.
            Err(other) => return Err(other.into()),
        }
    }
    let html = page(shell, &tenant, &input.email, &input.display_name, errors)?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

pub(super) fn localised(shell: &Layout, code: &str, fallback: &str) -> String {
    let key = format!("field-error-{code}");
    let text = shell.i.t(&key);
    if text == key { fallback.to_string() } else { text }
}

pub async fn sent(shell: Layout) -> Result<Html<String>, WebError> {
    let heading = shell.i.t("register-sent-title");
    let text = shell.i.t("register-sent-text");
    render(&Notice {
        shell: shell.titled(heading.clone()),
        heading,
        text,
        link: None,
    })
}

#[derive(Deserialize)]
pub struct ConfirmQuery {
    #[serde(default)]
    token: String,
}

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage {
    shell: Layout,
    slug: String,
    token: String,
}

/// `GET /{tenant}/confirm?token=`: the link from the mail opens a page with
/// one button. Opening the link uses nothing (mail scanners open links to
/// check them); pressing the button confirms and signs in.
pub async fn confirm_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Query(query): Query<ConfirmQuery>,
) -> Result<Html<String>, WebError> {
    accounts::confirmation_is_live(&state.platform, tenant.tenant_id(), &query.token).await?;
    let title = shell.i.t("confirm-title");
    render(&ConfirmPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        token: query.token,
    })
}

/// `POST /{tenant}/confirm`: confirms the address and signs the person in.
pub async fn confirm(
    State(state): State<AppState>,
    tenant: Tenant,
    address: ClientAddress,
    headers: HeaderMap,
    Form(input): Form<ConfirmQuery>,
) -> Result<Response, WebError> {
    require_same_origin(&headers)?;
    let client = civic_app::auth::Client {
        address: &address.0,
        user_agent: crate::client_address::user_agent(&headers),
    };
    let session = civic_app::auth::sign_in_by_confirmation(
        &state.platform,
        tenant.tenant_id(),
        &input.token,
        &client,
        &state.config.sessions,
    )
    .await?;
    let cookie = crate::auth::session_cookie(&state.config, &session.token);
    Ok((
        [(http::header::SET_COOKIE, cookie)],
        Redirect::to(&format!("/{}/confirmed", tenant.slug)),
    )
        .into_response())
}

/// `GET /{tenant}/confirmed`: what the person sees, signed in, after
/// confirming.
pub async fn confirmed(tenant: Tenant, shell: Layout) -> Result<Html<String>, WebError> {
    let heading = shell.i.t("confirm-done-title");
    let text = shell.i.t("confirm-done-text");
    let home = shell.i.t("confirm-done-home");
    render(&Notice {
        shell: shell.titled(heading.clone()),
        heading,
        text,
        link: Some((format!("/{}/", tenant.slug), home)),
    })
}
