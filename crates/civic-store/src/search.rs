//! Full-text search over a tenant's ideas and comments. Text is indexed in
//! its search form (`civic_core::text::search_form`: lower case, no
//! diacritics, apostrophes folded), so both backends see the same words:
//! SQLite through FTS5 tables (`unicode61 remove_diacritics 2`), PostgreSQL
//! through GIN indexes on `to_tsvector('simple', …)`. Every term matches the
//! words it begins, and all terms must match.

use crate::{Backend, Db, StoreError};
// Dynamic SQL here is only ever constant fragments joined by format!; every
// value is bound.
use civic_core::{SpaceId, TenantId};
use sqlx::AssertSqlSafe;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SearchHit {
    /// `idea` or `comment`.
    pub kind: String,
    pub idea_id: i64,
    /// The comment's id for a comment, the idea's for an idea.
    pub ref_id: i64,
    pub title: String,
    /// The idea's body, or the comment's.
    pub body: String,
    pub created_at: i64,
}

/// The terms that are words (letters and digits only), so nothing of either
/// backend's query syntax can reach the query.
fn safe_terms(terms: &[String]) -> Vec<&String> {
    terms
        .iter()
        .filter(|t| !t.is_empty() && t.chars().all(char::is_alphanumeric))
        .collect()
}

/// An idea that may be the same as one being written.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SimilarIdea {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub support_count: i64,
}

/// Search within one tenant.
pub struct Search<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Search<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Search { db, tenant }
    }

    /// Ideas and comments in visible spaces matching every term (each term
    /// already in search form: letters and digits only), newest first;
    /// `offset` skips that many hits. No terms, no hits.
    pub async fn query(&self, terms: &[String], limit: u32, offset: u32) -> Result<Vec<SearchHit>, StoreError> {
        let terms = safe_terms(terms);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let visible = format!(
            "JOIN spaces s ON s.tenant_id = i.tenant_id AND s.id = i.space_id AND s.status IN {}",
            crate::spaces::VISIBLE
        );
        // The page of hits is chosen by id and date alone; titles and bodies
        // are read for those twenty only, not carried through the sort of
        // every match (a common word matches thousands of comments).
        //
        // SQLite: CROSS JOIN keeps the full-text match the outer loop. Left
        // to itself the planner walked the tenant's index and ran the match
        // once per row (100,000 comments: 6 s instead of 5 ms).
        let (hits, query) = match self.db.backend() {
            Backend::Sqlite => (
                format!(
                    "SELECT 'idea' AS kind, i.id AS idea_id, i.id AS ref_id, i.created_at \
                     FROM ideas_fts CROSS JOIN ideas i ON i.id = ideas_fts.rowid {visible} \
                     WHERE ideas_fts MATCH $2 AND i.tenant_id = $1 \
                     UNION ALL \
                     SELECT 'comment' AS kind, c.idea_id, c.id AS ref_id, c.created_at \
                     FROM comments_fts CROSS JOIN comments c ON c.id = comments_fts.rowid \
                     JOIN ideas i ON i.tenant_id = c.tenant_id AND i.id = c.idea_id {visible} \
                     WHERE comments_fts MATCH $2 AND c.tenant_id = $1"
                ),
                // `"term"*`: a prefix query; the quotes keep FTS5 syntax out.
                terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" "),
            ),
            Backend::Postgres => (
                format!(
                    "SELECT CAST('idea' AS TEXT) AS kind, i.id AS idea_id, i.id AS ref_id, i.created_at \
                     FROM ideas i {visible} \
                     WHERE i.tenant_id = $1 AND to_tsvector('simple', i.search_text) @@ to_tsquery('simple', $2) \
                     UNION ALL \
                     SELECT CAST('comment' AS TEXT) AS kind, c.idea_id, c.id AS ref_id, c.created_at \
                     FROM comments c JOIN ideas i ON i.tenant_id = c.tenant_id AND i.id = c.idea_id {visible} \
                     WHERE c.tenant_id = $1 AND to_tsvector('simple', c.search_text) @@ to_tsquery('simple', $2)"
                ),
                terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" & "),
            ),
        };
        let sql = format!(
            "SELECT h.kind, h.idea_id, h.ref_id, i.title, CASE WHEN h.kind = 'comment' THEN c.body ELSE i.body END AS body, h.created_at \
             FROM (SELECT * FROM ({hits}) matched ORDER BY created_at DESC, kind DESC, ref_id DESC LIMIT $3 OFFSET $4) h \
             JOIN ideas i ON i.tenant_id = $1 AND i.id = h.idea_id \
             LEFT JOIN comments c ON h.kind = 'comment' AND c.tenant_id = $1 AND c.id = h.ref_id \
             ORDER BY h.created_at DESC, h.kind DESC, h.ref_id DESC"
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(query)
            .bind(i64::from(limit))
            .bind(i64::from(offset))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// Ideas of one space whose title or text share words with `terms`
    /// (already in search form), best match first; withdrawn ideas are left
    /// out. Any term may match, so "bench in the park" finds "park benches".
    pub async fn similar_ideas(
        &self,
        space: SpaceId,
        terms: &[String],
        limit: u32,
    ) -> Result<Vec<SimilarIdea>, StoreError> {
        let terms = safe_terms(terms);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let (sql, query) = match self.db.backend() {
            Backend::Sqlite => (
                "SELECT i.id, i.title, i.status, i.support_count \
                 FROM ideas_fts CROSS JOIN ideas i ON i.id = ideas_fts.rowid \
                 WHERE ideas_fts MATCH $2 AND i.tenant_id = $1 AND i.space_id = $3 AND i.status <> 'withdrawn' \
                 ORDER BY bm25(ideas_fts), i.id LIMIT $4",
                terms
                    .iter()
                    .map(|t| format!("\"{t}\"*"))
                    .collect::<Vec<_>>()
                    .join(" OR "),
            ),
            Backend::Postgres => (
                "SELECT i.id, i.title, i.status, i.support_count FROM ideas i \
                 WHERE i.tenant_id = $1 AND i.space_id = $3 AND i.status <> 'withdrawn' \
                 AND to_tsvector('simple', i.search_text) @@ to_tsquery('simple', $2) \
                 ORDER BY ts_rank(to_tsvector('simple', i.search_text), to_tsquery('simple', $2)) DESC, i.id LIMIT $4",
                terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" | "),
            ),
        };
        Ok(sqlx::query_as(sql)
            .bind(self.tenant.0)
            .bind(query)
            .bind(space.0)
            .bind(i64::from(limit))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }
}
