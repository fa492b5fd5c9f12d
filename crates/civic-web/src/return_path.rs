//! Where a person goes back to after signing in: a path on this tenant's
//! pages, never another site or another tenant. "Parse, don't validate":
//! a `ReturnPath` is only made from a value that passed every check, so a
//! redirect to one cannot be turned into an open redirect.

/// A local path of the tenant `slug`, with its query, safe to redirect to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnPath(String);

impl ReturnPath {
    /// `raw` when it is a page of the tenant `slug` worth returning to;
    /// `None` for anything else (another site, another tenant, a scheme,
    /// `//host`, backslashes, control characters, the sign-in pages
    /// themselves, overlong values).
    pub fn parse(slug: &str, raw: &str) -> Option<ReturnPath> {
        let prefix = format!("/{slug}/");
        let ok = raw.len() <= 1000
            && (raw.starts_with(&prefix) || raw == format!("/{slug}"))
            && !raw.contains("//")
            && !raw.contains('\\')
            // Dot segments, plain or percent-encoded, would move the path
            // out of the tenant once a browser resolves it.
            && !raw.split(['/', '?']).any(|segment| {
                let decoded = segment.replace("%2e", ".").replace("%2E", ".");
                decoded == ".." || decoded == "."
            })
            && !raw.chars().any(|c| c.is_control() || c.is_whitespace());
        let page = raw.strip_prefix(&prefix).unwrap_or("");
        let loops = ["login", "logout", "register", "password/", "terms/accept"]
            .iter()
            .any(|p| page.starts_with(p));
        (ok && !loops).then(|| ReturnPath(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A value percent-encoded for a query string.
pub fn query_value(raw: &str) -> String {
    let mut out = String::new();
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ReturnPath;

    #[test]
    fn only_pages_of_the_same_tenant() {
        for good in [
            "/bucha/ideas/3",
            "/bucha/spaces/1?sort=newest&cursor=x",
            "/bucha/",
            "/bucha",
        ] {
            assert_eq!(ReturnPath::parse("bucha", good).unwrap().as_str(), good);
        }
        for bad in [
            "",
            "https://evil.org/bucha/",
            "//evil.org/bucha/",
            "/bucha//evil.org",
            "/\\evil.org",
            "/bucha/\\\\evil.org",
            "/irpin/ideas/3",
            "/buchaX/ideas/3",
            "bucha/ideas/3",
            "/bucha/../irpin/",
            "/bucha/%2e%2e/irpin/ideas/1",
            "/bucha/%2E./irpin/",
            "/bucha/./login",
            "/bucha/ideas/3\r\nSet-Cookie: x",
            "/bucha/login",
            "/bucha/logout",
            "/bucha/register",
            "/bucha/password/reset?token=x",
        ] {
            assert!(ReturnPath::parse("bucha", bad).is_none(), "{bad:?}");
        }
        assert!(ReturnPath::parse("bucha", &format!("/bucha/{}", "a".repeat(1000))).is_none());
    }
}
