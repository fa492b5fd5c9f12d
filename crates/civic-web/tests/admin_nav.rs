//! The admin navigation on both backends: every admin and queue page shows
//! it once, with exactly one link marked as the current page (the page's
//! own) and that link's group marked; an official sees the queues but not
//! the administrators' groups; a resident's pages have no admin navigation.

mod common;

use common::world::{open_session, person, session};
use common::*;
use reqwest::StatusCode;

both_backends!(every_admin_page_has_the_navigation, an_official_sees_only_their_groups);

/// Every page that includes `_admin_nav.html`, with the link marked current
/// there (a page under a tab marks that tab).
const PAGES: &[(&str, &str)] = &[
    ("/bucha/admin", "/bucha/admin"),
    ("/bucha/admin/settings", "/bucha/admin/settings"),
    ("/bucha/admin/spaces", "/bucha/admin/spaces"),
    ("/bucha/admin/spaces/new", "/bucha/admin/spaces"),
    ("/bucha/admin/statistics", "/bucha/admin/statistics"),
    ("/bucha/admin/people", "/bucha/admin/people"),
    ("/bucha/admin/audit", "/bucha/admin/audit"),
    ("/bucha/admin/petitions", "/bucha/admin/petitions"),
    ("/bucha/admin/open-data", "/bucha/admin/open-data"),
    ("/bucha/admin/moderation", "/bucha/admin/moderation"),
    ("/bucha/admin/reports", "/bucha/admin/reports"),
    ("/bucha/review", "/bucha/review"),
    ("/bucha/moderation", "/bucha/moderation"),
    ("/bucha/moderation/flags", "/bucha/moderation/flags"),
    ("/bucha/petitions/queue", "/bucha/petitions/queue"),
    ("/bucha/reports/queue", "/bucha/reports/queue"),
    ("/bucha/_styleguide", "/bucha/_styleguide"),
];

/// The admin navigation of a page (one, or the test fails).
fn nav(html: &str, path: &str) -> String {
    let starts: Vec<_> = html.match_indices("class=\"admin-nav\"").collect();
    assert_eq!(starts.len(), 1, "{path}: one admin navigation\n{html}");
    let from = starts[0].0;
    let to = from + html[from..].find("</nav>").unwrap();
    html[from..to].to_string()
}

async fn every_admin_page_has_the_navigation(app: TestApp) {
    let _town = town(&app, "Парк").await;
    person(&app, "bucha", "mayor@example.org", "admin").await;
    let mayor = session(&app, "bucha", "mayor@example.org").await;
    for (path, current) in PAGES {
        let r = mayor.0.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        let html = r.text().await.unwrap();
        let nav = nav(&html, path);
        // One row of groups: Overview, then four menus.
        assert_eq!(
            nav.matches("<details class=\"admin-nav-group\"").count(),
            4,
            "{path}\n{nav}"
        );
        for group in ["Участь", "Черги", "Люди й записи", "Налаштування"] {
            assert!(
                nav.contains(&format!("<summary>{group}</summary>")),
                "{path}: {group}\n{nav}"
            );
        }
        assert_eq!(nav.matches("aria-current=\"page\"").count(), 1, "{path}\n{nav}");
        assert!(
            nav.contains(&format!("<a href=\"{current}\" aria-current=\"page\">")),
            "{path}: {current} marked\n{nav}"
        );
        // Every page of every group is reachable from here.
        for (_, tab) in PAGES {
            assert!(nav.contains(&format!("<a href=\"{tab}\"")), "{path}: link to {tab}");
        }
    }
    // In English too.
    let opened = open_session(&app, "bucha", "mayor@example.org").await;
    let r = reqwest::Client::new()
        .get(app.url("/bucha/admin/audit"))
        .header("cookie", format!("civic_session={}; civic_lang=en", opened.token))
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("<summary>People &#38; records</summary>"), "{html}");
}

async fn an_official_sees_only_their_groups(app: TestApp) {
    let town = town(&app, "Парк").await;
    let r = town.clerk.0.get(app.url("/bucha/review")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    let nav = nav(&html, "/bucha/review");
    assert!(nav.contains("<summary>Черги</summary>"), "{nav}");
    assert!(
        nav.contains("<a href=\"/bucha/review\" aria-current=\"page\">"),
        "{nav}"
    );
    // Of people and records, an official has the service centre's
    // verification only.
    assert!(nav.contains("/bucha/admin/verification"), "{nav}");
    assert!(!nav.contains("/bucha/admin/people"), "{nav}");
    assert!(!nav.contains("/bucha/admin/audit"), "{nav}");
    assert!(!nav.contains("<a href=\"/bucha/admin\""), "{nav}");
    // A resident's page has none.
    let r = town.olena.0.get(app.url("/bucha/")).send().await.unwrap();
    let html = r.text().await.unwrap();
    assert!(!html.contains("class=\"admin-nav\""));
}
