//! Signals between the nodes that share a PostgreSQL database, through
//! `NOTIFY` and `LISTEN`: short text payloads on a channel, delivered to
//! every listening session (the sender's own included) when the sending
//! transaction commits. Nothing is stored: a node that is not listening at
//! the moment misses them, so a listener must treat a reconnection as
//! "anything may have changed". SQLite is one process: there is nobody to
//! tell, and these do nothing there.

use crate::db::Backend;
use crate::{Db, StoreError};
use sqlx::postgres::PgListener;

/// The largest payload PostgreSQL takes is 8,000 bytes; payloads are kept
/// under this.
pub const MAX_PAYLOAD: usize = 7_900;

/// Sends `payload` to every session listening on `channel`.
pub async fn notify(db: &Db, channel: &str, payload: &str) -> Result<(), StoreError> {
    if db.backend() != Backend::Postgres {
        return Ok(());
    }
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(channel)
        .bind(payload)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

/// A session listening on `channel`.
pub struct Listener(PgListener);

impl Listener {
    /// `None` on SQLite.
    pub async fn connect(db: &Db, channel: &str) -> Result<Option<Listener>, StoreError> {
        if db.backend() != Backend::Postgres {
            return Ok(None);
        }
        let mut listener = PgListener::connect(db.url()).await?;
        listener.listen(channel).await?;
        Ok(Some(Listener(listener)))
    }

    /// The next payload. An error means the session was lost: messages sent
    /// meanwhile are gone, and the caller should connect again.
    pub async fn next(&mut self) -> Result<String, StoreError> {
        // `try_recv` gives `None` when the connection dropped instead of
        // reconnecting silently, so the loss is seen.
        match self.0.try_recv().await? {
            Some(notification) => Ok(notification.payload().to_string()),
            None => Err(StoreError::Unavailable(sqlx::Error::PoolClosed)),
        }
    }
}
