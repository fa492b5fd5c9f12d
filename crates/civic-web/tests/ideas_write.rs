//! Taking part in ideas (issue 5): proposing, supporting, commenting, the
//! city's answers, the review queue and search — through the JSON API and
//! the HTML forms, on SQLite and on PostgreSQL.

mod common;

use civic_core::{IdeaId, SpaceId, TenantId, Timestamp};
use civic_testkit::ideas::{Ideas, NewIdea};
use civic_testkit::spaces::{NewSpace, Spaces};
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    proposing_through_the_api,
    proposing_with_the_html_form,
    markdown_never_lets_script_through,
    supports_are_idempotent_exact_and_reach_review,
    parallel_supports_by_one_user_count_once,
    the_support_button_works_without_javascript,
    comments_nest_three_levels_deep,
    comment_and_reply_forms,
    only_officials_answer_and_only_along_the_status_machine,
    the_review_queue_lists_ideas_waiting_for_an_answer,
    search_finds_ukrainian_text_whatever_the_apostrophe_and_case,
    another_tenants_idea_is_not_found,
);

const PASSWORD: &str = "correct horse battery staple";

async fn account(app: &TestApp, slug: &str, email: &str, role: &str) {
    civic_app::users::create(
        &app.platform,
        &civic_app::users::CreateUser {
            tenant_slug: slug,
            email,
            display_name: Some(&format!("Особа {}", email.split('@').next().unwrap())),
            role,
            password: PASSWORD,
        },
    )
    .await
    .unwrap();
}

