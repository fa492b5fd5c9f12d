//! Search over a tenant's visible ideas and comments.

use crate::ideas::PAGE_SIZE;
use crate::paging::Page;
use crate::{AppError, Platform};
use civic_core::{Invalid, TenantId};
use civic_store::search::Search;

pub const SEARCH_MAX_QUERY: usize = 200;
pub const SEARCH_MAX_LIMIT: u32 = 50;

/// One search result, its excerpt as safe HTML (escaped, matches in `<mark>`).
#[derive(Debug, Clone)]
pub struct SearchResult {
    pub kind: String,
    pub idea_id: i64,
    pub comment_id: Option<i64>,
    pub title: String,
    pub snippet_html: String,
    pub created_at: i64,
}

/// Searches the tenant's visible ideas and comments. The query has 1 to 200
/// characters with at least one letter or digit; `limit` is 1 to 50
/// (default 20); `cursor` is a `next_cursor` of an earlier page.
pub async fn search(
    db: &Platform,
    tenant: TenantId,
    q: &str,
    limit: Option<u32>,
    cursor: Option<&str>,
) -> Result<Page<SearchResult>, AppError> {
    let q = q.trim();
    let terms = civic_core::text::search_terms(q);
    if q.chars().count() > SEARCH_MAX_QUERY || terms.is_empty() {
        return Err(Invalid::new(
            "q",
            "invalid_query",
            format!("a search has 1 to {SEARCH_MAX_QUERY} characters, with at least one letter or digit"),
        )
        .into());
    }
    let limit = limit.unwrap_or(PAGE_SIZE).clamp(1, SEARCH_MAX_LIMIT);
    let offset = match cursor {
        None | Some("") => 0,
        Some(raw) => raw.parse::<u32>().ok().filter(|o| *o <= 10_000).ok_or_else(|| {
            AppError::BadRequest("this page link is not valid; use the link to the next page as given".into())
        })?,
    };
    let mut hits = Search::of(db, tenant).query(&terms, limit + 1, offset).await?;
    let next_cursor = (hits.len() > limit as usize).then(|| (offset + limit).to_string());
    hits.truncate(limit as usize);
    Ok(Page {
        items: hits
            .into_iter()
            .map(|h| {
                let text = if h.kind == "idea" {
                    format!("{}\n{}", h.title, h.body)
                } else {
                    h.body.clone()
                };
                SearchResult {
                    comment_id: (h.kind == "comment").then_some(h.ref_id),
                    snippet_html: civic_core::text::highlight(&text, &terms, 30),
                    kind: h.kind,
                    idea_id: h.idea_id,
                    title: h.title,
                    created_at: h.created_at,
                }
            })
            .collect(),
        next_cursor,
    })
}
