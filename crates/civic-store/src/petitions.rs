//! E-petitions: the tenant's rules, the petitions with each transition's
//! time, and the signatures (one per person and petition, by a unique key).
//! Every transition is a conditional update on the status it starts from,
//! so two staff members acting at once cannot both move a petition.

use crate::{Db, StoreError};
use civic_core::petitions::{CouncilDecision, Petition, PetitionFilter, PetitionRules};
use civic_core::{TenantId, Timestamp, UserId};

pub(crate) const SELECT_PETITION: &str = "SELECT p.id, p.author_id, u.display_name AS author_name, p.title, p.body, p.status, \
     p.threshold, p.signature_count, p.created_at, p.submitted_at, p.check_due_at, p.published_at, p.collect_until, \
     p.refused_at, p.refusal_reason, p.succeeded_at, p.answer_due_at, p.forwarded_at, p.answered_at, p.answer, \
     p.decision, p.closed_at \
     FROM petitions p LEFT JOIN users u ON u.tenant_id = p.tenant_id AND u.id = p.author_id";

/// A signer as the council's list shows them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SignerRow {
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub signed_at: i64,
}

/// What a signature did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signed {
    /// Counted now; the petition's new count.
    Counted(i64),
    /// This person had signed before; nothing changed.
    Already,
    /// The petition is not collecting (any more).
    Closed,
}

