//! Messages in Ukrainian and English through Fluent, which knows each
//! language's plural rules (Ukrainian has one, few and many).

use civic_core::{Locale, Timestamp};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use quick_cache::Equivalent;
use quick_cache::sync::Cache;
use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

// Every `locales/<locale>/*.ftl`, joined by build.rs.
const UK: &str = include_str!(concat!(env!("OUT_DIR"), "/uk.ftl"));
const EN: &str = include_str!(concat!(env!("OUT_DIR"), "/en.ftl"));

/// The message bundles of every locale, loaded once at start.
pub struct Catalog {
    uk: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
    /// Plain messages and counts as formatted: the same locale, key and
    /// count always give the same text, and a list page formats dozens of
    /// them ("12 supports"), each a full Fluent resolution with plural rules.
    formatted: Cache<Formatted, Arc<str>>,
}

/// A formatted message's identity: plain (`None`) or with a count.
#[derive(PartialEq, Eq, Hash)]
struct Formatted(Locale, Box<str>, Option<i64>);

/// [`Formatted`] borrowed, to look one up without allocating; hashes alike.
#[derive(PartialEq, Eq)]
struct FormattedRef<'a>(Locale, &'a str, Option<i64>);

impl Hash for FormattedRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
        self.1.hash(state);
        self.2.hash(state);
    }
}

impl Equivalent<Formatted> for FormattedRef<'_> {
    fn equivalent(&self, key: &Formatted) -> bool {
        self.0 == key.0 && self.1 == &*key.1 && self.2 == key.2
    }
}

/// Formatted messages kept: every key in both locales plus the counts seen.
const FORMATTED_CAPACITY: usize = 8192;

impl Catalog {
    /// Parses the embedded message files. They are part of the binary, so a
    /// syntax error is a build defect that the tests catch.
    pub fn load() -> Arc<Catalog> {
        Arc::new(Catalog {
            uk: bundle(Locale::Uk, UK),
            en: bundle(Locale::En, EN),
            formatted: Cache::new(FORMATTED_CAPACITY),
        })
    }

    /// `message` with no argument or only `count`, formatted once.
    fn formatted(&self, locale: Locale, key: &str, count: Option<i64>) -> String {
        if let Some(text) = self.formatted.get(&FormattedRef(locale, key, count)) {
            return text.to_string();
        }
        let text = match count {
            None => self.message(locale, key, None),
            Some(n) => {
                let mut args = FluentArgs::new();
                args.set("count", FluentValue::from(n));
                self.message(locale, key, Some(&args))
            }
        };
        self.formatted
            .insert(Formatted(locale, key.into(), count), Arc::from(text.as_str()));
        text
    }

    fn bundle(&self, locale: Locale) -> &FluentBundle<FluentResource> {
        match locale {
            Locale::Uk => &self.uk,
            Locale::En => &self.en,
        }
    }

    /// The message `key` in `locale`, or the key itself when it is missing
    /// (visible, and caught by the locale-completeness test).
    pub fn message(&self, locale: Locale, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = self.bundle(locale);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, %locale, "missing message");
            return key.to_string();
        };
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }

    /// True when the message exists (in Ukrainian; the locales have the same
    /// keys, which a test checks).
    pub fn has(&self, key: &str) -> bool {
        self.uk.has_message(key)
    }

    /// Every message id of a locale's source file, for the completeness test.
    pub fn keys(locale: Locale) -> Vec<String> {
        let source = match locale {
            Locale::Uk => UK,
            Locale::En => EN,
        };
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }
}

fn bundle(locale: Locale, source: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(resource, errors)| {
        tracing::error!(%locale, ?errors, "message file has syntax errors");
        resource
    });
    let langid = locale.as_str().parse().expect("uk and en are valid language ids");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Isolation marks (U+2068/2069) are for plain text; HTML has `dir`.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match locale {
        Locale::Uk => format_uk,
        Locale::En => format_en,
    }));
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(%locale, ?errors, "duplicate messages");
    }
    bundle
}

/// Fluent leaves number formatting to the host: group digits the way each
/// language writes them ("12 500" in Ukrainian, "12,500" in English).
fn format_uk<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(value, '\u{a0}', ',')
}

fn format_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(value, ',', '.')
}

fn format_number(value: &FluentValue, group: char, decimal: char) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    if !n.value.is_finite() {
        return Some(String::new());
    }
    Some(group_digits(n.value, group, decimal))
}

