//! Polls and surveys: the poll with its questions (JSON the application
//! reads), one response per account, and one row per answer, so results are
//! aggregate queries over an index.

use crate::{Backend, Db, StoreError};
use civic_core::{SpaceId, TenantId, Timestamp, UserId};
use std::collections::BTreeMap;

pub use civic_core::polls::Poll as PollRecord;

pub struct NewPoll<'a> {
    pub space: SpaceId,
    pub title: &'a str,
    pub intro: &'a str,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub results_visibility: &'a str,
    pub allow_changes: bool,
    pub questions_json: &'a str,
    pub status: &'a str,
    pub eligibility: &'a str,
    pub districts: &'a str,
    pub anonymous: bool,
}

pub use civic_core::polls::ResultsFilter as Filter;

/// A respondent's progress through a multi-page survey.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DraftRecord {
    pub page: i64,
    pub district: String,
    pub answers_json: String,
}

/// Counter rows with `choice = ANSWERED` count the responses that answered
/// a question; question 0 with it counts all responses.
const ANSWERED: i64 = -2;

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

impl From<civic_core::polls::Cell> for AnswerRow {
    fn from(c: civic_core::polls::Cell) -> Self {
        AnswerRow {
            question_id: c.question_id,
            choice: c.choice,
            rank: c.rank,
            value: c.value,
            text: c.text,
        }
    }
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

pub(crate) const SELECT: &str = "SELECT p.id, p.space_id, p.title, p.intro, p.opens_at, p.closes_at, p.results_visibility, \
     p.allow_changes, p.questions_json, p.created_at, p.status, p.eligibility, p.districts, p.anonymous, \
     COALESCE((SELECT t.count FROM poll_tallies t WHERE t.tenant_id = p.tenant_id AND t.poll_id = p.id \
       AND t.question_id = 0 AND t.choice = -2 AND t.rank = 0 AND t.value = 0), 0) AS response_count \
     FROM polls p JOIN spaces sp ON sp.tenant_id = p.tenant_id AND sp.id = p.space_id";

/// Adds `deltas` to the counters, in key order (parallel transactions lock
/// the rows in the same order, so they wait rather than deadlock).
async fn tally(
    tx: &mut sqlx::AnyConnection,
    tenant: TenantId,
    poll: i64,
    deltas: &BTreeMap<(i64, i64, i64, u64), i64>,
) -> Result<(), StoreError> {
    let rows: Vec<_> = deltas.iter().filter(|(_, d)| **d != 0).collect();
    for batch in rows.chunks(50) {
        let mut sql = String::from(
            "INSERT INTO poll_tallies (tenant_id, poll_id, question_id, choice, rank, value, count) VALUES ",
        );
        for i in 0..batch.len() {
            let b = i * 5 + 3;
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!(
                "($1, $2, ${}, ${}, ${}, ${}, ${})",
                b,
                b + 1,
                b + 2,
                b + 3,
                b + 4
            ));
        }
        sql.push_str(
            " ON CONFLICT (tenant_id, poll_id, question_id, choice, rank, value) \
             DO UPDATE SET count = poll_tallies.count + excluded.count",
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(tenant.0).bind(poll);
        for ((question, choice, rank, value), delta) in batch {
            query = query
                .bind(*question)
                .bind(*choice)
                .bind(*rank)
                .bind(f64::from_bits(*value))
                .bind(**delta);
        }
        query.execute(&mut *tx).await?;
    }
    Ok(())
}

/// Adds `deltas` to the responses counted per stated district, in name
/// order (as `tally`, so parallel transactions do not deadlock).
async fn tally_districts(
    tx: &mut sqlx::AnyConnection,
    tenant: TenantId,
    poll: i64,
    deltas: &BTreeMap<String, i64>,
) -> Result<(), StoreError> {
    for (district, delta) in deltas {
        if district.is_empty() || *delta == 0 {
            continue;
        }
        sqlx::query(
            "INSERT INTO poll_district_tallies (tenant_id, poll_id, district, count) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, poll_id, district) DO UPDATE SET count = poll_district_tallies.count + excluded.count",
        )
        .bind(tenant.0)
        .bind(poll)
        .bind(district.as_str())
        .bind(*delta)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// What one response adds to the counters (`sign` −1 takes it away).
fn deltas_of(answers: &[AnswerRow], sign: i64, into: &mut BTreeMap<(i64, i64, i64, u64), i64>) {
    *into.entry((0, ANSWERED, 0, 0f64.to_bits())).or_default() += sign;
    let mut questions = std::collections::BTreeSet::new();
    for a in answers {
        // Free text is listed, not counted; "other" (a choice with text) is counted.
        if a.choice >= 0 || a.text.is_none() {
            *into
                .entry((a.question_id, a.choice, a.rank, a.value.to_bits()))
                .or_default() += sign;
        }
        questions.insert(a.question_id);
    }
    for q in questions {
        *into.entry((q, ANSWERED, 0, 0f64.to_bits())).or_default() += sign;
    }
}

async fn answers_in(
    tx: &mut sqlx::AnyConnection,
    tenant: TenantId,
    response: i64,
) -> Result<Vec<AnswerRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT question_id, choice, rank, value, text FROM poll_answers WHERE tenant_id = $1 AND response_id = $2",
    )
    .bind(tenant.0)
    .bind(response)
    .fetch_all(&mut *tx)
    .await?)
}

