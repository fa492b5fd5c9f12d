//! Participation statistics (issue 24): the period a dashboard reads, days
//! and weeks, the median, and the geometry of the bars the pages draw. Pure
//! helpers; the figures themselves are counted in SQL.

use crate::{Invalid, Problems, Timestamp, Zone};

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// The longest period a dashboard reads, in days (five years).
pub const MAX_DAYS: i64 = 5 * 366;

/// A calendar day: days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

impl Day {
    /// The day of `at` on the wall clock of `zone`.
    pub fn of(at: Timestamp, zone: &Zone) -> Day {
        Day(at.local(zone).0.div_euclid(DAY_MS))
    }

    /// The UTC day of `at`.
    pub fn utc(at: Timestamp) -> Day {
        Day(at.0.div_euclid(DAY_MS))
    }

    /// A date as `YYYY-MM-DD` (nothing else: no time, no spaces inside).
    pub fn parse(raw: &str) -> Option<Day> {
        let raw = raw.trim();
        let mut parts = raw.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        Day::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The day of a calendar date, `None` when there is no such date.
    pub fn from_ymd(y: i64, m: u32, d: u32) -> Option<Day> {
        if !(1..=12).contains(&m) || d == 0 {
            return None;
        }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days_in_month = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if d > days_in_month {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = i64::from((m + 9) % 12);
        let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    pub fn ymd(self) -> (i64, u32, u32) {
        Timestamp(self.0 * DAY_MS).ymd()
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        Timestamp(self.0 * DAY_MS).iso_date()
    }

    /// The Monday of this day's week (1970-01-01 was a Thursday).
    pub fn week_start(self) -> Day {
        Day(self.0 - (self.0 + 3).rem_euclid(7))
    }

    /// The first day of this day's month.
    pub fn month_start(self) -> Day {
        let (y, m, _) = self.ymd();
        Day::from_ymd(y, m, 1).unwrap_or(self)
    }

    /// The first day of the next month.
    pub fn next_month(self) -> Day {
        let (y, m, _) = self.ymd();
        let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        Day::from_ymd(y, m, 1).unwrap_or(self.plus(31))
    }

    /// The first of January of this day's year.
    pub fn year_start(self) -> Day {
        let (y, _, _) = self.ymd();
        Day::from_ymd(y, 1, 1).unwrap_or(self)
    }

    pub fn plus(self, days: i64) -> Day {
        Day(self.0 + days)
    }

    /// The moment this day begins on the wall clock of `zone`.
    pub fn start(self, zone: &Zone) -> Timestamp {
        let midnight = self.0 * DAY_MS;
        // The offset a little after that midnight (a change of clocks
        // happens at night, not at midnight, in the zones we serve).
        Timestamp(midnight - zone.offset_ms(Timestamp(midnight)))
    }
}

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Day,
    pub to: Day,
}

/// A preset of the period form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// The last 30 days, today included.
    Days30,
    /// From the first of January to today.
    ThisYear,
}

impl Preset {
    pub fn parse(raw: &str) -> Option<Preset> {
        match raw {
            "30d" => Some(Preset::Days30),
            "year" => Some(Preset::ThisYear),
            _ => None,
        }
    }
}

impl Period {
    pub fn preset(preset: Preset, today: Day) -> Period {
        match preset {
            Preset::Days30 => Period {
                from: today.plus(-29),
                to: today,
            },
            Preset::ThisYear => Period {
                from: today.year_start(),
                to: today,
            },
        }
    }

    /// The period of a form or a query: `from` and `to` as `YYYY-MM-DD`,
    /// either missing taking the `default` period's. Refused: a date that
    /// is not one, `from` after `to`, more than five years.
    pub fn parse(from: Option<&str>, to: Option<&str>, default: Period) -> Result<Period, Problems> {
        let mut problems = Problems::new();
        let mut day = |field: &'static str, raw: Option<&str>, fallback: Day| match raw.map(str::trim) {
            None | Some("") => Some(fallback),
            Some(raw) => problems.check(Day::parse(raw).ok_or_else(|| {
                Invalid::new(
                    field,
                    "invalid_date",
                    format!(
                        "'{}' is not a date written YYYY-MM-DD",
                        raw.chars().take(40).collect::<String>()
                    ),
                )
            })),
        };
        let from = day("from", from, default.from);
        let to = day("to", to, default.to);
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                problems.push(Invalid::new(
                    "from",
                    "period_reversed",
                    "the period's first day comes after its last",
                ));
            } else if to.0 - from.0 + 1 > MAX_DAYS {
                problems.push(Invalid::new(
                    "to",
                    "period_too_long",
                    format!("a period is at most {MAX_DAYS} days (five years)"),
                ));
            } else if problems.is_empty() {
                return Ok(Period { from, to });
            }
        }
        Err(problems)
    }

    pub fn days(&self) -> i64 {
        self.to.0 - self.from.0 + 1
    }

    /// The period as moments in `zone`: its start, and the start of the day
    /// after it (excluded).
    pub fn bounds(&self, zone: &Zone) -> (Timestamp, Timestamp) {
        (self.from.start(zone), self.to.plus(1).start(zone))
    }

    /// The Mondays of the weeks the period touches, in order.
    pub fn weeks(&self) -> Vec<Day> {
        let mut out = Vec::new();
        let mut week = self.from.week_start();
        while week <= self.to {
            out.push(week);
            week = week.plus(7);
        }
        out
    }
}

