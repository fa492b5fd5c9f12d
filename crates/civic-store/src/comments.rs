//! Comments on ideas.

use crate::{Db, StoreError};
use civic_core::{CommentId, IdeaId, TenantId, Timestamp, UserId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRecord {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// 0 for a comment on the idea, 1 for a reply to one, and so on.
    pub depth: i64,
    pub body: String,
    pub alignment: String,
    pub created_at: i64,
    pub author_name: Option<String>,
    pub author_role: Option<String>,
}

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
    pub id: i64,
    pub idea_id: i64,
    pub depth: i64,
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

    /// Stores a comment and counts it on its idea in one transaction.
    pub async fn create(&self, new: &NewComment<'_>) -> Result<CommentId, StoreError> {
        let mut tx = self.db.writer().begin().await?;
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
        Ok(sqlx::query_as(
            "SELECT c.id, c.parent_id, c.depth, c.body, c.alignment, c.created_at, u.display_name AS author_name, u.role AS author_role \
             FROM comments c LEFT JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.author_id \
             WHERE c.tenant_id = $1 AND c.idea_id = $2 ORDER BY c.created_at, c.id LIMIT $3",
        )
        .bind(self.tenant.0)
        .bind(idea.0)
        .bind(i64::from(limit))
        .fetch_all(self.db.reader())
        .await?)
    }

    /// The idea and depth of one comment of this tenant.
    pub async fn place(&self, id: CommentId) -> Result<Option<CommentPlace>, StoreError> {
        Ok(
            sqlx::query_as("SELECT id, idea_id, depth FROM comments WHERE tenant_id = $1 AND id = $2")
                .bind(self.tenant.0)
                .bind(id.0)
                .fetch_optional(self.db.reader())
                .await?,
        )
    }

    /// One comment of this tenant, as lists show it.
    pub async fn get(&self, id: CommentId) -> Result<Option<CommentRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT c.id, c.parent_id, c.depth, c.body, c.alignment, c.created_at, u.display_name AS author_name, u.role AS author_role \
             FROM comments c LEFT JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.author_id \
             WHERE c.tenant_id = $1 AND c.id = $2",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .fetch_optional(self.db.reader())
        .await?)
    }
}
