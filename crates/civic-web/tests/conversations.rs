//! Conversations on both backends: staff open one, residents vote one
//! statement at a time (API and plain forms), add statements under either
//! moderation, and the results computed in the background are served.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    staff_open_and_residents_vote,
    bad_votes_change_nothing,
    voting_and_adding_statements_without_javascript,
    statements_wait_for_a_moderator_when_asked,
    results_come_from_the_background_computation,
    closing_stops_votes_and_keeps_results,
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

/// A bearer token for `email`.
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

/// A tenant with a space, an official and a citizen; returns (space id,
/// official token, citizen token).
async fn setup(app: &TestApp) -> (i64, String, String) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Площа").await;
    person(app, "bucha", "clerk@example.org", "official").await;
    person(app, "bucha", "olena@example.org", "citizen").await;
    let official = token(app, "bucha", "clerk@example.org").await;
    let citizen = token(app, "bucha", "olena@example.org").await;
    (s.0, official, citizen)
}

async fn open(app: &TestApp, space: i64, token: &str, moderation: &str) -> reqwest::Response {
    client()
        .post(app.url(&format!("/api/v1/bucha/spaces/{space}/conversations")))
        .bearer_auth(token)
        .json(&json!({
            "question": "Як використовувати ринкову площу?",
            "moderation": moderation,
            "seed_statements": ["Площа має бути пішохідною.", "Потрібна парковка.", "Більше дерев."],
        }))
        .send()
        .await
        .unwrap()
}