/// Periods longer than this many days are told per month, not per week:
/// a year is 12 bars and rows, not 53.
pub const MONTHLY_AFTER_DAYS: i64 = 120;

impl Period {
    /// The first days of the months the period touches, in order.
    pub fn months(&self) -> Vec<Day> {
        let mut out = Vec::new();
        let mut month = self.from.month_start();
        while month <= self.to {
            out.push(month);
            month = month.next_month();
        }
        out
    }

    /// Whether the period is told per month ([`MONTHLY_AFTER_DAYS`]).
    pub fn monthly(&self) -> bool {
        self.days() > MONTHLY_AFTER_DAYS
    }
}

/// Counts per day summed into `slots` (each slot's first day, in order) by
/// `slot_of` a day; days outside the period left out.
fn summed(period: &Period, days: &[(Day, i64)], slots: Vec<Day>, slot_of: fn(Day) -> Day) -> Vec<(Day, i64)> {
    let mut out: Vec<(Day, i64)> = slots.into_iter().map(|w| (w, 0)).collect();
    for (day, count) in days {
        if *day < period.from || *day > period.to {
            continue;
        }
        let slot = slot_of(*day);
        if let Some(found) = out.iter_mut().find(|(w, _)| *w == slot) {
            found.1 += count;
        }
    }
    out
}

/// Counts per day summed per week: one count for each of `period`'s weeks
/// (see [`Period::weeks`]), days outside the period left out.
pub fn per_week(period: &Period, days: &[(Day, i64)]) -> Vec<(Day, i64)> {
    summed(period, days, period.weeks(), Day::week_start)
}

/// Counts per day summed per month, as [`per_week`] per week.
pub fn per_month(period: &Period, days: &[(Day, i64)]) -> Vec<(Day, i64)> {
    summed(period, days, period.months(), Day::month_start)
}

/// The median, `None` for no values (the mean of the middle two for an
/// even count).
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    } else {
        sorted[mid]
    })
}

/// One bar of a chart, in the chart's own units (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Vertical bars for `values` side by side in a `width` × `height` box,
/// the largest value reaching the top, a `gap` between bars; negative
/// values count as zero.
pub fn columns(values: &[i64], width: f64, height: f64, gap: f64) -> Vec<Bar> {
    if values.is_empty() {
        return Vec::new();
    }
    let max = values.iter().copied().max().unwrap_or(0).max(1) as f64;
    let n = values.len() as f64;
    let slot = width / n;
    let bar = (slot - gap).max(1.0);
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let h = (*v).max(0) as f64 / max * height;
            Bar {
                x: i as f64 * slot + (slot - bar) / 2.0,
                y: height - h,
                width: bar,
                height: h,
            }
        })
        .collect()
}

