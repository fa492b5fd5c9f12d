//! Moderation (issue 21): items hidden once enough people flagged them,
//! the moderators' queue and actions (restore, hide with a public reason,
//! block the author), the author's one appeal decided by another moderator,
//! the screening of posts, and the tenant's hiding threshold.

use crate::audit::{self, Actor, action};
use crate::{AppError, Platform};
use civic_core::flags::FlaggedKind;
use civic_core::moderation::{self as rules, ModerationState};
use civic_core::screening::{Decision, Fingerprint, PostingContext, Screening, ScreeningConfig, Verdict, count_near};
use civic_core::{Invalid, Role, TenantId, Timestamp, UserId};
pub use civic_store::flags::FlagRow;
use civic_store::moderation::Moderation;
pub use civic_store::moderation::{Block, ModeratedRow};
use std::sync::OnceLock;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

fn staff_only(role: Role) -> Result<(), AppError> {
    if role.is_staff() {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "staff_only",
            "only the municipality's staff can do this",
        ))
    }
}

fn kind_of(raw: &str) -> Result<FlaggedKind, AppError> {
    FlaggedKind::parse(raw).ok_or(AppError::NotFound)
}

// ---------------------------------------------------------------------------
// Blocks: the one check every posting use case makes.

/// Refuses a post by a blocked person with 403 `blocked`, saying until when.
pub async fn ensure_can_post(db: &Platform, tenant: TenantId, user: UserId) -> Result<(), AppError> {
    match Moderation::of(db, tenant).block_of(user, Timestamp::now()).await? {
        None => Ok(()),
        Some(Block { until: None }) => Err(AppError::forbidden(
            "blocked",
            "the moderators blocked you from posting for good; you can still read",
        )),
        Some(Block { until: Some(until) }) => Err(AppError::forbidden(
            "blocked",
            format!(
                "the moderators blocked you from posting until {}; you can still read",
                Timestamp(until).iso_date()
            ),
        )),
    }
}

/// The person's block in force, if any (to show them on their pages).
pub async fn block_of(db: &Platform, tenant: TenantId, user: UserId) -> Result<Option<Block>, AppError> {
    Ok(Moderation::of(db, tenant).block_of(user, Timestamp::now()).await?)
}

// ---------------------------------------------------------------------------
// Hiding by flags.

/// Hides the item once the weight of its flags reaches the tenant's
/// threshold (staff flags count double). Runs in the flag's transaction.
/// True when this flag hid it.
pub(crate) async fn after_flag(tx: &Platform, tenant: TenantId, kind: FlaggedKind, id: i64) -> Result<bool, AppError> {
    let store = Moderation::of(tx, tenant);
    if store.get(kind, id).await?.is_some_and(|r| r.state.is_hidden()) {
        return Ok(false);
    }
    if store.flag_weight(kind, id).await? < store.hide_threshold().await? {
        return Ok(false);
    }
    let author = store.author_of(kind, id).await?.flatten();
    store
        .set_state(
            kind,
            id,
            ModerationState::HiddenByFlags,
            "",
            "",
            author,
            None,
            Timestamp::now(),
        )
        .await?;
    Ok(true)
}

// ---------------------------------------------------------------------------
// The queue.

/// A moderated item with its text and flags.
#[derive(Debug, Clone)]
pub struct QueueEntry {
    pub row: ModeratedRow,
    pub text: String,
    pub flags: Vec<FlagRow>,
    /// The screening's verdict, when it held the item.
    pub verdict: Option<Verdict>,
    /// Where it is read, below the tenant's address, when it has a page.
    pub path: Option<String>,
}

/// Hidden and held items, the longest waiting first, and open appeals.
pub async fn queue(db: &Platform, tenant: TenantId, role: Role) -> Result<Vec<QueueEntry>, AppError> {
    staff_only(role)?;
    let store = Moderation::of(db, tenant);
    let rows = store.queue(200).await?;
    let flags = civic_store::flags::Flags::of(db, tenant).recent(1000).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let text = store.text_of(row.item_type, row.item_id).await?.unwrap_or_default();
        let verdict = serde_json::from_str(&row.signals).ok();
        let path = match row.item_type {
            FlaggedKind::Comment => store
                .idea_of_comment(row.item_id)
                .await?
                .map(|idea| format!("/ideas/{idea}#comment-{}", row.item_id)),
            kind => kind.path(row.item_id),
        };
        out.push(QueueEntry {
            path,
            flags: flags
                .iter()
                .filter(|f| f.item_type == row.item_type && f.item_id == row.item_id)
                .cloned()
                .collect(),
            text,
            verdict,
            row,
        });
    }
    Ok(out)
}

