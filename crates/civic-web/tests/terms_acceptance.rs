//! Terms of use and the privacy notice on both backends (issue 22): the
//! platform's texts until the town publishes its own, linked from every
//! footer and from the registration form; registering accepts the versions
//! in force; a version published after someone joined is put to them at
//! their next sign-in, and only accepting exactly what was shown records
//! anything; accounts made after it, and other towns, are not asked; the
//! acceptances are in the person's data export.

mod common;

use civic_testkit::testing::query_i64;
use common::world::{PASSWORD, person, session};
use common::*;
use reqwest::StatusCode;

both_backends!(
    the_platform_texts_show_until_the_town_publishes_and_registering_accepts_them,
    a_version_published_after_joining_is_put_to_the_resident_at_sign_in,
    only_what_was_shown_is_accepted_and_bad_input_stores_nothing,
);

async fn acceptances(app: &TestApp) -> i64 {
    query_i64(&app.db, "SELECT COUNT(*) FROM document_acceptances").await
}

/// Signs `email` in through the form, asking to come back to `next`;
/// returns the client and where the answer sends it.
async fn sign_in(app: &TestApp, email: &str, next: &str) -> (reqwest::Client, String) {
    let browser = client();
    let answer = browser
        .post(app.url("/bucha/login"))
        .form(&[("email", email), ("password", PASSWORD), ("next", next)])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::SEE_OTHER, "signing in as {email}");
    let location = answer.headers()["location"].to_str().unwrap().to_string();
    (browser, location)
}

