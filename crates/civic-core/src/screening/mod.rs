//! Automatic screening of what residents post: publish, hold for a
//! moderator, or refuse, with the signals that decided it.
//!
//! Pure computation: the platform passes the text and what it knows of the
//! poster (`PostingContext`: account age, confirmation, posting rate, copies
//! of the text it counted with `Fingerprint`), and gets a `Verdict`. Each
//! signal that fires adds points; the sum against the two thresholds is the
//! decision. Signals are typed, so the web layer words each in uk or en.
//! docs/moderation.md describes every signal, its weight and the measured
//! precision and recall.

mod fingerprint;
mod fold;
mod links;
mod personal;
mod shape;
mod words;

pub use fingerprint::{Fingerprint, MIN_WORDS, NEAR_BITS, count_near};
pub use personal::{PersonalData, PersonalDataKind, card_valid, find_personal_data, redact, tax_number_valid};
pub use words::{DEFAULT_EN, DEFAULT_UK, Entry, MAX_ENTRIES, MAX_LINE_CHARS, MIN_STEM_LETTERS, WordCategory, WordList};

use serde::{Deserialize, Serialize};

use crate::{Invalid, Locale};

/// Only this much of a text is screened (characters): the longest post is
/// 10,000, and a bound keeps the cost of one call bounded whatever comes.
pub const MAX_SCREENED_CHARS: usize = 20_000;

/// Points each signal adds. See docs/moderation.md for why each is so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    /// Dense links: this much for the first link...
    pub link_density: u32,
    /// ...and this much for each further one,
    pub extra_link: u32,
    /// ...up to this much.
    pub links_max: u32,
    /// For each recent copy of the text by others (a copy by the author
    /// counts twice)...
    pub repeated_text: u32,
    /// ...up to this much.
    pub repeated_text_max: u32,
    /// Posting faster than `Limits::posts_per_hour`; doubled at three times it.
    pub posting_rate: u32,
    pub new_account: u32,
    pub unconfirmed: u32,
    /// The first entry found of each category; each further distinct entry
    /// of it adds `further_word`.
    pub spam_word: u32,
    pub abuse_word: u32,
    pub hate_word: u32,
    pub further_word: u32,
    pub phone: u32,
    pub email: u32,
    pub tax_number: u32,
    pub passport: u32,
    pub card: u32,
    pub all_caps: u32,
    pub repeated_characters: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            link_density: 40,
            extra_link: 15,
            links_max: 70,
            repeated_text: 25,
            repeated_text_max: 75,
            posting_rate: 50,
            new_account: 15,
            unconfirmed: 15,
            spam_word: 30,
            abuse_word: 50,
            hate_word: 100,
            further_word: 25,
            phone: 50,
            email: 50,
            tax_number: 60,
            passport: 60,
            card: 60,
            all_caps: 20,
            repeated_characters: 10,
        }
    }
}

/// Where signals start to fire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Links are dense when there is one for fewer than this many words...
    pub words_per_link: u32,
    /// ...or when there are at least this many.
    pub max_links: u32,
    /// Copies of the text (by anyone) before it fires.
    pub repeats: u32,
    pub posts_per_hour: u32,
    /// An account younger than this is new.
    pub new_account_hours: u32,
    /// Share of capitals (outside acronyms) that is shouting.
    pub caps_percent: u32,
    /// A character held down this many times.
    pub repeated_run: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            words_per_link: 15,
            max_links: 3,
            repeats: 2,
            posts_per_hour: 12,
            new_account_hours: 24,
            caps_percent: 70,
            repeated_run: 5,
        }
    }
}

/// A city's screening settings. `Default` is what the platform ships.
#[derive(Debug, Clone)]
pub struct ScreeningConfig {
    /// A post scoring this much waits for a moderator...
    pub hold_at: u32,
    /// ...and this much is refused.
    pub refuse_at: u32,
    pub weights: Weights,
    pub limits: Limits,
    pub words_uk: WordList,
    pub words_en: WordList,
    /// Links and e-mail addresses at these domains (and their subdomains)
    /// do not count: the city's own site, the platform's host.
    pub trusted_domains: Vec<String>,
}

impl Default for ScreeningConfig {
    fn default() -> Self {
        ScreeningConfig {
            hold_at: 50,
            refuse_at: 100,
            weights: Weights::default(),
            limits: Limits::default(),
            words_uk: WordList::default_uk(),
            words_en: WordList::default_en(),
            // Only state bodies get gov.ua: their addresses and links are
            // not a resident's personal data or spam.
            trusted_domains: vec!["gov.ua".into()],
        }
    }
}

