//! Joint projects: the project with its origin, milestones, progress
//! updates and volunteer tasks; a sign-up counts once per person and task
//! and never beyond the task's capacity.

use crate::{Db, StoreError};
use civic_core::joint_projects::{
    JointProject, Milestone, MilestoneStatus, Origin, ProgressUpdate, ProjectStatus, VolunteerTask,
};
use civic_core::{SpaceId, TenantId, Timestamp, UserId};

const SELECT_PROJECT: &str = "SELECT p.id, p.space_id, sp.title AS space_title, p.title, p.goal, p.department, \
     p.budget, p.spent, p.starts_at, p.ends_at, p.location, p.status, p.origin_kind, p.origin_id, p.created_at, p.updated_at, \
     CAST(CASE WHEN sp.status = 'draft' THEN 1 ELSE 0 END AS BIGINT) AS space_draft, \
     (SELECT COUNT(*) FROM project_milestones m WHERE m.tenant_id = p.tenant_id AND m.project_id = p.id) AS milestone_count, \
     (SELECT COUNT(*) FROM project_milestones m WHERE m.tenant_id = p.tenant_id AND m.project_id = p.id \
      AND m.status = 'done') AS milestones_done \
     FROM joint_projects p JOIN spaces sp ON sp.tenant_id = p.tenant_id AND sp.id = p.space_id";

/// A project to create.
pub struct NewJointProject<'a> {
    pub space: SpaceId,
    pub title: &'a str,
    pub goal: &'a str,
    pub department: &'a str,
    pub budget: Option<i64>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub location: &'a str,
    pub status: ProjectStatus,
    pub origin: Origin,
    pub origin_id: Option<i64>,
    pub created_by: Option<UserId>,
}

/// What a sign-up did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignUp {
    Done,
    /// The person was signed up already: nothing changed.
    Already,
    /// The task is full: nothing stored.
    Full,
}

