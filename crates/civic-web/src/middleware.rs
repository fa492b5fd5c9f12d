//! Middleware around the router: tenant host names, and error responses
//! rendered as pages or JSON.

use crate::error::{ErrorInfo, default_code};
use crate::html::{Layout, Site, render};
use crate::i18n::Messages;
use crate::locale;
use crate::state::AppState;
use askama::Template;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use civic_core::HostName;
use http::{HeaderName, StatusCode, Uri, header};

/// Paths that belong to the platform on every host name.
const PLATFORM_PATHS: &[&str] = &[
    "/static",
    "/favicon.ico",
    "/favicon.svg",
    "/healthz",
    "/readyz",
    "/language",
    "/api/v1/openapi.json",
];

/// True when `path` is `prefix` or below it (whole segments only, so that a
/// tenant slug like `healthzone` is not mistaken for `/healthz`).
fn is_under(path: &str, prefix: &str) -> bool {
    path == prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'))
}

/// A tenant with its own host name is served at that host's root: the path
/// is rewritten to the tenant's prefix before routing (`/` → `/bucha/`,
/// `/api/v1/spaces` → `/api/v1/bucha/spaces`). Paths that already carry the
/// prefix, and platform paths, pass unchanged.
pub async fn host_routing(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().host())
        .and_then(HostName::from_header);
    let Some(host) = host else {
        return next.run(request).await;
    };
    if PLATFORM_PATHS.iter().any(|p| is_under(request.uri().path(), p)) {
        return next.run(request).await;
    }
    // The lookup keeps the last known host names when the database is down,
    // so a tenant's host keeps routing to it (and its pages answer 503).
    let Some(slug) = state.tenants.slug_for_host(&state.platform, host.as_str()).await else {
        return next.run(request).await;
    };
    let path = request.uri().path();
    let own = format!("/{slug}");
    let rewritten = if is_under(path, &own) {
        None
    } else if let Some(rest) = path.strip_prefix("/api/v1") {
        if is_under(rest, &own) {
            None
        } else {
            Some(format!("/api/v1{own}{rest}"))
        }
    } else {
        Some(format!("{own}{path}"))
    };
    if let Some(new_path) = rewritten {
        let with_query = match request.uri().query() {
            Some(q) => format!("{new_path}?{q}"),
            None => new_path,
        };
        if let Ok(uri) = with_query.parse::<Uri>() {
            *request.uri_mut() = uri;
        }
    }
    next.run(request).await
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    shell: Layout,
    heading: String,
    text: String,
    detail: Option<String>,
    request_id: Option<String>,
    home: String,
    /// A 401: the page offers to sign in and come back here.
    sign_in: bool,
    /// Refused for not being a verified resident: the page links to the
    /// verification page.
    verify: Option<String>,
}

/// Turns every error response that is not already a page or a document into
/// one: the JSON envelope under `/api/`, a localised page in the shell
/// elsewhere. Errors made by the router or a layer (unknown route, body too
/// large, timeout, panic) are covered as well as handler errors.
/// With read replicas, what a visitor who is not signed in reads (GET and
/// HEAD, no session, no token) may come from a replica a moment behind; a
/// signed-in person reads from the primary, and so always sees their own
/// writes.
pub async fn stale_reads_for_visitors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.platform.has_replicas() && is_visitors_read(request.method(), request.headers()) {
        civic_app::platform::with_stale_reads(next.run(request)).await
    } else {
        next.run(request).await
    }
}

/// With tenants on several PostgreSQL clusters, runs a tenant's request on
/// the cluster that holds its rows. The tenant is found in the directory
/// (the main cluster) from the path, after host names were mapped to it.
pub async fn tenant_cluster(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.platform.has_clusters() {
        return next.run(request).await;
    }
    let tenant = match tenant_segment(request.uri().path()) {
        Some(slug) => state.tenants.by_slug(&state.platform, slug).await.ok().flatten(),
        None => None,
    };
    match tenant {
        None => next.run(request).await,
        Some(tenant) => match civic_app::platform::for_tenant(&state.platform, tenant.id, next.run(request)).await {
            Ok(response) => response,
            Err(e) => crate::error::WebError::from(e).into_response(),
        },
    }
}

