//! Short signals between the nodes on one PostgreSQL database (see
//! `civic_store::signals`): what the web layer uses to drop its kept copies
//! on every node at once.

use crate::{AppError, Platform};
pub use civic_store::signals::{Listener, MAX_PAYLOAD};

/// True when other nodes may share the database (PostgreSQL).
pub fn shared(platform: &Platform) -> bool {
    platform.backend() == civic_store::Backend::Postgres
}

/// Sends `payload` on `channel` to every listening node.
pub async fn send(platform: &Platform, channel: &str, payload: &str) -> Result<(), AppError> {
    Ok(civic_store::signals::notify(platform, channel, payload).await?)
}

/// A session listening on `channel`; `None` on SQLite.
pub async fn listen(platform: &Platform, channel: &str) -> Result<Option<Listener>, AppError> {
    Ok(Listener::connect(platform, channel).await?)
}
