//! Connecting, migrating and health of the database, whichever it is.

use crate::StoreError;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// How to reach the database.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// `postgres://…` or `sqlite://…`.
    pub url: String,
    /// Connections in the pool (readers, on SQLite).
    pub max_connections: u32,
    /// How long a request waits for a connection before it is told 503.
    pub acquire_timeout: Duration,
}

impl StoreConfig {
    /// The embedded default: an SQLite file in the data directory.
    pub fn sqlite_file(path: &Path) -> StoreConfig {
        StoreConfig {
            url: sqlite_url(path),
            max_connections: 8,
            acquire_timeout: Duration::from_secs(5),
        }
    }
}

/// A URL for an SQLite file that sqlx reads back exactly, whatever the path
/// holds (`?`, `#`, `%`, spaces).
fn sqlite_url(path: &Path) -> String {
    let mut encoded = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' | ' ' => encoded.push_str(&format!("%{:02X}", c as u32)),
            c => encoded.push(c),
        }
    }
    format!("sqlite://{encoded}?mode=rwc")
}

/// The URL with any password replaced, fit for logs and error messages:
/// the one in the user-info part and a `password=` query parameter.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    // The user-info ends at the last '@' (a password may contain '/' or '@').
    let redacted = match before_query.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            let masked = if userinfo.contains(':') {
                format!("{user}:***")
            } else {
                user.to_string()
            };
            format!("{scheme}://{masked}@{host}")
        }
        None => format!("{scheme}://{before_query}"),
    };
    match query {
        None => redacted,
        Some(q) => {
            let params: Vec<String> = q
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => p.to_string(),
                })
                .collect();
            format!("{redacted}?{}", params.join("&"))
        }
    }
}

/// Pools of connections to the platform database.
///
/// SQLite allows one writer at a time; rather than let concurrent writers
/// collide on `SQLITE_BUSY`, writes go through a pool of exactly one
/// connection and wait their turn in it, while reads use the other pool. On
/// PostgreSQL both are the same pool.
#[derive(Clone, Debug)]
pub struct Db {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
    redacted_url: String,
    sqlite_path: Option<PathBuf>,
    /// Statements (and transactions) sent, for the no-N+1 tests.
    #[cfg(feature = "testing")]
    queries: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

#[derive(Debug, Clone, Copy)]
pub struct PoolStats {
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}

impl Db {
    /// Connects and checks the database answers. Does not migrate.
    pub async fn connect(config: &StoreConfig) -> Result<Db, StoreError> {
        static DRIVERS: Once = Once::new();
        DRIVERS.call_once(install_default_drivers);

        let url = config.url.as_str();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Other(sqlx::Error::Configuration(
                "the database URL must start with postgres:// or sqlite://".into(),
            )));
        };
        let options = || {
            AnyPoolOptions::new()
                .acquire_timeout(config.acquire_timeout)
                .idle_timeout(Duration::from_secs(300))
        };
        let (read, write, sqlite_path) = match backend {
            Backend::Sqlite => {
                crate::sqlite_tuning::apply();
                let path = sqlite_path_of(url);
                if let Some(dir) = path.as_deref().and_then(Path::parent)
                    && !dir.as_os_str().is_empty()
                {
                    std::fs::create_dir_all(dir).map_err(|e| StoreError::Unavailable(sqlx::Error::Io(e)))?;
                }
                // No ping before each acquire: the file cannot hang up, and on
                // SQLite every ping is a round trip to the connection's thread,
                // as costly as the query it guards.
                let options = || options().test_before_acquire(false);
                let write = options()
                    .max_connections(1)
                    .after_connect(|conn, _| Box::pin(async move { sqlite_pragmas(conn).await }))
                    .connect(url)
                    .await?;
                // WAL is a property of the file: set once, before readers open.
                sqlx::query("PRAGMA journal_mode = WAL").execute(&write).await?;
                let read = options()
                    .max_connections(config.max_connections.max(1))
                    .after_connect(|conn, _| Box::pin(async move { sqlite_pragmas(conn).await }))
                    .connect(url)
                    .await?;
                (read, write, path)
            }
            Backend::Postgres => {
                let pool = options()
                    .max_connections(config.max_connections.max(1))
                    .connect(url)
                    .await?;
                (pool.clone(), pool, None)
            }
        };
        Ok(Db {
            read,
            write,
            backend,
            redacted_url: redact_url(url),
            sqlite_path,
            #[cfg(feature = "testing")]
            queries: Default::default(),
        })
    }

    /// Applies the migrations embedded in the binary that have not run yet.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.write).await.map_err(|e| match e {
            sqlx::migrate::MigrateError::Execute(e) => StoreError::from(e),
            other => StoreError::Other(sqlx::Error::Migrate(Box::new(other))),
        })
    }

    /// True when a trivial query succeeds: the readiness probe.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.read).await.is_ok()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn redacted_url(&self) -> &str {
        &self.redacted_url
    }

    /// The SQLite file, when that is the backend.
    pub fn sqlite_path(&self) -> Option<&Path> {
        self.sqlite_path.as_deref()
    }

    pub fn pool_stats(&self) -> PoolStats {
        PoolStats {
            size: self.read.size(),
            idle: self.read.num_idle() as u32,
            max: self.read.options().get_max_connections(),
        }
    }

    /// The pool for queries that only read.
    pub(crate) fn reader(&self) -> &AnyPool {
        self.counted();
        &self.read
    }

    /// Counts one use of a pool: every repository call takes its pool once
    /// per statement or transaction, so this counts the round trips a page
    /// makes (test builds only).
    #[inline]
    fn counted(&self) {
        #[cfg(feature = "testing")]
        self.queries.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Statements and transactions sent so far through this handle and its
    /// clones (test builds only).
    #[cfg(feature = "testing")]
    pub fn query_count(&self) -> u64 {
        self.queries.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The pool for statements that write (one connection on SQLite).
    pub(crate) fn writer(&self) -> &AnyPool {
        self.counted();
        &self.write
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

async fn sqlite_pragmas(conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    // NORMAL is durable against a process crash in WAL mode; foreign keys are
    // on by sqlx's default, repeated here so the rule is visible.
    conn.execute("PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        .await?;
    Ok(())
}

fn sqlite_path_of(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    let mut decoded = Vec::new();
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            decoded.push(b);
            i += 3;
            continue;
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8_lossy(&decoded).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact_url("postgres://civic:s3cret@db.example:5432/civic"),
            "postgres://civic:***@db.example:5432/civic"
        );
        assert_eq!(
            redact_url("postgres://civic@db/civic?sslmode=require"),
            "postgres://civic@db/civic?sslmode=require"
        );
        assert_eq!(redact_url("postgres://db/civic"), "postgres://db/civic");
        assert_eq!(redact_url("postgres://u:pa/ss@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact_url("postgres://u:p@ss@h/db"), "postgres://u:***@h/db");
        assert_eq!(
            redact_url("postgres://h/db?user=u&password=secret&sslmode=require"),
            "postgres://h/db?user=u&password=***&sslmode=require"
        );
        assert_eq!(
            redact_url("sqlite://./data/x.db?mode=rwc"),
            "sqlite://./data/x.db?mode=rwc"
        );
    }

    #[test]
    fn sqlite_paths_round_trip() {
        for p in ["./data/civicspace.db", "/tmp/a b/c?d#e%f.db"] {
            let url = sqlite_url(Path::new(p));
            assert_eq!(sqlite_path_of(&url).unwrap(), PathBuf::from(p), "{url}");
        }
    }
}
