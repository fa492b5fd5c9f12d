//! Each use case is one transaction: when a later step of it fails (here a
//! trigger refuses the notifications or the audit entry), nothing of the
//! earlier steps is left behind. On SQLite and on PostgreSQL.

mod common;

use common::world::*;
use common::*;
use reqwest::StatusCode;
use serde_json::json;

both_backends!(
    a_proposal_whose_notifications_fail_leaves_nothing,
    an_answer_whose_audit_entry_fails_leaves_nothing,
    a_space_whose_status_move_fails_keeps_its_old_settings,
);

/// Makes every insert into `table` fail, in the way each database allows.
async fn refuse_inserts(app: &TestApp, table: &str) {
    let db = &app.db;
    let statements = match db.backend() {
        civic_testkit::Backend::Sqlite => vec![format!(
            "CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
        )],
        civic_testkit::Backend::Postgres => vec![
            "CREATE FUNCTION refuse_insert() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql".to_string(),
            format!("CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_insert()"),
        ],
    };
    for sql in statements {
        civic_testkit::testing::execute(db, &sql).await.unwrap();
    }
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    civic_testkit::testing::query_i64(&app.db, sql).await
}

async fn a_proposal_whose_notifications_fail_leaves_nothing(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    // A follower of the space, so that proposing notifies someone.
    person(&app, "bucha", "follower@example.org", "citizen").await;
    let (follower, csrf) = session(&app, "bucha", "follower@example.org").await;
    let followed = follower
        .put(app.url(&format!("/api/v1/bucha/spaces/{s}/follow")))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert!(followed.status().is_success(), "{}", followed.status());
    person(&app, "bucha", "author@example.org", "citizen").await;
    let (author, csrf) = session(&app, "bucha", "author@example.org").await;
    let propose = || {
        author
            .post(app.url(&format!("/api/v1/bucha/spaces/{s}/ideas")))
            .header("x-csrf-token", &csrf)
            .json(&json!({"title": "Лавки біля ставка", "body": "Поставити три лавки."}))
            .send()
    };
    let (ideas, follows) = (
        count(&app, "SELECT COUNT(*) FROM ideas").await,
        count(&app, "SELECT COUNT(*) FROM follows").await,
    );

    refuse_inserts(&app, "notifications").await;
    let refused = propose().await.unwrap();
    assert!(refused.status().is_server_error(), "{}", refused.status());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM ideas").await,
        ideas,
        "the idea was rolled back"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM follows").await,
        follows,
        "the author's follow was rolled back"
    );

    // The same proposal goes through once notifications can be stored.
    let drop = match app.db.backend() {
        civic_testkit::Backend::Sqlite => "DROP TRIGGER refuse_notifications",
        civic_testkit::Backend::Postgres => "DROP TRIGGER refuse_notifications ON notifications",
    };
    civic_testkit::testing::execute(&app.db, drop).await.unwrap();
    assert_eq!(propose().await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ideas").await, ideas + 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM notifications").await, 1);
}

async fn an_answer_whose_audit_entry_fails_leaves_nothing(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    let i = idea(&app.db, t, s, "Лавки біля ставка").await;
    person(&app, "bucha", "clerk@example.org", "official").await;
    let (clerk, csrf) = session(&app, "bucha", "clerk@example.org").await;
    refuse_inserts(&app, "audit_log").await;
    let refused = clerk
        .post(app.url(&format!("/api/v1/bucha/ideas/{i}/answers")))
        .header("x-csrf-token", &csrf)
        .json(&json!({"status": "accepted", "text": "Зробимо навесні."}))
        .send()
        .await
        .unwrap();
    assert!(refused.status().is_server_error(), "{}", refused.status());
    let idea: serde_json::Value = app.get(&format!("/api/v1/bucha/ideas/{i}")).await.json().await.unwrap();
    assert_eq!(idea["status"], "published", "the status change was rolled back");
    assert_eq!(
        idea["answers"].as_array().unwrap().len(),
        0,
        "the answer was rolled back"
    );
}

/// Settings and a status move sent together are one change: when the
/// status move's audit entry is refused, the settings saved just before it
/// in the same request are rolled back too.
async fn a_space_whose_status_move_fails_keeps_its_old_settings(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    person(&app, "bucha", "admin@example.org", "admin").await;
    let (admin, csrf) = session(&app, "bucha", "admin@example.org").await;
    let statements = match app.db.backend() {
        civic_testkit::Backend::Sqlite => vec![
            "CREATE TRIGGER refuse_status BEFORE INSERT ON audit_log WHEN NEW.action = 'space_status' \
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
                .to_string(),
        ],
        civic_testkit::Backend::Postgres => vec![
            "CREATE FUNCTION refuse_status() RETURNS trigger AS $$ BEGIN \
             IF NEW.action = 'space_status' THEN RAISE EXCEPTION 'refused by the test'; END IF; \
             RETURN NEW; END $$ LANGUAGE plpgsql"
                .to_string(),
            "CREATE TRIGGER refuse_status BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_status()"
                .to_string(),
        ],
    };
    for sql in statements {
        civic_testkit::testing::execute(&app.db, &sql).await.unwrap();
    }
    let updates = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'space_updated'").await;
    let refused = admin
        .put(app.url(&format!("/api/v1/bucha/spaces/{s}")))
        .header("x-csrf-token", &csrf)
        .json(&json!({"title": "Нова назва", "status": "closed"}))
        .send()
        .await
        .unwrap();
    assert!(refused.status().is_server_error(), "{}", refused.status());
    let listed: serde_json::Value = app.get("/api/v1/bucha/spaces").await.json().await.unwrap();
    let kept = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == s.0)
        .expect("the space is still listed");
    assert_eq!(
        (kept["title"].as_str(), kept["status"].as_str()),
        (Some("Парк"), Some("published")),
        "neither the title nor the status changed"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'space_updated'").await,
        updates,
        "the settings' audit entry was rolled back with them"
    );
}
