//! `/{tenant}/search`: the search form, and the ideas and comments that
//! match, a page at a time.

use super::{Layout, render};
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use civic_app::AppError;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/{tenant}/search", get(search))
}

pub struct SearchRow {
    pub kind_key: String,
    pub idea_id: i64,
    pub comment_id: Option<i64>,
    pub title: String,
    pub snippet_html: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    shell: Layout,
    slug: String,
    q: String,
    error: Option<String>,
    searched: bool,
    results: Vec<SearchRow>,
    next_cursor: Option<String>,
}

impl SearchPage {
    /// The query for a link's query string, percent-encoded.
    fn q_encoded(&self) -> String {
        let mut out = String::new();
        for b in self.q.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    cursor: Option<String>,
}

/// `GET /{tenant}/search?q=`: the form, and results when there is a query.
async fn search(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    address: ClientAddress,
    Query(query): Query<SearchQuery>,
) -> Result<Response, WebError> {
    let title = shell.i.t("search-title");
    let mut page = SearchPage {
        slug: tenant.slug.clone(),
        q: query.q.chars().take(300).collect(),
        error: None,
        searched: false,
        results: Vec::new(),
        next_cursor: None,
        shell: shell.titled(title),
    };
    if query.q.trim().is_empty() {
        return Ok(render(&page)?.into_response());
    }
    let found = crate::search_cache::search(
        &state,
        tenant.tenant_id(),
        &tenant.slug,
        &query.q,
        None,
        query.cursor.as_deref(),
        &address.0,
    )
    .await;
    match found {
        Ok(found) => {
            page.searched = true;
            page.next_cursor = found.next_cursor.clone();
            page.results = found
                .items
                .iter()
                .map(|r| SearchRow {
                    kind_key: format!("search-kind-{}", r.kind),
                    idea_id: r.idea_id,
                    comment_id: r.comment_id,
                    title: r.title.clone(),
                    snippet_html: r.snippet_html.clone(),
                })
                .collect();
            Ok(render(&page)?.into_response())
        }
        Err(AppError::Invalid(problems)) => {
            page.error = problems.first().map(|p| page.shell.i.problem(p));
            Ok(super::ideas::unprocessable(render(&page)?))
        }
        Err(e) => Err(e.into()),
    }
}
