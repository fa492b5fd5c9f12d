//! SQLite that cannot write: the database file opened read-only (a full
//! or read-only volume, a backup restore in progress) and a disk that is
//! full. Writes answer a clear 503 (the localised page, or the JSON
//! envelope), nothing half-written stays behind, and reads keep working,
//! signed-in ones included (their idle clock is not worth a 503).
//!
//! The full disk is SQLite's own `PRAGMA max_page_count` on the single
//! writer connection: the same SQLITE_FULL a full volume gives, without
//! root, a tmpfs or timing.

mod common;

use civic_testkit::testing::{TestDb, execute, query_i64};
use civic_testkit::{Db, StoreConfig};
use civic_web::WebConfig;
use common::world::*;
use common::*;
use reqwest::StatusCode;

/// Writes that need room (a long comment, through the API and a form)
/// fail with 503; reads answer 200.
async fn writes_fail_reads_work(app: &TestApp, w: &World, citizen: &(reqwest::Client, String)) {
    let (c, csrf) = citizen;
    let idea_page = format!("/bucha/ideas/{}", w.idea.0);
    for path in [
        idea_page.as_str(),
        "/bucha/",
        &format!("/api/v1/bucha/ideas/{}", w.idea.0),
    ] {
        let anonymous = app.get(path).await.status();
        let signed_in = c.get(app.url(path)).send().await.unwrap().status();
        assert_eq!((anonymous, signed_in), (StatusCode::OK, StatusCode::OK), "GET {path}");
    }

    let long = "Довгий коментар, що потребує нових сторінок у файлі бази. ".repeat(80);
    let api = c
        .post(app.url(&format!("/api/v1/bucha/ideas/{}/comments", w.idea.0)))
        .header("x-csrf-token", csrf)
        .json(&serde_json::json!({"body": long}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::SERVICE_UNAVAILABLE);
    let json: serde_json::Value = api.json().await.unwrap();
    assert_eq!(json["error"]["code"], "service_unavailable", "{json}");

    let form = c
        .post(app.url(&format!("/bucha/ideas/{}/comments", w.idea.0)))
        .form(&[("csrf", csrf.as_str()), ("body", long.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::SERVICE_UNAVAILABLE);
    let page = form.text().await.unwrap();
    assert!(page.contains("<h1>Сервіс тимчасово недоступний</h1>"), "{page}");
    assert!(page.contains("lang=\"uk\""), "the page is in the tenant's language");
}

/// Nothing of the refused writes is stored, and the counters agree.
async fn nothing_half_written(db: &Db, w: &World) {
    let t = w.tenant.0;
    let comments = query_i64(db, &format!("SELECT COUNT(*) FROM comments WHERE tenant_id = {t}")).await;
    let supports = query_i64(db, &format!("SELECT COUNT(*) FROM supports WHERE tenant_id = {t}")).await;
    assert_eq!((comments, supports), (1, 0), "only the world's own comment");
    let counted = query_i64(
        db,
        &format!(
            "SELECT comment_count + support_count FROM ideas WHERE tenant_id = {t} AND id = {}",
            w.idea.0
        ),
    )
    .await;
    assert_eq!(counted, 1, "the idea's counters match its rows");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_database_refuses_writes_with_503_and_keeps_reading() {
    let test_db = TestDb::sqlite().await;
    let writable = TestApp::start(test_db).await;
    let w = World::build(&writable, "bucha").await;
    let opened = open_session(&writable, "bucha", &w.citizen_email).await;
    // Idle for two minutes: the next signed-in read would refresh the clock.
    execute(&writable.db, "UPDATE sessions SET last_seen_at = last_seen_at - 120000")
        .await
        .unwrap();
    let path = writable.db.sqlite_path().unwrap().to_path_buf();
    let read_only = Db::connect(&StoreConfig {
        url: format!("sqlite://{}?mode=ro", path.display()),
        max_connections: 4,
        acquire_timeout: std::time::Duration::from_secs(5),
        read_urls: Vec::new(),
        clusters: Vec::new(),
        nodes: None,
        statement_timeout: None,
    })
    .await
    .unwrap();
    let app = TestApp::start_on(read_only, WebConfig::default()).await;
    let citizen = cookie_client(&opened);
    writes_fail_reads_work(&app, &w, &citizen).await;
    // Even a write that needs no new page (a full disk may take it).
    let support = citizen
        .0
        .put(app.url(&format!("/api/v1/bucha/ideas/{}/support", w.idea.0)))
        .header("x-csrf-token", &citizen.1)
        .send()
        .await
        .unwrap();
    assert_eq!(support.status(), StatusCode::SERVICE_UNAVAILABLE);
    nothing_half_written(&writable.db, &w).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_writes_with_503_and_keeps_reading() {
    let app = TestApp::start(TestDb::sqlite().await).await;
    let w = World::build(&app, "bucha").await;
    let citizen = session(&app, "bucha", &w.citizen_email).await;
    // The writer is one connection: the limit holds for every write. VACUUM
    // first, so no free page is left for a write to reuse.
    execute(&app.db, "VACUUM").await.unwrap();
    let pages = query_i64(&app.db, "SELECT page_count FROM pragma_page_count()").await;
    execute(&app.db, &format!("PRAGMA max_page_count = {pages}"))
        .await
        .unwrap();
    writes_fail_reads_work(&app, &w, &citizen).await;
    nothing_half_written(&app.db, &w).await;
}
