//! Comments on ideas: threads of replies, with a score.

use crate::{CommentId, Role, UserId};

/// The orders of an idea's discussion (within each level of a thread).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CommentOrder {
    /// Oldest first.
    #[default]
    Oldest,
    /// Highest score first, then oldest.
    Best,
    /// Newest first.
    Newest,
}

impl CommentOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentOrder::Oldest => "oldest",
            CommentOrder::Best => "best",
            CommentOrder::Newest => "newest",
        }
    }

    /// `best`, `newest` or `oldest`; absent or empty: oldest.
    pub fn parse(raw: Option<&str>) -> Result<CommentOrder, crate::Invalid> {
        match raw.map(str::trim).unwrap_or("") {
            "" | "oldest" => Ok(CommentOrder::Oldest),
            "best" => Ok(CommentOrder::Best),
            "newest" => Ok(CommentOrder::Newest),
            _ => Err(crate::Invalid::new(
                "sort",
                "invalid_sort",
                "comments sort by best, newest or oldest",
            )),
        }
    }
}

/// A comment as stored, with its author's name and role.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Comment {
    pub id: CommentId,
    pub idea_id: crate::IdeaId,
    pub parent_id: Option<CommentId>,
    /// 0 for a comment on the idea, 1 for a reply to one, and so on.
    pub depth: i64,
    pub body: String,
    pub alignment: String,
    pub created_at: i64,
    pub author_name: Option<String>,
    pub author_role: Option<Role>,
    pub author_id: Option<UserId>,
    /// When its author last edited it; `None`: never.
    pub edited_at: Option<i64>,
    /// When it was deleted; its text is gone, its replies stay.
    pub deleted_at: Option<i64>,
    /// Up votes minus down votes.
    pub score: i64,
    /// Hidden or held by the moderators (`None`: shown to everyone).
    pub moderation: Option<crate::moderation::ModerationState>,
    /// The moderators' public reason, when they gave one.
    pub moderation_reason: Option<String>,
}

impl Comment {
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    /// Written by `user` (and not deleted).
    pub fn is_by(&self, user: UserId) -> bool {
        !self.is_deleted() && self.author_id == Some(user)
    }
}

/// What a visitor may do with one comment now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommentActions {
    /// Reply under it (the discussion is open and the thread not too deep).
    pub reply: bool,
    /// Edit it: its author.
    pub edit: bool,
    /// Delete it: its author, or staff moderating.
    pub delete: bool,
    /// Rate it: anyone signed in but its author.
    pub vote: bool,
}

impl CommentActions {
    pub fn of(comment: &Comment, discussion_open: bool, viewer: Option<&crate::user::Principal>) -> Self {
        let mine = viewer.is_some_and(|v| comment.is_by(v.user_id));
        let live = !comment.is_deleted();
        CommentActions {
            reply: discussion_open && comment.depth < crate::ideas::MAX_COMMENT_DEPTH,
            edit: mine,
            delete: live && (mine || viewer.is_some_and(|v| v.is_staff())),
            vote: live && viewer.is_some() && !mine,
        }
    }
}
