//! A consistent copy of the SQLite database while the server runs, through
//! SQLite's online backup API. sqlx has no wrapper for it, so this is the one
//! place with FFI: the source is a sqlx connection (its raw handle), the
//! destination a connection opened here and closed before returning.

use crate::{Backend, Db, StoreError};
use libsqlite3_sys as ffi;
use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use std::ffi::CString;
use std::path::Path;

impl Db {
    /// Writes a copy of the SQLite database to `dest` (replaced atomically:
    /// written beside it, then renamed). PostgreSQL is backed up with
    /// `pg_dump`; asking for it here is an error that says so.
    pub async fn backup_sqlite(&self, dest: &Path) -> Result<u64, StoreError> {
        let (Backend::Sqlite, Some(source)) = (self.backend(), self.sqlite_path()) else {
            return Err(StoreError::Other(sqlx::Error::Configuration(
                "backup copies the SQLite database; for PostgreSQL use pg_dump (see the README)".into(),
            )));
        };
        let tmp = dest.with_extension("partial");
        let _ = std::fs::remove_file(&tmp);
        let tmp_c = CString::new(tmp.to_string_lossy().as_bytes())
            .map_err(|_| StoreError::Other(sqlx::Error::Configuration("the backup path contains a NUL byte".into())))?;

        let mut conn = SqliteConnectOptions::new()
            .filename(source)
            .read_only(true)
            .connect()
            .await?;
        let mut handle = conn.lock_handle().await?;
        let src = handle.as_raw_handle().as_ptr();

        // SAFETY: `src` is a live connection held locked by `handle` for the
        // whole block; `dst` is opened and closed here, and every pointer
        // passed to SQLite outlives the call that uses it.
        let rc = unsafe {
            let mut dst: *mut ffi::sqlite3 = std::ptr::null_mut();
            let mut rc = ffi::sqlite3_open_v2(
                tmp_c.as_ptr(),
                &mut dst,
                ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE,
                std::ptr::null(),
            );
            if rc == ffi::SQLITE_OK {
                let main = c"main";
                let backup = ffi::sqlite3_backup_init(dst, main.as_ptr(), src, main.as_ptr());
                if backup.is_null() {
                    rc = ffi::sqlite3_errcode(dst);
                } else {
                    // -1: copy every page in one step, under one read
                    // transaction, so the copy is a single consistent state.
                    let step = ffi::sqlite3_backup_step(backup, -1);
                    let finish = ffi::sqlite3_backup_finish(backup);
                    rc = if step == ffi::SQLITE_DONE { finish } else { step };
                }
            }
            ffi::sqlite3_close(dst);
            rc
        };
        drop(handle);
        drop(conn);
        if rc != ffi::SQLITE_OK {
            let _ = std::fs::remove_file(&tmp);
            return Err(StoreError::Other(sqlx::Error::Configuration(
                format!("SQLite backup failed with code {rc}").into(),
            )));
        }
        std::fs::rename(&tmp, dest).map_err(|e| StoreError::Other(sqlx::Error::Io(e)))?;
        Ok(std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0))
    }
}
