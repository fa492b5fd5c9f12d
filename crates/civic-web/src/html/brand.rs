//! A tenant's own look: a stylesheet that sets its accent colour (CSP allows
//! no inline style) and its logo. Both URLs carry a version, so they are
//! cached for a year and change when the tenant changes them.

use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use civic_app::tenants;
use http::header;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/brand/theme.css", get(theme))
        .route("/{tenant}/brand/logo", get(logo))
}

pub(super) const IMMUTABLE: &str = "public, max-age=31536000, immutable";

pub async fn theme(tenant: Tenant) -> Result<Response, WebError> {
    let accent = tenant.accent_color.as_deref().ok_or(WebError::NotFound)?;
    // Light scheme only: dark mode and high contrast keep their own tokens,
    // which were checked once; the tenant's colour was checked on light.
    let css = format!(
        "@media (prefers-color-scheme: light) and (not (prefers-contrast: more)) {{ :root {{ --accent: {accent}; }} }}\n"
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, IMMUTABLE),
        ],
        css,
    )
        .into_response())
}

pub async fn logo(State(state): State<AppState>, tenant: Tenant) -> Result<Response, WebError> {
    let (content_type, bytes) = tenants::logo(&state.platform, tenant.tenant_id())
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(uploaded_image(content_type, bytes, true))
}

/// An image someone uploaded (a logo, a space's or an option's picture):
/// its checked type, shown inline, never offered as a download. A public
/// one is cached for good (pages link it with a version); one of a draft is
/// for staff only, so no shared cache may keep it.
pub(super) fn uploaded_image(content_type: String, bytes: Vec<u8>, public: bool) -> Response {
    let cache = if public { IMMUTABLE } else { "private, no-store" };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, cache.to_string()),
            (header::CONTENT_DISPOSITION, "inline".to_string()),
        ],
        bytes,
    )
        .into_response()
}
