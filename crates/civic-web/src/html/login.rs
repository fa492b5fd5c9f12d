//! `/{tenant}/login` and `/{tenant}/logout`: signing in with a plain form
//! (POST, then 303), working without JavaScript.

use super::{Layout, render};
use crate::auth::{
    CurrentUser, SignedInWith, expired_session_cookie, require_csrf, require_same_origin, session_cookie,
};
use crate::client_address::{ClientAddress, user_agent};
use crate::error::WebError;
use crate::return_path::ReturnPath;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use http::{HeaderMap, StatusCode, header};
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/login", get(form).post(submit))
        .route("/{tenant}/logout", post(sign_out))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    shell: Layout,
    slug: String,
    email: String,
    error: Option<String>,
    /// The page to return to after signing in, when there is one.
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

/// The page `raw` names, if it is one of this tenant's to return to.
fn return_to(tenant: &Tenant, raw: Option<&str>) -> Option<ReturnPath> {
    raw.and_then(|raw| ReturnPath::parse(&tenant.slug, raw))
}

pub async fn form(tenant: Tenant, shell: Layout, Query(query): Query<LoginQuery>) -> Result<Html<String>, WebError> {
    let title = shell.i.t("login-title");
    let next = return_to(&tenant, query.next.as_deref());
    render(&LoginPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        email: String::new(),
        error: None,
        next: next.map(|n| n.as_str().to_string()),
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// Where to go after signing in (a page of this tenant), from `?next=`.
    next: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    address: ClientAddress,
    headers: HeaderMap,
    Form(input): Form<LoginForm>,
) -> Result<Response, WebError> {
    require_same_origin(&headers)?;
    let next = return_to(&tenant, input.next.as_deref());
    let client = civic_app::auth::Client {
        address: &address.0,
        user_agent: user_agent(&headers),
    };
    match civic_app::auth::sign_in(
        &state.platform,
        tenant.tenant_id(),
        &input.email,
        &input.password,
        &client,
        &state.config.sessions,
    )
    .await
    {
        Ok(session) => {
            let cookie = session_cookie(&state.config, &session.token);
            // Terms or a privacy notice published since the person joined
            // are put to them first.
            let onward = super::terms_acceptance::after_sign_in(
                &state,
                &tenant,
                session.principal.user_id,
                &session.token,
                next.as_ref(),
            )
            .await?;
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&onward)).into_response())
        }
        Err(civic_app::AppError::Invalid(_)) => {
            // The same answer for an unknown e-mail and a wrong password;
            // the e-mail stays in the field, the password does not.
            let error = shell.i.t("login-invalid");
            let page = refused_page(shell, &tenant, &input.email, next.as_ref(), error)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(civic_app::AppError::TooManyRequests { retry_after_secs }) => {
            let minutes = retry_after_secs.div_ceil(60) as i64;
            let error = shell.i.count("login-too-many", minutes);
            let page = refused_page(shell, &tenant, &input.email, next.as_ref(), error)?;
            Ok((
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, retry_after_secs.to_string())],
                page,
            )
                .into_response())
        }
        Err(other) => Err(other.into()),
    }
}

fn refused_page(
    shell: Layout,
    tenant: &Tenant,
    email: &str,
    next: Option<&ReturnPath>,
    error: String,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("login-title");
    render(&LoginPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        email: email.chars().take(254).collect(),
        error: Some(error),
        next: next.map(|n| n.as_str().to_string()),
    })
}

#[derive(Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

pub async fn sign_out(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    Form(input): Form<LogoutForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    if let SignedInWith::Session(token) = &via {
        civic_app::auth::sign_out(&state.platform, tenant.tenant_id(), token).await?;
    }
    let expired = expired_session_cookie(&state.config);
    Ok((
        [(header::SET_COOKIE, expired)],
        Redirect::to(&format!("/{}/", tenant.slug)),
    )
        .into_response())
}
