//! Polls on both backends: staff create them, residents answer every kind
//! of question (API and plain form), bad answers are refused with nothing
//! stored, one response per account holds under parallel submissions, and
//! results and the CSV export agree with the stored answers.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    only_staff_create_polls,
    every_kind_is_answered_and_counted,
    bad_answers_are_refused_and_nothing_is_stored,
    parallel_duplicates_store_exactly_one,
    changes_replace_the_earlier_response,
    closed_and_upcoming_polls_refuse_answers,
    results_after_close_are_hidden_until_then,
    csv_has_one_anonymous_row_per_response,
    answering_without_javascript,
);

const PASSWORD: &str = "correct horse battery staple";

async fn person(app: &TestApp, email: &str, role: &str) {
    civic_app::users::create(
        &app.db,
        &civic_app::users::CreateUser {
            tenant_slug: "bucha",
            email,
            display_name: Some("Олена"),
            role,
            password: PASSWORD,
        },
    )
    .await
    .unwrap();
}

async fn token(app: &TestApp, email: &str) -> String {
    let r: Value = app
        .client
        .post(app.url("/api/v1/bucha/tokens"))
        .json(&json!({"email": email, "password": PASSWORD, "name": "test"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["token"].as_str().unwrap().to_string()
}

/// (space, official token, citizen tokens)
async fn setup(app: &TestApp, citizens: usize) -> (i64, String, Vec<String>) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    person(app, "clerk@example.org", "official").await;
    let official = token(app, "clerk@example.org").await;
    let mut tokens = Vec::new();
    for n in 0..citizens {
        let email = format!("r{n}@example.org");
        person(app, &email, "citizen").await;
        tokens.push(token(app, &email).await);
    }
    (s.0, official, tokens)
}

fn survey() -> Value {
    json!({
        "title": "Опитування про парк",
        "intro": "Кілька питань.",
        "results_visibility": "live",
        "questions": [
            {"kind": "single_choice", "text": "Чи буваєте в парку?", "required": true, "options": ["Так", "Ні"]},
            {"kind": "multiple_choice", "text": "Що заважає?", "required": true, "options": ["Далеко", "Брудно", "Темно"],
             "min_selections": 1, "max_selections": 2, "show_if": {"question": 0, "option": 1}},
            {"kind": "scale", "text": "Оцініть парк", "required": true, "scale_min": 1, "scale_max": 5,
             "min_label": "погано", "max_label": "чудово"},
            {"kind": "short_text", "text": "Одне слово", "required": false},
            {"kind": "long_text", "text": "Побажання", "required": false},
            {"kind": "number", "text": "Скільки хвилин іти?", "required": false, "min": 0, "max": 120},
            {"kind": "ranking", "text": "Що зробити першим?", "required": false, "options": ["Світло", "Лавки", "Туалети"]},
            {"kind": "date", "text": "Коли прийдете?", "required": false, "min_date": "2026-01-01", "max_date": "2030-12-31"}
        ]
    })
}

async fn create(app: &TestApp, space: i64, token: &str, body: &Value) -> reqwest::Response {
    client()
        .post(app.url(&format!("/api/v1/bucha/spaces/{space}/polls")))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn created(app: &TestApp, space: i64, token: &str, body: &Value) -> i64 {
    let r = create(app, space, token, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

async fn respond(app: &TestApp, poll: i64, token: &str, answers: Value) -> reqwest::Response {
    client()
        .post(app.url(&format!("/api/v1/bucha/polls/{poll}/responses")))
        .bearer_auth(token)
        .json(&json!({ "answers": answers }))
        .send()
        .await
        .unwrap()
}

async fn results(app: &TestApp, poll: i64, token: Option<&str>) -> reqwest::Response {
    let mut r = client().get(app.url(&format!("/api/v1/bucha/polls/{poll}/results")));
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    r.send().await.unwrap()
}

fn full_answer() -> Value {
    json!([
        {"question_id": 1, "option": 1},
        {"question_id": 2, "options": [0, 2]},
        {"question_id": 3, "value": 4},
        {"question_id": 4, "text": "тінь"},
        {"question_id": 5, "text": "Більше дерев"},
        {"question_id": 6, "value": 15},
        {"question_id": 7, "ranking": [2, 0, 1]},
        {"question_id": 8, "date": "2027-05-01"}
    ])
}

async fn only_staff_create_polls(app: TestApp) {
    let (space, official, citizens) = setup(&app, 1).await;
    assert_eq!(
        create(&app, space, &citizens[0], &survey()).await.status(),
        StatusCode::FORBIDDEN
    );
    let anonymous = client()
        .post(app.url(&format!("/api/v1/bucha/spaces/{space}/polls")))
        .json(&survey())
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    // No questions, an unknown kind, a condition on a later question: 422.
    let mut empty = survey();
    empty["questions"] = json!([]);
    let r = create(&app, space, &official, &empty).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "no_questions");
    let mut odd = survey();
    odd["questions"][0]["kind"] = json!("matrix3d");
    assert_eq!(
        create(&app, space, &official, &odd).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mut forward = survey();
    forward["questions"][1]["show_if"] = json!({"question": 5, "option": 0});
    assert_eq!(
        create(&app, space, &official, &forward).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let id = created(&app, space, &official, &survey()).await;
    let listed: Value = app
        .get(&format!("/api/v1/bucha/spaces/{space}/polls"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"][0]["id"], id);
    let shown: Value = app
        .get(&format!("/api/v1/bucha/polls/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["questions"].as_array().unwrap().len(), 8);
    assert_eq!(shown["questions"][1]["show_if"], json!({"question_id": 1, "option": 1}));
    // The space page lists it.
    let page = app.get(&format!("/bucha/spaces/{space}")).await.text().await.unwrap();
    assert!(page.contains("Опитування про парк"));
}

async fn every_kind_is_answered_and_counted(app: TestApp) {
    let (space, official, citizens) = setup(&app, 3).await;
    let id = created(&app, space, &official, &survey()).await;
    let r = respond(&app, id, &citizens[0], full_answer()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // The second says "yes": the conditional question is skipped.
    let r = respond(
        &app,
        id,
        &citizens[1],
        json!([{"question_id": 1, "option": 0}, {"question_id": 3, "value": 2},
               {"question_id": 6, "value": 45.5}, {"question_id": 7, "ranking": [0, 1, 2]}]),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let public: Value = results(&app, id, Some(&citizens[2])).await.json().await.unwrap();
    assert_eq!(public["responses"], 2);
    let q = &public["questions"];
    assert_eq!(q[0]["options"][0]["count"], 1);
    assert_eq!(q[0]["options"][1]["count"], 1);
    assert_eq!(q[0]["options"][1]["percent"], 50.0);
    assert_eq!(q[1]["answered"], 1);
    assert_eq!(q[1]["options"][0]["count"], 1);
    assert_eq!(q[1]["options"][1]["count"], 0);
    assert_eq!(q[2]["stats"]["mean"], 3.0);
    assert_eq!(q[2]["stats"]["median"], 3.0);
    assert_eq!(q[2]["options"].as_array().unwrap().len(), 5);
    assert_eq!(q[5]["stats"]["max"], 45.5);
    // Ranking: [2,0,1] and [0,1,2] over 3 options → Borda 0:2+1=3... first.
    let ranking = q[6]["ranking"].as_array().unwrap();
    assert_eq!(ranking[0]["label"], "Світло");
    assert_eq!(ranking[0]["borda"], 3);
    assert_eq!(ranking[0]["first"], 1);
    assert_eq!(q[7]["options"][0]["label"], "2027-05-01");
    // Free text: counted for everyone, listed for staff only.
    assert_eq!(q[3]["answered"], 1);
    assert!(q[4].get("texts").is_none());
    let staff: Value = results(&app, id, Some(&official)).await.json().await.unwrap();
    assert_eq!(staff["questions"][4]["texts"], json!(["Більше дерев"]));
    // Results never say who answered.
    let text = staff.to_string();
    assert!(!text.contains("example.org") && !text.contains("user"));
    // The counts equal the stored answers.
    let t = civic_store::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let counts = civic_store::polls::Polls::of(&app.db, t).counts(id).await.unwrap();
    let first_q: i64 = counts.iter().filter(|c| c.question_id == 1).map(|c| c.count).sum();
    assert_eq!(first_q, 2);
    // The HTML results page draws charts and tables.
    let page = app.get(&format!("/bucha/polls/{id}/results")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("<svg") && html.contains("<table"));
}

async fn bad_answers_are_refused_and_nothing_is_stored(app: TestApp) {
    let (space, official, citizens) = setup(&app, 1).await;
    let id = created(&app, space, &official, &survey()).await;
    let cases = [
        (
            json!([{"question_id": 1, "option": 7}, {"question_id": 3, "value": 3}]),
            "unknown_option",
        ),
        (
            json!([{"question_id": 1, "option": 1}, {"question_id": 2, "options": [0, 1, 2]}, {"question_id": 3, "value": 3}]),
            "too_many_selections",
        ),
        (
            json!([{"question_id": 1, "option": 1}, {"question_id": 2, "options": []}, {"question_id": 3, "value": 3}]),
            "required",
        ),
        (
            json!([{"question_id": 1, "option": 0}, {"question_id": 3, "value": 9}]),
            "out_of_range",
        ),
        (
            json!([{"question_id": 1, "option": 0}, {"question_id": 3, "value": 2.5}]),
            "out_of_range",
        ),
        (
            json!([{"question_id": 1, "option": 0}, {"question_id": 3, "value": 3}, {"question_id": 6, "value": 500}]),
            "out_of_range",
        ),
        (
            json!([{"question_id": 1, "option": 0}, {"question_id": 3, "value": 3}, {"question_id": 8, "date": "2020-01-01"}]),
            "out_of_range",
        ),
        (
            json!([{"question_id": 1, "option": 0}, {"question_id": 3, "value": 3}, {"question_id": 8, "date": "2027-02-30"}]),
            "invalid_date",
        ),
        (
            json!([{"question_id": 1, "option": 0}, {"question_id": 2, "options": [0]}, {"question_id": 3, "value": 3}]),
            "hidden_question",
        ),
        (json!([{"question_id": 3, "value": 3}]), "required"),
        (
            json!([{"question_id": 1, "option": 0}, {"question_id": 3, "value": 3}, {"question_id": 7, "ranking": [0, 0, 1]}]),
            "invalid_ranking",
        ),
        (
            json!([{"question_id": 1, "option": 0}, {"question_id": 3, "value": 3}, {"question_id": 99, "text": "x"}]),
            "unknown_question",
        ),
        (
            json!([{"question_id": 1, "text": "так"}, {"question_id": 3, "value": 3}]),
            "invalid_answer",
        ),
    ];
    for (answers, code) in cases {
        let r = respond(&app, id, &citizens[0], answers.clone()).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{answers}");
        let body: Value = r.json().await.unwrap();
        let codes: Vec<&str> = body["error"]["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&code), "{answers}: {codes:?}");
        assert!(body["error"]["problems"][0]["question_id"].is_i64());
    }
    // A minimum of two selections.
    let mut strict = survey();
    strict["questions"][1]["min_selections"] = json!(2);
    strict["questions"][1].as_object_mut().unwrap().remove("show_if");
    let strict_id = created(&app, space, &official, &strict).await;
    let r = respond(
        &app,
        strict_id,
        &citizens[0],
        json!([{"question_id": 1, "option": 0}, {"question_id": 2, "options": [1]}, {"question_id": 3, "value": 3}]),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["problems"][0]["code"],
        "too_few_selections"
    );
    // Malformed JSON is 400/422, never 500; nothing was stored.
    let r = client()
        .post(app.url(&format!("/api/v1/bucha/polls/{id}/responses")))
        .bearer_auth(&citizens[0])
        .header("content-type", "application/json")
        .body("{\"answers\": [{\"question_id\": \"x\"}]}")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    let shown: Value = results(&app, id, None).await.json().await.unwrap();
    assert_eq!(shown["responses"], 0);
    // Unknown poll: 404.
    assert_eq!(
        respond(&app, 999_999, &citizens[0], json!([])).await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn parallel_duplicates_store_exactly_one(app: TestApp) {
    let (space, official, citizens) = setup(&app, 1).await;
    let id = created(&app, space, &official, &survey()).await;
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let url = app.url(&format!("/api/v1/bucha/polls/{id}/responses"));
        let token = citizens[0].clone();
        tasks.push(tokio::spawn(async move {
            client()
                .post(url)
                .bearer_auth(token)
                .json(&json!({"answers": full_answer()}))
                .send()
                .await
                .unwrap()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        let r = t.await.unwrap();
        let status = r.status();
        if status == StatusCode::CONFLICT {
            assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "already_answered");
        }
        statuses.push(status);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::CREATED).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count(),
        9,
        "{statuses:?}"
    );
    let r: Value = results(&app, id, None).await.json().await.unwrap();
    assert_eq!(r["responses"], 1);
    assert_eq!(r["questions"][0]["answered"], 1);
}

async fn changes_replace_the_earlier_response(app: TestApp) {
    let (space, official, citizens) = setup(&app, 1).await;
    let mut body = survey();
    body["allow_changes"] = json!(true);
    let id = created(&app, space, &official, &body).await;
    let mut tasks = Vec::new();
    for n in 0..6 {
        let url = app.url(&format!("/api/v1/bucha/polls/{id}/responses"));
        let token = citizens[0].clone();
        tasks.push(tokio::spawn(async move {
            client()
                .post(url)
                .bearer_auth(token)
                .json(&json!({"answers": [{"question_id": 1, "option": 0}, {"question_id": 3, "value": 1 + n % 5}]}))
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::CREATED).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        5,
        "{statuses:?}"
    );
    let r: Value = results(&app, id, None).await.json().await.unwrap();
    assert_eq!(r["responses"], 1);
    assert_eq!(r["questions"][2]["answered"], 1);
    let total: i64 = r["questions"][2]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["count"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 1, "one scale answer, not one per submission");
}

async fn closed_and_upcoming_polls_refuse_answers(app: TestApp) {
    let (space, official, citizens) = setup(&app, 1).await;
    let now = civic_core::Timestamp::now().0;
    let mut closed = survey();
    closed["opens_at"] = json!(now - 100_000);
    closed["closes_at"] = json!(now - 1_000);
    let closed_id = created(&app, space, &official, &closed).await;
    let r = respond(&app, closed_id, &citizens[0], full_answer()).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "poll_closed");
    let mut later = survey();
    later["opens_at"] = json!(now + 100_000);
    let later_id = created(&app, space, &official, &later).await;
    let r = respond(&app, later_id, &citizens[0], full_answer()).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "poll_not_open");
    let mut backwards = survey();
    backwards["opens_at"] = json!(now + 10);
    backwards["closes_at"] = json!(now);
    assert_eq!(
        create(&app, space, &official, &backwards).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

async fn results_after_close_are_hidden_until_then(app: TestApp) {
    let (space, official, citizens) = setup(&app, 1).await;
    let now = civic_core::Timestamp::now().0;
    let mut body = survey();
    body["results_visibility"] = json!("after_close");
    body["closes_at"] = json!(now + 3_600_000);
    let id = created(&app, space, &official, &body).await;
    assert_eq!(
        respond(&app, id, &citizens[0], full_answer()).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(results(&app, id, None).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        results(&app, id, Some(&citizens[0])).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(results(&app, id, Some(&official)).await.status(), StatusCode::OK);
    let page = app.get(&format!("/bucha/polls/{id}/results")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("після завершення"), "the page says when results come");
    assert!(!html.contains("<svg"));
}

async fn csv_has_one_anonymous_row_per_response(app: TestApp) {
    let (space, official, citizens) = setup(&app, 3).await;
    let id = created(&app, space, &official, &survey()).await;
    for c in &citizens {
        assert_eq!(respond(&app, id, c, full_answer()).await.status(), StatusCode::CREATED);
    }
    // Staff only.
    assert_eq!(
        app.get(&format!("/bucha/polls/{id}/export.csv")).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let r = client()
        .get(app.url(&format!("/bucha/polls/{id}/export.csv")))
        .bearer_auth(&citizens[0])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = client()
        .get(app.url(&format!("/bucha/polls/{id}/export.csv")))
        .bearer_auth(&official)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 3, "{csv}");
    assert!(lines[0].contains("Q1 Чи буваєте в парку?"));
    assert!(
        lines[1].starts_with("\"1\",\"Ні\",\"Далеко; Темно\",\"4\",\"тінь\""),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("\"Туалети > Світло > Лавки\"") && lines[1].contains("\"2027-05-01\""));
    assert!(!csv.contains('@'), "no e-mail addresses");
}

async fn answering_without_javascript(app: TestApp) {
    let (space, official, _) = setup(&app, 0).await;
    let id = created(&app, space, &official, &survey()).await;
    person(&app, "form@example.org", "citizen").await;
    let browser = client();
    let r = browser
        .post(app.url("/bucha/login"))
        .form(&[("email", "form@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = browser
        .get(app.url(&format!("/bucha/polls/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert!(page.contains("type=\"radio\"") && page.contains("type=\"checkbox\"") && page.contains("<select"));
    // Errors: a scale out of range and a missing required answer; 422 with
    // a summary linking to the question, and the typed answers kept.
    let r = browser
        .post(app.url(&format!("/bucha/polls/{id}")))
        .form(&[("csrf", csrf.as_str()), ("q3", "9"), ("q4", "збережено")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("data-error-summary") && html.contains("href=\"#q1-0\""));
    assert!(html.contains("збережено"));
    // Without the CSRF token: refused.
    let r = browser
        .post(app.url(&format!("/bucha/polls/{id}")))
        .form(&[("q1", "0"), ("q3", "3")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = browser
        .post(app.url(&format!("/bucha/polls/{id}")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("q1", "1"),
            ("q2", "0"),
            ("q2", "1"),
            ("q3", "5"),
            ("q6", "12"),
            ("q7-0", "2"),
            ("q7-1", "1"),
            ("q7-2", "3"),
            ("q8", "2027-06-01"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r: Value = results(&app, id, None).await.json().await.unwrap();
    assert_eq!(r["responses"], 1);
    assert_eq!(r["questions"][1]["options"][1]["count"], 1);
    assert_eq!(r["questions"][6]["ranking"][0]["label"], "Лавки");
    // Once answered, the page says so instead of offering the form again.
    let page = browser
        .get(app.url(&format!("/bucha/polls/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("name=\"q1\""));
}
