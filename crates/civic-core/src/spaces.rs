//! Rules of participatory spaces: what an administrator may set (title,
//! description, dates, phases, choices, modules, who takes part) and the
//! state machine of a space's status.

use crate::ideas::{LABEL_MAX, TITLE_MAX, TITLE_MIN};
use crate::{Invalid, SpaceId, Timestamp};
use serde::{Deserialize, Serialize};

pub const DESCRIPTION_MAX: usize = 20_000;
pub const PHASES_MAX: usize = 12;
pub const PHASE_NAME_MAX: usize = 80;
pub const CHOICES_MAX: usize = 50;
pub const THRESHOLD_MAX: i64 = 1_000_000;
pub const IMAGE_ALT_MAX: usize = 200;

/// Where a space stands. Drafts are seen by staff only; closed and archived
/// spaces are read-only; archived ones are not listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpaceStatus {
    Draft,
    Published,
    Closed,
    Archived,
}

impl SpaceStatus {
    pub const ALL: [SpaceStatus; 4] = [
        SpaceStatus::Draft,
        SpaceStatus::Published,
        SpaceStatus::Closed,
        SpaceStatus::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SpaceStatus::Draft => "draft",
            SpaceStatus::Published => "published",
            SpaceStatus::Closed => "closed",
            SpaceStatus::Archived => "archived",
        }
    }

    pub fn parse(raw: &str) -> Option<SpaceStatus> {
        SpaceStatus::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    /// draft → published → closed → archived, and closed → published again.
    pub fn next(self) -> &'static [SpaceStatus] {
        match self {
            SpaceStatus::Draft => &[SpaceStatus::Published],
            SpaceStatus::Published => &[SpaceStatus::Closed],
            SpaceStatus::Closed => &[SpaceStatus::Published, SpaceStatus::Archived],
            SpaceStatus::Archived => &[],
        }
    }

    pub fn transition(self, to: &str) -> Result<SpaceStatus, Invalid> {
        let target = SpaceStatus::parse(to)
            .ok_or_else(|| Invalid::new("status", "invalid_space_status", "the status is not one we know"))?;
        if !self.next().contains(&target) {
            let allowed: Vec<&str> = self.next().iter().map(|s| s.as_str()).collect();
            return Err(Invalid::new(
                "status",
                "invalid_space_transition",
                format!(
                    "a {} space can move to: {}",
                    self.as_str(),
                    if allowed.is_empty() {
                        "nothing".into()
                    } else {
                        allowed.join(", ")
                    }
                ),
            ));
        }
        Ok(target)
    }
}

/// The parts of a space that can be switched off.
pub const MODULES: [&str; 3] = ["ideas", "polls", "conversations"];

/// A module of a space: the kind of participation it hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    Ideas,
    Polls,
    Conversations,
}

impl Module {
    pub fn as_str(self) -> &'static str {
        match self {
            Module::Ideas => "ideas",
            Module::Polls => "polls",
            Module::Conversations => "conversations",
        }
    }
}

/// Why residents may not take part in a space's module now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotOpen {
    /// Closed, archived, a draft, or outside its dates.
    SpaceClosed,
    /// The module is switched off in this space.
    ModuleOff(Module),
    /// Only verified residents may take part (the caller admits those who
    /// are: `civic_app::verification::take_part`).
    VerifiedOnly,
}

impl NotOpen {
    /// The stable code of the refusal (`conflict-CODE` messages).
    pub fn code(self) -> &'static str {
        match self {
            NotOpen::SpaceClosed => "space_closed",
            NotOpen::ModuleOff(_) => "module_off",
            NotOpen::VerifiedOnly => "verified_only",
        }
    }
}

/// Who may take part: any registered account, or verified residents only.
pub const PARTICIPATION: [&str; 2] = ["registered", "verified"];

/// A step of a space's life ("collecting ideas", "review", "results").
/// `ends_at` is exclusive (the midnight after the last day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub name: String,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// What an administrator typed, as the form or the API gave it.
#[derive(Debug, Clone, Default)]
pub struct SettingsInput<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub phases: &'a [Phase],
    /// One per line.
    pub categories: &'a str,
    /// One per line.
    pub districts: &'a str,
    pub modules: &'a [String],
    pub participation: &'a str,
    pub support_threshold: i64,
    /// Hours authors may edit their ideas, from 0 (never) to
    /// [`EDIT_WINDOW_MAX_HOURS`](crate::ideas::EDIT_WINDOW_MAX_HOURS).
    pub edit_window_hours: i64,
    pub image_alt: &'a str,
}

