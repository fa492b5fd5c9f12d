//! Topics of a space in the JSON API (issue 24): the topics anyone may
//! filter a space's ideas by (`GET .../ideas?topic=`), and the officials'
//! recompute.

use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::{Officials, Path, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use civic_app::topics::TopicSummary;
use civic_core::SpaceId;
use serde::Serialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/spaces/{space}/topics", get(list))
        .route("/api/v1/{tenant}/spaces/{space}/topics/recompute", post(recompute))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SpaceTopic {
    /// Pass it as `topic=` to the space's list of ideas.
    id: i64,
    /// The name staff gave it, or its words.
    title: String,
    /// Its most characteristic words.
    labels: Vec<String>,
    /// Texts (ideas and comments) in it at the last recompute.
    size: usize,
}

impl From<TopicSummary> for SpaceTopic {
    fn from(t: TopicSummary) -> Self {
        SpaceTopic {
            id: t.id,
            title: t.title(),
            labels: t.labels,
            size: t.size,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TopicList {
    /// Empty until staff first work out the topics.
    items: Vec<SpaceTopic>,
}

/// `GET /api/v1/{tenant}/spaces/{space}/topics`.
#[utoipa::path(get, path = "/api/v1/{tenant}/spaces/{space}/topics", tag = "spaces", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), responses((status = 200, description = "the space's topics, largest first", body = TopicList), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((_, space)): Path<(String, SpaceId)>,
) -> Result<Json<TopicList>, WebError> {
    let topics = civic_app::topics::list_public(&state.platform, tenant.tenant_id(), space).await?;
    Ok(Json(TopicList {
        items: topics.into_iter().map(SpaceTopic::from).collect(),
    }))
}

/// `POST /api/v1/{tenant}/spaces/{space}/topics/recompute` (officials and
/// administrators): works the topics out anew from the space's texts.
#[utoipa::path(post, path = "/api/v1/{tenant}/spaces/{space}/topics/recompute", tag = "spaces", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), responses((status = 200, description = "the topics as now worked out", body = TopicList), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn recompute(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(official, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, space)): Path<(String, SpaceId)>,
) -> Result<Json<TopicList>, WebError> {
    let actor = crate::auth::actor(&official, &address);
    civic_app::topics::recompute(&state.platform, tenant.tenant_id(), &actor, &official, space).await?;
    let topics = civic_app::topics::list(&state.platform, tenant.tenant_id(), space).await?;
    Ok(Json(TopicList {
        items: topics.into_iter().map(SpaceTopic::from).collect(),
    }))
}
