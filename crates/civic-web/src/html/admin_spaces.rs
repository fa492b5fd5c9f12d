//! `/{tenant}/admin/spaces…`: tenant administrators create and run their
//! participatory spaces — settings, status, image. Officials may look at
//! the list; every change is for administrators.

use super::{Layout, render};
use crate::auth::{CurrentUser, actor, require_csrf};
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::{Admins, CsrfForm, Empty, Officials, Path, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_core::spaces::Space as SpaceRecord;
use civic_core::spaces::{self as rules, MODULES, PARTICIPATION, SettingsInput};
use civic_core::{Invalid, SpaceId};
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/admin/spaces", get(list))
        .route("/{tenant}/admin/spaces/new", get(new_form).post(create))
        .route("/{tenant}/admin/spaces/{space}/edit", get(edit_form).post(edit))
        .route("/{tenant}/admin/spaces/{space}/status", post(set_status))
        .route("/{tenant}/admin/spaces/{space}/image", post(set_image))
        .route("/{tenant}/admin/spaces/{space}/image/remove", post(remove_image))
        .route("/{tenant}/spaces/{space}/image", get(image))
}

pub struct Row {
    pub id: i64,
    pub title: String,
    pub status_key: String,
    pub idea_count: i64,
    pub poll_count: i64,
    pub conversation_count: i64,
}

#[derive(Template)]
#[template(path = "admin_spaces.html")]
struct ListPage {
    shell: Layout,
    slug: String,
    spaces: Vec<Row>,
    manages: bool,
}

/// `GET /{tenant}/admin/spaces`: every space, drafts and archived ones too.
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
) -> Result<Html<String>, WebError> {
    let role = principal.role;
    let spaces = civic_app::spaces::list_all(&state.platform, tenant.tenant_id(), role, None).await?;
    let title = shell.i.t("admin-spaces-title");
    render(&ListPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        manages: civic_app::spaces::may_manage(role),
        spaces: spaces
            .into_iter()
            .map(|s| Row {
                id: s.id.0,
                status_key: format!("space-status-{}", s.status),
                title: s.title,
                idea_count: s.idea_count.unwrap_or_default(),
                poll_count: s.poll_count.unwrap_or_default(),
                conversation_count: s.conversation_count.unwrap_or_default(),
            })
            .collect(),
    })
}

/// The settings form as typed (every field text, so a refused form comes
/// back as it was).
#[derive(Deserialize, Default)]
pub struct SpaceForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    phases: String,
    #[serde(default)]
    categories: String,
    #[serde(default)]
    districts: String,
    #[serde(default)]
    module_ideas: String,
    #[serde(default)]
    module_polls: String,
    #[serde(default)]
    module_conversations: String,
    #[serde(default)]
    participation: String,
    #[serde(default)]
    support_threshold: String,
    #[serde(default)]
    edit_window_hours: String,
    #[serde(default)]
    image_alt: String,
}

impl SpaceForm {
    fn of(space: &SpaceRecord) -> SpaceForm {
        let on = |m: &str| if space.has_module(m) { "1" } else { "" }.to_string();
        SpaceForm {
            title: space.title.clone(),
            description: space.description.clone(),
            starts_at: space
                .starts_at
                .map(|t| civic_core::Timestamp(t).iso_date())
                .unwrap_or_default(),
            ends_at: space.ends_at.map(rules::last_day).unwrap_or_default(),
            phases: rules::phase_lines(&civic_app::spaces::phases(space)),
            categories: space.categories.clone().unwrap_or_default(),
            districts: space.districts.clone().unwrap_or_default(),
            module_ideas: on("ideas"),
            module_polls: on("polls"),
            module_conversations: on("conversations"),
            participation: space.participation.clone(),
            support_threshold: space.support_threshold.to_string(),
            edit_window_hours: space.edit_window_hours.to_string(),
            image_alt: space.image_alt.clone().unwrap_or_default(),
        }
    }

    fn fresh() -> SpaceForm {
        SpaceForm {
            module_ideas: "1".into(),
            module_polls: "1".into(),
            module_conversations: "1".into(),
            participation: "registered".into(),
            support_threshold: "50".into(),
            edit_window_hours: civic_core::ideas::EDIT_WINDOW_HOURS.to_string(),
            ..SpaceForm::default()
        }
    }

    fn module(&self, m: &str) -> bool {
        let v = match m {
            "ideas" => &self.module_ideas,
            "polls" => &self.module_polls,
            _ => &self.module_conversations,
        };
        !v.trim().is_empty()
    }
}

#[derive(Template)]
#[template(path = "admin_space_form.html")]
struct FormPage {
    shell: Layout,
    slug: String,
    csrf: String,
    /// `None`: a new space.
    space: Option<SpaceRecord>,
    form: SpaceForm,
    errors: Vec<(String, String)>,
    modules: [&'static str; 3],
    participation: [&'static str; 2],
    /// The statuses the space may move to next.
    next: Vec<&'static str>,
    notice: Option<String>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.0 == field).map(|e| e.1.as_str())
    }

