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
    pub async fn credentials(&self, email: &Email) -> Result<Option<(UserRecord, String)>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct WithHash {
            #[sqlx(flatten)]
            user: UserRecord,
            password_hash: String,
        }
        let row: Option<WithHash> = sqlx::query_as(
            "SELECT id, email, display_name, role, email_confirmed_at, created_at, password_hash \
             FROM users WHERE tenant_id = $1 AND email = $2",
        )
        .bind(self.tenant.0)
        .bind(email.as_str())
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        Ok(row.map(|r| (r.user, r.password_hash)))
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

    /// How many administrators the tenant has (the last one may not go).
    pub async fn count_admins(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND role = 'admin'")
                .bind(self.tenant.0)
                .fetch_one(&mut *self.db.reader().await?)
                .await?,
        )
    }

    pub async fn set_role(&self, id: UserId, role: Role) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE users SET role = $3 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(id.0)
            .bind(role.as_str())
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Replaces the password and ends every session of the account, in one
    /// transaction: whoever knew the old password is signed out.
    pub async fn set_password(&self, id: UserId, password_hash: &str) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let done = sqlx::query("UPDATE users SET password_hash = $3 WHERE tenant_id = $1 AND id = $2")
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
