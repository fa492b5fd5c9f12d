//! Signing in and out: server-side sessions for people in browsers, personal
//! access tokens for API clients. Secrets are 256 random bits shown once;
//! the database keeps their SHA-256 digests only.

use crate::Platform;
use crate::limits::{self, Limit, sign_in_failures};
use crate::{AppError, audit, passwords};
use civic_core::{Email, Invalid, TenantId, Timestamp};
use civic_store::sessions::{NewSession, Principal, Sessions, Tokens};
use civic_store::users::Users;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;
use std::time::Duration;

/// How long sessions live, by role: staff sessions are shorter.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub citizen_idle: Duration,
    pub citizen_absolute: Duration,
    pub staff_idle: Duration,
    pub staff_absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            citizen_idle: Duration::from_secs(14 * 86_400),
            citizen_absolute: Duration::from_secs(90 * 86_400),
            staff_idle: Duration::from_secs(2 * 3_600),
            staff_absolute: Duration::from_secs(12 * 3_600),
        }
    }
}

impl SessionPolicy {
    fn for_role(&self, role: civic_core::Role) -> (Duration, Duration) {
        if role.is_staff() {
            (self.staff_idle, self.staff_absolute)
        } else {
            (self.citizen_idle, self.citizen_absolute)
        }
    }

    /// How long a session of this role may stay unused.
    fn idle_for(&self, role: civic_core::Role) -> Duration {
        self.for_role(role).0
    }
}

/// A new random secret, hex-encoded (64 characters).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A session just opened: the cookie value and its CSRF token.
pub struct OpenedSession {
    pub token: String,
    pub csrf_token: String,
    pub principal: Principal,
}

/// The one answer to any failed sign-in, whether the e-mail is unknown or the
/// password wrong, so responses reveal nothing about who has an account.
pub fn invalid_credentials() -> AppError {
    Invalid::new(
        "email",
        "invalid_credentials",
        "the e-mail address or password is not right",
    )
    .into()
}

/// A hash to verify against when the e-mail is unknown, so both failures
/// take the same time.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| passwords::hash("not a password of anyone's"));

/// Checks e-mail and password, throttled: the address has a sign-in
/// allowance, and an account that keeps failing must wait longer after each
/// failure. Bursts of failures go to the audit log.
async fn check_password(
    db: &Platform,
    tenant: TenantId,
    email: &str,
    password: &str,
    address: &str,
) -> Result<Principal, AppError> {
    limits::check(db, tenant, Limit::SignInFromAddress, address).await?;
    let email_key: String = email.trim().chars().take(254).collect();
    sign_in_failures::gate(db, tenant, &email_key).await?;
    let verified = verify_credentials(db, tenant, email, password).await?;
    match verified {
        Some(principal) => {
            sign_in_failures::clear(db, tenant, &email_key).await?;
            Ok(principal)
        }
        None => {
            let failures = sign_in_failures::record(db, tenant, &email_key).await?;
            if sign_in_failures::is_burst(failures) {
                let detail = format!("{failures} failed sign-ins within an hour");
                let actor = audit::Actor::anonymous(address);
                audit::record(
                    db,
                    tenant,
                    &actor,
                    audit::action::LOGIN_FAILURE_BURST,
                    &email_key,
                    &detail,
                )
                .await?;
            }
            Err(invalid_credentials())
        }
    }
}

/// The account when the password is right and the address confirmed.
async fn verify_credentials(
    db: &Platform,
    tenant: TenantId,
    email: &str,
    password: &str,
) -> Result<Option<Principal>, AppError> {
    let Ok(email) = Email::parse(email) else {
        return Ok(None);
    };
    let found = Users::of(db, tenant).credentials(&email).await?;
    let (hash, user) = match found {
        Some((user, hash)) => (hash, Some(user)),
        None => (DUMMY_HASH.clone(), None),
    };
    let ok = verify_off_thread(password.to_string(), hash).await;
    Ok(match user {
        Some(user) if ok && user.email_confirmed_at.is_some() => Some(Principal {
            user_id: user.id,
            email: user.email,
            display_name: user.display_name,
            role: user.role,
            csrf_token: String::new(),
            last_seen_at: Timestamp::now().0,
            unread: 0,
        }),
        _ => None,
    })
}

/// True when `password` is the account's current password.
pub async fn password_matches(
    db: &Platform,
    tenant: TenantId,
    user: civic_core::UserId,
    password: &str,
) -> Result<bool, AppError> {
    let Some(hash) = Users::of(db, tenant).password_hash(user).await? else {
        return Ok(false);
    };
    Ok(verify_off_thread(password.to_string(), hash).await)
}

/// argon2 takes tens of milliseconds of CPU: run it off the async workers.
pub(crate) async fn verify_off_thread(password: String, hash: String) -> bool {
    passwords::off_thread(move || passwords::verify(&password, &hash))
        .await
        .unwrap_or(false)
}

