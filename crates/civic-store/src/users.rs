//! Accounts of a tenant, and the platform operators (who belong to none).

use crate::{Db, StoreError};
use civic_core::text::{name_sort_key, search_form};
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
            "INSERT INTO users (tenant_id, email, display_name, password_hash, role, email_confirmed_at, created_at, name_sort, name_search) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             RETURNING id, email, display_name, role, email_confirmed_at, created_at",
        )
        .bind(self.tenant.0)
        .bind(new.email.as_str())
        .bind(new.display_name.as_str())
        .bind(new.password_hash)
        .bind(new.role.as_str())
        .bind(new.confirmed.then_some(now))
        .bind(now)
        .bind(name_sort_key(new.display_name.as_str()))
        .bind(search_form(new.display_name.as_str()))
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

    /// A page of accounts for the people page: staff first, then by name in
    /// natural order (`name_sort`, compared byte by byte on both
    /// databases), then by id so that pages never overlap; `query` matches a
    /// part of the name (case and accents ignored) or of the e-mail.
    pub async fn list(&self, query: Option<&str>, offset: u64, limit: u32) -> Result<Vec<UserRecord>, StoreError> {
        const ORDER_SQLITE: &str = "name_sort, id";
        const ORDER_POSTGRES: &str = "name_sort COLLATE \"C\", id";
        let order = if self.db.backend() == crate::Backend::Postgres {
            ORDER_POSTGRES
        } else {
            ORDER_SQLITE
        };
        let (email, name) = people_patterns(query);
        let sql = format!(
            "SELECT id, email, display_name, role, email_confirmed_at, created_at FROM users \
             WHERE tenant_id = $1 AND ($2 IS NULL OR LOWER(email) LIKE $2 ESCAPE '\\' OR name_search LIKE $3) \
             ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'official' THEN 1 WHEN 'moderator' THEN 2 ELSE 3 END, {order} \
             LIMIT $4 OFFSET $5"
        );
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(email)
            .bind(name)
            .bind(i64::from(limit))
            .bind(i64::try_from(offset).unwrap_or(i64::MAX))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// How many accounts [`Users::list`] pages through for `query`.
    pub async fn count_matching(&self, query: Option<&str>) -> Result<u64, StoreError> {
        let (email, name) = people_patterns(query);
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users \
             WHERE tenant_id = $1 AND ($2 IS NULL OR LOWER(email) LIKE $2 ESCAPE '\\' OR name_search LIKE $3)",
        )
        .bind(self.tenant.0)
        .bind(email)
        .bind(name)
        .fetch_one(&mut *self.db.reader().await?)
        .await?;
        Ok(u64::try_from(count).unwrap_or(0))
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
        // Another administrator who can sign in: an invited one who has not
        // yet chosen a password (unconfirmed) does not count.
        const SQLITE: &str = "UPDATE users SET role = $3 WHERE tenant_id = $1 AND id = $2 \
             AND (role <> 'admin' OR $3 = 'admin' \
                  OR (SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND role = 'admin' \
                      AND id <> $2 AND email_confirmed_at IS NOT NULL) > 0)";
        const POSTGRES: &str = "UPDATE users SET role = $3 WHERE tenant_id = $1 AND id = $2 \
             AND (role <> 'admin' OR $3 = 'admin' \
                  OR (SELECT COUNT(*) FROM (SELECT id, email_confirmed_at FROM users \
                      WHERE tenant_id = $1 AND role = 'admin' FOR UPDATE) AS admins \
                      WHERE admins.id <> $2 AND admins.email_confirmed_at IS NOT NULL) > 0)";
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

    /// Renames the account (the name shown on what the person wrote), with
    /// the keys the people list sorts and searches by.
    pub async fn set_display_name(&self, id: UserId, name: &DisplayName) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE users SET display_name = $3, name_sort = $4, name_search = $5 WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(name.as_str())
        .bind(name_sort_key(name.as_str()))
        .bind(search_form(name.as_str()))
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

/// The LIKE patterns a people search matches: the query in lower case
/// against the e-mail (stored in lower case; `%`, `_` and `\` typed are
/// matched as themselves), and in search form against the name's search
/// form (letters, digits and spaces only). Both `None` for an empty query.
fn people_patterns(query: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(query) = query.map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty()) else {
        return (None, None);
    };
    let mut email = String::from("%");
    for c in query.chars() {
        if matches!(c, '%' | '_' | '\\') {
            email.push('\\');
        }
        email.push(c);
    }
    email.push('%');
    let name = Some(search_form(&query)).filter(|n| !n.is_empty());
    (Some(email), name.map(|n| format!("%{n}%")))
}

/// Gives the accounts written without them (before migration 0038, or
/// restored from an older backup) their name keys, in batches. Run by
/// [`Db::migrate`] on every cluster; a no-op once all are filled.
pub(crate) async fn fill_name_keys(pool: &sqlx::AnyPool) -> Result<u64, StoreError> {
    let mut filled = 0;
    loop {
        let rows: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT tenant_id, id, display_name FROM users \
             WHERE name_sort IS NULL OR name_search IS NULL ORDER BY tenant_id, id LIMIT 500",
        )
        .fetch_all(pool)
        .await?;
        if rows.is_empty() {
            return Ok(filled);
        }
        let mut tx = pool.begin().await?;
        for (tenant, id, name) in &rows {
            sqlx::query("UPDATE users SET name_sort = $3, name_search = $4 WHERE tenant_id = $1 AND id = $2")
                .bind(tenant)
                .bind(id)
                .bind(name_sort_key(name))
                .bind(search_form(name))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        filled += rows.len() as u64;
    }
}
