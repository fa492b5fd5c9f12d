//! Public consultations on a document, on both backends: the document cut
//! into sections, comments and amendments while comments are open, support
//! and opposition once per person, the city's answer to every amendment
//! with the final text, the synthesis report public once closed; bad input
//! refused with a clear code and nothing stored; the plain forms.

mod common;

use civic_testkit::testing::query_i64;
use common::world::{PASSWORD, person, session};
use common::*;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

both_backends!(
    comment_amend_support_answer_and_report,
    bad_input_is_refused_and_stores_nothing,
    phases_and_authors_decide_what_is_taken,
    taking_part_without_javascript,
    a_busy_section_shows_its_comments_a_page_at_a_time,
);

const DOCUMENT: &str = "Програма визначає, як громада доглядає за парками.\n\n\
**Стаття 1. Мета**\nЗробити парки чистими і безпечними.\n\n\
**Стаття 2. Лавки**\nЛавки ставлять у парках через кожні сто метрів.\n\n\
**Стаття 3. Освітлення**\nАлеї освітлюють до опівночі.";

/// A consultation published by the clerk, open for comments: its id and
/// its sections' ids in document order.
async fn consultation(app: &TestApp, town: &Town, settings: Value) -> (i64, Vec<i64>) {
    let mut body = json!({"title": "Програма догляду за парками", "summary": "Що змінити в програмі?",
        "document": DOCUMENT, "open_for_comments": true});
    body.as_object_mut()
        .unwrap()
        .extend(settings.as_object().unwrap().clone());
    let (status, c) = send(
        app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/consultations", town.space),
        body,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let sections = c["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    (c["id"].as_i64().unwrap(), sections)
}

async fn amend(app: &TestApp, who: &(Client, String), section: i64, text: &str) -> (StatusCode, Value) {
    send(
        app,
        who,
        "POST",
        &format!("/api/v1/bucha/sections/{section}/amendments"),
        json!({"text": text}),
    )
    .await
}

/// Posts a form as a browser without JavaScript would: a 303 is followed
/// to the page it names.
async fn post_form(app: &TestApp, client: &Client, url: &str, form: &[(&str, &str)]) -> reqwest::Response {
    let response = client.post(url).form(form).send().await.unwrap();
    if response.status() != StatusCode::SEE_OTHER {
        return response;
    }
    let location = response.headers()["location"].to_str().unwrap().to_string();
    client.get(app.url(&location)).send().await.unwrap()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    query_i64(&app.db, &format!("SELECT COUNT(*) FROM {table}")).await
}

async fn comment_amend_support_answer_and_report(app: TestApp) {
    let town = town(&app, "Парки").await;
    let (c, sections) = consultation(&app, &town, json!({})).await;
    // Articles become sections, with the preamble before them.
    let (status, doc) = get_json(&app, &format!("/api/v1/bucha/consultations/{c}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["phase"], "comments");
    assert_eq!(sections.len(), 4, "{doc}");
    assert_eq!(doc["sections"][2]["heading"], "Стаття 2. Лавки");
    assert_eq!(doc["sections"][2]["number"], 3);
    let (_, listed) = get_json(&app, &format!("/api/v1/bucha/spaces/{}/consultations", town.space)).await;
    assert_eq!(listed["items"][0]["id"], c);
    let benches = sections[2];

    // A comment and a reply to it.
    let comments = format!("/api/v1/bucha/sections/{benches}/comments");
    let (status, first) = send(
        &app,
        &town.olena,
        "POST",
        &comments,
        json!({"body": "Лавки потрібні й біля школи."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, reply) = send(
        &app,
        &town.petro,
        "POST",
        &comments,
        json!({"body": "Згоден, і біля поліклініки.", "parent_id": first["id"]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    assert_eq!(reply["parent_id"], first["id"]);

    // An amendment shows what it adds and removes, word by word.
    let (status, a) = amend(
        &app,
        &town.olena,
        benches,
        "Лавки ставлять у парках і біля шкіл через кожні п'ятдесят метрів.",
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    assert_eq!(a["status"], "open");
    let diff = a["diff"].as_array().unwrap();
    let of = |kind: &str| -> String {
        diff.iter()
            .filter(|d| d["kind"] == kind)
            .map(|d| d["text"].as_str().unwrap())
            .collect()
    };
    assert!(of("added").contains("п'ятдесят"), "{diff:?}");
    assert!(of("removed").contains("сто"), "{diff:?}");
    let id = a["id"].as_i64().unwrap();

    // Support once per person; one's own amendment is for others to judge.
    let support = format!("/api/v1/bucha/amendments/{id}/support");
    for _ in 0..2 {
        let (status, _) = send(&app, &town.petro, "PUT", &support, json!({})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    let (status, body) = send(&app, &town.olena, "PUT", &support, json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "own_amendment");
    let (_, listed) = get_json(&app, &format!("/api/v1/bucha/sections/{benches}/amendments")).await;
    assert_eq!(
        (
            listed["items"][0]["supports"].as_i64(),
            listed["items"][0]["opposes"].as_i64()
        ),
        (Some(1), Some(0))
    );
    // Changing one's mind replaces the support.
    send(&app, &town.petro, "PUT", &support, json!({"stance": "oppose"})).await;
    let (_, section) = get_json(&app, &format!("/api/v1/bucha/sections/{benches}")).await;
    assert_eq!(section["amendments"][0]["supports"], 0);
    assert_eq!(section["amendments"][0]["opposes"], 1);
    assert_eq!(section["comments"].as_array().unwrap().len(), 2);
    let (status, _) = send(&app, &town.petro, "PUT", &support, json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // The report is the staff's until the consultation is closed.
    let report = format!("/api/v1/bucha/consultations/{c}/report");
    assert_eq!(get_json(&app, &report).await.0, StatusCode::NOT_FOUND);
    let (status, draft) = send(&app, &town.clerk, "GET", &report, Value::Null).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(draft["unanswered_amendments"], 1);

    // The city answers: accepted, and the amendment becomes the final text.
    let answer = format!("/api/v1/bucha/amendments/{id}/answer");
    let (status, body) = send(
        &app,
        &town.clerk,
        "POST",
        &answer,
        json!({"status": "accepted", "reason": "Школи справді потребують лавок."}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, body) = send(
        &app,
        &town.clerk,
        "POST",
        &answer,
        json!({"status": "rejected", "reason": "Передумали, але запізно."}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "amendment_answered");
    let (_, section) = get_json(&app, &format!("/api/v1/bucha/sections/{benches}")).await;
    assert_eq!(
        section["final_text"],
        "Лавки ставлять у парках і біля шкіл через кожні п'ятдесят метрів."
    );
    assert_eq!(section["amendments"][0]["status"], "accepted");
    assert_eq!(section["amendments"][0]["answer"], "Школи справді потребують лавок.");

    // The city drafts its conclusion in the synthesis step: the public does
    // not see it before it is published.
    let phase = format!("/api/v1/bucha/consultations/{c}/phase");
    let (status, _) = send(
        &app,
        &town.clerk,
        "PUT",
        &phase,
        json!({"phase": "synthesis", "synthesis": "Чернетка висновку."}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, public) = get_json(&app, &format!("/api/v1/bucha/consultations/{c}")).await;
    assert_eq!(public["synthesis"], Value::Null);
    let (_, staff) = send(
        &app,
        &town.clerk,
        "GET",
        &format!("/api/v1/bucha/consultations/{c}"),
        Value::Null,
    )
    .await;
    assert_eq!(staff["synthesis"], "Чернетка висновку.");

    // Closing publishes the synthesis, which needs the city's conclusion.
    let (status, body) = send(
        &app,
        &town.clerk,
        "PUT",
        &phase,
        json!({"phase": "closed", "synthesis": " "}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["fields"][0]["code"], "synthesis_needed", "{body}");
    let (status, _) = send(
        &app,
        &town.clerk,
        "PUT",
        &phase,
        json!({"phase": "closed", "synthesis": "Програму змінено: лавки ставитимуть і біля шкіл."}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, r) = get_json(&app, &report).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["participation"]["people"], 2);
    assert_eq!(r["participation"]["commenters"], 2);
    assert_eq!(r["participation"]["amendment_authors"], 1);
    assert_eq!(r["sections"][2]["amendments"][0]["status"], "accepted");
    let changed: String = r["sections"][2]["final_diff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "added")
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert!(changed.contains("шкіл"), "{r}");
    // The original stays kept next to the final text.
    assert_eq!(
        r["sections"][2]["text"],
        "Лавки ставлять у парках через кожні сто метрів."
    );

    // Closed: nothing more is taken.
    let (status, body) = amend(&app, &town.petro, benches, "Лавки не потрібні.").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "consultation_not_taking_comments");
    let (status, _) = send(
        &app,
        &town.petro,
        "POST",
        &comments,
        json!({"body": "Пізно, але скажу."}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // The staff's export has every contribution.
    let csv = town
        .clerk
        .0
        .get(app.url(&format!("/bucha/consultations/{c}/contributions.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.contains("amendment,") & csv.contains("accepted"), "{csv}");
}

async fn bad_input_is_refused_and_stores_nothing(app: TestApp) {
    let town = town(&app, "Парки").await;
    let (c, sections) = consultation(&app, &town, json!({})).await;
    let section = sections[1];
    let (status, first) = send(
        &app,
        &town.olena,
        "POST",
        &format!("/api/v1/bucha/sections/{section}/comments"),
        json!({"body": "Перший коментар."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let before = (count(&app, "section_comments").await, count(&app, "amendments").await);

    // Amendments: empty, the same words with other spacing, oversized.
    for (text, code) in [
        ("", "invalid_length"),
        ("   ", "invalid_length"),
        ("Зробити  парки чистими\nі безпечними.", "amendment_unchanged"),
    ] {
        let (status, body) = amend(&app, &town.olena, section, text).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text:?}: {body}");
        assert_eq!(body["error"]["fields"][0]["code"], code, "{body}");
    }
    let (status, _) = amend(&app, &town.olena, section, &"слово ".repeat(10_000)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Comments: empty, too long, a reply to another section's comment.
    let other = format!("/api/v1/bucha/sections/{}/comments", sections[2]);
    for body in [
        json!({"body": ""}),
        json!({"body": "а".repeat(5_001)}),
        json!({"body": "Відповідь не туди.", "parent_id": first["id"]}),
        json!({"body": "Відповідь нікому.", "parent_id": 999_999}),
    ] {
        let (status, answer) = send(&app, &town.petro, "POST", &other, body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
    }
    // Malformed bodies, signed out, another tenant's section.
    let response = town
        .olena
        .0
        .post(app.url(&format!("/api/v1/bucha/sections/{section}/amendments")))
        .header("x-csrf-token", &town.olena.1)
        .header("content-type", "application/json")
        .body("{\"text\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = client()
        .post(app.url(&format!("/api/v1/bucha/sections/{section}/amendments")))
        .json(&json!({"text": "Інший текст."}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    tenant(&app.db, "irpin", None).await;
    person(&app, "irpin", "vasyl@example.org", "citizen").await;
    let vasyl = session(&app, "irpin", "vasyl@example.org").await;
    let (status, _) = send(
        &app,
        &vasyl,
        "POST",
        &format!("/api/v1/irpin/sections/{section}/amendments"),
        json!({"text": "Чужий розділ."}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        get_json(&app, &format!("/api/v1/irpin/consultations/{c}")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        (count(&app, "section_comments").await, count(&app, "amendments").await),
        before
    );

    // Documents: empty, a split that is not one, a citizen publishing.
    let create = format!("/api/v1/bucha/spaces/{}/consultations", town.space);
    let (status, body) = send(
        &app,
        &town.clerk,
        "POST",
        &create,
        json!({"title": "Порожній документ", "document": "  \n\n "}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["fields"][0]["code"], "document_empty", "{body}");
    let (status, body) = send(
        &app,
        &town.clerk,
        "POST",
        &create,
        json!({"title": "Т", "document": "Текст.", "split_by": "chapters"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let codes: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["invalid_length", "invalid_split"], "{body}");
    let (status, _) = send(
        &app,
        &town.olena,
        "POST",
        &create,
        json!({"title": "Мій документ", "document": "Текст."}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "consultations").await, 1);

    // Answers: unknown decision, no reason, accepted in part without the text.
    let (_, a) = amend(
        &app,
        &town.olena,
        section,
        "Зробити парки чистими, безпечними і зеленими.",
    )
    .await;
    let answer = format!("/api/v1/bucha/amendments/{}/answer", a["id"]);
    for (body, code) in [
        (
            json!({"status": "maybe", "reason": "Подумаємо над цим."}),
            "invalid_amendment_answer",
        ),
        (json!({"status": "rejected", "reason": "Ні."}), "invalid_length"),
        (
            json!({"status": "accepted_in_part", "reason": "Частково слушно."}),
            "final_text_needed",
        ),
    ] {
        let (status, refused) = send(&app, &town.clerk, "POST", &answer, body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused["error"]["fields"][0]["code"], code, "{refused}");
    }
    let (status, _) = send(
        &app,
        &town.petro,
        "POST",
        &answer,
        json!({"status": "accepted", "reason": "Я не з міської ради."}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, s) = get_json(&app, &format!("/api/v1/bucha/sections/{section}")).await;
    assert_eq!(s["amendments"][0]["status"], "open");
    assert_eq!(s["final_text"], Value::Null);
}

async fn phases_and_authors_decide_what_is_taken(app: TestApp) {
    let town = town(&app, "Парки").await;
    // Information first: the document is read, nothing is taken yet.
    let (c, sections) = consultation(&app, &town, json!({"open_for_comments": false})).await;
    for text in ["Зробити парки зеленими.", ""] {
        // Even an empty text hears first that nothing is taken now.
        let (status, body) = amend(&app, &town.olena, sections[1], text).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body["error"]["code"], "consultation_not_taking_comments");
    }
    let phase = format!("/api/v1/bucha/consultations/{c}/phase");
    let (status, _) = send(&app, &town.clerk, "PUT", &phase, json!({"phase": "comments"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, a) = amend(&app, &town.olena, sections[1], "Зробити парки зеленими.").await;
    assert_eq!(status, StatusCode::CREATED);
    let id = a["id"].as_i64().unwrap();

    // Only the author withdraws; a withdrawn amendment takes no support
    // and no answer.
    let withdraw = format!("/api/v1/bucha/amendments/{id}/withdraw");
    let (status, body) = send(&app, &town.petro, "POST", &withdraw, Value::Null).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _) = send(&app, &town.olena, "POST", &withdraw, Value::Null).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = send(
        &app,
        &town.petro,
        "PUT",
        &format!("/api/v1/bucha/amendments/{id}/support"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "amendment_withdrawn");
    let (status, _) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/amendments/{id}/answer"),
        json!({"status": "accepted", "reason": "Слушна пропозиція."}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // A withdrawn amendment is not counted.
    let (_, doc) = get_json(&app, &format!("/api/v1/bucha/consultations/{c}")).await;
    assert_eq!(doc["amendment_count"], 0);

    // The last day passed: comments close by themselves.
    let (status, _) = send(
        &app,
        &town.clerk,
        "PUT",
        &phase,
        json!({"phase": "comments", "comments_end": "2020-01-31"}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = amend(&app, &town.petro, sections[2], "Лавки ставлять скрізь.").await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, doc) = get_json(&app, &format!("/api/v1/bucha/consultations/{c}")).await;
    assert_eq!(doc["takes_comments"], false);
    assert_eq!(doc["comments_end"], "2020-01-31");

    // A phase change that leaves the date out keeps it; an empty one clears it.
    let (status, _) = send(&app, &town.clerk, "PUT", &phase, json!({"phase": "comments"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, doc) = get_json(&app, &format!("/api/v1/bucha/consultations/{c}")).await;
    assert_eq!(doc["comments_end"], "2020-01-31");
    let (status, _) = send(
        &app,
        &town.clerk,
        "PUT",
        &phase,
        json!({"phase": "comments", "comments_end": ""}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // A person who took part deletes the account: their words stay without
    // a name, their supports go.
    let (_, a) = amend(&app, &town.petro, sections[3], "Алеї освітлюють усю ніч.").await;
    send(
        &app,
        &town.olena,
        "PUT",
        &format!("/api/v1/bucha/amendments/{}/support", a["id"]),
        json!({}),
    )
    .await;
    let response = town
        .olena
        .0
        .delete(app.url("/api/v1/bucha/me"))
        .header("x-csrf-token", &town.olena.1)
        .json(&json!({"password": PASSWORD, "contributions": "keep"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (_, s) = get_json(&app, &format!("/api/v1/bucha/sections/{}", sections[1])).await;
    assert_eq!(s["amendments"][0]["author_name"], Value::Null);
    assert_eq!(s["amendments"][0]["text"], "Зробити парки зеленими.");
    assert_eq!(count(&app, "amendment_supports").await, 0);
    // Asked to remove what he wrote, Petro's unanswered amendment goes.
    let response = town
        .petro
        .0
        .delete(app.url("/api/v1/bucha/me"))
        .header("x-csrf-token", &town.petro.1)
        .json(&json!({"password": PASSWORD, "contributions": "remove"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (_, s) = get_json(&app, &format!("/api/v1/bucha/sections/{}", sections[3])).await;
    assert_eq!(s["amendments"], json!([]));
}

async fn taking_part_without_javascript(app: TestApp) {
    let town = town(&app, "Парки").await;
    let (clerk, clerk_csrf) = &town.clerk;
    // The form names every problem and keeps what was typed.
    let new = app.url(&format!("/bucha/spaces/{}/consultations/new", town.space));
    let page = clerk.get(&new).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("name=\"document\""), "{page}");
    let response = post_form(
        &app,
        clerk,
        &new,
        &[
            ("csrf", clerk_csrf.as_str()),
            ("title", "Статут громади"),
            ("document", ""),
            ("split_by", "auto"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("href=\"#document\"") & html.contains("value=\"Статут громади\""),
        "{html}"
    );
    let response = post_form(
        &app,
        clerk,
        &new,
        &[
            ("csrf", clerk_csrf.as_str()),
            ("title", "Статут громади"),
            ("document", DOCUMENT),
            ("split_by", "auto"),
            ("open_now", "1"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("id=\"section-4\"") & page.contains("Стаття 3. Освітлення"),
        "{page}"
    );
    let c = query_i64(&app.db, "SELECT MAX(id) FROM consultations").await;
    let section = query_i64(
        &app.db,
        &format!("SELECT id FROM consultation_sections WHERE consultation_id = {c} AND position = 4"),
    )
    .await;

    // The home page asks residents to take part.
    let home = app.get("/bucha/").await.text().await.unwrap();
    let asks = home.split("id=\"asks-heading\"").nth(1).unwrap_or_default();
    assert!(
        asks.contains(&format!("href=\"/bucha/consultations/{c}\"")) && asks.contains("Висловіться щодо документа"),
        "{home}"
    );
    // A resident proposes the same text: refused, the text kept.
    let (olena, csrf) = &town.olena;
    let amendments = app.url(&format!("/bucha/sections/{section}/amendments"));
    let response = post_form(
        &app,
        olena,
        &amendments,
        &[("csrf", csrf.as_str()), ("text", "Алеї освітлюють до опівночі.")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("aria-invalid=\"true\"") & html.contains("Алеї освітлюють до опівночі."),
        "{html}"
    );
    // Then a real change, shown as a difference to everyone.
    let response = post_form(
        &app,
        olena,
        &amendments,
        &[("csrf", csrf.as_str()), ("text", "Алеї освітлюють до ранку.")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html.contains("role=\"status\""), "{html}");
    let public = app
        .get(&format!("/bucha/sections/{section}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        public.contains("<ins>") & public.contains("ранку") & public.contains("<del>"),
        "{public}"
    );
    // A comment through the form.
    let response = post_form(
        &app,
        &town.petro.0,
        &app.url(&format!("/bucha/sections/{section}/comments")),
        &[("csrf", town.petro.1.as_str()), ("body", "Темно ввечері, підтримую.")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains("Темно ввечері"));

    // The section's text can no longer be corrected: residents wrote about it.
    let response = post_form(
        &app,
        clerk,
        &app.url(&format!("/bucha/sections/{section}/edit")),
        &[
            ("csrf", clerk_csrf.as_str()),
            ("heading", "Стаття 3"),
            ("body", "Інший текст."),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);

    // The clerk answers through the form; a missing reason is named.
    let a = query_i64(&app.db, "SELECT MAX(id) FROM amendments").await;
    let answer = app.url(&format!("/bucha/amendments/{a}/answer"));
    let response = post_form(
        &app,
        clerk,
        &answer,
        &[("csrf", clerk_csrf.as_str()), ("status", "rejected"), ("reason", "")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains(&format!("href=\"#reason-{a}\"")), "{html}");
    let response = post_form(
        &app,
        clerk,
        &answer,
        &[
            ("csrf", clerk_csrf.as_str()),
            ("status", "accepted_in_part"),
            ("reason", "Освітлення до другої ночі — компроміс."),
            ("final_text", "Алеї освітлюють до другої ночі."),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    // Closing through the form; the report is then public and shows the
    // final wording with its changes.
    let response = post_form(
        &app,
        clerk,
        &app.url(&format!("/bucha/consultations/{c}/phase")),
        &[
            ("csrf", clerk_csrf.as_str()),
            ("phase", "closed"),
            ("synthesis", "Освітлення продовжено до другої ночі."),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let report = app.get(&format!("/bucha/consultations/{c}/report")).await;
    assert_eq!(report.status(), StatusCode::OK);
    let report = report.text().await.unwrap();
    assert!(report.contains("другої") & report.contains("<ins>"), "{report}");
    assert!(report.contains("Освітлення продовжено до другої ночі."), "{report}");
    // The space page lists the consultation.
    let space = app
        .get(&format!("/bucha/spaces/{}", town.space))
        .await
        .text()
        .await
        .unwrap();
    assert!(space.contains(&format!("href=\"/bucha/consultations/{c}\"")), "{space}");
}

async fn a_busy_section_shows_its_comments_a_page_at_a_time(app: TestApp) {
    let town = town(&app, "Парки").await;
    let (_, sections) = consultation(&app, &town, json!({})).await;
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let store = civic_testkit::consultations::Consultations::of(&app.db, t);
    let section = store.section(sections[1]).await.unwrap().unwrap();
    let olena = civic_core::UserId(query_i64(&app.db, "SELECT id FROM users WHERE email = 'olena@example.org'").await);
    for n in 1..=31 {
        store
            .add_comment(&section, None, olena, &format!("Коментар номер {n}."))
            .await
            .unwrap();
    }
    // The newest thirty threads first, then the oldest one on page 2.
    let first = app
        .get(&format!("/bucha/sections/{}", section.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        first.contains("Коментар номер 31.") && !first.contains("Коментар номер 1."),
        "{first}"
    );
    assert!(first.contains("?comments=2#comments"), "{first}");
    let second = app
        .get(&format!("/bucha/sections/{}?comments=2", section.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        second.contains("Коментар номер 1.") && !second.contains("Коментар номер 2."),
        "{second}"
    );
    // A page past the last shows the last; a page that is no number, the first.
    let past = app
        .get(&format!("/bucha/sections/{}?comments=99", section.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(past.contains("Коментар номер 1."));
    let response = app.get(&format!("/bucha/sections/{}?comments=abc", section.id)).await;
    assert_eq!(response.status(), StatusCode::OK);
    // A reply from page 2 returns to page 2.
    let first_comment = query_i64(&app.db, "SELECT MIN(id) FROM section_comments")
        .await
        .to_string();
    let response = town
        .petro
        .0
        .post(app.url(&format!("/bucha/sections/{}/comments", section.id)))
        .form(&[
            ("csrf", town.petro.1.as_str()),
            ("body", "Відповідаю на перший."),
            ("parent_id", first_comment.as_str()),
            ("page", "2"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .contains("comments=2#comment-")
    );
}
