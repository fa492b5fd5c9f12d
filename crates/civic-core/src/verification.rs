//! Verified residents: what a person types (a document number and a date
//! of birth) made canonical, so that the census list the city uploads and
//! the resident's own entry give the same identity key; the census CSV
//! parsed all or nothing; and what a verification says (method, district,
//! age band, until when). No I/O and no cryptography here: the key is made
//! in civic-app under the tenant's secret.

use crate::{Invalid, Timestamp};

/// How long a verification lasts.
pub const VALID_DAYS: i64 = 365;

/// The longest document number, in characters, once spaces are removed.
pub const DOCUMENT_MAX: usize = 32;

/// The longest district name.
pub const DISTRICT_MAX: usize = 100;

/// The most lines one census file may have (the body limit usually stops
/// a file well before).
pub const CENSUS_MAX_LINES: usize = 200_000;

/// How an account was verified.
pub const METHODS: [&str; 2] = ["census", "staff"];

/// The documents staff at a service centre accept: the ID card, the
/// passport booklet, the foreign passport, a certificate of an internally
/// displaced person (with an identity document), a residence permit, or
/// another document named in the audit entry.
pub const DOCUMENT_TYPES: [&str; 6] = [
    "id_card",
    "passport",
    "foreign_passport",
    "idp_certificate",
    "residence_permit",
    "other",
];

/// Latin letters that look like Cyrillic ones: a number typed on a Latin
/// keyboard ("AB123456") must match the same number typed in Cyrillic.
const LOOKALIKES: [(char, char); 12] = [
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('I', 'І'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
];

/// A document number made canonical: upper case, Latin lookalikes as
/// Cyrillic, without spaces, dashes, dots or the "№" sign. Refused when
/// empty, too long, or with characters a document number does not have.
pub fn document_number(raw: &str) -> Result<String, Invalid> {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_whitespace() || matches!(c, '-' | '.' | '/' | '№' | '\u{2010}'..='\u{2015}') {
            continue;
        }
        if !c.is_alphanumeric() {
            return Err(invalid_document());
        }
        for u in c.to_uppercase() {
            let u = LOOKALIKES.iter().find(|(l, _)| *l == u).map(|(_, cy)| *cy).unwrap_or(u);
            out.push(u);
        }
    }
    if out.is_empty() || out.chars().count() > DOCUMENT_MAX {
        return Err(invalid_document());
    }
    Ok(out)
}

fn invalid_document() -> Invalid {
    Invalid::new(
        "document_number",
        "invalid_document_number",
        format!("enter the document number: letters and digits, at most {DOCUMENT_MAX}"),
    )
}

/// A date of birth as `YYYY-MM-DD` (or `DD.MM.YYYY`, as Ukrainian
/// documents print it): (year, month, day), a real day between 1900 and
/// `today`.
pub fn birth_date(raw: &str, today: Timestamp) -> Result<(i64, u32, u32), Invalid> {
    let bad = || {
        Invalid::new(
            "birth_date",
            "invalid_birth_date",
            "enter the date of birth as YYYY-MM-DD (or DD.MM.YYYY)",
        )
    };
    let raw = raw.trim();
    let parts: Vec<&str> = if raw.contains('-') {
        raw.split('-').collect()
    } else {
        let mut p: Vec<&str> = raw.split('.').collect();
        p.reverse();
        p
    };
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return Err(bad());
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !digits(y) || !digits(m) || !digits(d) {
        return Err(bad());
    }
    let (y, m, d): (i64, u32, u32) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return Err(bad());
    }
    let (ty, tm, td) = today.ymd();
    if y < 1900 || (y, m, d) > (ty, tm, td) {
        return Err(bad());
    }
    Ok((y, m, d))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// What the identity key is made of: the canonical document number and
/// date of birth, versioned so that the recipe can change one day.
pub fn key_material(document: &str, (y, m, d): (i64, u32, u32)) -> String {
    format!("v1|{document}|{y:04}-{m:02}-{d:02}")
}

/// A district name: trimmed, not empty, at most [`DISTRICT_MAX`].
pub fn district(raw: &str) -> Result<String, Invalid> {
    let d = raw.trim();
    if d.is_empty() || d.chars().count() > DISTRICT_MAX || d.chars().any(char::is_control) {
        return Err(Invalid::new(
            "district",
            "invalid_verification_district",
            format!("enter the district (at most {DISTRICT_MAX} characters)"),
        ));
    }
    Ok(d.to_string())
}

/// One line of a census file, checked (not yet hashed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CensusLine {
    pub line: usize,
    pub key_material: String,
    pub district: String,
    pub birth_year: i64,
}

/// A bad line of a census file: its number (from 1) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub code: &'static str,
}

