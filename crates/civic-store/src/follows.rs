//! Who follows which ideas and spaces. One row per person and target; the
//! unique keys make following twice a no-op, not a read-then-write.

use crate::{Db, StoreError};
use civic_core::{IdeaId, SpaceId, TenantId, Timestamp, UserId};

/// What is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Idea(IdeaId),
    Space(SpaceId),
}

impl Target {
    /// The column and the id (the column name is one of two constants).
    fn column(self) -> (&'static str, i64) {
        match self {
            Target::Idea(id) => ("idea_id", id.0),
            Target::Space(id) => ("space_id", id.0),
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FollowRow {
    pub idea_id: Option<i64>,
    pub space_id: Option<i64>,
    pub created_at: i64,
}

pub struct Follows<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Follows<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Follows { db, tenant }
    }

    /// Follows `target`; true when the follow is new.
    pub async fn follow(&self, user: UserId, target: Target, at: Timestamp) -> Result<bool, StoreError> {
        let (column, id) = target.column();
        let sql = format!(
            "INSERT INTO follows (tenant_id, user_id, {column}, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, {column}, user_id) DO NOTHING"
        );
        let done = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(user.0)
            .bind(id)
            .bind(at.0)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Stops following; true when there was a follow.
    pub async fn unfollow(&self, user: UserId, target: Target) -> Result<bool, StoreError> {
        let (column, id) = target.column();
        let sql = format!("DELETE FROM follows WHERE tenant_id = $1 AND {column} = $2 AND user_id = $3");
        let done = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(id)
            .bind(user.0)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn follows(&self, user: UserId, target: Target) -> Result<bool, StoreError> {
        let (column, id) = target.column();
        let sql = format!("SELECT user_id FROM follows WHERE tenant_id = $1 AND {column} = $2 AND user_id = $3");
        let found: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(id)
            .bind(user.0)
            .fetch_optional(&mut *self.db.reader().await?)
            .await?;
        Ok(found.is_some())
    }

    /// Everything the person follows, oldest first (for the data export).
    pub async fn of_user(&self, user: UserId) -> Result<Vec<FollowRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT idea_id, space_id, created_at FROM follows WHERE tenant_id = $1 AND user_id = $2 \
             ORDER BY created_at, idea_id, space_id",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}