pub fn group_digits(value: f64, group: char, decimal: char) -> String {
    let negative = value < 0.0;
    let rounded = (value.abs() * 100.0).round() / 100.0;
    let integer = rounded.trunc() as u64;
    let fraction = ((rounded - rounded.trunc()) * 100.0).round() as u64;
    let digits = integer.to_string();
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    if fraction > 0 {
        out.push(decimal);
        out.push_str(format!("{fraction:02}").trim_end_matches('0'));
    }
    out
}

/// The catalogue bound to one request's locale: what templates call.
#[derive(Clone)]
pub struct Messages {
    catalog: Arc<Catalog>,
    pub locale: Locale,
    /// The zone dates and times are shown in (the tenant's; UTC elsewhere).
    zone: civic_core::Zone,
}

impl Messages {
    pub fn new(catalog: Arc<Catalog>, locale: Locale) -> Self {
        Messages {
            catalog,
            locale,
            zone: civic_core::Zone::utc(),
        }
    }

    /// The same messages showing dates and times in `zone`.
    pub fn in_zone(mut self, zone: civic_core::Zone) -> Self {
        self.zone = zone;
        self
    }

    pub fn zone(&self) -> &civic_core::Zone {
        &self.zone
    }

    /// A plain message, as templates call it: `shell.i.t(KEY)`.
    pub fn t(&self, key: &str) -> String {
        self.catalog.formatted(self.locale, key, None)
    }

    /// The message of `key`, or `None` when the catalogue has no such key
    /// (the caller then falls back to a text it has).
    pub fn translated(&self, key: &str) -> Option<String> {
        self.catalog.has(key).then(|| self.t(key))
    }

    /// A refused value's problem in this language (`field-error-CODE`), or
    /// the rule's own English text when no message is written for it.
    pub fn problem(&self, problem: &civic_core::Invalid) -> String {
        self.translated(&format!("field-error-{}", problem.code))
            .unwrap_or_else(|| problem.message.clone())
    }

    /// Every problem of a refused form, as `(field, message)` for the page.
    pub fn problems(&self, problems: &civic_core::Problems) -> Vec<(String, String)> {
        problems
            .iter()
            .map(|p| (p.field.to_string(), self.problem(p)))
            .collect()
    }

    /// A message with a count, chosen by the locale's plural rules.
    pub fn count(&self, key: &str, count: impl Borrow<i64>) -> String {
        self.catalog.formatted(self.locale, key, Some(*count.borrow()))
    }

