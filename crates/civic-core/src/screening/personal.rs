//! Personal data in a post: phone numbers, e-mail addresses, Ukrainian tax
//! numbers (РНОКПП), passport and ID-card numbers, payment cards.
//!
//! Hand-written scanners rather than regular expressions: each kind needs a
//! check no pattern expresses (the РНОКПП check digit, Luhn, card issuer
//! ranges, how the digits are grouped), and the scan is one pass over the
//! text. False positives are kept low by refusing what looks like an amount
//! ("1 200 000 грн": thousands grouping, a currency or unit after it), a
//! date, or a number glued to letters.

use serde::{Deserialize, Serialize};

use super::fold::{is_letter, is_letter_or_digit};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalDataKind {
    Phone,
    Email,
    /// РНОКПП (ІПН), 10 digits with a valid check digit.
    TaxNumber,
    /// A passport booklet (two letters and six digits), an ID card (nine
    /// digits, named as such nearby) or its register record (УНЗР).
    Passport,
    /// A payment card number with a valid Luhn digit and a known issuer.
    Card,
}

impl PersonalDataKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonalDataKind::Phone => "phone",
            PersonalDataKind::Email => "email",
            PersonalDataKind::TaxNumber => "tax_number",
            PersonalDataKind::Passport => "passport",
            PersonalDataKind::Card => "card",
        }
    }
}

/// A piece of personal data found in a text, by byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonalData {
    pub kind: PersonalDataKind,
    pub start: usize,
    pub end: usize,
}

/// Every piece of personal data in `text`, in order, none overlapping.
pub fn find_personal_data(text: &str) -> Vec<PersonalData> {
    let mut found = Vec::new();
    find_emails(text, &mut found);
    let emails = found.len();
    find_numbers(text, &mut found);
    // A number inside an e-mail address is part of the address.
    let (mails, numbers) = found.split_at(emails);
    let mut all: Vec<PersonalData> = mails
        .iter()
        .copied()
        .chain(
            numbers
                .iter()
                .filter(|n| !mails.iter().any(|m| n.start < m.end && m.start < n.end))
                .copied(),
        )
        .collect();
    all.sort_by_key(|p| p.start);
    all
}

/// `text` with every piece of personal data replaced by what `replacement`
/// gives for its kind (for the moderators' "edit out personal data").
pub fn redact<R: AsRef<str>>(text: &str, mut replacement: impl FnMut(PersonalDataKind) -> R) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for p in find_personal_data(text) {
        out.push_str(&text[at..p.start]);
        out.push_str(replacement(p.kind).as_ref());
        at = p.end;
    }
    out.push_str(&text[at..]);
    out
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn find_emails(text: &str, out: &mut Vec<PersonalData>) {
    for (at, _) in text.match_indices('@') {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_local_char(c))
            .last()
            .map_or(at, |(i, _)| i);
        let rest = &text[at + 1..];
        let domain_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
            .unwrap_or(rest.len());
        let domain = rest[..domain_len].trim_end_matches(['.', '-']);
        let local = text[start..at].trim_start_matches('.');
        let start = at - local.len();
        let labels: Vec<&str> = domain.split('.').collect();
        let tld = labels.last().copied().unwrap_or("");
        if local.is_empty()
            || labels.len() < 2
            || labels.iter().any(|l| l.is_empty())
            || tld.len() < 2
            || !tld.chars().all(|c| c.is_ascii_alphabetic())
        {
            continue;
        }
        out.push(PersonalData {
            kind: PersonalDataKind::Email,
            start,
            end: at + 1 + domain.len(),
        });
    }
}

/// Characters that may sit between the digit groups of one number.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '-' | '\u{2011}' | '.' | '(' | ')')
}

/// A number as written: digit groups (byte ranges) and what joins them.
struct Run<'t> {
    plus: bool,
    groups: Vec<(usize, usize)>,
    separators: Vec<&'t str>,
    start: usize,
    end: usize,
}

impl Run<'_> {
    fn digits(&self, text: &str, from: usize, to: usize) -> String {
        self.groups[from..to].iter().map(|&(s, e)| &text[s..e]).collect()
    }

    fn lengths(&self, from: usize, to: usize) -> Vec<usize> {
        self.groups[from..to].iter().map(|&(s, e)| e - s).collect()
    }
}

