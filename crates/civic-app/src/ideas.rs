//! Ideas: a space's list (the HTML page and the API page alike), an idea's
//! page with what the visitor may do there, and taking part: proposing,
//! supporting, the city's answers, editing and withdrawing. Each write is
//! one transaction with its follows, notifications and audit entry.

use crate::audit::{self, Actor};
use crate::comments::{CommentView, thread};
use crate::paging::{Page, bad_cursor, given};
use crate::{AppError, Platform};
use civic_core::comments::{CommentActions, CommentOrder, THREADS_PER_PAGE};
use civic_core::ideas::{self as rules, Answer, Idea, IdeaActions, IdeaStatus};
use civic_core::moderation::{Visibility, visibility};
use civic_core::spaces::{Module, NotOpen, Space};
use civic_core::user::{Principal, StaffRoles};
use civic_core::{IdeaId, Invalid, Problems, SpaceId, TenantId, Timestamp, UserId};
use civic_store::comments::Comments;
use civic_store::ideas::{IdeaEdit, IdeaFilter, IdeaSort, Ideas, NewIdea, SHUFFLE_RANGE, SortCursor};
use civic_store::search::Search;
use civic_store::spaces::Spaces;
use std::collections::HashMap;

pub use civic_store::ideas::IdeaSort as Sort;
pub use civic_store::search::SimilarIdea;

pub const PAGE_SIZE: u32 = 20;

/// Comments shown on an idea's page (its threads are paged later).
pub const COMMENT_LIMIT: u32 = 500;

/// A refusal to take part in a space, as a use case answers it.
pub(crate) fn not_open(why: NotOpen) -> AppError {
    match why {
        NotOpen::SpaceClosed => AppError::conflict("space_closed", "this space is not open for participation"),
        NotOpen::ModuleOff(module) => AppError::conflict(
            "module_off",
            format!("{} are switched off in this space", module.as_str()),
        ),
        NotOpen::VerifiedOnly => crate::verification::required(),
    }
}

fn idea_withdrawn() -> AppError {
    AppError::conflict("idea_withdrawn", "this idea was withdrawn by its author")
}

/// 409 for an idea that takes part in nothing any more: withdrawn by its
/// author (`idea_withdrawn`) or merged into another (`idea_merged`).
pub(crate) fn closed(idea: &Idea) -> Result<(), AppError> {
    match idea.status {
        IdeaStatus::Withdrawn => Err(idea_withdrawn()),
        IdeaStatus::Merged => Err(AppError::conflict(
            "idea_merged",
            "this idea was merged into another that asks for the same; take part there",
        )),
        _ => Ok(()),
    }
}

/// Taking part in an idea: not withdrawn, its space open with ideas on
/// and admitting `user`.
async fn may_take_part(
    db: &Platform,
    tenant: TenantId,
    idea: &Idea,
    space: &Space,
    user: UserId,
) -> Result<(), AppError> {
    closed(idea)?;
    open_for(db, tenant, space, user).await
}

/// The space is open for ideas and admits `user` (a space of verified
/// residents only admits a verified one: 403 `verified_only`).
pub(crate) async fn open_for(db: &Platform, tenant: TenantId, space: &Space, user: UserId) -> Result<(), AppError> {
    let verified = crate::verification::admits(db, tenant, &space.participation, Some(user)).await?;
    space
        .open_for_person(Module::Ideas, Timestamp::now(), verified)
        .map_err(not_open)
}

// ---------------------------------------------------------------------------
// Reading: a space's list, an idea's page.

/// What a list of a space's ideas asks for, as typed (query parameters).
#[derive(Debug, Default, Clone)]
pub struct ListParams<'a> {
    pub sort: Option<&'a str>,
    pub status: Option<&'a str>,
    pub category: Option<&'a str>,
    pub district: Option<&'a str>,
    /// Only the ideas of this topic of the space (`crate::topics`).
    pub topic: Option<&'a str>,
    /// Only the ideas of this account ("mine"), already signed in.
    pub author: Option<UserId>,
    /// Who is looking (their random order is their own).
    pub viewer: Option<UserId>,
    pub cursor: Option<&'a str>,
    /// The random order's seed when no cursor carries one.
    pub seed: Option<&'a str>,
    /// Staff see draft spaces too.
    pub staff: bool,
}

