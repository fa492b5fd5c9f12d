//! Open data: the tenant's licence, and the public rows of each dataset.
//! Only what every visitor may see is read here: ideas in spaces that are
//! not drafts (withdrawn ones left out), published petitions, polls whose
//! results are public, budgets whose results are public, and problem
//! reports without their reporter, text or address.

use crate::polls::PollRecord;
use crate::spaces::VISIBLE;
use crate::{Db, StoreError};
use civic_core::open_data::Licence;
use civic_core::petitions::Petition;
use civic_core::{TenantId, Timestamp};
use sqlx::AssertSqlSafe;

/// An idea as the dataset shows it (no author, no text: its page has it).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IdeaRow {
    pub id: i64,
    pub space_id: i64,
    pub space_title: String,
    pub title: String,
    pub status: String,
    pub category: Option<String>,
    pub district: Option<String>,
    pub support_count: i64,
    pub comment_count: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One of the city's answers to an idea.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IdeaAnswerRow {
    pub idea_id: i64,
    pub status: String,
    pub body: String,
    pub created_at: i64,
}

/// A problem report without personal data: no reporter, text or address;
/// its place in millionths of a degree (the dataset rounds it).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub category_uk: String,
    pub category_en: Option<String>,
    pub department: String,
    pub status: String,
    pub lat_e6: Option<i64>,
    pub lon_e6: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub deadline_at: i64,
    pub resolved_at: Option<i64>,
}

/// A poll's answer counter (see `polls::AnswerCount`), with its poll.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PollTally {
    pub poll_id: i64,
    pub question_id: i64,
    pub choice: i64,
    pub rank: i64,
    pub value: f64,
    pub count: i64,
}

/// Rows and the latest change of the datasets counted in SQL.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct Summary {
    pub ideas: i64,
    pub ideas_modified: Option<i64>,
    pub polls_modified: Option<i64>,
    pub budget_projects: i64,
    pub budgets_modified: Option<i64>,
    pub petitions: i64,
    pub petitions_modified: Option<i64>,
    pub reports: i64,
    pub reports_modified: Option<i64>,
}

/// Ideas everyone may see, as a condition on `i` joined with its space `s`.
fn public_ideas() -> String {
    format!("i.tenant_id = $1 AND s.status IN {VISIBLE} AND i.status NOT IN ('withdrawn', 'merged')")
}

const FROM_IDEAS: &str = "FROM ideas i JOIN spaces s ON s.tenant_id = i.tenant_id AND s.id = i.space_id";

/// Polls whose results everyone may see at `$2`.
fn public_polls() -> String {
    format!(
        "p.tenant_id = $1 AND p.status = 'published' AND sp.status IN {VISIBLE} \
         AND (p.results_visibility = 'live' OR (p.closes_at IS NOT NULL AND p.closes_at <= $2))"
    )
}

/// Budgets whose results everyone may see.
fn public_budgets() -> String {
    format!("b.tenant_id = $1 AND b.phase IN ('results', 'implementation') AND sp.status IN {VISIBLE}")
}

const FROM_BUDGETS: &str = "FROM budgets b JOIN spaces sp ON sp.tenant_id = b.tenant_id AND sp.id = b.space_id";

const PUBLIC_PETITIONS: &str = "p.status NOT IN ('draft', 'submitted', 'refused')";

