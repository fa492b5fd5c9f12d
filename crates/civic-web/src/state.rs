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
}

impl WebConfig {
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
        }))
    }
}
