//! Polls and surveys: the poll with its questions (JSON the application
//! reads), one response per account, and one row per answer, so results are
//! aggregate queries over an index.

use crate::{Db, StoreError};
use civic_core::{SpaceId, TenantId, Timestamp, UserId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PollRecord {
    pub id: i64,
    pub space_id: i64,
    pub title: String,
    pub intro: String,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub results_visibility: String,
    pub allow_changes: i64,
    pub questions_json: String,
    pub created_at: i64,
    /// Responses so far (computed by the query).
    pub response_count: i64,
}

impl PollRecord {
    /// "upcoming", "open" or "closed" at `now`.
    pub fn phase(&self, now: Timestamp) -> &'static str {
        if self.opens_at.is_some_and(|o| now.0 < o) {
            "upcoming"
        } else if self.closes_at.is_some_and(|c| now.0 >= c) {
            "closed"
        } else {
            "open"
        }
    }
}

pub struct NewPoll<'a> {
    pub space: SpaceId,
    pub title: &'a str,
    pub intro: &'a str,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub results_visibility: &'a str,
    pub allow_changes: bool,
    pub questions_json: &'a str,
}

/// One stored answer row: an option chosen, a ranked option, a value or a text.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AnswerRow {
    pub question_id: i64,
    /// Option index (choice and ranking questions), -1 otherwise.
    pub choice: i64,
    /// 1-based position in a ranking, 0 otherwise.
    pub rank: i64,
    /// Scale value, number, or date as days since 1970-01-01; 0 otherwise.
    pub value: f64,
    pub text: Option<String>,
}

/// How many answers share one (question, choice, rank, value): the unit
/// every result is computed from.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AnswerCount {
    pub question_id: i64,
    pub choice: i64,
    pub rank: i64,
    pub value: f64,
    pub count: i64,
}

/// What a submission did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted {
    /// The account's first response.
    Created(i64),
    /// It replaced the account's earlier response (changes allowed).
    Replaced(i64),
    /// The account has answered already and changes are not allowed.
    AlreadyAnswered,
}

const SELECT: &str = "SELECT p.id, p.space_id, p.title, p.intro, p.opens_at, p.closes_at, p.results_visibility, \
     p.allow_changes, p.questions_json, p.created_at, \
     (SELECT COUNT(*) FROM poll_responses r WHERE r.tenant_id = p.tenant_id AND r.poll_id = p.id) AS response_count \
     FROM polls p JOIN spaces sp ON sp.tenant_id = p.tenant_id AND sp.id = p.space_id";

