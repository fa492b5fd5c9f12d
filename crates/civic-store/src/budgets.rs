//! Participatory budgets: the budget, its projects with their review and
//! implementation, and one ballot per voter (by `voter_key`) with its marks.

use crate::{Db, StoreError};
use civic_core::budgets::{BallotType, Budget, BudgetPhase, Implementation, Mark, Project, ProjectStatus};
use civic_core::{SpaceId, TenantId, Timestamp, UserId};

const SELECT_BUDGET: &str = "SELECT b.id, b.space_id, b.title, b.description, b.amount, b.ballot_type, b.min_choices, \
     b.max_choices, b.points_total, b.rule, b.threshold, b.phase, b.submission_ends, b.voting_ends, b.exclude_own, \
     b.created_at, CAST(CASE WHEN sp.status = 'draft' THEN 1 ELSE 0 END AS BIGINT) AS space_draft, \
     (SELECT COUNT(*) FROM budget_projects p WHERE p.tenant_id = b.tenant_id AND p.budget_id = b.id) AS project_count, \
     b.ballot_count \
     FROM budgets b JOIN spaces sp ON sp.tenant_id = b.tenant_id AND sp.id = b.space_id";

const SELECT_PROJECT: &str = "SELECT p.id, p.budget_id, p.author_id, u.display_name AS author_name, p.title, p.body, \
     p.cost, p.category, p.district, p.latitude, p.longitude, p.status, p.review, p.implementation, \
     p.implementation_note, p.created_at \
     FROM budget_projects p LEFT JOIN users u ON u.tenant_id = p.tenant_id AND u.id = p.author_id";

/// A budget to create.
pub struct NewBudget<'a> {
    pub space: SpaceId,
    pub title: &'a str,
    pub description: &'a str,
    pub amount: i64,
    pub ballot_type: BallotType,
    pub min_choices: i64,
    pub max_choices: i64,
    pub points_total: i64,
    pub rule: &'a str,
    pub threshold: Option<i64>,
    pub phase: BudgetPhase,
    pub submission_ends: Option<i64>,
    pub voting_ends: Option<i64>,
    pub exclude_own: bool,
}

/// A project to add.
pub struct NewProject<'a> {
    pub author: Option<UserId>,
    pub title: &'a str,
    pub body: &'a str,
    pub cost: i64,
    pub category: Option<&'a str>,
    pub district: Option<&'a str>,
    pub location: Option<(f64, f64)>,
    /// `Submitted` for a resident's proposal; staff may add reviewed ones.
    pub status: ProjectStatus,
}

/// A stored ballot: where and when it was cast.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BallotRecord {
    pub id: i64,
    pub channel: String,
    pub cast_at: i64,
}

/// One mark of a ballot, for counting.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct MarkRow {
    pub ballot_id: i64,
    pub project_id: i64,
    pub position: i64,
    pub points: i64,
}

