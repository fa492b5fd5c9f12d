//! Search as the pages and the API ask for it: limited per client address,
//! and the answer to a query kept for a moment on this node.
//!
//! - The limit is the node's own (in memory, `governor`), not a database
//!   counter like sign-in's: a write per search would queue every search
//!   behind SQLite's one writer, the very cost the limit is there to cap.
//!   With N nodes an address gets N times the allowance, which is still far
//!   more than a person types and far less than a flood.
//! - Copies of results are kept exactly as space listings are
//!   (`space_listing_cache.rs`): keyed by the tenant's write generation and
//!   the current [`FRESH_FOR`](crate::space_listing_cache::FRESH_FOR) window, so a write through this node shows
//!   at once and any other within two seconds, and a popular query is read
//!   once however many ask for it at the same time.

use crate::state::AppState;
use civic_app::AppError;
use civic_app::paging::Page;
use civic_app::search::SearchResult;
use civic_core::TenantId;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use quick_cache::sync::Cache;
use std::num::NonZeroU32;
use std::sync::Arc;

/// Searches one address may make: 5 a second, 30 at once after a pause.
const PER_SECOND: u32 = 5;
const BURST: u32 = 30;
/// Results kept at most (each a page of 20: a few KB).
const CAPACITY: usize = 1024;
/// Addresses remembered before the idle ones are forgotten.
const ADDRESSES: usize = 50_000;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    tenant: i64,
    terms: Vec<String>,
    limit: Option<u32>,
    cursor: Option<String>,
    generation: u64,
    window: i64,
}

pub struct Searches {
    per_address: DefaultKeyedRateLimiter<String>,
    copies: Cache<Key, Arc<Page<SearchResult>>>,
}

impl Default for Searches {
    fn default() -> Self {
        let quota = Quota::per_second(NonZeroU32::new(PER_SECOND).expect("not zero"))
            .allow_burst(NonZeroU32::new(BURST).expect("not zero"));
        Searches {
            per_address: RateLimiter::keyed(quota),
            copies: Cache::new(CAPACITY),
        }
    }
}

impl Searches {
    /// Refuses a search beyond the address's allowance, with how long to
    /// wait.
    fn admit(&self, address: &str) -> Result<(), AppError> {
        if self.per_address.len() > ADDRESSES {
            self.per_address.retain_recent();
        }
        self.per_address
            // An IPv6 /64 is one household's or server's: one allowance.
            .check_key(&civic_app::limits::network_of(address))
            .map_err(|not_until| AppError::TooManyRequests {
                retry_after_secs: not_until.wait_time_from(DefaultClock::default().now()).as_secs().max(1),
            })
    }
}

/// One page of the tenant's search results for `q`.
pub async fn search(
    state: &AppState,
    tenant: TenantId,
    slug: &str,
    q: &str,
    limit: Option<u32>,
    cursor: Option<&str>,
    address: &str,
) -> Result<Arc<Page<SearchResult>>, AppError> {
    state.searches.admit(address)?;
    // The generation is read before the data (see space_listing_cache.rs).
    let generation = state.writes.generation(slug);
    let key = Key {
        tenant: tenant.0,
        // Queries that search the same words share a copy ("Лавки!" and
        // "лавки"); a query with none is refused by the use case, uncached.
        terms: civic_app::search::terms_of(q),
        limit,
        cursor: cursor.map(str::trim).filter(|c| !c.is_empty()).map(str::to_string),
        generation,
        window: crate::space_listing_cache::window(state),
    };
    let read = || async { civic_app::search::search(&state.platform, tenant, q, limit, cursor).await };
    if !state.config.keep_copies
        || key.terms.is_empty()
        || q.trim().chars().count() > civic_app::search::SEARCH_MAX_QUERY
    {
        return Ok(Arc::new(read().await?));
    }
    match state.searches.copies.get_value_or_guard_async(&key).await {
        Ok(page) => Ok(page),
        Err(guard) => {
            let page = Arc::new(read().await?);
            let _ = guard.insert(page.clone());
            Ok(page)
        }
    }
}
