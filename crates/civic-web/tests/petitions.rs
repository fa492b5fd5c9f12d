//! E-petitions on both backends: a draft seen by its author only, the
//! check by an official (published or refused with a reason), signatures
//! counted exactly once (also under parallel requests), success at the
//! threshold, forwarding and the council's answer; a petition that fails
//! at the end of its period; bad input refused with a clear code and
//! nothing stored; the pages work as plain forms.

mod common;

use civic_testkit::testing::query_i64;
use common::world::{person, session};
use common::*;
use reqwest::{Client, StatusCode};
use serde_json::json;

both_backends!(
    a_petition_from_draft_to_the_councils_answer,
    signatures_count_once_under_parallel_requests,
    a_petition_fails_when_its_period_ends,
    bad_input_is_refused_and_stores_nothing,
    the_pages_work_without_javascript,
);

const BODY: &str =
    "Щоранку понад триста дітей переходять вулицю Шкільну без світлофора. Просимо облаштувати регульований перехід.";

struct People {
    town: Town,
    admin: (Client, String),
}

async fn people(app: &TestApp) -> People {
    let town = town(app, "Петиції").await;
    person(app, "bucha", "admin@example.org", "admin").await;
    People {
        town,
        admin: session(app, "bucha", "admin@example.org").await,
    }
}

