//! `/operator`: the console of the platform's operators (the cloud's
//! owner), apart from every tenant. Signing in takes a password and a TOTP
//! code (an authenticator is set up at the first sign-in, with recovery codes
//! shown once); then the tenants at a glance, creating one, suspending and
//! resuming, and the operators' audit log. Plain forms, no JavaScript.

use super::{Layout, form_errors, render};
use crate::auth::require_same_origin;
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::operators::{self, Operator, OperatorAuditEntry, Stage, TenantHealth};
use http::{HeaderMap, StatusCode, header};
use serde::Deserialize;

const COOKIE: &str = "civic_operator";

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/operator", get(console))
        .route("/operator/sign-in", get(sign_in_form).post(sign_in))
        .route("/operator/sign-in/code", get(code_form).post(code))
        .route("/operator/sign-in/enrol", get(enrol_form).post(enrol))
        .route("/operator/sign-out", post(sign_out))
        .route("/operator/tenants", post(create_tenant))
        .route("/operator/tenants/{slug}/suspend", post(suspend))
        .route("/operator/tenants/{slug}/resume", post(resume))
        .route("/operator/audit", get(audit))
}

fn cookie(state: &AppState, token: &str) -> String {
    let secure = if state.config.secure_cookies() { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/operator; HttpOnly; SameSite=Strict{secure}")
}

fn expired_cookie(state: &AppState) -> String {
    let secure = if state.config.secure_cookies() { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/operator; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
}

fn token_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

async fn operator_of(state: &AppState, headers: &HeaderMap) -> Result<Option<(String, Operator)>, WebError> {
    let Some(token) = token_of(headers) else {
        return Ok(None);
    };
    Ok(operators::session(&state.platform, &token)
        .await?
        .map(|operator| (token, operator)))
}

/// Where a session at this stage goes next.
fn next_step(stage: Option<Stage>) -> Redirect {
    Redirect::to(match stage {
        None => "/operator/sign-in",
        Some(Stage::Password) => "/operator/sign-in/code",
        Some(Stage::Enrol) => "/operator/sign-in/enrol",
        Some(Stage::Full) => "/operator",
    })
}

/// The signed-in operator (both factors), or the step they must take first.
async fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<Result<Operator, Response>, WebError> {
    match operator_of(state, headers).await? {
        Some((_, operator)) if operator.stage == Stage::Full => Ok(Ok(operator)),
        other => Ok(Err(next_step(other.map(|(_, o)| o.stage)).into_response())),
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

fn check_csrf(operator: &Operator, sent: &str) -> Result<(), WebError> {
    if crate::auth::constant_time_eq(operator.csrf_token.as_bytes(), sent.as_bytes()) {
        Ok(())
    } else {
        Err(WebError::Forbidden {
            code: "csrf",
            message: "the form expired; open the page again and resend it".into(),
        })
    }
}

// --- signing in -------------------------------------------------------------

#[derive(Template)]
#[template(path = "operator_sign_in.html")]
struct SignInPage {
    shell: Layout,
    /// "password", "code" or "enrol".
    step: &'static str,
    email: String,
    errors: Vec<(String, String)>,
    csrf: String,
    /// Enrolment: the QR code as a data URL, and the secret to type instead.
    qr: String,
    secret: String,
}

impl SignInPage {
    fn new(shell: Layout, step: &'static str) -> SignInPage {
        let title = shell.i.t(match step {
            "code" => "operator-code-title",
            "enrol" => "operator-enrol-title",
            _ => "operator-sign-in-title",
        });
        SignInPage {
            shell: shell.titled(title),
            step,
            email: String::new(),
            errors: Vec::new(),
            csrf: String::new(),
            qr: String::new(),
            secret: String::new(),
        }
    }
}

pub async fn sign_in_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    shell: Layout,
) -> Result<Response, WebError> {
    if let Some((_, operator)) = operator_of(&state, &headers).await? {
        return Ok(next_step(Some(operator.stage)).into_response());
    }
    Ok(render(&SignInPage::new(shell, "password"))?.into_response())
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn sign_in(
    State(state): State<AppState>,
    shell: Layout,
    address: ClientAddress,
    headers: HeaderMap,
    Form(input): Form<SignInForm>,
) -> Result<Response, WebError> {
    require_same_origin(&headers)?;
    match operators::sign_in(&state.platform, &input.email, &input.password, &address.0).await {
        Ok(opened) => Ok((
            [(header::SET_COOKIE, cookie(&state, &opened.token))],
            next_step(Some(opened.stage)),
        )
            .into_response()),
        Err(e) => match form_errors(&shell, &e) {
            Some(errors) => {
                let mut page = SignInPage::new(shell, "password");
                page.email = input.email.chars().take(254).collect();
                page.errors = errors;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
            }
            None => Err(e.into()),
        },
    }
}

pub async fn code_form(State(state): State<AppState>, headers: HeaderMap, shell: Layout) -> Result<Response, WebError> {
    match operator_of(&state, &headers).await? {
        Some((_, operator)) if operator.stage == Stage::Password => {
            let mut page = SignInPage::new(shell, "code");
            page.csrf = operator.csrf_token;
            Ok(render(&page)?.into_response())
        }
        other => Ok(next_step(other.map(|(_, o)| o.stage)).into_response()),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
}

pub async fn code(
    State(state): State<AppState>,
    shell: Layout,
    headers: HeaderMap,
    Form(input): Form<CodeForm>,
) -> Result<Response, WebError> {
    require_same_origin(&headers)?;
    let Some((token, operator)) = operator_of(&state, &headers).await? else {
        return Ok(next_step(None).into_response());
    };
    check_csrf(&operator, &input.csrf)?;
    match operators::verify_code(&state.platform, &token, &operator, &input.code).await {
        Ok(()) => Ok(Redirect::to("/operator").into_response()),
        Err(e) => code_refused(&state, shell, e, |shell, errors| {
            let mut page = SignInPage::new(shell, "code");
            page.csrf = operator.csrf_token.clone();
            page.errors = errors;
            Ok(page)
        }),
    }
}

/// A code that was not accepted: too many wrong ones end the half-open
/// session (the password again); otherwise the same step again, with why.
fn code_refused(
    state: &AppState,
    shell: Layout,
    e: civic_app::AppError,
    page: impl FnOnce(Layout, Vec<(String, String)>) -> Result<SignInPage, WebError>,
) -> Result<Response, WebError> {
    if let civic_app::AppError::TooManyRequests { .. } = e {
        return Ok(([(header::SET_COOKIE, expired_cookie(state))], next_step(None)).into_response());
    }
    match form_errors(&shell, &e) {
        Some(errors) => Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page(shell, errors)?)?).into_response()),
        None => Err(e.into()),
    }
}

/// The enrolment page: the QR code of the `otpauth://` address (and the
/// secret, for typing it in) and a field for the first code.
fn enrol_page(shell: Layout, operator: &Operator, errors: Vec<(String, String)>) -> Result<SignInPage, WebError> {
    let secret = operator.pending_secret.clone().unwrap_or_default();
    let url = operators::enrolment_url(&secret, &operator.email)?;
    let svg = qrcode::QrCode::new(url.as_bytes())
        .map_err(|e| WebError::Internal(e.to_string().into()))?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    let svg = svg.split_once("?>").map_or(svg.as_str(), |(_, rest)| rest);
    let qr = format!(
        "data:image/svg+xml,{}",
        svg.replace('%', "%25").replace('#', "%23").replace('\n', "")
    );
    let mut page = SignInPage::new(shell, "enrol");
    page.csrf = operator.csrf_token.clone();
    page.errors = errors;
    page.qr = qr;
    // Groups of four are easier to type.
    page.secret = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(page)
}

pub async fn enrol_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    shell: Layout,
) -> Result<Response, WebError> {
    match operator_of(&state, &headers).await? {
        Some((_, operator)) if operator.stage == Stage::Enrol => {
            Ok(render(&enrol_page(shell, &operator, Vec::new())?)?.into_response())
        }
        other => Ok(next_step(other.map(|(_, o)| o.stage)).into_response()),
    }
}

#[derive(Template)]
#[template(path = "operator_recovery_codes.html")]
struct RecoveryCodesPage {
    shell: Layout,
    codes: Vec<String>,
}

pub async fn enrol(
    State(state): State<AppState>,
    shell: Layout,
    headers: HeaderMap,
    Form(input): Form<CodeForm>,
) -> Result<Response, WebError> {
    require_same_origin(&headers)?;
    let Some((token, operator)) = operator_of(&state, &headers).await? else {
        return Ok(next_step(None).into_response());
    };
    check_csrf(&operator, &input.csrf)?;
    match operators::enrol(&state.platform, &token, &operator, &input.code).await {
        Ok(codes) => {
            let title = shell.i.t("operator-recovery-title");
            Ok(render(&RecoveryCodesPage {
                shell: shell.titled(title),
                codes,
            })?
            .into_response())
        }
        Err(e) => code_refused(&state, shell, e, |shell, errors| enrol_page(shell, &operator, errors)),
    }
}

pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(input): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    require_same_origin(&headers)?;
    if let Some((token, operator)) = operator_of(&state, &headers).await? {
        check_csrf(&operator, &input.csrf)?;
        operators::sign_out(&state.platform, &token).await?;
    }
    Ok(([(header::SET_COOKIE, expired_cookie(&state))], next_step(None)).into_response())
}

