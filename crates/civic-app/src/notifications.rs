//! Following ideas, spaces, petitions and problem reports, and telling
//! followers what happened: in the
//! app (a list with an unread count) and by e-mail, at once or in a daily
//! or weekly digest, as each person chose per kind; and once a month, a
//! recap of what happened to what they took part in. Events write one row per
//! recipient in one statement; mail is composed off the request path by
//! [`run`], in batches, from rows claimed atomically.

use crate::AppError;
use crate::Platform;
use crate::mail::ComposedMail;
use crate::paging::Page;
use civic_core::debates::Debate;
use civic_core::notifications::{Kind, Mode};
use civic_core::{CommentId, IdeaId, Invalid, Locale, SpaceId, TenantId, Timestamp, UserId};
use civic_store::follows::{Follows, Target};
use civic_store::ideas::IdeaRecord;
use civic_store::notifications::{Event, Letter, NotificationRow, Notifications, Person, Recipients};
use civic_store::petitions::Petitions;
use civic_store::reports::Reports;
use civic_store::spaces::Spaces;
use civic_store::tenants::TenantRecord;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

pub use civic_store::follows::Target as FollowTarget;
/// The header counts unread notifications up to this many.
pub use civic_store::notifications::UNREAD_CAP;

pub const PAGE_SIZE: u32 = 20;
/// Recipients per mail transaction: a city of 100,000 people is mailed in
/// 200 short transactions, not one long one.
pub const MAIL_BATCH: i64 = 500;

// ---------------------------------------------------------------------------
// Following.

/// Follows (`on`) or stops following a public idea, space, petition or
/// problem report; repeating either changes nothing. Another tenant's or a
/// hidden target (a draft petition of someone else) is 404.
pub async fn set_follow(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    target: Target,
    on: bool,
) -> Result<bool, AppError> {
    visible(db, tenant, user, target).await?;
    let follows = Follows::of(db, tenant);
    if on {
        follows.follow(user, target, Timestamp::now()).await?;
    } else {
        follows.unfollow(user, target).await?;
    }
    Ok(on)
}

pub async fn is_following(db: &Platform, tenant: TenantId, user: UserId, target: Target) -> Result<bool, AppError> {
    Ok(Follows::of(db, tenant).follows(user, target).await?)
}

async fn visible(db: &Platform, tenant: TenantId, user: UserId, target: Target) -> Result<(), AppError> {
    match target {
        Target::Petition(id) => Petitions::of(db, tenant)
            .get(id)
            .await?
            .filter(|p| p.status.is_public() || p.author_id == Some(user.0))
            .map(|_| ())
            .ok_or(AppError::NotFound),
        Target::Report(id) => Reports::of(db, tenant)
            .get(id)
            .await?
            .map(|_| ())
            .ok_or(AppError::NotFound),
        Target::Idea(idea) => crate::ideas::idea_and_space(db, tenant, idea).await.map(|_| ()),
        Target::Space(space) => Spaces::of(db, tenant)
            .get_public(space)
            .await?
            .map(|_| ())
            .ok_or(AppError::NotFound),
    }
}

/// Authors follow their idea and supporters the idea they support, so they
/// hear of its answer. Withdrawing a support keeps the follow: people still
/// want to know what became of an idea they changed their mind about, and
/// an explicit Unfollow is one click away.
pub(crate) async fn auto_follow(db: &Platform, tenant: TenantId, user: UserId, idea: IdeaId) -> Result<(), AppError> {
    Follows::of(db, tenant)
        .follow(user, Target::Idea(idea), Timestamp::now())
        .await?;
    Ok(())
}

/// The author and the signers of a petition, the reporter and those who
/// add their voice to a report follow it: they hear what the city did.
/// Called in the transaction of the act.
pub(crate) async fn follow_on(db: &Platform, tenant: TenantId, user: UserId, target: Target) -> Result<(), AppError> {
    Follows::of(db, tenant).follow(user, target, Timestamp::now()).await?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Events, stored in the transaction of the act they follow: the act and its
// notifications commit together or not at all.

fn event<'a>(kind: Kind, idea: &'a IdeaRecord, actor: Option<UserId>) -> Event<'a> {
    Event {
        kind,
        space: Some(idea.space_id),
        idea: Some(idea.id),
        debate: None,
        petition: None,
        report: None,
        comment: None,
        actor,
        summary: &idea.title,
        status: None,
        detail: None,
        at: Timestamp::now(),
    }
}

