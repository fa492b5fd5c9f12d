//! The officials' review queue: ideas past their space's support threshold
//! that wait for the city's first answer.

use crate::{AppError, Platform};
use civic_core::TenantId;
use civic_core::ideas::Idea;
use civic_store::ideas::Ideas;

/// Ideas waiting for the city's first answer, oldest first.
pub async fn queue(db: &Platform, tenant: TenantId) -> Result<Vec<Idea>, AppError> {
    Ok(Ideas::of(db, tenant).review_queue(200).await?)
}
