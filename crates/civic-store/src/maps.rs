//! Maps (issue 20): where each municipality's maps open (`tenant_maps`, one
//! row per tenant at most).

use crate::{Db, StoreError};
use civic_core::maps::MapView;
use civic_core::{TenantId, Timestamp};

pub struct TenantMaps<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> TenantMaps<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        TenantMaps { db, tenant }
    }

    /// The view the administrators set, if they did.
    pub async fn get(&self) -> Result<Option<MapView>, StoreError> {
        Ok(
            sqlx::query_as("SELECT lat_e6, lon_e6, zoom FROM tenant_maps WHERE tenant_id = $1")
                .bind(self.tenant.0)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?,
        )
    }

    /// Sets the view (replacing the one before).
    pub async fn set(&self, view: MapView, at: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO tenant_maps (tenant_id, lat_e6, lon_e6, zoom, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (tenant_id) DO UPDATE SET lat_e6 = excluded.lat_e6, lon_e6 = excluded.lon_e6, \
             zoom = excluded.zoom, updated_at = excluded.updated_at",
        )
        .bind(self.tenant.0)
        .bind(view.lat_e6)
        .bind(view.lon_e6)
        .bind(view.zoom)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }
}
