//! A tenant's days off beyond the weekend (see `civic_core::working_days`).

use crate::{Db, StoreError};
use civic_core::TenantId;

pub struct DaysOff<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> DaysOff<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        DaysOff { db, tenant }
    }

    /// Every day off with its name, oldest first.
    pub async fn list(&self) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(
            sqlx::query_as("SELECT day, name FROM days_off WHERE tenant_id = $1 ORDER BY day")
                .bind(self.tenant.0)
                .fetch_all(&mut *self.db.reader().await?)
                .await?,
        )
    }

    /// Replaces the whole list (the clerk edits it as one text).
    pub async fn replace(&self, days: &[(i64, String)]) -> Result<(), StoreError> {
        let mut conn = self.db.writer().await?;
        sqlx::query("DELETE FROM days_off WHERE tenant_id = $1")
            .bind(self.tenant.0)
            .execute(&mut *conn)
            .await?;
        for (day, name) in days {
            sqlx::query("INSERT INTO days_off (tenant_id, day, name) VALUES ($1, $2, $3)")
                .bind(self.tenant.0)
                .bind(day)
                .bind(name)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }
}
