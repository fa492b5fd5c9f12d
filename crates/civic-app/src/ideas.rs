//! Ideas: the pages of a space's list (shared by the HTML page and the API
//! so both page alike), and the use cases of taking part: proposing,
//! supporting, commenting, the city's answers, the review queue, search.

use crate::AppError;
use crate::Platform;
use civic_core::ideas::{self as rules, Alignment, IdeaStatus};
use civic_core::{CommentId, IdeaId, Invalid, Problems, Role, SpaceId, TenantId, Timestamp, UserId};
use civic_store::comments::{CommentOrder, CommentRecord, Comments, NewComment};
use civic_store::ideas::{
    IdeaCursor, IdeaEdit, IdeaFilter, IdeaRecord, IdeaSort, Ideas, NewIdea, SHUFFLE_RANGE, SortCursor,
};
use civic_store::search::Search;
use civic_store::spaces::{SpaceRecord, Spaces};

pub const PAGE_SIZE: u32 = 20;

/// One page of a list and where the next one starts.
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// A public space and one page of its ideas, newest first. A cursor that was
/// not made by us is `AppError::BadRequest`; a space that is not public (or
/// is another tenant's) is `NotFound`.
pub async fn page_in_space(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    cursor: Option<&str>,
) -> Result<(SpaceRecord, Page<IdeaRecord>), AppError> {
    let cursor = match cursor {
        None | Some("") => None,
        Some(raw) => Some(IdeaCursor::decode(raw).ok_or_else(|| {
            AppError::BadRequest("this page link is not valid; use the link to the next page as given".into())
        })?),
    };
    let space = Spaces::of(db, tenant)
        .get_public(space)
        .await?
        .ok_or(AppError::NotFound)?;
    // One more than a page tells whether another page follows.
    let mut items = Ideas::of(db, tenant)
        .list_in_space(space.space_id(), cursor, PAGE_SIZE + 1)
        .await?;
    let next_cursor = if items.len() > PAGE_SIZE as usize {
        items.truncate(PAGE_SIZE as usize);
        items.last().map(|i| {
            IdeaCursor {
                created_at: i.created_at,
                id: i.id,
            }
            .encode()
        })
    } else {
        None
    };
    Ok((space, Page { items, next_cursor }))
}

