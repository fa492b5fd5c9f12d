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
            "<IFRAME SRC=\"https://evil.example\"></IFRAME>",
            "<javascript:alert(1)>",
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "[x]( javascript:alert(1) )",
            "[x](jav&#x09;ascript:alert(1))",
            "![x](x \"t\" onerror=alert(1))",
            "<p onclick=alert(1) style=\"background:url(javascript:alert(1))\">x</p>",
            "<scr<script>ipt>alert(1)</script>",
            "<object data=\"javascript:alert(1)\"></object><embed src=x>",
        ] {
            let html = to_safe_html(hostile).to_lowercase();
            // Text is escaped, so every `<` left opens a real tag: the tags
            // must carry no script, frame, handler, style or script URL.
            // (`javascript:` or `onerror=` as visible text is harmless.)
            let tags: Vec<String> = html
                .split('<')
                .skip(1)
                .map(|t| t.split('>').next().unwrap_or_default().replace(['\t', '\n', ' '], ""))
                .collect();
            assert!(
                tags.iter().all(|t| {
                    !["script", "iframe", "object", "embed", "svg", "/script"]
                        .iter()
                        .any(|name| t.starts_with(name))
                        && !t.contains("javascript:")
                        && !t.contains("onerror")
                        && !t.contains("onload")
                        && !t.contains("onclick")
                        && !t.contains("style=")
                }),
                "{hostile} -> {html}"
            );
        }
    }
}
