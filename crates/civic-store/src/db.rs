//! Connecting, migrating and health of the database, whichever it is.

use crate::StoreError;
use sqlx::AnyConnection;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Once};
use std::time::Duration;
use tokio::sync::{Mutex, MutexGuard};

pub(crate) static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");
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

/// The statements that set a PostgreSQL session's timeouts. A transaction
/// left open (a stuck request, a lost client) holds its locks until the
/// server ends it; twice the statement limit leaves room for a few statements.
pub(crate) fn session_timeouts(statement: Duration) -> String {
    let ms = statement.as_millis().max(1);
    format!(
        "SET statement_timeout = {ms}; SET idle_in_transaction_session_timeout = {}",
        ms.saturating_mul(2)
    )
}

/// Pool options whose every new PostgreSQL connection sets the timeouts.
pub(crate) fn with_timeouts(options: AnyPoolOptions, statement_timeout: Option<Duration>) -> AnyPoolOptions {
    let Some(statement_timeout) = statement_timeout else {
        return options;
    };
    let sql = session_timeouts(statement_timeout);
    options.after_connect(move |conn, _| {
        let sql = sql.clone();
        Box::pin(async move {
            conn.execute(sqlx::AssertSqlSafe(sql)).await?;
            Ok(())
        })
    })
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
    /// PostgreSQL streaming replicas for reads that may be a moment old
    /// ([`Db::with_stale_reads`]); empty on SQLite.
    pub read_urls: Vec<String>,
    /// Further PostgreSQL clusters that may hold tenants, by name
    /// (`crate::clusters`); empty on SQLite.
    pub clusters: Vec<(String, String)>,
    /// PostgreSQL: the number of nodes that share the server. When set, the
    /// pool is cut to this node's share of the server's `max_connections`
    /// (`crate::pool_sizing`); `None` takes `max_connections` as it is.
    pub nodes: Option<u32>,
    /// PostgreSQL: the longest a statement may run before the server
    /// cancels it (answered with 503), and the longest a session may sit
    /// idle inside a transaction. `None` leaves the server's settings.
    pub statement_timeout: Option<Duration>,
}

