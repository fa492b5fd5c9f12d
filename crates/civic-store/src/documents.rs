//! A tenant's published documents (the accessibility statement): every
//! save is a new version; readers get the newest.

use crate::{Db, StoreError};
use civic_core::documents::{DocumentKind, DocumentText};
use civic_core::{TenantId, Timestamp};

/// One version of a document.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentRow {
    pub version: i64,
    pub body: String,
    pub published_at: i64,
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
}