pub struct Petitions<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Petitions<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Petitions { db, tenant }
    }

    /// The tenant's rules, `None` when never set (the defaults apply).
    pub async fn rules(&self) -> Result<Option<PetitionRules>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT threshold, period_days, min_age, check_days, answer_days FROM petition_rules WHERE tenant_id = $1",
        )
        .bind(self.tenant.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn set_rules(&self, rules: &PetitionRules, at: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO petition_rules (tenant_id, threshold, period_days, min_age, check_days, answer_days, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id) DO UPDATE SET threshold = $2, \
             period_days = $3, min_age = $4, check_days = $5, answer_days = $6, updated_at = $7",
        )
        .bind(self.tenant.0)
        .bind(rules.threshold)
        .bind(rules.period_days)
        .bind(rules.min_age)
        .bind(rules.check_days)
        .bind(rules.answer_days)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }

    /// A new draft; the threshold is the rules' at the time and is fixed
    /// again at publication.
    pub async fn create(
        &self,
        author: UserId,
        title: &str,
        body: &str,
        threshold: i64,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO petitions (tenant_id, author_id, title, body, status, threshold, created_at) \
             VALUES ($1, $2, $3, $4, 'draft', $5, $6) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(author.0)
        .bind(title)
        .bind(body)
        .bind(threshold)
        .bind(at.0)
        .fetch_one(&mut *self.db.writer().await?)
        .await?)
    }

    pub async fn get(&self, id: i64) -> Result<Option<Petition>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_PETITION} WHERE p.tenant_id = $1 AND p.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Public petitions matching `filter`, newest first, `limit` of them
    /// with ids below `before`.
    pub async fn list(
        &self,
        filter: PetitionFilter,
        now: Timestamp,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Petition>, StoreError> {
        let condition = match filter {
            PetitionFilter::All => "p.status NOT IN ('draft', 'submitted', 'refused')",
            PetitionFilter::Collecting => "p.status = 'collecting' AND p.collect_until >= $2",
            PetitionFilter::AwaitingAnswer => "p.status IN ('succeeded', 'forwarded') AND p.answer_due_at >= $2",
            PetitionFilter::Overdue => "p.status IN ('succeeded', 'forwarded') AND p.answer_due_at < $2",
            PetitionFilter::Answered => "p.answered_at IS NOT NULL AND p.status IN ('answered', 'closed')",
            PetitionFilter::Failed => {
                "(p.status = 'failed' OR (p.status = 'collecting' AND p.collect_until < $2) \
                 OR (p.status = 'closed' AND p.answered_at IS NULL AND p.refused_at IS NULL))"
            }
        };
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_PETITION} WHERE p.tenant_id = $1 AND ({condition}) AND p.id < $3 ORDER BY p.id DESC LIMIT $4"
        )))
        .bind(self.tenant.0)
        .bind(now.0)
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit))
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Everything a person authored, drafts included, newest first.
    pub async fn by_author(&self, author: UserId) -> Result<Vec<Petition>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_PETITION} WHERE p.tenant_id = $1 AND p.author_id = $2 ORDER BY p.id DESC"
        )))
        .bind(self.tenant.0)
        .bind(author.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// What staff owe an action on: petitions to check and petitions
    /// awaiting the council's answer, the nearest deadline first.
    pub async fn queue(&self) -> Result<Vec<Petition>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_PETITION} WHERE p.tenant_id = $1 AND p.status IN ('submitted', 'succeeded', 'forwarded') \
             ORDER BY COALESCE(p.answer_due_at, p.check_due_at), p.id"
        )))
        .bind(self.tenant.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Rewrites a draft; `false` when it is no longer one.
    pub async fn edit_draft(&self, id: i64, title: &str, body: &str) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE petitions SET title = $3, body = $4 WHERE tenant_id = $1 AND id = $2 AND status = 'draft'",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(title)
        .bind(body)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected()
            == 1)
    }

    async fn transition(&self, id: i64, from: &str, set: &str, binds: &[Option<i64>]) -> Result<bool, StoreError> {
        let sql = format!("UPDATE petitions SET {set} WHERE tenant_id = $1 AND id = $2 AND status IN ({from})");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(self.tenant.0).bind(id);
        for b in binds {
            q = q.bind(*b);
        }
        Ok(q.execute(&mut *self.db.writer().await?).await?.rows_affected() == 1)
    }

    pub async fn submit(&self, id: i64, at: Timestamp, check_due: i64) -> Result<bool, StoreError> {
        self.transition(
            id,
            "'draft'",
            "status = 'submitted', submitted_at = $3, check_due_at = $4",
            &[Some(at.0), Some(check_due)],
        )
        .await
    }

    pub async fn publish(
        &self,
        id: i64,
        at: Timestamp,
        collect_until: i64,
        threshold: i64,
    ) -> Result<bool, StoreError> {
        self.transition(
            id,
            "'submitted'",
            "status = 'collecting', published_at = $3, collect_until = $4, threshold = $5",
            &[Some(at.0), Some(collect_until), Some(threshold)],
        )
        .await
    }

    pub async fn refuse(&self, id: i64, at: Timestamp, reason: &str) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE petitions SET status = 'refused', refused_at = $3, refusal_reason = $4 \
             WHERE tenant_id = $1 AND id = $2 AND status = 'submitted'",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(at.0)
        .bind(reason)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected()
            == 1)
    }

    pub async fn forward(&self, id: i64, at: Timestamp) -> Result<bool, StoreError> {
        self.transition(
            id,
            "'succeeded'",
            "status = 'forwarded', forwarded_at = $3",
            &[Some(at.0)],
        )
        .await
    }

    pub async fn answer(
        &self,
        id: i64,
        at: Timestamp,
        text: &str,
        decision: CouncilDecision,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE petitions SET status = 'answered', answered_at = $3, answer = $4, decision = $5 \
             WHERE tenant_id = $1 AND id = $2 AND status IN ('succeeded', 'forwarded')",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(at.0)
        .bind(text)
        .bind(decision)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected()
            == 1)
    }

    /// Closes an answered, refused or failed petition (a failed one is
    /// still stored as collecting, past its period).
    pub async fn close(&self, id: i64, at: Timestamp) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE petitions SET status = 'closed', closed_at = $3 WHERE tenant_id = $1 AND id = $2 \
             AND (status IN ('answered', 'refused', 'failed') OR (status = 'collecting' AND collect_until < $3))",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected()
            == 1)
    }

    /// Petitions whose signing period ended below the threshold before `now`
    /// and whose failure nobody announced yet, the oldest first, at most
    /// `limit`.
    pub async fn unannounced_failures(&self, now: Timestamp, limit: i64) -> Result<Vec<Petition>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_PETITION} WHERE p.tenant_id = $1 AND p.status = 'collecting' \
             AND p.failure_announced_at IS NULL AND p.collect_until < $2 ORDER BY p.collect_until, p.id LIMIT $3"
        )))
        .bind(self.tenant.0)
        .bind(now.0)
        .bind(limit)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Marks a failed petition's failure announced; `true` for the one
    /// caller that marked it (of several nodes sweeping at once), `false`
    /// when it was announced, closed or still collecting. Call in the
    /// transaction that stores the announcement.
    pub async fn mark_failure_announced(&self, id: i64, at: Timestamp) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE petitions SET failure_announced_at = $3 WHERE tenant_id = $1 AND id = $2 \
             AND status = 'collecting' AND collect_until < $3 AND failure_announced_at IS NULL",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected()
            == 1)
    }

    /// Counts one signature of `user`, exactly once: the unique key refuses
    /// a second row, and the count moves only with a new row and only while
    /// the petition collects. Reaching the threshold makes it succeed, with
    /// the council's deadline `answer_due`, in the same statement order.
    /// Call inside a transaction.
    pub async fn sign(&self, id: i64, user: UserId, at: Timestamp, answer_due: i64) -> Result<Signed, StoreError> {
        let mut conn = self.db.writer().await?;
        let collecting: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM petitions WHERE tenant_id = $1 AND id = $2 AND status = 'collecting' AND collect_until >= $3",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(at.0)
        .fetch_optional(&mut *conn)
        .await?;
        if collecting.is_none() {
            return Ok(Signed::Closed);
        }
        let inserted = sqlx::query(
            "INSERT INTO petition_signatures (tenant_id, petition_id, user_id, signed_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, petition_id, user_id) DO NOTHING",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(user.0)
        .bind(at.0)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if inserted == 0 {
            return Ok(Signed::Already);
        }
        let count: i64 = sqlx::query_scalar(
            "UPDATE petitions SET signature_count = signature_count + 1 WHERE tenant_id = $1 AND id = $2 \
             RETURNING signature_count",
        )
        .bind(self.tenant.0)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(
            "UPDATE petitions SET status = 'succeeded', succeeded_at = $3, answer_due_at = $4 \
             WHERE tenant_id = $1 AND id = $2 AND status = 'collecting' AND signature_count >= threshold",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(at.0)
        .bind(answer_due)
        .execute(&mut *conn)
        .await?;
        Ok(Signed::Counted(count))
    }

    pub async fn has_signed(&self, id: i64, user: UserId) -> Result<bool, StoreError> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM petition_signatures WHERE tenant_id = $1 AND petition_id = $2 AND user_id = $3",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(user.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?;
        Ok(found.is_some())
    }

    /// The signers in the order they signed (deleted accounts without a name).
    pub async fn signers(&self, id: i64) -> Result<Vec<SignerRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT u.display_name, u.email, s.signed_at FROM petition_signatures s \
             LEFT JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id \
             WHERE s.tenant_id = $1 AND s.petition_id = $2 ORDER BY s.signed_at, s.user_id",
        )
        .bind(self.tenant.0)
        .bind(id)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }
}
