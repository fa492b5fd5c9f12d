//! Platform-wide facts that are not tenant-owned, such as whether the demo
//! municipality was seeded.

use crate::{Db, StoreError};
use sqlx::Row;

pub async fn get(db: &Db, key: &str) -> Result<Option<String>, StoreError> {
    let row = sqlx::query("SELECT value FROM platform_meta WHERE key = $1")
        .bind(key)
        .fetch_optional(&mut *db.reader().await?)
        .await?;
    Ok(row.map(|r| r.get::<String, _>(0)))
}

/// Sets `key` only if it is unset; true when this call set it. Lets one of
/// several starting processes claim a one-time job such as the demo seed.
pub async fn claim(db: &Db, key: &str, value: &str) -> Result<bool, StoreError> {
    let done = sqlx::query("INSERT INTO platform_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(key)
        .bind(value)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete(db: &Db, key: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM platform_meta WHERE key = $1")
        .bind(key)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}