fn find_numbers(text: &str, out: &mut Vec<PersonalData>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(text.len());
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let digit_at = |i: usize| ch(i).is_some_and(|c| c.is_ascii_digit());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if is_letter(c) {
            // A word, perhaps with digits in it (a code, "UA21…", "10км" is
            // not: it starts with a digit): only a passport number counts.
            let mut j = i;
            while ch(j).is_some_and(is_letter_or_digit) {
                j += 1;
            }
            match passport_at(&chars, i, j) {
                Some(end) => {
                    out.push(PersonalData {
                        kind: PersonalDataKind::Passport,
                        start: at(i),
                        end: at(end),
                    });
                    i = end;
                }
                None => i = j,
            }
            continue;
        }
        let starts = c.is_ascii_digit() || (matches!(c, '+' | '(') && digit_at(i + 1));
        if !starts {
            i += 1;
            continue;
        }
        let mut run = Run {
            plus: c == '+',
            groups: Vec::new(),
            separators: Vec::new(),
            start: at(i),
            end: 0,
        };
        let mut j = if c.is_ascii_digit() { i } else { i + 1 };
        loop {
            let g = j;
            while digit_at(j) {
                j += 1;
            }
            run.groups.push((at(g), at(j)));
            let s = j;
            let mut k = j;
            while k - s < 3 && ch(k).is_some_and(is_separator) {
                k += 1;
            }
            let sep = &text[at(s)..at(k)];
            // One character, or brackets with a space or dash, or " - ";
            // ". " ends a sentence and two spaces end a number.
            let joins = k > s
                && digit_at(k)
                && (sep.chars().count() == 1 || sep.contains(['(', ')']) || sep == " - ")
                && !sep.contains("  ");
            if !joins {
                break;
            }
            run.separators.push(sep);
            j = k;
        }
        run.end = at(j);
        let glued = ch(j).is_some_and(is_letter);
        if !glued && !is_amount(text, &run) {
            classify(text, &run, out);
        }
        i = j.max(i + 1);
    }
}

/// A word of a currency or unit after a number, or a currency sign before
/// it: an amount, not a phone or a card.
fn is_amount(text: &str, run: &Run) -> bool {
    const UNITS: [&str; 22] = [
        "грн", "грив", "₴", "uah", "usd", "eur", "євро", "дол", "тис", "млн", "млрд", "%", "km", "км", "кв", "шт",
        "mln", "bn", "€", "$", "м²", "m²",
    ];
    // The next few characters only: the word after, not the rest of the text.
    let after: String = text[run.end..]
        .trim_start()
        .chars()
        .take(5)
        .flat_map(char::to_lowercase)
        .collect();
    let before = text[..run.start].trim_end();
    UNITS.iter().any(|u| after.starts_with(u)) || before.ends_with(['$', '€', '₴', '£'])
}

/// Digit groups a person writes an amount with: "1 200 000", "25.000".
fn thousands(run: &Run) -> bool {
    let lens = run.lengths(0, run.groups.len());
    run.groups.len() >= 2
        && (1..=3).contains(&lens[0])
        && lens[1..].iter().all(|&l| l == 3)
        && run
            .separators
            .iter()
            .all(|s| *s == run.separators[0] && s.chars().count() == 1)
}

