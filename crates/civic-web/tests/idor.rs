//! Other people's objects by id: every route of the route table that takes
//! an id is called by a signed-in administrator of one tenant with the ids
//! of another tenant's objects, and with the session and token ids of
//! another account of the same tenant. Each answers 404 or 403, shows none
//! of the other object's text, and changes nothing of it. (`access.rs`
//! checks roles on one's own tenant; this checks whose objects.)

mod common;

use civic_testkit::testing::{dump, execute, query_i64};
use common::routes::ROUTES;
use common::world::*;
use common::*;
use reqwest::{Method, StatusCode};

const SECRET: &str = "irpinsecret";

both_backends!(another_tenants_and_another_accounts_objects_stay_theirs);

async fn another_tenants_and_another_accounts_objects_stay_theirs(app: TestApp) {
    let home = World::build(&app, "bucha").await;
    let other = World::build(&app, "irpin").await;
    let t = other.tenant.0;
    for sql in [
        format!("UPDATE ideas SET title = '{SECRET} idea', body = '{SECRET}' WHERE tenant_id = {t}"),
        format!("UPDATE comments SET body = '{SECRET} comment' WHERE tenant_id = {t}"),
        format!("UPDATE conversations SET question = '{SECRET} question' WHERE tenant_id = {t}"),
        format!("UPDATE statements SET body = '{SECRET} statement' WHERE tenant_id = {t}"),
        format!("UPDATE polls SET title = '{SECRET} poll' WHERE tenant_id = {t}"),
        format!("UPDATE spaces SET title = '{SECRET} space' WHERE tenant_id = {t}"),
        format!("UPDATE users SET display_name = '{SECRET} person' WHERE tenant_id = {t}"),
    ] {
        execute(&app.db, &sql).await.unwrap();
    }
    // Another account of the home tenant, with a session and a token.
    open_session(&app, "bucha", &home.citizen_email).await;
    let neighbour_session = query_i64(
        &app.db,
        &format!(
            "SELECT MAX(id) FROM sessions WHERE tenant_id = {} AND user_id = {}",
            home.tenant.0, home.citizen
        ),
    )
    .await;
    civic_testkit::sessions::Tokens::of(&app.db, home.tenant)
        .create(
            civic_core::UserId(home.citizen),
            "neighbour",
            "digest-of-nothing",
            civic_core::Timestamp(i64::MAX),
        )
        .await
        .unwrap();
    let neighbour_token = query_i64(
        &app.db,
        &format!("SELECT MAX(id) FROM api_tokens WHERE tenant_id = {}", home.tenant.0),
    )
    .await;
    let other_before = dump(&app.db, other.tenant, &["rate_limits"]).await;

    let mut checked = 0;
    for (method, template, _) in ROUTES {
        let ids = [
            "{space}",
            "{idea}",
            "{user}",
            "{conversation}",
            "{comment}",
            "{poll}",
            "{statement}",
            "{budget}",
            "{project}",
            "{consultation}",
            "{section}",
            "{amendment}",
            "{debate}",
            "{argument}",
            "{petition}",
            "{report}",
            "{item_id}",
        ];
        let own = ["{session}", "{token}"];
        if !ids.iter().chain(own.iter()).any(|p| template.contains(p)) {
            continue;
        }
        // The other tenant's ids under this tenant's slug; the neighbour's
        // session and token ids.
        let path = other
            .fill(
                &template.replace("{tenant}", "bucha"),
                (neighbour_session, neighbour_token),
            )
            .replace("/irpin/", "/bucha/");
        let (c, csrf) = session(&app, "bucha", &home.admin_email).await;
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let request = c.request(method.clone(), app.url(&path)).header("x-csrf-token", &csrf);
        // A body valid for most routes, so the id is what decides.
        let request = if method == Method::GET {
            request
        } else if path.starts_with("/api/") {
            request.json(&serde_json::json!({
                "role": "moderator", "body": "Звичайний текст", "text": "Звичайний текст", "title": "Звичайний заголовок",
                "value": 1, "vote": 1, "statement_id": other.statement, "status": "closed", "decision": "approved",
                "answers": [], "alignment": "neutral", "password": PASSWORD,
            }))
        } else {
            request.form(&[
                ("csrf", csrf.as_str()),
                ("role", "moderator"),
                ("body", "Звичайний текст"),
                ("text", "Звичайний текст"),
                ("title", "Звичайний заголовок"),
                ("value", "1"),
                ("vote", "1"),
                ("statement", &other.statement.to_string()),
                ("status", "closed"),
                ("decision", "approved"),
                ("action", "support"),
            ])
        };
        let response = request.send().await.unwrap();
        let status = response.status();
        let body = response.text().await.unwrap();
        // A body a route reads differently may still be refused first
        // (422/400); it then reveals nothing either, and changes nothing
        // (checked below).
        let refused = [
            StatusCode::NOT_FOUND,
            StatusCode::FORBIDDEN,
            StatusCode::UNPROCESSABLE_ENTITY,
            StatusCode::BAD_REQUEST,
        ];
        assert!(
            refused.contains(&status),
            "{method} {path} with another's id answered {status}: {}",
            &body[..body.len().min(300)]
        );
        assert!(!body.contains(SECRET), "{method} {path} shows another tenant's text");
        checked += 1;
    }
    assert!(checked > 30, "only {checked} routes take an id");
    assert_eq!(
        dump(&app.db, other.tenant, &["rate_limits"]).await,
        other_before,
        "the other tenant's rows are unchanged"
    );
    let alive = query_i64(
        &app.db,
        &format!("SELECT COUNT(*) FROM sessions WHERE id = {neighbour_session}"),
    )
    .await;
    let token_alive = query_i64(
        &app.db,
        &format!("SELECT COUNT(*) FROM api_tokens WHERE id = {neighbour_token} AND revoked_at IS NULL"),
    )
    .await;
    assert_eq!(
        (alive, token_alive),
        (1, 1),
        "the neighbour's session and token still work"
    );
}
