//! Debates: officials put a question to a space, residents argue for or
//! against it (and reply to arguments), mark arguments convincing and state
//! where they stand; an official closes the debate with a conclusion that
//! names the arguments it took into account, and the participants hear of
//! it.

use crate::audit::{self, Actor};
use crate::{AppError, Platform};
use civic_core::debates::{Argument, ArgumentBody, ArgumentOrder, Balance, Debate, DebateSide, Stance, balance_by_day};
use civic_core::{Invalid, Problems, Role, SpaceId, TenantId, Timestamp, UserId};
pub use civic_store::debates::ContributionRow;
use civic_store::debates::{Debates, NewArgument, NewDebate};

pub use civic_core::debates::may_manage;

const QUESTION_MAX: usize = 300;
const TEXT_MAX: usize = 10_000;
/// Arguments a conclusion may name.
const CITED_MAX: usize = 200;

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

pub(crate) fn text(raw: &str, field: &'static str, min: usize, max: usize, what: &str) -> Result<String, Invalid> {
    let t = raw.trim();
    if (min..=max).contains(&t.chars().count()) {
        Ok(t.to_string())
    } else {
        Err(Invalid::new(
            field,
            "invalid_length",
            format!("{what} has {min} to {max} characters"),
        ))
    }
}

/// What staff fill in to put a question to a space.
#[derive(Debug, Clone, Default)]
pub struct DebateInput {
    pub question: String,
    pub description: String,
    /// `YYYY-MM-DD`, the first day arguments are taken (optional).
    pub opens: String,
    /// `YYYY-MM-DD`, the last day arguments are taken (optional).
    pub closes: String,
}

