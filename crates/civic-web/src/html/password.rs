//! `/{tenant}/password/…`: asking for a reset link by e-mail and setting a
//! new password with it. The request page answers the same whether the
//! address has an account or not.

use super::register::{Notice, localised};
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
use civic_app::{AppError, accounts};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/password/forgot", get(forgot_form).post(forgot_submit))
        .route("/{tenant}/password/sent", get(sent))
        .route("/{tenant}/password/reset", get(reset_form).post(reset_submit))
}

#[derive(Template)]
#[template(path = "password_forgot.html")]
struct ForgotPage {
    shell: Layout,
    slug: String,
    email: String,
}

pub async fn forgot_form(tenant: Tenant, shell: Layout) -> Result<Html<String>, WebError> {
    let title = shell.i.t("forgot-title");
    render(&ForgotPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        email: String::new(),
    })
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

pub async fn forgot_submit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    address: ClientAddress,
    headers: HeaderMap,
    Form(input): Form<ForgotForm>,
) -> Result<Response, WebError> {
    require_same_origin(&headers)?;
    accounts::request_password_reset(
        &state.platform,
        &tenant,
        &input.email,
        shell.i.locale,
        &address.0,
        &state.config.public_url,
        state.catalog.as_ref(),
    )
    .await?;
    Ok(Redirect::to(&format!("/{}/password/sent", tenant.slug)).into_response())
}

pub async fn sent(shell: Layout) -> Result<Html<String>, WebError> {
    let heading = shell.i.t("forgot-sent-title");
    let text = shell.i.t("forgot-sent-text");
    render(&Notice {
        shell: shell.titled(heading.clone()),
        heading,
        text,
        link: None,
    })
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct ResetPage {
    shell: Layout,
    slug: String,
    token: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct ResetQuery {
    #[serde(default)]
    token: String,
}

fn reset_page(shell: Layout, tenant: &Tenant, token: &str, error: Option<String>) -> Result<Html<String>, WebError> {
    let title = shell.i.t("reset-title");
    render(&ResetPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        token: token.chars().filter(char::is_ascii_hexdigit).take(64).collect(),
        error,
    })
}

pub async fn reset_form(
    tenant: Tenant,
    shell: Layout,
    Query(query): Query<ResetQuery>,
) -> Result<Html<String>, WebError> {
    reset_page(shell, &tenant, &query.token, None)
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

pub async fn reset_submit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    address: ClientAddress,
    headers: HeaderMap,
    Form(input): Form<ResetForm>,
) -> Result<Response, WebError> {
    require_same_origin(&headers)?;
    match accounts::reset_password(
        &state.platform,
        tenant.tenant_id(),
        &input.token,
        &input.password,
        &address.0,
    )
    .await
    {
        Ok(()) => {
            let heading = shell.i.t("reset-done-title");
            let text = shell.i.t("reset-done-text");
            let sign_in = shell.i.t("nav-sign-in");
            Ok(render(&Notice {
                shell: shell.titled(heading.clone()),
                heading,
                text,
                link: Some((format!("/{}/login", tenant.slug), sign_in)),
            })?
            .into_response())
        }
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
            let error = localised(&shell, invalid.code, &invalid.message);
            let page = reset_page(shell, &tenant, &input.token, Some(error))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