// ---------------------------------------------------------------------------
// Writing: proposing, supporting, commenting, answering; and search.

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
pub fn check_proposal(space: &SpaceRecord, p: &Proposal<'_>) -> Result<ValidProposal, Problems> {
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

use crate::spaces::{may_take_part, module_on, space_closed};

fn idea_withdrawn() -> AppError {
    AppError::conflict("idea_withdrawn", "this idea was withdrawn by its author")
}

/// A public space open for new ideas: 404 when not public, 409
/// `space_closed` when closed (or outside its dates), 409 `module_off`
/// when ideas are switched off, 409 `verification_unavailable` when only
/// verified residents may take part.
pub async fn open_space(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<SpaceRecord, AppError> {
    let space = crate::spaces::open_space(db, tenant, space, "ideas").await?;
    may_take_part(&space)?;
    Ok(space)
}

/// Taking part in an idea's space: open, ideas on, anyone may take part.
fn may_act_in(space: &SpaceRecord) -> Result<(), AppError> {
    if !space.is_open(Timestamp::now()) {
        return Err(space_closed());
    }
    module_on(space, "ideas")?;
    may_take_part(space)
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
) -> Result<Vec<civic_store::search::SimilarIdea>, AppError> {
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

/// Proposes an idea in an open space; the new idea is published at once.
pub async fn propose(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    space: SpaceId,
    proposal: &Proposal<'_>,
) -> Result<IdeaRecord, AppError> {
    let space = open_space(db, tenant, space).await?;
    let valid = check_proposal(&space, proposal).map_err(AppError::Invalid)?;
    limit_content(db, tenant, author).await?;
    let ideas = Ideas::of(db, tenant);
    let id = ideas
        .create(&NewIdea {
            space: space.space_id(),
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
    let idea = ideas.get_public(id).await?.ok_or(AppError::NotFound)?;
    crate::notifications::auto_follow(db, tenant, author, id).await?;
    crate::notifications::idea_proposed(db, tenant, &idea).await;
    Ok(idea)
}

/// A public idea and its space, or 404.
pub async fn idea_and_space(
    db: &Platform,
    tenant: TenantId,
    idea: IdeaId,
) -> Result<(IdeaRecord, SpaceRecord), AppError> {
    let record = Ideas::of(db, tenant)
        .get_public(idea)
        .await?
        .ok_or(AppError::NotFound)?;
    let space = Spaces::of(db, tenant)
        .get_public(SpaceId(record.space_id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((record, space))
}

/// Where a support stands after a change.
#[derive(Debug, Clone)]
pub struct SupportState {
    pub supported: bool,
    /// True when this call stored or removed a support (false: it already was so).
    pub changed: bool,
    pub support_count: i64,
    pub status: String,
}

/// Supports an idea (`support`) or withdraws the support; repeating either
/// changes nothing. Refused while the idea is withdrawn or its space is not
/// open.
pub async fn set_support(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    idea: IdeaId,
    support: bool,
) -> Result<SupportState, AppError> {
    let (record, space) = idea_and_space(db, tenant, idea).await?;
    if record.status == IdeaStatus::Withdrawn.as_str() {
        return Err(idea_withdrawn());
    }
    may_act_in(&space)?;
    let ideas = Ideas::of(db, tenant);
    let (changed, reached) = if support {
        let done = ideas.support_reaching(idea, user, Timestamp::now()).await?;
        (done.stored, done.reached_threshold)
    } else {
        (ideas.withdraw_support(idea, user).await?, false)
    };
    // A new support's author follows the idea (stored with the support).
    let after = ideas.get_public(idea).await?.ok_or(AppError::NotFound)?;
    if reached {
        crate::notifications::threshold_reached(db, tenant, &after).await;
    }
    Ok(SupportState {
        supported: support,
        changed,
        support_count: after.support_count,
        status: after.status,
    })
}

/// A comment someone wrote.
#[derive(Debug, Default, Clone)]
pub struct NewCommentInput<'a> {
    pub body: &'a str,
    pub parent: Option<i64>,
    pub alignment: Option<&'a str>,
}

/// Comments on a public idea that is not withdrawn. A reply's parent must be
/// a comment on the same idea, at most `MAX_COMMENT_DEPTH` deep.
pub async fn comment(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    idea: IdeaId,
    input: &NewCommentInput<'_>,
) -> Result<CommentId, AppError> {
    let (record, space) = idea_and_space(db, tenant, idea).await?;
    if record.status == IdeaStatus::Withdrawn.as_str() {
        return Err(idea_withdrawn());
    }
    may_act_in(&space)?;
    let body = rules::comment_body(input.body)?;
    let alignment = Alignment::parse(input.alignment)?;
    limit_content(db, tenant, author).await?;
    let comments = Comments::of(db, tenant);
    let parent = match input.parent {
        None => None,
        Some(id) => {
            let place = comments
                .place(CommentId(id))
                .await?
                .filter(|p| p.idea_id == idea.0)
                .ok_or_else(|| {
                    Invalid::new(
                        "parent_id",
                        "invalid_parent",
                        "the comment replied to is not a comment on this idea",
                    )
                })?;
            if place.depth >= rules::MAX_COMMENT_DEPTH {
                return Err(Invalid::new(
                    "parent_id",
                    "too_deep",
                    "replies nest at most three levels deep; reply to an earlier comment instead",
                )
                .into());
            }
            Some((CommentId(place.id), place.author_id.map(UserId)))
        }
    };
    let id = comments
        .create(&NewComment {
            idea,
            parent: parent.map(|(p, _)| p),
            author: Some(author),
            body: &body,
            alignment: alignment.as_str(),
            created_at: Timestamp::now(),
        })
        .await?;
    let parent_author = parent.and_then(|(_, a)| a).filter(|a| *a != author);
    crate::notifications::commented(db, tenant, author, &record, id, parent_author).await;
    Ok(id)
}

/// Officials and administrators speak for the city.
/// Ideas and comments count against one allowance per account.
async fn limit_content(db: &Platform, tenant: TenantId, author: UserId) -> Result<(), AppError> {
    crate::limits::check(
        db,
        tenant,
        crate::limits::Limit::ContentByAccount,
        &format!("user{}", author.0),
    )
    .await
}

pub fn may_answer(role: Role) -> bool {
    matches!(role, Role::Official | Role::Admin)
}

/// The city's answer: moves the idea along its status machine and records
/// the text with the answering role. A move the machine does not allow (or
/// that someone else made first) is 409 `invalid_transition`.
pub async fn answer(
    db: &Platform,
    tenant: TenantId,
    actor: &crate::audit::Actor,
    role: Role,
    idea: IdeaId,
    status: &str,
    text: &str,
) -> Result<(), AppError> {
    let (record, _) = idea_and_space(db, tenant, idea).await?;
    let to = IdeaStatus::parse(status)
        .filter(|s| *s != IdeaStatus::Published && *s != IdeaStatus::Withdrawn)
        .ok_or_else(|| {
            Invalid::new(
                "status",
                "invalid_status",
                "status is one of under_review, accepted, rejected, in_progress, implemented",
            )
        })?;
    let text = rules::answer_text(text)?;
    let from = IdeaStatus::parse(&record.status).unwrap_or(IdeaStatus::Withdrawn);
    let refused = || {
        AppError::conflict(
            "invalid_transition",
            format!("an idea that is {} cannot move to {}", from.as_str(), to.as_str()),
        )
    };
    if !from.can_answer_to(to) {
        return Err(refused());
    }
    let moved = Ideas::of(db, tenant)
        .answer_from(idea, from.as_str(), to.as_str(), &text, role.as_str(), Timestamp::now())
        .await?;
    if !moved {
        return Err(refused());
    }
    crate::notifications::status_changed(db, tenant, actor.user_id, &record, to.as_str()).await;
    let subject = format!("idea {}: {}", idea.0, record.title);
    let detail = format!("{} → {}", from.as_str(), to.as_str());
    crate::audit::record(
        db,
        tenant,
        actor,
        crate::audit::action::IDEA_ANSWERED,
        &subject,
        &detail,
    )
    .await
}

/// Ideas waiting for the city's first answer, oldest first.
pub async fn review_queue(db: &Platform, tenant: TenantId) -> Result<Vec<IdeaRecord>, AppError> {
    Ok(Ideas::of(db, tenant).review_queue(200).await?)
}

pub const SEARCH_MAX_QUERY: usize = 200;
pub const SEARCH_MAX_LIMIT: u32 = 50;

/// One search result, its excerpt as safe HTML (escaped, matches in `<mark>`).
#[derive(Debug, Clone)]
pub struct SearchResult {
    pub kind: String,
    pub idea_id: i64,
    pub comment_id: Option<i64>,
    pub title: String,
    pub snippet_html: String,
    pub created_at: i64,
}

/// Searches the tenant's visible ideas and comments. The query has 1 to 200
/// characters with at least one letter or digit; `limit` is 1 to 50
/// (default 20); `cursor` is a `next_cursor` of an earlier page.
pub async fn search(
    db: &Platform,
    tenant: TenantId,
    q: &str,
    limit: Option<u32>,
    cursor: Option<&str>,
) -> Result<Page<SearchResult>, AppError> {
    let q = q.trim();
    let terms = civic_core::text::search_terms(q);
    if q.chars().count() > SEARCH_MAX_QUERY || terms.is_empty() {
        return Err(Invalid::new(
            "q",
            "invalid_query",
            format!("a search has 1 to {SEARCH_MAX_QUERY} characters, with at least one letter or digit"),
        )
        .into());
    }
    let limit = limit.unwrap_or(PAGE_SIZE).clamp(1, SEARCH_MAX_LIMIT);
    let offset = match cursor {
        None | Some("") => 0,
        Some(raw) => raw.parse::<u32>().ok().filter(|o| *o <= 10_000).ok_or_else(|| {
            AppError::BadRequest("this page link is not valid; use the link to the next page as given".into())
        })?,
    };
    let mut hits = Search::of(db, tenant).query(&terms, limit + 1, offset).await?;
    let next_cursor = (hits.len() > limit as usize).then(|| (offset + limit).to_string());
    hits.truncate(limit as usize);
    Ok(Page {
        items: hits
            .into_iter()
            .map(|h| {
                let text = if h.kind == "idea" {
                    format!("{}\n{}", h.title, h.body)
                } else {
                    h.body.clone()
                };
                SearchResult {
                    comment_id: (h.kind == "comment").then_some(h.ref_id),
                    snippet_html: civic_core::text::highlight(&text, &terms, 30),
                    kind: h.kind,
                    idea_id: h.idea_id,
                    title: h.title,
                    created_at: h.created_at,
                }
            })
            .collect(),
        next_cursor,
    })
}

// ---------------------------------------------------------------------------
// Lists with filters and sorts; editing and withdrawing; comments edited,
// deleted and voted on.

/// What a list of a space's ideas asks for, as typed (query parameters).
#[derive(Debug, Default, Clone)]
pub struct ListParams<'a> {
    pub sort: Option<&'a str>,
    pub status: Option<&'a str>,
    pub category: Option<&'a str>,
    pub district: Option<&'a str>,
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

fn bad_cursor() -> AppError {
    AppError::BadRequest("this page link is not valid; use the link to the next page as given".into())
}

/// One page of a public space's ideas, filtered and sorted. An unknown sort
/// or status is 422; a cursor we did not make, or made for another order,
/// is 400.
fn given(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

pub async fn list_in_space(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    params: &ListParams<'_>,
) -> Result<(SpaceRecord, Page<IdeaRecord>, ListState), AppError> {
    let sort = match given(params.sort) {
        None => IdeaSort::Newest,
        Some(raw) => IdeaSort::parse(raw).ok_or_else(|| {
            Invalid::new(
                "sort",
                "invalid_sort",
                "sort is one of newest, supported, commented, random",
            )
        })?,
    };
    let status = match given(params.status) {
        None => None,
        Some(raw) => Some(IdeaStatus::parse(raw).ok_or_else(|| {
            Invalid::new(
                "status",
                "invalid_status",
                "status is one of published, under_review, accepted, rejected, in_progress, implemented, withdrawn",
            )
        })?),
    };
    let category = rules::label("category", params.category, &[])?;
    let district = rules::label("district", params.district, &[])?;
    let cursor = match given(params.cursor) {
        None => None,
        Some(raw) => Some(
            SortCursor::decode(raw)
                .filter(|c| c.sort == sort)
                .ok_or_else(bad_cursor)?,
        ),
    };
    let seed = match (cursor, given(params.seed)) {
        (Some(c), _) => c.seed,
        (None, Some(raw)) => raw
            .parse::<i64>()
            .ok()
            .filter(|s| (0..=SHUFFLE_RANGE).contains(s))
            .ok_or_else(|| {
                Invalid::new(
                    "seed",
                    "invalid_seed",
                    format!("seed is a number from 0 to {SHUFFLE_RANGE}"),
                )
            })?,
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
    };
    let mut items = Ideas::of(db, tenant)
        .list(space.space_id(), &filter, sort, seed, cursor, PAGE_SIZE + 1)
        .await?;
    let next_cursor = if items.len() > PAGE_SIZE as usize {
        items.truncate(PAGE_SIZE as usize);
        items.last().map(|i| SortCursor::after(sort, seed, i).encode())
    } else {
        None
    };
    Ok((space, Page { items, next_cursor }, ListState { sort, seed }))
}

/// What an author changes of their idea; `None` keeps a field, an empty
/// category or district clears it.
#[derive(Debug, Default, Clone)]
pub struct IdeaChanges<'a> {
    pub title: Option<&'a str>,
    pub body: Option<&'a str>,
    pub category: Option<&'a str>,
    pub district: Option<&'a str>,
}

fn not_author(what: &str) -> AppError {
    AppError::forbidden("not_author", format!("only the author may change this {what}"))
}

fn window_closed(space: &SpaceRecord) -> AppError {
    AppError::conflict(
        "edit_window_closed",
        match space.edit_window_hours {
            0 => "ideas in this space cannot be edited after they are posted".to_string(),
            hours => format!("ideas in this space can be edited for {hours} hours after they are posted"),
        },
    )
}

/// Whether the author may still edit the idea now, within its space's window.
pub fn editable(idea: &IdeaRecord, space: &SpaceRecord, user: Option<UserId>, now: Timestamp) -> bool {
    user.is_some_and(|u| idea.author_id == Some(u.0))
        && idea.status != IdeaStatus::Withdrawn.as_str()
        && now.0 - idea.created_at <= space.edit_window_ms()
}

/// The author edits their idea within the edit window: 403 for anyone
/// else, 409 `edit_window_closed` after it, 409 `idea_withdrawn` once
/// withdrawn, 422 for a field the proposal rules refuse.
pub async fn edit_idea(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    idea: IdeaId,
    changes: &IdeaChanges<'_>,
) -> Result<IdeaRecord, AppError> {
    let (record, space) = idea_and_space(db, tenant, idea).await?;
    if record.author_id != Some(user.0) {
        return Err(not_author("idea"));
    }
    if record.status == IdeaStatus::Withdrawn.as_str() {
        return Err(idea_withdrawn());
    }
    let now = Timestamp::now();
    if now.0 - record.created_at > space.edit_window_ms() {
        return Err(window_closed(&space));
    }
    let proposal = Proposal {
        title: changes.title.unwrap_or(&record.title),
        body: changes.body.unwrap_or(&record.body),
        category: changes.category.or(record.category.as_deref()),
        district: changes.district.or(record.district.as_deref()),
        location: None,
    };
    let valid = check_proposal(&space, &proposal).map_err(AppError::Invalid)?;
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
/// (published or under review); supports are refused from then on.
pub async fn withdraw_idea(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    idea: IdeaId,
) -> Result<IdeaRecord, AppError> {
    let (record, _) = idea_and_space(db, tenant, idea).await?;
    if record.author_id != Some(user.0) {
        return Err(not_author("idea"));
    }
    if record.status == IdeaStatus::Withdrawn.as_str() {
        return Err(idea_withdrawn());
    }
    let ideas = Ideas::of(db, tenant);
    if !ideas.withdraw(idea, user, Timestamp::now()).await? {
        return Err(AppError::conflict(
            "cannot_withdraw",
            "an idea the city has answered can no longer be withdrawn",
        ));
    }
    crate::notifications::status_changed(db, tenant, Some(user), &record, IdeaStatus::Withdrawn.as_str()).await;
    ideas.get_public(idea).await?.ok_or(AppError::NotFound)
}

fn comment_deleted() -> AppError {
    AppError::conflict("comment_deleted", "this comment was deleted")
}

/// A comment on a public idea, or 404.
pub async fn visible_comment(db: &Platform, tenant: TenantId, id: CommentId) -> Result<CommentRecord, AppError> {
    let comments = Comments::of(db, tenant);
    let place = comments.place(id).await?.ok_or(AppError::NotFound)?;
    idea_and_space(db, tenant, IdeaId(place.idea_id)).await?;
    comments.get(id).await?.ok_or(AppError::NotFound)
}

/// The author edits their comment (shown as edited): 403 for anyone else,
/// 409 `comment_deleted` once deleted.
pub async fn edit_comment(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    id: CommentId,
    body: &str,
) -> Result<CommentRecord, AppError> {
    let record = visible_comment(db, tenant, id).await?;
    if record.author_id != Some(user.0) {
        return Err(not_author("comment"));
    }
    if record.deleted_at.is_some() {
        return Err(comment_deleted());
    }
    let body = rules::comment_body(body)?;
    let comments = Comments::of(db, tenant);
    if !comments.edit(id, user, &body, Timestamp::now()).await? {
        return Err(comment_deleted());
    }
    comments.get(id).await?.ok_or(AppError::NotFound)
}

/// The author (or staff, moderating) deletes a comment: its text goes, its
/// replies stay. Deleting it again changes nothing. The idea it was on.
pub async fn delete_comment(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    role: Role,
    id: CommentId,
) -> Result<IdeaId, AppError> {
    let record = visible_comment(db, tenant, id).await?;
    if record.author_id != Some(user.0) && !role.is_staff() {
        return Err(not_author("comment"));
    }
    let comments = Comments::of(db, tenant);
    comments.delete(id, Timestamp::now()).await?;
    let place = comments.place(id).await?.ok_or(AppError::NotFound)?;
    Ok(IdeaId(place.idea_id))
}

/// Sets this person's vote on a comment (1, -1, or 0 to take it back); the
/// new score.
pub async fn vote_comment(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    id: CommentId,
    value: i64,
) -> Result<i64, AppError> {
    if !(-1..=1).contains(&value) {
        return Err(Invalid::new("value", "invalid_vote", "a vote is 1 (up), -1 (down) or 0 (none)").into());
    }
    let record = visible_comment(db, tenant, id).await?;
    if record.deleted_at.is_some() {
        return Err(comment_deleted());
    }
    Comments::of(db, tenant)
        .vote(id, user, value, Timestamp::now())
        .await?
        .ok_or(AppError::NotFound)
}

/// `best`, `newest` or `oldest` (absent: oldest); anything else is 422.
pub fn comment_order(raw: Option<&str>) -> Result<CommentOrder, AppError> {
    match raw.map(str::trim).unwrap_or("") {
        "" | "oldest" => Ok(CommentOrder::Oldest),
        "best" => Ok(CommentOrder::Best),
        "newest" => Ok(CommentOrder::Newest),
        _ => Err(Invalid::new("sort", "invalid_sort", "comments sort by best, newest or oldest").into()),
    }
}
