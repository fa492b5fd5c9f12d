//! Two app nodes on one PostgreSQL database, as behind a load balancer:
//! each has its own pool and caches, and nothing a person does may depend
//! on which node answers (DESIGN section 1: app nodes are stateless).

mod common;

use civic_app::mail::{Mailer, drain_once};
use civic_testkit::testing::{TestDb, query_i64};
use civic_testkit::{Db, StoreConfig};
use civic_web::WebConfig;
use common::world::*;
use common::*;
use reqwest::StatusCode;
use std::time::Duration;

async fn connect(url: &str) -> Db {
    Db::connect(&StoreConfig {
        url: url.to_string(),
        max_connections: 4,
        acquire_timeout: Duration::from_secs(10),
        read_urls: Vec::new(),
        clusters: Vec::new(),
        nodes: None,
        statement_timeout: None,
    })
    .await
    .unwrap()
}

async fn node(url: &str) -> TestApp {
    TestApp::start_on(connect(url).await, WebConfig::default()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_share_everything_through_the_database() {
    let Some(pg) = TestDb::postgres().await else { return };
    let (a, b) = (node(&pg.url).await, node(&pg.url).await);
    let w = World::build(&a, "bucha").await;

    // A support made on A is counted on B at once.
    let (citizen, csrf) = session(&a, "bucha", &w.citizen_email).await;
    let support = format!("/api/v1/bucha/ideas/{}/support", w.idea.0);
    let answer = citizen
        .put(a.url(&support))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::CREATED);
    let idea: serde_json::Value = citizen
        .get(b.url(&format!("/api/v1/bucha/ideas/{}", w.idea.0)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(idea["support_count"], 1, "{idea}");
    let again = citizen
        .put(b.url(&support))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK, "B knows the support A stored");

    // A session opened by signing in on A works on B (cookies ignore the
    // port, as they would ignore which node is behind the balancer).
    let browser = client();
    let signed_in = browser
        .post(a.url("/bucha/login"))
        .form(&[("email", w.citizen_email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let account = browser.get(b.url("/bucha/account")).send().await.unwrap();
    assert_eq!(account.status(), StatusCode::OK, "B accepts A's session");
    let logout_page = account.text().await.unwrap();
    assert!(
        logout_page.contains(&w.citizen_email),
        "B shows the account A signed in"
    );

    // The sign-in limit counts attempts on both nodes together: 60 per
    // address (the sign-in on A above was the first), the rest alternating
    // between the nodes, then both refuse. Each attempt names another
    // account, so the per-account delay does not answer first.
    let attacker = client();
    for i in 0..59 {
        let node = if i % 2 == 0 { &a } else { &b };
        let status = attacker
            .post(node.url("/bucha/login"))
            .form(&[
                ("email", format!("guess{i}@example.org").as_str()),
                ("password", "wrong guess"),
            ])
            .send()
            .await
            .unwrap()
            .status();
        assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "attempt {i} is within the limit");
    }
    for node in [&a, &b] {
        let refused = attacker
            .post(node.url("/bucha/login"))
            .form(&[("email", w.citizen_email.as_str()), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(refused.headers().contains_key("retry-after"));
    }

    // Both nodes drain the outbox at once, four workers each: every
    // message is delivered exactly once.
    for i in 0..40 {
        civic_testkit::mail::enqueue(
            &a.db,
            &civic_testkit::mail::NewMessage {
                tenant_slug: "bucha",
                recipient: &format!("person{i}@example.org"),
                subject: "Тема",
                body_text: "Текст",
                body_html: "<p>Текст</p>",
            },
        )
        .await
        .unwrap();
    }
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let from: lettre::message::Mailbox = "Civic Space <noreply@example.org>".parse().unwrap();
    let mut workers = Vec::new();
    for (db, dir) in [(&a.db, &dirs[0]), (&b.db, &dirs[1])] {
        for _ in 0..4 {
            let (db, mailer, from) = (db.clone(), Mailer::Files(dir.path().to_path_buf()), from.clone());
            workers.push(tokio::spawn(async move {
                let mut delivered = 0;
                loop {
                    let n = drain_once(&civic_app::Platform::new(db.clone()), &mailer, &from).await;
                    if n == 0 {
                        return delivered;
                    }
                    delivered += n;
                }
            }));
        }
    }
    let mut delivered = 0;
    for worker in workers {
        delivered += worker.await.unwrap();
    }
    let files: Vec<String> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(d.path()).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut distinct = files.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(delivered, 40, "each message claimed once");
    assert_eq!(
        (files.len(), distinct.len()),
        (40, 40),
        "each message written once: {files:?}"
    );
    let unsent = query_i64(&a.db, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").await;
    assert_eq!(unsent, 0);
    drop(pg);
}

/// A node whose kept copies would last ten minutes: only a signal can make
/// it show a write made elsewhere within the test.
async fn slow_node(url: &str, signals: bool) -> TestApp {
    let db = connect(url).await;
    let config = WebConfig {
        copies_fresh_for: Duration::from_secs(600),
        ..WebConfig::default()
    };
    if signals {
        TestApp::start_node(db, config).await
    } else {
        TestApp::start_on(db, config).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_on_one_node_drops_what_the_others_keep_at_once() {
    let Some(pg) = TestDb::postgres().await else { return };
    let (a, b) = (slow_node(&pg.url, true).await, slow_node(&pg.url, true).await);
    // The control: a node that does not listen keeps its copy.
    let deaf = slow_node(&pg.url, false).await;
    let w = World::build(&a, "bucha").await;
    let page = format!("/bucha/spaces/{}", w.space.0);
    let visitor = client();
    for node in [&b, &deaf] {
        let before = visitor.get(node.url(&page)).send().await.unwrap().text().await.unwrap();
        assert!(!before.contains("Лавки біля ставка"), "not written yet");
    }

    let (citizen, csrf) = session(&a, "bucha", &w.citizen_email).await;
    let made = citizen
        .post(a.url(&format!("/api/v1/bucha/spaces/{}/ideas", w.space.0)))
        .header("x-csrf-token", &csrf)
        .json(&serde_json::json!({
            "title": "Лавки біля ставка",
            "body": "Поставити п'ять лавок уздовж доріжки біля ставка в парку."
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), StatusCode::CREATED, "{}", made.text().await.unwrap());

    // B heard of it: its next copy is read anew (within a few seconds at
    // most; the copy itself would last ten minutes).
    let mut shown = false;
    for _ in 0..100 {
        let now = visitor.get(b.url(&page)).send().await.unwrap().text().await.unwrap();
        if now.contains("Лавки біля ставка") {
            shown = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(shown, "B shows the idea written on A");
    let stale = visitor.get(deaf.url(&page)).send().await.unwrap().text().await.unwrap();
    assert!(
        !stale.contains("Лавки біля ставка"),
        "a node without signals still serves its kept copy"
    );
}
