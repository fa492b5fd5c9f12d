//! Registration, e-mail confirmation and passwords: reset by e-mail and
//! change while signed in.

use crate::Platform;
use crate::limits::{self, Limit};
use crate::mail::MailTexts;
use crate::{AppError, audit, auth, passwords};
use civic_core::password::Password;
use civic_core::{DisplayName, Email, Invalid, Locale, Role, TenantId, Timestamp};
use civic_store::mail::{self, EmailTokens, NewMessage, Purpose};
use civic_store::tenants::TenantRecord;
use civic_store::users::{NewUser, UserRecord, Users};

/// Confirmation links live a day.
const CONFIRM_TTL_MS: i64 = 24 * 3_600_000;

pub struct Registration<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub locale: Locale,
    /// The client's address, for the registration limit.
    pub address: &'a str,
}

/// Creates an unconfirmed citizen account and queues the confirmation mail.
/// Every field is checked before anything is stored. `base_url` is the
/// public address links in mail point to (e.g. `https://civic.example`).
///
/// The answer never tells whether the address already had an account: the
/// password is hashed either way, and the owner of a taken address gets a
/// mail that says so ("sign in, or reset your password") instead of the
/// caller getting an error. Returns the new account, `None` when the
/// address was taken.
pub async fn register(
    db: &Platform,
    tenant: &TenantRecord,
    input: &Registration<'_>,
    base_url: &str,
    texts: &dyn MailTexts,
) -> Result<Option<UserRecord>, AppError> {
    let email = Email::parse(input.email)?;
    let name = DisplayName::parse(input.display_name)?;
    let password = Password::parse(input.password)?;
    let t = tenant.tenant_id();
    limits::check(db, t, Limit::RegisterFromAddress, input.address).await?;
    let hash = hash_off_thread(password.as_str()).await?;
    // The account and its acceptance of the terms in force are one act:
    // the form and the API both say that registering accepts them.
    let tx = db.begin().await?;
    let created = Users::of(&tx, t)
        .create(&NewUser {
            email: &email,
            display_name: &name,
            password_hash: &hash,
            role: Role::Citizen,
            confirmed: false,
        })
        .await;
    let user = match created {
        Ok(user) => user,
        Err(e) if e.is_conflict_on("users_tenant_email_key", "users.tenant_id, users.email") => {
            drop(tx);
            tell_owner_of_taken_address(db, tenant, &email, input.locale, base_url, texts).await?;
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    crate::documents::accept_on_registration(&tx, t, user.id).await?;
    tx.commit().await?;
    let link = |token: &str| {
        format!(
            "{}/{}/confirm?token={token}",
            base_url.trim_end_matches('/'),
            tenant.slug
        )
    };
    let mail_for = |link: &str| texts.confirm_email(input.locale, &tenant.name, name.as_str(), link);
    send_link(db, tenant, &user, Purpose::ConfirmEmail, CONFIRM_TTL_MS, link, mail_for).await?;
    Ok(Some(user))
}

/// "You already have an account": at most a few an hour per address, and
/// past that nothing (an error would tell the caller the address is taken).
async fn tell_owner_of_taken_address(
    db: &Platform,
    tenant: &TenantRecord,
    email: &Email,
    locale: Locale,
    base_url: &str,
    texts: &dyn MailTexts,
) -> Result<(), AppError> {
    let t = tenant.tenant_id();
    if limits::check(db, t, Limit::NoticeToAddress, email.as_str())
        .await
        .is_err()
    {
        return Ok(());
    }
    let Some(owner) = Users::of(db, t).by_email(email).await? else {
        return Ok(());
    };
    let link = format!("{}/{}/login", base_url.trim_end_matches('/'), tenant.slug);
    let mail = texts.account_exists(locale, &tenant.name, &owner.display_name, &link);
    enqueue(db, tenant, &owner.email, &mail).await
}

fn confirm_refused() -> AppError {
    AppError::BadRequest("this confirmation link is not valid any more; sign in or register again".into())
}

fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether a confirmation link still works, without using it (the page a
/// link opens shows a button; mail scanners that open links press none).
pub async fn confirmation_is_live(db: &Platform, tenant: TenantId, token: &str) -> Result<(), AppError> {
    if !well_formed(token)
        || !EmailTokens::of(db, tenant)
            .is_live(&auth::digest(token), Purpose::ConfirmEmail, Timestamp::now())
            .await?
    {
        return Err(confirm_refused());
    }
    Ok(())
}

/// Confirms the address behind a link and returns its account; a link that
/// is unknown, used, expired or another tenant's is refused with one
/// message.
pub async fn confirm(db: &Platform, tenant: TenantId, token: &str) -> Result<civic_core::UserId, AppError> {
    if !well_formed(token) {
        return Err(confirm_refused());
    }
    let now = Timestamp::now();
    let tx = db.begin().await?;
    let db = &tx;
    let user = EmailTokens::of(db, tenant)
        .consume(&auth::digest(token), Purpose::ConfirmEmail, now)
        .await?
        .ok_or_else(confirm_refused)?;
    mail::confirm_email(db, tenant, user, now).await?;
    tx.commit().await?;
    Ok(user)
}

/// Reset links live an hour.
const RESET_TTL_MS: i64 = 3_600_000;

/// Sends a password-reset link when the address has an account, and a
/// "there is no account with this address" note when it has none, so the
/// answer and the work are the same either way (one lookup, one mail in
/// the outbox, in one transaction); only the limits can refuse, and they
/// count known and unknown addresses alike.
pub async fn request_password_reset(
    db: &Platform,
    tenant: &TenantRecord,
    email: &str,
    locale: Locale,
    address: &str,
    base_url: &str,
    texts: &dyn MailTexts,
) -> Result<(), AppError> {
    let t = tenant.tenant_id();
    limits::check(db, t, Limit::ResetFromAddress, address).await?;
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    limits::check(db, t, Limit::ResetForAccount, email.as_str()).await?;
    let base = base_url.trim_end_matches('/');
    let tx = db.begin().await?;
    let db = &tx;
    match Users::of(db, t).by_email(&email).await? {
        Some(user) => {
            let link = |token: &str| format!("{base}/{}/password/reset?token={token}", tenant.slug);
            let mail_for = |link: &str| texts.reset_password(locale, &tenant.name, &user.display_name, link);
            send_link(db, tenant, &user, Purpose::ResetPassword, RESET_TTL_MS, link, mail_for).await?;
        }
        None => {
            let link = format!("{base}/{}/register", tenant.slug);
            let mail = texts.no_account(locale, &tenant.name, &link);
            enqueue(db, tenant, email.as_str(), &mail).await?;
        }
    }
    tx.commit().await
}

/// How long a first administrator's invitation link works.
const INVITATION_TTL_MS: i64 = 7 * 24 * 3_600_000;

/// Makes `email` the administrator of a new tenant and mails them a link to
/// choose their password (the reset page, valid for a week). The account is
/// confirmed: the link proves the mailbox.
pub async fn invite_administrator(
    db: &Platform,
    tenant: &TenantRecord,
    email: &str,
    base_url: &str,
    texts: &dyn MailTexts,
) -> Result<(), AppError> {
    let user = crate::users::create(
        db,
        &crate::users::CreateUser {
            tenant_slug: &tenant.slug,
            email,
            display_name: None,
            role: "admin",
            password: &passwords::generate(),
        },
    )
    .await?;
    let base = base_url.trim_end_matches('/');
    let link = |token: &str| format!("{base}/{}/password/reset?token={token}", tenant.slug);
    let mail_for = |link: &str| texts.invitation(tenant.default_locale, &tenant.name, link);
    let tx = db.begin().await?;
    send_link(
        &tx,
        tenant,
        &user,
        Purpose::ResetPassword,
        INVITATION_TTL_MS,
        link,
        mail_for,
    )
    .await?;
    tx.commit().await
}

/// Someone an administrator invites to the town's staff.
pub struct StaffInvitation<'a> {
    pub email: &'a str,
    /// `official`, `moderator` or `admin`.
    pub role: &'a str,
    /// The language of the mail: the inviting administrator's.
    pub locale: Locale,
}

/// Invites a person to the town's staff: an account with `role`, not yet
/// confirmed, and a mail with a link to choose a password that works for
/// a week (after that, "Forgot your password?" sends a new one). The
/// address is checked (422 `invalid_email`), the role too (422
/// `invalid_role`; residents register themselves), and an address that
/// already has an account is 409 `already_has_account` (change its role
/// instead). Administrators only; audited as `staff_invited`.
pub async fn invite_staff(
    db: &Platform,
    tenant: &TenantRecord,
    inviter: &audit::Actor,
    inviter_role: Role,
    invitation: &StaffInvitation<'_>,
    base_url: &str,
    texts: &dyn MailTexts,
) -> Result<UserRecord, AppError> {
    if inviter_role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can invite people to the staff",
        ));
    }
    let email = Email::parse(invitation.email)?;
    let role = Role::parse(invitation.role)?;
    if !role.is_staff() {
        return Err(Invalid::new(
            "role",
            "invalid_role",
            "invite an official, a moderator or an administrator; residents register themselves",
        )
        .into());
    }
    // Until they choose one, the account shows the address's first part.
    let name = DisplayName::parse(email.as_str().split('@').next().unwrap_or_default())
        .or_else(|_| DisplayName::parse(role.as_str()))?;
    let hash = hash_off_thread(&passwords::generate()).await?;
    let t = tenant.tenant_id();
    let tx = db.begin().await?;
    let created = Users::of(&tx, t)
        .create(&NewUser {
            email: &email,
            display_name: &name,
            password_hash: &hash,
            role,
            confirmed: false,
        })
        .await;
    let user = match created {
        Ok(user) => user,
        Err(e) if e.is_conflict_on("users_tenant_email_key", "users.tenant_id, users.email") => {
            return Err(AppError::conflict(
                "already_has_account",
                format!("{email} already has an account here; change its role in the list of people"),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let base = base_url.trim_end_matches('/');
    let link = |token: &str| format!("{base}/{}/password/reset?token={token}", tenant.slug);
    let mail_for = |link: &str| texts.staff_invitation(invitation.locale, &tenant.name, role, link);
    send_link(
        &tx,
        tenant,
        &user,
        Purpose::ResetPassword,
        INVITATION_TTL_MS,
        link,
        mail_for,
    )
    .await?;
    audit::record(
        &tx,
        t,
        inviter,
        audit::action::STAFF_INVITED,
        email.as_str(),
        role.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

fn reset_refused() -> AppError {
    AppError::BadRequest("this password reset link is not valid any more; ask for a new one".into())
}

/// Sets a new password from a reset link. The link works once; every
/// session of the account ends. Following the link also proves the address,
/// so an unconfirmed account becomes confirmed.
pub async fn reset_password(
    db: &Platform,
    tenant: TenantId,
    token: &str,
    new_password: &str,
    address: &str,
) -> Result<(), AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(reset_refused());
    }
    // Check the password before spending the link, so a refused password
    // leaves the link usable.
    let password = Password::parse(new_password)?;
    let now = Timestamp::now();
    let user = EmailTokens::of(db, tenant)
        .consume(&auth::digest(token), Purpose::ResetPassword, now)
        .await?
        .ok_or_else(reset_refused)?;
    let hash = hash_off_thread(password.as_str()).await?;
    let users = Users::of(db, tenant);
    users.set_password(user, &hash).await?;
    mail::confirm_email(db, tenant, user, now).await?;
    let email = users.get(user).await?.map(|u| u.email).unwrap_or_default();
    let actor = audit::Actor::user(user, &email, address);
    audit::record(db, tenant, &actor, audit::action::PASSWORD_RESET, &email, "").await
}

/// Changes the password of a signed-in account after checking the current
/// one. Every session ends; the caller opens a fresh one for the person.
pub async fn change_password(
    db: &Platform,
    tenant: TenantId,
    actor: &audit::Actor,
    current: &str,
    new_password: &str,
) -> Result<(), AppError> {
    let user = actor.user_id.ok_or(AppError::NotFound)?;
    if !auth::password_matches(db, tenant, actor, current).await? {
        return Err(Invalid::new(
            "current_password",
            "wrong_password",
            "the current password is not right",
        )
        .into());
    }
    let password = Password::parse(new_password)?;
    let hash = hash_off_thread(password.as_str()).await?;
    Users::of(db, tenant).set_password(user, &hash).await?;
    audit::record(db, tenant, actor, audit::action::PASSWORD_CHANGED, &actor.label, "").await
}

/// Renames the signed-in account; the name is checked like at
/// registration. A change is audited with the old and new names, since a
/// name is what others see (and may be used to pass for someone).
pub async fn change_display_name(
    db: &Platform,
    tenant: TenantId,
    actor: &audit::Actor,
    name: &str,
) -> Result<(), AppError> {
    let user = actor.user_id.ok_or(AppError::NotFound)?;
    let name = DisplayName::parse(name)?;
    let tx = db.begin().await?;
    let users = Users::of(&tx, tenant);
    let old = users.get(user).await?.ok_or(AppError::NotFound)?;
    if !users.set_display_name(user, &name).await? {
        return Err(AppError::NotFound);
    }
    if old.display_name != name.as_str() {
        let change = format!("«{}» → «{}»", old.display_name, name.as_str());
        audit::record(&tx, tenant, actor, audit::action::NAME_CHANGED, &old.email, &change).await?;
    }
    tx.commit().await
}

fn email_taken() -> AppError {
    AppError::conflict("email_in_use", "another account already uses this address")
}

/// A signed-in person's request for a new address.
pub struct EmailChange<'a> {
    pub new_email: &'a str,
    /// The current password, re-entered.
    pub password: &'a str,
    /// The language of the mail with the link.
    pub locale: Locale,
}

/// Asks to move the signed-in account to `new_email`: after checking the
/// current password, a link that lives as long as a registration link is
/// mailed to the new address, and nothing else changes until it is
/// followed. An address another account of the tenant has is refused (the
/// password was given, so saying so tells nothing to a stranger).
pub async fn request_email_change(
    db: &Platform,
    tenant: &TenantRecord,
    actor: &audit::Actor,
    input: &EmailChange<'_>,
    base_url: &str,
    texts: &dyn MailTexts,
) -> Result<(), AppError> {
    let t = tenant.tenant_id();
    let user_id = actor.user_id.ok_or(AppError::NotFound)?;
    let email = Email::parse(input.new_email)?;
    if !auth::password_matches(db, t, actor, input.password).await? {
        return Err(Invalid::new("password", "wrong_password", "the password is not right").into());
    }
    let users = Users::of(db, t);
    let user = users.get(user_id).await?.ok_or(AppError::NotFound)?;
    if user.email == email.as_str() {
        return Err(Invalid::new("email", "same_email", "this is already your address").into());
    }
    limits::check(db, t, Limit::EmailChangeByAccount, &format!("user{}", user_id.0)).await?;
    if users.by_email(&email).await?.is_some() {
        return Err(email_taken());
    }
    let token = auth::new_secret();
    let link = format!(
        "{}/{}/account/email/confirm?token={token}",
        base_url.trim_end_matches('/'),
        tenant.slug
    );
    let mail = texts.confirm_email_change(input.locale, &tenant.name, &user.display_name, &link);
    let tx = db.begin().await?;
    EmailTokens::of(&tx, t)
        .create_email_change(
            user_id,
            email.as_str(),
            &auth::digest(&token),
            Timestamp(Timestamp::now().0 + CONFIRM_TTL_MS),
        )
        .await?;
    enqueue(&tx, tenant, email.as_str(), &mail).await?;
    tx.commit().await
}

fn email_change_refused() -> AppError {
    AppError::BadRequest("this link is not valid any more; ask for the change again on your account page".into())
}

/// Whether an e-mail change link still works, without using it.
pub async fn email_change_is_live(db: &Platform, tenant: TenantId, token: &str) -> Result<(), AppError> {
    if !well_formed(token)
        || !EmailTokens::of(db, tenant)
            .is_live(&auth::digest(token), Purpose::ChangeEmail, Timestamp::now())
            .await?
    {
        return Err(email_change_refused());
    }
    Ok(())
}

/// Follows an e-mail change link (signed in or not): the account moves to
/// the address the link was mailed to, the old address is told so, and the
/// change is audited. A link that is unknown, used, expired or another
/// tenant's is refused; so is an address another account took meanwhile.
pub async fn confirm_email_change(
    db: &Platform,
    tenant: &TenantRecord,
    token: &str,
    locale: Locale,
    address: &str,
    base_url: &str,
    texts: &dyn MailTexts,
) -> Result<(), AppError> {
    if !well_formed(token) {
        return Err(email_change_refused());
    }
    let t = tenant.tenant_id();
    let tx = db.begin().await?;
    let db = &tx;
    let (user_id, new_email) = EmailTokens::of(db, t)
        .consume_email_change(&auth::digest(token), Timestamp::now())
        .await?
        .ok_or_else(email_change_refused)?;
    let email = Email::parse(&new_email)?;
    let users = Users::of(db, t);
    let old = users.get(user_id).await?.ok_or_else(email_change_refused)?;
    match users.set_email(user_id, &email).await {
        Ok(_) => {}
        Err(e) if e.is_conflict_on("users_tenant_email_key", "users.tenant_id, users.email") => {
            return Err(email_taken());
        }
        Err(e) => return Err(e.into()),
    }
    let link = format!("{}/{}/", base_url.trim_end_matches('/'), tenant.slug);
    let notice = texts.email_changed(locale, &tenant.name, &old.display_name, &link);
    enqueue(db, tenant, &old.email, &notice).await?;
    let actor = audit::Actor::user(user_id, &old.email, address);
    audit::record(db, t, &actor, audit::action::EMAIL_CHANGED, &old.email, email.as_str()).await?;
    tx.commit().await
}

async fn hash_off_thread(password: &str) -> Result<String, AppError> {
    let secret = password.to_string();
    passwords::off_thread(move || passwords::hash(&secret))
        .await
        .ok_or_else(|| AppError::Internal("the password hashing task stopped".into()))
}

/// Stores a one-time link for `user` and queues the mail that carries it.
async fn send_link(
    db: &Platform,
    tenant: &TenantRecord,
    user: &UserRecord,
    purpose: Purpose,
    ttl_ms: i64,
    link: impl Fn(&str) -> String,
    compose: impl Fn(&str) -> crate::mail::ComposedMail,
) -> Result<(), AppError> {
    let token = auth::new_secret();
    EmailTokens::of(db, tenant.tenant_id())
        .create(
            user.user_id(),
            purpose,
            &auth::digest(&token),
            Timestamp(Timestamp::now().0 + ttl_ms),
        )
        .await?;
    let mail = compose(&link(&token));
    enqueue(db, tenant, &user.email, &mail).await
}

async fn enqueue(
    db: &Platform,
    tenant: &TenantRecord,
    recipient: &str,
    mail: &crate::mail::ComposedMail,
) -> Result<(), AppError> {
    mail::enqueue(
        db,
        &NewMessage {
            tenant_slug: &tenant.slug,
            recipient,
            subject: &mail.subject,
            body_text: &mail.text,
            body_html: &mail.html,
        },
    )
    .await?;
    Ok(())
}
