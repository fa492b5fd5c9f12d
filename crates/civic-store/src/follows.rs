//! Who follows which ideas, spaces, petitions and problem reports. One row per person and target; the
//! unique keys make following twice a no-op, not a read-then-write.

use crate::{Db, StoreError};
use civic_core::{IdeaId, SpaceId, TenantId, Timestamp, UserId};

/// What is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Idea(IdeaId),
    Space(SpaceId),
    /// A petition (its author and signers follow it).
    Petition(i64),
    /// A problem report (its reporter and those who add their voice).
    Report(i64),
}

impl Target {
    /// The column and the id (the column name is one of four constants).
    fn column(self) -> (&'static str, i64) {
        match self {
            Target::Idea(id) => ("idea_id", id.0),
            Target::Space(id) => ("space_id", id.0),
            Target::Petition(id) => ("petition_id", id),
            Target::Report(id) => ("report_id", id),
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FollowRow {
    pub idea_id: Option<i64>,
    pub space_id: Option<i64>,
    pub petition_id: Option<i64>,
    pub report_id: Option<i64>,
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

    /// Those who took part follow what they took part in, as the app has
    /// them do from issue 20 on: authors and signers of petitions, reporters
    /// (anonymous ones excepted) and those who added their voice to a
    /// report. For rows written around the app (migration 0040 does the
    /// same for every tenant; the demo seeds through the store). Returns
    /// how many follows are new.
    pub async fn follow_participants(&self) -> Result<u64, StoreError> {
        let t = self.tenant.0;
        let mut added = 0;
        for sql in [
            "INSERT INTO follows (tenant_id, user_id, petition_id, created_at) \
             SELECT p.tenant_id, p.author_id, p.id, p.created_at FROM petitions p \
             WHERE p.tenant_id = $1 AND p.author_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follows f \
                   WHERE f.tenant_id = p.tenant_id AND f.petition_id = p.id AND f.user_id = p.author_id)",
            "INSERT INTO follows (tenant_id, user_id, petition_id, created_at) \
             SELECT s.tenant_id, s.user_id, s.petition_id, s.signed_at FROM petition_signatures s \
             WHERE s.tenant_id = $1 AND s.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follows f \
                   WHERE f.tenant_id = s.tenant_id AND f.petition_id = s.petition_id AND f.user_id = s.user_id)",
            "INSERT INTO follows (tenant_id, user_id, report_id, created_at) \
             SELECT r.tenant_id, r.author_id, r.id, r.created_at FROM reports r \
             WHERE r.tenant_id = $1 AND r.author_id IS NOT NULL AND r.anonymous = 0 AND NOT EXISTS (SELECT 1 \
                   FROM follows f WHERE f.tenant_id = r.tenant_id AND f.report_id = r.id AND f.user_id = r.author_id)",
            "INSERT INTO follows (tenant_id, user_id, report_id, created_at) \
             SELECT v.tenant_id, v.user_id, v.report_id, v.created_at FROM report_voices v \
             WHERE v.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM follows f \
                   WHERE f.tenant_id = v.tenant_id AND f.report_id = v.report_id AND f.user_id = v.user_id)",
        ] {
            added += sqlx::query(sql)
                .bind(t)
                .execute(&mut *self.db.writer().await?)
                .await?
                .rows_affected();
        }
        Ok(added)
    }

    /// Everything the person follows, oldest first (for the data export).
    pub async fn of_user(&self, user: UserId) -> Result<Vec<FollowRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT idea_id, space_id, petition_id, report_id, created_at FROM follows \
             WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at, idea_id, space_id, petition_id, report_id",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}
