//! User Markdown to safe HTML: pulldown-cmark renders, ammonia removes
//! anything that could run script or break the page (raw HTML, `javascript:`
//! links, event handlers, iframes).

use pulldown_cmark::{Options, Parser, html};
use quick_cache::Weighter;
use quick_cache::sync::Cache;
use std::sync::{Arc, LazyLock};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("nofollow noopener noreferrer ugc"));
    b
});

/// Rendered texts by their Markdown source, up to this many bytes of
/// source and HTML. Sanitising is the costly step (an idea page with 500
/// comments spent most of its 15 ms there), texts are read far more often
/// than written, and the same source always renders the same, so the cache
/// never needs invalidating and is right on any number of nodes.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Clone)]
struct Bytes;

impl Weighter<String, Arc<str>> for Bytes {
    fn weight(&self, source: &String, html: &Arc<str>) -> u64 {
        (source.len() + html.len()) as u64
    }
}

static RENDERED: LazyLock<Cache<String, Arc<str>, Bytes>> =
    LazyLock::new(|| Cache::with_weighter(20_000, CACHE_BYTES, Bytes));

/// The words of a Markdown text and nothing else: no marks, no link
/// addresses, no HTML (for a page's description).
pub fn to_plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut out = String::new();
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                out.push(' ')
            }
            _ => {}
        }
    }
    out
}

/// Safe HTML for a text: from the cache, or rendered and kept.
pub fn to_safe_html(markdown: &str) -> String {
    if let Some(html) = RENDERED.get(markdown) {
        return html.to_string();
    }
    let html = render(markdown);
    RENDERED.insert(markdown.to_string(), Arc::from(html.as_str()));
    html
}

fn render(markdown: &str) -> String {
    render_events(Parser::new_ext(markdown, options()))
}

fn options() -> Options {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    options
}

fn render_events<'a>(events: impl Iterator<Item = pulldown_cmark::Event<'a>>) -> String {
    let mut raw = String::new();
    html::push_html(&mut raw, events);
    CLEANER.clean(&raw).to_string()
}

/// Safe HTML for a text shown under a page's own `<h2>`: its headings go
/// one level down (`##` becomes `<h3>`), so the page's outline holds.
/// Not cached: the pages that use it are rare.
pub fn to_safe_html_under_heading(markdown: &str) -> String {
    use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
    fn down(level: HeadingLevel) -> HeadingLevel {
        match level {
            HeadingLevel::H1 => HeadingLevel::H2,
            HeadingLevel::H2 => HeadingLevel::H3,
            HeadingLevel::H3 => HeadingLevel::H4,
            HeadingLevel::H4 => HeadingLevel::H5,
            HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
        }
    }
    render_events(Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: down(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(down(level))),
        other => other,
    }))
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn a_text_under_a_heading_starts_one_level_down() {
        let html = super::to_safe_html_under_heading("## Правила\n\nТекст\n\n###### Дрібно");
        assert!(html.contains("<h3>Правила</h3>"), "{html}");
        assert!(html.contains("<h6>Дрібно</h6>"), "{html}");
        assert!(html.contains("<p>Текст</p>"), "{html}");
    }

    #[test]
    fn a_cached_rendering_is_the_rendering() {
        let text = "Лавки **біля** ставка <script>x()</script>";
        let first = to_safe_html(text);
        assert_eq!(first, super::render(text));
        assert_eq!(to_safe_html(text), first);
        assert!(!first.contains("<script"));
    }

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
