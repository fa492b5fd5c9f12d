//! The password rules (OWASP ASVS V2.1): 12 to 128 characters, any
//! characters, no composition rules, and not one of the most common
//! passwords.

use crate::Invalid;
use std::collections::HashSet;
use std::sync::LazyLock;

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

/// The 30,000 most common passwords (data/common-passwords.txt).
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
});

/// A password that meets the rules. Its `Debug` never shows it.
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

impl Password {
    pub fn parse(raw: &str) -> Result<Password, Invalid> {
        let n = raw.chars().count();
        if n < MIN_CHARS {
            return Err(Invalid::new(
                "password",
                "password_too_short",
                "a password has at least 12 characters",
            ));
        }
        if n > MAX_CHARS {
            return Err(Invalid::new(
                "password",
                "password_too_long",
                "a password has at most 128 characters",
            ));
        }
        if is_common(raw) {
            return Err(Invalid::new(
                "password",
                "password_common",
                "this password is among the most common ones and is easy to guess; choose another",
            ));
        }
        Ok(Password(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// True for a password on the common list, ignoring case and surrounding
/// spaces (so "Password1234 " counts too).
pub fn is_common(raw: &str) -> bool {
    let normalised = raw.trim().to_lowercase();
    COMMON.contains(normalised.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_shipped_and_large() {
        assert!(COMMON.len() >= 10_000, "{}", COMMON.len());
        assert!(is_common("123456") && is_common("password"));
    }

    #[test]
    fn rules() {
        assert!(Password::parse("correct horse battery staple").is_ok());
        assert!(Password::parse("дуже довгий пароль").is_ok(), "any characters");
        assert!(Password::parse(&"я".repeat(128)).is_ok(), "128 characters allowed");
        assert_eq!(Password::parse("short").unwrap_err().code, "password_too_short");
        assert_eq!(Password::parse(&"a".repeat(129)).unwrap_err().code, "password_too_long");
        assert_eq!(Password::parse("1qaz2wsx3edc").unwrap_err().code, "password_common");
        assert_eq!(Password::parse("QWERTYUIOP123").unwrap_err().code, "password_common");
        assert_eq!(
            format!("{:?}", Password::parse("correct horse battery staple").unwrap()),
            "Password(…)"
        );
    }
}
