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

#[derive(Debug, Clone, Copy)]
enum Kind {
    Idea,
    Comment,
}

/// The vector PostgreSQL indexes for an idea (the expression of
/// `ideas_search_idx`, or the index is not used).
pub const IDEA_VECTOR: &str = "to_tsvector('simple', i.search_text)";
/// The same for a comment (`comments_search_idx`).
pub const COMMENT_VECTOR: &str = "to_tsvector('simple', c.search_text)";

/// Every term as a prefix, all required (PostgreSQL).
fn tsquery(terms: &[&String]) -> String {
    terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" & ")
}

/// The tenant's rows, and every term as a prefix of a word of the text
/// (FTS5; the quotes keep its syntax out).
fn fts5_query(tenant: TenantId, terms: &[&String]) -> String {
    let words = terms
        .iter()
        .map(|t| format!("\"{t}\"*"))
        .collect::<Vec<_>>()
        .join(" AND ");
    format!("tenant_id : \"{}\" AND search_text : ({words})", tenant.0)
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

    /// Ideas in visible spaces matching every term (each already in search
    /// form: letters and digits only), newest first, with ids below
    /// `before`; at most `limit`. No terms, no hits.
    pub async fn ideas(&self, terms: &[String], before: i64, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
        self.matching(Kind::Idea, terms, before, limit).await
    }

    /// Comments under ideas in visible spaces, as [`Search::ideas`].
    pub async fn comments(&self, terms: &[String], before: i64, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
        self.matching(Kind::Comment, terms, before, limit).await
    }

    /// One kind's matches, newest first by id, read in that order and only
    /// as far as the page needs: no match is sorted or counted beyond it,
    /// so a common word costs what a rare one does.
    ///
    /// SQLite: the tenant is a column of the FTS5 table, named in the MATCH,
    /// and FTS5 hands rows over in descending rowid order (CROSS JOIN keeps
    /// the full-text table the outer loop, so the LIMIT stops it early).
    /// PostgreSQL: the term's matches come from the GIN index, then the
    /// tenant's visible ones are sorted and cut.
    async fn matching(
        &self,
        kind: Kind,
        terms: &[String],
        before: i64,
        limit: u32,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let terms = safe_terms(terms);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let visible = format!(
            "JOIN spaces s ON s.tenant_id = i.tenant_id AND s.id = i.space_id AND s.status IN {}",
            crate::spaces::VISIBLE
        );
        let (sql, query) = match (self.db.backend(), kind) {
            (Backend::Sqlite, Kind::Idea) => (
                format!(
                    "SELECT 'idea' AS kind, i.id AS idea_id, i.id AS ref_id, i.title, i.body, i.created_at \
                     FROM ideas_fts CROSS JOIN ideas i ON i.id = ideas_fts.rowid {visible} \
                     WHERE ideas_fts MATCH $2 AND ideas_fts.rowid < $3 AND i.tenant_id = $1 \
                     ORDER BY ideas_fts.rowid DESC LIMIT $4"
                ),
                fts5_query(self.tenant, &terms),
            ),
            (Backend::Sqlite, Kind::Comment) => (
                format!(
                    "SELECT 'comment' AS kind, c.idea_id, c.id AS ref_id, i.title, c.body, c.created_at \
                     FROM comments_fts CROSS JOIN comments c ON c.id = comments_fts.rowid \
                     JOIN ideas i ON i.tenant_id = c.tenant_id AND i.id = c.idea_id {visible} \
                     WHERE comments_fts MATCH $2 AND comments_fts.rowid < $3 AND c.tenant_id = $1 AND c.deleted_at IS NULL \
                     ORDER BY comments_fts.rowid DESC LIMIT $4"
                ),
                fts5_query(self.tenant, &terms),
            ),
            // PostgreSQL: the matches are gathered through the GIN index
            // first (MATERIALIZED keeps the planner from walking the
            // tenant's rows newest first and computing each one's vector
            // until it has a page, which took seconds for a rare word),
            // then joined, sorted and cut.
            (Backend::Postgres, Kind::Idea) => (
                format!(
                    "WITH matched AS MATERIALIZED ( \
                       SELECT i.id FROM ideas i WHERE i.tenant_id = $1 AND i.id < $3 \
                       AND {IDEA_VECTOR} @@ to_tsquery('simple', $2)) \
                     SELECT CAST('idea' AS TEXT) AS kind, i.id AS idea_id, i.id AS ref_id, i.title, i.body, i.created_at \
                     FROM matched m JOIN ideas i ON i.tenant_id = $1 AND i.id = m.id {visible} \
                     ORDER BY i.id DESC LIMIT $4"
                ),
                tsquery(&terms),
            ),
            (Backend::Postgres, Kind::Comment) => (
                format!(
                    "WITH matched AS MATERIALIZED ( \
                       SELECT c.id FROM comments c WHERE c.tenant_id = $1 AND c.id < $3 AND c.deleted_at IS NULL \
                       AND {COMMENT_VECTOR} @@ to_tsquery('simple', $2)) \
                     SELECT CAST('comment' AS TEXT) AS kind, c.idea_id, c.id AS ref_id, i.title, c.body, c.created_at \
                     FROM matched m JOIN comments c ON c.tenant_id = $1 AND c.id = m.id \
                     JOIN ideas i ON i.tenant_id = c.tenant_id AND i.id = c.idea_id {visible} \
                     ORDER BY c.id DESC LIMIT $4"
                ),
                tsquery(&terms),
            ),
        };
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(query)
            .bind(before)
            .bind(i64::from(limit))
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
                 WHERE ideas_fts MATCH $2 AND i.tenant_id = $1 AND i.space_id = $3 AND i.status NOT IN ('withdrawn', 'merged') \
                 ORDER BY bm25(ideas_fts), i.id LIMIT $4"
                    .to_string(),
                format!(
                    "tenant_id : \"{}\" AND search_text : ({})",
                    self.tenant.0,
                    terms
                        .iter()
                        .map(|t| format!("\"{t}\"*"))
                        .collect::<Vec<_>>()
                        .join(" OR ")
                ),
            ),
            Backend::Postgres => (
                format!(
                    "SELECT i.id, i.title, i.status, i.support_count FROM ideas i \
                     WHERE i.tenant_id = $1 AND i.space_id = $3 AND i.status NOT IN ('withdrawn', 'merged') \
                     AND {IDEA_VECTOR} @@ to_tsquery('simple', $2) \
                     ORDER BY ts_rank({IDEA_VECTOR}, to_tsquery('simple', $2)) DESC, i.id LIMIT $4"
                ),
                terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" | "),
            ),
        };
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(query)
            .bind(space.0)
            .bind(i64::from(limit))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }
}
