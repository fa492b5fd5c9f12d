//! `/{tenant}/`: the municipality's home page.

use super::{IdeaCard, Layout, render};
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, Redirect};
use axum::routing::get;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}", get(redirect_to_slash))
        .route("/{tenant}/", get(show))
}

pub struct SpaceCard {
    pub id: i64,
    pub title: String,
    pub status_key: String,
    pub idea_count: i64,
}

#[derive(Template)]
#[template(path = "tenant_home.html")]
struct TenantHome {
    shell: Layout,
    slug: String,
    tenant_name: String,
    spaces: Vec<SpaceCard>,
    ideas: Vec<IdeaCard>,
}

pub async fn show(State(state): State<AppState>, tenant: Tenant, shell: Layout) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let (spaces, ideas) = civic_app::spaces::home(&state.platform, t, 10).await?;
    let title = shell.i.t("tenant-home-title");
    render(&TenantHome {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        tenant_name: tenant.name.clone(),
        spaces: spaces
            .into_iter()
            .map(|s| SpaceCard {
                id: s.id.0,
                status_key: format!("space-status-{}", s.status),
                title: s.title,
                idea_count: s.idea_count.unwrap_or_default(),
            })
            .collect(),
        ideas: ideas.iter().map(IdeaCard::from).collect(),
    })
}

/// `/{tenant}` without the slash: one canonical address per page.
pub async fn redirect_to_slash(tenant: Tenant) -> Redirect {
    Redirect::permanent(&format!("/{}/", tenant.slug))
}
