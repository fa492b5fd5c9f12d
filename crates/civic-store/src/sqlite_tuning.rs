//! Process-wide settings of the bundled SQLite that sqlx has no option for.
//!
//! Both were found by profiling the idea list under load (docs/performance.md,
//! "The list page, second pass"):
//!
//! - **Query planner stability (QPSG) on every connection.** Without it,
//!   SQLite lets the value bound to `LIMIT ?` (and to terms compared with
//!   partial-index or STAT4 data) shape the plan, and marks the statement to be
//!   compiled again whenever that parameter is bound anew. sqlx binds every
//!   parameter on every execution, so each cached statement was parsed and
//!   planned again on each use: a sixth of the list page's time. With QPSG the
//!   plan is the one made for the SQL text, which is what a statement cache
//!   assumes.
//! - **No memory statistics.** With them on, every allocation inside SQLite
//!   takes one mutex shared by all connections; the reader threads contended
//!   on it. Nothing here reads `sqlite3_memory_used`.

use libsqlite3_sys as ffi;
use std::ffi::{c_char, c_int};
use std::sync::Once;

/// Applies the settings; call before the first connection opens. Later
/// calls do nothing.
pub(crate) fn apply() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config is only allowed before SQLite initialises;
        // called later it returns SQLITE_MISUSE and changes nothing, which is
        // harmless (the statistics stay on). The variadic argument is the int
        // the option takes.
        unsafe {
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int);
        }
        // SAFETY: `on_open` has the signature SQLite calls automatic
        // extensions with, and lives as long as the process.
        unsafe {
            ffi::sqlite3_auto_extension(Some(on_open));
        }
    });
}

/// Runs inside `sqlite3_open` for every connection of the process.
unsafe extern "C" fn on_open(
    db: *mut ffi::sqlite3,
    _error: *mut *mut c_char,
    _api: *const ffi::sqlite3_api_routines,
) -> c_int {
    // SAFETY: `db` is the connection being opened; the variadic arguments of
    // this option are an int (1: on) and a nullable int pointer for the result.
    unsafe {
        ffi::sqlite3_db_config(
            db,
            ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as c_int,
            std::ptr::null_mut::<c_int>(),
        );
    }
    ffi::SQLITE_OK
}
