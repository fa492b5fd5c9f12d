//! Spaces run by the tenant's administrators, on both backends: created and
//! changed through the plain forms and the API, refused to everyone else,
//! drafts hidden from residents, the lifecycle enforced, switched-off
//! modules and closed spaces refusing participation, and bad input refused
//! with nothing stored.

mod common;

use civic_core::SpaceId;
use civic_testkit::spaces::Spaces;
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    admin_runs_a_space_with_forms,
    admin_creates_and_changes_spaces_by_api,
    others_are_refused,
    bad_input_is_refused_and_nothing_is_stored,
    closed_and_switched_off_spaces_refuse_participation,
    each_new_form_opens_where_its_module_is_on,
    images_are_raster_and_small,
);

const PASSWORD: &str = "correct horse battery staple";

async fn person(app: &TestApp, slug: &str, email: &str, role: &str) {
    civic_app::users::create(
        &app.platform,
        &civic_app::users::CreateUser {
            tenant_slug: slug,
            email,
            display_name: Some("Олена"),
            role,
            password: PASSWORD,
        },
    )
    .await
    .unwrap();
}

async fn token(app: &TestApp, slug: &str, email: &str) -> String {
    let r: Value = app
        .client
        .post(app.url(&format!("/api/v1/{slug}/tokens")))
        .json(&json!({"email": email, "password": PASSWORD, "name": "test"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["token"].as_str().unwrap().to_string()
}

/// A browser signed in as `email`, and its CSRF token.
async fn browser(app: &TestApp, email: &str) -> (reqwest::Client, String) {
    let c = client();
    let r = c
        .post(app.url("/bucha/login"))
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = c
        .get(app.url("/bucha/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    (c.clone(), csrf.to_string())
}

/// Tenant bucha with an administrator, an official and a citizen; their tokens.
async fn setup(app: &TestApp) -> (civic_core::TenantId, String, String) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    person(app, "bucha", "admin@example.org", "admin").await;
    person(app, "bucha", "olena@example.org", "citizen").await;
    let admin = token(app, "bucha", "admin@example.org").await;
    let citizen = token(app, "bucha", "olena@example.org").await;
    (t, admin, citizen)
}

async fn send(app: &TestApp, method: reqwest::Method, path: &str, bearer: &str, body: &Value) -> (StatusCode, Value) {
    let mut request = app.client.request(method, app.url(path)).json(body);
    if !bearer.is_empty() {
        request = request.bearer_auth(bearer);
    }
    let r = request.send().await.unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn all_spaces(app: &TestApp, t: civic_core::TenantId) -> Vec<civic_testkit::spaces::SpaceRecord> {
    Spaces::of(&app.db, t).list_all(None).await.unwrap()
}

async fn audit_actions(app: &TestApp, t: civic_core::TenantId) -> Vec<String> {
    civic_testkit::audit::Audit::of(&app.db, t)
        .list(&Default::default(), 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

async fn admin_runs_a_space_with_forms(app: TestApp) {
    let (t, _, _) = setup(&app).await;
    let (admin, csrf) = browser(&app, "admin@example.org").await;
    let form = admin.get(app.url("/bucha/admin/spaces/new")).send().await.unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let r = admin
        .post(app.url("/bucha/admin/spaces/new"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("title", "Бюджет участі 2027"),
            ("description", "Пропонуйте **ідеї** для громади."),
            ("starts_at", "2020-01-01"),
            ("ends_at", "2099-12-31"),
            (
                "phases",
                "Збір ідей | 2020-01-01 | 2098-12-31\nГолосування | 2099-01-01 | 2099-12-31",
            ),
            ("categories", "Парки\nДороги"),
            ("module_ideas", "1"),
            ("participation", "registered"),
            ("support_threshold", "25"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let spaces = all_spaces(&app, t).await;
    let s = &spaces[0];
    assert_eq!((s.status.as_str(), s.support_threshold), ("draft", 25));
    assert_eq!(s.category_choices(), ["Парки", "Дороги"]);
    assert!(s.has_module("ideas") && !s.has_module("polls"));
    // A draft: 404 for residents and visitors, shown to the administrator with its badge.
    let path = format!("/bucha/spaces/{}", s.id);
    assert_eq!(app.get(&path).await.status(), StatusCode::NOT_FOUND);
    let (citizen, _) = browser(&app, "olena@example.org").await;
    assert_eq!(
        citizen.get(app.url(&path)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let page = admin.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("status-draft") && page.contains("<strong>ідеї</strong>"));
    let admin_list = admin
        .get(app.url("/bucha/admin/spaces"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(admin_list.contains("Бюджет участі 2027"));
    // Publish: visible to all; the current phase is marked; polls are not shown.
    let status = format!("/bucha/admin/spaces/{}/status", s.id);
    let r = admin
        .post(app.url(&status))
        .form(&[("csrf", csrf.as_str()), ("status", "published")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app.get(&path).await.text().await.unwrap();
    assert!(
        page.contains("aria-current=\"step\"><strong>Збір ідей</strong>"),
        "{page}"
    );
    assert!(!page.contains("id=\"polls-heading\""));
    // Edit: the form comes back filled; a bad title is refused with a summary, nothing saved.
    let edit = format!("/bucha/admin/spaces/{}/edit", s.id);
    let html = admin.get(app.url(&edit)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Збір ідей | 2020-01-01 | 2098-12-31"));
    let r = admin
        .post(app.url(&edit))
        .form(&[
            ("csrf", csrf.as_str()),
            ("title", "x"),
            ("ends_at", "2019-01-01"),
            ("starts_at", "2020-01-01"),
            ("participation", "registered"),
            ("support_threshold", "25"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("data-error-summary") && html.contains("href=\"#title\"") && html.contains("href=\"#ends_at\"")
    );
    assert_eq!(all_spaces(&app, t).await[0].title, "Бюджет участі 2027");
    // A move the lifecycle does not allow: 422, status kept.
    let r = admin
        .post(app.url(&status))
        .form(&[("csrf", csrf.as_str()), ("status", "archived")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(all_spaces(&app, t).await[0].status.as_str(), "published");
    let actions = audit_actions(&app, t).await;
    assert!(actions.contains(&"space_created".to_string()) && actions.contains(&"space_status".to_string()));
    // Closed, then archived: read-only, off the home page, still reachable by link.
    for to in ["closed", "archived"] {
        let r = admin
            .post(app.url(&status))
            .form(&[("csrf", csrf.as_str()), ("status", to)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{to}");
    }
    assert_eq!(app.get(&path).await.status(), StatusCode::OK);
    assert!(
        !app.get("/bucha/")
            .await
            .text()
            .await
            .unwrap()
            .contains("Бюджет участі 2027")
    );
}

async fn admin_creates_and_changes_spaces_by_api(app: TestApp) {
    let (t, admin, citizen) = setup(&app).await;
    space(&app.db, t, "Старий простір").await;
    let before: Value = app.get("/api/v1/bucha/spaces").await.json().await.unwrap();
    let body = json!({
        "title": "Вулиці для людей",
        "description": "Опис",
        "phases": [{"name": "Збір ідей", "starts_at": 0, "ends_at": 86_400_000}],
        "districts": ["Центр", "Ворзель"],
        "modules": ["ideas", "polls"],
        "participation": "verified",
        "support_threshold": 10,
        "status": "published",
    });
    let (status, created) = send(&app, reqwest::Method::POST, "/api/v1/bucha/spaces", &admin, &body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "published");
    assert_eq!(created["districts"], json!(["Центр", "Ворзель"]));
    assert_eq!(created["modules"], json!(["ideas", "polls"]));
    assert_eq!(created["phases"][0]["name"], "Збір ідей");
    // The public list is the published spaces, as before, plus the new one.
    let after: Value = app.get("/api/v1/bucha/spaces").await.json().await.unwrap();
    assert_eq!(
        after["items"].as_array().unwrap().len(),
        before["items"].as_array().unwrap().len() + 1
    );
    let id = created["id"].as_i64().unwrap();
    let path = format!("/api/v1/bucha/spaces/{id}");
    let (status, saved) = send(
        &app,
        reqwest::Method::PUT,
        &path,
        &admin,
        &json!({"title": "Вулиці для всіх", "status": "closed"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(
        (saved["title"].as_str(), saved["status"].as_str()),
        (Some("Вулиці для всіх"), Some("closed"))
    );
    assert_eq!(saved["modules"], json!(["ideas", "polls", "conversations"]));
    let actions = audit_actions(&app, t).await;
    for a in ["space_created", "space_updated", "space_status"] {
        assert!(actions.contains(&a.to_string()), "{a} in {actions:?}");
    }
    // Staff may list by status; a citizen may not.
    let closed: Value = app
        .client
        .get(app.url("/api/v1/bucha/spaces?status=closed"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(closed["items"][0]["id"], id);
    let r = app
        .client
        .get(app.url("/api/v1/bucha/spaces?status=draft"))
        .bearer_auth(&citizen)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

async fn others_are_refused(app: TestApp) {
    let (t, _, citizen) = setup(&app).await;
    let s = space(&app.db, t, "Парк").await;
    tenant(&app.db, "irpin", None).await;
    person(&app, "irpin", "admin@irpin.example.org", "admin").await;
    let stranger = token(&app, "irpin", "admin@irpin.example.org").await;
    let body = json!({"title": "Чужий простір"});
    let (status, _) = send(&app, reqwest::Method::POST, "/api/v1/bucha/spaces", &citizen, &body).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = send(&app, reqwest::Method::POST, "/api/v1/bucha/spaces", "", &body).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = send(&app, reqwest::Method::POST, "/api/v1/bucha/spaces", &stranger, &body).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Another tenant's admin reaching for bucha's space through irpin: 404.
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &format!("/api/v1/irpin/spaces/{}", s.0),
        &stranger,
        &body,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let r = app.get("/bucha/admin/spaces/new").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let (citizen_browser, csrf) = browser(&app, "olena@example.org").await;
    let r = citizen_browser
        .post(app.url("/bucha/admin/spaces/new"))
        .form(&[("csrf", csrf.as_str()), ("title", "Мій простір")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(all_spaces(&app, t).await.len(), 1);
    assert_eq!(Spaces::of(&app.db, t).get(s).await.unwrap().unwrap().title, "Парк");
}

async fn bad_input_is_refused_and_nothing_is_stored(app: TestApp) {
    let (t, admin, _) = setup(&app).await;
    let huge = "д".repeat(civic_core::spaces::DESCRIPTION_MAX + 1);
    let day = 86_400_000;
    let cases = [
        (json!({"title": ""}), "invalid_space_title"),
        (json!({"title": "т".repeat(151)}), "invalid_space_title"),
        (
            json!({"title": "Парк", "starts_at": 10 * day, "ends_at": day}),
            "ends_before_start",
        ),
        (
            json!({"title": "Парк", "phases": [
                {"name": "Другий", "starts_at": 5 * day, "ends_at": 6 * day},
                {"name": "Перший", "starts_at": day, "ends_at": 2 * day}]}),
            "phases_out_of_order",
        ),
        (
            json!({"title": "Парк", "modules": ["ideas", "lottery"]}),
            "invalid_module",
        ),
        (
            json!({"title": "Парк", "description": huge}),
            "invalid_space_description",
        ),
        (
            json!({"title": "Парк", "participation": "everyone"}),
            "invalid_participation",
        ),
        (json!({"title": "Парк", "status": "archived"}), "invalid_space_status"),
    ];
    for (body, code) in cases {
        let (status, answer) = send(&app, reqwest::Method::POST, "/api/v1/bucha/spaces", &admin, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{code}: {answer}");
        assert_eq!(answer["error"]["code"], code, "{answer}");
        assert_eq!(answer["error"]["fields"][0]["code"], code, "{answer}");
    }
    assert!(all_spaces(&app, t).await.is_empty());
    // Several problems at once, each with its field.
    let (_, answer) = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/bucha/spaces",
        &admin,
        &json!({"title": "", "support_threshold": 0}),
    )
    .await;
    let fields: Vec<&str> = answer["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "support_threshold"]);
    // A bad status move on update: 422 and nothing changed.
    let s = space(&app.db, t, "Парк").await;
    let (status, answer) = send(
        &app,
        reqwest::Method::PUT,
        &format!("/api/v1/bucha/spaces/{}", s.0),
        &admin,
        &json!({"title": "Новий парк", "status": "draft"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer["error"]["code"], "invalid_space_transition");
    let stored = Spaces::of(&app.db, t).get(s).await.unwrap().unwrap();
    assert_eq!((stored.title.as_str(), stored.status.as_str()), ("Парк", "published"));
}

async fn set_space(app: &TestApp, admin: &str, s: SpaceId, body: Value) {
    let (status, answer) = send(
        app,
        reqwest::Method::PUT,
        &format!("/api/v1/bucha/spaces/{}", s.0),
        admin,
        &body,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
}

/// A new-poll or new-conversation form is offered exactly where posting it
/// would be accepted: by its own module, not by the ideas module (the forms
/// once checked ideas and answered 409 in a space with ideas off).
async fn each_new_form_opens_where_its_module_is_on(app: TestApp) {
    let (t, admin, _) = setup(&app).await;
    let s = space(&app.db, t, "Парк").await;
    let (page, _) = common::world::session(&app, "bucha", "admin@example.org").await;
    let status_of = |path: String| {
        let page = page.clone();
        let url = app.url(&path);
        async move { page.get(url).send().await.unwrap().status() }
    };
    set_space(
        &app,
        &admin,
        s,
        json!({"title": "Парк", "modules": ["polls", "conversations"]}),
    )
    .await;
    assert_eq!(status_of(format!("/bucha/spaces/{s}/polls/new")).await, StatusCode::OK);
    assert_eq!(
        status_of(format!("/bucha/spaces/{s}/conversations/new")).await,
        StatusCode::OK
    );
    assert_eq!(
        status_of(format!("/bucha/spaces/{s}/ideas/new")).await,
        StatusCode::CONFLICT
    );
    set_space(&app, &admin, s, json!({"title": "Парк", "modules": ["ideas"]})).await;
    assert_eq!(
        status_of(format!("/bucha/spaces/{s}/polls/new")).await,
        StatusCode::CONFLICT
    );
    assert_eq!(
        status_of(format!("/bucha/spaces/{s}/conversations/new")).await,
        StatusCode::CONFLICT
    );
    assert_eq!(status_of(format!("/bucha/spaces/{s}/ideas/new")).await, StatusCode::OK);
}

async fn closed_and_switched_off_spaces_refuse_participation(app: TestApp) {
    let (t, admin, citizen) = setup(&app).await;
    let s = space(&app.db, t, "Парк").await;
    let i = idea(&app.db, t, s, "Лавки").await;
    let propose = format!("/api/v1/bucha/spaces/{}/ideas", s.0);
    let support = format!("/api/v1/bucha/ideas/{}/support", i.0);
    let idea_body = json!({"title": "Більше лавок", "body": "Біля ставка."});
    let ideas_in = |app: &TestApp| {
        let db = app.db.clone();
        async move { Spaces::of(&db, t).get(s).await.unwrap().unwrap().idea_count.unwrap() }
    };
    // Ideas switched off: proposing refused with a clear code, and the list hidden.
    set_space(&app, &admin, s, json!({"title": "Парк", "modules": ["polls"]})).await;
    let (status, answer) = send(&app, reqwest::Method::POST, &propose, &citizen, &idea_body).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("module_off"))
    );
    assert!(answer["error"]["message"].as_str().unwrap().contains("switched off"));
    assert!(
        !app.get(&format!("/bucha/spaces/{}", s.0))
            .await
            .text()
            .await
            .unwrap()
            .contains("ideas-heading")
    );
    // Verified residents only: an account that is not verified is refused
    // (403, reason `verified_only`), pointed at the verification page.
    set_space(&app, &admin, s, json!({"title": "Парк", "participation": "verified"})).await;
    let (status, answer) = send(&app, reqwest::Method::PUT, &support, &citizen, &json!({})).await;
    assert_eq!(
        (status, answer["error"]["reason"].as_str()),
        (StatusCode::FORBIDDEN, Some("verified_only"))
    );
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("verification page")
    );
    // Open to everyone again: an idea goes in.
    set_space(&app, &admin, s, json!({"title": "Парк"})).await;
    let (status, _) = send(&app, reqwest::Method::POST, &propose, &citizen, &idea_body).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(ideas_in(&app).await, 2);
    // A poll and a conversation, opened while the space is.
    let (status, poll) = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/bucha/spaces/{}/polls", s.0),
        &admin,
        &json!({"title": "Лавки чи дерева?", "questions": [
            {"kind": "single_choice", "text": "Що спершу?", "required": true, "options": ["Лавки", "Дерева"]}
        ]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{poll}");
    let respond = format!("/api/v1/bucha/polls/{}/responses", poll["id"]);
    let answer_body = json!({"answers": [{"question_id": 1, "option": 0}]});
    let (status, conversation) = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/bucha/spaces/{}/conversations", s.0),
        &admin,
        &json!({"question": "Яким бути парку?", "seed_statements": ["Більше тіні."]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{conversation}");
    let votes = format!("/api/v1/bucha/conversations/{}/votes", conversation["id"]);
    let statements = format!("/api/v1/bucha/conversations/{}/statements", conversation["id"]);
    let (_, next) = send(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/bucha/conversations/{}/statements/next", conversation["id"]),
        &citizen,
        &json!({}),
    )
    .await;
    let vote_body = json!({"statement_id": next["statement"]["id"], "vote": 1});
    // Closed: no new ideas, supports, comments, poll answers, statements or votes.
    set_space(&app, &admin, s, json!({"title": "Парк", "status": "closed"})).await;
    for (path, body) in [
        (&respond, &answer_body),
        (&votes, &vote_body),
        (&statements, &json!({"body": "Ще й фонтан."})),
    ] {
        let (status, answer) = send(&app, reqwest::Method::POST, path, &citizen, body).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (StatusCode::CONFLICT, Some("space_closed")),
            "{path}: {answer}"
        );
    }
    let taken_part = civic_testkit::testing::query_i64(
        &app.db,
        "SELECT (SELECT COUNT(*) FROM poll_responses) + (SELECT COUNT(*) FROM statement_votes) \
         + (SELECT COUNT(*) FROM statements WHERE body = 'Ще й фонтан.')",
    )
    .await;
    assert_eq!(taken_part, 0);
    let (status, answer) = send(&app, reqwest::Method::POST, &propose, &citizen, &idea_body).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("space_closed"))
    );
    let (status, answer) = send(&app, reqwest::Method::PUT, &support, &citizen, &json!({})).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("space_closed"))
    );
    let comment = format!("/api/v1/bucha/ideas/{}/comments", i.0);
    let (status, _) = send(
        &app,
        reqwest::Method::POST,
        &comment,
        &citizen,
        &json!({"body": "Так!"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(ideas_in(&app).await, 2);
    // Back to published from closed: taking part again.
    set_space(&app, &admin, s, json!({"title": "Парк", "status": "published"})).await;
    let (status, answer) = send(&app, reqwest::Method::PUT, &support, &citizen, &json!({})).await;
    assert!(status.is_success(), "{status} {answer}");
    assert_eq!(answer["support_count"], 1);
    let (status, answer) = send(&app, reqwest::Method::POST, &respond, &citizen, &answer_body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, answer) = send(&app, reqwest::Method::POST, &votes, &citizen, &vote_body).await;
    assert!(status.is_success(), "{status} {answer}");
}

async fn images_are_raster_and_small(app: TestApp) {
    let (t, _, _) = setup(&app).await;
    let s = space(&app.db, t, "Парк").await;
    let (admin, csrf) = browser(&app, "admin@example.org").await;
    // The body a browser sends for the upload form (multipart/form-data).
    let upload = |bytes: Vec<u8>, name: &'static str| {
        let mut body = format!(
            "--b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
             --b0undary\r\nContent-Disposition: form-data; name=\"image\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend(bytes);
        body.extend(b"\r\n--b0undary--\r\n");
        admin
            .post(app.url(&format!("/bucha/admin/spaces/{}/image", s.0)))
            .header("content-type", "multipart/form-data; boundary=b0undary")
            .body(body)
            .send()
    };
    let r = upload(b"<svg onload=alert(1)>".to_vec(), "a.svg").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
    big.resize(civic_app::spaces::IMAGE_MAX_BYTES + 1, 0);
    let r = upload(big, "big.png").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get(&format!("/bucha/spaces/{}/image", s.0)).await.status(),
        StatusCode::NOT_FOUND
    );
    let png = b"\x89PNG\r\n\x1a\nsmall".to_vec();
    let r = upload(png.clone(), "park.png").await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app.get(&format!("/bucha/spaces/{}/image", s.0)).await;
    assert_eq!(r.headers()["content-type"], "image/png");
    assert!(r.headers()["cache-control"].to_str().unwrap().contains("public"));
    assert_eq!(r.bytes().await.unwrap().to_vec(), png);
    // A draft's image is for staff, and no shared cache may keep it.
    let unpublish = format!("UPDATE spaces SET status = 'draft' WHERE id = {}", s.0);
    civic_testkit::testing::execute(&app.db, &unpublish).await.unwrap();
    let image = format!("/bucha/spaces/{}/image", s.0);
    assert_eq!(app.get(&image).await.status(), StatusCode::NOT_FOUND);
    let r = admin.get(app.url(&image)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let publish = format!("UPDATE spaces SET status = 'published' WHERE id = {}", s.0);
    civic_testkit::testing::execute(&app.db, &publish).await.unwrap();
    // The edit page offers to take it away again, and that works.
    let edit = format!("/bucha/admin/spaces/{}/edit", s.0);
    let page = admin.get(app.url(&edit)).send().await.unwrap().text().await.unwrap();
    let remove = format!("/bucha/admin/spaces/{}/image/remove", s.0);
    assert!(page.contains(&format!("action=\"{remove}\"")));
    let r = admin
        .post(app.url(&remove))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&format!("/bucha/spaces/{}/image", s.0)).await.status(),
        StatusCode::NOT_FOUND
    );
    let page = admin.get(app.url(&edit)).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains(&remove), "no image, nothing to remove");
}