/// Signs in with e-mail and password; a new session id every time (no
/// session fixation).
pub async fn sign_in(
    db: &Platform,
    tenant: TenantId,
    email: &str,
    password: &str,
    client: &Client<'_>,
    policy: &SessionPolicy,
) -> Result<OpenedSession, AppError> {
    let principal = check_password(db, tenant, email, password, client.address).await?;
    open_session(db, tenant, principal, client.user_agent, policy).await
}

/// Where a request comes from, for limits, the audit log and the sessions
/// page.
#[derive(Debug, Clone, Copy)]
pub struct Client<'a> {
    pub address: &'a str,
    pub user_agent: Option<&'a str>,
}

/// Opens a new session for an account whose identity is already proven.
pub async fn open_session(
    db: &Platform,
    tenant: TenantId,
    mut principal: Principal,
    user_agent: Option<&str>,
    policy: &SessionPolicy,
) -> Result<OpenedSession, AppError> {
    let role = principal.role;
    let (_, absolute) = policy.for_role(role);
    let token = new_secret();
    let csrf_token = new_secret();
    let user_agent: Option<String> = user_agent.map(|ua| ua.chars().take(300).collect());
    Sessions::of(db, tenant)
        .create(&NewSession {
            token_hash: &digest(&token),
            user: principal.user_id,
            csrf_token: &csrf_token,
            expires_at: Timestamp(Timestamp::now().0 + absolute.as_millis() as i64),
            user_agent: user_agent.as_deref(),
        })
        .await?;
    principal.csrf_token = csrf_token.clone();
    Ok(OpenedSession {
        token,
        csrf_token,
        principal,
    })
}

/// The account signed in with this session cookie, if the session is valid
/// for this tenant.
pub async fn session_principal(
    db: &Platform,
    tenant: TenantId,
    token: &str,
    policy: &SessionPolicy,
) -> Result<Option<Principal>, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let hash = digest(token);
    let now = Timestamp::now();
    let sessions = Sessions::of(db, tenant);
    let Some(principal) = sessions.principal(&hash, now).await? else {
        return Ok(None);
    };
    let role = principal.role;
    let idle_ms = policy.idle_for(role).as_millis() as i64;
    let idle_for = now.0 - principal.last_seen_at;
    if idle_for >= idle_ms {
        return Ok(None);
    }
    // The idle clock needs minute precision; writing on every page view
    // would queue every signed-in read behind SQLite's single writer.
    // A database that cannot write (full disk, read-only file) still
    // serves reads: the clock waits for the next view.
    if idle_for > 60_000
        && let Err(e) = sessions.touch(&hash, now).await
    {
        tracing::warn!(error = %e, "cannot refresh a session's idle clock");
    }
    Ok(Some(principal))
}

pub async fn sign_out(db: &Platform, tenant: TenantId, token: &str) -> Result<(), AppError> {
    Ok(Sessions::of(db, tenant).delete(&digest(token)).await?)
}

/// Creates a personal access token from e-mail and password; the token is
/// returned once and only its digest is kept.
pub async fn create_token(
    db: &Platform,
    tenant: TenantId,
    email: &str,
    password: &str,
    name: &str,
    address: &str,
) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(Invalid::new("name", "invalid_token_name", "a token name has 1 to 100 characters").into());
    }
    limits::check(db, tenant, Limit::TokenFromAddress, address).await?;
    let principal = check_password(db, tenant, email, password, address).await?;
    let token = format!("cs_{}", new_secret());
    let id = Tokens::of(db, tenant)
        .create(principal.user_id, name, &digest(&token))
        .await?;
    let actor = audit::Actor::user(principal.user_id, &principal.email, address);
    audit::record(
        db,
        tenant,
        &actor,
        audit::action::TOKEN_CREATED,
        &format!("token {id}"),
        name,
    )
    .await?;
    Ok(token)
}

/// Revokes one of the caller's own tokens; another account's is not found.
pub async fn revoke_token(db: &Platform, tenant: TenantId, actor: &audit::Actor, id: i64) -> Result<(), AppError> {
    let user = actor.user_id.ok_or(AppError::NotFound)?;
    if !Tokens::of(db, tenant).revoke(user, id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        db,
        tenant,
        actor,
        audit::action::TOKEN_REVOKED,
        &format!("token {id}"),
        "",
    )
    .await
}

/// The account behind a bearer token, if it is valid for this tenant.
pub async fn token_principal(db: &Platform, tenant: TenantId, token: &str) -> Result<Option<Principal>, AppError> {
    let Some(secret) = token.strip_prefix("cs_") else {
        return Ok(None);
    };
    if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    Ok(Tokens::of(db, tenant).principal(&digest(token)).await?)
}
