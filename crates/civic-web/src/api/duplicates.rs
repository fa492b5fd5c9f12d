//! Duplicate ideas in the JSON API (issue 24): the pairs a space's finder
//! proposes, merging one idea into another, and setting a pair aside.
//! Officials and administrators.

use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::{ApiJson, Officials, Path, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use civic_app::duplicates::{IdeaText, PlaceMatch, ProposedPair};
use civic_core::{IdeaId, SpaceId};
use http::StatusCode;
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/spaces/{space}/duplicates", get(list))
        .route("/api/v1/{tenant}/spaces/{space}/duplicates/dismissals", post(dismiss))
        .route("/api/v1/{tenant}/ideas/{idea}/merge", post(merge))
}

/// One idea of a proposed pair.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PairIdea {
    id: i64,
    title: String,
    status: String,
    support_count: i64,
    comment_count: i64,
    created_at: i64,
}

impl From<&IdeaText> for PairIdea {
    fn from(i: &IdeaText) -> Self {
        PairIdea {
            id: i.id.0,
            title: i.title.clone(),
            status: i.status.to_string(),
            support_count: i.support_count,
            comment_count: i.comment_count,
            created_at: i.created_at,
        }
    }
}

/// Two ideas that may ask for the same thing.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DuplicatePair {
    older: PairIdea,
    newer: PairIdea,
    /// 0..1, how alike the two are (places counted).
    score: f32,
    /// 0..1, how alike the texts are, places aside.
    text_similarity: f32,
    /// `same`, `different` or `unknown`: what the texts say about where.
    places: &'static str,
    /// At or above the finder's threshold: likely the same request.
    likely: bool,
}

impl From<&ProposedPair> for DuplicatePair {
    fn from(p: &ProposedPair) -> Self {
        DuplicatePair {
            older: PairIdea::from(&p.older),
            newer: PairIdea::from(&p.newer),
            score: p.score,
            text_similarity: p.text_similarity,
            places: match p.places {
                PlaceMatch::Same => "same",
                PlaceMatch::Different => "different",
                PlaceMatch::Unknown => "unknown",
            },
            likely: p.likely,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DuplicateList {
    /// Best first, at most 100; pairs set aside are left out.
    items: Vec<DuplicatePair>,
}

/// `GET /api/v1/{tenant}/spaces/{space}/duplicates`.
#[utoipa::path(get, path = "/api/v1/{tenant}/spaces/{space}/duplicates", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), responses((status = 200, description = "pairs of the space's open ideas that may be duplicates, best first", body = DuplicateList), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not an official or administrator", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(official, _): Staff<Officials>,
    Path((_, space)): Path<(String, SpaceId)>,
) -> Result<Json<DuplicateList>, WebError> {
    let (_, pairs) = civic_app::duplicates::proposed(&state.platform, tenant.tenant_id(), official.role, space).await?;
    Ok(Json(DuplicateList {
        items: pairs.iter().map(DuplicatePair::from).collect(),
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MergeInput {
    /// The idea to keep: the one in the path moves into it.
    into: i64,
}

/// What a merge moved.
#[derive(Serialize, utoipa::ToSchema)]
pub struct MergeOutcome {
    merged: i64,
    into: i64,
    /// Supports of people who had not supported the kept idea.
    supports_moved: u64,
    /// Supporters of both ideas: their one support stays on the kept idea.
    supports_shared: u64,
    comments_moved: u64,
    followers_moved: u64,
}

/// `POST /api/v1/{tenant}/ideas/{idea}/merge` `{into}`: merges the idea into
/// `into`.
#[utoipa::path(post, path = "/api/v1/{tenant}/ideas/{idea}/merge", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("idea" = i64, Path, description = "the idea merged away")), request_body = MergeInput, responses((status = 200, description = "merged", body = MergeOutcome), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "one of the ideas is withdrawn or merged", body = super::openapi::ErrorEnvelope), (status = 422, description = "the same idea twice, or ideas of two spaces", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn merge(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(official, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, idea)): Path<(String, IdeaId)>,
    ApiJson(input): ApiJson<MergeInput>,
) -> Result<Json<MergeOutcome>, WebError> {
    let actor = crate::auth::actor(&official, &address);
    let into = IdeaId(input.into);
    let moved =
        civic_app::duplicates::merge(&state.platform, tenant.tenant_id(), &actor, &official, None, idea, into).await?;
    Ok(Json(MergeOutcome {
        merged: idea.0,
        into: into.0,
        supports_moved: moved.supports_moved,
        supports_shared: moved.supports_shared,
        comments_moved: moved.comments_moved,
        followers_moved: moved.followers_moved,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DismissalInput {
    /// The two ideas judged not to ask for the same thing.
    ideas: [i64; 2],
}

/// `POST /api/v1/{tenant}/spaces/{space}/duplicates/dismissals`
/// `{ideas: [a, b]}` -> 204: the pair is not proposed again (idempotent).
#[utoipa::path(post, path = "/api/v1/{tenant}/spaces/{space}/duplicates/dismissals", tag = "ideas", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), request_body = DismissalInput, responses((status = 204, description = "set aside"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "the same idea twice, or ideas of two spaces", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn dismiss(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(official, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, space)): Path<(String, SpaceId)>,
    ApiJson(input): ApiJson<DismissalInput>,
) -> Result<StatusCode, WebError> {
    let actor = crate::auth::actor(&official, &address);
    let [one, other] = input.ideas.map(IdeaId);
    civic_app::duplicates::dismiss(
        &state.platform,
        tenant.tenant_id(),
        &actor,
        &official,
        space,
        one,
        other,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
