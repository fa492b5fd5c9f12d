//! Bodies that every signed-out visitor of a page gets alike, kept for a
//! moment on this node: a participatory budget's page and its project list
//! (400 projects in a large city's budget, too many to read and render for
//! each visitor during a vote).
//!
//! Kept as `space_listing_cache.rs` keeps listings: the key holds the
//! tenant's write generation and the [`FRESH_FOR`](crate::space_listing_cache::FRESH_FOR) window of the clock, so
//! a write through this node shows at once, anything else within two
//! seconds, and only the first request after a change renders the body
//! while the others wait for it.

use crate::error::WebError;
use crate::state::AppState;
use civic_core::TenantId;
use quick_cache::sync::Cache;
use std::future::Future;
use std::sync::Arc;

/// Bodies kept at most (a 400-project budget page is about 110 KB).
const CAPACITY: usize = 64;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    kind: &'static str,
    tenant: i64,
    id: i64,
    /// What else the body depends on: the language and the path.
    variant: String,
    generation: u64,
    window: i64,
}

pub struct Pages {
    copies: Cache<Key, Arc<String>>,
}

impl Default for Pages {
    fn default() -> Self {
        Pages {
            copies: Cache::new(CAPACITY),
        }
    }
}

/// The body of `kind` `id` for `variant`, from this node's copy or made by
/// `make` (an error is returned and nothing kept).
pub async fn kept<F, Fut>(
    state: &AppState,
    kind: &'static str,
    tenant: TenantId,
    slug: &str,
    id: i64,
    variant: String,
    make: F,
) -> Result<Arc<String>, WebError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<String, WebError>>,
{
    if !state.config.keep_copies {
        return Ok(Arc::new(make().await?));
    }
    // The generation is read before the data (see space_listing_cache.rs).
    let key = Key {
        kind,
        tenant: tenant.0,
        id,
        variant,
        generation: state.writes.generation(slug),
        window: crate::space_listing_cache::window(state),
    };
    match state.pages.copies.get_value_or_guard_async(&key).await {
        Ok(body) => Ok(body),
        Err(guard) => {
            let body = Arc::new(make().await?);
            let _ = guard.insert(body.clone());
            Ok(body)
        }
    }
}

/// A page every signed-out visitor sees alike (`kind` `id`, in the
/// visitor's language, `extra` naming anything else it depends on, such as
/// a page number), from this node's copy or rendered by `make` with the
/// visitor's layout.
pub async fn page_for_visitors<F, Fut>(
    state: &AppState,
    kind: &'static str,
    tenant: &crate::tenant::Tenant,
    id: i64,
    extra: &str,
    shell: crate::html::Layout,
    make: F,
) -> Result<axum::response::Html<String>, WebError>
where
    F: FnOnce(crate::html::Layout) -> Fut,
    Fut: Future<Output = Result<axum::response::Html<String>, WebError>>,
{
    let variant = format!("{}|{}|{extra}", shell.lang, shell.back_path());
    let body = kept(state, kind, tenant.tenant_id(), &tenant.slug, id, variant, || async {
        Ok(make(shell).await?.0)
    })
    .await?;
    Ok(axum::response::Html(body.as_ref().clone()))
}