/// Horizontal bars for `values`, one per row of `row` height, the largest
/// value reaching `width`.
pub fn rows(values: &[i64], width: f64, row: f64, gap: f64) -> Vec<Bar> {
    let max = values.iter().copied().max().unwrap_or(0).max(1) as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| Bar {
            x: 0.0,
            y: i as f64 * row + gap / 2.0,
            width: (*v).max(0) as f64 / max * width,
            height: (row - gap).max(1.0),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly_and_round_trip() {
        assert_eq!(Day::parse("1970-01-01"), Some(Day(0)));
        assert_eq!(Day::parse("2026-12-07").unwrap().iso(), "2026-12-07");
        assert_eq!(Day::parse("2024-02-29").unwrap().iso(), "2024-02-29");
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-1-01",
            "yesterday",
            "",
            "2026-12-07T00:00",
            "+026-12-07",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        for d in [-800_000, -1, 0, 59, 20_000, 2_000_000] {
            let (y, m, dd) = Day(d).ymd();
            assert_eq!(Day::from_ymd(y, m, dd), Some(Day(d)));
        }
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-12-07 is a Monday, 2026-12-13 a Sunday.
        let monday = Day::parse("2026-12-07").unwrap();
        assert_eq!(monday.week_start(), monday);
        assert_eq!(Day::parse("2026-12-13").unwrap().week_start(), monday);
        assert_eq!(Day::parse("2026-12-14").unwrap().week_start(), monday.plus(7));
        assert_eq!(Day(0).week_start().iso(), "1969-12-29");
        let p = Period {
            from: Day::parse("2026-12-01").unwrap(),
            to: Day::parse("2026-12-14").unwrap(),
        };
        let weeks: Vec<String> = p.weeks().iter().map(|d| d.iso()).collect();
        assert_eq!(weeks, ["2026-11-30", "2026-12-07", "2026-12-14"]);
        let counts = per_week(
            &p,
            &[
                (Day::parse("2026-12-01").unwrap(), 2),
                (Day::parse("2026-12-06").unwrap(), 1),
                (Day::parse("2026-12-13").unwrap(), 4),
                (Day::parse("2026-12-20").unwrap(), 9),
            ],
        );
        assert_eq!(counts.iter().map(|(_, c)| *c).collect::<Vec<_>>(), [3, 4, 0]);
    }

    #[test]
    fn long_periods_are_told_per_month() {
        let day = |s: &str| Day::parse(s).unwrap();
        assert_eq!(day("2026-12-31").month_start().iso(), "2026-12-01");
        assert_eq!(day("2026-12-15").next_month().iso(), "2027-01-01");
        assert_eq!(day("2024-02-29").month_start().iso(), "2024-02-01");
        let year = Period::preset(Preset::ThisYear, day("2026-12-07"));
        assert!(year.monthly());
        assert!(!Period::preset(Preset::Days30, day("2026-12-07")).monthly());
        let months: Vec<String> = year.months().iter().map(|d| d.iso()).collect();
        assert_eq!(months.len(), 12);
        assert_eq!((months[0].as_str(), months[11].as_str()), ("2026-01-01", "2026-12-01"));
        let counts = per_month(
            &year,
            &[
                (day("2025-12-31"), 9),
                (day("2026-01-01"), 1),
                (day("2026-01-31"), 2),
                (day("2026-02-01"), 4),
                (day("2026-12-07"), 5),
                (day("2026-12-08"), 9),
            ],
        );
        let counts: Vec<i64> = counts.iter().map(|(_, c)| *c).collect();
        assert_eq!(counts, [3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]);
    }

    #[test]
    fn periods_are_checked() {
        let today = Day::parse("2026-12-07").unwrap();
        let default = Period::preset(Preset::Days30, today);
        assert_eq!(default.days(), 30);
        assert_eq!(Period::preset(Preset::ThisYear, today).from.iso(), "2026-01-01");
        assert_eq!(Period::parse(None, None, default), Ok(default));
        let p = Period::parse(Some("2026-01-01"), Some("2026-01-31"), default).unwrap();
        assert_eq!(p.days(), 31);
        let codes = |from, to| -> Vec<&'static str> {
            Period::parse(Some(from), Some(to), default)
                .unwrap_err()
                .iter()
                .map(|p| p.code)
                .collect()
        };
        assert_eq!(codes("2026-02-01", "2026-01-01"), ["period_reversed"]);
        assert_eq!(codes("2020-01-01", "2026-01-01"), ["period_too_long"]);
        assert_eq!(codes("soon", "2026-02-30"), ["invalid_date", "invalid_date"]);
    }

    #[test]
    fn days_begin_at_local_midnight() {
        let kyiv = Zone::parse("Europe/Kyiv").unwrap();
        let day = Day::parse("2026-12-07").unwrap();
        // Kyiv is UTC+2 in winter: the day begins at 22:00 UTC the day before.
        assert_eq!(day.start(&kyiv).0, day.0 * DAY_MS - 2 * 3_600_000);
        assert_eq!(Day::of(day.start(&kyiv), &kyiv), day);
        assert_eq!(Day::of(Timestamp(day.start(&kyiv).0 - 1), &kyiv), day.plus(-1));
    }

    #[test]
    fn the_median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[4.0]), Some(4.0));
        assert_eq!(median(&[9.0, 1.0, 4.0]), Some(4.0));
        assert_eq!(median(&[1.0, 2.0, 10.0, 3.0]), Some(2.5));
    }

    #[test]
    fn bars_fit_their_box() {
        let bars = columns(&[0, 5, 10], 300.0, 100.0, 10.0);
        assert_eq!(bars.len(), 3);
        assert_eq!(bars[2].height, 100.0);
        assert_eq!(bars[2].y, 0.0);
        assert_eq!(bars[1].height, 50.0);
        assert_eq!(bars[0].height, 0.0);
        assert_eq!(bars[0].width, 90.0);
        assert_eq!(bars[1].x, 105.0);
        assert!(columns(&[], 100.0, 100.0, 1.0).is_empty());
        // All zero: no division by zero, nothing drawn.
        assert!(columns(&[0, 0], 100.0, 10.0, 1.0).iter().all(|b| b.height == 0.0));
        let r = rows(&[2, 4], 200.0, 20.0, 4.0);
        assert_eq!(r[1].width, 200.0);
        assert_eq!(r[0].width, 100.0);
        assert_eq!(r[1].y, 22.0);
    }
}
