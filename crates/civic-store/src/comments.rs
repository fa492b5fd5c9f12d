//! Comments on ideas.

use crate::{Db, StoreError};
use civic_core::{CommentId, IdeaId, TenantId, Timestamp, UserId};
// Dynamic SQL here is only ever constant fragments joined by format!; every
// value is bound, except ids just read from the database.
use sqlx::AssertSqlSafe;

pub use civic_core::comments::Comment as CommentRecord;

pub use civic_core::comments::{CommentOrder, ThreadCursor};

const SELECT: &str = "SELECT c.id, c.idea_id, c.parent_id, c.depth, c.body, c.alignment, c.created_at, \
     u.display_name AS author_name, u.role AS author_role, c.author_id, c.edited_at, c.deleted_at, c.score, \
     m.state AS moderation, m.reason AS moderation_reason \
     FROM comments c LEFT JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.author_id \
     LEFT JOIN moderated_items m ON m.tenant_id = c.tenant_id AND m.item_type = 'comment' AND m.item_id = c.id \
     AND m.state <> 'restored'";

pub struct NewComment<'a> {
    pub idea: IdeaId,
    pub parent: Option<CommentId>,
    pub author: Option<UserId>,
    pub body: &'a str,
    pub alignment: &'a str,
    pub created_at: Timestamp,
}

/// Where a comment sits, for checking a reply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct CommentPlace {
    pub id: CommentId,
    pub idea_id: IdeaId,
    pub depth: i64,
    /// Who wrote it (`None`: a deleted account).
    pub author_id: Option<UserId>,
}

