//! Spaces through the API: the published list (DESIGN section 5), and
//! administrators creating and changing spaces.

use crate::auth::{CurrentUser, MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use civic_core::spaces::Space as SpaceRecord;
use civic_core::spaces::{Phase, SettingsInput, SpaceStatus};
use civic_core::{Invalid, SpaceId};
use http::{StatusCode, header};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/spaces", get(list).post(create))
        .route("/api/v1/{tenant}/spaces/{space}", put(update))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PhaseJson {
    name: String,
    starts_at: i64,
    /// Exclusive: the moment the phase is over.
    ends_at: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Space {
    id: i64,
    title: String,
    description: String,
    status: String,
    support_threshold: i64,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
    idea_count: i64,
    phases: Vec<PhaseJson>,
    categories: Vec<String>,
    districts: Vec<String>,
    /// The modules switched on: ideas, polls, conversations.
    modules: Vec<String>,
    /// Who may take part: registered or verified.
    participation: String,
    image_url: Option<String>,
    image_alt: Option<String>,
    /// Hours authors may edit an idea after posting it (0: not at all).
    edit_window_hours: i64,
}

fn space_json(slug: &str, s: SpaceRecord) -> Space {
    Space {
        phases: civic_app::spaces::phases(&s)
            .into_iter()
            .map(|p| PhaseJson {
                name: p.name,
                starts_at: p.starts_at,
                ends_at: p.ends_at,
            })
            .collect(),
        categories: s.category_choices(),
        districts: s.district_choices(),
        modules: s
            .modules
            .split(',')
            .filter(|m| !m.is_empty())
            .map(str::to_string)
            .collect(),
        image_url: s
            .image_updated_at
            .map(|at| format!("/{slug}/spaces/{}/image?v={at}", s.id)),
        image_alt: s.image_alt,
        participation: s.participation,
        id: s.id.0,
        title: s.title,
        description: s.description,
        status: s.status.to_string(),
        support_threshold: s.support_threshold,
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        idea_count: s.idea_count.unwrap_or_default(),
        edit_window_hours: s.edit_window_hours,
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SpaceList {
    items: Vec<Space>,
    next_cursor: Option<String>,
}

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
}

/// `GET /api/v1/{tenant}/spaces`: the published (and closed) spaces; staff
/// may ask for one status with `?status=` (drafts and archived included).
#[utoipa::path(get, path = "/api/v1/{tenant}/spaces", tag = "spaces", params(("tenant" = String, Path, description = "the municipality's slug"), ("status" = Option<String>, Query, description = "staff only: draft, published, closed or archived")), responses((status = 200, description = "published and closed spaces", body = SpaceList), (status = 403, description = "status asked for by someone who is not staff", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "unknown status", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    MaybeUser(user): MaybeUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<SpaceList>, WebError> {
    let t = tenant.tenant_id();
    let found = match query.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => civic_app::spaces::list_public(&state.platform, t).await?,
        Some(raw) => {
            let role = user.as_ref().map_or(civic_core::Role::Citizen, |(p, _)| p.role);
            if !civic_app::spaces::may_view_drafts(role) {
                return Err(WebError::forbidden(
                    "staff_only",
                    "only the municipality's staff can list spaces by status",
                ));
            }
            let status = SpaceStatus::parse(raw).ok_or_else(|| {
                Invalid::new(
                    "status",
                    "invalid_space_status",
                    "status is draft, published, closed or archived",
                )
            })?;
            civic_app::spaces::list_all(&state.platform, t, role, Some(status)).await?
        }
    };
    Ok(Json(SpaceList {
        items: found.into_iter().map(|s| space_json(&tenant.slug, s)).collect(),
        next_cursor: None,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PhaseInput {
    #[serde(default)]
    name: String,
    starts_at: i64,
    ends_at: i64,
}

/// Every setting of a space; a PUT replaces them all.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct SpaceInput {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
    #[serde(default)]
    phases: Vec<PhaseInput>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    districts: Vec<String>,
    /// Default: every module on.
    modules: Option<Vec<String>>,
    /// Default: registered.
    participation: Option<String>,
    /// Default: 50.
    support_threshold: Option<i64>,
    /// Hours authors may edit an idea after posting it, 0 to 720. Default: 24.
    edit_window_hours: Option<i64>,
    image_alt: Option<String>,
    /// On create: draft (default) or published. On update: a status the
    /// space may move to (draft → published → closed → archived; closed →
    /// published).
    status: Option<String>,
}

/// 422 with every problem, by field, in the error envelope.
fn invalid_response(problems: &[Invalid]) -> Response {
    let first = &problems[0];
    let fields: Vec<_> = problems
        .iter()
        .map(|p| json!({"field": p.field, "code": p.code, "message": p.message}))
        .collect();
    let body = json!({"error": {"code": first.code, "message": first.message, "fields": fields}});
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

/// What the settings borrow that the JSON holds in another shape.
struct Parts {
    phases: Vec<Phase>,
    modules: Vec<String>,
    categories: String,
    districts: String,
}

impl Parts {
    fn of(input: &SpaceInput) -> Parts {
        Parts {
            phases: input
                .phases
                .iter()
                .map(|p| Phase {
                    name: p.name.clone(),
                    starts_at: p.starts_at,
                    ends_at: p.ends_at,
                })
                .collect(),
            modules: input
                .modules
                .clone()
                .unwrap_or_else(|| civic_core::spaces::MODULES.map(String::from).to_vec()),
            categories: input.categories.join("\n"),
            districts: input.districts.join("\n"),
        }
    }

    /// The settings, with the defaults for what was left out.
    fn settings<'a>(&'a self, input: &'a SpaceInput) -> SettingsInput<'a> {
        SettingsInput {
            title: &input.title,
            description: &input.description,
            starts_at: input.starts_at,
            ends_at: input.ends_at,
            phases: &self.phases,
            categories: &self.categories,
            districts: &self.districts,
            modules: &self.modules,
            participation: input.participation.as_deref().unwrap_or("registered"),
            support_threshold: input.support_threshold.unwrap_or(50),
            edit_window_hours: input.edit_window_hours.unwrap_or(civic_core::ideas::EDIT_WINDOW_HOURS),
            image_alt: input.image_alt.as_deref().unwrap_or(""),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/{tenant}/spaces", tag = "spaces", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = SpaceInput, responses((status = 201, description = "created", body = Space), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not an administrator, or no CSRF token", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused, with a problem per field", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    ApiJson(input): ApiJson<SpaceInput>,
) -> Result<Response, WebError> {
    let role = principal.role;
    if !civic_app::spaces::may_manage(role) {
        return Err(WebError::forbidden(
            "admins_only",
            "only the municipality's administrators can create spaces",
        ));
    }
    let who = actor(&principal, &address);
    let t = tenant.tenant_id();
    let parts = Parts::of(&input);
    let settings = parts.settings(&input);
    let created = civic_app::spaces::create(&state.platform, t, &who, role, input.status.as_deref(), &settings).await?;
    match created {
        Ok(space) => {
            let location = format!("/api/v1/{}/spaces/{}", tenant.slug, space.id);
            Ok((
                StatusCode::CREATED,
                [(header::LOCATION, location)],
                Json(space_json(&tenant.slug, space)),
            )
                .into_response())
        }
        Err(problems) => Ok(invalid_response(&problems)),
    }
}

#[utoipa::path(put, path = "/api/v1/{tenant}/spaces/{space}", tag = "spaces", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), request_body = SpaceInput, responses((status = 200, description = "saved", body = Space), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not an administrator, or no CSRF token", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "archived, or changed meanwhile", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused (or a status move the lifecycle does not allow), with a problem per field", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn update(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    address: ClientAddress,
    Path((_, space)): Path<(String, String)>,
    ApiJson(input): ApiJson<SpaceInput>,
) -> Result<Response, WebError> {
    let id = SpaceId(path_id(&space)?);
    let who = actor(&principal, &address);
    let parts = Parts::of(&input);
    let saved = civic_app::spaces::update_with_status(
        &state.platform,
        tenant.tenant_id(),
        &who,
        principal.role,
        id,
        &parts.settings(&input),
        input.status.as_deref(),
    )
    .await?;
    let space = match saved {
        Ok(space) => space,
        Err(problems) => return Ok(invalid_response(&problems)),
    };
    Ok(Json(space_json(&tenant.slug, space)).into_response())
}
