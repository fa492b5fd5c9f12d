//! Amounts of money as integer minor units (1/100 of the currency unit).
//!
//! Budgets and costs in real Pabulib files are whole units or carry at most
//! two decimals, written with a point or a comma (`12345,50`). Integer cents
//! keep every sum and comparison of the greedy rules exact — `f64` would make
//! "does it still fit" depend on rounding — and `i64` cents hold budgets of
//! up to 92 quadrillion units. Equal Shares divides money among voters and
//! works on `f64` internally (see `mes.rs`), converting back to cents only
//! for what it reports.

/// An amount in minor units (cents, grosze, kopiyky): `100` is one unit.
pub type Money = i64;

/// Minor units in one unit of the currency.
pub const MINOR_PER_UNIT: Money = 100;

/// Parses a non-negative decimal amount in units (`"1070000"`, `"12345,5"`,
/// `"99.99"`, `" 1 000 "`) into minor units. Spaces (thousands separators)
/// are ignored; a comma or a point is the decimal separator. A third
/// decimal and beyond are rounded half up to the cent, so a file written
/// with float noise (`12.3000000001`) still reads.
pub fn parse_money(text: &str) -> Result<Money, String> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '_')
        .collect();
    if cleaned.is_empty() {
        return Err("an amount is empty".into());
    }
    let bad = || format!("`{text}` is not an amount (digits with an optional `.` or `,` and decimals)");
    let (whole, frac) = match cleaned.find([',', '.']) {
        Some(at) => (&cleaned[..at], &cleaned[at + 1..]),
        None => (cleaned.as_str(), ""),
    };
    if whole.is_empty() && frac.is_empty() {
        return Err(bad());
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let too_large = || format!("`{text}` is too large an amount");
    let mut units: Money = 0;
    for b in whole.bytes() {
        units = units
            .checked_mul(10)
            .and_then(|u| u.checked_add(Money::from(b - b'0')))
            .ok_or_else(too_large)?;
    }
    let digit = |i: usize| frac.as_bytes().get(i).map_or(0, |b| Money::from(b - b'0'));
    let mut cents = digit(0) * 10 + digit(1);
    if digit(2) >= 5 {
        cents += 1;
    }
    units
        .checked_mul(MINOR_PER_UNIT)
        .and_then(|m| m.checked_add(cents))
        .ok_or_else(too_large)
}

/// Writes an amount in units the way Pabulib files do: `1070000` when whole,
/// `12345.5`/`12345.05` otherwise (point as decimal separator).
pub fn format_money(amount: Money) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let abs = amount.unsigned_abs();
    let units = abs / MINOR_PER_UNIT as u64;
    let cents = abs % MINOR_PER_UNIT as u64;
    match cents {
        0 => format!("{sign}{units}"),
        c if c % 10 == 0 => format!("{sign}{units}.{}", c / 10),
        c => format!("{sign}{units}.{c:02}"),
    }
}

/// An amount in units as a JSON number: an integer when whole.
pub fn money_json(amount: Money) -> serde_json::Value {
    if amount % MINOR_PER_UNIT == 0 {
        serde_json::Value::from(amount / MINOR_PER_UNIT)
    } else {
        serde_json::Value::from(amount as f64 / MINOR_PER_UNIT as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_real_files_write() {
        assert_eq!(parse_money("1070000"), Ok(107_000_000));
        assert_eq!(parse_money("12345,5"), Ok(1_234_550));
        assert_eq!(parse_money("99.99"), Ok(9_999));
        assert_eq!(parse_money(" 1 000 "), Ok(100_000));
        assert_eq!(parse_money("0,125"), Ok(13));
        assert_eq!(parse_money("5."), Ok(500));
        assert_eq!(parse_money(",5"), Ok(50));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in ["", "-5", "1e6", "12,3,4", "abc", ".", "1.2.3", "99999999999999999999"] {
            assert!(parse_money(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats_back() {
        for (m, s) in [
            (107_000_000, "1070000"),
            (1_234_550, "12345.5"),
            (1_234_505, "12345.05"),
            (0, "0"),
        ] {
            assert_eq!(format_money(m), s);
            assert_eq!(parse_money(s), Ok(m));
        }
    }
}
