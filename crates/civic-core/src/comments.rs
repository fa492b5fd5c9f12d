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

/// Where a page of an idea's discussion threads starts: just after the
/// thread whose first comment had this score, time and id (keyset paging,
/// so a link stays right while comments are added). Written `s.t.i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadCursor {
    pub score: i64,
    pub created_at: i64,
    pub id: i64,
}

impl ThreadCursor {
    /// The cursor after `comment`, the last thread of a page.
    pub fn after(comment: &Comment) -> ThreadCursor {
        ThreadCursor {
            score: comment.score,
            created_at: comment.created_at,
            id: comment.id.0,
        }
    }

    pub fn encode(&self) -> String {
        format!("{}.{}.{}", self.score, self.created_at, self.id)
    }

    /// Absent or empty: the first page; anything but three numbers: 422.
    pub fn parse(raw: Option<&str>) -> Result<Option<ThreadCursor>, crate::Invalid> {
        let raw = raw.map(str::trim).unwrap_or("");
        if raw.is_empty() {
            return Ok(None);
        }
        let mut parts = raw.split('.').map(str::parse::<i64>);
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(Ok(score)), Some(Ok(created_at)), Some(Ok(id)), None) => {
                Ok(Some(ThreadCursor { score, created_at, id }))
            }
            _ => Err(crate::Invalid::new(
                "after",
                "invalid_cursor",
                "this link to more comments is damaged; open the idea again",
            )),
        }
    }
}

/// Discussion threads shown on one page of an idea.
pub const THREADS_PER_PAGE: u32 = 50;

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

#[cfg(test)]
mod cursor_tests {
    use super::ThreadCursor;

    #[test]
    fn a_thread_cursor_reads_back_what_it_wrote_and_refuses_the_rest() {
        let c = ThreadCursor {
            score: -2,
            created_at: 1_796_000_000_000,
            id: 42,
        };
        assert_eq!(ThreadCursor::parse(Some(&c.encode())).unwrap(), Some(c));
        assert_eq!(ThreadCursor::parse(None).unwrap(), None);
        assert_eq!(ThreadCursor::parse(Some(" ")).unwrap(), None);
        for bad in ["1.2", "1.2.3.4", "a.b.c", "1..3", "99999999999999999999.1.1"] {
            assert!(ThreadCursor::parse(Some(bad)).is_err(), "{bad}");
        }
    }
}