async fn send(
    db: &Platform,
    tenant: TenantId,
    event: &Event<'_>,
    to: Recipients,
    skip: Option<UserId>,
) -> Result<(), AppError> {
    Notifications::of(db, tenant).notify(event, to, skip).await?;
    Ok(())
}

/// A new idea: its space's followers hear of it.
pub(crate) async fn idea_proposed(db: &Platform, tenant: TenantId, idea: &IdeaRecord) -> Result<(), AppError> {
    let actor = idea.author_id;
    let e = event(Kind::NewIdea, idea, actor);
    send(db, tenant, &e, Recipients::SpaceFollowers(idea.space_id), None).await
}

/// A comment: the author of the comment replied to hears of the reply, the
/// idea's other followers of the comment.
pub(crate) async fn commented(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    idea: &IdeaRecord,
    comment: CommentId,
    parent_author: Option<UserId>,
) -> Result<(), AppError> {
    let mut e = event(Kind::Reply, idea, Some(author));
    e.comment = Some(comment);
    if let Some(parent) = parent_author {
        send(db, tenant, &e, Recipients::User(parent), None).await?;
    }
    e.kind = Kind::Comment;
    send(db, tenant, &e, Recipients::IdeaFollowers(idea.id), parent_author).await
}

/// The city answered, or the idea's status changed otherwise.
pub(crate) async fn status_changed(
    db: &Platform,
    tenant: TenantId,
    actor: Option<UserId>,
    idea: &IdeaRecord,
    to: &str,
) -> Result<(), AppError> {
    let mut e = event(Kind::Status, idea, actor);
    e.status = Some(to);
    send(db, tenant, &e, Recipients::IdeaFollowers(idea.id), None).await
}

/// The idea reached its space's support threshold and is under review:
/// followers hear of the new status, the officials and administrators that
/// it waits for them.
pub(crate) async fn threshold_reached(db: &Platform, tenant: TenantId, idea: &IdeaRecord) -> Result<(), AppError> {
    status_changed(db, tenant, None, idea, "under_review").await?;
    let mut e = event(Kind::Threshold, idea, None);
    e.status = Some("under_review");
    send(db, tenant, &e, Recipients::Staff, None).await
}

fn debate_event(kind: Kind, debate: &Debate, actor: UserId) -> Event<'_> {
    Event {
        kind,
        space: Some(SpaceId(debate.space_id)),
        idea: None,
        debate: Some(debate.id),
        petition: None,
        report: None,
        comment: None,
        actor: Some(actor),
        summary: &debate.question,
        status: None,
        detail: None,
        at: Timestamp::now(),
    }
}

/// A reply to an argument: its author hears of it.
pub(crate) async fn debate_reply(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    debate: &Debate,
    _reply: i64,
    to: UserId,
) -> Result<(), AppError> {
    let e = debate_event(Kind::DebateReply, debate, author);
    send(db, tenant, &e, Recipients::User(to), None).await
}

/// The city concluded a debate: everyone who argued or stated a stance
/// hears of it.
pub(crate) async fn debate_concluded(
    db: &Platform,
    tenant: TenantId,
    by: UserId,
    debate: &Debate,
) -> Result<(), AppError> {
    let e = debate_event(Kind::DebateConcluded, debate, by);
    send(db, tenant, &e, Recipients::DebateParticipants(debate.id), None).await
}

/// The most of an answer, reason or reply a notification keeps: each
/// recipient's row holds a copy, and 50,000 signers of one petition must
/// not each get the council's whole answer (the link leads to it).
pub const DETAIL_MAX: usize = 280;

