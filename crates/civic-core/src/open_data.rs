//! Open data: the datasets a municipality publishes (each as CSV and JSON
//! at a stable address), the licences it may choose from, and the rules
//! that keep personal data out (coarse locations).

use crate::Invalid;
use serde::Serialize;

/// A licence a tenant may publish its open data under; CC BY 4.0 until
/// the tenant's administrator chooses another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Licence {
    #[default]
    CcBy40,
    CcBySa40,
    Cc010,
    OdcBy10,
    Odbl10,
}

impl Licence {
    pub const ALL: [Licence; 5] = [
        Licence::CcBy40,
        Licence::CcBySa40,
        Licence::Cc010,
        Licence::OdcBy10,
        Licence::Odbl10,
    ];

    /// The stable identifier (SPDX), stored and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Licence::CcBy40 => "CC-BY-4.0",
            Licence::CcBySa40 => "CC-BY-SA-4.0",
            Licence::Cc010 => "CC0-1.0",
            Licence::OdcBy10 => "ODC-By-1.0",
            Licence::Odbl10 => "ODbL-1.0",
        }
    }

    /// The licence's full name (a proper name, the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            Licence::CcBy40 => "Creative Commons Attribution 4.0 International",
            Licence::CcBySa40 => "Creative Commons Attribution-ShareAlike 4.0 International",
            Licence::Cc010 => "Creative Commons Zero 1.0 Universal (public domain)",
            Licence::OdcBy10 => "Open Data Commons Attribution License 1.0",
            Licence::Odbl10 => "Open Data Commons Open Database License 1.0",
        }
    }

    /// The licence's canonical address (its identity in DCAT-AP).
    pub fn url(self) -> &'static str {
        match self {
            Licence::CcBy40 => "https://creativecommons.org/licenses/by/4.0/",
            Licence::CcBySa40 => "https://creativecommons.org/licenses/by-sa/4.0/",
            Licence::Cc010 => "https://creativecommons.org/publicdomain/zero/1.0/",
            Licence::OdcBy10 => "https://opendatacommons.org/licenses/by/1-0/",
            Licence::Odbl10 => "https://opendatacommons.org/licenses/odbl/1-0/",
        }
    }

    pub fn parse(raw: &str) -> Option<Licence> {
        let raw = raw.trim();
        Licence::ALL.into_iter().find(|l| l.as_str().eq_ignore_ascii_case(raw))
    }

    pub fn from_input(raw: &str) -> Result<Licence, Invalid> {
        Licence::parse(raw).ok_or_else(|| {
            Invalid::new(
                "licence",
                "invalid_licence",
                "the licence is one of CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, ODC-By-1.0, ODbL-1.0",
            )
        })
    }
}

crate::stored_as_text!(Licence, "licence", Licence::parse);

/// A published dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Dataset {
    Ideas,
    PollResults,
    BudgetResults,
    Petitions,
    Reports,
}

impl Dataset {
    pub const ALL: [Dataset; 5] = [
        Dataset::Ideas,
        Dataset::PollResults,
        Dataset::BudgetResults,
        Dataset::Petitions,
        Dataset::Reports,
    ];

    /// The name in its addresses (`/open-data/{name}.csv`); never changes.
    pub fn as_str(self) -> &'static str {
        match self {
            Dataset::Ideas => "ideas",
            Dataset::PollResults => "poll-results",
            Dataset::BudgetResults => "budget-results",
            Dataset::Petitions => "petitions",
            Dataset::Reports => "reports",
        }
    }

    pub fn parse(raw: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.as_str() == raw)
    }
}

/// How a dataset is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv",
            Format::Json => "application/json",
        }
    }
}

/// A dataset's file name (`ideas.csv`) read back: `None` for anything else.
pub fn parse_file(raw: &str) -> Option<(Dataset, Format)> {
    let (name, ext) = raw.rsplit_once('.')?;
    let format = match ext {
        "csv" => Format::Csv,
        "json" => Format::Json,
        _ => return None,
    };
    Some((Dataset::parse(name)?, format))
}

/// A coordinate stored in millionths of a degree, rounded to three
/// decimals (about 100 m): a place in the neighbourhood, not a doorstep.
pub fn coarse(e6: i64) -> f64 {
    (e6 as f64 / 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_read_back_and_default_to_cc_by() {
        for l in Licence::ALL {
            assert_eq!(Licence::parse(l.as_str()), Some(l));
        }
        assert_eq!(Licence::parse(" cc0-1.0 "), Some(Licence::Cc010));
        assert_eq!(Licence::default(), Licence::CcBy40);
        assert_eq!(Licence::from_input("GPL").unwrap_err().code, "invalid_licence");
    }

    #[test]
    fn file_names_name_a_dataset_and_a_format() {
        assert_eq!(parse_file("ideas.csv"), Some((Dataset::Ideas, Format::Csv)));
        assert_eq!(
            parse_file("poll-results.json"),
            Some((Dataset::PollResults, Format::Json))
        );
        assert_eq!(parse_file("ideas"), None);
        assert_eq!(parse_file("ideas.xml"), None);
        assert_eq!(parse_file("users.csv"), None);
        assert_eq!(parse_file("../ideas.csv"), None);
    }

    #[test]
    fn coordinates_are_rounded_to_three_decimals() {
        assert_eq!(coarse(50_450_123), 50.45);
        assert_eq!(coarse(30_523_789), 30.524);
        assert_eq!(coarse(-12_345_678), -12.346);
    }
}
