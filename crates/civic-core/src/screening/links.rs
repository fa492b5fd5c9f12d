//! Links in a text: written out (http://, www.) or bare domains (bit.ly/x).

/// Top-level domains a bare "word.tld" is taken for a link with. Kept to
/// the ones spam uses and a resident might write, so "т.д." or "Node.js"
/// are words.
const TLDS: [&str; 52] = [
    "com", "net", "org", "info", "biz", "io", "co", "me", "ly", "gl", "ua", "ru", "su", "by", "kz", "pl", "de", "uk",
    "eu", "us", "xyz", "top", "site", "online", "shop", "club", "pro", "app", "dev", "tk", "ml", "ga", "cf", "gq",
    "link", "click", "live", "store", "tech", "website", "space", "fun", "icu", "buzz", "cc", "tv", "to", "gg", "vip",
    "win", "bet", "loan",
];

/// A link found in a text: its host (lower case) and byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Link {
    pub host: String,
    pub start: usize,
    pub end: usize,
}

/// The links of `text`, in order. E-mail addresses are not links.
pub(super) fn links(text: &str) -> Vec<Link> {
    let mut out = Vec::new();
    let mut offset = 0;
    for piece in text.split_inclusive(char::is_whitespace) {
        let start = offset;
        offset += piece.len();
        let trimmed = piece.trim_end();
        // Brackets and punctuation around a link are not part of it.
        let word = trimmed.trim_start_matches(['(', '[', '«', '"', '<', '\'']);
        let start = start + (trimmed.len() - word.len());
        let word = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '»', '"', '>', '\'']);
        if word.contains('@') {
            continue;
        }
        if !word.contains('.') {
            continue; // every link has a dot
        }
        let lower = word.to_ascii_lowercase();
        let rest = ["https://", "http://"]
            .iter()
            .find_map(|scheme| lower.strip_prefix(scheme))
            .map(|r| (r, true))
            .unwrap_or((lower.as_str(), false));
        let (rest, explicit) = rest;
        let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
        let host = host.strip_prefix("www.").map_or(host, |h| h).to_string();
        let labels: Vec<&str> = host.split('.').collect();
        let well_formed = labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
        let known_tld = labels.last().is_some_and(|tld| TLDS.contains(tld));
        let www = lower.starts_with("www.");
        if well_formed && (explicit || www || known_tld) {
            out.push(Link {
                host,
                start,
                end: start + word.len(),
            });
        }
    }
    out
}

/// Whether `host` is `domain` or under it.
pub(super) fn is_under(host: &str, domain: &str) -> bool {
    let domain = domain.trim().trim_start_matches('.').to_ascii_lowercase();
    !domain.is_empty() && (host == domain || host.strip_suffix(domain.as_str()).is_some_and(|p| p.ends_with('.')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(text: &str) -> Vec<String> {
        links(text).into_iter().map(|l| l.host).collect()
    }

    #[test]
    fn written_out_and_bare_links() {
        assert_eq!(
            hosts("See https://Prozorro.gov.ua/tender/UA-1, (www.example.org) and bit.ly/x1!"),
            ["prozorro.gov.ua", "example.org", "bit.ly"]
        );
        assert_eq!(
            hosts("пишіть t.me/kredit_ua або casino-win.xyz."),
            ["t.me", "casino-win.xyz"]
        );
    }

    #[test]
    fn words_with_dots_are_not_links() {
        assert!(hosts("і т.д., м.Київ, вул.Шевченка, Node.js, e.g. 1.5 km, ivan@ukr.net, кінець.Початок").is_empty());
    }

    #[test]
    fn trusted_domains_cover_their_subdomains() {
        assert!(is_under("rada.city.gov.ua", "city.gov.ua"));
        assert!(is_under("city.gov.ua", ".City.gov.ua"));
        assert!(!is_under("evilcity.gov.ua", "city.gov.ua"));
        assert!(!is_under("city.gov.ua", ""));
    }
}
