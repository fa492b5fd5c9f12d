//! Maps (issue 20): where a municipality's maps open. Administrators set
//! the centre and zoom level (audited); without a view of their own the
//! maps open on the middle of the area for problem reports, or on the
//! country.

use crate::audit::{self, Actor, action};
use crate::{AppError, Platform};
use civic_core::maps::MapView;
use civic_core::{Invalid, Problems, Role, TenantId, Timestamp};
use civic_store::maps::TenantMaps;
use civic_store::reports::Reports;

/// Where the tenant's maps open, and whether the administrators set it.
pub async fn view(db: &Platform, tenant: TenantId) -> Result<(MapView, bool), AppError> {
    match TenantMaps::of(db, tenant).get().await? {
        Some(v) => Ok((v, true)),
        None => Ok((MapView::fallback(Reports::of(db, tenant).area().await?), false)),
    }
}

/// Sets where the tenant's maps open, from the form's three fields
/// (administrators; audited `map_view_changed`). A centre outside the area
/// for problem reports, when the city set one, is refused (`outside_area`).
pub async fn set_view(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    lat: &str,
    lon: &str,
    zoom: &str,
) -> Result<MapView, AppError> {
    if role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators set where its maps open",
        ));
    }
    let view = MapView::from_fields(lat, lon, zoom).map_err(AppError::Invalid)?;
    let at = civic_core::reports::Point {
        lat_e6: view.lat_e6,
        lon_e6: view.lon_e6,
    };
    if let Some(area) = Reports::of(db, tenant).area().await?
        && !area.contains(at)
    {
        return Err(Problems::from(Invalid::new(
            "lat",
            "outside_area",
            "the centre is outside the municipality's area; check the coordinates",
        ))
        .into());
    }
    let tx = db.begin().await?;
    TenantMaps::of(&tx, tenant).set(view, Timestamp::now()).await?;
    audit::record(&tx, tenant, actor, action::MAP_VIEW_CHANGED, "map", &view.to_text()).await?;
    tx.commit().await?;
    Ok(view)
}
