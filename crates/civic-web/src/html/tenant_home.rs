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

/// What a budget or a consultation asks of residents now, for the home page.
pub struct AskCard {
    pub href: String,
    pub title: String,
    /// The phase's status word and its key.
    pub phase: &'static str,
    pub phase_key: String,
    /// "Vote until 26 December 2026" / "Propose projects until …".
    pub what: String,
}

#[derive(Template)]
#[template(path = "tenant_home.html")]
struct TenantHome {
    shell: Layout,
    slug: String,
    tenant_name: String,
    asks: Vec<AskCard>,
    spaces: Vec<SpaceCard>,
    ideas: Vec<IdeaCard>,
}

pub async fn show(State(state): State<AppState>, tenant: Tenant, shell: Layout) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let (spaces, ideas) = civic_app::spaces::home(&state.platform, t, 10).await?;
    let now = civic_core::Timestamp::now();
    // "Vote until 26 December 2026", or without a date when there is none.
    let until = |key: &str, end: Option<i64>| match end {
        Some(end) => shell
            .i
            .with(&format!("{key}-until"), "date", &shell.i.date(end - 86_400_000)),
        None => shell.i.t(key),
    };
    let mut asks: Vec<AskCard> = civic_app::budgets::asking_now(&state.platform, t)
        .await?
        .into_iter()
        .map(|b| {
            let what = if b.takes_ballots(now) {
                until("home-ask-vote", b.voting_ends)
            } else {
                until("home-ask-propose", b.submission_ends)
            };
            AskCard {
                href: format!("/{}/budgets/{}", tenant.slug, b.id),
                phase: b.phase.as_str(),
                phase_key: format!("budget-phase-{}", b.phase.as_str()),
                title: b.title,
                what,
            }
        })
        .collect();
    asks.extend(
        civic_app::consultations::asking_now(&state.platform, t)
            .await?
            .into_iter()
            .map(|c| AskCard {
                href: format!("/{}/consultations/{}", tenant.slug, c.id),
                phase: c.phase.as_str(),
                phase_key: format!("consultation-phase-{}", c.phase.as_str()),
                what: until("home-ask-comment", c.comments_end),
                title: c.title,
            }),
    );
    let title = shell.i.t("tenant-home-title");
    render(&TenantHome {
        asks,
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
