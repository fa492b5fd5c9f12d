//! Flags on items, one per person and item.

use crate::{Db, StoreError};
use civic_core::flags::{FlagReason, FlaggedKind};
use civic_core::{TenantId, Timestamp, UserId};

/// One flag as the moderators' list shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FlagRow {
    pub id: i64,
    pub item_type: FlaggedKind,
    pub item_id: i64,
    pub reason: FlagReason,
    pub text: String,
    pub created_at: i64,
    pub flagger_name: Option<String>,
}

pub struct Flags<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Flags<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Flags { db, tenant }
    }

    /// The item exists in this tenant and everyone may see it.
    pub async fn item_exists(&self, kind: FlaggedKind, id: i64) -> Result<bool, StoreError> {
        let (table, visible) = kind.table_and_visibility();
        let found: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT x.id FROM {table} x WHERE x.tenant_id = $1 AND x.id = $2 AND {visible}"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        Ok(found.is_some())
    }

    /// Records the flag; `None` when this person flagged the item before.
    pub async fn add(
        &self,
        kind: FlaggedKind,
        id: i64,
        user: UserId,
        reason: FlagReason,
        text: &str,
        at: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO flags (tenant_id, item_type, item_id, user_id, reason, text, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (tenant_id, item_type, item_id, user_id) DO NOTHING RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(kind)
        .bind(id)
        .bind(user.0)
        .bind(reason)
        .bind(text)
        .bind(at.0)
        .fetch_optional(&mut *self.db.writer().await?)
        .await?)
    }

    /// How many people flagged the item.
    pub async fn count(&self, kind: FlaggedKind, id: i64) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM flags WHERE tenant_id = $1 AND item_type = $2 AND item_id = $3")
                .bind(self.tenant.0)
                .bind(kind)
                .bind(id)
                .fetch_one(&mut *self.db.reader().await?)
                .await?,
        )
    }

    /// The newest `limit` flags, newest first.
    pub async fn recent(&self, limit: u32) -> Result<Vec<FlagRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT f.id, f.item_type, f.item_id, f.reason, f.text, f.created_at, u.display_name AS flagger_name \
             FROM flags f LEFT JOIN users u ON u.tenant_id = f.tenant_id AND u.id = f.user_id \
             WHERE f.tenant_id = $1 ORDER BY f.created_at DESC, f.id DESC LIMIT $2",
        )
        .bind(self.tenant.0)
        .bind(i64::from(limit))
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}
