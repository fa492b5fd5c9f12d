//! Every route, by who may use it. The table below must name every route
//! the routers declare (the first test reads them from the source), so a
//! new route cannot ship without an access rule; the second test walks the
//! table as an anonymous visitor, a citizen and the administrator of another
//! tenant, on both backends.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use std::collections::BTreeSet;

/// Who may use a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account of this tenant.
    SignedIn,
    /// Officials and administrators of this tenant (answers, review).
    Staff,
    /// Administrators of this tenant.
    Admin,
    /// Signed-in accounts of this tenant, and then only the author of the
    /// thing (or staff): a citizen who is not may be refused with 403.
    Owner,
}

use Rule::*;

const ROUTES: &[(&str, &str, Rule)] = &[
    ("GET", "/", Public),
    ("GET", "/language", Public),
    ("GET", "/healthz", Public),
    ("GET", "/readyz", Public),
    ("GET", "/metrics", Public),
    ("GET", "/api/v1/openapi.json", Public),
    ("GET", "/static/{file}", Public),
    ("GET", "/{tenant}", Public),
    ("GET", "/{tenant}/", Public),
    ("GET", "/{tenant}/login", Public),
    ("POST", "/{tenant}/login", Public),
    ("POST", "/{tenant}/logout", SignedIn),
    ("GET", "/{tenant}/register", Public),
    ("POST", "/{tenant}/register", Public),
    ("GET", "/{tenant}/register/sent", Public),
    ("GET", "/{tenant}/confirm", Public),
    ("GET", "/{tenant}/password/forgot", Public),
    ("POST", "/{tenant}/password/forgot", Public),
    ("GET", "/{tenant}/password/sent", Public),
    ("GET", "/{tenant}/password/reset", Public),
    ("POST", "/{tenant}/password/reset", Public),
    ("GET", "/{tenant}/account", SignedIn),
    ("POST", "/{tenant}/account/password", SignedIn),
    ("POST", "/{tenant}/account/sessions/end-others", SignedIn),
    ("POST", "/{tenant}/account/sessions/{session}/end", SignedIn),
    ("POST", "/{tenant}/account/tokens", SignedIn),
    ("POST", "/{tenant}/account/tokens/{token}/revoke", SignedIn),
    ("GET", "/{tenant}/account/export", SignedIn),
    ("POST", "/{tenant}/account/delete", SignedIn),
    ("GET", "/{tenant}/admin/people", Admin),
    ("POST", "/{tenant}/admin/people/{user}/role", Admin),
    ("GET", "/{tenant}/admin/audit", Admin),
    ("GET", "/{tenant}/admin/spaces", Staff),
    ("GET", "/{tenant}/admin/spaces/new", Admin),
    ("POST", "/{tenant}/admin/spaces/new", Admin),
    ("GET", "/{tenant}/admin/spaces/{space}/edit", Admin),
    ("POST", "/{tenant}/admin/spaces/{space}/edit", Admin),
    ("POST", "/{tenant}/admin/spaces/{space}/status", Admin),
    ("POST", "/{tenant}/admin/spaces/{space}/image", Admin),
    ("GET", "/{tenant}/spaces/{space}/image", Public),
    ("GET", "/{tenant}/brand/theme.css", Public),
    ("GET", "/{tenant}/brand/logo", Public),
    ("GET", "/{tenant}/spaces/{space}", Public),
    ("GET", "/{tenant}/ideas/{idea}", Public),
    ("GET", "/{tenant}/spaces/{space}/ideas/new", SignedIn),
    ("POST", "/{tenant}/spaces/{space}/ideas/new", SignedIn),
    ("GET", "/{tenant}/spaces/{space}/ideas/similar", Public),
    ("POST", "/{tenant}/ideas/{idea}/support", SignedIn),
    ("POST", "/{tenant}/ideas/{idea}/comments", SignedIn),
    ("POST", "/{tenant}/ideas/{idea}/answers", Staff),
    ("GET", "/{tenant}/review", Staff),
    ("GET", "/{tenant}/search", Public),
    ("GET", "/{tenant}/ideas/{idea}/edit", Owner),
    ("POST", "/{tenant}/ideas/{idea}/edit", Owner),
    ("POST", "/{tenant}/ideas/{idea}/withdraw", Owner),
    ("POST", "/{tenant}/comments/{comment}/edit", Owner),
    ("POST", "/{tenant}/comments/{comment}/delete", Owner),
    ("POST", "/{tenant}/comments/{comment}/vote", SignedIn),
    ("GET", "/{tenant}/spaces/{space}/ideas.csv", Staff),
    ("GET", "/{tenant}/spaces/{space}/conversations/new", Staff),
    ("POST", "/{tenant}/spaces/{space}/conversations/new", Staff),
    ("GET", "/{tenant}/conversations/{conversation}", Public),
    ("POST", "/{tenant}/conversations/{conversation}/vote", SignedIn),
    ("POST", "/{tenant}/conversations/{conversation}/statements", SignedIn),
    ("GET", "/{tenant}/conversations/{conversation}/results", Public),
    ("GET", "/{tenant}/conversations/{conversation}/moderate", Staff),
    ("POST", "/{tenant}/conversations/{conversation}/status", Staff),
    ("GET", "/{tenant}/conversations/{conversation}/votes.csv", Staff),
    (
        "POST",
        "/{tenant}/conversations/{conversation}/statements/{statement}/moderate",
        Staff,
    ),
    ("POST", "/api/v1/{tenant}/users", Public),
    ("GET", "/api/v1/{tenant}/users", Admin),
    ("PUT", "/api/v1/{tenant}/users/{user}/role", Admin),
    ("GET", "/api/v1/{tenant}/audit", Admin),
    ("POST", "/api/v1/{tenant}/tokens", Public),
    ("GET", "/api/v1/{tenant}/tokens", SignedIn),
    ("DELETE", "/api/v1/{tenant}/tokens/{token}", SignedIn),
    ("GET", "/api/v1/{tenant}/me", SignedIn),
    ("DELETE", "/api/v1/{tenant}/me", SignedIn),
    ("PUT", "/api/v1/{tenant}/me/password", SignedIn),
    ("GET", "/api/v1/{tenant}/me/export", SignedIn),
    ("GET", "/api/v1/{tenant}/me/sessions", SignedIn),
    ("DELETE", "/api/v1/{tenant}/me/sessions", SignedIn),
    ("DELETE", "/api/v1/{tenant}/me/sessions/{session}", SignedIn),
    ("POST", "/api/v1/{tenant}/password-resets", Public),
    ("POST", "/api/v1/{tenant}/password-resets/complete", Public),
    ("GET", "/api/v1/{tenant}/spaces", Public),
    ("POST", "/api/v1/{tenant}/spaces", Admin),
    ("PUT", "/api/v1/{tenant}/spaces/{space}", Admin),
    ("GET", "/api/v1/{tenant}/spaces/{space}/ideas", Public),
    ("GET", "/api/v1/{tenant}/spaces/{space}/ideas/similar", Public),
    ("GET", "/api/v1/{tenant}/ideas/{idea}", Public),
    ("GET", "/api/v1/{tenant}/ideas/{idea}/comments", Public),
    ("POST", "/api/v1/{tenant}/spaces/{space}/ideas", SignedIn),
    ("PUT", "/api/v1/{tenant}/ideas/{idea}/support", SignedIn),
    ("DELETE", "/api/v1/{tenant}/ideas/{idea}/support", SignedIn),
    ("POST", "/api/v1/{tenant}/ideas/{idea}/comments", SignedIn),
    ("POST", "/api/v1/{tenant}/ideas/{idea}/answers", Staff),
    ("GET", "/api/v1/{tenant}/search", Public),
    ("PATCH", "/api/v1/{tenant}/ideas/{idea}", Owner),
    ("POST", "/api/v1/{tenant}/ideas/{idea}/withdrawal", Owner),
    ("PATCH", "/api/v1/{tenant}/comments/{comment}", Owner),
    ("DELETE", "/api/v1/{tenant}/comments/{comment}", Owner),
    ("PUT", "/api/v1/{tenant}/comments/{comment}/vote", SignedIn),
    ("GET", "/api/v1/{tenant}/spaces/{space}/conversations", Public),
    ("POST", "/api/v1/{tenant}/spaces/{space}/conversations", Staff),
    ("GET", "/api/v1/{tenant}/conversations/{conversation}", Public),
    (
        "GET",
        "/api/v1/{tenant}/conversations/{conversation}/statements/next",
        Public,
    ),
    (
        "POST",
        "/api/v1/{tenant}/conversations/{conversation}/statements",
        SignedIn,
    ),
    (
        "POST",
        "/api/v1/{tenant}/conversations/{conversation}/statements/{statement}/moderation",
        Staff,
    ),
    ("POST", "/api/v1/{tenant}/conversations/{conversation}/votes", SignedIn),
    ("PUT", "/api/v1/{tenant}/conversations/{conversation}/status", Staff),
    ("GET", "/api/v1/{tenant}/conversations/{conversation}/results", Public),
    ("GET", "/{tenant}/polls/{poll}", Public),
    ("POST", "/{tenant}/polls/{poll}", SignedIn),
    ("GET", "/{tenant}/polls/{poll}/results", Public),
    ("GET", "/{tenant}/polls/{poll}/export.csv", Staff),
    ("GET", "/{tenant}/spaces/{space}/polls/new", Staff),
    ("POST", "/{tenant}/spaces/{space}/polls/new", Staff),
    ("GET", "/{tenant}/polls/{poll}/edit", Staff),
    ("POST", "/{tenant}/polls/{poll}/edit", Staff),
    ("GET", "/{tenant}/polls/{poll}/preview", Staff),
    ("POST", "/{tenant}/polls/{poll}/publish", Staff),
    ("POST", "/{tenant}/polls/{poll}/duplicate", Staff),
    ("PUT", "/api/v1/{tenant}/polls/{poll}", Staff),
    ("POST", "/api/v1/{tenant}/polls/{poll}/publish", Staff),
    ("POST", "/api/v1/{tenant}/polls/{poll}/duplicate", Staff),
    ("GET", "/api/v1/{tenant}/spaces/{space}/polls", Public),
    ("POST", "/api/v1/{tenant}/spaces/{space}/polls", Staff),
    ("GET", "/api/v1/{tenant}/polls/{poll}", Public),
    ("POST", "/api/v1/{tenant}/polls/{poll}/responses", SignedIn),
    ("GET", "/api/v1/{tenant}/polls/{poll}/results", Public),
    ("POST", "/{tenant}/ideas/{idea}/follow", SignedIn),
    ("POST", "/{tenant}/spaces/{space}/follow", SignedIn),
    ("GET", "/{tenant}/notifications", SignedIn),
    ("POST", "/{tenant}/notifications/read", SignedIn),
    // Another person's notification answers 404 (tests/notifications.rs).
    ("GET", "/{tenant}/notifications/{notification}", SignedIn),
    ("GET", "/{tenant}/account/notifications", SignedIn),
    ("POST", "/{tenant}/account/notifications", SignedIn),
    ("PUT", "/api/v1/{tenant}/ideas/{idea}/follow", SignedIn),
    ("DELETE", "/api/v1/{tenant}/ideas/{idea}/follow", SignedIn),
    ("PUT", "/api/v1/{tenant}/spaces/{space}/follow", SignedIn),
    ("DELETE", "/api/v1/{tenant}/spaces/{space}/follow", SignedIn),
    ("GET", "/api/v1/{tenant}/me/notifications", SignedIn),
    ("POST", "/api/v1/{tenant}/me/notifications/read", SignedIn),
    ("GET", "/api/v1/{tenant}/me/notification-settings", SignedIn),
    ("PUT", "/api/v1/{tenant}/me/notification-settings", SignedIn),
];

