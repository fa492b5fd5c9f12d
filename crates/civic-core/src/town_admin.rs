//! The town administrator's home: what needs attention and how
//! participation went this month against the last. Pure rules; the counts
//! come from the store.

use crate::Timestamp;

/// Ideas past their space's support threshold have no answer deadline of
/// their own: one that has waited this many days for the city's first
/// answer (counted from when it was published) is late.
pub const IDEA_ANSWER_DAYS: i64 = 30;

/// Flags have no "handled" state yet: those of this many recent days are
/// shown as waiting.
pub const FLAG_RECENT_DAYS: i64 = 7;

/// Polls closing within this many days are listed.
pub const POLL_CLOSING_DAYS: i64 = 7;

const DAY_MS: i64 = 86_400_000;

/// Days since 1970-01-01 of a civil date (Howard Hinnant's days-from-civil).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The months compared on the admin home (UTC): the start of last month,
/// the start of this month, and `now` (this month so far).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Months {
    pub last_start: Timestamp,
    pub this_start: Timestamp,
    pub now: Timestamp,
}

impl Months {
    pub fn at(now: Timestamp) -> Months {
        let (y, m, _) = now.ymd();
        let (ly, lm) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
        Months {
            last_start: Timestamp(days_from_civil(ly, lm, 1) * DAY_MS),
            this_start: Timestamp(days_from_civil(y, m, 1) * DAY_MS),
            now,
        }
    }
}

/// What waits for staff, counted at one instant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Attention {
    /// Ideas past their threshold without the city's answer.
    pub ideas_waiting: i64,
    /// Of those, the ones waiting longer than [`IDEA_ANSWER_DAYS`].
    pub ideas_late: i64,
    /// Flags of the last [`FLAG_RECENT_DAYS`] days.
    pub flags_recent: i64,
    /// Petitions submitted and waiting for the staff's check.
    pub petitions_to_check: i64,
    /// Petitions that succeeded, their answer not yet due.
    pub petitions_awaiting: i64,
    /// Petitions whose answer is past its due date.
    pub petitions_overdue: i64,
    /// Problem reports open.
    pub reports_open: i64,
    /// Open problem reports past their target time.
    pub reports_overdue: i64,
}

impl Attention {
    /// Nothing at all waits.
    pub fn is_calm(&self) -> bool {
        *self == Attention::default()
    }
}

/// One kind of participation: this month so far and the whole last month.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Participation {
    /// `accounts`, `ideas`, `comments`, `supports`, `poll_responses`,
    /// `signatures` or `reports`.
    pub kind: String,
    pub this_month: i64,
    pub last_month: i64,
}

/// A published poll that closes soon.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct ClosingPoll {
    pub id: i64,
    pub title: String,
    pub closes_at: i64,
}

/// The kinds of participation counted, in the order shown.
pub const PARTICIPATION: [&str; 7] = [
    "accounts",
    "ideas",
    "comments",
    "supports",
    "poll_responses",
    "signatures",
    "reports",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_start_on_the_first_in_utc() {
        // 2026-12-06T13:58:22Z
        let m = Months::at(Timestamp(1_796_565_502_000));
        assert_eq!(m.this_start.iso_date(), "2026-12-01");
        assert_eq!(m.last_start.iso_date(), "2026-11-01");
        assert_eq!(m.this_start.0 % DAY_MS, 0);
        // January looks back to December of the year before.
        let jan = Months::at(Timestamp(days_from_civil(2027, 1, 15) * DAY_MS));
        assert_eq!(jan.last_start.iso_date(), "2026-12-01");
        assert_eq!(jan.this_start.iso_date(), "2027-01-01");
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            Timestamp(days_from_civil(2000, 2, 29) * DAY_MS).iso_date(),
            "2000-02-29"
        );
    }

    #[test]
    fn calm_means_nothing_waits() {
        assert!(Attention::default().is_calm());
        let one = Attention {
            reports_overdue: 1,
            ..Attention::default()
        };
        assert!(!one.is_calm());
    }
}
