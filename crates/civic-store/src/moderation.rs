//! Moderation: the state of moderated items (one row per item), blocks on
//! posting, the tenant's hiding threshold and the fingerprints of recent
//! posts for the screening.

use crate::{Db, StoreError};
use civic_core::flags::FlaggedKind;
use civic_core::moderation::{DEFAULT_HIDE_THRESHOLD, ModerationState};
use civic_core::{TenantId, Timestamp, UserId};
use sqlx::AssertSqlSafe;

/// One moderated item as the queue shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ModeratedRow {
    pub item_type: FlaggedKind,
    pub item_id: i64,
    pub state: ModerationState,
    pub reason: String,
    /// The screening's verdict (JSON) when it held the item.
    pub signals: String,
    pub author_id: Option<UserId>,
    pub author_name: Option<String>,
    pub decided_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
    pub appeal_text: Option<String>,
    pub appeal_at: Option<i64>,
    pub appeal_decided_by: Option<UserId>,
    pub appeal_outcome: Option<String>,
}

/// An active block: until when (`None`: for good).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub until: Option<i64>,
}

const SELECT: &str = "SELECT m.item_type, m.item_id, m.state, m.reason, m.signals, m.author_id, \
     u.display_name AS author_name, m.decided_by, m.created_at, m.updated_at, m.appeal_text, m.appeal_at, \
     m.appeal_decided_by, m.appeal_outcome \
     FROM moderated_items m LEFT JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.author_id";

