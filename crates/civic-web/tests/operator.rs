//! The operator console on both backends: signing in takes a password and a
//! second factor (enrolled at the first sign-in, with recovery codes shown
//! once, each usable once, and a TOTP code accepted once); every console
//! page sends a visitor who has not finished signing in to the step they
//! are at; an operator creates a municipality, suspends it (its pages read,
//! its writes are refused) and resumes it; the audit log keeps each step.

mod common;

use common::world::{person, session};
use common::*;
use reqwest::StatusCode;
use serde_json::json;

both_backends!(sign_in_with_a_second_factor_and_run_tenants,);

const EMAIL: &str = "ops@example.org";
const PASSWORD: &str = "a long operator passphrase";

async fn form(client: &reqwest::Client, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    client.post(app.url(path)).form(fields).send().await.unwrap()
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// The value of the hidden CSRF field of a console page.
fn csrf_of(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    page[at..].split('"').next().unwrap().to_string()
}

fn code_now(secret: &str) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret).unwrap();
    let totp = totp_rs::Builder::new().with_secret(secret).build_noncompliant();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    totp.generate(now).to_string()
}

async fn sign_in_with_a_second_factor_and_run_tenants(app: TestApp) {
    civic_app::users::create_operator(&app.platform, EMAIL, PASSWORD)
        .await
        .unwrap();
    let ops = client();

    // Not signed in: every console page leads to the sign-in form.
    for path in [
        "/operator",
        "/operator/audit",
        "/operator/sign-in/code",
        "/operator/sign-in/enrol",
    ] {
        let r = ops.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&r), "/operator/sign-in", "{path}");
    }
    let page = ops.get(app.url("/operator/sign-in")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);

    // A wrong password, and an unknown e-mail: the same refusal, no session.
    for (email, password) in [(EMAIL, "not the password"), ("nobody@example.org", PASSWORD)] {
        let r = form(
            &ops,
            &app,
            "/operator/sign-in",
            &[("email", email), ("password", password)],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.headers().get("set-cookie").is_none());
    }

    // The first sign-in sets up an authenticator.
    let r = form(
        &ops,
        &app,
        "/operator/sign-in",
        &[("email", EMAIL), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/operator/sign-in/enrol");
    // Half signed in, the console is still out of reach.
    let r = ops.get(app.url("/operator")).send().await.unwrap();
    assert_eq!(location(&r), "/operator/sign-in/enrol");
    let page = ops
        .get(app.url("/operator/sign-in/enrol"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("data:image/svg+xml"), "a QR code");
    let secret: String = {
        let at = page.find("<code>").unwrap() + 6;
        page[at..].split('<').next().unwrap().replace(' ', "")
    };
    let csrf = csrf_of(&page);
    // Without the form's token: refused.
    let r = form(
        &ops,
        &app,
        "/operator/sign-in/enrol",
        &[("csrf", "forged"), ("code", &code_now(&secret))],
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = form(
        &ops,
        &app,
        "/operator/sign-in/enrol",
        &[("csrf", &csrf), ("code", "000000x")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let first_code = code_now(&secret);
    let r = form(
        &ops,
        &app,
        "/operator/sign-in/enrol",
        &[("csrf", &csrf), ("code", &first_code)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    let recovery: Vec<String> = page
        .split("<li><code>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().to_string())
        .collect();
    assert_eq!(recovery.len(), 10, "{page}");

    // Signed in: the console lists the municipalities.
    let r = ops.get(app.url("/operator")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    let csrf = csrf_of(&page);

    // Creating a municipality; a taken or bad slug is refused, nothing made.
    let r = form(
        &ops,
        &app,
        "/operator/tenants",
        &[("csrf", &csrf), ("slug", "irpin"), ("name", "Ірпінь"), ("locale", "uk")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = form(
        &ops,
        &app,
        "/operator/tenants",
        &[
            ("csrf", &csrf),
            ("slug", "irpin"),
            ("name", "Ще один Ірпінь"),
            ("locale", "uk"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = form(
        &ops,
        &app,
        "/operator/tenants",
        &[("csrf", &csrf), ("slug", "Не slug"), ("name", ""), ("locale", "xx")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = ops
        .get(app.url("/operator"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Ірпінь") && !page.contains("Ще один"), "{page}");
    assert_eq!(app.get("/irpin/").await.status(), StatusCode::OK);

    // With its first administrator: a bad address makes nothing; a good one
    // gets a link to choose a password, and then signs in as administrator.
    let r = form(
        &ops,
        &app,
        "/operator/tenants",
        &[
            ("csrf", &csrf),
            ("slug", "bucha"),
            ("name", "Буча"),
            ("locale", "uk"),
            ("admin_email", "not an address"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.get("/bucha/").await.status(), StatusCode::NOT_FOUND);
    let r = form(
        &ops,
        &app,
        "/operator/tenants",
        &[
            ("csrf", &csrf),
            ("slug", "bucha"),
            ("name", "Буча"),
            ("locale", "uk"),
            ("admin_email", "clerk@bucha.example.org"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mail = outbox_links(&app).await;
    let (_, subject, link) = mail
        .iter()
        .find(|m| m.0 == "clerk@bucha.example.org")
        .expect("an invitation");
    assert!(subject.contains("Буча"), "{subject}");
    assert!(link.contains("/bucha/password/reset?token="), "{link}");
    let token = link.split("token=").nth(1).unwrap();
    let chosen = app
        .client
        .post(app.url("/bucha/password/reset"))
        .form(&[("token", token), ("password", "the clerk's own long passphrase")])
        .send()
        .await
        .unwrap();
    assert_eq!(chosen.status(), StatusCode::OK);
    let clerk = client();
    let r = form(
        &clerk,
        &app,
        "/bucha/login",
        &[
            ("email", "clerk@bucha.example.org"),
            ("password", "the clerk's own long passphrase"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let people = clerk.get(app.url("/bucha/admin/people")).send().await.unwrap();
    assert_eq!(
        people.status(),
        StatusCode::OK,
        "the invited person administers the town"
    );

    // Suspending: pages read with a notice, writes are refused; resuming
    // restores them.
    person(&app, "irpin", "resident@example.org", "citizen").await;
    let resident = session(&app, "irpin", "resident@example.org").await;
    let r = form(&ops, &app, "/operator/tenants/irpin/suspend", &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let home = app.get("/irpin/").await;
    assert_eq!(home.status(), StatusCode::OK);
    assert!(home.text().await.unwrap().contains("class=\"notice warning\""));
    let register = json!({"email": "new@example.org", "password": "a long enough passphrase", "display_name": "Нова"});
    let (status, body) = send(&app, &resident, "POST", "/api/v1/irpin/users", register.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "forbidden");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("suspended"),
        "{body}"
    );
    let r = form(&ops, &app, "/operator/tenants/irpin/resume", &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, body) = send(&app, &resident, "POST", "/api/v1/irpin/users", register).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let r = form(&ops, &app, "/operator/tenants/nowhere/suspend", &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // Signing out ends the session; the next sign-in asks for a code, and
    // the code already used is not accepted again.
    let r = form(&ops, &app, "/operator/sign-out", &[("csrf", &csrf)]).await;
    assert_eq!(location(&r), "/operator/sign-in");
    assert_eq!(
        location(&ops.get(app.url("/operator")).send().await.unwrap()),
        "/operator/sign-in"
    );
    let again = client();
    let r = form(
        &again,
        &app,
        "/operator/sign-in",
        &[("email", EMAIL), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(location(&r), "/operator/sign-in/code");
    let page = again
        .get(app.url("/operator/sign-in/code"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&page);
    let r = form(
        &again,
        &app,
        "/operator/sign-in/code",
        &[("csrf", &csrf), ("code", &first_code)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a code is accepted once");
    // A recovery code works once, typed in any case.
    let r = form(
        &again,
        &app,
        "/operator/sign-in/code",
        &[("csrf", &csrf), ("code", &recovery[0].to_uppercase())],
    )
    .await;
    assert_eq!(location(&r), "/operator");
    let page = again
        .get(app.url("/operator"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&page);
    form(&again, &app, "/operator/sign-out", &[("csrf", &csrf)]).await;
    let third = client();
    form(
        &third,
        &app,
        "/operator/sign-in",
        &[("email", EMAIL), ("password", PASSWORD)],
    )
    .await;
    let page = third
        .get(app.url("/operator/sign-in/code"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&page);
    let r = form(
        &third,
        &app,
        "/operator/sign-in/code",
        &[("csrf", &csrf), ("code", &recovery[0])],
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a recovery code is used up"
    );
    // Five wrong codes close the half-open session: the password again.
    for _ in 0..4 {
        form(
            &third,
            &app,
            "/operator/sign-in/code",
            &[("csrf", &csrf), ("code", "123456")],
        )
        .await;
    }
    assert_eq!(
        location(&third.get(app.url("/operator")).send().await.unwrap()),
        "/operator/sign-in"
    );

    // The audit log keeps who did what.
    let r = form(
        &again,
        &app,
        "/operator/sign-in",
        &[("email", EMAIL), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(location(&r), "/operator/sign-in/code");
    let page = again
        .get(app.url("/operator/sign-in/code"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&page);
    let r = form(
        &again,
        &app,
        "/operator/sign-in/code",
        &[("csrf", &csrf), ("code", &recovery[1])],
    )
    .await;
    assert_eq!(location(&r), "/operator");
    let audit = again
        .get(app.url("/operator/audit"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        audit.contains("clerk@bucha.example.org"),
        "the invitation in the audit log"
    );
    for action in [
        "tenant_created",
        "tenant_suspended",
        "tenant_resumed",
        "second_factor_enrolled",
    ] {
        let key_en = match action {
            "tenant_created" => "Municipality created",
            "tenant_suspended" => "Municipality suspended",
            "tenant_resumed" => "Municipality resumed",
            _ => "Second factor set up",
        };
        let key_uk = match action {
            "tenant_created" => "Створено громаду",
            "tenant_suspended" => "Громаду призупинено",
            "tenant_resumed" => "Громаду відновлено",
            _ => "Налаштовано другий фактор",
        };
        assert!(
            audit.contains(key_en) || audit.contains(key_uk),
            "{action} in the audit log"
        );
    }
}
