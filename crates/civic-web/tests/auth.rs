//! Signing in and out, sessions and personal access tokens, on both
//! backends.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    sign_in_out_with_a_session,
    wrong_credentials_look_the_same_and_set_nothing,
    sessions_do_not_cross_tenants,
    access_tokens_for_the_api,
    sign_in_returns_to_the_page_it_was_asked_from,
);

const PASSWORD: &str = "correct horse battery staple";

async fn account(app: &TestApp, tenant_slug: &str, email: &str, role: &str) {
    civic_app::users::create(
        &app.platform,
        &civic_app::users::CreateUser {
            tenant_slug,
            email,
            display_name: Some("Олена Ковальчук"),
            role,
            password: PASSWORD,
        },
    )
    .await
    .unwrap();
}

fn session_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("civic_session="))
        .map(str::to_string)
}

async fn sign_in_out_with_a_session(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    account(&app, "bucha", "olena@example.org", "citizen").await;
    let form = app.get("/bucha/login").await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(form.text().await.unwrap().contains("autocomplete=\"current-password\""));

    let login = app
        .client
        .post(app.url("/bucha/login"))
        .form(&[("email", "Olena@Example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    let cookie = session_cookie(&login).expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("civic_session=")
        .to_string();

    let home = app.get("/bucha/").await.text().await.unwrap();
    assert!(home.contains("Ви увійшли як Олена Ковальчук"), "{home}");
    let csrf = home
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let me: Value = app.get("/api/v1/bucha/me").await.json().await.unwrap();
    assert_eq!(me["email"], "olena@example.org");
    assert_eq!(me["roles"], json!(["citizen"]));

    // A second sign-in gets a new session id (no fixation).
    let again = client();
    let second = again
        .post(app.url("/bucha/login"))
        .form(&[("email", "olena@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_ne!(
        session_cookie(&second).unwrap().split(';').next().unwrap(),
        format!("civic_session={token}")
    );

    // Signing out needs the form's CSRF token.
    let forged = app
        .client
        .post(app.url("/bucha/logout"))
        .form(&[("csrf", "0".repeat(64))])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert!(
        app.get("/bucha/").await.text().await.unwrap().contains("Ви увійшли як"),
        "still signed in"
    );
    let out = app
        .client
        .post(app.url("/bucha/logout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    // The old cookie is dead on the server, not just forgotten by the browser.
    let replay = client()
        .get(app.url("/api/v1/bucha/me"))
        .header("cookie", format!("civic_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    assert!(
        app.get("/bucha/")
            .await
            .text()
            .await
            .unwrap()
            .contains("href=\"/bucha/login?next=/bucha/\""),
        "signed out: the header offers to sign in again"
    );
}

async fn wrong_credentials_look_the_same_and_set_nothing(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    account(&app, "bucha", "olena@example.org", "citizen").await;
    let mut bodies = Vec::new();
    for (email, password) in [
        ("olena@example.org", "wrong password here"),
        ("nobody@example.org", PASSWORD),
        ("not an email", "x"),
        ("", ""),
    ] {
        let r = app
            .client
            .post(app.url("/bucha/login"))
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        assert!(session_cookie(&r).is_none());
        let body = r.text().await.unwrap();
        assert!(
            body.contains("data-error-summary") && body.contains("aria-describedby=\"email-error\""),
            "{body}"
        );
        assert!(
            !body.contains(password) || password.is_empty() || password == "x",
            "the password is not echoed"
        );
        bodies.push(body.replace(email, "E"));
    }
    assert_eq!(bodies[0], bodies[1], "unknown e-mail and wrong password answer alike");
    let api = app
        .client
        .post(app.url("/api/v1/bucha/tokens"))
        .json(&json!({"email": "nobody@example.org", "password": PASSWORD, "name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    let body: Value = api.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_credentials");
    // A form from another site is refused.
    let cross = app
        .client
        .post(app.url("/bucha/login"))
        .header("origin", "https://evil.example")
        .form(&[("email", "olena@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);
    assert!(session_cookie(&cross).is_none());
}

async fn sessions_do_not_cross_tenants(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    tenant(&app.db, "irpin", None).await;
    account(&app, "bucha", "olena@example.org", "admin").await;
    let login = app
        .client
        .post(app.url("/bucha/login"))
        .form(&[("email", "olena@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get("/api/v1/bucha/me").await.status(), StatusCode::OK);
    // The same browser, another municipality: nobody is signed in there.
    assert_eq!(app.get("/api/v1/irpin/me").await.status(), StatusCode::UNAUTHORIZED);
    assert!(!app.get("/irpin/").await.text().await.unwrap().contains("Ви увійшли як"));
    // An account of Bucha cannot sign in to Irpin.
    let r = client()
        .post(app.url("/irpin/login"))
        .form(&[("email", "olena@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn access_tokens_for_the_api(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    tenant(&app.db, "irpin", None).await;
    account(&app, "bucha", "dev@example.org", "official").await;
    let anonymous = client();
    let created = anonymous
        .post(app.url("/api/v1/bucha/tokens"))
        .json(&json!({"email": "dev@example.org", "password": PASSWORD, "name": "Звіти"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let body: Value = created.json().await.unwrap();
    let token = body["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("cs_") && token.len() == 67);
    let me = anonymous
        .get(app.url("/api/v1/bucha/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    let me: Value = me.json().await.unwrap();
    assert_eq!(me["roles"], json!(["official"]));
    for (tenant, bearer) in [
        ("irpin", token.as_str()),
        ("bucha", "cs_0000"),
        ("bucha", "not-a-token"),
    ] {
        let r = anonymous
            .get(app.url(&format!("/api/v1/{tenant}/me")))
            .bearer_auth(bearer)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{tenant} {bearer}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "unauthorized");
    }
    assert_eq!(
        anonymous
            .get(app.url("/api/v1/bucha/me"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
    for bad in [
        json!({"email": "dev@example.org"}),
        json!("nonsense"),
        json!({"email": "dev@example.org", "password": PASSWORD, "name": "  "}),
    ] {
        let r = anonymous
            .post(app.url("/api/v1/bucha/tokens"))
            .json(&bad)
            .send()
            .await
            .unwrap();
        assert!(
            r.status() == StatusCode::UNPROCESSABLE_ENTITY || r.status() == StatusCode::BAD_REQUEST,
            "{bad}: {}",
            r.status()
        );
        let body: Value = r.json().await.unwrap();
        assert!(body["error"]["message"].as_str().unwrap().len() > 3, "{body}");
    }
    let not_json = anonymous
        .post(app.url("/api/v1/bucha/tokens"))
        .body("email=x")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

/// "Sign in" on a page comes back to that page, and only to a page of the
/// same tenant: another site, another tenant or a sign-in page itself send
/// the person to the tenant's home instead.
async fn sign_in_returns_to_the_page_it_was_asked_from(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    tenant(&app.db, "irpin", None).await;
    account(&app, "bucha", "olena@example.org", "citizen").await;
    // The header's link carries the page it is on.
    let page = app
        .get("/bucha/search?q=%D0%BB%D0%B0%D0%B2%D0%BA%D0%B8")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(
            "href=\"/bucha/login?next=/bucha/search%3Fq%3D%25D0%25BB%25D0%25B0%25D0%25B2%25D0%25BA%25D0%25B8\""
        ),
        "the sign-in link names the page"
    );
    let form = app
        .get("/bucha/login?next=/bucha/search%3Fq%3Dx")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("name=\"next\" value=\"/bucha/search?q=x\""),
        "the form keeps it"
    );
    let sign_in = |next: &'static str| {
        // A fresh client each time: no session carried over.
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let url = app.url("/bucha/login");
        async move {
            let r = client
                .post(url)
                .form(&[("email", "olena@example.org"), ("password", PASSWORD), ("next", next)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
            r.headers()["location"].to_str().unwrap().to_string()
        }
    };
    assert_eq!(sign_in("/bucha/search?q=x").await, "/bucha/search?q=x");
    // A page that needs signing in says so and links to the sign-in form
    // that comes back to it.
    let needs = app.get("/bucha/notifications").await;
    assert_eq!(needs.status(), StatusCode::UNAUTHORIZED);
    assert!(
        needs
            .text()
            .await
            .unwrap()
            .contains("href=\"/bucha/login?next=/bucha/notifications\"")
    );
    // A form's address cannot be returned to (it answers 405 to a GET): a
    // refused post offers to sign in and go home.
    let posted = app
        .client
        .post(app.url("/bucha/notifications/read"))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::UNAUTHORIZED);
    assert!(
        posted
            .text()
            .await
            .unwrap()
            .contains("href=\"/bucha/login?next=/bucha/\"")
    );
    for elsewhere in [
        "https://evil.example/",
        "//evil.example/bucha/",
        "/\\evil.example",
        "/irpin/",
        "/bucha/login",
        "/bucha/../irpin/",
    ] {
        assert_eq!(sign_in(elsewhere).await, "/bucha/", "{elsewhere}");
    }
}