pub struct Polls<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Polls<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Polls { db, tenant }
    }

    pub async fn create(&self, new: &NewPoll<'_>) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO polls (tenant_id, space_id, title, intro, opens_at, closes_at, results_visibility, \
             allow_changes, questions_json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.space.0)
        .bind(new.title)
        .bind(new.intro)
        .bind(new.opens_at)
        .bind(new.closes_at)
        .bind(new.results_visibility)
        .bind(i64::from(new.allow_changes))
        .bind(new.questions_json)
        .bind(Timestamp::now().0)
        .fetch_one(self.db.writer())
        .await?)
    }

    /// Polls of a space that is not a draft, newest first.
    pub async fn in_space(&self, space: SpaceId) -> Result<Vec<PollRecord>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE p.tenant_id = $1 AND p.space_id = $2 AND sp.status <> 'draft' \
             ORDER BY p.created_at DESC, p.id DESC"
        )))
        .bind(self.tenant.0)
        .bind(space.0)
        .fetch_all(self.db.reader())
        .await?)
    }

    /// A poll in a space that is not a draft.
    pub async fn get(&self, id: i64) -> Result<Option<PollRecord>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE p.tenant_id = $1 AND p.id = $2 AND sp.status <> 'draft'"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(self.db.reader())
        .await?)
    }

    /// Stores a response and its answers in one transaction. The unique key
    /// on (poll, account) decides which of parallel submissions inserts; with
    /// `allow_changes` a later submission replaces the earlier one's answers
    /// under the response row's lock.
    pub async fn submit(
        &self,
        poll: i64,
        user: UserId,
        allow_changes: bool,
        answers: &[AnswerRow],
        at: Timestamp,
    ) -> Result<Submitted, StoreError> {
        let mut tx = self.db.writer().begin().await?;
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO poll_responses (tenant_id, poll_id, user_id, submitted_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, poll_id, user_id) DO NOTHING RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .bind(user.0)
        .bind(at.0)
        .fetch_optional(&mut *tx)
        .await?;
        let outcome = match inserted {
            Some(id) => Submitted::Created(id),
            None if !allow_changes => {
                tx.rollback().await?;
                return Ok(Submitted::AlreadyAnswered);
            }
            None => {
                let id: i64 = sqlx::query_scalar(
                    "UPDATE poll_responses SET submitted_at = $4 WHERE tenant_id = $1 AND poll_id = $2 AND user_id = $3 \
                     RETURNING id",
                )
                .bind(self.tenant.0)
                .bind(poll)
                .bind(user.0)
                .bind(at.0)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM poll_answers WHERE tenant_id = $1 AND response_id = $2")
                    .bind(self.tenant.0)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                Submitted::Replaced(id)
            }
        };
        let response = match outcome {
            Submitted::Created(id) | Submitted::Replaced(id) => id,
            Submitted::AlreadyAnswered => unreachable!("returned above"),
        };
        // Rows go in batches of up to 50 in one statement: a 20-question
        // survey is one or two round trips.
        for batch in answers.chunks(50) {
            let mut sql = String::from(
                "INSERT INTO poll_answers (tenant_id, poll_id, response_id, question_id, choice, rank, value, text) VALUES ",
            );
            for i in 0..batch.len() {
                let b = i * 5 + 4;
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!(
                    "($1, $2, $3, ${}, ${}, ${}, ${}, ${})",
                    b,
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4
                ));
            }
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(self.tenant.0)
                .bind(poll)
                .bind(response);
            for a in batch {
                query = query
                    .bind(a.question_id)
                    .bind(a.choice)
                    .bind(a.rank)
                    .bind(a.value)
                    .bind(a.text.clone());
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(outcome)
    }

    /// Whether the account has responded.
    pub async fn has_responded(&self, poll: i64, user: UserId) -> Result<bool, StoreError> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM poll_responses WHERE tenant_id = $1 AND poll_id = $2 AND user_id = $3")
                .bind(self.tenant.0)
                .bind(poll)
                .bind(user.0)
                .fetch_optional(self.db.reader())
                .await?;
        Ok(found.is_some())
    }

    /// The account's own answers, to show them again.
    pub async fn answers_of(&self, poll: i64, user: UserId) -> Result<Vec<AnswerRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT a.question_id, a.choice, a.rank, a.value, a.text FROM poll_answers a \
             JOIN poll_responses r ON r.tenant_id = a.tenant_id AND r.id = a.response_id \
             WHERE r.tenant_id = $1 AND r.poll_id = $2 AND r.user_id = $3 ORDER BY a.question_id, a.rank, a.choice",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .bind(user.0)
        .fetch_all(self.db.reader())
        .await?)
    }

    /// Answers counted by (question, choice, rank, value), free text left out.
    pub async fn counts(&self, poll: i64) -> Result<Vec<AnswerCount>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT question_id, choice, rank, value, COUNT(*) AS count FROM poll_answers \
             WHERE tenant_id = $1 AND poll_id = $2 AND text IS NULL \
             GROUP BY question_id, choice, rank, value ORDER BY question_id, choice, rank, value",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .fetch_all(self.db.reader())
        .await?)
    }

    /// Responses that answered each question: (question, responses).
    pub async fn answered(&self, poll: i64) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT question_id, COUNT(DISTINCT response_id) FROM poll_answers \
             WHERE tenant_id = $1 AND poll_id = $2 GROUP BY question_id",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .fetch_all(self.db.reader())
        .await?)
    }

    /// Free-text answers, oldest first, at most `limit` per poll: (question, text).
    pub async fn texts(&self, poll: i64, limit: i64) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT question_id, text FROM poll_answers WHERE tenant_id = $1 AND poll_id = $2 AND text IS NOT NULL \
             ORDER BY question_id, response_id LIMIT $3",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?)
    }

    /// Responses after `after_response` (by id), up to `limit` of them, with
    /// their answers: (response id, answer; `None` for a response without
    /// answers). For exports, batch by batch.
    pub async fn export_batch(
        &self,
        poll: i64,
        after_response: i64,
        limit: i64,
    ) -> Result<Vec<(i64, Option<AnswerRow>)>, StoreError> {
        let last: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(id) FROM (SELECT id FROM poll_responses WHERE tenant_id = $1 AND poll_id = $2 AND id > $3 \
             ORDER BY id LIMIT $4) AS batch",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .bind(after_response)
        .bind(limit)
        .fetch_one(self.db.reader())
        .await?;
        let Some(last) = last else {
            return Ok(Vec::new());
        };
        type Row = (i64, Option<i64>, Option<i64>, Option<i64>, Option<f64>, Option<String>);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT r.id, a.question_id, a.choice, a.rank, a.value, a.text FROM poll_responses r \
             LEFT JOIN poll_answers a ON a.tenant_id = r.tenant_id AND a.response_id = r.id \
             WHERE r.tenant_id = $1 AND r.poll_id = $2 AND r.id > $3 AND r.id <= $4 \
             ORDER BY r.id, a.question_id, a.rank, a.choice",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .bind(after_response)
        .bind(last)
        .fetch_all(self.db.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(r, question_id, choice, rank, value, text)| {
                let answer = question_id.map(|question_id| AnswerRow {
                    question_id,
                    choice: choice.unwrap_or(-1),
                    rank: rank.unwrap_or(0),
                    value: value.unwrap_or(0.0),
                    text,
                });
                (r, answer)
            })
            .collect())
    }
}