pub struct JointProjects<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> JointProjects<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        JointProjects { db, tenant }
    }

    pub async fn create(&self, new: &NewJointProject<'_>) -> Result<i64, StoreError> {
        let mut conn = self.db.writer().await?;
        let now = Timestamp::now().0;
        Ok(sqlx::query_scalar(
            "INSERT INTO joint_projects (tenant_id, space_id, title, goal, department, budget, starts_at, ends_at, \
             location, status, origin_kind, origin_id, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.space.0)
        .bind(new.title)
        .bind(new.goal)
        .bind(new.department)
        .bind(new.budget)
        .bind(new.starts_at)
        .bind(new.ends_at)
        .bind(new.location)
        .bind(new.status)
        .bind(new.origin)
        .bind(new.origin_id)
        .bind(new.created_by.map(|u| u.0))
        .bind(now)
        .fetch_one(&mut *conn)
        .await?)
    }

    /// A page of the tenant's projects, newest first, after the project
    /// `before` (the cursor: ids below it); with `status`, only those;
    /// projects of draft spaces only with `drafts`. `limit` rows at most.
    pub async fn list(
        &self,
        status: Option<ProjectStatus>,
        before: Option<i64>,
        drafts: bool,
        limit: u32,
    ) -> Result<Vec<JointProject>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_PROJECT} WHERE p.tenant_id = $1 AND ($2 IS NULL OR p.status = $2) AND ($3 IS NULL OR p.id < $3) \
             AND ($4 = 1 OR sp.status <> 'draft') ORDER BY p.id DESC LIMIT $5"
        )))
        .bind(self.tenant.0)
        .bind(status.map(|s| s.as_str()))
        .bind(before)
        .bind(drafts as i64)
        .bind(limit as i64)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// The projects of a space, newest first.
    pub async fn in_space(&self, space: SpaceId) -> Result<Vec<JointProject>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_PROJECT} WHERE p.tenant_id = $1 AND p.space_id = $2 ORDER BY p.id DESC"
        )))
        .bind(self.tenant.0)
        .bind(space.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn get(&self, id: i64) -> Result<Option<JointProject>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_PROJECT} WHERE p.tenant_id = $1 AND p.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Sets the status and the money spent.
    pub async fn set_status(&self, id: i64, status: ProjectStatus, spent: Option<i64>) -> Result<(), StoreError> {
        let mut conn = self.db.writer().await?;
        sqlx::query(
            "UPDATE joint_projects SET status = $3, spent = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(status)
        .bind(spent)
        .bind(Timestamp::now().0)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    async fn touch(&self, project: i64) -> Result<(), StoreError> {
        let mut conn = self.db.writer().await?;
        sqlx::query("UPDATE joint_projects SET updated_at = $3 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(project)
            .bind(Timestamp::now().0)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub async fn add_milestone(
        &self,
        project: i64,
        title: &str,
        planned_at: i64,
        status: MilestoneStatus,
        done_at: Option<i64>,
    ) -> Result<i64, StoreError> {
        let id = {
            let mut conn = self.db.writer().await?;
            sqlx::query_scalar(
                "INSERT INTO project_milestones (tenant_id, project_id, title, planned_at, done_at, status) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(self.tenant.0)
            .bind(project)
            .bind(title)
            .bind(planned_at)
            .bind(done_at)
            .bind(status)
            .fetch_one(&mut *conn)
            .await?
        };
        self.touch(project).await?;
        Ok(id)
    }

    pub async fn milestones(&self, project: i64) -> Result<Vec<Milestone>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, project_id, title, planned_at, done_at, status FROM project_milestones \
             WHERE tenant_id = $1 AND project_id = $2 ORDER BY planned_at, id",
        )
        .bind(self.tenant.0)
        .bind(project)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn milestone(&self, id: i64) -> Result<Option<Milestone>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, project_id, title, planned_at, done_at, status FROM project_milestones WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn set_milestone(&self, m: &Milestone) -> Result<(), StoreError> {
        {
            let mut conn = self.db.writer().await?;
            sqlx::query("UPDATE project_milestones SET status = $3, done_at = $4 WHERE tenant_id = $1 AND id = $2")
                .bind(self.tenant.0)
                .bind(m.id)
                .bind(m.status)
                .bind(m.done_at)
                .execute(&mut *conn)
                .await?;
        }
        self.touch(m.project_id).await
    }

    pub async fn add_update(
        &self,
        project: i64,
        author: Option<UserId>,
        body: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let id = {
            let mut conn = self.db.writer().await?;
            sqlx::query_scalar(
                "INSERT INTO project_updates (tenant_id, project_id, author_id, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(self.tenant.0)
            .bind(project)
            .bind(author.map(|a| a.0))
            .bind(body)
            .bind(at.0)
            .fetch_one(&mut *conn)
            .await?
        };
        self.touch(project).await?;
        Ok(id)
    }

    /// The progress updates of a project, newest first.
    pub async fn updates(&self, project: i64) -> Result<Vec<ProgressUpdate>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT x.id, x.project_id, u.display_name AS author_name, x.body, x.created_at FROM project_updates x \
             LEFT JOIN users u ON u.tenant_id = x.tenant_id AND u.id = x.author_id \
             WHERE x.tenant_id = $1 AND x.project_id = $2 ORDER BY x.created_at DESC, x.id DESC",
        )
        .bind(self.tenant.0)
        .bind(project)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn add_task(
        &self,
        project: i64,
        title: &str,
        description: &str,
        happens_at: Option<i64>,
        capacity: i64,
    ) -> Result<i64, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO volunteer_tasks (tenant_id, project_id, title, description, happens_at, capacity, taken, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(project)
        .bind(title)
        .bind(description)
        .bind(happens_at)
        .bind(capacity)
        .bind(Timestamp::now().0)
        .fetch_one(&mut *conn)
        .await?)
    }

    pub async fn tasks(&self, project: i64) -> Result<Vec<VolunteerTask>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, project_id, title, description, happens_at, capacity, taken FROM volunteer_tasks \
             WHERE tenant_id = $1 AND project_id = $2 ORDER BY id",
        )
        .bind(self.tenant.0)
        .bind(project)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn task(&self, id: i64) -> Result<Option<VolunteerTask>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, project_id, title, description, happens_at, capacity, taken FROM volunteer_tasks \
             WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Signs a person up for a task: once per person (a unique key), and
    /// only while a place is free (the count rises in the same unit, under
    /// the row's lock, and a CHECK keeps it within the capacity).
    pub async fn sign_up(&self, task: i64, user: UserId) -> Result<SignUp, StoreError> {
        let mut tx = self.db.unit().await?;
        let added = sqlx::query(
            "INSERT INTO volunteer_signups (tenant_id, task_id, user_id, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, task_id, user_id) DO NOTHING",
        )
        .bind(self.tenant.0)
        .bind(task)
        .bind(user.0)
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if added == 0 {
            return Ok(SignUp::Already);
        }
        let counted = sqlx::query(
            "UPDATE volunteer_tasks SET taken = taken + 1 WHERE tenant_id = $1 AND id = $2 AND taken < capacity",
        )
        .bind(self.tenant.0)
        .bind(task)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if counted == 0 {
            tx.rollback().await?;
            return Ok(SignUp::Full);
        }
        tx.commit().await?;
        Ok(SignUp::Done)
    }

    /// Cancels a person's sign-up (none: no change); the place is free again.
    pub async fn cancel(&self, task: i64, user: UserId) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let gone = sqlx::query("DELETE FROM volunteer_signups WHERE tenant_id = $1 AND task_id = $2 AND user_id = $3")
            .bind(self.tenant.0)
            .bind(task)
            .bind(user.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if gone == 1 {
            sqlx::query("UPDATE volunteer_tasks SET taken = taken - 1 WHERE tenant_id = $1 AND id = $2 AND taken > 0")
                .bind(self.tenant.0)
                .bind(task)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(gone == 1)
    }

    /// The tasks of a project a person signed up for.
    pub async fn signed_up(&self, project: i64, user: UserId) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT v.task_id FROM volunteer_signups v JOIN volunteer_tasks t ON t.tenant_id = v.tenant_id \
             AND t.id = v.task_id WHERE v.tenant_id = $1 AND t.project_id = $2 AND v.user_id = $3 ORDER BY v.task_id",
        )
        .bind(self.tenant.0)
        .bind(project)
        .bind(user.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// The volunteers of a project's tasks: (task, display name), for the
    /// organiser.
    pub async fn volunteers(&self, project: i64) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT v.task_id, u.display_name FROM volunteer_signups v JOIN volunteer_tasks t ON t.tenant_id = v.tenant_id \
             AND t.id = v.task_id JOIN users u ON u.tenant_id = v.tenant_id AND u.id = v.user_id \
             WHERE v.tenant_id = $1 AND t.project_id = $2 ORDER BY v.task_id, v.created_at",
        )
        .bind(self.tenant.0)
        .bind(project)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}