/// A personal access token for a new account with this role.
async fn token(app: &TestApp, slug: &str, email: &str, role: &str) -> String {
    account(app, slug, email, role).await;
    let r = app
        .client
        .post(app.url(&format!("/api/v1/{slug}/tokens")))
        .json(&json!({"email": email, "password": PASSWORD, "name": "tests"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_string()
}

/// A browser signed in as a new account with this role, and its CSRF token.
async fn browser(app: &TestApp, slug: &str, email: &str, role: &str) -> (reqwest::Client, String) {
    account(app, slug, email, role).await;
    let c = client();
    let r = c
        .post(app.url(&format!("/{slug}/login")))
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let home = c
        .get(app.url(&format!("/{slug}/")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = home
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .expect("a signed-in page carries the CSRF token")
        .split('"')
        .next()
        .unwrap()
        .to_string();
    (c, csrf)
}

async fn space_with(db: &civic_testkit::Db, t: TenantId, status: &str, threshold: i64) -> SpaceId {
    Spaces::of(db, t)
        .create(&NewSpace {
            title: "Простір",
            description: "Опис",
            status,
            support_threshold: threshold,
            starts_at: None,
            ends_at: None,
        })
        .await
        .unwrap()
}

async fn idea_with(db: &civic_testkit::Db, t: TenantId, s: SpaceId, title: &str, body: &str, status: &str) -> IdeaId {
    Ideas::of(db, t)
        .create(&NewIdea {
            space: s,
            author: None,
            title,
            body,
            status,
            category: None,
            district: None,
            location: None,
            created_at: Timestamp::now(),
        })
        .await
        .unwrap()
}

async fn api(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    bearer: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut r = app.client.request(method, app.url(path));
    if let Some(t) = bearer {
        r = r.bearer_auth(t);
    }
    if let Some(b) = body {
        r = r.json(&b);
    }
    let r = r.send().await.unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

async fn post(app: &TestApp, path: &str, bearer: Option<&str>, body: Value) -> (StatusCode, Value) {
    api(app, reqwest::Method::POST, path, bearer, Some(body)).await
}

fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or_default()
}

async fn idea_count(app: &TestApp, space: SpaceId) -> usize {
    let list: Value = app
        .get(&format!("/api/v1/bucha/spaces/{space}/ideas"))
        .await
        .json()
        .await
        .unwrap();
    list["items"].as_array().unwrap().len()
}

async fn proposing_through_the_api(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    let path = format!("/api/v1/bucha/spaces/{s}/ideas");
    let good = json!({
        "title": "  Лавки в тіні  ",
        "body": "Поставити **лавки** під деревами.",
        "category": "Благоустрій",
        "district": "Центр",
        "location": {"latitude": 50.54, "longitude": 30.21}
    });

    let (status, body) = post(&app, &path, None, good.clone()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&body), "unauthorized");

    let citizen = token(&app, "bucha", "olena@example.org", "citizen").await;
    let r = app
        .client
        .post(app.url(&path))
        .bearer_auth(&citizen)
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let created: Value = r.json().await.unwrap();
    assert_eq!(created["title"], "Лавки в тіні", "the title is trimmed");
    assert_eq!(created["status"], "published");
    assert_eq!(created["support_count"], 0);
    assert_eq!(created["location"]["latitude"], 50.54);
    assert_eq!(created["author"], "Особа olena");
    assert_eq!(location, format!("/api/v1/bucha/ideas/{}", created["id"]));
    let fetched: Value = app.get(&location).await.json().await.unwrap();
    assert_eq!(fetched, created, "201 answers with the same shape as GET");

    // Each refusal names its field; nothing is stored.
    for (change, expected) in [
        (json!({"title": "ab"}), "invalid_title"),
        (json!({"title": "я".repeat(151)}), "invalid_title"),
        (json!({"title": "   "}), "invalid_title"),
        (json!({"body": ""}), "invalid_body"),
        (json!({"body": "x".repeat(10_001)}), "invalid_body"),
        (json!({"category": "x".repeat(61)}), "invalid_category"),
        (json!({"district": "x".repeat(61)}), "invalid_district"),
        (
            json!({"location": {"latitude": 91.0, "longitude": 0.0}}),
            "invalid_location",
        ),
        (
            json!({"location": {"latitude": 0.0, "longitude": -180.5}}),
            "invalid_location",
        ),
        (
            json!({"location": {"latitude": "north", "longitude": 0.0}}),
            "invalid_json",
        ),
    ] {
        let mut input = good.clone();
        for (k, v) in change.as_object().unwrap() {
            input[k] = v.clone();
        }
        let (status, body) = post(&app, &path, Some(&citizen), input).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{change}: {body}");
        assert_eq!(code(&body), expected, "{change}");
        assert!(body["error"]["message"].as_str().unwrap().len() > 5);
    }
    // Every problem at once: each field named in `fields`, in the caller's language.
    let all_bad = json!({"title": "ab", "body": "", "category": "x".repeat(61)});
    let (status, body) = post(&app, &path, Some(&citizen), all_bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "body", "category"], "{body}");
    let in_ukrainian: Value = app
        .client
        .post(app.url(&path))
        .bearer_auth(&citizen)
        .header("accept-language", "uk")
        .json(&json!({"title": "ab", "body": "Текст"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let message = in_ukrainian["error"]["message"].as_str().unwrap();
    assert!(message.chars().any(|c| ('а'..='я').contains(&c)), "{message}");
    let malformed = app
        .client
        .post(app.url(&path))
        .bearer_auth(&citizen)
        .header("content-type", "application/json")
        .body("{\"title\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(code(&malformed.json().await.unwrap()), "bad_request");
    assert_eq!(idea_count(&app, s).await, 1, "refused proposals stored nothing");

    // Ids that are not ids, and spaces that are not open.
    let (status, _) = post(&app, "/api/v1/bucha/spaces/abc/ideas", Some(&citizen), good.clone()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let draft = space_with(&app.db, t, "draft", 5).await;
    let (status, _) = post(
        &app,
        &format!("/api/v1/bucha/spaces/{draft}/ideas"),
        Some(&citizen),
        good.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let closed = space_with(&app.db, t, "closed", 5).await;
    let (status, body) = post(
        &app,
        &format!("/api/v1/bucha/spaces/{closed}/ideas"),
        Some(&citizen),
        good.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(code(&body), "space_closed");
    assert_eq!(idea_count(&app, closed).await, 0);

    // A space that lists its categories and districts accepts only those.
    Spaces::of(&app.db, t)
        .set_choices(s, &["Благоустрій", "Транспорт"], &["Центр"])
        .await
        .unwrap();
    let mut other = good.clone();
    other["category"] = json!("Інше");
    let (status, body) = post(&app, &path, Some(&citizen), other).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_category")
    );
    let (status, _) = post(&app, &path, Some(&citizen), good.clone()).await;
    assert_eq!(status, StatusCode::CREATED);

    // A browser session calling the API needs its CSRF token in a header.
    let (browser, csrf) = browser(&app, "bucha", "taras@example.org", "citizen").await;
    let forged = browser.post(app.url(&path)).json(&good).send().await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let sent = browser
        .post(app.url(&path))
        .header("x-csrf-token", &csrf)
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::CREATED);
    assert_eq!(idea_count(&app, s).await, 3);
}

async fn proposing_with_the_html_form(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    let signed_out = app.get(&format!("/bucha/spaces/{s}")).await.text().await.unwrap();
    assert!(signed_out.contains("Увійдіть, щоб запропонувати ідею"), "{signed_out}");
    assert!(!signed_out.contains(&format!("/bucha/spaces/{s}/ideas/new")));
    assert_eq!(
        app.get(&format!("/bucha/spaces/{s}/ideas/new")).await.status(),
        StatusCode::UNAUTHORIZED
    );

    let (c, csrf) = browser(&app, "bucha", "olena@example.org", "citizen").await;
    let space_page = c
        .get(app.url(&format!("/bucha/spaces/{s}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(space_page.contains(&format!("href=\"/bucha/spaces/{s}/ideas/new\"")));
    let form = c
        .get(app.url(&format!("/bucha/spaces/{s}/ideas/new")))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let form = form.text().await.unwrap();
    for label in [
        "<label for=\"title\">",
        "<label for=\"body\">",
        "<label for=\"latitude\">",
    ] {
        assert!(form.contains(label), "{label}");
    }

    let url = app.url(&format!("/bucha/spaces/{s}/ideas/new"));
    let without_csrf = c
        .post(&url)
        .form(&[("title", "Фонтан"), ("body", "Питний фонтан")])
        .send()
        .await
        .unwrap();
    assert_eq!(without_csrf.status(), StatusCode::FORBIDDEN);

    let bad = c
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("title", "ab"),
            ("body", "Текст"),
            ("latitude", "north"),
            ("longitude", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text().await.unwrap();
    assert!(page.contains("class=\"error-summary\""), "{page}");
    assert!(
        page.contains("<a href=\"#title\">Назва має від 3 до 150 символів.</a>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"#latitude\">"), "{page}");
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(page.contains("value=\"north\""), "what was typed stays");
    assert_eq!(idea_count(&app, s).await, 0);

    let ok = c
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("title", "Питний фонтан"),
            ("body", "Біля *входу* в парк"),
            ("category", ""),
            ("district", ""),
            ("latitude", "50,54"),
            ("longitude", "30.21"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let to = ok.headers()["location"].to_str().unwrap().to_string();
    assert!(to.starts_with("/bucha/ideas/"), "{to}");
    let page = c.get(app.url(&to)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Питний фонтан") && page.contains("<em>входу</em>"));
    assert!(page.contains("mlat=50.54000"), "the decimal comma was accepted");
}

async fn markdown_never_lets_script_through(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    let citizen = token(&app, "bucha", "olena@example.org", "citizen").await;
    let hostile = "Текст <script>alert('x')</script>\n\n[клік](javascript:alert(1)) \
                   <img src=x onerror=alert(2)> <iframe src=\"https://evil.example\"></iframe> \
                   <a href=\"JAVASCRIPT:alert(3)\">a</a> **жирний**";
    let (status, created) = post(
        &app,
        &format!("/api/v1/bucha/spaces/{s}/ideas"),
        Some(&citizen),
        json!({"title": "Небезпечний текст", "body": hostile}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["body"], hostile, "the Markdown is stored as typed");
    let id = created["id"].as_i64().unwrap();
    let (status, _) = post(
        &app,
        &format!("/api/v1/bucha/ideas/{id}/comments"),
        Some(&citizen),
        json!({"body": hostile}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let page = app.get(&format!("/bucha/ideas/{id}")).await.text().await.unwrap();
    let lower = page.to_lowercase();
    assert!(page.contains("<strong>жирний</strong>"), "formatting survives");
    for banned in ["<script>alert", "javascript:", "onerror", "<iframe", "evil.example\""] {
        assert!(!lower.contains(banned), "{banned} reached the page");
    }
}

async fn supports_are_idempotent_exact_and_reach_review(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space_with(&app.db, t, "published", 2).await;
    let i = idea_with(&app.db, t, s, "Велодоріжка", "Текст", "published").await;
    let path = format!("/api/v1/bucha/ideas/{i}/support");
    let put = |bearer: Option<String>| {
        let path = path.clone();
        let app = &app;
        async move { api(app, reqwest::Method::PUT, &path, bearer.as_deref(), None).await }
    };
    let (status, _) = put(None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let a = token(&app, "bucha", "a@example.org", "citizen").await;
    let b = token(&app, "bucha", "b@example.org", "citizen").await;
    let (status, body) = put(Some(a.clone())).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(body["supported"], true);
    assert_eq!(body["support_count"], 1);
    let (status, body) = put(Some(a.clone())).await;
    assert_eq!(
        (status, body["support_count"].as_i64()),
        (StatusCode::OK, Some(1)),
        "idempotent"
    );

    let (status, body) = api(&app, reqwest::Method::DELETE, &path, Some(&a), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"supported": false, "support_count": 0, "status": "published"})
    );
    let (_, body) = api(&app, reqwest::Method::DELETE, &path, Some(&a), None).await;
    assert_eq!(body["support_count"], 0, "withdrawing twice removes one");

    // Reaching the space's threshold (2) puts a published idea under review.
    put(Some(a.clone())).await;
    let (_, body) = put(Some(b.clone())).await;
    assert_eq!(body["support_count"], 2);
    assert_eq!(body["status"], "under_review");
    let idea: Value = app.get(&format!("/api/v1/bucha/ideas/{i}")).await.json().await.unwrap();
    assert_eq!(
        (idea["support_count"].as_i64(), idea["status"].as_str()),
        (Some(2), Some("under_review"))
    );
    assert_eq!(Ideas::of(&app.db, t).count_supports(i).await.unwrap(), 2);

    // Withdrawn ideas and closed spaces take no supports, either way.
    let withdrawn = idea_with(&app.db, t, s, "Відкликана", "Текст", "withdrawn").await;
    for method in [reqwest::Method::PUT, reqwest::Method::DELETE] {
        let (status, body) = api(
            &app,
            method,
            &format!("/api/v1/bucha/ideas/{withdrawn}/support"),
            Some(&a),
            None,
        )
        .await;
        assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "idea_withdrawn"));
    }
    let closed = space_with(&app.db, t, "closed", 2).await;
    let late = idea_with(&app.db, t, closed, "Запізно", "Текст", "published").await;
    let (status, body) = api(
        &app,
        reqwest::Method::PUT,
        &format!("/api/v1/bucha/ideas/{late}/support"),
        Some(&a),
        None,
    )
    .await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "space_closed"));
    assert_eq!(Ideas::of(&app.db, t).count_supports(late).await.unwrap(), 0);
    let (status, _) = api(
        &app,
        reqwest::Method::PUT,
        "/api/v1/bucha/ideas/x1/support",
        Some(&a),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn parallel_supports_by_one_user_count_once(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space_with(&app.db, t, "published", 100).await;
    let i = idea_with(&app.db, t, s, "Ліхтарі", "Текст", "published").await;
    let a = token(&app, "bucha", "a@example.org", "citizen").await;
    let url = app.url(&format!("/api/v1/bucha/ideas/{i}/support"));
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (client, url, a) = (app.client.clone(), url.clone(), a.clone());
        tasks.push(tokio::spawn(async move {
            let r = client.put(url).bearer_auth(a).send().await.unwrap();
            let status = r.status();
            (status, r.json::<Value>().await.unwrap())
        }));
    }
    let mut created = 0;
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert!(
            status == StatusCode::CREATED || status == StatusCode::OK,
            "{status} {body}"
        );
        assert_eq!(body["supported"], true);
        created += usize::from(status == StatusCode::CREATED);
    }
    assert_eq!(created, 1, "exactly one request stored the support");
    assert_eq!(Ideas::of(&app.db, t).count_supports(i).await.unwrap(), 1);
    let idea: Value = app.get(&format!("/api/v1/bucha/ideas/{i}")).await.json().await.unwrap();
    assert_eq!(idea["support_count"], 1);
}

async fn the_support_button_works_without_javascript(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    let i = idea_with(&app.db, t, s, "Лавки", "Текст", "published").await;
    let anonymous = app.get(&format!("/bucha/ideas/{i}")).await.text().await.unwrap();
    assert!(anonymous.contains("Увійдіть, щоб підтримати ідею"));
    assert!(!anonymous.contains("/support\""));

    let (c, csrf) = browser(&app, "bucha", "olena@example.org", "citizen").await;
    let page_url = app.url(&format!("/bucha/ideas/{i}"));
    let page = c.get(&page_url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("action=\"/bucha/ideas/{i}/support\"")));
    assert!(page.contains("name=\"action\" value=\"add\"") && !page.contains("Ви підтримуєте цю ідею."));

    let url = app.url(&format!("/bucha/ideas/{i}/support"));
    let forged = c.post(&url).form(&[("action", "add")]).send().await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let wrong = c
        .post(&url)
        .form(&[("action", "add"), ("csrf", "nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    assert_eq!(Ideas::of(&app.db, t).count_supports(i).await.unwrap(), 0);

    let done = c
        .post(&url)
        .form(&[("action", "add"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        done.headers()["location"],
        format!("/bucha/ideas/{i}?done=supported#support")
    );
    let page = c.get(&page_url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Ви підтримуєте цю ідею.") && page.contains("name=\"action\" value=\"remove\""));
    // The redirect's page says what just happened, once, as a status.
    let told = c
        .get(app.url(done.headers()["location"].to_str().unwrap()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        told.contains("<p class=\"notice\" role=\"status\">Ви підтримали цю ідею. Дякуємо!</p>"),
        "{told}"
    );
    assert!(!page.contains("Ви підтримали цю ідею. Дякуємо!"), "not without ?done=");
    assert!(page.contains("1 підтримка"), "{page}");
    // How far it is from the city's answer (the space asks for 5).
    assert!(
        page.contains("1 з 5 підтримок, потрібних, щоб місто відповіло"),
        "{page}"
    );

    let undone = c
        .post(&url)
        .form(&[("action", "remove"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(undone.status(), StatusCode::SEE_OTHER);
    assert_eq!(Ideas::of(&app.db, t).count_supports(i).await.unwrap(), 0);
    let bad = c
        .post(&url)
        .form(&[("action", "maybe"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

async fn comments_nest_three_levels_deep(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    let i = idea_with(&app.db, t, s, "Лавки", "Текст", "published").await;
    let other = idea_with(&app.db, t, s, "Інша ідея", "Текст", "published").await;
    let path = format!("/api/v1/bucha/ideas/{i}/comments");
    let (status, _) = post(&app, &path, None, json!({"body": "Анонім"})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let citizen = token(&app, "bucha", "olena@example.org", "citizen").await;
    let official = token(&app, "bucha", "clerk@example.org", "official").await;
    let (status, top) = post(
        &app,
        &path,
        Some(&citizen),
        json!({"body": "Підтримую", "alignment": "for"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{top}");
    assert_eq!(
        (top["depth"].as_i64(), top["alignment"].as_str()),
        (Some(0), Some("in_favour"))
    );
    assert_eq!(top["official"], false);
    let mut parent = top["id"].as_i64().unwrap();
    for depth in 1..=3 {
        let who = if depth == 2 { &official } else { &citizen };
        let (status, reply) = post(
            &app,
            &path,
            Some(who),
            json!({"body": format!("Рівень {depth}"), "parent_id": parent}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(reply["depth"], depth);
        assert_eq!(reply["parent_id"], parent);
        parent = reply["id"].as_i64().unwrap();
    }
    let (status, body) = post(
        &app,
        &path,
        Some(&citizen),
        json!({"body": "Занадто глибоко", "parent_id": parent}),
    )
    .await;
    assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "too_deep"));

    let (_, elsewhere) = post(
        &app,
        &format!("/api/v1/bucha/ideas/{other}/comments"),
        Some(&citizen),
        json!({"body": "Там"}),
    )
    .await;
    for (input, expected) in [
        (
            json!({"body": "Не туди", "parent_id": elsewhere["id"]}),
            "invalid_parent",
        ),
        (json!({"body": "Нема", "parent_id": 999_999}), "invalid_parent"),
        (json!({"body": "  "}), "invalid_comment"),
        (json!({"body": "x".repeat(5001)}), "invalid_comment"),
        (json!({"body": "Так", "alignment": "maybe"}), "invalid_alignment"),
        (json!({"body": 5}), "invalid_json"),
    ] {
        let (status, body) = post(&app, &path, Some(&citizen), input.clone()).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, expected),
            "{input}"
        );
    }

    let listed: Value = app.get(&path).await.json().await.unwrap();
    let items = listed["items"].as_array().unwrap();
    assert_eq!(items.len(), 4, "refused comments stored nothing");
    assert_eq!(
        items.iter().map(|c| c["depth"].as_i64().unwrap()).collect::<Vec<_>>(),
        [0, 1, 2, 3]
    );
    assert_eq!(items[2]["official"], true, "the official's reply carries the badge");
    assert_eq!(items[2]["author"], "Особа clerk");
    let idea: Value = app.get(&format!("/api/v1/bucha/ideas/{i}")).await.json().await.unwrap();
    assert_eq!(idea["comment_count"], 4);

    let withdrawn = idea_with(&app.db, t, s, "Відкликана", "Текст", "withdrawn").await;
    let (status, body) = post(
        &app,
        &format!("/api/v1/bucha/ideas/{withdrawn}/comments"),
        Some(&citizen),
        json!({"body": "Ну"}),
    )
    .await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "idea_withdrawn"));
}

async fn comment_and_reply_forms(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    let i = idea_with(&app.db, t, s, "Лавки", "Текст", "published").await;
    let (c, csrf) = browser(&app, "bucha", "olena@example.org", "citizen").await;
    let url = app.url(&format!("/bucha/ideas/{i}/comments"));

    let forged = c.post(&url).form(&[("body", "Без токена")]).send().await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let empty = c
        .post(&url)
        .form(&[("csrf", csrf.as_str()), ("body", " ")])
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = empty.text().await.unwrap();
    assert!(
        page.contains("<a href=\"#comment-body\">Коментар має від 1 до 5000 символів.</a>"),
        "{page}"
    );

    let sent = c
        .post(&url)
        .form(&[("csrf", csrf.as_str()), ("body", "Гарна ідея"), ("alignment", "for")])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let to = sent.headers()["location"].to_str().unwrap().to_string();
    let comment_id: i64 = to.rsplit("#comment-").next().unwrap().parse().unwrap();

    // Without JavaScript: the reply link opens the form under that comment.
    let page = c
        .get(app.url(&format!("/bucha/ideas/{i}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("href=\"/bucha/ideas/{i}?reply_to={comment_id}#reply\"")),
        "{page}"
    );
    assert!(!page.contains("id=\"reply\""));
    let page = c
        .get(app.url(&format!("/bucha/ideas/{i}?reply_to={comment_id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"reply\"") && page.contains(&format!("name=\"parent_id\" value=\"{comment_id}\"")));
    assert!(page.contains("<label for=\"reply-body\">"));
    let reply = c
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("body", "Згоден"),
            ("parent_id", &comment_id.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::SEE_OTHER);
    let listed: Value = app
        .get(&format!("/api/v1/bucha/ideas/{i}/comments"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"][1]["parent_id"], comment_id);
    assert_eq!(listed["items"][0]["alignment"], "in_favour");
    // A reply with a parent that is not a number is a bad request, not a 500.
    let bad = c
        .post(&url)
        .form(&[("csrf", csrf.as_str()), ("body", "x"), ("parent_id", "abc")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

async fn only_officials_answer_and_only_along_the_status_machine(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    let i = idea_with(&app.db, t, s, "Лавки", "Текст", "published").await;
    let path = format!("/api/v1/bucha/ideas/{i}/answers");
    let answer = |status: &str| json!({"status": status, "text": format!("Відповідь: {status}")});

    let (status, _) = post(&app, &path, None, answer("accepted")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let citizen = token(&app, "bucha", "olena@example.org", "citizen").await;
    let (status, body) = post(&app, &path, Some(&citizen), answer("accepted")).await;
    assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "forbidden"));
    let moderator = token(&app, "bucha", "mod@example.org", "moderator").await;
    let (status, _) = post(&app, &path, Some(&moderator), answer("accepted")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let official = token(&app, "bucha", "clerk@example.org", "official").await;
    let admin = token(&app, "bucha", "admin@example.org", "admin").await;
    for (input, expected) in [
        (json!({"status": "accepted", "text": " "}), "invalid_answer"),
        (
            json!({"status": "accepted", "text": "x".repeat(5001)}),
            "invalid_answer",
        ),
        (json!({"status": "done", "text": "Так"}), "invalid_status"),
        (json!({"status": "published", "text": "Так"}), "invalid_status"),
    ] {
        let (status, body) = post(&app, &path, Some(&official), input.clone()).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, expected),
            "{input}"
        );
    }
    let (status, body) = post(&app, &path, Some(&official), answer("implemented")).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "invalid_transition"));

    for (who, to) in [
        (&official, "under_review"),
        (&official, "accepted"),
        (&admin, "in_progress"),
        (&official, "implemented"),
    ] {
        let (status, body) = post(&app, &path, Some(who), answer(to)).await;
        assert_eq!(status, StatusCode::CREATED, "{to}: {body}");
        assert_eq!(body["status"], to);
    }
    let (status, body) = post(&app, &path, Some(&official), answer("rejected")).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "invalid_transition"));

    let idea: Value = app.get(&format!("/api/v1/bucha/ideas/{i}")).await.json().await.unwrap();
    let history: Vec<(&str, &str)> = idea["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["status"].as_str().unwrap(), a["author_role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        history,
        [
            ("under_review", "official"),
            ("accepted", "official"),
            ("in_progress", "admin"),
            ("implemented", "official")
        ]
    );
    let page = app.get(&format!("/bucha/ideas/{i}")).await.text().await.unwrap();
    assert!(
        page.contains("Відповідь: implemented") && page.contains("Посадова особа") && page.contains("Адміністратор")
    );
    // Each answer is in the audit log, with who gave it; refused ones are not.
    let audit: Value = client()
        .get(app.url("/api/v1/bucha/audit?action=idea_answered"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let entries: Vec<(&str, &str)> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["actor"].as_str().unwrap(), e["detail"].as_str().unwrap()))
        .collect();
    assert_eq!(
        entries,
        [
            ("clerk@example.org", "in_progress → implemented"),
            ("admin@example.org", "accepted → in_progress"),
            ("clerk@example.org", "under_review → accepted"),
            ("clerk@example.org", "published → under_review"),
        ]
    );
    assert!(!page.contains("/answers\""), "no answer form for visitors");

    // The HTML form: staff only, CSRF checked, along the machine.
    let j = idea_with(&app.db, t, s, "Фонтан", "Текст", "published").await;
    let (citizen_browser, citizen_csrf) = browser(&app, "bucha", "taras@example.org", "citizen").await;
    let url = app.url(&format!("/bucha/ideas/{j}/answers"));
    let page = citizen_browser
        .get(app.url(&format!("/bucha/ideas/{j}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains(&format!("action=\"/bucha/ideas/{j}/answers\"")));
    let refused = citizen_browser
        .post(&url)
        .form(&[("csrf", citizen_csrf.as_str()), ("status", "accepted"), ("text", "Так")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let (staff, csrf) = browser(&app, "bucha", "head@example.org", "official").await;
    let page = staff
        .get(app.url(&format!("/bucha/ideas/{j}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("action=\"/bucha/ideas/{j}/answers\"")));
    assert!(page.contains("<option value=\"under_review\"") && !page.contains("<option value=\"implemented\""));
    let forged = staff
        .post(&url)
        .form(&[("status", "accepted"), ("text", "Так")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let empty = staff
        .post(&url)
        .form(&[("csrf", csrf.as_str()), ("status", "accepted"), ("text", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text().await.unwrap().contains("<a href=\"#answer-text\">"));
    let done = staff
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("status", "accepted"),
            ("text", "Встановимо навесні"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let idea: Value = app.get(&format!("/api/v1/bucha/ideas/{j}")).await.json().await.unwrap();
    assert_eq!(idea["status"], "accepted");
}

async fn the_review_queue_lists_ideas_waiting_for_an_answer(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space_with(&app.db, t, "published", 1).await;
    let waiting = idea_with(&app.db, t, s, "Чекає відповіді", "Текст", "published").await;
    let answered = idea_with(&app.db, t, s, "Вже з відповіддю", "Текст", "published").await;
    idea_with(&app.db, t, s, "Без підтримки", "Текст", "published").await;
    let a = token(&app, "bucha", "a@example.org", "citizen").await;
    for i in [waiting, answered] {
        api(
            &app,
            reqwest::Method::PUT,
            &format!("/api/v1/bucha/ideas/{i}/support"),
            Some(&a),
            None,
        )
        .await;
    }
    let official = token(&app, "bucha", "clerk@example.org", "official").await;
    let (status, _) = post(
        &app,
        &format!("/api/v1/bucha/ideas/{answered}/answers"),
        Some(&official),
        json!({"status": "accepted", "text": "Так"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    assert_eq!(app.get("/bucha/review").await.status(), StatusCode::UNAUTHORIZED);
    let (citizen, _) = browser(&app, "bucha", "olena@example.org", "citizen").await;
    let r = citizen.get(app.url("/bucha/review")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (staff, _) = browser(&app, "bucha", "head@example.org", "official").await;
    let r = staff.get(app.url("/bucha/review")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("Чекає відповіді") && page.contains("чекає від сьогодні"),
        "{page}"
    );
    assert!(!page.contains("Вже з відповіддю") && !page.contains("Без підтримки"));
    assert!(
        page.contains("href=\"/bucha/review\""),
        "staff see the queue in the header"
    );
}

async fn search_finds_ukrainian_text_whatever_the_apostrophe_and_case(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    let i = idea_with(
        &app.db,
        t,
        s,
        "Дошка ПАМ'ЯТІ героїв",
        "Встановити <b>дошку</b> біля школи.",
        "published",
    )
    .await;
    let other = idea_with(
        &app.db,
        t,
        s,
        "Open-air CAFÉ",
        "Summer evenings by the river",
        "published",
    )
    .await;
    let citizen = token(&app, "bucha", "olena@example.org", "citizen").await;
    let (status, comment) = post(
        &app,
        &format!("/api/v1/bucha/ideas/{other}/comments"),
        Some(&citizen),
        json!({"body": "Це збереже памʼять про наше місто"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    // Another tenant's ideas are never found.
    let irpin = tenant(&app.db, "irpin", None).await.tenant_id();
    let is = space(&app.db, irpin, "Парк").await;
    idea_with(&app.db, irpin, is, "Пам’ятник в Ірпені", "Текст", "published").await;
    // Drafts stay hidden.
    let draft = space_with(&app.db, t, "draft", 5).await;
    idea_with(&app.db, t, draft, "Памʼятка чернетки", "Текст", "published").await;

    let search = |q: &str| {
        let url = reqwest::Url::parse_with_params(&app.url("/api/v1/bucha/search"), &[("q", q)]).unwrap();
        let c = app.client.clone();
        async move {
            let r = c.get(url).send().await.unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    // The typographic apostrophe and capitals find the ASCII one and the
    // modifier letter.
    let (status, found) = search("ПАМ’ЯТ").await;
    assert_eq!(status, StatusCode::OK, "{found}");
    let items = found["items"].as_array().unwrap();
    let kinds: Vec<(&str, i64)> = items
        .iter()
        .map(|h| (h["kind"].as_str().unwrap(), h["idea_id"].as_i64().unwrap()))
        .collect();
    assert_eq!(kinds.len(), 2, "{found}");
    assert!(
        kinds.contains(&("idea", i.0)) && kinds.contains(&("comment", other.0)),
        "{found}"
    );
    let comment_hit = items.iter().find(|h| h["kind"] == "comment").unwrap();
    assert_eq!(comment_hit["comment_id"], comment["id"]);
    assert_eq!(comment_hit["title"], "Open-air CAFÉ");
    assert!(
        comment_hit["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>памʼять</mark>"),
        "{comment_hit}"
    );
    let idea_hit = items.iter().find(|h| h["kind"] == "idea").unwrap();
    let snippet = idea_hit["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<mark>ПАМ&#39;ЯТІ</mark>") && snippet.contains("&lt;b&gt;"),
        "{snippet}"
    );
    assert!(!snippet.contains("<b>"), "user text is escaped");

    let (_, found) = search("cafe summer").await;
    assert_eq!(
        found["items"].as_array().unwrap().len(),
        1,
        "diacritics removed, all terms needed: {found}"
    );
    let (_, found) = search("cafe winter").await;
    assert!(found["items"].as_array().unwrap().is_empty());
    let (_, found) = search("пам'ятник").await;
    assert!(
        found["items"].as_array().unwrap().is_empty(),
        "another tenant's idea: {found}"
    );

    // Paging.
    let page1: Value = app
        .get("/api/v1/bucha/search?q=%D0%BF%D0%B0%D0%BC&limit=1")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page1["items"].as_array().unwrap().len(), 1);
    let next = page1["next_cursor"].as_str().expect("a second page");
    let page2: Value = app
        .get(&format!(
            "/api/v1/bucha/search?q=%D0%BF%D0%B0%D0%BC&limit=1&cursor={next}"
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page2["items"].as_array().unwrap().len(), 1);
    assert_ne!(page1["items"][0], page2["items"][0]);
    assert!(page2["next_cursor"].is_null());

    // One-letter words are left out (a one-letter prefix matches most of
    // the language); a query of nothing else is refused.
    for bad in ["", "   ", "!!!", "x", "я б", &"я".repeat(201)] {
        let (status, body) = search(bad).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_query"),
            "{bad:?}"
        );
    }
    assert_eq!(
        app.get("/api/v1/bucha/search").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.get("/api/v1/bucha/search?q=xy&cursor=zz").await.status(),
        StatusCode::BAD_REQUEST
    );

    // The page: a form in the header, results with marks.
    let home = app.get("/bucha/").await.text().await.unwrap();
    assert!(home.contains("action=\"/bucha/search\"") && home.contains("<label for=\"header-q\""));
    let page = app
        .get("/bucha/search?q=%D0%BF%D0%B0%D0%BC%CA%BC%D1%8F%D1%82%D1%8C")
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("<mark>памʼять</mark>") && page.contains(&format!("href=\"/bucha/ideas/{other}#comment-")));
    let empty = app.get("/bucha/search").await;
    assert_eq!(empty.status(), StatusCode::OK);
    let too_long = app.get(&format!("/bucha/search?q={}", "a".repeat(201))).await;
    assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_long.text().await.unwrap().contains("<a href=\"#search-q\">"));

    // A flood of searches from one address is cut off, with a time to
    // come back; a person typing never gets near it. The allowance is 30 at
    // once and 5 more a second, so however slow this machine is, no more
    // than that is let through.
    let started = std::time::Instant::now();
    let flood: Vec<_> = (0..120)
        .map(|i| {
            app.client
                .get(app.url(&format!("/api/v1/bucha/search?q=flood{i}")))
                .send()
        })
        .collect();
    let answers: Vec<_> = futures_util::future::join_all(flood)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let took = started.elapsed().as_secs();
    let refused: Vec<_> = answers
        .iter()
        .filter(|r| r.status() == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    let admitted = (120 - refused.len()) as u64;
    assert!(admitted <= 30 + 5 * (took + 1), "{admitted} admitted in {took} s");
    assert!(!refused.is_empty() || took >= 17, "none refused in {took} s");
    assert!(refused.iter().all(|r| r.headers().contains_key("retry-after")));
}

async fn another_tenants_idea_is_not_found(app: TestApp) {
    let bucha = tenant(&app.db, "bucha", None).await.tenant_id();
    let irpin = tenant(&app.db, "irpin", None).await.tenant_id();
    let bs = space(&app.db, bucha, "Парк").await;
    let is = space(&app.db, irpin, "Парк Ірпеня").await;
    let foreign = idea_with(&app.db, irpin, is, "Ідея Ірпеня", "Текст", "published").await;
    let _own = idea_with(&app.db, bucha, bs, "Ідея Бучі", "Текст", "published").await;
    let citizen = token(&app, "bucha", "olena@example.org", "citizen").await;
    let official = token(&app, "bucha", "clerk@example.org", "official").await;
    for (method, path, who, body) in [
        (
            reqwest::Method::PUT,
            format!("/api/v1/bucha/ideas/{foreign}/support"),
            &citizen,
            None,
        ),
        (
            reqwest::Method::DELETE,
            format!("/api/v1/bucha/ideas/{foreign}/support"),
            &citizen,
            None,
        ),
        (
            reqwest::Method::POST,
            format!("/api/v1/bucha/ideas/{foreign}/comments"),
            &citizen,
            Some(json!({"body": "Привіт"})),
        ),
        (
            reqwest::Method::POST,
            format!("/api/v1/bucha/ideas/{foreign}/answers"),
            &official,
            Some(json!({"status": "accepted", "text": "Так"})),
        ),
        (
            reqwest::Method::POST,
            format!("/api/v1/bucha/spaces/{is}/ideas"),
            &citizen,
            Some(json!({"title": "Чужий простір", "body": "Текст"})),
        ),
    ] {
        let (status, response) = api(&app, method, &path, Some(who), body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(code(&response), "not_found");
    }
    let (c, csrf) = browser(&app, "bucha", "taras@example.org", "citizen").await;
    let r = c
        .post(app.url(&format!("/bucha/ideas/{foreign}/support")))
        .form(&[("csrf", csrf.as_str()), ("action", "add")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let idea = Ideas::of(&app.db, irpin).get_public(foreign).await.unwrap().unwrap();
    assert_eq!(
        (idea.support_count, idea.comment_count, idea.status.as_str()),
        (0, 0, "published")
    );
}
