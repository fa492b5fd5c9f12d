//! A tenant's published documents (the accessibility statement, the terms
//! of use, the privacy notice): every save is a new version; readers get
//! the newest. Residents' acceptances of the terms and the privacy notice.

use crate::{Db, StoreError};
use civic_core::documents::{DocumentKind, DocumentText};
use civic_core::{TenantId, Timestamp, UserId};

/// One version of a document.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentRow {
    pub version: i64,
    pub body: String,
    pub published_at: i64,
}

/// The newest version of a document a person has still to accept.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingRow {
    pub kind: String,
    pub version: i64,
    pub body: String,
    pub published_at: i64,
}

/// One acceptance, for the person's data export.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AcceptanceRow {
    pub kind: String,
    pub version: i64,
    pub accepted_at: i64,
}

pub struct Documents<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Documents<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Documents { db, tenant }
    }

    /// The newest version, `None` while the town has published none.
    pub async fn current(&self, kind: DocumentKind) -> Result<Option<DocumentRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT version, body, published_at FROM tenant_documents \
             WHERE tenant_id = $1 AND kind = $2 ORDER BY version DESC LIMIT 1",
        )
        .bind(self.tenant.0)
        .bind(kind.as_str())
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Adds the next version; returns its number. Two saves at the same
    /// moment meet the primary key: the second is refused, not merged.
    pub async fn publish(&self, kind: DocumentKind, text: &DocumentText, at: Timestamp) -> Result<i64, StoreError> {
        let mut w = self.db.writer().await?;
        let version: i64 = sqlx::query_scalar(
            "INSERT INTO tenant_documents (tenant_id, kind, version, body, published_at) \
             SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4 FROM tenant_documents \
             WHERE tenant_id = $1 AND kind = $2 RETURNING version",
        )
        .bind(self.tenant.0)
        .bind(kind.as_str())
        .bind(text.as_str())
        .bind(at.0)
        .fetch_one(&mut *w)
        .await?;
        Ok(version)
    }

    /// The newest terms and privacy notice that `user` has not accepted and
    /// that were published after `joined_at`: what joining accepted is
    /// not asked again, and accounts made by an operator join under the
    /// versions in force.
    pub async fn pending(&self, user: UserId, joined_at: i64) -> Result<Vec<PendingRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT d.kind, d.version, d.body, d.published_at FROM tenant_documents d \
             WHERE d.tenant_id = $1 AND d.kind IN ('terms', 'privacy') AND d.published_at > $3 \
             AND d.version = (SELECT MAX(m.version) FROM tenant_documents m \
                              WHERE m.tenant_id = d.tenant_id AND m.kind = d.kind) \
             AND NOT EXISTS (SELECT 1 FROM document_acceptances a WHERE a.tenant_id = d.tenant_id \
                             AND a.user_id = $2 AND a.kind = d.kind AND a.version >= d.version)",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(joined_at)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Records that `user` accepted `version` of `kind`; accepting twice
    /// keeps the first moment. A version that does not exist meets the
    /// foreign key.
    pub async fn accept(
        &self,
        user: UserId,
        kind: DocumentKind,
        version: i64,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO document_acceptances (tenant_id, user_id, kind, version, accepted_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, user_id, kind, version) DO NOTHING",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(kind.as_str())
        .bind(version)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// Records that `user` accepted the versions of the terms and the
    /// privacy notice in force now (at registration); none while the town
    /// has published none.
    pub async fn accept_current(&self, user: UserId, at: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO document_acceptances (tenant_id, user_id, kind, version, accepted_at) \
             SELECT tenant_id, $2, kind, MAX(version), $3 FROM tenant_documents \
             WHERE tenant_id = $1 AND kind IN ('terms', 'privacy') GROUP BY tenant_id, kind",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// Every acceptance of `user`, oldest first.
    pub async fn acceptances(&self, user: UserId) -> Result<Vec<AcceptanceRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT kind, version, accepted_at FROM document_acceptances \
             WHERE tenant_id = $1 AND user_id = $2 ORDER BY accepted_at, kind",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}