/// The tenant's segment of a path: `/{tenant}/…` or `/api/v1/{tenant}/…`.
fn tenant_segment(path: &str) -> Option<&str> {
    let rest = path.strip_prefix('/')?;
    let rest = rest.strip_prefix("api/v1/").unwrap_or(rest);
    rest.split('/').next().filter(|s| !s.is_empty())
}

/// A read (GET or HEAD) by someone not signed in: no session cookie, no token.
fn is_visitors_read(method: &http::Method, headers: &http::HeaderMap) -> bool {
    matches!(*method, http::Method::GET | http::Method::HEAD)
        && !headers.contains_key(header::AUTHORIZATION)
        && !headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, _)| name == crate::auth::SESSION_COOKIE || name == crate::auth::SECURE_SESSION_COOKIE)
}

pub async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    // Only a page that was read can be returned to after signing in (a
    // form's address answers 405 to a GET).
    let readable = matches!(*request.method(), http::Method::GET | http::Method::HEAD);
    // Only what an error page needs is kept (not the whole header map: this
    // runs on every request).
    let mut headers = http::HeaderMap::new();
    for name in [
        header::COOKIE,
        header::ACCEPT_LANGUAGE,
        HeaderName::from_static("x-request-id"),
    ] {
        for value in request.headers().get_all(&name) {
            headers.append(name.clone(), value.clone());
        }
    }
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let info = response.extensions().get::<ErrorInfo>().cloned();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if info.is_none() && !(content_type.is_empty() || content_type.starts_with("text/plain")) {
        // A handler rendered its own error (a form with messages, say).
        return response;
    }
    let (parts, body) = response.into_parts();
    let info = match info {
        Some(info) => info,
        None => {
            // Rejections from extractors carry a useful text (which query
            // parameter failed to parse, say); keep it for 4xx.
            let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
            let text = String::from_utf8_lossy(&text).trim().to_string();
            ErrorInfo {
                code: default_code(status).to_string(),
                message: (status.is_client_error() && !text.is_empty()).then_some(text),
                key: None,
                fields: Vec::new(),
            }
        }
    };
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);

    // The tenant, when the path names one we know, so the page keeps its
    // header; never a reason for another error.
    let tenant = tenant_of(&state, &path).await;
    let locale = locale::negotiate(&headers, tenant.as_ref().map(|t| t.locale()));
    let i = Messages::new(state.catalog.clone(), locale);
    // Statuses without their own message use their class's (400 or 500).
    let code = if state.catalog.has(&format!("error-title-{}", status.as_u16())) {
        status.as_u16()
    } else if status.is_server_error() {
        500
    } else {
        400
    };
    // The one place an error's message is put in the reader's language.
    let api = path.starts_with("/api/");
    let api_locale = api.then(|| locale::negotiate_api(&headers)).flatten();
    let i = match api_locale {
        Some(asked) => Messages::new(state.catalog.clone(), asked),
        None if api => Messages::new(state.catalog.clone(), civic_core::Locale::En),
        None => i,
    };
    let generic = i.t(&format!("error-text-{code}"));
    let translated = match (api, api_locale) {
        // The use case's own English text keeps its details.
        (true, None | Some(civic_core::Locale::En)) => info.message.clone(),
        _ => info
            .key
            .as_deref()
            .and_then(|key| i.translated(key))
            .or(info.message.clone()),
    };
    let mut response = if api {
        let message = translated.unwrap_or(generic);
        let mut error = serde_json::json!({ "code": info.code, "message": message });
        // A refusal names its reason (`blocked`, `same_moderator`…) beside
        // the envelope's `forbidden`.
        if let Some(reason) = info.key.as_deref().and_then(|k| k.strip_prefix("forbidden-")) {
            error["reason"] = reason.into();
        }
        if !info.fields.is_empty() {
            error["fields"] = info
                .fields
                .iter()
                .map(|p| serde_json::json!({ "field": p.field, "code": p.code, "message": i.problem(p) }))
                .collect();
        }
        (status, axum::Json(serde_json::json!({ "error": error }))).into_response()
    } else {
        let heading = i.t(&format!("error-title-{code}"));
        let site = tenant.as_deref().map(Site::of);
        let home = site.as_ref().map_or("/".to_string(), |s| format!("/{}/", s.slug));
        let verify = (info.key.as_deref() == Some("forbidden-verified_only"))
            .then(|| site.as_ref().map(|s| format!("/{}/account/verification", s.slug)))
            .flatten();
        let page = ErrorPage {
            shell: Layout::new(i, site, if readable { &path } else { &home }).titled(heading.clone()),
            heading,
            text: generic,
            detail: translated.filter(|_| status.is_client_error() && status != StatusCode::NOT_FOUND),
            request_id: request_id.filter(|_| status.is_server_error()),
            home,
            sign_in: status == StatusCode::UNAUTHORIZED,
            verify,
        };
        match render(&page) {
            Ok(html) => (status, html).into_response(),
            Err(_) => (status, "error").into_response(),
        }
    };
    // Keep headers set by whoever made the error (Retry-After, Allow…).
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            response.headers_mut().append(name.clone(), value.clone());
        }
    }
    response
}

