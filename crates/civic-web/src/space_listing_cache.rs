//! What a space page lists (the space, a page of its ideas, its polls and
//! conversations), kept for a moment on this node.
//!
//! The list page is the platform's busiest page and the same for every
//! visitor who asks for the same filters. Reading it anew for each request
//! made it four queries; a copy kept here serves every request until the
//! tenant is written to through this node (`write_generations.rs`) or the current
//! [`FRESH_FOR`] window ends, whichever is first. So a resident's own
//! support, idea or comment shows at once, and changes made through another
//! node or by background jobs show within two seconds.
//!
//! Both the tenant's write generation and the time window are part of the
//! key, so a stale copy is simply never asked for again (and ages out of the
//! cache), and when a fresh one is needed only the first request reads it:
//! the others wait for that read instead of all reading at once.
//!
//! Not kept: staff views (drafts), "my ideas", and the random order of a
//! signed-out visitor without a seed (a new order each time).

use crate::error::WebError;
use crate::state::AppState;
use civic_app::ideas::ListParams;
use civic_app::ideas::Sort as IdeaSort;
pub use civic_app::spaces::SpaceListing;
use civic_core::{SpaceId, TenantId};
use quick_cache::sync::Cache;
use std::sync::Arc;
use std::time::Duration;

/// The longest a copy is served: how stale a list may be after a change
/// this node did not make and did not hear of (`node_signals.rs`). Set by
/// `WebConfig::copies_fresh_for`; this is its default.
pub const FRESH_FOR: Duration = Duration::from_secs(2);

/// Which window of the clock a copy read now belongs to.
pub(crate) fn window(state: &AppState) -> i64 {
    let millis = state.config.copies_fresh_for.as_millis().clamp(1, i64::MAX as u128) as i64;
    civic_core::Timestamp::now().0 / millis
}

/// Copies kept at most (each one page of 20 ideas: a few KB).
const CAPACITY: usize = 512;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    tenant: i64,
    space: i64,
    sort: Option<String>,
    status: Option<String>,
    category: Option<String>,
    district: Option<String>,
    topic: Option<String>,
    cursor: Option<String>,
    seed: Option<String>,
    /// Only for a signed-in visitor's own random order.
    viewer: Option<i64>,
    /// The tenant's write generation when the copy was read.
    generation: u64,
    /// Which [`FRESH_FOR`] window of the clock the copy belongs to.
    window: i64,
}

pub struct Listings {
    copies: Cache<Key, Arc<SpaceListing>>,
}

impl Default for Listings {
    fn default() -> Self {
        Listings {
            copies: Cache::new(CAPACITY),
        }
    }
}

/// The space's listing for these parameters; `draft_polls` for staff who
/// manage polls.
pub async fn space_listing(
    state: &AppState,
    tenant: TenantId,
    slug: &str,
    space: SpaceId,
    params: &ListParams<'_>,
    draft_polls: bool,
) -> Result<Arc<SpaceListing>, WebError> {
    // The generation is read before the data: a write that commits after
    // this makes the copy stale, never the other way round.
    let generation = state.writes.generation(slug);
    let key = if draft_polls || !state.config.keep_copies {
        None
    } else {
        key(tenant, space, params, generation, window(state))
    };
    let Some(key) = key else {
        return Ok(Arc::new(read(state, tenant, space, params, draft_polls).await?));
    };
    match state.listings.copies.get_value_or_guard_async(&key).await {
        Ok(listing) => Ok(listing),
        Err(guard) => {
            // On an error the guard drops and the next waiter reads instead.
            let listing = Arc::new(read(state, tenant, space, params, false).await?);
            let _ = guard.insert(listing.clone());
            Ok(listing)
        }
    }
}

async fn read(
    state: &AppState,
    tenant: TenantId,
    space: SpaceId,
    params: &ListParams<'_>,
    draft_polls: bool,
) -> Result<SpaceListing, WebError> {
    Ok(civic_app::spaces::listing(&state.platform, tenant, space, params, draft_polls).await?)
}

/// The key of a listing every visitor with these parameters sees alike, or
/// `None` when it is not to be kept.
fn key(tenant: TenantId, space: SpaceId, params: &ListParams<'_>, generation: u64, window: i64) -> Option<Key> {
    if params.staff || params.author.is_some() {
        return None;
    }
    let given = |v: Option<&str>| v.map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let (cursor, seed) = (given(params.cursor), given(params.seed));
    // Without a cursor or seed the random order is the visitor's own: a
    // signed-in person's is fixed, a signed-out visitor's new each time.
    let own_order =
        params.sort.and_then(IdeaSort::parse) == Some(IdeaSort::Random) && cursor.is_none() && seed.is_none();
    let viewer = match (own_order, params.viewer) {
        (false, _) => None,
        (true, Some(user)) => Some(user.0),
        (true, None) => return None,
    };
    Some(Key {
        tenant: tenant.0,
        space: space.0,
        sort: given(params.sort),
        status: given(params.status),
        category: given(params.category),
        district: given(params.district),
        topic: given(params.topic),
        cursor,
        seed,
        viewer,
        generation,
        window,
    })
}
