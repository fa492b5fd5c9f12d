//! Which tenants this node has written to, so that what a node keeps of a
//! tenant's pages (see `space_listing_cache.rs`) can tell that its copy is stale.
//!
//! Every request that may change data (any method but GET, HEAD, OPTIONS
//! and TRACE) moves its tenant's generation on, *after* its response is
//! made, so after its transaction committed: a copy read before the commit
//! always carries an older generation than the one a later reader sees.
//! Writes through other nodes on the same PostgreSQL database arrive as
//! signals (`node_signals.rs`) and move the generation here too. Data
//! changed otherwise (the operator CLI, background jobs) is caught by the
//! copies' age limit.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// Tenants share slots by a hash of their slug: a write in one tenant may
/// also make another tenant's copies stale (one more read for it), never
/// the reverse, and memory stays fixed however many tenants there are.
const SLOTS: usize = 256;

pub struct TenantWrites {
    slots: [AtomicU64; SLOTS],
}

impl Default for TenantWrites {
    fn default() -> Self {
        TenantWrites {
            slots: std::array::from_fn(|_| AtomicU64::new(0)),
        }
    }
}

impl TenantWrites {
    /// The tenant's generation: it changes after every write to the tenant
    /// through this node.
    pub fn generation(&self, slug: &str) -> u64 {
        self.slots[slot(slug)].load(Ordering::Acquire)
    }

    /// Marks a write to the tenant.
    pub fn note(&self, slug: &str) {
        self.slots[slot(slug)].fetch_add(1, Ordering::AcqRel);
    }

    /// Marks a write to every tenant: when writes may have been missed.
    pub fn note_all(&self) {
        for slot in &self.slots {
            slot.fetch_add(1, Ordering::AcqRel);
        }
    }
}

fn slot(slug: &str) -> usize {
    let mut h = DefaultHasher::new();
    slug.hash(&mut h);
    (h.finish() % SLOTS as u64) as usize
}

/// The tenant a path belongs to: `/{tenant}/…` or `/api/v1/{tenant}/…`
/// (host names are already rewritten to these by then).
fn tenant_of(path: &str) -> Option<&str> {
    let mut segments = path.trim_start_matches('/').split('/');
    let first = segments.next()?;
    let slug = if first == "api" { segments.nth(1)? } else { first };
    (!slug.is_empty()).then_some(slug)
}

/// Whether a request answered so may have written: a method that may
/// change data, and an answer that is not a refusal. A refused request (any
/// 4xx: signed out, forbidden, not found, invalid) stored nothing, so it
/// must not make the copies stale, or anonymous junk posts would empty the
/// cache. A 5xx counts: a write may have committed before the fault.
fn may_have_written(method: &http::Method, status: http::StatusCode) -> bool {
    !method.is_safe() && !status.is_client_error()
}

/// Middleware: notes the writes, once their response is ready.
pub async fn note_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let tenant = tenant_of(request.uri().path()).map(str::to_string);
    let response = next.run(request).await;
    if let Some(slug) = tenant
        && may_have_written(&method, response.status())
    {
        state.writes.note(&slug);
        state.signals.written(&slug);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_tenant_of_pages_and_api_paths() {
        assert_eq!(tenant_of("/bucha/ideas/3/support"), Some("bucha"));
        assert_eq!(tenant_of("/api/v1/bucha/ideas/3/support"), Some("bucha"));
        assert_eq!(tenant_of("/api/v1/"), None);
        assert_eq!(tenant_of("/"), None);
    }

    #[test]
    fn only_writes_that_were_not_refused_count() {
        use http::{Method, StatusCode};
        assert!(may_have_written(&Method::POST, StatusCode::SEE_OTHER));
        assert!(may_have_written(&Method::PUT, StatusCode::OK));
        assert!(may_have_written(&Method::DELETE, StatusCode::NO_CONTENT));
        assert!(may_have_written(&Method::POST, StatusCode::INTERNAL_SERVER_ERROR));
        for refused in [
            StatusCode::UNAUTHORIZED,
            StatusCode::FORBIDDEN,
            StatusCode::NOT_FOUND,
            StatusCode::METHOD_NOT_ALLOWED,
            StatusCode::UNPROCESSABLE_ENTITY,
            StatusCode::TOO_MANY_REQUESTS,
        ] {
            assert!(!may_have_written(&Method::POST, refused), "{refused}");
        }
        assert!(!may_have_written(&Method::GET, StatusCode::OK));
    }

    #[test]
    fn a_write_moves_its_tenants_generation_only_forward() {
        let writes = TenantWrites::default();
        let before = writes.generation("bucha");
        writes.note("bucha");
        assert!(writes.generation("bucha") > before);
    }
}
