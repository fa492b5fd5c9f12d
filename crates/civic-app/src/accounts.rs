//! Registration and e-mail confirmation.

use crate::mail::MailTexts;
use crate::{AppError, auth, passwords};
use civic_core::password::Password;
use civic_core::{DisplayName, Email, Locale, Role, TenantId, Timestamp};
use civic_store::Db;
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
}

/// Creates an unconfirmed citizen account and queues the confirmation mail.
/// Every field is checked before anything is stored. `base_url` is the
/// public address links in mail point to (e.g. `https://civic.example`).
pub async fn register(
    db: &Db,
    tenant: &TenantRecord,
    input: &Registration<'_>,
    base_url: &str,
    texts: &dyn MailTexts,
) -> Result<UserRecord, AppError> {
    let email = Email::parse(input.email)?;
    let name = DisplayName::parse(input.display_name)?;
    let password = Password::parse(input.password)?;
    let secret = password.as_str().to_string();
    let hash = tokio::task::spawn_blocking(move || passwords::hash(&secret))
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))?;
    let t = tenant.tenant_id();
    let user = Users::of(db, t)
        .create(&NewUser {
            email: &email,
            display_name: &name,
            password_hash: &hash,
            role: Role::Citizen,
            confirmed: false,
        })
        .await
        .map_err(|e| {
            if e.is_conflict_on("users_tenant_email_key", "users.tenant_id, users.email") {
                AppError::conflict(
                    "email_taken",
                    "this e-mail address already has an account here; sign in instead",
                )
            } else {
                e.into()
            }
        })?;
    let token = auth::new_secret();
    EmailTokens::of(db, t)
        .create(
            user.user_id(),
            Purpose::ConfirmEmail,
            &auth::digest(&token),
            Timestamp(Timestamp::now().0 + CONFIRM_TTL_MS),
        )
        .await?;
    let link = format!(
        "{}/{}/confirm?token={token}",
        base_url.trim_end_matches('/'),
        tenant.slug
    );
    let mail = texts.confirm_email(input.locale, &tenant.name, name.as_str(), &link);
    mail::enqueue(
        db,
        &NewMessage {
            tenant_slug: &tenant.slug,
            recipient: email.as_str(),
            subject: &mail.subject,
            body_text: &mail.text,
            body_html: &mail.html,
        },
    )
    .await?;
    Ok(user)
}

/// Confirms the address behind a link; a link that is unknown, used,
/// expired or another tenant's is refused with one message.
pub async fn confirm(db: &Db, tenant: TenantId, token: &str) -> Result<(), AppError> {
    let refused =
        || AppError::BadRequest("this confirmation link is not valid any more; sign in or register again".into());
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(refused());
    }
    let now = Timestamp::now();
    let user = EmailTokens::of(db, tenant)
        .consume(&auth::digest(token), Purpose::ConfirmEmail, now)
        .await?
        .ok_or_else(refused)?;
    mail::confirm_email(db, tenant, user, now).await?;
    Ok(())
}
