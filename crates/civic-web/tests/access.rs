//! Every route, by who may use it. The table in `common/routes.rs` must name
//! every route the routers declare (the first test reads them from the
//! source), so a
//! new route cannot ship without an access rule; the second test walks the
//! table as an anonymous visitor, a citizen and the administrator of another
//! tenant, on both backends.

mod common;

use common::routes::*;
use common::world::*;
use common::*;
use reqwest::{Method, StatusCode};
use std::collections::BTreeSet;

#[test]
fn every_declared_route_has_an_access_rule() {
    let declared = declared_routes();
    assert!(declared.len() > 30, "the scan found too few routes: {declared:?}");
    let listed: BTreeSet<(String, String)> = ROUTES.iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    let unlisted: Vec<_> = declared.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&declared).collect();
    assert!(
        unlisted.is_empty(),
        "routes without an access rule in tests/common/routes.rs: {unlisted:?}"
    );
    assert!(stale.is_empty(), "rules for routes that do not exist: {stale:?}");
}

both_backends!(each_route_refuses_who_it_must);

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
    let w = World::build(&app, "bucha").await;
    tenant(&app.db, "irpin", None).await;
    person(&app, "irpin", "admin@irpin.example.org", "admin").await;
    let stranger = session(&app, "irpin", "admin@irpin.example.org").await;

    for (method, template, rule) in ROUTES {
        let path = w.fill(template, (1, 1));
        let what = format!("{method} {path}");
        let anonymous = call(&app, None, method, &path).await;
        // A fresh citizen session per call: some calls end sessions.
        let citizen = session(&app, "bucha", &w.citizen_email).await;
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
    let (c, _) = session(&app, "bucha", &w.citizen_email).await;
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