/// What the platform knows of the poster when the text comes in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingContext {
    pub account_age_hours: u32,
    pub email_confirmed: bool,
    /// The person's posts in the hour before this one.
    pub posts_last_hour: u32,
    /// Recent items by this account with nearly the same text
    /// (`count_near` over their fingerprints).
    pub same_text_by_author: u32,
    /// Recent items by other accounts with nearly the same text.
    pub same_text_by_others: u32,
}

impl PostingContext {
    /// An account of this age, with no recent posts or copies counted.
    pub fn new(account_age_hours: u32, email_confirmed: bool) -> PostingContext {
        PostingContext {
            account_age_hours,
            email_confirmed,
            posts_last_hour: 0,
            same_text_by_author: 0,
            same_text_by_others: 0,
        }
    }
}

/// What a screening decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Publish,
    Hold,
    Refuse,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Publish => "publish",
            Decision::Hold => "hold",
            Decision::Refuse => "refuse",
        }
    }
}

/// A fact about a post that speaks against publishing it as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "signal", rename_all = "snake_case")]
pub enum Signal {
    /// Many links for the words around them.
    LinkDensity {
        links: u32,
        words: u32,
    },
    /// Recent items with nearly the same text.
    RepeatedText {
        by_author: u32,
        by_others: u32,
    },
    PostingRate {
        per_hour: u32,
    },
    NewAccount {
        hours: u32,
    },
    Unconfirmed,
    /// An entry of a blocked-word list: `word` as written in the post,
    /// `entry` as written in the list.
    BlockedWord {
        word: String,
        entry: String,
        list: Locale,
        category: WordCategory,
    },
    PersonalData {
        kind: PersonalDataKind,
        count: u32,
    },
    AllCaps {
        percent: u32,
    },
    RepeatedCharacters {
        run: u32,
    },
}

impl Signal {
    /// Stable snake_case code, the key of a localised message.
    pub fn code(&self) -> &'static str {
        match self {
            Signal::LinkDensity { .. } => "link_density",
            Signal::RepeatedText { .. } => "repeated_text",
            Signal::PostingRate { .. } => "posting_rate",
            Signal::NewAccount { .. } => "new_account",
            Signal::Unconfirmed => "unconfirmed",
            Signal::BlockedWord { .. } => "blocked_word",
            Signal::PersonalData { .. } => "personal_data",
            Signal::AllCaps { .. } => "all_caps",
            Signal::RepeatedCharacters { .. } => "repeated_characters",
        }
    }
}

/// A signal and the points it added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fired {
    pub signal: Signal,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub decision: Decision,
    pub score: u32,
    /// In the order checked; empty for a clean post.
    pub signals: Vec<Fired>,
}

impl Verdict {
    /// The signal that weighed most: the reason given with a refusal.
    pub fn reason(&self) -> Option<&Signal> {
        // The first of the heaviest, so the reason does not depend on ties.
        let top = self.signals.iter().map(|f| f.points).max()?;
        self.signals.iter().find(|f| f.points == top).map(|f| &f.signal)
    }
}

/// A screening set up once for a city and used for every post.
#[derive(Debug)]
pub struct Screening {
    config: ScreeningConfig,
    matcher: words::Matcher,
}

impl Screening {
    /// Refuses thresholds that cannot work (zero, or refusing below holding).
    pub fn new(config: ScreeningConfig) -> Result<Screening, Invalid> {
        if config.hold_at == 0 || config.refuse_at < config.hold_at {
            return Err(Invalid::new(
                "thresholds",
                "invalid_thresholds",
                "the hold threshold is above zero and the refuse threshold at least as high",
            ));
        }
        let matcher = words::Matcher::new(&[(Locale::Uk, &config.words_uk), (Locale::En, &config.words_en)]);
        Ok(Screening { config, matcher })
    }

    pub fn config(&self) -> &ScreeningConfig {
        &self.config
    }

