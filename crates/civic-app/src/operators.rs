//! The operator console's use cases: signing in with a password and a TOTP
//! second factor (required: an operator without one enrols an authenticator
//! at the first sign-in and is given recovery codes once), the overview of
//! tenants, creating, suspending and resuming a tenant, and the operators'
//! audit log. The CLI's `tenant create` and the console call the same
//! `tenants::create`.

use crate::auth::{digest, new_secret};
use crate::{AppError, Platform, passwords, tenants};
use civic_core::Invalid;
use civic_core::time::Timestamp;
use civic_store::operators::{self as store, NewOperatorSession};
use totp_rs::{Algorithm, Builder, Secret, Totp};

pub use civic_store::operators::{OperatorAuditEntry, TenantHealth};

/// A hash to check an unknown e-mail's password against, made once: it
/// costs what a real check costs, so timing tells nothing.
async fn unknown_operator_hash() -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async {
        passwords::off_thread(|| passwords::hash("not an operator"))
            .await
            .unwrap_or_default()
    })
    .await
    .clone()
}

/// A console session lasts this long from its last step; an operator signs
/// in again each working day.
const SESSION_MS: i64 = 12 * 3_600_000;
/// The second factor must follow the password within this time.
const PARTIAL_MS: i64 = 10 * 60_000;
/// Wrong codes before a half-open session is closed (password again).
const MAX_FAILED_CODES: i64 = 5;
/// Password attempts per address and per account in a quarter of an hour.
const SIGN_IN_ATTEMPTS: i64 = 10;
const SIGN_IN_WINDOW_MS: i64 = 15 * 60_000;
const RECOVERY_CODES: usize = 10;

/// Where a console session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The password was right; the authenticator's code is due.
    Password,
    /// The password was right and there is no authenticator yet: set one up.
    Enrol,
    /// Signed in.
    Full,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Stage::Password => "password",
            Stage::Enrol => "enrol",
            Stage::Full => "full",
        }
    }

    fn parse(raw: &str) -> Option<Stage> {
        match raw {
            "password" => Some(Stage::Password),
            "enrol" => Some(Stage::Enrol),
            "full" => Some(Stage::Full),
            _ => None,
        }
    }
}

/// The operator behind a console session.
#[derive(Debug, Clone)]
pub struct Operator {
    pub id: i64,
    pub email: String,
    pub csrf_token: String,
    pub stage: Stage,
    /// During enrolment: the secret being set up (base32).
    pub pending_secret: Option<String>,
}

/// A console session just opened: the cookie value and its stage.
pub struct OpenedOperatorSession {
    pub token: String,
    pub stage: Stage,
}

fn wrong_password() -> AppError {
    Invalid::new(
        "email",
        "invalid_credentials",
        "the e-mail address or password is not right",
    )
    .into()
}

fn wrong_code() -> AppError {
    Invalid::new("code", "invalid_code", "the code is not right or was used already").into()
}

async fn count_attempt(db: &Platform, bucket: String) -> Result<(), AppError> {
    let now = Timestamp::now();
    let window = civic_store::limits::hit(db, &bucket, SIGN_IN_WINDOW_MS, now).await?;
    if window.hits > SIGN_IN_ATTEMPTS {
        let retry = (window.window_start + SIGN_IN_WINDOW_MS - now.0).max(1000) / 1000;
        return Err(AppError::TooManyRequests {
            retry_after_secs: retry as u64,
        });
    }
    Ok(())
}

/// The password step. The same answer for an unknown e-mail and a wrong
/// password; attempts are limited per address and per account.
pub async fn sign_in(
    db: &Platform,
    email: &str,
    password: &str,
    address: &str,
) -> Result<OpenedOperatorSession, AppError> {
    let email = email.trim().to_lowercase();
    count_attempt(db, format!("operator-sign-in:{}", crate::limits::network_of(address))).await?;
    count_attempt(db, format!("operator-sign-in-account:{email}")).await?;
    let account = store::by_email(db, &email).await?;
    // A hash is checked even for an unknown e-mail, so timing tells nothing.
    let hash = match &account {
        Some(a) => a.password_hash.clone(),
        None => unknown_operator_hash().await,
    };
    let ok = crate::auth::verify_off_thread(password.to_string(), hash).await;
    let Some(account) = account.filter(|_| ok) else {
        return Err(wrong_password());
    };
    let (stage, pending) = match account.totp_secret {
        Some(_) => (Stage::Password, None),
        None => (Stage::Enrol, Some(Secret::generate().to_base32())),
    };
    let token = new_secret();
    let tx = db.begin().await?;
    store::create_session(
        &tx,
        &NewOperatorSession {
            token_hash: &digest(&token),
            operator_id: account.id,
            csrf_token: &new_secret(),
            stage: stage.as_str(),
            pending_secret: pending.as_deref(),
            expires_at: Timestamp::now().0 + PARTIAL_MS,
        },
    )
    .await?;
    store::audit(&tx, Some(account.id), "password_accepted", None, None).await?;
    tx.commit().await?;
    Ok(OpenedOperatorSession { token, stage })
}

