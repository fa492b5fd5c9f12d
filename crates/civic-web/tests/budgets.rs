//! Deterministic budgets: bytes per page type as served (compressed), and
//! caching of pages and assets.

mod common;

use common::*;
use reqwest::StatusCode;

const PAGE_BUDGET: usize = 50 * 1024;
const JS_BUDGET: usize = 10 * 1024;

async fn compressed_size(app: &TestApp, path: &str) -> (StatusCode, usize, String) {
    let r = app
        .client
        .get(app.url(path))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    let status = r.status();
    let encoding = r
        .headers()
        .get("content-encoding")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = r.bytes().await.unwrap();
    (status, bytes.len(), encoding)
}

fn linked(html: &str, marker: &str) -> String {
    html.split(marker)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_type_fits_the_weight_budget() {
    let db = civic_testkit::testing::TestDb::sqlite().await;
    civic_seed::demo::seed_once(&civic_app::Platform::new(db.db.clone()))
        .await
        .unwrap();
    let app = TestApp::start(db).await;
    tenant(&app.db, "bucha", None).await;

    let plain = app.get("/demo/").await.text().await.unwrap();
    let css = linked(&plain, "rel=\"stylesheet\" href=\"");
    let js = linked(&plain, "<script src=\"");
    let (_, css_bytes, css_encoding) = compressed_size(&app, &css).await;
    let (_, js_bytes, _) = compressed_size(&app, &js).await;
    assert_eq!(css_encoding, "gzip", "assets are served compressed");
    assert!(js_bytes <= JS_BUDGET, "JS is {js_bytes} bytes");

    for path in [
        "/",
        "/demo/",
        "/demo/spaces/1",
        "/demo/spaces/2",
        "/demo/ideas/1",
        "/demo/ideas/999999",
        "/demo/budgets/1",
        "/demo/budgets/2/results",
        "/demo/consultations/1",
        "/demo/sections/5",
        "/demo/consultations/2/report",
        "/demo/debates/1",
        "/demo/debates/2",
        "/demo/petitions",
        "/demo/petitions/1",
        "/demo/petitions/3",
        // Problem reports (issue 20).
        "/demo/reports",
        "/demo/reports/1",
        // Open data (issue 24).
        "/demo/open-data",
    ] {
        let (status, html_bytes, encoding) = compressed_size(&app, path).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::NOT_FOUND,
            "{path}: {status}"
        );
        assert_eq!(encoding, "gzip", "{path}");
        let total = html_bytes + css_bytes + js_bytes;
        assert!(
            total <= PAGE_BUDGET,
            "{path}: {total} bytes compressed (html {html_bytes}, css {css_bytes}, js {js_bytes})"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_etags_and_answer_304() {
    let db = civic_testkit::testing::TestDb::sqlite().await;
    let app = TestApp::start(db).await;
    let t = tenant(&app.db, "bucha", None).await;
    let first = app.get("/bucha/").await;
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let tag = first.headers()["etag"].to_str().unwrap().to_string();
    assert!(tag.starts_with("W/\""));
    let again = app
        .client
        .get(app.url("/bucha/"))
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(again.bytes().await.unwrap().is_empty());
    // New content, new tag.
    space(&app.db, t.tenant_id(), "Новий простір").await;
    let changed = app
        .client
        .get(app.url("/bucha/"))
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), tag);
    // Error pages are never 304.
    let missing = app
        .client
        .get(app.url("/bucha/ideas/9"))
        .header("if-none-match", "*")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}
