//! `/{tenant}/spaces/{space}`: a participatory space and its ideas.

use super::{IdeaCard, Shell, render};
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use civic_core::SpaceId;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "space.html")]
struct SpacePage {
    shell: Shell,
    slug: String,
    space_id: i64,
    title: String,
    status_key: String,
    /// Open for new ideas.
    open: bool,
    dates: Option<String>,
    description: String,
    description_html: String,
    ideas: Vec<IdeaCard>,
    next_cursor: Option<String>,
    conversations: Vec<civic_store::conversations::ConversationRecord>,
    /// Staff may open a conversation here.
    manages: bool,
    polls: Vec<PollCard>,
}

pub struct PollCard {
    pub id: i64,
    pub title: String,
    pub phase_key: String,
    pub phase: &'static str,
    pub response_count: i64,
}

#[derive(Deserialize)]
pub struct PageQuery {
    cursor: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    crate::auth::MaybeUser(user): crate::auth::MaybeUser,
    Path((_, space)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let space_id = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let (space, page) =
        civic_app::ideas::page_in_space(&state.db, tenant.tenant_id(), space_id, query.cursor.as_deref()).await?;
    let dates = match (space.starts_at, space.ends_at) {
        (Some(start), Some(end)) => {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("start", shell.i.date(start));
            args.set("end", shell.i.date(end));
            Some(state.catalog.message(shell.i.locale, "space-dates", Some(&args)))
        }
        _ => None,
    };
    let conversations = civic_store::conversations::Conversations::of(&state.db, tenant.tenant_id())
        .in_space(space_id)
        .await?;
    let manages = user
        .as_ref()
        .is_some_and(|(p, _)| civic_app::conversations::may_manage(crate::auth::role_of(p)));
    let now = civic_core::Timestamp::now();
    let polls = civic_store::polls::Polls::of(&state.db, tenant.tenant_id())
        .in_space(space_id)
        .await?
        .into_iter()
        .map(|p| PollCard {
            id: p.id,
            phase: p.phase(now),
            phase_key: format!("poll-phase-{}", p.phase(now)),
            response_count: p.response_count,
            title: p.title,
        })
        .collect();
    render(&SpacePage {
        polls,
        conversations,
        manages,
        slug: tenant.slug.clone(),
        space_id: space.id,
        status_key: format!("space-status-{}", space.status),
        open: space.is_open(civic_core::Timestamp::now()),
        dates,
        description_html: crate::markdown::to_safe_html(&space.description),
        description: space.description.clone(),
        ideas: page.items.into_iter().map(IdeaCard::from).collect(),
        next_cursor: page.next_cursor,
        shell: shell.titled(space.title.clone()),
        title: space.title,
    })
}
