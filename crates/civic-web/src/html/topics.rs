//! `/{tenant}/spaces/{space}/topics`: what a space's ideas and comments are
//! about, for officials (issue 24): recompute the topics, name them, and
//! open the space's list filtered by one. Plain forms: no JavaScript.

use super::{Layout, render};
use crate::error::WebError;
use crate::extract::{CsrfForm, Officials, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::topics::{TopicDetail, TopicText};
use civic_core::SpaceId;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/spaces/{space}/topics", get(page))
        .route("/{tenant}/spaces/{space}/topics/recompute", post(recompute))
        .route("/{tenant}/spaces/{space}/topics/{topic}/name", post(rename))
}

/// A text of a topic, linked.
pub struct TextLink {
    pub href: String,
    pub text: String,
    /// "Comment" or "Idea", for the reader.
    pub kind_key: &'static str,
}

pub struct TopicView {
    pub id: i64,
    pub title: String,
    pub named: bool,
    pub name: String,
    pub words: String,
    pub size: i64,
    pub ideas: i64,
    pub representative: Option<TextLink>,
    pub examples: Vec<TextLink>,
    /// Why the name typed for this topic was refused.
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "topics.html")]
struct TopicsPage {
    shell: Layout,
    slug: String,
    csrf: String,
    space_id: i64,
    space_title: String,
    computed: Option<String>,
    item_count: i64,
    topics: Vec<TopicView>,
    notice: Option<String>,
    /// (field id, message) of a refused name, for the error summary.
    errors: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
}

const NOTICES: &[&str] = &["recomputed", "renamed"];

fn link(slug: &str, t: &TopicText) -> TextLink {
    TextLink {
        href: if t.kind == "idea" {
            format!("/{slug}/ideas/{}", t.id)
        } else {
            format!("/{slug}/ideas/{}#comment-{}", t.idea_id, t.id)
        },
        text: super::excerpt(&t.text, 160),
        kind_key: if t.kind == "idea" {
            "topics-kind-idea"
        } else {
            "topics-kind-comment"
        },
    }
}

fn view(slug: &str, t: TopicDetail) -> TopicView {
    TopicView {
        id: t.summary.id,
        title: t.summary.title(),
        named: t.summary.name.is_some(),
        name: t.summary.name.clone().unwrap_or_default(),
        words: t.summary.labels.join(", "),
        size: t.summary.size as i64,
        ideas: t.ideas as i64,
        representative: t.representative.as_ref().map(|r| link(slug, r)),
        examples: t.examples.iter().map(|e| link(slug, e)).collect(),
        error: None,
    }
}

/// `GET /{tenant}/spaces/{space}/topics` (officials and administrators).
async fn page(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(official, _): Staff<Officials>,
    Path((_, space)): Path<(String, SpaceId)>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let notice = query.done.filter(|d| NOTICES.contains(&d.as_str()));
    render(&topics_page(&state, &tenant, shell, &official, space, notice.as_deref(), None).await?)
}

/// A name typed for a topic and refused: the topic, the text, and why.
struct RefusedName<'a> {
    topic: i64,
    typed: &'a str,
    error: String,
}

/// The topics page: with the notice of what was just done, or with a
/// refused name kept in its field.
async fn topics_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    official: &civic_core::user::Principal,
    space: SpaceId,
    notice: Option<&str>,
    refused: Option<RefusedName<'_>>,
) -> Result<TopicsPage, WebError> {
    let overview = civic_app::topics::overview(&state.platform, tenant.tenant_id(), official.role, space).await?;
    let mut topics: Vec<TopicView> = overview.topics.into_iter().map(|t| view(&tenant.slug, t)).collect();
    let mut errors = Vec::new();
    if let Some(refused) = refused
        && let Some(topic) = topics.iter_mut().find(|t| t.id == refused.topic)
    {
        topic.name = refused.typed.chars().take(200).collect();
        errors.push((format!("topic-name-{}", topic.id), refused.error.clone()));
        topic.error = Some(refused.error);
    }
    let title = shell.i.t("topics-title");
    Ok(TopicsPage {
        notice: notice.map(|d| shell.i.t(&format!("topics-done-{d}"))),
        computed: overview.computed_at.map(|at| shell.i.date_time(at)),
        item_count: overview.item_count,
        topics,
        space_id: overview.space.id.0,
        space_title: overview.space.title,
        shell: shell.titled_form(title, !errors.is_empty(), "document-error-prefix"),
        slug: tenant.slug.clone(),
        csrf: official.csrf_token.clone(),
        errors,
    })
}

fn back(slug: &str, space: SpaceId, done: &str) -> Response {
    Redirect::to(&format!("/{slug}/spaces/{space}/topics?done={done}")).into_response()
}

#[derive(Deserialize)]
pub struct Empty {}

/// `POST /{tenant}/spaces/{space}/topics/recompute`.
async fn recompute(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(official, _): Staff<Officials>,
    address: crate::client_address::ClientAddress,
    Path((_, space)): Path<(String, SpaceId)>,
    CsrfForm(Empty {}): CsrfForm<Empty>,
) -> Result<Response, WebError> {
    let actor = crate::auth::actor(&official, &address);
    civic_app::topics::recompute(&state.platform, tenant.tenant_id(), &actor, &official, space).await?;
    Ok(back(&tenant.slug, space, "recomputed"))
}

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    name: String,
}

/// `POST /{tenant}/spaces/{space}/topics/{topic}/name` with `name` (empty:
/// the topic's words again).
async fn rename(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(official, _): Staff<Officials>,
    address: crate::client_address::ClientAddress,
    Path((_, space, topic)): Path<(String, SpaceId, String)>,
    CsrfForm(form): CsrfForm<NameForm>,
) -> Result<Response, WebError> {
    let topic: i64 = topic.parse().map_err(|_| WebError::NotFound)?;
    let actor = crate::auth::actor(&official, &address);
    let renamed = civic_app::topics::rename(
        &state.platform,
        tenant.tenant_id(),
        &actor,
        &official,
        space,
        topic,
        &form.name,
    )
    .await;
    match renamed {
        Ok(_) => Ok(back(&tenant.slug, space, "renamed")),
        Err(e) => match super::form_errors(&shell, &e).and_then(|errors| errors.into_iter().next()) {
            // The page again, with what was typed in its field.
            Some((_, error)) => {
                let refused = RefusedName {
                    topic,
                    typed: &form.name,
                    error,
                };
                let page = topics_page(&state, &tenant, shell, &official, space, None, Some(refused)).await?;
                Ok((http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
            }
            None => Err(e.into()),
        },
    }
}
