//! PostgreSQL connection handling under load (issue 23): a statement that
//! runs too long is cancelled by the server and reported as "unavailable"
//! (503), a transaction left idle is ended, and a node's pool is cut to its
//! share of the server's connections.

use civic_store::pool_sizing::{self, ServerLimits};
use civic_store::testing::{TestDb, execute, query_i64};
use civic_store::{Db, StoreConfig, StoreError};
use std::time::Duration;

async fn connect(url: &str, max_connections: u32, nodes: Option<u32>, statement_timeout: Option<Duration>) -> Db {
    Db::connect(&StoreConfig {
        url: url.to_string(),
        max_connections,
        acquire_timeout: Duration::from_secs(10),
        read_urls: Vec::new(),
        clusters: Vec::new(),
        nodes,
        statement_timeout,
    })
    .await
    .expect("connect")
}

#[tokio::test]
async fn a_statement_past_its_limit_is_cancelled_and_the_pool_carries_on() {
    let Some(test) = TestDb::postgres().await else { return };
    let db = connect(&test.url, 2, None, Some(Duration::from_millis(300))).await;

    let slow = execute(&db, "SELECT pg_sleep(3)").await;
    assert!(
        matches!(slow, Err(StoreError::Unavailable(_))),
        "a cancelled statement is a 503, not a 500: {slow:?}"
    );
    // The connection that ran it, and the pool, still serve.
    assert_eq!(query_i64(&db, "SELECT 7::int8").await, 7);
    let limit = query_i64(
        &db,
        "SELECT setting::int8 FROM pg_settings WHERE name = 'statement_timeout'",
    )
    .await;
    assert_eq!(limit, 300);
    let idle = query_i64(
        &db,
        "SELECT setting::int8 FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout'",
    )
    .await;
    assert_eq!(idle, 600, "an idle transaction may last twice the statement limit");

    // Without a limit the server's own setting (none) stays.
    let unlimited = connect(&test.url, 1, None, None).await;
    assert_eq!(
        query_i64(
            &unlimited,
            "SELECT setting::int8 FROM pg_settings WHERE name = 'statement_timeout'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_transaction_left_idle_is_ended_by_the_server() {
    let Some(test) = TestDb::postgres().await else { return };
    let db = connect(&test.url, 2, None, Some(Duration::from_millis(200))).await;
    execute(&db, "CREATE TABLE idle_probe (n int8)").await.unwrap();

    let tx = db.begin().await.unwrap();
    execute(&tx, "INSERT INTO idle_probe VALUES (1)").await.unwrap();
    // Past twice the limit the server ends the session and rolls back.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let late = execute(&tx, "INSERT INTO idle_probe VALUES (2)").await;
    assert!(late.is_err(), "the idle transaction was ended: {late:?}");
    drop(tx);
    assert_eq!(
        query_i64(&db, "SELECT count(*) FROM idle_probe").await,
        0,
        "nothing of it stays"
    );
}

#[tokio::test]
async fn a_node_takes_its_share_of_the_servers_connections() {
    let Some(test) = TestDb::postgres().await else { return };
    let limits = pool_sizing::server_limits(&test.url).await.unwrap();
    let admin = connect(&test.url, 1, None, None).await;
    assert_eq!(
        i64::from(limits.max_connections),
        query_i64(&admin, "SELECT current_setting('max_connections')::int8").await
    );

    // One node keeps the pool it asked for when the server has room.
    let share = pool_sizing::node_share(limits, 1);
    assert!(
        share >= 8,
        "the test server allows at least 8 per node (it has {limits:?})"
    );
    let one = connect(&test.url, 8, Some(1), None).await;
    assert_eq!(one.pool_stats().max, 8);

    // So many nodes that each may hold one connection: the pool is cut.
    let crowd = limits.max_connections;
    let many = connect(&test.url, 8, Some(crowd), None).await;
    assert_eq!(many.pool_stats().max, 1);
    assert_eq!(
        pool_sizing::node_share(
            ServerLimits {
                max_connections: 100,
                reserved: 3
            },
            4
        ),
        23
    );
    assert_eq!(query_i64(&many, "SELECT 1::int8").await, 1, "and it still works");
}
