//! A tenant is one municipality. Its slug is the first segment of every URL
//! it owns, so slugs that name platform routes are reserved.

use crate::{Invalid, Locale, TenantId};
use serde::Serialize;

/// First path segments the platform itself uses; a tenant may not take them.
pub const RESERVED_SLUGS: &[&str] = &[
    "admin",
    "api",
    "static",
    "assets",
    "healthz",
    "readyz",
    "metrics",
    "login",
    "logout",
    "register",
    "account",
    "operator",
    "favicon.ico",
    "robots.txt",
    "well-known",
    "docs",
    "help",
    "about",
    "privacy",
    "terms",
    "status",
    "www",
    "mail",
    "new",
    "search",
];

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct TenantSlug(String);

impl TenantSlug {
    /// 2–40 characters of `a-z`, `0-9` and `-`, starting with a letter, not
    /// ending with `-`, and not a reserved word.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim();
        let bad = |msg: &str| Err(Invalid::new("slug", "invalid_slug", msg.to_string()));
        if s.len() < 2 || s.len() > 40 {
            return bad("a slug has 2 to 40 characters");
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return bad("a slug uses only lowercase latin letters, digits and '-'");
        }
        if !s.as_bytes()[0].is_ascii_lowercase() || s.ends_with('-') || s.contains("--") {
            return bad("a slug starts with a letter and has no leading, trailing or double '-'");
        }
        if RESERVED_SLUGS.contains(&s) {
            return Err(Invalid::new(
                "slug",
                "reserved_slug",
                format!("'{s}' is reserved by the platform; choose another slug"),
            ));
        }
        Ok(TenantSlug(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TenantSlug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The municipality's display name, e.g. "Буча".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct TenantName(String);

impl TenantName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim();
        let chars = s.chars().count();
        if chars == 0 || chars > 100 {
            return Err(Invalid::new("name", "invalid_name", "a name has 1 to 100 characters"));
        }
        if s.chars().any(char::is_control) {
            return Err(Invalid::new(
                "name",
                "invalid_name",
                "a name may not contain control characters",
            ));
        }
        Ok(TenantName(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A host name a tenant is served at, e.g. `participate.bucha.ua`. Stored
/// lower-case without a port so the `Host` header can be matched exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct HostName(String);

impl HostName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim().trim_end_matches('.').to_ascii_lowercase();
        let bad = || {
            Err(Invalid::new(
                "host",
                "invalid_host",
                format!("'{}' is not a valid host name", raw.trim()),
            ))
        };
        if s.is_empty() || s.len() > 253 || !s.contains('.') {
            return bad();
        }
        // An IP address is not a tenant's host name (no TLD is numeric).
        if s.rsplit('.')
            .next()
            .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
        {
            return bad();
        }
        for label in s.split('.') {
            if label.is_empty()
                || label.len() > 63
                || label.starts_with('-')
                || label.ends_with('-')
                || !label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            {
                return bad();
            }
        }
        Ok(HostName(s))
    }

    /// The host part of a `Host` header value (drops the port, lower-cases).
    pub fn from_header(value: &str) -> Option<HostName> {
        let host = match value.rsplit_once(':') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => value,
        };
        HostName::parse(host).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A municipality hosted on the platform, as stored.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Tenant {
    pub id: TenantId,
    pub slug: String,
    pub name: String,
    pub default_locale: Locale,
    pub host: Option<String>,
    pub accent_color: Option<String>,
    pub created_at: i64,
    /// When the logo was last set; `None` without a logo.
    pub logo_updated_at: Option<i64>,
    /// Suspended by an operator since then: pages read, writes are refused.
    pub suspended_at: Option<i64>,
    /// The IANA time zone its pages show times in ("Europe/Kyiv").
    pub time_zone: String,
}

impl Tenant {
    pub fn tenant_id(&self) -> TenantId {
        self.id
    }

    pub fn locale(&self) -> Locale {
        self.default_locale
    }

    /// The zone its pages show times in.
    pub fn zone(&self) -> crate::time::Zone {
        crate::time::Zone::stored(&self.time_zone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(TenantSlug::parse("bucha").is_ok());
        assert!(TenantSlug::parse("kyiv-2").is_ok());
        for bad in [
            "", "b", "Bucha", "буча", "-bucha", "bucha-", "bu--cha", "2bucha", "bu cha", "bu/cha", "../x",
        ] {
            assert!(TenantSlug::parse(bad).is_err(), "{bad:?}");
        }
        let reserved = TenantSlug::parse("api").unwrap_err();
        assert_eq!(reserved.code, "reserved_slug");
    }

    #[test]
    fn names() {
        assert_eq!(TenantName::parse("  Буча ").unwrap().as_str(), "Буча");
        assert!(TenantName::parse("   ").is_err());
        assert!(TenantName::parse(&"я".repeat(101)).is_err());
        assert!(TenantName::parse("a\u{0}b").is_err());
    }

    #[test]
    fn hosts() {
        assert_eq!(
            HostName::parse("Participate.Bucha.UA.").unwrap().as_str(),
            "participate.bucha.ua"
        );
        assert_eq!(
            HostName::from_header("participate.bucha.ua:8080").unwrap().as_str(),
            "participate.bucha.ua"
        );
        for bad in [
            "localhost",
            "a..b",
            "-a.b",
            "a_b.c",
            "http://x.y",
            "",
            "127.0.0.1",
            "10.0.0.1:80",
        ] {
            assert!(HostName::parse(bad).is_err(), "{bad:?}");
        }
    }
}
