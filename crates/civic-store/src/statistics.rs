//! Participation statistics (issue 24): every figure one aggregate
//! statement over the tenant's contributions, alike on both backends; and
//! the page views each node adds up and writes here now and then.
//!
//! A contribution is a row someone wrote in a participatory module, with
//! its author (when it has one), its moment, its space (petitions and
//! problem reports have none), its district where one is recorded and its
//! channel (paper and assisted budget ballots; everything else is online).

use crate::{Db, StoreError};
use civic_core::TenantId;
use sqlx::AssertSqlSafe;

/// Every contribution of tenant `$1`, as rows of
/// (module, kind, user_id, at, space_id, district, channel).
const CONTRIBUTIONS: &str = "\
    SELECT 'ideas' AS module, 'idea' AS kind, i.author_id AS user_id, i.created_at AS at, \
      i.space_id AS space_id, i.district AS district, 'online' AS channel \
      FROM ideas i WHERE i.tenant_id = $1 \
    UNION ALL SELECT 'ideas', 'comment', c.author_id, c.created_at, i.space_id, i.district, 'online' \
      FROM comments c JOIN ideas i ON i.tenant_id = c.tenant_id AND i.id = c.idea_id WHERE c.tenant_id = $1 \
    UNION ALL SELECT 'ideas', 'support', s.user_id, s.created_at, i.space_id, i.district, 'online' \
      FROM supports s JOIN ideas i ON i.tenant_id = s.tenant_id AND i.id = s.idea_id WHERE s.tenant_id = $1 \
    UNION ALL SELECT 'polls', 'poll_response', r.user_id, r.submitted_at, p.space_id, NULLIF(r.district, ''), 'online' \
      FROM poll_responses r JOIN polls p ON p.tenant_id = r.tenant_id AND p.id = r.poll_id WHERE r.tenant_id = $1 \
    UNION ALL SELECT 'conversations', 'statement', st.author_id, st.created_at, cv.space_id, NULL, 'online' \
      FROM statements st JOIN conversations cv ON cv.tenant_id = st.tenant_id AND cv.id = st.conversation_id \
      WHERE st.tenant_id = $1 \
    UNION ALL SELECT 'conversations', 'statement_vote', v.user_id, v.voted_at, cv.space_id, NULL, 'online' \
      FROM statement_votes v JOIN conversations cv ON cv.tenant_id = v.tenant_id AND cv.id = v.conversation_id \
      WHERE v.tenant_id = $1 \
    UNION ALL SELECT 'budgets', 'ballot', b.voter_id, b.cast_at, bu.space_id, NULL, b.channel \
      FROM budget_ballots b JOIN budgets bu ON bu.tenant_id = b.tenant_id AND bu.id = b.budget_id WHERE b.tenant_id = $1 \
    UNION ALL SELECT 'consultations', 'consultation_comment', sc.author_id, sc.created_at, co.space_id, NULL, 'online' \
      FROM section_comments sc JOIN consultations co ON co.tenant_id = sc.tenant_id AND co.id = sc.consultation_id \
      WHERE sc.tenant_id = $1 \
    UNION ALL SELECT 'consultations', 'amendment', a.author_id, a.created_at, co.space_id, NULL, 'online' \
      FROM amendments a JOIN consultations co ON co.tenant_id = a.tenant_id AND co.id = a.consultation_id \
      WHERE a.tenant_id = $1 \
    UNION ALL SELECT 'debates', 'argument', d.author_id, d.created_at, de.space_id, NULL, 'online' \
      FROM debate_arguments d JOIN debates de ON de.tenant_id = d.tenant_id AND de.id = d.debate_id \
      WHERE d.tenant_id = $1 \
    UNION ALL SELECT 'petitions', 'signature', ps.user_id, ps.signed_at, NULL, NULL, 'online' \
      FROM petition_signatures ps WHERE ps.tenant_id = $1 \
    UNION ALL SELECT 'reports', 'report', r.author_id, r.created_at, NULL, NULL, 'online' \
      FROM reports r WHERE r.tenant_id = $1";

