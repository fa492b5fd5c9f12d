//! Pictures of a poll's options ("which of these three playground
//! designs?"). An image belongs to an option by its label, not its
//! position: reordering the options of a draft keeps each picture with its
//! option, and renaming an option leaves it without one.

use crate::{Db, StoreError};
use civic_core::{TenantId, Timestamp};

pub use civic_core::polls::OptionImage;

/// The option pictures of one tenant's polls.
pub struct PollImages<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> PollImages<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        PollImages { db, tenant }
    }

    /// Sets (or replaces) the picture of an option.
    pub async fn set(
        &self,
        poll: i64,
        question: i64,
        label: &str,
        content_type: &str,
        bytes: &[u8],
        alt: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO poll_option_images (tenant_id, poll_id, question_id, label, content_type, bytes, alt, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (tenant_id, poll_id, question_id, label) DO UPDATE SET content_type = excluded.content_type, \
             bytes = excluded.bytes, alt = excluded.alt, updated_at = excluded.updated_at",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .bind(question)
        .bind(label)
        .bind(content_type)
        .bind(bytes.to_vec())
        .bind(alt)
        .bind(Timestamp::now().0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// Removes an option's picture; false when it had none.
    pub async fn remove(&self, poll: i64, question: i64, label: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "DELETE FROM poll_option_images WHERE tenant_id = $1 AND poll_id = $2 AND question_id = $3 AND label = $4",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .bind(question)
        .bind(label)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The pictures of a poll's options (one query for the whole form).
    pub async fn list(&self, poll: i64) -> Result<Vec<OptionImage>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT question_id, label, alt, updated_at FROM poll_option_images \
             WHERE tenant_id = $1 AND poll_id = $2 ORDER BY question_id, label",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// An option's picture: content type and bytes.
    pub async fn get(&self, poll: i64, question: i64, label: &str) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT content_type, bytes FROM poll_option_images \
             WHERE tenant_id = $1 AND poll_id = $2 AND question_id = $3 AND label = $4",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .bind(question)
        .bind(label)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }
}