/// Settings that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub title: String,
    pub description: String,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub phases: Vec<Phase>,
    pub categories: Vec<String>,
    pub districts: Vec<String>,
    pub modules: Vec<&'static str>,
    pub participation: &'static str,
    pub support_threshold: i64,
    pub edit_window_hours: i64,
    pub image_alt: Option<String>,
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Non-empty trimmed lines, each a label of at most `LABEL_MAX` characters.
fn choices(field: &'static str, raw: &str) -> Result<Vec<String>, Invalid> {
    let lines: Vec<String> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if lines.len() > CHOICES_MAX || lines.iter().any(|l| chars(l) > LABEL_MAX) {
        return Err(Invalid::new(
            field,
            "invalid_choices",
            format!("at most {CHOICES_MAX} lines of at most {LABEL_MAX} characters each"),
        ));
    }
    Ok(lines)
}

/// Every problem at once (a form lists them all); nothing partial.
pub fn check(input: &SettingsInput<'_>) -> Result<Settings, Vec<Invalid>> {
    let mut errors = Vec::new();
    let title = input.title.trim();
    if chars(title) < TITLE_MIN || chars(title) > TITLE_MAX {
        errors.push(Invalid::new(
            "title",
            "invalid_space_title",
            format!("a title has {TITLE_MIN} to {TITLE_MAX} characters"),
        ));
    }
    if chars(input.description) > DESCRIPTION_MAX {
        errors.push(Invalid::new(
            "description",
            "invalid_space_description",
            format!("a description has at most {DESCRIPTION_MAX} characters"),
        ));
    }
    if let (Some(s), Some(e)) = (input.starts_at, input.ends_at)
        && e <= s
    {
        errors.push(Invalid::new(
            "ends_at",
            "ends_before_start",
            "the end comes after the start",
        ));
    }
    if let Some(e) = phase_problem(input.phases) {
        errors.push(e);
    }
    let categories = choices("categories", input.categories).map_err(|e| errors.push(e)).ok();
    let districts = choices("districts", input.districts).map_err(|e| errors.push(e)).ok();
    let mut modules = Vec::new();
    for m in input.modules {
        match MODULES.iter().find(|k| **k == m.trim()) {
            Some(k) if !modules.contains(k) => modules.push(*k),
            Some(_) => {}
            None => {
                errors.push(Invalid::new(
                    "modules",
                    "invalid_module",
                    format!("modules are some of: {}", MODULES.join(", ")),
                ));
                break;
            }
        }
    }
    let participation = PARTICIPATION.iter().find(|p| **p == input.participation.trim());
    if participation.is_none() {
        errors.push(Invalid::new(
            "participation",
            "invalid_participation",
            "who may take part is registered or verified",
        ));
    }
    if !(1..=THRESHOLD_MAX).contains(&input.support_threshold) {
        errors.push(Invalid::new(
            "support_threshold",
            "invalid_threshold",
            format!("the support threshold is a whole number from 1 to {THRESHOLD_MAX}"),
        ));
    }
    let max_hours = crate::ideas::EDIT_WINDOW_MAX_HOURS;
    if !(0..=max_hours).contains(&input.edit_window_hours) {
        errors.push(Invalid::new(
            "edit_window_hours",
            "invalid_edit_window",
            format!("the edit window is a whole number of hours from 0 to {max_hours}"),
        ));
    }
    let alt = input.image_alt.trim();
    if chars(alt) > IMAGE_ALT_MAX {
        errors.push(Invalid::new(
            "image_alt",
            "invalid_image_alt",
            format!("the image description has at most {IMAGE_ALT_MAX} characters"),
        ));
    }
    match (categories, districts, participation) {
        (Some(categories), Some(districts), Some(participation)) if errors.is_empty() => Ok(Settings {
            title: title.to_string(),
            description: input.description.to_string(),
            starts_at: input.starts_at,
            ends_at: input.ends_at,
            phases: input
                .phases
                .iter()
                .map(|p| Phase {
                    name: p.name.trim().to_string(),
                    ..p.clone()
                })
                .collect(),
            categories,
            districts,
            modules: MODULES.into_iter().filter(|m| modules.contains(m)).collect(),
            participation,
            support_threshold: input.support_threshold,
            edit_window_hours: input.edit_window_hours,
            image_alt: (!alt.is_empty()).then(|| alt.to_string()),
        }),
        _ => Err(errors),
    }
}

