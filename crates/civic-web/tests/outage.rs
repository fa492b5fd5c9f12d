//! The database goes away while the server runs: pages answer 503 with a
//! readable page and a request id, `/readyz` says so, and everything
//! recovers by itself when the database returns. PostgreSQL is reached
//! through a TCP proxy the test can cut, so the real server stays up for
//! the other tests.

mod common;

use civic_testkit::testing::TestDb;
use civic_testkit::{Db, StoreConfig};
use civic_web::WebConfig;
use common::*;
use reqwest::StatusCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::AbortHandle;

struct Proxy {
    addr: std::net::SocketAddr,
    cut: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<AbortHandle>>>,
    /// True: the database hangs (connections stay open, nothing answers).
    stall: tokio::sync::watch::Sender<bool>,
}

impl Proxy {
    async fn start(upstream: String) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let cut = Arc::new(AtomicBool::new(false));
        let links: Arc<Mutex<Vec<AbortHandle>>> = Arc::default();
        let (cut2, links2) = (cut.clone(), links.clone());
        let (stall, stalled) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if cut2.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let upstream = upstream.clone();
                let mut stalled = stalled.clone();
                let task = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(upstream).await {
                        tokio::select! {
                            _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                            // Both ends stay open and silent.
                            _ = async { drop(stalled.wait_for(|s| *s).await) } => std::future::pending::<()>().await,
                        }
                    }
                });
                links2.lock().unwrap().push(task.abort_handle());
            }
        });
        Proxy {
            addr,
            cut,
            links,
            stall,
        }
    }

    /// The database "goes away": open connections drop, new ones are refused.
    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

/// `postgres://user@host:port/db?q` with host:port replaced.
fn through(url: &str, addr: std::net::SocketAddr) -> (String, String) {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (userinfo, hostpath) = match rest.rsplit_once('@') {
        Some((u, h)) => (format!("{u}@"), h),
        None => (String::new(), rest),
    };
    let split = hostpath.find(['/', '?']).unwrap_or(hostpath.len());
    let (host, tail) = hostpath.split_at(split);
    let upstream = if host.contains(':') {
        host.to_string()
    } else {
        format!("{host}:5432")
    };
    (format!("{scheme}://{userinfo}{addr}{tail}"), upstream)
}

/// The app on a tenant "bucha" of `pg`, reached through a proxy the test
/// can cut or stall.
async fn proxied_app(pg: &TestDb, acquire_timeout: Duration, request_timeout: Duration) -> (Proxy, TestApp) {
    tenant(&pg.db, "bucha", None).await;
    let (_, upstream) = through(&pg.url, "127.0.0.1:1".parse().unwrap());
    let proxy = Proxy::start(upstream).await;
    let (proxied_url, _) = through(&pg.url, proxy.addr);
    let db = Db::connect(&StoreConfig {
        url: proxied_url,
        max_connections: 4,
        acquire_timeout,
        read_urls: Vec::new(),
        clusters: Vec::new(),
        nodes: None,
        statement_timeout: None,
    })
    .await
    .unwrap();
    let config = WebConfig {
        request_timeout,
        ..WebConfig::default()
    };
    (proxy, TestApp::start_on(db, config).await)
}

/// Waits for `/readyz` to answer 200 again; false after ten seconds.
async fn recovers(guard: &reqwest::Client, app: &TestApp) -> bool {
    for _ in 0..50 {
        if guard.get(app.url("/readyz")).send().await.unwrap().status() == StatusCode::OK {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_loss_answers_503_and_recovers_without_restart() {
    let Some(pg) = TestDb::postgres().await else {
        return;
    };
    let (proxy, app) = proxied_app(&pg, Duration::from_secs(2), Duration::from_secs(10)).await;
    let guard = reqwest::Client::builder()
        .timeout(Duration::from_secs(15))
        .build()
        .unwrap();
    let get = |path: &str| guard.get(app.url(path)).send();

    assert_eq!(get("/bucha/").await.unwrap().status(), StatusCode::OK);
    assert_eq!(get("/readyz").await.unwrap().status(), StatusCode::OK);

    proxy.cut();
    let ready = get("/readyz").await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let page = get("/bucha/").await.unwrap();
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.headers()["retry-after"], "5", "tells clients when to try again");
    let request_id = page.headers()["x-request-id"].to_str().unwrap().to_string();
    let body = page.text().await.unwrap();
    assert!(body.contains("<h1>Сервіс тимчасово недоступний</h1>"), "{body}");
    assert!(body.contains(&request_id), "the page shows the request id");
    let api = get("/api/v1/bucha/spaces").await.unwrap();
    assert_eq!(api.status(), StatusCode::SERVICE_UNAVAILABLE);
    let json: serde_json::Value = api.json().await.unwrap();
    assert_eq!(json["error"]["code"], "service_unavailable");
    assert_eq!(
        get("/healthz").await.unwrap().status(),
        StatusCode::OK,
        "the process itself is fine"
    );

    proxy.restore();
    assert!(recovers(&guard, &app).await, "readiness comes back by itself");
    assert_eq!(get("/bucha/").await.unwrap().status(), StatusCode::OK);
}

/// A database that hangs instead of refusing (a network partition, a
/// server stopped with SIGSTOP): no request waits past the request
/// timeout; each answers 503 in time, and service resumes after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_database_answers_503_within_the_request_timeout() {
    let Some(pg) = TestDb::postgres().await else {
        return;
    };
    let (proxy, app) = proxied_app(&pg, Duration::from_secs(30), Duration::from_secs(2)).await;
    // The client gives up well after the server's timeout: a hang shows
    // as a client error here, not as a slow test.
    let guard = reqwest::Client::builder()
        .timeout(Duration::from_secs(12))
        .build()
        .unwrap();
    assert_eq!(
        guard.get(app.url("/bucha/")).send().await.unwrap().status(),
        StatusCode::OK
    );

    proxy.stall.send_replace(true);
    let paths = [
        "/bucha/",
        "/readyz",
        "/api/v1/bucha/spaces",
        "/api/v1/bucha/search?q=xy",
    ];
    let requests = paths.iter().map(|p| guard.get(app.url(p)).send());
    for (path, answer) in paths.iter().zip(futures_util::future::join_all(requests).await) {
        let answer = answer.unwrap_or_else(|e| panic!("GET {path} hung past the request timeout: {e}"));
        assert_eq!(answer.status(), StatusCode::SERVICE_UNAVAILABLE, "GET {path}");
    }
    let posted = guard
        .post(app.url("/api/v1/bucha/users"))
        .json(&serde_json::json!({"email": "a@example.org", "password": "correct horse battery", "display_name": "A"}))
        .send()
        .await
        .expect("a write hung past the request timeout");
    assert_eq!(posted.status(), StatusCode::SERVICE_UNAVAILABLE);

    // The hung connections are dropped; new ones reach the database again.
    proxy.stall.send_replace(false);
    proxy.cut();
    proxy.restore();
    assert!(recovers(&guard, &app).await, "readiness comes back by itself");
}

#[test]
fn proxy_urls() {
    let addr = "127.0.0.1:6000".parse().unwrap();
    assert_eq!(
        through("postgres://postgres@127.0.0.1:5432/civic_t_1", addr),
        (
            "postgres://postgres@127.0.0.1:6000/civic_t_1".to_string(),
            "127.0.0.1:5432".to_string()
        )
    );
    assert_eq!(
        through("postgres://u:p@db/x?sslmode=disable", addr).0,
        "postgres://u:p@127.0.0.1:6000/x?sslmode=disable"
    );
}
