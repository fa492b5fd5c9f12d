//! The accessibility statement on both backends (issue 22): until the town
//! publishes its own, every visitor reads the platform's, with the town
//! named, linked from every footer; an administrator publishes a new
//! version (kept, audited) that residents read at once; an empty or
//! over-long text is 422 with what was typed kept and nothing stored; a
//! citizen or an official is refused; another town's statement is its own.

mod common;

use civic_testkit::testing::query_i64;
use common::world::{person, session};
use common::*;
use reqwest::StatusCode;

both_backends!(
    every_visitor_reads_the_platform_statement_until_the_town_publishes,
    an_administrator_publishes_versions_residents_read_at_once,
    bad_text_and_other_roles_are_refused_and_nothing_is_stored,
);

const ADMIN: &str = "/bucha/admin/accessibility";

async fn versions(app: &TestApp) -> i64 {
    query_i64(&app.db, "SELECT COUNT(*) FROM tenant_documents").await
}

async fn every_visitor_reads_the_platform_statement_until_the_town_publishes(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    let page = app.get("/bucha/accessibility").await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("<h1>Заява про доступність</h1>"), "{page}");
    assert!(page.contains("Громада bucha"), "the town is named: {page}");
    assert!(page.contains("WCAG) 2.2 на рівні AA"), "{page}");
    assert!(page.contains("<h2>Що ще не доступне</h2>"), "Markdown headings: {page}");
    assert!(page.contains("громада її ще не переглянула"), "{page}");
    // Every page's footer leads to it.
    let home = app.get("/bucha/").await.text().await.unwrap();
    assert!(
        home.contains("<a href=\"/bucha/accessibility\">Доступність</a>"),
        "{home}"
    );
    assert_eq!(versions(&app).await, 0, "reading stores nothing");
}

async fn an_administrator_publishes_versions_residents_read_at_once(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    tenant(&app.db, "irpin", None).await;
    person(&app, "bucha", "admin@example.org", "admin").await;
    let admin = session(&app, "bucha", "admin@example.org").await;
    // The form starts from the platform's statement.
    let (status, form) = html(&app, &admin, ADMIN).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Ще не оприлюднено"), "{form}");
    assert!(form.contains("Громада bucha прагне"), "{form}");
    let first = "Громада Буча прагне доступності.\n\n## Контакти\n\nПишіть на a11y@bucha.example.";
    let (status, _) = post_form(&app, &admin, ADMIN, &[("body", first)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = app.get("/bucha/accessibility").await.text().await.unwrap();
    assert!(
        page.contains("<h2>Контакти</h2>") && page.contains("a11y@bucha.example"),
        "{page}"
    );
    assert!(
        page.contains("Оновлено ") && !page.contains("ще не переглянула"),
        "{page}"
    );
    let (_, form) = html(&app, &admin, &format!("{ADMIN}?done=published")).await;
    assert!(form.contains("Заяву оприлюднено"), "{form}");
    assert!(form.contains("Оприлюднена версія: 1,"), "{form}");
    assert!(
        form.contains("Пишіть на a11y@bucha.example."),
        "the form holds the published text"
    );
    let (status, _) = post_form(&app, &admin, ADMIN, &[("body", "  Друга редакція.  ")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = app.get("/bucha/accessibility").await.text().await.unwrap();
    assert!(
        page.contains("<p>Друга редакція.</p>") && !page.contains("a11y@"),
        "{page}"
    );
    let (_, form) = html(&app, &admin, ADMIN).await;
    assert!(form.contains("Оприлюднена версія: 2,"), "{form}");
    assert_eq!(versions(&app).await, 2, "each publication is kept");
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'accessibility_statement'"
        )
        .await,
        2
    );
    // Another town still reads the platform's statement, with its name.
    let other = app.get("/irpin/accessibility").await.text().await.unwrap();
    assert!(
        other.contains("Громада irpin прагне") && !other.contains("Друга редакція"),
        "{other}"
    );
}

async fn bad_text_and_other_roles_are_refused_and_nothing_is_stored(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "admin@example.org", "admin").await;
    person(&app, "bucha", "clerk@example.org", "official").await;
    person(&app, "bucha", "olena@example.org", "citizen").await;
    let admin = session(&app, "bucha", "admin@example.org").await;
    let (status, page) = post_form(&app, &admin, ADMIN, &[("body", " \n ")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Введіть текст."), "{page}");
    let long = "ї".repeat(30_001);
    let (status, page) = post_form(&app, &admin, ADMIN, &[("body", long.as_str())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Текст довший за 30 000 символів"), "{page}");
    assert!(page.contains(&long), "what was typed is kept");
    for email in ["clerk@example.org", "olena@example.org"] {
        let who = session(&app, "bucha", email).await;
        let (status, _) = post_form(&app, &who, ADMIN, &[("body", "Моя заява")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
        let (status, _) = html(&app, &who, ADMIN).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
    }
    let (status, _) = post_form(&app, &(client(), String::new()), ADMIN, &[("body", "Моя заява")]).await;
    assert!(status.is_client_error(), "a visitor: {status}");
    assert_eq!(versions(&app).await, 0);
}
