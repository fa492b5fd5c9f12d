//! Registration, the confirmation link and signing in afterwards, on both
//! backends. Mail is read from the outbox, where the worker would take it.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    register_confirm_and_sign_in,
    bad_registrations_store_nothing,
    registration_through_the_api
);

async fn register_confirm_and_sign_in(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    let form = app.get("/bucha/register").await;
    assert_eq!(form.status(), StatusCode::OK);
    let sent = app
        .client
        .post(app.url("/bucha/register"))
        .form(&[
            ("email", "Mykola@Example.org"),
            ("display_name", "Микола"),
            ("password", "зелений гай навесні"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    assert_eq!(sent.headers()["location"], "/bucha/register/sent");
    assert_eq!(app.get("/bucha/register/sent").await.status(), StatusCode::OK);

    // Not confirmed yet: signing in fails like any wrong sign-in.
    let early = app
        .client
        .post(app.url("/bucha/login"))
        .form(&[("email", "mykola@example.org"), ("password", "зелений гай навесні")])
        .send()
        .await
        .unwrap();
    assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let mail = outbox_links(&app).await;
    assert_eq!(mail.len(), 1);
    let (to, subject, link) = &mail[0];
    assert_eq!(to, "mykola@example.org");
    assert_eq!(subject, "Підтвердьте адресу для «Громада bucha»");
    let path = link
        .strip_prefix("http://127.0.0.1:8080")
        .expect("the configured public URL");
    assert!(path.starts_with("/bucha/confirm?token="), "{link}");

    // Opening the link (as a mail scanner does) uses nothing: it shows a
    // button. Pressing it confirms the address and signs the person in.
    let form = app.get(path).await;
    assert_eq!(form.status(), StatusCode::OK);
    let html = form.text().await.unwrap();
    let token = path.split("token=").nth(1).unwrap();
    assert!(html.contains(&format!("name=\"token\" value=\"{token}\"")), "{html}");
    assert_eq!(app.get(path).await.status(), StatusCode::OK, "still usable");
    let browser = client();
    let confirmed = browser
        .post(app.url("/bucha/confirm"))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    assert_eq!(confirmed.headers()["location"], "/bucha/confirmed");
    let done = browser.get(app.url("/bucha/confirmed")).send().await.unwrap();
    assert!(done.text().await.unwrap().contains("<h1>Адресу підтверджено</h1>"));
    let me: Value = browser
        .get(app.url("/api/v1/bucha/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["display_name"], "Микола", "signed in by confirming");
    // A link works once, in its own tenant only.
    assert_eq!(app.get(path).await.status(), StatusCode::BAD_REQUEST);
    let again = client()
        .post(app.url("/bucha/confirm"))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::BAD_REQUEST, "a link works once");
    assert_eq!(
        app.get(&path.replace("/bucha/", "/irpin/")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/bucha/confirm?token=abc").await.status(),
        StatusCode::BAD_REQUEST
    );
    // Another site cannot press the button for someone.
    let forged = client()
        .post(app.url("/bucha/confirm"))
        .header("origin", "https://evil.example")
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    let login = app
        .client
        .post(app.url("/bucha/login"))
        .form(&[("email", "mykola@example.org"), ("password", "зелений гай навесні")])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    let me: Value = app.get("/api/v1/bucha/me").await.json().await.unwrap();
    assert_eq!(me["display_name"], "Микола");
}

async fn bad_registrations_store_nothing(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await;
    let post =
        |fields: [(&'static str, &'static str); 3]| app.client.post(app.url("/bucha/register")).form(&fields).send();
    let all_bad = post([("email", "not-an-email"), ("display_name", ""), ("password", "short")])
        .await
        .unwrap();
    assert_eq!(all_bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = all_bad.text().await.unwrap();
    for (field, message) in [
        ("email", "Введіть електронну адресу"),
        ("display_name", "Ім&#39;я має містити"),
        ("password", "щонайменше 12 символів"),
    ] {
        assert!(body.contains(&format!("id=\"{field}-error\"")), "{field}");
        assert!(body.contains(&format!("href=\"#{field}\"")), "summary links {field}");
        assert!(
            body.contains(message) || body.contains(&message.replace("&#39;", "'")),
            "{message}: {body}"
        );
    }
    assert!(body.contains("value=\"not-an-email\""), "input is kept");
    let common = post([
        ("email", "a@example.org"),
        ("display_name", "А"),
        ("password", "qwertyuiop123"),
    ])
    .await
    .unwrap();
    assert!(common.text().await.unwrap().contains("надто поширений"));
    assert_eq!(
        civic_testkit::users::Users::of(&app.db, t.tenant_id())
            .count()
            .await
            .unwrap(),
        0
    );
    assert_eq!(civic_testkit::mail::pending(&app.db).await.unwrap(), 0);

    let ok = post([
        ("email", "a@example.org"),
        ("display_name", "А"),
        ("password", "a long enough passphrase"),
    ])
    .await
    .unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let taken = post([
        ("email", "A@example.org"),
        ("display_name", "Б"),
        ("password", "another long passphrase"),
    ])
    .await
    .unwrap();
    // The same answer as for a free address: nobody learns who has an
    // account. The owner is told by mail instead.
    assert_eq!(taken.status(), StatusCode::SEE_OTHER);
    assert_eq!(taken.headers()["location"], ok.headers()["location"]);
    assert_eq!(
        civic_testkit::users::Users::of(&app.db, t.tenant_id())
            .count()
            .await
            .unwrap(),
        1
    );
    let mail = outbox_links(&app).await;
    assert_eq!(mail.len(), 2, "{mail:?}");
    assert_eq!(mail[1].0, "a@example.org");
    assert!(mail[1].1.contains("уже є обліковий запис"), "{}", mail[1].1);
    assert!(mail[1].2.ends_with("/bucha/login"), "{}", mail[1].2);
}

async fn registration_through_the_api(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    let register = |body: Value| {
        app.client
            .post(app.url("/api/v1/bucha/users"))
            .header("accept-language", "en")
            .json(&body)
            .send()
    };
    let created =
        register(json!({"email": "dev@example.org", "password": "a long enough passphrase", "display_name": "Dev"}))
            .await
            .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let body: Value = created.json().await.unwrap();
    assert_eq!(
        (body["email"].as_str(), body["email_confirmed"].as_bool()),
        (Some("dev@example.org"), Some(false))
    );
    let taken =
        register(json!({"email": "DEV@example.org", "password": "a long enough passphrase", "display_name": "Dev"}))
            .await
            .unwrap();
    assert_eq!(
        taken.status(),
        StatusCode::CREATED,
        "a taken address answers like a free one"
    );
    let again: Value = taken.json().await.unwrap();
    assert_eq!(again["next"], "check_your_mail");
    assert_eq!(again["email"], body["email"]);
    assert!(body.get("id").is_none(), "no account number to tell them apart: {body}");
    let weak = register(json!({"email": "x@example.org", "password": "password1234", "display_name": "X"}))
        .await
        .unwrap();
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = weak.json().await.unwrap();
    assert_eq!(body["error"]["code"], "password_common");
    let missing = register(json!({"email": "x@example.org"})).await.unwrap();
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The tenant default language (uk) wins over the browser's for mail.
    // The second mail tells the owner someone tried their address again.
    let mail = outbox_links(&app).await;
    assert_eq!(mail.len(), 2, "{mail:?}");
    assert!(mail[0].1.starts_with("Підтвердьте"), "{}", mail[0].1);
    assert!(mail[1].1.contains("уже є обліковий запис"), "{}", mail[1].1);
}
