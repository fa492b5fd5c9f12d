//! Maps (issue 20): where the municipality's maps open, set by its
//! administrators on `/{tenant}/admin/map` (centre and zoom, audited), and
//! what a page with a map tells our map script ([`MapSetup`]).

use super::form_errors as errors_of;
use super::form_field as field;
use super::{Layout, render};
use crate::auth::actor;
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::{Admins, CsrfForm, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use civic_core::maps::{MapView, ZOOM_MAX, ZOOM_MIN};
use civic_core::user::Principal;
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new().route("/{tenant}/admin/map", get(admin).post(save))
}

/// Where a page's map opens, as `data-*` attributes of its container.
pub struct MapSetup {
    pub lat: String,
    pub lon: String,
    pub zoom: i64,
}

impl MapSetup {
    pub fn of(view: MapView) -> MapSetup {
        MapSetup {
            lat: view.lat().to_string(),
            lon: view.lon().to_string(),
            zoom: view.zoom,
        }
    }
}

/// Where the tenant's maps open.
pub async fn setup(state: &AppState, tenant: &Tenant) -> Result<MapSetup, WebError> {
    let (view, _) = civic_app::maps::view(&state.platform, tenant.tenant_id()).await?;
    Ok(MapSetup::of(view))
}

#[derive(Template)]
#[template(path = "admin_map.html")]
struct AdminMapPage {
    shell: Layout,
    slug: String,
    csrf: String,
    lat: String,
    lon: String,
    zoom: String,
    /// The administrators set the view (else it is the fallback).
    set: bool,
    saved: bool,
    errors: Vec<(String, String)>,
    zoom_min: i64,
    zoom_max: i64,
    map: MapSetup,
}

impl AdminMapPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
}

/// What the form shows: the values typed (after a refusal) or the view.
struct Typed {
    lat: String,
    lon: String,
    zoom: String,
    errors: Vec<(String, String)>,
}

async fn page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    saved: bool,
    typed: Option<Typed>,
) -> Result<Html<String>, WebError> {
    let (view, set) = civic_app::maps::view(&state.platform, tenant.tenant_id()).await?;
    let typed = typed.unwrap_or_else(|| Typed {
        lat: view.lat().to_string(),
        lon: view.lon().to_string(),
        zoom: view.zoom.to_string(),
        errors: Vec::new(),
    });
    let title = shell.i.t("map-admin-title");
    let shell = shell
        .titled_form(title, !typed.errors.is_empty(), "report-error-prefix")
        .with_map();
    render(&AdminMapPage {
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        lat: typed.lat,
        lon: typed.lon,
        zoom: typed.zoom,
        set,
        saved,
        errors: typed.errors,
        zoom_min: ZOOM_MIN,
        zoom_max: ZOOM_MAX,
        map: MapSetup::of(view),
        shell,
    })
}

pub async fn admin(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let saved = query.done.as_deref() == Some("saved");
    page(&state, &tenant, shell, &principal, saved, None).await
}

pub async fn save(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let cut = |name: &str| field(&fields, name).chars().take(40).collect::<String>();
    let (lat, lon, zoom) = (cut("lat"), cut("lon"), cut("zoom"));
    let result = civic_app::maps::set_view(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        &lat,
        &lon,
        &zoom,
    )
    .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/{}/admin/map?done=saved#main", tenant.slug)).into_response()),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let typed = Typed { lat, lon, zoom, errors };
                let html = page(&state, &tenant, shell, &principal, false, Some(typed)).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}
