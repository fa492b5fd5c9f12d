//! Municipalities. The tenants table is the one table that is not itself
//! tenant-owned.

use crate::{Db, StoreError};
// Dynamic SQL here is only ever constant fragments joined by format!; every
// value is bound.
use civic_core::{HostName, Locale, TenantId, TenantName, TenantSlug, Timestamp};
use sqlx::AssertSqlSafe;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TenantRecord {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub default_locale: String,
    pub host: Option<String>,
    pub accent_color: Option<String>,
    pub created_at: i64,
}

impl TenantRecord {
    pub fn tenant_id(&self) -> TenantId {
        TenantId(self.id)
    }

    pub fn locale(&self) -> Locale {
        Locale::parse(&self.default_locale).unwrap_or_default()
    }
}

pub struct NewTenant {
    pub slug: TenantSlug,
    pub name: TenantName,
    pub default_locale: Locale,
    pub host: Option<HostName>,
}

const COLUMNS: &str = "id, slug, name, default_locale, host, accent_color, created_at";

pub async fn create(db: &Db, new: &NewTenant) -> Result<TenantRecord, StoreError> {
    let sql = format!(
        "INSERT INTO tenants (slug, name, default_locale, host, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}"
    );
    let row = sqlx::query_as::<_, TenantRecord>(AssertSqlSafe(sql))
        .bind(new.slug.as_str())
        .bind(new.name.as_str())
        .bind(new.default_locale.as_str())
        .bind(new.host.as_ref().map(|h| h.as_str().to_string()))
        .bind(Timestamp::now().0)
        .fetch_one(db.writer())
        .await?;
    Ok(row)
}

pub async fn list(db: &Db) -> Result<Vec<TenantRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM tenants ORDER BY name, slug");
    Ok(sqlx::query_as(AssertSqlSafe(sql))
        .fetch_all(db.reader())
        .await?)
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<TenantRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM tenants WHERE slug = $1");
    Ok(sqlx::query_as(AssertSqlSafe(sql))
        .bind(slug)
        .fetch_optional(db.reader())
        .await?)
}

pub async fn by_host(db: &Db, host: &str) -> Result<Option<TenantRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM tenants WHERE host = $1");
    Ok(sqlx::query_as(AssertSqlSafe(sql))
        .bind(host)
        .fetch_optional(db.reader())
        .await?)
}

pub async fn count(db: &Db) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM tenants")
        .fetch_one(db.reader())
        .await?)
}