async fn tenant_of(state: &AppState, path: &str) -> Option<std::sync::Arc<civic_core::tenant::Tenant>> {
    let rest = path.strip_prefix("/api/v1/").or_else(|| path.strip_prefix('/'))?;
    let slug = rest.split('/').next()?;
    state.tenants.by_slug(&state.platform, slug).await.ok().flatten()
}

/// A panic in a handler is a bug: logged, and answered as a 500 page.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "handler panicked");
    let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
    response.extensions_mut().insert(ErrorInfo {
        code: "internal_error".into(),
        message: None,
        key: None,
        fields: Vec::new(),
    });
    response
}

/// HTML pages get a validator: a weak ETag over the body, and 304 when the
/// browser already has it. `no-cache` makes browsers revalidate each time,
/// which then costs a few bytes instead of the page.
pub async fn etag(request: Request, next: Next) -> Response {
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let cacheable = request.method() == http::Method::GET || request.method() == http::Method::HEAD;
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !cacheable || response.status() != StatusCode::OK || !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 8 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let tag = format!("W/\"{}\"", crate::assets::fingerprint(&bytes));
    parts
        .headers
        .insert(header::CACHE_CONTROL, http::HeaderValue::from_static("no-cache"));
    if let Ok(value) = http::HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, value);
    }
    let matches = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod stale_read_tests {
    use super::is_visitors_read;
    use http::{HeaderMap, HeaderValue, Method, header};

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        h
    }

    #[test]
    fn only_reads_of_people_not_signed_in_may_be_stale() {
        assert!(is_visitors_read(&Method::GET, &headers(&[])));
        assert!(is_visitors_read(
            &Method::HEAD,
            &headers(&[(header::COOKIE, "civic_lang=uk")])
        ));
        assert!(!is_visitors_read(&Method::POST, &headers(&[])));
        assert!(!is_visitors_read(
            &Method::GET,
            &headers(&[(header::COOKIE, "civic_lang=uk; civic_session=abc")])
        ));
        assert!(!is_visitors_read(
            &Method::GET,
            &headers(&[(header::COOKIE, "__Host-civic_session=abc")])
        ));
        assert!(!is_visitors_read(
            &Method::GET,
            &headers(&[(header::AUTHORIZATION, "Bearer t")])
        ));
        // A cookie merely named like the session's is not it.
        assert!(is_visitors_read(
            &Method::GET,
            &headers(&[(header::COOKIE, "civic_session_old=x")])
        ));
    }
}

#[cfg(test)]
mod tenant_cluster_tests {
    use super::tenant_segment;

    #[test]
    fn the_tenant_is_the_first_segment_of_pages_and_the_third_of_the_api() {
        assert_eq!(tenant_segment("/bucha/ideas/4"), Some("bucha"));
        assert_eq!(tenant_segment("/bucha"), Some("bucha"));
        assert_eq!(tenant_segment("/api/v1/bucha/petitions"), Some("bucha"));
        assert_eq!(tenant_segment("/"), None);
        assert_eq!(tenant_segment("/api/v1/"), None);
        assert_eq!(tenant_segment("relative"), None);
    }
}