/// The space a debate is set up in: a draft being prepared or a published
/// one that has not ended. The form and the setting up both check it.
pub async fn setting_up_in(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<(), AppError> {
    crate::spaces::preparing_any(db, tenant, space).await.map(|_| ())
}

/// Puts a question to a space; the official who does is its moderator.
/// Officials and administrators; audited.
pub async fn create(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    space: SpaceId,
    input: &DebateInput,
) -> Result<i64, AppError> {
    officials_only(role)?;
    setting_up_in(db, tenant, space).await?;
    let mut p = Problems::new();
    let question = p.check(text(&input.question, "question", 5, QUESTION_MAX, "the question"));
    let description = p.check(text(&input.description, "description", 0, TEXT_MAX, "the description"));
    let opens = p.check(civic_core::spaces::day_start("opens_on", &input.opens));
    let closes = p.check(civic_core::spaces::day_end("closes_on", &input.closes));
    if let (Some(Some(o)), Some(Some(c))) = (opens, closes)
        && c <= o
    {
        p.push(Invalid::new(
            "closes_on",
            "closes_before_opens",
            "the last day is on or after the first",
        ));
    }
    let (Some(question), Some(description), Some(opens_at), Some(closes_at)) = (question, description, opens, closes)
    else {
        return Err(p.into());
    };
    if !p.is_empty() {
        return Err(p.into());
    }
    let tx = db.begin().await?;
    let id = Debates::of(&tx, tenant)
        .create(&NewDebate {
            space,
            question: &question,
            description: &description,
            moderator: actor.user_id,
            opens_at,
            closes_at,
        })
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::DEBATE_CREATED,
        &format!("debate {id}"),
        &question,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A debate the viewer may see: a draft space's only for officials.
pub async fn get(db: &Platform, tenant: TenantId, id: i64, viewer: Option<Role>) -> Result<Debate, AppError> {
    let d = Debates::of(db, tenant).get(id).await?.ok_or(AppError::NotFound)?;
    if d.space_draft != 0 && !viewer.is_some_and(may_manage) {
        return Err(AppError::NotFound);
    }
    Ok(d)
}

/// The debates of a space the viewer may see, newest first (404 for a
/// draft space unless officials).
pub async fn in_space(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    viewer: Option<Role>,
) -> Result<Vec<Debate>, AppError> {
    crate::spaces::listable(db, tenant, space, viewer.is_some_and(may_manage)).await?;
    Ok(Debates::of(db, tenant).in_space(space).await?)
}

/// An argument with its replies (oldest first).
#[derive(Debug, Clone)]
pub struct Thread {
    pub argument: Argument,
    pub replies: Vec<Argument>,
}

/// The balance now and how it moved, day by day.
#[derive(Debug, Clone, Default)]
pub struct Standing {
    pub balance: Balance,
    /// (start of the day, unix ms; the balance at its end), oldest first.
    pub history: Vec<(i64, Balance)>,
}

/// What the debate's page (and its API) shows.
#[derive(Debug, Clone)]
pub struct DebateView {
    pub debate: Debate,
    /// Top-level arguments for, in the order asked.
    pub for_side: Vec<Thread>,
    pub against_side: Vec<Thread>,
    pub standing: Standing,
    /// The viewer's stance and the arguments they marked convincing.
    pub my_stance: Option<Stance>,
    pub my_convincing: Vec<i64>,
    /// Arguments, replies and stances are taken now.
    pub open: bool,
}

impl DebateView {
    /// The arguments the conclusion took into account.
    pub fn cited(&self) -> Vec<&Argument> {
        self.for_side
            .iter()
            .chain(self.against_side.iter())
            .flat_map(|t| std::iter::once(&t.argument).chain(t.replies.iter()))
            .filter(|a| a.cited != 0)
            .collect()
    }
}

/// The balance of a debate now and by day.
pub async fn standing(db: &Platform, tenant: TenantId, debate: i64) -> Result<Standing, AppError> {
    let store = Debates::of(db, tenant);
    let mut balance = Balance::default();
    for (stance, n) in store.balance(debate).await? {
        balance.add(stance, n);
    }
    let history = balance_by_day(&store.stance_history(debate).await?);
    Ok(Standing { balance, history })
}

/// A debate with its arguments side by side, its balance and what the
/// viewer did.
pub async fn view(
    db: &Platform,
    tenant: TenantId,
    id: i64,
    viewer: Option<(UserId, Role)>,
    order: ArgumentOrder,
) -> Result<DebateView, AppError> {
    let debate = get(db, tenant, id, viewer.map(|v| v.1)).await?;
    let store = Debates::of(db, tenant);
    let mut all = store.arguments(id).await?;
    // Hidden pending review: the text leaves only for staff and its author.
    for a in all.iter_mut() {
        let sees = match viewer {
            Some((user, role)) => role.is_staff() || a.author_id == Some(user.0),
            None => false,
        };
        if a.moderation.is_some() && !sees {
            a.body.clear();
        }
    }
    let (mut top, replies): (Vec<Argument>, Vec<Argument>) = all.into_iter().partition(|a| a.parent_id.is_none());
    order.sort(&mut top);
    let mut for_side = Vec::new();
    let mut against_side = Vec::new();
    for argument in top {
        let thread = Thread {
            replies: replies
                .iter()
                .filter(|r| r.parent_id == Some(argument.id))
                .cloned()
                .collect(),
            argument,
        };
        match thread.argument.side {
            DebateSide::For => for_side.push(thread),
            DebateSide::Against => against_side.push(thread),
        }
    }
    let (my_stance, my_convincing) = match viewer {
        Some((user, _)) => (store.stance_of(id, user).await?, store.convinced_by(id, user).await?),
        None => (None, Vec::new()),
    };
    // Open: the debate takes contributions and so does its space. Whether
    // this viewer may take part (a space of verified residents) is the
    // page's question, so that it can say why instead of "closed".
    let open = debate.open_at(Timestamp::now())
        && crate::spaces::open_public_space(db, tenant, SpaceId(debate.space_id))
            .await
            .is_ok();
    Ok(DebateView {
        open,
        standing: standing(db, tenant, id).await?,
        debate,
        for_side,
        against_side,
        my_stance,
        my_convincing,
    })
}

/// A debate that takes contributions now in a space where the person may
/// take part: 404 when not visible, 409 when concluded, outside its window
/// or its space is closed or only for verified residents.
async fn open_debate(db: &Platform, tenant: TenantId, id: i64, user: UserId) -> Result<Debate, AppError> {
    let d = get(db, tenant, id, None).await?;
    if let Some((code, message)) = d.closed_reason(Timestamp::now()) {
        return Err(AppError::conflict(code, message));
    }
    let space = crate::spaces::open_public_space(db, tenant, SpaceId(d.space_id)).await?;
    crate::spaces::may_take_part(db, tenant, &space, user).await?;
    Ok(d)
}

/// An argument as sent: its side (`for` / `against`; a reply may leave it
/// empty to take its parent's), its text, and the argument it replies to.
#[derive(Debug, Clone, Copy)]
pub struct ArgumentInput<'a> {
    pub side: &'a str,
    pub body: &'a str,
    pub parent: Option<i64>,
}

/// Adds an argument (or a reply) while the debate is open. The author of
/// the argument replied to hears of it. Returns the new argument.
pub async fn argue(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    debate: i64,
    input: &ArgumentInput<'_>,
) -> Result<Argument, AppError> {
    let d = open_debate(db, tenant, debate, author).await?;
    let store = Debates::of(db, tenant);
    let mut p = Problems::new();
    let body = p.check(ArgumentBody::parse(input.body));
    let parent = match input.parent {
        None => Some(None),
        Some(id) => p.check(
            store
                .argument(id)
                .await?
                .filter(|a| a.debate_id == d.id && a.parent_id.is_none())
                .map(Some)
                .ok_or_else(|| {
                    Invalid::new(
                        "parent_id",
                        "invalid_reply_target",
                        "a reply answers an argument of this debate (not another reply)",
                    )
                }),
        ),
    };
    let side = match (input.side.trim(), &parent) {
        ("", Some(Some(parent))) => Some(parent.side),
        (raw, _) => p.check(DebateSide::from_input(raw)),
    };
    let (Some(body), Some(parent), Some(side)) = (body, parent, side) else {
        return Err(p.into());
    };
    crate::limits::content(db, tenant, author).await?;
    let tx = db.begin().await?;
    let id = Debates::of(&tx, tenant)
        .add_argument(
            d.id,
            &NewArgument {
                parent: parent.as_ref().map(|a| a.id),
                author: Some(author),
                side,
                body: body.as_str(),
                at: Timestamp::now(),
            },
        )
        .await?
        .ok_or_else(|| {
            AppError::conflict(
                "debate_concluded",
                "this debate is concluded and takes no more contributions",
            )
        })?;
    if let Some(replied_to) = parent.as_ref().and_then(|a| a.author_id).filter(|a| *a != author.0) {
        crate::notifications::debate_reply(&tx, tenant, author, &d, id, UserId(replied_to)).await?;
    }
    let created = Debates::of(&tx, tenant).argument(id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(created)
}

/// Marks an argument convincing (`on`) or withdraws the mark, while its
/// debate is open; repeating either changes nothing. Nobody marks their
/// own argument. Returns the argument with its new count.
pub async fn set_convincing(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    argument: i64,
    on: bool,
) -> Result<Argument, AppError> {
    let store = Debates::of(db, tenant);
    let a = store.argument(argument).await?.ok_or(AppError::NotFound)?;
    open_debate(db, tenant, a.debate_id, user).await?;
    if on && a.author_id == Some(user.0) {
        return Err(AppError::conflict(
            "own_argument",
            "others decide whether your argument convinces them",
        ));
    }
    store.set_convincing(argument, user, on).await?;
    store.argument(argument).await?.ok_or(AppError::NotFound)
}

/// States or changes where the person stands while the debate is open;
/// every change is kept for the balance's history.
pub async fn set_stance(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    debate: i64,
    stance: &str,
) -> Result<Stance, AppError> {
    let stance = Stance::from_input(stance)?;
    open_debate(db, tenant, debate, user).await?;
    Debates::of(db, tenant)
        .set_stance(debate, user, stance, Timestamp::now())
        .await?;
    Ok(stance)
}

/// The city's conclusion as sent: its text and the arguments it took into
/// account (ids as typed).
#[derive(Debug, Clone, Copy)]
pub struct ConclusionInput<'a> {
    pub text: &'a str,
    pub arguments: &'a [i64],
}

/// Closes the debate with the city's conclusion. Officials and
/// administrators; every cited argument must be one of this debate's.
/// Participants (authors and people with a stance) are notified in the
/// same transaction; audited.
pub async fn conclude(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    debate: i64,
    input: &ConclusionInput<'_>,
) -> Result<(), AppError> {
    officials_only(role)?;
    let d = get(db, tenant, debate, Some(role)).await?;
    if d.concluded() {
        return Err(AppError::conflict(
            "debate_concluded",
            "this debate is concluded already",
        ));
    }
    let store = Debates::of(db, tenant);
    let mut p = Problems::new();
    let conclusion = p.check(text(input.text, "text", 10, TEXT_MAX, "the conclusion"));
    let known: Vec<i64> = store.arguments(debate).await?.iter().map(|a| a.id).collect();
    if input.arguments.len() > CITED_MAX || input.arguments.iter().any(|id| !known.contains(id)) {
        p.push(Invalid::new(
            "arguments",
            "invalid_arguments",
            "a conclusion cites arguments of this debate only",
        ));
    }
    let Some(conclusion) = conclusion else {
        return Err(p.into());
    };
    if !p.is_empty() {
        return Err(p.into());
    }
    let by = actor.user_id.ok_or(AppError::SignInNeeded)?;
    let tx = db.begin().await?;
    if !Debates::of(&tx, tenant)
        .conclude(debate, by, &conclusion, input.arguments)
        .await?
    {
        return Err(AppError::conflict(
            "debate_concluded",
            "this debate is concluded already",
        ));
    }
    crate::notifications::debate_concluded(&tx, tenant, by, &d).await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::DEBATE_CONCLUDED,
        &format!("debate {debate}"),
        &format!("{} arguments cited", input.arguments.len()),
    )
    .await?;
    tx.commit().await
}

/// Every contribution of a debate, for officials' export.
pub async fn contributions(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    debate: i64,
) -> Result<(Debate, Vec<ContributionRow>), AppError> {
    officials_only(role)?;
    let d = get(db, tenant, debate, Some(role)).await?;
    let rows = Debates::of(db, tenant).contributions(debate).await?;
    Ok((d, rows))
}