/// The comments of one tenant.
pub struct Comments<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Comments<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Comments { db, tenant }
    }

    /// Stores a comment on an idea that is open (409 `idea_closed` when it
    /// was withdrawn or merged meanwhile) and counts it on the idea.
    pub async fn create(&self, new: &NewComment<'_>) -> Result<CommentId, StoreError> {
        let mut tx = self.db.unit().await?;
        let lock = crate::ideas::IdeaLock::ForUpdate.clause(self.db.backend());
        if !crate::ideas::idea_open(&mut tx, self.tenant, new.idea, lock).await? {
            return Err(StoreError::Conflict {
                constraint: "idea_closed".into(),
            });
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO comments (tenant_id, idea_id, parent_id, author_id, body, alignment, created_at, search_text, depth) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
             COALESCE((SELECT p.depth + 1 FROM comments p WHERE p.tenant_id = $1 AND p.id = $3), 0)) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.idea.0)
        .bind(new.parent.map(|p| p.0))
        .bind(new.author.map(|a| a.0))
        .bind(new.body)
        .bind(new.alignment)
        .bind(new.created_at.0)
        .bind(civic_core::text::search_form(new.body))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE ideas SET comment_count = comment_count + 1 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(new.idea.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(CommentId(id))
    }

    /// An idea's comments, oldest first (threads are assembled by the caller).
    pub async fn for_idea(&self, idea: IdeaId, limit: u32) -> Result<Vec<CommentRecord>, StoreError> {
        self.for_idea_in(idea, CommentOrder::Oldest, limit).await
    }

    /// An idea's comments in this order (threads keep it within each level).
    pub async fn for_idea_in(
        &self,
        idea: IdeaId,
        order: CommentOrder,
        limit: u32,
    ) -> Result<Vec<CommentRecord>, StoreError> {
        let order = match order {
            CommentOrder::Oldest => "c.created_at, c.id",
            CommentOrder::Best => "c.score DESC, c.created_at, c.id",
            CommentOrder::Newest => "c.created_at DESC, c.id DESC",
        };
        let sql = format!("{SELECT} WHERE c.tenant_id = $1 AND c.idea_id = $2 ORDER BY {order} LIMIT $3");
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(idea.0)
            .bind(i64::from(limit))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// One page of an idea's discussion: up to `threads` first comments in
    /// `order` after `after`, then every reply under them, oldest first.
    /// Two statements, whatever the number of threads or replies.
    pub async fn threads_for_idea(
        &self,
        idea: IdeaId,
        order: CommentOrder,
        after: Option<&ThreadCursor>,
        threads: u32,
    ) -> Result<(Vec<CommentRecord>, Vec<CommentRecord>), StoreError> {
        let (keyset, sort) = match order {
            CommentOrder::Oldest => (
                "(c.created_at > $4 OR (c.created_at = $4 AND c.id > $5))",
                "c.created_at, c.id",
            ),
            CommentOrder::Newest => (
                "(c.created_at < $4 OR (c.created_at = $4 AND c.id < $5))",
                "c.created_at DESC, c.id DESC",
            ),
            CommentOrder::Best => (
                "(c.score < $6 OR (c.score = $6 AND (c.created_at > $4 OR (c.created_at = $4 AND c.id > $5))))",
                "c.score DESC, c.created_at, c.id",
            ),
        };
        let sql = format!(
            "{SELECT} WHERE c.tenant_id = $1 AND c.idea_id = $2 AND c.parent_id IS NULL \
             AND ($3 = 0 OR {keyset}) ORDER BY {sort} LIMIT $7"
        );
        let cursor = after.copied().unwrap_or(ThreadCursor {
            score: 0,
            created_at: 0,
            id: 0,
        });
        let mut conn = self.db.reader().await?;
        let roots: Vec<CommentRecord> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(idea.0)
            .bind(i64::from(after.is_some()))
            .bind(cursor.created_at)
            .bind(cursor.id)
            .bind(cursor.score)
            .bind(i64::from(threads))
            .fetch_all(&mut *conn)
            .await?;
        if roots.is_empty() {
            return Ok((roots, Vec::new()));
        }
        // The ids come from the statement above, not from input.
        let ids = roots.iter().map(|c| c.id.0.to_string()).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "WITH RECURSIVE under(id) AS ( \
               SELECT id FROM comments WHERE tenant_id = $1 AND idea_id = $2 AND parent_id IN ({ids}) \
               UNION ALL SELECT r.id FROM comments r JOIN under ON r.parent_id = under.id WHERE r.tenant_id = $1) \
             {SELECT} WHERE c.tenant_id = $1 AND c.id IN (SELECT id FROM under) ORDER BY c.created_at, c.id"
        );
        let replies = sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(idea.0)
            .fetch_all(&mut *conn)
            .await?;
        Ok((roots, replies))
    }

    /// The idea and depth of one comment of this tenant.
    pub async fn place(&self, id: CommentId) -> Result<Option<CommentPlace>, StoreError> {
        Ok(
            sqlx::query_as("SELECT id, idea_id, depth, author_id FROM comments WHERE tenant_id = $1 AND id = $2")
                .bind(self.tenant.0)
                .bind(id.0)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?,
        )
    }

    /// One comment of this tenant, as lists show it.
    pub async fn get(&self, id: CommentId) -> Result<Option<CommentRecord>, StoreError> {
        let sql = format!("{SELECT} WHERE c.tenant_id = $1 AND c.id = $2");
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(id.0)
            .fetch_optional(&mut *self.db.reader().await?)
            .await?)
    }

    /// The author's new text for a comment that is theirs and not deleted.
    /// True when stored.
    pub async fn edit(&self, id: CommentId, author: UserId, body: &str, at: Timestamp) -> Result<bool, StoreError> {
        let changed = sqlx::query(
            "UPDATE comments SET body = $4, search_text = $5, edited_at = $6 \
             WHERE tenant_id = $1 AND id = $2 AND author_id = $3 AND deleted_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(author.0)
        .bind(body)
        .bind(civic_core::text::search_form(body))
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// Deletes a comment: its text goes, the row stays (its replies keep
    /// their place) marked with `deleted_at`, and its idea counts one
    /// comment less, in the same transaction. True when it was visible.
    pub async fn delete(&self, id: CommentId, at: Timestamp) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let changed = sqlx::query(
            "UPDATE comments SET body = '', search_text = '', deleted_at = $3 \
             WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(at.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 1 {
            sqlx::query(
                "UPDATE ideas SET comment_count = comment_count - 1 WHERE tenant_id = $1 \
                 AND id = (SELECT c.idea_id FROM comments c WHERE c.tenant_id = $1 AND c.id = $2)",
            )
            .bind(self.tenant.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(changed == 1)
    }

    /// Sets this person's vote on a comment: 1 up, -1 down, 0 none. One vote
    /// per person and comment (a unique key); the score moves by the
    /// difference in the same transaction, after the comment's row is locked,
    /// so concurrent votes never lose a change. The new score, or `None`
    /// when the comment does not exist.
    pub async fn vote(
        &self,
        id: CommentId,
        user: UserId,
        value: i64,
        at: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        let mut tx = self.db.unit().await?;
        // Takes the row lock on PostgreSQL (SQLite has one writer anyway).
        let found = sqlx::query("UPDATE comments SET score = score WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if found != 1 {
            tx.rollback().await?;
            return Ok(None);
        }
        let old: Option<i64> = sqlx::query_scalar(
            "SELECT value FROM comment_votes WHERE tenant_id = $1 AND comment_id = $2 AND user_id = $3",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await?;
        let old = old.unwrap_or(0);
        if value == 0 {
            sqlx::query("DELETE FROM comment_votes WHERE tenant_id = $1 AND comment_id = $2 AND user_id = $3")
                .bind(self.tenant.0)
                .bind(id.0)
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query(
                "INSERT INTO comment_votes (tenant_id, comment_id, user_id, value, created_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (tenant_id, comment_id, user_id) DO UPDATE SET value = excluded.value",
            )
            .bind(self.tenant.0)
            .bind(id.0)
            .bind(user.0)
            .bind(value)
            .bind(at.0)
            .execute(&mut *tx)
            .await?;
        }
        let score: i64 = sqlx::query_scalar(
            "UPDATE comments SET score = score + $3 WHERE tenant_id = $1 AND id = $2 RETURNING score",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(value - old)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(score))
    }

    /// This person's votes on an idea's comments: (comment id, value), in
    /// one query whatever the number of comments.
    pub async fn votes_on_idea(&self, idea: IdeaId, user: UserId) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT v.comment_id, v.value FROM comment_votes v \
             JOIN comments c ON c.tenant_id = v.tenant_id AND c.id = v.comment_id \
             WHERE v.tenant_id = $1 AND v.user_id = $3 AND c.idea_id = $2",
        )
        .bind(self.tenant.0)
        .bind(idea.0)
        .bind(user.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// The sum of a comment's votes, counted from the votes themselves.
    pub async fn count_score(&self, id: CommentId) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(value), 0) AS BIGINT) FROM comment_votes WHERE tenant_id = $1 AND comment_id = $2",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .fetch_one(&mut *self.db.reader().await?)
        .await?)
    }
}