/// `text` cut to [`DETAIL_MAX`] characters at a word, with an ellipsis.
pub fn excerpt(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= DETAIL_MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(DETAIL_MAX - 1).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(at) if at > DETAIL_MAX / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// A petition moved on (`status` is where it is now; `detail` the
/// council's answer or the reason of a refusal). A refusal reaches its
/// author only; every other step its followers. `actor` (the official, or
/// none for the threshold reached) is not told.
pub(crate) async fn petition_moved(
    db: &Platform,
    tenant: TenantId,
    actor: Option<UserId>,
    petition: &civic_core::petitions::Petition,
    status: civic_core::petitions::PetitionStatus,
    detail: Option<&str>,
) -> Result<(), AppError> {
    let detail = detail.map(excerpt);
    let e = Event {
        kind: Kind::PetitionStatus,
        space: None,
        idea: None,
        debate: None,
        petition: Some(petition.id),
        report: None,
        comment: None,
        actor,
        summary: &petition.title,
        status: Some(status.as_str()),
        detail: detail.as_deref(),
        at: Timestamp::now(),
    };
    let to = if status == civic_core::petitions::PetitionStatus::Refused {
        match petition.author_id {
            Some(author) => Recipients::User(UserId(author)),
            None => return Ok(()),
        }
    } else {
        Recipients::PetitionFollowers(petition.id)
    };
    send(db, tenant, &e, to, None).await
}

/// How a report is named in a notification: its number, category and
/// place (not its text, which moderators may have hidden).
pub fn report_summary(report: &civic_core::reports::Report) -> String {
    let place = report.address.trim();
    if place.is_empty() {
        format!("№{} {}", report.id, report.category_uk)
    } else {
        format!("№{} {}, {place}", report.id, report.category_uk)
    }
}

/// A report's status changed (`status`, with the public reason of a
/// rejection), or the service replied in public (`status` none, `detail`
/// the reply): its followers hear of it, the actor not.
pub(crate) async fn report_event(
    db: &Platform,
    tenant: TenantId,
    actor: UserId,
    report: &civic_core::reports::Report,
    status: Option<civic_core::reports::ReportStatus>,
    detail: Option<&str>,
) -> Result<(), AppError> {
    let summary = report_summary(report);
    let detail = detail.filter(|d| !d.trim().is_empty()).map(excerpt);
    let kind = if status.is_some() {
        Kind::ReportStatus
    } else {
        Kind::ReportReply
    };
    let mut e = report_notice(kind, report.id, actor, &summary, status.map(|s| s.as_str()));
    e.detail = detail.as_deref();
    send(db, tenant, &e, Recipients::ReportFollowers(report.id), None).await
}

/// The reporter confirmed the fix: the report's other followers (those who
/// added their voice, staff who follow it) hear it, the reporter not.
pub(crate) async fn report_confirmed(
    db: &Platform,
    tenant: TenantId,
    reporter: UserId,
    report: &civic_core::reports::Report,
) -> Result<(), AppError> {
    let summary = report_summary(report);
    let e = report_notice(Kind::ReportStatus, report.id, reporter, &summary, Some("confirmed"));
    send(db, tenant, &e, Recipients::ReportFollowers(report.id), None).await
}

/// An event about report `id`, by `actor`, with no detail.
fn report_notice<'a>(kind: Kind, id: i64, actor: UserId, summary: &'a str, status: Option<&'a str>) -> Event<'a> {
    Event {
        kind,
        space: None,
        idea: None,
        debate: None,
        petition: None,
        report: Some(id),
        comment: None,
        actor: Some(actor),
        summary,
        status,
        detail: None,
        at: Timestamp::now(),
    }
}

/// What reached a department's staff about one of its reports: `assigned`
/// (handed to the department), `confirmed` or `reopened` (the reporter's
/// word on the fix). The actor is not told; with `except_followers` nor are
/// the staff who follow the report (they hear of it as followers).
pub(crate) async fn report_to_department(
    db: &Platform,
    tenant: TenantId,
    actor: UserId,
    report: &civic_core::reports::Report,
    department: i64,
    what: &str,
    except_followers: bool,
) -> Result<(), AppError> {
    let summary = report_summary(report);
    let e = report_notice(Kind::ReportDepartment, report.id, actor, &summary, Some(what));
    let to = Recipients::Department {
        id: department,
        except_followers,
    };
    send(db, tenant, &e, to, None).await
}

/// Where a notification leads, below the tenant's address: the petition,
/// the report, the debate, the comment on its idea, or the idea.
pub fn target_path(n: &NotificationRow) -> String {
    if let Some(p) = n.petition_id {
        return format!("/petitions/{p}");
    }
    if let Some(r) = n.report_id {
        return format!("/reports/{r}");
    }
    match (n.debate_id, n.idea_id, n.comment_id) {
        (Some(d), _, _) => format!("/debates/{d}"),
        (None, Some(i), Some(c)) => format!("/ideas/{i}#comment-{c}"),
        (None, Some(i), None) => format!("/ideas/{i}"),
        (None, None, _) => "/notifications".to_string(),
    }
}

// ---------------------------------------------------------------------------
// The list, the unread count, the settings.

/// One page of the person's notifications, newest first. A cursor we did
/// not make is 400.
pub async fn page(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    cursor: Option<&str>,
) -> Result<Page<NotificationRow>, AppError> {
    let before = match cursor.map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(raw.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| {
            AppError::BadRequest("this page link is not valid; use the link to the next page as given".into())
        })?),
    };
    let mut items = Notifications::of(db, tenant).page(user, before, PAGE_SIZE + 1).await?;
    let next_cursor = if items.len() > PAGE_SIZE as usize {
        items.truncate(PAGE_SIZE as usize);
        items.last().map(|n| n.id.to_string())
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}

