//! Account security on both backends: password reset and change, sessions
//! ("sign out everywhere else"), sign-in throttling, roles and the audit
//! log, and a person's own data (export, deletion with counts kept right).

mod common;

use civic_testkit::testing::query_i64;
use common::world::session;
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    password_reset_by_email,
    password_change_ends_other_sessions,
    sign_out_everywhere_else,
    repeated_failures_slow_down_sign_in,
    administrators_grant_roles_and_read_the_audit_log,
    deleting_an_account_keeps_counts_right,
    export_and_api_account_endpoints,
    the_export_holds_every_contribution,
);

const PASSWORD: &str = "correct horse battery staple";
const NEW_PASSWORD: &str = "a brand new passphrase here";

async fn account(app: &TestApp, email: &str, role: &str) -> i64 {
    civic_app::users::create(
        &app.platform,
        &civic_app::users::CreateUser {
            tenant_slug: "bucha",
            email,
            display_name: Some("Олена Ковальчук"),
            role,
            password: PASSWORD,
        },
    )
    .await
    .unwrap()
    .id
    .0
}

/// Signs `client` in and returns the session's CSRF token.
async fn sign_in(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> String {
    let login = client
        .post(app.url("/bucha/login"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::SEE_OTHER, "signing in as {email}");
    csrf_of(app, client).await
}

async fn csrf_of(app: &TestApp, client: &reqwest::Client) -> String {
    let page = client.get(app.url("/bucha/account")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

async fn me_status(app: &TestApp, client: &reqwest::Client) -> StatusCode {
    client.get(app.url("/api/v1/bucha/me")).send().await.unwrap().status()
}

/// A new access token of the account (the longest its role allows).
async fn create_api_token(app: &TestApp, email: &str, password: &str) -> String {
    let created = client()
        .post(app.url("/api/v1/bucha/tokens"))
        .json(&json!({"email": email, "password": password, "name": "script"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let body: Value = created.json().await.unwrap();
    body["token"].as_str().unwrap().to_string()
}

async fn bearer_status(app: &TestApp, token: &str) -> StatusCode {
    client()
        .get(app.url("/api/v1/bucha/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

async fn password_reset_by_email(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    account(&app, "olena@example.org", "citizen").await;
    let other_device = client();
    sign_in(&app, &other_device, "olena@example.org", PASSWORD).await;

    let api_token = create_api_token(&app, "olena@example.org", PASSWORD).await;

    // Known and unknown addresses get the same answer and the same work: one
    // mail each, a link for the account, "no account here" for the other.
    // Olena asks twice (the first mail was slow to come).
    for email in ["olena@example.org", "nobody@example.org", "olena@example.org"] {
        let asked = app
            .client
            .post(app.url("/bucha/password/forgot"))
            .form(&[("email", email)])
            .send()
            .await
            .unwrap();
        assert_eq!(asked.status(), StatusCode::SEE_OTHER);
        assert_eq!(asked.headers()["location"], "/bucha/password/sent");
    }
    let mail = outbox_links(&app).await;
    assert_eq!(mail.len(), 3, "{mail:?}");
    let (nobody, no_account, register) = &mail[1];
    assert_eq!(nobody, "nobody@example.org");
    assert!(no_account.contains("пароль"), "{no_account}");
    assert!(register.ends_with("/bucha/register"), "{register}");
    let older_link = mail[0].2.clone();
    let (recipient, subject, link) = &mail[2];
    assert_eq!(recipient, "olena@example.org");
    assert!(subject.contains("пароль"), "{subject}");
    let path = link.split_once("8080").map(|(_, p)| p).unwrap();
    let token = path.split("token=").nth(1).unwrap();
    let form = app.get(path).await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(form.text().await.unwrap().contains(&format!("value=\"{token}\"")));

    // A common password is refused and the link stays usable.
    let weak = app
        .client
        .post(app.url("/bucha/password/reset"))
        .form(&[("token", token), ("password", "password1234")])
        .send()
        .await
        .unwrap();
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let done = app
        .client
        .post(app.url("/bucha/password/reset"))
        .form(&[("token", token), ("password", NEW_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    // Every session ended; the link works once; the new password works.
    assert_eq!(me_status(&app, &other_device).await, StatusCode::UNAUTHORIZED);
    let again = app
        .client
        .post(app.url("/bucha/password/reset"))
        .form(&[("token", token), ("password", "yet another passphrase")])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    // The other link in her mailbox is used up too, and the access token
    // made with the old password no longer works.
    let older_token = older_link.split("token=").nth(1).unwrap();
    let older = app
        .client
        .post(app.url("/bucha/password/reset"))
        .form(&[("token", older_token), ("password", "yet another passphrase")])
        .send()
        .await
        .unwrap();
    assert_eq!(older.status(), StatusCode::BAD_REQUEST);
    assert_eq!(bearer_status(&app, &api_token).await, StatusCode::UNAUTHORIZED);
    sign_in(&app, &client(), "olena@example.org", NEW_PASSWORD).await;

    // The API asks the same way and answers 202 either way.
    for email in ["olena@example.org", "nobody@example.org"] {
        let r = app
            .client
            .post(app.url("/api/v1/bucha/password-resets"))
            .json(&json!({ "email": email }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::ACCEPTED);
    }
    let api_link = outbox_links(&app)
        .await
        .into_iter()
        .find(|m| m.0 == "olena@example.org")
        .unwrap()
        .2;
    let api_token = api_link.split("token=").nth(1).unwrap();
    let completed = app
        .client
        .post(app.url("/api/v1/bucha/password-resets/complete"))
        .json(&json!({ "token": api_token, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(completed.status(), StatusCode::NO_CONTENT);
    let reused = app
        .client
        .post(app.url("/api/v1/bucha/password-resets/complete"))
        .json(&json!({ "token": api_token, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(reused.status(), StatusCode::BAD_REQUEST);
}

async fn password_change_ends_other_sessions(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    account(&app, "olena@example.org", "citizen").await;
    let csrf = sign_in(&app, &app.client, "olena@example.org", PASSWORD).await;
    let phone = client();
    sign_in(&app, &phone, "olena@example.org", PASSWORD).await;
    let token = create_api_token(&app, "olena@example.org", PASSWORD).await;
    assert_eq!(bearer_status(&app, &token).await, StatusCode::OK);
    let page = app.get("/bucha/account").await.text().await.unwrap();
    assert!(page.contains("токени доступу буде відкликано"), "the form says so");

    let no_csrf = app
        .client
        .post(app.url("/bucha/account/password"))
        .form(&[("current_password", PASSWORD), ("new_password", NEW_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(no_csrf.status(), StatusCode::FORBIDDEN);
    let wrong = app
        .client
        .post(app.url("/bucha/account/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current_password", "not my password at all"),
            ("new_password", NEW_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().await.unwrap().contains("Пароль неправильний"));
    assert_eq!(me_status(&app, &phone).await, StatusCode::OK, "nothing changed yet");

    let changed = app
        .client
        .post(app.url("/bucha/account/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", NEW_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    assert_eq!(me_status(&app, &phone).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        me_status(&app, &app.client).await,
        StatusCode::OK,
        "this browser stays in"
    );
    assert_eq!(
        bearer_status(&app, &token).await,
        StatusCode::UNAUTHORIZED,
        "tokens made with the old password are revoked"
    );
    sign_in(&app, &client(), "olena@example.org", NEW_PASSWORD).await;
}

async fn sign_out_everywhere_else(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    account(&app, "olena@example.org", "citizen").await;
    let csrf = sign_in(&app, &app.client, "olena@example.org", PASSWORD).await;
    let phone = client();
    sign_in(&app, &phone, "olena@example.org", PASSWORD).await;
    let token = create_api_token(&app, "olena@example.org", PASSWORD).await;

    let sessions: Value = app.get("/api/v1/bucha/me/sessions").await.json().await.unwrap();
    let items = sessions["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items.iter().filter(|s| s["current"] == true).count(), 1);
    let page = app.get("/bucha/account").await.text().await.unwrap();
    assert!(page.contains("цей пристрій"));

    let ended = app
        .client
        .post(app.url("/bucha/account/sessions/end-others"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), StatusCode::SEE_OTHER);
    assert_eq!(me_status(&app, &phone).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me_status(&app, &app.client).await, StatusCode::OK);
    assert_eq!(
        bearer_status(&app, &token).await,
        StatusCode::UNAUTHORIZED,
        "tokens too"
    );

    // Another person's session cannot be ended by number.
    account(&app, "taras@example.org", "citizen").await;
    let taras = client();
    sign_in(&app, &taras, "taras@example.org", PASSWORD).await;
    let theirs: Value = taras
        .get(app.url("/api/v1/bucha/me/sessions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let their_id = theirs["items"][0]["id"].as_i64().unwrap();
    let refused = app
        .client
        .post(app.url(&format!("/bucha/account/sessions/{their_id}/end")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(me_status(&app, &taras).await, StatusCode::OK);
}

async fn repeated_failures_slow_down_sign_in(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    account(&app, "olena@example.org", "citizen").await;
    for _ in 0..5 {
        let r = app
            .client
            .post(app.url("/bucha/login"))
            .form(&[("email", "olena@example.org"), ("password", "wrong guess number")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Now even the right password must wait, with a readable page.
    let locked = app
        .client
        .post(app.url("/bucha/login"))
        .form(&[("email", "olena@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = locked.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=300).contains(&wait), "{wait}");
    assert!(locked.text().await.unwrap().contains("Забагато спроб"));
    // The API's token endpoint is throttled the same way.
    let api = app
        .client
        .post(app.url("/api/v1/bucha/tokens"))
        .json(&json!({"email": "olena@example.org", "password": PASSWORD, "name": "script"}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(api.headers().contains_key("retry-after"));
    let body: Value = api.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too_many_requests");
    // Another account is not affected, and the burst is in the audit log.
    account(&app, "admin@example.org", "admin").await;
    sign_in(&app, &app.client, "admin@example.org", PASSWORD).await;
    let audit: Value = app
        .get("/api/v1/bucha/audit?action=login_failure_burst")
        .await
        .json()
        .await
        .unwrap();
    let entries = audit["items"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{audit}");
    assert_eq!(entries[0]["subject"], "olena@example.org");
    assert_eq!(entries[0]["address"], "127.0.0.1");
}

async fn administrators_grant_roles_and_read_the_audit_log(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    tenant(&app.db, "irpin", None).await;
    let admin_id = account(&app, "admin@example.org", "admin").await;
    let citizen_id = account(&app, "olena@example.org", "citizen").await;

    // Anonymous: 401; a citizen: 403.
    assert_eq!(app.get("/bucha/admin/people").await.status(), StatusCode::UNAUTHORIZED);
    let citizen = client();
    let citizen_csrf = sign_in(&app, &citizen, "olena@example.org", PASSWORD).await;
    let r = citizen.get(app.url("/bucha/admin/people")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = citizen
        .post(app.url(&format!("/bucha/admin/people/{citizen_id}/role")))
        .form(&[("csrf", citizen_csrf.as_str()), ("role", "admin")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let csrf = sign_in(&app, &app.client, "admin@example.org", PASSWORD).await;
    let people = app.get("/bucha/admin/people").await.text().await.unwrap();
    assert!(people.contains("olena@example.org"));
    // Not in this tenant: the other tenant's pages do not know this session.
    assert_eq!(app.get("/irpin/admin/people").await.status(), StatusCode::UNAUTHORIZED);

    let granted = app
        .client
        .post(app.url(&format!("/bucha/admin/people/{citizen_id}/role")))
        .form(&[("csrf", csrf.as_str()), ("role", "official")])
        .send()
        .await
        .unwrap();
    assert_eq!(granted.status(), StatusCode::SEE_OTHER);
    // A resident's months-long session must not carry staff powers: the
    // new official signs in again, into a short staff session.
    assert_eq!(me_status(&app, &citizen).await, StatusCode::UNAUTHORIZED);
    let citizen = client();
    sign_in(&app, &citizen, "olena@example.org", PASSWORD).await;
    let me: Value = citizen
        .get(app.url("/api/v1/bucha/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["roles"], json!(["official"]));

    let bogus = app
        .client
        .post(app.url(&format!("/bucha/admin/people/{citizen_id}/role")))
        .form(&[("csrf", csrf.as_str()), ("role", "emperor")])
        .send()
        .await
        .unwrap();
    assert_eq!(bogus.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let last_admin = app
        .client
        .post(app.url(&format!("/bucha/admin/people/{admin_id}/role")))
        .form(&[("csrf", csrf.as_str()), ("role", "citizen")])
        .send()
        .await
        .unwrap();
    assert_eq!(last_admin.status(), StatusCode::CONFLICT);

    let audit = app.get("/bucha/admin/audit?action=role_changed").await;
    assert_eq!(audit.status(), StatusCode::OK);
    let html = audit.text().await.unwrap();
    assert!(
        html.contains("змінено з мешканця на посадову особу") && html.contains("admin@example.org"),
        "{html}"
    );
    let filtered: Value = app.get("/api/v1/bucha/audit?actor=nobody").await.json().await.unwrap();
    assert_eq!(filtered["items"], json!([]));
    assert_eq!(
        app.get("/bucha/admin/audit?action=made_up").await.status(),
        StatusCode::BAD_REQUEST
    );
}

async fn deleting_an_account_keeps_counts_right(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    let theirs = idea(&app.db, t, s, "Чужа ідея").await;
    let olena = account(&app, "olena@example.org", "citizen").await;
    let taras = account(&app, "taras@example.org", "citizen").await;
    let ideas = civic_testkit::ideas::Ideas::of(&app.db, t);
    let comments = civic_testkit::comments::Comments::of(&app.db, t);
    let own = ideas
        .create(&civic_testkit::ideas::NewIdea {
            space: s,
            author: Some(civic_core::UserId(olena)),
            title: "Ідея Олени",
            body: "Лавки біля річки",
            status: "published",
            category: None,
            district: None,
            location: None,
            created_at: civic_core::Timestamp::now(),
        })
        .await
        .unwrap();
    for (user, idea) in [(olena, theirs), (taras, theirs), (olena, own), (taras, own)] {
        ideas
            .support(idea, civic_core::UserId(user), civic_core::Timestamp::now())
            .await
            .unwrap();
    }
    for user in [olena, taras] {
        comments
            .create(&civic_testkit::comments::NewComment {
                idea: theirs,
                parent: None,
                author: Some(civic_core::UserId(user)),
                body: "Підтримую",
                alignment: "in_favour",
                created_at: civic_core::Timestamp::now(),
            })
            .await
            .unwrap();
    }
    let before: Value = app
        .get(&format!("/api/v1/bucha/ideas/{}", theirs.0))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(before["support_count"], 2);

    // Olena keeps her contributions: her idea stays, her support goes.
    let csrf = sign_in(&app, &app.client, "olena@example.org", PASSWORD).await;
    let wrong = app
        .client
        .post(app.url("/bucha/account/delete"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("password", "not the password"),
            ("contributions", "keep"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let deleted = app
        .client
        .post(app.url("/bucha/account/delete"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("password", PASSWORD),
            ("contributions", "keep"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::OK);
    assert_eq!(me_status(&app, &app.client).await, StatusCode::UNAUTHORIZED);
    let after: Value = app
        .get(&format!("/api/v1/bucha/ideas/{}", theirs.0))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after["support_count"], 1);
    assert_eq!(after["comment_count"], 2);
    assert_eq!(ideas.count_supports(theirs).await.unwrap(), 1);
    let kept: Value = app
        .get(&format!("/api/v1/bucha/ideas/{}", own.0))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(kept["support_count"], 1);
    let html = app.get(&format!("/bucha/ideas/{}", own.0)).await.text().await.unwrap();
    assert!(!html.contains("Олена Ковальчук"), "the name is gone");

    // A comment of Taras's that someone answered: on removal it is blanked
    // and marked deleted, and the answer stays.
    let iryna = account(&app, "iryna@example.org", "citizen").await;
    let answered = comments
        .create(&civic_testkit::comments::NewComment {
            idea: own,
            parent: None,
            author: Some(civic_core::UserId(taras)),
            body: "Лавки мають бути зі спинками",
            alignment: "in_favour",
            created_at: civic_core::Timestamp::now(),
        })
        .await
        .unwrap();
    comments
        .create(&civic_testkit::comments::NewComment {
            idea: own,
            parent: Some(answered),
            author: Some(civic_core::UserId(iryna)),
            body: "Згодна, і з підлокітниками",
            alignment: "in_favour",
            created_at: civic_core::Timestamp::now(),
        })
        .await
        .unwrap();

    // Taras removes his: his comment goes and the count follows.
    let taras_client = client();
    let csrf = sign_in(&app, &taras_client, "taras@example.org", PASSWORD).await;
    let r = taras_client
        .delete(app.url("/api/v1/bucha/me"))
        .header("x-csrf-token", csrf)
        .json(&json!({"password": PASSWORD, "contributions": "remove"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let after: Value = app
        .get(&format!("/api/v1/bucha/ideas/{}", theirs.0))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after["support_count"], 0);
    assert_eq!(after["comment_count"], 1);
    assert_eq!(ideas.count_supports(own).await.unwrap(), 0);
    let thread: Value = app
        .get(&format!("/api/v1/bucha/ideas/{}/comments", own.0))
        .await
        .json()
        .await
        .unwrap();
    let items = thread["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{thread}");
    let blanked = items.iter().find(|c| c["id"] == answered.0).unwrap();
    assert_eq!(
        (blanked["deleted"].clone(), blanked["body"].clone()),
        (json!(true), json!(""))
    );
    assert!(
        items
            .iter()
            .any(|c| c["body"] == "Згодна, і з підлокітниками" && c["parent_id"] == answered.0)
    );
    let own_after: Value = app
        .get(&format!("/api/v1/bucha/ideas/{}", own.0))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(own_after["comment_count"], 1, "only the answer is counted");
}

async fn export_and_api_account_endpoints(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    account(&app, "olena@example.org", "citizen").await;
    let created: Value = app
        .client
        .post(app.url("/api/v1/bucha/tokens"))
        .json(&json!({"email": "olena@example.org", "password": PASSWORD, "name": "мій скрипт"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = created["token"].as_str().unwrap().to_string();
    let api = client();
    let export = api
        .get(app.url("/api/v1/bucha/me/export"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), StatusCode::OK);
    assert!(
        export.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let data: Value = export.json().await.unwrap();
    assert_eq!(data["account"]["email"], "olena@example.org");
    assert_eq!(data["tokens"][0]["name"], "мій скрипт");
    assert!(!data.to_string().contains("password_hash") && !data.to_string().contains(&token[3..]));
    assert_eq!(data["contributions"], json!([]), "nothing done yet");
    assert_eq!(data["verification"], Value::Null, "not verified");

    // Bearer calls need no CSRF token; a wrong current password changes nothing.
    let wrong = api
        .put(app.url("/api/v1/bucha/me/password"))
        .bearer_auth(&token)
        .json(&json!({"current_password": "nope nope nope", "new_password": NEW_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(body["error"]["code"], "wrong_password");
    let changed = api
        .put(app.url("/api/v1/bucha/me/password"))
        .bearer_auth(&token)
        .json(&json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        bearer_status(&app, &token).await,
        StatusCode::UNAUTHORIZED,
        "a new password revokes the tokens, this one too"
    );

    // A token lives as long as asked, at most a year; staff at most 30 days.
    let too_long = client()
        .post(app.url("/api/v1/bucha/tokens"))
        .json(&json!({"email": "olena@example.org", "password": NEW_PASSWORD, "name": "s", "expires_in_days": 366}))
        .send()
        .await
        .unwrap();
    assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = too_long.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_token_lifetime");
    let week: Value = client()
        .post(app.url("/api/v1/bucha/tokens"))
        .json(&json!({"email": "olena@example.org", "password": NEW_PASSWORD, "name": "s", "expires_in_days": 7}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let expires_in = week["expires_at"].as_i64().unwrap() - civic_core::Timestamp::now().0;
    assert!((6 * 86_400_000..=7 * 86_400_000).contains(&expires_in), "{week}");
    let token = week["token"].as_str().unwrap().to_string();
    assert_eq!(bearer_status(&app, &token).await, StatusCode::OK);

    // Tokens are listed without secrets, with their expiry and last use,
    // and revoked ones stop working.
    let listed: Value = api
        .get(app.url("/api/v1/bucha/tokens"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = listed["items"][0]["id"].as_i64().unwrap();
    assert!(!listed.to_string().contains(&token[3..]));
    assert_eq!(listed["items"][0]["expires_at"], week["expires_at"]);
    assert!(listed["items"][0]["last_used_at"].as_i64().is_some(), "{listed}");
    assert_eq!(listed["items"][1]["revoked"], true, "the first token, revoked");
    let revoked = api
        .delete(app.url(&format!("/api/v1/bucha/tokens/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    let after = api
        .get(app.url("/api/v1/bucha/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_public_url_makes_the_cookie_secure_and_host_only() {
    let test_db = civic_testkit::testing::TestDb::sqlite().await;
    let config = civic_web::WebConfig {
        public_url: "https://civic.example".into(),
        ..civic_web::WebConfig::default()
    };
    let app = TestApp::start_on(test_db.db.clone(), config).await;
    tenant(&app.db, "bucha", None).await;
    account(&app, "olena@example.org", "citizen").await;
    let login = app
        .client
        .post(app.url("/bucha/login"))
        .form(&[("email", "olena@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    let cookie = login.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("__Host-civic_session=") && cookie.contains("; Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    // The plain name is not accepted in its place.
    let value = cookie.split(';').next().unwrap().split_once('=').unwrap().1;
    let plain = client()
        .get(app.url("/api/v1/bucha/me"))
        .header("cookie", format!("civic_session={value}"))
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), StatusCode::UNAUTHORIZED);
    let secure = client()
        .get(app.url("/api/v1/bucha/me"))
        .header("cookie", format!("__Host-civic_session={value}"))
        .send()
        .await
        .unwrap();
    assert_eq!(secure.status(), StatusCode::OK);
    drop(test_db);
}

/// The demo resident Олена reported problems, added her voice to others',
/// argued in debates and entered a contest: her export holds each of
/// them, hers only, oldest first.
async fn the_export_holds_every_contribution(app: TestApp) {
    civic_seed::demo::seed_once(&app.platform).await.unwrap();
    let (olena, _) = session(&app, "demo", "olena@demo.example.org").await;
    let r = olena.get(app.url("/api/v1/demo/me/export")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let data: Value = r.json().await.unwrap();
    let rows = data["contributions"].as_array().unwrap();
    let of_kind = |kind: &str| rows.iter().filter(|c| c["kind"] == kind).collect::<Vec<_>>();
    let mine = |sql: &str| {
        format!(
            "{sql} (SELECT u.id FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = 'demo' AND u.email = 'olena@demo.example.org')"
        )
    };
    for (kind, table, who) in [
        ("report", "reports", "author_id"),
        ("report_voice", "report_voices", "user_id"),
        ("debate_argument", "debate_arguments", "author_id"),
        ("debate_stance", "debate_stances", "user_id"),
        ("debate_convincing", "debate_convincing", "user_id"),
        ("contest_submission", "contest_submissions", "author_id"),
    ] {
        let stored = query_i64(&app.db, &mine(&format!("SELECT COUNT(*) FROM {table} WHERE {who} ="))).await;
        assert!(stored > 0, "the demo gives Олена some {kind}");
        assert_eq!(of_kind(kind).len() as i64, stored, "{kind}: {data}");
    }
    for argument in of_kind("debate_argument") {
        assert!(argument["body"].as_str().is_some_and(|b| !b.is_empty()), "{argument}");
        assert!(
            ["for", "against"].contains(&argument["choice"].as_str().unwrap()),
            "{argument}"
        );
    }
    assert!(
        of_kind("report")
            .iter()
            .all(|r| r["body"].as_str().is_some_and(|b| !b.is_empty()))
    );
    let times: Vec<i64> = rows.iter().map(|c| c["at"].as_i64().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    // A resident who answered the demo poll: the option chosen, and the
    // number given on its scale question.
    let (resident, _) = session(&app, "demo", "resident45@demo.example.org").await;
    let data: Value = resident
        .get(app.url("/api/v1/demo/me/export"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let answers: Vec<&Value> = data["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "poll_answer")
        .collect();
    assert!(
        answers.iter().any(|a| a["choice"].is_string() && a["body"].is_null()),
        "{answers:?}"
    );
    assert!(
        answers
            .iter()
            .any(|a| a["choice"].is_null() && a["body"].as_str().is_some_and(|b| b.starts_with('5'))),
        "{answers:?}"
    );
}
