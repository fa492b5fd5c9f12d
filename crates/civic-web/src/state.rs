use crate::i18n::Catalog;
use crate::tenant::TenantCache;
use civic_app::Platform;
use metrics_exporter_prometheus::PrometheusHandle;
use std::sync::Arc;
use std::time::Duration;

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Largest request body accepted, in bytes (413 beyond).
    pub body_limit: usize,
    /// Longest a request may run before it is answered 503.
    pub request_timeout: Duration,
    /// The public address of the platform, for links in e-mail
    /// (e.g. `https://civic.example`).
    pub public_url: String,
    /// Idle and absolute lifetimes of sessions, by role.
    pub sessions: civic_app::auth::SessionPolicy,
    /// A reverse proxy in front appends the client's address to
    /// `X-Forwarded-For`; without one the header is ignored (clients could
    /// forge it to dodge rate limits).
    pub trust_proxy: bool,
    /// Map tiles (issue 20): an URL template with `{z}`, `{x}`, `{y}` (and
    /// optionally `{s}`, `{r}`), absolute or on this site (`/tiles/…`).
    /// Its host is added to the CSP for images only.
    pub map_tiles: String,
    /// The tiles' attribution (plain text), shown on every map.
    pub map_attribution: String,
    /// Whether lists and pages every visitor sees alike are kept for a
    /// moment (`space_listing_cache.rs`, `page_cache.rs`,
    /// `search_cache.rs`). Always on in service; tests that count the
    /// queries a page makes turn it off, so every request reads anew.
    pub keep_copies: bool,
    /// How long a kept copy may be served when no write to its tenant was
    /// heard of: the limit for changes whose signal was lost.
    pub copies_fresh_for: Duration,
}

/// The OpenStreetMap standard tiles, and the attribution their use requires.
pub const DEFAULT_MAP_TILES: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
pub const DEFAULT_MAP_ATTRIBUTION: &str = "© OpenStreetMap contributors";

/// The origin the CSP must allow images from for a tile URL template:
/// `None` for tiles on this site, the scheme and host (`{s}` as `*`) for
/// others. A template that is not http(s) or a path, lacks `{z}`, `{x}` or
/// `{y}`, or whose host is not a plain host name, is refused.
pub fn map_tile_origin(template: &str) -> Result<Option<String>, String> {
    let template = template.trim();
    if !(template.contains("{z}") && template.contains("{x}") && template.contains("{y}")) {
        return Err(format!("map_tiles {template:?} must contain {{z}}, {{x}} and {{y}}"));
    }
    if template.starts_with('/') && !template.starts_with("//") {
        return Ok(None);
    }
    let Some((scheme, rest)) = template.split_once("://") else {
        return Err(format!("map_tiles {template:?} must start with https://, http:// or /"));
    };
    if scheme != "https" && scheme != "http" {
        return Err(format!("map_tiles {template:?} must start with https://, http:// or /"));
    }
    let host = rest.split('/').next().unwrap_or_default().replace("{s}", "*");
    let plain = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '*'));
    if !plain {
        return Err(format!(
            "map_tiles {template:?}: the host must be a host name (with {{s}} at most)"
        ));
    }
    Ok(Some(format!("{scheme}://{host}")))
}

impl WebConfig {
    /// The Content Security Policy: no inline script or style, nothing
    /// from other origins but the map tiles (images only), no framing.
    pub fn csp(&self) -> String {
        let tiles = map_tile_origin(&self.map_tiles).ok().flatten();
        format!(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:{}; \
             font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            tiles.map(|t| format!(" {t}")).unwrap_or_default()
        )
    }

    /// Over https the session cookie is `Secure` and `__Host-` prefixed, so
    /// no plain-http page or sibling host can set or read it.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            body_limit: 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            public_url: "http://127.0.0.1:8080".into(),
            sessions: civic_app::auth::SessionPolicy::default(),
            trust_proxy: false,
            map_tiles: DEFAULT_MAP_TILES.into(),
            map_attribution: DEFAULT_MAP_ATTRIBUTION.into(),
            keep_copies: true,
            copies_fresh_for: crate::space_listing_cache::FRESH_FOR,
        }
    }
}

/// What every handler may reach. Cloned by every middleware layer and
/// extractor of every request, so a clone is one reference count: the
/// fields live in [`Shared`], reached through `Deref` (`state.platform`).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    /// The platform's data, reached only through use cases.
    pub platform: Platform,
    pub tenants: Arc<TenantCache>,
    pub catalog: Arc<Catalog>,
    pub metrics: PrometheusHandle,
    pub config: Arc<WebConfig>,
    /// Writes per tenant through this node, and the lists kept until one.
    pub writes: crate::write_generations::TenantWrites,
    pub listings: crate::space_listing_cache::Listings,
    pub searches: crate::search_cache::Searches,
    pub pages: crate::page_cache::Pages,
    /// What this node has to tell the other nodes.
    pub signals: crate::node_signals::Outbox,
    /// Page views counted on this node since they were last written.
    pub views: crate::page_views::Counter,
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    pub fn new(platform: Platform, config: WebConfig) -> AppState {
        AppState(Arc::new(Shared {
            platform,
            tenants: Arc::new(TenantCache::default()),
            catalog: Catalog::load(),
            metrics: crate::ops::metrics_handle(),
            config: Arc::new(config),
            writes: Default::default(),
            listings: Default::default(),
            searches: Default::default(),
            pages: Default::default(),
            signals: Default::default(),
            views: Default::default(),
        }))
    }

    /// Forgets the tenant's kept lookup on this node and every other one:
    /// after a change of its settings, host or suspension.
    pub fn forget_tenant(&self, slug: &str) {
        self.tenants.forget(slug);
        self.signals.tenant_changed(slug);
    }
}
