//! One-time e-mail links of a tenant's accounts, and the platform outbox.

use crate::{Db, StoreError};
use civic_core::{TenantId, Timestamp, UserId};

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    ConfirmEmail,
    ResetPassword,
    /// Moves the account to the address the link was mailed to.
    ChangeEmail,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "confirm_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
        }
    }
}

pub struct EmailTokens<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> EmailTokens<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        EmailTokens { db, tenant }
    }

    pub async fn create(
        &self,
        user: UserId,
        purpose: Purpose,
        token_hash: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO email_tokens (tenant_id, user_id, purpose, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(purpose.as_str())
        .bind(token_hash)
        .bind(Timestamp::now().0)
        .bind(expires_at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// Stores a link that moves `user` to `new_email` when followed; any
    /// earlier such link of the account stops working (only the latest
    /// request counts).
    pub async fn create_email_change(
        &self,
        user: UserId,
        new_email: &str,
        token_hash: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        let now = Timestamp::now().0;
        let mut tx = self.db.unit().await?;
        sqlx::query(
            "UPDATE email_tokens SET used_at = $3 \
             WHERE tenant_id = $1 AND user_id = $2 AND purpose = 'change_email' AND used_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO email_tokens (tenant_id, user_id, purpose, token_hash, created_at, expires_at, new_email) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(Purpose::ChangeEmail.as_str())
        .bind(token_hash)
        .bind(now)
        .bind(expires_at.0)
        .bind(new_email)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Uses an e-mail change link once: its account and the new address,
    /// or `None` when it is unknown, another tenant's, used or expired.
    pub async fn consume_email_change(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<(UserId, String)>, StoreError> {
        let row: Option<(i64, Option<String>)> = sqlx::query_as(
            "UPDATE email_tokens SET used_at = $4 \
             WHERE tenant_id = $1 AND token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $4 \
             RETURNING user_id, new_email",
        )
        .bind(self.tenant.0)
        .bind(token_hash)
        .bind(Purpose::ChangeEmail.as_str())
        .bind(now.0)
        .fetch_optional(&mut *self.db.writer().await?)
        .await?;
        Ok(row.and_then(|(user, email)| Some((UserId(user), email?))))
    }

    /// Whether a link would still work (unknown, used, expired or another
    /// tenant's: no), without using it: a page can say so before a person
    /// presses its button.
    pub async fn is_live(&self, token_hash: &str, purpose: Purpose, now: Timestamp) -> Result<bool, StoreError> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM email_tokens \
             WHERE tenant_id = $1 AND token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $4",
        )
        .bind(self.tenant.0)
        .bind(token_hash)
        .bind(purpose.as_str())
        .bind(now.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        Ok(found.is_some())
    }

    /// Uses a link once: marks it used and returns its account, or `None`
    /// when it is unknown, of another purpose or tenant, used or expired. One
    /// conditional UPDATE, so two clicks at once cannot both succeed.
    pub async fn consume(
        &self,
        token_hash: &str,
        purpose: Purpose,
        now: Timestamp,
    ) -> Result<Option<UserId>, StoreError> {
        let user: Option<i64> = sqlx::query_scalar(
            "UPDATE email_tokens SET used_at = $4 \
             WHERE tenant_id = $1 AND token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $4 \
             RETURNING user_id",
        )
        .bind(self.tenant.0)
        .bind(token_hash)
        .bind(purpose.as_str())
        .bind(now.0)
        .fetch_optional(&mut *self.db.writer().await?)
        .await?;
        Ok(user.map(UserId))
    }
}

/// Marks an account's e-mail address as confirmed.
pub async fn confirm_email(db: &Db, tenant: TenantId, user: UserId, at: Timestamp) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE users SET email_confirmed_at = $3 WHERE tenant_id = $1 AND id = $2 AND email_confirmed_at IS NULL",
    )
    .bind(tenant.0)
    .bind(user.0)
    .bind(at.0)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

pub struct NewMessage<'a> {
    pub tenant_slug: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    pub tenant_slug: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attempts: i64,
}

pub async fn enqueue(db: &Db, message: &NewMessage<'_>) -> Result<i64, StoreError> {
    enqueue_on(&mut *db.writer().await?, message).await
}

/// Queues a message on a connection (inside a caller's transaction).
pub(crate) async fn enqueue_on(conn: &mut sqlx::AnyConnection, message: &NewMessage<'_>) -> Result<i64, StoreError> {
    let now = Timestamp::now().0;
    Ok(sqlx::query_scalar(
        "INSERT INTO outbox (tenant_slug, recipient, subject, body_text, body_html, created_at, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(message.tenant_slug)
    .bind(message.recipient)
    .bind(message.subject)
    .bind(message.body_text)
    .bind(message.body_html)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?)
}

/// Claims up to `limit` due messages for `lease_ms`. The conditions are
/// repeated on the updated row, so of several workers (app nodes) only one
/// claims a message; a worker that dies releases it when the lease ends.
pub async fn claim(db: &Db, now: Timestamp, lease_ms: i64, limit: i64) -> Result<Vec<Message>, StoreError> {
    // PostgreSQL: concurrent workers skip each other's rows instead of
    // queueing on them (DESIGN §3). SQLite has one writer, so no clause.
    let skip_locked = match db.backend() {
        crate::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        crate::Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE outbox SET claimed_until = $2, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 \
                        AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY id LIMIT $3{skip_locked}) \
           AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $1) \
         RETURNING id, tenant_slug, recipient, subject, body_text, body_html, attempts"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(now.0)
        .bind(now.0 + lease_ms)
        .bind(limit)
        .fetch_all(&mut *db.writer().await?)
        .await?)
}

pub async fn mark_sent(db: &Db, id: i64, at: Timestamp) -> Result<(), StoreError> {
    sqlx::query("UPDATE outbox SET sent_at = $2, claimed_until = NULL, last_error = NULL WHERE id = $1")
        .bind(id)
        .bind(at.0)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

/// Records a failed attempt and when to try again.
pub async fn mark_failed(db: &Db, id: i64, error: &str, retry_at: Timestamp) -> Result<(), StoreError> {
    sqlx::query("UPDATE outbox SET claimed_until = NULL, last_error = $2, next_attempt_at = $3 WHERE id = $1")
        .bind(id)
        .bind(error.chars().take(500).collect::<String>())
        .bind(retry_at.0)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

/// Messages not yet sent (for tests and operators).
pub async fn pending(db: &Db) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(&mut *db.reader().await?)
        .await?)
}
