//! Local e-petitions: a resident drafts and submits; officials check and
//! publish or refuse; residents sign (once each, after declaring they may);
//! the petition succeeds at the threshold or fails when its period ends;
//! officials forward it to the council and publish the council's answer.
//! Deadlines in working days follow the tenant's calendar.

use crate::audit::{self, Actor, action};
use crate::paging::{Page, bad_cursor, given};
use crate::{AppError, Platform};
use civic_core::petitions::{
    self as rules_of, CouncilDecision, Petition, PetitionActions, PetitionFilter, PetitionRules, PetitionStatus,
    may_manage,
};
use civic_core::{Invalid, Problems, Role, TenantId, Timestamp, UserId};
use civic_store::follows::Target;
pub use civic_store::petitions::SignerRow;
use civic_store::petitions::{Petitions, Signed};

const PAGE_SIZE: u32 = 20;

fn officials_only(role: Role) -> Result<(), AppError> {
    if may_manage(role) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "officials_only",
            "only the city's officials and administrators can do this",
        ))
    }
}

fn moved_on() -> AppError {
    AppError::conflict(
        "petition_status_changed",
        "the petition is no longer where this step applies; reload the page to see where it is now",
    )
}

/// The rules in force: the tenant's, or the defaults until an
/// administrator sets them.
pub async fn rules(db: &Platform, tenant: TenantId) -> Result<PetitionRules, AppError> {
    Ok(Petitions::of(db, tenant).rules().await?.unwrap_or_default())
}

/// Sets the statute's rules. Administrators only; audited.
pub async fn set_rules(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    actor: &Actor,
    new: &PetitionRules,
) -> Result<(), AppError> {
    if role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can change the petition rules",
        ));
    }
    new.check()?;
    let tx = db.begin().await?;
    Petitions::of(&tx, tenant).set_rules(new, Timestamp::now()).await?;
    let detail = format!(
        "threshold {}, period {} days, age {}, check {} working days, answer {} working days",
        new.threshold, new.period_days, new.min_age, new.check_days, new.answer_days
    );
    audit::record(&tx, tenant, actor, action::PETITION_RULES, "petition rules", &detail).await?;
    tx.commit().await?;
    Ok(())
}

/// What a resident writes.
#[derive(Debug, Clone, Default)]
pub struct PetitionInput {
    pub title: String,
    pub body: String,
}

fn parse(input: &PetitionInput) -> Result<(String, String), AppError> {
    let mut p = Problems::new();
    let title = p.check(rules_of::parse_title(&input.title));
    let body = p.check(rules_of::parse_body(&input.body));
    match (title, body) {
        (Some(t), Some(b)) if p.is_empty() => Ok((t, b)),
        _ => Err(p.into()),
    }
}

/// Starts a draft that only its author (and staff) see.
pub async fn draft(db: &Platform, tenant: TenantId, author: UserId, input: &PetitionInput) -> Result<i64, AppError> {
    let (title, body) = parse(input)?;
    crate::moderation::ensure_can_post(db, tenant, author).await?;
    let threshold = rules(db, tenant).await?.threshold;
    let tx = db.begin().await?;
    let id = Petitions::of(&tx, tenant)
        .create(author, &title, &body, threshold, Timestamp::now())
        .await?;
    // The author follows it, to hear of the check, the threshold and the
    // answer.
    crate::notifications::follow_on(&tx, tenant, author, Target::Petition(id)).await?;
    tx.commit().await?;
    Ok(id)
}

