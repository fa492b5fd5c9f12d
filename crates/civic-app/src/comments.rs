//! Comments on ideas: the discussion in threads, commenting and replying,
//! editing, deleting and rating.

use crate::ideas::{idea_and_space, not_author};
use crate::{AppError, Platform};
use civic_core::comments::{Comment, CommentActions, CommentOrder};
use civic_core::ideas::{self as rules, Alignment};
use civic_core::user::Principal;
use civic_core::{CommentId, IdeaId, Invalid, Problems, TenantId, Timestamp, UserId};
use civic_store::comments::{Comments, NewComment};
use std::collections::HashMap;

/// One comment of a discussion where it stands in its thread.
#[derive(Debug, Clone)]
pub struct CommentView {
    pub comment: Comment,
    /// Its depth as shown (a reply whose parent is not listed shows at 0).
    pub depth: usize,
    pub actions: CommentActions,
    /// The visitor's rating of it: 1, -1 or 0.
    pub my_vote: i64,
    /// How it shows to this viewer when the moderators hid it.
    pub visibility: civic_core::moderation::Visibility,
}

/// Comments (in one order within each level) arranged as threads: each
/// comment followed by its replies. A reply whose parent is not among them
/// is shown at the top level.
pub fn thread(comments: Vec<Comment>) -> Vec<CommentView> {
    let known: std::collections::HashSet<CommentId> = comments.iter().map(|c| c.id).collect();
    let mut children: HashMap<Option<CommentId>, Vec<Comment>> = HashMap::new();
    for c in comments {
        let parent = c.parent_id.filter(|p| known.contains(p));
        children.entry(parent).or_default().push(c);
    }
    let mut out = Vec::new();
    let mut stack: Vec<(Comment, usize)> = children
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|c| (c, 0))
        .collect();
    while let Some((comment, depth)) = stack.pop() {
        if let Some(replies) = children.remove(&Some(comment.id)) {
            stack.extend(replies.into_iter().rev().map(|r| (r, depth + 1)));
        }
        out.push(CommentView {
            comment,
            depth: depth.min(rules::MAX_COMMENT_DEPTH as usize),
            actions: CommentActions::default(),
            my_vote: 0,
            visibility: civic_core::moderation::Visibility::Shown,
        });
    }
    out
}

/// The comments of a public idea in `order` (the API's list).
pub async fn of_idea(
    db: &Platform,
    tenant: TenantId,
    idea: IdeaId,
    order: Option<&str>,
) -> Result<Vec<Comment>, AppError> {
    let order = CommentOrder::parse(order)?;
    idea_and_space(db, tenant, idea).await?;
    Ok(Comments::of(db, tenant)
        .for_idea_in(idea, order, crate::ideas::COMMENT_LIMIT)
        .await?)
}

#[derive(Debug, Default, Clone)]
pub struct NewCommentInput<'a> {
    pub body: &'a str,
    pub parent: Option<CommentId>,
    pub alignment: Option<&'a str>,
}

