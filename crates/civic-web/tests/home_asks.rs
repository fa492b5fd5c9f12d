//! The home page's "the town asks you now" on both backends: an open poll
//! and a petition collecting signatures are listed with their deadlines
//! ("until …", "N days left"), soonest first; a draft poll, a poll in a
//! draft space and a closed poll are not; with nothing open the section
//! says so; the page runs the same number of queries whatever it lists.

mod common;

use civic_core::{SpaceId, Timestamp, UserId};
use civic_testkit::polls::{NewPoll, Polls};
use civic_testkit::testing::{execute, query_i64};
use common::*;
use reqwest::StatusCode;

both_backends!(the_home_lists_what_is_open_soonest_first);

const DAY_MS: i64 = 86_400_000;

async fn poll(app: &TestApp, t: civic_core::TenantId, space: i64, title: &str, status: &str, closes_at: i64) -> i64 {
    Polls::of(&app.db, t)
        .create(&NewPoll {
            space: SpaceId(space),
            title,
            intro: "Вступ",
            opens_at: None,
            closes_at: Some(closes_at),
            results_visibility: "after_close",
            allow_changes: false,
            questions_json: "[]",
            status,
            eligibility: "signed_in",
            districts: "",
            anonymous: true,
        })
        .await
        .unwrap()
}

async fn home(app: &TestApp) -> (u64, String) {
    let before = app.db.query_count();
    let r = app.get("/bucha/").await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    (app.db.query_count() - before, html)
}

async fn the_home_lists_what_is_open_soonest_first(app: TestApp) {
    let town = town(&app, "Парк").await;
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    // Nothing open: the section says so, with somewhere to go (the second
    // visit counted: the first fills the caches).
    home(&app).await;
    let (empty_queries, html) = home(&app).await;
    assert!(html.contains("Зараз немає відкритих опитувань"), "{html}");
    assert!(html.contains("class=\"empty\""), "{html}");

    let now = Timestamp::now().0;
    let open = poll(
        &app,
        t,
        town.space,
        "Куди поставити лавки",
        "published",
        now + 3 * DAY_MS - 60_000,
    )
    .await;
    poll(&app, t, town.space, "Чернетка опитування", "draft", now + DAY_MS).await;
    poll(&app, t, town.space, "Закрите опитування", "published", now - DAY_MS).await;
    let draft_space = space(&app.db, t, "Підготовка").await.0;
    execute(
        &app.db,
        &format!("UPDATE spaces SET status = 'draft' WHERE id = {draft_space}"),
    )
    .await
    .unwrap();
    poll(
        &app,
        t,
        draft_space,
        "Опитування в чернетці простору",
        "published",
        now + DAY_MS,
    )
    .await;
    let author = query_i64(&app.db, &format!("SELECT MIN(id) FROM users WHERE tenant_id = {}", t.0)).await;
    let petition = civic_testkit::petitions::Petitions::of(&app.db, t)
        .create(
            UserId(author),
            "Освітлення парку",
            "Просимо освітлити алею.",
            10,
            Timestamp(now),
        )
        .await
        .unwrap();
    execute(
        &app.db,
        &format!(
            "UPDATE petitions SET status = 'collecting', published_at = {now}, collect_until = {} WHERE id = {petition}",
            now + 20 * DAY_MS
        ),
    )
    .await
    .unwrap();

    let (queries, html) = home(&app).await;
    assert_eq!(queries, empty_queries, "the same queries whatever the page lists");
    assert!(!html.contains("Зараз немає відкритих опитувань"), "{html}");
    let poll_at = html
        .find(&format!("href=\"/bucha/polls/{open}\""))
        .expect("the open poll");
    let petition_at = html
        .find(&format!("href=\"/bucha/petitions/{petition}\""))
        .expect("the petition");
    assert!(poll_at < petition_at, "soonest first");
    assert!(html.contains("Опитування</span>"), "{html}");
    assert!(html.contains("Петиція</span>"), "{html}");
    assert!(html.contains("ще 3 дні"), "{html}");
    assert!(html.contains("ще 20 днів"), "{html}");
    assert!(html.contains("Відповідайте до "), "{html}");
    assert!(html.contains("Підписи збирають до "), "{html}");
    for hidden in [
        "Чернетка опитування",
        "Закрите опитування",
        "Опитування в чернетці простору",
    ] {
        assert!(!html.contains(hidden), "{hidden} is not asked\n{html}");
    }
}