/// The operator of a console session, at whatever stage.
pub async fn session(db: &Platform, token: &str) -> Result<Option<Operator>, AppError> {
    let Some(s) = store::session(db, &digest(token)).await? else {
        return Ok(None);
    };
    let Some(stage) = Stage::parse(&s.stage) else {
        return Ok(None);
    };
    Ok(Some(Operator {
        id: s.operator_id,
        email: s.email,
        csrf_token: s.csrf_token,
        stage,
        pending_secret: s.pending_secret,
    }))
}

fn totp(secret_base32: &str, account: &str) -> Result<Totp, AppError> {
    let secret = Secret::try_from_base32(secret_base32).map_err(|e| AppError::Internal(format!("{e:?}").into()))?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_issuer(Some("Civic Space"))
        .with_account_name(account.replace(':', ""))
        .build()
        .map_err(|e| AppError::Internal(format!("{e:?}").into()))
}

/// The `otpauth://` address an authenticator app reads (from a QR code).
pub fn enrolment_url(secret_base32: &str, account: &str) -> Result<String, AppError> {
    totp(secret_base32, account)?
        .to_url()
        .map_err(|e| AppError::Internal(format!("{e:?}").into()))
}

fn now_secs() -> u64 {
    (Timestamp::now().0 / 1000).max(0) as u64
}

/// A code that is not right counts; too many close the half-open session.
async fn refuse_code(db: &Platform, token: &str) -> AppError {
    match store::count_failed_code(db, &digest(token)).await {
        Ok(n) if n >= MAX_FAILED_CODES => {
            let _ = store::delete_session(db, &digest(token)).await;
            AppError::TooManyRequests { retry_after_secs: 1 }
        }
        Ok(_) => wrong_code(),
        Err(e) => e.into(),
    }
}

/// Confirms the first authenticator with one of its codes; answers the
/// recovery codes, shown once.
pub async fn enrol(db: &Platform, token: &str, operator: &Operator, code: &str) -> Result<Vec<String>, AppError> {
    let (Stage::Enrol, Some(secret)) = (operator.stage, operator.pending_secret.as_deref()) else {
        return Err(AppError::conflict(
            "not_enrolling",
            "this session is not setting up an authenticator",
        ));
    };
    let Some(step) = totp(secret, &operator.email)?.check(code.trim(), now_secs()) else {
        return Err(refuse_code(db, token).await);
    };
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
    let hashes: Vec<String> = codes.iter().map(|c| digest(&normalise_recovery(c))).collect();
    let tx = db.begin().await?;
    store::set_second_factor(&tx, operator.id, secret, &hashes).await?;
    store::accept_step(&tx, operator.id, step as i64).await?;
    store::set_stage(
        &tx,
        &digest(token),
        Stage::Full.as_str(),
        Timestamp::now().0 + SESSION_MS,
    )
    .await?;
    store::audit(&tx, Some(operator.id), "second_factor_enrolled", None, None).await?;
    tx.commit().await?;
    Ok(codes)
}

/// The second step: the authenticator's current code (accepted once) or an
/// unused recovery code (then used up).
pub async fn verify_code(db: &Platform, token: &str, operator: &Operator, code: &str) -> Result<(), AppError> {
    if operator.stage != Stage::Password {
        return Err(AppError::conflict(
            "not_waiting_for_code",
            "this session is not waiting for a code",
        ));
    }
    let account = store::by_id(db, operator.id).await?.ok_or(AppError::NotFound)?;
    let secret = account.totp_secret.ok_or(AppError::NotFound)?;
    let code = code.trim();
    let tx = db.begin().await?;
    let accepted = match totp(&secret, &operator.email)?.check(code, now_secs()) {
        Some(step) => store::accept_step(&tx, operator.id, step as i64)
            .await?
            .then_some("code"),
        None => store::use_recovery_code(&tx, operator.id, &digest(&normalise_recovery(code)))
            .await?
            .then_some("recovery_code"),
    };
    let Some(how) = accepted else {
        drop(tx);
        return Err(refuse_code(db, token).await);
    };
    store::set_stage(
        &tx,
        &digest(token),
        Stage::Full.as_str(),
        Timestamp::now().0 + SESSION_MS,
    )
    .await?;
    store::audit(&tx, Some(operator.id), "signed_in", None, Some(how)).await?;
    tx.commit().await
}

