//! User Markdown to safe HTML: pulldown-cmark renders, ammonia removes
//! anything that could run script or break the page (raw HTML, `javascript:`
//! links, event handlers, iframes).

use pulldown_cmark::{Options, Parser, html};
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("nofollow noopener noreferrer ugc"));
    b
});

pub fn to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    CLEANER.clean(&raw).to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn keeps_formatting_and_removes_script() {
        assert_eq!(to_safe_html("**так**"), "<p><strong>так</strong></p>\n");
        for hostile in [
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "<img src=x onerror=alert(1)>",
            "<iframe src=//evil.example></iframe>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
        ] {
            let html = to_safe_html(hostile).to_lowercase();
            assert!(
                !html.contains("<script")
                    && !html.contains("javascript:")
                    && !html.contains("onerror")
                    && !html.contains("<iframe")
                    && !html.contains("onload"),
                "{hostile} -> {html}"
            );
        }
    }
}
