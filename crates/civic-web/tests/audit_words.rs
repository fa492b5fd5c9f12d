//! The audit log in words on both backends: a role change reads as a
//! sentence in Ukrainian and English with the people's names and the roles
//! in their grammatical forms (impersonal Ukrainian: nobody's gender is
//! guessed), at the time in the tenant's zone; other entries read as who,
//! what and to what.

mod common;

use civic_core::{Timestamp, Zone};
use civic_testkit::testing::{execute, query_i64};
use common::world::{open_session, person, session};
use common::*;
use reqwest::StatusCode;

both_backends!(a_role_change_reads_as_a_sentence);

async fn a_role_change_reads_as_a_sentence(app: TestApp) {
    let _town = town(&app, "Парк").await;
    person(&app, "bucha", "mayor@example.org", "admin").await;
    let (mayor, csrf) = session(&app, "bucha", "mayor@example.org").await;
    execute(
        &app.db,
        "UPDATE users SET display_name = 'Олена Коваль' WHERE email = 'mayor@example.org'",
    )
    .await
    .unwrap();
    execute(
        &app.db,
        "UPDATE users SET display_name = 'Петро Бондар' WHERE email = 'petro@example.org'",
    )
    .await
    .unwrap();
    let petro = query_i64(&app.db, "SELECT id FROM users WHERE email = 'petro@example.org'").await;
    let r = mayor
        .post(app.url(&format!("/bucha/admin/people/{petro}/role")))
        .form(&[("csrf", csrf.as_str()), ("role", "moderator")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let at = query_i64(&app.db, "SELECT MAX(at) FROM audit_log WHERE action = 'role_changed'").await;
    let (h, m) = Timestamp(at).local(&Zone::parse("Europe/Kyiv").unwrap()).hm();
    let clock = format!(", {h:02}:{m:02}");

    let html = mayor
        .get(app.url("/bucha/admin/audit"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Олена Коваль: роль облікового запису «Петро Бондар» змінено з мешканця на модератора"),
        "{html}"
    );
    assert!(html.contains(&clock), "{clock}\n{html}");
    assert!(html.contains("Europe/Kyiv"), "{html}");

    // In English.
    let opened = open_session(&app, "bucha", "mayor@example.org").await;
    let en = reqwest::Client::new()
        .get(app.url("/bucha/admin/audit"))
        .header("cookie", format!("civic_session={}; civic_lang=en", opened.token))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        en.contains("Олена Коваль changed the role of Петро Бондар from resident to moderator"),
        "{en}"
    );

    // Back to resident, and an official: other grammatical forms.
    for role in ["official", "citizen"] {
        let r = mayor
            .post(app.url(&format!("/bucha/admin/people/{petro}/role")))
            .form(&[("csrf", csrf.as_str()), ("role", role)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let html = mayor
        .get(app.url("/bucha/admin/audit"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("змінено з модератора на посадову особу"), "{html}");
    assert!(html.contains("змінено з посадової особи на мешканця"), "{html}");
}