impl StoreConfig {
    /// The embedded default: an SQLite file in the data directory.
    pub fn sqlite_file(path: &Path) -> StoreConfig {
        StoreConfig {
            url: sqlite_url(path),
            max_connections: 8,
            acquire_timeout: Duration::from_secs(5),
            read_urls: Vec::new(),
            clusters: Vec::new(),
            nodes: None,
            statement_timeout: None,
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

/// Pools of connections to the platform database, or one transaction on it.
///
/// SQLite allows one writer at a time; rather than let concurrent writers
/// collide on `SQLITE_BUSY`, writes go through a pool of exactly one
/// connection and wait their turn in it, while reads use the other pool. On
/// PostgreSQL both are the same pool.
///
/// [`Db::begin`] gives a handle of the same type whose every statement, read
/// or write, runs in one transaction on a writer connection, so a use case
/// passes it to any repository and commits once ([`Db::commit`]); dropped
/// without a commit, it rolls back. Beginning again on such a handle joins
/// the transaction (its commit is left to the outermost handle).
#[derive(Clone, Debug)]
pub struct Db {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
    /// The URL as given (with its password): a listener opens its own
    /// connection with it (`crate::signals`).
    url: Arc<str>,
    redacted_url: String,
    sqlite_path: Option<PathBuf>,
    /// Streaming replicas, for reads that may be a moment old.
    replicas: Arc<[crate::replicas::Replica]>,
    /// Further clusters holding tenants, and where each tenant is.
    pub(crate) clusters: Arc<[crate::clusters::Cluster]>,
    pub(crate) placements: Arc<crate::clusters::Placements>,
    /// Ignores the running work's cluster: a handle on the directory.
    pub(crate) pinned: bool,
    /// The transaction this handle runs in, if any.
    pub(crate) tx: Option<Arc<Mutex<TxConn>>>,
    /// This handle began the transaction and commits it.
    pub(crate) owns_tx: bool,
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
                let max_connections = match config.nodes {
                    Some(nodes) => {
                        let limits = crate::pool_sizing::server_limits(url).await?;
                        let share = crate::pool_sizing::node_share(limits, nodes);
                        let (size, cut) = crate::pool_sizing::pool_size(Some(config.max_connections), share);
                        if cut {
                            tracing::warn!(
                                wanted = config.max_connections,
                                pool = size,
                                nodes,
                                server_max_connections = limits.max_connections,
                                "database pool cut to this node's share of the server's connections"
                            );
                        }
                        size
                    }
                    None => config.max_connections.max(1),
                };
                let pool = with_timeouts(options(), config.statement_timeout)
                    .max_connections(max_connections)
                    .connect(url)
                    .await?;
                (pool.clone(), pool, None)
            }
        };
        if backend == Backend::Sqlite && !config.read_urls.is_empty() {
            return Err(StoreError::Other(sqlx::Error::Configuration(
                "read replicas are PostgreSQL streaming replicas; SQLite has none".into(),
            )));
        }
        let replicas = config
            .read_urls
            .iter()
            .map(|url| crate::replicas::Replica::connect_lazy(url, config.max_connections, config.statement_timeout))
            .collect::<Result<Vec<_>, _>>()?;
        if backend == Backend::Sqlite && !config.clusters.is_empty() {
            return Err(StoreError::Other(sqlx::Error::Configuration(
                "further clusters hold tenants on PostgreSQL; SQLite is one file".into(),
            )));
        }
        let mut clusters = Vec::new();
        for (name, url) in &config.clusters {
            if !crate::clusters::valid_cluster_name(name) || name == crate::clusters::MAIN {
                return Err(StoreError::Other(sqlx::Error::Configuration(
                    format!(
                        "cluster name {name:?}: 1-40 of a-z, 0-9, '-' and '_', and not \"main\" (DATABASE_URL is main)"
                    )
                    .into(),
                )));
            }
            if clusters.iter().any(|c: &crate::clusters::Cluster| &c.name == name) {
                return Err(StoreError::Other(sqlx::Error::Configuration(
                    format!("cluster {name:?} is named twice").into(),
                )));
            }
            clusters.push(crate::clusters::Cluster::connect_lazy(
                name,
                url,
                config.max_connections,
                config.acquire_timeout,
                config.statement_timeout,
            )?);
        }
        Ok(Db {
            read,
            write,
            clusters: clusters.into(),
            placements: Default::default(),
            pinned: false,
            replicas: replicas.into(),
            backend,
            url: url.into(),
            redacted_url: redact_url(url),
            sqlite_path,
            tx: None,
            owns_tx: false,
            #[cfg(feature = "testing")]
            queries: Default::default(),
        })
    }

