//! Verified residents on both backends: the administrator uploads a census
//! list (hashed on upload, all or nothing, a bad file leaves the old list
//! whole and names its bad lines); a resident matching it is verified and
//! a verified-only poll and space then accept them, while others are
//! refused with 403 and pointed at the verification page; one person
//! verifies one account; staff verify at the service centre and revoke,
//! audited; attempts are rate-limited.

mod common;

use civic_testkit::testing::query_i64;
use common::world::{person, session};
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    a_census_match_verifies_and_a_verified_poll_accepts_the_answer,
    a_verified_space_admits_only_verified_residents,
    one_person_verifies_one_account,
    a_bad_census_file_is_refused_whole_with_line_numbers,
    staff_verify_and_revoke_audited,
    attempts_are_rate_limited,
    a_verified_budget_asks_to_verify_instead_of_offering_forms,
    every_module_page_asks_to_verify_instead_of_offering_forms,
);

type Who = (reqwest::Client, String);

const CENSUS: &str = "document_number,birth_date,district\n\
    001234567,1980-01-31,Центр\n\
    АВ123456,1975-06-15,Північ\n\
    005551234,2001-11-02,Ірпінська\n";

fn upload_body(csrf: &str, file: &str) -> Vec<u8> {
    format!(
        "--b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --b0undary\r\nContent-Disposition: form-data; name=\"census\"; filename=\"census.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{file}\r\n--b0undary--\r\n"
    )
    .into_bytes()
}

async fn upload(app: &TestApp, who: &Who, file: &str) -> reqwest::Response {
    who.0
        .post(app.url("/bucha/admin/verification/census"))
        .header("content-type", "multipart/form-data; boundary=b0undary")
        .body(upload_body(&who.1, file))
        .send()
        .await
        .unwrap()
}

async fn admin(app: &TestApp) -> Who {
    person(app, "bucha", "admin@example.org", "admin").await;
    session(app, "bucha", "admin@example.org").await
}

/// The town with the census list uploaded; its administrator.
async fn with_census(app: &TestApp) -> (Town, Who) {
    let town = town(app, "Парк").await;
    let admin = admin(app).await;
    let r = upload(app, &admin, CENSUS).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    (town, admin)
}

async fn verify(app: &TestApp, who: &Who, document: &str, born: &str) -> (StatusCode, Value) {
    send(
        app,
        who,
        "POST",
        "/api/v1/bucha/me/verification",
        json!({"document_number": document, "birth_date": born}),
    )
    .await
}

async fn verifications(app: &TestApp) -> i64 {
    query_i64(&app.db, "SELECT COUNT(*) FROM verifications").await
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    query_i64(
        &app.db,
        &format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"),
    )
    .await
}

fn poll(eligibility: &str) -> Value {
    json!({
        "title": "Де поставити лавки?",
        "intro": "Одне питання.",
        "results_visibility": "live",
        "eligibility": eligibility,
        "questions": [
            {"kind": "single_choice", "text": "Де лавки потрібніші?", "required": true, "options": ["Біля ставка", "Біля школи"]}
        ]
    })
}