/// A list of a space's ideas as a visitor asks for it in the query string
/// (`?sort=&status=&category=&district=&mine=&cursor=&seed=`), the same for
/// the page and the API.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct ListQuery {
    pub cursor: Option<String>,
    pub sort: Option<String>,
    pub status: Option<String>,
    pub category: Option<String>,
    pub district: Option<String>,
    /// A topic's id: only its ideas.
    pub topic: Option<String>,
    /// `1` (or true, on, yes): only the signed-in person's ideas.
    pub mine: Option<String>,
    pub seed: Option<String>,
}

impl ListQuery {
    /// Asks for only the visitor's own ideas.
    pub fn wants_mine(&self) -> bool {
        matches!(self.mine.as_deref().map(str::trim), Some("1" | "true" | "on" | "yes"))
    }

    /// The parameters for `viewer` (`staff` see drafts); 401 when "mine"
    /// is asked for by someone not signed in.
    pub fn params(&self, viewer: Option<UserId>, staff: bool) -> Result<ListParams<'_>, AppError> {
        let author = match (self.wants_mine(), viewer) {
            (false, _) => None,
            (true, Some(me)) => Some(me),
            (true, None) => return Err(AppError::SignInNeeded),
        };
        Ok(ListParams {
            sort: self.sort.as_deref(),
            status: self.status.as_deref(),
            category: self.category.as_deref(),
            district: self.district.as_deref(),
            topic: self.topic.as_deref(),
            author,
            viewer,
            cursor: self.cursor.as_deref(),
            seed: self.seed.as_deref(),
            staff,
        })
    }
}

/// The list as it was understood: its order and the seed of the random one.
#[derive(Debug, Clone)]
pub struct ListState {
    pub sort: IdeaSort,
    pub seed: i64,
}

/// A visitor's place in the random order: fixed per account, so a signed-in
/// person sees the same order every time; visitors get a fresh one, kept
/// for the pages that follow by the cursor.
pub fn visitor_seed(user: Option<UserId>) -> i64 {
    match user {
        Some(u) => (u.0.wrapping_mul(2_654_435_761).wrapping_add(40_503)).rem_euclid(SHUFFLE_RANGE + 1),
        None => {
            use std::hash::{BuildHasher, Hasher};
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_i64(Timestamp::now().0);
            (h.finish() % (SHUFFLE_RANGE as u64 + 1)) as i64
        }
    }
}