fn classify(text: &str, run: &Run, out: &mut Vec<PersonalData>) {
    let n = run.groups.len();
    let digits = run.digits(text, 0, n);
    let lens = run.lengths(0, n);
    let push = |out: &mut Vec<PersonalData>, kind, start, end| out.push(PersonalData { kind, start, end });
    if thousands(run) && !run.plus && !digits.starts_with('0') {
        return;
    }
    if is_phone(run, text, 0, n) {
        return push(out, PersonalDataKind::Phone, run.start, run.end);
    }
    let same_separators = |allowed: &[&str]| {
        run.separators
            .iter()
            .all(|s| *s == run.separators[0] && allowed.contains(s))
    };
    if !run.plus && n == 1 {
        match digits.len() {
            // A round number ("1000000000" passes the check) is an amount.
            10 if tax_number_valid(&digits) && !digits.ends_with("000") => {
                return push(out, PersonalDataKind::TaxNumber, run.start, run.end);
            }
            9 if named_as_id_card(text, run.start) => {
                return push(out, PersonalDataKind::Passport, run.start, run.end);
            }
            13..=19 if card_valid(&digits) => return push(out, PersonalDataKind::Card, run.start, run.end),
            _ => {}
        }
    }
    let card_groups = (lens.len() >= 4 && lens[..lens.len() - 1].iter().all(|&l| l == 4) && lens[lens.len() - 1] <= 4)
        || lens == [4, 6, 5];
    if !run.plus && card_groups && same_separators(&[" ", "-", "\u{a0}"]) && card_valid(&digits) {
        return push(out, PersonalDataKind::Card, run.start, run.end);
    }
    // УНЗР: the birth date as YYYYMMDD, a dash, five digits.
    if !run.plus && lens == [8, 5] && run.separators == ["-"] && plausible_date(&digits[..8]) {
        return push(out, PersonalDataKind::Passport, run.start, run.end);
    }
    // Two phones in a row ("067-123-45-67 050-765-43-21") are one run:
    // look for phones among its groups, longest first, starting and ending
    // where a space separates (not inside "12.05.2024 10.30").
    let spaced = |i: usize| i == 0 || i == n || run.separators[i - 1].chars().all(char::is_whitespace);
    let mut a = 0;
    while n > 1 && a < n {
        let found = (a + 1..=n)
            .rev()
            .find(|&b| b - a < n && spaced(a) && spaced(b) && is_phone(run, text, a, b));
        match found {
            Some(b) => {
                push(out, PersonalDataKind::Phone, run.groups[a].0, run.groups[b - 1].1);
                a = b;
            }
            None => a += 1,
        }
    }
}

/// Whether groups `from..to` of `run` are a phone number.
fn is_phone(run: &Run, text: &str, from: usize, to: usize) -> bool {
    let lens = run.lengths(from, to);
    let d = run.digits(text, from, to);
    let b = d.as_bytes();
    let plus = run.plus && from == 0;
    // Phone digits come in groups of 2 to 4 (the first may be a lone
    // country or trunk digit), or in one or two blocks; after a + (or 00)
    // any grouping, as countries group their numbers their own way.
    let international_prefix = plus || (from == 0 && d.starts_with("00"));
    let shaped = international_prefix
        || lens.len() <= 2
        || ((1..=4).contains(&lens[0]) && lens[1..].iter().all(|l| (2..=4).contains(l)));
    if !shaped {
        return false;
    }
    let international = |d: &str| {
        if d.starts_with("380") {
            d.len() == 12
        } else {
            (9..=15).contains(&d.len())
        }
    };
    if plus {
        return international(&d);
    }
    if let Some(rest) = d.strip_prefix("00") {
        return from == 0 && rest.len() >= 9 && international(rest);
    }
    let area = |c: u8| (b'3'..=b'9').contains(&c);
    let service = d.starts_with("0800") || d.starts_with("0900");
    match d.len() {
        12 => d.starts_with("380"),
        10 => b[0] == b'0' && area(b[1]) && !service,
        11 => b[0] == b'8' && b[1] == b'0' && area(b[2]),
        // A local number without its area code: 123-45-67.
        7 => lens == [3, 2, 2] && run.separators[from..to - 1].iter().all(|s| *s == "-"),
        _ => false,
    }
}

/// РНОКПП: the check digit over the first nine, and the first five (days
/// since 31.12.1899, the birth date) within 1900..2028.
pub fn tax_number_valid(digits: &str) -> bool {
    let d: Vec<i64> = digits.bytes().map(|b| i64::from(b.wrapping_sub(b'0'))).collect();
    if d.len() != 10 || d.iter().any(|&x| x > 9) {
        return false;
    }
    let days = d[..5].iter().fold(0, |acc, x| acc * 10 + x);
    const WEIGHTS: [i64; 9] = [-1, 5, 7, 9, 4, 6, 10, 5, 7];
    let sum: i64 = WEIGHTS.iter().zip(&d).map(|(w, x)| w * x).sum();
    (1..=46_750).contains(&days) && sum.rem_euclid(11) % 10 == d[9]
}

