//! The OpenAPI document is generated from the handlers; this test locks it
//! in `docs/api/openapi.json` and checks it describes every API route.
//! After an intended change: `CIVIC_UPDATE_OPENAPI=1 cargo test -p civic-web --test openapi`.

mod common;

use civic_web::api::openapi::ApiDoc;
use utoipa::OpenApi;

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/api/openapi.json");

#[test]
fn the_document_matches_the_snapshot() {
    let generated = ApiDoc::openapi().to_pretty_json().unwrap() + "\n";
    if std::env::var_os("CIVIC_UPDATE_OPENAPI").is_some() {
        std::fs::write(SNAPSHOT, &generated).unwrap();
    }
    let stored = std::fs::read_to_string(SNAPSHOT).unwrap_or_default();
    assert!(
        stored == generated,
        "the API document changed; review the difference and run with CIVIC_UPDATE_OPENAPI=1 to accept it"
    );
}

#[test]
fn every_api_route_is_documented() {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let routes = common::routes::routes_in_sources(concat!(env!("CARGO_MANIFEST_DIR"), "/src/api"));
    assert!(routes.len() > 30, "the scan found too few API routes: {routes:?}");
    let missing: Vec<String> = routes
        .iter()
        .filter(|(_, path)| path != "/api/v1/openapi.json")
        .filter(|(method, path)| doc["paths"][path][method.to_lowercase()].is_null())
        .map(|(method, path)| format!("{method} {path}"))
        .collect();
    assert!(
        missing.is_empty(),
        "routes missing from the OpenAPI document: {missing:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_is_served_on_every_host() {
    let db = civic_testkit::testing::TestDb::sqlite().await;
    let app = common::TestApp::start(db).await;
    common::tenant(&app.db, "bucha", Some("bucha.example.org")).await;
    for host in ["127.0.0.1", "bucha.example.org"] {
        let r = app
            .client
            .get(app.url("/api/v1/openapi.json"))
            .header("host", host)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{host}");
        let doc: serde_json::Value = r.json().await.unwrap();
        assert_eq!(doc["info"]["title"], "Civic Space API");
        assert!(doc["paths"]["/api/v1/{tenant}/ideas/{idea}/support"]["put"].is_object());
    }
}

/// Schemas are named by their Rust type alone: two request types of the
/// same name in different modules would silently become one schema (a
/// budget project's `Location` once replaced the idea's).
#[test]
fn no_two_schemas_share_a_name() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/api");
    let mut seen = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        let mut lines = source.lines();
        while let Some(line) = lines.next() {
            if !line.contains("ToSchema") {
                continue;
            }
            let Some(name) = lines
                .by_ref()
                .find_map(|l| {
                    l.trim()
                        .strip_prefix("pub struct ")
                        .or_else(|| l.trim().strip_prefix("pub enum "))
                })
                .and_then(|rest| rest.split([' ', '{', '(', '<']).next())
            else {
                continue;
            };
            if let Some(other) = seen.insert(name.to_string(), path.clone()) {
                panic!(
                    "schema {name} is declared in {} and {}",
                    other.display(),
                    path.display()
                );
            }
        }
    }
    assert!(seen.len() > 10, "the scan found too few schemas: {seen:?}");
}