/// One page of a space's ideas, filtered and sorted. Every bad parameter is
/// reported at once (422); a cursor we did not make, or made for another
/// order, is 400; a space the visitor may not see is 404.
pub async fn list_in_space(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    params: &ListParams<'_>,
) -> Result<(Space, Page<Idea>, ListState), AppError> {
    let mut problems = Problems::new();
    let sort = match given(params.sort) {
        None => Some(IdeaSort::Newest),
        Some(raw) => problems.check(IdeaSort::parse(raw).ok_or_else(|| {
            Invalid::new(
                "sort",
                "invalid_sort",
                "sort is one of newest, supported, commented, random",
            )
        })),
    };
    let status = match given(params.status) {
        None => Some(None),
        Some(raw) => problems.check(IdeaStatus::parse(raw).map(Some).ok_or_else(|| {
            Invalid::new(
                "status",
                "invalid_status",
                "status is one of published, under_review, accepted, rejected, in_progress, implemented, withdrawn, merged",
            )
        })),
    };
    let category = problems.check(rules::label("category", params.category, &[]));
    let district = problems.check(rules::label("district", params.district, &[]));
    let topic = match given(params.topic) {
        None => Some(None),
        Some(raw) => problems.check(
            raw.parse::<i64>()
                .ok()
                .filter(|t| (0..=i64::from(u32::MAX)).contains(t))
                .map(Some)
                .ok_or_else(|| {
                    Invalid::new(
                        "topic",
                        "invalid_topic",
                        "topic is the number of one of the space's topics",
                    )
                }),
        ),
    };
    let seed = match given(params.seed) {
        None => Some(None),
        Some(raw) => problems.check(
            raw.parse::<i64>()
                .ok()
                .filter(|s| (0..=SHUFFLE_RANGE).contains(s))
                .map(Some)
                .ok_or_else(|| {
                    Invalid::new(
                        "seed",
                        "invalid_seed",
                        format!("seed is a number from 0 to {SHUFFLE_RANGE}"),
                    )
                }),
        ),
    };
    let (Some(sort), Some(status), Some(category), Some(district), Some(topic), Some(seed)) =
        (sort, status, category, district, topic, seed)
    else {
        return Err(problems.into());
    };
    let cursor = match given(params.cursor) {
        None => None,
        Some(raw) => Some(
            SortCursor::decode(raw)
                .filter(|c| c.sort == sort)
                .ok_or_else(bad_cursor)?,
        ),
    };
    let seed = match (cursor, seed) {
        (Some(c), _) => c.seed,
        (None, Some(seed)) => seed,
        (None, None) => visitor_seed(params.viewer),
    };
    let spaces = Spaces::of(db, tenant);
    let space = if params.staff {
        spaces.get(space).await?
    } else {
        spaces.get_public(space).await?
    };
    let space = space.ok_or(AppError::NotFound)?;
    let filter = IdeaFilter {
        status: status.map(IdeaStatus::as_str),
        category: category.as_deref(),
        district: district.as_deref(),
        author: params.author,
        include_merged: false,
        topic,
    };
    let items = Ideas::of(db, tenant)
        .list(space.id, &filter, sort, seed, cursor, PAGE_SIZE + 1)
        .await?;
    let page = Page::of(items, PAGE_SIZE, |i| SortCursor::after(sort, seed, i).encode());
    Ok((space, page, ListState { sort, seed }))
}