/// A petition the viewer may see (404 otherwise, as for a missing one).
pub async fn get(
    db: &Platform,
    tenant: TenantId,
    id: i64,
    viewer: Option<(UserId, Role)>,
) -> Result<Petition, AppError> {
    let p = Petitions::of(db, tenant).get(id).await?.ok_or(AppError::NotFound)?;
    if !p.visible_to(viewer.map(|(u, r)| (u.0, r))) {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

fn actions(p: &Petition, viewer: Option<(UserId, Role)>) -> PetitionActions {
    PetitionActions::of(p, viewer.map(|(u, r)| (u.0, r)), Timestamp::now())
}

/// Rewrites a draft; its author only.
pub async fn edit(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    role: Role,
    id: i64,
    input: &PetitionInput,
) -> Result<(), AppError> {
    let p = get(db, tenant, id, Some((author, role))).await?;
    if !actions(&p, Some((author, role))).edit {
        return Err(AppError::forbidden(
            "petition_not_editable",
            "only the author edits a petition, and only before it is submitted",
        ));
    }
    let (title, body) = parse(input)?;
    if !Petitions::of(db, tenant).edit_draft(id, &title, &body).await? {
        return Err(moved_on());
    }
    Ok(())
}

/// Sends the draft for the check; the check's deadline is set in working days.
pub async fn submit(db: &Platform, tenant: TenantId, author: UserId, role: Role, id: i64) -> Result<(), AppError> {
    let p = get(db, tenant, id, Some((author, role))).await?;
    if !actions(&p, Some((author, role))).submit {
        return Err(AppError::forbidden(
            "petition_not_editable",
            "only the author submits a petition, and only once",
        ));
    }
    let rules = rules(db, tenant).await?;
    let calendar = crate::working_days::calendar(db, tenant).await?;
    let now = Timestamp::now();
    let due = rules_of::check_due(&rules, &calendar, now);
    if !Petitions::of(db, tenant).submit(id, now, due).await? {
        return Err(moved_on());
    }
    Ok(())
}

/// The outcome of the check.
#[derive(Debug, Clone)]
pub enum Review {
    Publish,
    /// Refused, naming the statute clause the petition breaks.
    Refuse(String),
}

/// Publishes a submitted petition (its collection period starts now, with
/// the threshold in force now) or refuses it with a reason. Officials;
/// audited.
pub async fn review(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    id: i64,
    decision: &Review,
) -> Result<(), AppError> {
    officials_only(role)?;
    let p = get(db, tenant, id, Some((actor.user_id.unwrap_or(UserId(0)), role))).await?;
    let reason = match decision {
        Review::Publish => None,
        Review::Refuse(reason) => Some(rules_of::parse_reason("reason", reason)?),
    };
    if p.status != PetitionStatus::Submitted {
        return Err(moved_on());
    }
    let now = Timestamp::now();
    let rules = rules(db, tenant).await?;
    let tx = db.begin().await?;
    let store = Petitions::of(&tx, tenant);
    let moved = match &reason {
        None => {
            store
                .publish(id, now, rules_of::collect_until(&rules, now), rules.threshold)
                .await?
        }
        Some(reason) => store.refuse(id, now, reason).await?,
    };
    if !moved {
        return Err(moved_on());
    }
    let (to, detail) = match &reason {
        None => (PetitionStatus::Collecting, None),
        Some(reason) => (PetitionStatus::Refused, Some(reason.as_str())),
    };
    crate::notifications::petition_moved(&tx, tenant, actor.user_id, &p, to, detail).await?;
    let what = if reason.is_some() { "refused" } else { "published" };
    audit::record(
        &tx,
        tenant,
        actor,
        action::PETITION_REVIEWED,
        &format!("petition {id}"),
        what,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a signature did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature {
    /// Counted now; the new count.
    Counted(i64),
    /// Signed before; counted once.
    Already,
}

/// Signs a collecting petition, once per person. The person declares they
/// are old enough and a resident (internally displaced persons count), as
/// the statute asks; without it nothing is stored.
pub async fn sign(
    db: &Platform,
    tenant: TenantId,
    signer: UserId,
    role: Role,
    id: i64,
    declared: bool,
) -> Result<Signature, AppError> {
    let p = get(db, tenant, id, Some((signer, role))).await?;
    let now = Timestamp::now();
    if !p.collecting_at(now) {
        return Err(AppError::conflict(
            "petition_not_collecting",
            "this petition does not take signatures: its collection has not started or has ended",
        ));
    }
    let rules = rules(db, tenant).await?;
    if !declared {
        let mut problems = Problems::new();
        problems.push(Invalid::new(
            "declaration",
            "petition_declaration_required",
            format!(
                "confirm that you are at least {} years old and live in the community (or are an internally displaced person registered here)",
                rules.min_age
            ),
        ));
        return Err(problems.into());
    }
    let calendar = crate::working_days::calendar(db, tenant).await?;
    let due = rules_of::answer_due(&rules, &calendar, now);
    let tx = db.begin().await?;
    let outcome = Petitions::of(&tx, tenant).sign(id, signer, now, due).await?;
    if let Signed::Counted(n) = outcome {
        // Signers follow what they signed; the signature that reaches the
        // threshold (one only: each gets its own count) tells everyone,
        // its signer too.
        crate::notifications::follow_on(&tx, tenant, signer, Target::Petition(id)).await?;
        if n == p.threshold {
            crate::notifications::petition_moved(&tx, tenant, None, &p, PetitionStatus::Succeeded, None).await?;
        }
    }
    tx.commit().await?;
    match outcome {
        Signed::Counted(n) => Ok(Signature::Counted(n)),
        Signed::Already => Ok(Signature::Already),
        Signed::Closed => Err(AppError::conflict(
            "petition_not_collecting",
            "this petition does not take signatures: its collection has not started or has ended",
        )),
    }
}

/// Marks a successful petition as sent to the council. Officials; audited.
pub async fn forward(db: &Platform, tenant: TenantId, actor: &Actor, role: Role, id: i64) -> Result<(), AppError> {
    officials_only(role)?;
    let p = get(db, tenant, id, None).await?;
    let tx = db.begin().await?;
    if !Petitions::of(&tx, tenant).forward(id, Timestamp::now()).await? {
        return Err(moved_on());
    }
    crate::notifications::petition_moved(&tx, tenant, actor.user_id, &p, PetitionStatus::Forwarded, None).await?;
    audit::record(
        &tx,
        tenant,
        actor,
        action::PETITION_FORWARDED,
        &format!("petition {id}"),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The council's answer to publish.
#[derive(Debug, Clone, Default)]
pub struct AnswerInput {
    pub text: String,
    pub decision: String,
}

/// Publishes the council's answer and decision. Officials; audited.
pub async fn answer(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    id: i64,
    input: &AnswerInput,
) -> Result<(), AppError> {
    officials_only(role)?;
    let p = get(db, tenant, id, None).await?;
    let mut problems = Problems::new();
    let text = problems.check(rules_of::parse_reason("text", &input.text));
    let decision = problems.check(CouncilDecision::from_input(&input.decision));
    let (Some(text), Some(decision)) = (text, decision) else {
        return Err(problems.into());
    };
    if !p.status.awaits_answer() {
        return Err(moved_on());
    }
    let tx = db.begin().await?;
    if !Petitions::of(&tx, tenant)
        .answer(id, Timestamp::now(), &text, decision)
        .await?
    {
        return Err(moved_on());
    }
    crate::notifications::petition_moved(&tx, tenant, actor.user_id, &p, PetitionStatus::Answered, Some(&text)).await?;
    audit::record(
        &tx,
        tenant,
        actor,
        action::PETITION_ANSWERED,
        &format!("petition {id}"),
        decision.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Closes an answered, failed or refused petition. Officials; audited.
pub async fn close(db: &Platform, tenant: TenantId, actor: &Actor, role: Role, id: i64) -> Result<(), AppError> {
    officials_only(role)?;
    let p = get(db, tenant, id, Some((actor.user_id.unwrap_or(UserId(0)), role))).await?;
    let tx = db.begin().await?;
    if !Petitions::of(&tx, tenant).close(id, Timestamp::now()).await? {
        return Err(moved_on());
    }
    // Its followers hear it is closed (a refused one has its author only);
    // the official who closed it is not told.
    crate::notifications::petition_moved(&tx, tenant, actor.user_id, &p, PetitionStatus::Closed, None).await?;
    audit::record(
        &tx,
        tenant,
        actor,
        action::PETITION_CLOSED,
        &format!("petition {id}"),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Failed petitions announced per sweep at most; the rest wait for the
/// next round.
const SWEEP_BATCH: i64 = 100;

/// Tells the followers of every petition whose signing period ended below
/// the threshold (its status is computed when read, so no act announced
/// it) that it failed, exactly once: each petition is marked announced by
/// a conditional update in the transaction of its notifications, so of
/// several nodes sweeping at once one only sends them. Returns how many
/// petitions were announced.
pub async fn announce_failures(db: &Platform, tenant: TenantId) -> Result<usize, AppError> {
    let now = Timestamp::now();
    let failed = Petitions::of(db, tenant).unannounced_failures(now, SWEEP_BATCH).await?;
    let mut announced = 0;
    for p in &failed {
        let tx = db.begin().await?;
        if !Petitions::of(&tx, tenant).mark_failure_announced(p.id, now).await? {
            // Another node announced it, or staff closed it, first.
            continue;
        }
        crate::notifications::petition_moved(&tx, tenant, None, p, PetitionStatus::Failed, None).await?;
        tx.commit().await?;
        announced += 1;
    }
    if announced > 0 {
        tracing::info!(tenant = tenant.0, petitions = announced, "failed petitions announced");
    }
    Ok(announced)
}

/// A petition as its page shows it.
#[derive(Debug, Clone)]
pub struct PetitionView {
    pub petition: Petition,
    pub status: PetitionStatus,
    pub actions: PetitionActions,
    pub signed: bool,
    /// The viewer follows it (is told of its steps).
    pub following: bool,
    pub rules: PetitionRules,
    pub now: Timestamp,
}

pub async fn view(
    db: &Platform,
    tenant: TenantId,
    id: i64,
    viewer: Option<(UserId, Role)>,
) -> Result<PetitionView, AppError> {
    let petition = get(db, tenant, id, viewer).await?;
    let signed = match viewer {
        Some((user, _)) if petition.status.is_public() => Petitions::of(db, tenant).has_signed(id, user).await?,
        _ => false,
    };
    let following = match viewer {
        Some((user, _)) => {
            civic_store::follows::Follows::of(db, tenant)
                .follows(user, Target::Petition(id))
                .await?
        }
        None => false,
    };
    let now = Timestamp::now();
    Ok(PetitionView {
        following,
        status: petition.status_at(now),
        actions: actions(&petition, viewer),
        signed,
        rules: rules(db, tenant).await?,
        petition,
        now,
    })
}

/// One page of the public list; an unknown filter is 422, a cursor we did
/// not make 400.
pub async fn list(
    db: &Platform,
    tenant: TenantId,
    status: Option<&str>,
    cursor: Option<&str>,
) -> Result<(PetitionFilter, Page<Petition>), AppError> {
    let filter = PetitionFilter::from_input(status).map_err(|p| {
        let mut problems = Problems::new();
        problems.push(p);
        AppError::from(problems)
    })?;
    let before = match given(cursor) {
        None => None,
        Some(raw) => Some(
            raw.strip_prefix("p")
                .and_then(|n| n.parse::<i64>().ok())
                .filter(|n| *n > 0)
                .ok_or_else(bad_cursor)?,
        ),
    };
    let items = Petitions::of(db, tenant)
        .list(filter, Timestamp::now(), before, PAGE_SIZE + 1)
        .await?;
    Ok((filter, Page::of(items, PAGE_SIZE, |p| format!("p{}", p.id))))
}

/// The petitions a person authored, drafts included.
pub async fn mine(db: &Platform, tenant: TenantId, author: UserId) -> Result<Vec<Petition>, AppError> {
    Ok(Petitions::of(db, tenant).by_author(author).await?)
}

/// What staff owe an action on, the nearest deadline first.
pub async fn queue(db: &Platform, tenant: TenantId, role: Role) -> Result<Vec<Petition>, AppError> {
    officials_only(role)?;
    Ok(Petitions::of(db, tenant).queue().await?)
}

/// The signers, for the list the council receives. Officials only, and
/// only once the petition is public.
pub async fn signers(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    id: i64,
) -> Result<(Petition, Vec<SignerRow>), AppError> {
    officials_only(role)?;
    let p = get(db, tenant, id, None).await?;
    Ok((p, Petitions::of(db, tenant).signers(id).await?))
}
