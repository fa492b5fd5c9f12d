//! PostgreSQL streaming replicas for reads that may be a moment old.
//!
//! Which reads may be stale is the caller's decision, not the repository's:
//! the web layer runs a request with [`Db::with_stale_reads`] when nobody is
//! signed in (public pages, lists, results, search), so a person who just
//! wrote always reads from the primary. Inside a transaction every statement
//! stays on the primary.
//!
//! A watch ([`Db::watch_replicas`]) compares each replica's replayed WAL
//! position with the position the primary had one tick earlier: a replica
//! that is further behind than that, or does not answer, is skipped until it
//! catches up, and its reads go to the primary.

use crate::{Db, StoreError, redact_url};
use sqlx::any::AnyPoolOptions;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyPool};
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

tokio::task_local! {
    static STALE_READS: bool;
}

/// How often the watch compares positions: the most a replica read may lag.
pub const WATCH_EVERY: Duration = Duration::from_secs(1);

#[derive(Debug)]
pub(crate) struct Replica {
    pool: AnyPool,
    redacted_url: String,
    /// Caught up at the last look. Starts false: unknown until the watch says.
    fresh: AtomicBool,
}

impl Replica {
    pub(crate) fn connect_lazy(
        url: &str,
        max_connections: u32,
        statement_timeout: Option<Duration>,
    ) -> Result<Replica, StoreError> {
        // Short waits: a replica that does not answer is skipped, not waited for.
        let pool = crate::db::with_timeouts(AnyPoolOptions::new(), statement_timeout)
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_millis(500))
            .idle_timeout(Duration::from_secs(300))
            .connect_lazy(url)?;
        Ok(Replica {
            pool,
            redacted_url: redact_url(url),
            fresh: AtomicBool::new(false),
        })
    }

    pub(crate) async fn close(&self) {
        self.pool.close().await;
    }

    fn set_fresh(&self, fresh: bool) {
        if self.fresh.swap(fresh, Ordering::Relaxed) != fresh {
            if fresh {
                tracing::info!(replica = %self.redacted_url, "replica caught up: reads go to it again");
            } else {
                tracing::warn!(replica = %self.redacted_url, "replica behind or unreachable: its reads go to the primary");
            }
        }
    }
}

/// A connection to a fresh replica when the running request allows stale
/// reads; `None` sends the read to the primary.
pub(crate) async fn acquire_stale(replicas: &[Replica]) -> Option<PoolConnection<Any>> {
    if replicas.is_empty() || !STALE_READS.try_with(|ok| *ok).unwrap_or(false) {
        return None;
    }
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let start = NEXT.fetch_add(1, Ordering::Relaxed);
    for i in 0..replicas.len() {
        let replica = &replicas[(start + i) % replicas.len()];
        if !replica.fresh.load(Ordering::Relaxed) {
            continue;
        }
        match replica.pool.acquire().await {
            Ok(conn) => return Some(conn),
            Err(_) => replica.set_fresh(false),
        }
    }
    None
}

/// A WAL position (`16/B374D848`) as a number, to compare.
fn lsn(text: &str) -> Option<u64> {
    let (high, low) = text.split_once('/')?;
    Some((u64::from_str_radix(high, 16).ok()? << 32) | u64::from_str_radix(low, 16).ok()?)
}

async fn position(pool: &AnyPool, sql: &'static str) -> Option<u64> {
    let text: Option<String> = tokio::time::timeout(WATCH_EVERY, sqlx::query_scalar(sql).fetch_one(pool))
        .await
        .ok()?
        .ok()?;
    lsn(&text?)
}

const PRIMARY_POSITION: &str = "SELECT pg_current_wal_lsn()::text";
// A replica reports what it has replayed; a server that is not in recovery
// (the primary given as a read URL) what it has written.
const REPLICA_POSITION: &str = "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() \
     ELSE pg_current_wal_lsn() END)::text";

impl Db {
    /// Runs `work` allowing its reads outside transactions to go to a
    /// replica that is caught up (if there is one).
    pub async fn with_stale_reads<F: Future>(work: F) -> F::Output {
        STALE_READS.scope(true, work).await
    }

    /// True when there are replicas to send reads to.
    pub fn has_replicas(&self) -> bool {
        !self.replica_set().is_empty()
    }

    /// Looks at every replica now: fresh when it has replayed at least up to
    /// `behind`, the primary's position a tick earlier. Answers the primary's
    /// position now, for the next look.
    pub async fn check_replicas(&self, behind: Option<u64>) -> Option<u64> {
        let now = position(self.primary(), PRIMARY_POSITION).await;
        let wanted = behind.or(now);
        for replica in self.replica_set() {
            let replayed = position(&replica.pool, REPLICA_POSITION).await;
            let fresh = matches!((replayed, wanted), (Some(r), Some(w)) if r >= w);
            replica.set_fresh(fresh);
        }
        now
    }

    /// Keeps the replicas' freshness up to date until `stop` turns true.
    pub async fn watch_replicas(&self, mut stop: tokio::sync::watch::Receiver<bool>) {
        if !self.has_replicas() {
            return;
        }
        let mut behind = None;
        loop {
            behind = self.check_replicas(behind).await;
            tokio::select! {
                _ = tokio::time::sleep(WATCH_EVERY) => {}
                _ = stop.changed() => return,
            }
            if *stop.borrow() {
                return;
            }
        }
    }

    /// How many replicas are caught up now (for metrics and tests).
    pub fn fresh_replicas(&self) -> usize {
        self.replica_set()
            .iter()
            .filter(|r| r.fresh.load(Ordering::Relaxed))
            .count()
    }

    /// True when a plain read through this handle, now, is answered by a
    /// server in recovery (a replica): for tests of the routing.
    pub async fn read_is_from_replica(&self) -> Result<bool, StoreError> {
        let mut conn = self.reader().await?;
        let in_recovery: bool = sqlx::query_scalar("SELECT pg_is_in_recovery()")
            .fetch_one(&mut *conn)
            .await?;
        Ok(in_recovery)
    }
}

#[cfg(test)]
mod tests {
    use super::lsn;

    #[test]
    fn wal_positions_compare_as_numbers() {
        assert_eq!(lsn("0/0"), Some(0));
        assert_eq!(lsn("16/B374D848"), Some((0x16 << 32) | 0xB374_D848));
        assert!(lsn("1/0") > lsn("0/FFFFFFFF"));
        assert_eq!(lsn("nonsense"), None);
    }
}
