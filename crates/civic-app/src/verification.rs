//! Verified residents: a resident matches the city's census list with a
//! document number and date of birth; staff at a service centre verify an
//! account after looking at a document; staff revoke. Eligibility rules
//! (spaces and polls for verified residents only) ask [`require`].
//!
//! Privacy: a document number and date of birth are never stored. They
//! become an identity key, HMAC-SHA256 under a secret of the tenant's own
//! (made on first use, kept in `verification_settings`), so the keys of
//! one town say nothing about another's, and a stolen list cannot be
//! checked against a document number without the secret. One key verifies
//! one account per tenant (a unique index).

use crate::AppError;
use crate::Platform;
use crate::audit::{self, Actor};
use crate::limits::{self, Limit};
use civic_core::verification::{self as rules, BadLine, Verification};
use civic_core::{Invalid, Problems, Role, TenantId, Timestamp, UserId};
use civic_store::verification::{CensusInfo, NewVerification, Verifications};
use hmac::{Hmac, KeyInit, Mac};
use rand::RngCore;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The refusal of an unverified person where only verified residents may
/// take part: 403 `verified_only`, the same code on every path (spaces,
/// polls, budgets, ideas, debates, consultations, contests).
pub fn required() -> AppError {
    AppError::forbidden(
        "verified_only",
        "only verified residents may take part here; verify your residence on your account's verification page",
    )
}

/// The account's verification, expired or not.
pub async fn of(db: &Platform, tenant: TenantId, user: UserId) -> Result<Option<Verification>, AppError> {
    Ok(Verifications::of(db, tenant).get(user).await?)
}

/// Whether the account is verified now (not expired).
pub async fn is_verified(db: &Platform, tenant: TenantId, user: UserId) -> Result<bool, AppError> {
    Ok(Verifications::of(db, tenant)
        .is_verified(user, Timestamp::now())
        .await?)
}

/// Refuses a person who is not verified now.
pub async fn require(db: &Platform, tenant: TenantId, user: UserId) -> Result<(), AppError> {
    if is_verified(db, tenant, user).await? {
        Ok(())
    } else {
        Err(required())
    }
}

/// Whether `user` passes a space's "who may take part": always for
/// "registered"; for "verified", only a verified account (no visitor).
/// Asks the database only for spaces of verified residents.
pub async fn admits(
    db: &Platform,
    tenant: TenantId,
    participation: &str,
    user: Option<UserId>,
) -> Result<bool, AppError> {
    if participation != "verified" {
        return Ok(true);
    }
    match user {
        Some(user) => is_verified(db, tenant, user).await,
        None => Ok(false),
    }
}

/// Whether staff of this role verify accounts (officials and
/// administrators; a moderator does not).
pub fn may_verify(role: Role) -> bool {
    role.is_among(civic_core::user::StaffRoles::Officials)
}

fn staff_only(role: Role) -> Result<(), AppError> {
    if may_verify(role) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "staff_only",
            "only the municipality's officials and administrators verify residents",
        ))
    }
}

/// The identity key of a canonical document number and birth date under
/// the tenant's secret (made now when the tenant has none).
async fn key(db: &Platform, tenant: TenantId, material: &str) -> Result<String, AppError> {
    let secret = secret(db, tenant).await?;
    Ok(key_with(&secret, material))
}