    fn module_on(&self, m: &&str) -> bool {
        self.form.module(m)
    }

    fn module_key(&self, m: &&str) -> String {
        format!("space-module-{m}")
    }

    fn participation_is(&self, p: &&str) -> bool {
        self.form.participation.trim() == *p
    }

    fn participation_key(&self, p: &&str) -> String {
        format!("space-participation-{p}")
    }

    fn status_key(&self, s: &str) -> String {
        format!("space-status-{s}")
    }

    fn action_key(&self, s: &&str) -> String {
        format!("space-action-{s}")
    }
}

struct Context<'a> {
    slug: &'a str,
    csrf: &'a str,
}

fn form_page(
    shell: Layout,
    at: &Context<'_>,
    space: Option<SpaceRecord>,
    form: SpaceForm,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> Result<Html<String>, WebError> {
    let title = match &space {
        Some(s) => shell.i.with("admin-space-edit-title", "title", &s.title),
        None => shell.i.t("admin-space-new-title"),
    };
    let next = space
        .as_ref()
        .map(|s| s.status.next().iter().map(|n| n.as_str()).collect())
        .unwrap_or_default();
    render(&FormPage {
        shell: shell.titled(title),
        slug: at.slug.to_string(),
        csrf: at.csrf.to_string(),
        space,
        form,
        errors,
        modules: MODULES,
        participation: PARTICIPATION,
        next,
        notice,
    })
}

/// Reads the form into settings: the dates and phases are parsed here
/// (their problems join the checks of the rules).
fn settings_of<'a>(
    form: &'a SpaceForm,
    modules: &'a [String],
    phases: &'a [rules::Phase],
) -> (SettingsInput<'a>, Vec<Invalid>) {
    let mut errors = Vec::new();
    let starts_at = rules::day_start("starts_at", &form.starts_at)
        .map_err(|e| errors.push(e))
        .unwrap_or(None);
    let ends_at = rules::day_end("ends_at", &form.ends_at)
        .map_err(|e| errors.push(e))
        .unwrap_or(None);
    let support_threshold = form.support_threshold.trim().parse::<i64>().unwrap_or(0);
    // Left empty: the usual window. Not a number reads as out of range, so
    // the rules' message names the range.
    let edit_window_hours = match form.edit_window_hours.trim() {
        "" => civic_core::ideas::EDIT_WINDOW_HOURS,
        raw => raw.parse::<i64>().unwrap_or(-1),
    };
    let input = SettingsInput {
        title: &form.title,
        description: &form.description,
        starts_at,
        ends_at,
        phases,
        categories: &form.categories,
        districts: &form.districts,
        modules,
        participation: &form.participation,
        support_threshold,
        edit_window_hours,
        image_alt: &form.image_alt,
    };
    (input, errors)
}

fn localised_errors(shell: &Layout, errors: Vec<Invalid>) -> Vec<(String, String)> {
    errors
        .into_iter()
        .map(|e| (e.field.to_string(), shell.i.t(&format!("field-error-{}", e.code))))
        .collect()
}

