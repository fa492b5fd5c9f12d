//! `/{tenant}/admin`: the town administrator's home (what needs attention,
//! participation this month against the last, every admin page), and
//! `/{tenant}/admin/settings`: the municipality's name, language, host
//! name, accent colour and logo — what `civicspace tenant update` changes,
//! through the same use case. Administrators only.

use super::{Layout, render};
use crate::auth::{CurrentUser, actor, require_csrf};
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::{Admins, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use civic_app::AppError;
use civic_app::tenants::UpdateTenant;
use civic_core::Timestamp;
use civic_core::town_admin::{FLAG_RECENT_DAYS, IDEA_ANSWER_DAYS, POLL_CLOSING_DAYS};
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/admin", get(home))
        .route("/{tenant}/admin/settings", get(settings_form).post(save_settings))
}

/// One line of "Needs attention": what waits, where it is handled.
pub struct Waiting {
    pub text: String,
    pub href: String,
    /// Past a deadline (shown in words and bold, not by colour alone).
    pub late: bool,
}

pub struct Row {
    pub label_key: String,
    pub this_month: i64,
    pub last_month: i64,
}

pub struct Closing {
    pub id: i64,
    pub title: String,
    pub closes_at: i64,
}

#[derive(Template)]
#[template(path = "admin_home.html")]
struct HomePage {
    shell: Layout,
    slug: String,
    waiting: Vec<Waiting>,
    rule: String,
    participation: Vec<Row>,
    this_month: String,
    last_month: String,
    closing: Vec<Closing>,
    closing_intro: String,
}

/// `GET /{tenant}/admin`.
pub async fn home(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
) -> Result<Html<String>, WebError> {
    let now = Timestamp::now();
    let o = civic_app::town_admin::overview(&state.platform, tenant.tenant_id(), principal.role, now).await?;
    let a = &o.attention;
    let slug = tenant.slug.as_str();
    let mut waiting = Vec::new();
    let mut add = |count: i64, key: &str, href: String, late: bool| {
        if count > 0 {
            waiting.push(Waiting {
                text: shell.i.count(key, count),
                href,
                late,
            });
        }
    };
    add(a.ideas_late, "admin-home-ideas-late", format!("/{slug}/review"), true);
    add(
        a.ideas_waiting - a.ideas_late,
        "admin-home-ideas-waiting",
        format!("/{slug}/review"),
        false,
    );
    add(
        a.flags_recent,
        "admin-home-flags",
        format!("/{slug}/moderation/flags"),
        false,
    );
    add(
        a.petitions_overdue,
        "admin-home-petitions-overdue",
        format!("/{slug}/petitions/queue"),
        true,
    );
    add(
        a.petitions_awaiting,
        "admin-home-petitions-awaiting",
        format!("/{slug}/petitions/queue"),
        false,
    );
    add(
        a.petitions_to_check,
        "admin-home-petitions-to-check",
        format!("/{slug}/petitions/queue"),
        false,
    );
    add(
        a.reports_overdue,
        "admin-home-reports-overdue",
        format!("/{slug}/reports/queue"),
        true,
    );
    add(
        a.reports_open - a.reports_overdue,
        "admin-home-reports-open",
        format!("/{slug}/reports/queue"),
        false,
    );
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("days", IDEA_ANSWER_DAYS);
    args.set("flag_days", FLAG_RECENT_DAYS);
    let rule = shell.i.with_args("admin-home-rule", &args);
    let title = shell.i.t("admin-home-title");
    let month = |at: Timestamp| {
        let (y, m, _) = at.ymd();
        format!("{y:04}-{m:02}")
    };
    render(&HomePage {
        this_month: month(o.months.this_start),
        last_month: month(o.months.last_start),
        closing_intro: shell.i.count("admin-home-polls-closing-intro", POLL_CLOSING_DAYS),
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        waiting,
        rule,
        participation: o
            .participation
            .into_iter()
            .map(|p| Row {
                label_key: format!("admin-home-kind-{}", p.kind),
                this_month: p.this_month,
                last_month: p.last_month,
            })
            .collect(),
        closing: o
            .polls_closing
            .into_iter()
            .map(|p| Closing {
                id: p.id,
                title: p.title,
                closes_at: p.closes_at,
            })
            .collect(),
    })
}

/// The settings form as typed (so a refused form comes back as it was).
#[derive(Default)]
pub struct SettingsForm {
    name: String,
    locale: String,
    host: String,
    accent: String,
    time_zone: String,
}

