//! Problem reports: the city's departments (and who works in them), the
//! categories routed to them, the reports with their history of statuses,
//! replies and internal notes, and "me too" voices (once per person and
//! report: `report_voices_once_key`).

use crate::{Db, StoreError};
use civic_core::reports::{
    BoundingBox, Category, Department, DepartmentStats, EventKind, Point, Report, ReportEvent, ReportPin, ReportStatus,
};
use civic_core::{TenantId, Timestamp, UserId};
use sqlx::AssertSqlSafe;

const SELECT_REPORT: &str = "SELECT r.id, r.category_id, c.name_uk AS category_uk, c.name_en AS category_en, \
     r.department_id, d.name AS department_name, r.author_id, u.display_name AS author_name, r.anonymous, \
     r.body, r.address, r.lat_e6, r.lon_e6, r.status, r.reason, r.deadline_at, r.resolved_at, r.confirmed_at, \
     r.reopened, \
     (SELECT COUNT(*) FROM report_voices v WHERE v.tenant_id = r.tenant_id AND v.report_id = r.id) AS voices, \
     r.created_at, r.updated_at, m.state AS moderation, m.reason AS moderation_reason \
     FROM reports r \
     JOIN report_categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id \
     JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id \
     LEFT JOIN users u ON u.tenant_id = r.tenant_id AND u.id = r.author_id \
     LEFT JOIN moderated_items m ON m.tenant_id = r.tenant_id AND m.item_type = 'report' AND m.item_id = r.id \
     AND m.state <> 'restored'";

const SELECT_CATEGORY: &str = "SELECT c.id, c.name_uk, c.name_en, c.department_id, d.name AS department_name, \
     c.target_days FROM report_categories c JOIN departments d ON d.tenant_id = c.tenant_id AND d.id = c.department_id";

const SELECT_EVENT: &str = "SELECT e.id, e.report_id, e.kind, e.status, e.body, e.actor_id, \
     u.display_name AS actor_name, e.public, e.created_at \
     FROM report_events e LEFT JOIN users u ON u.tenant_id = e.tenant_id AND u.id = e.actor_id";

/// A category to create.
pub struct NewCategory<'a> {
    pub name_uk: &'a str,
    pub name_en: Option<&'a str>,
    pub department: i64,
    pub target_days: i64,
}

/// A report to store.
pub struct NewReport<'a> {
    pub category: i64,
    pub department: i64,
    pub author: Option<UserId>,
    pub anonymous: bool,
    pub body: &'a str,
    pub address: &'a str,
    pub point: Option<Point>,
    pub status: ReportStatus,
    pub deadline_at: i64,
    pub at: Timestamp,
}

/// An event to append to a report's history.
pub struct NewEvent<'a> {
    pub kind: EventKind,
    pub status: Option<ReportStatus>,
    pub body: &'a str,
    pub actor: Option<UserId>,
    pub public: bool,
    pub at: Timestamp,
}

/// What a list of reports is narrowed to.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportFilter {
    pub status: Option<ReportStatus>,
    pub category: Option<i64>,
    pub bbox: Option<BoundingBox>,
    /// Reports with a smaller id than this (the next page, newest first).
    pub before: Option<i64>,
}

/// A member of a department, for the admin page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    pub department_id: i64,
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
}