/// A public idea and its space, or 404.
pub async fn idea_and_space(db: &Platform, tenant: TenantId, idea: IdeaId) -> Result<(Idea, Space), AppError> {
    let record = Ideas::of(db, tenant)
        .get_public(idea)
        .await?
        .ok_or(AppError::NotFound)?;
    let space = Spaces::of(db, tenant)
        .get_public(record.space_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((record, space))
}

/// An idea with its answers: what the API shows of one idea.
pub async fn detail(db: &Platform, tenant: TenantId, idea: IdeaId) -> Result<(Idea, Vec<Answer>), AppError> {
    let ideas = Ideas::of(db, tenant);
    let record = ideas.get_public(idea).await?.ok_or(AppError::NotFound)?;
    let answers = ideas.answers(idea).await?;
    Ok((record, answers))
}

/// Everything an idea's page shows, and what the visitor may do there.
pub struct IdeaPage {
    pub idea: Idea,
    /// How the idea shows to this viewer when the moderators hid it.
    pub visibility: Visibility,
    /// The viewer's block on posting, in force now (shown above the form).
    pub block: Option<crate::moderation::Block>,
    pub space: Space,
    pub answers: Vec<Answer>,
    /// The discussion in thread order, each comment with its actions.
    pub comments: Vec<CommentView>,
    pub order: CommentOrder,
    /// Where the next page of threads starts, when there is one.
    pub more: Option<String>,
    /// This page is not the first one.
    pub continued: bool,
    pub actions: IdeaActions,
    /// The visitor supports it / follows it.
    pub supported: bool,
    pub following: bool,
    /// The idea this one was merged into, with its title (status `merged`).
    pub merged_into: Option<(IdeaId, String)>,
}

/// An idea's page for `viewer` (or a visitor), its discussion in `order`
/// (`oldest`, `best`, `newest`; 422 otherwise).
pub async fn page(
    db: &Platform,
    tenant: TenantId,
    viewer: Option<&Principal>,
    idea: IdeaId,
    order: Option<&str>,
    after: Option<&str>,
) -> Result<IdeaPage, AppError> {
    let order = CommentOrder::parse(order)?;
    let after = civic_core::comments::ThreadCursor::parse(after)?;
    let (record, space) = idea_and_space(db, tenant, idea).await?;
    let ideas = Ideas::of(db, tenant);
    let answers = ideas.answers(idea).await?;
    let comments = Comments::of(db, tenant);
    let block = match viewer {
        Some(v) => crate::moderation::block_of(db, tenant, v.user_id).await?,
        None => None,
    };
    let (supported, following, my_votes) = match viewer {
        Some(v) => (
            ideas.supported_by(idea, v.user_id).await?,
            crate::notifications::is_following(db, tenant, v.user_id, crate::notifications::FollowTarget::Idea(idea))
                .await?,
            comments.votes_on_idea(idea, v.user_id).await?.into_iter().collect(),
        ),
        None => (false, false, HashMap::new()),
    };
    let verified = crate::verification::admits(db, tenant, &space.participation, viewer.map(|v| v.user_id)).await?;
    let actions = IdeaActions::of(&record, &space, viewer, verified, Timestamp::now());
    // One more thread than shown says whether there is a next page.
    let (mut roots, replies) = comments
        .threads_for_idea(idea, order, after.as_ref(), THREADS_PER_PAGE + 1)
        .await?;
    let more = (roots.len() > THREADS_PER_PAGE as usize).then(|| {
        roots.truncate(THREADS_PER_PAGE as usize);
        civic_core::comments::ThreadCursor::after(roots.last().expect("a full page")).encode()
    });
    roots.extend(replies);
    let discussion = thread(roots)
        .into_iter()
        .map(|mut view| {
            view.actions = CommentActions::of(&view.comment, actions.comment, viewer);
            view.my_vote = my_votes.get(&view.comment.id.0).copied().unwrap_or(0);
            view.visibility = visibility(view.comment.moderation, view.comment.author_id, viewer);
            if view.visibility == Visibility::Notice {
                // Hidden pending review: its text never leaves for this viewer.
                view.comment.body.clear();
                view.actions.vote = false;
                view.actions.reply = false;
            }
            view
        })
        .collect();
    let merged_into = match record.merged_into {
        // A kept idea the moderators hid is linked without its title.
        Some(kept) => ideas
            .get_public(kept)
            .await?
            .map(|k| (kept, if k.moderation.is_some() { String::new() } else { k.title })),
        None => None,
    };
    let mut record = record;
    let idea_visibility = visibility(record.moderation, record.author_id, viewer);
    if idea_visibility == Visibility::Notice {
        record.title.clear();
        record.body.clear();
    }
    Ok(IdeaPage {
        block,
        visibility: idea_visibility,
        idea: record,
        space,
        answers,
        comments: discussion,
        order,
        more,
        continued: after.is_some(),
        actions,
        supported,
        following,
        merged_into,
    })
}

// ---------------------------------------------------------------------------
// Proposing.

/// What a person typed to propose an idea.
#[derive(Debug, Default, Clone)]
pub struct Proposal<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub category: Option<&'a str>,
    pub district: Option<&'a str>,
    pub location: Option<(f64, f64)>,
}

/// A proposal that passed every check.
#[derive(Debug, Clone)]
pub struct ValidProposal {
    pub title: String,
    pub body: String,
    pub category: Option<String>,
    pub district: Option<String>,
    pub location: Option<(f64, f64)>,
}

