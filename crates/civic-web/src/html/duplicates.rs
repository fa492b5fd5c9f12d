//! `/{tenant}/spaces/{space}/duplicates`: the pairs of a space's ideas that
//! may ask for the same thing, for officials to merge or set aside
//! (issue 24). Plain forms: it works without JavaScript.

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
use civic_app::duplicates::IdeaText;
use civic_app::duplicates::{PlaceMatch, ProposedPair};
use civic_core::{IdeaId, Invalid, SpaceId};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/spaces/{space}/duplicates", get(page))
        .route("/{tenant}/spaces/{space}/duplicates/merge", post(merge))
        .route("/{tenant}/spaces/{space}/duplicates/dismiss", post(dismiss))
}

/// One idea of a pair, as the page shows it.
pub struct IdeaSide {
    pub id: i64,
    pub title: String,
    pub excerpt: String,
    pub status_key: String,
    pub status: String,
    pub support_count: i64,
    pub comment_count: i64,
    pub created_at: i64,
}

impl PairView {
    fn older(&self) -> &IdeaSide {
        &self.sides[0]
    }

    fn newer(&self) -> &IdeaSide {
        &self.sides[1]
    }
}

impl From<&IdeaText> for IdeaSide {
    fn from(i: &IdeaText) -> Self {
        IdeaSide {
            id: i.id.0,
            title: i.title.clone(),
            excerpt: super::excerpt(&i.body, 240),
            status_key: format!("status-{}", i.status),
            status: i.status.to_string(),
            support_count: i.support_count,
            comment_count: i.comment_count,
            created_at: i.created_at,
        }
    }
}

pub struct PairView {
    /// The older idea, then the newer.
    pub sides: [IdeaSide; 2],
    /// "82 %": how alike the two are.
    pub score: String,
    pub likely: bool,
    /// The message key of what the texts say about where, when it helps.
    pub places_key: Option<&'static str>,
    /// The buttons that keep the older or the newer idea, each naming its
    /// title and date (two duplicates often share a title).
    pub keep_older: String,
    pub keep_newer: String,
}

#[derive(Template)]
#[template(path = "duplicates.html")]
struct DuplicatesPage {
    shell: Layout,
    slug: String,
    csrf: String,
    space_id: i64,
    space_title: String,
    pairs: Vec<PairView>,
    notice: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
}

/// What a redirect back to the page may announce (`?done=`).
const NOTICES: &[&str] = &["merged", "dismissed"];

/// `GET /{tenant}/spaces/{space}/duplicates` (officials and administrators).
async fn page(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(official, _): Staff<Officials>,
    Path((_, space)): Path<(String, SpaceId)>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let (space, pairs) =
        civic_app::duplicates::proposed(&state.platform, tenant.tenant_id(), official.role, space).await?;
    let pairs = pairs.iter().map(|p| pair_view(&shell, p)).collect();
    let title = shell.i.t("duplicates-title");
    render(&DuplicatesPage {
        notice: query
            .done
            .filter(|d| NOTICES.contains(&d.as_str()))
            .map(|d| shell.i.t(&format!("duplicates-done-{d}"))),
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        csrf: official.csrf_token.clone(),
        space_id: space.id.0,
        space_title: space.title,
        pairs,
    })
}

fn keep_label(shell: &Layout, idea: &IdeaText) -> String {
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("title", idea.title.as_str());
    args.set("date", shell.i.date(idea.created_at));
    shell.i.with_args("duplicates-keep", &args)
}

fn pair_view(shell: &Layout, p: &ProposedPair) -> PairView {
    PairView {
        keep_older: keep_label(shell, &p.older),
        keep_newer: keep_label(shell, &p.newer),
        sides: [IdeaSide::from(&p.older), IdeaSide::from(&p.newer)],
        score: shell.i.percent((f64::from(p.score) * 100.0).round()),
        likely: p.likely,
        places_key: match p.places {
            PlaceMatch::Same => Some("duplicates-places-same"),
            PlaceMatch::Different => Some("duplicates-places-different"),
            PlaceMatch::Unknown => None,
        },
    }
}

#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    merged: String,
    #[serde(default)]
    into: String,
}

fn idea_field(field: &'static str, raw: &str) -> Result<IdeaId, Invalid> {
    IdeaId::parse(raw).ok_or_else(|| Invalid::new(field, "invalid_idea", "choose an idea from the list"))
}

fn back(slug: &str, space: SpaceId, done: &str) -> Response {
    Redirect::to(&format!("/{slug}/spaces/{space}/duplicates?done={done}")).into_response()
}

/// `POST /{tenant}/spaces/{space}/duplicates/merge` with `merged` and `into`.
async fn merge(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(official, _): Staff<Officials>,
    address: crate::client_address::ClientAddress,
    Path((_, space)): Path<(String, SpaceId)>,
    CsrfForm(form): CsrfForm<MergeForm>,
) -> Result<Response, WebError> {
    let merged = idea_field("merged", &form.merged)?;
    let into = idea_field("into", &form.into)?;
    let actor = crate::auth::actor(&official, &address);
    civic_app::duplicates::merge(
        &state.platform,
        tenant.tenant_id(),
        &actor,
        &official,
        Some(space),
        merged,
        into,
    )
    .await?;
    Ok(back(&tenant.slug, space, "merged"))
}

#[derive(Deserialize)]
pub struct DismissForm {
    #[serde(default)]
    one: String,
    #[serde(default)]
    other: String,
}

/// `POST /{tenant}/spaces/{space}/duplicates/dismiss` with `one` and
/// `other`: not the same request.
async fn dismiss(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(official, _): Staff<Officials>,
    address: crate::client_address::ClientAddress,
    Path((_, space)): Path<(String, SpaceId)>,
    CsrfForm(form): CsrfForm<DismissForm>,
) -> Result<Response, WebError> {
    let one = idea_field("one", &form.one)?;
    let other = idea_field("other", &form.other)?;
    let actor = crate::auth::actor(&official, &address);
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
    Ok(back(&tenant.slug, space, "dismissed"))
}
