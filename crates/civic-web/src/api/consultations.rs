//! Consultations through the API: the DESIGN section 5 paths (the
//! consultations of a space, a consultation with its sections, comments and
//! amendments on a section) plus reading a section's discussion, supporting
//! amendments, and what staff do (publish a document, move the phase,
//! answer amendments, the synthesis report).

use crate::auth::{CurrentUser, MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{ApiJson, Officials, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use civic_app::consultations::{self, AnswerInput, ConsultationInput, PhaseInput};
use civic_core::SpaceId;
use civic_core::consultations::{Amendment, Consultation, Section, SectionComment, word_diff};
use http::{StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/spaces/{space}/consultations", get(list).post(create))
        .route("/api/v1/{tenant}/consultations/{consultation}", get(show))
        .route("/api/v1/{tenant}/consultations/{consultation}/phase", put(set_phase))
        .route("/api/v1/{tenant}/consultations/{consultation}/report", get(report))
        .route("/api/v1/{tenant}/sections/{section}", get(section))
        .route(
            "/api/v1/{tenant}/sections/{section}/comments",
            get(comments).post(comment),
        )
        .route(
            "/api/v1/{tenant}/sections/{section}/amendments",
            get(amendments).post(amend),
        )
        .route(
            "/api/v1/{tenant}/amendments/{amendment}/support",
            put(support).delete(unsupport),
        )
        .route("/api/v1/{tenant}/amendments/{amendment}/withdraw", post(withdraw))
        .route("/api/v1/{tenant}/amendments/{amendment}/answer", post(answer))
}

fn viewer(user: &MaybeUser) -> Option<civic_core::Role> {
    user.0.as_ref().map(|(p, _)| p.role)
}

/// A consultation as JSON; the city's conclusion only once it is published
/// (closed), or for the staff who write it.
pub fn consultation_json(c: &Consultation, viewer: Option<civic_core::Role>) -> Value {
    let now = civic_core::Timestamp::now();
    let synthesis = (c.phase == civic_core::consultations::ConsultationPhase::Closed
        || viewer.is_some_and(consultations::may_manage))
    .then_some(&c.synthesis);
    json!({
        "id": c.id, "space_id": c.space_id, "title": c.title, "summary": c.summary,
        "phase": c.phase.as_str(),
        "comments_end": c.comments_end.map(civic_core::spaces::last_day),
        "takes_comments": c.takes_contributions(now), "synthesis": synthesis.cloned().flatten(),
        "section_count": c.section_count, "comment_count": c.comment_count,
        "amendment_count": c.amendment_count, "created_at": c.created_at,
    })
}

fn section_json(s: &Section) -> Value {
    json!({
        "id": s.id, "consultation_id": s.consultation_id, "number": s.position,
        "heading": s.heading, "text": s.body, "final_text": s.final_body,
        "comment_count": s.comment_count, "amendment_count": s.amendment_count,
    })
}

fn comment_json(m: &SectionComment) -> Value {
    json!({
        "id": m.id, "section_id": m.section_id, "parent_id": m.parent_id,
        "author_name": m.author_name, "body": m.body, "created_at": m.created_at,
    })
}

fn amendment_json(a: &Amendment, section: &Section) -> Value {
    json!({
        "id": a.id, "section_id": a.section_id, "author_name": a.author_name, "text": a.text,
        "status": a.status.as_str(), "answer": a.answer, "answered_at": a.answered_at,
        "supports": a.supports, "opposes": a.opposes, "created_at": a.created_at,
        "diff": word_diff(&section.body, &a.text),
    })
}

fn list_of(items: Vec<Value>) -> Json<Value> {
    Json(json!({ "items": items, "next_cursor": null }))
}

fn created(location: String, body: Value) -> Response {
    (StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response()
}

#[utoipa::path(get, path = "/api/v1/{tenant}/spaces/{space}/consultations", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), responses((status = 200, description = "the consultations of the space", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, space)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let items = consultations::in_space(&state.platform, tenant.tenant_id(), space, viewer(&user))
        .await?
        .iter()
        .map(|c| consultation_json(c, viewer(&user)))
        .collect();
    Ok(list_of(items))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewConsultation {
    #[serde(default)]
    title: String,
    /// What the document is and what the city asks (Markdown).
    #[serde(default)]
    summary: String,
    /// The document in Markdown; cut into sections.
    #[serde(default)]
    document: String,
    /// auto (default), articles, headings or paragraphs.
    #[serde(default)]
    split_by: Option<String>,
    /// YYYY-MM-DD, the last day comments are taken.
    #[serde(default)]
    comments_end: Option<String>,
    /// Open for comments at once (default: information first).
    #[serde(default)]
    open_for_comments: bool,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/spaces/{space}/consultations", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("space" = i64, Path)), request_body = NewConsultation, responses((status = 201, description = "published, with its sections", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "conflict (the space or the phase)", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, space)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewConsultation>,
) -> Result<Response, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    let id = consultations::create(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        space,
        &ConsultationInput {
            title: input.title,
            summary: input.summary,
            document: input.document,
            split_by: input.split_by.unwrap_or_default(),
            comments_end: input.comments_end.unwrap_or_default(),
            open_now: input.open_for_comments,
        },
    )
    .await?;
    let body = consultation_with_sections(&state, &tenant, id, Some(principal.role)).await?;
    Ok(created(format!("/api/v1/{}/consultations/{id}", tenant.slug), body))
}

async fn consultation_with_sections(
    state: &AppState,
    tenant: &Tenant,
    id: i64,
    viewer: Option<civic_core::Role>,
) -> Result<Value, WebError> {
    let t = tenant.tenant_id();
    let c = consultations::get(&state.platform, t, id, viewer).await?;
    let sections: Vec<Value> = consultations::sections(&state.platform, t, &c)
        .await?
        .iter()
        .map(section_json)
        .collect();
    let mut body = consultation_json(&c, viewer);
    body["sections"] = Value::Array(sections);
    Ok(body)
}

#[utoipa::path(get, path = "/api/v1/{tenant}/consultations/{consultation}", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("consultation" = i64, Path)), responses((status = 200, description = "the consultation with its sections in document order", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, consultation)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    Ok(Json(
        consultation_with_sections(&state, &tenant, id(&consultation)?, viewer(&user)).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ConsultationPhaseChange {
    /// information, comments, synthesis or closed.
    #[serde(default)]
    phase: String,
    /// YYYY-MM-DD, the last day comments are taken; left out: unchanged,
    /// empty: none.
    #[serde(default)]
    comments_end: Option<String>,
    /// The city's conclusion, needed to close; left out: unchanged.
    #[serde(default)]
    synthesis: Option<String>,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/consultations/{consultation}/phase", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("consultation" = i64, Path)), request_body = ConsultationPhaseChange, responses((status = 204, description = "the consultation is in the phase asked"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn set_phase(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, consultation)): Path<(String, String)>,
    ApiJson(input): ApiJson<ConsultationPhaseChange>,
) -> Result<StatusCode, WebError> {
    let t = tenant.tenant_id();
    let id = id(&consultation)?;
    // A field left out keeps its value (an empty one clears it).
    let now = consultations::get(&state.platform, t, id, Some(principal.role)).await?;
    let comments_end = input
        .comments_end
        .unwrap_or_else(|| now.comments_end.map(civic_core::spaces::last_day).unwrap_or_default());
    let synthesis = input.synthesis.or(now.synthesis).unwrap_or_default();
    consultations::set_phase(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        id,
        &PhaseInput {
            phase: &input.phase,
            comments_end: &comments_end,
            synthesis: &synthesis,
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/{tenant}/consultations/{consultation}/report", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("consultation" = i64, Path)), responses((status = 200, description = "the synthesis: per section its comments, amendments with support and answers, the final text; who took part (public once closed)", body = serde_json::Value), (status = 404, description = "not found (or not closed yet)", body = super::openapi::ErrorEnvelope)))]
pub async fn report(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, consultation)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let r = consultations::report(&state.platform, tenant.tenant_id(), id(&consultation)?, viewer(&user)).await?;
    let sections: Vec<Value> = r
        .sections
        .iter()
        .map(|(s, amendments)| {
            let mut v = section_json(s);
            v["amendments"] = amendments.iter().map(|a| amendment_json(a, s)).collect();
            v["final_diff"] = json!(word_diff(&s.body, s.current_body()));
            v
        })
        .collect();
    let p = r.participation;
    Ok(Json(json!({
        "consultation": consultation_json(&r.consultation, viewer(&user)),
        "participation": {
            "people": p.people, "commenters": p.commenters,
            "amendment_authors": p.amendment_authors, "supporters": p.supporters,
        },
        "unanswered_amendments": r.unanswered,
        "sections": sections,
    })))
}

#[utoipa::path(get, path = "/api/v1/{tenant}/sections/{section}", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("section" = i64, Path)), responses((status = 200, description = "a section with its comments and amendments", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn section(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, section)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let (_, s) = consultations::section(&state.platform, t, id(&section)?, viewer(&user)).await?;
    let d = consultations::discussion(&state.platform, t, &s, None).await?;
    let mut body = section_json(&s);
    body["comments"] = d.comments.iter().map(comment_json).collect();
    body["amendments"] = d.amendments.iter().map(|a| amendment_json(a, &s)).collect();
    Ok(Json(body))
}

#[utoipa::path(get, path = "/api/v1/{tenant}/sections/{section}/comments", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("section" = i64, Path)), responses((status = 200, description = "the comments on the section, oldest first (replies name their parent)", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn comments(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, section)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let (_, s) = consultations::section(&state.platform, t, id(&section)?, viewer(&user)).await?;
    let d = consultations::discussion(&state.platform, t, &s, None).await?;
    Ok(list_of(d.comments.iter().map(comment_json).collect()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewSectionComment {
    #[serde(default)]
    body: String,
    /// The comment on this section this one replies to.
    #[serde(default)]
    parent_id: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/sections/{section}/comments", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("section" = i64, Path)), request_body = NewSectionComment, responses((status = 201, description = "commented", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "comments are not open", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many contributions for now", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn comment(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, section)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewSectionComment>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let cid = consultations::comment(
        &state.platform,
        t,
        principal.user_id,
        id(&section)?,
        &input.body,
        input.parent_id,
    )
    .await?;
    let (_, s) = consultations::section(&state.platform, t, id(&section)?, Some(principal.role)).await?;
    let d = consultations::discussion(&state.platform, t, &s, None).await?;
    let body = d
        .comments
        .iter()
        .find(|m| m.id == cid)
        .map(comment_json)
        .unwrap_or_default();
    Ok(created(
        format!("/api/v1/{}/sections/{}/comments", tenant.slug, s.id),
        body,
    ))
}

#[utoipa::path(get, path = "/api/v1/{tenant}/sections/{section}/amendments", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("section" = i64, Path)), responses((status = 200, description = "the amendments of the section with their word-level difference, support and the city's answer", body = serde_json::Value), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope)))]
pub async fn amendments(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, section)): Path<(String, String)>,
) -> Result<Json<Value>, WebError> {
    let t = tenant.tenant_id();
    let (_, s) = consultations::section(&state.platform, t, id(&section)?, viewer(&user)).await?;
    let d = consultations::discussion(&state.platform, t, &s, None).await?;
    Ok(list_of(d.amendments.iter().map(|a| amendment_json(a, &s)).collect()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewAmendment {
    /// The section's text as the resident would write it.
    #[serde(default)]
    text: String,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/sections/{section}/amendments", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("section" = i64, Path)), request_body = NewAmendment, responses((status = 201, description = "proposed; open for support until the city answers", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "comments are not open", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused (empty, or the same as the section)", body = super::openapi::ErrorEnvelope), (status = 429, description = "too many contributions for now", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn amend(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, section)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewAmendment>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let aid = consultations::amend(&state.platform, t, principal.user_id, id(&section)?, &input.text).await?;
    let (_, s, a) = consultations::amendment(&state.platform, t, aid, Some(principal.role)).await?;
    Ok(created(
        format!("/api/v1/{}/sections/{}/amendments", tenant.slug, s.id),
        amendment_json(&a, &s),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AmendmentStance {
    /// support (default) or oppose.
    #[serde(default)]
    stance: Option<String>,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/amendments/{amendment}/support", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("amendment" = i64, Path)), request_body = AmendmentStance, responses((status = 204, description = "the caller supports (or opposes) it; idempotent"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "answered, withdrawn, one's own, or comments closed", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn support(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, amendment)): Path<(String, String)>,
    ApiJson(input): ApiJson<AmendmentStance>,
) -> Result<StatusCode, WebError> {
    let supports = match input.stance.as_deref().map(str::trim) {
        None | Some("") | Some("support") => true,
        Some("oppose") => false,
        Some(_) => {
            return Err(civic_core::Invalid::new(
                "stance",
                "invalid_amendment_stance",
                "the stance is support or oppose",
            )
            .into());
        }
    };
    consultations::support(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        id(&amendment)?,
        supports,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/{tenant}/amendments/{amendment}/support", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("amendment" = i64, Path)), responses((status = 204, description = "no longer supported nor opposed by the caller"), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "answered, withdrawn, or comments closed", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn unsupport(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, amendment)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    consultations::unsupport(&state.platform, tenant.tenant_id(), principal.user_id, id(&amendment)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/{tenant}/amendments/{amendment}/withdraw", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("amendment" = i64, Path)), responses((status = 204, description = "withdrawn by its author"), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not the author (or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "already answered or withdrawn", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn withdraw(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, amendment)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    consultations::withdraw(&state.platform, tenant.tenant_id(), principal.user_id, id(&amendment)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AmendmentAnswer {
    /// accepted, accepted_in_part or rejected.
    #[serde(default)]
    status: String,
    /// Why, shown to everyone (at least 10 characters).
    #[serde(default)]
    reason: String,
    /// The section's final text: needed when accepted in part; when
    /// accepted and absent, the amendment's text.
    #[serde(default)]
    final_text: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/{tenant}/amendments/{amendment}/answer", tag = "consultations", params(("tenant" = String, Path, description = "the municipality's slug"), ("amendment" = i64, Path)), request_body = AmendmentAnswer, responses((status = 204, description = "answered; the section's final text set when accepted"), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "not allowed (role or CSRF token)", body = super::openapi::ErrorEnvelope), (status = 404, description = "not found", body = super::openapi::ErrorEnvelope), (status = 409, description = "already answered, withdrawn, or the consultation is closed", body = super::openapi::ErrorEnvelope), (status = 422, description = "input refused", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn answer(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, amendment)): Path<(String, String)>,
    ApiJson(input): ApiJson<AmendmentAnswer>,
) -> Result<StatusCode, WebError> {
    consultations::answer(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        id(&amendment)?,
        &AnswerInput {
            status: input.status,
            reason: input.reason,
            final_text: input.final_text.unwrap_or_default(),
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
