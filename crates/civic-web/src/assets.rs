//! Static assets, embedded in the binary and served under content-hashed
//! names with a year-long cache lifetime: a new release changes the name.

use axum::Router;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::{StatusCode, header};
use std::sync::LazyLock;

const CSS: &str = include_str!("../assets/app.css");
const JS: &str = include_str!("../assets/app.js");

pub struct Asset {
    pub url: String,
    pub body: &'static str,
    pub content_type: &'static str,
}

/// FNV-1a: a stable fingerprint for cache busting, not for security.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", hash & 0xffff_ffff_ffff)
}

pub static STYLESHEET: LazyLock<Asset> = LazyLock::new(|| Asset {
    url: format!("/static/app-{}.css", fingerprint(CSS.as_bytes())),
    body: CSS,
    content_type: "text/css; charset=utf-8",
});

pub static SCRIPT: LazyLock<Asset> = LazyLock::new(|| Asset {
    url: format!("/static/app-{}.js", fingerprint(JS.as_bytes())),
    body: JS,
    content_type: "text/javascript; charset=utf-8",
});

// Maps (issue 20): Leaflet 1.9.4 and leaflet.markercluster 1.5.3, vendored
// unchanged from npm (assets/vendor/, with their licences), joined into one
// script and one stylesheet, and our own map script. Only pages with a map
// load them (`Layout::with_map`).
const MAP_VENDOR_JS: &str = concat!(
    include_str!("../assets/vendor/leaflet-1.9.4/leaflet.js"),
    "\n;\n",
    include_str!("../assets/vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js"),
);
const MAP_VENDOR_CSS: &str = concat!(
    include_str!("../assets/vendor/leaflet-1.9.4/leaflet.css"),
    "\n",
    include_str!("../assets/vendor/leaflet.markercluster-1.5.3/MarkerCluster.css"),
);
const MAP_JS: &str = include_str!("../assets/map.js");

pub static MAP_LIBRARY: LazyLock<Asset> = LazyLock::new(|| Asset {
    url: format!("/static/leaflet-{}.js", fingerprint(MAP_VENDOR_JS.as_bytes())),
    body: MAP_VENDOR_JS,
    content_type: "text/javascript; charset=utf-8",
});

pub static MAP_STYLESHEET: LazyLock<Asset> = LazyLock::new(|| Asset {
    url: format!("/static/leaflet-{}.css", fingerprint(MAP_VENDOR_CSS.as_bytes())),
    body: MAP_VENDOR_CSS,
    content_type: "text/css; charset=utf-8",
});

pub static MAP_SCRIPT: LazyLock<Asset> = LazyLock::new(|| Asset {
    url: format!("/static/map-{}.js", fingerprint(MAP_JS.as_bytes())),
    body: MAP_JS,
    content_type: "text/javascript; charset=utf-8",
});

/// The platform's icon, for browsers' tabs and bookmarks: an ICO at the
/// address every browser asks for, and an SVG the pages link to.
const FAVICON_ICO: &[u8] = include_bytes!("../assets/favicon.ico");
const FAVICON_SVG: &str = include_str!("../assets/favicon.svg");

pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/static/{file}", get(serve))
        .route("/favicon.ico", get(favicon_ico))
        .route("/favicon.svg", get(favicon_svg))
}

/// A day: the icon's address has no fingerprint, browsers ask for it by name.
const ICON_CACHE: &str = "public, max-age=86400";

async fn favicon_ico() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/x-icon"),
            (header::CACHE_CONTROL, ICON_CACHE),
        ],
        FAVICON_ICO,
    )
        .into_response()
}

async fn favicon_svg() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, ICON_CACHE),
        ],
        FAVICON_SVG,
    )
        .into_response()
}

async fn serve(Path(file): Path<String>) -> Response {
    let found = [&*STYLESHEET, &*SCRIPT, &*MAP_LIBRARY, &*MAP_STYLESHEET, &*MAP_SCRIPT]
        .into_iter()
        .find(|asset| asset.url.strip_prefix("/static/") == Some(file.as_str()));
    if let Some(asset) = found {
        (
            [
                (header::CONTENT_TYPE, asset.content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            asset.body,
        )
            .into_response()
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}
