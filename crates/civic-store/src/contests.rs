//! Contests: the challenge with its criteria and phase dates, submissions,
//! one public vote per person and contest, the jurors of a contest, their
//! declared conflicts and scores, and the announcement of the winners.

use crate::{Db, StoreError};
use civic_core::contests::{Award, Contest, Criterion, Schedule, Score, Submission};
use civic_core::{SpaceId, TenantId, Timestamp, UserId};

const SELECT_CONTEST: &str = "SELECT c.id, c.space_id, c.title, c.brief, c.rules, c.eligibility, c.prizes, \
     c.public_vote, c.opens_at, c.submissions_end, c.vote_end, c.jury_end, c.announced_at, c.announcement, c.created_at, \
     CAST(CASE WHEN sp.status = 'draft' THEN 1 ELSE 0 END AS BIGINT) AS space_draft, \
     (SELECT COUNT(*) FROM contest_submissions s WHERE s.tenant_id = c.tenant_id AND s.contest_id = c.id) AS submission_count \
     FROM contests c JOIN spaces sp ON sp.tenant_id = c.tenant_id AND sp.id = c.space_id";

const SELECT_SUBMISSION: &str = "SELECT s.id, s.contest_id, s.author_id, u.display_name AS author_name, s.title, \
     s.description, s.award, s.award_reason, s.created_at, \
     (SELECT COUNT(*) FROM contest_votes v WHERE v.tenant_id = s.tenant_id AND v.submission_id = s.id) AS votes \
     FROM contest_submissions s LEFT JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.author_id";

/// A contest to create.
pub struct NewContest<'a> {
    pub space: SpaceId,
    pub title: &'a str,
    pub brief: &'a str,
    pub rules: &'a str,
    pub eligibility: &'a str,
    pub prizes: &'a str,
    pub public_vote: bool,
    pub schedule: Schedule,
    pub criteria: &'a [Criterion],
    pub created_by: Option<UserId>,
}

/// One of a juror's own scores, with the comment.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JurorScore {
    pub submission_id: i64,
    pub criterion: i64,
    pub score: i64,
    pub comment: String,
}

/// A juror of a contest: (user id, display name).
pub type Juror = (i64, String);

