//! Periodic clean-up so nothing needs an operator: expired sessions and
//! e-mail links, and finished rate-limit windows. Every node may run it;
//! the deletes are idempotent.

use crate::Platform;
use civic_core::Timestamp;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(600);

/// Runs one round now and then every ten minutes until `stop` turns true.
pub async fn run(db: Platform, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        round(&db).await;
        tokio::select! {
            _ = tokio::time::sleep(EVERY) => {}
            _ = stop.changed() => return,
        }
    }
}

/// One round; failures are logged and retried next round.
pub async fn round(db: &Platform) {
    match civic_store::sessions::delete_expired(db, Timestamp::now()).await {
        Ok(n) if n > 0 => tracing::info!(rows = n, "deleted expired sessions and e-mail links"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "could not delete expired sessions"),
    }
    match crate::limits::sweep(db).await {
        Ok(n) if n > 0 => tracing::debug!(rows = n, "swept finished rate-limit windows"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "could not sweep rate limits"),
    }
}
