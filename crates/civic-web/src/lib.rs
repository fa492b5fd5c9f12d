//! The HTTP layer of Civic Space: routes, extractors, pages, the JSON API,
//! errors and the middleware every request passes through.

pub mod api;
pub mod assets;
pub mod auth;
pub mod client_address;
pub mod error;
pub mod extract;
pub mod html;
pub mod i18n;
pub mod locale;
mod mail_texts;
mod markdown;
mod middleware;
pub mod node_signals;
pub mod ops;
mod page_cache;
pub mod page_views;
mod return_path;
mod search_cache;
mod space_listing_cache;
pub mod state;
pub mod tenant;
mod unread_body;
mod write_generations;

pub use state::{AppState, WebConfig};

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use http::{HeaderName, HeaderValue, StatusCode, header};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The whole application: every route, behind the middleware stack.
pub fn app(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    // Content Security Policy (`WebConfig::csp`): the map tiles' host is the
    // only other origin, for images.
    let csp = HeaderValue::from_str(&state.config.csp())
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"));
    // Router::layer wraps every route and the fallback; the last layer added
    // runs first.
    let routes = Router::new()
        .merge(html::router())
        .merge(api::router())
        .merge(ops::router())
        .merge(assets::router())
        .fallback(|| async { error::WebError::NotFound })
        .layer(from_fn_with_state(state.clone(), middleware::stale_reads_for_visitors))
        .layer(from_fn_with_state(state.clone(), middleware::tenant_cluster))
        .layer(from_fn_with_state(state.clone(), write_generations::note_writes))
        .layer(from_fn_with_state(state.clone(), page_views::count))
        .layer(from_fn(ops::track))
        .layer(RequestBodyLimitLayer::new(state.config.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            state.config.request_timeout,
        ))
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(from_fn_with_state(state.clone(), middleware::error_pages))
        .layer(from_fn(middleware::etag))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state.clone());
    // Host names are resolved before routing, so this wraps the router; an
    // unread body is read out after everything else has answered.
    let with_hosts = ServiceBuilder::new()
        .layer(from_fn(unread_body::read_unread_body))
        .layer(from_fn_with_state(state, middleware::host_routing))
        .service(routes);
    Router::new().fallback_service(with_hosts)
}