pub struct Departments<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Departments<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Departments { db, tenant }
    }

    /// Creates a department (`departments_tenant_name_key`: one per name).
    pub async fn create(&self, name: &str) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar(
                "INSERT INTO departments (tenant_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
            )
            .bind(self.tenant.0)
            .bind(name)
            .bind(Timestamp::now().0)
            .fetch_one(&mut *self.db.writer().await?)
            .await?,
        )
    }

    /// Every department, by name.
    pub async fn list(&self) -> Result<Vec<Department>, StoreError> {
        Ok(
            sqlx::query_as("SELECT id, name FROM departments WHERE tenant_id = $1 ORDER BY name, id")
                .bind(self.tenant.0)
                .fetch_all(&mut *self.db.reader().await?)
                .await?,
        )
    }

    /// Adds a person to a department; again changes nothing.
    pub async fn add_member(&self, department: i64, user: UserId) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO department_members (tenant_id, department_id, user_id) VALUES ($1, $2, $3) \
             ON CONFLICT (tenant_id, department_id, user_id) DO NOTHING",
        )
        .bind(self.tenant.0)
        .bind(department)
        .bind(user.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    pub async fn remove_member(&self, department: i64, user: UserId) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM department_members WHERE tenant_id = $1 AND department_id = $2 AND user_id = $3")
            .bind(self.tenant.0)
            .bind(department)
            .bind(user.0)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(())
    }

    /// Every membership, with the person's name and email.
    pub async fn members(&self) -> Result<Vec<Member>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT m.department_id, m.user_id, u.display_name, u.email FROM department_members m \
             JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id \
             WHERE m.tenant_id = $1 ORDER BY m.department_id, u.display_name",
        )
        .bind(self.tenant.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// The departments a person belongs to.
    pub async fn of_user(&self, user: UserId) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT department_id FROM department_members WHERE tenant_id = $1 AND user_id = $2 ORDER BY department_id",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}

pub struct Categories<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Categories<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Categories { db, tenant }
    }

    /// Creates a category (`report_categories_tenant_name_key`: one per
    /// Ukrainian name).
    pub async fn create(&self, new: &NewCategory<'_>) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO report_categories (tenant_id, name_uk, name_en, department_id, target_days, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.name_uk)
        .bind(new.name_en)
        .bind(new.department)
        .bind(new.target_days)
        .bind(Timestamp::now().0)
        .fetch_one(&mut *self.db.writer().await?)
        .await?)
    }

    /// Every category, by name.
    pub async fn list(&self) -> Result<Vec<Category>, StoreError> {
        Ok(sqlx::query_as(AssertSqlSafe(format!(
            "{SELECT_CATEGORY} WHERE c.tenant_id = $1 ORDER BY c.name_uk, c.id"
        )))
        .bind(self.tenant.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn get(&self, id: i64) -> Result<Option<Category>, StoreError> {
        Ok(sqlx::query_as(AssertSqlSafe(format!(
            "{SELECT_CATEGORY} WHERE c.tenant_id = $1 AND c.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }
}

/// The conditions of a filter, numbered from `$2` (the tenant is `$1`), in
/// the order [`bind_filter!`] binds their values; `before` only when
/// `paged`.
fn narrow(sql: &mut String, filter: &ReportFilter, paged: bool) {
    let mut n = 1;
    let mut next = || {
        n += 1;
        n
    };
    if filter.status.is_some() {
        sql.push_str(&format!(" AND r.status = ${}", next()));
    }
    if filter.category.is_some() {
        sql.push_str(&format!(" AND r.category_id = ${}", next()));
    }
    if filter.bbox.is_some() {
        let (a, b, c, d) = (next(), next(), next(), next());
        sql.push_str(&format!(
            " AND r.lon_e6 >= ${a} AND r.lat_e6 >= ${b} AND r.lon_e6 <= ${c} AND r.lat_e6 <= ${d}"
        ));
    }
    if paged && filter.before.is_some() {
        sql.push_str(&format!(" AND r.id < ${}", next()));
    }
}

/// Binds the values of [`narrow`]'s conditions, in its order.
macro_rules! bind_filter {
    ($q:expr, $filter:expr, $paged:expr) => {{
        let mut q = $q;
        let filter: &ReportFilter = $filter;
        if let Some(s) = filter.status {
            q = q.bind(s);
        }
        if let Some(c) = filter.category {
            q = q.bind(c);
        }
        if let Some(b) = filter.bbox {
            q = q
                .bind(b.min_lon_e6)
                .bind(b.min_lat_e6)
                .bind(b.max_lon_e6)
                .bind(b.max_lat_e6);
        }
        if let Some(before) = filter.before.filter(|_| $paged) {
            q = q.bind(before);
        }
        q
    }};
}

pub struct Reports<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Reports<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Reports { db, tenant }
    }

    pub async fn create(&self, new: &NewReport<'_>) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO reports (tenant_id, category_id, department_id, author_id, anonymous, body, address, \
             lat_e6, lon_e6, status, deadline_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.category)
        .bind(new.department)
        .bind(new.author.map(|a| a.0))
        .bind(i64::from(new.anonymous))
        .bind(new.body)
        .bind(new.address)
        .bind(new.point.map(|p| p.lat_e6))
        .bind(new.point.map(|p| p.lon_e6))
        .bind(new.status)
        .bind(new.deadline_at)
        .bind(new.at.0)
        .fetch_one(&mut *self.db.writer().await?)
        .await?)
    }

    pub async fn get(&self, id: i64) -> Result<Option<Report>, StoreError> {
        Ok(sqlx::query_as(AssertSqlSafe(format!(
            "{SELECT_REPORT} WHERE r.tenant_id = $1 AND r.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Reports newest first, narrowed by the filter, at most `limit`.
    pub async fn list(&self, filter: &ReportFilter, limit: u32) -> Result<Vec<Report>, StoreError> {
        let mut sql = format!("{SELECT_REPORT} WHERE r.tenant_id = $1");
        narrow(&mut sql, filter, true);
        sql.push_str(&format!(" ORDER BY r.id DESC LIMIT {limit}"));
        let q = bind_filter!(sqlx::query_as(AssertSqlSafe(sql)).bind(self.tenant.0), filter, true);
        Ok(q.fetch_all(&mut *self.db.reader().await?).await?)
    }

    /// Reports with a point, as a map shows them, newest first, narrowed by
    /// the filter (its `before` is ignored), at most `limit`; reports the
    /// moderators hid or hold are left out.
    pub async fn pins(&self, filter: &ReportFilter, limit: u32) -> Result<Vec<ReportPin>, StoreError> {
        let mut sql = String::from(
            "SELECT r.id, r.lat_e6, r.lon_e6, r.status, r.category_id, c.name_uk AS category_uk, \
             c.name_en AS category_en FROM reports r \
             JOIN report_categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id \
             LEFT JOIN moderated_items m ON m.tenant_id = r.tenant_id AND m.item_type = 'report' \
             AND m.item_id = r.id AND m.state <> 'restored' \
             WHERE r.tenant_id = $1 AND r.lat_e6 IS NOT NULL AND r.lon_e6 IS NOT NULL AND m.item_id IS NULL",
        );
        narrow(&mut sql, filter, false);
        sql.push_str(&format!(" ORDER BY r.id DESC LIMIT {limit}"));
        let q = bind_filter!(sqlx::query_as(AssertSqlSafe(sql)).bind(self.tenant.0), filter, false);
        Ok(q.fetch_all(&mut *self.db.reader().await?).await?)
    }

    /// Open reports of a category inside a box (for "is it this one?").
    pub async fn open_in(&self, category: i64, bbox: BoundingBox) -> Result<Vec<Report>, StoreError> {
        Ok(sqlx::query_as(AssertSqlSafe(format!(
            "{SELECT_REPORT} WHERE r.tenant_id = $1 AND r.category_id = $2 \
             AND r.status IN ('received', 'in_progress', 'reopened') \
             AND r.lon_e6 >= $3 AND r.lat_e6 >= $4 AND r.lon_e6 <= $5 AND r.lat_e6 <= $6 \
             ORDER BY r.id DESC LIMIT 50"
        )))
        .bind(self.tenant.0)
        .bind(category)
        .bind(bbox.min_lon_e6)
        .bind(bbox.min_lat_e6)
        .bind(bbox.max_lon_e6)
        .bind(bbox.max_lat_e6)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Open reports of the given departments (every department: `None`),
    /// the earliest target time first (so the most overdue lead), then the
    /// oldest.
    pub async fn queue(&self, departments: Option<&[i64]>, limit: u32) -> Result<Vec<Report>, StoreError> {
        let within = match departments {
            None => String::new(),
            Some([]) => " AND 1 = 0".to_string(),
            Some(ids) => format!(
                " AND r.department_id IN ({})",
                ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
            ),
        };
        Ok(sqlx::query_as(AssertSqlSafe(format!(
            "{SELECT_REPORT} WHERE r.tenant_id = $1 AND r.status IN ('received', 'in_progress', 'reopened'){within} \
             ORDER BY r.deadline_at, r.created_at, r.id LIMIT {limit}"
        )))
        .bind(self.tenant.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// The history of a report, oldest first; internal notes only when
    /// asked for.
    pub async fn events(&self, report: i64, with_notes: bool) -> Result<Vec<ReportEvent>, StoreError> {
        let notes = if with_notes { "" } else { " AND e.public = 1" };
        Ok(sqlx::query_as(AssertSqlSafe(format!(
            "{SELECT_EVENT} WHERE e.tenant_id = $1 AND e.report_id = $2{notes} ORDER BY e.id"
        )))
        .bind(self.tenant.0)
        .bind(report)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn add_event(&self, report: i64, new: &NewEvent<'_>) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO report_events (tenant_id, report_id, kind, status, body, actor_id, public, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(report)
        .bind(new.kind)
        .bind(new.status.map(ReportStatus::as_str))
        .bind(new.body)
        .bind(new.actor.map(|a| a.0))
        .bind(i64::from(new.public))
        .bind(new.at.0)
        .fetch_one(&mut *self.db.writer().await?)
        .await?)
    }

    /// Moves a report from `from` to `to` (with the reason of a rejection);
    /// false when it is no longer in `from` (someone else moved it first).
    pub async fn set_status(
        &self,
        id: i64,
        from: ReportStatus,
        to: ReportStatus,
        reason: Option<&str>,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let resolved_at = (to == ReportStatus::Resolved).then_some(at.0);
        let done = sqlx::query(
            "UPDATE reports SET status = $3, reason = $4, resolved_at = $5, updated_at = $6 \
             WHERE tenant_id = $1 AND id = $2 AND status = $7",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(to)
        .bind(reason)
        .bind(resolved_at)
        .bind(at.0)
        .bind(from)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Hands a report in `from` to another category and department; it
    /// starts again as received with a new target time.
    pub async fn reassign(
        &self,
        id: i64,
        from: ReportStatus,
        category: i64,
        department: i64,
        deadline_at: i64,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE reports SET category_id = $3, department_id = $4, deadline_at = $5, status = 'received', \
             updated_at = $6 WHERE tenant_id = $1 AND id = $2 AND status = $7",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(category)
        .bind(department)
        .bind(deadline_at)
        .bind(at.0)
        .bind(from)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The reporter confirms the fix (once: false when already confirmed or
    /// no longer resolved).
    pub async fn confirm(&self, id: i64, at: Timestamp) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE reports SET confirmed_at = $3, updated_at = $3 \
             WHERE tenant_id = $1 AND id = $2 AND status = 'resolved' AND confirmed_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The reporter reopens a resolved report, with a new target time.
    pub async fn reopen(&self, id: i64, deadline_at: i64, at: Timestamp) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE reports SET status = 'reopened', reopened = reopened + 1, resolved_at = NULL, \
             deadline_at = $3, updated_at = $4 \
             WHERE tenant_id = $1 AND id = $2 AND status = 'resolved' AND confirmed_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(deadline_at)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Adds a person's voice; false when it was there already (the unique
    /// key keeps one per person and report).
    pub async fn add_voice(&self, report: i64, user: UserId, at: Timestamp) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO report_voices (tenant_id, report_id, user_id, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, report_id, user_id) DO NOTHING",
        )
        .bind(self.tenant.0)
        .bind(report)
        .bind(user.0)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn has_voice(&self, report: i64, user: UserId) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM report_voices WHERE tenant_id = $1 AND report_id = $2 AND user_id = $3",
        )
        .bind(self.tenant.0)
        .bind(report)
        .bind(user.0)
        .fetch_one(&mut *self.db.reader().await?)
        .await?;
        Ok(n > 0)
    }

    /// The area reports are taken in, when the city set one.
    pub async fn area(&self) -> Result<Option<BoundingBox>, StoreError> {
        let row: Option<(i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT min_lon_e6, min_lat_e6, max_lon_e6, max_lat_e6 FROM report_areas WHERE tenant_id = $1",
        )
        .bind(self.tenant.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        Ok(row.map(|(min_lon_e6, min_lat_e6, max_lon_e6, max_lat_e6)| BoundingBox {
            min_lon_e6,
            min_lat_e6,
            max_lon_e6,
            max_lat_e6,
        }))
    }

    /// Sets (or, with `None`, removes) the area.
    pub async fn set_area(&self, area: Option<BoundingBox>) -> Result<(), StoreError> {
        let mut conn = self.db.writer().await?;
        sqlx::query("DELETE FROM report_areas WHERE tenant_id = $1")
            .bind(self.tenant.0)
            .execute(&mut *conn)
            .await?;
        if let Some(b) = area {
            sqlx::query(
                "INSERT INTO report_areas (tenant_id, min_lon_e6, min_lat_e6, max_lon_e6, max_lat_e6) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(self.tenant.0)
            .bind(b.min_lon_e6)
            .bind(b.min_lat_e6)
            .bind(b.max_lon_e6)
            .bind(b.max_lat_e6)
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    /// Open, overdue (at `now`), reopened and resolved reports per
    /// department, every department listed.
    pub async fn stats(&self, now: Timestamp) -> Result<Vec<DepartmentStats>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT d.id AS department_id, d.name AS department_name, \
             (SELECT COUNT(*) FROM reports r WHERE r.tenant_id = d.tenant_id AND r.department_id = d.id \
              AND r.status IN ('received', 'in_progress', 'reopened')) AS open, \
             (SELECT COUNT(*) FROM reports r WHERE r.tenant_id = d.tenant_id AND r.department_id = d.id \
              AND r.status IN ('received', 'in_progress', 'reopened') AND r.deadline_at < $2) AS overdue, \
             (SELECT COUNT(*) FROM reports r WHERE r.tenant_id = d.tenant_id AND r.department_id = d.id \
              AND r.reopened > 0) AS reopened, \
             (SELECT COUNT(*) FROM reports r WHERE r.tenant_id = d.tenant_id AND r.department_id = d.id \
              AND r.status = 'resolved') AS resolved \
             FROM departments d WHERE d.tenant_id = $1 ORDER BY d.name, d.id",
        )
        .bind(self.tenant.0)
        .bind(now.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}
