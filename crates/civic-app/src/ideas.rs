//! Reading ideas: the pages of a space's list, shared by the HTML page and
//! the API so both page alike.

use crate::AppError;
use civic_core::{SpaceId, TenantId};
use civic_store::Db;
use civic_store::ideas::{IdeaCursor, IdeaRecord, Ideas};
use civic_store::spaces::{SpaceRecord, Spaces};

pub const PAGE_SIZE: u32 = 20;

/// One page of a list and where the next one starts.
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// A public space and one page of its ideas, newest first. A cursor that was
/// not made by us is `AppError::BadRequest`; a space that is not public (or
/// is another tenant's) is `NotFound`.
pub async fn page_in_space(
    db: &Db,
    tenant: TenantId,
    space: SpaceId,
    cursor: Option<&str>,
) -> Result<(SpaceRecord, Page<IdeaRecord>), AppError> {
    let cursor = match cursor {
        None | Some("") => None,
        Some(raw) => Some(IdeaCursor::decode(raw).ok_or_else(|| {
            AppError::BadRequest("this page link is not valid; use the link to the next page as given".into())
        })?),
    };
    let space = Spaces::of(db, tenant)
        .get_public(space)
        .await?
        .ok_or(AppError::NotFound)?;
    // One more than a page tells whether another page follows.
    let mut items = Ideas::of(db, tenant)
        .list_in_space(space.space_id(), cursor, PAGE_SIZE + 1)
        .await?;
    let next_cursor = if items.len() > PAGE_SIZE as usize {
        items.truncate(PAGE_SIZE as usize);
        items.last().map(|i| {
            IdeaCursor {
                created_at: i.created_at,
                id: i.id,
            }
            .encode()
        })
    } else {
        None
    };
    Ok((space, Page { items, next_cursor }))
}