fn hidden(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    page.split(&marker)
        .nth(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
}

async fn the_platform_texts_show_until_the_town_publishes_and_registering_accepts_them(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    let terms = app.get("/bucha/terms").await;
    assert_eq!(terms.status(), StatusCode::OK);
    let terms = terms.text().await.unwrap();
    assert!(terms.contains("<h1>Правила користування</h1>"), "{terms}");
    assert!(terms.contains("громада їх ще не переглянула"), "{terms}");
    assert!(terms.contains("<h2>"), "the platform's text has sections: {terms}");
    let privacy = app.get("/bucha/privacy").await.text().await.unwrap();
    assert!(
        privacy.contains("<h1>Повідомлення про захист персональних даних</h1>"),
        "{privacy}"
    );
    assert!(privacy.contains("Громада bucha"), "the town is named: {privacy}");
    let home = app.get("/bucha/").await.text().await.unwrap();
    assert!(
        home.contains("<a href=\"/bucha/terms\">Правила користування</a>")
            && home.contains("<a href=\"/bucha/privacy\">Приватність</a>"),
        "every footer links both: {home}"
    );
    let form = app.get("/bucha/register").await.text().await.unwrap();
    assert!(
        form.contains("Реєструючись, ви приймаєте") && form.contains("href=\"/bucha/privacy\""),
        "{form}"
    );

    // Registering while nothing is published records nothing.
    let body = serde_json::json!({"email": "taras@example.org", "password": PASSWORD, "display_name": "Тарас"});
    let (status, _) = send(&app, &(client(), String::new()), "POST", "/api/v1/bucha/users", body).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(acceptances(&app).await, 0);

    person(&app, "bucha", "admin@example.org", "admin").await;
    let admin = session(&app, "bucha", "admin@example.org").await;
    let (status, form) = html(&app, &admin, "/bucha/admin/terms").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Ще не оприлюднено"), "{form}");
    let (status, _) = post_form(
        &app,
        &admin,
        "/bucha/admin/terms",
        &[("body", "## Правила Бучі\n\nПоважайте одне одного.")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let terms = app.get("/bucha/terms").await.text().await.unwrap();
    assert!(
        terms.contains("<h2>Правила Бучі</h2>") && !terms.contains("ще не переглянула"),
        "{terms}"
    );
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'terms_published'"
        )
        .await,
        1
    );

    // Registering now accepts the published terms, through the form and
    // through the API alike.
    let body = serde_json::json!({"email": "olena@example.org", "password": PASSWORD, "display_name": "Олена"});
    let (status, _) = send(&app, &(client(), String::new()), "POST", "/api/v1/bucha/users", body).await;
    assert_eq!(status, StatusCode::CREATED);
    let answer = client()
        .post(app.url("/bucha/register"))
        .form(&[
            ("email", "petro@example.org"),
            ("display_name", "Петро"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM document_acceptances a JOIN users u ON u.tenant_id = a.tenant_id \
             AND u.id = a.user_id WHERE a.kind = 'terms' AND a.version = 1 \
             AND u.email IN ('olena@example.org', 'petro@example.org')"
        )
        .await,
        2
    );
    assert_eq!(
        acceptances(&app).await,
        2,
        "taras joined before; nothing for the privacy notice"
    );
}

async fn a_version_published_after_joining_is_put_to_the_resident_at_sign_in(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    tenant(&app.db, "irpin", None).await;
    person(&app, "bucha", "admin@example.org", "admin").await;
    person(&app, "bucha", "olena@example.org", "citizen").await;
    person(&app, "irpin", "ivan@example.org", "citizen").await;
    let admin = session(&app, "bucha", "admin@example.org").await;
    // The accounts' moment of joining is a millisecond: publish after it.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let (status, _) = post_form(
        &app,
        &admin,
        "/bucha/admin/privacy",
        &[("body", "## Що ми зберігаємо\n\nЛише адресу пошти.")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // Olena joined before: signing in leads to the page, and back.
    let (olena, location) = sign_in(&app, "olena@example.org", "/bucha/search").await;
    assert_eq!(location, "/bucha/terms/accept?next=/bucha/search");
    let page = olena.get(app.url(&location)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("<h1>Прочитайте оновлені правила</h1>"), "{page}");
    assert!(
        page.contains("<h2 id=\"document-privacy\">Повідомлення про захист персональних даних</h2>"),
        "{page}"
    );
    assert!(
        page.contains("<h3>Що ми зберігаємо</h3>"),
        "the text's headings sit under the page's: {page}"
    );
    assert!(page.contains("Версія 1 від"), "{page}");
    assert!(
        !page.contains("id=\"document-terms\""),
        "the terms are the platform's: {page}"
    );
    assert_eq!(hidden(&page, "privacy").as_deref(), Some("1"));
    assert_eq!(hidden(&page, "next").as_deref(), Some("/bucha/search"));
    // Until she accepts, her pages and forms lead back here; the texts,
    // her account and the API stay open.
    let elsewhere = olena
        .get(app.url("/bucha/search?q=%D0%BB%D0%B0%D0%B2%D0%BA%D0%B8"))
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        elsewhere.headers()["location"],
        "/bucha/terms/accept?next=/bucha/search%3Fq%3D%25D0%25BB%25D0%25B0%25D0%25B2%25D0%25BA%25D0%25B8"
    );
    let sent = olena
        .post(app.url("/bucha/account/name"))
        .form(&[("display_name", "Оля")])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    assert_eq!(sent.headers()["location"], "/bucha/terms/accept");
    for open in ["/bucha/privacy", "/bucha/terms", "/bucha/account", "/api/v1/bucha/me"] {
        let answer = olena.get(app.url(open)).send().await.unwrap();
        assert_eq!(answer.status(), StatusCode::OK, "{open}");
    }
    let csrf = hidden(&page, "csrf").unwrap();
    let answer = olena
        .post(app.url("/bucha/terms/accept"))
        .form(&[("csrf", csrf.as_str()), ("privacy", "1"), ("next", "/bucha/search")])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    assert_eq!(answer.headers()["location"], "/bucha/search");
    assert_eq!(acceptances(&app).await, 1);
    let free = olena.get(app.url("/bucha/search")).send().await.unwrap();
    assert_eq!(free.status(), StatusCode::OK, "accepted, the session goes on");
    // Accepted: the next sign-in goes straight on, and the page itself
    // sends her on.
    let (olena, location) = sign_in(&app, "olena@example.org", "/bucha/search").await;
    assert_eq!(location, "/bucha/search");
    let again = olena.get(app.url("/bucha/terms/accept")).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(again.headers()["location"], "/bucha/");

    // The admin joined before too and is asked the same; someone whose
    // account was made after the notice joined under it and is not.
    let (_, location) = sign_in(&app, "admin@example.org", "/bucha/admin").await;
    assert_eq!(location, "/bucha/terms/accept?next=/bucha/admin");
    person(&app, "bucha", "petro@example.org", "citizen").await;
    let (_, location) = sign_in(&app, "petro@example.org", "").await;
    assert_eq!(location, "/bucha/");

    // Two new versions: both are put to her, terms first.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    for (path, body) in [
        ("/bucha/admin/terms", "Правила, версія 1."),
        ("/bucha/admin/privacy", "Приватність, версія 2."),
    ] {
        let (status, _) = post_form(&app, &admin, path, &[("body", body)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let (olena, location) = sign_in(&app, "olena@example.org", "").await;
    assert_eq!(location, "/bucha/terms/accept");
    let page = olena
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let terms_at = page.find("id=\"document-terms\"").expect("the terms are asked");
    let privacy_at = page.find("id=\"document-privacy\"").expect("the notice is asked");
    assert!(terms_at < privacy_at, "terms first");
    assert_eq!(hidden(&page, "terms").as_deref(), Some("1"));
    assert_eq!(hidden(&page, "privacy").as_deref(), Some("2"));
    let csrf = hidden(&page, "csrf").unwrap();
    let answer = olena
        .post(app.url("/bucha/terms/accept"))
        .form(&[("csrf", csrf.as_str()), ("terms", "1"), ("privacy", "2")])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.headers()["location"], "/bucha/");
    assert_eq!(acceptances(&app).await, 3);

    // Her export names what she accepted.
    let export = olena.get(app.url("/api/v1/bucha/me/export")).send().await.unwrap();
    let export: serde_json::Value = export.json().await.unwrap();
    let accepted = export["accepted_documents"].as_array().unwrap();
    let mut named: Vec<(String, i64)> = accepted
        .iter()
        .map(|a| {
            (
                a["document"].as_str().unwrap().to_string(),
                a["version"].as_i64().unwrap(),
            )
        })
        .collect();
    named.sort();
    assert_eq!(
        named,
        [
            ("privacy".to_string(), 1),
            ("privacy".to_string(), 2),
            ("terms".to_string(), 1)
        ]
    );

    // Another town's residents, who joined before Bucha published, are
    // not asked about Bucha's texts.
    let ivan = session(&app, "irpin", "ivan@example.org").await;
    let (status, _) = html(&app, &ivan, "/irpin/terms/accept").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

async fn only_what_was_shown_is_accepted_and_bad_input_stores_nothing(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "admin@example.org", "admin").await;
    person(&app, "bucha", "olena@example.org", "citizen").await;
    let admin = session(&app, "bucha", "admin@example.org").await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let (status, _) = post_form(&app, &admin, "/bucha/admin/terms", &[("body", "Перша.")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let olena = session(&app, "bucha", "olena@example.org").await;
    // The page showed version 1; version 2 came meanwhile.
    let (status, _) = post_form(&app, &admin, "/bucha/admin/terms", &[("body", "Друга.")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let stale = olena
        .0
        .post(app.url("/bucha/terms/accept"))
        .form(&[("csrf", olena.1.as_str()), ("terms", "1"), ("next", "/bucha/search")])
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::SEE_OTHER);
    let again = stale.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(again, "/bucha/terms/accept?changed=1&next=/bucha/search");
    let (status, page) = html(&app, &olena, &again).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("оприлюднила ще одну версію"), "{page}");
    assert!(page.contains("<p>Друга.</p>"), "{page}");
    assert_eq!(acceptances(&app).await, 0, "a version not shown is not accepted");
    // Not a number, no version at all, a version that never was.
    for bad in ["два", "99999999999999999999", "-"] {
        let (status, _) = post_form(&app, &olena, "/bucha/terms/accept", &[("terms", bad)]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
    }
    let (status, _) = post_form(&app, &olena, "/bucha/terms/accept", &[("terms", "99")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = post_form(&app, &olena, "/bucha/terms/accept", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // A stale form (no CSRF token) and a visitor are refused.
    let stale = olena
        .0
        .post(app.url("/bucha/terms/accept"))
        .form(&[("terms", "2")])
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::FORBIDDEN);
    assert!(app.get("/bucha/terms/accept").await.status().is_client_error());
    assert_eq!(acceptances(&app).await, 0);
    // A resident cannot publish, and an empty text is 422 with nothing kept.
    let (status, _) = post_form(&app, &olena, "/bucha/admin/privacy", &[("body", "Моє")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, page) = post_form(&app, &admin, "/bucha/admin/privacy", &[("body", "  ")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("<textarea"), "the form comes back: {page}");
    assert_eq!(
        query_i64(&app.db, "SELECT COUNT(*) FROM tenant_documents WHERE kind = 'privacy'").await,
        0
    );
    // Her session, held (as a sign-in holds it), leads to the page.
    let held = "UPDATE sessions SET documents_pending = 1";
    civic_testkit::testing::execute(&app.db, held).await.unwrap();
    let (status, _) = html(&app, &olena, "/bucha/search").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "held");
    // A session that must also choose a password can still read and
    // accept the texts (then it goes to the password form).
    let must_change = "UPDATE users SET password_change_required = 1";
    civic_testkit::testing::execute(&app.db, must_change).await.unwrap();
    let (status, _) = html(&app, &olena, "/bucha/terms/accept").await;
    assert_eq!(status, StatusCode::OK, "not sent to the password form first");
    let changed = "UPDATE users SET password_change_required = 0";
    civic_testkit::testing::execute(&app.db, changed).await.unwrap();
    // Accepting what is shown now works, and the redirect names no page
    // outside the town.
    let accepted = olena
        .0
        .post(app.url("/bucha/terms/accept"))
        .form(&[
            ("csrf", olena.1.as_str()),
            ("terms", "2"),
            ("next", "https://evil.example/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
    assert_eq!(accepted.headers()["location"], "/bucha/");
    assert_eq!(acceptances(&app).await, 1);
    let (status, _) = html(&app, &olena, "/bucha/search").await;
    assert_eq!(status, StatusCode::OK, "accepting let the session go");
    // Held again with nothing pending: the page itself lets it go.
    civic_testkit::testing::execute(&app.db, held).await.unwrap();
    let (status, _) = html(&app, &olena, "/bucha/terms/accept").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = html(&app, &olena, "/bucha/search").await;
    assert_eq!(status, StatusCode::OK, "no loop");
}