/// Every problem of a proposal at once (a form lists them all).
pub fn check_proposal(space: &Space, p: &Proposal<'_>) -> Result<ValidProposal, Problems> {
    let mut problems = Problems::new();
    let title = problems.check(rules::title(p.title));
    let body = problems.check(rules::idea_body(p.body));
    let category = problems.check(rules::label("category", p.category, &space.category_choices()));
    let district = problems.check(rules::label("district", p.district, &space.district_choices()));
    let location = match p.location {
        None => Some(None),
        Some((lat, lon)) => problems.check(rules::location(lat, lon).map(Some)),
    };
    match (title, body, category, district, location) {
        (Some(title), Some(body), Some(category), Some(district), Some(location)) => Ok(ValidProposal {
            title,
            body,
            category,
            district,
            location,
        }),
        _ => Err(problems),
    }
}

/// The space a person proposes an idea in: visible (404), and open with
/// ideas on (409 `space_closed`, `module_off`) and admitting `user` (403
/// `verified_only`).
pub async fn proposing_in(db: &Platform, tenant: TenantId, space: SpaceId, user: UserId) -> Result<Space, AppError> {
    let space = Spaces::of(db, tenant)
        .get_public(space)
        .await?
        .ok_or(AppError::NotFound)?;
    open_for(db, tenant, &space, user).await?;
    Ok(space)
}

/// At most this many ideas are suggested as "maybe already proposed".
pub const SIMILAR_MAX: u32 = 5;

/// Ideas of a public space that look like one titled `title` (the ideas
/// form suggests them while a person writes). A title of no telling words
/// suggests nothing; one longer than an idea's title may be is refused.
pub async fn similar_ideas(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    title: &str,
) -> Result<Vec<SimilarIdea>, AppError> {
    if title.chars().count() > rules::TITLE_MAX {
        return Err(Invalid::new(
            "title",
            "invalid_title",
            format!("a title has at most {} characters", rules::TITLE_MAX),
        )
        .into());
    }
    Spaces::of(db, tenant)
        .get_public(space)
        .await?
        .ok_or(AppError::NotFound)?;
    let terms = civic_core::text::similarity_terms(title);
    Ok(Search::of(db, tenant).similar_ideas(space, &terms, SIMILAR_MAX).await?)
}

/// Proposes an idea in an open space; it is published at once, its author
/// follows it, and the space's followers are notified, all in one commit.
/// Every problem of the proposal is reported at once.
pub async fn propose(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    space: SpaceId,
    proposal: &Proposal<'_>,
) -> Result<Idea, AppError> {
    let space = proposing_in(db, tenant, space, author).await?;
    let valid = check_proposal(&space, proposal)?;
    crate::limits::content(db, tenant, author).await?;
    let screened =
        crate::moderation::screen(db, tenant, author, "body", &format!("{}\n{}", valid.title, valid.body)).await?;
    let held = screened.verdict.decision == civic_core::screening::Decision::Hold;
    let tx = db.begin().await?;
    let ideas = Ideas::of(&tx, tenant);
    let id = ideas
        .create(&NewIdea {
            space: space.id,
            author: Some(author),
            title: &valid.title,
            body: &valid.body,
            status: IdeaStatus::Published.as_str(),
            category: valid.category.as_deref(),
            district: valid.district.as_deref(),
            location: valid.location,
            created_at: Timestamp::now(),
        })
        .await?;
    crate::moderation::record_screened(
        &tx,
        tenant,
        author,
        civic_core::flags::FlaggedKind::Idea,
        id.0,
        &screened,
    )
    .await?;
    let idea = ideas.get_public(id).await?.ok_or(AppError::NotFound)?;
    crate::notifications::auto_follow(&tx, tenant, author, id).await?;
    // An idea held for the moderators is announced to nobody.
    if !held {
        crate::notifications::idea_proposed(&tx, tenant, &idea).await?;
    }
    tx.commit().await?;
    Ok(idea)
}

// ---------------------------------------------------------------------------
// Supporting.

