//! Following and notifications (issue 5): followers are told in the app and
//! by mail as they chose, digests group by space and go out once, officials
//! hear of ideas that reach the threshold, and nobody reads another
//! person's notifications — on SQLite and on PostgreSQL.

mod common;

use civic_app::notifications::{self as notify, Cadence, Mailing};
use civic_core::notifications::Mode;
use civic_core::{TenantId, Timestamp};
use civic_testkit::mail::Message;
use civic_testkit::tenants::TenantRecord;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

both_backends!(
    followers_are_told_in_the_app_and_by_mail,
    never_sends_nothing_and_unfollowing_stops_it,
    the_digest_groups_by_space_and_goes_out_once,
    reaching_the_threshold_tells_the_officials,
    the_html_pages_follow_list_and_set,
    weekly_rows_wait_for_the_weekly_digest_and_go_out_once,
    the_monthly_recap_tells_what_happened_to_what_people_took_part_in,
);

const PASSWORD: &str = "correct horse battery staple";

/// A confirmed account and a bearer token for it: (id, token).
async fn member(app: &TestApp, email: &str, role: &str) -> (i64, String) {
    let u = civic_app::users::create(
        &app.platform,
        &civic_app::users::CreateUser {
            tenant_slug: "bucha",
            email,
            display_name: Some(&format!("Особа {}", email.split('@').next().unwrap())),
            role,
            password: PASSWORD,
        },
    )
    .await
    .unwrap();
    let r = app
        .client
        .post(app.url("/api/v1/bucha/tokens"))
        .json(&json!({"email": email, "password": PASSWORD, "name": "tests"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let token = r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_string();
    (u.id.0, token)
}

async fn api(app: &TestApp, method: Method, path: &str, bearer: &str, body: Option<Value>) -> (StatusCode, Value) {
    let mut r = app.client.request(method, app.url(path)).bearer_auth(bearer);
    if let Some(b) = body {
        r = r.json(&b);
    }
    let r = r.send().await.unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

fn mailing() -> Mailing {
    Mailing {
        texts: civic_web::i18n::Catalog::load(),
        base_url: "http://civic.test".into(),
    }
}

/// Every mail waiting in the outbox (taken, as the worker would).
async fn outbox(app: &TestApp) -> Vec<Message> {
    civic_testkit::mail::claim(&app.db, Timestamp(i64::MAX / 2), 1, 1000)
        .await
        .unwrap()
}

async fn setup(app: &TestApp) -> (TenantRecord, TenantId) {
    let record = tenant(&app.db, "bucha", None).await;
    let t = record.tenant_id();
    (record, t)
}

async fn propose(app: &TestApp, token: &str, space: i64, title: &str) -> i64 {
    let (status, idea) = api(
        app,
        Method::POST,
        &format!("/api/v1/bucha/spaces/{space}/ideas"),
        token,
        Some(json!({"title": title, "body": "Докладний опис цієї ідеї для громади"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{idea}");
    idea["id"].as_i64().unwrap()
}

async fn comment(app: &TestApp, token: &str, idea: i64, parent: Option<i64>, body: &str) -> i64 {
    let (status, c) = api(
        app,
        Method::POST,
        &format!("/api/v1/bucha/ideas/{idea}/comments"),
        token,
        Some(json!({"body": body, "parent_id": parent})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    c["id"].as_i64().unwrap()
}

async fn kinds(app: &TestApp, token: &str) -> Vec<String> {
    let (status, list) = api(app, Method::GET, "/api/v1/bucha/me/notifications", token, None).await;
    assert_eq!(status, StatusCode::OK);
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_string())
        .collect()
}

async fn followers_are_told_in_the_app_and_by_mail(app: TestApp) {
    let (record, t) = setup(&app).await;
    let s = space(&app.db, t, "Парки").await.0;
    let (_, olena) = member(&app, "olena@example.org", "citizen").await;
    let (_, petro) = member(&app, "petro@example.org", "citizen").await;
    let (_, city) = member(&app, "city@example.org", "official").await;
    let idea = propose(&app, &olena, s, "Лавки в парку").await;
    // The author follows her idea; Petro chooses to.
    let (status, body) = api(
        &app,
        Method::PUT,
        &format!("/api/v1/bucha/ideas/{idea}/follow"),
        &petro,
        None,
    )
    .await;
    assert_eq!((status, body), (StatusCode::OK, json!({"following": true})));
    let (status, _) = api(
        &app,
        Method::POST,
        &format!("/api/v1/bucha/ideas/{idea}/answers"),
        &city,
        Some(json!({"status": "accepted", "text": "Поставимо навесні."})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(kinds(&app, &olena).await, ["status"]);
    assert_eq!(kinds(&app, &petro).await, ["status"]);
    assert!(kinds(&app, &city).await.is_empty(), "the one who answered is not told");

    // "Immediate" is one mail each, in the recipient's language, with the
    // links to the idea and to the settings.
    assert_eq!(
        notify::mail_waiting(&app.platform, &record, Mode::Immediate, &mailing())
            .await
            .unwrap(),
        2
    );
    let mut mails = outbox(&app).await;
    mails.sort_by(|a, b| a.recipient.cmp(&b.recipient));
    assert_eq!(
        mails.iter().map(|m| m.recipient.as_str()).collect::<Vec<_>>(),
        ["olena@example.org", "petro@example.org"]
    );
    let m = &mails[0];
    assert!(m.subject.contains("Лавки в парку"), "{}", m.subject);
    assert!(m.body_text.contains("Прийнято"), "{}", m.body_text);
    assert!(m.body_text.contains(&format!("http://civic.test/bucha/ideas/{idea}")));
    assert!(m.body_text.contains("http://civic.test/bucha/account/notifications"));
    assert!(m.body_html.contains("lang=\"uk\""));
    assert_eq!(
        notify::mail_waiting(&app.platform, &record, Mode::Immediate, &mailing())
            .await
            .unwrap(),
        0
    );

    // A comment tells the followers but not its author; a reply tells the
    // author of the comment replied to (once, as a reply).
    let first = comment(&app, &petro, idea, None, "Гарна ідея, підтримую").await;
    assert_eq!(kinds(&app, &olena).await, ["comment", "status"]);
    assert_eq!(kinds(&app, &petro).await, ["status"]);
    comment(&app, &olena, idea, Some(first), "Дякую за підтримку").await;
    assert_eq!(kinds(&app, &petro).await, ["reply", "status"]);
    assert_eq!(kinds(&app, &olena).await, ["comment", "status"]);

    // The header counts what is unread.
    let (_, c, _) = browser(&app, "olena@example.org").await;
    let home = c.get(app.url("/bucha/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("Сповіщення (2 непрочитані)"), "header count");

    // Another person's notification can be neither read nor marked.
    let (_, list) = api(&app, Method::GET, "/api/v1/bucha/me/notifications", &olena, None).await;
    let hers: Vec<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_i64().unwrap())
        .collect();
    assert_eq!(list["unread"], 2);
    let (status, _) = api(
        &app,
        Method::POST,
        "/api/v1/bucha/me/notifications/read",
        &petro,
        Some(json!({"ids": [hers[0]]})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, petro_browser, _) = browser(&app, "petro@example.org").await;
    let r = petro_browser
        .get(app.url(&format!("/bucha/notifications/{}", hers[0])))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (_, list) = api(&app, Method::GET, "/api/v1/bucha/me/notifications", &olena, None).await;
    assert_eq!(list["unread"], 2, "nothing was marked");

    // Her own: opened from the list, it is read and leads to the comment.
    let r = c
        .get(app.url(&format!("/bucha/notifications/{}", hers[0])))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"],
        format!("/bucha/ideas/{idea}#comment-{first}").as_str()
    );
    let (status, marked) = api(
        &app,
        Method::POST,
        "/api/v1/bucha/me/notifications/read",
        &olena,
        Some(json!({})),
    )
    .await;
    assert_eq!((status, marked), (StatusCode::OK, json!({"marked": 1})));
    let home = c.get(app.url("/bucha/")).send().await.unwrap().text().await.unwrap();
    assert!(!home.contains("непрочитан"));
    let (status, _) = api(
        &app,
        Method::GET,
        "/api/v1/bucha/me/notifications?cursor=abc",
        &olena,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

async fn never_sends_nothing_and_unfollowing_stops_it(app: TestApp) {
    let (record, t) = setup(&app).await;
    let s = space(&app.db, t, "Двори").await.0;
    let (_, olena) = member(&app, "olena@example.org", "citizen").await;
    let (_, petro) = member(&app, "petro@example.org", "citizen").await;
    let idea = propose(&app, &olena, s, "Дитячий майданчик").await;
    api(
        &app,
        Method::PUT,
        &format!("/api/v1/bucha/ideas/{idea}/follow"),
        &petro,
        None,
    )
    .await;

    // Bad kinds, modes and languages are refused and change nothing.
    let path = "/api/v1/bucha/me/notification-settings";
    let (_, before) = api(&app, Method::GET, path, &petro, None).await;
    assert_eq!(before["modes"]["comment"], "daily");
    assert_eq!(before["modes"]["reply"], "immediate");
    for bad in [
        json!({"modes": {"comments": "never"}}),
        json!({"modes": {"comment": "fortnightly"}}),
        json!({"monthly_recap": "sometimes"}),
        json!({"modes": {"comment": "never"}, "locale": "fr"}),
        json!({"modes": {"comment": 3}}),
    ] {
        let (status, body) = api(&app, Method::PUT, path, &petro, Some(bad.clone())).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
    }
    let (_, unchanged) = api(&app, Method::GET, path, &petro, None).await;
    assert_eq!(unchanged, before);
    let (status, now) = api(
        &app,
        Method::PUT,
        path,
        &petro,
        Some(json!({"modes": {"comment": "never", "status": "never"}, "locale": "en", "monthly_recap": false})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(now["modes"]["comment"], "never");
    assert_eq!(now["modes"]["reply"], "immediate");
    assert_eq!(now["locale"], "en");

    // "Never": shown in the app, never mailed, not even in a digest.
    comment(&app, &olena, idea, None, "Перший коментар автора").await;
    let (_, c2) = member(&app, "ivan@example.org", "citizen").await;
    comment(&app, &c2, idea, None, "Ще один коментар").await;
    assert_eq!(kinds(&app, &petro).await, ["comment", "comment"]);
    assert_eq!(
        notify::mail_waiting(&app.platform, &record, Mode::Immediate, &mailing())
            .await
            .unwrap(),
        0
    );
    notify::mail_waiting(&app.platform, &record, Mode::Daily, &mailing())
        .await
        .unwrap();
    let mails = outbox(&app).await;
    assert!(
        mails.iter().all(|m| m.recipient != "petro@example.org"),
        "never means no mail"
    );
    assert!(
        mails.iter().any(|m| m.recipient == "olena@example.org"),
        "the author's daily digest of Ivan's comment"
    );

    // The export carries what he follows and chose; then he unfollows and
    // hears nothing more.
    let (_, export) = api(&app, Method::GET, "/api/v1/bucha/me/export", &petro, None).await;
    assert_eq!(export["follows"][0]["idea_id"], idea);
    assert_eq!(export["notification_settings"]["modes"]["comment"], "never");
    assert_eq!(
        export["notification_settings"]["monthly_recap"], false,
        "he switched the recap off"
    );
    let (status, body) = api(
        &app,
        Method::DELETE,
        &format!("/api/v1/bucha/ideas/{idea}/follow"),
        &petro,
        None,
    )
    .await;
    assert_eq!((status, body), (StatusCode::OK, json!({"following": false})));
    comment(&app, &c2, idea, None, "Третій коментар").await;
    assert_eq!(kinds(&app, &petro).await.len(), 2);

    // Another tenant's idea, or none, is 404.
    let (status, _) = api(&app, Method::PUT, "/api/v1/bucha/ideas/999999/follow", &petro, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Deleting the account removes follows and notifications.
    let petro_id = civic_testkit::users::Users::of(&app.db, t)
        .by_email(&civic_core::Email::parse("petro@example.org").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    api(
        &app,
        Method::PUT,
        &format!("/api/v1/bucha/spaces/{s}/follow"),
        &petro,
        None,
    )
    .await;
    let (status, _) = api(
        &app,
        Method::DELETE,
        "/api/v1/bucha/me",
        &petro,
        Some(json!({"password": PASSWORD, "contributions": "keep"})),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let store = civic_testkit::notifications::Notifications::of(&app.db, t);
    assert!(store.page(petro_id, None, 10).await.unwrap().is_empty());
    assert!(
        civic_testkit::follows::Follows::of(&app.db, t)
            .of_user(petro_id)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn the_digest_groups_by_space_and_goes_out_once(app: TestApp) {
    let (record, t) = setup(&app).await;
    let parks = space(&app.db, t, "Парки").await.0;
    let roads = space(&app.db, t, "Дороги").await.0;
    let (_, olena) = member(&app, "olena@example.org", "citizen").await;
    let (_, petro) = member(&app, "petro@example.org", "citizen").await;
    for s in [parks, roads] {
        let (status, _) = api(
            &app,
            Method::PUT,
            &format!("/api/v1/bucha/spaces/{s}/follow"),
            &petro,
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
    }
    let a = propose(&app, &olena, parks, "Фонтан у парку").await;
    propose(&app, &olena, roads, "Ремонт вулиці Вокзальної").await;
    propose(&app, &olena, parks, "Велодоріжка вздовж ставка").await;
    api(
        &app,
        Method::PUT,
        &format!("/api/v1/bucha/ideas/{a}/follow"),
        &petro,
        None,
    )
    .await;
    let (_, ivan) = member(&app, "ivan@example.org", "citizen").await;
    comment(&app, &ivan, a, None, "А вода буде питна?").await;
    assert_eq!(kinds(&app, &petro).await.len(), 4);

    // Nothing is due before the digest hour.
    let day = Timestamp::now().0.div_euclid(86_400_000) * 86_400_000;
    let early = Timestamp(day + 6 * 3_600_000);
    assert_eq!(
        notify::digest_if_due(&app.platform, &record, &mailing(), early, 7)
            .await
            .unwrap(),
        0
    );
    assert!(outbox(&app).await.is_empty());

    // Two runs at once (two nodes): each digest goes out once.
    let m = mailing();
    let (x, y) = tokio::join!(
        notify::mail_waiting(&app.platform, &record, Mode::Daily, &m),
        notify::mail_waiting(&app.platform, &record, Mode::Daily, &m),
    );
    assert_eq!(x.unwrap() + y.unwrap(), 2, "one digest for Petro, one for Olena");
    let mails = outbox(&app).await;
    let petros: Vec<&Message> = mails.iter().filter(|m| m.recipient == "petro@example.org").collect();
    assert_eq!(petros.len(), 1);
    let text = &petros[0].body_text;
    assert!(petros[0].subject.contains("щоденне зведення"), "{}", petros[0].subject);
    let (p, r) = (
        text.find("у просторі «Парки»").expect("a parks section"),
        text.find("у просторі «Дороги»").expect("a roads section"),
    );
    assert!(p < r, "spaces in the order of their first news");
    assert_eq!(text.matches("у просторі «").count(), 2, "one section per space");
    for title in [
        "Фонтан у парку",
        "Ремонт вулиці Вокзальної",
        "Велодоріжка вздовж ставка",
    ] {
        assert!(text.contains(title), "{title} in {text}");
    }
    assert!(text.contains("прокоментував"), "the comment is in the digest");
    assert!(text.contains("http://civic.test/bucha/account/notifications"));

    // Nothing is left, so nothing is sent: no empty digest.
    assert_eq!(
        notify::mail_waiting(&app.platform, &record, Mode::Daily, &m)
            .await
            .unwrap(),
        0
    );
    assert!(outbox(&app).await.is_empty());

    // The scheduled run sends once per day, however often it is asked.
    comment(&app, &ivan, a, None, "І лавки поруч, будь ласка").await;
    let later = Timestamp(day + 8 * 3_600_000);
    let (x, y) = tokio::join!(
        notify::digest_if_due(&app.platform, &record, &m, later, 7),
        notify::digest_if_due(&app.platform, &record, &m, later, 7),
    );
    assert_eq!(x.unwrap() + y.unwrap(), 2, "Petro's and Olena's digests");
    comment(&app, &ivan, a, None, "Ще й смітник").await;
    assert_eq!(
        notify::digest_if_due(&app.platform, &record, &m, later, 7)
            .await
            .unwrap(),
        0
    );
    let tomorrow = Timestamp(later.0 + 86_400_000);
    assert_eq!(
        notify::digest_if_due(&app.platform, &record, &m, tomorrow, 7)
            .await
            .unwrap(),
        2
    );
}

async fn reaching_the_threshold_tells_the_officials(app: TestApp) {
    let (_, t) = setup(&app).await;
    let s = space(&app.db, t, "Бюджет").await.0; // threshold 5
    let (_, olena) = member(&app, "olena@example.org", "citizen").await;
    let (_, city) = member(&app, "city@example.org", "official").await;
    let (_, admin) = member(&app, "admin@example.org", "admin").await;
    let (_, moderator) = member(&app, "moderator@example.org", "moderator").await;
    let idea = propose(&app, &olena, s, "Сквер біля школи").await;
    let mut supporters = Vec::new();
    for n in 0..6 {
        let (_, token) = member(&app, &format!("supporter{n}@example.org"), "citizen").await;
        let (status, body) = api(
            &app,
            Method::PUT,
            &format!("/api/v1/bucha/ideas/{idea}/support"),
            &token,
            None,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        supporters.push(token);
    }
    // Withdrawing a support keeps the follow.
    let (status, _) = api(
        &app,
        Method::DELETE,
        &format!("/api/v1/bucha/ideas/{idea}/support"),
        &supporters[5],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    for token in [&city, &admin] {
        assert_eq!(kinds(&app, token).await, ["threshold"], "staff hear of it once");
    }
    assert!(kinds(&app, &moderator).await.is_empty());
    assert_eq!(kinds(&app, &olena).await, ["status"], "the author hears of the review");
    assert_eq!(
        kinds(&app, &supporters[0]).await,
        ["status"],
        "supporters follow the idea"
    );
    assert!(
        kinds(&app, &supporters[4]).await == ["status"],
        "the supporter who reached the threshold is told too"
    );
    let (_, list) = api(&app, Method::GET, "/api/v1/bucha/me/notifications", &city, None).await;
    assert_eq!(list["items"][0]["idea_id"], idea);
    assert_eq!(list["items"][0]["status"], "under_review");
    let (_, settings) = api(
        &app,
        Method::GET,
        "/api/v1/bucha/me/notification-settings",
        &supporters[5],
        None,
    )
    .await;
    assert!(settings["modes"].is_object());
    let (_, export) = api(&app, Method::GET, "/api/v1/bucha/me/export", &supporters[5], None).await;
    assert_eq!(
        export["follows"][0]["idea_id"], idea,
        "still followed after withdrawing"
    );
}

/// A signed-in browser: (id, client, csrf).
async fn browser(app: &TestApp, email: &str) -> (i64, reqwest::Client, String) {
    let c = client();
    let r = c
        .post(app.url("/bucha/login"))
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let home = c.get(app.url("/bucha/")).send().await.unwrap().text().await.unwrap();
    let csrf = home
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    (0, c, csrf)
}

async fn the_html_pages_follow_list_and_set(app: TestApp) {
    let (_, t) = setup(&app).await;
    let s = space(&app.db, t, "Парки").await.0;
    let (_, olena) = member(&app, "olena@example.org", "citizen").await;
    member(&app, "petro@example.org", "citizen").await;
    let (_, c, csrf) = browser(&app, "petro@example.org").await;
    let page = |path: String| {
        let c = c.clone();
        let url = app.url(&path);
        async move { c.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let space_page = page(format!("/bucha/spaces/{s}")).await;
    assert!(space_page.contains("Стежити за простором"));
    let r = c
        .post(app.url(&format!("/bucha/spaces/{s}/follow")))
        .form(&[("csrf", csrf.as_str()), ("action", "follow")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        page(format!("/bucha/spaces/{s}"))
            .await
            .contains("Не стежити за простором")
    );
    let r = c
        .post(app.url(&format!("/bucha/spaces/{s}/follow")))
        .form(&[("csrf", "wrong"), ("action", "unfollow")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let idea = propose(&app, &olena, s, "Квіти на клумбах").await;
    let idea_page = page(format!("/bucha/ideas/{idea}")).await;
    assert!(idea_page.contains("Стежити за ідеєю"));
    let r = c
        .post(app.url(&format!("/bucha/ideas/{idea}/follow")))
        .form(&[("csrf", csrf.as_str()), ("action", "follow")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        page(format!("/bucha/ideas/{idea}"))
            .await
            .contains("Не стежити за ідеєю")
    );

    // The list: newest first, unread marked, "mark all read".
    comment(&app, &olena, idea, None, "Пропоную тюльпани").await;
    let list = page("/bucha/notifications".into()).await;
    let (new_idea, commented) = (
        list.find("запропонував(-ла) нову ідею").expect("the new idea"),
        list.find("прокоментував(-ла)").expect("the comment"),
    );
    assert!(commented < new_idea, "newest first");
    assert_eq!(list.matches("Непрочитане").count(), 2);
    assert!(list.contains("Сповіщення (2 непрочитані)"));
    let r = c
        .post(app.url("/bucha/notifications/read"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let list = page("/bucha/notifications".into()).await;
    assert!(!list.contains("Непрочитане") && list.contains("Квіти на клумбах"));

    // Settings: a select per kind; a bad value is 422 and changes nothing.
    let form = page("/bucha/account/notifications".into()).await;
    assert!(form.contains("<select id=\"mode-comment\" name=\"comment\">"));
    assert!(form.contains("<option value=\"weekly\">У щотижневому зведенні"));
    assert!(form.contains("name=\"monthly_recap\" value=\"on\" aria-describedby=\"monthly-recap-hint\" checked>"));
    // Each is offered the kinds sent to their role: a resident not the
    // staff's; an official both; a moderator (who may be in a department)
    // not thresholds, which go to officials.
    assert!(!form.contains("id=\"mode-threshold\"") && !form.contains("id=\"mode-report_department\""));
    for (email, role, threshold) in [
        ("official@example.org", "official", true),
        ("moderator@example.org", "moderator", false),
    ] {
        member(&app, email, role).await;
        let (_, staff, _) = browser(&app, email).await;
        let response = staff.get(app.url("/bucha/account/notifications")).send().await.unwrap();
        let staff_form = response.text().await.unwrap();
        assert_eq!(staff_form.contains("id=\"mode-threshold\""), threshold, "{role}");
        assert!(staff_form.contains("id=\"mode-report_department\""), "{role}");
    }
    let r = c
        .post(app.url("/bucha/account/notifications"))
        .form(&[("csrf", csrf.as_str()), ("monthly_recap", "sometimes")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = c
        .post(app.url("/bucha/account/notifications"))
        .form(&[("csrf", csrf.as_str()), ("comment", "hourly")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = c
        .post(app.url("/bucha/account/notifications"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("comment", "immediate"),
            ("new_idea", "never"),
            ("reply", "weekly"),
            ("locale", "en"),
            ("monthly_recap", "off"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let form = page("/bucha/account/notifications?done=saved".into()).await;
    assert!(form.contains("Налаштування сповіщень збережено"));
    assert!(form.contains("<option value=\"never\" selected>"));
    assert!(form.contains("<option value=\"en\" lang=\"en\" selected>"));
    assert!(
        form.contains("<option value=\"weekly\" selected>"),
        "reply is weekly now"
    );
    assert!(
        form.contains("aria-describedby=\"monthly-recap-hint\">"),
        "the recap is switched off: the box is not checked"
    );
    let anonymous = client().get(app.url("/bucha/notifications")).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

const DAY_MS: i64 = 86_400_000;

/// A Monday at 08:00 UTC (the digest hour in these tests is 7).
fn a_monday_morning() -> Timestamp {
    let day = Timestamp::now().0.div_euclid(DAY_MS);
    let monday = day + (7 - (day + 3).rem_euclid(7)) % 7;
    Timestamp(monday * DAY_MS + 8 * 3_600_000)
}

async fn weekly_rows_wait_for_the_weekly_digest_and_go_out_once(app: TestApp) {
    let (record, t) = setup(&app).await;
    let s = space(&app.db, t, "Парки").await.0;
    let (_, olena) = member(&app, "olena@example.org", "citizen").await;
    let (_, petro) = member(&app, "petro@example.org", "citizen").await;
    let (status, _) = api(
        &app,
        Method::PUT,
        &format!("/api/v1/bucha/spaces/{s}/follow"),
        &petro,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let path = "/api/v1/bucha/me/notification-settings";
    let (status, now) = api(
        &app,
        Method::PUT,
        path,
        &petro,
        Some(json!({"modes": {"new_idea": "weekly"}})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{now}");
    assert_eq!(now["modes"]["new_idea"], "weekly");
    assert_eq!(now["monthly_recap"], true, "the recap is on by default");
    let (status, body) = api(
        &app,
        Method::PUT,
        path,
        &petro,
        Some(json!({"modes": {"new_idea": "monthly"}})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        api(&app, Method::GET, path, &petro, None).await.1,
        now,
        "nothing changed"
    );

    propose(&app, &olena, s, "Фонтан у парку").await;
    propose(&app, &olena, s, "Лавки біля ставка").await;
    assert_eq!(kinds(&app, &petro).await, ["new_idea", "new_idea"]);

    // Neither the immediate pass nor the daily digest mails them.
    let m = mailing();
    let monday = a_monday_morning();
    for mode in [Mode::Immediate, Mode::Daily] {
        notify::mail_waiting(&app.platform, &record, mode, &m).await.unwrap();
    }
    notify::send_if_due(&app.platform, &record, &m, Cadence::Daily, monday, 7)
        .await
        .unwrap();
    assert!(outbox(&app).await.is_empty(), "weekly rows wait for the weekly digest");

    // Not on a Tuesday, nor on Monday before the hour.
    for not_due in [Timestamp(monday.0 + DAY_MS), Timestamp(monday.0 - 2 * 3_600_000)] {
        assert_eq!(
            notify::send_if_due(&app.platform, &record, &m, Cadence::Weekly, not_due, 7)
                .await
                .unwrap(),
            0
        );
    }
    // Two nodes at once on Monday: one mail.
    let (x, y) = tokio::join!(
        notify::send_if_due(&app.platform, &record, &m, Cadence::Weekly, monday, 7),
        notify::send_if_due(&app.platform, &record, &m, Cadence::Weekly, monday, 7),
    );
    assert_eq!(x.unwrap() + y.unwrap(), 1);
    let mails = outbox(&app).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].recipient, "petro@example.org");
    assert!(mails[0].subject.contains("щотижневе зведення"), "{}", mails[0].subject);
    let text = &mails[0].body_text;
    assert!(text.contains("цього тижня") && !text.contains("від учора"), "{text}");
    assert!(
        text.contains("Фонтан у парку") && text.contains("Лавки біля ставка"),
        "{text}"
    );

    // Asked again the same week, or with nothing waiting: nothing more.
    propose(&app, &olena, s, "Велодоріжка").await;
    let later = Timestamp(monday.0 + 3_600_000);
    assert_eq!(
        notify::send_if_due(&app.platform, &record, &m, Cadence::Weekly, later, 7)
            .await
            .unwrap(),
        0,
        "once a week"
    );
    let next_week = Timestamp(monday.0 + 7 * DAY_MS);
    assert_eq!(
        notify::send_if_due(&app.platform, &record, &m, Cadence::Weekly, next_week, 7)
            .await
            .unwrap(),
        1,
        "the next Monday brings the next week's news"
    );
    assert!(outbox(&app).await[0].body_text.contains("Велодоріжка"));
    assert_eq!(
        notify::mail_waiting(&app.platform, &record, Mode::Weekly, &m)
            .await
            .unwrap(),
        0,
        "no empty digest"
    );
}

/// The first of next month at 08:00 UTC.
fn next_month_first() -> Timestamp {
    let this = civic_core::town_admin::Months::at(Timestamp::now()).this_start;
    let next = civic_core::town_admin::Months::at(Timestamp(this.0 + 32 * DAY_MS)).this_start;
    Timestamp(next.0 + 8 * 3_600_000)
}

async fn the_monthly_recap_tells_what_happened_to_what_people_took_part_in(app: TestApp) {
    let (record, t) = setup(&app).await;
    let s = space(&app.db, t, "Парки").await.0;
    let (_, olena) = member(&app, "olena@example.org", "citizen").await;
    let (_, petro) = member(&app, "petro@example.org", "citizen").await;
    let (_, maria) = member(&app, "maria@example.org", "citizen").await;
    let (_, ivan) = member(&app, "ivan@example.org", "citizen").await;
    let (_, city) = member(&app, "city@example.org", "official").await;
    let idea = propose(&app, &olena, s, "Лавки в парку").await;
    for who in [&petro, &maria] {
        let (status, body) = api(
            &app,
            Method::PUT,
            &format!("/api/v1/bucha/ideas/{idea}/support"),
            who,
            None,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    // Ivan only comments elsewhere: nothing happened to that; but he argued
    // in a debate the city concluded.
    let other = propose(&app, &olena, s, "Квіти").await;
    comment(&app, &ivan, other, None, "Тюльпани!").await;
    let (status, debate) = api(
        &app,
        Method::POST,
        &format!("/api/v1/bucha/spaces/{s}/debates"),
        &city,
        Some(json!({"question": "Чи робити вулицю пішохідною?"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{debate}");
    let debate = debate["id"].as_i64().unwrap();
    let (status, body) = api(
        &app,
        Method::POST,
        &format!("/api/v1/bucha/debates/{debate}/arguments"),
        &ivan,
        Some(json!({"side": "for", "body": "Дітям буде безпечніше ходити до школи."})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = api(
        &app,
        Method::POST,
        &format!("/api/v1/bucha/debates/{debate}/conclusion"),
        &city,
        Some(json!({"text": "Вулицю закриють для авто.", "arguments": []})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // Maria switches the recap off.
    let path = "/api/v1/bucha/me/notification-settings";
    let (status, body) = api(&app, Method::PUT, path, &maria, Some(json!({"monthly_recap": false}))).await;
    assert_eq!(
        (status, &body["monthly_recap"]),
        (StatusCode::OK, &json!(false)),
        "{body}"
    );
    let (status, _) = api(
        &app,
        Method::POST,
        &format!("/api/v1/bucha/ideas/{idea}/answers"),
        &city,
        Some(json!({"status": "accepted", "text": "Поставимо навесні."})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let m = mailing();
    notify::mail_waiting(&app.platform, &record, Mode::Immediate, &m)
        .await
        .unwrap();
    notify::mail_waiting(&app.platform, &record, Mode::Daily, &m)
        .await
        .unwrap();
    outbox(&app).await;

    // Not before the first of the month, nor before the hour.
    let first = next_month_first();
    for not_due in [Timestamp(first.0 - DAY_MS), Timestamp(first.0 - 2 * 3_600_000)] {
        assert_eq!(
            notify::send_if_due(&app.platform, &record, &m, Cadence::Monthly, not_due, 7)
                .await
                .unwrap(),
            0
        );
    }
    // Two nodes at once: Olena, Petro and Ivan, once each.
    let (x, y) = tokio::join!(
        notify::send_if_due(&app.platform, &record, &m, Cadence::Monthly, first, 7),
        notify::send_if_due(&app.platform, &record, &m, Cadence::Monthly, first, 7),
    );
    assert_eq!(x.unwrap() + y.unwrap(), 3);
    let mails = outbox(&app).await;
    let mut to: Vec<&str> = mails.iter().map(|m| m.recipient.as_str()).collect();
    to.sort_unstable();
    assert_eq!(
        to,
        ["ivan@example.org", "olena@example.org", "petro@example.org"],
        "not Maria (switched off), not the official who answered"
    );
    let ivans = mails.iter().find(|m| m.recipient == "ivan@example.org").unwrap();
    assert!(
        ivans
            .body_text
            .contains("Місто завершило дебати «Чи робити вулицю пішохідною?»"),
        "the debate he argued in: {}",
        ivans.body_text
    );
    assert!(
        !ivans.body_text.contains("Квіти"),
        "nothing happened to the idea he commented on"
    );
    let petros = mails.iter().find(|m| m.recipient == "petro@example.org").unwrap();
    assert!(petros.subject.contains("минулого місяця"), "{}", petros.subject);
    let text = &petros.body_text;
    assert!(text.contains("Лавки в парку"), "{text}");
    assert!(text.contains("Прийнято"), "the city's answer: {text}");
    assert!(
        text.contains(&format!("http://civic.test/bucha/ideas/{idea}")),
        "{text}"
    );
    assert!(!text.contains("Квіти"), "only what he took part in: {text}");
    assert!(petros.body_html.contains("<h2>Лавки в парку</h2>"), "grouped by item");

    // Once a month.
    assert_eq!(
        notify::send_if_due(
            &app.platform,
            &record,
            &m,
            Cadence::Monthly,
            Timestamp(first.0 + 3_600_000),
            7
        )
        .await
        .unwrap(),
        0
    );
    // A month with no news sends nothing.
    let after = civic_core::town_admin::Months::at(Timestamp(first.0 + 32 * DAY_MS)).this_start;
    assert_eq!(
        notify::send_if_due(
            &app.platform,
            &record,
            &m,
            Cadence::Monthly,
            Timestamp(after.0 + 8 * 3_600_000),
            7
        )
        .await
        .unwrap(),
        0
    );
    assert!(outbox(&app).await.is_empty());
}