/// Luhn, on 13 to 19 digits starting as cards of the known issuers do
/// (Visa, Mastercard, Amex, Diners, Discover, JCB, Maestro, UnionPay, ПРОСТІР).
pub fn card_valid(digits: &str) -> bool {
    if !(13..=19).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let prefix = |n: usize| digits[..n].parse::<u32>().unwrap_or(0);
    let issuer = matches!(digits.as_bytes()[0], b'4' | b'5' | b'6')
        || matches!(prefix(2), 34 | 36 | 37 | 38)
        || (300..=305).contains(&prefix(3))
        || (3528..=3589).contains(&prefix(4))
        || (2221..=2720).contains(&prefix(4))
        || prefix(4) == 9804;
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let x = u32::from(b - b'0');
            if i % 2 == 1 {
                if x * 2 > 9 { x * 2 - 9 } else { x * 2 }
            } else {
                x
            }
        })
        .sum();
    issuer && sum.is_multiple_of(10)
}

fn plausible_date(yyyymmdd: &str) -> bool {
    let n = |r: std::ops::Range<usize>| yyyymmdd[r].parse::<u32>().unwrap_or(0);
    (1900..=2030).contains(&n(0..4)) && (1..=12).contains(&n(4..6)) && (1..=31).contains(&n(6..8))
}

/// Nine digits are an ID card's number only when the text says so just
/// before them: alone they are as likely an order or a sum.
fn named_as_id_card(text: &str, start: usize) -> bool {
    let from = text[..start].char_indices().rev().nth(39).map_or(0, |(i, _)| i);
    text[from..start]
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .any(|w| {
            w == "id"
                || ["паспорт", "passport", "картк", "документ", "card"]
                    .iter()
                    .any(|k| w.starts_with(k))
        })
}

/// An uppercase letter as written in a Ukrainian passport series (Cyrillic,
/// or Latin in a foreign passport and as look-alikes).
fn series_letter(c: char) -> bool {
    c.is_ascii_uppercase() || ('\u{0410}'..='\u{042F}').contains(&c) || matches!(c, 'І' | 'Ї' | 'Є' | 'Ґ')
}

