//! A resident's own account on both backends: changing the display name,
//! changing the e-mail address through a link mailed to the new address
//! (and only then), "my activity" listing exactly the person's own
//! contributions, and access tokens kept in a closed "Advanced" section.

mod common;

use civic_core::{Email, Timestamp, UserId};
use civic_testkit::testing::{execute, query_i64};
use common::world::{PASSWORD, World, person, session};
use common::*;
use reqwest::StatusCode;
use serde_json::json;

both_backends!(
    the_display_name_changes_and_a_bad_one_is_refused,
    the_address_changes_only_when_the_link_is_followed,
    address_changes_are_refused_for_a_taken_address_or_a_wrong_password,
    an_expired_or_used_link_changes_nothing,
    my_activity_lists_exactly_my_own_contributions,
    access_tokens_sit_in_a_closed_advanced_section,
);

async fn user_row(app: &TestApp, id: i64) -> civic_testkit::users::UserRecord {
    let t = query_i64(&app.db, &format!("SELECT tenant_id FROM users WHERE id = {id}")).await;
    civic_testkit::users::Users::of(&app.db, civic_core::TenantId(t))
        .get(UserId(id))
        .await
        .unwrap()
        .unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

/// The path of a link from a mail (the mail names the public address).
fn path_of(link: &str) -> String {
    let start = link.find("/bucha/").unwrap();
    link[start..].to_string()
}

fn token_of(link: &str) -> String {
    link.split("token=").nth(1).unwrap().to_string()
}

async fn the_display_name_changes_and_a_bad_one_is_refused(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    let olena = person(&app, "bucha", "olena@example.org", "citizen").await;
    let who = session(&app, "bucha", "olena@example.org").await;

    let response = who
        .0
        .post(app.url("/bucha/account/name"))
        .form(&[("csrf", who.1.as_str()), ("display_name", "  Олена Ковальчук ")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/bucha/account?done=name");
    assert_eq!(user_row(&app, olena).await.display_name, "Олена Ковальчук");
    // The people list sorts and searches by the new name.
    let keys = civic_testkit::testing::query_i64(
        &app.db,
        &format!(
            "SELECT COUNT(*) FROM users WHERE id = {olena} AND name_search LIKE '%ковальчук%' AND name_sort = '{}'",
            civic_core::text::name_sort_key("Олена Ковальчук")
        ),
    )
    .await;
    assert_eq!(keys, 1, "the sort and search keys follow the name");
    // The change is audited, with both names (and only a change is).
    let audited = |sql: &'static str| civic_testkit::testing::query_i64(&app.db, sql);
    assert_eq!(
        audited("SELECT COUNT(*) FROM audit_log WHERE action = 'name_changed' AND detail LIKE '%→ «Олена Ковальчук»'")
            .await,
        1
    );
    let (status, page) = html(&app, &who, "/bucha/account?done=name").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<dd>Олена Ковальчук</dd>"), "the page shows the new name");
    assert!(page.contains("role=\"status\""), "the page confirms the change");

    for bad in ["   ", &"я".repeat(61), "Олена\u{7}"] {
        let (status, page) = post_form(&app, &who, "/bucha/account/name", &[("display_name", bad)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
        assert!(
            page.contains("id=\"display_name-error\""),
            "the error stands at the field"
        );
        assert!(
            page.contains("href=\"#display_name\""),
            "the summary links to the field"
        );
        assert_eq!(
            user_row(&app, olena).await.display_name,
            "Олена Ковальчук",
            "nothing changed"
        );
    }
    // Without the session's CSRF token nothing changes.
    let forged = who
        .0
        .post(app.url("/bucha/account/name"))
        .form(&[("csrf", "forged"), ("display_name", "Хтось інший")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(user_row(&app, olena).await.display_name, "Олена Ковальчук");
    let (status, _) = post_form(
        &app,
        &who,
        "/bucha/account/name",
        &[("display_name", "Олена Ковальчук")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        audited("SELECT COUNT(*) FROM audit_log WHERE action = 'name_changed'").await,
        1,
        "the same name again is no change"
    );
}

async fn the_address_changes_only_when_the_link_is_followed(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    let olena = person(&app, "bucha", "olena@example.org", "citizen").await;
    let who = session(&app, "bucha", "olena@example.org").await;
    outbox_links(&app).await;

    let response = who
        .0
        .post(app.url("/bucha/account/email"))
        .form(&[
            ("csrf", who.1.as_str()),
            ("new_email", " Olena.New@Example.org "),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/bucha/account?done=email-sent");
    assert_eq!(user_row(&app, olena).await.email, "olena@example.org", "not yet");
    let mail = outbox_links(&app).await;
    assert_eq!(mail.len(), 1, "one mail, to the new address: {mail:?}");
    let (recipient, _, link) = &mail[0];
    assert_eq!(recipient, "olena.new@example.org");
    assert!(link.contains("/bucha/account/email/confirm?token="), "{link}");

    // Opening the link (as a mail scanner would) changes nothing.
    let opened = who.0.get(app.url(&path_of(link))).send().await.unwrap();
    assert_eq!(opened.status(), StatusCode::OK);
    assert!(opened.text().await.unwrap().contains("name=\"token\""));
    assert_eq!(user_row(&app, olena).await.email, "olena@example.org");

    // Pressing the button, signed in, moves the account.
    let token = token_of(link);
    let confirmed = who
        .0
        .post(app.url("/bucha/account/email/confirm"))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&confirmed), "/bucha/account/email/changed");
    let row = user_row(&app, olena).await;
    assert_eq!(row.email, "olena.new@example.org");
    assert!(row.email_confirmed_at.is_some());
    let (status, page) = html(&app, &who, "/bucha/account").await;
    assert_eq!(status, StatusCode::OK, "the session survives the change");
    assert!(page.contains("olena.new@example.org"));

    // The old address is told; the audit log has it.
    let mail = outbox_links(&app).await;
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0].0, "olena@example.org");
    let audited = query_i64(
        &app.db,
        &format!("SELECT COUNT(*) FROM audit_log WHERE action = 'email_changed' AND actor_id = {olena}"),
    )
    .await;
    assert_eq!(audited, 1);

    // The new address signs in; the old one no longer does.
    let fresh = client();
    let signed_in = fresh
        .post(app.url("/bucha/login"))
        .form(&[("email", "olena.new@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let old = client()
        .post(app.url("/bucha/login"))
        .form(&[("email", "olena@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_ne!(old.status(), StatusCode::SEE_OTHER);

    // The link worked once.
    let again = client()
        .post(app.url("/bucha/account/email/confirm"))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.get(&path_of(link)).await.status(), StatusCode::BAD_REQUEST);
}

async fn address_changes_are_refused_for_a_taken_address_or_a_wrong_password(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    tenant(&app.db, "irpin", None).await;
    let olena = person(&app, "bucha", "olena@example.org", "citizen").await;
    person(&app, "bucha", "petro@example.org", "citizen").await;
    person(&app, "irpin", "maria@example.org", "citizen").await;
    let who = session(&app, "bucha", "olena@example.org").await;
    outbox_links(&app).await;

    let (status, page) = post_form(
        &app,
        &who,
        "/bucha/account/email",
        &[
            ("new_email", "olena.new@example.org"),
            ("password", "not the password at all"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"email_password-error\""));
    assert!(
        page.contains("value=\"olena.new@example.org\""),
        "the address is kept in its field"
    );

    let (status, page) = post_form(
        &app,
        &who,
        "/bucha/account/email",
        &[("new_email", "PETRO@example.org"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("id=\"new_email-error\""));
    assert!(page.contains("Цю адресу вже використовує інший обліковий запис."));

    for bad in ["not an address", "olena@example.org", ""] {
        let (status, page) = post_form(
            &app,
            &who,
            "/bucha/account/email",
            &[("new_email", bad), ("password", PASSWORD)],
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
        assert!(page.contains("id=\"new_email-error\""), "{bad:?}");
    }
    assert!(outbox_links(&app).await.is_empty(), "no link was mailed");
    assert_eq!(user_row(&app, olena).await.email, "olena@example.org");

    // Another tenant's accounts do not take an address here.
    let (status, _) = post_form(
        &app,
        &who,
        "/bucha/account/email",
        &[("new_email", "maria@example.org"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mail = outbox_links(&app).await;
    assert_eq!(mail.len(), 1);

    // An address someone took between the request and the link: refused,
    // and the account keeps its address.
    person(&app, "bucha", "maria@example.org", "citizen").await;
    let refused = client()
        .post(app.url("/bucha/account/email/confirm"))
        .form(&[("token", token_of(&mail[0].2).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert_eq!(user_row(&app, olena).await.email, "olena@example.org");
    assert!(
        outbox_links(&app).await.is_empty(),
        "no notice for a change that did not happen"
    );
}

async fn an_expired_or_used_link_changes_nothing(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    tenant(&app.db, "irpin", None).await;
    let olena = person(&app, "bucha", "olena@example.org", "citizen").await;
    let who = session(&app, "bucha", "olena@example.org").await;
    outbox_links(&app).await;
    let ask = |address: &'static str| {
        let who = &who;
        let app = &app;
        async move {
            let (status, _) = post_form(
                app,
                who,
                "/bucha/account/email",
                &[("new_email", address), ("password", PASSWORD)],
            )
            .await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            let mail = outbox_links(app).await;
            assert_eq!(mail.len(), 1);
            token_of(&mail[0].2)
        }
    };
    let confirm = |slug: &'static str, token: String| {
        let app = &app;
        async move {
            client()
                .post(app.url(&format!("/{slug}/account/email/confirm")))
                .form(&[("token", token.as_str())])
                .send()
                .await
                .unwrap()
                .status()
        }
    };

    // Expired: a day has passed.
    let expired = ask("first@example.org").await;
    execute(
        &app.db,
        "UPDATE email_tokens SET expires_at = 1 WHERE purpose = 'change_email'",
    )
    .await
    .unwrap();
    let opened = app.get(&format!("/bucha/account/email/confirm?token={expired}")).await;
    assert_eq!(opened.status(), StatusCode::BAD_REQUEST);
    assert_eq!(confirm("bucha", expired).await, StatusCode::BAD_REQUEST);
    assert_eq!(user_row(&app, olena).await.email, "olena@example.org");

    // A newer request replaces an older link.
    let older = ask("second@example.org").await;
    let newer = ask("third@example.org").await;
    assert_eq!(confirm("bucha", older).await, StatusCode::BAD_REQUEST);
    assert_eq!(user_row(&app, olena).await.email, "olena@example.org");

    // Another tenant's address does not take this tenant's link; a
    // registration link is not an address change link either.
    assert_eq!(confirm("irpin", newer.clone()).await, StatusCode::BAD_REQUEST);
    assert_eq!(confirm("bucha", "f".repeat(64)).await, StatusCode::BAD_REQUEST);
    assert_eq!(confirm("bucha", "nonsense".into()).await, StatusCode::BAD_REQUEST);
    assert_eq!(user_row(&app, olena).await.email, "olena@example.org");

    // Signed out, the link works once.
    assert_eq!(confirm("bucha", newer.clone()).await, StatusCode::SEE_OTHER);
    assert_eq!(user_row(&app, olena).await.email, "third@example.org");
    assert_eq!(confirm("bucha", newer).await, StatusCode::BAD_REQUEST);
    assert_eq!(user_row(&app, olena).await.email, "third@example.org");
    let email = Email::parse("third@example.org").unwrap();
    assert!(
        civic_testkit::users::Users::of(
            &app.db,
            civic_core::TenantId(query_i64(&app.db, "SELECT id FROM tenants WHERE slug = 'bucha'").await)
        )
        .by_email(&email)
        .await
        .unwrap()
        .is_some()
    );
}

/// Fills the citizen's (or the admin's) activity: an idea, a comment, a
/// support, a poll answer and a signature. Returns the new idea's id.
async fn take_part(app: &TestApp, world: &World, email: &str, idea_title: &str) -> (i64, i64) {
    let who = session(app, &world.slug, email).await;
    let user = query_i64(
        &app.db,
        &format!(
            "SELECT id FROM users WHERE tenant_id = {} AND email = '{email}'",
            world.tenant.0
        ),
    )
    .await;
    let slug = &world.slug;
    // Each step a few milliseconds after the last, so "newest first" has
    // one answer.
    let pause = || tokio::time::sleep(std::time::Duration::from_millis(5));
    let (status, idea) = send(
        app,
        &who,
        "POST",
        &format!("/api/v1/{slug}/spaces/{}/ideas", world.space.0),
        json!({"title": idea_title, "body": "Поставити більше лавок уздовж алеї."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{idea}");
    pause().await;
    let (status, comment) = send(
        app,
        &who,
        "POST",
        &format!("/api/v1/{slug}/ideas/{}/comments", world.idea.0),
        json!({"body": "Підтримую, але з ліхтарями."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{comment}");
    pause().await;
    let (status, _) = send(
        app,
        &who,
        "PUT",
        &format!("/api/v1/{slug}/ideas/{}/support", world.idea.0),
        json!({}),
    )
    .await;
    assert!(status.is_success(), "{status}");
    pause().await;
    execute(
        &app.db,
        &format!(
            "INSERT INTO poll_responses (tenant_id, poll_id, user_id, submitted_at, district) VALUES ({}, {}, {user}, {}, '')",
            world.tenant.0,
            world.poll,
            Timestamp::now().0
        ),
    )
    .await
    .unwrap();
    pause().await;
    let tx = app.db.begin().await.unwrap();
    civic_testkit::petitions::Petitions::of(&tx, world.tenant)
        .sign(
            world.petition,
            UserId(user),
            Timestamp::now(),
            Timestamp::now().0 + 86_400_000,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (idea["id"].as_i64().unwrap(), comment["id"].as_i64().unwrap())
}

async fn my_activity_lists_exactly_my_own_contributions(app: TestApp) {
    let bucha = World::build(&app, "bucha").await;
    let irpin = World::build(&app, "irpin").await;
    let me = session(&app, "bucha", &bucha.citizen_email).await;

    let (status, page) = html(&app, &me, "/bucha/account/activity").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Поки нічого немає."), "an empty state");
    assert!(!page.contains("class=\"card\""));
    let (status, account) = html(&app, &me, "/bucha/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        account.contains("href=\"/bucha/account/activity\""),
        "the account page links to it"
    );

    let (mine, comment) = take_part(&app, &bucha, &bucha.citizen_email, "Моя ідея про лавки").await;
    take_part(&app, &bucha, &bucha.admin_email, "Ідея адміністратора").await;
    take_part(&app, &irpin, &irpin.citizen_email, "Ідея з Ірпеня").await;

    let (status, page) = html(&app, &me, "/bucha/account/activity").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches("class=\"card\"").count(), 5, "five things of mine: {page}");
    for link in [
        format!("href=\"/bucha/ideas/{mine}\""),
        format!("href=\"/bucha/ideas/{}#comment-{comment}\"", bucha.idea.0),
        format!("href=\"/bucha/ideas/{}\"", bucha.idea.0),
        format!("href=\"/bucha/polls/{}\"", bucha.poll),
        format!("href=\"/bucha/petitions/{}\"", bucha.petition),
    ] {
        assert!(page.contains(&link), "{link} is listed");
    }
    for text in [
        "Ви запропонували ідею",
        "Ви прокоментували ідею",
        "Ви підтримали ідею",
        "Ви відповіли на опитування",
        "Ви підписали петицію",
    ] {
        assert!(page.contains(text), "{text}");
    }
    assert!(!page.contains("Ідея адміністратора"), "not another person's");
    assert!(!page.contains("Ідея з Ірпеня"), "not another tenant's");
    assert!(!page.contains("/irpin/"));
    // Newest first: the signature came last, the idea first.
    let signature = page.find("Ви підписали петицію").unwrap();
    let idea = page.find("Ви запропонували ідею").unwrap();
    assert!(signature < idea, "newest first");
    assert!(!page.contains("?page=2"), "one page only");

    // A page past the end says so; a page that is not a number is the first.
    let (status, past) = html(&app, &me, "/bucha/account/activity?page=2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!past.contains("class=\"card\""));
    assert!(past.contains("Давнішого немає."));
    let (status, junk) = html(&app, &me, "/bucha/account/activity?page=-1%27").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(junk.matches("class=\"card\"").count(), 5);

    // More than a page: 50 and a link to the older ones.
    let user = query_i64(
        &app.db,
        &format!(
            "SELECT id FROM users WHERE email = '{}' AND tenant_id = {}",
            bucha.citizen_email, bucha.tenant.0
        ),
    )
    .await;
    for n in 0..50 {
        execute(
            &app.db,
            &format!(
                "INSERT INTO ideas (tenant_id, space_id, author_id, title, body, status, created_at, updated_at) \
                 VALUES ({t}, {s}, {user}, 'Давня ідея {n}', 'Текст', 'published', {at}, {at})",
                t = bucha.tenant.0,
                s = bucha.space.0,
                at = 1_000 + n
            ),
        )
        .await
        .unwrap();
    }
    let (_, first) = html(&app, &me, "/bucha/account/activity").await;
    assert_eq!(first.matches("class=\"card\"").count(), 50);
    assert!(first.contains("href=\"/bucha/account/activity?page=2\""));
    let (_, second) = html(&app, &me, "/bucha/account/activity?page=2").await;
    assert_eq!(second.matches("class=\"card\"").count(), 5);
    assert!(second.contains("Давня ідея 0"), "the oldest is on the last page");
    assert!(!second.contains("?page=3"));

    // Signed out, or signed in elsewhere: not this page.
    let signed_out = app.get("/bucha/account/activity").await;
    assert_ne!(signed_out.status(), StatusCode::OK);
    let (status, other) = html(&app, &me, "/irpin/account/activity").await;
    assert!(status != StatusCode::OK || !other.contains("Моя ідея про лавки"));
}

async fn access_tokens_sit_in_a_closed_advanced_section(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "olena@example.org", "citizen").await;
    let who = session(&app, "bucha", "olena@example.org").await;
    let (status, page) = html(&app, &who, "/bucha/account").await;
    assert_eq!(status, StatusCode::OK);
    let opens = page.find("<details class=\"advanced\"").expect("an Advanced section");
    let closes = opens + page[opens..].find("</details>").unwrap();
    let tag_end = opens + page[opens..].find('>').unwrap();
    assert!(!page[opens..tag_end].contains("open"), "closed by default");
    let tokens = page.find("action=\"/bucha/account/tokens\"").unwrap();
    assert!(opens < tokens && tokens < closes, "the token form is inside it");
    let heading = page.find("id=\"tokens-title\"").unwrap();
    assert!(opens < heading && heading < closes, "and so is the tokens heading");
    for everyday in ["action=\"/bucha/account/name\"", "action=\"/bucha/account/email\""] {
        let at = page.find(everyday).unwrap();
        assert!(at < opens || at > closes, "{everyday} is not hidden");
    }
    // A refused token opens the section so the error is seen.
    let (status, refused) = post_form(
        &app,
        &who,
        "/bucha/account/tokens",
        &[("name", "script"), ("password", "wrong"), ("expires_in_days", "30")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("<details class=\"advanced\" open>"));
}
