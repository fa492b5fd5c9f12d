//! Many identical writes at the same instant: 200 parallel supports of one
//! idea by one account, 200 votes on one comment, 200 registrations of one
//! e-mail address. Each leaves exactly one row, and every answer is one
//! the API documents for it (never a 5xx): the database's unique keys
//! decide, not a read-then-write in the application.

mod common;

use civic_testkit::testing::{TestDb, query_i64};
use civic_web::WebConfig;
use common::world::*;
use common::*;
use futures_util::future::join_all;
use reqwest::StatusCode;

const PARALLEL: usize = 200;

/// Sends `PARALLEL` copies of one request at once; their statuses.
async fn burst(make: impl Fn(usize) -> reqwest::RequestBuilder) -> Vec<StatusCode> {
    let requests: Vec<_> = (0..PARALLEL).map(|i| make(i).send()).collect();
    join_all(requests)
        .await
        .into_iter()
        .map(|r| r.unwrap().status())
        .collect()
}

fn count(statuses: &[StatusCode], status: StatusCode) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

async fn identical_writes_leave_one_row(app: TestApp) {
    let w = World::build(&app, "bucha").await;
    let (citizen, csrf) = session(&app, "bucha", &w.citizen_email).await;
    let t = w.tenant.0;

    let support = format!("/api/v1/bucha/ideas/{}/support", w.idea.0);
    let statuses = burst(|_| citizen.put(app.url(&support)).header("x-csrf-token", &csrf)).await;
    assert_eq!(count(&statuses, StatusCode::CREATED), 1, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::OK), PARALLEL - 1, "{statuses:?}");
    let rows = query_i64(&app.db, &format!("SELECT COUNT(*) FROM supports WHERE tenant_id = {t}")).await;
    let counted = query_i64(
        &app.db,
        &format!(
            "SELECT support_count FROM ideas WHERE tenant_id = {t} AND id = {}",
            w.idea.0
        ),
    )
    .await;
    assert_eq!((rows, counted), (1, 1), "one support row, and the idea counts one");

    let vote = format!("/api/v1/bucha/comments/{}/vote", w.comment.0);
    let statuses = burst(|_| {
        citizen
            .put(app.url(&vote))
            .header("x-csrf-token", &csrf)
            .json(&serde_json::json!({"value": 1}))
    })
    .await;
    assert_eq!(count(&statuses, StatusCode::OK), PARALLEL, "{statuses:?}");
    let rows = query_i64(
        &app.db,
        &format!("SELECT COUNT(*) FROM comment_votes WHERE tenant_id = {t}"),
    )
    .await;
    assert_eq!(rows, 1, "one vote row");
    let score: serde_json::Value = citizen
        .put(app.url(&vote))
        .header("x-csrf-token", &csrf)
        .json(&serde_json::json!({"value": 1}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(score["score"], 1, "the score counts the vote once");

    // Each registration comes from its own address (behind a trusted proxy)
    // so the per-address limit lets every one reach the database.
    let users_before = query_i64(&app.db, &format!("SELECT COUNT(*) FROM users WHERE tenant_id = {t}")).await;
    let anonymous = client();
    let statuses = burst(|i| {
        anonymous
            .post(app.url("/api/v1/bucha/users"))
            .header("x-forwarded-for", format!("10.1.{}.{}", i / 250, i % 250 + 1))
            .json(&serde_json::json!({
                "email": "same@example.org",
                "password": PASSWORD,
                "display_name": "Двійник",
            }))
    })
    .await;
    // Every answer is the same (a taken address is not revealed); one
    // account exists, with one confirmation mail, and the owner gets at most
    // three "you already have an account" notes an hour, not a flood.
    assert_eq!(count(&statuses, StatusCode::CREATED), PARALLEL, "{statuses:?}");
    let users = query_i64(&app.db, &format!("SELECT COUNT(*) FROM users WHERE tenant_id = {t}")).await;
    assert_eq!(users, users_before + 1, "one account");
    let mail_count = |subject: &'static str| {
        let db = app.db.clone();
        async move {
            query_i64(
                &db,
                &format!(
                    "SELECT COUNT(*) FROM outbox WHERE tenant_slug = 'bucha' AND recipient = 'same@example.org' \
                     AND subject LIKE '%{subject}%'"
                ),
            )
            .await
        }
    };
    assert_eq!(mail_count("Підтвердьте").await, 1, "one confirmation mail");
    assert_eq!(
        mail_count("уже є обліковий запис").await,
        3,
        "three notes to the owner, then none"
    );
}

fn behind_proxy() -> WebConfig {
    WebConfig {
        trust_proxy: true,
        ..WebConfig::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_identical_writes_leave_one_row() {
    let db = TestDb::sqlite().await;
    identical_writes_leave_one_row(TestApp::start_with(db, behind_proxy()).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_identical_writes_leave_one_row() {
    let Some(db) = TestDb::postgres().await else { return };
    identical_writes_leave_one_row(TestApp::start_with(db, behind_proxy()).await).await;
}