/// (method, path) of every `.route(…)` in the router sources.
fn declared_routes() -> BTreeSet<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut found = BTreeSet::new();
    for file in ["html/mod.rs", "api/mod.rs", "ops.rs", "assets.rs"] {
        let source = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        for chunk in source.split(".route(").skip(1) {
            let path = chunk.split('"').nth(1).unwrap().to_string();
            // Method routers are the handlers' wrappers: get(…), .post(…)…
            let handlers = chunk.split_once("\",").map_or("", |(_, rest)| rest);
            for method in ["get", "post", "put", "delete", "patch"] {
                let called = handlers.match_indices(&format!("{method}(")).any(|(at, _)| {
                    at == 0
                        || !handlers.as_bytes()[at - 1].is_ascii_alphanumeric() && handlers.as_bytes()[at - 1] != b'_'
                });
                if called {
                    found.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
    }
    found
}

#[test]
fn every_declared_route_has_an_access_rule() {
    let declared = declared_routes();
    assert!(declared.len() > 30, "the scan found too few routes: {declared:?}");
    let listed: BTreeSet<(String, String)> = ROUTES.iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    let unlisted: Vec<_> = declared.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&declared).collect();
    assert!(
        unlisted.is_empty(),
        "routes without an access rule in tests/access.rs: {unlisted:?}"
    );
    assert!(stale.is_empty(), "rules for routes that do not exist: {stale:?}");
}

both_backends!(each_route_refuses_who_it_must);

const PASSWORD: &str = "correct horse battery staple";

async fn person(app: &TestApp, tenant_slug: &str, email: &str, role: &str) -> i64 {
    civic_app::users::create(
        &app.db,
        &civic_app::users::CreateUser {
            tenant_slug,
            email,
            display_name: Some("Тестова особа"),
            role,
            password: PASSWORD,
        },
    )
    .await
    .unwrap()
    .id
}

/// A fresh session for `email` in `slug`: (client, csrf token). Opened
/// directly, not through the sign-in form, so the walk does not run into
/// the sign-in rate limit.
async fn session(app: &TestApp, slug: &str, email: &str) -> (reqwest::Client, String) {
    let tenant = civic_store::tenants::by_slug(&app.db, slug).await.unwrap().unwrap();
    let user = civic_store::users::Users::of(&app.db, tenant.tenant_id())
        .by_email(&civic_core::Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap();
    let principal = civic_store::sessions::Principal {
        user_id: user.id,
        email: user.email,
        display_name: user.display_name,
        role: user.role,
        csrf_token: String::new(),
        last_seen_at: 0,
    };
    let opened = civic_app::auth::open_session(
        &app.db,
        tenant.tenant_id(),
        principal,
        None,
        &civic_app::auth::SessionPolicy::default(),
    )
    .await
    .unwrap();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::COOKIE,
        format!("civic_session={}", opened.token).parse().unwrap(),
    );
    let c = reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    (c, opened.csrf_token)
}

async fn call(app: &TestApp, who: Option<&(reqwest::Client, String)>, method: &str, path: &str) -> StatusCode {
    let anonymous = client();
    let (c, csrf) = match who {
        Some((c, csrf)) => (c, csrf.as_str()),
        None => (&anonymous, ""),
    };
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let request = c.request(method.clone(), app.url(path)).header("x-csrf-token", csrf);
    let request = if method == Method::GET {
        request
    } else if path.starts_with("/api/") {
        request.json(&serde_json::json!({}))
    } else {
        request.form(&[("csrf", csrf)])
    };
    request.send().await.unwrap().status()
}

async fn each_route_refuses_who_it_must(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    tenant(&app.db, "irpin", None).await;
    let s = space(&app.db, t, "Парк").await;
    let i = idea(&app.db, t, s, "Лавки").await;
    let seeds = ["Більше лавок".to_string()];
    let conversation = civic_store::conversations::Conversations::of(&app.db, t)
        .create(&civic_store::conversations::NewConversation {
            space: s,
            question: "Що робити з площею?",
            description: "",
            moderation: "after",
            seed_statements: &seeds,
        })
        .await
        .unwrap();
    let comment = civic_store::comments::Comments::of(&app.db, t)
        .create(&civic_store::comments::NewComment {
            idea: i,
            parent: None,
            author: None,
            body: "Коментар",
            alignment: "neutral",
            created_at: civic_core::Timestamp::now(),
        })
        .await
        .unwrap();
    let questions = r#"[{"id":1,"kind":"single_choice","text":"Так чи ні?","required":true,"options":["Так","Ні"]}]"#;
    let poll = civic_store::polls::Polls::of(&app.db, t)
        .create(&civic_store::polls::NewPoll {
            space: s,
            title: "Опитування",
            intro: "",
            opens_at: None,
            closes_at: None,
            results_visibility: "live",
            allow_changes: false,
            questions_json: questions,
            status: "published",
            eligibility: "signed_in",
            districts: "",
            anonymous: true,
        })
        .await
        .unwrap();
    person(&app, "bucha", "admin@example.org", "admin").await;
    let citizen_id = person(&app, "bucha", "olena@example.org", "citizen").await;
    person(&app, "irpin", "admin@irpin.example.org", "admin").await;
    let stranger = session(&app, "irpin", "admin@irpin.example.org").await;

    for (method, template, rule) in ROUTES {
        let path = template
            .replace("{tenant}", "bucha")
            .replace("{space}", &s.0.to_string())
            .replace("{idea}", &i.0.to_string())
            .replace("{user}", &citizen_id.to_string())
            .replace("{conversation}", &conversation.to_string())
            .replace("{comment}", &comment.0.to_string())
            .replace("{poll}", &poll.to_string())
            .replace("{statement}", "1")
            .replace("{notification}", "1")
            .replace("{session}", "1")
            .replace("{token}", "1")
            .replace("{file}", "app.css");
        let what = format!("{method} {path}");
        let anonymous = call(&app, None, method, &path).await;
        // A fresh citizen session per call: some calls end sessions.
        let citizen = session(&app, "bucha", "olena@example.org").await;
        let as_citizen = call(&app, Some(&citizen), method, &path).await;
        let as_stranger = call(&app, Some(&stranger), method, &path).await;
        for status in [anonymous, as_citizen, as_stranger] {
            assert!(!status.is_server_error(), "{what} answered {status}");
        }
        let refused = |s: StatusCode| s == StatusCode::UNAUTHORIZED || s == StatusCode::FORBIDDEN;
        match rule {
            Public => {
                for status in [anonymous, as_citizen, as_stranger] {
                    assert!(!refused(status), "{what} is public but answered {status}");
                }
            }
            SignedIn => {
                assert_eq!(anonymous, StatusCode::UNAUTHORIZED, "{what} anonymous");
                assert_eq!(
                    as_stranger,
                    StatusCode::UNAUTHORIZED,
                    "{what} as another tenant's admin"
                );
                assert!(!refused(as_citizen), "{what} as a citizen answered {as_citizen}");
            }
            Owner => {
                assert_eq!(anonymous, StatusCode::UNAUTHORIZED, "{what} anonymous");
                assert_eq!(
                    as_stranger,
                    StatusCode::UNAUTHORIZED,
                    "{what} as another tenant's admin"
                );
                assert_ne!(as_citizen, StatusCode::UNAUTHORIZED, "{what} as a citizen");
            }
            Staff | Admin => {
                assert_eq!(anonymous, StatusCode::UNAUTHORIZED, "{what} anonymous");
                assert_eq!(
                    as_stranger,
                    StatusCode::UNAUTHORIZED,
                    "{what} as another tenant's admin"
                );
                assert_eq!(as_citizen, StatusCode::FORBIDDEN, "{what} as a citizen");
            }
        }
    }
    // The citizen is still a citizen: nothing above escalated anything.
    let (c, _) = session(&app, "bucha", "olena@example.org").await;
    let me: serde_json::Value = c
        .get(app.url("/api/v1/bucha/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["roles"], serde_json::json!(["citizen"]));
}
