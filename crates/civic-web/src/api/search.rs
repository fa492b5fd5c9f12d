//! Search in the JSON API: the tenant's visible ideas and comments.

use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/{tenant}/search", get(search))
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    limit: Option<u32>,
    cursor: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchItem {
    kind: String,
    idea_id: i64,
    comment_id: Option<i64>,
    title: String,
    /// Escaped HTML; the matches are in `<mark>`.
    snippet: String,
    created_at: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    items: Vec<SearchItem>,
    next_cursor: Option<String>,
}

/// `GET /api/v1/{tenant}/search?q=&limit=&cursor=`.
#[utoipa::path(get, path = "/api/v1/{tenant}/search", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("q" = String, Query, description = "words to find, 1 to 200 characters; words of one letter are left out, and at least one must remain"), ("limit" = Option<u32>, Query, description = "1 to 50, default 20"), ("cursor" = Option<String>, Query)), responses((status = 200, description = "matching ideas and comments with highlighted snippets", body = SearchResults), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many searches from this address", body = super::openapi::ErrorEnvelope)))]
pub async fn search(
    State(state): State<AppState>,
    tenant: Tenant,
    address: ClientAddress,
    Query(query): Query<SearchQuery>,
) -> Result<Json<SearchResults>, WebError> {
    let page = crate::search_cache::search(
        &state,
        tenant.tenant_id(),
        &tenant.slug,
        &query.q,
        query.limit,
        query.cursor.as_deref(),
        &address.0,
    )
    .await?;
    Ok(Json(SearchResults {
        items: page
            .items
            .iter()
            .map(|r| SearchItem {
                kind: r.kind.clone(),
                idea_id: r.idea_id,
                comment_id: r.comment_id,
                title: r.title.clone(),
                snippet: r.snippet_html.clone(),
                created_at: r.created_at,
            })
            .collect(),
        next_cursor: page.next_cursor.clone(),
    }))
}
