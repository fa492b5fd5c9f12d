//! The app started on port 0 against a test database, and a client that
//! keeps cookies.

#![allow(dead_code)]

use civic_core::*;
use civic_testkit::Db;
use civic_testkit::ideas::{Ideas, NewIdea};
use civic_testkit::spaces::{NewSpace, Spaces};
use civic_testkit::tenants::{self, NewTenant, TenantRecord};
use civic_testkit::testing::TestDb;
use civic_web::{AppState, WebConfig};

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: Db,
    /// The same database as the use cases take it.
    pub platform: civic_app::Platform,
    /// The app's state (page views counted in memory are flushed from it).
    pub state: AppState,
    _test_db: Option<TestDb>,
}

impl TestApp {
    pub async fn start(test_db: TestDb) -> TestApp {
        Self::start_with(test_db, WebConfig::default()).await
    }

    /// The app with other settings, keeping the test database alive.
    pub async fn start_with(test_db: TestDb, config: WebConfig) -> TestApp {
        let db = test_db.db.clone();
        let mut app = Self::start_on(db, config).await;
        app._test_db = Some(test_db);
        app
    }

    pub async fn start_on(db: Db, config: WebConfig) -> TestApp {
        Self::serve(AppState::new(civic_app::Platform::new(db.clone()), config), db).await
    }

    /// A node as `serve` runs it on PostgreSQL: it also sends and hears the
    /// other nodes' signals (`civic_web::node_signals`), until the test ends.
    pub async fn start_node(db: Db, config: WebConfig) -> TestApp {
        let state = AppState::new(civic_app::Platform::new(db.clone()), config);
        let (stop, stopped) = tokio::sync::watch::channel(false);
        // Never sent: the runtime ends with the test.
        std::mem::forget(stop);
        tokio::spawn(civic_web::node_signals::run(state.clone(), stopped));
        Self::serve(state, db).await
    }

    async fn serve(state: AppState, db: Db) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = civic_web::app(state.clone());
        tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await
            .unwrap();
        });
        TestApp {
            base: format!("http://{addr}"),
            client: client(),
            platform: civic_app::Platform::new(db.clone()),
            state,
            db,
            _test_db: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn tenant(db: &Db, slug: &str, host: Option<&str>) -> TenantRecord {
    tenants::create(
        db,
        &NewTenant {
            slug: TenantSlug::parse(slug).unwrap(),
            name: TenantName::parse(&format!("Громада {slug}")).unwrap(),
            default_locale: Locale::Uk,
            host: host.map(|h| HostName::parse(h).unwrap()),
        },
    )
    .await
    .unwrap()
}

pub async fn space(db: &Db, t: TenantId, title: &str) -> SpaceId {
    Spaces::of(db, t)
        .create(&NewSpace {
            title,
            description: "Опис простору",
            status: "published",
            support_threshold: 5,
            starts_at: None,
            ends_at: None,
        })
        .await
        .unwrap()
}

pub async fn idea(db: &Db, t: TenantId, s: SpaceId, title: &str) -> IdeaId {
    Ideas::of(db, t)
        .create(&NewIdea {
            space: s,
            author: None,
            title,
            body: "Текст **ідеї**",
            status: "published",
            category: None,
            district: None,
            location: None,
            created_at: Timestamp::now(),
        })
        .await
        .unwrap()
}

/// Mail waiting in the outbox: (recipient, subject, first link), taken as
/// the worker would take it.
pub async fn outbox_links(app: &TestApp) -> Vec<(String, String, String)> {
    let db = app.db.clone();
    let messages = civic_testkit::mail::claim(&db, civic_core::Timestamp(i64::MAX / 2), 1, 100)
        .await
        .unwrap();
    messages
        .into_iter()
        .map(|m| {
            let link = m
                .body_text
                .split_whitespace()
                .find(|w| w.starts_with("http"))
                .unwrap()
                .to_string();
            (m.recipient, m.subject, link)
        })
        .collect()
}

/// Runs a test body against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let db = civic_testkit::testing::TestDb::sqlite().await;
                super::$name($crate::common::TestApp::start(db).await).await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let Some(db) = civic_testkit::testing::TestDb::postgres().await else { return };
                super::$name($crate::common::TestApp::start(db).await).await;
            })*
        }
    };
}

/// Calls the API as a signed-in person (a client with its session cookie
/// and its CSRF token); a JSON body unless GET or DELETE. The status and
/// the body (`Null` when it is not JSON).
pub async fn send(
    app: &TestApp,
    who: &(reqwest::Client, String),
    method: &str,
    path: &str,
    body: serde_json::Value,
) -> (reqwest::StatusCode, serde_json::Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = who
        .0
        .request(method.clone(), app.url(path))
        .header("x-csrf-token", &who.1);
    if method != reqwest::Method::GET && method != reqwest::Method::DELETE {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
}

/// A signed-out GET of a JSON path: the status and the body.
pub async fn get_json(app: &TestApp, path: &str) -> (reqwest::StatusCode, serde_json::Value) {
    let response = app.get(path).await;
    let status = response.status();
    (status, response.json().await.unwrap_or(serde_json::Value::Null))
}

/// Tenant `bucha` with one published space, an official (the clerk) and
/// two residents, each signed in: (client, CSRF token).
pub struct Town {
    pub space: i64,
    pub clerk: (reqwest::Client, String),
    pub olena: (reqwest::Client, String),
    pub petro: (reqwest::Client, String),
}

pub async fn town(app: &TestApp, space_title: &str) -> Town {
    use world::{person, session};
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let space = space(&app.db, t, space_title).await.0;
    person(app, "bucha", "clerk@example.org", "official").await;
    person(app, "bucha", "olena@example.org", "citizen").await;
    person(app, "bucha", "petro@example.org", "citizen").await;
    Town {
        space,
        clerk: session(app, "bucha", "clerk@example.org").await,
        olena: session(app, "bucha", "olena@example.org").await,
        petro: session(app, "bucha", "petro@example.org").await,
    }
}

pub mod routes;
pub mod world;

/// A form posted as a signed-in person (with the session's CSRF token):
/// the status and the body.
pub async fn post_form(
    app: &TestApp,
    who: &(reqwest::Client, String),
    path: &str,
    fields: &[(&str, &str)],
) -> (reqwest::StatusCode, String) {
    let mut form: Vec<(&str, &str)> = vec![("csrf", who.1.as_str())];
    form.extend_from_slice(fields);
    let response = who.0.post(app.url(path)).form(&form).send().await.unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}

/// A page as a signed-in person sees it: the status and the body.
pub async fn html(app: &TestApp, who: &(reqwest::Client, String), path: &str) -> (reqwest::StatusCode, String) {
    let response = who.0.get(app.url(path)).send().await.unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}
