//! Rate limits on what attackers and scripts like to repeat: signing in,
//! registering, asking for password resets and posting content. Counters
//! live in the database (`civic_store::limits`), so they hold across app
//! nodes and restarts.

use crate::AppError;
use crate::Platform;
use civic_core::{TenantId, Timestamp};
use civic_store::limits;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;

/// What is being limited, and for whom (an address or an account).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Sign-in attempts from one address (a library's shared address must
    /// still work, so the allowance is generous).
    SignInFromAddress,
    /// Registrations from one address.
    RegisterFromAddress,
    /// Password-reset requests from one address.
    ResetFromAddress,
    /// Password-reset mails to one account (no mail-bombing a resident).
    ResetForAccount,
    /// Ideas, comments and answers by one account.
    ContentByAccount,
    /// Personal access tokens created by one address.
    TokenFromAddress,
}

impl Limit {
    /// (bucket name, hits allowed, window in ms)
    fn rule(self) -> (&'static str, i64, i64) {
        match self {
            Limit::SignInFromAddress => ("signin-ip", 60, 15 * MINUTE),
            Limit::RegisterFromAddress => ("register-ip", 10, HOUR),
            Limit::ResetFromAddress => ("reset-ip", 10, HOUR),
            Limit::ResetForAccount => ("reset-account", 3, HOUR),
            Limit::ContentByAccount => ("content", 60, HOUR),
            Limit::TokenFromAddress => ("token-ip", 20, HOUR),
        }
    }
}

fn bucket(tenant: TenantId, name: &str, who: &str) -> String {
    format!("t{}:{name}:{}", tenant.0, who.to_lowercase())
}

fn retry_after(window_start: i64, window_ms: i64, now: Timestamp) -> AppError {
    let wait_ms = (window_start + window_ms - now.0).max(1_000);
    AppError::TooManyRequests {
        retry_after_secs: (wait_ms as u64).div_ceil(1_000),
    }
}

/// Counts one attempt; refuses it with `TooManyRequests` once the allowance
/// of the window is used up.
pub async fn check(db: &Platform, tenant: TenantId, limit: Limit, who: &str) -> Result<(), AppError> {
    let (name, max, window_ms) = limit.rule();
    let now = Timestamp::now();
    let window = limits::hit(db, &bucket(tenant, name, who), window_ms, now).await?;
    if window.hits > max {
        return Err(retry_after(window.window_start, window_ms, now));
    }
    Ok(())
}

/// Failed sign-ins per account: the first few are free, then each attempt
/// must wait twice as long as the last (1 s, 2 s, 4 s … up to 5 minutes),
/// and after 100 failures in an hour the account accepts no attempt until
/// the hour is over. Keyed by the e-mail as typed, so an unknown address is
/// throttled exactly like a known one and reveals nothing.
pub mod sign_in_failures {
    use super::*;

    const FREE: i64 = 5;
    const MAX_PER_HOUR: i64 = 100;
    const MAX_DELAY_MS: i64 = 5 * MINUTE;

    fn key(tenant: TenantId, email: &str) -> String {
        bucket(tenant, "signin-fail", email.trim())
    }

    /// How long this account must still wait before the next attempt.
    pub fn delay_after(failures: i64) -> i64 {
        if failures < FREE {
            0
        } else {
            let doublings = (failures - FREE).min(20) as u32;
            (1_000i64 << doublings).min(MAX_DELAY_MS)
        }
    }

    /// Refuses the attempt while the account is cooling down.
    pub async fn gate(db: &Platform, tenant: TenantId, email: &str) -> Result<(), AppError> {
        let now = Timestamp::now();
        let Some(window) = limits::peek(db, &key(tenant, email), HOUR, now).await? else {
            return Ok(());
        };
        if window.hits >= MAX_PER_HOUR {
            return Err(retry_after(window.window_start, HOUR, now));
        }
        let ready_at = window.last_hit_at + delay_after(window.hits);
        if now.0 < ready_at {
            return Err(AppError::TooManyRequests {
                retry_after_secs: ((ready_at - now.0) as u64).div_ceil(1_000),
            });
        }
        Ok(())
    }

    /// Counts a failure; returns the failures in the current hour.
    pub async fn record(db: &Platform, tenant: TenantId, email: &str) -> Result<i64, AppError> {
        Ok(limits::hit(db, &key(tenant, email), HOUR, Timestamp::now()).await?.hits)
    }

    pub async fn clear(db: &Platform, tenant: TenantId, email: &str) -> Result<(), AppError> {
        Ok(limits::clear(db, &key(tenant, email)).await?)
    }

    /// Whether this count of failures is a burst worth an audit entry: the
    /// first time the free attempts run out, then every 25.
    pub fn is_burst(failures: i64) -> bool {
        failures == FREE || (failures > FREE && failures % 25 == 0)
    }
}

/// Forgets windows that ended a day ago or more.
pub async fn sweep(db: &Platform) -> Result<u64, AppError> {
    Ok(limits::sweep(db, Timestamp(Timestamp::now().0 - 24 * HOUR)).await?)
}

/// Ideas and comments count against one allowance per account.
pub async fn content(db: &Platform, tenant: TenantId, author: civic_core::UserId) -> Result<(), AppError> {
    check(db, tenant, Limit::ContentByAccount, &format!("user{}", author.0)).await
}

#[cfg(test)]
mod tests {
    use super::sign_in_failures::*;

    #[test]
    fn delay_grows_and_is_capped() {
        assert_eq!(delay_after(0), 0);
        assert_eq!(delay_after(4), 0);
        assert_eq!(delay_after(5), 1_000);
        assert_eq!(delay_after(6), 2_000);
        assert_eq!(delay_after(10), 32_000);
        assert_eq!(delay_after(14), 300_000);
        assert_eq!(delay_after(99), 300_000);
        assert!(is_burst(5) && is_burst(25) && !is_burst(6) && !is_burst(4));
    }
}
