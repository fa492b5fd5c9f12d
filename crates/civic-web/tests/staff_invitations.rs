//! Administrators invite people to the town's staff by e-mail, on both
//! backends (issue 22): the invited account has the role, cannot sign in
//! until its link is used, and the link chooses the password and proves the
//! address; the link expires; a bad address or role is 422 with what was
//! typed kept, an address with an account 409, other roles 403; nothing is
//! stored or sent when refused.

mod common;

use civic_testkit::testing::query_i64;
use common::world::{person, session};
use common::*;
use reqwest::StatusCode;

both_backends!(
    an_invited_official_chooses_a_password_and_answers_for_the_town,
    refused_invitations_store_and_send_nothing,
);

const INVITE: &str = "/bucha/admin/people/invite";
const PASSPHRASE: &str = "the clerk's own long passphrase";

async fn accounts(app: &TestApp) -> i64 {
    query_i64(&app.db, "SELECT COUNT(*) FROM users").await
}

async fn queued_mail(app: &TestApp) -> i64 {
    query_i64(&app.db, "SELECT COUNT(*) FROM outbox").await
}

async fn choose_password(app: &TestApp, token: &str) -> StatusCode {
    app.client
        .post(app.url("/bucha/password/reset"))
        .form(&[("token", token), ("password", PASSPHRASE)])
        .send()
        .await
        .unwrap()
        .status()
}

/// Signs in through the form: the status, and the client keeping the
/// session's cookie.
async fn sign_in(app: &TestApp, email: &str) -> (StatusCode, reqwest::Client) {
    let browser = client();
    let status = browser
        .post(app.url("/bucha/login"))
        .form(&[("email", email), ("password", PASSPHRASE)])
        .send()
        .await
        .unwrap()
        .status();
    (status, browser)
}

async fn confirmed(app: &TestApp, email: &str) -> bool {
    let sql = format!("SELECT COUNT(*) FROM users WHERE email = '{email}' AND email_confirmed_at IS NOT NULL");
    query_i64(&app.db, &sql).await == 1
}

