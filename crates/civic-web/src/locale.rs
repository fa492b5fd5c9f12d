//! Which language a request is answered in: the visitor's choice (a cookie),
//! then the tenant's default, then the browser's `Accept-Language`.

use crate::state::AppState;
use crate::tenant::Tenant;
use axum::extract::{FromRequestParts, Query};
use axum::response::{IntoResponse, Redirect, Response};
use civic_core::Locale;
use http::request::Parts;
use http::{HeaderMap, header};
use serde::Deserialize;

pub const COOKIE: &str = "civic_lang";

pub fn from_cookie(headers: &HeaderMap) -> Option<Locale> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            pair.trim()
                .strip_prefix(COOKIE)?
                .strip_prefix('=')
                .and_then(Locale::parse)
        })
}

pub fn negotiate(headers: &HeaderMap, tenant_default: Option<Locale>) -> Locale {
    from_cookie(headers)
        .or(tenant_default)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default()
}

/// The language an API caller asked for: its language cookie or
/// `Accept-Language`. `None`: the API's own English texts (integrators
/// expect them, and the tenant's language is the pages' default, not the
/// API's).
pub fn negotiate_api(headers: &HeaderMap) -> Option<Locale> {
    from_cookie(headers).or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::from_accept_language)
    })
}

/// The locale of this request (extractor).
pub struct RequestLocale(pub Locale);

impl FromRequestParts<AppState> for RequestLocale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        let tenant_default = parts.extensions.get::<Tenant>().map(|t| t.locale());
        Ok(RequestLocale(negotiate(&parts.headers, tenant_default)))
    }
}

#[derive(Deserialize)]
pub struct SwitchQuery {
    to: String,
    back: Option<String>,
}

/// `GET /language?to=en&back=/demo/`: remembers the choice in a cookie and
/// returns to the page. A link, so it works without JavaScript; `back` must
/// be a path on this site (no open redirect).
pub async fn switch(Query(q): Query<SwitchQuery>) -> Response {
    let back = q
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\') && !b.chars().any(char::is_control))
        .unwrap_or_else(|| "/".to_string());
    match Locale::parse(&q.to) {
        Some(locale) => {
            let cookie = format!("{COOKIE}={locale}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
            ([(header::SET_COOKIE, cookie)], Redirect::to(&back)).into_response()
        }
        None => crate::error::WebError::BadRequest(format!("unsupported language '{}'", q.to)).into_response(),
    }
}
