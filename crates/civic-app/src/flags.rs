//! Flags: anyone signed in reports an item to the moderators, once per
//! person and item; the moderators see the flagged items, the most flagged
//! and then the longest waiting first.

use crate::{AppError, Platform};
use civic_core::flags::{self as rules, FlagReason, FlaggedKind};
use civic_core::{Problems, Role, TenantId, Timestamp, UserId};
pub use civic_store::flags::FlagRow;
use civic_store::flags::Flags;

/// What a person sends.
#[derive(Debug, Clone, Default)]
pub struct FlagInput {
    pub item_type: String,
    pub item_id: i64,
    pub reason: String,
    pub text: String,
}

/// A stored flag and how many people flagged the item so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flagged {
    pub id: i64,
    pub kind: FlaggedKind,
    pub item_id: i64,
    pub reason: FlagReason,
    pub count: i64,
    /// This flag hid the item (it reached the tenant's threshold).
    pub hidden: bool,
}

/// Flags an item everyone can see (404 for one that is missing, hidden or
/// another tenant's); a second flag by the same person is 409.
pub async fn flag(db: &Platform, tenant: TenantId, user: UserId, input: &FlagInput) -> Result<Flagged, AppError> {
    let mut p = Problems::new();
    let kind = p.check(FlaggedKind::from_input(&input.item_type));
    let reason = p.check(FlagReason::from_input(&input.reason));
    let text = p.check(rules::parse_text(reason, &input.text));
    let (Some(kind), Some(reason), Some(text)) = (kind, reason, text) else {
        return Err(p.into());
    };
    let store = Flags::of(db, tenant);
    if input.item_id <= 0 || !store.item_exists(kind, input.item_id).await? {
        return Err(AppError::NotFound);
    }
    let tx = db.begin().await?;
    let store = Flags::of(&tx, tenant);
    let Some(id) = store
        .add(kind, input.item_id, user, reason, &text, Timestamp::now())
        .await?
    else {
        return Err(AppError::conflict(
            "already_flagged",
            "you have reported this already; the moderators have it",
        ));
    };
    let count = store.count(kind, input.item_id).await?;
    let hidden = crate::moderation::after_flag(&tx, tenant, kind, input.item_id).await?;
    tx.commit().await?;
    Ok(Flagged {
        id,
        kind,
        item_id: input.item_id,
        reason,
        count,
        hidden,
    })
}

/// A flagged item with its flags, newest first.
#[derive(Debug, Clone)]
pub struct FlaggedItem {
    pub kind: FlaggedKind,
    pub item_id: i64,
    pub first_at: i64,
    pub flags: Vec<FlagRow>,
}

/// The flagged items, the most flagged first, then the longest waiting.
/// Moderators, officials and administrators.
pub async fn queue(db: &Platform, tenant: TenantId, role: Role) -> Result<Vec<FlaggedItem>, AppError> {
    if !matches!(role, Role::Moderator | Role::Official | Role::Admin) {
        return Err(AppError::forbidden(
            "staff_only",
            "only the municipality's staff can do this",
        ));
    }
    let mut items: Vec<FlaggedItem> = Vec::new();
    for row in Flags::of(db, tenant).recent(1000).await? {
        match items
            .iter_mut()
            .find(|i| i.kind == row.item_type && i.item_id == row.item_id)
        {
            Some(item) => {
                item.first_at = item.first_at.min(row.created_at);
                item.flags.push(row);
            }
            None => items.push(FlaggedItem {
                kind: row.item_type,
                item_id: row.item_id,
                first_at: row.created_at,
                flags: vec![row],
            }),
        }
    }
    items.sort_by(|a, b| b.flags.len().cmp(&a.flags.len()).then(a.first_at.cmp(&b.first_at)));
    Ok(items)
}
