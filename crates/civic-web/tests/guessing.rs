//! Password guessing and the accounts it targets (security review, issue
//! 16): a parallel burst gets no more verdicts than a patient guesser, the
//! owner is never locked out from a new address, re-entering the password
//! while signed in counts too, a handed-out password must be changed first,
//! and two administrators cannot both step down at once. On both backends,
//! behind a trusted proxy so each request can name its client address.

mod common;

use civic_testkit::testing::{TestDb, query_i64};
use civic_web::WebConfig;
use common::world::*;
use common::*;
use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery staple";

fn behind_proxy() -> WebConfig {
    WebConfig {
        trust_proxy: true,
        ..WebConfig::default()
    }
}

macro_rules! behind_a_proxy_on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let db = super::TestDb::sqlite().await;
                super::$name(super::TestApp::start_with(db, super::behind_proxy()).await).await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let Some(db) = super::TestDb::postgres().await else { return };
                super::$name(super::TestApp::start_with(db, super::behind_proxy()).await).await;
            })*
        }
    };
}

behind_a_proxy_on_both_backends!(
    a_parallel_burst_gets_no_more_verdicts_and_the_owner_still_signs_in,
    many_addresses_share_one_allowance_and_the_owners_address_is_not_held_back,
    the_token_endpoint_counts_the_same_guesses,
    re_entering_the_password_while_signed_in_is_throttled,
    a_handed_out_password_must_be_changed_first,
    two_administrators_cannot_both_step_down_at_once,
    forms_from_another_site_are_refused_by_referer_too,
);

/// The allowance of one address on one account, per hour
/// (`civic_app::limits::password_guesses::PER_ADDRESS`).
const PER_ADDRESS: usize = civic_app::limits::password_guesses::PER_ADDRESS as usize;

fn login(app: &TestApp, from: &str, email: &str, password: &str) -> reqwest::RequestBuilder {
    client()
        .post(app.url("/bucha/login"))
        .header("x-forwarded-for", from)
        .form(&[("email", email), ("password", password)])
}

async fn a_parallel_burst_gets_no_more_verdicts_and_the_owner_still_signs_in(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "admin@example.org", "admin").await;
    let burst: Vec<_> = (0..100)
        .map(|i| login(&app, "203.0.113.7", "admin@example.org", &format!("wrong guess {i:03}")).send())
        .collect();
    let answers: Vec<_> = join_all(burst).await.into_iter().map(Result::unwrap).collect();
    let verdicts = answers
        .iter()
        .filter(|r| r.status() == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let refused: Vec<_> = answers
        .iter()
        .filter(|r| r.status() == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert!(verdicts <= PER_ADDRESS, "{verdicts} passwords were checked");
    assert_eq!(verdicts + refused.len(), 100, "nothing else was answered");
    assert!(
        refused.iter().all(|r| r.headers().contains_key("retry-after")),
        "every refusal says when to come back"
    );
    // The attacker's address stays refused, even with the right password.
    let again = login(&app, "203.0.113.7", "admin@example.org", PASSWORD)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    // The owner, from another address, signs in at once.
    let owner = login(&app, "198.51.100.20", "admin@example.org", PASSWORD)
        .send()
        .await
        .unwrap();
    assert_eq!(owner.status(), StatusCode::SEE_OTHER);
}

async fn many_addresses_share_one_allowance_and_the_owners_address_is_not_held_back(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "admin@example.org", "admin").await;
    // The owner signed in from home before.
    let home = login(&app, "198.51.100.30", "admin@example.org", PASSWORD)
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), StatusCode::SEE_OTHER);
    // A botnet: 60 addresses, one guess each, all at once; then the same
    // from 60 addresses of one IPv6 /64.
    let from_v4 = (0..60).map(|i| format!("10.9.{}.{}", i / 200, i % 200 + 1));
    let from_v6 = (0..60).map(|i| format!("2001:db8:7:7::{:x}", i + 1));
    let burst: Vec<_> = from_v4
        .chain(from_v6)
        .enumerate()
        .map(|(i, from)| login(&app, &from, "admin@example.org", &format!("wrong guess {i:03}")).send())
        .collect();
    let statuses: Vec<_> = join_all(burst).await.into_iter().map(|r| r.unwrap().status()).collect();
    let verdicts = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let allowance = civic_app::limits::password_guesses::FROM_NEW_ADDRESSES as usize;
    assert!(verdicts <= allowance, "{verdicts} passwords were checked");
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(),
        120 - verdicts
    );
    // The owner's own address is not held back; a new one waits minutes.
    let owner = login(&app, "198.51.100.30", "admin@example.org", PASSWORD)
        .send()
        .await
        .unwrap();
    assert_eq!(owner.status(), StatusCode::SEE_OTHER);
    let new = login(&app, "192.0.2.44", "admin@example.org", PASSWORD)
        .send()
        .await
        .unwrap();
    assert_eq!(new.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = new.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=300).contains(&wait), "{wait}");
}

