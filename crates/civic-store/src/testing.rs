//! Databases for tests: a temporary SQLite file, or a fresh PostgreSQL
//! database created for one test and dropped after it.
//!
//! PostgreSQL comes from `CIVIC_TEST_POSTGRES_URL` (the test script sets it).
//! Without it a PostgreSQL test is skipped with a message, except under CI
//! (`CI` set), where a missing PostgreSQL fails the run.

use crate::{Db, StoreConfig};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

pub struct TestDb {
    pub db: Db,
    /// The URL the test database answers at (for starting a server on it).
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("CIVIC_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CIVIC_TEST_POSTGRES_URL is not set: under CI the PostgreSQL suite must run, not be skipped")
        }
        _ => {
            eprintln!("skipped: set CIVIC_TEST_POSTGRES_URL (scripts/test does) to run the PostgreSQL suite");
            None
        }
    }
}

impl TestDb {
    /// A migrated database in a new temporary SQLite file.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = StoreConfig::sqlite_file(&dir.path().join("test.db"));
        let db = Db::connect(&config).await.expect("open sqlite");
        db.migrate().await.expect("migrate sqlite");
        TestDb {
            db,
            url: config.url,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    /// A migrated, new PostgreSQL database, or `None` when PostgreSQL is not
    /// configured outside CI.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = postgres_admin_url()?;
        static SEQ: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "civic_t_{}_{}_{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed),
            nanos
        );
        let admin = Db::connect(&StoreConfig {
            url: admin_url.clone(),
            max_connections: 1,
            acquire_timeout: Duration::from_secs(10),
            read_urls: Vec::new(),
            clusters: Vec::new(),
            nodes: None,
            statement_timeout: None,
        })
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {} does not answer: {e}", crate::redact_url(&admin_url)));
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut *admin.writer().await.ok()?)
            .await
            .expect("create test database");
        admin.close().await;
        let url = with_database(&admin_url, &name);
        let db = Db::connect(&StoreConfig {
            url: url.clone(),
            max_connections: 8,
            acquire_timeout: Duration::from_secs(10),
            read_urls: Vec::new(),
            clusters: Vec::new(),
            nodes: None,
            statement_timeout: None,
        })
        .await
        .expect("connect to test database");
        db.migrate().await.expect("migrate postgres");
        Some(TestDb {
            db,
            url,
            cleanup: Cleanup::Postgres { admin_url, name },
        })
    }
}

/// The same server URL with another database name.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs outside async: a short-lived runtime on its own
            // thread. The test's pool is not closed from here (its
            // connections belong to the test's runtime, blocked in this
            // drop); FORCE ends them on the server instead.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build();
                if let Ok(rt) = rt {
                    rt.block_on(async move {
                        if let Ok(admin) = Db::connect(&StoreConfig {
                            url: admin_url,
                            max_connections: 1,
                            acquire_timeout: Duration::from_secs(5),
                            read_urls: Vec::new(),
                            clusters: Vec::new(),
                            nodes: None,
                            statement_timeout: None,
                        })
                        .await
                        {
                            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            )))
                            .execute(&mut *admin.writer().await.expect("writer"))
                            .await;
                            admin.close().await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

/// One integer from a query of the test's own (counts, ids), read with the
/// writer so it sees every committed write.
pub async fn query_i64(db: &Db, sql: &str) -> i64 {
    use sqlx::Row;
    let row = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&mut *db.writer().await.expect("writer"))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    row.try_get::<i64, _>(0).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Runs a statement of the test's own (breaking the database on purpose).
pub async fn execute(db: &Db, sql: &str) -> Result<u64, crate::StoreError> {
    Ok(sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut *db.writer().await.expect("writer"))
        .await?
        .rows_affected())
}

/// A tenant's rows, table by table, each value as text.
pub type Rows = std::collections::BTreeMap<String, Vec<Vec<Option<String>>>>;

/// Every row a tenant owns, table by table, each value as text: compared
/// before and after a refused request to prove nothing was written. Tables
/// in `skip` change on any request (sessions, rate-limit counters).
pub async fn dump(db: &Db, tenant: civic_core::TenantId, skip: &[&str]) -> Rows {
    Dumper::new(db, skip).await.dump(db, tenant).await
}

/// The queries of [`dump`], prepared once from the schema for suites that
/// dump after every request.
pub struct Dumper {
    /// (table, query, number of columns)
    queries: Vec<(String, String, usize)>,
}

impl Dumper {
    pub async fn new(db: &Db, skip: &[&str]) -> Dumper {
        let schema = crate::schema::describe(db).await.expect("describe the schema");
        let mut queries = Vec::new();
        for (name, table) in schema {
            if !table.is_tenant_owned() || skip.contains(&name.as_str()) {
                continue;
            }
            let columns: Vec<String> = table
                .columns
                .iter()
                .map(|c| format!("CAST({} AS TEXT)", c.name))
                .collect();
            let sql = format!(
                "SELECT {} FROM {name} WHERE tenant_id = $1 ORDER BY {}",
                columns.join(", "),
                columns.join(", ")
            );
            queries.push((name, sql, columns.len()));
        }
        Dumper { queries }
    }

    pub async fn dump(&self, db: &Db, tenant: civic_core::TenantId) -> Rows {
        use sqlx::Row;
        let mut out = Rows::new();
        for (name, sql, width) in &self.queries {
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .bind(tenant.0)
                .fetch_all(&mut *db.writer().await.expect("writer"))
                .await
                .expect("dump a table");
            let rows = rows
                .iter()
                .map(|r| {
                    (0..*width)
                        .map(|i| {
                            r.try_get::<Option<String>, _>(i)
                                .unwrap_or_else(|e| Some(format!("<{e}>")))
                        })
                        .collect()
                })
                .collect();
            out.insert(name.clone(), rows);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_the_database_name() {
        assert_eq!(
            super::with_database("postgres://u@h:5432/test", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(
            super::with_database("postgres://u@h/test?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(super::with_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
