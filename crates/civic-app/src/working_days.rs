//! The tenant's working-day calendar: read by every deadline in working
//! days, edited by administrators as a list of dates.

use crate::audit::{self, Actor, action};
use crate::{AppError, Platform};
use civic_core::working_days::WorkingCalendar;
use civic_core::{Invalid, Problems, Role, TenantId};
use civic_store::working_days::DaysOff;

/// The calendar deadlines of this tenant are computed from.
pub async fn calendar(db: &Platform, tenant: TenantId) -> Result<WorkingCalendar, AppError> {
    Ok(WorkingCalendar::new(DaysOff::of(db, tenant).list().await?))
}

/// Replaces the days off with those in `text` (one `YYYY-MM-DD [name]` per
/// line). Administrators only; every bad line is named and nothing is
/// stored then.
pub async fn set_days_off(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    actor: &Actor,
    text: &str,
) -> Result<WorkingCalendar, AppError> {
    if role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can change the working-day calendar",
        ));
    }
    let calendar = WorkingCalendar::parse(text).map_err(|bad| {
        let lines = bad.iter().map(|b| b.line.to_string()).collect::<Vec<_>>().join(", ");
        let mut problems = Problems::new();
        problems.push(Invalid::new(
            "days_off",
            "days_off_invalid",
            format!("each line must start with a date as YYYY-MM-DD (at most 400 dates); check lines {lines}"),
        ));
        AppError::from(problems)
    })?;
    let days: Vec<(i64, String)> = calendar.days_off().map(|(d, n)| (d, n.to_string())).collect();
    let tx = db.begin().await?;
    DaysOff::of(&tx, tenant).replace(&days).await?;
    audit::record(
        &tx,
        tenant,
        actor,
        action::DAYS_OFF_CHANGED,
        "calendar",
        &format!("{} days off", days.len()),
    )
    .await?;
    tx.commit().await?;
    Ok(calendar)
}