pub async fn unread(db: &Platform, tenant: TenantId, user: UserId) -> Result<i64, AppError> {
    Ok(Notifications::of(db, tenant).unread_count(user).await?)
}

/// Opens one of the person's notifications: marks it read and returns it
/// (to go to what it is about). Another person's is 404.
pub async fn open(db: &Platform, tenant: TenantId, user: UserId, id: i64) -> Result<NotificationRow, AppError> {
    let store = Notifications::of(db, tenant);
    let found = store.get(user, id).await?.ok_or(AppError::NotFound)?;
    store.mark_read(user, Some(&[id]), Timestamp::now()).await?;
    Ok(found)
}

/// Marks notifications read: those in `ids` (every one must be the
/// person's, else 404 and nothing changes), or all of them.
pub async fn mark_read(db: &Platform, tenant: TenantId, user: UserId, ids: Option<&[i64]>) -> Result<u64, AppError> {
    let store = Notifications::of(db, tenant);
    if let Some(ids) = ids {
        let mut unique = ids.to_vec();
        unique.sort_unstable();
        unique.dedup();
        if unique.len() > 500 {
            return Err(Invalid::new("ids", "too_many", "mark at most 500 notifications at once").into());
        }
        if store.owned(user, &unique).await? != unique.len() as i64 {
            return Err(AppError::NotFound);
        }
        return Ok(store.mark_read(user, Some(&unique), Timestamp::now()).await?);
    }
    Ok(store.mark_read(user, None, Timestamp::now()).await?)
}

/// How the person gets each kind by mail, and in which language.
#[derive(Debug, Clone)]
pub struct Settings {
    pub modes: Vec<(Kind, Mode)>,
    /// `None`: the municipality's language.
    pub locale: Option<Locale>,
    /// Whether the monthly recap comes.
    pub monthly_recap: bool,
}

pub async fn settings(db: &Platform, tenant: TenantId, user: UserId) -> Result<Settings, AppError> {
    let store = Notifications::of(db, tenant);
    let chosen: HashMap<String, String> = store
        .settings(user)
        .await?
        .into_iter()
        .map(|r| (r.kind, r.mode))
        .collect();
    let modes = Kind::ALL
        .into_iter()
        .map(|k| {
            let mode = chosen
                .get(k.as_str())
                .and_then(|m| Mode::parse(m).ok())
                .unwrap_or(k.default_mode());
            (k, mode)
        })
        .collect();
    let locale = store.locale(user).await?.as_deref().and_then(Locale::parse);
    let monthly_recap = store.recap(user).await?;
    Ok(Settings {
        modes,
        locale,
        monthly_recap,
    })
}