/// The contests of one tenant.
pub struct Contests<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Contests<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Contests { db, tenant }
    }

    /// Creates the contest with its criteria, at once.
    pub async fn create(&self, new: &NewContest<'_>) -> Result<i64, StoreError> {
        let mut tx = self.db.unit().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO contests (tenant_id, space_id, title, brief, rules, eligibility, prizes, public_vote, \
             opens_at, submissions_end, vote_end, jury_end, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.space.0)
        .bind(new.title)
        .bind(new.brief)
        .bind(new.rules)
        .bind(new.eligibility)
        .bind(new.prizes)
        .bind(new.public_vote as i64)
        .bind(new.schedule.opens_at)
        .bind(new.schedule.submissions_end)
        .bind(new.schedule.vote_end)
        .bind(new.schedule.jury_end)
        .bind(new.created_by.map(|u| u.0))
        .bind(Timestamp::now().0)
        .fetch_one(&mut *tx)
        .await?;
        for c in new.criteria {
            sqlx::query(
                "INSERT INTO contest_criteria (tenant_id, contest_id, position, name, weight) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(self.tenant.0)
            .bind(id)
            .bind(c.position)
            .bind(&c.name)
            .bind(c.weight)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The contests of a space, newest first.
    pub async fn in_space(&self, space: SpaceId) -> Result<Vec<Contest>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_CONTEST} WHERE c.tenant_id = $1 AND c.space_id = $2 ORDER BY c.created_at DESC, c.id DESC"
        )))
        .bind(self.tenant.0)
        .bind(space.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn get(&self, id: i64) -> Result<Option<Contest>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_CONTEST} WHERE c.tenant_id = $1 AND c.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn criteria(&self, contest: i64) -> Result<Vec<Criterion>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT position, name, weight FROM contest_criteria WHERE tenant_id = $1 AND contest_id = $2 ORDER BY position",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Moves the phase dates (staff closing a phase early); not once the
    /// winners are announced.
    pub async fn reschedule(&self, contest: i64, s: &Schedule) -> Result<bool, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query(
            "UPDATE contests SET opens_at = $3, submissions_end = $4, vote_end = $5, jury_end = $6 \
             WHERE tenant_id = $1 AND id = $2 AND announced_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .bind(s.opens_at)
        .bind(s.submissions_end)
        .bind(s.vote_end)
        .bind(s.jury_end)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1)
    }

    /// Adds a submission if the contest takes submissions at `at` (checked
    /// in the same statement, so a phase closed meanwhile wins): `None`.
    pub async fn add_submission(
        &self,
        contest: i64,
        author: UserId,
        title: &str,
        description: &str,
        at: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO contest_submissions (tenant_id, contest_id, author_id, title, description, created_at) \
             SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM contests c WHERE c.tenant_id = $1 AND c.id = $2 \
             AND c.opens_at <= $6 AND $6 < c.submissions_end AND c.announced_at IS NULL) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .bind(author.0)
        .bind(title)
        .bind(description)
        .bind(at.0)
        .fetch_optional(&mut *conn)
        .await?)
    }

    /// Every submission of a contest, oldest first.
    pub async fn submissions(&self, contest: i64) -> Result<Vec<Submission>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_SUBMISSION} WHERE s.tenant_id = $1 AND s.contest_id = $2 ORDER BY s.id"
        )))
        .bind(self.tenant.0)
        .bind(contest)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn submission(&self, id: i64) -> Result<Option<Submission>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_SUBMISSION} WHERE s.tenant_id = $1 AND s.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Casts or changes a person's public vote: one per person and contest
    /// (`contest_votes_one_per_person_key`), the latest choice kept.
    pub async fn vote(&self, contest: i64, user: UserId, submission: i64) -> Result<(), StoreError> {
        let mut conn = self.db.writer().await?;
        sqlx::query(
            "INSERT INTO contest_votes (tenant_id, contest_id, user_id, submission_id, voted_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (tenant_id, contest_id, user_id) DO UPDATE SET submission_id = excluded.submission_id, \
             voted_at = excluded.voted_at",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .bind(user.0)
        .bind(submission)
        .bind(Timestamp::now().0)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Withdraws a person's public vote (none: no change).
    pub async fn unvote(&self, contest: i64, user: UserId) -> Result<(), StoreError> {
        let mut conn = self.db.writer().await?;
        sqlx::query("DELETE FROM contest_votes WHERE tenant_id = $1 AND contest_id = $2 AND user_id = $3")
            .bind(self.tenant.0)
            .bind(contest)
            .bind(user.0)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// The submission a person voted for.
    pub async fn vote_of(&self, contest: i64, user: UserId) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT submission_id FROM contest_votes WHERE tenant_id = $1 AND contest_id = $2 AND user_id = $3",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .bind(user.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Appoints a juror; false when they were one already.
    pub async fn add_juror(&self, contest: i64, user: UserId) -> Result<bool, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query(
            "INSERT INTO contest_jurors (tenant_id, contest_id, user_id, added_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, contest_id, user_id) DO NOTHING",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .bind(user.0)
        .bind(Timestamp::now().0)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1)
    }

    /// The jurors of a contest, in the order appointed.
    pub async fn jurors(&self, contest: i64) -> Result<Vec<Juror>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT j.user_id, u.display_name FROM contest_jurors j JOIN users u ON u.tenant_id = j.tenant_id \
             AND u.id = j.user_id WHERE j.tenant_id = $1 AND j.contest_id = $2 ORDER BY j.added_at, j.user_id",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn is_juror(&self, contest: i64, user: UserId) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM contest_jurors WHERE tenant_id = $1 AND contest_id = $2 AND user_id = $3",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .bind(user.0)
        .fetch_one(&mut *self.db.reader().await?)
        .await?;
        Ok(n > 0)
    }

    /// A juror declares a conflict of interest on a submission: it leaves
    /// their sheet and any score they gave it goes.
    pub async fn declare_conflict(&self, submission: i64, juror: UserId) -> Result<(), StoreError> {
        let mut tx = self.db.unit().await?;
        sqlx::query(
            "INSERT INTO contest_conflicts (tenant_id, submission_id, juror_id, declared_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, submission_id, juror_id) DO NOTHING",
        )
        .bind(self.tenant.0)
        .bind(submission)
        .bind(juror.0)
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM contest_scores WHERE tenant_id = $1 AND submission_id = $2 AND juror_id = $3")
            .bind(self.tenant.0)
            .bind(submission)
            .bind(juror.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The submissions of a contest a juror declared a conflict on.
    pub async fn conflicts_of(&self, contest: i64, juror: UserId) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT k.submission_id FROM contest_conflicts k JOIN contest_submissions s \
             ON s.tenant_id = k.tenant_id AND s.id = k.submission_id \
             WHERE k.tenant_id = $1 AND s.contest_id = $2 AND k.juror_id = $3 ORDER BY k.submission_id",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .bind(juror.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Sets a juror's scores on a submission (criterion, score, comment),
    /// each replacing the one given before; nothing when the juror has
    /// declared a conflict on it (checked by every statement): false.
    pub async fn set_scores(
        &self,
        submission: i64,
        juror: UserId,
        scores: &[(i64, i64, String)],
    ) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let now = Timestamp::now().0;
        for (criterion, score, comment) in scores {
            let done = sqlx::query(
                "INSERT INTO contest_scores (tenant_id, submission_id, juror_id, criterion, score, comment, scored_at) \
                 SELECT $1, $2, $3, $4, $5, $6, $7 WHERE NOT EXISTS (SELECT 1 FROM contest_conflicts k \
                 WHERE k.tenant_id = $1 AND k.submission_id = $2 AND k.juror_id = $3) \
                 ON CONFLICT (tenant_id, submission_id, juror_id, criterion) DO UPDATE SET score = excluded.score, \
                 comment = excluded.comment, scored_at = excluded.scored_at",
            )
            .bind(self.tenant.0)
            .bind(submission)
            .bind(juror.0)
            .bind(*criterion)
            .bind(*score)
            .bind(comment.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done != 1 {
                return Ok(false);
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    /// A juror's own scores in a contest.
    pub async fn scores_by(&self, contest: i64, juror: UserId) -> Result<Vec<JurorScore>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT x.submission_id, x.criterion, x.score, x.comment FROM contest_scores x JOIN contest_submissions s \
             ON s.tenant_id = x.tenant_id AND s.id = x.submission_id \
             WHERE x.tenant_id = $1 AND s.contest_id = $2 AND x.juror_id = $3 ORDER BY x.submission_id, x.criterion",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .bind(juror.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Every score of a contest: (submission, juror, criterion, score); a
    /// juror whose account is gone counts as juror 0.
    pub async fn scores(&self, contest: i64) -> Result<Vec<Score>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT x.submission_id, COALESCE(x.juror_id, 0), x.criterion, x.score FROM contest_scores x \
             JOIN contest_submissions s ON s.tenant_id = x.tenant_id AND s.id = x.submission_id \
             WHERE x.tenant_id = $1 AND s.contest_id = $2",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Announces the winners and mentions with their reasons, once: false
    /// when the contest was announced already (a concurrent announcement
    /// wins once).
    pub async fn announce(
        &self,
        contest: i64,
        text: &str,
        awards: &[(i64, Award, String)],
    ) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let done = sqlx::query(
            "UPDATE contests SET announced_at = $3, announcement = $4 WHERE tenant_id = $1 AND id = $2 AND announced_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(contest)
        .bind(Timestamp::now().0)
        .bind(text)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done != 1 {
            return Ok(false);
        }
        for (submission, award, reason) in awards {
            sqlx::query(
                "UPDATE contest_submissions SET award = $4, award_reason = $5 \
                 WHERE tenant_id = $1 AND contest_id = $2 AND id = $3",
            )
            .bind(self.tenant.0)
            .bind(contest)
            .bind(*submission)
            .bind(*award)
            .bind(reason.as_str())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}
