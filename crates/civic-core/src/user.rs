//! People: e-mail addresses, display names and per-tenant roles.

use crate::Invalid;
use serde::{Deserialize, Serialize};

/// An e-mail address, trimmed and lower-cased so that one address is one
/// account. The check is deliberately simple: the confirmation mail is the
/// real proof.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim().to_lowercase();
        let bad = || {
            Err(Invalid::new(
                "email",
                "invalid_email",
                "enter an e-mail address like name@example.org",
            ))
        };
        // Display-name forms (`x<y@evil.org>`), quoting and lists would let
        // one mailbox stand for many accounts, or mail go where the address
        // does not say: none of those characters belongs in an address here.
        if s.len() > 254
            || s.chars().any(|c| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '<' | '>' | '"' | ',' | ';' | ':' | '(' | ')' | '[' | ']' | '\\')
            })
        {
            return bad();
        }
        match s.split_once('@') {
            Some((local, domain))
                if !local.is_empty()
                    && local.len() <= 64
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.') =>
            {
                Ok(Email(s))
            }
            _ => bad(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name shown beside a person's contributions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim();
        let n = s.chars().count();
        if n == 0 || n > 60 || s.chars().any(char::is_control) {
            return Err(Invalid::new(
                "display_name",
                "invalid_display_name",
                "a display name has 1 to 60 characters",
            ));
        }
        Ok(DisplayName(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a person may do within one tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Citizen,
    Moderator,
    Official,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Moderator => "moderator",
            Role::Official => "official",
            Role::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "citizen" => Ok(Role::Citizen),
            "moderator" => Ok(Role::Moderator),
            "official" => Ok(Role::Official),
            "admin" | "administrator" => Ok(Role::Admin),
            _ => Err(Invalid::new(
                "role",
                "invalid_role",
                "a role is one of citizen, moderator, official, admin",
            )),
        }
    }

    /// Staff speak for the city; their contributions carry an official badge.
    pub fn is_staff(self) -> bool {
        self != Role::Citizen
    }

    /// True when this role is one of `staff`.
    pub fn is_among(self, staff: StaffRoles) -> bool {
        match staff {
            StaffRoles::Any => self.is_staff(),
            StaffRoles::Officials => matches!(self, Role::Official | Role::Admin),
            StaffRoles::Admins => self == Role::Admin,
        }
    }
}

/// The groups of staff that the platform's rules admit to an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffRoles {
    /// Moderators, officials and administrators.
    Any,
    /// Officials and administrators: they answer for the city.
    Officials,
    /// Administrators: people, roles, spaces and settings.
    Admins,
}

/// The account behind a valid session or access token: who is asking.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Principal {
    pub user_id: crate::UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The session's CSRF token (empty for access tokens, which need none).
    pub csrf_token: String,
    /// When the session was last used (0 for access tokens).
    pub last_seen_at: i64,
    /// Unread notifications up to a cap, read with the session so the page
    /// header costs no query of its own (0 for access tokens).
    pub unread: i64,
    /// The password was handed out (the demo's, printed at start-up): the
    /// person must choose their own before anything else.
    #[cfg_attr(feature = "sqlx", sqlx(try_from = "StoredFlag"))]
    pub password_change_required: bool,
    /// The session was opened while the town's terms or privacy notice had
    /// a version the person has yet to accept: pages lead there first
    /// (always false for access tokens).
    #[cfg_attr(feature = "sqlx", sqlx(try_from = "StoredFlag"))]
    pub documents_pending: bool,
}

/// A yes/no column as the database keeps it (0 or 1: the store's `Any`
/// driver reads no booleans).
#[derive(Debug, Clone, Copy)]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type), sqlx(transparent))]
pub struct StoredFlag(pub i64);

impl From<StoredFlag> for bool {
    fn from(flag: StoredFlag) -> bool {
        flag.0 != 0
    }
}

impl Principal {
    /// Staff speak for the city (moderators, officials, administrators).
    pub fn is_staff(&self) -> bool {
        self.role.is_staff()
    }
}

crate::stored_as_text!(Role, "role", |raw| Role::parse(raw).ok());

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An account as stored (never its password hash).
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct User {
    pub id: crate::UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub email_confirmed_at: Option<i64>,
    pub created_at: i64,
}

impl User {
    pub fn user_id(&self) -> crate::UserId {
        self.id
    }

    pub fn role(&self) -> Role {
        self.role
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" Olena@Example.ORG ").unwrap().as_str(),
            "olena@example.org"
        );
        for bad in [
            "",
            "olena",
            "@example.org",
            "olena@",
            "olena@example",
            "a b@example.org",
            "a@b@c.org",
            "olena@.org",
            // One mailbox must not register many accounts, nor mail go
            // elsewhere than the address says.
            "x<olena@evil.org>",
            "\"olena\"@example.org",
            "olena@example.org,other@example.org",
            "olena@example.org;x",
            "olena:x@example.org",
            "olena(comment)@example.org",
            "olena@[127.0.0.1]",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn roles_round_trip() {
        for role in [Role::Citizen, Role::Moderator, Role::Official, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()).unwrap(), role);
        }
        assert!(Role::parse("mayor").is_err());
        assert!(!Role::Citizen.is_staff());
        assert!(Role::Official.is_staff());
    }
}