/// Saves modes as typed (kind, mode) and, when given, the mail language
/// (empty: the municipality's) and whether the monthly recap comes. An
/// unknown kind, mode or language is 422 and nothing is stored.
pub async fn save_settings(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    modes: &[(&str, &str)],
    locale: Option<&str>,
    monthly_recap: Option<bool>,
) -> Result<(), AppError> {
    let parsed = modes
        .iter()
        .map(|(k, m)| Ok((Kind::parse(k)?, Mode::parse(m)?)))
        .collect::<Result<Vec<_>, Invalid>>()?;
    let locale = match locale.map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(raw) => Some(Some(Locale::parse(raw).ok_or_else(|| {
            Invalid::new("locale", "invalid_locale", "locale is uk or en (or empty)")
        })?)),
    };
    let store = Notifications::of(db, tenant);
    store.set_settings(user, &parsed).await?;
    if let Some(locale) = locale {
        store.set_locale(user, locale.map(Locale::as_str)).await?;
    }
    if let Some(on) = monthly_recap {
        store.set_recap(user, on).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Mail.

/// One notification in a mail.
#[derive(Debug, Clone)]
pub struct MailItem {
    pub kind: Kind,
    pub idea_title: String,
    pub actor: Option<String>,
    /// The new status of a status change.
    pub status: Option<String>,
    /// The text the event carries (an answer, a reason, a reply).
    pub detail: Option<String>,
    pub link: String,
}

/// The notifications of one space in a mail (or, with an empty title, of
/// the community's petitions and problem reports, which have no space).
#[derive(Debug, Clone)]
pub struct MailGroup {
    pub space_title: String,
    pub items: Vec<MailItem>,
}

/// What a notification mail is: one event, a daily or weekly digest, or
/// the monthly recap of what happened to what the person took part in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailShape {
    Single,
    Daily,
    Weekly,
    /// Groups are items (the group's title is the item's), not spaces.
    Recap,
}

/// The texts of notification mail; the web layer implements it with its
/// Fluent catalogue.
pub trait NotificationTexts: Send + Sync {
    fn notification_mail(
        &self,
        locale: Locale,
        tenant_name: &str,
        display_name: &str,
        groups: &[MailGroup],
        shape: MailShape,
        settings_link: &str,
    ) -> ComposedMail;
}

/// Where mail points and how it is worded.
#[derive(Clone)]
pub struct Mailing {
    pub texts: Arc<dyn NotificationTexts>,
    /// The public address of the platform (e.g. `https://civic.example`).
    pub base_url: String,
}

impl Mailing {
    fn base(&self, tenant: &TenantRecord) -> String {
        format!("{}/{}", self.base_url.trim_end_matches('/'), tenant.slug)
    }

    fn item(&self, tenant: &TenantRecord, r: &NotificationRow) -> MailItem {
        MailItem {
            kind: Kind::parse(&r.kind).unwrap_or(Kind::Status),
            idea_title: r.summary.clone(),
            actor: r.actor_name.clone(),
            status: r.status.clone(),
            detail: r.detail.clone(),
            link: format!("{}{}", self.base(tenant), target_path(r)),
        }
    }

    /// One mail to `person` in their language (else the municipality's).
    fn compose(&self, tenant: &TenantRecord, person: &Person, groups: &[MailGroup], shape: MailShape) -> Letter {
        let locale = person
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or(tenant.locale());
        let settings_link = format!("{}/account/notifications", self.base(tenant));
        let mail = self.texts.notification_mail(
            locale,
            &tenant.name,
            &person.display_name,
            groups,
            shape,
            &settings_link,
        );
        Letter {
            subject: mail.subject,
            body_text: mail.text,
            body_html: mail.html,
        }
    }