async fn a_census_match_verifies_and_a_verified_poll_accepts_the_answer(app: TestApp) {
    let (town, _) = with_census(&app).await;
    // Only keys are stored: no document number or birth date in clear.
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM census_entries").await, 3);
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM census_entries WHERE identity_key LIKE '%1234567%' OR identity_key LIKE '%1980%'"
        )
        .await,
        0
    );
    let (status, state) = send(&app, &town.olena, "GET", "/api/v1/bucha/me/verification", json!({})).await;
    assert_eq!((status, state["verified"].as_bool()), (StatusCode::OK, Some(false)));
    // No match: 422, nothing stored. A bad date: 422 on its field.
    let (status, body) = verify(&app, &town.olena, "001234567", "1980-01-30").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "verification_no_match");
    let (status, body) = verify(&app, &town.olena, "001234567", "31.02.1980").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["fields"][0]["field"], "birth_date");
    assert_eq!(verifications(&app).await, 0);
    // A match, typed another way (spaces, the Ukrainian date format): 201
    // with the list's district.
    let (status, state) = verify(&app, &town.olena, " 001 234 567 ", "31.01.1980").await;
    assert_eq!(status, StatusCode::CREATED, "{state}");
    assert_eq!(state["verified"], true);
    assert_eq!(state["method"], "census");
    assert_eq!(state["district"], "Центр");
    assert_eq!(state["age_band"], "35_59");
    assert!(state.get("identity_key").is_none());
    let (_, state) = send(&app, &town.olena, "GET", "/api/v1/bucha/me/verification", json!({})).await;
    assert_eq!(state["verified"], true);
    // Her data export holds it too (not the identity key).
    let (_, export) = send(&app, &town.olena, "GET", "/api/v1/bucha/me/export", json!({})).await;
    assert_eq!(export["verification"]["method"], "census", "{export}");
    assert_eq!(export["verification"]["district"], "Центр");
    assert_eq!(export["verification"]["birth_year"], 1980);
    assert!(!export.to_string().contains("identity_key"));
    // The account page shows it.
    let page = town
        .olena
        .0
        .get(app.url("/bucha/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Центр") && page.contains("Список мешканців"), "{page}");
    // A verified-only poll: published, the verified resident's answer is
    // taken, the other resident is refused with 403 and nothing stored.
    let (status, p) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/polls", town.space),
        poll("verified"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    let id = p["id"].as_i64().unwrap();
    let answer = json!({"answers": [{"question_id": 1, "option": 0}]});
    let responses = format!("/api/v1/bucha/polls/{id}/responses");
    let (status, body) = send(&app, &town.olena, "POST", &responses, answer.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = send(&app, &town.petro, "POST", &responses, answer.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["reason"], "verified_only");
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM poll_responses").await, 1);
    // The page of the refusal links to the verification page.
    let refused = town
        .petro
        .0
        .post(app.url(&format!("/bucha/polls/{id}")))
        .form(&[("csrf", town.petro.1.as_str()), ("q1", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let html = refused.text().await.unwrap();
    assert!(html.contains("/bucha/account/verification"), "{html}");
}

/// The administrator opens the town's space to verified residents only.
async fn verified_only(app: &TestApp, admin: &Who, town: &Town) {
    let (status, body) = send(
        app,
        admin,
        "PUT",
        &format!("/api/v1/bucha/spaces/{}", town.space),
        json!({"title": "Парк", "participation": "verified"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn a_verified_space_admits_only_verified_residents(app: TestApp) {
    let (town, admin) = with_census(&app).await;
    verified_only(&app, &admin, &town).await;
    let propose = format!("/api/v1/bucha/spaces/{}/ideas", town.space);
    let idea = json!({"title": "Лавки біля ставка", "body": "Поставити кілька лавок біля ставка."});
    let (status, body) = send(&app, &town.petro, "POST", &propose, idea.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["reason"], "verified_only");
    // The HTML form says why and where to go, in Ukrainian.
    let page = town
        .petro
        .0
        .get(app.url(&format!("/bucha/spaces/{}/ideas/new", town.space)))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    let html = page.text().await.unwrap();
    assert!(html.contains("лише підтверджені мешканці"), "{html}");
    assert!(html.contains("href=\"/bucha/account/verification\""));
    // Verified: the idea goes in; the support of another is refused.
    let (status, _) = verify(&app, &town.petro, "ab123456", "1975-06-15").await;
    assert_eq!(status, StatusCode::CREATED, "Latin letters match the Cyrillic list");
    let (status, body) = send(&app, &town.petro, "POST", &propose, idea).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let support = format!("/api/v1/bucha/ideas/{}/support", body["id"]);
    let (status, body) = send(&app, &town.olena, "PUT", &support, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    // An expired verification no longer counts.
    sqlx_exec(&app, "UPDATE verifications SET expires_at = 1").await;
    let (status, _) = send(&app, &town.petro, "PUT", &support, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, state) = send(&app, &town.petro, "GET", "/api/v1/bucha/me/verification", json!({})).await;
    assert_eq!(
        (state["verified"].as_bool(), state["expired"].as_bool()),
        (Some(false), Some(true))
    );
}

async fn a_verified_budget_asks_to_verify_instead_of_offering_forms(app: TestApp) {
    let (town, admin) = with_census(&app).await;
    let (status, b) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/budgets", town.space),
        json!({"title": "Громадський бюджет 2027", "description": "Фонд громади", "amount": 1_000_000,
            "ballot_type": "approval", "min_choices": 1, "max_choices": 2, "rule": "greedy"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{b}");
    let page = format!("/bucha/budgets/{}", b["id"]);
    let propose = format!("/bucha/budgets/{}/projects/new", b["id"]);
    let html = |who: Who| {
        let url = app.url(&page);
        async move { who.0.get(url).send().await.unwrap().text().await.unwrap() }
    };
    // An open space: the resident is offered the proposal form.
    let before = html(town.petro.clone()).await;
    assert!(before.contains(&propose), "{before}");
    verified_only(&app, &admin, &town).await;
    // Verified residents only: the page says so and where to verify,
    // instead of a form whose sending would be refused.
    let unverified = html(town.petro.clone()).await;
    assert!(!unverified.contains(&propose), "{unverified}");
    // The proposal form's own address refuses at once, saying why.
    let direct = town.petro.0.get(app.url(&propose)).send().await.unwrap();
    assert_eq!(direct.status(), StatusCode::FORBIDDEN);
    assert!(direct.text().await.unwrap().contains("/bucha/account/verification"));
    assert!(unverified.contains("можуть лише підтверджені мешканці"), "{unverified}");
    assert!(unverified.contains("href=\"/bucha/account/verification\""));
    let (status, _) = verify(&app, &town.petro, "ab123456", "1975-06-15").await;
    assert_eq!(status, StatusCode::CREATED);
    let verified = html(town.petro.clone()).await;
    assert!(verified.contains(&propose), "{verified}");
    assert!(!verified.contains("можуть лише підтверджені мешканці"));
}

/// A consultation section, a debate, a contest and a conversation in a
/// space of verified residents: each page tells an unverified resident why
/// they cannot take part and where to verify, instead of forms whose
/// sending would be refused; a visitor is asked to sign in; once verified,
/// the resident gets the forms.
async fn every_module_page_asks_to_verify_instead_of_offering_forms(app: TestApp) {
    let (town, admin) = with_census(&app).await;
    let in_space = |module: &str| format!("/api/v1/bucha/spaces/{}/{module}", town.space);
    let (status, c) = send(
        &app,
        &town.clerk,
        "POST",
        &in_space("consultations"),
        json!({"title": "Програма догляду за парками", "summary": "Що змінити?",
            "document": "**Стаття 1. Газони**\nГазони косять щотижня.", "open_for_comments": true}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let section = c["sections"][0]["id"].as_i64().unwrap();
    let (status, d) = send(
        &app,
        &town.clerk,
        "POST",
        &in_space("debates"),
        json!({"question": "Чи робити вулицю пішохідною?"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let day = |n: i64| civic_core::Timestamp::now().minus_days(-n).iso_date();
    let (status, k) = send(
        &app,
        &town.clerk,
        "POST",
        &in_space("contests"),
        json!({"title": "Логотип громади", "brief": "Створіть логотип.", "rules": "Одна робота.",
            "eligibility": "Мешканці.", "prizes": "Диплом", "public_vote": false,
            "submissions_close_on": day(10), "jury_close_on": day(20),
            "criteria": [{"name": "Оригінальність", "weight": 100}]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{k}");
    let (status, v) = send(
        &app,
        &town.clerk,
        "POST",
        &in_space("conversations"),
        json!({"question": "Як використовувати площу?", "moderation": "after",
            "seed_statements": ["Площа має бути пішохідною."]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    // A poll any signed-in resident may answer, in the same space.
    let (status, poll) = send(&app, &town.clerk, "POST", &in_space("polls"), poll("signed_in")).await;
    assert_eq!(status, StatusCode::CREATED, "{poll}");
    let poll_page = format!("/bucha/polls/{}", poll["id"]);
    let poll_form = format!("action=\"/bucha/polls/{}\"", poll["id"]);
    const POLL_NOTICE: &str = "Відповідати на це опитування можуть лише підтверджені мешканці";
    // (page, the action of the form a resident is offered there)
    let pages = [
        (
            format!("/bucha/sections/{section}"),
            format!("/bucha/sections/{section}/amendments"),
        ),
        (
            format!("/bucha/debates/{}", d["id"]),
            format!("/bucha/debates/{}/arguments", d["id"]),
        ),
        (
            format!("/bucha/contests/{}", k["id"]),
            format!("/bucha/contests/{}/submissions", k["id"]),
        ),
        (
            format!("/bucha/conversations/{}", v["id"]),
            format!("/bucha/conversations/{}/vote", v["id"]),
        ),
    ];
    let html = |who: reqwest::Client, page: String| {
        let url = app.url(&page);
        async move { who.get(url).send().await.unwrap().text().await.unwrap() }
    };
    const NOTICE: &str = "Брати участь тут можуть лише підтверджені мешканці громади.";
    let open = html(town.petro.0.clone(), poll_page.clone()).await;
    assert!(open.contains(&poll_form) && !open.contains(POLL_NOTICE), "{open}");
    for (page, form) in &pages {
        let open = html(town.petro.0.clone(), page.clone()).await;
        assert!(
            open.contains(form.as_str()) && !open.contains(NOTICE),
            "{page} in an open space: {open}"
        );
    }
    verified_only(&app, &admin, &town).await;
    for (page, form) in &pages {
        let unverified = html(town.petro.0.clone(), page.clone()).await;
        assert!(!unverified.contains(form.as_str()), "{page}: {unverified}");
        assert!(
            unverified.contains(&format!("{NOTICE} <a href=\"/bucha/account/verification\">")),
            "{page}: {unverified}"
        );
        let visitor = html(client(), page.clone()).await;
        assert!(
            !visitor.contains(form.as_str()) && visitor.contains(NOTICE),
            "{page}: {visitor}"
        );
        assert!(
            visitor.contains(&format!("{NOTICE} <a href=\"/bucha/login")),
            "{page}: the notice asks a visitor to sign in: {visitor}"
        );
    }
    // The poll says so in its own words, with no form to fill in.
    let unverified = html(town.petro.0.clone(), poll_page.clone()).await;
    assert!(
        !unverified.contains(&poll_form) && unverified.contains(POLL_NOTICE),
        "{unverified}"
    );
    let (status, _) = verify(&app, &town.petro, "ab123456", "1975-06-15").await;
    assert_eq!(status, StatusCode::CREATED);
    let verified = html(town.petro.0.clone(), poll_page.clone()).await;
    assert!(
        verified.contains(&poll_form) && !verified.contains(POLL_NOTICE),
        "{verified}"
    );
    for (page, form) in &pages {
        let verified = html(town.petro.0.clone(), page.clone()).await;
        assert!(
            verified.contains(form.as_str()) && !verified.contains(NOTICE),
            "{page}: {verified}"
        );
    }
}

async fn sqlx_exec(app: &TestApp, sql: &str) {
    civic_testkit::testing::execute(&app.db, sql).await.unwrap();
}

async fn one_person_verifies_one_account(app: TestApp) {
    let (town, _) = with_census(&app).await;
    let (status, _) = verify(&app, &town.olena, "001234567", "1980-01-31").await;
    assert_eq!(status, StatusCode::CREATED);
    // Verifying again with the same document changes nothing harmful.
    let (status, _) = verify(&app, &town.olena, "001234567", "1980-01-31").await;
    assert_eq!(status, StatusCode::CREATED);
    // A second account with the same person: refused, clearly.
    let (status, body) = verify(&app, &town.petro, "001234567", "1980-01-31").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "identity_taken");
    assert!(body["error"]["message"].as_str().unwrap().contains("another account"));
    assert_eq!(verifications(&app).await, 1);
    let (_, state) = send(&app, &town.petro, "GET", "/api/v1/bucha/me/verification", json!({})).await;
    assert_eq!(state["verified"], false);
    // The HTML form says so too (409, the message on the field).
    let r = town
        .petro
        .0
        .post(app.url("/bucha/account/verification"))
        .form(&[
            ("csrf", town.petro.1.as_str()),
            ("document_number", "001234567"),
            ("birth_date", "1980-01-31"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("уже підтверджує інший обліковий запис")
    );
}

async fn a_bad_census_file_is_refused_whole_with_line_numbers(app: TestApp) {
    let (town, admin) = with_census(&app).await;
    assert_eq!(audited(&app, "census_replaced").await, 1);
    let keys_before = query_i64(&app.db, "SELECT COUNT(*) FROM census_entries").await;
    let bad = "document_number,birth_date,district\n\
        009990001,1990-01-01,Центр\n\
        009990002,1990-02-30,Центр\n\
        009990003,1990-03-03\n\
        009990001,1990-01-01,Захід\n";
    let r = upload(&app, &admin, bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    for line in ["Рядок 3", "Рядок 4", "Рядок 5"] {
        assert!(html.contains(line), "{line} in {html}");
    }
    assert!(!html.contains("Рядок 2"));
    // Nothing of the bad file is stored: the old list still matches.
    assert_eq!(
        query_i64(&app.db, "SELECT COUNT(*) FROM census_entries").await,
        keys_before
    );
    assert_eq!(audited(&app, "census_replaced").await, 1);
    let (status, _) = verify(&app, &town.olena, "009990001", "1990-01-01").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = verify(&app, &town.olena, "001234567", "1980-01-31").await;
    assert_eq!(status, StatusCode::CREATED);
    // Not text, empty: refused the same way.
    assert_eq!(
        upload(&app, &admin, "\u{0}\u{0}").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        upload(&app, &admin, "\n").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Only administrators replace the list; officials may not.
    let r = upload(&app, &town.clerk, CENSUS).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A replacement is allowed and audited; verified accounts stay verified.
    let r = upload(&app, &admin, "009990001,1990-01-01,Центр\n").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM census_entries").await, 1);
    assert_eq!(audited(&app, "census_replaced").await, 2);
    let (_, state) = send(&app, &town.olena, "GET", "/api/v1/bucha/me/verification", json!({})).await;
    assert_eq!(state["verified"], true);
    let page = admin.0.get(app.url("/bucha/admin/verification")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("У списку 1 особа"));
}

async fn staff_verify_and_revoke_audited(app: TestApp) {
    let (town, _) = with_census(&app).await;
    let petro = query_i64(&app.db, "SELECT id FROM users WHERE email = 'petro@example.org'").await;
    // The clerk finds Petro by e-mail.
    let page = town
        .clerk
        .0
        .get(app.url("/bucha/admin/verification?email=petro%40example.org"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains(&format!("/bucha/admin/verification/accounts/{petro}/verify")));
    let verify_at = format!("/bucha/admin/verification/accounts/{petro}/verify");
    let post = |form: Vec<(&'static str, &'static str)>| {
        let clerk = town.clerk.clone();
        let url = app.url(&verify_at);
        async move {
            let mut fields = vec![("csrf", clerk.1.clone())];
            fields.extend(form.into_iter().map(|(k, v)| (k, v.to_string())));
            clerk.0.post(url).form(&fields).send().await.unwrap()
        }
    };
    // Bad input: every problem at once, nothing stored.
    let r = post(vec![
        ("email", "petro@example.org"),
        ("document_type", "library_card"),
        ("document_number", ""),
        ("birth_date", "1990-02-30"),
        ("district", ""),
    ])
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("Оберіть тип переглянутого документа"));
    assert!(html.contains("Введіть дату народження"));
    assert_eq!(verifications(&app).await, 0);
    // An IDP certificate looked at: verified, audited.
    let r = post(vec![
        ("email", "petro@example.org"),
        ("document_type", "idp_certificate"),
        ("document_number", "1234-5678901"),
        ("birth_date", "1990-04-05"),
        ("district", "Ворзель"),
    ])
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(audited(&app, "resident_verified").await, 1);
    let (_, state) = send(&app, &town.petro, "GET", "/api/v1/bucha/me/verification", json!({})).await;
    assert_eq!(state["method"], "staff");
    assert_eq!(state["document_type"], "idp_certificate");
    assert_eq!(state["district"], "Ворзель");
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM verifications WHERE verified_by = (SELECT id FROM users WHERE email = 'clerk@example.org')"
        )
        .await,
        1
    );
    // The same person cannot then verify another account online.
    let olena = query_i64(&app.db, "SELECT id FROM users WHERE email = 'olena@example.org'").await;
    let r = town
        .clerk
        .0
        .post(app.url(&format!("/bucha/admin/verification/accounts/{olena}/verify")))
        .form(&[
            ("csrf", town.clerk.1.as_str()),
            ("document_type", "passport"),
            ("document_number", "12345678901"),
            ("birth_date", "1990-04-05"),
            ("district", "Ворзель"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // A resident cannot use the service centre's page or its forms.
    let r = town
        .olena
        .0
        .get(app.url("/bucha/admin/verification"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Revoke: audited, and Petro is no longer verified.
    let revoke = format!("/bucha/admin/verification/accounts/{petro}/revoke");
    let r = town
        .clerk
        .0
        .post(app.url(&revoke))
        .form(&[("csrf", town.clerk.1.as_str()), ("email", "petro@example.org")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(audited(&app, "verification_revoked").await, 1);
    assert_eq!(verifications(&app).await, 0);
    let (_, state) = send(&app, &town.petro, "GET", "/api/v1/bucha/me/verification", json!({})).await;
    assert_eq!(state["verified"], false);
    // Revoking again: nothing to revoke, 404, no second entry.
    let r = town
        .clerk
        .0
        .post(app.url(&revoke))
        .form(&[("csrf", town.clerk.1.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(audited(&app, "verification_revoked").await, 1);
}

async fn attempts_are_rate_limited(app: TestApp) {
    let (town, _) = with_census(&app).await;
    for day in 1..=5 {
        let (status, _) = verify(&app, &town.olena, "001234567", &format!("1980-01-0{day}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // The sixth try is refused before it is checked, even the right one.
    let (status, body) = verify(&app, &town.olena, "001234567", "1980-01-31").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(verifications(&app).await, 0);
    // Another account is not held back.
    let (status, _) = verify(&app, &town.petro, "АВ123456", "1975-06-15").await;
    assert_eq!(status, StatusCode::CREATED);
}
