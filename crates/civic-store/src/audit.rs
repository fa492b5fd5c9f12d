//! The audit log of a tenant: who did what, when, from which address. Rows
//! are only ever added; administrators read them newest first.

use crate::{Db, StoreError};
use civic_core::{TenantId, Timestamp, UserId};
use sqlx::AssertSqlSafe;

pub use civic_core::audit::AuditEntry;

pub struct NewAuditEntry<'a> {
    pub actor_id: Option<UserId>,
    pub actor: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub detail: &'a str,
    pub address: &'a str,
}

pub use civic_core::audit::AuditFilter;

pub struct Audit<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Audit<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Audit { db, tenant }
    }

    pub async fn record(&self, entry: &NewAuditEntry<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_log (tenant_id, at, actor_id, actor, action, subject, detail, address) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(self.tenant.0)
        .bind(Timestamp::now().0)
        .bind(entry.actor_id.map(|u| u.0))
        .bind(clip(entry.actor, 254))
        .bind(clip(entry.action, 60))
        .bind(clip(entry.subject, 254))
        .bind(clip(entry.detail, 1000))
        .bind(clip(entry.address, 60))
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// Entries matching the filter, newest first.
    pub async fn list(&self, filter: &AuditFilter, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        // Constant fragments only; every value is bound.
        let mut sql = String::from(
            "SELECT a.id, a.at, a.actor_id, a.actor, a.action, a.subject, a.detail, a.address, \
             ua.display_name AS actor_name, us.display_name AS subject_name \
             FROM audit_log a \
             LEFT JOIN users ua ON ua.tenant_id = a.tenant_id AND ua.id = a.actor_id \
             LEFT JOIN users us ON us.tenant_id = a.tenant_id AND us.email = a.subject \
             WHERE a.tenant_id = $1",
        );
        let mut n = 1;
        let mut next = || {
            n += 1;
            n
        };
        if filter.action.is_some() {
            sql.push_str(&format!(" AND a.action = ${}", next()));
        }
        if filter.actor.is_some() {
            sql.push_str(&format!(" AND LOWER(a.actor) LIKE ${}", next()));
        }
        if filter.since.is_some() {
            sql.push_str(&format!(" AND a.at >= ${}", next()));
        }
        if filter.before_id.is_some() {
            sql.push_str(&format!(" AND a.id < ${}", next()));
        }
        sql.push_str(&format!(" ORDER BY a.id DESC LIMIT ${}", next()));
        let mut query = sqlx::query_as::<_, AuditEntry>(AssertSqlSafe(sql)).bind(self.tenant.0);
        if let Some(action) = &filter.action {
            query = query.bind(action.clone());
        }
        if let Some(actor) = &filter.actor {
            let escaped: String = actor
                .to_lowercase()
                .chars()
                .filter(|c| *c != '%' && *c != '_')
                .collect();
            query = query.bind(format!("%{escaped}%"));
        }
        if let Some(since) = filter.since {
            query = query.bind(since.0);
        }
        if let Some(before) = filter.before_id {
            query = query.bind(before);
        }
        Ok(query
            .bind(i64::from(limit))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }
}

fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}
