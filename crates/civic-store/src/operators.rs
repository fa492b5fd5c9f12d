//! The platform's operators (not tenant-owned): their second factor, their
//! sessions in the console, their audit log, and the tenant overview they
//! look at.

use crate::{Db, StoreError};
use civic_core::time::Timestamp;
use sqlx::Row;

/// An operator as signing in needs them.
#[derive(Debug, Clone)]
pub struct OperatorAccount {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub totp_secret: Option<String>,
    pub totp_last_step: Option<i64>,
}

pub async fn by_email(db: &Db, email: &str) -> Result<Option<OperatorAccount>, StoreError> {
    let row =
        sqlx::query("SELECT id, email, password_hash, totp_secret, totp_last_step FROM operators WHERE email = $1")
            .bind(email)
            .fetch_optional(&mut *db.reader().await?)
            .await?;
    Ok(row.map(|r| account(&r)))
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<OperatorAccount>, StoreError> {
    let row = sqlx::query("SELECT id, email, password_hash, totp_secret, totp_last_step FROM operators WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *db.reader().await?)
        .await?;
    Ok(row.map(|r| account(&r)))
}

fn account(r: &sqlx::any::AnyRow) -> OperatorAccount {
    OperatorAccount {
        id: r.get(0),
        email: r.get(1),
        password_hash: r.get(2),
        totp_secret: r.get(3),
        totp_last_step: r.get(4),
    }
}

/// Sets the authenticator's secret and replaces the recovery codes.
pub async fn set_second_factor(db: &Db, operator: i64, secret: &str, code_hashes: &[String]) -> Result<(), StoreError> {
    let mut conn = db.writer().await?;
    sqlx::query("UPDATE operators SET totp_secret = $1, totp_last_step = NULL WHERE id = $2")
        .bind(secret)
        .bind(operator)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM operator_recovery_codes WHERE operator_id = $1")
        .bind(operator)
        .execute(&mut *conn)
        .await?;
    for hash in code_hashes {
        sqlx::query("INSERT INTO operator_recovery_codes (operator_id, code_hash) VALUES ($1, $2)")
            .bind(operator)
            .bind(hash)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Records the time step of an accepted code; false when that step (or a
/// later one) was accepted already, so the code is not accepted twice.
pub async fn accept_step(db: &Db, operator: i64, step: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE operators SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
    )
    .bind(step)
    .bind(operator)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Uses a recovery code once; false when it is not one of the operator's
/// unused codes.
pub async fn use_recovery_code(db: &Db, operator: i64, code_hash: &str) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE operator_recovery_codes SET used_at = $1 WHERE operator_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(Timestamp::now().0)
    .bind(operator)
    .bind(code_hash)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn unused_recovery_codes(db: &Db, operator: i64) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM operator_recovery_codes WHERE operator_id = $1 AND used_at IS NULL")
            .bind(operator)
            .fetch_one(&mut *db.reader().await?)
            .await?,
    )
}

/// A console session as stored.
#[derive(Debug, Clone)]
pub struct OperatorSession {
    pub operator_id: i64,
    pub email: String,
    pub csrf_token: String,
    pub stage: String,
    pub pending_secret: Option<String>,
    pub failed_codes: i64,
}

pub struct NewOperatorSession<'a> {
    pub token_hash: &'a str,
    pub operator_id: i64,
    pub csrf_token: &'a str,
    pub stage: &'a str,
    pub pending_secret: Option<&'a str>,
    pub expires_at: i64,
}

pub async fn create_session(db: &Db, new: &NewOperatorSession<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO operator_sessions (token_hash, operator_id, csrf_token, stage, pending_secret, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new.token_hash)
    .bind(new.operator_id)
    .bind(new.csrf_token)
    .bind(new.stage)
    .bind(new.pending_secret)
    .bind(Timestamp::now().0)
    .bind(new.expires_at)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

pub async fn session(db: &Db, token_hash: &str) -> Result<Option<OperatorSession>, StoreError> {
    let row = sqlx::query(
        "SELECT s.operator_id, o.email, s.csrf_token, s.stage, s.pending_secret, s.failed_codes \
         FROM operator_sessions s JOIN operators o ON o.id = s.operator_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(Timestamp::now().0)
    .fetch_optional(&mut *db.reader().await?)
    .await?;
    Ok(row.map(|r| OperatorSession {
        operator_id: r.get(0),
        email: r.get(1),
        csrf_token: r.get(2),
        stage: r.get(3),
        pending_secret: r.get(4),
        failed_codes: r.get(5),
    }))
}

/// Moves a session to the next stage (the second factor given).
pub async fn set_stage(db: &Db, token_hash: &str, stage: &str, expires_at: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE operator_sessions SET stage = $1, pending_secret = NULL, failed_codes = 0, expires_at = $2 \
         WHERE token_hash = $3",
    )
    .bind(stage)
    .bind(expires_at)
    .bind(token_hash)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

/// Counts a wrong code; answers the count so far.
pub async fn count_failed_code(db: &Db, token_hash: &str) -> Result<i64, StoreError> {
    let n: Option<i64> = sqlx::query_scalar(
        "UPDATE operator_sessions SET failed_codes = failed_codes + 1 WHERE token_hash = $1 RETURNING failed_codes",
    )
    .bind(token_hash)
    .fetch_optional(&mut *db.writer().await?)
    .await?;
    Ok(n.unwrap_or(i64::MAX))
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM operator_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

/// An entry of the operators' audit log.
#[derive(Debug, Clone)]
pub struct OperatorAuditEntry {
    pub at: i64,
    pub operator: Option<String>,
    pub action: String,
    pub tenant_slug: Option<String>,
    pub detail: Option<String>,
}

pub async fn audit(
    db: &Db,
    operator: Option<i64>,
    action: &str,
    tenant_slug: Option<&str>,
    detail: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO operator_audit (operator_id, action, tenant_slug, detail, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(operator)
    .bind(action)
    .bind(tenant_slug)
    .bind(detail)
    .bind(Timestamp::now().0)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

pub async fn audit_log(db: &Db, limit: i64) -> Result<Vec<OperatorAuditEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT a.at, o.email, a.action, a.tenant_slug, a.detail FROM operator_audit a \
         LEFT JOIN operators o ON o.id = a.operator_id ORDER BY a.at DESC, a.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *db.reader().await?)
    .await?;
    Ok(rows
        .iter()
        .map(|r| OperatorAuditEntry {
            at: r.get(0),
            operator: r.get(1),
            action: r.get(2),
            tenant_slug: r.get(3),
            detail: r.get(4),
        })
        .collect())
}

/// One tenant at a glance, for the console.
#[derive(Debug, Clone)]
pub struct TenantHealth {
    pub slug: String,
    pub name: String,
    pub host: Option<String>,
    pub created_at: i64,
    pub suspended_at: Option<i64>,
    pub people: i64,
    /// Ideas, comments, supports and poll responses in the last 30 days.
    pub recent_activity: i64,
    /// Mail written and not yet sent.
    pub mail_waiting: i64,
    /// The last delivery error of mail still waiting.
    pub last_mail_error: Option<String>,
}

/// Every tenant with its figures: one query per figure over all tenants
/// (grouped), not one per tenant.
pub async fn tenant_health(db: &Db) -> Result<Vec<TenantHealth>, StoreError> {
    let since = Timestamp::now().0 - 30 * 86_400_000;
    let mut conn = db.reader().await?;
    let rows = sqlx::query(
        "SELECT t.id, t.slug, t.name, t.host, t.created_at, t.suspended_at, \
            (SELECT COUNT(*) FROM users u WHERE u.tenant_id = t.id), \
            (SELECT COUNT(*) FROM ideas i WHERE i.tenant_id = t.id AND i.created_at >= $1) \
          + (SELECT COUNT(*) FROM comments c WHERE c.tenant_id = t.id AND c.created_at >= $1) \
          + (SELECT COUNT(*) FROM supports s WHERE s.tenant_id = t.id AND s.created_at >= $1) \
          + (SELECT COUNT(*) FROM poll_responses r WHERE r.tenant_id = t.id AND r.submitted_at >= $1), \
            (SELECT COUNT(*) FROM outbox m WHERE m.tenant_slug = t.slug AND m.sent_at IS NULL), \
            (SELECT MAX(m.last_error) FROM outbox m WHERE m.tenant_slug = t.slug AND m.sent_at IS NULL) \
         FROM tenants t ORDER BY t.name, t.slug",
    )
    .bind(since)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| TenantHealth {
            slug: r.get(1),
            name: r.get(2),
            host: r.get(3),
            created_at: r.get(4),
            suspended_at: r.get(5),
            people: r.get(6),
            recent_activity: r.get(7),
            mail_waiting: r.get(8),
            last_mail_error: r.get(9),
        })
        .collect())
}

/// Suspends (`Some(now)`) or resumes (`None`) a tenant; false when there is
/// no tenant with that slug.
pub async fn set_suspended(db: &Db, slug: &str, at: Option<i64>) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE tenants SET suspended_at = $1 WHERE slug = $2")
        .bind(at)
        .bind(slug)
        .execute(&mut *db.directory().writer().await?)
        .await?;
    Ok(done.rows_affected() == 1)
}