impl SettingsForm {
    fn of(tenant: &civic_core::tenant::Tenant) -> SettingsForm {
        SettingsForm {
            name: tenant.name.clone(),
            locale: tenant.default_locale.as_str().to_string(),
            host: tenant.host.clone().unwrap_or_default(),
            accent: tenant.accent_color.clone().unwrap_or_default(),
            time_zone: tenant.time_zone.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin_settings.html")]
struct SettingsPage {
    shell: Layout,
    slug: String,
    csrf: String,
    form: SettingsForm,
    locales: [&'static str; 2],
    /// The logo as it is now, if there is one.
    logo_url: Option<String>,
    errors: Vec<(String, String)>,
    saved: bool,
}

impl SettingsPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.0 == field).map(|e| e.1.as_str())
    }

    fn locale_key(&self, l: &&str) -> String {
        format!("language-{l}")
    }

    fn value(&self, field: &str) -> &str {
        match field {
            "name" => &self.form.name,
            "host" => &self.form.host,
            "accent" => &self.form.accent,
            "time_zone" => &self.form.time_zone,
            _ => "",
        }
    }
}

fn settings_page(
    shell: Layout,
    tenant: &Tenant,
    csrf: &str,
    form: SettingsForm,
    errors: Vec<(String, String)>,
    saved: bool,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("admin-settings-title");
    let refused = !errors.is_empty();
    render(&SettingsPage {
        shell: shell.titled_form(title, refused, "town-admin-error-prefix"),
        slug: tenant.slug.clone(),
        csrf: csrf.to_string(),
        form,
        locales: ["uk", "en"],
        logo_url: super::Site::of(tenant).logo_url,
        errors,
        saved,
    })
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `GET /{tenant}/admin/settings`.
pub async fn settings_form(
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    let saved = done.done.as_deref() == Some("saved");
    settings_page(
        shell,
        &tenant,
        &principal.csrf_token,
        SettingsForm::of(&tenant),
        Vec::new(),
        saved,
    )
}

/// `POST /{tenant}/admin/settings` (multipart: `csrf`, `name`, `locale`,
/// `host`, `accent`, `time_zone`, `logo` — a file, none keeps the logo — and
/// `remove_logo`). Saved: back to the form, which says so; refused: the
/// form again with each problem next to its field (422; 409 for a host
/// name another municipality has), nothing changed.
pub async fn save_settings(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    // The token is in the multipart body, so it is checked here.
    CurrentUser(_, via): CurrentUser,
    address: ClientAddress,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, WebError> {
    let mut multipart = multipart
        .map_err(|_| WebError::BadRequest("send the settings as a form upload (multipart/form-data)".into()))?;
    let (mut csrf, mut form, mut logo, mut remove_logo) = (String::new(), SettingsForm::default(), Vec::new(), false);
    let mut time_zone_sent = false;
    let bad = |_| WebError::BadRequest("the upload was cut off; try again".into());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.map_err(bad)?,
            Some("name") => form.name = field.text().await.map_err(bad)?,
            Some("locale") => form.locale = field.text().await.map_err(bad)?,
            Some("host") => form.host = field.text().await.map_err(bad)?,
            Some("accent") => form.accent = field.text().await.map_err(bad)?,
            Some("time_zone") => {
                form.time_zone = field.text().await.map_err(bad)?;
                time_zone_sent = true;
            }
            Some("logo") => logo = field.bytes().await.map_err(bad)?.to_vec(),
            Some("remove_logo") => remove_logo = !field.text().await.map_err(bad)?.trim().is_empty(),
            _ => {}
        }
    }
    require_csrf(&principal, &via, &csrf)?;
    let input = UpdateTenant {
        name: Some(&form.name),
        locale: Some(&form.locale),
        host: Some(&form.host),
        accent: Some(&form.accent),
        // A form without the field (an older page) keeps the zone.
        time_zone: time_zone_sent.then_some(form.time_zone.as_str()),
        // No file chosen keeps the logo; the box removes it.
        logo: if !logo.is_empty() {
            Some(logo)
        } else if remove_logo {
            Some(Vec::new())
        } else {
            None
        },
    };
    let who = actor(&principal, &address);
    let saved = civic_app::tenants::update_by_admin(&state.platform, &tenant, &who, principal.role, input).await;
    let (status, errors) = match saved {
        Ok(_) => {
            state.forget_tenant(&tenant.slug);
            return Ok(Redirect::to(&format!("/{}/admin/settings?done=saved", tenant.slug)).into_response());
        }
        Err(e @ AppError::Invalid(_)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            super::form_errors(&shell, &e).unwrap_or_default(),
        ),
        Err(AppError::Conflict { code: "host_taken", .. }) => (
            StatusCode::CONFLICT,
            vec![("host".to_string(), shell.i.t("conflict-host_taken"))],
        ),
        Err(other) => return Err(other.into()),
    };
    let page = settings_page(shell, &tenant, &principal.csrf_token, form, errors, false)?;
    Ok((status, page).into_response())
}