// --- the console -------------------------------------------------------------

#[derive(Template)]
#[template(path = "operator_console.html")]
struct ConsolePage {
    shell: Layout,
    email: String,
    csrf: String,
    tenants: Vec<TenantHealth>,
    recovery_left: i64,
    errors: Vec<(String, String)>,
    slug: String,
    name: String,
    locale: String,
    admin_email: String,
}

async fn console_page(
    state: &AppState,
    shell: Layout,
    operator: &Operator,
    errors: Vec<(String, String)>,
    input: Option<&CreateTenantForm>,
) -> Result<Html<String>, WebError> {
    let tenants = operators::tenants(&state.platform, operator).await?;
    let recovery_left = operators::unused_recovery_codes(&state.platform, operator).await?;
    let title = shell.i.t("operator-console-title");
    render(&ConsolePage {
        shell: shell.titled(title),
        email: operator.email.clone(),
        csrf: operator.csrf_token.clone(),
        tenants,
        recovery_left,
        errors,
        slug: input.map(|i| i.slug.chars().take(40).collect()).unwrap_or_default(),
        name: input.map(|i| i.name.chars().take(100).collect()).unwrap_or_default(),
        locale: input.map_or_else(|| "uk".to_string(), |i| i.locale.clone()),
        admin_email: input
            .map(|i| i.admin_email.chars().take(254).collect())
            .unwrap_or_default(),
    })
}

