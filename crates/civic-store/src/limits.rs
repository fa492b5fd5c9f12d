//! Rate-limit counters, in the database so that every app node counts the
//! same hits. One row per bucket, a fixed window, updated by one atomic
//! upsert so parallel requests cannot both slip under the limit.

use crate::{Db, StoreError};
use civic_core::Timestamp;

/// A bucket's state right after a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Window {
    pub window_start: i64,
    pub hits: i64,
    pub last_hit_at: i64,
}

/// Counts one hit in `bucket`; a window older than `window_ms` starts over.
pub async fn hit(db: &Db, bucket: &str, window_ms: i64, now: Timestamp) -> Result<Window, StoreError> {
    Ok(sqlx::query_as(
        "INSERT INTO rate_limits (bucket, window_start, hits, last_hit_at) VALUES ($1, $2, 1, $2) \
         ON CONFLICT (bucket) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END, \
           window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END, \
           last_hit_at = $2 \
         RETURNING window_start, hits, last_hit_at",
    )
    .bind(bucket)
    .bind(now.0)
    .bind(now.0 - window_ms)
    .fetch_one(&mut *db.writer().await?)
    .await?)
}

/// The bucket's current window, without counting a hit; `None` when it has
/// no hits in a window younger than `window_ms`.
pub async fn peek(db: &Db, bucket: &str, window_ms: i64, now: Timestamp) -> Result<Option<Window>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT window_start, hits, last_hit_at FROM rate_limits WHERE bucket = $1 AND window_start > $2",
    )
    .bind(bucket)
    .bind(now.0 - window_ms)
    .fetch_optional(&mut *db.reader().await?)
    .await?)
}

/// Forgets a bucket (a successful sign-in clears the account's failures).
pub async fn clear(db: &Db, bucket: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM rate_limits WHERE bucket = $1")
        .bind(bucket)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

/// Deletes windows that began before `older_than`, except buckets whose
/// name contains `long_lived` (windows of weeks, e.g. addresses an account
/// signed in from), which go when they began before `long_lived_older_than`;
/// returns how many.
pub async fn sweep(
    db: &Db,
    older_than: Timestamp,
    long_lived: &str,
    long_lived_older_than: Timestamp,
) -> Result<u64, StoreError> {
    Ok(sqlx::query(
        "DELETE FROM rate_limits WHERE window_start < $1 \
         AND (bucket NOT LIKE '%' || $2 || '%' OR window_start < $3)",
    )
    .bind(older_than.0)
    .bind(long_lived)
    .bind(long_lived_older_than.0)
    .execute(&mut *db.writer().await?)
    .await?
    .rows_affected())
}