pub struct Budgets<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Budgets<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Budgets { db, tenant }
    }

    pub async fn create(&self, new: &NewBudget<'_>) -> Result<i64, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO budgets (tenant_id, space_id, title, description, amount, ballot_type, min_choices, max_choices, \
             points_total, rule, threshold, phase, submission_ends, voting_ends, exclude_own, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.space.0)
        .bind(new.title)
        .bind(new.description)
        .bind(new.amount)
        .bind(new.ballot_type)
        .bind(new.min_choices)
        .bind(new.max_choices)
        .bind(new.points_total)
        .bind(new.rule)
        .bind(new.threshold)
        .bind(new.phase)
        .bind(new.submission_ends)
        .bind(new.voting_ends)
        .bind(i64::from(new.exclude_own))
        .bind(Timestamp::now().0)
        .fetch_one(&mut *conn)
        .await?)
    }

    /// The budgets of a space, oldest first (the order the city set them up).
    pub async fn in_space(&self, space: SpaceId) -> Result<Vec<Budget>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_BUDGET} WHERE b.tenant_id = $1 AND b.space_id = $2 ORDER BY b.created_at, b.id"
        )))
        .bind(self.tenant.0)
        .bind(space.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Budgets that ask residents for something (projects or ballots),
    /// across the tenant's published spaces, oldest first (the home page).
    pub async fn asking(&self) -> Result<Vec<Budget>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_BUDGET} WHERE b.tenant_id = $1 AND b.phase IN ('submission', 'voting') \
             AND sp.status = 'published' ORDER BY b.id"
        )))
        .bind(self.tenant.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn get(&self, id: i64) -> Result<Option<Budget>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_BUDGET} WHERE b.tenant_id = $1 AND b.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Moves the budget to a phase and sets its closing dates.
    pub async fn set_phase(
        &self,
        id: i64,
        phase: BudgetPhase,
        submission_ends: Option<i64>,
        voting_ends: Option<i64>,
    ) -> Result<bool, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query(
            "UPDATE budgets SET phase = $3, submission_ends = $4, voting_ends = $5 WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(phase)
        .bind(submission_ends)
        .bind(voting_ends)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1)
    }

    pub async fn add_project(&self, budget: i64, new: &NewProject<'_>) -> Result<i64, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO budget_projects (tenant_id, budget_id, author_id, title, body, cost, category, district, \
             latitude, longitude, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(budget)
        .bind(new.author.map(|a| a.0))
        .bind(new.title)
        .bind(new.body)
        .bind(new.cost)
        .bind(new.category)
        .bind(new.district)
        .bind(new.location.map(|l| l.0))
        .bind(new.location.map(|l| l.1))
        .bind(new.status)
        .bind(Timestamp::now().0)
        .fetch_one(&mut *conn)
        .await?)
    }

    /// The projects of a budget in submission order.
    pub async fn projects(&self, budget: i64) -> Result<Vec<Project>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_PROJECT} WHERE p.tenant_id = $1 AND p.budget_id = $2 ORDER BY p.id"
        )))
        .bind(self.tenant.0)
        .bind(budget)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Funded or tracked projects of the tenant (those with an
    /// implementation status), newest first.
    pub async fn tracked_projects(&self) -> Result<Vec<Project>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_PROJECT} JOIN budgets b ON b.tenant_id = p.tenant_id AND b.id = p.budget_id \
             JOIN spaces sp ON sp.tenant_id = b.tenant_id AND sp.id = b.space_id \
             WHERE p.tenant_id = $1 AND p.implementation IS NOT NULL AND sp.status <> 'draft' ORDER BY p.id DESC"
        )))
        .bind(self.tenant.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn project(&self, id: i64) -> Result<Option<Project>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_PROJECT} WHERE p.tenant_id = $1 AND p.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Of the given projects, those on the budget's ballot (reviewed
    /// feasible): (id, cost, author). A ballot names few projects, so only
    /// those are read; a list longer than any ballot reads the whole ballot.
    pub async fn on_ballot(&self, budget: i64, ids: &[i64]) -> Result<Vec<(i64, i64, Option<i64>)>, StoreError> {
        const MOST: usize = 200;
        let mut sql = String::from(
            "SELECT id, cost, author_id FROM budget_projects WHERE tenant_id = $1 AND budget_id = $2 \
             AND status IN ('feasible', 'feasible_with_changes')",
        );
        let listed = !ids.is_empty() && ids.len() <= MOST;
        if listed {
            let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 3)).collect();
            sql.push_str(&format!(" AND id IN ({})", marks.join(", ")));
        }
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(budget);
        if listed {
            for id in ids {
                query = query.bind(*id);
            }
        }
        Ok(query.fetch_all(&mut *self.db.reader().await?).await?)
    }

    /// True when some ballot names the project.
    pub async fn has_marks(&self, project: i64) -> Result<bool, StoreError> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT project_id FROM budget_marks WHERE tenant_id = $1 AND project_id = $2 LIMIT 1")
                .bind(self.tenant.0)
                .bind(project)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?;
        Ok(found.is_some())
    }

    /// Records the city's review conclusion and the corrected cost.
    pub async fn review(&self, project: i64, status: ProjectStatus, text: &str, cost: i64) -> Result<bool, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query(
            "UPDATE budget_projects SET status = $3, review = $4, cost = $5 WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(project)
        .bind(status)
        .bind(text)
        .bind(cost)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1)
    }

    /// Sets how the building of a funded project goes.
    pub async fn set_implementation(
        &self,
        project: i64,
        status: Implementation,
        note: &str,
    ) -> Result<bool, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query(
            "UPDATE budget_projects SET implementation = $3, implementation_note = $4 WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(project)
        .bind(status)
        .bind(note)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1)
    }

    /// The ballot of a voter in a budget, if any.
    pub async fn ballot_of(&self, budget: i64, voter_key: &str) -> Result<Option<BallotRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, channel, cast_at FROM budget_ballots WHERE tenant_id = $1 AND budget_id = $2 AND voter_key = $3",
        )
        .bind(self.tenant.0)
        .bind(budget)
        .bind(voter_key)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// The projects a ballot names, in its order (with their positions).
    pub async fn marks_of(&self, ballot: i64) -> Result<Vec<MarkRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT ballot_id, project_id, position, points FROM budget_marks WHERE tenant_id = $1 AND ballot_id = $2 ORDER BY position",
        )
        .bind(self.tenant.0)
        .bind(ballot)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Stores a ballot and its marks at once; the unique voter key makes a
    /// second ballot of the same voter a conflict
    /// (`budget_ballots_one_per_voter_key`) that stores nothing.
    pub async fn cast(
        &self,
        budget: i64,
        voter_key: &str,
        voter: Option<UserId>,
        channel: &str,
        marks: &[Mark],
    ) -> Result<i64, StoreError> {
        let mut tx = self.db.unit().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO budget_ballots (tenant_id, budget_id, voter_key, voter_id, channel, cast_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(budget)
        .bind(voter_key)
        .bind(voter.map(|v| v.0))
        .bind(channel)
        .bind(Timestamp::now().0)
        .fetch_one(&mut *tx)
        .await?;
        for m in marks {
            sqlx::query(
                "INSERT INTO budget_marks (tenant_id, ballot_id, budget_id, project_id, position, points) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(self.tenant.0)
            .bind(id)
            .bind(budget)
            .bind(m.project)
            .bind(m.position)
            .bind(m.points)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE budgets SET ballot_count = ballot_count + 1 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(budget)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes a voter's ballot of the given channel; false when there was
    /// none (or a concurrent cancel removed it first: the count then moves
    /// once, by the rows this call deleted).
    pub async fn cancel(&self, budget: i64, voter_key: &str, channel: &str) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let ballot: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM budget_ballots WHERE tenant_id = $1 AND budget_id = $2 AND voter_key = $3 AND channel = $4",
        )
        .bind(self.tenant.0)
        .bind(budget)
        .bind(voter_key)
        .bind(channel)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(ballot) = ballot else {
            return Ok(false);
        };
        sqlx::query("DELETE FROM budget_marks WHERE tenant_id = $1 AND ballot_id = $2")
            .bind(self.tenant.0)
            .bind(ballot)
            .execute(&mut *tx)
            .await?;
        let deleted = sqlx::query("DELETE FROM budget_ballots WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(ballot)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("UPDATE budgets SET ballot_count = ballot_count - $3 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(budget)
            .bind(deleted as i64)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(deleted == 1)
    }

    /// Every mark of every ballot of a budget, by ballot then position (for counting).
    pub async fn all_marks(&self, budget: i64) -> Result<Vec<MarkRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT ballot_id, project_id, position, points FROM budget_marks WHERE tenant_id = $1 AND budget_id = $2 \
             ORDER BY ballot_id, position",
        )
        .bind(self.tenant.0)
        .bind(budget)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}
