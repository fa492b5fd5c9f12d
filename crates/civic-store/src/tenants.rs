//! Municipalities. The tenants table is the one table that is not itself
//! tenant-owned. It is part of the directory (`crate::clusters`): every
//! statement here goes to the main cluster, whichever cluster holds the
//! tenant's own rows.

use crate::{Db, StoreError};
// Dynamic SQL here is only ever constant fragments joined by format!; every
// value is bound.
use civic_core::brand::{AccentColor, Logo};
use civic_core::{HostName, Locale, TenantId, TenantName, TenantSlug, Timestamp};
use sqlx::AssertSqlSafe;

pub use civic_core::tenant::Tenant as TenantRecord;

pub struct NewTenant {
    pub slug: TenantSlug,
    pub name: TenantName,
    pub default_locale: Locale,
    pub host: Option<HostName>,
}

const COLUMNS: &str =
    "id, slug, name, default_locale, host, accent_color, created_at, logo_updated_at, suspended_at, time_zone";

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
        .fetch_one(&mut *db.directory().writer().await?)
        .await?;
    Ok(row)
}

pub async fn list(db: &Db) -> Result<Vec<TenantRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM tenants ORDER BY name, slug");
    Ok(sqlx::query_as(AssertSqlSafe(sql))
        .fetch_all(&mut *db.directory().reader().await?)
        .await?)
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<TenantRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM tenants WHERE slug = $1");
    Ok(sqlx::query_as(AssertSqlSafe(sql))
        .bind(slug)
        .fetch_optional(&mut *db.directory().reader().await?)
        .await?)
}

pub async fn by_host(db: &Db, host: &str) -> Result<Option<TenantRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM tenants WHERE host = $1");
    Ok(sqlx::query_as(AssertSqlSafe(sql))
        .bind(host)
        .fetch_optional(&mut *db.directory().reader().await?)
        .await?)
}

pub async fn count(db: &Db) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM tenants")
        .fetch_one(&mut *db.directory().reader().await?)
        .await?)
}

/// Changes to a tenant's settings; `None` leaves a field as it is, and
/// `Some(None)` clears an optional one.
#[derive(Default)]
pub struct TenantChanges {
    pub name: Option<TenantName>,
    pub default_locale: Option<Locale>,
    pub host: Option<Option<HostName>>,
    pub accent_color: Option<Option<AccentColor>>,
    pub time_zone: Option<civic_core::Zone>,
}

pub async fn update(db: &Db, id: TenantId, changes: &TenantChanges) -> Result<TenantRecord, StoreError> {
    // COALESCE keeps what is not changed; a flag says whether to touch the
    // optional columns, so that NULL can also be written on purpose.
    let sql = format!(
        "UPDATE tenants SET \
           name = COALESCE($2, name), \
           default_locale = COALESCE($3, default_locale), \
           host = CASE WHEN $4 = 1 THEN $5 ELSE host END, \
           accent_color = CASE WHEN $6 = 1 THEN $7 ELSE accent_color END, \
           time_zone = COALESCE($8, time_zone) \
         WHERE id = $1 RETURNING {COLUMNS}"
    );
    let row = sqlx::query_as::<_, TenantRecord>(AssertSqlSafe(sql))
        .bind(id.0)
        .bind(changes.name.as_ref().map(|n| n.as_str().to_string()))
        .bind(changes.default_locale.map(|l| l.as_str().to_string()))
        .bind(i64::from(changes.host.is_some()))
        .bind(changes.host.clone().flatten().map(|h| h.as_str().to_string()))
        .bind(i64::from(changes.accent_color.is_some()))
        .bind(changes.accent_color.clone().flatten().map(|a| a.as_str().to_string()))
        .bind(changes.time_zone.as_ref().map(|z| z.name().to_string()))
        .fetch_optional(&mut *db.directory().writer().await?)
        .await?;
    row.ok_or(StoreError::NotFound)
}

/// Sets or removes the tenant's logo.
pub async fn set_logo(db: &Db, id: TenantId, logo: Option<&Logo>) -> Result<(), StoreError> {
    let now = Timestamp::now().0;
    let mut tx = db.unit().await?;
    match logo {
        Some(logo) => {
            sqlx::query(
                "INSERT INTO tenant_logos (tenant_id, content_type, bytes, updated_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (tenant_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, updated_at = excluded.updated_at",
            )
            .bind(id.0)
            .bind(logo.content_type)
            .bind(logo.bytes.clone())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM tenant_logos WHERE tenant_id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
        }
    }
    let logo_time = sqlx::query("UPDATE tenants SET logo_updated_at = $2 WHERE id = $1")
        .bind(id.0)
        .bind(logo.map(|_| now));
    if db.is_off_directory() {
        // The logo lives with the tenant's rows, its time in the directory.
        tx.commit().await?;
        logo_time.execute(&mut *db.directory().writer().await?).await?;
    } else {
        logo_time.execute(&mut *tx).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// The logo's content type and bytes.
pub async fn logo(db: &Db, id: TenantId) -> Result<Option<(String, Vec<u8>)>, StoreError> {
    let row: Option<(String, Vec<u8>)> =
        sqlx::query_as("SELECT content_type, bytes FROM tenant_logos WHERE tenant_id = $1")
            .bind(id.0)
            .fetch_optional(&mut *db.reader().await?)
            .await?;
    Ok(row)
}