async fn the_token_endpoint_counts_the_same_guesses(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "olena@example.org", "citizen").await;
    let token = |from: &'static str, password: String| {
        client()
            .post(app.url("/api/v1/bucha/tokens"))
            .header("x-forwarded-for", from)
            .json(&json!({"email": "olena@example.org", "password": password, "name": "script"}))
            .send()
    };
    let burst: Vec<_> = (0..40)
        .map(|i| token("203.0.113.8", format!("wrong guess {i:03}")))
        .collect();
    let statuses: Vec<_> = join_all(burst).await.into_iter().map(|r| r.unwrap().status()).collect();
    let verdicts = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    assert!(verdicts <= PER_ADDRESS, "{statuses:?}");
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(),
        40 - verdicts
    );
    // Signing in from that address counts against the same allowance.
    let signin = login(&app, "203.0.113.8", "olena@example.org", PASSWORD)
        .send()
        .await
        .unwrap();
    assert_eq!(signin.status(), StatusCode::TOO_MANY_REQUESTS);
    let owner = token("198.51.100.21", PASSWORD.to_string()).await.unwrap();
    assert_eq!(owner.status(), StatusCode::CREATED);
}

async fn re_entering_the_password_while_signed_in_is_throttled(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "olena@example.org", "citizen").await;
    // A stolen session guesses the current password through the API.
    let (stolen, csrf) = session(&app, "bucha", "olena@example.org").await;
    let mut statuses = Vec::new();
    for i in 0..(PER_ADDRESS + 3) {
        let r = stolen
            .put(app.url("/api/v1/bucha/me/password"))
            .header("x-csrf-token", &csrf)
            .header("x-forwarded-for", "203.0.113.9")
            .json(&json!({"current_password": format!("wrong guess {i:03}"), "new_password": "a brand new passphrase"}))
            .send()
            .await
            .unwrap();
        statuses.push(r.status());
    }
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
    assert!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
            .count()
            <= PER_ADDRESS,
        "{statuses:?}"
    );
    // Deleting the account asks for the password too, and is refused alike.
    let delete = stolen
        .delete(app.url("/api/v1/bucha/me"))
        .header("x-csrf-token", &csrf)
        .header("x-forwarded-for", "203.0.113.9")
        .json(&json!({"password": PASSWORD, "contributions": "keep"}))
        .send()
        .await
        .unwrap();
    assert_eq!(delete.status(), StatusCode::TOO_MANY_REQUESTS);
    // The password is unchanged: the owner signs in with it elsewhere.
    let owner = login(&app, "198.51.100.22", "olena@example.org", PASSWORD)
        .send()
        .await
        .unwrap();
    assert_eq!(owner.status(), StatusCode::SEE_OTHER);
}

