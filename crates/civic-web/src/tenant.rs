//! Finding the tenant a request is for: from the first path segment, or from
//! the host name a tenant has its own domain at. Lookups are cached for a few
//! seconds so a page costs no tenant query, while a tenant created by the CLI
//! in another process appears within that time.

use crate::error::WebError;
use crate::state::AppState;
use axum::extract::{FromRequestParts, RawPathParams};
use civic_app::Platform;
use civic_app::tenants;
use civic_core::tenant::Tenant as TenantRecord;
use http::request::Parts;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_secs(5);

type Entry = (Instant, Option<Arc<TenantRecord>>);
/// Host name → tenant slug, as loaded at an instant.
type HostMap = (Instant, Arc<HashMap<String, String>>);

#[derive(Default)]
pub struct TenantCache {
    by_slug: RwLock<HashMap<String, Entry>>,
    hosts: RwLock<Option<HostMap>>,
}

impl TenantCache {
    pub async fn by_slug(&self, db: &Platform, slug: &str) -> Result<Option<Arc<TenantRecord>>, WebError> {
        if let Some((at, hit)) = self.by_slug.read().expect("lock").get(slug)
            && at.elapsed() < TTL
        {
            return Ok(hit.clone());
        }
        // Only a plausible slug reaches the database: a scanner's random
        // paths cannot fill the cache or cost a query each.
        if civic_core::TenantSlug::parse(slug).is_err() {
            return Ok(None);
        }
        let found = tenants::by_slug(db, slug).await?.map(Arc::new);
        let mut map = self.by_slug.write().expect("lock");
        if map.len() > 10_000 {
            map.retain(|_, (at, _)| at.elapsed() < TTL);
            // Still full of fresh entries (someone is probing slugs): start over
            // rather than grow without bound.
            if map.len() > 10_000 {
                map.clear();
            }
        }
        map.insert(slug.to_string(), (Instant::now(), found.clone()));
        Ok(found)
    }

    /// Forgets what this node keeps of the tenant at `slug` and of every
    /// host name, so a change of settings shows on the next request here.
    /// `AppState::forget_tenant` also tells the other nodes.
    pub fn forget(&self, slug: &str) {
        self.by_slug.write().expect("lock").remove(slug);
        *self.hosts.write().expect("lock") = None;
    }

    /// Forgets every tenant: when changes may have been missed.
    pub fn forget_all(&self) {
        self.by_slug.write().expect("lock").clear();
        *self.hosts.write().expect("lock") = None;
    }

    /// The slug of the tenant served at `host`, if any. When the database
    /// cannot be asked, the last known host names are used (logged), so
    /// routing never fails by itself.
    pub async fn slug_for_host(&self, db: &Platform, host: &str) -> Option<String> {
        let cached = self.hosts.read().expect("lock").clone();
        let hosts = match cached {
            Some((at, hosts)) if at.elapsed() < TTL => hosts,
            stale => match tenants::list(db).await {
                Ok(all) => {
                    let hosts: HashMap<_, _> = all.into_iter().filter_map(|t| t.host.map(|h| (h, t.slug))).collect();
                    let hosts = Arc::new(hosts);
                    *self.hosts.write().expect("lock") = Some((Instant::now(), hosts.clone()));
                    hosts
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot refresh tenant host names; using the last known");
                    stale.map(|(_, hosts)| hosts).unwrap_or_default()
                }
            },
        };
        hosts.get(host).cloned()
    }
}

/// The tenant named by the `{tenant}` segment of the route. Unknown tenants
/// are 404 before any handler runs.
#[derive(Clone)]
pub struct Tenant(pub Arc<TenantRecord>);

impl std::ops::Deref for Tenant {
    type Target = TenantRecord;
    fn deref(&self) -> &TenantRecord {
        &self.0
    }
}

impl FromRequestParts<AppState> for Tenant {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(tenant) = parts.extensions.get::<Tenant>() {
            return Ok(tenant.clone());
        }
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| WebError::NotFound)?;
        let slug = params
            .iter()
            .find(|(name, _)| *name == "tenant")
            .map(|(_, value)| value.to_string())
            .ok_or(WebError::NotFound)?;
        let tenant = state
            .tenants
            .by_slug(&state.platform, &slug)
            .await?
            .ok_or(WebError::NotFound)?;
        let tenant = Tenant(tenant);
        // A suspended tenant is read-only: its pages read, every change is
        // refused, whatever the route.
        if tenant.suspended_at.is_some() && !parts.method.is_safe() {
            return Err(WebError::Forbidden {
                code: "tenant_suspended",
                message:
                    "this municipality is suspended by the platform operator: pages can be read, changes are refused"
                        .into(),
            });
        }
        parts.extensions.insert(tenant.clone());
        Ok(tenant)
    }
}