/// Checks and saves the form: `Ok(space)` or every problem.
async fn save(
    state: &AppState,
    tenant: &Tenant,
    principal: &civic_core::user::Principal,
    address: &ClientAddress,
    existing: Option<SpaceId>,
    form: &SpaceForm,
) -> Result<Result<SpaceRecord, Vec<Invalid>>, WebError> {
    let modules: Vec<String> = MODULES
        .iter()
        .filter(|m| form.module(m))
        .map(|m| m.to_string())
        .collect();
    let (phases, phase_error) = match rules::parse_phase_lines(&form.phases) {
        Ok(p) => (p, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    let (input, mut errors) = settings_of(form, &modules, &phases);
    errors.extend(phase_error);
    let (db, t, who, role) = (
        &state.platform,
        tenant.tenant_id(),
        actor(principal, address),
        principal.role,
    );
    if !errors.is_empty() {
        // Report the rules' problems too, without saving anything.
        if let Err(more) = rules::check(&input) {
            let more: Vec<Invalid> = more.into_iter().filter(|m| !errors_has(&errors, m.field)).collect();
            errors.extend(more);
        }
        return Ok(Err(errors));
    }
    let saved = match existing {
        None => civic_app::spaces::create(db, t, &who, role, None, &input).await,
        Some(id) => civic_app::spaces::update(db, t, &who, role, id, &input).await,
    };
    Ok(saved?)
}

fn errors_has(errors: &[Invalid], field: &str) -> bool {
    errors.iter().any(|e| e.field == field)
}

/// `GET /{tenant}/admin/spaces/new`.
pub async fn new_form(
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
) -> Result<Html<String>, WebError> {
    let at = Context {
        slug: &tenant.slug,
        csrf: &principal.csrf_token,
    };
    form_page(shell, &at, None, SpaceForm::fresh(), Vec::new(), None)
}

/// `POST /{tenant}/admin/spaces/new`: a draft, then its edit page; or the
/// form again with every problem (422).
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(form): CsrfForm<SpaceForm>,
) -> Result<Response, WebError> {
    let saved = save(&state, &tenant, &principal, &address, None, &form).await?;
    match saved {
        Ok(space) => Ok(edited(&tenant, space.id, "created")),
        Err(errors) => {
            let errors = localised_errors(&shell, errors);
            let at = Context {
                slug: &tenant.slug,
                csrf: &principal.csrf_token,
            };
            let page = form_page(shell, &at, None, form, errors, None)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

async fn any_space(state: &AppState, tenant: &Tenant, space: SpaceId) -> Result<SpaceRecord, WebError> {
    Ok(civic_app::spaces::get_for_staff(&state.platform, tenant.tenant_id(), space).await?)
}

/// Back to the space's edit page, saying what was done.
fn edited(tenant: &Tenant, space: SpaceId, done: &str) -> Response {
    Redirect::to(&format!("/{}/admin/spaces/{}/edit?done={done}", tenant.slug, space.0)).into_response()
}

/// `GET /{tenant}/admin/spaces/{space}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    Path((_, space)): Path<(String, SpaceId)>,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    let space = any_space(&state, &tenant, space).await?;
    let notice = match done.done.as_deref() {
        Some(d @ ("created" | "saved" | "status" | "image" | "image-removed")) => {
            Some(shell.i.t(&format!("admin-space-done-{d}")))
        }
        _ => None,
    };
    let at = Context {
        slug: &tenant.slug,
        csrf: &principal.csrf_token,
    };
    let form = SpaceForm::of(&space);
    form_page(shell, &at, Some(space), form, Vec::new(), notice)
}

/// `POST /{tenant}/admin/spaces/{space}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    Path((_, space)): Path<(String, SpaceId)>,
    CsrfForm(form): CsrfForm<SpaceForm>,
) -> Result<Response, WebError> {
    let space = any_space(&state, &tenant, space).await?;
    let saved = save(&state, &tenant, &principal, &address, Some(space.space_id()), &form).await?;
    match saved {
        Ok(space) => Ok(edited(&tenant, space.id, "saved")),
        Err(errors) => {
            let errors = localised_errors(&shell, errors);
            let at = Context {
                slug: &tenant.slug,
                csrf: &principal.csrf_token,
            };
            let page = form_page(shell, &at, Some(space), form, errors, None)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
}

/// `POST /{tenant}/admin/spaces/{space}/status` with `status=published|closed|archived`.
pub async fn set_status(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    Path((_, space)): Path<(String, SpaceId)>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<Response, WebError> {
    let who = actor(&principal, &address);
    civic_app::spaces::set_status(
        &state.platform,
        tenant.tenant_id(),
        &who,
        principal.role,
        space,
        &form.status,
    )
    .await?;
    Ok(edited(&tenant, space, "status"))
}

/// `POST /{tenant}/admin/spaces/{space}/image` (multipart: `csrf`, `image`).
pub async fn set_image(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Admins>,
    // The token is in the multipart body, so it is checked here, not by `CsrfForm`.
    CurrentUser(_, via): CurrentUser,
    address: ClientAddress,
    Path((_, space)): Path<(String, SpaceId)>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, WebError> {
    let mut multipart =
        multipart.map_err(|_| WebError::BadRequest("send the image as a form upload (multipart/form-data)".into()))?;
    let (mut csrf, mut image) = (String::new(), Vec::new());
    let bad = |_| WebError::BadRequest("the upload was cut off; try again".into());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.map_err(bad)?,
            Some("image") => image = field.bytes().await.map_err(bad)?.to_vec(),
            _ => {}
        }
    }
    require_csrf(&principal, &via, &csrf)?;
    let who = actor(&principal, &address);
    civic_app::spaces::set_image(&state.platform, tenant.tenant_id(), &who, principal.role, space, &image).await?;
    Ok(edited(&tenant, space, "image"))
}

/// `POST /{tenant}/admin/spaces/{space}/image/remove` (form: `csrf`).
pub async fn remove_image(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    Path((_, space)): Path<(String, SpaceId)>,
    _: CsrfForm<Empty>,
) -> Result<Response, WebError> {
    let who = actor(&principal, &address);
    civic_app::spaces::remove_image(&state.platform, tenant.tenant_id(), &who, principal.role, space).await?;
    Ok(edited(&tenant, space, "image-removed"))
}

/// `GET /{tenant}/spaces/{space}/image`: the space's image, for anyone who
/// may see the space (drafts' images for staff, as the page).
pub async fn image(
    State(state): State<AppState>,
    tenant: Tenant,
    crate::auth::MaybeUser(user): crate::auth::MaybeUser,
    Path((_, id)): Path<(String, SpaceId)>,
) -> Result<Response, WebError> {
    let viewer = user.as_ref().map(|(p, _)| p.role);
    let p = civic_app::spaces::image(&state.platform, tenant.tenant_id(), viewer, id).await?;
    Ok(super::brand::uploaded_image(p.content_type, p.bytes, p.public))
}
