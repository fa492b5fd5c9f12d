//! Verified residents: the tenant's key secret, the census list (identity
//! keys with district and birth year) and one verification per account,
//! with one account per identity key (a unique index).

use crate::{Db, StoreError};
use civic_core::verification::Verification;
use civic_core::{TenantId, Timestamp, UserId};
use sqlx::AssertSqlSafe;

/// Rows per INSERT of the census list (4 parameters each, well under
/// SQLite's limit of parameters per statement).
const BATCH: usize = 500;

/// The census list's size and when it was last replaced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CensusInfo {
    pub rows: i64,
    pub updated_at: Option<i64>,
}

/// A census entry: (identity key, district, birth year).
pub type CensusEntry = (String, String, i64);

/// A verification to store.
#[derive(Debug, Clone)]
pub struct NewVerification<'a> {
    pub user: UserId,
    pub method: &'a str,
    pub identity_key: &'a str,
    pub district: &'a str,
    pub birth_year: i64,
    pub expires_at: i64,
    pub verified_by: Option<UserId>,
    pub document_type: Option<&'a str>,
}

#[derive(sqlx::FromRow)]
struct Row {
    method: String,
    district: String,
    birth_year: i64,
    expires_at: i64,
    document_type: Option<String>,
    verified_by: Option<i64>,
    created_at: i64,
}

impl From<Row> for Verification {
    fn from(r: Row) -> Self {
        Verification {
            method: r.method,
            district: r.district,
            birth_year: r.birth_year,
            expires_at: r.expires_at,
            document_type: r.document_type,
            verified_by: r.verified_by,
            created_at: r.created_at,
        }
    }
}

pub struct Verifications<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Verifications<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Verifications { db, tenant }
    }

    /// The tenant's key secret, `None` before first use.
    pub async fn secret(&self) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT secret FROM verification_settings WHERE tenant_id = $1")
                .bind(self.tenant.0)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?,
        )
    }

    /// Stores `fresh` as the secret unless the tenant has one already (two
    /// first uses at once keep the same one); answers the secret in force.
    pub async fn ensure_secret(&self, fresh: &str, at: Timestamp) -> Result<String, StoreError> {
        let mut conn = self.db.writer().await?;
        sqlx::query(
            "INSERT INTO verification_settings (tenant_id, secret, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (tenant_id) DO NOTHING",
        )
        .bind(self.tenant.0)
        .bind(fresh)
        .bind(at.0)
        .execute(&mut *conn)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT secret FROM verification_settings WHERE tenant_id = $1")
                .bind(self.tenant.0)
                .fetch_one(&mut *conn)
                .await?,
        )
    }

    pub async fn census_info(&self) -> Result<CensusInfo, StoreError> {
        let row: Option<(i64, Option<i64>)> =
            sqlx::query_as("SELECT census_rows, census_updated_at FROM verification_settings WHERE tenant_id = $1")
                .bind(self.tenant.0)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?;
        Ok(row
            .map(|(rows, updated_at)| CensusInfo { rows, updated_at })
            .unwrap_or_default())
    }

    /// Replaces the census list with `entries` (call in a transaction: the
    /// old list stays whole until the commit). The settings row must exist
    /// (the secret was made).
    pub async fn replace_census(&self, entries: &[CensusEntry], at: Timestamp) -> Result<(), StoreError> {
        let mut conn = self.db.writer().await?;
        sqlx::query("DELETE FROM census_entries WHERE tenant_id = $1")
            .bind(self.tenant.0)
            .execute(&mut *conn)
            .await?;
        for chunk in entries.chunks(BATCH) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| format!("($1, ${}, ${}, ${})", 2 + 3 * i, 3 + 3 * i, 4 + 3 * i))
                .collect();
            let sql = format!(
                "INSERT INTO census_entries (tenant_id, identity_key, district, birth_year) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(AssertSqlSafe(sql)).bind(self.tenant.0);
            for (key, district, year) in chunk {
                q = q.bind(key.as_str()).bind(district.as_str()).bind(*year);
            }
            q.execute(&mut *conn).await?;
        }
        sqlx::query("UPDATE verification_settings SET census_rows = $2, census_updated_at = $3 WHERE tenant_id = $1")
            .bind(self.tenant.0)
            .bind(entries.len() as i64)
            .bind(at.0)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// The census entry with this key: (district, birth year).
    pub async fn census_match(&self, key: &str) -> Result<Option<(String, i64)>, StoreError> {
        Ok(
            sqlx::query_as(
                "SELECT district, birth_year FROM census_entries WHERE tenant_id = $1 AND identity_key = $2",
            )
            .bind(self.tenant.0)
            .bind(key)
            .fetch_optional(&mut *self.db.reader().await?)
            .await?,
        )
    }

    /// The account's verification (expired or not).
    pub async fn get(&self, user: UserId) -> Result<Option<Verification>, StoreError> {
        let row: Option<Row> = sqlx::query_as(
            "SELECT method, district, birth_year, expires_at, document_type, verified_by, created_at \
             FROM verifications WHERE tenant_id = $1 AND user_id = $2",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        Ok(row.map(Verification::from))
    }

    /// Whether the account holds a verification that has not expired.
    pub async fn is_verified(&self, user: UserId, now: Timestamp) -> Result<bool, StoreError> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM verifications WHERE tenant_id = $1 AND user_id = $2 AND expires_at > $3",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(now.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        Ok(found.is_some())
    }

    /// The account this identity key verifies, if any.
    pub async fn holder_of(&self, key: &str) -> Result<Option<UserId>, StoreError> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM verifications WHERE tenant_id = $1 AND identity_key = $2")
                .bind(self.tenant.0)
                .bind(key)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?;
        Ok(found.map(UserId))
    }

    /// Verifies the account (a new verification replaces its old one). A
    /// key that verifies another account is a `Conflict` (unique index).
    pub async fn put(&self, v: &NewVerification<'_>, at: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO verifications (tenant_id, user_id, method, identity_key, district, birth_year, expires_at, \
             verified_by, document_type, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (tenant_id, user_id) DO UPDATE SET method = excluded.method, \
             identity_key = excluded.identity_key, district = excluded.district, birth_year = excluded.birth_year, \
             expires_at = excluded.expires_at, verified_by = excluded.verified_by, \
             document_type = excluded.document_type, created_at = excluded.created_at",
        )
        .bind(self.tenant.0)
        .bind(v.user.0)
        .bind(v.method)
        .bind(v.identity_key)
        .bind(v.district)
        .bind(v.birth_year)
        .bind(v.expires_at)
        .bind(v.verified_by.map(|u| u.0))
        .bind(v.document_type)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// Removes the account's verification; false when it had none.
    pub async fn revoke(&self, user: UserId) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM verifications WHERE tenant_id = $1 AND user_id = $2")
            .bind(self.tenant.0)
            .bind(user.0)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
