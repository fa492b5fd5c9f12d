//! Signing in and out: server-side sessions for people in browsers, personal
//! access tokens for API clients. Secrets are 256 random bits shown once;
//! the database keeps their SHA-256 digests only.

use crate::Platform;
use crate::limits::{self, Limit, password_guesses};
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

/// Checks e-mail and password, throttled (`limits::password_guesses`): the
/// attempt is counted before the hash is checked. Bursts of failures go to
/// the audit log.
async fn check_password(
    db: &Platform,
    tenant: TenantId,
    email: &str,
    password: &str,
    address: &str,
) -> Result<Principal, AppError> {
    limits::check(db, tenant, Limit::SignInFromAddress, address).await?;
    let account: String = email.trim().to_lowercase().chars().take(254).collect();
    password_guesses::admit(db, tenant, &account, address).await?;
    match verify_credentials(db, tenant, email, password).await? {
        Some(principal) => {
            password_guesses::succeeded(db, tenant, &account, address).await?;
            Ok(principal)
        }
        None => {
            record_failure(db, tenant, &account, address).await?;
            Err(invalid_credentials())
        }
    }
}

async fn record_failure(db: &Platform, tenant: TenantId, account: &str, address: &str) -> Result<(), AppError> {
    let failures = password_guesses::failed(db, tenant, account).await?;
    if password_guesses::is_burst(failures) {
        let detail = format!("{failures} failed sign-ins within an hour");
        let actor = audit::Actor::anonymous(address);
        audit::record(db, tenant, &actor, audit::action::LOGIN_FAILURE_BURST, account, &detail).await?;
    }
    Ok(())
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
    let (hash, user, change_required) = match found {
        Some(c) => (c.password_hash, Some(c.user), c.password_change_required),
        None => (DUMMY_HASH.clone(), None, false),
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
            password_change_required: change_required,
            documents_pending: false,
        }),
        _ => None,
    })
}

/// True when `password` is the signed-in account's current password. A
/// stolen session must not guess it without limit: the check counts against
/// the same allowance as signing in (`limits::password_guesses`).
pub async fn password_matches(
    db: &Platform,
    tenant: TenantId,
    actor: &audit::Actor,
    password: &str,
) -> Result<bool, AppError> {
    let user = actor.user_id.ok_or(AppError::NotFound)?;
    let users = Users::of(db, tenant);
    let Some(account) = users.get(user).await? else {
        return Err(AppError::NotFound);
    };
    let account = account.email.to_lowercase();
    password_guesses::admit(db, tenant, &account, &actor.address).await?;
    let Some(hash) = users.password_hash(user).await? else {
        return Ok(false);
    };
    let ok = verify_off_thread(password.to_string(), hash).await;
    if ok {
        password_guesses::succeeded(db, tenant, &account, &actor.address).await?;
    } else {
        record_failure(db, tenant, &account, &actor.address).await?;
    }
    Ok(ok)
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

/// Confirms an address from its link and signs the person in: opening the
/// link proves the mailbox, as a reset link does, so nobody who has just
/// registered must type the password again.
pub async fn sign_in_by_confirmation(
    db: &Platform,
    tenant: TenantId,
    token: &str,
    client: &Client<'_>,
    policy: &SessionPolicy,
) -> Result<OpenedSession, AppError> {
    let user = crate::accounts::confirm(db, tenant, token).await?;
    let account = Users::of(db, tenant).get(user).await?.ok_or(AppError::NotFound)?;
    let principal = Principal {
        user_id: account.id,
        email: account.email,
        display_name: account.display_name,
        role: account.role,
        csrf_token: String::new(),
        last_seen_at: Timestamp::now().0,
        unread: 0,
        password_change_required: false,
        documents_pending: false,
    };
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

/// How long a new access token lives, in days, as asked for; `None` takes
/// the longest the role allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenLifetime(pub Option<i64>);

/// The longest an access token may live: a year, staff 30 days (a staff
/// token can change what everybody sees).
pub fn max_token_days(role: civic_core::Role) -> i64 {
    if role.is_staff() { 30 } else { 365 }
}

/// Creates a personal access token from e-mail and password; the token is
/// returned once and only its digest is kept.
pub async fn create_token(
    db: &Platform,
    tenant: TenantId,
    email: &str,
    password: &str,
    name: &str,
    lifetime: TokenLifetime,
    address: &str,
) -> Result<(String, Timestamp), AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(Invalid::new("name", "invalid_token_name", "a token name has 1 to 100 characters").into());
    }
    if let Some(days) = lifetime.0
        && !(1..=365).contains(&days)
    {
        return Err(token_days_refused(365));
    }
    limits::check(db, tenant, Limit::TokenFromAddress, address).await?;
    let principal = check_password(db, tenant, email, password, address).await?;
    if principal.password_change_required {
        return Err(password_change_required());
    }
    let most = max_token_days(principal.role);
    let days = lifetime.0.unwrap_or(most);
    if days > most {
        return Err(token_days_refused(most));
    }
    let expires_at = Timestamp(Timestamp::now().0 + days * 86_400_000);
    let token = format!("cs_{}", new_secret());
    let id = Tokens::of(db, tenant)
        .create(principal.user_id, name, &digest(&token), expires_at)
        .await?;
    let actor = audit::Actor::user(principal.user_id, &principal.email, address);
    let detail = format!("{name}, {days} days");
    audit::record(
        db,
        tenant,
        &actor,
        audit::action::TOKEN_CREATED,
        &format!("token {id}"),
        &detail,
    )
    .await?;
    Ok((token, expires_at))
}

/// The refusal of anything but choosing a new password, for an account
/// whose password was handed out.
pub fn password_change_required() -> AppError {
    AppError::forbidden(
        "password_change_required",
        "choose your own password first: the one you were given works only for that",
    )
}

fn token_days_refused(most: i64) -> AppError {
    Invalid::new(
        "expires_in_days",
        "invalid_token_lifetime",
        format!("a token of this account lives 1 to {most} days"),
    )
    .into()
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
    let hash = digest(token);
    let now = Timestamp::now();
    let tokens = Tokens::of(db, tenant);
    let Some(mut principal) = tokens.principal(&hash, now).await? else {
        return Ok(None);
    };
    // "Last used" to the minute, as sessions do: a write on every request
    // would queue API reads behind SQLite's one writer.
    if now.0 - principal.last_seen_at > 60_000
        && let Err(e) = tokens.touch(&hash, now).await
    {
        tracing::warn!(error = %e, "cannot note a token's last use");
    }
    principal.last_seen_at = now.0;
    Ok(Some(principal))
}