async fn a_handed_out_password_must_be_changed_first(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let id = person(&app, "bucha", "admin@example.org", "admin").await;
    civic_testkit::users::Users::of(&app.db, t)
        .require_password_change(civic_core::UserId(id))
        .await
        .unwrap();
    // No token can be made with it.
    let token = client()
        .post(app.url("/api/v1/bucha/tokens"))
        .json(&json!({"email": "admin@example.org", "password": PASSWORD, "name": "script"}))
        .send()
        .await
        .unwrap();
    assert_eq!(token.status(), StatusCode::FORBIDDEN);
    let body: Value = token.json().await.unwrap();
    assert_eq!(body["error"]["code"], "forbidden");

    let browser = client();
    let signed_in = browser
        .post(app.url("/bucha/login"))
        .form(&[("email", "admin@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    // Every page leads to the password form, which says why.
    let admin = browser.get(app.url("/bucha/admin/people")).send().await.unwrap();
    assert_eq!(admin.status(), StatusCode::SEE_OTHER);
    let to = admin.headers()["location"].to_str().unwrap().to_string();
    assert!(to.starts_with("/bucha/account?done=choose-password"), "{to}");
    let account = browser.get(app.url(&to)).send().await.unwrap();
    assert_eq!(account.status(), StatusCode::OK);
    let html = account.text().await.unwrap();
    assert!(html.contains("Спершу оберіть власний пароль"), "{html}");
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    // Other writes are refused with the reason.
    let api = browser.get(app.url("/api/v1/bucha/users")).send().await.unwrap();
    assert_eq!(api.status(), StatusCode::FORBIDDEN);
    let body: Value = api.json().await.unwrap();
    assert!(
        body["error"]["message"].as_str().unwrap().contains("password"),
        "{body}"
    );
    // Choosing a new password lifts it.
    let changed = browser
        .post(app.url("/bucha/account/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", "my very own passphrase"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    let admin = browser.get(app.url("/bucha/admin/people")).send().await.unwrap();
    assert_eq!(admin.status(), StatusCode::OK);
}

async fn two_administrators_cannot_both_step_down_at_once(app: TestApp) {
    // Each round a town with two administrators, each demoting the other at
    // the same instant. One may win; never both.
    for round in 0..8 {
        let slug = format!("town{round}");
        let t = tenant(&app.db, &slug, None).await.tenant_id();
        let a_id = person(&app, &slug, "a@example.org", "admin").await;
        let b_id = person(&app, &slug, "b@example.org", "admin").await;
        let (a, a_csrf) = session(&app, &slug, "a@example.org").await;
        let (b, b_csrf) = session(&app, &slug, "b@example.org").await;
        let demote = |who: &reqwest::Client, csrf: &str, target: i64| {
            who.post(app.url(&format!("/{slug}/admin/people/{target}/role")))
                .form(&[("csrf", csrf), ("role", "citizen")])
                .send()
        };
        let (x, y) = tokio::join!(demote(&a, &a_csrf, b_id), demote(&b, &b_csrf, a_id));
        let statuses = [x.unwrap().status(), y.unwrap().status()];
        let admins = query_i64(
            &app.db,
            &format!(
                "SELECT COUNT(*) FROM users WHERE tenant_id = {} AND role = 'admin'",
                t.0
            ),
        )
        .await;
        assert_eq!(admins, 1, "round {round}: {statuses:?}");
        // The loser is refused: as the last administrator (409), or, when
        // the winner's change came first, as no administrator any more (403).
        assert_eq!(
            statuses.iter().filter(|s| **s == StatusCode::SEE_OTHER).count(),
            1,
            "round {round}: {statuses:?}"
        );
        assert!(
            statuses
                .iter()
                .any(|s| [StatusCode::CONFLICT, StatusCode::FORBIDDEN].contains(s)),
            "round {round}: {statuses:?}"
        );
    }
}

async fn forms_from_another_site_are_refused_by_referer_too(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "olena@example.org", "citizen").await;
    let host = app.base.trim_start_matches("http://").to_string();
    let post = |origin: Option<&str>, referer: Option<&str>| {
        let mut r = client()
            .post(app.url("/bucha/login"))
            .form(&[("email", "olena@example.org"), ("password", PASSWORD)]);
        if let Some(o) = origin {
            r = r.header("origin", o);
        }
        if let Some(f) = referer {
            r = r.header("referer", f);
        }
        r.send()
    };
    let status = |r: reqwest::Response| r.status();
    // A browser that sends no Origin is judged by its Referer.
    assert_eq!(
        status(post(None, Some("https://evil.example/page")).await.unwrap()),
        StatusCode::FORBIDDEN
    );
    assert_eq!(status(post(Some("null"), None).await.unwrap()), StatusCode::FORBIDDEN);
    assert_eq!(
        status(
            post(
                Some("https://evil.example"),
                Some(&format!("http://{host}/bucha/login"))
            )
            .await
            .unwrap()
        ),
        StatusCode::FORBIDDEN,
        "Origin decides when it is there"
    );
    assert_eq!(
        status(
            post(None, Some(&format!("http://{host}/bucha/login?next=/bucha/")))
                .await
                .unwrap()
        ),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        status(post(Some(&format!("http://{host}")), None).await.unwrap()),
        StatusCode::SEE_OTHER
    );
}