pub struct OpenData<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> OpenData<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        OpenData { db, tenant }
    }

    /// The licence chosen, `None` while the default applies.
    pub async fn licence(&self) -> Result<Option<Licence>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT licence FROM open_data_settings WHERE tenant_id = $1")
                .bind(self.tenant.0)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?,
        )
    }

    pub async fn set_licence(&self, licence: Licence, at: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO open_data_settings (tenant_id, licence, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (tenant_id) DO UPDATE SET licence = $2, updated_at = $3",
        )
        .bind(self.tenant.0)
        .bind(licence)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// Rows and latest changes, in one statement.
    pub async fn summary(&self, now: Timestamp) -> Result<Summary, StoreError> {
        let ideas = public_ideas();
        let polls = public_polls();
        let budgets = public_budgets();
        let sql = format!(
            "SELECT \
             (SELECT COUNT(*) {FROM_IDEAS} WHERE {ideas}) AS ideas, \
             (SELECT MAX(i.updated_at) {FROM_IDEAS} WHERE {ideas}) AS ideas_modified, \
             (SELECT MAX(r.submitted_at) FROM poll_responses r JOIN polls p ON p.tenant_id = r.tenant_id \
               AND p.id = r.poll_id JOIN spaces sp ON sp.tenant_id = p.tenant_id AND sp.id = p.space_id \
               WHERE r.tenant_id = $1 AND {polls}) AS polls_modified, \
             (SELECT COUNT(*) FROM budget_projects bp JOIN budgets b ON b.tenant_id = bp.tenant_id AND b.id = bp.budget_id \
               JOIN spaces sp ON sp.tenant_id = b.tenant_id AND sp.id = b.space_id \
               WHERE bp.tenant_id = $1 AND {budgets} AND bp.status <> 'submitted') AS budget_projects, \
             (SELECT MAX(COALESCE(b.voting_ends, b.created_at)) {FROM_BUDGETS} WHERE {budgets}) AS budgets_modified, \
             (SELECT COUNT(*) FROM petitions p WHERE p.tenant_id = $1 AND {PUBLIC_PETITIONS}) AS petitions, \
             (SELECT MAX(COALESCE(p.closed_at, p.answered_at, p.forwarded_at, p.succeeded_at, p.published_at)) \
               FROM petitions p WHERE p.tenant_id = $1 AND {PUBLIC_PETITIONS}) AS petitions_modified, \
             (SELECT COUNT(*) FROM reports r WHERE r.tenant_id = $1) AS reports, \
             (SELECT MAX(r.updated_at) FROM reports r WHERE r.tenant_id = $1) AS reports_modified"
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(now.0)
            .fetch_one(&mut *self.db.reader().await?)
            .await?)
    }

    /// Public ideas, oldest first.
    pub async fn ideas(&self) -> Result<Vec<IdeaRow>, StoreError> {
        let sql = format!(
            "SELECT i.id, i.space_id, s.title AS space_title, i.title, i.status, i.category, i.district, \
             i.support_count, i.comment_count, i.created_at, i.updated_at {FROM_IDEAS} WHERE {} ORDER BY i.id",
            public_ideas()
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// The answers to public ideas, by idea and then oldest first.
    pub async fn idea_answers(&self) -> Result<Vec<IdeaAnswerRow>, StoreError> {
        let sql = format!(
            "SELECT a.idea_id, a.status, a.body, a.created_at FROM idea_answers a \
             JOIN ideas i ON i.tenant_id = a.tenant_id AND i.id = a.idea_id \
             JOIN spaces s ON s.tenant_id = i.tenant_id AND s.id = i.space_id \
             WHERE a.tenant_id = $1 AND {} ORDER BY a.idea_id, a.created_at, a.id",
            public_ideas()
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// Polls whose results everyone may see at `now`, oldest first.
    pub async fn polls(&self, now: Timestamp) -> Result<Vec<PollRecord>, StoreError> {
        let sql = format!("{} WHERE {} ORDER BY p.id", crate::polls::SELECT, public_polls());
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(now.0)
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// The answer counters of those polls, in one statement: the counts of
    /// each (question, choice, rank, value) answered, and the responses
    /// that answered each question (`choice` = -2).
    pub async fn poll_tallies(&self, now: Timestamp) -> Result<Vec<PollTally>, StoreError> {
        let sql = format!(
            "SELECT t.poll_id, t.question_id, t.choice, t.rank, t.value, t.count FROM poll_tallies t \
             JOIN polls p ON p.tenant_id = t.tenant_id AND p.id = t.poll_id \
             JOIN spaces sp ON sp.tenant_id = p.tenant_id AND sp.id = p.space_id \
             WHERE t.tenant_id = $1 AND {} AND t.question_id > 0 AND (t.count > 0 OR t.choice = -2) \
             ORDER BY t.poll_id, t.question_id, t.choice, t.rank, t.value",
            public_polls()
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(now.0)
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// Budgets whose results everyone may see, oldest first.
    pub async fn budget_ids(&self) -> Result<Vec<i64>, StoreError> {
        let sql = format!("SELECT b.id {FROM_BUDGETS} WHERE {} ORDER BY b.id", public_budgets());
        Ok(sqlx::query_scalar(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// Published petitions (never drafts, ones awaiting the check or
    /// refused), oldest first.
    pub async fn petitions(&self) -> Result<Vec<Petition>, StoreError> {
        let sql = format!(
            "{} WHERE p.tenant_id = $1 AND {PUBLIC_PETITIONS} ORDER BY p.id",
            crate::petitions::SELECT_PETITION
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// Problem reports without personal data, oldest first.
    pub async fn reports(&self) -> Result<Vec<ReportRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT r.id, c.name_uk AS category_uk, c.name_en AS category_en, d.name AS department, r.status, \
             r.lat_e6, r.lon_e6, r.created_at, r.updated_at, r.deadline_at, r.resolved_at \
             FROM reports r JOIN report_categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id \
             JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id \
             WHERE r.tenant_id = $1 ORDER BY r.id",
        )
        .bind(self.tenant.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}
