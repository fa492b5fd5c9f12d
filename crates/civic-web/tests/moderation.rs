//! Moderation on both backends: a comment three people flag is hidden (the
//! public sees the notice, not the text; staff and its author see it), a
//! staff flag counts double, restoring shows it again and dismisses the
//! flags, a blocked person cannot post but can read, the author appeals
//! once and a different moderator decides, the screening holds spam and
//! publishes an ordinary civic comment, and the threshold is a setting.

mod common;

use civic_testkit::testing::query_i64;
use common::world::{person, session};
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    three_flags_hide_a_comment_until_restored,
    a_staff_flag_counts_double,
    a_blocked_person_reads_but_does_not_post,
    one_appeal_decided_by_another_moderator,
    screening_holds_spam_and_publishes_civic_text,
    the_threshold_is_the_tenants_setting,
    a_hidden_argument_and_report_show_the_notice,
);

type Who = (reqwest::Client, String);

const TEXT: &str = "Треба полагодити ліхтарі вздовж алеї біля школи, увечері там зовсім темно.";
const NOTICE_UK: &str = "Приховано до перевірки модератором";

/// The town, an idea in it, and `olena`'s comment on it: (town, idea, comment).
async fn commented(app: &TestApp) -> (Town, i64, i64) {
    let town = town(app, "Парк").await;
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let idea = idea(&app.db, t, civic_core::SpaceId(town.space), "Освітлення алеї")
        .await
        .0;
    let (status, c) = send(
        app,
        &town.olena,
        "POST",
        &format!("/api/v1/bucha/ideas/{idea}/comments"),
        json!({ "body": TEXT }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    assert_eq!(c["hidden"], false, "an ordinary civic comment is published: {c}");
    (town, idea, c["id"].as_i64().unwrap())
}

async fn citizen(app: &TestApp, name: &str) -> Who {
    let email = format!("{name}@example.org");
    person(app, "bucha", &email, "citizen").await;
    session(app, "bucha", &email).await
}

async fn moderator(app: &TestApp, name: &str) -> Who {
    let email = format!("{name}@example.org");
    person(app, "bucha", &email, "moderator").await;
    session(app, "bucha", &email).await
}

async fn flag(app: &TestApp, who: &Who, comment: i64) -> Value {
    let (status, d) = send(
        app,
        who,
        "POST",
        "/api/v1/bucha/flags",
        json!({"item_type": "comment", "item_id": comment, "reason": "abuse"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    d
}

/// The comment as the public API lists it.
async fn listed(app: &TestApp, idea: i64, comment: i64) -> Value {
    let (status, d) = get_json(app, &format!("/api/v1/bucha/ideas/{idea}/comments")).await;
    assert_eq!(status, StatusCode::OK, "{d}");
    d["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == comment)
        .cloned()
        .unwrap()
}

async fn page(app: &TestApp, who: Option<&Who>, idea: i64) -> String {
    let url = app.url(&format!("/bucha/ideas/{idea}"));
    let response = match who {
        Some(w) => w.0.get(url).send().await.unwrap(),
        None => app.client.get(url).send().await.unwrap(),
    };
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.unwrap()
}

async fn three_flags_hide_a_comment_until_restored(app: TestApp) {
    let (town, idea, comment) = commented(&app).await;
    assert_eq!(flag(&app, &town.petro, comment).await["hidden"], false);
    let ivan = citizen(&app, "ivan").await;
    assert_eq!(flag(&app, &ivan, comment).await["hidden"], false);
    assert_eq!(
        listed(&app, idea, comment).await["body"],
        TEXT,
        "two flags hide nothing"
    );
    let oksana = citizen(&app, "oksana").await;
    assert_eq!(
        flag(&app, &oksana, comment).await["hidden"],
        true,
        "the third flag hides it"
    );

    // Signed out: the notice, not the text, on the page and in the API.
    let c = listed(&app, idea, comment).await;
    assert_eq!(c["hidden"], true);
    assert_eq!(c["body"], "");
    let public = page(&app, None, idea).await;
    assert!(public.contains(NOTICE_UK), "the notice is shown: {public}");
    assert!(!public.contains("ліхтарі вздовж алеї"), "the text is not");
    // Another resident sees the same.
    assert!(!page(&app, Some(&ivan), idea).await.contains("ліхтарі вздовж алеї"));
    // Staff see it, marked; so does its author, with the appeal form.
    let staff = page(&app, Some(&town.clerk), idea).await;
    assert!(staff.contains("ліхтарі вздовж алеї") && staff.contains("moderation-notice"));
    let own = page(&app, Some(&town.olena), idea).await;
    assert!(own.contains("ліхтарі вздовж алеї"));
    assert!(own.contains(&format!("/bucha/moderation/items/comment/{comment}/appeal")));

    // The queue has it with its three flags; a citizen may not read it.
    let boris = moderator(&app, "boris").await;
    let (status, q) = send(&app, &boris, "GET", "/api/v1/bucha/moderation/queue", Value::Null).await;
    assert_eq!(status, StatusCode::OK, "{q}");
    let item = &q["items"][0];
    assert_eq!(
        (item["item_id"].as_i64(), item["state"].as_str()),
        (Some(comment), Some("hidden_by_flags"))
    );
    assert_eq!(item["flags"].as_array().unwrap().len(), 3);
    assert_eq!(item["text"], TEXT);
    let (status, _) = send(&app, &ivan, "GET", "/api/v1/bucha/moderation/queue", Value::Null).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let html = boris.0.get(app.url("/bucha/moderation")).send().await.unwrap();
    assert_eq!(html.status(), StatusCode::OK);
    assert!(html.text().await.unwrap().contains("ліхтарі вздовж алеї"));

    // Restoring shows it again, dismisses the flags and is audited.
    let (status, d) = send(
        &app,
        &boris,
        "POST",
        &format!("/api/v1/bucha/moderation/items/comment/{comment}/restore"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    let c = listed(&app, idea, comment).await;
    assert_eq!((c["hidden"].as_bool(), c["body"].as_str()), (Some(false), Some(TEXT)));
    assert!(page(&app, None, idea).await.contains("ліхтарі вздовж алеї"));
    assert_eq!(
        query_i64(&app.db, "SELECT COUNT(*) FROM flags WHERE dismissed_at IS NULL").await,
        0
    );
    let (_, q) = send(&app, &boris, "GET", "/api/v1/bucha/moderation/queue", Value::Null).await;
    assert_eq!(q["items"].as_array().unwrap().len(), 0, "{q}");
    assert_eq!(
        query_i64(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'item_restored'").await,
        1
    );
    // Restoring again is a conflict, not a second audit entry.
    let (status, _) = send(
        &app,
        &boris,
        "POST",
        &format!("/api/v1/bucha/moderation/items/comment/{comment}/restore"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

async fn a_staff_flag_counts_double(app: TestApp) {
    let (town, idea, comment) = commented(&app).await;
    // An official's flag (2) and one resident's (1) reach the default 3.
    assert_eq!(flag(&app, &town.clerk, comment).await["hidden"], false);
    assert_eq!(listed(&app, idea, comment).await["hidden"], false);
    assert_eq!(flag(&app, &town.petro, comment).await["hidden"], true);
    assert_eq!(listed(&app, idea, comment).await["hidden"], true);
}

async fn a_blocked_person_reads_but_does_not_post(app: TestApp) {
    let (town, idea, _) = commented(&app).await;
    let boris = moderator(&app, "boris").await;
    let olena_id = query_i64(&app.db, "SELECT id FROM users WHERE email = 'olena@example.org'").await;
    // Staff cannot be blocked; days out of range are refused.
    let clerk_id = query_i64(&app.db, "SELECT id FROM users WHERE email = 'clerk@example.org'").await;
    let (status, _) = send(
        &app,
        &boris,
        "POST",
        "/api/v1/bucha/moderation/blocks",
        json!({"user_id": clerk_id}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, d) = send(
        &app,
        &boris,
        "POST",
        "/api/v1/bucha/moderation/blocks",
        json!({"user_id": olena_id, "days": 0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{d}");
    // A citizen cannot block.
    let (status, _) = send(
        &app,
        &town.petro,
        "POST",
        "/api/v1/bucha/moderation/blocks",
        json!({"user_id": olena_id, "days": 7}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, d) = send(
        &app,
        &boris,
        "POST",
        "/api/v1/bucha/moderation/blocks",
        json!({"user_id": olena_id, "days": 7, "reason": "образи"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    assert!(d["until"].as_i64().unwrap() > civic_core::Timestamp::now().0);
    let comments = query_i64(&app.db, "SELECT COUNT(*) FROM comments").await;
    let (status, d) = send(
        &app,
        &town.olena,
        "POST",
        &format!("/api/v1/bucha/ideas/{idea}/comments"),
        json!({ "body": "Ще один коментар про ліхтарі біля школи." }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{d}");
    assert_eq!(d["error"]["reason"], "blocked", "{d}");
    assert!(d["error"]["message"].as_str().unwrap().contains("until"), "{d}");
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM comments").await, comments);
    // Nor an idea; reading still works; others still post.
    let (status, d) = send(
        &app,
        &town.olena,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/ideas", town.space),
        json!({"title": "Нова ідея про лавки", "body": "Поставити лавки вздовж алеї біля школи."}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{d}");
    // She reads the idea, and is told of the block and its end.
    assert!(
        page(&app, Some(&town.olena), idea)
            .await
            .contains("Модератори заборонили вам публікувати до")
    );
    let (status, _) = send(
        &app,
        &town.olena,
        "GET",
        &format!("/api/v1/bucha/ideas/{idea}/comments"),
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, d) = send(
        &app,
        &town.petro,
        "POST",
        &format!("/api/v1/bucha/ideas/{idea}/comments"),
        json!({ "body": "Підтримую, ліхтарі біля школи справді потрібні." }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    assert_eq!(
        query_i64(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'user_blocked'").await,
        1
    );
}

async fn one_appeal_decided_by_another_moderator(app: TestApp) {
    let (town, idea, comment) = commented(&app).await;
    let anna = moderator(&app, "anna").await;
    let boris = moderator(&app, "boris").await;
    let item = format!("/api/v1/bucha/moderation/items/comment/{comment}");
    let (status, d) = send(&app, &anna, "POST", &format!("{item}/hide"), json!({"reason": " "})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{d}");
    let (status, d) = send(
        &app,
        &anna,
        "POST",
        &format!("{item}/hide"),
        json!({"reason": "Не по темі ідеї"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    let public = page(&app, None, idea).await;
    assert!(
        public.contains(NOTICE_UK) && public.contains("Не по темі ідеї"),
        "the reason is public"
    );
    assert!(!public.contains("ліхтарі вздовж алеї"));
    // Only the author appeals, once.
    let (status, _) = send(
        &app,
        &town.petro,
        "POST",
        &format!("{item}/appeal"),
        json!({"text": "Це не моє"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, d) = send(
        &app,
        &town.olena,
        "POST",
        &format!("{item}/appeal"),
        json!({"text": "Це саме про цю ідею."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let (status, d) = send(
        &app,
        &town.olena,
        "POST",
        &format!("{item}/appeal"),
        json!({"text": "Ще раз."}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{d}");
    assert_eq!(d["error"]["code"], "already_appealed");
    // The appeal is in the queue.
    let (_, q) = send(&app, &boris, "GET", "/api/v1/bucha/moderation/queue", Value::Null).await;
    assert_eq!(q["items"][0]["appeal"]["text"], "Це саме про цю ідею.", "{q}");
    // The moderator who hid it does not decide; another does.
    let (status, d) = send(
        &app,
        &anna,
        "POST",
        &format!("{item}/decision"),
        json!({"outcome": "restore"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{d}");
    assert_eq!(d["error"]["reason"], "same_moderator", "{d}");
    assert_eq!(listed(&app, idea, comment).await["hidden"], true);
    let (status, d) = send(
        &app,
        &boris,
        "POST",
        &format!("{item}/decision"),
        json!({"outcome": "maybe"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{d}");
    let (status, d) = send(
        &app,
        &boris,
        "POST",
        &format!("{item}/decision"),
        json!({"outcome": "restore"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(listed(&app, idea, comment).await["body"], TEXT);
    let (status, _) = send(
        &app,
        &boris,
        "POST",
        &format!("{item}/decision"),
        json!({"outcome": "uphold"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('item_hidden', 'appeal_decided')"
        )
        .await,
        2
    );
}

async fn screening_holds_spam_and_publishes_civic_text(app: TestApp) {
    let (town, idea, civic) = commented(&app).await;
    let spam = "Дивіться тут: https://shop.example.com/a https://shop.example.com/b https://shop.example.com/c";
    let (status, c) = send(
        &app,
        &town.petro,
        "POST",
        &format!("/api/v1/bucha/ideas/{idea}/comments"),
        json!({ "body": spam }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    assert_eq!(c["hidden"], true, "links are held: {c}");
    let held = c["id"].as_i64().unwrap();
    let (status, c) = send(
        &app,
        &town.petro,
        "POST",
        &format!("/api/v1/bucha/ideas/{idea}/comments"),
        json!({ "body": "Дзвоніть мені щодо ліхтарів: 067 123 45 67" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    assert_eq!(c["hidden"], true, "a phone number is held: {c}");
    // The public does not see them; the civic comment stays published.
    assert_eq!(listed(&app, idea, held).await["body"], "");
    assert_eq!(listed(&app, idea, civic).await["body"], TEXT);
    assert!(!page(&app, None, idea).await.contains("shop.example.com"));
    // The queue lists them with the signals that fired.
    let boris = moderator(&app, "boris").await;
    let (_, q) = send(&app, &boris, "GET", "/api/v1/bucha/moderation/queue", Value::Null).await;
    let items = q["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{q}");
    assert!(items.iter().all(|i| i["state"] == "held_by_screening"));
    let signals: Vec<&str> = items
        .iter()
        .flat_map(|i| i["screening"]["signals"].as_array().unwrap())
        .filter_map(|f| f["signal"]["signal"].as_str())
        .collect();
    assert!(
        signals.contains(&"link_density") && signals.contains(&"personal_data"),
        "{signals:?}"
    );
    // Two kinds of personal data (doxxing) are refused outright, with the reason, and nothing is stored.
    let before = query_i64(&app.db, "SELECT COUNT(*) FROM comments").await;
    let (status, d) = send(
        &app,
        &town.petro,
        "POST",
        &format!("/api/v1/bucha/ideas/{idea}/comments"),
        json!({ "body": "Мій телефон 067 123 45 67, пишіть на petro.shevchenko@gmail.com" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{d}");
    assert_eq!(d["error"]["fields"][0]["code"], "screened_personal_data", "{d}");
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM comments").await, before);
}

async fn the_threshold_is_the_tenants_setting(app: TestApp) {
    let (town, idea, comment) = commented(&app).await;
    person(&app, "bucha", "admin@example.org", "admin").await;
    let admin = session(&app, "bucha", "admin@example.org").await;
    let (status, d) = send(&app, &admin, "GET", "/api/v1/bucha/moderation/settings", Value::Null).await;
    assert_eq!((status, d["hide_threshold"].as_i64()), (StatusCode::OK, Some(3)));
    let (status, _) = send(
        &app,
        &town.clerk,
        "PUT",
        "/api/v1/bucha/moderation/settings",
        json!({"hide_threshold": 1}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "officials are not administrators");
    let (status, _) = send(
        &app,
        &admin,
        "PUT",
        "/api/v1/bucha/moderation/settings",
        json!({"hide_threshold": 0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, d) = send(
        &app,
        &admin,
        "PUT",
        "/api/v1/bucha/moderation/settings",
        json!({"hide_threshold": 1}),
    )
    .await;
    assert_eq!((status, d["hide_threshold"].as_i64()), (StatusCode::OK, Some(1)));
    assert_eq!(flag(&app, &town.petro, comment).await["hidden"], true);
    assert_eq!(listed(&app, idea, comment).await["hidden"], true);
    // The HTML settings page works without JavaScript.
    let form = admin.0.get(app.url("/bucha/admin/moderation")).send().await.unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let saved = admin
        .0
        .post(app.url("/bucha/admin/moderation"))
        .form(&[("csrf", admin.1.as_str()), ("hide_threshold", "5")])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (_, d) = send(&app, &admin, "GET", "/api/v1/bucha/moderation/settings", Value::Null).await;
    assert_eq!(d["hide_threshold"], 5);
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'moderation_settings'"
        )
        .await,
        2
    );
}

async fn a_hidden_argument_and_report_show_the_notice(app: TestApp) {
    let w = common::world::World::build(&app, "bucha").await;
    let debate_page = |who: Option<Who>| {
        let url = app.url(&format!("/bucha/debates/{}", w.debate));
        let client = app.client.clone();
        async move {
            let r = match who {
                Some(w) => w.0.get(url).send().await.unwrap(),
                None => client.get(url).send().await.unwrap(),
            };
            assert_eq!(r.status(), StatusCode::OK);
            r.text().await.unwrap()
        }
    };
    assert!(debate_page(None).await.contains("Безпечніше для дітей."));
    for name in ["ivan", "oksana", "taras"] {
        let who = citizen(&app, name).await;
        let (status, d) = send(
            &app,
            &who,
            "POST",
            "/api/v1/bucha/flags",
            json!({"item_type": "argument", "item_id": w.argument, "reason": "spam"}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{d}");
    }
    let public = debate_page(None).await;
    assert!(public.contains(NOTICE_UK) && !public.contains("Безпечніше для дітей."));
    let (_, d) = get_json(&app, &format!("/api/v1/bucha/debates/{}", w.debate)).await;
    assert!(!d.to_string().contains("Безпечніше для дітей."), "{d}");
    let admin = session(&app, "bucha", &w.admin_email).await;
    assert!(
        debate_page(Some(admin.clone())).await.contains("Безпечніше для дітей."),
        "staff see it"
    );

    // A problem report a moderator hides shows the notice and the public reason.
    let (status, d) = send(
        &app,
        &admin,
        "POST",
        &format!("/api/v1/bucha/moderation/items/report/{}/hide", w.report),
        json!({"reason": "Персональні дані"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    let r = app.get(&format!("/bucha/reports/{}", w.report)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let public = r.text().await.unwrap();
    assert!(public.contains(NOTICE_UK) && public.contains("Персональні дані"));
    assert!(!public.contains("Глибока яма біля зупинки."));
    let (_, d) = get_json(&app, &format!("/api/v1/bucha/reports/{}", w.report)).await;
    assert!(!d.to_string().contains("Глибока яма"), "{d}");
    let staff = admin
        .0
        .get(app.url(&format!("/bucha/reports/{}", w.report)))
        .send()
        .await
        .unwrap();
    assert!(staff.text().await.unwrap().contains("Глибока яма біля зупинки."));
}
