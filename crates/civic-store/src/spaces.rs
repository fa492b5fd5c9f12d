//! Participatory spaces of a tenant ("Ideas for the riverside park 2027").

use crate::{Db, StoreError};
// Dynamic SQL here is only ever constant fragments joined by format!; every
// value is bound.
use civic_core::{SpaceId, TenantId, Timestamp};
use sqlx::AssertSqlSafe;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SpaceRecord {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub status: String,
    pub support_threshold: i64,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub created_at: i64,
    /// The categories ideas may take, one per line; `None`: any.
    pub categories: Option<String>,
    /// The districts ideas may name, one per line; `None`: any.
    pub districts: Option<String>,
    /// Ideas in the space (computed by the list query).
    pub idea_count: i64,
}

impl SpaceRecord {
    pub fn space_id(&self) -> SpaceId {
        SpaceId(self.id)
    }

    pub fn category_choices(&self) -> Vec<String> {
        lines(self.categories.as_deref())
    }

    pub fn district_choices(&self) -> Vec<String> {
        lines(self.districts.as_deref())
    }

    /// Open for new ideas, supports and comments: published, and within its
    /// dates when it has them.
    pub fn is_open(&self, now: Timestamp) -> bool {
        self.status == "published"
            && self.starts_at.is_none_or(|s| s <= now.0)
            && self.ends_at.is_none_or(|e| e > now.0)
    }
}

fn lines(raw: Option<&str>) -> Vec<String> {
    raw.unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

pub struct NewSpace<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub status: &'a str,
    pub support_threshold: i64,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
}

const SELECT: &str = "SELECT s.id, s.title, s.description, s.status, s.support_threshold, s.starts_at, s.ends_at, s.created_at, s.categories, s.districts, \
     (SELECT COUNT(*) FROM ideas i WHERE i.tenant_id = s.tenant_id AND i.space_id = s.id) AS idea_count \
     FROM spaces s";

/// The spaces of one tenant.
pub struct Spaces<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Spaces<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Spaces { db, tenant }
    }

    pub async fn create(&self, new: &NewSpace<'_>) -> Result<SpaceId, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO spaces (tenant_id, title, description, status, support_threshold, starts_at, ends_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.title)
        .bind(new.description)
        .bind(new.status)
        .bind(new.support_threshold)
        .bind(new.starts_at)
        .bind(new.ends_at)
        .bind(Timestamp::now().0)
        .fetch_one(self.db.writer())
        .await?;
        Ok(SpaceId(id))
    }

    /// Spaces visitors may see (published or closed), newest first.
    pub async fn list_public(&self) -> Result<Vec<SpaceRecord>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE s.tenant_id = $1 AND s.status IN ('published', 'closed') ORDER BY s.created_at DESC, s.id DESC"
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .fetch_all(self.db.reader())
            .await?)
    }

    /// A space visitors may see; drafts and other tenants' spaces are `None`.
    pub async fn get_public(&self, id: SpaceId) -> Result<Option<SpaceRecord>, StoreError> {
        let sql = format!("{SELECT} WHERE s.tenant_id = $1 AND s.id = $2 AND s.status IN ('published', 'closed')");
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(id.0)
            .fetch_optional(self.db.reader())
            .await?)
    }

    /// Sets the categories and districts ideas in the space choose from
    /// (empty: any short text).
    pub async fn set_choices(&self, id: SpaceId, categories: &[&str], districts: &[&str]) -> Result<(), StoreError> {
        let join = |l: &[&str]| (!l.is_empty()).then(|| l.join("\n"));
        sqlx::query("UPDATE spaces SET categories = $3, districts = $4 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(id.0)
            .bind(join(categories))
            .bind(join(districts))
            .execute(self.db.writer())
            .await?;
        Ok(())
    }
}
