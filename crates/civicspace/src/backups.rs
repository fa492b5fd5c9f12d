//! Scheduled backups of the SQLite database, inside `serve`: a consistent
//! copy into DATA_DIR/backups every `every`, the newest `keep` kept. The first
//! is due `every` after the newest one already there (at once when there is
//! none), so restarts neither skip nor repeat one.

use crate::config::BackupSchedule;
use civic_app::Platform;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const PREFIX: &str = "civicspace-";
const SUFFIX: &str = ".db";

/// A backup's file name: `civicspace-20261206T143000Z.db` (UTC), which sorts
/// by time.
fn file_name(at: SystemTime) -> String {
    let secs = at.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() as i64;
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{PREFIX}{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z{SUFFIX}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to a date (Howard Hinnant's algorithm): one
/// formatting need, not worth a date crate in the binary.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The scheduled backups in `dir`, oldest first, with their modification times.
fn existing(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, SystemTime)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(PREFIX) && name.ends_with(SUFFIX)
        })
        .filter_map(|e| Some((e.path(), e.metadata().ok()?.modified().ok()?)))
        .collect();
    found.sort();
    found
}

/// Deletes all but the newest `keep` scheduled backups.
fn prune(dir: &Path, keep: usize) {
    let found = existing(dir);
    let excess = found.len().saturating_sub(keep);
    for (path, _) in found.into_iter().take(excess) {
        if let Err(e) = std::fs::remove_file(&path) {
            tracing::warn!(file = %path.display(), error = %e, "cannot delete an old backup");
        }
    }
}

fn report_age(last: Option<SystemTime>) {
    if let Some(last) = last {
        let at = last.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs_f64();
        let age = SystemTime::now().duration_since(last).unwrap_or_default().as_secs_f64();
        metrics::gauge!("backup_last_success_timestamp_seconds").set(at);
        metrics::gauge!("backup_last_age_seconds").set(age);
    }
}

/// Backs up on the schedule until `stop` turns true.
pub async fn run(
    platform: Platform,
    schedule: BackupSchedule,
    dir: PathBuf,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    if let Err(e) = std::fs::create_dir_all(&dir) {
        tracing::error!(dir = %dir.display(), error = %e, "cannot create the backup directory: no scheduled backups");
        return;
    }
    let mut last = existing(&dir).last().map(|(_, at)| *at);
    // After a failure, the next try is a minute later rather than a period.
    let mut retry_at: Option<SystemTime> = None;
    loop {
        report_age(last);
        let due = retry_at
            .or_else(|| last.map(|at| at + schedule.every))
            .unwrap_or_else(SystemTime::now);
        match due.duration_since(SystemTime::now()) {
            Ok(wait) if !wait.is_zero() => {
                // Wake at least every minute to keep the age gauge current.
                tokio::select! {
                    _ = tokio::time::sleep(wait.min(Duration::from_secs(60))) => continue,
                    _ = stop.changed() => return,
                }
            }
            _ => {}
        }
        if *stop.borrow() {
            return;
        }
        let now = SystemTime::now();
        let file = dir.join(file_name(now));
        match platform.backup_sqlite(&file).await {
            Ok(bytes) => {
                tracing::info!(file = %file.display(), bytes, "scheduled backup written");
                last = Some(now);
                retry_at = None;
                prune(&dir, schedule.keep);
            }
            Err(e) => {
                tracing::error!(file = %file.display(), error = %e, "scheduled backup failed");
                metrics::counter!("backup_failures_total").increment(1);
                retry_at = Some(now + Duration::from_secs(60));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_time_in_utc() {
        assert_eq!(file_name(UNIX_EPOCH), "civicspace-19700101T000000Z.db");
        let later = UNIX_EPOCH + Duration::from_secs(1_796_567_445);
        assert_eq!(file_name(later), "civicspace-20261206T143045Z.db");
        let leap_day = UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(file_name(leap_day), "civicspace-20000229T000000Z.db");
    }

    #[test]
    fn pruning_keeps_the_newest() {
        let dir = tempfile::tempdir().unwrap();
        for (i, name) in [
            "civicspace-20261201T000000Z.db",
            "civicspace-20261202T000000Z.db",
            "civicspace-20261203T000000Z.db",
        ]
        .iter()
        .enumerate()
        {
            let path = dir.path().join(name);
            std::fs::write(&path, b"x").unwrap();
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            f.set_modified(UNIX_EPOCH + Duration::from_secs(1_000 + i as u64))
                .unwrap();
        }
        std::fs::write(dir.path().join("manual.db"), b"x").unwrap();
        prune(dir.path(), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "civicspace-20261202T000000Z.db",
                "civicspace-20261203T000000Z.db",
                "manual.db"
            ]
        );
    }
}
