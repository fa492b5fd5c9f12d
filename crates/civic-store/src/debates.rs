//! Debates: the question, its arguments and replies, one convincing mark
//! per person and argument, one current stance per person and debate with
//! the history of every stance stated, and the city's conclusion.

use crate::{Db, StoreError};
use civic_core::debates::{Argument, Debate, DebateSide, Stance};
use civic_core::{SpaceId, TenantId, Timestamp, UserId};

const SELECT_DEBATE: &str = "SELECT d.id, d.space_id, d.question, d.description, d.moderator_id, \
     m.display_name AS moderator_name, d.opens_at, d.closes_at, d.conclusion, d.concluded_at, d.created_at, \
     CAST(CASE WHEN sp.status = 'draft' THEN 1 ELSE 0 END AS BIGINT) AS space_draft, \
     (SELECT COUNT(*) FROM debate_arguments a WHERE a.tenant_id = d.tenant_id AND a.debate_id = d.id) AS argument_count \
     FROM debates d JOIN spaces sp ON sp.tenant_id = d.tenant_id AND sp.id = d.space_id \
     LEFT JOIN users m ON m.tenant_id = d.tenant_id AND m.id = d.moderator_id";

const SELECT_ARGUMENT: &str = "SELECT a.id, a.debate_id, a.parent_id, a.author_id, u.display_name AS author_name, \
     a.side, a.body, \
     (SELECT COUNT(*) FROM debate_convincing c WHERE c.tenant_id = a.tenant_id AND c.argument_id = a.id) AS convincing, \
     a.cited, a.created_at, m.state AS moderation, m.reason AS moderation_reason \
     FROM debate_arguments a LEFT JOIN users u ON u.tenant_id = a.tenant_id AND u.id = a.author_id \
     LEFT JOIN moderated_items m ON m.tenant_id = a.tenant_id AND m.item_type = 'argument' AND m.item_id = a.id \
     AND m.state <> 'restored'";

/// A debate to create.
pub struct NewDebate<'a> {
    pub space: SpaceId,
    pub question: &'a str,
    pub description: &'a str,
    pub moderator: Option<UserId>,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
}

/// An argument (or reply) to add.
pub struct NewArgument<'a> {
    pub parent: Option<i64>,
    pub author: Option<UserId>,
    pub side: DebateSide,
    pub body: &'a str,
    pub at: Timestamp,
}

/// One contribution of a debate for the staff export: an argument, a
/// convincing mark or a stance.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContributionRow {
    pub kind: String,
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author_name: Option<String>,
    pub value: String,
    pub body: String,
    pub at: i64,
}