/// Ten groups of lowercase letters and digits without look-alikes.
fn recovery_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let mut code = String::with_capacity(11);
    for i in 0..10 {
        if i == 5 {
            code.push('-');
        }
        code.push(ALPHABET[rng.random_range(0..ALPHABET.len())] as char);
    }
    code
}

/// A recovery code as typed: case, spaces and dashes do not matter.
fn normalise_recovery(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

pub async fn sign_out(db: &Platform, token: &str) -> Result<(), AppError> {
    Ok(store::delete_session(db, &digest(token)).await?)
}

/// Only a signed-in operator (both factors) reaches these.
fn full(operator: &Operator) -> Result<(), AppError> {
    if operator.stage == Stage::Full {
        Ok(())
    } else {
        Err(AppError::SignInNeeded)
    }
}

pub async fn tenants(db: &Platform, operator: &Operator) -> Result<Vec<TenantHealth>, AppError> {
    full(operator)?;
    Ok(store::tenant_health(db).await?)
}

pub async fn unused_recovery_codes(db: &Platform, operator: &Operator) -> Result<i64, AppError> {
    full(operator)?;
    Ok(store::unused_recovery_codes(db, operator.id).await?)
}

/// The first administrator of a new tenant, invited by e-mail.
pub struct Invitation<'a> {
    pub email: &'a str,
    pub base_url: &'a str,
    pub texts: &'a dyn crate::mail::MailTexts,
}

/// Creates a tenant (the same use case as `civicspace tenant create`) and,
/// when given, invites its first administrator. A bad address is refused
/// before the tenant is made.
pub async fn create_tenant(
    db: &Platform,
    operator: &Operator,
    input: &tenants::CreateTenant<'_>,
    invitation: Option<Invitation<'_>>,
) -> Result<civic_core::tenant::Tenant, AppError> {
    full(operator)?;
    if let Some(invitation) = &invitation {
        civic_core::Email::parse(invitation.email).map_err(|e| Invalid::new("admin_email", e.code, e.message))?;
    }
    let tenant = tenants::create(db, input).await?;
    store::audit(
        db,
        Some(operator.id),
        "tenant_created",
        Some(&tenant.slug),
        Some(&tenant.name),
    )
    .await?;
    if let Some(invitation) = invitation {
        crate::accounts::invite_administrator(db, &tenant, invitation.email, invitation.base_url, invitation.texts)
            .await?;
        store::audit(
            db,
            Some(operator.id),
            "administrator_invited",
            Some(&tenant.slug),
            Some(invitation.email),
        )
        .await?;
    }
    Ok(tenant)
}

/// Suspends a tenant (pages stay readable, every write is refused) or
/// resumes it.
pub async fn set_suspended(db: &Platform, operator: &Operator, slug: &str, suspended: bool) -> Result<(), AppError> {
    full(operator)?;
    let tx = db.begin().await?;
    let at = suspended.then(|| Timestamp::now().0);
    if !store::set_suspended(&tx, slug, at).await? {
        return Err(AppError::NotFound);
    }
    let action = if suspended {
        "tenant_suspended"
    } else {
        "tenant_resumed"
    };
    store::audit(&tx, Some(operator.id), action, Some(slug), None).await?;
    tx.commit().await
}

pub async fn audit_log(db: &Platform, operator: &Operator) -> Result<Vec<OperatorAuditEntry>, AppError> {
    full(operator)?;
    Ok(store::audit_log(db, 200).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_check_within_one_step_and_recovery_codes_ignore_typing() {
        let secret = Secret::generate().to_base32();
        let t = totp(&secret, "ops@example.org").unwrap();
        let now = 1_800_000_000;
        let code = t.generate(now).to_string();
        assert!(t.check(&code, now).is_some());
        assert!(t.check(&code, now + 30).is_some(), "one step of skew");
        assert!(t.check(&code, now + 95).is_none(), "three steps later it is stale");
        assert!(t.check("abcdef", now).is_none());
        let url = enrolment_url(&secret, "ops@example.org").unwrap();
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        let r = recovery_code();
        assert_eq!(r.len(), 11);
        assert_eq!(
            normalise_recovery(&format!(" {} ", r.to_uppercase())),
            normalise_recovery(&r)
        );
        assert_ne!(recovery_code(), recovery_code());
    }
}
