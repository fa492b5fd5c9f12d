//! Accounts of a tenant, and the platform operators (who belong to none).

use crate::{Db, StoreError};
use civic_core::{DisplayName, Email, Role, TenantId, Timestamp, UserId};

pub use civic_core::user::User as UserRecord;

pub struct NewUser<'a> {
    pub email: &'a Email,
    pub display_name: &'a DisplayName,
    pub password_hash: &'a str,
    pub role: Role,
    pub confirmed: bool,
}

/// What signing in checks: the account and its password.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credentials {
    #[sqlx(flatten)]
    pub user: UserRecord,
    pub password_hash: String,
    #[sqlx(try_from = "civic_core::user::StoredFlag")]
    pub password_change_required: bool,
}

/// The accounts of one tenant.
pub struct Users<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Users<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Users { db, tenant }
    }

    /// Creates an account; an e-mail already registered with this tenant is
    /// `StoreError::Conflict` on `users_tenant_email_key`.
    pub async fn create(&self, new: &NewUser<'_>) -> Result<UserRecord, StoreError> {
        let now = Timestamp::now().0;
        let row = sqlx::query_as::<_, UserRecord>(
            "INSERT INTO users (tenant_id, email, display_name, password_hash, role, email_confirmed_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             RETURNING id, email, display_name, role, email_confirmed_at, created_at",
        )
        .bind(self.tenant.0)
        .bind(new.email.as_str())
        .bind(new.display_name.as_str())
        .bind(new.password_hash)
        .bind(new.role.as_str())
        .bind(new.confirmed.then_some(now))
        .bind(now)
        .fetch_one(&mut *self.db.writer().await?)
        .await?;
        Ok(row)
    }

    pub async fn by_email(&self, email: &Email) -> Result<Option<UserRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, email, display_name, role, email_confirmed_at, created_at FROM users WHERE tenant_id = $1 AND email = $2",
        )
        .bind(self.tenant.0)
        .bind(email.as_str())
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// The account and its password hash, for signing in.
    /// The account, its password hash, and whether that password was handed
    /// out and must be changed.
    pub async fn credentials(&self, email: &Email) -> Result<Option<Credentials>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, email, display_name, role, email_confirmed_at, created_at, password_hash, \
             password_change_required \
             FROM users WHERE tenant_id = $1 AND email = $2",
        )
        .bind(self.tenant.0)
        .bind(email.as_str())
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn get(&self, id: UserId) -> Result<Option<UserRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, email, display_name, role, email_confirmed_at, created_at FROM users WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// The password hash of an account, to check its current password.
    pub async fn password_hash(&self, id: UserId) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT password_hash FROM users WHERE tenant_id = $1 AND id = $2")
                .bind(self.tenant.0)
                .bind(id.0)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?,
        )
    }

    /// Accounts for the people page: staff first, then by name; `query`
    /// matches a part of the name or e-mail.
    pub async fn list(&self, query: Option<&str>, limit: u32) -> Result<Vec<UserRecord>, StoreError> {
        let pattern = query
            .map(|q| {
                q.to_lowercase()
                    .chars()
                    .filter(|c| *c != '%' && *c != '_')
                    .collect::<String>()
            })
            .filter(|q| !q.is_empty())
            .map(|q| format!("%{q}%"));
        Ok(sqlx::query_as(
            "SELECT id, email, display_name, role, email_confirmed_at, created_at FROM users \
             WHERE tenant_id = $1 AND ($2 IS NULL OR LOWER(email) LIKE $2 OR LOWER(display_name) LIKE $2) \
             ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'official' THEN 1 WHEN 'moderator' THEN 2 ELSE 3 END, display_name, id \
             LIMIT $3",
        )
        .bind(self.tenant.0)
        .bind(pattern)
        .bind(i64::from(limit))
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Marks the account's password as handed out: it must be changed at
    /// the next sign-in.
    pub async fn require_password_change(&self, id: UserId) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE users SET password_change_required = 1 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(id.0)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Changes the role unless that would leave the tenant without an
    /// administrator, decided in one statement. Returns false when the
    /// change was refused for that reason (or the account is unknown).
    ///
    /// Two administrators demoting each other at once must not both win: on
    /// SQLite writes run one at a time, so the count in the statement is
    /// current; on PostgreSQL the administrators' rows are locked first
    /// (`FOR UPDATE`), so the second statement waits and then counts the
    /// rows as the first left them.
    pub async fn set_role_keeping_an_admin(&self, id: UserId, role: Role) -> Result<bool, StoreError> {
        const SQLITE: &str = "UPDATE users SET role = $3 WHERE tenant_id = $1 AND id = $2 \
             AND (role <> 'admin' OR $3 = 'admin' \
                  OR (SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND role = 'admin') > 1)";
        const POSTGRES: &str = "UPDATE users SET role = $3 WHERE tenant_id = $1 AND id = $2 \
             AND (role <> 'admin' OR $3 = 'admin' \
                  OR (SELECT COUNT(*) FROM (SELECT id FROM users WHERE tenant_id = $1 AND role = 'admin' FOR UPDATE) AS admins) > 1)";
        let sql = if self.db.backend() == crate::Backend::Postgres {
            POSTGRES
        } else {
            SQLITE
        };
        let done = sqlx::query(sql)
            .bind(self.tenant.0)
            .bind(id.0)
            .bind(role.as_str())
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Renames the account (the name shown on what the person wrote).
    pub async fn set_display_name(&self, id: UserId, name: &DisplayName) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE users SET display_name = $3 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(id.0)
            .bind(name.as_str())
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Moves the account to a new address, proved by a link mailed to it (so
    /// the address counts as confirmed). An address another account of the
    /// tenant has is `StoreError::Conflict` on `users_tenant_email_key`.
    pub async fn set_email(&self, id: UserId, email: &Email) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE users SET email = $3, email_confirmed_at = COALESCE(email_confirmed_at, $4) \
             WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(email.as_str())
        .bind(Timestamp::now().0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Replaces the password and ends every session of the account, in one
    /// transaction: whoever knew the old password is signed out.
    pub async fn set_password(&self, id: UserId, password_hash: &str) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let done = sqlx::query(
            "UPDATE users SET password_hash = $3, password_change_required = 0 WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(password_hash)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2")
            .bind(self.tenant.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        // A new password also ends what the old one opened: access tokens
        // and any other reset link still in the mail.
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE email_tokens SET used_at = $3 \
             WHERE tenant_id = $1 AND user_id = $2 AND purpose = 'reset_password' AND used_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE tenant_id = $1")
            .bind(self.tenant.0)
            .fetch_one(&mut *self.db.reader().await?)
            .await?)
    }
}

/// Creates a platform operator; an existing e-mail is a conflict on
/// `operators_email_key`.
pub async fn create_operator(db: &Db, email: &Email, password_hash: &str) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("INSERT INTO operators (email, password_hash, created_at) VALUES ($1, $2, $3) RETURNING id")
            .bind(email.as_str())
            .bind(password_hash)
            .bind(Timestamp::now().0)
            .fetch_one(&mut *db.writer().await?)
            .await?,
    )
}
