//! Ideas posted in spaces, their supports and the city's answers.

use crate::{Db, StoreError};
// Dynamic SQL here is only ever constant fragments joined by format!; every
// value is bound.
use civic_core::{IdeaId, SpaceId, TenantId, Timestamp, UserId};
use sqlx::AssertSqlSafe;

pub use civic_core::ideas::{Answer as AnswerRecord, Idea as IdeaRecord};

pub struct NewIdea<'a> {
    pub space: SpaceId,
    pub author: Option<UserId>,
    pub title: &'a str,
    pub body: &'a str,
    pub status: &'a str,
    pub category: Option<&'a str>,
    pub district: Option<&'a str>,
    pub location: Option<(f64, f64)>,
    pub created_at: Timestamp,
}

/// Where a page of a newest-first list starts: after this (created_at, id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdeaCursor {
    pub created_at: i64,
    pub id: i64,
}

impl IdeaCursor {
    /// Opaque to clients: `<created_at>.<id>`.
    pub fn encode(self) -> String {
        format!("{}.{}", self.created_at, self.id)
    }

    pub fn decode(raw: &str) -> Option<IdeaCursor> {
        let (created_at, id) = raw.split_once('.')?;
        Some(IdeaCursor {
            created_at: created_at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

const SELECT: &str = "SELECT i.id, i.space_id, i.title, i.body, i.status, i.category, i.district, i.latitude, i.longitude, \
     i.support_count, i.comment_count, i.created_at, u.display_name AS author_name, i.author_id, i.edited_at, i.shuffle_key, \
     m.state AS moderation, m.reason AS moderation_reason, i.merged_into \
     FROM ideas i LEFT JOIN users u ON u.tenant_id = i.tenant_id AND u.id = i.author_id \
     LEFT JOIN moderated_items m ON m.tenant_id = i.tenant_id AND m.item_type = 'idea' AND m.item_id = i.id \
     AND m.state <> 'restored'";

/// The ideas of one tenant.
/// What a support did.
#[derive(Debug, Clone, Copy)]
pub struct Supported {
    /// A new support was stored (false: it already was).
    pub stored: bool,
    /// It moved the idea to `under_review`.
    pub reached_threshold: bool,
}

pub struct Ideas<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Ideas<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Ideas { db, tenant }
    }

    pub async fn create(&self, new: &NewIdea<'_>) -> Result<IdeaId, StoreError> {
        // sqlx 0.9's Any driver sends a NULL `f64` to PostgreSQL as a float4
        // parameter, and the statement cached with that type then refuses a
        // real f64. So a missing location is written as literal NULLs, in a
        // statement of its own.
        let tail = if new.location.is_some() {
            "$9, $10, $11, $11, $12, $13"
        } else {
            "NULL, NULL, $9, $9, $10, $11"
        };
        let sql = format!(
            "INSERT INTO ideas (tenant_id, space_id, author_id, title, body, status, category, district, latitude, longitude, created_at, updated_at, search_text, shuffle_key) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, {tail}) RETURNING id"
        );
        let mut query = sqlx::query_scalar(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(new.space.0)
            .bind(new.author.map(|a| a.0))
            .bind(new.title)
            .bind(new.body)
            .bind(new.status)
            .bind(new.category)
            .bind(new.district);
        if let Some((latitude, longitude)) = new.location {
            query = query.bind(latitude).bind(longitude);
        }
        let id: i64 = query
            .bind(new.created_at.0)
            .bind(civic_core::text::search_form(&format!("{}\n{}", new.title, new.body)))
            .bind(shuffle_key())
            .fetch_one(&mut *self.db.writer().await?)
            .await?;
        Ok(IdeaId(id))
    }

    /// One page of a space's ideas, newest first, resuming after `after`
    /// (keyset pagination: as fast on page 500 as on page 1).
    pub async fn list_in_space(
        &self,
        space: SpaceId,
        after: Option<IdeaCursor>,
        limit: u32,
    ) -> Result<Vec<IdeaRecord>, StoreError> {
        let (created_at, id) = after.map_or((i64::MAX, i64::MAX), |c| (c.created_at, c.id));
        let sql = format!(
            "{SELECT} WHERE i.tenant_id = $1 AND i.space_id = $2 \
             AND (i.created_at < $3 OR (i.created_at = $3 AND i.id < $4)) \
             ORDER BY i.created_at DESC, i.id DESC LIMIT $5"
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(space.0)
            .bind(created_at)
            .bind(id)
            .bind(i64::from(limit))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// The tenant's newest ideas in spaces visitors may see.
    pub async fn latest_public(&self, limit: u32) -> Result<Vec<IdeaRecord>, StoreError> {
        let sql = format!(
            "{SELECT} JOIN spaces s ON s.tenant_id = i.tenant_id AND s.id = i.space_id \
             WHERE i.tenant_id = $1 AND s.status IN ('published', 'closed') AND i.status <> 'merged' \
             ORDER BY i.created_at DESC, i.id DESC LIMIT $2"
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(i64::from(limit))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// An idea in a space visitors may see; anything else is `None`.
    pub async fn get_public(&self, id: IdeaId) -> Result<Option<IdeaRecord>, StoreError> {
        let sql = format!(
            "{SELECT} JOIN spaces s ON s.tenant_id = i.tenant_id AND s.id = i.space_id \
             WHERE i.tenant_id = $1 AND i.id = $2 AND s.status IN {}",
            crate::spaces::VISIBLE
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(id.0)
            .fetch_optional(&mut *self.db.reader().await?)
            .await?)
    }

    /// Records a support; the unique key makes a repeated support a no-op.
    /// The count moves in the same transaction as the row, so the two never
    /// disagree; a published idea that reaches its space's threshold moves to
    /// `under_review` in that transaction too. True when a new support was
    /// stored.
    pub async fn support(&self, idea: IdeaId, user: UserId, at: Timestamp) -> Result<bool, StoreError> {
        Ok(self.support_reaching(idea, user, at).await?.stored)
    }

    /// [`support`](Self::support), telling also whether this support moved
    /// the idea to `under_review` (exactly one support does). A new support
    /// makes its author follow the idea. The row and its count in one
    /// commit; [`support_to_count`](Self::support_to_count) is the other way.
    pub async fn support_reaching(&self, idea: IdeaId, user: UserId, at: Timestamp) -> Result<Supported, StoreError> {
        let mut reached = false;
        let mut tx = self.db.unit().await?;
        // The row is updated below anyway: taking it now costs no waiting.
        let lock = IdeaLock::ForUpdate.clause(self.db.backend());
        let inserted = insert_support(&mut tx, self.tenant, idea, user, at, lock).await?;
        if inserted {
            sqlx::query("UPDATE ideas SET support_count = support_count + 1 WHERE tenant_id = $1 AND id = $2")
                .bind(self.tenant.0)
                .bind(idea.0)
                .execute(&mut *tx)
                .await?;
            reached = reach_threshold(&mut tx, self.tenant, idea, at).await?;
        }
        tx.commit().await?;
        Ok(Supported {
            stored: inserted,
            reached_threshold: reached,
        })
    }

    /// Stores the support row and its author's follow of the idea, and
    /// leaves the count to [`count_waiting`](Self::count_waiting): the
    /// support is noted in `uncounted_supports` in the same commit. True
    /// when the support is new.
    ///
    /// Why apart from the count (ADR 0003): every support of an idea
    /// updates the idea's row, and a row stays locked until its transaction
    /// is committed, on PostgreSQL until the commit is on disk. Counting in
    /// the support's own transaction let one support of a popular idea
    /// through per disk flush. Rows of different supporters never wait for
    /// each other.
    pub async fn support_to_count(&self, idea: IdeaId, user: UserId, at: Timestamp) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        // Shared: supporters of one idea do not wait for each other.
        let lock = IdeaLock::Shared.clause(self.db.backend());
        let inserted = insert_support(&mut tx, self.tenant, idea, user, at, lock).await?;
        if inserted {
            sqlx::query(
                "INSERT INTO uncounted_supports (tenant_id, idea_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(self.tenant.0)
            .bind(idea.0)
            .bind(user.0)
            .bind(at.0)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(inserted)
    }

    /// Adds the idea's uncounted supports to its count and moves a
    /// published idea that reaches its space's threshold to `under_review`
    /// (PostgreSQL only: it takes the idea's row with `SKIP LOCKED`).
    /// `None` when another transaction holds the row: that one, or the next,
    /// counts them. `Some(true)` when this call moved the idea, which
    /// exactly one call does. The uncounted rows go and the count moves in
    /// one statement, so a support is counted once whatever fails.
    pub async fn count_waiting(&self, idea: IdeaId, at: Timestamp) -> Result<Option<bool>, StoreError> {
        let mut conn = self.db.writer().await?;
        let counted: Option<i64> = sqlx::query_scalar(
            "WITH taken AS (SELECT id FROM ideas WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE SKIP LOCKED), \
             gone AS (DELETE FROM uncounted_supports u WHERE u.tenant_id = $1 AND u.idea_id = $2 \
                      AND EXISTS (SELECT 1 FROM taken) RETURNING 1) \
             UPDATE ideas SET support_count = support_count + (SELECT COUNT(*) FROM gone) \
             WHERE tenant_id = $1 AND id IN (SELECT id FROM taken) RETURNING support_count",
        )
        .bind(self.tenant.0)
        .bind(idea.0)
        .fetch_optional(&mut *conn)
        .await?;
        if counted.is_none() {
            return Ok(None);
        }
        Ok(Some(reach_threshold(&mut conn, self.tenant, idea, at).await?))
    }

    /// Withdraws a support; true when there was one. A support not yet
    /// counted only leaves `uncounted_supports`; a counted one is counted
    /// down.
    pub async fn withdraw_support(&self, idea: IdeaId, user: UserId) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        // A merge of this idea waits for the withdrawal, or the withdrawal
        // for the merge (and then finds the support moved): a withdrawn
        // support is never copied to the kept idea.
        let lock = IdeaLock::Shared.clause(self.db.backend());
        if !lock.is_empty() {
            let sql = format!("SELECT id FROM ideas WHERE tenant_id = $1 AND id = $2{lock}");
            sqlx::query(AssertSqlSafe(sql))
                .bind(self.tenant.0)
                .bind(idea.0)
                .fetch_optional(&mut *tx)
                .await?;
        }
        let deleted = sqlx::query("DELETE FROM supports WHERE tenant_id = $1 AND idea_id = $2 AND user_id = $3")
            .bind(self.tenant.0)
            .bind(idea.0)
            .bind(user.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if deleted == 1 {
            let uncounted =
                sqlx::query("DELETE FROM uncounted_supports WHERE tenant_id = $1 AND idea_id = $2 AND user_id = $3")
                    .bind(self.tenant.0)
                    .bind(idea.0)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            if uncounted == 0 {
                sqlx::query("UPDATE ideas SET support_count = support_count - 1 WHERE tenant_id = $1 AND id = $2")
                    .bind(self.tenant.0)
                    .bind(idea.0)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(deleted == 1)
    }

    /// Whether this account supports the idea.
    pub async fn supported_by(&self, idea: IdeaId, user: UserId) -> Result<bool, StoreError> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM supports WHERE tenant_id = $1 AND idea_id = $2 AND user_id = $3")
                .bind(self.tenant.0)
                .bind(idea.0)
                .bind(user.0)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?;
        Ok(found.is_some())
    }

    /// Answers an idea that is still in status `from`, moving it to `to`:
    /// the status changes only if nobody moved it meanwhile, and the answer
    /// is stored in the same transaction. False (nothing stored) otherwise.
    pub async fn answer_from(
        &self,
        idea: IdeaId,
        from: &str,
        to: &str,
        body: &str,
        author_role: &str,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let moved = sqlx::query(
            "UPDATE ideas SET status = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2 AND status = $3",
        )
        .bind(self.tenant.0)
        .bind(idea.0)
        .bind(from)
        .bind(to)
        .bind(at.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO idea_answers (tenant_id, idea_id, status, body, author_role, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.tenant.0)
        .bind(idea.0)
        .bind(to)
        .bind(body)
        .bind(author_role)
        .bind(at.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Ideas in visible spaces that reached their space's support threshold
    /// and have no answer yet, oldest first: the officials' review queue.
    pub async fn review_queue(&self, limit: u32) -> Result<Vec<IdeaRecord>, StoreError> {
        let sql = format!(
            "{SELECT} JOIN spaces s ON s.tenant_id = i.tenant_id AND s.id = i.space_id \
             WHERE i.tenant_id = $1 AND s.status IN ('published', 'closed') \
             AND i.status IN ('published', 'under_review') AND i.support_count >= s.support_threshold \
             AND NOT EXISTS (SELECT 1 FROM idea_answers a WHERE a.tenant_id = i.tenant_id AND a.idea_id = i.id) \
             ORDER BY i.created_at, i.id LIMIT $2"
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(i64::from(limit))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// Records the city's answer and moves the idea to the answer's status.
    pub async fn answer(
        &self,
        idea: IdeaId,
        status: &str,
        body: &str,
        author_role: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.db.unit().await?;
        sqlx::query(
            "INSERT INTO idea_answers (tenant_id, idea_id, status, body, author_role, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.tenant.0)
        .bind(idea.0)
        .bind(status)
        .bind(body)
        .bind(author_role)
        .bind(at.0)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE ideas SET status = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(idea.0)
            .bind(status)
            .bind(at.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The answers to an idea, oldest first: the public history of its status.
    pub async fn answers(&self, idea: IdeaId) -> Result<Vec<AnswerRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, status, body, author_role, created_at FROM idea_answers \
             WHERE tenant_id = $1 AND idea_id = $2 ORDER BY created_at, id",
        )
        .bind(self.tenant.0)
        .bind(idea.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn count_supports(&self, idea: IdeaId) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM supports WHERE tenant_id = $1 AND idea_id = $2")
                .bind(self.tenant.0)
                .bind(idea.0)
                .fetch_one(&mut *self.db.reader().await?)
                .await?,
        )
    }

    /// One page of a space's ideas, filtered and sorted, resuming after
    /// `after` (keyset pagination in every sort; each sort seeks through an
    /// index led by tenant_id and space_id). `seed` places a visitor in the
    /// random order: ideas from that shuffle key onward, then the rest.
    pub async fn list(
        &self,
        space: SpaceId,
        filter: &IdeaFilter<'_>,
        sort: IdeaSort,
        seed: i64,
        after: Option<SortCursor>,
        limit: u32,
    ) -> Result<Vec<IdeaRecord>, StoreError> {
        if sort != IdeaSort::Random {
            let (key, id) = after.map_or((i64::MAX, i64::MAX), |c| (c.key, c.id));
            return self.list_phase(space, filter, sort, None, key, id, limit).await;
        }
        let (phase, key, id) = after.map_or((0, seed, i64::MIN), |c| (c.phase, c.key, c.id));
        let mut rows = Vec::new();
        if phase == 0 {
            rows = self
                .list_phase(space, filter, sort, Some((0, seed)), key, id, limit)
                .await?;
        }
        if rows.len() < limit as usize {
            let (key, id) = if phase == 0 { (i64::MIN, i64::MIN) } else { (key, id) };
            let rest = limit - rows.len() as u32;
            rows.extend(
                self.list_phase(space, filter, sort, Some((1, seed)), key, id, rest)
                    .await?,
            );
        }
        Ok(rows)
    }

    #[allow(clippy::too_many_arguments)]
    async fn list_phase(
        &self,
        space: SpaceId,
        filter: &IdeaFilter<'_>,
        sort: IdeaSort,
        random: Option<(u8, i64)>,
        key: i64,
        id: i64,
        limit: u32,
    ) -> Result<Vec<IdeaRecord>, StoreError> {
        // $1 tenant, $2 space, $3 key, $4 id, $5 limit; filters from $6 on.
        let (seek, order) = match sort {
            IdeaSort::Newest => (
                "(i.created_at < $3 OR (i.created_at = $3 AND i.id < $4))",
                "i.created_at DESC, i.id DESC",
            ),
            IdeaSort::MostSupported => (
                "(i.support_count < $3 OR (i.support_count = $3 AND i.id < $4))",
                "i.support_count DESC, i.id DESC",
            ),
            IdeaSort::MostCommented => (
                "(i.comment_count < $3 OR (i.comment_count = $3 AND i.id < $4))",
                "i.comment_count DESC, i.id DESC",
            ),
            IdeaSort::Random => (
                "(i.shuffle_key > $3 OR (i.shuffle_key = $3 AND i.id > $4))",
                "i.shuffle_key, i.id",
            ),
        };
        let mut sql = format!("{SELECT} WHERE i.tenant_id = $1 AND i.space_id = $2 AND {seek}");
        let mut text: Vec<&str> = Vec::new();
        let mut numbers: Vec<i64> = Vec::new();
        let mut next = 6;
        for (column, value) in [
            ("i.status", filter.status),
            ("i.category", filter.category),
            ("i.district", filter.district),
        ] {
            if let Some(v) = value {
                sql.push_str(&format!(" AND {column} = ${next}"));
                text.push(v);
                next += 1;
            }
        }
        if let Some(topic) = filter.topic {
            sql.push_str(&format!(
                " AND i.id IN (SELECT a.item_id FROM topic_assignments a WHERE a.tenant_id = $1 \
                 AND a.space_id = $2 AND a.item_kind = 'idea' AND a.topic_id = ${next})"
            ));
            numbers.push(topic);
            next += 1;
        }
        // The author's own list ("mine") shows their merged ideas too.
        if filter.status.is_none() && !filter.include_merged && filter.author.is_none() {
            sql.push_str(" AND i.status <> 'merged'");
        }
        if let Some(author) = filter.author {
            sql.push_str(&format!(" AND i.author_id = ${next}"));
            numbers.push(author.0);
            next += 1;
        }
        if let Some((phase, seed)) = random {
            let op = if phase == 0 { ">=" } else { "<" };
            sql.push_str(&format!(" AND i.shuffle_key {op} ${next}"));
            numbers.push(seed);
        }
        sql.push_str(&format!(" ORDER BY {order} LIMIT $5"));
        let mut query = sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(space.0)
            .bind(key)
            .bind(id)
            .bind(i64::from(limit));
        for v in text {
            query = query.bind(v);
        }
        for v in numbers {
            query = query.bind(v);
        }
        Ok(query.fetch_all(&mut *self.db.reader().await?).await?)
    }

    /// The author's edit of an idea, stored only while it is theirs, was
    /// created at or after `created_since` and is not withdrawn. True when
    /// stored.
    pub async fn edit(
        &self,
        idea: IdeaId,
        author: UserId,
        created_since: i64,
        edit: &IdeaEdit<'_>,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let changed = sqlx::query(
            "UPDATE ideas SET title = $5, body = $6, category = $7, district = $8, search_text = $9, \
             edited_at = $10, updated_at = $10 \
             WHERE tenant_id = $1 AND id = $2 AND author_id = $3 AND created_at >= $4 AND status NOT IN ('withdrawn', 'merged')",
        )
        .bind(self.tenant.0)
        .bind(idea.0)
        .bind(author.0)
        .bind(created_since)
        .bind(edit.title)
        .bind(edit.body)
        .bind(edit.category)
        .bind(edit.district)
        .bind(civic_core::text::search_form(&format!("{}\n{}", edit.title, edit.body)))
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// The author withdraws an idea that is published or under review. True
    /// when it moved.
    pub async fn withdraw(&self, idea: IdeaId, author: UserId, at: Timestamp) -> Result<bool, StoreError> {
        let changed = sqlx::query(
            "UPDATE ideas SET status = 'withdrawn', updated_at = $4 \
             WHERE tenant_id = $1 AND id = $2 AND author_id = $3 AND status IN ('published', 'under_review')",
        )
        .bind(self.tenant.0)
        .bind(idea.0)
        .bind(author.0)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }
}

/// An author's new text for an idea.
pub struct IdeaEdit<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub category: Option<&'a str>,
    pub district: Option<&'a str>,
}

/// Which ideas of a space a list shows.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdeaFilter<'a> {
    pub status: Option<&'a str>,
    pub category: Option<&'a str>,
    pub district: Option<&'a str>,
    /// Only this author's ideas ("mine").
    pub author: Option<UserId>,
    /// Ideas merged into another too (lists leave them out unless asked
    /// for by status: their supports and comments are on the kept idea).
    pub include_merged: bool,
    /// Only the ideas of this topic of the space (its stored topic model).
    pub topic: Option<i64>,
}

/// The orders of a space's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdeaSort {
    Newest,
    MostSupported,
    MostCommented,
    /// A stable pseudo-random order per visitor (their seed).
    Random,
}

impl IdeaSort {
    pub const ALL: [IdeaSort; 4] = [
        IdeaSort::Newest,
        IdeaSort::MostSupported,
        IdeaSort::MostCommented,
        IdeaSort::Random,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IdeaSort::Newest => "newest",
            IdeaSort::MostSupported => "supported",
            IdeaSort::MostCommented => "commented",
            IdeaSort::Random => "random",
        }
    }

    pub fn parse(raw: &str) -> Option<IdeaSort> {
        IdeaSort::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    fn tag(self) -> &'static str {
        match self {
            IdeaSort::Newest => "n",
            IdeaSort::MostSupported => "s",
            IdeaSort::MostCommented => "c",
            IdeaSort::Random => "r",
        }
    }

    /// The sort key of a record in this order.
    pub fn key_of(self, idea: &IdeaRecord) -> i64 {
        match self {
            IdeaSort::Newest => idea.created_at,
            IdeaSort::MostSupported => idea.support_count,
            IdeaSort::MostCommented => idea.comment_count,
            IdeaSort::Random => idea.shuffle_key,
        }
    }
}

/// Where a page of a sorted list starts: after (key, id) in `sort`; in the
/// random order also the visitor's seed and which part of the walk (0: from
/// the seed on, 1: the keys before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortCursor {
    pub sort: IdeaSort,
    pub seed: i64,
    pub phase: u8,
    pub key: i64,
    pub id: i64,
}

impl SortCursor {
    /// The cursor after this record.
    pub fn after(sort: IdeaSort, seed: i64, idea: &IdeaRecord) -> SortCursor {
        SortCursor {
            sort,
            seed: if sort == IdeaSort::Random { seed } else { 0 },
            phase: u8::from(sort == IdeaSort::Random && idea.shuffle_key < seed),
            key: sort.key_of(idea),
            id: idea.id.0,
        }
    }

    /// Opaque to clients: `n.<key>.<id>`, `s.…`, `c.…`, `r.<seed>.<phase>.<key>.<id>`.
    pub fn encode(self) -> String {
        match self.sort {
            IdeaSort::Random => format!("r.{}.{}.{}.{}", self.seed, self.phase, self.key, self.id),
            sort => format!("{}.{}.{}", sort.tag(), self.key, self.id),
        }
    }

    pub fn decode(raw: &str) -> Option<SortCursor> {
        let parts: Vec<&str> = raw.split('.').collect();
        let first = *parts.first()?;
        let sort = IdeaSort::ALL.into_iter().find(|s| s.tag() == first)?;
        let number = |i: usize| parts.get(i).and_then(|p| p.parse::<i64>().ok());
        match (sort, parts.len()) {
            (IdeaSort::Random, 5) => {
                let phase = number(2).filter(|p| *p == 0 || *p == 1)? as u8;
                Some(SortCursor {
                    sort,
                    seed: number(1).filter(|s| (0..=SHUFFLE_RANGE).contains(s))?,
                    phase,
                    key: number(3)?,
                    id: number(4)?,
                })
            }
            (IdeaSort::Random, _) => None,
            (_, 3) => Some(SortCursor {
                sort,
                seed: 0,
                phase: 0,
                key: number(1)?,
                id: number(2)?,
            }),
            _ => None,
        }
    }
}

/// Shuffle keys and seeds lie in 0..=SHUFFLE_RANGE.
pub const SHUFFLE_RANGE: i64 = 2_147_483_646;

/// A fresh pseudo-random shuffle key (from the process's random hasher keys).
fn shuffle_key() -> i64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    (h.finish() % (SHUFFLE_RANGE as u64 + 1)) as i64
}

/// Stores a support (the unique key makes a repeated one a no-op) and its
/// author's follow of the idea (for notifications); true when it is new.
/// How a write that adds to an idea (a support, a comment) holds the idea's
/// row while it checks that the idea is still open.
#[derive(Debug, Clone, Copy)]
pub(crate) enum IdeaLock {
    /// Other such writes go on at once (supports counted later), and so
    /// does the counter (`count_waiting` takes `FOR NO KEY UPDATE`, which
    /// `FOR KEY SHARE` lets through); a merge's `FOR UPDATE` waits.
    Shared,
    /// The write updates the idea's row too (its count).
    ForUpdate,
}

impl IdeaLock {
    /// The locking clause on PostgreSQL. A merge takes the idea's row `FOR
    /// UPDATE`, so it waits for writes holding it and they for it,
    /// and the check sees the status the other committed: a support or a
    /// comment is never left on an idea merged meanwhile. SQLite has one
    /// writer at a time and needs no clause.
    pub(crate) fn clause(self, backend: crate::Backend) -> &'static str {
        match (backend, self) {
            (crate::Backend::Sqlite, _) => "",
            (crate::Backend::Postgres, IdeaLock::Shared) => " FOR KEY SHARE",
            (crate::Backend::Postgres, IdeaLock::ForUpdate) => " FOR NO KEY UPDATE",
        }
    }
}

/// Holds the idea's row as `lock` says (see [`IdeaLock`]); true while the
/// idea is neither withdrawn nor merged.
pub(crate) async fn idea_open(
    conn: &mut sqlx::AnyConnection,
    tenant: TenantId,
    idea: IdeaId,
    lock: &str,
) -> Result<bool, StoreError> {
    let sql = format!(
        "SELECT id FROM ideas WHERE tenant_id = $1 AND id = $2 AND status NOT IN ('withdrawn', 'merged'){lock}"
    );
    let open: Option<i64> = sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(tenant.0)
        .bind(idea.0)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(open.is_some())
}

/// Stores a support while the idea is open; false when it was there
/// already, a conflict when the idea was withdrawn or merged meanwhile.
async fn insert_support(
    conn: &mut sqlx::AnyConnection,
    tenant: TenantId,
    idea: IdeaId,
    user: UserId,
    at: Timestamp,
    lock: &str,
) -> Result<bool, StoreError> {
    if !idea_open(conn, tenant, idea, lock).await? {
        // Withdrawn or merged since the caller looked (or another tenant's):
        // refused, as a write on a row that is gone.
        return Err(StoreError::Conflict {
            constraint: "idea_closed".into(),
        });
    }
    let inserted = sqlx::query(
        "INSERT INTO supports (tenant_id, idea_id, user_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (tenant_id, idea_id, user_id) DO NOTHING",
    )
    .bind(tenant.0)
    .bind(idea.0)
    .bind(user.0)
    .bind(at.0)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 1 {
        sqlx::query(
            "INSERT INTO follows (tenant_id, user_id, idea_id, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, idea_id, user_id) DO NOTHING",
        )
        .bind(tenant.0)
        .bind(user.0)
        .bind(idea.0)
        .bind(at.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(inserted == 1)
}

/// Moves a published idea whose count has reached its space's threshold to
/// `under_review`; true when this statement moved it, so exactly one caller
/// learns it (and tells the followers).
pub(crate) async fn reach_threshold(
    conn: &mut sqlx::AnyConnection,
    tenant: TenantId,
    idea: IdeaId,
    at: Timestamp,
) -> Result<bool, StoreError> {
    let moved = sqlx::query(
        "UPDATE ideas SET status = 'under_review', updated_at = $3 WHERE tenant_id = $1 AND id = $2 \
         AND status = 'published' AND support_count >= \
         (SELECT s.support_threshold FROM spaces s WHERE s.tenant_id = ideas.tenant_id AND s.id = ideas.space_id)",
    )
    .bind(tenant.0)
    .bind(idea.0)
    .bind(at.0)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(moved == 1)
}

/// Ideas with supports still to be counted (a count skipped because another
/// transaction held the idea, or a node stopped between a support's
/// commit and its count), at most `limit`, in every tenant of this
/// database.
pub async fn ideas_with_uncounted_supports(db: &Db, limit: i64) -> Result<Vec<(TenantId, IdeaId)>, StoreError> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT DISTINCT tenant_id, idea_id FROM uncounted_supports ORDER BY tenant_id, idea_id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *db.writer().await?)
    .await?;
    Ok(rows.into_iter().map(|(t, i)| (TenantId(t), IdeaId(i))).collect())
}