/// Where a support stands after a change.
#[derive(Debug, Clone)]
pub struct SupportState {
    pub supported: bool,
    /// True when this call stored or removed a support (false: it already was so).
    pub changed: bool,
    pub support_count: i64,
    pub status: IdeaStatus,
}

/// Supports an idea (`support`) or withdraws the support; repeating either
/// changes nothing. Refused while the idea is withdrawn or its space is not
/// open. A new support makes its author follow the idea; the support that
/// reaches the threshold puts the idea under review and tells its followers
/// and the officials, in the same commit.
pub async fn set_support(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    idea: IdeaId,
    support: bool,
) -> Result<SupportState, AppError> {
    let (record, space) = idea_and_space(db, tenant, idea).await?;
    may_take_part(db, tenant, &record, &space, user).await?;
    let changed = if support {
        add_support(db, tenant, user, &record).await?
    } else {
        let tx = db.begin().await?;
        let removed = Ideas::of(&tx, tenant).withdraw_support(idea, user).await?;
        tx.commit().await?;
        removed
    };
    let after = Ideas::of(db, tenant)
        .get_public(idea)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(SupportState {
        supported: support,
        changed,
        support_count: after.support_count,
        status: after.status,
    })
}

/// Stores a support and counts it; true when it is new. The support that
/// reaches the threshold puts the idea under review and tells its
/// followers and the officials, in the commit that counts it.
///
/// On PostgreSQL the support and its count are two commits (ADR 0003): the
/// support waits for the disk like every write; the count, which takes
/// the idea's row that every supporter of the idea needs, skips the row
/// when another supporter's count holds it (that one counts this support
/// too, or [`count_waiting_supports`] does within a second) and does not
/// wait for the disk: a crash that loses it loses the support's removal
/// from `uncounted_supports` with it, so it is counted again. A popular
/// idea so takes supports as fast as they come. On SQLite, whose one
/// writer takes writes one at a time anyway, both stay one commit.
async fn add_support(db: &Platform, tenant: TenantId, user: UserId, record: &Idea) -> Result<bool, AppError> {
    let at = Timestamp::now();
    let tx = db.begin().await?;
    let ideas = Ideas::of(&tx, tenant);
    if db.backend() == civic_store::Backend::Sqlite {
        let done = ideas.support_reaching(record.id, user, at).await?;
        if done.reached_threshold {
            crate::notifications::threshold_reached(&tx, tenant, record).await?;
        }
        tx.commit().await?;
        return Ok(done.stored);
    }
    let stored = ideas.support_to_count(record.id, user, at).await?;
    tx.commit().await?;
    if stored {
        count_supports(db, tenant, record).await?;
    }
    Ok(stored)
}