/// Parses a census CSV (`document_number,birth_date,district`, an optional
/// header line of those names, `;` accepted as the separator, fields may be
/// quoted). All or nothing: every bad line is reported by number, and then
/// none is used. Empty lines are skipped; the same person twice is a bad
/// line.
pub fn parse_census(text: &str, today: Timestamp) -> Result<Vec<CensusLine>, Vec<BadLine>> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut seen = std::collections::HashMap::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            continue;
        }
        if bad.len() + out.len() > CENSUS_MAX_LINES {
            bad.push(BadLine {
                line: n,
                code: "census_too_long",
            });
            break;
        }
        let fields = split_csv(raw);
        let Some(fields) = fields else {
            bad.push(BadLine {
                line: n,
                code: "census_bad_quotes",
            });
            continue;
        };
        if n == 1
            && fields
                .first()
                .is_some_and(|f| f.trim().eq_ignore_ascii_case("document_number"))
        {
            continue;
        }
        if fields.len() != 3 {
            bad.push(BadLine {
                line: n,
                code: "census_field_count",
            });
            continue;
        }
        let doc = document_number(&fields[0]);
        let born = birth_date(&fields[1], today);
        let district = district(&fields[2]);
        match (doc, born, district) {
            (Ok(doc), Ok(born), Ok(district)) => {
                let material = key_material(&doc, born);
                if seen.insert(material.clone(), n).is_some() {
                    bad.push(BadLine {
                        line: n,
                        code: "census_duplicate",
                    });
                    continue;
                }
                out.push(CensusLine {
                    line: n,
                    key_material: material,
                    district,
                    birth_year: born.0,
                });
            }
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => bad.push(BadLine { line: n, code: e.code }),
        }
    }
    if out.is_empty() && bad.is_empty() {
        bad.push(BadLine {
            line: 1,
            code: "census_empty",
        });
    }
    if bad.is_empty() { Ok(out) } else { Err(bad) }
}

/// Splits one CSV line on `,` (or `;` when the line has no comma), with
/// `"quoted, fields"` and `""` for a quote inside one. `None`: a quote is
/// not closed.
fn split_csv(line: &str) -> Option<Vec<String>> {
    let sep = if line.contains(',') { ',' } else { ';' };
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            c if c == sep && !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if quoted {
        return None;
    }
    fields.push(field);
    Some(fields)
}

/// The age band a birth year gives in `year` (the eligibility rules and
/// the account page use bands, never the date).
pub fn age_band(birth_year: i64, year: i64) -> &'static str {
    match year - birth_year {
        ..=17 => "under_18",
        18..=34 => "18_34",
        35..=59 => "35_59",
        _ => "60_plus",
    }
}

/// A verification as the platform knows it (never the key's material).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Verification {
    pub method: String,
    pub district: String,
    pub birth_year: i64,
    pub expires_at: i64,
    pub document_type: Option<String>,
    pub verified_by: Option<i64>,
    pub created_at: i64,
}

impl Verification {
    /// Counts for eligibility: not expired at `now`.
    pub fn valid_at(&self, now: Timestamp) -> bool {
        self.expires_at > now.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Timestamp {
        // 2026-12-06
        Timestamp(1_796_515_200_000)
    }

    #[test]
    fn document_numbers_match_whatever_keyboard_typed_them() {
        assert_eq!(document_number("ab 123-456").unwrap(), "АВ123456");
        assert_eq!(document_number("АВ123456").unwrap(), "АВ123456");
        assert_eq!(document_number("№ 001234567").unwrap(), "001234567");
        assert!(document_number("  ").is_err());
        assert!(document_number("12<script>").is_err());
        assert!(document_number(&"1".repeat(33)).is_err());
    }

    #[test]
    fn birth_dates_are_real_days_in_the_past() {
        assert_eq!(birth_date("1980-02-29", today()).unwrap(), (1980, 2, 29));
        assert_eq!(birth_date("29.02.1980", today()).unwrap(), (1980, 2, 29));
        assert!(birth_date("1981-02-29", today()).is_err());
        assert!(birth_date("2030-01-01", today()).is_err());
        assert!(birth_date("1899-12-31", today()).is_err());
        assert!(birth_date("80-01-01", today()).is_err());
        assert!(birth_date("", today()).is_err());
    }

    #[test]
    fn census_files_are_all_or_nothing_with_line_numbers() {
        let good = "document_number,birth_date,district\nAB123456,1980-01-02,Центр\n\n\"001 234 567\",02.03.1990,\"Північ, стара частина\"\n";
        let lines = parse_census(good, today()).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].line, 4);
        assert_eq!(lines[1].district, "Північ, стара частина");
        assert_eq!(lines[0].birth_year, 1980);
        let bad = "AB123456,1980-01-02,Центр\nAB123456,1980-13-02,Центр\nonly,two\nАВ123456,1980-01-02,Захід\n";
        let errs = parse_census(bad, today()).unwrap_err();
        assert_eq!(
            errs,
            vec![
                BadLine {
                    line: 2,
                    code: "invalid_birth_date"
                },
                BadLine {
                    line: 3,
                    code: "census_field_count"
                },
                BadLine {
                    line: 4,
                    code: "census_duplicate"
                },
            ]
        );
        assert_eq!(parse_census("\n\n", today()).unwrap_err()[0].code, "census_empty");
    }

    #[test]
    fn age_bands() {
        assert_eq!(age_band(2010, 2026), "under_18");
        assert_eq!(age_band(2008, 2026), "18_34");
        assert_eq!(age_band(1980, 2026), "35_59");
        assert_eq!(age_band(1950, 2026), "60_plus");
    }
}
