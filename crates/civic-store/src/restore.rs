//! Restoring an SQLite backup (made by [`Db::backup_sqlite`]) into a new
//! data directory: the copy is checked before anything is written (an SQLite
//! file, intact, made by this version or an older one), put in place, brought
//! up to date with the migrations, and its rows counted table by table
//! against the backup's, so a restore that lost anything says so.

use crate::db::SQLITE_MIGRATIONS;
use crate::{Db, StoreConfig, StoreError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row, SqliteConnection};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Rows per table, by table name.
pub type RowCounts = BTreeMap<String, i64>;

/// What a restore did.
#[derive(Debug, Clone)]
pub struct Restored {
    /// The database file written.
    pub database: PathBuf,
    /// Migrations the backup lacked, applied after the copy.
    pub migrations_applied: usize,
    /// Rows per table, the same in the backup and the restored database.
    pub rows: RowCounts,
}

/// Why a restore was refused; nothing was written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("the backup {0} does not exist or cannot be read")]
    Missing(PathBuf),
    #[error("{0} is not an SQLite database (a backup made by `civicspace backup`)")]
    NotSqlite(PathBuf),
    #[error(
        "{path} already holds a database; restore into a new data directory, or stop the server and move {path} away first"
    )]
    Live { path: PathBuf },
    #[error("the backup is damaged: {0}")]
    Damaged(String),
    #[error(
        "the backup was made by a newer version of Civic Space (migration {0} is unknown to this one); restore it with that version"
    )]
    Newer(i64),
    #[error("the backup holds a migration that failed (version {0}); it cannot be restored as it is")]
    FailedMigration(i64),
    #[error(
        "the restored database differs from the backup in table {table}: {expected} rows in the backup, {found} restored"
    )]
    Mismatch { table: String, expected: i64, found: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl From<sqlx::Error> for RestoreError {
    fn from(e: sqlx::Error) -> Self {
        RestoreError::Store(StoreError::from(e))
    }
}

/// The name of the database file in a data directory.
pub const SQLITE_FILE: &str = "civicspace.db";

/// Restores `backup` as `data_dir/civicspace.db`. Refuses a data directory
/// that already holds a database (or its write-ahead log).
pub async fn restore_sqlite(backup: &Path, data_dir: &Path) -> Result<Restored, RestoreError> {
    let database = data_dir.join(SQLITE_FILE);
    for existing in [database.clone(), data_dir.join(format!("{SQLITE_FILE}-wal"))] {
        if existing.exists() {
            return Err(RestoreError::Live { path: existing });
        }
    }
    check_header(backup)?;
    let expected = {
        let mut source = SqliteConnectOptions::new()
            .filename(backup)
            .read_only(true)
            .connect()
            .await
            .map_err(|_| RestoreError::NotSqlite(backup.to_path_buf()))?;
        let checked = check_backup(&mut source).await;
        let counts = match checked {
            Ok(()) => row_counts(&mut source).await,
            Err(e) => Err(e),
        };
        source.close().await.ok();
        counts?
    };

    std::fs::create_dir_all(data_dir).map_err(|source| RestoreError::Io {
        path: data_dir.to_path_buf(),
        source,
    })?;
    // Beside the target, then renamed: a restore cut short leaves no
    // half-written database for a server to open.
    let partial = data_dir.join(format!("{SQLITE_FILE}.restoring"));
    std::fs::copy(backup, &partial).map_err(|source| RestoreError::Io {
        path: partial.clone(),
        source,
    })?;
    std::fs::rename(&partial, &database).map_err(|source| RestoreError::Io {
        path: database.clone(),
        source,
    })?;

    // The copy is compared with the backup before the migrations run, which
    // may rightly change rows.
    let mut restored = SqliteConnectOptions::new()
        .filename(&database)
        .read_only(true)
        .connect()
        .await?;
    let found = row_counts(&mut restored).await;
    restored.close().await.ok();
    let found = found?;
    for (table, &rows) in &expected {
        let now = found.get(table).copied().unwrap_or(0);
        if now != rows {
            let _ = std::fs::remove_file(&database);
            return Err(RestoreError::Mismatch {
                table: table.clone(),
                expected: rows,
                found: now,
            });
        }
    }

    let db = Db::connect(&StoreConfig::sqlite_file(&database)).await?;
    let before = applied_versions(&db).await?;
    db.migrate().await?;
    let migrations_applied = applied_versions(&db).await?.saturating_sub(before);
    db.close().await;
    Ok(Restored {
        database,
        migrations_applied,
        rows: found,
    })
}

fn check_header(backup: &Path) -> Result<(), RestoreError> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(backup).map_err(|_| RestoreError::Missing(backup.to_path_buf()))?;
    if !backup.is_file() {
        return Err(RestoreError::Missing(backup.to_path_buf()));
    }
    match file.read_exact(&mut header) {
        Ok(()) if &header == b"SQLite format 3\0" => Ok(()),
        _ => Err(RestoreError::NotSqlite(backup.to_path_buf())),
    }
}

/// Integrity, and migrations this binary knows and that all succeeded.
async fn check_backup(source: &mut SqliteConnection) -> Result<(), RestoreError> {
    let verdicts: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *source)
        .await
        .map_err(|e| RestoreError::Damaged(e.to_string()))?;
    if verdicts != ["ok"] {
        return Err(RestoreError::Damaged(verdicts.join("; ")));
    }
    let has_migrations: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'")
            .fetch_one(&mut *source)
            .await?;
    if has_migrations == 0 {
        return Err(RestoreError::Damaged(
            "it has no migration history, so it is not a Civic Space database".into(),
        ));
    }
    let known: Vec<i64> = SQLITE_MIGRATIONS.iter().map(|m| m.version).collect();
    let rows = sqlx::query("SELECT version, success FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&mut *source)
        .await?;
    for row in rows {
        let version: i64 = row.try_get(0)?;
        let success: bool = row.try_get(1)?;
        if !known.contains(&version) {
            return Err(RestoreError::Newer(version));
        }
        if !success {
            return Err(RestoreError::FailedMigration(version));
        }
    }
    Ok(())
}

async fn applied_versions(db: &Db) -> Result<usize, StoreError> {
    let mut conn = db.reader().await?;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&mut *conn)
        .await?;
    Ok(n as usize)
}

/// Rows in every table of an SQLite database (the full-text index's own
/// tables are left out: they are derived, and rebuilt from the rows).
pub async fn row_counts(conn: &mut SqliteConnection) -> Result<RowCounts, RestoreError> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut counts = RowCounts::new();
    for table in tables {
        let quoted = table.replace('"', "\"\"");
        let rows: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM \"{quoted}\"")))
            .fetch_one(&mut *conn)
            .await?;
        counts.insert(table, rows);
    }
    Ok(counts)
}

/// Rows in every table of the SQLite database file at `path`, opened read-only.
pub async fn file_row_counts(path: &Path) -> Result<RowCounts, RestoreError> {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await?;
    let counts = row_counts(&mut conn).await;
    conn.close().await.ok();
    counts
}