/// Counts the idea's waiting supports unless another transaction is at it
/// (see [`add_support`]); tells of a threshold reached.
async fn count_supports(db: &Platform, tenant: TenantId, record: &Idea) -> Result<(), AppError> {
    let tx = db.begin().await?;
    tx.commit_lazily().await?;
    if Ideas::of(&tx, tenant)
        .count_waiting(record.id, Timestamp::now())
        .await?
        == Some(true)
    {
        crate::notifications::threshold_reached(&tx, tenant, record).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Counts the supports left waiting (a count skipped while another held
/// the idea, or a node stopped between a support and its count): the
/// background job runs it every second on PostgreSQL. The ideas counted.
pub async fn count_waiting_supports(db: &Platform) -> Result<usize, AppError> {
    if db.backend() == civic_store::Backend::Sqlite {
        return Ok(0);
    }
    let waiting = civic_store::ideas::ideas_with_uncounted_supports(db, 1_000).await?;
    for (tenant, idea) in &waiting {
        // An idea deleted meanwhile took its waiting supports with it.
        if let Some(record) = Ideas::of(db, *tenant).get_public(*idea).await? {
            count_supports(db, *tenant, &record).await?;
        }
    }
    Ok(waiting.len())
}

/// Runs [`count_waiting_supports`] every second until `stop` turns true
/// (every node may: a support is counted once whoever counts it).
pub async fn run_support_counts(db: Platform, mut stop: tokio::sync::watch::Receiver<bool>) {
    if db.backend() == civic_store::Backend::Sqlite {
        return;
    }
    loop {
        if let Err(e) = count_waiting_supports(&db).await {
            tracing::warn!(error = %e, "could not count waiting supports");
        }
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
            _ = stop.changed() => return,
        }
    }
}

// ---------------------------------------------------------------------------
// The city's answers.

/// The city's answer: moves the idea along its status machine and records
/// the text with the answering role, tells the idea's followers and writes
/// the audit entry, in one commit. A move the machine does not allow (or
/// that someone else made first) is 409 `invalid_transition`.
pub async fn answer(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    official: &Principal,
    idea: IdeaId,
    status: &str,
    text: &str,
) -> Result<(), AppError> {
    if !official.role.is_among(StaffRoles::Officials) {
        return Err(AppError::forbidden(
            "staff_only",
            "only the municipality's officials answer ideas",
        ));
    }
    let (record, _) = idea_and_space(db, tenant, idea).await?;
    let mut problems = Problems::new();
    let to = problems.check(
        IdeaStatus::parse(status)
            .filter(|s| !matches!(s, IdeaStatus::Published | IdeaStatus::Withdrawn | IdeaStatus::Merged))
            .ok_or_else(|| {
                Invalid::new(
                    "status",
                    "invalid_status",
                    "status is one of under_review, accepted, rejected, in_progress, implemented",
                )
            }),
    );
    let text = problems.check(rules::answer_text(text));
    let (Some(to), Some(text)) = (to, text) else {
        return Err(problems.into());
    };
    let from = record.status;
    let refused = || {
        AppError::conflict(
            "invalid_transition",
            format!("an idea that is {} cannot move to {}", from.as_str(), to.as_str()),
        )
    };
    if !from.can_answer_to(to) {
        return Err(refused());
    }
    let tx = db.begin().await?;
    let moved = Ideas::of(&tx, tenant)
        .answer_from(
            idea,
            from.as_str(),
            to.as_str(),
            &text,
            official.role.as_str(),
            Timestamp::now(),
        )
        .await?;
    if !moved {
        return Err(refused());
    }
    crate::notifications::status_changed(&tx, tenant, actor.user_id, &record, to.as_str()).await?;
    let subject = format!("idea {}: {}", idea.0, record.title);
    let detail = format!("{} → {}", from.as_str(), to.as_str());
    audit::record(&tx, tenant, actor, audit::action::IDEA_ANSWERED, &subject, &detail).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------
// The author edits or withdraws.

/// What an author changes of their idea; `None` keeps a field, an empty
/// category or district clears it.
#[derive(Debug, Default, Clone)]
pub struct IdeaChanges<'a> {
    pub title: Option<&'a str>,
    pub body: Option<&'a str>,
    pub category: Option<&'a str>,
    pub district: Option<&'a str>,
}

pub(crate) fn not_author(what: &str) -> AppError {
    AppError::forbidden("not_author", format!("only the author may change this {what}"))
}

fn window_closed(space: &Space) -> AppError {
    AppError::conflict(
        "edit_window_closed",
        match space.edit_window_hours {
            0 => "ideas in this space cannot be edited after they are posted".to_string(),
            hours => format!("ideas in this space can be edited for {hours} hours after they are posted"),
        },
    )
}

/// The idea its author is about to edit: 403 for anyone else, 409
/// `idea_withdrawn` once withdrawn, 409 `edit_window_closed` after the
/// space's edit window.
pub async fn editing(db: &Platform, tenant: TenantId, user: UserId, idea: IdeaId) -> Result<(Idea, Space), AppError> {
    let (record, space) = idea_and_space(db, tenant, idea).await?;
    if !record.is_by(user) {
        return Err(not_author("idea"));
    }
    closed(&record)?;
    if Timestamp::now().0 - record.created_at > space.edit_window_ms() {
        return Err(window_closed(&space));
    }
    Ok((record, space))
}

/// The author edits their idea within the edit window (see [`editing`]);
/// every problem of the new text is reported at once.
pub async fn edit_idea(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    idea: IdeaId,
    changes: &IdeaChanges<'_>,
) -> Result<Idea, AppError> {
    let (record, space) = editing(db, tenant, user, idea).await?;
    let proposal = Proposal {
        title: changes.title.unwrap_or(&record.title),
        body: changes.body.unwrap_or(&record.body),
        category: changes.category.or(record.category.as_deref()),
        district: changes.district.or(record.district.as_deref()),
        location: None,
    };
    let valid = check_proposal(&space, &proposal)?;
    let now = Timestamp::now();
    let ideas = Ideas::of(db, tenant);
    let stored = ideas
        .edit(
            idea,
            user,
            now.0 - space.edit_window_ms(),
            &IdeaEdit {
                title: &valid.title,
                body: &valid.body,
                category: valid.category.as_deref(),
                district: valid.district.as_deref(),
            },
            now,
        )
        .await?;
    if !stored {
        return Err(window_closed(&space));
    }
    ideas.get_public(idea).await?.ok_or(AppError::NotFound)
}

/// The author withdraws their idea while the city has not answered it
/// (published or under review); its followers hear of it in the same
/// commit, and supports are refused from then on.
pub async fn withdraw_idea(db: &Platform, tenant: TenantId, user: UserId, idea: IdeaId) -> Result<Idea, AppError> {
    let (record, _) = idea_and_space(db, tenant, idea).await?;
    if !record.is_by(user) {
        return Err(not_author("idea"));
    }
    closed(&record)?;
    let tx = db.begin().await?;
    if !Ideas::of(&tx, tenant).withdraw(idea, user, Timestamp::now()).await? {
        return Err(AppError::conflict(
            "cannot_withdraw",
            "an idea the city has answered can no longer be withdrawn",
        ));
    }
    crate::notifications::status_changed(&tx, tenant, Some(user), &record, IdeaStatus::Withdrawn.as_str()).await?;
    tx.commit().await?;
    Ideas::of(db, tenant).get_public(idea).await?.ok_or(AppError::NotFound)
}

// ---------------------------------------------------------------------------
// Exporting.

/// Where the next batch of an export starts.
#[derive(Debug, Clone)]
pub struct ExportCursor(SortCursor);

/// Ideas per export batch.
const EXPORT_BATCH: u32 = 500;

/// The space whose ideas staff export (drafts too: staff see them); 403 for
/// anyone else.
pub async fn exporting(
    db: &Platform,
    tenant: TenantId,
    role: civic_core::Role,
    space: SpaceId,
) -> Result<Space, AppError> {
    if !role.is_among(StaffRoles::Officials) {
        return Err(AppError::forbidden(
            "staff_only",
            "only the municipality's officials can export ideas",
        ));
    }
    Spaces::of(db, tenant).get(space).await?.ok_or(AppError::NotFound)
}

/// The next batch of a space's ideas for the export, newest first, read by
/// keyset so memory stays flat however many; an empty batch ends it.
pub async fn export_batch(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    after: Option<ExportCursor>,
) -> Result<(Vec<Idea>, Option<ExportCursor>), AppError> {
    let rows = Ideas::of(db, tenant)
        .list(
            space,
            &IdeaFilter {
                include_merged: true,
                ..IdeaFilter::default()
            },
            IdeaSort::Newest,
            0,
            after.map(|c| c.0),
            EXPORT_BATCH,
        )
        .await?;
    let next = (rows.len() == EXPORT_BATCH as usize)
        .then(|| {
            rows.last()
                .map(|i| ExportCursor(SortCursor::after(IdeaSort::Newest, 0, i)))
        })
        .flatten();
    Ok((rows, next))
}
