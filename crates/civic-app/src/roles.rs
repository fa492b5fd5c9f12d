//! Tenant administrators grant and take back roles.

use crate::AppError;
use crate::Platform;
use crate::audit::{self, Actor};
use civic_core::{Invalid, Role, TenantId, UserId};
use civic_store::users::Users;

/// One page of the tenant's accounts, as the people list shows it.
#[derive(Debug)]
pub struct People {
    pub people: Vec<civic_core::user::User>,
    /// Accounts matching the query, on every page.
    pub total: u64,
    /// The page shown, from 1 (at most `pages`).
    pub page: u64,
    /// How many pages there are (1 when nothing matches).
    pub pages: u64,
}

/// The tenant's accounts whose name or e-mail contains `query`, page
/// `page` (from 1) of `per_page` each: staff first, then names in natural
/// order (administrators only). A page past the last is the last; page 0
/// is the first.
///
/// Paged by offset, not by keyset: an administrator goes forwards and back
/// and is told where they are ("page 2 of 3", the total), which a keyset
/// cursor cannot say without a reverse query for "previous". The list is
/// one municipality's accounts, sorted by a stored key within the tenant's
/// rows, so skipping a few thousand costs little; ties on the name are
/// broken by id, so pages neither overlap nor skip anyone while nobody
/// signs up in between (a new account shifts later pages by one, which a
/// list of people can bear).
pub async fn people(
    db: &Platform,
    tenant: TenantId,
    actor_role: Role,
    query: Option<&str>,
    page: u64,
    per_page: u32,
) -> Result<People, AppError> {
    if actor_role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can list accounts",
        ));
    }
    let users = Users::of(db, tenant);
    let total = users.count_matching(query).await?;
    let per_page = per_page.max(1);
    let pages = total.div_ceil(u64::from(per_page)).max(1);
    let page = page.clamp(1, pages);
    let people = users.list(query, (page - 1) * u64::from(per_page), per_page).await?;
    Ok(People {
        people,
        total,
        page,
        pages,
    })
}

/// Gives `target` the role `role`. Only administrators may; the tenant's
/// last administrator cannot step down (nobody could grant roles any more).
/// A resident who becomes staff signs in again (staff sessions are short).
pub async fn set_role(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    actor_role: Role,
    target: UserId,
    role: &str,
) -> Result<(), AppError> {
    if actor_role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can change roles",
        ));
    }
    let tx = db.begin().await?;
    let db = &tx;
    let role = Role::parse(role).map_err(|_| {
        Invalid::new(
            "role",
            "invalid_role",
            "the role must be citizen, moderator, official or admin",
        )
    })?;
    let users = Users::of(db, tenant);
    let person = users.get(target).await?.ok_or(AppError::NotFound)?;
    let before = person.role();
    if before == role {
        return Ok(());
    }
    if !users.set_role_keeping_an_admin(target, role).await? {
        return Err(AppError::conflict(
            "last_admin",
            "this is the only administrator; make someone else an administrator first",
        ));
    }
    if role.is_staff() && !before.is_staff() {
        // Staff sign-ins live hours, not months: a resident's 90-day session
        // and year-long tokens must not carry the new powers that long.
        civic_store::sessions::Sessions::of(db, tenant)
            .delete_all(target)
            .await?;
        let cap = civic_core::Timestamp::now().0 + crate::auth::max_token_days(role) * 86_400_000;
        civic_store::sessions::Tokens::of(db, tenant)
            .expire_by(target, civic_core::Timestamp(cap))
            .await?;
    }
    let detail = format!("{} → {}", before.as_str(), role.as_str());
    audit::record(db, tenant, actor, audit::action::ROLE_CHANGED, &person.email, &detail).await?;
    tx.commit().await
}
