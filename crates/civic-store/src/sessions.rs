//! Server-side sessions and personal access tokens of a tenant's accounts.
//! Callers pass SHA-256 digests of the secrets; the secrets never reach the
//! database.

use crate::{Db, StoreError};
pub use civic_core::user::Principal;
use civic_core::{TenantId, Timestamp, UserId};

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user: UserId,
    pub csrf_token: &'a str,
    pub expires_at: Timestamp,
    pub user_agent: Option<&'a str>,
}

/// The sessions of one tenant.
pub struct Sessions<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Sessions<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Sessions { db, tenant }
    }

    pub async fn create(&self, new: &NewSession<'_>) -> Result<(), StoreError> {
        let now = Timestamp::now().0;
        sqlx::query(
            "INSERT INTO sessions (tenant_id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent) \
             VALUES ($1, $2, $3, $4, $5, $5, $6, $7)",
        )
        .bind(self.tenant.0)
        .bind(new.token_hash)
        .bind(new.user.0)
        .bind(new.csrf_token)
        .bind(now)
        .bind(new.expires_at.0)
        .bind(new.user_agent)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// The account of a session that has not reached its absolute expiry.
    /// The idle limit depends on the account's role, so the caller checks it
    /// against `last_seen_at`.
    pub async fn principal(&self, token_hash: &str, now: Timestamp) -> Result<Option<Principal>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT u.id AS user_id, u.email, u.display_name, u.role, s.csrf_token, s.last_seen_at, \
             (SELECT COUNT(*) FROM (SELECT 1 AS one FROM notifications n \
              WHERE n.tenant_id = s.tenant_id AND n.user_id = s.user_id AND n.read_at IS NULL LIMIT $4) capped) AS unread, \
             u.password_change_required, s.documents_pending \
             FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id \
             WHERE s.tenant_id = $1 AND s.token_hash = $2 AND s.expires_at > $3",
        )
        .bind(self.tenant.0)
        .bind(token_hash)
        .bind(now.0)
        .bind(crate::notifications::UNREAD_CAP)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Marks the session as opened with documents left to accept.
    pub async fn mark_documents_pending(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET documents_pending = 1 WHERE tenant_id = $1 AND token_hash = $2")
            .bind(self.tenant.0)
            .bind(token_hash)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(())
    }

    /// Lets every session of `user` go on: they accepted what was pending.
    pub async fn clear_documents_pending(&self, user: UserId) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE sessions SET documents_pending = 0 WHERE tenant_id = $1 AND user_id = $2 AND documents_pending = 1",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// Records activity (the caller decides how often it is worth a write).
    pub async fn touch(&self, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $3 WHERE tenant_id = $1 AND token_hash = $2")
            .bind(self.tenant.0)
            .bind(token_hash)
            .bind(now.0)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(())
    }

    pub async fn delete(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE tenant_id = $1 AND token_hash = $2")
            .bind(self.tenant.0)
            .bind(token_hash)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(())
    }

    /// Ends every session of the account; returns how many.
    pub async fn delete_all(&self, user: UserId) -> Result<u64, StoreError> {
        Ok(
            sqlx::query("DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2")
                .bind(self.tenant.0)
                .bind(user.0)
                .execute(&mut *self.db.writer().await?)
                .await?
                .rows_affected(),
        )
    }
}

/// Personal access tokens of one tenant.
pub struct Tokens<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Tokens<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Tokens { db, tenant }
    }

    pub async fn create(
        &self,
        user: UserId,
        name: &str,
        token_hash: &str,
        expires_at: Timestamp,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO api_tokens (tenant_id, user_id, name, token_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(name)
        .bind(token_hash)
        .bind(Timestamp::now().0)
        .bind(expires_at.0)
        .fetch_one(&mut *self.db.writer().await?)
        .await?)
    }

    /// The account of a token that is neither revoked nor expired, and when
    /// the token was last used (its `last_seen_at`, 0 if never).
    pub async fn principal(&self, token_hash: &str, now: Timestamp) -> Result<Option<Principal>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT u.id AS user_id, u.email, u.display_name, u.role, '' AS csrf_token, \
             COALESCE(t.last_used_at, CAST(0 AS BIGINT)) AS last_seen_at, CAST(0 AS BIGINT) AS unread, \
             u.password_change_required, CAST(0 AS BIGINT) AS documents_pending \
             FROM api_tokens t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.user_id \
             WHERE t.tenant_id = $1 AND t.token_hash = $2 AND t.revoked_at IS NULL AND t.expires_at > $3",
        )
        .bind(self.tenant.0)
        .bind(token_hash)
        .bind(now.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Notes that the token was used now.
    pub async fn touch(&self, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query("UPDATE api_tokens SET last_used_at = $3 WHERE tenant_id = $1 AND token_hash = $2")
            .bind(self.tenant.0)
            .bind(token_hash)
            .bind(now.0)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(())
    }

    /// Makes every token of the account stop working by `at` at the latest.
    pub async fn expire_by(&self, user: UserId, at: Timestamp) -> Result<u64, StoreError> {
        Ok(sqlx::query(
            "UPDATE api_tokens SET expires_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND expires_at > $3",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected())
    }

    /// Revokes every live token of the account; returns how many.
    pub async fn revoke_all(&self, user: UserId) -> Result<u64, StoreError> {
        Ok(sqlx::query(
            "UPDATE api_tokens SET revoked_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(Timestamp::now().0)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected())
    }

    pub async fn revoke(&self, user: UserId, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $4 WHERE tenant_id = $1 AND user_id = $2 AND id = $3 AND revoked_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(id)
        .bind(Timestamp::now().0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

/// Deletes sessions past their absolute expiry, in every tenant, and
/// e-mail links that expired a day ago or more; returns how many rows went.
pub async fn delete_expired(db: &Db, now: Timestamp) -> Result<u64, StoreError> {
    let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now.0)
        .execute(&mut *db.writer().await?)
        .await?
        .rows_affected();
    let links = sqlx::query("DELETE FROM email_tokens WHERE expires_at <= $1")
        .bind(now.0 - 86_400_000)
        .execute(&mut *db.writer().await?)
        .await?
        .rows_affected();
    Ok(sessions + links)
}