    /// A message with one named string argument.
    pub fn with(&self, key: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), FluentValue::from(value.to_string()));
        self.catalog.message(self.locale, key, Some(&args))
    }

    /// A message with several arguments.
    pub fn with_args(&self, key: &str, args: &FluentArgs) -> String {
        self.catalog.message(self.locale, key, Some(args))
    }

    /// A number for reading, as the language writes it: "1 250,5" / "1,250.5"
    /// (not for form values, which browsers read with a dot).
    pub fn number(&self, value: f64) -> String {
        match self.locale {
            Locale::Uk => group_digits(value, '\u{a0}', ','),
            Locale::En => group_digits(value, ',', '.'),
        }
    }

    /// "74,2 %" / "74.2%".
    pub fn percent(&self, value: f64) -> String {
        match self.locale {
            Locale::Uk => format!("{}\u{a0}%", self.number(value)),
            Locale::En => format!("{}%", self.number(value)),
        }
    }

    /// "27 листопада 2026" / "27 November 2026".
    pub fn date(&self, at: impl Borrow<i64>) -> String {
        let at = *at.borrow();
        self.calendar_date(Timestamp(at).local(&self.zone).ymd())
    }

    /// A calendar date already in the town's terms (a statistics day)
    /// as [`Self::date`] writes it, with no zone applied:
    /// a day is not a moment, and shifting its midnight west of UTC would
    /// name the day before.
    pub fn calendar_date(&self, (y, m, d): (i64, u32, u32)) -> String {
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::from(d.to_string()));
        args.set("month", FluentValue::from(self.t(&format!("month-{m}"))));
        args.set("year", FluentValue::from(y.to_string()));
        self.catalog.message(self.locale, "date-format", Some(&args))
    }

    /// "27 листопада" / "27 November" in this year, else as [`Self::date`].
    pub fn day_month(&self, at: impl Borrow<i64>) -> String {
        let at = *at.borrow();
        let (y, m, d) = Timestamp(at).local(&self.zone).ymd();
        if y != Timestamp::now().local(&self.zone).ymd().0 {
            return self.date(at);
        }
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::from(d.to_string()));
        args.set("month", FluentValue::from(self.t(&format!("month-{m}"))));
        self.catalog.message(self.locale, "date-format-day-month", Some(&args))
    }

    /// "3 дні тому" / "3 days ago".
    pub fn ago(&self, at: impl Borrow<i64>) -> String {
        let at = *at.borrow();
        let days = (Timestamp::now().0 - at).max(0) / 86_400_000;
        self.count("days-ago", days)
    }

    /// `YYYY-MM-DD` for `<time datetime>`.
    pub fn iso(&self, at: impl Borrow<i64>) -> String {
        Timestamp(*at.borrow()).local(&self.zone).iso_date()
    }

    /// "27 листопада 2026, 14:05" / "27 November 2026, 14:05", in the zone.
    pub fn date_time(&self, at: impl Borrow<i64>) -> String {
        let at = *at.borrow();
        let (h, min) = Timestamp(at).local(&self.zone).hm();
        format!("{}, {h:02}:{min:02}", self.date(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn both_locales_have_the_same_keys() {
        let uk: BTreeSet<_> = Catalog::keys(Locale::Uk).into_iter().collect();
        let en: BTreeSet<_> = Catalog::keys(Locale::En).into_iter().collect();
        assert!(uk.len() > 50);
        let only_uk: Vec<_> = uk.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&uk).collect();
        assert!(
            only_uk.is_empty() && only_en.is_empty(),
            "only in uk: {only_uk:?}; only in en: {only_en:?}"
        );
    }

    #[test]
    fn message_files_parse_cleanly() {
        for source in [UK, EN] {
            assert!(FluentResource::try_new(source.to_string()).is_ok());
        }
    }

    #[test]
    fn no_key_is_defined_twice() {
        for locale in [Locale::Uk, Locale::En] {
            let mut seen = BTreeSet::new();
            let twice: Vec<String> = Catalog::keys(locale)
                .into_iter()
                .filter(|k| !seen.insert(k.clone()))
                .collect();
            assert!(
                twice.is_empty(),
                "{locale}: defined twice (in one or two locale files): {twice:?}"
            );
        }
    }

    #[test]
    fn every_key_used_in_code_and_templates_exists() {
        let keys: BTreeSet<_> = Catalog::keys(Locale::Uk).into_iter().collect();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        let mut used = BTreeSet::new();
        for dir in ["templates", "src", "src/html", "src/api"] {
            for entry in std::fs::read_dir(format!("{root}{dir}")).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    let text = std::fs::read_to_string(&path).unwrap();
                    // Literal keys passed to .t(…), .count(…) and .with(…).
                    for call in [".t(\"", ".count(\"", ".with(\""] {
                        for piece in text.split(call).skip(1) {
                            if let Some(key) = piece.split('"').next()
                                && !key.is_empty()
                                && key
                                    .bytes()
                                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
                            {
                                used.insert(key.to_string());
                            }
                        }
                    }
                }
            }
        }
        assert!(used.len() > 20, "the scan found too few keys: {used:?}");
        // Keys built at run time, by family.
        let families: [(&str, &[&str]); 16] = [
            ("sort", &["newest", "supported", "commented", "random"]),
            ("comments-sort", &["oldest", "best", "newest"]),
            (
                "status",
                &[
                    "published",
                    "under_review",
                    "accepted",
                    "rejected",
                    "in_progress",
                    "implemented",
                    "withdrawn",
                    "merged",
                ],
            ),
            ("search-kind", &["idea", "comment"]),
            (
                "conflict",
                &[
                    "space_closed",
                    "idea_withdrawn",
                    "idea_merged",
                    "idea_closed",
                    "idea_hidden",
                    "invalid_transition",
                    "edit_window_closed",
                    "cannot_withdraw",
                    "comment_deleted",
                    "module_off",
                    "space_archived",
                    "space_changed",
                ],
            ),
            (
                "field-error",
                &[
                    "invalid_title",
                    "invalid_body",
                    "invalid_category",
                    "invalid_district",
                    "invalid_location",
                    "invalid_comment",
                    "invalid_alignment",
                    "invalid_parent",
                    "too_deep",
                    "invalid_answer",
                    "invalid_status",
                    "invalid_query",
                    "invalid_sort",
                    "invalid_vote",
                    "invalid_seed",
                    "invalid_space_title",
                    "invalid_space_description",
                    "ends_before_start",
                    "invalid_date",
                    "invalid_phases",
                    "phases_out_of_order",
                    "invalid_phase_line",
                    "invalid_choices",
                    "invalid_module",
                    "invalid_participation",
                    "invalid_threshold",
                    "invalid_image_alt",
                    "invalid_space_status",
                    "invalid_space_transition",
                    "image_too_large",
                    "image_type",
                    "merge_into_itself",
                    "other_space",
                    "invalid_idea",
                    "invalid_topic",
                    "topic_name_too_long",
                    "topic_name_control",
                ],
            ),
            ("review-waiting", &["days"]),
            ("space-status", &["draft", "published", "closed", "archived"]),
            ("space-action", &["published", "closed", "archived"]),
            ("space-module", &["ideas", "polls", "conversations"]),
            ("space-participation", &["registered", "verified"]),
            ("admin-space-done", &["created", "saved", "status", "image"]),
            ("role", &["citizen", "moderator", "official", "admin"]),
            ("alignment", &["in_favour", "against", "neutral"]),
            (
                "error-title",
                &[
                    "400", "401", "403", "404", "405", "408", "409", "413", "422", "429", "500", "503",
                ],
            ),
            (
                "error-text",
                &[
                    "400", "401", "403", "404", "405", "408", "409", "413", "422", "429", "500", "503",
                ],
            ),
        ];
        for (prefix, members) in families {
            used.extend(members.iter().map(|m| format!("{prefix}-{m}")));
        }
        used.extend((1..=12).map(|m| format!("month-{m}")));
        used.extend(
            [
                "invalid_email",
                "invalid_display_name",
                "password_too_short",
                "password_too_long",
                "password_common",
                "email_taken",
                "wrong_password",
                "invalid_contributions",
                "last_admin",
                "invalid_role",
                "invalid_token_name",
                "invalid_token_lifetime",
                "invalid_statement",
                "invalid_question",
                "invalid_moderation",
                "too_many_statements",
                "invalid_kind",
                "invalid_mode",
                "invalid_locale",
                "too_many",
            ]
            .iter()
            .map(|c| format!("field-error-{c}")),
        );
        used.extend(
            civic_app::audit::action::ALL
                .iter()
                .map(|a| format!("audit-action-{a}"))
                .chain(["password", "sessions", "session", "token-revoked"].map(|d| format!("account-done-{d}")))
                .chain(["subject", "greeting", "body", "ignore"].map(|p| format!("mail-reset-{p}")))
                .chain(["name", "email-sent"].map(|d| format!("account-done-{d}")))
                .chain(["idea", "comment", "support", "poll", "signature"].map(|k| format!("account-activity-{k}")))
                .chain(["email_in_use", "same_email"].map(|c| format!("field-error-{c}")))
                .chain(["conflict-email_in_use".to_string()])
                .chain(
                    ["change", "changed"]
                        .iter()
                        .flat_map(|m| ["subject", "greeting", "body", "ignore"].map(|p| format!("mail-{m}-{p}"))),
                )
                .chain(["agree", "disagree"].map(|d| format!("results-lean-{d}")))
                .chain(["pending", "published", "rejected"].map(|s| format!("moderate-{s}")))
                .chain(["upcoming", "open", "closed"].map(|s| format!("poll-phase-{s}")))
                .chain(civic_core::notifications::Kind::ALL.iter().flat_map(|k| {
                    [
                        format!("notify-item-{}", k.as_str()),
                        format!("notify-settings-kind-{}", k.as_str()),
                    ]
                }))
                .chain(["immediate", "daily", "never"].map(|m| format!("notify-mode-{m}")))
                // Inviting people to the staff (issue 22).
                .chain(["official", "moderator", "admin"].iter().flat_map(|role| {
                    ["subject", "greeting", "body", "ignore"]
                        .map(|part| format!("mail-invite-{role}-{part}"))
                        .into_iter()
                        .chain([format!("invite-role-hint-{role}")])
                }))
                // The town's documents (issue 22), by `html::documents::own`.
                .chain(["accessibility", "terms", "privacy"].iter().flat_map(|kind| {
                    [
                        "title",
                        "platform-note",
                        "default",
                        "admin-tab",
                        "admin-intro",
                        "admin-label",
                        "admin-save",
                        "admin-saved",
                        "admin-unpublished",
                    ]
                    .map(|what| format!("{kind}-{what}"))
                }))
                // Verified residents (issue 21).
                .chain(civic_core::verification::METHODS.map(|m| format!("verification-method-{m}")))
                .chain(civic_core::verification::DOCUMENT_TYPES.map(|d| format!("verification-document-{d}")))
                .chain(["under_18", "18_34", "35_59", "60_plus"].map(|b| format!("verification-band-{b}")))
                .chain(["census", "verified", "revoked"].map(|d| format!("verification-admin-done-{d}")))
                .chain(
                    [
                        "verification_no_match",
                        "invalid_document_number",
                        "invalid_birth_date",
                        "invalid_document_type",
                        "invalid_verification_district",
                        "census_too_long",
                        "census_bad_quotes",
                        "census_field_count",
                        "census_duplicate",
                        "census_empty",
                        "census_not_utf8",
                    ]
                    .map(|c| format!("field-error-{c}")),
                )
                .chain([
                    "conflict-identity_taken".to_string(),
                    "forbidden-verified_only".to_string(),
                ])
                .chain(
                    [
                        "unknown_question",
                        "duplicate_answer",
                        "required",
                        "hidden_question",
                        "invalid_answer",
                        "unknown_option",
                        "duplicate_option",
                        "too_few_selections",
                        "too_many_selections",
                        "out_of_range",
                        "invalid_number",
                        "text_too_long",
                        "invalid_ranking",
                        "invalid_date",
                        "other_missing",
                        "other_not_chosen",
                        "invalid_matrix",
                        "matrix_incomplete",
                    ]
                    .map(|c| format!("poll-problem-{c}")),
                )
                .chain(civic_core::polls::Kind::ALL.map(|k| format!("poll-kind-{}", k.as_str())))
                .chain(["draft", "published"].map(|s| format!("poll-status-{s}")))
                .chain(
                    [
                        "invalid_poll_title",
                        "invalid_intro",
                        "invalid_dates",
                        "invalid_visibility",
                        "invalid_eligibility",
                        "invalid_poll_districts",
                        "no_questions",
                        "too_many_questions",
                        "invalid_question_kind",
                        "invalid_question_text",
                        "invalid_question_pages",
                        "invalid_question_options",
                        "invalid_question_other",
                        "invalid_question_rows",
                        "invalid_question_selections",
                        "invalid_question_scale",
                        "invalid_question_bounds",
                        "invalid_question_dates",
                        "invalid_question_condition",
                        "invalid_district",
                        "district_required",
                        "invalid_filter",
                    ]
                    .map(|c| format!("field-error-{c}")),
                )
                .chain(["conflict-poll_has_responses".to_string()]),
        );
        let missing: Vec<_> = used.iter().filter(|k| !keys.contains(*k)).collect();
        assert!(missing.is_empty(), "keys used but defined in no locale: {missing:?}");
    }

    #[test]
    fn a_calendar_day_is_named_as_itself_in_any_zone() {
        // 2026-03-01 00:00 UTC is still 28 February in New York: a moment
        // is shown in the town's zone, a day (a statistics period's end)
        // is not shifted.
        let west =
            Messages::new(Catalog::load(), Locale::En).in_zone(civic_core::Zone::parse("America/New_York").unwrap());
        assert_eq!(west.date(1_772_323_200_000), "28 February 2026");
        assert_eq!(west.calendar_date((2026, 3, 1)), "1 March 2026");
    }

    #[test]
    fn ukrainian_plurals() {
        let m = Messages::new(Catalog::load(), Locale::Uk);
        assert_eq!(m.count("support-count", 1), "1 підтримка");
        assert_eq!(m.count("support-count", 3), "3 підтримки");
        assert_eq!(m.count("support-count", 5), "5 підтримок");
        assert_eq!(m.count("support-count", 21), "21 підтримка");
        assert_eq!(m.count("support-count", 11), "11 підтримок");
        let en = Messages::new(Catalog::load(), Locale::En);
        assert_eq!(en.count("support-count", 1), "1 support");
        assert_eq!(en.count("support-count", 2), "2 supports");
        assert_eq!(en.date(1_795_820_127_000), "27 November 2026");
        assert_eq!(m.date(1_795_820_127_000), "27 листопада 2026");
        assert_eq!(m.count("support-count", 12_500), "12\u{a0}500 підтримок");
        assert_eq!(en.count("support-count", 1_234_567), "1,234,567 supports");
        assert_eq!(group_digits(-1234.5, ',', '.'), "−1,234.5");
        assert_eq!(group_digits(0.25, ' ', ','), "0,25");
        // Results: "74,2 %" the Ukrainian way, "74.2%" the English.
        assert_eq!(m.percent(74.2), "74,2\u{a0}%");
        assert_eq!(en.percent(74.2), "74.2%");
        assert_eq!(m.number(1250.5), "1\u{a0}250,5");
        // "1 непрочитане", "2 непрочитані", "5 непрочитаних".
        assert_eq!(m.count("nav-notifications-unread", 1), "Сповіщення (1 непрочитане)");
        assert_eq!(m.count("nav-notifications-unread", 2), "Сповіщення (2 непрочитані)");
        assert_eq!(m.count("nav-notifications-unread", 5), "Сповіщення (5 непрочитаних)");
    }
}
