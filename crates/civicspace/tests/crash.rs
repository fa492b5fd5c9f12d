//! The real binary killed with SIGKILL in the middle of a burst of writes,
//! then started again on the same database: every write that was answered
//! 2xx is there, and nothing is half-written (counters equal their rows,
//! every reply's parent exists). SQLite file and PostgreSQL.

use civic_core::TenantId;
use civic_store::testing::{TestDb, query_i64};
use civic_store::{Db, StoreConfig};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_civicspace");
const CLIENTS: usize = 12;
/// Successful writes seen before the kill: well into the burst.
const KILL_AFTER: usize = 150;

/// Starts `serve` on a free port; the child and its base URL.
fn serve(data: &std::path::Path, database_url: Option<&str>) -> (Child, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(["serve", "--listen", "127.0.0.1:0"])
        .env("CIVIC_DATA_DIR", data)
        .env("CIVIC_DEMO", "false")
        .env_remove("CIVIC_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    match database_url {
        Some(url) => cmd.env("DATABASE_URL", url),
        None => cmd.env_remove("DATABASE_URL"),
    };
    let mut child = cmd.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("serve printed its URL").unwrap();
        if let Some(url) = line.strip_prefix("Civic Space is serving ") {
            break url.trim_end_matches('/').to_string();
        }
    };
    // Keep reading, so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, url)
}

/// What a client was told was stored.
#[derive(Debug)]
enum Stored {
    Support { user: i64, idea: i64 },
    Comment { id: i64 },
    Idea { id: i64 },
}

struct Fixture {
    tenant: TenantId,
    space: i64,
    ideas: Vec<i64>,
    /// (user id, bearer token) per client.
    clients: Vec<(i64, String)>,
}

async fn fixture(db: &Db) -> Fixture {
    let tenant = civic_store::tenants::create(
        db,
        &civic_store::tenants::NewTenant {
            slug: civic_core::TenantSlug::parse("bucha").unwrap(),
            name: civic_core::TenantName::parse("Буча").unwrap(),
            default_locale: civic_core::Locale::Uk,
            host: None,
        },
    )
    .await
    .unwrap()
    .tenant_id();
    let space = civic_store::spaces::Spaces::of(db, tenant)
        .create(&civic_store::spaces::NewSpace {
            title: "Парк",
            description: "Опис",
            status: "published",
            support_threshold: 1000,
            starts_at: None,
            ends_at: None,
        })
        .await
        .unwrap();
    let mut ideas = Vec::new();
    for i in 0..4 {
        let idea = civic_store::ideas::Ideas::of(db, tenant)
            .create(&civic_store::ideas::NewIdea {
                space,
                author: None,
                title: &format!("Ідея номер {i}"),
                body: "Текст",
                status: "published",
                category: None,
                district: None,
                location: None,
                created_at: civic_core::Timestamp::now(),
            })
            .await
            .unwrap();
        ideas.push(idea.0);
    }
    let mut clients = Vec::new();
    for i in 0..CLIENTS {
        let email = format!("client{i}@example.org");
        let user = civic_app::users::create(
            &civic_app::Platform::new(db.clone()),
            &civic_app::users::CreateUser {
                tenant_slug: "bucha",
                email: &email,
                display_name: Some("Мешканка"),
                role: "citizen",
                password: "correct horse battery staple",
            },
        )
        .await
        .unwrap();
        let token = format!("cs_{}", civic_app::auth::new_secret());
        civic_store::sessions::Tokens::of(db, tenant)
            .create(
                user.id,
                "crash",
                &civic_app::auth::digest(&token),
                civic_core::Timestamp(civic_core::Timestamp::now().0 + 86_400_000),
            )
            .await
            .unwrap();
        clients.push((user.id.0, token));
    }
    Fixture {
        tenant,
        space: space.0,
        ideas,
        clients,
    }
}

