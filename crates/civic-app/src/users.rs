//! Accounts created by an operator from the command line.

use crate::Platform;
use crate::{AppError, passwords};
use civic_core::{DisplayName, Email, Invalid, Role};
use civic_store::tenants;
use civic_store::users::{self, NewUser, UserRecord, Users};

/// Passwords follow `civic_core::password` (12 to 128 characters, not a
/// common one).
pub fn check_password(password: &str) -> Result<(), Invalid> {
    civic_core::password::Password::parse(password).map(|_| ())
}

pub struct CreateUser<'a> {
    pub tenant_slug: &'a str,
    pub email: &'a str,
    pub display_name: Option<&'a str>,
    pub role: &'a str,
    pub password: &'a str,
}

/// Creates a confirmed account in a tenant.
pub async fn create(db: &Platform, input: &CreateUser<'_>) -> Result<UserRecord, AppError> {
    let tenant = tenants::by_slug(db, input.tenant_slug).await?.ok_or_else(|| {
        Invalid::new(
            "tenant",
            "unknown_tenant",
            format!("there is no tenant with slug '{}'", input.tenant_slug),
        )
    })?;
    let email = Email::parse(input.email)?;
    let role = Role::parse(input.role)?;
    check_password(input.password)?;
    let name = match input.display_name {
        Some(n) => DisplayName::parse(n)?,
        None => DisplayName::parse(email.as_str().split('@').next().unwrap_or("user"))?,
    };
    let hash = passwords::hash(input.password);
    Users::of(db, tenant.tenant_id())
        .create(&NewUser {
            email: &email,
            display_name: &name,
            password_hash: &hash,
            role,
            confirmed: true,
        })
        .await
        .map_err(|e| {
            if e.is_conflict_on("users_tenant_email_key", "users.tenant_id, users.email") {
                AppError::conflict(
                    "email_taken",
                    format!("{email} already has an account with this tenant"),
                )
            } else {
                e.into()
            }
        })
}

pub async fn create_operator(db: &Platform, email: &str, password: &str) -> Result<i64, AppError> {
    let email = Email::parse(email)?;
    check_password(password)?;
    users::create_operator(db, &email, &passwords::hash(password))
        .await
        .map_err(|e| {
            if e.is_conflict_on("operators_email_key", "operators.email") {
                AppError::conflict("email_taken", format!("operator {email} exists already"))
            } else {
                e.into()
            }
        })
}