pub struct Moderation<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Moderation<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Moderation { db, tenant }
    }

    /// The author of an item of this tenant (`Some(None)`: a deleted
    /// account), `None` when there is no such item.
    pub async fn author_of(&self, kind: FlaggedKind, id: i64) -> Result<Option<Option<UserId>>, StoreError> {
        let (table, _) = kind.table_and_visibility();
        let found: Option<(Option<i64>,)> = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT x.author_id FROM {table} x WHERE x.tenant_id = $1 AND x.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        Ok(found.map(|(a,)| a.map(UserId)))
    }

    /// The item's text (its body, an amendment's text), for the queue.
    pub async fn text_of(&self, kind: FlaggedKind, id: i64) -> Result<Option<String>, StoreError> {
        let (table, _) = kind.table_and_visibility();
        let column = if kind == FlaggedKind::Amendment { "text" } else { "body" };
        Ok(sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT x.{column} FROM {table} x WHERE x.tenant_id = $1 AND x.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// The idea a comment is on (to link to it from the queue).
    pub async fn idea_of_comment(&self, id: i64) -> Result<Option<i64>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT idea_id FROM comments WHERE tenant_id = $1 AND id = $2")
                .bind(self.tenant.0)
                .bind(id)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?,
        )
    }

    /// The weight of the flags on an item that no moderator dismissed: one
    /// per person, two per staff member.
    pub async fn flag_weight(&self, kind: FlaggedKind, id: i64) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(CASE WHEN u.role IN ('moderator', 'official', 'admin') THEN 2 ELSE 1 END), 0) AS BIGINT) \
             FROM flags f JOIN users u ON u.tenant_id = f.tenant_id AND u.id = f.user_id \
             WHERE f.tenant_id = $1 AND f.item_type = $2 AND f.item_id = $3 AND f.dismissed_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(kind)
        .bind(id)
        .fetch_one(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn get(&self, kind: FlaggedKind, id: i64) -> Result<Option<ModeratedRow>, StoreError> {
        Ok(sqlx::query_as(AssertSqlSafe(format!(
            "{SELECT} WHERE m.tenant_id = $1 AND m.item_type = $2 AND m.item_id = $3"
        )))
        .bind(self.tenant.0)
        .bind(kind)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Puts the item in `state` (a new hiding: a previous appeal is kept).
    #[allow(clippy::too_many_arguments)]
    pub async fn set_state(
        &self,
        kind: FlaggedKind,
        id: i64,
        state: ModerationState,
        reason: &str,
        signals: &str,
        author: Option<UserId>,
        by: Option<UserId>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO moderated_items (tenant_id, item_type, item_id, state, reason, signals, author_id, decided_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
             ON CONFLICT (tenant_id, item_type, item_id) DO UPDATE SET state = excluded.state, reason = excluded.reason, \
             signals = CASE WHEN excluded.signals = '' THEN moderated_items.signals ELSE excluded.signals END, \
             decided_by = excluded.decided_by, updated_at = excluded.updated_at",
        )
        .bind(self.tenant.0)
        .bind(kind)
        .bind(id)
        .bind(state)
        .bind(reason)
        .bind(signals)
        .bind(author.map(|a| a.0))
        .bind(by.map(|b| b.0))
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// Marks the item's flags dismissed (they no longer count).
    pub async fn dismiss_flags(&self, kind: FlaggedKind, id: i64, at: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE flags SET dismissed_at = $4 WHERE tenant_id = $1 AND item_type = $2 AND item_id = $3 AND dismissed_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(kind)
        .bind(id)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// The author's one appeal of a hidden item: false when they appealed
    /// before (or the item is not hidden, or not theirs).
    pub async fn appeal(
        &self,
        kind: FlaggedKind,
        id: i64,
        author: UserId,
        text: &str,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let changed = sqlx::query(
            "UPDATE moderated_items SET appeal_text = $5, appeal_at = $6 \
             WHERE tenant_id = $1 AND item_type = $2 AND item_id = $3 AND author_id = $4 \
             AND appeal_at IS NULL AND state <> 'restored'",
        )
        .bind(self.tenant.0)
        .bind(kind)
        .bind(id)
        .bind(author.0)
        .bind(text)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// Records the decision on an appeal that is still open; false when it was decided.
    pub async fn decide_appeal(
        &self,
        kind: FlaggedKind,
        id: i64,
        by: UserId,
        outcome: &str,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let changed = sqlx::query(
            "UPDATE moderated_items SET appeal_decided_by = $4, appeal_outcome = $5, updated_at = $6 \
             WHERE tenant_id = $1 AND item_type = $2 AND item_id = $3 AND appeal_at IS NOT NULL AND appeal_outcome IS NULL",
        )
        .bind(self.tenant.0)
        .bind(kind)
        .bind(id)
        .bind(by.0)
        .bind(outcome)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// Hidden and held items, the longest waiting first, and items with an
    /// undecided appeal.
    pub async fn queue(&self, limit: u32) -> Result<Vec<ModeratedRow>, StoreError> {
        Ok(sqlx::query_as(AssertSqlSafe(format!(
            "{SELECT} WHERE m.tenant_id = $1 AND (m.state <> 'restored' OR (m.appeal_at IS NOT NULL AND m.appeal_outcome IS NULL)) \
             ORDER BY m.created_at, m.item_type, m.item_id LIMIT $2"
        )))
        .bind(self.tenant.0)
        .bind(i64::from(limit))
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Blocks a person from posting until `until` (`None`: for good).
    pub async fn block(
        &self,
        user: UserId,
        until: Option<i64>,
        reason: &str,
        by: UserId,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO moderation_blocks (tenant_id, user_id, until, reason, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, user_id) DO UPDATE SET \
             until = excluded.until, reason = excluded.reason, created_by = excluded.created_by, created_at = excluded.created_at",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(until)
        .bind(reason)
        .bind(by.0)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// The person's block in force at `at`, if any.
    pub async fn block_of(&self, user: UserId, at: Timestamp) -> Result<Option<Block>, StoreError> {
        let found: Option<(Option<i64>,)> = sqlx::query_as(
            "SELECT until FROM moderation_blocks WHERE tenant_id = $1 AND user_id = $2 AND (until IS NULL OR until > $3)",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(at.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        Ok(found.map(|(until,)| Block { until }))
    }

    /// The number of flags that hides an item here.
    pub async fn hide_threshold(&self) -> Result<i64, StoreError> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT hide_threshold FROM moderation_settings WHERE tenant_id = $1")
                .bind(self.tenant.0)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?;
        Ok(found.unwrap_or(DEFAULT_HIDE_THRESHOLD))
    }

    pub async fn set_hide_threshold(&self, n: i64, at: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO moderation_settings (tenant_id, hide_threshold, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (tenant_id) DO UPDATE SET hide_threshold = excluded.hide_threshold, updated_at = excluded.updated_at",
        )
        .bind(self.tenant.0)
        .bind(n)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// Remembers a post for counting copies and the posting rate.
    pub async fn remember_post(
        &self,
        author: UserId,
        fingerprint: Option<i64>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO post_fingerprints (tenant_id, author_id, fingerprint, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(self.tenant.0)
        .bind(author.0)
        .bind(fingerprint)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// The posts since `since`, newest first, at most `limit`: (author,
    /// fingerprint, when).
    pub async fn recent_posts(&self, since: Timestamp, limit: u32) -> Result<Vec<(i64, Option<i64>, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT author_id, fingerprint, created_at FROM post_fingerprints \
             WHERE tenant_id = $1 AND created_at >= $2 ORDER BY created_at DESC LIMIT $3",
        )
        .bind(self.tenant.0)
        .bind(since.0)
        .bind(i64::from(limit))
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// The account's age and confirmation: (created_at, confirmed).
    pub async fn account(&self, user: UserId) -> Result<Option<(i64, bool)>, StoreError> {
        let found: Option<(i64, Option<i64>)> =
            sqlx::query_as("SELECT created_at, email_confirmed_at FROM users WHERE tenant_id = $1 AND id = $2")
                .bind(self.tenant.0)
                .bind(user.0)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?;
        Ok(found.map(|(c, e)| (c, e.is_some())))
    }
}