    /// Applies the migrations embedded in the binary that have not run yet.
    ///
    /// On PostgreSQL they run on a connection of their own with no statement
    /// timeout: building an index on a large table may take longer than any
    /// request should.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        let pools = std::iter::once(&self.write).chain(self.clusters.iter().map(|c| &c.pool));
        let failed = |e| match e {
            sqlx::migrate::MigrateError::Execute(e) => StoreError::from(e),
            other => StoreError::Other(sqlx::Error::Migrate(Box::new(other))),
        };
        for pool in pools {
            match self.backend {
                Backend::Sqlite => migrator.run(pool).await.map_err(failed)?,
                Backend::Postgres => {
                    // Detached: the pool opens a fresh connection, with the
                    // timeouts, in its place.
                    let mut conn = pool.acquire().await?.detach();
                    conn.execute("SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0")
                        .await?;
                    migrator.run(&mut conn).await.map_err(failed)?;
                    sqlx::Connection::close(conn).await.ok();
                }
            }
            crate::users::fill_name_keys(pool).await?;
        }
        Ok(())
    }

    /// A handle on the main cluster that ignores the running work's cluster,
    /// outside any transaction (`crate::clusters`).
    pub(crate) fn pinned_to_main(&self) -> Db {
        Db {
            tx: None,
            owns_tx: false,
            pinned: true,
            ..self.clone()
        }
    }

    /// The pools statements go to now: the running work's cluster, or the
    /// main one's readers and writer.
    fn pools(&self) -> (&AnyPool, &AnyPool) {
        match self.scoped_cluster() {
            Some(cluster) => (&cluster.pool, &cluster.pool),
            None => (&self.read, &self.write),
        }
    }

    /// True when a trivial query succeeds: the readiness probe.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.read).await.is_ok()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub(crate) fn url(&self) -> &str {
        &self.url
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

    /// The primary's pool, for the replicas' watch.
    pub(crate) fn primary(&self) -> &AnyPool {
        &self.write
    }

    pub(crate) fn replica_set(&self) -> &[crate::replicas::Replica] {
        &self.replicas
    }

    /// A connection for statements that only read: from the readers' pool,
    /// or the transaction's own connection.
    pub(crate) async fn reader(&self) -> Result<Conn<'_>, StoreError> {
        self.counted();
        match &self.tx {
            Some(tx) => Conn::in_tx(tx).await,
            None => {
                let (read, _) = self.pools();
                // Replicas follow the main cluster only.
                if self.scoped_cluster().is_none()
                    && let Some(conn) = crate::replicas::acquire_stale(&self.replicas).await
                {
                    return Ok(Conn::Pooled(conn));
                }
                Ok(Conn::Pooled(read.acquire().await?))
            }
        }
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

    /// A connection for statements that write (the one writer on SQLite),
    /// or the transaction's own connection.
    pub(crate) async fn writer(&self) -> Result<Conn<'_>, StoreError> {
        self.counted();
        match &self.tx {
            Some(tx) => Conn::in_tx(tx).await,
            None => Ok(Conn::Pooled(self.pools().1.acquire().await?)),
        }
    }

    /// Statements that must stand or fall together inside one repository
    /// call: a transaction of its own, or a savepoint in the handle's
    /// transaction.
    pub(crate) async fn unit(&self) -> Result<Unit<'_>, StoreError> {
        self.counted();
        match &self.tx {
            None => Ok(Unit::Own(Some(self.pools().1.begin().await?))),
            Some(tx) => {
                let mut guard = Conn::lock(tx).await?;
                guard.savepoints += 1;
                let name = format!("unit_{}", guard.savepoints);
                let conn: &mut AnyConnection = guard.tx.as_mut().ok_or_else(finished)?;
                conn.execute(sqlx::AssertSqlSafe(format!("SAVEPOINT {name}"))).await?;
                Ok(Unit::Nested {
                    guard,
                    name,
                    done: false,
                })
            }
        }
    }

    /// A handle on a new transaction (on this handle's, if it has one).
    pub async fn begin(&self) -> Result<Db, StoreError> {
        if self.tx.is_some() {
            return Ok(Db {
                owns_tx: false,
                ..self.clone()
            });
        }
        self.counted();
        let tx = self.pools().1.begin().await?;
        Ok(Db {
            tx: Some(Arc::new(Mutex::new(TxConn {
                tx: Some(tx),
                savepoints: 0,
                undo: Vec::new(),
            }))),
            owns_tx: true,
            ..self.clone()
        })
    }

    /// Commits the transaction this handle began; on a handle that joined
    /// another's transaction (or has none) it does nothing.
    pub async fn commit(self) -> Result<(), StoreError> {
        let (Some(tx), true) = (&self.tx, self.owns_tx) else {
            return Ok(());
        };
        let mut state = Conn::lock(tx).await?;
        let tx = state.tx.take().ok_or_else(finished)?;
        tx.commit().await?;
        Ok(())
    }

    /// Lets this handle's transaction return from its commit before the
    /// commit is on disk (PostgreSQL `synchronous_commit = off`; SQLite
    /// never waits for the disk at commit in WAL mode with `synchronous =
    /// NORMAL`). Only for writes that can be recomputed from durable rows
    /// should a database crash lose the last moment of them: a counter.
    /// The transaction stays atomic and its locks go at once. Does nothing
    /// outside a transaction.
    pub async fn commit_lazily(&self) -> Result<(), StoreError> {
        if self.backend == Backend::Postgres && self.tx.is_some() {
            sqlx::query("SET LOCAL synchronous_commit TO off")
                .execute(&mut *self.writer().await?)
                .await?;
        }
        Ok(())
    }

    /// True when statements through this handle run in a transaction.
    pub fn in_transaction(&self) -> bool {
        self.tx.is_some()
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
        for replica in self.replicas.iter() {
            replica.close().await;
        }
        for cluster in self.clusters.iter() {
            cluster.pool.close().await;
        }
    }
}