    fn letters(&self, tenant: &TenantRecord, mode: Mode, person: &Person, rows: &[NotificationRow]) -> Vec<Letter> {
        let group = |r: &NotificationRow, items| MailGroup {
            space_title: r.space_title.clone().unwrap_or_default(),
            items,
        };
        let shape = match mode {
            Mode::Immediate => {
                return rows
                    .iter()
                    .map(|r| {
                        self.compose(
                            tenant,
                            person,
                            &[group(r, vec![self.item(tenant, r)])],
                            MailShape::Single,
                        )
                    })
                    .collect();
            }
            Mode::Weekly => MailShape::Weekly,
            Mode::Daily | Mode::Never => MailShape::Daily,
        };
        // One digest, its items grouped by space (in the order of each
        // space's first item; petitions and reports together under no
        // space), never empty.
        let mut groups: Vec<(Option<i64>, MailGroup)> = Vec::new();
        for r in rows {
            match groups.iter_mut().find(|(s, _)| *s == r.space_id) {
                Some((_, g)) => g.items.push(self.item(tenant, r)),
                None => groups.push((r.space_id, group(r, vec![self.item(tenant, r)]))),
            }
        }
        let groups: Vec<MailGroup> = groups.into_iter().map(|(_, g)| g).collect();
        if groups.is_empty() {
            Vec::new()
        } else {
            vec![self.compose(tenant, person, &groups, shape)]
        }
    }

    /// The monthly recap of one person: what happened in the month to each
    /// idea, petition or report they took part in, grouped by item (under
    /// its latest title), oldest news first. `None` when there is nothing
    /// to say.
    fn recap(&self, tenant: &TenantRecord, person: &Person, rows: &[NotificationRow]) -> Option<Letter> {
        let key = |r: &NotificationRow| (r.idea_id, r.petition_id, r.report_id, r.debate_id);
        let mut groups: Vec<(_, MailGroup)> = Vec::new();
        for r in rows {
            match groups.iter_mut().find(|(k, _)| *k == key(r)) {
                Some((_, g)) => {
                    g.space_title = r.summary.clone();
                    g.items.push(self.item(tenant, r));
                }
                None => groups.push((
                    key(r),
                    MailGroup {
                        space_title: r.summary.clone(),
                        items: vec![self.item(tenant, r)],
                    },
                )),
            }
        }
        let groups: Vec<MailGroup> = groups.into_iter().map(|(_, g)| g).collect();
        (!groups.is_empty()).then(|| self.compose(tenant, person, &groups, MailShape::Recap))
    }
}

/// Mails every notification of the tenant waiting with `mode`, batch by
/// batch. Returns how many mails were queued.
pub async fn mail_waiting(
    db: &Platform,
    tenant: &TenantRecord,
    mode: Mode,
    mailing: &Mailing,
) -> Result<usize, AppError> {
    let store = Notifications::of(db, tenant.tenant_id());
    let (mut after, mut queued) = (0, 0);
    while let Some((last, letters)) = store
        .mail_batch(
            &tenant.slug,
            mode,
            after,
            MAIL_BATCH,
            Timestamp::now(),
            |person, rows| mailing.letters(tenant, mode, person, rows),
        )
        .await?
    {
        after = last;
        queued += letters;
    }
    Ok(queued)
}

/// The day number (days since 1970, UTC) whose digest is due at `now`, or
/// `None` before the digest hour. Tenants have no time zone yet, so the
/// hour is UTC.
pub fn digest_day(now: Timestamp, hour: u8) -> Option<i64> {
    let day = now.0.div_euclid(86_400_000);
    let hour_now = now.0.rem_euclid(86_400_000) / 3_600_000;
    (hour_now >= i64::from(hour)).then_some(day)
}

/// The week number (Monday to Sunday, since 1970, UTC) whose weekly digest
/// is due at `now`: on Mondays from the digest hour; `None` otherwise.
pub fn digest_week(now: Timestamp, hour: u8) -> Option<i64> {
    let day = digest_day(now, hour)?;
    // 1970-01-01 was a Thursday: day 4 was the first Monday.
    let (week, weekday) = ((day + 3).div_euclid(7), (day + 3).rem_euclid(7));
    (weekday == 0).then_some(week)
}

/// The month (year * 12 + month - 1, UTC) whose recap of the month before
/// is due at `now`: on the first of the month from the digest hour;
/// `None` otherwise.
pub fn recap_month(now: Timestamp, hour: u8) -> Option<i64> {
    digest_day(now, hour)?;
    let (y, m, d) = now.ymd();
    (d == 1).then_some(y * 12 + i64::from(m) - 1)
}