/// The counters of one poll rebuilt from its stored answers, in one
/// transaction: for rows written around the response path (bulk loads) and
/// for repair. The same rules as `deltas_of`.
pub async fn recount_poll(db: &Db, tenant: TenantId, poll: i64) -> Result<(), StoreError> {
    let mut tx = db.unit().await?;
    let by_poll = "tenant_id = $1 AND poll_id = $2";
    for table in ["poll_tallies", "poll_district_tallies"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE {by_poll}")))
            .bind(tenant.0)
            .bind(poll)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO poll_district_tallies (tenant_id, poll_id, district, count) \
         SELECT $1, $2, district, COUNT(*) FROM poll_responses WHERE {by_poll} AND district <> '' GROUP BY district"
    )))
    .bind(tenant.0)
    .bind(poll)
    .execute(&mut *tx)
    .await?;
    for select in [
        format!("SELECT 0, {ANSWERED}, 0, 0.0, COUNT(*) FROM poll_responses WHERE {by_poll}"),
        format!(
            "SELECT question_id, {ANSWERED}, 0, 0.0, COUNT(DISTINCT response_id) FROM poll_answers \
             WHERE {by_poll} GROUP BY question_id"
        ),
        format!(
            "SELECT question_id, choice, rank, value, COUNT(*) FROM poll_answers \
             WHERE {by_poll} AND (choice >= 0 OR text IS NULL) GROUP BY question_id, choice, rank, value"
        ),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO poll_tallies (tenant_id, poll_id, question_id, choice, rank, value, count) \
             SELECT $1, $2, q.* FROM ({select}) q"
        )))
        .bind(tenant.0)
        .bind(poll)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Takes an account's responses out of the counters before the account is
/// deleted (its responses go with it).
pub(crate) async fn untally_user(
    tx: &mut sqlx::AnyConnection,
    tenant: TenantId,
    user: UserId,
) -> Result<(), StoreError> {
    let responses: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT id, poll_id, district FROM poll_responses WHERE tenant_id = $1 AND user_id = $2")
            .bind(tenant.0)
            .bind(user.0)
            .fetch_all(&mut *tx)
            .await?;
    for (response, poll, district) in responses {
        let mut deltas = BTreeMap::new();
        deltas_of(&answers_in(tx, tenant, response).await?, -1, &mut deltas);
        tally(tx, tenant, poll, &deltas).await?;
        tally_districts(tx, tenant, poll, &BTreeMap::from([(district, -1)])).await?;
    }
    Ok(())
}

