//! Verified residents. `/{tenant}/account/verification`: a resident's
//! state and the census-list form (document number and date of birth).
//! `/{tenant}/admin/verification`: the census list (administrators
//! replace it with a CSV file) and the service centre (officials and
//! administrators find an account by e-mail, verify it after looking at a
//! document, or revoke it). Plain forms.

use super::form_errors as errors_of;
use super::form_field as field;
use super::{Layout, render};
use crate::auth::{CurrentUser, actor, require_csrf};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id};
use crate::extract::{Admins, CsrfForm, Officials, Path, Staff};
use crate::i18n::Messages;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::AppError;
use civic_app::verification::{self, StaffInput};
use civic_core::verification::{DOCUMENT_TYPES, Verification, age_band};
use civic_core::{Timestamp, UserId};
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/account/verification", get(mine).post(verify_mine))
        .route("/{tenant}/admin/verification", get(staff_page))
        .route("/{tenant}/admin/verification/census", post(upload_census))
        .route(
            "/{tenant}/admin/verification/accounts/{user}/verify",
            post(verify_account),
        )
        .route(
            "/{tenant}/admin/verification/accounts/{user}/revoke",
            post(revoke_account),
        )
}

/// A verification as pages show it (the account page too).
pub struct StateView {
    pub method: String,
    pub district: String,
    pub age_band: String,
    pub until: String,
    pub expired: bool,
    pub document: Option<String>,
}

impl StateView {
    pub fn of(i: &Messages, v: &Verification) -> StateView {
        let now = Timestamp::now();
        StateView {
            method: i.t(&format!("verification-method-{}", v.method)),
            district: v.district.clone(),
            age_band: i.t(&format!("verification-band-{}", age_band(v.birth_year, now.ymd().0))),
            until: i.date(v.expires_at),
            expired: !v.valid_at(now),
            document: v
                .document_type
                .as_deref()
                .map(|d| i.t(&format!("verification-document-{d}"))),
        }
    }
}

#[derive(Template)]
#[template(path = "verification.html")]
struct MinePage {
    shell: Layout,
    slug: String,
    csrf: String,
    state: Option<StateView>,
    document_number: String,
    birth_date: String,
    errors: Vec<(String, String)>,
    notice: Option<String>,
}

impl MinePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn mine_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    user: UserId,
    csrf: &str,
    typed: (&str, &str),
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> Result<Html<String>, WebError> {
    let v = verification::of(&state.platform, tenant.tenant_id(), user).await?;
    let title = shell.i.t("verification-title");
    let refused = !errors.is_empty();
    render(&MinePage {
        state: v.as_ref().map(|v| StateView::of(&shell.i, v)),
        slug: tenant.slug.clone(),
        csrf: csrf.to_string(),
        // A document number typed is shown back; a date of birth is not
        // kept anywhere, the form asks again.
        document_number: typed.0.chars().take(40).collect(),
        birth_date: typed.1.chars().take(12).collect(),
        errors,
        notice,
        shell: shell.titled_form(title, refused, "verification-error-prefix"),
    })
}

/// `GET /{tenant}/account/verification`.
pub async fn mine(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let notice = (q.done.as_deref() == Some("verified")).then(|| shell.i.t("verification-done"));
    mine_page(
        &state,
        &tenant,
        shell,
        principal.user_id,
        &principal.csrf_token,
        ("", ""),
        Vec::new(),
        notice,
    )
    .await
}

/// `POST /{tenant}/account/verification` (`document_number`,
/// `birth_date`): a match verifies the account (303 back, which says so);
/// no match or bad input: the form again (422) with the problem; the same
/// person verifying another account: 409 with why; too many tries: 429.
pub async fn verify_mine(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let who = actor(&principal, &address);
    let (doc, born) = (field(&fields, "document_number"), field(&fields, "birth_date"));
    let result =
        verification::verify_by_census(&state.platform, tenant.tenant_id(), &who, principal.user_id, doc, born).await;
    let (status, errors) = match result {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/{}/account/verification?done=verified", tenant.slug)).into_response());
        }
        Err(e) => refusal(&shell, e)?,
    };
    let html = mine_page(
        &state,
        &tenant,
        shell,
        principal.user_id,
        &principal.csrf_token,
        (doc, ""),
        errors,
        None,
    )
    .await?;
    Ok((status, html).into_response())
}