async fn secret(db: &Platform, tenant: TenantId) -> Result<String, AppError> {
    let store = Verifications::of(db, tenant);
    if let Some(s) = store.secret().await? {
        return Ok(s);
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    Ok(store.ensure_secret(&hex::encode(bytes), Timestamp::now()).await?)
}

fn key_with(secret: &str, material: &str) -> String {
    let mut mac =
        <Hmac<sha2_11::Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(material.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A document number and date of birth as typed, made canonical (every
/// problem reported at once).
fn identity(document: &str, birth_date: &str) -> Result<(String, (i64, u32, u32)), AppError> {
    let mut problems = Problems::new();
    let doc = problems.check(rules::document_number(document));
    let born = problems.check(rules::birth_date(birth_date, Timestamp::now()));
    match (doc, born) {
        (Some(doc), Some(born)) => Ok((doc, born)),
        _ => Err(problems.into()),
    }
}

fn identity_taken() -> AppError {
    AppError::conflict(
        "identity_taken",
        "this document already verifies another account in this municipality; one person verifies one account — ask the service centre if this is wrong",
    )
}

/// A resident verifies their own account against the census list.
/// Attempts are limited per account and per network, so the list cannot
/// be guessed. 422 `verification_no_match` when the list has no such
/// person; 409 `identity_taken` when the person verifies another account.
pub async fn verify_by_census(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    user: UserId,
    document: &str,
    birth_date: &str,
) -> Result<Verification, AppError> {
    limits::check(db, tenant, Limit::VerifyFromAddress, &actor.address).await?;
    limits::check(db, tenant, Limit::VerifyByAccount, &format!("user-{}", user.0)).await?;
    let (doc, born) = identity(document, birth_date)?;
    let key = key(db, tenant, &rules::key_material(&doc, born)).await?;
    let store = Verifications::of(db, tenant);
    let Some((district, birth_year)) = store.census_match(&key).await? else {
        return Err(Invalid::new(
            "document_number",
            "verification_no_match",
            "the census list has no person with this document number and date of birth; check both, or verify at the service centre",
        )
        .into());
    };
    if store.holder_of(&key).await?.is_some_and(|holder| holder != user) {
        return Err(identity_taken());
    }
    let now = Timestamp::now();
    let tx = db.begin().await?;
    Verifications::of(&tx, tenant)
        .put(
            &NewVerification {
                user,
                method: "census",
                identity_key: &key,
                district: &district,
                birth_year,
                expires_at: now.0 + rules::VALID_DAYS * DAY_MS,
                verified_by: None,
                document_type: None,
            },
            now,
        )
        .await
        .map_err(taken_on_conflict)?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::RESIDENT_VERIFIED,
        &format!("user {}", user.0),
        &format!("census; {district}"),
    )
    .await?;
    tx.commit().await?;
    of(db, tenant, user).await?.ok_or(AppError::NotFound)
}

/// Two verifications of the same person at once: the unique index refuses
/// the second.
fn taken_on_conflict(e: civic_store::StoreError) -> AppError {
    match e {
        civic_store::StoreError::Conflict { .. } => identity_taken(),
        other => other.into(),
    }
}

/// An account as the staff page finds it.
#[derive(Debug, Clone)]
pub struct Found {
    pub user: UserId,
    pub email: String,
    pub display_name: String,
    pub verification: Option<Verification>,
}

/// Staff find an account by its e-mail address (`None`: no such account).
pub async fn find(db: &Platform, tenant: TenantId, role: Role, email: &str) -> Result<Option<Found>, AppError> {
    staff_only(role)?;
    let email = civic_core::user::Email::parse(email)?;
    let Some(u) = civic_store::users::Users::of(db, tenant).by_email(&email).await? else {
        return Ok(None);
    };
    Ok(Some(Found {
        verification: of(db, tenant, u.id).await?,
        user: u.id,
        email: u.email,
        display_name: u.display_name,
    }))
}

/// What staff enter after looking at a document.
#[derive(Debug, Clone, Copy, Default)]
pub struct StaffInput<'a> {
    pub document_type: &'a str,
    pub document_number: &'a str,
    pub birth_date: &'a str,
    pub district: &'a str,
}

/// Staff (officials, administrators) verify an account at the service
/// centre: the document type and district recorded, the number and date
/// of birth only as the identity key; audited.
pub async fn verify_by_staff(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    user: UserId,
    input: &StaffInput<'_>,
) -> Result<Verification, AppError> {
    staff_only(role)?;
    let account = civic_store::users::Users::of(db, tenant)
        .get(user)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut problems = Problems::new();
    let kind = rules::DOCUMENT_TYPES.iter().find(|t| **t == input.document_type);
    if kind.is_none() {
        problems.push(Invalid::new(
            "document_type",
            "invalid_document_type",
            "choose the type of the document you looked at",
        ));
    }
    let doc = problems.check(rules::document_number(input.document_number));
    let born = problems.check(rules::birth_date(input.birth_date, Timestamp::now()));
    let district = problems.check(rules::district(input.district));
    let (Some(kind), Some(doc), Some(born), Some(district)) = (kind, doc, born, district) else {
        return Err(problems.into());
    };
    let key = key(db, tenant, &rules::key_material(&doc, born)).await?;
    let store = Verifications::of(db, tenant);
    if store.holder_of(&key).await?.is_some_and(|holder| holder != user) {
        return Err(identity_taken());
    }
    let now = Timestamp::now();
    let tx = db.begin().await?;
    Verifications::of(&tx, tenant)
        .put(
            &NewVerification {
                user,
                method: "staff",
                identity_key: &key,
                district: &district,
                birth_year: born.0,
                expires_at: now.0 + rules::VALID_DAYS * DAY_MS,
                verified_by: actor.user_id,
                document_type: Some(kind),
            },
            now,
        )
        .await
        .map_err(taken_on_conflict)?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::RESIDENT_VERIFIED,
        &account.email,
        &format!("staff; {kind}; {district}"),
    )
    .await?;
    tx.commit().await?;
    of(db, tenant, user).await?.ok_or(AppError::NotFound)
}

/// Staff revoke an account's verification (audited); 404 when it has none.
pub async fn revoke(db: &Platform, tenant: TenantId, actor: &Actor, role: Role, user: UserId) -> Result<(), AppError> {
    staff_only(role)?;
    let account = civic_store::users::Users::of(db, tenant)
        .get(user)
        .await?
        .ok_or(AppError::NotFound)?;
    let tx = db.begin().await?;
    if !Verifications::of(&tx, tenant).revoke(user).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::VERIFICATION_REVOKED,
        &account.email,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The census list's size and when it was replaced.
pub async fn census_info(db: &Platform, tenant: TenantId) -> Result<CensusInfo, AppError> {
    Ok(Verifications::of(db, tenant).census_info().await?)
}

/// Administrators replace the census list with a CSV file
/// (`document_number,birth_date,district`). All or nothing: `Ok(Err(lines))`
/// lists every bad line and the old list stays as it was. Each line is
/// hashed here; only keys, districts and birth years are stored. Audited.
pub async fn replace_census(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    file: &[u8],
) -> Result<Result<usize, Vec<BadLine>>, AppError> {
    if role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the municipality's administrators replace the census list",
        ));
    }
    let Ok(text) = std::str::from_utf8(file) else {
        return Ok(Err(vec![BadLine {
            line: 1,
            code: "census_not_utf8",
        }]));
    };
    let lines = match rules::parse_census(text, Timestamp::now()) {
        Ok(lines) => lines,
        Err(bad) => return Ok(Err(bad)),
    };
    let secret = secret(db, tenant).await?;
    let entries: Vec<_> = lines
        .into_iter()
        .map(|l| (key_with(&secret, &l.key_material), l.district, l.birth_year))
        .collect();
    let count = entries.len();
    let tx = db.begin().await?;
    Verifications::of(&tx, tenant)
        .replace_census(&entries, Timestamp::now())
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::CENSUS_REPLACED,
        "census",
        &format!("{count} entries"),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(count))
}

/// The identity key of a document number and birth date (the demo seed
/// and tests verify accounts through it).
pub async fn identity_key(
    db: &Platform,
    tenant: TenantId,
    document: &str,
    birth_date: &str,
) -> Result<String, AppError> {
    let (doc, born) = identity(document, birth_date)?;
    key(db, tenant, &rules::key_material(&doc, born)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_depend_on_the_secret_and_the_person() {
        let a = key_with("one", "v1|АВ123456|1980-01-02");
        assert_eq!(a.len(), 64);
        assert_eq!(a, key_with("one", "v1|АВ123456|1980-01-02"));
        assert_ne!(a, key_with("two", "v1|АВ123456|1980-01-02"));
        assert_ne!(a, key_with("one", "v1|АВ123456|1980-01-03"));
    }
}
