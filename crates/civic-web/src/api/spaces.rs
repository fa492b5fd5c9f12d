use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::extract::State;
use civic_store::spaces::Spaces;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Space {
    id: i64,
    title: String,
    description: String,
    status: String,
    support_threshold: i64,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
    idea_count: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SpaceList {
    items: Vec<Space>,
    next_cursor: Option<String>,
}

/// `GET /api/v1/{tenant}/spaces`: the published (and closed) spaces.
#[utoipa::path(get, path = "/api/v1/{tenant}/spaces", tag = "spaces", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "published and closed spaces", body = SpaceList), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn list(State(state): State<AppState>, tenant: Tenant) -> Result<Json<SpaceList>, WebError> {
    let spaces = Spaces::of(&state.db, tenant.tenant_id()).list_public().await?;
    Ok(Json(SpaceList {
        items: spaces
            .into_iter()
            .map(|s| Space {
                id: s.id,
                title: s.title,
                description: s.description,
                status: s.status,
                support_threshold: s.support_threshold,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                idea_count: s.idea_count,
            })
            .collect(),
        next_cursor: None,
    }))
}
