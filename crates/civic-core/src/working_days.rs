//! A tenant's working-day calendar: which days count when a deadline is
//! "N working days" (the council's answer to a petition, a department's
//! target time for a problem report).
//!
//! Days are whole UTC days since 1970-01-01, as `polls::parse_date` gives
//! them. The weekend is fixed (Saturday and Sunday); the days off are the
//! city's own list, because Ukrainian public holidays are working days
//! while martial law lasts and may become days off again by decree.

use std::collections::BTreeMap;

use crate::polls::{date_of, parse_date};

const DAY_MS: i64 = 86_400_000;

/// Monday = 0 … Sunday = 6. 1970-01-01 was a Thursday.
pub fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// The UTC day a timestamp falls on.
pub fn day_of(at_ms: i64) -> i64 {
    at_ms.div_euclid(DAY_MS)
}

/// The last millisecond of a day, for "until the end of that day".
pub fn end_of_day(day: i64) -> i64 {
    (day + 1) * DAY_MS - 1
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingCalendar {
    /// Day → its name ("Новий рік"), possibly empty.
    days_off: BTreeMap<i64, String>,
}

/// A line of a days-off list that is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDayLine {
    pub line: usize,
    pub text: String,
}

/// At most this many days off may be listed: twenty years of holidays.
pub const MAX_DAYS_OFF: usize = 400;

impl WorkingCalendar {
    pub fn new(days_off: impl IntoIterator<Item = (i64, String)>) -> Self {
        WorkingCalendar {
            days_off: days_off.into_iter().collect(),
        }
    }

    /// One `YYYY-MM-DD` per line, optionally followed by a name
    /// ("2027-01-01 Новий рік"); blank lines are skipped. Every bad line is
    /// reported, so a clerk fixes them all at once.
    pub fn parse(text: &str) -> Result<Self, Vec<BadDayLine>> {
        let mut days = BTreeMap::new();
        let mut bad = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            let (first, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            match parse_date(first) {
                Some(day) => {
                    days.insert(day, name.trim().chars().take(100).collect());
                }
                None => bad.push(BadDayLine {
                    line: i + 1,
                    text: line.chars().take(40).collect(),
                }),
            }
        }
        if days.len() > MAX_DAYS_OFF {
            bad.push(BadDayLine {
                line: 0,
                text: format!("{} > {MAX_DAYS_OFF}", days.len()),
            });
        }
        if bad.is_empty() {
            Ok(WorkingCalendar { days_off: days })
        } else {
            Err(bad)
        }
    }

    /// The list as a clerk edits it, one date per line, oldest first.
    pub fn to_text(&self) -> String {
        self.days_off
            .iter()
            .map(|(d, name)| {
                if name.is_empty() {
                    date_of(*d)
                } else {
                    format!("{} {name}", date_of(*d))
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Each day off with its name, oldest first.
    pub fn days_off(&self) -> impl Iterator<Item = (i64, &str)> + '_ {
        self.days_off.iter().map(|(d, n)| (*d, n.as_str()))
    }

    pub fn is_working(&self, day: i64) -> bool {
        weekday(day) < 5 && !self.days_off.contains_key(&day)
    }

    /// The `n`-th working day after `from` (`from` itself does not count:
    /// a petition sent to the council on Friday has its first working day
    /// on Monday). `n = 0` gives `from`.
    pub fn add_working_days(&self, from: i64, n: u32) -> i64 {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day += 1;
            if self.is_working(day) {
                left -= 1;
            }
        }
        day
    }

    /// The deadline `n` working days after the moment `at_ms`, as the last
    /// millisecond of that day.
    pub fn deadline_after(&self, at_ms: i64, n: u32) -> i64 {
        end_of_day(self.add_working_days(day_of(at_ms), n))
    }
}

/// Whole days a deadline has passed by at `now_ms` (0 when it has not).
pub fn days_overdue(deadline_ms: i64, now_ms: i64) -> i64 {
    if now_ms <= deadline_ms {
        0
    } else {
        (now_ms - deadline_ms).div_euclid(DAY_MS) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> i64 {
        parse_date(s).unwrap()
    }

    #[test]
    fn weekdays_follow_the_calendar() {
        assert_eq!(weekday(d("1970-01-01")), 3);
        assert_eq!(weekday(d("2026-12-04")), 4); // a Friday
        assert_eq!(weekday(d("2026-12-06")), 6); // a Sunday
    }

    #[test]
    fn working_days_skip_weekends_and_the_citys_days_off() {
        let plain = WorkingCalendar::default();
        // Friday + 1 working day = Monday.
        assert_eq!(date_of(plain.add_working_days(d("2026-12-04"), 1)), "2026-12-07");
        // Ten working days from a Friday: two whole weeks.
        assert_eq!(date_of(plain.add_working_days(d("2026-12-04"), 10)), "2026-12-18");
        assert_eq!(plain.add_working_days(d("2026-12-05"), 0), d("2026-12-05"));

        let city = WorkingCalendar::parse("2026-12-25 Різдво\n\n2027-01-01 Новий рік").unwrap();
        assert!(!city.is_working(d("2026-12-25")));
        // From Wed 23 Dec, 3 working days: Thu 24, (Fri 25 off), Mon 28, Tue 29.
        assert_eq!(date_of(city.add_working_days(d("2026-12-23"), 3)), "2026-12-29");
        assert_eq!(city.to_text(), "2026-12-25 Різдво\n2027-01-01 Новий рік");
    }

    #[test]
    fn a_bad_list_names_every_bad_line() {
        let bad = WorkingCalendar::parse("2026-12-25\n25.12.2026\n\n2026-02-30 x").unwrap_err();
        assert_eq!(bad.iter().map(|b| b.line).collect::<Vec<_>>(), vec![2, 4]);
    }

    #[test]
    fn overdue_days_count_from_the_end_of_the_deadline_day() {
        let deadline = end_of_day(d("2026-12-07"));
        assert_eq!(days_overdue(deadline, deadline), 0);
        assert_eq!(days_overdue(deadline, deadline + 1), 1);
        assert_eq!(days_overdue(deadline, deadline + 1 + 3 * DAY_MS), 4);
    }
}
