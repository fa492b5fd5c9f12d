//! Counts for the town administrator's home: what waits for staff, and
//! participation this month against the last. Each is one query.

use crate::{Db, StoreError};
use civic_core::town_admin::{
    Attention, ClosingPoll, FLAG_RECENT_DAYS, IDEA_ANSWER_DAYS, Months, POLL_CLOSING_DAYS, Participation,
};
use civic_core::{TenantId, Timestamp};

pub struct TownAdmin<'a> {
    db: &'a Db,
    tenant: TenantId,
}

const DAY_MS: i64 = 86_400_000;

impl<'a> TownAdmin<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        TownAdmin { db, tenant }
    }

    /// What waits for staff at `now`. The idea condition is the review
    /// queue's; the petition and report ones are their modules' filters.
    pub async fn attention(&self, now: Timestamp) -> Result<Attention, StoreError> {
        Ok(sqlx::query_as(
            "SELECT \
             (SELECT COUNT(*) FROM ideas i JOIN spaces s ON s.tenant_id = i.tenant_id AND s.id = i.space_id \
              WHERE i.tenant_id = $1 AND s.status IN ('published', 'closed') \
              AND i.status IN ('published', 'under_review') AND i.support_count >= s.support_threshold \
              AND NOT EXISTS (SELECT 1 FROM idea_answers a WHERE a.tenant_id = i.tenant_id AND a.idea_id = i.id)) \
              AS ideas_waiting, \
             (SELECT COUNT(*) FROM ideas i JOIN spaces s ON s.tenant_id = i.tenant_id AND s.id = i.space_id \
              WHERE i.tenant_id = $1 AND s.status IN ('published', 'closed') \
              AND i.status IN ('published', 'under_review') AND i.support_count >= s.support_threshold \
              AND NOT EXISTS (SELECT 1 FROM idea_answers a WHERE a.tenant_id = i.tenant_id AND a.idea_id = i.id) \
              AND i.created_at < $3) AS ideas_late, \
             (SELECT COUNT(*) FROM flags f WHERE f.tenant_id = $1 AND f.created_at >= $4) AS flags_recent, \
             (SELECT COUNT(*) FROM petitions p WHERE p.tenant_id = $1 AND p.status = 'submitted') AS petitions_to_check, \
             (SELECT COUNT(*) FROM petitions p WHERE p.tenant_id = $1 AND p.status IN ('succeeded', 'forwarded') \
              AND p.answer_due_at >= $2) AS petitions_awaiting, \
             (SELECT COUNT(*) FROM petitions p WHERE p.tenant_id = $1 AND p.status IN ('succeeded', 'forwarded') \
              AND p.answer_due_at < $2) AS petitions_overdue, \
             (SELECT COUNT(*) FROM reports r WHERE r.tenant_id = $1 \
              AND r.status IN ('received', 'in_progress', 'reopened')) AS reports_open, \
             (SELECT COUNT(*) FROM reports r WHERE r.tenant_id = $1 \
              AND r.status IN ('received', 'in_progress', 'reopened') AND r.deadline_at < $2) AS reports_overdue",
        )
        .bind(self.tenant.0)
        .bind(now.0)
        .bind(now.0 - IDEA_ANSWER_DAYS * DAY_MS)
        .bind(now.0 - FLAG_RECENT_DAYS * DAY_MS)
        .fetch_one(&mut *self.db.reader().await?)
        .await?)
    }

    /// New accounts, ideas, comments, supports, poll responses, petition
    /// signatures and problem reports: this month so far and last month,
    /// one row per kind in [`civic_core::town_admin::PARTICIPATION`] order.
    pub async fn participation(&self, months: Months) -> Result<Vec<Participation>, StoreError> {
        let part = |kind: &str, table: &str, at: &str| {
            format!(
                "SELECT CAST('{kind}' AS TEXT) AS kind, COUNT(CASE WHEN {at} >= $3 THEN 1 END) AS this_month, \
                 COUNT(CASE WHEN {at} < $3 THEN 1 END) AS last_month \
                 FROM {table} WHERE tenant_id = $1 AND {at} >= $2 AND {at} < $4"
            )
        };
        let sql = [
            part("accounts", "users", "created_at"),
            part("ideas", "ideas", "created_at"),
            part("comments", "comments", "created_at"),
            part("supports", "supports", "created_at"),
            part("poll_responses", "poll_responses", "submitted_at"),
            part("signatures", "petition_signatures", "signed_at"),
            part("reports", "reports", "created_at"),
        ]
        .join(" UNION ALL ");
        let rows: Vec<Participation> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(months.last_start.0)
            .bind(months.this_start.0)
            .bind(months.now.0.saturating_add(1))
            .fetch_all(&mut *self.db.reader().await?)
            .await?;
        // UNION ALL keeps no order by itself: put the rows in the page's.
        Ok(civic_core::town_admin::PARTICIPATION
            .iter()
            .map(|kind| {
                rows.iter().find(|r| r.kind == *kind).cloned().unwrap_or(Participation {
                    kind: kind.to_string(),
                    this_month: 0,
                    last_month: 0,
                })
            })
            .collect())
    }

    /// Published polls closing within [`POLL_CLOSING_DAYS`] of `now`, the
    /// soonest first (at most `limit`).
    pub async fn polls_closing(&self, now: Timestamp, limit: u32) -> Result<Vec<ClosingPoll>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT p.id, p.title, p.closes_at FROM polls p \
             JOIN spaces sp ON sp.tenant_id = p.tenant_id AND sp.id = p.space_id \
             WHERE p.tenant_id = $1 AND p.status = 'published' AND sp.status <> 'draft' \
             AND p.closes_at >= $2 AND p.closes_at < $3 ORDER BY p.closes_at, p.id LIMIT $4",
        )
        .bind(self.tenant.0)
        .bind(now.0)
        .bind(now.0 + POLL_CLOSING_DAYS * DAY_MS)
        .bind(i64::from(limit))
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}