/// One client's writes until the server stops answering: supports,
/// comments (replies to its own earlier ones too) and ideas.
async fn client(base: String, f: Arc<Fixture>, n: usize, seen: Arc<AtomicUsize>) -> Vec<Stored> {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let (user, token) = f.clients[n].clone();
    let mut stored = Vec::new();
    let mut my_comments: Vec<i64> = Vec::new();
    for step in 0usize.. {
        let idea = f.ideas[(n + step) % f.ideas.len()];
        let request = match step % 4 {
            0 | 2 => {
                let parent = if step % 8 == 2 {
                    my_comments.last().copied()
                } else {
                    None
                };
                http.post(format!("{base}/api/v1/bucha/ideas/{idea}/comments"))
                    .json(&serde_json::json!({"body": format!("Коментар {n}/{step}"), "parent_id": parent}))
            }
            1 => http.put(format!("{base}/api/v1/bucha/ideas/{idea}/support")),
            _ => http
                .post(format!("{base}/api/v1/bucha/spaces/{}/ideas", f.space))
                .json(&serde_json::json!({"title": format!("Нова ідея {n}/{step}"), "body": "Опис ідеї"})),
        };
        let Ok(response) = request.bearer_auth(&token).send().await else {
            return stored; // the server is gone
        };
        let status = response.status();
        assert!(!status.is_server_error(), "{status} before the kill");
        if !status.is_success() {
            // The content limit (429) ends what this client may write.
            if status == reqwest::StatusCode::TOO_MANY_REQUESTS {
                return stored;
            }
            continue;
        }
        // The answer is 2xx from here: what it reports was stored, even if
        // the body is cut off by the kill.
        let body: serde_json::Value = response.json().await.unwrap_or_default();
        let record = match step % 4 {
            1 => Some(Stored::Support { user, idea }),
            0 | 2 => body["id"].as_i64().map(|id| {
                my_comments.push(id);
                Stored::Comment { id }
            }),
            _ => body["id"].as_i64().map(|id| Stored::Idea { id }),
        };
        stored.extend(record);
        seen.fetch_add(1, Ordering::SeqCst);
    }
    stored
}

async fn nothing_lost_after_kill(data: &std::path::Path, database_url: Option<&str>, db: &Db) {
    let f = Arc::new(fixture(db).await);
    let (mut child, base) = serve(data, database_url);
    let seen = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|n| tokio::spawn(client(base.clone(), f.clone(), n, seen.clone())))
        .collect();
    while seen.load(Ordering::SeqCst) < KILL_AFTER {
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert!(child.try_wait().unwrap().is_none(), "the server stopped by itself");
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let mut stored = Vec::new();
    for c in clients {
        stored.extend(c.await.unwrap());
    }
    assert!(stored.len() >= KILL_AFTER, "{} writes were answered", stored.len());

    // Started again on the same database, it serves and holds every write.
    let (mut again, base) = serve(data, database_url);
    let ready = reqwest::get(format!("{base}/readyz")).await.unwrap();
    assert_eq!(ready.status(), reqwest::StatusCode::OK);
    let t = f.tenant.0;
    for s in &stored {
        let (sql, what) = match s {
            Stored::Support { user, idea } => (
                format!(
                    "SELECT COUNT(*) FROM supports WHERE tenant_id = {t} AND user_id = {user} AND idea_id = {idea}"
                ),
                "support",
            ),
            Stored::Comment { id } => (
                format!("SELECT COUNT(*) FROM comments WHERE tenant_id = {t} AND id = {id}"),
                "comment",
            ),
            Stored::Idea { id } => (
                format!("SELECT COUNT(*) FROM ideas WHERE tenant_id = {t} AND id = {id}"),
                "idea",
            ),
        };
        assert_eq!(query_i64(db, &sql).await, 1, "an answered {what} is lost: {s:?}");
    }
    let wrong_supports = query_i64(
        db,
        &format!(
            "SELECT COUNT(*) FROM ideas i WHERE i.tenant_id = {t} AND i.support_count <> \
             (SELECT COUNT(*) FROM supports s WHERE s.tenant_id = i.tenant_id AND s.idea_id = i.id)"
        ),
    )
    .await;
    let wrong_comments = query_i64(
        db,
        &format!(
            "SELECT COUNT(*) FROM ideas i WHERE i.tenant_id = {t} AND i.comment_count <> \
             (SELECT COUNT(*) FROM comments c WHERE c.tenant_id = i.tenant_id AND c.idea_id = i.id)"
        ),
    )
    .await;
    let orphans = query_i64(
        db,
        &format!(
            "SELECT COUNT(*) FROM comments c WHERE c.tenant_id = {t} AND c.parent_id IS NOT NULL AND NOT EXISTS \
             (SELECT 1 FROM comments p WHERE p.tenant_id = c.tenant_id AND p.id = c.parent_id)"
        ),
    )
    .await;
    assert_eq!(
        (wrong_supports, wrong_comments, orphans),
        (0, 0, 0),
        "ideas whose support or comment count disagrees with their rows, and replies without a parent"
    );
    again.kill().unwrap();
    again.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_kill_9_mid_burst_loses_nothing_answered() {
    let data = tempfile::tempdir().unwrap();
    let db = Db::connect(&StoreConfig::sqlite_file(&data.path().join("civicspace.db")))
        .await
        .unwrap();
    db.migrate().await.unwrap();
    nothing_lost_after_kill(data.path(), None, &db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_kill_9_mid_burst_loses_nothing_answered() {
    let Some(pg) = TestDb::postgres().await else { return };
    let data = tempfile::tempdir().unwrap();
    nothing_lost_after_kill(data.path(), Some(&pg.url), &pg.db).await;
}