/// Phases are named, each ends after it starts, and each starts when or
/// after the one before ended.
fn phase_problem(phases: &[Phase]) -> Option<Invalid> {
    let invalid = |msg: &str| Some(Invalid::new("phases", "invalid_phases", msg));
    if phases.len() > PHASES_MAX {
        return invalid(&format!("at most {PHASES_MAX} phases"));
    }
    if phases
        .iter()
        .any(|p| p.name.trim().is_empty() || chars(p.name.trim()) > PHASE_NAME_MAX)
    {
        return invalid(&format!("each phase has a name of 1 to {PHASE_NAME_MAX} characters"));
    }
    if phases.iter().any(|p| p.ends_at <= p.starts_at) || phases.windows(2).any(|w| w[1].starts_at < w[0].ends_at) {
        return Some(Invalid::new(
            "phases",
            "phases_out_of_order",
            "each phase ends after it starts and starts after the one before it ended",
        ));
    }
    None
}

/// The phase going on at `now`, by index.
pub fn current_phase(phases: &[Phase], now: i64) -> Option<usize> {
    phases.iter().position(|p| p.starts_at <= now && now < p.ends_at)
}

const DAY_MS: i64 = 86_400_000;

/// `YYYY-MM-DD` as the midnight (UTC) that starts the day; blank is `None`.
pub fn day_start(field: &'static str, raw: &str) -> Result<Option<i64>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        d => crate::polls::parse_date(d)
            .map(|days| Some(days * DAY_MS))
            .ok_or_else(|| Invalid::new(field, "invalid_date", "a date is written YYYY-MM-DD")),
    }
}

/// `YYYY-MM-DD` as the midnight after the day (ends are exclusive).
pub fn day_end(field: &'static str, raw: &str) -> Result<Option<i64>, Invalid> {
    Ok(day_start(field, raw)?.map(|at| at + DAY_MS))
}

/// The last day of an exclusive end, `YYYY-MM-DD`.
pub fn last_day(ends_at: i64) -> String {
    crate::Timestamp(ends_at - 1).iso_date()
}

/// Phases written one per line: `name | YYYY-MM-DD | YYYY-MM-DD`.
pub fn parse_phase_lines(raw: &str) -> Result<Vec<Phase>, Invalid> {
    let bad = || {
        Invalid::new(
            "phases",
            "invalid_phase_line",
            "write each phase on its own line as: name | first day | last day (YYYY-MM-DD)",
        )
    };
    let mut phases = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let [name, start, end] = parts[..] else {
            return Err(bad());
        };
        let starts_at = day_start("phases", start).ok().flatten().ok_or_else(bad)?;
        let ends_at = day_end("phases", end).ok().flatten().ok_or_else(bad)?;
        phases.push(Phase {
            name: name.to_string(),
            starts_at,
            ends_at,
        });
    }
    Ok(phases)
}

