//! Time is UTC, stored as unix milliseconds so both databases hold it alike;
//! pages show it in the tenant's time zone ([`Zone`]).

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

/// A tenant's time zone, an IANA name ("Europe/Kyiv"), in which its pages
/// show dates and times (the zone rules are bundled with the binary).
#[derive(Debug, Clone)]
pub struct Zone {
    name: String,
    tz: jiff::tz::TimeZone,
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Zone {}

impl Zone {
    /// A new tenant's zone.
    pub const DEFAULT: &'static str = "Europe/Kyiv";

    /// A zone by its IANA name (as typed: surrounding spaces ignored).
    pub fn parse(raw: &str) -> Result<Zone, crate::Invalid> {
        let name = raw.trim();
        let unknown = || {
            crate::Invalid::new(
                "time_zone",
                "invalid_time_zone",
                format!("'{name}' is not a time zone name such as Europe/Kyiv"),
            )
        };
        if name.is_empty() || name.len() > 64 {
            return Err(unknown());
        }
        let tz = jiff::tz::TimeZone::get(name).map_err(|_| unknown())?;
        Ok(Zone {
            name: name.to_string(),
            tz,
        })
    }

    /// The stored zone, or the default one when what is stored is not a
    /// zone (it is checked when written).
    pub fn stored(name: &str) -> Zone {
        Zone::parse(name).unwrap_or_default()
    }

    pub fn utc() -> Zone {
        Zone {
            name: "UTC".into(),
            tz: jiff::tz::TimeZone::UTC,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The zone's offset from UTC at `at`, in milliseconds.
    pub fn offset_ms(&self, at: Timestamp) -> i64 {
        let Ok(t) = jiff::Timestamp::from_millisecond(at.0) else {
            return 0;
        };
        i64::from(self.tz.to_offset(t).seconds()) * 1000
    }
}

impl Default for Zone {
    fn default() -> Self {
        Zone::parse(Zone::DEFAULT).unwrap_or_else(|_| Zone::utc())
    }
}

impl Timestamp {
    /// The same moment as the wall clock of `zone` reads it, for
    /// [`Timestamp::ymd`] and [`Timestamp::hm`] (not for comparing).
    pub fn local(self, zone: &Zone) -> Timestamp {
        Timestamp(self.0 + zone.offset_ms(self))
    }

    /// Hours and minutes (of a [`Timestamp::local`] moment).
    pub fn hm(self) -> (u32, u32) {
        let ms = self.0.rem_euclid(86_400_000);
        ((ms / 3_600_000) as u32, (ms / 60_000 % 60) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_dates_follow_the_zone() {
        // 2026-11-27T22:55:27Z is already the 28th in Kyiv (UTC+2 in winter).
        let at = Timestamp(1_795_820_127_000);
        let kyiv = Zone::parse("Europe/Kyiv").unwrap();
        assert_eq!(at.local(&kyiv).iso_date(), "2026-11-28");
        assert_eq!(at.local(&kyiv).hm(), (0, 55));
        assert_eq!(at.local(&Zone::utc()).iso_date(), "2026-11-27");
        // Summer time: UTC+3.
        assert_eq!(kyiv.offset_ms(Timestamp(1_782_000_000_000)), 3 * 3_600_000);
        assert_eq!(Zone::parse(" Europe/Warsaw ").unwrap().name(), "Europe/Warsaw");
        for bad in ["", "Kyiv", "Europe/Nowhere", "../etc/passwd"] {
            assert_eq!(Zone::parse(bad).unwrap_err().code, "invalid_time_zone", "{bad}");
        }
        assert_eq!(Zone::stored("nonsense").name(), "Europe/Kyiv");
    }

    #[test]
    fn civil_dates() {
        assert_eq!(Timestamp(0).iso_date(), "1970-01-01");
        // 2026-11-27T22:55:27Z
        assert_eq!(Timestamp(1_795_820_127_000).iso_date(), "2026-11-27");
        assert_eq!(Timestamp(951_782_400_000).iso_date(), "2000-02-29");
        assert_eq!(Timestamp(-86_400_000).iso_date(), "1969-12-31");
    }
}