/// A passport booklet number starting at the word `chars[i..j]`: two
/// uppercase letters then six digits, glued ("АВ123456") or after a space
/// or "№" ("АВ 123456", "АВ №123456"). The end (char index) when it is one.
fn passport_at(chars: &[(usize, char)], i: usize, j: usize) -> Option<usize> {
    let ch = |k: usize| chars.get(k).map(|&(_, c)| c);
    if i > 0 && ch(i - 1).is_some_and(is_letter_or_digit) {
        return None;
    }
    if !(ch(i).is_some_and(series_letter) && ch(i + 1).is_some_and(series_letter)) {
        return None;
    }
    let digits_from = if j == i + 2 {
        // Letters alone: the digits follow after a space and/or "№".
        let mut k = j;
        while k < j + 3 && ch(k).is_some_and(|c| matches!(c, ' ' | '\u{a0}' | '№')) {
            k += 1;
        }
        if k == j {
            return None;
        }
        k
    } else {
        i + 2
    };
    let mut end = digits_from;
    while ch(end).is_some_and(|c| c.is_ascii_digit()) {
        end += 1;
    }
    let tail_ok = if j == i + 2 {
        !ch(end).is_some_and(is_letter_or_digit)
    } else {
        end == j
    };
    (end - digits_from == 6 && tail_ok).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PersonalDataKind, &str)> {
        find_personal_data(text)
            .into_iter()
            .map(|p| (p.kind, &text[p.start..p.end]))
            .collect()
    }

    use PersonalDataKind::*;

    #[test]
    fn ukrainian_and_international_phones() {
        for phone in [
            "+380 67 123 45 67",
            "+38 (067) 123-45-67",
            "+380671234567",
            "380671234567",
            "0671234567",
            "067 123 45 67",
            "(067) 123-45-67",
            "067-123-45-67",
            "044 234 5678",
            "8 067 123 45 67",
            "+44 20 7946 0958",
            "+1 (202) 555-0143",
            "0049 30 123 4567",
            "+44 7700 900123",
            "+49 30 1234567",
            "234-56-78",
        ] {
            let text = format!("Дзвоніть: {phone}, після 18:00");
            assert_eq!(kinds(&text), [(Phone, phone)], "{text}");
        }
        assert_eq!(
            kinds("067-123-45-67 050-765-43-21"),
            [(Phone, "067-123-45-67"), (Phone, "050-765-43-21")]
        );
    }

    #[test]
    fn amounts_dates_and_addresses_are_not_personal_data() {
        for text in [
            "Бюджет проєкту 1 200 000 грн, з них 350 000 на лавки.",
            "Кошторис: 1 200 000 000 гривень",
            "Budget: $1,200,000 or 1 200 000 UAH",
            "Засідання 12.05.2024 о 10:30, вул. Шевченка, 12, кв. 45",
            "Зустріч 12.05.2024 10.30 біля ратуші",
            "Потрібно 1000000000 на ремонт доріг", // passes the check digit
            "ISBN 978-966-03-1234-5, координати 50.4501, 30.5234",
            "Ремонт у 2023 2024 2025 2026 роках",
            "2021 2022 2023 2024",
            "Тендер UA-2024-05-15-000123-a на Prozorro",
            "Гаряча лінія 0 800 500 609 та 0800500609",
            "Номер договору 123456789 від 01.02.2024",
            "ЄДРПОУ 04055896, рахунок UA213223130000026007233566001",
            "Population 25 000, area 120 km², 4 500 трees",
            "Кількість: 1234567890 штук",
            "Сума 4149 4390 1234 5678 грн", // amount context wins
            "Постанова № 1759013770",       // check digit fails
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    #[test]
    fn tax_numbers_need_their_check_digit() {
        assert_eq!(kinds("ІПН 3652504575"), [(TaxNumber, "3652504575")]);
        assert_eq!(kinds("РНОКПП: 1759013776."), [(TaxNumber, "1759013776")]);
        assert!(tax_number_valid("3068208400"));
        assert!(!tax_number_valid("1234567890"));
        assert!(!tax_number_valid("12345"));
        assert!(!tax_number_valid("99999999x9"));
    }

    #[test]
    fn passports_id_cards_and_their_records() {
        assert_eq!(kinds("паспорт АВ123456"), [(Passport, "АВ123456")]);
        assert_eq!(kinds("серія КМ 654321, видан"), [(Passport, "КМ 654321")]);
        assert_eq!(kinds("passport FE №123456"), [(Passport, "FE №123456")]);
        assert_eq!(kinds("ID-картка 001234567"), [(Passport, "001234567")]);
        assert_eq!(kinds("УНЗР 19900101-12345"), [(Passport, "19900101-12345")]);
        // Not passports: lower case, seven digits, a longer word, no "ID" near.
        assert_eq!(kinds("ав123456 АВ1234567 ОСББ123456 заявка 001234567"), []);
    }

    #[test]
    fn cards_need_luhn_and_an_issuer() {
        assert_eq!(kinds("картка 4149 4390 1234 5678"), [(Card, "4149 4390 1234 5678")]);
        assert_eq!(kinds("5375-4141-0000-0008 ok"), [(Card, "5375-4141-0000-0008")]);
        assert_eq!(kinds("4149439012345678"), [(Card, "4149439012345678")]);
        assert!(card_valid("378282246310005"));
        // Luhn fails; Luhn holds but no issuer starts so.
        assert_eq!(kinds("картка 4149 4390 1234 5675"), []);
        assert!(!card_valid("1234567812345670"));
    }

    #[test]
    fn emails() {
        assert_eq!(
            kinds("пишіть на ivan.petrenko+rada@gmail.com."),
            [(Email, "ivan.petrenko+rada@gmail.com")]
        );
        assert_eq!(kinds("x0671234567@ukr.net"), [(Email, "x0671234567@ukr.net")]);
        assert_eq!(kinds("бл@ть @mayor a@b c@d."), []);
    }

    #[test]
    fn redacts_every_piece() {
        let text = "Іван, тел. +380 67 123 45 67, ivan@ukr.net, ІПН 3652504575.";
        assert_eq!(
            redact(text, |k| format!("[{}]", k.as_str())),
            "Іван, тел. [phone], [email], ІПН [tax_number]."
        );
        assert_eq!(redact("нічого", |_| "x"), "нічого");
    }
}