/// The form's text of phases, as `parse_phase_lines` reads it.
pub fn phase_lines(phases: &[Phase]) -> String {
    phases
        .iter()
        .map(|p| {
            format!(
                "{} | {} | {}",
                p.name,
                crate::Timestamp(p.starts_at).iso_date(),
                last_day(p.ends_at)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A participatory space of a tenant ("Ideas for the riverside park 2027"),
/// as stored.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Space {
    pub id: SpaceId,
    pub title: String,
    pub description: String,
    pub status: SpaceStatus,
    pub support_threshold: i64,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub created_at: i64,
    /// The categories ideas may take, one per line; `None`: any.
    pub categories: Option<String>,
    /// The districts ideas may name, one per line; `None`: any.
    pub districts: Option<String>,
    /// Ideas in the space: counted by `get` and the lists, `None` from
    /// `get_public`, which serves every page view and every write.
    pub idea_count: Option<i64>,
    /// JSON list of `civic_core::spaces::Phase`.
    pub phases: String,
    /// The modules switched on, comma-separated.
    pub modules: String,
    /// "registered" or "verified".
    pub participation: String,
    pub image_alt: Option<String>,
    /// When the image was set (computed); `None` without an image.
    pub image_updated_at: Option<i64>,
    pub updated_at: Option<i64>,
    /// Polls and conversations in the space (counted as `idea_count`).
    pub poll_count: Option<i64>,
    pub conversation_count: Option<i64>,
    /// Hours authors may edit their ideas after posting them.
    pub edit_window_hours: i64,
}

impl Space {
    pub fn space_id(&self) -> SpaceId {
        self.id
    }

    pub fn category_choices(&self) -> Vec<String> {
        lines(self.categories.as_deref())
    }

    pub fn district_choices(&self) -> Vec<String> {
        lines(self.districts.as_deref())
    }

    /// Whether a module ("ideas", "polls", "conversations") is switched on.
    pub fn has_module(&self, module: &str) -> bool {
        self.modules.split(',').any(|m| m.trim() == module)
    }

    /// How long after posting authors may edit an idea here (milliseconds).
    pub fn edit_window_ms(&self) -> i64 {
        self.edit_window_hours * 3_600_000
    }

    /// Whether residents may take part in `module` now (propose, support,
    /// comment, answer, vote): `Err` says why not.
    pub fn open_for(&self, module: Module, now: Timestamp) -> Result<(), NotOpen> {
        if !self.is_open(now) {
            return Err(NotOpen::SpaceClosed);
        }
        if !self.has_module(module.as_str()) {
            return Err(NotOpen::ModuleOff(module));
        }
        if self.participation == "verified" {
            return Err(NotOpen::VerifiedOnly);
        }
        Ok(())
    }

    /// [`Space::open_for`] for one person: a verified resident (`verified`)
    /// passes a space for verified residents only.
    pub fn open_for_person(&self, module: Module, now: Timestamp, verified: bool) -> Result<(), NotOpen> {
        match self.open_for(module, now) {
            Err(NotOpen::VerifiedOnly) if verified => Ok(()),
            other => other,
        }
    }

    /// Open for new ideas, supports and comments: published, and within its
    /// dates when it has them. Closed, archived and draft spaces are read-only.
    pub fn is_open(&self, now: Timestamp) -> bool {
        open_at(self.status, self.starts_at, self.ends_at, now)
    }
}

/// Open for participation: published, and within its dates when it has them.
pub fn open_at(status: SpaceStatus, starts_at: Option<i64>, ends_at: Option<i64>, now: Timestamp) -> bool {
    status == SpaceStatus::Published && starts_at.is_none_or(|s| s <= now.0) && ends_at.is_none_or(|e| e > now.0)
}

fn lines(raw: Option<&str>) -> Vec<String> {
    raw.unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

crate::stored_as_text!(SpaceStatus, "space status", SpaceStatus::parse);

impl std::fmt::Display for SpaceStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> SettingsInput<'static> {
        SettingsInput {
            title: "Парк над річкою",
            participation: "registered",
            support_threshold: 50,
            ..Default::default()
        }
    }

    fn codes(input: &SettingsInput<'_>) -> Vec<&'static str> {
        check(input).unwrap_err().into_iter().map(|e| e.code).collect()
    }

    #[test]
    fn statuses_move_as_the_lifecycle_says() {
        use SpaceStatus::*;
        assert_eq!(Draft.transition("published").unwrap(), Published);
        assert_eq!(Closed.transition("published").unwrap(), Published);
        assert_eq!(Closed.transition("archived").unwrap(), Archived);
        assert_eq!(Draft.transition("closed").unwrap_err().code, "invalid_space_transition");
        assert_eq!(
            Archived.transition("published").unwrap_err().code,
            "invalid_space_transition"
        );
        assert_eq!(Published.transition("gone").unwrap_err().code, "invalid_space_status");
    }

    #[test]
    fn settings_are_checked_all_at_once() {
        let ok = check(&valid()).unwrap();
        assert_eq!(ok.modules, Vec::<&str>::new());
        let long = "x".repeat(DESCRIPTION_MAX + 1);
        let modules = vec!["ideas".to_string(), "games".to_string()];
        let bad = SettingsInput {
            title: " ab ",
            description: &long,
            starts_at: Some(10 * DAY_MS),
            ends_at: Some(DAY_MS),
            modules: &modules,
            participation: "anyone",
            support_threshold: 0,
            edit_window_hours: 721,
            ..valid()
        };
        assert_eq!(
            codes(&bad),
            [
                "invalid_space_title",
                "invalid_space_description",
                "ends_before_start",
                "invalid_module",
                "invalid_participation",
                "invalid_threshold",
                "invalid_edit_window"
            ]
        );
    }

    #[test]
    fn phases_must_follow_one_another() {
        let phases =
            parse_phase_lines("Збір ідей | 2027-03-01 | 2027-03-31\nГолосування | 2027-04-01 | 2027-04-30").unwrap();
        assert_eq!(phases[0].ends_at, phases[1].starts_at);
        assert_eq!(
            phase_lines(&phases),
            "Збір ідей | 2027-03-01 | 2027-03-31\nГолосування | 2027-04-01 | 2027-04-30"
        );
        assert!(
            check(&SettingsInput {
                phases: &phases,
                ..valid()
            })
            .is_ok()
        );
        assert_eq!(current_phase(&phases, phases[1].starts_at), Some(1));
        let swapped = [phases[1].clone(), phases[0].clone()];
        assert_eq!(
            codes(&SettingsInput {
                phases: &swapped,
                ..valid()
            }),
            ["phases_out_of_order"]
        );
        assert_eq!(
            parse_phase_lines("Збір ідей | 2027-03-01").unwrap_err().code,
            "invalid_phase_line"
        );
        assert_eq!(
            parse_phase_lines("A | 2027-02-30 | 2027-03-01").unwrap_err().code,
            "invalid_phase_line"
        );
    }
}
