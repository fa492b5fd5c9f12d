//! Search over a tenant's visible ideas and comments.

use crate::ideas::PAGE_SIZE;
use crate::paging::Page;
use crate::{AppError, Platform};
use civic_core::{Invalid, TenantId};
use civic_store::search::{Search, SearchHit};

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

/// Where the next page of a search starts: below these ids of each kind
/// (ideas and comments are read newest first, each in id order, and merged
/// by date). Written as `{idea}-{comment}` in links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchCursor {
    pub idea_before: i64,
    pub comment_before: i64,
}

impl SearchCursor {
    pub const START: SearchCursor = SearchCursor {
        idea_before: i64::MAX,
        comment_before: i64::MAX,
    };

    pub fn parse(raw: &str) -> Option<SearchCursor> {
        let (idea, comment) = raw.split_once('-')?;
        let (idea_before, comment_before) = (idea.parse().ok()?, comment.parse().ok()?);
        (idea_before >= 0 && comment_before >= 0).then_some(SearchCursor {
            idea_before,
            comment_before,
        })
    }

    pub fn encode(self) -> String {
        format!("{}-{}", self.idea_before, self.comment_before)
    }
}

/// The fewest letters a search word needs: a one-letter prefix matches a
/// large part of every language's words, so it is dropped.
pub const MIN_TERM_CHARS: usize = 2;

/// The words of a query that are searched for: its distinct words of at
/// least [`MIN_TERM_CHARS`] letters or digits, in search form.
pub fn terms_of(q: &str) -> Vec<String> {
    civic_core::text::search_terms(q)
        .into_iter()
        .filter(|t| t.chars().count() >= MIN_TERM_CHARS)
        .collect()
}

/// Searches the tenant's visible ideas and comments, newest first. The
/// query has 1 to 200 characters with at least one word of two or more
/// letters or digits; `limit` is 1 to 50 (default 20); `cursor` is a
/// `next_cursor` of an earlier page.
pub async fn search(
    db: &Platform,
    tenant: TenantId,
    q: &str,
    limit: Option<u32>,
    cursor: Option<&str>,
) -> Result<Page<SearchResult>, AppError> {
    let q = q.trim();
    let terms = terms_of(q);
    if q.chars().count() > SEARCH_MAX_QUERY || terms.is_empty() {
        return Err(Invalid::new(
            "q",
            "invalid_query",
            format!("a search has 1 to {SEARCH_MAX_QUERY} characters, with at least one word of two letters or digits"),
        )
        .into());
    }
    let limit = limit.unwrap_or(PAGE_SIZE).clamp(1, SEARCH_MAX_LIMIT);
    let from = match cursor {
        None | Some("") => SearchCursor::START,
        Some(raw) => SearchCursor::parse(raw).ok_or_else(|| {
            AppError::BadRequest("this page link is not valid; use the link to the next page as given".into())
        })?,
    };
    let store = Search::of(db, tenant);
    let ideas = store.ideas(&terms, from.idea_before, limit + 1).await?;
    let comments = store.comments(&terms, from.comment_before, limit + 1).await?;
    let (hits, next) = merge_newest_first(ideas, comments, limit as usize, from);
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
        next_cursor: next.map(SearchCursor::encode),
    })
}

/// Merges two newest-first lists into one page of `limit`, by date (an
/// idea before a comment of the same instant); the cursor of the next page
/// when anything is left over. Each list is taken in its own order, so each
/// kind's part of the cursor is exact.
fn merge_newest_first(
    ideas: Vec<SearchHit>,
    comments: Vec<SearchHit>,
    limit: usize,
    from: SearchCursor,
) -> (Vec<SearchHit>, Option<SearchCursor>) {
    let mut ideas = ideas.into_iter().peekable();
    let mut comments = comments.into_iter().peekable();
    let mut page = Vec::with_capacity(limit);
    let mut next = from;
    while page.len() < limit {
        let take_idea = match (ideas.peek(), comments.peek()) {
            (Some(i), Some(c)) => i.created_at >= c.created_at,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let hit = if take_idea { ideas.next() } else { comments.next() };
        let Some(hit) = hit else { break };
        if take_idea {
            next.idea_before = hit.ref_id;
        } else {
            next.comment_before = hit.ref_id;
        }
        page.push(hit);
    }
    let more = ideas.peek().is_some() || comments.peek().is_some();
    (page, more.then_some(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(kind: &str, id: i64, at: i64) -> SearchHit {
        SearchHit {
            kind: kind.into(),
            idea_id: id,
            ref_id: id,
            title: String::new(),
            body: String::new(),
            created_at: at,
        }
    }

    #[test]
    fn pages_merge_by_date_and_continue_each_kind_where_it_stopped() {
        let ideas = vec![hit("idea", 9, 90), hit("idea", 7, 70), hit("idea", 3, 30)];
        let comments = vec![hit("comment", 50, 80), hit("comment", 40, 20)];
        let (page, next) = merge_newest_first(ideas, comments, 3, SearchCursor::START);
        let ids: Vec<i64> = page.iter().map(|h| h.ref_id).collect();
        assert_eq!(ids, [9, 50, 7]);
        assert_eq!(
            next,
            Some(SearchCursor {
                idea_before: 7,
                comment_before: 50
            })
        );
        let (last, none) = merge_newest_first(vec![hit("idea", 3, 30)], vec![hit("comment", 40, 20)], 3, next.unwrap());
        assert_eq!(last.len(), 2);
        assert_eq!(none, None);
    }

    #[test]
    fn cursors_parse_only_as_written() {
        let c = SearchCursor {
            idea_before: 12,
            comment_before: 345,
        };
        assert_eq!(SearchCursor::parse(&c.encode()), Some(c));
        for bad in ["", "12", "-1-2", "a-b", "1-2-3", "99999999999999999999-1"] {
            assert_eq!(SearchCursor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn one_letter_words_are_not_searched() {
        assert_eq!(terms_of("а б лавки"), ["лавки"]);
        assert!(terms_of("a b c").is_empty());
    }
}