pub struct Polls<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Polls<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Polls { db, tenant }
    }

    /// Rebuilds the poll's counters from its stored answers (`recount_poll`).
    pub async fn recount(&self, poll: i64) -> Result<(), StoreError> {
        recount_poll(self.db, self.tenant, poll).await
    }

    pub async fn create(&self, new: &NewPoll<'_>) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO polls (tenant_id, space_id, title, intro, opens_at, closes_at, results_visibility, \
             allow_changes, questions_json, created_at, status, eligibility, districts, anonymous) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
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
        .bind(new.status)
        .bind(new.eligibility)
        .bind(new.districts)
        .bind(i64::from(new.anonymous))
        .fetch_one(&mut *self.db.writer().await?)
        .await?)
    }

    /// Changes a poll. The questions change only while nobody has answered
    /// (checked in the same statement, so a response arriving meanwhile
    /// wins): `Ok(false)` when they differ and responses exist.
    pub async fn update(&self, id: i64, new: &NewPoll<'_>) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE polls SET title = $3, intro = $4, opens_at = $5, closes_at = $6, results_visibility = $7, \
             allow_changes = $8, questions_json = $9, eligibility = $10, districts = $11, anonymous = $12 \
             WHERE tenant_id = $1 AND id = $2 AND (questions_json = $9 OR NOT EXISTS ( \
               SELECT 1 FROM poll_responses r WHERE r.tenant_id = polls.tenant_id AND r.poll_id = polls.id))",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(new.title)
        .bind(new.intro)
        .bind(new.opens_at)
        .bind(new.closes_at)
        .bind(new.results_visibility)
        .bind(i64::from(new.allow_changes))
        .bind(new.questions_json)
        .bind(new.eligibility)
        .bind(new.districts)
        .bind(i64::from(new.anonymous))
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_status(&self, id: i64, status: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE polls SET status = $3 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(id)
            .bind(status)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(())
    }

    /// Polls of a space that is not a draft, newest first; drafts too for staff.
    pub async fn in_space(&self, space: SpaceId, with_drafts: bool) -> Result<Vec<PollRecord>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE p.tenant_id = $1 AND p.space_id = $2 AND sp.status <> 'draft' \
             AND (p.status = 'published' OR $3 = 1) ORDER BY p.created_at DESC, p.id DESC"
        )))
        .bind(self.tenant.0)
        .bind(space.0)
        .bind(i64::from(with_drafts))
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// A published poll in a space that is not a draft.
    pub async fn get(&self, id: i64) -> Result<Option<PollRecord>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE p.tenant_id = $1 AND p.id = $2 AND sp.status <> 'draft' AND p.status = 'published'"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// A poll, draft or published, for staff.
    pub async fn get_any(&self, id: i64) -> Result<Option<PollRecord>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE p.tenant_id = $1 AND p.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn draft_of(&self, poll: i64, user: UserId) -> Result<Option<DraftRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT page, district, answers_json FROM poll_drafts WHERE tenant_id = $1 AND poll_id = $2 AND user_id = $3",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .bind(user.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Saves (or replaces) the account's progress.
    pub async fn save_draft(
        &self,
        poll: i64,
        user: UserId,
        page: i64,
        district: &str,
        answers_json: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO poll_drafts (tenant_id, poll_id, user_id, page, district, answers_json, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, poll_id, user_id) \
             DO UPDATE SET page = excluded.page, district = excluded.district, answers_json = excluded.answers_json, \
             updated_at = excluded.updated_at",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .bind(user.0)
        .bind(page)
        .bind(district)
        .bind(answers_json)
        .bind(Timestamp::now().0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// Stores a response and its answers in one transaction, with the
    /// counters and the end of the account's saved progress. The unique key
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
        self.submit_from(poll, user, "", allow_changes, answers, at).await
    }

    /// `submit` with the district the respondent stated.
    pub async fn submit_from(
        &self,
        poll: i64,
        user: UserId,
        district: &str,
        allow_changes: bool,
        answers: &[AnswerRow],
        at: Timestamp,
    ) -> Result<Submitted, StoreError> {
        let mut tx = self.db.unit().await?;
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO poll_responses (tenant_id, poll_id, user_id, submitted_at, district) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (tenant_id, poll_id, user_id) DO NOTHING RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .bind(user.0)
        .bind(at.0)
        .bind(district)
        .fetch_optional(&mut *tx)
        .await?;
        let mut deltas = BTreeMap::new();
        let mut district_deltas: BTreeMap<String, i64> = BTreeMap::new();
        let outcome = match inserted {
            Some(id) => {
                *district_deltas.entry(district.to_string()).or_default() += 1;
                Submitted::Created(id)
            }
            None if !allow_changes => {
                tx.rollback().await?;
                return Ok(Submitted::AlreadyAnswered);
            }
            None => {
                let before: String = sqlx::query_scalar(
                    "SELECT district FROM poll_responses WHERE tenant_id = $1 AND poll_id = $2 AND user_id = $3",
                )
                .bind(self.tenant.0)
                .bind(poll)
                .bind(user.0)
                .fetch_one(&mut *tx)
                .await?;
                if !district.is_empty() && district != before {
                    *district_deltas.entry(before).or_default() -= 1;
                    *district_deltas.entry(district.to_string()).or_default() += 1;
                }
                let id: i64 = sqlx::query_scalar(
                    // A change that states no district keeps the one stated before.
                    "UPDATE poll_responses SET submitted_at = $4, district = CASE WHEN $5 = '' THEN district ELSE $5 END \
                     WHERE tenant_id = $1 AND poll_id = $2 AND user_id = $3 RETURNING id",
                )
                .bind(self.tenant.0)
                .bind(poll)
                .bind(user.0)
                .bind(at.0)
                .bind(district)
                .fetch_one(&mut *tx)
                .await?;
                deltas_of(&answers_in(&mut tx, self.tenant, id).await?, -1, &mut deltas);
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
        deltas_of(answers, 1, &mut deltas);
        tally(&mut tx, self.tenant, poll, &deltas).await?;
        tally_districts(&mut tx, self.tenant, poll, &district_deltas).await?;
        sqlx::query("DELETE FROM poll_drafts WHERE tenant_id = $1 AND poll_id = $2 AND user_id = $3")
            .bind(self.tenant.0)
            .bind(poll)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
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
                .fetch_optional(&mut *self.db.reader().await?)
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
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Answers counted by (question, choice, rank, value), read from the
    /// counters: as many rows as distinct answers, whatever the responses.
    pub async fn counts(&self, poll: i64) -> Result<Vec<AnswerCount>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT question_id, choice, rank, value, count FROM poll_tallies \
             WHERE tenant_id = $1 AND poll_id = $2 AND question_id > 0 AND choice <> -2 AND count > 0 \
             ORDER BY question_id, choice, rank, value",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Responses that answered each question: (question, responses).
    pub async fn answered(&self, poll: i64) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT question_id, count FROM poll_tallies \
             WHERE tenant_id = $1 AND poll_id = $2 AND question_id > 0 AND choice = -2",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// `counts`, `answered` and the number of responses, for the responses
    /// a filter keeps: aggregate queries over the answers (filtered views
    /// are for staff and analysts, not every page view).
    pub async fn filtered(
        &self,
        poll: i64,
        filter: &Filter,
    ) -> Result<(Vec<AnswerCount>, Vec<(i64, i64)>, i64), StoreError> {
        const KEEP: &str = "($3 = '' OR r.district = $3) AND ($4 = 0 OR EXISTS (SELECT 1 FROM poll_answers f \
             WHERE f.tenant_id = r.tenant_id AND f.response_id = r.id AND f.question_id = $4 AND f.choice = $5))";
        let district = filter.district.clone().unwrap_or_default();
        let (question, option) = filter.answer.unwrap_or((0, 0));
        let from = "FROM poll_answers a JOIN poll_responses r ON r.tenant_id = a.tenant_id AND r.id = a.response_id \
             WHERE a.tenant_id = $1 AND a.poll_id = $2";
        let counts = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT a.question_id, a.choice, a.rank, a.value, COUNT(*) AS count {from} AND {KEEP} \
             AND (a.choice >= 0 OR a.text IS NULL) \
             GROUP BY a.question_id, a.choice, a.rank, a.value ORDER BY a.question_id, a.choice, a.rank, a.value"
        )))
        .bind(self.tenant.0)
        .bind(poll)
        .bind(&district)
        .bind(question)
        .bind(option)
        .fetch_all(&mut *self.db.reader().await?)
        .await?;
        let answered = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT a.question_id, COUNT(DISTINCT a.response_id) {from} AND {KEEP} GROUP BY a.question_id"
        )))
        .bind(self.tenant.0)
        .bind(poll)
        .bind(&district)
        .bind(question)
        .bind(option)
        .fetch_all(&mut *self.db.reader().await?)
        .await?;
        let total = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM poll_responses r WHERE r.tenant_id = $1 AND r.poll_id = $2 AND {KEEP}"
        )))
        .bind(self.tenant.0)
        .bind(poll)
        .bind(&district)
        .bind(question)
        .bind(option)
        .fetch_one(&mut *self.db.reader().await?)
        .await?;
        Ok((counts, answered, total))
    }

    /// The districts respondents stated, with how many responses each (kept
    /// with every response, so reading them does not count responses).
    pub async fn districts(&self, poll: i64) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT district, count FROM poll_district_tallies WHERE tenant_id = $1 AND poll_id = $2 AND count > 0 \
             ORDER BY district",
        )
        .bind(self.tenant.0)
        .bind(poll)
        .fetch_all(&mut *self.db.reader().await?)
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
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Up to `limit` responses after `after_response`, oldest first, each
    /// with its answers ordered by question, rank and choice. The answers
    /// of a response arrive as one JSON array: a 20-question survey would
    /// otherwise be 20 rows per response, and the driver's cost is per row
    /// (100,000 responses: 8.8 s as rows on SQLite).
    pub async fn export_batch(
        &self,
        poll: i64,
        after_response: i64,
        limit: i64,
    ) -> Result<Vec<(i64, Vec<AnswerRow>)>, StoreError> {
        let answers = match self.db.backend() {
            Backend::Sqlite => {
                "(SELECT json_group_array(json_array(a.question_id, a.choice, a.rank, a.value, a.text) \
                 ORDER BY a.question_id, a.rank, a.choice) \
                 FROM poll_answers a WHERE a.tenant_id = r.tenant_id AND a.response_id = r.id)"
            }
            Backend::Postgres => {
                "COALESCE((SELECT CAST(json_agg(json_build_array(a.question_id, a.choice, a.rank, a.value, a.text) \
                 ORDER BY a.question_id, a.rank, a.choice) AS TEXT) \
                 FROM poll_answers a WHERE a.tenant_id = r.tenant_id AND a.response_id = r.id), '[]')"
            }
        };
        let rows: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT r.id, {answers} FROM poll_responses r \
             WHERE r.tenant_id = $1 AND r.poll_id = $2 AND r.id > $3 ORDER BY r.id LIMIT $4"
        )))
        .bind(self.tenant.0)
        .bind(poll)
        .bind(after_response)
        .bind(limit)
        .fetch_all(&mut *self.db.reader().await?)
        .await?;
        type Cell = (i64, i64, i64, f64, Option<String>);
        rows.into_iter()
            .map(|(response, json)| {
                let cells: Vec<Cell> =
                    serde_json::from_str(&json).map_err(|e| StoreError::Other(sqlx::Error::Decode(Box::new(e))))?;
                let answers = cells
                    .into_iter()
                    .map(|(question_id, choice, rank, value, text)| AnswerRow {
                        question_id,
                        choice,
                        rank,
                        value,
                        text,
                    })
                    .collect();
                Ok((response, answers))
            })
            .collect()
    }
}