    /// Screens one post (a title and body: join them with a newline).
    pub fn screen(&self, text: &str, context: &PostingContext) -> Verdict {
        let text = match text.char_indices().nth(MAX_SCREENED_CHARS) {
            Some((cut, _)) => &text[..cut],
            None => text,
        };
        let (w, l) = (&self.config.weights, &self.config.limits);
        let mut fired: Vec<Fired> = Vec::new();
        let mut fire = |signal: Signal, points: u32| {
            if points > 0 {
                fired.push(Fired { signal, points });
            }
        };

        let tokens = fold::tokens(text);
        let trusted = |host: &str| self.config.trusted_domains.iter().any(|d| links::is_under(host, d));
        let found_links = links::links(text);
        let link_count = found_links.iter().filter(|k| !trusted(&k.host)).count() as u32;
        // Words outside links: a link's pieces are not words around it.
        let words = tokens
            .iter()
            .filter(|t| !t.joined && !t.skeletons.is_empty())
            .filter(|t| !found_links.iter().any(|k| t.start >= k.start && t.end <= k.end))
            .count() as u32;
        if link_count > 0 && (words < link_count * l.words_per_link || link_count >= l.max_links) {
            let points = (w.link_density + w.extra_link * (link_count - 1)).min(w.links_max);
            fire(
                Signal::LinkDensity {
                    links: link_count,
                    words,
                },
                points,
            );
        }

        // A few copies make a campaign; the author's own copies weigh
        // double (one account flooding).
        let own = context.same_text_by_author;
        let copies = context.same_text_by_others.saturating_add(own.saturating_mul(2));
        if context.same_text_by_others.saturating_add(own) >= l.repeats {
            fire(
                Signal::RepeatedText {
                    by_author: context.same_text_by_author,
                    by_others: context.same_text_by_others,
                },
                w.repeated_text.saturating_mul(copies).min(w.repeated_text_max),
            );
        }
        if context.posts_last_hour >= l.posts_per_hour {
            let twice = context.posts_last_hour >= l.posts_per_hour.saturating_mul(3);
            fire(
                Signal::PostingRate {
                    per_hour: context.posts_last_hour,
                },
                if twice { w.posting_rate * 2 } else { w.posting_rate },
            );
        }
        if context.account_age_hours < l.new_account_hours {
            fire(
                Signal::NewAccount {
                    hours: context.account_age_hours,
                },
                w.new_account,
            );
        }
        if !context.email_confirmed {
            fire(Signal::Unconfirmed, w.unconfirmed);
        }

        let mut per_category = [0u32; 3];
        for hit in self.matcher.find(&tokens) {
            let category = hit.entry.category;
            let seen = &mut per_category[category as usize];
            let first = match category {
                WordCategory::Spam => w.spam_word,
                WordCategory::Abuse => w.abuse_word,
                WordCategory::Hate => w.hate_word,
            };
            let points = if *seen == 0 { first } else { w.further_word };
            *seen += 1;
            fire(
                Signal::BlockedWord {
                    word: text[hit.start..hit.end].to_string(),
                    entry: hit.entry.text.clone(),
                    list: hit.list,
                    category,
                },
                points,
            );
        }

        let mut kinds: Vec<(PersonalDataKind, u32)> = Vec::new();
        for p in find_personal_data(text) {
            if p.kind == PersonalDataKind::Email {
                let host = text[p.start..p.end]
                    .rsplit('@')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if trusted(&host) {
                    continue;
                }
            }
            match kinds.iter_mut().find(|(k, _)| *k == p.kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((p.kind, 1)),
            }
        }
        for (kind, count) in kinds {
            let points = match kind {
                PersonalDataKind::Phone => w.phone,
                PersonalDataKind::Email => w.email,
                PersonalDataKind::TaxNumber => w.tax_number,
                PersonalDataKind::Passport => w.passport,
                PersonalDataKind::Card => w.card,
            };
            fire(Signal::PersonalData { kind, count }, points);
        }

        if let Some(percent) = shape::caps_percent(text)
            && percent >= l.caps_percent
        {
            fire(Signal::AllCaps { percent }, w.all_caps);
        }
        let run = shape::longest_run(text);
        if run >= l.repeated_run {
            fire(Signal::RepeatedCharacters { run }, w.repeated_characters);
        }

        let score = fired.iter().map(|f| f.points).fold(0u32, u32::saturating_add);
        let decision = if score >= self.config.refuse_at {
            Decision::Refuse
        } else if score >= self.config.hold_at {
            Decision::Hold
        } else {
            Decision::Publish
        };
        Verdict {
            decision,
            score,
            signals: fired,
        }
    }
}

#[cfg(test)]
mod tests;
