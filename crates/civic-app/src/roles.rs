//! Tenant administrators grant and take back roles.

use crate::AppError;
use crate::Platform;
use crate::audit::{self, Actor};
use civic_core::{Invalid, Role, TenantId, UserId};
use civic_store::users::Users;

/// The tenant's accounts whose name or e-mail contains `query`, at most
/// `limit` (administrators only).
pub async fn people(
    db: &Platform,
    tenant: TenantId,
    actor_role: Role,
    query: Option<&str>,
    limit: u32,
) -> Result<Vec<civic_core::user::User>, AppError> {
    if actor_role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can list accounts",
        ));
    }
    Ok(Users::of(db, tenant).list(query, limit).await?)
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
