//! A person's own data: the sessions they have open, a copy of everything
//! held about them, and deleting their account.

use crate::Platform;
use crate::audit::{self, Actor};
use crate::{AppError, auth};
use civic_core::{Invalid, TenantId, Timestamp, UserId};
pub use civic_store::privacy::ActivityRow;
use civic_store::privacy::{PersonalData, Privacy, SessionRow};
use civic_store::users::{UserRecord, Users};

pub use civic_store::privacy::Contributions;

/// The account and everything it produced, secrets left out.
pub struct Export {
    pub account: UserRecord,
    pub data: PersonalData,
    /// The account's verification as a resident, if any (the identity key,
    /// a keyed hash of the document, is not shown: it says nothing to the
    /// person and is the town's secret's work).
    pub verification: Option<civic_core::verification::Verification>,
    /// Which versions of the terms of use and the privacy notice the
    /// person accepted, and when.
    pub accepted_documents: Vec<crate::documents::AcceptanceRow>,
}

pub async fn export(db: &Platform, tenant: TenantId, user: UserId) -> Result<Export, AppError> {
    let account = Users::of(db, tenant).get(user).await?.ok_or(AppError::NotFound)?;
    let data = Privacy::of(db, tenant).export(user).await?;
    let verification = crate::verification::of(db, tenant, user).await?;
    let accepted_documents = crate::documents::acceptances(db, tenant, user).await?;
    Ok(Export {
        account,
        data,
        verification,
        accepted_documents,
    })
}

/// How many entries a page of "my activity" shows.
pub const ACTIVITY_PAGE: u32 = 50;

/// One page (1-based) of what the person did, newest first, and whether
/// there is an older page.
pub struct Activity {
    pub entries: Vec<ActivityRow>,
    pub more: bool,
}

pub async fn activity(db: &Platform, tenant: TenantId, user: UserId, page: u32) -> Result<Activity, AppError> {
    let offset = u64::from(page.max(1) - 1) * u64::from(ACTIVITY_PAGE);
    let mut entries = Privacy::of(db, tenant)
        .activity(user, ACTIVITY_PAGE + 1, offset)
        .await?;
    let more = entries.len() > ACTIVITY_PAGE as usize;
    entries.truncate(ACTIVITY_PAGE as usize);
    Ok(Activity { entries, more })
}

pub async fn sessions(db: &Platform, tenant: TenantId, user: UserId) -> Result<Vec<SessionRow>, AppError> {
    Ok(Privacy::of(db, tenant).sessions(user, Timestamp::now()).await?)
}

/// The person's access tokens (names and dates; the secrets are not kept).
pub async fn tokens(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
) -> Result<Vec<civic_store::privacy::TokenRow>, AppError> {
    Ok(Privacy::of(db, tenant).tokens(user).await?)
}

/// Ends one of the person's own sessions; another account's is not found.
pub async fn end_session(db: &Platform, tenant: TenantId, actor: &Actor, session_id: i64) -> Result<(), AppError> {
    let tx = db.begin().await?;
    let db = &tx;
    let user = actor.user_id.ok_or(AppError::NotFound)?;
    if !Privacy::of(db, tenant).end_session(user, session_id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        db,
        tenant,
        actor,
        audit::action::SESSIONS_ENDED,
        &actor.label,
        "1 session",
    )
    .await?;
    tx.commit().await
}

/// "Sign out everywhere else": ends every session but the current one
/// (none kept when the caller uses a token) and revokes every access token.
/// Returns how many sessions ended.
pub async fn end_other_sessions(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    current_session: Option<&str>,
) -> Result<u64, AppError> {
    let tx = db.begin().await?;
    let db = &tx;
    let user = actor.user_id.ok_or(AppError::NotFound)?;
    let keep = current_session.map(auth::digest);
    let ended = Privacy::of(db, tenant)
        .end_other_sessions(user, keep.as_deref())
        .await?;
    // Access tokens are sign-ins too: "everywhere" includes them.
    let revoked = civic_store::sessions::Tokens::of(db, tenant).revoke_all(user).await?;
    let detail = format!("{ended} sessions, {revoked} access tokens");
    audit::record(db, tenant, actor, audit::action::SESSIONS_ENDED, &actor.label, &detail).await?;
    tx.commit().await?;
    Ok(ended)
}

/// What to do with public contributions, as a form or JSON names it.
pub fn parse_contributions(raw: &str) -> Result<Contributions, Invalid> {
    match raw {
        "keep" => Ok(Contributions::Keep),
        "remove" => Ok(Contributions::Remove),
        _ => Err(Invalid::new(
            "contributions",
            "invalid_contributions",
            "choose whether your ideas and comments stay (keep) or go (remove)",
        )),
    }
}

/// Deletes the account after the person confirms with their password. The
/// audit entry names no personal data beyond the account number.
pub async fn delete_account(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    password: &str,
    contributions: Contributions,
) -> Result<(), AppError> {
    let user = actor.user_id.ok_or(AppError::NotFound)?;
    // The password is checked (argon2, on a worker) before the transaction
    // begins: on SQLite a transaction holds the one writer connection.
    if !auth::password_matches(db, tenant, actor, password).await? {
        return Err(Invalid::new("password", "wrong_password", "the password is not right").into());
    }
    let tx = db.begin().await?;
    let db = &tx;
    let users = Users::of(db, tenant);
    let account = users.get(user).await?.ok_or(AppError::NotFound)?;
    // Stepping down first decides "the last administrator" in one statement
    // (two administrators leaving at once cannot both go).
    if account.role() == civic_core::Role::Admin
        && !users.set_role_keeping_an_admin(user, civic_core::Role::Citizen).await?
    {
        return Err(AppError::conflict(
            "last_admin",
            "you are the only administrator; make someone else an administrator first",
        ));
    }
    Privacy::of(db, tenant).delete_account(user, contributions).await?;
    let anonymised = Actor {
        user_id: None,
        label: format!("deleted account {}", user.0),
        address: actor.address.clone(),
    };
    let detail = match contributions {
        Contributions::Keep => "contributions kept as a deleted user's",
        Contributions::Remove => "contributions removed",
    };
    audit::record(
        db,
        tenant,
        &anonymised,
        audit::action::ACCOUNT_DELETED,
        &format!("account {}", user.0),
        detail,
    )
    .await?;
    tx.commit().await
}
