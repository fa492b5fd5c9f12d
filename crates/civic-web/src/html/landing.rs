//! `/`: the municipalities on this platform, or straight to the only one.

use super::{Layout, render};
use crate::error::WebError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use civic_app::tenants;
use civic_core::tenant::Tenant as TenantRecord;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show))
}

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing {
    shell: Layout,
    tenants: Vec<TenantRecord>,
}

pub async fn show(State(state): State<AppState>, shell: Layout) -> Result<Response, WebError> {
    let tenants = tenants::list(&state.platform).await?;
    if let [only] = tenants.as_slice() {
        return Ok(Redirect::to(&format!("/{}/", only.slug)).into_response());
    }
    let title = shell.i.t("landing-title");
    Ok(render(&Landing {
        shell: shell.titled(title),
        tenants,
    })?
    .into_response())
}