/// The state of a transaction shared by the clones of its handle.
#[derive(Debug)]
pub(crate) struct TxConn {
    /// `None` once committed.
    tx: Option<Transaction<'static, Any>>,
    /// Savepoints made so far (for unique names).
    savepoints: u32,
    /// Savepoints whose unit was dropped unfinished: rolled back before the
    /// connection is used again (a drop cannot wait for the database).
    undo: Vec<String>,
}

fn finished() -> StoreError {
    StoreError::Other(sqlx::Error::Protocol("the transaction was already committed".into()))
}

/// A connection lent for a statement or two: one from a pool, or the
/// transaction's, held for as long as this lives.
pub(crate) enum Conn<'a> {
    Pooled(PoolConnection<Any>),
    InTx(MutexGuard<'a, TxConn>),
}

impl<'a> Conn<'a> {
    async fn lock(tx: &'a Mutex<TxConn>) -> Result<MutexGuard<'a, TxConn>, StoreError> {
        let mut guard = tx.lock().await;
        while let Some(name) = guard.undo.pop() {
            let conn: &mut AnyConnection = guard.tx.as_mut().ok_or_else(finished)?;
            conn.execute(sqlx::AssertSqlSafe(format!("ROLLBACK TO SAVEPOINT {name}")))
                .await?;
            let conn: &mut AnyConnection = guard.tx.as_mut().ok_or_else(finished)?;
            conn.execute(sqlx::AssertSqlSafe(format!("RELEASE SAVEPOINT {name}")))
                .await?;
        }
        Ok(guard)
    }

    async fn in_tx(tx: &'a Mutex<TxConn>) -> Result<Conn<'a>, StoreError> {
        let guard = Conn::lock(tx).await?;
        if guard.tx.is_none() {
            return Err(finished());
        }
        Ok(Conn::InTx(guard))
    }
}

impl Deref for Conn<'_> {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match self {
            Conn::Pooled(c) => c,
            // Checked open when the guard was taken; only a commit, which
            // takes the same lock, closes it.
            Conn::InTx(g) => g.tx.as_ref().expect("an open transaction"),
        }
    }
}

impl DerefMut for Conn<'_> {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match self {
            Conn::Pooled(c) => c,
            Conn::InTx(g) => g.tx.as_mut().expect("an open transaction"),
        }
    }
}

/// Statements that stand or fall together within one repository call.
/// Dropped without [`Unit::commit`], they are undone.
pub(crate) enum Unit<'a> {
    /// `None` once committed.
    Own(Option<Transaction<'static, Any>>),
    Nested {
        guard: MutexGuard<'a, TxConn>,
        name: String,
        done: bool,
    },
}

impl Unit<'_> {
    pub(crate) async fn commit(mut self) -> Result<(), StoreError> {
        match &mut self {
            Unit::Own(tx) => tx.take().ok_or_else(finished)?.commit().await?,
            Unit::Nested { guard, name, done } => {
                let sql = format!("RELEASE SAVEPOINT {name}");
                let conn: &mut AnyConnection = guard.tx.as_mut().ok_or_else(finished)?;
                conn.execute(sqlx::AssertSqlSafe(sql)).await?;
                *done = true;
            }
        }
        Ok(())
    }

    pub(crate) async fn rollback(self) -> Result<(), StoreError> {
        // Dropping undoes it: the transaction at once, a savepoint before
        // its connection is used again.
        drop(self);
        Ok(())
    }
}

impl Drop for Unit<'_> {
    fn drop(&mut self) {
        if let Unit::Nested { guard, name, done } = self
            && !*done
        {
            guard.undo.push(std::mem::take(name));
        }
    }
}

impl Deref for Unit<'_> {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match self {
            Unit::Own(tx) => tx.as_ref().expect("an open transaction"),
            Unit::Nested { guard, .. } => guard.tx.as_ref().expect("an open transaction"),
        }
    }
}

impl DerefMut for Unit<'_> {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match self {
            Unit::Own(tx) => tx.as_mut().expect("an open transaction"),
            Unit::Nested { guard, .. } => guard.tx.as_mut().expect("an open transaction"),
        }
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