/// Contributions in the period `[$2, $3)` and space `$4` (0: every space).
const IN_PERIOD: &str = "c.at >= $2 AND c.at < $3 AND ($4 = 0 OR c.space_id = $4)";

/// Contributions in space `$4` (0: every space), whenever made.
const IN_SPACE: &str = "($4 = 0 OR c.space_id = $4)";

/// What the figures are read for: `[from, until)` in unix ms, a space (0:
/// the whole tenant), and the zone's offset in ms (days are counted on the
/// tenant's wall clock).
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    pub from: i64,
    pub until: i64,
    pub space: i64,
    pub offset_ms: i64,
}

/// A count under a label (or two).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Count {
    pub label: String,
    pub detail: String,
    pub count: i64,
}

/// People taking part in the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct People {
    /// Distinct accounts with a contribution in the period.
    pub total: i64,
    /// Of them, those whose first contribution (in the scope) is in it.
    pub new: i64,
}

/// Page views, accounts created and contributors in the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Funnel {
    pub page_views: i64,
    pub accounts: i64,
}

/// Page views a node counted: (day, kind, space or 0, count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewCount {
    pub day: i64,
    pub kind: &'static str,
    pub space: i64,
    pub count: i64,
}

/// An answer the city gave to an idea in the period (for the report).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AnsweredIdea {
    pub idea_id: i64,
    pub title: String,
    pub status: String,
    pub body: String,
    pub answered_at: i64,
}

/// A petition the city answered in the period (for the report).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AnsweredPetition {
    pub petition_id: i64,
    pub title: String,
    pub decision: Option<String>,
    pub answer: Option<String>,
    pub signatures: i64,
    pub answered_at: i64,
}

/// A department's problem reports: received and resolved in the period.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DepartmentWork {
    pub department: String,
    pub received: i64,
    pub resolved: i64,
}

/// Binds `$1`–`$4` as every figure reads them: the tenant, then the
/// scope's period and space.
macro_rules! bind_scope {
    ($query:expr, $tenant:expr, $s:expr) => {
        $query.bind($tenant.0).bind($s.from).bind($s.until).bind($s.space)
    };
}

