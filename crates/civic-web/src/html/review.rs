//! `/{tenant}/review`: the officials' queue of ideas past their threshold
//! that wait for the city's answer, oldest first.

use super::{IdeaCard, Layout, render};
use crate::error::WebError;
use crate::extract::{Officials, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Html;
use axum::routing::get;
use civic_core::Timestamp;

pub fn router() -> Router<AppState> {
    Router::new().route("/{tenant}/review", get(review))
}

pub struct Waiting {
    pub card: IdeaCard,
    pub waited: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    shell: Layout,
    slug: String,
    waiting: Vec<Waiting>,
}

/// `GET /{tenant}/review` (officials and administrators).
async fn review(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    _: Staff<Officials>,
) -> Result<Html<String>, WebError> {
    let queue = civic_app::review::queue(&state.platform, tenant.tenant_id()).await?;
    let now = Timestamp::now().0;
    let waiting = queue
        .into_iter()
        .map(|i| Waiting {
            waited: shell
                .i
                .count("review-waiting-days", (now - i.created_at).max(0) / 86_400_000),
            card: IdeaCard::from(&i),
        })
        .collect();
    let title = shell.i.t("review-title");
    render(&ReviewPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        waiting,
    })
}
