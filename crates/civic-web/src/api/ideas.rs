use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::extract::{Path, Query, State};
use civic_core::{IdeaId, SpaceId};
use civic_store::comments::Comments;
use civic_store::ideas::{IdeaRecord, Ideas};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
pub struct Location {
    latitude: f64,
    longitude: f64,
}

#[derive(Serialize)]
pub struct Idea {
    id: i64,
    space_id: i64,
    title: String,
    body: String,
    status: String,
    category: Option<String>,
    district: Option<String>,
    location: Option<Location>,
    support_count: i64,
    comment_count: i64,
    author: Option<String>,
    created_at: i64,
}

impl From<IdeaRecord> for Idea {
    fn from(i: IdeaRecord) -> Self {
        Idea {
            id: i.id,
            space_id: i.space_id,
            title: i.title,
            body: i.body,
            status: i.status,
            category: i.category,
            district: i.district,
            location: i
                .latitude
                .zip(i.longitude)
                .map(|(latitude, longitude)| Location { latitude, longitude }),
            support_count: i.support_count,
            comment_count: i.comment_count,
            author: i.author_name,
            created_at: i.created_at,
        }
    }
}

#[derive(Serialize)]
pub struct IdeaList {
    items: Vec<Idea>,
    next_cursor: Option<String>,
}

#[derive(Deserialize)]
pub struct ListQuery {
    cursor: Option<String>,
}

/// `GET /api/v1/{tenant}/spaces/{space}/ideas?cursor=`: newest first.
pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((_, space)): Path<(String, String)>,
    Query(query): Query<ListQuery>,
) -> Result<Json<IdeaList>, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let (_, page) =
        civic_app::ideas::page_in_space(&state.db, tenant.tenant_id(), space, query.cursor.as_deref()).await?;
    Ok(Json(IdeaList {
        items: page.items.into_iter().map(Idea::from).collect(),
        next_cursor: page.next_cursor,
    }))
}

#[derive(Serialize)]
pub struct Answer {
    status: String,
    text: String,
    author_role: String,
    created_at: i64,
}

#[derive(Serialize)]
pub struct IdeaDetail {
    #[serde(flatten)]
    idea: Idea,
    answers: Vec<Answer>,
}

/// `GET /api/v1/{tenant}/ideas/{id}`: with support count, status, answers.
pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((_, idea)): Path<(String, String)>,
) -> Result<Json<IdeaDetail>, WebError> {
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let ideas = Ideas::of(&state.db, tenant.tenant_id());
    let idea = ideas.get_public(id).await?.ok_or(WebError::NotFound)?;
    let answers = ideas
        .answers(id)
        .await?
        .into_iter()
        .map(|a| Answer {
            status: a.status,
            text: a.body,
            author_role: a.author_role,
            created_at: a.created_at,
        })
        .collect();
    Ok(Json(IdeaDetail {
        idea: idea.into(),
        answers,
    }))
}

#[derive(Serialize)]
pub struct Comment {
    id: i64,
    parent_id: Option<i64>,
    body: String,
    alignment: String,
    author: Option<String>,
    official: bool,
    created_at: i64,
}

#[derive(Serialize)]
pub struct CommentList {
    items: Vec<Comment>,
    next_cursor: Option<String>,
}

/// `GET /api/v1/{tenant}/ideas/{id}/comments`: oldest first.
pub async fn comments(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((_, idea)): Path<(String, String)>,
) -> Result<Json<CommentList>, WebError> {
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    Ideas::of(&state.db, t)
        .get_public(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let comments = Comments::of(&state.db, t).for_idea(id, 500).await?;
    Ok(Json(CommentList {
        items: comments
            .into_iter()
            .map(|c| Comment {
                id: c.id,
                parent_id: c.parent_id,
                body: c.body,
                alignment: c.alignment,
                official: c
                    .author_role
                    .as_deref()
                    .and_then(|r| civic_core::Role::parse(r).ok())
                    .is_some_and(civic_core::Role::is_staff),
                author: c.author_name,
                created_at: c.created_at,
            })
            .collect(),
        next_cursor: None,
    }))
}
