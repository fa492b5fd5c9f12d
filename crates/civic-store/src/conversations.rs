//! Conversations: statements and agree / disagree / pass votes, and the
//! last computed opinion-group result.

use crate::{Db, StoreError};
use civic_core::{SpaceId, TenantId, Timestamp, UserId};

pub use civic_core::conversations::Conversation as ConversationRecord;

pub use civic_core::conversations::Statement as StatementRecord;

pub struct NewConversation<'a> {
    pub space: SpaceId,
    pub question: &'a str,
    pub description: &'a str,
    /// "before": citizens' statements wait for a moderator; "after": they
    /// are published at once and moderators may hide them.
    pub moderation: &'a str,
    pub seed_statements: &'a [String],
}

/// A conversation whose result is older than its votes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaleConversation {
    pub tenant_id: i64,
    pub id: i64,
    pub votes_version: i64,
}

const SELECT: &str = "SELECT c.id, c.space_id, c.question, c.description, c.status, c.moderation, c.created_at, \
     c.votes_version, c.result_version, c.result_computed_at, \
     (SELECT COUNT(*) FROM statements s WHERE s.tenant_id = c.tenant_id AND s.conversation_id = c.id AND s.status = 'published') AS statement_count \
     FROM conversations c";

pub struct Conversations<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Conversations<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Conversations { db, tenant }
    }

    /// Creates the conversation and its seed statements in one transaction.
    pub async fn create(&self, new: &NewConversation<'_>) -> Result<i64, StoreError> {
        let now = Timestamp::now().0;
        let mut tx = self.db.unit().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO conversations (tenant_id, space_id, question, description, status, moderation, created_at) \
             VALUES ($1, $2, $3, $4, 'open', $5, $6) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.space.0)
        .bind(new.question)
        .bind(new.description)
        .bind(new.moderation)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for body in new.seed_statements {
            sqlx::query(
                "INSERT INTO statements (tenant_id, conversation_id, author_id, body, status, is_seed, created_at) \
                 VALUES ($1, $2, NULL, $3, 'published', 1, $4)",
            )
            .bind(self.tenant.0)
            .bind(id)
            .bind(body.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Conversations of a published space, newest first.
    pub async fn in_space(&self, space: SpaceId) -> Result<Vec<ConversationRecord>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} JOIN spaces sp ON sp.tenant_id = c.tenant_id AND sp.id = c.space_id \
             WHERE c.tenant_id = $1 AND c.space_id = $2 AND sp.status <> 'draft' ORDER BY c.created_at DESC, c.id DESC"
        )))
        .bind(self.tenant.0)
        .bind(space.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// A conversation in a space that is not a draft.
    pub async fn get(&self, id: i64) -> Result<Option<ConversationRecord>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} JOIN spaces sp ON sp.tenant_id = c.tenant_id AND sp.id = c.space_id \
             WHERE c.tenant_id = $1 AND c.id = $2 AND sp.status <> 'draft'"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Published statements, most voted last (the order they are offered).
    pub async fn statements(&self, conversation: i64, status: &str) -> Result<Vec<StatementRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, body, status, is_seed, vote_count, created_at FROM statements \
             WHERE tenant_id = $1 AND conversation_id = $2 AND status = $3 ORDER BY id",
        )
        .bind(self.tenant.0)
        .bind(conversation)
        .bind(status)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// The statement to offer next: one the person has not voted on, with
    /// the fewest votes so far (the map needs those most), and how many are
    /// left. `None` for a visitor offers the least-voted statement.
    pub async fn next_statement(
        &self,
        conversation: i64,
        user: Option<UserId>,
    ) -> Result<(Option<StatementRecord>, i64), StoreError> {
        let unseen = "FROM statements s WHERE s.tenant_id = $1 AND s.conversation_id = $2 AND s.status = 'published' \
             AND NOT EXISTS (SELECT 1 FROM statement_votes v WHERE v.tenant_id = s.tenant_id \
             AND v.statement_id = s.id AND v.user_id = $3)";
        let user = user.map_or(0, |u| u.0);
        let next = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT s.id, s.body, s.status, s.is_seed, s.vote_count, s.created_at {unseen} ORDER BY s.vote_count, s.id LIMIT 1"
        )))
        .bind(self.tenant.0)
        .bind(conversation)
        .bind(user)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        let left: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {unseen}")))
            .bind(self.tenant.0)
            .bind(conversation)
            .bind(user)
            .fetch_one(&mut *self.db.reader().await?)
            .await?;
        Ok((next, left))
    }

    /// A published statement of this conversation, for voting on.
    pub async fn published_statement(&self, conversation: i64, id: i64) -> Result<bool, StoreError> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM statements WHERE tenant_id = $1 AND conversation_id = $2 AND id = $3 AND status = 'published'",
        )
        .bind(self.tenant.0)
        .bind(conversation)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        Ok(found.is_some())
    }

    /// Adds a statement by a participant; its status follows the
    /// conversation's moderation.
    pub async fn add_statement(
        &self,
        conversation: i64,
        author: UserId,
        body: &str,
        status: &str,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO statements (tenant_id, conversation_id, author_id, body, status, is_seed, created_at) \
             VALUES ($1, $2, $3, $4, $5, 0, $6) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(conversation)
        .bind(author.0)
        .bind(body)
        .bind(status)
        .bind(Timestamp::now().0)
        .fetch_one(&mut *self.db.writer().await?)
        .await?)
    }

    /// Opens or closes a conversation; false when there is no such one.
    pub async fn set_status(&self, conversation: i64, status: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE conversations SET status = $3 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(conversation)
            .bind(status)
            .execute(&mut *self.db.writer().await?)
            .await?
            .rows_affected();
        Ok(done == 1)
    }

    /// Publishes or rejects a statement (moderation).
    pub async fn set_statement_status(&self, conversation: i64, id: i64, status: &str) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let done =
            sqlx::query("UPDATE statements SET status = $4 WHERE tenant_id = $1 AND conversation_id = $2 AND id = $3")
                .bind(self.tenant.0)
                .bind(conversation)
                .bind(id)
                .bind(status)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        bump(&mut tx, self.tenant, conversation).await?;
        tx.commit().await?;
        Ok(done == 1)
    }

    /// Records a vote; a second vote on the same statement replaces the
    /// first. The unique key decides which request inserts, so the vote
    /// count moves exactly once per person and statement. True when new.
    pub async fn vote(
        &self,
        conversation: i64,
        statement: i64,
        user: UserId,
        vote: i8,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let inserted = sqlx::query(
            "INSERT INTO statement_votes (tenant_id, conversation_id, statement_id, user_id, vote, voted_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, statement_id, user_id) DO NOTHING",
        )
        .bind(self.tenant.0)
        .bind(conversation)
        .bind(statement)
        .bind(user.0)
        .bind(i64::from(vote))
        .bind(at.0)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if inserted {
            sqlx::query("UPDATE statements SET vote_count = vote_count + 1 WHERE tenant_id = $1 AND id = $2")
                .bind(self.tenant.0)
                .bind(statement)
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query(
                "UPDATE statement_votes SET vote = $4, voted_at = $5 WHERE tenant_id = $1 AND statement_id = $2 AND user_id = $3",
            )
            .bind(self.tenant.0)
            .bind(statement)
            .bind(user.0)
            .bind(i64::from(vote))
            .bind(at.0)
            .execute(&mut *tx)
            .await?;
        }
        bump(&mut tx, self.tenant, conversation).await?;
        tx.commit().await?;
        Ok(inserted)
    }

    /// Every vote on the published statements: (user, statement, vote).
    pub async fn votes(&self, conversation: i64) -> Result<Vec<(i64, i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT v.user_id, v.statement_id, v.vote FROM statement_votes v \
             JOIN statements s ON s.tenant_id = v.tenant_id AND s.id = v.statement_id \
             WHERE v.tenant_id = $1 AND v.conversation_id = $2 AND s.status = 'published'",
        )
        .bind(self.tenant.0)
        .bind(conversation)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// The person's own votes: (statement, vote).
    pub async fn votes_of(&self, conversation: i64, user: UserId) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT statement_id, vote FROM statement_votes WHERE tenant_id = $1 AND conversation_id = $2 AND user_id = $3",
        )
        .bind(self.tenant.0)
        .bind(conversation)
        .bind(user.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// The stored result (JSON) and when it was computed.
    pub async fn result(&self, conversation: i64) -> Result<Option<(String, i64)>, StoreError> {
        let row: Option<(Option<String>, Option<i64>)> = sqlx::query_as(
            "SELECT result_json, result_computed_at FROM conversations WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(conversation)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        Ok(row.and_then(|(json, at)| Some((json?, at?))))
    }

    /// Stores a result computed from `version`, unless a newer one is
    /// stored already (another node may have been faster).
    pub async fn store_result(&self, conversation: i64, version: i64, json: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE conversations SET result_json = $3, result_version = $4, result_computed_at = $5 \
             WHERE tenant_id = $1 AND id = $2 AND (result_version IS NULL OR result_version < $4)",
        )
        .bind(self.tenant.0)
        .bind(conversation)
        .bind(json)
        .bind(version)
        .bind(Timestamp::now().0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }
}

async fn bump(tx: &mut sqlx::AnyConnection, tenant: TenantId, conversation: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE conversations SET votes_version = votes_version + 1 WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.0)
        .bind(conversation)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Conversations in any tenant whose result is missing or older than their
/// votes. A scan of the conversations table with no index of its own: every
/// index here starts with `tenant_id` (for sharding by tenant), and the
/// table holds a handful of rows per space.
pub async fn stale(db: &Db, limit: i64) -> Result<Vec<StaleConversation>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT tenant_id, id, votes_version FROM conversations \
         WHERE result_version IS NULL OR votes_version > result_version ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *db.reader().await?)
    .await?)
}
