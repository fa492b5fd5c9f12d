//! Flags on both backends: a signed-in person reports an item once (a
//! second report is 409 and counts nothing), items that are missing,
//! unpublished or another tenant's are 404, bad input is refused with a
//! clear code, only staff read the flagged items, and the form works
//! without JavaScript and returns only to a page of the tenant.

mod common;

use civic_testkit::testing::query_i64;
use common::world::{person, session};
use common::*;
use reqwest::StatusCode;
use serde_json::json;

both_backends!(report_once_and_staff_see_it, the_form_returns_to_the_item,);

async fn report_once_and_staff_see_it(app: TestApp) {
    let town = town(&app, "Парк").await;
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let idea = idea(&app.db, t, civic_core::SpaceId(town.space), "Лавки").await.0;
    let flag = |item_type: &str, item_id: i64, reason: &str, text: &str| json!({"item_type": item_type, "item_id": item_id, "reason": reason, "text": text});
    let (status, d) = send(
        &app,
        &town.olena,
        "POST",
        "/api/v1/bucha/flags",
        flag("idea", idea, "spam", ""),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    assert_eq!(d["flag_count"], 1);
    // Once per person: again is 409 and nothing is added.
    let (status, d) = send(
        &app,
        &town.olena,
        "POST",
        "/api/v1/bucha/flags",
        flag("idea", idea, "abuse", ""),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{d}");
    assert_eq!(d["error"]["code"], "already_flagged");
    let (_, d) = send(
        &app,
        &town.petro,
        "POST",
        "/api/v1/bucha/flags",
        flag("idea", idea, "other", "Це реклама магазину."),
    )
    .await;
    assert_eq!(d["flag_count"], 2);
    // Bad input: every problem named, nothing stored.
    let (status, d) = send(
        &app,
        &town.petro,
        "POST",
        "/api/v1/bucha/flags",
        flag("user", idea, "boring", ""),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{d}");
    assert_eq!(d["error"]["fields"].as_array().unwrap().len(), 2, "{d}");
    let (status, d) = send(
        &app,
        &town.clerk,
        "POST",
        "/api/v1/bucha/flags",
        flag("idea", idea, "other", " "),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{d}");
    assert_eq!(d["error"]["fields"][0]["code"], "flag_text_required");
    // Missing, unpublished and other tenants' items are missing items.
    assert_eq!(
        send(
            &app,
            &town.clerk,
            "POST",
            "/api/v1/bucha/flags",
            flag("idea", 999_999, "spam", "")
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    let someone = query_i64(&app.db, &format!("SELECT MIN(id) FROM users WHERE tenant_id = {}", t.0)).await;
    let draft = civic_testkit::petitions::Petitions::of(&app.db, t)
        .create(
            civic_core::UserId(someone),
            "Чернетка петиції",
            "Текст чернетки, якої ніхто не бачить.",
            10,
            civic_core::Timestamp::now(),
        )
        .await
        .unwrap();
    assert_eq!(
        send(
            &app,
            &town.clerk,
            "POST",
            "/api/v1/bucha/flags",
            flag("petition", draft, "spam", "")
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    let other = tenant(&app.db, "irpin", None).await.tenant_id();
    let other_space = space(&app.db, other, "Сквер").await;
    let foreign = common::idea(&app.db, other, other_space, "Фонтан").await.0;
    assert_eq!(
        send(
            &app,
            &town.clerk,
            "POST",
            "/api/v1/bucha/flags",
            flag("idea", foreign, "spam", "")
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM flags").await, 2);
    // Staff read the flagged items; residents do not.
    assert_eq!(
        send(&app, &town.olena, "GET", "/api/v1/bucha/flags", json!({})).await.0,
        StatusCode::FORBIDDEN
    );
    person(&app, "bucha", "moderator@example.org", "moderator").await;
    let moderator = session(&app, "bucha", "moderator@example.org").await;
    let (status, list) = send(&app, &moderator, "GET", "/api/v1/bucha/flags", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["items"][0]["item_id"], idea);
    assert_eq!(list["items"][0]["flag_count"], 2);
    let page = moderator
        .0
        .get(app.url("/bucha/moderation/flags"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Це реклама магазину.") && page.contains("2 скарги"),
        "{page}"
    );
}

async fn the_form_returns_to_the_item(app: TestApp) {
    let town = town(&app, "Парк").await;
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let idea = idea(&app.db, t, civic_core::SpaceId(town.space), "Лавки").await.0;
    let (c, csrf) = &town.olena;
    let form = c
        .get(app.url(&format!(
            "/bucha/flags/new?item_type=idea&item_id={idea}&back=/bucha/ideas/{idea}"
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("name=\"reason\"") && form.contains(&format!("value=\"/bucha/ideas/{idea}\"")),
        "{form}"
    );
    // No reason: the form again (422) saying so; nothing stored.
    let send_form = |reason: &'static str, back: String| {
        let c = c.clone();
        let url = app.url("/bucha/flags/new");
        let fields = vec![
            ("csrf", csrf.clone()),
            ("item_type", "idea".to_string()),
            ("item_id", idea.to_string()),
            ("reason", reason.to_string()),
            ("back", back),
        ];
        async move { c.post(url).form(&fields).send().await.unwrap() }
    };
    let response = send_form("", format!("/bucha/ideas/{idea}")).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Оберіть, що не так"));
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM flags").await, 0);
    // Sent: back to the idea with a notice; a return address elsewhere is
    // replaced by the tenant's home.
    let response = send_form("spam", "https://evil.example/".into()).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/bucha/?done=flagged");
    let response = send_form("spam", format!("/bucha/ideas/{idea}")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        format!("/bucha/ideas/{idea}?done=flagged").as_str()
    );
    let page = c
        .get(app.url(&format!("/bucha/ideas/{idea}?done=flagged")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("скаргу передано модераторам"), "{page}");
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM flags").await, 1);
}
