//! `/{tenant}/admin/people/invite`: an administrator invites someone to the
//! town's staff (official, moderator or administrator) by e-mail; the link
//! in the mail lets them choose a password for a week. Plain form.

use super::form_errors as errors_of;
use super::{Layout, render};
use crate::auth::actor;
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::{Admins, CsrfForm, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use civic_app::AppError;
use civic_app::accounts::{self, StaffInvitation};
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new().route("/{tenant}/admin/people/invite", get(form).post(invite))
}

/// The roles one can invite to, in the order the form offers them.
const ROLES: [&str; 3] = ["official", "moderator", "admin"];

#[derive(Template)]
#[template(path = "admin_invite.html")]
struct InvitePage {
    shell: Layout,
    slug: String,
    csrf: String,
    roles: [&'static str; 3],
    email: String,
    role: String,
    errors: Vec<(String, String)>,
}

impl InvitePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    fn role_key(&self, role: &str) -> String {
        format!("role-{role}")
    }

    fn role_hint_key(&self, role: &str) -> String {
        format!("invite-role-hint-{role}")
    }
}

fn page(
    shell: Layout,
    tenant: &Tenant,
    csrf: &str,
    email: &str,
    role: &str,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("invite-title");
    let refused = !errors.is_empty();
    render(&InvitePage {
        shell: shell.titled_form(title, refused, "document-error-prefix"),
        slug: tenant.slug.clone(),
        csrf: csrf.to_string(),
        roles: ROLES,
        email: email.chars().take(254).collect(),
        role: role.to_string(),
        errors,
    })
}

async fn form(tenant: Tenant, shell: Layout, Staff(admin, _): Staff<Admins>) -> Result<Html<String>, WebError> {
    page(shell, &tenant, &admin.csrf_token, "", "official", Vec::new())
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

async fn invite(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(admin, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(input): CsrfForm<InviteForm>,
) -> Result<Response, WebError> {
    let invitation = StaffInvitation {
        email: &input.email,
        role: &input.role,
        locale: shell.i.locale,
    };
    let sent = accounts::invite_staff(
        &state.platform,
        &tenant,
        &actor(&admin, &address),
        admin.role,
        &invitation,
        &state.config.public_url,
        state.catalog.as_ref(),
    )
    .await;
    let (status, errors) = match sent {
        Ok(_) => return Ok(Redirect::to(&format!("/{}/admin/people?done=invited", tenant.slug)).into_response()),
        // The address has an account: said beside the address field.
        Err(AppError::Conflict { code, message }) => (
            StatusCode::CONFLICT,
            vec![("email".to_string(), super::register::localised(&shell, code, &message))],
        ),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
            None => return Err(e.into()),
        },
    };
    // What was typed comes back with the reason.
    let role = if ROLES.contains(&input.role.as_str()) {
        input.role.as_str()
    } else {
        "official"
    };
    let html = page(shell, &tenant, &admin.csrf_token, &input.email, role, errors)?;
    Ok((status, html).into_response())
}