pub struct Debates<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Debates<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Debates { db, tenant }
    }

    pub async fn create(&self, new: &NewDebate<'_>) -> Result<i64, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO debates (tenant_id, space_id, question, description, moderator_id, opens_at, closes_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.space.0)
        .bind(new.question)
        .bind(new.description)
        .bind(new.moderator.map(|m| m.0))
        .bind(new.opens_at)
        .bind(new.closes_at)
        .bind(Timestamp::now().0)
        .fetch_one(&mut *conn)
        .await?)
    }

    /// The debates of a space, newest first.
    pub async fn in_space(&self, space: SpaceId) -> Result<Vec<Debate>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_DEBATE} WHERE d.tenant_id = $1 AND d.space_id = $2 ORDER BY d.created_at DESC, d.id DESC"
        )))
        .bind(self.tenant.0)
        .bind(space.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn get(&self, id: i64) -> Result<Option<Debate>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_DEBATE} WHERE d.tenant_id = $1 AND d.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Every argument and reply of a debate, in the order given.
    pub async fn arguments(&self, debate: i64) -> Result<Vec<Argument>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_ARGUMENT} WHERE a.tenant_id = $1 AND a.debate_id = $2 ORDER BY a.id"
        )))
        .bind(self.tenant.0)
        .bind(debate)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn argument(&self, id: i64) -> Result<Option<Argument>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_ARGUMENT} WHERE a.tenant_id = $1 AND a.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Adds the argument unless the debate is concluded (checked in the
    /// same statement, so a conclusion that commits first wins): `None`.
    pub async fn add_argument(&self, debate: i64, new: &NewArgument<'_>) -> Result<Option<i64>, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO debate_arguments (tenant_id, debate_id, parent_id, author_id, side, body, created_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS \
             (SELECT 1 FROM debates d WHERE d.tenant_id = $1 AND d.id = $2 AND d.concluded_at IS NULL) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(debate)
        .bind(new.parent)
        .bind(new.author.map(|a| a.0))
        .bind(new.side)
        .bind(new.body)
        .bind(new.at.0)
        .fetch_optional(&mut *conn)
        .await?)
    }

    /// Marks an argument convincing for a person (`on`) or withdraws the
    /// mark; repeating either changes nothing (the unique key keeps one
    /// mark per person and argument).
    pub async fn set_convincing(&self, argument: i64, user: UserId, on: bool) -> Result<(), StoreError> {
        let mut conn = self.db.writer().await?;
        if on {
            sqlx::query(
                "INSERT INTO debate_convincing (tenant_id, argument_id, user_id, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (tenant_id, argument_id, user_id) DO NOTHING",
            )
            .bind(self.tenant.0)
            .bind(argument)
            .bind(user.0)
            .bind(Timestamp::now().0)
            .execute(&mut *conn)
            .await?;
        } else {
            sqlx::query("DELETE FROM debate_convincing WHERE tenant_id = $1 AND argument_id = $2 AND user_id = $3")
                .bind(self.tenant.0)
                .bind(argument)
                .bind(user.0)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// The arguments of a debate the person marked convincing.
    pub async fn convinced_by(&self, debate: i64, user: UserId) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT c.argument_id FROM debate_convincing c JOIN debate_arguments a \
             ON a.tenant_id = c.tenant_id AND a.id = c.argument_id \
             WHERE c.tenant_id = $1 AND a.debate_id = $2 AND c.user_id = $3",
        )
        .bind(self.tenant.0)
        .bind(debate)
        .bind(user.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// States (or changes) a person's stance and appends it to the history;
    /// one current stance per person (`debate_stances_one_per_person_key`).
    pub async fn set_stance(&self, debate: i64, user: UserId, stance: Stance, at: Timestamp) -> Result<(), StoreError> {
        let mut tx = self.db.unit().await?;
        sqlx::query(
            "INSERT INTO debate_stances (tenant_id, debate_id, user_id, stance, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (tenant_id, debate_id, user_id) DO UPDATE SET stance = excluded.stance, updated_at = excluded.updated_at",
        )
        .bind(self.tenant.0)
        .bind(debate)
        .bind(user.0)
        .bind(stance)
        .bind(at.0)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO debate_stance_history (tenant_id, debate_id, user_id, stance, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(self.tenant.0)
        .bind(debate)
        .bind(user.0)
        .bind(stance)
        .bind(at.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn stance_of(&self, debate: i64, user: UserId) -> Result<Option<Stance>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT stance FROM debate_stances WHERE tenant_id = $1 AND debate_id = $2 AND user_id = $3",
        )
        .bind(self.tenant.0)
        .bind(debate)
        .bind(user.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// The current stances: (stance, how many).
    pub async fn balance(&self, debate: i64) -> Result<Vec<(Stance, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT stance, COUNT(*) FROM debate_stances WHERE tenant_id = $1 AND debate_id = $2 GROUP BY stance",
        )
        .bind(self.tenant.0)
        .bind(debate)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Every stance ever stated in the debate: (person, stance, when).
    pub async fn stance_history(&self, debate: i64) -> Result<Vec<(i64, Stance, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT user_id, stance, at FROM debate_stance_history WHERE tenant_id = $1 AND debate_id = $2 ORDER BY at, id",
        )
        .bind(self.tenant.0)
        .bind(debate)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Closes the debate with the conclusion and marks the arguments it
    /// took into account (ids of other debates are left alone). False when
    /// it was concluded already (a concurrent conclusion wins once).
    pub async fn conclude(&self, debate: i64, by: UserId, text: &str, cited: &[i64]) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let done = sqlx::query(
            "UPDATE debates SET conclusion = $3, concluded_at = $4, concluded_by = $5 \
             WHERE tenant_id = $1 AND id = $2 AND concluded_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(debate)
        .bind(text)
        .bind(Timestamp::now().0)
        .bind(by.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done != 1 {
            return Ok(false);
        }
        for id in cited {
            sqlx::query("UPDATE debate_arguments SET cited = 1 WHERE tenant_id = $1 AND debate_id = $2 AND id = $3")
                .bind(self.tenant.0)
                .bind(debate)
                .bind(*id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Every contribution of a debate (arguments, convincing marks,
    /// stances as stated), oldest first.
    pub async fn contributions(&self, debate: i64) -> Result<Vec<ContributionRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT 'argument' AS kind, a.id AS id, a.parent_id AS parent_id, u.display_name AS author_name, a.side AS value, a.body AS body, \
                    a.created_at AS at \
             FROM debate_arguments a LEFT JOIN users u ON u.tenant_id = a.tenant_id AND u.id = a.author_id \
             WHERE a.tenant_id = $1 AND a.debate_id = $2 \
             UNION ALL \
             SELECT 'convincing', c.argument_id, NULL, u.display_name, '', '', c.created_at \
             FROM debate_convincing c JOIN debate_arguments a ON a.tenant_id = c.tenant_id AND a.id = c.argument_id \
             LEFT JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.user_id \
             WHERE c.tenant_id = $1 AND a.debate_id = $2 \
             UNION ALL \
             SELECT 'stance', h.id, NULL, u.display_name, h.stance, '', h.at \
             FROM debate_stance_history h LEFT JOIN users u ON u.tenant_id = h.tenant_id AND u.id = h.user_id \
             WHERE h.tenant_id = $1 AND h.debate_id = $2 \
             ORDER BY at, kind, id",
        )
        .bind(self.tenant.0)
        .bind(debate)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}
