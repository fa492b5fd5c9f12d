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
    /// E-mail change links asked by one account.
    EmailChangeByAccount,
    /// Census-list matches tried by one account (so the list cannot be
    /// guessed one date of birth after another).
    VerifyByAccount,
    /// Census-list matches tried from one address.
    VerifyFromAddress,
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
            Limit::EmailChangeByAccount => ("email-change", 5, HOUR),
            Limit::VerifyByAccount => ("verify-account", 5, HOUR),
            Limit::VerifyFromAddress => ("verify-ip", 20, HOUR),
        }
    }
}

fn bucket(tenant: TenantId, name: &str, who: &str) -> String {
    format!("t{}:{name}:{}", tenant.0, network_of(who).to_lowercase())
}

/// The unit an address limit counts: an IPv4 address, or the /64 an IPv6
/// address is in (one household or server gets a whole /64, so counting
/// single IPv6 addresses would give it 2^64 allowances). Anything that is
/// not an address (an e-mail) is returned as it is.
pub fn network_of(who: &str) -> String {
    match who.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => who.to_string(),
    }
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
/// person re-enters their password. Every count is one atomic upsert made
/// *before* the password is checked, so a parallel burst gets no more
/// verdicts than a patient guesser. Keyed by the account as typed (an
/// unknown address is throttled exactly like a known one):
///
/// - each (account, client address) pair has `PER_ADDRESS` attempts an
///   hour;
/// - addresses the account has not signed in from before share
///   `FROM_NEW_ADDRESSES` attempts per 5 minutes, so many addresses (a
///   botnet, an IPv6 block) cannot guess without end; past it a new address
///   waits at most 5 minutes, and an address the owner signed in from in
///   the last 30 days is not held back at all;
/// - an address that has already failed on the account waits twice as long
///   after each of the account's failures (1 s, 2 s, 4 s … up to 5 minutes).
///
/// So nobody can lock the owner out by knowing their e-mail address: an
/// attacker's address is held back, the owner's is not, and a new address
/// waits minutes, never hours.
pub mod password_guesses {
    use super::*;

    const FREE: i64 = 5;
    /// Attempts on one account from one address in an hour.
    pub const PER_ADDRESS: i64 = 10;
    /// Attempts on one account from addresses it has not signed in from,
    /// together, per [`NEW_ADDRESS_WINDOW`].
    pub const FROM_NEW_ADDRESSES: i64 = 30;
    const NEW_ADDRESS_WINDOW: i64 = 5 * MINUTE;
    /// How long an address the owner signed in from stays known.
    const KNOWN_FOR: i64 = 30 * 24 * HOUR;
    const MAX_DELAY_MS: i64 = 5 * MINUTE;

    fn account_key(tenant: TenantId, account: &str) -> String {
        bucket(tenant, "signin-fail", account.trim())
    }

    fn new_addresses_key(tenant: TenantId, account: &str) -> String {
        bucket(tenant, "signin-new", account.trim())
    }

    fn pair_key(tenant: TenantId, account: &str, address: &str) -> String {
        bucket(
            tenant,
            "signin-pair",
            &format!("{}|{}", account.trim(), network_of(address)),
        )
    }

    fn known_key(tenant: TenantId, account: &str, address: &str) -> String {
        bucket(
            tenant,
            "signin-known",
            &format!("{}|{}", account.trim(), network_of(address)),
        )
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
    /// up, when a new address comes past the new addresses' allowance, or
    /// when this address has failed on the account before and the account
    /// is cooling down.
    pub async fn admit(db: &Platform, tenant: TenantId, account: &str, address: &str) -> Result<(), AppError> {
        let now = Timestamp::now();
        let pair = limits::hit(db, &pair_key(tenant, account, address), HOUR, now).await?;
        if pair.hits > PER_ADDRESS {
            return Err(retry_after(pair.window_start, HOUR, now));
        }
        let known = limits::peek(db, &known_key(tenant, account, address), KNOWN_FOR, now)
            .await?
            .is_some();
        if !known {
            let new = limits::hit(db, &new_addresses_key(tenant, account), NEW_ADDRESS_WINDOW, now).await?;
            if new.hits > FROM_NEW_ADDRESSES {
                return Err(retry_after(new.window_start, NEW_ADDRESS_WINDOW, now));
            }
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

    /// The right password: this address and the account start afresh, and
    /// the address is known to the account for 30 days.
    pub async fn succeeded(db: &Platform, tenant: TenantId, account: &str, address: &str) -> Result<(), AppError> {
        limits::clear(db, &pair_key(tenant, account, address)).await?;
        limits::clear(db, &account_key(tenant, account)).await?;
        limits::hit(db, &known_key(tenant, account, address), KNOWN_FOR, Timestamp::now()).await?;
        Ok(())
    }

    /// Whether this count of failures is a burst worth an audit entry: the
    /// first time the free attempts run out, then every 25.
    pub fn is_burst(failures: i64) -> bool {
        failures == FREE || (failures > FREE && failures % 25 == 0)
    }
}

/// Forgets windows that began a day ago or more (addresses an account
/// signed in from: a month).
pub async fn sweep(db: &Platform) -> Result<u64, AppError> {
    let now = Timestamp::now().0;
    Ok(limits::sweep(
        db,
        Timestamp(now - 24 * HOUR),
        ":signin-known:",
        Timestamp(now - 31 * 24 * HOUR),
    )
    .await?)
}

/// Ideas and comments count against one allowance per account; a person
/// the moderators blocked posts nothing (403 `blocked`): every posting use
/// case passes here.
pub async fn content(db: &Platform, tenant: TenantId, author: civic_core::UserId) -> Result<(), AppError> {
    crate::moderation::ensure_can_post(db, tenant, author).await?;
    check(db, tenant, Limit::ContentByAccount, &format!("user{}", author.0)).await
}

#[cfg(test)]
mod tests {
    use super::password_guesses::*;

    #[test]
    fn an_ipv6_address_counts_as_its_64() {
        use super::network_of;
        assert_eq!(network_of("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(network_of("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
        assert_eq!(network_of("203.0.113.7"), "203.0.113.7");
        assert_eq!(network_of("::ffff:203.0.113.7"), "::ffff:203.0.113.7");
        assert_eq!(network_of("olena@example.org"), "olena@example.org");
    }

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