async fn rules(app: &TestApp, admin: &(Client, String), threshold: i64) {
    let (status, body) = send(
        app,
        admin,
        "PUT",
        "/api/v1/bucha/petition-rules",
        json!({"threshold": threshold, "period_days": 30, "min_age": 16, "check_days": 3, "answer_days": 10}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// A petition by `author`, submitted and published by the clerk: its id.
async fn published(app: &TestApp, p: &People, author: &(Client, String), title: &str) -> i64 {
    let (status, d) = send(
        app,
        author,
        "POST",
        "/api/v1/bucha/petitions",
        json!({"title": title, "body": BODY}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let id = d["id"].as_i64().unwrap();
    let (status, d) = send(
        app,
        author,
        "POST",
        &format!("/api/v1/bucha/petitions/{id}/submit"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    let (status, d) = send(
        app,
        &p.town.clerk,
        "POST",
        &format!("/api/v1/bucha/petitions/{id}/review"),
        json!({"decision": "publish"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(d["status"], "collecting");
    id
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    query_i64(&app.db, sql).await
}

async fn a_petition_from_draft_to_the_councils_answer(app: TestApp) {
    let p = people(&app).await;
    rules(&app, &p.admin, 2).await;
    let (olena, petro, clerk) = (&p.town.olena, &p.town.petro, &p.town.clerk);

    // A draft: its author sees it, nobody else does, it is not listed.
    let (status, d) = send(
        &app,
        olena,
        "POST",
        "/api/v1/bucha/petitions",
        json!({"title": "Перехід біля школи", "body": BODY}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    assert_eq!(d["status"], "draft");
    let id = d["id"].as_i64().unwrap();
    let path = format!("/api/v1/bucha/petitions/{id}");
    assert_eq!(send(&app, olena, "GET", &path, json!({})).await.0, StatusCode::OK);
    assert_eq!(
        send(&app, petro, "GET", &path, json!({})).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get_json(&app, &path).await.0, StatusCode::NOT_FOUND);
    let (_, list) = get_json(&app, "/api/v1/bucha/petitions").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0, "{list}");
    // Signing a draft is not possible: nobody but its author even sees it.
    let sign = format!("/api/v1/bucha/petitions/{id}/signatures");
    assert_eq!(
        send(&app, petro, "POST", &sign, json!({})).await.0,
        StatusCode::NOT_FOUND
    );

    // The author edits it, then submits: the check has a deadline.
    let (status, d) = send(
        &app,
        olena,
        "PUT",
        &path,
        json!({"title": "Безпечний перехід біля школи № 2", "body": BODY}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(
        send(
            &app,
            petro,
            "PUT",
            &path,
            json!({"title": "Чужа правка назви", "body": BODY})
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    let (_, d) = send(&app, olena, "POST", &format!("{path}/submit"), json!({})).await;
    assert_eq!(d["status"], "submitted");
    assert!(d["check_due_at"].as_i64().unwrap() > d["submitted_at"].as_i64().unwrap());
    // Once submitted, no more edits.
    assert_eq!(
        send(
            &app,
            olena,
            "PUT",
            &path,
            json!({"title": "Інша назва петиції", "body": BODY})
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    // A citizen cannot publish it.
    let review = format!("{path}/review");
    assert_eq!(
        send(&app, petro, "POST", &review, json!({"decision": "publish"}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (_, d) = send(&app, clerk, "POST", &review, json!({"decision": "publish"})).await;
    assert_eq!(d["status"], "collecting");
    assert_eq!(d["threshold"], 2);
    assert!(d["days_left"].as_i64().unwrap() >= 30);
    // Publishing twice is a conflict, not a second period.
    assert_eq!(
        send(&app, clerk, "POST", &review, json!({"decision": "publish"}))
            .await
            .0,
        StatusCode::CONFLICT
    );

    // Signatures: 201 once, 200 again, counted once.
    let (status, d) = send(&app, petro, "POST", &sign, json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    assert_eq!(d["signature_count"], 1);
    let (status, d) = send(&app, petro, "POST", &sign, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(d["signature_count"], 1);
    // The second signature reaches the threshold: the petition succeeds
    // and the council's deadline is set.
    let (status, d) = send(&app, olena, "POST", &sign, json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    assert_eq!(d["status"], "succeeded");
    assert!(d["answer_due_at"].as_i64().unwrap() > d["succeeded_at"].as_i64().unwrap());
    let (status, d) = send(&app, clerk, "POST", &sign, json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{d}");
    assert_eq!(d["error"]["code"], "petition_not_collecting");
    let (_, awaiting) = get_json(&app, "/api/v1/bucha/petitions?status=awaiting_answer").await;
    assert_eq!(awaiting["items"][0]["id"], id, "{awaiting}");

    // Forwarded, then answered: the answer is public, with the decision.
    let (_, d) = send(&app, clerk, "POST", &format!("{path}/forward"), json!({})).await;
    assert_eq!(d["status"], "forwarded");
    let (status, d) = send(
        &app,
        clerk,
        "POST",
        &format!("{path}/answer"),
        json!({"decision": "partly_supported", "text": "Перехід облаштуємо до вересня, світлофор — у наступному році."}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    let (_, public) = get_json(&app, &path).await;
    assert_eq!(public["status"], "answered");
    assert_eq!(public["decision"], "partly_supported");
    assert!(public["answer"].as_str().unwrap().contains("вересня"));
    let (_, answered) = get_json(&app, "/api/v1/bucha/petitions?status=answered").await;
    assert_eq!(answered["items"].as_array().unwrap().len(), 1);
    // Answered once.
    assert_eq!(
        send(
            &app,
            clerk,
            "POST",
            &format!("{path}/answer"),
            json!({"decision": "supported", "text": "Ще одна відповідь ради."})
        )
        .await
        .0,
        StatusCode::CONFLICT
    );
    let (_, d) = send(&app, clerk, "POST", &format!("{path}/close"), json!({})).await;
    assert_eq!(d["status"], "closed");
    // Every step is audited.
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'petition_%'").await,
        5
    );
}

async fn signatures_count_once_under_parallel_requests(app: TestApp) {
    let p = people(&app).await;
    let id = published(&app, &p, &p.town.olena, "Лавки вздовж набережної").await;
    let sign = format!("/api/v1/bucha/petitions/{id}/signatures");
    let calls = (0..24).map(|_| send(&app, &p.town.petro, "POST", &sign, json!({})));
    let statuses: Vec<StatusCode> = futures_util::future::join_all(calls)
        .await
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::CREATED).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::OK),
        "{statuses:?}"
    );
    let (_, d) = get_json(&app, &format!("/api/v1/bucha/petitions/{id}")).await;
    assert_eq!(d["signature_count"], 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM petition_signatures").await, 1);
}

async fn a_petition_fails_when_its_period_ends(app: TestApp) {
    let p = people(&app).await;
    let id = published(&app, &p, &p.town.olena, "Подовжити години бібліотеки").await;
    let sign = format!("/api/v1/bucha/petitions/{id}/signatures");
    assert_eq!(
        send(&app, &p.town.petro, "POST", &sign, json!({})).await.0,
        StatusCode::CREATED
    );
    // The period ended yesterday, below the threshold.
    civic_testkit::testing::execute(
        &app.db,
        &format!(
            "UPDATE petitions SET collect_until = {} WHERE id = {id}",
            civic_core::Timestamp::now().0 - 86_400_000
        ),
    )
    .await
    .unwrap();
    let (_, d) = get_json(&app, &format!("/api/v1/bucha/petitions/{id}")).await;
    assert_eq!(d["status"], "failed");
    assert_eq!(d["days_left"], 0);
    // A late signature is refused and not counted.
    let (status, d) = send(&app, &p.town.clerk, "POST", &sign, json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{d}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM petition_signatures").await, 1);
    let (_, failed) = get_json(&app, "/api/v1/bucha/petitions?status=failed").await;
    assert_eq!(failed["items"][0]["id"], id);
    let (_, collecting) = get_json(&app, "/api/v1/bucha/petitions?status=collecting").await;
    assert_eq!(collecting["items"].as_array().unwrap().len(), 0);
    // It cannot be forwarded; it can be closed.
    assert_eq!(
        send(
            &app,
            &p.town.clerk,
            "POST",
            &format!("/api/v1/bucha/petitions/{id}/forward"),
            json!({})
        )
        .await
        .0,
        StatusCode::CONFLICT
    );
    let (_, d) = send(
        &app,
        &p.town.clerk,
        "POST",
        &format!("/api/v1/bucha/petitions/{id}/close"),
        json!({}),
    )
    .await;
    assert_eq!(d["status"], "closed");
}

async fn bad_input_is_refused_and_stores_nothing(app: TestApp) {
    let p = people(&app).await;
    let olena = &p.town.olena;
    // Too short, empty, too long: each field named, nothing stored.
    let (status, d) = send(
        &app,
        olena,
        "POST",
        "/api/v1/bucha/petitions",
        json!({"title": "Лавки", "body": ""}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{d}");
    let codes: Vec<&str> = d["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["petition_title_length", "petition_body_length"], "{d}");
    let (status, _) = send(
        &app,
        olena,
        "POST",
        "/api/v1/bucha/petitions",
        json!({"title": "Дуже довга петиція", "body": "х".repeat(10_001)}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM petitions").await, 0);
    // Signed out: 401.
    let anonymous = (client(), String::new());
    assert_eq!(
        send(
            &app,
            &anonymous,
            "POST",
            "/api/v1/bucha/petitions",
            json!({"title": "Петиція без входу", "body": BODY})
        )
        .await
        .0,
        StatusCode::UNAUTHORIZED
    );
    // A refusal needs its reason; an unknown decision is named.
    let (_, d) = send(
        &app,
        olena,
        "POST",
        "/api/v1/bucha/petitions",
        json!({"title": "Звільнити директора", "body": BODY}),
    )
    .await;
    let id = d["id"].as_i64().unwrap();
    send(
        &app,
        olena,
        "POST",
        &format!("/api/v1/bucha/petitions/{id}/submit"),
        json!({}),
    )
    .await;
    let review = format!("/api/v1/bucha/petitions/{id}/review");
    let (status, d) = send(
        &app,
        &p.town.clerk,
        "POST",
        &review,
        json!({"decision": "refuse", "reason": "ні"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{d}");
    assert_eq!(d["error"]["fields"][0]["field"], "reason");
    let (status, _) = send(&app, &p.town.clerk, "POST", &review, json!({"decision": "maybe"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, d) = send(&app, olena, "GET", &format!("/api/v1/bucha/petitions/{id}"), json!({})).await;
    assert_eq!(d["status"], "submitted");
    // Refused with the clause: the author sees why, the public sees nothing.
    let (status, d) = send(
        &app,
        &p.town.clerk,
        "POST",
        &review,
        json!({"decision": "refuse", "reason": "Пункт 4.3: кадрові питання не є предметом петиції."}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    let (_, d) = send(&app, olena, "GET", &format!("/api/v1/bucha/petitions/{id}"), json!({})).await;
    assert_eq!(d["status"], "refused");
    assert!(d["refusal_reason"].as_str().unwrap().contains("4.3"));
    assert_eq!(
        get_json(&app, &format!("/api/v1/bucha/petitions/{id}")).await.0,
        StatusCode::NOT_FOUND
    );
    // An answer needs a known decision and a text; nothing is stored.
    let live = published(&app, &p, olena, "Укриття на зупинці «Ринок»").await;
    rules(&app, &p.admin, 1).await;
    let (status, _) = send(
        &app,
        &p.town.clerk,
        "POST",
        &format!("/api/v1/bucha/petitions/{live}/answer"),
        json!({"decision": "supported", "text": "Так."}),
    )
    .await;
    // Not yet successful: it awaits no answer, whatever the input.
    assert!(
        status == StatusCode::CONFLICT || status == StatusCode::UNPROCESSABLE_ENTITY,
        "{status}"
    );
    // Rules out of range, a filter and a cursor we do not know.
    let (status, d) = send(
        &app,
        &p.admin,
        "PUT",
        "/api/v1/bucha/petition-rules",
        json!({"threshold": 0, "period_days": 30, "min_age": 3, "check_days": 3, "answer_days": 10}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{d}");
    assert_eq!(d["error"]["fields"].as_array().unwrap().len(), 2);
    let (status, _) = send(
        &app,
        &p.town.clerk,
        "PUT",
        "/api/v1/bucha/petition-rules",
        json!({"threshold": 5, "period_days": 30, "min_age": 16, "check_days": 3, "answer_days": 10}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, r) = get_json(&app, "/api/v1/bucha/petition-rules").await;
    assert_eq!(r["threshold"], 1);
    assert_eq!(
        get_json(&app, "/api/v1/bucha/petitions?status=draft").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        get_json(&app, "/api/v1/bucha/petitions?cursor=zzz").await.0,
        StatusCode::BAD_REQUEST
    );
    // Another tenant's petition is a missing one.
    tenant(&app.db, "irpin", None).await;
    assert_eq!(
        get_json(&app, &format!("/api/v1/irpin/petitions/{live}")).await.0,
        StatusCode::NOT_FOUND
    );
}

async fn the_pages_work_without_javascript(app: TestApp) {
    let p = people(&app).await;
    let c = &p.town.olena.0;
    let post = |who: &(Client, String), path: String, form: Vec<(&'static str, String)>| {
        let c = who.0.clone();
        let url = app.url(&path);
        let mut form = form;
        form.push(("csrf", who.1.clone()));
        async move { c.post(url).form(&form).send().await.unwrap() }
    };
    // A refused draft keeps what was typed and says what is wrong.
    let response = post(
        &p.town.olena,
        "/bucha/petitions/new".into(),
        vec![("title", "Лавки".into()), ("body", "Коротко".into())],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("error-summary") && html.contains("від 10 до 200 символів") && html.contains("Коротко"),
        "{html}"
    );
    let response = post(
        &p.town.olena,
        "/bucha/petitions/new".into(),
        vec![("title", "Перехід біля школи № 2".into()), ("body", BODY.into())],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let id: i64 = location
        .trim_start_matches("/bucha/petitions/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let page = c.get(app.url(&location)).send().await.unwrap().text().await.unwrap();
    assert!(
        page.contains("Чернетку збережено") && page.contains("Надіслати на перевірку"),
        "{page}"
    );
    assert_eq!(
        post(&p.town.olena, format!("/bucha/petitions/{id}/submit"), vec![])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    // The clerk's queue lists it with its check deadline; the clerk publishes.
    let queue = p
        .town
        .clerk
        .0
        .get(app.url("/bucha/petitions/queue"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        queue.contains("Перехід біля школи № 2") && queue.contains("перевірка до"),
        "{queue}"
    );
    let response = post(
        &p.town.clerk,
        format!("/bucha/petitions/{id}/review"),
        vec![("decision", "publish".into())],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // Signing without the declaration: 422, said next to the box; nothing stored.
    let response = post(&p.town.petro, format!("/bucha/petitions/{id}/sign"), vec![]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("id=\"declaration-error\"") && html.contains("href=\"#declaration\""),
        "{html}"
    );
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM petition_signatures").await, 0);
    let response = post(
        &p.town.petro,
        format!("/bucha/petitions/{id}/sign"),
        vec![("declaration", "yes".into())],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = p
        .town
        .petro
        .0
        .get(app.url(&format!("/bucha/petitions/{id}?done=signed")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Ваш підпис враховано") && page.contains("1 з 250"),
        "{page}"
    );
    // The public list shows it under "collecting"; the CSV names the signer.
    let list = app
        .get("/bucha/petitions?status=collecting")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        list.contains("Перехід біля школи № 2") && list.contains("aria-current=\"page\""),
        "{list}"
    );
    let csv = p
        .town
        .clerk
        .0
        .get(app.url(&format!("/bucha/petitions/{id}/signatures.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.starts_with("number,name,email,signed_at") && csv.contains("petro@example.org"),
        "{csv}"
    );
    // The rules page: a bad calendar line is refused and nothing saved.
    let form = |days_off: &str| {
        vec![
            ("threshold", "100".to_string()),
            ("period_days", "60".into()),
            ("min_age", "16".into()),
            ("check_days", "3".into()),
            ("answer_days", "10".into()),
            ("days_off", days_off.to_string()),
        ]
    };
    let response = post(
        &p.admin,
        "/bucha/admin/petitions".into(),
        form("2027-01-01 Новий рік\n01.05.2027"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM days_off").await, 0);
    let response = post(
        &p.admin,
        "/bucha/admin/petitions".into(),
        form("2027-01-01 Новий рік\n2027-01-07 Різдво"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM days_off").await, 2);
    let page = p
        .admin
        .0
        .get(app.url("/bucha/admin/petitions"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("2027-01-07 Різдво") && page.contains("value=\"100\""),
        "{page}"
    );
}
