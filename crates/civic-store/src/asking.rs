//! What the town asks residents now (the home page), in one query over the
//! modules that take part: published, open and in a published space.

use crate::{Db, StoreError};
use civic_core::asking::Ask;
use civic_core::{TenantId, Timestamp};

const ASKING: &str = "SELECT kind, id, title, ends_at FROM (\
     SELECT 'poll' AS kind, p.id, p.title, p.closes_at AS ends_at FROM polls p \
       JOIN spaces sp ON sp.tenant_id = p.tenant_id AND sp.id = p.space_id \
       WHERE p.tenant_id = $1 AND p.status = 'published' AND sp.status = 'published' \
       AND (p.opens_at IS NULL OR p.opens_at <= $2) AND (p.closes_at IS NULL OR p.closes_at > $2) \
     UNION ALL \
     SELECT 'conversation', c.id, c.question, CAST(NULL AS BIGINT) FROM conversations c \
       JOIN spaces sp ON sp.tenant_id = c.tenant_id AND sp.id = c.space_id \
       WHERE c.tenant_id = $1 AND c.status = 'open' AND sp.status = 'published' \
     UNION ALL \
     SELECT 'debate', d.id, d.question, d.closes_at FROM debates d \
       JOIN spaces sp ON sp.tenant_id = d.tenant_id AND sp.id = d.space_id \
       WHERE d.tenant_id = $1 AND d.concluded_at IS NULL AND sp.status = 'published' \
       AND (d.opens_at IS NULL OR d.opens_at <= $2) AND (d.closes_at IS NULL OR d.closes_at > $2) \
     UNION ALL \
     SELECT 'petition', t.id, t.title, t.collect_until FROM petitions t \
       WHERE t.tenant_id = $1 AND t.status = 'collecting' AND (t.collect_until IS NULL OR t.collect_until > $2) \
     UNION ALL \
     SELECT 'contest-entries', k.id, k.title, k.submissions_end FROM contests k \
       JOIN spaces sp ON sp.tenant_id = k.tenant_id AND sp.id = k.space_id \
       WHERE k.tenant_id = $1 AND k.announced_at IS NULL AND sp.status = 'published' \
       AND k.opens_at <= $2 AND k.submissions_end > $2 \
     UNION ALL \
     SELECT 'contest-vote', k.id, k.title, COALESCE(k.vote_end, k.submissions_end) FROM contests k \
       JOIN spaces sp ON sp.tenant_id = k.tenant_id AND sp.id = k.space_id \
       WHERE k.tenant_id = $1 AND k.announced_at IS NULL AND sp.status = 'published' AND k.public_vote <> 0 \
       AND k.submissions_end <= $2 AND COALESCE(k.vote_end, k.submissions_end) > $2\
     ) AS asking ORDER BY CASE WHEN ends_at IS NULL THEN 1 ELSE 0 END, ends_at, kind, id LIMIT $3";

/// Open questions of the tenant at `now`, soonest deadline first, at most
/// `limit`.
pub async fn asking_now(db: &Db, tenant: TenantId, now: Timestamp, limit: i64) -> Result<Vec<Ask>, StoreError> {
    Ok(sqlx::query_as(ASKING)
        .bind(tenant.0)
        .bind(now.0)
        .bind(limit)
        .fetch_all(&mut *db.reader().await?)
        .await?)
}