async fn moderated(db: &Platform, tenant: TenantId, kind: FlaggedKind, id: i64) -> Result<ModeratedRow, AppError> {
    Moderation::of(db, tenant)
        .get(kind, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Makes a hidden or held item visible again and dismisses its flags.
/// Staff; audited.
pub async fn restore(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    item_type: &str,
    id: i64,
) -> Result<(), AppError> {
    staff_only(role)?;
    let kind = kind_of(item_type)?;
    let row = moderated(db, tenant, kind, id).await?;
    if !row.state.is_hidden() {
        return Err(AppError::conflict("not_hidden", "this item is not hidden"));
    }
    let now = Timestamp::now();
    let tx = db.begin().await?;
    let store = Moderation::of(&tx, tenant);
    store
        .set_state(
            kind,
            id,
            ModerationState::Restored,
            "",
            "",
            row.author_id,
            actor.user_id,
            now,
        )
        .await?;
    store.dismiss_flags(kind, id, now).await?;
    let subject = format!("{} {id}", kind.as_str());
    audit::record(&tx, tenant, actor, action::ITEM_RESTORED, &subject, "").await?;
    tx.commit().await?;
    Ok(())
}

/// Hides an item with a reason shown in its place. Staff; audited.
pub async fn hide(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    item_type: &str,
    id: i64,
    reason: &str,
) -> Result<(), AppError> {
    staff_only(role)?;
    let kind = kind_of(item_type)?;
    let reason = rules::parse_reason(reason)?;
    let store = Moderation::of(db, tenant);
    let author = store.author_of(kind, id).await?.ok_or(AppError::NotFound)?;
    let tx = db.begin().await?;
    Moderation::of(&tx, tenant)
        .set_state(
            kind,
            id,
            ModerationState::HiddenByModerator,
            &reason,
            "",
            author,
            actor.user_id,
            Timestamp::now(),
        )
        .await?;
    let subject = format!("{} {id}", kind.as_str());
    audit::record(&tx, tenant, actor, action::ITEM_HIDDEN, &subject, &reason).await?;
    tx.commit().await?;
    Ok(())
}

/// Blocks a resident from posting for `days` (empty: for good). Staff
/// cannot be blocked. Staff; audited. Answers when the block ends.
pub async fn block(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    user: UserId,
    days: &str,
    reason: &str,
) -> Result<Option<i64>, AppError> {
    staff_only(role)?;
    let days = rules::parse_block_days(days)?;
    let reason = reason.trim().chars().take(rules::REASON_MAX).collect::<String>();
    let person = civic_store::users::Users::of(db, tenant)
        .get(user)
        .await?
        .ok_or(AppError::NotFound)?;
    if person.role.is_staff() {
        return Err(AppError::conflict(
            "cannot_block_staff",
            "staff accounts cannot be blocked",
        ));
    }
    let now = Timestamp::now();
    let until = days.map(|d| now.0 + d * DAY);
    let tx = db.begin().await?;
    Moderation::of(&tx, tenant)
        .block(user, until, &reason, actor.user_id.unwrap_or(UserId(0)), now)
        .await?;
    let detail = match until {
        Some(u) => format!("until {}; {reason}", Timestamp(u).iso_date()),
        None => format!("for good; {reason}"),
    };
    audit::record(
        &tx,
        tenant,
        actor,
        action::USER_BLOCKED,
        &format!("user {}", user.0),
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(until)
}

// ---------------------------------------------------------------------------
// Appeals.

/// The author of a hidden item appeals once: 404 when it is not hidden,
/// 403 `not_your_item` for anyone else, 409 `already_appealed` the second time.
pub async fn appeal(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    item_type: &str,
    id: i64,
    text: &str,
) -> Result<(), AppError> {
    let kind = kind_of(item_type)?;
    let text = rules::parse_appeal(text)?;
    let row = moderated(db, tenant, kind, id).await?;
    if !row.state.is_hidden() {
        return Err(AppError::NotFound);
    }
    if row.author_id != Some(user) {
        return Err(AppError::forbidden("not_your_item", "only the author can appeal"));
    }
    if row.appeal_at.is_some() {
        return Err(already_appealed());
    }
    if !Moderation::of(db, tenant)
        .appeal(kind, id, user, &text, Timestamp::now())
        .await?
    {
        return Err(already_appealed());
    }
    Ok(())
}

fn already_appealed() -> AppError {
    AppError::conflict("already_appealed", "you have appealed this once already")
}

/// A moderator other than the one who hid the item decides an appeal:
/// `restore` (the item is shown again, its flags dismissed) or `uphold`.
/// Staff; audited.
pub async fn decide_appeal(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    item_type: &str,
    id: i64,
    outcome: &str,
) -> Result<(), AppError> {
    staff_only(role)?;
    let kind = kind_of(item_type)?;
    let restore = match outcome.trim() {
        "restore" => true,
        "uphold" => false,
        _ => {
            return Err(Invalid::new("outcome", "invalid_outcome", "the outcome is restore or uphold").into());
        }
    };
    let row = moderated(db, tenant, kind, id).await?;
    if row.appeal_at.is_none() {
        return Err(AppError::NotFound);
    }
    if row.appeal_outcome.is_some() {
        return Err(AppError::conflict("appeal_decided", "this appeal was decided already"));
    }
    if row.decided_by.is_some() && row.decided_by == actor.user_id {
        return Err(AppError::forbidden(
            "same_moderator",
            "another moderator decides an appeal against your decision",
        ));
    }
    let now = Timestamp::now();
    let tx = db.begin().await?;
    let store = Moderation::of(&tx, tenant);
    let me = actor.user_id.unwrap_or(UserId(0));
    let outcome = if restore { "restored" } else { "upheld" };
    if !store.decide_appeal(kind, id, me, outcome, now).await? {
        return Err(AppError::conflict("appeal_decided", "this appeal was decided already"));
    }
    if restore {
        store
            .set_state(
                kind,
                id,
                ModerationState::Restored,
                "",
                "",
                row.author_id,
                actor.user_id,
                now,
            )
            .await?;
        store.dismiss_flags(kind, id, now).await?;
    }
    let subject = format!("{} {id}", kind.as_str());
    audit::record(&tx, tenant, actor, action::APPEAL_DECIDED, &subject, outcome).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Screening on posting.

/// The screening every city uses until it keeps its own settings: the
/// platform's defaults, set up once. The one place the setup lives.
pub fn screening() -> &'static Screening {
    static SHARED: OnceLock<Screening> = OnceLock::new();
    SHARED.get_or_init(|| Screening::new(ScreeningConfig::default()).expect("the default screening config is valid"))
}

/// How far back copies are counted.
const COPIES_WINDOW: i64 = 7 * DAY;
/// Recent posts loaded to count copies.
const COPIES_LOADED: u32 = 5_000;

/// A post that passed the screening (published or held), to record with
/// the item in its transaction.
#[derive(Debug, Clone)]
pub struct Screened {
    pub verdict: Verdict,
    pub fingerprint: Option<Fingerprint>,
}

/// Screens a post by `author`: refuses it with 422 (field `field`, code
/// `screened_SIGNAL`) or answers the verdict to record with the item.
pub async fn screen(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    field: &'static str,
    text: &str,
) -> Result<Screened, AppError> {
    let store = Moderation::of(db, tenant);
    let now = Timestamp::now();
    let (created, confirmed) = store.account(author).await?.unwrap_or((now.0, false));
    let recent = store
        .recent_posts(Timestamp(now.0 - COPIES_WINDOW), COPIES_LOADED)
        .await?;
    let fingerprint = Fingerprint::of(text);
    let mine = recent.iter().filter(|(a, _, _)| *a == author.0);
    let posts_last_hour = mine.clone().filter(|(_, _, at)| *at >= now.0 - HOUR).count();
    let context = PostingContext {
        account_age_hours: u32::try_from((now.0 - created).max(0) / HOUR).unwrap_or(u32::MAX),
        email_confirmed: confirmed,
        posts_last_hour: u32::try_from(posts_last_hour).unwrap_or(u32::MAX),
        same_text_by_author: count_near(fingerprint, mine.map(|(_, f, _)| f.map(Fingerprint::from_i64))),
        same_text_by_others: count_near(
            fingerprint,
            recent
                .iter()
                .filter(|(a, _, _)| *a != author.0)
                .map(|(_, f, _)| f.map(Fingerprint::from_i64)),
        ),
    };
    let verdict = screening().screen(text, &context);
    if verdict.decision == Decision::Refuse {
        let code = match verdict.reason().map(|s| s.code()) {
            Some("link_density") => "screened_link_density",
            Some("repeated_text") => "screened_repeated_text",
            Some("posting_rate") => "screened_posting_rate",
            Some("blocked_word") => "screened_blocked_word",
            Some("personal_data") => "screened_personal_data",
            _ => "screened_refused",
        };
        return Err(Invalid::new(field, code, "the screening refused this post; change it and try again").into());
    }
    Ok(Screened { verdict, fingerprint })
}

/// Records a screened post in its transaction: remembered for counting
/// copies, and held for the moderators when the screening said so.
pub(crate) async fn record_screened(
    tx: &Platform,
    tenant: TenantId,
    author: UserId,
    kind: FlaggedKind,
    id: i64,
    screened: &Screened,
) -> Result<(), AppError> {
    let store = Moderation::of(tx, tenant);
    let now = Timestamp::now();
    store
        .remember_post(author, screened.fingerprint.map(Fingerprint::to_i64), now)
        .await?;
    if screened.verdict.decision == Decision::Hold {
        let signals = serde_json::to_string(&screened.verdict).unwrap_or_default();
        store
            .set_state(
                kind,
                id,
                ModerationState::HeldByScreening,
                "",
                &signals,
                Some(author),
                None,
                now,
            )
            .await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Settings.

pub async fn hide_threshold(db: &Platform, tenant: TenantId) -> Result<i64, AppError> {
    Ok(Moderation::of(db, tenant).hide_threshold().await?)
}

/// Sets the number of flags that hides an item (1 to 100). Administrators; audited.
pub async fn set_hide_threshold(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    raw: &str,
) -> Result<i64, AppError> {
    if role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can do this",
        ));
    }
    let n = rules::parse_threshold(raw)?;
    let tx = db.begin().await?;
    Moderation::of(&tx, tenant)
        .set_hide_threshold(n, Timestamp::now())
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        action::MODERATION_SETTINGS,
        "moderation settings",
        &format!("hide_threshold {n}"),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}