/// Comments on a public idea that is not withdrawn, in an open space. A
/// reply's parent must be a comment on the same idea, at most
/// `MAX_COMMENT_DEPTH` deep. The comment, and the notifications of the
/// idea's followers and of the author replied to, commit together.
pub async fn comment(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    idea: IdeaId,
    input: &NewCommentInput<'_>,
) -> Result<CommentId, AppError> {
    let (record, space) = idea_and_space(db, tenant, idea).await?;
    crate::ideas::closed(&record)?;
    crate::ideas::open_for(db, tenant, &space, author).await?;
    let mut problems = Problems::new();
    let body = problems.check(rules::comment_body(input.body));
    let alignment = problems.check(Alignment::parse(input.alignment));
    let comments = Comments::of(db, tenant);
    let parent = match input.parent {
        None => Some(None),
        Some(id) => {
            let place = comments.place(id).await?.filter(|p| p.idea_id == idea);
            problems.check(match place {
                None => Err(Invalid::new(
                    "parent_id",
                    "invalid_parent",
                    "the comment replied to is not a comment on this idea",
                )),
                Some(p) if p.depth >= rules::MAX_COMMENT_DEPTH => Err(Invalid::new(
                    "parent_id",
                    "too_deep",
                    "replies nest at most three levels deep; reply to an earlier comment instead",
                )),
                Some(p) => Ok(Some((p.id, p.author_id))),
            })
        }
    };
    let (Some(body), Some(alignment), Some(parent)) = (body, alignment, parent) else {
        return Err(problems.into());
    };
    crate::limits::content(db, tenant, author).await?;
    let screened = crate::moderation::screen(db, tenant, author, "body", &body).await?;
    let held = screened.verdict.decision == civic_core::screening::Decision::Hold;
    let tx = db.begin().await?;
    let id = Comments::of(&tx, tenant)
        .create(&NewComment {
            idea,
            parent: parent.map(|(p, _)| p),
            author: Some(author),
            body: &body,
            alignment: alignment.as_str(),
            created_at: Timestamp::now(),
        })
        .await?;
    crate::moderation::record_screened(
        &tx,
        tenant,
        author,
        civic_core::flags::FlaggedKind::Comment,
        id.0,
        &screened,
    )
    .await?;
    let parent_author = parent.and_then(|(_, a)| a).filter(|a| *a != author);
    // A comment held for the moderators tells nobody until it is released.
    if !held {
        crate::notifications::commented(&tx, tenant, author, &record, id, parent_author).await?;
    }
    tx.commit().await?;
    Ok(id)
}

fn comment_deleted() -> AppError {
    AppError::conflict("comment_deleted", "this comment was deleted")
}

/// A comment on a public idea, or 404.
pub async fn visible_comment(db: &Platform, tenant: TenantId, id: CommentId) -> Result<Comment, AppError> {
    let comments = Comments::of(db, tenant);
    let place = comments.place(id).await?.ok_or(AppError::NotFound)?;
    idea_and_space(db, tenant, place.idea_id).await?;
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
) -> Result<Comment, AppError> {
    let record = visible_comment(db, tenant, id).await?;
    if record.is_deleted() {
        return Err(comment_deleted());
    }
    if !record.is_by(user) {
        return Err(not_author("comment"));
    }
    let body = rules::comment_body(body)?;
    let comments = Comments::of(db, tenant);
    if !comments.edit(id, user, &body, Timestamp::now()).await? {
        return Err(comment_deleted());
    }
    comments.get(id).await?.ok_or(AppError::NotFound)
}

/// The author (or staff, moderating) deletes a comment: its text goes, its
/// replies stay. Deleting it again changes nothing. Answers the idea it
/// was on.
pub async fn delete_comment(
    db: &Platform,
    tenant: TenantId,
    who: &Principal,
    id: CommentId,
) -> Result<IdeaId, AppError> {
    let record = visible_comment(db, tenant, id).await?;
    if record.author_id != Some(who.user_id) && !who.is_staff() {
        return Err(not_author("comment"));
    }
    Comments::of(db, tenant).delete(id, Timestamp::now()).await?;
    Ok(record.idea_id)
}

/// A rating as stored: the comment's new score, and the idea it is on.
#[derive(Debug, Clone, Copy)]
pub struct Rated {
    pub score: i64,
    pub idea: IdeaId,
}

/// Sets this person's rating of a comment (1, -1, or 0 to take it back).
/// Nobody rates their own comment.
pub async fn vote_comment(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    id: CommentId,
    value: i64,
) -> Result<Rated, AppError> {
    if !(-1..=1).contains(&value) {
        return Err(Invalid::new("value", "invalid_vote", "a vote is 1 (up), -1 (down) or 0 (none)").into());
    }
    let record = visible_comment(db, tenant, id).await?;
    if record.is_deleted() {
        return Err(comment_deleted());
    }
    if record.is_by(user) {
        return Err(AppError::conflict("own_comment", "you cannot rate your own comment"));
    }
    let score = Comments::of(db, tenant)
        .vote(id, user, value, Timestamp::now())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Rated {
        score,
        idea: record.idea_id,
    })
}
