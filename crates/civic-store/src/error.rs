use std::borrow::Cow;

/// What the data layer can report. Callers match on the kind; the source is
/// kept for the log and never shown to a person.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique or foreign key refused the write; `constraint` names it when
    /// the database tells (PostgreSQL does; SQLite names the columns).
    #[error("conflict on {constraint}")]
    Conflict { constraint: Cow<'static, str> },
    /// The database cannot be reached or cannot write right now (down, pool
    /// exhausted, disk full, read-only file). Answered with 503.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    /// The database refused a value a person sent: PostgreSQL's data
    /// exceptions (class 22), such as a NUL byte in text, which SQLite
    /// stores. Bad input (400), never a 500.
    #[error("value refused by the database: {0}")]
    Unstorable(#[source] sqlx::Error),
    #[error("database error: {0}")]
    Other(#[source] sqlx::Error),
}

/// The message for [`StoreError::Unstorable`], for people.
pub const UNSTORABLE_MESSAGE: &str =
    "the request holds a character or a number that cannot be stored (such as a NUL byte)";

impl StoreError {
    /// True when the error names the given unique constraint (index name on
    /// PostgreSQL, `table.column` list on SQLite).
    pub fn is_conflict_on(&self, name: &str, sqlite_columns: &str) -> bool {
        matches!(self, StoreError::Conflict { constraint } if constraint == name || constraint.contains(sqlite_columns))
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(e),
            sqlx::Error::Database(db) => {
                use sqlx::error::ErrorKind;
                match db.kind() {
                    ErrorKind::UniqueViolation | ErrorKind::ForeignKeyViolation => {
                        let constraint = db
                            .constraint()
                            .map(|c| Cow::Owned(c.to_string()))
                            .unwrap_or_else(|| Cow::Owned(db.message().to_string()));
                        StoreError::Conflict { constraint }
                    }
                    _ => {
                        let code = db.code().unwrap_or_default();
                        // SQLite: BUSY(5), LOCKED(6), READONLY(8), IOERR(10), FULL(13),
                        // CANTOPEN(14). PostgreSQL: class 08 connection, 53 resources,
                        // 57P0x shutdown, 25006 read-only transaction, 57014 a
                        // statement cancelled (its timeout), 55P03 a lock not
                        // granted in time, 25P03 a transaction left idle too long.
                        let unavailable = matches!(&*code, "5" | "6" | "8" | "10" | "13" | "14" | "517" | "1032")
                            || code.starts_with("08")
                            || code.starts_with("53")
                            || code.starts_with("57P")
                            || matches!(&*code, "25006" | "57014" | "55P03" | "25P03");
                        if code == "40P01" || code == "40001" {
                            // PostgreSQL gave up one of two writers that
                            // waited on each other (deadlock, serialization):
                            // the other's write stands; this one may be
                            // tried again, as after any conflict.
                            StoreError::Conflict {
                                constraint: Cow::Borrowed("concurrent_update"),
                            }
                        } else if unavailable {
                            StoreError::Unavailable(e)
                        } else if code.starts_with("22") && code.len() == 5 {
                            StoreError::Unstorable(e)
                        } else {
                            StoreError::Other(e)
                        }
                    }
                }
            }
            _ => StoreError::Other(e),
        }
    }
}