pub async fn console(State(state): State<AppState>, headers: HeaderMap, shell: Layout) -> Result<Response, WebError> {
    let operator = match signed_in(&state, &headers).await? {
        Ok(operator) => operator,
        Err(step) => return Ok(step),
    };
    Ok(console_page(&state, shell, &operator, Vec::new(), None)
        .await?
        .into_response())
}

#[derive(Deserialize)]
pub struct CreateTenantForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    locale: String,
    #[serde(default)]
    admin_email: String,
}

pub async fn create_tenant(
    State(state): State<AppState>,
    shell: Layout,
    headers: HeaderMap,
    Form(input): Form<CreateTenantForm>,
) -> Result<Response, WebError> {
    require_same_origin(&headers)?;
    let operator = match signed_in(&state, &headers).await? {
        Ok(operator) => operator,
        Err(step) => return Ok(step),
    };
    check_csrf(&operator, &input.csrf)?;
    let create = civic_app::tenants::CreateTenant {
        slug: &input.slug,
        name: &input.name,
        locale: Some(input.locale.as_str()).filter(|l| !l.is_empty()),
        host: None,
    };
    let invitation = Some(input.admin_email.trim())
        .filter(|e| !e.is_empty())
        .map(|email| operators::Invitation {
            email,
            base_url: &state.config.public_url,
            texts: state.catalog.as_ref(),
        });
    match operators::create_tenant(&state.platform, &operator, &create, invitation).await {
        Ok(tenant) => {
            // A visit just before may have cached "no such tenant".
            state.forget_tenant(&tenant.slug);
            Ok(Redirect::to("/operator").into_response())
        }
        Err(e) => {
            let errors = match (&e, form_errors(&shell, &e)) {
                (_, Some(errors)) => errors,
                (civic_app::AppError::Conflict { .. }, None) => {
                    vec![("slug".to_string(), shell.i.t("operator-slug-taken"))]
                }
                _ => return Err(e.into()),
            };
            let page = console_page(&state, shell, &operator, errors, Some(&input)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

async fn set_suspended(
    state: AppState,
    headers: HeaderMap,
    slug: String,
    csrf: String,
    suspended: bool,
) -> Result<Response, WebError> {
    require_same_origin(&headers)?;
    let operator = match signed_in(&state, &headers).await? {
        Ok(operator) => operator,
        Err(step) => return Ok(step),
    };
    check_csrf(&operator, &csrf)?;
    operators::set_suspended(&state.platform, &operator, &slug, suspended).await?;
    state.forget_tenant(&slug);
    Ok(Redirect::to("/operator").into_response())
}

pub async fn suspend(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(input): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    set_suspended(state, headers, slug, input.csrf, true).await
}

pub async fn resume(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(input): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    set_suspended(state, headers, slug, input.csrf, false).await
}

#[derive(Template)]
#[template(path = "operator_audit.html")]
struct AuditPage {
    shell: Layout,
    entries: Vec<OperatorAuditEntry>,
}

pub async fn audit(State(state): State<AppState>, headers: HeaderMap, shell: Layout) -> Result<Response, WebError> {
    let operator = match signed_in(&state, &headers).await? {
        Ok(operator) => operator,
        Err(step) => return Ok(step),
    };
    let entries = operators::audit_log(&state.platform, &operator).await?;
    let title = shell.i.t("operator-audit-title");
    Ok(render(&AuditPage {
        shell: shell.titled(title),
        entries,
    })?
    .into_response())
}