async fn an_invited_official_chooses_a_password_and_answers_for_the_town(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "admin@example.org", "admin").await;
    let admin = session(&app, "bucha", "admin@example.org").await;
    let (status, form) = html(&app, &admin, INVITE).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains(
            "id=\"role-official\" name=\"role\" value=\"official\" aria-describedby=\"role-official-hint\" checked"
        ),
        "an official by default: {form}"
    );
    let (_, people) = html(&app, &admin, "/bucha/admin/people").await;
    assert!(people.contains("href=\"/bucha/admin/people/invite\""), "{people}");

    let (status, _) = post_form(
        &app,
        &admin,
        INVITE,
        &[("email", " Clerk@Bucha.Example.org "), ("role", "official")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, people) = html(&app, &admin, "/bucha/admin/people?done=invited").await;
    assert!(people.contains("Запрошення надіслано"), "{people}");
    assert!(
        people.contains("clerk@bucha.example.org"),
        "listed, not yet confirmed: {people}"
    );
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM users WHERE email = 'clerk@bucha.example.org' \
             AND role = 'official' AND email_confirmed_at IS NULL"
        )
        .await,
        1
    );
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'staff_invited' \
             AND subject = 'clerk@bucha.example.org' AND detail = 'official'"
        )
        .await,
        1
    );
    let mail = outbox_links(&app).await;
    let (to, subject, link) = mail.first().expect("the invitation");
    assert_eq!(to, "clerk@bucha.example.org");
    assert!(subject.contains("посадова особа"), "in the admin's language: {subject}");
    assert!(link.contains("/bucha/password/reset?token="), "{link}");

    // The link chooses the password and proves the address; then the
    // chosen password signs in, and the account has its role.
    assert!(!confirmed(&app, "clerk@bucha.example.org").await);
    let token = link.split("token=").nth(1).unwrap();
    assert_eq!(choose_password(&app, token).await, StatusCode::OK);
    assert!(confirmed(&app, "clerk@bucha.example.org").await);
    let (status, clerk) = sign_in(&app, "clerk@bucha.example.org").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = clerk.get(app.url("/bucha/admin/statistics")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK, "an official's page");
    let page = clerk.get(app.url("/bucha/admin/people")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::FORBIDDEN, "not an administrator's");

    // A moderator's link that is not used within the week stops working.
    let (status, _) = post_form(
        &app,
        &admin,
        INVITE,
        &[("email", "mod@bucha.example.org"), ("role", "moderator")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mail = outbox_links(&app).await;
    let (_, subject, link) = mail.first().expect("the second invitation");
    assert!(subject.contains("модератор"), "{subject}");
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM email_tokens t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.user_id \
             WHERE u.email = 'mod@bucha.example.org' AND t.expires_at - t.created_at BETWEEN 7 * 24 * 3600000 - 1000 AND 7 * 24 * 3600000"
        )
        .await,
        1,
        "the link works for a week"
    );
    civic_testkit::testing::execute(&app.db, "UPDATE email_tokens SET expires_at = 1 WHERE used_at IS NULL")
        .await
        .unwrap();
    let token = link.split("token=").nth(1).unwrap();
    assert_eq!(choose_password(&app, token).await, StatusCode::BAD_REQUEST);
    assert!(
        !confirmed(&app, "mod@bucha.example.org").await,
        "an expired link proves nothing"
    );

    // An invited administrator who has not chosen a password yet does not
    // let the only one who can sign in step down.
    let (status, _) = post_form(
        &app,
        &admin,
        INVITE,
        &[("email", "typo@bucha.example.org"), ("role", "admin")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let me = query_i64(&app.db, "SELECT id FROM users WHERE email = 'admin@example.org'").await;
    let path = format!("/bucha/admin/people/{me}/role");
    let (status, _) = post_form(&app, &admin, &path, &[("role", "citizen")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let still = "SELECT COUNT(*) FROM users WHERE email = 'admin@example.org' AND role = 'admin'";
    assert_eq!(query_i64(&app.db, still).await, 1);
}

async fn refused_invitations_store_and_send_nothing(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "admin@example.org", "admin").await;
    person(&app, "bucha", "official@example.org", "official").await;
    person(&app, "bucha", "olena@example.org", "citizen").await;
    let admin = session(&app, "bucha", "admin@example.org").await;
    let (before, mail_before) = (accounts(&app).await, queued_mail(&app).await);

    let (status, page) = post_form(&app, &admin, INVITE, &[("email", "не адреса"), ("role", "moderator")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("value=\"не адреса\""), "what was typed is kept: {page}");
    assert!(
        page.contains(
            "id=\"role-moderator\" name=\"role\" value=\"moderator\" aria-describedby=\"role-moderator-hint\" checked"
        ),
        "{page}"
    );
    assert!(
        page.contains("href=\"#email\""),
        "the summary leads to the field: {page}"
    );
    for role in ["citizen", "king", ""] {
        let (status, page) = post_form(&app, &admin, INVITE, &[("email", "new@example.org"), ("role", role)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{role}");
        assert!(page.contains("href=\"#role\""), "{role}: {page}");
    }
    let (status, page) = post_form(
        &app,
        &admin,
        INVITE,
        &[("email", "olena@example.org"), ("role", "official")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("Змініть її роль у списку людей"), "{page}");
    assert_eq!(
        query_i64(&app.db, "SELECT COUNT(*) FROM users WHERE role = 'citizen'").await,
        1,
        "olena stays a resident"
    );
    // Officials, residents, visitors and stale forms are refused.
    for email in ["official@example.org", "olena@example.org"] {
        let who = session(&app, "bucha", email).await;
        let (status, _) = post_form(&app, &who, INVITE, &[("email", "new@example.org"), ("role", "admin")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
    }
    let (status, _) = post_form(
        &app,
        &(client(), String::new()),
        INVITE,
        &[("email", "new@example.org"), ("role", "admin")],
    )
    .await;
    assert!(status.is_client_error(), "a visitor: {status}");
    let stale = admin
        .0
        .post(app.url(INVITE))
        .form(&[("email", "new@example.org"), ("role", "admin")])
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::FORBIDDEN);
    assert_eq!(accounts(&app).await, before);
    assert_eq!(queued_mail(&app).await, mail_before);
    assert_eq!(
        query_i64(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'staff_invited'").await,
        0
    );
}