async fn next(app: &TestApp, conversation: i64, token: &str) -> Value {
    client()
        .get(app.url(&format!("/api/v1/bucha/conversations/{conversation}/statements/next")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn vote(app: &TestApp, conversation: i64, token: &str, body: Value) -> reqwest::Response {
    client()
        .post(app.url(&format!("/api/v1/bucha/conversations/{conversation}/votes")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn staff_open_and_residents_vote(app: TestApp) {
    let (space, official, citizen) = setup(&app).await;
    assert_eq!(
        open(&app, space, &citizen, "after").await.status(),
        StatusCode::FORBIDDEN
    );
    let anonymous = client()
        .post(app.url(&format!("/api/v1/bucha/spaces/{space}/conversations")))
        .json(&json!({"question": "Питання без входу?"}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let created = open(&app, space, &official, "after").await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let c: Value = created.json().await.unwrap();
    let id = c["id"].as_i64().unwrap();
    assert_eq!(c["statement_count"], 3);

    let listed: Value = app
        .get(&format!("/api/v1/bucha/spaces/{space}/conversations"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"][0]["id"], id);

    // Each vote moves on to a statement not yet seen, until none is left.
    let mut seen = Vec::new();
    for expected_left in [3, 2, 1] {
        let n = next(&app, id, &citizen).await;
        assert_eq!(n["remaining"], expected_left);
        let statement = n["statement"]["id"].as_i64().unwrap();
        assert!(!seen.contains(&statement));
        seen.push(statement);
        let r = vote(&app, id, &citizen, json!({"statement_id": statement, "vote": 1})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let done = next(&app, id, &citizen).await;
    assert_eq!(done, json!({"statement": null, "remaining": 0}));
    // Voting again replaces the vote: 200, and the count does not grow.
    let again = vote(&app, id, &citizen, json!({"statement_id": seen[0], "vote": -1})).await;
    assert_eq!(again.status(), StatusCode::OK);
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let store = civic_testkit::conversations::Conversations::of(&app.db, t);
    let votes = store.votes(id).await.unwrap();
    assert_eq!(votes.len(), 3);
    assert!(votes.iter().any(|(_, s, v)| *s == seen[0] && *v == -1));
    let counted: i64 = store
        .statements(id, "published")
        .await
        .unwrap()
        .iter()
        .map(|s| s.vote_count)
        .sum();
    assert_eq!(counted, 3);
    // Visitors are offered a statement but cannot vote.
    let visitor: Value = app
        .get(&format!("/api/v1/bucha/conversations/{id}/statements/next"))
        .await
        .json()
        .await
        .unwrap();
    assert!(visitor["statement"]["id"].is_i64());
    let r = client()
        .post(app.url(&format!("/api/v1/bucha/conversations/{id}/votes")))
        .json(&json!({"statement_id": seen[0], "vote": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // Another tenant does not see it.
    tenant(&app.db, "irpin", None).await;
    assert_eq!(
        app.get(&format!("/api/v1/irpin/conversations/{id}/results"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

async fn bad_votes_change_nothing(app: TestApp) {
    let (space, official, citizen) = setup(&app).await;
    let id = open(&app, space, &official, "after")
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let other = open(&app, space, &official, "after")
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let statement = next(&app, id, &citizen).await["statement"]["id"].as_i64().unwrap();
    let foreign = next(&app, other, &citizen).await["statement"]["id"].as_i64().unwrap();
    for (body, status, code) in [
        (json!({"statement_id": statement, "vote": 2}), 422, "invalid_vote"),
        (json!({"statement_id": statement, "vote": "yes"}), 422, "invalid_json"),
        (json!({"statement_id": 999_999, "vote": 1}), 422, "unknown_statement"),
        (json!({"statement_id": foreign, "vote": 1}), 422, "unknown_statement"),
    ] {
        let r = vote(&app, id, &citizen, body.clone()).await;
        assert_eq!(r.status().as_u16(), status, "{body}");
        let e: Value = r.json().await.unwrap();
        assert_eq!(e["error"]["code"], code, "{body}");
    }
    let malformed = client()
        .post(app.url(&format!("/api/v1/bucha/conversations/{id}/votes")))
        .bearer_auth(&citizen)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        vote(&app, 999_999, &citizen, json!({"statement_id": statement, "vote": 1}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let store = civic_testkit::conversations::Conversations::of(&app.db, t);
    assert!(store.votes(id).await.unwrap().is_empty() && store.votes(other).await.unwrap().is_empty());
    // A question too short and a statement too long are refused whole.
    let r = client()
        .post(app.url(&format!("/api/v1/bucha/spaces/{space}/conversations")))
        .bearer_auth(&official)
        .json(&json!({"question": "Так?", "seed_statements": ["x".repeat(281)]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let listed: Value = app
        .get(&format!("/api/v1/bucha/spaces/{space}/conversations"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);
}

fn csrf_in(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

async fn voting_and_adding_statements_without_javascript(app: TestApp) {
    let (space, official, _) = setup(&app).await;
    let id = open(&app, space, &official, "after")
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let visitor = app
        .get(&format!("/bucha/conversations/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(visitor.contains("Площа має бути пішохідною.") && visitor.contains("/bucha/login"));
    assert!(!visitor.contains("name=\"vote\""));

    let login = app
        .client
        .post(app.url("/bucha/login"))
        .form(&[("email", "olena@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    let page = app
        .get(&format!("/bucha/conversations/{id}"))
        .await
        .text()
        .await
        .unwrap();
    let csrf = csrf_in(&page);
    let statement = page
        .split("name=\"statement_id\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let forged = app
        .client
        .post(app.url(&format!("/bucha/conversations/{id}/vote")))
        .form(&[("statement_id", statement.as_str()), ("vote", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let voted = app
        .client
        .post(app.url(&format!("/bucha/conversations/{id}/vote")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("statement_id", statement.as_str()),
            ("vote", "-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(voted.status(), StatusCode::SEE_OTHER);
    let after = app
        .get(&format!("/bucha/conversations/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(after.contains("Для вас залишилося 2 твердження"), "{after}");

    let empty = app
        .client
        .post(app.url(&format!("/bucha/conversations/{id}/statements")))
        .form(&[("csrf", csrf.as_str()), ("body", "ні")])
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text().await.unwrap().contains("від 3 до 280 символів"));
    let added = app
        .client
        .post(app.url(&format!("/bucha/conversations/{id}/statements")))
        .form(&[("csrf", csrf.as_str()), ("body", "Літній кінотеатр просто неба")])
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    assert!(
        added.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("added=published")
    );
    let c: Value = app
        .get(&format!("/api/v1/bucha/conversations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(c["statement_count"], 4);
}

async fn statements_wait_for_a_moderator_when_asked(app: TestApp) {
    let (space, official, citizen) = setup(&app).await;
    let id = open(&app, space, &official, "before")
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let added: Value = client()
        .post(app.url(&format!("/api/v1/bucha/conversations/{id}/statements")))
        .bearer_auth(&citizen)
        .json(&json!({"body": "Фонтан посередині площі"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(added["status"], "pending");
    let statement = added["id"].as_i64().unwrap();
    assert_eq!(next(&app, id, &citizen).await["remaining"], 3, "pending is not offered");
    let r = vote(&app, id, &citizen, json!({"statement_id": statement, "vote": 1})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let moderate = |token: String, decision: &'static str| {
        let url = app.url(&format!(
            "/api/v1/bucha/conversations/{id}/statements/{statement}/moderation"
        ));
        async move {
            client()
                .post(url)
                .bearer_auth(token)
                .json(&json!({ "decision": decision }))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(moderate(citizen.clone(), "publish").await, StatusCode::FORBIDDEN);
    assert_eq!(
        moderate(official.clone(), "bless").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(moderate(official.clone(), "publish").await, StatusCode::NO_CONTENT);
    assert_eq!(next(&app, id, &citizen).await["remaining"], 4);
    // The decision is in the audit log.
    person(&app, "bucha", "admin@example.org", "admin").await;
    let admin = token(&app, "bucha", "admin@example.org").await;
    let audit: Value = client()
        .get(app.url("/api/v1/bucha/audit?action=statement_moderated"))
        .bearer_auth(admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(audit["items"][0]["actor"], "clerk@example.org");
}

async fn results_come_from_the_background_computation(app: TestApp) {
    let (space, official, _) = setup(&app).await;
    let id = open(&app, space, &official, "after")
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let before: Value = app
        .get(&format!("/api/v1/bucha/conversations/{id}/results"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(before["pending"], true);
    assert_eq!(before["computed_at"], Value::Null);
    let page = app.get(&format!("/bucha/conversations/{id}/results")).await;
    assert_eq!(page.status(), StatusCode::OK, "results render before any vote");

    // Twenty residents in two camps vote on the three statements.
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let store = civic_testkit::conversations::Conversations::of(&app.db, t);
    let statements = store.statements(id, "published").await.unwrap();
    for n in 0..20 {
        let email = format!("r{n}@example.org");
        person(&app, "bucha", &email, "citizen").await;
        let user = civic_testkit::users::Users::of(&app.db, t)
            .by_email(&civic_core::Email::parse(&email).unwrap())
            .await
            .unwrap()
            .unwrap();
        for (i, s) in statements.iter().enumerate() {
            let camp = if n < 10 { 1 } else { -1 };
            let v = if i == 2 {
                1
            } else if i == 0 {
                camp
            } else {
                -camp
            };
            store
                .vote(id, s.id, user.user_id(), v, civic_core::Timestamp::now())
                .await
                .unwrap();
        }
    }
    // What the background task does on its next round.
    for stale in civic_testkit::conversations::stale(&app.db, 10).await.unwrap() {
        civic_app::conversations::recompute(
            &app.platform,
            civic_core::TenantId(stale.tenant_id),
            stale.id,
            stale.votes_version,
        )
        .await
        .unwrap();
    }
    let r: Value = app
        .get(&format!("/api/v1/bucha/conversations/{id}/results"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["pending"], false);
    assert_eq!(r["participants"], 20);
    assert_eq!(r["votes"], 60);
    assert_eq!(r["groups"].as_array().unwrap().len(), 2, "{r}");
    assert_eq!(r["consensus_agree"][0]["body"], "Більше дерев.");
    assert_eq!(r["points"].as_array().unwrap().len(), 20);
    assert!(!r.to_string().contains("r1@example.org"), "no personal data in results");
    let html = app
        .get(&format!("/bucha/conversations/{id}/results"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("<svg") && html.contains("role=\"img\"") && html.contains("<table"));
    assert!(html.contains("Більше дерев."));
}

async fn closing_stops_votes_and_keeps_results(app: TestApp) {
    let (space, official, citizen) = setup(&app).await;
    let id = open(&app, space, &official, "after")
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let statement = next(&app, id, &citizen).await["statement"]["id"].as_i64().unwrap();
    let set = |token: String, status: &'static str| {
        let url = app.url(&format!("/api/v1/bucha/conversations/{id}/status"));
        async move {
            client()
                .put(url)
                .bearer_auth(token)
                .json(&json!({ "status": status }))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(set(citizen.clone(), "closed").await, StatusCode::FORBIDDEN);
    assert_eq!(
        set(official.clone(), "archived").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(set(official.clone(), "closed").await, StatusCode::NO_CONTENT);

    let r = vote(&app, id, &citizen, json!({"statement_id": statement, "vote": 1})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "conversation_closed");
    let added = client()
        .post(app.url(&format!("/api/v1/bucha/conversations/{id}/statements")))
        .bearer_auth(&citizen)
        .json(&json!({"body": "Ще одне твердження"}))
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::CONFLICT);
    assert_eq!(
        app.get(&format!("/api/v1/bucha/conversations/{id}/results"))
            .await
            .status(),
        StatusCode::OK
    );
    let page = app
        .get(&format!("/bucha/conversations/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Це обговорення завершено."));

    assert_eq!(set(official.clone(), "open").await, StatusCode::NO_CONTENT);
    let r = vote(&app, id, &citizen, json!({"statement_id": statement, "vote": 1})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
}
