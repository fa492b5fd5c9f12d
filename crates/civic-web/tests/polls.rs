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
    drafts_publishing_editing_and_copies,
    draft_polls_show_on_the_space_page_to_those_who_build_polls_only,
    matrix_other_filters_and_counters_agree_with_the_stored_answers,
    eligibility_by_district_and_verified_residents,
    a_multi_page_survey_keeps_progress_without_javascript,
    staff_build_a_survey_in_the_browser,
);

const PASSWORD: &str = "correct horse battery staple";

async fn person(app: &TestApp, email: &str, role: &str) {
    civic_app::users::create(
        &app.platform,
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
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let counts = civic_testkit::polls::Polls::of(&app.db, t).counts(id).await.unwrap();
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

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> reqwest::Response {
    client()
        .put(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn post_empty(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    client().post(app.url(path)).bearer_auth(token).send().await.unwrap()
}

async fn code_of(r: reqwest::Response) -> String {
    r.json::<Value>().await.unwrap()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn drafts_publishing_editing_and_copies(app: TestApp) {
    let (space, official, citizens) = setup(&app, 1).await;
    // A city prepares a consultation in a draft space: polls can be built
    // there before anyone sees the space; not in a closed one.
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let space_of = |status: &'static str| {
        let db = app.db.clone();
        async move {
            civic_testkit::spaces::Spaces::of(&db, t)
                .create(&civic_testkit::spaces::NewSpace {
                    title: "Готуємо",
                    description: "Опис",
                    status,
                    support_threshold: 5,
                    starts_at: None,
                    ends_at: None,
                })
                .await
                .unwrap()
        }
    };
    let draft_space = space_of("draft").await;
    let in_draft = created(&app, draft_space.0, &official, &survey()).await;
    assert!(in_draft > 0);
    assert_eq!(
        client()
            .get(app.url(&format!("/api/v1/bucha/polls/{in_draft}")))
            .bearer_auth(&citizens[0])
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND,
        "residents see nothing of a draft space"
    );
    let closed_space = space_of("closed").await;
    let refused = create(&app, closed_space.0, &official, &survey()).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert_eq!(code_of(refused).await, "space_closed");
    // A draft may start empty; publishing it without questions is refused.
    let empty = json!({"title": "Чернетка опитування", "publication": "draft", "questions": []});
    let id = created(&app, space, &official, &empty).await;
    let r = post_empty(&app, &format!("/api/v1/bucha/polls/{id}/publish"), &official).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code_of(r).await, "no_questions");
    // A citizen cannot see or answer a draft, nor publish it.
    assert_eq!(
        client()
            .get(app.url(&format!("/api/v1/bucha/polls/{id}")))
            .bearer_auth(&citizens[0])
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        respond(&app, id, &citizens[0], full_answer()).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        post_empty(&app, &format!("/api/v1/bucha/polls/{id}/publish"), &citizens[0])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // Staff fill it in, publish, and people answer.
    let r = put(&app, &format!("/api/v1/bucha/polls/{id}"), &official, &survey()).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = post_empty(&app, &format!("/api/v1/bucha/polls/{id}/publish"), &official).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["publication"], "published");
    assert_eq!(
        respond(&app, id, &citizens[0], full_answer()).await.status(),
        StatusCode::CREATED
    );
    // Now the questions cannot change; the title can.
    let mut changed = survey();
    changed["questions"][0]["options"] = json!(["Так", "Ні", "Іноді"]);
    let r = put(&app, &format!("/api/v1/bucha/polls/{id}"), &official, &changed).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(code_of(r).await, "poll_has_responses");
    let mut kind_changed = survey();
    kind_changed["questions"][3]["kind"] = json!("long_text");
    assert_eq!(
        put(&app, &format!("/api/v1/bucha/polls/{id}"), &official, &kind_changed)
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let stored: Value = client()
        .get(app.url(&format!("/api/v1/bucha/polls/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stored["questions"][0]["options"], json!(["Так", "Ні"]), "unchanged");
    assert_eq!(stored["questions"][3]["kind"], "short_text");
    let mut retitled = survey();
    retitled["title"] = json!("Опитування про парк, 2027");
    let r = put(&app, &format!("/api/v1/bucha/polls/{id}"), &official, &retitled).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["title"], "Опитування про парк, 2027");
    // A copy is a new draft without responses.
    let r = post_empty(&app, &format!("/api/v1/bucha/polls/{id}/duplicate"), &official).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let copy: Value = r.json().await.unwrap();
    assert_eq!(copy["publication"], "draft");
    assert_eq!(copy["response_count"], 0);
    assert_eq!(copy["questions"], stored["questions"]);
    let copy_id = copy["id"].as_i64().unwrap();
    assert_ne!(copy_id, id);
    assert_eq!(
        put(&app, &format!("/api/v1/bucha/polls/{copy_id}"), &official, &changed)
            .await
            .status(),
        StatusCode::OK,
        "the copy's questions may change"
    );
}

/// Counts by (question, choice, rank, value) straight from the stored
/// answers (a GROUP BY query, not the counters).
async fn stored_counts(app: &TestApp, poll: i64) -> Vec<(i64, i64, i64, f64, i64)> {
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let (counts, _, _) = civic_testkit::polls::Polls::of(&app.db, t)
        .filtered(poll, &civic_testkit::polls::Filter::default())
        .await
        .unwrap();
    counts
        .into_iter()
        .map(|c| (c.question_id, c.choice, c.rank, c.value, c.count))
        .collect()
}

async fn counted(app: &TestApp, poll: i64) -> Vec<(i64, i64, i64, f64, i64)> {
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    civic_testkit::polls::Polls::of(&app.db, t)
        .counts(poll)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.question_id, c.choice, c.rank, c.value, c.count))
        .collect()
}

async fn with_districts(app: &TestApp, space: i64) {
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    civic_testkit::spaces::Spaces::of(&app.db, t)
        .set_choices(civic_core::SpaceId(space), &[], &["Центр", "Північ"])
        .await
        .unwrap();
}

async fn matrix_other_filters_and_counters_agree_with_the_stored_answers(app: TestApp) {
    let (space, official, citizens) = setup(&app, 7).await;
    with_districts(&app, space).await;
    let body = json!({
        "title": "Стан парку",
        "allow_changes": true,
        "questions": [
            {"kind": "single_choice", "text": "Як добираєтесь?", "required": true, "options": ["Пішки", "Авто"], "other": true},
            {"kind": "matrix", "text": "Оцініть", "required": true, "options": ["Погано", "Добре"], "rows": ["Світло", "Чистота"]},
            {"kind": "long_text", "text": "Що змінити?"}
        ]
    });
    let id = created(&app, space, &official, &body).await;
    // Bad: "other" without its text, a matrix row missing, a column that does not exist.
    let r = respond(
        &app,
        id,
        &citizens[0],
        json!([
            {"question_id": 1, "option": 2},
            {"question_id": 2, "matrix": [0, -1]}
        ]),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let codes: Vec<String> = r.json::<Value>().await.unwrap()["error"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["other_missing", "matrix_incomplete"]);
    let r = respond(
        &app,
        id,
        &citizens[0],
        json!([
            {"question_id": 1, "option": 0},
            {"question_id": 2, "matrix": [0, 2]}
        ]),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(counted(&app, id).await, vec![], "nothing stored");
    for (n, token) in citizens.iter().enumerate() {
        let district = if n < 6 { "Центр" } else { "Північ" };
        let mut answer = json!({"district": district, "answers": [
            {"question_id": 1, "option": n as i64 % 3},
            {"question_id": 2, "matrix": [n as i64 % 2, 1]},
            {"question_id": 3, "text": "Більше світла біля ставка"}
        ]});
        if n % 3 == 2 {
            answer["answers"][0]["other"] = json!("Велосипедом");
        }
        let r = client()
            .post(app.url(&format!("/api/v1/bucha/polls/{id}/responses")))
            .bearer_auth(token)
            .json(&answer)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    // A change replaces the earlier answers in the counters too.
    let r = respond(
        &app,
        id,
        &citizens[0],
        json!([
            {"question_id": 1, "option": 1},
            {"question_id": 2, "matrix": [1, 0]}
        ]),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(counted(&app, id).await, stored_counts(&app, id).await);
    let r: Value = results(&app, id, Some(&official)).await.json().await.unwrap();
    assert_eq!(
        r["districts"],
        json!([["Північ", 1], ["Центр", 6]]),
        "kept with the responses"
    );
    assert_eq!(r["responses"], 7);
    let q1 = &r["questions"][0];
    assert_eq!(q1["options"][2]["other"], true);
    assert_eq!(q1["options"][2]["count"], 2);
    assert_eq!(
        q1["texts"],
        json!(["Велосипедом", "Велосипедом"]),
        "staff see the other texts"
    );
    let grid = &r["questions"][1];
    assert_eq!(grid["columns"], json!(["Погано", "Добре"]));
    // Row "Світло": citizen 0 changed to 1; of the others, n odd chose 1.
    assert_eq!(grid["matrix"][0]["counts"], json!([3, 4]));
    assert_eq!(grid["matrix"][1]["counts"], json!([1, 6]));
    assert_eq!(
        r["questions"][2]["words"][0],
        json!(["світла", 6]),
        "citizen 0 left it out when changing"
    );
    // The public does not get the texts or words.
    let public: Value = results(&app, id, None).await.json().await.unwrap();
    assert!(public["questions"][0].get("texts").is_none() && public["questions"][2].get("words").is_none());
    // Filters: by district, and by an answer to another question.
    let filtered_as = |query: &'static str, token: Option<String>| {
        let url = app.url(&format!("/api/v1/bucha/polls/{id}/results?{query}"));
        async move {
            let mut r = client().get(url);
            if let Some(t) = token {
                r = r.bearer_auth(t);
            }
            r.send().await.unwrap()
        }
    };
    let filtered: Value = filtered_as("district=Центр", Some(official.clone()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(filtered["responses"], 6);
    assert_eq!(filtered["questions"][1]["matrix"][1]["counts"], json!([1, 5]));
    let small: Value = filtered_as("district=Північ", None).await.json().await.unwrap();
    assert_eq!(small["withheld"], true, "one response is not shown on its own");
    assert_eq!(small["questions"][1]["matrix"][0]["counts"], json!([0, 0]));
    // Nor as the total minus the other districts: Центр (6 of 7) is held
    // back from the public too, or 7 − 6 would be Північ's one response.
    let complement: Value = filtered_as("district=Центр", None).await.json().await.unwrap();
    assert_eq!(complement["withheld"], true, "{complement}");
    assert_eq!(complement["responses"], 0);
    // Cross-tabulating by an answer is for staff.
    let refused = filtered_as("question=2&option=1", None).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let cross: Value = filtered_as("question=2&option=1", Some(official.clone()))
        .await
        .json()
        .await
        .unwrap();
    // Responses with column 1 ("Добре") in any row of question 2: all 7.
    assert_eq!(cross["responses"], 7);
    let bad = filtered_as("question=3&option=0", Some(official.clone())).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The results page draws the heat table and the filter form; a
    // district the public may not see alone says so.
    let html = app
        .get(&format!("/bucha/polls/{id}/results"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("class=\"heat\"") && html.contains("id=\"filter-district\""));
    assert!(!html.contains("id=\"filter-answer\""), "answer filters are for staff");
    let withheld = app
        .get(&format!("/bucha/polls/{id}/results?district=Центр"))
        .await
        .text()
        .await
        .unwrap();
    assert!(withheld.contains("class=\"notice\""), "{withheld}");
    // Deleting an account takes its response out of the counters.
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let gone = civic_testkit::users::Users::of(&app.db, t)
        .by_email(&civic_core::Email::parse("r6@example.org").unwrap())
        .await
        .unwrap()
        .unwrap();
    civic_testkit::privacy::Privacy::of(&app.db, t)
        .delete_account(gone.id, civic_testkit::privacy::Contributions::Keep)
        .await
        .unwrap();
    assert_eq!(counted(&app, id).await, stored_counts(&app, id).await);
    let r: Value = results(&app, id, Some(&official)).await.json().await.unwrap();
    assert_eq!(r["responses"], 6);
    assert_eq!(
        r["districts"],
        json!([["Центр", 6]]),
        "the deleted account was in Північ"
    );
    // A change that states another district moves the response there.
    let moved = client()
        .post(app.url(&format!("/api/v1/bucha/polls/{id}/responses")))
        .bearer_auth(&citizens[1])
        .json(&json!({"district": "Північ", "answers": [
            {"question_id": 1, "option": 1},
            {"question_id": 2, "matrix": [1, 1]}
        ]}))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), StatusCode::OK);
    let r: Value = results(&app, id, Some(&official)).await.json().await.unwrap();
    assert_eq!(r["districts"], json!([["Північ", 1], ["Центр", 5]]));
    let stored = civic_testkit::testing::query_i64(
        &app.db,
        &format!("SELECT COUNT(*) FROM poll_responses WHERE poll_id = {id} AND district = 'Північ'"),
    )
    .await;
    assert_eq!(stored, 1);
}

async fn eligibility_by_district_and_verified_residents(app: TestApp) {
    let (space, official, citizens) = setup(&app, 1).await;
    with_districts(&app, space).await;
    let mut body = survey();
    body["eligibility"] = json!("districts");
    body["districts"] = json!(["Марс"]);
    let r = create(&app, space, &official, &body).await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "not a district of the space"
    );
    body["districts"] = json!(["Центр"]);
    let id = created(&app, space, &official, &body).await;
    let answer = |district: Option<&str>| {
        let mut v = json!({"answers": full_answer()});
        if let Some(d) = district {
            v["district"] = json!(d);
        }
        v
    };
    let send = |v: Value| {
        let url = app.url(&format!("/api/v1/bucha/polls/{id}/responses"));
        let token = citizens[0].clone();
        async move { client().post(url).bearer_auth(token).json(&v).send().await.unwrap() }
    };
    let r = send(answer(None)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code_of(r).await, "district_required");
    let r = send(answer(Some("Марс"))).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code_of(r).await, "invalid_district");
    let r = send(answer(Some("Північ"))).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "an ineligible account");
    assert_eq!(counted(&app, id).await, vec![], "nothing stored");
    assert_eq!(send(answer(Some("Центр"))).await.status(), StatusCode::CREATED);
    // "Verified residents only" is published like any other (residents
    // are verified in tests/verification.rs); kept on a draft too.
    let mut verified = survey();
    verified["eligibility"] = json!("verified");
    verified["publication"] = json!("draft");
    let draft = created(&app, space, &official, &verified).await;
    let r = post_empty(&app, &format!("/api/v1/bucha/polls/{draft}/publish"), &official).await;
    assert!(r.status().is_success(), "{}", r.status());
    let stored: Value = client()
        .get(app.url(&format!("/api/v1/bucha/polls/{draft}")))
        .bearer_auth(&official)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stored["eligibility"], "verified");
}

async fn signed_in_browser(app: &TestApp, email: &str, role: &str) -> reqwest::Client {
    person(app, email, role).await;
    let browser = client();
    let r = browser
        .post(app.url("/bucha/login"))
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    browser
}

fn csrf_in(page: &str) -> String {
    page.split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

/// One page of a survey posted by a signed-in browser.
async fn page_post(browser: &reqwest::Client, app: &TestApp, id: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    browser
        .post(app.url(&format!("/bucha/polls/{id}")))
        .form(fields)
        .send()
        .await
        .unwrap()
}

async fn a_multi_page_survey_keeps_progress_without_javascript(app: TestApp) {
    let (space, official, _) = setup(&app, 0).await;
    let body = json!({
        "title": "Анкета на дві сторінки",
        "questions": [
            {"kind": "single_choice", "text": "Чи буваєте в парку?", "required": true, "options": ["Так", "Ні"]},
            {"kind": "number", "text": "Скільки разів на місяць?", "required": true, "min": 0, "max": 31},
            {"kind": "matrix", "text": "Оцініть", "required": true, "page": 2, "options": ["Погано", "Добре"], "rows": ["Світло"]},
            {"kind": "short_text", "text": "Чому ні?", "page": 2, "required": true, "show_if": {"question": 0, "option": 1}}
        ]
    });
    let id = created(&app, space, &official, &body).await;
    let browser = signed_in_browser(&app, "pages@example.org", "citizen").await;
    let get = |path: String| {
        let b = browser.clone();
        let url = app.url(&path);
        async move { b.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let page = get(format!("/bucha/polls/{id}")).await;
    assert!(page.contains("Сторінка 1 з 2") && page.contains("<progress max=\"2\" value=\"1\""));
    assert!(
        page.contains("name=\"q1\"") && !page.contains("name=\"q3-m0\""),
        "page 1 only"
    );
    let csrf = csrf_in(&page);
    // An out-of-range number on page 1: the page again, its error summary
    // linking to the field.
    let r = page_post(
        &browser,
        &app,
        id,
        &[
            ("csrf", csrf.as_str()),
            ("page", "1"),
            ("go", "next"),
            ("q1", "0"),
            ("q2", "40"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("data-error-summary") && html.contains("href=\"#q2\"") && html.contains("Сторінка 1 з 2"));
    let r = page_post(
        &browser,
        &app,
        id,
        &[
            ("csrf", csrf.as_str()),
            ("page", "1"),
            ("go", "next"),
            ("q1", "0"),
            ("q2", "4"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["location"].to_str().unwrap().ends_with("?page=2"));
    // Progress is kept on the server: the poll opens on page 2 later.
    let page = get(format!("/bucha/polls/{id}")).await;
    assert!(page.contains("Сторінка 2 з 2") && page.contains("name=\"q3-m0\""));
    assert!(!page.contains("name=\"q4\""), "hidden: question 1 was answered «Так»");
    // Back to page 1 keeps the answers given there.
    let page = get(format!("/bucha/polls/{id}?page=1")).await;
    assert!(page.contains("value=\"4\""));
    // Submitting without the matrix: sent back to page 2 with the error.
    let r = page_post(
        &browser,
        &app,
        id,
        &[("csrf", csrf.as_str()), ("page", "2"), ("go", "submit")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("href=\"#q3-m0-0\"") && html.contains("Сторінка 2 з 2"));
    let r = page_post(
        &browser,
        &app,
        id,
        &[("csrf", csrf.as_str()), ("page", "2"), ("go", "submit"), ("q3-m0", "1")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r: Value = results(&app, id, None).await.json().await.unwrap();
    assert_eq!(r["responses"], 1);
    assert_eq!(r["questions"][1]["stats"]["mean"], 4.0);
    assert_eq!(r["questions"][2]["matrix"][0]["counts"], json!([0, 1]));
}

async fn staff_build_a_survey_in_the_browser(app: TestApp) {
    let (space, _, _) = setup(&app, 0).await;
    let clerk = signed_in_browser(&app, "builder@example.org", "official").await;
    let form = clerk
        .get(app.url(&format!("/bucha/spaces/{space}/polls/new")))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let form = form.text().await.unwrap();
    assert!(form.contains("name=\"q5-text\"") && !form.contains("name=\"q6-text\""));
    let csrf = csrf_in(&form);
    // "Add more questions" shows more slots and keeps what was typed.
    let r = clerk
        .post(app.url(&format!("/bucha/spaces/{space}/polls/new")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("slots", "5"),
            ("action", "more"),
            ("title", "Нова анкета"),
        ])
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("name=\"q10-text\"") && html.contains("value=\"Нова анкета\""));
    // A condition on an option that question 1 does not have: refused, naming slot 2.
    let mut fields: Vec<(&str, &str)> = vec![
        ("csrf", csrf.as_str()),
        ("slots", "6"),
        ("action", "save"),
        ("title", "Нова анкета"),
        ("results_visibility", "live"),
        ("eligibility", "signed_in"),
        ("anonymous", "1"),
        ("q1-text", "Чи буваєте в парку?"),
        ("q1-kind", "single_choice"),
        ("q1-required", "1"),
        ("q1-options", "Так\nНі"),
        ("q2-text", "Чому ні?"),
        ("q2-kind", "multiple_choice"),
        ("q2-options", "Далеко\nБрудно"),
        ("q2-other", "1"),
        ("q2-if-question", "1"),
        ("q2-if-negate", "is"),
        ("q2-if-option", "Може"),
    ];
    let r = clerk
        .post(app.url(&format!("/bucha/spaces/{space}/polls/new")))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("href=\"#q2-text\"") && html.contains("Питання 2"),
        "{html}"
    );
    fields.retain(|(k, _)| *k != "q2-if-option");
    fields.extend([
        ("q2-if-option", "ні"),
        ("q3-text", "Оцініть"),
        ("q3-kind", "matrix"),
        ("q3-page", "2"),
        ("q3-options", "Погано\nДобре"),
        ("q3-rows", "Світло\nЧистота"),
        ("q4-text", "Оцінка"),
        ("q4-kind", "scale"),
        ("q4-page", "2"),
        ("q4-scale-min", "0"),
        ("q4-scale-max", "10"),
        ("q4-min-label", "погано"),
        ("q5-text", "Скільки хвилин іти?"),
        ("q5-kind", "number"),
        ("q5-page", "2"),
        ("q5-min", "0"),
        ("q5-max", "120"),
        ("q6-text", "Що зробити першим?"),
        ("q6-kind", "ranking"),
        ("q6-page", "3"),
        ("q6-options", "Світло\nЛавки"),
    ]);
    let r = clerk
        .post(app.url(&format!("/bucha/spaces/{space}/polls/new")))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let edit = r.headers()["location"].to_str().unwrap().to_string();
    let id: i64 = edit.split('/').nth(3).unwrap().parse().unwrap();
    // A draft: not public yet; the preview shows it as residents will see it.
    assert_eq!(
        app.get(&format!("/bucha/polls/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    let preview = clerk
        .get(app.url(&format!("/bucha/polls/{id}/preview")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(preview.contains("Сторінка 1 з 3") && preview.contains("Інше (уточніть)"));
    let stored: Value = client()
        .get(app.url(&format!("/api/v1/bucha/polls/{id}")))
        .bearer_auth(token(&app, "builder@example.org").await)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        stored["questions"][1]["show_if"],
        json!({"question_id": 1, "option": 1})
    );
    assert_eq!(stored["questions"][2]["rows"], json!(["Світло", "Чистота"]));
    assert_eq!(stored["questions"][3]["scale_max"], 10);
    // Publish, then the poll is public.
    let r = clerk
        .post(app.url(&format!("/bucha/polls/{id}/publish")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&format!("/bucha/polls/{id}")).await.status(), StatusCode::OK);
    // An empty draft cannot be published: the builder says why.
    let r = clerk
        .post(app.url(&format!("/bucha/spaces/{space}/polls/new")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("slots", "5"),
            ("action", "save"),
            ("title", "Порожня"),
        ])
        .send()
        .await
        .unwrap();
    let empty = r.headers()["location"]
        .to_str()
        .unwrap()
        .split('/')
        .nth(3)
        .unwrap()
        .to_string();
    let r = clerk
        .post(app.url(&format!("/bucha/polls/{empty}/publish")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let r = clerk.get(app.url(&to)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("принаймні одне питання"));
}

/// A draft poll's title is for officials and administrators, who build
/// polls; a moderator (who runs conversations) sees neither the draft nor
/// the link to build one, as in the API.
async fn draft_polls_show_on_the_space_page_to_those_who_build_polls_only(app: TestApp) {
    let (space, official, _) = setup(&app, 0).await;
    let draft = json!({"title": "Таємна чернетка", "publication": "draft", "questions": []});
    created(&app, space, &official, &draft).await;
    person(&app, "mod@example.org", "moderator").await;
    let moderator = token(&app, "mod@example.org").await;
    let page = |who: String| {
        let url = app.url(&format!("/bucha/spaces/{space}"));
        async move {
            let r = client().get(url).bearer_auth(who).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            r.text().await.unwrap()
        }
    };
    let seen_by_official = page(official.clone()).await;
    assert!(seen_by_official.contains("Таємна чернетка"));
    assert!(seen_by_official.contains(&format!("/bucha/spaces/{space}/polls/new")));
    let seen_by_moderator = page(moderator).await;
    assert!(
        !seen_by_moderator.contains("Таємна чернетка"),
        "a moderator saw a draft poll"
    );
    assert!(
        !seen_by_moderator.contains(&format!("/bucha/spaces/{space}/polls/new")),
        "a moderator was offered a form they may not use"
    );
}