pub struct Statistics<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Statistics<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Statistics { db, tenant }
    }

    async fn counts(&self, select: &str, group: &str, s: Scope) -> Result<Vec<Count>, StoreError> {
        let sql = format!(
            "WITH c AS ({CONTRIBUTIONS}) SELECT {select}, COUNT(*) AS count FROM c WHERE {IN_PERIOD} \
             GROUP BY {group} ORDER BY {group}"
        );
        Ok(bind_scope!(sqlx::query_as(AssertSqlSafe(sql)), self.tenant, s)
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// Contributions by module (`label`) and kind (`detail`).
    pub async fn by_kind(&self, s: Scope) -> Result<Vec<Count>, StoreError> {
        self.counts("c.module AS label, c.kind AS detail", "c.module, c.kind", s)
            .await
    }

    /// Contributions by district (`label`; empty where none is known).
    pub async fn by_district(&self, s: Scope) -> Result<Vec<Count>, StoreError> {
        self.counts(
            "COALESCE(c.district, '') AS label, '' AS detail",
            "COALESCE(c.district, '')",
            s,
        )
        .await
    }

    /// Contributions by channel (`label`: online, paper, assisted).
    pub async fn by_channel(&self, s: Scope) -> Result<Vec<Count>, StoreError> {
        self.counts("c.channel AS label, '' AS detail", "c.channel", s).await
    }

    /// Contributions per day of the tenant's wall clock: (day, count).
    pub async fn per_day(&self, s: Scope) -> Result<Vec<(i64, i64)>, StoreError> {
        let sql = format!(
            "WITH c AS ({CONTRIBUTIONS}) SELECT d.day, COUNT(*) AS count FROM \
             (SELECT (c.at + $5) / 86400000 AS day FROM c WHERE {IN_PERIOD}) d GROUP BY d.day ORDER BY d.day"
        );
        Ok(bind_scope!(sqlx::query_as(AssertSqlSafe(sql)), self.tenant, s)
            .bind(s.offset_ms)
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// People with a contribution in the period, and the new among them.
    pub async fn people(&self, s: Scope) -> Result<People, StoreError> {
        let sql = format!(
            "WITH c AS ({CONTRIBUTIONS}) SELECT \
             (SELECT COUNT(DISTINCT c.user_id) FROM c WHERE c.user_id IS NOT NULL AND {IN_PERIOD}) AS total, \
             (SELECT COUNT(*) FROM (SELECT c.user_id FROM c WHERE c.user_id IS NOT NULL AND {IN_SPACE} \
               GROUP BY c.user_id HAVING MIN(c.at) >= $2 AND MIN(c.at) < $3) firsts) AS new"
        );
        Ok(bind_scope!(sqlx::query_as(AssertSqlSafe(sql)), self.tenant, s)
            .fetch_one(&mut *self.db.reader().await?)
            .await?)
    }

    /// The city's answers to ideas given in the period.
    pub async fn answers(&self, s: Scope) -> Result<i64, StoreError> {
        let query = sqlx::query_scalar(
            "SELECT COUNT(*) FROM idea_answers a JOIN ideas i ON i.tenant_id = a.tenant_id AND i.id = a.idea_id \
             WHERE a.tenant_id = $1 AND a.created_at >= $2 AND a.created_at < $3 AND ($4 = 0 OR i.space_id = $4)",
        );
        Ok(bind_scope!(query, self.tenant, s)
            .fetch_one(&mut *self.db.reader().await?)
            .await?)
    }

    /// Ideas whose first answer came in the period after they reached their
    /// space's support threshold: (reached at, first answered at). An
    /// idea reached the threshold with its Nth support, supports in the
    /// order they were given (a support withdrawn since is not counted).
    pub async fn answer_delays(&self, s: Scope) -> Result<Vec<(i64, i64)>, StoreError> {
        let query = sqlx::query_as(
            "WITH firsts AS (SELECT a.idea_id, MIN(a.created_at) AS answered FROM idea_answers a \
               WHERE a.tenant_id = $1 GROUP BY a.idea_id), \
             ranked AS (SELECT s.idea_id, s.created_at, \
               ROW_NUMBER() OVER (PARTITION BY s.idea_id ORDER BY s.created_at, s.user_id) AS n \
               FROM supports s WHERE s.tenant_id = $1 AND s.idea_id IN \
               (SELECT f.idea_id FROM firsts f WHERE f.answered >= $2 AND f.answered < $3)) \
             SELECT r.created_at AS reached, f.answered FROM firsts f \
             JOIN ideas i ON i.tenant_id = $1 AND i.id = f.idea_id \
             JOIN spaces sp ON sp.tenant_id = i.tenant_id AND sp.id = i.space_id \
             JOIN ranked r ON r.idea_id = f.idea_id AND r.n = sp.support_threshold \
             WHERE f.answered >= $2 AND f.answered < $3 AND r.created_at <= f.answered \
             AND ($4 = 0 OR i.space_id = $4) ORDER BY f.idea_id",
        );
        Ok(bind_scope!(query, self.tenant, s)
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// The city's answers to ideas in the period, oldest first: at most
    /// `limit`, and how many there are in all.
    pub async fn answered_ideas(&self, s: Scope, limit: i64) -> Result<(Vec<AnsweredIdea>, i64), StoreError> {
        let from = "FROM idea_answers a JOIN ideas i ON i.tenant_id = a.tenant_id AND i.id = a.idea_id \
             WHERE a.tenant_id = $1 AND a.created_at >= $2 AND a.created_at < $3 AND ($4 = 0 OR i.space_id = $4)";
        let rows = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT i.id AS idea_id, i.title, a.status, a.body, a.created_at AS answered_at {from} \
             ORDER BY a.created_at, a.id LIMIT $5"
        )));
        let rows = bind_scope!(rows, self.tenant, s)
            .bind(limit)
            .fetch_all(&mut *self.db.reader().await?)
            .await?;
        let total = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) {from}")));
        let total = bind_scope!(total, self.tenant, s)
            .fetch_one(&mut *self.db.reader().await?)
            .await?;
        Ok((rows, total))
    }

    /// Petitions answered in the period, oldest first (petitions belong to
    /// no space: the whole tenant's).
    pub async fn answered_petitions(&self, s: Scope, limit: i64) -> Result<Vec<AnsweredPetition>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id AS petition_id, title, decision, answer, signature_count AS signatures, answered_at \
             FROM petitions WHERE tenant_id = $1 AND answered_at >= $2 AND answered_at < $3 \
             ORDER BY answered_at, id LIMIT $4",
        )
        .bind(self.tenant.0)
        .bind(s.from)
        .bind(s.until)
        .bind(limit)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Problem reports received and resolved in the period, per department
    /// (departments with neither are left out).
    pub async fn department_work(&self, s: Scope) -> Result<Vec<DepartmentWork>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT d.department, d.received, d.resolved FROM (SELECT dp.name AS department, \
               (SELECT COUNT(*) FROM reports r WHERE r.tenant_id = $1 AND r.department_id = dp.id \
                 AND r.created_at >= $2 AND r.created_at < $3) AS received, \
               (SELECT COUNT(*) FROM reports r WHERE r.tenant_id = $1 AND r.department_id = dp.id \
                 AND r.resolved_at >= $2 AND r.resolved_at < $3) AS resolved \
             FROM departments dp WHERE dp.tenant_id = $1) d \
             WHERE d.received > 0 OR d.resolved > 0 ORDER BY d.department",
        )
        .bind(self.tenant.0)
        .bind(s.from)
        .bind(s.until)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Ideas implemented (to date), in the space or everywhere.
    pub async fn implemented(&self, space: i64) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM ideas WHERE tenant_id = $1 AND status = 'implemented' AND ($2 = 0 OR space_id = $2)",
        )
        .bind(self.tenant.0)
        .bind(space)
        .fetch_one(&mut *self.db.reader().await?)
        .await?)
    }

    /// Page views on days `[from_day, to_day]` (of the space, when one is
    /// given) and the accounts created in the period.
    pub async fn funnel(&self, s: Scope, from_day: i64, to_day: i64) -> Result<Funnel, StoreError> {
        let query = sqlx::query_as(
            "SELECT \
             (SELECT CAST(COALESCE(SUM(v.count), 0) AS BIGINT) FROM page_views v WHERE v.tenant_id = $1 AND v.day >= $5 \
               AND v.day <= $6 AND ($4 = 0 OR v.space_id = $4)) AS page_views, \
             (SELECT COUNT(*) FROM users u WHERE u.tenant_id = $1 AND u.created_at >= $2 AND u.created_at < $3) AS accounts",
        );
        Ok(bind_scope!(query, self.tenant, s)
            .bind(from_day)
            .bind(to_day)
            .fetch_one(&mut *self.db.reader().await?)
            .await?)
    }

    /// Page views by kind of page on days `[from_day, to_day]`.
    pub async fn views_by_kind(&self, space: i64, from_day: i64, to_day: i64) -> Result<Vec<Count>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT v.kind AS label, '' AS detail, CAST(SUM(v.count) AS BIGINT) AS count FROM page_views v \
             WHERE v.tenant_id = $1 AND v.day >= $2 AND v.day <= $3 AND ($4 = 0 OR v.space_id = $4) \
             GROUP BY v.kind ORDER BY v.kind",
        )
        .bind(self.tenant.0)
        .bind(from_day)
        .bind(to_day)
        .bind(space)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Adds a node's counts to the stored ones, in one statement per row
    /// (a node has a few dozen rows a minute at most).
    pub async fn add_views(&self, views: &[ViewCount]) -> Result<(), StoreError> {
        let mut conn = self.db.writer().await?;
        for v in views {
            sqlx::query(
                "INSERT INTO page_views (tenant_id, day, kind, space_id, count) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (tenant_id, day, kind, space_id) DO UPDATE SET count = page_views.count + excluded.count",
            )
            .bind(self.tenant.0)
            .bind(v.day)
            .bind(v.kind)
            .bind(v.space)
            .bind(v.count)
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }
}
