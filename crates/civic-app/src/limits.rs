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
    /// "You already have an account" mails to one address.
    NoticeToAddress,
    /// Filtered poll results asked from one address (each is an aggregate
    /// query, and a stream of them is how one would difference groups).
    FilteredResultsFromAddress,
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
            Limit::NoticeToAddress => ("notice-address", 3, HOUR),
            Limit::FilteredResultsFromAddress => ("results-filter-ip", 60, 10 * MINUTE),
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

/// Password guesses, at sign-in, at token creation and wherever a signed-in
/// person re-enters their password. Two counters, both keyed by the account
/// as typed (an unknown address is throttled exactly like a known one):
///
/// - each (account, client address) pair has a hard allowance of
///   `PER_ADDRESS` attempts an hour, counted by one atomic upsert *before*
///   the password is checked, so a parallel burst gets no more verdicts than
///   a patient guesser;
/// - the account's failures from every address make an address that has
///   already failed on it wait twice as long after each failure (1 s, 2 s,
///   4 s … up to 5 minutes). An address that has not tried this account in
///   the hour is never refused by the account's counter, so nobody can lock
///   the owner out by knowing their e-mail address.
pub mod password_guesses {
    use super::*;

    const FREE: i64 = 5;
    /// Attempts on one account from one address in an hour.
    pub const PER_ADDRESS: i64 = 10;
    const MAX_DELAY_MS: i64 = 5 * MINUTE;

    fn account_key(tenant: TenantId, account: &str) -> String {
        bucket(tenant, "signin-fail", account.trim())
    }

    fn pair_key(tenant: TenantId, account: &str, address: &str) -> String {
        bucket(tenant, "signin-pair", &format!("{}|{address}", account.trim()))
    }

    /// How long an address that failed before must wait after the account's
    /// last failure.
    pub fn delay_after(failures: i64) -> i64 {
        if failures < FREE {
            0
        } else {
            let doublings = (failures - FREE).min(20) as u32;
            (1_000i64 << doublings).min(MAX_DELAY_MS)
        }
    }

    /// Counts this attempt and refuses it when the pair's allowance is used
    /// up, or when this address has failed on the account before and the
    /// account is cooling down.
    pub async fn admit(db: &Platform, tenant: TenantId, account: &str, address: &str) -> Result<(), AppError> {
        let now = Timestamp::now();
        let pair = limits::hit(db, &pair_key(tenant, account, address), HOUR, now).await?;
        if pair.hits > PER_ADDRESS {
            return Err(retry_after(pair.window_start, HOUR, now));
        }
        if pair.hits == 1 {
            return Ok(());
        }
        let Some(window) = limits::peek(db, &account_key(tenant, account), HOUR, now).await? else {
            return Ok(());
        };
        let ready_at = window.last_hit_at + delay_after(window.hits);
        if now.0 < ready_at {
            return Err(AppError::TooManyRequests {
                retry_after_secs: ((ready_at - now.0) as u64).div_ceil(1_000),
            });
        }
        Ok(())
    }

    /// Counts a wrong password; returns the account's failures in the hour.
    pub async fn failed(db: &Platform, tenant: TenantId, account: &str) -> Result<i64, AppError> {
        Ok(limits::hit(db, &account_key(tenant, account), HOUR, Timestamp::now())
            .await?
            .hits)
    }

    /// The right password: this address and the account start afresh.
    pub async fn succeeded(db: &Platform, tenant: TenantId, account: &str, address: &str) -> Result<(), AppError> {
        limits::clear(db, &pair_key(tenant, account, address)).await?;
        Ok(limits::clear(db, &account_key(tenant, account)).await?)
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
    use super::password_guesses::*;

    #[test]
    fn delay_grows_and_is_capped() {
        assert_eq!(delay_after(0), 0);
        assert_eq!(delay_after(4), 0);
        assert_eq!(delay_after(5), 1_000);
        assert_eq!(delay_after(6), 2_000);
        assert_eq!(delay_after(10), 32_000);
        assert_eq!(delay_after(14), 300_000);
        assert_eq!(delay_after(99), 300_000);
        assert_eq!(delay_after(10_000), 300_000);
        assert!(is_burst(5) && is_burst(25) && !is_burst(6) && !is_burst(4));
    }
}