/// The mail that goes out once per period: the daily and the weekly
/// digest, the monthly recap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cadence {
    Daily,
    Weekly,
    Monthly,
}

impl Cadence {
    pub const ALL: [Cadence; 3] = [Cadence::Daily, Cadence::Weekly, Cadence::Monthly];

    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Daily => "daily",
            Cadence::Weekly => "weekly",
            Cadence::Monthly => "monthly",
        }
    }

    /// The period due at `now` (a day, week or month number), if any.
    pub fn due(self, now: Timestamp, hour: u8) -> Option<i64> {
        match self {
            Cadence::Daily => digest_day(now, hour),
            Cadence::Weekly => digest_week(now, hour),
            Cadence::Monthly => recap_month(now, hour),
        }
    }
}

/// A digest run not finished within this time may be taken over by another
/// node (its claimed rows stay sent; the rest go out then).
const DIGEST_LEASE_MS: i64 = 3_600_000;

/// Sends the tenant's daily digest if it is due today and no node sent it
/// yet. Returns how many mails were queued.
pub async fn digest_if_due(
    db: &Platform,
    tenant: &TenantRecord,
    mailing: &Mailing,
    now: Timestamp,
    hour: u8,
) -> Result<usize, AppError> {
    send_if_due(db, tenant, mailing, Cadence::Daily, now, hour).await
}

/// Sends the tenant's mail of `cadence` if it is due at `now` and no node
/// sent it yet for this period: the daily or weekly digest of the rows
/// waiting in that mode, or the monthly recap of the month before. Returns
/// how many mails were queued.
pub async fn send_if_due(
    db: &Platform,
    tenant: &TenantRecord,
    mailing: &Mailing,
    cadence: Cadence,
    now: Timestamp,
    hour: u8,
) -> Result<usize, AppError> {
    let Some(period) = cadence.due(now, hour) else {
        return Ok(0);
    };
    let store = Notifications::of(db, tenant.tenant_id());
    if !store
        .claim_digest(cadence.as_str(), period, now, DIGEST_LEASE_MS)
        .await?
    {
        return Ok(0);
    }
    let queued = match cadence {
        Cadence::Daily => mail_waiting(db, tenant, Mode::Daily, mailing).await?,
        Cadence::Weekly => mail_waiting(db, tenant, Mode::Weekly, mailing).await?,
        Cadence::Monthly => recap(db, tenant, mailing, period, now).await?,
    };
    store.finish_digest(cadence.as_str(), period, Timestamp::now()).await?;
    if queued > 0 {
        tracing::info!(tenant = %tenant.slug, mails = queued, cadence = cadence.as_str(), "digest queued");
    }
    Ok(queued)
}

/// Queues the recap of the month before `now` (claimed as `month`) to
/// everyone with something to hear, batch by batch.
async fn recap(
    db: &Platform,
    tenant: &TenantRecord,
    mailing: &Mailing,
    month: i64,
    now: Timestamp,
) -> Result<usize, AppError> {
    let months = civic_core::town_admin::Months::at(now);
    let store = Notifications::of(db, tenant.tenant_id());
    let mut queued = 0;
    while let Some(letters) = store
        .recap_batch(
            &tenant.slug,
            month,
            (months.last_start, months.this_start),
            MAIL_BATCH,
            |person, rows| mailing.recap(tenant, person, rows),
        )
        .await?
    {
        queued += letters;
    }
    Ok(queued)
}

const EVERY: Duration = Duration::from_secs(10);

/// Mails notifications until `stop` turns true: the immediate ones every
/// ten seconds, each tenant's digest once a day from `digest_hour` (UTC),
/// the weekly digest on Mondays and the monthly recap on the first of the
/// month from the same hour.
/// Every node may run it; claims keep each row to one mail.
pub async fn run(db: Platform, mailing: Mailing, digest_hour: u8, mut stop: tokio::sync::watch::Receiver<bool>) {
    // Periods this node already saw done, so it does not ask again each round.
    let mut done: HashMap<(i64, Cadence), i64> = HashMap::new();
    loop {
        round(&db, &mailing, digest_hour, &mut done).await;
        tokio::select! {
            _ = tokio::time::sleep(EVERY) => {}
            _ = stop.changed() => return,
        }
    }
}