/// An account the service centre found.
pub struct FoundView {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub state: Option<StateView>,
}

#[derive(Template)]
#[template(path = "admin_verification.html")]
struct StaffPage {
    shell: Layout,
    slug: String,
    csrf: String,
    admin: bool,
    census_rows: i64,
    census_updated: Option<String>,
    /// (line number, problem) of a refused census file.
    bad_lines: Vec<(usize, String)>,
    email: String,
    searched: bool,
    found: Option<FoundView>,
    document_types: Vec<(&'static str, String)>,
    form: StaffForm,
    errors: Vec<(String, String)>,
    notice: Option<String>,
}

impl StaffPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

/// What staff typed in the verification form (shown back when refused;
/// the birth date is not).
#[derive(Default)]
pub struct StaffForm {
    pub document_type: String,
    pub district: String,
}

#[derive(Deserialize, Default)]
pub struct StaffQuery {
    email: Option<String>,
    done: Option<String>,
}

/// What a redirect back to the staff page may announce (`?done=`).
const STAFF_NOTICES: &[&str] = &["census", "verified", "revoked"];

struct StaffExtras {
    email: String,
    bad_lines: Vec<(usize, String)>,
    form: StaffForm,
    errors: Vec<(String, String)>,
    notice: Option<String>,
}

async fn staff_page_with(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &civic_core::user::Principal,
    extras: StaffExtras,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let info = verification::census_info(&state.platform, t).await?;
    let email = extras.email.trim().to_string();
    let searched = !email.is_empty();
    let mut errors = extras.errors;
    let found = if searched {
        match verification::find(&state.platform, t, principal.role, &email).await {
            Ok(found) => found.map(|f| FoundView {
                id: f.user.0,
                email: f.email,
                name: f.display_name,
                state: f.verification.as_ref().map(|v| StateView::of(&shell.i, v)),
            }),
            Err(e) => match errors_of(&shell, &e) {
                Some(mut more) => {
                    errors.append(&mut more);
                    None
                }
                None => return Err(e.into()),
            },
        }
    } else {
        None
    };
    let title = shell.i.t("verification-admin-title");
    let refused = !errors.is_empty() || !extras.bad_lines.is_empty();
    let document_types = DOCUMENT_TYPES
        .iter()
        .map(|d| (*d, shell.i.t(&format!("verification-document-{d}"))))
        .collect();
    render(&StaffPage {
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        admin: principal.role == civic_core::Role::Admin,
        census_rows: info.rows,
        census_updated: info.updated_at.map(|at| shell.i.date(at)),
        bad_lines: extras.bad_lines,
        email: email.chars().take(200).collect(),
        searched,
        found,
        document_types,
        form: extras.form,
        errors,
        notice: extras.notice,
        shell: shell.titled_form(title, refused, "verification-error-prefix"),
    })
}

/// `GET /{tenant}/admin/verification[?email=]` (officials, administrators).
pub async fn staff_page(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    Query(q): Query<StaffQuery>,
) -> Result<Html<String>, WebError> {
    let notice = q
        .done
        .filter(|d| STAFF_NOTICES.contains(&d.as_str()))
        .map(|d| shell.i.t(&format!("verification-admin-done-{d}")));
    staff_page_with(
        &state,
        &tenant,
        shell,
        &principal,
        StaffExtras {
            email: q.email.unwrap_or_default(),
            bad_lines: Vec::new(),
            form: StaffForm::default(),
            errors: Vec::new(),
            notice,
        },
    )
    .await
}

/// `POST /{tenant}/admin/verification/census` (multipart: `csrf`, the
/// file `census`). Administrators. Replaced: back with a notice; refused:
/// the page with every bad line (422), the old list unchanged.
pub async fn upload_census(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    CurrentUser(_, via): CurrentUser,
    address: ClientAddress,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, WebError> {
    let mut multipart = multipart
        .map_err(|_| WebError::BadRequest("send the census list as a form upload (multipart/form-data)".into()))?;
    let (mut csrf, mut file) = (String::new(), Vec::new());
    let bad = |_| WebError::BadRequest("the upload was cut off; try again".into());
    while let Some(f) = multipart.next_field().await.map_err(bad)? {
        match f.name() {
            Some("csrf") => csrf = f.text().await.map_err(bad)?,
            Some("census") => file = f.bytes().await.map_err(bad)?.to_vec(),
            _ => {}
        }
    }
    require_csrf(&principal, &via, &csrf)?;
    let who = actor(&principal, &address);
    match verification::replace_census(&state.platform, tenant.tenant_id(), &who, principal.role, &file).await? {
        Ok(_) => Ok(Redirect::to(&format!("/{}/admin/verification?done=census", tenant.slug)).into_response()),
        Err(lines) => {
            let bad_lines = lines
                .into_iter()
                .take(100)
                .map(|b| (b.line, super::register::localised(&shell, b.code, b.code)))
                .collect();
            let html = staff_page_with(
                &state,
                &tenant,
                shell,
                &principal,
                StaffExtras {
                    email: String::new(),
                    bad_lines,
                    form: StaffForm::default(),
                    errors: Vec::new(),
                    notice: None,
                },
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

fn user_of(raw: &str) -> Result<UserId, WebError> {
    Ok(UserId(path_id(raw)?))
}

/// `POST /{tenant}/admin/verification/accounts/{user}/verify`
/// (`document_type`, `document_number`, `birth_date`, `district`).
pub async fn verify_account(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, user)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let user = user_of(&user)?;
    let who = actor(&principal, &address);
    let input = StaffInput {
        document_type: field(&fields, "document_type"),
        document_number: field(&fields, "document_number"),
        birth_date: field(&fields, "birth_date"),
        district: field(&fields, "district"),
    };
    let t = tenant.tenant_id();
    let result = verification::verify_by_staff(&state.platform, t, &who, principal.role, user, &input).await;
    let email = field(&fields, "email").to_string();
    let (status, errors) = match result {
        Ok(_) => {
            let back = format!(
                "/{}/admin/verification?done=verified&{}",
                tenant.slug,
                email_query(&email)
            );
            return Ok(Redirect::to(&back).into_response());
        }
        Err(e) => refusal(&shell, e)?,
    };
    let html = staff_page_with(
        &state,
        &tenant,
        shell,
        &principal,
        StaffExtras {
            email,
            bad_lines: Vec::new(),
            form: StaffForm {
                document_type: input.document_type.chars().take(40).collect(),
                district: input.district.chars().take(120).collect(),
            },
            errors,
            notice: None,
        },
    )
    .await?;
    Ok((status, html).into_response())
}

/// `POST /{tenant}/admin/verification/accounts/{user}/revoke`.
pub async fn revoke_account(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, user)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let user = user_of(&user)?;
    let who = actor(&principal, &address);
    verification::revoke(&state.platform, tenant.tenant_id(), &who, principal.role, user).await?;
    let back = format!(
        "/{}/admin/verification?done=revoked&{}",
        tenant.slug,
        email_query(field(&fields, "email"))
    );
    Ok(Redirect::to(&back).into_response())
}

/// `email=…` for a query string.
fn email_query(raw: &str) -> String {
    serde_urlencoded::to_string([("email", raw.trim())]).unwrap_or_default()
}

/// How a refused verification shows on its form: the person already
/// verified on another account (409) at the document field, or the input's
/// problems (422); any other error is the error page's.
fn refusal(shell: &Layout, e: AppError) -> Result<(StatusCode, Vec<(String, String)>), WebError> {
    match e {
        AppError::Conflict {
            code: "identity_taken", ..
        } => Ok((
            StatusCode::CONFLICT,
            vec![("document_number".to_string(), shell.i.t("conflict-identity_taken"))],
        )),
        e => match errors_of(shell, &e) {
            Some(errors) => Ok((StatusCode::UNPROCESSABLE_ENTITY, errors)),
            None => Err(e.into()),
        },
    }
}
