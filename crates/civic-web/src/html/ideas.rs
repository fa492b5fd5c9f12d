//! `/{tenant}/ideas/{idea}`: an idea, the city's answer and the discussion.

use super::{Shell, render};
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use civic_core::{IdeaId, Role};
use civic_store::comments::{CommentRecord, Comments};
use civic_store::ideas::{IdeaRecord, Ideas};
use civic_store::spaces::Spaces;
use std::collections::HashMap;

/// Comments shown on the page; pagination of longer threads comes with the
/// comments module.
const COMMENT_LIMIT: u32 = 500;

pub struct AnswerView {
    pub status: String,
    pub status_key: String,
    pub role_key: String,
    pub body: String,
    pub created_at: i64,
}

pub struct CommentView {
    pub id: i64,
    pub depth: usize,
    pub author_name: Option<String>,
    pub official: bool,
    pub alignment: String,
    pub alignment_key: String,
    pub body: String,
    pub body_html: String,
    pub created_at: i64,
}

#[derive(Template)]
#[template(path = "idea.html")]
struct IdeaPage {
    shell: Shell,
    slug: String,
    idea: IdeaRecord,
    status_key: String,
    space_title: String,
    body_html: String,
    osm_link: Option<(String, String)>,
    answers: Vec<AnswerView>,
    comments: Vec<CommentView>,
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    Path((_, idea)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    let ideas = Ideas::of(&state.db, t);
    let idea = ideas.get_public(id).await?.ok_or(WebError::NotFound)?;
    let space = Spaces::of(&state.db, t)
        .get_public(civic_core::SpaceId(idea.space_id))
        .await?
        .ok_or(WebError::NotFound)?;
    let answers = ideas
        .answers(id)
        .await?
        .into_iter()
        .map(|a| AnswerView {
            status_key: format!("status-{}", a.status),
            status: a.status,
            role_key: format!("role-{}", a.author_role),
            body: a.body,
            created_at: a.created_at,
        })
        .collect();
    let comments = thread(Comments::of(&state.db, t).for_idea(id, COMMENT_LIMIT).await?);
    let osm_link = match (idea.latitude, idea.longitude) {
        (Some(lat), Some(lon)) if lat.is_finite() && lon.is_finite() => {
            let (lat, lon) = (format!("{lat:.5}"), format!("{lon:.5}"));
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("lat", lat.clone());
            args.set("lon", lon.clone());
            Some((
                format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"),
                state.catalog.message(shell.i.locale, "idea-location-link", Some(&args)),
            ))
        }
        _ => None,
    };
    render(&IdeaPage {
        slug: tenant.slug.clone(),
        status_key: format!("status-{}", idea.status),
        space_title: space.title,
        body_html: crate::markdown::to_safe_html(&idea.body),
        osm_link,
        answers,
        comments,
        shell: shell.titled(idea.title.clone()),
        idea,
    })
}

/// Orders comments as threads (each reply after its parent, depth ≤ 3),
/// oldest first within a level.
fn thread(comments: Vec<CommentRecord>) -> Vec<CommentView> {
    let mut children: HashMap<Option<i64>, Vec<CommentRecord>> = HashMap::new();
    let known: std::collections::HashSet<i64> = comments.iter().map(|c| c.id).collect();
    for c in comments {
        // A reply whose parent is not on the page is shown at the top level.
        let parent = c.parent_id.filter(|p| known.contains(p));
        children.entry(parent).or_default().push(c);
    }
    let mut out = Vec::new();
    let mut stack: Vec<(CommentRecord, usize)> = children
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|c| (c, 0))
        .collect();
    while let Some((c, depth)) = stack.pop() {
        if let Some(replies) = children.remove(&Some(c.id)) {
            stack.extend(replies.into_iter().rev().map(|r| (r, depth + 1)));
        }
        out.push(CommentView {
            id: c.id,
            depth: depth.min(3),
            official: c
                .author_role
                .as_deref()
                .and_then(|r| Role::parse(r).ok())
                .is_some_and(Role::is_staff),
            author_name: c.author_name,
            alignment_key: format!("alignment-{}", c.alignment),
            alignment: c.alignment,
            body_html: crate::markdown::to_safe_html(&c.body),
            body: c.body,
            created_at: c.created_at,
        });
    }
    out
}
