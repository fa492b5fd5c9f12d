//! Duplicate ideas: the texts the duplicate finder reads, the pairs staff
//! dismissed, and the merge of one idea into another (issue 24).

use crate::{Db, StoreError};
use civic_core::{IdeaId, SpaceId, TenantId, Timestamp, UserId};

/// An idea as the duplicate finder reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IdeaText {
    pub id: IdeaId,
    pub title: String,
    pub body: String,
    pub status: civic_core::ideas::IdeaStatus,
    pub support_count: i64,
    pub comment_count: i64,
    pub created_at: i64,
}

/// What a merge moved to the kept idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    /// Supports of people who did not support the kept idea already.
    pub supports_moved: u64,
    /// Supporters of both: one support stays, on the kept idea.
    pub supports_shared: u64,
    pub comments_moved: u64,
    /// Followers of the merged idea who did not follow the kept one.
    pub followers_moved: u64,
    /// The moved supports took the kept idea to its space's threshold (it
    /// is now under review, and the officials are to hear of it).
    pub reached_threshold: bool,
}

/// Merges and dismissals in one tenant.
pub struct IdeaMerges<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> IdeaMerges<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        IdeaMerges { db, tenant }
    }

    /// The ideas of a space the finder compares: neither withdrawn nor
    /// merged, nor hidden by the moderators; oldest first (the finder
    /// names the older idea of a pair first). At most `limit`.
    pub async fn candidates(&self, space: SpaceId, limit: u32) -> Result<Vec<IdeaText>, StoreError> {
        Ok(sqlx::query_as(CANDIDATES)
            .bind(self.tenant.0)
            .bind(space.0)
            .bind(i64::from(limit))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// The pairs of a space staff judged not to be duplicates, smaller id
    /// first.
    pub async fn dismissed(&self, space: SpaceId) -> Result<Vec<(IdeaId, IdeaId)>, StoreError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT d.idea_a, d.idea_b FROM duplicate_dismissals d \
             JOIN ideas i ON i.tenant_id = d.tenant_id AND i.id = d.idea_a \
             WHERE d.tenant_id = $1 AND i.space_id = $2",
        )
        .bind(self.tenant.0)
        .bind(space.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?;
        Ok(rows.into_iter().map(|(a, b)| (IdeaId(a), IdeaId(b))).collect())
    }

    /// Notes that two ideas of the same space are not duplicates; true when
    /// newly noted (again: false, nothing changes). `false` too when they
    /// are not two ideas of one space of this tenant.
    pub async fn dismiss(&self, one: IdeaId, other: IdeaId, by: UserId, at: Timestamp) -> Result<bool, StoreError> {
        let (a, b) = if one.0 < other.0 { (one, other) } else { (other, one) };
        let inserted = sqlx::query(
            "INSERT INTO duplicate_dismissals (tenant_id, idea_a, idea_b, dismissed_by, dismissed_at) \
             SELECT $1, a.id, b.id, $4, $5 FROM ideas a JOIN ideas b \
               ON b.tenant_id = a.tenant_id AND b.id = $3 AND b.space_id = a.space_id \
             WHERE a.tenant_id = $1 AND a.id = $2 \
             ON CONFLICT (tenant_id, idea_a, idea_b) DO NOTHING",
        )
        .bind(self.tenant.0)
        .bind(a.0)
        .bind(b.0)
        .bind(by.0)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected();
        Ok(inserted == 1)
    }

    /// Takes both ideas' rows for a merge, in id order (PostgreSQL; SQLite
    /// has one writer): call it first in the merge's transaction, before
    /// anything else touches the ideas (a notification's foreign key takes
    /// a lock on its idea too), so two merges of one pair wait in turn.
    pub async fn hold(&self, one: IdeaId, other: IdeaId) -> Result<(), StoreError> {
        let mut conn = self.db.writer().await?;
        hold(&mut conn, self.db.backend(), self.tenant, one, other).await
    }

    /// Merges `absorbed` into `kept`, all or nothing: `absorbed` takes the
    /// status `merged` and points at `kept`; its supports move there once
    /// per person (a supporter of both keeps one), and so do its comments
    /// and followers; both counts are recomputed from the rows. `None` when
    /// the two are not open ideas of one space of this tenant (one was
    /// withdrawn or merged meanwhile, say): nothing changes.
    ///
    /// Both rows are taken first, in id order (on PostgreSQL; SQLite has
    /// one writer), so two merges of the same pair in opposite directions
    /// wait for each other and the second finds the first's status; a
    /// support or comment being written holds the idea's row too
    /// (`crate::ideas::IdeaLock`), so it either lands before the merge and
    /// moves with it, or finds the idea merged.
    pub async fn merge(&self, absorbed: IdeaId, kept: IdeaId, at: Timestamp) -> Result<Option<Merged>, StoreError> {
        if absorbed == kept {
            return Ok(None);
        }
        let (t, a, k) = (self.tenant.0, absorbed.0, kept.0);
        let mut tx = self.db.unit().await?;
        hold(&mut tx, self.db.backend(), self.tenant, absorbed, kept).await?;
        let kept_taken = sqlx::query(TAKE_KEPT)
            .bind(t)
            .bind(k)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if kept_taken != 1 {
            return Ok(None);
        }
        let claimed = sqlx::query(CLAIM_ABSORBED)
            .bind(t)
            .bind(a)
            .bind(k)
            .bind(at.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if claimed != 1 {
            return Ok(None);
        }
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM supports WHERE tenant_id = $1 AND idea_id = $2")
            .bind(t)
            .bind(a)
            .fetch_one(&mut *tx)
            .await?;
        let supports_moved = sqlx::query(
            "INSERT INTO supports (tenant_id, idea_id, user_id, created_at) \
             SELECT s.tenant_id, $3, s.user_id, s.created_at FROM supports s \
             WHERE s.tenant_id = $1 AND s.idea_id = $2 \
             ON CONFLICT (tenant_id, idea_id, user_id) DO NOTHING",
        )
        .bind(t)
        .bind(a)
        .bind(k)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        for sql in [
            "DELETE FROM uncounted_supports WHERE tenant_id = $1 AND idea_id = $2",
            "DELETE FROM supports WHERE tenant_id = $1 AND idea_id = $2",
        ] {
            sqlx::query(sql).bind(t).bind(a).execute(&mut *tx).await?;
        }
        let comments_moved = sqlx::query("UPDATE comments SET idea_id = $3 WHERE tenant_id = $1 AND idea_id = $2")
            .bind(t)
            .bind(a)
            .bind(k)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let followers_moved = sqlx::query(
            "INSERT INTO follows (tenant_id, user_id, idea_id, created_at) \
             SELECT f.tenant_id, f.user_id, $3, f.created_at FROM follows f \
             WHERE f.tenant_id = $1 AND f.idea_id = $2 \
             ON CONFLICT DO NOTHING",
        )
        .bind(t)
        .bind(a)
        .bind(k)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query("DELETE FROM follows WHERE tenant_id = $1 AND idea_id = $2")
            .bind(t)
            .bind(a)
            .execute(&mut *tx)
            .await?;
        // Counts from the rows, not by arithmetic on the old counts: a
        // support still waiting in `uncounted_supports` is counted by the
        // counter when it comes (ADR 0003), so it stays out here.
        sqlx::query(RECOUNT).bind(t).bind(k).execute(&mut *tx).await?;
        sqlx::query("UPDATE ideas SET support_count = 0, comment_count = 0 WHERE tenant_id = $1 AND id = $2")
            .bind(t)
            .bind(a)
            .execute(&mut *tx)
            .await?;
        let reached_threshold = crate::ideas::reach_threshold(&mut tx, self.tenant, kept, at).await?;
        tx.commit().await?;
        Ok(Some(Merged {
            supports_moved,
            supports_shared: (total.max(0) as u64).saturating_sub(supports_moved),
            comments_moved,
            followers_moved,
            reached_threshold,
        }))
    }
}

async fn hold(
    conn: &mut sqlx::AnyConnection,
    backend: crate::Backend,
    tenant: TenantId,
    one: IdeaId,
    other: IdeaId,
) -> Result<(), StoreError> {
    if backend == crate::Backend::Postgres {
        sqlx::query("SELECT id FROM ideas WHERE tenant_id = $1 AND id IN ($2, $3) ORDER BY id FOR UPDATE")
            .bind(tenant.0)
            .bind(one.0)
            .bind(other.0)
            .fetch_all(&mut *conn)
            .await?;
    }
    Ok(())
}

// The longer statements, kept here so the method bodies read as steps. An
// idea is open to merging (from or into) while neither withdrawn nor merged.
const CANDIDATES: &str = "SELECT i.id, i.title, i.body, i.status, i.support_count, i.comment_count, i.created_at \
         FROM ideas i LEFT JOIN moderated_items m ON m.tenant_id = i.tenant_id AND m.item_type = 'idea' \
           AND m.item_id = i.id AND m.state <> 'restored' \
         WHERE i.tenant_id = $1 AND i.space_id = $2 AND i.status NOT IN ('withdrawn', 'merged') AND m.state IS NULL \
         ORDER BY i.created_at, i.id LIMIT $3";

/// The kept idea is open (and its row taken, on SQLite's one writer too).
const TAKE_KEPT: &str = "UPDATE ideas SET updated_at = updated_at WHERE tenant_id = $1 AND id = $2 \
         AND status NOT IN ('withdrawn', 'merged')";

const CLAIM_ABSORBED: &str = "UPDATE ideas SET status = 'merged', merged_into = $3, updated_at = $4 \
         WHERE tenant_id = $1 AND id = $2 AND status NOT IN ('withdrawn', 'merged') \
         AND space_id = (SELECT k.space_id FROM ideas k WHERE k.tenant_id = $1 AND k.id = $3)";

const RECOUNT: &str = "UPDATE ideas SET \
           support_count = (SELECT COUNT(*) FROM supports s WHERE s.tenant_id = $1 AND s.idea_id = $2) \
             - (SELECT COUNT(*) FROM uncounted_supports u WHERE u.tenant_id = $1 AND u.idea_id = $2), \
           comment_count = (SELECT COUNT(*) FROM comments c WHERE c.tenant_id = $1 AND c.idea_id = $2 AND c.deleted_at IS NULL) \
         WHERE tenant_id = $1 AND id = $2";
