//! The town administrator's home: what needs attention, participation this
//! month against the last, polls closing soon (administrators only).

use crate::{AppError, Platform};
use civic_core::town_admin::{Attention, ClosingPoll, Months, Participation};
use civic_core::{Role, TenantId, Timestamp};
use civic_store::town_admin::TownAdmin;

/// What the admin home shows.
pub struct Overview {
    pub attention: Attention,
    pub participation: Vec<Participation>,
    pub polls_closing: Vec<ClosingPoll>,
    pub months: Months,
}

/// Polls closing soon listed at most.
const POLLS_SHOWN: u32 = 5;

/// The admin home at `now`: three queries.
pub async fn overview(db: &Platform, tenant: TenantId, role: Role, now: Timestamp) -> Result<Overview, AppError> {
    if role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the municipality's administrators can see the administration home",
        ));
    }
    let store = TownAdmin::of(db, tenant);
    let months = Months::at(now);
    Ok(Overview {
        attention: store.attention(now).await?,
        participation: store.participation(months).await?,
        polls_closing: store.polls_closing(now, POLLS_SHOWN).await?,
        months,
    })
}
