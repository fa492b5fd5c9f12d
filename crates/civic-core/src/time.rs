//! Time is UTC, stored as unix milliseconds so both databases hold it alike.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Self {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Timestamp(ms)
    }

    pub fn minus_days(self, days: i64) -> Self {
        Timestamp(self.0 - days * 86_400_000)
    }

    /// Calendar date (year, month, day) in UTC, by Howard Hinnant's
    /// days-from-civil inverse; enough for display without a date crate.
    pub fn ymd(self) -> (i64, u32, u32) {
        let days = self.0.div_euclid(86_400_000);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (if m <= 2 { y + 1 } else { y }, m, d)
    }

    /// `YYYY-MM-DD`, for `<time datetime>` attributes.
    pub fn iso_date(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(Timestamp(0).iso_date(), "1970-01-01");
        // 2026-11-27T22:55:27Z
        assert_eq!(Timestamp(1_795_820_127_000).iso_date(), "2026-11-27");
        assert_eq!(Timestamp(951_782_400_000).iso_date(), "2000-02-29");
        assert_eq!(Timestamp(-86_400_000).iso_date(), "1969-12-31");
    }
}
