//! The database goes away while the server runs: pages answer 503 with a
//! readable page and a request id, `/readyz` says so, and everything
//! recovers by itself when the database returns. PostgreSQL is reached
//! through a TCP proxy the test can cut, so the real server stays up for
//! the other tests.

mod common;

use civic_store::testing::TestDb;
use civic_store::{Db, StoreConfig};
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
}

impl Proxy {
    async fn start(upstream: String) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let cut = Arc::new(AtomicBool::new(false));
        let links: Arc<Mutex<Vec<AbortHandle>>> = Arc::default();
        let (cut2, links2) = (cut.clone(), links.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if cut2.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let upstream = upstream.clone();
                let task = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                links2.lock().unwrap().push(task.abort_handle());
            }
        });
        Proxy { addr, cut, links }
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_loss_answers_503_and_recovers_without_restart() {
    let Some(pg) = TestDb::postgres().await else {
        return;
    };
    tenant(&pg.db, "bucha", None).await;
    let (_, upstream) = through(&pg.url, "127.0.0.1:1".parse().unwrap());
    let proxy = Proxy::start(upstream).await;
    let (proxied_url, _) = through(&pg.url, proxy.addr);
    let db = Db::connect(&StoreConfig {
        url: proxied_url,
        max_connections: 4,
        acquire_timeout: Duration::from_secs(2),
    })
    .await
    .unwrap();
    let app = TestApp::start_on(
        db,
        WebConfig {
            request_timeout: Duration::from_secs(10),
            ..WebConfig::default()
        },
    )
    .await;
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
    let mut recovered = false;
    for _ in 0..50 {
        if get("/readyz").await.unwrap().status() == StatusCode::OK {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(recovered, "readiness comes back by itself");
    assert_eq!(get("/bucha/").await.unwrap().status(), StatusCode::OK);
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
