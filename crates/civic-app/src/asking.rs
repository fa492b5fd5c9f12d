//! The home page's "what the town asks me now": open polls, conversations,
//! debates, petitions collecting signatures and contests taking entries or
//! votes (budgets and consultations have their own reads).

use crate::{AppError, Platform};
use civic_core::asking::Ask;
use civic_core::{TenantId, Timestamp};

/// At most this many questions on the home page.
pub const HOME_ASKS: i64 = 12;

/// Open questions at `now`, soonest deadline first.
pub async fn asking_now(db: &Platform, tenant: TenantId, now: Timestamp) -> Result<Vec<Ask>, AppError> {
    Ok(civic_store::asking::asking_now(db, tenant, now, HOME_ASKS).await?)
}