async fn round(db: &Platform, mailing: &Mailing, digest_hour: u8, done: &mut HashMap<(i64, Cadence), i64>) {
    let tenants = match civic_store::tenants::list(db).await {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(error = %e, "cannot list tenants for notification mail");
            return;
        }
    };
    let now = Timestamp::now();
    for tenant in &tenants {
        // Petitions that failed since the last round are announced first,
        // so their news go out with this round's mail.
        if let Err(e) = crate::petitions::announce_failures(db, tenant.tenant_id()).await {
            tracing::warn!(error = %e, tenant = %tenant.slug, "could not announce failed petitions");
        }
        if let Err(e) = mail_waiting(db, tenant, Mode::Immediate, mailing).await {
            tracing::warn!(error = %e, tenant = %tenant.slug, "could not mail notifications");
        }
        for cadence in Cadence::ALL {
            let Some(period) = cadence.due(now, digest_hour) else {
                continue;
            };
            if done.get(&(tenant.id.0, cadence)) == Some(&period) {
                continue;
            }
            match send_if_due(db, tenant, mailing, cadence, now, digest_hour).await {
                Ok(_) => {
                    done.insert((tenant.id.0, cadence), period);
                }
                Err(e) => {
                    tracing::warn!(error = %e, tenant = %tenant.slug, cadence = cadence.as_str(), "could not send a digest")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_details_are_cut_at_a_word() {
        assert_eq!(excerpt("  Так, зробимо.  "), "Так, зробимо.");
        let long = "слово ".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.chars().count() <= DETAIL_MAX && cut.ends_with("слово…"), "{cut}");
    }

    #[test]
    fn the_digest_is_due_from_its_hour_utc() {
        let day = 20_000i64;
        let at = |h: i64, m: i64| Timestamp(day * 86_400_000 + h * 3_600_000 + m * 60_000);
        assert_eq!(digest_day(at(6, 59), 7), None);
        assert_eq!(digest_day(at(7, 0), 7), Some(day));
        assert_eq!(digest_day(at(23, 59), 7), Some(day));
        assert_eq!(digest_day(at(0, 0), 0), Some(day));
    }

    #[test]
    fn the_weekly_digest_is_due_on_mondays_from_its_hour_utc() {
        // 2026-12-07 is a Monday: day 20_794.
        let monday = 20_794i64;
        let at = |d: i64, h: i64| Timestamp((monday + d) * 86_400_000 + h * 3_600_000);
        assert_eq!(at(0, 0).iso_date(), "2026-12-07");
        let week = digest_week(at(0, 7), 7).unwrap();
        assert_eq!(digest_week(at(0, 6), 7), None, "before the hour");
        assert_eq!(digest_week(at(0, 23), 7), Some(week));
        assert_eq!(digest_week(at(-1, 23), 7), None, "Sunday");
        assert_eq!(digest_week(at(1, 7), 7), None, "Tuesday");
        assert_eq!(
            digest_week(at(7, 7), 7),
            Some(week + 1),
            "the next Monday is the next week"
        );
        assert_eq!(digest_week(at(-7, 7), 7), Some(week - 1));
    }

    #[test]
    fn the_recap_is_due_on_the_first_of_the_month_from_its_hour_utc() {
        // 2027-01-01 is day 20_819.
        let at = |d: i64, h: i64| Timestamp((20_819 + d) * 86_400_000 + h * 3_600_000);
        assert_eq!(at(0, 0).iso_date(), "2027-01-01");
        assert_eq!(recap_month(at(0, 6), 7), None);
        assert_eq!(recap_month(at(0, 7), 7), Some(2027 * 12));
        assert_eq!(recap_month(at(-1, 7), 7), None, "the last of December");
        assert_eq!(recap_month(at(1, 7), 7), None);
        assert_eq!(
            recap_month(at(-31, 7), 7),
            Some(2026 * 12 + 11),
            "the first of December"
        );
    }
}
